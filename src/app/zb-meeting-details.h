/* zb-meeting-details.h: a meeting's title, date, times, place, chair and recorder, editable
 * until it is finalised
 *
 * Copyright 2026 The Zhibu authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "zb-meeting.h"

G_BEGIN_DECLS

#define ZB_TYPE_MEETING_DETAILS (zb_meeting_details_get_type ())

G_DECLARE_FINAL_TYPE (ZbMeetingDetails, zb_meeting_details, ZB, MEETING_DETAILS, GtkWidget)

GtkWidget *zb_meeting_details_new          (ZbMeeting         *meeting,
                                            GListModel        *people,
                                            const char        *corrects);
ZbMeeting *zb_meeting_details_read         (ZbMeetingDetails  *self,
                                            GError           **error);
void       zb_meeting_details_set_editable (ZbMeetingDetails  *self,
                                            gboolean           editable);
void       zb_meeting_details_show_saved   (ZbMeetingDetails  *self,
                                            ZbMeeting         *saved);
void       zb_meeting_details_set_signers  (ZbMeetingDetails  *self,
                                            const char        *chair_id,
                                            const char        *recorder_id);
void       zb_meeting_details_set_text     (ZbMeetingDetails  *self,
                                            const char        *field,
                                            const char        *text);
const char *zb_meeting_details_get_text    (ZbMeetingDetails  *self,
                                            const char        *field);
gboolean   zb_meeting_details_get_editable (ZbMeetingDetails  *self);
GtkWidget *zb_meeting_details_get_chair_drop_down (ZbMeetingDetails *self);
char      *zb_meeting_details_describe_signers    (ZbMeetingDetails *self);

G_END_DECLS
