#define G_LOG_DOMAIN "zb-xls-reply"

/* zb-xls-reply-write.c: zhibu-xls-reader's side of the reply, whose format
 * zb-xls-reply.c describes
 *
 * Copyright 2026 The Zhibu authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "zb-xls-reply.h"

static void
append_cell (GString    *out,
             const char *cell)
{
  for (const char *p = cell; *p != '\0'; p++)
    switch (*p)
      {
      case '\\': g_string_append (out, "\\\\"); break;
      case '\t': g_string_append (out, "\\t"); break;
      case '\n': g_string_append (out, "\\n"); break;
      case '\r': g_string_append (out, "\\r"); break;
      default: g_string_append_c (out, *p); break;
      }
}

/**
 * zb_xls_reply_append_row:
 * @cells: (array length=n_cells): UTF-8 text; at least one
 *
 * Adds a row to the reply in @out, which starts with ZB_XLS_REPLY_HEADER.
 */
void
zb_xls_reply_append_row (GString            *out,
                         guint               line,
                         const char * const *cells,
                         guint               n_cells)
{
  g_return_if_fail (n_cells > 0);

  g_string_append_printf (out, "%u", line);
  for (guint i = 0; i < n_cells; i++)
    {
      g_string_append_c (out, '\t');
      append_cell (out, cells[i]);
    }
  g_string_append_c (out, '\n');
}

void
zb_xls_reply_append_end (GString *out,
                         guint    n_rows)
{
  g_string_append_printf (out, "end %u\n", n_rows);
}

void
zb_xls_reply_append_error (GString *out,
                           int      code)
{
  g_string_append_printf (out, "error %d\n", code);
}
