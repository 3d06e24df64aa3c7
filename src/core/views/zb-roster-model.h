/* zb-roster-model.h: the roster as a list model, paged, sorted and filtered in SQL
 *
 * Copyright 2026 The Zhibu authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "zb-member.h"
#include "zb-store.h"

G_BEGIN_DECLS

#define ZB_TYPE_ROSTER_MODEL (zb_roster_model_get_type ())

G_DECLARE_FINAL_TYPE (ZbRosterModel, zb_roster_model, ZB, ROSTER_MODEL, GObject)

ZbRosterModel *zb_roster_model_new         (ZbStore        *store);
void           zb_roster_model_set_search  (ZbRosterModel  *self,
                                            const char     *text);
void           zb_roster_model_set_sort    (ZbRosterModel  *self,
                                            ZbMemberField   field,
                                            gboolean        ascending);
void           zb_roster_model_set_include_archived (ZbRosterModel *self,
                                                     gboolean       include_archived);
void           zb_roster_model_set_category    (ZbRosterModel  *self,
                                                const char     *category);
void           zb_roster_model_set_party_group (ZbRosterModel  *self,
                                                const char     *party_group);
gboolean       zb_roster_model_reload      (ZbRosterModel  *self,
                                            GError        **error);

G_END_DECLS
