/* zb-server-gate.h: where connections come in to zhibu-server, and how
 * long each may take (PROTOCOL.md, section 9)
 *
 * Copyright 2026 The Zhibu authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <libsoup/soup.h>

G_BEGIN_DECLS

typedef struct
{
  guint max_connections;  /* open at once; 0: as many as descriptors allow */
  guint header_timeout;   /* seconds from connecting to the end of the headers */
  guint body_timeout;     /* seconds for the body, and again for the answer */
} ZbServerGateLimits;

#define ZB_TYPE_SERVER_GATE (zb_server_gate_get_type ())

G_DECLARE_FINAL_TYPE (ZbServerGate, zb_server_gate, ZB, SERVER_GATE, GObject)

ZbServerGate *zb_server_gate_new           (SoupServer               *soup,
                                            GTlsCertificate          *certificate,
                                            const ZbServerGateLimits *limits);
guint         zb_server_gate_listen        (ZbServerGate             *self,
                                            GSocketAddress           *address,
                                            GError                  **error);
void          zb_server_gate_reading_body  (ZbServerGate             *self,
                                            SoupServerMessage        *msg);
void          zb_server_gate_working       (ZbServerGate             *self,
                                            SoupServerMessage        *msg);
void          zb_server_gate_answering     (ZbServerGate             *self,
                                            SoupServerMessage        *msg);
void          zb_server_gate_answer_now    (ZbServerGate             *self,
                                            SoupServerMessage        *msg);
guint         zb_server_gate_n_connections (ZbServerGate             *self);

G_END_DECLS
