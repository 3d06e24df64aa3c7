/* zb-committee-member.h: one term on the branch committee (支部委员会)
 *
 * Copyright 2026 The Zhibu authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define ZB_TYPE_COMMITTEE_MEMBER (zb_committee_member_get_type ())

G_DECLARE_FINAL_TYPE (ZbCommitteeMember, zb_committee_member, ZB, COMMITTEE_MEMBER, GObject)

ZbCommitteeMember *zb_committee_member_new            (void);
const char        *zb_committee_member_get_id         (ZbCommitteeMember *self);
void               zb_committee_member_set_id         (ZbCommitteeMember *self,
                                                       const char        *value);
const char        *zb_committee_member_get_member_id  (ZbCommitteeMember *self);
void               zb_committee_member_set_member_id  (ZbCommitteeMember *self,
                                                       const char        *value);
const char        *zb_committee_member_get_name       (ZbCommitteeMember *self);
void               zb_committee_member_set_name       (ZbCommitteeMember *self,
                                                       const char        *value);
const char        *zb_committee_member_get_role       (ZbCommitteeMember *self);
void               zb_committee_member_set_role       (ZbCommitteeMember *self,
                                                       const char        *value);
const char        *zb_committee_member_get_from_date  (ZbCommitteeMember *self);
void               zb_committee_member_set_from_date  (ZbCommitteeMember *self,
                                                       const char        *value);
const char        *zb_committee_member_get_to_date    (ZbCommitteeMember *self);
void               zb_committee_member_set_to_date    (ZbCommitteeMember *self,
                                                       const char        *value);
gboolean           zb_committee_member_is_current     (ZbCommitteeMember *self,
                                                       const char        *today);

G_END_DECLS
