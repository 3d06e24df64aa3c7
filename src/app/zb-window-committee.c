#define G_LOG_DOMAIN "zb-window-committee"

#include "config.h"

#include "zb-committee-window.h"
#include "zb-window-private.h"

/* The window's way to the branch committee: the primary menu opens it. */

ZbCommitteeWindow *
zb_window_show_committee (ZbWindow *self)
{
  ZbStore *store = zb_context_get_store (self->context);
  ZbCommitteeWindow *window;

  g_return_val_if_fail (store != NULL, NULL);

  window = zb_committee_window_new (store);
  gtk_window_set_transient_for (GTK_WINDOW (window), GTK_WINDOW (self));
  gtk_window_present (GTK_WINDOW (window));
  return window;
}

static void
committee_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  if (zb_context_get_store (ZB_WINDOW (widget)->context) != NULL)
    zb_window_show_committee (ZB_WINDOW (widget));
}

void
zb_window_class_init_committee (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "win.committee", NULL, committee_action);
}
