#define G_LOG_DOMAIN "zb-cli-minutes"

#include "config.h"

#include <stdio.h>
#include <string.h>

#include <glib/gi18n.h>

#include "zb-cli.h"
#include "zb-list-table.h"
#include "zb-csv.h"
#include "zb-date.h"

/* zhibu-cli meeting item add MEETING --title T [--minutes M] [--resolution R] */
gboolean
zb_cli_meeting_item (ZbCli   *cli,
                     int      argc,
                     char   **argv,
                     GError **error)
{
  g_autofree char *title = NULL, *minutes = NULL, *resolution = NULL;
  g_autoptr(GOptionContext) context = g_option_context_new ("add MEETING-ID");
  g_autoptr(ZbAgendaItem) item = zb_agenda_item_new ();
  g_autoptr(ZbStore) store = NULL;
  g_autofree char *id = NULL;
  const GOptionEntry entries[] = {
    { "title", 0, 0, G_OPTION_ARG_STRING, &title, N_("Title of the item (议题)"), N_("TEXT") },
    { "minutes", 0, 0, G_OPTION_ARG_STRING, &minutes, N_("What was said (发言记录)"),
      N_("TEXT") },
    { "resolution", 0, 0, G_OPTION_ARG_STRING, &resolution, N_("What was decided (决议)"),
      N_("TEXT") },
    { NULL }
  };

  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!zb_cli_parse (context, &argc, &argv, error))
    return FALSE;
  if (argc != 3 || !g_str_equal (argv[1], "add") || title == NULL)
    return zb_cli_usage (error, _("usage: zhibu-cli meeting item add MEETING-ID --title TEXT "
                                  "[--minutes TEXT] [--resolution TEXT]"));

  zb_agenda_item_set_meeting_id (item, argv[2]);
  zb_agenda_item_set_title (item, title);
  zb_agenda_item_set_minutes (item, minutes);
  zb_agenda_item_set_resolution (item, resolution);
  if ((store = zb_cli_open_store (cli, error)) == NULL ||
      (id = zb_store_add_agenda_item (store, item, error)) == NULL)
    return FALSE;

  printf ("%s\n", id);
  return TRUE;
}

static void
add_votes (GPtrArray  *votes,
           const char *ids,
           const char *choice)
{
  g_auto(GStrv) parts = ids ? g_strsplit (ids, ",", -1) : NULL;

  for (guint i = 0; parts && parts[i]; i++)
    if (*g_strstrip (parts[i]) != '\0')
      g_ptr_array_add (votes, zb_cast_vote_new (parts[i], choice, FALSE));
}

/* "ID:yes,ID:no": written opinions of members who could not attend. */
static gboolean
add_written (GPtrArray   *votes,
             const char  *spec,
             GError     **error)
{
  g_auto(GStrv) parts = spec ? g_strsplit (spec, ",", -1) : NULL;

  for (guint i = 0; parts && parts[i]; i++)
    {
      char *colon = strchr (parts[i], ':');

      if (colon == NULL)
        return zb_cli_usage (error, _("--written takes MEMBER-ID:yes|no|abstain, separated by "
                                      "commas"));
      *colon = '\0';
      g_ptr_array_add (votes, zb_cast_vote_new (g_strstrip (parts[i]), colon + 1, TRUE));
    }

  return TRUE;
}

/* zhibu-cli meeting vote ITEM-ID --kind KIND --yes IDS --no IDS --abstain IDS
 * [--written ID:CHOICE,…] [--passed] */
gboolean
zb_cli_meeting_vote (ZbCli   *cli,
                     int      argc,
                     char   **argv,
                     GError **error)
{
  g_autofree char *kind_text = NULL, *yes = NULL, *no = NULL, *abstain = NULL;
  g_autofree char *written = NULL;
  gboolean claim = FALSE, passed = FALSE;
  g_autoptr(GOptionContext) context = g_option_context_new ("ITEM-ID");
  g_autoptr(GPtrArray) votes = g_ptr_array_new_with_free_func ((GDestroyNotify) zb_cast_vote_free);
  g_autoptr(ZbStore) store = NULL;
  ZbVoteKind kind;
  const GOptionEntry entries[] = {
    { "kind", 0, 0, G_OPTION_ARG_STRING, &kind_text,
      N_("admission, full-membership, discipline or election"), N_("KIND") },
    { "yes", 0, 0, G_OPTION_ARG_STRING, &yes, N_("Members voting yes"), N_("IDS") },
    { "no", 0, 0, G_OPTION_ARG_STRING, &no, N_("Members voting no"), N_("IDS") },
    { "abstain", 0, 0, G_OPTION_ARG_STRING, &abstain, N_("Members abstaining"), N_("IDS") },
    { "written", 0, 0, G_OPTION_ARG_STRING, &written,
      N_("Written opinions of absent members"), N_("ID:CHOICE,…") },
    { "passed", 0, 0, G_OPTION_ARG_NONE, &claim,
      N_("Record the resolution as passed; refused when the numbers do not hold"), NULL },
    { NULL }
  };

  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!zb_cli_parse (context, &argc, &argv, error))
    return FALSE;
  if (argc != 2 || kind_text == NULL || !zb_vote_kind_parse (kind_text, &kind))
    return zb_cli_usage (error, _("usage: zhibu-cli meeting vote ITEM-ID --kind "
                                  "admission|full-membership|discipline|election --yes IDS …"));

  add_votes (votes, yes, "yes");
  add_votes (votes, no, "no");
  add_votes (votes, abstain, "abstain");
  if (!add_written (votes, written, error) || (store = zb_cli_open_store (cli, error)) == NULL ||
      !zb_store_record_vote (store, argv[1], kind, votes, claim, &passed, error))
    return FALSE;

  printf ("%s\n", passed ? "passed" : "not-passed");
  return TRUE;
}


static void
print_measures (GListModel *measures)
{
  g_autoptr(GString) out = g_string_new (NULL);

  for (guint i = 0; i < g_list_model_get_n_items (measures); i++)
    {
      g_autoptr(ZbMeasure) m = g_list_model_get_item (measures, i);

      g_string_append_printf (out, "%s  %s  %s  %s  %s\n", zb_measure_get_id (m),
                              zb_measure_get_meeting_date (m), zb_measure_get_text (m),
                              zb_measure_get_owner (m) ?: "", zb_measure_get_due_date (m) ?: "");
    }
  fwrite (out->str, 1, out->len, stdout);
}

static gboolean
measure_add (ZbCli   *cli,
             int      argc,
             char   **argv,
             GError **error)
{
  g_autofree char *text = NULL, *owner = NULL, *due = NULL;
  g_autoptr(GOptionContext) context = g_option_context_new ("MEETING-ID");
  g_autoptr(ZbMeasure) measure = zb_measure_new ();
  g_autoptr(ZbStore) store = NULL;
  g_autofree char *id = NULL;
  const GOptionEntry entries[] = {
    { "text", 0, 0, G_OPTION_ARG_STRING, &text, N_("What is to be done"), N_("TEXT") },
    { "owner", 0, 0, G_OPTION_ARG_STRING, &owner, N_("Who answers for it (责任人)"),
      N_("NAME") },
    { "due", 0, 0, G_OPTION_ARG_STRING, &due, N_("By when"), N_("YEAR-MONTH-DAY") },
    { NULL }
  };

  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!zb_cli_parse (context, &argc, &argv, error))
    return FALSE;
  if (argc != 2 || text == NULL)
    return zb_cli_usage (error, _("usage: zhibu-cli measure add MEETING-ID --text TEXT "
                                  "[--owner NAME] [--due DATE]"));
  if (!zb_cli_normalise_date (&due, _("Deadline"), error))
    return FALSE;

  zb_measure_set_meeting_id (measure, argv[1]);
  zb_measure_set_text (measure, text);
  zb_measure_set_owner (measure, owner);
  zb_measure_set_due_date (measure, due);
  if ((store = zb_cli_open_store (cli, error)) == NULL ||
      (id = zb_store_add_measure (store, measure, error)) == NULL)
    return FALSE;

  printf ("%s\n", id);
  return TRUE;
}

static gboolean
measure_done (ZbCli   *cli,
              int      argc,
              char   **argv,
              GError **error)
{
  g_autofree char *note = NULL, *date = NULL;
  g_autofree char *today = zb_date_today_iso ();
  g_autoptr(GOptionContext) context = g_option_context_new ("MEASURE-ID");
  g_autoptr(ZbStore) store = NULL;
  const GOptionEntry entries[] = {
    { "note", 0, 0, G_OPTION_ARG_STRING, &note, N_("How it was carried out (落实情况)"),
      N_("TEXT") },
    { "date", 0, 0, G_OPTION_ARG_STRING, &date, N_("When (default: today)"),
      N_("YEAR-MONTH-DAY") },
    { NULL }
  };

  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!zb_cli_parse (context, &argc, &argv, error))
    return FALSE;
  if (argc != 2)
    return zb_cli_usage (error, _("usage: zhibu-cli measure done MEASURE-ID --note TEXT "
                                  "[--date DATE]"));

  if (!zb_cli_normalise_date (&date, _("Date done"), error) ||
      (store = zb_cli_open_store (cli, error)) == NULL)
    return FALSE;

  return zb_store_complete_measure (store, argv[1], date ? date : today, note, error);
}

static gboolean
measure_list (ZbCli   *cli,
              int      argc,
              char   **argv,
              GError **error)
{
  g_autofree char *format = NULL, *meeting = NULL, *output = NULL;
  gboolean open = FALSE;
  const char *usage = _("usage: zhibu-cli measure list [--open | --meeting ID] "
                        "[--format text|csv] [-o FILE.xlsx|FILE.csv]");
  g_autoptr(GOptionContext) context = g_option_context_new (NULL);
  g_autoptr(ZbStore) store = NULL;
  g_autoptr(GListModel) measures = NULL;
  const GOptionEntry entries[] = {
    { "open", 0, 0, G_OPTION_ARG_NONE, &open, N_("Only the measures not yet done"), NULL },
    { "meeting", 0, 0, G_OPTION_ARG_STRING, &meeting,
      N_("The measures a meeting shows: those still open from earlier meetings"),
      N_("MEETING-ID") },
    { "format", 0, 0, G_OPTION_ARG_STRING, &format, N_("text or csv; csv or xlsx with -o"),
      N_("FORMAT") },
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output,
      N_("Write the list to FILE as a workbook (.xlsx) or CSV (.csv)"), N_("FILE") },
    { NULL }
  };

  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!zb_cli_parse (context, &argc, &argv, error))
    return FALSE;
  if (argc != 1 || (open && meeting != NULL))
    return zb_cli_usage (error, "%s", usage);
  if ((output != NULL || g_strcmp0 (format, "xlsx") == 0) &&
      !zb_cli_check_output (&format, output, usage, error))
    return FALSE;

  if ((store = zb_cli_open_store (cli, error)) == NULL)
    return FALSE;
  if (meeting != NULL)
    measures = zb_store_list_carried_measures (store, meeting, error);
  else
    measures = open ? zb_store_list_open_measures (store, error)
                    : zb_store_list_measures_all (store, error);
  if (measures == NULL)
    return FALSE;

  if (output != NULL || g_strcmp0 (format, "csv") == 0)
    {
      g_autoptr(ZbTable) table = zb_measures_table (measures);

      return zb_cli_output_table (table, format, output, error);
    }
  print_measures (measures);
  return TRUE;
}

gboolean
zb_cli_measure (ZbCli   *cli,
                int      argc,
                char   **argv,
                GError **error)
{
  if (argc >= 2 && g_str_equal (argv[1], "add"))
    return measure_add (cli, argc - 1, argv + 1, error);
  if (argc >= 2 && g_str_equal (argv[1], "done"))
    return measure_done (cli, argc - 1, argv + 1, error);
  if (argc >= 2 && g_str_equal (argv[1], "list"))
    return measure_list (cli, argc - 1, argv + 1, error);

  return zb_cli_usage (error, _("usage: zhibu-cli measure add|done|list …"));
}
