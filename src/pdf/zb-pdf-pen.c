#define G_LOG_DOMAIN "zb-pdf-pen"

#include "config.h"

#include <math.h>

#include <cairo-pdf.h>

#include "zb-pdf-pen.h"

/* A pen that fills pages top to bottom on the grid of GB/T 9704-2012, breaks
 * to a new page when what comes does not fit, and numbers each page as it
 * leaves it. While measuring (before a table of contents can know its page
 * numbers) it moves exactly as it would while drawing, and draws nothing. */

/* Room for rounding: Pango's units are 1/1024 pt, and 22 lines must fit. */
#define SLACK 0.5

/* The upright page is GB/T 9704-2012 section 5's: 28 mm on the left (the
 * binding edge), 37 mm at the top, 26 and 35 mm on the right and below.
 *
 * A landscape page (section 8's 表格横排, a table across an A4 sheet) is
 * that page turned a quarter, drawn as a PDF page 297 x 210 mm rather than
 * an upright page with the content rotated on it: viewers, Poppler's text
 * and the printer's auto-rotation then all see the table the right way
 * up. With its head toward the binding edge, as section 8 asks of odd
 * pages, the binding margin comes to the top: 28 mm above, 26 below, 35
 * mm on the left (the upright page's foot) and 37 on the right, and a type
 * area of 225 x 156 mm. Every page turns the same way, so one sheet size
 * and one turn go to the printer; printed two-sided, an even page's head
 * then lies along the cut edge, as section 8 asks of even pages. The page
 * number stays 7 mm under the type area, odd right and even left, as on
 * every other page. The grid's pitches do not turn: 15.8 pt a character,
 * 29.0 pt a line. */
void
zb_pdf_geometry_init (ZbPdfGeometry *geometry,
                      gboolean       landscape)
{
  if (landscape)
    *geometry = (ZbPdfGeometry) { ZB_PDF_MM (297), ZB_PDF_MM (210), ZB_PDF_MM (35),
                                  ZB_PDF_MM (28), ZB_PDF_MM (225), ZB_PDF_MM (156), 0 };
  else
    *geometry = (ZbPdfGeometry) { ZB_PDF_MM (210), ZB_PDF_MM (297), ZB_PDF_MM (28),
                                  ZB_PDF_MM (37), ZB_PDF_MM (156), ZB_PDF_MM (225), 0 };
  geometry->bottom = geometry->top + geometry->area_height;
}

/* Text laid out as it will be drawn on @cr: unhinted metrics, the same
 * widths on every pass and every machine. */
static PangoContext *
make_context (cairo_t      *cr,
              PangoFontMap *map)
{
  PangoContext *context = pango_font_map_create_context (map);
  cairo_font_options_t *options = cairo_font_options_create ();

  pango_cairo_update_context (cr, context);
  cairo_font_options_set_hint_metrics (options, CAIRO_HINT_METRICS_OFF);
  cairo_font_options_set_hint_style (options, CAIRO_HINT_STYLE_NONE);
  pango_cairo_context_set_font_options (context, options);
  pango_context_set_round_glyph_positions (context, FALSE);
  cairo_font_options_destroy (options);
  return context;
}

static void
init (ZbPdfPen     *pen,
      cairo_t      *cr,
      PangoContext *context,
      ZbPdfFonts   *fonts,
      gboolean      landscape,
      gboolean      drawing)
{
  *pen = (ZbPdfPen) { cr, { 0 }, context, fonts, drawing, 1, 0, TRUE, NULL, NULL,
                      g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL), NULL,
                      g_hash_table_new_full (NULL, NULL, NULL,
                                             (GDestroyNotify) g_ptr_array_unref) };
  zb_pdf_geometry_init (&pen->geometry, landscape);
  pen->y = pen->geometry.top;
  pen->mark_page = pen->page;
  pen->mark_y = pen->y;
  pen->mark_empty = pen->page_empty;
  pen->number_middle = -1;
  pen->value_starts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
}

void
zb_pdf_pen_init (ZbPdfPen   *pen,
                 cairo_t    *cr,
                 ZbPdfFonts *fonts,
                 gboolean    landscape,
                 gboolean    drawing)
{
  init (pen, cr, make_context (cr, pango_cairo_font_map_get_default ()), fonts, landscape,
        drawing);
}

/* A pen that only lays text out, for another thread: Pango's font maps are
 * not to be shared between threads, so it has a font map of its own, @map,
 * which no other thread uses meanwhile. Its layouts come out as @cr's pen
 * would make them, and can be drawn on @cr once that thread is done. */
void
zb_pdf_pen_init_shaper (ZbPdfPen     *pen,
                        cairo_t      *cr,
                        PangoFontMap *map,
                        ZbPdfFonts   *fonts,
                        gboolean      landscape)
{
  init (pen, NULL, make_context (cr, map), fonts, landscape, FALSE);
}

/* From here on, moves without drawing, to learn where things land; drawing
 * resumes here (zb_pdf_pen_start_drawing). */
void
zb_pdf_pen_start_measuring (ZbPdfPen *pen)
{
  pen->drawing = FALSE;
  pen->mark_page = pen->page;
  pen->mark_y = pen->y;
  pen->mark_empty = pen->page_empty;
}

/* After a measuring pass, back to where it started to draw for real,
 * keeping what was laid out. */
void
zb_pdf_pen_start_drawing (ZbPdfPen *pen)
{
  pen->drawing = TRUE;
  pen->page = pen->mark_page;
  pen->y = pen->mark_y;
  pen->page_empty = pen->mark_empty;
  g_hash_table_unref (pen->anchors);
  pen->anchors = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
}

void
zb_pdf_pen_clear (ZbPdfPen *pen)
{
  g_clear_object (&pen->context);
  g_clear_pointer (&pen->anchors, g_hash_table_unref);
  g_clear_pointer (&pen->shapes, g_hash_table_unref);
  g_clear_pointer (&pen->value_starts, g_hash_table_unref);
}

/* What @block was laid out into by @shape: Pango shapes text slowly
 * (HarfBuzz over every glyph), so each block is laid out once, the first
 * time it is asked for, and measured, kept together and drawn, on both
 * passes, from that. */
GPtrArray *
zb_pdf_pen_shapes (ZbPdfPen       *pen,
                   gconstpointer   block,
                   ZbPdfShapeFunc  shape)
{
  GPtrArray *shapes = g_hash_table_lookup (pen->shapes, block);

  if (shapes == NULL)
    {
      shapes = shape (pen, block);
      g_hash_table_insert (pen->shapes, (gpointer) block, shapes);
    }
  return shapes;
}

/* Takes what the blocks were laid out into by another pen, such as one
 * that laid them out on another thread; where both laid a block out, this
 * pen keeps its own, which it may have drawn already. */
void
zb_pdf_pen_take_shapes (ZbPdfPen *pen,
                        ZbPdfPen *from)
{
  GHashTableIter iter;
  gpointer block, shapes;

  g_hash_table_iter_init (&iter, from->shapes);
  while (g_hash_table_iter_next (&iter, &block, &shapes))
    {
      if (g_hash_table_contains (pen->shapes, block))
        continue;
      g_hash_table_iter_steal (&iter);
      g_hash_table_insert (pen->shapes, block, shapes);
    }
}

/* A layout of @text in @face at @size points, wrapped to @width. On the
 * grid, characters are 15.8 pt apart and lines 29.0 pt: GB/T 9704-2012
 * section 5.2.3's 28 x 22. */
PangoLayout *
zb_pdf_pen_text (ZbPdfPen   *pen,
                 ZbPdfFace   face,
                 double      size,
                 const char *text,
                 double      width,
                 gboolean    on_grid)
{
  PangoLayout *layout = pango_layout_new (pen->context);
  g_autoptr(PangoFontDescription) desc = pango_font_description_new ();
  PangoAttrList *attrs = pango_attr_list_new ();

  pango_font_description_set_family (desc, zb_pdf_fonts_get_family (pen->fonts, face));
  pango_font_description_set_absolute_size (desc, size * PANGO_SCALE);
  if (zb_pdf_fonts_is_bold (pen->fonts, face))
    pango_font_description_set_weight (desc, PANGO_WEIGHT_BOLD);
  pango_layout_set_font_description (layout, desc);
  if (on_grid)
    {
      pango_attr_list_insert (attrs, pango_attr_letter_spacing_new (
        (int) lround ((ZB_PDF_CHAR_PITCH - size) * PANGO_SCALE)));
      pango_attr_list_insert (attrs, pango_attr_line_height_new_absolute (
        (int) lround (ZB_PDF_LINE_PITCH * PANGO_SCALE)));
    }
  pango_layout_set_attributes (layout, attrs);
  pango_attr_list_unref (attrs);
  /* A hair over the width: 28 pitches are exactly the type area, and
   * rounding must not push the 28th character to the next line. */
  pango_layout_set_width (layout, (int) (width * PANGO_SCALE) + PANGO_SCALE / 2);
  pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);
  pango_layout_set_text (layout, text != NULL ? text : "", -1);
  return layout;
}

/* A layout's lines as the pen goes through them: their extents and
 * baselines, worked out once and kept on the layout. Pango works a line's
 * extents out anew, over every glyph, for each iterator, and a block is
 * measured and drawn on both passes. */
typedef struct
{
  guint             n;
  PangoLayoutLine **lines;     /* the layout's */
  PangoRectangle   *logical;
  int              *baselines;
} Lines;

static G_DEFINE_QUARK (zb-pdf-lines, lines)

static void
lines_free (gpointer data)
{
  Lines *lines = data;

  g_free (lines->lines);
  g_free (lines->logical);
  g_free (lines->baselines);
  g_free (lines);
}

static const Lines *
get_lines (PangoLayout *layout)
{
  Lines *lines = g_object_get_qdata (G_OBJECT (layout), lines_quark ());
  PangoLayoutIter *iter;
  guint i = 0;

  if (lines != NULL)
    return lines;
  lines = g_new0 (Lines, 1);
  lines->n = pango_layout_get_line_count (layout);
  lines->lines = g_new (PangoLayoutLine *, lines->n);
  lines->logical = g_new (PangoRectangle, lines->n);
  lines->baselines = g_new (int, lines->n);
  iter = pango_layout_get_iter (layout);
  do
    {
      pango_layout_iter_get_line_extents (iter, NULL, &lines->logical[i]);
      lines->baselines[i] = pango_layout_iter_get_baseline (iter);
      lines->lines[i] = pango_layout_iter_get_line_readonly (iter);
      i++;
    }
  while (i < lines->n && pango_layout_iter_next_line (iter));
  pango_layout_iter_free (iter);
  lines->n = i;
  g_object_set_qdata_full (G_OBJECT (layout), lines_quark (), lines, lines_free);
  return lines;
}

/* Lays @layout's text out and measures its lines, ahead of placing it
 * (Pango does neither when the layout is made). @layout is not to be
 * changed after. */
void
zb_pdf_layout_prepare (PangoLayout *layout)
{
  get_lines (layout);
}

/* The height of @layout's first @n_lines lines (all of them if -1). */
double
zb_pdf_layout_height (PangoLayout *layout,
                      int          n_lines)
{
  const Lines *lines = get_lines (layout);
  guint last;
  const PangoRectangle *first, *end;

  if (n_lines == 0)
    return 0;
  last = n_lines < 0 ? lines->n : MIN (lines->n, (guint) n_lines);
  first = &lines->logical[0];
  end = &lines->logical[last - 1];
  return pango_units_to_double (end->y + end->height - first->y);
}

/* Where a page number's dashes are halfway up, from the top of its line:
 * the same on every page, so measured once. */
static double
number_middle (ZbPdfPen *pen)
{
  g_autoptr(PangoLayout) dash = NULL;
  PangoRectangle ink;

  if (pen->number_middle >= 0)
    return pen->number_middle;
  dash = zb_pdf_pen_text (pen, ZB_PDF_FACE_SONG, ZB_PDF_SMALL_SIZE, "—",
                          pen->geometry.area_width, FALSE);
  pango_layout_get_extents (dash, &ink, NULL);
  pen->number_middle = pango_units_to_double (ink.y + ink.height / 2);
  return pen->number_middle;
}

static void
show_page_number (ZbPdfPen *pen)
{
  g_autofree char *text = g_strdup_printf ("— %u —", pen->page);
  g_autoptr(PangoLayout) layout = zb_pdf_pen_text (pen, ZB_PDF_FACE_SONG, ZB_PDF_SMALL_SIZE,
                                                   text, pen->geometry.area_width, FALSE);
  const ZbPdfGeometry *g = &pen->geometry;
  PangoRectangle logical;
  double x, y;

  /* GB/T 9704-2012 section 7.5: 4号 half-width digits between two dashes,
   * the dashes 7 mm below the type area; odd pages at the right and even
   * pages at the left, each one character in. */
  pango_layout_get_extents (layout, NULL, &logical);
  y = g->bottom + ZB_PDF_MM (7) - number_middle (pen);
  if (pen->page % 2 == 1)
    x = g->left + g->area_width - ZB_PDF_SMALL_SIZE - pango_units_to_double (logical.width);
  else
    x = g->left + ZB_PDF_SMALL_SIZE;
  cairo_move_to (pen->cr, x, y);
  pango_cairo_show_layout (pen->cr, layout);
}

/* Ends the page being filled, with its number, and starts the next. */
void
zb_pdf_pen_new_page (ZbPdfPen *pen)
{
  if (pen->drawing)
    {
      show_page_number (pen);
      cairo_show_page (pen->cr);
    }
  pen->page++;
  pen->y = pen->geometry.top;
  pen->page_empty = TRUE;
}

/* A bookmark in the viewer's outline for each anchored block, such as
 * each meeting of a binder. */
static void
add_outline (ZbPdfPen *pen)
{
  g_autofree char *link = NULL;

  if (!pen->drawing || pen->anchor_text == NULL)
    return;
  link = g_strdup_printf ("page=%u pos=[%.0f %.0f]", pen->page, pen->geometry.left,
                          pen->y);
  cairo_pdf_surface_add_outline (cairo_get_target (pen->cr), CAIRO_PDF_OUTLINE_ROOT,
                                 pen->anchor_text, link, 0);
}

/* Makes room for @height points of what comes next: on this page when it
 * fits (or the page is still empty), else on the next. */
void
zb_pdf_pen_begin (ZbPdfPen *pen,
                  double    height)
{
  if (pen->y + height > pen->geometry.bottom + SLACK && !pen->page_empty)
    zb_pdf_pen_new_page (pen);
  if (pen->anchor != NULL)
    {
      g_hash_table_insert (pen->anchors, g_strdup (pen->anchor), GUINT_TO_POINTER (pen->page));
      add_outline (pen);
      pen->anchor = NULL;
    }
  pen->page_empty = FALSE;
}

/* Back onto the grid after something that is not (a note, a table). */
void
zb_pdf_pen_snap (ZbPdfPen *pen)
{
  double lines = (pen->y - pen->geometry.top) / ZB_PDF_LINE_PITCH;

  pen->y = pen->geometry.top + ceil (lines - 0.01) * ZB_PDF_LINE_PITCH;
}

/* Draws @layout at @x, line by line from the pen down, going on to the next
 * page where the type area ends. */
void
zb_pdf_pen_show_lines (ZbPdfPen    *pen,
                       PangoLayout *layout,
                       double       x)
{
  const Lines *lines = get_lines (layout);

  for (guint i = 0; i < lines->n; i++)
    {
      const PangoRectangle *logical = &lines->logical[i];

      zb_pdf_pen_begin (pen, pango_units_to_double (logical->height));
      if (pen->drawing)
        {
          cairo_move_to (pen->cr, x + pango_units_to_double (logical->x),
                         pen->y + pango_units_to_double (lines->baselines[i] - logical->y));
          pango_cairo_show_layout_line (pen->cr, lines->lines[i]);
        }
      pen->y += pango_units_to_double (logical->height);
    }
}

/* Draws @layout whole with its top left corner at @x, @y. */
void
zb_pdf_pen_show_layout (ZbPdfPen    *pen,
                        PangoLayout *layout,
                        double       x,
                        double       y)
{
  if (!pen->drawing)
    return;
  cairo_move_to (pen->cr, x, y);
  pango_cairo_show_layout (pen->cr, layout);
}

/* Numbers and ends the last page. */
void
zb_pdf_pen_finish (ZbPdfPen *pen)
{
  if (pen->drawing)
    {
      show_page_number (pen);
      cairo_show_page (pen->cr);
    }
}
