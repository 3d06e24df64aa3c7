#define G_LOG_DOMAIN "zb-sync-indicator"

#include "config.h"

#include <glib/gi18n.h>

#include "zb-date.h"
#include "zb-sync-indicator.h"

/* Synced, N changes to sync, syncing, offline, or failed with the reason:
 * at a glance in the header bar, the details a click away. */
struct _ZbSyncIndicator
{
  GtkWidget      parent_instance;

  GtkMenuButton *button;
  GtkWidget     *off_button;    /* never enrolled: opens the 同步 section instead */
  GtkLabel      *off_label;
  GtkImage      *icon;
  GtkLabel      *label;
  GtkLabel      *title_label;
  GtkLabel      *detail_label;
  GtkLabel      *when_label;
  GtkButton     *conflicts_button;

  ZbSyncService *service;
};

G_DEFINE_FINAL_TYPE (ZbSyncIndicator, zb_sync_indicator, GTK_TYPE_WIDGET)

static const char *
status_icon (ZbSyncStatus status)
{
  switch (status)
    {
    case ZB_SYNC_STATUS_SYNCED:
      return "emblem-ok-symbolic";
    case ZB_SYNC_STATUS_PENDING:
    case ZB_SYNC_STATUS_SYNCING:
      return "emblem-synchronizing-symbolic";
    case ZB_SYNC_STATUS_OFFLINE:
      return "network-offline-symbolic";
    case ZB_SYNC_STATUS_ERROR:
      return "dialog-warning-symbolic";
    case ZB_SYNC_STATUS_OFF:
    default:
      return "network-server-symbolic";
    }
}

static char *
last_success_text (ZbSyncService *service)
{
  GDateTime *when = zb_sync_service_get_last_success (service);
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  gboolean today = when != NULL && g_date_time_get_year (when) == g_date_time_get_year (now) &&
                   g_date_time_get_day_of_year (when) == g_date_time_get_day_of_year (now);
  g_autofree char *time = when == NULL ? NULL
                          : today ? g_date_time_format (when, "%H:%M")
                          : zb_date_format_date_time (when);

  if (time == NULL)
    return g_strdup (_("Not synced with this server yet"));
  /* TRANSLATORS: %s is a time of day */
  return g_strdup_printf (_("Last synced at %s"), time);
}

static void
update (ZbSyncIndicator *self)
{
  ZbSyncStatus status = zb_sync_service_get_status (self->service);
  g_autofree char *summary = zb_sync_service_dup_summary (self->service);
  g_autofree char *when = last_success_text (self->service);
  g_autofree char *conflicts = NULL;
  const char *message = zb_sync_service_get_message (self->service);
  guint n = zb_sync_service_get_conflicts (self->service);

  gboolean enrolled = zb_sync_service_is_enrolled (self->service);

  /* A branch that never enrolled has nothing to sync: the indicator says
   * sync is off and leads to the section that explains it, not to a popover
   * whose Sync Now would do nothing. */
  gtk_widget_set_visible (self->off_button, !enrolled);
  gtk_widget_set_visible (GTK_WIDGET (self->button), enrolled);
  gtk_label_set_text (self->off_label, summary);
  gtk_image_set_from_icon_name (self->icon, n > 0 && status != ZB_SYNC_STATUS_SYNCING
                                            ? "dialog-warning-symbolic" : status_icon (status));
  gtk_label_set_text (self->label, summary);
  gtk_label_set_text (self->title_label, summary);
  gtk_label_set_text (self->detail_label, message ? message
                      : status == ZB_SYNC_STATUS_OFF
                        ? _("Enrol this PC with the committee's server in the sync settings")
                        : _("Records are kept on this PC and exchanged with the committee's "
                            "server when a link is there"));
  gtk_label_set_text (self->when_label, when);
  gtk_widget_set_visible (GTK_WIDGET (self->conflicts_button), n > 0);
  conflicts = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Resolve %u Conflict…",
                                            "Resolve %u Conflicts…", n), n);
  gtk_button_set_label (self->conflicts_button, conflicts);

  if (status == ZB_SYNC_STATUS_ERROR)
    gtk_widget_add_css_class (GTK_WIDGET (self->label), "error");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->label), "error");
}

static void
zb_sync_indicator_dispose (GObject *object)
{
  ZbSyncIndicator *self = (ZbSyncIndicator *)object;

  gtk_widget_dispose_template (GTK_WIDGET (self), ZB_TYPE_SYNC_INDICATOR);
  g_clear_object (&self->service);

  G_OBJECT_CLASS (zb_sync_indicator_parent_class)->dispose (object);
}

static void
zb_sync_indicator_class_init (ZbSyncIndicatorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = zb_sync_indicator_dispose;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/zhibu/Zhibu/ui/zb-sync-indicator.ui");
  gtk_widget_class_bind_template_child (widget_class, ZbSyncIndicator, button);
  gtk_widget_class_bind_template_child (widget_class, ZbSyncIndicator, off_button);
  gtk_widget_class_bind_template_child (widget_class, ZbSyncIndicator, off_label);
  gtk_widget_class_bind_template_child (widget_class, ZbSyncIndicator, icon);
  gtk_widget_class_bind_template_child (widget_class, ZbSyncIndicator, label);
  gtk_widget_class_bind_template_child (widget_class, ZbSyncIndicator, title_label);
  gtk_widget_class_bind_template_child (widget_class, ZbSyncIndicator, detail_label);
  gtk_widget_class_bind_template_child (widget_class, ZbSyncIndicator, when_label);
  gtk_widget_class_bind_template_child (widget_class, ZbSyncIndicator, conflicts_button);
}

static void
zb_sync_indicator_init (ZbSyncIndicator *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

void
zb_sync_indicator_set_service (ZbSyncIndicator *self,
                               ZbSyncService   *service)
{
  g_set_object (&self->service, service);
  g_signal_connect_object (service, "changed", G_CALLBACK (update), self, G_CONNECT_SWAPPED);
  update (self);
}

const char *
zb_sync_indicator_get_text (ZbSyncIndicator *self)
{
  return gtk_label_get_text (self->label);
}

/* The button shown: the off button before this PC is enrolled, the menu
 * button after. */
GtkWidget *
zb_sync_indicator_get_button (ZbSyncIndicator *self)
{
  return gtk_widget_get_visible (self->off_button) ? self->off_button : GTK_WIDGET (self->button);
}

void
zb_sync_indicator_popup (ZbSyncIndicator *self)
{
  gtk_menu_button_popup (self->button);
}
