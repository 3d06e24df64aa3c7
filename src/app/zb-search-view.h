/* zb-search-view.h: the window's search over members and minutes
 *
 * Copyright 2026 The Zhibu authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "zb-context.h"

G_BEGIN_DECLS

#define ZB_TYPE_SEARCH_VIEW (zb_search_view_get_type ())

G_DECLARE_FINAL_TYPE (ZbSearchView, zb_search_view, ZB, SEARCH_VIEW, GtkWidget)

void        zb_search_view_set_context     (ZbSearchView *self,
                                            ZbContext    *context);
void        zb_search_view_set_key_capture_widget (ZbSearchView *self,
                                                   GtkWidget    *widget);
void        zb_search_view_start           (ZbSearchView *self);
void        zb_search_view_reload          (ZbSearchView *self);
gboolean    zb_search_view_get_showing_results (ZbSearchView *self);
gboolean    zb_search_view_is_busy         (ZbSearchView *self);
GtkEditable *zb_search_view_get_entry      (ZbSearchView *self);
GtkListBox *zb_search_view_get_results     (ZbSearchView *self);
char       *zb_search_view_markup          (const char         *text,
                                            GArray             *matches);

G_END_DECLS
