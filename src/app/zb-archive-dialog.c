#define G_LOG_DOMAIN "zb-archive-dialog"

#include "config.h"

#include <glib/gi18n.h>

#include "zb-archive-dialog.h"
#include "zb-date.h"
#include "zb-widget-util.h"

/* Archiving is a change of status, never a deletion (DESIGN.md, Storage):
 * the person leaves the roster's list and keeps every record. The dialog
 * asks how and when; the task archives in a worker thread and returns the
 * person as they were, so that the caller can offer to undo it. A transfer
 * out (转出) of a Party member also asks where the relationship goes and the
 * letter's number, and is recorded as a transfer (zb_store_add_transfer(),
 * which archives in the same transaction), whose introduction letter the
 * caller prints. */

static const char * const statuses[] = {
  ZB_STATUS_TRANSFERRED_OUT, ZB_STATUS_DECEASED, ZB_STATUS_EXPELLED, ZB_STATUS_REMOVED, NULL,
};

typedef struct
{
  ZbMember    *before;
  char        *status;
  char        *date;
  char        *reason;
  char        *letter;
  char        *transfer_id;   /* the transfer recorded, for a transfer out */
  AdwComboRow *status_row;
  AdwEntryRow *date_row;
  AdwEntryRow *reason_row;
  AdwEntryRow *letter_row;
} Archive;

static void
archive_free (Archive *archive)
{
  g_clear_object (&archive->before);
  g_free (archive->status);
  g_free (archive->date);
  g_free (archive->reason);
  g_free (archive->letter);
  g_free (archive->transfer_id);
  g_free (archive);
}

/* Only a member of the Party has an organisational relationship to
 * transfer, and a letter to carry it (DOMAIN.md section 5, the transfer
 * letter); anyone else transferred out just leaves the roster. */
static gboolean
is_transfer (Archive    *archive,
             const char *status)
{
  return g_strcmp0 (status, ZB_STATUS_TRANSFERRED_OUT) == 0 &&
         zb_member_in_party (archive->before);
}

static gboolean
transfers_out (Archive *archive)
{
  return is_transfer (archive, archive->status);
}

static gboolean
record_transfer (ZbStore  *store,
                 Archive  *archive,
                 GError  **error)
{
  g_autoptr(ZbTransfer) transfer = zb_transfer_new (zb_member_get_id (archive->before), FALSE,
                                                    archive->date, archive->reason,
                                                    archive->letter);

  if (!zb_store_add_transfer (store, transfer, error))
    return FALSE;
  archive->transfer_id = g_strdup (zb_transfer_get_id (transfer));
  return TRUE;
}

static void
archive_thread (GTask        *task,
                gpointer      source_object,
                gpointer      task_data,
                GCancellable *cancellable)
{
  Archive *archive = task_data;
  GError *error = NULL;
  gboolean ok = transfers_out (archive)
                ? record_transfer (source_object, archive, &error)
                : zb_store_archive_member (source_object, zb_member_get_id (archive->before),
                                           archive->status, archive->date, archive->reason,
                                           &error);

  if (ok)
    g_task_return_pointer (task, g_object_ref (archive->before), g_object_unref);
  else
    g_task_return_error (task, error);
}

static char *
text_or_null (AdwEntryRow *row)
{
  g_autofree char *text = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (row))));

  return *text != '\0' ? g_steal_pointer (&text) : NULL;
}

static void
response_cb (AdwMessageDialog *dialog,
             const char       *response,
             GTask            *task)
{
  Archive *archive = g_task_get_task_data (task);

  if (!g_str_equal (response, "archive"))
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_CANCELLED, "cancelled");
      g_object_unref (task);
      return;
    }

  archive->status = g_strdup (statuses[adw_combo_row_get_selected (archive->status_row)]);
  archive->date = zb_date_normalise_or_typed (gtk_editable_get_text (
                                                GTK_EDITABLE (archive->date_row)));
  archive->reason = text_or_null (archive->reason_row);
  archive->letter = transfers_out (archive) ? text_or_null (archive->letter_row) : NULL;
  g_task_run_in_thread (task, archive_thread);
  g_object_unref (task);
}

/* A transfer out names where the relationship goes, and the letter. */
static void
status_changed_cb (AdwComboRow *row,
                   GParamSpec  *pspec,
                   Archive     *archive)
{
  guint chosen = adw_combo_row_get_selected (row);
  gboolean transfer = chosen < G_N_ELEMENTS (statuses) - 1 &&
                      is_transfer (archive, statuses[chosen]);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (archive->reason_row),
                                 transfer ? _("Transferred to (party organisation)")
                                          : _("Reason"));
  gtk_widget_set_visible (GTK_WIDGET (archive->letter_row), transfer);
}

static AdwEntryRow *
entry_row (AdwPreferencesGroup *group,
           const char          *title)
{
  return ADW_ENTRY_ROW (zb_group_add_entry_row (group, title));
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
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), GTK_WIDGET (archive->status_row));
  archive->date_row = entry_row (ADW_PREFERENCES_GROUP (group), _("Date"));
  gtk_editable_set_text (GTK_EDITABLE (archive->date_row), today);
  archive->reason_row = entry_row (ADW_PREFERENCES_GROUP (group), _("Reason"));
  archive->letter_row = entry_row (ADW_PREFERENCES_GROUP (group),
                                   _("Introduction letter number, if any"));
  g_signal_connect (archive->status_row, "notify::selected", G_CALLBACK (status_changed_cb),
                    archive);
  status_changed_cb (archive->status_row, NULL, archive);

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

/* The person as they were before archiving, to undo it with; for a
 * transfer out, @transfer_id (if not NULL) gets the transfer recorded, for
 * its letter and its undo (zb_store_undo_transfer()). */
ZbMember *
zb_archive_dialog_finish (GAsyncResult  *result,
                          char         **transfer_id,
                          GError       **error)
{
  Archive *archive = g_task_get_task_data (G_TASK (result));
  ZbMember *before = g_task_propagate_pointer (G_TASK (result), error);

  if (transfer_id != NULL)
    *transfer_id = before != NULL ? g_strdup (archive->transfer_id) : NULL;
  return before;
}
