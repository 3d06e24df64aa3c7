/* zb-sync-conflict.h: a conflict as the changes feed publishes it
 *
 * Copyright 2026 The Zhibu authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

#define ZB_TYPE_SYNC_CONFLICT (zb_sync_conflict_get_type ())

G_DECLARE_FINAL_TYPE (ZbSyncConflict, zb_sync_conflict, ZB, SYNC_CONFLICT, GObject)

ZbSyncConflict *zb_sync_conflict_new                  (const char      *id,
                                                       const char      *table,
                                                       const char      *row_id,
                                                       const char      *column,
                                                       gboolean         resolved,
                                                       const char      *created_at);
ZbSyncConflict *zb_sync_conflict_new_from_json        (JsonObject      *object,
                                                       const char      *where,
                                                       GError         **error);
JsonNode       *zb_sync_conflict_to_json              (ZbSyncConflict  *self);
void            zb_sync_conflict_set_kept             (ZbSyncConflict  *self,
                                                       JsonNode        *value,
                                                       const char      *device_id,
                                                       gint64           revision);
void            zb_sync_conflict_set_pushed           (ZbSyncConflict  *self,
                                                       JsonNode        *value,
                                                       const char      *device_id,
                                                       gint64           op_id,
                                                       gint64           base_revision);
void            zb_sync_conflict_set_resolution       (ZbSyncConflict  *self,
                                                       JsonNode        *value,
                                                       const char      *device_id,
                                                       gint64           op_id,
                                                       gint64           revision);
const char     *zb_sync_conflict_get_id               (ZbSyncConflict  *self);
const char     *zb_sync_conflict_get_table            (ZbSyncConflict  *self);
const char     *zb_sync_conflict_get_row_id           (ZbSyncConflict  *self);
const char     *zb_sync_conflict_get_column           (ZbSyncConflict  *self);
gboolean        zb_sync_conflict_is_resolved          (ZbSyncConflict  *self);
const char     *zb_sync_conflict_get_created_at       (ZbSyncConflict  *self);
JsonNode       *zb_sync_conflict_get_kept_value       (ZbSyncConflict  *self);
const char     *zb_sync_conflict_get_kept_device      (ZbSyncConflict  *self);
gint64          zb_sync_conflict_get_kept_revision    (ZbSyncConflict  *self);
JsonNode       *zb_sync_conflict_get_pushed_value     (ZbSyncConflict  *self);
const char     *zb_sync_conflict_get_pushed_device    (ZbSyncConflict  *self);
gint64          zb_sync_conflict_get_pushed_op_id     (ZbSyncConflict  *self);
gint64          zb_sync_conflict_get_pushed_base_revision (ZbSyncConflict *self);
JsonNode       *zb_sync_conflict_get_resolution_value (ZbSyncConflict  *self);
const char     *zb_sync_conflict_get_resolution_device (ZbSyncConflict *self);

G_END_DECLS
