#define G_LOG_DOMAIN "test-window-sheets"

/* test-window-sheets.c: spreadsheets from the app's menus (issue 13)
 *
 * Copyright 2026 The Zhibu authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Under xvfb-run, in C and zh_CN: each section's lists exported through the
 * window's one export path (the chooser's callback takes a path, and so do
 * these tests), read back with the core's reader: the roster keeps an ID
 * number ending in X exactly when asked for it and leaves it out otherwise;
 * the chooser itself, answered as a user would, adds the ending of the
 * format chosen, and asks before that name replaces a file. A roster imported from the menu: a bad one adds nobody and
 * its dialog names the row and the field; a good one adds its people.
 * Screenshots sheets-*.png.
 */

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "zb-date.h"
#include "zb-member-csv.h"
#include "zb-study-view.h"
#include "zb-dues-view.h"
#include "zb-table.h"
#include "zb-test-util.h"
#include "zb-test-window.h"

/* In tests/data/sheets/roster.csv: 张建国, with the check digit X. */
#define ID_WITH_X "11010119800315101X"
#define PHONE     "13800138000"
#define N_DEMO    12

static char *
sheet_path (const char *name)
{
  return g_test_build_filename (G_TEST_DIST, "data", "sheets", name, NULL);
}

/* The tests close each toast once they have read it (wait_for_toast ()).
 * libadwaita 1.2 frees a toast closed before its 0.5 s entrance is over and
 * then crashes finishing that entrance: no animations, so that a toast is
 * in place as soon as it is shown. */
static void
toasts_without_animations (void)
{
  g_object_set (gtk_settings_get_default (), "gtk-enable-animations", FALSE, NULL);
}

/* A demo branch, the five people of roster.csv added, the window open on it. */
static void
open_branch (ZbTestWindow *f)
{
  g_autofree char *roster = sheet_path ("roster.csv");
  g_autoptr(ZbStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *today = zb_date_today_iso ();
  guint n = 0;

  toasts_without_animations ();
  zb_test_make_roster (f, N_DEMO);
  store = zb_test_open_store (f);
  g_assert_true (zb_member_import_file (store, roster, ZB_CSV_ENCODING_AUTO, &n, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n, ==, 5);
  g_free (zb_test_add_meeting (store, "general", today, "支部党员大会", NULL));
  g_clear_object (&store);
  zb_test_open_roster (f);
}

/* The mapped label under @widget whose text holds @needle, or NULL. */
static GtkWidget *
find_label_with (GtkWidget  *widget,
                 const char *needle)
{
  if (GTK_IS_LABEL (widget) && gtk_widget_get_mapped (widget) &&
      strstr (gtk_label_get_text (GTK_LABEL (widget)), needle) != NULL)
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_label_with (child, needle);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static gboolean
has_label_with (GtkWidget  *widget,
                const char *needle)
{
  return find_label_with (widget, needle) != NULL;
}

typedef struct
{
  ZbTestWindow *f;
  const char   *text;
} Toast;

static gboolean
toast_shown (gpointer data)
{
  Toast *toast = data;

  return has_label_with (GTK_WIDGET (toast->f->window), toast->text);
}

static gboolean
toast_gone (gpointer data)
{
  return !toast_shown (data);
}

/* The close button of the toast that shows @label, as a user clicks it. */
static void
close_toast (GtkWidget *label)
{
  GtkWidget *toast = label;

  while (toast != NULL && !g_str_equal (G_OBJECT_TYPE_NAME (toast), "AdwToastWidget"))
    toast = gtk_widget_get_parent (toast);
  g_assert_nonnull (toast);
  for (GtkWidget *child = gtk_widget_get_first_child (toast); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (GTK_IS_BUTTON (child) &&
        g_strcmp0 (gtk_button_get_icon_name (GTK_BUTTON (child)), "window-close-symbolic") == 0)
      {
        g_signal_emit_by_name (child, "clicked");
        return;
      }
  g_assert_not_reached ();
}

/* Waits for the toast saying @text, then closes it: the window shows one
 * toast at a time, each for 5 s, and the next export's toast would wait
 * behind this one. */
static void
wait_for_toast (ZbTestWindow *f,
                const char   *text)
{
  Toast toast = { f, text };

  zb_test_wait_for (toast_shown, &toast, 60);
  close_toast (find_label_with (GTK_WIDGET (f->window), text));
  zb_test_wait_for (toast_gone, &toast, 30);
}

/* Exports @list to @name in the test's folder, as the chooser's answer
 * does, and reads it back once the window says where it went. */
static ZbTable *
export_and_read (ZbTestWindow *f,
                 const char   *list,
                 const char   *name)
{
  g_autofree char *path = g_build_filename (f->dir, name, NULL);
  g_autofree char *toast = g_strdup_printf (_("Exported to %s"), name);
  g_autoptr(GError) error = NULL;
  ZbTable *table;

  g_assert_true (zb_window_export (f->window, list, path));
  wait_for_toast (f, toast);
  table = zb_table_read_file (path, ZB_CSV_ENCODING_AUTO, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (table->rows->len, >=, 1);
  return table;
}

/* The cells of every row, header first, as they were read. */
static gboolean
table_has_cell (ZbTable    *table,
                const char *needle,
                gboolean    exact)
{
  for (guint r = 0; r < table->rows->len; r++)
    {
      ZbCsvRow *row = g_ptr_array_index (table->rows, r);

      for (guint c = 0; c < row->cells->len; c++)
        {
          const char *cell = g_ptr_array_index (row->cells, c);

          if (exact ? g_strcmp0 (cell, needle) == 0 : strstr (cell, needle) != NULL)
            return TRUE;
        }
    }
  return FALSE;
}

static const char *
cell (ZbTable *table,
      guint    r,
      guint    c)
{
  ZbCsvRow *row = g_ptr_array_index (table->rows, r);

  return c < row->cells->len ? g_ptr_array_index (row->cells, c) : NULL;
}

/* The roster as a workbook and as CSV: with ID numbers and phones only when
 * asked for, and then the ID ending in X exactly as typed, a text cell
 * that no spreadsheet turns into 1.1E+17. */
static void
test_export_roster (ZbTestWindow  *f,
                    gconstpointer  data)
{
  g_autoptr(ZbTable) with = NULL;
  g_autoptr(ZbTable) without = NULL;
  g_autoptr(ZbTable) csv = NULL;

  open_branch (f);
  with = export_and_read (f, "roster-sensitive", "with.xlsx");
  g_assert_cmpuint (with->rows->len, ==, N_DEMO + 5 + 1);
  g_assert_true (table_has_cell (with, ID_WITH_X, TRUE));
  g_assert_true (table_has_cell (with, PHONE, TRUE));

  without = export_and_read (f, "roster", "without.xlsx");
  g_assert_cmpuint (without->rows->len, ==, N_DEMO + 5 + 1);
  g_assert_true (table_has_cell (without, "张建国", TRUE));
  g_assert_false (table_has_cell (without, "1010119800315", FALSE));
  g_assert_false (table_has_cell (without, "00138000", FALSE));

  csv = export_and_read (f, "roster-sensitive", "with.csv");
  g_assert_true (csv->origin == ZB_TABLE_FORMAT_CSV);
  g_assert_true (table_has_cell (csv, ID_WITH_X, TRUE));
}

/* The blank roster to fill in: the export's header row alone, whatever
 * the branch holds. */
static void
test_export_template (ZbTestWindow  *f,
                      gconstpointer  data)
{
  g_autoptr(ZbTable) blank = NULL;
  g_autoptr(ZbTable) with = NULL;
  ZbCsvRow *header, *full_header;

  open_branch (f);
  blank = export_and_read (f, "roster-template", "blank.xlsx");
  with = export_and_read (f, "roster-sensitive", "with.xlsx");
  g_assert_cmpuint (blank->rows->len, ==, 1);
  header = g_ptr_array_index (blank->rows, 0);
  full_header = g_ptr_array_index (with->rows, 0);
  g_assert_cmpuint (header->cells->len, ==, full_header->cells->len);
  for (guint c = 0; c < header->cells->len; c++)
    g_assert_cmpstr (cell (blank, 0, c), ==, cell (with, 0, c));
  g_assert_true (table_has_cell (blank, "姓名", TRUE));
}

/* A meeting of today chaired by @member. */
static void
add_chaired_meeting (ZbStore    *store,
                     const char *member)
{
  g_autoptr(ZbMeeting) meeting = zb_meeting_new ();
  g_autofree char *today = zb_date_today_iso ();
  g_autofree char *id = NULL;
  g_autoptr(GError) error = NULL;

  zb_meeting_set_type_code (meeting, "committee");
  zb_meeting_set_title (meeting, "支委会");
  zb_meeting_set_date (meeting, today);
  zb_meeting_set_chair_id (meeting, member);
  id = zb_store_add_meeting (store, meeting, &error);
  g_assert_no_error (error);
}

/* The meetings as a secretary reads them: headings in the user's
 * language, the type's name rather than its code, the chair's name rather
 * than their ID; dates stay ISO, which a spreadsheet sorts. */
static void
check_meetings_for_people (ZbTable    *table,
                           const char *chair)
{
  gboolean zh = g_strcmp0 (g_getenv ("ZHIBU_TEST_LANGUAGE"), "zh_CN") == 0;
  g_autofree char *today = zb_date_today_iso ();

  g_assert_cmpuint (table->rows->len, ==, 3);
  g_assert_cmpstr (cell (table, 0, 1), ==, C_("column", "Type"));
  g_assert_cmpstr (cell (table, 0, 2), ==, C_("column", "Date"));
  if (zh)
    g_assert_cmpstr (cell (table, 0, 2), ==, "日期");
  g_assert_false (table_has_cell (table, "chair_id", TRUE));
  g_assert_true (table_has_cell (table, C_("column", "Chair"), TRUE));
  g_assert_false (table_has_cell (table, "general", TRUE));
  g_assert_false (table_has_cell (table, "committee", TRUE));
  g_assert_true (table_has_cell (table, _("Branch general meeting"), TRUE));
  g_assert_true (table_has_cell (table, _("Branch committee meeting"), TRUE));
  if (zh)
    g_assert_true (table_has_cell (table, "支部委员会会议", TRUE));
  g_assert_true (table_has_cell (table, "张建国", TRUE));
  g_assert_false (table_has_cell (table, chair, TRUE));
  g_assert_cmpstr (cell (table, 1, 2), ==, today);
}

/* Every other section's list, with the CLI's columns worded for people:
 * this year's meetings, the measures shown, a member's dues ledger, the
 * arrears, the points. */
static void
test_export_lists (ZbTestWindow  *f,
                   gconstpointer  data)
{
  struct { const char *list, *view, *first; } lists[] = {
    { "meetings", "meetings", C_("column", "ID") },
    { "measures", "measures", C_("column", "ID") },
    { "arrears", "dues", C_("column", "Member ID") },
    { "points", "study", C_("column", "Member ID") },
    { "dues-ledger", "dues", C_("column", "Month") },
  };
  ZbDuesView *dues;
  g_autoptr(ZbStore) store = NULL;
  g_autofree char *member = NULL;

  open_branch (f);
  store = zb_test_open_store (f);
  member = zb_store_find_id_number (store, ID_WITH_X, NULL);
  g_assert_nonnull (member);
  add_chaired_meeting (store, member);
  g_clear_object (&store);
  dues = ZB_DUES_VIEW (zb_window_get_dues_view (f->window));
  for (guint i = 0; i < G_N_ELEMENTS (lists); i++)
    {
      g_autofree char *name = g_strdup_printf ("%s.xlsx", lists[i].list);
      g_autoptr(ZbTable) table = NULL;

      zb_window_show_view (f->window, lists[i].view);
      zb_test_settle (300);
      if (g_str_equal (lists[i].list, "dues-ledger"))
        {
          /* No member chosen: nothing to save, and the toast says why. */
          g_assert_false (zb_window_export (f->window, "dues-ledger", NULL));
          wait_for_toast (f, _("Choose a member in the list first, then export their ledger."));
          zb_dues_view_choose_member (dues, member);
        }
      table = export_and_read (f, lists[i].list, name);
      g_assert_cmpstr (cell (table, 0, 0), ==, lists[i].first);
      if (g_str_equal (lists[i].list, "meetings"))
        check_meetings_for_people (table, member);
      if (g_str_equal (lists[i].list, "points") || g_str_equal (lists[i].list, "dues-ledger"))
        g_assert_cmpuint (table->rows->len, >=, 2);
    }
}

static gboolean
has_message_dialog (gpointer data)
{
  return (*(GtkWidget **) data = zb_test_find_toplevel (ADW_TYPE_MESSAGE_DIALOG)) != NULL;
}

static gboolean
has_file_chooser (gpointer data)
{
  return (*(GtkWidget **) data = zb_test_find_toplevel (GTK_TYPE_FILE_CHOOSER_DIALOG)) != NULL;
}

static gboolean
file_exists (gpointer path)
{
  return g_file_test (path, G_FILE_TEST_EXISTS);
}

/* Answers the chooser of win.export-roster as a user does: a folder, a name
 * without an ending, and the filter at @filter (0 the workbook, 1 CSV). */
static void
answer_chooser (ZbTestWindow *f,
                const char   *name,
                guint         filter)
{
  GtkWidget *chooser = NULL;
  g_autofree char *typed = g_build_filename (f->dir, name, NULL);
  g_autoptr(GListModel) filters = NULL;
  g_autoptr(GtkFileFilter) chosen = NULL;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.export-roster", NULL));
  zb_test_wait_for (has_file_chooser, &chooser, 30);
  filters = gtk_file_chooser_get_filters (GTK_FILE_CHOOSER (chooser));
  g_assert_cmpuint (g_list_model_get_n_items (filters), ==, 2);
  chosen = g_list_model_get_item (filters, filter);
  gtk_file_chooser_set_filter (GTK_FILE_CHOOSER (chooser), chosen);
  /* Typed whole, as the name entry takes it: the chooser changes folders
   * in its own time, and under Xvfb may answer with the one it started in. */
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), typed);
  zb_test_settle (200);
  /* The Export button, as a click: the dialog checks the name first. */
  g_assert_true (gtk_widget_activate (gtk_dialog_get_widget_for_response (GTK_DIALOG (chooser),
                                                                           GTK_RESPONSE_ACCEPT)));
}

static gboolean
no_dialog (gpointer data)
{
  return zb_test_find_toplevel (ADW_TYPE_MESSAGE_DIALOG) == NULL;
}

static gboolean
no_longer (gpointer path)
{
  g_autofree char *text = NULL;

  return g_file_get_contents (path, &text, NULL, NULL) && !g_str_equal (text, "kept");
}

/* The chooser asked about the name typed: the ending added makes another
 * file's name, which is only replaced when the user says so. */
static void
replace_or_keep (ZbTestWindow *f,
                 const char   *csv)
{
  g_autofree char *text = NULL;
  GtkWidget *dialog = NULL;

  g_assert_true (g_file_set_contents (csv, "kept", -1, NULL));
  answer_chooser (f, "名单", 1);
  zb_test_wait_for (has_message_dialog, &dialog, 30);
  g_assert_nonnull (strstr (adw_message_dialog_get_heading (ADW_MESSAGE_DIALOG (dialog)),
                            "名单.csv"));
  /* As its button does: the answer, then the dialog closes. */
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  gtk_window_close (GTK_WINDOW (dialog));
  zb_test_settle (500);
  g_assert_true (g_file_get_contents (csv, &text, NULL, NULL));
  g_assert_cmpstr (text, ==, "kept");

  zb_test_wait_for (no_dialog, NULL, 30);
  answer_chooser (f, "名单", 1);
  zb_test_wait_for (has_message_dialog, &dialog, 30);
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (dialog), "replace");
  gtk_window_close (GTK_WINDOW (dialog));
  zb_test_wait_for (no_longer, (gpointer) csv, 30);
}

/* The chooser offers the workbook and CSV and adds the chosen one's
 * ending to a name that has none; a name with one keeps it. */
static void
test_export_chooser (ZbTestWindow  *f,
                     gconstpointer  data)
{
  g_autofree char *csv = g_build_filename (f->dir, "名单.csv", NULL);
  g_autofree char *xlsx = g_build_filename (f->dir, "名单.xlsx", NULL);
  g_autofree char *named = g_build_filename (f->dir, "named.csv", NULL);
  g_autoptr(ZbTable) table = NULL;
  g_autoptr(GError) error = NULL;

  open_branch (f);
  /* Where the chooser opens when it knows no better: never the sources. */
  g_assert_cmpint (g_chdir (f->dir), ==, 0);
  answer_chooser (f, "名单", 1);
  zb_test_wait_for (file_exists, csv, 30);
  answer_chooser (f, "名单", 0);
  zb_test_wait_for (file_exists, xlsx, 30);
  answer_chooser (f, "named.csv", 0);
  zb_test_wait_for (file_exists, named, 30);
  zb_test_settle (300);

  g_assert_false (g_file_test (csv, G_FILE_TEST_IS_DIR));
  replace_or_keep (f, csv);
  table = zb_table_read_file (xlsx, ZB_CSV_ENCODING_AUTO, &error);
  g_assert_no_error (error);
  g_assert_true (table->origin == ZB_TABLE_FORMAT_XLSX);
  /* Without asking for them, no ID numbers. */
  g_assert_false (table_has_cell (table, ID_WITH_X, FALSE));
  g_assert_true (table_has_cell (table, "张建国", TRUE));
}

static gboolean
import_done (gpointer window)
{
  return !zb_window_is_importing (window);
}

static GtkWidget *
find_by_name (GtkWidget  *widget,
              const char *name)
{
  if (g_strcmp0 (gtk_widget_get_name (widget), name) == 0)
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_by_name (child, name);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static guint
count_members (ZbTestWindow *f)
{
  g_autoptr(ZbStore) store = zb_test_open_store (f);

  return zb_store_count_members (store, TRUE, NULL);
}

typedef struct
{
  char     *text;
  gboolean  done;
} Clipboard;

static void
clipboard_read_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      data)
{
  Clipboard *clipboard = data;

  clipboard->text = gdk_clipboard_read_text_finish (GDK_CLIPBOARD (object), result, NULL);
  clipboard->done = TRUE;
}

static gboolean
clipboard_read (gpointer data)
{
  return ((Clipboard *) data)->done;
}

/* A short list of problems shows whole, its last line too: no scroller
 * cuts it off, and it is as tall as its lines need at its width. */
static void
assert_all_in_sight (GtkWidget *label)
{
  GtkWidget *scroller = gtk_widget_get_ancestor (label, GTK_TYPE_SCROLLED_WINDOW);
  int needed;

  gtk_widget_measure (label, GTK_ORIENTATION_VERTICAL, gtk_widget_get_width (label), &needed,
                      NULL, NULL, NULL);
  g_assert_cmpint (gtk_widget_get_height (label), >=, needed);
  if (scroller != NULL)
    g_assert_cmpint (gtk_widget_get_height (scroller), >=, needed);
}

/* From the primary menu's import, once the branch runs: a roster whose
 * second person has a wrong check digit adds nobody, and a dialog lists
 * the row and the field, to read and to copy; then the same roster put
 * right adds its people and the roster shows them. */
static void
test_import (ZbTestWindow  *f,
             gconstpointer  data)
{
  g_autofree char *source = sheet_path ("roster.csv");
  g_autofree char *text = NULL;
  g_autofree char *broken = NULL;
  g_autofree char *bad = g_build_filename (f->dir, "bad.csv", NULL);
  g_autofree char *imported = NULL;
  g_autoptr(GError) error = NULL;
  Clipboard clipboard = { NULL };
  GtkWidget *dialog = NULL;
  GtkWidget *problems;
  const char *shown;

  g_file_get_contents (source, &text, NULL, &error);
  g_assert_no_error (error);
  {
    g_auto(GStrv) parts = g_strsplit (text, "11010119850612104X", -1);

    broken = g_strjoinv ("110101198506121040", parts);
  }
  g_file_set_contents (bad, broken, -1, &error);
  g_assert_no_error (error);

  toasts_without_animations ();
  zb_test_make_roster (f, N_DEMO);
  zb_test_open_roster (f);
  g_assert_true (zb_window_import_roster (f->window, bad));
  zb_test_wait_for (import_done, f->window, 60);
  zb_test_wait_for (has_message_dialog, &dialog, 30);
  problems = find_by_name (dialog, "import-problems");
  g_assert_nonnull (problems);
  shown = gtk_label_get_text (GTK_LABEL (problems));
  g_test_message ("%s", shown);
  g_assert_nonnull (strstr (shown, "2"));
  g_assert_nonnull (strstr (shown, _("Citizen ID number")));
  g_assert_true (gtk_label_get_selectable (GTK_LABEL (problems)));
  g_assert_cmpuint (count_members (f), ==, N_DEMO);
  zb_test_settle (300);
  assert_all_in_sight (problems);
  zb_test_screenshot (dialog, "sheets-import-refused.png");

  adw_message_dialog_response (ADW_MESSAGE_DIALOG (dialog), "copy");
  gtk_window_close (GTK_WINDOW (dialog));
  gdk_clipboard_read_text_async (gtk_widget_get_clipboard (GTK_WIDGET (f->window)), NULL,
                                 clipboard_read_cb, &clipboard);
  zb_test_wait_for (clipboard_read, &clipboard, 10);
  g_assert_nonnull (clipboard.text);
  g_assert_nonnull (strstr (clipboard.text, _("Citizen ID number")));
  g_assert_nonnull (strstr (clipboard.text, "bad.csv"));
  g_free (clipboard.text);
  zb_test_settle (200);

  /* The same people put right: all five added, and shown. */
  g_assert_true (zb_window_import_roster (f->window, source));
  zb_test_wait_for (import_done, f->window, 60);
  g_assert_cmpuint (count_members (f), ==, N_DEMO + 5);
  imported = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Imported %'u member",
                                           "Imported %'u members", 5), 5);
  wait_for_toast (f, imported);
  g_assert_cmpstr (zb_window_get_page (f->window), ==, "roster");
  g_assert_cmpuint (g_list_model_get_n_items (zb_test_roster_model (f)), ==, N_DEMO + 5);
}

/* An .xls that crashes FreeXL costs that import, not the app: the window
 * says which file could not be read and what to do, adds nobody, and the
 * next .xls imports. */
static void
test_import_damaged_xls (ZbTestWindow  *f,
                         gconstpointer  data)
{
  g_autofree char *from = sheet_path ("freexl-segfault.xls");
  g_autofree char *intact = sheet_path ("roster.xls");
  g_autofree char *damaged = g_build_filename (f->dir, "花名册.xls", NULL);
  g_autofree char *bytes = NULL;
  g_autofree char *imported = NULL;
  GtkWidget *dialog = NULL;
  GtkWidget *problems;
  const char *shown;
  gsize length;

  g_assert_true (g_file_get_contents (from, &bytes, &length, NULL));
  g_assert_true (g_file_set_contents (damaged, bytes, length, NULL));
  toasts_without_animations ();
  zb_test_make_roster (f, N_DEMO);
  zb_test_open_roster (f);

  g_assert_true (zb_window_import_roster (f->window, damaged));
  zb_test_wait_for (import_done, f->window, 60);
  zb_test_wait_for (has_message_dialog, &dialog, 30);
  problems = find_by_name (dialog, "import-problems");
  shown = gtk_label_get_text (GTK_LABEL (problems));
  g_test_message ("%s", shown);
  g_assert_nonnull (strstr (shown, "“花名册.xls”"));
  g_assert_nonnull (strstr (shown, ".xlsx"));
  g_assert_cmpuint (count_members (f), ==, N_DEMO);
  zb_test_settle (300);
  assert_all_in_sight (problems);
  zb_test_screenshot (dialog, "sheets-import-damaged-xls.png");
  gtk_window_destroy (GTK_WINDOW (dialog));
  zb_test_settle (200);

  g_assert_true (zb_window_import_roster (f->window, intact));
  zb_test_wait_for (import_done, f->window, 60);
  g_assert_cmpuint (count_members (f), ==, N_DEMO + 5);
  imported = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Imported %'u member",
                                           "Imported %'u members", 5), 5);
  wait_for_toast (f, imported);
}

/* The spreadsheet button shows in the sections that have lists to export,
 * with their items, and Ctrl+E opens its menu. */
static void
test_menu (ZbTestWindow  *f,
           gconstpointer  data)
{
  const char *with[] = { "roster", "meetings", "measures", "dues", "study" };
  const char *without[] = { "first-items", "compliance", "recruitment", "dashboard", "sync" };
  GtkWidget *button;
  GtkPopover *popover;

  open_branch (f);
  button = zb_test_find_by_id (GTK_WIDGET (f->window), "sheets_button");
  g_assert_nonnull (button);
  for (guint i = 0; i < G_N_ELEMENTS (without); i++)
    {
      zb_window_show_view (f->window, without[i]);
      g_assert_false (gtk_widget_get_visible (button));
    }
  for (guint i = 0; i < G_N_ELEMENTS (with); i++)
    {
      zb_window_show_view (f->window, with[i]);
      g_assert_true (gtk_widget_get_visible (button));
    }

  zb_window_show_view (f->window, "dues");
  zb_test_settle (300);
  popover = gtk_menu_button_get_popover (GTK_MENU_BUTTON (button));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.sheets-menu", NULL));
  zb_test_settle (500);
  if (gtk_widget_get_mapped (GTK_WIDGET (popover)))
    {
      g_assert_true (has_label_with (GTK_WIDGET (popover), "Arrears") ||
                     has_label_with (GTK_WIDGET (popover), "欠缴"));
      zb_test_screenshot (GTK_WIDGET (f->window), "sheets-menu-window.png");
      zb_test_screenshot (GTK_WIDGET (popover), "sheets-menu.png");
      gtk_popover_popdown (popover);
    }
  else
    g_test_message ("the menu did not map under this X server: no screenshot");
}

int
main (int   argc,
      char *argv[])
{
  zb_test_gui_init (&argc, &argv);

#define ADD(path, func) \
  g_test_add (path, ZbTestWindow, NULL, zb_test_window_set_up, func, zb_test_window_tear_down)
  ADD ("/window-sheets/export/roster", test_export_roster);
  ADD ("/window-sheets/export/template", test_export_template);
  ADD ("/window-sheets/export/lists", test_export_lists);
  ADD ("/window-sheets/export/chooser", test_export_chooser);
  ADD ("/window-sheets/import", test_import);
  ADD ("/window-sheets/import/damaged-xls", test_import_damaged_xls);
  ADD ("/window-sheets/menu", test_menu);
#undef ADD

  return g_test_run ();
}
