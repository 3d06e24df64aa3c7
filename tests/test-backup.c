#define G_LOG_DOMAIN "test-backup"

#include "config.h"

#include <locale.h>
#include <signal.h>
#include <string.h>
#include <sys/wait.h>

#include <glib/gstdio.h>

#include "zb-store-backup.h"
#include "zb-store-private.h"
#include "zb-test-util.h"

/* Backup and restore (issue 13): real SQLCipher files, the real zhibu-cli,
 * and for the restore onto "a new PC" a real gnome-keyring in a fresh HOME
 * (tests/run-with-keyring.sh, run nested). */

#define BACKUP_PASSPHRASE "备份口令 2026 秋"

typedef struct
{
  ZbTestCliBranch  branch;
  char            *backup_passphrase_file;
  char            *backup;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  zb_test_cli_branch_set_up (&f->branch);
  f->backup_passphrase_file = g_build_filename (f->branch.dir, "backup-passphrase", NULL);
  g_file_set_contents (f->backup_passphrase_file, BACKUP_PASSPHRASE "\n", -1, NULL);
  f->backup = g_build_filename (f->branch.dir, "branch.backup", NULL);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  zb_test_cli_branch_tear_down (&f->branch);
  g_free (f->backup_passphrase_file);
  g_free (f->backup);
}

static char *
member_id (Fixture *f,
           guint    row)
{
  g_autofree char *csv = zb_test_cli_ok (&f->branch, "member", "list", "--format", "csv", NULL);
  g_auto(GStrv) lines = g_strsplit (csv, "\n", -1);
  g_auto(GStrv) cells = NULL;

  g_assert_cmpuint (g_strv_length (lines), >, row);
  cells = g_strsplit (lines[row], ",", 2);
  return g_strdup (cells[0]);
}

static void
ok (Fixture    *f,
    const char *first,
    ...)
{
  g_auto(ZbTestRun) run = { 0 };
  va_list args;

  va_start (args, first);
  zb_test_cli_run_va (&run, f->branch.db, f->branch.passphrase_file, first, args);
  va_end (args);
  g_test_message ("%s%s", run.out, run.err);
  g_assert_cmpint (run.status, ==, 0);
}

/* Members, a finalised meeting (a hash chain to verify), dues paid. */
static void
fill_branch (Fixture *f)
{
  g_autofree char *a = NULL, *b = NULL;
  g_autofree char *meeting = NULL;

  ok (f, "member", "add", "--name", "王芳", "--id-number", "11010519491231002X", "--sex", "F",
      "--birth", "1949-12-31", "--category", "full", "--joined", "1975-07-01", "--phone",
      "13800138000", NULL);
  ok (f, "member", "add", "--name", "李强", "--id-number", "110105198001010016", "--sex", "M",
      "--birth", "1980-01-01", "--category", "full", "--joined", "2005-07-01", NULL);
  a = member_id (f, 1);
  b = member_id (f, 2);
  meeting = zb_test_cli_ok (&f->branch, "meeting", "add", "--type", "general", "--date",
                            "2026-03-20", "--title", "第一季度党员大会", "--chair", a,
                            "--recorder", b, NULL);
  g_strchomp (meeting);
  ok (f, "meeting", "attend", meeting, a, "present", NULL);
  ok (f, "meeting", "attend", meeting, b, "leave", "--reason", "出差", NULL);
  ok (f, "first-item", "set", meeting, "--topic", "学习贯彻会议精神", "--form", "领学",
      "--leader", "支部书记", "--participants", "全体党员", "--proceedings", "书记领学。", NULL);
  ok (f, "meeting", "finalize", meeting, NULL);
  ok (f, "dues", "base", a, "--kind", "employed", "--base", "5000", "--from", "2026-01", NULL);
  ok (f, "dues", "pay", a, "--months", "2026-01..2026-03", "--amount", "150", "--date",
      "2026-04-01", NULL);
}

/* What the records read as through the CLI, each with the file that
 * restore_script below writes it to on the restored database. */
static const char * const exports[][8] = {
  { "members.json", "member", "list", "--format", "json", "--with-sensitive", NULL },
  { "meetings.json", "meeting", "list", "--format", "json", NULL },
  { "arrears.json", "dues", "arrears", "--month", "2026-06", "--format", "json", NULL },
  { "verify.txt", "verify", NULL },
};

static char *
export_source (Fixture *f,
               guint    i)
{
  const char * const *e = exports[i];

  return zb_test_cli_ok (&f->branch, e[1], e[2], e[3], e[4], e[5], e[6], e[7], NULL);
}

/* Run inside a fresh HOME, D-Bus session and unlocked, empty keyring: the
 * restore with no --db and no --passphrase-file makes the app's own
 * database there, its key in that keyring; then the same exports. */
static const char restore_script[] =
  "set -eu\n"
  "cd \"$OUT\"\n"
  "test ! -e \"$XDG_DATA_HOME/zhibu/branch.zhibu\"\n"
  "\"$ZHIBU_CLI\" restore \"$BACKUP\" --backup-passphrase-file \"$BP\" > restore.txt\n"
  "test -f \"$XDG_DATA_HOME/zhibu/branch.zhibu\"\n"
  "\"$ZHIBU_CLI\" member list --format json --with-sensitive > members.json\n"
  "\"$ZHIBU_CLI\" meeting list --format json > meetings.json\n"
  "\"$ZHIBU_CLI\" dues arrears --month 2026-06 --format json > arrears.json\n"
  "\"$ZHIBU_CLI\" dues ledger \"$MEMBER\" --to 2026-06 --format json > ledger.json\n"
  "\"$ZHIBU_CLI\" verify > verify.txt\n";

static void
restore_on_new_pc (Fixture    *f,
                   const char *out,
                   const char *member)
{
  const char *argv[] = { g_getenv ("ZHIBU_RUN_WITH_KEYRING"), "sh", "-c", restore_script, "sh",
                         NULL };
  g_auto(GStrv) envp = g_get_environ ();
  g_autofree char *err = NULL;
  g_autoptr(GError) error = NULL;
  int status = -1;

  g_assert_nonnull (argv[0]);
  envp = g_environ_setenv (envp, "OUT", out, TRUE);
  envp = g_environ_setenv (envp, "BACKUP", f->backup, TRUE);
  envp = g_environ_setenv (envp, "BP", f->backup_passphrase_file, TRUE);
  envp = g_environ_setenv (envp, "MEMBER", member, TRUE);
  envp = g_environ_unsetenv (envp, "SECRET_BACKEND");
  g_spawn_sync (NULL, (char **) argv, envp, G_SPAWN_DEFAULT, NULL, NULL, NULL, &err, &status,
                &error);
  g_assert_no_error (error);
  g_test_message ("%s", err);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
}

static char *
read_out (const char *dir,
          const char *name)
{
  g_autofree char *path = g_build_filename (dir, name, NULL);
  g_autoptr(GError) error = NULL;
  char *text = NULL;

  g_file_get_contents (path, &text, NULL, &error);
  g_assert_no_error (error);
  return text;
}

/* Issue 13's "Done when": backup, then restore with a fresh HOME and an
 * empty keyring, gives identical records. */
static void
test_round_trip (Fixture       *f,
                 gconstpointer  data)
{
  g_autofree char *out = g_build_filename (f->branch.dir, "new-pc", NULL);
  g_autofree char *a = NULL, *ledger = NULL, *ledger_after = NULL, *restored = NULL;
  g_autofree char *members = NULL, *verified = NULL;

  fill_branch (f);
  a = member_id (f, 1);
  g_free (zb_test_cli_ok (&f->branch, "backup", f->backup, "--backup-passphrase-file",
                          f->backup_passphrase_file, NULL));
  g_assert_true (g_file_test (f->backup, G_FILE_TEST_IS_REGULAR));

  g_mkdir (out, 0700);
  restore_on_new_pc (f, out, a);
  restored = read_out (out, "restore.txt");
  g_assert_true (g_str_has_prefix (restored, "Restored into "));

  for (guint i = 0; i < G_N_ELEMENTS (exports); i++)
    {
      g_autofree char *before = export_source (f, i);
      g_autofree char *after = read_out (out, exports[i][0]);

      g_assert_cmpstr (after, ==, before);
    }
  ledger = zb_test_cli_ok (&f->branch, "dues", "ledger", a, "--to", "2026-06", "--format",
                           "json", NULL);
  ledger_after = read_out (out, "ledger.json");
  g_assert_cmpstr (ledger_after, ==, ledger);
  g_assert_nonnull (strstr (ledger, "\"paid_date\" : \"2026-04-01\""));
  members = read_out (out, "members.json");
  g_assert_nonnull (strstr (members, "11010519491231002X"));
  verified = read_out (out, "verify.txt");
  g_assert_cmpstr (verified, ==, "1 finalised record verified in 1 chain\n");
}

static void
assert_no_partial (const char *dir)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  const char *name;

  while ((name = g_dir_read_name (d)) != NULL)
    g_assert_null (strstr (name, ".partial-"));
}

static void
assert_restore_refused (Fixture    *f,
                        const char *backup,
                        const char *message)
{
  g_autofree char *before = zb_test_file_sha256 (f->branch.db);
  g_autofree char *after = NULL;
  g_auto(ZbTestRun) run = { 0 };

  zb_test_cli_run (&run, f->branch.db, f->branch.passphrase_file, "restore", backup, "--force",
                   "--backup-passphrase-file", f->backup_passphrase_file, NULL);
  g_test_message ("%s", run.err);
  g_assert_cmpint (run.status, ==, 1);
  g_assert_cmpstr (run.out, ==, "");
  g_assert_nonnull (strstr (run.err, message));
  g_assert_true (strchr (run.err, '\n') == run.err + strlen (run.err) - 1);

  after = zb_test_file_sha256 (f->branch.db);
  g_assert_cmpstr (after, ==, before);
  assert_no_partial (f->branch.dir);
}

static void
write_bytes (const char *path,
             const char *contents,
             gsize       length)
{
  g_autoptr(GError) error = NULL;

  g_file_set_contents (path, contents, length, &error);
  g_assert_no_error (error);
}

static void
backup_ok (Fixture *f)
{
  g_autofree char *out = zb_test_cli_ok (&f->branch, "backup", f->backup,
                                         "--backup-passphrase-file", f->backup_passphrase_file,
                                         NULL);

  g_assert_true (g_str_has_prefix (out, "Backed up to "));
}

/* A wrong passphrase, a changed byte in the middle, a file cut short (at a
 * page boundary and not), a file that is no backup: each refused in words,
 * and the database that --force would have replaced left byte for byte as
 * it was, with no partial file beside it. */
static void
test_refused (Fixture       *f,
              gconstpointer  data)
{
  g_autofree char *wrong = g_build_filename (f->branch.dir, "wrong", NULL);
  g_autofree char *changed = g_build_filename (f->branch.dir, "changed.backup", NULL);
  g_autofree char *cut = g_build_filename (f->branch.dir, "cut.backup", NULL);
  g_autofree char *cut_page = g_build_filename (f->branch.dir, "cut-page.backup", NULL);
  g_autofree char *contents = NULL;
  g_autofree char *saved = NULL;
  gsize length = 0;

  ok (f, "member", "add", "--name", "王芳", "--id-number", "11010519491231002X", "--sex", "F",
      "--birth", "1949-12-31", "--category", "full", "--joined", "1975-07-01", NULL);
  backup_ok (f);
  g_file_get_contents (f->backup, &contents, &length, NULL);
  g_assert_cmpuint (length, >, 8 * 4096);
  g_assert_cmpuint (length % 4096, ==, 0);

  /* The right passphrase in the wrong place: the backup's is asked for. */
  saved = g_strdup (f->backup_passphrase_file);
  write_bytes (wrong, "not the passphrase\n", -1);
  g_free (f->backup_passphrase_file);
  f->backup_passphrase_file = g_strdup (wrong);
  assert_restore_refused (f, f->backup, "the passphrase is wrong, or the file is not a Zhibu "
                                        "backup");
  g_free (f->backup_passphrase_file);
  f->backup_passphrase_file = g_steal_pointer (&saved);

  contents[length / 2] ^= 0x01;
  write_bytes (changed, contents, length);
  contents[length / 2] ^= 0x01;
  assert_restore_refused (f, changed, "is damaged");

  write_bytes (cut, contents, length - 1000);
  assert_restore_refused (f, cut, "is incomplete or damaged (it is cut short)");
  write_bytes (cut_page, contents, length - 2 * 4096);
  assert_restore_refused (f, cut_page, "is damaged");

  /* A Zhibu database is no backup under the backup's passphrase. */
  assert_restore_refused (f, f->branch.db, "the passphrase is wrong, or the file is not a Zhibu "
                                           "backup");

  /* And the good one still restores over it, keeping the old one aside. */
  {
    g_autofree char *out = zb_test_cli_ok (&f->branch, "restore", f->backup, "--force",
                                           "--backup-passphrase-file",
                                           f->backup_passphrase_file, NULL);

    g_assert_nonnull (strstr (out, "The database it replaced is kept as "));
  }
}

/* Without --force neither command replaces a file; a backup never goes
 * over the database itself. */
static void
test_no_overwrite (Fixture       *f,
                   gconstpointer  data)
{
  g_autofree char *db_before = zb_test_file_sha256 (f->branch.db);
  g_autofree char *short_file = g_build_filename (f->branch.dir, "short", NULL);
  g_autofree char *backup_before = NULL;
  g_autofree char *after = NULL;

  backup_ok (f);
  backup_before = zb_test_file_sha256 (f->backup);
  zb_test_cli_refused (&f->branch, 1, "already exists", "backup", f->backup,
                       "--backup-passphrase-file", f->backup_passphrase_file, NULL);
  zb_test_cli_refused (&f->branch, 1, "is the database itself", "backup", f->branch.db,
                       "--force", "--backup-passphrase-file", f->backup_passphrase_file, NULL);
  zb_test_cli_refused (&f->branch, 1, "A database already exists at", "restore", f->backup,
                       "--backup-passphrase-file", f->backup_passphrase_file, NULL);
  write_bytes (short_file, "七个字的口令\n", -1);
  zb_test_cli_refused (&f->branch, 1, "Passphrase: at least 8 characters", "backup", f->backup,
                       "--force", "--backup-passphrase-file", short_file, NULL);

  after = zb_test_file_sha256 (f->branch.db);
  g_assert_cmpstr (after, ==, db_before);
  g_clear_pointer (&after, g_free);
  after = zb_test_file_sha256 (f->backup);
  g_assert_cmpstr (after, ==, backup_before);
  assert_no_partial (f->branch.dir);
}

/* Kills left to finish: the last run of each series, whose time a slow
 * machine or the sanitizers' build may stretch past any delay. */
#define NEVER G_MAXUINT

/* The CLI with the same arguments, killed with SIGKILL @delay_ms after it
 * starts (or left to finish, at NEVER); returns whether it finished. */
static gboolean
run_killed (Fixture     *f,
            guint        delay_ms,
            const char  *command,
            const char  *file)
{
  const char *argv[] = { g_getenv ("ZHIBU_CLI"), "--db", f->branch.db, "--passphrase-file",
                         f->branch.passphrase_file, command, file, "--force",
                         "--backup-passphrase-file", f->backup_passphrase_file, NULL };
  g_autoptr(GError) error = NULL;
  GPid pid;
  int status = 0;

  g_spawn_async (NULL, (char **) argv, NULL, G_SPAWN_DO_NOT_REAP_CHILD |
                 G_SPAWN_STDOUT_TO_DEV_NULL | G_SPAWN_STDERR_TO_DEV_NULL, NULL, NULL, &pid,
                 &error);
  g_assert_no_error (error);
  if (delay_ms != NEVER)
    {
      g_usleep (delay_ms * 1000);
      kill (pid, SIGKILL);
    }
  g_assert_cmpint (waitpid (pid, &status, 0), ==, pid);
  g_spawn_close_pid (pid);
  return WIFEXITED (status);
}

static guint
count_members_in (const char  *path,
                  const ZbKey *key)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ZbStore) store = zb_store_open (path, key, &error);

  g_assert_no_error (error);
  return zb_store_count_members (store, TRUE, &error);
}

/* A backup or a restore killed at any moment leaves the file under the
 * target's name as it was or complete, never half written: at each delay
 * the old backup is still there byte for byte, or the new one opens whole. */
static void
test_killed (Fixture       *f,
             gconstpointer  data)
{
  g_autofree char *stale = g_build_filename (f->branch.dir, ".branch.backup.partial-AbCdEf",
                                             NULL);
  g_autoptr(ZbKey) backup_key = zb_key_new_passphrase (BACKUP_PASSPHRASE);
  g_autoptr(ZbKey) db_key = zb_key_new_from_file (f->branch.passphrase_file, NULL);
  const guint delays[] = { 0, 60, 180, 320, 480, 640, 900, NEVER };
  g_autofree char *old_backup = NULL;
  guint finished = 0;

  ok (f, "member", "add", "--name", "王芳", "--id-number", "11010519491231002X", "--sex", "F",
      "--birth", "1949-12-31", "--category", "full", "--joined", "1975-07-01", NULL);
  backup_ok (f);
  old_backup = zb_test_file_sha256 (f->backup);
  ok (f, "member", "add", "--name", "李强", "--id-number", "110105198001010016", "--sex", "M",
      "--birth", "1980-01-01", "--category", "full", "--joined", "2005-07-01", NULL);

  /* What a killed run leaves behind is never taken for a backup. */
  write_bytes (stale, "half a backup", -1);
  zb_test_cli_refused (&f->branch, 1, "is incomplete or damaged", "restore", stale, "--force",
                       "--backup-passphrase-file", f->backup_passphrase_file, NULL);
  g_assert_cmpuint (count_members_in (f->branch.db, db_key), ==, 2);
  g_unlink (stale);

  for (guint i = 0; i < G_N_ELEMENTS (delays); i++)
    {
      g_autofree char *now = NULL;

      finished += run_killed (f, delays[i], "backup", f->backup);
      now = zb_test_file_sha256 (f->backup);
      if (g_strcmp0 (now, old_backup) != 0)
        {
          /* Complete: restored, it holds both members. */
          g_autofree char *check = g_build_filename (f->branch.dir, "check.zhibu", NULL);
          g_autoptr(GError) error = NULL;

          zb_store_restore (f->backup, backup_key, check, db_key, ZB_BACKUP_FLAGS_NONE, NULL,
                            NULL, &error);
          g_assert_no_error (error);
          g_assert_cmpuint (count_members_in (check, db_key), ==, 2);
          g_unlink (check);
        }
    }
  /* The last run was left to finish. */
  g_assert_cmpuint (finished, >=, 1);

  /* The restore over the database: the file there is the old one or the
   * restored one (both hold the two members), never missing nor half
   * written. */
  for (guint i = 0; i < G_N_ELEMENTS (delays); i++)
    {
      run_killed (f, delays[i], "restore", f->backup);
      g_assert_true (g_file_test (f->branch.db, G_FILE_TEST_IS_REGULAR));
      g_assert_cmpuint (count_members_in (f->branch.db, db_key), ==, 2);
    }
}

/* Drives a command on a pseudo-terminal: types each answer once the
 * prompts so far have shown, and prints everything the terminal showed.
 * The alarm only ends a hang that meson's timeout would not (the child on
 * its terminal); it is not the test's bound, which meson's timeout is: a
 * backup under sanitize.sh's whole stacks took over the 60 s it was. */
static const char pty_script[] =
  "import os, pty, signal, sys\n"
  "signal.alarm(600)\n"
  "answers = sys.argv[1].split('\\n')\n"
  "pid, fd = pty.fork()\n"
  "if pid == 0:\n"
  "    os.execv(sys.argv[2], sys.argv[2:])\n"
  "shown = b''\n"
  "asked = 0\n"
  "while True:\n"
  "    try:\n"
  "        data = os.read(fd, 1024)\n"
  "    except OSError:\n"
  "        break\n"
  "    if not data:\n"
  "        break\n"
  "    shown += data\n"
  "    while asked < len(answers) and shown.count(b': ') > asked:\n"
  "        os.write(fd, answers[asked].encode() + b'\\n')\n"
  "        asked += 1\n"
  "status = os.waitpid(pid, 0)[1]\n"
  "sys.stdout.buffer.write(shown)\n"
  "sys.exit(os.waitstatus_to_exitcode(status))\n";

static int
run_on_terminal (Fixture    *f,
                 const char *answers,
                 char      **shown)
{
  const char *argv[] = { "python3", "-c", pty_script, answers, g_getenv ("ZHIBU_CLI"), "--db",
                         f->branch.db, "--passphrase-file", f->branch.passphrase_file, "backup",
                         f->backup, NULL };
  g_autoptr(GError) error = NULL;
  int status = -1;

  g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, shown, NULL,
                &status, &error);
  g_assert_no_error (error);
  return WIFEXITED (status) ? WEXITSTATUS (status) : -1;
}

/* Without --backup-passphrase-file the passphrase is asked on the terminal
 * twice with its echo off, so that it never shows; two that differ write
 * nothing. */
static void
test_terminal (Fixture       *f,
               gconstpointer  data)
{
  g_autofree char *typo = NULL, *shown = NULL;
  g_autofree char *restored = g_build_filename (f->branch.dir, "restored.zhibu", NULL);
  g_autoptr(ZbKey) passphrase = zb_key_new_passphrase (BACKUP_PASSPHRASE);
  g_autoptr(ZbKey) key = zb_key_new_from_file (f->branch.passphrase_file, NULL);
  g_autoptr(GError) error = NULL;

  g_assert_cmpint (run_on_terminal (f, BACKUP_PASSPHRASE "\n" BACKUP_PASSPHRASE "-typo", &typo),
                   ==, 1);
  g_test_message ("%s", typo);
  g_assert_nonnull (strstr (typo, "Backup passphrase: "));
  g_assert_nonnull (strstr (typo, "The same passphrase again: "));
  g_assert_nonnull (strstr (typo, "the two differ; nothing was written"));
  g_assert_null (strstr (typo, BACKUP_PASSPHRASE));
  g_assert_false (g_file_test (f->backup, G_FILE_TEST_EXISTS));

  g_assert_cmpint (run_on_terminal (f, BACKUP_PASSPHRASE "\n" BACKUP_PASSPHRASE, &shown), ==, 0);
  g_test_message ("%s", shown);
  g_assert_null (strstr (shown, BACKUP_PASSPHRASE));
  g_assert_nonnull (strstr (shown, "Backed up to "));
  zb_store_restore (f->backup, passphrase, restored, key, ZB_BACKUP_FLAGS_NONE, NULL, NULL,
                    &error);
  g_assert_no_error (error);
}

static gboolean
store_call_done (GAsyncResult **result)
{
  while (*result == NULL)
    g_main_context_iteration (NULL, TRUE);
  return TRUE;
}

static void
done_cb (GObject      *source,
         GAsyncResult *result,
         gpointer      data)
{
  *(GAsyncResult **) data = g_object_ref (result);
}

/* Through the app's calls: the restored copy is the same branch (UUID,
 * rows, outbox, AUTOINCREMENT counter, checkpoint) under a new device ID,
 * so that it never pushes as the PC it came from (PROTOCOL.md 14). */
static void
test_identity (void)
{
  g_autofree char *dir = zb_test_make_dir ();
  g_autofree char *backup = g_build_filename (dir, "sub", "branch.backup", NULL);
  g_autofree char *target = g_build_filename (dir, "restored", "branch.zhibu", NULL);
  g_autoptr(ZbStore) store = zb_test_new_store (dir, "source.zhibu");
  g_autoptr(ZbKey) passphrase = zb_key_new_passphrase (BACKUP_PASSPHRASE);
  g_autoptr(ZbKey) key = zb_test_key ();
  g_autoptr(ZbStore) restored = NULL;
  g_autoptr(ZbMember) member = zb_test_member ("王芳", "11010519491231002X", "full");
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *backup_dir = g_path_get_dirname (backup);
  g_autofree char *replaced = NULL;
  g_autofree char *id = NULL;
  gint64 outbox, last_op;

  id = zb_store_add_member (store, member, &error);
  g_assert_no_error (error);
  zb_test_sql_exec (store, "UPDATE sync_state SET checkpoint = 42");
  /* An FTS4 table, as the search index keeps (DESIGN.md, Search). */
  zb_test_sql_exec (store, "CREATE VIRTUAL TABLE words USING fts4 (body);"
                           "INSERT INTO words (body) VALUES ('支部 部委 委员')");
  outbox = zb_test_sql_int (store, "SELECT count(*) FROM sync_outbox");
  last_op = zb_test_sql_int (store, "SELECT max(op_id) FROM sync_outbox");
  g_assert_cmpint (outbox, >, 0);

  g_mkdir (backup_dir, 0700);
  zb_store_backup_async (store, backup, passphrase, ZB_BACKUP_FLAGS_NONE, NULL, done_cb, &result);
  store_call_done (&result);
  zb_store_backup_finish (store, result, &error);
  g_assert_no_error (error);
  g_clear_object (&result);

  zb_store_restore_async (backup, passphrase, target, key, ZB_BACKUP_FLAGS_NONE, NULL, done_cb,
                          &result);
  store_call_done (&result);
  zb_store_restore_finish (result, &replaced, &error);
  g_assert_no_error (error);
  g_assert_null (replaced);

  restored = zb_store_open (target, key, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (zb_store_get_uuid (restored), ==, zb_store_get_uuid (store));
  g_assert_cmpstr (zb_store_get_device_id (restored), !=, zb_store_get_device_id (store));
  g_assert_true (g_uuid_string_is_valid (zb_store_get_device_id (restored)));
  g_assert_cmpint (zb_test_sql_int (restored, "SELECT checkpoint FROM sync_state"), ==, 42);
  g_assert_cmpint (zb_test_sql_int (restored, "SELECT applying FROM sync_state"), ==, 0);
  g_assert_cmpint (zb_test_sql_int (restored, "SELECT count(*) FROM sync_outbox"), ==, outbox);
  g_assert_cmpint (zb_test_sql_int (restored, "SELECT count(*) FROM meta WHERE key = "
                                              "'restored_at'"), ==, 1);
  g_assert_cmpint (zb_test_sql_int (restored, "SELECT count(*) FROM words WHERE words MATCH "
                                              "'部委'"), ==, 1);

  /* Its next op ID follows the backup's: never one used before. */
  zb_test_rename_member (restored, id, "王芳芳");
  g_assert_cmpint (zb_test_sql_int (restored, "SELECT max(op_id) FROM sync_outbox"), >,
                   last_op);

  zb_test_remove_dir (dir);
}

/* Writes PRAGMA user_version in the backup, as a newer Zhibu would have. */
static void
set_backup_version (const char  *path,
                    const ZbKey *passphrase,
                    guint        version)
{
  g_autofree char *sql = g_strdup_printf ("PRAGMA user_version = %u", version);
  g_autoptr(GError) error = NULL;
  sqlite3 *db = NULL;

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READWRITE, NULL), ==, SQLITE_OK);
  zb_store_apply_cipher_settings (db, passphrase, &error);
  g_assert_no_error (error);
  zb_sql_exec (db, sql, &error);
  g_assert_no_error (error);
  sqlite3_close (db);
}

/* A cancelled backup stops with G_IO_ERROR_CANCELLED and leaves nothing. */
static void
test_cancelled (void)
{
  g_autofree char *dir = zb_test_make_dir ();
  g_autofree char *backup = g_build_filename (dir, "branch.backup", NULL);
  g_autoptr(ZbStore) store = zb_test_new_store (dir, "source.zhibu");
  g_autoptr(ZbKey) passphrase = zb_key_new_passphrase (BACKUP_PASSPHRASE);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  g_cancellable_cancel (cancellable);
  zb_store_backup_async (store, backup, passphrase, ZB_BACKUP_FLAGS_NONE, cancellable, done_cb,
                         &result);
  store_call_done (&result);
  g_assert_false (zb_store_backup_finish (store, result, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_false (g_file_test (backup, G_FILE_TEST_EXISTS));
  assert_no_partial (dir);
  g_clear_error (&error);

  /* The store is as it was: detached, no transaction left open. */
  zb_store_backup (store, backup, passphrase, ZB_BACKUP_FLAGS_NONE, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (g_file_test (backup, G_FILE_TEST_IS_REGULAR));

  zb_test_remove_dir (dir);
}

/* A backup from an older schema is migrated forward on restore; one from
 * a newer Zhibu is refused, naming its version. */
static void
test_versions (void)
{
  g_autofree char *dir = zb_test_make_dir ();
  g_autofree char *old_path = g_build_filename (dir, "old.zhibu", NULL);
  g_autofree char *backup = g_build_filename (dir, "old.backup", NULL);
  g_autofree char *target = g_build_filename (dir, "restored.zhibu", NULL);
  g_autofree char *newer = g_build_filename (dir, "newer.zhibu", NULL);
  g_autoptr(ZbKey) passphrase = zb_key_new_passphrase (BACKUP_PASSPHRASE);
  g_autoptr(ZbKey) key = zb_test_key ();
  g_autoptr(ZbStore) old = NULL;
  g_autoptr(ZbStore) restored = NULL;
  g_autoptr(GError) error = NULL;
  guint latest = zb_store_latest_version ();

  old = zb_store_create_at_version (old_path, key, "老支部", latest - 1, &error);
  g_assert_no_error (error);
  zb_store_backup (old, backup, passphrase, ZB_BACKUP_FLAGS_NONE, NULL, &error);
  g_assert_no_error (error);
  zb_store_restore (backup, passphrase, target, key, ZB_BACKUP_FLAGS_NONE, NULL, NULL, &error);
  g_assert_no_error (error);
  restored = zb_store_open_at_version (target, key, latest - 1, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (zb_store_get_schema_version (restored), ==, latest);
  g_assert_cmpstr (zb_store_get_branch_name (restored), ==, "老支部");

  /* A backup whose schema is one this build does not know. */
  set_backup_version (backup, passphrase, 999);
  zb_store_restore (backup, passphrase, newer, key, ZB_BACKUP_FLAGS_NONE, NULL, NULL, &error);
  g_assert_error (error, ZB_STORE_ERROR, ZB_STORE_ERROR_TOO_NEW);
  g_assert_nonnull (strstr (error->message, "schema 999"));
  g_assert_false (g_file_test (newer, G_FILE_TEST_EXISTS));

  zb_test_remove_dir (dir);
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/backup/round-trip", Fixture, NULL, fixture_set_up, test_round_trip,
              fixture_tear_down);
  g_test_add ("/backup/refused", Fixture, NULL, fixture_set_up, test_refused, fixture_tear_down);
  g_test_add ("/backup/no-overwrite", Fixture, NULL, fixture_set_up, test_no_overwrite,
              fixture_tear_down);
  g_test_add ("/backup/killed", Fixture, NULL, fixture_set_up, test_killed, fixture_tear_down);
  g_test_add ("/backup/terminal", Fixture, NULL, fixture_set_up, test_terminal,
              fixture_tear_down);
  g_test_add_func ("/backup/identity", test_identity);
  g_test_add_func ("/backup/cancelled", test_cancelled);
  g_test_add_func ("/backup/versions", test_versions);
  return g_test_run ();
}
