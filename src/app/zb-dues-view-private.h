/* zb-dues-view-private.h: what the dues page's own files share
 *
 * Copyright 2026 The Zhibu authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "zb-dues-view.h"
#include "zb-store.h"

G_BEGIN_DECLS

struct _ZbDuesView
{
  GtkWidget     parent_instance;

  GtkWidget    *scroller;
  GtkSpinner   *spinner;
  GtkLabel     *error_label;
  GtkListBox   *member_list;
  GtkLabel     *ledger_title;
  GtkListBox   *ledger_list;
  GtkListBox   *payment_list;
  GtkListBox   *reduction_list;
  GtkWidget    *reductions_heading;
  GtkWidget    *payments_heading;
  GtkWidget    *months_heading;
  GtkWidget    *record_button;
  GtkWidget    *print_button;
  GtkWidget    *reduce_button;
  GtkWidget    *review_button;

  ZbContext    *context;
  GCancellable *cancellable;
  GCancellable *ledger_cancellable;
  char         *member_id;     /* the member chosen, or NULL */
  char         *wanted_id;     /* chosen before the list has loaded, or NULL */
  char         *member_name;
  GListModel   *ledger;        /* of ZbDuesLine, the chosen member's */
  GListModel   *reductions;    /* of ZbReduction, the chosen member's */
  gboolean      loading;
  gboolean      ledger_loading;
  guint         approving;     /* approvals being written */
};

ZbStore    *zb_dues_view_store                 (ZbDuesView     *self);
void        zb_dues_view_update_loading        (ZbDuesView     *self);

/* zb-dues-view-reductions.c */
void        zb_dues_view_class_init_reductions (GtkWidgetClass *widget_class);
char       *zb_dues_view_reduction_note        (ZbReduction    *reduction,
                                                const char     *state);
GtkWidget  *zb_dues_view_reduction_row         (ZbReduction    *reduction);
GHashTable *zb_dues_view_reductions_by_month   (GListModel     *reductions);

G_END_DECLS
