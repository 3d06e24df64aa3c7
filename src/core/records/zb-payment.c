#define G_LOG_DOMAIN "zb-payment"

#include "config.h"

#include "zb-payment.h"
#include "zb-record.h"

/* A payment of Party dues (DOMAIN.md section 4): the payment date and the
 * months it covers are separate facts, since dues may be paid ahead and
 * arrears made up; paid on the member's behalf (代缴) when @on_behalf_by
 * names who paid; or voluntary extra dues (@extra), which cover no month. */
struct _ZbPayment
{
  GObject   parent_instance;

  char     *id;
  char     *member_id;
  char     *paid_date;
  char     *first_month;    /* YYYY-MM; NULL for extra dues */
  char     *last_month;
  char     *method;
  char     *receipt_number;
  char     *on_behalf_by;   /* who paid for the member (代缴人) */
  gint64    amount_fen;
  gboolean  extra;
};

G_DEFINE_FINAL_TYPE (ZbPayment, zb_payment, G_TYPE_OBJECT)

static void
zb_payment_finalize (GObject *object)
{
  ZbPayment *self = (ZbPayment *)object;

  g_free (self->id);
  g_free (self->member_id);
  g_free (self->paid_date);
  g_free (self->first_month);
  g_free (self->last_month);
  g_free (self->method);
  g_free (self->receipt_number);
  g_free (self->on_behalf_by);

  G_OBJECT_CLASS (zb_payment_parent_class)->finalize (object);
}

static void
zb_payment_class_init (ZbPaymentClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = zb_payment_finalize;
}

static void
zb_payment_init (ZbPayment *self)
{
}

ZbPayment *
zb_payment_new (void)
{
  return g_object_new (ZB_TYPE_PAYMENT, NULL);
}

#define ACCESSORS(name) ZB_RECORD_TEXT_ACCESSORS (ZbPayment, zb_payment, name, name)

ACCESSORS (id)
ACCESSORS (member_id)
ACCESSORS (paid_date)
ACCESSORS (first_month)
ACCESSORS (last_month)
ACCESSORS (method)
ACCESSORS (receipt_number)
ACCESSORS (on_behalf_by)

gint64
zb_payment_get_amount_fen (ZbPayment *self)
{
  g_return_val_if_fail (ZB_IS_PAYMENT (self), 0);
  return self->amount_fen;
}

void
zb_payment_set_amount_fen (ZbPayment *self,
                           gint64     fen)
{
  g_return_if_fail (ZB_IS_PAYMENT (self));
  self->amount_fen = fen;
}

gboolean
zb_payment_get_extra (ZbPayment *self)
{
  g_return_val_if_fail (ZB_IS_PAYMENT (self), FALSE);
  return self->extra;
}

void
zb_payment_set_extra (ZbPayment *self,
                      gboolean   extra)
{
  g_return_if_fail (ZB_IS_PAYMENT (self));
  self->extra = extra;
}
