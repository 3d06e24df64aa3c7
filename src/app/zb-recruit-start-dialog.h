/* zb-recruit-start-dialog.h: starting a person's recruitment file with
 * their application (递交入党申请书, S01)
 *
 * Copyright 2026 The Zhibu authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "zb-store.h"

G_BEGIN_DECLS

#define ZB_TYPE_RECRUIT_START_DIALOG (zb_recruit_start_dialog_get_type ())

G_DECLARE_FINAL_TYPE (ZbRecruitStartDialog, zb_recruit_start_dialog, ZB, RECRUIT_START_DIALOG,
                      AdwWindow)

ZbRecruitStartDialog *zb_recruit_start_dialog_new          (ZbStore              *store);
gboolean              zb_recruit_start_dialog_is_busy      (ZbRecruitStartDialog *self);
guint                 zb_recruit_start_dialog_get_n_people (ZbRecruitStartDialog *self);
gboolean              zb_recruit_start_dialog_choose       (ZbRecruitStartDialog *self,
                                                            const char           *person_id);
const char           *zb_recruit_start_dialog_get_error    (ZbRecruitStartDialog *self);
GtkWidget            *zb_recruit_start_dialog_get_error_field (ZbRecruitStartDialog *self);

G_END_DECLS
