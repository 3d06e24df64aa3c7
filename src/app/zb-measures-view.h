/* zb-measures-view.h: 落实举措, every implementation measure and its state
 *
 * Copyright 2026 The Zhibu authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "zb-context.h"

G_BEGIN_DECLS

typedef enum
{
  ZB_MEASURES_OPEN,
  ZB_MEASURES_OVERDUE,
  ZB_MEASURES_DONE,
  ZB_MEASURES_ALL,
} ZbMeasuresFilter;

#define ZB_TYPE_MEASURES_VIEW (zb_measures_view_get_type ())

G_DECLARE_FINAL_TYPE (ZbMeasuresView, zb_measures_view, ZB, MEASURES_VIEW, GtkWidget)

void        zb_measures_view_set_context (ZbMeasuresView   *self,
                                          ZbContext        *context);
void        zb_measures_view_reload      (ZbMeasuresView   *self);
gboolean    zb_measures_view_is_loading  (ZbMeasuresView   *self);
void        zb_measures_view_set_filter  (ZbMeasuresView   *self,
                                          ZbMeasuresFilter  filter);
GListModel *zb_measures_view_get_shown   (ZbMeasuresView   *self);
GtkWidget  *zb_measures_view_get_row     (ZbMeasuresView   *self,
                                          const char       *measure_id);

G_END_DECLS
