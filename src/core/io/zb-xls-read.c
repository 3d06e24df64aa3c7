#define G_LOG_DOMAIN "zb-xls-read"

/* zb-xls-read.c: the first sheet of an old .xls workbook (Excel 97-2003,
 * BIFF8) as a ZbTable, through FreeXL
 *
 * Copyright 2026 The Zhibu authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Offices still pass rosters around as .xls. FreeXL reads the compound file
 * and its sheets and already tells dates (cells in a date format) from
 * numbers; the cells become text the way the .xlsx reader makes them, so
 * both feed the same checks.
 */

#include "config.h"

#include <glib/gi18n.h>
#include <freexl.h>

#include "zb-cfb-check.h"
#include "zb-table.h"

static gboolean
set_broken (const char  *path,
            int          code,
            GError     **error)
{
  g_autofree char *name = g_path_get_basename (path);

  if (code == FREEXL_FILE_NOT_FOUND)
    g_set_error (error, G_FILE_ERROR, G_FILE_ERROR_NOENT,
                 _("“%s” cannot be opened: check that the file exists and can be read"), name);
  else
    g_set_error (error, ZB_TABLE_ERROR, ZB_TABLE_ERROR_BROKEN,
                 _("“%s” cannot be read as an .xls workbook (FreeXL error %d): open it in the "
                   "spreadsheet and save it again as “Excel workbook (.xlsx)”"), name, code);
  return FALSE;
}

/* The text of one cell, as the spreadsheet shows it. */
static char *
read_cell (const void   *xls,
           unsigned int  row,
           unsigned int  column)
{
  FreeXL_CellValue value;

  if (freexl_get_cell_value (xls, row, column, &value) != FREEXL_OK)
    return g_strdup ("");

  switch (value.type)
    {
    case FREEXL_CELL_INT:
      return g_strdup_printf ("%d", value.value.int_value);
    case FREEXL_CELL_DOUBLE:
      return zb_table_number_text (value.value.double_value);
    case FREEXL_CELL_DATETIME:   /* YYYY-MM-DD HH:MM:SS: a roster's dates are days */
      return g_strndup (value.value.text_value, 10);
    case FREEXL_CELL_TEXT:
    case FREEXL_CELL_SST_TEXT:
    case FREEXL_CELL_DATE:       /* YYYY-MM-DD */
    case FREEXL_CELL_TIME:
      return g_strdup (value.value.text_value);
    default:
      return g_strdup ("");
    }
}

static ZbCsvRow *
read_row (const void     *xls,
          unsigned int    row,
          unsigned short  columns)
{
  g_autoptr(ZbCsvRow) record = g_new0 (ZbCsvRow, 1);
  gboolean empty = TRUE;

  record->line = row + 1;
  record->cells = g_ptr_array_new_full (columns, g_free);
  for (unsigned short c = 0; c < columns; c++)
    {
      char *text = read_cell (xls, row, c);

      empty = empty && *text == '\0';
      g_ptr_array_add (record->cells, text);
    }

  return empty ? NULL : g_steal_pointer (&record);
}

static gboolean
read_sheet (const void  *xls,
            ZbTable     *table,
            const char  *path,
            GError     **error)
{
  unsigned int rows = 0;
  unsigned short columns = 0;
  int code;

  if ((code = freexl_select_active_worksheet (xls, 0)) != FREEXL_OK ||
      (code = freexl_worksheet_dimensions (xls, &rows, &columns)) != FREEXL_OK)
    return set_broken (path, code, error);

  for (unsigned int r = 0; r < rows; r++)
    {
      ZbCsvRow *record = read_row (xls, r, columns);

      if (record != NULL)
        g_ptr_array_add (table->rows, record);
    }

  return TRUE;
}

/* FreeXL allocates each part of the file at the size the file claims for
 * it, 4 GB for a damaged 7 KB file (zb-cfb-check.c): such a file is refused
 * first. A file that cannot be read is left to FreeXL to name. */
static gboolean
parts_fit (const char  *path,
           GError     **error)
{
  g_autofree char *data = NULL;
  g_autofree char *name = NULL;
  gsize length;

  if (!g_file_get_contents (path, &data, &length, NULL) ||
      zb_cfb_parts_fit ((const guint8 *) data, length))
    return TRUE;
  name = g_path_get_basename (path);
  g_set_error (error, ZB_TABLE_ERROR, ZB_TABLE_ERROR_BROKEN,
               _("“%s” is damaged: a part of it claims to be larger than the whole file; open "
                 "it in the spreadsheet and save it again as “Excel workbook (.xlsx)”"), name);
  return FALSE;
}

/**
 * zb_xls_read:
 *
 * The first sheet of the .xls workbook at @path, each cell as text, a date
 * as YYYY-MM-DD. Callable from any thread.
 */
ZbTable *
zb_xls_read (const char  *path,
             GError     **error)
{
  g_autoptr(ZbTable) table = NULL;
  const void *xls = NULL;
  gboolean ok;
  int code;

  g_return_val_if_fail (path != NULL, NULL);

  if (!parts_fit (path, error))
    return NULL;
  if ((code = freexl_open (path, &xls)) != FREEXL_OK)
    {
      freexl_close (xls);
      return set_broken (path, code, error), NULL;
    }

  table = zb_table_new_read (ZB_TABLE_FORMAT_XLS);
  ok = read_sheet (xls, table, path, error);
  freexl_close (xls);

  return ok ? g_steal_pointer (&table) : NULL;
}
