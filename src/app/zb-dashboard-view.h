/* zb-dashboard-view.h: the branch's figures of a year as charts (统计)
 *
 * Copyright 2026 The Zhibu authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "zb-chart.h"
#include "zb-context.h"

G_BEGIN_DECLS

#define ZB_TYPE_DASHBOARD_VIEW (zb_dashboard_view_get_type ())

G_DECLARE_FINAL_TYPE (ZbDashboardView, zb_dashboard_view, ZB, DASHBOARD_VIEW, GtkWidget)

typedef enum
{
  ZB_EXPORT_PNG,
  ZB_EXPORT_SVG,
} ZbExportFormat;

void      zb_dashboard_view_set_context     (ZbDashboardView  *self,
                                             ZbContext        *context);
void      zb_dashboard_view_reload          (ZbDashboardView  *self);
gboolean  zb_dashboard_view_is_loading      (ZbDashboardView  *self);
guint     zb_dashboard_view_get_year        (ZbDashboardView  *self);
void      zb_dashboard_view_set_year        (ZbDashboardView  *self,
                                             guint             year);
guint     zb_dashboard_view_get_shown_year  (ZbDashboardView  *self);
ZbChart  *zb_dashboard_view_get_chart       (ZbDashboardView  *self,
                                             const char       *name);
char     *zb_dashboard_view_export_name     (ZbDashboardView  *self,
                                             const char       *name,
                                             ZbExportFormat    format);
gboolean  zb_dashboard_view_export          (ZbDashboardView  *self,
                                             const char       *name,
                                             ZbExportFormat    format,
                                             const char       *path,
                                             GError          **error);

G_END_DECLS
