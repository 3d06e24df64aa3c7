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

/* A compact table (zb_pdf_document_set_compact) sets its cells in 5号
 * with lines 13.5 pt apart (about 1.3 times the type: a wrapped cell's
 * lines close, yet clear of each other), padded by half a millimetre at
 * the sides: how a 花名册 gets thirteen columns across a landscape page
 * with an ID number, a date and a phone each on one line. Off the body
 * grid, as every table is. */
#define COMPACT_PITCH  13.5
#define COMPACT_PAD_X  1.5
#define COMPACT_PAD_Y  2.0

typedef struct
{
  GPtrArray *cells;     /* PangoLayout each */
  double     height;
} Row;

static void
row_free (Row *row)
{
  g_clear_pointer (&row->cells, g_ptr_array_unref);
  g_free (row);
}

static double
column_width (ZbPdfPen         *pen,
              const ZbPdfBlock *block,
              guint             column)
{
  return block->widths[column] * pen->geometry.area_width;
}

static double
pad_x (const ZbPdfBlock *block)
{
  return block->compact ? COMPACT_PAD_X : PAD_X;
}

static double
pad_y (const ZbPdfBlock *block)
{
  return block->compact ? COMPACT_PAD_Y : PAD_Y;
}

/* One cell's text, wrapped within its column. */
static PangoLayout *
cell_layout (ZbPdfPen         *pen,
             const ZbPdfBlock *block,
             guint             column,
             const char       *text,
             gboolean          header)
{
  PangoLayout *cell = zb_pdf_pen_text (pen, header ? ZB_PDF_FACE_HEI : ZB_PDF_FACE_FANGSONG,
                                       block->compact ? ZB_PDF_COMPACT_SIZE : ZB_PDF_SMALL_SIZE,
                                       text, column_width (pen, block, column) - 2 * pad_x (block),
                                       FALSE);

  if (block->compact)
    {
      PangoAttrList *attrs = pango_attr_list_new ();

      pango_attr_list_insert (attrs, pango_attr_line_height_new_absolute (
        (int) (COMPACT_PITCH * PANGO_SCALE)));
      pango_layout_set_attributes (cell, attrs);
      pango_attr_list_unref (attrs);
    }
  if (header)
    pango_layout_set_alignment (cell, PANGO_ALIGN_CENTER);
  return cell;
}

/* Lays out one row: the header in 黑体 and centred, the others in 仿宋. */
static Row *
make_row (ZbPdfPen          *pen,
          const ZbPdfBlock  *block,
          const char *const *texts,
          gboolean           header)
{
  Row *row = g_new0 (Row, 1);
  guint n = g_strv_length (block->columns);
  gboolean ended = FALSE;

  row->cells = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint i = 0; i < n; i++)
    {
      /* A row shorter than the header leaves its last cells empty. */
      const char *text = !ended && texts[i] != NULL ? texts[i] : "";
      PangoLayout *cell;

      ended = ended || texts[i] == NULL;
      cell = cell_layout (pen, block, i, text, header);
      row->height = MAX (row->height, zb_pdf_layout_height (cell, -1) + 2 * pad_y (block));
      g_ptr_array_add (row->cells, cell);
    }
  return row;
}

static void
draw_row (ZbPdfPen   *pen,
          const Row  *row,
          const ZbPdfBlock *block)
{
  double x = pen->geometry.left;

  for (guint i = 0; pen->drawing && i < row->cells->len; i++)
    {
      double width = column_width (pen, block, i);

      zb_pdf_pen_show_layout (pen, g_ptr_array_index (row->cells, i), x + pad_x (block),
                              pen->y + pad_y (block));
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

static GPtrArray *
shape_rows (ZbPdfPen      *pen,
            gconstpointer  data)
{
  const ZbPdfBlock *block = data;
  GPtrArray *rows = g_ptr_array_new_with_free_func ((GDestroyNotify) row_free);

  g_ptr_array_add (rows, make_row (pen, block, (const char *const *) block->columns, TRUE));
  for (guint i = 0; i < block->rows->len; i++)
    g_ptr_array_add (rows, make_row (pen, block, g_ptr_array_index (block->rows, i), FALSE));
  return rows;
}

/* The header row and then every row, laid out once for both passes. */
static GPtrArray *
table_rows (ZbPdfPen         *pen,
            const ZbPdfBlock *block)
{
  return zb_pdf_pen_shapes (pen, block, shape_rows);
}

/* Lays the table's cells out, ahead of placing it. */
void
zb_pdf_table_shape (ZbPdfPen         *pen,
                    const ZbPdfBlock *block)
{
  table_rows (pen, block);
}

/* What must fit on a page for the table to start there: its header and
 * first row. */
double
zb_pdf_table_start_height (ZbPdfPen         *pen,
                           const ZbPdfBlock *block)
{
  GPtrArray *rows = table_rows (pen, block);
  double height = 0;

  for (guint i = 0; i < MIN (rows->len, 2); i++)
    height += ((Row *) g_ptr_array_index (rows, i))->height;
  return height;
}

void
zb_pdf_table_place (ZbPdfPen         *pen,
                    const ZbPdfBlock *block)
{
  GPtrArray *rows = table_rows (pen, block);
  const Row *header = g_ptr_array_index (rows, 0);

  zb_pdf_pen_begin (pen, zb_pdf_table_start_height (pen, block));
  draw_row (pen, header, block);
  for (guint i = 1; i < rows->len; i++)
    {
      const Row *row = g_ptr_array_index (rows, i);

      /* A row taller than a whole page runs off its foot: no record has one. */
      if (pen->y + row->height > pen->geometry.bottom + 0.5)
        {
          zb_pdf_pen_new_page (pen);
          zb_pdf_pen_begin (pen, header->height + row->height);
          draw_row (pen, header, block);
        }
      draw_row (pen, row, block);
    }
  zb_pdf_pen_snap (pen);
}
