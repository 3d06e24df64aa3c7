#define G_LOG_DOMAIN "zb-checker"

#include "config.h"

#include <glib/gi18n.h>

#include "zb-checker.h"
#include "zb-checker-values.h"
#include "zb-date.h"
#include "zb-meeting-frequency.h"
#include "zb-member-rules.h"
#include "zb-recruitment-rules.h"
#include "zb-store-private.h"

typedef struct
{
  sqlite3               *db;
  GDate                  from;
  GDate                  to;
  char                  *to_iso;
  const ZbCheckSettings *settings;
  ZbCheckFlags           flags;
  GListStore            *findings;
} Check;

/* DOMAIN.md section 6: the committee sees what a branch finalised. With
 * ZB_CHECK_FINALISED_ONLY a meeting counts, with its first item, votes,
 * attendance and measures, only once finalised; a draft is the branch's own
 * work in progress. Members, dues and recruitment steps are not finalised
 * records: they count as they stand. */
static const char *
finalised_sql (Check *check)
{
  return check->flags & ZB_CHECK_FINALISED_ONLY ? " AND m.finalized_at IS NOT NULL " : " ";
}

/* Returns the finding, which the list owns. */
G_GNUC_PRINTF (6, 7)
static ZbFinding *
add_finding (Check      *check,
             const char *rule,
             const char *period,
             const char *severity,
             const char *subject,
             const char *format,
             ...)
{
  g_autofree char *written = NULL, *message = NULL;
  g_autoptr(ZbFinding) finding = NULL;
  va_list args;

  va_start (args, format);
  written = g_strdup_vprintf (format, args);
  va_end (args);
  /* The days a message names, as the reader's language writes them. */
  message = zb_date_format_days_in (written);

  finding = zb_finding_new (rule, period, severity, subject, message);
  g_list_store_append (check->findings, finding);
  return finding;
}

static guint
count_rows (sqlite3    *db,
            const char *sql,
            const char *a,
            const char *b,
            const char *c,
            const char *d)
{
  g_autoptr(sqlite3_stmt) stmt = zb_sql_prepare (db, sql, NULL);

  if (stmt == NULL)
    return 0;

  zb_sql_bind_text (stmt, 1, a);
  zb_sql_bind_text (stmt, 2, b);
  zb_sql_bind_text (stmt, 3, c);
  zb_sql_bind_text (stmt, 4, d);
  return sqlite3_step (stmt) == SQLITE_ROW ? sqlite3_column_int (stmt, 0) : 0;
}

/* A calendar period: its first and last day and its name. */
typedef struct
{
  GDate  start;
  GDate  end;
  char  *name;
} Period;

static void
period_clear (Period *p)
{
  g_clear_pointer (&p->name, g_free);
}

static void
period_init (Period   *p,
             ZbPeriod  kind,
             guint     year,
             guint     index)
{
  guint months = zb_meeting_period_months (kind);
  guint first_month = (index - 1) * months + 1;

  g_date_clear (&p->start, 1);
  g_date_set_dmy (&p->start, 1, first_month, year);
  p->end = p->start;
  g_date_add_months (&p->end, months);
  g_date_subtract_days (&p->end, 1);

  if (kind == ZB_PERIOD_MONTH)
    p->name = g_strdup_printf ("%04u-%02u", year, index);
  else if (kind == ZB_PERIOD_QUARTER)
    p->name = g_strdup_printf ("%04u-Q%u", year, index);
  else
    p->name = g_strdup_printf ("%04u", year);
}

static const char *
period_rule_text (ZbPeriod kind)
{
  switch (kind)
    {
    case ZB_PERIOD_MONTH:
      return _("once a month");
    case ZB_PERIOD_QUARTER:
      return _("once a quarter");
    default:
      return _("once a year");
    }
}

static void
check_period (Check               *check,
              const ZbMeetingType *type,
              Period              *p,
              GPtrArray           *groups)
{
  g_autofree char *start = zb_date_to_iso (&p->start);
  g_autofree char *end = zb_date_to_iso (&p->end);
  g_autofree char *label = zb_date_format_period (p->name);
  g_autofree char *sql = g_strconcat ("SELECT count(*) FROM meetings m WHERE deleted = 0 "
                                      "AND addendum_of IS NULL AND type = ?1 "
                                      "AND date BETWEEN ?2 AND ?3 "
                                      "AND (?4 IS NULL OR party_group = ?4)",
                                      finalised_sql (check), NULL);

  if (!type->per_group)
    {
      if (count_rows (check->db, sql, type->code, start, end, NULL) == 0)
        add_finding (check, "meeting-frequency", p->name, "warning", type->code,
                     /* TRANSLATORS: meeting type, period, source of the rule, frequency */
                     _("No %s in %s (%s: %s)"), _(type->label), label, _(type->source),
                     period_rule_text (type->period));
      return;
    }

  for (guint g = 0; g < groups->len; g++)
    {
      const char *group = g_ptr_array_index (groups, g);

      if (count_rows (check->db, sql, type->code, start, end, group) == 0)
        zb_finding_set_party_group (
          add_finding (check, "meeting-frequency", p->name, "warning", type->code,
                       _("No %s of %s in %s (%s: %s, for each party group)"), _(type->label),
                       group, label, _(type->source), period_rule_text (type->period)),
          group);
    }
}

static void set_string (char **slot, const char *value);

/* Whether any committee member's term runs in @p. */
static gboolean
committee_sits (Check  *check,
                Period *p)
{
  g_autofree char *start = zb_date_to_iso (&p->start);
  g_autofree char *end = zb_date_to_iso (&p->end);

  return zb_meeting_frequency_committee_sits (check->db, start, end);
}

/* The Branch Regulations, chapter 6 (党支部委员会建设): a branch of 7 or more
 * full members elects a committee; a smaller one has a secretary (and a
 * deputy where needed) and no committee, so no committee meetings are due.
 * Months without a committee say so once: why nothing is asked of them, or,
 * for a branch that large, that its committee is missing. */
static void
note_no_committee (Check      *check,
                   const char *first,
                   const char *last,
                   guint       n_periods)
{
  g_autofree char *span = g_str_equal (first, last) ? g_strdup (first)
                                                    : g_strdup_printf ("%s – %s", first, last);
  g_autofree char *label = zb_date_format_period (span);
  guint n_full = count_rows (check->db, "SELECT count(*) FROM members WHERE deleted = 0 "
                                        "AND category = 'full' AND status = 'normal'",
                             NULL, NULL, NULL, NULL);

  if (n_full >= 7)
    add_finding (check, "no-committee", span, "warning", "committee",
                 _("No committee elected: the branch has %u full members but no committee "
                   "member's term runs in %s (the Branch Regulations, chapter 6: a branch of 7 "
                   "or more full members elects a committee)"), n_full, label);
  else
    add_finding (check, "no-committee", span, "info", "committee",
                 g_dngettext (GETTEXT_PACKAGE,
                              "No committee meeting is due in %s, %u month: no committee member's "
                              "term runs then (the Branch Regulations, chapter 6: a branch of "
                              "fewer than 7 full members has a secretary and no committee)",
                              "No committee meeting is due in %s, %u months: no committee "
                              "member's term runs then (the Branch Regulations, chapter 6: a "
                              "branch of fewer than 7 full members has a secretary and no "
                              "committee)", n_periods), label, n_periods);
}

/* Each period is judged once it has ended inside the checked span: a yearly
 * rule only for calendar years that end in it. Committee meetings are due
 * only while a committee sits. */
static void
check_frequency (Check               *check,
                 const ZbMeetingType *type,
                 GPtrArray           *groups)
{
  guint per_year = 12 / zb_meeting_period_months (type->period);
  gboolean committee = g_str_equal (type->code, "committee");
  g_autofree char *first_idle = NULL, *last_idle = NULL;
  guint n_idle = 0;

  for (guint year = g_date_get_year (&check->from); year <= g_date_get_year (&check->to); year++)
    for (guint i = 1; i <= per_year; i++)
      {
        Period p = { 0 };

        period_init (&p, type->period, year, i);
        if (g_date_compare (&p.end, &check->from) < 0 || g_date_compare (&p.end, &check->to) > 0)
          ;
        else if (committee &&
                 zb_meeting_frequency_required (type, groups->len,
                                                committee_sits (check, &p)) == 0)
          {
            if (n_idle++ == 0)
              set_string (&first_idle, p.name);
            set_string (&last_idle, p.name);
          }
        else
          check_period (check, type, &p, groups);
        period_clear (&p);
      }

  if (n_idle > 0)
    note_no_committee (check, first_idle, last_idle, n_idle);
}

/* g_set_str() is GLib 2.76, above the floor. */
static void
set_string (char       **slot,
                  const char  *value)
{
  char *copy = g_strdup (value);

  g_free (*slot);
  *slot = copy;
}

static char *
month_of (const char *iso)
{
  return g_strndup (iso, 7);
}

/* A query over the meetings from @from to @to, bound as ?1 and ?2. */
static sqlite3_stmt *
period_query (Check      *check,
              const char *sql,
              const char *from,
              const char *to)
{
  sqlite3_stmt *stmt = zb_sql_prepare (check->db, sql, NULL);

  if (stmt != NULL)
    {
      zb_sql_bind_text (stmt, 1, from);
      zb_sql_bind_text (stmt, 2, to);
    }
  return stmt;
}

/* DOMAIN.md section 3: the general, committee and group meetings open with
 * the first agenda item. */
static void
check_first_items (Check      *check,
                   const char *from,
                   const char *to)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autofree char *sql = g_strconcat ("SELECT m.type, m.date, m.title, m.id FROM meetings m "
                                      "WHERE m.deleted = 0 AND m.addendum_of IS NULL "
                                      "AND m.type IN ('general', 'committee', 'group') "
                                      "AND m.date BETWEEN ?1 AND ?2", finalised_sql (check),
                                      "ORDER BY m.date", NULL);

  stmt = period_query (check, sql, from, to);
  while (stmt != NULL && sqlite3_step (stmt) == SQLITE_ROW)
    {
      const char *type = (const char *) sqlite3_column_text (stmt, 0);
      const char *date = (const char *) sqlite3_column_text (stmt, 1);
      g_autofree char *month = month_of (date);
      g_autoptr(ZbFirstItem) first =
        zb_store_get_first_item_locked (check->db, (const char *) sqlite3_column_text (stmt, 3),
                                        NULL);

      ZbFinding *finding = NULL;

      if (first == NULL)
        finding = add_finding (check, "first-item", month, "warning", type,
                               _("The meeting “%s” of %s has no first agenda item (第一议题)"),
                               (const char *) sqlite3_column_text (stmt, 2), date);
      else if (!zb_first_item_validate (first, NULL))
        finding = add_finding (check, "first-item", month, "warning", type,
                               _("The first agenda item of the meeting “%s” of %s is not filled "
                                 "in yet"), (const char *) sqlite3_column_text (stmt, 2), date);
      if (finding != NULL)
        zb_finding_set_meeting_id (finding, (const char *) sqlite3_column_text (stmt, 3));
    }
}

/* DOMAIN.md section 2 (the Branch Regulations; the Election Regulations for
 * elections): a resolution voted without quorum, or recorded as passed
 * without enough yes votes, is not valid. Counted again from the attendance
 * as it now stands. */
static void
check_votes (Check      *check,
             const char *from,
             const char *to)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autofree char *sql = g_strconcat ("SELECT i.id, i.vote_kind, i.vote_result, i.title, "
                                      "m.title, m.date, m.type, m.id FROM agenda_items i "
                                      "JOIN meetings m ON m.id = i.meeting_id "
                                      "WHERE i.deleted = 0 AND m.deleted = 0 "
                                      "AND i.vote_kind IS NOT NULL AND m.date BETWEEN ?1 AND ?2",
                                      finalised_sql (check), "ORDER BY m.date, i.position", NULL);

  stmt = period_query (check, sql, from, to);
  while (stmt != NULL && sqlite3_step (stmt) == SQLITE_ROW)
    {
      const char *date = (const char *) sqlite3_column_text (stmt, 5);
      g_autofree char *month = month_of (date);
      g_autoptr(GError) error = NULL;

      if (zb_store_recount_vote (check->db, (const char *) sqlite3_column_text (stmt, 0),
                                 (const char *) sqlite3_column_text (stmt, 1),
                                 g_strcmp0 ((const char *) sqlite3_column_text (stmt, 2),
                                            "passed") == 0, &error))
        continue;
      /* TRANSLATORS: agenda item, meeting, its date, then why the vote does not hold */
      zb_finding_set_meeting_id (
        add_finding (check, "quorum", month, "alert", (const char *) sqlite3_column_text (stmt, 6),
                     _("The vote on “%s” at the meeting “%s” of %s does not hold: %s"),
                     (const char *) sqlite3_column_text (stmt, 3),
                     (const char *) sqlite3_column_text (stmt, 4), date, error->message),
        (const char *) sqlite3_column_text (stmt, 7));
    }
}

/* The Constitution, article 7: the probation lasts one year (or its
 * extension); the branch must then discuss full membership. */
static void
check_probation (Check *check)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  stmt = zb_sql_prepare (check->db, "SELECT id, name, joined_date, probation_extended_to "
                                    "FROM members WHERE deleted = 0 AND status = 'normal' "
                                    "AND category = 'probationary' AND joined_date IS NOT NULL",
                         NULL);
  while (stmt != NULL && sqlite3_step (stmt) == SQLITE_ROW)
    {
      const char *extended = (const char *) sqlite3_column_text (stmt, 3);
      const char *id = (const char *) sqlite3_column_text (stmt, 0);
      const char *name = (const char *) sqlite3_column_text (stmt, 1);
      g_autofree char *end_iso = NULL;
      g_autofree char *month = NULL;
      GDate end, notice;

      if (!zb_date_parse_iso (extended ? extended : (const char *) sqlite3_column_text (stmt, 2),
                              &end))
        continue;
      if (extended == NULL)
        g_date_add_years (&end, 1);
      end_iso = zb_date_to_iso (&end);
      month = month_of (end_iso);
      notice = check->to;
      g_date_add_days (&notice, check->settings->probation_notice_days);

      if (g_date_compare (&end, &check->to) < 0)
        add_finding (check, "probation", month, "alert", id,
                     _("The probation of %s ended on %s and the branch has not yet decided on "
                       "full membership (the Constitution, article 7)"), name, end_iso);
      else if (g_date_compare (&end, &notice) <= 0)
        add_finding (check, "probation", month, "info", id,
                     _("The probation of %s ends on %s: prepare the discussion of full "
                       "membership"), name, end_iso);
    }
}

static void
check_measures (Check *check)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autofree char *sql = g_strconcat ("SELECT s.id, s.text, s.due_date, s.meeting_id "
                                      "FROM measures s LEFT JOIN meetings m ON m.id = s.meeting_id "
                                      "WHERE s.deleted = 0 AND s.state = 'open' AND s.due_date < ?1",
                                      finalised_sql (check), "ORDER BY s.due_date", NULL);

  stmt = zb_sql_prepare (check->db, sql, NULL);
  if (stmt == NULL)
    return;

  zb_sql_bind_text (stmt, 1, check->to_iso);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      const char *due = (const char *) sqlite3_column_text (stmt, 2);
      g_autofree char *month = month_of (due);

      zb_finding_set_meeting_id (
        add_finding (check, "measure-overdue", month, "warning",
                     (const char *) sqlite3_column_text (stmt, 0),
                     _("The measure “%s” was due on %s and is not done"),
                     (const char *) sqlite3_column_text (stmt, 1), due),
        (const char *) sqlite3_column_text (stmt, 3));
    }
}

static guint
months_between (const GDate *from,
                const GDate *to)
{
  int months = (g_date_get_year (to) - g_date_get_year (from)) * 12 +
               (int) g_date_get_month (to) - (int) g_date_get_month (from);

  if (g_date_get_day (to) < g_date_get_day (from))
    months--;

  return MAX (months, 0);
}

static void
report_absence (Check      *check,
                const char *member_id,
                const char *name,
                const char *first_absence)
{
  g_autofree char *span = NULL;
  g_autofree char *from_month = month_of (first_absence);
  g_autofree char *to_month = month_of (check->to_iso);
  GDate first;
  guint months;

  zb_date_parse_iso (first_absence, &first);
  months = months_between (&first, &check->to);
  span = g_strdup_printf ("%s/%s", from_month, to_month);

  if (months >= check->settings->absence_alert_months)
    add_finding (check, "absence", span, "alert", member_id,
                 _("%s has attended no organisational life, without proper reason, since %s: "
                   "%u months (the Constitution, article 9: six months count as leaving the "
                   "Party)"), name, first_absence, months);
  else if (months >= check->settings->absence_warning_months)
    add_finding (check, "absence", span, "warning", member_id,
                 _("%s has attended no organisational life, without proper reason, since %s: "
                   "%u months"), name, first_absence, months);
}

/* The Constitution, article 9: only unexcused absence counts; leave with its
 * reason neither breaks nor extends the run. */
static void
check_absence (Check *check)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autofree char *current = NULL, *name = NULL, *first_absence = NULL;
  g_autofree char *sql = g_strconcat ("SELECT a.member_id, mb.name, a.state, m.date "
                                      "FROM meeting_attendees a JOIN meetings m "
                                      "ON m.id = a.meeting_id JOIN members mb "
                                      "ON mb.id = a.member_id WHERE a.deleted = 0 "
                                      "AND m.deleted = 0 AND mb.status = 'normal' "
                                      "AND m.date <= ?1 AND a.state IS NOT NULL",
                                      finalised_sql (check),
                                      "ORDER BY a.member_id, m.date DESC", NULL);
  gboolean attended = FALSE;

  stmt = zb_sql_prepare (check->db, sql, NULL);
  if (stmt == NULL)
    return;

  zb_sql_bind_text (stmt, 1, check->to_iso);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      const char *member = (const char *) sqlite3_column_text (stmt, 0);
      const char *state = (const char *) sqlite3_column_text (stmt, 2);

      if (g_strcmp0 (member, current) != 0)
        {
          if (current != NULL && first_absence != NULL)
            report_absence (check, current, name, first_absence);
          set_string (&current, member);
          set_string (&name, (const char *) sqlite3_column_text (stmt, 1));
          g_clear_pointer (&first_absence, g_free);
          attended = FALSE;
        }

      if (attended || g_str_equal (state, "leave"))
        continue;
      if (g_str_equal (state, "present"))
        attended = TRUE;
      else
        set_string (&first_absence, (const char *) sqlite3_column_text (stmt, 3));
    }

  if (current != NULL && first_absence != NULL)
    report_absence (check, current, name, first_absence);
}

/* @months (YYYY-MM, in order) as runs: "2026-01–2026-08, 2026-10". */
static char *
format_month_runs (const char * const *months)
{
  GString *out = g_string_new (NULL);
  guint n = g_strv_length ((char **) months);

  for (guint i = 0; i < n; i++)
    {
      ZbMonth first, m;
      guint j = i;

      zb_month_parse (months[i], &first);
      while (j + 1 < n && zb_month_parse (months[j + 1], &m) && m == first + (ZbMonth) (j + 1 - i))
        j++;
      g_string_append_printf (out, "%s%s", out->len ? ", " : "", months[i]);
      if (j > i)
        g_string_append_printf (out, "–%s", months[j]);
      i = j;
    }
  return g_string_free (out, FALSE);
}

/* DOMAIN.md section 4, after the Constitution, article 9 (six months in a
 * row without paying dues, without proper reason, count as leaving the
 * Party): three months in arrears are a warning, six an alert. Months
 * waived with the higher committee's approval are not in arrears. */
static void
check_dues (Check *check)
{
  g_autoptr(GListModel) all = zb_store_dues_arrears_locked (check->db,
                                                            zb_month_of_date (&check->to), NULL);

  for (guint i = 0; all != NULL && i < g_list_model_get_n_items (all); i++)
    {
      g_autoptr(ZbArrears) a = g_list_model_get_item (all, i);
      const char * const *months = zb_arrears_get_months (a);
      guint n = g_strv_length ((char **) months);
      g_autofree char *runs = NULL, *span = NULL;

      if (zb_arrears_get_level (a) == NULL)
        continue;
      runs = format_month_runs (months);
      span = g_strdup_printf ("%s/%s", months[0], months[n - 1]);
      if (g_str_equal (zb_arrears_get_level (a), "alert"))
        add_finding (check, "dues-arrears", span, "alert", zb_arrears_get_member_id (a),
                     _("%s has not paid Party dues for %u months: %s (the Constitution, "
                       "article 9: six months without paying, without proper reason, count as "
                       "leaving the Party)"), zb_arrears_get_name (a), n, runs);
      else
        add_finding (check, "dues-arrears", span, "warning", zb_arrears_get_member_id (a),
                     _("%s has not paid Party dues for %u months: %s"),
                     zb_arrears_get_name (a), n, runs);
    }
}

/* An overdue step the time rules already name (the talk, an assessment,
 * the approval, the vote at the end of the probation) is one finding. */
static gboolean
is_named (GPtrArray    *issues,
          ZbRecruitDue *due)
{
  for (guint i = 0; i < issues->len; i++)
    {
      ZbRecruitIssue *issue = g_ptr_array_index (issues, i);

      if (g_str_equal (issue->code, due->code) && g_strcmp0 (issue->date, due->latest) == 0)
        return TRUE;
    }
  return FALSE;
}

/* The steps of @file dated on or before the end of the period: the file
 * as it stood then. */
static GPtrArray *
steps_until (ZbRecruitFile *file,
             const char    *to)
{
  GPtrArray *steps = g_ptr_array_new ();

  for (guint i = 0; i < file->steps->len; i++)
    {
      ZbRecruitStep *step = g_ptr_array_index (file->steps, i);

      if (g_strcmp0 (zb_recruit_step_get_date (step), to) <= 0)
        g_ptr_array_add (steps, step);
    }
  return steps;
}

/* Moves the issues of @more to the end of @issues. */
static void
append_issues (GPtrArray *issues,
               GPtrArray *more)
{
  g_ptr_array_set_free_func (more, NULL);
  for (guint i = 0; i < more->len; i++)
    g_ptr_array_add (issues, g_ptr_array_index (more, i));
  g_ptr_array_unref (more);
}

static void
check_recruit_file (Check         *check,
                    ZbRecruitFile *file)
{
  const char *id = zb_member_get_id (file->member);
  const char *name = zb_member_get (file->member, ZB_MEMBER_FIELD_NAME);
  g_autoptr(GPtrArray) steps = steps_until (file, check->to_iso);
  g_autoptr(GPtrArray) issues = NULL;
  g_autoptr(GPtrArray) due = zb_recruitment_rules_due (steps, &check->to);
  g_autoptr(ZbRecruitStatus) status = zb_recruitment_rules_status (steps);

  /* Out of the pipeline: not started by the end of the period, or a full
   * member with nothing left to do (the file archived, S25). */
  if (status->category == NULL ||
      (g_str_equal (status->category, ZB_CATEGORY_FULL) && due->len == 0))
    return;

  issues = zb_recruitment_rules_check (steps, zb_member_get (file->member,
                                                             ZB_MEMBER_FIELD_BIRTH_DATE),
                                       &check->to);
  /* The rules the steps alone do not hold: a written report each quarter,
   * leaving the unit within three months, and contacts and introducers who
   * are full members (zb-recruitment-rules.c). */
  append_issues (issues, zb_recruitment_rules_check_reports (steps, file->reports, &check->to));
  append_issues (issues, zb_recruitment_rules_check_leaving (steps, file->leaving_date,
                                                             &check->to));
  append_issues (issues, zb_recruitment_rules_check_sponsors (steps, zb_store_recruit_roster_cb,
                                                              check->db));
  for (guint i = 0; i < issues->len; i++)
    {
      ZbRecruitIssue *issue = g_ptr_array_index (issues, i);

      add_finding (check, issue->rule, issue->date ? issue->date : "",
                   zb_recruit_severity_to_string (issue->severity), id,
                   /* TRANSLATORS: a person's name, then what rule the file breaks */
                   _("%s: %s"), name, issue->message);
    }
  for (guint i = 0; i < due->len; i++)
    {
      ZbRecruitDue *d = g_ptr_array_index (due, i);
      const ZbRecruitStepInfo *info = zb_recruit_step_lookup (d->code);

      if (d->overdue && !is_named (issues, d))
        add_finding (check, "recruit-step-overdue", d->latest, "warning", id,
                     _("%s: %s “%s” was due by %s and is not recorded (the Recruitment "
                       "Rules)"), name, d->code, _(info->label), d->latest);
    }
}

/* DOMAIN.md section 1: each time rule of the Recruitment Rules that a
 * person's file breaks, by the end of the period, and each step overdue,
 * for everyone on the path into the Party. */
static void
check_recruitment (Check *check)
{
  g_autoptr(GPtrArray) files = zb_store_recruit_files_locked (check->db, NULL);

  for (guint i = 0; files != NULL && i < files->len; i++)
    check_recruit_file (check, g_ptr_array_index (files, i));
}

static void
run_checks (Check      *check,
            const char *from,
            const char *to)
{
  g_autoptr(GPtrArray) groups = zb_meeting_frequency_groups (check->db);
  const ZbMeetingType *types;
  guint n_types;

  types = zb_meeting_types (&n_types);
  for (guint i = 0; i < n_types; i++)
    check_frequency (check, &types[i], groups);

  check_first_items (check, from, to);
  check_votes (check, from, to);
  check_probation (check);
  check_absence (check);
  check_measures (check);
  check_dues (check);
  check_recruitment (check);
  zb_check_stored_values (check->db, check->to_iso,
                          (check->flags & ZB_CHECK_FINALISED_ONLY) != 0, check->findings);
}

/* Every finding for the span from @from to @to (ISO dates), each naming the
 * rule it comes from, by the thresholds in @settings, or the branch's own in
 * its database when @settings is NULL (schema step 12), so that every PC
 * judges alike. */
GListModel *
zb_store_check (ZbStore                *store,
                const char             *from,
                const char             *to,
                const ZbCheckSettings  *settings,
                GError                **error)
{
  return zb_store_check_full (store, from, to, settings, ZB_CHECK_ALL_RECORDS, error);
}

/* zb_store_check(), and with ZB_CHECK_FINALISED_ONLY only over the records
 * the branch finalised: what the committee's dashboard shows (DOMAIN.md
 * section 6) and `zhibu-cli check --finalised-only` prints. */
GListModel *
zb_store_check_full (ZbStore                *store,
                     const char             *from,
                     const char             *to,
                     const ZbCheckSettings  *settings,
                     ZbCheckFlags            flags,
                     GError                **error)
{
  g_autoptr(GListStore) findings = g_list_store_new (ZB_TYPE_FINDING);
  ZbCheckSettings branch_settings;
  Check check = { 0 };

  if (!zb_date_parse_iso (from, &check.from) || !zb_date_parse_iso (to, &check.to) ||
      g_date_compare (&check.from, &check.to) > 0)
    {
      g_set_error_literal (error, ZB_MEMBER_ERROR, ZB_MEMBER_ERROR_INVALID,
                           _("Period: give --from and --to as year-month-day, such as "
                             "2015-07-01, the first before the last"));
      return NULL;
    }

  check.settings = settings ? settings : &branch_settings;
  check.flags = flags;
  check.findings = findings;
  check.to_iso = g_strdup (to);

  g_mutex_lock (&store->write_lock);
  check.db = store->writer;
  if (settings == NULL && !zb_store_check_settings_locked (check.db, &branch_settings, error))
    {
      g_mutex_unlock (&store->write_lock);
      g_free (check.to_iso);
      return NULL;
    }
  run_checks (&check, from, to);
  g_mutex_unlock (&store->write_lock);

  g_free (check.to_iso);
  return G_LIST_MODEL (g_steal_pointer (&findings));
}
