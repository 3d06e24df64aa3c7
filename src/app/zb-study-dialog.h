/* zb-study-dialog.h: recording a member's study, lecture or volunteer service
 *
 * Copyright 2026 The Zhibu authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "zb-store.h"

G_BEGIN_DECLS

#define ZB_TYPE_STUDY_DIALOG (zb_study_dialog_get_type ())

G_DECLARE_FINAL_TYPE (ZbStudyDialog, zb_study_dialog, ZB, STUDY_DIALOG, AdwWindow)

ZbStudyDialog *zb_study_dialog_new            (ZbStore       *store,
                                               guint          year);
gboolean       zb_study_dialog_is_busy        (ZbStudyDialog *self);
const char    *zb_study_dialog_get_error      (ZbStudyDialog *self);
GtkWidget     *zb_study_dialog_get_error_row  (ZbStudyDialog *self);
gboolean       zb_study_dialog_choose_member  (ZbStudyDialog *self,
                                               const char    *member_id);
gboolean       zb_study_parse_duration        (const char    *text,
                                               gint64        *minutes);

G_END_DECLS
