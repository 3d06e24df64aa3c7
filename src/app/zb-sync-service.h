/* zb-sync-service.h: syncing in the background, and what the header bar says of it
 *
 * Copyright 2026 The Zhibu authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "zb-store.h"
#include "zb-store-sync.h"
#include "zb-sync-client.h"

G_BEGIN_DECLS

typedef enum
{
  ZB_SYNC_STATUS_OFF,        /* no server set, or no database open */
  ZB_SYNC_STATUS_SYNCED,
  ZB_SYNC_STATUS_PENDING,    /* local changes wait for the next round */
  ZB_SYNC_STATUS_SYNCING,
  ZB_SYNC_STATUS_OFFLINE,    /* no link, or the server cannot be reached */
  ZB_SYNC_STATUS_ERROR,      /* a failure that waiting will not mend */
} ZbSyncStatus;

#define ZB_TYPE_SYNC_SERVICE (zb_sync_service_get_type ())

G_DECLARE_FINAL_TYPE (ZbSyncService, zb_sync_service, ZB, SYNC_SERVICE, GObject)

ZbSyncService *zb_sync_service_new            (GSettings       *settings,
                                               GNetworkMonitor *monitor,
                                               ZbStore         *store);
void           zb_sync_service_set_store      (ZbSyncService   *self,
                                               ZbStore         *store);
ZbSyncStatus   zb_sync_service_get_status     (ZbSyncService   *self);
char          *zb_sync_service_dup_summary    (ZbSyncService   *self);
const char    *zb_sync_service_get_message    (ZbSyncService   *self);
guint          zb_sync_service_get_pending    (ZbSyncService   *self);
guint          zb_sync_service_get_conflicts  (ZbSyncService   *self);
GDateTime     *zb_sync_service_get_last_success (ZbSyncService *self);
gboolean       zb_sync_service_is_enrolled    (ZbSyncService   *self);
const char    *zb_sync_service_get_server_url (ZbSyncService   *self);
const char    *zb_sync_service_get_last_error (ZbSyncService   *self,
                                               GDateTime      **when);
void           zb_sync_service_sync_now       (ZbSyncService   *self);
void           zb_sync_service_enrol_async    (ZbSyncService       *self,
                                               const char          *server_url,
                                               const char          *code,
                                               const char          *ca_pem,
                                               GCancellable        *cancellable,
                                               GAsyncReadyCallback  callback,
                                               gpointer             user_data);
gboolean       zb_sync_service_enrol_finish   (ZbSyncService   *self,
                                               GAsyncResult    *result,
                                               GError         **error);
void           zb_sync_service_refresh        (ZbSyncService   *self);
char          *zb_sync_service_dup_trust      (ZbSyncService   *self,
                                               ZbServerTrust    what);
gboolean       zb_sync_service_set_ca         (ZbSyncService   *self,
                                               const char      *ca_pem,
                                               GError         **error);

G_END_DECLS
