/* zb-archive-dialog.h: archiving a person (转出, 去世, 出党, 除名), asked first
 *
 * Copyright 2026 The Zhibu authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "zb-store.h"

G_BEGIN_DECLS

void      zb_archive_dialog_present (GtkWindow           *parent,
                                     ZbStore             *store,
                                     ZbMember            *member,
                                     GAsyncReadyCallback  callback,
                                     gpointer             user_data);
ZbMember *zb_archive_dialog_finish  (GAsyncResult        *result,
                                     char               **transfer_id,
                                     GError             **error);

G_END_DECLS
