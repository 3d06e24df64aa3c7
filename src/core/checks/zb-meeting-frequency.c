#define G_LOG_DOMAIN "zb-meeting-frequency"

#include "config.h"

#include "zb-meeting-frequency.h"
#include "zb-sql.h"

/* The meeting-frequency rule of the checker, in the one place that both the
 * checker's findings and the branch statistics (`zhibu-cli stats`) count the
 * meetings due from: DOMAIN.md section 2, the Branch Regulations. */

/* The months one period of a rule spans. */
guint
zb_meeting_period_months (ZbPeriod period)
{
  switch (period)
    {
    case ZB_PERIOD_MONTH:
      return 1;
    case ZB_PERIOD_QUARTER:
      return 3;
    default:
      return 12;
    }
}

/* The meetings of @type due in one period of its rule: one for each of the
 * @n_groups party groups for the group meeting; for the committee meeting,
 * none unless a committee sits in the period (the Branch Regulations,
 * chapter 6: a branch of fewer than 7 full members has a secretary and no
 * committee); one otherwise. */
guint
zb_meeting_frequency_required (const ZbMeetingType *type,
                               guint                n_groups,
                               gboolean             committee_sits)
{
  if (type->per_group)
    return n_groups;
  if (g_str_equal (type->code, "committee") && !committee_sits)
    return 0;
  return 1;
}

/* The party groups of the branch's Party members in normal standing, in
 * order: those a group meeting is due from. */
GPtrArray *
zb_meeting_frequency_groups (sqlite3 *db)
{
  GPtrArray *groups = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(sqlite3_stmt) stmt = NULL;

  stmt = zb_sql_prepare (db, "SELECT DISTINCT party_group FROM members WHERE deleted = 0 "
                             "AND category IN ('full', 'probationary') "
                             "AND status = 'normal' AND party_group IS NOT NULL "
                             "ORDER BY party_group", NULL);
  while (stmt != NULL && sqlite3_step (stmt) == SQLITE_ROW)
    g_ptr_array_add (groups, g_strdup ((const char *) sqlite3_column_text (stmt, 0)));

  return groups;
}

/* Whether any committee member's term runs between @start and @end (ISO). */
gboolean
zb_meeting_frequency_committee_sits (sqlite3    *db,
                                     const char *start,
                                     const char *end)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  stmt = zb_sql_prepare (db, "SELECT EXISTS (SELECT 1 FROM committee_members WHERE deleted = 0 "
                             "AND from_date <= ?2 AND (to_date IS NULL OR to_date >= ?1))", NULL);
  if (stmt == NULL)
    return FALSE;

  zb_sql_bind_text (stmt, 1, start);
  zb_sql_bind_text (stmt, 2, end);
  return sqlite3_step (stmt) == SQLITE_ROW && sqlite3_column_int (stmt, 0) != 0;
}
