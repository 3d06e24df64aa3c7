/* zb-meeting-record.h: everything recorded about one meeting, as JSON
 *
 * Copyright 2026 The Zhibu authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

#include "zb-store.h"

G_BEGIN_DECLS

JsonNode *zb_store_meeting_record (ZbStore     *store,
                                   const char  *meeting_id,
                                   GError     **error);

G_END_DECLS
