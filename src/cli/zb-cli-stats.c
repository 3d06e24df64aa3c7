#define G_LOG_DOMAIN "zb-cli-stats"

#include "config.h"

#include <stdio.h>
#include <stdlib.h>

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>

#include "zb-cli.h"
#include "zb-member.h"
#include "zb-money.h"
#include "zb-recruit-step.h"
#include "zb-stats.h"

/* zhibu-cli stats --year Y | --from DATE --to DATE [--finalised-only]
 * [--format text|json]: the figures of the branch's dashboard, as a summary
 * in the user's language or as JSON. */

#define STATS_USAGE N_("usage: zhibu-cli stats --year YEAR | --from DATE --to DATE " \
                       "[--finalised-only] [--format text|json]")

static void
print_json (const ZbStats *stats)
{
  g_autoptr(JsonNode) root = zb_stats_to_json (stats);
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autofree char *text = NULL;

  json_generator_set_root (generator, root);
  json_generator_set_pretty (generator, TRUE);
  text = json_generator_to_data (generator, NULL);
  printf ("%s\n", text);
}

static const char *
category_label (guint index)
{
  return zb_member_enum_label (ZB_MEMBER_FIELD_CATEGORY, zb_stats_category (index));
}

static char *
age_band_label (const ZbAgeBand *band)
{
  if (band->from == 0)
    return g_strdup_printf (_("%u and under"), band->to);
  if (band->to == G_MAXUINT)
    return g_strdup_printf (_("%u and over"), band->from);
  /* TRANSLATORS: an age band, such as 31-35 */
  return g_strdup_printf (_("%u-%u"), band->from, band->to);
}

static void
print_members (const ZbStats *stats)
{
  printf (_("Party members on %s: %u (%s %u, %s %u)\n"), stats->year_end, stats->members,
          category_label (0), stats->by_category[0], category_label (1), stats->by_category[1]);
  printf (_("In the recruitment pipeline: %s %u, %s %u, %s %u\n"),
          category_label (2), stats->by_category[2], category_label (3), stats->by_category[3],
          category_label (4), stats->by_category[4]);
  printf (_("Sex: %u men, %u women\n"), stats->men, stats->women);

  printf ("%s\n", _("Age at the year’s end:"));
  for (guint i = 0; i < ZB_STATS_N_AGE_BANDS; i++)
    {
      g_autofree char *label = age_band_label (zb_stats_age_band (i));

      /* TRANSLATORS: a group of members, and how many are in it */
      printf (_("  %s: %u\n"), label, stats->by_age[i]);
    }

  printf ("%s\n", _("Education:"));
  if (stats->by_education->len == 0)
    printf ("  —\n");
  for (guint i = 0; i < stats->by_education->len; i++)
    {
      const ZbStatsCount *count = g_ptr_array_index (stats->by_education, i);

      printf (_("  %s: %u\n"), count->value ? count->value : _("not recorded"), count->count);
    }
}

static const char *
period_text (ZbPeriod period)
{
  switch (period)
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
print_meeting_type (const ZbStatsMeetings *m)
{
  g_autoptr(GString) months = g_string_new (NULL);
  guint held = 0, required = 0, met = 0;

  for (guint i = 0; i < 12; i++)
    {
      held += m->held[i];
      required += m->required[i];
      met += m->met[i];
      /* TRANSLATORS: a month's number, then meetings held and due in it, such as 3: 2/1 */
      g_string_append_printf (months, _("%s%u: %u/%u"), i ? "  " : "", i + 1, m->held[i],
                              m->required[i]);
    }

  /* TRANSLATORS: meeting type, its frequency, then held, due and due ones held */
  printf (_("%s (%s%s): held %u, due %u, of those held %u\n"), _(m->type->label),
          period_text (m->type->period),
          m->type->per_group ? _(", for each party group") : "", held, required, met);
  printf (_("  by month, held/due: %s\n"), months->str);
}

static void
print_meetings (const ZbStats *stats)
{
  g_autoptr(GString) months = g_string_new (NULL);
  guint meetings = 0, studied = 0;

  printf ("%s\n", _("Meetings held against those due (a period’s meetings fall due in its last "
                    "month):"));
  for (guint t = 0; t < stats->n_meetings; t++)
    print_meeting_type (&stats->meetings[t]);

  for (guint i = 0; i < 12; i++)
    {
      meetings += stats->first_item_meetings[i];
      studied += stats->first_items_studied[i];
      g_string_append_printf (months, _("%s%u: %u/%u"), i ? "  " : "", i + 1,
                              stats->first_items_studied[i], stats->first_item_meetings[i]);
    }
  printf (_("First agenda item (第一议题): filled in at %u of the %u meetings that open with "
            "one\n"), studied, meetings);
  printf (_("  by month, filled in/meetings: %s\n"), months->str);
}

/* Dues collected against due, in yuan: the year and each month. */
static void
print_dues (const ZbStats *stats)
{
  g_autoptr(GString) months = g_string_new (NULL);
  g_autofree char *due_text = NULL, *paid_text = NULL, *extra_text = NULL;
  gint64 due = 0, paid = 0;

  for (guint i = 0; i < 12; i++)
    {
      g_autofree char *month_due = zb_money_format_yuan (stats->dues_due[i]);
      g_autofree char *month_paid = zb_money_format_yuan (stats->dues_paid[i]);

      due += stats->dues_due[i];
      paid += stats->dues_paid[i];
      /* TRANSLATORS: a month's number, dues collected and due, in yuan */
      g_string_append_printf (months, _("%s%u: %s/%s"), i ? "  " : "", i + 1, month_paid,
                              month_due);
    }
  due_text = zb_money_format_yuan (due);
  paid_text = zb_money_format_yuan (paid);
  extra_text = zb_money_format_yuan (stats->dues_extra);
  printf (_("Party dues: %s yuan collected of %s yuan due; voluntary extra dues %s yuan\n"),
          paid_text, due_text, extra_text);
  printf (_("  by month, collected/due: %s\n"), months->str);
}

/* The people in the recruitment pipeline by stage. */
static void
print_pipeline (const ZbStats *stats)
{
  guint total = 0;

  for (guint i = 0; i < G_N_ELEMENTS (stats->pipeline); i++)
    total += stats->pipeline[i];
  printf (_("The recruitment pipeline on %s: %u people\n"), stats->year_end, total);
  for (guint i = 0; i < G_N_ELEMENTS (stats->pipeline); i++)
    /* TRANSLATORS: a stage of the recruitment pipeline, its name and how many are in it */
    printf (_("  stage %u, %s: %u\n"), i + 1, _(zb_recruit_stage_info (i + 1)->label),
            stats->pipeline[i]);
}

static void
print_text (const ZbStats *stats)
{
  if (stats->from_month == 1 && stats->to_month == 12 && g_str_has_suffix (stats->to, "-12-31"))
    printf (_("Branch figures for %u\n"), stats->year);
  else
    printf (_("Branch figures from %s to %s\n"), stats->from, stats->to);
  print_members (stats);
  print_meetings (stats);
  printf (_("Implementation measures on %s: %u open, %u of them overdue\n"), stats->as_of,
          stats->measures_open, stats->measures_overdue);
  print_dues (stats);
  print_pipeline (stats);
}

/* A year of four digits; anything else is the user's error, named. */
static gboolean
parse_year (const char  *text,
            guint       *year,
            GError     **error)
{
  guint64 value = 0;

  if (strlen (text) != 4 || !g_ascii_string_to_unsigned (text, 10, 1900, 9999, &value, NULL))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   _("Year: give the year as four digits, such as 2025"));
      return FALSE;
    }
  *year = value;
  return TRUE;
}

static void
print_period (GPtrArray  *years,
              const char *from,
              const char *to,
              gboolean    json)
{
  if (json)
    {
      g_autoptr(JsonNode) root = zb_stats_period_to_json (years, from, to);
      g_autoptr(JsonGenerator) generator = json_generator_new ();
      g_autofree char *text = NULL;

      json_generator_set_root (generator, root);
      json_generator_set_pretty (generator, TRUE);
      text = json_generator_to_data (generator, NULL);
      printf ("%s\n", text);
      return;
    }
  for (guint i = 0; i < years->len; i++)
    {
      printf ("%s", i ? "\n" : "");
      print_text (g_ptr_array_index (years, i));
    }
}

/* --from and --to: the figures of each year the period touches. */
static gboolean
stats_period (ZbCli       *cli,
              char       **from,
              char       **to,
              ZbStatsFlags flags,
              gboolean     json,
              GError     **error)
{
  g_autoptr(ZbStore) store = NULL;
  g_autoptr(GPtrArray) years = NULL;

  if (!zb_cli_normalise_date (from, _("First day"), error) ||
      !zb_cli_normalise_date (to, _("Last day"), error) ||
      (store = zb_cli_open_store (cli, error)) == NULL ||
      (years = zb_store_stats_period (store, *from, *to, flags, error)) == NULL)
    return FALSE;
  print_period (years, *from, *to, json);
  return TRUE;
}

gboolean
zb_cli_stats (ZbCli   *cli,
              int      argc,
              char   **argv,
              GError **error)
{
  g_autofree char *year_text = NULL, *format = NULL, *from = NULL, *to = NULL;
  g_autoptr(GOptionContext) context = g_option_context_new (NULL);
  g_autoptr(ZbStore) store = NULL;
  g_autoptr(ZbStats) stats = NULL;
  gboolean finalised_only = FALSE;
  ZbStatsFlags flags;
  guint year = 0;
  const GOptionEntry entries[] = {
    { "year", 0, 0, G_OPTION_ARG_STRING, &year_text, N_("The year of the figures"),
      N_("YEAR") },
    { "from", 0, 0, G_OPTION_ARG_STRING, &from, N_("First day of the period"),
      N_("YEAR-MONTH-DAY") },
    { "to", 0, 0, G_OPTION_ARG_STRING, &to, N_("Last day of the period"),
      N_("YEAR-MONTH-DAY") },
    { "finalised-only", 0, 0, G_OPTION_ARG_NONE, &finalised_only,
      N_("Only finalised meetings, as the higher committee sees the branch"), NULL },
    { "format", 0, 0, G_OPTION_ARG_STRING, &format, N_("text or json"), N_("FORMAT") },
    { NULL }
  };

  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!zb_cli_parse (context, &argc, &argv, error))
    return FALSE;
  if (argc != 1 || (year_text == NULL) == (from == NULL || to == NULL) ||
      (year_text != NULL && (from != NULL || to != NULL)) ||
      (format && !g_str_equal (format, "text") && !g_str_equal (format, "json")))
    return zb_cli_usage (error, "%s", _(STATS_USAGE));

  flags = finalised_only ? ZB_STATS_FINALISED_ONLY : ZB_STATS_ALL_RECORDS;
  if (year_text == NULL)
    return stats_period (cli, &from, &to, flags, g_strcmp0 (format, "json") == 0, error);

  if (!parse_year (year_text, &year, error) ||
      (store = zb_cli_open_store (cli, error)) == NULL ||
      (stats = zb_store_stats_full (store, year, NULL, NULL, flags, error)) == NULL)
    return FALSE;

  if (g_strcmp0 (format, "json") == 0)
    print_json (stats);
  else
    print_text (stats);
  return TRUE;
}
