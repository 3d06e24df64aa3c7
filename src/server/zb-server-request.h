/* zb-server-request.h: what a request's body and query say, apart from HTTP
 *
 * Copyright 2026 The Zhibu authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

#include "zb-server-store.h"

G_BEGIN_DECLS

gboolean  zb_server_parse_number  (const char      *text,
                                   gint64           min,
                                   gint64           max,
                                   gint64          *value);

JsonNode *zb_server_read_body     (GBytes          *raw,
                                   const char      *encoding,
                                   gsize            max_body,
                                   GError         **error);
JsonNode *zb_server_serve_push    (ZbServerStore   *store,
                                   ZbServerDevice  *device,
                                   JsonNode        *body,
                                   guint           *n_ops,
                                   GError         **error);
JsonNode *zb_server_serve_changes (ZbServerStore   *store,
                                   ZbServerDevice  *device,
                                   const char      *query,
                                   GError         **error);

G_END_DECLS
