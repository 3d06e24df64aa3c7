/* zb-checker-values.h: the checker's rule for stored values that break the limits
 *
 * Copyright 2026 The Zhibu authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <sqlite3.h>

#include <gio/gio.h>

G_BEGIN_DECLS

void zb_check_stored_values (sqlite3    *db,
                             const char *as_of,
                             gboolean    finalised_only,
                             GListStore *findings);

G_END_DECLS
