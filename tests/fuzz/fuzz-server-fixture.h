/* fuzz-server-fixture.h: a server store with one branch and one enrolled device
 *
 * Copyright 2026 The Zhibu authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "zb-server-store.h"

G_BEGIN_DECLS

#define ZB_FUZZ_DEVICE_ID "9a7c3e10-5b2d-4f6e-8c1a-2d3e4f5a6b7c"

typedef struct
{
  ZbServerStore  *store;
  ZbServerDevice *device;
} ZbFuzzServer;

void zb_fuzz_server_open  (ZbFuzzServer  *server);
void zb_fuzz_server_clear (ZbFuzzServer  *server);

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (ZbFuzzServer, zb_fuzz_server_clear)

G_END_DECLS
