/* zb-pdf-document.h: a printed record as a sequence of blocks, before layout
 *
 * Copyright 2026 The Zhibu authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

/* What a document is made of. The builders (zb-pdf-meeting.c and the
 * others) say what goes on the page; the renderer (zb-pdf-renderer.c) alone
 * decides where, to GB/T 9704-2012 (DOMAIN.md section 5). */
typedef enum
{
  ZB_PDF_BLOCK_TITLE,        /* 2号小标宋, centred, on a page's first lines */
  ZB_PDF_BLOCK_SUBTITLE,     /* body size, centred: a date line, the branch */
  ZB_PDF_BLOCK_HEADING,      /* level 1 一、 黑体; 2 （一） 楷体; 3 1. and 4 （1） 仿宋 */
  ZB_PDF_BLOCK_PARAGRAPH,    /* body text, the first line indented two characters */
  ZB_PDF_BLOCK_FIELD,        /* "label：value", no indent, continuation lines hanging */
  ZB_PDF_BLOCK_TABLE,        /* a header row and rows; the header repeats on each page */
  ZB_PDF_BLOCK_SIGNATURES,   /* signature lines: one "label：name" each, right of centre */
  ZB_PDF_BLOCK_NOTE,         /* small print, such as a finalised record's chain hash */
  ZB_PDF_BLOCK_CUT,          /* a dashed cutting line with its words (存根 / 回执) */
  ZB_PDF_BLOCK_TOC,          /* a table of contents: each entry with its anchor's page */
  ZB_PDF_BLOCK_PAGE_BREAK,
} ZbPdfBlockKind;

typedef struct
{
  ZbPdfBlockKind  kind;
  guint           level;     /* HEADING: 1 to 4 */
  char           *text;      /* TITLE, SUBTITLE, HEADING, PARAGRAPH, NOTE, CUT */
  char           *label;     /* FIELD */
  char           *anchor;    /* any block: the TOC points at the page it starts on */
  GStrv           columns;   /* TABLE: the header row; SIGNATURES: the labels */
  double         *widths;    /* TABLE: each column's share of the type area, summing to 1 */
  gboolean        compact;   /* TABLE: in 5号 (10.5 pt) rather than 4号, for many columns */
  GPtrArray      *rows;      /* TABLE: GStrv each; SIGNATURES: one GStrv of names;
                              * TOC: GStrv { text, anchor } each */
} ZbPdfBlock;

#define ZB_TYPE_PDF_DOCUMENT (zb_pdf_document_get_type ())

G_DECLARE_FINAL_TYPE (ZbPdfDocument, zb_pdf_document, ZB, PDF_DOCUMENT, GObject)

ZbPdfDocument    *zb_pdf_document_new            (const char          *title,
                                                  const char          *subject,
                                                  const char          *author);
const char       *zb_pdf_document_get_title      (ZbPdfDocument       *self);
const char       *zb_pdf_document_get_subject    (ZbPdfDocument       *self);
const char       *zb_pdf_document_get_author     (ZbPdfDocument       *self);
guint             zb_pdf_document_get_n_blocks   (ZbPdfDocument       *self);
const ZbPdfBlock *zb_pdf_document_get_block      (ZbPdfDocument       *self,
                                                  guint                index);

void              zb_pdf_document_add_title      (ZbPdfDocument       *self,
                                                  const char          *text);
void              zb_pdf_document_add_subtitle   (ZbPdfDocument       *self,
                                                  const char          *text);
void              zb_pdf_document_add_heading    (ZbPdfDocument       *self,
                                                  guint                level,
                                                  const char          *text);
void              zb_pdf_document_add_paragraph  (ZbPdfDocument       *self,
                                                  const char          *text);
void              zb_pdf_document_add_field      (ZbPdfDocument       *self,
                                                  const char          *label,
                                                  const char          *value);
void              zb_pdf_document_add_table      (ZbPdfDocument       *self,
                                                  const char * const  *columns,
                                                  const double        *widths,
                                                  GPtrArray           *rows);
void              zb_pdf_document_add_signatures (ZbPdfDocument       *self,
                                                  const char * const  *labels,
                                                  const char * const  *names);
void              zb_pdf_document_add_note       (ZbPdfDocument       *self,
                                                  const char          *text);
void              zb_pdf_document_add_cut        (ZbPdfDocument       *self,
                                                  const char          *text);
void              zb_pdf_document_add_toc        (ZbPdfDocument       *self,
                                                  GPtrArray           *entries);
void              zb_pdf_document_add_page_break (ZbPdfDocument       *self);
void              zb_pdf_document_set_anchor     (ZbPdfDocument       *self,
                                                  const char          *anchor);
void              zb_pdf_document_set_compact    (ZbPdfDocument       *self,
                                                  gboolean             compact);
gboolean          zb_pdf_document_get_landscape  (ZbPdfDocument       *self);
void              zb_pdf_document_set_landscape  (ZbPdfDocument       *self,
                                                  gboolean             landscape);

G_END_DECLS
