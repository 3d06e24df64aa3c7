/* zb-pdf-pen.h: the page grid of GB/T 9704-2012 and a pen that fills it
 *
 * Copyright 2026 The Zhibu authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <cairo.h>
#include <pango/pangocairo.h>

#include "zb-pdf-fonts.h"

G_BEGIN_DECLS

/* GB/T 9704-2012 sections 5.1 and 5.2.1: A4, the type area 156 x 225 mm, 37 mm from
 * the top and 28 mm from the binding edge; section 5.2.3: 22 lines of 28
 * characters of 3号 (16 pt) text filling it, so a character takes 156/28 mm
 * (15.8 pt, 0.2 pt less than the glyph) and a line 225/22 mm (29.0 pt). All
 * lengths in PDF points. Where a page's edges and type area lie depends on
 * its orientation: the pen carries them (ZbPdfPen's geometry). */
#define ZB_PDF_MM(x)          ((x) * 72.0 / 25.4)
#define ZB_PDF_CHARS          28
#define ZB_PDF_LINES          22
#define ZB_PDF_CHAR_PITCH     (ZB_PDF_MM (156) / ZB_PDF_CHARS)
#define ZB_PDF_LINE_PITCH     (ZB_PDF_MM (225) / ZB_PDF_LINES)
#define ZB_PDF_BODY_SIZE      16.0   /* 3号 */
#define ZB_PDF_TITLE_SIZE     22.0   /* 2号 */
#define ZB_PDF_SMALL_SIZE     14.0   /* 4号: page numbers, tables */
#define ZB_PDF_NOTE_SIZE      10.5   /* 5号 */
#define ZB_PDF_COMPACT_SIZE   10.5   /* 5号: a table of many columns */

typedef struct _ZbPdfNumbers ZbPdfNumbers;

/* A page's size and its type area, from the page's top left corner. */
typedef struct
{
  double        width;
  double        height;
  double        left;        /* the type area's edges */
  double        top;
  double        area_width;
  double        area_height;
  double        bottom;      /* top + area_height */
} ZbPdfGeometry;

typedef struct
{
  cairo_t      *cr;
  ZbPdfGeometry geometry;
  PangoContext *context;
  ZbPdfFonts   *fonts;
  gboolean      drawing;     /* FALSE while measuring, before a table of contents */
  guint         page;        /* from 1: the page being filled */
  double        y;           /* where the next thing goes, from the page's top edge */
  gboolean      page_empty;
  const char   *anchor;      /* the block being placed's, until its first line lands */
  const char   *anchor_text; /* and its text, for the PDF's outline */
  GHashTable   *anchors;     /* anchor → page, as placed */
  GHashTable   *toc_pages;   /* anchor → page, from the measuring pass; or NULL */
  GHashTable   *shapes;      /* block → GPtrArray of what it was laid out into */
  guint         mark_page;   /* where measuring started, for drawing to resume */
  double        mark_y;
  gboolean      mark_empty;
  double        number_middle; /* a page number's dash's middle over its top; or -1 */
  GHashTable   *value_starts;  /* a field's head → where its value starts (Pango units) */
  ZbPdfNumbers *numbers;       /* page numbers laid out ahead, on another thread; or NULL */
} ZbPdfPen;

/* Lays @block out into an array of what it draws (layouts, table rows). */
typedef GPtrArray *(*ZbPdfShapeFunc) (ZbPdfPen      *pen,
                                      gconstpointer  block);

void         zb_pdf_geometry_init    (ZbPdfGeometry *geometry,
                                      gboolean      landscape);
void         zb_pdf_pen_init         (ZbPdfPen     *pen,
                                      cairo_t      *cr,
                                      ZbPdfFonts   *fonts,
                                      gboolean      landscape,
                                      gboolean      drawing);
void         zb_pdf_pen_init_shaper  (ZbPdfPen     *pen,
                                      cairo_t      *cr,
                                      PangoFontMap *map,
                                      ZbPdfFonts   *fonts,
                                      gboolean      landscape);
void         zb_pdf_pen_number_ahead (ZbPdfPen     *pen,
                                      PangoFontMap *map,
                                      guint         first,
                                      guint         last);
void         zb_pdf_pen_start_measuring (ZbPdfPen  *pen);
void         zb_pdf_pen_start_drawing (ZbPdfPen    *pen);
void         zb_pdf_pen_clear        (ZbPdfPen     *pen);
GPtrArray   *zb_pdf_pen_shapes       (ZbPdfPen     *pen,
                                      gconstpointer block,
                                      ZbPdfShapeFunc shape);
void         zb_pdf_pen_take_shapes  (ZbPdfPen     *pen,
                                      ZbPdfPen     *from);
PangoLayout *zb_pdf_pen_text         (ZbPdfPen     *pen,
                                      ZbPdfFace     face,
                                      double        size,
                                      const char   *text,
                                      double        width,
                                      gboolean      on_grid);
void         zb_pdf_pen_begin        (ZbPdfPen     *pen,
                                      double        height);
void         zb_pdf_pen_new_page     (ZbPdfPen     *pen);
void         zb_pdf_pen_snap         (ZbPdfPen     *pen);
void         zb_pdf_pen_show_lines   (ZbPdfPen     *pen,
                                      PangoLayout  *layout,
                                      double        x);
void         zb_pdf_pen_show_layout  (ZbPdfPen     *pen,
                                      PangoLayout  *layout,
                                      double        x,
                                      double        y);
void         zb_pdf_pen_finish       (ZbPdfPen     *pen);
void         zb_pdf_layout_prepare   (PangoLayout  *layout);
double       zb_pdf_layout_height    (PangoLayout  *layout,
                                      int           n_lines);

void         zb_pdf_pen_set_own_runs (gboolean      own);

G_END_DECLS
