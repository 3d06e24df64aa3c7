/* zb-sync-view.h: 同步, the state of sync in words, and what to do about it
 *
 * Copyright 2026 The Zhibu authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "zb-sync-service.h"

G_BEGIN_DECLS

#define ZB_TYPE_SYNC_VIEW (zb_sync_view_get_type ())

G_DECLARE_FINAL_TYPE (ZbSyncView, zb_sync_view, ZB, SYNC_VIEW, GtkWidget)

void        zb_sync_view_set_service    (ZbSyncView    *self,
                                         ZbSyncService *service);
const char *zb_sync_view_get_page       (ZbSyncView    *self);
const char *zb_sync_view_get_row_text   (ZbSyncView    *self,
                                         const char    *row);
const char *zb_sync_view_get_error_text (ZbSyncView    *self);
GtkWidget  *zb_sync_view_get_widget     (ZbSyncView    *self,
                                         const char    *name);

G_END_DECLS
