/* zb-meeting-dialog.h: the form that creates a meeting and its first item
 *
 * Copyright 2026 The Zhibu authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "zb-store.h"

G_BEGIN_DECLS

#define ZB_TYPE_MEETING_DIALOG (zb_meeting_dialog_get_type ())

G_DECLARE_FINAL_TYPE (ZbMeetingDialog, zb_meeting_dialog, ZB, MEETING_DIALOG, AdwWindow)

ZbMeetingDialog *zb_meeting_dialog_new       (ZbStore         *store);
gboolean         zb_meeting_dialog_is_ready  (ZbMeetingDialog *self);
gboolean         zb_meeting_dialog_is_edited (ZbMeetingDialog *self);
void             zb_meeting_dialog_set_type  (ZbMeetingDialog *self,
                                              const char      *type);
void             zb_meeting_dialog_set_title (ZbMeetingDialog *self,
                                              const char      *title);
void             zb_meeting_dialog_set_date  (ZbMeetingDialog *self,
                                              const char      *date);
void             zb_meeting_dialog_set_signers (ZbMeetingDialog *self,
                                                const char      *chair_id,
                                                const char      *recorder_id);
void             zb_meeting_dialog_create    (ZbMeetingDialog *self);

G_END_DECLS
