/* zb-server.h: the HTTP side of zhibu-server (PROTOCOL.md)
 *
 * Copyright 2026 The Zhibu authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "zb-server-gate.h"
#include "zb-server-replica.h"
#include "zb-server-store.h"

G_BEGIN_DECLS

typedef struct
{
  ZbServerGateLimits gate;
  guint              requests_per_minute;  /* a device's; 0 for no limit */
} ZbServerLimits;

/* PROTOCOL.md section 9: connections as many as descriptors allow, 10 s
 * for the headers, 60 s for the body and again for the answer, 600
 * requests a minute from a device. */
#define ZB_SERVER_LIMITS_INIT { { 0, 10, 60 }, 600 }

#define ZB_TYPE_SERVER (zb_server_get_type ())

G_DECLARE_FINAL_TYPE (ZbServer, zb_server, ZB, SERVER, GObject)

ZbServer *zb_server_new        (ZbServerStore         *store,
                                GTlsCertificate       *certificate,
                                const ZbServerLimits  *limits);
char     *zb_server_listen     (ZbServer              *self,
                                const char            *host_port,
                                GError               **error);
void      zb_server_add_worker (ZbServer              *self,
                                ZbServerStore         *store);
void      zb_server_set_replicas (ZbServer            *self,
                                  ZbServerReplicas    *replicas);

G_END_DECLS
