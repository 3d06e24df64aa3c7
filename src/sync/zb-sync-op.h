/* zb-sync-op.h: one change as it travels: a device's op on one row
 *
 * Copyright 2026 The Zhibu authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

typedef enum
{
  ZB_SYNC_OP_INSERT,
  ZB_SYNC_OP_UPDATE,
  ZB_SYNC_OP_DELETE,
} ZbSyncOpKind;

#define ZB_TYPE_SYNC_OP (zb_sync_op_get_type ())

G_DECLARE_FINAL_TYPE (ZbSyncOp, zb_sync_op, ZB, SYNC_OP, GObject)

ZbSyncOp     *zb_sync_op_new                (const char    *device_id,
                                             gint64         op_id,
                                             const char    *table,
                                             const char    *row_id,
                                             ZbSyncOpKind   kind,
                                             gint64         base_revision,
                                             JsonObject    *fields);
ZbSyncOp     *zb_sync_op_new_from_json      (JsonNode      *node,
                                             const char    *device_id,
                                             guint          index,
                                             GError       **error);
JsonNode     *zb_sync_op_to_json            (ZbSyncOp      *self);
gsize         zb_sync_op_get_encoded_size   (ZbSyncOp      *self);
const char   *zb_sync_op_get_device_id      (ZbSyncOp      *self);
gint64        zb_sync_op_get_op_id          (ZbSyncOp      *self);
const char   *zb_sync_op_get_table          (ZbSyncOp      *self);
const char   *zb_sync_op_get_row_id         (ZbSyncOp      *self);
ZbSyncOpKind  zb_sync_op_get_kind           (ZbSyncOp      *self);
gint64        zb_sync_op_get_base_revision  (ZbSyncOp      *self);
JsonObject   *zb_sync_op_get_fields         (ZbSyncOp      *self);
const char   *zb_sync_op_get_resolves       (ZbSyncOp      *self);
void          zb_sync_op_set_resolves       (ZbSyncOp      *self,
                                             const char    *conflict_id);

const char   *zb_sync_op_kind_to_string     (ZbSyncOpKind   kind);
gboolean      zb_sync_op_kind_from_string   (const char    *text,
                                             ZbSyncOpKind  *kind);

G_END_DECLS
