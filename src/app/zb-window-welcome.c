#define G_LOG_DOMAIN "zb-window-welcome"

#include "config.h"

#include <glib/gi18n.h>

#include "zb-window-private.h"

/* The first run, in three steps of the welcome page: the branch (name,
 * higher committee, secretary), how its key is kept, then its members from
 * a spreadsheet or none yet. Each step says what it is for and has a way
 * back or on; the demo branch is offered from the first. The import itself
 * is the menu's (zb-window-sheets.c). */

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

void
zb_window_class_init_welcome (GtkWidgetClass *widget_class)
{
  gtk_widget_class_bind_template_callback (widget_class, welcome_next_cb);
  gtk_widget_class_bind_template_callback (widget_class, welcome_create_cb);
  gtk_widget_class_install_action (widget_class, "win.welcome-next", NULL, welcome_next_action);
  gtk_widget_class_install_action (widget_class, "win.welcome-back", NULL, welcome_back_action);
  gtk_widget_class_install_action (widget_class, "win.welcome-finish", NULL,
                                   welcome_finish_action);
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
