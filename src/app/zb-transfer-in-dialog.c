#define G_LOG_DOMAIN "zb-transfer-in-dialog"

/* zb-transfer-in-dialog.c: a person transferred out whose organisational
 * relationship comes back to the branch (转回), asked first
 *
 * Copyright 2026 The Zhibu authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The transfer in is recorded with where it came from, the letter and the
 * day (zb_store_add_transfer(), which puts the person back on the roster
 * from that day in the same transaction); the task returns the transfer's
 * ID. A new member who came by transfer is added from the member form
 * instead.
 */

#include "config.h"

#include <glib/gi18n.h>

#include "zb-date.h"
#include "zb-transfer-in-dialog.h"
#include "zb-widget-util.h"

typedef struct
{
  ZbTransfer *transfer;
  char       *member_id;
  GtkEditable *from_row;
  GtkEditable *letter_row;
  GtkEditable *date_row;
} TransferIn;

static void
transfer_in_free (TransferIn *job)
{
  g_clear_object (&job->transfer);
  g_free (job->member_id);
  g_free (job);
}

static void
record_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  TransferIn *job = task_data;
  GError *error = NULL;

  if (zb_store_add_transfer (source_object, job->transfer, &error))
    g_task_return_pointer (task, g_strdup (zb_transfer_get_id (job->transfer)), g_free);
  else
    g_task_return_error (task, error);
}

static void
response_cb (AdwMessageDialog *dialog,
             const char       *response,
             GTask            *task)
{
  TransferIn *job = g_task_get_task_data (task);
  g_autofree char *date = NULL;

  if (!g_str_equal (response, "record"))
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_CANCELLED, "cancelled");
      g_object_unref (task);
      return;
    }

  date = zb_date_normalise_or_typed (gtk_editable_get_text (job->date_row));
  job->transfer = zb_transfer_new (job->member_id, TRUE, date,
                                   zb_editable_text_or_null (job->from_row),
                                   zb_editable_text_or_null (job->letter_row));
  g_task_run_in_thread (task, record_thread);
  g_object_unref (task);
}

/**
 * zb_transfer_in_rows_add:
 *
 * The rows a transfer in asks for, added to @group: where from, the letter's
 * number, and the day, today to start with. The member form's "Transferred
 * In" group has them too.
 */
void
zb_transfer_in_rows_add (AdwPreferencesGroup  *group,
                         GtkEditable         **from,
                         GtkEditable         **letter,
                         GtkEditable         **date)
{
  g_autofree char *today = zb_date_today_iso ();

  *from = GTK_EDITABLE (zb_group_add_entry_row (group,
                                                _("Transferred in from (party organisation)")));
  *letter = GTK_EDITABLE (zb_group_add_entry_row (group, _("Introduction letter number, if any")));
  *date = GTK_EDITABLE (zb_group_add_entry_row (group, _("Date transferred in (YYYY-MM-DD)")));
  gtk_editable_set_text (*date, today);
}

void
zb_transfer_in_dialog_present (GtkWindow           *parent,
                               ZbStore             *store,
                               ZbMember            *member,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  GTask *task = g_task_new (store, NULL, callback, user_data);
  TransferIn *job = g_new0 (TransferIn, 1);
  GtkWidget *group = adw_preferences_group_new ();
  AdwMessageDialog *dialog;

  job->member_id = g_strdup (zb_member_get_id (member));
  g_task_set_source_tag (task, zb_transfer_in_dialog_present);
  g_task_set_task_data (task, job, (GDestroyNotify) transfer_in_free);

  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (parent, NULL, NULL));
  /* TRANSLATORS: %s is the person's name */
  adw_message_dialog_format_heading (dialog, _("%s Transferred Back In?"),
                                     zb_member_get (member, ZB_MEMBER_FIELD_NAME));
  adw_message_dialog_set_body (dialog, _("Their organisational relationship comes back to the "
                                         "branch: they are on the roster again from that day, "
                                         "with every record of theirs."));
  zb_transfer_in_rows_add (ADW_PREFERENCES_GROUP (group), &job->from_row, &job->letter_row,
                           &job->date_row);
  adw_message_dialog_set_extra_child (dialog, group);
  adw_message_dialog_add_responses (dialog, "cancel", _("_Cancel"), "record", _("_Record"), NULL);
  adw_message_dialog_set_response_appearance (dialog, "record", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (dialog, "record");
  adw_message_dialog_set_close_response (dialog, "cancel");
  g_signal_connect (dialog, "response", G_CALLBACK (response_cb), task);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* The ID of the transfer in recorded. */
char *
zb_transfer_in_dialog_finish (GAsyncResult  *result,
                              GError       **error)
{
  return g_task_propagate_pointer (G_TASK (result), error);
}
