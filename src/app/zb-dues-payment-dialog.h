/* zb-dues-payment-dialog.h: recording a member's payment of Party dues
 *
 * Copyright 2026 The Zhibu authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "zb-store.h"

G_BEGIN_DECLS

#define ZB_TYPE_DUES_PAYMENT_DIALOG (zb_dues_payment_dialog_get_type ())

G_DECLARE_FINAL_TYPE (ZbDuesPaymentDialog, zb_dues_payment_dialog, ZB, DUES_PAYMENT_DIALOG,
                      AdwWindow)

ZbDuesPaymentDialog *zb_dues_payment_dialog_new       (ZbStore             *store,
                                                       const char          *member_id,
                                                       const char          *name,
                                                       GListModel          *ledger);
gboolean             zb_dues_payment_dialog_is_saving (ZbDuesPaymentDialog *self);
const char          *zb_dues_payment_dialog_get_error (ZbDuesPaymentDialog *self);

G_END_DECLS
