#define G_LOG_DOMAIN "zb-pdf-renderer"

#include "config.h"

#include <cairo-pdf.h>
#include <pango/pangocairo.h>

#include "zb-pdf-renderer.h"

/* A first, plain layout: A4, the type area of GB/T 9704-2012, blocks one
 * under the other and a page break where the next line would not fit. The
 * grid, the heading fonts, tables with repeated headers, page numbers and
 * the rest of DOMAIN.md section 5 come with the full renderer. */

#define MM(x)        ((x) * 72.0 / 25.4)
#define PAGE_WIDTH   MM (210)
#define PAGE_HEIGHT  MM (297)
#define LEFT         MM (28)
#define TOP          MM (37)
#define AREA_WIDTH   MM (156)
#define AREA_HEIGHT  MM (225)

G_DEFINE_QUARK (zb-pdf-error-quark, zb_pdf_error)

typedef struct
{
  cairo_t *cr;
  double   y;
} Pen;

static cairo_status_t
collect (void                *closure,
         const unsigned char *data,
         unsigned int         length)
{
  g_byte_array_append (closure, data, length);
  return CAIRO_STATUS_SUCCESS;
}

static void
draw_text (Pen        *pen,
           const char *text,
           const char *font,
           gboolean    centred)
{
  PangoLayout *layout = pango_cairo_create_layout (pen->cr);
  PangoFontDescription *desc = pango_font_description_from_string (font);
  int width, height;

  pango_layout_set_font_description (layout, desc);
  pango_layout_set_width (layout, pango_units_from_double (AREA_WIDTH));
  pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);
  pango_layout_set_alignment (layout, centred ? PANGO_ALIGN_CENTER : PANGO_ALIGN_LEFT);
  pango_layout_set_text (layout, text ? text : "", -1);
  pango_layout_get_size (layout, &width, &height);
  if (pen->y + pango_units_to_double (height) > TOP + AREA_HEIGHT && pen->y > TOP)
    {
      cairo_show_page (pen->cr);
      pen->y = TOP;
    }
  cairo_move_to (pen->cr, LEFT, pen->y);
  pango_cairo_show_layout (pen->cr, layout);
  pen->y += pango_units_to_double (height);
  pango_font_description_free (desc);
  g_object_unref (layout);
}

static void
draw_block (Pen              *pen,
            const ZbPdfBlock *block)
{
  g_autofree char *text = NULL;

  switch (block->kind)
    {
    case ZB_PDF_BLOCK_TITLE:
      draw_text (pen, block->text, "Noto Serif CJK SC Bold 22", TRUE);
      break;
    case ZB_PDF_BLOCK_HEADING:
      draw_text (pen, block->text, "Noto Sans CJK SC 16", FALSE);
      break;
    case ZB_PDF_BLOCK_FIELD:
      text = g_strdup_printf ("%s：%s", block->label, block->text ? block->text : "");
      draw_text (pen, text, "Noto Serif CJK SC 16", FALSE);
      break;
    case ZB_PDF_BLOCK_TABLE:
      for (guint i = 0; i < block->rows->len; i++)
        {
          g_autofree char *row = g_strjoinv ("　", g_ptr_array_index (block->rows, i));

          draw_text (pen, row, "Noto Serif CJK SC 12", FALSE);
        }
      break;
    case ZB_PDF_BLOCK_PAGE_BREAK:
      cairo_show_page (pen->cr);
      pen->y = TOP;
      break;
    default:
      draw_text (pen, block->text, "Noto Serif CJK SC 16", block->kind == ZB_PDF_BLOCK_SUBTITLE);
    }
}

/* The document as the bytes of a PDF. */
GBytes *
zb_pdf_render (ZbPdfDocument  *document,
               GError        **error)
{
  g_autoptr(GByteArray) bytes = g_byte_array_new ();
  cairo_surface_t *surface;
  cairo_status_t status;
  Pen pen = { NULL, TOP };

  surface = cairo_pdf_surface_create_for_stream (collect, bytes, PAGE_WIDTH, PAGE_HEIGHT);
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_TITLE,
                                  zb_pdf_document_get_title (document));
  pen.cr = cairo_create (surface);
  for (guint i = 0; i < zb_pdf_document_get_n_blocks (document); i++)
    draw_block (&pen, zb_pdf_document_get_block (document, i));
  cairo_destroy (pen.cr);
  cairo_surface_finish (surface);
  status = cairo_surface_status (surface);
  cairo_surface_destroy (surface);

  if (status != CAIRO_STATUS_SUCCESS)
    {
      g_set_error (error, ZB_PDF_ERROR, ZB_PDF_ERROR_FAILED, "%s",
                   cairo_status_to_string (status));
      return NULL;
    }
  return g_byte_array_free_to_bytes (g_steal_pointer (&bytes));
}
