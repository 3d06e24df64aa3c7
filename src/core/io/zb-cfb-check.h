/* zb-cfb-check.h: whether an .xls file's compound-file parts fit in it
 *
 * Copyright 2026 The Zhibu authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

gboolean zb_cfb_parts_fit (const guint8 *data,
                           gsize         length);

G_END_DECLS
