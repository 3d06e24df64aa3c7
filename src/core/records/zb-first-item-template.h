/* zb-first-item-template.h: the structure and prompts of a first agenda item
 *
 * Copyright 2026 The Zhibu authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "zb-first-item.h"

G_BEGIN_DECLS

#define ZB_TYPE_FIRST_ITEM_TEMPLATE (zb_first_item_template_get_type ())

G_DECLARE_FINAL_TYPE (ZbFirstItemTemplate, zb_first_item_template, ZB, FIRST_ITEM_TEMPLATE,
                      GObject)

ZbFirstItemTemplate *zb_first_item_template_new_from_json (const char           *json,
                                                           GError              **error);
char                *zb_first_item_template_to_json       (ZbFirstItemTemplate  *self);
ZbFirstItemTemplate *zb_first_item_template_new_from_item (const char           *name,
                                                           ZbFirstItem          *item);
const char          *zb_first_item_template_get_name      (ZbFirstItemTemplate  *self);
const char          *zb_first_item_template_get_title     (ZbFirstItemTemplate  *self);
gboolean             zb_first_item_template_is_own        (ZbFirstItemTemplate  *self);
void                 zb_first_item_template_set_own       (ZbFirstItemTemplate  *self,
                                                           gboolean              own);
void                 zb_first_item_template_apply         (ZbFirstItemTemplate  *self,
                                                           ZbFirstItem          *item);
char                *zb_first_item_template_dir           (void);
GListModel          *zb_first_item_templates_load         (const char           *dir,
                                                           GError              **error);

G_END_DECLS
