/* zb-sync-gzip.h: bodies gzip-compressed both ways, decompressed within a cap
 *
 * Copyright 2026 The Zhibu authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

GBytes *zb_sync_gzip_compress    (GBytes   *data,
                                  GError  **error);
GBytes *zb_sync_gzip_decompress  (GBytes   *data,
                                  gsize     max_size,
                                  GError  **error);

G_END_DECLS
