#define G_LOG_DOMAIN "fuzz-server-push"

/* fuzz-server-push.c: the body of POST /v1/push, as the server reads and stores it
 *
 * Copyright 2026 The Zhibu authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The bytes are the body as received, gzip when they start as gzip does
 * (Content-Encoding: gzip), else as they are; a body that reads is pushed by
 * the enrolled device into a new server store, then the feed is read back.
 */

#include "config.h"

#include "fuzz-server-fixture.h"
#include "zb-fuzz.h"
#include "zb-server-request.h"
#include "zb-sync-protocol.h"

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_auto(ZbFuzzServer) server = { 0 };
  g_autoptr(GBytes) raw = g_bytes_new (data, size);
  gboolean gzip = size >= 2 && data[0] == 0x1f && data[1] == 0x8b;
  g_autoptr(JsonNode) body = NULL;
  g_autoptr(JsonNode) answer = NULL;
  g_autoptr(JsonNode) feed = NULL;
  g_autoptr(GError) error = NULL;
  guint n_ops = 0;

  zb_fuzz_init ();
  if ((body = zb_server_read_body (raw, gzip ? "gzip" : NULL, ZB_SYNC_MAX_BODY, NULL)) == NULL)
    return 0;

  zb_fuzz_server_open (&server);
  answer = zb_server_serve_push (server.store, server.device, body, &n_ops, &error);
  g_assert ((answer == NULL) == (error != NULL));
  g_clear_error (&error);
  feed = zb_server_serve_changes (server.store, server.device, "since=0&full=1", &error);
  g_assert_no_error (error);
  return 0;
}
