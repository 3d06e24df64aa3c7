#define _GNU_SOURCE
#define G_LOG_DOMAIN "test-store"

#include "config.h"

#include <locale.h>
#include <string.h>

#include <glib/gstdio.h>

#include "zb-demo.h"
#include "zb-member-rules.h"
#include "zb-roster-model.h"
#include "zb-store-private.h"
#include "zb-test-util.h"

static gboolean
file_contains (const char *path,
               const char *needle)
{
  g_autofree char *contents = NULL;
  gsize len = 0;

  if (!g_file_get_contents (path, &contents, &len, NULL))
    return FALSE;

  return memmem (contents, len, needle, strlen (needle)) != NULL;
}

static void
assert_no_clear_text (const char *path,
                      GPtrArray  *members)
{
  const char *suffixes[] = { "", "-wal", "-journal", "-shm" };

  for (guint s = 0; s < G_N_ELEMENTS (suffixes); s++)
    {
      g_autofree char *file = g_strconcat (path, suffixes[s], NULL);

      for (guint i = 0; i < members->len; i++)
        {
          ZbMember *member = g_ptr_array_index (members, i);

          g_assert_false (file_contains (file, zb_member_get (member, ZB_MEMBER_FIELD_NAME)));
          g_assert_false (file_contains (file, zb_member_get (member, ZB_MEMBER_FIELD_ID_NUMBER)));
          g_assert_false (file_contains (file, zb_member_get (member, ZB_MEMBER_FIELD_PHONE)));
        }
    }
}

/* Names, ID numbers and phones never reach the disk in the clear, in the
 * database or in its WAL, while the store is open or after. */
static void
test_encrypted_bytes (void)
{
  g_autofree char *dir = zb_test_make_dir ();
  g_autofree char *path = g_build_filename (dir, "branch.zhibu", NULL);
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);
  g_autoptr(ZbStore) store = zb_test_new_store (dir, "branch.zhibu");
  g_autoptr(GPtrArray) members = zb_demo_make_members (300, 42);
  g_autoptr(GError) error = NULL;
  g_autofree char *header = NULL;
  gsize len = 0;

  zb_store_add_members (store, members, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < 20; i++)
    {
      ZbMember *member = g_ptr_array_index (members, i);
      zb_member_set (member, ZB_MEMBER_FIELD_POST, "党务工作者");
      zb_store_update_member (store, member, &error);
      g_assert_no_error (error);
    }

  g_assert_true (g_file_test (wal, G_FILE_TEST_EXISTS));
  g_assert_cmpuint (g_ptr_array_index (members, 0) != NULL, ==, TRUE);
  assert_no_clear_text (path, members);
  g_assert_false (file_contains (path, "党务工作者"));
  g_assert_false (file_contains (wal, "党务工作者"));

  g_clear_object (&store);
  assert_no_clear_text (path, members);

  g_file_get_contents (path, &header, &len, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (len, >, 16);
  g_assert_false (memcmp (header, "SQLite format 3", 16) == 0);
  g_assert_false (file_contains (path, "CREATE TABLE"));

  zb_test_remove_dir (dir);
}

static void
open_wrong (const char  *path,
            ZbKey       *key)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *before = zb_test_file_sha256 (path);
  g_autofree char *after = NULL;
  g_autoptr(ZbStore) store = zb_store_open (path, key, &error);

  g_assert_null (store);
  g_assert_error (error, ZB_STORE_ERROR, ZB_STORE_ERROR_WRONG_KEY);
  g_assert_nonnull (strstr (error->message, "wrong"));

  after = zb_test_file_sha256 (path);
  g_assert_cmpstr (before, ==, after);
}

/* A wrong key is a clear error and leaves the file byte for byte as it was. */
static void
test_wrong_key (void)
{
  g_autofree char *dir = zb_test_make_dir ();
  g_autofree char *path = g_build_filename (dir, "branch.zhibu", NULL);
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);
  g_autoptr(ZbStore) store = zb_test_new_store (dir, "branch.zhibu");
  g_autoptr(ZbKey) wrong = zb_key_new_passphrase ("not the passphrase");
  g_autoptr(ZbKey) raw = zb_key_new_random (NULL);
  g_autoptr(ZbKey) right = zb_test_key ();
  g_autoptr(GError) error = NULL;

  g_clear_object (&store);
  open_wrong (path, wrong);
  open_wrong (path, raw);
  g_assert_false (g_file_test (wal, G_FILE_TEST_EXISTS));

  store = zb_store_open (path, right, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (zb_store_get_branch_name (store), ==, "测试支部");

  zb_test_remove_dir (dir);
}

static void
test_not_a_database (void)
{
  g_autofree char *dir = zb_test_make_dir ();
  g_autofree char *path = g_build_filename (dir, "notes.txt", NULL);
  g_autoptr(ZbKey) key = zb_test_key ();

  g_file_set_contents (path, "会议记录 minutes, not a database at all\n", -1, NULL);
  open_wrong (path, key);

  zb_test_remove_dir (dir);
}

static void
test_missing_file (void)
{
  g_autoptr(ZbKey) key = zb_test_key ();
  g_autoptr(GError) error = NULL;
  g_autoptr(ZbStore) store = zb_store_open ("/nonexistent/branch.zhibu", key, &error);

  g_assert_null (store);
  g_assert_error (error, ZB_STORE_ERROR, ZB_STORE_ERROR_MISSING);
}

/* What every schema version has: the version 1 columns of a member. */
static void
insert_v1_member (ZbStore    *store,
                  const char *id,
                  const char *name)
{
  g_autoptr(GError) error = NULL;
  sqlite3 *db = zb_store_begin_write (store, &error);
  g_autofree char *sql = g_strdup_printf (
    "INSERT INTO members (id, name, sex, birth_date, id_number, category, joined_date, "
    "full_date, party_group, created_at, updated_at) VALUES ('%s', '%s', 'F', '1980-02-03', "
    "'%s', 'full', '2010-07-01', '2011-07-01', '第一党小组', 'x', 'x')", id, name, id);

  g_assert_no_error (error);
  zb_sql_exec (db, sql, &error);
  g_assert_no_error (error);
  zb_store_commit_write (store, &error);
  g_assert_no_error (error);
}

static char *
dump_v1_members (ZbStore *store)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) dump = g_string_new (NULL);
  sqlite3 *db = zb_store_begin_write (store, &error);
  g_autoptr(sqlite3_stmt) stmt = NULL;

  g_assert_no_error (error);
  stmt = zb_sql_prepare (db,
                         "SELECT id, name, sex, birth_date, id_number, category, joined_date, "
                         "full_date, party_group, revision, deleted FROM members ORDER BY id",
                         &error);
  g_assert_no_error (error);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    for (int c = 0; c < sqlite3_column_count (stmt); c++)
      g_string_append_printf (dump, "%s|", sqlite3_column_text (stmt, c));
  zb_store_rollback_write (store);

  return g_string_free (g_steal_pointer (&dump), FALSE);
}

/* Each step upgrades a database made at the version before it, data intact. */
static void
test_migration_step (gconstpointer data)
{
  guint to = GPOINTER_TO_UINT (data);
  g_autofree char *dir = zb_test_make_dir ();
  g_autofree char *path = g_build_filename (dir, "old.zhibu", NULL);
  g_autoptr(ZbKey) key = zb_test_key ();
  g_autoptr(GError) error = NULL;
  g_autoptr(ZbStore) store = NULL;
  g_autofree char *before = NULL, *after = NULL;

  store = zb_store_create_at_version (path, key, "老支部", to - 1, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (zb_store_get_schema_version (store), ==, to - 1);
  insert_v1_member (store, "a1", "张三");
  insert_v1_member (store, "b2", "李四");
  before = dump_v1_members (store);
  g_clear_object (&store);

  store = zb_store_open_at_version (path, key, to, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (zb_store_get_schema_version (store), ==, to);
  g_assert_cmpstr (zb_store_get_branch_name (store), ==, "老支部");
  after = dump_v1_members (store);
  g_assert_cmpstr (before, ==, after);
  g_assert_cmpuint (zb_store_count_members (store, TRUE, &error), ==, 2);
  g_clear_object (&store);

  /* And the newest code opens it too. */
  store = zb_store_open (path, key, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (zb_store_get_schema_version (store), ==, zb_store_latest_version ());

  zb_test_remove_dir (dir);
}

/* Step 7 (Party dues): the tables hold money as whole fen and months as
 * YYYY-MM for every writer, the sqlcipher shell's too (CHECKs, with this
 * program's own limits off); a new row is queued for the server; and the PC
 * pulls its feed again for the dues rows it passed on schema 6
 * (PROTOCOL.md 7.4). */
static void
test_migration_dues (void)
{
  g_autofree char *dir = zb_test_make_dir ();
  g_autofree char *path = g_build_filename (dir, "old.zhibu", NULL);
  g_autoptr(ZbKey) key = zb_test_key ();
  g_autoptr(GError) error = NULL;
  g_autoptr(ZbStore) store = NULL;
  const char *refused[] = {
    "INSERT INTO dues_bases (id, member_id, from_month, kind, base_fen, created_at) "
    "VALUES ('b1', 'a1', '2026-13', 'employed', 500000, 'x')",
    "INSERT INTO dues_bases (id, member_id, from_month, kind, base_fen, created_at) "
    "VALUES ('b1', 'a1', '2026-3', 'employed', 500000, 'x')",
    "INSERT INTO dues_bases (id, member_id, from_month, kind, base_fen, created_at) "
    "VALUES ('b1', 'a1', '2026-03', 'employed', 5000.5, 'x')",
    "INSERT INTO dues_bases (id, member_id, from_month, kind, base_fen, created_at) "
    "VALUES ('b1', 'a1', '2026-03', 'employed', -1, 'x')",
    "INSERT INTO dues_bases (id, member_id, from_month, kind, base_fen, created_at) "
    "VALUES ('b1', 'a1', '2026-03', 'boss', 500000, 'x')",
    "INSERT INTO dues_reductions (id, member_id, month, due_fen, approved, created_at) "
    "VALUES ('r1', 'a1', '2026-03', 0, 1, 'x')",
    "INSERT INTO dues_payments (id, member_id, paid_date, first_month, last_month, amount_fen, "
    "created_at) VALUES ('p1', 'a1', '2026-03-05', '2026-03', '2026-02', 2500, 'x')",
    "INSERT INTO dues_payments (id, member_id, paid_date, first_month, last_month, amount_fen, "
    "created_at) VALUES ('p1', 'a1', '2026-03-05', '2026-03', '2026-03', 0, 'x')",
    "INSERT INTO dues_payments (id, member_id, paid_date, first_month, last_month, amount_fen, "
    "extra, created_at) VALUES ('p1', 'a1', '2026-03-05', '2026-03', '2026-03', 100000, 1, 'x')",
    "INSERT INTO dues_payments (id, member_id, paid_date, first_month, last_month, amount_fen, "
    "on_behalf_by, created_at) VALUES ('p1', 'a1', '2026-03-05', '2026-03', '2026-03', 2500, "
    "'王芳', 'x')",
  };

  store = zb_store_create_at_version (path, key, "老支部", 6, &error);
  g_assert_no_error (error);
  insert_v1_member (store, "a1", "张三");
  zb_test_sql_exec (store, "DELETE FROM sync_outbox; UPDATE sync_state SET checkpoint = 42");
  g_clear_object (&store);

  store = zb_store_open_at_version (path, key, 7, &error);
  g_assert_no_error (error);
  g_assert_cmpint (zb_test_sql_int (store, "SELECT checkpoint FROM sync_state"), ==, 0);
  g_assert_cmpint (zb_test_sql_int (store, "SELECT resync_until FROM sync_state"), ==, 42);
  g_assert_cmpint (zb_test_sql_int (store, "SELECT count(*) FROM sync_resync WHERE "
                                           "column_name IS NULL AND table_name IN ('dues_bases', "
                                           "'dues_reductions', 'dues_payments')"), ==, 3);

  for (guint i = 0; i < G_N_ELEMENTS (refused); i++)
    {
      g_autoptr(GError) local_error = NULL;
      sqlite3 *db = zb_store_begin_write (store, &local_error);

      g_assert_no_error (local_error);
      /* This program's own limits off, as in sqlcipher's shell. */
      g_assert_true (zb_sql_exec (db, "DROP TRIGGER IF EXISTS temp.zb_limits_dues_bases_insert;"
                                      "DROP TRIGGER IF EXISTS "
                                      "  temp.zb_limits_dues_reductions_insert;"
                                      "DROP TRIGGER IF EXISTS temp.zb_limits_dues_payments_insert",
                                  NULL));
      g_test_message ("%s", refused[i]);
      g_assert_cmpint (sqlite3_exec (db, refused[i], NULL, NULL, NULL), ==, SQLITE_CONSTRAINT);
      zb_store_rollback_write (store);
    }

  zb_test_sql_exec (store, "INSERT INTO dues_payments (id, member_id, paid_date, first_month, "
                           "last_month, amount_fen, on_behalf, on_behalf_by, created_at) VALUES "
                           "('p1', 'a1', '2026-03-05', '2026-01', '2026-03', 7500, 1, '王芳', 'x')");
  g_assert_cmpint (zb_test_sql_int (store, "SELECT typeof(amount_fen) = 'integer' FROM "
                                           "dues_payments"), ==, 1);
  g_assert_cmpint (zb_test_sql_int (store, "SELECT count(*) FROM sync_outbox WHERE "
                                           "table_name = 'dues_payments' AND row_id = 'p1' AND "
                                           "op = 'insert'"), ==, 1);
  g_clear_object (&store);
  zb_test_remove_dir (dir);
}

/* Step 8 (recruitment steps): the codes, the outcomes of the deciding
 * steps, the months of an extension, the people, training and notice hold
 * for every writer (CHECKs, with this program's own limits off); a new row
 * is queued for the server; and the PC pulls its feed again for the step
 * rows it passed on schema 7 (PROTOCOL.md 7.4). */
static void
test_migration_recruitment (void)
{
  g_autofree char *dir = zb_test_make_dir ();
  g_autofree char *path = g_build_filename (dir, "old.zhibu", NULL);
  g_autoptr(ZbKey) key = zb_test_key ();
  g_autoptr(GError) error = NULL;
  g_autoptr(ZbStore) store = NULL;
#define STEP_INSERT "INSERT INTO recruit_steps (id, member_id, code, date, outcome, " \
                    "extension_months, first_person, second_person, training_days, " \
                    "class_hours, notice_start, notice_end, created_at) VALUES ('s1', 'a1', "
  const char *refused[] = {
    STEP_INSERT "'S26', '2020-01-01', NULL, 0, NULL, NULL, 0, 0, NULL, NULL, 'x')",
    STEP_INSERT "'S00', '2020-01-01', NULL, 0, NULL, NULL, 0, 0, NULL, NULL, 'x')",
    STEP_INSERT "'s01', '2020-01-01', NULL, 0, NULL, NULL, 0, 0, NULL, NULL, 'x')",
    STEP_INSERT "'S15', '2020-01-01', NULL, 0, NULL, NULL, 0, 0, NULL, NULL, 'x')",
    STEP_INSERT "'S15', '2020-01-01', 'approved', 0, NULL, NULL, 0, 0, NULL, NULL, 'x')",
    STEP_INSERT "'S14', '2020-01-01', 'admitted', 0, NULL, NULL, 0, 0, NULL, NULL, 'x')",
    STEP_INSERT "'S23', '2020-01-01', 'extended', 3, NULL, NULL, 0, 0, NULL, NULL, 'x')",
    STEP_INSERT "'S23', '2020-01-01', 'full', 6, NULL, NULL, 0, 0, NULL, NULL, 'x')",
    STEP_INSERT "'S23', '2020-01-01', 'extended', '6', NULL, NULL, 0, 0, NULL, NULL, 'x')",
    STEP_INSERT "'S03', '2020-01-01', NULL, 0, '王芳', NULL, 0, 0, NULL, NULL, 'x')",
    STEP_INSERT "'S09', '2020-01-01', NULL, 0, NULL, '王芳', 0, 0, NULL, NULL, 'x')",
    STEP_INSERT "'S10', '2020-01-01', NULL, 0, NULL, NULL, 3, 0, NULL, NULL, 'x')",
    STEP_INSERT "'S11', '2020-01-01', NULL, 0, NULL, NULL, -1, 24, NULL, NULL, 'x')",
    STEP_INSERT "'S11', '2020-01-01', NULL, 0, NULL, NULL, 3, 2.5, NULL, NULL, 'x')",
    STEP_INSERT "'S07', '2020-01-01', NULL, 0, NULL, NULL, 0, 0, '2020-01-01', NULL, 'x')",
    STEP_INSERT "'S07', '2020-01-01', NULL, 0, NULL, NULL, 0, 0, '2020-01-08', '2020-01-01', "
    "'x')",
  };

  store = zb_store_create_at_version (path, key, "老支部", 7, &error);
  g_assert_no_error (error);
  insert_v1_member (store, "a1", "张三");
  zb_test_sql_exec (store, "DELETE FROM sync_outbox; UPDATE sync_state SET checkpoint = 42");
  g_clear_object (&store);

  store = zb_store_open_at_version (path, key, 8, &error);
  g_assert_no_error (error);
  g_assert_cmpint (zb_test_sql_int (store, "SELECT checkpoint FROM sync_state"), ==, 0);
  g_assert_cmpint (zb_test_sql_int (store, "SELECT resync_until FROM sync_state"), ==, 42);
  g_assert_cmpint (zb_test_sql_int (store, "SELECT count(*) FROM sync_resync WHERE "
                                           "column_name IS NULL AND table_name = "
                                           "'recruit_steps'"), ==, 1);

  for (guint i = 0; i < G_N_ELEMENTS (refused); i++)
    {
      g_autoptr(GError) local_error = NULL;
      sqlite3 *db = zb_store_begin_write (store, &local_error);

      g_assert_no_error (local_error);
      g_assert_true (zb_sql_exec (db, "DROP TRIGGER IF EXISTS temp.zb_limits_recruit_steps_insert",
                                  NULL));
      g_test_message ("%s", refused[i]);
      g_assert_cmpint (sqlite3_exec (db, refused[i], NULL, NULL, NULL), ==, SQLITE_CONSTRAINT);
      zb_store_rollback_write (store);
    }

  zb_test_sql_exec (store, STEP_INSERT "'S23', '2020-01-01', 'extended', 6, NULL, NULL, 0, 0, "
                           "'2020-01-02', '2020-01-08', 'x');"
                           "INSERT INTO recruit_steps (id, member_id, code, date, first_person, "
                           "second_person, created_at) VALUES ('s2', 'a1', 'S09', '2020-01-01', "
                           "'王芳', '李明', 'x');"
                           "INSERT INTO recruit_steps (id, member_id, code, date, training_days, "
                           "class_hours, created_at) VALUES ('s3', 'a1', 'S11', '2020-01-01', 3, "
                           "24, 'x')");
#undef STEP_INSERT
  g_assert_cmpint (zb_test_sql_int (store, "SELECT count(*) FROM sync_outbox WHERE "
                                           "table_name = 'recruit_steps' AND op = 'insert'"), ==,
                   3);
  g_clear_object (&store);
  zb_test_remove_dir (dir);
}

/* Step 9 (study records and the points rule set): minutes and points are
 * whole numbers in range, a kind and its meeting agree, for every writer (CHECKs, with this program's own
 * limits off); a new row is queued for the server; and the PC pulls its feed
 * again for the rows it passed on schema 8 (PROTOCOL.md 7.4). */
static void
test_migration_study (void)
{
  g_autofree char *dir = zb_test_make_dir ();
  g_autofree char *path = g_build_filename (dir, "old.zhibu", NULL);
  g_autoptr(ZbKey) key = zb_test_key ();
  g_autoptr(GError) error = NULL;
  g_autoptr(ZbStore) store = NULL;
  const char *refused[] = {
    "INSERT INTO study_records (id, member_id, date, kind, title, minutes, created_at) "
    "VALUES ('s1', 'a1', '2026-03-01', 'self', '学习', 0, 'x')",
    "INSERT INTO study_records (id, member_id, date, kind, title, minutes, created_at) "
    "VALUES ('s1', 'a1', '2026-03-01', 'self', '学习', 1441, 'x')",
    "INSERT INTO study_records (id, member_id, date, kind, title, minutes, created_at) "
    "VALUES ('s1', 'a1', '2026-03-01', 'self', '学习', 1.5, 'x')",
    "INSERT INTO study_records (id, member_id, date, kind, title, minutes, created_at) "
    "VALUES ('s1', 'a1', '2026-03-01', 'self', '学习', '60', 'x')",
    "INSERT INTO study_records (id, member_id, date, kind, title, minutes, created_at) "
    "VALUES ('s1', 'a1', '2026-3-1', 'self', '学习', 60, 'x')",
    "INSERT INTO study_records (id, member_id, date, kind, title, minutes, created_at) "
    "VALUES ('s1', 'a1', '2026-03-01', 'reading', '学习', 60, 'x')",
    "INSERT INTO study_records (id, member_id, date, kind, title, minutes, created_at) "
    "VALUES ('s1', 'a1', '2026-03-01', 'meeting', '学习', 60, 'x')",
    "INSERT INTO study_records (id, member_id, date, kind, title, minutes, meeting_id, "
    "created_at) VALUES ('s1', 'a1', '2026-03-01', 'volunteer', '学习', 60, 'g1', 'x')",
    "INSERT INTO branch_settings (id, points_meeting, points_study_hour, points_lecture, "
    "points_volunteer_hour) VALUES ('branch', -1, 10, 50, 10)",
    "INSERT INTO branch_settings (id, points_meeting, points_study_hour, points_lecture, "
    "points_volunteer_hour) VALUES ('branch', 10, 0.5, 50, 10)",
    "INSERT INTO branch_settings (id, points_meeting, points_study_hour, points_lecture, "
    "points_volunteer_hour, points_yearly_cap) VALUES ('branch', 10, 10, 50, 10, 0)",
  };

  store = zb_store_create_at_version (path, key, "老支部", 8, &error);
  g_assert_no_error (error);
  insert_v1_member (store, "a1", "张三");
  zb_test_sql_exec (store, "DELETE FROM sync_outbox; UPDATE sync_state SET checkpoint = 42");
  g_clear_object (&store);

  store = zb_store_open_at_version (path, key, 9, &error);
  g_assert_no_error (error);
  g_assert_cmpint (zb_test_sql_int (store, "SELECT checkpoint FROM sync_state"), ==, 0);
  g_assert_cmpint (zb_test_sql_int (store, "SELECT resync_until FROM sync_state"), ==, 42);
  g_assert_cmpint (zb_test_sql_int (store, "SELECT count(*) FROM sync_resync WHERE "
                                           "column_name IS NULL AND table_name IN "
                                           "('study_records', 'branch_settings')"), ==, 2);

  for (guint i = 0; i < G_N_ELEMENTS (refused); i++)
    {
      g_autoptr(GError) local_error = NULL;
      sqlite3 *db = zb_store_begin_write (store, &local_error);

      g_assert_no_error (local_error);
      g_assert_true (zb_sql_exec (db, "DROP TRIGGER IF EXISTS temp.zb_limits_study_records_insert;"
                                      "DROP TRIGGER IF EXISTS "
                                      "temp.zb_limits_branch_settings_insert", NULL));
      g_test_message ("%s", refused[i]);
      g_assert_cmpint (sqlite3_exec (db, refused[i], NULL, NULL, NULL), ==, SQLITE_CONSTRAINT);
      zb_store_rollback_write (store);
    }

  zb_test_sql_exec (store, "INSERT INTO study_records (id, member_id, date, kind, title, "
                           "minutes, created_at) VALUES ('s1', 'a1', '2026-03-01', 'lecture', "
                           "'专题党课', 90, 'x');"
                           "INSERT INTO branch_settings (id, points_meeting, points_study_hour, "
                           "points_lecture, points_volunteer_hour) VALUES ('branch', 10, 10, 50, "
                           "10)");
  g_assert_cmpint (zb_test_sql_int (store, "SELECT count(*) FROM sync_outbox WHERE op = 'insert' "
                                           "AND ((table_name = 'study_records' AND row_id = 's1') "
                                           "OR (table_name = 'branch_settings' AND "
                                           "row_id = 'branch'))"), ==, 2);
  g_clear_object (&store);
  zb_test_remove_dir (dir);
}

/* Step 10 (written reports and the expected day of leaving the unit): a
 * report has a day and a summary, a leaving date is a day, for every writer
 * (CHECKs, with this program's own limits off); a new report and a change
 * of the leaving date are queued for the server; and the PC pulls its feed
 * again for the reports and the leaving dates it passed on schema 9
 * (PROTOCOL.md 7.4). The member of schema 9 keeps its fields, its leaving
 * date empty. */
static void
test_migration_reports (void)
{
  g_autofree char *dir = zb_test_make_dir ();
  g_autofree char *path = g_build_filename (dir, "old.zhibu", NULL);
  g_autoptr(ZbKey) key = zb_test_key ();
  g_autoptr(GError) error = NULL;
  g_autoptr(ZbStore) store = NULL;
  const char *refused[] = {
    "INSERT INTO thought_reports (id, member_id, date, summary, created_at) "
    "VALUES ('r1', 'a1', '2026-3-1', '学习体会', 'x')",
    "INSERT INTO thought_reports (id, member_id, date, summary, created_at) "
    "VALUES ('r1', 'a1', '2026-03-01', ' ', 'x')",
    "INSERT INTO thought_reports (id, member_id, date, created_at) "
    "VALUES ('r1', 'a1', '2026-03-01', 'x')",
    "UPDATE members SET leaving_date = '2026-9-30' WHERE id = 'a1'",
  };

  store = zb_store_create_at_version (path, key, "老支部", 9, &error);
  g_assert_no_error (error);
  insert_v1_member (store, "a1", "张三");
  zb_test_sql_exec (store, "DELETE FROM sync_outbox; UPDATE sync_state SET checkpoint = 42");
  g_clear_object (&store);

  store = zb_store_open_at_version (path, key, 10, &error);
  g_assert_no_error (error);
  g_assert_cmpint (zb_test_sql_int (store, "SELECT checkpoint FROM sync_state"), ==, 0);
  g_assert_cmpint (zb_test_sql_int (store, "SELECT resync_until FROM sync_state"), ==, 42);
  g_assert_cmpint (zb_test_sql_int (store, "SELECT count(*) FROM sync_resync WHERE "
                                           "(table_name = 'thought_reports' AND column_name IS "
                                           "NULL) OR (table_name = 'members' AND column_name = "
                                           "'leaving_date')"), ==, 2);
  g_assert_cmpint (zb_test_sql_int (store, "SELECT count(*) FROM members WHERE id = 'a1' AND "
                                           "name = '张三' AND leaving_date IS NULL"), ==, 1);

  for (guint i = 0; i < G_N_ELEMENTS (refused); i++)
    {
      g_autoptr(GError) local_error = NULL;
      sqlite3 *db = zb_store_begin_write (store, &local_error);

      g_assert_no_error (local_error);
      g_assert_true (zb_sql_exec (db, "DROP TRIGGER IF EXISTS "
                                      "temp.zb_limits_thought_reports_insert;"
                                      "DROP TRIGGER IF EXISTS temp.zb_limits_members_update",
                                  NULL));
      g_test_message ("%s", refused[i]);
      g_assert_cmpint (sqlite3_exec (db, refused[i], NULL, NULL, NULL), ==, SQLITE_CONSTRAINT);
      zb_store_rollback_write (store);
    }

  zb_test_sql_exec (store, "INSERT INTO thought_reports (id, member_id, date, summary, "
                           "created_at) VALUES ('r1', 'a1', '2026-03-01', '学习党章的体会', 'x');"
                           "UPDATE members SET leaving_date = '2026-09-30' WHERE id = 'a1'");
  g_assert_cmpint (zb_test_sql_int (store, "SELECT count(*) FROM sync_outbox WHERE "
                                           "(op = 'insert' AND table_name = 'thought_reports' AND "
                                           "row_id = 'r1') OR (op = 'update' AND table_name = "
                                           "'members' AND row_id = 'a1' AND columns = "
                                           "'leaving_date')"), ==, 2);
  g_clear_object (&store);
  zb_test_remove_dir (dir);
}

/* Step 11 (the search index, on this PC only): an older database's members
 * and minutes are indexed as it is upgraded; the index is no synced table
 * and queues nothing for the server. */
#define SEARCH_STEP 11

static void
test_migration_search (void)
{
  g_autofree char *dir = zb_test_make_dir ();
  g_autofree char *path = g_build_filename (dir, "old.zhibu", NULL);
  g_autoptr(ZbKey) key = zb_test_key ();
  g_autoptr(GError) error = NULL;
  g_autoptr(ZbStore) store = NULL;
  g_autoptr(GListModel) results = NULL;
  g_autoptr(ZbSearchResult) member = NULL;
  g_autoptr(ZbSearchResult) minutes = NULL;

  store = zb_store_create_at_version (path, key, "老支部", SEARCH_STEP - 1, &error);
  g_assert_no_error (error);
  insert_v1_member (store, "a1", "张三");
  insert_v1_member (store, "b2", "李四");
  zb_test_sql_exec (store, "INSERT INTO meetings (id, type, title, date, created_at, "
                           "updated_at) VALUES ('g1', 'general', '支部党员大会', '2026-03-01', "
                           "'x', 'x');"
                           "INSERT INTO agenda_items (id, meeting_id, position, title, minutes) "
                           "VALUES ('i1', 'g1', 1, '议题', '张三同志转正');"
                           "DELETE FROM sync_outbox");
  g_clear_object (&store);

  store = zb_store_open_at_version (path, key, SEARCH_STEP, &error);
  g_assert_no_error (error);
  g_assert_cmpint (zb_test_sql_int (store, "SELECT count(*) FROM search_dirty"), ==, 0);
  g_assert_cmpint (zb_test_sql_int (store, "SELECT count(*) FROM search_rows"), ==, 3);
  results = zb_store_search (store, "张三", ZB_SEARCH_ALL, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (results), ==, 2);
  member = g_list_model_get_item (results, 0);
  minutes = g_list_model_get_item (results, 1);
  g_assert_cmpstr (zb_search_result_get_record_id (member), ==, "a1");
  g_assert_cmpstr (zb_search_result_get_record_id (minutes), ==, "g1");
  g_assert_cmpstr (zb_search_result_get_snippet (minutes), ==, "张三同志转正");

  /* A commit leaves a few records queued; a read of the index catches up. */
  zb_test_sql_exec (store, "UPDATE members SET name = '李四海' WHERE id = 'b2'");
  g_assert_cmpint (zb_test_sql_int (store, "SELECT count(*) FROM search_dirty"), ==, 1);
  g_assert_true (zb_store_search_catch_up (store, &error));
  g_assert_no_error (error);
  g_assert_cmpint (zb_test_sql_int (store, "SELECT count(*) FROM search_rows WHERE "
                                           "folded LIKE '李四海%'"), ==, 1);
  g_assert_cmpint (zb_test_sql_int (store, "SELECT count(*) FROM sync_outbox WHERE table_name "
                                           "LIKE 'search%'"), ==, 0);
  g_clear_object (&store);
  zb_test_remove_dir (dir);
}

/* The thread that took the reader reads through the write connection when
 * no one holds it, whose page cache stays current across commits (issue
 * 14), and through the read connection, without waiting, when someone does. */
static void
test_read_connection (void)
{
  g_autofree char *dir = zb_test_make_dir ();
  g_autoptr(ZbStore) store = zb_test_new_store (dir, "branch.zhibu");
  g_autoptr(GError) error = NULL;
  sqlite3 *db;

  g_assert_true (zb_store_read_here (store, &error));
  g_assert_no_error (error);
  db = zb_store_begin_read (store);
  g_assert_true (db == store->writer);
  zb_store_end_read (store, db);

  g_assert_nonnull (zb_store_begin_write (store, &error));
  db = zb_store_begin_read (store);
  g_assert_true (db == store->reader);
  zb_store_end_read (store, db);
  zb_store_rollback_write (store);

  db = zb_store_begin_read (store);
  g_assert_true (db == store->writer);
  zb_store_end_read (store, db);
  g_clear_object (&store);
  zb_test_remove_dir (dir);
}

/* The pages an edit of a phone number writes, each of which SQLCipher
 * encrypts and signs (issue 14): the member's row, its index on the ID
 * number (partial, and so rewritten by every update) and the outbox's row,
 * index and sequence; never the indexes on name and 党小组, nor the search
 * index, whose fields did not change. */
static void
test_pages_per_edit (void)
{
  g_autofree char *dir = zb_test_make_dir ();
  g_autoptr(ZbStore) store = zb_test_new_store (dir, "branch.zhibu");
  g_autoptr(GPtrArray) people = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GListModel) roster = NULL;
  g_autoptr(ZbMember) member = NULL;
  g_autoptr(GError) error = NULL;
  int pages = 0, highest = 0, fewest = G_MAXINT;

  for (guint i = 0; i < 300; i++)
    {
      g_autofree char *name = g_strdup_printf ("党员%03u", i);
      g_autofree char *id_number = zb_test_id_number ("1985-01-02", i % 2, i + 1);
      ZbMember *person = zb_test_member (name, id_number, ZB_CATEGORY_FULL);

      zb_member_set (person, ZB_MEMBER_FIELD_PARTY_GROUP, i % 2 ? "第一党小组" : "第二党小组");
      g_ptr_array_add (people, person);
    }
  g_assert_true (zb_store_add_members (store, people, &error));
  g_assert_no_error (error);
  roster = zb_store_list_members (store, FALSE, &error);
  g_assert_no_error (error);
  /* The fewest of five edits: an edit that happens to split a page of an
   * index on random IDs writes two or three more. */
  for (guint i = 0; i < 5; i++)
    {
      g_autofree char *phone = g_strdup_printf ("1390000111%u", i);

      member = g_list_model_get_item (roster, 100 + 20 * i);
      zb_member_set (member, ZB_MEMBER_FIELD_PHONE, phone);
      sqlite3_db_status (store->writer, SQLITE_DBSTATUS_CACHE_WRITE, &pages, &highest, TRUE);
      g_assert_true (zb_store_update_member (store, member, &error));
      g_assert_no_error (error);
      sqlite3_db_status (store->writer, SQLITE_DBSTATUS_CACHE_WRITE, &pages, &highest, FALSE);
      g_test_message ("an edit of a phone number wrote %d pages", pages);
      fewest = MIN (fewest, pages);
      g_clear_object (&member);
    }
  g_assert_cmpint (fewest, >=, 3);
  g_assert_cmpint (fewest, <=, 7);
  g_assert_cmpint (zb_test_sql_int (store, "SELECT count(*) FROM sync_outbox WHERE "
                                           "columns = 'phone'"), ==, 5);
  g_clear_object (&store);
  zb_test_remove_dir (dir);
}

static void
test_migration_too_new (void)
{
  g_autofree char *dir = zb_test_make_dir ();
  g_autofree char *path = g_build_filename (dir, "branch.zhibu", NULL);
  g_autoptr(ZbStore) store = zb_test_new_store (dir, "branch.zhibu");
  g_autoptr(ZbKey) key = zb_test_key ();
  g_autoptr(GError) error = NULL;
  sqlite3 *db = zb_store_begin_write (store, &error);

  zb_sql_exec (db, "PRAGMA user_version = 999", &error);
  zb_store_commit_write (store, &error);
  g_assert_no_error (error);
  g_clear_object (&store);

  store = zb_store_open (path, key, &error);
  g_assert_null (store);
  g_assert_error (error, ZB_STORE_ERROR, ZB_STORE_ERROR_TOO_NEW);

  zb_test_remove_dir (dir);
}

static void
test_members_crud (void)
{
  g_autofree char *dir = zb_test_make_dir ();
  g_autoptr(ZbStore) store = zb_test_new_store (dir, "branch.zhibu");
  g_autofree char *id_number = zb_test_id_number ("1979-09-09", TRUE, 5);
  g_autoptr(ZbMember) member = zb_test_member ("陈明", id_number, ZB_CATEGORY_FULL);
  g_autoptr(ZbMember) loaded = NULL;
  g_autoptr(GListModel) live = NULL, all = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *id = NULL;

  id = zb_store_add_member (store, member, &error);
  g_assert_no_error (error);
  g_assert_true (g_uuid_string_is_valid (id));

  loaded = zb_store_get_member (store, id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (zb_member_get (loaded, ZB_MEMBER_FIELD_NAME), ==, "陈明");
  g_assert_cmpstr (zb_member_get (loaded, ZB_MEMBER_FIELD_BIRTH_DATE), ==, "1979-09-09");
  g_assert_cmpstr (zb_member_get (loaded, ZB_MEMBER_FIELD_STATUS), ==, ZB_STATUS_NORMAL);

  zb_member_set (loaded, ZB_MEMBER_FIELD_PARTY_GROUP, "第二党小组");
  zb_store_update_member (store, loaded, &error);
  g_assert_no_error (error);
  g_clear_object (&loaded);
  loaded = zb_store_get_member (store, id, &error);
  g_assert_cmpstr (zb_member_get (loaded, ZB_MEMBER_FIELD_PARTY_GROUP), ==, "第二党小组");

  zb_store_archive_member (store, id, ZB_STATUS_TRANSFERRED_OUT, "2026-10-01", "调往集团总部",
                           &error);
  g_assert_no_error (error);
  live = zb_store_list_members (store, FALSE, &error);
  all = zb_store_list_members (store, TRUE, &error);
  g_assert_cmpuint (g_list_model_get_n_items (live), ==, 0);
  g_assert_cmpuint (g_list_model_get_n_items (all), ==, 1);

  zb_store_archive_member (store, id, ZB_STATUS_NORMAL, NULL, NULL, &error);
  g_assert_error (error, ZB_MEMBER_ERROR, ZB_MEMBER_ERROR_INVALID);

  zb_test_remove_dir (dir);
}

/* A transfer out recorded by mistake is taken back whole: the member is
 * on the roster as before, the transfer a tombstone that sync carries,
 * no letter to print; taken back twice, it is refused. */
/* An applicant has no organisational relationship: a transfer of theirs,
 * in or out, is refused naming the category, and nothing is written. */
static void
test_transfer_not_party (void)
{
  g_autofree char *dir = zb_test_make_dir ();
  g_autoptr(ZbStore) store = zb_test_new_store (dir, "branch.zhibu");
  g_autofree char *id_number = zb_test_id_number ("1995-02-03", FALSE, 6);
  g_autoptr(ZbMember) member = zb_test_member ("钱程", id_number, ZB_CATEGORY_APPLICANT);
  g_autoptr(ZbMember) after = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *id = zb_store_add_member (store, member, &error);

  g_assert_no_error (error);
  for (guint in = 0; in < 2; in++)
    {
      g_autoptr(ZbTransfer) transfer = zb_transfer_new (id, in, "2026-11-20", "某某公司党委",
                                                         NULL);

      g_assert_false (zb_store_add_transfer (store, transfer, &error));
      g_assert_error (error, ZB_MEMBER_ERROR, ZB_MEMBER_ERROR_INVALID);
      g_assert_true (g_str_has_prefix (error->message, "Category: "));
      g_clear_error (&error);
    }
  g_assert_cmpint (zb_test_sql_int (store, "SELECT count(*) FROM member_transfers"), ==, 0);
  after = zb_store_get_member (store, id, &error);
  g_assert_cmpstr (zb_member_get (after, ZB_MEMBER_FIELD_STATUS), ==, ZB_STATUS_NORMAL);

  zb_test_remove_dir (dir);
}

static void
test_transfer_undo (void)
{
  g_autofree char *dir = zb_test_make_dir ();
  g_autoptr(ZbStore) store = zb_test_new_store (dir, "branch.zhibu");
  g_autofree char *id_number = zb_test_id_number ("1985-02-03", FALSE, 6);
  g_autoptr(ZbMember) member = zb_test_member ("周敏", id_number, ZB_CATEGORY_FULL);
  g_autoptr(ZbMember) before = NULL, after = NULL;
  g_autoptr(ZbTransfer) transfer = NULL, gone = NULL;
  g_autoptr(GListModel) transfers = NULL, live = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *id = zb_store_add_member (store, member, &error);

  g_assert_no_error (error);
  before = zb_store_get_member (store, id, &error);
  transfer = zb_transfer_new (id, FALSE, "2026-11-20", "某某公司党委", "2026-015");
  g_assert_true (zb_store_add_transfer (store, transfer, &error));
  g_assert_no_error (error);
  live = zb_store_list_members (store, FALSE, &error);
  g_assert_cmpuint (g_list_model_get_n_items (live), ==, 0);
  g_clear_object (&live);
  zb_test_sql_exec (store, "DELETE FROM sync_outbox");

  g_assert_true (zb_store_undo_transfer (store, zb_transfer_get_id (transfer), before, &error));
  g_assert_no_error (error);
  after = zb_store_get_member (store, id, &error);
  g_assert_cmpstr (zb_member_get (after, ZB_MEMBER_FIELD_STATUS), ==, ZB_STATUS_NORMAL);
  g_assert_null (zb_member_get (after, ZB_MEMBER_FIELD_STATUS_REASON));
  live = zb_store_list_members (store, FALSE, &error);
  g_assert_cmpuint (g_list_model_get_n_items (live), ==, 1);
  transfers = zb_store_list_transfers (store, id, &error);
  g_assert_cmpuint (g_list_model_get_n_items (transfers), ==, 0);
  gone = zb_store_get_transfer (store, zb_transfer_get_id (transfer), &error);
  g_assert_null (gone);
  g_clear_error (&error);
  g_assert_cmpint (zb_test_sql_int (store, "SELECT count(*) FROM sync_outbox WHERE "
                                           "table_name = 'member_transfers'"), ==, 1);

  g_assert_false (zb_store_undo_transfer (store, zb_transfer_get_id (transfer), before, &error));
  g_assert_error (error, ZB_MEMBER_ERROR, ZB_MEMBER_ERROR_INVALID);

  zb_test_remove_dir (dir);
}

/* A member who came by transfer is added with the transfer in, in one
 * transaction: a transfer that cannot be recorded, or a person with no
 * relationship to transfer, adds no one. */
static void
test_transferred_in (void)
{
  g_autofree char *dir = zb_test_make_dir ();
  g_autoptr(ZbStore) store = zb_test_new_store (dir, "branch.zhibu");
  g_autofree char *idn = zb_test_id_number ("1990-04-05", TRUE, 7);
  g_autofree char *other_idn = zb_test_id_number ("1996-08-09", FALSE, 8);
  g_autoptr(ZbMember) member = zb_test_member ("孙立", idn, ZB_CATEGORY_FULL);
  g_autoptr(ZbMember) applicant = zb_test_member ("钱悦", other_idn, ZB_CATEGORY_APPLICANT);
  g_autoptr(GListModel) transfers = NULL;
  g_autoptr(ZbTransfer) transfer = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *id = NULL;

  id = zb_store_add_member_transferred_in (store, member, "2026-02-30", "某某公司党委", NULL,
                                           &error);
  g_assert_null (id);
  g_assert_error (error, ZB_MEMBER_ERROR, ZB_MEMBER_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_null (zb_member_get_id (member));
  g_assert_cmpint (zb_test_sql_int (store, "SELECT count(*) FROM members"), ==, 0);

  zb_member_set (applicant, ZB_MEMBER_FIELD_APPLIED_DATE, "2025-01-06");
  g_assert_null (zb_store_add_member_transferred_in (store, applicant, "2026-11-02",
                                                     "某某公司党委", NULL, &error));
  g_assert_error (error, ZB_MEMBER_ERROR, ZB_MEMBER_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_cmpint (zb_test_sql_int (store, "SELECT count(*) FROM members"), ==, 0);

  id = zb_store_add_member_transferred_in (store, member, "2026-11-02", "某某公司党委",
                                           "2026-033", &error);
  g_assert_no_error (error);
  transfers = zb_store_list_transfers (store, id, &error);
  g_assert_cmpuint (g_list_model_get_n_items (transfers), ==, 1);
  transfer = g_list_model_get_item (transfers, 0);
  g_assert_true (zb_transfer_is_incoming (transfer));
  g_assert_cmpstr (zb_transfer_get_date (transfer), ==, "2026-11-02");
  g_assert_cmpstr (zb_transfer_get_organisation (transfer), ==, "某某公司党委");
  g_assert_cmpstr (zb_transfer_get_letter_number (transfer), ==, "2026-033");

  zb_test_remove_dir (dir);
}

/* One citizen ID number per branch, also against archived members. */
static void
test_duplicate_id_number (void)
{
  g_autofree char *dir = zb_test_make_dir ();
  g_autoptr(ZbStore) store = zb_test_new_store (dir, "branch.zhibu");
  g_autofree char *id_number = zb_test_id_number ("1979-09-09", TRUE, 5);
  g_autoptr(ZbMember) first = zb_test_member ("陈明", id_number, ZB_CATEGORY_FULL);
  g_autoptr(ZbMember) second = zb_test_member ("陈明明", id_number, ZB_CATEGORY_FULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *id = NULL;
  g_autofree char *id2 = NULL;

  id = zb_store_add_member (store, first, &error);
  g_assert_no_error (error);
  id2 = zb_store_add_member (store, second, &error);
  g_assert_null (id2);
  g_assert_error (error, ZB_MEMBER_ERROR, ZB_MEMBER_ERROR_DUPLICATE);
  g_assert_nonnull (strstr (error->message, "Citizen ID number"));
  g_assert_cmpuint (zb_store_count_members (store, TRUE, NULL), ==, 1);

  zb_test_remove_dir (dir);
}

static void
test_add_members_all_or_nothing (void)
{
  g_autofree char *dir = zb_test_make_dir ();
  g_autoptr(ZbStore) store = zb_test_new_store (dir, "branch.zhibu");
  g_autoptr(GPtrArray) members = zb_demo_make_members (30, 7);
  g_autoptr(GError) error = NULL;

  zb_member_set (g_ptr_array_index (members, 29), ZB_MEMBER_FIELD_BIRTH_DATE, "1900-01-01");
  g_assert_false (zb_store_add_members (store, members, &error));
  g_assert_error (error, ZB_MEMBER_ERROR, ZB_MEMBER_ERROR_INVALID);
  g_assert_true (g_str_has_prefix (error->message, "Row 30: "));
  g_assert_cmpuint (zb_store_count_members (store, TRUE, NULL), ==, 0);
  g_assert_null (zb_member_get_id (g_ptr_array_index (members, 0)));

  zb_test_remove_dir (dir);
}

static void
test_roster_model (void)
{
  g_autofree char *dir = zb_test_make_dir ();
  g_autoptr(ZbStore) store = zb_test_new_store (dir, "branch.zhibu");
  g_autoptr(ZbRosterModel) model = zb_roster_model_new (store);
  g_autoptr(GError) error = NULL;
  g_autoptr(ZbMember) first = NULL, last = NULL;
  guint n;

  zb_demo_fill (store, 1000, 3, &error);
  g_assert_no_error (error);
  zb_roster_model_reload (model, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, 1000);

  zb_roster_model_set_sort (model, ZB_MEMBER_FIELD_BIRTH_DATE, FALSE);
  first = g_list_model_get_item (G_LIST_MODEL (model), 0);
  last = g_list_model_get_item (G_LIST_MODEL (model), 999);
  g_assert_cmpstr (zb_member_get (first, ZB_MEMBER_FIELD_BIRTH_DATE), >=,
                   zb_member_get (last, ZB_MEMBER_FIELD_BIRTH_DATE));
  g_assert_null (g_list_model_get_item (G_LIST_MODEL (model), 1000));

  zb_roster_model_set_search (model, "第1党小组");
  n = g_list_model_get_n_items (G_LIST_MODEL (model));
  g_assert_cmpuint (n, >, 0);
  g_assert_cmpuint (n, <, 1000);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(ZbMember) m = g_list_model_get_item (G_LIST_MODEL (model), i);
      g_assert_true (g_str_has_prefix (zb_member_get (m, ZB_MEMBER_FIELD_PARTY_GROUP),
                                       "第1"));
    }

  zb_roster_model_set_search (model, "no such 100%_");
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, 0);

  zb_test_remove_dir (dir);
}

/* DESIGN.md: names sort by pinyin (阿 a, 李 li, 欧 ou, 王 wang, 张 zhang,
 * 赵 zhao), not by code point (张 U+5F20 would come first, 阿 U+963F last),
 * in the store's lists and the roster. */
static void
test_pinyin_order (void)
{
  static const char * const names[] = { "张伟", "王芳", "赵敏", "李娜", "阿依", "欧阳明" };
  static const char * const sorted[] = { "阿依", "李娜", "欧阳明", "王芳", "张伟", "赵敏" };
  g_autofree char *dir = zb_test_make_dir ();
  g_autoptr(ZbStore) store = zb_test_new_store (dir, "branch.zhibu");
  g_autoptr(ZbRosterModel) model = zb_roster_model_new (store);
  g_autoptr(GListModel) list = NULL;
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autofree char *id_number = zb_test_id_number ("1980-05-01", i % 2 == 0, i);
      g_autoptr(ZbMember) member = zb_test_member (names[i], id_number, ZB_CATEGORY_FULL);
      g_autofree char *id = zb_store_add_member (store, member, &error);

      g_assert_no_error (error);
    }

  list = zb_store_list_members (store, FALSE, &error);
  g_assert_no_error (error);
  zb_roster_model_reload (model, &error);
  g_assert_no_error (error);
  zb_roster_model_set_sort (model, ZB_MEMBER_FIELD_NAME, TRUE);
  for (guint i = 0; i < G_N_ELEMENTS (sorted); i++)
    {
      g_autoptr(ZbMember) listed = g_list_model_get_item (list, i);
      g_autoptr(ZbMember) shown = g_list_model_get_item (G_LIST_MODEL (model), i);

      g_assert_cmpstr (zb_member_get (listed, ZB_MEMBER_FIELD_NAME), ==, sorted[i]);
      g_assert_cmpstr (zb_member_get (shown, ZB_MEMBER_FIELD_NAME), ==, sorted[i]);
    }

  zb_test_remove_dir (dir);
}

typedef struct
{
  const char *path;
  ZbKey      *key;
  GError     *error;
} Opener;

static gpointer
open_store_thread (gpointer data)
{
  Opener *opener = data;
  g_autoptr(ZbStore) store = zb_store_open (opener->path, opener->key, &opener->error);

  return NULL;
}

/* Two programs that open an older database at once (the app and a cron
 * sync after an upgrade) both succeed: the one that waited for the other's
 * migration finds it done instead of running it again. */
static void
test_migration_concurrent (void)
{
  g_autofree char *dir = zb_test_make_dir ();
  g_autoptr(ZbKey) key = zb_key_new_random (NULL);

  for (guint round = 0; round < 20; round++)
    {
      g_autofree char *name = g_strdup_printf ("old-%u.zhibu", round);
      g_autofree char *path = g_build_filename (dir, name, NULL);
      g_autoptr(GError) error = NULL;
      g_autoptr(ZbStore) old = zb_store_create_at_version (path, key, "老支部",
                                                           zb_store_latest_version () - 1,
                                                           &error);
      Opener openers[2] = { { path, key, NULL }, { path, key, NULL } };
      GThread *threads[2];

      g_assert_no_error (error);
      g_clear_object (&old);
      for (guint i = 0; i < 2; i++)
        threads[i] = g_thread_new ("opener", open_store_thread, &openers[i]);
      for (guint i = 0; i < 2; i++)
        {
          g_thread_join (threads[i]);
          g_assert_no_error (openers[i].error);
        }
    }

  zb_test_remove_dir (dir);
}

/* Step 12 (the thresholds and the branch's details in the settings row):
 * a threshold is NULL or a whole number in its range, for every writer
 * (CHECKs, with this program's own limits off); the settings row's triggers
 * queue a change of the new columns; and a PC that pulled all there was
 * pulls its feed again for those columns (PROTOCOL.md 7.4), keeping the row
 * it had. */
static void
test_migration_settings (void)
{
  g_autofree char *dir = zb_test_make_dir ();
  g_autofree char *path = g_build_filename (dir, "old.zhibu", NULL);
  g_autoptr(ZbKey) key = zb_test_key ();
  g_autoptr(GError) error = NULL;
  g_autoptr(ZbStore) store = NULL;
  g_autofree char *columns = NULL;
  const char *refused[] = {
    "UPDATE branch_settings SET absence_warning_months = 0",
    "UPDATE branch_settings SET absence_warning_months = 25",
    "UPDATE branch_settings SET absence_alert_months = 2.5",
    "UPDATE branch_settings SET absence_alert_months = '6'",
    "UPDATE branch_settings SET probation_notice_days = 0",
    "UPDATE branch_settings SET probation_notice_days = 366",
  };

  store = zb_store_create_at_version (path, key, "老支部", 11, &error);
  g_assert_no_error (error);
  zb_test_sql_exec (store, "INSERT INTO branch_settings (id, points_meeting, points_study_hour, "
                           "points_lecture, points_volunteer_hour) VALUES ('branch', 20, 10, 50, "
                           "10);"
                           "DELETE FROM sync_outbox; DELETE FROM sync_resync;"
                           "UPDATE sync_state SET checkpoint = 42");
  g_clear_object (&store);

  store = zb_store_open_at_version (path, key, 12, &error);
  g_assert_no_error (error);
  g_assert_cmpint (zb_test_sql_int (store, "SELECT checkpoint FROM sync_state"), ==, 0);
  g_assert_cmpint (zb_test_sql_int (store, "SELECT resync_until FROM sync_state"), ==, 42);
  g_assert_cmpint (zb_test_sql_int (store, "SELECT count(*) FROM sync_resync WHERE "
                                           "table_name = 'branch_settings' AND column_name IN "
                                           "('absence_warning_months', 'absence_alert_months', "
                                           "'probation_notice_days', 'higher_committee', "
                                           "'secretary')"), ==, 5);
  g_assert_cmpint (zb_test_sql_int (store, "SELECT points_meeting FROM branch_settings"), ==, 20);
  g_assert_cmpint (zb_test_sql_int (store, "SELECT count(*) FROM branch_settings WHERE "
                                           "absence_warning_months IS NULL AND secretary IS "
                                           "NULL"), ==, 1);

  for (guint i = 0; i < G_N_ELEMENTS (refused); i++)
    {
      g_autoptr(GError) local_error = NULL;
      sqlite3 *db = zb_store_begin_write (store, &local_error);

      g_assert_no_error (local_error);
      g_assert_true (zb_sql_exec (db, "DROP TRIGGER IF EXISTS "
                                      "temp.zb_limits_branch_settings_update", NULL));
      g_test_message ("%s", refused[i]);
      g_assert_cmpint (sqlite3_exec (db, refused[i], NULL, NULL, NULL), ==, SQLITE_CONSTRAINT);
      zb_store_rollback_write (store);
    }

  zb_test_sql_exec (store, "UPDATE branch_settings SET absence_alert_months = 4, "
                           "secretary = '王芳'");
  columns = zb_test_sql_text (store, "SELECT columns FROM sync_outbox WHERE "
                                     "table_name = 'branch_settings'");
  g_assert_cmpstr (columns, ==, "absence_alert_months,secretary");
  g_clear_object (&store);
  zb_test_remove_dir (dir);
}

/* The branch's settings through the store: DOMAIN.md's defaults until set,
 * every value back as set, a value out of range refused naming its field
 * with nothing written, the details unset by NULL or blanks, and a rename. */
static void
test_settings_round_trip (void)
{
  g_autofree char *dir = zb_test_make_dir ();
  g_autoptr(ZbStore) store = zb_test_new_store (dir, "branch.zhibu");
  g_autoptr(GError) error = NULL;
  ZbCheckSettings settings;
  ZbCheckSettings bad;
  g_autofree char *committee = NULL;
  g_autofree char *secretary = NULL;
  g_autofree char *long_name = NULL;
  g_autofree char *meta_name = NULL;
  g_autofree char *path = g_build_filename (dir, "branch.zhibu", NULL);
  g_autoptr(ZbKey) key = zb_test_key ();
  struct {
    guint warning, alert, days;
    const char *message;
  } refused[] = {
    { 0, 6, 30, "Absence warning: give the months as a whole number from 1 to 24" },
    { 3, 25, 30, "Absence alert: give the months as a whole number from 1 to 24" },
    { 3, 6, 366, "Probation notice: give the days as a whole number from 1 to 365" },
    { 3, 6, 0, "Probation notice: give the days as a whole number from 1 to 365" },
  };

  /* a rename alone makes no settings row */
  g_assert_true (zb_store_set_branch_details (store, "第一党支部", NULL, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpint (zb_test_sql_int (store, "SELECT count(*) FROM branch_settings"), ==, 0);

  g_assert_true (zb_store_get_check_settings (store, &settings, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (settings.absence_warning_months, ==, 3);
  g_assert_cmpuint (settings.absence_alert_months, ==, 6);
  g_assert_cmpuint (settings.probation_notice_days, ==, 30);
  g_assert_false (zb_store_has_check_settings (store));
  g_assert_null (zb_store_dup_higher_committee (store));
  g_assert_null (zb_store_dup_secretary (store));

  settings = (ZbCheckSettings) { 2, 4, 60 };
  g_assert_true (zb_store_set_check_settings (store, &settings, &error));
  g_assert_no_error (error);
  settings = (ZbCheckSettings) { 0 };
  g_assert_true (zb_store_get_check_settings (store, &settings, &error));
  g_assert_cmpuint (settings.absence_warning_months, ==, 2);
  g_assert_cmpuint (settings.absence_alert_months, ==, 4);
  g_assert_cmpuint (settings.probation_notice_days, ==, 60);
  g_assert_true (zb_store_has_check_settings (store));
  /* one live row, which keeps the points rules' defaults */
  g_assert_cmpint (zb_test_sql_int (store, "SELECT count(*) FROM branch_settings WHERE "
                                           "deleted = 0 AND points_meeting = 10"), ==, 1);

  for (guint i = 0; i < G_N_ELEMENTS (refused); i++)
    {
      g_autoptr(GError) local_error = NULL;

      bad = (ZbCheckSettings) { refused[i].warning, refused[i].alert, refused[i].days };
      g_assert_false (zb_store_set_check_settings (store, &bad, &local_error));
      g_assert_error (local_error, ZB_MEMBER_ERROR, ZB_MEMBER_ERROR_INVALID);
      g_assert_cmpstr (local_error->message, ==, refused[i].message);
    }
  g_assert_true (zb_store_get_check_settings (store, &settings, &error));
  g_assert_cmpuint (settings.absence_warning_months, ==, 2);
  g_assert_cmpuint (settings.probation_notice_days, ==, 60);

  g_assert_true (zb_store_set_branch_details (store, " 第二党支部 ", "中共某某公司委员会",
                                              "王芳", &error));
  g_assert_no_error (error);
  g_assert_cmpstr (zb_store_get_branch_name (store), ==, "第二党支部");
  committee = zb_store_dup_higher_committee (store);
  secretary = zb_store_dup_secretary (store);
  g_assert_cmpstr (committee, ==, "中共某某公司委员会");
  g_assert_cmpstr (secretary, ==, "王芳");
  meta_name = zb_test_sql_text (store, "SELECT value FROM meta WHERE key = 'branch_name'");
  g_assert_cmpstr (meta_name, ==, "第二党支部");

  long_name = g_strnfill (51, 'x');
  g_assert_false (zb_store_set_branch_details (store, "第三党支部", NULL, long_name, &error));
  g_assert_error (error, ZB_MEMBER_ERROR, ZB_MEMBER_ERROR_INVALID);
  g_assert_true (g_str_has_prefix (error->message, "Branch secretary: "));
  g_clear_error (&error);
  g_assert_false (zb_store_set_branch_details (store, "第三\n党支部", NULL, NULL, &error));
  g_assert_true (g_str_has_prefix (error->message, "Branch name: "));
  g_clear_error (&error);
  g_assert_false (zb_store_set_branch_details (store, "  ", NULL, NULL, &error));
  g_assert_true (g_str_has_prefix (error->message, "Branch name: "));
  g_clear_error (&error);
  g_assert_cmpstr (zb_store_get_branch_name (store), ==, "第二党支部");

  /* NULL keeps the name; NULL and blanks unset the details */
  g_assert_true (zb_store_set_branch_details (store, NULL, NULL, "  ", &error));
  g_assert_no_error (error);
  g_assert_cmpstr (zb_store_get_branch_name (store), ==, "第二党支部");
  g_assert_null (zb_store_dup_higher_committee (store));
  g_assert_null (zb_store_dup_secretary (store));
  g_assert_true (zb_store_get_check_settings (store, &settings, &error));
  g_assert_cmpuint (settings.absence_alert_months, ==, 4);

  /* the name is kept in the file */
  g_clear_object (&store);
  store = zb_store_open (path, key, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (zb_store_get_branch_name (store), ==, "第二党支部");
  g_clear_object (&store);
  zb_test_remove_dir (dir);
}

/* Step 15: every foreign key is checked at COMMIT, in a store just made
 * (whose own connection ran the step) as in one upgraded: a row may name a
 * meeting its transaction adds later, and a transaction that leaves one
 * naming no meeting commits nothing. */
static void
test_migration_deferred_keys (void)
{
  g_autofree char *dir = zb_test_make_dir ();
  g_autofree char *path = g_build_filename (dir, "old.zhibu", NULL);
  g_autoptr(ZbKey) key = zb_test_key ();
  g_autoptr(GError) error = NULL;
  const char *const kinds[] = { "new", "upgraded" };

  for (guint k = 0; k < G_N_ELEMENTS (kinds); k++)
    {
      g_autoptr(ZbStore) store = NULL;
      g_autofree char *integrity = NULL;
      sqlite3 *db;

      g_test_message ("a store %s", kinds[k]);
      if (k == 0)
        store = zb_test_new_store (dir, "new.zhibu");
      else
        {
          store = zb_store_create_at_version (path, key, "老支部", 14, &error);
          g_assert_no_error (error);
          g_clear_object (&store);
          store = zb_store_open (path, key, &error);
          g_assert_no_error (error);
        }
      g_assert_cmpint (zb_test_sql_int (store, "SELECT count(*) FROM sqlite_master WHERE "
                                               "sql LIKE '%REFERENCES%'"), >=, 15);
      g_assert_cmpint (zb_test_sql_int (store, "SELECT count(*) FROM sqlite_master WHERE "
                                               "sql LIKE '%REFERENCES%' AND (length (sql) - "
                                               "length (replace (sql, 'REFERENCES', ''))) / 10 "
                                               "<> (length (sql) - length (replace (sql, "
                                               "'DEFERRABLE INITIALLY DEFERRED', ''))) / 29"),
                       ==, 0);
      integrity = zb_test_sql_text (store, "PRAGMA integrity_check");
      g_assert_cmpstr (integrity, ==, "ok");

      db = zb_store_begin_write (store, &error);
      g_assert_no_error (error);
      g_assert_true (zb_sql_exec (db, "INSERT INTO agenda_items (id, meeting_id, position, title) "
                                      "VALUES ('i1', 'm1', 1, '学习')", &error));
      g_assert_no_error (error);
      g_assert_true (zb_sql_exec (db, "INSERT INTO meetings (id, type, title, date, created_at, "
                                      "updated_at) VALUES ('m1', 'general', '党员大会', "
                                      "'2026-11-20', 'x', 'x')", &error));
      g_assert_no_error (error);
      g_assert_true (zb_store_commit_write (store, &error));
      g_assert_no_error (error);

      db = zb_store_begin_write (store, &error);
      g_assert_true (zb_sql_exec (db, "INSERT INTO agenda_items (id, meeting_id, position, title) "
                                      "VALUES ('i2', 'm2', 1, '学习')", &error));
      g_assert_no_error (error);
      g_assert_false (zb_store_commit_write (store, &error));
      g_assert_nonnull (strstr (error->message, "FOREIGN KEY"));
      g_clear_error (&error);
      g_assert_cmpint (zb_test_sql_int (store, "SELECT count(*) FROM agenda_items"), ==, 1);
    }
  zb_test_remove_dir (dir);
}

static void
assert_roster_count (ZbStore *store)
{
  gint64 kept = zb_test_sql_int (store, "SELECT live FROM roster_count");
  gint64 counted = zb_test_sql_int (store, "SELECT count(*) FROM members WHERE deleted = 0 AND "
                                           "status IN ('normal', 'suspended')");

  g_test_message ("roster count kept %" G_GINT64_FORMAT ", counted %" G_GINT64_FORMAT, kept,
                  counted);
  g_assert_cmpint (kept, ==, counted);
  g_assert_cmpuint (zb_store_count_members (store, FALSE, NULL), ==, counted);
}

/* The roster's count (migration step 16) is the members on the list
 * through every change, by the store or by SQL: made from the members of
 * a store upgraded from 15, added, archived, suspended, brought back,
 * tombstoned, deleted. */
static void
test_roster_count (void)
{
  g_autofree char *dir = zb_test_make_dir ();
  g_autofree char *path = g_build_filename (dir, "old.zhibu", NULL);
  g_autoptr(ZbKey) key = zb_test_key ();
  g_autoptr(ZbStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *idn = zb_test_id_number ("1982-01-20", TRUE, 3);
  g_autoptr(ZbMember) member = zb_test_member ("韩冰", idn, ZB_CATEGORY_FULL);
  g_autofree char *id = NULL;

  store = zb_store_create_at_version (path, key, "老支部", 15, &error);
  g_assert_no_error (error);
  insert_v1_member (store, "a1", "张三");
  insert_v1_member (store, "b2", "李四");
  zb_test_sql_exec (store, "UPDATE members SET deleted = 1 WHERE id = 'b2'");
  g_clear_object (&store);
  store = zb_store_open (path, key, &error);
  g_assert_no_error (error);
  g_assert_cmpint (zb_test_sql_int (store, "SELECT live FROM roster_count"), ==, 1);
  assert_roster_count (store);

  id = zb_store_add_member (store, member, &error);
  g_assert_no_error (error);
  assert_roster_count (store);
  g_assert_true (zb_store_archive_member (store, id, ZB_STATUS_DECEASED, "2026-11-01", NULL,
                                          &error));
  assert_roster_count (store);
  zb_test_sql_exec (store, "UPDATE members SET status = 'normal' WHERE id = 'a1'");
  zb_test_sql_exec (store, "UPDATE members SET status = 'suspended' WHERE id = 'a1'");
  assert_roster_count (store);
  zb_test_sql_exec (store, "UPDATE members SET deleted = 0, status = 'normal' WHERE id = 'b2'");
  assert_roster_count (store);
  zb_test_sql_exec (store, "UPDATE members SET phone = '13800138000', status = status");
  assert_roster_count (store);
  zb_test_sql_exec (store, "DELETE FROM members WHERE id = 'b2'");
  assert_roster_count (store);
  g_assert_cmpint (zb_test_sql_int (store, "SELECT live FROM roster_count"), ==, 1);

  zb_test_remove_dir (dir);
}

/* A VFS over the default one, counting the statement journals opened: with
 * SQLite's spill at 0 (main) and temp_store FILE, each is a file. */
static sqlite3_vfs counting_vfs;
static sqlite3_vfs *default_vfs;
static int statement_journals;

static int
counting_open (sqlite3_vfs  *vfs,
               const char   *name,
               sqlite3_file *file,
               int           flags,
               int          *out_flags)
{
  if (flags & SQLITE_OPEN_SUBJOURNAL)
    g_atomic_int_inc (&statement_journals);
  return default_vfs->xOpen (default_vfs, name, file, flags, out_flags);
}

static void
count_statement_journals (void)
{
  g_assert_cmpint (sqlite3_config (SQLITE_CONFIG_STMTJRNL_SPILL, 0), ==, SQLITE_OK);
  default_vfs = sqlite3_vfs_find (NULL);
  counting_vfs = *default_vfs;
  counting_vfs.zName = "zb-counting";
  counting_vfs.pNext = NULL;
  counting_vfs.xOpen = counting_open;
  g_assert_cmpint (sqlite3_vfs_register (&counting_vfs, TRUE), ==, SQLITE_OK);
}

/* The writes of everyday actions keep no statement journal, which SQLCipher
 * 3.4 would encrypt page by page (zb-store-private.h, issue 14); a change of
 * status keeps one, for its history's OR REPLACE, and a status set again on
 * the same day replaces its history row. */
static void
test_no_statement_journal (void)
{
  g_autofree char *dir = zb_test_make_dir ();
  g_autoptr(ZbStore) store = zb_test_new_store (dir, "branch.zhibu");
  g_autofree char *id_number = zb_test_id_number ("1985-01-02", TRUE, 7);
  g_autoptr(ZbMember) member = zb_test_member ("王建国", id_number, ZB_CATEGORY_FULL);
  g_autoptr(ZbAgendaItem) item = zb_agenda_item_new ();
  g_autofree char *member_id = NULL, *meeting_id = NULL, *item_id = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (zb_sql_exec (store->writer, "PRAGMA temp_store = FILE", &error));
  g_atomic_int_set (&statement_journals, 0);

  member_id = zb_store_add_member (store, member, &error);
  g_assert_no_error (error);
  zb_member_set (member, ZB_MEMBER_FIELD_PHONE, "13900001111");
  g_assert_true (zb_store_update_member (store, member, &error));
  g_assert_no_error (error);
  meeting_id = zb_test_add_meeting (store, "general", "2026-11-20", "党员大会", NULL);
  zb_agenda_item_set_meeting_id (item, meeting_id);
  zb_agenda_item_set_title (item, "学习研讨");
  item_id = zb_store_add_agenda_item (store, item, &error);
  g_assert_no_error (error);
  zb_agenda_item_set_minutes (item, "会议传达学习了上级党委文件精神。");
  g_assert_true (zb_store_update_agenda_item (store, item, &error));
  g_assert_no_error (error);
  g_assert_true (zb_store_set_attendance (store, meeting_id, member_id, "present", NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpint (g_atomic_int_get (&statement_journals), ==, 0);

  for (guint i = 0; i < 2; i++)
    {
      g_autoptr(ZbMember) again = zb_store_get_member (store, member_id, &error);

      g_assert_true (zb_store_archive_member (store, member_id, "transferred-out",
                                              "2026-11-21", "调往上级单位", &error));
      g_assert_no_error (error);
      zb_member_set (again, ZB_MEMBER_FIELD_STATUS, "normal");
      g_assert_true (zb_store_update_member (store, again, &error));
      g_assert_no_error (error);
    }
  g_assert_cmpint (g_atomic_int_get (&statement_journals), >=, 1);
  g_assert_cmpint (zb_test_sql_int (store, "SELECT count(*) FROM member_status_history "
                                           "WHERE status = 'transferred-out'"), ==, 1);
  g_clear_object (&store);
  zb_test_remove_dir (dir);
}


int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);
  count_statement_journals ();

  g_test_add_func ("/store/encrypted-bytes", test_encrypted_bytes);
  g_test_add_func ("/store/transfer-undo", test_transfer_undo);
  g_test_add_func ("/store/transfer-not-party", test_transfer_not_party);
  g_test_add_func ("/store/transferred-in", test_transferred_in);
  g_test_add_func ("/store/open/wrong-key", test_wrong_key);
  g_test_add_func ("/store/open/not-a-database", test_not_a_database);
  g_test_add_func ("/store/open/missing", test_missing_file);
  for (guint v = 2; v <= zb_store_latest_version (); v++)
    {
      g_autofree char *name = g_strdup_printf ("/store/migration/to-%u", v);
      g_test_add_data_func (name, GUINT_TO_POINTER (v), test_migration_step);
    }
  g_test_add_func ("/store/migration/dues", test_migration_dues);
  g_test_add_func ("/store/migration/recruitment", test_migration_recruitment);
  g_test_add_func ("/store/migration/study", test_migration_study);
  g_test_add_func ("/store/migration/reports", test_migration_reports);
  g_test_add_func ("/store/migration/search", test_migration_search);
  g_test_add_func ("/store/migration/settings", test_migration_settings);
  g_test_add_func ("/store/settings/round-trip", test_settings_round_trip);
  g_test_add_func ("/store/migration/too-new", test_migration_too_new);
  g_test_add_func ("/store/migration/concurrent", test_migration_concurrent);
  g_test_add_func ("/store/members/crud", test_members_crud);
  g_test_add_func ("/store/members/duplicate-id-number", test_duplicate_id_number);
  g_test_add_func ("/store/members/all-or-nothing", test_add_members_all_or_nothing);
  g_test_add_func ("/store/roster-model", test_roster_model);
  g_test_add_func ("/store/members/pinyin-order", test_pinyin_order);
  g_test_add_func ("/store/read-connection", test_read_connection);
  g_test_add_func ("/store/members/pages-per-edit", test_pages_per_edit);
  g_test_add_func ("/store/migration/deferred-keys", test_migration_deferred_keys);
  g_test_add_func ("/store/roster-count", test_roster_count);
  g_test_add_func ("/store/no-statement-journal", test_no_statement_journal);

  return g_test_run ();
}
