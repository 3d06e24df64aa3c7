#define G_LOG_DOMAIN "fuzz-sync"

/* fuzz-sync.c: JSON bytes as each parser of the sync protocol reads them
 *
 * Copyright 2026 The Zhibu authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The same bytes go to every reader of libzhibu-sync: a push body as the
 * server reads it, a page of the changes feed and a push's results as the
 * PC reads them, an error body. What parses is written back, and must parse
 * again.
 */

#include "config.h"

#include "zb-fuzz.h"
#include "zb-sync-batch.h"
#include "zb-sync-gzip.h"
#include "zb-sync-page.h"
#include "zb-sync-protocol.h"
#include "zb-sync-result.h"

static ZbSyncBatch *
read_batch (GBytes *json)
{
  g_autoptr(ZbSyncBatch) batch = zb_sync_batch_new_from_bytes (json, NULL);
  g_autoptr(GBytes) again = NULL;
  g_autoptr(ZbSyncBatch) reread = NULL;
  g_autoptr(GError) error = NULL;

  if (batch == NULL)
    return NULL;
  again = zb_sync_batch_to_bytes (batch, &error);
  g_assert_no_error (error);
  reread = zb_sync_batch_new_from_bytes (again, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (zb_sync_batch_get_n_ops (reread), ==, zb_sync_batch_get_n_ops (batch));
  return g_steal_pointer (&batch);
}

static void
read_page (GBytes *json)
{
  g_autoptr(ZbSyncPage) page = zb_sync_page_new_from_bytes (json, 0, NULL);
  g_autoptr(GBytes) again = NULL;
  g_autoptr(ZbSyncPage) reread = NULL;
  g_autoptr(GError) error = NULL;

  if (page == NULL)
    return;
  again = zb_sync_page_to_bytes (page);
  reread = zb_sync_page_new_from_bytes (again, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (zb_sync_page_get_n_changes (reread), ==, zb_sync_page_get_n_changes (page));
}

static void
read_results (GBytes      *json,
              ZbSyncBatch *batch)
{
  gint64 sequence = 0;
  g_autoptr(GPtrArray) results = zb_sync_results_from_bytes (json, batch, &sequence, NULL);
  g_autoptr(GBytes) again = NULL;
  g_autoptr(GPtrArray) reread = NULL;
  g_autoptr(GError) error = NULL;

  if (results == NULL)
    return;
  again = zb_sync_results_to_bytes (results, sequence);
  reread = zb_sync_results_from_bytes (again, batch, &sequence, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (reread->len, ==, results->len);
}

static void
read_all (GBytes *json)
{
  g_autoptr(ZbSyncBatch) batch = read_batch (json);
  g_autoptr(GError) answer = zb_sync_error_from_response (400, json);

  g_assert_nonnull (answer);
  read_page (json);
  read_results (json, batch);
  read_results (json, NULL);
}

/* Gzip bodies are read within a cap, then as JSON. */
int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(GBytes) bytes = g_bytes_new (data, size);
  g_autoptr(GBytes) inflated = NULL;

  zb_fuzz_init ();
  read_all (bytes);
  if ((inflated = zb_sync_gzip_decompress (bytes, 64 * 1024, NULL)) != NULL)
    read_all (inflated);
  return 0;
}
