/* zb-member-rules.h: the consistency rules of DOMAIN.md section 1
 *
 * Copyright 2026 The Zhibu authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "zb-error.h"
#include "zb-member.h"

G_BEGIN_DECLS

/* One problem with one field; a form shows it next to that field. */
typedef struct
{
  ZbMemberField  field;
  char          *message;
} ZbFieldIssue;

ZbFieldIssue *zb_field_issue_new           (ZbMemberField  field,
                                            const char    *message);
void          zb_field_issue_free          (ZbFieldIssue  *issue);
char         *zb_field_issue_to_string     (const ZbFieldIssue *issue);
GPtrArray    *zb_member_rules_check        (ZbMember      *member);
GPtrArray    *zb_member_rules_check_until  (ZbMember      *member,
                                            const GDate   *latest);
gboolean      zb_member_rules_validate     (ZbMember      *member,
                                            GError       **error);
void          zb_member_rules_complete     (ZbMember      *member);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ZbFieldIssue, zb_field_issue_free)

G_END_DECLS
