/* zb-recruit-step.h: one step of a person's path into the Party (发展党员), S01-S25
 *
 * Copyright 2026 The Zhibu authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define ZB_RECRUIT_N_STEPS  25
#define ZB_RECRUIT_N_STAGES 5

/* The outcomes of the four steps that decide something (stored as these codes). */
#define ZB_RECRUIT_OUTCOME_ADMITTED     "admitted"      /* S15: 同意接收为预备党员 */
#define ZB_RECRUIT_OUTCOME_NOT_ADMITTED "not-admitted"  /* S15: 不同意接收 */
#define ZB_RECRUIT_OUTCOME_APPROVED     "approved"      /* S17, S24: 批准 */
#define ZB_RECRUIT_OUTCOME_REFUSED      "refused"       /* S17, S24: 不批准 */
#define ZB_RECRUIT_OUTCOME_FULL         "full"          /* S23: 按期转正 */
#define ZB_RECRUIT_OUTCOME_EXTENDED     "extended"      /* S23: 延长预备期 */
#define ZB_RECRUIT_OUTCOME_DISQUALIFIED "disqualified"  /* S23: 取消预备党员资格 */

/* An extension of the probation: at least six months, at most one year
 * (the Constitution, article 7; DOMAIN.md section 1). */
#define ZB_RECRUIT_EXTENSION_MIN_MONTHS 6
#define ZB_RECRUIT_EXTENSION_MAX_MONTHS 12

#define ZB_RECRUIT_STEP_ERROR (zb_recruit_step_error_quark ())

/* Each code names the field at fault. */
typedef enum
{
  ZB_RECRUIT_STEP_ERROR_CODE,
  ZB_RECRUIT_STEP_ERROR_DATE,
  ZB_RECRUIT_STEP_ERROR_OUTCOME,
  ZB_RECRUIT_STEP_ERROR_EXTENSION,
  ZB_RECRUIT_STEP_ERROR_PEOPLE,
  ZB_RECRUIT_STEP_ERROR_TRAINING,
  ZB_RECRUIT_STEP_ERROR_NOTICE,
} ZbRecruitStepError;

typedef struct
{
  guint        stage;      /* 1-5 */
  const char  *name;       /* DOMAIN.md's Chinese name, verbatim (a data format) */
  const char  *label;      /* N_(): translated to exactly that name */
} ZbRecruitStageInfo;

typedef struct
{
  const char  *code;       /* S01-S25 */
  guint        stage;      /* 1-5 */
  const char  *name;       /* DOMAIN.md's Chinese name, verbatim (a data format) */
  const char  *label;      /* N_(): translated to exactly that name */
} ZbRecruitStepInfo;

#define ZB_TYPE_RECRUIT_STEP (zb_recruit_step_get_type ())

G_DECLARE_FINAL_TYPE (ZbRecruitStep, zb_recruit_step, ZB, RECRUIT_STEP, GObject)

GQuark                    zb_recruit_step_error_quark     (void);
const ZbRecruitStepInfo  *zb_recruit_step_info            (guint           number);
const ZbRecruitStepInfo  *zb_recruit_step_lookup          (const char     *code);
guint                     zb_recruit_step_number          (const char     *code);
const ZbRecruitStageInfo *zb_recruit_stage_info           (guint           stage);
gboolean                  zb_recruit_step_has_outcome     (const char     *code);

ZbRecruitStep            *zb_recruit_step_new             (const char     *person_id,
                                                           const char     *code,
                                                           const char     *date);
const char               *zb_recruit_step_get_id          (ZbRecruitStep  *self);
void                      zb_recruit_step_set_id          (ZbRecruitStep  *self,
                                                           const char     *value);
const char               *zb_recruit_step_get_person_id   (ZbRecruitStep  *self);
void                      zb_recruit_step_set_person_id   (ZbRecruitStep  *self,
                                                           const char     *value);
const char               *zb_recruit_step_get_code        (ZbRecruitStep  *self);
void                      zb_recruit_step_set_code        (ZbRecruitStep  *self,
                                                           const char     *value);
const char               *zb_recruit_step_get_date        (ZbRecruitStep  *self);
void                      zb_recruit_step_set_date        (ZbRecruitStep  *self,
                                                           const char     *value);
const char               *zb_recruit_step_get_document    (ZbRecruitStep  *self);
void                      zb_recruit_step_set_document    (ZbRecruitStep  *self,
                                                           const char     *value);
const char               *zb_recruit_step_get_outcome     (ZbRecruitStep  *self);
void                      zb_recruit_step_set_outcome     (ZbRecruitStep  *self,
                                                           const char     *value);
guint                     zb_recruit_step_get_extension_months (ZbRecruitStep *self);
void                      zb_recruit_step_set_extension_months (ZbRecruitStep *self,
                                                                guint          months);
const char * const       *zb_recruit_step_get_people      (ZbRecruitStep  *self);
void                      zb_recruit_step_set_people      (ZbRecruitStep  *self,
                                                           const char * const *names);
guint                     zb_recruit_step_get_training_days (ZbRecruitStep *self);
guint                     zb_recruit_step_get_class_hours (ZbRecruitStep  *self);
void                      zb_recruit_step_set_training    (ZbRecruitStep  *self,
                                                           guint           days,
                                                           guint           class_hours);
const char               *zb_recruit_step_get_notice_start (ZbRecruitStep *self);
const char               *zb_recruit_step_get_notice_end  (ZbRecruitStep  *self);
void                      zb_recruit_step_set_notice      (ZbRecruitStep  *self,
                                                           const char     *start,
                                                           const char     *end);
gboolean                  zb_recruit_step_validate        (ZbRecruitStep  *self,
                                                           GError        **error);

G_END_DECLS
