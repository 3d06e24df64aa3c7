#define G_LOG_DOMAIN "test-recruitment-rules"

#include "config.h"

#include <locale.h>
#include <stdlib.h>
#include <string.h>

#include <glib/gi18n.h>

#include "zb-date.h"
#include "zb-member.h"
#include "zb-recruitment-rules.h"

#define BIRTH "1995-05-10"
#define PERSON "person-1"

/* One person's whole path, every date valid: the application in March 2020,
 * an activist from September 2020 assessed in March and September 2021, a
 * candidate in September 2021, admitted on 2021-12-20, a full member from
 * 2022-12-20 (voted on 2022-12-27, approved on 2023-01-10). */
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

static void
set_day (GDate      *date,
         const char *iso)
{
  g_assert_true (zb_date_parse_iso (iso, date));
}

static ZbRecruitStep *
add_step (GPtrArray  *steps,
          const char *code,
          const char *date)
{
  ZbRecruitStep *step = zb_recruit_step_new (PERSON, code, date);
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

  g_ptr_array_add (steps, step);
  return step;
}

/* The whole path up to and including @until (S25 for all of it). */
static GPtrArray *
path_until (const char *until)
{
  GPtrArray *steps = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint i = 0; i < G_N_ELEMENTS (whole_path); i++)
    if (g_strcmp0 (whole_path[i].code, until) <= 0)
      add_step (steps, whole_path[i].code, whole_path[i].date);

  return steps;
}

/* The @nth row (from 0) of @code. */
static ZbRecruitStep *
find_step (GPtrArray  *steps,
           const char *code,
           guint       nth)
{
  for (guint i = 0; i < steps->len; i++)
    {
      ZbRecruitStep *step = g_ptr_array_index (steps, i);

      if (g_str_equal (zb_recruit_step_get_code (step), code) && nth-- == 0)
        return step;
    }
  g_assert_not_reached ();
}

static void
redate (GPtrArray  *steps,
        const char *code,
        const char *date)
{
  zb_recruit_step_set_date (find_step (steps, code, 0), date);
}

static void
drop (GPtrArray  *steps,
      const char *code,
      guint       nth)
{
  g_ptr_array_remove (steps, find_step (steps, code, nth));
}

static GPtrArray *
check (GPtrArray  *steps,
       const char *birth,
       const char *today)
{
  GDate day;

  set_day (&day, today);
  return zb_recruitment_rules_check (steps, birth, &day);
}

static void
print_issues (GPtrArray *issues)
{
  for (guint i = 0; i < issues->len; i++)
    {
      ZbRecruitIssue *issue = g_ptr_array_index (issues, i);

      g_test_message ("%s %s %s: %s", issue->rule, issue->code, issue->date, issue->message);
    }
}

static void
assert_no_issues (GPtrArray *issues)
{
  print_issues (issues);
  g_assert_cmpuint (issues->len, ==, 0);
}

/* Exactly one issue, @rule on @code, its message naming each of @words. */
static void
assert_one_issue (GPtrArray         *issues,
                  const char        *rule,
                  const char        *code,
                  ZbRecruitSeverity  severity,
                  const char * const *words)
{
  ZbRecruitIssue *issue;

  print_issues (issues);
  g_assert_cmpuint (issues->len, ==, 1);
  issue = g_ptr_array_index (issues, 0);
  g_assert_cmpstr (issue->rule, ==, rule);
  if (code != NULL)
    g_assert_cmpstr (issue->code, ==, code);
  g_assert_cmpint (issue->severity, ==, severity);
  for (guint i = 0; words != NULL && words[i] != NULL; i++)
    g_assert_nonnull (strstr (issue->message, words[i]));
}

/* All 25 steps with valid dates: a full member from the day probation
 * ended, a year after admission, not from the vote (S23) nor from its
 * approval (S24); nothing broken, nothing due. */
static void
test_whole_path (void)
{
  g_autoptr(GPtrArray) steps = path_until ("S25");
  g_autoptr(GPtrArray) issues = NULL, due = NULL;
  g_autoptr(ZbRecruitStatus) status = NULL;
  GDate today;

  for (guint i = 0; i < steps->len; i++)
    {
      g_autoptr(GError) error = NULL;

      g_assert_true (zb_recruit_step_validate (g_ptr_array_index (steps, i), &error));
      g_assert_no_error (error);
    }

  issues = check (steps, BIRTH, "2023-03-01");
  assert_no_issues (issues);

  set_day (&today, "2023-03-01");
  due = zb_recruitment_rules_due (steps, &today);
  g_assert_cmpuint (due->len, ==, 0);

  status = zb_recruitment_rules_status (steps);
  g_assert_cmpstr (status->category, ==, ZB_CATEGORY_FULL);
  g_assert_false (status->disqualified);
  g_assert_cmpstr (status->applied_date, ==, "2020-03-02");
  g_assert_cmpstr (status->activist_date, ==, "2020-09-15");
  g_assert_cmpstr (status->candidate_date, ==, "2021-09-20");
  g_assert_cmpstr (status->joined_date, ==, "2021-12-20");
  g_assert_cmpstr (status->full_date, ==, "2022-12-20");
  g_assert_null (status->probation_end);
}

/* The same path, in reverse order: the rules sort the rows themselves. */
static void
test_any_order (void)
{
  g_autoptr(GPtrArray) steps = path_until ("S25");
  g_autoptr(GPtrArray) issues = NULL;
  g_autoptr(ZbRecruitStatus) status = NULL;

  for (guint i = 0; i < steps->len / 2; i++)
    {
      gpointer swap = steps->pdata[i];

      steps->pdata[i] = steps->pdata[steps->len - 1 - i];
      steps->pdata[steps->len - 1 - i] = swap;
    }
  issues = check (steps, BIRTH, "2023-03-01");
  assert_no_issues (issues);
  status = zb_recruitment_rules_status (steps);
  g_assert_cmpstr (status->full_date, ==, "2022-12-20");
}

/* One broken rule each: the whole path with one change gives exactly the
 * finding of that rule. */
typedef struct
{
  const char         *name;
  void              (*change) (GPtrArray *steps);
  const char         *birth;
  const char         *today;
  const char         *rule;
  const char         *code;
  ZbRecruitSeverity   severity;
  const char * const  words[4];
} BrokenRule;

static void
talk_late (GPtrArray *steps)
{
  redate (steps, "S02", "2020-04-03");
}

static void
no_first_assessment (GPtrArray *steps)
{
  drop (steps, "S06", 0);
}

static void
candidate_after_eleven_months (GPtrArray *steps)
{
  drop (steps, "S06", 1);
  redate (steps, "S07", "2021-08-16");
}

static void
one_contact (GPtrArray *steps)
{
  static const char * const one[] = { "张建国", " ", NULL };

  zb_recruit_step_set_people (find_step (steps, "S05", 0), one);
}

static void
one_introducer (GPtrArray *steps)
{
  static const char * const one[] = { "王志强", NULL };

  zb_recruit_step_set_people (find_step (steps, "S09", 0), one);
}

static void
no_political_review (GPtrArray *steps)
{
  drop (steps, "S10", 0);
}

static void
no_training (GPtrArray *steps)
{
  drop (steps, "S11", 0);
}

static void
short_training (GPtrArray *steps)
{
  zb_recruit_step_set_training (find_step (steps, "S11", 0), 2, 16);
}

static void
no_filing (GPtrArray *steps)
{
  drop (steps, "S04", 0);
}

static void
approval_in_four_months (GPtrArray *steps)
{
  redate (steps, "S17", "2022-04-15");
  redate (steps, "S18", "2022-04-25");
  redate (steps, "S19", "2022-05-05");
}

static void
approval_in_seven_months (GPtrArray *steps)
{
  redate (steps, "S17", "2022-06-25");
  redate (steps, "S18", "2022-06-28");
  redate (steps, "S19", "2022-06-30");
}

static void
short_notice (GPtrArray *steps)
{
  zb_recruit_step_set_notice (find_step (steps, "S07", 0), "2021-09-13", "2021-09-16");
}

/* Friday to Wednesday: six days, four of them working days. */
static void
notice_over_a_weekend (GPtrArray *steps)
{
  zb_recruit_step_set_notice (find_step (steps, "S07", 0), "2021-09-10", "2021-09-15");
}

static void
out_of_order (GPtrArray *steps)
{
  redate (steps, "S13", "2021-11-15");
}

static void
vote_before_probation_ends (GPtrArray *steps)
{
  redate (steps, "S23", "2022-12-19");
}

static void
vote_two_months_late (GPtrArray *steps)
{
  redate (steps, "S23", "2023-01-25");
  redate (steps, "S24", "2023-02-10");
  redate (steps, "S25", "2023-02-20");
}

/* The end of the path from S23 on, as (code, date, outcome, months). */
static void
replace_end (GPtrArray    *steps,
             const char  **rows)
{
  for (guint i = steps->len; i > 0; i--)
    if (g_strcmp0 (zb_recruit_step_get_code (g_ptr_array_index (steps, i - 1)), "S23") >= 0)
      g_ptr_array_remove_index (steps, i - 1);

  for (guint i = 0; rows[i] != NULL; i += 4)
    {
      ZbRecruitStep *step = add_step (steps, rows[i], rows[i + 1]);

      if (*rows[i + 2] != '\0')
        zb_recruit_step_set_outcome (step, rows[i + 2]);
      zb_recruit_step_set_extension_months (step, atoi (rows[i + 3]));
    }
}

static void
extended_twice (GPtrArray *steps)
{
  const char *rows[] = {
    "S23", "2022-12-27", ZB_RECRUIT_OUTCOME_EXTENDED, "6",
    "S24", "2023-01-10", "", "0",
    "S23", "2023-06-25", ZB_RECRUIT_OUTCOME_EXTENDED, "6",
    "S24", "2023-07-05", "", "0",
    "S23", "2023-12-27", ZB_RECRUIT_OUTCOME_FULL, "0",
    "S24", "2024-01-05", "", "0",
    "S25", "2024-01-10", "", "0",
    NULL
  };

  replace_end (steps, rows);
}

static void
extended_fourteen_months (GPtrArray *steps)
{
  const char *rows[] = {
    "S23", "2022-12-27", ZB_RECRUIT_OUTCOME_EXTENDED, "14",
    "S24", "2023-01-10", "", "0",
    "S23", "2024-02-25", ZB_RECRUIT_OUTCOME_FULL, "0",
    "S24", "2024-03-01", "", "0",
    "S25", "2024-03-05", "", "0",
    NULL
  };

  replace_end (steps, rows);
}

static const BrokenRule broken_rules[] = {
  { "applicant-under-18", NULL, "2002-05-10", "2023-03-01", ZB_RECRUIT_RULE_AGE, "S01",
    ZB_RECRUIT_SEVERITY_ALERT, { "2002-05-10", "2020-03-02", " 17 " } },
  { "talk-after-a-month", talk_late, BIRTH, "2023-03-01", ZB_RECRUIT_RULE_TALK, "S02",
    ZB_RECRUIT_SEVERITY_WARNING, { "2020-03-02", "2020-04-02", "2020-04-03" } },
  { "assessment-gap", no_first_assessment, BIRTH, "2023-03-01", ZB_RECRUIT_RULE_ASSESSMENT,
    "S06", ZB_RECRUIT_SEVERITY_WARNING, { "2020-09-15", "2021-09-08", "2021-03-15" } },
  { "candidate-after-11-months", candidate_after_eleven_months, BIRTH, "2023-03-01",
    ZB_RECRUIT_RULE_ACTIVIST_YEAR, "S07", ZB_RECRUIT_SEVERITY_ALERT,
    { "2020-09-15", "2021-08-16", "11 months" } },
  { "one-contact", one_contact, BIRTH, "2023-03-01", ZB_RECRUIT_RULE_CONTACTS, "S05",
    ZB_RECRUIT_SEVERITY_WARNING, { "2020-09-28", "names 1" } },
  { "one-introducer", one_introducer, BIRTH, "2023-03-01", ZB_RECRUIT_RULE_INTRODUCERS, "S09",
    ZB_RECRUIT_SEVERITY_ALERT, { "2021-10-08", "are 1" } },
  { "no-political-review", no_political_review, BIRTH, "2023-03-01",
    ZB_RECRUIT_RULE_POLITICAL_REVIEW, "S10", ZB_RECRUIT_SEVERITY_ALERT, { "S10", "S11" } },
  { "no-training", no_training, BIRTH, "2023-03-01", ZB_RECRUIT_RULE_TRAINING, "S11",
    ZB_RECRUIT_SEVERITY_ALERT, { "S11", "S12", "2021-11-20" } },
  { "short-training", short_training, BIRTH, "2023-03-01", ZB_RECRUIT_RULE_TRAINING, "S11",
    ZB_RECRUIT_SEVERITY_ALERT, { "2021-11-01", "2 days", "16 class hours" } },
  { "step-left-out", no_filing, BIRTH, "2023-03-01", ZB_RECRUIT_RULE_MISSING, "S04",
    ZB_RECRUIT_SEVERITY_WARNING, { "S04", "S05", "2020-09-28" } },
  { "approval-after-3-months", approval_in_four_months, BIRTH, "2023-03-01",
    ZB_RECRUIT_RULE_APPROVAL_3, "S17", ZB_RECRUIT_SEVERITY_WARNING,
    { "2021-12-20", "2022-03-20", "2022-04-15" } },
  { "approval-after-6-months", approval_in_seven_months, BIRTH, "2023-03-01",
    ZB_RECRUIT_RULE_APPROVAL_6, "S17", ZB_RECRUIT_SEVERITY_ALERT,
    { "2021-12-20", "2022-06-20", "2022-06-25" } },
  { "notice-of-4-working-days", short_notice, BIRTH, "2023-03-01", ZB_RECRUIT_RULE_NOTICE,
    "S07", ZB_RECRUIT_SEVERITY_WARNING, { "2021-09-13", "2021-09-16", "4 working days" } },
  { "notice-over-a-weekend", notice_over_a_weekend, BIRTH, "2023-03-01",
    ZB_RECRUIT_RULE_NOTICE, "S07", ZB_RECRUIT_SEVERITY_WARNING,
    { "2021-09-10", "2021-09-15", "4 working days" } },
  { "steps-out-of-order", out_of_order, BIRTH, "2023-03-01", ZB_RECRUIT_RULE_ORDER, "S13",
    ZB_RECRUIT_SEVERITY_ALERT, { "2021-11-15", "S12", "2021-11-20" } },
  { "vote-before-probation-ends", vote_before_probation_ends, BIRTH, "2023-03-01",
    ZB_RECRUIT_RULE_PROBATION_EARLY, "S23", ZB_RECRUIT_SEVERITY_ALERT,
    { "2022-12-19", "2022-12-20" } },
  { "vote-long-after-probation-ends", vote_two_months_late, BIRTH, "2023-03-01",
    ZB_RECRUIT_RULE_PROBATION_LATE, "S23", ZB_RECRUIT_SEVERITY_WARNING,
    { "2022-12-20", "2023-01-25" } },
  { "extended-twice", extended_twice, BIRTH, "2024-03-01", ZB_RECRUIT_RULE_EXTENSION_ONCE,
    "S23", ZB_RECRUIT_SEVERITY_ALERT, { "2023-06-25" } },
  { "extended-14-months", extended_fourteen_months, BIRTH, "2024-04-01",
    ZB_RECRUIT_RULE_EXTENSION_LENGTH, "S23", ZB_RECRUIT_SEVERITY_ALERT,
    { "2022-12-27", "14 months" } },
};

static void
test_broken_rule (gconstpointer data)
{
  const BrokenRule *broken = data;
  g_autoptr(GPtrArray) steps = path_until ("S25");
  g_autoptr(GPtrArray) issues = NULL;

  if (broken->change != NULL)
    broken->change (steps);
  issues = check (steps, broken->birth, broken->today);
  assert_one_issue (issues, broken->rule, broken->code, broken->severity, broken->words);
}

/* Each edge of a time rule holds on its day and breaks the day after;
 * months are calendar months, clamped at a shorter month's end. */
static void
test_edges (void)
{
  struct
  {
    const char *code;
    const char *date;
    guint       n_issues;
  } cases[] = {
    { "S02", "2020-04-02", 0 },   /* a month after 2020-03-02 */
    { "S07", "2021-09-15", 0 },   /* a year after 2020-09-15 */
    { "S07", "2021-09-14", 1 },
    { "S17", "2022-03-20", 0 },   /* three months after 2021-12-20 */
    { "S17", "2022-03-21", 1 },
    { "S23", "2022-12-20", 0 },   /* the day probation ends */
    { "S23", "2023-01-20", 0 },   /* a month after it */
    { "S23", "2023-01-21", 1 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GPtrArray) steps = path_until ("S25");
      g_autoptr(GPtrArray) issues = NULL;

      if (g_str_equal (cases[i].code, "S17"))
        {
          redate (steps, "S18", "2022-03-25");
          redate (steps, "S19", "2022-03-28");
        }
      if (g_str_equal (cases[i].code, "S23"))
        {
          redate (steps, "S24", "2023-02-01");
          redate (steps, "S25", "2023-02-02");
        }
      redate (steps, cases[i].code, cases[i].date);
      issues = check (steps, BIRTH, "2024-01-01");
      g_test_message ("%s on %s", cases[i].code, cases[i].date);
      print_issues (issues);
      g_assert_cmpuint (issues->len, ==, cases[i].n_issues);
    }
}

/* Applied on Jan 31: the month ends on Feb 28, or Feb 29 in a leap year. */
static void
test_month_end (void)
{
  const char *cases[][3] = {
    { "2021-01-31", "2021-02-28", "2021-03-01" },
    { "2024-01-31", "2024-02-29", "2024-03-01" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GPtrArray) steps = g_ptr_array_new_with_free_func (g_object_unref);
      g_autoptr(GPtrArray) issues = NULL;
      ZbRecruitStep *talk;

      add_step (steps, "S01", cases[i][0]);
      talk = add_step (steps, "S02", cases[i][1]);
      issues = check (steps, BIRTH, "2025-01-01");
      assert_no_issues (issues);
      g_clear_pointer (&issues, g_ptr_array_unref);

      zb_recruit_step_set_date (talk, cases[i][2]);
      issues = check (steps, BIRTH, "2025-01-01");
      assert_one_issue (issues, ZB_RECRUIT_RULE_TALK, "S02", ZB_RECRUIT_SEVERITY_WARNING,
                        (const char *[]) { cases[i][1], NULL });
    }
}

/* Admitted on Feb 29: a year of probation ends on Feb 28. */
static void
test_leap_day_admission (void)
{
  g_autoptr(GPtrArray) steps = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(ZbRecruitStatus) status = NULL;

  add_step (steps, "S15", "2020-02-29");
  add_step (steps, "S23", "2021-03-01");
  add_step (steps, "S24", "2021-03-10");
  status = zb_recruitment_rules_status (steps);
  g_assert_cmpstr (status->category, ==, ZB_CATEGORY_FULL);
  g_assert_cmpstr (status->full_date, ==, "2021-02-28");
}

/* Deadlines passed with the step still not recorded, by "today". */
static void
test_deadlines_passed (void)
{
  struct
  {
    const char        *until;
    const char        *today;
    const char        *rule;
    ZbRecruitSeverity  severity;
  } cases[] = {
    { "S01", "2020-04-02", NULL },
    { "S01", "2020-04-03", ZB_RECRUIT_RULE_TALK, ZB_RECRUIT_SEVERITY_WARNING },
    { "S05", "2021-03-15", NULL },
    { "S05", "2021-03-16", ZB_RECRUIT_RULE_ASSESSMENT, ZB_RECRUIT_SEVERITY_WARNING },
    { "S16", "2022-03-20", NULL },
    { "S16", "2022-03-21", ZB_RECRUIT_RULE_APPROVAL_3, ZB_RECRUIT_SEVERITY_WARNING },
    { "S16", "2022-06-20", ZB_RECRUIT_RULE_APPROVAL_3, ZB_RECRUIT_SEVERITY_WARNING },
    { "S16", "2022-06-21", ZB_RECRUIT_RULE_APPROVAL_6, ZB_RECRUIT_SEVERITY_ALERT },
    { "S22", "2023-01-20", NULL },
    { "S22", "2023-01-21", ZB_RECRUIT_RULE_PROBATION_LATE, ZB_RECRUIT_SEVERITY_WARNING },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GPtrArray) steps = path_until (cases[i].until);
      g_autoptr(GPtrArray) issues = NULL;

      g_test_message ("up to %s on %s", cases[i].until, cases[i].today);
      issues = check (steps, BIRTH, cases[i].today);
      if (cases[i].rule == NULL)
        assert_no_issues (issues);
      else
        assert_one_issue (issues, cases[i].rule, NULL, cases[i].severity, NULL);
    }
}

static void
assert_due (GPtrArray  *due,
            guint       i,
            const char *code,
            const char *earliest,
            const char *latest,
            gboolean    overdue)
{
  ZbRecruitDue *item;

  g_assert_cmpuint (i, <, due->len);
  item = g_ptr_array_index (due, i);
  g_assert_cmpstr (item->code, ==, code);
  g_assert_cmpstr (item->earliest, ==, earliest);
  g_assert_cmpstr (item->latest, ==, latest);
  g_assert_cmpint (item->overdue, ==, overdue);
}

static GPtrArray *
due_on (GPtrArray  *steps,
        const char *today)
{
  GDate day;
  GPtrArray *due;

  set_day (&day, today);
  due = zb_recruitment_rules_due (steps, &day);
  for (guint i = 0; i < due->len; i++)
    {
      ZbRecruitDue *item = g_ptr_array_index (due, i);

      g_test_message ("%s due %s..%s%s", item->code, item->earliest,
                      item->latest ? item->latest : "", item->overdue ? " overdue" : "");
    }
  return due;
}

/* What is due next, at a few "today"s along the path. */
static void
test_due (void)
{
  g_autoptr(GPtrArray) applied = path_until ("S01");
  g_autoptr(GPtrArray) talked = path_until ("S02");
  g_autoptr(GPtrArray) activist = path_until ("S06");
  g_autoptr(GPtrArray) candidate = path_until ("S09");
  g_autoptr(GPtrArray) admitted = path_until ("S15");
  g_autoptr(GPtrArray) voted = path_until ("S23");
  g_autoptr(GPtrArray) approved = path_until ("S24");
  g_autoptr(GPtrArray) due = NULL;

  due = due_on (applied, "2020-03-10");
  g_assert_cmpuint (due->len, ==, 1);
  assert_due (due, 0, "S02", "2020-03-02", "2020-04-02", FALSE);
  g_clear_pointer (&due, g_ptr_array_unref);
  due = due_on (applied, "2020-04-03");
  assert_due (due, 0, "S02", "2020-03-02", "2020-04-02", TRUE);
  g_clear_pointer (&due, g_ptr_array_unref);

  due = due_on (talked, "2020-04-03");
  g_assert_cmpuint (due->len, ==, 1);
  assert_due (due, 0, "S03", "2020-03-20", NULL, FALSE);
  g_clear_pointer (&due, g_ptr_array_unref);

  /* The next assessment six months after the last; S07 a year after S03. */
  due = due_on (activist, "2021-09-09");
  g_assert_cmpuint (due->len, ==, 2);
  assert_due (due, 0, "S06", "2021-09-08", "2022-03-08", FALSE);
  assert_due (due, 1, "S07", "2021-09-15", NULL, FALSE);
  g_clear_pointer (&due, g_ptr_array_unref);
  drop (activist, "S06", 1);
  due = due_on (activist, "2021-09-11");
  assert_due (due, 0, "S06", "2021-03-10", "2021-09-10", TRUE);
  g_clear_pointer (&due, g_ptr_array_unref);

  due = due_on (candidate, "2021-10-10");
  g_assert_cmpuint (due->len, ==, 2);
  assert_due (due, 0, "S10", "2021-09-20", NULL, FALSE);
  assert_due (due, 1, "S11", "2021-09-20", NULL, FALSE);
  g_clear_pointer (&due, g_ptr_array_unref);

  /* Admitted: S16 to S22, the approval within three months, the vote at
   * the end of the probation. */
  due = due_on (admitted, "2022-04-01");
  g_assert_cmpuint (due->len, ==, 8);
  assert_due (due, 0, "S16", "2021-12-20", NULL, FALSE);
  assert_due (due, 1, "S17", "2021-12-20", "2022-03-20", TRUE);
  assert_due (due, 6, "S22", "2021-12-20", "2022-12-20", FALSE);
  assert_due (due, 7, "S23", "2022-12-20", "2023-01-20", FALSE);
  g_clear_pointer (&due, g_ptr_array_unref);

  due = due_on (voted, "2023-01-01");
  g_assert_cmpuint (due->len, ==, 1);
  assert_due (due, 0, "S24", "2022-12-27", NULL, FALSE);
  g_clear_pointer (&due, g_ptr_array_unref);

  due = due_on (approved, "2023-01-15");
  g_assert_cmpuint (due->len, ==, 1);
  assert_due (due, 0, "S25", "2023-01-10", NULL, FALSE);
}

/* After an extension of six months, the vote is due when it ends. */
static void
test_due_after_extension (void)
{
  g_autoptr(GPtrArray) steps = path_until ("S22");
  g_autoptr(GPtrArray) due = NULL;
  ZbRecruitStep *vote = add_step (steps, "S23", "2022-12-27");

  zb_recruit_step_set_outcome (vote, ZB_RECRUIT_OUTCOME_EXTENDED);
  zb_recruit_step_set_extension_months (vote, 6);
  add_step (steps, "S24", "2023-01-10");

  due = due_on (steps, "2023-07-01");
  g_assert_cmpuint (due->len, ==, 1);
  assert_due (due, 0, "S23", "2023-06-20", "2023-07-20", FALSE);
}

/* The member record the steps imply, along the path. */
static void
test_status_along_the_path (void)
{
  struct
  {
    const char *until;
    const char *category;
    const char *joined;
  } cases[] = {
    { "S00", NULL, NULL },
    { "S02", ZB_CATEGORY_APPLICANT, NULL },
    { "S06", ZB_CATEGORY_ACTIVIST, NULL },
    { "S14", ZB_CATEGORY_CANDIDATE, NULL },
    { "S15", ZB_CATEGORY_PROBATIONARY, "2021-12-20" },
    { "S23", ZB_CATEGORY_PROBATIONARY, "2021-12-20" },   /* until S24 approves */
    { "S24", ZB_CATEGORY_FULL, "2021-12-20" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GPtrArray) steps = path_until (cases[i].until);
      g_autoptr(ZbRecruitStatus) status = zb_recruitment_rules_status (steps);

      g_assert_cmpstr (status->category, ==, cases[i].category);
      g_assert_cmpstr (status->joined_date, ==, cases[i].joined);
      g_assert_false (status->disqualified);
      if (g_strcmp0 (cases[i].category, ZB_CATEGORY_FULL) != 0)
        g_assert_null (status->full_date);
    }
}

/* S17 refused returns the person to 发展对象; so does a vote not to admit. */
static void
test_status_refused (void)
{
  g_autoptr(GPtrArray) refused = path_until ("S17");
  g_autoptr(GPtrArray) not_admitted = path_until ("S15");
  g_autoptr(ZbRecruitStatus) status = NULL;
  g_autoptr(GPtrArray) due = NULL;

  zb_recruit_step_set_outcome (find_step (refused, "S17", 0), ZB_RECRUIT_OUTCOME_REFUSED);
  status = zb_recruitment_rules_status (refused);
  g_assert_cmpstr (status->category, ==, ZB_CATEGORY_CANDIDATE);
  g_assert_null (status->joined_date);
  due = due_on (refused, "2022-03-01");
  g_assert_cmpuint (due->len, ==, 0);
  g_clear_pointer (&status, zb_recruit_status_free);

  zb_recruit_step_set_outcome (find_step (not_admitted, "S15", 0),
                               ZB_RECRUIT_OUTCOME_NOT_ADMITTED);
  status = zb_recruitment_rules_status (not_admitted);
  g_assert_cmpstr (status->category, ==, ZB_CATEGORY_CANDIDATE);
  g_assert_null (status->joined_date);
}

/* An extension of six months, then 按期转正: a full member from the end of
 * the extension, and nothing broken. */
static void
test_status_extended (void)
{
  g_autoptr(GPtrArray) steps = path_until ("S25");
  g_autoptr(GPtrArray) issues = NULL;
  g_autoptr(ZbRecruitStatus) status = NULL;
  const char *rows[] = {
    "S23", "2022-12-27", ZB_RECRUIT_OUTCOME_EXTENDED, "6",
    "S24", "2023-01-10", "", "0",
    "S23", "2023-06-25", ZB_RECRUIT_OUTCOME_FULL, "0",
    "S24", "2023-07-05", "", "0",
    "S25", "2023-07-10", "", "0",
    NULL
  };

  replace_end (steps, rows);
  issues = check (steps, BIRTH, "2024-01-01");
  assert_no_issues (issues);
  status = zb_recruitment_rules_status (steps);
  g_assert_cmpstr (status->category, ==, ZB_CATEGORY_FULL);
  g_assert_cmpstr (status->probation_end, ==, "2023-06-20");
  g_assert_cmpstr (status->full_date, ==, "2023-06-20");
}

/* 取消资格 approved: out of the pipeline, nothing due; the dates stay. */
static void
test_status_disqualified (void)
{
  g_autoptr(GPtrArray) steps = path_until ("S24");
  g_autoptr(ZbRecruitStatus) status = NULL;
  g_autoptr(GPtrArray) due = NULL;

  zb_recruit_step_set_outcome (find_step (steps, "S23", 0), ZB_RECRUIT_OUTCOME_DISQUALIFIED);
  status = zb_recruitment_rules_status (steps);
  g_assert_true (status->disqualified);
  g_assert_null (status->category);
  g_assert_null (status->full_date);
  g_assert_cmpstr (status->applied_date, ==, "2020-03-02");
  due = due_on (steps, "2023-03-01");
  g_assert_cmpuint (due->len, ==, 0);
}

static void
assert_invalid (ZbRecruitStep      *step,
                ZbRecruitStepError  code,
                const char         *field)
{
  g_autoptr(GError) error = NULL;

  g_assert_false (zb_recruit_step_validate (step, &error));
  g_assert_error (error, ZB_RECRUIT_STEP_ERROR, (int) code);
  g_test_message ("%s", error->message);
  g_assert_true (g_str_has_prefix (error->message, field));
}

static void
assert_valid (ZbRecruitStep *step)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (zb_recruit_step_validate (step, &error));
  g_assert_no_error (error);
}

/* The step record's own fields, each error naming its field. */
static void
test_field_checks (void)
{
  const char *bad_codes[] = { "S00", "S26", "s01", "01", "" };
  const char *bad_dates[] = { "2021-02-30", "2021/02/01", "20210201", "" };
  g_autoptr(ZbRecruitStep) step = NULL;
  const char * const two[] = { "张建国", "李红梅", NULL };

  for (guint i = 0; i < G_N_ELEMENTS (bad_codes); i++)
    {
      g_autoptr(ZbRecruitStep) bad = zb_recruit_step_new (PERSON, bad_codes[i], "2021-01-01");

      assert_invalid (bad, ZB_RECRUIT_STEP_ERROR_CODE, "Step: ");
    }
  for (guint i = 0; i < G_N_ELEMENTS (bad_dates); i++)
    {
      g_autoptr(ZbRecruitStep) bad = zb_recruit_step_new (PERSON, "S01", bad_dates[i]);

      assert_invalid (bad, ZB_RECRUIT_STEP_ERROR_DATE, "Date: ");
    }

  step = zb_recruit_step_new (PERSON, "S02", "2021-01-01");
  assert_valid (step);
  zb_recruit_step_set_outcome (step, ZB_RECRUIT_OUTCOME_APPROVED);
  assert_invalid (step, ZB_RECRUIT_STEP_ERROR_OUTCOME, "Outcome: ");
  zb_recruit_step_set_outcome (step, NULL);
  zb_recruit_step_set_people (step, two);
  assert_invalid (step, ZB_RECRUIT_STEP_ERROR_PEOPLE, "People: ");
  zb_recruit_step_set_people (step, NULL);
  zb_recruit_step_set_training (step, 3, 0);
  assert_invalid (step, ZB_RECRUIT_STEP_ERROR_TRAINING, "Training: ");
  zb_recruit_step_set_training (step, 0, 0);
  zb_recruit_step_set_notice (step, "2021-01-08", "2021-01-04");
  assert_invalid (step, ZB_RECRUIT_STEP_ERROR_NOTICE, "Notice: ");
  zb_recruit_step_set_notice (step, "2021-01-04", NULL);
  assert_invalid (step, ZB_RECRUIT_STEP_ERROR_NOTICE, "Notice: ");
  zb_recruit_step_set_notice (step, "2021-01-04", "2021-01-08");
  assert_valid (step);
  g_clear_object (&step);

  /* S15 decides: its outcome is required and must be one of its own. */
  step = zb_recruit_step_new (PERSON, "S15", "2021-12-20");
  assert_invalid (step, ZB_RECRUIT_STEP_ERROR_OUTCOME, "Outcome: ");
  zb_recruit_step_set_outcome (step, ZB_RECRUIT_OUTCOME_FULL);
  assert_invalid (step, ZB_RECRUIT_STEP_ERROR_OUTCOME, "Outcome: ");
  zb_recruit_step_set_outcome (step, ZB_RECRUIT_OUTCOME_NOT_ADMITTED);
  assert_valid (step);
  g_clear_object (&step);

  /* An extension is of 6 to 12 months, and only on S23 延长预备期. */
  step = zb_recruit_step_new (PERSON, "S23", "2022-12-27");
  zb_recruit_step_set_outcome (step, ZB_RECRUIT_OUTCOME_EXTENDED);
  for (guint months = 0; months <= 14; months++)
    {
      zb_recruit_step_set_extension_months (step, months);
      if (months >= 6 && months <= 12)
        assert_valid (step);
      else
        assert_invalid (step, ZB_RECRUIT_STEP_ERROR_EXTENSION, "Extension: ");
    }
  zb_recruit_step_set_outcome (step, ZB_RECRUIT_OUTCOME_FULL);
  assert_invalid (step, ZB_RECRUIT_STEP_ERROR_EXTENSION, "Extension: ");
  zb_recruit_step_set_extension_months (step, 0);
  assert_valid (step);
}

/* DOMAIN.md section 1's table, verbatim. */
static void
test_step_table (void)
{
  const char *names[] = {
    "递交入党申请书", "党组织派人谈话", "推荐和确定入党积极分子", "报上级党委备案",
    "指定培养联系人", "培养教育考察", "确定发展对象", "报上级党委备案", "确定入党介绍人",
    "进行政治审查", "开展集中培训", "支部委员会审查", "上级党委预审", "填写入党志愿书",
    "支部大会讨论", "上级党委派人谈话", "上级党委审批", "再上一级党委组织部门备案",
    "编入党支部和党小组", "入党宣誓", "继续教育考察", "提出转正申请", "支部大会讨论",
    "上级党委审批", "材料归档",
  };
  const guint stages[] = { 1, 1, 2, 2, 2, 2, 3, 3, 3, 3, 3, 4, 4, 4, 4, 4, 4, 4, 5, 5, 5, 5,
                           5, 5, 5 };
  const char *stage_names[] = {
    "申请入党", "入党积极分子的确定和培养教育", "发展对象的确定和考察", "预备党员的接收",
    "预备党员的教育考察和转正",
  };

  G_STATIC_ASSERT (G_N_ELEMENTS (names) == ZB_RECRUIT_N_STEPS);
  for (guint i = 0; i < ZB_RECRUIT_N_STEPS; i++)
    {
      const ZbRecruitStepInfo *info = zb_recruit_step_info (i + 1);
      g_autofree char *code = g_strdup_printf ("S%02u", i + 1);

      g_assert_cmpstr (info->code, ==, code);
      g_assert_cmpuint (info->stage, ==, stages[i]);
      g_assert_cmpstr (info->name, ==, names[i]);
      g_assert_true (zb_recruit_step_lookup (code) == info);
      g_assert_cmpuint (zb_recruit_step_number (code), ==, i + 1);
      g_assert_cmpint (zb_recruit_step_has_outcome (code), ==,
                       i + 1 == 15 || i + 1 == 17 || i + 1 == 23 || i + 1 == 24);
    }
  g_assert_null (zb_recruit_step_info (0));
  g_assert_null (zb_recruit_step_info (26));
  for (guint s = 1; s <= ZB_RECRUIT_N_STAGES; s++)
    g_assert_cmpstr (zb_recruit_stage_info (s)->name, ==, stage_names[s - 1]);
  g_assert_null (zb_recruit_stage_info (6));
}

/* The reports of @dates (ISO), each with a summary. */
static GPtrArray *
reports_of (const char * const *dates)
{
  GPtrArray *reports = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint i = 0; dates[i] != NULL; i++)
    g_ptr_array_add (reports, zb_thought_report_new (PERSON, dates[i], "学习党章的体会"));
  return reports;
}

static GPtrArray *
check_reports (GPtrArray          *steps,
               const char * const *dates,
               const char         *today)
{
  g_autoptr(GPtrArray) reports = reports_of (dates);
  GDate day;

  set_day (&day, today);
  return zb_recruitment_rules_check_reports (steps, reports, &day);
}

/* A written report each full calendar quarter from S03 (2020-09-15) until
 * the day probation ended (2022-12-20): 2020's fourth quarter to 2022's
 * third, eight quarters; the third of 2020 and the fourth of 2022 are not
 * full. Two left out are two warnings, each naming its quarter, the step
 * of the stage it fell in (S06 before admission, S21 after) and its last
 * day; a report on a quarter's last day counts for it. */
static void
test_reports (void)
{
  g_autoptr(GPtrArray) steps = path_until ("S25");
  const char *all[] = { "2020-12-31", "2021-03-01", "2021-05-01", "2021-08-01", "2021-11-01",
                        "2022-02-01", "2022-05-01", "2022-08-01", NULL };
  const char *gaps[] = { "2020-11-30", "2021-03-01", "2021-08-01", "2021-11-01", "2022-02-01",
                         "2022-05-01", "2022-12-31", NULL };
  const char *none[] = { NULL };
  g_autoptr(GPtrArray) complete = check_reports (steps, all, "2026-01-01");
  g_autoptr(GPtrArray) missing = check_reports (steps, gaps, "2026-01-01");
  g_autoptr(GPtrArray) early = NULL, later = NULL, applicant = NULL;
  ZbRecruitIssue *first, *second;

  assert_no_issues (complete);
  print_issues (missing);
  g_assert_cmpuint (missing->len, ==, 2);
  first = g_ptr_array_index (missing, 0);
  second = g_ptr_array_index (missing, 1);
  g_assert_cmpstr (first->rule, ==, ZB_RECRUIT_RULE_REPORTS);
  g_assert_cmpint (first->severity, ==, ZB_RECRUIT_SEVERITY_WARNING);
  g_assert_cmpstr (first->code, ==, "S06");
  g_assert_cmpstr (first->date, ==, "2021-06-30");
  g_assert_nonnull (strstr (first->message, "the second quarter of 2021"));
  g_assert_cmpstr (second->code, ==, "S21");
  g_assert_cmpstr (second->date, ==, "2022-09-30");
  g_assert_nonnull (strstr (second->message, "the third quarter of 2022"));

  /* An activist from a quarter's first day: that quarter is full, judged
   * once over, and not on its last day. */
  g_clear_pointer (&steps, g_ptr_array_unref);
  steps = path_until ("S02");
  add_step (steps, "S03", "2021-01-01");
  early = check_reports (steps, none, "2021-03-31");
  assert_no_issues (early);
  later = check_reports (steps, none, "2021-04-01");
  assert_one_issue (later, ZB_RECRUIT_RULE_REPORTS, "S06", ZB_RECRUIT_SEVERITY_WARNING,
                    (const char *[]) { "the first quarter of 2021", NULL });

  /* No activist date, no reports due. */
  g_clear_pointer (&steps, g_ptr_array_unref);
  steps = path_until ("S02");
  applicant = check_reports (steps, none, "2026-01-01");
  assert_no_issues (applicant);
}

static GPtrArray *
check_leaving (GPtrArray  *steps,
               const char *leaving,
               const char *today)
{
  GDate day;

  set_day (&day, today);
  return zb_recruitment_rules_check_leaving (steps, leaving, &day);
}

/* A candidate expected to leave the unit within three months is usually
 * not admitted: a warning (never more), from today before the vote (S15),
 * from the day of the meeting that admitted after it; three months and a
 * day is not within; an activist is not concerned. */
static void
test_leaving (void)
{
  g_autoptr(GPtrArray) candidate = path_until ("S09");
  g_autoptr(GPtrArray) admitted = path_until ("S15");
  g_autoptr(GPtrArray) activist = path_until ("S06");
  g_autoptr(GPtrArray) none = check_leaving (candidate, NULL, "2021-10-10");
  g_autoptr(GPtrArray) soon = check_leaving (candidate, "2022-01-10", "2021-10-10");
  g_autoptr(GPtrArray) later = check_leaving (candidate, "2022-01-11", "2021-10-10");
  g_autoptr(GPtrArray) at_vote = check_leaving (admitted, "2022-03-20", "2022-03-01");
  g_autoptr(GPtrArray) after_vote = check_leaving (admitted, "2022-03-21", "2022-03-01");
  g_autoptr(GPtrArray) not_candidate = check_leaving (activist, "2021-10-20", "2021-10-10");

  assert_no_issues (none);
  assert_one_issue (soon, ZB_RECRUIT_RULE_LEAVING, "S15", ZB_RECRUIT_SEVERITY_WARNING,
                    (const char *[]) { "within three months", "2022-01-10", "2021-10-10",
                                       NULL });
  assert_no_issues (later);
  assert_one_issue (at_vote, ZB_RECRUIT_RULE_LEAVING, "S15", ZB_RECRUIT_SEVERITY_WARNING,
                    (const char *[]) { "general meeting of 2021-12-20", "2022-03-20", NULL });
  assert_no_issues (after_vote);
  assert_no_issues (not_candidate);
}

/* The roster of the sponsor test: 张建国 a full member; 李红梅 probationary
 * on the day; 王志强 on the roster but not a member then; 赵丽华 two members
 * of that name; anyone else none. */
static guint
roster_cb (const char *name,
           const char *day,
           ZbStanding *standing,
           gpointer    user_data)
{
  GPtrArray *asked = user_data;

  g_ptr_array_add (asked, g_strdup_printf ("%s %s", name, day));
  if (g_str_equal (name, "张建国"))
    *standing = (ZbStanding) { TRUE, TRUE, TRUE };
  else if (g_str_equal (name, "李红梅"))
    *standing = (ZbStanding) { TRUE, FALSE, FALSE };
  else if (g_str_equal (name, "王志强"))
    *standing = (ZbStanding) { FALSE, FALSE, FALSE };
  else
    return g_str_equal (name, "赵丽华") ? 2 : 0;
  return 1;
}

/* Contacts (S05) and introducers (S09) are full members on the step's day:
 * a name exactly one member bears who was probationary, or not a member,
 * is a finding naming the person and why; a name several bear, or none,
 * is not judged. */
static void
test_sponsors (void)
{
  g_autoptr(GPtrArray) steps = path_until ("S09");
  g_autoptr(GPtrArray) asked = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) issues = NULL;
  g_autoptr(GPtrArray) others = NULL;
  static const char * const strangers[] = { "孙立新", "赵丽华", NULL };
  ZbRecruitIssue *contact, *introducer;

  issues = zb_recruitment_rules_check_sponsors (steps, roster_cb, asked);
  print_issues (issues);
  g_assert_cmpuint (issues->len, ==, 2);
  contact = g_ptr_array_index (issues, 0);
  introducer = g_ptr_array_index (issues, 1);
  g_assert_cmpstr (contact->rule, ==, ZB_RECRUIT_RULE_CONTACTS);
  g_assert_cmpstr (contact->code, ==, "S05");
  g_assert_cmpint (contact->severity, ==, ZB_RECRUIT_SEVERITY_WARNING);
  g_assert_cmpstr (contact->date, ==, "2020-09-28");
  g_assert_nonnull (strstr (contact->message, "李红梅 was a probationary member"));
  g_assert_cmpstr (introducer->rule, ==, ZB_RECRUIT_RULE_INTRODUCERS);
  g_assert_cmpstr (introducer->code, ==, "S09");
  g_assert_cmpint (introducer->severity, ==, ZB_RECRUIT_SEVERITY_ALERT);
  g_assert_nonnull (strstr (introducer->message, "王志强 was not a member of the branch"));
  /* Each name asked on its step's day. */
  g_assert_cmpuint (asked->len, ==, 4);
  g_assert_cmpstr (g_ptr_array_index (asked, 0), ==, "张建国 2020-09-28");
  g_assert_cmpstr (g_ptr_array_index (asked, 3), ==, "赵丽华 2021-10-08");

  /* A later S09 counts, not the first. */
  zb_recruit_step_set_people (add_step (steps, "S09", "2021-10-15"), strangers);
  others = zb_recruitment_rules_check_sponsors (steps, roster_cb, asked);
  g_assert_cmpuint (others->len, ==, 1);
  g_assert_cmpstr (((ZbRecruitIssue *) g_ptr_array_index (others, 0))->code, ==, "S05");
}

/* A report's own fields: whose, a day received that has come, a summary
 * of one short line. */
static void
test_report_fields (void)
{
  g_autofree char *long_summary = g_strnfill (101, 'x');
  struct
  {
    const char *person, *date, *summary, *field;
  } bad[] = {
    { NULL, "2026-03-01", "体会", "Person: " },
    { PERSON, NULL, "体会", "Date received: " },
    { PERSON, "2026-3-1x", "体会", "Date received: " },
    { PERSON, "2999-03-01", "体会", "Date received: " },
    { PERSON, "2026-03-01", " ", "Report summary: " },
    { PERSON, "2026-03-01", long_summary, "Report summary: " },
    { PERSON, "2026-03-01", "第一行\n第二行", "Report summary: " },
  };
  g_autoptr(ZbThoughtReport) good = zb_thought_report_new (PERSON, "2026-03-01", "学习体会");
  g_autoptr(GError) error = NULL;

  g_assert_true (zb_thought_report_check (good, &error));
  g_assert_no_error (error);
  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(ZbThoughtReport) r = zb_thought_report_new (bad[i].person, bad[i].date,
                                                            bad[i].summary);

      g_assert_false (zb_thought_report_check (r, &error));
      g_test_message ("%s", error->message);
      g_assert_true (g_str_has_prefix (error->message, bad[i].field));
      g_clear_error (&error);
    }
}

/* In Chinese, each step and stage reads as DOMAIN.md names it, and a
 * finding reads in the words of the Recruitment Rules. */
static void
test_chinese (void)
{
  g_autoptr(GPtrArray) steps = path_until ("S25");
  g_autoptr(GPtrArray) issues = NULL, young = NULL, reports = NULL;

  if (g_getenv ("ZHIBU_LOCALEDIR") == NULL)
    {
      g_test_skip ("ZHIBU_LOCALEDIR does not say where the built catalogues are");
      return;
    }
  if (setlocale (LC_ALL, "zh_CN.UTF-8") == NULL)
    {
      g_test_skip ("the zh_CN.UTF-8 locale is not installed");
      return;
    }
  g_setenv ("LANGUAGE", "zh_CN", TRUE);
  bindtextdomain (GETTEXT_PACKAGE, g_getenv ("ZHIBU_LOCALEDIR"));
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  for (guint i = 1; i <= ZB_RECRUIT_N_STEPS; i++)
    g_assert_cmpstr (_(zb_recruit_step_info (i)->label), ==, zb_recruit_step_info (i)->name);
  for (guint s = 1; s <= ZB_RECRUIT_N_STAGES; s++)
    g_assert_cmpstr (_(zb_recruit_stage_info (s)->label), ==, zb_recruit_stage_info (s)->name);

  candidate_after_eleven_months (steps);
  issues = check (steps, BIRTH, "2023-03-01");
  /* The translation puts the arguments in another order (%1$s...); the
   * days read as Chinese writes them. */
  young = check (steps, "2002-05-10", "2023-03-01");
  reports = check_reports (steps, (const char *[]) { NULL }, "2021-01-01");

  g_setenv ("LANGUAGE", "C", TRUE);
  setlocale (LC_ALL, "C.UTF-8");

  assert_one_issue (issues, ZB_RECRUIT_RULE_ACTIVIST_YEAR, "S07", ZB_RECRUIT_SEVERITY_ALERT,
                    (const char *[]) { "《发展党员工作细则》第十三条", "2020年9月15日",
                                       "2021年8月16日", "11个月", NULL });
  g_assert_cmpuint (young->len, ==, 2);
  g_assert_cmpstr (((ZbRecruitIssue *) g_ptr_array_index (young, 0))->message, ==,
                   "《党章》第一条、《发展党员工作细则》第五条：年满十八岁方可申请入党；"
                   "此人2002年5月10日出生，递交入党申请书之日（2020年3月2日）只有17岁");
  /* The quarter as a secretary writes it, not 2020-Q4. */
  g_assert_cmpuint (reports->len, ==, 1);
  g_assert_nonnull (strstr (((ZbRecruitIssue *) g_ptr_array_index (reports, 0))->message,
                            "2020年第四季度"));
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/recruitment/whole-path", test_whole_path);
  g_test_add_func ("/recruitment/any-order", test_any_order);
  for (guint i = 0; i < G_N_ELEMENTS (broken_rules); i++)
    {
      g_autofree char *path = g_strconcat ("/recruitment/broken/", broken_rules[i].name, NULL);

      g_test_add_data_func (path, &broken_rules[i], test_broken_rule);
    }
  g_test_add_func ("/recruitment/edges", test_edges);
  g_test_add_func ("/recruitment/month-end", test_month_end);
  g_test_add_func ("/recruitment/leap-day-admission", test_leap_day_admission);
  g_test_add_func ("/recruitment/deadlines-passed", test_deadlines_passed);
  g_test_add_func ("/recruitment/due", test_due);
  g_test_add_func ("/recruitment/due-after-extension", test_due_after_extension);
  g_test_add_func ("/recruitment/status/along-the-path", test_status_along_the_path);
  g_test_add_func ("/recruitment/status/refused", test_status_refused);
  g_test_add_func ("/recruitment/status/extended", test_status_extended);
  g_test_add_func ("/recruitment/status/disqualified", test_status_disqualified);
  g_test_add_func ("/recruitment/step/fields", test_field_checks);
  g_test_add_func ("/recruitment/step/table", test_step_table);
  g_test_add_func ("/recruitment/reports", test_reports);
  g_test_add_func ("/recruitment/leaving", test_leaving);
  g_test_add_func ("/recruitment/sponsors", test_sponsors);
  g_test_add_func ("/recruitment/report/fields", test_report_fields);
  g_test_add_func ("/recruitment/chinese", test_chinese);

  return g_test_run ();
}
