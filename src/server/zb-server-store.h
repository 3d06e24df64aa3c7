/* zb-server-store.h: what zhibu-server keeps: branches, devices, and each
 * branch's synced rows, conflicts and changes feed
 *
 * Copyright 2026 The Zhibu authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

#include "zb-server-db.h"
#include "zb-sync-batch.h"

G_BEGIN_DECLS

/* The device a token belongs to, and its branch. */
typedef struct
{
  char *device_id;
  char *device_name;
  char *branch_id;
  char *branch_name;
} ZbServerDevice;

void zb_server_device_free (ZbServerDevice *device);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (ZbServerDevice, zb_server_device_free)

#define ZB_TYPE_SERVER_STORE (zb_server_store_get_type ())

G_DECLARE_FINAL_TYPE (ZbServerStore, zb_server_store, ZB, SERVER_STORE, GObject)

ZbServerStore  *zb_server_store_new             (ZbServerDb      *db,
                                                 GError         **error);
ZbServerDb     *zb_server_store_get_db          (ZbServerStore   *self);
char           *zb_server_store_add_branch      (ZbServerStore   *self,
                                                 const char      *name,
                                                 GError         **error);
char           *zb_server_store_new_code        (ZbServerStore   *self,
                                                 const char      *branch_name,
                                                 gint64           lifetime_seconds,
                                                 GError         **error);
JsonNode       *zb_server_store_enrol           (ZbServerStore   *self,
                                                 JsonObject      *request,
                                                 GError         **error);
ZbServerDevice *zb_server_store_authenticate    (ZbServerStore   *self,
                                                 const char      *token,
                                                 GError         **error);
JsonNode       *zb_server_store_describe        (ZbServerStore   *self,
                                                 ZbServerDevice  *device,
                                                 GError         **error);
gboolean        zb_server_store_reset_device    (ZbServerStore   *self,
                                                 const char      *device_id,
                                                 GError         **error);
ZbServerResult *zb_server_store_list_devices    (ZbServerStore   *self,
                                                 GError         **error);
JsonNode       *zb_server_store_push            (ZbServerStore   *self,
                                                 ZbServerDevice  *device,
                                                 ZbSyncBatch     *batch,
                                                 GError         **error);
JsonNode       *zb_server_store_changes         (ZbServerStore   *self,
                                                 ZbServerDevice  *device,
                                                 gint64           since,
                                                 guint            limit,
                                                 gboolean         full,
                                                 GError         **error);

G_END_DECLS
