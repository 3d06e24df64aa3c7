#define G_LOG_DOMAIN "zb-table"

/* zb-table.c: a list as rows of text cells, the one shape that CSV, .xlsx
 * and .xls are read into and written from
 *
 * Copyright 2026 The Zhibu authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Every importer checks the rows of a ZbTable and every list can be written
 * from one, so the format of the file is decided here, by its name, and
 * nowhere else. Nothing here touches the store or a widget, so the app can
 * read and write tables in a worker thread.
 */

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "zb-table.h"

#define UTF8_BOM "\xef\xbb\xbf"

G_DEFINE_QUARK (zb-table-error-quark, zb_table_error)
G_DEFINE_BOXED_TYPE (ZbTable, zb_table, zb_table_ref, zb_table_unref)

static void
table_clear (gpointer data)
{
  ZbTable *table = data;

  g_ptr_array_unref (table->titles);
  g_array_unref (table->kinds);
  g_ptr_array_unref (table->rows);
}

/* A table read from a file: rows only, the header among them. */
ZbTable *
zb_table_new_read (ZbTableFormat origin)
{
  ZbTable *table = g_atomic_rc_box_new0 (ZbTable);

  table->origin = origin;
  table->titles = g_ptr_array_new_with_free_func (g_free);
  table->kinds = g_array_new (FALSE, FALSE, sizeof (ZbTableKind));
  table->rows = g_ptr_array_new_with_free_func ((GDestroyNotify) zb_csv_row_free);
  return table;
}

/**
 * zb_table_new:
 * @kinds: (nullable): how each column is written to a workbook; NULL for text
 *
 * A table to write: its header row is @titles.
 */
ZbTable *
zb_table_new (const char * const *titles,
              const ZbTableKind  *kinds,
              guint               n_columns)
{
  ZbTable *table = zb_table_new_read (ZB_TABLE_FORMAT_CSV);

  g_return_val_if_fail (titles != NULL || n_columns == 0, table);

  for (guint c = 0; c < n_columns; c++)
    {
      ZbTableKind kind = kinds != NULL ? kinds[c] : ZB_TABLE_KIND_TEXT;

      g_ptr_array_add (table->titles, g_strdup (titles[c]));
      g_array_append_val (table->kinds, kind);
    }

  return table;
}

ZbTable *
zb_table_ref (ZbTable *table)
{
  g_return_val_if_fail (table != NULL, NULL);

  return g_atomic_rc_box_acquire (table);
}

void
zb_table_unref (ZbTable *table)
{
  if (table != NULL)
    g_atomic_rc_box_release_full (table, table_clear);
}

/* Copies the cells, one per title; a NULL cell is an empty one. */
void
zb_table_add_row (ZbTable            *table,
                  const char * const *cells)
{
  ZbCsvRow *row;

  g_return_if_fail (table != NULL);
  g_return_if_fail (cells != NULL || table->titles->len == 0);

  row = g_new0 (ZbCsvRow, 1);
  row->line = table->rows->len + 2;   /* below the header */
  row->cells = g_ptr_array_new_full (table->titles->len, g_free);
  for (guint c = 0; c < table->titles->len; c++)
    g_ptr_array_add (row->cells, g_strdup (cells[c] != NULL ? cells[c] : ""));
  g_ptr_array_add (table->rows, row);
}

guint
zb_table_get_n_columns (ZbTable *table)
{
  g_return_val_if_fail (table != NULL, 0);

  return table->titles->len;
}

ZbTableKind
zb_table_get_kind (ZbTable *table,
                   guint    column)
{
  g_return_val_if_fail (table != NULL, ZB_TABLE_KIND_TEXT);

  if (column >= table->kinds->len)
    return ZB_TABLE_KIND_TEXT;
  return g_array_index (table->kinds, ZbTableKind, column);
}

/* The format from the end of the file's name, in any case (Windows users
 * meet ROSTER.XLSX). */
gboolean
zb_table_format_for_path (const char     *path,
                          ZbTableFormat  *format,
                          GError        **error)
{
  g_autofree char *lower = NULL;

  g_return_val_if_fail (path != NULL, FALSE);

  lower = g_ascii_strdown (path, -1);
  if (g_str_has_suffix (lower, ".csv"))
    *format = ZB_TABLE_FORMAT_CSV;
  else if (g_str_has_suffix (lower, ".xlsx"))
    *format = ZB_TABLE_FORMAT_XLSX;
  else if (g_str_has_suffix (lower, ".xls"))
    *format = ZB_TABLE_FORMAT_XLS;
  else
    {
      g_autofree char *name = g_path_get_basename (path);

      g_set_error (error, ZB_TABLE_ERROR, ZB_TABLE_ERROR_FORMAT,
                   _("“%s”: Zhibu reads and writes spreadsheets ending in .xlsx, .xls (read "
                     "only) or .csv; name the file with one of these endings"), name);
      return FALSE;
    }

  return TRUE;
}

ZbTable *
zb_table_read_csv (const char     *data,
                   gsize           len,
                   ZbCsvEncoding   encoding,
                   GError        **error)
{
  g_autofree char *text = zb_csv_decode (data, len, encoding, error);
  g_autoptr(GPtrArray) rows = NULL;
  ZbTable *table;

  if (text == NULL || (rows = zb_csv_parse (text, error)) == NULL)
    return NULL;

  table = zb_table_new_read (ZB_TABLE_FORMAT_CSV);
  g_ptr_array_extend_and_steal (table->rows, g_steal_pointer (&rows));
  return table;
}

/**
 * zb_table_read_file:
 * @encoding: for CSV only; a workbook says its own
 *
 * Reads a file of any format Zhibu knows, chosen by its name. The rows
 * include the header.
 */
ZbTable *
zb_table_read_file (const char     *path,
                    ZbCsvEncoding   encoding,
                    GError        **error)
{
  g_autofree char *data = NULL;
  ZbTableFormat format;
  gsize len = 0;

  g_return_val_if_fail (path != NULL, NULL);

  if (!zb_table_format_for_path (path, &format, error))
    return NULL;
  if (format == ZB_TABLE_FORMAT_XLSX)
    return zb_xlsx_read (path, error);
  if (format == ZB_TABLE_FORMAT_XLS)
    return zb_xls_read (path, error);

  if (!g_file_get_contents (path, &data, &len, error))
    return NULL;
  return zb_table_read_csv (data, len, encoding, error);
}

/**
 * zb_table_to_csv:
 * @with_bom: start with a UTF-8 byte order mark, without which Excel reads
 *   UTF-8 as the local code page; scripts want none
 *
 * The header and the rows; cells that a spreadsheet would run as a formula
 * are guarded (see zb_csv_append_row()).
 */
GString *
zb_table_to_csv (ZbTable  *table,
                 gboolean  with_bom)
{
  GString *out = g_string_new (with_bom ? UTF8_BOM : NULL);

  g_return_val_if_fail (table != NULL, out);

  zb_csv_append_row (out, (const char * const *) table->titles->pdata, table->titles->len);
  for (guint r = 0; r < table->rows->len; r++)
    {
      ZbCsvRow *row = g_ptr_array_index (table->rows, r);

      zb_csv_append_row (out, (const char * const *) row->cells->pdata, row->cells->len);
    }

  return out;
}

/* Writes CSV (with a byte order mark, for Excel) or .xlsx by the file's
 * name. The file is readable by its owner only: a roster holds personal data. */
gboolean
zb_table_write_file (ZbTable     *table,
                     const char  *path,
                     GError     **error)
{
  g_autoptr(GString) csv = NULL;
  ZbTableFormat format;

  g_return_val_if_fail (table != NULL, FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  if (!zb_table_format_for_path (path, &format, error))
    return FALSE;
  if (format == ZB_TABLE_FORMAT_XLSX)
    return zb_xlsx_write (table, path, error);
  if (format == ZB_TABLE_FORMAT_XLS)
    {
      g_set_error_literal (error, ZB_TABLE_ERROR, ZB_TABLE_ERROR_FORMAT,
                           _("Zhibu does not write the old .xls format: save as .xlsx, which "
                             "every version of Excel and WPS since 2007 opens"));
      return FALSE;
    }

  csv = zb_table_to_csv (table, TRUE);
  return g_file_set_contents_full (path, csv->str, csv->len, G_FILE_SET_CONTENTS_CONSISTENT,
                                   0600, error);
}
