#define G_LOG_DOMAIN "zb-dues-payment-dialog"

#include "config.h"

#include <glib/gi18n.h>

#include "zb-date.h"
#include "zb-dues-ledger.h"
#include "zb-dues-line.h"
#include "zb-dues-payment-dialog.h"
#include "zb-money.h"
#include "zb-widget-util.h"

/* Recording a payment of dues: the months it covers, the amount prefilled
 * with what those months owe by the member's ledger, the payment date,
 * method, receipt number, who paid on the member's behalf, and whether it
 * is voluntary extra dues. The store checks it against the ledger in a
 * worker thread; a refusal stays in the dialog, naming the field, and
 * "saved" carries the warnings of a payment taken (arrears made up more
 * than six months back, the Dues Rules) for the page to show. */

struct _ZbDuesPaymentDialog
{
  AdwWindow     parent_instance;

  GtkLabel     *member_label;
  GtkEditable  *first_entry;
  GtkEditable  *last_entry;
  GtkEditable  *amount_entry;
  GtkEditable  *date_entry;
  GtkEditable  *method_entry;
  GtkEditable  *receipt_entry;
  GtkEditable  *behalf_entry;
  GtkCheckButton *extra_check;
  GtkLabel     *error_label;
  GtkWidget    *save_button;

  ZbStore      *store;
  char         *member_id;
  GListModel   *ledger;
  GCancellable *cancellable;
  gboolean      saving;
};

enum
{
  SAVED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (ZbDuesPaymentDialog, zb_dues_payment_dialog, ADW_TYPE_WINDOW)

/* What the months @first to @last owe by the ledger; months past its end
 * (paid ahead) owe what its last month does. FALSE when the months cannot
 * be read. */
static gboolean
months_owe (GListModel *ledger,
            const char *first,
            const char *last,
            gint64     *fen)
{
  guint n = g_list_model_get_n_items (ledger);
  ZbMonth from, to, end = 0;
  gint64 last_due = 0;

  *fen = 0;
  if (!zb_month_parse (first, &from) || !zb_month_parse (last, &to) || to < from)
    return FALSE;
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(ZbDuesLine) line = g_list_model_get_item (ledger, i);
      ZbMonth month;

      if (!zb_month_parse (zb_dues_line_get_month (line), &month))
        continue;
      end = month;
      last_due = zb_dues_line_get_due_fen (line);
      if (month >= from && month <= to && g_strcmp0 (zb_dues_line_get_state (line), "due") == 0)
        *fen += last_due;
    }
  for (ZbMonth m = MAX (from, end + 1); m <= to && n > 0; m++)
    *fen += last_due;
  return TRUE;
}

static void
update_amount (ZbDuesPaymentDialog *self)
{
  g_autofree char *text = NULL;
  gint64 fen;

  if (!months_owe (self->ledger, gtk_editable_get_text (self->first_entry),
                   gtk_editable_get_text (self->last_entry), &fen))
    return;
  text = zb_money_format_yuan (fen);
  gtk_editable_set_text (self->amount_entry, text);
}

/* The months first prefilled: every month unpaid, or the month after the
 * ledger's last, paid ahead. */
static void
prefill_months (ZbDuesPaymentDialog *self)
{
  guint n = g_list_model_get_n_items (self->ledger);
  g_autofree char *first = NULL, *last = NULL;

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(ZbDuesLine) line = g_list_model_get_item (self->ledger, i);

      if (g_strcmp0 (zb_dues_line_get_state (line), "due") != 0)
        continue;
      if (first == NULL)
        first = g_strdup (zb_dues_line_get_month (line));
      g_free (last);
      last = g_strdup (zb_dues_line_get_month (line));
    }
  if (first == NULL && n > 0)
    {
      g_autoptr(ZbDuesLine) line = g_list_model_get_item (self->ledger, n - 1);
      ZbMonth month;

      if (zb_month_parse (zb_dues_line_get_month (line), &month))
        first = zb_month_format (month + 1);
      last = g_strdup (first);
    }
  if (first == NULL)
    {
      g_autofree char *today = zb_date_today_iso ();

      first = g_strndup (today, 7);
      last = g_strdup (first);
    }
  gtk_editable_set_text (self->first_entry, first);
  gtk_editable_set_text (self->last_entry, last);
  update_amount (self);
}

static void
show_error (ZbDuesPaymentDialog *self,
            const char          *message)
{
  gtk_label_set_text (self->error_label, message != NULL ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), message != NULL);
}

static void
set_saving (ZbDuesPaymentDialog *self,
            gboolean             saving)
{
  self->saving = saving;
  gtk_widget_set_sensitive (self->save_button, !saving);
}

typedef struct
{
  ZbPayment *payment;
  GPtrArray *warnings;
} SaveJob;

static void
save_job_free (SaveJob *job)
{
  g_clear_object (&job->payment);
  g_ptr_array_unref (job->warnings);
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
  char *id = zb_store_record_dues_payment (source, job->payment, job->warnings, &error);

  if (id != NULL)
    g_task_return_pointer (task, id, g_free);
  else
    g_task_return_error (task, error);
}

static void
save_done_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(ZbDuesPaymentDialog) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *id = g_task_propagate_pointer (G_TASK (result), &error);
  SaveJob *job = g_task_get_task_data (G_TASK (result));

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  set_saving (self, FALSE);
  if (id == NULL)
    {
      show_error (self, error->message);
      return;
    }
  g_ptr_array_add (job->warnings, NULL);
  g_signal_emit (self, signals[SAVED], 0, (GStrv) job->warnings->pdata);
  gtk_window_destroy (GTK_WINDOW (self));
}

static void
save_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  ZbDuesPaymentDialog *self = ZB_DUES_PAYMENT_DIALOG (widget);
  g_autoptr(ZbPayment) payment = zb_payment_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GTask) task = NULL;
  SaveJob *job;
  gint64 fen;

  if (self->saving)
    return;
  if (!zb_money_parse_yuan (gtk_editable_get_text (self->amount_entry), &fen, &error))
    {
      /* TRANSLATORS: %s says what is wrong with the amount written */
      g_autofree char *message = g_strdup_printf (_("Amount: %s"), error->message);

      show_error (self, message);
      gtk_widget_grab_focus (GTK_WIDGET (self->amount_entry));
      return;
    }
  show_error (self, NULL);
  zb_payment_set_member_id (payment, self->member_id);
  zb_payment_set_first_month (payment, zb_editable_text_or_null (self->first_entry));
  zb_payment_set_last_month (payment, zb_editable_text_or_null (self->last_entry));
  zb_payment_set_amount_fen (payment, fen);
  zb_payment_set_paid_date (payment, zb_editable_text_or_null (self->date_entry));
  zb_payment_set_method (payment, zb_editable_text_or_null (self->method_entry));
  zb_payment_set_receipt_number (payment, zb_editable_text_or_null (self->receipt_entry));
  zb_payment_set_on_behalf_by (payment, zb_editable_text_or_null (self->behalf_entry));
  zb_payment_set_extra (payment, gtk_check_button_get_active (self->extra_check));

  job = g_new0 (SaveJob, 1);
  job->payment = g_steal_pointer (&payment);
  job->warnings = g_ptr_array_new_with_free_func (g_free);
  set_saving (self, TRUE);
  task = g_task_new (self->store, self->cancellable, save_done_cb, g_object_ref (self));
  g_task_set_source_tag (task, save_action);
  g_task_set_task_data (task, job, (GDestroyNotify) save_job_free);
  g_task_run_in_thread (task, save_thread);
}

static void
months_changed_cb (ZbDuesPaymentDialog *self)
{
  update_amount (self);
}

static void
zb_dues_payment_dialog_dispose (GObject *object)
{
  ZbDuesPaymentDialog *self = ZB_DUES_PAYMENT_DIALOG (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->store);
  g_clear_object (&self->ledger);
  g_clear_pointer (&self->member_id, g_free);

  G_OBJECT_CLASS (zb_dues_payment_dialog_parent_class)->dispose (object);
}

static void
zb_dues_payment_dialog_class_init (ZbDuesPaymentDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = zb_dues_payment_dialog_dispose;

  /* The warnings of the payment taken, NULL-terminated (none: empty). */
  signals[SAVED] = g_signal_new ("saved", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL,
                                 NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRV);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/zhibu/Zhibu/ui/"
                                               "zb-dues-payment-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, ZbDuesPaymentDialog, member_label);
  gtk_widget_class_bind_template_child (widget_class, ZbDuesPaymentDialog, first_entry);
  gtk_widget_class_bind_template_child (widget_class, ZbDuesPaymentDialog, last_entry);
  gtk_widget_class_bind_template_child (widget_class, ZbDuesPaymentDialog, amount_entry);
  gtk_widget_class_bind_template_child (widget_class, ZbDuesPaymentDialog, date_entry);
  gtk_widget_class_bind_template_child (widget_class, ZbDuesPaymentDialog, method_entry);
  gtk_widget_class_bind_template_child (widget_class, ZbDuesPaymentDialog, receipt_entry);
  gtk_widget_class_bind_template_child (widget_class, ZbDuesPaymentDialog, behalf_entry);
  gtk_widget_class_bind_template_child (widget_class, ZbDuesPaymentDialog, extra_check);
  gtk_widget_class_bind_template_child (widget_class, ZbDuesPaymentDialog, error_label);
  gtk_widget_class_bind_template_child (widget_class, ZbDuesPaymentDialog, save_button);
  gtk_widget_class_bind_template_callback (widget_class, months_changed_cb);

  gtk_widget_class_install_action (widget_class, "payment.save", NULL, save_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
zb_dues_payment_dialog_init (ZbDuesPaymentDialog *self)
{
  g_autofree char *today = zb_date_today_iso ();

  gtk_widget_init_template (GTK_WIDGET (self));
  self->cancellable = g_cancellable_new ();
  gtk_editable_set_text (self->date_entry, today);
}

/* A dialog recording a payment by the member of @member_id, named @name,
 * whose ledger (of ZbDuesLine) is @ledger. */
ZbDuesPaymentDialog *
zb_dues_payment_dialog_new (ZbStore    *store,
                            const char *member_id,
                            const char *name,
                            GListModel *ledger)
{
  ZbDuesPaymentDialog *self = g_object_new (ZB_TYPE_DUES_PAYMENT_DIALOG, NULL);
  g_autofree char *title = NULL;

  self->store = g_object_ref (store);
  self->member_id = g_strdup (member_id);
  self->ledger = g_object_ref (ledger);
  /* TRANSLATORS: the dialog's subtitle: %s the member who pays */
  title = g_strdup_printf (_("Dues paid by %s"), name);
  gtk_label_set_text (self->member_label, title);
  prefill_months (self);
  /* The keyboard starts at the first field, not at Cancel. */
  gtk_window_set_focus (GTK_WINDOW (self), GTK_WIDGET (self->first_entry));
  return self;
}

gboolean
zb_dues_payment_dialog_is_saving (ZbDuesPaymentDialog *self)
{
  g_return_val_if_fail (ZB_IS_DUES_PAYMENT_DIALOG (self), FALSE);

  return self->saving;
}

/* The refusal shown, or NULL. */
const char *
zb_dues_payment_dialog_get_error (ZbDuesPaymentDialog *self)
{
  g_return_val_if_fail (ZB_IS_DUES_PAYMENT_DIALOG (self), NULL);

  return gtk_widget_get_visible (GTK_WIDGET (self->error_label))
         ? gtk_label_get_text (self->error_label) : NULL;
}
