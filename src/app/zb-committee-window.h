/* zb-committee-window.h: the branch committee's terms, current and past
 *
 * Copyright 2026 The Zhibu authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "zb-store.h"

G_BEGIN_DECLS

#define ZB_TYPE_COMMITTEE_WINDOW (zb_committee_window_get_type ())

G_DECLARE_FINAL_TYPE (ZbCommitteeWindow, zb_committee_window, ZB, COMMITTEE_WINDOW, AdwWindow)

ZbCommitteeWindow *zb_committee_window_new           (ZbStore           *store);
AdwMessageDialog  *zb_committee_window_open_form     (ZbCommitteeWindow *self,
                                                      ZbCommitteeMember *term);
void               zb_committee_window_end_term      (ZbCommitteeWindow *self,
                                                      const char        *term_id,
                                                      const char        *to);
void               zb_committee_window_remove_term   (ZbCommitteeWindow *self,
                                                      const char        *term_id);
gboolean           zb_committee_window_is_busy       (ZbCommitteeWindow *self);
guint              zb_committee_window_get_n_current (ZbCommitteeWindow *self);
guint              zb_committee_window_get_n_past    (ZbCommitteeWindow *self);

G_END_DECLS
