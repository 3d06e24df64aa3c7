/* zb-meeting.h: a meeting of the branch's organisational life (组织生活)
 *
 * Copyright 2026 The Zhibu authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

typedef enum
{
  ZB_PERIOD_MONTH,
  ZB_PERIOD_QUARTER,
  ZB_PERIOD_YEAR,
} ZbPeriod;

/* DOMAIN.md section 2: the meeting types and their default frequency. */
typedef struct
{
  const char *code;
  const char *chinese;       /* the name on paper, whatever the locale */
  const char *label;         /* N_() */
  ZbPeriod    period;
  const char *source;        /* where the frequency comes from, N_() */
  guint       per_group : 1; /* the rule holds for each party group */
  guint       first_item : 1;/* opens with the first agenda item (第一议题) */
} ZbMeetingType;

#define ZB_TYPE_MEETING (zb_meeting_get_type ())

G_DECLARE_FINAL_TYPE (ZbMeeting, zb_meeting, ZB, MEETING, GObject)

const ZbMeetingType *zb_meeting_type_lookup     (const char *code);
const ZbMeetingType *zb_meeting_types           (guint      *n_types);

ZbMeeting   *zb_meeting_new              (void);
const char  *zb_meeting_get_id           (ZbMeeting  *self);
void         zb_meeting_set_id           (ZbMeeting  *self,
                                          const char *id);
const char  *zb_meeting_get_type_code    (ZbMeeting  *self);
void         zb_meeting_set_type_code    (ZbMeeting  *self,
                                          const char *type);
const char  *zb_meeting_get_title        (ZbMeeting  *self);
void         zb_meeting_set_title        (ZbMeeting  *self,
                                          const char *title);
const char  *zb_meeting_get_date         (ZbMeeting  *self);
void         zb_meeting_set_date         (ZbMeeting  *self,
                                          const char *date);
const char  *zb_meeting_get_start_time   (ZbMeeting  *self);
void         zb_meeting_set_start_time   (ZbMeeting  *self,
                                          const char *time);
const char  *zb_meeting_get_end_time     (ZbMeeting  *self);
void         zb_meeting_set_end_time     (ZbMeeting  *self,
                                          const char *time);
const char  *zb_meeting_get_place        (ZbMeeting  *self);
void         zb_meeting_set_place        (ZbMeeting  *self,
                                          const char *place);
const char  *zb_meeting_get_party_group  (ZbMeeting  *self);
void         zb_meeting_set_party_group  (ZbMeeting  *self,
                                          const char *party_group);
const char  *zb_meeting_get_chair_id     (ZbMeeting  *self);
void         zb_meeting_set_chair_id     (ZbMeeting  *self,
                                          const char *member_id);
const char  *zb_meeting_get_recorder_id  (ZbMeeting  *self);
void         zb_meeting_set_recorder_id  (ZbMeeting  *self,
                                          const char *member_id);
/* When the meeting was finalised, or NULL: a finalised record is read-only. */
const char  *zb_meeting_get_finalized_at (ZbMeeting  *self);
void         zb_meeting_set_finalized_at (ZbMeeting  *self,
                                          const char *when);
/* The finalised meeting this record corrects, or NULL. */
const char  *zb_meeting_get_addendum_of  (ZbMeeting  *self);
void         zb_meeting_set_addendum_of  (ZbMeeting  *self,
                                          const char *meeting_id);
gboolean     zb_meeting_validate         (ZbMeeting  *self,
                                          GError    **error);

G_END_DECLS
