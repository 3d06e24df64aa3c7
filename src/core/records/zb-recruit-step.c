#define G_LOG_DOMAIN "zb-recruit-step"

#include "config.h"

#include <glib/gi18n.h>

#include "zb-date.h"
#include "zb-record.h"
#include "zb-recruit-step.h"

/* One step of the 5 stages and 25 steps of the Recruitment Rules
 * (《中国共产党发展党员工作细则》), with the codes of DOMAIN.md section 1:
 * its date, the document it produced, and what the few steps that carry
 * more hold. Assessments of an activist (S06) are one row each, every one
 * with its own date and record (考察登记); a second vote on full membership
 * after an extension is a second S23 row. */
struct _ZbRecruitStep
{
  GObject   parent_instance;

  char     *id;
  char     *person_id;
  char     *code;             /* S01-S25 */
  char     *date;
  char     *document;         /* what the step produced: 入党申请书, 谈话记录, ... */
  char     *outcome;          /* S15, S17, S23, S24 only: ZB_RECRUIT_OUTCOME_* */
  guint     extension_months; /* S23 延长预备期 only: 6-12 */
  char    **people;           /* S05 培养联系人, S09 入党介绍人: their names */
  guint     training_days;    /* S11 集中培训 only */
  guint     class_hours;      /* S11 集中培训 only */
  char     *notice_start;     /* a public notice (公示) the step carried, if any */
  char     *notice_end;
};

G_DEFINE_FINAL_TYPE (ZbRecruitStep, zb_recruit_step, G_TYPE_OBJECT)

G_DEFINE_QUARK (zb-recruit-step-error-quark, zb_recruit_step_error)

static const ZbRecruitStageInfo stages[ZB_RECRUIT_N_STAGES] = {
  { 1, "申请入党", N_("Application for membership") },
  { 2, "入党积极分子的确定和培养教育", N_("Naming and training of activists") },
  { 3, "发展对象的确定和考察", N_("Naming and review of candidates") },
  { 4, "预备党员的接收", N_("Admission of probationary members") },
  { 5, "预备党员的教育考察和转正",
    N_("Education, assessment and full membership of probationary members") },
};

/* DOMAIN.md section 1, in order; the Chinese names verbatim. */
static const ZbRecruitStepInfo steps[ZB_RECRUIT_N_STEPS] = {
  { "S01", 1, "递交入党申请书", N_("Hand in the application for membership") },
  { "S02", 1, "党组织派人谈话", N_("The Party organisation talks with the applicant") },
  { "S03", 2, "推荐和确定入党积极分子", N_("Recommend and name the activist") },
  { "S04", 2, "报上级党委备案", N_("Report the activist to the higher committee") },
  { "S05", 2, "指定培养联系人", N_("Assign the activist's contacts") },
  { "S06", 2, "培养教育考察", N_("Train, educate and assess the activist") },
  { "S07", 3, "确定发展对象", N_("Name the candidate") },
  { "S08", 3, "报上级党委备案", N_("Report the candidate to the higher committee") },
  { "S09", 3, "确定入党介绍人", N_("Name the introducers") },
  { "S10", 3, "进行政治审查", N_("Carry out the political review") },
  { "S11", 3, "开展集中培训", N_("Hold the concentrated training") },
  { "S12", 4, "支部委员会审查", N_("Review by the branch committee") },
  { "S13", 4, "上级党委预审", N_("Pre-review by the higher committee") },
  { "S14", 4, "填写入党志愿书", N_("Fill in the admission form") },
  { "S15", 4, "支部大会讨论", N_("Branch general meeting votes on admission") },
  { "S16", 4, "上级党委派人谈话", N_("The higher committee talks with the candidate") },
  { "S17", 4, "上级党委审批", N_("The higher committee approves the admission") },
  { "S18", 4, "再上一级党委组织部门备案",
    N_("Report to the organisation department one level higher") },
  { "S19", 5, "编入党支部和党小组", N_("Join the branch and a party group") },
  { "S20", 5, "入党宣誓", N_("Take the oath") },
  { "S21", 5, "继续教育考察", N_("Further education and assessment") },
  { "S22", 5, "提出转正申请", N_("Apply for full membership") },
  { "S23", 5, "支部大会讨论", N_("Branch general meeting votes on full membership") },
  { "S24", 5, "上级党委审批", N_("The higher committee approves the decision") },
  { "S25", 5, "材料归档", N_("File the records") },
};

/* The steps that decide something, and what each may decide. */
static const struct
{
  guint       number;
  const char *outcomes[4];
} decisions[] = {
  { 15, { ZB_RECRUIT_OUTCOME_ADMITTED, ZB_RECRUIT_OUTCOME_NOT_ADMITTED } },
  { 17, { ZB_RECRUIT_OUTCOME_APPROVED, ZB_RECRUIT_OUTCOME_REFUSED } },
  { 23, { ZB_RECRUIT_OUTCOME_FULL, ZB_RECRUIT_OUTCOME_EXTENDED,
          ZB_RECRUIT_OUTCOME_DISQUALIFIED } },
  { 24, { ZB_RECRUIT_OUTCOME_APPROVED, ZB_RECRUIT_OUTCOME_REFUSED } },
};

#define STEP_CONTACTS     5
#define STEP_INTRODUCERS  9
#define STEP_TRAINING     11

static void
zb_recruit_step_finalize (GObject *object)
{
  ZbRecruitStep *self = (ZbRecruitStep *)object;

  g_free (self->id);
  g_free (self->person_id);
  g_free (self->code);
  g_free (self->date);
  g_free (self->document);
  g_free (self->outcome);
  g_strfreev (self->people);
  g_free (self->notice_start);
  g_free (self->notice_end);

  G_OBJECT_CLASS (zb_recruit_step_parent_class)->finalize (object);
}

static void
zb_recruit_step_class_init (ZbRecruitStepClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = zb_recruit_step_finalize;
}

static void
zb_recruit_step_init (ZbRecruitStep *self)
{
}

/* The step numbered @number (1-25), or NULL. */
const ZbRecruitStepInfo *
zb_recruit_step_info (guint number)
{
  if (number < 1 || number > ZB_RECRUIT_N_STEPS)
    return NULL;

  return &steps[number - 1];
}

/* 1-25 for S01-S25, 0 for anything else. */
guint
zb_recruit_step_number (const char *code)
{
  for (guint i = 0; code != NULL && i < ZB_RECRUIT_N_STEPS; i++)
    if (g_str_equal (code, steps[i].code))
      return i + 1;

  return 0;
}

const ZbRecruitStepInfo *
zb_recruit_step_lookup (const char *code)
{
  return zb_recruit_step_info (zb_recruit_step_number (code));
}

const ZbRecruitStageInfo *
zb_recruit_stage_info (guint stage)
{
  if (stage < 1 || stage > ZB_RECRUIT_N_STAGES)
    return NULL;

  return &stages[stage - 1];
}

static const char * const *
outcomes_of (guint number)
{
  for (guint i = 0; i < G_N_ELEMENTS (decisions); i++)
    if (decisions[i].number == number)
      return decisions[i].outcomes;

  return NULL;
}

/* S15, S17, S23 and S24 decide; the other steps have no outcome. */
gboolean
zb_recruit_step_has_outcome (const char *code)
{
  return outcomes_of (zb_recruit_step_number (code)) != NULL;
}

ZbRecruitStep *
zb_recruit_step_new (const char *person_id,
                     const char *code,
                     const char *date)
{
  ZbRecruitStep *self = g_object_new (ZB_TYPE_RECRUIT_STEP, NULL);

  zb_record_set_text (&self->person_id, person_id);
  zb_record_set_text (&self->code, code);
  zb_record_set_text (&self->date, date);
  return self;
}

#define ACCESSORS(name) ZB_RECORD_TEXT_ACCESSORS (ZbRecruitStep, zb_recruit_step, name, name)

ACCESSORS (id)
ACCESSORS (person_id)
ACCESSORS (code)
ACCESSORS (date)
ACCESSORS (document)
ACCESSORS (outcome)

guint
zb_recruit_step_get_extension_months (ZbRecruitStep *self)
{
  return self->extension_months;
}

void
zb_recruit_step_set_extension_months (ZbRecruitStep *self,
                                      guint          months)
{
  self->extension_months = months;
}

/* The names given, blank ones dropped; never NULL. */
const char * const *
zb_recruit_step_get_people (ZbRecruitStep *self)
{
  static const char * const none[] = { NULL };

  return self->people ? (const char * const *) self->people : none;
}

void
zb_recruit_step_set_people (ZbRecruitStep      *self,
                            const char * const *names)
{
  GPtrArray *kept = g_ptr_array_new ();

  for (guint i = 0; names != NULL && names[i] != NULL; i++)
    {
      char *name = NULL;

      zb_record_set_text (&name, names[i]);
      if (name != NULL)
        g_ptr_array_add (kept, name);
    }
  g_ptr_array_add (kept, NULL);

  g_strfreev (self->people);
  self->people = (char **) g_ptr_array_free (kept, FALSE);
}

guint
zb_recruit_step_get_training_days (ZbRecruitStep *self)
{
  return self->training_days;
}

guint
zb_recruit_step_get_class_hours (ZbRecruitStep *self)
{
  return self->class_hours;
}

void
zb_recruit_step_set_training (ZbRecruitStep *self,
                              guint          days,
                              guint          class_hours)
{
  self->training_days = days;
  self->class_hours = class_hours;
}

const char *
zb_recruit_step_get_notice_start (ZbRecruitStep *self)
{
  return self->notice_start;
}

const char *
zb_recruit_step_get_notice_end (ZbRecruitStep *self)
{
  return self->notice_end;
}

void
zb_recruit_step_set_notice (ZbRecruitStep *self,
                            const char    *start,
                            const char    *end)
{
  zb_record_set_text (&self->notice_start, start);
  zb_record_set_text (&self->notice_end, end);
}

static gboolean
check_code (ZbRecruitStep  *self,
            GError        **error)
{
  if (zb_recruit_step_number (self->code) != 0)
    return TRUE;

  g_set_error (error, ZB_RECRUIT_STEP_ERROR, ZB_RECRUIT_STEP_ERROR_CODE,
               _("Step: “%s” is not a step of the Recruitment Rules; use a code from S01 to "
                 "S25"),
               self->code ? self->code : "");
  return FALSE;
}

static gboolean
check_date (ZbRecruitStep  *self,
            GError        **error)
{
  GDate date;

  if (zb_date_parse_iso (self->date, &date))
    return TRUE;

  g_set_error (error, ZB_RECRUIT_STEP_ERROR, ZB_RECRUIT_STEP_ERROR_DATE,
               _("Date: “%s” is not a date; write it as year-month-day, such as 2015-07-01"),
               self->date ? self->date : "");
  return FALSE;
}

static gboolean
check_outcome (ZbRecruitStep  *self,
               GError        **error)
{
  const char * const *allowed = outcomes_of (zb_recruit_step_number (self->code));

  if (allowed == NULL && self->outcome != NULL)
    {
      g_set_error (error, ZB_RECRUIT_STEP_ERROR, ZB_RECRUIT_STEP_ERROR_OUTCOME,
                   _("Outcome: step %s decides nothing; only S15, S17, S23 and S24 have an "
                     "outcome"),
                   self->code);
      return FALSE;
    }
  if (allowed == NULL || (self->outcome != NULL && g_strv_contains (allowed, self->outcome)))
    return TRUE;

  if (self->outcome == NULL)
    g_set_error (error, ZB_RECRUIT_STEP_ERROR, ZB_RECRUIT_STEP_ERROR_OUTCOME,
                 _("Outcome: step %s decides; record what was decided"), self->code);
  else
    {
      g_autofree char *list = g_strjoinv (", ", (char **) allowed);

      g_set_error (error, ZB_RECRUIT_STEP_ERROR, ZB_RECRUIT_STEP_ERROR_OUTCOME,
                   _("Outcome: “%s” is not an outcome of step %s; use one of %s"),
                   self->outcome, self->code, list);
    }
  return FALSE;
}

/* The Constitution, article 7, and DOMAIN.md section 1: a probation is
 * extended once, by six months to one year, and only by that decision. */
static gboolean
check_extension (ZbRecruitStep  *self,
                 GError        **error)
{
  gboolean extended = g_strcmp0 (self->outcome, ZB_RECRUIT_OUTCOME_EXTENDED) == 0;

  if (!extended && self->extension_months != 0)
    {
      g_set_error_literal (error, ZB_RECRUIT_STEP_ERROR, ZB_RECRUIT_STEP_ERROR_EXTENSION,
                           _("Extension: only a decision to extend the probation (S23) has "
                             "months of extension"));
      return FALSE;
    }
  if (extended && (self->extension_months < ZB_RECRUIT_EXTENSION_MIN_MONTHS ||
                   self->extension_months > ZB_RECRUIT_EXTENSION_MAX_MONTHS))
    {
      g_set_error (error, ZB_RECRUIT_STEP_ERROR, ZB_RECRUIT_STEP_ERROR_EXTENSION,
                   _("Extension: %u months is not allowed; a probation is extended by 6 to 12 "
                     "months"),
                   self->extension_months);
      return FALSE;
    }

  return TRUE;
}

static gboolean
check_people (ZbRecruitStep  *self,
              GError        **error)
{
  guint number = zb_recruit_step_number (self->code);

  if (number == STEP_CONTACTS || number == STEP_INTRODUCERS || self->people == NULL ||
      self->people[0] == NULL)
    return TRUE;

  g_set_error (error, ZB_RECRUIT_STEP_ERROR, ZB_RECRUIT_STEP_ERROR_PEOPLE,
               _("People: only S05 (the contacts) and S09 (the introducers) name people; "
                 "step %s does not"),
               self->code);
  return FALSE;
}

static gboolean
check_training (ZbRecruitStep  *self,
                GError        **error)
{
  if (zb_recruit_step_number (self->code) == STEP_TRAINING ||
      (self->training_days == 0 && self->class_hours == 0))
    return TRUE;

  g_set_error (error, ZB_RECRUIT_STEP_ERROR, ZB_RECRUIT_STEP_ERROR_TRAINING,
               _("Training: only the concentrated training (S11) has days and class hours; "
                 "step %s does not"),
               self->code);
  return FALSE;
}

static gboolean
check_notice (ZbRecruitStep  *self,
              GError        **error)
{
  GDate start, end;

  if (self->notice_start == NULL && self->notice_end == NULL)
    return TRUE;

  if (!zb_date_parse_iso (self->notice_start, &start) ||
      !zb_date_parse_iso (self->notice_end, &end))
    g_set_error_literal (error, ZB_RECRUIT_STEP_ERROR, ZB_RECRUIT_STEP_ERROR_NOTICE,
                         _("Notice: give the first and the last day of the public notice, "
                           "each as year-month-day, such as 2015-07-01"));
  else if (g_date_compare (&end, &start) < 0)
    g_set_error (error, ZB_RECRUIT_STEP_ERROR, ZB_RECRUIT_STEP_ERROR_NOTICE,
                 _("Notice: the last day (%s) comes before the first (%s)"), self->notice_end,
                 self->notice_start);
  else
    return TRUE;

  return FALSE;
}

/* The step's own fields, each error naming its field. The time rules
 * between steps are zb-recruitment-rules.h's. */
gboolean
zb_recruit_step_validate (ZbRecruitStep  *self,
                          GError        **error)
{
  g_return_val_if_fail (ZB_IS_RECRUIT_STEP (self), FALSE);

  return check_code (self, error) && check_date (self, error) &&
         check_outcome (self, error) && check_extension (self, error) &&
         check_people (self, error) && check_training (self, error) &&
         check_notice (self, error);
}
