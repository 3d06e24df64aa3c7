/* zb-member-json.h: members as JSON objects, for `--format json`
 *
 * Copyright 2026 The Zhibu authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

#include "zb-member.h"

G_BEGIN_DECLS

JsonNode *zb_member_to_json       (ZbMember   *member,
                                   gboolean    with_sensitive);
char     *zb_member_list_to_json  (GListModel *members,
                                   gboolean    with_sensitive);

G_END_DECLS
