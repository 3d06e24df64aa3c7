/* zb-sync-trust.h: which certificates a sync server may show: a CA file or the system's, and a pin
 *
 * Copyright 2026 The Zhibu authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define ZB_TYPE_SYNC_TRUST (zb_sync_trust_get_type ())

G_DECLARE_FINAL_TYPE (ZbSyncTrust, zb_sync_trust, ZB, SYNC_TRUST, GTlsDatabase)

ZbSyncTrust *zb_sync_trust_new                   (const char       *ca_pem,
                                                  const char       *pin,
                                                  GError          **error);
gboolean     zb_sync_trust_has_ca                (ZbSyncTrust      *self);
const char  *zb_sync_trust_get_pin               (ZbSyncTrust      *self);

char        *zb_sync_trust_read_ca_file          (const char       *path,
                                                  GError          **error);
char        *zb_sync_trust_fingerprint           (GTlsCertificate  *certificate);
char        *zb_sync_trust_parse_fingerprint     (const char       *text,
                                                  GError          **error);

G_END_DECLS
