/* zb-demo.h: a demo branch of synthetic people
 *
 * Copyright 2026 The Zhibu authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "zb-store.h"

G_BEGIN_DECLS

GPtrArray *zb_demo_make_members  (guint      n_members,
                                  guint32    seed);
gboolean   zb_demo_fill          (ZbStore   *store,
                                  guint      n_members,
                                  guint32    seed,
                                  GError   **error);

G_END_DECLS
