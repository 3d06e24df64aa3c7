/* zb-sync-page.h: one page of the changes feed, as GET /v1/changes answers
 *
 * Copyright 2026 The Zhibu authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "zb-sync-change.h"

G_BEGIN_DECLS

#define ZB_TYPE_SYNC_PAGE (zb_sync_page_get_type ())

G_DECLARE_FINAL_TYPE (ZbSyncPage, zb_sync_page, ZB, SYNC_PAGE, GObject)

ZbSyncPage   *zb_sync_page_new                 (gint64         since,
                                                gboolean       more,
                                                gint64         server_sequence);
ZbSyncPage   *zb_sync_page_new_from_bytes      (GBytes        *json,
                                                gint64         since,
                                                GError       **error);
GBytes       *zb_sync_page_to_bytes            (ZbSyncPage    *self);
void          zb_sync_page_add                 (ZbSyncPage    *self,
                                                ZbSyncChange  *change);
gint64        zb_sync_page_get_checkpoint      (ZbSyncPage    *self);
gboolean      zb_sync_page_get_more            (ZbSyncPage    *self);
gint64        zb_sync_page_get_server_sequence (ZbSyncPage    *self);
guint         zb_sync_page_get_n_changes       (ZbSyncPage    *self);
ZbSyncChange *zb_sync_page_get_change          (ZbSyncPage    *self,
                                                guint          index);

G_END_DECLS
