/* zb-meeting-editor.h: taking the minutes of a meeting, during the meeting
 *
 * Copyright 2026 The Zhibu authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "zb-attendance-editor.h"
#include "zb-first-item-editor.h"
#include "zb-guests-editor.h"
#include "zb-meeting-details.h"
#include "zb-measures-editor.h"
#include "zb-store.h"

G_BEGIN_DECLS

#define ZB_TYPE_MEETING_EDITOR (zb_meeting_editor_get_type ())

G_DECLARE_FINAL_TYPE (ZbMeetingEditor, zb_meeting_editor, ZB, MEETING_EDITOR, AdwWindow)

ZbMeetingEditor   *zb_meeting_editor_new                  (ZbStore          *store,
                                                           const char       *meeting_id,
                                                           GError          **error);
const char        *zb_meeting_editor_get_meeting_id      (ZbMeetingEditor  *self);
GtkTextView       *zb_meeting_editor_get_minutes_view     (ZbMeetingEditor  *self);
GtkTextView       *zb_meeting_editor_get_item_view        (ZbMeetingEditor  *self,
                                                           guint             position);
guint              zb_meeting_editor_get_n_items          (ZbMeetingEditor  *self);
void               zb_meeting_editor_add_item             (ZbMeetingEditor  *self);
GtkWidget         *zb_meeting_editor_get_attendance_row   (ZbMeetingEditor  *self,
                                                           const char       *member_id);
ZbAttendanceEditor *zb_meeting_editor_get_attendance_editor (ZbMeetingEditor *self);
ZbMeetingDetails  *zb_meeting_editor_get_details          (ZbMeetingEditor  *self);
ZbGuestsEditor    *zb_meeting_editor_get_guests_editor    (ZbMeetingEditor  *self);
const char        *zb_meeting_editor_get_problem          (ZbMeetingEditor  *self);
void               zb_meeting_editor_remove_item          (ZbMeetingEditor  *self,
                                                           guint             position);
ZbFirstItemEditor *zb_meeting_editor_get_first_item_editor (ZbMeetingEditor *self);
ZbMeasuresEditor  *zb_meeting_editor_get_measures_editor  (ZbMeetingEditor  *self);
void               zb_meeting_editor_finalize             (ZbMeetingEditor  *self);
void               zb_meeting_editor_add_addendum         (ZbMeetingEditor  *self,
                                                           const char       *text);
gboolean           zb_meeting_editor_is_final             (ZbMeetingEditor  *self);
GtkWidget         *zb_meeting_editor_get_review_banner    (ZbMeetingEditor  *self);
gboolean           zb_meeting_editor_is_saved             (ZbMeetingEditor  *self);

G_END_DECLS
