#define G_LOG_DOMAIN "test-minutes"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "zb-compliance-view.h"
#include "zb-meeting-dialog.h"
#include "zb-meeting-editor.h"
#include "zb-meetings-view.h"
#include "zb-member-rules.h"
#include "zb-store-private.h"
#include "zb-test-util.h"
#include "zb-test-window.h"

/* Meetings in the app, under xvfb-run: the list by month, a new meeting
 * with its first item, the minutes editor from the first word to the
 * signed record. Each test saves a screenshot. */

static char *
add_meeting (ZbStore    *store,
             const char *type,
             const char *date,
             const char *title)
{
  return zb_test_add_meeting (store, type, date, title, NULL);
}

static char *
buffer_text_of (GtkTextView *view)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (view);
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  return gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
}

static gboolean
view_loaded (gpointer data)
{
  return !zb_meetings_view_is_loading (data);
}

static gboolean has_meeting_editor (gpointer data);

static gboolean
compliance_loaded (gpointer data)
{
  return !zb_compliance_view_is_loading (data);
}

static gboolean
has_meeting_dialog (gpointer data)
{
  return (*(GtkWidget **) data = zb_test_find_toplevel (ZB_TYPE_MEETING_DIALOG)) != NULL;
}

/* The meetings by month; the findings in 合规提醒, each opening its record. */
static void
test_meetings (ZbTestWindow  *f,
               gconstpointer  data)
{
  g_autoptr(ZbKey) key = zb_test_key ();
  g_autoptr(GError) error = NULL;
  g_autoptr(ZbFirstItem) first = zb_first_item_new ();
  ZbMeetingsView *view;
  ZbComplianceView *compliance;
  GtkWidget *row, *editor = NULL, *dialog = NULL;
  g_autofree char *jan = NULL, *mar = NULL, *sep = NULL;
  guint this_year;

  zb_test_make_roster (f, 40);
  {
    g_autoptr(ZbStore) store = zb_store_open (f->path, key, &error);

    g_assert_no_error (error);
    jan = add_meeting (store, "committee", "2026-01-12", "一月支部委员会会议");
    mar = add_meeting (store, "general", "2026-03-26", "第一季度支部党员大会");
    sep = add_meeting (store, "theme-day", "2026-09-15", "九月主题党日：重温入党誓词");
    zb_first_item_set_topic (first, "学习贯彻会议精神");
    zb_first_item_set_form (first, "领学、研讨");
    zb_first_item_set_participants (first, "支部委员");
    zb_first_item_set_proceedings (first, "书记领学，委员交流研讨。");
    zb_store_set_first_item (store, jan, first, &error);
    g_assert_no_error (error);
  }

  zb_test_open_roster (f);
  zb_window_show_view (f->window, "meetings");
  zb_test_settle (500);

  view = ZB_MEETINGS_VIEW (zb_window_get_meetings_view (f->window));
  zb_test_wait_for (view_loaded, view, 30);
  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (view)));
  zb_test_screenshot (GTK_WIDGET (f->window), "meetings.png");

  /* 合规提醒, a section of its own: this year's findings, and last year's,
   * which had no meeting at all: every month of every monthly rule, and the
   * yearly rules, now that the year is over. */
  zb_window_show_view (f->window, "compliance");
  compliance = ZB_COMPLIANCE_VIEW (zb_window_get_compliance_view (f->window));
  zb_test_wait_for (compliance_loaded, compliance, 30);
  this_year = zb_compliance_view_get_n_findings (compliance);
  g_assert_cmpuint (this_year, >, 0);
  zb_test_screenshot (GTK_WIDGET (f->window), "compliance.png");
  zb_compliance_view_set_period (compliance, 2);
  zb_test_wait_for (compliance_loaded, compliance, 30);
  g_assert_cmpuint (zb_compliance_view_get_n_findings (compliance), >=, 12 * 2 + 4 * 2 + 2);

  /* A finding opens what puts it right: the meeting without a first item
   * opens its minutes, never a word about the command line. */
  zb_compliance_view_set_period (compliance, 0);
  zb_test_wait_for (compliance_loaded, compliance, 30);
  row = zb_compliance_view_get_row (compliance, "first-item");
  g_assert_nonnull (row);
  g_signal_emit_by_name (row, "activated");
  zb_test_wait_for (has_meeting_editor, &editor, 30);
  g_assert_cmpstr (zb_meeting_editor_get_meeting_id (ZB_MEETING_EDITOR (editor)), ==, mar);
  gtk_window_destroy (GTK_WINDOW (editor));

  /* A missing meeting opens a new one of its type. */
  row = zb_compliance_view_get_row (compliance, "meeting-frequency");
  g_assert_nonnull (row);
  g_signal_emit_by_name (row, "activated");
  zb_test_wait_for (has_meeting_dialog, &dialog, 30);
  gtk_window_destroy (GTK_WINDOW (dialog));
}

static gboolean
has_meeting_editor (gpointer data)
{
  return (*(GtkWidget **) data = zb_test_find_toplevel (ZB_TYPE_MEETING_EDITOR)) != NULL;
}

/* Scrolls the editor so that @widget is near the top. */
static void
scroll_to (GtkWidget *widget)
{
  GtkWidget *scroller = gtk_widget_get_ancestor (widget, GTK_TYPE_SCROLLED_WINDOW);
  GtkWidget *child = gtk_scrolled_window_get_child (GTK_SCROLLED_WINDOW (scroller));
  GtkAdjustment *adjustment = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scroller));
  graphene_point_t point;

  g_assert_true (gtk_widget_compute_point (widget, child, &GRAPHENE_POINT_INIT (0, 0), &point));
  gtk_adjustment_set_value (adjustment, point.y - 120);
}

static gboolean editor_saved (gpointer data);

/* The minutes editor of a general meeting with its first item filled in and
 * a measure carried over from an earlier meeting. */
static void
test_meeting_editor (ZbTestWindow  *f,
                     gconstpointer  data)
{
  g_autoptr(ZbKey) key = zb_test_key ();
  g_autoptr(GError) error = NULL;
  g_autoptr(ZbFirstItem) first = zb_first_item_new ();
  g_autoptr(ZbMeasure) measure = zb_measure_new ();
  g_autofree char *earlier = NULL, *meeting = NULL, *measure_id = NULL;
  GtkWidget *editor = NULL;
  GtkTextBuffer *buffer;

  zb_test_make_roster (f, 12);
  {
    g_autoptr(ZbStore) store = zb_store_open (f->path, key, &error);

    earlier = add_meeting (store, "committee", "2026-10-15", "十月支部委员会会议");
    meeting = add_meeting (store, "general", "2026-11-20", "第四季度支部党员大会");
    zb_first_item_set_topic (first, "学习贯彻党的二十届四中全会精神");
    zb_first_item_set_source (first, "人民日报，2026年10月");
    zb_first_item_set_form (first, "领学、研讨");
    zb_first_item_set_leader (first, "支部书记");
    zb_first_item_set_participants (first, "支部全体党员");
    zb_first_item_set_proceedings (first, "支部书记领学全会公报，党员结合岗位逐一交流研讨。");
    zb_first_item_add_contribution (first, "组织委员", "结合发展党员工作，谈如何把好入口关。");
    zb_store_set_first_item (store, meeting, first, &error);
    g_assert_no_error (error);
    zb_measure_set_meeting_id (measure, earlier);
    zb_measure_set_text (measure, "各党小组开展一次专题学习");
    zb_measure_set_owner (measure, "各党小组组长");
    zb_measure_set_due_date (measure, "2026-11-30");
    measure_id = zb_store_add_measure (store, measure, &error);
    g_assert_no_error (error);
  }

  zb_test_open_roster (f);
  zb_window_open_meeting (f->window, meeting);
  zb_test_wait_for (has_meeting_editor, &editor, 30);
  buffer = gtk_text_view_get_buffer (zb_meeting_editor_get_minutes_view (ZB_MEETING_EDITOR (editor)));
  gtk_text_buffer_set_text (buffer, "主持人宣布会议开始，应到党员 12 名，实到 11 名。", -1);
  {
    g_autoptr(ZbStore) store = zb_store_open (f->path, key, &error);
    g_autoptr(GListModel) attendees = zb_store_list_attendees (store, meeting, &error);
    g_autoptr(ZbAttendee) a = g_list_model_get_item (attendees, 0);
    g_autoptr(GListModel) after = NULL;
    g_autoptr(ZbAttendee) b = NULL;
    ZbAttendanceEditor *attendance =
      zb_meeting_editor_get_attendance_editor (ZB_MEETING_EDITOR (editor));

    /* Attendance is saved as it is chosen, with the minutes. */
    g_assert_nonnull (zb_meeting_editor_get_attendance_row (ZB_MEETING_EDITOR (editor),
                                                            zb_attendee_get_member_id (a)));
    zb_attendance_editor_mark (attendance, zb_attendee_get_member_id (a), "present", NULL);
    zb_test_wait_for (editor_saved, editor, 10);
    after = zb_store_list_attendees (store, meeting, &error);
    b = g_list_model_get_item (after, 0);
    g_assert_cmpstr (zb_attendee_get_state (b), ==, "present");
  }
  zb_test_settle (1800);
  g_assert_true (zb_meeting_editor_is_saved (ZB_MEETING_EDITOR (editor)));
  zb_test_screenshot (editor, "meeting-editor.png");

  /* The measure carried from October's meeting, marked done here. */
  g_assert_cmpuint (zb_measures_editor_get_n_carried (
                      zb_meeting_editor_get_measures_editor (ZB_MEETING_EDITOR (editor))), ==, 1);
  zb_measures_editor_complete (zb_meeting_editor_get_measures_editor (ZB_MEETING_EDITOR (editor)),
                               measure_id, "各党小组均已完成专题学习");
  zb_test_settle (800);
  {
    g_autoptr(ZbStore) store = zb_store_open (f->path, key, &error);
    g_autoptr(GListModel) open = zb_store_list_open_measures (store, &error);

    g_assert_cmpuint (g_list_model_get_n_items (open), ==, 0);
  }
  scroll_to (GTK_WIDGET (zb_meeting_editor_get_minutes_view (ZB_MEETING_EDITOR (editor))));
  zb_test_settle (300);
  zb_test_screenshot (editor, "meeting-editor-minutes.png");
  gtk_window_destroy (GTK_WINDOW (editor));
}

/* With no database yet, the window offers to create one or a demo. */

static gboolean
dialog_ready (gpointer data)
{
  return zb_meeting_dialog_is_ready (data);
}

static gboolean
list_shown (gpointer view)
{
  return view_loaded (view) &&
         !gtk_widget_get_mapped (zb_test_find_by_id (view, "empty_page")) &&
         gtk_widget_get_mapped (zb_test_find_by_id (view, "page"));
}

static gboolean
editor_saved (gpointer data)
{
  return zb_meeting_editor_is_saved (data);
}

/* A committee meeting created from the window opens with the template's
 * draft of its first item, in the same transaction, and its editor opens. */
static void
test_new_meeting (ZbTestWindow  *f,
                  gconstpointer  data)
{
  g_autoptr(ZbStore) store = NULL;
  g_autoptr(GListModel) meetings = NULL;
  g_autoptr(ZbMeeting) meeting = NULL;
  g_autoptr(ZbFirstItem) first = NULL;
  g_autofree char *chair = NULL, *recorder = NULL;
  ZbMeetingDialog *dialog;
  GtkWidget *editor = NULL, *view, *empty, *found = NULL;

  zb_test_make_roster (f, 12);
  store = zb_test_open_store (f);
  zb_test_pick_full_members (store, &chair, &recorder);
  zb_test_open_roster (f);
  zb_window_show_view (f->window, "meetings");

  /* A branch without a meeting is shown the way to its first. */
  view = zb_window_get_meetings_view (f->window);
  zb_test_wait_for (view_loaded, view, 30);
  empty = zb_test_find_by_id (view, "empty_page");
  g_assert_true (gtk_widget_get_mapped (empty));
  zb_test_settle (300);
  zb_test_screenshot (GTK_WIDGET (f->window), "meetings-empty.png");
  g_assert_true (gtk_widget_activate (zb_test_find_by_id (empty, "empty_add_button")));
  zb_test_wait_for (has_meeting_dialog, &found, 30);
  dialog = ZB_MEETING_DIALOG (found);
  zb_test_wait_for (dialog_ready, dialog, 30);
  zb_meeting_dialog_set_type (dialog, "committee");
  zb_meeting_dialog_set_title (dialog, "十一月支部委员会会议");
  zb_meeting_dialog_set_date (dialog, "2026-11-05");
  zb_meeting_dialog_set_signers (dialog, chair, recorder);
  zb_test_settle (300);
  zb_test_screenshot (GTK_WIDGET (dialog), "new-meeting.png");

  zb_meeting_dialog_create (dialog);
  zb_test_wait_for (has_meeting_editor, &editor, 30);

  meetings = zb_store_list_meetings (store, "2026-11-05", "2026-11-05", NULL);
  g_assert_cmpuint (g_list_model_get_n_items (meetings), ==, 1);
  meeting = g_list_model_get_item (meetings, 0);
  g_assert_cmpstr (zb_meeting_get_type_code (meeting), ==, "committee");
  g_assert_cmpstr (zb_meeting_get_chair_id (meeting), ==, chair);
  g_assert_cmpstr (zb_meeting_get_recorder_id (meeting), ==, recorder);
  first = zb_store_get_first_item (store, zb_meeting_get_id (meeting), NULL);
  g_assert_nonnull (first);
  g_assert_nonnull (strstr (zb_first_item_get_topic (first), "请填写"));
  g_assert_nonnull (zb_meeting_editor_get_first_item_editor (ZB_MEETING_EDITOR (editor)));

  /* No committee is entered, so no one is expected: the chair is still
   * picked from every member of the Party, and the one chosen is shown. */
  {
    GtkDropDown *chairs = GTK_DROP_DOWN (zb_meeting_details_get_chair_drop_down (
                            zb_meeting_editor_get_details (ZB_MEETING_EDITOR (editor))));

    g_assert_cmpuint (g_list_model_get_n_items (gtk_drop_down_get_model (chairs)), >, 3);
    g_assert_cmpuint (gtk_drop_down_get_selected (chairs), >, 0);
  }
  gtk_window_destroy (GTK_WINDOW (editor));

  /* With its first meeting the branch sees the list. */
  zb_test_wait_for (list_shown, view, 30);
}

/* A mapped meeting editor other than the one @data points to; found, it
 * takes its place. */
static gboolean
has_other_editor (gpointer data)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GObject) window = g_list_model_get_item (toplevels, i);

      if (ZB_IS_MEETING_EDITOR (window) && window != *(gpointer *) data &&
          gtk_widget_get_mapped (GTK_WIDGET (window)))
        {
          *(GtkWidget **) data = GTK_WIDGET (window);
          return TRUE;
        }
    }
  return FALSE;
}

static gboolean
has_items (gpointer data)
{
  return zb_meeting_editor_get_n_items (data) == 2;
}

static gboolean
is_final (gpointer data)
{
  return zb_meeting_editor_is_final (data);
}

static guint
count_measures (ZbStore    *store,
                const char *meeting_id)
{
  g_autoptr(GListModel) measures = zb_store_list_measures (store, meeting_id, NULL);

  return g_list_model_get_n_items (measures);
}

static gboolean
measure_added (gpointer data)
{
  gpointer *args = data;

  return count_measures (args[0], args[1]) == 1;
}

/* Until the first item is complete, finalising is refused and nothing
 * changes; once written, the minutes are signed, read-only, and on the
 * hash chain. */
static void
test_finalize (ZbTestWindow  *f,
               gconstpointer  data)
{
  g_autoptr(ZbStore) store = NULL;
  g_autoptr(ZbMeeting) meeting = zb_meeting_new ();
  g_autoptr(ZbFirstItem) draft = zb_first_item_new ();
  g_autoptr(ZbFirstItemTemplate) template = NULL;
  g_autoptr(ZbFirstItem) written = zb_first_item_new ();
  g_autoptr(ZbFirstItem) saved = NULL;
  g_autoptr(GListModel) items = NULL;
  g_autoptr(ZbAgendaItem) second = NULL;
  g_autoptr(ZbMeeting) after = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *chair = NULL, *recorder = NULL, *id = NULL;
  GtkWidget *editor = NULL, *other = NULL;
  ZbMeetingEditor *e;
  guint n_records = 0, n_chains = 0;
  gpointer args[2];

  zb_test_make_roster (f, 12);
  store = zb_test_open_store (f);
  zb_test_pick_full_members (store, &chair, &recorder);
  template = zb_store_find_first_item_template (store, "lead-and-discuss", &error);
  zb_first_item_template_apply (template, draft);
  zb_meeting_set_type_code (meeting, "general");
  zb_meeting_set_title (meeting, "第四季度支部党员大会");
  zb_meeting_set_date (meeting, "2026-11-20");
  zb_meeting_set_chair_id (meeting, chair);
  zb_meeting_set_recorder_id (meeting, recorder);
  id = zb_store_add_meeting_with_first_item (store, meeting, draft, &error);
  g_assert_no_error (error);

  zb_test_open_roster (f);
  zb_window_open_meeting (f->window, id);
  zb_test_wait_for (has_meeting_editor, &editor, 30);
  e = ZB_MEETING_EDITOR (editor);

  /* The template's prompts are still there: refused, and still editable. */
  zb_meeting_editor_finalize (e);
  zb_test_settle (1500);
  g_assert_false (zb_meeting_editor_is_final (e));
  g_assert_true (gtk_text_view_get_editable (zb_meeting_editor_get_minutes_view (e)));
  g_clear_object (&after);
  after = zb_store_get_meeting (store, id, NULL);
  g_assert_null (zb_meeting_get_finalized_at (after));

  zb_first_item_set_topic (written, "学习贯彻党的二十届四中全会精神");
  zb_first_item_set_source (written, "人民日报");
  zb_first_item_set_source_date (written, "2026-10-24");
  zb_first_item_set_form (written, "领学、研讨");
  zb_first_item_set_leader (written, "支部书记");
  zb_first_item_set_participants (written, "支部全体党员");
  zb_first_item_set_proceedings (written, "支部书记领学全会公报，党员结合岗位逐一交流研讨。");
  zb_first_item_editor_set_item (zb_meeting_editor_get_first_item_editor (e), written);
  zb_first_item_editor_add_contribution (zb_meeting_editor_get_first_item_editor (e),
                                         "组织委员：结合发展党员工作，谈如何把好入口关。");
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (zb_meeting_editor_get_minutes_view (e)),
                            "主持人宣布会议开始。", -1);

  zb_meeting_editor_add_item (e);
  zb_test_wait_for (has_items, e, 10);
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (zb_meeting_editor_get_item_view (e, 1)),
                            "讨论第四季度工作安排。", -1);

  args[0] = store;
  args[1] = id;
  zb_measures_editor_add (zb_meeting_editor_get_measures_editor (e), "各党小组开展一次专题学习",
                          "各党小组组长", "2026-12-31");
  zb_test_wait_for (measure_added, args, 10);
  zb_test_wait_for (editor_saved, e, 10);

  saved = zb_store_get_first_item (store, id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (zb_first_item_get_topic (saved), ==, "学习贯彻党的二十届四中全会精神");
  g_assert_cmpuint (zb_first_item_get_contributions (saved)->len, ==, 1);
  items = zb_store_list_agenda_items (store, id, &error);
  g_assert_cmpuint (g_list_model_get_n_items (items), ==, 2);
  second = g_list_model_get_item (items, 1);
  g_assert_cmpstr (zb_agenda_item_get_minutes (second), ==, "讨论第四季度工作安排。");

  zb_meeting_editor_finalize (e);
  zb_test_wait_for (is_final, e, 10);
  g_assert_false (gtk_text_view_get_editable (zb_meeting_editor_get_minutes_view (e)));
  g_clear_object (&after);
  after = zb_store_get_meeting (store, id, NULL);
  g_assert_nonnull (zb_meeting_get_finalized_at (after));
  g_assert_true (zb_store_verify (store, &n_records, &n_chains, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n_records, ==, 1);
  zb_test_settle (300);
  zb_test_screenshot (editor, "meeting-finalised.png");

  /* A correction opens as an addendum in an editor of its own. */
  zb_meeting_editor_add_addendum (e, "补记：表决结果为全票通过。");
  other = editor;
  zb_test_wait_for (has_other_editor, &other, 10);
  g_clear_object (&after);
  after = zb_store_get_meeting (store, zb_meeting_editor_get_meeting_id (ZB_MEETING_EDITOR (other)),
                                NULL);
  g_assert_cmpstr (zb_meeting_get_addendum_of (after), ==, id);
  g_assert_false (zb_meeting_editor_is_final (ZB_MEETING_EDITOR (other)));
  gtk_window_destroy (GTK_WINDOW (other));
  gtk_window_destroy (GTK_WINDOW (editor));
}

static gpointer
hold_write_lock (gpointer data)
{
  ZbStore *store = data;
  g_autoptr(GError) error = NULL;

  g_assert_nonnull (zb_store_begin_write (store, &error));
  g_usleep (3 * G_USEC_PER_SEC);
  zb_store_rollback_write (store);
  return NULL;
}

/* A long write in a worker (a sync round, an import) does not freeze the
 * window: the minutes open while it holds the write connection. */
static void
test_editor_during_write (ZbTestWindow  *f,
                          gconstpointer  data)
{
  g_autoptr(ZbKey) key = zb_test_key ();
  g_autoptr(GError) error = NULL;
  g_autofree char *meeting = NULL;
  GtkWidget *editor = NULL;
  GThread *writer;
  gint64 start;

  zb_test_make_roster (f, 12);
  {
    g_autoptr(ZbStore) store = zb_store_open (f->path, key, &error);

    g_assert_no_error (error);
    meeting = add_meeting (store, "committee", "2026-11-05", "十一月支部委员会会议");
  }
  zb_test_open_roster (f);

  writer = g_thread_new ("writer", hold_write_lock, zb_context_get_store (f->context));
  g_usleep (G_USEC_PER_SEC / 5);
  start = g_get_monotonic_time ();
  zb_window_open_meeting (f->window, meeting);
  zb_test_wait_for (has_meeting_editor, &editor, 30);
  g_test_message ("the editor opened after %" G_GINT64_FORMAT " ms",
                  (g_get_monotonic_time () - start) / 1000);
  g_assert_cmpint (g_get_monotonic_time () - start, <, 2 * G_USEC_PER_SEC);
  g_thread_join (writer);
  gtk_window_destroy (GTK_WINDOW (editor));
}

static gboolean
no_meeting_editor (gpointer data)
{
  GtkWidget *editor = NULL;

  return !has_meeting_editor (&editor);
}

/* Typed the moment the minutes open, then closed at once: the words are in
 * the database, though the first row was still being written. */
static void
test_close_at_once (ZbTestWindow  *f,
                    gconstpointer  data)
{
  g_autoptr(ZbKey) key = zb_test_key ();
  g_autoptr(GError) error = NULL;
  g_autofree char *meeting = NULL;
  GtkWidget *editor = NULL;

  zb_test_make_roster (f, 12);
  {
    g_autoptr(ZbStore) store = zb_store_open (f->path, key, &error);

    meeting = add_meeting (store, "lecture", "2026-11-12", "专题党课");
  }
  zb_test_open_roster (f);
  zb_window_open_meeting (f->window, meeting);
  /* No turn of the main loop yet: the first row's worker has not answered. */
  for (guint i = 0; i < g_list_model_get_n_items (gtk_window_get_toplevels ()); i++)
    {
      g_autoptr(GObject) window = g_list_model_get_item (gtk_window_get_toplevels (), i);

      if (ZB_IS_MEETING_EDITOR (window))
        editor = GTK_WIDGET (window);
    }
  g_assert_nonnull (editor);
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (
                              zb_meeting_editor_get_minutes_view (ZB_MEETING_EDITOR (editor))),
                            "党课开讲。", -1);
  gtk_window_close (GTK_WINDOW (editor));
  zb_test_wait_for (no_meeting_editor, NULL, 10);
  {
    g_autoptr(ZbStore) store = zb_store_open (f->path, key, &error);
    g_autoptr(GListModel) items = zb_store_list_agenda_items (store, meeting, &error);
    g_autoptr(ZbAgendaItem) item = NULL;

    g_assert_cmpuint (g_list_model_get_n_items (items), ==, 1);
    item = g_list_model_get_item (items, 0);
    g_assert_cmpstr (zb_agenda_item_get_minutes (item), ==, "党课开讲。");
  }
}

static GtkWidget *
find_scroller (GtkWidget *widget)
{
  if (GTK_IS_SCROLLED_WINDOW (widget))
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_scroller (child);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static gboolean
view_loaded_in (gpointer data)
{
  return !zb_meetings_view_is_loading (data);
}

/* The first attendee of @meeting, and one more. */
static void
pick_attendees (ZbStore     *store,
                const char  *meeting,
                char       **first,
                char       **second)
{
  g_autoptr(GListModel) attendees = zb_store_list_attendees (store, meeting, NULL);
  g_autoptr(ZbAttendee) a = NULL;
  g_autoptr(ZbAttendee) b = NULL;

  g_assert_cmpuint (g_list_model_get_n_items (attendees), >=, 3);
  a = g_list_model_get_item (attendees, 0);
  b = g_list_model_get_item (attendees, 1);
  *first = g_strdup (zb_attendee_get_member_id (a));
  *second = g_strdup (zb_attendee_get_member_id (b));
}

static void
fill_first_item (ZbMeetingEditor *e)
{
  g_autoptr(ZbFirstItem) written = zb_first_item_new ();

  zb_first_item_set_topic (written, "学习贯彻党的二十届四中全会精神");
  zb_first_item_set_source (written, "人民日报");
  zb_first_item_set_source_date (written, "2026-10-24");
  zb_first_item_set_form (written, "领学、研讨");
  zb_first_item_set_leader (written, "支部书记");
  zb_first_item_set_participants (written, "支部全体党员");
  zb_first_item_set_proceedings (written, "支部书记领学全会公报，党员结合岗位逐一交流研讨。");
  zb_first_item_editor_set_item (zb_meeting_editor_get_first_item_editor (e), written);
}

/* Issue 9's "Done when": a meeting created from the app without its chair
 * gets its chair and recorder, its attendance (one leave with its reason)
 * and a guest, and the window is closed without any apply step: a fresh
 * store reads every choice back. Reopened, the meeting is finalised from
 * the app, and shows as such in the window and in the list. */
static void
test_whole_meeting (ZbTestWindow  *f,
                    gconstpointer  data)
{
  g_autoptr(ZbKey) key = zb_test_key ();
  g_autoptr(GError) error = NULL;
  g_autoptr(ZbStore) store = NULL;
  g_autoptr(GListModel) meetings = NULL;
  g_autoptr(ZbMeeting) meeting = NULL;
  g_autofree char *id = NULL, *chair = NULL, *recorder = NULL;
  g_autofree char *on_leave = NULL, *other = NULL;
  ZbMeetingDialog *dialog;
  ZbMeetingEditor *e;
  GtkWidget *editor = NULL;
  int width, height;

  zb_test_make_roster (f, 12);
  store = zb_test_open_store (f);
  zb_test_pick_full_members (store, &chair, &recorder);
  zb_test_open_roster (f);
  zb_window_show_view (f->window, "meetings");

  /* 1. From the new-meeting dialog, with no chair nor recorder, the date as
   * typed in an office. */
  dialog = zb_window_new_meeting (f->window);
  zb_test_wait_for (dialog_ready, dialog, 30);
  zb_meeting_dialog_set_type (dialog, "general");
  zb_meeting_dialog_set_title (dialog, "第四季度支部党员大会");
  zb_meeting_dialog_set_date (dialog, "2026年11月20日");
  zb_meeting_dialog_create (dialog);
  zb_test_wait_for (has_meeting_editor, &editor, 30);
  e = ZB_MEETING_EDITOR (editor);
  id = g_strdup (zb_meeting_editor_get_meeting_id (e));
  meeting = zb_store_get_meeting (store, id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (zb_meeting_get_date (meeting), ==, "2026-11-20");
  g_assert_null (zb_meeting_get_chair_id (meeting));

  /* It fits a 1366x768 laptop screen, under its panel and title bar. */
  gtk_window_get_default_size (GTK_WINDOW (editor), &width, &height);
  g_assert_cmpint (width, <=, 1366);
  g_assert_cmpint (height, <=, 768 - 64);
  zb_test_settle (500);
  zb_test_screenshot (editor, "whole-meeting-1-new.png");

  /* 2. The chair and recorder from the people expected, the place and the
   * times, the attendance, a guest: no apply button anywhere. */
  pick_attendees (store, id, &on_leave, &other);
  zb_meeting_details_set_signers (zb_meeting_editor_get_details (e), chair, recorder);
  zb_meeting_details_set_text (zb_meeting_editor_get_details (e), "place", "三楼党员活动室");
  zb_meeting_details_set_text (zb_meeting_editor_get_details (e), "start", "9:30");
  zb_meeting_details_set_text (zb_meeting_editor_get_details (e), "end", "11：00");
  zb_attendance_editor_mark (zb_meeting_editor_get_attendance_editor (e), on_leave, "leave",
                             "出差在外");
  zb_attendance_editor_mark_all_present (zb_meeting_editor_get_attendance_editor (e));
  zb_guests_editor_set_typed (zb_meeting_editor_get_guests_editor (e), "王五", "上级党委组织部");
  zb_test_settle (300);
  zb_test_screenshot (editor, "whole-meeting-2-marked.png");
  {
    guint expected, present, leave, absent, unmarked;

    zb_attendance_editor_count (zb_meeting_editor_get_attendance_editor (e), &expected,
                                &present, &leave, &absent, &unmarked);
    g_assert_cmpuint (leave, ==, 1);
    g_assert_cmpuint (present, ==, expected - 1);
    g_assert_cmpuint (unmarked, ==, 0);
  }

  /* 3. Closed at once. */
  gtk_window_close (GTK_WINDOW (editor));
  zb_test_wait_for (no_meeting_editor, NULL, 10);
  {
    g_autoptr(ZbStore) fresh = zb_store_open (f->path, key, &error);
    g_autoptr(ZbMeeting) saved = zb_store_get_meeting (fresh, id, &error);
    g_autoptr(GListModel) attendees = zb_store_list_attendees (fresh, id, &error);
    g_auto(GStrv) guests = zb_store_list_guests (fresh, id, &error);

    g_assert_no_error (error);
    g_assert_cmpstr (zb_meeting_get_chair_id (saved), ==, chair);
    g_assert_cmpstr (zb_meeting_get_recorder_id (saved), ==, recorder);
    g_assert_cmpstr (zb_meeting_get_place (saved), ==, "三楼党员活动室");
    g_assert_cmpstr (zb_meeting_get_start_time (saved), ==, "09:30");
    g_assert_cmpstr (zb_meeting_get_end_time (saved), ==, "11:00");
    for (guint i = 0; i < g_list_model_get_n_items (attendees); i++)
      {
        g_autoptr(ZbAttendee) a = g_list_model_get_item (attendees, i);
        gboolean leave = g_strcmp0 (zb_attendee_get_member_id (a), on_leave) == 0;

        g_assert_cmpstr (zb_attendee_get_state (a), ==, leave ? "leave" : "present");
        g_assert_cmpstr (zb_attendee_get_reason (a), ==, leave ? "出差在外" : NULL);
      }
    g_assert_cmpstrv (guests, ((const char *[]) { "王五（上级党委组织部）", NULL }));
  }

  /* 4. Reopened: the first item written, then finalised from the app. */
  zb_window_open_meeting (f->window, id);
  editor = NULL;
  zb_test_wait_for (has_meeting_editor, &editor, 30);
  e = ZB_MEETING_EDITOR (editor);
  fill_first_item (e);
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (zb_meeting_editor_get_minutes_view (e)),
                            "主持人宣布会议开始，应到党员全部到会，一人请假。", -1);
  zb_meeting_editor_finalize (e);
  zb_test_wait_for (is_final, e, 10);
  g_clear_object (&meeting);
  meeting = zb_store_get_meeting (store, id, NULL);
  g_assert_nonnull (zb_meeting_get_finalized_at (meeting));
  g_assert_false (zb_meeting_details_get_editable (zb_meeting_editor_get_details (e)));
  zb_test_settle (300);
  zb_test_screenshot (editor, "whole-meeting-3-finalised.png");
  gtk_window_destroy (GTK_WINDOW (editor));

  /* 5. The list says 已定稿. */
  {
    ZbMeetingsView *view = ZB_MEETINGS_VIEW (zb_window_get_meetings_view (f->window));

    GtkWidget *scroller;
    GtkAdjustment *adjustment;

    zb_meetings_view_reload (view);
    zb_test_wait_for (view_loaded_in, view, 30);
    zb_test_settle (300);
    g_assert_cmpstr (zb_meetings_view_get_state_label (view, id), ==, _("Finalised"));
    scroller = find_scroller (GTK_WIDGET (view));
    g_assert_nonnull (scroller);
    adjustment = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scroller));
    gtk_adjustment_set_value (adjustment, gtk_adjustment_get_upper (adjustment));
    zb_test_settle (300);
    zb_test_screenshot (GTK_WIDGET (f->window), "whole-meeting-4-list.png");
  }
}

/* A leave chosen and its reason typed, then the window closed at once, with
 * no turn of the main loop for an autosave: both are in the database. */
static void
test_attendance_close_at_once (ZbTestWindow  *f,
                               gconstpointer  data)
{
  g_autoptr(ZbKey) key = zb_test_key ();
  g_autoptr(GError) error = NULL;
  g_autofree char *meeting = NULL, *on_leave = NULL, *absent = NULL;
  GtkWidget *editor = NULL;
  ZbAttendanceEditor *attendance;

  zb_test_make_roster (f, 12);
  {
    g_autoptr(ZbStore) store = zb_store_open (f->path, key, &error);

    meeting = add_meeting (store, "general", "2026-11-12", "支部党员大会");
    pick_attendees (store, meeting, &on_leave, &absent);
  }
  zb_test_open_roster (f);
  zb_window_open_meeting (f->window, meeting);
  zb_test_wait_for (has_meeting_editor, &editor, 30);
  attendance = zb_meeting_editor_get_attendance_editor (ZB_MEETING_EDITOR (editor));
  zb_attendance_editor_mark (attendance, on_leave, "leave", NULL);
  zb_attendance_editor_mark (attendance, on_leave, NULL, "住院治疗");
  zb_attendance_editor_mark (attendance, absent, "absent", NULL);
  gtk_window_close (GTK_WINDOW (editor));
  zb_test_wait_for (no_meeting_editor, NULL, 10);
  {
    g_autoptr(ZbStore) store = zb_store_open (f->path, key, &error);
    g_autoptr(GListModel) attendees = zb_store_list_attendees (store, meeting, &error);

    for (guint i = 0; i < g_list_model_get_n_items (attendees); i++)
      {
        g_autoptr(ZbAttendee) a = g_list_model_get_item (attendees, i);
        const char *member = zb_attendee_get_member_id (a);

        if (g_str_equal (member, on_leave))
          {
            g_assert_cmpstr (zb_attendee_get_state (a), ==, "leave");
            g_assert_cmpstr (zb_attendee_get_reason (a), ==, "住院治疗");
          }
        else if (g_str_equal (member, absent))
          g_assert_cmpstr (zb_attendee_get_state (a), ==, "absent");
        else
          g_assert_null (zb_attendee_get_state (a));
      }
  }
}

/* A leave without its reason cannot be saved: the header says so, and the
 * first close keeps the window open to say it again. */
static void
test_leave_needs_reason (ZbTestWindow  *f,
                         gconstpointer  data)
{
  g_autoptr(ZbKey) key = zb_test_key ();
  g_autoptr(GError) error = NULL;
  g_autofree char *meeting = NULL, *on_leave = NULL, *other = NULL;
  GtkWidget *editor = NULL;
  ZbMeetingEditor *e;

  zb_test_make_roster (f, 12);
  {
    g_autoptr(ZbStore) store = zb_store_open (f->path, key, &error);

    meeting = add_meeting (store, "general", "2026-11-12", "支部党员大会");
    pick_attendees (store, meeting, &on_leave, &other);
  }
  zb_test_open_roster (f);
  zb_window_open_meeting (f->window, meeting);
  zb_test_wait_for (has_meeting_editor, &editor, 30);
  e = ZB_MEETING_EDITOR (editor);
  zb_attendance_editor_mark (zb_meeting_editor_get_attendance_editor (e), on_leave, "leave",
                             NULL);
  zb_test_wait_for (editor_saved, e, 10);
  g_assert_nonnull (zb_meeting_editor_get_problem (e));
  g_assert_nonnull (strstr (zb_meeting_editor_get_problem (e), "Reason") ?
                    zb_meeting_editor_get_problem (e) :
                    strstr (zb_meeting_editor_get_problem (e), "原因"));
  gtk_window_close (GTK_WINDOW (editor));
  zb_test_settle (200);
  g_assert_true (gtk_widget_get_visible (editor));
  zb_test_screenshot (editor, "leave-needs-reason.png");
  gtk_window_close (GTK_WINDOW (editor));
  zb_test_wait_for (no_meeting_editor, NULL, 10);
}

static gboolean
has_problem (gpointer data)
{
  return zb_meeting_editor_get_problem (data) != NULL;
}

/* A meeting planned ahead: attendance marked before its day is refused,
 * and the window says why (in the language of the run); the first close
 * says it again, the second leaves it unsaved. */
static void
test_attendance_before_the_day (ZbTestWindow  *f,
                                gconstpointer  data)
{
  g_autoptr(ZbKey) key = zb_test_key ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(GDateTime) later = g_date_time_add_days (now, 3);
  g_autofree char *ahead = g_date_time_format (later, "%Y-%m-%d");
  g_autofree char *meeting = NULL, *first = NULL, *other = NULL;
  GtkWidget *editor = NULL;
  ZbMeetingEditor *e;
  const char *problem;

  zb_test_make_roster (f, 12);
  {
    g_autoptr(ZbStore) store = zb_store_open (f->path, key, &error);

    meeting = add_meeting (store, "lecture", ahead, "下周党课");
    pick_attendees (store, meeting, &first, &other);
  }
  zb_test_open_roster (f);
  zb_window_open_meeting (f->window, meeting);
  zb_test_wait_for (has_meeting_editor, &editor, 30);
  e = ZB_MEETING_EDITOR (editor);
  zb_attendance_editor_mark (zb_meeting_editor_get_attendance_editor (e), first, "present",
                             NULL);
  zb_test_wait_for (has_problem, e, 10);
  problem = zb_meeting_editor_get_problem (e);
  if (strstr (problem, "after today") == NULL && strstr (problem, "晚于今天") == NULL)
    g_error ("unexpected problem: %s", problem);
  zb_test_settle (300);
  zb_test_screenshot (editor, "attendance-before-the-day.png");
  gtk_window_close (GTK_WINDOW (editor));
  zb_test_settle (200);
  g_assert_true (gtk_widget_get_visible (editor));
  gtk_window_close (GTK_WINDOW (editor));
  zb_test_wait_for (no_meeting_editor, NULL, 10);
}

static gboolean
n_items_is (gpointer data)
{
  gpointer *args = data;

  return zb_meeting_editor_get_n_items (args[0]) == GPOINTER_TO_UINT (args[1]);
}

static guint
count_items (ZbTestWindow *f,
             const char   *meeting)
{
  g_autoptr(ZbStore) store = zb_test_open_store (f);
  g_autoptr(GListModel) items = zb_store_list_agenda_items (store, meeting, NULL);

  return g_list_model_get_n_items (items);
}

/* An agenda item is removed with an undo in a toast; undone, it stays;
 * not undone, it is gone once the window closes. */
static void
test_remove_item (ZbTestWindow  *f,
                  gconstpointer  data)
{
  g_autofree char *meeting = NULL;
  GtkWidget *editor = NULL;
  ZbMeetingEditor *e;
  gpointer args[2];

  zb_test_make_roster (f, 12);
  {
    g_autoptr(ZbStore) store = zb_test_open_store (f);

    meeting = add_meeting (store, "lecture", "2026-11-12", "专题党课");
  }
  zb_test_open_roster (f);
  zb_window_open_meeting (f->window, meeting);
  zb_test_wait_for (has_meeting_editor, &editor, 30);
  e = ZB_MEETING_EDITOR (editor);
  zb_meeting_editor_add_item (e);
  args[0] = e;
  args[1] = GUINT_TO_POINTER (2);
  zb_test_wait_for (n_items_is, args, 10);
  zb_test_wait_for (editor_saved, e, 10);
  g_assert_cmpuint (count_items (f, meeting), ==, 2);

  zb_meeting_editor_remove_item (e, 1);
  zb_test_settle (300);
  zb_test_screenshot (editor, "remove-item-undo.png");
  g_assert_true (gtk_widget_activate_action (editor, "editor.undo-remove", NULL));
  zb_test_settle (300);
  g_assert_cmpuint (zb_meeting_editor_get_n_items (e), ==, 2);

  zb_meeting_editor_remove_item (e, 1);
  gtk_window_close (GTK_WINDOW (editor));
  zb_test_wait_for (no_meeting_editor, NULL, 10);
  g_assert_cmpuint (count_items (f, meeting), ==, 1);
}

/* Tab leaves the minutes for the next field instead of typing a tab. */
static void
test_tab_leaves_minutes (ZbTestWindow  *f,
                         gconstpointer  data)
{
  g_autofree char *meeting = NULL;
  GtkWidget *editor = NULL;
  GtkTextView *minutes;
  GListModel *controllers;
  g_autofree char *text = NULL;
  gboolean handled = FALSE;

  zb_test_make_roster (f, 12);
  {
    g_autoptr(ZbStore) store = zb_test_open_store (f);

    meeting = add_meeting (store, "lecture", "2026-11-12", "专题党课");
  }
  zb_test_open_roster (f);
  zb_window_open_meeting (f->window, meeting);
  zb_test_wait_for (has_meeting_editor, &editor, 30);
  minutes = zb_meeting_editor_get_minutes_view (ZB_MEETING_EDITOR (editor));
  gtk_widget_grab_focus (GTK_WIDGET (minutes));
  g_assert_true (gtk_widget_has_focus (GTK_WIDGET (minutes)));

  controllers = gtk_widget_observe_controllers (editor);
  for (guint i = 0; i < g_list_model_get_n_items (controllers) && !handled; i++)
    {
      g_autoptr(GtkEventController) c = g_list_model_get_item (controllers, i);

      if (GTK_IS_EVENT_CONTROLLER_KEY (c) &&
          gtk_event_controller_get_propagation_phase (c) == GTK_PHASE_CAPTURE)
        g_signal_emit_by_name (c, "key-pressed", GDK_KEY_Tab, 0, 0, &handled);
    }
  g_object_unref (controllers);
  g_assert_true (handled);
  g_assert_false (gtk_widget_has_focus (GTK_WIDGET (minutes)));
  text = buffer_text_of (minutes);
  g_assert_null (strchr (text, '\t'));
  gtk_window_destroy (GTK_WINDOW (editor));
}

static char *
stored_date (ZbTestWindow *f,
             const char   *meeting)
{
  g_autoptr(ZbStore) store = zb_test_open_store (f);
  g_autoptr(ZbMeeting) m = zb_store_get_meeting (store, meeting, NULL);

  return g_strdup (zb_meeting_get_date (m));
}

/* A date typed as in an office is stored ISO; one that is no date is
 * named in the header, and the stored one stays. */
static void
test_details_date (ZbTestWindow  *f,
                   gconstpointer  data)
{
  g_autofree char *meeting = NULL, *date = NULL;
  GtkWidget *editor = NULL;
  ZbMeetingEditor *e;
  const char *problem;

  zb_test_make_roster (f, 12);
  {
    g_autoptr(ZbStore) store = zb_test_open_store (f);

    meeting = add_meeting (store, "lecture", "2026-11-12", "专题党课");
  }
  zb_test_open_roster (f);
  zb_window_open_meeting (f->window, meeting);
  zb_test_wait_for (has_meeting_editor, &editor, 30);
  e = ZB_MEETING_EDITOR (editor);

  zb_meeting_details_set_text (zb_meeting_editor_get_details (e), "date", "2026.11.21");
  zb_meeting_details_set_text (zb_meeting_editor_get_details (e), "start", "1430");
  zb_test_wait_for (editor_saved, e, 10);
  date = stored_date (f, meeting);
  g_assert_cmpstr (date, ==, "2026-11-21");
  /* Shown as understood and stored, once saved. */
  g_assert_cmpstr (zb_meeting_details_get_text (zb_meeting_editor_get_details (e), "date"), ==,
                   "2026-11-21");
  g_assert_cmpstr (zb_meeting_details_get_text (zb_meeting_editor_get_details (e), "start"), ==,
                   "14:30");
  zb_test_settle (200);
  zb_test_screenshot (editor, "details-typed-date.png");
  g_assert_null (zb_meeting_editor_get_problem (e));

  zb_meeting_details_set_text (zb_meeting_editor_get_details (e), "date", "2026-13-40");
  zb_test_wait_for (editor_saved, e, 10);
  problem = zb_meeting_editor_get_problem (e);
  g_assert_nonnull (problem);
  g_assert_true (g_str_has_prefix (problem, _("Date")));
  g_assert_nonnull (strstr (problem, _("year-month-day")));
  g_clear_pointer (&date, g_free);
  date = stored_date (f, meeting);
  g_assert_cmpstr (date, ==, "2026-11-21");
  zb_test_settle (200);
  zb_test_screenshot (editor, "details-wrong-date.png");

  zb_meeting_details_set_text (zb_meeting_editor_get_details (e), "date", "20261122");
  zb_meeting_details_set_text (zb_meeting_editor_get_details (e), "title", "十一月专题党课");
  zb_test_wait_for (editor_saved, e, 10);
  g_assert_null (zb_meeting_editor_get_problem (e));
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (editor)), ==, "十一月专题党课");
  /* The expected attendees of the new date are read again. */
  {
    guint expected, present, leave, absent, unmarked;

    zb_attendance_editor_count (zb_meeting_editor_get_attendance_editor (e), &expected, &present,
                                &leave, &absent, &unmarked);
    g_assert_cmpuint (expected, >, 0);
    g_assert_true (gtk_widget_get_parent (GTK_WIDGET (zb_meeting_editor_get_attendance_editor (e)))
                   != NULL);
  }
  gtk_window_close (GTK_WINDOW (editor));
  zb_test_wait_for (no_meeting_editor, NULL, 10);
  g_clear_pointer (&date, g_free);
  date = stored_date (f, meeting);
  g_assert_cmpstr (date, ==, "2026-11-22");
}

int
main (int   argc,
      char *argv[])
{
  zb_test_gui_init (&argc, &argv);

#define ADD(path, func) \
  g_test_add (path, ZbTestWindow, NULL, zb_test_window_set_up, func, zb_test_window_tear_down)

  ADD ("/minutes/meetings-view", test_meetings);
  ADD ("/minutes/editor", test_meeting_editor);
  ADD ("/minutes/new-meeting", test_new_meeting);
  ADD ("/minutes/finalize", test_finalize);
  ADD ("/minutes/editor-during-write", test_editor_during_write);
  ADD ("/minutes/close-at-once", test_close_at_once);
  ADD ("/minutes/whole-meeting", test_whole_meeting);
  ADD ("/minutes/attendance-close-at-once", test_attendance_close_at_once);
  ADD ("/minutes/leave-needs-reason", test_leave_needs_reason);
  ADD ("/minutes/attendance-before-the-day", test_attendance_before_the_day);
  ADD ("/minutes/remove-item", test_remove_item);
  ADD ("/minutes/tab-leaves-minutes", test_tab_leaves_minutes);
  ADD ("/minutes/details-date", test_details_date);

  return g_test_run ();
}
