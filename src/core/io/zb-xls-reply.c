#define G_LOG_DOMAIN "zb-xls-reply"

/* zb-xls-reply.c: what zhibu-xls-reader sends back, written and read
 *
 * Copyright 2026 The Zhibu authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * FreeXL, which reads .xls, still frees twice and reads past its buffers on
 * damaged files (fuzz-xls finds one in seconds). It runs in a process of its
 * own, zhibu-xls-reader (src/xls-reader), which holds neither the database
 * nor its key; a fault there costs one import, not the app. The reader's
 * reply is text, one sheet row a line:
 *
 *   zhibu-xls-reader 1
 *   LINE<TAB>CELL<TAB>CELL...     a row: the sheet's row number, its cells
 *   end N                         N rows were sent; a reply without it was cut short
 *
 * or the one line `error CODE`, FreeXL's (negative) error code. A cell
 * escapes backslash, tab, newline and carriage return as \\ \t \n \r.
 * Whatever else comes back, from a reader that died half way or was led
 * astray by the file, is no reply.
 */

#include "config.h"

#include <string.h>

#include "zb-xls-reply.h"

/* A decimal number of at most nine digits, the whole of [start, end). */
static gboolean
parse_count (const char *start,
             const char *end,
             guint      *value)
{
  guint64 number = 0;

  if (start == end || end - start > 9)
    return FALSE;
  for (const char *p = start; p < end; p++)
    {
      if (!g_ascii_isdigit (*p))
        return FALSE;
      number = number * 10 + (guint) (*p - '0');
    }
  *value = (guint) number;
  return TRUE;
}

static char *
read_cell (const char *start,
           const char *end)
{
  g_autoptr(GString) cell = g_string_sized_new (end - start);

  for (const char *p = start; p < end; p++)
    {
      if (*p != '\\')
        {
          g_string_append_c (cell, *p);
          continue;
        }
      if (++p == end)
        return NULL;
      switch (*p)
        {
        case '\\': g_string_append_c (cell, '\\'); break;
        case 't': g_string_append_c (cell, '\t'); break;
        case 'n': g_string_append_c (cell, '\n'); break;
        case 'r': g_string_append_c (cell, '\r'); break;
        default: return NULL;
        }
    }
  if (memchr (cell->str, '\0', cell->len) != NULL || !g_utf8_validate (cell->str, cell->len, NULL))
    return NULL;
  return g_string_free (g_steal_pointer (&cell), FALSE);
}

/* One row line, without its newline; rows come in the sheet's order. */
static ZbCsvRow *
read_row (const char *start,
          const char *end,
          guint       after)
{
  g_autoptr(ZbCsvRow) row = g_new0 (ZbCsvRow, 1);
  const char *tab = memchr (start, '\t', end - start);

  row->cells = g_ptr_array_new_with_free_func (g_free);
  if (tab == NULL || !parse_count (start, tab, &row->line) || row->line <= after)
    return NULL;

  while (tab != NULL)
    {
      const char *cell = tab + 1;
      char *text;

      tab = memchr (cell, '\t', end - cell);
      if ((text = read_cell (cell, tab != NULL ? tab : end)) == NULL)
        return NULL;
      g_ptr_array_add (row->cells, text);
    }
  return g_steal_pointer (&row);
}

static gboolean
read_error (const char *data,
            gsize       len,
            int        *code)
{
  const char prefix[] = "error -";
  guint value;

  if (len < sizeof prefix || memcmp (data, prefix, sizeof prefix - 1) != 0 ||
      data[len - 1] != '\n' ||
      !parse_count (data + sizeof prefix - 1, data + len - 1, &value) || value == 0)
    return FALSE;
  *code = -(int) value;
  return TRUE;
}

static gboolean
read_end (const char *start,
          const char *end,
          guint       n_rows)
{
  guint count;

  return end - start > 4 && memcmp (start, "end ", 4) == 0 &&
         parse_count (start + 4, end, &count) && count == n_rows;
}

/**
 * zb_xls_reply_read:
 * @error_code: (out): FreeXL's error code when the reply is one, else 0
 *
 * Returns: (transfer full) (nullable): the sheet's rows, or %NULL when the
 *   reader sent an error (@error_code says which) or no reply at all
 */
ZbTable *
zb_xls_reply_read (const char *data,
                   gsize       len,
                   int        *error_code)
{
  g_autoptr(ZbTable) table = NULL;
  const gsize header = strlen (ZB_XLS_REPLY_HEADER);
  const char *end;
  guint last = 0;

  g_return_val_if_fail (data != NULL || len == 0, NULL);

  *error_code = 0;
  if (read_error (data, len, error_code))
    return NULL;
  /* A reader that wrote nothing leaves @data NULL: no pointer sums on it. */
  if (len < header || memcmp (data, ZB_XLS_REPLY_HEADER, header) != 0)
    return NULL;

  table = zb_table_new_read (ZB_TABLE_FORMAT_XLS);
  end = data + len;

  for (const char *line = data + header; line < end;)
    {
      const char *newline = memchr (line, '\n', end - line);
      ZbCsvRow *row;

      if (newline == NULL)
        return NULL;
      if (newline + 1 == end)
        return read_end (line, newline, table->rows->len) ? g_steal_pointer (&table) : NULL;
      if ((row = read_row (line, newline, last)) == NULL)
        return NULL;
      last = row->line;
      g_ptr_array_add (table->rows, row);
      line = newline + 1;
    }
  return NULL;
}
