#define G_LOG_DOMAIN "zb-window-print"

#include "config.h"

#include "zb-print.h"
#include "zb-window-private.h"

/* The window's way to the archive binder and the roster on paper: the
 * primary menu asks for the period, or whether to unmask, then previews. */

static void
print_binder_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  ZbStore *store = zb_context_get_store (ZB_WINDOW (widget)->context);

  if (store != NULL)
    zb_print_choose_binder (GTK_WINDOW (widget), store);
}

static void
print_roster_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  ZbStore *store = zb_context_get_store (ZB_WINDOW (widget)->context);

  if (store != NULL)
    zb_print_choose_roster (GTK_WINDOW (widget), store);
}

void
zb_window_class_init_print (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "win.print-binder", NULL, print_binder_action);
  gtk_widget_class_install_action (widget_class, "win.print-roster", NULL, print_roster_action);
}
