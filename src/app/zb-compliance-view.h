/* zb-compliance-view.h: 合规提醒, what the rules ask of the branch and is not done
 *
 * Copyright 2026 The Zhibu authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "zb-context.h"

G_BEGIN_DECLS

#define ZB_TYPE_COMPLIANCE_VIEW (zb_compliance_view_get_type ())

G_DECLARE_FINAL_TYPE (ZbComplianceView, zb_compliance_view, ZB, COMPLIANCE_VIEW, GtkWidget)

void       zb_compliance_view_set_context   (ZbComplianceView *self,
                                             ZbContext        *context);
void       zb_compliance_view_reload        (ZbComplianceView *self);
gboolean   zb_compliance_view_is_loading    (ZbComplianceView *self);
guint      zb_compliance_view_get_n_findings (ZbComplianceView *self);
void       zb_compliance_view_set_period    (ZbComplianceView *self,
                                             guint             period);
GtkWidget *zb_compliance_view_get_row       (ZbComplianceView *self,
                                             const char       *rule);

G_END_DECLS
