/* zb-migrations.h: the schema's forward steps, one a version (PRAGMA user_version)
 *
 * Copyright 2026 The Zhibu authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>
#include <sqlite3.h>

G_BEGIN_DECLS

guint          zb_migrations_latest        (void);
gboolean       zb_migrations_run           (sqlite3       *db,
                                            guint          target,
                                            GError       **error);

G_END_DECLS
