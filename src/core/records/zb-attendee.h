/* zb-attendee.h: one expected attendee of a meeting (应到人员) and how they attended
 *
 * Copyright 2026 The Zhibu authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define ZB_TYPE_ATTENDEE (zb_attendee_get_type ())

G_DECLARE_FINAL_TYPE (ZbAttendee, zb_attendee, ZB, ATTENDEE, GObject)

ZbAttendee *zb_attendee_new            (const char *member_id,
                                        const char *name,
                                        const char *state,
                                        const char *reason);
const char *zb_attendee_get_member_id  (ZbAttendee *self);
const char *zb_attendee_get_name       (ZbAttendee *self);
const char *zb_attendee_get_state      (ZbAttendee *self);
const char *zb_attendee_get_reason     (ZbAttendee *self);
gboolean    zb_attendee_get_has_vote   (ZbAttendee *self);
void        zb_attendee_set_has_vote   (ZbAttendee *self,
                                        gboolean    has_vote);
const char *zb_attendance_label        (const char *state);

G_END_DECLS
