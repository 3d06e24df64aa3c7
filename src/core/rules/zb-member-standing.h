/* zb-member-standing.h: where a member stood on a given day
 *
 * Copyright 2026 The Zhibu authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "zb-member.h"

G_BEGIN_DECLS

/* What the records say about a member around a day, besides the member
 * record itself: each from the history the store keeps. */
typedef struct
{
  const char *status;          /* the status on the day, from the status history */
  const char *last_transfer;   /* "in" or "out": the latest transfer on or before the day */
  const char *first_transfer;  /* "in" or "out": the earliest transfer of all, or NULL */
} ZbMemberHistory;

/* A member's standing on a day. */
typedef struct
{
  gboolean expected;   /* a Party member of the branch that day: 应到 */
  gboolean full;       /* a full member that day, not probationary */
  gboolean has_vote;   /* 表决权 that day */
} ZbStanding;

void     zb_member_standing_on  (ZbMember               *member,
                                 const ZbMemberHistory  *history,
                                 const char             *day,
                                 ZbStanding             *standing);

G_END_DECLS
