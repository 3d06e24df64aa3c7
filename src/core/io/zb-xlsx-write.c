#define G_LOG_DOMAIN "zb-xlsx-write"

/* zb-xlsx-write.c: a ZbTable as an .xlsx workbook, through libxlsxwriter
 *
 * Copyright 2026 The Zhibu authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * How each kind of column is written, and why:
 *
 * - ID numbers and phones (ZB_TABLE_KIND_CODE) are string cells in a column
 *   formatted as text (“@”). A number cell holds 15 significant digits, so
 *   Excel and WPS would show an 18-digit citizen ID number as 1.10101E+17 and
 *   lose its last three digits for good (and a check digit X is no number at
 *   all); the column format keeps a number typed in later as text too.
 * - Dates are text, YYYY-MM-DD, in a text column. A date cell shows in the
 *   format of the PC's locale (2015/7/1 here, 7/1/2015 there), cannot hold a
 *   year and month alone (出生年月 1982-03), and moves by a day between the
 *   1900 and 1904 date systems; ISO text reads back exactly and still sorts.
 * - Money is a number in yuan with the format 0.00, so that the secretary
 *   can add a column up. Core keeps whole fen; the cell holds fen / 100,
 *   which the two-decimal format shows exactly.
 * - Every other cell is a string: a cell starting with = is written as text,
 *   never as a formula, so a hostile name like =HYPERLINK(...) is inert.
 *
 * The header row is bold and frozen, with a filter; columns are as wide as
 * their longest cell, a Chinese character counting twice.
 */

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <unistd.h>

#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <xlsxwriter.h>

#include "zb-money.h"
#include "zb-table.h"

#define MIN_WIDTH 6
#define MAX_WIDTH 60
#define MAX_CELL  32767   /* characters, the most an Excel cell holds */

typedef struct
{
  lxw_workbook *book;
  lxw_format   *bold;
  lxw_format   *text;      /* “@” */
  lxw_format   *money;     /* 0.00 */
} Writer;

/* Excel's width unit is one digit; a wide (CJK) character takes two. */
static guint
display_width (const char *text)
{
  guint width = 0;

  for (const char *p = text; *p; p = g_utf8_next_char (p))
    width += g_unichar_iswide (g_utf8_get_char (p)) ? 2 : 1;

  return width;
}

static double
column_width (ZbTable *table,
              guint    column)
{
  guint width = display_width (g_ptr_array_index (table->titles, column));

  for (guint r = 0; r < table->rows->len; r++)
    {
      ZbCsvRow *row = g_ptr_array_index (table->rows, r);
      const char *cell = g_ptr_array_index (row->cells, column);

      /* A multi-line cell is as wide as its first line, near enough. */
      width = MAX (width, display_width (cell) > MAX_WIDTH ? MAX_WIDTH : display_width (cell));
    }

  return CLAMP (width + 2, MIN_WIDTH, MAX_WIDTH);
}

static lxw_format *
column_format (Writer      *w,
               ZbTableKind  kind)
{
  switch (kind)
    {
    case ZB_TABLE_KIND_CODE:
    case ZB_TABLE_KIND_DATE:
      return w->text;
    case ZB_TABLE_KIND_MONEY:
      return w->money;
    default:
      return NULL;
    }
}

static lxw_error
write_cell (Writer        *w,
            lxw_worksheet *sheet,
            lxw_row_t      row,
            lxw_col_t      col,
            ZbTableKind    kind,
            const char    *text)
{
  gint64 fen;
  char *end = NULL;
  double number;

  if (*text == '\0')
    return LXW_NO_ERROR;

  if (kind == ZB_TABLE_KIND_MONEY && zb_money_parse_yuan (text, &fen, NULL))
    return worksheet_write_number (sheet, row, col, fen / 100.0, w->money);
  if (kind == ZB_TABLE_KIND_NUMBER)
    {
      number = g_ascii_strtod (text, &end);
      if (end != text && *end == '\0')
        return worksheet_write_number (sheet, row, col, number, NULL);
    }

  return worksheet_write_string (sheet, row, col, text, column_format (w, kind));
}

static lxw_error
write_sheet (Writer        *w,
             lxw_worksheet *sheet,
             ZbTable       *table)
{
  guint n_columns = table->titles->len;
  lxw_error err = LXW_NO_ERROR;

  for (guint c = 0; c < n_columns && err == LXW_NO_ERROR; c++)
    {
      ZbTableKind kind = zb_table_get_kind (table, c);

      err = worksheet_set_column (sheet, c, c, column_width (table, c), column_format (w, kind));
      if (err == LXW_NO_ERROR)
        err = worksheet_write_string (sheet, 0, c, g_ptr_array_index (table->titles, c), w->bold);
    }

  for (guint r = 0; r < table->rows->len && err == LXW_NO_ERROR; r++)
    {
      ZbCsvRow *row = g_ptr_array_index (table->rows, r);

      for (guint c = 0; c < n_columns && c < row->cells->len && err == LXW_NO_ERROR; c++)
        err = write_cell (w, sheet, r + 1, c, zb_table_get_kind (table, c),
                          g_ptr_array_index (row->cells, c));
    }

  if (err == LXW_NO_ERROR && n_columns > 0)
    {
      worksheet_freeze_panes (sheet, 1, 0);
      err = worksheet_autofilter (sheet, 0, 0, table->rows->len, n_columns - 1);
    }

  return err;
}

static void
add_formats (Writer *w)
{
  w->bold = workbook_add_format (w->book);
  format_set_bold (w->bold);
  w->text = workbook_add_format (w->book);
  format_set_num_format (w->text, "@");
  w->money = workbook_add_format (w->book);
  format_set_num_format (w->money, "0.00");
}

static gboolean
set_write_error (const char  *path,
                 const char  *why,
                 GError     **error)
{
  g_autofree char *name = g_path_get_basename (path);

  g_set_error (error, ZB_TABLE_ERROR, ZB_TABLE_ERROR_WRITE,
               _("“%s” could not be written (%s): check that the folder exists and has room, "
                 "and that the file is not open in a spreadsheet"), name, why);
  return FALSE;
}

/* libxlsxwriter writes each part to a temporary file before it zips them;
 * they go next to the workbook, where its content goes anyway, rather than
 * into a shared /tmp. */
static gboolean
write_workbook (ZbTable     *table,
                const char  *part_path,
                const char  *path,
                GError     **error)
{
  g_autofree char *dir = g_path_get_dirname (path);
  lxw_workbook_options options = { .constant_memory = LXW_FALSE, .tmpdir = dir };
  Writer w = { workbook_new_opt (part_path, &options) };
  lxw_worksheet *sheet;
  lxw_error err;

  if (w.book == NULL)
    return set_write_error (path, g_strerror (errno), error);

  add_formats (&w);
  sheet = workbook_add_worksheet (w.book, NULL);
  err = sheet != NULL ? write_sheet (&w, sheet, table) : LXW_ERROR_MEMORY_MALLOC_FAILED;
  if (err == LXW_ERROR_MAX_STRING_LENGTH_EXCEEDED)
    {
      workbook_close (w.book);
      g_set_error (error, ZB_TABLE_ERROR, ZB_TABLE_ERROR_WRITE,
                   _("A cell is longer than %d characters, the most a spreadsheet cell "
                     "holds: export the list as CSV instead"), MAX_CELL);
      return FALSE;
    }
  if (err != LXW_NO_ERROR)
    {
      workbook_close (w.book);
      return set_write_error (path, lxw_strerror (err), error);
    }
  if ((err = workbook_close (w.book)) != LXW_NO_ERROR)
    return set_write_error (path, lxw_strerror (err), error);

  return TRUE;
}

/**
 * zb_xlsx_write:
 *
 * Writes @table to @path as an .xlsx workbook of one sheet, readable by its
 * owner only (a roster holds personal data). The workbook is written under
 * another name and then renamed, so a failure never leaves half a file in
 * the place of a good one. Callable from any thread.
 */
gboolean
zb_xlsx_write (ZbTable     *table,
               const char  *path,
               GError     **error)
{
  g_autofree char *part_path = g_strconcat (path, ".XXXXXX", NULL);
  int fd;

  g_return_val_if_fail (table != NULL, FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  /* Created here with mode 0600; libxlsxwriter's fopen keeps the mode. */
  if ((fd = g_mkstemp_full (part_path, O_RDWR, 0600)) < 0)
    return set_write_error (path, g_strerror (errno), error);
  close (fd);

  if (!write_workbook (table, part_path, path, error))
    {
      g_unlink (part_path);
      return FALSE;
    }
  if (g_rename (part_path, path) != 0)
    {
      int saved = errno;

      g_unlink (part_path);
      return set_write_error (path, g_strerror (saved), error);
    }

  return TRUE;
}
