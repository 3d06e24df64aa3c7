#define G_LOG_DOMAIN "zb-cli"

#include "config.h"

#include <stdio.h>

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>

#include "zb-date.h"
#include "zb-cli.h"
#include "zb-csv.h"
#include "zb-limits.h"

G_DEFINE_QUARK (zb-cli-usage-error-quark, zb_cli_usage_error)

gboolean
zb_cli_usage (GError     **error,
              const char  *format,
              ...)
{
  va_list args;

  va_start (args, format);
  g_propagate_error (error, g_error_new_valist (ZB_CLI_USAGE_ERROR, 0, format, args));
  va_end (args);
  return FALSE;
}

/* The command's words as typed (member, add), from main: --help names the
 * whole command ("zhibu-cli member add [OPTION…]"), not the program alone. */
static char **command_words;
static int n_command_words;

void
zb_cli_set_command_line (int    argc,
                         char **argv)
{
  n_command_words = argc;
  command_words = argv;
}

static char *
command_name (char **argv)
{
  GString *name = g_string_new ("zhibu-cli");

  if (command_words != NULL && argv >= command_words && argv < command_words + n_command_words)
    for (char **word = command_words; word <= argv; word++)
      g_string_append_printf (name, " %s", *word);
  else if (argv != NULL && argv[0] != NULL)
    g_string_append_printf (name, " %s", argv[0]);
  return g_string_free (name, FALSE);
}

/* GOption's own errors are usage errors. */
gboolean
zb_cli_parse (GOptionContext   *context,
              int              *argc,
              char           ***argv,
              GError          **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autofree char *name = command_name (*argv);
  gboolean parsed;

  g_option_context_set_help_enabled (context, TRUE);
  /* GOption writes g_get_prgname () in its usage line. */
  g_set_prgname (name);
  parsed = g_option_context_parse (context, argc, argv, &local_error);
  g_set_prgname ("zhibu-cli");
  if (!parsed)
    return zb_cli_usage (error, "%s", local_error->message);

  return TRUE;
}

char *
zb_cli_db_path (ZbCli *cli)
{
  return cli->db_path ? g_strdup (cli->db_path) : zb_store_default_path ();
}

ZbKey *
zb_cli_passphrase (ZbCli   *cli,
                   GError **error)
{
  g_autoptr(GError) local_error = NULL;
  ZbKey *key = zb_key_new_from_file (cli->passphrase_file, &local_error);

  if (key == NULL)
    g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED,
                 _("Cannot read the passphrase file: %s"), local_error->message);
  return key;
}

/* --passphrase-file when given, else the key the keyring keeps for the file. */
ZbStore *
zb_cli_open_store (ZbCli   *cli,
                   GError **error)
{
  g_autofree char *path = zb_cli_db_path (cli);
  g_autoptr(ZbKey) key = NULL;

  if (cli->passphrase_file == NULL)
    return zb_store_open_from_keyring (path, NULL, error);

  key = zb_cli_passphrase (cli, error);
  if (key == NULL)
    return NULL;

  return zb_store_open (path, key, error);
}

/* A date option as people type it (2015/7/1, 2015年7月1日, 20150701, …), made
 * ISO in place; NULL and "" (which clears a field) stay as they are. The
 * message names the field by @label and asks for the form in words. */
gboolean
zb_cli_normalise_date (char       **value,
                       const char  *label,
                       GError     **error)
{
  g_autofree char *iso = NULL;

  if (*value == NULL || **value == '\0')
    return TRUE;

  if ((iso = zb_date_normalise_input (*value)) == NULL)
    {
      /* TRANSLATORS: a field, then what was typed */
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                   _("%s: “%s” is not a date; write it as year-month-day, such as 2015-07-01"),
                   label, *value);
      return FALSE;
    }

  g_free (*value);
  *value = g_steal_pointer (&iso);
  return TRUE;
}

/* Terminal columns: CJK characters take two. */
static guint
display_width (const char *text)
{
  guint width = 0;

  for (const char *p = text; *p; p = g_utf8_next_char (p))
    width += g_unichar_iswide (g_utf8_get_char (p)) ? 2 : 1;

  return width;
}

/* Prints rows of GStrv, the first being the header, in aligned columns; a
 * control character a stored value holds is shown as U+FFFD, never sent to
 * the terminal. */
void
zb_cli_print_table (GPtrArray *rows)
{
  g_autofree guint *widths = NULL;
  guint n_cols;

  if (rows->len == 0)
    return;

  n_cols = g_strv_length (g_ptr_array_index (rows, 0));
  widths = g_new0 (guint, n_cols);
  for (guint r = 0; r < rows->len; r++)
    for (guint c = 0; c < n_cols; c++)
      {
        g_autofree char *cell = zb_limits_printable (((char **) g_ptr_array_index (rows, r))[c]);

        widths[c] = MAX (widths[c], display_width (cell));
      }

  for (guint r = 0; r < rows->len; r++)
    {
      char **row = g_ptr_array_index (rows, r);

      for (guint c = 0; c < n_cols; c++)
        {
          g_autofree char *cell = zb_limits_printable (row[c]);

          if (c + 1 < n_cols)
            printf ("%s%*s  ", cell, (int) (widths[c] - display_width (cell)), "");
          else
            printf ("%s\n", cell);
        }
    }
}

/* The CLI contract's list formats (DESIGN.md): table, csv or json. */
gboolean
zb_cli_check_format (const char  *format,
                     const char  *usage,
                     GError     **error)
{
  if (format == NULL || g_str_equal (format, "table") || g_str_equal (format, "csv") ||
      g_str_equal (format, "json"))
    return TRUE;
  return zb_cli_usage (error, _("unknown format “%s”: use table, csv or json; %s"), format,
                       usage);
}

void
zb_cli_print_json_rows (const char * const *header,
                        guint               n_columns,
                        GPtrArray          *rows)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *text = NULL;

  json_builder_begin_array (b);
  for (guint r = 0; r < rows->len; r++)
    {
      char **row = rows->pdata[r];

      json_builder_begin_object (b);
      for (guint c = 0; c < n_columns; c++)
        {
          json_builder_set_member_name (b, header[c]);
          if (row[c] != NULL && *row[c] != '\0')
            json_builder_add_string_value (b, row[c]);
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

/* Rows of GStrv under @header, as the CLI contract's three formats: the
 * record's ID first, English column names. */
void
zb_cli_print_rows (const char * const *header,
                   guint               n_columns,
                   GPtrArray          *rows,
                   const char         *format)
{
  g_autoptr(GString) out = g_string_new (NULL);

  if (g_strcmp0 (format, "json") == 0)
    {
      zb_cli_print_json_rows (header, n_columns, rows);
      return;
    }
  if (g_strcmp0 (format, "csv") == 0)
    {
      zb_csv_append_row (out, header, n_columns);
      for (guint r = 0; r < rows->len; r++)
        zb_csv_append_row (out, (const char * const *) rows->pdata[r], n_columns);
      fwrite (out->str, 1, out->len, stdout);
      return;
    }
  g_ptr_array_insert (rows, 0, g_strdupv ((char **) header));
  zb_cli_print_table (rows);
}

/* A list's --format and -o FILE: -o writes CSV or .xlsx, chosen by the
 * file's name unless --format says which; .xlsx goes only to a file. On
 * success *format is the one to use (NULL still meaning table). */
gboolean
zb_cli_check_output (char       **format,
                     const char  *output,
                     const char  *usage,
                     GError     **error)
{
  ZbTableFormat file_format;
  g_autoptr(GError) local_error = NULL;

  if (*format != NULL && !g_str_equal (*format, "xlsx") &&
      !zb_cli_check_format (*format, usage, error))
    return FALSE;
  if (output == NULL)
    {
      if (g_strcmp0 (*format, "xlsx") == 0)
        return zb_cli_usage (error, _("--format xlsx writes a workbook: name it with "
                                      "-o FILE.xlsx; %s"), usage);
      return TRUE;
    }

  if (*format == NULL)
    {
      if (!zb_table_format_for_path (output, &file_format, &local_error) ||
          file_format == ZB_TABLE_FORMAT_XLS)
        return zb_cli_usage (error, _("-o %s: name the file .xlsx or .csv, or say which with "
                                      "--format xlsx|csv; %s"), output, usage);
      *format = g_strdup (file_format == ZB_TABLE_FORMAT_XLSX ? "xlsx" : "csv");
    }
  else if (!g_str_equal (*format, "xlsx") && !g_str_equal (*format, "csv"))
    return zb_cli_usage (error, _("-o writes csv or xlsx, not %s; %s"), *format, usage);

  return TRUE;
}

/* The table's rows as GStrv, for the printers of the table and JSON formats. */
static GPtrArray *
table_strv_rows (ZbTable *table)
{
  GPtrArray *rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);

  for (guint r = 0; r < table->rows->len; r++)
    {
      ZbCsvRow *row = g_ptr_array_index (table->rows, r);
      GStrv cells = g_new0 (char *, row->cells->len + 1);

      for (guint c = 0; c < row->cells->len; c++)
        cells[c] = g_strdup (g_ptr_array_index (row->cells, c));
      g_ptr_array_add (rows, cells);
    }

  return rows;
}

/**
 * zb_cli_output_table:
 * @format: as zb_cli_check_output() left it
 * @output: (nullable): the file of -o, else stdout
 *
 * A list from core (zb-list-table.h) in the CLI contract's formats on
 * stdout, or into @output as CSV (the same text as on stdout) or as an .xlsx
 * workbook (ID numbers and phones as text, money as numbers).
 */
gboolean
zb_cli_output_table (ZbTable     *table,
                     const char  *format,
                     const char  *output,
                     GError     **error)
{
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GString) csv = NULL;

  if (g_strcmp0 (format, "xlsx") == 0)
    return zb_xlsx_write (table, output, error);

  if (output != NULL || g_strcmp0 (format, "csv") == 0)
    {
      csv = zb_table_to_csv (table, FALSE);
      if (output != NULL)
        return g_file_set_contents_full (output, csv->str, csv->len,
                                         G_FILE_SET_CONTENTS_CONSISTENT, 0600, error);
      fwrite (csv->str, 1, csv->len, stdout);
      return TRUE;
    }

  rows = table_strv_rows (table);
  zb_cli_print_rows ((const char * const *) table->titles->pdata, table->titles->len, rows,
                     format);
  return TRUE;
}
