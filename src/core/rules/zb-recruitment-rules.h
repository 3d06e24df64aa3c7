/* zb-recruitment-rules.h: the time rules of the Recruitment Rules over one person's steps
 *
 * Copyright 2026 The Zhibu authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "zb-member-standing.h"
#include "zb-recruit-step.h"
#include "zb-thought-report.h"

G_BEGIN_DECLS

/* Stable rule ids (DOMAIN.md section 1); the checker reports them as they are. */
#define ZB_RECRUIT_RULE_AGE                "recruit-age"
#define ZB_RECRUIT_RULE_TALK               "recruit-talk-one-month"
#define ZB_RECRUIT_RULE_ASSESSMENT         "recruit-activist-assessment"
#define ZB_RECRUIT_RULE_ACTIVIST_YEAR      "recruit-activist-one-year"
#define ZB_RECRUIT_RULE_CONTACTS           "recruit-two-contacts"
#define ZB_RECRUIT_RULE_INTRODUCERS        "recruit-two-introducers"
#define ZB_RECRUIT_RULE_POLITICAL_REVIEW   "recruit-political-review"
#define ZB_RECRUIT_RULE_TRAINING           "recruit-training"
#define ZB_RECRUIT_RULE_APPROVAL_3         "recruit-approval-three-months"
#define ZB_RECRUIT_RULE_APPROVAL_6         "recruit-approval-six-months"
#define ZB_RECRUIT_RULE_NOTICE             "recruit-notice-five-days"
#define ZB_RECRUIT_RULE_ORDER              "recruit-step-order"
#define ZB_RECRUIT_RULE_MISSING            "recruit-step-missing"
#define ZB_RECRUIT_RULE_PROBATION_EARLY    "recruit-probation-early"
#define ZB_RECRUIT_RULE_PROBATION_LATE     "recruit-probation-discussion"
#define ZB_RECRUIT_RULE_EXTENSION_ONCE     "recruit-extension-once"
#define ZB_RECRUIT_RULE_EXTENSION_LENGTH   "recruit-extension-length"
#define ZB_RECRUIT_RULE_REPORTS            "recruit-quarterly-report"
#define ZB_RECRUIT_RULE_LEAVING            "recruit-leaving-unit"

typedef enum
{
  ZB_RECRUIT_SEVERITY_WARNING,
  ZB_RECRUIT_SEVERITY_ALERT,
} ZbRecruitSeverity;

/* One broken rule. A plain struct, not a ZbFinding: rules sit below checks
 * and may not include it; the checker makes a ZbFinding of each (rule,
 * severity as zb_recruit_severity_to_string() gives it, the person as
 * subject, the message). */
typedef struct
{
  const char        *rule;       /* ZB_RECRUIT_RULE_* */
  ZbRecruitSeverity  severity;
  const char        *code;       /* the step concerned, S01-S25 */
  char              *date;       /* the date that breaks it, or the deadline passed */
  char              *message;    /* translated; names the rule and the dates */
} ZbRecruitIssue;

/* A step due: no earlier than @earliest, no later than @latest (NULL when
 * no time rule bounds it); overdue when today is past @latest. */
typedef struct
{
  const char *code;
  char       *earliest;
  char       *latest;
  gboolean    overdue;
} ZbRecruitDue;

/* The member record the steps imply (DOMAIN.md section 1). @category is a
 * ZB_CATEGORY_* code, or NULL before any application and once 取消资格 is
 * approved (@disqualified: out of the pipeline; the record stays). */
typedef struct
{
  const char *category;
  gboolean    disqualified;
  char       *applied_date;     /* S01 */
  char       *activist_date;    /* S03 */
  char       *candidate_date;   /* S07 */
  char       *joined_date;      /* S15 admitted, unless S17 refused */
  char       *probation_end;    /* the end of an extended probation, else NULL */
  char       *full_date;        /* the day probation ended, once S24 approves 按期转正 */
} ZbRecruitStatus;

/* What the roster says of a name a step gives (S05 培养联系人, S09 入党介绍人):
 * how many members of the branch bear exactly @name, and for one of them,
 * its standing on @day. */
typedef guint (*ZbRecruitRosterFunc) (const char *name,
                                      const char *day,
                                      ZbStanding *standing,
                                      gpointer    user_data);

const char      *zb_recruit_severity_to_string  (ZbRecruitSeverity  severity);
void             zb_recruit_issue_free          (ZbRecruitIssue    *issue);
void             zb_recruit_due_free            (ZbRecruitDue      *due);
void             zb_recruit_status_free         (ZbRecruitStatus   *status);
void             zb_recruit_add_months          (GDate             *date,
                                                 guint              months);

GPtrArray       *zb_recruitment_rules_check     (GPtrArray         *steps,
                                                 const char        *birth_date,
                                                 const GDate       *today);
GPtrArray       *zb_recruitment_rules_due       (GPtrArray         *steps,
                                                 const GDate       *today);
ZbRecruitStatus *zb_recruitment_rules_status    (GPtrArray         *steps);
GPtrArray       *zb_recruitment_rules_check_reports (GPtrArray     *steps,
                                                 GPtrArray         *reports,
                                                 const GDate       *today);
GPtrArray       *zb_recruitment_rules_check_leaving (GPtrArray     *steps,
                                                 const char        *leaving_date,
                                                 const GDate       *today);
GPtrArray       *zb_recruitment_rules_check_sponsors (GPtrArray    *steps,
                                                 ZbRecruitRosterFunc roster,
                                                 gpointer           user_data);
gboolean         zb_thought_report_check        (ZbThoughtReport   *report,
                                                 GError           **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ZbRecruitIssue, zb_recruit_issue_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (ZbRecruitDue, zb_recruit_due_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (ZbRecruitStatus, zb_recruit_status_free)

G_END_DECLS
