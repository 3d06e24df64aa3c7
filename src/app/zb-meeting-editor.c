#define G_LOG_DOMAIN "zb-meeting-editor"

#include "config.h"

#include <glib/gi18n.h>

#include "zb-attendance-editor.h"
#include "zb-guests-editor.h"
#include "zb-meeting-details.h"
#include "zb-meeting-editor-private.h"
#include "zb-member-rules.h"
#include "zb-print.h"

/* The minutes are typed while the meeting goes on, and a lost word is lost
 * for good: every change of the window (the meeting's details, attendance,
 * the minutes) reaches the database within a second or two without the
 * user doing anything, and the header says so. */
#define AUTOSAVE_DELAY_MS 1000

G_DEFINE_FINAL_TYPE (ZbMeetingEditor, zb_meeting_editor, ADW_TYPE_WINDOW)

enum {
  OPEN_MEETING,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void attendance_changed_cb (ZbMeetingEditor *self);

void
zb_meeting_editor_item_widgets_free (ItemWidgets *w)
{
  g_clear_object (&w->item);
  g_free (w);
}

void
zb_meeting_editor_show_state (ZbMeetingEditor *self,
                              const char      *state)
{
  adw_window_title_set_subtitle (self->window_title, state);
}

void
zb_meeting_editor_show_error (ZbMeetingEditor *self,
                              const GError    *error)
{
  adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (error->message));
}

char *
zb_meeting_editor_buffer_text (GtkTextView *view)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (view);
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  return gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
}

/* The item as its widgets hold it now: a copy, because the worker thread
 * writes it while the user goes on typing. */
ZbAgendaItem *
zb_meeting_editor_read_item (ItemWidgets *w)
{
  ZbAgendaItem *copy = zb_agenda_item_new ();
  g_autofree char *minutes = zb_meeting_editor_buffer_text (w->minutes);

  zb_agenda_item_set_id (copy, zb_agenda_item_get_id (w->item));
  zb_agenda_item_set_meeting_id (copy, zb_agenda_item_get_meeting_id (w->item));
  zb_agenda_item_set_title (copy, gtk_editable_get_text (GTK_EDITABLE (w->title)));
  zb_agenda_item_set_minutes (copy, minutes);
  zb_agenda_item_set_resolution (copy, gtk_editable_get_text (GTK_EDITABLE (w->resolution)));
  return copy;
}

void
zb_meeting_editor_save_job_free (SaveJob *job)
{
  g_free (job->meeting_id);
  g_ptr_array_unref (job->removed);
  g_clear_object (&job->meeting);
  g_clear_object (&job->written);
  g_ptr_array_unref (job->marks);
  g_ptr_array_unref (job->items);
  g_clear_object (&job->first);
  g_free (job);
}

/* The details as the form has them; a field that cannot be read is the
 * problem shown in the header, and the rest waits for it. */
static ZbMeeting *
take_details (ZbMeetingEditor *self)
{
  g_autoptr(GError) error = NULL;
  ZbMeeting *meeting;

  if (!self->details_dirty || self->final)
    return NULL;

  self->details_dirty = FALSE;
  g_clear_pointer (&self->problem, g_free);
  meeting = zb_meeting_details_read (self->details, &error);
  if (meeting == NULL)
    self->problem = g_strdup (error->message);
  return meeting;
}

/* Takes what changed since the last save; @all takes everything. */
SaveJob *
zb_meeting_editor_take_changes (ZbMeetingEditor *self,
                                gboolean         all)
{
  SaveJob *job = g_new0 (SaveJob, 1);

  job->meeting_id = g_strdup (zb_meeting_get_id (self->meeting));
  job->removed = g_ptr_array_new_with_free_func (g_free);
  g_ptr_array_extend_and_steal (job->removed, g_steal_pointer (&self->removed));
  self->removed = g_ptr_array_new_with_free_func (g_free);
  job->meeting = take_details (self);
  job->marks = self->attendance ? zb_attendance_editor_take_changes (self->attendance)
                                : g_ptr_array_new ();
  job->items = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint i = 0; i < self->items->len; i++)
    {
      ItemWidgets *w = g_ptr_array_index (self->items, i);

      /* An item whose row is still being written waits for it, dirty. */
      if (zb_agenda_item_get_id (w->item) == NULL)
        continue;
      if (w->dirty || all)
        g_ptr_array_add (job->items, zb_meeting_editor_read_item (w));
      w->dirty = FALSE;
    }
  if (self->first_editor != NULL && (self->first_dirty || all))
    job->first = zb_first_item_editor_read (self->first_editor);
  self->first_dirty = FALSE;
  return job;
}

/* A save that failed gives its changes back, so the next one retries them. */
void
zb_meeting_editor_give_back (ZbMeetingEditor *self,
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
  for (guint i = 0; i < job->removed->len; i++)
    g_ptr_array_add (self->removed, g_strdup (g_ptr_array_index (job->removed, i)));
  zb_attendance_editor_give_back (self->attendance, job->marks);
  self->details_dirty |= job->meeting != NULL;
  self->first_dirty |= job->first != NULL;
}

static gboolean
has_changes (ZbMeetingEditor *self)
{
  for (guint i = 0; i < self->items->len; i++)
    if (((ItemWidgets *) g_ptr_array_index (self->items, i))->dirty)
      return TRUE;

  return self->first_dirty || self->details_dirty || self->removed->len > 0 ||
         (self->attendance != NULL && zb_attendance_editor_has_changes (self->attendance));
}

/* What keeps a change from being saved: a field that cannot be read, a
 * leave without its reason. */
static const char *
get_problem (ZbMeetingEditor *self)
{
  if (self->problem != NULL)
    return self->problem;
  if (self->save_error != NULL)
    return self->save_error;
  return self->attendance ? zb_attendance_editor_get_problem (self->attendance) : NULL;
}

static gboolean
remove_items (ZbStore  *store,
              SaveJob  *job,
              GError  **error)
{
  while (job->removed->len > 0)
    {
      if (!zb_store_remove_agenda_item (store, g_ptr_array_index (job->removed, 0), error))
        return FALSE;
      g_ptr_array_remove_index (job->removed, 0);
    }
  return TRUE;
}

static gboolean
mark_attendance (ZbStore  *store,
                 SaveJob  *job,
                 GError  **error)
{
  while (job->marks->len > 0)
    {
      ZbAttendanceMark *mark = g_ptr_array_index (job->marks, 0);

      if (!zb_store_set_attendance (store, job->meeting_id, mark->member_id, mark->state,
                                    mark->reason, error))
        return FALSE;
      g_ptr_array_remove_index (job->marks, 0);
    }
  return TRUE;
}

gboolean
zb_meeting_editor_save_call (ZbStore  *store,
                             gpointer  data,
                             GError  **error)
{
  SaveJob *job = data;

  if (!remove_items (store, job, error))
    return FALSE;
  if (job->meeting != NULL && !zb_store_update_meeting (store, job->meeting, error))
    return FALSE;
  job->written = g_steal_pointer (&job->meeting);
  if (!mark_attendance (store, job, error))
    return FALSE;

  return zb_store_save_minutes (store, job->meeting_id, job->items, job->first, error);
}

/* "All changes saved at 14:32:05", or what keeps one from being saved. */
static void
show_saved (ZbMeetingEditor *self)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *time = g_date_time_format (now, "%H:%M:%S");
  g_autofree char *state = NULL;

  if (get_problem (self) != NULL)
    {
      zb_meeting_editor_show_state (self, get_problem (self));
      return;
    }

  /* TRANSLATORS: the autosave indicator; %s is a time of day */
  state = g_strdup_printf (_("All changes saved at %s"), time);
  zb_meeting_editor_show_state (self, state);
}

/* The expected attendees are those on the meeting's date: a new date
 * reads them again, unless a mark is still waiting to be written. */
static void
reload_attendance (ZbMeetingEditor *self)
{
  g_autoptr(GListModel) attendees = NULL;
  GtkWidget *old = GTK_WIDGET (self->attendance);

  if (zb_attendance_editor_has_changes (self->attendance))
    return;
  attendees = zb_store_list_attendees (self->store, zb_meeting_get_id (self->meeting), NULL);
  if (attendees == NULL)
    return;

  self->attendance = ZB_ATTENDANCE_EDITOR (zb_attendance_editor_new (attendees));
  g_signal_connect_object (self->attendance, "changed", G_CALLBACK (attendance_changed_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_box_insert_child_after (self->content, GTK_WIDGET (self->attendance), old);
  gtk_box_remove (self->content, old);
}

/* The window's title follows the meeting's, and what was typed shows as
 * stored. */
void
zb_meeting_editor_details_saved (ZbMeetingEditor *self,
                                 ZbMeeting       *written)
{
  gboolean new_date = g_strcmp0 (zb_meeting_get_date (written),
                                 zb_meeting_get_date (self->meeting)) != 0;

  zb_meeting_details_show_saved (self->details, written);
  zb_meeting_set_title (self->meeting, zb_meeting_get_title (written));
  zb_meeting_set_date (self->meeting, zb_meeting_get_date (written));
  zb_meeting_set_chair_id (self->meeting, zb_meeting_get_chair_id (written));
  zb_meeting_set_recorder_id (self->meeting, zb_meeting_get_recorder_id (written));
  gtk_window_set_title (GTK_WINDOW (self), zb_meeting_get_title (written));
  adw_window_title_set_title (self->window_title, zb_meeting_get_title (written));
  if (new_date)
    reload_attendance (self);
}

static void
saved_cb (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(ZbMeetingEditor) self = user_data;
  g_autoptr(GError) error = NULL;
  SaveJob *job;

  self->saving = FALSE;
  if (!zb_store_call_finish (ZB_STORE (object), result, &error))
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      /* Refused by the store (attendance before the meeting's day, say):
       * kept, and shown, until it is changed; a close warns once. */
      zb_meeting_editor_give_back (self, zb_store_call_get_data (result));
      g_free (self->save_error);
      self->save_error = g_strdup (error->message);
      zb_meeting_editor_show_state (self, error->message);
      self->print_when_saved = FALSE;
      return;
    }
  g_clear_pointer (&self->save_error, g_free);
  job = zb_store_call_get_data (result);
  if (job->written != NULL)
    zb_meeting_editor_details_saved (self, job->written);
  if (has_changes (self))
    {
      zb_meeting_editor_schedule_save (self);
      return;
    }

  show_saved (self);
  if (self->print_when_saved)
    {
      self->print_when_saved = FALSE;
      zb_print_meeting (GTK_WINDOW (self), self->store, zb_meeting_get_id (self->meeting));
    }
}

static gboolean
autosave_cb (gpointer user_data)
{
  ZbMeetingEditor *self = user_data;

  self->autosave_id = 0;
  if (self->saving)
    return G_SOURCE_REMOVE;
  if (!has_changes (self))
    {
      show_saved (self);
      return G_SOURCE_REMOVE;
    }

  self->saving = TRUE;
  zb_meeting_editor_show_state (self, _("Saving…"));
  zb_store_call_async (self->store, zb_meeting_editor_save_call,
                       zb_meeting_editor_take_changes (self, FALSE),
                       (GDestroyNotify) zb_meeting_editor_save_job_free, self->cancellable,
                       saved_cb, g_object_ref (self));
  return G_SOURCE_REMOVE;
}

/* Not reset by further typing: a steady typist is saved every second too. */
void
zb_meeting_editor_schedule_save (ZbMeetingEditor *self)
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
  zb_meeting_editor_show_state (self, _("Unsaved changes"));
  zb_meeting_editor_schedule_save (self);
}

static void
first_item_changed_cb (ZbMeetingEditor *self)
{
  self->first_dirty = TRUE;
  zb_meeting_editor_show_state (self, _("Unsaved changes"));
  zb_meeting_editor_schedule_save (self);
}

static void
details_changed_cb (ZbMeetingEditor *self)
{
  self->details_dirty = TRUE;
  zb_meeting_editor_show_state (self, _("Unsaved changes"));
  zb_meeting_editor_schedule_save (self);
}

static void
attendance_changed_cb (ZbMeetingEditor *self)
{
  zb_meeting_editor_show_state (self, _("Unsaved changes"));
  zb_meeting_editor_schedule_save (self);
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

GtkWidget *
zb_meeting_editor_minutes_view (const char *text)
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

/* The headings say 议题 1, 2, 3 in the order shown, whatever was removed. */
static void
number_items (ZbMeetingEditor *self)
{
  guint n = 0;

  for (guint i = 0; i < self->items->len; i++)
    {
      ItemWidgets *w = g_ptr_array_index (self->items, i);
      g_autofree char *heading = NULL;

      if (w->removing)
        continue;
      /* TRANSLATORS: the heading of an agenda item; %u is its number */
      heading = g_strdup_printf (_("Agenda Item %u"), ++n);
      gtk_label_set_text (w->heading, heading);
    }
}

static void
remove_clicked_cb (GtkButton       *button,
                   ZbMeetingEditor *self)
{
  ItemWidgets *w = g_object_get_data (G_OBJECT (button), "item-widgets");
  guint position;

  if (g_ptr_array_find (self->items, w, &position))
    zb_meeting_editor_remove_item (self, position);
}

static GtkWidget *
item_header (ZbMeetingEditor *self,
             ItemWidgets     *w)
{
  GtkWidget *header = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *remove = gtk_button_new_from_icon_name ("user-trash-symbolic");

  w->heading = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_xalign (w->heading, 0);
  gtk_widget_set_hexpand (GTK_WIDGET (w->heading), TRUE);
  gtk_widget_add_css_class (GTK_WIDGET (w->heading), "heading");
  gtk_widget_add_css_class (remove, "flat");
  gtk_widget_set_tooltip_text (remove, _("Remove this agenda item"));
  g_object_set_data (G_OBJECT (remove), "item-widgets", w);
  g_signal_connect_object (remove, "clicked", G_CALLBACK (remove_clicked_cb), self, 0);
  gtk_box_append (GTK_BOX (header), GTK_WIDGET (w->heading));
  gtk_box_append (GTK_BOX (header), remove);
  g_object_set_data (G_OBJECT (header), "remove-button", remove);
  return header;
}

/* 议题 N: its title, a large minutes editor (发言记录), its resolution (决议). */
static ItemWidgets *
append_item (ZbMeetingEditor *self,
             ZbAgendaItem    *item)
{
  ItemWidgets *w = g_new0 (ItemWidgets, 1);
  GtkWidget *frame = gtk_frame_new (NULL);

  w->item = g_object_ref (item);
  w->box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  w->title = ADW_ENTRY_ROW (adw_entry_row_new ());
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (w->title), _("Subject of the item"));
  gtk_editable_set_text (GTK_EDITABLE (w->title), zb_agenda_item_get_title (item) ?: "");
  w->minutes = GTK_TEXT_VIEW (zb_meeting_editor_minutes_view (zb_agenda_item_get_minutes (item)));
  w->resolution = ADW_ENTRY_ROW (adw_entry_row_new ());
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (w->resolution), _("Resolution"));
  gtk_editable_set_text (GTK_EDITABLE (w->resolution), zb_agenda_item_get_resolution (item) ?: "");

  gtk_frame_set_child (GTK_FRAME (frame), GTK_WIDGET (w->minutes));
  gtk_box_append (GTK_BOX (w->box), item_header (self, w));
  gtk_box_append (GTK_BOX (w->box), boxed_list (GTK_WIDGET (w->title)));
  gtk_box_append (GTK_BOX (w->box), frame);
  gtk_box_append (GTK_BOX (w->box), boxed_list (GTK_WIDGET (w->resolution)));
  gtk_box_append (GTK_BOX (self->agenda_box), w->box);

  watch (self, w->title, "changed", w);
  watch (self, gtk_text_view_get_buffer (w->minutes), "changed", w);
  watch (self, w->resolution, "changed", w);
  g_ptr_array_add (self->items, w);
  number_items (self);
  return w;
}

/* The removal takes effect when its toast goes without an undo, or when
 * the window closes or the record is finalised meanwhile. */
static void
commit_removals (ZbMeetingEditor *self)
{
  for (guint i = self->items->len; i > 0; i--)
    {
      ItemWidgets *w = g_ptr_array_index (self->items, i - 1);

      if (!w->removing)
        continue;
      if (zb_agenda_item_get_id (w->item) != NULL)
        g_ptr_array_add (self->removed, g_strdup (zb_agenda_item_get_id (w->item)));
      gtk_box_remove (GTK_BOX (self->agenda_box), w->box);
      g_ptr_array_remove_index (self->items, i - 1);
    }
}

static void
undo_toast_dismissed_cb (AdwToast        *toast,
                         ZbMeetingEditor *self)
{
  if (self->undo_toast != toast)
    return;

  g_clear_object (&self->undo_toast);
  commit_removals (self);
  if (self->removed->len > 0)
    zb_meeting_editor_schedule_save (self);
}

static void
undo_remove_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  ZbMeetingEditor *self = ZB_MEETING_EDITOR (widget);

  for (guint i = 0; i < self->items->len; i++)
    {
      ItemWidgets *w = g_ptr_array_index (self->items, i);

      w->removing = FALSE;
      gtk_widget_set_visible (w->box, TRUE);
    }
  number_items (self);
  if (self->undo_toast != NULL)
    {
      g_autoptr(AdwToast) toast = g_steal_pointer (&self->undo_toast);

      adw_toast_dismiss (toast);
    }
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

/* With no one expected (a committee meeting before the committee is
 * entered), the members of the Party on the roster. */
static GListModel *
party_members (ZbMeetingEditor *self)
{
  g_autoptr(GListModel) members = zb_store_list_members (self->store, FALSE, NULL);
  GListStore *people = g_list_store_new (ZB_TYPE_ATTENDEE);

  for (guint i = 0; members && i < g_list_model_get_n_items (members); i++)
    {
      g_autoptr(ZbMember) m = g_list_model_get_item (members, i);
      const char *category = zb_member_get (m, ZB_MEMBER_FIELD_CATEGORY);
      g_autoptr(ZbAttendee) a = NULL;

      if (g_strcmp0 (category, ZB_CATEGORY_FULL) != 0 &&
          g_strcmp0 (category, ZB_CATEGORY_PROBATIONARY) != 0)
        continue;
      a = zb_attendee_new (zb_member_get_id (m), zb_member_get (m, ZB_MEMBER_FIELD_NAME), NULL,
                           NULL);
      g_list_store_append (people, a);
    }

  return G_LIST_MODEL (people);
}

/* Who may chair and record: the people expected on the day; the signers
 * already chosen too, should the list have changed since. */
static GListModel *
signer_choices (ZbMeetingEditor *self,
                GListModel      *expected)
{
  g_autoptr(GListModel) fallback = NULL;
  GListModel *attendees = expected;
  GListStore *people = g_list_store_new (ZB_TYPE_ATTENDEE);
  const char *signers[] = { zb_meeting_get_chair_id (self->meeting),
                            zb_meeting_get_recorder_id (self->meeting) };

  if (expected == NULL || g_list_model_get_n_items (expected) == 0)
    attendees = fallback = party_members (self);

  for (guint i = 0; attendees && i < g_list_model_get_n_items (attendees); i++)
    {
      g_autoptr(ZbAttendee) a = g_list_model_get_item (attendees, i);

      g_list_store_append (people, a);
      for (guint j = 0; j < G_N_ELEMENTS (signers); j++)
        if (g_strcmp0 (signers[j], zb_attendee_get_member_id (a)) == 0)
          signers[j] = NULL;
    }
  for (guint j = 0; j < G_N_ELEMENTS (signers); j++)
    {
      g_autoptr(ZbMember) member = signers[j] ? zb_store_get_member (self->store, signers[j], NULL)
                                              : NULL;
      g_autoptr(ZbAttendee) a = NULL;

      if (member == NULL)
        continue;
      a = zb_attendee_new (signers[j], zb_member_get (member, ZB_MEMBER_FIELD_NAME), NULL, NULL);
      g_list_store_append (people, a);
    }

  return G_LIST_MODEL (people);
}

/* The head of the record and its attendance, first, as on paper. */
static void
add_details_and_attendance (ZbMeetingEditor *self)
{
  g_autoptr(GListModel) attendees = zb_store_list_attendees (self->store,
                                                             zb_meeting_get_id (self->meeting),
                                                             NULL);
  g_autoptr(GListModel) people = signer_choices (self, attendees);
  g_autoptr(ZbMeeting) original = NULL;

  if (zb_meeting_get_addendum_of (self->meeting) != NULL)
    original = zb_store_get_meeting (self->store, zb_meeting_get_addendum_of (self->meeting),
                                     NULL);
  self->details = ZB_MEETING_DETAILS (zb_meeting_details_new (self->meeting, people, original ?
                                                              zb_meeting_get_title (original) :
                                                              NULL));
  g_signal_connect_object (self->details, "changed", G_CALLBACK (details_changed_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_box_append (self->content, GTK_WIDGET (self->details));

  self->attendance = ZB_ATTENDANCE_EDITOR (zb_attendance_editor_new (attendees));
  g_signal_connect_object (self->attendance, "changed", G_CALLBACK (attendance_changed_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_box_append (self->content, GTK_WIDGET (self->attendance));

  self->guests = ZB_GUESTS_EDITOR (zb_guests_editor_new (self->store,
                                                         zb_meeting_get_id (self->meeting)));
  gtk_box_append (self->content, GTK_WIDGET (self->guests));
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
        zb_meeting_editor_show_error (self, error);
      return;
    }

  if (self->items->len == 0)
    return;
  w = g_ptr_array_index (self->items, 0);
  zb_agenda_item_set_id (w->item, zb_agenda_item_get_id (added));
  if (w->dirty)
    zb_meeting_editor_schedule_save (self);
}

/* A new meeting starts with one item, so there is always somewhere to
 * type; its row is written by a worker, and typing may begin at once. */
gboolean
zb_meeting_editor_load_items (ZbMeetingEditor  *self,
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
  for (guint i = 0; i < self->items->len; i++)
    {
      ItemWidgets *w = g_ptr_array_index (self->items, i);
      GtkWidget *header = gtk_widget_get_first_child (w->box);

      gtk_editable_set_editable (GTK_EDITABLE (w->title), editable);
      gtk_text_view_set_editable (w->minutes, editable);
      gtk_editable_set_editable (GTK_EDITABLE (w->resolution), editable);
      gtk_widget_set_visible (g_object_get_data (G_OBJECT (header), "remove-button"), editable);
    }
  if (self->first_editor != NULL)
    zb_first_item_editor_set_editable (self->first_editor, editable);
  zb_measures_editor_set_editable (self->measures_editor, editable);
  zb_meeting_details_set_editable (self->details, editable);
  zb_attendance_editor_set_editable (self->attendance, editable);
  zb_guests_editor_set_editable (self->guests, editable);
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

void
zb_meeting_editor_show_final (ZbMeetingEditor *self,
                              const char      *finalized_at)
{
  g_autofree char *when = format_local (finalized_at);
  g_autofree char *signers = zb_meeting_details_describe_signers (self->details);
  g_autofree char *text = NULL;

  if (signers != NULL)
    /* TRANSLATORS: the first %s is the date and time the minutes were finalised, the second
     * names the chair and the recorder */
    text = g_strdup_printf (_("Finalised on %s and signed by %s. The record can no longer be "
                              "changed; a correction is recorded as an addendum."), when, signers);
  else
    /* TRANSLATORS: %s is the date and time the minutes were finalised */
    text = g_strdup_printf (_("Finalised on %s and signed by the chair and the recorder. The "
                              "record can no longer be changed; a correction is recorded as an "
                              "addendum."), when);

  self->final = TRUE;
  gtk_label_set_text (self->final_label, text);
  gtk_widget_set_visible (self->final_banner, TRUE);
  zb_meeting_editor_show_state (self, _("Finalised"));
  set_editable (self, FALSE);
}

/* A removal waiting for its undo takes effect now. */
void
zb_meeting_editor_settle_removal (ZbMeetingEditor *self)
{
  if (self->undo_toast != NULL)
    {
      g_autoptr(AdwToast) toast = g_steal_pointer (&self->undo_toast);

      adw_toast_dismiss (toast);
    }
  commit_removals (self);
}

/* The banner of a finalised record, in the accent colours, since
 * libadwaita 1.2 has no AdwBanner. */
static void
add_style (ZbMeetingEditor *self)
{
  static GtkCssProvider *provider;

  if (provider != NULL)
    return;

  provider = gtk_css_provider_new ();
  gtk_css_provider_load_from_data (provider,
                                   ".zb-final-banner { background-color: @accent_bg_color; "
                                   "color: @accent_fg_color; padding: 12px 18px; }", -1);
  gtk_style_context_add_provider_for_display (gtk_widget_get_display (GTK_WIDGET (self)),
                                              GTK_STYLE_PROVIDER (provider),
                                              GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);
}

/* Tab leaves a multi-line box (the minutes, the first item's texts) for
 * the next field, as in every other field of the window; Ctrl+Tab types
 * a tab character, should one be wanted. */
static gboolean
key_pressed_cb (GtkEventControllerKey *controller,
                guint                  keyval,
                guint                  keycode,
                GdkModifierType        state,
                ZbMeetingEditor       *self)
{
  GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (self));
  GtkTextView *view;

  if ((keyval != GDK_KEY_Tab && keyval != GDK_KEY_ISO_Left_Tab && keyval != GDK_KEY_KP_Tab) ||
      focus == NULL || !GTK_IS_TEXT_VIEW (focus))
    return GDK_EVENT_PROPAGATE;

  view = GTK_TEXT_VIEW (focus);
  if (state & GDK_CONTROL_MASK)
    {
      if (gtk_text_view_get_editable (view))
        gtk_text_buffer_insert_at_cursor (gtk_text_view_get_buffer (view), "\t", 1);
      return GDK_EVENT_STOP;
    }

  gtk_widget_child_focus (GTK_WIDGET (self), (state & GDK_SHIFT_MASK) || keyval ==
                          GDK_KEY_ISO_Left_Tab ? GTK_DIR_TAB_BACKWARD : GTK_DIR_TAB_FORWARD);
  return GDK_EVENT_STOP;
}

static void
add_tab_handling (ZbMeetingEditor *self)
{
  GtkEventController *keys = gtk_event_controller_key_new ();

  gtk_event_controller_set_propagation_phase (keys, GTK_PHASE_CAPTURE);
  g_signal_connect_object (keys, "key-pressed", G_CALLBACK (key_pressed_cb), self, 0);
  gtk_widget_add_controller (GTK_WIDGET (self), keys);
}

void
zb_meeting_editor_build (ZbMeetingEditor *self)
{
  AdwPreferencesGroup *group;

  add_details_and_attendance (self);
  add_first_item (self);
  group = add_group (self, _("Agenda"));
  adw_preferences_group_set_description (group, _("Minutes: saved as you type"));
  self->agenda_box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 24);
  gtk_box_append (self->content, self->agenda_box);
  self->measures_editor = ZB_MEASURES_EDITOR (zb_measures_editor_new (self->store,
                                                                      zb_meeting_get_id (self->meeting)));
  gtk_box_append (self->content, GTK_WIDGET (self->measures_editor));
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
        zb_meeting_editor_show_error (self, error);
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

void
zb_meeting_editor_class_init_agenda (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "editor.add-item", NULL, add_item_action);
  gtk_widget_class_install_action (widget_class, "editor.undo-remove", NULL, undo_remove_action);
}

/* Everything typed is saved first, in the same worker call, so that what
 * is signed is what is on the screen. */
static gboolean
finalize_call (ZbStore  *store,
               gpointer  data,
               GError  **error)
{
  SaveJob *job = data;

  return zb_meeting_editor_save_call (store, job, error) &&
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
      zb_meeting_editor_give_back (self, zb_store_call_get_data (result));
      gtk_widget_set_sensitive (self->finalize_button, TRUE);
      zb_meeting_editor_show_state (self, _("Not finalised"));
      zb_meeting_editor_show_error (self, error);
      return;
    }

  meeting = zb_store_get_meeting (ZB_STORE (object), zb_meeting_get_id (self->meeting), NULL);
  zb_meeting_editor_show_final (self, meeting ? zb_meeting_get_finalized_at (meeting) : "");
}

void
zb_meeting_editor_finalize (ZbMeetingEditor *self)
{
  SaveJob *job;

  g_return_if_fail (!self->final);

  zb_meeting_editor_settle_removal (self);
  job = zb_meeting_editor_take_changes (self, TRUE);
  if (zb_meeting_editor_get_problem (self) != NULL)
    {
      /* What is signed is what is on the screen: not while a field of it
       * cannot be saved. */
      adw_toast_overlay_add_toast (self->toast_overlay,
                                   adw_toast_new (zb_meeting_editor_get_problem (self)));
      zb_meeting_editor_give_back (self, job);
      zb_meeting_editor_save_job_free (job);
      zb_meeting_editor_show_state (self, zb_meeting_editor_get_problem (self));
      return;
    }

  g_clear_handle_id (&self->autosave_id, g_source_remove);
  self->saving = TRUE;
  gtk_widget_set_sensitive (self->finalize_button, FALSE);
  zb_store_call_async (self->store, finalize_call, job,
                       (GDestroyNotify) zb_meeting_editor_save_job_free, self->cancellable,
                       finalized_cb, g_object_ref (self));
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

void
zb_meeting_editor_class_init_finalize (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "editor.finalize", NULL, finalize_action);
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
        zb_meeting_editor_show_error (self, error);
      return;
    }

  g_signal_emit_by_name (self, "open-meeting", job->id);
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
  g_autofree char *text = zb_meeting_editor_buffer_text (view);

  if (g_str_equal (response, "add"))
    zb_meeting_editor_add_addendum (self, g_strstrip (text));
}

/* The record as printed is the stored one: what is typed is saved first. */
static void
print_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  ZbMeetingEditor *self = ZB_MEETING_EDITOR (widget);

  if (!zb_meeting_editor_is_saved (self) && self->save_error == NULL)
    {
      self->print_when_saved = TRUE;
      if (self->autosave_id != 0 && !self->saving)
        {
          g_clear_handle_id (&self->autosave_id, g_source_remove);
          autosave_cb (self);
        }
      if (!zb_meeting_editor_is_saved (self))
        return;
      self->print_when_saved = FALSE;
    }
  zb_print_meeting (GTK_WINDOW (self), self->store, zb_meeting_get_id (self->meeting));
}

void
zb_meeting_editor_class_init_autosave (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "editor.print", NULL, print_action);
}

static void
addendum_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  ZbMeetingEditor *self = ZB_MEETING_EDITOR (widget);
  GtkWidget *frame = gtk_frame_new (NULL);
  GtkWidget *view = zb_meeting_editor_minutes_view (NULL);
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

void
zb_meeting_editor_class_init_addendum (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "editor.addendum", NULL, addendum_action);
}

static gboolean
busy (ZbMeetingEditor *self)
{
  return self->adding_row || self->saving || zb_guests_editor_is_busy (self->guests);
}

/* Closing waits for the saves under way, then saves what is left, on the
 * main thread this once: nothing typed or chosen is lost. A change that
 * cannot be saved (a leave without its reason) keeps the window open
 * once, saying why. */
static gboolean
zb_meeting_editor_close_request (GtkWindow *window)
{
  ZbMeetingEditor *self = ZB_MEETING_EDITOR (window);
  g_autoptr(GError) error = NULL;

  /* A window closed the moment it opened: its first row is a few
   * milliseconds away, and what was typed goes into it. */
  while (busy (self))
    g_main_context_iteration (NULL, TRUE);

  g_clear_handle_id (&self->autosave_id, g_source_remove);
  if (!self->final)
    {
      SaveJob *job;

      zb_meeting_editor_settle_removal (self);
      job = zb_meeting_editor_take_changes (self, FALSE);
      if (!zb_meeting_editor_save_call (self->store, job, &error) ||
          !zb_guests_editor_save_typed (self->guests, &error))
        {
          g_autofree char *text = NULL;

          zb_meeting_editor_give_back (self, job);
          zb_meeting_editor_save_job_free (job);
          if (self->close_warned)
            return GTK_WINDOW_CLASS (zb_meeting_editor_parent_class)->close_request (window);
          /* What the store refuses is said once; closing again leaves it,
           * never a window that cannot be closed. */
          text = g_strdup_printf (_("%s. Close again to leave it unsaved."), error->message);
          self->close_warned = TRUE;
          adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (text));
          zb_meeting_editor_show_state (self, error->message);
          return GDK_EVENT_STOP;
        }
      zb_meeting_editor_save_job_free (job);
      if (zb_meeting_editor_get_problem (self) != NULL && !self->close_warned)
        {
          /* TRANSLATORS: %s says what cannot be saved, such as a leave without its reason */
          g_autofree char *text = g_strdup_printf (_("%s. Close again to leave it unsaved."),
                                                   zb_meeting_editor_get_problem (self));

          self->close_warned = TRUE;
          adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (text));
          zb_meeting_editor_show_state (self, zb_meeting_editor_get_problem (self));
          return GDK_EVENT_STOP;
        }
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
  g_clear_pointer (&self->items, g_ptr_array_unref);
  g_clear_pointer (&self->removed, g_ptr_array_unref);
  g_clear_object (&self->undo_toast);
  g_clear_pointer (&self->problem, g_free);
  g_clear_pointer (&self->save_error, g_free);
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
  gtk_widget_class_bind_template_child (widget_class, ZbMeetingEditor, final_banner);
  gtk_widget_class_bind_template_child (widget_class, ZbMeetingEditor, final_label);
  gtk_widget_class_bind_template_child (widget_class, ZbMeetingEditor, content);
  zb_meeting_editor_class_init_agenda (widget_class);
  zb_meeting_editor_class_init_finalize (widget_class);
  zb_meeting_editor_class_init_addendum (widget_class);
  zb_meeting_editor_class_init_autosave (widget_class);

  signals[OPEN_MEETING] =
    g_signal_new ("open-meeting", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL,
                  NULL, G_TYPE_NONE, 1, G_TYPE_STRING);
}

static void
zb_meeting_editor_init (ZbMeetingEditor *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->cancellable = g_cancellable_new ();
  self->items =
    g_ptr_array_new_with_free_func ((GDestroyNotify) zb_meeting_editor_item_widgets_free);
  self->removed = g_ptr_array_new_with_free_func (g_free);
  add_style (self);
  add_tab_handling (self);
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
  zb_meeting_editor_show_state (self, _("All changes saved"));
  zb_meeting_editor_build (self);
  if (!zb_meeting_editor_load_items (self, error))
    {
      gtk_window_destroy (GTK_WINDOW (self));
      return NULL;
    }

  if (self->final)
    zb_meeting_editor_show_final (self, zb_meeting_get_finalized_at (self->meeting));
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
  return zb_attendance_editor_get_row (self->attendance, member_id);
}

ZbAttendanceEditor *
zb_meeting_editor_get_attendance_editor (ZbMeetingEditor *self)
{
  return self->attendance;
}

ZbMeetingDetails *
zb_meeting_editor_get_details (ZbMeetingEditor *self)
{
  return self->details;
}

ZbGuestsEditor *
zb_meeting_editor_get_guests_editor (ZbMeetingEditor *self)
{
  return self->guests;
}

/* The problem that keeps a change from being saved, or NULL. */
const char *
zb_meeting_editor_get_problem (ZbMeetingEditor *self)
{
  return get_problem (self);
}

/* Removes the item at @position, with an undo in a toast (DESIGN.md: an
 * item entered by mistake becomes a tombstone). */
void
zb_meeting_editor_remove_item (ZbMeetingEditor *self,
                               guint            position)
{
  ItemWidgets *w;
  AdwToast *toast;
  g_autofree char *title = NULL;

  g_return_if_fail (!self->final);
  g_return_if_fail (position < self->items->len);

  w = g_ptr_array_index (self->items, position);
  /* The first item's row is a few milliseconds away. */
  if (zb_agenda_item_get_id (w->item) == NULL)
    return;

  zb_meeting_editor_settle_removal (self);
  w->removing = TRUE;
  gtk_widget_set_visible (w->box, FALSE);
  number_items (self);

  /* TRANSLATORS: %s is the subject of the agenda item removed */
  title = g_strdup_printf (_("“%s” removed"), gtk_editable_get_text (GTK_EDITABLE (w->title)));
  toast = adw_toast_new (title);
  adw_toast_set_button_label (toast, _("_Undo"));
  adw_toast_set_action_name (toast, "editor.undo-remove");
  adw_toast_set_priority (toast, ADW_TOAST_PRIORITY_HIGH);
  g_signal_connect_object (toast, "dismissed", G_CALLBACK (undo_toast_dismissed_cb), self, 0);
  self->undo_toast = g_object_ref (toast);
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
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
