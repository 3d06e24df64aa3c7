#define G_LOG_DOMAIN "zb-window-welcome"

#include "config.h"

#include <glib/gi18n.h>

#include "zb-member-csv.h"
#include "zb-window-private.h"

/* The first run, in three steps of the welcome page: the branch (name,
 * higher committee, secretary), how its key is kept, then its members from
 * a spreadsheet or none yet. Each step says what it is for and has a way
 * back or on; the demo branch is offered from the first. */

typedef struct
{
  ZbStore *store;
  char    *path;
  guint    n_imported;
} ImportJob;

static void
import_job_free (ImportJob *job)
{
  g_clear_object (&job->store);
  g_free (job->path);
  g_free (job);
}

static void
show_step (ZbWindow   *self,
           const char *step,
           GtkWidget  *focus)
{
  gtk_stack_set_visible_child_name (self->welcome_steps, step);
  gtk_widget_grab_focus (focus);
}

static void
welcome_next_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  ZbWindow *self = ZB_WINDOW (widget);
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->branch_row));
  g_autofree char *name = g_strstrip (g_strdup (text));

  if (*name == '\0')
    {
      zb_window_show_error (self->branch_error,
                            _("Branch name: enter the branch’s name, as its documents give it."));
      gtk_widget_grab_focus (GTK_WIDGET (self->branch_row));
      return;
    }
  zb_window_show_error (self->branch_error, NULL);
  self->welcome_demo = FALSE;
  show_step (self, "key", GTK_WIDGET (self->passphrase_switch));
}

static void
welcome_back_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  ZbWindow *self = ZB_WINDOW (widget);

  zb_window_show_error (self->welcome_error, NULL);
  self->welcome_demo = FALSE;
  show_step (self, "branch", GTK_WIDGET (self->branch_row));
}

/* Enter in a row of the first step goes on, as the Next button does. */
static void
welcome_next_cb (ZbWindow *self)
{
  gtk_widget_activate_action (GTK_WIDGET (self), "win.welcome-next", NULL);
}

static void
welcome_create_cb (ZbWindow *self)
{
  gtk_widget_activate_action (GTK_WIDGET (self), "win.create-database", NULL);
}

static void
welcome_finish_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  ZbWindow *self = ZB_WINDOW (widget);

  if (zb_context_get_store (self->context) != NULL && !self->importing)
    zb_window_show_roster (self);
}

static void
set_importing (ZbWindow *self,
               gboolean  importing)
{
  self->importing = importing;
  gtk_widget_set_visible (GTK_WIDGET (self->import_spinner), importing);
  gtk_spinner_set_spinning (self->import_spinner, importing);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.welcome-import", !importing);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.welcome-finish", !importing);
}

/* All or nothing: zb_member_import_file() adds every row in one
 * transaction, or none when a row is wrong. */
static void
import_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  ImportJob *job = task_data;
  GError *error = NULL;

  if (zb_member_import_file (job->store, job->path, ZB_CSV_ENCODING_AUTO, &job->n_imported, NULL,
                             &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

static void
imported_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  ZbWindow *self = ZB_WINDOW (object);
  ImportJob *job = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;

  if (!g_task_propagate_boolean (G_TASK (result), &error) &&
      g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  set_importing (self, FALSE);
  if (error != NULL)
    {
      g_autofree char *name = g_filename_display_name (job->path);
      /* TRANSLATORS: %s is the spreadsheet; the reasons, row by row, follow */
      g_autofree char *head = g_strdup_printf (_("Nothing was imported from %s. Put these right "
                                                 "in the spreadsheet and import it again:"),
                                               name);

      message = g_strdup_printf ("%s\n%s", head, error->message);
      zb_window_show_error (self->import_error, message);
      gtk_widget_grab_focus (self->import_button);
      return;
    }

  zb_window_show_error (self->import_error, NULL);
  zb_window_show_roster (self);
  /* TRANSLATORS: members imported from a spreadsheet, with digit grouping */
  message = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Imported %'u member",
                                          "Imported %'u members", job->n_imported),
                             job->n_imported);
  adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (message));
}

/* Imports the roster at @path into the new branch, off the main thread;
 * the roster follows, or the rows at fault are listed on the step. */
gboolean
zb_window_import_roster (ZbWindow   *self,
                         const char *path)
{
  ZbStore *store = zb_context_get_store (self->context);
  g_autoptr(GTask) task = NULL;
  ImportJob *job;

  g_return_val_if_fail (ZB_IS_WINDOW (self), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  if (store == NULL || self->importing)
    return FALSE;

  job = g_new0 (ImportJob, 1);
  job->store = g_object_ref (store);
  job->path = g_strdup (path);
  task = g_task_new (self, self->cancellable, imported_cb, NULL);
  g_task_set_source_tag (task, zb_window_import_roster);
  g_task_set_task_data (task, job, (GDestroyNotify) import_job_free);
  zb_window_show_error (self->import_error, NULL);
  set_importing (self, TRUE);
  g_task_run_in_thread (task, import_thread);
  return TRUE;
}

static void
import_chosen_cb (ZbWindow             *self,
                  int                   response,
                  GtkFileChooserNative *chooser)
{
  g_autoptr(GFile) file = NULL;

  if (response == GTK_RESPONSE_ACCEPT &&
      (file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser))) != NULL)
    {
      g_autofree char *path = g_file_get_path (file);

      zb_window_import_roster (self, path);
    }
  g_clear_object (&self->import_chooser);
}

static GtkFileFilter *
new_filter (const char  *name,
            const char **patterns)
{
  GtkFileFilter *filter = gtk_file_filter_new ();

  gtk_file_filter_set_name (filter, name);
  for (; *patterns != NULL; patterns++)
    gtk_file_filter_add_suffix (filter, *patterns);
  return filter;
}

static void
welcome_import_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  ZbWindow *self = ZB_WINDOW (widget);
  const char *sheets[] = { "xlsx", "xls", "csv", NULL };
  g_autoptr(GtkFileFilter) filter = new_filter (_("Spreadsheets (.xlsx, .xls, .csv)"), sheets);
  GtkFileChooserNative *chooser;

  if (zb_context_get_store (self->context) == NULL || self->importing)
    return;
  chooser = gtk_file_chooser_native_new (_("Import a Roster"), GTK_WINDOW (self),
                                         GTK_FILE_CHOOSER_ACTION_OPEN, _("_Import"),
                                         _("_Cancel"));
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), filter);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  g_signal_connect_object (chooser, "response", G_CALLBACK (import_chosen_cb), self,
                           G_CONNECT_SWAPPED);
  g_clear_object (&self->import_chooser);
  self->import_chooser = GTK_NATIVE_DIALOG (chooser);
  gtk_native_dialog_show (self->import_chooser);
}

void
zb_window_class_init_welcome (GtkWidgetClass *widget_class)
{
  gtk_widget_class_bind_template_callback (widget_class, welcome_next_cb);
  gtk_widget_class_bind_template_callback (widget_class, welcome_create_cb);
  gtk_widget_class_install_action (widget_class, "win.welcome-next", NULL, welcome_next_action);
  gtk_widget_class_install_action (widget_class, "win.welcome-back", NULL, welcome_back_action);
  gtk_widget_class_install_action (widget_class, "win.welcome-import", NULL,
                                   welcome_import_action);
  gtk_widget_class_install_action (widget_class, "win.welcome-finish", NULL,
                                   welcome_finish_action);
}

void
zb_window_dispose_welcome (ZbWindow *self)
{
  if (self->import_chooser != NULL)
    gtk_native_dialog_destroy (self->import_chooser);
  g_clear_object (&self->import_chooser);
}

const char *
zb_window_get_welcome_step (ZbWindow *self)
{
  g_return_val_if_fail (ZB_IS_WINDOW (self), NULL);

  return gtk_stack_get_visible_child_name (self->welcome_steps);
}

gboolean
zb_window_is_importing (ZbWindow *self)
{
  g_return_val_if_fail (ZB_IS_WINDOW (self), FALSE);

  return self->importing;
}

GtkWidget *
zb_window_get_import_error (ZbWindow *self)
{
  g_return_val_if_fail (ZB_IS_WINDOW (self), NULL);

  return GTK_WIDGET (self->import_error);
}
