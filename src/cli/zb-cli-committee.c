#define G_LOG_DOMAIN "zhibu-cli"

#include "config.h"

#include <stdio.h>

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>

#include "zb-cli.h"
#include "zb-csv.h"

/* zhibu-cli committee list|add|end|remove: the branch committee's terms
 * (支部委员会), current and past. */

static const char *header[] = { "id", "member_id", "name", "role", "from", "to" };

static void
term_row (ZbCommitteeMember *t,
          const char        *row[G_N_ELEMENTS (header)])
{
  row[0] = zb_committee_member_get_id (t);
  row[1] = zb_committee_member_get_member_id (t);
  row[2] = zb_committee_member_get_name (t);
  row[3] = zb_committee_member_get_role (t);
  row[4] = zb_committee_member_get_from_date (t);
  row[5] = zb_committee_member_get_to_date (t);
}

static void
print_json (GListModel *terms)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *text = NULL;

  json_builder_begin_array (b);
  for (guint i = 0; i < g_list_model_get_n_items (terms); i++)
    {
      g_autoptr(ZbCommitteeMember) t = g_list_model_get_item (terms, i);
      const char *row[G_N_ELEMENTS (header)];

      term_row (t, row);
      json_builder_begin_object (b);
      for (guint k = 0; k < G_N_ELEMENTS (header); k++)
        {
          json_builder_set_member_name (b, header[k]);
          if (row[k] != NULL)
            json_builder_add_string_value (b, row[k]);
          else
            json_builder_add_null_value (b);
        }
      json_builder_end_object (b);
    }
  json_builder_end_array (b);

  root = json_builder_get_root (b);
  json_generator_set_root (generator, root);
  json_generator_set_pretty (generator, TRUE);
  text = json_generator_to_data (generator, NULL);
  printf ("%s\n", text);
}

static void
print_terms (GListModel *terms,
             const char *format)
{
  g_autoptr(GPtrArray) table = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);
  g_autoptr(GString) out = g_string_new (NULL);
  gboolean csv = g_strcmp0 (format, "csv") == 0;

  if (csv)
    zb_csv_append_row (out, header, G_N_ELEMENTS (header));
  for (guint i = 0; i < g_list_model_get_n_items (terms); i++)
    {
      g_autoptr(ZbCommitteeMember) t = g_list_model_get_item (terms, i);
      const char *row[G_N_ELEMENTS (header)];

      term_row (t, row);
      if (csv)
        zb_csv_append_row (out, row, G_N_ELEMENTS (row));
      else
        g_string_append_printf (out, "%s  %s  %s  %s – %s\n", row[0], row[2], row[3], row[4],
                                row[5] ? row[5] : "");
    }
  fwrite (out->str, 1, out->len, stdout);
}

static gboolean
committee_list (ZbCli   *cli,
                int      argc,
                char   **argv,
                GError **error)
{
  g_autofree char *format = NULL;
  g_autoptr(GOptionContext) context = g_option_context_new ("list");
  g_autoptr(ZbStore) store = NULL;
  g_autoptr(GListModel) terms = NULL;
  const GOptionEntry entries[] = {
    { "format", 0, 0, G_OPTION_ARG_STRING, &format, N_("table, csv or json"), N_("FORMAT") },
    { NULL }
  };

  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!zb_cli_parse (context, &argc, &argv, error))
    return FALSE;
  if (argc != 1 || (format != NULL && !g_str_equal (format, "table") &&
                    !g_str_equal (format, "csv") && !g_str_equal (format, "json")))
    return zb_cli_usage (error, _("usage: zhibu-cli committee list [--format table|csv|json]"));

  if ((store = zb_cli_open_store (cli, error)) == NULL ||
      (terms = zb_store_list_committee (store, error)) == NULL)
    return FALSE;

  if (g_strcmp0 (format, "json") == 0)
    print_json (terms);
  else
    print_terms (terms, format);
  return TRUE;
}

/* zhibu-cli committee add MEMBER-ID --role ROLE --from DATE [--to DATE]:
 * prints the new term's ID. */
static gboolean
committee_add (ZbCli   *cli,
               int      argc,
               char   **argv,
               GError **error)
{
  g_autofree char *role = NULL, *from = NULL, *to = NULL, *id = NULL;
  g_autoptr(GOptionContext) context = g_option_context_new ("add MEMBER-ID");
  g_autoptr(ZbStore) store = NULL;
  const GOptionEntry entries[] = {
    { "role", 0, 0, G_OPTION_ARG_STRING, &role, N_("Role on the committee, such as 书记"),
      N_("ROLE") },
    { "from", 0, 0, G_OPTION_ARG_STRING, &from, N_("Start of the term"), N_("DATE") },
    { "to", 0, 0, G_OPTION_ARG_STRING, &to, N_("End of the term"), N_("DATE") },
    { NULL }
  };

  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!zb_cli_parse (context, &argc, &argv, error))
    return FALSE;
  if (argc != 2 || role == NULL || from == NULL)
    return zb_cli_usage (error, _("usage: zhibu-cli committee add MEMBER-ID --role ROLE "
                                  "--from DATE [--to DATE]"));

  if ((store = zb_cli_open_store (cli, error)) == NULL ||
      (id = zb_store_add_committee_term (store, argv[1], role, from, to, error)) == NULL)
    return FALSE;

  printf ("%s\n", id);
  return TRUE;
}

/* zhibu-cli committee end TERM-ID --to DATE */
static gboolean
committee_end (ZbCli   *cli,
               int      argc,
               char   **argv,
               GError **error)
{
  g_autofree char *to = NULL;
  g_autoptr(GOptionContext) context = g_option_context_new ("end TERM-ID");
  g_autoptr(ZbStore) store = NULL;
  const GOptionEntry entries[] = {
    { "to", 0, 0, G_OPTION_ARG_STRING, &to, N_("The last day of the term"), N_("DATE") },
    { NULL }
  };

  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!zb_cli_parse (context, &argc, &argv, error))
    return FALSE;
  if (argc != 2 || to == NULL)
    return zb_cli_usage (error, _("usage: zhibu-cli committee end TERM-ID --to DATE"));

  return (store = zb_cli_open_store (cli, error)) != NULL &&
         zb_store_end_committee_member (store, argv[1], to, error);
}

/* zhibu-cli committee remove TERM-ID: a term entered by mistake. */
static gboolean
committee_remove (ZbCli   *cli,
                  int      argc,
                  char   **argv,
                  GError **error)
{
  g_autoptr(ZbStore) store = NULL;

  if (argc != 2)
    return zb_cli_usage (error, _("usage: zhibu-cli committee remove TERM-ID"));

  return (store = zb_cli_open_store (cli, error)) != NULL &&
         zb_store_remove_committee_member (store, argv[1], error);
}

static const struct {
  const char   *name;
  ZbCliCommand  run;
} subcommands[] = {
  { "list", committee_list },
  { "add", committee_add },
  { "end", committee_end },
  { "remove", committee_remove },
};

gboolean
zb_cli_committee (ZbCli   *cli,
                  int      argc,
                  char   **argv,
                  GError **error)
{
  if (argc < 2)
    return zb_cli_usage (error, _("usage: zhibu-cli committee list|add|end|remove …"));

  for (guint i = 0; i < G_N_ELEMENTS (subcommands); i++)
    if (g_str_equal (argv[1], subcommands[i].name))
      return subcommands[i].run (cli, argc - 1, argv + 1, error);

  return zb_cli_usage (error, _("unknown committee command “%s”"), argv[1]);
}
