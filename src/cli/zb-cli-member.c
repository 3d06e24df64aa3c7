#define G_LOG_DOMAIN "zb-cli-member"

#include "config.h"

#include <stdio.h>

#include <glib/gi18n.h>

#include "zb-cli.h"
#include "zb-csv.h"
#include "zb-date.h"
#include "zb-member-csv.h"
#include "zb-member-json.h"

typedef struct
{
  char *values[ZB_MEMBER_N_FIELDS];
} FieldOptions;

static void
field_options_clear (FieldOptions *options)
{
  for (guint i = 0; i < ZB_MEMBER_N_FIELDS; i++)
    g_clear_pointer (&options->values[i], g_free);
}

/* One option per field of the table, --name, --id-number, --joined, …, so that
 * the CLI can never lag behind the record. */
static GOptionGroup *
field_option_group (FieldOptions *options)
{
  GOptionGroup *group = g_option_group_new ("fields", _("Fields of the record:"),
                                            _("Show the field options"), NULL, NULL);
  GOptionEntry *entries = g_new0 (GOptionEntry, ZB_MEMBER_N_FIELDS + 1);

  for (guint i = 0; i < ZB_MEMBER_N_FIELDS; i++)
    {
      const ZbFieldInfo *info = zb_member_field_info (i);

      entries[i].long_name = info->option;
      entries[i].arg = G_OPTION_ARG_STRING;
      entries[i].arg_data = &options->values[i];
      entries[i].description = info->label;
      entries[i].arg_description = info->kind == ZB_FIELD_KIND_DATE ? N_("YEAR-MONTH-DAY")
                                                                     : N_("VALUE");
    }

  g_option_group_add_entries (group, entries);
  g_option_group_set_translation_domain (group, GETTEXT_PACKAGE);
  g_free (entries);
  return group;
}

static gboolean
parse_fields (int            *argc,
              char         ***argv,
              FieldOptions   *options,
              const char     *parameter,
              GError        **error)
{
  g_autoptr(GOptionContext) context = g_option_context_new (parameter);

  g_option_context_set_main_group (context, field_option_group (options));
  return zb_cli_parse (context, argc, argv, error);
}

/* An option given as "" clears the field; dates are read as people type them. */
static gboolean
apply_fields (ZbMember      *member,
              FieldOptions  *options,
              GError       **error)
{
  for (guint i = 0; i < ZB_MEMBER_N_FIELDS; i++)
    {
      const ZbFieldInfo *info = zb_member_field_info (i);

      if (info->kind == ZB_FIELD_KIND_DATE &&
          !zb_cli_normalise_date (&options->values[i], _(info->label), error))
        return FALSE;
      if (options->values[i] != NULL)
        zb_member_set (member, i, options->values[i]);
    }

  return TRUE;
}

static gboolean
member_add (ZbCli   *cli,
            int      argc,
            char   **argv,
            GError **error)
{
  FieldOptions options = { 0 };
  g_autoptr(ZbMember) member = zb_member_new ();
  g_autoptr(ZbStore) store = NULL;
  g_autofree char *id = NULL;

  if (!parse_fields (&argc, &argv, &options, NULL, error))
    goto fail;
  if (argc != 1)
    {
      zb_cli_usage (error, _("usage: zhibu-cli member add --name NAME --id-number ID …"));
      goto fail;
    }

  if (!apply_fields (member, &options, error) ||
      (store = zb_cli_open_store (cli, error)) == NULL)
    goto fail;
  if ((id = zb_store_add_member (store, member, error)) == NULL)
    goto fail;

  field_options_clear (&options);
  printf ("%s\n", id);
  return TRUE;

fail:
  field_options_clear (&options);
  return FALSE;
}

static gboolean
member_edit (ZbCli   *cli,
             int      argc,
             char   **argv,
             GError **error)
{
  FieldOptions options = { 0 };
  g_autoptr(ZbMember) member = NULL;
  g_autoptr(ZbStore) store = NULL;
  gboolean ok = FALSE;

  if (!parse_fields (&argc, &argv, &options, "ID", error))
    goto out;
  if (argc != 2)
    {
      zb_cli_usage (error, _("usage: zhibu-cli member edit ID --FIELD VALUE …"));
      goto out;
    }

  if ((store = zb_cli_open_store (cli, error)) == NULL ||
      (member = zb_store_get_member (store, argv[1], error)) == NULL)
    goto out;

  ok = apply_fields (member, &options, error) && zb_store_update_member (store, member, error);

out:
  field_options_clear (&options);
  return ok;
}

static gboolean
member_archive (ZbCli   *cli,
                int      argc,
                char   **argv,
                GError **error)
{
  g_autofree char *status = NULL, *date = NULL, *reason = NULL;
  g_autoptr(GOptionContext) context = g_option_context_new ("ID");
  g_autoptr(ZbStore) store = NULL;
  const GOptionEntry entries[] = {
    { "status", 0, 0, G_OPTION_ARG_STRING, &status,
      N_("transferred-out, expelled, removed or deceased"), N_("STATUS") },
    { "date", 0, 0, G_OPTION_ARG_STRING, &date, N_("When (default: today)"),
      N_("YEAR-MONTH-DAY") },
    { "reason", 0, 0, G_OPTION_ARG_STRING, &reason, N_("Why"), N_("TEXT") },
    { NULL }
  };

  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!zb_cli_parse (context, &argc, &argv, error))
    return FALSE;
  if (argc != 2 || status == NULL)
    return zb_cli_usage (error, _("usage: zhibu-cli member archive ID --status STATUS"));

  if (!zb_cli_normalise_date (&date, _(zb_member_field_info (ZB_MEMBER_FIELD_STATUS_DATE)->label),
                              error) ||
      (store = zb_cli_open_store (cli, error)) == NULL)
    return FALSE;

  return zb_store_archive_member (store, argv[1], status, date, reason, error);
}

static gboolean
member_transfer (ZbCli   *cli,
                 int      argc,
                 char   **argv,
                 GError **error)
{
  g_autofree char *date = NULL, *organisation = NULL, *letter = NULL, *iso = NULL;
  gboolean in = FALSE, out = FALSE;
  g_autoptr(GOptionContext) context = g_option_context_new ("ID");
  g_autoptr(ZbStore) store = NULL;
  g_autoptr(ZbTransfer) transfer = NULL;
  const GOptionEntry entries[] = {
    { "in", 0, 0, G_OPTION_ARG_NONE, &in, N_("The relationship comes into the branch"), NULL },
    { "out", 0, 0, G_OPTION_ARG_NONE, &out,
      N_("The relationship leaves the branch (archives the member)"), NULL },
    { "date", 0, 0, G_OPTION_ARG_STRING, &date, N_("Date of the transfer"),
      N_("YEAR-MONTH-DAY") },
    { "organisation", 0, 0, G_OPTION_ARG_STRING, &organisation,
      N_("The party organisation it comes from or goes to"), N_("NAME") },
    { "letter", 0, 0, G_OPTION_ARG_STRING, &letter, N_("Number of the introduction letter"),
      N_("NUMBER") },
    { NULL }
  };

  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!zb_cli_parse (context, &argc, &argv, error))
    return FALSE;
  if (argc != 2 || in == out || date == NULL)
    return zb_cli_usage (error, _("usage: zhibu-cli member transfer ID --in|--out --date DATE "
                                  "--organisation NAME [--letter NUMBER]"));

  if ((store = zb_cli_open_store (cli, error)) == NULL)
    return FALSE;

  /* A date that is none goes as typed, for the transfer's own check to name. */
  iso = zb_date_normalise_input (date);
  transfer = zb_transfer_new (argv[1], in, iso ? iso : date, organisation, letter);
  if (!zb_store_add_transfer (store, transfer, error))
    return FALSE;

  /* The transfer's ID, for `render transfer` to print its letter. */
  printf ("%s\n", zb_transfer_get_id (transfer));
  return TRUE;
}

static GPtrArray *
table_rows (GListModel *members,
            gboolean    with_sensitive)
{
  static const ZbMemberField columns[] = {
    ZB_MEMBER_FIELD_NAME, ZB_MEMBER_FIELD_SEX, ZB_MEMBER_FIELD_BIRTH_DATE,
    ZB_MEMBER_FIELD_CATEGORY, ZB_MEMBER_FIELD_JOINED_DATE, ZB_MEMBER_FIELD_PARTY_GROUP,
    ZB_MEMBER_FIELD_ID_NUMBER, ZB_MEMBER_FIELD_PHONE,
  };
  GPtrArray *rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);
  char **header = g_new0 (char *, G_N_ELEMENTS (columns) + 2);

  header[0] = g_strdup ("ID");
  for (guint c = 0; c < G_N_ELEMENTS (columns); c++)
    header[c + 1] = g_strdup (_(zb_member_field_info (columns[c])->label));
  g_ptr_array_add (rows, header);

  for (guint i = 0; i < g_list_model_get_n_items (members); i++)
    {
      g_autoptr(ZbMember) member = g_list_model_get_item (members, i);
      char **row = g_new0 (char *, G_N_ELEMENTS (columns) + 2);

      row[0] = g_strdup (zb_member_get_id (member));
      for (guint c = 0; c < G_N_ELEMENTS (columns); c++)
        row[c + 1] = zb_member_dup_display (member, columns[c], with_sensitive);
      g_ptr_array_add (rows, row);
    }

  return rows;
}

static gboolean
print_members (GListModel  *members,
               const char  *format,
               gboolean     with_sensitive,
               GError     **error)
{
  if (g_str_equal (format, "json"))
    {
      g_autofree char *json = zb_member_list_to_json (members, with_sensitive);
      printf ("%s\n", json);
    }
  else if (g_str_equal (format, "csv"))
    {
      g_autoptr(GString) csv = zb_member_csv_list (members, with_sensitive);
      fwrite (csv->str, 1, csv->len, stdout);
    }
  else if (g_str_equal (format, "table"))
    {
      g_autoptr(GPtrArray) rows = table_rows (members, with_sensitive);
      zb_cli_print_table (rows);
    }
  else
    return zb_cli_usage (error, _("unknown format “%s”: use table, csv or json"), format);

  return TRUE;
}

static gboolean
member_list (ZbCli   *cli,
             int      argc,
             char   **argv,
             GError **error)
{
  g_autofree char *format = NULL;
  gboolean with_sensitive = FALSE, all = FALSE;
  g_autoptr(GOptionContext) context = g_option_context_new (NULL);
  g_autoptr(ZbStore) store = NULL;
  g_autoptr(GListModel) members = NULL;
  const GOptionEntry entries[] = {
    { "format", 0, 0, G_OPTION_ARG_STRING, &format, N_("table, csv or json"), N_("FORMAT") },
    { "with-sensitive", 0, 0, G_OPTION_ARG_NONE, &with_sensitive,
      N_("Show ID numbers, phones and addresses unmasked"), NULL },
    { "all", 0, 0, G_OPTION_ARG_NONE, &all,
      N_("Include archived people (transferred out, deceased, …)"), NULL },
    { NULL }
  };

  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!zb_cli_parse (context, &argc, &argv, error))
    return FALSE;
  if (argc != 1)
    return zb_cli_usage (error, _("usage: zhibu-cli member list [--format table|csv|json]"));

  if ((store = zb_cli_open_store (cli, error)) == NULL ||
      (members = zb_store_list_members (store, all, error)) == NULL)
    return FALSE;

  return print_members (members, format ? format : "table", with_sensitive, error);
}

static gboolean
add_transfer_rows (ZbStore     *store,
                   const char  *member_id,
                   GPtrArray   *rows,
                   GError     **error)
{
  g_autoptr(GListModel) transfers = zb_store_list_transfers (store, member_id, error);

  if (transfers == NULL)
    return FALSE;

  for (guint i = 0; i < g_list_model_get_n_items (transfers); i++)
    {
      g_autoptr(ZbTransfer) t = g_list_model_get_item (transfers, i);
      char **row = g_new0 (char *, 3);

      row[0] = g_strdup (zb_transfer_is_incoming (t) ? _("Transferred in") : _("Transferred out"));
      row[1] = g_strdup_printf ("%s %s %s", zb_transfer_get_date (t),
                                zb_transfer_get_organisation (t),
                                zb_transfer_get_letter_number (t) ?: "");
      g_ptr_array_add (rows, row);
    }

  return TRUE;
}

static gboolean
member_show (ZbCli   *cli,
             int      argc,
             char   **argv,
             GError **error)
{
  g_autofree char *format = NULL;
  gboolean with_sensitive = FALSE;
  g_autoptr(GOptionContext) context = g_option_context_new ("ID");
  g_autoptr(ZbStore) store = NULL;
  g_autoptr(ZbMember) member = NULL;
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);
  const GOptionEntry entries[] = {
    { "format", 0, 0, G_OPTION_ARG_STRING, &format, N_("text or json"), N_("FORMAT") },
    { "with-sensitive", 0, 0, G_OPTION_ARG_NONE, &with_sensitive,
      N_("Show ID numbers, phones and addresses unmasked"), NULL },
    { NULL }
  };

  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!zb_cli_parse (context, &argc, &argv, error))
    return FALSE;
  if (argc != 2)
    return zb_cli_usage (error, _("usage: zhibu-cli member show ID [--format text|json]"));

  if ((store = zb_cli_open_store (cli, error)) == NULL ||
      (member = zb_store_get_member (store, argv[1], error)) == NULL)
    return FALSE;

  if (g_strcmp0 (format, "json") == 0)
    {
      g_autoptr(JsonNode) node = zb_member_to_json (member, with_sensitive);
      g_autofree char *json = json_to_string (node, TRUE);
      printf ("%s\n", json);
      return TRUE;
    }
  if (format != NULL && !g_str_equal (format, "text"))
    return zb_cli_usage (error, _("unknown format “%s”: use text or json"), format);

  for (guint i = 0; i < ZB_MEMBER_N_FIELDS; i++)
    {
      char **row = g_new0 (char *, 3);
      row[0] = g_strdup (_(zb_member_field_info (i)->label));
      row[1] = zb_member_dup_display (member, i, with_sensitive);
      g_ptr_array_add (rows, row);
    }
  if (!add_transfer_rows (store, argv[1], rows, error))
    return FALSE;
  zb_cli_print_table (rows);
  return TRUE;
}

static gboolean
member_import (ZbCli   *cli,
               int      argc,
               char   **argv,
               GError **error)
{
  g_autofree char *encoding = NULL;
  g_autoptr(GOptionContext) context = g_option_context_new ("FILE.csv|FILE.xlsx|FILE.xls");
  g_autoptr(ZbStore) store = NULL;
  ZbCsvEncoding enc = ZB_CSV_ENCODING_AUTO;
  ZbTableFormat file_format;
  guint n = 0;
  const GOptionEntry entries[] = {
    { "encoding", 0, 0, G_OPTION_ARG_STRING, &encoding,
      N_("auto, utf-8 or gb18030 (CSV only: a workbook says its own)"), N_("ENCODING") },
    { NULL }
  };

  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!zb_cli_parse (context, &argc, &argv, error))
    return FALSE;
  if (argc != 2)
    return zb_cli_usage (error, _("usage: zhibu-cli member import FILE.csv|FILE.xlsx|FILE.xls "
                                  "[--encoding auto|utf-8|gb18030]"));
  if (encoding != NULL && !zb_csv_encoding_parse (encoding, &enc))
    return zb_cli_usage (error, _("unknown encoding “%s”: use auto, utf-8 or gb18030"),
                         encoding);

  /* The file's name is checked before the database is opened. */
  if (!zb_table_format_for_path (argv[1], &file_format, error) ||
      (store = zb_cli_open_store (cli, error)) == NULL ||
      !zb_member_import_file (store, argv[1], enc, &n, NULL, error))
    return FALSE;

  g_printerr (g_dngettext (GETTEXT_PACKAGE, "Imported %u person\n", "Imported %u people\n", n),
              n);
  return TRUE;
}

static gboolean
member_export (ZbCli   *cli,
               int      argc,
               char   **argv,
               GError **error)
{
  gboolean with_sensitive = FALSE;
  g_autoptr(GOptionContext) context = g_option_context_new ("FILE.csv|FILE.xlsx");
  g_autoptr(ZbStore) store = NULL;
  g_autoptr(GListModel) members = NULL;
  ZbTableFormat file_format;
  const GOptionEntry entries[] = {
    { "with-sensitive", 0, 0, G_OPTION_ARG_NONE, &with_sensitive,
      N_("Include ID numbers, phones and addresses"), NULL },
    { NULL }
  };

  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!zb_cli_parse (context, &argc, &argv, error))
    return FALSE;
  if (argc != 2)
    return zb_cli_usage (error, _("usage: zhibu-cli member export FILE.csv|FILE.xlsx "
                                  "[--with-sensitive]"));

  if (!zb_table_format_for_path (argv[1], &file_format, error) ||
      (store = zb_cli_open_store (cli, error)) == NULL ||
      (members = zb_store_list_members (store, TRUE, error)) == NULL)
    return FALSE;

  /* The format from the file's name (DESIGN.md, CLI contract). */
  return zb_member_export_file (members, with_sensitive, argv[1], error);
}

static const struct {
  const char   *name;
  ZbCliCommand  run;
} subcommands[] = {
  { "add", member_add },
  { "list", member_list },
  { "show", member_show },
  { "edit", member_edit },
  { "archive", member_archive },
  { "transfer", member_transfer },
  { "import", member_import },
  { "export", member_export },
};

gboolean
zb_cli_member (ZbCli   *cli,
               int      argc,
               char   **argv,
               GError **error)
{
  if (argc < 2)
    return zb_cli_usage (error, _("usage: zhibu-cli member add|list|show|edit|archive|"
                                  "transfer|import|export …"));

  for (guint i = 0; i < G_N_ELEMENTS (subcommands); i++)
    if (g_str_equal (argv[1], subcommands[i].name))
      return subcommands[i].run (cli, argc - 1, argv + 1, error);

  return zb_cli_usage (error, _("unknown member command “%s”"), argv[1]);
}
