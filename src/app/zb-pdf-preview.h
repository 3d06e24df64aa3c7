/* zb-pdf-preview.h: a printed record on screen, page by page, to save or print
 *
 * Copyright 2026 The Zhibu authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "zb-pdf-document.h"
#include "zb-pdf-fonts.h"
#include "zb-store.h"

G_BEGIN_DECLS

/* Builds the document to show, in a worker thread: @store may be NULL. */
typedef ZbPdfDocument *(*ZbPdfBuild) (ZbStore   *store,
                                      gpointer   data,
                                      GError   **error);

#define ZB_TYPE_PDF_PREVIEW (zb_pdf_preview_get_type ())

G_DECLARE_FINAL_TYPE (ZbPdfPreview, zb_pdf_preview, ZB, PDF_PREVIEW, AdwWindow)

ZbPdfPreview      *zb_pdf_preview_new                 (ZbStore        *store,
                                                       ZbPdfBuild      build,
                                                       gpointer        data,
                                                       GDestroyNotify  data_free,
                                                       const char     *file_name);
gboolean           zb_pdf_preview_is_loading          (ZbPdfPreview   *self);
const char        *zb_pdf_preview_get_error           (ZbPdfPreview   *self);
GBytes            *zb_pdf_preview_get_pdf             (ZbPdfPreview   *self);
guint              zb_pdf_preview_get_n_pages         (ZbPdfPreview   *self);
guint              zb_pdf_preview_get_page            (ZbPdfPreview   *self);
void               zb_pdf_preview_set_page            (ZbPdfPreview   *self,
                                                       guint           page);
double             zb_pdf_preview_get_zoom            (ZbPdfPreview   *self);
void               zb_pdf_preview_set_zoom            (ZbPdfPreview   *self,
                                                       double          zoom);
gboolean           zb_pdf_preview_is_page_shown       (ZbPdfPreview   *self);
guint              zb_pdf_preview_get_n_rendered      (ZbPdfPreview   *self);
GtkWidget         *zb_pdf_preview_get_page_widget     (ZbPdfPreview   *self);
GtkPrintOperation *zb_pdf_preview_new_print_operation (ZbPdfPreview   *self);
const char        *zb_pdf_preview_font_key            (ZbPdfFace       face);

G_END_DECLS
