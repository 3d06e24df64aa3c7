/* zb-pdf-renderer.h: a document laid out and drawn to PDF with cairo and Pango
 *
 * Copyright 2026 The Zhibu authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "zb-pdf-document.h"

G_BEGIN_DECLS

#define ZB_PDF_ERROR (zb_pdf_error_quark ())

typedef enum
{
  ZB_PDF_ERROR_FAILED,
  ZB_PDF_ERROR_NOT_FOUND,   /* no such record */
  ZB_PDF_ERROR_EMPTY,       /* nothing to print in the period asked for */
} ZbPdfError;

GQuark  zb_pdf_error_quark (void);
GBytes *zb_pdf_render      (ZbPdfDocument  *document,
                            GError        **error);

G_END_DECLS
