#define G_LOG_DOMAIN "bench-roster"

#include "config.h"

#include <adwaita.h>
#include <stdio.h>

#include <glib/gstdio.h>

#include "zb-context.h"
#include "zb-demo.h"
#include "zb-roster-view.h"
#include "zb-test-bench.h"
#include "zb-test-util.h"
#include "zb-test-window.h"

/* bench roster-100k (DESIGN.md, Performance), two figures:
 * - roster-100k-first: the roster's first frame with 100,000 members over
 *   its first frame with none (<= 1.5): from a new window with the roster
 *   view given its store to the end of the first frame it paints;
 * - roster-100k-scroll: the mean frame time while the roster scrolls three
 *   rows a frame through 300 rows, at 100,000 members over 1,000 (<= 1.2):
 *   each frame timed from the frame clock's before-paint to its after-paint,
 *   the scroll set in between (a tick callback), so rows bound, pages read
 *   and pixels painted all count.
 * The app's own view in a window of the app's default size, in one process,
 * warm (a first frame of each side before the timed ones); best of RUNS (of
 * RUNS × FIRST_TURNS for the first frames). The
 * 100,000-member database is kept in the build directory between runs. */

#define BIG          100000
#define SMALL        1000
#define RUNS         3
#define FIRST_TURNS  5
#define SCROLL_ROWS  300
#define ROWS_A_FRAME 3
#define FIRST_TARGET  1.5
#define SCROLL_TARGET 1.2

typedef struct
{
  GdkFrameClock *clock;
  GtkAdjustment *adjustment;
  gint64         frame_start;
  double         row_height;
  double         start;
  guint          frames;      /* frames scrolled so far */
  guint          settle;      /* frames to wait before the timed ones */
  double         total;       /* seconds of the timed frames */
  double         worst;
  gboolean       painted;
} Frames;

/* The renderer that drew the roster, for the bench's line. */
static const char *renderer;

/* A database of @n demo members, and its key, kept in the bench cache
 * under @name so that the 100k roster is made once a build directory. */
static ZbStore *
open_roster (const char *name,
             guint       n)
{
  g_autofree char *cache = zb_test_bench_cache_dir ();
  g_autofree char *path = g_strdup_printf ("%s/%s.zhibu", cache, name);
  g_autofree char *key_path = g_strdup_printf ("%s/%s.key", cache, name);
  g_autofree char *hex = NULL;
  g_autoptr(ZbKey) key = NULL;
  g_autoptr(ZbStore) store = NULL;
  g_autoptr(GError) error = NULL;
  const char *suffixes[] = { "", "-wal", "-shm" };

  if (g_file_get_contents (key_path, &hex, NULL, NULL) &&
      (key = zb_key_new_raw_hex (hex, NULL)) != NULL &&
      (store = zb_store_open (path, key, NULL)) != NULL &&
      zb_store_count_members (store, FALSE, NULL) == n)
    return g_steal_pointer (&store);

  g_clear_object (&store);
  g_clear_pointer (&key, zb_key_free);
  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *old = g_strconcat (path, suffixes[i], NULL);
      g_remove (old);
    }

  key = zb_key_new_random (&error);
  store = zb_store_create (path, key, "基准支部", &error);
  g_assert_no_error (error);
  if (n > 0)
    zb_demo_fill (store, n, 2026, &error);
  g_assert_no_error (error);
  g_file_set_contents (key_path, zb_key_get_secret (key), -1, &error);
  g_assert_no_error (error);
  return g_steal_pointer (&store);
}

static void
first_paint_cb (GdkFrameClock *clock,
                Frames        *frames)
{
  frames->painted = TRUE;
}

static ZbRosterView *
new_roster_window (ZbContext *context,
                   Frames    *frames)
{
  GtkWidget *window = gtk_window_new ();
  ZbRosterView *view = g_object_new (ZB_TYPE_ROSTER_VIEW, NULL);

  gtk_window_set_default_size (GTK_WINDOW (window), 1100, 720);
  gtk_window_set_child (GTK_WINDOW (window), GTK_WIDGET (view));
  zb_roster_view_set_context (view, context);
  gtk_window_present (GTK_WINDOW (window));
  frames->clock = gtk_widget_get_frame_clock (window);
  g_signal_connect (frames->clock, "after-paint", G_CALLBACK (first_paint_cb), frames);
  while (!frames->painted)
    g_main_context_iteration (NULL, TRUE);
  g_signal_handlers_disconnect_by_func (frames->clock, first_paint_cb, frames);
  renderer = G_OBJECT_TYPE_NAME (gtk_native_get_renderer (GTK_NATIVE (window)));

  return view;
}

static ZbContext *
new_context (ZbStore *store)
{
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);
  ZbContext *context = zb_context_new (settings, NULL);

  zb_context_set_store (context, store);
  return context;
}

static double
first_frame (ZbStore *store)
{
  g_autoptr(ZbContext) context = new_context (store);
  Frames frames = { 0 };
  gint64 start = g_get_monotonic_time ();
  ZbRosterView *view = new_roster_window (context, &frames);
  double seconds = (g_get_monotonic_time () - start) / 1e6;

  gtk_window_destroy (GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (view))));
  return seconds;
}

static void
before_paint_cb (GdkFrameClock *clock,
                 Frames        *frames)
{
  frames->frame_start = g_get_monotonic_time ();
}

static void
after_paint_cb (GdkFrameClock *clock,
                Frames        *frames)
{
  double seconds = (g_get_monotonic_time () - frames->frame_start) / 1e6;

  if (frames->settle > 0)
    {
      frames->settle--;
      return;
    }
  frames->total += seconds;
  frames->worst = MAX (frames->worst, seconds);
  frames->frames++;
}

static gboolean
scroll_tick_cb (GtkWidget     *widget,
                GdkFrameClock *clock,
                gpointer       user_data)
{
  Frames *frames = user_data;

  if (frames->frames >= SCROLL_ROWS / ROWS_A_FRAME)
    return G_SOURCE_REMOVE;
  if (frames->settle == 0)
    gtk_adjustment_set_value (frames->adjustment,
                              frames->start + (frames->frames + 1) * ROWS_A_FRAME *
                                              frames->row_height);
  return G_SOURCE_CONTINUE;
}

/* The mean frame time of scrolling SCROLL_ROWS rows from the middle of the
 * roster; the worst frame goes to the log. */
static double
scroll_frames (ZbStore *store)
{
  g_autoptr(ZbContext) context = new_context (store);
  Frames frames = { 0 };
  ZbRosterView *view = new_roster_window (context, &frames);
  GtkWidget *column_view = GTK_WIDGET (zb_roster_view_get_column_view (view));
  guint n = g_list_model_get_n_items (G_LIST_MODEL (zb_roster_view_get_model (view)));
  double mean;

  frames.adjustment = zb_roster_view_get_vadjustment (view);
  frames.row_height = gtk_adjustment_get_upper (frames.adjustment) / n;
  frames.start = (n / 2 - SCROLL_ROWS / 2) * frames.row_height;
  gtk_adjustment_set_value (frames.adjustment, frames.start);
  frames.settle = 3;
  g_signal_connect (frames.clock, "before-paint", G_CALLBACK (before_paint_cb), &frames);
  g_signal_connect (frames.clock, "after-paint", G_CALLBACK (after_paint_cb), &frames);
  gtk_widget_add_tick_callback (column_view, scroll_tick_cb, &frames, NULL);
  while (frames.frames < SCROLL_ROWS / ROWS_A_FRAME)
    g_main_context_iteration (NULL, TRUE);
  g_signal_handlers_disconnect_by_data (frames.clock, &frames);

  mean = frames.total / frames.frames;
  g_printerr ("roster-100k: %u rows, %u frames, mean %.2f ms, worst %.2f ms\n", n,
              frames.frames, mean * 1e3, frames.worst * 1e3);
  gtk_window_destroy (GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (view))));
  return mean;
}

static void
bench_roster (void)
{
  g_autoptr(ZbStore) big = open_roster ("roster-100k", BIG);
  g_autoptr(ZbStore) small = open_roster ("roster-1k", SMALL);
  g_autoptr(ZbStore) empty = open_roster ("roster-empty", 0);
  g_autofree char *ran_with = NULL;
  double big_first = G_MAXDOUBLE, empty_first = G_MAXDOUBLE;
  double big_scroll = G_MAXDOUBLE, small_scroll = G_MAXDOUBLE;
  gboolean held;

  first_frame (big);
  first_frame (empty);
  for (guint run = 0; run < RUNS; run++)
    {
      double bs, ss;

      /* A first frame takes some 30 to 60 ms, and one of either side took
       * 25 to 48 ms within a minute on this machine: each run takes the
       * best of FIRST_TURNS a side, the two sides taken in turn. */
      for (guint turn = 0; turn < FIRST_TURNS; turn++)
        {
          /* MIN() evaluates its arguments twice: time first, then compare. */
          double b = first_frame (big), e = first_frame (empty);

          big_first = MIN (big_first, b);
          empty_first = MIN (empty_first, e);
        }
      g_printerr ("roster-100k: first frame %.1f ms at %u members, %.1f ms empty, best so far\n",
                  big_first * 1e3, BIG, empty_first * 1e3);
      bs = scroll_frames (big);
      ss = scroll_frames (small);
      big_scroll = MIN (big_scroll, bs);
      small_scroll = MIN (small_scroll, ss);
    }

  ran_with = g_strdup_printf ("renderer=%s GSK_RENDERER=%s", renderer,
                              g_getenv ("GSK_RENDERER") ? g_getenv ("GSK_RENDERER") : "");
  g_printerr ("roster-100k: first frame %.1f ms at %u members, %.1f ms empty; scroll frame "
              "%.2f ms at %u, %.2f ms at %u\n", big_first * 1e3, BIG, empty_first * 1e3,
              big_scroll * 1e3, BIG, small_scroll * 1e3, SMALL);
  held = zb_test_bench_report ("roster-100k-first", big_first / empty_first, ZB_BENCH_AT_MOST,
                               FIRST_TARGET, ran_with);
  held &= zb_test_bench_report ("roster-100k-scroll", big_scroll / small_scroll,
                                ZB_BENCH_AT_MOST, SCROLL_TARGET, ran_with);
  g_assert_true (held);
}

int
main (int   argc,
      char *argv[])
{
  zb_test_gui_init (&argc, &argv);
  g_test_add_func ("/bench/roster-100k", bench_roster);
  return g_test_run ();
}
