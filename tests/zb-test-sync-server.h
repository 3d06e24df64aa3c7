/* zb-test-sync-server.h: a threaded SoupServer speaking enough of PROTOCOL.md to test the client
 *
 * Copyright 2026 The Zhibu authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct _ZbTestSyncServer ZbTestSyncServer;

ZbTestSyncServer *zb_test_sync_server_new              (void);
void              zb_test_sync_server_free             (ZbTestSyncServer *self);
const char       *zb_test_sync_server_get_url          (ZbTestSyncServer *self);
char             *zb_test_sync_server_add_code         (ZbTestSyncServer *self);

/* Faults, each for the next request to @path. */
void              zb_test_sync_server_fail_next        (ZbTestSyncServer *self,
                                                        const char       *path,
                                                        guint             status,
                                                        const char       *code,
                                                        guint             retry_after);
void              zb_test_sync_server_fail_later       (ZbTestSyncServer *self,
                                                        const char       *path,
                                                        guint             skip,
                                                        guint             status,
                                                        const char       *code,
                                                        guint             retry_after);
void              zb_test_sync_server_drop_next        (ZbTestSyncServer *self,
                                                        const char       *path);
void              zb_test_sync_server_set_max_ops      (ZbTestSyncServer *self,
                                                        guint             max_ops);
void              zb_test_sync_server_set_page_size    (ZbTestSyncServer *self,
                                                        guint             page_size);
void              zb_test_sync_server_reject_value     (ZbTestSyncServer *self,
                                                        const char       *column,
                                                        const char       *value,
                                                        const char       *code);
void              zb_test_sync_server_revoke_tokens    (ZbTestSyncServer *self);

/* What it saw. */
guint             zb_test_sync_server_count_ops        (ZbTestSyncServer *self);
guint             zb_test_sync_server_count_requests   (ZbTestSyncServer *self,
                                                        const char       *path);
guint             zb_test_sync_server_count_plain      (ZbTestSyncServer *self);
GArray           *zb_test_sync_server_dup_push_sizes   (ZbTestSyncServer *self);
char             *zb_test_sync_server_dup_value        (ZbTestSyncServer *self,
                                                        const char       *table,
                                                        const char       *row_id,
                                                        const char       *column);
gint64            zb_test_sync_server_get_sequence     (ZbTestSyncServer *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ZbTestSyncServer, zb_test_sync_server_free)

G_END_DECLS
