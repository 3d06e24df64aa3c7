/* zb-sync-transport.h: requests to the sync server, gzip both ways, within timeouts and caps
 *
 * Copyright 2026 The Zhibu authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "zb-sync-trust.h"

G_BEGIN_DECLS

#define ZB_TYPE_SYNC_TRANSPORT (zb_sync_transport_get_type ())

G_DECLARE_FINAL_TYPE (ZbSyncTransport, zb_sync_transport, ZB, SYNC_TRANSPORT, GObject)

gboolean         zb_sync_transport_check_url (const char       *server_url,
                                              GError          **error);
ZbSyncTransport *zb_sync_transport_new       (const char       *server_url,
                                              guint             connect_timeout,
                                              guint             request_timeout,
                                              GError          **error);
GBytes          *zb_sync_transport_request   (ZbSyncTransport  *self,
                                              const char       *method,
                                              const char       *path,
                                              GBytes           *gzip_body,
                                              const char       *token,
                                              guint            *retry_after,
                                              GCancellable     *cancellable,
                                              GError          **error);
void             zb_sync_transport_set_trust (ZbSyncTransport  *self,
                                              ZbSyncTrust      *trust);
const char      *zb_sync_transport_get_peer_fingerprint (ZbSyncTransport *self);

G_END_DECLS
