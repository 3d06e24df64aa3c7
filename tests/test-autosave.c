#define G_LOG_DOMAIN "test-autosave"

#include "config.h"

#include <locale.h>
#include <signal.h>
#include <string.h>
#include <sys/wait.h>

#include "zb-demo.h"
#include "zb-test-util.h"

/* Runs under xvfb-run: the real app, real key presses through XTEST
 * (xdotool), and a SIGKILL while the user types into the minutes. What was
 * typed more than two seconds before the kill must be in the database. */

#define TITLE "autosave-test meeting"
#define TYPED "Minutes typed during the meeting"
#define LATE " and a few words typed just before the kill"

static char *
run (const char *command)
{
  g_autoptr(GError) error = NULL;
  char *out = NULL;
  int status = -1;

  g_spawn_command_line_sync (command, &out, NULL, &status, &error);
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  return g_strchomp (out);
}

static char *
make_meeting (const char *path)
{
  g_autoptr(ZbKey) key = zb_test_key ();
  g_autoptr(GError) error = NULL;
  g_autoptr(ZbStore) store = zb_store_create (path, key, "第一党支部", &error);

  g_assert_no_error (error);
  zb_demo_fill (store, 12, 7, &error);
  g_assert_no_error (error);
  return zb_test_add_meeting (store, "general", "2026-11-20", TITLE, NULL);
}

static char *
read_minutes (const char *path,
              const char *meeting_id)
{
  g_autoptr(ZbKey) key = zb_test_key ();
  g_autoptr(GError) error = NULL;
  g_autoptr(ZbStore) store = zb_store_open (path, key, &error);
  g_autoptr(GListModel) items = NULL;
  g_autoptr(ZbAgendaItem) item = NULL;

  g_assert_no_error (error);
  items = zb_store_list_agenda_items (store, meeting_id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (items), ==, 1);
  item = g_list_model_get_item (items, 0);
  return g_strdup (zb_agenda_item_get_minutes (item));
}

static void
test_sigkill (void)
{
  g_autofree char *dir = zb_test_make_dir ();
  g_autofree char *path = g_build_filename (dir, "branch.zhibu", NULL);
  g_autofree char *pass = g_build_filename (dir, "passphrase", NULL);
  g_autoptr(ZbKey) key = zb_test_key ();
  g_autofree char *meeting = make_meeting (path);
  g_autofree char *window = NULL, *cmd = NULL, *minutes = NULL;
  g_autoptr(GError) error = NULL;
  const char *argv[] = { g_getenv ("ZHIBU_APP"), "--db", path, "--passphrase-file", pass,
                         "--meeting", meeting, NULL };
  GPid pid;

  g_file_set_contents (pass, zb_key_get_secret (key), -1, NULL);
  g_spawn_async (NULL, (char **) argv, NULL, G_SPAWN_DO_NOT_REAP_CHILD, NULL, NULL, &pid, &error);
  g_assert_no_error (error);

  window = run ("timeout 60 xdotool search --sync --onlyvisible --name \"" TITLE "\"");
  g_assert_cmpstr (window, !=, "");
  /* The last match is the newest window, should the search list several. */
  if (strrchr (window, '\n'))
    memmove (window, strrchr (window, '\n') + 1, strlen (strrchr (window, '\n')));
  g_usleep (G_USEC_PER_SEC / 2);

  cmd = g_strdup_printf ("xdotool windowfocus --sync %s type --delay 20 \"%s\"", window, TYPED);
  g_free (run (cmd));
  g_usleep (G_USEC_PER_SEC * 5 / 2);

  g_free (cmd);
  cmd = g_strdup_printf ("xdotool type --delay 20 \"%s\"", LATE);
  g_free (run (cmd));
  kill (pid, SIGKILL);
  waitpid (pid, NULL, 0);
  g_spawn_close_pid (pid);

  minutes = read_minutes (path, meeting);
  g_test_message ("minutes after the kill: %s", minutes);
  g_assert_nonnull (minutes);
  g_assert_true (g_str_has_prefix (minutes, TYPED));

  zb_test_remove_dir (dir);
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/autosave/sigkill", test_sigkill);

  return g_test_run ();
}
