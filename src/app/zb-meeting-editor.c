#define G_LOG_DOMAIN "zb-meeting-editor"

#include "config.h"

#include <glib/gi18n.h>

#include "zb-meeting-editor.h"

/* The minutes are typed while the meeting goes on, and a lost word is lost
 * for good: every change reaches the database within a second or two
 * without the user doing anything, and the header says so. */
#define AUTOSAVE_DELAY_MS 1000

/* One agenda item (议题) as it is typed: its title, minutes and resolution. */
typedef struct
{
  ZbAgendaItem *item;
  AdwEntryRow  *title;
  GtkTextView  *minutes;
  AdwEntryRow  *resolution;
  gboolean      dirty;
} ItemWidgets;

struct _ZbMeetingEditor
{
  AdwWindow          parent_instance;

  AdwToastOverlay   *toast_overlay;
  AdwWindowTitle    *window_title;
  GtkWidget         *add_item_button;
  GtkWidget         *finalize_button;
  GtkWidget         *addendum_button;
  GtkRevealer       *final_revealer;
  GtkLabel          *final_label;
  GtkBox            *content;

  ZbStore           *store;
  ZbMeeting         *meeting;
  GCancellable      *cancellable;
  GPtrArray         *items;         /* of ItemWidgets, in agenda order */
  GtkWidget         *agenda_box;
  ZbFirstItemEditor *first_editor;  /* NULL when the type has no first item */
  ZbMeasuresEditor  *measures_editor;
  GHashTable        *attendance;    /* member ID → its attendance row */
  guint              autosave_id;
  gboolean           first_dirty;
  gboolean           adding_row;    /* the first agenda item's row is being written */
  gboolean           saving;
  gboolean           final;
};

G_DEFINE_FINAL_TYPE (ZbMeetingEditor, zb_meeting_editor, ADW_TYPE_WINDOW)

enum {
  OPEN_MEETING,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void schedule_save (ZbMeetingEditor *self);

static void
item_widgets_free (ItemWidgets *w)
{
  g_clear_object (&w->item);
  g_free (w);
}

static void
show_state (ZbMeetingEditor *self,
            const char      *state)
{
  adw_window_title_set_subtitle (self->window_title, state);
}

static void
show_error (ZbMeetingEditor *self,
            const GError    *error)
{
  adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (error->message));
}

static char *
buffer_text (GtkTextView *view)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (view);
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  return gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
}

/* The item as its widgets hold it now: a copy, because the worker thread
 * writes it while the user goes on typing. */
static ZbAgendaItem *
read_item (ItemWidgets *w)
{
  ZbAgendaItem *copy = zb_agenda_item_new ();
  g_autofree char *minutes = buffer_text (w->minutes);

  zb_agenda_item_set_id (copy, zb_agenda_item_get_id (w->item));
  zb_agenda_item_set_meeting_id (copy, zb_agenda_item_get_meeting_id (w->item));
  zb_agenda_item_set_title (copy, gtk_editable_get_text (GTK_EDITABLE (w->title)));
  zb_agenda_item_set_minutes (copy, minutes);
  zb_agenda_item_set_resolution (copy, gtk_editable_get_text (GTK_EDITABLE (w->resolution)));
  return copy;
}

typedef struct
{
  char        *meeting_id;
  GPtrArray   *items;   /* of ZbAgendaItem */
  ZbFirstItem *first;
} SaveJob;

static void
save_job_free (SaveJob *job)
{
  g_free (job->meeting_id);
  g_ptr_array_unref (job->items);
  g_clear_object (&job->first);
  g_free (job);
}

/* Takes what changed since the last save; @all takes everything. */
static SaveJob *
take_changes (ZbMeetingEditor *self,
              gboolean         all)
{
  SaveJob *job = g_new0 (SaveJob, 1);

  job->meeting_id = g_strdup (zb_meeting_get_id (self->meeting));
  job->items = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint i = 0; i < self->items->len; i++)
    {
      ItemWidgets *w = g_ptr_array_index (self->items, i);

      /* An item whose row is still being written waits for it, dirty. */
      if (zb_agenda_item_get_id (w->item) == NULL)
        continue;
      if (w->dirty || all)
        g_ptr_array_add (job->items, read_item (w));
      w->dirty = FALSE;
    }
  if (self->first_editor != NULL && (self->first_dirty || all))
    job->first = zb_first_item_editor_read (self->first_editor);
  self->first_dirty = FALSE;
  return job;
}

/* A save that failed gives its changes back, so the next one retries them. */
static void
give_back (ZbMeetingEditor *self,
           SaveJob         *job)
{
  for (guint i = 0; i < job->items->len; i++)
    {
      const char *id = zb_agenda_item_get_id (g_ptr_array_index (job->items, i));

      for (guint j = 0; j < self->items->len; j++)
        {
          ItemWidgets *w = g_ptr_array_index (self->items, j);

          if (g_strcmp0 (zb_agenda_item_get_id (w->item), id) == 0)
            w->dirty = TRUE;
        }
    }
  self->first_dirty |= job->first != NULL;
}

static gboolean
has_changes (ZbMeetingEditor *self)
{
  for (guint i = 0; i < self->items->len; i++)
    if (((ItemWidgets *) g_ptr_array_index (self->items, i))->dirty)
      return TRUE;

  return self->first_dirty;
}

static gboolean
save_call (ZbStore  *store,
           gpointer  data,
           GError  **error)
{
  SaveJob *job = data;

  return zb_store_save_minutes (store, job->meeting_id, job->items, job->first, error);
}

static void
saved_cb (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(ZbMeetingEditor) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GDateTime) now = NULL;
  g_autofree char *time = NULL;
  g_autofree char *state = NULL;

  self->saving = FALSE;
  if (!zb_store_call_finish (ZB_STORE (object), result, &error))
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      give_back (self, zb_store_call_get_data (result));
      show_state (self, error->message);
      return;
    }
  if (has_changes (self))
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

static gboolean
autosave_cb (gpointer user_data)
{
  ZbMeetingEditor *self = user_data;

  self->autosave_id = 0;
  if (self->saving)
    return G_SOURCE_REMOVE;

  self->saving = TRUE;
  show_state (self, _("Saving…"));
  zb_store_call_async (self->store, save_call, take_changes (self, FALSE),
                       (GDestroyNotify) save_job_free, self->cancellable, saved_cb,
                       g_object_ref (self));
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
item_changed_cb (GObject         *source,
                 ZbMeetingEditor *self)
{
  ItemWidgets *w = g_object_get_data (source, "item-widgets");

  w->dirty = TRUE;
  show_state (self, _("Unsaved changes"));
  schedule_save (self);
}

static void
first_item_changed_cb (ZbMeetingEditor *self)
{
  self->first_dirty = TRUE;
  show_state (self, _("Unsaved changes"));
  schedule_save (self);
}

static AdwPreferencesGroup *
add_group (ZbMeetingEditor *self,
           const char      *title)
{
  GtkWidget *group = adw_preferences_group_new ();

  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), title);
  gtk_box_append (self->content, group);
  return ADW_PREFERENCES_GROUP (group);
}

static GtkWidget *
boxed_list (GtkWidget *row)
{
  GtkWidget *list = gtk_list_box_new ();

  gtk_list_box_set_selection_mode (GTK_LIST_BOX (list), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (list, "boxed-list");
  gtk_list_box_append (GTK_LIST_BOX (list), row);
  return list;
}

static GtkWidget *
minutes_view (const char *text)
{
  GtkWidget *view = gtk_text_view_new ();

  gtk_text_view_set_wrap_mode (GTK_TEXT_VIEW (view), GTK_WRAP_WORD_CHAR);
  gtk_text_view_set_top_margin (GTK_TEXT_VIEW (view), 12);
  gtk_text_view_set_bottom_margin (GTK_TEXT_VIEW (view), 12);
  gtk_text_view_set_left_margin (GTK_TEXT_VIEW (view), 12);
  gtk_text_view_set_right_margin (GTK_TEXT_VIEW (view), 12);
  gtk_widget_set_size_request (view, -1, 320);
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (GTK_TEXT_VIEW (view)), text ? text : "", -1);
  gtk_accessible_update_property (GTK_ACCESSIBLE (view), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Minutes"), -1);
  return view;
}

static void
watch (ZbMeetingEditor *self,
       gpointer         source,
       const char      *signal,
       ItemWidgets     *w)
{
  g_object_set_data (G_OBJECT (source), "item-widgets", w);
  g_signal_connect_object (source, signal, G_CALLBACK (item_changed_cb), self, 0);
}

/* 议题 N: its title, a large minutes editor (发言记录), its resolution (决议). */
static ItemWidgets *
append_item (ZbMeetingEditor *self,
             ZbAgendaItem    *item)
{
  ItemWidgets *w = g_new0 (ItemWidgets, 1);
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  GtkWidget *frame = gtk_frame_new (NULL);
  /* TRANSLATORS: the heading of an agenda item; %u is its number */
  g_autofree char *heading = g_strdup_printf (_("Agenda Item %u"), self->items->len + 1);
  GtkWidget *label = gtk_label_new (heading);

  w->item = g_object_ref (item);
  w->title = ADW_ENTRY_ROW (adw_entry_row_new ());
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (w->title), _("Subject of the item"));
  gtk_editable_set_text (GTK_EDITABLE (w->title), zb_agenda_item_get_title (item) ?: "");
  w->minutes = GTK_TEXT_VIEW (minutes_view (zb_agenda_item_get_minutes (item)));
  w->resolution = ADW_ENTRY_ROW (adw_entry_row_new ());
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (w->resolution), _("Resolution"));
  gtk_editable_set_text (GTK_EDITABLE (w->resolution), zb_agenda_item_get_resolution (item) ?: "");

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_widget_add_css_class (label, "heading");
  gtk_frame_set_child (GTK_FRAME (frame), GTK_WIDGET (w->minutes));
  gtk_box_append (GTK_BOX (box), label);
  gtk_box_append (GTK_BOX (box), boxed_list (GTK_WIDGET (w->title)));
  gtk_box_append (GTK_BOX (box), frame);
  gtk_box_append (GTK_BOX (box), boxed_list (GTK_WIDGET (w->resolution)));
  gtk_box_append (GTK_BOX (self->agenda_box), box);

  watch (self, w->title, "changed", w);
  watch (self, gtk_text_view_get_buffer (w->minutes), "changed", w);
  watch (self, w->resolution, "changed", w);
  g_ptr_array_add (self->items, w);
  return w;
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

static char *
member_name (ZbMeetingEditor *self,
             const char      *member_id)
{
  g_autoptr(ZbMember) member = NULL;

  if (member_id == NULL || (member = zb_store_get_member (self->store, member_id, NULL)) == NULL)
    return NULL;
  return g_strdup (zb_member_get (member, ZB_MEMBER_FIELD_NAME));
}

static void
add_details (ZbMeetingEditor *self)
{
  ZbMeeting *m = self->meeting;
  const ZbMeetingType *type = zb_meeting_type_lookup (zb_meeting_get_type_code (m));
  AdwPreferencesGroup *group = add_group (self, _("Meeting"));
  g_autofree char *chair = member_name (self, zb_meeting_get_chair_id (m));
  g_autofree char *recorder = member_name (self, zb_meeting_get_recorder_id (m));
  g_autofree char *when = g_strjoin (" ", zb_meeting_get_date (m),
                                     zb_meeting_get_start_time (m) ?: "",
                                     zb_meeting_get_end_time (m) ?: "", NULL);

  add_fact (group, _("Type"), type ? _(type->label) : NULL);
  if (zb_meeting_get_addendum_of (m) != NULL)
    {
      g_autoptr(ZbMeeting) original = zb_store_get_meeting (self->store,
                                                            zb_meeting_get_addendum_of (m), NULL);

      add_fact (group, _("Corrects"), original ? zb_meeting_get_title (original) : NULL);
    }
  add_fact (group, _("Date and time"), g_strstrip (when));
  add_fact (group, _("Place"), zb_meeting_get_place (m));
  add_fact (group, _("Party group"), zb_meeting_get_party_group (m));
  add_fact (group, _("Chair"), chair ? chair : _("Not yet chosen"));
  add_fact (group, _("Recorder"), recorder ? recorder : _("Not yet chosen"));
}

/* A general, committee or group meeting opens with its first item; one
 * recorded from the command line for another type is shown too. */
static void
add_first_item (ZbMeetingEditor *self)
{
  const ZbMeetingType *type = zb_meeting_type_lookup (zb_meeting_get_type_code (self->meeting));
  g_autoptr(ZbFirstItem) first = zb_store_get_first_item (self->store,
                                                          zb_meeting_get_id (self->meeting),
                                                          NULL);

  if (first == NULL && (type == NULL || !type->first_item))
    return;

  self->first_editor = ZB_FIRST_ITEM_EDITOR (zb_first_item_editor_new ());
  zb_first_item_editor_set_store (self->first_editor, self->store,
                                  zb_meeting_get_id (self->meeting));
  if (first != NULL)
    zb_first_item_editor_set_item (self->first_editor, first);
  g_signal_connect_object (self->first_editor, "changed", G_CALLBACK (first_item_changed_cb),
                           self, G_CONNECT_SWAPPED);
  gtk_box_append (self->content, GTK_WIDGET (self->first_editor));
}

static const char *attendance_states[] = { NULL, "present", "leave", "absent" };

typedef struct
{
  char *meeting_id;
  char *member_id;
  char *state;
  char *reason;
} AttendanceJob;

static void
attendance_job_free (AttendanceJob *job)
{
  g_free (job->meeting_id);
  g_free (job->member_id);
  g_free (job->state);
  g_free (job->reason);
  g_free (job);
}

static gboolean
attendance_call (ZbStore  *store,
                 gpointer  data,
                 GError  **error)
{
  AttendanceJob *job = data;

  return zb_store_set_attendance (store, job->meeting_id, job->member_id, job->state,
                                  job->reason, error);
}

static void
attendance_saved_cb (GObject      *object,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  g_autoptr(ZbMeetingEditor) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!zb_store_call_finish (ZB_STORE (object), result, &error) &&
      !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    show_error (self, error);
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
  AttendanceJob *job;

  gtk_widget_set_visible (GTK_WIDGET (reason), selected >= 2);
  if (selected == 0 || selected >= G_N_ELEMENTS (attendance_states))
    return;
  if (selected == 2 && *gtk_editable_get_text (reason) == '\0')
    {
      show_state (self, _("Give the reason for the leave"));
      gtk_widget_grab_focus (GTK_WIDGET (reason));
      return;
    }

  job = g_new0 (AttendanceJob, 1);
  job->meeting_id = g_strdup (zb_meeting_get_id (self->meeting));
  job->member_id = g_strdup (g_object_get_data (G_OBJECT (row), "member-id"));
  job->state = g_strdup (attendance_states[selected]);
  job->reason = g_strdup (gtk_editable_get_text (reason));
  zb_store_call_async (self->store, attendance_call, job, (GDestroyNotify) attendance_job_free,
                       self->cancellable, attendance_saved_cb, g_object_ref (self));
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

static gboolean
add_item_call (ZbStore  *store,
               gpointer  data,
               GError  **error)
{
  g_autofree char *id = zb_store_add_agenda_item (store, data, error);

  return id != NULL;
}

/* The first item's row exists now: what was typed meanwhile is saved. */
static void
first_item_added_cb (GObject      *object,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  g_autoptr(ZbMeetingEditor) self = user_data;
  g_autoptr(GError) error = NULL;
  ZbAgendaItem *added = zb_store_call_get_data (result);
  ItemWidgets *w;

  self->adding_row = FALSE;
  if (!zb_store_call_finish (ZB_STORE (object), result, &error))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        show_error (self, error);
      return;
    }

  w = g_ptr_array_index (self->items, 0);
  zb_agenda_item_set_id (w->item, zb_agenda_item_get_id (added));
  if (w->dirty)
    schedule_save (self);
}

/* A new meeting starts with one item, so there is always somewhere to
 * type; its row is written by a worker, and typing may begin at once. */
static gboolean
load_items (ZbMeetingEditor  *self,
            GError          **error)
{
  g_autoptr(GListModel) items = zb_store_list_agenda_items (self->store,
                                                            zb_meeting_get_id (self->meeting),
                                                            error);
  g_autoptr(ZbAgendaItem) item = NULL;
  ZbAgendaItem *copy;

  if (items == NULL)
    return FALSE;
  for (guint i = 0; i < g_list_model_get_n_items (items); i++)
    {
      g_autoptr(ZbAgendaItem) each = g_list_model_get_item (items, i);

      append_item (self, each);
    }
  if (self->items->len > 0 || self->final)
    return TRUE;

  item = zb_agenda_item_new ();
  zb_agenda_item_set_meeting_id (item, zb_meeting_get_id (self->meeting));
  zb_agenda_item_set_title (item, _("Proceedings of the meeting"));
  append_item (self, item);

  copy = zb_agenda_item_new ();
  zb_agenda_item_set_meeting_id (copy, zb_meeting_get_id (self->meeting));
  zb_agenda_item_set_title (copy, zb_agenda_item_get_title (item));
  self->adding_row = TRUE;
  zb_store_call_async (self->store, add_item_call, copy, g_object_unref, self->cancellable,
                       first_item_added_cb, g_object_ref (self));
  return TRUE;
}

static void
set_editable (ZbMeetingEditor *self,
              gboolean         editable)
{
  GHashTableIter iter;
  gpointer row;

  for (guint i = 0; i < self->items->len; i++)
    {
      ItemWidgets *w = g_ptr_array_index (self->items, i);

      gtk_editable_set_editable (GTK_EDITABLE (w->title), editable);
      gtk_text_view_set_editable (w->minutes, editable);
      gtk_editable_set_editable (GTK_EDITABLE (w->resolution), editable);
    }
  if (self->first_editor != NULL)
    zb_first_item_editor_set_editable (self->first_editor, editable);
  zb_measures_editor_set_editable (self->measures_editor, editable);
  g_hash_table_iter_init (&iter, self->attendance);
  while (g_hash_table_iter_next (&iter, NULL, &row))
    gtk_widget_set_sensitive (row, editable);
  gtk_widget_set_visible (self->add_item_button, editable);
  gtk_widget_set_visible (self->finalize_button, editable);
  gtk_widget_set_visible (self->addendum_button, !editable);
}

/* The stored UTC timestamp, in the local calendar and clock. */
static char *
format_local (const char *iso)
{
  g_autoptr(GDateTime) utc = iso ? g_date_time_new_from_iso8601 (iso, NULL) : NULL;
  g_autoptr(GDateTime) local = utc ? g_date_time_to_local (utc) : NULL;

  return local ? g_date_time_format (local, "%Y-%m-%d %H:%M") : g_strdup (iso ? iso : "");
}

static void
show_final (ZbMeetingEditor *self,
            const char      *finalized_at)
{
  g_autofree char *when = format_local (finalized_at);
  /* TRANSLATORS: %s is the date and time the minutes were finalised */
  g_autofree char *text = g_strdup_printf (_("Finalised on %s and signed by the chair and the "
                                             "recorder. The record can no longer be changed; "
                                             "a correction is recorded as an addendum."), when);

  self->final = TRUE;
  gtk_label_set_text (self->final_label, text);
  gtk_revealer_set_reveal_child (self->final_revealer, TRUE);
  show_state (self, _("Finalised"));
  set_editable (self, FALSE);
}

static void
build (ZbMeetingEditor *self)
{
  AdwPreferencesGroup *group;

  add_details (self);
  add_first_item (self);
  group = add_group (self, _("Agenda"));
  adw_preferences_group_set_description (group, _("Minutes: saved as you type"));
  self->agenda_box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 24);
  gtk_box_append (self->content, self->agenda_box);
  self->measures_editor = ZB_MEASURES_EDITOR (zb_measures_editor_new (self->store,
                                                                      zb_meeting_get_id (self->meeting)));
  gtk_box_append (self->content, GTK_WIDGET (self->measures_editor));
  add_attendance (self);
}

static void
item_added_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(ZbMeetingEditor) self = user_data;
  g_autoptr(GError) error = NULL;
  ItemWidgets *w;

  if (!zb_store_call_finish (ZB_STORE (object), result, &error))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        show_error (self, error);
      return;
    }

  w = append_item (self, zb_store_call_get_data (result));
  gtk_widget_grab_focus (GTK_WIDGET (w->title));
}

void
zb_meeting_editor_add_item (ZbMeetingEditor *self)
{
  ZbAgendaItem *item = zb_agenda_item_new ();
  /* TRANSLATORS: the title a new agenda item starts with; %u is its number */
  g_autofree char *title = g_strdup_printf (_("Agenda item %u"), self->items->len + 1);

  g_return_if_fail (!self->final);

  zb_agenda_item_set_meeting_id (item, zb_meeting_get_id (self->meeting));
  zb_agenda_item_set_title (item, title);
  zb_store_call_async (self->store, add_item_call, item, g_object_unref, self->cancellable,
                       item_added_cb, g_object_ref (self));
}

static void
add_item_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  zb_meeting_editor_add_item (ZB_MEETING_EDITOR (widget));
}

/* Everything typed is saved first, in the same worker call, so that what
 * is signed is what is on the screen. */
static gboolean
finalize_call (ZbStore  *store,
               gpointer  data,
               GError  **error)
{
  SaveJob *job = data;

  return save_call (store, job, error) &&
         zb_store_finalize_meeting (store, job->meeting_id, error);
}

static void
finalized_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(ZbMeetingEditor) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(ZbMeeting) meeting = NULL;

  self->saving = FALSE;
  if (!zb_store_call_finish (ZB_STORE (object), result, &error))
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      give_back (self, zb_store_call_get_data (result));
      gtk_widget_set_sensitive (self->finalize_button, TRUE);
      show_state (self, _("Not finalised"));
      show_error (self, error);
      return;
    }

  meeting = zb_store_get_meeting (ZB_STORE (object), zb_meeting_get_id (self->meeting), NULL);
  show_final (self, meeting ? zb_meeting_get_finalized_at (meeting) : "");
}

void
zb_meeting_editor_finalize (ZbMeetingEditor *self)
{
  g_return_if_fail (!self->final);

  g_clear_handle_id (&self->autosave_id, g_source_remove);
  self->saving = TRUE;
  gtk_widget_set_sensitive (self->finalize_button, FALSE);
  zb_store_call_async (self->store, finalize_call, take_changes (self, TRUE),
                       (GDestroyNotify) save_job_free, self->cancellable, finalized_cb,
                       g_object_ref (self));
}

static void
finalize_response_cb (AdwMessageDialog *dialog,
                      const char       *response,
                      ZbMeetingEditor  *self)
{
  if (g_str_equal (response, "finalize"))
    zb_meeting_editor_finalize (self);
}

static void
finalize_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  ZbMeetingEditor *self = ZB_MEETING_EDITOR (widget);
  GtkWidget *dialog;

  /* Unfinished fields of the first item are listed, each a click away. */
  if (self->first_editor != NULL &&
      zb_first_item_editor_show_unfinished (self->first_editor, GTK_WINDOW (self)) != NULL)
    return;

  dialog = adw_message_dialog_new (GTK_WINDOW (self), _("Finalise the Minutes?"),
                                   _("The chair and the recorder sign the minutes, and they can "
                                     "no longer be changed. Check the first agenda item, the "
                                     "attendance and every resolution first."));
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog), "cancel", _("_Cancel"),
                                    "finalize", _("_Finalise"), NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "finalize",
                                              ADW_RESPONSE_SUGGESTED);
  g_signal_connect_object (dialog, "response", G_CALLBACK (finalize_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

typedef struct
{
  char *meeting_id;
  char *text;
  char *id;
} AddendumJob;

static void
addendum_job_free (AddendumJob *job)
{
  g_free (job->meeting_id);
  g_free (job->text);
  g_free (job->id);
  g_free (job);
}

static gboolean
addendum_call (ZbStore  *store,
               gpointer  data,
               GError  **error)
{
  AddendumJob *job = data;

  job->id = zb_store_add_addendum (store, job->meeting_id, job->text, error);
  return job->id != NULL;
}

static void
addendum_added_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(ZbMeetingEditor) self = user_data;
  g_autoptr(GError) error = NULL;
  AddendumJob *job = zb_store_call_get_data (result);

  if (!zb_store_call_finish (ZB_STORE (object), result, &error))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        show_error (self, error);
      return;
    }

  g_signal_emit (self, signals[OPEN_MEETING], 0, job->id);
}

/* The correction of a finalised record is a record of its own, which opens
 * in its own editor to be finalised in turn. */
void
zb_meeting_editor_add_addendum (ZbMeetingEditor *self,
                                const char      *text)
{
  AddendumJob *job = g_new0 (AddendumJob, 1);

  g_return_if_fail (self->final);

  job->meeting_id = g_strdup (zb_meeting_get_id (self->meeting));
  job->text = g_strdup (text);
  zb_store_call_async (self->store, addendum_call, job, (GDestroyNotify) addendum_job_free,
                       self->cancellable, addendum_added_cb, g_object_ref (self));
}

static void
addendum_response_cb (AdwMessageDialog *dialog,
                      const char       *response,
                      ZbMeetingEditor  *self)
{
  GtkTextView *view = g_object_get_data (G_OBJECT (dialog), "text-view");
  g_autofree char *text = buffer_text (view);

  if (g_str_equal (response, "add"))
    zb_meeting_editor_add_addendum (self, g_strstrip (text));
}

static void
addendum_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  ZbMeetingEditor *self = ZB_MEETING_EDITOR (widget);
  GtkWidget *frame = gtk_frame_new (NULL);
  GtkWidget *view = minutes_view (NULL);
  GtkWidget *dialog;

  gtk_widget_set_size_request (view, 360, 120);
  gtk_frame_set_child (GTK_FRAME (frame), view);
  dialog = adw_message_dialog_new (GTK_WINDOW (self), _("Record a Correction"),
                                   _("The finalised minutes stay as they are. The correction "
                                     "becomes an addendum filed with them, to be signed by the "
                                     "chair and the recorder in turn."));
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), frame);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog), "cancel", _("_Cancel"),
                                    "add", _("_Record Correction"), NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "add",
                                              ADW_RESPONSE_SUGGESTED);
  g_object_set_data (G_OBJECT (dialog), "text-view", view);
  g_signal_connect_object (dialog, "response", G_CALLBACK (addendum_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static gboolean
zb_meeting_editor_close_request (GtkWindow *window)
{
  ZbMeetingEditor *self = ZB_MEETING_EDITOR (window);

  /* A window closed the moment it opened: its first row is a few
   * milliseconds away, and what was typed goes into it. */
  while (self->adding_row)
    g_main_context_iteration (NULL, TRUE);

  /* Closing saves what is left, on the main thread this once. */
  if (has_changes (self) && !self->final)
    {
      SaveJob *job = take_changes (self, FALSE);
      g_autoptr(GError) error = NULL;

      if (!save_call (self->store, job, &error))
        g_warning ("Could not save the minutes on closing: %s", error->message);
      save_job_free (job);
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
  g_clear_pointer (&self->items, g_ptr_array_unref);
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
  gtk_widget_class_bind_template_child (widget_class, ZbMeetingEditor, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, ZbMeetingEditor, window_title);
  gtk_widget_class_bind_template_child (widget_class, ZbMeetingEditor, add_item_button);
  gtk_widget_class_bind_template_child (widget_class, ZbMeetingEditor, finalize_button);
  gtk_widget_class_bind_template_child (widget_class, ZbMeetingEditor, addendum_button);
  gtk_widget_class_bind_template_child (widget_class, ZbMeetingEditor, final_revealer);
  gtk_widget_class_bind_template_child (widget_class, ZbMeetingEditor, final_label);
  gtk_widget_class_bind_template_child (widget_class, ZbMeetingEditor, content);
  gtk_widget_class_install_action (widget_class, "editor.add-item", NULL, add_item_action);
  gtk_widget_class_install_action (widget_class, "editor.finalize", NULL, finalize_action);
  gtk_widget_class_install_action (widget_class, "editor.addendum", NULL, addendum_action);

  signals[OPEN_MEETING] =
    g_signal_new ("open-meeting", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL,
                  NULL, G_TYPE_NONE, 1, G_TYPE_STRING);
}

static void
zb_meeting_editor_init (ZbMeetingEditor *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->cancellable = g_cancellable_new ();
  self->attendance = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->items = g_ptr_array_new_with_free_func ((GDestroyNotify) item_widgets_free);
}

ZbMeetingEditor *
zb_meeting_editor_new (ZbStore     *store,
                       const char  *meeting_id,
                       GError     **error)
{
  ZbMeetingEditor *self = g_object_new (ZB_TYPE_MEETING_EDITOR, NULL);

  self->store = g_object_ref (store);
  self->meeting = zb_store_get_meeting (store, meeting_id, error);
  if (self->meeting == NULL)
    {
      gtk_window_destroy (GTK_WINDOW (self));
      return NULL;
    }

  self->final = zb_meeting_get_finalized_at (self->meeting) != NULL;
  gtk_window_set_title (GTK_WINDOW (self), zb_meeting_get_title (self->meeting));
  adw_window_title_set_title (self->window_title, zb_meeting_get_title (self->meeting));
  show_state (self, _("All changes saved"));
  build (self);
  if (!load_items (self, error))
    {
      gtk_window_destroy (GTK_WINDOW (self));
      return NULL;
    }

  if (self->final)
    show_final (self, zb_meeting_get_finalized_at (self->meeting));
  else
    gtk_widget_grab_focus (GTK_WIDGET (zb_meeting_editor_get_minutes_view (self)));
  return self;
}

const char *
zb_meeting_editor_get_meeting_id (ZbMeetingEditor *self)
{
  return zb_meeting_get_id (self->meeting);
}

/* The minutes of the first agenda item: where typing starts. */
GtkTextView *
zb_meeting_editor_get_minutes_view (ZbMeetingEditor *self)
{
  return zb_meeting_editor_get_item_view (self, 0);
}

GtkTextView *
zb_meeting_editor_get_item_view (ZbMeetingEditor *self,
                                 guint            position)
{
  if (position >= self->items->len)
    return NULL;
  return ((ItemWidgets *) g_ptr_array_index (self->items, position))->minutes;
}

guint
zb_meeting_editor_get_n_items (ZbMeetingEditor *self)
{
  return self->items->len;
}

gboolean
zb_meeting_editor_is_saved (ZbMeetingEditor *self)
{
  return !has_changes (self) && !self->saving && self->autosave_id == 0;
}

gboolean
zb_meeting_editor_is_final (ZbMeetingEditor *self)
{
  return self->final;
}

GtkWidget *
zb_meeting_editor_get_attendance_row (ZbMeetingEditor *self,
                                      const char      *member_id)
{
  return g_hash_table_lookup (self->attendance, member_id);
}

ZbFirstItemEditor *
zb_meeting_editor_get_first_item_editor (ZbMeetingEditor *self)
{
  return self->first_editor;
}

ZbMeasuresEditor *
zb_meeting_editor_get_measures_editor (ZbMeetingEditor *self)
{
  return self->measures_editor;
}
