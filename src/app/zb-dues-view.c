#define G_LOG_DOMAIN "zb-dues-view"

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "zb-arrears.h"
#include "zb-date.h"
#include "zb-dues-line.h"
#include "zb-dues-payment-dialog.h"
#include "zb-dues-review-dialog.h"
#include "zb-dues-view-private.h"
#include "zb-money.h"
#include "zb-pdf-preview.h"
#include "zb-pdf-records.h"
#include "zb-widget-util.h"

/* The dues page (党费): every member who owes dues, in pinyin order as the
 * store lists them, with the months each is in arrears before this month
 * (3 months a warning, 6 an alert: the Dues Rules, as `zhibu-cli dues
 * arrears` counts them); the chosen member's ledger month by month and
 * payments, each receipt and the year's ledger printable through the
 * preview. The branch's decisions to reduce or waive a member's dues
 * (少交或免交) are recorded here and approved when the higher committee
 * has; the ledger marks the months they touch, and until approved they
 * still owe (the store reckons it: DOMAIN.md section 4; see
 * zb-dues-view-reductions.c). The yearly review of bases opens from here.
 * Every read and write runs in a worker thread (GTask); a reload while one
 * runs replaces it. */

G_DEFINE_FINAL_TYPE (ZbDuesView, zb_dues_view, GTK_TYPE_WIDGET)

static char *
this_month (void)
{
  g_autofree char *today = zb_date_today_iso ();

  return g_strndup (today, 7);
}

ZbStore *
zb_dues_view_store (ZbDuesView *self)
{
  return self->context != NULL ? zb_context_get_store (self->context) : NULL;
}

static void
show_error (ZbDuesView   *self,
            const GError *error)
{
  gtk_label_set_text (self->error_label, error != NULL ? error->message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), error != NULL);
}

void
zb_dues_view_update_loading (ZbDuesView *self)
{
  gboolean busy = self->loading || self->ledger_loading || self->approving > 0;

  gtk_spinner_set_spinning (self->spinner, busy);
  gtk_widget_set_visible (GTK_WIDGET (self->spinner), busy);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "dues.record-payment",
                                 self->member_id != NULL && self->ledger != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "dues.print-ledger", self->member_id != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "dues.reduce",
                                 self->member_id != NULL && self->ledger != NULL);
}

static void
clear_list (GtkListBox *list)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (list))) != NULL)
    gtk_list_box_remove (list, child);
}

/* The months as people write them: 2026年4月、2026年5月 in Chinese. */
static char *
join_months (const char * const *months)
{
  GString *out = g_string_new (NULL);

  for (guint i = 0; months[i] != NULL; i++)
    {
      g_autofree char *month = zb_date_format_period (months[i]);

      if (i > 0)
        /* TRANSLATORS: between the items of a list (、 in Chinese) */
        g_string_append (out, C_("list", ", "));
      g_string_append (out, month);
    }
  return g_string_free (out, FALSE);
}

/* What the member's row says of the arrears: none, or how many months,
 * which, and the level plainly. */
static char *
arrears_text (ZbArrears *arrears)
{
  const char * const *months;
  g_autofree char *list = NULL;
  guint n;
  const char *level;

  if (arrears == NULL)
    return g_strdup (_("No arrears"));
  months = zb_arrears_get_months (arrears);
  n = g_strv_length ((GStrv) months);
  list = join_months (months);
  level = zb_arrears_get_level (arrears);
  if (g_strcmp0 (level, "alert") == 0)
    /* TRANSLATORS: %u months of Party dues unpaid, %s the months */
    return g_strdup_printf (ngettext ("Alert: %u month in arrears (%s)",
                                      "Alert: %u months in arrears (%s)", n), n, list);
  if (g_strcmp0 (level, "warning") == 0)
    return g_strdup_printf (ngettext ("Warning: %u month in arrears (%s)",
                                      "Warning: %u months in arrears (%s)", n), n, list);
  return g_strdup_printf (ngettext ("%u month in arrears (%s)",
                                    "%u months in arrears (%s)", n), n, list);
}

static GtkWidget *
member_row (ZbMember  *member,
            ZbArrears *arrears)
{
  GtkWidget *row = adw_action_row_new ();
  g_autofree char *subtitle = arrears_text (arrears);
  const char *level = arrears != NULL ? zb_arrears_get_level (arrears) : NULL;

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row),
                                 zb_member_get (member, ZB_MEMBER_FIELD_NAME));
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
  if (g_strcmp0 (level, "alert") == 0)
    gtk_widget_add_css_class (row, "error");
  else if (g_strcmp0 (level, "warning") == 0)
    gtk_widget_add_css_class (row, "warning");
  g_object_set_data_full (G_OBJECT (row), "member-id", g_strdup (zb_member_get_id (member)),
                          g_free);
  g_object_set_data_full (G_OBJECT (row), "name",
                          g_strdup (zb_member_get (member, ZB_MEMBER_FIELD_NAME)), g_free);
  return row;
}

typedef struct
{
  GListModel *members;
  GListModel *arrears;
} Load;

static void
load_free (Load *load)
{
  g_clear_object (&load->members);
  g_clear_object (&load->arrears);
  g_free (load);
}

static void
load_thread (GTask        *task,
             gpointer      source,
             gpointer      task_data,
             GCancellable *cancellable)
{
  Load *load = task_data;
  g_autofree char *month = this_month ();
  GError *error = NULL;

  load->members = zb_store_list_members (source, FALSE, &error);
  if (load->members != NULL)
    load->arrears = zb_store_dues_arrears (source, month, &error);
  if (error != NULL)
    g_task_return_error (task, error);
  else
    g_task_return_boolean (task, TRUE);
}

static ZbArrears *
arrears_of (GListModel *arrears,
            const char *member_id)
{
  for (guint i = 0; i < g_list_model_get_n_items (arrears); i++)
    {
      g_autoptr(ZbArrears) a = g_list_model_get_item (arrears, i);

      if (g_strcmp0 (zb_arrears_get_member_id (a), member_id) == 0)
        return g_steal_pointer (&a);
    }
  return NULL;
}

/* Members in normal standing with an admission date: those who pay dues
 * (the Dues Rules: from the month of admission). */
static gboolean
pays_dues (ZbMember *member)
{
  return g_strcmp0 (zb_member_get (member, ZB_MEMBER_FIELD_STATUS), ZB_STATUS_NORMAL) == 0 &&
         zb_member_get (member, ZB_MEMBER_FIELD_JOINED_DATE) != NULL;
}

static void load_ledger (ZbDuesView *self);

static void
show_members (ZbDuesView *self,
              Load       *load)
{
  GtkListBoxRow *chosen = NULL;

  clear_list (self->member_list);
  for (guint i = 0; i < g_list_model_get_n_items (load->members); i++)
    {
      g_autoptr(ZbMember) member = g_list_model_get_item (load->members, i);
      g_autoptr(ZbArrears) arrears = NULL;
      GtkWidget *row;

      if (!pays_dues (member))
        continue;
      arrears = arrears_of (load->arrears, zb_member_get_id (member));
      row = member_row (member, arrears);
      gtk_list_box_append (self->member_list, row);
      if (g_strcmp0 (self->wanted_id, zb_member_get_id (member)) == 0 ||
          (chosen == NULL && g_strcmp0 (self->member_id, zb_member_get_id (member)) == 0))
        chosen = GTK_LIST_BOX_ROW (row);
    }
  g_clear_pointer (&self->wanted_id, g_free);
  if (chosen != NULL)
    gtk_list_box_select_row (self->member_list, chosen);
}

static void
load_done_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(ZbDuesView) self = user_data;
  g_autoptr(GError) error = NULL;
  gboolean ok = g_task_propagate_boolean (G_TASK (result), &error);

  /* Replaced by a newer reload, or the view is gone. */
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  self->loading = FALSE;
  show_error (self, error);
  if (ok)
    show_members (self, g_task_get_task_data (G_TASK (result)));
  zb_dues_view_update_loading (self);
  if (ok)
    load_ledger (self);
}

/* One month of the ledger: what was due and whether it is paid, and any
 * reduction or waiver of it. */
static GtkWidget *
line_row (ZbDuesLine  *line,
          ZbReduction *reduction)
{
  GtkWidget *row = adw_action_row_new ();
  const char *state = zb_dues_line_get_state (line);
  g_autofree char *due = zb_money_format_yuan (zb_dues_line_get_due_fen (line));
  g_autofree char *paid = zb_money_format_yuan (zb_dues_line_get_paid_fen (line));
  g_autofree char *text = NULL;
  g_autofree char *month = NULL;

  if (g_strcmp0 (state, "paid") == 0)
    /* TRANSLATORS: a month of the dues ledger: %s yuan paid */
    text = g_strdup_printf (_("Paid: %s yuan"), paid);
  else if (g_strcmp0 (state, "waived") == 0)
    /* TRANSLATORS: a month of the dues ledger, waived with approval */
    text = g_strdup (_("Waived"));
  else
    /* TRANSLATORS: a month of the dues ledger: %s yuan due, not paid */
    text = g_strdup_printf (_("Due, unpaid: %s yuan"), due);
  if (reduction != NULL)
    {
      g_autofree char *note = zb_dues_view_reduction_note (reduction, state);
      g_autofree char *both = g_strdup_printf ("%s · %s", text, note);

      g_free (text);
      text = g_steal_pointer (&both);
    }
  month = zb_date_format_period (zb_dues_line_get_month (line));
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), month);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), text);
  if (g_strcmp0 (state, "due") == 0)
    gtk_widget_add_css_class (row, "warning");
  return row;
}

/* A payment, with a button to print its receipt. */
static GtkWidget *
payment_row (ZbPayment *payment)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *button = gtk_button_new_from_icon_name ("document-print-symbolic");
  g_autofree char *amount = zb_money_format_yuan (zb_payment_get_amount_fen (payment));
  g_autofree char *first = zb_date_format_period (zb_payment_get_first_month (payment));
  g_autofree char *last = zb_date_format_period (zb_payment_get_last_month (payment));
  g_autofree char *paid = zb_date_format_day (zb_payment_get_paid_date (payment));
  g_autofree char *title = NULL, *subtitle = NULL, *label = NULL;

  /* TRANSLATORS: a payment of dues: %1$s and %2$s the first and last month */
  title = g_strdup_printf (_("%1$s to %2$s"), first, last);
  /* TRANSLATORS: %1$s yuan paid on the date %2$s, receipt number %3$s */
  subtitle = g_strdup_printf (_("%1$s yuan on %2$s, receipt %3$s"), amount, paid,
                              zb_payment_get_receipt_number (payment) != NULL
                              ? zb_payment_get_receipt_number (payment) : "—");
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);

  label = g_strdup_printf (_("Print the receipt of %s"), title);
  gtk_widget_set_tooltip_text (button, _("Print Receipt"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, label,
                                  -1);
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (button, "flat");
  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), "dues.print-receipt");
  gtk_actionable_set_action_target (GTK_ACTIONABLE (button), "s", zb_payment_get_id (payment));
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);
  return row;
}

typedef struct
{
  char       *member_id;
  GListModel *lines;
  GListModel *payments;
  GListModel *reductions;
} LedgerLoad;

static void
ledger_load_free (LedgerLoad *load)
{
  g_free (load->member_id);
  g_clear_object (&load->lines);
  g_clear_object (&load->payments);
  g_clear_object (&load->reductions);
  g_free (load);
}

static void
ledger_thread (GTask        *task,
               gpointer      source,
               gpointer      task_data,
               GCancellable *cancellable)
{
  LedgerLoad *load = task_data;
  g_autofree char *month = this_month ();
  GError *error = NULL;

  load->lines = zb_store_dues_ledger (source, load->member_id, month, &error);
  if (load->lines != NULL)
    load->payments = zb_store_list_dues_payments (source, load->member_id, &error);
  if (load->payments != NULL)
    load->reductions = zb_store_list_dues_reductions (source, load->member_id, &error);
  if (error != NULL)
    g_task_return_error (task, error);
  else
    g_task_return_boolean (task, TRUE);
}

/* The months the ledger reckons: those with a base. The months before the
 * first base, back to admission, have no known due (-1): the branch's
 * earlier ledger holds them, and the store counts no arrears there. */
static GListModel *
reckoned_lines (GListModel *lines)
{
  GListStore *kept = g_list_store_new (ZB_TYPE_DUES_LINE);

  for (guint i = 0; i < g_list_model_get_n_items (lines); i++)
    {
      g_autoptr(ZbDuesLine) line = g_list_model_get_item (lines, i);

      if (zb_dues_line_get_due_fen (line) >= 0)
        g_list_store_append (kept, line);
    }
  return G_LIST_MODEL (kept);
}

/* A heading and its list, shown only when the list has rows. */
static void
show_section (GtkWidget  *heading,
              GtkListBox *list)
{
  gboolean rows = gtk_widget_get_first_child (GTK_WIDGET (list)) != NULL;

  gtk_widget_set_visible (heading, rows);
  gtk_widget_set_visible (GTK_WIDGET (list), rows);
}

static void
ledger_done_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(ZbDuesView) self = user_data;
  g_autoptr(GError) error = NULL;
  LedgerLoad *load = g_task_get_task_data (G_TASK (result));

  g_task_propagate_boolean (G_TASK (result), &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  self->ledger_loading = FALSE;
  show_error (self, error);
  clear_list (self->ledger_list);
  clear_list (self->payment_list);
  clear_list (self->reduction_list);
  g_clear_object (&self->ledger);
  g_clear_object (&self->reductions);
  if (error == NULL)
    {
      g_autoptr(GHashTable) reduced = zb_dues_view_reductions_by_month (load->reductions);
      guint n;

      self->ledger = reckoned_lines (load->lines);
      self->reductions = g_object_ref (load->reductions);
      n = g_list_model_get_n_items (self->ledger);
      /* The latest month first: what a secretary looks for. */
      for (guint i = n; i > 0; i--)
        {
          g_autoptr(ZbDuesLine) line = g_list_model_get_item (self->ledger, i - 1);
          ZbReduction *reduction = g_hash_table_lookup (reduced, zb_dues_line_get_month (line));

          gtk_list_box_append (self->ledger_list, line_row (line, reduction));
        }
      for (guint i = g_list_model_get_n_items (load->payments); i > 0; i--)
        {
          g_autoptr(ZbPayment) payment = g_list_model_get_item (load->payments, i - 1);

          gtk_list_box_append (self->payment_list, payment_row (payment));
        }
      for (guint i = g_list_model_get_n_items (load->reductions); i > 0; i--)
        {
          g_autoptr(ZbReduction) reduction = g_list_model_get_item (load->reductions, i - 1);

          gtk_list_box_append (self->reduction_list, zb_dues_view_reduction_row (reduction));
        }
    }
  show_section (self->months_heading, self->ledger_list);
  show_section (self->payments_heading, self->payment_list);
  show_section (self->reductions_heading, self->reduction_list);
  zb_dues_view_update_loading (self);
}

static void
load_ledger (ZbDuesView *self)
{
  ZbStore *store = zb_dues_view_store (self);
  g_autoptr(GTask) task = NULL;
  g_autofree char *title = NULL;
  LedgerLoad *load;

  g_cancellable_cancel (self->ledger_cancellable);
  g_clear_object (&self->ledger_cancellable);
  if (store == NULL || self->member_id == NULL)
    return;

  /* TRANSLATORS: the heading of a member's dues ledger, %s the name */
  title = g_strdup_printf (_("Ledger of %s"), self->member_name);
  gtk_label_set_text (self->ledger_title, title);
  self->ledger_cancellable = g_cancellable_new ();
  self->ledger_loading = TRUE;
  zb_dues_view_update_loading (self);
  load = g_new0 (LedgerLoad, 1);
  load->member_id = g_strdup (self->member_id);
  task = g_task_new (store, self->ledger_cancellable, ledger_done_cb, g_object_ref (self));
  g_task_set_source_tag (task, load_ledger);
  g_task_set_task_data (task, load, (GDestroyNotify) ledger_load_free);
  g_task_run_in_thread (task, ledger_thread);
}

static void
row_selected_cb (ZbDuesView    *self,
                 GtkListBoxRow *row)
{
  const char *id = row != NULL ? g_object_get_data (G_OBJECT (row), "member-id") : NULL;

  if (id == NULL || g_strcmp0 (id, self->member_id) == 0)
    return;
  g_free (self->member_id);
  g_free (self->member_name);
  self->member_id = g_strdup (id);
  self->member_name = g_strdup (g_object_get_data (G_OBJECT (row), "name"));
  g_clear_object (&self->ledger);
  load_ledger (self);
}

/* The warnings of a payment taken (months made up more than six months
 * back, extra dues going to the Central Committee) as one toast. */
static void
payment_saved_cb (ZbDuesView          *self,
                  GStrv                warnings,
                  ZbDuesPaymentDialog *dialog)
{
  if (warnings != NULL && warnings[0] != NULL)
    {
      g_autofree char *text = g_strjoinv ("\n", warnings);
      g_autoptr(GError) shown = g_error_new_literal (G_IO_ERROR, G_IO_ERROR_FAILED, text);

      zb_widget_toast_error (GTK_WIDGET (self), shown);
    }
  zb_dues_view_reload (self);
}

static void
record_payment_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  ZbDuesView *self = ZB_DUES_VIEW (widget);
  ZbStore *store = zb_dues_view_store (self);
  ZbDuesPaymentDialog *dialog;

  if (store == NULL || self->member_id == NULL || self->ledger == NULL)
    return;
  dialog = zb_dues_payment_dialog_new (store, self->member_id, self->member_name, self->ledger);
  gtk_window_set_transient_for (GTK_WINDOW (dialog), GTK_WINDOW (gtk_widget_get_root (widget)));
  g_signal_connect_object (dialog, "saved", G_CALLBACK (payment_saved_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
review_changed_cb (ZbDuesView *self)
{
  zb_dues_view_reload (self);
}

/* The yearly review of the bases, for this year. */
static void
review_bases_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  ZbDuesView *self = ZB_DUES_VIEW (widget);
  ZbStore *store = zb_dues_view_store (self);
  g_autofree char *today = zb_date_today_iso ();
  ZbDuesReviewDialog *dialog;

  if (store == NULL)
    return;
  dialog = zb_dues_review_dialog_new (store, g_ascii_strtoull (today, NULL, 10));
  gtk_window_set_transient_for (GTK_WINDOW (dialog), GTK_WINDOW (gtk_widget_get_root (widget)));
  g_signal_connect_object (dialog, "changed", G_CALLBACK (review_changed_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
}

typedef struct
{
  char  *member_id;
  guint  year;
} LedgerPrint;

static void
ledger_print_free (LedgerPrint *print)
{
  g_free (print->member_id);
  g_free (print);
}

static ZbPdfDocument *
build_ledger (ZbStore   *store,
              gpointer   data,
              GError   **error)
{
  LedgerPrint *print = data;

  return zb_pdf_dues_ledger (store, print->member_id, print->year, error);
}

static ZbPdfDocument *
build_receipt (ZbStore   *store,
               gpointer   data,
               GError   **error)
{
  return zb_pdf_dues_receipt (store, data, error);
}

static void
present_preview (GtkWidget    *widget,
                 ZbPdfPreview *preview)
{
  gtk_window_set_transient_for (GTK_WINDOW (preview), GTK_WINDOW (gtk_widget_get_root (widget)));
  gtk_window_present (GTK_WINDOW (preview));
}

/* The chosen member's ledger of this year, in the preview. */
static void
print_ledger_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  ZbDuesView *self = ZB_DUES_VIEW (widget);
  ZbStore *store = zb_dues_view_store (self);
  g_autofree char *today = zb_date_today_iso ();
  g_autofree char *file_name = NULL;
  LedgerPrint *print;

  if (store == NULL || self->member_id == NULL)
    return;
  print = g_new0 (LedgerPrint, 1);
  print->member_id = g_strdup (self->member_id);
  print->year = g_ascii_strtoull (today, NULL, 10);
  /* TRANSLATORS: a PDF's file name: %1$s the member, %2$u the year */
  file_name = g_strdup_printf (_("Dues ledger %1$s %2$u.pdf"), self->member_name, print->year);
  present_preview (widget, zb_pdf_preview_new (store, build_ledger, print,
                                               (GDestroyNotify) ledger_print_free, file_name));
}

static void
print_receipt_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  ZbDuesView *self = ZB_DUES_VIEW (widget);
  ZbStore *store = zb_dues_view_store (self);
  g_autofree char *file_name = NULL;

  if (store == NULL)
    return;
  /* TRANSLATORS: a PDF's file name: %s the member */
  file_name = g_strdup_printf (_("Dues receipt %s.pdf"),
                               self->member_name != NULL ? self->member_name : "");
  present_preview (widget, zb_pdf_preview_new (store, build_receipt,
                                               g_variant_dup_string (parameter, NULL), g_free,
                                               file_name));
}

static void
zb_dues_view_dispose (GObject *object)
{
  ZbDuesView *self = ZB_DUES_VIEW (object);

  g_cancellable_cancel (self->cancellable);
  g_cancellable_cancel (self->ledger_cancellable);
  gtk_widget_dispose_template (GTK_WIDGET (self), ZB_TYPE_DUES_VIEW);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->ledger_cancellable);
  g_clear_object (&self->context);
  g_clear_object (&self->ledger);
  g_clear_object (&self->reductions);
  g_clear_pointer (&self->member_id, g_free);
  g_clear_pointer (&self->wanted_id, g_free);
  g_clear_pointer (&self->member_name, g_free);

  G_OBJECT_CLASS (zb_dues_view_parent_class)->dispose (object);
}

static void
zb_dues_view_class_init (ZbDuesViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = zb_dues_view_dispose;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/zhibu/Zhibu/ui/zb-dues-view.ui");
  gtk_widget_class_bind_template_child (widget_class, ZbDuesView, scroller);
  gtk_widget_class_bind_template_child (widget_class, ZbDuesView, spinner);
  gtk_widget_class_bind_template_child (widget_class, ZbDuesView, error_label);
  gtk_widget_class_bind_template_child (widget_class, ZbDuesView, member_list);
  gtk_widget_class_bind_template_child (widget_class, ZbDuesView, ledger_title);
  gtk_widget_class_bind_template_child (widget_class, ZbDuesView, ledger_list);
  gtk_widget_class_bind_template_child (widget_class, ZbDuesView, payment_list);
  gtk_widget_class_bind_template_child (widget_class, ZbDuesView, reduction_list);
  gtk_widget_class_bind_template_child (widget_class, ZbDuesView, reductions_heading);
  gtk_widget_class_bind_template_child (widget_class, ZbDuesView, reduce_button);
  gtk_widget_class_bind_template_child (widget_class, ZbDuesView, review_button);
  gtk_widget_class_bind_template_child (widget_class, ZbDuesView, payments_heading);
  gtk_widget_class_bind_template_child (widget_class, ZbDuesView, months_heading);
  gtk_widget_class_bind_template_child (widget_class, ZbDuesView, record_button);
  gtk_widget_class_bind_template_child (widget_class, ZbDuesView, print_button);
  gtk_widget_class_bind_template_callback (widget_class, row_selected_cb);

  gtk_widget_class_install_action (widget_class, "dues.record-payment", NULL,
                                   record_payment_action);
  gtk_widget_class_install_action (widget_class, "dues.print-ledger", NULL, print_ledger_action);
  zb_dues_view_class_init_reductions (widget_class);
  gtk_widget_class_install_action (widget_class, "dues.review-bases", NULL, review_bases_action);
  gtk_widget_class_install_action (widget_class, "dues.print-receipt", "s",
                                   print_receipt_action);
}

static void
zb_dues_view_init (ZbDuesView *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  zb_dues_view_update_loading (self);
}

void
zb_dues_view_set_context (ZbDuesView *self,
                          ZbContext  *context)
{
  g_return_if_fail (ZB_IS_DUES_VIEW (self));

  g_set_object (&self->context, context);
}

/* Reads every member's arrears, and the chosen member's ledger, again. */
void
zb_dues_view_reload (ZbDuesView *self)
{
  ZbStore *store;
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (ZB_IS_DUES_VIEW (self));

  store = zb_dues_view_store (self);
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  if (store == NULL)
    return;

  self->cancellable = g_cancellable_new ();
  self->loading = TRUE;
  zb_dues_view_update_loading (self);
  task = g_task_new (store, self->cancellable, load_done_cb, g_object_ref (self));
  g_task_set_source_tag (task, zb_dues_view_reload);
  g_task_set_task_data (task, g_new0 (Load, 1), (GDestroyNotify) load_free);
  g_task_run_in_thread (task, load_thread);
}

gboolean
zb_dues_view_is_loading (ZbDuesView *self)
{
  g_return_val_if_fail (ZB_IS_DUES_VIEW (self), FALSE);

  return self->loading || self->ledger_loading || self->approving > 0;
}

GtkListBox *
zb_dues_view_get_member_list (ZbDuesView *self)
{
  g_return_val_if_fail (ZB_IS_DUES_VIEW (self), NULL);

  return self->member_list;
}

GtkListBox *
zb_dues_view_get_reduction_list (ZbDuesView *self)
{
  g_return_val_if_fail (ZB_IS_DUES_VIEW (self), NULL);

  return self->reduction_list;
}

GtkListBox *
zb_dues_view_get_ledger_list (ZbDuesView *self)
{
  g_return_val_if_fail (ZB_IS_DUES_VIEW (self), NULL);

  return self->ledger_list;
}

/* Chooses the member of @member_id in the list, as a click on the row. */
void
zb_dues_view_choose_member (ZbDuesView *self,
                            const char *member_id)
{
  g_return_if_fail (ZB_IS_DUES_VIEW (self));

  for (GtkWidget *row = gtk_widget_get_first_child (GTK_WIDGET (self->member_list));
       row != NULL; row = gtk_widget_get_next_sibling (row))
    if (g_strcmp0 (g_object_get_data (G_OBJECT (row), "member-id"), member_id) == 0)
      {
        gtk_list_box_select_row (self->member_list, GTK_LIST_BOX_ROW (row));
        return;
      }
  /* A finding opened with the view: the list has not landed yet. */
  if (self->loading)
    {
      g_free (self->wanted_id);
      self->wanted_id = g_strdup (member_id);
    }
}

const char *
zb_dues_view_get_member (ZbDuesView *self)
{
  g_return_val_if_fail (ZB_IS_DUES_VIEW (self), NULL);

  return self->member_id;
}

/* The chosen member's ledger as shown (ZbDuesLine, oldest first). */
GListModel *
zb_dues_view_get_ledger (ZbDuesView *self)
{
  g_return_val_if_fail (ZB_IS_DUES_VIEW (self), NULL);

  return self->ledger;
}
