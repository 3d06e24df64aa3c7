#define G_LOG_DOMAIN "zb-table"

/* zb-table-number.c: a number cell as text, shared by the .xlsx reader and
 * zhibu-xls-reader (which links nothing else of Zhibu's but this and
 * zb-xls-reply-write.c)
 *
 * Copyright 2026 The Zhibu authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>
#include <string.h>

#include "zb-table.h"

/* A number cell as text, as the spreadsheet shows it: whole numbers in full
 * while a double holds every digit (15 of them), so that a phone number
 * stored as a number still reads right; past that the digits are already
 * lost, and the text is what Excel shows, such as 1.10101E+17, for the
 * importer to refuse. */
char *
zb_table_number_text (double value)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE];
  char *e, *end;

  if (isfinite (value) && fabs (value) < 1e15 && value == floor (value))
    return g_strdup_printf ("%.0f", value);
  if (!isfinite (value) || fabs (value) < 1e15)
    return g_strdup (g_ascii_formatd (buf, sizeof buf, "%.15g", value));

  g_ascii_formatd (buf, sizeof buf, "%.5E", value);
  e = strchr (buf, 'E');
  for (end = e; end[-1] == '0'; end--)
    ;
  if (end[-1] == '.')
    end--;
  memmove (end, e, strlen (e) + 1);
  return g_strdup (buf);
}
