#define G_LOG_DOMAIN "zb-dues-ledger"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "zb-dues-ledger.h"
#include "zb-money.h"

/* A member's dues month by month, by the Dues Rules as DOMAIN.md section 4
 * gives them: dues run from the month of admission; a new base applies from
 * the month the new pay is received; a month waived (免交) with the higher
 * committee's approval is not in arrears, and one reduced (少交) owes the
 * reduced amount; a payment names the months it covers, which may lie
 * ahead; arrears are made up generally for at most six months back, so
 * older months are warned about and still taken. Amounts in whole fen. */

struct _ZbDuesLedger
{
  ZbMonth  start;
  GArray  *bases;         /* ZbDuesBase */
  GArray  *reductions;    /* ZbDuesReduction */
  GArray  *payments;      /* ZbDuesPayment */
};

#define MIN_YEAR 1900
#define MAX_YEAR 9999

/* "2026-03", and as people write it: "2026-3", "2026/3", "2026.03",
 * "2026年3月". */
gboolean
zb_month_parse (const char *text,
                ZbMonth    *month)
{
  g_autofree char *trimmed = g_strstrip (g_strdup (text != NULL ? text : ""));
  guint64 year, number;
  char *end = NULL;
  const char *p = trimmed;

  if (!g_ascii_isdigit (*p))
    return FALSE;
  year = g_ascii_strtoull (p, &end, 10);
  if (end - p != 4)
    return FALSE;
  p = end;
  if (*p == '-' || *p == '/' || *p == '.')
    p++;
  else if (g_str_has_prefix (p, "年"))
    p += strlen ("年");
  else
    return FALSE;
  if (!g_ascii_isdigit (*p))
    return FALSE;
  number = g_ascii_strtoull (p, &end, 10);
  if (end - p > 2)
    return FALSE;
  if (g_str_has_prefix (end, "月"))
    end += strlen ("月");
  if (*end != '\0' || year < MIN_YEAR || year > MAX_YEAR || number < 1 || number > 12)
    return FALSE;
  *month = (ZbMonth) (year * 12 + number - 1);
  return TRUE;
}

/* @month as "2026-03". */
char *
zb_month_format (ZbMonth month)
{
  return g_strdup_printf ("%04d-%02d", month / 12, month % 12 + 1);
}

ZbMonth
zb_month_of_date (const GDate *date)
{
  return g_date_get_year (date) * 12 + g_date_get_month (date) - 1;
}

ZbDuesLedger *
zb_dues_ledger_new (ZbMonth start)
{
  ZbDuesLedger *ledger = g_new0 (ZbDuesLedger, 1);

  ledger->start = start;
  ledger->bases = g_array_new (FALSE, FALSE, sizeof (ZbDuesBase));
  ledger->reductions = g_array_new (FALSE, FALSE, sizeof (ZbDuesReduction));
  ledger->payments = g_array_new (FALSE, FALSE, sizeof (ZbDuesPayment));
  return ledger;
}

void
zb_dues_ledger_free (ZbDuesLedger *ledger)
{
  g_array_unref (ledger->bases);
  g_array_unref (ledger->reductions);
  g_array_unref (ledger->payments);
  g_free (ledger);
}

/* The month of admission, when dues begin. */
ZbMonth
zb_dues_ledger_get_start (ZbDuesLedger *ledger)
{
  return ledger->start;
}

void
zb_dues_ledger_add_base (ZbDuesLedger     *ledger,
                         const ZbDuesBase *base)
{
  g_array_append_val (ledger->bases, *base);
}

void
zb_dues_ledger_add_reduction (ZbDuesLedger          *ledger,
                              const ZbDuesReduction *reduction)
{
  g_array_append_val (ledger->reductions, *reduction);
}

void
zb_dues_ledger_add_payment (ZbDuesLedger        *ledger,
                            const ZbDuesPayment *payment)
{
  g_array_append_val (ledger->payments, *payment);
}

/* The base in force in @month: the latest to start on or before it. */
static const ZbDuesBase *
base_for (ZbDuesLedger *ledger,
          ZbMonth       month)
{
  const ZbDuesBase *found = NULL;

  for (guint i = 0; i < ledger->bases->len; i++)
    {
      const ZbDuesBase *base = &g_array_index (ledger->bases, ZbDuesBase, i);

      if (base->from <= month && (found == NULL || base->from >= found->from))
        found = base;
    }
  return found;
}

static const ZbDuesReduction *
approved_reduction (ZbDuesLedger *ledger,
                    ZbMonth       month)
{
  for (guint i = 0; i < ledger->reductions->len; i++)
    {
      const ZbDuesReduction *r = &g_array_index (ledger->reductions, ZbDuesReduction, i);

      if (r->month == month && r->approved)
        return r;
    }
  return NULL;
}

/* What is due for @month: nothing before the month of admission; an
 * approved reduction's amount; else the monthly dues on the base then in
 * force. */
gboolean
zb_dues_ledger_due (ZbDuesLedger  *ledger,
                    ZbMonth        month,
                    gint64        *due_fen,
                    GError       **error)
{
  const ZbDuesReduction *reduction = approved_reduction (ledger, month);
  const ZbDuesBase *base = base_for (ledger, month);

  if (month < ledger->start)
    {
      *due_fen = 0;
      return TRUE;
    }
  if (reduction != NULL)
    {
      *due_fen = reduction->due_fen;
      return TRUE;
    }
  if (base == NULL)
    {
      g_autofree char *name = zb_month_format (month);

      g_set_error (error, ZB_DUES_ERROR, ZB_DUES_ERROR_INVALID,
                   _("Monthly base: none is recorded for %s; record the member’s base first"),
                   name);
      return FALSE;
    }
  return zb_dues_monthly (base->kind, base->base_fen, due_fen, error);
}

static gboolean
is_paid (ZbDuesLedger *ledger,
         ZbMonth       month)
{
  for (guint i = 0; i < ledger->payments->len; i++)
    {
      const ZbDuesPayment *p = &g_array_index (ledger->payments, ZbDuesPayment, i);

      if (!p->extra && p->first <= month && month <= p->last)
        return TRUE;
    }
  return FALSE;
}

ZbDuesMonthState
zb_dues_ledger_state (ZbDuesLedger *ledger,
                      ZbMonth       month)
{
  const ZbDuesReduction *reduction = approved_reduction (ledger, month);

  if (month < ledger->start)
    return ZB_DUES_MONTH_BEFORE_START;
  if (is_paid (ledger, month))
    return ZB_DUES_MONTH_PAID;
  if (reduction != NULL && reduction->due_fen == 0)
    return ZB_DUES_MONTH_WAIVED;
  return ZB_DUES_MONTH_DUE;
}

/* The months in arrears before @current (the month under way is not yet
 * late), oldest first, as ZbMonth. */
GArray *
zb_dues_ledger_arrears (ZbDuesLedger *ledger,
                        ZbMonth       current)
{
  GArray *months = g_array_new (FALSE, FALSE, sizeof (ZbMonth));

  for (ZbMonth m = ledger->start; m < current; m++)
    if (zb_dues_ledger_state (ledger, m) == ZB_DUES_MONTH_DUE)
      g_array_append_val (months, m);
  return months;
}

/* DOMAIN.md section 4, after the Constitution's six months without
 * paying: three months of arrears are a warning, six an alert. */
ZbDuesLevel
zb_dues_arrears_level (guint n_months)
{
  if (n_months >= ZB_DUES_ARREARS_ALERT)
    return ZB_DUES_LEVEL_ALERT;
  if (n_months >= ZB_DUES_ARREARS_WARNING)
    return ZB_DUES_LEVEL_WARNING;
  return ZB_DUES_LEVEL_NONE;
}

static gboolean
refuse (GError     **error,
        const char  *format,
        ...) G_GNUC_PRINTF (2, 3);

static gboolean
refuse (GError     **error,
        const char  *format,
        ...)
{
  va_list args;

  va_start (args, format);
  g_propagate_error (error, g_error_new_valist (ZB_DUES_ERROR, ZB_DUES_ERROR_INVALID, format,
                                                args));
  va_end (args);
  return FALSE;
}

/* Months paid for the second time, or before dues began, are refused. */
static gboolean
check_months (ZbDuesLedger        *ledger,
              const ZbDuesPayment *payment,
              GError             **error)
{
  g_autofree char *start = zb_month_format (ledger->start);

  if (payment->first > payment->last)
    return refuse (error, _("Months: the first month comes after the last"));
  if (payment->first < ledger->start)
    return refuse (error, _("Months: dues run from the month of admission, %s"), start);
  for (ZbMonth m = payment->first; m <= payment->last; m++)
    if (is_paid (ledger, m))
      {
        g_autofree char *name = zb_month_format (m);

        return refuse (error, _("Months: %s is already paid"), name);
      }
  return TRUE;
}

/* Whether @payment may be taken, @current being the month it is taken in.
 * A payment of months must come to what they owe; months made up more than
 * six months back add a warning to @warnings (strings) but are taken. */
gboolean
zb_dues_ledger_check_payment (ZbDuesLedger        *ledger,
                              const ZbDuesPayment *payment,
                              ZbMonth              current,
                              GPtrArray           *warnings,
                              GError             **error)
{
  gint64 owed = 0;

  if (payment->amount_fen <= 0 || payment->amount_fen > ZB_MONEY_MAX_FEN)
    return refuse (error, _("Amount: a payment is more than nothing"));
  if (payment->extra)
    return TRUE;
  if (!check_months (ledger, payment, error))
    return FALSE;
  for (ZbMonth m = payment->first; m <= payment->last; m++)
    {
      gint64 due;

      if (!zb_dues_ledger_due (ledger, m, &due, error))
        return FALSE;
      owed += due;
    }
  if (owed != payment->amount_fen)
    {
      g_autofree char *first = zb_month_format (payment->first);
      g_autofree char *last = zb_month_format (payment->last);
      g_autofree char *owed_text = zb_money_format_yuan (owed);
      g_autofree char *amount = zb_money_format_yuan (payment->amount_fen);

      return refuse (error, _("Amount: the months from %s to %s come to %s yuan, not %s"),
                     first, last, owed_text, amount);
    }
  /* The Dues Rules: arrears are made up generally for at most six months
   * back (一般不得超过6个月). */
  if (warnings != NULL && payment->first < current - ZB_DUES_MAKE_UP_MONTHS)
    {
      g_autofree char *first = zb_month_format (payment->first);

      g_ptr_array_add (warnings,
                       g_strdup_printf (_("Months: arrears are generally made up for at most "
                                          "six months back; this payment reaches back to %s"),
                                        first));
    }
  return TRUE;
}

/* The Dues Rules: a single voluntary extra payment of 1,000 yuan or more
 * goes wholly to the Central Committee. */
gboolean
zb_dues_payment_is_central (const ZbDuesPayment *payment)
{
  return payment->extra && payment->amount_fen >= ZB_DUES_CENTRAL_FEN;
}
