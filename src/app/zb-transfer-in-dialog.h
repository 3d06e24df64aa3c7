/* zb-transfer-in-dialog.h: a person transferred out whose organisational
 * relationship comes back to the branch (转回), asked first
 *
 * Copyright 2026 The Zhibu authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "zb-store.h"

G_BEGIN_DECLS

void      zb_transfer_in_dialog_present (GtkWindow           *parent,
                                         ZbStore             *store,
                                         ZbMember            *member,
                                         GAsyncReadyCallback  callback,
                                         gpointer             user_data);
char     *zb_transfer_in_dialog_finish  (GAsyncResult        *result,
                                         GError             **error);
void      zb_transfer_in_rows_add       (AdwPreferencesGroup  *group,
                                         GtkEditable         **from,
                                         GtkEditable         **letter,
                                         GtkEditable         **date);

G_END_DECLS
