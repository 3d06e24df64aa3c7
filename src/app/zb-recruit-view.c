/* zb-recruit-view.c: the recruitment pipeline, person by person (发展党员)
 *
 * Copyright 2026 The Zhibu authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "zb-recruit-view"

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "zb-date.h"
#include "zb-print.h"
#include "zb-recruit-start-dialog.h"
#include "zb-recruit-view.h"
#include "zb-recruitment-rules.h"
#include "zb-store.h"
#include "zb-widget-util.h"

/* The people on the path into the Party (the Recruitment Rules, DOMAIN.md
 * section 1): on the left each with their stage and what is due next,
 * overdue first; on the right the chosen person's 25 steps by stage, the
 * rules their file breaks in the rules' words, a form to record the next
 * step, the day they are expected to leave the unit (调离) and their written
 * reports (思想汇报) with a form to add one. Every read and write of the
 * store runs in a worker thread (GTask); the page shows what the last one
 * read. */

struct _ZbRecruitView
{
  GtkWidget       parent_instance;

  GtkWidget      *content;
  GtkSpinner     *spinner;
  GtkLabel       *error_label;
  GtkLabel       *empty_label;
  GtkListBox     *people_list;
  AdwStatusPage  *none_page;
  GtkWidget      *detail_box;
  GtkLabel       *name_label;
  GtkLabel       *status_label;
  GtkWidget      *record_button;
  GtkLabel       *issues_label;
  GtkBox         *stages_box;
  GtkWidget      *form_group;
  AdwComboRow    *code_row;
  AdwEntryRow    *date_row;
  AdwEntryRow    *document_row;
  AdwComboRow    *outcome_row;
  GtkWidget      *extension_row;
  GtkSpinButton  *extension_spin;
  AdwEntryRow    *people_row;
  GtkWidget      *days_row;
  GtkSpinButton  *days_spin;
  GtkWidget      *hours_row;
  GtkSpinButton  *hours_spin;
  AdwEntryRow    *notice_start_row;
  AdwEntryRow    *notice_end_row;
  GtkLabel       *form_error;
  AdwEntryRow    *leaving_row;
  AdwPreferencesGroup *reports_group;
  GtkWidget      *add_report_button;
  GtkWidget      *report_form_group;
  AdwEntryRow    *report_date_row;
  AdwEntryRow    *report_summary_row;
  GtkLabel       *report_error;

  ZbContext      *context;
  GPtrArray      *report_rows;  /* the rows of reports_group shown now */
  char           *removed_report_id;
  GCancellable   *cancellable;
  GPtrArray      *people;       /* Person, in the list's order */
  char           *selected;     /* the chosen person's ID */
  char           *removed_id;   /* the step a toast offers to bring back */
  AdwToast       *undo_toast;
  guint           busy;         /* store jobs running */
  gboolean        filling;      /* the list is being rebuilt: keep the choice */
};

G_DEFINE_FINAL_TYPE (ZbRecruitView, zb_recruit_view, GTK_TYPE_WIDGET)

/* One person's file as read in the worker: the steps and what the rules
 * make of them today. */
typedef struct
{
  ZbRecruitFile *file;
  GPtrArray     *due;      /* ZbRecruitDue */
  GPtrArray     *issues;   /* ZbRecruitIssue */
  guint          stage;    /* the furthest stage reached, 1-5 */
  gboolean       overdue;
} Person;

static void
person_free (Person *person)
{
  g_clear_pointer (&person->file, zb_recruit_file_free);
  g_clear_pointer (&person->due, g_ptr_array_unref);
  g_clear_pointer (&person->issues, g_ptr_array_unref);
  g_free (person);
}

static const char *
person_id (Person *person)
{
  return zb_member_get_id (person->file->member);
}

/* The outcomes each deciding step takes (zb-recruit-step.h). */
static const char * const s15_outcomes[] = {
  ZB_RECRUIT_OUTCOME_ADMITTED, ZB_RECRUIT_OUTCOME_NOT_ADMITTED, NULL
};
static const char * const decision_outcomes[] = {
  ZB_RECRUIT_OUTCOME_APPROVED, ZB_RECRUIT_OUTCOME_REFUSED, NULL
};
static const char * const s23_outcomes[] = {
  ZB_RECRUIT_OUTCOME_FULL, ZB_RECRUIT_OUTCOME_EXTENDED, ZB_RECRUIT_OUTCOME_DISQUALIFIED, NULL
};

static const char * const *
outcomes_of (const char *code)
{
  if (g_strcmp0 (code, "S15") == 0)
    return s15_outcomes;
  if (g_strcmp0 (code, "S17") == 0 || g_strcmp0 (code, "S24") == 0)
    return decision_outcomes;
  if (g_strcmp0 (code, "S23") == 0)
    return s23_outcomes;
  return NULL;
}

static const char *
outcome_label (const char *outcome)
{
  static const struct { const char *code; const char *label; } labels[] = {
    { ZB_RECRUIT_OUTCOME_ADMITTED, N_("Admitted as a probationary member") },
    { ZB_RECRUIT_OUTCOME_NOT_ADMITTED, N_("Not admitted") },
    { ZB_RECRUIT_OUTCOME_APPROVED, N_("Approved") },
    { ZB_RECRUIT_OUTCOME_REFUSED, N_("Not approved") },
    { ZB_RECRUIT_OUTCOME_FULL, N_("Full membership on time") },
    { ZB_RECRUIT_OUTCOME_EXTENDED, N_("Probation extended") },
    { ZB_RECRUIT_OUTCOME_DISQUALIFIED, N_("Probationary membership cancelled") },
  };

  for (guint i = 0; i < G_N_ELEMENTS (labels); i++)
    if (g_strcmp0 (outcome, labels[i].code) == 0)
      return _(labels[i].label);
  return outcome;
}

/* ---- reading ---------------------------------------------------------- */

/* Every rule the file breaks is what `check` finds in it
 * (zb_store_recruit_issues()): the time rules, a report each quarter,
 * leaving the unit, contacts and introducers who are full members. */
static Person *
person_new (ZbStore       *store,
            ZbRecruitFile *file,
            const GDate   *today)
{
  Person *person = g_new0 (Person, 1);

  person->file = file;
  person->due = zb_recruitment_rules_due (file->steps, today);
  person->issues = zb_store_recruit_issues (store, zb_member_get_id (file->member), today, NULL);
  if (person->issues == NULL)
    person->issues = zb_recruitment_rules_check (file->steps,
                                                 zb_member_get (file->member,
                                                                ZB_MEMBER_FIELD_BIRTH_DATE),
                                                 today);
  for (guint i = 0; i < file->steps->len; i++)
    {
      const ZbRecruitStepInfo *info =
        zb_recruit_step_lookup (zb_recruit_step_get_code (g_ptr_array_index (file->steps, i)));

      person->stage = MAX (person->stage, info != NULL ? info->stage : 0);
    }
  for (guint i = 0; i < person->due->len; i++)
    person->overdue |= ((ZbRecruitDue *) g_ptr_array_index (person->due, i))->overdue;
  return person;
}

/* Overdue first; otherwise in the store's pinyin order (the sort is stable). */
static int
compare_people (gconstpointer a,
                gconstpointer b)
{
  const Person *p = *(Person * const *) a;
  const Person *q = *(Person * const *) b;

  return (int) q->overdue - (int) p->overdue;
}

static void
load_thread (GTask        *task,
             gpointer      source,
             gpointer      task_data,
             GCancellable *cancellable)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) files = zb_store_list_recruit_files (ZB_STORE (source), &error);
  GPtrArray *people;
  GDate today;

  if (files == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  zb_date_set_today (&today);
  /* The files move into the people: the array lets go of them. */
  g_ptr_array_set_free_func (files, NULL);
  people = g_ptr_array_new_with_free_func ((GDestroyNotify) person_free);
  for (guint i = 0; i < files->len; i++)
    g_ptr_array_add (people, person_new (ZB_STORE (source), g_ptr_array_index (files, i),
                                         &today));
  g_ptr_array_sort (people, compare_people);
  g_task_return_pointer (task, people, (GDestroyNotify) g_ptr_array_unref);
}

/* ---- showing ---------------------------------------------------------- */

static void
set_busy (ZbRecruitView *self,
          gboolean       busy)
{
  if (busy)
    self->busy++;
  else if (self->busy > 0)
    self->busy--;
  gtk_spinner_set_spinning (self->spinner, self->busy > 0);
  gtk_widget_set_visible (GTK_WIDGET (self->spinner), self->busy > 0);
}

static Person *
find_person (ZbRecruitView *self,
             const char    *id)
{
  for (guint i = 0; self->people != NULL && id != NULL && i < self->people->len; i++)
    if (g_str_equal (person_id (g_ptr_array_index (self->people, i)), id))
      return g_ptr_array_index (self->people, i);
  return NULL;
}

static const char *
stage_label (guint stage)
{
  const ZbRecruitStageInfo *info = zb_recruit_stage_info (stage);

  return info != NULL ? _(info->label) : "";
}

static char *
step_title (const char *code)
{
  const ZbRecruitStepInfo *info = zb_recruit_step_lookup (code);

  return g_strdup_printf ("%s %s", code, info != NULL ? _(info->label) : "");
}

/* What is due next, in a few words: "Overdue: S04 … by DATE". */
static char *
due_text (ZbRecruitDue *due)
{
  g_autofree char *title = step_title (due->code);
  g_autofree char *earliest = zb_date_format_day (due->earliest);
  g_autofree char *latest = zb_date_format_day (due->latest);

  if (due->overdue)
    /* TRANSLATORS: %1$s a step (code and name), %2$s the last day it was due */
    return g_strdup_printf (_("Overdue: %1$s, due by %2$s"), title, latest);
  if (latest != NULL && earliest != NULL)
    /* TRANSLATORS: %1$s a step, %2$s and %3$s the first and last day it may be taken */
    return g_strdup_printf (_("Next: %1$s, from %2$s to %3$s"), title, earliest, latest);
  if (latest != NULL)
    /* TRANSLATORS: %1$s a step, %2$s the last day it may be taken */
    return g_strdup_printf (_("Next: %1$s, by %2$s"), title, latest);
  if (earliest != NULL)
    /* TRANSLATORS: %1$s a step, %2$s the first day it may be taken */
    return g_strdup_printf (_("Next: %1$s, from %2$s"), title, earliest);
  /* TRANSLATORS: %s a step, not bound by a time rule */
  return g_strdup_printf (_("Next: %s"), title);
}

/* The step to name beside a person: the first overdue, else the first due. */
static ZbRecruitDue *
first_due (Person *person)
{
  for (guint i = 0; i < person->due->len; i++)
    if (((ZbRecruitDue *) g_ptr_array_index (person->due, i))->overdue)
      return g_ptr_array_index (person->due, i);
  return person->due->len > 0 ? g_ptr_array_index (person->due, 0) : NULL;
}

static char *
person_subtitle (Person *person)
{
  g_autofree char *next = NULL;

  if (first_due (person) == NULL)
    return g_strdup (stage_label (person->stage));
  next = due_text (first_due (person));
  return g_strdup_printf ("%s · %s", stage_label (person->stage), next);
}

static GtkWidget *
person_row (Person *person)
{
  GtkWidget *row = adw_action_row_new ();
  g_autofree char *subtitle = person_subtitle (person);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row),
                                 zb_member_get (person->file->member, ZB_MEMBER_FIELD_NAME));
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 3);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
  if (person->overdue)
    {
      GtkWidget *icon = gtk_image_new_from_icon_name ("dialog-warning-symbolic");

      gtk_widget_add_css_class (icon, "warning");
      /* TRANSLATORS: said of a person with a step overdue, beside their name */
      gtk_accessible_update_property (GTK_ACCESSIBLE (icon), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      _("Overdue"), -1);
      gtk_widget_set_tooltip_text (icon, _("A step is overdue"));
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), icon);
    }
  g_object_set_data_full (G_OBJECT (row), "person-id", g_strdup (person_id (person)), g_free);
  return row;
}

static ZbRecruitDue *
due_of (Person     *person,
        const char *code)
{
  for (guint i = 0; i < person->due->len; i++)
    {
      ZbRecruitDue *due = g_ptr_array_index (person->due, i);

      if (g_str_equal (due->code, code))
        return due;
    }
  return NULL;
}

/* The concentrated training of S11, its days and class hours, each counted
 * with its plural. */
static char *
training_text (ZbRecruitStep *step)
{
  guint days = zb_recruit_step_get_training_days (step);
  guint hours = zb_recruit_step_get_class_hours (step);
  g_autofree char *d = g_strdup_printf (ngettext ("%u day", "%u days", days), days);
  g_autofree char *h = g_strdup_printf (ngettext ("%u class hour", "%u class hours", hours),
                                        hours);

  /* TRANSLATORS: the concentrated training of S11: its days, then its class hours */
  return g_strdup_printf (C_("training", "%1$s, %2$s"), d, h);
}

/* What a done step holds beyond its date, in a few words. */
static char *
done_text (ZbRecruitStep *step)
{
  GString *out = g_string_new (NULL);
  const char *document = zb_recruit_step_get_document (step);
  const char * const *people = zb_recruit_step_get_people (step);
  guint months = zb_recruit_step_get_extension_months (step);
  g_autofree char *day = zb_date_format_day (zb_recruit_step_get_date (step));
  g_autofree char *notice_start = zb_date_format_day (zb_recruit_step_get_notice_start (step));
  g_autofree char *notice_end = zb_date_format_day (zb_recruit_step_get_notice_end (step));

  /* TRANSLATORS: a step taken on the date %s */
  g_string_append_printf (out, _("Done on %s"), day);
  if (document != NULL)
    g_string_append_printf (out, " · %s", document);
  if (zb_recruit_step_get_outcome (step) != NULL)
    g_string_append_printf (out, " · %s", outcome_label (zb_recruit_step_get_outcome (step)));
  if (months > 0)
    /* TRANSLATORS: an extension of the probation */
    g_string_append_printf (out, ngettext (" · %u month", " · %u months", months), months);
  if (people != NULL && people[0] != NULL)
    {
      g_autofree char *names = g_strjoinv ("、", (char **) people);

      g_string_append_printf (out, " · %s", names);
    }
  if (zb_recruit_step_get_training_days (step) > 0 || zb_recruit_step_get_class_hours (step) > 0)
    {
      g_autofree char *training = training_text (step);

      g_string_append_printf (out, " · %s", training);
    }
  if (notice_start != NULL)
    /* TRANSLATORS: the first and last day of a public notice (公示) */
    g_string_append_printf (out, _(" · notice %s to %s"), notice_start,
                            notice_end != NULL ? notice_end : "");
  return g_string_free (out, FALSE);
}

static GtkWidget *
remove_button (ZbRecruitStep *step)
{
  GtkWidget *button = gtk_button_new_from_icon_name ("user-trash-symbolic");
  /* TRANSLATORS: a button's name for screen readers; %s a step's code */
  g_autofree char *label = g_strdup_printf (_("Remove step %s"), zb_recruit_step_get_code (step));

  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (button, "flat");
  gtk_widget_set_tooltip_text (button, label);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, label,
                                  -1);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), "recruit.remove");
  gtk_actionable_set_action_target (GTK_ACTIONABLE (button), "s", zb_recruit_step_get_id (step));
  return button;
}

static GtkWidget *
done_row (ZbRecruitStep *step)
{
  GtkWidget *row = adw_action_row_new ();
  g_autofree char *title = step_title (zb_recruit_step_get_code (step));
  g_autofree char *subtitle = done_text (step);
  GtkWidget *icon = gtk_image_new_from_icon_name ("object-select-symbolic");

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  gtk_widget_add_css_class (icon, "success");
  gtk_accessible_update_property (GTK_ACCESSIBLE (icon), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Done"), -1);
  adw_action_row_add_prefix (ADW_ACTION_ROW (row), icon);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), remove_button (step));
  return row;
}

static GtkWidget *
open_row (const char   *code,
          ZbRecruitDue *due)
{
  GtkWidget *row = adw_action_row_new ();
  g_autofree char *title = step_title (code);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  if (due != NULL)
    {
      g_autofree char *text = due_text (due);

      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), text);
      if (due->overdue)
        gtk_widget_add_css_class (row, "error");
    }
  else
    gtk_widget_add_css_class (row, "dim-label");
  return row;
}

static void
clear_box (GtkWidget *box)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (box)) != NULL)
    gtk_box_remove (GTK_BOX (box), child);
}

/* The 25 steps by stage: each done one with its date and document (a step
 * taken twice shows twice), each other due, overdue or still ahead. */
static void
show_steps (ZbRecruitView *self,
            Person        *person)
{
  clear_box (GTK_WIDGET (self->stages_box));
  for (guint stage = 1; stage <= ZB_RECRUIT_N_STAGES; stage++)
    {
      GtkWidget *group = adw_preferences_group_new ();

      adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), stage_label (stage));
      for (guint n = 1; n <= ZB_RECRUIT_N_STEPS; n++)
        {
          const ZbRecruitStepInfo *info = zb_recruit_step_info (n);
          gboolean done = FALSE;

          if (info->stage != stage)
            continue;
          for (guint i = 0; i < person->file->steps->len; i++)
            {
              ZbRecruitStep *step = g_ptr_array_index (person->file->steps, i);

              if (g_str_equal (zb_recruit_step_get_code (step), info->code))
                {
                  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), done_row (step));
                  done = TRUE;
                }
            }
          if (!done)
            adw_preferences_group_add (ADW_PREFERENCES_GROUP (group),
                                       open_row (info->code, due_of (person, info->code)));
        }
      gtk_box_append (self->stages_box, group);
    }
}

static void
show_issues (ZbRecruitView *self,
             Person        *person)
{
  g_autoptr(GString) text = g_string_new (NULL);

  for (guint i = 0; i < person->issues->len; i++)
    {
      ZbRecruitIssue *issue = g_ptr_array_index (person->issues, i);

      g_string_append_printf (text, "%s⚠ %s", text->len > 0 ? "\n" : "", issue->message);
    }
  gtk_label_set_text (self->issues_label, text->str);
  gtk_widget_set_visible (GTK_WIDGET (self->issues_label), text->len > 0);
}

static GtkWidget *
report_row (ZbThoughtReport *report)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *button = gtk_button_new_from_icon_name ("user-trash-symbolic");
  g_autofree char *day = zb_date_format_day (zb_thought_report_get_date (report));
  /* TRANSLATORS: a written report received on the date %s */
  g_autofree char *subtitle = g_strdup_printf (_("Received on %s"), day);
  /* TRANSLATORS: a button's name for screen readers; %s the day a report was received */
  g_autofree char *label = g_strdup_printf (_("Remove the report of %s"), day);

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), zb_thought_report_get_summary (report));
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (button, "flat");
  gtk_widget_set_tooltip_text (button, label);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, label,
                                  -1);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), "recruit.remove-report");
  gtk_actionable_set_action_target (GTK_ACTIONABLE (button), "s",
                                    zb_thought_report_get_id (report));
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);
  return row;
}

/* The reports by the day received, or a word that there is none. */
static void
show_reports (ZbRecruitView *self,
              Person        *person)
{
  GPtrArray *reports = person->file->reports;

  for (guint i = 0; i < self->report_rows->len; i++)
    adw_preferences_group_remove (self->reports_group, g_ptr_array_index (self->report_rows, i));
  g_ptr_array_set_size (self->report_rows, 0);
  for (guint i = 0; reports != NULL && i < reports->len; i++)
    g_ptr_array_add (self->report_rows, report_row (g_ptr_array_index (reports, i)));
  if (self->report_rows->len == 0)
    {
      GtkWidget *none = adw_action_row_new ();

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (none), _("No written report recorded"));
      gtk_widget_add_css_class (none, "dim-label");
      g_ptr_array_add (self->report_rows, none);
    }
  for (guint i = 0; i < self->report_rows->len; i++)
    adw_preferences_group_add (self->reports_group, g_ptr_array_index (self->report_rows, i));
}

static void
show_person (ZbRecruitView *self)
{
  Person *person = find_person (self, self->selected);
  g_autofree char *status = NULL;

  gtk_widget_set_visible (GTK_WIDGET (self->none_page), person == NULL);
  gtk_widget_set_visible (self->detail_box, person != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "recruit.record", person != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "recruit.print", person != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "recruit.add-report", person != NULL);
  if (person == NULL)
    {
      gtk_widget_set_visible (self->form_group, FALSE);
      gtk_widget_set_visible (self->report_form_group, FALSE);
      return;
    }

  gtk_label_set_text (self->name_label, zb_member_get (person->file->member,
                                                       ZB_MEMBER_FIELD_NAME));
  status = person_subtitle (person);
  gtk_label_set_text (self->status_label, status);
  show_issues (self, person);
  show_steps (self, person);
  show_reports (self, person);
  gtk_editable_set_text (GTK_EDITABLE (self->leaving_row),
                         person->file->leaving_date ? person->file->leaving_date : "");
}

static void
show_people (ZbRecruitView *self)
{
  GtkListBoxRow *chosen = NULL;
  GtkWidget *child;

  /* Rows going and coming unselect and select: the person chosen stays
   * chosen across a reload. */
  self->filling = TRUE;
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->people_list))) != NULL)
    gtk_list_box_remove (self->people_list, child);
  for (guint i = 0; i < self->people->len; i++)
    {
      Person *person = g_ptr_array_index (self->people, i);
      GtkWidget *row = person_row (person);

      gtk_list_box_append (self->people_list, row);
      if (g_strcmp0 (person_id (person), self->selected) == 0)
        chosen = GTK_LIST_BOX_ROW (row);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->empty_label), self->people->len == 0);
  gtk_widget_set_visible (GTK_WIDGET (self->people_list), self->people->len > 0);
  if (chosen == NULL)
    g_clear_pointer (&self->selected, g_free);
  gtk_list_box_select_row (self->people_list, chosen);
  self->filling = FALSE;
  show_person (self);
}

static void
show_error (ZbRecruitView *self,
            const GError  *error)
{
  gtk_label_set_text (self->error_label, error != NULL ? error->message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), error != NULL);
}

static void
load_done_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(ZbRecruitView) self = user_data;
  g_autoptr(GError) error = NULL;
  GPtrArray *people = g_task_propagate_pointer (G_TASK (result), &error);

  /* Replaced by a newer reload, or the view is gone. */
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  set_busy (self, FALSE);
  show_error (self, error);
  if (people == NULL)
    return;
  g_clear_pointer (&self->people, g_ptr_array_unref);
  self->people = people;
  show_people (self);
}

static ZbStore *
store_of (ZbRecruitView *self)
{
  return self->context != NULL ? zb_context_get_store (self->context) : NULL;
}

/* Reads everyone's file in a worker thread, then shows it; a reload while
 * one runs replaces it. */
void
zb_recruit_view_reload (ZbRecruitView *self)
{
  ZbStore *store;
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (ZB_IS_RECRUIT_VIEW (self));

  store = store_of (self);
  if (self->cancellable != NULL)
    {
      g_cancellable_cancel (self->cancellable);
      g_clear_object (&self->cancellable);
      set_busy (self, FALSE);
    }
  if (store == NULL)
    return;

  self->cancellable = g_cancellable_new ();
  set_busy (self, TRUE);
  task = g_task_new (store, self->cancellable, load_done_cb, g_object_ref (self));
  g_task_set_source_tag (task, zb_recruit_view_reload);
  g_task_set_return_on_cancel (task, FALSE);
  g_task_run_in_thread (task, load_thread);
}

/* ---- the form --------------------------------------------------------- */

static const char *
chosen_code (ZbRecruitView *self)
{
  guint n = adw_combo_row_get_selected (self->code_row);

  return n < ZB_RECRUIT_N_STEPS ? zb_recruit_step_info (n + 1)->code : NULL;
}

static const char *
chosen_outcome (ZbRecruitView *self)
{
  const char * const *outcomes = outcomes_of (chosen_code (self));
  guint n = adw_combo_row_get_selected (self->outcome_row);

  if (outcomes == NULL || n >= g_strv_length ((char **) outcomes))
    return NULL;
  return outcomes[n];
}

/* Only the fields the step takes are shown (zb-recruit-step.h). */
static void
code_changed_cb (ZbRecruitView *self)
{
  const char *code = chosen_code (self);
  const char * const *outcomes = outcomes_of (code);
  g_autoptr(GtkStringList) labels = gtk_string_list_new (NULL);

  for (guint i = 0; outcomes != NULL && outcomes[i] != NULL; i++)
    gtk_string_list_append (labels, outcome_label (outcomes[i]));
  adw_combo_row_set_model (self->outcome_row, G_LIST_MODEL (labels));
  gtk_widget_set_visible (GTK_WIDGET (self->outcome_row), outcomes != NULL);
  gtk_widget_set_visible (self->extension_row, g_strcmp0 (code, "S23") == 0);
  gtk_widget_set_visible (GTK_WIDGET (self->people_row),
                          g_strcmp0 (code, "S05") == 0 || g_strcmp0 (code, "S09") == 0);
  gtk_widget_set_visible (self->days_row, g_strcmp0 (code, "S11") == 0);
  gtk_widget_set_visible (self->hours_row, g_strcmp0 (code, "S11") == 0);
}

static void
show_form_error (ZbRecruitView *self,
                 const char    *message)
{
  gtk_label_set_text (self->form_error, message != NULL ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->form_error), message != NULL);
}

/* The step that comes next: the first due, else the one after the last
 * recorded. */
static guint
next_step (Person *person)
{
  guint last = 0;

  if (person->due->len > 0)
    return zb_recruit_step_number (((ZbRecruitDue *) g_ptr_array_index (person->due, 0))->code);
  for (guint i = 0; i < person->file->steps->len; i++)
    last = MAX (last, zb_recruit_step_number (
                        zb_recruit_step_get_code (g_ptr_array_index (person->file->steps, i))));
  return MIN (last + 1, ZB_RECRUIT_N_STEPS);
}

static void
record_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  ZbRecruitView *self = ZB_RECRUIT_VIEW (widget);
  Person *person = find_person (self, self->selected);
  g_autofree char *today = zb_date_today_iso ();

  if (person == NULL)
    return;

  adw_combo_row_set_selected (self->code_row, next_step (person) - 1);
  code_changed_cb (self);
  gtk_editable_set_text (GTK_EDITABLE (self->date_row), today);
  gtk_editable_set_text (GTK_EDITABLE (self->document_row), "");
  gtk_editable_set_text (GTK_EDITABLE (self->people_row), "");
  gtk_editable_set_text (GTK_EDITABLE (self->notice_start_row), "");
  gtk_editable_set_text (GTK_EDITABLE (self->notice_end_row), "");
  gtk_spin_button_set_value (self->extension_spin, 0);
  gtk_spin_button_set_value (self->days_spin, 0);
  gtk_spin_button_set_value (self->hours_spin, 0);
  show_form_error (self, NULL);
  gtk_widget_set_visible (self->report_form_group, FALSE);
  gtk_widget_set_visible (self->form_group, TRUE);
  gtk_widget_grab_focus (GTK_WIDGET (self->code_row));
}

static void
cancel_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  ZbRecruitView *self = ZB_RECRUIT_VIEW (widget);

  gtk_widget_set_visible (self->form_group, FALSE);
  gtk_widget_grab_focus (GTK_WIDGET (self->people_list));
}

static ZbRecruitStep *
form_step (ZbRecruitView *self)
{
  ZbRecruitStep *step = zb_recruit_step_new (self->selected, chosen_code (self),
                                             zb_editable_text_or_null (self->date_row));
  const char *code = chosen_code (self);

  zb_recruit_step_set_document (step, zb_editable_text_or_null (self->document_row));
  zb_recruit_step_set_outcome (step, chosen_outcome (self));
  if (g_strcmp0 (code, "S23") == 0)
    zb_recruit_step_set_extension_months (step,
                                          gtk_spin_button_get_value_as_int (self->extension_spin));
  if (gtk_widget_get_visible (GTK_WIDGET (self->people_row)) &&
      zb_editable_text_or_null (self->people_row) != NULL)
    {
      g_autoptr(GRegex) separators = g_regex_new ("\\s*[,，、]\\s*", 0, 0, NULL);
      g_auto(GStrv) people = g_regex_split (separators,
                                            zb_editable_text_or_null (self->people_row), 0);

      zb_recruit_step_set_people (step, (const char * const *) people);
    }
  if (g_strcmp0 (code, "S11") == 0)
    zb_recruit_step_set_training (step, gtk_spin_button_get_value_as_int (self->days_spin),
                                  gtk_spin_button_get_value_as_int (self->hours_spin));
  zb_recruit_step_set_notice (step, zb_editable_text_or_null (self->notice_start_row),
                              zb_editable_text_or_null (self->notice_end_row));
  return step;
}

/* The time rules the new step breaks, judged on its own day as the CLI
 * does (a step entered after the fact is not late for being typed in
 * today): a warning, not a refusal, for the step happened as it happened. */
static GStrv
broken_rules (ZbStore       *store,
              ZbRecruitStep *step)
{
  g_autoptr(ZbMember) member = zb_store_get_member (store, zb_recruit_step_get_person_id (step),
                                                    NULL);
  g_autoptr(GListModel) list = zb_store_list_recruit_steps (store,
                                                            zb_recruit_step_get_person_id (step),
                                                            NULL);
  g_autoptr(GPtrArray) steps = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) issues = NULL;
  g_autoptr(GStrvBuilder) messages = g_strv_builder_new ();
  GDate day;

  if (member == NULL || list == NULL ||
      !zb_date_parse_iso (zb_recruit_step_get_date (step), &day))
    return g_strv_builder_end (messages);
  for (guint i = 0; i < g_list_model_get_n_items (list); i++)
    g_ptr_array_add (steps, g_list_model_get_item (list, i));
  issues = zb_recruitment_rules_check (steps, zb_member_get (member, ZB_MEMBER_FIELD_BIRTH_DATE),
                                       &day);
  for (guint i = 0; i < issues->len; i++)
    {
      ZbRecruitIssue *issue = g_ptr_array_index (issues, i);

      if (g_str_equal (issue->code, zb_recruit_step_get_code (step)))
        g_strv_builder_add (messages, issue->message);
    }
  return g_strv_builder_end (messages);
}

static void
save_thread (GTask        *task,
             gpointer      source,
             gpointer      task_data,
             GCancellable *cancellable)
{
  ZbRecruitStep *step = task_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *id = zb_store_add_recruit_step (ZB_STORE (source), step, &error);

  if (id == NULL)
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_pointer (task, broken_rules (ZB_STORE (source), step),
                           (GDestroyNotify) g_strfreev);
}

static void
toast (ZbRecruitView *self,
       const char    *text)
{
  GtkWidget *overlay = gtk_widget_get_ancestor (GTK_WIDGET (self), ADW_TYPE_TOAST_OVERLAY);
  AdwToast *t = adw_toast_new (text);

  if (overlay == NULL)
    {
      g_object_unref (t);
      return;
    }
  adw_toast_set_timeout (t, 10);
  adw_toast_overlay_add_toast (ADW_TOAST_OVERLAY (overlay), t);
}

/* The person whose file was started, chosen once the list has them. */
static void
started_cb (ZbRecruitView *self,
            const char    *person_id)
{
  g_free (self->selected);
  self->selected = g_strdup (person_id);
  toast (self, _("Application recorded; the person’s file is started"));
  zb_recruit_view_reload (self);
}

/* A file starts with the application (S01) of a person on the roster. */
static void
start_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  ZbRecruitView *self = ZB_RECRUIT_VIEW (widget);
  ZbStore *store = store_of (self);
  ZbRecruitStartDialog *dialog;

  if (store == NULL)
    return;
  dialog = zb_recruit_start_dialog_new (store);
  gtk_window_set_transient_for (GTK_WINDOW (dialog), GTK_WINDOW (gtk_widget_get_root (widget)));
  g_signal_connect_object (dialog, "saved", G_CALLBACK (started_cb), self, G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
save_done_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(ZbRecruitView) self = user_data;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) warnings = g_task_propagate_pointer (G_TASK (result), &error);

  set_busy (self, FALSE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "recruit.save", TRUE);
  if (warnings == NULL)
    {
      /* The store's refusal names the field ("Outcome: …"). */
      show_form_error (self, error->message);
      return;
    }
  /* Save goes with the form: the focus to where the next step starts. */
  gtk_widget_set_visible (self->form_group, FALSE);
  gtk_widget_grab_focus (self->record_button);
  for (guint i = 0; warnings[i] != NULL; i++)
    toast (self, warnings[i]);
  zb_recruit_view_reload (self);
}

static void
save_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  ZbRecruitView *self = ZB_RECRUIT_VIEW (widget);
  ZbStore *store = store_of (self);
  g_autoptr(GTask) task = NULL;

  if (store == NULL || self->selected == NULL)
    return;

  show_form_error (self, NULL);
  set_busy (self, TRUE);
  gtk_widget_action_set_enabled (widget, "recruit.save", FALSE);
  task = g_task_new (store, NULL, save_done_cb, g_object_ref (self));
  g_task_set_source_tag (task, save_action);
  g_task_set_task_data (task, form_step (self), g_object_unref);
  g_task_run_in_thread (task, save_thread);
}

/* ---- removing, with an undo ------------------------------------------- */

static void
change_thread (GTask        *task,
               gpointer      source,
               gpointer      task_data,
               GCancellable *cancellable)
{
  const char *id = task_data;
  gboolean restore = g_task_get_source_tag (task) == (gpointer) change_thread;
  g_autoptr(GError) error = NULL;
  gboolean ok = restore ? zb_store_restore_recruit_step (ZB_STORE (source), id, &error)
                        : zb_store_remove_recruit_step (ZB_STORE (source), id, &error);

  if (!ok)
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_boolean (task, TRUE);
}

static void
undo_toast_dismissed_cb (AdwToast      *t,
                         ZbRecruitView *self)
{
  if (self->undo_toast == t)
    g_clear_object (&self->undo_toast);
}

static void
removed_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(ZbRecruitView) self = user_data;
  g_autoptr(GError) error = NULL;
  GtkWidget *overlay;
  AdwToast *t;

  set_busy (self, FALSE);
  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      zb_widget_toast_error (GTK_WIDGET (self), error);
      return;
    }
  zb_recruit_view_reload (self);
  overlay = gtk_widget_get_ancestor (GTK_WIDGET (self), ADW_TYPE_TOAST_OVERLAY);
  if (overlay == NULL)
    return;
  t = adw_toast_new (_("Step removed"));
  adw_toast_set_button_label (t, _("_Undo"));
  adw_toast_set_action_name (t, "recruit.undo-remove");
  adw_toast_set_priority (t, ADW_TOAST_PRIORITY_HIGH);
  g_signal_connect_object (t, "dismissed", G_CALLBACK (undo_toast_dismissed_cb), self, 0);
  g_set_object (&self->undo_toast, t);
  adw_toast_overlay_add_toast (ADW_TOAST_OVERLAY (overlay), t);
}

static void
restored_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(ZbRecruitView) self = user_data;
  g_autoptr(GError) error = NULL;

  set_busy (self, FALSE);
  if (!g_task_propagate_boolean (G_TASK (result), &error))
    zb_widget_toast_error (GTK_WIDGET (self), error);
  zb_recruit_view_reload (self);
}

static void
run_change (ZbRecruitView       *self,
            const char          *id,
            gboolean             restore,
            GAsyncReadyCallback  done)
{
  ZbStore *store = store_of (self);
  g_autoptr(GTask) task = NULL;

  if (store == NULL)
    return;
  set_busy (self, TRUE);
  task = g_task_new (store, NULL, done, g_object_ref (self));
  g_task_set_source_tag (task, restore ? (gpointer) change_thread : (gpointer) run_change);
  g_task_set_task_data (task, g_strdup (id), g_free);
  g_task_run_in_thread (task, change_thread);
}

/* The step goes at once (the member record with it); the toast's undo
 * brings both back, as zhibu-cli recruit restore does. */
static void
remove_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  ZbRecruitView *self = ZB_RECRUIT_VIEW (widget);
  const char *id = g_variant_get_string (parameter, NULL);

  g_free (self->removed_id);
  self->removed_id = g_strdup (id);
  run_change (self, id, FALSE, removed_cb);
}

static void
undo_remove_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  ZbRecruitView *self = ZB_RECRUIT_VIEW (widget);
  g_autofree char *id = g_steal_pointer (&self->removed_id);

  if (self->undo_toast != NULL)
    {
      g_autoptr(AdwToast) t = g_steal_pointer (&self->undo_toast);

      adw_toast_dismiss (t);
    }
  if (id != NULL)
    run_change (self, id, TRUE, restored_cb);
}

/* ---- written reports and the leaving date ------------------------------ */

static void
show_report_error (ZbRecruitView *self,
                   const char    *message)
{
  gtk_label_set_text (self->report_error, message != NULL ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->report_error), message != NULL);
}

static void
add_report_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  ZbRecruitView *self = ZB_RECRUIT_VIEW (widget);
  g_autofree char *today = zb_date_today_iso ();

  if (self->selected == NULL)
    return;
  gtk_editable_set_text (GTK_EDITABLE (self->report_date_row), today);
  gtk_editable_set_text (GTK_EDITABLE (self->report_summary_row), "");
  show_report_error (self, NULL);
  gtk_widget_set_visible (self->form_group, FALSE);
  gtk_widget_set_visible (self->report_form_group, TRUE);
  gtk_widget_grab_focus (GTK_WIDGET (self->report_date_row));
}

static void
cancel_report_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  ZbRecruitView *self = ZB_RECRUIT_VIEW (widget);

  gtk_widget_set_visible (self->report_form_group, FALSE);
  gtk_widget_grab_focus (self->add_report_button);
}

/* What a job on reports and the leaving date does, in the worker. */
typedef enum
{
  REPORT_ADD,
  REPORT_REMOVE,
  REPORT_RESTORE,
  LEAVING_SET,
} ReportJobKind;

typedef struct
{
  ReportJobKind    kind;
  char            *id;        /* the report's, or the person's for LEAVING_SET */
  char            *date;      /* the leaving date, NULL to clear */
  ZbThoughtReport *report;    /* REPORT_ADD */
} ReportJob;

static void
report_job_free (ReportJob *job)
{
  g_free (job->id);
  g_free (job->date);
  g_clear_object (&job->report);
  g_free (job);
}

static void
report_thread (GTask        *task,
               gpointer      source,
               gpointer      task_data,
               GCancellable *cancellable)
{
  ReportJob *job = task_data;
  ZbStore *store = ZB_STORE (source);
  g_autoptr(GError) error = NULL;
  g_autofree char *id = NULL;
  gboolean ok = FALSE;

  switch (job->kind)
    {
    case REPORT_ADD:
      ok = (id = zb_store_add_thought_report (store, job->report, &error)) != NULL;
      break;
    case REPORT_REMOVE:
      ok = zb_store_remove_thought_report (store, job->id, &error);
      break;
    case REPORT_RESTORE:
      ok = zb_store_restore_thought_report (store, job->id, &error);
      break;
    case LEAVING_SET:
      ok = zb_store_set_leaving_date (store, job->id, job->date, &error);
      break;
    default:
      g_assert_not_reached ();
    }
  if (!ok)
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_boolean (task, TRUE);
}

static void
run_report_job (ZbRecruitView       *self,
                ReportJob           *job,
                GAsyncReadyCallback  done)
{
  ZbStore *store = store_of (self);
  g_autoptr(GTask) task = NULL;

  if (store == NULL)
    {
      report_job_free (job);
      return;
    }
  set_busy (self, TRUE);
  task = g_task_new (store, NULL, done, g_object_ref (self));
  g_task_set_source_tag (task, run_report_job);
  g_task_set_task_data (task, job, (GDestroyNotify) report_job_free);
  g_task_run_in_thread (task, report_thread);
}

static void
report_saved_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(ZbRecruitView) self = user_data;
  g_autoptr(GError) error = NULL;

  set_busy (self, FALSE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "recruit.save-report", TRUE);
  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      /* The store's refusal names the field ("Report summary: …"). */
      show_report_error (self, error->message);
      return;
    }
  gtk_widget_set_visible (self->report_form_group, FALSE);
  gtk_widget_grab_focus (self->add_report_button);
  zb_recruit_view_reload (self);
}

static void
save_report_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  ZbRecruitView *self = ZB_RECRUIT_VIEW (widget);
  ReportJob *job;

  if (store_of (self) == NULL || self->selected == NULL)
    return;
  job = g_new0 (ReportJob, 1);
  job->kind = REPORT_ADD;
  job->report = zb_thought_report_new (self->selected,
                                       zb_editable_text_or_null (self->report_date_row),
                                       zb_editable_text_or_null (self->report_summary_row));
  show_report_error (self, NULL);
  gtk_widget_action_set_enabled (widget, "recruit.save-report", FALSE);
  run_report_job (self, job, report_saved_cb);
}

static void
report_changed_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(ZbRecruitView) self = user_data;
  g_autoptr(GError) error = NULL;

  set_busy (self, FALSE);
  if (!g_task_propagate_boolean (G_TASK (result), &error))
    zb_widget_toast_error (GTK_WIDGET (self), error);
  zb_recruit_view_reload (self);
}

static void
report_removed_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(ZbRecruitView) self = user_data;
  g_autoptr(GError) error = NULL;
  GtkWidget *overlay;
  AdwToast *t;

  set_busy (self, FALSE);
  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      zb_widget_toast_error (GTK_WIDGET (self), error);
      return;
    }
  zb_recruit_view_reload (self);
  overlay = gtk_widget_get_ancestor (GTK_WIDGET (self), ADW_TYPE_TOAST_OVERLAY);
  if (overlay == NULL)
    return;
  t = adw_toast_new (_("Written report removed"));
  adw_toast_set_button_label (t, _("_Undo"));
  adw_toast_set_action_name (t, "recruit.undo-remove-report");
  adw_toast_set_priority (t, ADW_TOAST_PRIORITY_HIGH);
  adw_toast_overlay_add_toast (ADW_TOAST_OVERLAY (overlay), t);
}

/* A report recorded by mistake goes at once; the toast's undo brings it back. */
static void
remove_report_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  ZbRecruitView *self = ZB_RECRUIT_VIEW (widget);
  ReportJob *job = g_new0 (ReportJob, 1);

  job->kind = REPORT_REMOVE;
  job->id = g_variant_dup_string (parameter, NULL);
  g_free (self->removed_report_id);
  self->removed_report_id = g_strdup (job->id);
  run_report_job (self, job, report_removed_cb);
}

static void
undo_remove_report_action (GtkWidget  *widget,
                           const char *action_name,
                           GVariant   *parameter)
{
  ZbRecruitView *self = ZB_RECRUIT_VIEW (widget);
  ReportJob *job;

  if (self->removed_report_id == NULL)
    return;
  job = g_new0 (ReportJob, 1);
  job->kind = REPORT_RESTORE;
  job->id = g_steal_pointer (&self->removed_report_id);
  run_report_job (self, job, report_changed_cb);
}

/* The leaving date as typed, applied: empty clears it; a day that is none
 * is the store's refusal, naming the field, in a toast. */
static void
leaving_applied_cb (ZbRecruitView *self)
{
  ReportJob *job;

  if (self->selected == NULL)
    return;
  job = g_new0 (ReportJob, 1);
  job->kind = LEAVING_SET;
  job->id = g_strdup (self->selected);
  job->date = g_strdup (zb_editable_text_or_null (self->leaving_row));
  run_report_job (self, job, report_changed_cb);
}

/* ---- printing --------------------------------------------------------- */

static void
print_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  ZbRecruitView *self = ZB_RECRUIT_VIEW (widget);
  ZbStore *store = store_of (self);

  if (store != NULL && self->selected != NULL)
    zb_print_recruitment (GTK_WINDOW (gtk_widget_get_root (widget)), store, self->selected);
}

/* ---- the widget ------------------------------------------------------- */

static void
row_selected_cb (ZbRecruitView *self,
                 GtkListBoxRow *row)
{
  const char *id = row != NULL ? g_object_get_data (G_OBJECT (row), "person-id") : NULL;

  if (self->filling || g_strcmp0 (id, self->selected) == 0)
    return;
  g_free (self->selected);
  self->selected = g_strdup (id);
  gtk_widget_set_visible (self->form_group, FALSE);
  gtk_widget_set_visible (self->report_form_group, FALSE);
  show_person (self);
}

static void
fill_codes (ZbRecruitView *self)
{
  g_autoptr(GtkStringList) codes = gtk_string_list_new (NULL);

  for (guint n = 1; n <= ZB_RECRUIT_N_STEPS; n++)
    {
      g_autofree char *title = step_title (zb_recruit_step_info (n)->code);

      gtk_string_list_append (codes, title);
    }
  adw_combo_row_set_model (self->code_row, G_LIST_MODEL (codes));
}

static void
zb_recruit_view_dispose (GObject *object)
{
  ZbRecruitView *self = ZB_RECRUIT_VIEW (object);

  g_cancellable_cancel (self->cancellable);
  /* The list's rows go with it, unselected: nothing is shown any more. */
  self->filling = TRUE;
  gtk_widget_dispose_template (GTK_WIDGET (self), ZB_TYPE_RECRUIT_VIEW);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->context);
  g_clear_object (&self->undo_toast);
  g_clear_pointer (&self->people, g_ptr_array_unref);
  g_clear_pointer (&self->selected, g_free);
  g_clear_pointer (&self->removed_id, g_free);
  g_clear_pointer (&self->removed_report_id, g_free);
  g_clear_pointer (&self->report_rows, g_ptr_array_unref);

  G_OBJECT_CLASS (zb_recruit_view_parent_class)->dispose (object);
}

static void
zb_recruit_view_class_init (ZbRecruitViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = zb_recruit_view_dispose;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/zhibu/Zhibu/ui/zb-recruit-view.ui");
#define CHILD(name) gtk_widget_class_bind_template_child (widget_class, ZbRecruitView, name)
  CHILD (content);
  CHILD (spinner);
  CHILD (error_label);
  CHILD (empty_label);
  CHILD (people_list);
  CHILD (none_page);
  CHILD (detail_box);
  CHILD (name_label);
  CHILD (status_label);
  CHILD (record_button);
  CHILD (issues_label);
  CHILD (stages_box);
  CHILD (form_group);
  CHILD (code_row);
  CHILD (date_row);
  CHILD (document_row);
  CHILD (outcome_row);
  CHILD (extension_row);
  CHILD (extension_spin);
  CHILD (people_row);
  CHILD (days_row);
  CHILD (days_spin);
  CHILD (hours_row);
  CHILD (hours_spin);
  CHILD (notice_start_row);
  CHILD (notice_end_row);
  CHILD (form_error);
  CHILD (leaving_row);
  CHILD (reports_group);
  CHILD (add_report_button);
  CHILD (report_form_group);
  CHILD (report_date_row);
  CHILD (report_summary_row);
  CHILD (report_error);
#undef CHILD

  gtk_widget_class_install_action (widget_class, "recruit.start", NULL, start_action);
  gtk_widget_class_install_action (widget_class, "recruit.record", NULL, record_action);
  gtk_widget_class_install_action (widget_class, "recruit.cancel", NULL, cancel_action);
  gtk_widget_class_install_action (widget_class, "recruit.save", NULL, save_action);
  gtk_widget_class_install_action (widget_class, "recruit.remove", "s", remove_action);
  gtk_widget_class_install_action (widget_class, "recruit.undo-remove", NULL,
                                   undo_remove_action);
  gtk_widget_class_install_action (widget_class, "recruit.print", NULL, print_action);
  gtk_widget_class_install_action (widget_class, "recruit.add-report", NULL, add_report_action);
  gtk_widget_class_install_action (widget_class, "recruit.cancel-report", NULL,
                                   cancel_report_action);
  gtk_widget_class_install_action (widget_class, "recruit.save-report", NULL,
                                   save_report_action);
  gtk_widget_class_install_action (widget_class, "recruit.remove-report", "s",
                                   remove_report_action);
  gtk_widget_class_install_action (widget_class, "recruit.undo-remove-report", NULL,
                                   undo_remove_report_action);
}

static void
zb_recruit_view_init (ZbRecruitView *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->report_rows = g_ptr_array_new ();
  fill_codes (self);
  set_busy (self, FALSE);
  g_signal_connect_object (self->code_row, "notify::selected", G_CALLBACK (code_changed_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->people_list, "row-selected", G_CALLBACK (row_selected_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->leaving_row, "apply", G_CALLBACK (leaving_applied_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->code_row), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Step"), -1);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->outcome_row),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Outcome"), -1);
  show_person (self);
}

/* The store to read from; the files load on the next reload. */
void
zb_recruit_view_set_context (ZbRecruitView *self,
                             ZbContext     *context)
{
  g_return_if_fail (ZB_IS_RECRUIT_VIEW (self));

  g_set_object (&self->context, context);
}

/* Whether a read or a write of the store is still running. */
gboolean
zb_recruit_view_is_busy (ZbRecruitView *self)
{
  g_return_val_if_fail (ZB_IS_RECRUIT_VIEW (self), FALSE);

  return self->busy > 0;
}

guint
zb_recruit_view_get_n_people (ZbRecruitView *self)
{
  g_return_val_if_fail (ZB_IS_RECRUIT_VIEW (self), 0);

  return self->people != NULL ? self->people->len : 0;
}

/* The list's row of the @index-th person (an AdwActionRow: the name as
 * title, the stage and what is due next as subtitle). */
GtkWidget *
zb_recruit_view_get_person_row (ZbRecruitView *self,
                                guint          index)
{
  g_return_val_if_fail (ZB_IS_RECRUIT_VIEW (self), NULL);

  return GTK_WIDGET (gtk_list_box_get_row_at_index (self->people_list, index));
}

const char *
zb_recruit_view_get_person_id (ZbRecruitView *self,
                               guint          index)
{
  g_return_val_if_fail (ZB_IS_RECRUIT_VIEW (self), NULL);
  g_return_val_if_fail (index < zb_recruit_view_get_n_people (self), NULL);

  return person_id (g_ptr_array_index (self->people, index));
}

/* Chooses the person as a click on their row does. */
gboolean
zb_recruit_view_select_person (ZbRecruitView *self,
                               const char    *id)
{
  g_return_val_if_fail (ZB_IS_RECRUIT_VIEW (self), FALSE);

  for (guint i = 0; i < zb_recruit_view_get_n_people (self); i++)
    if (g_strcmp0 (zb_recruit_view_get_person_id (self, i), id) == 0)
      {
        gtk_list_box_select_row (self->people_list,
                                 gtk_list_box_get_row_at_index (self->people_list, i));
        return TRUE;
      }
  return FALSE;
}

const char *
zb_recruit_view_get_selected (ZbRecruitView *self)
{
  g_return_val_if_fail (ZB_IS_RECRUIT_VIEW (self), NULL);

  return self->selected;
}
