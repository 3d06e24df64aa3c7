/* zb-dues-review-dialog.h: the yearly review of the members' dues bases
 *
 * Copyright 2026 The Zhibu authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "zb-store.h"

G_BEGIN_DECLS

#define ZB_TYPE_DUES_REVIEW_DIALOG (zb_dues_review_dialog_get_type ())

G_DECLARE_FINAL_TYPE (ZbDuesReviewDialog, zb_dues_review_dialog, ZB, DUES_REVIEW_DIALOG,
                      AdwWindow)

ZbDuesReviewDialog *zb_dues_review_dialog_new           (ZbStore            *store,
                                                         guint               year);
gboolean            zb_dues_review_dialog_is_busy       (ZbDuesReviewDialog *self);
guint               zb_dues_review_dialog_get_n_left    (ZbDuesReviewDialog *self);
GtkWidget          *zb_dues_review_dialog_get_row       (ZbDuesReviewDialog *self,
                                                         const char         *member_id);
const char         *zb_dues_review_dialog_get_count     (ZbDuesReviewDialog *self);

G_END_DECLS
