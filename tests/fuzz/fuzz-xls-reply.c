#define G_LOG_DOMAIN "fuzz-xls-reply"

/* fuzz-xls-reply.c: bytes as zhibu-xls-reader's reply, which a reader that
 * FreeXL led astray or that died half way may send, read and checked as a
 * roster
 *
 * Copyright 2026 The Zhibu authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "zb-fuzz.h"
#include "zb-member-csv.h"
#include "zb-xls-reply.h"

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(ZbTable) table = NULL;
  g_autoptr(GPtrArray) members = NULL;
  g_autoptr(GError) error = NULL;
  int code;

  zb_fuzz_init ();
  if ((table = zb_xls_reply_read ((const char *) data, size, &code)) == NULL)
    {
      g_assert (code <= 0);
      return 0;
    }
  g_assert (code == 0);

  members = zb_member_table_read (NULL, table, NULL, &error);
  g_assert ((members == NULL) == (error != NULL));
  return 0;
}
