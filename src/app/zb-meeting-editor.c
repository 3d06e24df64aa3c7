#define G_LOG_DOMAIN "zb-meeting-editor"

#include "config.h"

#include <glib/gi18n.h>

#include "zb-meeting-editor.h"

/* The minutes are typed while the meeting goes on, and a lost word is lost
 * for good: every change reaches the database within a second or two
 * without the user doing anything, and the header says so. */
#define AUTOSAVE_DELAY_MS 1000

struct _ZbMeetingEditor
{
  AdwWindow           parent_instance;

  AdwWindowTitle     *window_title;
  AdwPreferencesPage *page;

  ZbStore            *store;
  ZbMeeting          *meeting;
  ZbAgendaItem       *item;        /* the item whose minutes are being typed */
  GtkTextView        *minutes_view;
  GCancellable       *cancellable;
  guint               autosave_id;
  GHashTable         *attendance;  /* member ID → its attendance row */
  gboolean            dirty;       /* changed since the last save began */
  gboolean            saving;
};

G_DEFINE_FINAL_TYPE (ZbMeetingEditor, zb_meeting_editor, ADW_TYPE_WINDOW)

static void schedule_save (ZbMeetingEditor *self);

static void
show_state (ZbMeetingEditor *self,
            const char      *state)
{
  adw_window_title_set_subtitle (self->window_title, state);
}

static char *
buffer_text (GtkTextView *view)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (view);
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  return gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
}

static void
save_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  GError *error = NULL;

  if (zb_store_update_agenda_item (source_object, task_data, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

static void
save_done_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(ZbMeetingEditor) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GDateTime) now = NULL;
  g_autofree char *time = NULL;
  g_autofree char *state = NULL;

  self->saving = FALSE;
  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        show_state (self, error->message);
      return;
    }

  if (self->dirty)
    {
      schedule_save (self);
      return;
    }

  now = g_date_time_new_now_local ();
  time = g_date_time_format (now, "%H:%M:%S");
  /* TRANSLATORS: the autosave indicator; %s is a time of day */
  state = g_strdup_printf (_("All changes saved at %s"), time);
  show_state (self, state);
}

/* A copy of the item goes to the worker thread: the buffer may change
 * while it is written. */
static gboolean
autosave_cb (gpointer user_data)
{
  ZbMeetingEditor *self = user_data;
  g_autoptr(GTask) task = NULL;
  g_autoptr(ZbAgendaItem) copy = zb_agenda_item_new ();
  g_autofree char *minutes = buffer_text (self->minutes_view);

  self->autosave_id = 0;
  if (self->saving)
    return G_SOURCE_REMOVE;

  zb_agenda_item_set_id (copy, zb_agenda_item_get_id (self->item));
  zb_agenda_item_set_title (copy, zb_agenda_item_get_title (self->item));
  zb_agenda_item_set_resolution (copy, zb_agenda_item_get_resolution (self->item));
  zb_agenda_item_set_minutes (copy, minutes);

  self->dirty = FALSE;
  self->saving = TRUE;
  show_state (self, _("Saving…"));

  task = g_task_new (self->store, self->cancellable, save_done_cb, g_object_ref (self));
  g_task_set_source_tag (task, autosave_cb);
  g_task_set_task_data (task, g_steal_pointer (&copy), g_object_unref);
  g_task_run_in_thread (task, save_thread);
  return G_SOURCE_REMOVE;
}

/* Not reset by further typing: a steady typist is saved every second too. */
static void
schedule_save (ZbMeetingEditor *self)
{
  if (self->autosave_id == 0)
    self->autosave_id = g_timeout_add (AUTOSAVE_DELAY_MS, autosave_cb, self);
}

static void
minutes_changed_cb (ZbMeetingEditor *self)
{
  self->dirty = TRUE;
  show_state (self, _("Unsaved changes"));
  schedule_save (self);
}

static AdwPreferencesGroup *
add_group (ZbMeetingEditor *self,
           const char      *title)
{
  AdwPreferencesGroup *group = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());

  adw_preferences_group_set_title (group, title);
  adw_preferences_page_add (self->page, group);
  return group;
}

static GtkWidget *
create_minutes_view (ZbMeetingEditor *self,
                     const char      *text)
{
  GtkWidget *frame = gtk_frame_new (NULL);
  GtkWidget *view = gtk_text_view_new ();

  gtk_text_view_set_wrap_mode (GTK_TEXT_VIEW (view), GTK_WRAP_WORD_CHAR);
  gtk_text_view_set_top_margin (GTK_TEXT_VIEW (view), 12);
  gtk_text_view_set_bottom_margin (GTK_TEXT_VIEW (view), 12);
  gtk_text_view_set_left_margin (GTK_TEXT_VIEW (view), 12);
  gtk_text_view_set_right_margin (GTK_TEXT_VIEW (view), 12);
  gtk_widget_set_size_request (view, -1, 320);
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (GTK_TEXT_VIEW (view)), text ? text : "", -1);
  g_signal_connect_object (gtk_text_view_get_buffer (GTK_TEXT_VIEW (view)), "changed",
                           G_CALLBACK (minutes_changed_cb), self, G_CONNECT_SWAPPED);
  gtk_frame_set_child (GTK_FRAME (frame), view);
  self->minutes_view = GTK_TEXT_VIEW (view);
  return frame;
}

static void
add_fact (AdwPreferencesGroup *group,
          const char          *label,
          const char          *value)
{
  GtkWidget *row;

  if (value == NULL)
    return;

  row = adw_action_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), label);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), value);
  gtk_widget_add_css_class (row, "property");
  adw_preferences_group_add (group, row);
}

/* The first agenda item (第一议题), as recorded for this meeting. */
static void
add_first_item (ZbMeetingEditor *self)
{
  g_autoptr(ZbFirstItem) first = zb_store_get_first_item (self->store,
                                                          zb_meeting_get_id (self->meeting),
                                                          NULL);
  AdwPreferencesGroup *group;
  GPtrArray *contributions;

  if (first == NULL)
    return;

  group = add_group (self, _("First Agenda Item"));
  add_fact (group, _("Study topic"), zb_first_item_get_topic (first));
  add_fact (group, _("Form"), zb_first_item_get_form (first));
  add_fact (group, _("Source"), zb_first_item_get_source (first));
  add_fact (group, _("Leading reader"), zb_first_item_get_leader (first));
  add_fact (group, _("Participants"), zb_first_item_get_participants (first));
  add_fact (group, _("Account of the proceedings"), zb_first_item_get_proceedings (first));

  contributions = zb_first_item_get_contributions (first);
  for (guint i = 0; i < contributions->len; i++)
    {
      ZbContribution *c = g_ptr_array_index (contributions, i);
      add_fact (group, c->speaker, c->summary);
    }
}

static const char *attendance_states[] = { NULL, "present", "leave", "absent" };

static void
attendance_saved_cb (GObject      *object,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  g_autoptr(ZbMeetingEditor) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!g_task_propagate_boolean (G_TASK (result), &error) &&
      !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    show_state (self, error->message);
}

static void
attendance_thread (GTask        *task,
                   gpointer      source_object,
                   gpointer      task_data,
                   GCancellable *cancellable)
{
  char **args = task_data;   /* meeting, member, state, reason */
  GError *error = NULL;

  if (zb_store_set_attendance (source_object, args[0], args[1], args[2], args[3], &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

/* Each change of attendance is saved at once, off the main thread. Leave
 * needs its reason (DOMAIN.md section 2): the row's reason field gives it. */
static void
attendance_changed_cb (AdwComboRow     *row,
                       GParamSpec      *pspec,
                       ZbMeetingEditor *self)
{
  guint selected = adw_combo_row_get_selected (row);
  GtkEditable *reason = g_object_get_data (G_OBJECT (row), "reason");
  g_autoptr(GTask) task = NULL;
  char **args;

  gtk_widget_set_visible (GTK_WIDGET (reason), selected >= 2);
  if (selected == 0 || selected >= G_N_ELEMENTS (attendance_states))
    return;
  if (selected == 2 && *gtk_editable_get_text (reason) == '\0')
    {
      show_state (self, _("Give the reason for the leave"));
      gtk_widget_grab_focus (GTK_WIDGET (reason));
      return;
    }

  args = g_new0 (char *, 5);
  args[0] = g_strdup (zb_meeting_get_id (self->meeting));
  args[1] = g_strdup (g_object_get_data (G_OBJECT (row), "member-id"));
  args[2] = g_strdup (attendance_states[selected]);
  args[3] = g_strdup (gtk_editable_get_text (reason));

  task = g_task_new (self->store, self->cancellable, attendance_saved_cb, g_object_ref (self));
  g_task_set_source_tag (task, attendance_changed_cb);
  g_task_set_task_data (task, args, (GDestroyNotify) g_strfreev);
  g_task_run_in_thread (task, attendance_thread);
}

static void
reason_applied_cb (GtkEditable *reason,
                   AdwComboRow *row)
{
  g_object_notify (G_OBJECT (row), "selected");
}

static guint
state_index (const char *state)
{
  for (guint i = 1; i < G_N_ELEMENTS (attendance_states); i++)
    if (g_strcmp0 (state, attendance_states[i]) == 0)
      return i;

  return 0;
}

static GtkWidget *
attendee_row (ZbMeetingEditor     *self,
              ZbAttendee          *attendee,
              AdwPreferencesGroup *group)
{
  g_autoptr(GtkStringList) labels = gtk_string_list_new (NULL);
  GtkWidget *row = adw_combo_row_new ();
  GtkWidget *reason = adw_entry_row_new ();

  for (guint i = 0; i < G_N_ELEMENTS (attendance_states); i++)
    gtk_string_list_append (labels, zb_attendance_label (attendance_states[i]));

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), zb_attendee_get_name (attendee));
  adw_combo_row_set_model (ADW_COMBO_ROW (row), G_LIST_MODEL (labels));
  adw_combo_row_set_selected (ADW_COMBO_ROW (row), state_index (zb_attendee_get_state (attendee)));

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (reason), _("Reason"));
  gtk_editable_set_text (GTK_EDITABLE (reason), zb_attendee_get_reason (attendee) ?: "");
  adw_entry_row_set_show_apply_button (ADW_ENTRY_ROW (reason), TRUE);
  gtk_widget_set_visible (reason, adw_combo_row_get_selected (ADW_COMBO_ROW (row)) >= 2);

  g_object_set_data_full (G_OBJECT (row), "member-id",
                          g_strdup (zb_attendee_get_member_id (attendee)), g_free);
  g_object_set_data (G_OBJECT (row), "reason", reason);
  g_signal_connect_object (row, "notify::selected", G_CALLBACK (attendance_changed_cb), self, 0);
  g_signal_connect_object (reason, "apply", G_CALLBACK (reason_applied_cb), row, 0);

  g_hash_table_insert (self->attendance, g_strdup (zb_attendee_get_member_id (attendee)), row);
  adw_preferences_group_add (group, row);
  return reason;
}

static void
add_attendance (ZbMeetingEditor *self)
{
  g_autoptr(GListModel) attendees = zb_store_list_attendees (self->store,
                                                             zb_meeting_get_id (self->meeting),
                                                             NULL);
  AdwPreferencesGroup *group = add_group (self, _("Attendance"));

  for (guint i = 0; attendees && i < g_list_model_get_n_items (attendees); i++)
    {
      g_autoptr(ZbAttendee) a = g_list_model_get_item (attendees, i);

      adw_preferences_group_add (group, attendee_row (self, a, group));
    }
}

static void
add_open_measures (ZbMeetingEditor *self)
{
  g_autoptr(GListModel) measures =
    zb_store_list_carried_measures (self->store, zb_meeting_get_id (self->meeting), NULL);
  AdwPreferencesGroup *group;

  if (measures == NULL || g_list_model_get_n_items (measures) == 0)
    return;

  group = add_group (self, _("Open Measures from Earlier Meetings"));
  for (guint i = 0; i < g_list_model_get_n_items (measures); i++)
    {
      g_autoptr(ZbMeasure) m = g_list_model_get_item (measures, i);
      GtkWidget *row = adw_action_row_new ();
      g_autofree char *subtitle = g_strdup_printf ("%s · %s · %s", zb_measure_get_meeting_date (m),
                                                   zb_measure_get_owner (m) ?: "",
                                                   zb_measure_get_due_date (m) ?: "");

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), zb_measure_get_text (m));
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
      adw_preferences_group_add (group, row);
    }
}

/* The meeting's first agenda item gets a minutes editor at once: a new
 * meeting starts with one item, so there is always somewhere to type. */
static gboolean
load_item (ZbMeetingEditor  *self,
           GError          **error)
{
  g_autoptr(GListModel) items = zb_store_list_agenda_items (self->store,
                                                            zb_meeting_get_id (self->meeting),
                                                            error);
  g_autofree char *id = NULL;

  if (items == NULL)
    return FALSE;
  if (g_list_model_get_n_items (items) > 0)
    {
      self->item = g_list_model_get_item (items, 0);
      return TRUE;
    }

  self->item = zb_agenda_item_new ();
  zb_agenda_item_set_meeting_id (self->item, zb_meeting_get_id (self->meeting));
  zb_agenda_item_set_title (self->item, _("Proceedings of the meeting"));
  id = zb_store_add_agenda_item (self->store, self->item, error);
  return id != NULL;
}

static void
build (ZbMeetingEditor *self)
{
  AdwPreferencesGroup *group;

  add_first_item (self);
  group = add_group (self, zb_agenda_item_get_title (self->item));
  adw_preferences_group_set_description (group, _("Minutes: saved as you type"));
  adw_preferences_group_add (group,
                             create_minutes_view (self, zb_agenda_item_get_minutes (self->item)));
  add_open_measures (self);
  add_attendance (self);
}

static gboolean
zb_meeting_editor_close_request (GtkWindow *window)
{
  ZbMeetingEditor *self = ZB_MEETING_EDITOR (window);

  /* Closing saves what is left, on the main thread this once. */
  if (self->dirty && self->item != NULL)
    {
      g_autofree char *minutes = buffer_text (self->minutes_view);

      zb_agenda_item_set_minutes (self->item, minutes);
      zb_store_update_agenda_item (self->store, self->item, NULL);
    }

  return GTK_WINDOW_CLASS (zb_meeting_editor_parent_class)->close_request (window);
}

static void
zb_meeting_editor_dispose (GObject *object)
{
  ZbMeetingEditor *self = (ZbMeetingEditor *)object;

  g_clear_handle_id (&self->autosave_id, g_source_remove);
  g_cancellable_cancel (self->cancellable);
  gtk_widget_dispose_template (GTK_WIDGET (self), ZB_TYPE_MEETING_EDITOR);
  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->attendance, g_hash_table_unref);
  g_clear_object (&self->item);
  g_clear_object (&self->meeting);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (zb_meeting_editor_parent_class)->dispose (object);
}

static void
zb_meeting_editor_class_init (ZbMeetingEditorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = zb_meeting_editor_dispose;
  GTK_WINDOW_CLASS (klass)->close_request = zb_meeting_editor_close_request;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/zhibu/Zhibu/ui/zb-meeting-editor.ui");
  gtk_widget_class_bind_template_child (widget_class, ZbMeetingEditor, window_title);
  gtk_widget_class_bind_template_child (widget_class, ZbMeetingEditor, page);
}

static void
zb_meeting_editor_init (ZbMeetingEditor *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->cancellable = g_cancellable_new ();
  self->attendance = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
}

ZbMeetingEditor *
zb_meeting_editor_new (ZbStore     *store,
                       const char  *meeting_id,
                       GError     **error)
{
  ZbMeetingEditor *self = g_object_new (ZB_TYPE_MEETING_EDITOR, NULL);

  self->store = g_object_ref (store);
  self->meeting = zb_store_get_meeting (store, meeting_id, error);
  if (self->meeting == NULL || !load_item (self, error))
    {
      gtk_window_destroy (GTK_WINDOW (self));
      return NULL;
    }

  gtk_window_set_title (GTK_WINDOW (self), zb_meeting_get_title (self->meeting));
  adw_window_title_set_title (self->window_title, zb_meeting_get_title (self->meeting));
  show_state (self, _("All changes saved"));
  build (self);
  gtk_widget_grab_focus (GTK_WIDGET (self->minutes_view));
  return self;
}

GtkTextView *
zb_meeting_editor_get_minutes_view (ZbMeetingEditor *self)
{
  return self->minutes_view;
}

gboolean
zb_meeting_editor_is_saved (ZbMeetingEditor *self)
{
  return !self->dirty && !self->saving && self->autosave_id == 0;
}

GtkWidget *
zb_meeting_editor_get_attendance_row (ZbMeetingEditor *self,
                                      const char      *member_id)
{
  return g_hash_table_lookup (self->attendance, member_id);
}
