/* zb-first-item.h: the first agenda item (第一议题), DOMAIN.md section 3
 *
 * Copyright 2026 The Zhibu authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

/* A field still holding a template's prompt (【请填写：…】) is not filled in
 * yet. Here, not in zb-first-item-template.h, because the item checks for it
 * and the template, which fills items, includes this file. */
#define ZB_TEMPLATE_PROMPT "【请填写"

#define ZB_TYPE_FIRST_ITEM (zb_first_item_get_type ())

G_DECLARE_FINAL_TYPE (ZbFirstItem, zb_first_item, ZB, FIRST_ITEM, GObject)

/* One contribution to the discussion (交流研讨发言). */
typedef struct
{
  char *speaker;
  char *summary;
  char *id;       /* its row's UUID; NULL for one not yet stored */
  char *speaker_id; /* a member's or a guest's of the meeting, or NULL: the name stays free */
} ZbContribution;

ZbFirstItem *zb_first_item_new                (void);
const char  *zb_first_item_get_topic          (ZbFirstItem *self);
void         zb_first_item_set_topic          (ZbFirstItem *self,
                                               const char  *value);
const char  *zb_first_item_get_material       (ZbFirstItem *self);
void         zb_first_item_set_material       (ZbFirstItem *self,
                                               const char  *value);
const char  *zb_first_item_get_source         (ZbFirstItem *self);
void         zb_first_item_set_source         (ZbFirstItem *self,
                                               const char  *value);
const char  *zb_first_item_get_source_date    (ZbFirstItem *self);
void         zb_first_item_set_source_date    (ZbFirstItem *self,
                                               const char  *value);
const char  *zb_first_item_get_form           (ZbFirstItem *self);
void         zb_first_item_set_form           (ZbFirstItem *self,
                                               const char  *value);
const char  *zb_first_item_get_leader         (ZbFirstItem *self);
void         zb_first_item_set_leader         (ZbFirstItem *self,
                                               const char  *value);
const char  *zb_first_item_get_leader_id      (ZbFirstItem *self);
void         zb_first_item_set_leader_id      (ZbFirstItem *self,
                                               const char  *value);
const char  *zb_first_item_get_participants   (ZbFirstItem *self);
void         zb_first_item_set_participants   (ZbFirstItem *self,
                                               const char  *value);
const char  *zb_first_item_get_proceedings    (ZbFirstItem *self);
void         zb_first_item_set_proceedings    (ZbFirstItem *self,
                                               const char  *value);
GPtrArray   *zb_first_item_get_contributions  (ZbFirstItem *self);
void         zb_first_item_add_contribution   (ZbFirstItem *self,
                                               const char  *speaker,
                                               const char  *summary);
gboolean     zb_first_item_add_contribution_text (ZbFirstItem *self,
                                                  const char  *text);
gboolean     zb_first_item_check_format       (ZbFirstItem *self,
                                               GError     **error);
gboolean     zb_first_item_validate           (ZbFirstItem *self,
                                               GError     **error);

G_END_DECLS
