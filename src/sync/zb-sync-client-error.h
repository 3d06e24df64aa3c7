/* zb-sync-client-error.h: what a sync round or an enrolment fails with on the PC
 *
 * Copyright 2026 The Zhibu authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Apart from zb-sync-client.h because the transport below the client raises
 * it too, and includes this file rather than the client's header. */
#define ZB_SYNC_CLIENT_ERROR (zb_sync_client_error_quark ())

typedef enum
{
  ZB_SYNC_CLIENT_ERROR_BAD_URL,        /* not an http(s) address */
  ZB_SYNC_CLIENT_ERROR_INSECURE,       /* http:// to a host that is not loopback */
  ZB_SYNC_CLIENT_ERROR_NOT_ENROLLED,   /* no token for this server and device */
  ZB_SYNC_CLIENT_ERROR_BAD_RESPONSE,   /* the server answered something unreadable */
  ZB_SYNC_CLIENT_ERROR_BUSY,           /* a round is already running */
  ZB_SYNC_CLIENT_ERROR_BAD_CA,         /* a CA file or a fingerprint that cannot be used */
  ZB_SYNC_CLIENT_ERROR_UNTRUSTED,      /* the server's certificate fails its checks */
  ZB_SYNC_CLIENT_ERROR_CERTIFICATE_CHANGED, /* not the certificate pinned at enrolment */
} ZbSyncClientError;

GQuark zb_sync_client_error_quark (void);

G_END_DECLS
