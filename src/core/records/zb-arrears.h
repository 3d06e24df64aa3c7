/* zb-arrears.h: a member's months of Party dues in arrears
 *
 * Copyright 2026 The Zhibu authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define ZB_TYPE_ARREARS (zb_arrears_get_type ())

G_DECLARE_FINAL_TYPE (ZbArrears, zb_arrears, ZB, ARREARS, GObject)

ZbArrears          *zb_arrears_new            (const char  *member_id,
                                               const char  *name,
                                               GStrv        months,
                                               const char  *level);
const char         *zb_arrears_get_member_id  (ZbArrears   *self);
const char         *zb_arrears_get_name       (ZbArrears   *self);
const char * const *zb_arrears_get_months     (ZbArrears   *self);
const char         *zb_arrears_get_level      (ZbArrears   *self);

G_END_DECLS
