#define G_LOG_DOMAIN "zb-test"

#include "config.h"

#include <string.h>
#include <sys/wait.h>

#include <glib/gstdio.h>

#include "zb-id-number.h"
#include "zb-member.h"
#include "zb-store-private.h"
#include "zb-test-util.h"

#define TEST_PASSPHRASE "correct horse battery staple"

char *
zb_test_make_dir (void)
{
  g_autoptr(GError) error = NULL;
  char *dir = g_dir_make_tmp ("zhibu-test-XXXXXX", &error);

  g_assert_no_error (error);
  return dir;
}

/* A copy of @path as @name beside the tests' screenshots, to be looked at. */
void
zb_test_keep_artifact (const char *path,
                       const char *name)
{
  const char *shots = g_getenv ("ZHIBU_SCREENSHOT_DIR");
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) from = g_file_new_for_path (path);
  g_autoptr(GFile) to = NULL;
  g_autofree char *target = NULL;

  if (shots == NULL)
    return;
  g_mkdir_with_parents (shots, 0755);
  target = g_build_filename (shots, name, NULL);
  to = g_file_new_for_path (target);
  g_file_copy (from, to, G_FILE_COPY_OVERWRITE, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
}

void
zb_test_remove_dir (const char *dir)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  const char *name;

  while (d && (name = g_dir_read_name (d)))
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);
      if (g_file_test (path, G_FILE_TEST_IS_DIR))
        zb_test_remove_dir (path);
      else
        g_unlink (path);
    }
  g_rmdir (dir);
}

char *
zb_test_file_sha256 (const char *path)
{
  g_autofree char *contents = NULL;
  gsize len = 0;

  if (!g_file_get_contents (path, &contents, &len, NULL))
    return g_strdup ("missing");

  return g_compute_checksum_for_data (G_CHECKSUM_SHA256, (const guchar *) contents, len);
}

ZbKey *
zb_test_key (void)
{
  return zb_key_new_passphrase (TEST_PASSPHRASE);
}

/* A file in @dir holding the passphrase of zb_test_new_store()'s stores, for
 * zhibu-cli's --passphrase-file on them. */
char *
zb_test_passphrase_file (const char *dir)
{
  char *path = g_build_filename (dir, "passphrase", NULL);
  g_autoptr(GError) error = NULL;

  g_file_set_contents (path, TEST_PASSPHRASE "\n", -1, &error);
  g_assert_no_error (error);
  return path;
}

/* Certificates made by openssl in @dir, for a zhibu-server on loopback:
 * two CAs (ca1.pem, ca2.pem), server certificates for 127.0.0.1 and
 * localhost signed by them (server1 and server1b by ca1, server2 by ca2,
 * each NAME.pem with NAME.key), and a self-signed one (selfsigned). EC keys:
 * quick to make. */
void
zb_test_make_certificates (const char *dir)
{
  const char *script =
    "set -e\n"
    "ec='-newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes'\n"
    "printf 'subjectAltName=IP:127.0.0.1,DNS:localhost\\nbasicConstraints=CA:FALSE\\n"
    "extendedKeyUsage=serverAuth\\n' > server.ext\n"
    "for ca in ca1 ca2; do\n"
    "  openssl req -x509 $ec -subj /CN=$ca -days 2 -keyout $ca.key -out $ca.pem\n"
    "done\n"
    "sign () {\n"
    "  openssl req $ec -subj /CN=127.0.0.1 -keyout $1.key -out $1.csr\n"
    "  openssl x509 -req -in $1.csr -CA $2.pem -CAkey $2.key -CAcreateserial -days 1 "
    "-out $1.pem -extfile server.ext\n"
    "}\n"
    "sign server1 ca1\n"
    "sign server1b ca1\n"
    "sign server2 ca2\n"
    "openssl req -x509 $ec -subj /CN=127.0.0.1 -addext subjectAltName=IP:127.0.0.1 -days 1 "
    "-keyout selfsigned.key -out selfsigned.pem\n";
  const char *argv[] = { "sh", "-c", script, NULL };
  g_autoptr(GError) error = NULL;
  g_autofree char *err = NULL;
  int status = -1;

  g_spawn_sync (dir, (char **) argv, NULL, G_SPAWN_SEARCH_PATH | G_SPAWN_STDOUT_TO_DEV_NULL,
                NULL, NULL, NULL, &err, &status, &error);
  g_assert_no_error (error);
  if (!g_spawn_check_wait_status (status, NULL))
    g_error ("openssl failed: %s", err);
}

/* What `openssl x509 -fingerprint -sha256` prints of @pem, as a person
 * would copy it ("sha256 Fingerprint=AB:…"). */
char *
zb_test_openssl_fingerprint (const char *pem)
{
  const char *argv[] = { "openssl", "x509", "-noout", "-fingerprint", "-sha256", "-in", pem,
                         NULL };
  g_autoptr(GError) error = NULL;
  char *out = NULL;
  int status = -1;

  g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, &out, NULL,
                &status, &error);
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  return g_strchomp (out);
}

/* A store keyed with a raw key: no key derivation, so that tests that make
 * many stores stay fast. */
ZbStore *
zb_test_new_raw_store (const char *dir,
                       const char *name)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ZbKey) key = zb_key_new_random (&error);
  g_autofree char *path = g_build_filename (dir, name, NULL);
  ZbStore *store;

  g_assert_no_error (error);
  store = zb_store_create (path, key, "测试支部", &error);
  g_assert_no_error (error);
  return store;
}

void
zb_test_sql_exec (ZbStore    *store,
                  const char *sql)
{
  g_autoptr(GError) error = NULL;
  sqlite3 *db = zb_store_begin_write (store, &error);

  g_assert_no_error (error);
  zb_sql_exec (db, sql, &error);
  g_assert_no_error (error);
  zb_store_commit_write (store, &error);
  g_assert_no_error (error);
}

/* @sql as another program would run it (the sqlcipher shell, an older
 * Zhibu): past the limits the store's own connection checks. */
void
zb_test_sql_exec_unchecked (ZbStore    *store,
                            const char *sql)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  sqlite3 *db = zb_store_begin_write (store, &error);
  sqlite3_stmt *stmt;

  g_assert_no_error (error);
  stmt = zb_sql_prepare (db, "SELECT name FROM sqlite_temp_master WHERE type = 'trigger' AND "
                             "name LIKE 'zb_limits_%'", NULL);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    g_ptr_array_add (names, g_strdup ((const char *) sqlite3_column_text (stmt, 0)));
  sqlite3_finalize (stmt);
  for (guint i = 0; i < names->len; i++)
    {
      g_autofree char *drop = g_strdup_printf ("DROP TRIGGER temp.%s",
                                               (char *) g_ptr_array_index (names, i));
      g_assert_true (zb_sql_exec (db, drop, NULL));
    }

  zb_sql_exec (db, sql, &error);
  g_assert_no_error (error);
  zb_store_guard_limits (db, &error);
  g_assert_no_error (error);
  zb_store_commit_write (store, &error);
  g_assert_no_error (error);
}

/* The first column of the first row, or NULL. */
char *
zb_test_sql_text (ZbStore    *store,
                  const char *sql)
{
  g_autoptr(GError) error = NULL;
  sqlite3 *db = zb_store_begin_write (store, &error);
  g_autoptr(sqlite3_stmt) stmt = NULL;
  char *text = NULL;

  g_assert_no_error (error);
  stmt = zb_sql_prepare (db, sql, &error);
  g_assert_no_error (error);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    text = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  g_clear_pointer (&stmt, sqlite3_finalize);
  zb_store_rollback_write (store);

  return text;
}

gint64
zb_test_sql_int (ZbStore    *store,
                 const char *sql)
{
  g_autofree char *text = zb_test_sql_text (store, sql);

  g_assert_nonnull (text);
  return g_ascii_strtoll (text, NULL, 10);
}

ZbStore *
zb_test_new_store (const char *dir,
                   const char *name)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ZbKey) key = zb_test_key ();
  g_autofree char *path = g_build_filename (dir, name, NULL);
  ZbStore *store = zb_store_create (path, key, "测试支部", &error);

  g_assert_no_error (error);
  return store;
}

/* A valid ID number for a birth date, with the sex in the sequence digit. */
char *
zb_test_id_number (const char *birth,
                   gboolean    male,
                   guint       serial)
{
  g_autofree char *first17 = NULL;
  char digits[9] = { 0 };

  for (guint i = 0, j = 0; birth[i]; i++)
    if (birth[i] != '-')
      digits[j++] = birth[i];

  first17 = g_strdup_printf ("110101%s%03u", digits, (serial % 500) * 2 + (male ? 1 : 0));
  return g_strdup_printf ("%s%c", first17, zb_id_number_check_digit (first17));
}

ZbMember *
zb_test_member (const char *name,
                const char *id_number,
                const char *category)
{
  ZbMember *member = zb_member_new ();

  zb_member_set (member, ZB_MEMBER_FIELD_NAME, name);
  zb_member_set (member, ZB_MEMBER_FIELD_ID_NUMBER, id_number);
  zb_member_set (member, ZB_MEMBER_FIELD_CATEGORY, category);
  if (g_str_equal (category, ZB_CATEGORY_FULL) || g_str_equal (category, ZB_CATEGORY_PROBATIONARY))
    zb_member_set (member, ZB_MEMBER_FIELD_JOINED_DATE, "2015-07-01");
  else
    zb_member_set (member, ZB_MEMBER_FIELD_APPLIED_DATE, "2025-03-01");
  if (g_str_equal (category, ZB_CATEGORY_FULL))
    zb_member_set (member, ZB_MEMBER_FIELD_FULL_DATE, "2016-07-01");

  return member;
}

/* Renames member @id, as the member form would. */
void
zb_test_rename_member (ZbStore    *store,
                       const char *id,
                       const char *name)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ZbMember) member = zb_store_get_member (store, id, &error);

  g_assert_no_error (error);
  zb_member_set (member, ZB_MEMBER_FIELD_NAME, name);
  zb_store_update_member (store, member, &error);
  g_assert_no_error (error);
}

/* A meeting of @type on @date (and of @group, for a group meeting). */
char *
zb_test_add_meeting (ZbStore    *store,
                     const char *type,
                     const char *date,
                     const char *title,
                     const char *group)
{
  g_autoptr(ZbMeeting) meeting = zb_meeting_new ();
  g_autoptr(GError) error = NULL;
  char *id;

  zb_meeting_set_type_code (meeting, type);
  zb_meeting_set_title (meeting, title);
  zb_meeting_set_date (meeting, date);
  zb_meeting_set_party_group (meeting, group);
  id = zb_store_add_meeting (store, meeting, &error);
  g_assert_no_error (error);
  return id;
}

void
zb_test_run_clear (ZbTestRun *run)
{
  g_clear_pointer (&run->out, g_free);
  g_clear_pointer (&run->err, g_free);
}

static void
spawn_cli (ZbTestRun  *run,
           char      **envp,
           GPtrArray  *argv)
{
  g_autoptr(GError) error = NULL;

  g_ptr_array_add (argv, NULL);
  g_spawn_sync (NULL, (char **) argv->pdata, envp, G_SPAWN_DEFAULT, NULL, NULL, &run->out,
                &run->err, &run->status, &error);
  g_assert_no_error (error);
  run->status = WIFEXITED (run->status) ? WEXITSTATUS (run->status) : -1;
}

/* Runs $ZHIBU_CLI --db DB --passphrase-file F ARGS… and collects its output. */
void
zb_test_cli_run_va (ZbTestRun   *run,
                    const char  *db,
                    const char  *passphrase_file,
                    const char  *first,
                    va_list      args)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();

  g_ptr_array_add (argv, (char *) g_getenv ("ZHIBU_CLI"));
  g_ptr_array_add (argv, "--db");
  g_ptr_array_add (argv, (char *) db);
  g_ptr_array_add (argv, "--passphrase-file");
  g_ptr_array_add (argv, (char *) passphrase_file);
  for (const char *arg = first; arg != NULL; arg = va_arg (args, const char *))
    g_ptr_array_add (argv, (char *) arg);
  spawn_cli (run, NULL, argv);
}

/* zb_test_cli_run_va() with its arguments in the call. */
void
zb_test_cli_run (ZbTestRun   *run,
                 const char  *db,
                 const char  *passphrase_file,
                 const char  *first,
                 ...)
{
  va_list args;

  va_start (args, first);
  zb_test_cli_run_va (run, db, passphrase_file, first, args);
  va_end (args);
}

/* The environment of a zhibu-cli whose keyring is libsecret's file backend
 * in @dir: a random raw key kept there, so that a launch derives no key
 * (a passphrase costs 256,000 PBKDF2 rounds on every open). */
char **
zb_test_file_keyring_environ (const char *dir)
{
  g_autofree char *path = g_build_filename (dir, "keyring", NULL);
  char **envp = g_get_environ ();

  envp = g_environ_setenv (envp, "SECRET_BACKEND", "file", TRUE);
  envp = g_environ_setenv (envp, "SECRET_FILE_TEST_PATH", path, TRUE);
  envp = g_environ_setenv (envp, "SECRET_FILE_TEST_PASSWORD", "throwaway", TRUE);
  return envp;
}

/* Runs $ZHIBU_CLI --db DB ARGS… in @envp, the key from its keyring. */
void
zb_test_cli_run_env (ZbTestRun   *run,
                     char       **envp,
                     const char  *db,
                     const char  *first,
                     ...)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  va_list args;

  g_ptr_array_add (argv, (char *) g_getenv ("ZHIBU_CLI"));
  g_ptr_array_add (argv, "--db");
  g_ptr_array_add (argv, (char *) db);
  va_start (args, first);
  for (const char *arg = first; arg != NULL; arg = va_arg (args, const char *))
    g_ptr_array_add (argv, (char *) arg);
  va_end (args);
  spawn_cli (run, envp, argv);
}

void
zb_test_cli_branch_set_up (ZbTestCliBranch *branch)
{
  g_auto(ZbTestRun) init = { 0 };

  branch->dir = zb_test_make_dir ();
  branch->db = g_build_filename (branch->dir, "branch.zhibu", NULL);
  branch->passphrase_file = g_build_filename (branch->dir, "passphrase", NULL);
  g_file_set_contents (branch->passphrase_file, "风雨同舟 2026\n", -1, NULL);
  zb_test_cli_run (&init, branch->db, branch->passphrase_file, "init", "--branch", "第一党支部",
                   NULL);
  g_assert_cmpint (init.status, ==, 0);
}

void
zb_test_cli_branch_tear_down (ZbTestCliBranch *branch)
{
  zb_test_remove_dir (branch->dir);
  g_clear_pointer (&branch->dir, g_free);
  g_clear_pointer (&branch->db, g_free);
  g_clear_pointer (&branch->passphrase_file, g_free);
}

/* Runs zhibu-cli on @branch, which must succeed with nothing on stderr;
 * returns its stdout. */
char *
zb_test_cli_ok (ZbTestCliBranch *branch,
                const char      *first,
                ...)
{
  g_auto(ZbTestRun) run = { 0 };
  va_list args;

  va_start (args, first);
  zb_test_cli_run_va (&run, branch->db, branch->passphrase_file, first, args);
  va_end (args);
  g_test_message ("%s%s", run.out, run.err);
  g_assert_cmpstr (run.err, ==, "");
  g_assert_cmpint (run.status, ==, 0);
  return g_steal_pointer (&run.out);
}

/* Runs zhibu-cli on @branch, which must fail with @status, print nothing,
 * and say one line on stderr holding @message. */
void
zb_test_cli_refused (ZbTestCliBranch *branch,
                     int              status,
                     const char      *message,
                     const char      *first,
                     ...)
{
  g_auto(ZbTestRun) run = { 0 };
  va_list args;

  va_start (args, first);
  zb_test_cli_run_va (&run, branch->db, branch->passphrase_file, first, args);
  va_end (args);
  g_test_message ("%s", run.err);
  g_assert_cmpint (run.status, ==, status);
  g_assert_cmpstr (run.out, ==, "");
  g_assert_nonnull (strstr (run.err, message));
  g_assert_true (strchr (run.err, '\n') == run.err + strlen (run.err) - 1);
}

/* The text of the PDF at @path as pdftotext reads it, white space taken
 * out (a line wraps wherever the renderer likes). */
char *
zb_test_pdf_text (const char *path)
{
  const char *argv[] = { "pdftotext", "-enc", "UTF-8", path, "-", NULL };
  g_autofree char *out = NULL;
  g_autoptr(GError) error = NULL;
  GString *text = g_string_new (NULL);
  int status = -1;

  g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, &out, NULL,
                &status, &error);
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  for (const char *p = out; *p; p++)
    if (!g_ascii_isspace (*p))
      g_string_append_c (text, *p);
  return g_string_free (text, FALSE);
}
