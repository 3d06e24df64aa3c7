/* zb-attendance-editor.h: who attends a meeting (应到, 实到, 请假, 缺席), marked as it starts
 *
 * Copyright 2026 The Zhibu authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

/* One attendee's attendance as marked, waiting to be written. */
typedef struct
{
  char *member_id;
  char *state;     /* present, leave or absent */
  char *reason;    /* or NULL */
} ZbAttendanceMark;

void zb_attendance_mark_free (ZbAttendanceMark *mark);

#define ZB_TYPE_ATTENDANCE_EDITOR (zb_attendance_editor_get_type ())

G_DECLARE_FINAL_TYPE (ZbAttendanceEditor, zb_attendance_editor, ZB, ATTENDANCE_EDITOR, GtkWidget)

GtkWidget  *zb_attendance_editor_new           (GListModel         *attendees);
void        zb_attendance_editor_set_editable  (ZbAttendanceEditor *self,
                                                gboolean            editable);
GPtrArray  *zb_attendance_editor_take_changes  (ZbAttendanceEditor *self);
void        zb_attendance_editor_give_back     (ZbAttendanceEditor *self,
                                                GPtrArray          *marks);
gboolean    zb_attendance_editor_has_changes   (ZbAttendanceEditor *self);
const char *zb_attendance_editor_get_problem   (ZbAttendanceEditor *self);
void        zb_attendance_editor_mark          (ZbAttendanceEditor *self,
                                                const char         *member_id,
                                                const char         *state,
                                                const char         *reason);
void        zb_attendance_editor_mark_all_present (ZbAttendanceEditor *self);
GtkWidget  *zb_attendance_editor_get_row       (ZbAttendanceEditor *self,
                                                const char         *member_id);
void        zb_attendance_editor_count         (ZbAttendanceEditor *self,
                                                guint              *expected,
                                                guint              *present,
                                                guint              *leave,
                                                guint              *absent,
                                                guint              *unmarked);

G_END_DECLS
