/* zb-pdf-points.h: the yearly points table of the branch's members
 *
 * Copyright 2026 The Zhibu authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "zb-pdf-document.h"
#include "zb-store.h"

G_BEGIN_DECLS

ZbPdfDocument *zb_pdf_points_table (ZbStore  *store,
                                    guint     year,
                                    GError  **error);

G_END_DECLS
