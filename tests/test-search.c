#define G_LOG_DOMAIN "test-search"

#include "config.h"

#include <string.h>

#include <json-glib/json-glib.h>

#include "zb-roster-model.h"
#include "zb-search-text.h"
#include "zb-store-private.h"
#include "zb-test-util.h"

/* Global search through the bigram FTS4 index (DESIGN.md, Storage: Search;
 * issue 13), against its oracle: a LIKE scan over the records themselves. */

typedef struct
{
  char    *dir;
  ZbStore *store;
} Fixture;

/* The texts of the tests: Chinese, Latin, mixed, full-width, punctuation,
 * quotes and FTS4's own syntax, as a secretary might type any of them. */
static const struct {
  const char *id;
  const char *name;
  const char *post;
  const char *group;
} members[] = {
  { "m1", "张三", "支部书记", "第一党小组" },
  { "m2", "李四", "组织委员", "第二党小组" },
  { "m3", "王小明", "Party Secretary", "第一党小组" },
  { "m4", "Anna Müller", "ＡＢＣ１２车间主任", "第二党小组" },
  { "m5", "欧阳·娜娜", "\"宣传\"委员 OR 纪检", "NEAR 小组" },
  { "m6", "赵 六", "100% 出勤 a*b - c", "第三党小组" },
};

static const struct {
  const char *id;
  const char *title;
  const char *place;
  const char *minutes;
  const char *measure;
} minutes[] = {
  { "g1", "学习贯彻党的二十大精神", "三楼会议室", "支部会议传达学习了ABC12号文件。", NULL },
  { "g2", "组织生活会", "Room 301", "批评与自我批评，\"红红脸、出出汗\"。", "整改 OR 落实" },
  { "g3", "主题党日", "红色教育基地", "参观学习，重温入党誓词 (AND) NEAR/3。", "每月一次" },
  { "g4", "Party day in English", "Hall", "Studied the PARTY constitution; a*b=c.", NULL },
  { "g5", "专题党课", "会议室", "ＡＢＣ１２文件的学习；支部 会议 分开写。", "做好记录" },
};

static const char *queries[] = {
  "张三", "张", "党小组", "第一党小组", "支部会议", "支部", "会议", "学习 文件",
  "Party", "PARTY", "party secretary", "müller", "MÜLLER", "ＡＢＣ", "abc12", "c12", "Ａ",
  "\"", "\"宣传\"", "宣传", "OR", "or 纪检", "NEAR", "NEAR/3", "AND", "(AND)", "*", "a*b",
  "a*", "-", "- c", "100%", "%", "_", "\\", "'", "出出汗", "红红脸、", "·", "欧阳·娜娜",
  "赵 六", "赵六", "整改", "x", "二十大精神", "the", "　", "", "无此内容", "分开写",
  "支部会", "ＡＢＣ１２文件", "a*b=c.",
};

static void
fold_function (sqlite3_context  *context,
               int               argc,
               sqlite3_value   **argv)
{
  g_autofree char *folded = zb_search_fold ((const char *) sqlite3_value_text (argv[0]), NULL);

  sqlite3_result_text (context, folded, -1, SQLITE_TRANSIENT);
}

/* sqlite3_mprintf()'s %Q, in memory g_free() takes. */
static char *
sql_printf (const char *format,
            ...)
{
  va_list args;
  char *sql;
  char *copy;

  va_start (args, format);
  sql = sqlite3_vmprintf (format, args);
  va_end (args);
  copy = g_strdup (sql);
  sqlite3_free (sql);
  return copy;
}

static gint64
sql_int (sqlite3    *db,
         const char *sql)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  return sqlite3_column_int64 (stmt, 0);
}

static void
add_records (ZbStore *store)
{
  for (guint i = 0; i < G_N_ELEMENTS (members); i++)
    {
      g_autofree char *id_number = zb_test_id_number ("1980-02-03", FALSE, i + 1);
      g_autofree char *sql = sql_printf (
        "INSERT INTO members (id, name, sex, birth_date, id_number, phone, category, joined_date, "
        "full_date, party_group, post, created_at, updated_at) VALUES (%Q, %Q, 'F', "
        "'1980-02-03', %Q, '1381234%04u', 'full', '2010-07-01', '2011-07-01', %Q, %Q, 'x', "
        "'x')", members[i].id, members[i].name, id_number, i, members[i].group, members[i].post);
      zb_test_sql_exec (store, sql);
    }
  for (guint i = 0; i < G_N_ELEMENTS (minutes); i++)
    {
      g_autofree char *sql = sql_printf (
        "INSERT INTO meetings (id, type, title, date, place, created_at, updated_at) VALUES "
        "(%Q, 'general', %Q, '2026-0%u-10', %Q, 'x', 'x');"
        "INSERT INTO agenda_items (id, meeting_id, position, title, minutes) VALUES "
        "(%Q || '-a', %Q, 1, '议程', %Q);"
        "INSERT INTO measures (id, meeting_id, text) SELECT %Q || '-m', %Q, %Q WHERE %Q "
        "IS NOT NULL",
        minutes[i].id, minutes[i].title, i + 1, minutes[i].place, minutes[i].id,
        minutes[i].id, minutes[i].minutes, minutes[i].id, minutes[i].id, minutes[i].measure,
        minutes[i].measure);
      zb_test_sql_exec (store, sql);
    }
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  fixture->dir = zb_test_make_dir ();
  fixture->store = zb_test_new_store (fixture->dir, "branch.zhibu");
  add_records (fixture->store);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_clear_object (&fixture->store);
  zb_test_remove_dir (fixture->dir);
  g_free (fixture->dir);
}

/* The oracle's text of each record: every field the index holds, folded by
 * SQL, in a plain scan of the records' own tables. */
#define ORACLE_MEMBERS \
  "SELECT id FROM members WHERE deleted = 0 AND %s ORDER BY id"
#define ORACLE_MEMBER_TEXT \
  "(fold(coalesce(name, '')) || char(10) || fold(coalesce(post, '')) || char(10) || " \
  "fold(coalesce(title, '')) || char(10) || fold(coalesce(party_group, '')) || char(10) || " \
  "fold(coalesce(ethnicity, '')))"
#define ORACLE_MINUTES \
  "SELECT id FROM meetings g WHERE deleted = 0 AND %s ORDER BY id"
#define ORACLE_MINUTES_TEXT \
  "(fold(g.title) || char(10) || fold(coalesce(g.place, '')) || char(10) || " \
  "coalesce((SELECT group_concat(fold(coalesce(a.title, '')) || char(10) || " \
  "fold(coalesce(a.minutes, '')) || char(10) || fold(coalesce(a.resolution, '')), char(10)) " \
  "FROM agenda_items a WHERE a.meeting_id = g.id AND a.deleted = 0), '') || char(10) || " \
  "coalesce((SELECT group_concat(fold(coalesce(f.topic, '')), char(10)) FROM first_items f " \
  "WHERE f.meeting_id = g.id AND f.deleted = 0), '') || char(10) || " \
  "coalesce((SELECT group_concat(fold(s.text), char(10)) FROM measures s " \
  "WHERE s.meeting_id = g.id AND s.deleted = 0), ''))"

static char *
oracle (ZbStore    *store,
        const char *sql_format,
        const char *text,
        const char *query)
{
  g_auto(GStrv) terms = zb_search_terms (query);
  g_autoptr(GString) where = g_string_new ("1");
  g_autoptr(GString) ids = g_string_new (NULL);
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *sql = NULL;
  sqlite3 *db;

  if (terms[0] == NULL)
    return g_strdup ("");
  for (guint i = 0; terms[i] != NULL; i++)
    g_string_append_printf (where, " AND %s LIKE ?%u ESCAPE '\\'", text, i + 1);
  sql = g_strdup_printf (sql_format, where->str);

  db = zb_store_begin_write (store, &error);
  g_assert_no_error (error);
  g_assert_cmpint (sqlite3_create_function (db, "fold", 1, SQLITE_UTF8, NULL, fold_function,
                                            NULL, NULL), ==, SQLITE_OK);
  stmt = zb_sql_prepare (db, sql, &error);
  g_assert_no_error (error);
  for (guint i = 0; terms[i] != NULL; i++)
    {
      g_autofree char *pattern = zb_search_like_pattern (terms[i]);
      sqlite3_bind_text (stmt, i + 1, pattern, -1, SQLITE_TRANSIENT);
    }
  while (sqlite3_step (stmt) == SQLITE_ROW)
    g_string_append_printf (ids, "%s ", sqlite3_column_text (stmt, 0));
  g_clear_pointer (&stmt, sqlite3_finalize);
  zb_store_rollback_write (store);

  return g_strdup (ids->str);
}

static int
compare_ids (gconstpointer a,
             gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

static char *
found_ids (ZbStore       *store,
           const char    *query,
           ZbSearchKinds  kinds)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) results = zb_store_search (store, query, kinds, 0, &error);
  g_autoptr(GPtrArray) ids = g_ptr_array_new ();
  g_autoptr(GString) out = g_string_new (NULL);

  g_assert_no_error (error);
  g_assert_nonnull (results);
  for (guint i = 0; i < g_list_model_get_n_items (results); i++)
    {
      g_autoptr(ZbSearchResult) result = g_list_model_get_item (results, i);

      g_assert_true (zb_search_result_get_kind (result) & kinds);
      g_ptr_array_add (ids, (gpointer) zb_search_result_get_record_id (result));
    }
  g_ptr_array_sort (ids, compare_ids);
  for (guint i = 0; i < ids->len; i++)
    g_string_append_printf (out, "%s ", (const char *) ids->pdata[i]);

  return g_strdup (out->str);
}

static void
assert_same_as_oracle (ZbStore    *store,
                       const char *query)
{
  g_autofree char *want_members = oracle (store, ORACLE_MEMBERS, ORACLE_MEMBER_TEXT, query);
  g_autofree char *want_minutes = oracle (store, ORACLE_MINUTES, ORACLE_MINUTES_TEXT, query);
  g_autofree char *got_members = found_ids (store, query, ZB_SEARCH_MEMBERS);
  g_autofree char *got_minutes = found_ids (store, query, ZB_SEARCH_MINUTES);

  g_test_message ("query «%s»: members %s, minutes %s", query, want_members, want_minutes);
  g_assert_cmpstr (got_members, ==, want_members);
  g_assert_cmpstr (got_minutes, ==, want_minutes);
}

/* Every test query finds through the index exactly what the LIKE scan
 * finds, and FTS4's syntax typed by a user is only text. */
static void
test_oracle (Fixture       *fixture,
             gconstpointer  data)
{
  for (guint i = 0; i < G_N_ELEMENTS (queries); i++)
    assert_same_as_oracle (fixture->store, queries[i]);
}

/* What the oracle agrees on is also what a secretary expects. */
static void
test_expected (Fixture       *fixture,
               gconstpointer  data)
{
  const struct {
    const char *query;
    const char *members;
    const char *minutes;
  } cases[] = {
    { "ＡＢＣ", "m4 ", "g1 g5 " },
    { "abc12", "m4 ", "g1 g5 " },
    { "Party", "m3 ", "g4 " },
    { "支部会议", "", "g1 " },
    { "支部 会议", "", "g1 g5 " },
    { "支部", "m1 ", "g1 g5 " },
    { "\"宣传\"", "m5 ", "" },
    { "OR", "m5 ", "g2 " },
    { "NEAR/3", "", "g3 " },
    { "a*b", "m6 ", "g4 " },
    { "100%", "m6 ", "" },
    { "张", "m1 ", "" },
    { "12345678", "", "" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *got_members = found_ids (fixture->store, cases[i].query,
                                                ZB_SEARCH_MEMBERS);
      g_autofree char *got_minutes = found_ids (fixture->store, cases[i].query,
                                                ZB_SEARCH_MINUTES);

      g_test_message ("query «%s»", cases[i].query);
      g_assert_cmpstr (got_members, ==, cases[i].members);
      g_assert_cmpstr (got_minutes, ==, cases[i].minutes);
    }
}

/* Results come members first, then minutes, each with a snippet whose
 * highlighted spans are the words as written there. */
static void
test_snippet (Fixture       *fixture,
              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) results = zb_store_search (fixture->store, "abc12", ZB_SEARCH_ALL, 0,
                                                   &error);
  g_autoptr(ZbSearchResult) first = NULL;
  g_autoptr(ZbSearchResult) last = NULL;
  GArray *matches;
  const char *snippet;
  gsize *span;

  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (results), ==, 3);
  first = g_list_model_get_item (results, 0);
  g_assert_cmpint (zb_search_result_get_kind (first), ==, ZB_SEARCH_MEMBERS);
  g_assert_cmpstr (zb_search_result_get_title (first), ==, "Anna Müller");
  snippet = zb_search_result_get_snippet (first);
  matches = zb_search_result_get_matches (first);
  g_assert_cmpuint (matches->len, ==, 1);
  span = &g_array_index (matches, gsize, 0);
  g_assert_cmpstr (snippet, ==, "ＡＢＣ１２车间主任");
  g_assert_cmpuint (span[0], ==, 0);
  g_assert_cmpuint (span[1], ==, strlen ("ＡＢＣ１２"));

  /* The latest meeting first. */
  last = g_list_model_get_item (results, 1);
  g_assert_cmpstr (zb_search_result_get_record_id (last), ==, "g5");
  g_assert_cmpstr (zb_search_result_get_kind_key (last), ==, "minutes");
  g_clear_object (&last);
  last = g_list_model_get_item (results, 2);
  snippet = zb_search_result_get_snippet (last);
  matches = zb_search_result_get_matches (last);
  g_assert_cmpuint (matches->len, ==, 1);
  span = &g_array_index (matches, gsize, 0);
  g_assert_cmpstr (zb_search_result_get_record_id (last), ==, "g1");
  g_assert_true (strncmp (snippet + span[0], "ABC12", span[1] - span[0]) == 0);
  g_assert_cmpuint (span[1] - span[0], ==, 5);
}

/* A long field is cut around its first match, the spans moved with it. */
static void
test_snippet_long (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(GString) text = g_string_new (NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) results = NULL;
  g_autoptr(ZbSearchResult) result = NULL;
  g_autofree char *sql = NULL;
  GArray *matches;
  const char *snippet;
  gsize *span;

  for (guint i = 0; i < 40; i++)
    g_string_append (text, "认真学习，");
  g_string_append (text, "落实全面从严治党要求。");
  for (guint i = 0; i < 40; i++)
    g_string_append (text, "\n持续推进。");
  sql = sql_printf ("UPDATE agenda_items SET minutes = %Q WHERE id = 'g3-a'", text->str);
  zb_test_sql_exec (fixture->store, sql);

  results = zb_store_search (fixture->store, "从严治党", ZB_SEARCH_ALL, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (results), ==, 1);
  result = g_list_model_get_item (results, 0);
  snippet = zb_search_result_get_snippet (result);
  matches = zb_search_result_get_matches (result);
  g_assert_true (g_str_has_prefix (snippet, "…"));
  g_assert_true (g_str_has_suffix (snippet, "…"));
  g_assert_null (strchr (snippet, '\n'));
  g_assert_cmpint (g_utf8_strlen (snippet, -1), <=, 62);
  g_assert_cmpuint (matches->len, ==, 1);
  span = &g_array_index (matches, gsize, 0);
  g_assert_true (strncmp (snippet + span[0], "从严治党", span[1] - span[0]) == 0);
  g_assert_cmpuint (span[1] - span[0], ==, strlen ("从严治党"));
}

/* A record changed through the store, renamed, removed or given new minutes
 * is found by what it says now, never by what it said. */
static void
test_changes (Fixture       *fixture,
              gconstpointer  data)
{
  g_autoptr(ZbAgendaItem) item = zb_agenda_item_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *id = NULL;
  g_autofree char *found = NULL;

  zb_test_rename_member (fixture->store, "m2", "李四海");
  g_assert_cmpstr ((found = found_ids (fixture->store, "四海", ZB_SEARCH_MEMBERS)), ==, "m2 ");
  g_clear_pointer (&found, g_free);
  zb_test_rename_member (fixture->store, "m2", "李五");
  g_assert_cmpstr ((found = found_ids (fixture->store, "四海", ZB_SEARCH_MEMBERS)), ==, "");
  g_clear_pointer (&found, g_free);
  g_assert_cmpstr ((found = found_ids (fixture->store, "李五", ZB_SEARCH_MEMBERS)), ==, "m2 ");
  g_clear_pointer (&found, g_free);

  zb_agenda_item_set_title (item, "讨论发展对象");
  zb_agenda_item_set_minutes (item, "一致同意列为发展对象");
  zb_agenda_item_set_meeting_id (item, "g4");
  id = zb_store_add_agenda_item (fixture->store, item, &error);
  g_assert_no_error (error);
  g_assert_cmpstr ((found = found_ids (fixture->store, "列为发展", ZB_SEARCH_ALL)), ==, "g4 ");
  g_clear_pointer (&found, g_free);

  zb_test_sql_exec (fixture->store, "UPDATE meetings SET deleted = 1 WHERE id = 'g4'");
  g_assert_cmpstr ((found = found_ids (fixture->store, "列为发展", ZB_SEARCH_ALL)), ==, "");
  g_clear_pointer (&found, g_free);
  zb_test_sql_exec (fixture->store, "UPDATE members SET deleted = 1 WHERE id = 'm1'");
  g_assert_cmpstr ((found = found_ids (fixture->store, "张三", ZB_SEARCH_ALL)), ==, "");
  g_clear_pointer (&found, g_free);

  for (guint i = 0; i < G_N_ELEMENTS (queries); i++)
    assert_same_as_oracle (fixture->store, queries[i]);
}

/* @sql through a connection of its own, as sqlcipher's shell runs it: with
 * no function or collation of the app. */
static void
exec_elsewhere (const char *path,
                const char *sql)
{
  g_autoptr(ZbKey) key = zb_test_key ();
  g_autofree char *pragma = zb_key_to_pragma (key);
  sqlite3 *db = NULL;

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  sqlite3_busy_timeout (db, 10000);
  g_assert_cmpint (sqlite3_exec (db, pragma, NULL, NULL, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "PRAGMA cipher_page_size = 4096;"
                                     "PRAGMA kdf_iter = 256000;", NULL, NULL, NULL), ==,
                   SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, sql, NULL, NULL, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sql_int (db, "SELECT count(*) FROM search_dirty"), ==, 1);
  sqlite3_close (db);
}

/* Another program writing the file (the sqlcipher shell: no function of
 * the app) leaves its changes queued; the next search indexes them, and so
 * does the next store to open the file. */
static void
test_other_writer (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autofree char *path = g_build_filename (fixture->dir, "branch.zhibu", NULL);
  g_autoptr(ZbKey) key = zb_test_key ();
  g_autoptr(GError) error = NULL;
  g_autofree char *found = NULL;

  /* What the fixture's own commits left queued first, apart. */
  g_assert_true (zb_store_search_catch_up (fixture->store, &error));
  g_assert_no_error (error);
  exec_elsewhere (path, "UPDATE meetings SET title = '换届选举大会' WHERE id = 'g2'");
  g_assert_cmpstr ((found = found_ids (fixture->store, "换届选举", ZB_SEARCH_ALL)), ==, "g2 ");
  g_assert_cmpint (zb_test_sql_int (fixture->store, "SELECT count(*) FROM search_dirty"), ==, 0);
  g_clear_pointer (&found, g_free);

  g_clear_object (&fixture->store);
  exec_elsewhere (path, "UPDATE members SET post = '纪检委员' WHERE id = 'm2'");
  fixture->store = zb_store_open (path, key, &error);
  g_assert_no_error (error);
  g_assert_cmpint (zb_test_sql_int (fixture->store, "SELECT count(*) FROM search_dirty"), ==, 0);
  g_assert_cmpint (zb_test_sql_int (fixture->store, "SELECT count(*) FROM search_rows WHERE "
                                                    "folded LIKE '%纪检委员%'"), ==, 1);
  g_assert_cmpstr ((found = found_ids (fixture->store, "纪检委员", ZB_SEARCH_ALL)), ==, "m2 ");
}

/* A page pulled from the server is indexed in its own transaction. */
static gboolean
apply_rename (sqlite3   *db,
              gpointer   data,
              GError   **error)
{
  return zb_sql_exec (db, "UPDATE members SET name = '钱七' WHERE id = 'm3'", error);
}

static void
test_sync_apply (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *found = NULL;

  g_assert_true (zb_store_apply_remote (fixture->store, 1, apply_rename, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpint (zb_test_sql_int (fixture->store, "SELECT count(*) FROM search_dirty"), ==, 0);
  g_assert_cmpint (zb_test_sql_int (fixture->store, "SELECT count(*) FROM search_rows WHERE "
                                                    "folded LIKE '%钱七%'"), ==, 1);
  g_assert_cmpstr ((found = found_ids (fixture->store, "钱七", ZB_SEARCH_ALL)), ==, "m3 ");
}

/* ID numbers and phones never reach the index. */
static void
test_no_personal_data (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autofree char *found = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (zb_store_search_catch_up (fixture->store, &error));
  g_assert_no_error (error);
  g_assert_cmpint (zb_test_sql_int (fixture->store, "SELECT count(*) FROM search_rows"), ==,
                   G_N_ELEMENTS (members) + G_N_ELEMENTS (minutes));
  g_assert_cmpint (zb_test_sql_int (fixture->store, "SELECT count(*) FROM search_rows WHERE "
                                                    "folded LIKE '%19800203%' OR folded LIKE "
                                                    "'%1381234%'"), ==, 0);
  g_assert_cmpint (zb_test_sql_int (fixture->store, "SELECT count(*) FROM search_text WHERE "
                                                    "bigrams LIKE '%13 38%'"), ==, 0);
  g_assert_cmpstr ((found = found_ids (fixture->store, "1381234", ZB_SEARCH_ALL)), ==, "");
}

/* The roster's filter goes through the index: full-width finds half-width,
 * and its count is the oracle's. */
static void
test_roster (Fixture       *fixture,
             gconstpointer  data)
{
  g_autoptr(ZbRosterModel) roster = zb_roster_model_new (fixture->store);
  g_autoptr(GError) error = NULL;

  zb_roster_model_set_search (roster, "ｐａｒｔｙ");
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (roster)), ==, 1);
  zb_roster_model_set_search (roster, "党小组");
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (roster)), ==, 5);
  zb_roster_model_set_search (roster, "\" OR");
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (roster)), ==, 1);
  zb_roster_model_set_search (roster, "张");
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (roster)), ==, 1);
  zb_roster_model_set_search (roster, "  ");
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (roster)), ==, 6);

  for (guint i = 0; i < G_N_ELEMENTS (queries); i++)
    {
      g_autofree char *want = oracle (fixture->store, ORACLE_MEMBERS, ORACLE_MEMBER_TEXT,
                                      queries[i]);
      g_auto(GStrv) terms = zb_search_terms (queries[i]);
      guint n = 0;

      for (const char *p = want; *p; p++)
        n += *p == ' ';

      zb_roster_model_set_search (roster, queries[i]);
      g_test_message ("roster «%s»", queries[i]);
      g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (roster)), ==,
                        (terms[0] != NULL ? n : 6));
    }
}

/* A commit leaves a few changed records queued, and whatever reads the
 * index catches up first: a search and the roster's filter find the record
 * as it is now. An edit that changes no field the index holds queues
 * nothing, and a record's row is written again in place, under its docid
 * (issue 14: every page a write touches costs SQLCipher an encryption). */
static void
test_queued (Fixture       *fixture,
             gconstpointer  data)
{
  g_autoptr(ZbRosterModel) roster = zb_roster_model_new (fixture->store);
  g_autoptr(ZbMember) member = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *found = NULL;
  gint64 docid;

  g_assert_true (zb_store_search_catch_up (fixture->store, &error));
  g_assert_no_error (error);
  docid = zb_test_sql_int (fixture->store, "SELECT id FROM search_rows WHERE record_id = 'm2'");

  member = zb_store_get_member (fixture->store, "m2", &error);
  g_assert_no_error (error);
  zb_member_set (member, ZB_MEMBER_FIELD_PHONE, "13900001111");
  g_assert_true (zb_store_update_member (fixture->store, member, &error));
  g_assert_no_error (error);
  g_assert_cmpint (zb_test_sql_int (fixture->store, "SELECT count(*) FROM search_dirty"), ==, 0);

  zb_member_set (member, ZB_MEMBER_FIELD_POST, "档案专员");
  g_assert_true (zb_store_update_member (fixture->store, member, &error));
  g_assert_no_error (error);
  g_assert_cmpint (zb_test_sql_int (fixture->store, "SELECT count(*) FROM search_dirty"), ==, 1);
  zb_roster_model_set_search (roster, "档案");
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (roster)), ==, 1);
  g_assert_cmpint (zb_test_sql_int (fixture->store, "SELECT count(*) FROM search_dirty"), ==, 0);
  g_assert_cmpint (zb_test_sql_int (fixture->store, "SELECT id FROM search_rows WHERE "
                                                    "record_id = 'm2'"), ==, docid);

  zb_member_set (member, ZB_MEMBER_FIELD_POST, "统战专员");
  g_assert_true (zb_store_update_member (fixture->store, member, &error));
  g_assert_no_error (error);
  g_assert_cmpstr ((found = found_ids (fixture->store, "统战专员", ZB_SEARCH_MEMBERS)), ==, "m2 ");
  g_clear_pointer (&found, g_free);
  g_assert_cmpstr ((found = found_ids (fixture->store, "档案", ZB_SEARCH_MEMBERS)), ==, "");
}

/* An import is indexed at its own commit, on its worker thread, so that
 * the next read of the index has little to index first. */
static void
test_queued_import (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autoptr(GPtrArray) people = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GError) error = NULL;
  g_autofree char *found = NULL;

  for (guint i = 0; i < 100; i++)
    {
      g_autofree char *name = g_strdup_printf ("导入%03u", i);
      g_autofree char *id_number = zb_test_id_number ("1990-05-06", i % 2, i + 100);

      g_ptr_array_add (people, zb_test_member (name, id_number, ZB_CATEGORY_FULL));
    }
  g_assert_true (zb_store_add_members (fixture->store, people, &error));
  g_assert_no_error (error);
  g_assert_cmpint (zb_test_sql_int (fixture->store, "SELECT count(*) FROM search_dirty"), ==, 0);
  g_assert_cmpint (zb_test_sql_int (fixture->store, "SELECT count(*) FROM search_rows WHERE "
                                                    "folded LIKE '导入%'"), ==, 100);
  g_assert_cmpstr ((found = found_ids (fixture->store, "导入042", ZB_SEARCH_MEMBERS)), !=, "");
}

/* The folding itself: full-width and case, word breaks, and a phrase of
 * pairs that carries no FTS4 syntax. */
static void
test_text (void)
{
  const char *fields[] = { "ＡＢＣ１２", NULL, "中 国\"" };
  g_autofree char *folded = zb_search_fold ("ＡＢＣ１２ Müller ＭÜＬＬＥＲ", NULL);
  g_autofree char *bigrams = zb_search_bigrams (fields, G_N_ELEMENTS (fields));
  g_auto(GStrv) terms = zb_search_terms ("  \"OR\"　NEAR* 中 ");
  g_autofree char *match = zb_search_match_expr ((const char * const *) terms);

  g_assert_cmpstr (folded, ==, "abc12 müller müller");
  g_assert_cmpstr (bigrams, ==, "ab bc c1 12 x x 国\xee\x80\xa2 x ");
  g_assert_cmpuint (g_strv_length (terms), ==, 3);
  g_assert_cmpstr (terms[0], ==, "\"or\"");
  g_assert_cmpstr (terms[1], ==, "near*");
  g_assert_cmpstr (terms[2], ==, "中");
  g_assert_cmpstr (match, ==, "\"\xee\x80\xa2o or r\xee\x80\xa2\" \"ne ea ar r\xee\x80\xaa\"");
}

/* zhibu-cli search: the same index, as a table or as JSON with the match
 * in characters; FTS4 syntax is text there too, and a wrong --kind a usage
 * error. */
static void
test_cli (void)
{
  ZbTestCliBranch branch = { 0 };
  g_autofree char *id_number = zb_test_id_number ("1980-02-03", TRUE, 7);
  g_autofree char *member = NULL;
  g_autofree char *meeting = NULL;
  g_autofree char *table = NULL;
  g_autofree char *json = NULL;
  g_autofree char *none = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  JsonArray *rows;
  JsonObject *row;
  JsonArray *span;

  zb_test_cli_branch_set_up (&branch);
  member = g_strchomp (zb_test_cli_ok (&branch, "member", "add", "--name", "孙悟空", "--id-number",
                                       id_number, "--sex", "M", "--birth", "1980-02-03",
                                       "--category", "full", "--joined", "2010-01-01",
                                       "--full-date", "2011-01-01", NULL));
  meeting = g_strchomp (zb_test_cli_ok (&branch, "meeting", "add", "--type", "general", "--date",
                                        "2026-03-01", "--title", "欢迎孙悟空同志", NULL));

  table = zb_test_cli_ok (&branch, "search", "孙悟空", NULL);
  g_assert_nonnull (strstr (table, member));
  g_assert_nonnull (strstr (table, meeting));

  json = zb_test_cli_ok (&branch, "search", "ＳＵＮ 悟空", "--format", "json", NULL);
  g_assert_true (json_parser_load_from_data (parser, json, -1, &error));
  g_assert_cmpuint (json_array_get_length (json_node_get_array (json_parser_get_root (parser))),
                    ==, 0);
  g_clear_pointer (&json, g_free);

  json = zb_test_cli_ok (&branch, "search", "悟空同志", "--kind", "minutes", "--format", "json",
                         NULL);
  g_assert_true (json_parser_load_from_data (parser, json, -1, &error));
  rows = json_node_get_array (json_parser_get_root (parser));
  g_assert_cmpuint (json_array_get_length (rows), ==, 1);
  row = json_array_get_object_element (rows, 0);
  g_assert_cmpstr (json_object_get_string_member (row, "id"), ==, meeting);
  g_assert_cmpstr (json_object_get_string_member (row, "kind"), ==, "minutes");
  g_assert_cmpstr (json_object_get_string_member (row, "snippet"), ==, "欢迎孙悟空同志");
  span = json_array_get_array_element (json_object_get_array_member (row, "matches"), 0);
  g_assert_cmpint (json_array_get_int_element (span, 0), ==, 3);
  g_assert_cmpint (json_array_get_int_element (span, 1), ==, 7);

  none = zb_test_cli_ok (&branch, "search", "\"孙 OR NEAR(*", "--format", "json", NULL);
  g_assert_cmpstr (g_strstrip (none), ==, "[]");
  zb_test_cli_refused (&branch, 2, "--kind", "search", "x", "--kind", "people", NULL);
  zb_test_cli_refused (&branch, 2, "usage", "search", NULL);

  zb_test_cli_branch_tear_down (&branch);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/search/text", test_text);
#define ADD(path, func) \
  g_test_add ("/search/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("oracle", test_oracle);
  ADD ("expected", test_expected);
  ADD ("snippet", test_snippet);
  ADD ("snippet-long", test_snippet_long);
  ADD ("changes", test_changes);
  ADD ("other-writer", test_other_writer);
  ADD ("sync-apply", test_sync_apply);
  ADD ("no-personal-data", test_no_personal_data);
  ADD ("roster", test_roster);
  ADD ("queued", test_queued);
  ADD ("queued-import", test_queued_import);
#undef ADD
  g_test_add_func ("/search/cli", test_cli);

  return g_test_run ();
}
