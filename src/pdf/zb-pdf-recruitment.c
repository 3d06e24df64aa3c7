#define G_LOG_DOMAIN "zb-pdf-recruitment"

#include "config.h"

#include <glib/gi18n.h>

#include "zb-date.h"
#include "zb-pdf-recruitment.h"
#include "zb-pdf-records-private.h"

/* The recruitment file checklist: the 25 steps of the Recruitment Rules in
 * their 5 stages (DOMAIN.md section 1), each with its date and the document
 * it produced, or what is still to come and by when; then the dates the
 * steps set on the member record, the time rules broken, and signature
 * lines for the branch to check the file against. */

/* A date in full (2026年3月26日) on one line at 4号; the steps wrap. */
static const double widths[] = { 0.10, 0.26, 0.26, 0.22, 0.16 };

/* The latest row of @code: a repeated step (a six-monthly assessment, a
 * vote after an extension) counts as done on its last date. */
static ZbRecruitStep *
latest (GPtrArray  *steps,
        const char *code)
{
  ZbRecruitStep *found = NULL;

  for (guint i = 0; i < steps->len; i++)
    {
      ZbRecruitStep *step = g_ptr_array_index (steps, i);

      if (g_strcmp0 (zb_recruit_step_get_code (step), code) == 0
          && (found == NULL || g_strcmp0 (zb_recruit_step_get_date (step),
                                          zb_recruit_step_get_date (found)) >= 0))
        found = step;
    }
  return found;
}

static const ZbRecruitDue *
due_for (GPtrArray  *due,
         const char *code)
{
  for (guint i = 0; i < due->len; i++)
    {
      const ZbRecruitDue *d = g_ptr_array_index (due, i);

      if (g_strcmp0 (d->code, code) == 0)
        return d;
    }
  return NULL;
}

/* What is still to come of a step: overdue, due by a date, or from one. */
static char *
state_of_due (const ZbRecruitDue *due)
{
  g_autofree char *latest_date = due->latest ? zb_pdf_format_date (due->latest) : NULL;
  g_autofree char *earliest = due->earliest ? zb_pdf_format_date (due->earliest) : NULL;

  if (due->overdue)
    /* TRANSLATORS: a step not done by its deadline, %s the deadline */
    return g_strdup_printf (_("Overdue since %s"), latest_date);
  if (latest_date != NULL)
    /* TRANSLATORS: a step due by a date */
    return g_strdup_printf (_("Due by %s"), latest_date);
  if (earliest != NULL)
    /* TRANSLATORS: a step that may be taken from a date on */
    return g_strdup_printf (_("From %s"), earliest);
  return g_strdup (_("Next"));
}

static void
add_stage (ZbPdfDocument *document,
           guint          stage,
           GPtrArray     *steps,
           GPtrArray     *due)
{
  const char *columns[] = { _("Step"), _("What"), _("Date"), _("Document"), _("State"), NULL };
  g_autoptr(GPtrArray) rows = zb_pdf_rows_new ();
  g_autofree char *heading = NULL;

  /* TRANSLATORS: a heading of the recruitment checklist: the stage's number and name */
  heading = g_strdup_printf (_("Stage %u: %s"), stage, _(zb_recruit_stage_info (stage)->label));
  zb_pdf_document_add_heading (document, 1, heading);
  for (guint n = 1; n <= ZB_RECRUIT_N_STEPS; n++)
    {
      const ZbRecruitStepInfo *info = zb_recruit_step_info (n);
      ZbRecruitStep *step = latest (steps, info->code);
      const ZbRecruitDue *d = due_for (due, info->code);
      g_autofree char *date = NULL, *state = NULL;

      if (info->stage != stage)
        continue;
      if (step != NULL)
        {
          date = zb_pdf_format_date (zb_recruit_step_get_date (step));
          state = g_strdup (_("Done"));
        }
      else
        state = d != NULL ? state_of_due (d) : g_strdup ("");
      zb_pdf_rows_add (rows, 5, info->code, _(info->label), date != NULL ? date : "",
                       step != NULL && zb_recruit_step_get_document (step) != NULL
                       ? zb_recruit_step_get_document (step) : "", state);
    }
  zb_pdf_document_add_table (document, columns, widths, rows);
}

static void
add_dates (ZbPdfDocument   *document,
           ZbRecruitStatus *status)
{
  const struct { const char *label; const char *iso; } dates[] = {
    { N_("Application date"), status->applied_date },
    { N_("Activist date"), status->activist_date },
    { N_("Candidate date"), status->candidate_date },
    { N_("Date of admission"), status->joined_date },
    { N_("Full membership date"), status->full_date },
  };

  for (guint i = 0; i < G_N_ELEMENTS (dates); i++)
    {
      g_autofree char *date = dates[i].iso ? zb_pdf_format_date (dates[i].iso) : NULL;

      zb_pdf_document_add_field (document, _(dates[i].label), date != NULL ? date : "");
    }
}

static void
add_issues (ZbPdfDocument *document,
            GPtrArray     *issues)
{
  /* TRANSLATORS: a heading of the recruitment checklist */
  zb_pdf_document_add_heading (document, 1, _("Time rules"));
  if (issues->len == 0)
    zb_pdf_document_add_paragraph (document, _("Every time rule is kept."));
  for (guint i = 0; i < issues->len; i++)
    {
      const ZbRecruitIssue *issue = g_ptr_array_index (issues, i);

      zb_pdf_document_add_field (document, issue->severity == ZB_RECRUIT_SEVERITY_ALERT
                                           ? _("Alert") : _("Warning"), issue->message);
    }
}

/* The checklist of @name's recruitment file, from their @steps (each a
 * ZbRecruitStep) as of @today. */
ZbPdfDocument *
zb_pdf_recruitment_file (const char  *branch,
                         const char  *name,
                         const char  *birth_date,
                         GPtrArray   *steps,
                         const GDate *today)
{
  g_autoptr(GPtrArray) due = zb_recruitment_rules_due (steps, today);
  g_autoptr(GPtrArray) issues = zb_recruitment_rules_check (steps, birth_date, today);
  g_autoptr(ZbRecruitStatus) status = zb_recruitment_rules_status (steps);
  const char *labels[] = { _("Branch secretary"), _("Organisation committee member"), NULL };
  g_autoptr(ZbPdfDocument) document = NULL;
  g_autofree char *title = NULL;

  /* TRANSLATORS: 发展党员材料清单, the title of a person's recruitment checklist */
  title = g_strdup_printf (_("Recruitment file checklist: %s"), name);
  document = zb_pdf_document_new (title, _("Recruitment file checklist"), branch);
  zb_pdf_document_add_title (document, _("Recruitment file checklist"));
  zb_pdf_document_add_subtitle (document, branch);
  zb_pdf_document_add_field (document, _("Name"), name);
  zb_pdf_document_add_field (document, _("Category"),
                             status->category != NULL
                             ? zb_member_enum_label (ZB_MEMBER_FIELD_CATEGORY, status->category)
                             : status->disqualified ? _("Out of the pipeline") : "");
  add_dates (document, status);
  for (guint stage = 1; stage <= ZB_RECRUIT_N_STAGES; stage++)
    add_stage (document, stage, steps, due);
  add_issues (document, issues);
  zb_pdf_document_add_signatures (document, labels, NULL);
  return g_steal_pointer (&document);
}

/* The checklist of the person @person_id as of today, from the store. */
ZbPdfDocument *
zb_pdf_recruitment_checklist (ZbStore     *store,
                              const char  *person_id,
                              GError     **error)
{
  g_autoptr(ZbMember) member = zb_store_get_member (store, person_id, error);
  g_autoptr(GListModel) list = NULL;
  g_autoptr(GPtrArray) steps = g_ptr_array_new_with_free_func (g_object_unref);
  GDate today;

  if (member == NULL || (list = zb_store_list_recruit_steps (store, person_id, error)) == NULL)
    return NULL;
  for (guint i = 0; i < g_list_model_get_n_items (list); i++)
    g_ptr_array_add (steps, g_list_model_get_item (list, i));
  zb_date_set_today (&today);
  return zb_pdf_recruitment_file (zb_store_get_branch_name (store),
                                  zb_member_get (member, ZB_MEMBER_FIELD_NAME),
                                  zb_member_get (member, ZB_MEMBER_FIELD_BIRTH_DATE), steps,
                                  &today);
}
