/* zb-first-item-entry.h: a meeting and its first agenda item (第一议题), as
 * the 第一议题 section lists them
 *
 * Copyright 2026 The Zhibu authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

#include "zb-first-item.h"
#include "zb-meeting.h"

G_BEGIN_DECLS

#define ZB_TYPE_FIRST_ITEM_ENTRY (zb_first_item_entry_get_type ())

G_DECLARE_FINAL_TYPE (ZbFirstItemEntry, zb_first_item_entry, ZB, FIRST_ITEM_ENTRY, GObject)

ZbFirstItemEntry *zb_first_item_entry_new          (ZbMeeting        *meeting,
                                                    ZbFirstItem      *first);
ZbMeeting        *zb_first_item_entry_get_meeting  (ZbFirstItemEntry *self);
ZbFirstItem      *zb_first_item_entry_get_first    (ZbFirstItemEntry *self);
gboolean          zb_first_item_entry_is_required  (ZbFirstItemEntry *self);
gboolean          zb_first_item_entry_is_missing   (ZbFirstItemEntry *self);

G_END_DECLS
