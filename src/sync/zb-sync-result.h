/* zb-sync-result.h: the server's answer to one op of a push
 *
 * Copyright 2026 The Zhibu authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "zb-sync-batch.h"

G_BEGIN_DECLS

typedef enum
{
  ZB_SYNC_RESULT_APPLIED,
  ZB_SYNC_RESULT_MERGED,
  ZB_SYNC_RESULT_CONFLICT,
  ZB_SYNC_RESULT_SUPERSEDED,
  ZB_SYNC_RESULT_REJECTED,
} ZbSyncResultStatus;

#define ZB_TYPE_SYNC_RESULT (zb_sync_result_get_type ())

G_DECLARE_FINAL_TYPE (ZbSyncResult, zb_sync_result, ZB, SYNC_RESULT, GObject)

ZbSyncResult       *zb_sync_result_new              (gint64               op_id,
                                                     ZbSyncResultStatus   status,
                                                     gint64               revision);
ZbSyncResult       *zb_sync_result_new_from_json    (JsonNode            *node,
                                                     guint                index,
                                                     GError             **error);
JsonNode           *zb_sync_result_to_json          (ZbSyncResult        *self);
void                zb_sync_result_set_error        (ZbSyncResult        *self,
                                                     const char          *code,
                                                     const char          *message);
void                zb_sync_result_set_conflicts    (ZbSyncResult        *self,
                                                     const char * const  *conflict_ids);
void                zb_sync_result_set_duplicate    (ZbSyncResult        *self,
                                                     gboolean             duplicate);
gint64              zb_sync_result_get_op_id        (ZbSyncResult        *self);
ZbSyncResultStatus  zb_sync_result_get_status       (ZbSyncResult        *self);
gint64              zb_sync_result_get_revision     (ZbSyncResult        *self);
const char         *zb_sync_result_get_error_code   (ZbSyncResult        *self);
const char         *zb_sync_result_get_message      (ZbSyncResult        *self);
const char * const *zb_sync_result_get_conflicts    (ZbSyncResult        *self);
gboolean            zb_sync_result_is_duplicate     (ZbSyncResult        *self);

const char         *zb_sync_result_status_to_string (ZbSyncResultStatus   status);

GPtrArray          *zb_sync_results_from_bytes      (GBytes              *json,
                                                     ZbSyncBatch         *batch,
                                                     gint64              *server_sequence,
                                                     GError             **error);
GBytes             *zb_sync_results_to_bytes        (GPtrArray           *results,
                                                     gint64               server_sequence);

G_END_DECLS
