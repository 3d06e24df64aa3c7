/* zb-thought-report.h: a written report (思想汇报) handed in by a person on the path into the Party
 *
 * Copyright 2026 The Zhibu authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define ZB_TYPE_THOUGHT_REPORT (zb_thought_report_get_type ())

G_DECLARE_FINAL_TYPE (ZbThoughtReport, zb_thought_report, ZB, THOUGHT_REPORT, GObject)

ZbThoughtReport *zb_thought_report_new            (const char      *person_id,
                                                   const char      *date,
                                                   const char      *summary);
const char      *zb_thought_report_get_id         (ZbThoughtReport *self);
void             zb_thought_report_set_id         (ZbThoughtReport *self,
                                                   const char      *value);
const char      *zb_thought_report_get_person_id  (ZbThoughtReport *self);
const char      *zb_thought_report_get_date       (ZbThoughtReport *self);
const char      *zb_thought_report_get_summary    (ZbThoughtReport *self);

G_END_DECLS
