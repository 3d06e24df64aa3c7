#define G_LOG_DOMAIN "test-window"

#include "config.h"

#include <locale.h>

#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "zb-demo.h"
#include "zb-meeting-dialog.h"
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

static GtkWidget *
first_label (GtkWidget *widget)
{
  if (GTK_IS_LABEL (widget))
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *label = first_label (child);

      if (label != NULL)
        return label;
    }
  return NULL;
}

/* Issue 13: Chinese tooltips wrapped after one or two characters. The
 * pointer rests on the add button (XTEST), and its tooltip, short enough
 * for one line, must be one line. */
static void
test_tooltip (ZbTestWindow  *f,
              gconstpointer  data)
{
  GtkWidget *button, *tooltip, *label;
  graphene_point_t point;
  double dx, dy;
  g_autofree char *command = NULL;
  PangoLayout *layout;

  zb_test_make_roster (f, 5);
  zb_test_open_roster (f);
  gtk_window_present (GTK_WINDOW (f->window));
  zb_test_settle (500);
  button = zb_test_find_by_id (GTK_WIDGET (f->window), "add_button");
  g_assert_true (gtk_widget_compute_point (button, GTK_WIDGET (f->window),
                                           &GRAPHENE_POINT_INIT (gtk_widget_get_width (button) / 2,
                                                                 gtk_widget_get_height (button) / 2),
                                           &point));
  gtk_native_get_surface_transform (GTK_NATIVE (f->window), &dx, &dy);
  command = g_strdup_printf ("xdotool mousemove --sync %d %d",
                             (int) (point.x + dx), (int) (point.y + dy));
  g_assert_true (g_spawn_command_line_sync (command, NULL, NULL, NULL, NULL));
  gtk_widget_trigger_tooltip_query (button);
  zb_test_wait_for (tooltip_shown, f->window, 10);

  tooltip = find_tooltip (GTK_WIDGET (f->window));
  label = first_label (tooltip);
  g_assert_nonnull (label);
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (label)), ==,
                   gtk_widget_get_tooltip_text (button));
  zb_test_screenshot (tooltip, "tooltip.png");
  layout = gtk_label_get_layout (GTK_LABEL (label));
  g_test_message ("tooltip \"%s\": %d px wide, %d lines", gtk_label_get_text (GTK_LABEL (label)),
                  gtk_widget_get_width (label), pango_layout_get_line_count (layout));
  g_assert_cmpint (pango_layout_get_line_count (layout), ==, 1);
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
  ADD ("/window/member-editor/form", test_editor_form);
  ADD ("/window/member-editor/discard", test_editor_discard);
  ADD ("/window/meeting-dialog/discard", test_meeting_dialog_discard);
  ADD ("/window/unlock", test_unlock);
  ADD ("/window/sidebar", test_sidebar);
  ADD ("/window/narrow", test_narrow);
  ADD ("/window/tooltip", test_tooltip);

  return g_test_run ();
}
