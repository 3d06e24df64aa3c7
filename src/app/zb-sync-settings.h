/* zb-sync-settings.h: the sync page in a window of its own
 *
 * Copyright 2026 The Zhibu authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "zb-sync-service.h"

G_BEGIN_DECLS

#define ZB_TYPE_SYNC_SETTINGS (zb_sync_settings_get_type ())

G_DECLARE_FINAL_TYPE (ZbSyncSettings, zb_sync_settings, ZB, SYNC_SETTINGS, AdwPreferencesWindow)

ZbSyncSettings *zb_sync_settings_new   (ZbSyncService  *service,
                                        GSettings      *settings);
void            zb_sync_settings_enrol (ZbSyncSettings *self,
                                        const char     *server_url,
                                        const char     *code);
gboolean        zb_sync_settings_set_ca_file    (ZbSyncSettings  *self,
                                                 const char      *path,
                                                 GError         **error);
const char     *zb_sync_settings_get_pin_text   (ZbSyncSettings  *self);
const char     *zb_sync_settings_get_error_text (ZbSyncSettings  *self);

G_END_DECLS
