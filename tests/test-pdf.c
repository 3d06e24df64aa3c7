#define G_LOG_DOMAIN "test-pdf"

/* test-pdf.c: the GB/T 9704-2012 renderer, read back with Poppler, qpdf
 * and pdffonts
 *
 * Copyright 2026 The Zhibu authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <locale.h>
#include <math.h>
#include <string.h>

#include <glib/gstdio.h>
#include <poppler.h>

#include "zb-pdf-document.h"
#include "zb-pdf-pen.h"
#include "zb-pdf-renderer.h"
#include "zb-test-util.h"

/* poppler-glib 22.12 declares no autoptr cleanups. */
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PopplerDocument, g_object_unref)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PopplerPage, g_object_unref)

#define MM(x)          ((x) * 72.0 / 25.4)
#define LEFT           MM (28)
#define TOP            MM (37)
#define AREA_WIDTH     MM (156)
#define AREA_HEIGHT    MM (225)

/* Continuous Chinese text without punctuation, so that no line-breaking
 * rule can move a character: the grid shows as it is. */
static const char hanzi[] =
  "学习贯彻党的二十大精神推动全面从严治党向纵深发展支部委员会认真履行职责"
  "组织党员开展主题教育深入基层调查研究解决群众急难愁盼问题提高服务能力";

static char *
chinese_text (guint n_chars,
              guint offset)
{
  GString *text = g_string_new (NULL);
  glong n = g_utf8_strlen (hanzi, -1);

  for (guint i = 0; i < n_chars; i++)
    {
      const char *c = g_utf8_offset_to_pointer (hanzi, (offset + i) % n);

      g_string_append_len (text, c, g_utf8_next_char (c) - c);
    }
  return g_string_free (text, FALSE);
}

static GBytes *
render (ZbPdfDocument *document)
{
  g_autoptr(GError) error = NULL;
  GBytes *bytes = zb_pdf_render (document, &error);

  g_assert_no_error (error);
  g_assert_nonnull (bytes);
  return bytes;
}

static PopplerDocument *
open_pdf (GBytes *bytes)
{
  g_autoptr(GError) error = NULL;
  PopplerDocument *pdf = poppler_document_new_from_bytes (bytes, NULL, &error);

  g_assert_no_error (error);
  return pdf;
}

static char *
page_text (PopplerDocument *pdf,
           int              index)
{
  g_autoptr(PopplerPage) page = poppler_document_get_page (pdf, index);

  return poppler_page_get_text (page);
}

/* The page (from 1) whose text holds @needle first, or 0. */
static int
find_page (PopplerDocument *pdf,
           const char      *needle)
{
  for (int i = 0; i < poppler_document_get_n_pages (pdf); i++)
    {
      g_autofree char *text = page_text (pdf, i);

      if (strstr (text, needle) != NULL)
        return i + 1;
    }
  return 0;
}

/* Writes @bytes to @dir/@name, returning the path. */
static char *
save (GBytes     *bytes,
      const char *dir,
      const char *name)
{
  g_autoptr(GError) error = NULL;
  char *path = g_build_filename (dir, name, NULL);
  gsize size;
  const char *data = g_bytes_get_data (bytes, &size);

  g_file_set_contents (path, data, size, &error);
  g_assert_no_error (error);
  return path;
}

/* Runs a command, asserting it exits 0; returns what it printed. */
static char *
run (const char *const *argv)
{
  g_autoptr(GError) error = NULL;
  char *out = NULL;
  g_autofree char *err = NULL;
  int status;

  g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL,
                &out, &err, &status, &error);
  g_assert_no_error (error);
  if (!g_spawn_check_wait_status (status, NULL))
    g_error ("%s failed: %s%s", argv[0], out, err);
  return out;
}

/* PNGs of the first pages, to look at: ZHIBU_SCREENSHOT_DIR/pdf/NAME-N.png. */
static void
save_pngs (GBytes     *bytes,
           const char *name)
{
  const char *dir = g_getenv ("ZHIBU_SCREENSHOT_DIR");
  g_autofree char *pdf_dir = NULL;
  g_autofree char *path = NULL;
  g_autofree char *prefix = NULL;
  g_autofree char *out = NULL;

  if (dir == NULL)
    return;
  pdf_dir = g_build_filename (dir, "pdf", NULL);
  g_mkdir_with_parents (pdf_dir, 0755);
  path = g_strdup_printf ("%s/%s.pdf", pdf_dir, name);
  g_free (save (bytes, pdf_dir, strrchr (path, '/') + 1));
  prefix = g_build_filename (pdf_dir, name, NULL);
  out = run ((const char *[]) { "pdftoppm", "-png", "-r", "60", "-l", "3", path, prefix, NULL });
}

/* Character boxes of a page, each with its character. */
typedef struct
{
  gunichar         c;
  PopplerRectangle box;
} Glyph;

static GArray *
page_glyphs (PopplerDocument *pdf,
             int              index)
{
  g_autoptr(PopplerPage) page = poppler_document_get_page (pdf, index);
  g_autofree char *text = poppler_page_get_text (page);
  g_autofree PopplerRectangle *boxes = NULL;
  GArray *glyphs = g_array_new (FALSE, FALSE, sizeof (Glyph));
  guint n_boxes = 0;
  const char *p = text;

  g_assert_true (poppler_page_get_text_layout (page, &boxes, &n_boxes));
  for (guint i = 0; i < n_boxes && *p != '\0'; i++, p = g_utf8_next_char (p))
    {
      Glyph glyph = { g_utf8_get_char (p), boxes[i] };

      if (!g_unichar_isspace (glyph.c))
        g_array_append_val (glyphs, glyph);
    }
  return glyphs;
}

/* The document the other tests vary: every kind of block. */
static ZbPdfDocument *
sample_document (void)
{
  ZbPdfDocument *document = zb_pdf_document_new ("第一党支部2026年第3次支部委员会会议记录",
                                                 "支部委员会会议记录", "第一党支部");
  const char *columns[] = { "姓名", "职务", "出席情况", NULL };
  const double widths[] = { 0.3, 0.3, 0.4 };
  const char *labels[] = { "主持人", "记录人", NULL };
  const char *names[] = { "王建国", "", NULL };
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);
  g_autofree char *long_text = chinese_text (200, 0);

  for (guint i = 0; i < 6; i++)
    g_ptr_array_add (rows, g_strsplit (i % 2 ? "李红,组织委员,出席"
                                              : "张伟,宣传委员,请假（因公出差）", ",", -1));
  zb_pdf_document_add_title (document, "第一党支部2026年第3次支部委员会会议记录");
  zb_pdf_document_add_subtitle (document, "2026年3月12日");
  zb_pdf_document_add_field (document, "时间", "2026年3月12日 14:30");
  zb_pdf_document_add_field (document, "地点", long_text);
  zb_pdf_document_add_heading (document, 1, "一、第一议题");
  zb_pdf_document_add_paragraph (document, long_text);
  zb_pdf_document_add_heading (document, 2, "（一）学习内容");
  zb_pdf_document_add_paragraph (document, "学习了习近平总书记关于党的建设的重要思想。");
  zb_pdf_document_add_heading (document, 3, "1.讨论情况");
  zb_pdf_document_add_heading (document, 4, "（1）发言摘要");
  zb_pdf_document_add_table (document, columns, widths, rows);
  zb_pdf_document_add_paragraph (document, "会议一致同意上述决议。");
  zb_pdf_document_add_signatures (document, labels, names);
  zb_pdf_document_add_note (document, "定稿哈希：3f5a9c0e7b214d6a8e1f0c9b2a7d4e6f"
                                      "1a2b3c4d5e6f708192a3b4c5d6e7f809");
  zb_pdf_document_add_cut (document, "回　执");
  zb_pdf_document_add_paragraph (document, "回执正文。");
  return document;
}

static void
test_render_all_blocks (void)
{
  g_autoptr(ZbPdfDocument) document = sample_document ();
  g_autoptr(GBytes) bytes = render (document);
  g_autoptr(PopplerDocument) pdf = open_pdf (bytes);
  g_autofree char *text = page_text (pdf, 0);
  g_autofree char *keywords = poppler_document_get_keywords (pdf);
  g_autofree char *creator = poppler_document_get_creator (pdf);
  g_autofree char *author = poppler_document_get_author (pdf);
  g_autofree char *subject = poppler_document_get_subject (pdf);
  g_autofree char *title = poppler_document_get_title (pdf);

  save_pngs (bytes, "all-blocks");
  g_assert_nonnull (strstr (text, "第一党支部2026年第3次支部委员会会议记录"));
  g_assert_nonnull (strstr (text, "第一议题"));
  g_assert_cmpstr (title, ==, "第一党支部2026年第3次支部委员会会议记录");
  g_assert_cmpstr (subject, ==, "支部委员会会议记录");
  g_assert_cmpstr (author, ==, "第一党支部");
  g_assert_cmpstr (creator, ==, "Zhibu " PACKAGE_VERSION);
  /* Which faces stood in for 仿宋, 小标宋, 黑体 and 楷体. */
  g_assert_nonnull (strstr (keywords, "FangSong: "));
  g_assert_nonnull (strstr (keywords, "Kai: "));
  g_assert_cmpint (find_page (pdf, "回执正文"), >, 0);
  g_assert_cmpint (find_page (pdf, "记录人"), >, 0);
}

/* Glyphs in lines: a new line where a glyph starts left of the last. */
static GPtrArray *
glyph_lines (GArray *glyphs,
             double  bottom)
{
  GPtrArray *lines = g_ptr_array_new_with_free_func ((GDestroyNotify) g_array_unref);
  GArray *line = NULL;
  double last_x = G_MAXDOUBLE;

  for (guint i = 0; i < glyphs->len; i++)
    {
      Glyph *g = &g_array_index (glyphs, Glyph, i);

      if (g->box.y1 > bottom)
        continue;     /* the page number */
      if (line == NULL || g->box.x1 < last_x)
        {
          line = g_array_new (FALSE, FALSE, sizeof (Glyph));
          g_ptr_array_add (lines, line);
        }
      g_array_append_val (line, *g);
      last_x = g->box.x1;
    }
  return lines;
}

/* A4, and page 1's text starting at the type area's corner: 28 mm from the
 * left, 37 mm from the top. */
static void
test_page_margins (void)
{
  g_autoptr(ZbPdfDocument) document = sample_document ();
  g_autoptr(GBytes) bytes = render (document);
  g_autoptr(PopplerDocument) pdf = open_pdf (bytes);
  g_autoptr(GArray) glyphs = page_glyphs (pdf, 0);
  g_autoptr(GPtrArray) lines = NULL;
  double left = G_MAXDOUBLE, top = G_MAXDOUBLE;
  guint n_checked = 0;

  g_assert_cmpint (poppler_document_get_n_pages (pdf), >=, 1);
  for (int i = 0; i < poppler_document_get_n_pages (pdf); i++)
    {
      g_autoptr(PopplerPage) page = poppler_document_get_page (pdf, i);
      double width, height;

      poppler_page_get_size (page, &width, &height);
      g_assert_cmpfloat_with_epsilon (width, MM (210), 0.5);
      g_assert_cmpfloat_with_epsilon (height, MM (297), 0.5);
    }
  for (guint i = 0; i < glyphs->len; i++)
    {
      Glyph *g = &g_array_index (glyphs, Glyph, i);

      left = MIN (left, g->box.x1);
      top = MIN (top, g->box.y1);
    }
  g_test_message ("leftmost %.2f mm, top %.2f mm", left * 25.4 / 72, top * 25.4 / 72);
  g_assert_cmpfloat (fabs (left - LEFT), <=, MM (2));
  g_assert_cmpfloat (fabs (top - TOP), <=, MM (3));

  /* "地点：" and its value, the value's further lines hanging under its
   * start, three characters in; a heading two characters in. */
  lines = glyph_lines (glyphs, TOP + AREA_HEIGHT);
  for (guint i = 0; i + 1 < lines->len; i++)
    {
      Glyph *first = &g_array_index ((GArray *) g_ptr_array_index (lines, i), Glyph, 0);
      Glyph *next = &g_array_index ((GArray *) g_ptr_array_index (lines, i + 1), Glyph, 0);

      if (first->c == g_utf8_get_char ("地"))
        {
          g_assert_cmpfloat (fabs (first->box.x1 - LEFT), <=, 1.0);
          g_assert_cmpfloat (fabs (next->box.x1 - (LEFT + 3 * AREA_WIDTH / 28)), <=, 1.0);
          n_checked++;
        }
      if (first->c == g_utf8_get_char ("一"))
        {
          g_assert_cmpfloat (fabs (first->box.x1 - (LEFT + 2 * AREA_WIDTH / 28)), <=, 1.0);
          n_checked++;
        }
    }
  g_assert_cmpuint (n_checked, ==, 2);
}

/* GB/T 9704-2012 section 5.2.3: a page of continuous text holds 22 lines of
 * 28 characters, filling the type area. */
static void
test_page_grid (void)
{
  g_autoptr(ZbPdfDocument) document = zb_pdf_document_new ("正文", "正文", "第一党支部");
  g_autofree char *text = chinese_text (28 * 22 * 3, 0);
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(PopplerDocument) pdf = NULL;
  g_autoptr(GArray) glyphs = NULL;
  g_autoptr(GPtrArray) lines = NULL;

  zb_pdf_document_add_paragraph (document, text);
  bytes = render (document);
  pdf = open_pdf (bytes);
  save_pngs (bytes, "grid");
  g_assert_cmpint (poppler_document_get_n_pages (pdf), ==, 4);
  glyphs = page_glyphs (pdf, 1);
  lines = glyph_lines (glyphs, TOP + AREA_HEIGHT);
  g_assert_cmpuint (lines->len, ==, 22);
  for (guint i = 0; i < lines->len; i++)
    {
      GArray *line = g_ptr_array_index (lines, i);
      Glyph *first = &g_array_index (line, Glyph, 0);
      Glyph *last = &g_array_index (line, Glyph, line->len - 1);

      g_assert_cmpuint (line->len, ==, 28);
      g_assert_cmpfloat (fabs (first->box.x1 - LEFT), <=, 1.0);
      g_assert_cmpfloat (fabs (last->box.x2 - (LEFT + AREA_WIDTH)), <=, 1.0);
      /* Lines 29.0 pt apart: 225 mm over 22. */
      if (i > 0)
        {
          Glyph *above = &g_array_index ((GArray *) g_ptr_array_index (lines, i - 1), Glyph, 0);

          g_assert_cmpfloat_with_epsilon (first->box.y1 - above->box.y1, AREA_HEIGHT / 22, 0.1);
        }
    }
}

static void
test_pdf_check (void)
{
  g_autoptr(ZbPdfDocument) document = sample_document ();
  g_autoptr(GBytes) bytes = render (document);
  g_autofree char *dir = zb_test_make_dir ();
  g_autofree char *path = save (bytes, dir, "record.pdf");
  g_autofree char *qpdf = run ((const char *[]) { "qpdf", "--check", path, NULL });
  g_autofree char *fonts = run ((const char *[]) { "pdffonts", path, NULL });
  g_auto(GStrv) lines = g_strsplit (fonts, "\n", -1);
  guint n_fonts = 0;

  g_test_message ("%s", fonts);
  /* name, type, encoding, emb, sub, uni, object ID: after the two header
   * lines, every font embedded, as a subset, with a ToUnicode map. */
  for (guint i = 2; lines[i] != NULL; i++)
    {
      g_auto(GStrv) words = g_regex_split_simple ("\\s+", g_strstrip (lines[i]), 0, 0);
      guint n = g_strv_length (words);

      if (n == 0 || *words[0] == '\0')
        continue;
      g_assert_cmpuint (n, >=, 7);
      g_assert_cmpstr (words[n - 5], ==, "yes");   /* emb */
      g_assert_cmpstr (words[n - 4], ==, "yes");   /* sub */
      g_assert_cmpstr (words[n - 3], ==, "yes");   /* uni: extractable text */
      n_fonts++;
    }
  g_assert_cmpuint (n_fonts, >=, 3);
  zb_test_remove_dir (dir);
}

/* The fonts pdffonts finds in @document drawn with @options. */
static char *
fonts_of (ZbPdfDocument            *document,
          const ZbPdfRenderOptions *options)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = zb_pdf_render_full (document, options, &error);
  g_autofree char *dir = zb_test_make_dir ();
  g_autofree char *path = NULL;
  char *fonts;

  g_assert_no_error (error);
  path = save (bytes, dir, "fonts.pdf");
  fonts = run ((const char *[]) { "pdffonts", path, NULL });
  zb_test_remove_dir (dir);
  return fonts;
}

/* The faces chosen in Preferences (issue 13) reach the PDF through the
 * renderer's options: every face in Noto Sans CJK SC leaves no serif or
 * UKai face in it; a family this PC lacks falls back to the standard's
 * order, never claimed. */
static void
test_pdf_fonts_chosen (void)
{
  g_autoptr(ZbPdfDocument) document = sample_document ();
  ZbPdfRenderOptions sans = { { NULL } };
  ZbPdfRenderOptions missing = { { NULL } };
  g_autofree char *standard = fonts_of (document, NULL);
  g_autofree char *chosen = NULL;
  g_autofree char *fallen_back = NULL;

  for (ZbPdfFace face = 0; face < ZB_PDF_N_FACES; face++)
    sans.families[face] = "Noto Sans CJK SC";
  missing.families[ZB_PDF_FACE_FANGSONG] = "No Such Family Anywhere";
  chosen = fonts_of (document, &sans);
  fallen_back = fonts_of (document, &missing);
  g_test_message ("standard:\n%s\nchosen:\n%s", standard, chosen);

  g_assert_nonnull (strstr (standard, "NotoSerifCJK"));
  g_assert_nonnull (strstr (chosen, "NotoSansCJK"));
  g_assert_null (strstr (chosen, "NotoSerifCJK"));
  g_assert_null (strstr (chosen, "UKai"));
  g_assert_nonnull (strstr (fallen_back, "NotoSerifCJK"));
  g_assert_null (strstr (fallen_back, "No Such"));
}

/* Where @needle first occurs in @data (which has NULs), or NULL. */
static guint8 *
find_bytes (guint8     *data,
            gsize       size,
            const char *needle)
{
  gsize n = strlen (needle);

  for (gsize i = 0; i + n <= size; i++)
    if (memcmp (data + i, needle, n) == 0)
      return data + i;
  return NULL;
}

/* @bytes with the text of its dates blanked out, for comparing renders. */
static GBytes *
without_dates (GBytes *bytes)
{
  gsize size;
  const guint8 *data = g_bytes_get_data (bytes, &size);
  guint8 *copy = g_memdup2 (data, size);
  const char *keys[] = { "/CreationDate (", "/ModDate (" };
  guint n_dates = 0;

  for (guint k = 0; k < G_N_ELEMENTS (keys); k++)
    {
      guint8 *at = find_bytes (copy, size, keys[k]);

      if (at == NULL)
        continue;
      for (at += strlen (keys[k]); at < copy + size && *at != ')'; at++)
        *at = '0';
      n_dates++;
    }
  g_assert_cmpuint (n_dates, ==, 2);
  return g_bytes_new_take (copy, size);
}

/* With SOURCE_DATE_EPOCH, two renders a second apart are the same bytes,
 * dated by the variable; without it, they differ in their dates alone. */
static void
test_reproducible (void)
{
  g_autoptr(ZbPdfDocument) document = sample_document ();
  g_autoptr(GBytes) first = NULL;
  g_autoptr(GBytes) second = NULL;
  g_autoptr(GBytes) third = NULL;
  g_autoptr(PopplerDocument) pdf = NULL;
  g_autoptr(GBytes) a = NULL;
  g_autoptr(GBytes) b = NULL;

  g_setenv ("SOURCE_DATE_EPOCH", "1767225600", TRUE);    /* 2026-01-01 00:00 UTC */
  first = render (document);
  g_usleep (G_USEC_PER_SEC * 11 / 10);
  second = render (document);
  g_assert_true (g_bytes_equal (first, second));
  pdf = open_pdf (first);
  g_assert_cmpint (poppler_document_get_creation_date (pdf), ==, 1767225600);
  /* ISO 32000-1 section 7.9.4's form, which cairo 1.16 leaves out. */
  g_assert_nonnull (find_bytes ((guint8 *) g_bytes_get_data (first, NULL), g_bytes_get_size (first),
                                "/CreationDate (D:20260101000000Z)"));
  g_assert_nonnull (find_bytes ((guint8 *) g_bytes_get_data (first, NULL), g_bytes_get_size (first),
                                "/ModDate (D:20260101000000Z)"));
  g_assert_cmpint (poppler_document_get_modification_date (pdf), ==, 1767225600);

  g_unsetenv ("SOURCE_DATE_EPOCH");
  third = render (document);
  a = without_dates (first);
  b = without_dates (third);
  g_assert_true (g_bytes_equal (a, b));
}

/* Text the records' faces cannot draw as their plain runs: right-to-left
 * script and a character no font has, amid Chinese, in paragraphs, a
 * field and a table, as a pasted name or minutes might bring them. */
static ZbPdfDocument *
unusual_document (void)
{
  ZbPdfDocument *document = zb_pdf_document_new ("外来文字", "测试", "第一党支部");
  const char *columns[] = { "姓名", "备注", NULL };
  const double widths[] = { 0.4, 0.6 };
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);

  g_ptr_array_add (rows, g_strsplit ("阿依古丽,שלום עולם", ",", -1));
  g_ptr_array_add (rows, g_strsplit ("王\xee\x80\x81芳,私用区字符", ",", -1));
  zb_pdf_document_add_title (document, "外来文字");
  zb_pdf_document_add_field (document, "地点", "北京 مرحبا بالعالم 会议室");
  zb_pdf_document_add_paragraph (document, "会议记录中夹有希伯来文 שלום עולם 和阿拉伯文 مرحبا。");
  /* Alone in its paragraph: a layout with any unusual run goes to Pango whole. */
  zb_pdf_document_add_paragraph (document, "一个没有字形的私用区字符\xee\x80\x81。");
  zb_pdf_document_add_table (document, columns, widths, rows);
  zb_pdf_document_add_paragraph (document, "其后一段全为中文，照常排版。");
  return document;
}

/* Zhibu draws plain runs from glyphs prepared on the shaping threads and
 * leaves the rest (right-to-left text, a missing glyph's box) to Pango's
 * renderer: either way the PDF holds the bytes Pango's renderer alone
 * would have written, for ordinary records and unusual ones. */
static void
test_own_runs_same_bytes (void)
{
  g_autoptr(ZbPdfDocument) sample = sample_document ();
  g_autoptr(ZbPdfDocument) unusual = unusual_document ();
  ZbPdfDocument *documents[] = { sample, unusual };

  g_setenv ("SOURCE_DATE_EPOCH", "1767225600", TRUE);
  for (guint i = 0; i < G_N_ELEMENTS (documents); i++)
    {
      g_autoptr(GBytes) own = NULL, pango = NULL;

      zb_pdf_pen_set_own_runs (TRUE);
      own = render (documents[i]);
      zb_pdf_pen_set_own_runs (FALSE);
      pango = render (documents[i]);
      zb_pdf_pen_set_own_runs (TRUE);
      g_assert_true (g_bytes_equal (own, pango));
    }
  g_unsetenv ("SOURCE_DATE_EPOCH");

  {
    g_autoptr(GBytes) bytes = render (unusual);
    g_autoptr(PopplerDocument) pdf = open_pdf (bytes);
    g_autofree char *text = page_text (pdf, 0);
    g_autoptr(GString) letters = g_string_new (NULL);

    /* Poppler marks each right-to-left letter with an embedding (U+202B
     * U+202C around it) and gives them in either order. */
    for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
      if (g_utf8_get_char (p) != 0x202B && g_utf8_get_char (p) != 0x202C)
        g_string_append_unichar (letters, g_utf8_get_char (p));
    g_assert_nonnull (strstr (letters->str, "其后一段全为中文"));
    g_assert_true (strstr (letters->str, "שלום") != NULL ||
                   strstr (letters->str, "םולש") != NULL);
  }
}

/* The page the viewer's outline (bookmarks) leads to for @title, or 0. */
static int
outline_page (PopplerDocument *pdf,
              const char      *title)
{
  PopplerIndexIter *iter = poppler_index_iter_new (pdf);
  int page = 0;

  g_assert_nonnull (iter);
  do
    {
      PopplerAction *action = poppler_index_iter_get_action (iter);

      if (action->type == POPPLER_ACTION_GOTO_DEST
          && g_strcmp0 (action->goto_dest.title, title) == 0)
        page = action->goto_dest.dest->page_num;
      poppler_action_free (action);
    }
  while (page == 0 && poppler_index_iter_next (iter));
  poppler_index_iter_free (iter);
  return page;
}

/* Twelve sections behind a table of contents: each entry's page number is
 * the page its section starts on, and so is its bookmark's. */
static void
test_toc_pages (void)
{
  g_autoptr(ZbPdfDocument) document = zb_pdf_document_new ("2026年档案", "档案", "第一党支部");
  g_autoptr(GPtrArray) entries = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(PopplerDocument) pdf = NULL;
  g_autofree char *toc = NULL;

  for (guint i = 1; i <= 12; i++)
    {
      char *entry[] = { g_strdup_printf ("第%02u次支部委员会会议记录", i),
                        g_strdup_printf ("meeting-%u", i), NULL };

      g_ptr_array_add (entries, g_strdupv (entry));
      g_free (entry[0]);
      g_free (entry[1]);
    }
  zb_pdf_document_add_title (document, "2026年档案");
  zb_pdf_document_add_page_break (document);
  zb_pdf_document_add_title (document, "目　录");
  zb_pdf_document_add_toc (document, entries);
  for (guint i = 1; i <= 12; i++)
    {
      const char *const *entry = g_ptr_array_index (entries, i - 1);
      g_autofree char *text = chinese_text (100 + 173 * i, i);

      /* Some start on a page of their own, some under the one before. */
      if (i % 3 != 0)
        zb_pdf_document_add_page_break (document);
      zb_pdf_document_add_heading (document, 1, entry[0]);
      zb_pdf_document_set_anchor (document, entry[1]);
      zb_pdf_document_add_paragraph (document, text);
    }
  bytes = render (document);
  pdf = open_pdf (bytes);
  save_pngs (bytes, "toc");
  toc = page_text (pdf, 1);
  g_test_message ("%s", toc);
  for (guint i = 1; i <= 12; i++)
    {
      const char *const *entry = g_ptr_array_index (entries, i - 1);
      const char *at = strstr (toc, entry[0]);
      g_autofree char *line = NULL;
      char *number;
      int page = 0;

      g_assert_nonnull (at);
      line = g_strndup (at, strcspn (at, "\n"));
      number = line + strcspn (line, "0123456789");
      number += strlen ("第00次");
      number += strcspn (number, "0123456789");
      g_assert_cmpint (*number, !=, '\0');
      /* The heading's page: its text appears there, past the contents. */
      for (int p = 2; p < poppler_document_get_n_pages (pdf) && page == 0; p++)
        {
          g_autofree char *text = page_text (pdf, p);

          if (strstr (text, entry[0]) != NULL)
            page = p + 1;
        }
      g_assert_cmpint (page, >, 2);
      g_assert_cmpint (atoi (number), ==, page);
      g_assert_cmpint (outline_page (pdf, entry[0]), ==, page);
    }
}

/* A long attendance table: its header row at the top of every page it
 * covers, and each row whole on one page. */
static void
test_table_header_repeats (void)
{
  g_autoptr(ZbPdfDocument) document = zb_pdf_document_new ("花名册", "花名册", "第一党支部");
  const char *columns[] = { "序号", "姓名", "备注", NULL };
  const double widths[] = { 0.15, 0.25, 0.6 };
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(PopplerDocument) pdf = NULL;
  int n_pages;

  for (guint i = 1; i <= 90; i++)
    {
      g_autofree char *remark = chinese_text (i % 7 == 0 ? 60 : 5, i);
      char *row[] = { g_strdup_printf ("R%03u", i), g_strdup ("党员"), g_steal_pointer (&remark),
                      NULL };

      g_ptr_array_add (rows, g_strdupv (row));
      g_free (row[0]);
      g_free (row[1]);
      g_free (row[2]);
    }
  zb_pdf_document_add_title (document, "花名册");
  zb_pdf_document_add_table (document, columns, widths, rows);
  bytes = render (document);
  pdf = open_pdf (bytes);
  save_pngs (bytes, "table");
  n_pages = poppler_document_get_n_pages (pdf);
  g_assert_cmpint (n_pages, >=, 3);
  for (int p = 0; p < n_pages; p++)
    {
      g_autofree char *text = page_text (pdf, p);

      g_assert_nonnull (strstr (text, "序号"));
      g_assert_nonnull (strstr (text, "备注"));
    }
  for (guint i = 1; i <= 90; i++)
    {
      g_autofree char *id = g_strdup_printf ("R%03u", i);

      g_assert_cmpint (find_page (pdf, id), >, 0);
    }
}

/* A heading never ends a page: where it would land on a page's last line,
 * it goes over with the first lines of its paragraph. */
static void
test_heading_kept_with_next (void)
{
  for (guint filler = 18; filler <= 22; filler++)
    {
      g_autoptr(ZbPdfDocument) document = zb_pdf_document_new ("正文", "正文", "第一党支部");
      /* @filler full lines: the first indented two characters. */
      g_autofree char *text = chinese_text (28 * filler - 2, 0);
      g_autoptr(GBytes) bytes = NULL;
      g_autoptr(PopplerDocument) pdf = NULL;

      zb_pdf_document_add_paragraph (document, text);
      zb_pdf_document_add_heading (document, 1, "一、标题不落页尾");
      zb_pdf_document_add_heading (document, 2, "（一）二级标题");
      zb_pdf_document_add_paragraph (document, "紧随其后的正文第一行文字紧随其后的正文第一行文字"
                                               "紧随其后的正文第二行文字紧随其后的正文第二行文字"
                                               "紧随其后的正文第三行");
      bytes = render (document);
      pdf = open_pdf (bytes);
      g_test_message ("%u lines before: heading on page %d, text on %d", filler,
                      find_page (pdf, "标题不落页尾"), find_page (pdf, "紧随其后"));
      g_assert_cmpint (find_page (pdf, "标题不落页尾"), ==, find_page (pdf, "二级标题"));
      g_assert_cmpint (find_page (pdf, "二级标题"), ==, find_page (pdf, "紧随其后"));
      if (filler == 19)
        save_pngs (bytes, "keep");
    }
}

/* GB/T 9704-2012 section 7.5: "— N —" 7 mm under the type area, odd pages
 * at the right and even pages at the left, one character in. */
static void
test_page_numbers (void)
{
  g_autoptr(ZbPdfDocument) document = zb_pdf_document_new ("正文", "正文", "第一党支部");
  g_autofree char *text = chinese_text (28 * 22 * 3 + 10, 0);
  g_autoptr(GRegex) spaces = g_regex_new ("\\s", 0, 0, NULL);
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(PopplerDocument) pdf = NULL;

  zb_pdf_document_add_paragraph (document, text);
  bytes = render (document);
  pdf = open_pdf (bytes);
  g_assert_cmpint (poppler_document_get_n_pages (pdf), ==, 4);
  for (int p = 0; p < 4; p++)
    {
      g_autoptr(GArray) glyphs = page_glyphs (pdf, p);
      g_autofree char *number = g_strdup_printf ("—%d—", p + 1);
      g_autofree char *text = page_text (pdf, p);
      g_autofree char *page = g_regex_replace_literal (spaces, text, -1, 0, "", 0, NULL);
      double left = G_MAXDOUBLE, right = 0, middle = 0;
      guint n = 0;

      g_assert_nonnull (strstr (page, number));
      for (guint i = 0; i < glyphs->len; i++)
        {
          Glyph *g = &g_array_index (glyphs, Glyph, i);

          if (g->box.y1 < TOP + AREA_HEIGHT)
            continue;
          left = MIN (left, g->box.x1);
          right = MAX (right, g->box.x2);
          middle += (g->box.y1 + g->box.y2) / 2;
          n++;
        }
      g_assert_cmpuint (n, ==, 3);   /* two dashes and a digit */
      middle /= n;
      g_assert_cmpfloat (fabs (middle - (TOP + AREA_HEIGHT + MM (7))), <=, MM (2.5));
      if (p % 2 == 0)
        g_assert_cmpfloat (fabs (right - (LEFT + AREA_WIDTH - 14)), <=, MM (1));
      else
        g_assert_cmpfloat (fabs (left - (LEFT + 14)), <=, MM (1));
    }
}

/* GB/T 9704-2012 section 8's 表格横排: a landscape document's pages are
 * A4 turned, 297 x 210 mm, the type area turned with them (225 mm wide,
 * 156 high; 28 mm from the top, the binding edge, and 35 mm from the left);
 * its text fills that area and stays inside it, and each page's number is
 * 7 mm under it, odd right and even left, as on an upright page. */
static void
test_page_landscape (void)
{
  g_autoptr(ZbPdfDocument) document = zb_pdf_document_new ("正文", "正文", "第一党支部");
  g_autofree char *text = chinese_text (40 * 15 * 2 + 10, 0);
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(PopplerDocument) pdf = NULL;
  const double left = MM (35), top = MM (28), width = MM (225), height = MM (156);

  zb_pdf_document_set_landscape (document, TRUE);
  g_assert_true (zb_pdf_document_get_landscape (document));
  zb_pdf_document_add_paragraph (document, text);
  bytes = render (document);
  pdf = open_pdf (bytes);
  save_pngs (bytes, "landscape");
  g_assert_cmpint (poppler_document_get_n_pages (pdf), ==, 3);
  for (int p = 0; p < 3; p++)
    {
      g_autoptr(PopplerPage) page = poppler_document_get_page (pdf, p);
      g_autoptr(GArray) glyphs = page_glyphs (pdf, p);
      double page_width, page_height;
      double x1 = G_MAXDOUBLE, y1 = G_MAXDOUBLE, x2 = 0, y2 = 0;
      double number_left = G_MAXDOUBLE, number_right = 0, middle = 0;
      guint n = 0;

      poppler_page_get_size (page, &page_width, &page_height);
      g_assert_cmpfloat_with_epsilon (page_width, MM (297), 0.5);
      g_assert_cmpfloat_with_epsilon (page_height, MM (210), 0.5);
      for (guint i = 0; i < glyphs->len; i++)
        {
          Glyph *g = &g_array_index (glyphs, Glyph, i);

          if (g->box.y1 > top + height)
            {
              number_left = MIN (number_left, g->box.x1);
              number_right = MAX (number_right, g->box.x2);
              middle += (g->box.y1 + g->box.y2) / 2;
              n++;
              continue;
            }
          x1 = MIN (x1, g->box.x1);
          y1 = MIN (y1, g->box.y1);
          x2 = MAX (x2, g->box.x2);
          y2 = MAX (y2, g->box.y2);
        }
      g_test_message ("page %d: text from %.1f, %.1f to %.1f, %.1f mm", p + 1, x1 * 25.4 / 72,
                      y1 * 25.4 / 72, x2 * 25.4 / 72, y2 * 25.4 / 72);
      /* Inside the turned type area, the first two pages filling it: a
       * line of 40 characters, 15 lines. */
      g_assert_cmpfloat (x1, >=, left - 1);
      g_assert_cmpfloat (y1, >=, top - 1);
      g_assert_cmpfloat (x2, <=, left + width + 1);
      g_assert_cmpfloat (y2, <=, top + height + 1);
      g_assert_cmpfloat (fabs (x1 - left), <=, MM (1));
      g_assert_cmpfloat (fabs (y1 - top), <=, MM (3));
      if (p < 2)
        {
          g_assert_cmpfloat (x2, >=, left + width - AREA_WIDTH / 28 - 1);
          g_assert_cmpfloat (y2, >=, top + height - 29 - 1);
        }

      g_assert_cmpuint (n, ==, 3);   /* two dashes and a digit */
      middle /= n;
      g_assert_cmpfloat (fabs (middle - (top + height + MM (7))), <=, MM (2.5));
      if (p % 2 == 0)
        g_assert_cmpfloat (fabs (number_right - (left + width - 14)), <=, MM (1));
      else
        g_assert_cmpfloat (fabs (number_left - (left + 14)), <=, MM (1));
    }
}

/* A compact table sets its cells in 5号, smaller than a table's 4号: the
 * same 18 digits that wrap in a column of 4号 stay on one line in 5号. */
static void
test_table_compact (void)
{
  const char *columns[] = { "姓名", "公民身份号码", NULL };
  const double widths[] = { 0.7, 0.3 };
  const char *id_number = "110101197505040324";

  for (guint compact = 0; compact < 2; compact++)
    {
      g_autoptr(ZbPdfDocument) document = zb_pdf_document_new ("表", "表", "第一党支部");
      g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);
      char *row[] = { "张建国", (char *) id_number, NULL };
      g_autoptr(GBytes) bytes = NULL;
      g_autoptr(PopplerDocument) pdf = NULL;
      g_autoptr(GArray) glyphs = NULL;
      g_autofree char *text = NULL;
      double size = 0;

      g_ptr_array_add (rows, g_strdupv (row));
      /* 0.3 of 156 mm (133 pt) less the padding: room for the 18 digits
       * in 5号 (100 pt), not in 4号 (134 pt). */
      zb_pdf_document_add_table (document, columns, widths, rows);
      zb_pdf_document_set_compact (document, compact);
      g_assert_cmpint (zb_pdf_document_get_block (document, 0)->compact, ==, compact);
      bytes = render (document);
      pdf = open_pdf (bytes);
      text = page_text (pdf, 0);
      glyphs = page_glyphs (pdf, 0);
      for (guint i = 0; i < glyphs->len; i++)
        {
          Glyph *g = &g_array_index (glyphs, Glyph, i);

          if (g->c == g_utf8_get_char ("建"))
            size = g->box.x2 - g->box.x1;
        }
      g_test_message ("compact %u: 建 %.1f pt wide", compact, size);
      g_assert_cmpfloat_with_epsilon (size, compact ? 10.5 : 14.0, 0.6);
      if (compact)
        g_assert_nonnull (strstr (text, id_number));
      else
        g_assert_null (strstr (text, id_number));
    }
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/pdf/render/all-blocks", test_render_all_blocks);
  g_test_add_func ("/pdf/page/margins", test_page_margins);
  g_test_add_func ("/pdf/page/grid", test_page_grid);
  g_test_add_func ("/pdf/page/numbers", test_page_numbers);
  g_test_add_func ("/pdf/page/landscape", test_page_landscape);
  g_test_add_func ("/pdf/check/qpdf-pdffonts", test_pdf_check);
  g_test_add_func ("/pdf/fonts/chosen", test_pdf_fonts_chosen);
  g_test_add_func ("/pdf/reproducible", test_reproducible);
  g_test_add_func ("/pdf/runs/same-as-pango", test_own_runs_same_bytes);
  g_test_add_func ("/pdf/toc/pages", test_toc_pages);
  g_test_add_func ("/pdf/table/header-repeats", test_table_header_repeats);
  g_test_add_func ("/pdf/table/compact", test_table_compact);
  g_test_add_func ("/pdf/heading/kept-with-next", test_heading_kept_with_next);

  return g_test_run ();
}
