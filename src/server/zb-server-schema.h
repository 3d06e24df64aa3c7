/* zb-server-schema.h: the server's tables, the same on SQLite and PostgreSQL
 *
 * Copyright 2026 The Zhibu authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "zb-server-db.h"

G_BEGIN_DECLS

guint     zb_server_schema_latest  (void);
gboolean  zb_server_schema_upgrade (ZbServerDb  *db,
                                    GError     **error);
gboolean  zb_server_schema_upgrade_to (ZbServerDb  *db,
                                       guint        version,
                                       GError     **error);

G_END_DECLS
