#define G_LOG_DOMAIN "zb-cli-check"

#include "config.h"

#include <stdio.h>

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>

#include "zb-checker.h"
#include "zb-cli.h"
#include "zb-date.h"

static void
print_json (GListModel *findings)
{
  g_autoptr(JsonNode) root = zb_findings_to_json (findings);
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autofree char *text = NULL;

  json_generator_set_root (generator, root);
  json_generator_set_pretty (generator, TRUE);
  text = json_generator_to_data (generator, NULL);
  printf ("%s\n", text);
}

static void
print_text (GListModel *findings)
{
  for (guint i = 0; i < g_list_model_get_n_items (findings); i++)
    {
      g_autoptr(ZbFinding) f = g_list_model_get_item (findings, i);
      g_autofree char *period = zb_date_format_period (zb_finding_get_period (f));

      /* The period as people read it (2026年第一季度); --format json keeps the key. */
      printf ("%-7s  %-15s  %s\n", zb_finding_get_severity (f), period, zb_finding_get_message (f));
    }
}

/* zhibu-cli check [--from DATE --to DATE] [--finalised-only] [--format text|json]:
 * findings, exit 0 even when there are some. */
gboolean
zb_cli_check (ZbCli   *cli,
              int      argc,
              char   **argv,
              GError **error)
{
  g_autofree char *from = NULL, *to = NULL, *format = NULL;
  g_autofree char *today = zb_date_today_iso ();
  g_autofree char *new_year = g_strdup_printf ("%.4s-01-01", today);
  g_autoptr(GOptionContext) context = g_option_context_new (NULL);
  g_autoptr(ZbStore) store = NULL;
  g_autoptr(GListModel) findings = NULL;
  gboolean finalised_only = FALSE;
  const GOptionEntry entries[] = {
    { "from", 0, 0, G_OPTION_ARG_STRING, &from, N_("First day (default: 1 January)"),
      N_("YEAR-MONTH-DAY") },
    { "to", 0, 0, G_OPTION_ARG_STRING, &to, N_("Last day (default: today)"),
      N_("YEAR-MONTH-DAY") },
    { "finalised-only", 0, 0, G_OPTION_ARG_NONE, &finalised_only,
      N_("Only finalised meetings, as the higher committee sees the branch"), NULL },
    { "format", 0, 0, G_OPTION_ARG_STRING, &format, N_("text or json"), N_("FORMAT") },
    { NULL }
  };

  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!zb_cli_parse (context, &argc, &argv, error))
    return FALSE;
  if (argc != 1 || (format && !g_str_equal (format, "text") && !g_str_equal (format, "json")))
    return zb_cli_usage (error, _("usage: zhibu-cli check [--from DATE --to DATE] "
                                  "[--finalised-only] [--format text|json]"));

  if (!zb_cli_normalise_date (&from, _("First day"), error) ||
      !zb_cli_normalise_date (&to, _("Last day"), error))
    return FALSE;

  /* The branch's own thresholds, from its database (zhibu-cli settings). */
  if ((store = zb_cli_open_store (cli, error)) == NULL ||
      (findings = zb_store_check_full (store, from ? from : new_year, to ? to : today, NULL,
                                       finalised_only ? ZB_CHECK_FINALISED_ONLY
                                                      : ZB_CHECK_ALL_RECORDS,
                                       error)) == NULL)
    return FALSE;

  if (g_strcmp0 (format, "json") == 0)
    print_json (findings);
  else
    print_text (findings);
  return TRUE;
}
