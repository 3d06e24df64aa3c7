#define G_LOG_DOMAIN "fuzz-server-changes"

/* fuzz-server-changes.c: the query of GET /v1/changes, as the server reads it
 *
 * Copyright 2026 The Zhibu authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The bytes are the query after the "?", as SoupServer hands it on; the
 * store holds one pushed row, so that a good query has a page to answer.
 */

#include "config.h"

#include "fuzz-server-fixture.h"
#include "zb-fuzz.h"
#include "zb-server-request.h"
#include "zb-sync-protocol.h"

static const char push[] =
  "{\"protocol\": 1, \"device_id\": \"" ZB_FUZZ_DEVICE_ID "\", \"ops\": ["
  "{\"op_id\": 1, \"table\": \"members\", \"row_id\": \"m1\", \"op\": \"insert\", "
  "\"base_revision\": 0, \"fields\": {\"name\": \"张建国\", \"party_group\": \"第一党小组\"}}]}";

static void
add_row (ZbFuzzServer *server)
{
  g_autoptr(GBytes) raw = g_bytes_new_static (push, sizeof push - 1);
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) body = zb_server_read_body (raw, NULL, ZB_SYNC_MAX_BODY, &error);
  g_autoptr(JsonNode) answer = NULL;
  guint n_ops = 0;

  g_assert_no_error (error);
  answer = zb_server_serve_push (server->store, server->device, body, &n_ops, &error);
  g_assert_no_error (error);
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  static ZbFuzzServer server;
  g_autofree char *query = zb_fuzz_string (data, size);
  g_autoptr(JsonNode) answer = NULL;
  g_autoptr(GError) error = NULL;

  zb_fuzz_init ();
  if (server.store == NULL)
    {
      zb_fuzz_server_open (&server);
      add_row (&server);
    }

  answer = zb_server_serve_changes (server.store, server.device, query, &error);
  g_assert ((answer == NULL) == (error != NULL));
  return 0;
}
