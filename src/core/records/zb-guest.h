/* zb-guest.h: someone attending a meeting who is not expected at it (列席人员)
 *
 * Copyright 2026 The Zhibu authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define ZB_TYPE_GUEST (zb_guest_get_type ())

G_DECLARE_FINAL_TYPE (ZbGuest, zb_guest, ZB, GUEST, GObject)

ZbGuest    *zb_guest_new             (const char *id,
                                      const char *name,
                                      const char *affiliation);
const char *zb_guest_get_id          (ZbGuest    *self);
const char *zb_guest_get_name        (ZbGuest    *self);
const char *zb_guest_get_affiliation (ZbGuest    *self);
char       *zb_guest_describe        (ZbGuest    *self);

G_END_DECLS
