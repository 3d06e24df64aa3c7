/* zb-test-sync.h: what the sync tests share
 *
 * Copyright 2026 The Zhibu authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "zb-store.h"
#include "zb-sync-client.h"
#include "zb-sync-page.h"

G_BEGIN_DECLS

char       *zb_test_add_member      (ZbStore     *store,
                                     const char  *name,
                                     guint        serial);
void        zb_test_clear_outbox    (ZbStore     *store);
gint64      zb_test_checkpoint      (ZbStore     *store);
ZbSyncPage *zb_test_page            (gint64       since,
                                     const char  *changes_json);
JsonObject *zb_test_row_fields      (ZbStore     *store,
                                     const char  *table,
                                     const char  *row_id);
ZbSyncPage *zb_test_page_of_store   (ZbStore     *store,
                                     gint64       since);

ZbSyncClient *zb_test_sync_client  (ZbStore       *store,
                                    const char    *url,
                                    const char    *dir);
char         *zb_test_sync_enrol   (ZbSyncClient  *client,
                                    const char    *code,
                                    GError       **error);
gboolean      zb_test_sync_round   (ZbSyncClient  *client,
                                    ZbSyncStats   *stats,
                                    GError       **error);

G_END_DECLS
