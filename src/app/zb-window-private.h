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
  GtkStack             *stack;
  GtkSpinner           *spinner;
  AdwEntryRow          *branch_row;
  GtkSwitch            *passphrase_switch;
  AdwPasswordEntryRow  *new_passphrase_row;
  GtkLabel             *welcome_error;
  AdwStatusPage        *unlock_page;
  AdwPasswordEntryRow  *passphrase_row;
  GtkLabel             *unlock_error;
  GtkSearchEntry       *search_entry;
  GtkLabel             *count_label;
  ZbRosterView         *roster_view;
  ZbSyncIndicator      *sync_indicator;

  ZbContext            *context;
  char                 *path;
  char                 *pending_meeting;  /* to open once the store is open */
  GCancellable         *cancellable;
};

/* zb-window-sync.c */
void zb_window_class_init_sync (GtkWidgetClass *widget_class);
void zb_window_init_sync       (ZbWindow       *self);

/* zb-window-committee.c */
void zb_window_class_init_committee (GtkWidgetClass *widget_class);

/* zb-window-print.c */
void zb_window_class_init_print (GtkWidgetClass *widget_class);

G_END_DECLS
