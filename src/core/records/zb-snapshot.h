/* zb-snapshot.h: what a finalised record shows, as it was on signing
 *
 * Copyright 2026 The Zhibu authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

G_BEGIN_DECLS

#define ZB_TYPE_SNAPSHOT (zb_snapshot_get_type ())

G_DECLARE_FINAL_TYPE (ZbSnapshot, zb_snapshot, ZB, SNAPSHOT, GObject)

ZbSnapshot *zb_snapshot_new_from_object   (JsonObject  *object);
ZbSnapshot *zb_snapshot_new_from_json     (const char  *json,
                                           GError     **error);
JsonObject *zb_snapshot_get_object        (ZbSnapshot  *self);
const char *zb_snapshot_get_branch        (ZbSnapshot  *self);
const char *zb_snapshot_get_chair_name    (ZbSnapshot  *self);
const char *zb_snapshot_get_recorder_name (ZbSnapshot  *self);
GListModel *zb_snapshot_list_attendees    (ZbSnapshot  *self);
JsonArray  *zb_snapshot_get_guests        (ZbSnapshot  *self);
JsonObject *zb_snapshot_get_vote          (ZbSnapshot  *self,
                                           const char  *item_id);

G_END_DECLS
