#define G_LOG_DOMAIN "zb-stats"

#include "config.h"

#include <glib/gi18n.h>

#include "zb-date.h"
#include "zb-error.h"
#include "zb-first-item.h"
#include "zb-meeting-frequency.h"
#include "zb-recruitment-rules.h"
#include "zb-stats.h"
#include "zb-store-private.h"

/* The branch's figures for a year, read from the store in a handful of
 * queries inside one read transaction, whatever the size of the branch: one
 * over the members, one over the meetings, one over the first items, one
 * over the measures, and the checker's own queries for the party groups and
 * the committee's terms. Nothing is counted per member by a query of its
 * own, but dues, which the dues ledger reckons member by member for those
 * with a base, and the recruitment pipeline, which the recruitment rules
 * read person by person from their steps. */

static const char *categories[ZB_STATS_N_CATEGORIES] = {
  ZB_CATEGORY_FULL, ZB_CATEGORY_PROBATIONARY, ZB_CATEGORY_CANDIDATE, ZB_CATEGORY_ACTIVIST,
  ZB_CATEGORY_APPLICANT,
};

/* The bands of the yearly statistical communiqué of the Central Organisation
 * Department (中国共产党党内统计公报), so that a branch's figures read beside
 * the national ones: 30 and under, 31-35, …, 56-60, 61 and over. */
static const ZbAgeBand age_bands[ZB_STATS_N_AGE_BANDS] = {
  { "up-to-30", 0, 30 },
  { "31-35", 31, 35 },
  { "36-40", 36, 40 },
  { "41-45", 41, 45 },
  { "46-50", 46, 50 },
  { "51-55", 51, 55 },
  { "56-60", 56, 60 },
  { "61-and-over", 61, G_MAXUINT },
};

const char *
zb_stats_category (guint index)
{
  g_return_val_if_fail (index < ZB_STATS_N_CATEGORIES, NULL);
  return categories[index];
}

const ZbAgeBand *
zb_stats_age_band (guint index)
{
  g_return_val_if_fail (index < ZB_STATS_N_AGE_BANDS, NULL);
  return &age_bands[index];
}

guint
zb_stats_age_band_of (guint age)
{
  for (guint i = 0; i < ZB_STATS_N_AGE_BANDS; i++)
    if (age <= age_bands[i].to)
      return i;
  return ZB_STATS_N_AGE_BANDS - 1;
}

/* DOMAIN.md section 6: the committee sees what a branch finalised. With
 * ZB_STATS_FINALISED_ONLY a meeting counts, with its first item and its
 * measures, only once finalised. Members, dues and recruitment steps are not
 * finalised records and count as they stand. */
static const char *
finalised_sql (const ZbStats *stats)
{
  return stats->flags & ZB_STATS_FINALISED_ONLY ? " AND m.finalized_at IS NOT NULL " : " ";
}

static gboolean
month_in_period (const ZbStats *stats,
                 guint          month)
{
  return month >= stats->from_month && month <= stats->to_month;
}

static guint
category_index (const char *category)
{
  for (guint i = 0; i < ZB_STATS_N_CATEGORIES; i++)
    if (g_strcmp0 (category, categories[i]) == 0)
      return i;
  return G_MAXUINT;
}

static void
stats_count_free (ZbStatsCount *count)
{
  g_free (count->value);
  g_free (count);
}

void
zb_stats_free (ZbStats *stats)
{
  if (stats == NULL)
    return;

  g_free (stats->from);
  g_free (stats->to);
  g_free (stats->year_end);
  g_free (stats->as_of);
  g_clear_pointer (&stats->by_education, g_ptr_array_unref);
  g_free (stats->meetings);
  g_free (stats);
}

/* Where a person who is not a Party member on @day stood in the pipeline
 * then, from the dates of the steps (DOMAIN.md section 1: S07 makes a
 * candidate, S03 an activist, S01 an applicant). A step of the person's
 * present category without its date counts as taken before any day, as
 * zb_member_standing_on() counts a full member without an admission date. */
static const char *
pipeline_category_on (ZbMember   *member,
                      const char *day)
{
  static const struct {
    ZbMemberField  field;
    const char    *category;
  } steps[] = {
    { ZB_MEMBER_FIELD_CANDIDATE_DATE, ZB_CATEGORY_CANDIDATE },
    { ZB_MEMBER_FIELD_ACTIVIST_DATE, ZB_CATEGORY_ACTIVIST },
    { ZB_MEMBER_FIELD_APPLIED_DATE, ZB_CATEGORY_APPLICANT },
  };
  const char *now = zb_member_get (member, ZB_MEMBER_FIELD_CATEGORY);

  for (guint i = 0; i < G_N_ELEMENTS (steps); i++)
    {
      const char *date = zb_member_get (member, steps[i].field);

      if (date != NULL ? g_strcmp0 (date, day) <= 0 : g_strcmp0 (now, steps[i].category) == 0)
        return steps[i].category;
    }
  return NULL;
}

/* Admitted by @day (入党日期), as zb_member_standing_on() reads it. */
static gboolean
admitted_by (ZbMember   *member,
             const char *day)
{
  const char *joined = zb_member_get (member, ZB_MEMBER_FIELD_JOINED_DATE);

  if (joined != NULL)
    return g_strcmp0 (joined, day) <= 0;
  return g_strcmp0 (zb_member_get (member, ZB_MEMBER_FIELD_CATEGORY), ZB_CATEGORY_FULL) == 0;
}

/* The category a person is counted in on @day, or NULL when they are not on
 * the branch's books that day. A Party member counts when expected at a
 * meeting that day (zb_member_standing_on(): admitted, the relationship in
 * the branch, the status normal); so a member transferred out, expelled,
 * removed or deceased counts up to the day of it, and a member transferred
 * in from its day. Someone in the pipeline counts while the status is
 * normal and no transfer has taken them out. */
static const char *
category_on (ZbMember              *member,
             const ZbMemberHistory *history,
             const char            *day,
             ZbStanding            *standing)
{
  zb_member_standing_on (member, history, day, standing);
  if (standing->expected)
    return standing->full ? ZB_CATEGORY_FULL : ZB_CATEGORY_PROBATIONARY;
  if (admitted_by (member, day) || g_strcmp0 (history->status, ZB_STATUS_NORMAL) != 0 ||
      g_strcmp0 (history->last_transfer, "out") == 0)
    return NULL;
  return pipeline_category_on (member, day);
}

static void
count_party_member (ZbStats    *stats,
                    ZbMember   *member,
                    GHashTable *educations)
{
  const char *birth = zb_member_get (member, ZB_MEMBER_FIELD_BIRTH_DATE);
  const char *education = zb_member_get (member, ZB_MEMBER_FIELD_EDUCATION);
  GDate born, end;
  gpointer n;

  stats->members++;
  if (g_strcmp0 (zb_member_get (member, ZB_MEMBER_FIELD_SEX), "F") == 0)
    stats->women++;
  else
    stats->men++;

  if (zb_date_parse_iso (birth, &born) && zb_date_parse_iso (stats->year_end, &end) &&
      g_date_compare (&born, &end) <= 0)
    stats->by_age[zb_stats_age_band_of (zb_date_full_years (&born, &end))]++;

  education = education != NULL && *education != '\0' ? education : "";
  n = GUINT_TO_POINTER (GPOINTER_TO_UINT (g_hash_table_lookup (educations, education)) + 1);
  g_hash_table_insert (educations, g_strdup (education), n);
}

static int
compare_counts (gconstpointer a,
                gconstpointer b)
{
  const ZbStatsCount *x = *(ZbStatsCount **) a;
  const ZbStatsCount *y = *(ZbStatsCount **) b;

  if (x->count != y->count)
    return x->count > y->count ? -1 : 1;
  if ((x->value == NULL) != (y->value == NULL))
    return x->value == NULL ? 1 : -1;
  return g_strcmp0 (x->value, y->value);
}

static GPtrArray *
sorted_counts (GHashTable *counts)
{
  GPtrArray *sorted = g_ptr_array_new_with_free_func ((GDestroyNotify) stats_count_free);
  GHashTableIter iter;
  gpointer key, value;

  g_hash_table_iter_init (&iter, counts);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      ZbStatsCount *count = g_new0 (ZbStatsCount, 1);

      count->value = *(const char *) key != '\0' ? g_strdup (key) : NULL;
      count->count = GPOINTER_TO_UINT (value);
      g_ptr_array_add (sorted, count);
    }
  g_ptr_array_sort (sorted, compare_counts);
  return sorted;
}

/* One query over every record of a person, with what the history says of
 * each on the year's last day. */
static gboolean
count_members (sqlite3  *db,
               ZbStats  *stats,
               GError  **error)
{
  g_autoptr(GHashTable) educations = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                                            NULL);
  g_autofree char *columns = zb_store_member_columns_of ("m");
  g_autofree char *sql = g_strdup_printf ("SELECT %s, " ZB_STORE_HISTORY_COLUMNS " FROM members m "
                                          "WHERE m.deleted = 0", columns);
  g_autoptr(sqlite3_stmt) stmt = zb_sql_prepare (db, sql, error);
  int n_member, rc;

  if (stmt == NULL)
    return FALSE;

  n_member = sqlite3_column_count (stmt) - 4;
  zb_sql_bind_text (stmt, 1, stats->year_end);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      g_autoptr(ZbMember) member = zb_store_member_from_row_at (stmt, 0);
      ZbMemberHistory history;
      ZbStanding standing;
      guint index;

      zb_store_history_from_row (member, stmt, n_member, stats->year_end, &history);
      index = category_index (category_on (member, &history, stats->year_end, &standing));
      if (index == G_MAXUINT)
        continue;
      stats->by_category[index]++;
      if (standing.expected)
        count_party_member (stats, member, educations);
    }
  if (rc != SQLITE_DONE)
    return zb_sql_fail (db, error);

  stats->by_education = sorted_counts (educations);
  return TRUE;
}

/* Meetings held, by type, month and party group: those of the period in
 * held[], those of the whole year in @all, from which a rule's period that
 * starts before the span is judged, as the checker judges it; each group's
 * months held as a bit mask, for the types due per group. */
static gboolean
count_held (sqlite3     *db,
            ZbStats     *stats,
            guint      (*all)[12],
            GHashTable **group_months,
            GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autofree char *first = g_strdup_printf ("%04u-01-01", stats->year);
  g_autofree char *last = g_strdup_printf ("%04u-12-31", stats->year);
  g_autofree char *sql = g_strconcat ("SELECT type, CAST(substr(date, 6, 2) AS INTEGER), "
                                      "party_group, count(*), total(date BETWEEN ?3 AND ?4) "
                                      "FROM meetings m WHERE deleted = 0 "
                                      "AND addendum_of IS NULL AND date BETWEEN ?1 AND ?2",
                                      finalised_sql (stats), "GROUP BY 1, 2, 3", NULL);
  int rc;

  if ((stmt = zb_sql_prepare (db, sql, error)) == NULL)
    return FALSE;

  zb_sql_bind_text (stmt, 1, first);
  zb_sql_bind_text (stmt, 2, last);
  zb_sql_bind_text (stmt, 3, stats->from);
  zb_sql_bind_text (stmt, 4, stats->to);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *code = (const char *) sqlite3_column_text (stmt, 0);
      int month = sqlite3_column_int (stmt, 1);
      const char *group = (const char *) sqlite3_column_text (stmt, 2);

      for (guint t = 0; t < stats->n_meetings; t++)
        {
          ZbStatsMeetings *m = &stats->meetings[t];
          gpointer mask;

          if (!g_str_equal (m->type->code, code) || month < 1 || month > 12)
            continue;
          m->held[month - 1] += sqlite3_column_int (stmt, 4);
          all[t][month - 1] += sqlite3_column_int (stmt, 3);
          if (!m->type->per_group || group == NULL)
            continue;
          mask = g_hash_table_lookup (group_months[t], group);
          g_hash_table_insert (group_months[t], g_strdup (group),
                               GUINT_TO_POINTER (GPOINTER_TO_UINT (mask) | 1u << (month - 1)));
        }
    }
  if (rc != SQLITE_DONE)
    return zb_sql_fail (db, error);
  return TRUE;
}

/* The groups of @groups that held a meeting in the months of @period_mask. */
static guint
groups_met (GHashTable *group_months,
            GPtrArray  *groups,
            guint       period_mask)
{
  guint met = 0;

  for (guint g = 0; g < groups->len; g++)
    if (GPOINTER_TO_UINT (g_hash_table_lookup (group_months, g_ptr_array_index (groups, g))) &
        period_mask)
      met++;
  return met;
}

/* Each period of the type's rule: what the checker's rule asks of it, put in
 * the month the period ends, and how much of it was held. */
static void
count_required (sqlite3         *db,
                ZbStats         *stats,
                ZbStatsMeetings *m,
                const guint     *all,
                GHashTable      *group_months,
                GPtrArray       *groups)
{
  guint months = zb_meeting_period_months (m->type->period);

  for (guint last = months; last <= 12; last += months)
    {
      g_autofree char *start = zb_date_format_ymd (stats->year, last - months + 1, 1);
      g_autofree char *end = NULL;
      gboolean sits = TRUE;
      guint held = 0, mask = 0, required;
      GDate day;

      g_date_clear (&day, 1);
      g_date_set_dmy (&day, g_date_get_days_in_month (last, stats->year), last, stats->year);
      end = zb_date_to_iso (&day);
      /* The checker judges a period once it has ended inside the span. */
      if (g_strcmp0 (end, stats->from) < 0 || g_strcmp0 (end, stats->to) > 0)
        continue;
      if (g_str_equal (m->type->code, "committee"))
        sits = zb_meeting_frequency_committee_sits (db, start, end);
      required = zb_meeting_frequency_required (m->type, groups->len, sits);

      for (guint i = last - months; i < last; i++)
        {
          held += all[i];
          mask |= 1u << i;
        }
      m->required[last - 1] = required;
      m->met[last - 1] = m->type->per_group ? groups_met (group_months, groups, mask)
                                            : MIN (held, required);
    }
}

static gboolean
count_meetings (sqlite3  *db,
                ZbStats  *stats,
                GError  **error)
{
  const ZbMeetingType *types = zb_meeting_types (&stats->n_meetings);
  g_autoptr(GPtrArray) groups = zb_meeting_frequency_groups (db);
  GHashTable **group_months = g_new0 (GHashTable *, stats->n_meetings);
  guint (*all)[12] = g_malloc0_n (stats->n_meetings, sizeof *all);
  gboolean ok;

  stats->meetings = g_new0 (ZbStatsMeetings, stats->n_meetings);
  for (guint t = 0; t < stats->n_meetings; t++)
    {
      stats->meetings[t].type = &types[t];
      group_months[t] = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
    }

  ok = count_held (db, stats, all, group_months, error);
  for (guint t = 0; ok && t < stats->n_meetings; t++)
    count_required (db, stats, &stats->meetings[t], all[t], group_months[t], groups);

  for (guint t = 0; t < stats->n_meetings; t++)
    g_hash_table_unref (group_months[t]);
  g_free (group_months);
  g_free (all);
  return ok;
}

/* DOMAIN.md section 3: the meetings that open with the first agenda item,
 * and those whose first item holds the study topic, the form, the
 * participants and the account of the proceedings that local notices
 * require, none of them still a template's prompt (zb_first_item_validate()
 * asks the same, and the checker warns of the others). */
static gboolean
count_first_items (sqlite3  *db,
                   ZbStats  *stats,
                   GError  **error)
{
  g_autoptr(GString) sql = g_string_new ("SELECT CAST(substr(m.date, 6, 2) AS INTEGER), count(*), "
                                         "total(f.topic IS NOT NULL AND f.form IS NOT NULL "
                                         "AND f.participants IS NOT NULL "
                                         "AND f.proceedings IS NOT NULL AND instr(f.topic || "
                                         "f.form || f.participants || f.proceedings || "
                                         "coalesce(f.material, '') || coalesce(f.source, '') || "
                                         "coalesce(f.leader, ''), ?3) = 0) FROM meetings m "
                                         "LEFT JOIN first_items f ON f.meeting_id = m.id "
                                         "AND f.deleted = 0 WHERE m.deleted = 0 "
                                         "AND m.addendum_of IS NULL AND m.date BETWEEN ?1 AND ?2");
  g_autoptr(sqlite3_stmt) stmt = NULL;
  guint n_types, n = 0;
  const ZbMeetingType *types = zb_meeting_types (&n_types);
  int rc;

  g_string_append (sql, finalised_sql (stats));
  g_string_append (sql, "AND m.type IN (");
  for (guint t = 0; t < n_types; t++)
    if (types[t].first_item)
      g_string_append_printf (sql, "%s'%s'", n++ ? ", " : "", types[t].code);
  g_string_append (sql, ") GROUP BY 1");

  if ((stmt = zb_sql_prepare (db, sql->str, error)) == NULL)
    return FALSE;
  zb_sql_bind_text (stmt, 1, stats->from);
  zb_sql_bind_text (stmt, 2, stats->to);
  zb_sql_bind_text (stmt, 3, ZB_TEMPLATE_PROMPT);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      int month = sqlite3_column_int (stmt, 0);

      if (month < 1 || month > 12)
        continue;
      stats->first_item_meetings[month - 1] = sqlite3_column_int (stmt, 1);
      stats->first_items_studied[month - 1] = sqlite3_column_int (stmt, 2);
    }
  if (rc != SQLITE_DONE)
    return zb_sql_fail (db, error);
  return TRUE;
}

/* The measures of meetings held by as_of that were not done by then, and of
 * those the ones past their due date (the checker's measure-overdue rule,
 * on that day). */
static gboolean
count_measures (sqlite3  *db,
                ZbStats  *stats,
                GError  **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autofree char *sql = g_strconcat ("SELECT count(*), total(s.due_date < ?1) FROM measures s "
                                      "JOIN meetings m ON m.id = s.meeting_id "
                                      "WHERE s.deleted = 0 AND m.deleted = 0 AND m.date <= ?1 "
                                      "AND (s.state = 'open' OR s.done_date > ?1)",
                                      finalised_sql (stats), NULL);

  if ((stmt = zb_sql_prepare (db, sql, error)) == NULL)
    return FALSE;

  zb_sql_bind_text (stmt, 1, stats->as_of);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    return zb_sql_fail (db, error);

  stats->measures_open = sqlite3_column_int (stmt, 0);
  stats->measures_overdue = sqlite3_column_int (stmt, 1);
  return TRUE;
}

/* Counts one person's place in the pipeline from their steps up to the
 * year's end, as the recruitment rules read them. */
static void
count_person (ZbStats   *stats,
              GPtrArray *steps)
{
  g_autoptr(ZbRecruitStatus) status = zb_recruitment_rules_status (steps);
  guint stage = 0;

  if (steps->len == 0 || status->disqualified || status->category == NULL ||
      g_strcmp0 (status->category, ZB_CATEGORY_FULL) == 0)
    return;
  for (guint i = 0; i < steps->len; i++)
    {
      const ZbRecruitStepInfo *info =
        zb_recruit_step_lookup (zb_recruit_step_get_code (g_ptr_array_index (steps, i)));

      stage = MAX (stage, info != NULL ? info->stage : 0);
    }
  if (stage >= 1 && stage <= G_N_ELEMENTS (stats->pipeline))
    stats->pipeline[stage - 1]++;
}

/* The people in the recruitment pipeline on the year's end, by stage: each
 * person's steps of up to that day, of people still in the branch. */
static gboolean
count_pipeline (sqlite3  *db,
                ZbStats  *stats,
                GError  **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GPtrArray) steps = g_ptr_array_new_with_free_func (g_object_unref);
  g_autofree char *person = NULL;

  stmt = zb_sql_prepare (db, "SELECT s.member_id, s.code, s.date, s.outcome, "
                             "s.extension_months FROM recruit_steps s JOIN members m "
                             "ON m.id = s.member_id WHERE s.deleted = 0 AND m.deleted = 0 "
                             "AND m.status = 'normal' AND s.date <= ?1 "
                             "ORDER BY s.member_id, s.date, s.code, s.rowid", error);
  if (stmt == NULL)
    return FALSE;
  zb_sql_bind_text (stmt, 1, stats->year_end);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      const char *id = (const char *) sqlite3_column_text (stmt, 0);
      ZbRecruitStep *step;

      if (g_strcmp0 (person, id) != 0)
        {
          count_person (stats, steps);
          g_ptr_array_set_size (steps, 0);
          g_free (person);
          person = g_strdup (id);
        }
      step = zb_recruit_step_new (id, (const char *) sqlite3_column_text (stmt, 1),
                                  (const char *) sqlite3_column_text (stmt, 2));
      zb_recruit_step_set_outcome (step, (const char *) sqlite3_column_text (stmt, 3));
      zb_recruit_step_set_extension_months (step, sqlite3_column_int (stmt, 4));
      g_ptr_array_add (steps, step);
    }
  count_person (stats, steps);
  return TRUE;
}

/* Dues of the months of the period (the ledger reckons whole months), and
 * the voluntary extra dues paid in its days. */
static gboolean
count_dues (sqlite3  *db,
            ZbStats  *stats,
            GError  **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  if (!zb_store_dues_year_locked (db, stats->year, stats->dues_due, stats->dues_paid,
                                  &stats->dues_extra, error))
    return FALSE;
  for (guint i = 0; i < 12; i++)
    if (!month_in_period (stats, i + 1))
      stats->dues_due[i] = stats->dues_paid[i] = 0;

  stmt = zb_sql_prepare (db, "SELECT coalesce(sum(amount_fen), 0) FROM dues_payments WHERE "
                             "deleted = 0 AND extra = 1 AND paid_date BETWEEN ?1 AND ?2", error);
  if (stmt == NULL)
    return FALSE;
  zb_sql_bind_text (stmt, 1, stats->from);
  zb_sql_bind_text (stmt, 2, stats->to);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    return zb_sql_fail (db, error);
  stats->dues_extra = sqlite3_column_int64 (stmt, 0);
  return TRUE;
}

static gboolean
count_all (sqlite3  *db,
           ZbStats  *stats,
           GError  **error)
{
  return count_members (db, stats, error) && count_meetings (db, stats, error) &&
         count_first_items (db, stats, error) && count_measures (db, stats, error) &&
         count_dues (db, stats, error) && count_pipeline (db, stats, error);
}

/* The part of @from..@to (ISO days, NULL for the year's own bounds) that
 * falls in @year, or NULL when none does. */
static ZbStats *
stats_new (guint         year,
           const char   *from,
           const char   *to,
           ZbStatsFlags  flags)
{
  g_autoptr(ZbStats) stats = g_new0 (ZbStats, 1);
  g_autofree char *first = zb_date_format_ymd (year, 1, 1);
  g_autofree char *last = zb_date_format_ymd (year, 12, 31);
  g_autofree char *today = zb_date_today_iso ();

  stats->year = year;
  stats->flags = flags;
  stats->from = g_strdup (from != NULL && g_strcmp0 (from, first) > 0 ? from : first);
  stats->to = g_strdup (to != NULL && g_strcmp0 (to, last) < 0 ? to : last);
  if (g_strcmp0 (stats->from, stats->to) > 0)
    return NULL;
  stats->from_month = g_ascii_strtoull (stats->from + 5, NULL, 10);
  stats->to_month = g_ascii_strtoull (stats->to + 5, NULL, 10);
  stats->year_end = g_strdup (stats->to);
  stats->as_of = g_strdup (g_strcmp0 (today, stats->year_end) < 0 ? today : stats->year_end);
  return g_steal_pointer (&stats);
}

/* Counts every ZbStats of @years in one read transaction, so that the
 * figures agree with each other while a sync writes. */
static gboolean
count_years (ZbStore    *store,
             GPtrArray  *years,
             GError    **error)
{
  sqlite3 *db = zb_store_begin_read (store);
  gboolean ok = zb_sql_exec (db, "BEGIN", error);

  for (guint i = 0; ok && i < years->len; i++)
    ok = count_all (db, g_ptr_array_index (years, i), error);
  if (ok)
    ok = zb_sql_exec (db, "COMMIT", error);
  else if (!sqlite3_get_autocommit (db))
    zb_sql_exec (db, "ROLLBACK", NULL);
  zb_store_end_read (store, db);
  return ok;
}

static gboolean
check_period (const char  *from,
              const char  *to,
              GError     **error)
{
  GDate a, b;

  if (zb_date_parse_iso (from, &a) && zb_date_parse_iso (to, &b) &&
      g_date_compare (&a, &b) <= 0 && g_date_get_year (&a) >= 1900 &&
      g_date_get_year (&b) <= 9999)
    return TRUE;
  g_set_error_literal (error, ZB_MEMBER_ERROR, ZB_MEMBER_ERROR_INVALID,
                       _("Period: give --from and --to as year-month-day, such as "
                         "2015-07-01, the first before the last"));
  return FALSE;
}

/* The figures of @year (1900-9999): members as they stood on its last day,
 * meetings and first items of its months, measures on its last day or, for
 * the year under way, today. */
ZbStats *
zb_store_stats (ZbStore  *store,
                guint     year,
                GError  **error)
{
  return zb_store_stats_full (store, year, NULL, NULL, ZB_STATS_ALL_RECORDS, error);
}

/* The figures of the part of @from..@to (ISO days; NULL for the year's own
 * bounds) that falls in @year: members and the pipeline as they stood on its
 * last day; meetings, first items and dues of its days and months, the
 * meetings due in the months whose rule period ends in it (as the checker
 * judges them); and with ZB_STATS_FINALISED_ONLY only finalised meetings. */
ZbStats *
zb_store_stats_full (ZbStore       *store,
                     guint          year,
                     const char    *from,
                     const char    *to,
                     ZbStatsFlags   flags,
                     GError       **error)
{
  g_autoptr(GPtrArray) years = g_ptr_array_new_with_free_func ((GDestroyNotify) zb_stats_free);
  ZbStats *stats;

  if (year < 1900 || year > 9999)
    {
      g_set_error (error, ZB_MEMBER_ERROR, ZB_MEMBER_ERROR_INVALID,
                   _("Year: give the year as four digits, such as 2025"));
      return NULL;
    }
  if ((stats = stats_new (year, from, to, flags)) == NULL)
    {
      g_set_error_literal (error, ZB_MEMBER_ERROR, ZB_MEMBER_ERROR_INVALID,
                           _("Period: give --from and --to as year-month-day, such as "
                             "2015-07-01, the first before the last"));
      return NULL;
    }
  g_ptr_array_add (years, stats);
  if (!count_years (store, years, error))
    return NULL;
  return g_ptr_array_steal_index (years, 0);
}

/* The figures of @from..@to (ISO days), one ZbStats for each year the period
 * touches, in order, counted in one read transaction. */
GPtrArray *
zb_store_stats_period (ZbStore       *store,
                       const char    *from,
                       const char    *to,
                       ZbStatsFlags   flags,
                       GError       **error)
{
  g_autoptr(GPtrArray) years = g_ptr_array_new_with_free_func ((GDestroyNotify) zb_stats_free);

  if (!check_period (from, to, error))
    return NULL;
  for (guint year = g_ascii_strtoull (from, NULL, 10); year <= g_ascii_strtoull (to, NULL, 10);
       year++)
    g_ptr_array_add (years, stats_new (year, from, to, flags));
  if (!count_years (store, years, error))
    return NULL;
  return g_steal_pointer (&years);
}

static void
stats_thread (GTask        *task,
              gpointer      source,
              gpointer      task_data,
              GCancellable *cancellable)
{
  GError *error = NULL;
  ZbStats *stats;

  if (g_task_return_error_if_cancelled (task))
    return;

  stats = zb_store_stats (ZB_STORE (source), GPOINTER_TO_UINT (task_data), &error);
  if (stats == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, stats, (GDestroyNotify) zb_stats_free);
}

/* zb_store_stats() on a worker thread, for the app: the queries go through
 * the write connection under its lock, never the main thread's. */
void
zb_store_stats_async (ZbStore             *store,
                      guint                year,
                      GCancellable        *cancellable,
                      GAsyncReadyCallback  callback,
                      gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (store, cancellable, callback, user_data);

  g_task_set_source_tag (task, zb_store_stats_async);
  g_task_set_task_data (task, GUINT_TO_POINTER (year), NULL);
  g_task_run_in_thread (task, stats_thread);
}

ZbStats *
zb_store_stats_finish (ZbStore       *store,
                       GAsyncResult  *result,
                       GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, store), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
