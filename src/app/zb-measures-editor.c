#define G_LOG_DOMAIN "zb-measures-editor"

#include "config.h"

#include <glib/gi18n.h>

#include "zb-date.h"
#include "zb-measures-editor.h"
#include "zb-widget-util.h"

/* DOMAIN.md section 3: the measures a first item decides carry over; each
 * later meeting shows them until one is marked done with a note of how it
 * was done (落实情况). */
struct _ZbMeasuresEditor
{
  GtkWidget            parent_instance;

  AdwPreferencesGroup *decided_group;
  AdwPreferencesGroup *new_group;
  AdwEntryRow         *text_row;
  AdwEntryRow         *owner_row;
  AdwEntryRow         *due_row;
  GtkWidget           *add_button;
  AdwPreferencesGroup *carried_group;

  ZbStore             *store;
  char                *meeting_id;
  GCancellable        *cancellable;
  GHashTable          *carried_rows;  /* measure ID → its row */
  GHashTable          *decided_rows;  /* measure ID → its row, hidden once removed */
  guint                n_carried;
  gboolean             editable;
};

G_DEFINE_FINAL_TYPE (ZbMeasuresEditor, zb_measures_editor, GTK_TYPE_WIDGET)

/* "Decided 2026-10-15 · 各党小组组长 · due 2026-11-30 · done …" */
static char *
measure_subtitle (ZbMeasure *m,
                  gboolean   carried)
{
  g_autoptr(GPtrArray) parts = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *decided = zb_date_format_day (zb_measure_get_meeting_date (m));
  g_autofree char *due = zb_date_format_day (zb_measure_get_due_date (m));
  g_autofree char *done = zb_date_format_day (zb_measure_get_done_date (m));

  if (carried)
    /* TRANSLATORS: %s is the date of the meeting that decided the measure */
    g_ptr_array_add (parts, g_strdup_printf (_("Decided %s"), decided));
  if (zb_measure_get_owner (m) != NULL)
    g_ptr_array_add (parts, g_strdup (zb_measure_get_owner (m)));
  if (due != NULL)
    /* TRANSLATORS: %s is the date a measure is due */
    g_ptr_array_add (parts, g_strdup_printf (_("due %s"), due));
  if (g_strcmp0 (zb_measure_get_state (m), "done") == 0)
    /* TRANSLATORS: a measure marked done: the date, then how it was done */
    g_ptr_array_add (parts, g_strdup_printf (_("done %s: %s"), done,
                                             zb_measure_get_done_note (m)));
  g_ptr_array_add (parts, NULL);

  return g_strjoinv (" · ", (char **) parts->pdata);
}

static GtkWidget *
measure_row (ZbMeasure *m,
             gboolean   carried)
{
  GtkWidget *row = adw_action_row_new ();
  g_autofree char *subtitle = measure_subtitle (m, carried);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), zb_measure_get_text (m));
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  g_object_set_data_full (G_OBJECT (row), "measure", g_object_ref (m), g_object_unref);
  return row;
}

typedef struct
{
  char *id;
  char *date;
  char *note;
} DoneJob;

static void
done_job_free (DoneJob *job)
{
  g_free (job->id);
  g_free (job->date);
  g_free (job->note);
  g_free (job);
}

static gboolean
complete_call (ZbStore  *store,
               gpointer  data,
               GError  **error)
{
  DoneJob *job = data;

  return zb_store_complete_measure (store, job->id, job->date, job->note, error);
}

static void
completed_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(ZbMeasuresEditor) self = user_data;
  g_autoptr(GError) error = NULL;
  DoneJob *job = zb_store_call_get_data (result);
  GtkWidget *row;

  if (!zb_store_call_finish (ZB_STORE (object), result, &error))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        zb_widget_toast_error (GTK_WIDGET (self), error);
      return;
    }

  row = g_hash_table_lookup (self->carried_rows, job->id);
  if (row != NULL)
    {
      ZbMeasure *m = g_object_get_data (G_OBJECT (row), "measure");
      g_autofree char *subtitle = NULL;

      zb_measure_set_state (m, "done");
      zb_measure_set_done_date (m, job->date);
      zb_measure_set_done_note (m, job->note);
      subtitle = measure_subtitle (m, TRUE);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
      gtk_widget_set_visible (g_object_get_data (G_OBJECT (row), "done-button"), FALSE);
    }
}

void
zb_measures_editor_complete (ZbMeasuresEditor *self,
                             const char       *measure_id,
                             const char       *note)
{
  DoneJob *job = g_new0 (DoneJob, 1);

  job->id = g_strdup (measure_id);
  job->date = zb_date_today_iso ();
  job->note = g_strdup (note);
  zb_store_call_async (self->store, complete_call, job, (GDestroyNotify) done_job_free,
                       self->cancellable, completed_cb, g_object_ref (self));
}

static void
note_changed_cb (GtkEditable      *entry,
                 AdwMessageDialog *dialog)
{
  g_autofree char *note = g_strstrip (g_strdup (gtk_editable_get_text (entry)));

  adw_message_dialog_set_response_enabled (dialog, "done", *note != '\0');
}

/* The question before a measure is marked done, shared with the 落实举措
 * section: how it was done (落实情况), which the store requires. It answers
 * "done" only with a note; zb_measure_done_dialog_dup_note() reads it. */
AdwMessageDialog *
zb_measure_done_dialog_new (GtkWindow  *parent,
                            const char *measure_text)
{
  GtkWidget *entry = gtk_entry_new ();
  AdwMessageDialog *dialog;

  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (parent, _("How Was It Done?"),
                                                       measure_text));
  gtk_entry_set_placeholder_text (GTK_ENTRY (entry), _("What was carried out, and the result"));
  gtk_entry_set_activates_default (GTK_ENTRY (entry), TRUE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (entry), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("How it was done"), -1);
  adw_message_dialog_set_extra_child (dialog, entry);
  adw_message_dialog_add_responses (dialog, "cancel", _("_Cancel"), "done", _("Mark _Done"),
                                    NULL);
  adw_message_dialog_set_response_appearance (dialog, "done", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (dialog, "done");
  adw_message_dialog_set_response_enabled (dialog, "done", FALSE);
  g_signal_connect_object (entry, "changed", G_CALLBACK (note_changed_cb), dialog, 0);
  return dialog;
}

/* The note typed in the dialog, trimmed. */
char *
zb_measure_done_dialog_dup_note (AdwMessageDialog *dialog)
{
  GtkEditable *entry = GTK_EDITABLE (adw_message_dialog_get_extra_child (dialog));

  return g_strstrip (g_strdup (gtk_editable_get_text (entry)));
}

static void
done_response_cb (AdwMessageDialog *dialog,
                  const char       *response,
                  ZbMeasuresEditor *self)
{
  const char *id = g_object_get_data (G_OBJECT (dialog), "measure-id");
  g_autofree char *note = zb_measure_done_dialog_dup_note (dialog);

  if (g_str_equal (response, "done") && *note != '\0')
    zb_measures_editor_complete (self, id, note);
}

static void
done_clicked_cb (GtkButton        *button,
                 ZbMeasuresEditor *self)
{
  GtkWidget *row = gtk_widget_get_ancestor (GTK_WIDGET (button), ADW_TYPE_ACTION_ROW);
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  AdwMessageDialog *dialog;

  dialog = zb_measure_done_dialog_new (GTK_WINDOW (root),
                                       adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)));
  g_object_set_data_full (G_OBJECT (dialog), "measure-id",
                          g_strdup (g_object_get_data (G_OBJECT (row), "measure-id")), g_free);
  g_signal_connect_object (dialog, "response", G_CALLBACK (done_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
add_carried_row (ZbMeasuresEditor *self,
                 ZbMeasure        *m)
{
  GtkWidget *row = measure_row (m, TRUE);

  if (g_strcmp0 (zb_measure_get_state (m), "open") == 0)
    {
      GtkWidget *button = gtk_button_new_with_mnemonic (_("Mark _Done…"));

      gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
      g_signal_connect_object (button, "clicked", G_CALLBACK (done_clicked_cb), self, 0);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);
      g_object_set_data (G_OBJECT (row), "done-button", button);
    }
  g_object_set_data_full (G_OBJECT (row), "measure-id", g_strdup (zb_measure_get_id (m)), g_free);
  g_hash_table_insert (self->carried_rows, g_strdup (zb_measure_get_id (m)), row);
  adw_preferences_group_add (self->carried_group, row);
  self->n_carried++;
}

typedef struct
{
  char     *id;
  gboolean  removed;
} RemoveJob;

static void
remove_job_free (RemoveJob *job)
{
  g_free (job->id);
  g_free (job);
}

static gboolean
remove_call (ZbStore  *store,
             gpointer  data,
             GError  **error)
{
  RemoveJob *job = data;

  return job->removed ? zb_store_delete_measure (store, job->id, error)
                      : zb_store_restore_measure (store, job->id, error);
}

static void
undo_clicked_cb (AdwToast         *toast,
                 ZbMeasuresEditor *self)
{
  zb_measures_editor_restore (self, g_object_get_data (G_OBJECT (toast), "measure-id"));
}

static void
offer_undo (ZbMeasuresEditor *self,
            const char       *measure_id)
{
  GtkWidget *overlay = gtk_widget_get_ancestor (GTK_WIDGET (self), ADW_TYPE_TOAST_OVERLAY);
  AdwToast *toast;

  if (overlay == NULL)
    return;

  toast = adw_toast_new (_("Measure removed"));
  adw_toast_set_button_label (toast, _("_Undo"));
  adw_toast_set_priority (toast, ADW_TOAST_PRIORITY_HIGH);
  g_object_set_data_full (G_OBJECT (toast), "measure-id", g_strdup (measure_id), g_free);
  g_signal_connect_object (toast, "button-clicked", G_CALLBACK (undo_clicked_cb), self, 0);
  adw_toast_overlay_add_toast (ADW_TOAST_OVERLAY (overlay), toast);
}

static void
removed_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(ZbMeasuresEditor) self = user_data;
  g_autoptr(GError) error = NULL;
  RemoveJob *job = zb_store_call_get_data (result);
  GtkWidget *row;

  if (!zb_store_call_finish (ZB_STORE (object), result, &error))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        zb_widget_toast_error (GTK_WIDGET (self), error);
      return;
    }

  if ((row = g_hash_table_lookup (self->decided_rows, job->id)) != NULL)
    gtk_widget_set_visible (row, !job->removed);
  if (job->removed)
    offer_undo (self, job->id);
}

static void
set_removed (ZbMeasuresEditor *self,
             const char       *measure_id,
             gboolean          removed)
{
  RemoveJob *job = g_new0 (RemoveJob, 1);

  job->id = g_strdup (measure_id);
  job->removed = removed;
  zb_store_call_async (self->store, remove_call, job, (GDestroyNotify) remove_job_free,
                       self->cancellable, removed_cb, g_object_ref (self));
}

/* A measure recorded by mistake, before finalising: its row becomes a
 * tombstone, and the toast's Undo brings the same row back. */
void
zb_measures_editor_remove (ZbMeasuresEditor *self,
                           const char       *measure_id)
{
  set_removed (self, measure_id, TRUE);
}

void
zb_measures_editor_restore (ZbMeasuresEditor *self,
                            const char       *measure_id)
{
  set_removed (self, measure_id, FALSE);
}

static void
remove_clicked_cb (GtkButton        *button,
                   ZbMeasuresEditor *self)
{
  zb_measures_editor_remove (self, g_object_get_data (G_OBJECT (button), "measure-id"));
}

static void
add_decided_row (ZbMeasuresEditor *self,
                 ZbMeasure        *m)
{
  GtkWidget *row = measure_row (m, FALSE);
  GtkWidget *button = gtk_button_new_from_icon_name ("user-trash-symbolic");

  gtk_widget_set_tooltip_text (button, _("Remove Measure"));
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (button, "flat");
  gtk_widget_set_visible (button, self->editable);
  g_object_set_data_full (G_OBJECT (button), "measure-id", g_strdup (zb_measure_get_id (m)),
                          g_free);
  g_signal_connect_object (button, "clicked", G_CALLBACK (remove_clicked_cb), self, 0);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);
  g_object_set_data (G_OBJECT (row), "remove-button", button);
  g_hash_table_insert (self->decided_rows, g_strdup (zb_measure_get_id (m)), row);
  adw_preferences_group_add (self->decided_group, row);
}

static void
load (ZbMeasuresEditor *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) decided = zb_store_list_measures (self->store, self->meeting_id, &error);
  g_autoptr(GListModel) carried = NULL;

  for (guint i = 0; decided && i < g_list_model_get_n_items (decided); i++)
    {
      g_autoptr(ZbMeasure) m = g_list_model_get_item (decided, i);

      add_decided_row (self, m);
    }

  carried = zb_store_list_carried_measures (self->store, self->meeting_id, &error);
  for (guint i = 0; carried && i < g_list_model_get_n_items (carried); i++)
    {
      g_autoptr(ZbMeasure) m = g_list_model_get_item (carried, i);

      add_carried_row (self, m);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->carried_group), self->n_carried > 0);
}

static gboolean
add_call (ZbStore  *store,
          gpointer  data,
          GError  **error)
{
  g_autofree char *id = zb_store_add_measure (store, data, error);

  return id != NULL;
}

static void
added_cb (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(ZbMeasuresEditor) self = user_data;
  g_autoptr(GError) error = NULL;
  ZbMeasure *measure = zb_store_call_get_data (result);

  if (!zb_store_call_finish (ZB_STORE (object), result, &error))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        zb_widget_toast_error (GTK_WIDGET (self), error);
      return;
    }

  add_decided_row (self, measure);
  gtk_editable_set_text (GTK_EDITABLE (self->text_row), "");
  gtk_editable_set_text (GTK_EDITABLE (self->owner_row), "");
  gtk_editable_set_text (GTK_EDITABLE (self->due_row), "");
  gtk_widget_grab_focus (GTK_WIDGET (self->text_row));
}

void
zb_measures_editor_add (ZbMeasuresEditor *self,
                        const char       *text,
                        const char       *owner,
                        const char       *due_date)
{
  ZbMeasure *measure = zb_measure_new ();
  /* As people type a date (2026/11/30, 2026年11月30日); what is no date
   * goes on to the store, which names the field. */
  g_autofree char *iso = due_date ? zb_date_normalise_input (due_date) : NULL;

  zb_measure_set_meeting_id (measure, self->meeting_id);
  zb_measure_set_text (measure, text);
  zb_measure_set_owner (measure, owner);
  zb_measure_set_due_date (measure, iso ? iso : due_date);
  zb_store_call_async (self->store, add_call, measure, g_object_unref, self->cancellable,
                       added_cb, g_object_ref (self));
}

static void
add_clicked_cb (ZbMeasuresEditor *self)
{
  zb_measures_editor_add (self, zb_editable_text_or_null (self->text_row), zb_editable_text_or_null (self->owner_row),
                          zb_editable_text_or_null (self->due_row));
}

static void
zb_measures_editor_dispose (GObject *object)
{
  ZbMeasuresEditor *self = (ZbMeasuresEditor *)object;
  GtkWidget *child;

  g_cancellable_cancel (self->cancellable);
  gtk_widget_dispose_template (GTK_WIDGET (self), ZB_TYPE_MEASURES_EDITOR);
  /* The groups without an ID in the template are children all the same. */
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->store);
  g_clear_pointer (&self->meeting_id, g_free);
  g_clear_pointer (&self->carried_rows, g_hash_table_unref);
  g_clear_pointer (&self->decided_rows, g_hash_table_unref);

  G_OBJECT_CLASS (zb_measures_editor_parent_class)->dispose (object);
}

static void
zb_measures_editor_class_init (ZbMeasuresEditorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = zb_measures_editor_dispose;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/zhibu/Zhibu/ui/zb-measures-editor.ui");
  gtk_widget_class_bind_template_child (widget_class, ZbMeasuresEditor, decided_group);
  gtk_widget_class_bind_template_child (widget_class, ZbMeasuresEditor, new_group);
  gtk_widget_class_bind_template_child (widget_class, ZbMeasuresEditor, text_row);
  gtk_widget_class_bind_template_child (widget_class, ZbMeasuresEditor, owner_row);
  gtk_widget_class_bind_template_child (widget_class, ZbMeasuresEditor, due_row);
  gtk_widget_class_bind_template_child (widget_class, ZbMeasuresEditor, add_button);
  gtk_widget_class_bind_template_child (widget_class, ZbMeasuresEditor, carried_group);
}

static void
zb_measures_editor_init (ZbMeasuresEditor *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->cancellable = g_cancellable_new ();
  self->carried_rows = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->decided_rows = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->editable = TRUE;
  g_signal_connect_object (self->add_button, "clicked", G_CALLBACK (add_clicked_cb), self,
                           G_CONNECT_SWAPPED);
}

GtkWidget *
zb_measures_editor_new (ZbStore    *store,
                        const char *meeting_id)
{
  ZbMeasuresEditor *self = g_object_new (ZB_TYPE_MEASURES_EDITOR, NULL);

  self->store = g_object_ref (store);
  self->meeting_id = g_strdup (meeting_id);
  load (self);
  return GTK_WIDGET (self);
}

void
zb_measures_editor_set_editable (ZbMeasuresEditor *self,
                                 gboolean          editable)
{
  GHashTableIter iter;
  gpointer row;

  self->editable = editable;
  gtk_widget_set_visible (GTK_WIDGET (self->new_group), editable);
  g_hash_table_iter_init (&iter, self->decided_rows);
  while (g_hash_table_iter_next (&iter, NULL, &row))
    gtk_widget_set_visible (g_object_get_data (G_OBJECT (row), "remove-button"), editable);
}

/* The measures this meeting decided, as shown: removed ones left out. */
guint
zb_measures_editor_get_n_decided (ZbMeasuresEditor *self)
{
  GHashTableIter iter;
  gpointer row;
  guint n = 0;

  g_hash_table_iter_init (&iter, self->decided_rows);
  while (g_hash_table_iter_next (&iter, NULL, &row))
    n += gtk_widget_get_visible (row);
  return n;
}

guint
zb_measures_editor_get_n_carried (ZbMeasuresEditor *self)
{
  return self->n_carried;
}
