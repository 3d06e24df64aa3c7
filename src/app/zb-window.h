/* zb-window.h: the main window — welcome, unlock, and the roster
 *
 * Copyright 2026 The Zhibu authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "zb-finding.h"

#include "zb-context.h"
#include "zb-meeting-dialog.h"

G_BEGIN_DECLS

#define ZB_TYPE_WINDOW (zb_window_get_type ())

G_DECLARE_FINAL_TYPE (ZbWindow, zb_window, ZB, WINDOW, AdwApplicationWindow)

ZbWindow   *zb_window_new               (GtkApplication *application,
                                         ZbContext      *context);
void        zb_window_open              (ZbWindow       *self,
                                         const char     *path,
                                         const char     *passphrase_file);
void        zb_window_unlock            (ZbWindow       *self,
                                         const char     *passphrase);
GtkWidget  *zb_window_get_unlock_error  (ZbWindow       *self);
const char *zb_window_get_page          (ZbWindow       *self);
void        zb_window_open_meeting      (ZbWindow       *self,
                                         const char     *meeting_id);
void        zb_window_show_view         (ZbWindow       *self,
                                         const char     *name);
GtkWidget  *zb_window_get_meetings_view (ZbWindow       *self);
GtkWidget  *zb_window_get_dashboard_view (ZbWindow      *self);
GtkWidget  *zb_window_get_dues_view     (ZbWindow       *self);
GtkWidget  *zb_window_get_recruit_view (ZbWindow       *self);
GtkWidget  *zb_window_get_study_view   (ZbWindow       *self);
GtkWidget  *zb_window_get_search_view  (ZbWindow       *self);
GtkWidget  *zb_window_get_first_items_view (ZbWindow   *self);
GtkWidget  *zb_window_get_measures_view (ZbWindow      *self);
GtkWidget  *zb_window_get_sync_view    (ZbWindow       *self);
GtkWidget  *zb_window_get_roster_view   (ZbWindow       *self);
void        zb_window_edit_member       (ZbWindow       *self,
                                         ZbMember       *member);
ZbMeetingDialog *zb_window_new_meeting  (ZbWindow       *self);
GtkWidget  *zb_window_get_compliance_view (ZbWindow     *self);
void        zb_window_open_finding      (ZbWindow       *self,
                                         ZbFinding      *finding);

/* zb-window-sync.c */
typedef struct _ZbConflictsWindow ZbConflictsWindow;
typedef struct _ZbSyncSettings ZbSyncSettings;
typedef struct _ZbSyncIndicator ZbSyncIndicator;

ZbConflictsWindow *zb_window_show_conflicts     (ZbWindow *self);
ZbSyncSettings    *zb_window_show_sync_settings (ZbWindow *self);
ZbSyncIndicator   *zb_window_get_sync_indicator (ZbWindow *self);

/* zb-window-welcome.c */
const char *zb_window_get_welcome_step  (ZbWindow       *self);
gboolean    zb_window_is_importing      (ZbWindow       *self);
GtkWidget  *zb_window_get_import_error  (ZbWindow       *self);

/* zb-window-sheets.c */
gboolean    zb_window_import_roster     (ZbWindow       *self,
                                         const char     *path);
gboolean    zb_window_export            (ZbWindow       *self,
                                         const char     *list,
                                         const char     *path);

/* zb-window-preferences.c */
typedef struct _ZbPreferencesWindow ZbPreferencesWindow;

ZbPreferencesWindow *zb_window_show_preferences (ZbWindow *self);

/* zb-window-committee.c */
typedef struct _ZbCommitteeWindow ZbCommitteeWindow;

ZbCommitteeWindow *zb_window_show_committee     (ZbWindow *self);

G_END_DECLS
