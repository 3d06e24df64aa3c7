/* zb-payment.h: a payment of Party dues, for the months it covers or as
 * voluntary extra dues
 *
 * Copyright 2026 The Zhibu authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define ZB_TYPE_PAYMENT (zb_payment_get_type ())

G_DECLARE_FINAL_TYPE (ZbPayment, zb_payment, ZB, PAYMENT, GObject)

ZbPayment  *zb_payment_new                (void);
const char *zb_payment_get_id             (ZbPayment  *self);
void        zb_payment_set_id             (ZbPayment  *self,
                                           const char *value);
const char *zb_payment_get_member_id      (ZbPayment  *self);
void        zb_payment_set_member_id      (ZbPayment  *self,
                                           const char *value);
const char *zb_payment_get_paid_date      (ZbPayment  *self);
void        zb_payment_set_paid_date      (ZbPayment  *self,
                                           const char *value);
const char *zb_payment_get_first_month    (ZbPayment  *self);
void        zb_payment_set_first_month    (ZbPayment  *self,
                                           const char *value);
const char *zb_payment_get_last_month     (ZbPayment  *self);
void        zb_payment_set_last_month     (ZbPayment  *self,
                                           const char *value);
const char *zb_payment_get_method         (ZbPayment  *self);
void        zb_payment_set_method         (ZbPayment  *self,
                                           const char *value);
const char *zb_payment_get_receipt_number (ZbPayment  *self);
void        zb_payment_set_receipt_number (ZbPayment  *self,
                                           const char *value);
const char *zb_payment_get_on_behalf_by   (ZbPayment  *self);
void        zb_payment_set_on_behalf_by   (ZbPayment  *self,
                                           const char *value);
gint64      zb_payment_get_amount_fen     (ZbPayment  *self);
void        zb_payment_set_amount_fen     (ZbPayment  *self,
                                           gint64      fen);
gboolean    zb_payment_get_extra          (ZbPayment  *self);
void        zb_payment_set_extra          (ZbPayment  *self,
                                           gboolean    extra);

G_END_DECLS
