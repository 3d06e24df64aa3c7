#define G_LOG_DOMAIN "zb-cli-search"

#include "config.h"

#include <stdio.h>

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>

#include "zb-cli.h"

static const char *
usage (void)
{
  return _("usage: zhibu-cli search QUERY [--kind member|minutes] [--format table|json] "
           "[--limit N]");
}

static void
add_matches (JsonBuilder    *b,
             ZbSearchResult *result)
{
  const char *snippet = zb_search_result_get_snippet (result);
  GArray *matches = zb_search_result_get_matches (result);

  json_builder_set_member_name (b, "matches");
  json_builder_begin_array (b);
  for (guint i = 0; i < matches->len; i++)
    {
      gsize *span = &g_array_index (matches, gsize, 2 * i);

      /* In characters, as a reader of the JSON counts them. */
      json_builder_begin_array (b);
      json_builder_add_int_value (b, g_utf8_pointer_to_offset (snippet, snippet + span[0]));
      json_builder_add_int_value (b, g_utf8_pointer_to_offset (snippet, snippet + span[1]));
      json_builder_end_array (b);
    }
  json_builder_end_array (b);
}

static void
print_json (GListModel *results)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *text = NULL;

  json_builder_begin_array (b);
  for (guint i = 0; i < g_list_model_get_n_items (results); i++)
    {
      g_autoptr(ZbSearchResult) result = g_list_model_get_item (results, i);

      json_builder_begin_object (b);
      json_builder_set_member_name (b, "id");
      json_builder_add_string_value (b, zb_search_result_get_record_id (result));
      json_builder_set_member_name (b, "kind");
      json_builder_add_string_value (b, zb_search_result_get_kind_key (result));
      json_builder_set_member_name (b, "title");
      json_builder_add_string_value (b, zb_search_result_get_title (result));
      json_builder_set_member_name (b, "detail");
      json_builder_add_string_value (b, zb_search_result_get_detail (result));
      json_builder_set_member_name (b, "snippet");
      json_builder_add_string_value (b, zb_search_result_get_snippet (result));
      add_matches (b, result);
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
print_table (GListModel *results)
{
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);

  g_ptr_array_add (rows, g_strdupv ((char *[]) { _("Kind"), _("ID"), _("Title"), _("Detail"),
                                                 _("Match"), NULL }));
  for (guint i = 0; i < g_list_model_get_n_items (results); i++)
    {
      g_autoptr(ZbSearchResult) result = g_list_model_get_item (results, i);
      const char *kind = zb_search_result_get_kind (result) == ZB_SEARCH_MEMBERS
                         ? C_("search kind", "Member") : C_("search kind", "Minutes");

      g_ptr_array_add (rows, g_strdupv ((char *[]) {
        (char *) kind, (char *) zb_search_result_get_record_id (result),
        (char *) zb_search_result_get_title (result),
        (char *) zb_search_result_get_detail (result),
        (char *) zb_search_result_get_snippet (result), NULL }));
    }
  zb_cli_print_table (rows);
}

static gboolean
parse_kind (const char     *kind,
            ZbSearchKinds  *kinds,
            GError        **error)
{
  if (kind == NULL)
    *kinds = ZB_SEARCH_ALL;
  else if (g_str_equal (kind, "member"))
    *kinds = ZB_SEARCH_MEMBERS;
  else if (g_str_equal (kind, "minutes"))
    *kinds = ZB_SEARCH_MINUTES;
  else
    return zb_cli_usage (error, _("--kind: use member or minutes, not “%s”; %s"), kind,
                         usage ());

  return TRUE;
}

/* zhibu-cli search QUERY: members and minutes holding every word of QUERY,
 * through the search index (DESIGN.md, Storage: Search). */
gboolean
zb_cli_search (ZbCli   *cli,
               int      argc,
               char   **argv,
               GError **error)
{
  g_autofree char *kind = NULL;
  g_autofree char *format = NULL;
  int limit = 0;
  ZbSearchKinds kinds = ZB_SEARCH_ALL;
  g_autoptr(GOptionContext) context = g_option_context_new (_("QUERY"));
  g_autoptr(ZbStore) store = NULL;
  g_autoptr(GListModel) results = NULL;
  const GOptionEntry entries[] = {
    { "kind", 0, 0, G_OPTION_ARG_STRING, &kind, N_("member or minutes (default: both)"),
      N_("KIND") },
    { "format", 0, 0, G_OPTION_ARG_STRING, &format, N_("table or json"), N_("FORMAT") },
    { "limit", 0, 0, G_OPTION_ARG_INT, &limit, N_("At most N of each kind (default: all)"),
      N_("N") },
    { NULL }
  };

  g_option_context_set_summary (context, _("zhibu-cli search: the members and minutes that "
                                           "hold every word of QUERY."));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!zb_cli_parse (context, &argc, &argv, error))
    return FALSE;
  if (argc != 2 || limit < 0)
    return zb_cli_usage (error, "%s", usage ());
  if (!parse_kind (kind, &kinds, error))
    return FALSE;
  if (format != NULL && !g_str_equal (format, "table") && !g_str_equal (format, "json"))
    return zb_cli_usage (error, _("unknown format “%s”: use table or json; %s"), format,
                         usage ());

  if ((store = zb_cli_open_store (cli, error)) == NULL ||
      (results = zb_store_search (store, argv[1], kinds, limit, error)) == NULL)
    return FALSE;

  if (g_strcmp0 (format, "json") == 0)
    print_json (results);
  else
    print_table (results);
  return TRUE;
}
