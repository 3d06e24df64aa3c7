/* zb-server-store-private.h: what the server store's own files share
 *
 * Copyright 2026 The Zhibu authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "zb-server-records.h"
#include "zb-server-store.h"

G_BEGIN_DECLS

struct _ZbServerStore
{
  GObject          parent_instance;

  ZbServerDb      *db;
  ZbServerRecords *records;
};

char     *zb_server_now              (void);
gboolean  zb_server_next_seq         (ZbServerStore  *self,
                                      const char     *branch_id,
                                      gint64         *seq,
                                      GError        **error);
JsonNode *zb_server_parse_fields     (const char     *json);
char     *zb_server_fields_to_json   (JsonObject     *fields);

G_END_DECLS
