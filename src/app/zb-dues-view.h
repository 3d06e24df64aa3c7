/* zb-dues-view.h: the branch's Party dues, arrears and ledgers (党费)
 *
 * Copyright 2026 The Zhibu authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "zb-context.h"

G_BEGIN_DECLS

#define ZB_TYPE_DUES_VIEW (zb_dues_view_get_type ())

G_DECLARE_FINAL_TYPE (ZbDuesView, zb_dues_view, ZB, DUES_VIEW, GtkWidget)

void        zb_dues_view_set_context     (ZbDuesView  *self,
                                          ZbContext   *context);
void        zb_dues_view_reload          (ZbDuesView  *self);
gboolean    zb_dues_view_is_loading      (ZbDuesView  *self);
GtkListBox *zb_dues_view_get_member_list (ZbDuesView  *self);
GtkListBox *zb_dues_view_get_ledger_list (ZbDuesView  *self);
GtkListBox *zb_dues_view_get_reduction_list (ZbDuesView *self);
void        zb_dues_view_choose_member   (ZbDuesView  *self,
                                          const char  *member_id);
const char *zb_dues_view_get_member      (ZbDuesView  *self);
GListModel *zb_dues_view_get_ledger      (ZbDuesView  *self);

G_END_DECLS
