#define G_LOG_DOMAIN "zb-cli-first-item"

#include "config.h"

#include <stdio.h>
#include <string.h>

#include <glib/gi18n.h>

#include "zb-cli.h"

static gboolean
list_templates (ZbCli   *cli,
                GError **error)
{
  g_autoptr(ZbStore) store = zb_cli_open_store (cli, error);
  g_autoptr(GListModel) templates = NULL;

  if (store == NULL || (templates = zb_store_list_first_item_templates (store, error)) == NULL)
    return FALSE;

  for (guint i = 0; i < g_list_model_get_n_items (templates); i++)
    {
      g_autoptr(ZbFirstItemTemplate) t = g_list_model_get_item (templates, i);

      printf ("%s\t%s%s\n", zb_first_item_template_get_name (t),
              zb_first_item_template_get_title (t),
              zb_first_item_template_is_own (t) ? _(" (your own)") : "");
    }
  return TRUE;
}

static gboolean
add_contributions (ZbFirstItem  *item,
                   char        **contributions,
                   GError      **error)
{
  for (guint i = 0; contributions && contributions[i]; i++)
    if (!zb_first_item_add_contribution_text (item, contributions[i]))
      return zb_cli_usage (error, _("--contribution takes “SPEAKER: SUMMARY”"));

  return TRUE;
}

static gboolean
set_first_item (ZbCli   *cli,
                int      argc,
                char   **argv,
                GError **error)
{
  g_autofree char *template_name = NULL, *topic = NULL, *material = NULL, *source = NULL;
  g_autofree char *source_date = NULL, *form = NULL, *leader = NULL, *participants = NULL;
  g_autofree char *proceedings = NULL;
  g_auto(GStrv) contributions = NULL;
  g_autoptr(GOptionContext) context = g_option_context_new ("set MEETING-ID");
  g_autoptr(ZbFirstItem) item = zb_first_item_new ();
  g_autoptr(ZbFirstItemTemplate) template = NULL;
  g_autoptr(ZbStore) store = NULL;
  const GOptionEntry entries[] = {
    { "template", 0, 0, G_OPTION_ARG_STRING, &template_name, N_("Start from a template"),
      N_("NAME") },
    { "topic", 0, 0, G_OPTION_ARG_STRING, &topic, N_("Study topic (学习主题)"), N_("TEXT") },
    { "material", 0, 0, G_OPTION_ARG_STRING, &material, N_("The material studied"), N_("TEXT") },
    { "source", 0, 0, G_OPTION_ARG_STRING, &source, N_("Where it was published"), N_("TEXT") },
    { "source-date", 0, 0, G_OPTION_ARG_STRING, &source_date, N_("When it was published"),
      N_("YEAR-MONTH-DAY") },
    { "form", 0, 0, G_OPTION_ARG_STRING, &form, N_("传达, 原文诵读, 领学, 研讨 or 观看专题片"),
      N_("TEXT") },
    { "leader", 0, 0, G_OPTION_ARG_STRING, &leader, N_("Who led the study (领学人)"), N_("NAME") },
    { "participants", 0, 0, G_OPTION_ARG_STRING, &participants, N_("Who took part"),
      N_("TEXT") },
    { "proceedings", 0, 0, G_OPTION_ARG_STRING, &proceedings,
      N_("Account of the proceedings (过程概况)"), N_("TEXT") },
    { "contribution", 0, 0, G_OPTION_ARG_STRING_ARRAY, &contributions,
      N_("A contribution to the discussion; repeat for each"), N_("SPEAKER: SUMMARY") },
    { NULL }
  };

  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!zb_cli_parse (context, &argc, &argv, error))
    return FALSE;
  if (argc != 2)
    return zb_cli_usage (error, _("usage: zhibu-cli first-item set MEETING-ID [--template NAME] "
                                  "--topic TEXT --form TEXT --participants TEXT "
                                  "--proceedings TEXT …"));
  if (!zb_cli_normalise_date (&source_date, _("Publication date"), error))
    return FALSE;

  zb_first_item_set_topic (item, topic);
  zb_first_item_set_material (item, material);
  zb_first_item_set_source (item, source);
  zb_first_item_set_source_date (item, source_date);
  zb_first_item_set_form (item, form);
  zb_first_item_set_leader (item, leader);
  zb_first_item_set_participants (item, participants);
  zb_first_item_set_proceedings (item, proceedings);
  if (!add_contributions (item, contributions, error) ||
      (store = zb_cli_open_store (cli, error)) == NULL)
    return FALSE;

  if (template_name != NULL)
    {
      if ((template = zb_store_find_first_item_template (store, template_name, error)) == NULL)
        return FALSE;
      zb_first_item_template_apply (template, item);
    }

  return zb_store_set_first_item (store, argv[1], item, error);
}

/* zhibu-cli first-item save-template NAME --meeting ID: the structure of a
 * first item the user wrote becomes a template of their own. */
static gboolean
save_template (ZbCli   *cli,
               int      argc,
               char   **argv,
               GError **error)
{
  g_autofree char *meeting = NULL;
  g_autoptr(GOptionContext) context = g_option_context_new ("save-template NAME");
  g_autoptr(ZbStore) store = NULL;
  g_autoptr(ZbFirstItem) item = NULL;
  g_autoptr(ZbFirstItemTemplate) template = NULL;
  const GOptionEntry entries[] = {
    { "meeting", 0, 0, G_OPTION_ARG_STRING, &meeting, N_("The meeting whose first item to keep"),
      N_("MEETING-ID") },
    { NULL }
  };

  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!zb_cli_parse (context, &argc, &argv, error))
    return FALSE;
  if (argc != 2 || meeting == NULL)
    return zb_cli_usage (error, _("usage: zhibu-cli first-item save-template NAME "
                                  "--meeting MEETING-ID"));

  if ((store = zb_cli_open_store (cli, error)) == NULL ||
      (item = zb_store_get_first_item (store, meeting, error)) == NULL)
    return FALSE;

  template = zb_first_item_template_new_from_item (argv[1], item);
  return zb_store_save_first_item_template (store, template, error);
}

/* zhibu-cli first-item templates | set MEETING … | save-template NAME … */
gboolean
zb_cli_first_item (ZbCli   *cli,
                   int      argc,
                   char   **argv,
                   GError **error)
{
  if (argc == 2 && g_str_equal (argv[1], "templates"))
    return list_templates (cli, error);
  if (argc >= 2 && g_str_equal (argv[1], "set"))
    return set_first_item (cli, argc - 1, argv + 1, error);
  if (argc >= 2 && g_str_equal (argv[1], "save-template"))
    return save_template (cli, argc - 1, argv + 1, error);

  return zb_cli_usage (error, _("usage: zhibu-cli first-item templates | set MEETING-ID … | "
                                "save-template NAME --meeting MEETING-ID"));
}
