/* zb-server-records.h: the client's schema in memory, to check rows and
 * hash finalised meetings exactly as the branch PCs do
 *
 * Copyright 2026 The Zhibu authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

#define ZB_TYPE_SERVER_RECORDS (zb_server_records_get_type ())

G_DECLARE_FINAL_TYPE (ZbServerRecords, zb_server_records, ZB, SERVER_RECORDS, GObject)

ZbServerRecords *zb_server_records_new           (GError          **error);
const char      *zb_server_records_check_row     (ZbServerRecords  *self,
                                                  const char       *table,
                                                  JsonObject       *fields,
                                                  char            **message);
const char      *zb_server_records_check_rules   (const char       *table,
                                                  JsonObject       *full,
                                                  JsonObject       *changed,
                                                  char            **message);
gboolean         zb_server_records_put           (ZbServerRecords  *self,
                                                  const char       *table,
                                                  const char       *row_id,
                                                  JsonObject       *fields,
                                                  GError          **error);
char            *zb_server_records_meeting_json  (ZbServerRecords  *self,
                                                  const char       *meeting_id,
                                                  GError          **error);
void             zb_server_records_clear         (ZbServerRecords  *self);

G_END_DECLS
