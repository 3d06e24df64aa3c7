/* zb-canonical-json.h: the one text of a JSON value that a hash is taken of
 *
 * Copyright 2026 The Zhibu authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

char *zb_canonical_json (JsonNode *node);

G_END_DECLS
