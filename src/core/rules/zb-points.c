#define G_LOG_DOMAIN "zb-points"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "zb-date.h"
#include "zb-error.h"
#include "zb-limits.h"
#include "zb-points.h"

/* Points for members (党员积分管理): no national regulation sets them; local
 * committees ask branches to keep them, each branch by its own rule set, as
 * a measure of what the Constitution, article 3 asks of a member (to study,
 * to take part in organisational life, to serve the people). The rule set
 * is the branch's, synced to every PC and the server so that all count
 * alike; the defaults below are only a start, which the branch changes.
 * Points are whole tenths: hours count by the minute, rounded down to the
 * tenth of a point. */

static const char * const keys[] = { "meeting", "study-hour", "lecture", "volunteer-hour", "cap",
                                     NULL };

void
zb_points_rules_default (ZbPointsRules *rules)
{
  rules->meeting = 10;
  rules->study_hour = 10;
  rules->lecture = 50;
  rules->volunteer_hour = 10;
  rules->cap = 0;
}

/* The keys of `zhibu-cli points rules --set KEY=VALUE`. */
const char * const *
zb_points_rule_keys (void)
{
  return keys;
}

static gint64 *
rule_slot (ZbPointsRules *rules,
           const char    *key)
{
  gint64 *slots[] = { &rules->meeting, &rules->study_hour, &rules->lecture,
                      &rules->volunteer_hour, &rules->cap };

  for (guint i = 0; keys[i] != NULL; i++)
    if (g_strcmp0 (keys[i], key) == 0)
      return slots[i];
  return NULL;
}

gint64
zb_points_rules_get (const ZbPointsRules *rules,
                     const char          *key)
{
  gint64 *slot = rule_slot ((ZbPointsRules *) rules, key);

  g_return_val_if_fail (slot != NULL, 0);
  return *slot;
}

/* "2", "1.5" or "0.5" points as tenths; at most one decimal, no sign. */
gboolean
zb_points_parse_tenths (const char *text,
                        gint64     *tenths)
{
  gint64 whole = 0;
  const char *p = text;
  int decimals = -1;

  if (text == NULL || *text == '\0')
    return FALSE;
  for (; *p != '\0'; p++)
    {
      if (*p == '.' && decimals < 0 && p != text && p[1] != '\0')
        decimals = 0;
      else if (g_ascii_isdigit (*p) && decimals < 1 && whole <= ZB_POINTS_MAX_CAP_TENTHS)
        {
          whole = whole * 10 + (*p - '0');
          if (decimals >= 0)
            decimals++;
        }
      else
        return FALSE;
    }
  *tenths = decimals == 1 ? whole : whole * 10;
  return TRUE;
}

static gboolean
refuse (GError     **error,
        const char  *message)
{
  g_set_error_literal (error, ZB_MEMBER_ERROR, ZB_MEMBER_ERROR_INVALID, message);
  return FALSE;
}

/* Each figure from 0 to 1,000 points, the cap 0 (none) or up to 100,000. */
gboolean
zb_points_rules_check (const ZbPointsRules *rules,
                       GError             **error)
{
  gint64 units[] = { rules->meeting, rules->study_hour, rules->lecture, rules->volunteer_hour };

  for (guint i = 0; i < G_N_ELEMENTS (units); i++)
    if (units[i] < 0 || units[i] > ZB_POINTS_MAX_RULE_TENTHS)
      return refuse (error, _("Points rules: give each figure as points from 0 to 1000, with "
                              "at most one decimal, such as 1.5"));
  if (rules->cap < 0 || rules->cap > ZB_POINTS_MAX_CAP_TENTHS)
    return refuse (error, _("Yearly cap: give the most points a year as a number up to "
                            "100000, or 0 for no cap"));
  return TRUE;
}

/* One KEY=VALUE of the rule set. */
gboolean
zb_points_rules_set (ZbPointsRules  *rules,
                     const char     *key,
                     const char     *value,
                     GError        **error)
{
  gint64 *slot = rule_slot (rules, key);
  ZbPointsRules changed = *rules;
  gint64 tenths;

  if (slot == NULL)
    {
      g_autofree char *known = g_strjoinv (", ", (char **) keys);

      /* TRANSLATORS: the key given, then the keys there are */
      g_set_error (error, ZB_MEMBER_ERROR, ZB_MEMBER_ERROR_INVALID,
                   _("Points rules: there is no rule “%s”; the rules are %s"), key, known);
      return FALSE;
    }
  if (!zb_points_parse_tenths (value, &tenths))
    {
      /* TRANSLATORS: the rule's key, then the value given */
      g_set_error (error, ZB_MEMBER_ERROR, ZB_MEMBER_ERROR_INVALID,
                   _("Points rules: %s: “%s” is not a number of points; write it as 2 or 1.5"),
                   key, value);
      return FALSE;
    }
  *rule_slot (&changed, key) = tenths;
  if (!zb_points_rules_check (&changed, error))
    return FALSE;
  *slot = tenths;
  return TRUE;
}

static gboolean
check_column (const char  *column,
              const char  *value,
              GError     **error)
{
  const ZbColumnLimit *limit = zb_limits_lookup ("study_records", column);
  g_autofree char *issue = NULL;
  g_autofree char *message = NULL;
  GDate today;

  zb_date_set_today (&today);
  if (value == NULL || (issue = zb_limits_check_text (limit, value, &today)) == NULL)
    return TRUE;
  message = zb_limits_describe (limit, issue);
  return refuse (error, message);
}

/* A study record's own fields: its member, day, title and time, and a
 * meeting for study in a meeting only (a lecture given may name the lecture
 * it was, any other kind none). */
gboolean
zb_study_check (ZbStudy  *study,
                GError  **error)
{
  ZbStudyKind kind = zb_study_get_kind (study);
  const char *meeting = zb_study_get_meeting_id (study);

  if (zb_study_get_member_id (study) == NULL)
    return refuse (error, _("Member: say whose record it is, by the member’s ID"));
  if (zb_study_get_date (study) == NULL)
    return refuse (error, _("Date: give the day of the study, such as 2026-03-01"));
  if (zb_study_get_title (study) == NULL)
    return refuse (error, _("Title: say what was studied"));
  if (!check_column ("date", zb_study_get_date (study), error) ||
      !check_column ("title", zb_study_get_title (study), error) ||
      !check_column ("material", zb_study_get_material (study), error))
    return FALSE;
  if (zb_study_get_minutes (study) < 1 || zb_study_get_minutes (study) > ZB_STUDY_MAX_MINUTES)
    return refuse (error, _("Minutes: give the time spent as whole minutes, from 1 to 1440 (one "
                            "day); record each day of a longer study on its own"));
  if (kind == ZB_STUDY_MEETING && meeting == NULL)
    return refuse (error, _("Meeting: study in a meeting names the meeting; see zhibu-cli "
                            "meeting list for the IDs"));
  if (meeting != NULL && kind != ZB_STUDY_MEETING && kind != ZB_STUDY_LECTURE)
    return refuse (error, _("Meeting: only study in a meeting or a lecture given names a "
                            "meeting; leave it out for self-study and volunteer service"));
  return TRUE;
}

static gint64
per_hour (gint64 minutes,
          gint64 tenths_per_hour)
{
  return minutes * tenths_per_hour / 60;
}

/* The member's points of @year from @studies (ZbStudy, the member's own;
 * those of other years are left out) and the meetings of the year the
 * member attended (present, not on leave). Hours are summed over the year
 * before they are counted, so minutes of many short records add up. */
void
zb_points_reckon (const ZbPointsRules *rules,
                  guint                year,
                  GPtrArray           *studies,
                  guint                meetings_attended,
                  ZbPoints            *points)
{
  g_autofree char *prefix = g_strdup_printf ("%04u-", year);
  gint64 sum;

  memset (points, 0, sizeof *points);
  points->meetings = meetings_attended;
  for (guint i = 0; studies != NULL && i < studies->len; i++)
    {
      ZbStudy *study = g_ptr_array_index (studies, i);

      if (!g_str_has_prefix (zb_study_get_date (study), prefix))
        continue;
      switch (zb_study_get_kind (study))
        {
        case ZB_STUDY_SELF:
        case ZB_STUDY_MEETING:
          points->study_minutes += zb_study_get_minutes (study);
          break;
        case ZB_STUDY_LECTURE:
          points->lectures++;
          break;
        case ZB_STUDY_VOLUNTEER:
          points->volunteer_minutes += zb_study_get_minutes (study);
          break;
        case ZB_STUDY_N_KINDS:
        default:
          g_assert_not_reached ();
        }
    }

  points->meeting_tenths = points->meetings * rules->meeting;
  points->study_tenths = per_hour (points->study_minutes, rules->study_hour);
  points->lecture_tenths = points->lectures * rules->lecture;
  points->volunteer_tenths = per_hour (points->volunteer_minutes, rules->volunteer_hour);
  sum = points->meeting_tenths + points->study_tenths + points->lecture_tenths +
        points->volunteer_tenths;
  points->capped = rules->cap > 0 && sum > rules->cap;
  points->total_tenths = points->capped ? rules->cap : sum;
}
