#define G_LOG_DOMAIN "zb-window-preferences"

#include "config.h"

#include <glib/gi18n.h>

#include "zb-preferences-window.h"
#include "zb-window-private.h"

/* The window's side of the preferences: it opens them, and follows what
 * they change (the branch's name, the thresholds, a restored database). */

static void
branch_changed_cb (ZbWindow *self)
{
  zb_window_update_title (self);
}

static void
thresholds_changed_cb (ZbWindow *self)
{
  /* A view not built yet reads them when it is. */
  if (self->compliance_view != NULL)
    zb_compliance_view_reload (self->compliance_view);
  if (self->meetings_view != NULL)
    zb_meetings_view_reload (self->meetings_view);
}

static void
restored_cb (ZbWindow *self)
{
  zb_window_reopen (self);
}

ZbPreferencesWindow *
zb_window_show_preferences (ZbWindow *self)
{
  ZbPreferencesWindow *preferences;

  g_return_val_if_fail (zb_context_get_store (self->context) != NULL, NULL);

  preferences = zb_preferences_window_new (self->context, self->key);
  gtk_window_set_transient_for (GTK_WINDOW (preferences), GTK_WINDOW (self));
  g_signal_connect_object (preferences, "branch-changed", G_CALLBACK (branch_changed_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (preferences, "thresholds-changed", G_CALLBACK (thresholds_changed_cb),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (preferences, "restored", G_CALLBACK (restored_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (preferences));
  return preferences;
}

static void
preferences_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  /* Before a database is open there is nothing to set. */
  if (zb_context_get_store (ZB_WINDOW (widget)->context) != NULL)
    zb_window_show_preferences (ZB_WINDOW (widget));
}

void
zb_window_class_init_preferences (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "win.preferences", NULL, preferences_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_comma, GDK_CONTROL_MASK,
                                       "win.preferences", NULL);
}
