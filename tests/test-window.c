#define G_LOG_DOMAIN "test-window"

#include "config.h"

#include <locale.h>

#include <glib/gi18n.h>
#include <glib/gstdio.h>
/* g_memory_settings_backend_new(): GSettings of one test alone */
#define G_SETTINGS_ENABLE_BACKEND
#include <gio/gsettingsbackend.h>
#include <gdk/x11/gdkx.h>

#include "zb-demo.h"
#include "zb-dues-view.h"
#include "zb-meeting-dialog.h"
#include "zb-meetings-view.h"
#include "zb-member-editor.h"
#include "zb-member-rules.h"
#include "zb-pdf-preview.h"
#include "zb-roster-view.h"
#include "zb-store.h"
#include "zb-test-util.h"
#include "zb-test-window.h"
#include "zb-window.h"

#define ROSTER_SIZE 10000

/* The app opens a 10,000-member database and shows the roster. */
static void
test_roster (ZbTestWindow  *f,
             gconstpointer  data)
{
  guint n_filtered;

  zb_test_make_roster (f, ROSTER_SIZE);
  zb_test_open_roster (f);

  g_assert_cmpuint (g_list_model_get_n_items (zb_test_roster_model (f)), ==, ROSTER_SIZE);
  g_assert_true (gtk_widget_get_mapped (zb_window_get_roster_view (f->window)));
  zb_test_screenshot (GTK_WIDGET (f->window), "roster.png");

  zb_roster_view_set_search (ZB_ROSTER_VIEW (zb_window_get_roster_view (f->window)), "第3党小组");
  n_filtered = g_list_model_get_n_items (zb_test_roster_model (f));
  g_assert_cmpuint (n_filtered, >, 0);
  g_assert_cmpuint (n_filtered, <, ROSTER_SIZE);
}

/* Clicking a header sorts in SQL, in the direction the header shows. */
static void
test_sort (ZbTestWindow  *f,
           gconstpointer  data)
{
  GtkColumnView *view = NULL;
  GListModel *columns;
  g_autoptr(GtkColumnViewColumn) birth = NULL;
  g_autoptr(ZbMember) first = NULL, last = NULL;
  guint n;

  zb_test_make_roster (f, 500);
  zb_test_open_roster (f);

  view = zb_roster_view_get_column_view (ZB_ROSTER_VIEW (zb_window_get_roster_view (f->window)));
  columns = gtk_column_view_get_columns (view);
  birth = g_list_model_get_item (columns, 2);
  gtk_column_view_sort_by_column (view, birth, GTK_SORT_DESCENDING);

  n = g_list_model_get_n_items (zb_test_roster_model (f));
  first = g_list_model_get_item (zb_test_roster_model (f), 0);
  last = g_list_model_get_item (zb_test_roster_model (f), n - 1);
  g_assert_cmpstr (zb_member_get (first, ZB_MEMBER_FIELD_BIRTH_DATE), >,
                   zb_member_get (last, ZB_MEMBER_FIELD_BIRTH_DATE));
}

static ZbMemberEditor *
find_editor (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GObject) window = g_list_model_get_item (toplevels, i);

      if (ZB_IS_MEMBER_EDITOR (window) && gtk_widget_get_visible (GTK_WIDGET (window)))
        return ZB_MEMBER_EDITOR (window);
    }

  return NULL;
}

/* A wrong check digit is shown next to the ID number, and nothing is saved. */
static void
test_editor_error (ZbTestWindow  *f,
                   gconstpointer  data)
{
  g_autoptr(ZbMember) member = NULL;
  ZbMemberEditor *editor;
  GtkWidget *error_row;
  GtkWidget *label;
  g_autofree char *bad = NULL;
  g_autoptr(GPtrArray) issues = NULL;
  ZbFieldIssue *issue;

  zb_test_make_roster (f, 50);
  zb_test_open_roster (f);

  member = g_list_model_get_item (zb_test_roster_model (f), 0);
  zb_window_edit_member (f->window, member);
  editor = find_editor ();
  g_assert_nonnull (editor);
  zb_test_settle (300);

  bad = g_strdup (zb_member_get (member, ZB_MEMBER_FIELD_ID_NUMBER));
  bad[17] = bad[17] == '1' ? '2' : '1';
  zb_member_editor_set_text (editor, ZB_MEMBER_FIELD_ID_NUMBER, bad);
  zb_member_editor_save (editor);
  zb_test_settle (300);

  error_row = zb_member_editor_get_error (editor, ZB_MEMBER_FIELD_ID_NUMBER);
  label = gtk_list_box_row_get_child (GTK_LIST_BOX_ROW (error_row));
  g_assert_true (gtk_widget_get_visible (error_row));
  /* The rules' own words, in the language of the run. */
  zb_member_set (member, ZB_MEMBER_FIELD_ID_NUMBER, bad);
  issues = zb_member_rules_check (member);
  g_assert_cmpuint (issues->len, ==, 1);
  issue = g_ptr_array_index (issues, 0);
  g_assert_cmpint (issue->field, ==, ZB_MEMBER_FIELD_ID_NUMBER);
  g_assert_nonnull (strstr (gtk_label_get_text (GTK_LABEL (label)),
                            g_utf8_next_char (issue->message)));
  /* Right under the ID number's row, not at the end of the group. */
  g_assert_true (gtk_widget_get_parent (error_row) ==
                 gtk_widget_get_parent (gtk_widget_get_prev_sibling (error_row)));
  zb_test_screenshot (GTK_WIDGET (editor), "member-editor-error.png");
  gtk_window_destroy (GTK_WINDOW (editor));
}

static const char *
error_text (ZbMemberEditor *editor,
            ZbMemberField   field)
{
  GtkWidget *error_row = zb_member_editor_get_error (editor, field);

  g_assert_true (gtk_widget_get_visible (error_row));
  return gtk_label_get_text (GTK_LABEL (gtk_list_box_row_get_child (
                                          GTK_LIST_BOX_ROW (error_row))));
}

/* The limits of zb-limits.c show under their fields, in the rules' words
 * (in the language of the run: the checks look for what every language
 * keeps, the character's code, the limit and the date). */
static void
test_editor_limits (ZbTestWindow  *f,
                    gconstpointer  data)
{
  g_autoptr(ZbMember) member = NULL;
  g_autofree char *address = g_strnfill (201, 'x');
  ZbMemberEditor *editor;

  zb_test_make_roster (f, 5);
  zb_test_open_roster (f);

  member = g_list_model_get_item (zb_test_roster_model (f), 0);
  zb_window_edit_member (f->window, member);
  editor = find_editor ();
  g_assert_nonnull (editor);
  zb_test_settle (300);

  zb_member_editor_set_text (editor, ZB_MEMBER_FIELD_NAME, "王\033[2J芳");
  zb_member_editor_set_text (editor, ZB_MEMBER_FIELD_ADDRESS, address);
  zb_member_editor_set_text (editor, ZB_MEMBER_FIELD_APPLIED_DATE, "2999-01-01");
  zb_member_editor_save (editor);
  zb_test_settle (300);

  g_assert_nonnull (strstr (error_text (editor, ZB_MEMBER_FIELD_NAME),
                            "U+001B"));
  g_assert_nonnull (strstr (error_text (editor, ZB_MEMBER_FIELD_ADDRESS),
                            "200"));
  g_assert_nonnull (strstr (error_text (editor, ZB_MEMBER_FIELD_APPLIED_DATE),
                            "2999-01-01"));
  zb_test_screenshot (GTK_WIDGET (editor), "member-editor-limits.png");
  gtk_window_destroy (GTK_WINDOW (editor));
}

static gboolean
no_editor (gpointer data)
{
  return find_editor () == NULL;
}

/* A new member typed into the form lands in the database, off the main
 * thread, and shows in the roster. */
static void
test_editor_add (ZbTestWindow  *f,
                 gconstpointer  data)
{
  g_autofree char *id_number = zb_test_id_number ("1990-05-04", TRUE, 8);
  ZbMemberEditor *editor;
  ZbStore *store;
  g_autoptr(GListModel) members = NULL;
  guint found = 0;

  zb_test_make_roster (f, 5);
  zb_test_open_roster (f);

  zb_window_edit_member (f->window, NULL);
  editor = find_editor ();
  g_assert_nonnull (editor);
  zb_member_editor_set_text (editor, ZB_MEMBER_FIELD_NAME, "欧阳红梅");
  zb_member_editor_set_text (editor, ZB_MEMBER_FIELD_ID_NUMBER, id_number);
  /* Dates as office workers type them, stored in ISO form. */
  zb_member_editor_set_text (editor, ZB_MEMBER_FIELD_JOINED_DATE, "2019年7月1日");
  zb_member_editor_set_text (editor, ZB_MEMBER_FIELD_FULL_DATE, "2020/7/1");
  zb_member_editor_set_text (editor, ZB_MEMBER_FIELD_PARTY_GROUP, "第一党小组");
  zb_member_editor_save (editor);
  zb_test_wait_for (no_editor, NULL, 30);

  g_assert_cmpuint (g_list_model_get_n_items (zb_test_roster_model (f)), ==, 6);
  store = zb_context_get_store (f->context);
  members = zb_store_list_members (store, FALSE, NULL);
  for (guint i = 0; i < g_list_model_get_n_items (members); i++)
    {
      g_autoptr(ZbMember) m = g_list_model_get_item (members, i);

      if (g_strcmp0 (zb_member_get (m, ZB_MEMBER_FIELD_NAME), "欧阳红梅") == 0)
        {
          found++;
          /* Sex and birth date came from the ID number. */
          g_assert_cmpstr (zb_member_get (m, ZB_MEMBER_FIELD_SEX), ==, "M");
          g_assert_cmpstr (zb_member_get (m, ZB_MEMBER_FIELD_BIRTH_DATE), ==, "1990-05-04");
          g_assert_cmpstr (zb_member_get (m, ZB_MEMBER_FIELD_JOINED_DATE), ==, "2019-07-01");
          g_assert_cmpstr (zb_member_get (m, ZB_MEMBER_FIELD_FULL_DATE), ==, "2020-07-01");
        }
    }
  g_assert_cmpuint (found, ==, 1);
}

/* A date that is none is shown under its row, asking for the form in words. */
static void
test_editor_bad_date (ZbTestWindow  *f,
                      gconstpointer  data)
{
  g_autoptr(ZbMember) member = NULL;
  ZbMemberEditor *editor;
  GtkWidget *error_row;
  GtkWidget *label;

  zb_test_make_roster (f, 20);
  zb_test_open_roster (f);
  for (guint i = 0; member == NULL; i++)
    {
      g_autoptr(ZbMember) m = g_list_model_get_item (zb_test_roster_model (f), i);

      if (g_strcmp0 (zb_member_get (m, ZB_MEMBER_FIELD_CATEGORY), ZB_CATEGORY_FULL) == 0)
        member = g_steal_pointer (&m);
    }
  zb_window_edit_member (f->window, member);
  editor = find_editor ();
  g_assert_nonnull (editor);

  zb_member_editor_set_text (editor, ZB_MEMBER_FIELD_JOINED_DATE, "2019/2/30");
  zb_member_editor_save (editor);
  zb_test_settle (300);

  error_row = zb_member_editor_get_error (editor, ZB_MEMBER_FIELD_JOINED_DATE);
  label = gtk_list_box_row_get_child (GTK_LIST_BOX_ROW (error_row));
  g_assert_true (gtk_widget_get_visible (error_row));
  /* In the language of the run: the rules' own words, never YYYY-MM-DD. */
  g_assert_nonnull (strstr (gtk_label_get_text (GTK_LABEL (label)), "“2019/2/30”"));
  g_assert_nonnull (strstr (gtk_label_get_text (GTK_LABEL (label)), "2015-07-01"));
  g_assert_null (strstr (gtk_label_get_text (GTK_LABEL (label)), "YYYY"));
  gtk_window_destroy (GTK_WINDOW (editor));
}

static void
test_welcome (ZbTestWindow  *f,
              gconstpointer  data)
{
  zb_window_open (f->window, f->path, NULL);
  gtk_window_present (GTK_WINDOW (f->window));
  zb_test_settle (500);

  g_assert_cmpstr (zb_window_get_page (f->window), ==, "welcome");
  zb_test_screenshot (GTK_WIDGET (f->window), "welcome.png");
}

static gboolean
on_unlock (gpointer data)
{
  return g_strcmp0 (zb_window_get_page (data), "unlock") == 0;
}

/* A wrong passphrase leads to the unlock page, which says so; the right one
 * typed there opens the roster. */
static void
test_unlock (ZbTestWindow  *f,
             gconstpointer  data)
{
  g_autoptr(ZbKey) key = NULL;
  g_autofree char *right = NULL;

  zb_test_make_roster (f, 5);
  key = zb_key_new_from_file (f->passphrase_file, NULL);
  right = g_strdup (zb_key_get_secret (key));
  g_file_set_contents (f->passphrase_file, "not the passphrase", -1, NULL);

  zb_window_open (f->window, f->path, f->passphrase_file);
  gtk_window_present (GTK_WINDOW (f->window));
  zb_test_wait_for (on_unlock, f->window, 60);
  zb_test_settle (300);
  g_assert_true (gtk_widget_get_visible (zb_window_get_unlock_error (f->window)));
  zb_test_screenshot (GTK_WIDGET (f->window), "unlock.png");

  zb_window_unlock (f->window, right);
  zb_test_wait_for (zb_test_on_roster, f->window, 60);
  g_assert_cmpuint (g_list_model_get_n_items (zb_test_roster_model (f)), ==, 5);
}

static gboolean
count_changed (gpointer data)
{
  g_autofree char *all = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%'u person",
                                                       "%'u people", 40), 40);

  return g_strcmp0 (gtk_label_get_text (GTK_LABEL (data)), all) != 0;
}

static const char *
visible_view (ZbTestWindow *f)
{
  GtkWidget *stack = zb_test_find_by_id (GTK_WIDGET (f->window), "view_stack");

  return adw_view_stack_get_visible_child_name (ADW_VIEW_STACK (stack));
}

/* The sidebar lists every section and opens each, by pointer and by Alt+N;
 * the content's title names it; the count beside the search counts what
 * the search found, of all. */
static void
test_sidebar (ZbTestWindow  *f,
              gconstpointer  data)
{
  GtkListBox *list;
  GtkWidget *title, *count;
  GListModel *pages;
  g_autofree char *all = NULL, *found = NULL;
  guint n, n_found;

  zb_test_make_roster (f, 40);
  zb_test_open_roster (f);
  list = GTK_LIST_BOX (zb_test_find_by_id (GTK_WIDGET (f->window), "sidebar_list"));
  title = zb_test_find_by_id (GTK_WIDGET (f->window), "view_title");
  pages = G_LIST_MODEL (adw_view_stack_get_pages (
    ADW_VIEW_STACK (zb_test_find_by_id (GTK_WIDGET (f->window), "view_stack"))));
  n = g_list_model_get_n_items (pages);
  g_assert_cmpuint (n, >=, 5);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(AdwViewStackPage) page = g_list_model_get_item (pages, i);
      GtkListBoxRow *row = gtk_list_box_get_row_at_index (list, i);
      g_autofree char *shot = g_strdup_printf ("section-%s.png",
                                               adw_view_stack_page_get_name (page));

      g_signal_emit_by_name (list, "row-activated", row);
      g_assert_cmpstr (visible_view (f), ==, adw_view_stack_page_get_name (page));
      g_assert_true (gtk_list_box_row_is_selected (row));
      g_assert_cmpstr (adw_window_title_get_title (ADW_WINDOW_TITLE (title)), ==,
                       adw_view_stack_page_get_title (page));
      zb_test_settle (300);
      zb_test_screenshot (GTK_WIDGET (f->window), shot);
    }

  /* Alt+1 is the first section, Alt+2 the second. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.show-section", "i", 1));
  g_assert_cmpstr (visible_view (f), ==, "meetings");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.show-section", "i", 0));
  g_assert_cmpstr (visible_view (f), ==, "roster");
  g_object_unref (pages);

  count = zb_test_find_by_id (GTK_WIDGET (f->window), "count_label");
  all = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%'u person", "%'u people", 40), 40);
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (count)), ==, all);
  /* The roster's own filter, not the window's search of everything. */
  gtk_editable_set_text (GTK_EDITABLE (zb_test_find_by_id (
                           zb_test_find_by_id (GTK_WIDGET (f->window), "view_stack"),
                           "search_entry")), "第1党小组");
  zb_test_wait_for (count_changed, count, 10);
  n_found = g_list_model_get_n_items (zb_test_roster_model (f));
  g_assert_cmpuint (n_found, <, 40);
  found = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%'u of %'u person", "%'u of %'u people",
                                        40), n_found, 40);
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (count)), ==, found);
}

/* The view in the page @name of the window's view stack, NULL until built. */
static GtkWidget *
built_view (ZbTestWindow *f,
            const char   *name)
{
  GtkWidget *stack = zb_test_find_by_id (GTK_WIDGET (f->window), "view_stack");

  return adw_bin_get_child (ADW_BIN (adw_view_stack_get_child_by_name (ADW_VIEW_STACK (stack),
                                                                        name)));
}

static gboolean
meetings_loaded (gpointer view)
{
  return !zb_meetings_view_is_loading (view);
}

static gboolean
dues_loaded (gpointer view)
{
  return !zb_dues_view_is_loading (view) &&
         gtk_widget_get_first_child (GTK_WIDGET (zb_dues_view_get_member_list (view))) != NULL;
}

/* The window builds the roster alone (bench startup): each other section
 * is built the first time it is shown, by Alt+N or a finding as by the
 * sidebar, and reads the store open before it. */
static void
test_lazy_sections (ZbTestWindow  *f,
                    gconstpointer  data)
{
  static const char * const later[] = {
    "meetings", "first-items", "measures", "compliance", "dues", "recruitment", "study",
    "dashboard", "sync",
  };
  g_autoptr(ZbStore) store = NULL;
  g_autoptr(ZbFinding) arrears = NULL;
  g_autofree char *chair = NULL, *recorder = NULL;
  GtkWidget *meetings, *dues;

  zb_test_make_roster (f, 40);
  zb_test_open_roster (f);
  for (guint i = 0; i < G_N_ELEMENTS (later); i++)
    g_assert_null (built_view (f, later[i]));

  /* Alt+2: the meetings, read from the open store. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.show-section", "i", 1));
  meetings = built_view (f, "meetings");
  g_assert_true (ZB_IS_MEETINGS_VIEW (meetings));
  g_assert_true (meetings == zb_window_get_meetings_view (f->window));
  zb_test_wait_for (meetings_loaded, meetings, 30);
  g_assert_true (gtk_widget_get_mapped (meetings));

  /* A finding about a member's dues opens the dues section, built now. */
  store = zb_test_open_store (f);
  zb_test_pick_full_members (store, &chair, &recorder);
  arrears = zb_finding_new ("dues-arrears", "2026", "warning", chair, "arrears");
  zb_window_open_finding (f->window, arrears);
  g_assert_cmpstr (visible_view (f), ==, "dues");
  dues = built_view (f, "dues");
  g_assert_true (ZB_IS_DUES_VIEW (dues));
  zb_test_wait_for (dues_loaded, dues, 30);
  g_assert_true (gtk_widget_get_mapped (dues));
  /* Chosen although its list had not landed when the finding asked. */
  g_assert_cmpstr (zb_dues_view_get_member (ZB_DUES_VIEW (dues)), ==, chair);

  /* The sections not shown are still not built. */
  g_assert_null (built_view (f, "dashboard"));
  g_assert_null (built_view (f, "sync"));
}

/* The shortcuts window (Ctrl+?) is built when first asked for, not with
 * every window (bench startup), and then kept. */
static GtkWindow *
find_shortcuts_window (void)
{
  g_autoptr(GListModel) toplevels = g_object_ref (gtk_window_get_toplevels ());

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) window = g_list_model_get_item (toplevels, i);

      if (GTK_IS_SHORTCUTS_WINDOW (window))
        return window;
    }
  return NULL;
}

static void
test_shortcuts_window (ZbTestWindow  *f,
                       gconstpointer  data)
{
  GtkWindow *shortcuts;

  zb_test_make_roster (f, 5);
  zb_test_open_roster (f);
  g_assert_null (find_shortcuts_window ());

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.show-help-overlay",
                                             NULL));
  shortcuts = find_shortcuts_window ();
  g_assert_nonnull (shortcuts);
  g_assert_true (gtk_window_get_transient_for (shortcuts) == GTK_WINDOW (f->window));
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (shortcuts)));

  gtk_window_close (shortcuts);
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (shortcuts)));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.show-help-overlay",
                                             NULL));
  g_assert_true (find_shortcuts_window () == shortcuts);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (shortcuts)));
}

static guint
count_in (ZbStore    *store,
          const char *where)
{
  g_autofree char *sql = g_strdup_printf ("SELECT count(*) FROM members WHERE deleted = 0 AND %s",
                                          where);

  return zb_test_sql_int (store, sql);
}

/* The roster shows one category, one party group, and the archived people
 * when asked; the count beside the search follows. */
/* Beside the search, @shown people of @all (or just @all when all are
 * shown); under the branch's name, the @live ones, whatever the filters
 * (the roster's own count stands for the store's when it lists everyone). */
static void
assert_counted (ZbTestWindow *f,
                guint         shown,
                guint         all,
                guint         live)
{
  GtkLabel *label = GTK_LABEL (zb_test_find_by_id (GTK_WIDGET (f->window), "count_label"));
  AdwWindowTitle *title = ADW_WINDOW_TITLE (zb_test_find_by_id (GTK_WIDGET (f->window),
                                                                "branch_title"));
  g_autofree char *expected =
    shown == all ? g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%'u person", "%'u people", all),
                                    all)
                 : g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%'u of %'u person",
                                                 "%'u of %'u people", all), shown, all);
  g_autofree char *subtitle = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%'u person",
                                                            "%'u people", live), live);

  g_assert_cmpstr (gtk_label_get_text (label), ==, expected);
  g_assert_cmpstr (adw_window_title_get_subtitle (title), ==, subtitle);
}

static void
test_roster_filters (ZbTestWindow  *f,
                     gconstpointer  data)
{
  g_autoptr(ZbStore) store = NULL;
  g_autoptr(GError) error = NULL;
  GtkDropDown *category, *group;
  GtkCheckButton *archived;
  g_autofree char *someone = NULL;
  guint n_probationary, n_group, n_normal;

  zb_test_make_roster (f, 60);
  store = zb_test_open_store (f);
  someone = zb_test_sql_text (store, "SELECT id FROM members WHERE category = 'full' LIMIT 1");
  g_assert_true (zb_store_archive_member (store, someone, "transferred-out", "2026-10-01", "调往外单位", &error));
  g_assert_no_error (error);
  n_probationary = count_in (store, "category = 'probationary' AND status IN ('normal', 'suspended')");
  n_group = count_in (store, "party_group = '第2党小组' AND status IN ('normal', 'suspended')");
  n_normal = count_in (store, "status IN ('normal', 'suspended')");
  g_clear_object (&store);

  zb_test_open_roster (f);
  category = GTK_DROP_DOWN (zb_test_find_by_id (GTK_WIDGET (f->window), "category_filter"));
  group = GTK_DROP_DOWN (zb_test_find_by_id (GTK_WIDGET (f->window), "group_filter"));
  archived = GTK_CHECK_BUTTON (zb_test_find_by_id (GTK_WIDGET (f->window), "archived_filter"));
  g_assert_cmpuint (g_list_model_get_n_items (zb_test_roster_model (f)), ==, n_normal);
  assert_counted (f, n_normal, n_normal, n_normal);

  /* The drop-down lists "all", then the categories in their order. */
  for (guint i = 1; i < g_list_model_get_n_items (gtk_drop_down_get_model (category)); i++)
    if (g_strcmp0 (zb_member_enum_values (ZB_MEMBER_FIELD_CATEGORY)[i - 1], "probationary") == 0)
      gtk_drop_down_set_selected (category, i);
  g_assert_cmpuint (g_list_model_get_n_items (zb_test_roster_model (f)), ==, n_probationary);
  assert_counted (f, n_probationary, n_normal, n_normal);
  gtk_drop_down_set_selected (category, 0);

  for (guint i = 1; i < g_list_model_get_n_items (gtk_drop_down_get_model (group)); i++)
    if (g_strcmp0 (gtk_string_list_get_string (GTK_STRING_LIST (gtk_drop_down_get_model (group)),
                                               i), "第2党小组") == 0)
      gtk_drop_down_set_selected (group, i);
  g_assert_cmpuint (g_list_model_get_n_items (zb_test_roster_model (f)), ==, n_group);
  assert_counted (f, n_group, n_normal, n_normal);
  zb_test_screenshot (GTK_WIDGET (f->window), "roster-group.png");
  gtk_drop_down_set_selected (group, 0);

  gtk_check_button_set_active (archived, TRUE);
  g_assert_cmpuint (g_list_model_get_n_items (zb_test_roster_model (f)), ==, n_normal + 1);
  assert_counted (f, n_normal + 1, n_normal + 1, n_normal);
}

static GtkWidget *
find_button (GtkWidget  *widget,
             const char *label)
{
  if (GTK_IS_BUTTON (widget) && g_strcmp0 (gtk_button_get_label (GTK_BUTTON (widget)), label) == 0)
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_button (child, label);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static gboolean
has_message_dialog (gpointer data)
{
  return (*(GtkWidget **) data = zb_test_find_toplevel (ADW_TYPE_MESSAGE_DIALOG)) != NULL;
}

static gboolean
has_member_editor (gpointer data)
{
  return (*(GtkWidget **) data = zb_test_find_toplevel (ZB_TYPE_MEMBER_EDITOR)) != NULL;
}

static gboolean
roster_has (gpointer data)
{
  ZbTestWindow *f = ((gpointer *) data)[0];
  guint n = GPOINTER_TO_UINT (((gpointer *) data)[1]);

  return g_list_model_get_n_items (zb_test_roster_model (f)) == n;
}

/* The entry row of @dialog titled @title. */
static GtkEditable *
entry_titled (GtkWidget  *widget,
              const char *title)
{
  if (ADW_IS_ENTRY_ROW (widget) &&
      g_strcmp0 (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (widget)), title) == 0)
    return GTK_EDITABLE (widget);
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkEditable *found = entry_titled (child, title);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static gboolean
has_letter (gpointer data)
{
  GtkWidget *preview = zb_test_find_toplevel (ZB_TYPE_PDF_PREVIEW);

  *(GtkWidget **) data = preview;
  return preview != NULL && !zb_pdf_preview_is_loading (ZB_PDF_PREVIEW (preview));
}

static gboolean
banner_shown (gpointer editor)
{
  return gtk_revealer_get_reveal_child (GTK_REVEALER (zb_test_find_by_id (editor,
                                                                           "banner_revealer")));
}

/* As a click on its button: the response, and the dialog closes (which
 * adw_message_dialog_response() alone does not do). */
static void
answer_archive (GtkWidget *dialog)
{
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (dialog), "archive");
  gtk_window_destroy (GTK_WINDOW (dialog));
}

/* The archive dialog of @editor, opened. */
static GtkWidget *
open_archive_dialog (GtkWidget *editor)
{
  GtkWidget *dialog = NULL;

  g_assert_true (gtk_widget_activate_action (editor, "editor.archive", NULL));
  zb_test_wait_for (has_message_dialog, &dialog, 10);
  return dialog;
}

/* The first person in the roster's list who is in the Party (full or
 * probationary), or who is not, as @in_party says. */
static ZbMember *
roster_member_in_party (ZbTestWindow *f,
                        gboolean      in_party)
{
  GListModel *model = zb_test_roster_model (f);

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(ZbMember) member = g_list_model_get_item (model, i);
      const char *category = zb_member_get (member, ZB_MEMBER_FIELD_CATEGORY);

      if ((g_strcmp0 (category, ZB_CATEGORY_FULL) == 0 ||
           g_strcmp0 (category, ZB_CATEGORY_PROBATIONARY) == 0) == in_party)
        return g_steal_pointer (&member);
    }
  g_assert_not_reached ();
}

/* An archiving's toast, with its Undo, shown (after any toast before it). */
static gboolean
undo_shown (gpointer data)
{
  ZbTestWindow *f = data;

  return find_button (GTK_WIDGET (f->window), _("_Undo")) != NULL;
}

/* @member's status in @store, and its date the one typed for a transfer. */
static void
assert_status (ZbStore    *store,
               ZbMember   *member,
               const char *status)
{
  g_autofree char *sql = g_strdup_printf ("SELECT status || ' ' || coalesce(status_date, '') "
                                          "FROM members WHERE id = '%s'",
                                          zb_member_get_id (member));
  g_autofree char *found = zb_test_sql_text (store, sql);

  g_test_message ("%s: %s", zb_member_get (member, ZB_MEMBER_FIELD_NAME), found);
  g_assert_true (g_str_has_prefix (found, status));
}

/* A Party member transferred out from the member form leaves the roster's
 * list, the transfer recorded with where the relationship goes, and its
 * introduction letter opens to print; a transfer that names no
 * organisation is refused and archives no one. The toast's Undo brings the
 * person back as they were and leaves the transfer a tombstone. */
static void
test_archive_undo (ZbTestWindow  *f,
                   gconstpointer  data)
{
  g_autoptr(ZbMember) member = NULL, archived = NULL;
  g_autoptr(ZbStore) store = NULL;
  GtkWidget *dialog = NULL, *editor = NULL, *undo, *letter = NULL;
  gpointer wait[2] = { f, NULL };
  guint n;

  zb_test_make_roster (f, 20);
  zb_test_open_roster (f);
  n = g_list_model_get_n_items (zb_test_roster_model (f));

  /* Someone not yet in the Party has no relationship to transfer:
   * transferred out, they leave the roster, with no transfer and no
   * letter. */
  member = roster_member_in_party (f, FALSE);
  zb_window_edit_member (f->window, member);
  zb_test_wait_for (has_member_editor, &editor, 10);
  dialog = open_archive_dialog (editor);
  g_assert_null (entry_titled (dialog, _("Transferred to (party organisation)")));
  g_assert_false (gtk_widget_get_visible (
                    GTK_WIDGET (entry_titled (dialog, _("Introduction letter number, if any")))));
  answer_archive (dialog);
  wait[1] = GUINT_TO_POINTER (--n);
  zb_test_wait_for (roster_has, wait, 20);
  g_assert_null (zb_test_find_toplevel (ZB_TYPE_PDF_PREVIEW));
  store = zb_test_open_store (f);
  assert_status (store, member, ZB_STATUS_TRANSFERRED_OUT);
  g_assert_cmpint (zb_test_sql_int (store, "SELECT count(*) FROM member_transfers"), ==, 0);
  g_clear_object (&store);
  /* Its Undo, before the next archiving's toast can come. */
  zb_test_wait_for (undo_shown, f, 20);
  undo = find_button (GTK_WIDGET (f->window), _("_Undo"));
  g_signal_emit_by_name (undo, "clicked");
  wait[1] = GUINT_TO_POINTER (++n);
  zb_test_wait_for (roster_has, wait, 20);
  store = zb_test_open_store (f);
  assert_status (store, member, ZB_STATUS_NORMAL);
  g_clear_object (&store);
  g_clear_object (&member);
  zb_test_settle (500);

  member = roster_member_in_party (f, TRUE);
  zb_window_edit_member (f->window, member);
  zb_test_wait_for (has_member_editor, &editor, 10);
  dialog = open_archive_dialog (editor);
  g_assert_nonnull (entry_titled (dialog, _("Transferred to (party organisation)")));
  answer_archive (dialog);
  zb_test_wait_for (banner_shown, editor, 20);
  store = zb_test_open_store (f);
  assert_status (store, member, ZB_STATUS_NORMAL);
  g_assert_cmpint (zb_test_sql_int (store, "SELECT count(*) FROM member_transfers"), ==, 0);
  g_clear_object (&store);

  dialog = open_archive_dialog (editor);
  gtk_editable_set_text (entry_titled (dialog, _("Transferred to (party organisation)")),
                         "某某集团公司党委");
  gtk_editable_set_text (entry_titled (dialog, _("Introduction letter number, if any")),
                         "2026-021");
  gtk_editable_set_text (entry_titled (dialog, _("Date")), "2026.11.20");
  zb_test_settle (400);
  zb_test_screenshot (dialog, "archive-dialog.png");
  answer_archive (dialog);
  wait[1] = GUINT_TO_POINTER (n - 1);
  zb_test_wait_for (roster_has, wait, 20);
  zb_test_wait_for (has_letter, &letter, 60);
  g_test_message ("letter: %s", zb_pdf_preview_get_error (ZB_PDF_PREVIEW (letter)));
  g_assert_null (zb_pdf_preview_get_error (ZB_PDF_PREVIEW (letter)));
  g_assert_cmpuint (zb_pdf_preview_get_n_pages (ZB_PDF_PREVIEW (letter)), >=, 1);
  zb_test_settle (300);
  zb_test_screenshot (letter, "transfer-letter.png");
  gtk_window_destroy (GTK_WINDOW (letter));

  store = zb_test_open_store (f);
  assert_status (store, member, ZB_STATUS_TRANSFERRED_OUT);
  g_assert_cmpint (zb_test_sql_int (store, "SELECT count(*) FROM member_transfers WHERE "
                                           "organisation = '某某集团公司党委' AND letter_number = "
                                           "'2026-021' AND direction = 'out' AND deleted = 0"),
                   ==, 1);
  archived = zb_store_get_member (store, zb_member_get_id (member), NULL);
  g_clear_object (&store);

  /* The form of the person transferred out prints the letter again. */
  zb_window_edit_member (f->window, archived);
  zb_test_wait_for (has_member_editor, &editor, 10);
  zb_test_settle (300);
  zb_test_screenshot (editor, "member-editor-transferred.png");
  g_assert_true (gtk_widget_activate_action (editor, "editor.print-letter", NULL));
  zb_test_wait_for (has_letter, &letter, 60);
  g_assert_null (zb_pdf_preview_get_error (ZB_PDF_PREVIEW (letter)));
  gtk_window_destroy (GTK_WINDOW (letter));
  gtk_window_destroy (GTK_WINDOW (editor));

  zb_test_wait_for (undo_shown, f, 20);
  undo = find_button (GTK_WIDGET (f->window), _("_Undo"));
  g_signal_emit_by_name (undo, "clicked");
  wait[1] = GUINT_TO_POINTER (n);
  zb_test_wait_for (roster_has, wait, 20);
  store = zb_test_open_store (f);
  assert_status (store, member, ZB_STATUS_NORMAL);
  g_assert_cmpint (zb_test_sql_int (store, "SELECT count(*) FROM member_transfers WHERE "
                                           "deleted = 1"), ==, 1);
}

/* A person transferred out whose relationship comes back: from their form,
 * the transfer in with where from, the letter and the day (typed as offices
 * do), and they are on the roster again; a day that is no day is refused
 * and changes nothing. */
static void
test_editor_transfer_back (ZbTestWindow  *f,
                           gconstpointer  data)
{
  g_autoptr(ZbMember) member = NULL, archived = NULL;
  g_autoptr(ZbTransfer) out = NULL;
  g_autoptr(ZbStore) store = NULL;
  g_autoptr(GError) error = NULL;
  GtkWidget *editor = NULL, *dialog = NULL;
  gpointer wait[2] = { f, NULL };
  guint n;

  zb_test_make_roster (f, 20);
  zb_test_open_roster (f);
  n = g_list_model_get_n_items (zb_test_roster_model (f));
  member = roster_member_in_party (f, TRUE);
  store = zb_test_open_store (f);
  out = zb_transfer_new (zb_member_get_id (member), FALSE, "2025-06-30", "某某集团公司党委",
                         "2025-007");
  g_assert_true (zb_store_add_transfer (store, out, &error));
  g_assert_no_error (error);
  archived = zb_store_get_member (store, zb_member_get_id (member), &error);
  g_clear_object (&store);

  zb_window_edit_member (f->window, archived);
  zb_test_wait_for (has_member_editor, &editor, 10);
  g_assert_true (gtk_widget_activate_action (editor, "editor.transfer-back", NULL));
  zb_test_wait_for (has_message_dialog, &dialog, 10);
  gtk_editable_set_text (entry_titled (dialog, _("Transferred in from (party organisation)")),
                         "某某集团公司党委");
  gtk_editable_set_text (entry_titled (dialog, _("Date transferred in (YYYY-MM-DD)")),
                         "2026.2.30");
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (dialog), "record");
  gtk_window_destroy (GTK_WINDOW (dialog));
  zb_test_wait_for (banner_shown, editor, 20);
  store = zb_test_open_store (f);
  assert_status (store, member, ZB_STATUS_TRANSFERRED_OUT);
  g_clear_object (&store);

  g_assert_true (gtk_widget_activate_action (editor, "editor.transfer-back", NULL));
  dialog = NULL;
  zb_test_wait_for (has_message_dialog, &dialog, 10);
  gtk_editable_set_text (entry_titled (dialog, _("Transferred in from (party organisation)")),
                         "某某集团公司党委");
  gtk_editable_set_text (entry_titled (dialog, _("Introduction letter number, if any")),
                         "2026-033");
  gtk_editable_set_text (entry_titled (dialog, _("Date transferred in (YYYY-MM-DD)")),
                         "2026年11月2日");
  zb_test_settle (400);
  zb_test_screenshot (dialog, "transfer-back-dialog.png");
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (dialog), "record");
  gtk_window_destroy (GTK_WINDOW (dialog));
  zb_test_wait_for (no_editor, NULL, 30);
  wait[1] = GUINT_TO_POINTER (n);
  zb_test_wait_for (roster_has, wait, 20);

  store = zb_test_open_store (f);
  assert_status (store, member, ZB_STATUS_NORMAL " 2026-11-02");
  g_assert_cmpint (zb_test_sql_int (store, "SELECT count(*) FROM member_transfers WHERE "
                                           "direction = 'in' AND date = '2026-11-02' AND "
                                           "letter_number = '2026-033' AND deleted = 0"), ==, 1);
}

/* A member who came by transfer is added from the form with the transfer
 * in; a day that is none is refused, in the banner, and adds no one. */
static void
test_editor_transfer_in (ZbTestWindow  *f,
                         gconstpointer  data)
{
  g_autofree char *id_number = zb_test_id_number ("1988-03-12", FALSE, 9);
  g_autoptr(ZbStore) store = NULL;
  ZbMemberEditor *editor;

  zb_test_make_roster (f, 5);
  zb_test_open_roster (f);
  zb_window_edit_member (f->window, NULL);
  editor = find_editor ();
  zb_member_editor_set_text (editor, ZB_MEMBER_FIELD_NAME, "蒋文静");
  zb_member_editor_set_text (editor, ZB_MEMBER_FIELD_ID_NUMBER, id_number);
  zb_member_editor_set_text (editor, ZB_MEMBER_FIELD_JOINED_DATE, "2012-07-01");
  zb_member_editor_set_text (editor, ZB_MEMBER_FIELD_FULL_DATE, "2013-07-01");
  gtk_editable_set_text (entry_titled (GTK_WIDGET (editor),
                                       _("Transferred in from (party organisation)")),
                         "某某区机关工委");
  gtk_editable_set_text (entry_titled (GTK_WIDGET (editor),
                                       _("Introduction letter number, if any")), "2026-041");
  gtk_editable_set_text (entry_titled (GTK_WIDGET (editor),
                                       _("Date transferred in (YYYY-MM-DD)")), "2026.11.31");
  zb_member_editor_save (editor);
  zb_test_wait_for (banner_shown, editor, 20);
  store = zb_test_open_store (f);
  g_assert_cmpint (zb_test_sql_int (store, "SELECT count(*) FROM members WHERE name = "
                                           "'蒋文静'"), ==, 0);
  g_clear_object (&store);
  zb_test_settle (400);
  zb_test_screenshot (GTK_WIDGET (editor), "member-editor-transfer-in.png");

  gtk_editable_set_text (entry_titled (GTK_WIDGET (editor),
                                       _("Date transferred in (YYYY-MM-DD)")), "2026年11月30日");
  zb_member_editor_save (editor);
  zb_test_wait_for (no_editor, NULL, 30);
  store = zb_test_open_store (f);
  g_assert_cmpint (zb_test_sql_int (store, "SELECT count(*) FROM member_transfers t JOIN "
                                           "members m ON m.id = t.member_id WHERE m.name = "
                                           "'蒋文静' AND t.direction = 'in' AND t.date = "
                                           "'2026-11-30' AND t.organisation = '某某区机关工委' "
                                           "AND t.letter_number = '2026-041'"), ==, 1);
}

/* A narrow window folds the sidebar away: the back button brings it. */
static void
test_narrow (ZbTestWindow  *f,
             gconstpointer  data)
{
  AdwLeaflet *leaflet;

  zb_test_make_roster (f, 40);
  gtk_window_set_default_size (GTK_WINDOW (f->window), 600, 560);
  zb_test_open_roster (f);
  leaflet = ADW_LEAFLET (zb_test_find_by_id (GTK_WIDGET (f->window), "leaflet"));
  g_assert_true (adw_leaflet_get_folded (leaflet));
  g_assert_true (adw_leaflet_get_visible_child (leaflet) ==
                 zb_test_find_by_id (GTK_WIDGET (f->window), "content"));
  zb_test_screenshot (GTK_WIDGET (f->window), "narrow-roster.png");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.show-sidebar", NULL));
  g_assert_true (adw_leaflet_get_visible_child (leaflet) ==
                 zb_test_find_by_id (GTK_WIDGET (f->window), "sidebar"));
  zb_test_settle (500);
  zb_test_screenshot (GTK_WIDGET (f->window), "narrow-sidebar.png");
}

/* The app's one funnel of the compliance thresholds (issue 13): this PC's
 * GSettings while no database is open; then the branch's, in its database,
 * into which this PC's changed GSettings values move once, when the branch
 * has none; never again, nor over what the branch set. */
static void
test_check_settings_funnel (void)
{
  g_autoptr(GSettingsBackend) backend = g_memory_settings_backend_new ();
  g_autoptr(GSettings) settings = g_settings_new_with_backend (APP_ID, backend);
  g_autoptr(ZbContext) context = zb_context_new (settings, NULL);
  g_autofree char *dir = zb_test_make_dir ();
  g_autoptr(ZbStore) store = zb_test_new_store (dir, "branch.zhibu");
  g_autoptr(ZbStore) other = zb_test_new_store (dir, "other.zhibu");
  g_autoptr(GError) error = NULL;
  ZbCheckSettings thresholds;
  ZbCheckSettings branch = { 2, 5, 60 };

  /* No database: GSettings, DOMAIN.md's defaults until changed. */
  zb_context_get_check_settings (context, &thresholds);
  g_assert_cmpuint (thresholds.absence_alert_months, ==, 6);
  g_settings_set_uint (settings, "absence-alert-months", 4);
  g_settings_set_uint (settings, "probation-notice-days", 20);
  zb_context_get_check_settings (context, &thresholds);
  g_assert_cmpuint (thresholds.absence_alert_months, ==, 4);

  /* A database without thresholds takes this PC's, once. */
  g_assert_false (zb_store_has_check_settings (store));
  zb_context_set_store (context, store);
  zb_context_get_check_settings (context, &thresholds);
  g_assert_cmpuint (thresholds.absence_alert_months, ==, 4);
  g_assert_true (zb_store_has_check_settings (store));
  g_assert_true (zb_store_get_check_settings (store, &thresholds, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (thresholds.absence_warning_months, ==, 3);
  g_assert_cmpuint (thresholds.absence_alert_months, ==, 4);
  g_assert_cmpuint (thresholds.probation_notice_days, ==, 20);

  /* From then on the database decides: GSettings no longer count. */
  g_settings_set_uint (settings, "absence-alert-months", 9);
  zb_context_get_check_settings (context, &thresholds);
  g_assert_cmpuint (thresholds.absence_alert_months, ==, 4);
  g_assert_true (zb_store_get_check_settings (store, &thresholds, &error));
  g_assert_cmpuint (thresholds.absence_alert_months, ==, 4);

  /* A branch that set its own keeps them. */
  g_assert_true (zb_store_set_check_settings (other, &branch, &error));
  g_assert_no_error (error);
  zb_context_set_store (context, other);
  zb_context_get_check_settings (context, &thresholds);
  g_assert_cmpuint (thresholds.absence_warning_months, ==, 2);
  g_assert_cmpuint (thresholds.absence_alert_months, ==, 5);
  g_assert_cmpuint (thresholds.probation_notice_days, ==, 60);

  zb_context_set_store (context, NULL);
  g_clear_object (&store);
  g_clear_object (&other);
  zb_test_remove_dir (dir);
}

/* The AdwMessageDialog a form asks "Discard changes?" with, if one shows. */
static AdwMessageDialog *
find_discard_dialog (GtkWindow *form)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GObject) window = g_list_model_get_item (toplevels, i);

      if (ADW_IS_MESSAGE_DIALOG (window) &&
          gtk_window_get_transient_for (GTK_WINDOW (window)) == form &&
          gtk_widget_get_visible (GTK_WIDGET (window)))
        return ADW_MESSAGE_DIALOG (window);
    }
  return NULL;
}

static GtkListBox *
choices_of (ZbMemberEditor *editor,
            ZbMemberField   field)
{
  return g_object_get_data (G_OBJECT (zb_member_editor_get_row (editor, field)), "choices");
}

static guint
n_rows (GtkListBox *list)
{
  guint n = 0;

  while (gtk_list_box_get_row_at_index (list, n) != NULL)
    n++;
  return n;
}

static const char *
row_text (ZbMemberEditor *editor,
          ZbMemberField   field)
{
  return gtk_editable_get_text (GTK_EDITABLE (zb_member_editor_get_row (editor, field)));
}

static gboolean
row_shown (ZbMemberEditor *editor,
           ZbMemberField   field)
{
  return gtk_widget_get_visible (zb_member_editor_get_row (editor, field));
}

/* Issue 13: the name takes the focus; 学历 and 党小组 come from lists and
 * stay editable; each date has a calendar; the fields follow the category. */
static void
test_editor_form (ZbTestWindow  *f,
                  gconstpointer  data)
{
  ZbMemberEditor *editor;
  GtkWidget *focus;
  GtkListBox *list;
  GtkCalendar *calendar;
  g_autoptr(GDateTime) day = g_date_time_new_local (2015, 7, 1, 0, 0, 0);
  g_auto(GStrv) groups = NULL;
  AdwComboRow *category;

  zb_test_make_roster (f, 30);
  zb_test_open_roster (f);
  groups = zb_store_list_party_groups (zb_context_get_store (f->context), NULL);
  g_assert_cmpuint (g_strv_length (groups), >, 0);

  zb_window_edit_member (f->window, NULL);
  editor = find_editor ();
  g_assert_nonnull (editor);
  zb_test_settle (300);
  focus = gtk_root_get_focus (GTK_ROOT (editor));
  g_assert_nonnull (focus);
  g_assert_true (gtk_widget_is_ancestor (focus,
                                         zb_member_editor_get_row (editor, ZB_MEMBER_FIELD_NAME)));

  /* 学历: the usual six levels, one click each, and free text still typed. */
  list = choices_of (editor, ZB_MEMBER_FIELD_EDUCATION);
  g_assert_cmpuint (n_rows (list), ==, 6);
  g_signal_emit_by_name (list, "row-activated", gtk_list_box_get_row_at_index (list, 1));
  g_assert_cmpstr (row_text (editor, ZB_MEMBER_FIELD_EDUCATION), ==, _("University"));
  zb_member_editor_set_text (editor, ZB_MEMBER_FIELD_EDUCATION, "党校研究生");
  g_assert_cmpstr (row_text (editor, ZB_MEMBER_FIELD_EDUCATION), ==, "党校研究生");

  /* 党小组: the branch's own groups. */
  list = choices_of (editor, ZB_MEMBER_FIELD_PARTY_GROUP);
  g_assert_cmpuint (n_rows (list), ==, g_strv_length (groups));
  g_signal_emit_by_name (list, "row-activated", gtk_list_box_get_row_at_index (list, 0));
  g_assert_cmpstr (row_text (editor, ZB_MEMBER_FIELD_PARTY_GROUP), ==, groups[0]);

  /* A day chosen in the calendar is written as a date. */
  calendar = g_object_get_data (G_OBJECT (zb_member_editor_get_row (editor,
                                                                    ZB_MEMBER_FIELD_APPLIED_DATE)),
                                "calendar");
  g_assert_true (GTK_IS_CALENDAR (calendar));
  gtk_calendar_select_day (calendar, day);
  g_assert_cmpstr (row_text (editor, ZB_MEMBER_FIELD_APPLIED_DATE), ==, "2015-07-01");

  /* An applicant has applied, no more (DOMAIN.md section 1). */
  category = ADW_COMBO_ROW (zb_member_editor_get_row (editor, ZB_MEMBER_FIELD_CATEGORY));
  adw_combo_row_set_selected (category, 4);     /* applicant */
  g_assert_true (row_shown (editor, ZB_MEMBER_FIELD_APPLIED_DATE));
  g_assert_false (row_shown (editor, ZB_MEMBER_FIELD_ACTIVIST_DATE));
  g_assert_false (row_shown (editor, ZB_MEMBER_FIELD_JOINED_DATE));
  g_assert_false (row_shown (editor, ZB_MEMBER_FIELD_FULL_DATE));
  g_assert_false (row_shown (editor, ZB_MEMBER_FIELD_STATUS));
  adw_combo_row_set_selected (category, 2);     /* candidate */
  g_assert_true (row_shown (editor, ZB_MEMBER_FIELD_CANDIDATE_DATE));
  g_assert_false (row_shown (editor, ZB_MEMBER_FIELD_JOINED_DATE));
  adw_combo_row_set_selected (category, 1);     /* probationary */
  g_assert_true (row_shown (editor, ZB_MEMBER_FIELD_JOINED_DATE));
  g_assert_false (row_shown (editor, ZB_MEMBER_FIELD_FULL_DATE));
  /* A date already given stays in sight whatever the category. */
  zb_member_editor_set_text (editor, ZB_MEMBER_FIELD_JOINED_DATE, "2019-07-01");
  adw_combo_row_set_selected (category, 4);
  g_assert_true (row_shown (editor, ZB_MEMBER_FIELD_JOINED_DATE));
  adw_combo_row_set_selected (category, 0);     /* full member */
  g_assert_true (row_shown (editor, ZB_MEMBER_FIELD_FULL_DATE));
  zb_test_screenshot (GTK_WIDGET (editor), "member-editor-form.png");
  gtk_window_destroy (GTK_WINDOW (editor));
}

/* Esc (window.close) closes an untouched form at once and asks before
 * discarding an edited one; the answer "Keep Editing" keeps it. */
static void
test_editor_discard (ZbTestWindow  *f,
                     gconstpointer  data)
{
  ZbMemberEditor *editor;
  AdwMessageDialog *dialog;
  g_autoptr(ZbMember) member = NULL;

  zb_test_make_roster (f, 5);
  zb_test_open_roster (f);

  member = g_list_model_get_item (zb_test_roster_model (f), 0);
  zb_window_edit_member (f->window, member);
  editor = find_editor ();
  zb_test_settle (200);
  g_assert_false (zb_member_editor_is_edited (editor));
  gtk_widget_activate_action (GTK_WIDGET (editor), "window.close", NULL);
  zb_test_settle (200);
  g_assert_null (find_editor ());

  zb_window_edit_member (f->window, member);
  editor = find_editor ();
  zb_test_settle (200);
  zb_member_editor_set_text (editor, ZB_MEMBER_FIELD_PHONE, "13800138000");
  g_assert_true (zb_member_editor_is_edited (editor));
  gtk_widget_activate_action (GTK_WIDGET (editor), "window.close", NULL);
  zb_test_settle (300);
  g_assert_true (find_editor () == editor);
  dialog = find_discard_dialog (GTK_WINDOW (editor));
  g_assert_nonnull (dialog);
  g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==, _("Discard changes?"));
  zb_test_screenshot (GTK_WIDGET (dialog), "member-editor-discard.png");
  adw_message_dialog_response (dialog, "cancel");
  zb_test_settle (300);
  g_assert_true (find_editor () == editor);
  g_assert_cmpstr (row_text (editor, ZB_MEMBER_FIELD_PHONE), ==, "13800138000");

  gtk_window_close (GTK_WINDOW (editor));
  zb_test_settle (300);
  dialog = find_discard_dialog (GTK_WINDOW (editor));
  g_assert_nonnull (dialog);
  adw_message_dialog_response (dialog, "discard");
  zb_test_wait_for (no_editor, NULL, 10);
}

static gboolean
meeting_dialog_ready (gpointer data)
{
  return zb_meeting_dialog_is_ready (data);
}

static gboolean
is_gone (gpointer data)
{
  return *(gpointer *) data == NULL;
}

/* The same rule for the new-meeting dialog. */
static void
test_meeting_dialog_discard (ZbTestWindow  *f,
                             gconstpointer  data)
{
  ZbMeetingDialog *dialog;
  AdwMessageDialog *ask;

  zb_test_make_roster (f, 5);
  zb_test_open_roster (f);
  zb_window_show_view (f->window, "meetings");

  dialog = zb_window_new_meeting (f->window);
  g_object_add_weak_pointer (G_OBJECT (dialog), (gpointer *) &dialog);
  zb_test_wait_for (meeting_dialog_ready, dialog, 30);
  gtk_widget_activate_action (GTK_WIDGET (dialog), "window.close", NULL);
  zb_test_wait_for (is_gone, &dialog, 10);

  dialog = zb_window_new_meeting (f->window);
  g_object_add_weak_pointer (G_OBJECT (dialog), (gpointer *) &dialog);
  zb_test_wait_for (meeting_dialog_ready, dialog, 30);
  zb_meeting_dialog_set_title (dialog, "十二月支部党员大会");
  gtk_widget_activate_action (GTK_WIDGET (dialog), "window.close", NULL);
  zb_test_settle (300);
  g_assert_nonnull (dialog);
  ask = find_discard_dialog (GTK_WINDOW (dialog));
  g_assert_nonnull (ask);
  adw_message_dialog_response (ask, "discard");
  zb_test_wait_for (is_gone, &dialog, 10);
}

static GtkWidget *
find_tooltip (GtkWidget *window)
{
  /* GTK parents its tooltip window to the toplevel, as it does popovers. */
  for (GtkWidget *child = gtk_widget_get_first_child (window); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (g_str_equal (G_OBJECT_TYPE_NAME (child), "GtkTooltipWindow") &&
        gtk_widget_get_mapped (child))
      return child;
  return NULL;
}

static gboolean
tooltip_shown (gpointer window)
{
  return find_tooltip (window) != NULL;
}

/* The first widget of @type in @widget's tree, @widget included. */
static GtkWidget *
first_of_type (GtkWidget *widget,
               GType      type)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (widget, type))
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = first_of_type (child, type);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/* The name in the row that has the keyboard's focus. */
static const char *
focused_name (ZbTestWindow *f)
{
  GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (f->window));
  GtkWidget *name;

  g_assert_nonnull (focus);
  name = first_of_type (focus, GTK_TYPE_INSCRIPTION);
  g_assert_nonnull (name);
  return gtk_inscription_get_text (GTK_INSCRIPTION (name));
}

static void
xdotool (const char *format,
         ...)
{
  g_autofree char *args = NULL;
  g_autofree char *command = NULL;
  va_list ap;

  va_start (ap, format);
  args = g_strdup_vprintf (format, ap);
  va_end (ap);
  command = g_strconcat ("xdotool ", args, NULL);
  g_assert_true (g_spawn_command_line_sync (command, NULL, NULL, NULL, NULL));
  zb_test_settle (300);
}

/* Puts the pointer on @widget, @fraction of its height down. */
static void
point_at (GtkWidget *widget,
          double     fraction)
{
  GtkNative *native = gtk_widget_get_native (widget);
  graphene_point_t point;
  double dx, dy;

  g_assert_true (gtk_widget_compute_point (widget, GTK_WIDGET (native),
                                           &GRAPHENE_POINT_INIT (gtk_widget_get_width (widget) / 2,
                                                                 gtk_widget_get_height (widget) *
                                                                 fraction),
                                           &point));
  gtk_native_get_surface_transform (native, &dx, &dy);
  xdotool ("mousemove --sync %d %d", (int) (point.x + dx), (int) (point.y + dy));
}

/* Issue 13: Chinese tooltips wrapped after one or two characters. The
 * pointer rests on the add button (XTEST), and its tooltip, short enough
 * for one line, must be one line. */
static void
test_tooltip (ZbTestWindow  *f,
              gconstpointer  data)
{
  GtkWidget *button, *tooltip, *label;
  PangoLayout *layout;

  zb_test_make_roster (f, 5);
  zb_test_open_roster (f);
  gtk_window_present (GTK_WINDOW (f->window));
  zb_test_settle (500);
  button = zb_test_find_by_id (GTK_WIDGET (f->window), "add_button");
  point_at (button, 0.5);
  gtk_widget_trigger_tooltip_query (button);
  zb_test_wait_for (tooltip_shown, f->window, 10);

  tooltip = find_tooltip (GTK_WIDGET (f->window));
  label = first_of_type (tooltip, GTK_TYPE_LABEL);
  g_assert_nonnull (label);
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (label)), ==,
                   gtk_widget_get_tooltip_text (button));
  zb_test_screenshot (tooltip, "tooltip.png");
  layout = gtk_label_get_layout (GTK_LABEL (label));
  g_test_message ("tooltip \"%s\": %d px wide, %d lines", gtk_label_get_text (GTK_LABEL (label)),
                  gtk_widget_get_width (label), pango_layout_get_line_count (layout));
  g_assert_cmpint (pango_layout_get_line_count (layout), ==, 1);
}

static ZbMember *
roster_member (ZbTestWindow *f,
               guint         position)
{
  return g_list_model_get_item (zb_test_roster_model (f), position);
}

/* GTK 4.8's column view makes 200 rows whatever its height: the roster
 * gives it the rows in sight (issue 14), and the wheel, the scrollbar and
 * the keyboard at the edges move them through all 2,000 members. */
static void
test_roster_rows_in_sight (ZbTestWindow  *f,
                           gconstpointer  data)
{
  ZbRosterView *view;
  GtkColumnView *column_view;
  GtkSingleSelection *rows;
  GtkAdjustment *adjustment;
  g_autoptr(ZbMember) first = NULL, last = NULL, wanted = NULL, bottom = NULL;
  guint n_rows, page, selected;

  zb_test_make_roster (f, 2000);
  zb_test_open_roster (f);
  gtk_window_present (GTK_WINDOW (f->window));
  zb_test_settle (800);
  view = ZB_ROSTER_VIEW (zb_window_get_roster_view (f->window));
  column_view = zb_roster_view_get_column_view (view);
  rows = GTK_SINGLE_SELECTION (gtk_column_view_get_model (column_view));
  adjustment = zb_roster_view_get_vadjustment (view);
  n_rows = g_list_model_get_n_items (G_LIST_MODEL (rows));
  page = (guint) gtk_adjustment_get_page_size (adjustment);
  g_test_message ("%u rows made, %u in sight, %d px high", n_rows, page,
                  gtk_widget_get_height (GTK_WIDGET (column_view)));
  g_assert_cmpuint (n_rows, >=, 10);
  g_assert_cmpuint (n_rows, <=, page + 2);
  g_assert_cmpfloat (gtk_adjustment_get_upper (adjustment), ==, 2000);
  first = g_list_model_get_item (G_LIST_MODEL (rows), 0);
  g_clear_object (&wanted);
  wanted = roster_member (f, 0);
  g_assert_true (first == wanted);

  /* Two clicks of the wheel: three rows each. */
  point_at (GTK_WIDGET (column_view), 0.5);
  xdotool ("click 5");
  xdotool ("click 5");
  g_assert_cmpfloat (gtk_adjustment_get_value (adjustment), ==, 6);
  g_clear_object (&first);
  first = g_list_model_get_item (G_LIST_MODEL (rows), 0);
  g_clear_object (&wanted);
  wanted = roster_member (f, 6);
  g_assert_true (first == wanted);

  /* A click on the last row wholly in sight, then Down three times: the
   * rows move up under the selection. */
  xdotool ("windowfocus --sync %lu",
           gdk_x11_surface_get_xid (gtk_native_get_surface (GTK_NATIVE (f->window))));
  point_at (GTK_WIDGET (column_view), 1.0 - 1.5 / (page + 1));
  xdotool ("click 1");
  selected = gtk_single_selection_get_selected (rows);
  g_assert_cmpuint (selected, !=, GTK_INVALID_LIST_POSITION);
  g_test_message ("row %u of the slice selected", selected);
  g_assert_cmpuint (selected + 2, >=, page);
  selected += (guint) gtk_adjustment_get_value (adjustment);
  xdotool ("key Down Down Down");
  g_clear_object (&wanted);
  wanted = roster_member (f, selected + 3);
  g_assert_true (gtk_single_selection_get_selected_item (rows) == (gpointer) wanted);
  g_assert_cmpfloat (gtk_adjustment_get_value (adjustment), >, 6);

  /* End: the last member, selected and in sight. */
  xdotool ("key End");
  last = roster_member (f, 1999);
  g_assert_true (gtk_single_selection_get_selected_item (rows) == (gpointer) last);
  g_assert_cmpstr (focused_name (f), ==, zb_member_get (last, ZB_MEMBER_FIELD_NAME));
  g_assert_cmpfloat (gtk_adjustment_get_value (adjustment), ==,
                     2000 - gtk_adjustment_get_page_size (adjustment));
  zb_test_screenshot (GTK_WIDGET (f->window), "roster-end.png");

  /* A taller window: more rows, still the last member at the bottom. */
  xdotool ("windowsize --sync %lu 1100 950",
           gdk_x11_surface_get_xid (gtk_native_get_surface (GTK_NATIVE (f->window))));
  zb_test_settle (800);
  g_test_message ("%u rows made at %d px", g_list_model_get_n_items (G_LIST_MODEL (rows)),
                  gtk_widget_get_height (GTK_WIDGET (column_view)));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (rows)), >, n_rows);
  g_assert_cmpuint (gtk_adjustment_get_page_size (adjustment), >, page);
  zb_test_screenshot (GTK_WIDGET (f->window), "roster-taller.png");
  bottom = g_list_model_get_item (G_LIST_MODEL (rows),
                                  g_list_model_get_n_items (G_LIST_MODEL (rows)) - 1);
  g_assert_true (bottom == (gpointer) last);
  /* The rows kept through the resize stay the same rows. */
  g_assert_true (gtk_single_selection_get_selected_item (rows) == (gpointer) last);
  g_assert_cmpstr (focused_name (f), ==, zb_member_get (last, ZB_MEMBER_FIELD_NAME));
}


int
main (int   argc,
      char *argv[])
{
  zb_test_gui_init (&argc, &argv);

#define ADD(path, func) \
  g_test_add (path, ZbTestWindow, NULL, zb_test_window_set_up, func, zb_test_window_tear_down)

  ADD ("/window/welcome", test_welcome);
  ADD ("/window/roster-10k", test_roster);
  ADD ("/window/roster-rows-in-sight", test_roster_rows_in_sight);
  ADD ("/window/sort", test_sort);
  ADD ("/window/member-editor/error", test_editor_error);
  ADD ("/window/member-editor/limits", test_editor_limits);
  ADD ("/window/member-editor/add", test_editor_add);
  ADD ("/window/member-editor/bad-date", test_editor_bad_date);
  ADD ("/window/member-editor/form", test_editor_form);
  ADD ("/window/member-editor/discard", test_editor_discard);
  ADD ("/window/meeting-dialog/discard", test_meeting_dialog_discard);
  ADD ("/window/unlock", test_unlock);
  ADD ("/window/sidebar", test_sidebar);
  ADD ("/window/lazy-sections", test_lazy_sections);
  ADD ("/window/shortcuts", test_shortcuts_window);
  ADD ("/window/narrow", test_narrow);
  ADD ("/window/roster-filters", test_roster_filters);
  ADD ("/window/archive-undo", test_archive_undo);
  ADD ("/window/editor-transfer-in", test_editor_transfer_in);
  ADD ("/window/editor-transfer-back", test_editor_transfer_back);
  ADD ("/window/tooltip", test_tooltip);
  g_test_add_func ("/window/check-settings-funnel", test_check_settings_funnel);

  return g_test_run ();
}
