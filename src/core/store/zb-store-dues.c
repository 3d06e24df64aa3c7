#define G_LOG_DOMAIN "zb-store-dues"

#include "config.h"

#include <glib/gi18n.h>

#include "zb-date.h"
#include "zb-error.h"
#include "zb-money.h"
#include "zb-store-private.h"

/* Party dues (DOMAIN.md section 4): each member's bases, the reductions and
 * waivers (少交或免交) the branch decided and the higher committee approved,
 * and the payments. What is due, paid and in arrears is reckoned by the
 * rules of zb-dues-ledger.c over the member's rows, never in SQL; a payment
 * is checked by them in the transaction that records it. */

/* The member's ledger, NULL with no error for a member with no admission
 * date: dues run from the month of admission (the Dues Rules; DOMAIN.md
 * section 4: probationary members pay from the month of admission). */
static gboolean
load_start (sqlite3     *db,
            const char  *member_id,
            ZbMonth     *start,
            gboolean    *has_dues,
            GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = zb_sql_prepare (db, "SELECT joined_date FROM members "
                                                     "WHERE id = ? AND deleted = 0", error);
  GDate joined;

  if (stmt == NULL)
    return FALSE;
  zb_sql_bind_text (stmt, 1, member_id);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    return zb_store_refuse (error, _("Member: there is no such member; see zhibu-cli member "
                                     "list for the IDs"));
  *has_dues = zb_date_parse_iso ((const char *) sqlite3_column_text (stmt, 0), &joined);
  if (*has_dues)
    *start = zb_month_of_date (&joined);
  return TRUE;
}

static sqlite3_stmt *
prepare_rows (sqlite3     *db,
              const char  *sql,
              const char  *member_id,
              GError     **error)
{
  sqlite3_stmt *stmt = zb_sql_prepare (db, sql, error);

  if (stmt != NULL)
    zb_sql_bind_text (stmt, 1, member_id);
  return stmt;
}

static gboolean
month_column (sqlite3_stmt *stmt,
              int           column,
              ZbMonth      *month)
{
  return zb_month_parse ((const char *) sqlite3_column_text (stmt, column), month);
}

static gboolean
load_bases (sqlite3       *db,
            const char    *member_id,
            ZbDuesLedger  *ledger,
            GError       **error)
{
  g_autoptr(sqlite3_stmt) stmt = prepare_rows (db, "SELECT from_month, kind, base_fen "
                                                   "FROM dues_bases WHERE member_id = ? AND "
                                                   "deleted = 0 ORDER BY from_month, rowid",
                                               member_id, error);

  while (stmt != NULL && sqlite3_step (stmt) == SQLITE_ROW)
    {
      ZbDuesBase base;

      if (month_column (stmt, 0, &base.from) &&
          zb_dues_kind_parse ((const char *) sqlite3_column_text (stmt, 1), &base.kind))
        {
          base.base_fen = sqlite3_column_int64 (stmt, 2);
          zb_dues_ledger_add_base (ledger, &base);
        }
    }
  return stmt != NULL;
}

static gboolean
load_reductions (sqlite3       *db,
                 const char    *member_id,
                 ZbDuesLedger  *ledger,
                 GError       **error)
{
  g_autoptr(sqlite3_stmt) stmt = prepare_rows (db, "SELECT month, due_fen, approved "
                                                   "FROM dues_reductions WHERE member_id = ? "
                                                   "AND deleted = 0 ORDER BY month, rowid",
                                               member_id, error);

  while (stmt != NULL && sqlite3_step (stmt) == SQLITE_ROW)
    {
      ZbDuesReduction reduction;

      if (!month_column (stmt, 0, &reduction.month))
        continue;
      reduction.due_fen = sqlite3_column_int64 (stmt, 1);
      reduction.approved = sqlite3_column_int (stmt, 2) != 0;
      zb_dues_ledger_add_reduction (ledger, &reduction);
    }
  return stmt != NULL;
}

static gboolean
load_payments (sqlite3       *db,
               const char    *member_id,
               ZbDuesLedger  *ledger,
               GError       **error)
{
  g_autoptr(sqlite3_stmt) stmt = prepare_rows (db, "SELECT first_month, last_month, "
                                                   "amount_fen, extra FROM dues_payments "
                                                   "WHERE member_id = ? AND deleted = 0 "
                                                   "ORDER BY first_month, rowid",
                                               member_id, error);

  while (stmt != NULL && sqlite3_step (stmt) == SQLITE_ROW)
    {
      ZbDuesPayment payment = { 0 };

      payment.extra = sqlite3_column_int (stmt, 3) != 0;
      payment.amount_fen = sqlite3_column_int64 (stmt, 2);
      if (!payment.extra &&
          (!month_column (stmt, 0, &payment.first) || !month_column (stmt, 1, &payment.last)))
        continue;
      zb_dues_ledger_add_payment (ledger, &payment);
    }
  return stmt != NULL;
}

/* The ledger of @member_id from its rows; *@ledger stays NULL for a member
 * who has no dues (no admission date). */
static gboolean
load_ledger (sqlite3       *db,
             const char    *member_id,
             ZbDuesLedger **ledger,
             GError       **error)
{
  g_autoptr(ZbDuesLedger) loaded = NULL;
  gboolean has_dues = FALSE;
  ZbMonth start = 0;

  *ledger = NULL;
  if (!load_start (db, member_id, &start, &has_dues, error))
    return FALSE;
  if (!has_dues)
    return TRUE;

  loaded = zb_dues_ledger_new (start);
  if (!load_bases (db, member_id, loaded, error) ||
      !load_reductions (db, member_id, loaded, error) ||
      !load_payments (db, member_id, loaded, error))
    return FALSE;
  *ledger = g_steal_pointer (&loaded);
  return TRUE;
}

static gboolean
refuse_no_dues (GError **error)
{
  return zb_store_refuse (error, _("Member: has no date of admission, and dues run from the "
                                   "month of admission; record the admission date first"));
}

static gboolean
parse_month (const char  *text,
             const char  *label,
             ZbMonth     *month,
             GError     **error)
{
  if (zb_month_parse (text, month))
    return TRUE;
  /* TRANSLATORS: a field, then what was given */
  g_set_error (error, ZB_MEMBER_ERROR, ZB_MEMBER_ERROR_INVALID,
               _("%s: “%s” is not a month; write it as year-month, such as 2026-03"), label,
               text ? text : "");
  return FALSE;
}

typedef struct
{
  const char *member_id;
  ZbMonth     from;
  ZbDuesKind  kind;
  gint64      base_fen;
} BaseJob;

static gboolean
set_base_body (sqlite3  *db,
               gpointer  data,
               GError  **error)
{
  BaseJob *job = data;
  g_autoptr(ZbDuesLedger) ledger = NULL;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autofree char *id = g_uuid_string_random ();
  g_autofree char *month = zb_month_format (job->from);
  g_autofree char *now = zb_store_now ();

  if (!load_ledger (db, job->member_id, &ledger, error))
    return FALSE;
  stmt = zb_sql_prepare (db, "INSERT OR FAIL INTO dues_bases (id, member_id, from_month, kind, "
                             "base_fen, created_at) VALUES (?, ?, ?, ?, ?, ?)", error);
  if (stmt == NULL)
    return FALSE;
  zb_sql_bind_text (stmt, 1, id);
  zb_sql_bind_text (stmt, 2, job->member_id);
  zb_sql_bind_text (stmt, 3, month);
  zb_sql_bind_text (stmt, 4, zb_dues_kind_to_string (job->kind));
  sqlite3_bind_int64 (stmt, 5, job->base_fen);
  zb_sql_bind_text (stmt, 6, now);
  return zb_sql_step_done (db, stmt, error);
}

/* The member's base from @from_month on (the Dues Rules: a change of pay
 * applies from the month the new pay is received); for a farmer member, the
 * chosen monthly amount. Checked by the brackets' own rules first. */
gboolean
zb_store_set_dues_base (ZbStore     *self,
                        const char  *member_id,
                        const char  *from_month,
                        ZbDuesKind   kind,
                        gint64       base_fen,
                        GError     **error)
{
  BaseJob job = { member_id, 0, kind, base_fen };
  gint64 dues;

  if (!parse_month (from_month, _("From month"), &job.from, error) ||
      !zb_dues_monthly (kind, base_fen, &dues, error))
    return FALSE;
  return zb_store_run_write (self, set_base_body, &job, error);
}

typedef struct
{
  const char *member_id;
  ZbMonth     month;
  gint64      due_fen;
  const char *decided_date;
  const char *approval_ref;
  const char *reason;
  char       *id;
} ReductionJob;

static gboolean
add_reduction_body (sqlite3  *db,
                    gpointer  data,
                    GError  **error)
{
  ReductionJob *job = data;
  g_autoptr(ZbDuesLedger) ledger = NULL;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autofree char *month = zb_month_format (job->month);
  g_autofree char *now = zb_store_now ();

  if (!load_ledger (db, job->member_id, &ledger, error))
    return FALSE;
  if (ledger == NULL)
    return refuse_no_dues (error);
  stmt = zb_sql_prepare (db, "INSERT OR FAIL INTO dues_reductions (id, member_id, month, due_fen, "
                             "approved, decided_date, approval_ref, reason, created_at) "
                             "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", error);
  if (stmt == NULL)
    return FALSE;
  job->id = g_uuid_string_random ();
  zb_sql_bind_text (stmt, 1, job->id);
  zb_sql_bind_text (stmt, 2, job->member_id);
  zb_sql_bind_text (stmt, 3, month);
  sqlite3_bind_int64 (stmt, 4, job->due_fen);
  sqlite3_bind_int (stmt, 5, job->approval_ref != NULL);
  zb_sql_bind_text (stmt, 6, job->decided_date);
  zb_sql_bind_text (stmt, 7, job->approval_ref);
  zb_sql_bind_text (stmt, 8, job->reason);
  zb_sql_bind_text (stmt, 9, now);
  return zb_sql_step_done (db, stmt, error);
}

/* 少交或免交 (DOMAIN.md section 4): the branch decides that the member owes
 * @due_fen for @month instead (0 waives it); it counts once the higher
 * committee has approved it, @approval_ref naming that approval (NULL: not
 * yet, see zb_store_approve_dues_reduction()). Returns the new row's ID. */
char *
zb_store_add_dues_reduction (ZbStore     *self,
                             const char  *member_id,
                             const char  *month,
                             gint64       due_fen,
                             const char  *decided_date,
                             const char  *approval_ref,
                             const char  *reason,
                             GError     **error)
{
  ReductionJob job = { member_id, 0, due_fen, decided_date, approval_ref, reason, NULL };

  if (!parse_month (month, _("Month"), &job.month, error))
    return NULL;
  if (due_fen < 0 || due_fen > ZB_MONEY_MAX_FEN)
    {
      zb_store_refuse (error, _("Amount due instead: give what the member pays for the month, "
                                "0 to waive it"));
      return NULL;
    }
  if (!zb_store_run_write (self, add_reduction_body, &job, error))
    {
      g_free (job.id);
      return NULL;
    }
  return job.id;
}

typedef struct
{
  ReductionJob  month;
  ZbMonth       last;
  GPtrArray    *ids;
} RangeJob;

static gboolean
add_range_body (sqlite3  *db,
                gpointer  data,
                GError  **error)
{
  RangeJob *job = data;

  for (ZbMonth m = job->month.month; m <= job->last; m++)
    {
      ReductionJob one = job->month;

      one.month = m;
      one.id = NULL;
      if (!add_reduction_body (db, &one, error))
        {
          g_free (one.id);
          return FALSE;
        }
      g_ptr_array_add (job->ids, one.id);
    }
  return TRUE;
}

/* The branch's decision to reduce or waive (少交或免交) every month from
 * @first_month to @last_month, as one action in one transaction, awaiting
 * the higher committee's approval (DOMAIN.md section 4: decided by the
 * branch, approved by the higher committee; only then are they not
 * arrears). Returns the new rows' IDs, month by month. */
GStrv
zb_store_add_dues_reductions (ZbStore     *self,
                              const char  *member_id,
                              const char  *first_month,
                              const char  *last_month,
                              gint64       due_fen,
                              const char  *decided_date,
                              const char  *reason,
                              GError     **error)
{
  g_autoptr(GPtrArray) ids = g_ptr_array_new_with_free_func (g_free);
  RangeJob job = { { member_id, 0, due_fen, decided_date, NULL, reason, NULL }, 0, ids };

  if (!parse_month (first_month, _("From month"), &job.month.month, error) ||
      !parse_month (last_month, _("To month"), &job.last, error))
    return NULL;
  if (job.last < job.month.month)
    {
      zb_store_refuse (error, _("To month: give a month no earlier than the first month"));
      return NULL;
    }
  if (due_fen < 0 || due_fen > ZB_MONEY_MAX_FEN)
    {
      zb_store_refuse (error, _("Amount due instead: give what the member pays for the month, "
                                "0 to waive it"));
      return NULL;
    }
  if (!zb_store_run_write (self, add_range_body, &job, error))
    return NULL;
  g_ptr_array_add (ids, NULL);
  return (GStrv) g_ptr_array_free (g_steal_pointer (&ids), FALSE);
}

static GObject *
reduction_from_row (sqlite3_stmt *stmt)
{
  ZbReduction *r = zb_reduction_new ((const char *) sqlite3_column_text (stmt, 0),
                                     (const char *) sqlite3_column_text (stmt, 1),
                                     (const char *) sqlite3_column_text (stmt, 2),
                                     sqlite3_column_int64 (stmt, 3),
                                     sqlite3_column_int (stmt, 4) != 0);

  zb_reduction_set_decision (r, (const char *) sqlite3_column_text (stmt, 5),
                             (const char *) sqlite3_column_text (stmt, 6),
                             (const char *) sqlite3_column_text (stmt, 7));
  return G_OBJECT (r);
}

/* A member's reductions and waivers (ZbReduction), by month, approved or
 * awaiting approval. */
GListModel *
zb_store_list_dues_reductions (ZbStore     *self,
                               const char  *member_id,
                               GError     **error)
{
  sqlite3 *db = zb_store_begin_read (self);
  GListModel *list;

  list = zb_sql_list (db, ZB_TYPE_REDUCTION,
                      "SELECT id, member_id, month, due_fen, approved, decided_date, "
                      "approval_ref, reason FROM dues_reductions WHERE member_id = ?1 AND "
                      "deleted = 0 ORDER BY month, rowid",
                      member_id, NULL, reduction_from_row, error);
  zb_store_end_read (self, db);
  return list;
}

/* The higher committee's approval of a reduction the branch decided. */
gboolean
zb_store_approve_dues_reduction (ZbStore     *self,
                                 const char  *id,
                                 const char  *approval_ref,
                                 GError     **error)
{
  const char *values[] = { approval_ref, id };
  sqlite3 *db;

  if (approval_ref == NULL || *approval_ref == '\0')
    return zb_store_refuse (error, _("Approval of the higher committee: name the approval, "
                                     "such as its document number"));
  if ((db = zb_store_begin_write (self, error)) == NULL)
    return FALSE;
  if (!zb_sql_run (db, "UPDATE OR FAIL dues_reductions SET approved = 1, approval_ref = ? "
                       "WHERE id = ? AND deleted = 0", values, G_N_ELEMENTS (values), error))
    {
      zb_store_rollback_write (self);
      return FALSE;
    }
  if (sqlite3_changes (db) == 0)
    {
      zb_store_rollback_write (self);
      return zb_store_refuse (error, _("No such reduction"));
    }
  return zb_store_commit_write (self, error);
}

typedef struct
{
  ZbPayment *payment;
  GPtrArray *warnings;
} PaymentJob;

static gboolean
payment_of (ZbPayment      *payment,
            ZbDuesPayment  *out,
            GError        **error)
{
  g_autofree char *first = NULL, *last = NULL;

  out->extra = zb_payment_get_extra (payment);
  out->amount_fen = zb_payment_get_amount_fen (payment);
  out->first = out->last = 0;
  if (out->extra)
    {
      if (zb_payment_get_first_month (payment) || zb_payment_get_last_month (payment))
        return zb_store_refuse (error, _("Months: voluntary extra dues cover no month; leave "
                                         "the months out"));
      return TRUE;
    }
  if (!parse_month (zb_payment_get_first_month (payment), _("First month"), &out->first,
                    error) ||
      !parse_month (zb_payment_get_last_month (payment), _("Last month"), &out->last, error))
    return FALSE;

  /* As the schema keeps them, however they were typed ("2026年3月"). */
  first = zb_month_format (out->first);
  last = zb_month_format (out->last);
  zb_payment_set_first_month (payment, first);
  zb_payment_set_last_month (payment, last);
  return TRUE;
}

static gboolean
insert_payment (sqlite3    *db,
                ZbPayment  *p,
                GError    **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autofree char *now = zb_store_now ();

  stmt = zb_sql_prepare (db, "INSERT OR FAIL INTO dues_payments (id, member_id, paid_date, "
                             "first_month, last_month, amount_fen, method, receipt_number, "
                             "on_behalf, on_behalf_by, extra, created_at) "
                             "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", error);
  if (stmt == NULL)
    return FALSE;
  zb_sql_bind_text (stmt, 1, zb_payment_get_id (p));
  zb_sql_bind_text (stmt, 2, zb_payment_get_member_id (p));
  zb_sql_bind_text (stmt, 3, zb_payment_get_paid_date (p));
  zb_sql_bind_text (stmt, 4, zb_payment_get_first_month (p));
  zb_sql_bind_text (stmt, 5, zb_payment_get_last_month (p));
  sqlite3_bind_int64 (stmt, 6, zb_payment_get_amount_fen (p));
  zb_sql_bind_text (stmt, 7, zb_payment_get_method (p));
  zb_sql_bind_text (stmt, 8, zb_payment_get_receipt_number (p));
  sqlite3_bind_int (stmt, 9, zb_payment_get_on_behalf_by (p) != NULL);
  zb_sql_bind_text (stmt, 10, zb_payment_get_on_behalf_by (p));
  sqlite3_bind_int (stmt, 11, zb_payment_get_extra (p));
  zb_sql_bind_text (stmt, 12, now);
  return zb_sql_step_done (db, stmt, error);
}

static gboolean
record_payment_body (sqlite3  *db,
                     gpointer  data,
                     GError  **error)
{
  PaymentJob *job = data;
  g_autoptr(ZbDuesLedger) ledger = NULL;
  g_autofree char *id = g_uuid_string_random ();
  ZbDuesPayment payment;
  GDate paid;

  if (!payment_of (job->payment, &payment, error) ||
      !load_ledger (db, zb_payment_get_member_id (job->payment), &ledger, error))
    return FALSE;
  if (ledger == NULL)
    return refuse_no_dues (error);
  zb_date_parse_iso (zb_payment_get_paid_date (job->payment), &paid);
  if (!zb_dues_ledger_check_payment (ledger, &payment, zb_month_of_date (&paid), job->warnings,
                                     error))
    return FALSE;
  if (zb_dues_payment_is_central (&payment))
    g_ptr_array_add (job->warnings,
                     g_strdup (_("Amount: voluntary extra dues of 1,000 yuan or more in one "
                                 "payment go wholly to the Central Committee (the Dues Rules)")));

  zb_payment_set_id (job->payment, id);
  return insert_payment (db, job->payment, error);
}

/* Records @payment in one transaction, checked against the member's ledger
 * as it stands in it (zb_dues_ledger_check_payment(): no month paid twice,
 * none before admission, the amount the months come to). A payment date
 * not given is today. What is taken but worth a word (months made up more
 * than six months back) is added to @warnings. Returns the new ID. */
char *
zb_store_record_dues_payment (ZbStore     *self,
                              ZbPayment   *payment,
                              GPtrArray   *warnings,
                              GError     **error)
{
  g_autoptr(GPtrArray) own = g_ptr_array_new_with_free_func (g_free);
  PaymentJob job = { payment, warnings ? warnings : own };
  GDate date;

  if (zb_payment_get_paid_date (payment) == NULL)
    {
      g_autofree char *today = zb_date_today_iso ();

      zb_payment_set_paid_date (payment, today);
    }
  if (!zb_date_parse_iso (zb_payment_get_paid_date (payment), &date))
    {
      zb_store_refuse (error, _("Payment date: write it as year-month-day, such as 2026-03-05"));
      return NULL;
    }
  if (!zb_store_run_write (self, record_payment_body, &job, error))
    return NULL;
  return g_strdup (zb_payment_get_id (payment));
}

static GObject *
payment_from_row (sqlite3_stmt *stmt)
{
  ZbPayment *p = zb_payment_new ();
  void (*setters[]) (ZbPayment *, const char *) = {
    zb_payment_set_id, zb_payment_set_member_id, zb_payment_set_paid_date,
    zb_payment_set_first_month, zb_payment_set_last_month, zb_payment_set_method,
    zb_payment_set_receipt_number, zb_payment_set_on_behalf_by,
  };

  for (guint i = 0; i < G_N_ELEMENTS (setters); i++)
    setters[i] (p, (const char *) sqlite3_column_text (stmt, i));
  zb_payment_set_amount_fen (p, sqlite3_column_int64 (stmt, 8));
  zb_payment_set_extra (p, sqlite3_column_int (stmt, 9) != 0);
  return G_OBJECT (p);
}

#define PAYMENT_SELECT \
  "SELECT id, member_id, paid_date, first_month, last_month, method, receipt_number, " \
  "on_behalf_by, amount_fen, extra FROM dues_payments "

/* A member's payments, by payment date. */
GListModel *
zb_store_list_dues_payments (ZbStore     *self,
                             const char  *member_id,
                             GError     **error)
{
  sqlite3 *db = zb_store_begin_read (self);
  GListModel *list;

  list = zb_sql_list (db, ZB_TYPE_PAYMENT,
                      PAYMENT_SELECT "WHERE member_id = ?1 AND deleted = 0 "
                      "ORDER BY paid_date, rowid",
                      member_id, NULL, payment_from_row, error);
  zb_store_end_read (self, db);
  return list;
}

/* One payment, for its receipt. */
ZbPayment *
zb_store_get_dues_payment (ZbStore     *self,
                           const char  *id,
                           GError     **error)
{
  sqlite3 *db = zb_store_begin_read (self);
  g_autoptr(GListModel) list = NULL;

  list = zb_sql_list (db, ZB_TYPE_PAYMENT, PAYMENT_SELECT "WHERE id = ?1 AND deleted = 0",
                      id, NULL, payment_from_row, error);
  zb_store_end_read (self, db);
  if (list == NULL)
    return NULL;
  if (g_list_model_get_n_items (list) == 0)
    {
      g_set_error (error, ZB_MEMBER_ERROR, ZB_MEMBER_ERROR_NOT_FOUND,
                   _("No dues payment has the ID %s"), id);
      return NULL;
    }
  return g_list_model_get_item (list, 0);
}

static const char *
state_name (ZbDuesMonthState state)
{
  switch (state)
    {
    case ZB_DUES_MONTH_PAID:
      return "paid";
    case ZB_DUES_MONTH_WAIVED:
      return "waived";
    case ZB_DUES_MONTH_DUE:
    case ZB_DUES_MONTH_BEFORE_START:
    default:
      return "due";
    }
}

/* The last month a payment covers, or @until if later. */
static ZbMonth
last_month_shown (sqlite3    *db,
                  const char *member_id,
                  ZbMonth     until)
{
  g_autoptr(sqlite3_stmt) stmt = prepare_rows (db, "SELECT max(last_month) FROM dues_payments "
                                                   "WHERE member_id = ? AND deleted = 0",
                                               member_id, NULL);
  ZbMonth last;

  if (stmt != NULL && sqlite3_step (stmt) == SQLITE_ROW && month_column (stmt, 0, &last))
    return MAX (last, until);
  return until;
}

static gboolean
ledger_lines_locked (sqlite3     *db,
                     const char  *member_id,
                     ZbMonth      until,
                     GListStore  *lines,
                     GError     **error)
{
  g_autoptr(ZbDuesLedger) ledger = NULL;
  ZbMonth last;

  if (!load_ledger (db, member_id, &ledger, error))
    return FALSE;
  if (ledger == NULL)
    return TRUE;

  last = last_month_shown (db, member_id, until);
  for (ZbMonth m = zb_dues_ledger_get_start (ledger); m <= last; m++)
    {
      ZbDuesMonthState state = zb_dues_ledger_state (ledger, m);
      g_autofree char *name = zb_month_format (m);
      g_autoptr(ZbDuesLine) line = NULL;
      gint64 due = -1;

      if (!zb_dues_ledger_due (ledger, m, &due, NULL))
        due = -1;
      line = zb_dues_line_new (name, state_name (state), due,
                               state == ZB_DUES_MONTH_PAID ? MAX (due, 0) : 0);
      g_list_store_append (lines, line);
    }
  return TRUE;
}

/* A member's dues month by month (ZbDuesLine), from the month of admission
 * to @until_month (YYYY-MM) or the last month paid ahead, whichever is
 * later. Empty for a member with no admission date. */
GListModel *
zb_store_dues_ledger (ZbStore     *self,
                      const char  *member_id,
                      const char  *until_month,
                      GError     **error)
{
  g_autoptr(GListStore) lines = g_list_store_new (ZB_TYPE_DUES_LINE);
  sqlite3 *db;
  ZbMonth until;
  gboolean ok;

  if (!parse_month (until_month, _("Month"), &until, error))
    return NULL;
  db = zb_store_begin_read (self);
  ok = ledger_lines_locked (db, member_id, until, lines, error);
  zb_store_end_read (self, db);
  return ok ? G_LIST_MODEL (g_steal_pointer (&lines)) : NULL;
}

/* The month of the member's first base: the ledger is kept in Zhibu from
 * then on. The months before it, back to admission, cannot be reckoned
 * here (no base says what they owe; the branch's earlier ledger holds
 * them), so they are not counted as arrears; a member with no base yet has
 * none reckoned at all, rather than every branch that starts its ledger in
 * Zhibu seeing every member in arrears since admission. */
static gboolean
first_base_month (sqlite3    *db,
                  const char *member_id,
                  ZbMonth    *month)
{
  g_autoptr(sqlite3_stmt) stmt = prepare_rows (db, "SELECT min(from_month) FROM dues_bases "
                                                   "WHERE member_id = ? AND deleted = 0",
                                               member_id, NULL);

  return stmt != NULL && sqlite3_step (stmt) == SQLITE_ROW && month_column (stmt, 0, month);
}

static ZbArrears *
member_arrears (sqlite3     *db,
                const char  *member_id,
                const char  *name,
                ZbMonth      current,
                GError     **error)
{
  g_autoptr(ZbDuesLedger) ledger = NULL;
  g_autoptr(GArray) months = NULL;
  g_autoptr(GPtrArray) names = NULL;
  ZbDuesLevel level;

  ZbMonth kept_from;
  guint n = 0;

  if (!first_base_month (db, member_id, &kept_from) ||
      !load_ledger (db, member_id, &ledger, error) || ledger == NULL)
    return NULL;
  months = zb_dues_ledger_arrears (ledger, current);

  names = g_ptr_array_new_with_free_func (g_free);
  for (guint i = 0; i < months->len; i++)
    if (g_array_index (months, ZbMonth, i) >= kept_from)
      g_ptr_array_add (names, zb_month_format (g_array_index (months, ZbMonth, i)));
  if ((n = names->len) == 0)
    return NULL;
  g_ptr_array_add (names, NULL);
  level = zb_dues_arrears_level (n);
  return zb_arrears_new (member_id, name, (GStrv) names->pdata,
                         level == ZB_DUES_LEVEL_ALERT ? "alert"
                         : level == ZB_DUES_LEVEL_WARNING ? "warning" : NULL);
}

/* Every member in arrears before @current (the month under way is not yet
 * late), in pinyin order of their names: members of the branch in normal
 * standing who have an admission date, from the month of admission or of
 * their first base, whichever is later. For the checker too, under the
 * write lock. */
GListModel *
zb_store_dues_arrears_locked (sqlite3  *db,
                              ZbMonth   current,
                              GError  **error)
{
  g_autoptr(GListStore) all = g_list_store_new (ZB_TYPE_ARREARS);
  g_autoptr(sqlite3_stmt) stmt = NULL;

  stmt = zb_sql_prepare (db, "SELECT id, name FROM members WHERE deleted = 0 AND "
                             "status = 'normal' AND joined_date IS NOT NULL "
                             "ORDER BY name COLLATE PINYIN, name, rowid", error);
  if (stmt == NULL)
    return NULL;
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      g_autoptr(GError) local_error = NULL;
      const char *id = (const char *) sqlite3_column_text (stmt, 0);
      const char *name = (const char *) sqlite3_column_text (stmt, 1);
      g_autoptr(ZbArrears) arrears = member_arrears (db, id, name, current, &local_error);

      if (local_error != NULL)
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return NULL;
        }
      if (arrears != NULL)
        g_list_store_append (all, arrears);
    }
  return G_LIST_MODEL (g_steal_pointer (&all));
}

/* Every member's arrears before @month (YYYY-MM). */
GListModel *
zb_store_dues_arrears (ZbStore     *self,
                       const char  *month,
                       GError     **error)
{
  GListModel *list;
  ZbMonth current;
  sqlite3 *db;

  if (!parse_month (month, _("Month"), &current, error))
    return NULL;
  db = zb_store_begin_read (self);
  list = zb_store_dues_arrears_locked (db, current, error);
  zb_store_end_read (self, db);
  return list;
}

/* The base in force for a member in a year: the latest to start by its
 * December. */
#define LATEST_BASE \
  "SELECT kind, base_fen, from_month FROM dues_bases WHERE member_id = ?1 AND deleted = 0 " \
  "AND from_month <= ?2 ORDER BY from_month DESC, created_at DESC, rowid DESC LIMIT 1"

typedef struct
{
  guint       year;
  GListStore *lines;
} ReviewJob;

static gboolean
review_body (sqlite3  *db,
             gpointer  data,
             GError  **error)
{
  ReviewJob *job = data;
  g_autofree char *year_end = g_strdup_printf ("%04u-12-31", job->year);
  g_autofree char *december = g_strdup_printf ("%04u-12", job->year);
  g_autofree char *january = g_strdup_printf ("%04u-01", job->year);
  g_autoptr(sqlite3_stmt) members = NULL;

  /* The Party's members admitted by the year's end and in the branch: the
   * dues run from the month of admission (DOMAIN.md section 4). */
  members = zb_sql_prepare (db, "SELECT id, name FROM members WHERE deleted = 0 AND "
                                "status = 'normal' AND joined_date IS NOT NULL AND "
                                "joined_date <= ?1 ORDER BY name COLLATE PINYIN, name, rowid",
                            error);
  if (members == NULL)
    return FALSE;
  zb_sql_bind_text (members, 1, year_end);
  while (sqlite3_step (members) == SQLITE_ROW)
    {
      const char *id = (const char *) sqlite3_column_text (members, 0);
      g_autoptr(sqlite3_stmt) base = zb_sql_prepare (db, LATEST_BASE, error);
      g_autoptr(ZbBaseReview) line = NULL;
      gboolean found;
      const char *from;

      if (base == NULL)
        return FALSE;
      zb_sql_bind_text (base, 1, id);
      zb_sql_bind_text (base, 2, december);
      found = sqlite3_step (base) == SQLITE_ROW;
      from = found ? (const char *) sqlite3_column_text (base, 2) : NULL;
      line = zb_base_review_new (id, (const char *) sqlite3_column_text (members, 1),
                                 found ? (const char *) sqlite3_column_text (base, 0) : NULL,
                                 found ? sqlite3_column_int64 (base, 1) : 0, from,
                                 from != NULL && g_strcmp0 (from, january) >= 0);
      g_list_store_append (job->lines, line);
    }
  return TRUE;
}

/* The yearly review of dues bases: each member admitted by @year's end,
 * the base in force in the year, and whether it was set or confirmed in
 * that year. */
GListModel *
zb_store_dues_base_review (ZbStore  *self,
                           guint     year,
                           GError  **error)
{
  g_autoptr(GListStore) lines = g_list_store_new (ZB_TYPE_BASE_REVIEW);
  ReviewJob job = { year, lines };

  if (!zb_store_run_read (self, review_body, &job, error))
    return NULL;
  return G_LIST_MODEL (g_steal_pointer (&lines));
}

typedef struct
{
  const char *member_id;
  guint       year;
} ConfirmJob;

static gboolean
confirm_body (sqlite3  *db,
              gpointer  data,
              GError  **error)
{
  ConfirmJob *job = data;
  g_autofree char *december = g_strdup_printf ("%04u-12", job->year);
  g_autoptr(sqlite3_stmt) stmt = zb_sql_prepare (db, LATEST_BASE, error);
  BaseJob base = { job->member_id, (ZbMonth) (job->year * 12), 0, 0 };
  const char *from;

  if (stmt == NULL)
    return FALSE;
  zb_sql_bind_text (stmt, 1, job->member_id);
  zb_sql_bind_text (stmt, 2, december);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    {
      g_set_error (error, ZB_MEMBER_ERROR, ZB_MEMBER_ERROR_INVALID,
                   _("Monthly base: none is recorded for the member %s; record it with "
                     "“dues base”"), job->member_id);
      return FALSE;
    }
  /* Set or confirmed in the year already: its month is of the year. */
  from = (const char *) sqlite3_column_text (stmt, 2);
  if (g_ascii_strtoull (from, NULL, 10) == job->year)
    return TRUE;
  if (!zb_dues_kind_parse ((const char *) sqlite3_column_text (stmt, 0), &base.kind))
    g_return_val_if_reached (FALSE);
  base.base_fen = sqlite3_column_int64 (stmt, 1);
  return set_base_body (db, &base, error);
}

/* Confirms in the yearly review that the member's base stands unchanged
 * for @year: the same base again from its January, so that the ledger
 * shows the review. Nothing to do when the base was set in the year. */
gboolean
zb_store_confirm_dues_base (ZbStore     *self,
                            const char  *member_id,
                            guint        year,
                            GError     **error)
{
  ConfirmJob job = { member_id, year };

  return zb_store_run_write (self, confirm_body, &job, error);
}

/* The dues of @year for the branch's figures (src/core/stats): month by
 * month, what the members in the branch owed (as the dues ledger reckons
 * it: from admission or their first base, reductions and waivers applied)
 * and what of that is paid; and the voluntary extra dues paid in the year.
 * In fen, added to @due, @paid and @extra. A month with no base recorded
 * for a member owes nothing that can be counted. */
gboolean
zb_store_dues_year_locked (sqlite3  *db,
                           guint     year,
                           gint64    due[12],
                           gint64    paid[12],
                           gint64   *extra,
                           GError  **error)
{
  g_autofree char *first = g_strdup_printf ("%04u-01-01", year);
  g_autofree char *last = g_strdup_printf ("%04u-12-31", year);
  g_autoptr(sqlite3_stmt) members = NULL, extras = NULL;

  members = zb_sql_prepare (db, "SELECT DISTINCT b.member_id FROM dues_bases b JOIN members m "
                                "ON m.id = b.member_id WHERE b.deleted = 0 AND m.deleted = 0 "
                                "AND m.status = 'normal'", error);
  if (members == NULL)
    return FALSE;
  while (sqlite3_step (members) == SQLITE_ROW)
    {
      g_autoptr(ZbDuesLedger) ledger = NULL;

      if (!load_ledger (db, (const char *) sqlite3_column_text (members, 0), &ledger, error))
        return FALSE;
      for (guint i = 0; ledger != NULL && i < 12; i++)
        {
          ZbMonth month = (ZbMonth) (year * 12 + i);
          ZbDuesMonthState state = zb_dues_ledger_state (ledger, month);
          gint64 owed;

          if (state == ZB_DUES_MONTH_BEFORE_START || !zb_dues_ledger_due (ledger, month, &owed,
                                                                           NULL))
            continue;
          due[i] += owed;
          paid[i] += state == ZB_DUES_MONTH_PAID ? owed : 0;
        }
    }

  extras = zb_sql_prepare (db, "SELECT coalesce(sum(amount_fen), 0) FROM dues_payments WHERE "
                               "deleted = 0 AND extra = 1 AND paid_date BETWEEN ?1 AND ?2",
                           error);
  if (extras == NULL)
    return FALSE;
  zb_sql_bind_text (extras, 1, first);
  zb_sql_bind_text (extras, 2, last);
  if (sqlite3_step (extras) == SQLITE_ROW)
    *extra += sqlite3_column_int64 (extras, 0);
  return TRUE;
}
