#define G_LOG_DOMAIN "zb-server-request"

/* zb-server-request.c: what a request's body and query say, apart from HTTP
 *
 * Copyright 2026 The Zhibu authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The part of a request that a client controls byte for byte, taken out of
 * zb-server.c so that it runs without a SoupServer: the fuzz targets of
 * tests/fuzz feed it bytes as the route would.
 */

#include "config.h"

#include <glib/gi18n.h>

#include "zb-server-request.h"
#include "zb-sync-gzip.h"
#include "zb-sync-protocol.h"

/* A decimal number from a query or the command line, all digits, within
 * [@min, @max]: no sign, no spaces, nothing after it. */
gboolean
zb_server_parse_number (const char  *text,
                        gint64       min,
                        gint64       max,
                        gint64      *value)
{
  char *end = NULL;

  if (text == NULL || !g_ascii_isdigit (*text))
    return FALSE;
  *value = g_ascii_strtoll (text, &end, 10);
  return *end == '\0' && *value >= min && *value <= max;
}

static JsonNode *
decode_json (GBytes  *json,
             GError **error)
{
  JsonNode *node;

  if ((node = zb_sync_parse_json (json, error)) == NULL)
    return NULL;
  if (!JSON_NODE_HOLDS_OBJECT (node))
    {
      g_set_error_literal (error, ZB_SYNC_ERROR, ZB_SYNC_ERROR_MALFORMED,
                           _("The body must be a JSON object"));
      json_node_unref (node);
      return NULL;
    }
  if (!zb_sync_check_protocol (json_node_get_object (node), error))
    {
      json_node_unref (node);
      return NULL;
    }
  return node;
}

/**
 * zb_server_read_body:
 * @raw: the body as received
 * @encoding: (nullable): its Content-Encoding
 * @max_body: the route's limit on @raw
 *
 * The body as JSON: gzip or not, within the limits of PROTOCOL.md section 9,
 * nested at most 16 deep, an object of a protocol the server speaks.
 */
JsonNode *
zb_server_read_body (GBytes      *raw,
                     const char  *encoding,
                     gsize        max_body,
                     GError     **error)
{
  g_autoptr(GBytes) json = NULL;

  if (g_bytes_get_size (raw) > max_body)
    {
      g_set_error_literal (error, ZB_SYNC_ERROR, ZB_SYNC_ERROR_TOO_LARGE,
                           _("The request body is larger than the server takes"));
      return NULL;
    }
  if (encoding != NULL && g_ascii_strcasecmp (encoding, "gzip") != 0 &&
      g_ascii_strcasecmp (encoding, "identity") != 0)
    {
      g_set_error (error, ZB_SYNC_ERROR, ZB_SYNC_ERROR_UNSUPPORTED_ENCODING,
                   _("Content-Encoding %s: send gzip or nothing"), encoding);
      return NULL;
    }
  if (encoding != NULL && g_ascii_strcasecmp (encoding, "gzip") == 0)
    json = zb_sync_gzip_decompress (raw, ZB_SYNC_MAX_DECODED, error);
  else
    json = g_bytes_ref (raw);

  return json ? decode_json (json, error) : NULL;
}

/* POST /v1/push, its body read: @n_ops is set as soon as the batch is. */
JsonNode *
zb_server_serve_push (ZbServerStore   *store,
                      ZbServerDevice  *device,
                      JsonNode        *body,
                      guint           *n_ops,
                      GError         **error)
{
  g_autoptr(GBytes) json = zb_sync_json_to_bytes (body);
  g_autoptr(ZbSyncBatch) batch = zb_sync_batch_new_from_bytes (json, error);

  if (batch == NULL)
    return NULL;
  *n_ops = zb_sync_batch_get_n_ops (batch);
  return zb_server_store_push (store, device, batch, error);
}

/* GET /v1/changes?since=N[&limit=N][&full=0|1][&branch_id=ID] */
JsonNode *
zb_server_serve_changes (ZbServerStore   *store,
                         ZbServerDevice  *device,
                         const char      *query,
                         GError         **error)
{
  g_autoptr(GHashTable) params = query ? g_uri_parse_params (query, -1, "&", G_URI_PARAMS_NONE,
                                                             NULL) : NULL;
  const char *since = params ? g_hash_table_lookup (params, "since") : NULL;
  const char *limit = params ? g_hash_table_lookup (params, "limit") : NULL;
  const char *branch = params ? g_hash_table_lookup (params, "branch_id") : NULL;
  const char *full = params ? g_hash_table_lookup (params, "full") : NULL;
  gint64 since_value = 0, limit_value = ZB_SYNC_PAGE_SIZE, full_value = 0;

  if (!zb_server_parse_number (since, 0, G_MAXINT64, &since_value) ||
      (limit != NULL && !zb_server_parse_number (limit, 1, ZB_SYNC_PAGE_SIZE, &limit_value)) ||
      (full != NULL && !zb_server_parse_number (full, 0, 1, &full_value)))
    {
      g_set_error_literal (error, ZB_SYNC_ERROR, ZB_SYNC_ERROR_MALFORMED,
                           _("since: give the checkpoint as a whole number, limit from 1 to "
                             "500, and full as 0 or 1"));
      return NULL;
    }
  if (branch != NULL && !g_str_equal (branch, device->branch_id))
    {
      g_set_error_literal (error, ZB_SYNC_ERROR, ZB_SYNC_ERROR_FORBIDDEN,
                           _("This device may read only its own branch"));
      return NULL;
    }
  return zb_server_store_changes (store, device, since_value, limit_value,
                                  full_value != 0, error);
}
