/* zb-sync-batch.h: the ops of one push, as the body of POST /v1/push
 *
 * Copyright 2026 The Zhibu authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "zb-sync-op.h"

G_BEGIN_DECLS

#define ZB_TYPE_SYNC_BATCH (zb_sync_batch_get_type ())

G_DECLARE_FINAL_TYPE (ZbSyncBatch, zb_sync_batch, ZB, SYNC_BATCH, GObject)

ZbSyncBatch *zb_sync_batch_new             (const char   *device_id);
ZbSyncBatch *zb_sync_batch_new_from_bytes  (GBytes       *json,
                                            GError      **error);
GBytes      *zb_sync_batch_to_bytes        (ZbSyncBatch  *self,
                                            GError      **error);
void         zb_sync_batch_add             (ZbSyncBatch  *self,
                                            ZbSyncOp     *op);
const char  *zb_sync_batch_get_device_id   (ZbSyncBatch  *self);
guint        zb_sync_batch_get_n_ops       (ZbSyncBatch  *self);
ZbSyncOp    *zb_sync_batch_get_op          (ZbSyncBatch  *self,
                                            guint         index);

G_END_DECLS
