/* zb-conflict.h: a conflict as this PC keeps it, until a person resolves it
 *
 * Copyright 2026 The Zhibu authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define ZB_TYPE_CONFLICT (zb_conflict_get_type ())

G_DECLARE_FINAL_TYPE (ZbConflict, zb_conflict, ZB, CONFLICT, GObject)

ZbConflict *zb_conflict_new                (const char  *id,
                                            const char  *table_name,
                                            const char  *row_id,
                                            const char  *column,
                                            const char  *state);
void        zb_conflict_set_values         (ZbConflict  *self,
                                            const char  *kept_value,
                                            const char  *kept_device,
                                            const char  *pushed_value,
                                            const char  *pushed_device,
                                            const char  *resolution);
void        zb_conflict_set_seq            (ZbConflict  *self,
                                            gint64       seq,
                                            const char  *created_at);
const char *zb_conflict_get_id             (ZbConflict  *self);
const char *zb_conflict_get_table_name     (ZbConflict  *self);
const char *zb_conflict_get_row_id         (ZbConflict  *self);
const char *zb_conflict_get_column         (ZbConflict  *self);
const char *zb_conflict_get_state          (ZbConflict  *self);
const char *zb_conflict_get_kept_value     (ZbConflict  *self);
const char *zb_conflict_get_kept_device    (ZbConflict  *self);
const char *zb_conflict_get_pushed_value   (ZbConflict  *self);
const char *zb_conflict_get_pushed_device  (ZbConflict  *self);
const char *zb_conflict_get_resolution     (ZbConflict  *self);
gint64      zb_conflict_get_seq            (ZbConflict  *self);
const char *zb_conflict_get_created_at     (ZbConflict  *self);

char       *zb_conflict_value_to_text      (const char  *json_value);
gboolean    zb_conflict_is_sensitive       (ZbConflict  *self);
char       *zb_conflict_value_to_display   (ZbConflict  *self,
                                            const char  *json_value,
                                            gboolean     with_sensitive);

G_END_DECLS
