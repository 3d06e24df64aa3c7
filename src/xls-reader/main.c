#define G_LOG_DOMAIN "zhibu-xls-reader"

/* main.c: zhibu-xls-reader FILE.xls: the first sheet of an .xls workbook,
 * read by FreeXL and written to stdout as zb-xls-reply.c describes
 *
 * Copyright 2026 The Zhibu authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * FreeXL 1.0.6 still frees twice and reads past its buffers on damaged
 * files, so Zhibu runs it here, in a process that holds neither the
 * database nor its key, and that bounds itself before it opens the file.
 */

#include "config.h"

#include <stdio.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/resource.h>

#include <glib.h>
#include <freexl.h>

#include "zb-table.h"
#include "zb-xls-reply.h"

#if defined(__SANITIZE_ADDRESS__)
# define ZB_ADDRESS_SANITIZER 1
#elif defined(__has_feature)
# if __has_feature(address_sanitizer)
#  define ZB_ADDRESS_SANITIZER 1
# endif
#endif

#ifdef ZB_ADDRESS_SANITIZER
# include <sanitizer/common_interface_defs.h>

/* AddressSanitizer reserves terabytes of address space, so it bounds the
 * allocations instead of RLIMIT_AS; FreeXL's leaks are its own. */
const char *__asan_default_options (void);

const char *
__asan_default_options (void)
{
  return "max_allocation_size_mb=1024:allocator_may_return_null=1:detect_leaks=0";
}
#endif

/* Built with the sanitizers (build-aux/sanitize.sh, fuzz.sh), the reader
 * reports FreeXL's faults, which end here as a refused file, on the stderr
 * that zb_xls_read() silences, not in the files where the run looks for
 * faults of Zhibu's. */
static void
report_to_stderr (void)
{
#ifdef ZB_ADDRESS_SANITIZER
  __sanitizer_set_report_path ("stderr");
#endif
}

/* A roster's .xls is read in well under a second and a few megabytes: a
 * file that takes a minute or a gigabyte is damaged. No core file either,
 * since one would hold the roster. */
static void
bound_self (void)
{
  const struct rlimit none = { 0, 0 };
  const struct rlimit cpu = { 60, 60 };
#ifndef ZB_ADDRESS_SANITIZER
  const struct rlimit memory = { 1024 * 1024 * 1024, 1024 * 1024 * 1024 };

  setrlimit (RLIMIT_AS, &memory);
#endif
  setrlimit (RLIMIT_CORE, &none);
  setrlimit (RLIMIT_CPU, &cpu);
  prctl (PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0);
  prctl (PR_SET_DUMPABLE, 0, 0, 0, 0);
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
      return g_utf8_make_valid (value.value.text_value, MIN (strlen (value.value.text_value), 10));
    case FREEXL_CELL_TEXT:
    case FREEXL_CELL_SST_TEXT:
    case FREEXL_CELL_DATE:       /* YYYY-MM-DD */
    case FREEXL_CELL_TIME:
      return g_utf8_make_valid (value.value.text_value, -1);
    default:
      return g_strdup ("");
    }
}

/* Adds row @row to @out unless all its cells are empty. */
static gboolean
write_row (const void     *xls,
           unsigned int    row,
           unsigned short  columns,
           GString        *out)
{
  g_autoptr(GPtrArray) cells = g_ptr_array_new_full (columns + 1, g_free);
  gboolean empty = TRUE;

  for (unsigned short c = 0; c < columns; c++)
    {
      char *text = read_cell (xls, row, c);

      empty = empty && *text == '\0';
      g_ptr_array_add (cells, text);
    }
  if (!empty)
    zb_xls_reply_append_row (out, row + 1, (const char * const *) cells->pdata, columns);
  return !empty;
}

static gboolean
flush (GString *out)
{
  gboolean written = fwrite (out->str, 1, out->len, stdout) == out->len;

  g_string_truncate (out, 0);
  return written;
}

/* Rows go out as they are read, so a large sheet never sits whole in
 * memory twice. */
static int
write_sheet (const void *xls,
             GString    *out)
{
  unsigned int rows = 0, sent = 0;
  unsigned short columns = 0;
  int code;

  if ((code = freexl_select_active_worksheet (xls, 0)) != FREEXL_OK ||
      (code = freexl_worksheet_dimensions (xls, &rows, &columns)) != FREEXL_OK)
    return code;

  g_string_append (out, ZB_XLS_REPLY_HEADER);
  for (unsigned int r = 0; r < rows; r++)
    {
      sent += write_row (xls, r, columns, out);
      if (out->len > 64 * 1024 && !flush (out))
        return FREEXL_OK;
    }
  zb_xls_reply_append_end (out, sent);
  return FREEXL_OK;
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(GString) out = g_string_new (NULL);
  const void *xls = NULL;
  int code;

  bound_self ();
  report_to_stderr ();
  if (argc != 2)
    {
      fprintf (stderr, "usage: zhibu-xls-reader FILE.xls\n");
      return 2;
    }

  if ((code = freexl_open (argv[1], &xls)) == FREEXL_OK)
    code = write_sheet (xls, out);
  if (code != FREEXL_OK)
    {
      g_string_truncate (out, 0);
      zb_xls_reply_append_error (out, code);
    }
  freexl_close (xls);
  return flush (out) && fflush (stdout) == 0 ? 0 : 1;
}
