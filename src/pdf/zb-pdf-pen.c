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

static void numbers_free (ZbPdfNumbers *numbers);

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
  g_clear_pointer (&pen->numbers, numbers_free);
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
typedef struct _Run Run;

typedef struct
{
  guint             n;
  PangoLayoutLine **lines;     /* the layout's */
  PangoRectangle   *logical;
  int              *baselines;
  Run             **runs;      /* each line's, ready for cairo */
  gboolean          plain;     /* whether every line's runs are; else Pango draws them */
} Lines;

static G_DEFINE_QUARK (zb-pdf-lines, lines)

/* One run of a line as pango_cairo_show_layout_line() would hand it to
 * cairo: its glyphs, their text and clusters, worked out when the layout
 * is shaped, on the shaping threads, rather than on the drawing thread,
 * where the PDF's pages are made one after another. Drawn from this, the
 * PDF holds the very bytes Pango would have had cairo write.
 *
 * Positions are kept as Pango's renderer computes them (pangocairo-render.c,
 * pango-renderer.c, Pango 1.50): a run's start in Pango units from the
 * line's origin, and each glyph's offset from it in points; the sums are
 * done in the same order when drawn, so that each glyph lands on the same
 * double. */
struct _Run
{
  cairo_scaled_font_t  *font;       /* the run's PangoFont's, which the layout keeps */
  int                   x;          /* from the line's origin, Pango units */
  int                   y;
  const char           *text;       /* the layout's */
  int                   text_length;
  cairo_glyph_t        *glyphs;     /* offsets from the run's start, in points */
  int                   n_glyphs;
  cairo_text_cluster_t *clusters;
  int                   n_clusters;
  Run                  *next;
};

static void
runs_free (Run *run)
{
  while (run != NULL)
    {
      Run *next = run->next;

      g_free (run->glyphs);
      g_free (run->clusters);
      g_free (run);
      run = next;
    }
}

static void
lines_free (gpointer data)
{
  Lines *lines = data;

  for (guint i = 0; lines->runs != NULL && i < lines->n; i++)
    runs_free (lines->runs[i]);
  g_free (lines->runs);
  g_free (lines->lines);
  g_free (lines->logical);
  g_free (lines->baselines);
  g_free (lines);
}

/* Tests turn it off to compare the bytes with Pango's renderer's. */
static gint own_runs = TRUE;

/* Whether plain runs are drawn from their prepared glyphs (the default) or
 * every run by Pango's renderer: for tests, which prove the two write the
 * same PDF. Set it before rendering; layouts already shaped keep theirs. */
void
zb_pdf_pen_set_own_runs (gboolean own)
{
  g_atomic_int_set (&own_runs, own);
}

/* Whether Pango's renderer would draw @run as one cairo_show_text_glyphs()
 * and nothing else: no underline, colour, shape or raised baseline, no
 * right-to-left text, no missing glyph drawn as a box. The faces and
 * attributes the records use pass; anything else is left to Pango. */
static gboolean
run_is_plain (PangoGlyphItem *run)
{
  PangoItem *item = run->item;

  if (run->glyphs->num_glyphs == 0 || run->y_offset != 0
      || (item->analysis.level & 1) != 0
      || (item->analysis.flags & PANGO_ANALYSIS_FLAG_CENTERED_BASELINE) != 0)
    return FALSE;
  for (GSList *l = item->analysis.extra_attrs; l != NULL; l = l->next)
    {
      PangoAttrType type = ((PangoAttribute *) l->data)->klass->type;

      if (type != PANGO_ATTR_LETTER_SPACING && type != PANGO_ATTR_LINE_HEIGHT
          && type != PANGO_ATTR_ABSOLUTE_LINE_HEIGHT)
        return FALSE;
    }
  for (int i = 0; i < run->glyphs->num_glyphs; i++)
    if ((run->glyphs->glyphs[i].glyph & PANGO_GLYPH_UNKNOWN_FLAG) != 0)
      return FALSE;
  return TRUE;
}

/* The clusters of @run's text, as pango_cairo_renderer_draw_glyph_item()
 * counts them: empty glyphs are not drawn, nor counted. */
static void
run_clusters (Run            *out,
              PangoGlyphItem *run,
              const char     *text)
{
  PangoGlyphItemIter iter;

  out->clusters = g_new (cairo_text_cluster_t, run->glyphs->num_glyphs);
  if (!pango_glyph_item_iter_init_start (&iter, run, text))
    return;
  do
    {
      int n_glyphs = iter.end_glyph - iter.start_glyph;

      for (int i = iter.start_glyph; i < iter.end_glyph; i++)
        if (run->glyphs->glyphs[i].glyph == PANGO_GLYPH_EMPTY)
          n_glyphs--;
      out->clusters[out->n_clusters].num_bytes = iter.end_index - iter.start_index;
      out->clusters[out->n_clusters].num_glyphs = n_glyphs;
      out->n_clusters++;
    }
  while (pango_glyph_item_iter_next_cluster (&iter));
}

static Run *
make_run (PangoGlyphItem *run,
          const char     *text,
          int             x)
{
  PangoGlyphString *glyphs = run->glyphs;
  Run *out = g_new0 (Run, 1);
  int position = 0;

  out->font = pango_cairo_font_get_scaled_font (PANGO_CAIRO_FONT (run->item->analysis.font));
  out->x = x;
  out->y = -run->y_offset;
  out->text = text + run->item->offset;
  out->text_length = run->item->length;
  out->glyphs = g_new (cairo_glyph_t, glyphs->num_glyphs);
  for (int i = 0; i < glyphs->num_glyphs; i++)
    {
      PangoGlyphInfo *gi = &glyphs->glyphs[i];

      if (gi->glyph != PANGO_GLYPH_EMPTY)
        {
          cairo_glyph_t *g = &out->glyphs[out->n_glyphs++];

          g->index = gi->glyph;
          g->x = (double) (position + gi->geometry.x_offset) / PANGO_SCALE;
          g->y = (double) gi->geometry.y_offset / PANGO_SCALE;
        }
      position += gi->geometry.width;
    }
  run_clusters (out, run, text);
  return out;
}

/* @line's runs ready for cairo, in the order Pango's renderer draws them,
 * into @runs; FALSE when one of them is not plain. */
static gboolean
prepare_runs (PangoLayoutLine  *line,
              Run             **runs)
{
  const char *text = pango_layout_get_text (line->layout);
  Run **tail = runs;
  int x = 0;

  for (GSList *l = line->runs; l != NULL; l = l->next)
    {
      PangoGlyphItem *run = l->data;
      cairo_scaled_font_t *font;

      font = run_is_plain (run)
             ? pango_cairo_font_get_scaled_font (PANGO_CAIRO_FONT (run->item->analysis.font))
             : NULL;
      if (font == NULL || cairo_scaled_font_status (font) != CAIRO_STATUS_SUCCESS)
        return FALSE;
      x += run->start_x_offset;
      *tail = make_run (run, text, x);
      tail = &(*tail)->next;
      x += pango_glyph_string_get_width (run->glyphs) + run->end_x_offset;
    }
  return TRUE;
}

/* Draws @runs with the line's origin @x, @y Pango units from the current
 * point, and leaves the current point where it was, as
 * pango_cairo_show_layout_line() does. */
static void
show_runs (cairo_t   *cr,
           const Run *runs,
           int        x,
           int        y)
{
  cairo_glyph_t stack[64];
  double origin_x, origin_y;

  cairo_get_current_point (cr, &origin_x, &origin_y);
  for (const Run *run = runs; run != NULL; run = run->next)
    {
      cairo_glyph_t *glyphs = run->n_glyphs <= (int) G_N_ELEMENTS (stack)
                              ? stack : g_new (cairo_glyph_t, run->n_glyphs);
      double base_x = origin_x + (double) (x + run->x) / PANGO_SCALE;
      double base_y = origin_y + (double) (y + run->y) / PANGO_SCALE;

      for (int i = 0; i < run->n_glyphs; i++)
        glyphs[i] = (cairo_glyph_t) { run->glyphs[i].index, base_x + run->glyphs[i].x,
                                      run->glyphs[i].y == 0 ? base_y
                                                            : base_y + run->glyphs[i].y };
      cairo_save (cr);
      cairo_set_scaled_font (cr, run->font);
      cairo_show_text_glyphs (cr, run->text, run->text_length, glyphs, run->n_glyphs,
                              run->clusters, run->n_clusters, 0);
      cairo_restore (cr);
      if (glyphs != stack)
        g_free (glyphs);
    }
  cairo_move_to (cr, origin_x, origin_y);
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
  lines->runs = g_new0 (Run *, lines->n);
  lines->plain = g_atomic_int_get (&own_runs);
  iter = pango_layout_get_iter (layout);
  do
    {
      pango_layout_iter_get_line_extents (iter, NULL, &lines->logical[i]);
      lines->baselines[i] = pango_layout_iter_get_baseline (iter);
      lines->lines[i] = pango_layout_iter_get_line_readonly (iter);
      lines->plain = lines->plain && prepare_runs (lines->lines[i], &lines->runs[i]);
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

static PangoLayout *
number_layout (ZbPdfPen *pen,
               guint     page)
{
  g_autofree char *text = g_strdup_printf ("— %u —", page);
  PangoLayout *layout = zb_pdf_pen_text (pen, ZB_PDF_FACE_SONG, ZB_PDF_SMALL_SIZE, text,
                                         pen->geometry.area_width, FALSE);

  zb_pdf_layout_prepare (layout);
  return layout;
}

/* Page numbers laid out on a thread of their own while the pages are
 * drawn, one ahead of the other: each page's number is a text of its own,
 * and laying 200 of them out on the drawing thread took 4 per cent of a
 * year's binder's time. The thread has a pen on a font map of its own;
 * its layouts come out as the drawing pen would make them (see
 * zb_pdf_pen_init_shaper). It measures them too: the drawing thread then
 * makes no Pango call on them, which could meet the thread's own in that
 * map's fonts, and draws only those whose runs are ready for cairo. */
struct _ZbPdfNumbers
{
  ZbPdfPen   pen;
  guint      first;
  guint      last;
  GThread   *thread;
  GMutex     lock;
  GCond      made;
  GPtrArray *layouts;      /* page first + i → its number's layout, or NULL */
  GArray    *widths;       /* and its logical width, Pango units */
  gboolean   stop;
};

static gpointer
numbers_run (gpointer data)
{
  ZbPdfNumbers *numbers = data;

  for (guint page = numbers->first; page <= numbers->last; page++)
    {
      PangoLayout *layout = number_layout (&numbers->pen, page);
      PangoRectangle logical;

      pango_layout_get_extents (layout, NULL, &logical);
      if (!get_lines (layout)->plain)
        g_clear_object (&layout);
      g_mutex_lock (&numbers->lock);
      g_ptr_array_add (numbers->layouts, layout);
      g_array_append_val (numbers->widths, logical.width);
      g_cond_signal (&numbers->made);
      if (numbers->stop)
        page = numbers->last;
      g_mutex_unlock (&numbers->lock);
    }
  return NULL;
}

/* Has pages @first to @last numbered ahead of drawing them, on @map, which
 * no other thread may use until zb_pdf_pen_clear(), nor this one. */
void
zb_pdf_pen_number_ahead (ZbPdfPen     *pen,
                         PangoFontMap *map,
                         guint         first,
                         guint         last)
{
  ZbPdfNumbers *numbers = g_new0 (ZbPdfNumbers, 1);

  g_return_if_fail (pen->numbers == NULL && first <= last);

  zb_pdf_pen_init_shaper (&numbers->pen, pen->cr, map, pen->fonts,
                          pen->geometry.width > pen->geometry.height);
  numbers->first = first;
  numbers->last = last;
  g_mutex_init (&numbers->lock);
  g_cond_init (&numbers->made);
  numbers->layouts = g_ptr_array_new_with_free_func (g_object_unref);
  numbers->widths = g_array_new (FALSE, FALSE, sizeof (int));
  numbers->thread = g_thread_new ("zb-pdf-numbers", numbers_run, numbers);
  pen->numbers = numbers;
}

/* Page @page's number, laid out ahead, once made, and its width; NULL if
 * it is not among those. */
static PangoLayout *
numbered_ahead (ZbPdfNumbers *numbers,
                guint         page,
                int          *width)
{
  PangoLayout *layout;

  if (numbers == NULL || page < numbers->first || page > numbers->last)
    return NULL;
  g_mutex_lock (&numbers->lock);
  while (numbers->layouts->len <= page - numbers->first)
    g_cond_wait (&numbers->made, &numbers->lock);
  layout = g_ptr_array_index (numbers->layouts, page - numbers->first);
  *width = g_array_index (numbers->widths, int, page - numbers->first);
  g_mutex_unlock (&numbers->lock);
  return layout != NULL ? g_object_ref (layout) : NULL;
}

static void
numbers_free (ZbPdfNumbers *numbers)
{
  g_mutex_lock (&numbers->lock);
  numbers->stop = TRUE;
  g_mutex_unlock (&numbers->lock);
  g_thread_join (numbers->thread);
  g_ptr_array_unref (numbers->layouts);
  g_array_unref (numbers->widths);
  zb_pdf_pen_clear (&numbers->pen);
  g_mutex_clear (&numbers->lock);
  g_cond_clear (&numbers->made);
  g_free (numbers);
}

static void
show_page_number (ZbPdfPen *pen)
{
  int width = 0;
  g_autoptr(PangoLayout) layout = numbered_ahead (pen->numbers, pen->page, &width);
  const ZbPdfGeometry *g = &pen->geometry;
  PangoRectangle logical;
  double x, y;

  if (layout == NULL)
    {
      layout = number_layout (pen, pen->page);
      pango_layout_get_extents (layout, NULL, &logical);
      width = logical.width;
    }
  /* GB/T 9704-2012 section 7.5: 4号 half-width digits between two dashes,
   * the dashes 7 mm below the type area; odd pages at the right and even
   * pages at the left, each one character in. */
  y = g->bottom + ZB_PDF_MM (7) - number_middle (pen);
  if (pen->page % 2 == 1)
    x = g->left + g->area_width - ZB_PDF_SMALL_SIZE - pango_units_to_double (width);
  else
    x = g->left + ZB_PDF_SMALL_SIZE;
  zb_pdf_pen_show_layout (pen, layout, x, y);
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
          if (lines->plain)
            show_runs (pen->cr, lines->runs[i], 0, 0);
          else
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
  const Lines *lines;

  if (!pen->drawing)
    return;
  lines = get_lines (layout);
  cairo_move_to (pen->cr, x, y);
  if (!lines->plain)
    {
      pango_cairo_show_layout (pen->cr, layout);
      return;
    }
  /* Each line from its baseline, as pango_renderer_draw_layout() places it. */
  for (guint i = 0; i < lines->n; i++)
    show_runs (pen->cr, lines->runs[i], lines->logical[i].x, lines->baselines[i]);
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
