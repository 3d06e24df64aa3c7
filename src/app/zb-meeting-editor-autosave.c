#define G_LOG_DOMAIN "zb-meeting-editor-autosave"

#include "config.h"

#include <glib/gi18n.h>

#include "zb-meeting-editor-private.h"
#include "zb-print.h"

/* The save: what changed is taken from the widgets, written by a worker,
 * and given back should the store refuse it. Printing waits for it, since
 * what is printed is the stored record. */

/* The minutes are typed while the meeting goes on, and a lost word is lost
 * for good: every change of the window (the meeting's details, attendance,
 * the minutes) reaches the database within a second or two without the
 * user doing anything, and the header says so. */
#define AUTOSAVE_DELAY_MS 1000

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

/* All the marks at once (全部出席 on a large branch marks hundreds). */
static gboolean
mark_attendance (ZbStore  *store,
                 SaveJob  *job,
                 GError  **error)
{
  g_autoptr(GPtrArray) marks = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint i = 0; i < job->marks->len; i++)
    {
      ZbAttendanceMark *mark = g_ptr_array_index (job->marks, i);

      g_ptr_array_add (marks, zb_attendee_new (mark->member_id, NULL, mark->state, mark->reason));
    }
  if (marks->len > 0 && !zb_store_set_attendances (store, job->meeting_id, marks, error))
    return FALSE;
  g_ptr_array_set_size (job->marks, 0);
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

/* The characters of the minutes in the window, white space left out. */
static guint
count_minutes (ZbMeetingEditor *self)
{
  guint n = 0;

  for (guint i = 0; i < self->items->len; i++)
    {
      g_autoptr(ZbAgendaItem) item = zb_meeting_editor_read_item (g_ptr_array_index (self->items,
                                                                                      i));

      for (const char *p = zb_agenda_item_get_minutes (item); p && *p; p = g_utf8_next_char (p))
        n += !g_unichar_isspace (g_utf8_get_char (p));
    }
  return n;
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

  /* What the header tells the user, with how much of the minutes it
   * covers, for tests/test-crash.c to hold it to after a SIGKILL
   * (G_MESSAGES_DEBUG=zb-meeting-editor-autosave). */
  g_debug ("all changes saved, %u characters of minutes", count_minutes (self));
  /* TRANSLATORS: the autosave indicator; %s is a time of day */
  state = g_strdup_printf (_("All changes saved at %s"), time);
  zb_meeting_editor_show_state (self, state);
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

gboolean
zb_meeting_editor_is_saved (ZbMeetingEditor *self)
{
  return !has_changes (self) && !self->saving && self->autosave_id == 0;
}

/* The problem that keeps a change from being saved, or NULL. */
const char *
zb_meeting_editor_get_problem (ZbMeetingEditor *self)
{
  return get_problem (self);
}
