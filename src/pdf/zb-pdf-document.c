#define G_LOG_DOMAIN "zb-pdf-document"

#include "config.h"

#include "zb-pdf-document.h"

/* A document in blocks, in reading order. Text arrives as the records hold
 * it: a block never carries layout (fonts, sizes, positions). */

struct _ZbPdfDocument
{
  GObject    parent_instance;

  char      *title;
  char      *subject;
  char      *author;
  GPtrArray *blocks;
  gboolean   landscape;
};

G_DEFINE_FINAL_TYPE (ZbPdfDocument, zb_pdf_document, G_TYPE_OBJECT)

static void
block_free (ZbPdfBlock *block)
{
  g_free (block->text);
  g_free (block->label);
  g_free (block->anchor);
  g_strfreev (block->columns);
  g_free (block->widths);
  g_clear_pointer (&block->rows, g_ptr_array_unref);
  g_free (block);
}

static void
zb_pdf_document_finalize (GObject *object)
{
  ZbPdfDocument *self = (ZbPdfDocument *) object;

  g_free (self->title);
  g_free (self->subject);
  g_free (self->author);
  g_ptr_array_unref (self->blocks);

  G_OBJECT_CLASS (zb_pdf_document_parent_class)->finalize (object);
}

static void
zb_pdf_document_class_init (ZbPdfDocumentClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = zb_pdf_document_finalize;
}

static void
zb_pdf_document_init (ZbPdfDocument *self)
{
  self->blocks = g_ptr_array_new_with_free_func ((GDestroyNotify) block_free);
}

/* @title, @subject and @author (the branch) go into the PDF's metadata. */
ZbPdfDocument *
zb_pdf_document_new (const char *title,
                     const char *subject,
                     const char *author)
{
  ZbPdfDocument *self = g_object_new (ZB_TYPE_PDF_DOCUMENT, NULL);

  self->title = g_strdup (title);
  self->subject = g_strdup (subject);
  self->author = g_strdup (author);
  return self;
}

const char *
zb_pdf_document_get_title (ZbPdfDocument *self)
{
  return self->title;
}

const char *
zb_pdf_document_get_subject (ZbPdfDocument *self)
{
  return self->subject;
}

const char *
zb_pdf_document_get_author (ZbPdfDocument *self)
{
  return self->author;
}

guint
zb_pdf_document_get_n_blocks (ZbPdfDocument *self)
{
  return self->blocks->len;
}

const ZbPdfBlock *
zb_pdf_document_get_block (ZbPdfDocument *self,
                           guint          index)
{
  g_return_val_if_fail (index < self->blocks->len, NULL);

  return g_ptr_array_index (self->blocks, index);
}

static ZbPdfBlock *
append (ZbPdfDocument  *self,
        ZbPdfBlockKind  kind,
        const char     *text)
{
  ZbPdfBlock *block = g_new0 (ZbPdfBlock, 1);

  block->kind = kind;
  block->text = g_strdup (text);
  g_ptr_array_add (self->blocks, block);
  return block;
}

void
zb_pdf_document_add_title (ZbPdfDocument *self,
                           const char    *text)
{
  append (self, ZB_PDF_BLOCK_TITLE, text);
}

void
zb_pdf_document_add_subtitle (ZbPdfDocument *self,
                              const char    *text)
{
  append (self, ZB_PDF_BLOCK_SUBTITLE, text);
}

void
zb_pdf_document_add_heading (ZbPdfDocument *self,
                             guint          level,
                             const char    *text)
{
  g_return_if_fail (level >= 1 && level <= 4);

  append (self, ZB_PDF_BLOCK_HEADING, text)->level = level;
}

void
zb_pdf_document_add_paragraph (ZbPdfDocument *self,
                               const char    *text)
{
  append (self, ZB_PDF_BLOCK_PARAGRAPH, text);
}

/* "label：value"; an empty value prints the label and a blank to fill in. */
void
zb_pdf_document_add_field (ZbPdfDocument *self,
                           const char    *label,
                           const char    *value)
{
  append (self, ZB_PDF_BLOCK_FIELD, value)->label = g_strdup (label);
}

static GPtrArray *
copy_rows (GPtrArray *rows)
{
  GPtrArray *copy = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);

  for (guint i = 0; rows != NULL && i < rows->len; i++)
    g_ptr_array_add (copy, g_strdupv (g_ptr_array_index (rows, i)));
  return copy;
}

/* @rows: a GStrv a row, as many cells as @columns; @widths: each column's
 * share of the type area's width. */
void
zb_pdf_document_add_table (ZbPdfDocument      *self,
                           const char * const *columns,
                           const double       *widths,
                           GPtrArray          *rows)
{
  ZbPdfBlock *block = append (self, ZB_PDF_BLOCK_TABLE, NULL);
  guint n = g_strv_length ((char **) columns);

  block->columns = g_strdupv ((char **) columns);
  block->widths = g_memdup2 (widths, n * sizeof (double));
  block->rows = copy_rows (rows);
}

void
zb_pdf_document_add_signatures (ZbPdfDocument      *self,
                                const char * const *labels,
                                const char * const *names)
{
  ZbPdfBlock *block = append (self, ZB_PDF_BLOCK_SIGNATURES, NULL);

  block->columns = g_strdupv ((char **) labels);
  block->rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);
  g_ptr_array_add (block->rows, g_strdupv ((char **) names));
}

void
zb_pdf_document_add_note (ZbPdfDocument *self,
                          const char    *text)
{
  append (self, ZB_PDF_BLOCK_NOTE, text);
}

void
zb_pdf_document_add_cut (ZbPdfDocument *self,
                         const char    *text)
{
  append (self, ZB_PDF_BLOCK_CUT, text);
}

/* @entries: GStrv { text, anchor } each; the renderer writes the page on
 * which the block with that anchor starts. */
void
zb_pdf_document_add_toc (ZbPdfDocument *self,
                         GPtrArray     *entries)
{
  append (self, ZB_PDF_BLOCK_TOC, NULL)->rows = copy_rows (entries);
}

void
zb_pdf_document_add_page_break (ZbPdfDocument *self)
{
  append (self, ZB_PDF_BLOCK_PAGE_BREAK, NULL);
}

/* Names the last block added, for a table of contents. */
void
zb_pdf_document_set_anchor (ZbPdfDocument *self,
                            const char    *anchor)
{
  ZbPdfBlock *block;

  g_return_if_fail (self->blocks->len > 0);

  block = g_ptr_array_index (self->blocks, self->blocks->len - 1);
  g_free (block->anchor);
  block->anchor = g_strdup (anchor);
}

/* Sets the last block added, a table, in the smaller type of a table with
 * many columns (the roster's thirteen). */
void
zb_pdf_document_set_compact (ZbPdfDocument *self,
                             gboolean       compact)
{
  ZbPdfBlock *block;

  g_return_if_fail (self->blocks->len > 0);

  block = g_ptr_array_index (self->blocks, self->blocks->len - 1);
  g_return_if_fail (block->kind == ZB_PDF_BLOCK_TABLE);
  block->compact = compact;
}

gboolean
zb_pdf_document_get_landscape (ZbPdfDocument *self)
{
  return self->landscape;
}

/* Prints every page of the document across the A4 sheet (GB/T 9704-2012
 * section 8's 表格横排), for a table too wide for the upright page. */
void
zb_pdf_document_set_landscape (ZbPdfDocument *self,
                               gboolean       landscape)
{
  self->landscape = landscape;
}
