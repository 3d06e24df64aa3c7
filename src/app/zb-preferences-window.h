/* zb-preferences-window.h: the branch, compliance thresholds, sync and backup, in one window
 *
 * Copyright 2026 The Zhibu authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "zb-context.h"
#include "zb-key.h"
#include "zb-pdf-fonts.h"

G_BEGIN_DECLS

#define ZB_TYPE_PREFERENCES_WINDOW (zb_preferences_window_get_type ())

G_DECLARE_FINAL_TYPE (ZbPreferencesWindow, zb_preferences_window, ZB, PREFERENCES_WINDOW,
                      AdwPreferencesWindow)

ZbPreferencesWindow *zb_preferences_window_new              (ZbContext            *context,
                                                             const ZbKey          *database_key);
gboolean             zb_preferences_window_back_up          (ZbPreferencesWindow  *self,
                                                             const char           *path);
void                 zb_preferences_window_set_restore_file (ZbPreferencesWindow  *self,
                                                             const char           *path);
AdwMessageDialog    *zb_preferences_window_restore          (ZbPreferencesWindow  *self);
gboolean             zb_preferences_window_is_busy          (ZbPreferencesWindow  *self);
void                 zb_preferences_window_set_font         (ZbPreferencesWindow  *self,
                                                             ZbPdfFace             face,
                                                             const char           *family);

G_END_DECLS
