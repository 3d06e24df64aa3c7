/* zb-meeting-frequency.h: how many meetings of a type a period asks for
 *
 * Copyright 2026 The Zhibu authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <sqlite3.h>

#include "zb-meeting.h"

G_BEGIN_DECLS

guint      zb_meeting_period_months            (ZbPeriod             period);
guint      zb_meeting_frequency_required       (const ZbMeetingType *type,
                                                guint                n_groups,
                                                gboolean             committee_sits);
GPtrArray *zb_meeting_frequency_groups         (sqlite3             *db);
gboolean   zb_meeting_frequency_committee_sits (sqlite3             *db,
                                                const char          *start,
                                                const char          *end);

G_END_DECLS
