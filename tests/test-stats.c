#define G_LOG_DOMAIN "test-stats"

#include "config.h"

#include <locale.h>

#include <json-glib/json-glib.h>

#include "zb-date.h"
#include "zb-demo.h"
#include "zb-error.h"
#include "zb-stats.h"
#include "zb-test-util.h"

/* The branch figures of `zhibu-cli stats`: on a generated branch of 2,000
 * members and three years of meetings, every figure of the JSON agrees with
 * the database counted again here with plain SQL, and the whole takes under
 * a second; then the edges (an empty branch, a year without meetings, members
 * archived or transferred out or in) and the CLI. */

#define N_MEMBERS 2000

typedef struct
{
  char    *dir;
  ZbStore *store;
} Branch;

/* ---- the generated branch ---- */

/* 35 months of meetings from January 2024 (to November 2026), each type with
 * gaps, so that some periods are missed; an addendum and a tombstone, which
 * never count. */
#define MONTHS "WITH RECURSIVE k(n) AS (SELECT 0 UNION ALL SELECT n + 1 FROM k WHERE n < 34) "
#define ON(day) "date('2024-01-01', '+' || n || ' months', '+" day " days')"
#define STAMP "'2024-01-01T00:00:00', '2024-01-01T00:00:00'"
#define GROUP_NO "CAST(substr(g.party_group, 2, length(g.party_group) - 4) AS INTEGER)"

static const char *meetings_sql =
  "INSERT INTO meetings (id, type, title, date, party_group, created_at, updated_at) " MONTHS
  "SELECT 'c-' || n, 'committee', '支委会', " ON ("9") ", NULL, " STAMP " FROM k "
  "  WHERE n % 7 <> 3 "
  "UNION ALL SELECT 't-' || n, 'theme-day', '主题党日', " ON ("14") ", NULL, " STAMP " FROM k "
  "  WHERE n % 5 <> 1 "
  "UNION ALL SELECT 'g-' || n || '-' || " GROUP_NO ", 'group', '党小组会', " ON ("19") ", "
  "  g.party_group, " STAMP " FROM k, (SELECT DISTINCT party_group FROM members "
  "  WHERE party_group IS NOT NULL) g WHERE (n * 7 + " GROUP_NO ") % 6 <> 0 "
  "UNION ALL SELECT 'gm-' || n, 'general', '党员大会', " ON ("4") ", NULL, " STAMP " FROM k "
  "  WHERE n % 3 = 1 AND n <> 16 "
  "UNION ALL SELECT 'gx-' || n, 'general', '党员大会', " ON ("24") ", NULL, " STAMP " FROM k "
  "  WHERE n % 6 = 4 "
  "UNION ALL SELECT 'l-' || n, 'lecture', '党课', " ON ("2") ", NULL, " STAMP " FROM k "
  "  WHERE n % 12 IN (2, 8) "
  "UNION ALL SELECT 'lm-' || n, 'life-meeting', '组织生活会', " ON ("20") ", NULL, " STAMP
  "  FROM k WHERE n IN (11, 23) "
  "UNION ALL SELECT 'a-' || n, 'appraisal', '民主评议', " ON ("21") ", NULL, " STAMP " FROM k "
  "  WHERE n = 11;"
  "INSERT INTO meetings (id, type, title, date, created_at, updated_at, addendum_of) VALUES "
  "  ('c-0-addendum', 'committee', '补充', '2024-01-20', " STAMP ", 'c-0');"
  "INSERT INTO meetings (id, type, title, date, created_at, updated_at, deleted) VALUES "
  "  ('t-1-mistake', 'theme-day', '误录', '2024-02-20', " STAMP ", 1);";

/* A first item at most meetings that open with one: some without the account
 * of the proceedings, some still holding a template's prompt. */
static const char *first_items_sql =
  "INSERT INTO first_items (id, meeting_id, topic, form, participants, proceedings) "
  "SELECT 'f-' || id, id, CASE WHEN rowid % 17 = 0 THEN '【请填写学习主题】' "
  "  ELSE '学习习近平总书记重要讲话精神' END, '领学', '全体党员', "
  "  CASE WHEN rowid % 11 = 0 THEN NULL ELSE '书记领学，党员交流研讨' END "
  "FROM meetings WHERE type IN ('general', 'committee', 'group') AND rowid % 13 <> 0;";

/* Two measures a committee meeting, due in 30 days: open, done in time, or
 * done late (so open at the end of a year it spans). */
static const char *measures_sql =
  "INSERT INTO measures (id, meeting_id, text, owner, due_date, state, done_date) "
  "SELECT 'ms-' || mt.id || '-' || x, mt.id, '组织专题学习', '张伟', date(mt.date, '+30 days'), "
  "  CASE WHEN (mt.rowid + x) % 3 = 0 THEN 'open' ELSE 'done' END, "
  "  CASE (mt.rowid + x) % 3 WHEN 0 THEN NULL WHEN 1 THEN date(mt.date, '+20 days') "
  "  ELSE min(date(mt.date, '+400 days'), date('now', 'localtime')) END "
  "FROM meetings mt, (SELECT 1 AS x UNION ALL SELECT 2) WHERE mt.type = 'committee' "
  "AND mt.addendum_of IS NULL;";

/* Each group meeting's attendance: its group's Party members, one in ten on
 * leave and one in ten absent. */
static const char *attendance_sql =
  "INSERT INTO meeting_attendees (id, meeting_id, member_id, state, reason) "
  "SELECT mt.id || ':' || mb.id, mt.id, mb.id, "
  "  CASE (mb.rowid + mt.rowid) % 10 WHEN 0 THEN 'leave' WHEN 1 THEN 'absent' "
  "  ELSE 'present' END, "
  "  CASE (mb.rowid + mt.rowid) % 10 WHEN 0 THEN '出差' WHEN 1 THEN '未说明' END "
  "FROM meetings mt JOIN members mb ON mb.party_group = mt.party_group "
  "WHERE mt.type = 'group' AND mb.category IN ('full', 'probationary');";

static char *
member_at (ZbStore *store,
           guint    index)
{
  g_autofree char *sql = g_strdup_printf ("SELECT id FROM members WHERE category = 'full' "
                                          "ORDER BY rowid LIMIT 1 OFFSET %u", index);

  return zb_test_sql_text (store, sql);
}

/* Five members deceased in mid-2025, five transferred out in March 2025,
 * three whose relationship first came in in May 2025. */
static void
archive_and_transfer (ZbStore *store)
{
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i < 13; i++)
    {
      g_autofree char *id = member_at (store, 100 + i * 37);
      g_autoptr(ZbTransfer) transfer = NULL;

      if (i < 5)
        zb_store_archive_member (store, id, ZB_STATUS_DECEASED, "2025-06-30", "病故", &error);
      else if (i < 10)
        {
          transfer = zb_transfer_new (id, FALSE, "2025-03-01", "某某公司党委", "2025-007");
          zb_store_add_transfer (store, transfer, &error);
        }
      else
        {
          transfer = zb_transfer_new (id, TRUE, "2025-05-01", "某某街道党工委", "2025-012");
          zb_store_add_transfer (store, transfer, &error);
        }
      g_assert_no_error (error);
    }
}

static void
branch_generate (Branch *b)
{
  g_autoptr(GError) error = NULL;
  gint64 start = g_get_monotonic_time ();

  b->dir = zb_test_make_dir ();
  b->store = zb_test_new_store (b->dir, "branch.zhibu");
  zb_demo_fill (b->store, N_MEMBERS, 12, &error);
  g_assert_no_error (error);

  zb_test_sql_exec (b->store, "UPDATE members SET education = NULL WHERE rowid % 97 = 0;"
                              "INSERT INTO committee_members (id, member_id, role, from_date, "
                              "to_date) SELECT 'cm-1', id, '书记', '2020-01-01', '2025-06-30' "
                              "FROM members WHERE category = 'full' ORDER BY rowid LIMIT 1;");
  archive_and_transfer (b->store);
  zb_test_sql_exec (b->store, meetings_sql);
  zb_test_sql_exec (b->store, first_items_sql);
  zb_test_sql_exec (b->store, measures_sql);
  zb_test_sql_exec (b->store, attendance_sql);

  g_test_message ("generated %" G_GINT64_FORMAT " members, %" G_GINT64_FORMAT " meetings, %"
                  G_GINT64_FORMAT " attendance rows in %.1f s",
                  zb_test_sql_int (b->store, "SELECT count(*) FROM members"),
                  zb_test_sql_int (b->store, "SELECT count(*) FROM meetings"),
                  zb_test_sql_int (b->store, "SELECT count(*) FROM meeting_attendees"),
                  (g_get_monotonic_time () - start) / 1e6);
}

/* Made on first use: tests run alone (-p) that do not read it skip it. */
static const Branch *
branch_get (gconstpointer data)
{
  Branch *b = (Branch *) data;

  if (b->store == NULL)
    branch_generate (b);
  return b;
}

static void
branch_free (Branch *b)
{
  g_clear_object (&b->store);
  if (b->dir != NULL)
    zb_test_remove_dir (b->dir);
  g_free (b->dir);
  g_free (b);
}

/* ---- counting again, with plain SQL ---- */

G_GNUC_PRINTF (2, 3)
static gint64
sql_count (ZbStore    *store,
           const char *format,
           ...)
{
  g_autofree char *sql = NULL;
  va_list args;

  va_start (args, format);
  sql = g_strdup_vprintf (format, args);
  va_end (args);
  return zb_test_sql_int (store, sql);
}

static void
expect (const char *what,
        gint64      got,
        gint64      want)
{
  if (got != want)
    g_test_message ("%s: the JSON says %" G_GINT64_FORMAT ", the database %" G_GINT64_FORMAT,
                    what, got, want);
  g_assert_cmpint (got, ==, want);
}

/* On the books on day %1$s: not tombstoned, not yet archived by then (a
 * transfer out archives too), and not first come in by a later transfer. */
#define ON_BOOKS \
  "deleted = 0 AND (status = 'normal' OR status_date > '%1$s') AND id NOT IN (SELECT " \
  "member_id FROM member_transfers WHERE direction = 'in' AND date > '%1$s')"
/* Where each stood that day, by the dates of the record alone. */
#define CATEGORY_ON \
  "CASE WHEN joined_date <= '%1$s' AND full_date <= '%1$s' THEN 'full' " \
  "WHEN joined_date <= '%1$s' THEN 'probationary' WHEN candidate_date <= '%1$s' " \
  "THEN 'candidate' WHEN activist_date <= '%1$s' THEN 'activist' " \
  "WHEN applied_date <= '%1$s' THEN 'applicant' END"
#define PARTY_MEMBERS ON_BOOKS " AND " CATEGORY_ON " IN ('full', 'probationary')"

static void
expect_members (ZbStore    *store,
                JsonObject *members,
                guint       year,
                const char *day)
{
  JsonObject *by_category = json_object_get_object_member (members, "by_category");
  JsonObject *by_sex = json_object_get_object_member (members, "by_sex");
  JsonArray *by_age = json_object_get_array_member (members, "by_age");
  JsonArray *by_education = json_object_get_array_member (members, "by_education");
  gint64 party = sql_count (store, "SELECT count(*) FROM members WHERE " PARTY_MEMBERS, day);
  gint64 sum = 0;

  g_assert_cmpstr (json_object_get_string_member (members, "on"), ==, day);
  expect ("party members", json_object_get_int_member (members, "party_members"), party);
  for (guint i = 0; i < ZB_STATS_N_CATEGORIES; i++)
    expect (zb_stats_category (i), json_object_get_int_member (by_category, zb_stats_category (i)),
            sql_count (store, "SELECT count(*) FROM members WHERE " ON_BOOKS " AND "
                       CATEGORY_ON " = '%2$s'", day, zb_stats_category (i)));
  expect ("men", json_object_get_int_member (by_sex, "M"),
          sql_count (store, "SELECT count(*) FROM members WHERE " PARTY_MEMBERS
                     " AND sex = 'M'", day));
  expect ("women", json_object_get_int_member (by_sex, "F"),
          sql_count (store, "SELECT count(*) FROM members WHERE " PARTY_MEMBERS
                     " AND sex = 'F'", day));

  /* Everyone has had their birthday by 31 December: the age is the years
   * between the birth year and this one. */
  g_assert_cmpuint (json_array_get_length (by_age), ==, ZB_STATS_N_AGE_BANDS);
  for (guint i = 0; i < ZB_STATS_N_AGE_BANDS; i++)
    {
      JsonObject *band = json_array_get_object_element (by_age, i);
      gint64 from = json_object_get_int_member (band, "from");
      gint64 to = json_object_get_null_member (band, "to") ? 999
                                                          : json_object_get_int_member (band, "to");

      expect (json_object_get_string_member (band, "band"),
              json_object_get_int_member (band, "count"),
              sql_count (store, "SELECT count(*) FROM members WHERE " PARTY_MEMBERS " AND "
                         "%2$u - CAST(substr(birth_date, 1, 4) AS INTEGER) BETWEEN %3$"
                         G_GINT64_FORMAT " AND %4$" G_GINT64_FORMAT, day, year, from, to));
    }

  for (guint i = 0; i < json_array_get_length (by_education); i++)
    {
      JsonObject *e = json_array_get_object_element (by_education, i);
      const char *value = json_object_get_string_member (e, "education");
      gint64 count = json_object_get_int_member (e, "count");

      if (value == NULL)
        expect ("education not recorded", count,
                sql_count (store, "SELECT count(*) FROM members WHERE " PARTY_MEMBERS
                           " AND education IS NULL", day));
      else
        expect (value, count, sql_count (store, "SELECT count(*) FROM members WHERE "
                                         PARTY_MEMBERS " AND education = '%2$s'", day, value));
      sum += count;
    }
  expect ("educations", json_array_get_length (by_education),
          sql_count (store, "SELECT count(DISTINCT coalesce(education, '')) FROM members "
                     "WHERE " PARTY_MEMBERS, day));
  expect ("education total", sum, party);
}

#define HELD \
  "FROM meetings WHERE deleted = 0 AND addendum_of IS NULL AND type = '%s' " \
  "AND substr(date, 1, 7) BETWEEN '%04u-%02u' AND '%04u-%02u'"

static guint
period_months (const char *type)
{
  if (g_str_equal (type, "general") || g_str_equal (type, "lecture"))
    return 3;
  if (g_str_equal (type, "life-meeting") || g_str_equal (type, "appraisal"))
    return 12;
  return 1;
}

/* DOMAIN.md section 2, read from its table: how many meetings of @type fall
 * due in @month, the last month of its period; the committee's only while a
 * committee member's term runs in the month. */
static gint64
due_in (ZbStore    *store,
        const char *type,
        guint       year,
        guint       month)
{
  if (month % period_months (type) != 0)
    return 0;
  if (g_str_equal (type, "committee"))
    return sql_count (store, "SELECT count(*) > 0 FROM committee_members WHERE deleted = 0 AND "
                      "from_date <= date('%04u-%02u-01', '+1 month', '-1 day') AND "
                      "(to_date IS NULL OR to_date >= '%04u-%02u-01')", year, month, year, month);
  if (g_str_equal (type, "theme-day"))
    return 1;
  if (g_str_equal (type, "group"))
    return sql_count (store, "SELECT count(DISTINCT party_group) FROM members WHERE deleted = 0 "
                      "AND status = 'normal' AND category IN ('full', 'probationary')");
  return 1;
}

static gint64
met_in (ZbStore    *store,
        const char *type,
        guint       year,
        guint       month,
        gint64      due)
{
  guint first = month - period_months (type) + 1;

  if (due == 0)
    return 0;
  if (g_str_equal (type, "group"))
    return sql_count (store, "SELECT count(DISTINCT party_group) " HELD " AND party_group IN "
                      "(SELECT party_group FROM members WHERE deleted = 0 AND status = 'normal' "
                      "AND category IN ('full', 'probationary'))", type, year, first, year, month);
  return MIN (due, sql_count (store, "SELECT count(*) " HELD, type, year, first, year, month));
}

static void
expect_meetings (ZbStore   *store,
                 JsonArray *types,
                 guint      year)
{
  g_assert_cmpuint (json_array_get_length (types), ==, 7);
  for (guint t = 0; t < json_array_get_length (types); t++)
    {
      JsonObject *type = json_array_get_object_element (types, t);
      const char *code = json_object_get_string_member (type, "type");
      JsonArray *months = json_object_get_array_member (type, "months");
      gint64 held_year = 0, due_year = 0;

      g_assert_cmpuint (json_array_get_length (months), ==, 12);
      for (guint m = 1; m <= 12; m++)
        {
          JsonObject *month = json_array_get_object_element (months, m - 1);
          g_autofree char *what = g_strdup_printf ("%s %04u-%02u", code, year, m);
          g_autofree char *name = g_strdup_printf ("%04u-%02u", year, m);
          gint64 held = sql_count (store, "SELECT count(*) " HELD, code, year, m, year, m);
          gint64 due = due_in (store, code, year, m);

          g_assert_cmpstr (json_object_get_string_member (month, "month"), ==, name);
          expect (what, json_object_get_int_member (month, "held"), held);
          expect (what, json_object_get_int_member (month, "required"), due);
          expect (what, json_object_get_int_member (month, "met"),
                  met_in (store, code, year, m, due));
          held_year += held;
          due_year += due;
        }
      expect (code, json_object_get_int_member (type, "held"), held_year);
      expect (code, json_object_get_int_member (type, "required"), due_year);
    }
}

#define FIRST_ITEM_MEETINGS \
  "FROM meetings m LEFT JOIN first_items f ON f.meeting_id = m.id AND f.deleted = 0 " \
  "WHERE m.deleted = 0 AND m.addendum_of IS NULL AND m.type IN ('general', 'committee', " \
  "'group') AND substr(m.date, 1, 7) = '%04u-%02u'"

static void
expect_first_items (ZbStore    *store,
                    JsonObject *first_items,
                    guint       year)
{
  JsonArray *months = json_object_get_array_member (first_items, "months");
  gint64 meetings_year = 0, studied_year = 0;

  for (guint m = 1; m <= 12; m++)
    {
      JsonObject *month = json_array_get_object_element (months, m - 1);
      g_autofree char *what = g_strdup_printf ("first items %04u-%02u", year, m);
      gint64 meetings = sql_count (store, "SELECT count(*) " FIRST_ITEM_MEETINGS, year, m);
      gint64 studied = sql_count (store, "SELECT count(*) " FIRST_ITEM_MEETINGS " AND f.topic "
                                  "IS NOT NULL AND f.form IS NOT NULL AND f.participants IS NOT "
                                  "NULL AND f.proceedings IS NOT NULL AND f.topic NOT LIKE "
                                  "'%%【请填写%%'", year, m);

      expect (what, json_object_get_int_member (month, "meetings"), meetings);
      expect (what, json_object_get_int_member (month, "studied"), studied);
      meetings_year += meetings;
      studied_year += studied;
    }
  expect ("first items", json_object_get_int_member (first_items, "meetings"), meetings_year);
  expect ("first items studied", json_object_get_int_member (first_items, "studied"),
          studied_year);
}

#define MEASURES_OPEN \
  "SELECT count(*) FROM measures s JOIN meetings m ON m.id = s.meeting_id WHERE s.deleted = 0 " \
  "AND m.deleted = 0 AND m.date <= '%1$s' AND (s.done_date IS NULL OR s.done_date > '%1$s')"

static void
expect_measures (ZbStore    *store,
                 JsonObject *measures,
                 const char *as_of)
{
  g_assert_cmpstr (json_object_get_string_member (measures, "on"), ==, as_of);
  expect ("open measures", json_object_get_int_member (measures, "open"),
          sql_count (store, MEASURES_OPEN, as_of));
  expect ("overdue measures", json_object_get_int_member (measures, "overdue"),
          sql_count (store, MEASURES_OPEN " AND s.due_date < '%1$s'", as_of));
}

/* Dues and the recruitment pipeline are there for every year, nought where
 * no member has a base or a recruitment step (the generated branch has
 * neither). */
static void
expect_placeholders (JsonObject *root)
{
  JsonObject *dues = json_object_get_object_member (root, "dues");
  JsonObject *recruitment = json_object_get_object_member (root, "recruitment");

  g_assert_nonnull (dues);
  g_assert_true (json_object_get_boolean_member (dues, "available"));
  g_assert_cmpint (json_object_get_int_member (dues, "due_fen"), ==, 0);
  g_assert_cmpint (json_object_get_int_member (dues, "collected_fen"), ==, 0);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (dues, "months")), ==,
                    12);
  g_assert_nonnull (recruitment);
  g_assert_true (json_object_get_boolean_member (recruitment, "available"));
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (recruitment, "stages")),
                    ==, 5);
  g_assert_cmpint (json_object_get_int_member (recruitment, "people"), ==, 0);
}

/* The figures of @year as JSON, and how long computing them took. */
static JsonNode *
stats_json (ZbStore *store,
            guint    year,
            gint64  *usec)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ZbStats) stats = NULL;
  gint64 start = g_get_monotonic_time ();
  JsonNode *root;

  stats = zb_store_stats (store, year, &error);
  g_assert_no_error (error);
  root = zb_stats_to_json (stats);
  if (usec != NULL)
    *usec = g_get_monotonic_time () - start;
  return root;
}

static void
expect_year (ZbStore *store,
             guint    year)
{
  g_autoptr(JsonNode) node = stats_json (store, year, NULL);
  JsonObject *root = json_node_get_object (node);
  g_autofree char *day = g_strdup_printf ("%04u-12-31", year);
  g_autofree char *today = zb_date_today_iso ();
  const char *as_of = g_strcmp0 (today, day) < 0 ? today : day;

  g_assert_cmpint (json_object_get_int_member (root, "year"), ==, year);
  g_assert_cmpstr (json_object_get_string_member (root, "as_of"), ==, as_of);
  expect_members (store, json_object_get_object_member (root, "members"), year, day);
  expect_meetings (store, json_object_get_array_member (root, "meetings"), year);
  expect_first_items (store, json_object_get_object_member (root, "first_items"), year);
  expect_measures (store, json_object_get_object_member (root, "measures"), as_of);
  expect_placeholders (root);
}

/* ---- the tests ---- */

static void
test_generated_branch (gconstpointer data)
{
  const Branch *b = branch_get (data);
  gint64 usec = 0;

  /* Enough of everything to count: not a test of an empty join. */
  g_assert_cmpint (zb_test_sql_int (b->store, "SELECT count(*) FROM members"), ==, N_MEMBERS);
  g_assert_cmpint (zb_test_sql_int (b->store, "SELECT count(*) FROM meetings"), >, 1000);

  for (guint year = 2024; year <= 2026; year++)
    expect_year (b->store, year);

  for (guint year = 2024; year <= 2026; year++)
    {
      g_autoptr(JsonNode) node = stats_json (b->store, year, &usec);

      g_test_message ("stats --year %u on %u members and 3 years of meetings: %.0f ms "
                      "(limit 1000 ms)", year, N_MEMBERS, usec / 1e3);
      g_assert_cmpint (usec, <, G_USEC_PER_SEC);
    }
}

/* A year before any meeting: nothing held, yet the rule still asks its
 * meetings (the committee sat in 2020), and the members are those of then. */
static void
test_year_without_meetings (gconstpointer data)
{
  const Branch *b = branch_get (data);
  g_autoptr(JsonNode) node = stats_json (b->store, 2020, NULL);
  JsonArray *types = json_object_get_array_member (json_node_get_object (node), "meetings");

  expect_year (b->store, 2020);
  for (guint t = 0; t < json_array_get_length (types); t++)
    {
      JsonObject *type = json_array_get_object_element (types, t);

      g_assert_cmpint (json_object_get_int_member (type, "held"), ==, 0);
      g_assert_cmpint (json_object_get_int_member (type, "met"), ==, 0);
      g_assert_cmpint (json_object_get_int_member (type, "required"), >, 0);
    }
}

static void
test_empty_branch (void)
{
  g_autofree char *dir = zb_test_make_dir ();
  g_autoptr(ZbStore) store = zb_test_new_store (dir, "empty.zhibu");
  g_autoptr(JsonNode) node = stats_json (store, 2025, NULL);
  JsonObject *root = json_node_get_object (node);
  JsonObject *members = json_object_get_object_member (root, "members");
  JsonArray *types = json_object_get_array_member (root, "meetings");

  expect_year (store, 2025);
  g_assert_cmpint (json_object_get_int_member (members, "party_members"), ==, 0);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (members,
                                                                         "by_education")), ==, 0);
  /* No committee and no party group: none of their meetings is due. */
  for (guint t = 0; t < json_array_get_length (types); t++)
    {
      JsonObject *type = json_array_get_object_element (types, t);
      const char *code = json_object_get_string_member (type, "type");
      gint64 due = g_str_equal (code, "committee") || g_str_equal (code, "group") ? 0
                   : g_str_equal (code, "theme-day") ? 12
                   : period_months (code) == 3 ? 4 : 1;

      g_assert_cmpint (json_object_get_int_member (type, "required"), ==, due);
    }

  g_clear_object (&store);
  zb_test_remove_dir (dir);
}

static char *
add_person (ZbStore    *store,
            const char *name,
            guint       serial,
            const char *category)
{
  g_autofree char *idn = zb_test_id_number ("1990-04-05", serial % 2, serial);
  g_autoptr(ZbMember) m = zb_test_member (name, idn, category);
  g_autoptr(GError) error = NULL;
  char *id;

  if (g_str_equal (category, ZB_CATEGORY_PROBATIONARY))
    {
      zb_member_set (m, ZB_MEMBER_FIELD_APPLIED_DATE, "2022-03-01");
      zb_member_set (m, ZB_MEMBER_FIELD_ACTIVIST_DATE, "2022-09-01");
      zb_member_set (m, ZB_MEMBER_FIELD_CANDIDATE_DATE, "2024-09-01");
      zb_member_set (m, ZB_MEMBER_FIELD_JOINED_DATE, "2025-07-01");
    }
  else if (g_str_equal (category, ZB_CATEGORY_APPLICANT))
    zb_member_set (m, ZB_MEMBER_FIELD_APPLIED_DATE, "2025-02-01");
  else if (g_str_equal (category, ZB_CATEGORY_ACTIVIST))
    zb_member_set (m, ZB_MEMBER_FIELD_ACTIVIST_DATE, "2025-04-01");
  id = zb_store_add_member (store, m, &error);
  g_assert_no_error (error);
  return id;
}

static void
add_transfer (ZbStore    *store,
              const char *id,
              gboolean    incoming,
              const char *date)
{
  g_autoptr(ZbTransfer) transfer = zb_transfer_new (id, incoming, date, "某某公司党委", "007");
  g_autoptr(GError) error = NULL;

  zb_store_add_transfer (store, transfer, &error);
  g_assert_no_error (error);
}

/* A small branch whose every person says who counts (DOMAIN.md section 1; a
 * member counts on 31 December when expected at a meeting that day): 甲
 * always; 乙, deceased on 30 June 2025, in 2024 only; 丙, transferred out on 1
 * March 2025, in 2024 only; 丁, whose relationship came in on 1 May 2025, in
 * 2025 only; 戊, expelled on 31 December 2024, in neither; 己, a candidate at
 * the end of 2024 and admitted in July 2025; 庚, who applied in February
 * 2025; 辛, a record entered by mistake (a tombstone), never; 壬, an activist
 * since April 2025 who died in August, never. */
static ZbStore *
small_branch (const char *dir)
{
  ZbStore *store = zb_test_new_store (dir, "small.zhibu");
  g_autofree char *jia = add_person (store, "甲", 1, ZB_CATEGORY_FULL);
  g_autofree char *yi = add_person (store, "乙", 2, ZB_CATEGORY_FULL);
  g_autofree char *bing = add_person (store, "丙", 3, ZB_CATEGORY_FULL);
  g_autofree char *ding = add_person (store, "丁", 4, ZB_CATEGORY_FULL);
  g_autofree char *wu = add_person (store, "戊", 5, ZB_CATEGORY_FULL);
  g_autofree char *ji = add_person (store, "己", 6, ZB_CATEGORY_PROBATIONARY);
  g_autofree char *geng = add_person (store, "庚", 7, ZB_CATEGORY_APPLICANT);
  g_autofree char *xin = add_person (store, "辛", 8, ZB_CATEGORY_FULL);
  g_autofree char *ren = add_person (store, "壬", 9, ZB_CATEGORY_ACTIVIST);
  g_autofree char *tombstone = g_strdup_printf ("UPDATE members SET deleted = 1 WHERE id = '%s'",
                                                xin);
  g_autoptr(GError) error = NULL;

  zb_store_archive_member (store, yi, ZB_STATUS_DECEASED, "2025-06-30", NULL, &error);
  g_assert_no_error (error);
  zb_store_archive_member (store, wu, ZB_STATUS_EXPELLED, "2024-12-31", NULL, &error);
  g_assert_no_error (error);
  zb_store_archive_member (store, ren, ZB_STATUS_DECEASED, "2025-08-01", NULL, &error);
  g_assert_no_error (error);
  add_transfer (store, bing, FALSE, "2025-03-01");
  add_transfer (store, ding, TRUE, "2025-05-01");
  zb_test_sql_exec (store, tombstone);
  return store;
}

static void
expect_categories (ZbStore     *store,
                   guint        year,
                   const guint  want[ZB_STATS_N_CATEGORIES])
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ZbStats) stats = zb_store_stats (store, year, &error);

  g_assert_no_error (error);
  for (guint i = 0; i < ZB_STATS_N_CATEGORIES; i++)
    {
      g_autofree char *what = g_strdup_printf ("%u %s", year, zb_stats_category (i));

      expect (what, stats->by_category[i], want[i]);
    }
  g_assert_cmpuint (stats->members, ==, want[0] + want[1]);
  g_assert_cmpuint (stats->men + stats->women, ==, stats->members);
  g_assert_cmpuint (stats->by_age[1] + stats->by_age[2], ==, stats->members);
}

static void
test_archived_and_transferred (void)
{
  g_autofree char *dir = zb_test_make_dir ();
  g_autoptr(ZbStore) store = small_branch (dir);
  /* full, probationary, candidate, activist, applicant */
  const guint end_2024[] = { 3, 0, 1, 0, 0 };   /* 甲乙丙; 己 */
  const guint end_2025[] = { 2, 1, 0, 0, 1 };   /* 甲丁; 己; 庚 */
  const guint end_2014[] = { 0, 0, 0, 0, 0 };   /* before anyone's admission */

  expect_categories (store, 2024, end_2024);
  expect_categories (store, 2025, end_2025);
  expect_categories (store, 2014, end_2014);
  expect_year (store, 2024);
  expect_year (store, 2025);

  g_clear_object (&store);
  zb_test_remove_dir (dir);
}

static char *
member_named (ZbStore    *store,
              const char *name)
{
  g_autofree char *sql = g_strdup_printf ("SELECT id FROM members WHERE name = '%s'", name);

  return zb_test_sql_text (store, sql);
}

static void
pay (ZbStore    *store,
     const char *member,
     const char *first,
     const char *last,
     gint64      fen,
     const char *date)
{
  g_autoptr(ZbPayment) payment = zb_payment_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *id = NULL;

  zb_payment_set_member_id (payment, member);
  zb_payment_set_first_month (payment, first);
  zb_payment_set_last_month (payment, last);
  zb_payment_set_extra (payment, first == NULL);
  zb_payment_set_amount_fen (payment, fen);
  zb_payment_set_paid_date (payment, date);
  id = zb_store_record_dues_payment (store, payment, NULL, &error);
  g_assert_no_error (error);
}

/* Dues collected against due, month by month, as the dues ledger reckons
 * them: 甲 on 5,000 yuan from January (50.00 a month), May waived, January
 * to March paid, 1,000 yuan of voluntary extra dues in April; 丁, retired on
 * 6,000 from July (60.00); 乙, deceased in 2025, no longer counted. */
static void
test_dues (void)
{
  g_autofree char *dir = zb_test_make_dir ();
  g_autoptr(ZbStore) store = small_branch (dir);
  g_autofree char *jia = member_named (store, "甲");
  g_autofree char *ding = member_named (store, "丁");
  g_autofree char *yi = member_named (store, "乙");
  g_autofree char *waiver = NULL;
  g_autoptr(ZbStats) stats = NULL;
  g_autoptr(JsonNode) json = NULL;
  g_autoptr(GError) error = NULL;
  JsonObject *dues;

  g_assert_true (zb_store_set_dues_base (store, jia, "2026-01", ZB_DUES_EMPLOYED, 500000, &error));
  g_assert_true (zb_store_set_dues_base (store, ding, "2026-07", ZB_DUES_RETIRED, 600000, &error));
  g_assert_true (zb_store_set_dues_base (store, yi, "2024-01", ZB_DUES_EMPLOYED, 500000, &error));
  g_assert_no_error (error);
  waiver = zb_store_add_dues_reduction (store, jia, "2026-05", 0, "2026-04-20", "党委〔2026〕3号",
                                        "家庭困难", &error);
  g_assert_no_error (error);
  pay (store, jia, "2026-01", "2026-03", 15000, "2026-03-10");
  pay (store, jia, NULL, NULL, 100000, "2026-04-01");
  pay (store, jia, NULL, NULL, 20000, "2025-11-01");    /* another year's */

  stats = zb_store_stats (store, 2026, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < 12; i++)
    {
      gint64 due = i == 4 ? 0 : i >= 6 ? 11000 : 5000;

      g_test_message ("month %u", i + 1);
      g_assert_cmpint (stats->dues_due[i], ==, due);
      g_assert_cmpint (stats->dues_paid[i], ==, i < 3 ? 5000 : 0);
    }
  g_assert_cmpint (stats->dues_extra, ==, 100000);

  json = zb_stats_to_json (stats);
  dues = json_object_get_object_member (json_node_get_object (json), "dues");
  g_assert_true (json_object_get_boolean_member (dues, "available"));
  g_assert_cmpint (json_object_get_int_member (dues, "due_fen"), ==, 5 * 5000 + 6 * 11000);
  g_assert_cmpint (json_object_get_int_member (dues, "collected_fen"), ==, 15000);
  g_assert_cmpint (json_object_get_int_member (dues, "extra_fen"), ==, 100000);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (dues, "months")), ==, 12);

  g_clear_object (&store);
  zb_test_remove_dir (dir);
}

static void
step (ZbStore    *store,
      const char *person,
      const char *code,
      const char *date)
{
  g_autoptr(ZbRecruitStep) s = zb_recruit_step_new (person, code, date);
  g_autoptr(GError) error = NULL;
  g_autofree char *id = zb_store_add_recruit_step (store, s, &error);

  g_assert_no_error (error);
}

/* The recruitment pipeline by the stage of each person's latest step on
 * the year's end: 庚, who applied in February 2025 and was talked to, in
 * stage 1 from 2025; 癸, an activist since June 2023, in stage 2 from
 * 2023, whatever is recorded after the year's end. */
static void
test_recruitment (void)
{
  g_autofree char *dir = zb_test_make_dir ();
  g_autoptr(ZbStore) store = small_branch (dir);
  g_autofree char *geng = member_named (store, "庚");
  g_autofree char *idn = zb_test_id_number ("1995-04-05", TRUE, 10);
  g_autoptr(ZbMember) gui = zb_test_member ("癸", idn, ZB_CATEGORY_APPLICANT);
  g_autoptr(GError) error = NULL;
  g_autofree char *gui_id = NULL;
  const struct { guint year; guint pipeline[5]; } want[] = {
    { 2022, { 0, 0, 0, 0, 0 } },
    { 2024, { 0, 1, 0, 0, 0 } },
    { 2025, { 1, 1, 0, 0, 0 } },
    { 2026, { 1, 1, 0, 0, 0 } },
  };

  zb_member_set (gui, ZB_MEMBER_FIELD_APPLIED_DATE, "2023-01-05");
  gui_id = zb_store_add_member (store, gui, &error);
  g_assert_no_error (error);
  step (store, geng, "S01", "2025-02-01");
  step (store, geng, "S02", "2025-02-20");
  step (store, gui_id, "S01", "2023-01-05");
  step (store, gui_id, "S02", "2023-01-20");
  step (store, gui_id, "S03", "2023-06-01");
  step (store, gui_id, "S04", "2026-01-10");

  for (guint y = 0; y < G_N_ELEMENTS (want); y++)
    {
      g_autoptr(ZbStats) stats = zb_store_stats (store, want[y].year, &error);
      g_autoptr(JsonNode) json = NULL;
      JsonObject *recruitment;
      guint total = 0;

      g_assert_no_error (error);
      for (guint i = 0; i < 5; i++)
        {
          g_test_message ("%u, stage %u", want[y].year, i + 1);
          g_assert_cmpuint (stats->pipeline[i], ==, want[y].pipeline[i]);
          total += want[y].pipeline[i];
        }
      json = zb_stats_to_json (stats);
      recruitment = json_object_get_object_member (json_node_get_object (json), "recruitment");
      g_assert_cmpint (json_object_get_int_member (recruitment, "people"), ==, total);
    }

  g_clear_object (&store);
  zb_test_remove_dir (dir);
}

static void
test_age_bands (void)
{
  const guint edges[][2] = { { 0, 0 }, { 30, 0 }, { 31, 1 }, { 35, 1 }, { 36, 2 }, { 60, 6 },
                             { 61, 7 }, { 120, 7 } };

  for (guint i = 0; i < G_N_ELEMENTS (edges); i++)
    g_assert_cmpuint (zb_stats_age_band_of (edges[i][0]), ==, edges[i][1]);
  for (guint i = 1; i < ZB_STATS_N_AGE_BANDS; i++)
    g_assert_cmpuint (zb_stats_age_band (i)->from, ==, zb_stats_age_band (i - 1)->to + 1);
}

static void
stats_done_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  ZbStats **stats = user_data;
  g_autoptr(GError) error = NULL;

  *stats = zb_store_stats_finish (ZB_STORE (source), result, &error);
  g_assert_no_error (error);
}

static char *
to_text (ZbStats *stats)
{
  g_autoptr(JsonNode) node = zb_stats_to_json (stats);

  return json_to_string (node, FALSE);
}

/* The app's way: on a worker thread, the same figures; a bad year fails
 * there too, naming the field. */
static void
test_async (void)
{
  g_autofree char *dir = zb_test_make_dir ();
  g_autoptr(ZbStore) store = small_branch (dir);
  g_autoptr(ZbStats) stats = NULL;
  g_autoptr(ZbStats) here = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *got = NULL, *want = NULL;

  zb_store_stats_async (store, 2025, NULL, stats_done_cb, &stats);
  while (stats == NULL)
    g_main_context_iteration (NULL, TRUE);
  here = zb_store_stats (store, 2025, &error);
  g_assert_no_error (error);
  got = to_text (stats);
  want = to_text (here);
  g_assert_cmpstr (got, ==, want);
  g_assert_cmpuint (stats->by_category[0], ==, 2);

  g_assert_null (zb_store_stats (store, 99999, &error));
  g_assert_error (error, ZB_MEMBER_ERROR, ZB_MEMBER_ERROR_INVALID);
  g_assert_true (g_str_has_prefix (error->message, "Year: "));

  g_clear_object (&store);
  zb_test_remove_dir (dir);
}

/* zhibu-cli stats: the same JSON as the core's, the summary in the user's
 * language, and the exit codes of DESIGN.md. */
static void
test_cli (void)
{
  g_autofree char *dir = zb_test_make_dir ();
  g_autoptr(ZbStore) store = small_branch (dir);
  g_autofree char *db = g_build_filename (dir, "small.zhibu", NULL);
  g_autofree char *passphrase = zb_test_passphrase_file (dir);
  g_autoptr(JsonNode) node = stats_json (store, 2025, NULL);
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autofree char *data = NULL;
  g_autofree char *want = NULL;
  g_auto(GStrv) zh = g_environ_setenv (g_environ_setenv (g_get_environ (), "LANGUAGE", "zh_CN",
                                                         TRUE),
                                       "LC_ALL", "zh_CN.UTF-8", TRUE);
  g_auto(ZbTestRun) json = { 0 };
  g_auto(ZbTestRun) text = { 0 };
  g_auto(ZbTestRun) text_zh = { 0 };
  g_auto(ZbTestRun) no_year = { 0 };
  g_auto(ZbTestRun) bad_year = { 0 };
  g_auto(ZbTestRun) bad_format = { 0 };
  g_auto(ZbTestRun) no_db = { 0 };
  g_autofree char *missing = g_build_filename (dir, "missing.zhibu", NULL);

  json_generator_set_root (generator, node);
  json_generator_set_pretty (generator, TRUE);
  data = json_generator_to_data (generator, NULL);
  want = g_strconcat (data, "\n", NULL);

  zb_test_cli_run (&json, db, passphrase, "stats", "--year", "2025", "--format", "json", NULL);
  g_assert_cmpstr (json.err, ==, "");
  g_assert_cmpint (json.status, ==, 0);
  g_assert_cmpstr (json.out, ==, want);

  zb_test_cli_run (&text, db, passphrase, "stats", "--year", "2025", NULL);
  g_assert_cmpint (text.status, ==, 0);
  g_assert_nonnull (strstr (text.out, "Party members on 2025-12-31: 3 (Full member 2, "
                                      "Probationary member 1)\n"));
  g_assert_nonnull (strstr (text.out, "Applicant 1\n"));

  zb_test_cli_run_env (&text_zh, zh, db, "--passphrase-file", passphrase, "stats", "--year",
                       "2025", "--format", "text", NULL);
  g_assert_cmpint (text_zh.status, ==, 0);
  g_assert_nonnull (strstr (text_zh.out, "2025-12-31 党员 3 名（正式党员 2 名，预备党员 1 名）\n"));
  g_assert_null (strstr (text_zh.out, "Party"));

  zb_test_cli_run (&no_year, db, passphrase, "stats", NULL);
  g_assert_cmpint (no_year.status, ==, 2);
  g_assert_cmpstr (no_year.err, ==, "zhibu-cli: usage: zhibu-cli stats --year YEAR | --from DATE "
                                    "--to DATE [--finalised-only] [--format text|json]\n");
  zb_test_cli_run (&bad_year, db, passphrase, "stats", "--year", "25", NULL);
  g_assert_cmpint (bad_year.status, ==, 1);
  g_assert_cmpstr (bad_year.err, ==, "zhibu-cli: Year: give the year as four digits, such as "
                                     "2025\n");
  zb_test_cli_run (&bad_format, db, passphrase, "stats", "--year", "2025", "--format", "csv",
                   NULL);
  g_assert_cmpint (bad_format.status, ==, 2);
  zb_test_cli_run (&no_db, missing, passphrase, "stats", "--year", "2025", NULL);
  g_assert_cmpint (no_db.status, ==, 1);
  g_assert_false (g_file_test (missing, G_FILE_TEST_EXISTS));

  g_clear_object (&store);
  zb_test_remove_dir (dir);
}

/* ---- the committee's view: finalised records, an explicit period ---- */

static char *
add_chair_person (ZbStore    *store,
                  const char *name,
                  guint       serial)
{
  g_autofree char *idn = zb_test_id_number ("1980-03-03", serial % 2 == 0, serial);
  g_autoptr(ZbMember) m = zb_test_member (name, idn, ZB_CATEGORY_FULL);
  g_autoptr(GError) error = NULL;
  char *id = zb_store_add_member (store, m, &error);

  g_assert_no_error (error);
  return id;
}

/* The first agenda item filled in, as finalising asks of the meetings that
 * open with one (DOMAIN.md section 3). */
static void
fill_first_item (ZbStore    *store,
                 const char *meeting_id)
{
  g_autoptr(ZbFirstItem) first = zb_first_item_new ();
  g_autoptr(GError) error = NULL;

  zb_first_item_set_topic (first, "学习主题");
  zb_first_item_set_form (first, "领学");
  zb_first_item_set_participants (first, "全体党员");
  zb_first_item_set_proceedings (first, "领学并交流研讨");
  zb_store_set_first_item (store, meeting_id, first, &error);
  g_assert_no_error (error);
}

static char *
committee_meeting (ZbStore    *store,
                   const char *date,
                   const char *chair,
                   gboolean    finalise)
{
  g_autoptr(GError) error = NULL;
  char *id = zb_test_add_meeting (store, "committee", date, "支委会", NULL);
  g_autoptr(ZbMeeting) m = zb_store_get_meeting (store, id, &error);

  g_assert_no_error (error);
  zb_meeting_set_chair_id (m, chair);
  zb_meeting_set_recorder_id (m, chair);
  g_assert_true (zb_store_update_meeting (store, m, &error));
  if (zb_meeting_type_lookup (zb_meeting_get_type_code (m))->first_item)
    fill_first_item (store, id);
  g_assert_no_error (error);
  if (finalise)
    zb_store_finalize_meeting (store, id, &error);
  g_assert_no_error (error);
  return id;
}

/* The committee meetings held in each month of @root's first year. */
static char *
committee_held (JsonNode *root)
{
  JsonObject *year = json_array_get_object_element (
    json_object_get_array_member (json_node_get_object (root), "years"), 0);
  JsonArray *types = json_object_get_array_member (year, "meetings");
  GString *out = g_string_new (NULL);

  for (guint t = 0; t < json_array_get_length (types); t++)
    {
      JsonObject *type = json_array_get_object_element (types, t);
      JsonArray *months = json_object_get_array_member (type, "months");

      if (!g_str_equal (json_object_get_string_member (type, "type"), "committee"))
        continue;
      for (guint i = 0; i < json_array_get_length (months); i++)
        {
          JsonObject *m = json_array_get_object_element (months, i);

          g_string_append_printf (out, "%s%s:%" G_GINT64_FORMAT "/%" G_GINT64_FORMAT,
                                  out->len ? " " : "", json_object_get_string_member (m, "month"),
                                  json_object_get_int_member (m, "held"),
                                  json_object_get_int_member (m, "required"));
        }
    }
  return g_string_free (out, FALSE);
}

static JsonNode *
period_json (ZbStore      *store,
             const char   *from,
             const char   *to,
             ZbStatsFlags  flags)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) years = zb_store_stats_period (store, from, to, flags, &error);

  g_assert_no_error (error);
  return zb_stats_period_to_json (years, from, to);
}

/* DOMAIN.md section 6: the committee sees what the branch finalised. Of two
 * committee meetings, January's finalised and February's a draft, the
 * branch's figures count both and the committee's January's alone; a period
 * from February counts no month before it; `stats --from --to
 * --finalised-only` prints the same JSON. */
static void
test_finalised_only (void)
{
  g_autofree char *dir = zb_test_make_dir ();
  g_autoptr(ZbStore) store = zb_test_new_store (dir, "committee.zhibu");
  g_autofree char *db = g_build_filename (dir, "committee.zhibu", NULL);
  g_autofree char *passphrase = zb_test_passphrase_file (dir);
  g_autofree char *chair = add_chair_person (store, "赵一", 11);
  g_autoptr(GError) error = NULL;
  g_autofree char *january = NULL, *february = NULL;
  g_autoptr(JsonNode) all = NULL, finalised = NULL, from_february = NULL;
  g_autofree char *all_held = NULL, *finalised_held = NULL, *february_held = NULL;
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autofree char *want = NULL, *data = NULL;
  g_auto(ZbTestRun) cli = { 0 };
  g_auto(ZbTestRun) both = { 0 };

  zb_store_add_committee_member (store, chair, "书记", "2020-01-01", NULL, &error);
  g_assert_no_error (error);
  january = committee_meeting (store, "2026-01-15", chair, TRUE);
  february = committee_meeting (store, "2026-02-10", chair, FALSE);

  all = period_json (store, "2026-01-01", "2026-03-31", ZB_STATS_ALL_RECORDS);
  finalised = period_json (store, "2026-01-01", "2026-03-31", ZB_STATS_FINALISED_ONLY);
  from_february = period_json (store, "2026-02-01", "2026-03-31", ZB_STATS_FINALISED_ONLY);
  all_held = committee_held (all);
  finalised_held = committee_held (finalised);
  february_held = committee_held (from_february);
  g_assert_cmpstr (all_held, ==, "2026-01:1/1 2026-02:1/1 2026-03:0/1");
  g_assert_cmpstr (finalised_held, ==, "2026-01:1/1 2026-02:0/1 2026-03:0/1");
  g_assert_cmpstr (february_held, ==, "2026-02:0/1 2026-03:0/1");

  json_generator_set_root (generator, finalised);
  json_generator_set_pretty (generator, TRUE);
  data = json_generator_to_data (generator, NULL);
  want = g_strconcat (data, "\n", NULL);
  g_clear_object (&store);
  zb_test_cli_run (&cli, db, passphrase, "stats", "--from", "2026-01-01", "--to", "2026-03-31",
                   "--finalised-only", "--format", "json", NULL);
  g_assert_cmpstr (cli.err, ==, "");
  g_assert_cmpint (cli.status, ==, 0);
  g_assert_cmpstr (cli.out, ==, want);

  zb_test_cli_run (&both, db, passphrase, "stats", "--year", "2026", "--from", "2026-01-01",
                   "--to", "2026-03-31", NULL);
  g_assert_cmpint (both.status, ==, 2);
  zb_test_remove_dir (dir);
}

int
main (int   argc,
      char *argv[])
{
  Branch *branch = g_new0 (Branch, 1);
  int status;

  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/stats/empty-branch", test_empty_branch);
  g_test_add_func ("/stats/archived-and-transferred", test_archived_and_transferred);
  g_test_add_func ("/stats/dues", test_dues);
  g_test_add_func ("/stats/recruitment", test_recruitment);
  g_test_add_func ("/stats/age-bands", test_age_bands);
  g_test_add_func ("/stats/async", test_async);
  g_test_add_func ("/stats/cli", test_cli);
  g_test_add_func ("/stats/finalised-only", test_finalised_only);
  /* One generated branch for the tests that read it. */
  g_test_add_data_func ("/stats/generated/agrees-and-fast", branch, test_generated_branch);
  g_test_add_data_func ("/stats/generated/year-without-meetings", branch,
                        test_year_without_meetings);

  status = g_test_run ();
  branch_free (branch);
  return status;
}
