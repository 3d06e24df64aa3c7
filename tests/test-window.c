#define G_LOG_DOMAIN "test-window"

#include "config.h"

#include <locale.h>

#include <glib/gi18n.h>
#include <glib/gstdio.h>
/* g_memory_settings_backend_new(): GSettings of one test alone */
#define G_SETTINGS_ENABLE_BACKEND
#include <gio/gsettingsbackend.h>

#include "zb-demo.h"
#include "zb-member-editor.h"
#include "zb-member-rules.h"
#include "zb-roster-view.h"
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
  gtk_editable_set_text (GTK_EDITABLE (zb_test_find_by_id (GTK_WIDGET (f->window), "search_entry")),
                         "第1党小组");
  zb_test_wait_for (count_changed, count, 10);
  n_found = g_list_model_get_n_items (zb_test_roster_model (f));
  g_assert_cmpuint (n_found, <, 40);
  found = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%'u of %'u person", "%'u of %'u people",
                                        40), n_found, 40);
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (count)), ==, found);
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

int
main (int   argc,
      char *argv[])
{
  zb_test_gui_init (&argc, &argv);

#define ADD(path, func) \
  g_test_add (path, ZbTestWindow, NULL, zb_test_window_set_up, func, zb_test_window_tear_down)

  ADD ("/window/welcome", test_welcome);
  ADD ("/window/roster-10k", test_roster);
  ADD ("/window/sort", test_sort);
  ADD ("/window/member-editor/error", test_editor_error);
  ADD ("/window/member-editor/limits", test_editor_limits);
  ADD ("/window/member-editor/add", test_editor_add);
  ADD ("/window/member-editor/bad-date", test_editor_bad_date);
  ADD ("/window/unlock", test_unlock);
  ADD ("/window/sidebar", test_sidebar);
  ADD ("/window/narrow", test_narrow);
  g_test_add_func ("/window/check-settings-funnel", test_check_settings_funnel);

  return g_test_run ();
}
