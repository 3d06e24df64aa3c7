/* zb-sync-indicator.h: the header bar's word on sync
 *
 * Copyright 2026 The Zhibu authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "zb-sync-service.h"

G_BEGIN_DECLS

#define ZB_TYPE_SYNC_INDICATOR (zb_sync_indicator_get_type ())

G_DECLARE_FINAL_TYPE (ZbSyncIndicator, zb_sync_indicator, ZB, SYNC_INDICATOR, GtkWidget)

void        zb_sync_indicator_set_service (ZbSyncIndicator *self,
                                           ZbSyncService   *service);
const char *zb_sync_indicator_get_text    (ZbSyncIndicator *self);
void        zb_sync_indicator_popup       (ZbSyncIndicator *self);
GtkWidget  *zb_sync_indicator_get_button  (ZbSyncIndicator *self);

G_END_DECLS
