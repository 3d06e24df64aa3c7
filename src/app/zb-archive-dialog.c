#define G_LOG_DOMAIN "zb-archive-dialog"

#include "config.h"

#include <glib/gi18n.h>

#include "zb-archive-dialog.h"
#include "zb-date.h"

/* Archiving is a change of status, never a deletion (DESIGN.md, Storage):
 * the person leaves the roster's list and keeps every record. The dialog
 * asks how and when; the task archives in a worker thread and returns the
 * person as they were, so that the caller can offer to undo it. */

static const char * const statuses[] = {
  ZB_STATUS_TRANSFERRED_OUT, ZB_STATUS_DECEASED, ZB_STATUS_EXPELLED, ZB_STATUS_REMOVED, NULL,
};

typedef struct
{
  ZbMember    *before;
  char        *status;
  char        *date;
  char        *reason;
  AdwComboRow *status_row;
  AdwEntryRow *date_row;
  AdwEntryRow *reason_row;
} Archive;

static void
archive_free (Archive *archive)
{
  g_clear_object (&archive->before);
  g_free (archive->status);
  g_free (archive->date);
  g_free (archive->reason);
  g_free (archive);
}

static void
archive_thread (GTask        *task,
                gpointer      source_object,
                gpointer      task_data,
                GCancellable *cancellable)
{
  Archive *archive = task_data;
  GError *error = NULL;

  if (zb_store_archive_member (source_object, zb_member_get_id (archive->before),
                               archive->status, archive->date, archive->reason, &error))
    g_task_return_pointer (task, g_object_ref (archive->before), g_object_unref);
  else
    g_task_return_error (task, error);
}

static void
response_cb (AdwMessageDialog *dialog,
             const char       *response,
             GTask            *task)
{
  Archive *archive = g_task_get_task_data (task);
  g_autofree char *date = NULL;

  if (!g_str_equal (response, "archive"))
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_CANCELLED, "cancelled");
      g_object_unref (task);
      return;
    }

  /* Dates as office workers type them: 2026.10.1, 2026年10月1日. */
  date = zb_date_normalise_input (gtk_editable_get_text (GTK_EDITABLE (archive->date_row)));
  archive->status = g_strdup (statuses[adw_combo_row_get_selected (archive->status_row)]);
  archive->date = g_steal_pointer (&date);
  archive->reason = g_strdup (gtk_editable_get_text (GTK_EDITABLE (archive->reason_row)));
  g_task_run_in_thread (task, archive_thread);
  g_object_unref (task);
}

void
zb_archive_dialog_present (GtkWindow           *parent,
                           ZbStore             *store,
                           ZbMember            *member,
                           GAsyncReadyCallback  callback,
                           gpointer             user_data)
{
  GTask *task = g_task_new (store, NULL, callback, user_data);
  Archive *archive = g_new0 (Archive, 1);
  g_autoptr(GtkStringList) labels = gtk_string_list_new (NULL);
  g_autofree char *today = zb_date_today_iso ();
  GtkWidget *group = adw_preferences_group_new ();
  AdwMessageDialog *dialog;

  archive->before = zb_member_copy (member);
  g_task_set_source_tag (task, zb_archive_dialog_present);
  g_task_set_task_data (task, archive, (GDestroyNotify) archive_free);

  for (guint i = 0; statuses[i] != NULL; i++)
    gtk_string_list_append (labels, zb_member_enum_label (ZB_MEMBER_FIELD_STATUS, statuses[i]));
  archive->status_row = ADW_COMBO_ROW (adw_combo_row_new ());
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (archive->status_row),
                                 _("Leaves the roster as"));
  adw_combo_row_set_model (archive->status_row, G_LIST_MODEL (labels));
  archive->date_row = ADW_ENTRY_ROW (adw_entry_row_new ());
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (archive->date_row), _("Date"));
  gtk_editable_set_text (GTK_EDITABLE (archive->date_row), today);
  archive->reason_row = ADW_ENTRY_ROW (adw_entry_row_new ());
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (archive->reason_row), _("Reason"));
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), GTK_WIDGET (archive->status_row));
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), GTK_WIDGET (archive->date_row));
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), GTK_WIDGET (archive->reason_row));

  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (parent, NULL, NULL));
  /* TRANSLATORS: %s is the person's name */
  adw_message_dialog_format_heading (dialog, _("Archive %s?"),
                                     zb_member_get (member, ZB_MEMBER_FIELD_NAME));
  adw_message_dialog_set_body (dialog, _("The person leaves the roster’s list; every record of "
                                         "theirs is kept, and “Archived too” lists them again."));
  adw_message_dialog_set_extra_child (dialog, group);
  adw_message_dialog_add_responses (dialog, "cancel", _("_Cancel"), "archive", _("_Archive"), NULL);
  adw_message_dialog_set_response_appearance (dialog, "archive", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (dialog, "cancel");
  adw_message_dialog_set_close_response (dialog, "cancel");
  g_signal_connect (dialog, "response", G_CALLBACK (response_cb), task);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* The person as they were before archiving, to undo it with. */
ZbMember *
zb_archive_dialog_finish (GAsyncResult  *result,
                          GError       **error)
{
  return g_task_propagate_pointer (G_TASK (result), error);
}
