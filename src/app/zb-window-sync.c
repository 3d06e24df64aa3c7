#define G_LOG_DOMAIN "zb-window-sync"

#include "config.h"

#include <glib/gi18n.h>

#include "zb-conflicts-window.h"
#include "zb-sync-settings.h"
#include "zb-window-private.h"

/* The window's side of sync: the header bar's indicator and what it
 * opens. The rounds themselves belong to the context's sync service. */

static ZbSyncService *
service (ZbWindow *self)
{
  return zb_context_get_sync_service (self->context);
}

static void
sync_now_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  zb_sync_service_sync_now (service (ZB_WINDOW (widget)));
}

/* A pick is a local change: sent at once. */
static void
conflict_resolved_cb (ZbWindow *self)
{
  zb_sync_service_sync_now (service (self));
}

ZbConflictsWindow *
zb_window_show_conflicts (ZbWindow *self)
{
  ZbStore *store = zb_context_get_store (self->context);
  ZbConflictsWindow *window;

  g_return_val_if_fail (store != NULL, NULL);

  window = zb_conflicts_window_new (store);
  gtk_window_set_transient_for (GTK_WINDOW (window), GTK_WINDOW (self));
  g_signal_connect_object (window, "resolved", G_CALLBACK (conflict_resolved_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (window));
  return window;
}

static void
show_conflicts_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  if (zb_context_get_store (ZB_WINDOW (widget)->context) != NULL)
    zb_window_show_conflicts (ZB_WINDOW (widget));
}

ZbSyncSettings *
zb_window_show_sync_settings (ZbWindow *self)
{
  ZbSyncSettings *settings = zb_sync_settings_new (service (self),
                                                   zb_context_get_settings (self->context));

  gtk_window_set_transient_for (GTK_WINDOW (settings), GTK_WINDOW (self));
  gtk_window_present (GTK_WINDOW (settings));
  return settings;
}

static void
sync_settings_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  zb_window_show_sync_settings (ZB_WINDOW (widget));
}

/* The 同步 section, where the header's indicator leads before this PC is
 * enrolled. */
static void
show_sync_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  ZbWindow *self = ZB_WINDOW (widget);

  if (zb_context_get_store (self->context) == NULL)
    return;
  zb_window_show_view (self, "sync");
  adw_leaflet_set_visible_child (self->leaflet, self->content);
}

/* Sync Now syncs, or is not offered: never a button that does nothing. */
static void
service_changed_cb (ZbWindow *self)
{
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.sync-now",
                                 zb_sync_service_is_enrolled (service (self)));
}

void
zb_window_class_init_sync (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "win.show-sync", NULL, show_sync_action);
  gtk_widget_class_install_action (widget_class, "win.sync-now", NULL, sync_now_action);
  gtk_widget_class_install_action (widget_class, "win.show-conflicts", NULL,
                                   show_conflicts_action);
  gtk_widget_class_install_action (widget_class, "win.sync-settings", NULL, sync_settings_action);
}

void
zb_window_init_sync (ZbWindow *self)
{
  zb_sync_indicator_set_service (self->sync_indicator, service (self));
  g_signal_connect_object (service (self), "changed", G_CALLBACK (service_changed_cb), self,
                           G_CONNECT_SWAPPED);
  service_changed_cb (self);
}

ZbSyncIndicator *
zb_window_get_sync_indicator (ZbWindow *self)
{
  return self->sync_indicator;
}
