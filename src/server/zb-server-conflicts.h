/* zb-server-conflicts.h: conflicts raised, updated and closed by pushes
 *
 * Copyright 2026 The Zhibu authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "zb-server-store.h"

G_BEGIN_DECLS

gint64   zb_server_conflict_base   (ZbServerStore   *self,
                                    ZbServerDevice  *device,
                                    ZbSyncOp        *op,
                                    const char      *column);
gboolean zb_server_conflict_check  (ZbServerStore   *self,
                                    ZbServerDevice  *device,
                                    ZbSyncOp        *op,
                                    const char     **code,
                                    char           **message,
                                    GError         **error);
gboolean zb_server_conflict_raise  (ZbServerStore   *self,
                                    ZbServerDevice  *device,
                                    ZbSyncOp        *op,
                                    const char      *column,
                                    JsonNode        *kept,
                                    gint64           kept_revision,
                                    const char      *kept_device,
                                    GPtrArray       *ids,
                                    GError         **error);
gboolean zb_server_conflict_close  (ZbServerStore   *self,
                                    ZbServerDevice  *device,
                                    ZbSyncOp        *op,
                                    gint64           revision,
                                    GError         **error);

G_END_DECLS
