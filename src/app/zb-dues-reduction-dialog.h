/* zb-dues-reduction-dialog.h: the branch's decision to reduce or waive a
 * member's Party dues (少交或免交)
 *
 * Copyright 2026 The Zhibu authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "zb-store.h"

G_BEGIN_DECLS

#define ZB_TYPE_DUES_REDUCTION_DIALOG (zb_dues_reduction_dialog_get_type ())

G_DECLARE_FINAL_TYPE (ZbDuesReductionDialog, zb_dues_reduction_dialog, ZB,
                      DUES_REDUCTION_DIALOG, AdwWindow)

ZbDuesReductionDialog *zb_dues_reduction_dialog_new       (ZbStore               *store,
                                                           const char            *member_id,
                                                           const char            *name);
gboolean               zb_dues_reduction_dialog_is_saving (ZbDuesReductionDialog *self);
const char            *zb_dues_reduction_dialog_get_error (ZbDuesReductionDialog *self);
GtkWidget             *zb_dues_reduction_dialog_get_error_field (ZbDuesReductionDialog *self);

G_END_DECLS
