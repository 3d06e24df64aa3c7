/* zb-points-line.h: a member's points of a year, by source
 *
 * Copyright 2026 The Zhibu authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

/* Points are kept in tenths of a point, as whole numbers (12 is 1.2). */
typedef struct
{
  guint   meetings;            /* meetings attended */
  gint64  study_minutes;       /* self-study and study in meetings */
  guint   lectures;            /* party lectures given */
  gint64  volunteer_minutes;   /* volunteer service */
  gint64  meeting_tenths;
  gint64  study_tenths;
  gint64  lecture_tenths;
  gint64  volunteer_tenths;
  gint64  total_tenths;        /* the sum, at most the cap */
  gboolean capped;             /* the sum was above the yearly cap */
} ZbPoints;

#define ZB_TYPE_POINTS_LINE (zb_points_line_get_type ())

G_DECLARE_FINAL_TYPE (ZbPointsLine, zb_points_line, ZB, POINTS_LINE, GObject)

ZbPointsLine   *zb_points_line_new           (const char   *member_id,
                                              const char   *name,
                                              const ZbPoints *points);
const char     *zb_points_line_get_member_id (ZbPointsLine *self);
const char     *zb_points_line_get_name      (ZbPointsLine *self);
const ZbPoints *zb_points_line_get_points    (ZbPointsLine *self);
char           *zb_points_format             (gint64        tenths);

G_END_DECLS
