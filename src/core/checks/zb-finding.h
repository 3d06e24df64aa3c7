/* zb-finding.h: one finding of the compliance checker
 *
 * Copyright 2026 The Zhibu authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>
#include <json-glib/json-glib.h>

G_BEGIN_DECLS

#define ZB_TYPE_FINDING (zb_finding_get_type ())

G_DECLARE_FINAL_TYPE (ZbFinding, zb_finding, ZB, FINDING, GObject)

ZbFinding  *zb_finding_new             (const char *rule,
                                        const char *period,
                                        const char *severity,
                                        const char *subject,
                                        const char *message);
const char *zb_finding_get_rule        (ZbFinding  *self);
const char *zb_finding_get_period      (ZbFinding  *self);
const char *zb_finding_get_severity    (ZbFinding  *self);
const char *zb_finding_get_subject     (ZbFinding  *self);
const char *zb_finding_get_message     (ZbFinding  *self);
void        zb_finding_set_party_group (ZbFinding  *self,
                                        const char *party_group);
const char *zb_finding_get_party_group (ZbFinding  *self);
void        zb_finding_set_meeting_id  (ZbFinding  *self,
                                        const char *meeting_id);
const char *zb_finding_get_meeting_id  (ZbFinding  *self);

JsonNode   *zb_findings_to_json        (GListModel *findings);

G_END_DECLS
