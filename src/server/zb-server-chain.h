/* zb-server-chain.h: finalised records checked against their hash chain
 *
 * Copyright 2026 The Zhibu authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "zb-server-store.h"

G_BEGIN_DECLS

gboolean zb_server_chain_append (ZbServerStore   *self,
                                 ZbServerDevice  *device,
                                 const char      *meeting_id,
                                 const char     **code,
                                 char           **message,
                                 GError         **error);

G_END_DECLS
