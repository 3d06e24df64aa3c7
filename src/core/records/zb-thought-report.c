#define G_LOG_DOMAIN "zb-thought-report"

#include "config.h"

#include "zb-thought-report.h"

/* A written report (思想汇报) a person on the path into the Party handed in:
 * the day the branch received it and a short summary of it, DOMAIN.md
 * section 1 ("Activists ... hand in a written report each quarter"). Its
 * fields are checked by zb_thought_report_check() (zb-recruitment-rules.c),
 * and whether the reports cover every quarter by
 * zb_recruitment_rules_check_reports(). */
struct _ZbThoughtReport
{
  GObject  parent_instance;

  char    *id;
  char    *person_id;
  char    *date;
  char    *summary;
};

G_DEFINE_FINAL_TYPE (ZbThoughtReport, zb_thought_report, G_TYPE_OBJECT)

static void
zb_thought_report_finalize (GObject *object)
{
  ZbThoughtReport *self = (ZbThoughtReport *)object;

  g_free (self->id);
  g_free (self->person_id);
  g_free (self->date);
  g_free (self->summary);

  G_OBJECT_CLASS (zb_thought_report_parent_class)->finalize (object);
}

static void
zb_thought_report_class_init (ZbThoughtReportClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = zb_thought_report_finalize;
}

static void
zb_thought_report_init (ZbThoughtReport *self)
{
}

ZbThoughtReport *
zb_thought_report_new (const char *person_id,
                       const char *date,
                       const char *summary)
{
  ZbThoughtReport *self = g_object_new (ZB_TYPE_THOUGHT_REPORT, NULL);

  self->person_id = g_strdup (person_id);
  self->date = g_strdup (date);
  self->summary = g_strdup (summary);
  return self;
}

const char *
zb_thought_report_get_id (ZbThoughtReport *self)
{
  g_return_val_if_fail (ZB_IS_THOUGHT_REPORT (self), NULL);

  return self->id;
}

void
zb_thought_report_set_id (ZbThoughtReport *self,
                          const char      *value)
{
  g_return_if_fail (ZB_IS_THOUGHT_REPORT (self));

  g_free (self->id);
  self->id = g_strdup (value);
}

const char *
zb_thought_report_get_person_id (ZbThoughtReport *self)
{
  g_return_val_if_fail (ZB_IS_THOUGHT_REPORT (self), NULL);

  return self->person_id;
}

const char *
zb_thought_report_get_date (ZbThoughtReport *self)
{
  g_return_val_if_fail (ZB_IS_THOUGHT_REPORT (self), NULL);

  return self->date;
}

const char *
zb_thought_report_get_summary (ZbThoughtReport *self)
{
  g_return_val_if_fail (ZB_IS_THOUGHT_REPORT (self), NULL);

  return self->summary;
}
