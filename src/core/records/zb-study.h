/* zb-study.h: a study record, a lecture given or volunteer service
 *
 * Copyright 2026 The Zhibu authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

/* How the member studied, or what the record is instead. */
typedef enum
{
  ZB_STUDY_SELF,        /* 自学: on one's own */
  ZB_STUDY_MEETING,     /* in a meeting: 三会一课 or 主题党日 */
  ZB_STUDY_LECTURE,     /* 讲党课: a party lecture the member gave */
  ZB_STUDY_VOLUNTEER,   /* 志愿服务: volunteer service */
  ZB_STUDY_N_KINDS,
} ZbStudyKind;

#define ZB_TYPE_STUDY (zb_study_get_type ())

G_DECLARE_FINAL_TYPE (ZbStudy, zb_study, ZB, STUDY, GObject)

gboolean     zb_study_kind_parse      (const char  *text,
                                       ZbStudyKind *kind);
const char  *zb_study_kind_to_string  (ZbStudyKind  kind);
const char  *zb_study_kind_label      (ZbStudyKind  kind);

ZbStudy     *zb_study_new             (void);
const char  *zb_study_get_id          (ZbStudy     *self);
void         zb_study_set_id          (ZbStudy     *self,
                                       const char  *value);
const char  *zb_study_get_member_id   (ZbStudy     *self);
void         zb_study_set_member_id   (ZbStudy     *self,
                                       const char  *value);
const char  *zb_study_get_member_name (ZbStudy     *self);
void         zb_study_set_member_name (ZbStudy     *self,
                                       const char  *value);
const char  *zb_study_get_date        (ZbStudy     *self);
void         zb_study_set_date        (ZbStudy     *self,
                                       const char  *value);
const char  *zb_study_get_title       (ZbStudy     *self);
void         zb_study_set_title       (ZbStudy     *self,
                                       const char  *value);
const char  *zb_study_get_material    (ZbStudy     *self);
void         zb_study_set_material    (ZbStudy     *self,
                                       const char  *value);
const char  *zb_study_get_meeting_id  (ZbStudy     *self);
void         zb_study_set_meeting_id  (ZbStudy     *self,
                                       const char  *value);
ZbStudyKind  zb_study_get_kind        (ZbStudy     *self);
void         zb_study_set_kind        (ZbStudy     *self,
                                       ZbStudyKind  kind);
gint64       zb_study_get_minutes     (ZbStudy     *self);
void         zb_study_set_minutes     (ZbStudy     *self,
                                       gint64       minutes);

G_END_DECLS
