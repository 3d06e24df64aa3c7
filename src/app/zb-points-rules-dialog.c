#define G_LOG_DOMAIN "zb-points-rules-dialog"

#include "config.h"

#include <glib/gi18n.h>

#include "zb-points-line.h"
#include "zb-points-rules-dialog.h"

/* The branch's points rule set (zb-points.c: no national regulation sets
 * points; each branch keeps its own): points per meeting attended, per hour
 * of study, per lecture given, per hour of volunteer service, and the
 * yearly cap. A figure that is not a number of points is refused here,
 * naming its field; the store checks the ranges and writes the set in a
 * worker thread, and "saved" tells the page to count again. */

struct _ZbPointsRulesDialog
{
  AdwWindow     parent_instance;

  GtkEditable  *meeting_entry;
  GtkEditable  *study_entry;
  GtkEditable  *lecture_entry;
  GtkEditable  *volunteer_entry;
  GtkEditable  *cap_entry;
  GtkLabel     *error_label;
  GtkWidget    *save_button;

  ZbStore      *store;
  GtkWidget    *error_row;
  GCancellable *cancellable;
  gboolean      saving;
};

enum
{
  SAVED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (ZbPointsRulesDialog, zb_points_rules_dialog, ADW_TYPE_WINDOW)

/* Each field, in the order of zb_points_rule_keys (), with the name its
 * errors give it. */
static GtkEditable *
entry_of (ZbPointsRulesDialog *self,
          guint                i)
{
  GtkEditable *entries[] = { self->meeting_entry, self->study_entry, self->lecture_entry,
                             self->volunteer_entry, self->cap_entry };

  g_assert (i < G_N_ELEMENTS (entries));
  return entries[i];
}

static const char * const field_names[] = {
  N_("Points per meeting attended"), N_("Points per hour of study"),
  N_("Points per lecture given"), N_("Points per hour of volunteer service"),
  N_("Yearly cap of points"),
};

static void
show_error (ZbPointsRulesDialog *self,
            const char          *message,
            GtkWidget           *row)
{
  gtk_label_set_text (self->error_label, message != NULL ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), message != NULL);
  if (self->error_row != NULL)
    gtk_widget_remove_css_class (self->error_row, "error");
  self->error_row = row;
  if (row != NULL)
    {
      gtk_widget_add_css_class (row, "error");
      gtk_widget_grab_focus (row);
    }
}

static void
set_saving (ZbPointsRulesDialog *self,
            gboolean             saving)
{
  self->saving = saving;
  gtk_widget_set_sensitive (self->save_button, !saving);
}

static void
save_thread (GTask        *task,
             gpointer      source,
             gpointer      task_data,
             GCancellable *cancellable)
{
  GError *error = NULL;

  if (zb_store_set_points_rules (source, task_data, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

static void
save_done_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(ZbPointsRulesDialog) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!g_task_propagate_boolean (G_TASK (result), &error) &&
      g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  set_saving (self, FALSE);
  if (error != NULL)
    {
      show_error (self, error->message, NULL);
      return;
    }
  g_signal_emit (self, signals[SAVED], 0);
  gtk_window_destroy (GTK_WINDOW (self));
}

/* The rule set the fields give; FALSE, with the field named, when one is
 * not a number of points. */
static gboolean
form_rules (ZbPointsRulesDialog *self,
            ZbPointsRules       *rules)
{
  gint64 *slots[] = { &rules->meeting, &rules->study_hour, &rules->lecture,
                      &rules->volunteer_hour, &rules->cap };

  for (guint i = 0; i < G_N_ELEMENTS (slots); i++)
    {
      g_autofree char *text = g_strstrip (g_strdup (gtk_editable_get_text (entry_of (self, i))));
      g_autofree char *message = NULL;

      if (zb_points_parse_tenths (text, slots[i]))
        continue;
      /* TRANSLATORS: a rule's name, then the figure written */
      message = g_strdup_printf (_("%1$s: “%2$s” is not a number of points; write it as 2 or "
                                   "1.5"), _(field_names[i]), text);
      show_error (self, message, GTK_WIDGET (entry_of (self, i)));
      return FALSE;
    }
  return TRUE;
}

static void
save_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  ZbPointsRulesDialog *self = ZB_POINTS_RULES_DIALOG (widget);
  g_autoptr(GTask) task = NULL;
  ZbPointsRules *rules = g_new0 (ZbPointsRules, 1);

  if (self->saving)
    {
      g_free (rules);
      return;
    }
  show_error (self, NULL, NULL);
  if (!form_rules (self, rules))
    {
      g_free (rules);
      return;
    }
  set_saving (self, TRUE);
  task = g_task_new (self->store, self->cancellable, save_done_cb, g_object_ref (self));
  g_task_set_source_tag (task, save_action);
  g_task_set_task_data (task, rules, g_free);
  g_task_run_in_thread (task, save_thread);
}

static void
zb_points_rules_dialog_dispose (GObject *object)
{
  ZbPointsRulesDialog *self = ZB_POINTS_RULES_DIALOG (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->store);
  self->error_row = NULL;

  G_OBJECT_CLASS (zb_points_rules_dialog_parent_class)->dispose (object);
}

static void
zb_points_rules_dialog_class_init (ZbPointsRulesDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = zb_points_rules_dialog_dispose;

  signals[SAVED] = g_signal_new ("saved", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL,
                                 NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/zhibu/Zhibu/ui/"
                                               "zb-points-rules-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, ZbPointsRulesDialog, meeting_entry);
  gtk_widget_class_bind_template_child (widget_class, ZbPointsRulesDialog, study_entry);
  gtk_widget_class_bind_template_child (widget_class, ZbPointsRulesDialog, lecture_entry);
  gtk_widget_class_bind_template_child (widget_class, ZbPointsRulesDialog, volunteer_entry);
  gtk_widget_class_bind_template_child (widget_class, ZbPointsRulesDialog, cap_entry);
  gtk_widget_class_bind_template_child (widget_class, ZbPointsRulesDialog, error_label);
  gtk_widget_class_bind_template_child (widget_class, ZbPointsRulesDialog, save_button);

  gtk_widget_class_install_action (widget_class, "rules.save", NULL, save_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
zb_points_rules_dialog_init (ZbPointsRulesDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->cancellable = g_cancellable_new ();
}

/* A dialog changing the branch's rule set in @store, its fields first
 * holding @rules. */
ZbPointsRulesDialog *
zb_points_rules_dialog_new (ZbStore             *store,
                            const ZbPointsRules *rules)
{
  ZbPointsRulesDialog *self = g_object_new (ZB_TYPE_POINTS_RULES_DIALOG, NULL);
  const char * const *keys = zb_points_rule_keys ();

  self->store = g_object_ref (store);
  for (guint i = 0; keys[i] != NULL; i++)
    {
      g_autofree char *text = zb_points_format (zb_points_rules_get (rules, keys[i]));

      gtk_editable_set_text (entry_of (self, i), text);
    }
  gtk_window_set_focus (GTK_WINDOW (self), GTK_WIDGET (self->meeting_entry));
  return self;
}

gboolean
zb_points_rules_dialog_is_saving (ZbPointsRulesDialog *self)
{
  g_return_val_if_fail (ZB_IS_POINTS_RULES_DIALOG (self), FALSE);

  return self->saving;
}

/* The refusal shown, or NULL. */
const char *
zb_points_rules_dialog_get_error (ZbPointsRulesDialog *self)
{
  g_return_val_if_fail (ZB_IS_POINTS_RULES_DIALOG (self), NULL);

  return gtk_widget_get_visible (GTK_WIDGET (self->error_label))
         ? gtk_label_get_text (self->error_label) : NULL;
}
