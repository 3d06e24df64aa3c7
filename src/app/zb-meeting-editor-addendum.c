#define G_LOG_DOMAIN "zb-meeting-editor-addendum"

#include "config.h"

#include <glib/gi18n.h>

#include "zb-meeting-editor-private.h"

/* A correction of finalised minutes: an addendum, a record of its own that
 * opens in its own editor. */

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

  /* The addendum answers a record the committee sent back. */
  zb_meeting_editor_show_review (self);
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
