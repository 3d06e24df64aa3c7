#define G_LOG_DOMAIN "zb-member-standing"

#include "config.h"

#include "zb-date.h"
#include "zb-member-standing.h"

/* A meeting counts its members as they stood on its own day, not today:
 * who was expected, who was a full member and who had a vote (DOMAIN.md
 * section 2). Days are ISO dates, which compare as strings. */

static gboolean
on_or_before (const char *date,
              const char *day)
{
  return date != NULL && g_strcmp0 (date, day) <= 0;
}

/* Admitted by then (入党日期: the general meeting that admitted them). A full
 * member with no admission date on record counts as a member since before
 * any meeting (README, "Counting members on a meeting's day"). */
static gboolean
admitted_by (ZbMember   *member,
             const char *day)
{
  const char *joined = zb_member_get (member, ZB_MEMBER_FIELD_JOINED_DATE);
  const char *category = zb_member_get (member, ZB_MEMBER_FIELD_CATEGORY);

  if (joined != NULL)
    return on_or_before (joined, day);
  return g_strcmp0 (category, ZB_CATEGORY_FULL) == 0;
}

/* The Constitution, article 7: membership counts from the day probation
 * ends (转正日期). Without that date on record, a full member counts as full
 * from one year after admission, the probation year, or always when the
 * admission date is missing too. */
static gboolean
full_by (ZbMember   *member,
         const char *day)
{
  const char *full = zb_member_get (member, ZB_MEMBER_FIELD_FULL_DATE);
  const char *joined = zb_member_get (member, ZB_MEMBER_FIELD_JOINED_DATE);
  GDate date;

  if (full != NULL)
    return on_or_before (full, day);
  if (g_strcmp0 (zb_member_get (member, ZB_MEMBER_FIELD_CATEGORY), ZB_CATEGORY_FULL) != 0)
    return FALSE;
  if (joined == NULL || !zb_date_parse_iso (joined, &date))
    return TRUE;

  g_date_add_years (&date, 1);
  {
    g_autofree char *year_later = zb_date_to_iso (&date);

    return on_or_before (year_later, day);
  }
}

/* The organisational relationship (组织关系) was in the branch that day: the
 * latest transfer by then says where it was; before any transfer, it was
 * here unless it first came in by one. */
static gboolean
in_branch (const ZbMemberHistory *history)
{
  if (history->last_transfer != NULL)
    return g_str_equal (history->last_transfer, "in");

  return g_strcmp0 (history->first_transfer, "in") != 0;
}

/* The Constitution, article 40: 留党察看 takes away the right to vote, to
 * elect and to be elected for its whole period. */
static gboolean
disciplined_on (ZbMember   *member,
                const char *day)
{
  const char *from = zb_member_get (member, ZB_MEMBER_FIELD_DISCIPLINE_START);
  const char *until = zb_member_get (member, ZB_MEMBER_FIELD_DISCIPLINE_END);

  return on_or_before (from, day) && (until == NULL || g_strcmp0 (day, until) <= 0);
}

/* Expected (应到): a Party member, full or probationary, admitted by the
 * day, whose relationship was in the branch and whose status was normal
 * (not suspended, gone or deceased). A vote: a full member that day (the
 * Constitution, article 7: a probationary member has none), not under
 * 留党察看. */
void
zb_member_standing_on (ZbMember               *member,
                       const ZbMemberHistory  *history,
                       const char             *day,
                       ZbStanding             *standing)
{
  const char *status = history->status ? history->status : ZB_STATUS_NORMAL;

  standing->expected = admitted_by (member, day) && in_branch (history) &&
                       g_str_equal (status, ZB_STATUS_NORMAL);
  standing->full = standing->expected && full_by (member, day);
  standing->has_vote = standing->full && !disciplined_on (member, day);
}
