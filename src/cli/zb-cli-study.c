#define G_LOG_DOMAIN "zb-cli-study"

#include "config.h"

#include <stdio.h>
#include <string.h>

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>

#include "zb-cli.h"
#include "zb-csv.h"
#include "zb-list-table.h"
#include "zb-points.h"

/* zhibu-cli study add|list|remove and points [rules]: study records and the
 * yearly points table (issue 12; DESIGN.md, CLI contract). */

static gboolean
parse_minutes (const char  *text,
               gint64      *minutes,
               GError     **error)
{
  guint64 value = 0;

  if (text != NULL && g_ascii_string_to_unsigned (text, 10, 1, ZB_STUDY_MAX_MINUTES, &value, NULL))
    {
      *minutes = value;
      return TRUE;
    }
  /* TRANSLATORS: what was typed */
  g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
               _("--minutes: “%s” is not a time in whole minutes from 1 to 1440; give the "
                 "time spent, such as 90"), text ? text : "");
  return FALSE;
}

#define ADD_USAGE N_("usage: zhibu-cli study add MEMBER-ID --date DATE --title TEXT " \
                     "--minutes N [--kind self|meeting|lecture|volunteer] [--meeting ID] " \
                     "[--material TEXT]")

/* zhibu-cli study add MEMBER-ID …: prints the new record's ID. */
static gboolean
study_add (ZbCli   *cli,
           int      argc,
           char   **argv,
           GError **error)
{
  g_autofree char *date = NULL, *title = NULL, *minutes = NULL, *kind = NULL;
  g_autofree char *meeting = NULL, *material = NULL, *id = NULL;
  g_autoptr(GOptionContext) context = g_option_context_new (NULL);
  g_autoptr(ZbStore) store = NULL;
  g_autoptr(ZbStudy) study = zb_study_new ();
  ZbStudyKind study_kind = ZB_STUDY_SELF;
  gint64 time = 0;
  const GOptionEntry entries[] = {
    { "date", 0, 0, G_OPTION_ARG_STRING, &date, N_("The day of the study"), N_("DATE") },
    { "title", 0, 0, G_OPTION_ARG_STRING, &title, N_("What was studied"), N_("TEXT") },
    { "minutes", 0, 0, G_OPTION_ARG_STRING, &minutes, N_("Time spent, in whole minutes"),
      N_("N") },
    { "kind", 0, 0, G_OPTION_ARG_STRING, &kind,
      N_("self (default), meeting, lecture (a party lecture given) or volunteer"), N_("KIND") },
    { "meeting", 0, 0, G_OPTION_ARG_STRING, &meeting, N_("The meeting it took place in"),
      N_("ID") },
    { "material", 0, 0, G_OPTION_ARG_STRING, &material, N_("The material studied"),
      N_("TEXT") },
    { NULL }
  };

  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!zb_cli_parse (context, &argc, &argv, error))
    return FALSE;
  if (argc != 2 || date == NULL || title == NULL || minutes == NULL)
    return zb_cli_usage (error, "%s", _(ADD_USAGE));
  if (kind != NULL && !zb_study_kind_parse (kind, &study_kind))
    return zb_cli_usage (error, _("--kind: “%s” is not a kind of record; %s"), kind,
                         _(ADD_USAGE));
  if (!zb_cli_normalise_date (&date, "--date", error) || !parse_minutes (minutes, &time, error))
    return FALSE;

  zb_study_set_member_id (study, argv[1]);
  zb_study_set_date (study, date);
  zb_study_set_title (study, title);
  zb_study_set_minutes (study, time);
  zb_study_set_kind (study, study_kind);
  zb_study_set_meeting_id (study, meeting);
  zb_study_set_material (study, material);
  if ((store = zb_cli_open_store (cli, error)) == NULL ||
      (id = zb_store_add_study (store, study, error)) == NULL)
    return FALSE;
  printf ("%s\n", id);
  return TRUE;
}

static const char *study_header[] = { "id", "member_id", "name", "date", "kind", "title",
                                      "minutes", "meeting_id", "material" };

static GStrv
study_row (ZbStudy *s)
{
  GStrv row = g_new0 (char *, G_N_ELEMENTS (study_header) + 1);
  const char *meeting = zb_study_get_meeting_id (s);
  const char *material = zb_study_get_material (s);

  row[0] = g_strdup (zb_study_get_id (s));
  row[1] = g_strdup (zb_study_get_member_id (s));
  row[2] = g_strdup (zb_study_get_member_name (s));
  row[3] = g_strdup (zb_study_get_date (s));
  row[4] = g_strdup (zb_study_kind_to_string (zb_study_get_kind (s)));
  row[5] = g_strdup (zb_study_get_title (s));
  row[6] = g_strdup_printf ("%" G_GINT64_FORMAT, zb_study_get_minutes (s));
  /* "" rather than NULL, which would end the GStrv. */
  row[7] = g_strdup (meeting ? meeting : "");
  row[8] = g_strdup (material ? material : "");
  return row;
}

#define LIST_USAGE N_("usage: zhibu-cli study list [--member ID] [--year YEAR] " \
                      "[--format table|csv|json]")

static gboolean
study_list (ZbCli   *cli,
            int      argc,
            char   **argv,
            GError **error)
{
  g_autofree char *format = NULL, *member = NULL;
  g_autoptr(GOptionContext) context = g_option_context_new (NULL);
  g_autoptr(ZbStore) store = NULL;
  g_autoptr(GListModel) list = NULL;
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);
  int year = 0;
  const GOptionEntry entries[] = {
    { "member", 0, 0, G_OPTION_ARG_STRING, &member, N_("Only this member’s records"), N_("ID") },
    { "year", 0, 0, G_OPTION_ARG_INT, &year, N_("Only this year’s records"), N_("YEAR") },
    { "format", 0, 0, G_OPTION_ARG_STRING, &format, N_("table, csv or json"), N_("FORMAT") },
    { NULL }
  };

  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!zb_cli_parse (context, &argc, &argv, error))
    return FALSE;
  if (argc != 1 || year < 0 || year > 9999)
    return zb_cli_usage (error, "%s", _(LIST_USAGE));
  if (!zb_cli_check_format (format, _(LIST_USAGE), error))
    return FALSE;
  if ((store = zb_cli_open_store (cli, error)) == NULL ||
      (list = zb_store_list_studies (store, member, year, error)) == NULL)
    return FALSE;

  for (guint i = 0; i < g_list_model_get_n_items (list); i++)
    {
      g_autoptr(ZbStudy) s = g_list_model_get_item (list, i);

      g_ptr_array_add (rows, study_row (s));
    }
  zb_cli_print_rows (study_header, G_N_ELEMENTS (study_header), rows, format);
  return TRUE;
}

/* zhibu-cli study remove ID: a record entered by mistake. */
static gboolean
study_remove (ZbCli   *cli,
              int      argc,
              char   **argv,
              GError **error)
{
  g_autoptr(ZbStore) store = NULL;

  if (argc != 2)
    return zb_cli_usage (error, "%s", _("usage: zhibu-cli study remove ID"));
  if ((store = zb_cli_open_store (cli, error)) == NULL)
    return FALSE;
  return zb_store_remove_study (store, argv[1], error);
}

static const struct {
  const char   *name;
  ZbCliCommand  run;
} subcommands[] = {
  { "add", study_add },
  { "list", study_list },
  { "remove", study_remove },
};

gboolean
zb_cli_study (ZbCli   *cli,
              int      argc,
              char   **argv,
              GError **error)
{
  if (argc < 2)
    return zb_cli_usage (error, _("usage: zhibu-cli study add|list|remove …"));

  for (guint i = 0; i < G_N_ELEMENTS (subcommands); i++)
    if (g_str_equal (argv[1], subcommands[i].name))
      return subcommands[i].run (cli, argc - 1, argv + 1, error);

  return zb_cli_usage (error, _("unknown study command “%s”"), argv[1]);
}

#define RULES_USAGE N_("usage: zhibu-cli points rules [--set KEY=VALUE …] (keys: meeting, " \
                       "study-hour, lecture, volunteer-hour, cap; points with at most one " \
                       "decimal; cap 0 for none)")

/* zhibu-cli points rules [--set KEY=VALUE …]: the rule set, changed first
 * if asked, printed as KEY=VALUE lines that --set takes back. */
static gboolean
points_rules (ZbCli   *cli,
              int      argc,
              char   **argv,
              GError **error)
{
  g_auto(GStrv) sets = NULL;
  g_autoptr(GOptionContext) context = g_option_context_new (NULL);
  g_autoptr(ZbStore) store = NULL;
  const char * const *keys = zb_points_rule_keys ();
  ZbPointsRules rules;
  const GOptionEntry entries[] = {
    { "set", 0, 0, G_OPTION_ARG_STRING_ARRAY, &sets, N_("Set a rule, such as meeting=2"),
      N_("KEY=VALUE") },
    { NULL }
  };

  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!zb_cli_parse (context, &argc, &argv, error))
    return FALSE;
  if (argc != 1)
    return zb_cli_usage (error, "%s", _(RULES_USAGE));
  for (guint i = 0; sets != NULL && sets[i] != NULL; i++)
    if (strchr (sets[i], '=') == NULL)
      return zb_cli_usage (error, "%s", _(RULES_USAGE));
  if ((store = zb_cli_open_store (cli, error)) == NULL ||
      !zb_store_get_points_rules (store, &rules, error))
    return FALSE;

  if (sets != NULL)
    {
      for (guint i = 0; sets[i] != NULL; i++)
        {
          g_auto(GStrv) pair = g_strsplit (sets[i], "=", 2);

          if (!zb_points_rules_set (&rules, pair[0], pair[1], error))
            return FALSE;
        }
      if (!zb_store_set_points_rules (store, &rules, error))
        return FALSE;
    }

  for (guint i = 0; keys[i] != NULL; i++)
    {
      g_autofree char *value = zb_points_format (zb_points_rules_get (&rules, keys[i]));

      printf ("%s=%s\n", keys[i], value);
    }
  return TRUE;
}

#define POINTS_USAGE N_("usage: zhibu-cli points --year YEAR [--format table|csv|json] " \
                        "[-o FILE.xlsx|FILE.csv] | points rules [--set KEY=VALUE …]")

/* zhibu-cli points --year Y: each member's points by source and in all,
 * in pinyin order. */
gboolean
zb_cli_points (ZbCli   *cli,
               int      argc,
               char   **argv,
               GError **error)
{
  g_autofree char *format = NULL, *output = NULL;
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(ZbStore) store = NULL;
  g_autoptr(GListModel) lines = NULL;
  g_autoptr(ZbTable) table = NULL;
  int year = 0;
  const GOptionEntry entries[] = {
    { "year", 0, 0, G_OPTION_ARG_INT, &year, N_("The year of the points"), N_("YEAR") },
    { "format", 0, 0, G_OPTION_ARG_STRING, &format, N_("table, csv or json; csv or xlsx with -o"),
      N_("FORMAT") },
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output,
      N_("Write the list to FILE as a workbook (.xlsx) or CSV (.csv)"), N_("FILE") },
    { NULL }
  };

  if (argc >= 2 && g_str_equal (argv[1], "rules"))
    return points_rules (cli, argc - 1, argv + 1, error);

  context = g_option_context_new (NULL);
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!zb_cli_parse (context, &argc, &argv, error))
    return FALSE;
  if (argc != 1 || year < 1 || year > 9999)
    return zb_cli_usage (error, "%s", _(POINTS_USAGE));
  if (!zb_cli_check_output (&format, output, _(POINTS_USAGE), error))
    return FALSE;
  if ((store = zb_cli_open_store (cli, error)) == NULL ||
      (lines = zb_store_points (store, year, error)) == NULL)
    return FALSE;

  table = zb_points_table (lines);
  return zb_cli_output_table (table, format, output, error);
}
