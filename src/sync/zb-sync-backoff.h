/* zb-sync-backoff.h: waits between tries after transient failures
 *
 * Copyright 2026 The Zhibu authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define ZB_SYNC_BACKOFF_INITIAL_MS  2000
#define ZB_SYNC_BACKOFF_MAX_MS      (15 * 60 * 1000)

typedef struct
{
  guint initial_ms;
  guint max_ms;
  guint failures;      /* transient failures since the last success */
} ZbSyncBackoff;

void    zb_sync_backoff_init   (ZbSyncBackoff *self,
                                guint          initial_ms,
                                guint          max_ms);
guint64 zb_sync_backoff_next   (ZbSyncBackoff *self,
                                guint          retry_after_s,
                                double         random);
void    zb_sync_backoff_reset  (ZbSyncBackoff *self);

G_END_DECLS
