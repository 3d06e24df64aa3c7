#define G_LOG_DOMAIN "zb-recruitment-rules"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "zb-date.h"
#include "zb-error.h"
#include "zb-limits.h"
#include "zb-member.h"
#include "zb-recruitment-rules.h"

/* The time rules of DOMAIN.md section 1, from the Recruitment Rules
 * (《中国共产党发展党员工作细则》, 2014) and the Constitution (《中国共产党章程》),
 * over one person's steps, as pure functions: "today" comes from the
 * caller, never from the clock.
 *
 * Steps are read as a file of dated rows, sorted by date. Where a step was
 * done more than once (a second vote after a refusal), the latest row is
 * the one that counts, except for the order of the steps, which looks at
 * the first row of each. S06 is one row per assessment, and S23/S24 one row
 * per decision and approval (a second vote after an extension).
 *
 * Months are added the calendar way, clamped to the end of a shorter month:
 * Jan 31 + 1 month = Feb 28 (29 in a leap year), and a year from Feb 29 is
 * Feb 28. A deadline "within a month" of a date includes that day. */

#define ADULT_AGE            18
#define TALK_MONTHS          1
#define ASSESSMENT_MONTHS    6
#define ACTIVIST_MONTHS      12
#define TRAINING_DAYS        3
#define TRAINING_HOURS       24
#define APPROVAL_MONTHS      3
#define APPROVAL_MAX_MONTHS  6
#define PROBATION_MONTHS     12
#define DISCUSSION_MONTHS    1
#define NOTICE_WORKING_DAYS  5
#define N_PEOPLE             2

enum
{
  S01 = 1, S02, S03, S04, S05, S06, S07, S08, S09, S10, S11, S12, S13,
  S14, S15, S16, S17, S18, S19, S20, S21, S22, S23, S24, S25
};

/* One person's steps, valid rows only, by date (then by code). */
typedef struct
{
  GPtrArray     *rows;
  ZbRecruitStep *first[ZB_RECRUIT_N_STEPS + 1];
  ZbRecruitStep *last[ZB_RECRUIT_N_STEPS + 1];
} Path;

/* Where the probation stands after the votes (S23) and approvals (S24). */
typedef struct
{
  ZbRecruitStep *admission;    /* the S15 that admitted, unless S17 refused */
  guint          extension;    /* months of extension in force */
  gboolean       voted;        /* a decision on the current end awaits or has approval */
  ZbRecruitStep *pending;      /* the latest S23 not yet approved or refused */
  ZbRecruitStep *final;        /* the S24 that approved 按期转正 or 取消资格 */
  gboolean       full;
  gboolean       disqualified;
} Probation;

const char *
zb_recruit_severity_to_string (ZbRecruitSeverity severity)
{
  return severity == ZB_RECRUIT_SEVERITY_ALERT ? "alert" : "warning";
}

void
zb_recruit_issue_free (ZbRecruitIssue *issue)
{
  if (issue == NULL)
    return;

  g_free (issue->date);
  g_free (issue->message);
  g_free (issue);
}

void
zb_recruit_due_free (ZbRecruitDue *due)
{
  if (due == NULL)
    return;

  g_free (due->earliest);
  g_free (due->latest);
  g_free (due);
}

void
zb_recruit_status_free (ZbRecruitStatus *status)
{
  if (status == NULL)
    return;

  g_free (status->applied_date);
  g_free (status->activist_date);
  g_free (status->candidate_date);
  g_free (status->joined_date);
  g_free (status->probation_end);
  g_free (status->full_date);
  g_free (status);
}

/* Calendar months, clamped to the end of a shorter month (GLib's way). */
void
zb_recruit_add_months (GDate *date,
                       guint  months)
{
  g_date_add_months (date, months);
}

/* @iso plus @months, as an ISO date. */
static char *
months_after (const char *iso,
              guint       months)
{
  GDate date;

  if (!zb_date_parse_iso (iso, &date))
    return NULL;

  zb_recruit_add_months (&date, months);
  return zb_date_to_iso (&date);
}

/* Full months from @from to @to. */
static guint
months_between (const char *from,
                const char *to)
{
  GDate a, b;
  int months;

  if (!zb_date_parse_iso (from, &a) || !zb_date_parse_iso (to, &b))
    return 0;

  months = (g_date_get_year (&b) - g_date_get_year (&a)) * 12 +
           (int) g_date_get_month (&b) - (int) g_date_get_month (&a);
  if (g_date_get_day (&b) < g_date_get_day (&a))
    months--;
  return MAX (months, 0);
}

static const char *
date_of (ZbRecruitStep *step)
{
  return zb_recruit_step_get_date (step);
}

static guint
number_of (ZbRecruitStep *step)
{
  return zb_recruit_step_number (zb_recruit_step_get_code (step));
}

static const char *
code_of (guint number)
{
  return zb_recruit_step_info (number)->code;
}

static const char *
label_of (guint number)
{
  return _(zb_recruit_step_info (number)->label);
}

static gboolean
has_outcome (ZbRecruitStep *step,
             const char    *outcome)
{
  return step != NULL && g_strcmp0 (zb_recruit_step_get_outcome (step), outcome) == 0;
}

static int
compare_rows (gconstpointer a,
              gconstpointer b)
{
  ZbRecruitStep *x = *(ZbRecruitStep **) a;
  ZbRecruitStep *y = *(ZbRecruitStep **) b;
  int by_date = g_strcmp0 (date_of (x), date_of (y));

  return by_date != 0 ? by_date : (int) number_of (x) - (int) number_of (y);
}

static void
path_init (Path      *path,
           GPtrArray *steps)
{
  memset (path, 0, sizeof *path);
  path->rows = g_ptr_array_new ();

  for (guint i = 0; steps != NULL && i < steps->len; i++)
    {
      ZbRecruitStep *step = g_ptr_array_index (steps, i);
      GDate date;

      if (number_of (step) != 0 && zb_date_parse_iso (date_of (step), &date))
        g_ptr_array_add (path->rows, step);
    }
  g_ptr_array_sort (path->rows, compare_rows);

  for (guint i = 0; i < path->rows->len; i++)
    {
      ZbRecruitStep *step = g_ptr_array_index (path->rows, i);
      guint n = number_of (step);

      if (path->first[n] == NULL)
        path->first[n] = step;
      path->last[n] = step;
    }
}

static void
path_clear (Path *path)
{
  g_clear_pointer (&path->rows, g_ptr_array_unref);
}

static const char *
last_date (Path  *path,
           guint  number)
{
  return path->last[number] ? date_of (path->last[number]) : NULL;
}

/* Any step after @number recorded at all. */
static gboolean
has_later (Path  *path,
           guint  number)
{
  for (guint n = number + 1; n <= ZB_RECRUIT_N_STEPS; n++)
    if (path->last[n] != NULL)
      return TRUE;

  return FALSE;
}

/* The latest row of @number dated on or after @since. */
static ZbRecruitStep *
last_since (Path       *path,
            guint       number,
            const char *since)
{
  ZbRecruitStep *found = NULL;

  for (guint i = 0; i < path->rows->len; i++)
    {
      ZbRecruitStep *step = g_ptr_array_index (path->rows, i);

      if (number_of (step) == number && g_strcmp0 (date_of (step), since) >= 0)
        found = step;
    }
  return found;
}

static gboolean
is_past (const char  *deadline,
         const GDate *today)
{
  g_autofree char *now = zb_date_to_iso (today);

  return deadline != NULL && g_strcmp0 (now, deadline) > 0;
}

G_GNUC_PRINTF (6, 7)
static void
add_issue (GPtrArray         *issues,
           const char        *rule,
           ZbRecruitSeverity  severity,
           guint              number,
           const char        *date,
           const char        *format,
           ...)
{
  ZbRecruitIssue *issue = g_new0 (ZbRecruitIssue, 1);
  g_autofree char *written = NULL;
  va_list args;

  issue->rule = rule;
  issue->severity = severity;
  issue->code = code_of (number);
  issue->date = g_strdup (date);
  va_start (args, format);
  written = g_strdup_vprintf (format, args);
  va_end (args);
  /* The days a message names, as the reader's language writes them. */
  issue->message = zb_date_format_days_in (written);

  g_ptr_array_add (issues, issue);
}

/* The admission that stands: the latest S15, when it admitted and no S17
 * since refused it (a refusal returns the person to 发展对象). */
static ZbRecruitStep *
find_admission (Path *path)
{
  ZbRecruitStep *s15 = path->last[S15];
  ZbRecruitStep *s17;

  if (!has_outcome (s15, ZB_RECRUIT_OUTCOME_ADMITTED))
    return NULL;

  s17 = last_since (path, S17, date_of (s15));
  return has_outcome (s17, ZB_RECRUIT_OUTCOME_REFUSED) ? NULL : s15;
}

/* The end of the probation: a year from admission (the Constitution,
 * article 7: 预备期从支部大会通过其为预备党员之日算起), plus the extension. */
static char *
probation_end (const Probation *probation)
{
  return months_after (date_of (probation->admission), PROBATION_MONTHS + probation->extension);
}

static void
decide (Probation     *probation,
        ZbRecruitStep *vote)
{
  if (has_outcome (vote, ZB_RECRUIT_OUTCOME_EXTENDED))
    {
      probation->extension += zb_recruit_step_get_extension_months (vote);
      probation->voted = FALSE;
    }
  else
    probation->voted = TRUE;
  probation->pending = vote;
}

/* The Constitution, article 7: 按期转正, 延长预备期 and 取消资格 each take the
 * branch general meeting's vote (S23) and the higher committee's approval
 * (S24). An extension counts from the vote unless its approval is refused. */
static void
approve (Probation     *probation,
         ZbRecruitStep *approval)
{
  ZbRecruitStep *vote = probation->pending;

  probation->pending = NULL;
  if (vote == NULL)
    return;

  if (has_outcome (approval, ZB_RECRUIT_OUTCOME_REFUSED))
    {
      if (has_outcome (vote, ZB_RECRUIT_OUTCOME_EXTENDED))
        probation->extension -= zb_recruit_step_get_extension_months (vote);
      probation->voted = FALSE;
      return;
    }

  probation->full = has_outcome (vote, ZB_RECRUIT_OUTCOME_FULL);
  probation->disqualified = has_outcome (vote, ZB_RECRUIT_OUTCOME_DISQUALIFIED);
  if (probation->full || probation->disqualified)
    probation->final = approval;
}

typedef void (*VoteFunc) (const Probation *probation,
                          ZbRecruitStep   *vote,
                          gpointer         data);

/* Walks the votes and approvals after the admission, calling @func with
 * each vote and the probation as it stood just before it. */
static void
walk_probation (Path      *path,
                Probation *probation,
                VoteFunc   func,
                gpointer   data)
{
  gboolean after = FALSE;

  memset (probation, 0, sizeof *probation);
  probation->admission = find_admission (path);
  if (probation->admission == NULL)
    return;

  for (guint i = 0; i < path->rows->len && !probation->final; i++)
    {
      ZbRecruitStep *step = g_ptr_array_index (path->rows, i);

      after = after || step == probation->admission;
      if (!after)
        continue;
      if (number_of (step) == S23)
        {
          if (func != NULL)
            func (probation, step, data);
          decide (probation, step);
        }
      else if (number_of (step) == S24)
        approve (probation, step);
    }
}

/* The Constitution, article 1, and the Recruitment Rules, article 5: one
 * may apply at eighteen full years of age (年满十八岁). */
static void
check_age (Path       *path,
           const char *birth_date,
           GPtrArray  *issues)
{
  const char *applied = last_date (path, S01);
  GDate birth, date;
  guint age;

  if (!zb_date_parse_iso (birth_date, &birth) || !zb_date_parse_iso (applied, &date))
    return;

  age = zb_date_full_years (&birth, &date);
  if (age < ADULT_AGE)
    add_issue (issues, ZB_RECRUIT_RULE_AGE, ZB_RECRUIT_SEVERITY_ALERT, S01, applied,
               _("Constitution, article 1, and Recruitment Rules, article 5: one may apply "
                 "at 18 full years of age; born on %s, the person was %u on the day of the "
                 "application, %s"),
               birth_date, age, applied);
}

/* The Recruitment Rules: the Party organisation sends someone to talk with
 * the applicant within one month of receiving the application. */
static void
check_talk (Path        *path,
            const GDate *today,
            GPtrArray   *issues)
{
  const char *applied = last_date (path, S01);
  const char *talk = last_date (path, S02);
  g_autofree char *deadline = months_after (applied, TALK_MONTHS);

  if (applied == NULL)
    return;

  if (talk != NULL && g_strcmp0 (talk, deadline) > 0)
    add_issue (issues, ZB_RECRUIT_RULE_TALK, ZB_RECRUIT_SEVERITY_WARNING, S02, talk,
               _("Recruitment Rules: the Party organisation talks with an applicant within "
                 "one month of the application; the application came on %s, the talk was due "
                 "by %s and was held on %s"),
               applied, deadline, talk);
  else if (talk == NULL && !has_later (path, S02) && is_past (deadline, today))
    add_issue (issues, ZB_RECRUIT_RULE_TALK, ZB_RECRUIT_SEVERITY_WARNING, S02, deadline,
               _("Recruitment Rules: the Party organisation talks with an applicant within "
                 "one month of the application; the application came on %s, the talk was due "
                 "by %s and none is recorded"),
               applied, deadline);
}

/* The Recruitment Rules, article 11: the branch assesses an activist every
 * six months (党支部每半年对入党积极分子进行一次考察). Each assessment is an S06
 * row of its own; each span from the naming (S03) through the assessments
 * to the naming as candidate (S07) is at most six months, and so is the one
 * since the last assessment while the person is still an activist. */
static void
check_assessments (Path        *path,
                   const GDate *today,
                   GPtrArray   *issues)
{
  const char *since = last_date (path, S03);
  const char *until = last_date (path, S07);

  if (since == NULL)
    return;

  for (guint i = 0; i <= path->rows->len; i++)
    {
      ZbRecruitStep *step = i < path->rows->len ? g_ptr_array_index (path->rows, i) : NULL;
      const char *next = step ? date_of (step) : until;
      g_autofree char *due = months_after (since, ASSESSMENT_MONTHS);

      if (step != NULL && (number_of (step) != S06 || g_strcmp0 (next, since) < 0 ||
                           (until != NULL && g_strcmp0 (next, until) > 0)))
        continue;

      if (next != NULL && g_strcmp0 (next, due) > 0)
        add_issue (issues, ZB_RECRUIT_RULE_ASSESSMENT, ZB_RECRUIT_SEVERITY_WARNING, S06, due,
                   _("Recruitment Rules, article 11: the branch assesses an activist every six "
                     "months; between %s and %s no assessment is recorded, and one was due by "
                     "%s"),
                   since, next, due);
      else if (next == NULL && !has_later (path, S06) && is_past (due, today))
        add_issue (issues, ZB_RECRUIT_RULE_ASSESSMENT, ZB_RECRUIT_SEVERITY_WARNING, S06, due,
                   _("Recruitment Rules, article 11: the branch assesses an activist every six "
                     "months; nothing is assessed since %s, and an assessment was due by %s"),
                   since, due);
      if (next == NULL || step == NULL)
        break;
      since = next;
    }
}

/* The Recruitment Rules, article 13: a candidate (发展对象) is named after at
 * least one year of training and assessment as an activist (一年以上). */
static void
check_activist_year (Path      *path,
                     GPtrArray *issues)
{
  const char *activist = last_date (path, S03);
  const char *candidate = last_date (path, S07);
  g_autofree char *earliest = months_after (activist, ACTIVIST_MONTHS);

  if (activist == NULL || candidate == NULL || g_strcmp0 (candidate, earliest) >= 0)
    return;

  add_issue (issues, ZB_RECRUIT_RULE_ACTIVIST_YEAR, ZB_RECRUIT_SEVERITY_ALERT, S07, candidate,
             _("Recruitment Rules, article 13: an activist is named a candidate after at least "
               "one year of training and assessment; named an activist on %s and a candidate "
               "on %s, after %u months, before %s"),
             activist, candidate, months_between (activist, candidate), earliest);
}

/* Two full members as contacts (培养联系人) of an activist, as DOMAIN.md asks
 * (the Recruitment Rules say one or two), and two as introducers (入党介绍人)
 * of a candidate: the Constitution, article 5, and the Recruitment Rules,
 * article 14. Whether the people named are full members is for the store
 * to see, which knows the roster. */
static void
check_people (Path      *path,
              GPtrArray *issues)
{
  ZbRecruitStep *contacts = path->last[S05];
  ZbRecruitStep *introducers = path->last[S09];
  guint n;

  n = contacts ? g_strv_length ((char **) zb_recruit_step_get_people (contacts)) : N_PEOPLE;
  if (n < N_PEOPLE)
    add_issue (issues, ZB_RECRUIT_RULE_CONTACTS, ZB_RECRUIT_SEVERITY_WARNING, S05,
               date_of (contacts),
               _("Recruitment Rules: two full members are assigned as an activist's contacts; "
                 "the assignment of %s names %u"),
               date_of (contacts), n);

  n = introducers ? g_strv_length ((char **) zb_recruit_step_get_people (introducers))
                  : N_PEOPLE;
  if (n < N_PEOPLE)
    add_issue (issues, ZB_RECRUIT_RULE_INTRODUCERS, ZB_RECRUIT_SEVERITY_ALERT, S09,
               date_of (introducers),
               _("Constitution, article 5, and Recruitment Rules, article 14: a candidate has "
                 "two full members as introducers; the introducers named on %s are %u"),
               date_of (introducers), n);
}

/* The Recruitment Rules: the concentrated training of candidates lasts at
 * least three days or 24 class hours (一般不少于三天或不少于24个学时). */
static void
check_training (Path      *path,
                GPtrArray *issues)
{
  ZbRecruitStep *training = path->last[S11];
  guint days, hours;

  if (training == NULL)
    return;

  days = zb_recruit_step_get_training_days (training);
  hours = zb_recruit_step_get_class_hours (training);
  if (days < TRAINING_DAYS && hours < TRAINING_HOURS)
    add_issue (issues, ZB_RECRUIT_RULE_TRAINING, ZB_RECRUIT_SEVERITY_ALERT, S11,
               date_of (training),
               _("Recruitment Rules: the concentrated training of a candidate lasts at least "
                 "three days or 24 class hours; the training of %s lasted %u days and %u class "
                 "hours"),
               date_of (training), days, hours);
}

/* The Recruitment Rules: the higher committee approves an admission within
 * three months of the branch general meeting, and, where it must, within
 * six at most. */
static void
check_approval (Path        *path,
                const GDate *today,
                GPtrArray   *issues)
{
  ZbRecruitStep *s15 = path->last[S15];
  ZbRecruitStep *s17;
  g_autofree char *due = NULL, *limit = NULL;
  const char *meeting, *approved;

  if (!has_outcome (s15, ZB_RECRUIT_OUTCOME_ADMITTED))
    return;

  meeting = date_of (s15);
  due = months_after (meeting, APPROVAL_MONTHS);
  limit = months_after (meeting, APPROVAL_MAX_MONTHS);
  s17 = last_since (path, S17, meeting);
  approved = s17 ? date_of (s17) : NULL;

  if (approved != NULL && g_strcmp0 (approved, limit) > 0)
    add_issue (issues, ZB_RECRUIT_RULE_APPROVAL_6, ZB_RECRUIT_SEVERITY_ALERT, S17, approved,
               _("Recruitment Rules: the approval of an admission comes within six months of "
                 "the branch general meeting at most; the meeting was on %s and the approval "
                 "on %s, after %s"),
               meeting, approved, limit);
  else if (approved != NULL && g_strcmp0 (approved, due) > 0)
    add_issue (issues, ZB_RECRUIT_RULE_APPROVAL_3, ZB_RECRUIT_SEVERITY_WARNING, S17, approved,
               _("Recruitment Rules: the higher committee approves an admission within three "
                 "months of the branch general meeting; the meeting was on %s, the approval "
                 "was due by %s and came on %s"),
               meeting, due, approved);
  else if (approved != NULL || has_later (path, S17))
    return;
  else if (is_past (limit, today))
    add_issue (issues, ZB_RECRUIT_RULE_APPROVAL_6, ZB_RECRUIT_SEVERITY_ALERT, S17, limit,
               _("Recruitment Rules: the approval of an admission comes within six months of "
                 "the branch general meeting at most; the meeting was on %s and no approval is "
                 "recorded by %s"),
               meeting, limit);
  else if (is_past (due, today))
    add_issue (issues, ZB_RECRUIT_RULE_APPROVAL_3, ZB_RECRUIT_SEVERITY_WARNING, S17, due,
               _("Recruitment Rules: the higher committee approves an admission within three "
                 "months of the branch general meeting; the meeting was on %s, the approval "
                 "was due by %s and none is recorded"),
               meeting, due);
}

/* Monday to Friday from @start to @end, both included. Public holidays and
 * the weekends worked in their place (调休) are not known here. */
static guint
count_working_days (const GDate *start,
                    const GDate *end)
{
  GDate day = *start;
  guint n = 0;

  for (; g_date_compare (&day, end) <= 0; g_date_add_days (&day, 1))
    if (g_date_get_weekday (&day) <= G_DATE_FRIDAY)
      n++;

  return n;
}

/* DOMAIN.md section 1: public notices (公示) last at least 5 working days;
 * a step that carried one (commonly S03, S07, S15 and S23) records its first
 * and last day. */
static void
check_notices (Path      *path,
               GPtrArray *issues)
{
  for (guint i = 0; i < path->rows->len; i++)
    {
      ZbRecruitStep *step = g_ptr_array_index (path->rows, i);
      const char *from = zb_recruit_step_get_notice_start (step);
      const char *to = zb_recruit_step_get_notice_end (step);
      GDate start, end;
      guint days;

      if (!zb_date_parse_iso (from, &start) || !zb_date_parse_iso (to, &end))
        continue;

      days = g_date_compare (&end, &start) < 0 ? 0 : count_working_days (&start, &end);
      if (days < NOTICE_WORKING_DAYS)
        add_issue (issues, ZB_RECRUIT_RULE_NOTICE, ZB_RECRUIT_SEVERITY_WARNING,
                   number_of (step), to,
                   _("Recruitment Rules: a public notice lasts at least 5 working days; the "
                     "notice of %s “%s” ran from %s to %s, %u working days"),
                   zb_recruit_step_get_code (step), label_of (number_of (step)), from, to,
                   days);
    }
}

/* The 25 steps follow one another (DOMAIN.md section 1): none is dated
 * before the step it follows, the nearest earlier one recorded. */
static void
check_order (Path      *path,
             GPtrArray *issues)
{
  guint before = 0;

  for (guint n = S01; n <= ZB_RECRUIT_N_STEPS; n++)
    {
      ZbRecruitStep *step = path->first[n];

      if (step == NULL)
        continue;
      if (before != 0 && g_strcmp0 (date_of (step), date_of (path->first[before])) < 0)
        add_issue (issues, ZB_RECRUIT_RULE_ORDER, ZB_RECRUIT_SEVERITY_ALERT, n, date_of (step),
                   _("Recruitment Rules: the steps follow in order; %s “%s” on %s comes "
                     "before %s “%s” on %s, which it follows"),
                   code_of (n), label_of (n), date_of (step), code_of (before),
                   label_of (before), date_of (path->first[before]));
      before = n;
    }
}

/* A step left out while a later one is recorded. Political review (S10)
 * and the concentrated training (S11) have rules of their own: the
 * Recruitment Rules admit no candidate without them (未经培训的，除个别特殊
 * 情况外，不能发展入党). Assessments (S06) are check_assessments()'s. */
static void
check_missing (Path      *path,
               GPtrArray *issues)
{
  guint later = 0;

  for (guint n = ZB_RECRUIT_N_STEPS; n >= S01; n--)
    {
      const char *when = later ? date_of (path->first[later]) : NULL;

      if (path->last[n] != NULL)
        later = n;
      else if (later == 0 || n == S06)
        continue;
      else if (n == S10 || n == S11)
        add_issue (issues, n == S10 ? ZB_RECRUIT_RULE_POLITICAL_REVIEW : ZB_RECRUIT_RULE_TRAINING,
                   ZB_RECRUIT_SEVERITY_ALERT, n, when,
                   _("Recruitment Rules: a candidate is admitted only after %s “%s”; none is "
                     "recorded, yet %s “%s” is recorded on %s"),
                   code_of (n), label_of (n), code_of (later), label_of (later), when);
      else
        add_issue (issues, ZB_RECRUIT_RULE_MISSING, ZB_RECRUIT_SEVERITY_WARNING, n, when,
                   _("Recruitment Rules: %s “%s” comes before %s “%s”, recorded on %s, but it "
                     "is not recorded"),
                   code_of (n), label_of (n), code_of (later), label_of (later), when);
    }
}

typedef struct
{
  GPtrArray *issues;
  guint      extensions;
} VoteCheck;

/* The Constitution, article 7: when the probation ends, the branch
 * promptly (及时) discusses full membership: not before its end, and, as
 * Zhibu reads "promptly", within a month of it. An extension is once only
 * (the Recruitment Rules), of six months to one year. */
static void
check_vote (const Probation *probation,
            ZbRecruitStep   *vote,
            gpointer         data)
{
  VoteCheck *check = data;
  g_autofree char *end = probation_end (probation);
  g_autofree char *late = months_after (end, DISCUSSION_MONTHS);
  const char *date = date_of (vote);
  guint months = zb_recruit_step_get_extension_months (vote);

  if (probation->voted)
    ;   /* a second vote on the same end, after a refused approval */
  else if (g_strcmp0 (date, end) < 0)
    add_issue (check->issues, ZB_RECRUIT_RULE_PROBATION_EARLY, ZB_RECRUIT_SEVERITY_ALERT, S23,
               date,
               _("Constitution, article 7: the branch discusses full membership when the "
                 "probation ends; the meeting of %s came before the probation ended on %s"),
               date, end);
  else if (g_strcmp0 (date, late) > 0)
    add_issue (check->issues, ZB_RECRUIT_RULE_PROBATION_LATE, ZB_RECRUIT_SEVERITY_WARNING, S23,
               date,
               _("Constitution, article 7: the branch discusses full membership promptly when "
                 "the probation ends; it ended on %s and the meeting came on %s, more than a "
                 "month later"),
               end, date);

  if (!has_outcome (vote, ZB_RECRUIT_OUTCOME_EXTENDED))
    return;
  if (++check->extensions > 1)
    add_issue (check->issues, ZB_RECRUIT_RULE_EXTENSION_ONCE, ZB_RECRUIT_SEVERITY_ALERT, S23,
               date,
               _("Recruitment Rules: a probation is extended once only; the decision of %s "
                 "extends it a second time"),
               date);
  if (months < ZB_RECRUIT_EXTENSION_MIN_MONTHS || months > ZB_RECRUIT_EXTENSION_MAX_MONTHS)
    add_issue (check->issues, ZB_RECRUIT_RULE_EXTENSION_LENGTH, ZB_RECRUIT_SEVERITY_ALERT, S23,
               date,
               _("Constitution, article 7, and Recruitment Rules: a probation is extended by "
                 "six months to one year; the decision of %s extends it by %u months"),
               date, months);
}

static void
check_probation (Path        *path,
                 const GDate *today,
                 GPtrArray   *issues)
{
  VoteCheck check = { issues, 0 };
  Probation probation;
  g_autofree char *end = NULL, *late = NULL;

  walk_probation (path, &probation, check_vote, &check);
  if (probation.admission == NULL || probation.voted || probation.final)
    return;

  end = probation_end (&probation);
  late = months_after (end, DISCUSSION_MONTHS);
  if (is_past (late, today))
    add_issue (issues, ZB_RECRUIT_RULE_PROBATION_LATE, ZB_RECRUIT_SEVERITY_WARNING, S23, late,
               _("Constitution, article 7: the branch discusses full membership promptly when "
                 "the probation ends; it ended on %s and no meeting is recorded by %s"),
               end, late);
}

/**
 * zb_recruitment_rules_check:
 * @steps: (element-type ZbRecruitStep): one person's steps, in any order
 * @birth_date: (nullable): the person's date of birth, ISO
 * @today: the day to judge deadlines against
 *
 * Every time rule of DOMAIN.md section 1 the steps break, by @today: the
 * rules between recorded dates, and the deadlines passed with the step
 * still not recorded. Rows whose code or date is not valid are left out
 * (zb_recruit_step_validate() says what is wrong with them).
 *
 * Returns: (transfer full) (element-type ZbRecruitIssue): the broken rules
 */
GPtrArray *
zb_recruitment_rules_check (GPtrArray   *steps,
                            const char  *birth_date,
                            const GDate *today)
{
  GPtrArray *issues = g_ptr_array_new_with_free_func ((GDestroyNotify) zb_recruit_issue_free);
  Path path;

  path_init (&path, steps);
  check_age (&path, birth_date, issues);
  check_talk (&path, today, issues);
  check_assessments (&path, today, issues);
  check_activist_year (&path, issues);
  check_people (&path, issues);
  check_training (&path, issues);
  check_approval (&path, today, issues);
  check_probation (&path, today, issues);
  check_notices (&path, issues);
  check_order (&path, issues);
  check_missing (&path, issues);
  path_clear (&path);

  return issues;
}

static void
add_due (GPtrArray   *list,
         guint        number,
         const char  *earliest,
         const char  *latest,
         const GDate *today)
{
  ZbRecruitDue *due = g_new0 (ZbRecruitDue, 1);

  due->code = code_of (number);
  due->earliest = g_strdup (earliest);
  due->latest = g_strdup (latest);
  due->overdue = is_past (latest, today);
  g_ptr_array_add (list, due);
}

/* Stage 1 and 2: the talk within a month; then the naming as activist;
 * then, for an activist, the filing, the contacts, the next six-monthly
 * assessment, and the naming as candidate no earlier than a year on. */
static void
due_before_candidate (Path        *path,
                      const GDate *today,
                      GPtrArray   *list)
{
  const char *applied = last_date (path, S01);
  const char *activist = last_date (path, S03);
  g_autofree char *talk = months_after (applied, TALK_MONTHS);
  g_autofree char *year = months_after (activist, ACTIVIST_MONTHS);
  g_autofree char *assess = NULL;
  const char *since = activist;

  if (activist == NULL)
    {
      if (path->last[S02] == NULL)
        add_due (list, S02, applied, talk, today);
      else
        add_due (list, S03, last_date (path, S02), NULL, today);
      return;
    }

  for (guint n = S04; n <= S05; n++)
    if (path->last[n] == NULL)
      add_due (list, n, activist, NULL, today);
  if (path->last[S06] != NULL && g_strcmp0 (last_date (path, S06), activist) > 0)
    since = last_date (path, S06);
  assess = months_after (since, ASSESSMENT_MONTHS);
  add_due (list, S06, since, assess, today);
  add_due (list, S07, year, NULL, today);
}

/* Stage 3 and 4 up to the vote: S08 to S11 side by side from the naming,
 * then S12 to S15 one after another. */
static void
due_candidate (Path        *path,
               const GDate *today,
               GPtrArray   *list)
{
  const char *since = last_date (path, S07);

  for (guint n = S08; n <= S11; n++)
    if (path->last[n] == NULL)
      add_due (list, n, since, NULL, today);
  if (list->len > 0)
    return;

  for (guint n = S12; n <= S15; n++)
    {
      if (path->last[n] == NULL)
        {
          add_due (list, n, since, NULL, today);
          return;
        }
      since = last_date (path, n);
    }
}

/* Stage 4 after the vote, and stage 5: the approval within three months,
 * the steps of the probation, the vote at its end and its approval, and
 * the file once a full member. */
static void
due_probation (Path            *path,
               const Probation *probation,
               const GDate     *today,
               GPtrArray       *list)
{
  const char *admitted = date_of (probation->admission);
  g_autofree char *approval = months_after (admitted, APPROVAL_MONTHS);
  g_autofree char *end = probation_end (probation);
  g_autofree char *late = months_after (end, DISCUSSION_MONTHS);

  if (probation->final != NULL)
    {
      if (probation->full && last_since (path, S25, date_of (probation->final)) == NULL)
        add_due (list, S25, date_of (probation->final), NULL, today);
      return;
    }

  for (guint n = S16; n <= S22; n++)
    if (last_since (path, n, admitted) == NULL)
      add_due (list, n, admitted, n == S17 ? approval : n == S22 ? end : NULL, today);
  if (!probation->voted)
    add_due (list, S23, end, late, today);
  else if (probation->pending != NULL)
    add_due (list, S24, date_of (probation->pending), NULL, today);
}

/**
 * zb_recruitment_rules_due:
 * @steps: (element-type ZbRecruitStep): one person's steps, in any order
 * @today: the day to judge deadlines against
 *
 * What is due next and by when, in code order. Nothing is due before an
 * application, once 取消资格 is approved, while a vote not to admit (S15)
 * or a refused approval (S17) stands, or when the file is archived.
 *
 * Returns: (transfer full) (element-type ZbRecruitDue): the steps due
 */
GPtrArray *
zb_recruitment_rules_due (GPtrArray   *steps,
                          const GDate *today)
{
  GPtrArray *list = g_ptr_array_new_with_free_func ((GDestroyNotify) zb_recruit_due_free);
  Probation probation;
  Path path;

  path_init (&path, steps);
  walk_probation (&path, &probation, NULL, NULL);

  if (probation.admission != NULL)
    {
      if (!probation.disqualified)
        due_probation (&path, &probation, today, list);
    }
  else if (path.last[S15] != NULL)
    ;   /* not admitted, or refused: the branch decides what comes next */
  else if (path.last[S07] != NULL)
    due_candidate (&path, today, list);
  else if (path.last[S01] != NULL)
    due_before_candidate (&path, today, list);

  path_clear (&path);
  return list;
}

/**
 * zb_recruitment_rules_status:
 * @steps: (element-type ZbRecruitStep): one person's steps, in any order
 *
 * The member record the steps imply, as DOMAIN.md section 1 maps it: S01
 * gives the application date (入党申请人), S03 the activist date, S07 the
 * candidate date, S15 when it admitted the admission date (预备党员; a
 * refusal at S17 returns the person to 发展对象); the full membership date
 * is the day probation ends (the Constitution, article 7: 党龄从预备期满转为
 * 正式党员之日算起), not the date of S23 or S24, and the person is 正式党员
 * once S24 approves 按期转正. 取消资格 approved takes them out of the pipeline.
 *
 * Returns: (transfer full): the status
 */
ZbRecruitStatus *
zb_recruitment_rules_status (GPtrArray *steps)
{
  ZbRecruitStatus *status = g_new0 (ZbRecruitStatus, 1);
  Probation probation;
  Path path;

  path_init (&path, steps);
  walk_probation (&path, &probation, NULL, NULL);

  status->applied_date = g_strdup (last_date (&path, S01));
  status->activist_date = g_strdup (last_date (&path, S03));
  status->candidate_date = g_strdup (last_date (&path, S07));
  status->category = status->candidate_date ? ZB_CATEGORY_CANDIDATE
                     : status->activist_date ? ZB_CATEGORY_ACTIVIST
                     : status->applied_date ? ZB_CATEGORY_APPLICANT : NULL;

  if (probation.admission != NULL)
    {
      status->joined_date = g_strdup (date_of (probation.admission));
      status->category = ZB_CATEGORY_PROBATIONARY;
      if (probation.extension > 0)
        status->probation_end = probation_end (&probation);
      if (probation.full)
        {
          status->full_date = probation_end (&probation);
          status->category = ZB_CATEGORY_FULL;
        }
      status->disqualified = probation.disqualified;
      if (probation.disqualified)
        status->category = NULL;
    }

  path_clear (&path);
  return status;
}

/* A report is due for each full calendar quarter on the path. */
#define QUARTER_MONTHS 3

/* A candidate expected to leave the unit within this many months. */
#define LEAVING_MONTHS 3

/* The quarter as a secretary writes it: 2026年第一季度 in Chinese. */
static char *
quarter_name (GDateYear year,
              guint     quarter)
{
  static const char * const names[] = {
    /* TRANSLATORS: a calendar quarter, the year as a number (2026年第一季度) */
    N_("the first quarter of %u"), N_("the second quarter of %u"),
    N_("the third quarter of %u"), N_("the fourth quarter of %u"),
  };

  return g_strdup_printf (_(names[quarter - 1]), (guint) year);
}

static gboolean
has_report_between (GPtrArray  *reports,
                    const char *first,
                    const char *last)
{
  for (guint i = 0; reports != NULL && i < reports->len; i++)
    {
      const char *date = zb_thought_report_get_date (g_ptr_array_index (reports, i));

      if (g_strcmp0 (date, first) >= 0 && g_strcmp0 (date, last) <= 0)
        return TRUE;
    }
  return FALSE;
}

/* Where the path ends for the reports: the day probation ended for a full
 * member, the approval of 取消资格, or @today, whichever comes first. */
static char *
reports_end (Path        *path,
             const GDate *today)
{
  g_autofree char *now = zb_date_to_iso (today);
  g_autofree char *end = NULL;
  Probation probation;

  walk_probation (path, &probation, NULL, NULL);
  if (probation.full)
    end = probation_end (&probation);
  else if (probation.disqualified)
    end = g_strdup (date_of (probation.final));
  if (end != NULL && g_strcmp0 (end, now) < 0)
    return g_steal_pointer (&end);
  return g_steal_pointer (&now);
}

static void
check_quarter (Path       *path,
               GPtrArray  *reports,
               GDate      *first,
               GPtrArray  *issues)
{
  GDate last = *first;
  g_autofree char *first_iso = zb_date_to_iso (first);
  g_autofree char *last_iso = NULL;
  g_autofree char *name = NULL;
  ZbRecruitStep *admission = find_admission (path);
  const char *admitted = admission ? date_of (admission) : NULL;
  guint quarter = (g_date_get_month (first) - 1) / QUARTER_MONTHS + 1;

  g_date_add_months (&last, QUARTER_MONTHS);
  g_date_subtract_days (&last, 1);
  last_iso = zb_date_to_iso (&last);
  if (has_report_between (reports, first_iso, last_iso))
    return;

  name = quarter_name (g_date_get_year (first), quarter);
  add_issue (issues, ZB_RECRUIT_RULE_REPORTS, ZB_RECRUIT_SEVERITY_WARNING,
             admitted != NULL && g_strcmp0 (admitted, first_iso) <= 0 ? S21 : S06, last_iso,
             _("Recruitment Rules: a person on the path into the Party hands in a written "
               "report (思想汇报) each quarter; none is recorded as received in %s "
               "(%s to %s)"), name, first_iso, last_iso);
}

/**
 * zb_recruitment_rules_check_reports:
 * @steps: (element-type ZbRecruitStep): one person's steps, in any order
 * @reports: (element-type ZbThoughtReport) (nullable): the person's written reports
 * @today: the day to judge against
 *
 * The Recruitment Rules in DOMAIN.md section 1's words (no article is
 * cited here, for none we know sets the quarter): "Activists ... hand in a
 * written report (思想汇报) each quarter". From the day the person
 * is named an activist (S03) until full membership (the day probation
 * ended) or the approval of 取消资格, every full calendar quarter that has
 * ended by @today has a report received within it. A quarter the person
 * entered or left part way through is not full, and not judged.
 *
 * Returns: (transfer full) (element-type ZbRecruitIssue): a warning for
 *   each quarter without a report, naming it, in order
 */
GPtrArray *
zb_recruitment_rules_check_reports (GPtrArray   *steps,
                                    GPtrArray   *reports,
                                    const GDate *today)
{
  GPtrArray *issues = g_ptr_array_new_with_free_func ((GDestroyNotify) zb_recruit_issue_free);
  g_autofree char *end = NULL;
  GDate quarter, next;
  Path path;

  path_init (&path, steps);
  if (last_date (&path, S03) == NULL || !zb_date_parse_iso (last_date (&path, S03), &quarter))
    {
      path_clear (&path);
      return issues;
    }

  end = reports_end (&path, today);
  /* The first quarter that starts on or after the activist date. */
  if (g_date_get_day (&quarter) != 1 || (g_date_get_month (&quarter) - 1) % QUARTER_MONTHS != 0)
    {
      g_date_set_day (&quarter, 1);
      g_date_set_month (&quarter, (g_date_get_month (&quarter) - 1) / QUARTER_MONTHS *
                        QUARTER_MONTHS + 1);
      g_date_add_months (&quarter, QUARTER_MONTHS);
    }
  for (;; quarter = next)
    {
      g_autofree char *next_iso = NULL;

      next = quarter;
      g_date_add_months (&next, QUARTER_MONTHS);
      next_iso = zb_date_to_iso (&next);
      /* Full and over: its last day is before the end. */
      if (g_strcmp0 (next_iso, end) > 0)
        break;
      check_quarter (&path, reports, &quarter, issues);
    }

  path_clear (&path);
  return issues;
}

/**
 * zb_recruitment_rules_check_leaving:
 * @steps: (element-type ZbRecruitStep): one person's steps, in any order
 * @leaving_date: (nullable): the day the person is expected to leave the unit (调离)
 * @today: the day to judge against
 *
 * DOMAIN.md section 1, from the Recruitment Rules: "a candidate leaving the
 * unit within 3 months is usually not admitted" (发展对象未来3个月内将离开
 * 工作、学习单位的，一般不办理接收预备党员的手续). "Usually": a warning for
 * the branch to weigh, never a refusal. It concerns a candidate (named at
 * S07) up to the general meeting that votes on the admission (S15): when
 * that meeting admitted the person, leaving within three months of its
 * day; before it is held (or after a vote not to admit, or a refused
 * approval, while the branch may vote again), leaving within three months
 * of @today. A leaving date already past counts too: the person has left.
 * Nothing for an applicant or an activist, nor once 取消资格 is approved.
 *
 * Returns: (transfer full) (element-type ZbRecruitIssue): the warning, if any
 */
GPtrArray *
zb_recruitment_rules_check_leaving (GPtrArray   *steps,
                                    const char  *leaving_date,
                                    const GDate *today)
{
  GPtrArray *issues = g_ptr_array_new_with_free_func ((GDestroyNotify) zb_recruit_issue_free);
  g_autofree char *now = zb_date_to_iso (today);
  g_autofree char *limit = NULL;
  Probation probation;
  const char *meeting;
  Path path;

  path_init (&path, steps);
  walk_probation (&path, &probation, NULL, NULL);
  meeting = probation.admission ? date_of (probation.admission) : NULL;
  if (leaving_date == NULL || path.last[S07] == NULL || probation.disqualified)
    {
      path_clear (&path);
      return issues;
    }

  limit = months_after (meeting ? meeting : now, LEAVING_MONTHS);
  if (limit != NULL && g_strcmp0 (leaving_date, limit) <= 0)
    {
      if (meeting != NULL)
        add_issue (issues, ZB_RECRUIT_RULE_LEAVING, ZB_RECRUIT_SEVERITY_WARNING, S15,
                   leaving_date,
                   _("Recruitment Rules: a candidate who will leave the unit within three "
                     "months is usually not admitted; admitted by the general meeting of %s "
                     "and expected to leave on %s, within three months of it"), meeting,
                   leaving_date);
      else
        add_issue (issues, ZB_RECRUIT_RULE_LEAVING, ZB_RECRUIT_SEVERITY_WARNING, S15,
                   leaving_date,
                   _("Recruitment Rules: a candidate who will leave the unit within three "
                     "months is usually not admitted; expected to leave on %s, within three "
                     "months of %s"), leaving_date, now);
    }
  path_clear (&path);
  return issues;
}

static void
check_sponsor (ZbRecruitStep       *step,
               const char          *name,
               ZbRecruitRosterFunc  roster,
               gpointer             user_data,
               GPtrArray           *issues)
{
  guint number = zb_recruit_step_number (zb_recruit_step_get_code (step));
  const char *day = date_of (step);
  gboolean introducer = number == S09;
  ZbStanding standing = { 0 };

  /* A name no member of the branch bears is someone from elsewhere (an
   * introducer may come from another branch, the Recruitment Rules allow
   * it), and a name several bear cannot say which one: neither is judged. */
  if (roster (name, day, &standing, user_data) != 1 || standing.full)
    return;

  add_issue (issues, introducer ? ZB_RECRUIT_RULE_INTRODUCERS : ZB_RECRUIT_RULE_CONTACTS,
             introducer ? ZB_RECRUIT_SEVERITY_ALERT : ZB_RECRUIT_SEVERITY_WARNING, number, day,
             standing.expected
             ? (introducer
                /* TRANSLATORS: the step's date, then the name */
                ? _("Constitution, article 5, and Recruitment Rules, article 14: a candidate's "
                    "introducers are full members; on %s, when named, %s was a probationary "
                    "member")
                : _("Recruitment Rules: an activist's contacts are full members; on %s, when "
                    "named, %s was a probationary member"))
             : (introducer
                ? _("Constitution, article 5, and Recruitment Rules, article 14: a candidate's "
                    "introducers are full members; on %s, when named, %s was not a member of "
                    "the branch")
                : _("Recruitment Rules: an activist's contacts are full members; on %s, when "
                    "named, %s was not a member of the branch")),
             day, name);
}

/**
 * zb_recruitment_rules_check_sponsors:
 * @steps: (element-type ZbRecruitStep): one person's steps, in any order
 * @roster: what the roster says of a name on a day
 * @user_data: for @roster
 *
 * Two full members as an activist's contacts (S05, DOMAIN.md section 1) and
 * as a candidate's introducers (S09: the Constitution, article 5, and the
 * Recruitment Rules, article 14: 两名正式党员). The steps keep them as names,
 * not IDs; a name that exactly one member of the branch bears is that
 * member, and a finding when that member was not a full member on the
 * step's day (probationary, or not yet or no longer a member of the
 * branch). Only the step that counts (the latest S05, the latest S09).
 *
 * Returns: (transfer full) (element-type ZbRecruitIssue): one for each such name
 */
GPtrArray *
zb_recruitment_rules_check_sponsors (GPtrArray           *steps,
                                     ZbRecruitRosterFunc  roster,
                                     gpointer             user_data)
{
  GPtrArray *issues = g_ptr_array_new_with_free_func ((GDestroyNotify) zb_recruit_issue_free);
  const guint numbers[] = { S05, S09 };
  Path path;

  path_init (&path, steps);
  for (guint i = 0; i < G_N_ELEMENTS (numbers); i++)
    {
      ZbRecruitStep *step = path.last[numbers[i]];
      const char * const *people = step ? zb_recruit_step_get_people (step) : NULL;

      for (guint k = 0; people != NULL && people[k] != NULL; k++)
        check_sponsor (step, people[k], roster, user_data, issues);
    }
  path_clear (&path);
  return issues;
}

static gboolean
refuse (GError     **error,
        const char  *message)
{
  g_set_error_literal (error, ZB_MEMBER_ERROR, ZB_MEMBER_ERROR_INVALID, message);
  return FALSE;
}

static gboolean
check_report_column (const char  *column,
                     const char  *value,
                     GError     **error)
{
  const ZbColumnLimit *limit = zb_limits_lookup ("thought_reports", column);
  g_autofree char *issue = NULL;
  g_autofree char *message = NULL;
  GDate today;

  zb_date_set_today (&today);
  if ((issue = zb_limits_check_text (limit, value, &today)) == NULL)
    return TRUE;
  message = zb_limits_describe (limit, issue);
  return refuse (error, message);
}

/* A written report's own fields: whose it is, a day received that has come,
 * and a summary, one line of at most 100 characters. */
gboolean
zb_thought_report_check (ZbThoughtReport  *report,
                         GError          **error)
{
  const char *date = zb_thought_report_get_date (report);
  const char *summary = zb_thought_report_get_summary (report);
  g_autofree char *stripped = g_strstrip (g_strdup (summary ? summary : ""));
  GDate day;

  if (zb_thought_report_get_person_id (report) == NULL)
    return refuse (error, _("Person: say whose report it is, by the person’s ID"));
  if (date == NULL || !zb_date_parse_iso (date, &day))
    return refuse (error, _("Date received: give the day the report was received, such as "
                            "2026-03-01"));
  if (*stripped == '\0')
    return refuse (error, _("Report summary: say in a few words what the report is about"));
  return check_report_column ("date", date, error) &&
         check_report_column ("summary", summary, error);
}
