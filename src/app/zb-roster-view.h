/* zb-roster-view.h: the branch roster as a sortable, searchable table
 *
 * Copyright 2026 The Zhibu authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "zb-context.h"
#include "zb-roster-model.h"

G_BEGIN_DECLS

#define ZB_TYPE_ROSTER_VIEW (zb_roster_view_get_type ())

G_DECLARE_FINAL_TYPE (ZbRosterView, zb_roster_view, ZB, ROSTER_VIEW, GtkWidget)

void           zb_roster_view_set_context  (ZbRosterView *self,
                                            ZbContext    *context);
void           zb_roster_view_set_search   (ZbRosterView *self,
                                            const char   *text);
void           zb_roster_view_reload       (ZbRosterView *self);
ZbRosterModel *zb_roster_view_get_model    (ZbRosterView *self);
GtkColumnView *zb_roster_view_get_column_view (ZbRosterView *self);
GtkAdjustment *zb_roster_view_get_vadjustment (ZbRosterView *self);

G_END_DECLS
