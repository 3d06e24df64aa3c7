#define G_LOG_DOMAIN "bench-search"

#include "config.h"

#include "zb-search-text.h"
#include "zb-store-private.h"
#include "zb-test-bench.h"
#include "zb-test-util.h"

/* bench search-speedup (DESIGN.md, Performance): a four-character Chinese
 * phrase that occurs in 1% of 20,000 meetings' minutes, found by a LIKE scan
 * over the minutes' fields, over the same found through the bigram index,
 * on the same encrypted database, warm, best of RUNS each. Both sides return
 * the same meeting IDs (checked); the store's whole search, with a snippet
 * and its highlights for each of the 200 meetings, is printed beside it. */

#define N_MEETINGS 20000
#define N_HITS     (N_MEETINGS / 100)
#define RUNS       7
#define TARGET     50.0
#define PHRASE     "乡村振兴"

/* Minutes as a branch writes them, none of whose characters is in PHRASE. */
static const char *phrases[] = {
  "会议传达学习了上级党委文件精神", "支部书记作了工作报告", "与会党员结合岗位实际谈体会",
  "大家一致表示要立足本职", "进一步加强党员教育管理", "认真落实三会一课制度",
  "组织委员通报了党费收缴情况", "宣传委员布置了下一阶段学习任务", "全体党员重温入党誓词",
  "会议讨论了发展党员工作", "要发挥党员先锋模范作用", "加强作风建设和纪律建设",
  "围绕安全生产开展讨论", "推动党建与业务深度融合", "开展批评与自我批评",
  "会议研究了困难党员帮扶", "各党小组汇报了学习进度", "持续深化主题教育成果",
};

static char *
make_minutes (GRand    *rand,
              gboolean  hit)
{
  GString *text = g_string_new (NULL);
  guint n = g_rand_int_range (rand, 12, 24);
  guint at = g_rand_int_range (rand, 0, n);

  for (guint i = 0; i < n; i++)
    {
      if (hit && i == at)
        g_string_append (text, "推进" PHRASE "工作，");
      g_string_append (text, phrases[g_rand_int_range (rand, 0, G_N_ELEMENTS (phrases))]);
      g_string_append (text, i + 1 < n ? "，" : "。");
    }

  return g_string_free (text, FALSE);
}

static void
fill (ZbStore *store)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (13);
  g_autoptr(GError) error = NULL;
  g_autoptr(sqlite3_stmt) meeting = NULL;
  g_autoptr(sqlite3_stmt) item = NULL;
  sqlite3 *db = zb_store_begin_write (store, &error);
  gint64 start;

  g_assert_no_error (error);
  meeting = zb_sql_prepare (db, "INSERT INTO meetings (id, type, title, date, place, created_at, "
                                "updated_at) VALUES (?1, 'general', ?2, ?3, '会议室', 'x', 'x')",
                            &error);
  item = zb_sql_prepare (db, "INSERT INTO agenda_items (id, meeting_id, position, title, "
                             "minutes) VALUES (?1 || '-1', ?1, 1, '学习研讨', ?2)", &error);
  g_assert_no_error (error);

  for (guint i = 0; i < N_MEETINGS; i++)
    {
      g_autofree char *id = g_strdup_printf ("meeting-%05u", i);
      g_autofree char *title = g_strdup_printf ("第%u次支部党员大会", i + 1);
      g_autofree char *date = g_strdup_printf ("20%02u-%02u-%02u", 10 + i / 1200,
                                               1 + i / 100 % 12, 1 + i % 28);
      g_autofree char *minutes = make_minutes (rand, i % (N_MEETINGS / N_HITS) == 7);

      sqlite3_reset (meeting);
      zb_sql_bind_text (meeting, 1, id);
      zb_sql_bind_text (meeting, 2, title);
      zb_sql_bind_text (meeting, 3, date);
      sqlite3_reset (item);
      zb_sql_bind_text (item, 1, id);
      zb_sql_bind_text (item, 2, minutes);
      if (sqlite3_step (meeting) != SQLITE_DONE || sqlite3_step (item) != SQLITE_DONE)
        g_error ("insert failed at %u: %s", i, sqlite3_errmsg (db));
    }
  g_clear_pointer (&meeting, sqlite3_finalize);
  g_clear_pointer (&item, sqlite3_finalize);

  /* The commit writes the index of the 20,000 queued meetings. */
  start = g_get_monotonic_time ();
  zb_store_commit_write (store, &error);
  g_assert_no_error (error);
  g_printerr ("search-speedup: indexing %u meetings took %.2f s\n", N_MEETINGS,
              (g_get_monotonic_time () - start) / 1e6);
}

/* The meetings whose fields hold PHRASE, by the scan the index replaces. */
static guint
like_scan (sqlite3 *db)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(sqlite3_stmt) stmt = zb_sql_prepare (db,
    "SELECT g.id FROM meetings g WHERE g.deleted = 0 AND (g.title LIKE ?1 OR g.place LIKE ?1 "
    "OR EXISTS (SELECT 1 FROM agenda_items a WHERE a.meeting_id = g.id AND a.deleted = 0 AND "
    "(a.title LIKE ?1 OR a.minutes LIKE ?1 OR a.resolution LIKE ?1)) "
    "OR EXISTS (SELECT 1 FROM first_items f WHERE f.meeting_id = g.id AND f.deleted = 0 AND "
    "f.topic LIKE ?1) "
    "OR EXISTS (SELECT 1 FROM measures s WHERE s.meeting_id = g.id AND s.deleted = 0 AND "
    "s.text LIKE ?1))", &error);
  guint n = 0;

  g_assert_no_error (error);
  zb_sql_bind_text (stmt, 1, "%" PHRASE "%");
  while (sqlite3_step (stmt) == SQLITE_ROW)
    n++;
  return n;
}

/* The same meetings through the index, by the condition the store's
 * search and the roster use. */
static guint
index_search (sqlite3 *db)
{
  g_autoptr(GPtrArray) params = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *condition = zb_store_search_condition (PHRASE, "minutes", "r", params);
  g_autofree char *sql = g_strdup_printf ("SELECT g.id FROM search_rows r CROSS JOIN meetings g "
                                          "ON g.id = r.record_id WHERE %s", condition);
  g_autoptr(GError) error = NULL;
  g_autoptr(sqlite3_stmt) stmt = zb_sql_prepare (db, sql, &error);
  guint n = 0;

  g_assert_no_error (error);
  for (guint i = 0; i < params->len; i++)
    zb_sql_bind_text (stmt, i + 1, params->pdata[i]);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    n++;
  return n;
}

static double
best_of (ZbStore *store,
         guint  (*query) (sqlite3 *db))
{
  double best = G_MAXDOUBLE;

  for (guint run = 0; run < RUNS; run++)
    {
      sqlite3 *db = zb_store_begin_read (store);
      gint64 start = g_get_monotonic_time ();
      guint n = query (db);

      best = MIN (best, (g_get_monotonic_time () - start) / 1e6);
      zb_store_end_read (store, db);
      g_assert_cmpuint (n, ==, N_HITS);
    }

  return best;
}

static double
best_store_search (ZbStore *store)
{
  double best = G_MAXDOUBLE;

  for (guint run = 0; run < RUNS; run++)
    {
      g_autoptr(GError) error = NULL;
      gint64 start = g_get_monotonic_time ();
      g_autoptr(GListModel) results = zb_store_search (store, PHRASE, ZB_SEARCH_MINUTES, 0,
                                                       &error);

      best = MIN (best, (g_get_monotonic_time () - start) / 1e6);
      g_assert_no_error (error);
      g_assert_cmpuint (g_list_model_get_n_items (results), ==, N_HITS);
    }

  return best;
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *dir = zb_test_make_dir ();
  g_autoptr(ZbStore) store = zb_test_new_store (dir, "bench.zhibu");
  double like, indexed, whole, ratio;
  gboolean held;

  fill (store);
  like = best_of (store, like_scan);
  indexed = best_of (store, index_search);
  whole = best_store_search (store);
  ratio = like / indexed;

  g_printerr ("search-speedup: LIKE scan %.4f s, index %.5f s, zb_store_search with %u "
              "snippets %.4f s (%.0fx)\n", like, indexed, N_HITS, whole, like / whole);
  held = zb_test_bench_report ("search-speedup", ratio, ZB_BENCH_AT_LEAST, TARGET, NULL);

  g_clear_object (&store);
  zb_test_remove_dir (dir);
  return held ? 0 : 1;
}
