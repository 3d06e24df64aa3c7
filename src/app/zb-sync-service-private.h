/* zb-sync-service-private.h: the sync service's hooks for tests
 *
 * Copyright 2026 The Zhibu authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "zb-sync-service.h"

G_BEGIN_DECLS

void zb_sync_service_set_waits (ZbSyncService *self,
                                guint          poll_ms,
                                guint          quiet_ms,
                                guint          backoff_ms);

G_END_DECLS
