#define G_LOG_DOMAIN "zb-pdf-renderer"

#include "config.h"

#include <stdlib.h>
#include <string.h>
#include <cairo-pdf.h>

#include "zb-pdf-dates.h"
#include "zb-pdf-pen.h"
#include "zb-pdf-renderer.h"
#include "zb-pdf-table.h"

/* Every printed record, laid out to GB/T 9704-2012 as DOMAIN.md section 5
 * gives it: blocks one under the other on the 28 x 22 grid, a heading
 * never left alone at a page's foot, tables with their header on each
 * page, page numbers, and a table of contents that knows its pages because
 * the document is placed twice when it has one: once to measure, once to
 * draw, from text shaped once, ahead of both. */

/* A heading keeps this many lines of what follows it on its page. */
#define KEEP_LINES 2

G_DEFINE_QUARK (zb-pdf-error-quark, zb_pdf_error)

/* The shaping thread's font map, kept from one render to the next: a new
 * one loads and sets every font up again, a third of that thread's time on
 * a year's binder. A font map is for one thread at a time: a render holds
 * shaper_lock from its shaping until its layouts are freed, and one that
 * finds it held makes a map of its own. */
static GMutex shaper_lock;
static PangoFontMap *shaper_map;

/* The page numbers' thread's, kept alike (zb_pdf_pen_number_ahead). */
static GMutex numbers_lock;
static PangoFontMap *numbers_map;

static double place_start_height (ZbPdfPen      *pen,
                                  ZbPdfDocument *document,
                                  guint          index);

static cairo_status_t
collect (void                *closure,
         const unsigned char *data,
         unsigned int         length)
{
  g_byte_array_append (closure, data, length);
  return CAIRO_STATUS_SUCCESS;
}

/* GB/T 9704-2012 section 7.3.3: headings 一、 in 黑体, （一） in 楷体,
 * 1. and （1） in 仿宋. */
static ZbPdfFace
heading_face (guint level)
{
  return level == 1 ? ZB_PDF_FACE_HEI : level == 2 ? ZB_PDF_FACE_KAI : ZB_PDF_FACE_FANGSONG;
}

/* GB/T 9704-2012 section 7.3.1: the title in 2号小标宋, centred. Its lines
 * are a quarter wider apart than the grid's: 22 pt glyphs 29 pt apart
 * touch; the grid resumes under it. */
static PangoLayout *
title_layout (ZbPdfPen   *pen,
              const char *text)
{
  const ZbPdfGeometry *g = &pen->geometry;
  PangoLayout *layout = zb_pdf_pen_text (pen, ZB_PDF_FACE_XIAOBIAOSONG, ZB_PDF_TITLE_SIZE, text,
                                         g->area_width, FALSE);
  PangoAttrList *attrs = pango_attr_list_new ();

  pango_attr_list_insert (attrs, pango_attr_line_height_new_absolute (
    (int) (ZB_PDF_LINE_PITCH * 1.25 * PANGO_SCALE)));
  pango_layout_set_attributes (layout, attrs);
  pango_layout_set_alignment (layout, PANGO_ALIGN_CENTER);
  pango_attr_list_unref (attrs);
  return layout;
}

/* Where a field's value starts, after its "label：": measured on the label
 * and the value's first character alone, which lie as they do in the whole
 * field, since measuring the whole field and then hanging its indent
 * would lay it out twice. The same labels come back in every meeting, and
 * often the same first character: each such head is measured once. */
static int
value_start (ZbPdfPen   *pen,
             const char *field,
             gsize       label_length)
{
  const char *value = field + label_length;
  g_autofree char *head = g_strndup (field, (*value != '\0' ? g_utf8_next_char (value) : value)
                                              - field);
  g_autoptr(PangoLayout) layout = NULL;
  gpointer known;
  PangoRectangle pos;

  if (g_hash_table_lookup_extended (pen->value_starts, head, NULL, &known))
    return GPOINTER_TO_INT (known);
  layout = zb_pdf_pen_text (pen, ZB_PDF_FACE_FANGSONG, ZB_PDF_BODY_SIZE, head,
                            pen->geometry.area_width, TRUE);
  pango_layout_index_to_pos (layout, label_length, &pos);
  g_hash_table_insert (pen->value_starts, g_steal_pointer (&head), GINT_TO_POINTER (pos.x));
  return pos.x;
}

/* The layout of a block of text, drawn from the type area's left edge;
 * NULL for the blocks that are not one run of text. */
static PangoLayout *
text_layout (ZbPdfPen         *pen,
             const ZbPdfBlock *block)
{
  const ZbPdfGeometry *g = &pen->geometry;
  g_autofree char *field = NULL;
  PangoLayout *layout = NULL;
  int start;

  switch (block->kind)
    {
    case ZB_PDF_BLOCK_TITLE:
      layout = title_layout (pen, block->text);
      break;
    case ZB_PDF_BLOCK_SUBTITLE:
      layout = zb_pdf_pen_text (pen, ZB_PDF_FACE_FANGSONG, ZB_PDF_BODY_SIZE, block->text,
                                g->area_width, TRUE);
      pango_layout_set_alignment (layout, PANGO_ALIGN_CENTER);
      break;
    case ZB_PDF_BLOCK_HEADING:
    case ZB_PDF_BLOCK_PARAGRAPH:
      /* Section 7.3.3: paragraphs and headings start two characters in. */
      layout = zb_pdf_pen_text (pen, block->kind == ZB_PDF_BLOCK_HEADING
                                       ? heading_face (block->level) : ZB_PDF_FACE_FANGSONG,
                                ZB_PDF_BODY_SIZE, block->text, g->area_width, TRUE);
      pango_layout_set_indent (layout, (int) (2 * ZB_PDF_CHAR_PITCH * PANGO_SCALE));
      break;
    case ZB_PDF_BLOCK_FIELD:
      /* "label：value", the value's further lines hanging under its start. */
      field = g_strdup_printf ("%s：%s", block->label, block->text != NULL ? block->text : "");
      layout = zb_pdf_pen_text (pen, ZB_PDF_FACE_FANGSONG, ZB_PDF_BODY_SIZE, field,
                                g->area_width, TRUE);
      start = value_start (pen, field, strlen (block->label) + strlen ("："));
      pango_layout_set_indent (layout, -MIN (start, (int) (g->area_width / 2 * PANGO_SCALE)));
      break;
    case ZB_PDF_BLOCK_NOTE:
      /* Small print, off the grid. */
      layout = zb_pdf_pen_text (pen, ZB_PDF_FACE_FANGSONG, ZB_PDF_NOTE_SIZE, block->text,
                                g->area_width, FALSE);
      break;
    default:
      break;
    }
  return layout;
}

static GPtrArray *
shape_text (ZbPdfPen      *pen,
            gconstpointer  block)
{
  GPtrArray *shapes = g_ptr_array_new_with_free_func (g_object_unref);

  g_ptr_array_add (shapes, text_layout (pen, block));
  return shapes;
}

/* The layout of a block of text, made once for both passes. */
static PangoLayout *
block_layout (ZbPdfPen         *pen,
              const ZbPdfBlock *block)
{
  return g_ptr_array_index (zb_pdf_pen_shapes (pen, block, shape_text), 0);
}

static void
place_text (ZbPdfPen         *pen,
            const ZbPdfBlock *block)
{
  const ZbPdfGeometry *g = &pen->geometry;
  PangoLayout *layout = block_layout (pen, block);

  if (block->kind == ZB_PDF_BLOCK_NOTE)
    zb_pdf_pen_begin (pen, zb_pdf_layout_height (layout, -1));
  zb_pdf_pen_show_lines (pen, layout, g->left);
  if (block->kind == ZB_PDF_BLOCK_TITLE)
    pen->y += ZB_PDF_LINE_PITCH;    /* section 7.3.2: a line left blank under the title */
  zb_pdf_pen_snap (pen);
}

/* Signature lines, right of centre: "label：name", or the label and a rule
 * to sign on. */
static PangoLayout *
signature_layout (ZbPdfPen         *pen,
                  const ZbPdfBlock *block,
                  guint             i)
{
  const ZbPdfGeometry *g = &pen->geometry;
  const char *const *names = block->rows->len > 0 ? g_ptr_array_index (block->rows, 0) : NULL;
  const char *name = NULL;
  g_autofree char *text = NULL;

  for (guint j = 0; names != NULL && names[j] != NULL && name == NULL; j++)
    if (j == i)
      name = names[j];
  text = g_strdup_printf ("%s：%s", block->columns[i], name != NULL ? name : "");
  return zb_pdf_pen_text (pen, ZB_PDF_FACE_FANGSONG, ZB_PDF_BODY_SIZE, text,
                          g->area_width / 2 - 2 * ZB_PDF_CHAR_PITCH, TRUE);
}

static GPtrArray *
shape_signatures (ZbPdfPen      *pen,
                  gconstpointer  data)
{
  const ZbPdfBlock *block = data;
  GPtrArray *layouts = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint i = 0; block->columns != NULL && block->columns[i] != NULL; i++)
    g_ptr_array_add (layouts, signature_layout (pen, block, i));
  return layouts;
}

/* The signature lines' layouts, made once for both passes. */
static GPtrArray *
signature_layouts (ZbPdfPen         *pen,
                   const ZbPdfBlock *block)
{
  return zb_pdf_pen_shapes (pen, block, shape_signatures);
}

static double
signatures_height (ZbPdfPen         *pen,
                   const ZbPdfBlock *block)
{
  GPtrArray *layouts = signature_layouts (pen, block);
  double height = ZB_PDF_LINE_PITCH;

  for (guint i = 0; i < layouts->len; i++)
    height += zb_pdf_layout_height (g_ptr_array_index (layouts, i), -1);
  return height;
}

static void
place_signatures (ZbPdfPen         *pen,
                  const ZbPdfBlock *block)
{
  const ZbPdfGeometry *g = &pen->geometry;
  GPtrArray *layouts = signature_layouts (pen, block);
  double x = g->left + g->area_width / 2 + 2 * ZB_PDF_CHAR_PITCH;

  /* A blank line above; the lines kept together on one page. */
  zb_pdf_pen_begin (pen, signatures_height (pen, block));
  pen->y += ZB_PDF_LINE_PITCH;
  for (guint i = 0; i < layouts->len; i++)
    {
      PangoLayout *layout = g_ptr_array_index (layouts, i);
      PangoRectangle logical;
      double top = pen->y;

      zb_pdf_pen_show_lines (pen, layout, x);
      pango_layout_get_extents (layout, NULL, &logical);
      if (pen->drawing && pango_layout_get_line_count (layout) == 1
          && g_str_has_suffix (pango_layout_get_text (layout), "："))
        {
          double start = x + pango_units_to_double (logical.width) + 2;
          double base = top + ZB_PDF_LINE_PITCH * 0.8;

          cairo_move_to (pen->cr, start, base);
          cairo_line_to (pen->cr, MIN (start + 6 * ZB_PDF_CHAR_PITCH,
                                       g->left + g->area_width), base);
          cairo_set_line_width (pen->cr, 0.5);
          cairo_stroke (pen->cr);
        }
    }
}

/* A dashed line across the type area, its words (存根, 回执) centred on it. */
static void
place_cut (ZbPdfPen         *pen,
           const ZbPdfBlock *block)
{
  const ZbPdfGeometry *g = &pen->geometry;
  g_autoptr(PangoLayout) layout = zb_pdf_pen_text (pen, ZB_PDF_FACE_FANGSONG, ZB_PDF_BODY_SIZE,
                                                   block->text, g->area_width, TRUE);
  const double dashes[] = { 4.0, 3.0 };
  PangoRectangle logical;
  double middle, gap_left, gap_right;

  pango_layout_set_alignment (layout, PANGO_ALIGN_CENTER);
  pango_layout_get_extents (layout, NULL, &logical);
  zb_pdf_pen_begin (pen, ZB_PDF_LINE_PITCH);
  if (pen->drawing)
    {
      middle = pen->y + ZB_PDF_LINE_PITCH / 2;
      gap_left = g->left + pango_units_to_double (logical.x) - ZB_PDF_CHAR_PITCH / 2;
      gap_right = gap_left + pango_units_to_double (logical.width) + ZB_PDF_CHAR_PITCH;
      if (block->text == NULL || *block->text == '\0')
        gap_left = gap_right = g->left + g->area_width / 2;
      zb_pdf_pen_show_layout (pen, layout, g->left, pen->y);
      cairo_save (pen->cr);
      cairo_set_dash (pen->cr, dashes, G_N_ELEMENTS (dashes), 0);
      cairo_set_line_width (pen->cr, 0.75);
      cairo_move_to (pen->cr, g->left, middle);
      cairo_line_to (pen->cr, gap_left, middle);
      cairo_move_to (pen->cr, gap_right, middle);
      cairo_line_to (pen->cr, g->left + g->area_width, middle);
      cairo_stroke (pen->cr);
      cairo_restore (pen->cr);
    }
  pen->y += ZB_PDF_LINE_PITCH;
}

static GPtrArray *
shape_toc (ZbPdfPen      *pen,
           gconstpointer  data)
{
  const ZbPdfBlock *block = data;
  const ZbPdfGeometry *g = &pen->geometry;
  GPtrArray *layouts = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint i = 0; i < block->rows->len; i++)
    {
      const char *const *entry = g_ptr_array_index (block->rows, i);

      g_ptr_array_add (layouts, zb_pdf_pen_text (pen, ZB_PDF_FACE_FANGSONG, ZB_PDF_BODY_SIZE,
                                                 entry[0],
                                                 g->area_width - 4 * ZB_PDF_CHAR_PITCH, TRUE));
    }
  return layouts;
}

/* The entries' texts, laid out once for both passes (their page numbers
 * are known on the second only). */
static GPtrArray *
toc_layouts (ZbPdfPen         *pen,
             const ZbPdfBlock *block)
{
  return zb_pdf_pen_shapes (pen, block, shape_toc);
}

/* One entry of a table of contents: its text, a dotted leader and the page
 * its anchor starts on (known on the second pass). */
static void
place_toc_entry (ZbPdfPen          *pen,
                 const char *const *entry,
                 PangoLayout       *text)
{
  const ZbPdfGeometry *g = &pen->geometry;
  const char *anchor = entry[0] != NULL ? entry[1] : NULL;
  gpointer page = NULL;
  g_autofree char *number = NULL;
  g_autoptr(PangoLayout) digits = NULL;
  PangoRectangle last, logical;
  double top, end, start;

  zb_pdf_pen_begin (pen, zb_pdf_layout_height (text, -1));
  /* No link to the page: cairo 1.16 writes a link annotation's object
   * number into the xref table without the object. */
  zb_pdf_pen_show_lines (pen, text, g->left);
  if (!pen->drawing)
    return;

  if (pen->toc_pages != NULL && anchor != NULL)
    page = g_hash_table_lookup (pen->toc_pages, anchor);
  number = page != NULL ? g_strdup_printf ("%u", GPOINTER_TO_UINT (page)) : g_strdup ("");
  digits = zb_pdf_pen_text (pen, ZB_PDF_FACE_FANGSONG, ZB_PDF_BODY_SIZE, number,
                            g->area_width, TRUE);

  /* The number on the entry's last line, flush right. */
  top = pen->y - ZB_PDF_LINE_PITCH;
  pango_layout_get_extents (digits, NULL, &logical);
  start = g->left + g->area_width - pango_units_to_double (logical.width);
  zb_pdf_pen_show_layout (pen, digits, start, top);
  pango_layout_line_get_extents (pango_layout_get_line_readonly (text,
                                   pango_layout_get_line_count (text) - 1), NULL, &last);
  end = g->left + pango_units_to_double (last.x + last.width) + 4;
  if (end < start - 8)
    {
      const double dots[] = { 0.0, 4.0 };

      cairo_save (pen->cr);
      cairo_set_dash (pen->cr, dots, G_N_ELEMENTS (dots), 0);
      cairo_set_line_cap (pen->cr, CAIRO_LINE_CAP_ROUND);
      cairo_set_line_width (pen->cr, 1.2);
      cairo_move_to (pen->cr, end, top + ZB_PDF_LINE_PITCH * 0.7);
      cairo_line_to (pen->cr, start - 4, top + ZB_PDF_LINE_PITCH * 0.7);
      cairo_stroke (pen->cr);
      cairo_restore (pen->cr);
    }
}

static void
place_toc (ZbPdfPen         *pen,
           const ZbPdfBlock *block)
{
  GPtrArray *layouts = toc_layouts (pen, block);

  for (guint i = 0; i < block->rows->len; i++)
    place_toc_entry (pen, g_ptr_array_index (block->rows, i), g_ptr_array_index (layouts, i));
}

/* What of block @index must fit on a page for it to start there: a few
 * lines of text, a table's header and first row, a heading and what it
 * keeps with it. */
static double
place_start_height (ZbPdfPen      *pen,
                    ZbPdfDocument *document,
                    guint          index)
{
  const ZbPdfBlock *block = zb_pdf_document_get_block (document, index);
  double height;

  switch (block->kind)
    {
    case ZB_PDF_BLOCK_TABLE:
      return zb_pdf_table_start_height (pen, block);
    case ZB_PDF_BLOCK_SIGNATURES:
      return signatures_height (pen, block);
    case ZB_PDF_BLOCK_CUT:
    case ZB_PDF_BLOCK_TOC:
      return ZB_PDF_LINE_PITCH;
    case ZB_PDF_BLOCK_PAGE_BREAK:
      return 0;
    default:
      break;
    }
  height = zb_pdf_layout_height (block_layout (pen, block),
                                 block->kind == ZB_PDF_BLOCK_HEADING ? -1 : KEEP_LINES);
  /* GB/T 9704-2012 leaves no heading alone at a page's foot: it goes over
   * with the first lines of what it heads (and a title with its heading). */
  if ((block->kind == ZB_PDF_BLOCK_HEADING || block->kind == ZB_PDF_BLOCK_TITLE)
      && index + 1 < zb_pdf_document_get_n_blocks (document))
    height += (block->kind == ZB_PDF_BLOCK_TITLE ? ZB_PDF_LINE_PITCH : 0)
              + place_start_height (pen, document, index + 1);
  return height;
}

static void
place_block (ZbPdfPen      *pen,
             ZbPdfDocument *document,
             guint          index)
{
  const ZbPdfGeometry *g = &pen->geometry;
  const ZbPdfBlock *block = zb_pdf_document_get_block (document, index);

  pen->anchor = block->anchor;
  pen->anchor_text = block->text;
  if (block->kind == ZB_PDF_BLOCK_HEADING || block->kind == ZB_PDF_BLOCK_TITLE)
    {
      double keep = place_start_height (pen, document, index);

      if (pen->y + keep > g->bottom + 0.5 && !pen->page_empty
          && keep <= g->area_height)
        zb_pdf_pen_new_page (pen);
    }
  switch (block->kind)
    {
    case ZB_PDF_BLOCK_TABLE:
      zb_pdf_table_place (pen, block);
      break;
    case ZB_PDF_BLOCK_SIGNATURES:
      place_signatures (pen, block);
      break;
    case ZB_PDF_BLOCK_CUT:
      place_cut (pen, block);
      break;
    case ZB_PDF_BLOCK_TOC:
      place_toc (pen, block);
      break;
    case ZB_PDF_BLOCK_PAGE_BREAK:
      if (!pen->page_empty)
        zb_pdf_pen_new_page (pen);
      break;
    default:
      place_text (pen, block);
    }
  pen->anchor = NULL;
  pen->anchor_text = NULL;
}

/* Lays a block's text out, ahead of placing it. A PangoLayout shapes its
 * text when first asked about its lines, not when it is made: ask, and
 * measure them. */
static void
shape_block (ZbPdfPen         *pen,
             const ZbPdfBlock *block)
{
  GPtrArray *layouts;

  switch (block->kind)
    {
    case ZB_PDF_BLOCK_TABLE:
      zb_pdf_table_shape (pen, block);
      break;
    case ZB_PDF_BLOCK_SIGNATURES:
      layouts = signature_layouts (pen, block);
      for (guint i = 0; i < layouts->len; i++)
        zb_pdf_layout_prepare (g_ptr_array_index (layouts, i));
      break;
    case ZB_PDF_BLOCK_TITLE:
    case ZB_PDF_BLOCK_SUBTITLE:
    case ZB_PDF_BLOCK_HEADING:
    case ZB_PDF_BLOCK_PARAGRAPH:
    case ZB_PDF_BLOCK_FIELD:
    case ZB_PDF_BLOCK_NOTE:
      zb_pdf_layout_prepare (block_layout (pen, block));
      break;
    case ZB_PDF_BLOCK_TOC:
      layouts = toc_layouts (pen, block);
      for (guint i = 0; i < layouts->len; i++)
        zb_pdf_layout_prepare (g_ptr_array_index (layouts, i));
      break;
    default:
      break;
    }
}

typedef struct
{
  ZbPdfPen       pen;
  ZbPdfDocument *document;
  gint          *next;       /* the next block to lay out, shared by both threads */
} Shaper;

/* Lays out block after block, taking each from @next, until none is left. */
static void
shape_rest (ZbPdfPen      *pen,
            ZbPdfDocument *document,
            gint          *next)
{
  guint n = zb_pdf_document_get_n_blocks (document);
  guint i;

  while ((i = (guint) g_atomic_int_add (next, 1)) < n)
    shape_block (pen, zb_pdf_document_get_block (document, i));
}

static gpointer
shaper_run (gpointer data)
{
  Shaper *shaper = data;

  shape_rest (&shaper->pen, shaper->document, shaper->next);
  return NULL;
}

/* Lays every block out before the passes, on two threads: shaping text is
 * most of a long document's time (a year's binder: about 40 per cent), and
 * an office PC has at least two cores. Each thread takes the next block
 * not yet taken, so that neither waits for the other when it is slowed
 * down. Which thread lays a block out does not change its layout (both
 * pens' contexts are made alike, with the same fonts), nor the bytes.
 *
 * The @lead blocks, those ahead of a table of contents (a binder's cover),
 * are laid out and drawn on this thread first, while the other one shapes:
 * their page does not wait for the contents' page numbers, and drawing it
 * has cairo read the fonts it uses (each CJK font's whole CFF table, some
 * 20 MB), work that would otherwise come after all the shaping. Cairo gets
 * the very calls it would get later, so the bytes are the same. */
static void
shape_all (ZbPdfPen      *pen,
           ZbPdfDocument *document,
           PangoFontMap  *map,
           guint          lead)
{
  gint next = lead;
  Shaper shaper = { .document = document, .next = &next };
  GThread *thread;

  zb_pdf_pen_init_shaper (&shaper.pen, pen->cr, map, pen->fonts,
                          zb_pdf_document_get_landscape (document));
  thread = g_thread_new ("zb-pdf-shaper", shaper_run, &shaper);
  for (guint i = 0; i < lead; i++)
    place_block (pen, document, i);
  shape_rest (pen, document, &next);
  g_thread_join (thread);

  zb_pdf_pen_take_shapes (pen, &shaper.pen);
  zb_pdf_pen_clear (&shaper.pen);
}

/* Lays the document out with @pen from block @from on; returns the
 * anchors' pages. */
static GHashTable *
lay_out (ZbPdfPen      *pen,
         ZbPdfDocument *document,
         guint          from)
{
  for (guint i = from; i < zb_pdf_document_get_n_blocks (document); i++)
    place_block (pen, document, i);
  zb_pdf_pen_finish (pen);
  return g_hash_table_ref (pen->anchors);
}

/* How many blocks come ahead of the document's first table of contents
 * and end with a page break: their pages can be drawn before the contents
 * know their page numbers. 0 for a document without contents. */
static guint
lead_length (ZbPdfDocument *document)
{
  guint lead = 0;

  for (guint i = 0; i < zb_pdf_document_get_n_blocks (document); i++)
    switch (zb_pdf_document_get_block (document, i)->kind)
      {
      case ZB_PDF_BLOCK_TOC:
        return lead;
      case ZB_PDF_BLOCK_PAGE_BREAK:
        lead = i + 1;
        break;
      default:
        break;
      }
  return 0;
}

static gboolean
has_toc (ZbPdfDocument *document)
{
  for (guint i = 0; i < zb_pdf_document_get_n_blocks (document); i++)
    if (zb_pdf_document_get_block (document, i)->kind == ZB_PDF_BLOCK_TOC)
      return TRUE;
  return FALSE;
}

static gpointer
free_shapes (gpointer shapes)
{
  g_hash_table_unref (shapes);
  return NULL;
}

/* The creation date: SOURCE_DATE_EPOCH's when set (reproducible builds),
 * else now. Cairo 1.16 would read neither. */
static char *
creation_date (void)
{
  const char *epoch = g_getenv ("SOURCE_DATE_EPOCH");
  g_autoptr(GDateTime) when = NULL;
  char *end = NULL;
  gint64 seconds;

  if (epoch != NULL && *epoch != '\0')
    {
      seconds = g_ascii_strtoll (epoch, &end, 10);
      if (end != NULL && *end == '\0')
        when = g_date_time_new_from_unix_utc (seconds);
    }
  if (when == NULL)
    when = g_date_time_new_now_utc ();
  return g_date_time_format (when, "%Y-%m-%dT%H:%M:%SZ");
}

static void
set_metadata (cairo_surface_t *surface,
              ZbPdfDocument   *document,
              ZbPdfFonts      *fonts)
{
  g_autofree char *date = creation_date ();
  g_autofree char *keywords = zb_pdf_fonts_describe (fonts);
  const char *title = zb_pdf_document_get_title (document);
  const char *subject = zb_pdf_document_get_subject (document);
  const char *author = zb_pdf_document_get_author (document);

  if (title != NULL)
    cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_TITLE, title);
  if (subject != NULL)
    cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_SUBJECT, subject);
  if (author != NULL)
    cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_AUTHOR, author);
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_CREATOR, "Zhibu " PACKAGE_VERSION);
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_KEYWORDS, keywords);
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_CREATE_DATE, date);
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_MOD_DATE, date);
}

/* The document as the bytes of a PDF, in the standard's faces. */
GBytes *
zb_pdf_render (ZbPdfDocument  *document,
               GError        **error)
{
  return zb_pdf_render_full (document, NULL, error);
}

/* The same, drawn as @options say (NULL: as zb_pdf_render()). */
GBytes *
zb_pdf_render_full (ZbPdfDocument             *document,
                    const ZbPdfRenderOptions  *options,
                    GError                   **error)
{
  g_autoptr(GByteArray) bytes = g_byte_array_new ();
  g_autoptr(ZbPdfFonts) fonts = zb_pdf_fonts_new_chosen (options ? options->families : NULL);
  g_autoptr(GHashTable) pages = NULL;
  gboolean landscape = zb_pdf_document_get_landscape (document);
  ZbPdfGeometry geometry;
  GThread *freer;
  GHashTable *shapes;
  guint last_page;
  PangoFontMap *map, *pages_map = NULL;
  gboolean own_numbers_map = FALSE;
  gboolean own_map;
  guint lead;
  cairo_surface_t *surface;
  cairo_status_t status;
  cairo_t *cr;
  ZbPdfPen pen;

  zb_pdf_geometry_init (&geometry, landscape);
  surface = cairo_pdf_surface_create_for_stream (collect, bytes, geometry.width,
                                                 geometry.height);
  set_metadata (surface, document, fonts);
  cr = cairo_create (surface);
  zb_pdf_pen_init (&pen, cr, fonts, landscape, TRUE);
  lead = lead_length (document);
  own_map = g_mutex_trylock (&shaper_lock);
  if (own_map && shaper_map == NULL)
    shaper_map = pango_cairo_font_map_new ();
  map = own_map ? g_object_ref (shaper_map) : pango_cairo_font_map_new ();
  shape_all (&pen, document, map, lead);
  if (has_toc (document))
    {
      /* A pass to learn where each anchor lands, for the contents. */
      zb_pdf_pen_start_measuring (&pen);
      pages = lay_out (&pen, document, lead);
      last_page = pen.page;
      zb_pdf_pen_start_drawing (&pen);
      /* Now that the pages are counted, their numbers are laid out while
       * they are drawn. */
      own_numbers_map = g_mutex_trylock (&numbers_lock);
      if (own_numbers_map && numbers_map == NULL)
        numbers_map = pango_cairo_font_map_new ();
      pages_map = own_numbers_map ? g_object_ref (numbers_map) : pango_cairo_font_map_new ();
      zb_pdf_pen_number_ahead (&pen, pages_map, pen.page, last_page);
    }
  pen.toc_pages = pages;
  g_hash_table_unref (lay_out (&pen, document, lead));
  /* The layouts are freed on another thread while cairo writes out the
   * fonts: thousands of them, and no Pango call is made meanwhile (the
   * page numbers' thread is done once the pen is cleared). */
  shapes = g_steal_pointer (&pen.shapes);
  zb_pdf_pen_clear (&pen);
  g_clear_object (&pages_map);
  if (own_numbers_map)
    g_mutex_unlock (&numbers_lock);
  freer = g_thread_new ("zb-pdf-freer", free_shapes, shapes);
  cairo_destroy (cr);
  cairo_surface_finish (surface);
  g_thread_join (freer);
  g_object_unref (map);
  if (own_map)
    g_mutex_unlock (&shaper_lock);
  status = cairo_surface_status (surface);
  cairo_surface_destroy (surface);

  if (status != CAIRO_STATUS_SUCCESS)
    {
      g_set_error (error, ZB_PDF_ERROR, ZB_PDF_ERROR_FAILED, "%s",
                   cairo_status_to_string (status));
      return NULL;
    }
  zb_pdf_dates_fix (bytes);
  return g_byte_array_free_to_bytes (g_steal_pointer (&bytes));
}
