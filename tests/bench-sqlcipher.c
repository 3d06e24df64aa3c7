#define G_LOG_DOMAIN "bench-sqlcipher"

#include "config.h"

#include <locale.h>
#include <string.h>
#include <time.h>

#include "zb-agenda-item.h"
#include "zb-demo.h"
#include "zb-meeting.h"
#include "zb-search-result.h"
#include "zb-test-bench.h"
#include "zb-test-util.h"

/* bench sqlcipher-overhead (DESIGN.md, Performance): a secretary's day of
 * work through the real ZbStore API (list the roster, search, edit 100
 * members, add 50 meetings with their minutes) on a keyed database, over the
 * same on an unkeyed one. Both are opened by the same SQLCipher library with
 * the store's own settings (4 KiB pages, the same cache); an empty key is
 * SQLCipher's way of attaching no cipher at all, which the bench checks in
 * the file's first bytes. Warm: each store is open and has run the workload
 * once before it is timed; best of RUNS, the two sides taking turns.
 * The figure is the process's CPU time: the cipher's cost is CPU work, and
 * on a shared machine the clock also counts other programs' turns on the
 * cores (the clock's ratio goes to the log beside it). */

#define N_MEMBERS  2000
#define N_EDITS    100
#define N_MEETINGS 50
/* This machine's speed drifts over seconds, the cipher's more than the
 * rest: fifteen turns a side, some six seconds, find both sides at their
 * best where five (two seconds) came out 1.15 to 1.46 in one quarter hour. */
#define RUNS       15
#define TARGET     1.3

static const char *queries[] = { "王", "技术研发", "支部", "学习", "张伟" };

static const char *posts[] = { "技术研发", "生产调度", "市场营销", "安全环保" };

static const char *paragraphs[] = {
  "会议传达学习了上级党委文件精神，与会党员结合岗位实际谈体会。",
  "支部书记作了工作报告，大家一致表示要立足本职，发挥党员先锋模范作用。",
  "组织委员通报了党费收缴情况，宣传委员布置了下一阶段学习任务。",
  "会议讨论了发展党员工作，研究了困难党员帮扶，加强作风建设和纪律建设。",
};

static void
list_roster (ZbStore *store)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) members = zb_store_list_members (store, FALSE, &error);
  guint n;

  g_assert_no_error (error);
  n = g_list_model_get_n_items (members);
  g_assert_cmpuint (n, >=, N_MEMBERS);
  for (guint i = 0; i < n; i++)
    g_object_unref (g_list_model_get_item (members, i));
}

static void
search (ZbStore *store)
{
  for (guint i = 0; i < G_N_ELEMENTS (queries); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GListModel) found = zb_store_search (store, queries[i], ZB_SEARCH_ALL, 50,
                                                     &error);

      g_assert_no_error (error);
    }
}

static void
edit_members (ZbStore *store,
              guint    run)
{
  g_autoptr(GListModel) members = zb_store_list_members (store, FALSE, NULL);

  for (guint i = 0; i < N_EDITS; i++)
    {
      g_autoptr(ZbMember) member = g_list_model_get_item (members, (i * 17 + run) % N_MEMBERS);
      g_autofree char *phone = g_strdup_printf ("139%04u%04u", run, i);
      g_autoptr(GError) error = NULL;

      zb_member_set (member, ZB_MEMBER_FIELD_PHONE, phone);
      zb_member_set (member, ZB_MEMBER_FIELD_POST, posts[i % G_N_ELEMENTS (posts)]);
      zb_store_update_member (store, member, &error);
      g_assert_no_error (error);
    }
}

static void
add_meeting (ZbStore *store,
             guint    run,
             guint    i)
{
  g_autoptr(ZbMeeting) meeting = zb_meeting_new ();
  g_autoptr(ZbAgendaItem) item = zb_agenda_item_new ();
  g_autoptr(GString) minutes = g_string_new (NULL);
  g_autofree char *title = g_strdup_printf ("第%u次党小组会", run * N_MEETINGS + i + 1);
  g_autofree char *date = g_strdup_printf ("2026-%02u-%02u", 1 + i % 12, 1 + (run + i) % 28);
  g_autofree char *id = NULL, *item_id = NULL;
  g_autoptr(GError) error = NULL;

  zb_meeting_set_type_code (meeting, "group");
  zb_meeting_set_title (meeting, title);
  zb_meeting_set_date (meeting, date);
  zb_meeting_set_party_group (meeting, "第1党小组");
  id = zb_store_add_meeting (store, meeting, &error);
  g_assert_no_error (error);

  for (guint p = 0; p < 8; p++)
    g_string_append (minutes, paragraphs[(i + p) % G_N_ELEMENTS (paragraphs)]);
  zb_agenda_item_set_meeting_id (item, id);
  zb_agenda_item_set_title (item, "学习研讨");
  zb_agenda_item_set_minutes (item, minutes->str);
  item_id = zb_store_add_agenda_item (store, item, &error);
  g_assert_no_error (error);
}

static double
cpu_seconds (void)
{
  struct timespec now;

  clock_gettime (CLOCK_PROCESS_CPUTIME_ID, &now);
  return now.tv_sec + now.tv_nsec / 1e9;
}

/* The CPU seconds of the day's work, and in @wall its seconds on the clock. */
static double
day_of_work (ZbStore *store,
             guint    run,
             double  *wall)
{
  gint64 start = g_get_monotonic_time ();
  double cpu = cpu_seconds ();

  list_roster (store);
  search (store);
  edit_members (store, run);
  for (guint i = 0; i < N_MEETINGS; i++)
    add_meeting (store, run, i);
  list_roster (store);

  *wall = (g_get_monotonic_time () - start) / 1e6;
  return cpu_seconds () - cpu;
}

static ZbStore *
make_store (const char  *dir,
            const char  *name,
            const ZbKey *key)
{
  g_autofree char *path = g_build_filename (dir, name, NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(ZbStore) store = zb_store_create (path, key, "基准支部", &error);

  g_assert_no_error (error);
  zb_demo_fill (store, N_MEMBERS, 2026, &error);
  g_assert_no_error (error);
  zb_store_read_here (store, &error);
  g_assert_no_error (error);

  return g_steal_pointer (&store);
}

/* An unkeyed SQLite file starts with its magic string; a SQLCipher one with
 * its random salt. */
static gboolean
is_plain_sqlite (ZbStore *store)
{
  g_autofree char *head = NULL;
  gsize len = 0;

  g_file_get_contents (zb_store_get_path (store), &head, &len, NULL);
  return len >= 16 && memcmp (head, "SQLite format 3", 16) == 0;
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *dir = zb_test_make_dir ();
  g_autoptr(ZbKey) key = zb_key_new_random (NULL);
  g_autoptr(ZbKey) no_key = zb_key_new_passphrase ("");
  g_autoptr(ZbStore) keyed = NULL;
  g_autoptr(ZbStore) plain = NULL;
  double keyed_s = G_MAXDOUBLE, plain_s = G_MAXDOUBLE;
  double keyed_wall = G_MAXDOUBLE, plain_wall = G_MAXDOUBLE, wall;
  gboolean held;

  setlocale (LC_ALL, "");
  keyed = make_store (dir, "keyed.zhibu", key);
  plain = make_store (dir, "plain.zhibu", no_key);
  g_assert_false (is_plain_sqlite (keyed));
  g_assert_true (is_plain_sqlite (plain));

  day_of_work (keyed, 0, &wall);
  day_of_work (plain, 0, &wall);
  for (guint run = 1; run <= RUNS; run++)
    {
      /* MIN() evaluates its arguments twice: time first, then compare. */
      double k = day_of_work (keyed, run, &wall);

      keyed_wall = MIN (keyed_wall, wall);
      keyed_s = MIN (keyed_s, k);
      k = day_of_work (plain, run, &wall);
      plain_wall = MIN (plain_wall, wall);
      plain_s = MIN (plain_s, k);
    }

  g_printerr ("sqlcipher-overhead: a day of work on %u members takes %.3f s of CPU keyed, "
              "%.3f s unkeyed; on the clock %.3f s and %.3f s (%.2f)\n", N_MEMBERS, keyed_s,
              plain_s, keyed_wall, plain_wall, keyed_wall / plain_wall);
  held = zb_test_bench_report ("sqlcipher-overhead", keyed_s / plain_s, ZB_BENCH_AT_MOST, TARGET,
                               NULL);
  g_clear_object (&keyed);
  g_clear_object (&plain);
  zb_test_remove_dir (dir);

  return held ? 0 : 1;
}
