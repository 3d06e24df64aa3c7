/* zb-first-item-editor.h: the first agenda item (第一议题) as it is written
 *
 * Copyright 2026 The Zhibu authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "zb-first-item.h"

G_BEGIN_DECLS

#define ZB_TYPE_FIRST_ITEM_EDITOR (zb_first_item_editor_get_type ())

G_DECLARE_FINAL_TYPE (ZbFirstItemEditor, zb_first_item_editor, ZB, FIRST_ITEM_EDITOR, GtkWidget)

GtkWidget   *zb_first_item_editor_new           (void);
void         zb_first_item_editor_set_item      (ZbFirstItemEditor *self,
                                                 ZbFirstItem       *first);
ZbFirstItem *zb_first_item_editor_read          (ZbFirstItemEditor *self);
void         zb_first_item_editor_set_editable  (ZbFirstItemEditor *self,
                                                 gboolean           editable);
GtkWidget   *zb_first_item_editor_add_contribution (ZbFirstItemEditor *self,
                                                    const char        *text);

G_END_DECLS
