/* test-search-view.c: the window's search over members and minutes
 *
 * Copyright 2026 The Zhibu authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "test-search-view"

#include "config.h"

#include <string.h>

#include <adwaita.h>
#include <gdk/x11/gdkx.h>
#include <glib/gi18n.h>

#include "zb-meeting-editor.h"
#include "zb-member-editor.h"
#include "zb-search-view.h"
#include "zb-store-private.h"
#include "zb-test-util.h"
#include "zb-test-window.h"

/* Under xvfb-run, in C and zh_CN (issue 13): Ctrl+F opens the search bar;
 * a query typed there shows the members and minutes the store's index finds,
 * grouped under a heading per kind, the query's words highlighted in escaped
 * Pango markup, the window's pages hidden meanwhile; activating a minutes
 * result opens the meeting, and closing it searches again; a member result
 * opens the member form; closing the bar brings the pages back. Screenshot
 * search.png. */

#define QUERY "党建"

typedef struct
{
  char *member_id;
  char *meeting_id;
} Branch;

static void
make_branch (ZbTestWindow *f,
             Branch       *branch)
{
  g_autoptr(ZbStore) store = NULL;
  g_autoptr(ZbMember) member = NULL;
  g_autofree char *id_number = zb_test_id_number ("1985-06-01", TRUE, 321);
  g_autofree char *sql = NULL;
  g_autofree char *other = NULL;
  g_autoptr(GError) error = NULL;

  zb_test_make_roster (f, 12);
  store = zb_test_open_store (f);
  member = zb_test_member ("林党建", id_number, "full");
  zb_member_set (member, ZB_MEMBER_FIELD_SEX, "M");
  zb_member_set (member, ZB_MEMBER_FIELD_BIRTH_DATE, "1985-06-01");
  branch->member_id = zb_store_add_member (store, member, &error);
  g_assert_no_error (error);

  branch->meeting_id = zb_test_add_meeting (store, "general", "2026-03-12", "党建工作推进会",
                                            NULL);
  other = zb_test_add_meeting (store, "committee", "2026-02-05", "支委会", NULL);
  sql = g_strdup_printf ("INSERT INTO agenda_items (id, meeting_id, position, title, minutes) "
                         "VALUES ('i1', '%s', 1, '品牌建设', '会议研究了“<党建>&品牌”创建"
                         "工作，要求各党小组对照清单逐项落实。'), ('i2', '%s', 1, '学习', "
                         "'学习了关于加强基层党建工作的意见，结合本支部实际，讨论了下一步"
                         "工作安排，明确了责任人和完成时限。')", branch->meeting_id, other);
  zb_test_sql_exec (store, sql);
}

static void
branch_clear (Branch *branch)
{
  g_free (branch->member_id);
  g_free (branch->meeting_id);
}

static ZbSearchView *
search_view (ZbTestWindow *f)
{
  return ZB_SEARCH_VIEW (zb_window_get_search_view (f->window));
}

static gboolean
results_shown (gpointer data)
{
  ZbSearchView *view = data;

  return zb_search_view_get_showing_results (view) && !zb_search_view_is_busy (view) &&
         gtk_list_box_get_row_at_index (zb_search_view_get_results (view), 0) != NULL;
}

static gboolean
find_toplevel (gpointer data)
{
  GType type = *(GType *) data;
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWidget) window = g_list_model_get_item (toplevels, i);

      if (G_TYPE_CHECK_INSTANCE_TYPE (window, type) && gtk_widget_get_mapped (window))
        return TRUE;
    }
  return FALSE;
}

static void
close_toplevels (GType type)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = g_list_model_get_n_items (toplevels); i > 0; i--)
    {
      g_autoptr(GtkWidget) window = g_list_model_get_item (toplevels, i - 1);

      if (G_TYPE_CHECK_INSTANCE_TYPE (window, type))
        gtk_window_destroy (GTK_WINDOW (window));
    }
}

/* The labels of @widget and its descendants, depth first. */
static void
collect_labels (GtkWidget *widget,
                GPtrArray *labels)
{
  if (GTK_IS_LABEL (widget))
    g_ptr_array_add (labels, widget);
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    collect_labels (child, labels);
}

static ZbSearchResult *
row_result (GtkListBoxRow *row)
{
  return g_object_get_data (G_OBJECT (row), "result");
}

static const char *
header_text (GtkListBoxRow *row)
{
  GtkWidget *header = gtk_list_box_row_get_header (row);

  return header != NULL ? gtk_label_get_text (GTK_LABEL (header)) : NULL;
}

/* The rows are the store's results in its order, each kind under its
 * heading; returns the first row of each kind. */
static void
assert_grouped (ZbTestWindow   *f,
                GtkListBoxRow **member_row,
                GtkListBoxRow **minutes_row)
{
  g_autoptr(ZbStore) store = zb_test_open_store (f);
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) expected = zb_store_search (store, QUERY, ZB_SEARCH_ALL, 50, &error);
  GtkListBox *list = zb_search_view_get_results (search_view (f));
  guint n = g_list_model_get_n_items (expected);

  g_assert_no_error (error);
  g_assert_cmpuint (n, >=, 2);
  *member_row = *minutes_row = NULL;
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(ZbSearchResult) want = g_list_model_get_item (expected, i);
      GtkListBoxRow *row = gtk_list_box_get_row_at_index (list, i);
      ZbSearchResult *got = row_result (row);
      gboolean member = zb_search_result_get_kind (got) == ZB_SEARCH_MEMBERS;
      GtkListBoxRow **first = member ? member_row : minutes_row;

      g_assert_cmpstr (zb_search_result_get_record_id (got), ==,
                       zb_search_result_get_record_id (want));
      if (*first == NULL)
        {
          *first = row;
          g_assert_cmpstr (header_text (row), ==, member ? _("Members") : _("Minutes"));
        }
      else
        g_assert_null (gtk_list_box_row_get_header (row));
    }
  g_assert_null (gtk_list_box_get_row_at_index (list, n));
  g_assert_nonnull (*member_row);
  g_assert_nonnull (*minutes_row);
}

/* The meeting's row: its title highlighted, and its snippet as written,
 * markup characters escaped, the match highlighted. */
static void
assert_highlighted (GtkListBox *list,
                    const char *meeting_id)
{
  g_autoptr(GPtrArray) labels = g_ptr_array_new ();
  GtkListBoxRow *row = NULL;

  for (guint i = 0; (row = gtk_list_box_get_row_at_index (list, i)) != NULL; i++)
    if (g_str_equal (zb_search_result_get_record_id (row_result (row)), meeting_id))
      break;
  g_assert_nonnull (row);

  collect_labels (gtk_list_box_row_get_child (row), labels);
  g_assert_cmpuint (labels->len, ==, 3);
  g_assert_cmpstr (gtk_label_get_text (labels->pdata[0]), ==, "党建工作推进会");
  g_assert_nonnull (strstr (gtk_label_get_label (labels->pdata[0]), ">党建</span>工作推进会"));
  /* The meeting's day as the language writes it. */
  g_assert_cmpstr (gtk_label_get_text (labels->pdata[1]), ==,
                   g_strcmp0 (g_getenv ("LANGUAGE"), "zh_CN") == 0 ? "2026年3月12日"
                                                                  : "2026-03-12");
  g_assert_true (g_str_has_prefix (gtk_label_get_text (labels->pdata[2]),
                                   "会议研究了“<党建>&品牌”"));
  g_assert_nonnull (strstr (gtk_label_get_label (labels->pdata[2]),
                            "“&lt;<span weight=\"bold\" background=\"#f9f06b\" "
                            "foreground=\"#000000\">党建</span>&gt;&amp;品牌”"));
}

static void
test_search (ZbTestWindow  *f,
             gconstpointer  data)
{
  Branch branch = { 0 };
  GtkListBoxRow *member_row, *minutes_row;
  GType type;

  make_branch (f, &branch);
  zb_test_open_roster (f);
  g_assert_true (gtk_widget_get_mapped (zb_window_get_roster_view (f->window)));

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.find", NULL));
  zb_test_settle (100);
  g_assert_true (gtk_widget_is_ancestor (gtk_root_get_focus (GTK_ROOT (f->window)),
                                         GTK_WIDGET (zb_search_view_get_entry (search_view (f)))));
  gtk_editable_set_text (zb_search_view_get_entry (search_view (f)), QUERY);
  zb_test_wait_for (results_shown, search_view (f), 30);
  zb_test_settle (300);
  zb_test_screenshot (GTK_WIDGET (f->window), "search.png");

  g_assert_false (gtk_widget_get_mapped (zb_window_get_roster_view (f->window)));
  assert_grouped (f, &member_row, &minutes_row);
  assert_highlighted (zb_search_view_get_results (search_view (f)), branch.meeting_id);

  gtk_widget_activate (GTK_WIDGET (minutes_row));
  type = ZB_TYPE_MEETING_EDITOR;
  zb_test_wait_for (find_toplevel, &type, 30);

  /* The other meeting no longer says it: closing the meeting searches
   * again, and its result is gone. */
  {
    g_autoptr(ZbStore) store = zb_test_open_store (f);

    zb_test_sql_exec (store, "UPDATE agenda_items SET minutes = '讨论了下一步工作安排。' "
                             "WHERE id = 'i2'");
  }
  close_toplevels (ZB_TYPE_MEETING_EDITOR);
  zb_test_settle (200);
  zb_test_wait_for (results_shown, search_view (f), 30);
  assert_grouped (f, &member_row, &minutes_row);
  g_assert_null (gtk_list_box_get_row_at_index (zb_search_view_get_results (search_view (f)),
                                                2));

  gtk_widget_activate (GTK_WIDGET (member_row));
  type = ZB_TYPE_MEMBER_EDITOR;
  zb_test_wait_for (find_toplevel, &type, 30);
  close_toplevels (ZB_TYPE_MEMBER_EDITOR);
  zb_test_settle (200);

  /* A query of nothing found says so; closing the bar brings the roster back. */
  gtk_editable_set_text (zb_search_view_get_entry (search_view (f)), "\"无此 OR 内容*");
  zb_test_settle (600);
  g_assert_true (zb_search_view_get_showing_results (search_view (f)));
  g_assert_null (gtk_list_box_get_row_at_index (zb_search_view_get_results (search_view (f)), 0));
  gtk_search_bar_set_search_mode (GTK_SEARCH_BAR (gtk_widget_get_first_child (
                                    GTK_WIDGET (search_view (f)))), FALSE);
  zb_test_settle (300);
  g_assert_false (zb_search_view_get_showing_results (search_view (f)));
  g_assert_true (gtk_widget_get_mapped (zb_window_get_roster_view (f->window)));

  branch_clear (&branch);
}

static void
xdotool_done_cb (GPid     pid,
                 gint     status,
                 gpointer data)
{
  g_spawn_close_pid (pid);
  *(int *) data = status;
}

static gboolean
exited (gpointer data)
{
  return *(int *) data != -1;
}

/* Real key events to the window, by xdotool on the X display, while the
 * main loop runs. */
static void
press_keys (ZbTestWindow *f,
            const char   *keys,
            const char   *text)
{
  GdkSurface *surface = gtk_native_get_surface (GTK_NATIVE (f->window));
  g_autofree char *xid = g_strdup_printf ("%lu", (gulong) gdk_x11_surface_get_xid (surface));
  const char *argv[] = { "xdotool", "windowfocus", "--sync", xid, "key", "--delay", "50", keys,
                         "type", "--delay", "80", text, NULL };
  g_autoptr(GError) error = NULL;
  int status = -1;
  GPid pid;

  g_spawn_async (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH | G_SPAWN_DO_NOT_REAP_CHILD,
                 NULL, NULL, &pid, &error);
  g_assert_no_error (error);
  g_child_watch_add (pid, xdotool_done_cb, &status);
  zb_test_wait_for (exited, &status, 30);
  g_assert_cmpint (status, ==, 0);
}

static gboolean
first_result_is (gpointer data)
{
  ZbTestWindow *f = data;
  GtkListBoxRow *row;

  if (!results_shown (search_view (f)))
    return FALSE;
  row = gtk_list_box_get_row_at_index (zb_search_view_get_results (search_view (f)), 0);
  return g_strcmp0 (zb_search_result_get_record_id (row_result (row)),
                    g_object_get_data (G_OBJECT (f->window), "want")) == 0;
}

/* The keys as a user presses them: Ctrl+F, then a Latin query in another
 * case than the minutes' full-width text; Escape closes the bar. */
static void
test_keys (ZbTestWindow  *f,
           gconstpointer  data)
{
  Branch branch = { 0 };

  make_branch (f, &branch);
  {
    g_autoptr(ZbStore) store = zb_test_open_store (f);

    zb_test_sql_exec (store, "UPDATE agenda_items SET minutes = minutes || '见ＡＢＣ１２号文件。' "
                             "WHERE id = 'i1'");
  }
  zb_test_open_roster (f);
  g_object_set_data (G_OBJECT (f->window), "want", branch.meeting_id);

  press_keys (f, "ctrl+f", "abc12");
  zb_test_wait_for (first_result_is, f, 30);
  g_assert_cmpstr (gtk_editable_get_text (zb_search_view_get_entry (search_view (f))), ==,
                   "abc12");
  g_assert_false (gtk_widget_get_mapped (zb_window_get_roster_view (f->window)));

  press_keys (f, "Escape", "");
  zb_test_settle (300);
  g_assert_false (zb_search_view_get_showing_results (search_view (f)));
  g_assert_true (gtk_widget_get_mapped (zb_window_get_roster_view (f->window)));

  branch_clear (&branch);
}

int
main (int   argc,
      char *argv[])
{
  zb_test_gui_init (&argc, &argv);

  g_test_add ("/search-view/search", ZbTestWindow, NULL, zb_test_window_set_up, test_search,
              zb_test_window_tear_down);
  g_test_add ("/search-view/keys", ZbTestWindow, NULL, zb_test_window_set_up, test_keys,
              zb_test_window_tear_down);

  return g_test_run ();
}
