#define G_LOG_DOMAIN "fuzz-server"

/* fuzz-server-fixture.c: a server store with one branch and one enrolled device
 *
 * Copyright 2026 The Zhibu authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A new SQLite database in memory for every input, so that an input that
 * fails does so again alone, whatever ran before it.
 */

#include "config.h"

#include "zb-fuzz.h"
#include "fuzz-server-fixture.h"
#include "zb-server-db-sqlite.h"
#include "zb-sync-protocol.h"

static char *
enrol (ZbServerStore *store)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *branch = zb_server_store_add_branch (store, "模糊测试支部", &error);
  g_autofree char *code = branch ? zb_server_store_new_code (store, "模糊测试支部", 3600,
                                                            &error) : NULL;
  g_autoptr(JsonObject) request = json_object_new ();
  g_autoptr(JsonNode) answer = NULL;

  if (code == NULL)
    g_error ("%s", error->message);
  json_object_set_int_member (request, "protocol", ZB_SYNC_PROTOCOL);
  json_object_set_string_member (request, "code", code);
  json_object_set_string_member (request, "device_id", ZB_FUZZ_DEVICE_ID);
  json_object_set_string_member (request, "device_name", "模糊测试");
  if ((answer = zb_server_store_enrol (store, request, &error)) == NULL)
    g_error ("%s", error->message);
  return g_strdup (zb_sync_get_string (json_node_get_object (answer), "token"));
}

void
zb_fuzz_server_open (ZbFuzzServer *server)
{
  g_autoptr(ZbKey) key = zb_key_new_raw_hex ("00112233445566778899aabbccddeeff"
                                             "00112233445566778899aabbccddeeff", NULL);
  g_autoptr(ZbServerDb) db = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *token = NULL;

  if ((db = zb_server_db_sqlite_open (":memory:", key, &error)) == NULL ||
      (server->store = zb_server_store_new (db, &error)) == NULL)
    g_error ("%s", error->message);
  token = enrol (server->store);
  if ((server->device = zb_server_store_authenticate (server->store, token, &error)) == NULL)
    g_error ("%s", error->message);
}

void
zb_fuzz_server_clear (ZbFuzzServer *server)
{
  g_clear_pointer (&server->device, zb_server_device_free);
  g_clear_object (&server->store);
}
