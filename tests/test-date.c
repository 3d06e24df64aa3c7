#define G_LOG_DOMAIN "test-date"

#include "config.h"

#include <locale.h>

#include <glib/gi18n.h>

#include "zb-date.h"

/* The day a record keeps, 5 March 2026, and a meeting that afternoon. */
#define DAY "2026-03-05"

static GDateTime *
afternoon (void)
{
  g_autoptr(GTimeZone) beijing = g_time_zone_new_offset (8 * 3600);

  return g_date_time_new (beijing, 2026, 3, 5, 14, 30, 0);
}

/* The app as it runs under zh_CN: the locale and the built catalogue. Both
 * are switched back by use_english(). */
static gboolean
use_chinese (void)
{
  if (g_getenv ("ZHIBU_LOCALEDIR") == NULL)
    {
      g_test_skip ("ZHIBU_LOCALEDIR does not say where the built catalogues are");
      return FALSE;
    }
  if (setlocale (LC_ALL, "zh_CN.UTF-8") == NULL)
    {
      g_test_skip ("the zh_CN.UTF-8 locale is not installed");
      return FALSE;
    }
  g_setenv ("LANGUAGE", "zh_CN", TRUE);
  bindtextdomain (GETTEXT_PACKAGE, g_getenv ("ZHIBU_LOCALEDIR"));
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);
  return TRUE;
}

static void
use_english (void)
{
  g_setenv ("LANGUAGE", "C", TRUE);
  setlocale (LC_ALL, "C.UTF-8");
}

static void
assert_formats_day (const char *iso,
                    const char *expected)
{
  g_autofree char *shown = zb_date_format_day (iso);

  g_assert_cmpstr (shown, ==, expected);
}

static void
assert_formats_span (const char *start,
                     const char *end,
                     const char *expected)
{
  g_autofree char *shown = zb_date_format_time_span (start, end);

  g_assert_cmpstr (shown, ==, expected);
}

/* In English a day keeps the ISO form; what is no date passes through. */
static void
test_day_english (void)
{
  assert_formats_day (DAY, "2026-03-05");
  assert_formats_day ("2026-12-25", "2026-12-25");
  assert_formats_day ("soon", "soon");
  assert_formats_day ("2026-02-30", "2026-02-30");
  assert_formats_day (NULL, NULL);
}

/* As Chinese offices write a day: no leading zeros, 年月日. */
static void
test_day_chinese (void)
{
  if (!use_chinese ())
    return;
  assert_formats_day (DAY, "2026年3月5日");
  assert_formats_day ("2026-12-25", "2026年12月25日");
  assert_formats_day ("soon", "soon");
  use_english ();
}

/* The days inside a checker's message; other numbers, spans of months and
 * impossible days are left as they were. */
static void
assert_days_in (const char *text,
                const char *expected)
{
  g_autofree char *shown = zb_date_format_days_in (text);

  g_assert_cmpstr (shown, ==, expected);
}

static void
test_days_in_english (void)
{
  assert_days_in ("The probation of 周涵 ended on 2026-11-30 and …",
                  "The probation of 周涵 ended on 2026-11-30 and …");
  assert_days_in (NULL, NULL);
}

static void
test_days_in_chinese (void)
{
  if (!use_chinese ())
    return;
  assert_days_in ("周涵 的预备期已于 2026-11-30 届满", "周涵 的预备期已于 2026年11月30日 届满");
  assert_days_in ("申请于 2020-03-02，谈话应于 2020-04-02 前进行",
                  "申请于 2020年3月2日，谈话应于 2020年4月2日 前进行");
  assert_days_in ("编号 12026-11-30-7、2026-02-30 与 2026-03", "编号 12026-11-30-7、2026-02-30 与 2026-03");
  use_english ();
}

static void
test_date_time_english (void)
{
  g_autoptr(GDateTime) when = afternoon ();
  g_autofree char *shown = zb_date_format_date_time (when);

  g_assert_cmpstr (shown, ==, "2026-03-05 14:30");
}

static void
test_date_time_chinese (void)
{
  g_autoptr(GDateTime) when = afternoon ();
  g_autofree char *shown = NULL;

  if (!use_chinese ())
    return;
  shown = zb_date_format_date_time (when);
  use_english ();
  g_assert_cmpstr (shown, ==, "2026年3月5日 14:30");
}

/* An en dash between the times, not a space (issue 13: "14:30 16:00"). */
static void
test_time_span_english (void)
{
  assert_formats_span ("14:30", "16:00", "14:30–16:00");
  assert_formats_span ("14:30", NULL, "from 14:30");
  assert_formats_span ("", "16:00", "until 16:00");
  assert_formats_span (NULL, "", "");
}

static void
test_time_span_chinese (void)
{
  if (!use_chinese ())
    return;
  assert_formats_span ("14:30", "16:00", "14:30–16:00");
  assert_formats_span ("14:30", NULL, "14:30起");
  assert_formats_span (NULL, "16:00", "至16:00");
  use_english ();
}

/* Months as the month headings show them, through the same catalogue. */
static void
test_period_chinese (void)
{
  g_autofree char *month = NULL, *quarter = NULL;

  if (!use_chinese ())
    return;
  month = zb_date_format_period ("2026-03");
  quarter = zb_date_format_period ("2026-Q1");
  use_english ();
  g_assert_cmpstr (month, ==, "2026年3月");
  g_assert_cmpstr (quarter, ==, "2026年第一季度");
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/date/day/C", test_day_english);
  g_test_add_func ("/date/day/zh_CN", test_day_chinese);
  g_test_add_func ("/date/date-time/C", test_date_time_english);
  g_test_add_func ("/date/date-time/zh_CN", test_date_time_chinese);
  g_test_add_func ("/date/time-span/C", test_time_span_english);
  g_test_add_func ("/date/time-span/zh_CN", test_time_span_chinese);
  g_test_add_func ("/date/period/zh_CN", test_period_chinese);
  g_test_add_func ("/date/days-in/C", test_days_in_english);
  g_test_add_func ("/date/days-in/zh_CN", test_days_in_chinese);

  return g_test_run ();
}
