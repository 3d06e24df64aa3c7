/* zb-conflicts-window.h: conflicts of sync, both values side by side to pick from
 *
 * Copyright 2026 The Zhibu authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "zb-store.h"

G_BEGIN_DECLS

#define ZB_TYPE_CONFLICTS_WINDOW (zb_conflicts_window_get_type ())

G_DECLARE_FINAL_TYPE (ZbConflictsWindow, zb_conflicts_window, ZB, CONFLICTS_WINDOW, AdwWindow)

ZbConflictsWindow *zb_conflicts_window_new         (ZbStore           *store);
guint              zb_conflicts_window_get_n_shown (ZbConflictsWindow *self);
void               zb_conflicts_window_pick        (ZbConflictsWindow *self,
                                                    const char        *conflict_id,
                                                    gboolean           kept);
void               zb_conflicts_window_merge       (ZbConflictsWindow *self,
                                                    const char        *conflict_id,
                                                    const char        *value);

G_END_DECLS
