#define G_LOG_DOMAIN "zb-meeting-editor-finalize"

#include "config.h"

#include <glib/gi18n.h>

#include "zb-date.h"
#include "zb-meeting-editor-private.h"

/* Finalising (定稿): what is typed is saved and signed in one worker call,
 * and the record turns read-only under a banner that says when. */

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

  return local ? zb_date_format_date_time (local) : g_strdup (iso ? iso : "");
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
