#define G_LOG_DOMAIN "test-preview"

#include "config.h"

#include <stdlib.h>

#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <string.h>
#include <gtk/gtkunixprint.h>
#include <poppler.h>

#include "zb-pdf-preview.h"
#include "zb-meeting-editor.h"
#include "zb-pdf-renderer.h"
#include "zb-print.h"
#include "zb-test-util.h"
#include "zb-test-window.h"

/* The preview of a printed record, under xvfb-run: the document rendered
 * off the main thread, only the pages shown rasterised, and a print to a
 * file through GtkPrintOperation that gives the previewed pages back. */

static ZbPdfDocument *
build_long (ZbStore  *store,
            gpointer  data,
            GError  **error)
{
  ZbPdfDocument *document = zb_pdf_document_new ("第一党支部党员大会会议记录", "会议记录",
                                                  "第一党支部");
  guint n = GPOINTER_TO_UINT (data);

  zb_pdf_document_add_title (document, "第一党支部党员大会会议记录");
  zb_pdf_document_add_subtitle (document, "2026年3月26日");
  zb_pdf_document_add_field (document, "会议主题", "学习贯彻党的二十届三中全会精神");
  zb_pdf_document_add_heading (document, 1, "一、第一议题");
  for (guint i = 0; i < n; i++)
    zb_pdf_document_add_paragraph (document,
                                   "支部书记领学会议精神，全体党员结合岗位实际交流学习体会，"
                                   "大家一致表示要把学习成果转化为推动工作的实际成效。");
  return document;
}

static ZbPdfDocument *
build_nothing (ZbStore  *store,
               gpointer  data,
               GError  **error)
{
  g_set_error_literal (error, ZB_PDF_ERROR, ZB_PDF_ERROR_EMPTY,
                       "Quarter: no meeting in 2026 Q4; choose another period");
  return NULL;
}

static gboolean
loaded (gpointer data)
{
  return !zb_pdf_preview_is_loading (data);
}

static gboolean
page_shown (gpointer data)
{
  return zb_pdf_preview_is_page_shown (data);
}

static ZbPdfPreview *
open_preview (ZbPdfBuild build,
              gpointer   data)
{
  ZbPdfPreview *preview = zb_pdf_preview_new (NULL, build, data, NULL, "record.pdf");

  g_object_ref_sink (preview);
  gtk_window_set_default_size (GTK_WINDOW (preview), 800, 1000);
  gtk_window_present (GTK_WINDOW (preview));
  zb_test_wait_for (loaded, preview, 60);
  return preview;
}

static void
close_preview (ZbPdfPreview *preview)
{
  gtk_window_destroy (GTK_WINDOW (preview));
  g_assert_finalize_object (preview);
}

/* Each page's text, the white space left out: cairo and Poppler may space
 * the same glyphs differently on the way through the printer. */
static char *
text_of (PopplerDocument *document)
{
  GString *text = g_string_new (NULL);

  for (int i = 0; i < poppler_document_get_n_pages (document); i++)
    {
      PopplerPage *page = poppler_document_get_page (document, i);
      g_autofree char *page_text = poppler_page_get_text (page);

      for (const char *p = page_text; *p; p = g_utf8_next_char (p))
        if (!g_unichar_isspace (g_utf8_get_char (p)))
          g_string_append_unichar (text, g_utf8_get_char (p));
      g_string_append (text, "\f");
      g_object_unref (page);
    }

  return g_string_free (text, FALSE);
}

static int
compare_unichar (gconstpointer a,
                 gconstpointer b)
{
  gunichar x = *(const gunichar *) a, y = *(const gunichar *) b;

  return x < y ? -1 : x > y;
}

/* @text (text_of's) with each page's characters in code-point order: a
 * printer's PDF holds the very glyphs of each page, but Poppler may read a
 * table's cells back in another order from it. */
static char *
glyphs_by_page (const char *text)
{
  g_auto(GStrv) pages = g_strsplit (text, "\f", -1);
  GString *out = g_string_new (NULL);

  for (guint i = 0; pages[i] != NULL; i++)
    {
      glong n = 0;
      g_autofree gunichar *chars = g_utf8_to_ucs4_fast (pages[i], -1, &n);

      qsort (chars, n, sizeof (gunichar), compare_unichar);
      for (glong c = 0; c < n; c++)
        g_string_append_unichar (out, chars[c]);
      g_string_append (out, "\f");
    }
  return g_string_free (out, FALSE);
}

/* Presses @keys as the window's shortcuts take them: GTK 4.8 has no way to
 * send a key event to a window under test. */
static void
press (GtkWidget  *widget,
       const char *keys)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (widget);
  g_autoptr(GtkShortcutTrigger) trigger = gtk_shortcut_trigger_parse_string (keys);

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GObject) controller = g_list_model_get_item (controllers, i);

      if (!GTK_IS_SHORTCUT_CONTROLLER (controller))
        continue;
      for (guint j = 0; j < g_list_model_get_n_items (G_LIST_MODEL (controller)); j++)
        {
          g_autoptr(GtkShortcut) shortcut = g_list_model_get_item (G_LIST_MODEL (controller), j);

          if (gtk_shortcut_trigger_equal (gtk_shortcut_get_trigger (shortcut), trigger))
            {
              g_assert_true (gtk_shortcut_action_activate (gtk_shortcut_get_action (shortcut), 0,
                                                           widget, NULL));
              return;
            }
        }
    }

  g_error ("No shortcut for %s", keys);
}

static void
print_done_cb (GtkPrintOperation       *operation,
               GtkPrintOperationResult  result,
               gpointer                 data)
{
  *(GtkPrintOperationResult *) data = result;
}

static gboolean
print_finished (gpointer data)
{
  return *(GtkPrintOperationResult *) data != (GtkPrintOperationResult) -1;
}

static gboolean
print_to_file_chosen (gpointer data)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GObject) window = g_list_model_get_item (toplevels, i);
      GtkPrinter *printer;

      if (!GTK_IS_PRINT_UNIX_DIALOG (window) || !gtk_widget_get_mapped (GTK_WIDGET (window)))
        continue;
      printer = gtk_print_unix_dialog_get_selected_printer (GTK_PRINT_UNIX_DIALOG (window));
      if (printer != NULL && GTK_IS_PRINTER (printer) && gtk_printer_is_virtual (printer))
        {
          *(GtkWidget **) data = GTK_WIDGET (window);
          return TRUE;
        }
    }

  return FALSE;
}

/* GTK's file backend reports the job done as it starts writing: the file
 * is whole once it ends as a PDF ends. */
static gboolean
pdf_written (gpointer data)
{
  g_autofree char *contents = NULL;
  gsize length = 0;

  return g_file_get_contents (data, &contents, &length, NULL) && length > 6 &&
         g_str_has_prefix (contents, "%PDF") &&
         g_strstr_len (contents + length - MIN (length, 16), MIN (length, 16), "%%EOF") != NULL;
}

/* Prints as a secretary does, through the print dialog, choosing GTK's
 * "Print to File" printer (its file backend) and @path as its file. The
 * dialog's Print button is pressed by the test: GTK 4.8 finds no virtual
 * printer by name without its dialog. */
static void
print_to_file (ZbPdfPreview *preview,
               const char   *path)
{
  g_autoptr(GtkPrintOperation) operation = zb_pdf_preview_new_print_operation (preview);
  g_autoptr(GtkPrintSettings) settings = gtk_print_settings_new ();
  g_autofree char *uri = g_filename_to_uri (path, NULL, NULL);
  g_autoptr(GError) error = NULL;
  GtkPrintOperationResult result = -1;
  GtkWidget *dialog = NULL;

  g_assert_nonnull (operation);
  /* The printer's name is GTK's, in the language of the session. */
  gtk_print_settings_set_printer (settings, g_dgettext ("gtk40", "Print to File"));
  gtk_print_settings_set (settings, GTK_PRINT_SETTINGS_OUTPUT_URI, uri);
  gtk_print_settings_set (settings, GTK_PRINT_SETTINGS_OUTPUT_FILE_FORMAT, "pdf");
  gtk_print_operation_set_print_settings (operation, settings);
  gtk_print_operation_set_allow_async (operation, TRUE);
  g_signal_connect (operation, "done", G_CALLBACK (print_done_cb), &result);
  gtk_print_operation_run (operation, GTK_PRINT_OPERATION_ACTION_PRINT_DIALOG,
                           GTK_WINDOW (preview), &error);
  g_assert_no_error (error);
  zb_test_wait_for (print_to_file_chosen, &dialog, 30);
  zb_test_settle (300);
  zb_test_screenshot (dialog, "preview-print-dialog.png");
  gtk_dialog_response (GTK_DIALOG (dialog), GTK_RESPONSE_OK);
  g_test_message ("printing to %s", path);
  zb_test_wait_for (print_finished, &result, 60);
  g_assert_cmpint (result, ==, GTK_PRINT_OPERATION_RESULT_APPLY);
  zb_test_wait_for (pdf_written, (gpointer) path, 60);
}

/* Page 1 on screen, the others drawn only when turned to, and a printout
 * whose every page holds the text of the previewed page. */
static void
test_pages_and_print (void)
{
  g_autofree char *dir = zb_test_make_dir ();
  g_autofree char *path = g_build_filename (dir, "printed.pdf", NULL);
  g_autoptr(ZbPdfPreview) preview = open_preview (build_long, GUINT_TO_POINTER (40));
  PopplerDocument *shown, *printed;
  g_autofree char *shown_text = NULL, *printed_text = NULL;
  g_autoptr(GError) error = NULL;
  guint n_pages;
  double fit;
  int width;

  g_assert_null (zb_pdf_preview_get_error (preview));
  zb_test_wait_for (page_shown, preview, 30);
  zb_test_settle (300);
  zb_test_screenshot (GTK_WIDGET (preview), "preview-page-1.png");

  n_pages = zb_pdf_preview_get_n_pages (preview);
  g_assert_cmpuint (n_pages, >=, 3);
  g_assert_cmpuint (zb_pdf_preview_get_page (preview), ==, 0);
  g_assert_cmpuint (zb_pdf_preview_get_n_rendered (preview), <=, 2);

  press (GTK_WIDGET (preview), "Page_Down");
  press (GTK_WIDGET (preview), "Page_Down");
  zb_test_wait_for (page_shown, preview, 30);
  g_assert_cmpuint (zb_pdf_preview_get_page (preview), ==, 2);
  press (GTK_WIDGET (preview), "Page_Up");
  zb_test_wait_for (page_shown, preview, 30);
  g_assert_cmpuint (zb_pdf_preview_get_page (preview), ==, 1);
  g_assert_cmpuint (zb_pdf_preview_get_n_rendered (preview), <=, 4);

  /* Zoom: in by a step, the page drawn bigger; fit width gives the width back. */
  fit = zb_pdf_preview_get_zoom (preview);
  width = gtk_widget_get_width (zb_pdf_preview_get_page_widget (preview));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (preview), "preview.zoom-in", NULL));
  zb_test_wait_for (page_shown, preview, 30);
  zb_test_settle (100);
  g_assert_cmpfloat_with_epsilon (zb_pdf_preview_get_zoom (preview), fit * 1.25, 0.001);
  g_assert_cmpint (gtk_widget_get_width (zb_pdf_preview_get_page_widget (preview)), >, width);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (preview), "preview.fit-width", NULL));
  zb_test_wait_for (page_shown, preview, 30);
  g_assert_cmpfloat_with_epsilon (zb_pdf_preview_get_zoom (preview), fit, 0.001);

  print_to_file (preview, path);
  shown = poppler_document_new_from_bytes (zb_pdf_preview_get_pdf (preview), NULL, &error);
  g_assert_no_error (error);
  {
    g_autofree char *uri = g_filename_to_uri (path, NULL, NULL);

    printed = poppler_document_new_from_file (uri, NULL, &error);
    g_assert_no_error (error);
  }
  g_assert_cmpint (poppler_document_get_n_pages (printed), ==, n_pages);
  shown_text = text_of (shown);
  printed_text = text_of (printed);
  g_assert_nonnull (strstr (shown_text, "第一党支部党员大会会议记录"));
  g_assert_cmpstr (printed_text, ==, shown_text);

  g_object_unref (shown);
  g_object_unref (printed);
  close_preview (g_steal_pointer (&preview));
  zb_test_remove_dir (dir);
}

typedef struct
{
  gint64 last;
  gint64 longest;
} Stalls;

static gboolean
tick_cb (gpointer data)
{
  Stalls *stalls = data;
  gint64 now = g_get_monotonic_time ();

  stalls->longest = MAX (stalls->longest, now - stalls->last);
  stalls->last = now;
  return G_SOURCE_CONTINUE;
}

/* A binder of 200 pages and more: the window keeps drawing while it is
 * built and rendered, shows page 1 having rasterised it alone, and turns
 * to the last page at once. */
static void
test_long (void)
{
  g_autoptr(ZbPdfPreview) preview = zb_pdf_preview_new (NULL, build_long,
                                                        GUINT_TO_POINTER (2400), NULL, NULL);
  Stalls stalls = { 0, 0 };
  gint64 start;
  guint tick, n_pages;

  g_object_ref_sink (preview);
  gtk_window_present (GTK_WINDOW (preview));
  /* From the first frame on: mapping a window is GTK's own wait. */
  zb_test_settle (100);
  g_assert_true (zb_pdf_preview_is_loading (preview));
  start = stalls.last = g_get_monotonic_time ();
  tick = g_timeout_add (10, tick_cb, &stalls);
  zb_test_wait_for (page_shown, preview, 60);
  g_source_remove (tick);
  n_pages = zb_pdf_preview_get_n_pages (preview);
  g_test_message ("%u pages shown after %" G_GINT64_FORMAT " ms; the main loop waited %"
                  G_GINT64_FORMAT " ms at most", n_pages,
                  (g_get_monotonic_time () - start) / 1000, stalls.longest / 1000);
  g_assert_cmpuint (n_pages, >=, 200);
  g_assert_cmpuint (zb_pdf_preview_get_n_rendered (preview), <=, 2);
  /* Ten frames at 60 Hz, with room for two cores shared by four builds. */
  g_assert_cmpint (stalls.longest, <, 170 * 1000);

  zb_pdf_preview_set_page (preview, n_pages - 1);
  zb_test_wait_for (page_shown, preview, 30);
  g_assert_cmpuint (zb_pdf_preview_get_page (preview), ==, n_pages - 1);
  close_preview (g_steal_pointer (&preview));
}

/* Closed while its document is still being rendered: the work is dropped
 * and nothing is left behind. */
static void
test_close_while_loading (void)
{
  ZbPdfPreview *preview = zb_pdf_preview_new (NULL, build_long, GUINT_TO_POINTER (1200), NULL,
                                              NULL);

  g_object_ref_sink (preview);
  gtk_window_present (GTK_WINDOW (preview));
  zb_test_settle (50);
  g_assert_true (zb_pdf_preview_is_loading (preview));
  close_preview (preview);
  /* The worker finishes and finds the window gone. */
  zb_test_settle (3000);
}

/* A builder's refusal (an empty period, say) is shown as it says it. */
static void
test_error (void)
{
  g_autoptr(ZbPdfPreview) preview = open_preview (build_nothing, NULL);

  g_assert_cmpstr (zb_pdf_preview_get_error (preview), ==,
                   "Quarter: no meeting in 2026 Q4; choose another period");
  g_assert_null (zb_pdf_preview_get_pdf (preview));
  g_assert_null (zb_pdf_preview_new_print_operation (preview));
  zb_test_settle (200);
  zb_test_screenshot (GTK_WIDGET (preview), "preview-error.png");
  close_preview (g_steal_pointer (&preview));
}

typedef struct
{
  GType      type;
  GtkWidget *found;
} Toplevel;

static gboolean
has_toplevel (gpointer data)
{
  Toplevel *t = data;
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GObject) window = g_list_model_get_item (toplevels, i);

      if (G_TYPE_CHECK_INSTANCE_TYPE (window, t->type) &&
          gtk_widget_get_mapped (GTK_WIDGET (window)))
        {
          t->found = GTK_WIDGET (window);
          return TRUE;
        }
    }

  return FALSE;
}

/* The window of @type that opened, waited for. */
static gpointer
wait_for_window (GType type)
{
  Toplevel t = { type, NULL };

  zb_test_wait_for (has_toplevel, &t, 30);
  return t.found;
}

/* A preview another window opened, once its document is there. */
static ZbPdfPreview *
wait_for_preview (void)
{
  ZbPdfPreview *preview = g_object_ref (wait_for_window (ZB_TYPE_PDF_PREVIEW));

  zb_test_wait_for (loaded, preview, 60);
  return preview;
}

static char *
shown_text (ZbPdfPreview *preview)
{
  g_autoptr(GError) error = NULL;
  PopplerDocument *document = poppler_document_new_from_bytes (zb_pdf_preview_get_pdf (preview),
                                                               NULL, &error);
  char *text;

  g_assert_no_error (error);
  text = text_of (document);
  g_object_unref (document);
  return text;
}

#define assert_has(text, needle) \
  G_STMT_START { if (strstr (text, needle) == NULL) \
    g_error ("“%s” is not in the previewed text: %s", needle, text); } G_STMT_END

static char *
add_record (ZbStore    *store,
            const char *date,
            const char *title)
{
  char *id = zb_test_add_meeting (store, "general", date, title, NULL);
  g_autoptr(ZbFirstItem) first = zb_first_item_new ();
  g_autoptr(ZbAgendaItem) item = zb_agenda_item_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *item_id = NULL;

  zb_first_item_set_topic (first, "学习贯彻党的二十届三中全会精神");
  zb_first_item_set_form (first, "领学、研讨");
  zb_first_item_set_participants (first, "支部全体党员");
  zb_first_item_set_proceedings (first, "书记领学全会公报，党员逐一交流学习体会。");
  zb_store_set_first_item (store, id, first, &error);
  g_assert_no_error (error);
  zb_agenda_item_set_meeting_id (item, id);
  zb_agenda_item_set_title (item, "讨论年度工作要点");
  zb_agenda_item_set_minutes (item, "书记介绍年度工作要点，党员讨论后表示赞同。");
  zb_agenda_item_set_resolution (item, "通过年度工作要点");
  item_id = zb_store_add_agenda_item (store, item, &error);
  g_assert_no_error (error);
  return id;
}

/* The meeting window's Preview and Print: page 1 of the record on screen,
 * with what was typed a moment before, and its printout. */
static void
test_meeting_record (ZbTestWindow  *f,
                     gconstpointer  data)
{
  g_autoptr(ZbKey) key = zb_test_key ();
  g_autoptr(GError) error = NULL;
  g_autoptr(ZbStore) store = NULL;
  g_autoptr(ZbMeetingEditor) editor = NULL;
  g_autoptr(ZbPdfPreview) preview = NULL;
  g_autofree char *meeting = NULL, *text = NULL, *printed = NULL;
  g_autofree char *dir = zb_test_make_dir ();
  g_autofree char *path = g_build_filename (dir, "record.pdf", NULL);
  GtkTextBuffer *minutes;

  zb_test_make_roster (f, 20);
  store = zb_store_open (f->path, key, &error);
  g_assert_no_error (error);
  meeting = add_record (store, "2026-03-26", "第一季度支部党员大会");

  editor = zb_meeting_editor_new (store, meeting, &error);
  g_assert_no_error (error);
  g_object_ref_sink (editor);
  gtk_window_present (GTK_WINDOW (editor));
  zb_test_settle (500);
  zb_test_screenshot (GTK_WIDGET (editor), "preview-meeting-editor.png");

  /* Typed, not yet saved, and printed at once: the print waits for the save. */
  minutes = gtk_text_view_get_buffer (zb_meeting_editor_get_item_view (editor, 0));
  gtk_text_buffer_insert_at_cursor (minutes, "会议一致同意按期报送。", -1);
  g_assert_false (zb_meeting_editor_is_saved (editor));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (editor), "editor.print", NULL));

  preview = wait_for_preview ();
  g_assert_null (zb_pdf_preview_get_error (preview));
  g_assert_true (gtk_window_get_transient_for (GTK_WINDOW (preview)) == GTK_WINDOW (editor));
  zb_test_wait_for (page_shown, preview, 30);
  zb_test_settle (300);
  zb_test_screenshot (GTK_WIDGET (preview), "preview-meeting-record.png");

  text = shown_text (preview);
  assert_has (text, "第一季度支部党员大会");
  assert_has (text, "学习贯彻党的二十届三中全会精神");
  assert_has (text, "书记介绍年度工作要点，党员讨论后表示赞同。");
  assert_has (text, "会议一致同意按期报送。");

  print_to_file (preview, path);
  {
    g_autofree char *uri = g_filename_to_uri (path, NULL, NULL);
    PopplerDocument *document = poppler_document_new_from_file (uri, NULL, &error);

    g_assert_no_error (error);
    printed = text_of (document);
    g_object_unref (document);
  }
  {
    g_autofree char *printed_glyphs = glyphs_by_page (printed);
    g_autofree char *shown_glyphs = glyphs_by_page (text);

    g_assert_cmpstr (printed_glyphs, ==, shown_glyphs);
  }

  close_preview (g_steal_pointer (&preview));
  gtk_window_destroy (GTK_WINDOW (editor));
  zb_test_remove_dir (dir);
}

/* The primary menu's archive binder: the quarter picked, its meetings and
 * no other; a quarter without meetings says so. */
static void
test_binder (ZbTestWindow  *f,
             gconstpointer  data)
{
  g_autoptr(ZbPdfPreview) preview = NULL;
  g_autofree char *text = NULL;
  AdwMessageDialog *dialog;

  zb_test_make_roster (f, 20);
  {
    g_autoptr(ZbKey) key = zb_test_key ();
    g_autoptr(GError) error = NULL;
    g_autoptr(ZbStore) store = zb_store_open (f->path, key, &error);

    g_assert_no_error (error);
    g_free (add_record (store, "2026-01-15", "一月份支部党员大会"));
    g_free (add_record (store, "2026-03-26", "三月份支部党员大会"));
    g_free (add_record (store, "2026-08-20", "八月份支部党员大会"));
  }
  zb_test_open_roster (f);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.print-binder", NULL));
  dialog = wait_for_window (ADW_TYPE_MESSAGE_DIALOG);
  zb_test_settle (200);
  zb_test_screenshot (GTK_WIDGET (dialog), "preview-binder-dialog.png");
  zb_print_set_binder (dialog, 2026, 1);
  adw_message_dialog_response (dialog, "preview");

  preview = wait_for_preview ();
  g_assert_null (zb_pdf_preview_get_error (preview));
  zb_test_wait_for (page_shown, preview, 30);
  zb_test_settle (300);
  zb_test_screenshot (GTK_WIDGET (preview), "preview-binder.png");
  text = shown_text (preview);
  assert_has (text, "一月份支部党员大会");
  assert_has (text, "三月份支部党员大会");
  g_assert_null (strstr (text, "八月份支部党员大会"));
  g_assert_cmpuint (zb_pdf_preview_get_n_pages (preview), >=, 3);
  close_preview (g_steal_pointer (&preview));

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.print-binder", NULL));
  dialog = wait_for_window (ADW_TYPE_MESSAGE_DIALOG);
  zb_print_set_binder (dialog, 2026, 4);
  adw_message_dialog_response (dialog, "preview");
  preview = wait_for_preview ();
  g_assert_nonnull (zb_pdf_preview_get_error (preview));
  g_assert_null (zb_pdf_preview_get_pdf (preview));
  zb_test_settle (200);
  zb_test_screenshot (GTK_WIDGET (preview), "preview-binder-empty.png");
  close_preview (g_steal_pointer (&preview));
}

/* The primary menu's roster: masked unless the switch is turned on. */
static void
test_roster (ZbTestWindow  *f,
             gconstpointer  data)
{
  g_autoptr(ZbPdfPreview) preview = NULL;
  g_autoptr(GListModel) members = NULL;
  g_autoptr(ZbMember) member = NULL;
  g_autofree char *masked = NULL, *full = NULL;
  const char *id_number;
  AdwMessageDialog *dialog;

  zb_test_make_roster (f, 20);
  zb_test_open_roster (f);
  members = zb_store_list_members (zb_context_get_store (f->context), FALSE, NULL);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.print-roster", NULL));
  dialog = wait_for_window (ADW_TYPE_MESSAGE_DIALOG);
  zb_test_settle (200);
  zb_test_screenshot (GTK_WIDGET (dialog), "preview-roster-dialog.png");
  adw_message_dialog_response (dialog, "preview");
  preview = wait_for_preview ();
  zb_test_wait_for (page_shown, preview, 30);
  zb_test_settle (300);
  zb_test_screenshot (GTK_WIDGET (preview), "preview-roster.png");
  masked = shown_text (preview);
  /* A member on the printed roster (those transferred out are not). */
  for (guint i = 0; member == NULL && i < g_list_model_get_n_items (members); i++)
    {
      g_autoptr(ZbMember) m = g_list_model_get_item (members, i);

      if (strstr (masked, zb_member_get (m, ZB_MEMBER_FIELD_NAME)) != NULL)
        member = g_steal_pointer (&m);
    }
  g_assert_nonnull (member);
  id_number = zb_member_get (member, ZB_MEMBER_FIELD_ID_NUMBER);
  g_assert_cmpuint (strlen (id_number), ==, 18);
  g_assert_null (strstr (masked, id_number));

  /* Its landscape pages print landscape, at their size, not shrunk. */
  {
    g_autofree char *dir = zb_test_make_dir ();
    g_autofree char *path = g_build_filename (dir, "roster-printed.pdf", NULL);
    g_autofree char *uri = NULL;
    g_autoptr(GError) error = NULL;
    PopplerDocument *printed;
    PopplerPage *page;
    double width, height;

    print_to_file (preview, path);
    uri = g_filename_to_uri (path, NULL, NULL);
    printed = poppler_document_new_from_file (uri, NULL, &error);
    g_assert_no_error (error);
    page = poppler_document_get_page (printed, 0);
    poppler_page_get_size (page, &width, &height);
    g_assert_cmpfloat_with_epsilon (width, 297 * 72 / 25.4, 1.0);
    g_assert_cmpfloat_with_epsilon (height, 210 * 72 / 25.4, 1.0);
    g_object_unref (page);
    g_object_unref (printed);
    zb_test_remove_dir (dir);
  }
  close_preview (g_steal_pointer (&preview));

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.print-roster", NULL));
  dialog = wait_for_window (ADW_TYPE_MESSAGE_DIALOG);
  zb_print_set_sensitive (dialog, TRUE);
  adw_message_dialog_response (dialog, "preview");
  preview = wait_for_preview ();
  full = shown_text (preview);
  assert_has (full, id_number);
  close_preview (g_steal_pointer (&preview));
}

static gboolean
file_has_pdf (gpointer data)
{
  gpointer *pair = data;
  g_autofree char *contents = NULL;
  gsize length = 0;
  GBytes *pdf = pair[1];

  return g_file_get_contents (pair[0], &contents, &length, NULL) &&
         length == g_bytes_get_size (pdf) &&
         memcmp (contents, g_bytes_get_data (pdf, NULL), length) == 0;
}

/* Save as PDF…: the file chooser proposes the document's title, and the
 * file written is the very PDF previewed. */
static void
test_save (void)
{
  g_autofree char *dir = zb_test_make_dir ();
  g_autofree char *path = g_build_filename (dir, "saved.pdf", NULL);
  g_autoptr(ZbPdfPreview) preview = open_preview (build_long, GUINT_TO_POINTER (3));
  g_autofree char *proposed = NULL;
  gpointer pair[2] = { path, zb_pdf_preview_get_pdf (preview) };
  GtkWidget *chooser;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (preview), "preview.save", NULL));
  chooser = wait_for_window (GTK_TYPE_FILE_CHOOSER_DIALOG);
  proposed = gtk_file_chooser_get_current_name (GTK_FILE_CHOOSER (chooser));
  g_assert_cmpstr (proposed, ==, "record.pdf");
  /* As typed into its name: the chooser takes a whole path there. */
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), path);
  zb_test_settle (500);
  zb_test_screenshot (chooser, "preview-save.png");
  gtk_widget_activate (gtk_dialog_get_widget_for_response (GTK_DIALOG (chooser),
                                                           GTK_RESPONSE_ACCEPT));
  zb_test_wait_for (file_has_pdf, pair, 30);

  close_preview (g_steal_pointer (&preview));
  zb_test_remove_dir (dir);
}

int
main (int   argc,
      char *argv[])
{
  zb_test_gui_init (&argc, &argv);

  g_test_add_func ("/preview/pages-and-print", test_pages_and_print);
  g_test_add_func ("/preview/error", test_error);
  g_test_add_func ("/preview/long", test_long);
  g_test_add_func ("/preview/save", test_save);
  g_test_add_func ("/preview/close-while-loading", test_close_while_loading);
  g_test_add ("/preview/meeting-record", ZbTestWindow, NULL, zb_test_window_set_up,
              test_meeting_record, zb_test_window_tear_down);
  g_test_add ("/preview/binder", ZbTestWindow, NULL, zb_test_window_set_up,
              test_binder, zb_test_window_tear_down);
  g_test_add ("/preview/roster", ZbTestWindow, NULL, zb_test_window_set_up,
              test_roster, zb_test_window_tear_down);

  return g_test_run ();
}
