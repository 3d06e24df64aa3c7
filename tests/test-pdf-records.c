#define G_LOG_DOMAIN "test-pdf-records"

#include "config.h"

#include <locale.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <glib/gi18n.h>
#include <poppler.h>

#include "zb-id-number.h"
#include "zb-member-rules.h"
#include "zb-pdf-records.h"
#include "zb-pdf-recruitment.h"
#include "zb-pdf-transfer.h"
#include "zb-vote.h"
#include "zb-test-util.h"

/* Poppler 22.12 (Debian 12) declares no cleanups of its own. */
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PopplerDocument, g_object_unref)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PopplerPage, g_object_unref)

/* The printed records of a real branch database, rendered and read back
 * with Poppler: what a secretary would find on the page. */

typedef struct
{
  char    *dir;
  ZbStore *store;
  char    *chair, *recorder, *third, *applicant;
  char    *chair_idn, *third_idn;
} Fixture;

static char *
add (Fixture    *f,
     const char *name,
     const char *birth,
     guint       serial,
     const char *category,
     char      **idn_out)
{
  g_autofree char *idn = zb_test_id_number (birth, serial % 2, serial);
  g_autoptr(ZbMember) member = zb_test_member (name, idn, category);
  g_autoptr(GError) error = NULL;
  char *id;

  zb_member_set (member, ZB_MEMBER_FIELD_BIRTH_DATE, birth);
  zb_member_set (member, ZB_MEMBER_FIELD_ETHNICITY, "汉族");
  zb_member_set (member, ZB_MEMBER_FIELD_PHONE, "13812345678");
  zb_member_set (member, ZB_MEMBER_FIELD_ADDRESS, "北京市东城区和平里东街18号");
  id = zb_store_add_member (f->store, member, &error);
  g_assert_no_error (error);
  if (idn_out != NULL)
    *idn_out = g_steal_pointer (&idn);
  return id;
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  f->dir = zb_test_make_dir ();
  f->store = zb_test_new_store (f->dir, "branch.zhibu");
  f->chair = add (f, "张建国", "1975-05-04", 1, ZB_CATEGORY_FULL, &f->chair_idn);
  f->recorder = add (f, "李秀英", "1982-09-10", 2, ZB_CATEGORY_FULL, NULL);
  f->third = add (f, "王立新", "1990-03-03", 3, ZB_CATEGORY_FULL, &f->third_idn);
  f->applicant = add (f, "赵小军", "2000-01-01", 4, ZB_CATEGORY_APPLICANT, NULL);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_clear_object (&f->store);
  zb_test_remove_dir (f->dir);
  g_free (f->dir);
  g_free (f->chair);
  g_free (f->recorder);
  g_free (f->third);
  g_free (f->applicant);
  g_free (f->chair_idn);
  g_free (f->third_idn);
}

/* Saves page 1 as a PNG under ZHIBU_SCREENSHOT_DIR/pdf/, to be looked at. */
static void
save_png (GBytes     *pdf,
          const char *dir,
          const char *name)
{
  const char *shots = g_getenv ("ZHIBU_SCREENSHOT_DIR");
  g_autofree char *path = g_build_filename (dir, "page.pdf", NULL);
  g_autofree char *out_dir = NULL, *prefix = NULL;
  g_autoptr(GError) error = NULL;
  int status = 0;

  if (shots == NULL)
    return;
  out_dir = g_build_filename (shots, "pdf", NULL);
  prefix = g_build_filename (out_dir, name, NULL);
  g_mkdir_with_parents (out_dir, 0755);
  g_file_set_contents (path, g_bytes_get_data (pdf, NULL), g_bytes_get_size (pdf), &error);
  g_assert_no_error (error);
  g_spawn_sync (NULL, (char *[]) { "pdftoppm", "-png", "-r", "60", "-f", "1", "-l", "1",
                                   "-singlefile", path, prefix, NULL },
                NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, NULL, NULL, &status, &error);
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
}

/* Renders @document and opens it with Poppler, checking that every page
 * is A4, upright or turned as the document asks; saves page 1 as @png_name
 * unless NULL. */
static PopplerDocument *
render_pdf (Fixture       *f,
            ZbPdfDocument *document,
            const char    *png_name)
{
  gboolean landscape = zb_pdf_document_get_landscape (document);
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) pdf = zb_pdf_render (document, &error);
  PopplerDocument *doc = NULL;

  g_assert_no_error (error);
  doc = poppler_document_new_from_bytes (pdf, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (poppler_document_get_n_pages (doc), >, 0);
  for (int i = 0; i < poppler_document_get_n_pages (doc); i++)
    {
      g_autoptr(PopplerPage) page = poppler_document_get_page (doc, i);
      double width, height;

      poppler_page_get_size (page, &width, &height);
      g_assert_cmpfloat_with_epsilon (width, (landscape ? 297 : 210) * 72 / 25.4, 0.5);
      g_assert_cmpfloat_with_epsilon (height, (landscape ? 210 : 297) * 72 / 25.4, 0.5);
    }
  if (png_name != NULL)
    save_png (pdf, f->dir, png_name);
  return doc;
}

/* The text of page @index (from 0) as Poppler reads it, white space kept:
 * a cell's value wrapped onto two lines of its cell does not read whole. */
static char *
page_text (PopplerDocument *doc,
           int              index)
{
  g_autoptr(PopplerPage) page = poppler_document_get_page (doc, index);

  return poppler_page_get_text (page);
}

/* Renders @document, checks that Poppler opens it with A4 pages, and
 * returns the text of all its pages with the white space taken out (a line
 * wraps wherever the renderer likes). */
static char *
render_text (Fixture       *f,
             ZbPdfDocument *document,
             const char    *png_name)
{
  g_autoptr(PopplerDocument) doc = render_pdf (f, document, png_name);
  GString *text = g_string_new (NULL);

  for (int i = 0; i < poppler_document_get_n_pages (doc); i++)
    {
      g_autofree char *one = page_text (doc, i);

      for (const char *p = one; *p; p++)
        if (!g_ascii_isspace (*p))
          g_string_append_c (text, *p);
    }
  return g_string_free (text, FALSE);
}

static gboolean
has (const char *text,
     const char *needle)
{
  g_autoptr(GString) squeezed = g_string_new (NULL);

  for (const char *p = needle; *p; p++)
    if (!g_ascii_isspace (*p))
      g_string_append_c (squeezed, *p);
  return strstr (text, squeezed->str) != NULL;
}

#define assert_has(text, needle) \
  G_STMT_START { if (!has (text, needle)) \
    g_error ("“%s” is not in the printed text: %s", needle, text); } G_STMT_END

static char *
add_meeting (Fixture    *f,
             const char *type,
             const char *date,
             const char *title)
{
  g_autoptr(ZbMeeting) meeting = zb_meeting_new ();
  g_autoptr(GError) error = NULL;
  char *id;

  zb_meeting_set_type_code (meeting, type);
  zb_meeting_set_title (meeting, title);
  zb_meeting_set_date (meeting, date);
  zb_meeting_set_start_time (meeting, "14:30");
  zb_meeting_set_end_time (meeting, "16:00");
  zb_meeting_set_place (meeting, "三楼党员活动室");
  zb_meeting_set_chair_id (meeting, f->chair);
  zb_meeting_set_recorder_id (meeting, f->recorder);
  id = zb_store_add_meeting (f->store, meeting, &error);
  g_assert_no_error (error);
  return id;
}

static void
attend (Fixture    *f,
        const char *meeting)
{
  g_autoptr(GError) error = NULL;

  zb_store_set_attendance (f->store, meeting, f->chair, "present", NULL, &error);
  g_assert_no_error (error);
  zb_store_set_attendance (f->store, meeting, f->recorder, "present", NULL, &error);
  g_assert_no_error (error);
  zb_store_set_attendance (f->store, meeting, f->third, "leave", "外出培训", &error);
  g_assert_no_error (error);
  zb_store_add_guest (f->store, meeting, "陈组织员", "机关党委", &error);
  g_assert_no_error (error);
}

static char *
add_item (Fixture    *f,
          const char *meeting,
          const char *title,
          const char *minutes,
          const char *resolution)
{
  g_autoptr(ZbAgendaItem) item = zb_agenda_item_new ();
  g_autoptr(GError) error = NULL;
  char *id;

  zb_agenda_item_set_meeting_id (item, meeting);
  zb_agenda_item_set_title (item, title);
  zb_agenda_item_set_minutes (item, minutes);
  zb_agenda_item_set_resolution (item, resolution);
  id = zb_store_add_agenda_item (f->store, item, &error);
  g_assert_no_error (error);
  return id;
}

/* The two members present vote yes: 2 of the 3 with a vote, passed. */
static void
vote (Fixture    *f,
      const char *item)
{
  g_autoptr(GPtrArray) votes = g_ptr_array_new_with_free_func ((GDestroyNotify) zb_cast_vote_free);
  g_autoptr(GError) error = NULL;
  gboolean passed = FALSE;

  g_ptr_array_add (votes, zb_cast_vote_new (f->chair, "yes", FALSE));
  g_ptr_array_add (votes, zb_cast_vote_new (f->recorder, "yes", FALSE));
  zb_store_record_vote (f->store, item, ZB_VOTE_FULL_MEMBERSHIP, votes, TRUE, &passed, &error);
  g_assert_no_error (error);
  g_assert_true (passed);
}

static void
set_first_item (Fixture    *f,
                const char *meeting)
{
  g_autoptr(ZbFirstItem) first = zb_first_item_new ();
  g_autoptr(GError) error = NULL;

  zb_first_item_set_topic (first, "学习习近平总书记关于基层党建的重要论述");
  zb_first_item_set_form (first, "领学");
  zb_first_item_set_material (first, "《求是》2026年第5期署名文章");
  zb_first_item_set_source (first, "《求是》");
  zb_first_item_set_source_date (first, "2026-03-01");
  zb_first_item_set_leader (first, "张建国");
  zb_first_item_set_participants (first, "支部全体党员");
  zb_first_item_set_proceedings (first, "张建国同志领学文章全文，与会党员逐段交流学习体会。");
  zb_first_item_add_contribution (first, "李秀英", "要把学习成果落实到岗位工作中。");
  zb_store_set_first_item (f->store, meeting, first, &error);
  g_assert_no_error (error);
}

static char *
add_measure (Fixture    *f,
             const char *meeting)
{
  g_autoptr(ZbMeasure) measure = zb_measure_new ();
  g_autoptr(GError) error = NULL;
  char *id;

  zb_measure_set_meeting_id (measure, meeting);
  zb_measure_set_text (measure, "制定岗位学习计划");
  zb_measure_set_owner (measure, "李秀英");
  zb_measure_set_due_date (measure, "2026-04-30");
  id = zb_store_add_measure (f->store, measure, &error);
  g_assert_no_error (error);
  return id;
}

/* The first block of @kind in @document. */
static const ZbPdfBlock *
find_block (ZbPdfDocument  *document,
            ZbPdfBlockKind  kind)
{
  for (guint i = 0; i < zb_pdf_document_get_n_blocks (document); i++)
    if (zb_pdf_document_get_block (document, i)->kind == kind)
      return zb_pdf_document_get_block (document, i);
  g_assert_not_reached ();
}

/* The measures' table: one open, one carried out with how it was done. */
static void
assert_measures (ZbPdfDocument *document)
{
  static const char * const open[] = { "制定岗位学习计划", "李秀英", "2026-04-30",
                                       "Not yet carried out", NULL };
  static const char * const done[] = { "制定岗位学习计划（已印发全体党员）", "李秀英",
                                       "2026-04-30", "Carried out", NULL };

  for (guint i = 0; i < zb_pdf_document_get_n_blocks (document); i++)
    {
      const ZbPdfBlock *block = zb_pdf_document_get_block (document, i);

      if (block->kind != ZB_PDF_BLOCK_TABLE || g_strcmp0 (block->columns[0], "Measure") != 0)
        continue;
      g_assert_cmpuint (block->rows->len, ==, 2);
      g_assert_cmpstrv (g_ptr_array_index (block->rows, 0), open);
      g_assert_cmpstrv (g_ptr_array_index (block->rows, 1), done);
      return;
    }
  g_assert_not_reached ();
}

/* Page 1 of a printed record keeps the margins of GB/T 9704-2012 (DOMAIN.md
 * section 5): its leftmost text within 2 mm of the 28 mm binding margin,
 * its top line within 3 mm of the 37 mm top margin. */
static void
assert_margins (ZbPdfDocument *document)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) pdf = zb_pdf_render (document, &error);
  g_autoptr(PopplerDocument) doc = NULL;
  g_autoptr(PopplerPage) page = NULL;
  PopplerRectangle *boxes = NULL;
  guint n_boxes = 0;
  double left = G_MAXDOUBLE, top = G_MAXDOUBLE;
  const double mm = 72.0 / 25.4;

  g_assert_no_error (error);
  doc = poppler_document_new_from_bytes (pdf, NULL, &error);
  g_assert_no_error (error);
  page = poppler_document_get_page (doc, 0);
  g_assert_true (poppler_page_get_text_layout (page, &boxes, &n_boxes));
  for (guint i = 0; i < n_boxes; i++)
    if (boxes[i].x2 - boxes[i].x1 > 0.5)
      {
        left = MIN (left, boxes[i].x1);
        top = MIN (top, boxes[i].y1);
      }
  g_free (boxes);
  g_test_message ("page 1: leftmost text %.1f mm, top line %.1f mm", left / mm, top / mm);
  g_assert_cmpfloat (fabs (left - 28 * mm), <=, 2 * mm);
  g_assert_cmpfloat (fabs (top - 37 * mm), <=, 3 * mm);
}

/* A draft record holds its details, the attendance with reasons and the
 * guests, the first item with its contribution, the minutes and the
 * measures, on A4 pages; an unknown ID is NOT_FOUND, naming it. */
static void
test_meeting (Fixture       *f,
              gconstpointer  data)
{
  g_autofree char *meeting = add_meeting (f, "general", "2026-03-05", "三月份支部党员大会");
  g_autoptr(ZbPdfDocument) document = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;

  g_autofree char *item = NULL, *measure = NULL;

  attend (f, meeting);
  set_first_item (f, meeting);
  item = add_item (f, meeting, "讨论年度工作要点",
                   "张建国介绍了年度工作要点。\n李秀英建议增加志愿服务。", "通过年度工作要点");
  vote (f, item);
  g_free (add_measure (f, meeting));
  measure = add_measure (f, meeting);
  zb_store_complete_measure (f->store, measure, "2026-03-20", "已印发全体党员", &error);
  g_assert_no_error (error);

  document = zb_pdf_meeting_record (f->store, meeting, &error);
  g_assert_no_error (error);
  text = render_text (f, document, "meeting-record");
  assert_margins (document);
  assert_has (text, "Branch general meeting record");
  assert_has (text, "三月份支部党员大会");
  assert_has (text, "测试支部");
  assert_has (text, "2026-03-05 14:30–16:00");
  assert_has (text, "三楼党员活动室");
  assert_has (text, "Chair：张建国");
  assert_has (text, "Recorder：李秀英");
  assert_has (text, "3 expected, 2 present, 1 on leave, 0 absent");
  assert_has (text, "外出培训");
  assert_has (text, "陈组织员（机关党委）");
  assert_has (text, "学习习近平总书记关于基层党建的重要论述");
  assert_has (text, "《求是》2026年第5期署名文章");
  assert_has (text, "李秀英：要把学习成果落实到岗位工作中。");
  assert_has (text, "Item 1: 讨论年度工作要点");
  assert_has (text, "李秀英建议增加志愿服务。");
  assert_has (text, "Resolution：通过年度工作要点");
  assert_has (text, "Vote：2 for, 0 against, 0 abstaining: passed");
  /* A table cell may wrap, and a line of it is read with the row's other
   * cells: its words are checked in the document, its start on the page. */
  assert_has (text, "制定岗位学习计划（已印发");
  assert_measures (document);
  /* A draft has no chain hash yet, and its signature lines are blank. */
  g_assert_false (has (text, "Chain hash"));
  g_assert_cmpstr (((GStrv) g_ptr_array_index (find_block (document, ZB_PDF_BLOCK_SIGNATURES)->rows,
                                               0))[0], ==, "");

  g_clear_object (&document);
  document = zb_pdf_meeting_record (f->store, "no-such-meeting", &error);
  g_assert_null (document);
  g_assert_error (error, ZB_PDF_ERROR, ZB_PDF_ERROR_NOT_FOUND);
  g_assert_nonnull (strstr (error->message, "no-such-meeting"));
}

/* A finalised record prints the names of its day, whatever the roster says
 * now, and the chain hash the database holds for it, which `verify`
 * checks; an addendum prints as a record of its own naming the original,
 * and the original notes it. */
static void
test_finalised (Fixture       *f,
                gconstpointer  data)
{
  g_autofree char *meeting = add_meeting (f, "general", "2026-04-10", "四月份支部党员大会");
  g_autoptr(ZbPdfDocument) document = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL, *sql = NULL, *hash = NULL, *device = NULL;
  g_autofree char *addendum = NULL, *addendum_text = NULL, *item = NULL;
  const ZbPdfBlock *signatures;

  attend (f, meeting);
  set_first_item (f, meeting);
  item = add_item (f, meeting, "讨论预备党员转正", "李秀英介绍了预备期表现。", "同意按期转正");
  vote (f, item);
  zb_store_finalize_meeting (f->store, meeting, &error);
  g_assert_no_error (error);
  zb_test_rename_member (f->store, f->chair, "张新名");
  zb_test_rename_member (f->store, f->recorder, "李新名");

  document = zb_pdf_meeting_record (f->store, meeting, &error);
  g_assert_no_error (error);
  text = render_text (f, document, "meeting-finalised");
  assert_has (text, "张建国");
  assert_has (text, "李秀英");
  g_assert_false (has (text, "张新名"));
  g_assert_false (has (text, "李新名"));
  assert_has (text, "Vote：2 for, 0 against, 0 abstaining: passed");
  assert_has (text, "Members with a vote：3 expected, 2 present");
  signatures = find_block (document, ZB_PDF_BLOCK_SIGNATURES);
  g_assert_cmpstr (((GStrv) g_ptr_array_index (signatures->rows, 0))[0], ==, "张建国");
  g_assert_cmpstr (((GStrv) g_ptr_array_index (signatures->rows, 0))[1], ==, "李秀英");
  sql = g_strdup_printf ("SELECT chain_hash FROM meetings WHERE id = '%s'", meeting);
  hash = zb_test_sql_text (f->store, sql);
  g_assert_cmpuint (strlen (hash), ==, 64);
  assert_has (text, hash);
  device = zb_test_sql_text (f->store, "SELECT device_id FROM meetings WHERE chain_hash "
                                       "IS NOT NULL");
  assert_has (text, device);

  addendum = zb_store_add_addendum (f->store, meeting, "出席人数更正为2人。", &error);
  g_assert_no_error (error);
  g_clear_object (&document);
  document = zb_pdf_meeting_record (f->store, addendum, &error);
  g_assert_no_error (error);
  addendum_text = render_text (f, document, NULL);
  assert_has (addendum_text, "Addendum to the record of：2026-04-10 “四月份支部党员大会”");
  assert_has (addendum_text, "出席人数更正为2人。");
  g_free (text);
  g_clear_object (&document);
  document = zb_pdf_meeting_record (f->store, meeting, &error);
  g_assert_no_error (error);
  text = render_text (f, document, NULL);
  assert_has (text, "Corrected by an addendum of 2026-04-10");
}

/* The first-item study record holds the study alone; a meeting without a
 * first item has none to print (EMPTY). */
static void
test_first_item (Fixture       *f,
                 gconstpointer  data)
{
  g_autofree char *meeting = add_meeting (f, "committee", "2026-03-12", "三月份支委会");
  g_autofree char *lecture = add_meeting (f, "lecture", "2026-03-20", "专题党课");
  g_autoptr(ZbPdfDocument) document = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;

  set_first_item (f, meeting);
  g_free (add_measure (f, meeting));
  document = zb_pdf_first_item_record (f->store, meeting, &error);
  g_assert_no_error (error);
  text = render_text (f, document, "first-item-record");
  assert_has (text, "First agenda item study record");
  assert_has (text, "三月份支委会");
  assert_has (text, "Study topic：学习习近平总书记关于基层党建的重要论述");
  assert_has (text, "Form：领学");
  assert_has (text, "Led by：张建国");
  assert_has (text, "张建国同志领学文章全文");
  assert_has (text, "制定岗位学习计划");

  g_clear_object (&document);
  document = zb_pdf_first_item_record (f->store, lecture, &error);
  g_assert_null (document);
  g_assert_error (error, ZB_PDF_ERROR, ZB_PDF_ERROR_EMPTY);
  g_assert_nonnull (strstr (error->message, "专题党课"));
}

/* The text of all the pages of @doc, white space kept. */
static char *
all_text (PopplerDocument *doc)
{
  GString *text = g_string_new (NULL);

  for (int i = 0; i < poppler_document_get_n_pages (doc); i++)
    {
      g_autofree char *one = page_text (doc, i);

      g_string_append (text, one);
    }
  return g_string_free (text, FALSE);
}

/* @needle in @text whole, on one line: not split by the wrap of a cell. */
#define assert_whole(text, needle) \
  G_STMT_START { if (strstr (text, needle) == NULL) \
    g_error ("“%s” is not whole in the printed text: %s", needle, text); } G_STMT_END

/* The roster lists the Party members, not the applicant, with the citizen
 * ID, phone and address masked unless asked for; on landscape pages, each
 * ID number, phone and date on one line of its cell. */
static void
test_roster (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(ZbPdfDocument) masked = NULL, full = NULL;
  g_autoptr(PopplerDocument) masked_pdf = NULL, full_pdf = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL, *full_text = NULL, *lines = NULL, *full_lines = NULL;
  const char *idns[] = { f->chair_idn, f->third_idn };
  const char *dates[] = { "1975-05-04", "1982-09-10", "1990-03-03", "2015-07-01",
                          "2016-07-01" };

  masked = zb_pdf_roster (f->store, FALSE, &error);
  g_assert_no_error (error);
  g_assert_true (zb_pdf_document_get_landscape (masked));
  text = render_text (f, masked, NULL);
  masked_pdf = render_pdf (f, masked, "roster");
  lines = all_text (masked_pdf);
  assert_has (text, "Roster of Party members");
  assert_has (text, "张建国");
  assert_has (text, "王立新");
  g_assert_false (has (text, "赵小军"));
  assert_has (text, "3 members");
  g_assert_false (has (text, f->chair_idn));
  g_assert_false (has (text, "13812345678"));
  g_assert_false (has (text, "和平里东街18号"));
  for (guint i = 0; i < G_N_ELEMENTS (idns); i++)
    {
      g_autofree char *mask = zb_id_number_mask (idns[i]);

      assert_whole (lines, mask);
    }
  assert_whole (lines, "138****5678");
  for (guint i = 0; i < G_N_ELEMENTS (dates); i++)
    assert_whole (lines, dates[i]);

  full = zb_pdf_roster (f->store, TRUE, &error);
  g_assert_no_error (error);
  full_text = render_text (f, full, NULL);
  full_pdf = render_pdf (f, full, "roster-full");
  full_lines = all_text (full_pdf);
  for (guint i = 0; i < G_N_ELEMENTS (idns); i++)
    assert_whole (full_lines, idns[i]);
  assert_whole (full_lines, "13812345678");
  assert_has (full_text, "和平里东街18号");
}

/* Member @i's date of birth and citizen ID number in the widest digits of
 * the fallback face (0 and 2 to 9 take 5.9 pt in 5号 where 1 takes 4.9):
 * no 1 but the century's, from 乌鲁木齐市新市区 (650104 has one; 650204,
 * 克拉玛依市白碱滩区, none). Born in 1988-08-08 for the first, and before
 * 1998 for all, to have joined in 2015. */
static char *
wide_birth (guint i)
{
  static const guint years[] = { 60, 62, 63, 64, 65, 66, 67, 68, 69, 70, 72, 73, 74, 75, 76,
                                 77, 78, 79, 80, 82, 83, 84, 85, 86, 87, 88, 89, 90, 92, 93,
                                 94, 95, 96, 97 };

  if (i == 0)
    return g_strdup ("1988-08-08");
  return g_strdup_printf ("19%02u-%02u-%02u", years[i % G_N_ELEMENTS (years)], 2 + i % 8,
                          2 + (i / 8) % 8);
}

static char *
wide_id_number (const char *birth,
                gboolean    male,
                guint       i)
{
  g_autofree char *first17 = NULL;
  char digits[9] = { 0 };

  for (guint c = 0, j = 0; birth[c] != '\0' && j < 8; c++)
    if (birth[c] != '-')
      digits[j++] = birth[c];
  first17 = g_strdup_printf ("650204%s8%u%u", digits, 2 + i % 8, male ? 9 : 8);
  return g_strdup_printf ("%s%c", first17, zb_id_number_check_digit (first17));
}

/* A branch of 60 members in zh_CN, as the secretary files it: the header
 * row (姓名 … 家庭住址) at the top of every page, every name (four
 * characters too), ID number and phone, masked and in full, and dates
 * whole on their lines, at the widest digits. */
static void
test_roster_pages (Fixture       *f,
                   gconstpointer  data)
{
  static const char * const surnames[] = { "欧阳", "司马", "陈", "刘", "黄", "周" };
  static const char * const given[] = { "建华", "秀兰", "志强", "海燕", "国庆", "文", "明",
                                        "丽娟", "卫东", "晓" };
  /* The header row but 人员类别, which takes two characters a line. */
  static const char * const header[] = { "姓名", "性别", "民族", "出生日期", "公民身份号码",
                                         "学历", "工作岗位", "入党日期", "转正日期", "党小组",
                                         "联系电话", "家庭住址" };
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) ids = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) phones = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) full_ids = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) full_phones = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(ZbPdfDocument) roster = NULL, full = NULL;
  g_autoptr(PopplerDocument) pdf = NULL, full_pdf = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *lines = NULL, *full_lines = NULL;
  int n_pages;

  if (setlocale (LC_ALL, "zh_CN.UTF-8") == NULL)
    {
      g_test_skip ("the zh_CN.UTF-8 locale is not installed");
      return;
    }
  g_setenv ("LANGUAGE", "zh_CN", TRUE);
  bindtextdomain (GETTEXT_PACKAGE, g_getenv ("ZHIBU_LOCALEDIR"));
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  /* The fixture's three members and 57 more: names of two to four
   * characters, a post and an address that wrap. */
  for (guint i = 0; i < 57; i++)
    {
      g_autofree char *name = g_strdup_printf ("%s%s", surnames[i % 6], given[i / 6]);
      g_autofree char *birth = wide_birth (i);
      g_autofree char *idn = wide_id_number (birth, i % 2, i);
      g_autofree char *phone = g_strdup_printf ("1890988%04u", 8000 + i);
      g_autoptr(ZbMember) member = NULL;
      g_autofree char *id = NULL;

      member = zb_test_member (name, idn,
                               i % 5 == 0 ? ZB_CATEGORY_PROBATIONARY : ZB_CATEGORY_FULL);
      zb_member_set (member, ZB_MEMBER_FIELD_BIRTH_DATE, birth);
      zb_member_set (member, ZB_MEMBER_FIELD_SEX, i % 2 ? "M" : "F");
      zb_member_set (member, ZB_MEMBER_FIELD_ETHNICITY, i % 9 ? "汉族" : "维吾尔族");
      zb_member_set (member, ZB_MEMBER_FIELD_EDUCATION, i % 3 ? "大学本科" : "硕士研究生");
      zb_member_set (member, ZB_MEMBER_FIELD_POST, i % 4 ? "财务部会计" : "生产运营部设备管理员");
      zb_member_set (member, ZB_MEMBER_FIELD_PARTY_GROUP, i % 2 ? "第一党小组" : "第二党小组");
      zb_member_set (member, ZB_MEMBER_FIELD_PHONE, phone);
      zb_member_set (member, ZB_MEMBER_FIELD_ADDRESS, "新疆乌鲁木齐市新市区北京南路388号");
      id = zb_store_add_member (f->store, member, &error);
      g_assert_no_error (error);
      g_ptr_array_add (names, g_steal_pointer (&name));
      g_ptr_array_add (ids, zb_id_number_mask (idn));
      g_ptr_array_add (full_ids, g_strdup (idn));
      g_ptr_array_add (full_phones, g_strdup (phone));
      g_ptr_array_add (phones, g_strdup_printf ("189****%04u", 8000 + i));
    }
  roster = zb_pdf_roster (f->store, FALSE, &error);
  g_assert_no_error (error);
  pdf = render_pdf (f, roster, "roster-zh_CN");
  lines = all_text (pdf);
  full = zb_pdf_roster (f->store, TRUE, &error);
  g_assert_no_error (error);
  full_pdf = render_pdf (f, full, "roster-full-zh_CN");
  full_lines = all_text (full_pdf);

  g_setenv ("LANGUAGE", "C", TRUE);
  setlocale (LC_ALL, "C.UTF-8");

  n_pages = poppler_document_get_n_pages (pdf);
  g_test_message ("60 members on %d pages", n_pages);
  g_assert_cmpint (n_pages, >=, 2);
  for (int p = 0; p < n_pages; p++)
    {
      g_autofree char *text = page_text (pdf, p);
      const char *at = text;

      /* The header's words, in order, on the page's first row. */
      for (guint i = 0; i < G_N_ELEMENTS (header); i++)
        {
          const char *found = strstr (at, header[i]);

          if (found == NULL)
            g_error ("page %d: “%s” not in the header row: %s", p + 1, header[i], text);
          at = found + strlen (header[i]);
        }
    }
  assert_whole (lines, "党员花名册");
  assert_whole (lines, "60人");
  for (guint i = 0; i < names->len; i++)
    {
      assert_whole (lines, (const char *) g_ptr_array_index (names, i));
      assert_whole (lines, (const char *) g_ptr_array_index (ids, i));
      assert_whole (lines, (const char *) g_ptr_array_index (phones, i));
      assert_whole (full_lines, (const char *) g_ptr_array_index (full_ids, i));
      assert_whole (full_lines, (const char *) g_ptr_array_index (full_phones, i));
    }
  assert_whole (lines, "1988-08-08");
  assert_whole (lines, "2015-07-01");
}

static char *
transfer (Fixture    *f,
          const char *member,
          gboolean    incoming)
{
  g_autoptr(ZbTransfer) t = zb_transfer_new (member, incoming, "2026-10-08", "集团机关党委",
                                             "组转字〔2026〕18号");
  g_autoptr(GError) error = NULL;

  zb_store_add_transfer (f->store, t, &error);
  g_assert_no_error (error);
  return g_strdup (zb_transfer_get_id (t));
}

/* The transfer letter: its three parts with cut lines between, the full
 * citizen ID, age on the day, from and to, the dues left blank, the days
 * it is valid and the contact; an unknown ID is NOT_FOUND, a transfer into
 * the branch has no letter of ours. */
static void
test_transfer (Fixture       *f,
               gconstpointer  data)
{
  g_autofree char *out = transfer (f, f->third, FALSE);
  g_autoptr(ZbPdfDocument) document = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL, *in = NULL;

  document = zb_pdf_transfer_letter_full (f->store, out, 60, "北京市东城区某路1号 010-6512", &error);
  g_assert_no_error (error);
  text = render_text (f, document, "transfer-letter");
  assert_has (text, "Transfer letter of a Party member (counterfoil)");
  assert_has (text, "Cut here: the counterfoil stays with the branch");
  assert_has (text, "To 集团机关党委:");
  assert_has (text, "Cut here: the receipt comes back to the branch");
  assert_has (text, "Transfer letter of a Party member (receipt)");
  assert_has (text, "组转字〔2026〕18号");
  g_assert_false (has (text, "No. 组转字"));
  assert_has (text, "Comrade 王立新 (Male), aged 36, of the 汉族 ethnic group, is a full member");
  assert_has (text, f->third_idn);
  assert_has (text, "goes from 测试支部 to 集团机关党委");
  assert_has (text, "paid up to ____ (year) ____ (month)");
  assert_has (text, "(Valid for 60 days)");
  assert_has (text, "北京市东城区某路1号 010-6512");
  assert_has (text, "has reached us");

  g_clear_object (&document);
  document = zb_pdf_transfer_letter (f->store, "no-such-transfer", &error);
  g_assert_null (document);
  g_assert_error (error, ZB_PDF_ERROR, ZB_PDF_ERROR_NOT_FOUND);
  g_assert_nonnull (strstr (error->message, "no-such-transfer"));
  g_clear_error (&error);

  in = transfer (f, f->third, TRUE);
  document = zb_pdf_transfer_letter (f->store, in, &error);
  g_assert_null (document);
  g_assert_error (error, ZB_PDF_ERROR, ZB_PDF_ERROR_FAILED);
}

/* The anchors the blocks of @document carry. */
static GHashTable *
collect_anchors (ZbPdfDocument *document)
{
  GHashTable *anchors = g_hash_table_new (g_str_hash, g_str_equal);

  for (guint i = 0; i < zb_pdf_document_get_n_blocks (document); i++)
    {
      const ZbPdfBlock *block = zb_pdf_document_get_block (document, i);

      if (block->anchor != NULL)
        g_hash_table_add (anchors, block->anchor);
    }
  return anchors;
}


/* The text of @doc's pages from the second up to the first record (the
 * table of contents), without page numbers "— N —" or white space. */
static char *
contents_text (PopplerDocument *doc,
               const char      *first_record)
{
  g_autoptr(GRegex) footer = g_regex_new ("—\\s*\\d+\\s*—|\\s", 0, 0, NULL);
  GString *text = g_string_new (NULL);

  for (int i = 1; i < poppler_document_get_n_pages (doc); i++)
    {
      g_autoptr(PopplerPage) page = poppler_document_get_page (doc, i);
      g_autofree char *page_text = poppler_page_get_text (page);
      g_autofree char *bare = g_regex_replace_literal (footer, page_text, -1, 0, "", 0, NULL);

      if (strstr (page_text, first_record) != NULL)
        break;
      g_string_append (text, bare);
    }
  return g_string_free (text, FALSE);
}

/* Each meeting of a rendered binder starts on the page its table of
 * contents gives (issue 10, "Done when"): the contents' page number, read
 * from the PDF's own text (the digits after an entry's title, before the
 * next entry's date), against the page that holds the record's title
 * line, which the page before does not. */
static void
assert_toc_pages (ZbPdfDocument *binder,
                  guint          n_meetings)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) pdf = zb_pdf_render (binder, &error);
  g_autoptr(PopplerDocument) doc = NULL;
  g_autofree char *toc_text = NULL;
  int previous = 0;

  g_assert_no_error (error);
  doc = poppler_document_new_from_bytes (pdf, NULL, &error);
  g_assert_no_error (error);
  toc_text = contents_text (doc, "：1月份支委会");

  for (guint month = 1; month <= n_meetings; month++)
    {
      g_autofree char *title = g_strdup_printf ("%u月份支委会", month);
      g_autofree char *pattern = g_strdup_printf ("meeting%s(\\d+?)(?=2026-|$)", title);
      g_autoptr(GRegex) regex = g_regex_new (pattern, 0, 0, NULL);
      g_autoptr(GMatchInfo) match = NULL;
      g_autofree char *number = NULL, *heading = NULL, *page_text = NULL, *before_text = NULL;
      g_autoptr(PopplerPage) page = NULL;
      g_autoptr(PopplerPage) before = NULL;
      int n;

      if (!g_regex_match (regex, toc_text, 0, &match))
        g_error ("no page number for %s in the contents: %s", title, toc_text);
      number = g_match_info_fetch (match, 1);
      n = atoi (number);
      g_assert_cmpint (n, >, previous);
      previous = n;
      g_assert_cmpint (n, <=, poppler_document_get_n_pages (doc));
      page = poppler_document_get_page (doc, n - 1);
      before = poppler_document_get_page (doc, n - 2);
      page_text = poppler_page_get_text (page);
      before_text = poppler_page_get_text (before);
      heading = g_strdup_printf ("：%s", title);
      if (strstr (page_text, heading) == NULL || strstr (before_text, heading) != NULL)
        g_error ("%s does not start on page %d:\n%s", title, n, page_text);
    }
}

/* A binder of a year with a meeting a month, recorded out of order: its
 * table of contents lists them in date order, each entry's anchor on the
 * block that starts its meeting, after a page break; a quarter holds its
 * three months; a year without meetings is EMPTY. */
static void
test_binder (Fixture       *f,
             gconstpointer  data)
{
  static const guint months[] = { 7, 2, 11, 5, 1, 9, 12, 3, 8, 4, 10, 6 };
  g_autoptr(ZbPdfDocument) binder = NULL, quarter = NULL, empty = NULL;
  g_autoptr(GHashTable) anchors = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  const ZbPdfBlock *toc;

  for (guint i = 0; i < G_N_ELEMENTS (months); i++)
    {
      g_autofree char *date = g_strdup_printf ("2026-%02u-15", months[i]);
      g_autofree char *title = g_strdup_printf ("%u月份支委会", months[i]);
      g_autofree char *id = add_meeting (f, "committee", date, title);
    }

  binder = zb_pdf_binder (f->store, 2026, 0, &error);
  g_assert_no_error (error);
  toc = find_block (binder, ZB_PDF_BLOCK_TOC);
  anchors = collect_anchors (binder);
  g_assert_cmpuint (toc->rows->len, ==, 12);
  for (guint i = 0; i < toc->rows->len; i++)
    {
      GStrv entry = g_ptr_array_index (toc->rows, i);
      g_autofree char *title = g_strdup_printf ("%u月份支委会", i + 1);
      g_autofree char *date = g_strdup_printf ("2026-%02u-15", i + 1);

      g_assert_nonnull (strstr (entry[0], title));
      g_assert_nonnull (strstr (entry[0], date));
      g_assert_true (g_hash_table_contains (anchors, entry[1]));
    }
  for (guint i = 1; i < zb_pdf_document_get_n_blocks (binder); i++)
    if (zb_pdf_document_get_block (binder, i)->anchor != NULL)
      g_assert_cmpint (zb_pdf_document_get_block (binder, i - 1)->kind, ==,
                       ZB_PDF_BLOCK_PAGE_BREAK);
  text = render_text (f, binder, "binder");
  assert_has (text, "Archive of organisational life records");
  assert_has (text, "Year 2026");
  assert_has (text, "12 records");
  g_assert_true (strstr (text, "1月份支委会") < strstr (text, "2月份支委会"));
  g_assert_true (strstr (text, "11月份支委会") < strstr (text, "12月份支委会"));
  assert_toc_pages (binder, 12);

  quarter = zb_pdf_binder (f->store, 2026, 2, &error);
  g_assert_no_error (error);
  toc = find_block (quarter, ZB_PDF_BLOCK_TOC);
  g_assert_cmpuint (toc->rows->len, ==, 3);
  g_assert_nonnull (strstr (((GStrv) g_ptr_array_index (toc->rows, 0))[0], "4月份支委会"));
  g_assert_nonnull (strstr (((GStrv) g_ptr_array_index (toc->rows, 2))[0], "6月份支委会"));

  empty = zb_pdf_binder (f->store, 2025, 0, &error);
  g_assert_null (empty);
  g_assert_error (error, ZB_PDF_ERROR, ZB_PDF_ERROR_EMPTY);
  g_assert_nonnull (strstr (error->message, "2025"));
}

/* In zh_CN, as the secretary prints them: the Chinese words of the form. */
/* From here on, the process speaks Chinese; FALSE (the test skipped) when
 * the locale is not installed. */
static gboolean
switch_to_zh_cn (void)
{
  if (setlocale (LC_ALL, "zh_CN.UTF-8") == NULL)
    {
      g_test_skip ("the zh_CN.UTF-8 locale is not installed");
      return FALSE;
    }
  g_setenv ("LANGUAGE", "zh_CN", TRUE);
  bindtextdomain (GETTEXT_PACKAGE, g_getenv ("ZHIBU_LOCALEDIR"));
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);
  return TRUE;
}

static void
test_zh_cn (Fixture       *f,
            gconstpointer  data)
{
  g_autofree char *meeting = add_meeting (f, "general", "2026-03-05", "三月份支部党员大会");
  g_autofree char *item = NULL, *out = NULL, *text = NULL, *letter_text = NULL;
  g_autoptr(ZbPdfDocument) record = NULL, letter = NULL;
  g_autoptr(GError) error = NULL;

  if (!switch_to_zh_cn ())
    return;

  attend (f, meeting);
  set_first_item (f, meeting);
  item = add_item (f, meeting, "讨论年度工作要点", "张建国介绍了年度工作要点。", "通过年度工作要点");
  vote (f, item);
  g_free (add_measure (f, meeting));
  out = transfer (f, f->third, FALSE);
  record = zb_pdf_meeting_record (f->store, meeting, &error);
  g_assert_no_error (error);
  letter = zb_pdf_transfer_letter (f->store, out, &error);
  g_assert_no_error (error);
  text = render_text (f, record, "meeting-record-zh_CN");
  letter_text = render_text (f, letter, "transfer-letter-zh_CN");

  g_setenv ("LANGUAGE", "C", TRUE);
  setlocale (LC_ALL, "C.UTF-8");

  assert_has (text, "支部党员大会记录");
  assert_has (text, "时间：2026年3月5日 14:30–16:00");
  assert_has (text, "出席情况：应到3人，实到2人，请假1人，缺席0人");
  assert_has (text, "列席人员：陈组织员（机关党委）");
  assert_has (text, "议题1：讨论年度工作要点");
  assert_has (text, "表决：赞成2票，反对0票，弃权0票，通过");
  /* The signature lines are drawn by the full renderer: their words here. */
  g_assert_cmpstr (find_block (record, ZB_PDF_BLOCK_SIGNATURES)->columns[0], ==,
                   "主持人（签字）");
  assert_has (letter_text, "中国共产党党员组织关系介绍信（存根）");
  assert_has (letter_text, "王立新同志（男），36岁，汉族，系中共正式党员，身份证号码");
  assert_has (letter_text, "由测试支部去集团机关党委，请转接组织关系。");
  assert_has (letter_text, "该同志党费已交到____年____月。");
  assert_has (letter_text, "（有效期30天）");
  g_assert_false (has (letter_text, "第组转字"));
  assert_has (letter_text, "王立新同志的党员组织关系已转达我处，特此回执。");
}

/* A person seven steps along the path: named a candidate after 11 months
 * as an activist, a broken time rule; as of 1 September 2021. */
static GPtrArray *
recruitment_steps (GDate *today)
{
  static const struct { const char *code, *date, *document; } path[] = {
    { "S01", "2020-03-02", "入党申请书" }, { "S02", "2020-03-20", "谈话记录" },
    { "S03", "2020-09-15", "支委会会议记录" }, { "S04", "2020-09-25", "备案报告" },
    { "S05", "2020-09-28", NULL }, { "S06", "2021-03-10", "考察登记表" },
    { "S07", "2021-08-16", "支委会会议记录" },
  };
  static const char * const contacts[] = { "张建国", "李红梅", NULL };
  GPtrArray *steps = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint i = 0; i < G_N_ELEMENTS (path); i++)
    {
      ZbRecruitStep *step = zb_recruit_step_new ("person-1", path[i].code, path[i].date);

      zb_recruit_step_set_document (step, path[i].document);
      if (g_str_equal (path[i].code, "S05"))
        zb_recruit_step_set_people (step, contacts);
      g_ptr_array_add (steps, step);
    }
  g_date_clear (today, 1);
  g_date_set_dmy (today, 1, 9, 2021);
  return steps;
}

static char *
render_recruitment (Fixture    *f,
                    const char *png_name)
{
  GDate today;
  g_autoptr(GPtrArray) steps = recruitment_steps (&today);
  g_autoptr(ZbPdfDocument) document = zb_pdf_recruitment_file ("第一党支部", "周晓燕",
                                                               "1995-06-01", steps, &today);

  return render_text (f, document, png_name);
}

/* A recruitment file checklist (issue 12): the 25 steps in their 5 stages,
 * what was done with its document, what is due, the broken time rule. */
static void
test_recruitment (Fixture       *f,
                  gconstpointer  data)
{
  g_autofree char *text = render_recruitment (f, "recruitment-file");

  assert_has (text, "Recruitment file checklist");
  assert_has (text, "周晓燕");
  assert_has (text, "第一党支部");
  for (guint n = 1; n <= ZB_RECRUIT_N_STEPS; n++)
    assert_has (text, zb_recruit_step_info (n)->code);
  /* Poppler reads a table's cells in its own order: each part on its own. */
  assert_has (text, "Hand in the application for membership");
  assert_has (text, "入党申请书");
  assert_has (text, "Report the candidate to the higher committee");
  assert_has (text, "From 2021-08-16");
  assert_has (text, "Stage 5:");
  assert_has (text, "Application date：2020-03-02");
  assert_has (text, "Candidate date：2021-08-16");
  assert_has (text, "Alert：Recruitment Rules, article 13");
  assert_has (text, "after 11 months");
  assert_has (text, "Branch secretary：");
}

/* The same in Chinese: DOMAIN.md's names of the stages and steps. */
static void
test_recruitment_zh_cn (Fixture       *f,
                        gconstpointer  data)
{
  g_autofree char *text = NULL;

  if (!switch_to_zh_cn ())
    return;
  text = render_recruitment (f, "recruitment-file-zh_CN");
  assert_has (text, "发展党员材料清单");
  assert_has (text, "第1阶段：申请入党");
  assert_has (text, "递交入党申请书");
  assert_has (text, "第5阶段：预备党员的教育考察和转正");
  assert_has (text, "申请入党日期：2020年3月2日");
  assert_has (text, "2021年8月16日起可办理");
  assert_has (text, "警示：");
  assert_has (text, "支部书记：");
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("/pdf-records/meeting", test_meeting);
  ADD ("/pdf-records/meeting/finalised", test_finalised);
  ADD ("/pdf-records/first-item", test_first_item);
  ADD ("/pdf-records/roster", test_roster);
  ADD ("/pdf-records/roster/pages", test_roster_pages);
  ADD ("/pdf-records/transfer", test_transfer);
  ADD ("/pdf-records/binder", test_binder);
  ADD ("/pdf-records/recruitment", test_recruitment);
  /* Last: these switch the process to Chinese. */
  ADD ("/pdf-records/zh_CN", test_zh_cn);
  ADD ("/pdf-records/recruitment/zh_CN", test_recruitment_zh_cn);

  return g_test_run ();
}
