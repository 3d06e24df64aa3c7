/* zb-sync-change.h: one entry of the changes feed: a row's state, or a conflict
 *
 * Copyright 2026 The Zhibu authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "zb-sync-conflict.h"

G_BEGIN_DECLS

typedef enum
{
  ZB_SYNC_CHANGE_ROW,
  ZB_SYNC_CHANGE_CONFLICT,
} ZbSyncChangeKind;

#define ZB_TYPE_SYNC_CHANGE (zb_sync_change_get_type ())

G_DECLARE_FINAL_TYPE (ZbSyncChange, zb_sync_change, ZB, SYNC_CHANGE, GObject)

ZbSyncChange     *zb_sync_change_new_row           (gint64          seq,
                                                    const char     *table,
                                                    const char     *row_id,
                                                    JsonObject     *fields);
ZbSyncChange     *zb_sync_change_new_tombstone     (gint64          seq,
                                                    const char     *table,
                                                    const char     *row_id);
ZbSyncChange     *zb_sync_change_new_echo          (gint64          seq,
                                                    const char     *table,
                                                    const char     *row_id,
                                                    gboolean        deleted);
ZbSyncChange     *zb_sync_change_new_conflict      (gint64          seq,
                                                    ZbSyncConflict *conflict);
ZbSyncChange     *zb_sync_change_new_from_json     (JsonNode       *node,
                                                    guint           index,
                                                    GError        **error);
JsonNode         *zb_sync_change_to_json           (ZbSyncChange   *self);
void              zb_sync_change_set_origin        (ZbSyncChange   *self,
                                                    const char     *device_id,
                                                    gint64          op_id,
                                                    const char     *changed_at);

ZbSyncChangeKind  zb_sync_change_get_kind          (ZbSyncChange   *self);
gint64            zb_sync_change_get_seq           (ZbSyncChange   *self);
const char       *zb_sync_change_get_table         (ZbSyncChange   *self);
const char       *zb_sync_change_get_row_id        (ZbSyncChange   *self);
gboolean          zb_sync_change_is_deleted        (ZbSyncChange   *self);
gboolean          zb_sync_change_is_echo           (ZbSyncChange   *self);
JsonObject       *zb_sync_change_get_fields        (ZbSyncChange   *self);
const char       *zb_sync_change_get_origin_device (ZbSyncChange   *self);
gint64            zb_sync_change_get_origin_op_id  (ZbSyncChange   *self);
const char       *zb_sync_change_get_changed_at    (ZbSyncChange   *self);
ZbSyncConflict   *zb_sync_change_get_conflict      (ZbSyncChange   *self);

G_END_DECLS
