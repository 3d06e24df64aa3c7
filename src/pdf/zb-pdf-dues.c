#define G_LOG_DOMAIN "zb-pdf-dues"

#include "config.h"

#include <stdio.h>

#include <glib/gi18n.h>

#include "zb-dues-ledger.h"
#include "zb-money.h"
#include "zb-pdf-records-private.h"

/* Party dues on paper (DOMAIN.md section 4): a member's ledger of a year,
 * month by month with the payments that settled it, and the receipt of one
 * payment, its amount in figures and in capitals as receipts write it. */

static const double month_widths[] = { 0.18, 0.18, 0.16, 0.24, 0.24 };
static const double payment_widths[] = { 0.16, 0.27, 0.11, 0.12, 0.18, 0.16 };

/* "2026-03" as a month on paper: 2026年3月. */
static char *
format_month (const char *month)
{
  guint year, number;

  if (month == NULL || sscanf (month, "%4u-%2u", &year, &number) != 2)
    return g_strdup (month != NULL ? month : "");
  /* TRANSLATORS: a month on a printed record: year, month (2026年3月) */
  return g_strdup_printf (_("%u-%02u"), year, number);
}

/* The months a payment covers, or what it is when it covers none. */
static char *
payment_months (ZbPayment *payment)
{
  g_autofree char *first = NULL, *last = NULL;

  if (zb_payment_get_extra (payment))
    /* TRANSLATORS: 自愿多交党费, a payment of dues above what is due */
    return g_strdup (_("Voluntary extra dues"));
  first = format_month (zb_payment_get_first_month (payment));
  last = format_month (zb_payment_get_last_month (payment));
  if (g_strcmp0 (zb_payment_get_first_month (payment), zb_payment_get_last_month (payment)) == 0)
    return g_steal_pointer (&first);
  /* TRANSLATORS: the months a payment covers: 2026年1月至2026年3月 */
  return g_strdup_printf (_("%s to %s"), first, last);
}

static const char *
state_label (const char *state)
{
  if (g_strcmp0 (state, "paid") == 0)
    return _("Paid");
  if (g_strcmp0 (state, "waived") == 0)
    /* TRANSLATORS: 免交, a month waived with the higher committee's approval */
    return _("Waived");
  return _("Not paid");
}

/* The payment that paid @month, if any. */
static ZbPayment *
paid_by (GListModel *payments,
         const char *month)
{
  for (guint i = 0; i < g_list_model_get_n_items (payments); i++)
    {
      g_autoptr(ZbPayment) p = g_list_model_get_item (payments, i);

      if (!zb_payment_get_extra (p) && g_strcmp0 (zb_payment_get_first_month (p), month) <= 0
          && g_strcmp0 (month, zb_payment_get_last_month (p)) <= 0)
        return p;
    }
  return NULL;
}

typedef struct
{
  gint64 due;
  gint64 paid;
  guint  unpaid;
} Totals;

static GPtrArray *
month_rows (GListModel *lines,
            GListModel *payments,
            guint       year,
            Totals     *totals)
{
  g_autofree char *prefix = g_strdup_printf ("%04u-", year);
  GPtrArray *rows = zb_pdf_rows_new ();

  for (guint i = 0; i < g_list_model_get_n_items (lines); i++)
    {
      g_autoptr(ZbDuesLine) line = g_list_model_get_item (lines, i);
      const char *month = zb_dues_line_get_month (line);
      gint64 due = zb_dues_line_get_due_fen (line);
      ZbPayment *payment;
      g_autofree char *name = NULL, *due_text = NULL, *date = NULL;

      if (!g_str_has_prefix (month, prefix))
        continue;
      payment = paid_by (payments, month);
      name = format_month (month);
      /* No base recorded for the month: its dues are not known. */
      due_text = due >= 0 ? zb_money_format_yuan (due) : g_strdup ("—");
      date = payment != NULL ? zb_pdf_format_date (zb_payment_get_paid_date (payment)) : NULL;
      zb_pdf_rows_add (rows, 5, name, due_text, state_label (zb_dues_line_get_state (line)),
                       date, payment != NULL ? zb_payment_get_receipt_number (payment) : NULL);
      totals->due += MAX (due, 0);
      totals->paid += zb_dues_line_get_paid_fen (line);
      totals->unpaid += g_strcmp0 (zb_dues_line_get_state (line), "due") == 0;
    }
  return rows;
}

static GPtrArray *
payment_rows (GListModel *payments,
              guint       year)
{
  g_autofree char *prefix = g_strdup_printf ("%04u-", year);
  GPtrArray *rows = zb_pdf_rows_new ();

  for (guint i = 0; i < g_list_model_get_n_items (payments); i++)
    {
      g_autoptr(ZbPayment) p = g_list_model_get_item (payments, i);
      g_autofree char *date = NULL, *months = NULL, *amount = NULL, *note = NULL;

      if (!g_str_has_prefix (zb_payment_get_paid_date (p), prefix))
        continue;
      date = zb_pdf_format_date (zb_payment_get_paid_date (p));
      months = payment_months (p);
      amount = zb_money_format_yuan (zb_payment_get_amount_fen (p));
      if (zb_payment_get_on_behalf_by (p) != NULL)
        /* TRANSLATORS: 代缴, paid on the member's behalf by someone */
        note = g_strdup_printf (_("Paid on the member’s behalf by %s"),
                                zb_payment_get_on_behalf_by (p));
      zb_pdf_rows_add (rows, 6, date, months, amount, zb_payment_get_method (p),
                       zb_payment_get_receipt_number (p), note);
    }
  return rows;
}

static void
add_totals (ZbPdfDocument *document,
            const Totals  *totals)
{
  g_autofree char *due = zb_money_format_yuan (totals->due);
  g_autofree char *paid = zb_money_format_yuan (totals->paid);
  g_autofree char *unpaid = g_strdup_printf ("%u", totals->unpaid);

  zb_pdf_document_add_field (document, _("Due in the year (yuan)"), due);
  zb_pdf_document_add_field (document, _("Paid for the year (yuan)"), paid);
  zb_pdf_document_add_field (document, _("Months not paid"), unpaid);
}

/* The dues ledger of @member_id for @year. */
ZbPdfDocument *
zb_pdf_dues_ledger (ZbStore     *store,
                    const char  *member_id,
                    guint        year,
                    GError     **error)
{
  const char *month_columns[] = { _("Month"), _("Due (yuan)"), _("State"), _("Paid on"),
                                  _("Receipt number"), NULL };
  const char *payment_columns[] = { _("Paid on"), _("Months"), _("Amount (yuan)"),
                                    _("Method"), _("Receipt number"), _("Note"), NULL };
  g_autoptr(GError) local_error = NULL;
  g_autoptr(ZbMember) member = zb_store_get_member (store, member_id, &local_error);
  g_autofree char *until = g_strdup_printf ("%04u-12", year);
  g_autoptr(GListModel) lines = NULL, payments = NULL;
  g_autoptr(GPtrArray) months = NULL, paid = NULL;
  g_autoptr(ZbPdfDocument) document = NULL;
  g_autofree char *period = g_strdup_printf (_("Year %u"), year);
  Totals totals = { 0 };

  if (member == NULL)
    {
      zb_pdf_take_store_error (error, g_steal_pointer (&local_error));
      return NULL;
    }
  if ((lines = zb_store_dues_ledger (store, member_id, until, error)) == NULL ||
      (payments = zb_store_list_dues_payments (store, member_id, error)) == NULL)
    return NULL;

  /* TRANSLATORS: 党费交纳记录, the title of a member's printed dues ledger */
  document = zb_pdf_document_new (_("Party dues ledger"), _("Party dues ledger"),
                                  zb_store_get_branch_name (store));
  zb_pdf_document_add_title (document, _("Party dues ledger"));
  zb_pdf_document_add_subtitle (document, zb_store_get_branch_name (store));
  zb_pdf_document_add_field (document, _("Name"), zb_member_get (member, ZB_MEMBER_FIELD_NAME));
  /* TRANSLATORS: the year a printed dues ledger covers (年度) */
  zb_pdf_document_add_field (document, _("Ledger year"), period);
  months = month_rows (lines, payments, year, &totals);
  if (months->len > 0)
    zb_pdf_document_add_table (document, month_columns, month_widths, months);
  else
    zb_pdf_document_add_paragraph (document, _("No dues fall due in this year: the member was "
                                               "not yet admitted, or no base is recorded."));
  add_totals (document, &totals);
  paid = payment_rows (payments, year);
  /* TRANSLATORS: a heading of the printed dues ledger */
  zb_pdf_document_add_heading (document, 1, _("Payments made in the year"));
  if (paid->len > 0)
    {
      /* Six columns, a receipt number and a name among them: in 5号. */
      zb_pdf_document_add_table (document, payment_columns, payment_widths, paid);
      zb_pdf_document_set_compact (document, TRUE);
    }
  else
    zb_pdf_document_add_paragraph (document, _("None."));
  zb_pdf_document_add_signatures (document, (const char *[]) { _("Collected by"),
                                                               _("Branch secretary"), NULL },
                                  NULL);
  return g_steal_pointer (&document);
}

/* The receipt of one payment: who paid what for which months, the amount
 * in figures and in capitals. */
ZbPdfDocument *
zb_pdf_dues_receipt (ZbStore     *store,
                     const char  *payment_id,
                     GError     **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autoptr(ZbPayment) payment = zb_store_get_dues_payment (store, payment_id, &local_error);
  g_autoptr(ZbMember) member = NULL;
  g_autoptr(ZbPdfDocument) document = NULL;
  g_autofree char *months = NULL, *figures = NULL, *capitals = NULL, *date = NULL;
  ZbDuesPayment amount;

  if (payment == NULL ||
      (member = zb_store_get_member (store, zb_payment_get_member_id (payment),
                                     &local_error)) == NULL)
    {
      zb_pdf_take_store_error (error, g_steal_pointer (&local_error));
      return NULL;
    }

  months = payment_months (payment);
  figures = zb_money_format_yuan (zb_payment_get_amount_fen (payment));
  capitals = zb_money_format_capital (zb_payment_get_amount_fen (payment));
  date = zb_pdf_format_date (zb_payment_get_paid_date (payment));
  /* TRANSLATORS: 党费收据, the title of a printed receipt for Party dues */
  document = zb_pdf_document_new (_("Receipt for Party dues"), _("Receipt for Party dues"),
                                  zb_store_get_branch_name (store));
  zb_pdf_document_add_title (document, _("Receipt for Party dues"));
  zb_pdf_document_add_field (document, _("Receipt number"),
                             zb_payment_get_receipt_number (payment));
  /* TRANSLATORS: 交款人, the member whose dues these are */
  zb_pdf_document_add_field (document, _("Payer"), zb_member_get (member, ZB_MEMBER_FIELD_NAME));
  if (zb_payment_get_on_behalf_by (payment) != NULL)
    /* TRANSLATORS: 代缴人, who paid on the member's behalf */
    zb_pdf_document_add_field (document, _("On the member’s behalf"),
                               zb_payment_get_on_behalf_by (payment));
  zb_pdf_document_add_field (document, _("Months paid for"), months);
  /* TRANSLATORS: 金额（小写）, the amount in figures */
  zb_pdf_document_add_field (document, _("Amount in figures (yuan)"), figures);
  /* TRANSLATORS: 金额（大写）, the amount in capitals */
  zb_pdf_document_add_field (document, _("Amount in capitals"), capitals);
  zb_pdf_document_add_field (document, _("Method"), zb_payment_get_method (payment));
  zb_pdf_document_add_field (document, _("Paid on"), date);
  zb_pdf_document_add_field (document, _("Received by"), zb_store_get_branch_name (store));
  amount = (ZbDuesPayment) { 0, 0, zb_payment_get_amount_fen (payment),
                             zb_payment_get_extra (payment) };
  if (zb_dues_payment_is_central (&amount))
    /* TRANSLATORS: the Dues Rules on a single voluntary payment of 1,000 yuan or more */
    zb_pdf_document_add_note (document, _("A single voluntary payment of 1,000 yuan or more goes "
                                          "wholly to the Central Committee (the Dues Rules)."));
  zb_pdf_document_add_signatures (document, (const char *[]) { _("Receiver’s signature"),
                                                               _("Payer’s signature"), NULL },
                                  NULL);
  return g_steal_pointer (&document);
}
