/* zb-meetings-view.h: the branch's meetings by month, with the compliance state
 *
 * Copyright 2026 The Zhibu authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "zb-context.h"

G_BEGIN_DECLS

#define ZB_TYPE_MEETINGS_VIEW (zb_meetings_view_get_type ())

G_DECLARE_FINAL_TYPE (ZbMeetingsView, zb_meetings_view, ZB, MEETINGS_VIEW, GtkWidget)

void   zb_meetings_view_set_context  (ZbMeetingsView *self,
                                      ZbContext      *context);
void   zb_meetings_view_reload       (ZbMeetingsView *self);
guint  zb_meetings_view_get_n_sent_back (ZbMeetingsView *self);
gboolean zb_meetings_view_is_loading   (ZbMeetingsView *self);
const char *zb_meetings_view_get_state_label (ZbMeetingsView *self,
                                              const char     *meeting_id);

G_END_DECLS
