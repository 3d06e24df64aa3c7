#define G_LOG_DOMAIN "fuzz-csv"

/* fuzz-csv.c: a roster as CSV bytes, read and checked as an import reads it
 *
 * Copyright 2026 The Zhibu authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The rows are checked against a real branch database that holds the seed
 * roster, so that ID numbers met again go through the store's lookups too;
 * nothing is written to it, so every input is judged against the same roster.
 */

#include "config.h"

#include "zb-csv.h"
#include "zb-fuzz.h"
#include "zb-member-csv.h"

static ZbStore *store;

static ZbStore *
open_store (void)
{
  g_autofree char *path = g_build_filename (zb_fuzz_dir (), "branch.zhibu", NULL);
  g_autoptr(ZbKey) key = zb_key_new_raw_hex ("00112233445566778899aabbccddeeff"
                                             "00112233445566778899aabbccddeeff", NULL);
  g_autoptr(ZbStore) branch = NULL;
  g_autoptr(GError) error = NULL;

  if ((branch = zb_store_create (path, key, "模糊测试支部", &error)) == NULL ||
      !zb_member_csv_import_file (branch, ZB_FUZZ_ROSTER, ZB_CSV_ENCODING_AUTO, NULL, &error))
    g_error ("%s", error->message);
  return g_steal_pointer (&branch);
}

/* The CSV layer alone, in each encoding a user can choose. */
static void
parse_csv (const uint8_t *data,
           size_t         size,
           ZbCsvEncoding  encoding)
{
  g_autofree char *utf8 = zb_csv_decode ((const char *) data, size, encoding, NULL);
  g_autoptr(GPtrArray) rows = utf8 ? zb_csv_parse (utf8, NULL) : NULL;
  g_autoptr(GString) out = g_string_new (NULL);

  for (guint i = 0; rows != NULL && i < rows->len; i++)
    {
      ZbCsvRow *row = g_ptr_array_index (rows, i);

      zb_csv_append_row (out, (const char * const *) row->cells->pdata, row->cells->len);
    }
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(GPtrArray) members = NULL;
  g_autoptr(GPtrArray) problems = NULL;
  g_autoptr(GError) error = NULL;

  zb_fuzz_init ();
  if (store == NULL)
    store = open_store ();

  parse_csv (data, size, ZB_CSV_ENCODING_UTF8);
  parse_csv (data, size, ZB_CSV_ENCODING_GB18030);

  members = zb_member_csv_read_full (store, (const char *) data, size, ZB_CSV_ENCODING_AUTO,
                                     &problems, &error);
  g_assert ((members == NULL) == (error != NULL));
  for (guint i = 0; problems != NULL && i < problems->len; i++)
    g_free (zb_member_csv_problem_to_string (g_ptr_array_index (problems, i)));
  return 0;
}
