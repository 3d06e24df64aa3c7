/* zb-first-items-view.h: 第一议题, the first agenda items of a year's meetings
 *
 * Copyright 2026 The Zhibu authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "zb-context.h"

G_BEGIN_DECLS

#define ZB_TYPE_FIRST_ITEMS_VIEW (zb_first_items_view_get_type ())

G_DECLARE_FINAL_TYPE (ZbFirstItemsView, zb_first_items_view, ZB, FIRST_ITEMS_VIEW, GtkWidget)

void        zb_first_items_view_set_context (ZbFirstItemsView *self,
                                             ZbContext        *context);
void        zb_first_items_view_reload      (ZbFirstItemsView *self);
gboolean    zb_first_items_view_is_loading  (ZbFirstItemsView *self);
void        zb_first_items_view_set_year    (ZbFirstItemsView *self,
                                             guint             year);
GListModel *zb_first_items_view_get_entries (ZbFirstItemsView *self);
GtkWidget  *zb_first_items_view_get_row     (ZbFirstItemsView *self,
                                             const char       *meeting_id);

G_END_DECLS
