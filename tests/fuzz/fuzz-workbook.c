#define G_LOG_DOMAIN "fuzz-workbook"

/* fuzz-workbook.c: a workbook's bytes, read as .xlsx (fuzz-xlsx) or, built
 * with ZB_FUZZ_XLS, as .xls (BIFF, fuzz-xls), and checked as a roster
 *
 * Copyright 2026 The Zhibu authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * An .xls is read by zhibu-xls-reader, a process of its own (its build in
 * this directory, instrumented too): FreeXL's faults there end that process
 * and count as a refused file, as they do in the app; what this target
 * holds to account is everything on Zhibu's side of the pipe.
 */

#include "config.h"

#include "zb-fuzz.h"
#include "zb-member-csv.h"
#include "zb-table.h"

#ifdef ZB_FUZZ_XLS
# define WORKBOOK_NAME "input.xls"
# define workbook_read zb_xls_read
#else
# define WORKBOOK_NAME "input.xlsx"
# define workbook_read zb_xlsx_read
#endif

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(ZbTable) table = NULL;
  g_autoptr(GPtrArray) members = NULL;
  g_autoptr(GString) csv = NULL;
  g_autoptr(GError) error = NULL;

  zb_fuzz_init ();
#ifdef ZB_FUZZ_XLS
  g_setenv ("ZHIBU_XLS_READER", ZB_FUZZ_XLS_READER, FALSE);
#endif
  if ((table = workbook_read (zb_fuzz_write (WORKBOOK_NAME, data, size), &error)) == NULL)
    return 0;

  csv = zb_table_to_csv (table, FALSE);
  members = zb_member_table_read (NULL, table, NULL, &error);
  g_assert ((members == NULL) == (error != NULL));
  return 0;
}
