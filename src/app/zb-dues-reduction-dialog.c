#define G_LOG_DOMAIN "zb-dues-reduction-dialog"

#include "config.h"

#include <glib/gi18n.h>

#include "zb-date.h"
#include "zb-dues-ledger.h"
#include "zb-dues-reduction-dialog.h"
#include "zb-money.h"
#include "zb-widget-util.h"

/* The branch's decision that a member in real financial difficulty pays
 * less or nothing (少交或免交, DOMAIN.md section 4): the months, the reduced
 * monthly amount or a waiver, the date the branch decided it and why. The
 * store records it in one transaction in a worker thread, awaiting the
 * higher committee's approval (given on the dues page); until then the
 * months owe their usual dues. A field that cannot be read, or that the
 * store refuses, is marked and focused, the message under the fields. */

struct _ZbDuesReductionDialog
{
  AdwWindow     parent_instance;

  GtkLabel     *member_label;
  GtkEditable  *first_entry;
  GtkEditable  *last_entry;
  GtkSwitch    *waive_switch;
  GtkEditable  *amount_entry;
  GtkEditable  *date_entry;
  GtkEditable  *reason_entry;
  GtkLabel     *error_label;
  GtkWidget    *save_button;

  ZbStore      *store;
  char         *member_id;
  GCancellable *cancellable;
  GtkWidget    *error_field;   /* the field marked, or NULL */
  gboolean      saving;
};

enum
{
  SAVED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (ZbDuesReductionDialog, zb_dues_reduction_dialog, ADW_TYPE_WINDOW)

/* @message under the fields, and @field (if any) marked and focused. */
static void
show_error (ZbDuesReductionDialog *self,
            GtkWidget             *field,
            const char            *message)
{
  zb_form_show_error (&self->error_field, field, self->error_label, message);
}

/* The field a message of the store names, by the label it starts with. */
static GtkWidget *
field_named (ZbDuesReductionDialog *self,
             const char            *message)
{
  struct { const char *label; gpointer field; } fields[] = {
    { _("From month"), self->first_entry },
    { _("To month"), self->last_entry },
    { _("Amount due instead"), self->amount_entry },
    { _("Decided by the branch on"), self->date_entry },
    { _("Reason"), self->reason_entry },
  };

  for (guint i = 0; i < G_N_ELEMENTS (fields); i++)
    if (g_str_has_prefix (message, fields[i].label))
      return fields[i].field;
  return NULL;
}

static void
set_saving (ZbDuesReductionDialog *self,
            gboolean               saving)
{
  self->saving = saving;
  gtk_widget_set_sensitive (self->save_button, !saving);
}

typedef struct
{
  char   *member_id;
  char   *first;
  char   *last;
  gint64  due_fen;
  char   *decided;
  char   *reason;
} SaveJob;

static void
save_job_free (SaveJob *job)
{
  g_free (job->member_id);
  g_free (job->first);
  g_free (job->last);
  g_free (job->decided);
  g_free (job->reason);
  g_free (job);
}

static void
save_thread (GTask        *task,
             gpointer      source,
             gpointer      task_data,
             GCancellable *cancellable)
{
  SaveJob *job = task_data;
  GError *error = NULL;
  GStrv ids = zb_store_add_dues_reductions (source, job->member_id, job->first, job->last,
                                            job->due_fen, job->decided, job->reason, &error);

  if (ids != NULL)
    g_task_return_pointer (task, ids, (GDestroyNotify) g_strfreev);
  else
    g_task_return_error (task, error);
}

static void
save_done_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(ZbDuesReductionDialog) self = user_data;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) ids = g_task_propagate_pointer (G_TASK (result), &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  set_saving (self, FALSE);
  if (ids == NULL)
    {
      show_error (self, field_named (self, error->message), error->message);
      return;
    }
  g_signal_emit (self, signals[SAVED], 0, g_strv_length (ids));
  gtk_window_destroy (GTK_WINDOW (self));
}

/* A month as year-month, else the field marked with what to write. */
static gboolean
read_month (ZbDuesReductionDialog *self,
            GtkEditable           *field,
            const char            *label)
{
  ZbMonth month;
  g_autofree char *message = NULL;

  if (zb_month_parse (gtk_editable_get_text (field), &month))
    return TRUE;
  /* TRANSLATORS: %s the field */
  message = g_strdup_printf (_("%s: write the month as year-month, such as 2026-03"), label);
  show_error (self, GTK_WIDGET (field), message);
  return FALSE;
}

/* The reduced monthly amount in fen, 0 when waived. */
static gboolean
read_amount (ZbDuesReductionDialog *self,
             gint64                *fen)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;

  *fen = 0;
  if (gtk_switch_get_active (self->waive_switch))
    return TRUE;
  if (zb_money_parse_yuan (gtk_editable_get_text (self->amount_entry), fen, &error))
    return TRUE;
  /* TRANSLATORS: %s says what is wrong with the amount written */
  message = g_strdup_printf (_("Reduced monthly amount: %s"), error->message);
  show_error (self, GTK_WIDGET (self->amount_entry), message);
  return FALSE;
}

static gboolean
read_date (ZbDuesReductionDialog *self)
{
  GDate date;

  if (zb_date_parse_iso (gtk_editable_get_text (self->date_entry), &date))
    return TRUE;
  show_error (self, GTK_WIDGET (self->date_entry),
              _("Decided by the branch on: write the date as year-month-day, such as "
                "2026-03-05"));
  return FALSE;
}

static void
save_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  ZbDuesReductionDialog *self = ZB_DUES_REDUCTION_DIALOG (widget);
  g_autoptr(GTask) task = NULL;
  SaveJob *job;
  gint64 fen;

  if (self->saving)
    return;
  if (!read_month (self, self->first_entry, _("From month")) ||
      !read_month (self, self->last_entry, _("To month")) ||
      !read_amount (self, &fen) || !read_date (self))
    return;
  show_error (self, NULL, NULL);

  job = g_new0 (SaveJob, 1);
  job->member_id = g_strdup (self->member_id);
  job->first = g_strdup (gtk_editable_get_text (self->first_entry));
  job->last = g_strdup (gtk_editable_get_text (self->last_entry));
  job->due_fen = fen;
  job->decided = g_strdup (gtk_editable_get_text (self->date_entry));
  job->reason = g_strdup (zb_editable_text_or_null (self->reason_entry));
  set_saving (self, TRUE);
  task = g_task_new (self->store, self->cancellable, save_done_cb, g_object_ref (self));
  g_task_set_source_tag (task, save_action);
  g_task_set_task_data (task, job, (GDestroyNotify) save_job_free);
  g_task_run_in_thread (task, save_thread);
}

/* Waived: no amount to give. */
static void
waive_changed_cb (ZbDuesReductionDialog *self)
{
  gtk_widget_set_sensitive (GTK_WIDGET (self->amount_entry),
                            !gtk_switch_get_active (self->waive_switch));
}

static void
zb_dues_reduction_dialog_dispose (GObject *object)
{
  ZbDuesReductionDialog *self = ZB_DUES_REDUCTION_DIALOG (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->store);
  g_clear_pointer (&self->member_id, g_free);

  G_OBJECT_CLASS (zb_dues_reduction_dialog_parent_class)->dispose (object);
}

static void
zb_dues_reduction_dialog_class_init (ZbDuesReductionDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = zb_dues_reduction_dialog_dispose;

  /* How many months were reduced or waived. */
  signals[SAVED] = g_signal_new ("saved", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL,
                                 NULL, NULL, G_TYPE_NONE, 1, G_TYPE_UINT);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/zhibu/Zhibu/ui/"
                                               "zb-dues-reduction-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, ZbDuesReductionDialog, member_label);
  gtk_widget_class_bind_template_child (widget_class, ZbDuesReductionDialog, first_entry);
  gtk_widget_class_bind_template_child (widget_class, ZbDuesReductionDialog, last_entry);
  gtk_widget_class_bind_template_child (widget_class, ZbDuesReductionDialog, waive_switch);
  gtk_widget_class_bind_template_child (widget_class, ZbDuesReductionDialog, amount_entry);
  gtk_widget_class_bind_template_child (widget_class, ZbDuesReductionDialog, date_entry);
  gtk_widget_class_bind_template_child (widget_class, ZbDuesReductionDialog, reason_entry);
  gtk_widget_class_bind_template_child (widget_class, ZbDuesReductionDialog, error_label);
  gtk_widget_class_bind_template_child (widget_class, ZbDuesReductionDialog, save_button);
  gtk_widget_class_bind_template_callback (widget_class, waive_changed_cb);

  gtk_widget_class_install_action (widget_class, "reduction.save", NULL, save_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
zb_dues_reduction_dialog_init (ZbDuesReductionDialog *self)
{
  g_autofree char *today = zb_date_today_iso ();
  g_autofree char *month = g_strndup (today, 7);

  gtk_widget_init_template (GTK_WIDGET (self));
  self->cancellable = g_cancellable_new ();
  gtk_editable_set_text (self->first_entry, month);
  gtk_editable_set_text (self->last_entry, month);
  gtk_editable_set_text (self->date_entry, today);
}

/* A dialog recording the branch's decision to reduce or waive the dues of
 * the member of @member_id, named @name. */
ZbDuesReductionDialog *
zb_dues_reduction_dialog_new (ZbStore    *store,
                              const char *member_id,
                              const char *name)
{
  ZbDuesReductionDialog *self = g_object_new (ZB_TYPE_DUES_REDUCTION_DIALOG, NULL);
  g_autofree char *title = NULL;

  self->store = g_object_ref (store);
  self->member_id = g_strdup (member_id);
  /* TRANSLATORS: the dialog's subtitle: %s the member */
  title = g_strdup_printf (_("Dues of %s"), name);
  gtk_label_set_text (self->member_label, title);
  /* The keyboard starts at the first field, not at Cancel. */
  gtk_window_set_focus (GTK_WINDOW (self), GTK_WIDGET (self->first_entry));
  return self;
}

gboolean
zb_dues_reduction_dialog_is_saving (ZbDuesReductionDialog *self)
{
  g_return_val_if_fail (ZB_IS_DUES_REDUCTION_DIALOG (self), FALSE);

  return self->saving;
}

/* The refusal shown, or NULL. */
const char *
zb_dues_reduction_dialog_get_error (ZbDuesReductionDialog *self)
{
  g_return_val_if_fail (ZB_IS_DUES_REDUCTION_DIALOG (self), NULL);

  return gtk_widget_get_visible (GTK_WIDGET (self->error_label))
         ? gtk_label_get_text (self->error_label) : NULL;
}

/* The field the refusal marks, or NULL. */
GtkWidget *
zb_dues_reduction_dialog_get_error_field (ZbDuesReductionDialog *self)
{
  g_return_val_if_fail (ZB_IS_DUES_REDUCTION_DIALOG (self), NULL);

  return self->error_field;
}
