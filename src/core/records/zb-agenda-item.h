/* zb-agenda-item.h: one item of a meeting's agenda (议题), with its minutes and resolution
 *
 * Copyright 2026 The Zhibu authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define ZB_TYPE_AGENDA_ITEM (zb_agenda_item_get_type ())

G_DECLARE_FINAL_TYPE (ZbAgendaItem, zb_agenda_item, ZB, AGENDA_ITEM, GObject)

ZbAgendaItem *zb_agenda_item_new              (void);
const char   *zb_agenda_item_get_id           (ZbAgendaItem *self);
void          zb_agenda_item_set_id           (ZbAgendaItem *self,
                                               const char   *value);
const char   *zb_agenda_item_get_meeting_id   (ZbAgendaItem *self);
void          zb_agenda_item_set_meeting_id   (ZbAgendaItem *self,
                                               const char   *value);
const char   *zb_agenda_item_get_title        (ZbAgendaItem *self);
void          zb_agenda_item_set_title        (ZbAgendaItem *self,
                                               const char   *value);
const char   *zb_agenda_item_get_minutes      (ZbAgendaItem *self);
void          zb_agenda_item_set_minutes      (ZbAgendaItem *self,
                                               const char   *value);
const char   *zb_agenda_item_get_resolution   (ZbAgendaItem *self);
void          zb_agenda_item_set_resolution   (ZbAgendaItem *self,
                                               const char   *value);
const char   *zb_agenda_item_get_vote_kind    (ZbAgendaItem *self);
void          zb_agenda_item_set_vote_kind    (ZbAgendaItem *self,
                                               const char   *value);
const char   *zb_agenda_item_get_vote_result  (ZbAgendaItem *self);
void          zb_agenda_item_set_vote_result  (ZbAgendaItem *self,
                                               const char   *value);
guint         zb_agenda_item_get_position     (ZbAgendaItem *self);
void          zb_agenda_item_set_position     (ZbAgendaItem *self,
                                               guint         position);

G_END_DECLS
