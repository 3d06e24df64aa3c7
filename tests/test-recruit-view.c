/* test-recruit-view.c: the recruitment page (发展党员) in a window
 *
 * Copyright 2026 The Zhibu authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "test-recruit-view"

#include "config.h"

#include <string.h>

#include <adwaita.h>
#include <glib/gi18n.h>

#include "zb-date.h"
#include "zb-pdf-preview.h"
#include "zb-recruit-start-dialog.h"
#include "zb-recruit-view.h"
#include "zb-test-util.h"
#include "zb-test-window.h"

/* Under xvfb-run, in C and zh_CN (issue 12): a branch with two people in
 * the recruitment pipeline; the page lists them with their stages; a step
 * recorded through the form is written (the person's category and dates
 * follow, as the store sets them) and the list shows the new stage; a step
 * the store refuses shows its error, naming the field, and writes nothing.
 * Screenshots: recruitment.png and recruitment-step.png. */

typedef struct
{
  const char *name;
  const char *steps[5][2];   /* code, date */
} Person;

/* 李明 has applied and been talked with (stage 1); 王芳 is an activist
 * reported to the higher committee (stage 2). */
static const Person people[] = {
  { "李明", { { "S01", "2025-01-10" }, { "S02", "2025-01-25" } } },
  { "王芳", { { "S01", "2024-01-05" }, { "S02", "2024-01-20" }, { "S03", "2024-07-01" },
              { "S04", "2024-07-10" } } },
};

static char *
add_person (ZbStore      *store,
            const Person *person,
            guint         serial)
{
  g_autofree char *idn = zb_test_id_number ("1999-04-02", serial % 2 == 0, 700 + serial);
  g_autoptr(ZbMember) member = zb_test_member (person->name, idn, ZB_CATEGORY_APPLICANT);
  g_autoptr(GError) error = NULL;
  char *id;

  zb_member_set (member, ZB_MEMBER_FIELD_APPLIED_DATE, person->steps[0][1]);
  id = zb_store_add_member (store, member, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < G_N_ELEMENTS (person->steps) && person->steps[i][0] != NULL; i++)
    {
      g_autoptr(ZbRecruitStep) step = zb_recruit_step_new (id, person->steps[i][0],
                                                           person->steps[i][1]);
      g_autofree char *step_id = zb_store_add_recruit_step (store, step, &error);

      g_assert_no_error (error);
    }
  return id;
}

static ZbRecruitView *
view_of (ZbTestWindow *f)
{
  return ZB_RECRUIT_VIEW (zb_window_get_recruit_view (f->window));
}

static gboolean
settled (gpointer data)
{
  return !zb_recruit_view_is_busy (data);
}

static void
wait_for_view (ZbTestWindow *f)
{
  zb_test_wait_for (settled, view_of (f), 60);
  zb_test_settle (200);
}

static GtkWidget *
part (ZbTestWindow *f,
      const char   *name)
{
  GtkWidget *widget = zb_test_find_by_id (GTK_WIDGET (view_of (f)), name);

  g_assert_nonnull (widget);
  return widget;
}

/* The branch, open on the recruitment page, with the people's IDs. */
static void
open_page (ZbTestWindow *f,
           char         *ids[2])
{
  g_autoptr(ZbStore) store = NULL;

  zb_test_make_roster (f, 20);
  store = zb_test_open_store (f);
  for (guint i = 0; i < G_N_ELEMENTS (people); i++)
    ids[i] = add_person (store, &people[i], i);
  g_clear_object (&store);

  gtk_window_set_default_size (GTK_WINDOW (f->window), 1280, 960);
  zb_test_open_roster (f);
  zb_window_show_view (f->window, "recruitment");
  g_assert_true (zb_recruit_view_is_busy (view_of (f)));
  wait_for_view (f);
}

static const char *
row_subtitle (ZbTestWindow *f,
              const char   *id)
{
  ZbRecruitView *view = view_of (f);

  for (guint i = 0; i < zb_recruit_view_get_n_people (view); i++)
    if (g_str_equal (zb_recruit_view_get_person_id (view, i), id))
      return adw_action_row_get_subtitle (ADW_ACTION_ROW (zb_recruit_view_get_person_row (view,
                                                                                          i)));
  g_assert_not_reached ();
}

static void
assert_stage (ZbTestWindow *f,
              const char   *id,
              guint         stage)
{
  const char *subtitle = row_subtitle (f, id);

  g_test_message ("%s", subtitle);
  g_assert_true (g_str_has_prefix (subtitle, _(zb_recruit_stage_info (stage)->label)));
}

static char *
member_field (ZbTestWindow *f,
              const char   *id,
              ZbMemberField field)
{
  g_autoptr(ZbStore) store = zb_test_open_store (f);
  g_autoptr(GError) error = NULL;
  g_autoptr(ZbMember) member = zb_store_get_member (store, id, &error);

  g_assert_no_error (error);
  return g_strdup (zb_member_get (member, field));
}

static gint64
count_steps (ZbTestWindow *f)
{
  g_autoptr(ZbStore) store = zb_test_open_store (f);

  return zb_test_sql_int (store, "SELECT count(*) FROM recruit_steps WHERE deleted = 0");
}

static void
choose_code (ZbTestWindow *f,
             guint         number)
{
  adw_combo_row_set_selected (ADW_COMBO_ROW (part (f, "code_row")), number - 1);
}

static void
set_text (ZbTestWindow *f,
          const char   *row,
          const char   *text)
{
  gtk_editable_set_text (GTK_EDITABLE (part (f, row)), text);
}

static void
save (ZbTestWindow *f)
{
  /* A click: activating a button clicks it only once its press is shown. */
  g_signal_emit_by_name (part (f, "save_button"), "clicked");
  g_assert_true (zb_recruit_view_is_busy (view_of (f)));
  wait_for_view (f);
}

/* A label outside the page, in the window's toasts, naming the S07 date. */
static gboolean
has_label_with (GtkWidget  *widget,
                GtkWidget  *except,
                const char *needle)
{
  if (widget == except)
    return FALSE;
  if (GTK_IS_LABEL (widget) && gtk_widget_get_mapped (widget) &&
      strstr (gtk_label_get_text (GTK_LABEL (widget)), needle) != NULL)
    return TRUE;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (has_label_with (child, except, needle))
      return TRUE;
  return FALSE;
}

static gboolean
toast_shown (gpointer data)
{
  ZbTestWindow *f = data;
  g_autofree char *day = zb_date_format_day ("2024-12-01");

  return has_label_with (GTK_WIDGET (f->window), GTK_WIDGET (view_of (f)), day);
}

static void
assert_category (ZbTestWindow *f,
                 const char   *id,
                 const char   *category)
{
  g_autofree char *value = member_field (f, id, ZB_MEMBER_FIELD_CATEGORY);

  g_assert_cmpstr (value, ==, category);
}

static void
remove_and_undo (ZbTestWindow *f,
                 const char   *id)
{
  g_autoptr(ZbStore) store = zb_test_open_store (f);
  g_autofree char *sql = g_strdup_printf ("SELECT id FROM recruit_steps WHERE member_id = '%s' "
                                          "AND code = 'S03' AND deleted = 0", id);
  g_autofree char *step = zb_test_sql_text (store, sql);
  ZbRecruitView *view = view_of (f);

  g_clear_object (&store);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (view), "recruit.remove", "s", step));
  wait_for_view (f);
  assert_category (f, id, ZB_CATEGORY_APPLICANT);
  assert_stage (f, id, 1);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (view), "recruit.undo-remove", NULL));
  wait_for_view (f);
  assert_category (f, id, ZB_CATEGORY_ACTIVIST);
  assert_stage (f, id, 2);
}

/* The two people with their stages; a step recorded through the form sets
 * the record and moves the person on; a refused one writes nothing. */
static void
test_record (ZbTestWindow  *f,
             gconstpointer  data)
{
  char *ids[2] = { NULL };
  ZbRecruitView *view;
  g_autofree char *category = NULL;
  g_autofree char *activist = NULL;
  g_autofree char *day = NULL;
  gint64 before;
  const char *error_text;

  open_page (f, ids);
  view = view_of (f);
  g_assert_cmpuint (zb_recruit_view_get_n_people (view), ==, 2);
  assert_stage (f, ids[0], 1);
  assert_stage (f, ids[1], 2);

  /* 李明: the form offers S03 next; recorded, he is an activist from its
   * date, and the list shows him in stage 2. */
  g_assert_true (zb_recruit_view_select_person (view, ids[0]));
  g_assert_cmpstr (zb_recruit_view_get_selected (view), ==, ids[0]);
  zb_test_settle (100);
  zb_test_screenshot (GTK_WIDGET (f->window), "recruitment.png");

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (view), "recruit.record", NULL));
  g_assert_true (gtk_widget_get_visible (part (f, "form_group")));
  g_assert_cmpuint (adw_combo_row_get_selected (ADW_COMBO_ROW (part (f, "code_row"))), ==, 2);
  set_text (f, "date_row", "2025-08-01");
  set_text (f, "document_row", "支部委员会会议记录");
  save (f);
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (part (f, "form_error"))), ==, "");
  g_assert_false (gtk_widget_get_visible (part (f, "form_group")));
  category = member_field (f, ids[0], ZB_MEMBER_FIELD_CATEGORY);
  activist = member_field (f, ids[0], ZB_MEMBER_FIELD_ACTIVIST_DATE);
  g_assert_cmpstr (category, ==, ZB_CATEGORY_ACTIVIST);
  g_assert_cmpstr (activist, ==, "2025-08-01");
  assert_stage (f, ids[0], 2);
  g_assert_cmpstr (zb_recruit_view_get_selected (view), ==, ids[0]);

  /* Removed, he is an applicant again; the toast's undo brings it back. */
  remove_and_undo (f, ids[0]);

  /* 王芳: a date that is none is refused, the field named, nothing written. */
  before = count_steps (f);
  g_assert_true (zb_recruit_view_select_person (view, ids[1]));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (view), "recruit.record", NULL));
  choose_code (f, 11);
  g_assert_true (gtk_widget_get_visible (part (f, "days_row")));
  g_assert_true (gtk_widget_get_visible (part (f, "hours_row")));
  g_assert_false (gtk_widget_get_visible (part (f, "outcome_row")));
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (part (f, "days_spin")), 3);
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (part (f, "hours_spin")), 24);
  set_text (f, "date_row", "2025-02-30");
  save (f);
  error_text = gtk_label_get_text (GTK_LABEL (part (f, "form_error")));
  g_test_message ("refused: %s", error_text);
  g_assert_true (gtk_widget_get_visible (part (f, "form_error")));
  g_assert_true (g_str_has_prefix (error_text, _("Date")));
  g_assert_true (gtk_widget_get_visible (part (f, "form_group")));
  g_assert_cmpint (count_steps (f), ==, before);
  assert_stage (f, ids[1], 2);
  zb_test_screenshot (GTK_WIDGET (f->window), "recruitment-step.png");

  /* Named a candidate five months after being named an activist: saved,
   * and the broken time rule (at least one year as an activist) is shown in
   * its words with the dates. */
  choose_code (f, 7);
  set_text (f, "date_row", "2024-12-01");
  save (f);
  g_assert_false (gtk_widget_get_visible (part (f, "form_group")));
  assert_category (f, ids[1], ZB_CATEGORY_CANDIDATE);
  assert_stage (f, ids[1], 3);
  g_test_message ("%s", gtk_label_get_text (GTK_LABEL (part (f, "issues_label"))));
  g_assert_true (gtk_widget_get_visible (part (f, "issues_label")));
  /* The day as the language writes it (2024年12月1日 in Chinese). */
  day = zb_date_format_day ("2024-12-01");
  g_assert_nonnull (strstr (gtk_label_get_text (GTK_LABEL (part (f, "issues_label"))), day));
  /* … and as a toast of the window once saved. */
  zb_test_wait_for (toast_shown, f, 30);

  g_free (ids[0]);
  g_free (ids[1]);
}

static gboolean
has_start_dialog (gpointer data)
{
  GtkWidget *dialog = zb_test_find_toplevel (ZB_TYPE_RECRUIT_START_DIALOG);

  *(GtkWidget **) data = dialog;
  return dialog != NULL && !zb_recruit_start_dialog_is_busy (ZB_RECRUIT_START_DIALOG (dialog));
}

static gboolean
start_dialog_gone (gpointer data)
{
  return zb_test_find_toplevel (ZB_TYPE_RECRUIT_START_DIALOG) == NULL;
}

static gboolean
start_settled (gpointer dialog)
{
  return !zb_recruit_start_dialog_is_busy (dialog);
}

static void
start_save (ZbRecruitStartDialog *dialog)
{
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "start.save", NULL));
  g_assert_true (zb_recruit_start_dialog_is_busy (dialog));
}

/* A branch with no one in the pipeline is shown how a file starts; the
 * application of a person on the roster starts it, typed the way offices
 * write dates, and the page chooses them; a day that cannot be an
 * application is refused, the date marked, nothing written; a person with a
 * file is offered no more. */
static void
test_start (ZbTestWindow  *f,
            gconstpointer  data)
{
  static const Person newcomer = { "赵新", { { "S01", "2025-03-05" } } };
  g_autoptr(ZbStore) store = NULL;
  g_autoptr(ZbMember) member = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *idn = zb_test_id_number ("2000-06-01", TRUE, 801);
  g_autofree char *id = NULL, *applied = NULL;
  GtkWidget *found = NULL;
  ZbRecruitStartDialog *dialog;
  ZbRecruitView *view;
  guint offered;

  zb_test_make_roster (f, 20);
  store = zb_test_open_store (f);
  member = zb_test_member (newcomer.name, idn, ZB_CATEGORY_APPLICANT);
  zb_member_set (member, ZB_MEMBER_FIELD_APPLIED_DATE, newcomer.steps[0][1]);
  id = zb_store_add_member (store, member, &error);
  g_assert_no_error (error);
  g_clear_object (&store);

  gtk_window_set_default_size (GTK_WINDOW (f->window), 1280, 960);
  zb_test_open_roster (f);
  zb_window_show_view (f->window, "recruitment");
  wait_for_view (f);
  view = view_of (f);
  g_assert_cmpuint (zb_recruit_view_get_n_people (view), ==, 0);
  g_assert_true (gtk_widget_get_mapped (part (f, "empty_start_button")));
  zb_test_screenshot (GTK_WIDGET (f->window), "recruitment-empty.png");

  g_assert_true (gtk_widget_activate (part (f, "empty_start_button")));
  zb_test_wait_for (has_start_dialog, &found, 30);
  dialog = ZB_RECRUIT_START_DIALOG (found);
  offered = zb_recruit_start_dialog_get_n_people (dialog);
  g_assert_cmpuint (offered, >=, 1);
  g_assert_true (zb_recruit_start_dialog_choose (dialog, id));

  /* Handed in before the person was 18: refused, nothing written. */
  gtk_editable_set_text (GTK_EDITABLE (zb_test_find_by_id (found, "date_entry")), "2017-06-01");
  start_save (dialog);
  zb_test_wait_for (start_settled, dialog, 30);
  g_test_message ("refused: %s", zb_recruit_start_dialog_get_error (dialog));
  g_assert_nonnull (zb_recruit_start_dialog_get_error (dialog));
  g_assert_true (zb_recruit_start_dialog_get_error_field (dialog) ==
                 zb_test_find_by_id (found, "date_entry"));
  g_assert_cmpint (count_steps (f), ==, 0);
  zb_test_settle (200);
  zb_test_screenshot (found, "recruitment-start-refused.png");

  gtk_editable_set_text (GTK_EDITABLE (zb_test_find_by_id (found, "date_entry")),
                         "2025年3月5日");
  zb_test_screenshot (found, "recruitment-start.png");
  start_save (dialog);
  zb_test_wait_for (start_dialog_gone, NULL, 30);
  wait_for_view (f);

  g_assert_cmpint (count_steps (f), ==, 1);
  g_assert_cmpuint (zb_recruit_view_get_n_people (view), ==, 1);
  g_assert_cmpstr (zb_recruit_view_get_selected (view), ==, id);
  assert_stage (f, id, 1);
  applied = member_field (f, id, ZB_MEMBER_FIELD_APPLIED_DATE);
  g_assert_cmpstr (applied, ==, "2025-03-05");
  g_assert_false (gtk_widget_get_visible (part (f, "empty_start_button")));
  zb_test_screenshot (GTK_WIDGET (f->window), "recruitment-started.png");

  /* The header's button offers the others, not the person with a file. */
  g_assert_true (gtk_widget_activate (part (f, "start_button")));
  zb_test_wait_for (has_start_dialog, &found, 30);
  dialog = ZB_RECRUIT_START_DIALOG (found);
  g_assert_cmpuint (zb_recruit_start_dialog_get_n_people (dialog), ==, offered - 1);
  g_assert_false (zb_recruit_start_dialog_choose (dialog, id));
  gtk_window_destroy (GTK_WINDOW (dialog));
}

/* Every control of the page is reached with Tab: the people, the buttons,
 * each step's removal, the form's fields; each has a name. */
static void
test_keyboard (ZbTestWindow  *f,
               gconstpointer  data)
{
  char *ids[2] = { NULL };
  ZbRecruitView *view;
  gboolean record = FALSE, print = FALSE, remove = FALSE, date = FALSE, save_seen = FALSE;

  open_page (f, ids);
  view = view_of (f);
  g_assert_true (zb_recruit_view_select_person (view, ids[0]));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (view), "recruit.record", NULL));
  zb_test_settle (100);
  g_assert_true (gtk_widget_grab_focus (zb_recruit_view_get_person_row (view, 0)));

  for (guint i = 0; i < 80; i++)
    {
      GtkWidget *focus;
      GtkWidget *button;

      g_assert_true (gtk_widget_child_focus (GTK_WIDGET (f->window), GTK_DIR_TAB_FORWARD));
      focus = gtk_window_get_focus (GTK_WINDOW (f->window));
      if (focus == NULL || !gtk_widget_is_ancestor (focus, GTK_WIDGET (view)))
        continue;
      button = GTK_IS_BUTTON (focus) ? focus : gtk_widget_get_ancestor (focus, GTK_TYPE_BUTTON);
      if (button != NULL && gtk_actionable_get_action_name (GTK_ACTIONABLE (button)) != NULL)
        {
          const char *action = gtk_actionable_get_action_name (GTK_ACTIONABLE (button));

          record |= g_str_equal (action, "recruit.record");
          print |= g_str_equal (action, "recruit.print");
          save_seen |= g_str_equal (action, "recruit.save");
          if (g_str_equal (action, "recruit.remove"))
            {
              /* An icon: its name is in its tooltip and for screen readers. */
              g_assert_nonnull (gtk_widget_get_tooltip_text (button));
              remove = TRUE;
            }
        }
      date |= gtk_widget_get_ancestor (focus, ADW_TYPE_ENTRY_ROW) == part (f, "date_row");
    }
  g_assert_true (record);
  g_assert_true (print);
  g_assert_true (date);
  g_assert_true (save_seen);
  g_assert_true (remove);

  g_free (ids[0]);
  g_free (ids[1]);
}

static gint64
count_reports (ZbTestWindow *f)
{
  g_autoptr(ZbStore) store = zb_test_open_store (f);

  return zb_test_sql_int (store, "SELECT count(*) FROM thought_reports WHERE deleted = 0");
}

static char *
leaving_date (ZbTestWindow *f,
              const char   *id)
{
  g_autoptr(ZbStore) store = zb_test_open_store (f);
  g_autoptr(GError) error = NULL;
  char *date = NULL;

  g_assert_true (zb_store_get_leaving_date (store, id, &date, &error));
  return date;
}

static const char *
issues_text (ZbTestWindow *f)
{
  return gtk_label_get_text (GTK_LABEL (part (f, "issues_label")));
}

static GtkWidget *
first_action_row (GtkWidget *widget)
{
  if (ADW_IS_ACTION_ROW (widget))
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = first_action_row (child);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/* The title of the first row of the reports group. */
static const char *
first_report_title (ZbTestWindow *f)
{
  GtkWidget *row = first_action_row (part (f, "reports_group"));

  g_assert_nonnull (row);
  return adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row));
}

static void
emit_click (ZbTestWindow *f,
            const char   *button)
{
  g_signal_emit_by_name (part (f, button), "clicked");
  g_assert_true (zb_recruit_view_is_busy (view_of (f)));
  wait_for_view (f);
}

/* 王芳, an activist from 2024-07-01: each full quarter without a written
 * report is a warning naming it; a report added through the form is
 * written, listed, and its quarter no longer named; a report without a
 * summary is refused naming the field, nothing written; a removal is
 * undone from its toast. The leaving date typed and applied is stored,
 * cleared when emptied, and a day that is none is refused. */
static void
test_reports (ZbTestWindow  *f,
              gconstpointer  data)
{
  char *ids[2] = { NULL };
  ZbRecruitView *view;
  g_autofree char *third = g_strdup_printf (_("the third quarter of %u"), 2024);
  g_autofree char *fourth = g_strdup_printf (_("the fourth quarter of %u"), 2024);
  g_autofree char *date = NULL, *kept = NULL, *cleared = NULL;
  g_autoptr(ZbStore) store = NULL;
  g_autofree char *report = NULL;

  open_page (f, ids);
  view = view_of (f);
  g_assert_true (zb_recruit_view_select_person (view, ids[1]));
  zb_test_settle (100);
  g_test_message ("%s", issues_text (f));
  g_assert_nonnull (strstr (issues_text (f), third));
  g_assert_nonnull (strstr (issues_text (f), fourth));
  g_assert_cmpstr (first_report_title (f), ==, _("No written report recorded"));

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (view), "recruit.add-report", NULL));
  g_assert_true (gtk_widget_get_visible (part (f, "report_form_group")));
  set_text (f, "report_date_row", "2024-09-10");
  set_text (f, "report_summary_row", "学习党章的体会");
  zb_test_settle (100);
  zb_test_screenshot (GTK_WIDGET (f->window), "recruitment-report.png");
  emit_click (f, "save_report_button");
  g_assert_false (gtk_widget_get_visible (part (f, "report_form_group")));
  g_assert_cmpint (count_reports (f), ==, 1);
  g_assert_cmpstr (first_report_title (f), ==, "学习党章的体会");
  g_assert_null (strstr (issues_text (f), third));
  g_assert_nonnull (strstr (issues_text (f), fourth));

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (view), "recruit.add-report", NULL));
  set_text (f, "report_date_row", "2024-12-10");
  set_text (f, "report_summary_row", "");
  emit_click (f, "save_report_button");
  g_test_message ("refused: %s", gtk_label_get_text (GTK_LABEL (part (f, "report_error"))));
  g_assert_true (gtk_widget_get_visible (part (f, "report_error")));
  g_assert_true (g_str_has_prefix (gtk_label_get_text (GTK_LABEL (part (f, "report_error"))),
                                   _("Report summary")));
  g_assert_true (gtk_widget_get_visible (part (f, "report_form_group")));
  g_assert_cmpint (count_reports (f), ==, 1);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (view), "recruit.cancel-report", NULL));

  store = zb_test_open_store (f);
  report = zb_test_sql_text (store, "SELECT id FROM thought_reports");
  g_clear_object (&store);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (view), "recruit.remove-report", "s",
                                             report));
  wait_for_view (f);
  g_assert_cmpint (count_reports (f), ==, 0);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (view), "recruit.undo-remove-report",
                                             NULL));
  wait_for_view (f);
  g_assert_cmpint (count_reports (f), ==, 1);

  set_text (f, "leaving_row", "2026-09-30");
  g_signal_emit_by_name (part (f, "leaving_row"), "apply");
  wait_for_view (f);
  date = leaving_date (f, ids[1]);
  g_assert_cmpstr (date, ==, "2026-09-30");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (part (f, "leaving_row"))), ==,
                   "2026-09-30");
  set_text (f, "leaving_row", "2026-13-01");
  g_signal_emit_by_name (part (f, "leaving_row"), "apply");
  wait_for_view (f);
  kept = leaving_date (f, ids[1]);
  g_assert_cmpstr (kept, ==, "2026-09-30");
  set_text (f, "leaving_row", "");
  g_signal_emit_by_name (part (f, "leaving_row"), "apply");
  wait_for_view (f);
  cleared = leaving_date (f, ids[1]);
  g_assert_null (cleared);
  zb_test_settle (100);
  zb_test_screenshot (GTK_WIDGET (f->window), "recruitment-reports.png");

  g_free (ids[0]);
  g_free (ids[1]);
}

static gboolean
preview_loaded (gpointer data)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GObject) window = g_list_model_get_item (toplevels, i);

      if (ZB_IS_PDF_PREVIEW (window) && gtk_widget_get_mapped (GTK_WIDGET (window)) &&
          !zb_pdf_preview_is_loading (ZB_PDF_PREVIEW (window)))
        {
          *(ZbPdfPreview **) data = ZB_PDF_PREVIEW (window);
          return TRUE;
        }
    }
  return FALSE;
}

/* The chosen person's checklist opens in the print preview, built. */
static void
test_print (ZbTestWindow  *f,
            gconstpointer  data)
{
  char *ids[2] = { NULL };
  ZbRecruitView *view;
  ZbPdfPreview *preview = NULL;

  open_page (f, ids);
  view = view_of (f);
  g_assert_true (zb_recruit_view_select_person (view, ids[1]));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (view), "recruit.print", NULL));
  zb_test_wait_for (preview_loaded, &preview, 60);
  g_assert_nonnull (preview);
  g_assert_null (zb_pdf_preview_get_error (preview));
  g_assert_nonnull (zb_pdf_preview_get_pdf (preview));
  g_assert_cmpuint (zb_pdf_preview_get_n_pages (preview), >=, 1);
  gtk_window_destroy (GTK_WINDOW (preview));

  g_free (ids[0]);
  g_free (ids[1]);
}

int
main (int   argc,
      char *argv[])
{
  zb_test_gui_init (&argc, &argv);

  g_test_add ("/recruit-view/record", ZbTestWindow, NULL, zb_test_window_set_up, test_record,
              zb_test_window_tear_down);
  g_test_add ("/recruit-view/start", ZbTestWindow, NULL, zb_test_window_set_up, test_start,
              zb_test_window_tear_down);
  g_test_add ("/recruit-view/print", ZbTestWindow, NULL, zb_test_window_set_up, test_print,
              zb_test_window_tear_down);
  g_test_add ("/recruit-view/keyboard", ZbTestWindow, NULL, zb_test_window_set_up, test_keyboard,
              zb_test_window_tear_down);
  g_test_add ("/recruit-view/reports", ZbTestWindow, NULL, zb_test_window_set_up, test_reports,
              zb_test_window_tear_down);

  return g_test_run ();
}
