/* zb-study-view.h: the branch's study records and yearly points (学习积分)
 *
 * Copyright 2026 The Zhibu authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "zb-context.h"

G_BEGIN_DECLS

#define ZB_TYPE_STUDY_VIEW (zb_study_view_get_type ())

G_DECLARE_FINAL_TYPE (ZbStudyView, zb_study_view, ZB, STUDY_VIEW, GtkWidget)

void           zb_study_view_set_context     (ZbStudyView  *self,
                                              ZbContext    *context);
void           zb_study_view_reload          (ZbStudyView  *self);
gboolean       zb_study_view_is_loading      (ZbStudyView  *self);
guint          zb_study_view_get_year        (ZbStudyView  *self);
void           zb_study_view_set_year        (ZbStudyView  *self,
                                              guint         year);
GListModel    *zb_study_view_get_points      (ZbStudyView  *self);
GListModel    *zb_study_view_get_studies     (ZbStudyView  *self);
GtkColumnView *zb_study_view_get_table       (ZbStudyView  *self);
GtkListBox    *zb_study_view_get_record_list (ZbStudyView  *self);

G_END_DECLS
