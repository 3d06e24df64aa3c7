#define G_LOG_DOMAIN "test-sections"

#include "config.h"

#include <stdio.h>
#include <string.h>

#include <glib/gi18n.h>

#include "zb-date.h"
#include "zb-dashboard-view.h"
#include "zb-first-items-view.h"
#include "zb-measures-view.h"
#include "zb-meeting-editor.h"
#include "zb-meetings-view.h"
#include "zb-test-util.h"
#include "zb-test-window.h"

/* Under xvfb-run, in C and zh_CN (issue 13): the sidebar's 第一议题 and 落实举措
 * sections. 第一议题 lists a year's first items, the newest first, marks the
 * committee meeting that lacks one, and opens a meeting's minutes when its
 * row is activated; 落实举措 lists every measure, filters them open, overdue,
 * done or all, marks one done through the minutes' own question, and opens
 * the meeting that decided one. Screenshots first-items.png, measures*.png.
 * The 同步 section is tested with a real server in test-sync-window.c. */

static guint
this_year (void)
{
  g_autofree char *today = zb_date_today_iso ();

  return g_ascii_strtoull (today, NULL, 10);
}

/* The meeting editor that opened, if any; its meeting ID in *data. */
static gboolean
has_meeting_editor (gpointer data)
{
  return (*(GtkWidget **) data = zb_test_find_toplevel (ZB_TYPE_MEETING_EDITOR)) != NULL;
}

static gboolean
has_message_dialog (gpointer data)
{
  return (*(GtkWidget **) data = zb_test_find_toplevel (ADW_TYPE_MESSAGE_DIALOG)) != NULL;
}

/* Whether Tab, pressed again and again, reaches @widget (or, unless
 * @exact, a widget in it). */
static gboolean
reached_by_tab (ZbTestWindow *f,
                GtkWidget    *widget,
                gboolean      exact)
{
  for (guint i = 0; i < 150; i++)
    {
      GtkWidget *focus;

      if (!gtk_widget_child_focus (GTK_WIDGET (f->window), GTK_DIR_TAB_FORWARD))
        gtk_widget_child_focus (GTK_WIDGET (f->window), GTK_DIR_TAB_FORWARD);
      focus = gtk_window_get_focus (GTK_WINDOW (f->window));
      if (focus != NULL && (focus == widget || (!exact && gtk_widget_is_ancestor (focus, widget))))
        return TRUE;
    }
  return FALSE;
}

/* Activates @row as Enter on it does, and returns the editor that opens. */
static ZbMeetingEditor *
open_by_row (GtkWidget *row)
{
  GtkWidget *editor = NULL;

  g_assert_nonnull (row);
  gtk_widget_grab_focus (row);
  g_assert_true (gtk_widget_activate (row));
  zb_test_wait_for (has_meeting_editor, &editor, 30);
  return ZB_MEETING_EDITOR (editor);
}

static void
set_first_item (ZbStore    *store,
                const char *meeting,
                const char *topic,
                const char *form,
                const char *material)
{
  g_autoptr(ZbFirstItem) first = zb_first_item_new ();
  g_autoptr(GError) error = NULL;

  zb_first_item_set_topic (first, topic);
  zb_first_item_set_form (first, form);
  zb_first_item_set_material (first, material);
  zb_first_item_set_participants (first, "全体党员");
  zb_first_item_set_proceedings (first, "书记领学，党员逐一交流学习体会。");
  g_assert_true (zb_store_set_first_item (store, meeting, first, &error));
  g_assert_no_error (error);
}

static gboolean
first_items_loaded (gpointer data)
{
  return !zb_first_items_view_is_loading (data) &&
         g_list_model_get_n_items (zb_first_items_view_get_entries (data)) > 0;
}

static void
test_first_items (ZbTestWindow  *f,
                  gconstpointer  data)
{
  guint year = this_year () - 1;
  g_autofree char *march = g_strdup_printf ("%u-03-20", year);
  g_autofree char *may = g_strdup_printf ("%u-05-06", year);
  g_autofree char *june = g_strdup_printf ("%u-06-10", year);
  g_autofree char *general = NULL, *committee = NULL, *group = NULL;
  g_autoptr(ZbStore) store = NULL;
  g_autoptr(ZbFirstItemEntry) newest = NULL;
  ZbFirstItemsView *view;
  ZbMeetingEditor *editor;
  GListModel *entries;

  zb_test_make_roster (f, 12);
  store = zb_test_open_store (f);
  general = zb_test_add_meeting (store, "general", march, "第一季度支部党员大会", NULL);
  committee = zb_test_add_meeting (store, "committee", may, "五月支部委员会会议", NULL);
  group = zb_test_add_meeting (store, "group", june, "第一党小组六月学习会", "第一党小组");
  set_first_item (store, general, "学习贯彻全国两会精神", "领学、研讨",
                  "《政府工作报告》（人民日报，3月6日）");
  set_first_item (store, group, "学习习近平总书记重要讲话", "原文诵读", "《求是》第11期");
  g_clear_object (&store);

  gtk_window_set_default_size (GTK_WINDOW (f->window), 1200, 800);
  zb_test_open_roster (f);
  view = ZB_FIRST_ITEMS_VIEW (zb_window_get_first_items_view (f->window));
  zb_window_show_view (f->window, "first-items");
  zb_first_items_view_set_year (view, year);
  zb_test_wait_for (first_items_loaded, view, 60);

  /* The year's three meetings, the newest first; the committee meeting,
   * which should open with a first item, lacks one. */
  entries = zb_first_items_view_get_entries (view);
  g_assert_cmpuint (g_list_model_get_n_items (entries), ==, 3);
  newest = g_list_model_get_item (entries, 0);
  g_assert_cmpstr (zb_meeting_get_id (zb_first_item_entry_get_meeting (newest)), ==, group);
  for (guint i = 0; i < 3; i++)
    {
      g_autoptr(ZbFirstItemEntry) entry = g_list_model_get_item (entries, i);
      const char *id = zb_meeting_get_id (zb_first_item_entry_get_meeting (entry));

      g_assert_cmpint (zb_first_item_entry_is_missing (entry), ==, g_str_equal (id, committee));
    }
  zb_test_settle (300);
  zb_test_screenshot (GTK_WIDGET (f->window), "first-items.png");

  /* This year has none: the list says so. */
  zb_first_items_view_set_year (view, this_year ());
  zb_test_settle (500);
  g_assert_cmpuint (g_list_model_get_n_items (zb_first_items_view_get_entries (view)), ==, 0);
  zb_first_items_view_set_year (view, year);
  zb_test_wait_for (first_items_loaded, view, 60);

  /* The year and every meeting are reached by keyboard. */
  g_assert_true (reached_by_tab (f, zb_test_find_by_id (GTK_WIDGET (view), "year_row"), FALSE));
  g_assert_true (reached_by_tab (f, zb_first_items_view_get_row (view, committee), TRUE));

  editor = open_by_row (zb_first_items_view_get_row (view, committee));
  g_assert_cmpstr (zb_meeting_editor_get_meeting_id (editor), ==, committee);
  gtk_window_destroy (GTK_WINDOW (editor));
}

static char *
add_measure (ZbStore    *store,
             const char *meeting,
             const char *text,
             const char *owner,
             const char *due)
{
  g_autoptr(ZbMeasure) measure = zb_measure_new ();
  g_autoptr(GError) error = NULL;
  char *id;

  zb_measure_set_meeting_id (measure, meeting);
  zb_measure_set_text (measure, text);
  zb_measure_set_owner (measure, owner);
  zb_measure_set_due_date (measure, due);
  id = zb_store_add_measure (store, measure, &error);
  g_assert_no_error (error);
  return id;
}

static gboolean
measures_loaded (gpointer data)
{
  return !zb_measures_view_is_loading (data);
}

/* Whether the measure *data names is shown done. */
static gboolean
shown_done (gpointer data)
{
  ZbMeasuresView *view = ((gpointer *) data)[0];
  const char *id = ((gpointer *) data)[1];
  GListModel *shown = zb_measures_view_get_shown (view);

  for (guint i = 0; i < g_list_model_get_n_items (shown); i++)
    {
      g_autoptr(ZbMeasure) m = g_list_model_get_item (shown, i);

      if (g_str_equal (zb_measure_get_id (m), id))
        return g_strcmp0 (zb_measure_get_state (m), "done") == 0;
    }
  return FALSE;
}

static guint
n_shown (ZbMeasuresView   *view,
         ZbMeasuresFilter  filter)
{
  zb_measures_view_set_filter (view, filter);
  return g_list_model_get_n_items (zb_measures_view_get_shown (view));
}

static void
test_measures (ZbTestWindow  *f,
               gconstpointer  data)
{
  guint year = this_year ();
  g_autofree char *date = g_strdup_printf ("%u-01-08", year);
  g_autofree char *past = g_strdup_printf ("%u-01-31", year);
  g_autofree char *later = g_strdup_printf ("%u-12-31", year + 1);
  g_autofree char *meeting = NULL, *overdue = NULL, *open = NULL, *done = NULL;
  g_autoptr(ZbStore) store = NULL;
  g_autoptr(GError) error = NULL;
  GtkWidget *dialog = NULL;
  GtkWidget *button;
  ZbMeasuresView *view;
  ZbMeetingEditor *editor;
  gpointer pair[2];

  zb_test_make_roster (f, 12);
  store = zb_test_open_store (f);
  meeting = zb_test_add_meeting (store, "committee", date, "一月支部委员会会议", NULL);
  overdue = add_measure (store, meeting, "组织党员集中学习新修订的《条例》", "组织委员", past);
  open = add_measure (store, meeting, "开展“我为群众办实事”走访活动", "各党小组组长", later);
  done = add_measure (store, meeting, "整理上年度党费收缴台账", "宣传委员", past);
  g_assert_true (zb_store_complete_measure (store, done, date, "台账已整理归档", &error));
  g_assert_no_error (error);
  g_clear_object (&store);

  gtk_window_set_default_size (GTK_WINDOW (f->window), 1200, 800);
  zb_test_open_roster (f);
  view = ZB_MEASURES_VIEW (zb_window_get_measures_view (f->window));
  zb_window_show_view (f->window, "measures");
  zb_test_wait_for (measures_loaded, view, 60);

  g_assert_cmpuint (n_shown (view, ZB_MEASURES_ALL), ==, 3);
  g_assert_cmpuint (n_shown (view, ZB_MEASURES_DONE), ==, 1);
  g_assert_cmpuint (n_shown (view, ZB_MEASURES_OVERDUE), ==, 1);
  g_assert_nonnull (zb_measures_view_get_row (view, overdue));
  g_assert_cmpuint (n_shown (view, ZB_MEASURES_OPEN), ==, 2);
  zb_test_settle (300);
  zb_test_screenshot (GTK_WIDGET (f->window), "measures.png");

  /* Marked done with the minutes' question: the note is required, and the
   * measure leaves the open ones. The filter, the row and its button are
   * reached by keyboard. */
  button = g_object_get_data (G_OBJECT (zb_measures_view_get_row (view, overdue)), "done-button");
  g_assert_true (reached_by_tab (f, zb_test_find_by_id (GTK_WIDGET (view), "filter_row"), FALSE));
  g_assert_true (reached_by_tab (f, button, TRUE));
  g_assert_true (reached_by_tab (f, zb_measures_view_get_row (view, overdue), TRUE));
  g_assert_true (gtk_widget_activate (button));
  zb_test_wait_for (has_message_dialog, &dialog, 30);
  g_assert_false (adw_message_dialog_get_response_enabled (ADW_MESSAGE_DIALOG (dialog), "done"));
  gtk_editable_set_text (GTK_EDITABLE (adw_message_dialog_get_extra_child (
                           ADW_MESSAGE_DIALOG (dialog))), "3月12日已组织集中学习，21名党员参加");
  g_assert_true (adw_message_dialog_get_response_enabled (ADW_MESSAGE_DIALOG (dialog), "done"));
  zb_test_settle (300);
  zb_test_screenshot (dialog, "measures-done-dialog.png");
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (dialog), "done");
  zb_measures_view_set_filter (view, ZB_MEASURES_ALL);
  pair[0] = view;
  pair[1] = overdue;
  zb_test_wait_for (shown_done, pair, 30);
  g_assert_cmpuint (n_shown (view, ZB_MEASURES_OPEN), ==, 1);
  g_assert_cmpuint (n_shown (view, ZB_MEASURES_OVERDUE), ==, 0);
  store = zb_test_open_store (f);
  {
    g_autoptr(GListModel) all = zb_store_list_measures (store, meeting, &error);

    for (guint i = 0; i < g_list_model_get_n_items (all); i++)
      {
        g_autoptr(ZbMeasure) m = g_list_model_get_item (all, i);

        if (g_str_equal (zb_measure_get_id (m), overdue))
          g_assert_cmpstr (zb_measure_get_done_note (m), ==, "3月12日已组织集中学习，21名党员参加");
      }
  }
  g_assert_cmpuint (n_shown (view, ZB_MEASURES_DONE), ==, 2);
  zb_test_settle (300);
  zb_test_screenshot (GTK_WIDGET (f->window), "measures-done.png");

  zb_measures_view_set_filter (view, ZB_MEASURES_ALL);
  editor = open_by_row (zb_measures_view_get_row (view, open));
  g_assert_cmpstr (zb_meeting_editor_get_meeting_id (editor), ==, meeting);
  gtk_window_destroy (GTK_WINDOW (editor));
}

/* Whether a label or inscription in @root reads @text, whole or, unless
 * @whole, in part. */
static gboolean
shows_text (GtkWidget  *root,
            const char *text,
            gboolean    whole)
{
  const char *shown = NULL;

  /* The roster's cells are inscriptions. */
  if (GTK_IS_LABEL (root))
    shown = gtk_label_get_text (GTK_LABEL (root));
  else if (GTK_IS_INSCRIPTION (root))
    shown = gtk_inscription_get_text (GTK_INSCRIPTION (root));
  if (shown != NULL && (whole ? g_str_equal (shown, text) : strstr (shown, text) != NULL))
    return TRUE;
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (shows_text (child, text, whole))
      return TRUE;
  return FALSE;
}

static gboolean
in_chinese (void)
{
  return g_strcmp0 (g_getenv ("LANGUAGE"), "zh_CN") == 0;
}

/* @iso as the run's language writes a day: 2026年3月5日 in Chinese. */
static char *
day_as_shown (const char *iso)
{
  guint y, m, d;

  if (!in_chinese ())
    return g_strdup (iso);
  g_assert_cmpint (sscanf (iso, "%u-%u-%u", &y, &m, &d), ==, 3);
  return g_strdup_printf ("%u年%u月%u日", y, m, d);
}

/* Shows @iso in its language's form somewhere in @view, and, in Chinese,
 * never the ISO form. */
static void
assert_shows_day (GtkWidget  *view,
                  const char *iso,
                  gboolean    whole)
{
  g_autofree char *shown = day_as_shown (iso);

  g_test_message ("looking for %s", shown);
  g_assert_true (shows_text (view, shown, whole));
  if (in_chinese ())
    g_assert_false (shows_text (view, iso, FALSE));
}

/* The member near the top of the roster with a day of admission. */
static char *
first_joined (ZbTestWindow *f)
{
  GListModel *members = zb_test_roster_model (f);

  for (guint i = 0; i < MIN (g_list_model_get_n_items (members), 5); i++)
    {
      g_autoptr(ZbMember) m = g_list_model_get_item (members, i);

      if (zb_member_get (m, ZB_MEMBER_FIELD_JOINED_DATE) != NULL)
        return g_strdup (zb_member_get (m, ZB_MEMBER_FIELD_JOINED_DATE));
    }
  g_assert_not_reached ();
}

static gboolean
dashboard_loaded (gpointer data)
{
  return !zb_dashboard_view_is_loading (data) &&
         zb_dashboard_view_get_shown_year (data) == 2025;
}

static gboolean
meetings_loaded (gpointer data)
{
  return !zb_meetings_view_is_loading (data);
}

/* Every list shows a day as the language writes it, 2026年3月5日 in Chinese
 * and 2026-03-05 in English, and a meeting's times as 14:30–16:00
 * (issue 13). */
static void
test_dates (ZbTestWindow  *f,
            gconstpointer  data)
{
  g_autoptr(ZbMeeting) meeting = zb_meeting_new ();
  g_autoptr(ZbStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *id = NULL, *measure = NULL, *joined = NULL, *when = NULL, *day = NULL;
  GtkWidget *view;

  zb_test_make_roster (f, 12);
  store = zb_test_open_store (f);
  zb_meeting_set_type_code (meeting, "committee");
  zb_meeting_set_title (meeting, "三月支部委员会会议");
  zb_meeting_set_date (meeting, "2026-03-05");
  zb_meeting_set_start_time (meeting, "14:30");
  zb_meeting_set_end_time (meeting, "16:00");
  id = zb_store_add_meeting (store, meeting, &error);
  g_assert_no_error (error);
  set_first_item (store, id, "学习贯彻全国两会精神", "领学、研讨", "《政府工作报告》");
  measure = add_measure (store, id, "组织党员集中学习新修订的《条例》", "组织委员", "2026-04-01");
  g_clear_object (&store);

  gtk_window_set_default_size (GTK_WINDOW (f->window), 1200, 800);
  zb_test_open_roster (f);
  joined = first_joined (f);
  assert_shows_day (zb_window_get_roster_view (f->window), joined, TRUE);

  view = zb_window_get_meetings_view (f->window);
  zb_window_show_view (f->window, "meetings");
  zb_test_wait_for (meetings_loaded, view, 60);
  zb_test_settle (300);
  day = day_as_shown ("2026-03-05");
  when = g_strdup_printf ("%s 14:30–16:00", day);
  g_assert_true (shows_text (view, when, FALSE));
  assert_shows_day (view, "2026-03-05", FALSE);

  view = zb_window_get_first_items_view (f->window);
  zb_window_show_view (f->window, "first-items");
  zb_first_items_view_set_year (ZB_FIRST_ITEMS_VIEW (view), 2026);
  zb_test_wait_for (first_items_loaded, view, 60);
  zb_test_settle (300);
  assert_shows_day (view, "2026-03-05", FALSE);

  view = zb_window_get_measures_view (f->window);
  zb_window_show_view (f->window, "measures");
  zb_test_wait_for (measures_loaded, view, 60);
  zb_test_settle (300);
  g_assert_nonnull (zb_measures_view_get_row (ZB_MEASURES_VIEW (view), measure));
  assert_shows_day (view, "2026-04-01", FALSE);
  assert_shows_day (view, "2026-03-05", FALSE);
  zb_test_screenshot (GTK_WIDGET (f->window), "measures-dates.png");

  /* The dashboard's line on the days its figures are counted on. */
  view = zb_window_get_dashboard_view (f->window);
  zb_window_show_view (f->window, "dashboard");
  zb_dashboard_view_set_year (ZB_DASHBOARD_VIEW (view), 2025);
  zb_test_wait_for (dashboard_loaded, view, 60);
  zb_test_settle (300);
  assert_shows_day (view, "2025-12-31", FALSE);
}

int
main (int   argc,
      char *argv[])
{
  zb_test_gui_init (&argc, &argv);

#define ADD(path, func) \
  g_test_add (path, ZbTestWindow, NULL, zb_test_window_set_up, func, zb_test_window_tear_down)

  ADD ("/sections/first-items", test_first_items);
  ADD ("/sections/measures", test_measures);
  ADD ("/sections/dates", test_dates);

  return g_test_run ();
}
