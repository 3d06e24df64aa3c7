/* zb-recruit-start-dialog.c: starting a person's recruitment file with
 * their application (递交入党申请书, S01)
 *
 * Copyright 2026 The Zhibu authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "zb-recruit-start-dialog"

#include "config.h"

#include <glib/gi18n.h>

#include "zb-date.h"
#include "zb-recruit-start-dialog.h"
#include "zb-widget-util.h"

/* A person's file in the recruitment pipeline starts with the first step
 * of the Recruitment Rules, the application handed in (S01, DOMAIN.md
 * section 1). The dialog offers the people on the roster a file can be
 * started for (zb_store_list_recruit_starters(): not yet in the Party, no
 * step recorded), read in a worker thread, and records the step in one
 * transaction in another, which also sets the person's record as the steps
 * read. A person not on the roster is added there first, as an applicant.
 * A date or document the store refuses is marked and focused, its message
 * under the fields. */

#define APPLICATION_STEP "S01"

struct _ZbRecruitStartDialog
{
  AdwWindow      parent_instance;

  AdwComboRow   *person_row;
  GtkEditable   *date_entry;
  GtkEditable   *document_entry;
  GtkWidget     *fields;
  GtkLabel      *none_label;
  GtkLabel      *error_label;
  GtkWidget     *save_button;

  ZbStore       *store;
  GCancellable  *cancellable;
  GListModel    *people;        /* ZbMember, as the person row lists them */
  GtkWidget     *error_field;   /* the field marked, or NULL */
  guint          busy;
};

enum
{
  SAVED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (ZbRecruitStartDialog, zb_recruit_start_dialog, ADW_TYPE_WINDOW)

static gboolean
has_people (ZbRecruitStartDialog *self)
{
  return self->people != NULL && g_list_model_get_n_items (self->people) > 0;
}

static void
set_busy (ZbRecruitStartDialog *self,
          gboolean              busy)
{
  self->busy += busy ? 1 : -1;
  gtk_widget_set_sensitive (self->save_button, self->busy == 0 && has_people (self));
}

/* @message under the fields, and @field (if any) marked and focused. */
static void
show_error (ZbRecruitStartDialog *self,
            GtkWidget            *field,
            const char           *message)
{
  zb_form_show_error (&self->error_field, field, self->error_label, message);
}

/* The field a refusal names: the step's document, else its date, which
 * every other rule of an application is about (the dates in order, 18
 * full years at the application, no day in the future). */
static GtkWidget *
field_of (ZbRecruitStartDialog *self,
          const GError         *error)
{
  if (g_str_has_prefix (error->message, _("Document")))
    return GTK_WIDGET (self->document_entry);
  return GTK_WIDGET (self->date_entry);
}

/* ---- the people ------------------------------------------------------- */

static void
load_thread (GTask        *task,
             gpointer      source,
             gpointer      task_data,
             GCancellable *cancellable)
{
  GError *error = NULL;
  GListModel *people = zb_store_list_recruit_starters (source, &error);

  if (people != NULL)
    g_task_return_pointer (task, people, g_object_unref);
  else
    g_task_return_error (task, error);
}

/* A person as the list shows them: the name and the category, which tells
 * two of the same name apart and says how far they have come. */
static char *
person_label (ZbMember *member)
{
  const char *category = zb_member_get (member, ZB_MEMBER_FIELD_CATEGORY);

  /* TRANSLATORS: a person to start a recruitment file for: the name and
   * the category, such as 入党积极分子 */
  return g_strdup_printf (C_("recruit person", "%1$s (%2$s)"),
                          zb_member_get (member, ZB_MEMBER_FIELD_NAME),
                          zb_member_enum_label (ZB_MEMBER_FIELD_CATEGORY, category));
}

static void
show_people (ZbRecruitStartDialog *self)
{
  g_autoptr(GtkStringList) labels = gtk_string_list_new (NULL);
  guint n = g_list_model_get_n_items (self->people);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(ZbMember) member = g_list_model_get_item (self->people, i);
      g_autofree char *label = person_label (member);

      gtk_string_list_append (labels, label);
    }
  adw_combo_row_set_model (self->person_row, G_LIST_MODEL (labels));
  gtk_widget_set_visible (self->fields, n > 0);
  gtk_widget_set_visible (GTK_WIDGET (self->none_label), n == 0);
  if (n > 0)
    gtk_widget_grab_focus (GTK_WIDGET (self->person_row));
}

static void
load_done_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(ZbRecruitStartDialog) self = user_data;
  g_autoptr(GError) error = NULL;
  GListModel *people = g_task_propagate_pointer (G_TASK (result), &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  g_clear_object (&self->people);
  self->people = people;
  if (people != NULL)
    show_people (self);
  else
    show_error (self, NULL, error->message);
  set_busy (self, FALSE);
}

static void
load (ZbRecruitStartDialog *self)
{
  g_autoptr(GTask) task = g_task_new (self->store, self->cancellable, load_done_cb,
                                      g_object_ref (self));

  g_task_set_source_tag (task, load);
  set_busy (self, TRUE);
  g_task_run_in_thread (task, load_thread);
}

/* ---- saving ----------------------------------------------------------- */

static void
save_thread (GTask        *task,
             gpointer      source,
             gpointer      task_data,
             GCancellable *cancellable)
{
  GError *error = NULL;
  char *id = zb_store_add_recruit_step (source, task_data, &error);

  if (id != NULL)
    g_task_return_pointer (task, id, g_free);
  else
    g_task_return_error (task, error);
}

static void
save_done_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(ZbRecruitStartDialog) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *id = g_task_propagate_pointer (G_TASK (result), &error);
  ZbRecruitStep *step = g_task_get_task_data (G_TASK (result));

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  set_busy (self, FALSE);
  if (id == NULL)
    {
      show_error (self, field_of (self, error), error->message);
      return;
    }
  g_signal_emit (self, signals[SAVED], 0, zb_recruit_step_get_person_id (step));
  gtk_window_destroy (GTK_WINDOW (self));
}

/* The chosen person's application on the day typed, the way offices write
 * dates (2026.3.5, 2026年3月5日) read as one; what is no date goes to the
 * store as typed, to be refused with the field named. */
static ZbRecruitStep *
form_step (ZbRecruitStartDialog *self)
{
  g_autoptr(ZbMember) member = g_list_model_get_item (self->people,
                                                      adw_combo_row_get_selected (
                                                        self->person_row));
  g_autofree char *date = zb_date_normalise_or_typed (gtk_editable_get_text (self->date_entry));
  ZbRecruitStep *step = zb_recruit_step_new (zb_member_get_id (member), APPLICATION_STEP, date);

  zb_recruit_step_set_document (step, zb_editable_text_or_null (self->document_entry));
  return step;
}

static void
save_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  ZbRecruitStartDialog *self = ZB_RECRUIT_START_DIALOG (widget);
  g_autoptr(GTask) task = NULL;

  if (self->busy > 0 || !has_people (self) ||
      adw_combo_row_get_selected (self->person_row) == GTK_INVALID_LIST_POSITION)
    return;
  show_error (self, NULL, NULL);
  task = g_task_new (self->store, self->cancellable, save_done_cb, g_object_ref (self));
  g_task_set_source_tag (task, save_action);
  g_task_set_task_data (task, form_step (self), g_object_unref);
  set_busy (self, TRUE);
  g_task_run_in_thread (task, save_thread);
}

/* ---- the widget ------------------------------------------------------- */

static void
zb_recruit_start_dialog_dispose (GObject *object)
{
  ZbRecruitStartDialog *self = ZB_RECRUIT_START_DIALOG (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->store);
  g_clear_object (&self->people);

  G_OBJECT_CLASS (zb_recruit_start_dialog_parent_class)->dispose (object);
}

static void
zb_recruit_start_dialog_class_init (ZbRecruitStartDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = zb_recruit_start_dialog_dispose;

  /* The ID of the person whose file was started. */
  signals[SAVED] = g_signal_new ("saved", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL,
                                 NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/zhibu/Zhibu/ui/"
                                               "zb-recruit-start-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, ZbRecruitStartDialog, person_row);
  gtk_widget_class_bind_template_child (widget_class, ZbRecruitStartDialog, date_entry);
  gtk_widget_class_bind_template_child (widget_class, ZbRecruitStartDialog, document_entry);
  gtk_widget_class_bind_template_child (widget_class, ZbRecruitStartDialog, fields);
  gtk_widget_class_bind_template_child (widget_class, ZbRecruitStartDialog, none_label);
  gtk_widget_class_bind_template_child (widget_class, ZbRecruitStartDialog, error_label);
  gtk_widget_class_bind_template_child (widget_class, ZbRecruitStartDialog, save_button);

  gtk_widget_class_install_action (widget_class, "start.save", NULL, save_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
zb_recruit_start_dialog_init (ZbRecruitStartDialog *self)
{
  g_autofree char *today = zb_date_today_iso ();

  gtk_widget_init_template (GTK_WIDGET (self));
  self->cancellable = g_cancellable_new ();
  gtk_editable_set_text (self->date_entry, today);
  /* The document's name on paper, in Chinese whatever the language shown. */
  gtk_editable_set_text (self->document_entry, "入党申请书");
}

/* A dialog starting the file of a person on the roster of @store. */
ZbRecruitStartDialog *
zb_recruit_start_dialog_new (ZbStore *store)
{
  ZbRecruitStartDialog *self = g_object_new (ZB_TYPE_RECRUIT_START_DIALOG, NULL);

  self->store = g_object_ref (store);
  load (self);
  return self;
}

/* Reading the people or saving. */
gboolean
zb_recruit_start_dialog_is_busy (ZbRecruitStartDialog *self)
{
  g_return_val_if_fail (ZB_IS_RECRUIT_START_DIALOG (self), FALSE);

  return self->busy > 0;
}

/* How many people a file can be started for, as read. */
guint
zb_recruit_start_dialog_get_n_people (ZbRecruitStartDialog *self)
{
  g_return_val_if_fail (ZB_IS_RECRUIT_START_DIALOG (self), 0);

  return self->people != NULL ? g_list_model_get_n_items (self->people) : 0;
}

/* Chooses the person of @person_id, if listed. */
gboolean
zb_recruit_start_dialog_choose (ZbRecruitStartDialog *self,
                                const char           *person_id)
{
  g_return_val_if_fail (ZB_IS_RECRUIT_START_DIALOG (self), FALSE);

  for (guint i = 0; i < zb_recruit_start_dialog_get_n_people (self); i++)
    {
      g_autoptr(ZbMember) member = g_list_model_get_item (self->people, i);

      if (g_strcmp0 (zb_member_get_id (member), person_id) == 0)
        {
          adw_combo_row_set_selected (self->person_row, i);
          return TRUE;
        }
    }
  return FALSE;
}

/* The refusal shown, or NULL. */
const char *
zb_recruit_start_dialog_get_error (ZbRecruitStartDialog *self)
{
  g_return_val_if_fail (ZB_IS_RECRUIT_START_DIALOG (self), NULL);

  return gtk_widget_get_visible (GTK_WIDGET (self->error_label))
         ? gtk_label_get_text (self->error_label) : NULL;
}

/* The field the refusal marks, or NULL. */
GtkWidget *
zb_recruit_start_dialog_get_error_field (ZbRecruitStartDialog *self)
{
  g_return_val_if_fail (ZB_IS_RECRUIT_START_DIALOG (self), NULL);

  return self->error_field;
}
