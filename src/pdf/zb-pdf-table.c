#define G_LOG_DOMAIN "zb-pdf-table"

#include "config.h"

#include "zb-pdf-table.h"

/* A table across the type area: its columns as the document shares them
 * out, cells wrapped within them, every cell ruled, and the header row
 * again at the top of each page the table runs onto, so that a page of an
 * attendance list read alone still says what its columns are. */

#define PAD_X  4.0
#define PAD_Y  3.0
#define RULE   0.5

typedef struct
{
  GPtrArray *cells;     /* PangoLayout each */
  double     height;
} Row;

static void
row_clear (Row *row)
{
  g_clear_pointer (&row->cells, g_ptr_array_unref);
}

static double
column_width (const ZbPdfBlock *block,
              guint             column)
{
  return block->widths[column] * ZB_PDF_AREA_WIDTH;
}

/* Lays out one row: the header in 黑体 and centred, the others in 仿宋. */
static Row
make_row (ZbPdfPen          *pen,
          const ZbPdfBlock  *block,
          const char *const *texts,
          gboolean           header)
{
  Row row = { g_ptr_array_new_with_free_func (g_object_unref), 0 };
  guint n = g_strv_length (block->columns);
  gboolean ended = FALSE;

  for (guint i = 0; i < n; i++)
    {
      /* A row shorter than the header leaves its last cells empty. */
      const char *text = !ended && texts[i] != NULL ? texts[i] : "";
      PangoLayout *cell;

      ended = ended || texts[i] == NULL;
      cell = zb_pdf_pen_text (pen, header ? ZB_PDF_FACE_HEI : ZB_PDF_FACE_FANGSONG,
                              ZB_PDF_SMALL_SIZE, text, column_width (block, i) - 2 * PAD_X,
                              FALSE);
      if (header)
        pango_layout_set_alignment (cell, PANGO_ALIGN_CENTER);
      row.height = MAX (row.height, zb_pdf_layout_height (cell, -1) + 2 * PAD_Y);
      g_ptr_array_add (row.cells, cell);
    }
  return row;
}

static void
draw_row (ZbPdfPen   *pen,
          const Row  *row,
          const ZbPdfBlock *block)
{
  double x = ZB_PDF_LEFT;

  for (guint i = 0; pen->drawing && i < row->cells->len; i++)
    {
      double width = column_width (block, i);

      zb_pdf_pen_show_layout (pen, g_ptr_array_index (row->cells, i), x + PAD_X, pen->y + PAD_Y);
      cairo_rectangle (pen->cr, x, pen->y, width, row->height);
      x += width;
    }
  if (pen->drawing)
    {
      cairo_set_line_width (pen->cr, RULE);
      cairo_stroke (pen->cr);
    }
  pen->y += row->height;
}

/* What must fit on a page for the table to start there: its header and
 * first row. */
double
zb_pdf_table_start_height (ZbPdfPen         *pen,
                           const ZbPdfBlock *block)
{
  Row header = make_row (pen, block, (const char *const *) block->columns, TRUE);
  double height = header.height;

  if (block->rows->len > 0)
    {
      Row first = make_row (pen, block, g_ptr_array_index (block->rows, 0), FALSE);

      height += first.height;
      row_clear (&first);
    }
  row_clear (&header);
  return height;
}

void
zb_pdf_table_place (ZbPdfPen         *pen,
                    const ZbPdfBlock *block)
{
  Row header = make_row (pen, block, (const char *const *) block->columns, TRUE);

  zb_pdf_pen_begin (pen, zb_pdf_table_start_height (pen, block));
  draw_row (pen, &header, block);
  for (guint i = 0; i < block->rows->len; i++)
    {
      Row row = make_row (pen, block, g_ptr_array_index (block->rows, i), FALSE);

      /* A row taller than a whole page runs off its foot: no record has one. */
      if (pen->y + row.height > ZB_PDF_BOTTOM + 0.5)
        {
          zb_pdf_pen_new_page (pen);
          zb_pdf_pen_begin (pen, header.height + row.height);
          draw_row (pen, &header, block);
        }
      draw_row (pen, &row, block);
      row_clear (&row);
    }
  row_clear (&header);
  zb_pdf_pen_snap (pen);
}
