#define G_LOG_DOMAIN "test-recruit-store"

#include "config.h"

#include <locale.h>
#include <string.h>
#include <sys/stat.h>

#include <glib/gstdio.h>
#include <json-glib/json-glib.h>

#include "zb-checker.h"
#include "zb-date.h"
#include "zb-error.h"
#include "zb-store-private.h"
#include "zb-test-util.h"

/* The recruitment steps in the store, the checker and zhibu-cli recruit:
 * each step sets the person's record as DOMAIN.md section 1 maps it. */

#define BIRTH "1995-05-10"

/* One person's whole path, every date valid (as tests/test-recruitment-
 * rules.c): admitted on 2021-12-20, so a full member from 2022-12-20, the
 * day probation ended, though voted on 2022-12-27 and approved on
 * 2023-01-10. */
static const struct
{
  const char *code;
  const char *date;
} whole_path[] = {
  { "S01", "2020-03-02" }, { "S02", "2020-03-20" }, { "S03", "2020-09-15" },
  { "S04", "2020-09-25" }, { "S05", "2020-09-28" }, { "S06", "2021-03-10" },
  { "S06", "2021-09-08" }, { "S07", "2021-09-20" }, { "S08", "2021-09-28" },
  { "S09", "2021-10-08" }, { "S10", "2021-10-20" }, { "S11", "2021-11-01" },
  { "S12", "2021-11-20" }, { "S13", "2021-12-01" }, { "S14", "2021-12-10" },
  { "S15", "2021-12-20" }, { "S16", "2022-01-10" }, { "S17", "2022-02-15" },
  { "S18", "2022-02-25" }, { "S19", "2022-03-01" }, { "S20", "2022-07-01" },
  { "S21", "2022-07-15" }, { "S22", "2022-11-20" }, { "S23", "2022-12-27" },
  { "S24", "2023-01-10" }, { "S25", "2023-01-20" },
};

typedef struct
{
  char    *dir;
  ZbStore *store;
  char    *person;
} Fixture;

static char *
add_applicant (ZbStore    *store,
               const char *name,
               guint       serial)
{
  g_autofree char *idn = zb_test_id_number (BIRTH, TRUE, serial);
  g_autoptr(ZbMember) member = zb_test_member (name, idn, ZB_CATEGORY_APPLICANT);
  g_autoptr(GError) error = NULL;
  char *id;

  zb_member_set (member, ZB_MEMBER_FIELD_APPLIED_DATE, "2020-03-02");
  id = zb_store_add_member (store, member, &error);
  g_assert_no_error (error);
  return id;
}

static void
set_up (Fixture       *f,
        gconstpointer  data)
{
  f->dir = zb_test_make_dir ();
  f->store = zb_test_new_store (f->dir, "branch.zhibu");
  f->person = add_applicant (f->store, "王小明", 7);
}

static void
tear_down (Fixture       *f,
           gconstpointer  data)
{
  g_clear_object (&f->store);
  zb_test_remove_dir (f->dir);
  g_free (f->dir);
  g_free (f->person);
}

/* The step as the whole path records it: the contacts, the introducers,
 * the training, the decisions. */
static ZbRecruitStep *
path_step (const char *person,
           const char *code,
           const char *date)
{
  ZbRecruitStep *step = zb_recruit_step_new (person, code, date);
  static const char * const contacts[] = { "张建国", "李红梅", NULL };
  static const char * const introducers[] = { "王志强", "赵丽华", NULL };

  if (g_str_equal (code, "S05"))
    zb_recruit_step_set_people (step, contacts);
  else if (g_str_equal (code, "S09"))
    zb_recruit_step_set_people (step, introducers);
  else if (g_str_equal (code, "S11"))
    zb_recruit_step_set_training (step, 3, 24);
  else if (g_str_equal (code, "S15"))
    zb_recruit_step_set_outcome (step, ZB_RECRUIT_OUTCOME_ADMITTED);
  else if (g_str_equal (code, "S17") || g_str_equal (code, "S24"))
    zb_recruit_step_set_outcome (step, ZB_RECRUIT_OUTCOME_APPROVED);
  else if (g_str_equal (code, "S23"))
    zb_recruit_step_set_outcome (step, ZB_RECRUIT_OUTCOME_FULL);
  else if (g_str_equal (code, "S07"))
    zb_recruit_step_set_notice (step, "2021-09-13", "2021-09-17");
  return step;
}

static char *
add_step (ZbStore       *store,
          ZbRecruitStep *step)
{
  g_autoptr(GError) error = NULL;
  char *id = zb_store_add_recruit_step (store, step, &error);

  g_assert_no_error (error);
  g_assert_nonnull (id);
  return id;
}

static char *
add_decision (ZbStore    *store,
              const char *person,
              const char *code,
              const char *date,
              const char *outcome,
              guint       months)
{
  g_autoptr(ZbRecruitStep) step = zb_recruit_step_new (person, code, date);

  zb_recruit_step_set_outcome (step, outcome);
  zb_recruit_step_set_extension_months (step, months);
  return add_step (store, step);
}

/* The rows of the whole path from @from to @until, both included; the ID
 * of the last. */
static char *
add_range (ZbStore    *store,
           const char *person,
           const char *from,
           const char *until)
{
  char *last = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (whole_path); i++)
    if (g_strcmp0 (whole_path[i].code, from) >= 0 && g_strcmp0 (whole_path[i].code, until) <= 0)
      {
        g_autoptr(ZbRecruitStep) step = path_step (person, whole_path[i].code,
                                                   whole_path[i].date);

        g_free (last);
        last = add_step (store, step);
      }
  return last;
}

/* The whole path up to and including @until. */
static char *
add_path (ZbStore    *store,
          const char *person,
          const char *until)
{
  return add_range (store, person, "S01", until);
}

static ZbMember *
get (Fixture *f)
{
  g_autoptr(GError) error = NULL;
  ZbMember *member = zb_store_get_member (f->store, f->person, &error);

  g_assert_no_error (error);
  return member;
}

static void
assert_record (Fixture    *f,
               const char *category,
               const char *activist,
               const char *candidate,
               const char *joined,
               const char *extended_to,
               const char *full)
{
  g_autoptr(ZbMember) m = get (f);

  g_assert_cmpstr (zb_member_get (m, ZB_MEMBER_FIELD_CATEGORY), ==, category);
  g_assert_cmpstr (zb_member_get (m, ZB_MEMBER_FIELD_APPLIED_DATE), ==, "2020-03-02");
  g_assert_cmpstr (zb_member_get (m, ZB_MEMBER_FIELD_ACTIVIST_DATE), ==, activist);
  g_assert_cmpstr (zb_member_get (m, ZB_MEMBER_FIELD_CANDIDATE_DATE), ==, candidate);
  g_assert_cmpstr (zb_member_get (m, ZB_MEMBER_FIELD_JOINED_DATE), ==, joined);
  g_assert_cmpstr (zb_member_get (m, ZB_MEMBER_FIELD_PROBATION_END), ==, extended_to);
  g_assert_cmpstr (zb_member_get (m, ZB_MEMBER_FIELD_FULL_DATE), ==, full);
}

/* Step by step, the record follows: applicant, activist from S03,
 * candidate from S07, probationary from S15's date, and a full member once
 * S24 approves, from the day probation ended (not S23's nor S24's date). */
static void
test_whole_path (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(GListModel) steps = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(ZbRecruitStep) first = NULL;

  g_free (add_path (f->store, f->person, "S02"));
  assert_record (f, "applicant", NULL, NULL, NULL, NULL, NULL);
  g_free (add_range (f->store, f->person, "S03", "S06"));
  assert_record (f, "activist", "2020-09-15", NULL, NULL, NULL, NULL);
  g_free (add_range (f->store, f->person, "S07", "S14"));
  assert_record (f, "candidate", "2020-09-15", "2021-09-20", NULL, NULL, NULL);
  g_free (add_range (f->store, f->person, "S15", "S23"));
  assert_record (f, "probationary", "2020-09-15", "2021-09-20", "2021-12-20", NULL, NULL);
  g_free (add_range (f->store, f->person, "S24", "S25"));
  assert_record (f, "full", "2020-09-15", "2021-09-20", "2021-12-20", NULL, "2022-12-20");

  steps = zb_store_list_recruit_steps (f->store, f->person, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (steps), ==, G_N_ELEMENTS (whole_path));
  first = g_list_model_get_item (steps, 4);
  g_assert_cmpstr (zb_recruit_step_get_code (first), ==, "S05");
  g_assert_cmpstr (zb_recruit_step_get_people (first)[1], ==, "李红梅");
  g_assert_cmpint (zb_test_sql_int (f->store, "SELECT count(*) FROM sync_outbox WHERE "
                                              "table_name = 'recruit_steps'"), >=, 26);
}

/* S17 refused returns the person to 发展对象 (DOMAIN.md section 1): no
 * admission date, no dues. */
static void
test_refused (Fixture       *f,
              gconstpointer  data)
{
  g_free (add_path (f->store, f->person, "S16"));
  assert_record (f, "probationary", "2020-09-15", "2021-09-20", "2021-12-20", NULL, NULL);
  g_free (add_decision (f->store, f->person, "S17", "2022-02-15", ZB_RECRUIT_OUTCOME_REFUSED,
                        0));
  assert_record (f, "candidate", "2020-09-15", "2021-09-20", NULL, NULL, NULL);
}

/* An extension of six months: the probation ends on 2023-06-20, and the
 * full membership date is that day, though voted a week later. */
static void
test_extension (Fixture       *f,
                gconstpointer  data)
{
  g_free (add_path (f->store, f->person, "S22"));
  g_free (add_decision (f->store, f->person, "S23", "2022-12-27",
                        ZB_RECRUIT_OUTCOME_EXTENDED, 6));
  g_free (add_decision (f->store, f->person, "S24", "2023-01-10",
                        ZB_RECRUIT_OUTCOME_APPROVED, 0));
  assert_record (f, "probationary", "2020-09-15", "2021-09-20", "2021-12-20", "2023-06-20",
                 NULL);
  g_free (add_decision (f->store, f->person, "S23", "2023-06-27", ZB_RECRUIT_OUTCOME_FULL, 0));
  assert_record (f, "probationary", "2020-09-15", "2021-09-20", "2021-12-20", "2023-06-20",
                 NULL);
  g_free (add_decision (f->store, f->person, "S24", "2023-07-05",
                        ZB_RECRUIT_OUTCOME_APPROVED, 0));
  assert_record (f, "full", "2020-09-15", "2021-09-20", "2021-12-20", "2023-06-20",
                 "2023-06-20");
}

/* 取消资格 keeps the record, archived, out of the pipeline; its undo
 * brings the person back. */
static void
test_disqualified (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GPtrArray) files = NULL;
  g_autoptr(ZbMember) m = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *approval = NULL;

  g_free (add_path (f->store, f->person, "S22"));
  g_free (add_decision (f->store, f->person, "S23", "2022-12-27",
                        ZB_RECRUIT_OUTCOME_DISQUALIFIED, 0));
  approval = add_decision (f->store, f->person, "S24", "2023-01-10",
                           ZB_RECRUIT_OUTCOME_APPROVED, 0);
  m = get (f);
  g_assert_cmpstr (zb_member_get (m, ZB_MEMBER_FIELD_STATUS), ==, ZB_STATUS_REMOVED);
  g_assert_cmpstr (zb_member_get (m, ZB_MEMBER_FIELD_STATUS_DATE), ==, "2023-01-10");
  g_assert_cmpstr (zb_member_get (m, ZB_MEMBER_FIELD_STATUS_REASON), ==, "取消预备党员资格");
  g_assert_cmpstr (zb_member_get (m, ZB_MEMBER_FIELD_JOINED_DATE), ==, "2021-12-20");
  files = zb_store_list_recruit_files (f->store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (files->len, ==, 0);

  zb_store_remove_recruit_step (f->store, approval, &error);
  g_assert_no_error (error);
  g_clear_object (&m);
  m = get (f);
  g_assert_cmpstr (zb_member_get (m, ZB_MEMBER_FIELD_STATUS), ==, ZB_STATUS_NORMAL);
  g_assert_cmpstr (zb_member_get (m, ZB_MEMBER_FIELD_STATUS_DATE), ==, NULL);
  g_assert_cmpstr (zb_member_get (m, ZB_MEMBER_FIELD_CATEGORY), ==, "probationary");
}

/* A step removed by mistake leaves a tombstone for sync and the record
 * goes back; restored, it is the same row again. */
static void
test_undo (Fixture       *f,
           gconstpointer  data)
{
  g_autofree char *admission = add_path (f->store, f->person, "S15");
  g_autoptr(GError) error = NULL;

  assert_record (f, "probationary", "2020-09-15", "2021-09-20", "2021-12-20", NULL, NULL);
  zb_test_sql_exec (f->store, "DELETE FROM sync_outbox");
  g_assert_true (zb_store_remove_recruit_step (f->store, admission, &error));
  g_assert_no_error (error);
  assert_record (f, "candidate", "2020-09-15", "2021-09-20", NULL, NULL, NULL);
  g_assert_cmpint (zb_test_sql_int (f->store, "SELECT count(*) FROM recruit_steps WHERE "
                                              "deleted = 1"), ==, 1);
  g_assert_cmpint (zb_test_sql_int (f->store, "SELECT count(*) FROM sync_outbox WHERE "
                                              "table_name = 'recruit_steps'"), ==, 1);

  g_assert_false (zb_store_remove_recruit_step (f->store, admission, &error));
  g_assert_error (error, ZB_MEMBER_ERROR, ZB_MEMBER_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_true (zb_store_restore_recruit_step (f->store, admission, &error));
  g_assert_no_error (error);
  assert_record (f, "probationary", "2020-09-15", "2021-09-20", "2021-12-20", NULL, NULL);
}

static char *
starter_names (Fixture *f)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) people = zb_store_list_recruit_starters (f->store, &error);
  g_autoptr(GString) names = g_string_new (NULL);

  g_assert_no_error (error);
  for (guint i = 0; i < g_list_model_get_n_items (people); i++)
    {
      g_autoptr(ZbMember) member = g_list_model_get_item (people, i);

      g_string_append_printf (names, "%s%s", i > 0 ? " " : "", zb_member_get (member, ZB_MEMBER_FIELD_NAME));
    }
  return g_string_free (g_steal_pointer (&names), FALSE);
}

/* Whom a file can be started for: the people on the roster not yet in the
 * Party and not in the pipeline, in pinyin order; a person leaves the list
 * with their application recorded and is back on it when that is undone. */
static void
test_starters (Fixture       *f,
               gconstpointer  data)
{
  g_autofree char *idn = zb_test_id_number (BIRTH, FALSE, 11);
  g_autoptr(ZbMember) full = zb_test_member ("艾建华", idn, ZB_CATEGORY_FULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *other = add_applicant (f->store, "白雪", 9);
  g_autofree char *full_id = zb_store_add_member (f->store, full, &error);
  g_autofree char *names = NULL, *step_id = NULL;
  g_autoptr(ZbRecruitStep) step = NULL;

  g_assert_no_error (error);
  names = starter_names (f);
  g_assert_cmpstr (names, ==, "白雪 王小明");

  step = zb_recruit_step_new (f->person, "S01", "2020-03-02");
  step_id = add_step (f->store, step);
  g_free (names);
  names = starter_names (f);
  g_assert_cmpstr (names, ==, "白雪");

  /* The application recorded by mistake: removed, the record keeps the
   * day of application the roster gave it, which an applicant needs. */
  g_assert_true (zb_store_remove_recruit_step (f->store, step_id, &error));
  g_assert_no_error (error);
  assert_record (f, ZB_CATEGORY_APPLICANT, NULL, NULL, NULL, NULL, NULL);
  g_free (names);
  names = starter_names (f);
  g_assert_cmpstr (names, ==, "白雪 王小明");
}

static void
assert_refused (Fixture       *f,
                ZbRecruitStep *step,
                const char    *message)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *id = zb_store_add_recruit_step (f->store, step, &error);

  g_assert_null (id);
  g_assert_nonnull (error);
  g_test_message ("%s", error->message);
  g_assert_true (g_str_has_prefix (error->message, message));
  g_object_unref (step);
}

/* Refusals name the field, and leave nothing behind: the step's own
 * fields, the person, the limits (no step in the future), and the member
 * rules (18 full years at the application). */
static void
test_refusals (Fixture       *f,
               gconstpointer  data)
{
  static const char * const three[] = { "张建国", "李红梅", "王志强", NULL };
  g_autofree char *tomorrow = NULL;
  g_autofree char *young = NULL;
  ZbRecruitStep *step;
  GDate day;

  zb_date_set_today (&day);
  g_date_add_days (&day, 1);
  tomorrow = zb_date_to_iso (&day);

  assert_refused (f, zb_recruit_step_new (f->person, "S26", "2020-03-02"), "Step: ");
  assert_refused (f, zb_recruit_step_new (f->person, "S01", "2020-02-30"), "Date: ");
  assert_refused (f, zb_recruit_step_new (f->person, "S01", tomorrow), "Date: ");
  assert_refused (f, zb_recruit_step_new ("nobody", "S01", "2020-03-02"), "Person: ");
  step = zb_recruit_step_new (f->person, "S02", "2020-03-20");
  zb_recruit_step_set_outcome (step, ZB_RECRUIT_OUTCOME_APPROVED);
  assert_refused (f, step, "Outcome: ");
  step = zb_recruit_step_new (f->person, "S15", "2021-12-20");
  assert_refused (f, step, "Outcome: ");
  step = zb_recruit_step_new (f->person, "S09", "2021-10-08");
  zb_recruit_step_set_people (step, three);
  assert_refused (f, step, "People: ");
  step = zb_recruit_step_new (f->person, "S23", "2022-12-27");
  zb_recruit_step_set_outcome (step, ZB_RECRUIT_OUTCOME_EXTENDED);
  zb_recruit_step_set_extension_months (step, 13);
  assert_refused (f, step, "Extension: ");

  /* Born 1995-05-10: 17 on 2013-03-02. */
  assert_refused (f, zb_recruit_step_new (f->person, "S01", "2013-03-02"),
                  "Date of application: ");
  /* The activist date must come after the application. */
  g_free (add_path (f->store, f->person, "S02"));
  assert_refused (f, zb_recruit_step_new (f->person, "S03", "2020-03-01"),
                  "Date made an activist: ");
  g_assert_cmpint (zb_test_sql_int (f->store, "SELECT count(*) FROM recruit_steps"), ==, 2);
  assert_record (f, "applicant", NULL, NULL, NULL, NULL, NULL);
}

static GListModel *
check (Fixture    *f,
       const char *to)
{
  g_autoptr(GError) error = NULL;
  ZbCheckSettings settings;
  GListModel *findings;

  zb_check_settings_init (&settings);
  findings = zb_store_check (f->store, "2020-01-01", to, &settings, &error);
  g_assert_no_error (error);
  return findings;
}

static guint
count_findings (GListModel *findings,
                const char *rule,
                const char *subject,
                const char *text)
{
  guint n = 0;

  for (guint i = 0; i < g_list_model_get_n_items (findings); i++)
    {
      g_autoptr(ZbFinding) finding = g_list_model_get_item (findings, i);

      if (g_str_equal (zb_finding_get_rule (finding), rule) &&
          g_strcmp0 (zb_finding_get_subject (finding), subject) == 0 &&
          strstr (zb_finding_get_message (finding), text) != NULL)
        {
          g_test_message ("%s: %s", rule, zb_finding_get_message (finding));
          n++;
        }
    }
  return n;
}

/* The example: a candidate after 11 months as an activist is a
 * finding of check naming the rule, the person as its subject; so is a
 * step overdue, once. A file closed (S25) is out of the pipeline. */
static void
test_checker (Fixture       *f,
              gconstpointer  data)
{
  g_autofree char *other = add_applicant (f->store, "李四", 9);
  g_autoptr(GListModel) findings = NULL;
  g_autoptr(GListModel) later = NULL;
  g_autoptr(GListModel) closed = NULL;
  g_autoptr(ZbRecruitStep) early = NULL;

  g_free (add_path (f->store, f->person, "S06"));
  early = zb_recruit_step_new (f->person, "S07", "2021-08-15");
  g_free (add_step (f->store, early));
  /* 李四 applied on 2020-03-02 and no one has talked with them since. */
  g_free (add_path (f->store, other, "S01"));
  findings = check (f, "2021-08-31");
  g_assert_cmpuint (count_findings (findings, "recruit-activist-one-year", f->person,
                                    "王小明: Recruitment Rules, article 13"), ==, 1);

  g_assert_cmpuint (count_findings (findings, "recruit-talk-one-month", other, "李四"), ==, 1);
  g_assert_cmpuint (count_findings (findings, "recruit-step-overdue", other, ""), ==, 0);

  /* Admitted, with no application for full membership (S22) by the end of
   * the probation: overdue. */
  zb_test_sql_exec (f->store, "DELETE FROM recruit_steps");
  g_free (add_path (f->store, f->person, "S21"));
  later = check (f, "2023-01-05");
  g_assert_cmpuint (count_findings (later, "recruit-step-overdue", f->person,
                                    "S22"), ==, 1);

  zb_test_sql_exec (f->store, "DELETE FROM recruit_steps");
  g_free (add_path (f->store, f->person, "S25"));
  closed = check (f, "2024-01-05");
  g_assert_cmpuint (count_findings (closed, "recruit-step-overdue", f->person, ""), ==, 0);
  g_assert_cmpuint (count_findings (closed, "recruit-activist-one-year", f->person, ""), ==, 0);
}

static char *
add_report (Fixture    *f,
            const char *date)
{
  g_autoptr(ZbThoughtReport) report = zb_thought_report_new (f->person, date, "学习党章的体会");
  g_autoptr(GError) error = NULL;
  char *id = zb_store_add_thought_report (f->store, report, &error);

  g_assert_no_error (error);
  g_assert_cmpstr (zb_thought_report_get_id (report), ==, id);
  return id;
}

static void
assert_report_refused (Fixture    *f,
                       const char *person,
                       const char *date,
                       const char *summary,
                       const char *message)
{
  g_autoptr(ZbThoughtReport) report = zb_thought_report_new (person, date, summary);
  g_autoptr(GError) error = NULL;
  g_autofree char *id = zb_store_add_thought_report (f->store, report, &error);

  g_assert_null (id);
  g_assert_nonnull (error);
  g_test_message ("%s", error->message);
  g_assert_true (g_str_has_prefix (error->message, message));
  g_assert_null (zb_thought_report_get_id (report));
}

/* Written reports: recorded, listed by the day received, queued for the
 * server, removed with a tombstone and brought back; refused naming the
 * field for no such person, a day not given or still to come, no summary. */
static void
test_reports (Fixture       *f,
              gconstpointer  data)
{
  g_autofree char *second = add_report (f, "2021-05-10");
  g_autofree char *first = add_report (f, "2021-02-10");
  g_autoptr(GListModel) list = NULL, after = NULL, back = NULL;
  g_autoptr(ZbThoughtReport) r = NULL;
  g_autoptr(GError) error = NULL;

  list = zb_store_list_thought_reports (f->store, f->person, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (list), ==, 2);
  r = g_list_model_get_item (list, 0);
  g_assert_cmpstr (zb_thought_report_get_id (r), ==, first);
  g_assert_cmpstr (zb_thought_report_get_date (r), ==, "2021-02-10");
  g_assert_cmpstr (zb_thought_report_get_summary (r), ==, "学习党章的体会");
  g_assert_cmpint (zb_test_sql_int (f->store, "SELECT count(*) FROM sync_outbox WHERE "
                                              "table_name = 'thought_reports' AND "
                                              "op = 'insert'"), ==, 2);

  g_assert_true (zb_store_remove_thought_report (f->store, second, &error));
  g_assert_no_error (error);
  after = zb_store_list_thought_reports (f->store, f->person, &error);
  g_assert_cmpuint (g_list_model_get_n_items (after), ==, 1);
  g_assert_false (zb_store_remove_thought_report (f->store, second, &error));
  g_assert_error (error, ZB_MEMBER_ERROR, ZB_MEMBER_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_true (zb_store_restore_thought_report (f->store, second, &error));
  g_assert_no_error (error);
  back = zb_store_list_thought_reports (f->store, f->person, &error);
  g_assert_cmpuint (g_list_model_get_n_items (back), ==, 2);

  assert_report_refused (f, "nobody", "2021-02-10", "体会", "Person: ");
  assert_report_refused (f, f->person, NULL, "体会", "Date received: ");
  assert_report_refused (f, f->person, "2999-01-01", "体会", "Date received: ");
  assert_report_refused (f, f->person, "2021-02-10", "", "Report summary: ");
  g_assert_cmpint (zb_test_sql_int (f->store, "SELECT count(*) FROM thought_reports"), ==, 2);
}

/* The expected day of leaving the unit: set, read, cleared; a day that is
 * not one, or no such person, refused naming the field. */
static void
test_leaving (Fixture       *f,
              gconstpointer  data)
{
  g_autofree char *date = NULL, *cleared = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (zb_store_get_leaving_date (f->store, f->person, &date, &error));
  g_assert_null (date);
  g_assert_true (zb_store_set_leaving_date (f->store, f->person, "2026-09-30", &error));
  g_assert_no_error (error);
  g_assert_true (zb_store_get_leaving_date (f->store, f->person, &date, &error));
  g_assert_cmpstr (date, ==, "2026-09-30");
  g_assert_true (zb_store_set_leaving_date (f->store, f->person, NULL, &error));
  g_assert_true (zb_store_get_leaving_date (f->store, f->person, &cleared, &error));
  g_assert_null (cleared);

  g_assert_false (zb_store_set_leaving_date (f->store, f->person, "2026-9-31", &error));
  g_assert_true (g_str_has_prefix (error->message, "Leaving date: "));
  g_clear_error (&error);
  g_assert_false (zb_store_set_leaving_date (f->store, "nobody", "2026-09-30", &error));
  g_assert_true (g_str_has_prefix (error->message, "Person: "));
  g_clear_error (&error);
  g_assert_false (zb_store_get_leaving_date (f->store, "nobody", &cleared, &error));
  g_assert_true (g_str_has_prefix (error->message, "Person: "));
}

/* A member of the branch as the sponsor test needs: admitted on @joined,
 * a full member from @full (NULL: probationary). */
static char *
add_party_member (Fixture    *f,
                  const char *name,
                  guint       serial,
                  const char *joined,
                  const char *full)
{
  g_autofree char *idn = zb_test_id_number ("1980-01-01", TRUE, serial);
  g_autoptr(ZbMember) member = zb_test_member (name, idn, full ? ZB_CATEGORY_FULL
                                                               : ZB_CATEGORY_PROBATIONARY);
  g_autoptr(GError) error = NULL;
  char *id;

  zb_member_set (member, ZB_MEMBER_FIELD_JOINED_DATE, joined);
  zb_member_set (member, ZB_MEMBER_FIELD_FULL_DATE, full);
  id = zb_store_add_member (f->store, member, &error);
  g_assert_no_error (error);
  return id;
}

/* The three rules of schema 10 as findings of check, the person as their
 * subject: a quarter without a written report, named; a candidate leaving
 * the unit within three months; a contact or introducer whose name one
 * member bears who was not a full member that day, named with why, and
 * none for a name two members bear. */
static void
test_checker_rules (Fixture       *f,
                    gconstpointer  data)
{
  g_autofree char *full = add_party_member (f, "张建国", 21, "2010-07-01", "2011-07-01");
  g_autofree char *probationary = add_party_member (f, "李红梅", 22, "2020-06-01", NULL);
  g_autofree char *later = add_party_member (f, "王志强", 23, "2022-01-10", "2023-01-10");
  g_autofree char *twin1 = add_party_member (f, "赵丽华", 24, "2022-01-10", NULL);
  g_autofree char *twin2 = add_party_member (f, "赵丽华", 25, "2010-01-10", "2011-01-10");
  g_autoptr(GListModel) findings = NULL;
  g_autoptr(GListModel) leaving = NULL;
  g_autoptr(GError) error = NULL;

  g_free (add_path (f->store, f->person, "S09"));
  g_free (add_report (f, "2020-12-01"));
  g_free (add_report (f, "2021-06-30"));
  findings = check (f, "2021-10-10");
  /* From 2020-09-15: the fourth quarter of 2020 and the second of 2021
   * have one, the first of 2021 none, the third of 2021 none. */
  g_assert_cmpuint (count_findings (findings, "recruit-quarterly-report", f->person,
                                    "王小明: "), ==, 2);
  g_assert_cmpuint (count_findings (findings, "recruit-quarterly-report", f->person,
                                    "the first quarter of 2021"), ==, 1);
  g_assert_cmpuint (count_findings (findings, "recruit-quarterly-report", f->person,
                                    "the third quarter of 2021"), ==, 1);
  g_assert_cmpuint (count_findings (findings, "recruit-leaving-unit", f->person, ""), ==, 0);
  g_assert_cmpuint (count_findings (findings, "recruit-two-contacts", f->person,
                                    "李红梅 was a probationary member"), ==, 1);
  g_assert_cmpuint (count_findings (findings, "recruit-two-contacts", f->person, "张建国"), ==, 0);
  g_assert_cmpuint (count_findings (findings, "recruit-two-introducers", f->person,
                                    "王志强 was not a member of the branch"), ==, 1);
  g_assert_cmpuint (count_findings (findings, "recruit-two-introducers", f->person, "赵丽华"),
                    ==, 0);

  g_assert_true (zb_store_set_leaving_date (f->store, f->person, "2022-01-10", &error));
  g_assert_no_error (error);
  leaving = check (f, "2021-10-10");
  g_assert_cmpuint (count_findings (leaving, "recruit-leaving-unit", f->person,
                                    "王小明: Recruitment Rules: a candidate who will leave"), ==, 1);
}

/* zhibu-cli on a database of its own. */
/* The CLI on a branch of its own (zb-test-util.c). */
typedef ZbTestCliBranch CliFixture;

#define cli_ok(f, ...) zb_test_cli_ok (f, __VA_ARGS__)
#define assert_cli_refused(f, status, message, ...) \
  zb_test_cli_refused (f, status, message, __VA_ARGS__)

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
cli_applicant (CliFixture *f,
               const char *name,
               guint       serial)
{
  g_autofree char *idn = zb_test_id_number (BIRTH, TRUE, serial);
  char *id = cli_ok (f, "member", "add", "--name", name, "--id-number", idn, "--sex", "M",
                     "--birth", BIRTH, "--category", "applicant", "--applied", "2020-03-02",
                     NULL);

  return g_strchomp (id);
}

/* The options the whole path gives each step on the command line. */
static void
cli_step (CliFixture *f,
          const char *person,
          const char *code,
          const char *date)
{
  const char *a = NULL, *b = NULL, *c = NULL, *d = NULL;
  g_autofree char *id = NULL;

  if (g_str_equal (code, "S05"))
    a = "--people", b = "张建国,李红梅";
  else if (g_str_equal (code, "S09"))
    a = "--people", b = "王志强、赵丽华";
  else if (g_str_equal (code, "S11"))
    a = "--training-days", b = "3", c = "--class-hours", d = "24";
  else if (g_str_equal (code, "S15"))
    a = "--outcome", b = "admitted";
  else if (g_str_equal (code, "S17") || g_str_equal (code, "S24"))
    a = "--outcome", b = "approved";
  else if (g_str_equal (code, "S23"))
    a = "--outcome", b = "full";
  else if (g_str_equal (code, "S07"))
    a = "--notice-start", b = "2021-09-13", c = "--notice-end", d = "2021-09-17";
  else if (g_str_equal (code, "S01"))
    a = "--document", b = "入党申请书";

  id = cli_ok (f, "recruit", "step", person, code, "--date", date, a, b, c, d, NULL);
  g_assert_cmpuint (strlen (id), ==, 37);
}

static JsonObject *
parse_object (const char *text)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) node = json_from_string (text, &error);

  g_assert_no_error (error);
  return json_object_ref (json_node_get_object (node));
}

/* Issue 12's Done-when, through the CLI: a person moved through all 25
 * steps with valid dates ends a full member, with the admission date of
 * S15 and the full membership date the day probation ended; nothing is
 * due and no rule is broken; the file checklist renders as a PDF, for its
 * owner's eyes only. */
static void
test_cli_whole_path (CliFixture    *f,
                     gconstpointer  data)
{
  g_autofree char *person = cli_applicant (f, "王小明", 7);
  g_autofree char *status = NULL, *show = NULL, *none = NULL;
  g_autofree char *pdf = g_build_filename (f->dir, "file.pdf", NULL);
  g_autofree char *contents = NULL;
  g_autoptr(JsonObject) o = NULL;
  g_autoptr(JsonObject) shown = NULL;
  JsonArray *steps;
  GStatBuf st;

  /* A written report in each full quarter from S03 to the end of the
   * probation (2020's fourth quarter to 2022's third). */
  const char *reports[] = { "2020-12-01", "2021-03-01", "2021-06-01", "2021-09-01",
                            "2021-12-01", "2022-03-01", "2022-06-01", "2022-09-01" };

  for (guint i = 0; i < G_N_ELEMENTS (whole_path); i++)
    cli_step (f, person, whole_path[i].code, whole_path[i].date);
  for (guint i = 0; i < G_N_ELEMENTS (reports); i++)
    g_free (cli_ok (f, "recruit", "report", "add", person, "--date", reports[i], "--summary",
                    "学习党章的体会", NULL));

  status = cli_ok (f, "recruit", "status", person, "--format", "json", NULL);
  o = parse_object (status);
  g_assert_cmpstr (json_object_get_string_member (o, "category"), ==, "full");
  g_assert_cmpstr (json_object_get_string_member (o, "applied_date"), ==, "2020-03-02");
  g_assert_cmpstr (json_object_get_string_member (o, "activist_date"), ==, "2020-09-15");
  g_assert_cmpstr (json_object_get_string_member (o, "candidate_date"), ==, "2021-09-20");
  g_assert_cmpstr (json_object_get_string_member (o, "joined_date"), ==, "2021-12-20");
  g_assert_cmpstr (json_object_get_string_member (o, "full_date"), ==, "2022-12-20");
  steps = json_object_get_array_member (o, "steps");
  g_assert_cmpuint (json_array_get_length (steps), ==, 26);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (steps, 0),
                                                  "document"), ==, "入党申请书");
  g_assert_cmpstr (json_array_get_string_element (
                     json_object_get_array_member (json_array_get_object_element (steps, 9),
                                                   "people"), 1), ==, "赵丽华");
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (o, "due")), ==, 0);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (o, "issues")), ==, 0);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (o, "reports")), ==, 8);
  g_assert_true (json_object_get_null_member (o, "leaving_date"));

  show = cli_ok (f, "member", "show", person, "--format", "json", NULL);
  shown = parse_object (show);
  g_assert_cmpstr (json_object_get_string_member (shown, "category"), ==, "full");
  g_assert_cmpstr (json_object_get_string_member (shown, "full_date"), ==, "2022-12-20");

  none = cli_ok (f, "render", "recruitment", person, "-o", pdf, NULL);
  g_assert_cmpstr (none, ==, "");
  g_assert_true (g_file_get_contents (pdf, &contents, NULL, NULL));
  g_assert_true (g_str_has_prefix (contents, "%PDF-"));
  g_assert_cmpint (g_stat (pdf, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);
}

/* Errors exit 1 naming the field; usage errors 2. */
static void
test_cli_errors (CliFixture    *f,
                 gconstpointer  data)
{
  g_autofree char *p = cli_applicant (f, "王小明", 7);

  assert_cli_refused (f, 1, "zhibu-cli: Step: ", "recruit", "step", p, "S26", "--date",
                      "2020-03-02", NULL);
  assert_cli_refused (f, 1, "zhibu-cli: Date: ", "recruit", "step", p, "S01", "--date",
                      "2020-13-02", NULL);
  assert_cli_refused (f, 1, "zhibu-cli: Outcome: ", "recruit", "step", p, "S15", "--date",
                      "2021-12-20", "--outcome", "yes", NULL);
  assert_cli_refused (f, 1, "zhibu-cli: People: ", "recruit", "step", p, "S09", "--date",
                      "2021-10-08", "--people", "甲,乙,丙", NULL);
  assert_cli_refused (f, 1, "zhibu-cli: Extension: ", "recruit", "step", p, "S23", "--date",
                      "2022-12-27", "--outcome", "extended", "--extension-months", "-6", NULL);
  assert_cli_refused (f, 1, "zhibu-cli: Last day of the notice: ", "recruit", "step", p, "S07",
                      "--date", "2021-09-20", "--notice-start", "2021-09-13", "--notice-end",
                      "someday", NULL);
  assert_cli_refused (f, 1, "zhibu-cli: Person: ", "recruit", "step", "nobody", "S01", "--date",
                      "2020-03-02", NULL);
  assert_cli_refused (f, 2, "usage: zhibu-cli recruit step", "recruit", "step", p, "S01", NULL);
  assert_cli_refused (f, 2, "usage: zhibu-cli recruit step", "recruit", "step", p, "--date",
                      "2020-03-02", NULL);
  assert_cli_refused (f, 2, "usage: zhibu-cli recruit", "recruit", "promote", p, NULL);
  assert_cli_refused (f, 2, "usage: zhibu-cli recruit status", "recruit", "status", p,
                      "--format", "xml", NULL);
  assert_cli_refused (f, 2, "usage: zhibu-cli recruit due", "recruit", "due", "--format",
                      "pdf", NULL);
}

/* recruit report add|list|remove and recruit leaving: a report's ID
 * printed, the list in each format, the removal; the leaving date shown by
 * status (table and JSON) with the warning it brings for a candidate
 * leaving within three months, and cleared; errors name the field (exit 1),
 * usage errors exit 2. */
static void
test_cli_reports_and_leaving (CliFixture    *f,
                              gconstpointer  data)
{
  g_autofree char *p = cli_applicant (f, "王小明", 7);
  g_autofree char *id = NULL, *list = NULL, *csv = NULL, *json = NULL, *after = NULL;
  g_autofree char *table = NULL, *status = NULL, *cleared = NULL, *soon = NULL, *out = NULL;
  g_autofree char *line = NULL;
  g_autoptr(JsonObject) o = NULL, c = NULL;
  GDate day;

  for (guint i = 0; i < G_N_ELEMENTS (whole_path); i++)
    if (g_strcmp0 (whole_path[i].code, "S09") <= 0)
      cli_step (f, p, whole_path[i].code, whole_path[i].date);

  id = g_strchomp (cli_ok (f, "recruit", "report", "add", p, "--date", "2021-03-01", "--summary",
                           "学习党章的体会", NULL));
  g_assert_cmpuint (strlen (id), ==, 36);
  list = cli_ok (f, "recruit", "report", "list", p, NULL);
  g_assert_nonnull (strstr (list, "2021-03-01  学习党章的体会"));
  csv = cli_ok (f, "recruit", "report", "list", p, "--format", "csv", NULL);
  line = g_strdup_printf ("id,date,summary\r\n%s,2021-03-01,学习党章的体会\r\n", id);
  g_assert_cmpstr (csv, ==, line);
  json = cli_ok (f, "recruit", "report", "list", p, "--format", "json", NULL);
  g_assert_nonnull (strstr (json, "\"summary\" : \"学习党章的体会\""));
  out = cli_ok (f, "recruit", "report", "remove", id, NULL);
  g_assert_cmpstr (out, ==, "");
  after = cli_ok (f, "recruit", "report", "list", p, "--format", "json", NULL);
  g_assert_cmpstr (g_strstrip (after), ==, "[]");

  /* A month from today: within three months, and S15 not yet held. */
  zb_date_set_today (&day);
  g_date_add_months (&day, 1);
  soon = zb_date_to_iso (&day);
  g_free (cli_ok (f, "recruit", "leaving", p, soon, NULL));
  table = cli_ok (f, "recruit", "status", p, NULL);
  g_clear_pointer (&line, g_free);
  line = g_strdup_printf ("Expected to leave the unit on: %s\n", soon);
  g_assert_nonnull (strstr (table, line));
  g_assert_nonnull (strstr (table, "warning  recruit-leaving-unit  Recruitment Rules: a "
                                   "candidate who will leave the unit within three months"));
  status = cli_ok (f, "recruit", "status", p, "--format", "json", NULL);
  o = parse_object (status);
  g_assert_cmpstr (json_object_get_string_member (o, "leaving_date"), ==, soon);
  g_free (cli_ok (f, "recruit", "leaving", p, "--clear", NULL));
  cleared = cli_ok (f, "recruit", "status", p, "--format", "json", NULL);
  c = parse_object (cleared);
  g_assert_true (json_object_get_null_member (c, "leaving_date"));
  g_assert_null (strstr (cleared, "recruit-leaving-unit"));

  assert_cli_refused (f, 1, "zhibu-cli: Report summary: ", "recruit", "report", "add", p,
                      "--date", "2021-03-01", "--summary", " ", NULL);
  assert_cli_refused (f, 1, "zhibu-cli: Date received: ", "recruit", "report", "add", p,
                      "--date", "2021-02-30", "--summary", "体会", NULL);
  assert_cli_refused (f, 1, "zhibu-cli: Person: ", "recruit", "report", "add", "nobody",
                      "--date", "2021-03-01", "--summary", "体会", NULL);
  assert_cli_refused (f, 1, "zhibu-cli: Report: ", "recruit", "report", "remove", id, NULL);
  assert_cli_refused (f, 1, "zhibu-cli: Leaving date: ", "recruit", "leaving", p, "someday",
                      NULL);
  assert_cli_refused (f, 1, "zhibu-cli: Person: ", "recruit", "leaving", "nobody",
                      "2026-09-30", NULL);
  assert_cli_refused (f, 2, "usage: zhibu-cli recruit report add", "recruit", "report", "add",
                      p, "--date", "2021-03-01", NULL);
  assert_cli_refused (f, 2, "usage: zhibu-cli recruit report", "recruit", "report", "edit",
                      NULL);
  assert_cli_refused (f, 2, "usage: zhibu-cli recruit leaving", "recruit", "leaving", p, NULL);
  assert_cli_refused (f, 2, "usage: zhibu-cli recruit leaving", "recruit", "leaving", p,
                      "2026-09-30", "--clear", NULL);
}

/* Every person's next steps, overdue first; and a time rule broken is a
 * finding of check naming it. */
static void
test_cli_due_and_check (CliFixture    *f,
                        gconstpointer  data)
{
  g_autofree char *a = cli_applicant (f, "王小明", 7);
  g_autofree char *b = cli_applicant (f, "李四", 9);
  g_autofree char *due = NULL, *csv = NULL, *found = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) node = NULL;
  JsonArray *rows;
  JsonObject *first;

  cli_step (f, a, "S01", "2020-03-02");
  cli_step (f, b, "S01", "2020-03-02");
  cli_step (f, b, "S02", "2020-03-20");

  due = cli_ok (f, "recruit", "due", "--date", "2020-04-10", "--format", "json", NULL);
  node = json_from_string (due, &error);
  g_assert_no_error (error);
  rows = json_node_get_array (node);
  g_assert_cmpuint (json_array_get_length (rows), ==, 2);
  first = json_array_get_object_element (rows, 0);
  g_assert_cmpstr (json_object_get_string_member (first, "person_id"), ==, a);
  g_assert_cmpstr (json_object_get_string_member (first, "code"), ==, "S02");
  g_assert_cmpstr (json_object_get_string_member (first, "latest"), ==, "2020-04-02");
  g_assert_true (json_object_get_boolean_member (first, "overdue"));
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (rows, 1),
                                                  "code"), ==, "S03");

  csv = cli_ok (f, "recruit", "due", "--date", "2020-03-10", "--format", "csv", NULL);
  g_assert_true (g_str_has_prefix (csv, "person_id,name,code,step,earliest,latest,overdue\r\n"));
  g_assert_nonnull (strstr (csv, ",李四,S03,推荐和确定入党积极分子,2020-03-20,,no\r\n"));

  /* 王小明 named a candidate after 11 months as an activist. */
  cli_step (f, a, "S02", "2020-03-20");
  cli_step (f, a, "S03", "2020-09-15");
  cli_step (f, a, "S06", "2021-03-10");
  {
    g_auto(ZbTestRun) run = { 0 };

    zb_test_cli_run (&run, f->db, f->passphrase_file, "recruit", "step", a, "S07", "--date",
                     "2021-08-16", NULL);
    g_assert_cmpint (run.status, ==, 0);
    g_assert_nonnull (strstr (run.err, "zhibu-cli: warning: Recruitment Rules, article 13"));
    g_assert_nonnull (strstr (run.err, "(recruit-activist-one-year)"));
  }
  found = cli_ok (f, "check", "--from", "2021-01-01", "--to", "2021-08-31", "--format", "json",
                  NULL);
  g_assert_nonnull (strstr (found, "\"rule\" : \"recruit-activist-one-year\""));
  g_assert_nonnull (strstr (found, "王小明: Recruitment Rules, article 13"));
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) g_test_add (path, Fixture, NULL, set_up, func, tear_down)
#define CLI(path, func) g_test_add (path, CliFixture, NULL, cli_set_up, func, cli_tear_down)
  ADD ("/recruit-store/whole-path", test_whole_path);
  ADD ("/recruit-store/refused", test_refused);
  ADD ("/recruit-store/extension", test_extension);
  ADD ("/recruit-store/disqualified", test_disqualified);
  ADD ("/recruit-store/undo", test_undo);
  ADD ("/recruit-store/starters", test_starters);
  ADD ("/recruit-store/refusals", test_refusals);
  ADD ("/recruit-store/checker", test_checker);
  ADD ("/recruit-store/reports", test_reports);
  ADD ("/recruit-store/leaving", test_leaving);
  ADD ("/recruit-store/checker-rules", test_checker_rules);
  CLI ("/recruit-cli/whole-path", test_cli_whole_path);
  CLI ("/recruit-cli/errors", test_cli_errors);
  CLI ("/recruit-cli/reports-and-leaving", test_cli_reports_and_leaving);
  CLI ("/recruit-cli/due-and-check", test_cli_due_and_check);
#undef ADD
#undef CLI

  return g_test_run ();
}
