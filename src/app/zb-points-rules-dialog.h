/* zb-points-rules-dialog.h: the branch's points rule set, changed
 *
 * Copyright 2026 The Zhibu authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "zb-points.h"
#include "zb-store.h"

G_BEGIN_DECLS

#define ZB_TYPE_POINTS_RULES_DIALOG (zb_points_rules_dialog_get_type ())

G_DECLARE_FINAL_TYPE (ZbPointsRulesDialog, zb_points_rules_dialog, ZB, POINTS_RULES_DIALOG,
                      AdwWindow)

ZbPointsRulesDialog *zb_points_rules_dialog_new       (ZbStore             *store,
                                                       const ZbPointsRules *rules);
gboolean             zb_points_rules_dialog_is_saving (ZbPointsRulesDialog *self);
const char          *zb_points_rules_dialog_get_error (ZbPointsRulesDialog *self);

G_END_DECLS
