/* zb-reduction.h: a month of Party dues reduced or waived (少交或免交)
 *
 * Copyright 2026 The Zhibu authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define ZB_TYPE_REDUCTION (zb_reduction_get_type ())

G_DECLARE_FINAL_TYPE (ZbReduction, zb_reduction, ZB, REDUCTION, GObject)

ZbReduction *zb_reduction_new              (const char  *id,
                                            const char  *member_id,
                                            const char  *month,
                                            gint64       due_fen,
                                            gboolean     approved);
void         zb_reduction_set_decision     (ZbReduction *self,
                                            const char  *decided_date,
                                            const char  *approval_ref,
                                            const char  *reason);
const char  *zb_reduction_get_id           (ZbReduction *self);
const char  *zb_reduction_get_member_id    (ZbReduction *self);
const char  *zb_reduction_get_month        (ZbReduction *self);
gint64       zb_reduction_get_due_fen      (ZbReduction *self);
gboolean     zb_reduction_get_approved     (ZbReduction *self);
const char  *zb_reduction_get_decided_date (ZbReduction *self);
const char  *zb_reduction_get_approval_ref (ZbReduction *self);
const char  *zb_reduction_get_reason       (ZbReduction *self);

G_END_DECLS
