#define G_LOG_DOMAIN "fuzz-xlsx"

/* fuzz-xlsx.c: a workbook's bytes, read as .xlsx and checked as a roster
 *
 * Copyright 2026 The Zhibu authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "zb-fuzz.h"
#include "zb-member-csv.h"
#include "zb-table.h"

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(ZbTable) table = NULL;
  g_autoptr(GPtrArray) members = NULL;
  g_autoptr(GString) csv = NULL;
  g_autoptr(GError) error = NULL;

  zb_fuzz_init ();
  if ((table = zb_xlsx_read (zb_fuzz_write ("input.xlsx", data, size), &error)) == NULL)
    return 0;

  csv = zb_table_to_csv (table, FALSE);
  members = zb_member_table_read (NULL, table, NULL, &error);
  g_assert ((members == NULL) == (error != NULL));
  return 0;
}
