#define G_LOG_DOMAIN "test-committee"

#include "config.h"

#include <string.h>

#include "zb-committee-window.h"
#include "zb-meeting-editor.h"
#include "zb-member-rules.h"
#include "zb-test-util.h"
#include "zb-test-window.h"

/* Under xvfb-run, in C and zh_CN (issue 9, part C2): the committee entered
 * in the app reaches a committee meeting's attendance; an unfinished first
 * item is marked, listed by 定稿 and each field a click away; a
 * contribution and a measure are removed, and one comes back through its
 * toast. Each test saves screenshots. */

static gboolean
has_editor (gpointer data)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GObject) window = g_list_model_get_item (toplevels, i);

      if (ZB_IS_MEETING_EDITOR (window) && gtk_widget_get_mapped (GTK_WIDGET (window)))
        {
          *(GtkWidget **) data = GTK_WIDGET (window);
          return TRUE;
        }
    }
  return FALSE;
}

/* A mapped message dialog over @data. */
static AdwMessageDialog *
find_dialog (GtkWindow *parent)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GObject) window = g_list_model_get_item (toplevels, i);

      if (ADW_IS_MESSAGE_DIALOG (window) &&
          gtk_window_get_transient_for (GTK_WINDOW (window)) == parent &&
          gtk_widget_get_visible (GTK_WIDGET (window)))
        return ADW_MESSAGE_DIALOG (window);
    }
  return NULL;
}

/* As a click on the response's button: the answer, then the dialog closes. */
static void
respond (AdwMessageDialog *dialog,
         const char       *response)
{
  adw_message_dialog_response (dialog, response);
  gtk_window_close (GTK_WINDOW (dialog));
}

static gboolean
not_busy (gpointer data)
{
  return !zb_committee_window_is_busy (data);
}

static gboolean
editor_saved (gpointer data)
{
  return zb_meeting_editor_is_saved (data);
}

/* Selects @member_id among the form's members, as a click would. */
static void
pick_member (AdwMessageDialog *form,
             const char       *member_id)
{
  GtkListBox *members = g_object_get_data (G_OBJECT (form), "members");
  GtkListBoxRow *row;

  for (guint i = 0; (row = gtk_list_box_get_row_at_index (members, i)) != NULL; i++)
    if (g_strcmp0 (g_object_get_data (G_OBJECT (row), "member-id"), member_id) == 0)
      {
        g_assert_true (gtk_widget_get_child_visible (GTK_WIDGET (row)));
        gtk_list_box_select_row (members, row);
        return;
      }
  g_assert_not_reached ();
}

/* A term added in the committee window: refused without a role, then
 * saved; a committee meeting on a date in the term expects its member. */
static void
test_committee_window (ZbTestWindow  *f,
                       gconstpointer  data)
{
  g_autoptr(ZbStore) store = NULL;
  g_autoptr(ZbMember) member = NULL;
  g_autoptr(GListModel) terms = NULL;
  g_autoptr(ZbCommitteeMember) term = NULL;
  g_autofree char *secretary = NULL, *other = NULL, *meeting = NULL, *later = NULL;
  g_autoptr(GListModel) attendees = NULL;
  g_autoptr(ZbAttendee) attendee = NULL;
  ZbCommitteeWindow *window;
  AdwMessageDialog *form;
  GtkWidget *editor = NULL;
  const char *name;

  zb_test_make_roster (f, 12);
  store = zb_test_open_store (f);
  zb_test_pick_full_members (store, &secretary, &other);
  member = zb_store_get_member (store, secretary, NULL);
  name = zb_member_get (member, ZB_MEMBER_FIELD_NAME);
  zb_test_open_roster (f);

  window = zb_window_show_committee (f->window);
  zb_test_settle (300);
  g_assert_cmpuint (zb_committee_window_get_n_current (window), ==, 0);

  gtk_widget_activate_action (GTK_WIDGET (window), "committee.add", NULL);
  form = find_dialog (GTK_WINDOW (window));
  g_assert_nonnull (form);
  gtk_editable_set_text (g_object_get_data (G_OBJECT (form), "search"), name);
  zb_test_settle (300);
  pick_member (form, secretary);
  gtk_editable_set_text (g_object_get_data (G_OBJECT (form), "from"), "2024年1月15日");
  respond (form, "save");

  /* No role: the form comes back with what was typed and the reason. */
  zb_test_wait_for (not_busy, window, 10);
  form = find_dialog (GTK_WINDOW (window));
  g_assert_nonnull (form);
  g_assert_nonnull (strstr (adw_message_dialog_get_body (form), "书记"));
  g_assert_cmpstr (gtk_editable_get_text (g_object_get_data (G_OBJECT (form), "from")), ==,
                   "2024年1月15日");
  gtk_widget_activate_action (GTK_WIDGET (form), "form.role", "s", "书记");
  g_assert_cmpstr (gtk_editable_get_text (g_object_get_data (G_OBJECT (form), "role")), ==,
                   "书记");
  zb_test_settle (300);
  zb_test_screenshot (GTK_WIDGET (form), "committee-form.png");
  respond (form, "save");
  zb_test_wait_for (not_busy, window, 10);
  zb_test_settle (300);

  g_assert_cmpuint (zb_committee_window_get_n_current (window), ==, 1);
  terms = zb_store_list_committee (store, NULL);
  g_assert_cmpuint (g_list_model_get_n_items (terms), ==, 1);
  term = g_list_model_get_item (terms, 0);
  g_assert_cmpstr (zb_committee_member_get_member_id (term), ==, secretary);
  g_assert_cmpstr (zb_committee_member_get_from_date (term), ==, "2024-01-15");

  /* A second term, ended: it moves to the past terms. */
  g_free (zb_store_add_committee_term (store, other, "组织委员", "2024-01-15", NULL, NULL));
  gtk_window_destroy (GTK_WINDOW (window));
  window = zb_window_show_committee (f->window);
  zb_committee_window_end_term (window, zb_committee_member_get_id (term), "2026-01-14");
  zb_test_wait_for (not_busy, window, 10);
  g_assert_cmpuint (zb_committee_window_get_n_current (window), ==, 1);
  g_assert_cmpuint (zb_committee_window_get_n_past (window), ==, 1);
  zb_test_settle (300);
  zb_test_screenshot (GTK_WIDGET (window), "committee-window.png");
  gtk_window_destroy (GTK_WINDOW (window));

  /* The secretary's term ran in 2025: that committee meeting expects them. */
  meeting = zb_test_add_meeting (store, "committee", "2025-11-05", "十一月支部委员会会议", NULL);
  zb_window_open_meeting (f->window, meeting);
  zb_test_wait_for (has_editor, &editor, 30);
  g_assert_nonnull (zb_meeting_editor_get_attendance_row (ZB_MEETING_EDITOR (editor), secretary));
  g_assert_nonnull (zb_meeting_editor_get_attendance_row (ZB_MEETING_EDITOR (editor), other));
  gtk_window_destroy (GTK_WINDOW (editor));

  /* After the end of the term set in the window, only the other one. */
  later = zb_test_add_meeting (store, "committee", "2026-03-05", "三月支部委员会会议", NULL);
  attendees = zb_store_list_attendees (store, later, NULL);
  g_assert_cmpuint (g_list_model_get_n_items (attendees), ==, 1);
  attendee = g_list_model_get_item (attendees, 0);
  g_assert_cmpstr (zb_attendee_get_member_id (attendee), ==, other);
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
  /* The viewport's origin is where the view is scrolled to now. */
  gtk_adjustment_set_value (adjustment, gtk_adjustment_get_value (adjustment) + point.y - 120);
}

static char *
add_meeting_with_draft (ZbStore    *store,
                        const char *template_name)
{
  g_autoptr(ZbMeeting) meeting = zb_meeting_new ();
  g_autoptr(ZbFirstItem) draft = zb_first_item_new ();
  g_autoptr(ZbFirstItemTemplate) template = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *chair = NULL, *recorder = NULL;
  char *id;

  zb_test_pick_full_members (store, &chair, &recorder);
  template = zb_store_find_first_item_template (store, template_name, &error);
  g_assert_no_error (error);
  zb_first_item_template_apply (template, draft);
  zb_meeting_set_type_code (meeting, "general");
  zb_meeting_set_title (meeting, "第四季度支部党员大会");
  zb_meeting_set_date (meeting, "2026-11-20");
  zb_meeting_set_chair_id (meeting, chair);
  zb_meeting_set_recorder_id (meeting, recorder);
  id = zb_store_add_meeting_with_first_item (store, meeting, draft, &error);
  g_assert_no_error (error);
  return id;
}

static ZbUnfinishedField *
find_field (GPtrArray  *list,
            GtkWidget  *widget)
{
  for (guint i = 0; i < list->len; i++)
    if (((ZbUnfinishedField *) g_ptr_array_index (list, i))->widget == widget)
      return g_ptr_array_index (list, i);
  return NULL;
}

/* The template's prompt left in the topic: the row is marked while it is
 * typed, 定稿 lists it instead of asking to sign, and a click goes to it. */
static void
test_unfinished (ZbTestWindow  *f,
                 gconstpointer  data)
{
  g_autoptr(ZbStore) store = NULL;
  g_autoptr(GPtrArray) unfinished = NULL;
  g_autoptr(ZbMeeting) after = NULL;
  g_autofree char *id = NULL;
  ZbFirstItemEditor *first;
  GtkWidget *editor = NULL, *topic, *list, *focus;
  ZbUnfinishedField *field;
  AdwMessageDialog *dialog;
  GtkListBoxRow *row;

  zb_test_make_roster (f, 12);
  store = zb_test_open_store (f);
  id = add_meeting_with_draft (store, "lead-and-discuss");
  zb_test_open_roster (f);
  zb_window_open_meeting (f->window, id);
  zb_test_wait_for (has_editor, &editor, 30);
  first = zb_meeting_editor_get_first_item_editor (ZB_MEETING_EDITOR (editor));

  /* The topic, the source and the proceedings hold prompts. */
  unfinished = zb_first_item_editor_list_unfinished (first);
  g_assert_cmpuint (unfinished->len, ==, 3);
  topic = ((ZbUnfinishedField *) g_ptr_array_index (unfinished, 0))->widget;
  g_assert_true (gtk_widget_has_css_class (topic, "warning"));
  g_assert_nonnull (strstr (gtk_widget_get_tooltip_text (topic), "请填写"));

  /* Typed over, the mark goes; the proceedings still hold theirs. */
  gtk_editable_set_text (GTK_EDITABLE (((ZbUnfinishedField *) g_ptr_array_index (unfinished,
                                                                                 1))->widget),
                         "人民日报，2026年10月24日");
  g_assert_false (gtk_widget_has_css_class (
                    ((ZbUnfinishedField *) g_ptr_array_index (unfinished, 1))->widget,
                    "warning"));
  g_clear_pointer (&unfinished, g_ptr_array_unref);
  unfinished = zb_first_item_editor_list_unfinished (first);
  g_assert_cmpuint (unfinished->len, ==, 2);
  g_assert_nonnull (find_field (unfinished, topic));
  zb_test_wait_for (editor_saved, editor, 10);
  scroll_to (topic);
  zb_test_settle (300);
  zb_test_screenshot (editor, "first-item-marked.png");

  /* 定稿 lists them instead of asking to sign. */
  gtk_widget_activate_action (editor, "editor.finalize", NULL);
  dialog = find_dialog (GTK_WINDOW (editor));
  g_assert_nonnull (dialog);
  zb_test_settle (500);
  zb_test_screenshot (GTK_WIDGET (dialog), "first-item-unfinished.png");
  list = adw_message_dialog_get_extra_child (dialog);
  g_assert_nonnull (gtk_list_box_get_row_at_index (GTK_LIST_BOX (list), 1));
  g_assert_null (gtk_list_box_get_row_at_index (GTK_LIST_BOX (list), 2));
  row = gtk_list_box_get_row_at_index (GTK_LIST_BOX (list), 0);
  g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)), ==,
                   adw_preferences_row_get_title (ADW_PREFERENCES_ROW (topic)));

  /* A click on the first goes to the topic. */
  adw_action_row_activate (ADW_ACTION_ROW (row));
  zb_test_settle (300);
  g_assert_null (find_dialog (GTK_WINDOW (editor)));
  focus = gtk_window_get_focus (GTK_WINDOW (editor));
  g_assert_nonnull (focus);
  g_assert_true (focus == topic || gtk_widget_is_ancestor (focus, topic));
  after = zb_store_get_meeting (store, id, NULL);
  g_assert_null (zb_meeting_get_finalized_at (after));

  field = find_field (unfinished, topic);
  g_assert_nonnull (field->problem);
  gtk_window_destroy (GTK_WINDOW (editor));
}

/* A button of the toast on screen whose label is @label. */
static GtkWidget *
find_button (GtkWidget  *widget,
             const char *label)
{
  GtkWidget *found = NULL;

  if (GTK_IS_BUTTON (widget) && g_strcmp0 (gtk_button_get_label (GTK_BUTTON (widget)), label) == 0)
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL && found == NULL;
       child = gtk_widget_get_next_sibling (child))
    found = find_button (child, label);
  return found;
}

static GtkWidget *
find_label (GtkWidget  *widget,
            const char *text)
{
  GtkWidget *found = NULL;

  if (GTK_IS_LABEL (widget) && g_strcmp0 (gtk_label_get_text (GTK_LABEL (widget)), text) == 0)
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL && found == NULL;
       child = gtk_widget_get_next_sibling (child))
    found = find_label (child, text);
  return found;
}

/* The Undo button of the toast titled "Measure removed", once it shows. */
static GtkWidget *
measure_undo (GtkWidget *editor)
{
  GtkWidget *title = find_label (editor, g_dgettext (GETTEXT_PACKAGE, "Measure removed"));
  GtkWidget *button = NULL;

  for (GtkWidget *w = title; w != NULL && button == NULL; w = gtk_widget_get_parent (w))
    button = find_button (w, g_dgettext (GETTEXT_PACKAGE, "_Undo"));
  return button;
}

static gboolean
undo_shown (gpointer data)
{
  return measure_undo (data) != NULL;
}

static gboolean
one_decided (gpointer data)
{
  return zb_measures_editor_get_n_decided (data) == 1;
}

static char *
add_measure (ZbStore    *store,
             const char *meeting_id,
             const char *text)
{
  g_autoptr(ZbMeasure) measure = zb_measure_new ();
  g_autoptr(GError) error = NULL;
  char *id;

  zb_measure_set_meeting_id (measure, meeting_id);
  zb_measure_set_text (measure, text);
  zb_measure_set_owner (measure, "组织委员");
  id = zb_store_add_measure (store, measure, &error);
  g_assert_no_error (error);
  return id;
}

static gint64
sql_int (ZbStore    *store,
         const char *format,
         const char *arg)
{
  g_autofree char *sql = g_strdup_printf (format, arg);

  return zb_test_sql_int (store, sql);
}

typedef struct
{
  ZbStore    *store;
  const char *id;
  int         deleted;
} RowState;

static gboolean
measure_is (gpointer data)
{
  RowState *s = data;

  return sql_int (s->store, "SELECT deleted FROM measures WHERE id = '%s'", s->id) == s->deleted;
}

/* A contribution and a measure removed before finalising: each a
 * tombstone; the measure's toast brings it back, the same row. */
static void
test_remove_and_undo (ZbTestWindow  *f,
                      gconstpointer  data)
{
  g_autoptr(ZbStore) store = NULL;
  g_autoptr(ZbFirstItem) written = zb_first_item_new ();
  g_autoptr(ZbFirstItem) saved = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *id = NULL, *kept = NULL, *wrong = NULL, *tomb = NULL;
  GtkWidget *editor = NULL, *row, *undo;
  ZbFirstItemEditor *first;
  ZbMeasuresEditor *measures;
  RowState state;

  zb_test_make_roster (f, 12);
  store = zb_test_open_store (f);
  id = add_meeting_with_draft (store, "lead-and-discuss");
  zb_first_item_set_topic (written, "学习贯彻党的二十届四中全会精神");
  zb_first_item_set_form (written, "领学、研讨");
  zb_first_item_set_participants (written, "支部全体党员");
  zb_first_item_set_proceedings (written, "支部书记领学全会公报，党员逐一交流研讨。");
  zb_first_item_add_contribution (written, "组织委员", "结合发展党员工作，谈如何把好入口关。");
  zb_first_item_add_contribution (written, "宣传委员", "录错的一条发言。");
  zb_first_item_add_contribution (written, "纪检委员", "谈如何把纪律挺在前面。");
  g_assert_true (zb_store_set_first_item_draft (store, id, written, &error));
  kept = add_measure (store, id, "各党小组开展一次专题学习");
  wrong = add_measure (store, id, "录错的举措");

  zb_test_open_roster (f);
  zb_window_open_meeting (f->window, id);
  zb_test_wait_for (has_editor, &editor, 30);
  first = zb_meeting_editor_get_first_item_editor (ZB_MEETING_EDITOR (editor));
  measures = zb_meeting_editor_get_measures_editor (ZB_MEETING_EDITOR (editor));

  /* The contribution: its trash button. */
  row = zb_first_item_editor_get_contribution_row (first, 1);
  g_signal_emit_by_name (g_object_get_data (G_OBJECT (row), "remove-button"), "clicked");
  g_assert_false (gtk_widget_get_visible (row));
  zb_test_wait_for (editor_saved, editor, 10);
  tomb = zb_test_sql_text (store, "SELECT summary FROM first_item_contributions "
                                  "WHERE deleted = 1");
  g_assert_cmpstr (tomb, ==, "录错的一条发言。");
  saved = zb_store_get_first_item (store, id, &error);
  g_assert_cmpuint (zb_first_item_get_contributions (saved)->len, ==, 2);
  scroll_to (row);
  zb_test_settle (300);
  zb_test_screenshot (editor, "contribution-removed.png");

  /* The measure: removed, then its toast's Undo. */
  zb_measures_editor_remove (measures, wrong);
  state = (RowState) { store, wrong, 1 };
  zb_test_wait_for (measure_is, &state, 10);
  zb_test_wait_for (one_decided, measures, 10);
  zb_test_wait_for (undo_shown, editor, 10);
  /* The minutes keep the focus, and the view would scroll back to them. */
  gtk_window_set_focus (GTK_WINDOW (editor), NULL);
  scroll_to (find_label (editor, "各党小组开展一次专题学习"));
  zb_test_settle (300);

  zb_test_screenshot (editor, "measure-removed-undo.png");
  undo = measure_undo (editor);
  g_signal_emit_by_name (undo, "clicked");
  state.deleted = 0;
  zb_test_wait_for (measure_is, &state, 10);
  zb_test_settle (300);
  g_assert_cmpuint (zb_measures_editor_get_n_decided (measures), ==, 2);
  g_assert_cmpint (zb_test_sql_int (store, "SELECT count(*) FROM measures"), ==, 2);
  g_assert_cmpint (sql_int (store, "SELECT deleted FROM measures WHERE id = '%s'", kept), ==, 0);
  gtk_window_destroy (GTK_WINDOW (editor));
}

/* Picks @person_id from the list behind @row's link button, as a click. */
static void
pick_person (GtkWidget  *row,
             const char *person_id)
{
  GtkWidget *button = g_object_get_data (G_OBJECT (row), "link-button");
  GtkListBox *list = g_object_get_data (G_OBJECT (button), "people-list");
  GtkListBoxRow *item;

  /* Not popped up: a popover under Xvfb without a window manager finds no
   * monitor. Its list is filled all the same. */
  g_assert_true (gtk_widget_get_visible (button));
  for (guint i = 0; (item = gtk_list_box_get_row_at_index (list, i)) != NULL; i++)
    if (g_strcmp0 (g_object_get_data (G_OBJECT (item), "person-id"), person_id) == 0)
      {
        g_signal_emit_by_name (list, "row-activated", item);
        return;
      }
  g_assert_not_reached ();
}

/* The leader linked to a guest of the meeting and a speaker to a member:
 * the names stay free text, the links reach the database. */
static void
test_links (ZbTestWindow  *f,
            gconstpointer  data)
{
  g_autoptr(ZbStore) store = NULL;
  g_autoptr(ZbFirstItem) saved = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *id = NULL, *guest = NULL, *chair = NULL, *recorder = NULL;
  g_autoptr(ZbMember) member = NULL;
  GtkWidget *editor = NULL, *leader, *contribution;
  ZbFirstItemEditor *first;
  ZbContribution *c;

  zb_test_make_roster (f, 12);
  store = zb_test_open_store (f);
  id = add_meeting_with_draft (store, "lead-and-discuss");
  g_assert_true (zb_store_add_guest (store, id, "王主任", "上级党委组织部", &error));
  guest = zb_test_sql_text (store, "SELECT id FROM meeting_guests");
  zb_test_pick_full_members (store, &chair, &recorder);
  member = zb_store_get_member (store, recorder, NULL);

  zb_test_open_roster (f);
  zb_window_open_meeting (f->window, id);
  zb_test_wait_for (has_editor, &editor, 30);
  first = zb_meeting_editor_get_first_item_editor (ZB_MEETING_EDITOR (editor));

  leader = zb_first_item_editor_get_leader_row (first);
  gtk_editable_set_text (GTK_EDITABLE (leader), "");
  pick_person (leader, guest);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (leader)), ==, "王主任");
  /* Still free text: the title the record shows is the one typed. */
  gtk_editable_set_text (GTK_EDITABLE (leader), "上级党委组织部王主任");

  contribution = zb_first_item_editor_add_contribution (first, NULL);
  pick_person (contribution, recorder);
  g_assert_true (g_str_has_prefix (gtk_editable_get_text (GTK_EDITABLE (contribution)),
                                   zb_member_get (member, ZB_MEMBER_FIELD_NAME)));
  gtk_editable_insert_text (GTK_EDITABLE (contribution), "谈学习体会。", -1,
                            &(int) { g_utf8_strlen (gtk_editable_get_text (
                                                      GTK_EDITABLE (contribution)), -1) });
  zb_test_settle (300);
  zb_test_screenshot (editor, "first-item-links.png");
  zb_test_wait_for (editor_saved, editor, 10);

  saved = zb_store_get_first_item (store, id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (zb_first_item_get_leader (saved), ==, "上级党委组织部王主任");
  g_assert_cmpstr (zb_first_item_get_leader_id (saved), ==, guest);
  g_assert_cmpuint (zb_first_item_get_contributions (saved)->len, ==, 1);
  c = g_ptr_array_index (zb_first_item_get_contributions (saved), 0);
  g_assert_cmpstr (c->speaker, ==, zb_member_get (member, ZB_MEMBER_FIELD_NAME));
  g_assert_cmpstr (c->summary, ==, "谈学习体会。");
  g_assert_cmpstr (c->speaker_id, ==, recorder);

  /* Unlinked again: the name stays. */
  pick_person (leader, NULL);
  zb_test_wait_for (editor_saved, editor, 10);
  g_clear_object (&saved);
  saved = zb_store_get_first_item (store, id, &error);
  g_assert_null (zb_first_item_get_leader_id (saved));
  g_assert_cmpstr (zb_first_item_get_leader (saved), ==, "上级党委组织部王主任");
  gtk_window_destroy (GTK_WINDOW (editor));
}

int
main (int   argc,
      char *argv[])
{
  zb_test_gui_init (&argc, &argv);

#define ADD(path, func) \
  g_test_add (path, ZbTestWindow, NULL, zb_test_window_set_up, func, zb_test_window_tear_down)

  ADD ("/committee/window", test_committee_window);
  ADD ("/committee/unfinished-first-item", test_unfinished);
  ADD ("/committee/remove-and-undo", test_remove_and_undo);
  ADD ("/committee/links", test_links);

  return g_test_run ();
}
