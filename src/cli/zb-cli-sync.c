#define G_LOG_DOMAIN "zb-cli-sync"

#include "config.h"

#include <stdio.h>

#include <glib/gi18n.h>

#include "zb-cli.h"
#include "zb-store-sync.h"
#include "zb-sync-client.h"
#include "zb-sync-protocol.h"

/* Sync from the command line (DESIGN.md, CLI contract): enrol once, then
 * `sync` from cron; conflicts and rejected changes are listed and resolved
 * here as in the app. */

/* A client of @server; @ca_file (or NULL: the one kept for the server, else
 * the system's CAs) says whose certificates it trusts. */
static ZbSyncClient *
open_client (ZbCli       *cli,
             const char  *server,
             const char  *token_file,
             const char  *ca_file,
             ZbStore    **store,
             GError     **error)
{
  g_autoptr(ZbSyncClient) client = NULL;

  if ((*store = zb_cli_open_store (cli, error)) == NULL ||
      (client = zb_sync_client_new (*store, server, token_file, error)) == NULL)
    return NULL;
  if (ca_file != NULL && !zb_sync_client_set_ca_file (client, ca_file, error))
    return NULL;

  return g_steal_pointer (&client);
}

/* zhibu-cli enrol --server URL --code CODE [--token-file F] [--ca-file PEM]
 * [--device-name NAME]: the certificate the server shows is pinned. */
gboolean
zb_cli_enrol (ZbCli   *cli,
              int      argc,
              char   **argv,
              GError **error)
{
  g_autofree char *server = NULL, *code = NULL, *token_file = NULL, *name = NULL;
  g_autofree char *branch = NULL, *ca_file = NULL;
  g_autoptr(GOptionContext) context = g_option_context_new (NULL);
  g_autoptr(ZbStore) store = NULL;
  g_autoptr(ZbSyncClient) client = NULL;
  const GOptionEntry entries[] = {
    { "server", 0, 0, G_OPTION_ARG_STRING, &server, N_("The sync server’s address"), N_("URL") },
    { "code", 0, 0, G_OPTION_ARG_STRING, &code,
      N_("The one-time enrolment code from the server’s administrator"), N_("CODE") },
    { "token-file", 0, 0, G_OPTION_ARG_FILENAME, &token_file,
      N_("Keep the device token in FILE (mode 0600) instead of the keyring"), N_("FILE") },
    { "ca-file", 0, 0, G_OPTION_ARG_FILENAME, &ca_file,
      N_("Trust the server’s certificate when the committee’s CA certificate in PEM signed it "
         "(kept for the server)"), N_("PEM") },
    { "device-name", 0, 0, G_OPTION_ARG_STRING, &name,
      N_("What the server calls this PC (default: its host name)"), N_("NAME") },
    { NULL }
  };

  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!zb_cli_parse (context, &argc, &argv, error))
    return FALSE;
  if (argc != 1 || server == NULL || code == NULL)
    return zb_cli_usage (error, _("usage: zhibu-cli enrol --server URL --code CODE "
                                  "[--token-file FILE] [--ca-file PEM]"));

  if ((client = open_client (cli, server, token_file, ca_file, &store, error)) == NULL)
    return FALSE;

  branch = zb_sync_client_enrol (client, code, name ? name : g_get_host_name (), NULL, error);
  if (branch == NULL)
    return FALSE;

  /* TRANSLATORS: %s is the branch's name, as the server knows it */
  printf (_("Enrolled in %s\n"), *branch ? branch : server);
  return TRUE;
}

static void
print_summary (const ZbSyncStats *stats)
{
  /* TRANSLATORS: the start of the one-line summary of a sync, e.g.
   * "Pushed 3 changes, pulled 5, 1 conflict open, 0 rejected" */
  printf (g_dngettext (GETTEXT_PACKAGE, "Pushed %u change", "Pushed %u changes", stats->pushed),
          stats->pushed);
  printf (g_dngettext (GETTEXT_PACKAGE, ", pulled %u", ", pulled %u", stats->pulled),
          stats->pulled);
  printf (g_dngettext (GETTEXT_PACKAGE, ", %u conflict open", ", %u conflicts open",
                       stats->conflicts), stats->conflicts);
  printf (g_dngettext (GETTEXT_PACKAGE, ", %u rejected\n", ", %u rejected\n", stats->rejected),
          stats->rejected);
}

/* zhibu-cli sync --server URL [--token-file F] [--ca-file PEM]
 * [--trust-new-certificate FINGERPRINT]: one round; one line. */
gboolean
zb_cli_sync (ZbCli   *cli,
             int      argc,
             char   **argv,
             GError **error)
{
  g_autofree char *server = NULL, *token_file = NULL, *ca_file = NULL, *fingerprint = NULL;
  g_autoptr(GOptionContext) context = g_option_context_new (NULL);
  g_autoptr(ZbStore) store = NULL;
  g_autoptr(ZbSyncClient) client = NULL;
  ZbSyncStats stats = { 0 };
  const GOptionEntry entries[] = {
    { "server", 0, 0, G_OPTION_ARG_STRING, &server, N_("The sync server’s address"), N_("URL") },
    { "token-file", 0, 0, G_OPTION_ARG_FILENAME, &token_file,
      N_("Read the device token from FILE instead of the keyring"), N_("FILE") },
    { "ca-file", 0, 0, G_OPTION_ARG_FILENAME, &ca_file,
      N_("Trust the server’s certificate when the committee’s CA certificate in PEM signed it "
         "(kept for the server)"), N_("PEM") },
    /* Explicit, with the fingerprint a person checked: a changed
     * certificate is never trusted silently. */
    { "trust-new-certificate", 0, 0, G_OPTION_ARG_STRING, &fingerprint,
      N_("Trust the server’s new certificate with this SHA-256 fingerprint, after checking it "
         "with the server’s administrator"), N_("FINGERPRINT") },
    { NULL }
  };

  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!zb_cli_parse (context, &argc, &argv, error))
    return FALSE;
  if (argc != 1 || server == NULL)
    return zb_cli_usage (error, _("usage: zhibu-cli sync --server URL [--token-file FILE] "
                                  "[--ca-file PEM] [--trust-new-certificate FINGERPRINT]"));

  if ((client = open_client (cli, server, token_file, ca_file, &store, error)) == NULL ||
      (fingerprint != NULL && !zb_sync_client_trust_certificate (client, fingerprint, error)))
    return FALSE;

  if (!zb_sync_client_sync (client, NULL, &stats, error))
    return FALSE;

  print_summary (&stats);
  return TRUE;
}

static gboolean
check_format (const char  *format,
              GError     **error)
{
  if (g_str_equal (format, "table") || g_str_equal (format, "json"))
    return TRUE;

  return zb_cli_usage (error, _("unknown format “%s”: use table or json"), format);
}

/* A value kept as JSON text, as a JSON node: null when unreadable. */
static JsonNode *
value_node (const char *json)
{
  JsonNode *node = json ? json_from_string (json, NULL) : NULL;

  return node ? node : json_node_init_null (json_node_alloc ());
}

/* One of the conflict's values: masked as text where the column holds
 * personal data and the caller did not ask for it. */
static JsonNode *
conflict_value_node (ZbConflict *conflict,
                     const char *json,
                     gboolean    with_sensitive)
{
  g_autofree char *masked = NULL;

  if (with_sensitive || !zb_conflict_is_sensitive (conflict) ||
      (masked = zb_conflict_value_to_display (conflict, json, FALSE)) == NULL)
    return value_node (json);
  return json_node_init_string (json_node_alloc (), masked);
}

static JsonNode *
conflict_to_json (gpointer item,
                  gpointer with_sensitive)
{
  ZbConflict *conflict = item;
  gboolean sensitive = GPOINTER_TO_INT (with_sensitive);
  JsonObject *object = json_object_new ();

  json_object_set_string_member (object, "id", zb_conflict_get_id (conflict));
  json_object_set_string_member (object, "table", zb_conflict_get_table_name (conflict));
  json_object_set_string_member (object, "row_id", zb_conflict_get_row_id (conflict));
  json_object_set_string_member (object, "column", zb_conflict_get_column (conflict));
  json_object_set_string_member (object, "state", zb_conflict_get_state (conflict));
  json_object_set_member (object, "kept",
                          conflict_value_node (conflict, zb_conflict_get_kept_value (conflict),
                                               sensitive));
  json_object_set_string_member (object, "kept_device", zb_conflict_get_kept_device (conflict));
  json_object_set_member (object, "pushed",
                          conflict_value_node (conflict, zb_conflict_get_pushed_value (conflict),
                                               sensitive));
  json_object_set_string_member (object, "pushed_device",
                                 zb_conflict_get_pushed_device (conflict));
  if (zb_conflict_get_resolution (conflict) != NULL)
    json_object_set_member (object, "resolution",
                            conflict_value_node (conflict, zb_conflict_get_resolution (conflict),
                                                 sensitive));
  json_object_set_string_member (object, "created_at", zb_conflict_get_created_at (conflict));

  return zb_sync_node_take_object (object);
}

static void
print_json_list (GListModel  *list,
                 JsonNode   *(*to_json) (gpointer item,
                                         gpointer data),
                 gpointer     data)
{
  g_autoptr(JsonNode) root = json_node_new (JSON_NODE_ARRAY);
  JsonArray *array = json_array_new ();
  g_autofree char *text = NULL;

  for (guint i = 0; i < g_list_model_get_n_items (list); i++)
    {
      g_autoptr(GObject) item = g_list_model_get_item (list, i);

      json_array_add_element (array, to_json (item, data));
    }
  json_node_take_array (root, array);
  text = json_to_string (root, TRUE);
  printf ("%s\n", text);
}

static char *
value_text (ZbConflict *conflict,
            const char *json,
            gboolean    with_sensitive)
{
  char *text = zb_conflict_value_to_display (conflict, json, with_sensitive);

  /* TRANSLATORS: an empty value in a list of conflicts */
  return text ? text : g_strdup (_("(empty)"));
}

static void
print_conflicts_table (GListModel *conflicts,
                       gboolean    with_sensitive)
{
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);

  g_ptr_array_add (rows, g_strdupv ((char *[]) { "ID", _("Table"), _("Record"), _("Field"),
                                                 _("Kept"), _("Pushed"), _("State"), NULL }));
  for (guint i = 0; i < g_list_model_get_n_items (conflicts); i++)
    {
      g_autoptr(ZbConflict) c = g_list_model_get_item (conflicts, i);
      char **row = g_new0 (char *, 8);

      row[0] = g_strdup (zb_conflict_get_id (c));
      row[1] = g_strdup (zb_conflict_get_table_name (c));
      row[2] = g_strdup (zb_conflict_get_row_id (c));
      row[3] = g_strdup (zb_conflict_get_column (c));
      row[4] = value_text (c, zb_conflict_get_kept_value (c), with_sensitive);
      row[5] = value_text (c, zb_conflict_get_pushed_value (c), with_sensitive);
      row[6] = g_strdup (zb_conflict_get_state (c));
      g_ptr_array_add (rows, row);
    }

  zb_cli_print_table (rows);
}

/* zhibu-cli conflicts list [--format table|json] [--all] [--with-sensitive]:
 * a member's ID number, phone and address masked as in `member list`. */
static gboolean
conflicts_list (ZbCli   *cli,
                int      argc,
                char   **argv,
                GError **error)
{
  g_autofree char *format = NULL;
  gboolean all = FALSE, with_sensitive = FALSE;
  g_autoptr(GOptionContext) context = g_option_context_new (NULL);
  g_autoptr(ZbStore) store = NULL;
  g_autoptr(GListModel) conflicts = NULL;
  const GOptionEntry entries[] = {
    { "format", 0, 0, G_OPTION_ARG_STRING, &format, N_("table or json"), N_("FORMAT") },
    { "all", 0, 0, G_OPTION_ARG_NONE, &all, N_("Include resolved conflicts"), NULL },
    { "with-sensitive", 0, 0, G_OPTION_ARG_NONE, &with_sensitive,
      N_("Show ID numbers, phones and addresses unmasked"), NULL },
    { NULL }
  };

  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!zb_cli_parse (context, &argc, &argv, error))
    return FALSE;
  if (argc != 1)
    return zb_cli_usage (error, _("usage: zhibu-cli conflicts list [--format table|json] "
                                  "[--all] [--with-sensitive]"));
  if (!check_format (format ? format : "table", error) ||
      (store = zb_cli_open_store (cli, error)) == NULL ||
      (conflicts = zb_store_list_conflicts (store, all, error)) == NULL)
    return FALSE;

  if (format != NULL && g_str_equal (format, "json"))
    print_json_list (conflicts, conflict_to_json, GINT_TO_POINTER (with_sensitive));
  else
    print_conflicts_table (conflicts, with_sensitive);
  return TRUE;
}

/* zhibu-cli conflicts resolve ID --pick kept|pushed | --value TEXT */
static gboolean
conflicts_resolve (ZbCli   *cli,
                   int      argc,
                   char   **argv,
                   GError **error)
{
  g_autofree char *pick = NULL, *value = NULL;
  g_autoptr(GOptionContext) context = g_option_context_new ("CONFLICT-ID");
  g_autoptr(ZbStore) store = NULL;
  ZbConflictPick how = ZB_CONFLICT_PICK_VALUE;
  const GOptionEntry entries[] = {
    { "pick", 0, 0, G_OPTION_ARG_STRING, &pick,
      N_("Keep the server’s value (kept) or take the other one (pushed)"), "kept|pushed" },
    { "value", 0, 0, G_OPTION_ARG_STRING, &value,
      N_("Write a merged value instead (empty: no value)"), N_("TEXT") },
    { NULL }
  };

  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!zb_cli_parse (context, &argc, &argv, error))
    return FALSE;
  if (pick != NULL && g_str_equal (pick, "kept"))
    how = ZB_CONFLICT_PICK_KEPT;
  else if (pick != NULL && g_str_equal (pick, "pushed"))
    how = ZB_CONFLICT_PICK_PUSHED;
  if (argc != 2 || (pick == NULL) == (value == NULL) ||
      (pick != NULL && how == ZB_CONFLICT_PICK_VALUE))
    return zb_cli_usage (error, _("usage: zhibu-cli conflicts resolve CONFLICT-ID "
                                  "--pick kept|pushed | --value TEXT"));

  if ((store = zb_cli_open_store (cli, error)) == NULL)
    return FALSE;

  return zb_store_resolve_conflict (store, argv[1], how, value, error);
}

gboolean
zb_cli_conflicts (ZbCli   *cli,
                  int      argc,
                  char   **argv,
                  GError **error)
{
  if (argc >= 2 && g_str_equal (argv[1], "list"))
    return conflicts_list (cli, argc - 1, argv + 1, error);
  if (argc >= 2 && g_str_equal (argv[1], "resolve"))
    return conflicts_resolve (cli, argc - 1, argv + 1, error);

  return zb_cli_usage (error, _("usage: zhibu-cli conflicts list|resolve …"));
}

/* The values a rejected change sent to the members table, with ID numbers,
 * phones and addresses masked as every list shows them (DOMAIN.md,
 * section 6). */
static void
mask_member_fields (JsonNode *fields)
{
  JsonObject *object;
  g_autoptr(GList) names = NULL;

  if (!JSON_NODE_HOLDS_OBJECT (fields))
    return;
  object = json_node_get_object (fields);
  names = json_object_get_members (object);
  for (GList *l = names; l != NULL; l = l->next)
    {
      const ZbFieldInfo *info = zb_member_field_lookup (l->data);
      JsonNode *value = json_object_get_member (object, l->data);
      g_autofree char *masked = NULL;

      if (info == NULL || !info->sensitive || json_node_get_value_type (value) != G_TYPE_STRING)
        continue;
      masked = zb_member_mask_value (info->field, json_node_get_string (value));
      json_object_set_string_member (object, l->data, masked);
    }
}

static JsonNode *
rejected_to_json (gpointer item,
                  gpointer data)
{
  ZbOutboxEntry *entry = item;
  gboolean with_sensitive = GPOINTER_TO_INT (data);
  JsonObject *object = json_object_new ();
  JsonNode *fields = value_node (zb_outbox_entry_get_fields (entry));

  if (!with_sensitive && g_strcmp0 (zb_outbox_entry_get_table_name (entry), "members") == 0)
    mask_member_fields (fields);

  json_object_set_int_member (object, "op_id", zb_outbox_entry_get_op_id (entry));
  json_object_set_string_member (object, "table", zb_outbox_entry_get_table_name (entry));
  json_object_set_string_member (object, "row_id", zb_outbox_entry_get_row_id (entry));
  json_object_set_string_member (object, "op", zb_outbox_entry_get_op (entry));
  json_object_set_string_member (object, "error", zb_outbox_entry_get_error_code (entry));
  json_object_set_string_member (object, "reason", zb_outbox_entry_get_reason (entry));
  json_object_set_member (object, "fields", fields);
  json_object_set_string_member (object, "rejected_at", zb_outbox_entry_get_rejected_at (entry));

  return zb_sync_node_take_object (object);
}

static void
print_rejected_table (GListModel *rejected)
{
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);

  g_ptr_array_add (rows, g_strdupv ((char *[]) { _("Change"), _("Table"), _("Record"), _("Op"),
                                                 _("Error"), _("Reason"), NULL }));
  for (guint i = 0; i < g_list_model_get_n_items (rejected); i++)
    {
      g_autoptr(ZbOutboxEntry) e = g_list_model_get_item (rejected, i);
      char **row = g_new0 (char *, 7);

      row[0] = g_strdup_printf ("%" G_GINT64_FORMAT, zb_outbox_entry_get_op_id (e));
      row[1] = g_strdup (zb_outbox_entry_get_table_name (e));
      row[2] = g_strdup (zb_outbox_entry_get_row_id (e));
      row[3] = g_strdup (zb_outbox_entry_get_op (e));
      row[4] = g_strdup (zb_outbox_entry_get_error_code (e));
      row[5] = g_strdup (zb_outbox_entry_get_reason (e));
      g_ptr_array_add (rows, row);
    }

  zb_cli_print_table (rows);
}

/* zhibu-cli rejected list [--format table|json] [--with-sensitive]: changes
 * the server refused for good, with its reason (and, in JSON, the values
 * that were sent, personal data masked unless asked for). */
static gboolean
rejected_list (ZbCli   *cli,
               int      argc,
               char   **argv,
               GError **error)
{
  g_autofree char *format = NULL;
  gboolean with_sensitive = FALSE;
  g_autoptr(GOptionContext) context = g_option_context_new (NULL);
  g_autoptr(ZbStore) store = NULL;
  g_autoptr(GListModel) rejected = NULL;
  const GOptionEntry entries[] = {
    { "format", 0, 0, G_OPTION_ARG_STRING, &format, N_("table or json"), N_("FORMAT") },
    { "with-sensitive", 0, 0, G_OPTION_ARG_NONE, &with_sensitive,
      N_("Show ID numbers, phones and addresses unmasked"), NULL },
    { NULL }
  };

  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!zb_cli_parse (context, &argc, &argv, error))
    return FALSE;
  if (argc != 1)
    return zb_cli_usage (error, _("usage: zhibu-cli rejected list [--format table|json] "
                                  "[--with-sensitive]"));
  if (!check_format (format ? format : "table", error) ||
      (store = zb_cli_open_store (cli, error)) == NULL ||
      (rejected = zb_store_list_rejected (store, error)) == NULL)
    return FALSE;

  if (format != NULL && g_str_equal (format, "json"))
    print_json_list (rejected, rejected_to_json, GINT_TO_POINTER (with_sensitive));
  else
    print_rejected_table (rejected);
  return TRUE;
}

gboolean
zb_cli_rejected (ZbCli   *cli,
                 int      argc,
                 char   **argv,
                 GError **error)
{
  if (argc >= 2 && g_str_equal (argv[1], "list"))
    return rejected_list (cli, argc - 1, argv + 1, error);

  return zb_cli_usage (error, _("usage: zhibu-cli rejected list [--format table|json]"));
}
