#define G_LOG_DOMAIN "test-checker"

#include "config.h"

#include <locale.h>

#include "zb-checker.h"
#include "zb-date.h"
#include "zb-test-util.h"

typedef struct
{
  char    *dir;
  ZbStore *store;
  char    *member_a;   /* 第一党小组 */
  char    *member_b;   /* 第二党小组 */
} Fixture;

static char *
add_member (Fixture    *f,
            const char *name,
            guint       serial,
            const char *category,
            const char *joined,
            const char *group)
{
  g_autofree char *idn = zb_test_id_number ("1985-02-02", TRUE, serial);
  g_autoptr(ZbMember) m = zb_test_member (name, idn, category);
  g_autoptr(GError) error = NULL;
  char *id;

  zb_member_set (m, ZB_MEMBER_FIELD_PARTY_GROUP, group);
  if (joined != NULL)
    zb_member_set (m, ZB_MEMBER_FIELD_JOINED_DATE, joined);
  id = zb_store_add_member (f->store, m, &error);
  g_assert_no_error (error);
  return id;
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  f->dir = zb_test_make_dir ();
  f->store = zb_test_new_store (f->dir, "branch.zhibu");
  f->member_a = add_member (f, "赵一", 1, ZB_CATEGORY_FULL, NULL, "第一党小组");
  f->member_b = add_member (f, "钱二", 2, ZB_CATEGORY_FULL, NULL, "第二党小组");

  /* A committee sits, unless the test is about a branch without one. */
  if (data == NULL)
    {
      g_autoptr(GError) error = NULL;

      zb_store_add_committee_member (f->store, f->member_a, "书记", "2020-01-01", NULL, &error);
      g_assert_no_error (error);
    }
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_clear_object (&f->store);
  zb_test_remove_dir (f->dir);
  g_free (f->dir);
  g_free (f->member_a);
  g_free (f->member_b);
}

static char *
meeting (Fixture    *f,
         const char *type,
         const char *date,
         const char *group)
{
  g_autoptr(ZbFirstItem) first = zb_first_item_new ();
  g_autoptr(GError) error = NULL;
  char *id = zb_test_add_meeting (f->store, type, date, "会议", group);

  if (zb_meeting_type_lookup (type)->first_item)
    {
      zb_first_item_set_topic (first, "学习主题");
      zb_first_item_set_form (first, "领学");
      zb_first_item_set_participants (first, "全体党员");
      zb_first_item_set_proceedings (first, "领学并交流研讨");
      zb_store_set_first_item (f->store, id, first, &error);
      g_assert_no_error (error);
    }

  return id;
}

static GListModel *
check (Fixture    *f,
       const char *from,
       const char *to)
{
  ZbCheckSettings settings;
  g_autoptr(GError) error = NULL;
  GListModel *findings;

  zb_check_settings_init (&settings);
  findings = zb_store_check (f->store, from, to, &settings, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < g_list_model_get_n_items (findings); i++)
    {
      g_autoptr(ZbFinding) x = g_list_model_get_item (findings, i);
      g_test_message ("%s %s %s %s: %s", zb_finding_get_rule (x), zb_finding_get_period (x),
                      zb_finding_get_severity (x), zb_finding_get_subject (x),
                      zb_finding_get_message (x));
    }
  return findings;
}

/* The periods of the findings of @rule about @subject, comma-separated. */
static char *
periods (GListModel *findings,
         const char *rule,
         const char *subject)
{
  GString *out = g_string_new (NULL);

  for (guint i = 0; i < g_list_model_get_n_items (findings); i++)
    {
      g_autoptr(ZbFinding) x = g_list_model_get_item (findings, i);

      if (g_str_equal (zb_finding_get_rule (x), rule) &&
          g_str_equal (zb_finding_get_subject (x), subject))
        g_string_append_printf (out, "%s%s", out->len ? "," : "", zb_finding_get_period (x));
    }

  return g_string_free (out, FALSE);
}

/* The periods of the meeting-frequency findings about @group's meetings. */
static char *
group_periods (GListModel *findings,
               const char *group)
{
  GString *out = g_string_new (NULL);

  for (guint i = 0; i < g_list_model_get_n_items (findings); i++)
    {
      g_autoptr(ZbFinding) x = g_list_model_get_item (findings, i);

      if (g_str_equal (zb_finding_get_rule (x), "meeting-frequency") &&
          g_strcmp0 (zb_finding_get_party_group (x), group) == 0)
        {
          g_assert_cmpstr (zb_finding_get_subject (x), ==, "group");
          g_string_append_printf (out, "%s%s", out->len ? "," : "", zb_finding_get_period (x));
        }
    }

  return g_string_free (out, FALSE);
}

/* One committee meeting in a half year: a finding for each missing month
 * and quarter, naming it. */
static void
test_one_committee_meeting (Fixture       *f,
                            gconstpointer  data)
{
  g_autofree char *m = meeting (f, "committee", "2026-01-12", NULL);
  g_autoptr(GListModel) findings = check (f, "2026-01-01", "2026-06-30");
  g_autofree char *committee = periods (findings, "meeting-frequency", "committee");
  g_autofree char *general = periods (findings, "meeting-frequency", "general");
  g_autofree char *group = group_periods (findings, "第二党小组");
  g_autofree char *life = periods (findings, "meeting-frequency", "life-meeting");
  g_autoptr(ZbFinding) first = g_list_model_get_item (findings, 0);
  g_autofree char *label = NULL;

  g_assert_cmpstr (committee, ==, "2026-02,2026-03,2026-04,2026-05,2026-06");
  g_assert_cmpstr (general, ==, "2026-Q1,2026-Q2");
  g_assert_cmpstr (group, ==, "2026-01,2026-02,2026-03,2026-04,2026-05,2026-06");
  /* A yearly rule is judged only for years that end inside the period. */
  g_assert_cmpstr (life, ==, "");
  label = zb_date_format_period (zb_finding_get_period (first));
  g_assert_nonnull (strstr (zb_finding_get_message (first), label));
  g_assert_cmpstr (zb_finding_get_severity (first), ==, "warning");
}

/* Every monthly and quarterly meeting, for each group, each with its first
 * item: nothing to report. */
static void
test_complete_half_year (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr(GListModel) findings = NULL;

  for (guint month = 1; month <= 6; month++)
    {
      g_autofree char *date = g_strdup_printf ("2026-%02u-15", month);

      g_free (meeting (f, "committee", date, NULL));
      g_free (meeting (f, "theme-day", date, NULL));
      g_free (meeting (f, "group", date, "第一党小组"));
      g_free (meeting (f, "group", date, "第二党小组"));
      if (month % 3 == 0)
        {
          g_free (meeting (f, "general", date, NULL));
          g_free (meeting (f, "lecture", date, NULL));
        }
    }

  findings = check (f, "2026-01-01", "2026-06-30");
  g_assert_cmpuint (g_list_model_get_n_items (findings), ==, 0);

  /* The yearly rules are judged once the year is over. */
  g_clear_object (&findings);
  findings = check (f, "2026-01-01", "2026-12-31");
  {
    g_autofree char *life = periods (findings, "meeting-frequency", "life-meeting");
    g_assert_cmpstr (life, ==, "2026");
  }
}

static void
attend (Fixture    *f,
        const char *date,
        const char *state)
{
  g_autofree char *id = meeting (f, "theme-day", date, NULL);
  g_autoptr(GError) error = NULL;

  zb_store_set_attendance (f->store, id, f->member_a, state, "病假", &error);
  g_assert_no_error (error);
  zb_store_set_attendance (f->store, id, f->member_b, "present", NULL, &error);
  g_assert_no_error (error);
}

/* Unexcused absence from all organisational life: three months warn, six
 * alert; leave with a reason is excused; attending ends the run. */
static void
test_absence (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(GListModel) may = NULL, aug = NULL;
  g_autofree char *at_may = NULL, *at_aug = NULL;
  g_autoptr(ZbFinding) x = NULL;

  attend (f, "2026-01-20", "present");
  attend (f, "2026-02-20", "absent");
  attend (f, "2026-03-20", "leave");
  attend (f, "2026-04-20", "absent");
  attend (f, "2026-05-20", "absent");
  attend (f, "2026-06-20", "absent");
  attend (f, "2026-07-20", "absent");
  attend (f, "2026-08-20", "absent");

  may = check (f, "2026-05-01", "2026-05-31");
  at_may = periods (may, "absence", f->member_a);
  g_assert_cmpstr (at_may, ==, "2026-02/2026-05");

  aug = check (f, "2026-08-01", "2026-08-31");
  at_aug = periods (aug, "absence", f->member_a);
  g_assert_cmpstr (at_aug, ==, "2026-02/2026-08");
  for (guint i = 0; i < g_list_model_get_n_items (aug); i++)
    {
      g_autoptr(ZbFinding) y = g_list_model_get_item (aug, i);
      if (g_str_equal (zb_finding_get_rule (y), "absence"))
        g_set_object (&x, y);
    }
  g_assert_cmpstr (zb_finding_get_severity (x), ==, "alert");
  g_assert_nonnull (strstr (zb_finding_get_message (x), "Constitution"));
  {
    g_autofree char *b = periods (aug, "absence", f->member_b);
    g_assert_cmpstr (b, ==, "");
  }
}

/* Given no thresholds, the checker takes the branch's own from its
 * database (schema step 12): DOMAIN.md's until it sets them. */
static void
test_branch_thresholds (Fixture       *f,
                        gconstpointer  data)
{
  ZbCheckSettings settings = { 2, 3, 30 };
  g_autoptr(GError) error = NULL;
  const char *expected[] = { "warning", "alert" };

  attend (f, "2026-01-20", "present");
  attend (f, "2026-02-20", "absent");

  for (guint round = 0; round < G_N_ELEMENTS (expected); round++)
    {
      g_autoptr(GListModel) may = zb_store_check (f->store, "2026-05-01", "2026-05-31", NULL,
                                                  &error);
      g_autoptr(ZbFinding) absence = NULL;

      g_assert_no_error (error);
      for (guint i = 0; i < g_list_model_get_n_items (may); i++)
        {
          g_autoptr(ZbFinding) y = g_list_model_get_item (may, i);

          if (g_str_equal (zb_finding_get_rule (y), "absence"))
            g_set_object (&absence, y);
        }
      g_assert_nonnull (absence);
      g_assert_cmpstr (zb_finding_get_severity (absence), ==, expected[round]);
      g_assert_true (zb_store_set_check_settings (f->store, &settings, &error));
      g_assert_no_error (error);
    }
}

static void
test_probation_and_measures (Fixture       *f,
                             gconstpointer  data)
{
  g_autofree char *overdue = add_member (f, "孙三", 3, ZB_CATEGORY_PROBATIONARY, "2025-06-01",
                                         "第一党小组");
  g_autofree char *soon = add_member (f, "李四", 4, ZB_CATEGORY_PROBATIONARY, "2025-07-10",
                                      "第一党小组");
  g_autofree char *later = add_member (f, "周五", 5, ZB_CATEGORY_PROBATIONARY, "2025-12-10",
                                       "第一党小组");
  g_autofree char *m = meeting (f, "committee", "2026-03-10", NULL);
  g_autoptr(ZbMeasure) measure = zb_measure_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) findings = NULL;
  g_autofree char *measure_id = NULL;
  g_autofree char *p1 = NULL, *p2 = NULL, *p3 = NULL, *p4 = NULL;

  zb_measure_set_meeting_id (measure, m);
  zb_measure_set_text (measure, "开展专题研讨");
  zb_measure_set_due_date (measure, "2026-05-31");
  measure_id = zb_store_add_measure (f->store, measure, &error);
  g_assert_no_error (error);

  findings = check (f, "2026-06-01", "2026-06-20");
  p1 = periods (findings, "probation", overdue);
  p2 = periods (findings, "probation", soon);
  p3 = periods (findings, "probation", later);
  p4 = periods (findings, "measure-overdue", measure_id);
  g_assert_cmpstr (p1, ==, "2026-06");
  g_assert_cmpstr (p2, ==, "2026-07");
  g_assert_cmpstr (p3, ==, "");
  g_assert_cmpstr (p4, ==, "2026-05");
}

static guint
count_rule (GListModel *findings,
            const char *rule,
            const char *severity)
{
  guint n = 0;

  for (guint i = 0; i < g_list_model_get_n_items (findings); i++)
    {
      g_autoptr(ZbFinding) x = g_list_model_get_item (findings, i);

      n += g_str_equal (zb_finding_get_rule (x), rule) &&
           g_str_equal (zb_finding_get_severity (x), severity);
    }
  return n;
}

/* A branch of three full members has a secretary and no committee (the
 * Branch Regulations, chapter 6): no committee meeting is due in a year in
 * which no committee member's term runs, and one note says why. Other
 * meetings are still asked for. */
static void
test_no_committee_small (Fixture       *f,
                         gconstpointer  data)
{
  g_autofree char *third = add_member (f, "孙三", 3, ZB_CATEGORY_FULL, NULL, "第一党小组");
  g_autoptr(GListModel) findings = check (f, "2025-01-01", "2025-12-31");
  g_autofree char *committee = periods (findings, "meeting-frequency", "committee");
  g_autofree char *general = periods (findings, "meeting-frequency", "general");
  g_autofree char *note = periods (findings, "no-committee", "committee");

  g_assert_cmpstr (committee, ==, "");
  g_assert_cmpstr (general, ==, "2025-Q1,2025-Q2,2025-Q3,2025-Q4");
  g_assert_cmpstr (note, ==, "2025-01 – 2025-12");
  g_assert_cmpuint (count_rule (findings, "no-committee", "info"), ==, 1);
}

/* Seven full members and no committee entered: one finding, "no committee
 * elected", not twelve missing meetings. */
static void
test_no_committee_large (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr(GListModel) findings = NULL;
  g_autofree char *committee = NULL;

  for (guint i = 0; i < 5; i++)
    g_free (add_member (f, "党员", 10 + i, ZB_CATEGORY_FULL, NULL, "第一党小组"));
  findings = check (f, "2025-01-01", "2025-12-31");
  committee = periods (findings, "meeting-frequency", "committee");

  g_assert_cmpstr (committee, ==, "");
  g_assert_cmpuint (count_rule (findings, "no-committee", "warning"), ==, 1);
}

/* A meeting finalised, as the committee would see it (DOMAIN.md section 6). */
static char *
finalised_meeting (Fixture    *f,
                   const char *type,
                   const char *date)
{
  g_autoptr(GError) error = NULL;
  char *id = meeting (f, type, date, NULL);
  g_autoptr(ZbMeeting) m = zb_store_get_meeting (f->store, id, &error);

  g_assert_no_error (error);
  zb_meeting_set_chair_id (m, f->member_a);
  zb_meeting_set_recorder_id (m, f->member_b);
  g_assert_true (zb_store_update_meeting (f->store, m, &error));
  g_assert_no_error (error);
  g_assert_true (zb_store_finalize_meeting (f->store, id, &error));
  g_assert_no_error (error);
  return id;
}

static GListModel *
check_finalised (Fixture    *f,
                 const char *from,
                 const char *to)
{
  ZbCheckSettings settings;
  g_autoptr(GError) error = NULL;
  GListModel *findings;

  zb_check_settings_init (&settings);
  findings = zb_store_check_full (f->store, from, to, &settings, ZB_CHECK_FINALISED_ONLY, &error);
  g_assert_no_error (error);
  return findings;
}

/* DOMAIN.md section 6: the committee sees what the branch finalised. A
 * committee meeting held in January and finalised counts either way; the
 * draft of February counts for the branch, not for the committee, nor does
 * the overdue measure of that draft. */
static void
test_finalised_only (Fixture       *f,
                     gconstpointer  data)
{
  g_autofree char *january = finalised_meeting (f, "committee", "2026-01-15");
  g_autofree char *february = meeting (f, "committee", "2026-02-10", NULL);
  g_autoptr(ZbMeasure) measure = zb_measure_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *measure_id = NULL;
  g_autoptr(GListModel) all = NULL, finalised = NULL;
  g_autofree char *all_periods = NULL, *finalised_periods = NULL;

  zb_measure_set_meeting_id (measure, february);
  zb_measure_set_text (measure, "组织专题学习");
  zb_measure_set_owner (measure, "赵一");
  zb_measure_set_due_date (measure, "2026-02-20");
  measure_id = zb_store_add_measure (f->store, measure, &error);
  g_assert_no_error (error);

  all = check (f, "2026-01-01", "2026-02-28");
  finalised = check_finalised (f, "2026-01-01", "2026-02-28");
  all_periods = periods (all, "meeting-frequency", "committee");
  finalised_periods = periods (finalised, "meeting-frequency", "committee");
  g_assert_cmpstr (all_periods, ==, "");
  g_assert_cmpstr (finalised_periods, ==, "2026-02");

  g_clear_pointer (&all_periods, g_free);
  g_clear_pointer (&finalised_periods, g_free);
  all_periods = periods (all, "measure-overdue", measure_id);
  finalised_periods = periods (finalised, "measure-overdue", measure_id);
  g_assert_cmpstr (all_periods, ==, "2026-02");
  g_assert_cmpstr (finalised_periods, ==, "");
}

/* 101 characters: past ZB_LIMIT_SHORT and ZB_LIMIT_NAME. */
#define TOO_LONG "replace(hex(zeroblob(101)), '00', 'x')"

/* Values past the limits in a draft meeting and in a row of each table
 * that belongs to a meeting, as another program would leave them. */
static void
spoil_draft (Fixture    *f,
             const char *draft)
{
  g_autofree char *sql = NULL;

  sql = g_strdup_printf ("UPDATE meetings SET place = " TOO_LONG " WHERE id = '%1$s';"
                         "INSERT INTO meeting_attendees (id, meeting_id, member_id, state, "
                         "reason) VALUES ('attendee-draft', '%1$s', '%2$s', 'leave', "
                         "'出差' || char(10) || '外地');"
                         "INSERT INTO agenda_items (id, meeting_id, position, title) VALUES "
                         "('item-draft', '%1$s', 1, " TOO_LONG ");"
                         "INSERT INTO agenda_votes (id, item_id, member_id, choice, written) "
                         "VALUES ('vote-draft', 'item-draft', '%2$s', 'yes', 5);"
                         "INSERT INTO meeting_guests (id, meeting_id, name) VALUES "
                         "('guest-draft', '%1$s', " TOO_LONG ");"
                         "UPDATE first_items SET leader = " TOO_LONG " WHERE meeting_id = '%1$s';"
                         "INSERT INTO first_item_contributions (id, first_item_id, position, "
                         "speaker, summary) SELECT 'contribution-draft', id, 1, " TOO_LONG ", "
                         "'发言' FROM first_items WHERE meeting_id = '%1$s';"
                         "INSERT INTO measures (id, meeting_id, text, owner) VALUES "
                         "('measure-draft', '%1$s', '整改', " TOO_LONG ");",
                         draft, f->member_b);
  zb_test_sql_exec_unchecked (f->store, sql);
}

/* One stored-value finding about @subject in @all, and in @finalised too
 * when @committee_sees, none there otherwise. */
static void
assert_stored_value (GListModel *all,
                     GListModel *finalised,
                     const char *subject,
                     gboolean    committee_sees)
{
  g_autofree char *in_all = periods (all, "stored-value", subject);
  g_autofree char *in_finalised = periods (finalised, "stored-value", subject);

  g_test_message ("stored value of %s", subject);
  g_assert_cmpstr (in_all, ==, "2026-02-28");
  g_assert_cmpstr (in_finalised, ==, committee_sees ? "2026-02-28" : "");
}

/* Rule "stored-value" under DOMAIN.md section 6: the committee sees the
 * bad values of a finalised meeting (written after finalising), of an
 * agenda item of it and of a member, not those of a draft meeting and its
 * rows; the branch sees them all. */
static void
test_finalised_only_stored_values (Fixture       *f,
                                   gconstpointer  data)
{
  g_autofree char *final = finalised_meeting (f, "committee", "2026-01-15");
  g_autofree char *draft = meeting (f, "committee", "2026-02-10", NULL);
  g_autofree char *sql = NULL, *first_draft = NULL;
  g_autoptr(GListModel) all = NULL, finalised = NULL;

  spoil_draft (f, draft);
  sql = g_strdup_printf ("UPDATE meetings SET place = " TOO_LONG " WHERE id = '%s';"
                         "INSERT INTO agenda_items (id, meeting_id, position, title) VALUES "
                         "('item-final', '%s', 1, " TOO_LONG ");"
                         "UPDATE members SET post = " TOO_LONG " WHERE id = '%s';",
                         final, final, f->member_a);
  zb_test_sql_exec_unchecked (f->store, sql);
  g_clear_pointer (&sql, g_free);
  sql = g_strdup_printf ("SELECT id FROM first_items WHERE meeting_id = '%s'", draft);
  first_draft = zb_test_sql_text (f->store, sql);

  all = check (f, "2026-01-01", "2026-02-28");
  finalised = check_finalised (f, "2026-01-01", "2026-02-28");
  assert_stored_value (all, finalised, draft, FALSE);
  assert_stored_value (all, finalised, "attendee-draft", FALSE);
  assert_stored_value (all, finalised, "item-draft", FALSE);
  assert_stored_value (all, finalised, "vote-draft", FALSE);
  assert_stored_value (all, finalised, "guest-draft", FALSE);
  assert_stored_value (all, finalised, first_draft, FALSE);
  assert_stored_value (all, finalised, "contribution-draft", FALSE);
  assert_stored_value (all, finalised, "measure-draft", FALSE);
  assert_stored_value (all, finalised, final, TRUE);
  assert_stored_value (all, finalised, "item-final", TRUE);
  assert_stored_value (all, finalised, f->member_a, TRUE);
  g_assert_cmpuint (count_rule (all, "stored-value", "warning"), ==, 11);
  g_assert_cmpuint (count_rule (finalised, "stored-value", "warning"), ==, 3);
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("/check/one-committee-meeting", test_one_committee_meeting);
  ADD ("/check/complete-half-year", test_complete_half_year);
  ADD ("/check/absence", test_absence);
  ADD ("/check/branch-thresholds", test_branch_thresholds);
  ADD ("/check/probation-and-measures", test_probation_and_measures);
  ADD ("/check/finalised-only", test_finalised_only);
  ADD ("/check/finalised-only/stored-values", test_finalised_only_stored_values);
  g_test_add ("/check/no-committee/small-branch", Fixture, "no committee", fixture_set_up,
              test_no_committee_small, fixture_tear_down);
  g_test_add ("/check/no-committee/large-branch", Fixture, "no committee", fixture_set_up,
              test_no_committee_large, fixture_tear_down);

  return g_test_run ();
}
