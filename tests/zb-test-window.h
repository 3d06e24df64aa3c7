/* zb-test-window.h: the main window under test, and what GUI tests share
 *
 * Copyright 2026 The Zhibu authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "zb-window.h"

G_BEGIN_DECLS

typedef struct
{
  char      *dir;
  char      *path;
  char      *passphrase_file;
  ZbContext *context;
  ZbWindow  *window;
} ZbTestWindow;

void        zb_test_window_set_up     (ZbTestWindow  *f,
                                       gconstpointer  data);
void        zb_test_window_tear_down  (ZbTestWindow  *f,
                                       gconstpointer  data);
void        zb_test_make_roster       (ZbTestWindow  *f,
                                       guint          n);
void        zb_test_open_roster       (ZbTestWindow  *f);
ZbStore    *zb_test_open_store        (ZbTestWindow  *f);
void        zb_test_pick_full_members (ZbStore       *store,
                                       char         **first,
                                       char         **second);
gboolean    zb_test_on_roster         (gpointer       window);
GListModel *zb_test_roster_model      (ZbTestWindow  *f);
void        zb_test_wait_for          (gboolean     (*done) (gpointer),
                                       gpointer       data,
                                       guint          seconds);
void        zb_test_settle            (guint          ms);
GtkWidget  *zb_test_find_by_id        (GtkWidget     *widget,
                                       const char    *name);
GtkWidget  *zb_test_find_toplevel     (GType          type);
void        zb_test_screenshot        (GtkWidget     *widget,
                                       const char    *name);
void        zb_test_gui_init          (int           *argc,
                                       char        ***argv);

G_END_DECLS
