/* zb-context.h: what the widgets share — the open store and the settings
 *
 * Copyright 2026 The Zhibu authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "zb-checker.h"
#include "zb-store.h"

typedef struct _ZbSyncService ZbSyncService;

G_BEGIN_DECLS

#define ZB_TYPE_CONTEXT (zb_context_get_type ())

G_DECLARE_FINAL_TYPE (ZbContext, zb_context, ZB, CONTEXT, GObject)

ZbContext *zb_context_new           (GSettings       *settings,
                                     GNetworkMonitor *monitor);
ZbSyncService *zb_context_get_sync_service (ZbContext *self);
GSettings *zb_context_get_settings  (ZbContext *self);
ZbStore   *zb_context_get_store     (ZbContext *self);
void       zb_context_set_store     (ZbContext *self,
                                     ZbStore   *store);
void       zb_context_get_check_settings (ZbContext       *self,
                                          ZbCheckSettings *settings);

G_END_DECLS
