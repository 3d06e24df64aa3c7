/* zb-pdf-table.h: tables that run over pages, their header on each
 *
 * Copyright 2026 The Zhibu authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "zb-pdf-document.h"
#include "zb-pdf-pen.h"

G_BEGIN_DECLS

void   zb_pdf_table_shape        (ZbPdfPen         *pen,
                                  const ZbPdfBlock *block);
double zb_pdf_table_start_height (ZbPdfPen         *pen,
                                  const ZbPdfBlock *block);
void   zb_pdf_table_place        (ZbPdfPen         *pen,
                                  const ZbPdfBlock *block);

G_END_DECLS
