#define G_LOG_DOMAIN "bench-startup"

#include "config.h"

#include <locale.h>
#include <signal.h>
#include <string.h>

#include <gio/gio.h>
#include <glib/gstdio.h>

#include "zb-demo.h"
#include "zb-secret.h"
#include "zb-test-bench.h"
#include "zb-test-util.h"

/* bench startup (DESIGN.md, Performance): the app opening a 10,000-member
 * branch, from exec to the end of the first frame that shows the roster,
 * over a minimal GTK 4 window (tests/bench-minimal-window.c) from exec to
 * the end of its first frame (<= 2). Each prints a line once the frame is
 * painted (the app when ZHIBU_FIRST_FRAME_MARKER is set), naming the
 * renderer; both run under the same X server, environment and GSK_RENDERER.
 * The app opens the database as a secretary's PC does, with its key from the
 * keyring (tests/run-with-keyring.sh). Warm: one start of each first, then
 * best of RUNS, taking turns. The database is kept in the build directory
 * between runs, with its key, which goes into each run's new keyring. */

#define N_MEMBERS 10000
#define RUNS      3
#define TARGET    2.0

static char *
make_branch (const char *path,
             const char *key_path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ZbKey) key = zb_key_new_random (&error);
  g_autoptr(ZbStore) store = zb_store_create (path, key, "基准支部", &error);

  g_assert_no_error (error);
  zb_demo_fill (store, N_MEMBERS, 2026, &error);
  g_assert_no_error (error);
  g_file_set_contents (key_path, zb_key_get_secret (key), -1, &error);
  g_assert_no_error (error);
  return g_strdup (zb_key_get_secret (key));
}

/* The cached branch, or a new one; its key goes into this run's keyring. */
static char *
prepare_branch (void)
{
  g_autofree char *cache = zb_test_bench_cache_dir ();
  g_autofree char *path = g_build_filename (cache, "startup-10k.zhibu", NULL);
  g_autofree char *key_path = g_build_filename (cache, "startup-10k.key", NULL);
  g_autofree char *hex = NULL, *salt = NULL;
  g_autoptr(ZbKey) key = NULL;
  g_autoptr(ZbStore) store = NULL;
  g_autoptr(GError) error = NULL;

  if (g_file_get_contents (key_path, &hex, NULL, NULL))
    key = zb_key_new_raw_hex (hex, NULL);
  if (key != NULL)
    store = zb_store_open (path, key, NULL);
  if (store == NULL || zb_store_count_members (store, FALSE, NULL) != N_MEMBERS)
    {
      g_clear_object (&store);
      g_clear_pointer (&key, zb_key_free);
      g_free (hex);
      g_remove (path);
      hex = make_branch (path, key_path);
      key = zb_key_new_raw_hex (hex, &error);
      store = zb_store_open (path, key, &error);
      g_assert_no_error (error);
    }

  salt = zb_store_read_file_salt (path, &error);
  g_assert_no_error (error);
  zb_secret_store_key (salt, zb_store_get_uuid (store), "基准支部", key, NULL, &error);
  g_assert_no_error (error);
  return g_steal_pointer (&path);
}

/* Seconds from exec to the line of the first frame; @renderer receives the
 * renderer it names. */
static double
time_first_frame (const char * const  *argv,
                  char               **renderer)
{
  g_autoptr(GError) error = NULL;
  gint64 start = g_get_monotonic_time ();
  g_autoptr(GSubprocess) process = g_subprocess_newv (argv, G_SUBPROCESS_FLAGS_STDOUT_PIPE,
                                                      &error);
  g_autoptr(GDataInputStream) out = NULL;
  double seconds = -1;
  char *line;

  g_assert_no_error (error);
  out = g_data_input_stream_new (g_subprocess_get_stdout_pipe (process));
  while ((line = g_data_input_stream_read_line (out, NULL, NULL, &error)) != NULL)
    {
      gboolean first_frame = g_str_has_prefix (line, "first-frame ");

      if (first_frame)
        {
          seconds = (g_get_monotonic_time () - start) / 1e6;
          g_free (*renderer);
          *renderer = g_strdup (line + strlen ("first-frame "));
        }
      g_free (line);
      if (first_frame)
        break;
    }
  g_assert_no_error (error);
  if (seconds < 0)
    g_error ("%s ended without painting a frame", argv[0]);

  g_subprocess_send_signal (process, SIGTERM);
  g_subprocess_wait (process, NULL, &error);
  g_assert_no_error (error);
  return seconds;
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *path = NULL;
  g_autofree char *app_renderer = NULL, *minimal_renderer = NULL, *ran_with = NULL;
  const char *app[] = { g_getenv ("ZHIBU_APP"), "--db", NULL, NULL };
  const char *minimal[] = { g_getenv ("ZHIBU_BENCH_MINIMAL_WINDOW"), NULL };
  double app_s = G_MAXDOUBLE, minimal_s = G_MAXDOUBLE;
  gboolean held;

  setlocale (LC_ALL, "");
  g_assert_nonnull (app[0]);
  g_assert_nonnull (minimal[0]);
  g_setenv ("ZHIBU_FIRST_FRAME_MARKER", "1", TRUE);
  app[2] = path = prepare_branch ();

  for (guint run = 0; run <= RUNS; run++)
    {
      /* MIN() evaluates its arguments twice: time first, then compare. The
       * first round warms caches and is not counted. */
      double m = time_first_frame (minimal, &minimal_renderer);
      double a = time_first_frame (app, &app_renderer);

      g_printerr ("startup: app %.3f s, minimal window %.3f s\n", a, m);
      if (run == 0)
        continue;
      minimal_s = MIN (minimal_s, m);
      app_s = MIN (app_s, a);
    }

  g_assert_cmpstr (app_renderer, ==, minimal_renderer);
  ran_with = g_strdup_printf ("renderer=%s GSK_RENDERER=%s", app_renderer,
                              g_getenv ("GSK_RENDERER") ? g_getenv ("GSK_RENDERER") : "");
  g_printerr ("startup: %u members, app %.3f s, minimal GTK window %.3f s\n", N_MEMBERS, app_s,
              minimal_s);
  held = zb_test_bench_report ("startup", app_s / minimal_s, ZB_BENCH_AT_MOST, TARGET, ran_with);

  return held ? 0 : 1;
}
