#define G_LOG_DOMAIN "zb-date"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "zb-date.h"

static gboolean
parse_digits (const char *text,
              guint       n,
              guint      *value)
{
  *value = 0;
  for (guint i = 0; i < n; i++)
    {
      if (!g_ascii_isdigit (text[i]))
        return FALSE;
      *value = *value * 10 + (text[i] - '0');
    }

  return TRUE;
}

/* Only YYYY-MM-DD: the one form the database and the CLI speak. Importers
 * normalise the other forms a spreadsheet writes before they get here. By
 * hand rather than sscanf(): an import of 10,000 people parses 100,000 dates. */
gboolean
zb_date_parse_iso (const char *text,
                   GDate      *date)
{
  guint y, m, d;

  g_return_val_if_fail (date != NULL, FALSE);

  g_date_clear (date, 1);
  if (text == NULL || strlen (text) != 10 || text[4] != '-' || text[7] != '-')
    return FALSE;
  if (!parse_digits (text, 4, &y) || !parse_digits (text + 5, 2, &m) ||
      !parse_digits (text + 8, 2, &d))
    return FALSE;
  if (!g_date_valid_dmy (d, m, y))
    return FALSE;

  g_date_set_dmy (date, d, m, y);
  return TRUE;
}

/* Reads a run of 1 to @max ASCII digits at *@p, moving past it. */
static gboolean
read_number (const char **p,
             guint        max,
             guint       *value)
{
  guint n = 0;

  *value = 0;
  while (n < max && g_ascii_isdigit (**p))
    {
      *value = *value * 10 + (**p - '0');
      (*p)++;
      n++;
    }

  return n > 0 && !g_ascii_isdigit (**p);
}

/* Full-width digits (０-９) and separators (－ ． ／), as a Chinese input
 * method types them, as ASCII; surrounding spaces dropped. */
static char *
normalise_input (const char *text)
{
  GString *out = g_string_new (NULL);

  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (c >= 0xFF10 && c <= 0xFF19)
        g_string_append_c (out, '0' + (c - 0xFF10));
      else if (c == 0xFF0D || c == 0xFF0E || c == 0xFF0F)
        g_string_append_c (out, "-./"[c - 0xFF0D]);
      else
        g_string_append_unichar (out, c);
    }

  return g_strstrip (g_string_free (out, FALSE));
}

static gboolean
parse_separated (const char *text,
                 guint      *y,
                 guint      *m,
                 guint      *d)
{
  const char *p = text;
  const char *sep;

  if (!read_number (&p, 4, y) || p - text != 4)
    return FALSE;
  if (g_str_has_prefix (p, "年"))
    {
      p += strlen ("年");
      if (!read_number (&p, 2, m) || !g_str_has_prefix (p, "月"))
        return FALSE;
      p += strlen ("月");
      if (!read_number (&p, 2, d))
        return FALSE;
      if (g_str_has_prefix (p, "日"))
        p += strlen ("日");
      return *p == '\0';
    }

  sep = p;
  if (*sep != '-' && *sep != '/' && *sep != '.')
    return FALSE;
  p++;
  if (!read_number (&p, 2, m) || *p != *sep)
    return FALSE;
  p++;
  return read_number (&p, 2, d) && *p == '\0';
}

/* A date as people in an office type it: 2015-07-01, 2015/7/1, 2015.7.1,
 * 2015年7月1日 or 20150701, with full-width digits too. Forms, the CLI and the
 * importers read dates with it and store the ISO form. */
gboolean
zb_date_parse_input (const char *text,
                     GDate      *date)
{
  g_autofree char *clean = NULL;
  guint y = 0, m = 0, d = 0;

  g_return_val_if_fail (date != NULL, FALSE);

  g_date_clear (date, 1);
  if (text == NULL)
    return FALSE;

  clean = normalise_input (text);
  if (strlen (clean) == 8 && parse_digits (clean, 4, &y) && parse_digits (clean + 4, 2, &m) &&
      parse_digits (clean + 6, 2, &d))
    ;
  else if (!parse_separated (clean, &y, &m, &d))
    return FALSE;

  if (y < 1000 || !g_date_valid_dmy (d, m, y))
    return FALSE;

  g_date_set_dmy (date, d, m, y);
  return TRUE;
}

/* The same, giving the ISO form, or NULL when @text is no date. */
char *
zb_date_normalise_input (const char *text)
{
  GDate date;

  return zb_date_parse_input (text, &date) ? zb_date_to_iso (&date) : NULL;
}

/* What a form sends on: the ISO form of a date typed as offices type them
 * (2026.10.1, 2026年10月1日), else the text as typed, for the check that
 * refuses it to name; %NULL for %NULL. */
char *
zb_date_normalise_or_typed (const char *typed)
{
  char *iso = typed != NULL ? zb_date_normalise_input (typed) : NULL;

  return iso != NULL ? iso : g_strdup (typed);
}

static void
put_digits (char  *out,
            guint  value,
            guint  n)
{
  for (guint i = n; i > 0; i--, value /= 10)
    out[i - 1] = '0' + value % 10;
}

/* By hand rather than printf: an import formats every date of every row. */
char *
zb_date_format_ymd (guint year,
                    guint month,
                    guint day)
{
  char *out = g_malloc (11);

  put_digits (out, year, 4);
  out[4] = '-';
  put_digits (out + 5, month, 2);
  out[7] = '-';
  put_digits (out + 8, day, 2);
  out[10] = '\0';
  return out;
}

char *
zb_date_to_iso (const GDate *date)
{
  g_return_val_if_fail (date != NULL && g_date_valid (date), NULL);

  return zb_date_format_ymd (g_date_get_year (date), g_date_get_month (date),
                             g_date_get_day (date));
}

/* China keeps one time zone, without summer time: Beijing time, UTC+8. A
 * system without the zone database still gets it right from the offset. */
static GTimeZone *
china_zone (void)
{
  static gsize zone;

  if (g_once_init_enter (&zone))
    {
      GTimeZone *found = g_time_zone_new_identifier ("Asia/Shanghai");

      g_once_init_leave (&zone, (gsize) (found ? found : g_time_zone_new_offset (8 * 3600)));
    }
  return (GTimeZone *) zone;
}

/* Today as it is in China (Asia/Shanghai), whatever the process's TZ: the PC
 * and the server must agree on which dates have already happened. */
void
zb_date_set_today (GDate *date)
{
  g_autoptr(GDateTime) now = g_date_time_new_now (china_zone ());

  g_date_clear (date, 1);
  g_date_set_dmy (date, g_date_time_get_day_of_month (now), g_date_time_get_month (now),
                  g_date_time_get_year (now));
}

char *
zb_date_today_iso (void)
{
  GDate today;

  zb_date_set_today (&today);
  return zb_date_to_iso (&today);
}

/* Age in completed years, the way the Recruitment Rules count "年满十八岁":
 * the birthday itself completes the year. */
guint
zb_date_full_years (const GDate *from,
                    const GDate *to)
{
  int years;

  if (g_date_compare (to, from) < 0)
    return 0;

  years = g_date_get_year (to) - g_date_get_year (from);
  if (g_date_get_month (to) < g_date_get_month (from) ||
      (g_date_get_month (to) == g_date_get_month (from) &&
       g_date_get_day (to) < g_date_get_day (from)))
    years--;

  return MAX (years, 0);
}

/* ISO dates sort as strings; NULL sorts first. */
int
zb_date_compare_iso (const char *a,
                     const char *b)
{
  return g_strcmp0 (a, b);
}

static char *
format_one_period (const char *period)
{
  guint year, part;

  if (strlen (period) == 4 && parse_digits (period, 4, &year))
    /* TRANSLATORS: a calendar year as a period checked (2026年) */
    return g_strdup_printf (C_("period", "%u"), year);
  if (strlen (period) == 7 && parse_digits (period, 4, &year) && period[4] == '-' &&
      parse_digits (period + 5, 2, &part) && part >= 1 && part <= 12)
    /* TRANSLATORS: a month as a period checked: year, month (2026年3月) */
    return g_strdup_printf (C_("period", "%u-%02u"), year, part);
  if (strlen (period) == 7 && parse_digits (period, 4, &year) && period[4] == '-' &&
      period[5] == 'Q' && period[6] >= '1' && period[6] <= '4')
    switch (period[6])
      {
      case '1':
        return g_strdup_printf (C_("period", "Q1 %u"), year);
      case '2':
        return g_strdup_printf (C_("period", "Q2 %u"), year);
      case '3':
        return g_strdup_printf (C_("period", "Q3 %u"), year);
      default:
        return g_strdup_printf (C_("period", "Q4 %u"), year);
      }
  return g_strdup (period);
}

/* A checked period as readers write it: the findings keep "2026-03",
 * "2026-Q1", "2026" or a span "2026-01 – 2026-11" as keys (JSON, scripts);
 * people read 2026年3月, 2026年第一季度, 2026年. Anything else comes back as
 * it was; NULL gives NULL. */
char *
zb_date_format_period (const char *period)
{
  const char *dash = period ? strstr (period, " – ") : NULL;
  g_autofree char *head = NULL, *first = NULL, *last = NULL;

  if (period == NULL)
    return NULL;
  if (dash == NULL)
    return format_one_period (period);
  head = g_strndup (period, dash - period);
  first = format_one_period (head);
  last = format_one_period (dash + strlen (" – "));
  /* TRANSLATORS: a span of periods, from the first to the last */
  return g_strdup_printf (C_("period", "%s – %s"), first, last);
}

/* A record's day as people read it, in the form the translation gives:
 * 2026-03-05 stays as it is in English and reads 2026年3月5日 in Chinese.
 * Only what is shown goes through here: exports and the CLI keep the ISO
 * form that scripts read. NULL gives NULL; text that is no ISO date comes
 * back as it was. */
char *
zb_date_format_day (const char *iso)
{
  GDate date;

  if (iso == NULL)
    return NULL;
  if (!zb_date_parse_iso (iso, &date))
    return g_strdup (iso);
  /* TRANSLATORS: a day: year, month, day (2026-03-05); in Chinese
   * %1$u年%2$u月%3$u日 (2026年3月5日) */
  return g_strdup_printf (C_("date", "%1$u-%2$02u-%3$02u"), g_date_get_year (&date),
                          g_date_get_month (&date), g_date_get_day (&date));
}

static gboolean
replace_day (const GMatchInfo *match,
             GString          *out,
             gpointer          data)
{
  g_autofree char *iso = g_match_info_fetch (match, 0);
  g_autofree char *day = zb_date_format_day (iso);

  g_string_append (out, day);
  return FALSE;
}

/* @text, such as a finding the checker wrote with the days it names as
 * ISO text, with each day as zb_date_format_day() writes it: one place
 * for the rules' many messages, which scripts read as JSON with the days
 * in fields of their own. */
char *
zb_date_format_days_in (const char *text)
{
  static GRegex *days;

  if (text == NULL)
    return NULL;
  if (g_once_init_enter (&days))
    g_once_init_leave (&days, g_regex_new ("(?<![0-9-])[0-9]{4}-[0-9]{2}-[0-9]{2}(?![0-9-])",
                                                   G_REGEX_OPTIMIZE, 0, NULL));
  return g_regex_replace_eval (days, text, -1, 0, 0, replace_day, NULL, NULL);
}

/* A moment, such as when minutes were finalised or a sync last succeeded,
 * in @when's own zone: its day as zb_date_format_day() writes it, and the
 * time on a 24-hour clock. */
char *
zb_date_format_date_time (GDateTime *when)
{
  g_autofree char *iso = NULL, *day = NULL, *time = NULL;

  g_return_val_if_fail (when != NULL, NULL);

  iso = zb_date_format_ymd (g_date_time_get_year (when), g_date_time_get_month (when),
                            g_date_time_get_day_of_month (when));
  day = zb_date_format_day (iso);
  time = g_date_time_format (when, "%H:%M");
  /* TRANSLATORS: a day (2026年3月5日) and a time of day (14:30) */
  return g_strdup_printf (C_("date", "%1$s %2$s"), day, time);
}

/* The times a meeting ran, 14:30–16:00, as HH:MM: either may be missing
 * (NULL or empty). Nothing at all gives an empty string. */
char *
zb_date_format_time_span (const char *start,
                          const char *end)
{
  gboolean has_start = start != NULL && *start != '\0';
  gboolean has_end = end != NULL && *end != '\0';

  if (has_start && has_end)
    /* TRANSLATORS: a span of time, from the first time of day to the second
     * (14:30–16:00), joined by an en dash */
    return g_strdup_printf (C_("time span", "%1$s–%2$s"), start, end);
  if (has_start)
    /* TRANSLATORS: the time something began, its end not recorded */
    return g_strdup_printf (C_("time span", "from %s"), start);
  if (has_end)
    /* TRANSLATORS: the time something ended, its start not recorded */
    return g_strdup_printf (C_("time span", "until %s"), end);
  return g_strdup ("");
}

/* When a meeting was held: its day, then the times it ran if recorded
 * (2026年3月5日 14:30–16:00). Either part may be missing; nothing at all
 * gives an empty string. */
char *
zb_date_format_when (const char *day,
                     const char *start,
                     const char *end)
{
  g_autofree char *shown = zb_date_format_day (day);
  g_autofree char *times = zb_date_format_time_span (start, end);

  if (shown == NULL)
    return g_steal_pointer (&times);
  if (*times == '\0')
    return g_steal_pointer (&shown);
  /* TRANSLATORS: a day (2026年3月5日) and the times a meeting ran (14:30–16:00) */
  return g_strdup_printf (C_("date", "%1$s %2$s"), shown, times);
}
