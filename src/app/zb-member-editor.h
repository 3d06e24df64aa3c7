/* zb-member-editor.h: the form to add or edit one person of the roster
 *
 * Copyright 2026 The Zhibu authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "zb-store.h"

G_BEGIN_DECLS

#define ZB_TYPE_MEMBER_EDITOR (zb_member_editor_get_type ())

G_DECLARE_FINAL_TYPE (ZbMemberEditor, zb_member_editor, ZB, MEMBER_EDITOR, AdwWindow)

ZbMemberEditor *zb_member_editor_new         (ZbStore        *store,
                                              ZbMember       *member);
void            zb_member_editor_set_text    (ZbMemberEditor *self,
                                              ZbMemberField   field,
                                              const char     *text);
GtkWidget      *zb_member_editor_get_error   (ZbMemberEditor *self,
                                              ZbMemberField   field);
GtkWidget      *zb_member_editor_get_row     (ZbMemberEditor *self,
                                              ZbMemberField   field);
gboolean        zb_member_editor_is_edited   (ZbMemberEditor *self);
void            zb_member_editor_save        (ZbMemberEditor *self);

G_END_DECLS
