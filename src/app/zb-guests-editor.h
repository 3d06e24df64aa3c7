/* zb-guests-editor.h: the guests of a meeting (列席人员), added and removed until it is
 * finalised
 *
 * Copyright 2026 The Zhibu authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "zb-store.h"

G_BEGIN_DECLS

#define ZB_TYPE_GUESTS_EDITOR (zb_guests_editor_get_type ())

G_DECLARE_FINAL_TYPE (ZbGuestsEditor, zb_guests_editor, ZB, GUESTS_EDITOR, GtkWidget)

GtkWidget *zb_guests_editor_new          (ZbStore        *store,
                                          const char     *meeting_id);
void       zb_guests_editor_set_editable (ZbGuestsEditor *self,
                                          gboolean        editable);
void       zb_guests_editor_add          (ZbGuestsEditor *self,
                                          const char     *name,
                                          const char     *affiliation);
void       zb_guests_editor_remove       (ZbGuestsEditor *self,
                                          const char     *guest_id);
void       zb_guests_editor_set_typed    (ZbGuestsEditor *self,
                                          const char     *name,
                                          const char     *affiliation);
gboolean   zb_guests_editor_save_typed   (ZbGuestsEditor *self,
                                          GError        **error);
guint      zb_guests_editor_get_n_guests (ZbGuestsEditor *self);
gboolean   zb_guests_editor_is_busy      (ZbGuestsEditor *self);

G_END_DECLS
