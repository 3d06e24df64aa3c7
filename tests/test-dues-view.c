#define G_LOG_DOMAIN "test-dues-view"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "zb-date.h"
#include "zb-dues-ledger.h"
#include "zb-dues-line.h"
#include "zb-dues-payment-dialog.h"
#include "zb-dues-reduction-dialog.h"
#include "zb-dues-review-dialog.h"
#include "zb-dues-view.h"
#include "zb-money.h"
#include "zb-pdf-preview.h"
#include "zb-test-util.h"
#include "zb-test-window.h"

/* Under xvfb-run, in C and zh_CN (issue 12): the dues page (党费) of a
 * branch whose members have bases shows the arrears of the store, each
 * member's months and level; choosing one shows the ledger; a payment
 * recorded through the dialog, its fields filled and its button pressed, is
 * written and the ledger shows it paid; an amount the months do not come to
 * is refused in the dialog and nothing is written. Two months waived
 * through the reduction dialog await approval and are still in arrears;
 * approved, the arrears drop. A base confirmed, and one changed, in the
 * yearly review. Screenshots dues.png, dues-payment.png, dues-reduction.png,
 * dues-reductions.png, dues-approve.png, dues-approved.png and
 * dues-review.png (the page at 1024x768). */

/* Bases from 8, 4 and 0 months back: an alert, a warning, no arrears. */
static const guint months_back[] = { 8, 4, 0 };

typedef struct
{
  char *ids[G_N_ELEMENTS (months_back)];
} Branch;

static ZbMonth
current_month (void)
{
  g_autofree char *today = zb_date_today_iso ();
  g_autofree char *month = g_strndup (today, 7);
  ZbMonth m;

  g_assert_true (zb_month_parse (month, &m));
  return m;
}

static void
make_branch (ZbTestWindow *f,
             Branch       *branch)
{
  g_autoptr(ZbStore) store = NULL;
  g_autofree char *ids = NULL;
  g_auto(GStrv) members = NULL;

  zb_test_make_roster (f, 12);
  store = zb_test_open_store (f);
  ids = zb_test_sql_text (store, "SELECT group_concat (id) FROM (SELECT id FROM members "
                                 "WHERE joined_date < date ('now', '-2 years') AND "
                                 "status = 'normal' AND category = 'full' AND deleted = 0 "
                                 "ORDER BY rowid LIMIT 3)");
  members = g_strsplit (ids, ",", -1);
  g_assert_cmpuint (g_strv_length (members), ==, G_N_ELEMENTS (months_back));
  for (guint i = 0; i < G_N_ELEMENTS (months_back); i++)
    {
      g_autofree char *from = zb_month_format (current_month () - months_back[i]);
      g_autoptr(GError) error = NULL;

      zb_store_set_dues_base (store, members[i], from, ZB_DUES_EMPLOYED, 350000 + i * 100000,
                              &error);
      g_assert_no_error (error);
      branch->ids[i] = g_strdup (members[i]);
    }
}

static void
branch_clear (Branch *branch)
{
  for (guint i = 0; i < G_N_ELEMENTS (branch->ids); i++)
    g_free (branch->ids[i]);
}

static ZbDuesView *
dues_view (ZbTestWindow *f)
{
  return ZB_DUES_VIEW (zb_window_get_dues_view (f->window));
}

static gboolean
loaded (gpointer data)
{
  return !zb_dues_view_is_loading (data);
}

static void
open_dues (ZbTestWindow *f,
           Branch       *branch)
{
  make_branch (f, branch);
  gtk_window_set_default_size (GTK_WINDOW (f->window), 1280, 900);
  zb_test_open_roster (f);
  zb_window_show_view (f->window, "dues");
  zb_test_wait_for (loaded, dues_view (f), 60);
  zb_test_settle (200);
}

static GtkWidget *
row_of (ZbDuesView *view,
        const char *member_id)
{
  GtkWidget *list = GTK_WIDGET (zb_dues_view_get_member_list (view));

  for (GtkWidget *row = gtk_widget_get_first_child (list); row != NULL;
       row = gtk_widget_get_next_sibling (row))
    if (g_strcmp0 (g_object_get_data (G_OBJECT (row), "member-id"), member_id) == 0)
      return row;
  return NULL;
}

/* Each member in arrears by the store has a row naming the count of months,
 * each of them, and the level; the member with none says so. */
static void
assert_arrears (ZbTestWindow *f)
{
  g_autoptr(ZbStore) store = zb_test_open_store (f);
  g_autofree char *today = zb_date_today_iso ();
  g_autofree char *month = g_strndup (today, 7);
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) arrears = zb_store_dues_arrears (store, month, &error);

  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (arrears), ==, 2);
  for (guint i = 0; i < g_list_model_get_n_items (arrears); i++)
    {
      g_autoptr(ZbArrears) a = g_list_model_get_item (arrears, i);
      GtkWidget *row = row_of (dues_view (f), zb_arrears_get_member_id (a));
      const char *subtitle;
      guint n = g_strv_length ((GStrv) zb_arrears_get_months (a));
      g_autofree char *count = g_strdup_printf ("%u", n);

      g_assert_nonnull (row);
      g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)), ==,
                       zb_arrears_get_name (a));
      subtitle = adw_action_row_get_subtitle (ADW_ACTION_ROW (row));
      g_assert_nonnull (strstr (subtitle, count));
      for (guint m = 0; m < n; m++)
        {
          /* As people write a month: 2026年5月. */
          g_autofree char *shown = zb_date_format_period (zb_arrears_get_months (a)[m]);

          g_assert_nonnull (strstr (subtitle, shown));
        }
      g_assert_nonnull (strstr (subtitle, g_strcmp0 (zb_arrears_get_level (a), "alert") == 0
                                          ? _("Alert") : _("Warning")));
    }
}

static gboolean
find_dialog (gpointer data)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GObject) window = g_list_model_get_item (toplevels, i);

      if (ZB_IS_DUES_PAYMENT_DIALOG (window) && gtk_widget_get_mapped (GTK_WIDGET (window)))
        {
          *(GtkWidget **) data = GTK_WIDGET (window);
          return TRUE;
        }
    }
  *(GtkWidget **) data = NULL;
  return FALSE;
}

static gboolean
no_dialog (gpointer data)
{
  GtkWidget *dialog;

  return !find_dialog (&dialog);
}

static ZbDuesPaymentDialog *
open_dialog (ZbTestWindow *f)
{
  GtkWidget *dialog = NULL;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dues_view (f)), "dues.record-payment",
                                             NULL));
  zb_test_wait_for (find_dialog, &dialog, 30);
  zb_test_settle (300);
  return ZB_DUES_PAYMENT_DIALOG (dialog);
}

/* The editable whose accessible label or title is @title: the field as a
 * user finds it. */
static GtkWidget *
find_widget (GtkWidget  *widget,
             gboolean  (*match) (GtkWidget *, gconstpointer),
             gconstpointer data)
{
  if (match (widget, data))
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_widget (child, match, data);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static gboolean
is_row (GtkWidget     *widget,
        gconstpointer  title)
{
  return ADW_IS_ENTRY_ROW (widget) &&
         g_strcmp0 (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (widget)), title) == 0;
}

static gboolean
is_save (GtkWidget     *widget,
         gconstpointer  data)
{
  return GTK_IS_BUTTON (widget) &&
         g_strcmp0 (gtk_actionable_get_action_name (GTK_ACTIONABLE (widget)), "payment.save") == 0;
}

static GtkEditable *
field (ZbDuesPaymentDialog *dialog,
       const char          *title)
{
  GtkWidget *row = find_widget (GTK_WIDGET (dialog), is_row, title);

  g_assert_nonnull (row);
  return GTK_EDITABLE (row);
}

static gboolean
saved (gpointer data)
{
  return !zb_dues_payment_dialog_is_saving (data);
}

static void
press_save (ZbDuesPaymentDialog *dialog)
{
  GtkWidget *button = find_widget (GTK_WIDGET (dialog), is_save, NULL);

  g_assert_nonnull (button);
  g_signal_emit_by_name (button, "clicked");
}

static gboolean
is_label (GtkWidget     *widget,
          gconstpointer  text)
{
  return GTK_IS_LABEL (widget) && g_strcmp0 (gtk_label_get_text (GTK_LABEL (widget)), text) == 0;
}

static gboolean
shows_label (gpointer data)
{
  gpointer *window_text = data;

  return find_widget (window_text[0], is_label, window_text[1]) != NULL;
}

static guint
n_payments (ZbTestWindow *f,
            const char   *member_id)
{
  g_autoptr(ZbStore) store = zb_test_open_store (f);
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) payments = zb_store_list_dues_payments (store, member_id, &error);

  g_assert_no_error (error);
  return g_list_model_get_n_items (payments);
}

static const char *
line_state (ZbDuesView *view,
            const char *month)
{
  GListModel *ledger = zb_dues_view_get_ledger (view);

  for (guint i = 0; i < g_list_model_get_n_items (ledger); i++)
    {
      g_autoptr(ZbDuesLine) line = g_list_model_get_item (ledger, i);

      if (g_strcmp0 (zb_dues_line_get_month (line), month) == 0)
        return zb_dues_line_get_state (line);
    }
  return NULL;
}

static gint64
line_due (ZbDuesView *view,
          guint       i)
{
  g_autoptr(ZbDuesLine) line = g_list_model_get_item (zb_dues_view_get_ledger (view), i);

  return zb_dues_line_get_due_fen (line);
}

/* The page shows the store's arrears; the member in alert's ledger; two
 * months of it paid through the dialog are written and shown paid. */
static void
test_pay (ZbTestWindow  *f,
          gconstpointer  data)
{
  Branch branch = { { NULL } };
  ZbDuesView *view;
  ZbDuesPaymentDialog *dialog;
  g_autoptr(ZbStore) store = NULL;
  g_autoptr(GListModel) payments = NULL;
  g_autoptr(ZbPayment) payment = NULL;
  g_autofree char *first = zb_month_format (current_month () - 8);
  g_autofree char *second = zb_month_format (current_month () - 7);
  g_autofree char *third = zb_month_format (current_month () - 6);
  g_autofree char *owed = NULL;
  g_autofree char *warning = NULL;
  gpointer window_text[2];

  open_dues (f, &branch);
  view = dues_view (f);
  assert_arrears (f);
  g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (row_of (view, branch.ids[2]))),
                   ==, _("No arrears"));

  zb_dues_view_choose_member (view, branch.ids[0]);
  zb_test_wait_for (loaded, view, 60);
  g_assert_cmpstr (zb_dues_view_get_member (view), ==, branch.ids[0]);
  g_assert_cmpuint (g_list_model_get_n_items (zb_dues_view_get_ledger (view)), ==, 9);
  g_assert_cmpstr (line_state (view, first), ==, "due");
  zb_test_settle (200);
  zb_test_screenshot (GTK_WIDGET (f->window), "dues.png");

  dialog = open_dialog (f);
  /* The keyboard starts at the first field. */
  g_assert_true (gtk_widget_is_ancestor (gtk_root_get_focus (GTK_ROOT (dialog)),
                                         GTK_WIDGET (field (dialog, _("_From month (YYYY-MM)")))));
  /* Prefilled: every month unpaid, and what they come to. */
  g_assert_cmpstr (gtk_editable_get_text (field (dialog, _("_From month (YYYY-MM)"))), ==, first);
  gtk_editable_set_text (field (dialog, _("_To month (YYYY-MM)")), second);
  owed = zb_money_format_yuan (line_due (view, 0) + line_due (view, 1));
  g_assert_cmpstr (gtk_editable_get_text (field (dialog, _("_Amount in yuan"))), ==, owed);
  gtk_editable_set_text (field (dialog, _("_Method (cash, transfer…)")), "现金");
  gtk_editable_set_text (field (dialog, _("_Receipt number")), "DF-0001");
  zb_test_settle (200);
  zb_test_screenshot (GTK_WIDGET (dialog), "dues-payment.png");
  press_save (dialog);
  zb_test_wait_for (no_dialog, NULL, 30);

  /* Eight months back, more than six: taken, with the store's warning in a
   * toast (the Dues Rules). */
  warning = g_strdup_printf (_("Months: arrears are generally made up for at most six months "
                               "back; this payment reaches back to %s"), first);
  window_text[0] = f->window;
  window_text[1] = warning;
  zb_test_wait_for (shows_label, window_text, 10);

  store = zb_test_open_store (f);
  payments = zb_store_list_dues_payments (store, branch.ids[0], NULL);
  g_assert_cmpuint (g_list_model_get_n_items (payments), ==, 1);
  payment = g_list_model_get_item (payments, 0);
  g_assert_cmpstr (zb_payment_get_first_month (payment), ==, first);
  g_assert_cmpstr (zb_payment_get_last_month (payment), ==, second);
  g_assert_cmpint (zb_payment_get_amount_fen (payment), ==,
                   line_due (view, 0) + line_due (view, 1));
  g_assert_cmpstr (zb_payment_get_receipt_number (payment), ==, "DF-0001");
  g_assert_cmpstr (zb_payment_get_method (payment), ==, "现金");

  zb_test_wait_for (loaded, view, 60);
  zb_test_settle (200);
  g_assert_cmpstr (line_state (view, first), ==, "paid");
  g_assert_cmpstr (line_state (view, second), ==, "paid");
  g_assert_cmpstr (line_state (view, third), ==, "due");
  branch_clear (&branch);
}

/* An amount the months do not come to: the store's refusal, naming the
 * amount, stays in the dialog, and nothing is written. */
static void
test_refused (ZbTestWindow  *f,
              gconstpointer  data)
{
  Branch branch = { { NULL } };
  ZbDuesView *view;
  ZbDuesPaymentDialog *dialog;
  const char *error;

  open_dues (f, &branch);
  view = dues_view (f);
  zb_dues_view_choose_member (view, branch.ids[1]);
  zb_test_wait_for (loaded, view, 60);

  dialog = open_dialog (f);
  g_assert_null (zb_dues_payment_dialog_get_error (dialog));
  gtk_editable_set_text (field (dialog, _("_Amount in yuan")), "1.23");
  press_save (dialog);
  zb_test_wait_for (saved, dialog, 30);
  zb_test_settle (200);

  error = zb_dues_payment_dialog_get_error (dialog);
  g_assert_nonnull (error);
  /* The store's words: the amount given and what the months come to. */
  g_assert_nonnull (strstr (error, "1.23"));
  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (dialog)));
  g_assert_cmpuint (n_payments (f, branch.ids[1]), ==, 0);
  zb_test_screenshot (GTK_WIDGET (dialog), "dues-refused.png");

  /* Not money at all: refused before the store, naming the field. */
  gtk_editable_set_text (field (dialog, _("_Amount in yuan")), "abc");
  press_save (dialog);
  error = zb_dues_payment_dialog_get_error (dialog);
  g_assert_nonnull (error);
  g_assert_nonnull (strstr (error, "abc"));
  g_assert_cmpuint (n_payments (f, branch.ids[1]), ==, 0);
  gtk_window_destroy (GTK_WINDOW (dialog));
  branch_clear (&branch);
}

static gboolean
find_preview (gpointer data)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GObject) window = g_list_model_get_item (toplevels, i);

      if (ZB_IS_PDF_PREVIEW (window) && !zb_pdf_preview_is_loading (ZB_PDF_PREVIEW (window)))
        {
          *(ZbPdfPreview **) data = ZB_PDF_PREVIEW (window);
          return TRUE;
        }
    }
  return FALSE;
}

/* The preview an action opens, once its PDF is built: a page or more, no
 * error. */
static void
assert_prints (ZbDuesView *view,
               const char *action,
               GVariant   *target,
               const char *screenshot)
{
  ZbPdfPreview *preview = NULL;

  g_assert_true (gtk_widget_activate_action_variant (GTK_WIDGET (view), action, target));
  zb_test_wait_for (find_preview, &preview, 60);
  zb_test_settle (300);
  g_assert_null (zb_pdf_preview_get_error (preview));
  g_assert_cmpuint (zb_pdf_preview_get_n_pages (preview), >=, 1);
  zb_test_screenshot (GTK_WIDGET (preview), screenshot);
  gtk_window_destroy (GTK_WINDOW (preview));
  zb_test_settle (100);
}

/* The chosen member's ledger of the year, and a payment's receipt, through
 * the print preview. */
static void
test_print (ZbTestWindow  *f,
            gconstpointer  data)
{
  Branch branch = { { NULL } };
  ZbDuesView *view;
  g_autoptr(ZbStore) store = NULL;
  g_autoptr(ZbPayment) payment = zb_payment_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *month = zb_month_format (current_month () - 4);
  g_autofree char *id = NULL;

  open_dues (f, &branch);
  store = zb_test_open_store (f);
  zb_payment_set_member_id (payment, branch.ids[1]);
  zb_payment_set_first_month (payment, month);
  zb_payment_set_last_month (payment, month);
  zb_payment_set_amount_fen (payment, 4500);
  zb_payment_set_receipt_number (payment, "DF-0002");
  id = zb_store_record_dues_payment (store, payment, NULL, &error);
  g_assert_no_error (error);

  view = dues_view (f);
  zb_dues_view_reload (view);
  zb_test_wait_for (loaded, view, 60);
  zb_dues_view_choose_member (view, branch.ids[1]);
  zb_test_wait_for (loaded, view, 60);
  g_assert_cmpstr (line_state (view, month), ==, "paid");

  assert_prints (view, "dues.print-ledger", NULL, "dues-ledger.png");
  assert_prints (view, "dues.print-receipt", g_variant_new_string (id), "dues-receipt.png");
  branch_clear (&branch);
}


static gboolean
find_toplevel (gpointer data)
{
  gpointer *type_found = data;
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GObject) window = g_list_model_get_item (toplevels, i);

      if (G_TYPE_CHECK_INSTANCE_TYPE (window, GPOINTER_TO_SIZE (type_found[0])) &&
          gtk_widget_get_mapped (GTK_WIDGET (window)))
        {
          type_found[1] = window;
          return TRUE;
        }
    }
  type_found[1] = NULL;
  return FALSE;
}

static GtkWidget *
wait_for_toplevel (GType type)
{
  gpointer type_found[2] = { GSIZE_TO_POINTER (type), NULL };

  zb_test_wait_for (find_toplevel, type_found, 30);
  zb_test_settle (300);
  return type_found[1];
}

static gboolean
toplevel_gone (gpointer data)
{
  gpointer type_found[2] = { data, NULL };

  return !find_toplevel (type_found);
}

static gboolean
is_action (GtkWidget     *widget,
           gconstpointer  action)
{
  return GTK_IS_BUTTON (widget) &&
         g_strcmp0 (gtk_actionable_get_action_name (GTK_ACTIONABLE (widget)), action) == 0;
}

static gboolean
is_button_label (GtkWidget     *widget,
                 gconstpointer  label)
{
  return GTK_IS_BUTTON (widget) &&
         g_strcmp0 (gtk_button_get_label (GTK_BUTTON (widget)), label) == 0;
}

static void
press (GtkWidget *button)
{
  g_assert_nonnull (button);
  g_assert_true (gtk_widget_is_sensitive (button));
  g_signal_emit_by_name (button, "clicked");
}

static gboolean
is_type (GtkWidget     *widget,
         gconstpointer  type)
{
  return G_TYPE_CHECK_INSTANCE_TYPE (widget, GPOINTER_TO_SIZE (type));
}

static guint
arrears_months (ZbTestWindow *f,
                const char   *member_id)
{
  g_autoptr(ZbStore) store = zb_test_open_store (f);
  g_autofree char *today = zb_date_today_iso ();
  g_autofree char *month = g_strndup (today, 7);
  g_autoptr(GListModel) arrears = zb_store_dues_arrears (store, month, NULL);

  for (guint i = 0; i < g_list_model_get_n_items (arrears); i++)
    {
      g_autoptr(ZbArrears) a = g_list_model_get_item (arrears, i);

      if (g_strcmp0 (zb_arrears_get_member_id (a), member_id) == 0)
        return g_strv_length ((GStrv) zb_arrears_get_months (a));
    }
  return 0;
}

static GtkWidget *
ledger_row (ZbDuesView *view,
            const char *month)
{
  GtkWidget *list = GTK_WIDGET (zb_dues_view_get_ledger_list (view));

  for (GtkWidget *row = gtk_widget_get_first_child (list); row != NULL;
       row = gtk_widget_get_next_sibling (row))
    {
      /* The ledger shows the month as people write it: 2026年5月. */
      g_autofree char *label = zb_date_format_period (month);

      if (g_strcmp0 (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)), label) == 0)
        return row;
    }
  return NULL;
}

/* The subtitle of the member's row names @n months in arrears. */
static void
assert_row_count (ZbDuesView *view,
                  const char *member_id,
                  guint       n)
{
  const char *subtitle = adw_action_row_get_subtitle (ADW_ACTION_ROW (row_of (view, member_id)));
  g_autofree char *count = g_strdup_printf ("%u", n);

  g_test_message ("%s", subtitle);
  g_assert_nonnull (strstr (subtitle, count));
}

/* Two months waived through the dialog: recorded awaiting approval, shown
 * so in the list and the ledger, and still in arrears; a bad month is
 * refused at its field. Each approved through its button (a date that is
 * not one held back at the field): the arrears drop by two. */
static void
test_reduce (ZbTestWindow  *f,
             gconstpointer  data)
{
  Branch branch = { { NULL } };
  ZbDuesView *view;
  ZbDuesReductionDialog *dialog;
  g_autoptr(ZbStore) store = NULL;
  g_autoptr(GListModel) reductions = NULL;
  g_autofree char *first = zb_month_format (current_month () - 8);
  g_autofree char *second = zb_month_format (current_month () - 7);
  GtkWidget *reduction_list;
  const char *subtitle;

  open_dues (f, &branch);
  gtk_window_set_default_size (GTK_WINDOW (f->window), 1024, 768);
  view = dues_view (f);
  zb_dues_view_choose_member (view, branch.ids[0]);
  zb_test_wait_for (loaded, view, 60);
  g_assert_cmpuint (arrears_months (f, branch.ids[0]), ==, 8);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (view), "dues.reduce", NULL));
  dialog = ZB_DUES_REDUCTION_DIALOG (wait_for_toplevel (ZB_TYPE_DUES_REDUCTION_DIALOG));
  g_assert_true (gtk_widget_is_ancestor (gtk_root_get_focus (GTK_ROOT (dialog)),
                                         GTK_WIDGET (find_widget (GTK_WIDGET (dialog), is_row,
                                                                  _("_From month (YYYY-MM)")))));
  gtk_editable_set_text (GTK_EDITABLE (find_widget (GTK_WIDGET (dialog), is_row,
                                                    _("_From month (YYYY-MM)"))), "2026-13");
  press (find_widget (GTK_WIDGET (dialog), is_action, "reduction.save"));
  g_assert_nonnull (zb_dues_reduction_dialog_get_error (dialog));
  g_assert_true (zb_dues_reduction_dialog_get_error_field (dialog) ==
                 find_widget (GTK_WIDGET (dialog), is_row, _("_From month (YYYY-MM)")));

  gtk_editable_set_text (GTK_EDITABLE (find_widget (GTK_WIDGET (dialog), is_row,
                                                    _("_From month (YYYY-MM)"))), first);
  gtk_editable_set_text (GTK_EDITABLE (find_widget (GTK_WIDGET (dialog), is_row,
                                                    _("_To month (YYYY-MM)"))), second);
  gtk_switch_set_active (GTK_SWITCH (find_widget (GTK_WIDGET (dialog), is_type,
                                                  GSIZE_TO_POINTER (GTK_TYPE_SWITCH))), TRUE);
  g_assert_false (gtk_widget_get_sensitive (find_widget (GTK_WIDGET (dialog), is_row,
                                                         _("Reduced monthly _amount in yuan"))));
  gtk_editable_set_text (GTK_EDITABLE (find_widget (GTK_WIDGET (dialog), is_row, _("_Reason"))),
                         "家庭生活困难");
  zb_test_settle (200);
  zb_test_screenshot (GTK_WIDGET (dialog), "dues-reduction.png");
  press (find_widget (GTK_WIDGET (dialog), is_action, "reduction.save"));
  zb_test_wait_for (toplevel_gone, GSIZE_TO_POINTER (ZB_TYPE_DUES_REDUCTION_DIALOG), 30);
  zb_test_wait_for (loaded, view, 60);
  zb_test_settle (300);

  /* Recorded, awaiting approval: still eight months in arrears. */
  store = zb_test_open_store (f);
  reductions = zb_store_list_dues_reductions (store, branch.ids[0], NULL);
  g_assert_cmpuint (g_list_model_get_n_items (reductions), ==, 2);
  for (guint i = 0; i < 2; i++)
    {
      g_autoptr(ZbReduction) r = g_list_model_get_item (reductions, i);

      g_assert_false (zb_reduction_get_approved (r));
      g_assert_cmpint (zb_reduction_get_due_fen (r), ==, 0);
      g_assert_cmpstr (zb_reduction_get_reason (r), ==, "家庭生活困难");
    }
  g_assert_cmpuint (arrears_months (f, branch.ids[0]), ==, 8);
  assert_row_count (view, branch.ids[0], 8);
  g_assert_cmpstr (line_state (view, first), ==, "due");
  subtitle = adw_action_row_get_subtitle (ADW_ACTION_ROW (ledger_row (view, first)));
  g_assert_nonnull (strstr (subtitle, _("waiver awaiting the higher committee’s approval: still "
                                        "counted in arrears")));
  reduction_list = GTK_WIDGET (zb_dues_view_get_reduction_list (view));
  g_assert_true (gtk_widget_get_visible (reduction_list));
  zb_test_screenshot (GTK_WIDGET (f->window), "dues-reductions.png");

  for (guint i = 0; i < 2; i++)
    {
      GtkWidget *approve = find_widget (reduction_list, is_action, "dues.approve-reduction");
      GtkWidget *message;
      GtkWidget *date, *ok;
      g_autofree char *today = zb_date_today_iso ();

      g_assert_nonnull (approve);
      press (approve);
      message = wait_for_toplevel (ADW_TYPE_MESSAGE_DIALOG);
      /* The latest month first: the dialog names the month it approves. */
      g_assert_nonnull (strstr (adw_message_dialog_get_body (ADW_MESSAGE_DIALOG (message)),
                                i == 0 ? second : first));
      date = find_widget (message, is_row, _("Approved _on (YYYY-MM-DD)"));
      ok = find_widget (message, is_button_label, _("_Approve"));
      gtk_editable_set_text (GTK_EDITABLE (date), "上月");
      g_assert_false (gtk_widget_get_sensitive (ok));
      gtk_editable_set_text (GTK_EDITABLE (date), today);
      g_assert_true (gtk_widget_get_sensitive (ok));
      gtk_editable_set_text (GTK_EDITABLE (find_widget (message, is_row,
                                                        _("Approval _document (optional)"))),
                             "某党委〔2026〕9号");
      if (i == 0)
        {
          zb_test_settle (200);
          zb_test_screenshot (message, "dues-approve.png");
        }
      press (ok);
      zb_test_wait_for (toplevel_gone, GSIZE_TO_POINTER (ADW_TYPE_MESSAGE_DIALOG), 30);
      zb_test_wait_for (loaded, view, 60);
      zb_test_settle (300);
    }

  /* Approved: both months waived, out of the arrears. */
  g_assert_null (find_widget (reduction_list, is_action, "dues.approve-reduction"));
  g_assert_cmpuint (arrears_months (f, branch.ids[0]), ==, 6);
  assert_row_count (view, branch.ids[0], 6);
  g_assert_cmpstr (line_state (view, first), ==, "waived");
  g_assert_cmpstr (line_state (view, second), ==, "waived");
  g_clear_object (&reductions);
  reductions = zb_store_list_dues_reductions (store, branch.ids[0], NULL);
  {
    g_autoptr(ZbReduction) r = g_list_model_get_item (reductions, 0);
    g_autofree char *today = zb_date_today_iso ();
    g_autofree char *approval = g_strdup_printf ("%s 某党委〔2026〕9号", today);

    g_assert_true (zb_reduction_get_approved (r));
    g_assert_cmpstr (zb_reduction_get_approval_ref (r), ==, approval);
  }
  zb_test_screenshot (GTK_WIDGET (f->window), "dues-approved.png");
  branch_clear (&branch);
}

/* The review's line of @member_id: confirmed or set in @year, @base_fen
 * from @from. */
static void
assert_base (ZbStore    *store,
             const char *member_id,
             guint       year,
             gint64      base_fen,
             const char *from)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) lines = zb_store_dues_base_review (store, year, &error);
  gboolean found = FALSE;

  g_assert_no_error (error);
  for (guint i = 0; i < g_list_model_get_n_items (lines); i++)
    {
      g_autoptr(ZbBaseReview) line = g_list_model_get_item (lines, i);

      if (g_strcmp0 (zb_base_review_get_member_id (line), member_id) != 0)
        continue;
      found = TRUE;
      g_assert_true (zb_base_review_get_reviewed (line));
      g_assert_cmpint (zb_base_review_get_base_fen (line), ==, base_fen);
      g_assert_cmpstr (zb_base_review_get_from_month (line), ==, from);
    }
  g_assert_true (found);
}

static gboolean
review_idle (gpointer data)
{
  return !zb_dues_review_dialog_is_busy (data);
}

/* The yearly review: a member whose base was set last year is flagged;
 * Confirm records it for the year and the count left drops by one. A base
 * that is no amount is refused at its row; a new base is written from the
 * month given. */
static void
test_review (ZbTestWindow  *f,
             gconstpointer  data)
{
  Branch branch = { { NULL } };
  ZbDuesView *view;
  ZbDuesReviewDialog *dialog;
  g_autoptr(ZbStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *today = zb_date_today_iso ();
  guint year = g_ascii_strtoull (today, NULL, 10);
  g_autofree char *last_year = g_strdup_printf ("%04u-06", year - 1);
  g_autofree char *member = NULL;
  g_autofree char *this_month = g_strndup (today, 7);
  g_autofree char *count = NULL, *confirmed = NULL;
  GtkWidget *row;
  guint left;

  open_dues (f, &branch);
  gtk_window_set_default_size (GTK_WINDOW (f->window), 1024, 768);
  store = zb_test_open_store (f);
  member = zb_test_sql_text (store, "SELECT id FROM members WHERE joined_date < date ('now', "
                                    "'-2 years') AND status = 'normal' AND category = 'full' "
                                    "AND deleted = 0 ORDER BY rowid LIMIT 1 OFFSET 3");
  zb_store_set_dues_base (store, member, last_year, ZB_DUES_EMPLOYED, 420000, &error);
  g_assert_no_error (error);

  view = dues_view (f);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (view), "dues.review-bases", NULL));
  dialog = ZB_DUES_REVIEW_DIALOG (wait_for_toplevel (ZB_TYPE_DUES_REVIEW_DIALOG));
  zb_test_wait_for (review_idle, dialog, 60);
  zb_test_settle (300);
  left = zb_dues_review_dialog_get_n_left (dialog);
  g_assert_cmpuint (left, >=, 1);
  count = g_strdup_printf ("%u", left);
  g_assert_nonnull (strstr (zb_dues_review_dialog_get_count (dialog), count));
  row = zb_dues_review_dialog_get_row (dialog, member);
  g_assert_nonnull (row);
  g_assert_nonnull (strstr (adw_expander_row_get_subtitle (ADW_EXPANDER_ROW (row)), "4200.00"));
  zb_test_screenshot (GTK_WIDGET (dialog), "dues-review.png");

  press (find_widget (row, is_action, "review.confirm"));
  zb_test_wait_for (review_idle, dialog, 60);
  zb_test_settle (300);
  g_assert_cmpuint (zb_dues_review_dialog_get_n_left (dialog), ==, left - 1);
  row = zb_dues_review_dialog_get_row (dialog, member);
  g_assert_null (find_widget (row, is_action, "review.confirm"));
  confirmed = g_strdup_printf ("%04u-01", year);
  assert_base (store, member, year, 420000, confirmed);

  /* A change: not an amount, refused at the row; then 5,200 yuan from this
   * month. */
  adw_expander_row_set_expanded (ADW_EXPANDER_ROW (row), TRUE);
  zb_test_settle (500);
  gtk_editable_set_text (GTK_EDITABLE (find_widget (row, is_row, _("Monthly _base in yuan"))),
                         "abc");
  press (find_widget (row, is_action, "review.change"));
  zb_test_settle (500);
  g_assert_true (gtk_widget_has_css_class (find_widget (row, is_row, _("Monthly _base in yuan")),
                                           "error"));
  /* The field refused has the keyboard, scrolled into view. */
  g_assert_true (gtk_widget_is_ancestor (gtk_root_get_focus (GTK_ROOT (dialog)),
                                         find_widget (row, is_row, _("Monthly _base in yuan"))));
  zb_test_screenshot (GTK_WIDGET (dialog), "dues-review-change.png");
  gtk_editable_set_text (GTK_EDITABLE (find_widget (row, is_row, _("Monthly _base in yuan"))),
                         "5200");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (find_widget (row, is_row,
                                                          _("_From month (YYYY-MM)")))), ==,
                   this_month);
  press (find_widget (row, is_action, "review.change"));
  zb_test_wait_for (review_idle, dialog, 60);
  zb_test_settle (300);
  assert_base (store, member, year, 520000, this_month);
  gtk_window_destroy (GTK_WINDOW (dialog));
  branch_clear (&branch);
}

int
main (int   argc,
      char *argv[])
{
  zb_test_gui_init (&argc, &argv);

#define ADD(path, func) \
  g_test_add (path, ZbTestWindow, NULL, zb_test_window_set_up, func, zb_test_window_tear_down)

  ADD ("/dues-view/pay", test_pay);
  ADD ("/dues-view/refused", test_refused);
  ADD ("/dues-view/print", test_print);
  ADD ("/dues-view/reduce", test_reduce);
  ADD ("/dues-view/review", test_review);

  return g_test_run ();
}
