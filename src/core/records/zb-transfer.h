/* zb-transfer.h: an organisational relationship moved in or out (组织关系转接)
 *
 * Copyright 2026 The Zhibu authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define ZB_TYPE_TRANSFER (zb_transfer_get_type ())

G_DECLARE_FINAL_TYPE (ZbTransfer, zb_transfer, ZB, TRANSFER, GObject)

ZbTransfer *zb_transfer_new                (const char *member_id,
                                            gboolean    incoming,
                                            const char *date,
                                            const char *organisation,
                                            const char *letter_number);
const char *zb_transfer_get_id             (ZbTransfer *self);
void        zb_transfer_set_id             (ZbTransfer *self,
                                            const char *id);
const char *zb_transfer_get_member_id      (ZbTransfer *self);
gboolean    zb_transfer_is_incoming        (ZbTransfer *self);
const char *zb_transfer_get_date           (ZbTransfer *self);
const char *zb_transfer_get_organisation   (ZbTransfer *self);
const char *zb_transfer_get_letter_number  (ZbTransfer *self);
gboolean    zb_transfer_validate           (ZbTransfer *self,
                                            GError    **error);

G_END_DECLS
