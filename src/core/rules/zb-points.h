/* zb-points.h: a member's yearly points, by the rule set the branch sets
 *
 * Copyright 2026 The Zhibu authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "zb-points-line.h"
#include "zb-study.h"

G_BEGIN_DECLS

/* The branch's rule set, every figure in tenths of a point (whole numbers:
 * no floating point anywhere in the points). */
typedef struct
{
  gint64 meeting;          /* per meeting attended */
  gint64 study_hour;       /* per hour of study, self or in a meeting */
  gint64 lecture;          /* per party lecture given */
  gint64 volunteer_hour;   /* per hour of volunteer service */
  gint64 cap;              /* the most a member earns in a year; 0: no cap */
} ZbPointsRules;

/* The most a figure of the rule set may be: 1,000 points per unit, and a
 * cap of 100,000 points; far from where a year's gint64 sum could overflow. */
#define ZB_POINTS_MAX_RULE_TENTHS G_GINT64_CONSTANT (10000)
#define ZB_POINTS_MAX_CAP_TENTHS  G_GINT64_CONSTANT (1000000)
/* A study record covers one day at most. */
#define ZB_STUDY_MAX_MINUTES 1440

void                zb_points_rules_default  (ZbPointsRules      *rules);
const char * const *zb_points_rule_keys      (void);
gint64              zb_points_rules_get      (const ZbPointsRules *rules,
                                              const char         *key);
gboolean            zb_points_rules_set      (ZbPointsRules      *rules,
                                              const char         *key,
                                              const char         *value,
                                              GError            **error);
gboolean            zb_points_rules_check    (const ZbPointsRules *rules,
                                              GError            **error);
gboolean            zb_points_parse_tenths   (const char         *text,
                                              gint64             *tenths);
gboolean            zb_study_check           (ZbStudy            *study,
                                              GError            **error);
void                zb_points_reckon         (const ZbPointsRules *rules,
                                              guint               year,
                                              GPtrArray          *studies,
                                              guint               meetings_attended,
                                              ZbPoints           *points);

G_END_DECLS
