/* zb-print.h: the app's ways to the printed records, each to its preview
 *
 * Copyright 2026 The Zhibu authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "zb-pdf-preview.h"
#include "zb-store.h"

G_BEGIN_DECLS

ZbPdfPreview     *zb_print_meeting        (GtkWindow  *parent,
                                           ZbStore    *store,
                                           const char *meeting_id);
ZbPdfPreview     *zb_print_binder         (GtkWindow  *parent,
                                           ZbStore    *store,
                                           guint       year,
                                           guint       quarter);
ZbPdfPreview     *zb_print_roster         (GtkWindow  *parent,
                                           ZbStore    *store,
                                           gboolean    with_sensitive);
ZbPdfPreview     *zb_print_recruitment    (GtkWindow  *parent,
                                           ZbStore    *store,
                                           const char *person_id);
ZbPdfPreview     *zb_print_transfer       (GtkWindow  *parent,
                                           ZbStore    *store,
                                           const char *transfer_id);
AdwMessageDialog *zb_print_choose_binder  (GtkWindow  *parent,
                                           ZbStore    *store);
AdwMessageDialog *zb_print_choose_roster  (GtkWindow  *parent,
                                           ZbStore    *store);
void              zb_print_set_binder     (AdwMessageDialog *dialog,
                                           guint       year,
                                           guint       quarter);
void              zb_print_set_sensitive  (AdwMessageDialog *dialog,
                                           gboolean    with_sensitive);

G_END_DECLS
