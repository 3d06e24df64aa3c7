/* zb-recruit-view.h: the recruitment pipeline, person by person (发展党员)
 *
 * Copyright 2026 The Zhibu authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "zb-context.h"

G_BEGIN_DECLS

#define ZB_TYPE_RECRUIT_VIEW (zb_recruit_view_get_type ())

G_DECLARE_FINAL_TYPE (ZbRecruitView, zb_recruit_view, ZB, RECRUIT_VIEW, GtkWidget)

void        zb_recruit_view_set_context    (ZbRecruitView *self,
                                            ZbContext     *context);
void        zb_recruit_view_reload         (ZbRecruitView *self);
gboolean    zb_recruit_view_is_busy        (ZbRecruitView *self);
guint       zb_recruit_view_get_n_people   (ZbRecruitView *self);
GtkWidget  *zb_recruit_view_get_person_row (ZbRecruitView *self,
                                            guint          index);
const char *zb_recruit_view_get_person_id  (ZbRecruitView *self,
                                            guint          index);
gboolean    zb_recruit_view_select_person  (ZbRecruitView *self,
                                            const char    *person_id);
const char *zb_recruit_view_get_selected   (ZbRecruitView *self);

G_END_DECLS
