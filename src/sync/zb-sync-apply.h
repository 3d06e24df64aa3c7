/* zb-sync-apply.h: a pulled page of the changes feed, applied to the branch database
 *
 * Copyright 2026 The Zhibu authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "zb-store.h"
#include "zb-sync-page.h"

G_BEGIN_DECLS

typedef struct
{
  guint rows;        /* rows written: live rows, tombstones and echoes */
  guint skipped;     /* rows with pending ops, and tables this version does not know */
  guint conflicts;   /* conflicts stored or updated */
} ZbSyncApplyStats;

gboolean zb_sync_apply_page (ZbStore           *store,
                             ZbSyncPage        *page,
                             ZbSyncApplyStats  *stats,
                             GError           **error);

G_END_DECLS
