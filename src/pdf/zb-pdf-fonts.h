/* zb-pdf-fonts.h: the faces of GB/T 9704-2012, or the fallbacks present
 *
 * Copyright 2026 The Zhibu authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The faces DOMAIN.md section 5 names, by what they set. */
typedef enum
{
  ZB_PDF_FACE_FANGSONG,      /* body, headings of levels 3 and 4 */
  ZB_PDF_FACE_XIAOBIAOSONG,  /* the title */
  ZB_PDF_FACE_HEI,           /* headings of level 1, table headers */
  ZB_PDF_FACE_KAI,           /* headings of level 2 */
  ZB_PDF_FACE_SONG,          /* page numbers */
  ZB_PDF_N_FACES,
} ZbPdfFace;

typedef struct _ZbPdfFonts ZbPdfFonts;

ZbPdfFonts *zb_pdf_fonts_new         (void);
ZbPdfFonts *zb_pdf_fonts_new_chosen  (const char * const *families);
const char *zb_pdf_fonts_get_standard (ZbPdfFace  face);
void        zb_pdf_fonts_free        (ZbPdfFonts *self);
const char *zb_pdf_fonts_get_family  (ZbPdfFonts *self,
                                      ZbPdfFace   face);
gboolean    zb_pdf_fonts_is_bold     (ZbPdfFonts *self,
                                      ZbPdfFace   face);
char       *zb_pdf_fonts_describe    (ZbPdfFonts *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ZbPdfFonts, zb_pdf_fonts_free)

G_END_DECLS
