/* zb-chart.h: a chart of counts or sums of money, drawn with cairo, for the
 * dashboard, on screen and exported as PNG and SVG
 *
 * Copyright 2026 The Zhibu authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define ZB_TYPE_CHART (zb_chart_get_type ())

G_DECLARE_FINAL_TYPE (ZbChart, zb_chart, ZB, CHART, GtkWidget)

typedef enum
{
  ZB_CHART_COLUMNS,   /* a group of upright columns for each category, one a series */
  ZB_CHART_BARS,      /* one level bar for each category, of the first series */
} ZbChartKind;

typedef enum
{
  ZB_CHART_COUNT,     /* whole numbers */
  ZB_CHART_FEN,       /* money in fen, shown in yuan */
} ZbChartUnit;

ZbChart   *zb_chart_new            (ZbChartKind         kind,
                                    const char         *title);
const char *zb_chart_get_title     (ZbChart            *self);
void       zb_chart_set_unit       (ZbChart            *self,
                                    ZbChartUnit         unit);
void       zb_chart_set_categories (ZbChart            *self,
                                    const char * const *labels);
void       zb_chart_add_series     (ZbChart            *self,
                                    const char         *name,
                                    const gint64       *values,
                                    guint               n_values);
void       zb_chart_clear_series   (ZbChart            *self);
char      *zb_chart_describe       (ZbChart            *self);
void       zb_chart_draw           (ZbChart            *self,
                                    cairo_t            *cr,
                                    int                 width,
                                    int                 height,
                                    const GdkRGBA      *ink);
gboolean   zb_chart_save_png       (ZbChart            *self,
                                    const char         *path,
                                    int                 width,
                                    int                 height,
                                    GError            **error);
gboolean   zb_chart_save_svg       (ZbChart            *self,
                                    const char         *path,
                                    int                 width,
                                    int                 height,
                                    GError            **error);

G_END_DECLS
