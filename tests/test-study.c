#define G_LOG_DOMAIN "test-study"

#include "config.h"

#include <locale.h>
#include <string.h>

#include <json-glib/json-glib.h>

#include "zb-error.h"
#include "zb-points.h"
#include "zb-store-private.h"
#include "zb-test-util.h"

/* Study records and the yearly points table (issue 12): the rules of
 * zb-points.c one by one and with the cap, the store's rows and CHECKs,
 * and the CLI. */

static ZbStudy *
study (const char  *date,
       ZbStudyKind  kind,
       gint64       minutes)
{
  ZbStudy *s = zb_study_new ();

  zb_study_set_member_id (s, "m1");
  zb_study_set_date (s, date);
  zb_study_set_title (s, "学习《中国共产党章程》");
  zb_study_set_kind (s, kind);
  zb_study_set_minutes (s, minutes);
  if (kind == ZB_STUDY_MEETING)
    zb_study_set_meeting_id (s, "g1");
  return s;
}

static ZbPointsRules
rules_of (gint64 meeting,
          gint64 study_hour,
          gint64 lecture,
          gint64 volunteer_hour,
          gint64 cap)
{
  ZbPointsRules rules = { meeting, study_hour, lecture, volunteer_hour, cap };

  return rules;
}

/* Each rule alone: attendance, study hours (self and in meetings, summed
 * over the year by the minute, rounded down to the tenth), lectures,
 * volunteer hours; other years left out. */
static void
test_each_rule (void)
{
  g_autoptr(GPtrArray) studies = g_ptr_array_new_with_free_func (g_object_unref);
  ZbPointsRules rules;
  ZbPoints p;

  g_ptr_array_add (studies, study ("2026-03-01", ZB_STUDY_SELF, 45));
  g_ptr_array_add (studies, study ("2026-04-01", ZB_STUDY_MEETING, 50));
  g_ptr_array_add (studies, study ("2026-05-01", ZB_STUDY_LECTURE, 90));
  g_ptr_array_add (studies, study ("2026-06-01", ZB_STUDY_LECTURE, 60));
  g_ptr_array_add (studies, study ("2026-07-01", ZB_STUDY_VOLUNTEER, 150));
  g_ptr_array_add (studies, study ("2025-12-31", ZB_STUDY_SELF, 600));
  g_ptr_array_add (studies, study ("2027-01-01", ZB_STUDY_VOLUNTEER, 600));

  rules = rules_of (20, 0, 0, 0, 0);
  zb_points_reckon (&rules, 2026, studies, 7, &p);
  g_assert_cmpuint (p.meetings, ==, 7);
  g_assert_cmpint (p.meeting_tenths, ==, 140);
  g_assert_cmpint (p.study_tenths + p.lecture_tenths + p.volunteer_tenths, ==, 0);
  g_assert_cmpint (p.total_tenths, ==, 140);

  /* 95 minutes at 1 point an hour: 1.58, counted 1.5. */
  rules = rules_of (0, 10, 0, 0, 0);
  zb_points_reckon (&rules, 2026, studies, 7, &p);
  g_assert_cmpint (p.study_minutes, ==, 95);
  g_assert_cmpint (p.study_tenths, ==, 15);
  g_assert_cmpint (p.total_tenths, ==, 15);

  rules = rules_of (0, 0, 50, 0, 0);
  zb_points_reckon (&rules, 2026, studies, 7, &p);
  g_assert_cmpuint (p.lectures, ==, 2);
  g_assert_cmpint (p.lecture_tenths, ==, 100);
  g_assert_cmpint (p.total_tenths, ==, 100);

  /* 150 minutes at 0.5 a point an hour: 1.25, counted 1.2. */
  rules = rules_of (0, 0, 0, 5, 0);
  zb_points_reckon (&rules, 2026, studies, 7, &p);
  g_assert_cmpint (p.volunteer_minutes, ==, 150);
  g_assert_cmpint (p.volunteer_tenths, ==, 12);
  g_assert_cmpint (p.total_tenths, ==, 12);

  rules = rules_of (20, 10, 50, 5, 0);
  zb_points_reckon (&rules, 2026, studies, 7, &p);
  g_assert_cmpint (p.total_tenths, ==, 140 + 15 + 100 + 12);
  g_assert_false (p.capped);

  zb_points_reckon (&rules, 2026, NULL, 0, &p);
  g_assert_cmpint (p.total_tenths, ==, 0);
}

/* The cap holds the total, not the sources; at the cap exactly it is not
 * "capped". */
static void
test_cap (void)
{
  g_autoptr(GPtrArray) studies = g_ptr_array_new_with_free_func (g_object_unref);
  ZbPointsRules rules = rules_of (10, 10, 0, 0, 120);
  ZbPoints p;

  g_ptr_array_add (studies, study ("2026-03-01", ZB_STUDY_SELF, 120));
  zb_points_reckon (&rules, 2026, studies, 10, &p);
  g_assert_cmpint (p.meeting_tenths + p.study_tenths, ==, 120);
  g_assert_cmpint (p.total_tenths, ==, 120);
  g_assert_false (p.capped);

  zb_points_reckon (&rules, 2026, studies, 11, &p);
  g_assert_cmpint (p.meeting_tenths, ==, 110);
  g_assert_cmpint (p.study_tenths, ==, 20);
  g_assert_cmpint (p.total_tenths, ==, 120);
  g_assert_true (p.capped);

  rules.cap = 0;
  zb_points_reckon (&rules, 2026, studies, 11, &p);
  g_assert_cmpint (p.total_tenths, ==, 130);
  g_assert_false (p.capped);
}

/* KEY=VALUE as the CLI takes it: whole points or one decimal, in range. */
static void
test_rules_set (void)
{
  ZbPointsRules rules;
  const char *bad[][2] = {
    { "meeting", "1.25" }, { "meeting", "-1" }, { "meeting", "1,5" }, { "meeting", "" },
    { "meeting", ".5" }, { "meeting", "5." }, { "meeting", "1001" }, { "cap", "100001" },
    { "meeting", "1e3" }, { "meeting", "99999999999999999999" }, { "attendance", "1" },
  };

  zb_points_rules_default (&rules);
  for (guint i = 0; zb_points_rule_keys ()[i] != NULL; i++)
    g_assert_cmpint (zb_points_rules_get (&rules, zb_points_rule_keys ()[i]), >=, 0);

  g_assert_true (zb_points_rules_set (&rules, "meeting", "1.5", NULL));
  g_assert_cmpint (rules.meeting, ==, 15);
  g_assert_true (zb_points_rules_set (&rules, "study-hour", "2", NULL));
  g_assert_cmpint (rules.study_hour, ==, 20);
  g_assert_true (zb_points_rules_set (&rules, "volunteer-hour", "0.5", NULL));
  g_assert_cmpint (rules.volunteer_hour, ==, 5);
  g_assert_true (zb_points_rules_set (&rules, "cap", "100", NULL));
  g_assert_cmpint (rules.cap, ==, 1000);
  g_assert_true (zb_points_rules_set (&rules, "lecture", "1000", NULL));
  g_assert_cmpint (rules.lecture, ==, 10000);

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(GError) error = NULL;
      ZbPointsRules before = rules;

      g_test_message ("%s=%s", bad[i][0], bad[i][1]);
      g_assert_false (zb_points_rules_set (&rules, bad[i][0], bad[i][1], &error));
      g_assert_error (error, ZB_MEMBER_ERROR, ZB_MEMBER_ERROR_INVALID);
      g_assert_true (memcmp (&before, &rules, sizeof rules) == 0);
    }
}

static void
test_format (void)
{
  const struct { gint64 tenths; const char *text; } cases[] = {
    { 0, "0" }, { 5, "0.5" }, { 10, "1" }, { 15, "1.5" }, { 1234, "123.4" }, { 1000000, "100000" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *text = zb_points_format (cases[i].tenths);

      g_assert_cmpstr (text, ==, cases[i].text);
    }
}

/* A record's own fields, each refusal naming its field. */
static void
test_study_check (void)
{
  g_autoptr(ZbStudy) good = study ("2026-03-01", ZB_STUDY_SELF, 60);
  g_autoptr(GError) error = NULL;

  g_assert_true (zb_study_check (good, &error));
  g_assert_no_error (error);
}

static void
assert_study_refused (ZbStudy    *s,
                      const char *field)
{
  g_autoptr(GError) error = NULL;

  g_assert_false (zb_study_check (s, &error));
  g_assert_error (error, ZB_MEMBER_ERROR, ZB_MEMBER_ERROR_INVALID);
  g_test_message ("%s", error->message);
  g_assert_true (g_str_has_prefix (error->message, field));
}

static void
test_study_refused (void)
{
  g_autoptr(ZbStudy) s = NULL;
  g_autofree char *long_title = NULL;

  s = study ("2026-03-01", ZB_STUDY_SELF, 0);
  assert_study_refused (s, "Minutes:");
  zb_study_set_minutes (s, 1441);
  assert_study_refused (s, "Minutes:");
  zb_study_set_minutes (s, 1440);
  g_assert_true (zb_study_check (s, NULL));

  zb_study_set_date (s, "2026-02-30");
  assert_study_refused (s, "Date of study:");
  zb_study_set_date (s, "2999-01-01");
  assert_study_refused (s, "Date of study:");
  zb_study_set_date (s, NULL);
  assert_study_refused (s, "Date:");
  zb_study_set_date (s, "2026-03-01");

  zb_study_set_title (s, "  ");
  assert_study_refused (s, "Title:");
  long_title = g_strnfill (101, 'x');
  zb_study_set_title (s, long_title);
  assert_study_refused (s, "What was studied:");
  zb_study_set_title (s, "学习");

  zb_study_set_meeting_id (s, "g1");
  assert_study_refused (s, "Meeting:");
  zb_study_set_kind (s, ZB_STUDY_VOLUNTEER);
  assert_study_refused (s, "Meeting:");
  zb_study_set_kind (s, ZB_STUDY_LECTURE);
  g_assert_true (zb_study_check (s, NULL));
  zb_study_set_kind (s, ZB_STUDY_MEETING);
  g_assert_true (zb_study_check (s, NULL));
  zb_study_set_meeting_id (s, NULL);
  assert_study_refused (s, "Meeting:");

  zb_study_set_kind (s, ZB_STUDY_SELF);
  zb_study_set_member_id (s, NULL);
  assert_study_refused (s, "Member:");
}

typedef struct
{
  char    *dir;
  ZbStore *store;
} StoreFixture;

static char *
add_member (ZbStore    *store,
            const char *name,
            const char *category,
            guint       serial)
{
  g_autofree char *idn = zb_test_id_number ("1990-04-05", serial % 2, serial);
  g_autoptr(ZbMember) member = zb_test_member (name, idn, category);
  g_autoptr(GError) error = NULL;
  char *id;

  if (g_str_equal (category, "full") || g_str_equal (category, "probationary"))
    zb_member_set (member, ZB_MEMBER_FIELD_JOINED_DATE, "2015-07-01");
  if (g_str_equal (category, "full"))
    zb_member_set (member, ZB_MEMBER_FIELD_FULL_DATE, "2016-07-01");
  id = zb_store_add_member (store, member, &error);
  g_assert_no_error (error);
  return id;
}

static void
store_set_up (StoreFixture  *f,
              gconstpointer  data)
{
  f->dir = zb_test_make_dir ();
  f->store = zb_test_new_store (f->dir, "branch.zhibu");
}

static void
store_tear_down (StoreFixture  *f,
                 gconstpointer  data)
{
  g_clear_object (&f->store);
  zb_test_remove_dir (f->dir);
  g_free (f->dir);
}

static char *
add_study (ZbStore     *store,
           const char  *member,
           const char  *date,
           ZbStudyKind  kind,
           gint64       minutes,
           const char  *meeting)
{
  g_autoptr(ZbStudy) s = study (date, kind, minutes);
  g_autoptr(GError) error = NULL;
  char *id;

  zb_study_set_member_id (s, member);
  zb_study_set_meeting_id (s, meeting);
  id = zb_store_add_study (store, s, &error);
  g_assert_no_error (error);
  g_assert_nonnull (id);
  return id;
}

static void
assert_store_refused (ZbStore    *store,
                      ZbStudy    *s,
                      const char *field)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *id = zb_store_add_study (store, s, &error);

  g_assert_null (id);
  g_assert_nonnull (error);
  g_test_message ("%s", error->message);
  g_assert_true (g_str_has_prefix (error->message, field));
  g_assert_null (zb_study_get_id (s));
}

static void
set_attendance (ZbStore    *store,
                const char *meeting,
                const char *member,
                const char *state)
{
  g_autoptr(GError) error = NULL;

  zb_store_set_attendance (store, meeting, member, state, g_str_equal (state, "present")
                           ? NULL : "出差", &error);
  g_assert_no_error (error);
}

/* Records in, listed and removed; a meeting named must be a meeting of
 * 三会一课 or a 主题党日 on the record's day; the synced row is queued. */
static void
test_store_studies (StoreFixture  *f,
                    gconstpointer  data)
{
  g_autofree char *zhang = add_member (f->store, "张伟", "full", 1);
  g_autofree char *li = add_member (f->store, "李娜", "full", 2);
  g_autofree char *day = zb_test_add_meeting (f->store, "theme-day", "2026-03-05", "主题党日",
                                              NULL);
  g_autofree char *life = zb_test_add_meeting (f->store, "life-meeting", "2026-03-06",
                                               "组织生活会", NULL);
  g_autofree char *a = add_study (f->store, zhang, "2026-03-01", ZB_STUDY_SELF, 60, NULL);
  g_autofree char *b = add_study (f->store, li, "2026-03-05", ZB_STUDY_MEETING, 90, day);
  g_autofree char *c = add_study (f->store, li, "2025-11-05", ZB_STUDY_VOLUNTEER, 120, NULL);
  g_autoptr(ZbStudy) s = study ("2026-03-04", ZB_STUDY_MEETING, 60);
  g_autoptr(GListModel) all = NULL, of_li = NULL, of_2026 = NULL, after = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(ZbStudy) first = NULL;

  all = zb_store_list_studies (f->store, NULL, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (all), ==, 3);
  first = g_list_model_get_item (all, 0);
  g_assert_cmpstr (zb_study_get_id (first), ==, c);
  g_assert_cmpstr (zb_study_get_member_name (first), ==, "李娜");
  g_assert_cmpint (zb_study_get_kind (first), ==, ZB_STUDY_VOLUNTEER);
  g_assert_cmpint (zb_study_get_minutes (first), ==, 120);
  of_li = zb_store_list_studies (f->store, li, 0, &error);
  g_assert_cmpuint (g_list_model_get_n_items (of_li), ==, 2);
  of_2026 = zb_store_list_studies (f->store, NULL, 2026, &error);
  g_assert_cmpuint (g_list_model_get_n_items (of_2026), ==, 2);
  g_assert_cmpint (zb_test_sql_int (f->store, "SELECT count(*) FROM sync_outbox WHERE "
                                              "table_name = 'study_records' AND op = 'insert'"),
                   ==, 3);

  zb_study_set_member_id (s, li);
  zb_study_set_meeting_id (s, day);
  assert_store_refused (f->store, s, "Date:");
  zb_study_set_date (s, "2026-03-06");
  zb_study_set_meeting_id (s, life);
  assert_store_refused (f->store, s, "Meeting:");
  zb_study_set_meeting_id (s, "nonexistent");
  assert_store_refused (f->store, s, "Meeting:");
  zb_study_set_kind (s, ZB_STUDY_LECTURE);
  zb_study_set_meeting_id (s, life);
  assert_store_refused (f->store, s, "Meeting:");
  zb_study_set_kind (s, ZB_STUDY_SELF);
  zb_study_set_meeting_id (s, NULL);
  zb_study_set_member_id (s, "nobody");
  assert_store_refused (f->store, s, "Member:");

  g_assert_true (zb_store_remove_study (f->store, a, &error));
  g_assert_no_error (error);
  g_assert_false (zb_store_remove_study (f->store, a, &error));
  g_assert_error (error, ZB_MEMBER_ERROR, ZB_MEMBER_ERROR_NOT_FOUND);
  after = zb_store_list_studies (f->store, NULL, 0, NULL);
  g_assert_cmpuint (g_list_model_get_n_items (after), ==, 2);
  g_assert_cmpint (zb_test_sql_int (f->store, "SELECT count(*) FROM sync_outbox WHERE "
                                              "table_name = 'study_records' AND op = 'delete'"),
                   ==, 1);
}

/* The rule set: the defaults until set, one row however often it is set,
 * the cap kept as NULL for none, refused out of range. */
static void
test_store_rules (StoreFixture  *f,
                  gconstpointer  data)
{
  ZbPointsRules rules, read, defaults;
  g_autoptr(GError) error = NULL;

  zb_points_rules_default (&defaults);
  g_assert_true (zb_store_get_points_rules (f->store, &read, &error));
  g_assert_true (memcmp (&read, &defaults, sizeof read) == 0);

  rules = rules_of (20, 15, 100, 5, 500);
  g_assert_true (zb_store_set_points_rules (f->store, &rules, &error));
  g_assert_no_error (error);
  g_assert_true (zb_store_get_points_rules (f->store, &read, &error));
  g_assert_true (memcmp (&read, &rules, sizeof read) == 0);

  rules.cap = 0;
  zb_store_set_points_rules (f->store, &rules, &error);
  g_assert_no_error (error);
  g_assert_true (zb_store_get_points_rules (f->store, &read, &error));
  g_assert_cmpint (read.cap, ==, 0);
  g_assert_cmpint (zb_test_sql_int (f->store, "SELECT count(*) FROM branch_settings"), ==, 1);
  g_assert_cmpint (zb_test_sql_int (f->store, "SELECT points_yearly_cap IS NULL FROM "
                                              "branch_settings"), ==, 1);
  g_assert_cmpint (zb_test_sql_int (f->store, "SELECT count(*) FROM sync_outbox WHERE "
                                              "table_name = 'branch_settings'"), ==, 2);

  /* A second row, as when two PCs each set the rules before they synced:
   * the smaller ID is read, and the next setting leaves it alone live. */
  zb_test_sql_exec (f->store, "UPDATE branch_settings SET id = 'm-row';"
                              "INSERT INTO branch_settings (id, points_meeting, "
                              "points_study_hour, points_lecture, points_volunteer_hour) "
                              "VALUES ('a-row', 30, 10, 50, 10)");
  g_assert_true (zb_store_get_points_rules (f->store, &read, &error));
  g_assert_cmpint (read.meeting, ==, 30);
  rules.meeting = 25;
  g_assert_true (zb_store_set_points_rules (f->store, &rules, &error));
  g_assert_no_error (error);
  g_assert_cmpint (zb_test_sql_int (f->store, "SELECT count(*) FROM branch_settings WHERE "
                                              "deleted = 0 AND id = 'a-row' AND "
                                              "points_meeting = 25"), ==, 1);
  g_assert_cmpint (zb_test_sql_int (f->store, "SELECT deleted FROM branch_settings WHERE "
                                              "id = 'm-row'"), ==, 1);

  rules.meeting = -1;
  g_assert_false (zb_store_set_points_rules (f->store, &rules, &error));
  g_assert_error (error, ZB_MEMBER_ERROR, ZB_MEMBER_ERROR_INVALID);
  g_assert_true (zb_store_get_points_rules (f->store, &read, NULL));
  g_assert_cmpint (read.meeting, ==, 25);
}

/* The yearly table from the store: attendance (present only, the year's
 * meetings only), records of the year, the cap; members in pinyin order,
 * an applicant only when they have points. */
static void
test_store_points (StoreFixture  *f,
                   gconstpointer  data)
{
  g_autofree char *zhang = add_member (f->store, "张伟", "full", 1);
  g_autofree char *wang = add_member (f->store, "王芳", "probationary", 2);
  g_autofree char *li = add_member (f->store, "李娜", "full", 3);
  g_autofree char *zhao = add_member (f->store, "赵磊", "applicant", 4);
  g_autofree char *m1 = zb_test_add_meeting (f->store, "general", "2026-03-05", "党员大会",
                                             NULL);
  g_autofree char *m2 = zb_test_add_meeting (f->store, "lecture", "2026-06-05", "专题党课",
                                             NULL);
  g_autofree char *m0 = zb_test_add_meeting (f->store, "general", "2025-12-05", "党员大会",
                                             NULL);
  ZbPointsRules rules = rules_of (10, 10, 50, 5, 60);
  g_autoptr(GListModel) lines = NULL;
  g_autoptr(GError) error = NULL;
  const char *names[] = { "李娜", "王芳", "张伟" };
  const gint64 totals[] = { 15, 60, 20 };

  set_attendance (f->store, m1, zhang, "present");
  set_attendance (f->store, m2, zhang, "present");
  set_attendance (f->store, m0, zhang, "present");
  set_attendance (f->store, m1, li, "leave");
  set_attendance (f->store, m2, li, "present");
  g_free (add_study (f->store, li, "2026-06-05", ZB_STUDY_MEETING, 30, m2));
  g_free (add_study (f->store, wang, "2026-07-01", ZB_STUDY_LECTURE, 60, NULL));
  g_free (add_study (f->store, wang, "2026-08-01", ZB_STUDY_VOLUNTEER, 240, NULL));
  g_assert_true (zb_store_set_points_rules (f->store, &rules, &error));

  lines = zb_store_points (f->store, 2026, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (lines), ==, 3);
  for (guint i = 0; i < 3; i++)
    {
      g_autoptr(ZbPointsLine) line = g_list_model_get_item (lines, i);

      g_assert_cmpstr (zb_points_line_get_name (line), ==, names[i]);
      g_assert_cmpint (zb_points_line_get_points (line)->total_tenths, ==, totals[i]);
    }
  {
    g_autoptr(ZbPointsLine) wang_line = g_list_model_get_item (lines, 1);
    const ZbPoints *p = zb_points_line_get_points (wang_line);

    g_assert_cmpint (p->lecture_tenths, ==, 50);
    g_assert_cmpint (p->volunteer_tenths, ==, 20);
    g_assert_true (p->capped);
  }

  g_free (add_study (f->store, zhao, "2026-01-10", ZB_STUDY_SELF, 60, NULL));
  g_clear_object (&lines);
  lines = zb_store_points (f->store, 2026, &error);
  g_assert_cmpuint (g_list_model_get_n_items (lines), ==, 4);
}

/* The CLI on a branch of its own (zb-test-util.c). */
typedef ZbTestCliBranch CliFixture;

#define cli_ok(f, ...) zb_test_cli_ok (f, __VA_ARGS__)

static void
cli_set_up (CliFixture    *f,
            gconstpointer  data)
{
  zb_test_cli_branch_set_up (f);
}

static void
cli_tear_down (CliFixture    *f,
               gconstpointer  data)
{
  zb_test_cli_branch_tear_down (f);
}

static char *
cli_id (CliFixture *f,
        const char *first,
        ...) G_GNUC_NULL_TERMINATED;

static char *
cli_id (CliFixture *f,
        const char *first,
        ...)
{
  g_auto(ZbTestRun) run = { 0 };
  va_list args;

  va_start (args, first);
  zb_test_cli_run_va (&run, f->db, f->passphrase_file, first, args);
  va_end (args);
  g_test_message ("%s%s", run.out, run.err);
  g_assert_cmpint (run.status, ==, 0);
  return g_strchomp (g_steal_pointer (&run.out));
}

static void
cli_refused (CliFixture *f,
             int         status,
             const char *expected,
             const char *first,
             ...) G_GNUC_NULL_TERMINATED;

/* A refusal: its exit status, one line on stderr naming @expected. */
static void
cli_refused (CliFixture *f,
             int         status,
             const char *expected,
             const char *first,
             ...)
{
  g_auto(ZbTestRun) run = { 0 };
  va_list args;

  va_start (args, first);
  zb_test_cli_run_va (&run, f->db, f->passphrase_file, first, args);
  va_end (args);
  g_test_message ("%s", run.err);
  g_assert_cmpint (run.status, ==, status);
  g_assert_nonnull (strstr (run.err, expected));
  g_assert_cmpstr (run.out, ==, "");
}

static char *
cli_member (CliFixture *f,
            const char *name,
            guint       serial)
{
  g_autofree char *idn = zb_test_id_number ("1990-04-05", serial % 2, serial);

  return cli_id (f, "member", "add", "--name", name, "--id-number", idn, "--sex",
                 serial % 2 ? "M" : "F", "--birth", "1990-04-05", "--category", "full",
                 "--joined", "2015-07-01", "--full-date", "2016-07-01", NULL);
}

/* The branch of the CLI tests: 张伟, 王芳 and 李娜, a themed party day on
 * 2026-03-05 that 张伟 and 李娜 attended, and records of each kind. */
static void
cli_branch (CliFixture  *f,
            char       **ids)
{
  g_autofree char *day = NULL;
  g_autofree char *out = NULL;

  ids[0] = cli_member (f, "张伟", 1);
  ids[1] = cli_member (f, "王芳", 2);
  ids[2] = cli_member (f, "李娜", 3);
  day = cli_id (f, "meeting", "add", "--type", "theme-day", "--date", "2026-03-05", "--title",
                "主题党日", NULL);
  g_free (cli_ok (f, "meeting", "attend", day, ids[0], "present", NULL));
  g_free (cli_ok (f, "meeting", "attend", day, ids[2], "present", NULL));
  g_free (cli_ok (f, "meeting", "attend", day, ids[1], "leave", "--reason", "出差", NULL));
  g_free (cli_id (f, "study", "add", ids[0], "--date", "2026-03-05", "--title", "学习党章",
                  "--minutes", "90", "--kind", "meeting", "--meeting", day, "--material",
                  "《中国共产党章程》", NULL));
  g_free (cli_id (f, "study", "add", ids[1], "--date", "2026-04-01", "--title", "自学《求是》",
                  "--minutes", "45", NULL));
  g_free (cli_id (f, "study", "add", ids[1], "--date", "2026-05-01", "--title", "专题党课",
                  "--minutes", "60", "--kind", "lecture", NULL));
  g_free (cli_id (f, "study", "add", ids[2], "--date", "2026-06-01", "--title", "社区服务",
                  "--minutes", "150", "--kind", "volunteer", NULL));
  g_free (cli_id (f, "study", "add", ids[2], "--date", "2025-06-01", "--title", "社区服务",
                  "--minutes", "600", "--kind", "volunteer", NULL));
}

/* study add and list in the three formats; points rules set and read back;
 * points --year in pinyin order (李 before 王 before 张), by source and in
 * all, with the cap. */
static void
test_cli_study_points (CliFixture    *f,
                       gconstpointer  data)
{
  char *ids[3] = { NULL };
  g_autofree char *csv = NULL, *json = NULL, *table = NULL, *rules = NULL, *points = NULL;
  g_autofree char *expected = NULL, *mine = NULL, *after = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_auto(GStrv) lines = NULL;

  cli_branch (f, ids);
  csv = cli_ok (f, "study", "list", "--year", "2026", "--format", "csv", NULL);
  lines = g_strsplit (csv, "\r\n", -1);
  g_assert_cmpstr (lines[0], ==, "id,member_id,name,date,kind,title,minutes,meeting_id,material");
  g_assert_cmpuint (g_strv_length (lines), ==, 6);
  g_assert_nonnull (strstr (lines[1], ",张伟,2026-03-05,meeting,学习党章,90,"));
  g_assert_true (g_str_has_suffix (lines[1], ",《中国共产党章程》"));
  g_assert_nonnull (strstr (lines[4], ",李娜,2026-06-01,volunteer,社区服务,150,,"));

  json = cli_ok (f, "study", "list", "--member", ids[2], "--format", "json", NULL);
  g_assert_true (json_parser_load_from_data (parser, json, -1, NULL));
  g_assert_cmpuint (json_array_get_length (json_node_get_array (json_parser_get_root (parser))),
                    ==, 2);
  table = cli_ok (f, "study", "list", NULL);
  g_assert_nonnull (strstr (table, "自学《求是》"));

  rules = cli_ok (f, "points", "rules", NULL);
  g_assert_cmpstr (rules, ==, "meeting=1\nstudy-hour=1\nlecture=5\nvolunteer-hour=1\ncap=0\n");
  g_free (rules);
  rules = cli_ok (f, "points", "rules", "--set", "meeting=2", "--set", "volunteer-hour=0.5",
                  "--set", "cap=6", NULL);
  g_assert_cmpstr (rules, ==, "meeting=2\nstudy-hour=1\nlecture=5\nvolunteer-hour=0.5\ncap=6\n");

  /* 李娜: 1 meeting (2) and 150 minutes of service (1.25, counted 1.2);
   * 王芳: on leave (0), 45 minutes (0.7) and a lecture (5); 张伟: 1 meeting
   * (2) and 90 minutes in it (1.5). */
  points = cli_ok (f, "points", "--year", "2026", "--format", "csv", NULL);
  expected = g_strdup_printf ("member_id,name,meetings,meeting_points,study_minutes,study_points,"
                              "lectures,lecture_points,volunteer_minutes,volunteer_points,total,"
                              "capped\r\n"
                              "%s,李娜,1,2,0,0,0,0,150,1.2,3.2,no\r\n"
                              "%s,王芳,0,0,45,0.7,1,5,0,0,5.7,no\r\n"
                              "%s,张伟,1,2,90,1.5,0,0,0,0,3.5,no\r\n", ids[2], ids[1], ids[0]);
  g_assert_cmpstr (points, ==, expected);

  g_free (cli_ok (f, "points", "rules", "--set", "cap=3", NULL));
  after = cli_ok (f, "points", "--year", "2026", "--format", "csv", NULL);
  mine = g_strdup_printf ("%s,王芳,0,0,45,0.7,1,5,0,0,3,yes\r\n", ids[1]);
  g_assert_nonnull (strstr (after, mine));

  for (guint i = 0; i < 3; i++)
    g_free (ids[i]);
}

/* Each refusal exits 1 naming its field, each misuse 2, and nothing is
 * stored. */
static void
test_cli_study_errors (CliFixture    *f,
                       gconstpointer  data)
{
  g_autofree char *m = cli_member (f, "张伟", 1);
  g_autofree char *list = NULL;

  cli_refused (f, 1, "--minutes:", "study", "add", m, "--date", "2026-03-01", "--title", "学习",
               "--minutes", "1.5", NULL);
  cli_refused (f, 1, "--minutes:", "study", "add", m, "--date", "2026-03-01", "--title", "学习",
               "--minutes", "0", NULL);
  cli_refused (f, 1, "--date:", "study", "add", m, "--date", "2026-02-30", "--title", "学习",
               "--minutes", "60", NULL);
  cli_refused (f, 1, "Meeting:", "study", "add", m, "--date", "2026-03-01", "--title", "学习",
               "--minutes", "60", "--kind", "meeting", NULL);
  cli_refused (f, 1, "Member:", "study", "add", "nobody", "--date", "2026-03-01", "--title",
               "学习", "--minutes", "60", NULL);
  cli_refused (f, 2, "--kind:", "study", "add", m, "--date", "2026-03-01", "--title", "学习",
               "--minutes", "60", "--kind", "reading", NULL);
  cli_refused (f, 2, "usage:", "study", "add", m, "--date", "2026-03-01", "--minutes", "60",
               NULL);
  cli_refused (f, 2, "unknown format", "study", "list", "--format", "xml", NULL);
  cli_refused (f, 2, "usage:", "points", NULL);
  cli_refused (f, 1, "Points rules:", "points", "rules", "--set", "meeting=1.25", NULL);
  cli_refused (f, 1, "Points rules:", "points", "rules", "--set", "attendance=1", NULL);
  cli_refused (f, 1, "Yearly cap:", "points", "rules", "--set", "cap=100001", NULL);
  cli_refused (f, 2, "usage:", "points", "rules", "--set", "meeting", NULL);
  cli_refused (f, 1, "No study record", "study", "remove", "nothing", NULL);

  list = cli_ok (f, "study", "list", "--format", "csv", NULL);
  g_assert_cmpstr (list, ==, "id,member_id,name,date,kind,title,minutes,meeting_id,material\r\n");
}

/* Page 1 as PNG among the test's screenshots, to be looked at. */
static void
keep_page_png (const char *pdf,
               const char *name)
{
  const char *shots = g_getenv ("ZHIBU_SCREENSHOT_DIR");
  g_autofree char *out_dir = NULL, *prefix = NULL;
  g_autoptr(GError) error = NULL;
  int status = 0;

  if (shots == NULL)
    return;
  out_dir = g_build_filename (shots, "pdf", NULL);
  prefix = g_build_filename (out_dir, name, NULL);
  g_mkdir_with_parents (out_dir, 0755);
  g_spawn_sync (NULL, (char *[]) { "pdftoppm", "-png", "-r", "60", "-f", "1", "-l", "1",
                                   "-singlefile", (char *) pdf, prefix, NULL },
                NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, NULL, NULL, &status, &error);
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
}

/* render points --year Y: the table in pinyin order with each source's
 * points, the total at the cap marked, and the rule set it was counted
 * by; in C and in zh_CN as the secretary prints it. */
static void
test_cli_render_points (CliFixture    *f,
                        gconstpointer  data)
{
  char *ids[3] = { NULL };
  g_autofree char *pdf = g_build_filename (f->dir, "points.pdf", NULL);
  g_autofree char *pdf_zh = g_build_filename (f->dir, "points-zh.pdf", NULL);
  g_autofree char *text = NULL, *text_zh = NULL;
  g_auto(GStrv) zh = g_environ_setenv (g_environ_setenv (g_get_environ (), "LANGUAGE", "zh_CN",
                                                         TRUE),
                                       "LC_ALL", "zh_CN.UTF-8", TRUE);
  g_auto(ZbTestRun) run_zh = { 0 };
  const char *li, *wang, *zhang;

  cli_branch (f, ids);
  g_free (cli_ok (f, "points", "rules", "--set", "meeting=2", "--set", "cap=5", NULL));
  g_free (cli_ok (f, "render", "points", "--year", "2026", "-o", pdf, NULL));
  text = zb_test_pdf_text (pdf);
  g_test_message ("%s", text);
  g_assert_nonnull (strstr (text, "PointsofPartymembers,2026"));
  g_assert_nonnull (strstr (text, "第一党支部"));
  g_assert_nonnull (strstr (text, "Numberofmembers：3members"));
  g_assert_nonnull (strstr (text, "Yearlycapofpoints：5"));
  li = strstr (text, "李娜");
  wang = strstr (text, "王芳");
  zhang = strstr (text, "张伟");
  g_assert_true (li != NULL && wang != NULL && zhang != NULL && li < wang && wang < zhang);
  g_assert_nonnull (strstr (text, "李娜1200001502.54.5"));
  g_assert_nonnull (strstr (text, "王芳00450.715005(atthecap)"));
  g_assert_nonnull (strstr (text, "张伟12901.500003.5"));
  g_assert_nonnull (strstr (text, "Countedat2pointspermeetingattended"));
  g_assert_nonnull (strstr (text, "Amemberearnsatmost5pointsayear."));
  zb_test_keep_artifact (pdf, "points.pdf");
  keep_page_png (pdf, "points-C");

  zb_test_cli_run_env (&run_zh, zh, f->db, "--passphrase-file", f->passphrase_file, "render",
                       "points", "--year", "2026", "-o", pdf_zh, NULL);
  g_assert_cmpstr (run_zh.err, ==, "");
  g_assert_cmpint (run_zh.status, ==, 0);
  text_zh = zb_test_pdf_text (pdf_zh);
  g_test_message ("%s", text_zh);
  g_assert_nonnull (strstr (text_zh, "2026年度党员积分统计表"));
  g_assert_nonnull (strstr (text_zh, "总积分"));
  g_assert_nonnull (strstr (text_zh, "王芳00450.715005（已达上限）"));
  zb_test_keep_artifact (pdf_zh, "points-zh_CN.pdf");
  keep_page_png (pdf_zh, "points-zh_CN");

  for (guint i = 0; i < 3; i++)
    g_free (ids[i]);
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/study/points/each-rule", test_each_rule);
  g_test_add_func ("/study/points/cap", test_cap);
  g_test_add_func ("/study/points/rules-set", test_rules_set);
  g_test_add_func ("/study/points/format", test_format);
  g_test_add_func ("/study/check", test_study_check);
  g_test_add_func ("/study/refused", test_study_refused);
#define ADD_STORE(path, func) \
  g_test_add ("/study/store/" path, StoreFixture, NULL, store_set_up, func, store_tear_down)
  ADD_STORE ("studies", test_store_studies);
  ADD_STORE ("rules", test_store_rules);
  ADD_STORE ("points", test_store_points);
#define ADD_CLI(path, func) \
  g_test_add ("/study/cli/" path, CliFixture, NULL, cli_set_up, func, cli_tear_down)
  ADD_CLI ("study-points", test_cli_study_points);
  ADD_CLI ("errors", test_cli_study_errors);
  ADD_CLI ("render-points", test_cli_render_points);

  return g_test_run ();
}
