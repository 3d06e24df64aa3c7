/* zb-measure.h: an implementation measure (贯彻落实举措) decided at a meeting
 *
 * Copyright 2026 The Zhibu authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define ZB_TYPE_MEASURE (zb_measure_get_type ())

G_DECLARE_FINAL_TYPE (ZbMeasure, zb_measure, ZB, MEASURE, GObject)

ZbMeasure  *zb_measure_new                (void);
const char *zb_measure_get_id             (ZbMeasure  *self);
void        zb_measure_set_id             (ZbMeasure  *self,
                                           const char *value);
const char *zb_measure_get_meeting_id     (ZbMeasure  *self);
void        zb_measure_set_meeting_id     (ZbMeasure  *self,
                                           const char *value);
const char *zb_measure_get_meeting_date   (ZbMeasure  *self);
void        zb_measure_set_meeting_date   (ZbMeasure  *self,
                                           const char *value);
const char *zb_measure_get_text           (ZbMeasure  *self);
void        zb_measure_set_text           (ZbMeasure  *self,
                                           const char *value);
const char *zb_measure_get_owner          (ZbMeasure  *self);
void        zb_measure_set_owner          (ZbMeasure  *self,
                                           const char *value);
const char *zb_measure_get_due_date       (ZbMeasure  *self);
void        zb_measure_set_due_date       (ZbMeasure  *self,
                                           const char *value);
const char *zb_measure_get_state          (ZbMeasure  *self);
void        zb_measure_set_state          (ZbMeasure  *self,
                                           const char *value);
const char *zb_measure_get_done_date      (ZbMeasure  *self);
void        zb_measure_set_done_date      (ZbMeasure  *self,
                                           const char *value);
const char *zb_measure_get_done_note      (ZbMeasure  *self);
void        zb_measure_set_done_note      (ZbMeasure  *self,
                                           const char *value);

G_END_DECLS
