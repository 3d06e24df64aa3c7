#define G_LOG_DOMAIN "test-roster-order"

#include "config.h"

#include <locale.h>
#include <string.h>

#include "zb-migrations.h"
#include "zb-pinyin.h"
#include "zb-roster-model.h"
#include "zb-store-private.h"
#include "zb-test-util.h"

/* The roster's order by name (issue 14): kept in members.name_key, an
 * index of ICU sort keys, instead of sorting the whole table with the
 * PINYIN collation for each page; the order must stay that collation's,
 * with equal names in the order of their rows. */

#define N_NAMES 360

/* Surnames with more than one reading (单 shàn/dān, 曾 zēng/céng, 解 xiè/jiě,
 * 仇 qiú/chóu, 查 zhā/chá, 区 ōu/qū, 朴 piáo/pǔ, 乐 yuè/lè, 缪 miào/móu), the
 * common ones, two-character ones, Latin letters in both cases and digits. */
static const char * const surnames[] = {
  "单", "曾", "解", "仇", "查", "区", "朴", "乐", "缪", "盖", "张", "王", "李", "赵", "阿",
  "欧阳", "尉迟", "长孙", "Li", "li", "Zhang", "O'", "3", "",
};
static const char * const given[] = {
  "伟", "芳", "长春", "重阳", "行", "Wei", "wei", "2", "10", "敏", "娜", "",
};

static char *
mixed_name (guint i)
{
  const char *surname = surnames[(i * 7) % G_N_ELEMENTS (surnames)];
  const char *name = given[(i * 5) % G_N_ELEMENTS (given)];

  if (*surname == '\0' && *name == '\0')
    return g_strdup ("小");
  return g_strconcat (surname, name, NULL);
}

static GPtrArray *
add_mixed_members (ZbStore *store,
                   guint    n)
{
  g_autoptr(GPtrArray) members = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) ids = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i < n; i++)
    {
      g_autofree char *name = mixed_name (i);
      g_autofree char *id_number = zb_test_id_number ("1980-05-01", i % 2 == 0, i);

      g_ptr_array_add (members, zb_test_member (name, id_number, ZB_CATEGORY_FULL));
    }
  zb_store_add_members (store, members, &error);
  g_assert_no_error (error);

  for (guint i = 0; i < n; i++)
    g_ptr_array_add (ids, g_strdup (zb_member_get_id (members->pdata[i])));
  return g_steal_pointer (&ids);
}

typedef struct
{
  char   *id;
  char   *name;
  gint64  rowid;
} Row;

static void
row_free (Row *row)
{
  g_free (row->id);
  g_free (row->name);
  g_free (row);
}

static ZbPinyin *pinyin;

static int
compare_rows (gconstpointer a,
              gconstpointer b)
{
  const Row *x = *(const Row **) a, *y = *(const Row **) b;
  int order = zb_pinyin_compare (pinyin, x->name, -1, y->name, -1);

  return order != 0 ? order : (x->rowid > y->rowid) - (x->rowid < y->rowid);
}

/* The live members as the collation sorts them, equal names by rowid. */
static GPtrArray *
expected_order (ZbStore *store)
{
  GPtrArray *rows = g_ptr_array_new_with_free_func ((GDestroyNotify) row_free);
  sqlite3 *db = zb_store_begin_read (store);
  g_autoptr(GError) error = NULL;
  g_autoptr(sqlite3_stmt) stmt = zb_sql_prepare (db, "SELECT id, name, rowid FROM members WHERE "
                                                     "deleted = 0 AND status IN ('normal', "
                                                     "'suspended')", &error);

  g_assert_no_error (error);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      Row *row = g_new0 (Row, 1);

      row->id = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
      row->name = g_strdup ((const char *) sqlite3_column_text (stmt, 1));
      row->rowid = sqlite3_column_int64 (stmt, 2);
      g_ptr_array_add (rows, row);
    }
  g_clear_pointer (&stmt, sqlite3_finalize);
  zb_store_end_read (store, db);

  pinyin = zb_pinyin_new ();
  g_ptr_array_sort (rows, compare_rows);
  g_clear_pointer (&pinyin, zb_pinyin_free);
  return rows;
}

static void
assert_model_order (ZbRosterModel *model,
                    GPtrArray     *expected,
                    gboolean       ascending)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (model));

  g_assert_cmpuint (n, ==, expected->len);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(ZbMember) shown = g_list_model_get_item (G_LIST_MODEL (model), i);
      const Row *row = expected->pdata[ascending ? i : n - 1 - i];

      g_assert_cmpstr (zb_member_get_id (shown), ==, row->id);
    }
}

/* @sql on a connection of its own, as the sqlcipher shell or a cron sync
 * would write. */
static void
rename_elsewhere (const char *dir,
                  const char *sql)
{
  g_autofree char *path = g_build_filename (dir, "branch.zhibu", NULL);
  g_autoptr(ZbKey) key = zb_test_key ();
  g_autoptr(GError) error = NULL;
  sqlite3 *db = zb_sql_open (path, key, FALSE, &error);

  g_assert_no_error (error);
  zb_sql_exec (db, sql, &error);
  g_assert_no_error (error);
  sqlite3_close (db);
}

/* The model's order by name equals sorting with zb_pinyin_compare(), ties
 * by rowid; descending is its reverse. Renamed and archived members, and a
 * name changed by another program (the trigger clears its key, the store
 * makes it again on its next commit), keep it. */
static void
test_order (void)
{
  g_autofree char *dir = zb_test_make_dir ();
  g_autoptr(ZbStore) store = zb_test_new_store (dir, "branch.zhibu");
  g_autoptr(ZbRosterModel) model = zb_roster_model_new (store);
  g_autoptr(GPtrArray) ids = add_mixed_members (store, N_NAMES);
  g_autoptr(GPtrArray) expected = NULL;
  g_autoptr(GError) error = NULL;

  zb_test_rename_member (store, ids->pdata[5], "曾国藩");
  zb_test_rename_member (store, ids->pdata[6], "单");
  zb_store_archive_member (store, ids->pdata[7], "deceased", "2025-01-02", NULL, &error);
  g_assert_no_error (error);
  rename_elsewhere (dir, "UPDATE members SET name = '仇' WHERE rowid = 9");
  g_assert_cmpint (zb_test_sql_int (store, "SELECT count(*) FROM members "
                                           "WHERE name_key IS NULL"), ==, 1);
  zb_test_rename_member (store, ids->pdata[10], "Aaron");
  g_assert_cmpint (zb_test_sql_int (store, "SELECT count(*) FROM members "
                                           "WHERE name_key IS NULL"), ==, 0);

  expected = expected_order (store);
  g_assert_cmpuint (expected->len, ==, N_NAMES - 1);
  zb_roster_model_reload (model, &error);
  g_assert_no_error (error);
  assert_model_order (model, expected, TRUE);

  zb_roster_model_set_sort (model, ZB_MEMBER_FIELD_NAME, FALSE);
  assert_model_order (model, expected, FALSE);

  zb_test_remove_dir (dir);
}

static void
trace_cb_add (GPtrArray    *statements,
              sqlite3_stmt *stmt)
{
  char *sql = sqlite3_expanded_sql (stmt);

  g_ptr_array_add (statements, g_strdup (sql));
  sqlite3_free (sql);
}

static int
trace_cb (unsigned  type,
          void     *data,
          void     *p,
          void     *x)
{
  trace_cb_add (data, p);
  return 0;
}

static char *
query_plan (sqlite3    *db,
            const char *sql)
{
  g_autofree char *explain = g_strconcat ("EXPLAIN QUERY PLAN ", sql, NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(sqlite3_stmt) stmt = zb_sql_prepare (db, explain, &error);
  GString *plan = g_string_new (NULL);

  g_assert_no_error (error);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    g_string_append_printf (plan, "%s\n", sqlite3_column_text (stmt, 3));
  return g_string_free (plan, FALSE);
}

/* The first page by name reads the index of sort keys, not the table:
 * only the page's own rows are read from it (and put back in order, a sort
 * of 200 rows at most); the count reads the kept number. */
static void
test_index_only (void)
{
  g_autofree char *dir = zb_test_make_dir ();
  g_autoptr(ZbStore) store = zb_test_new_store (dir, "branch.zhibu");
  g_autoptr(ZbRosterModel) model = zb_roster_model_new (store);
  g_autoptr(GPtrArray) ids = add_mixed_members (store, 20);
  g_autoptr(GPtrArray) statements = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GError) error = NULL;
  g_autoptr(ZbMember) first = NULL;
  sqlite3 *db = zb_store_get_reader (store, &error);

  g_assert_no_error (error);
  for (int ascending = 1; ascending >= 0; ascending--)
    {
      zb_roster_model_set_sort (model, ZB_MEMBER_FIELD_NAME, ascending);
      sqlite3_trace_v2 (db, SQLITE_TRACE_STMT, trace_cb, statements);
      zb_roster_model_reload (model, &error);
      g_assert_no_error (error);
      first = g_list_model_get_item (G_LIST_MODEL (model), 0);
      g_clear_object (&first);
      sqlite3_trace_v2 (db, 0, NULL, NULL);
    }

  g_assert_cmpuint (statements->len, ==, 4);
  for (guint i = 0; i < statements->len; i++)
    {
      g_autofree char *plan = query_plan (db, statements->pdata[i]);

      g_test_message ("%s\n%s", (char *) statements->pdata[i], plan);
      /* The whole roster's count is kept (migration step 16): no member read. */
      if (g_str_has_prefix (statements->pdata[i], "SELECT live FROM roster_count"))
        {
          g_assert_null (strstr (plan, "members"));
          continue;
        }
      g_assert_nonnull (strstr (plan, "SCAN TABLE members USING COVERING INDEX members_roster"));
      g_assert_null (strstr (plan, "SCAN TABLE members\n"));
    }

  zb_test_remove_dir (dir);
}

typedef struct
{
  guint most_added;
  guint signals;
} Changes;

static void
items_changed_cb (GListModel *model,
                  guint       position,
                  guint       removed,
                  guint       added,
                  Changes    *changes)
{
  changes->most_added = MAX (changes->most_added, added);
  changes->signals++;
}

/* After an edit, a reload tells the view only about the rows it holds (the
 * pages it read) and where the count changed: GTK 4.8 looks for a row it
 * tracks among every row said added, and "all rows changed" read the
 * whole roster. The rows read afterwards are the new ones. */
static void
test_reload_pages (void)
{
  g_autofree char *dir = zb_test_make_dir ();
  g_autoptr(ZbStore) store = zb_test_new_store (dir, "branch.zhibu");
  g_autoptr(ZbRosterModel) model = zb_roster_model_new (store);
  g_autoptr(GPtrArray) ids = add_mixed_members (store, 450);
  g_autoptr(ZbMember) first = NULL;
  g_autoptr(GError) error = NULL;
  Changes changes = { 0 };

  zb_roster_model_reload (model, &error);
  g_assert_no_error (error);
  first = g_list_model_get_item (G_LIST_MODEL (model), 0);
  zb_test_rename_member (store, zb_member_get_id (first), "龚自珍");

  g_signal_connect (model, "items-changed", G_CALLBACK (items_changed_cb), &changes);
  zb_roster_model_reload (model, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (changes.signals, ==, 1);
  g_assert_cmpuint (changes.most_added, <=, 200);
  g_clear_object (&first);
  first = g_list_model_get_item (G_LIST_MODEL (model), 0);
  g_assert_cmpstr (zb_member_get (first, ZB_MEMBER_FIELD_NAME), !=, "龚自珍");

  /* One fewer: the last row goes, and the page read is said changed. */
  changes = (Changes) { 0 };
  zb_store_archive_member (store, ids->pdata[0], "deceased", "2025-01-02", NULL, &error);
  g_assert_no_error (error);
  zb_roster_model_reload (model, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, 449);
  g_assert_cmpuint (changes.signals, ==, 2);
  g_assert_cmpuint (changes.most_added, <=, 200);

  zb_test_remove_dir (dir);
}

static void
assert_keys_current (ZbStore *store)
{
  g_assert_cmpint (zb_test_sql_int (store, "SELECT count(*) FROM members WHERE deleted = 0 AND "
                                           "name_key IS NOT zb_name_key(name, rowid)"), ==, 0);
}

/* The keys depend on ICU's collator: a database whose keys were made under
 * another version (an upgraded ICU) has them all made again when it opens,
 * and the version kept; under the same version, opening leaves them. */
static void
test_icu_version (void)
{
  g_autofree char *dir = zb_test_make_dir ();
  g_autofree char *path = g_build_filename (dir, "branch.zhibu", NULL);
  g_autoptr(ZbKey) key = zb_test_key ();
  g_autoptr(ZbStore) store = zb_test_new_store (dir, "branch.zhibu");
  g_autoptr(GPtrArray) ids = add_mixed_members (store, 50);
  g_autoptr(GError) error = NULL;
  g_autoptr(ZbPinyin) collator = zb_pinyin_new ();
  g_autofree char *version = zb_pinyin_get_version (collator);
  g_autofree char *kept = NULL;

  assert_keys_current (store);
  kept = zb_test_sql_text (store, "SELECT value FROM meta WHERE key = 'name_key_version'");
  g_assert_true (g_str_has_suffix (kept, version));

  /* Same version: a key garbled on purpose stays garbled. */
  zb_test_sql_exec (store, "UPDATE members SET name_key = x'00' WHERE rowid = 3");
  g_clear_object (&store);
  store = zb_store_open (path, key, &error);
  g_assert_no_error (error);
  g_assert_cmpint (zb_test_sql_int (store, "SELECT count(*) FROM members "
                                           "WHERE name_key = x'00'"), ==, 1);

  /* Another version: every key is made again. */
  zb_test_sql_exec (store, "UPDATE meta SET value = '1 zh 0.0.0.0' "
                           "WHERE key = 'name_key_version'");
  zb_test_sql_exec (store, "UPDATE members SET name_key = x'00'");
  g_clear_object (&store);
  store = zb_store_open (path, key, &error);
  g_assert_no_error (error);
  assert_keys_current (store);
  g_free (kept);
  kept = zb_test_sql_text (store, "SELECT value FROM meta WHERE key = 'name_key_version'");
  g_assert_true (g_str_has_suffix (kept, version));

  zb_test_remove_dir (dir);
}

/* Step 13 on a database with members: each gets its key when the store
 * opens, and the sync columns stay as they were (the key is no synced
 * column: a rename queues "name", nothing else). */
static void
test_migration (void)
{
  g_autofree char *dir = zb_test_make_dir ();
  g_autofree char *path = g_build_filename (dir, "old.zhibu", NULL);
  g_autoptr(ZbKey) key = zb_test_key ();
  g_autoptr(GError) error = NULL;
  g_autoptr(ZbStore) store = NULL;
  g_autoptr(GPtrArray) ids = NULL;
  g_autofree char *columns = NULL;

  store = zb_store_create_at_version (path, key, "老支部", 12, &error);
  g_assert_no_error (error);
  ids = add_mixed_members (store, 30);
  g_clear_object (&store);

  store = zb_store_open (path, key, &error);
  g_assert_no_error (error);
  /* Step 13 and every later one. */
  g_assert_cmpuint (zb_store_get_schema_version (store), ==, zb_migrations_latest ());
  assert_keys_current (store);

  zb_test_sql_exec (store, "DELETE FROM sync_outbox");
  zb_test_rename_member (store, ids->pdata[0], "查良镛");
  assert_keys_current (store);
  g_assert_cmpint (zb_test_sql_int (store, "SELECT count(*) FROM sync_outbox"), ==, 1);
  columns = zb_test_sql_text (store, "SELECT columns FROM sync_outbox");
  g_assert_cmpstr (columns, ==, "name");

  zb_test_remove_dir (dir);
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/roster-order/order", test_order);
  g_test_add_func ("/roster-order/index-only", test_index_only);
  g_test_add_func ("/roster-order/reload-pages", test_reload_pages);
  g_test_add_func ("/roster-order/icu-version", test_icu_version);
  g_test_add_func ("/roster-order/migration", test_migration);

  return g_test_run ();
}
