/* zb-uuid.h: record IDs that two PCs make alike
 *
 * Copyright 2026 The Zhibu authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

char *zb_uuid_for (const char *kind,
                   const char *first,
                   const char *second);

G_END_DECLS
