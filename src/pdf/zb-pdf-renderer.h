/* zb-pdf-renderer.h: a document laid out and drawn to PDF with cairo and Pango
 *
 * Copyright 2026 The Zhibu authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "zb-pdf-document.h"
#include "zb-pdf-fonts.h"

G_BEGIN_DECLS

#define ZB_PDF_ERROR (zb_pdf_error_quark ())

typedef enum
{
  ZB_PDF_ERROR_FAILED,
  ZB_PDF_ERROR_NOT_FOUND,   /* no such record */
  ZB_PDF_ERROR_EMPTY,       /* nothing to print in the period asked for */
} ZbPdfError;

/* How a document is drawn, beyond what it says itself. */
typedef struct
{
  /* The families chosen for each face, NULL for the standard's order
   * (zb_pdf_fonts_new_chosen()). */
  const char *families[ZB_PDF_N_FACES];
} ZbPdfRenderOptions;

GQuark  zb_pdf_error_quark (void);
GBytes *zb_pdf_render      (ZbPdfDocument             *document,
                            GError                   **error);
GBytes *zb_pdf_render_full (ZbPdfDocument             *document,
                            const ZbPdfRenderOptions  *options,
                            GError                   **error);

G_END_DECLS
