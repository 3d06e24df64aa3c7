/* zb-window-private.h: what the window's own files share
 *
 * Copyright 2026 The Zhibu authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "zb-compliance-view.h"
#include "zb-dashboard-view.h"
#include "zb-dues-view.h"
#include "zb-first-items-view.h"
#include "zb-measures-view.h"
#include "zb-recruit-view.h"
#include "zb-study-view.h"
#include "zb-meetings-view.h"
#include "zb-roster-view.h"
#include "zb-search-view.h"
#include "zb-sync-indicator.h"
#include "zb-sync-view.h"
#include "zb-window.h"

G_BEGIN_DECLS

struct _ZbWindow
{
  AdwApplicationWindow  parent_instance;

  AdwToastOverlay      *toast_overlay;
  GtkWidget            *plain_header;
  AdwLeaflet           *leaflet;
  AdwWindowTitle       *branch_title;
  GtkListBox           *sidebar_list;
  GtkWidget            *content;
  AdwWindowTitle       *view_title;
  AdwViewStack         *view_stack;
  GtkWindow            *help_overlay;   /* NULL until first shown */
  /* NULL until first needed (zb-window-views.c) */
  ZbMeetingsView       *meetings_view;
  ZbFirstItemsView     *first_items_view;
  ZbMeasuresView       *measures_view;
  ZbComplianceView     *compliance_view;
  ZbDashboardView      *dashboard_view;
  ZbDuesView           *dues_view;
  ZbRecruitView        *recruit_view;
  ZbStudyView          *study_view;
  ZbSyncView           *sync_view;
  GtkWidget            *add_button;
  GtkMenuButton        *sheets_button;
  GtkStack             *stack;
  GtkSpinner           *spinner;
  GtkStack             *welcome_steps;
  AdwEntryRow          *branch_row;
  AdwEntryRow          *welcome_committee_row;
  AdwEntryRow          *welcome_secretary_row;
  GtkLabel             *branch_error;
  GtkSwitch            *passphrase_switch;
  AdwPasswordEntryRow  *new_passphrase_row;
  AdwPasswordEntryRow  *repeat_passphrase_row;
  GtkLabel             *welcome_error;
  GtkWidget            *create_button;
  GtkLabel             *import_error;
  GtkSpinner           *import_spinner;
  GtkWidget            *import_button;
  AdwStatusPage        *unlock_page;
  AdwPasswordEntryRow  *passphrase_row;
  GtkLabel             *unlock_error;
  GtkSearchEntry       *search_entry;
  GtkLabel             *count_label;
  GtkDropDown          *category_filter;
  GtkDropDown          *group_filter;
  GtkCheckButton       *archived_filter;
  ZbRosterView         *roster_view;
  ZbSyncIndicator      *sync_indicator;
  ZbSearchView         *search_view;

  ZbContext            *context;
  char                 *path;
  char                 *pending_meeting;  /* to open once the store is open */
  ZbKey                *key;              /* the open database's; NULL: the keyring's */
  GCancellable         *cancellable;
  GtkNativeDialog      *import_chooser;
  gboolean              importing;
  gboolean              welcome_demo;     /* the second step creates the demo branch */
  gboolean              first_frame_marked;
};

/* zb-window-views.c */
GtkWidget *zb_window_ensure_view   (ZbWindow   *self,
                                    const char *name,
                                    gboolean   *reading);
void       zb_window_attach_views  (ZbWindow   *self);
void       zb_window_dispose_views (ZbWindow   *self);

/* zb-window-sync.c */
void zb_window_class_init_sync (GtkWidgetClass *widget_class);
void zb_window_init_sync       (ZbWindow       *self);

/* zb-window.c */
void zb_window_update_count (ZbWindow *self);

/* zb-window-roster.c */
void     zb_window_class_init_roster   (GtkWidgetClass *widget_class);
void     zb_window_init_roster         (ZbWindow       *self);
void     zb_window_update_group_filter (ZbWindow       *self);
gboolean zb_window_roster_is_filtered  (ZbWindow       *self);

/* zb-window-committee.c */
void zb_window_class_init_committee (GtkWidgetClass *widget_class);

/* zb-window.c */
void zb_window_update_title (ZbWindow   *self);
void zb_window_reopen       (ZbWindow   *self);
void zb_window_show_page    (ZbWindow   *self,
                             const char *name);
void zb_window_show_roster  (ZbWindow   *self);
void zb_window_show_error   (GtkLabel   *label,
                             const char *message);

/* zb-window-welcome.c */
void zb_window_class_init_welcome (GtkWidgetClass *widget_class);

/* zb-window-sheets.c */
void zb_window_class_init_sheets (GtkWidgetClass *widget_class);
void zb_window_dispose_sheets    (ZbWindow       *self);
void zb_window_update_sheets     (ZbWindow       *self);

/* zb-window-preferences.c */
void zb_window_class_init_preferences (GtkWidgetClass *widget_class);

/* zb-window-print.c */
void zb_window_class_init_print (GtkWidgetClass *widget_class);

G_END_DECLS
