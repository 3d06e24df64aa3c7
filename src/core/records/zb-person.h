/* zb-person.h: someone at a meeting a record can name: an expected member or a guest
 *
 * Copyright 2026 The Zhibu authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define ZB_TYPE_PERSON (zb_person_get_type ())

G_DECLARE_FINAL_TYPE (ZbPerson, zb_person, ZB, PERSON, GObject)

ZbPerson   *zb_person_new          (const char *id,
                                    const char *name,
                                    const char *affiliation,
                                    gboolean    guest);
const char *zb_person_get_id       (ZbPerson   *self);
const char *zb_person_get_name     (ZbPerson   *self);
const char *zb_person_get_affiliation (ZbPerson *self);
gboolean    zb_person_is_guest     (ZbPerson   *self);

G_END_DECLS
