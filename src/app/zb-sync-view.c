#define G_LOG_DOMAIN "zb-sync-view"

#include "config.h"

#include <glib/gi18n.h>

#include "zb-date.h"
#include "zb-sync-view.h"

/* The sync service's state in sentences: a page on what sync is for while
 * this PC is not enrolled, and once it is, the server, the last successful
 * round in local time, the changes waiting, the conflicts, and the last
 * failure in full, where a toast would have vanished. */
struct _ZbSyncView
{
  GtkWidget      parent_instance;

  GtkStack      *stack;
  GtkWidget     *enrol_button;
  AdwActionRow  *state_row;
  GtkImage      *state_icon;
  AdwActionRow  *server_row;
  AdwActionRow  *last_row;
  AdwActionRow  *pending_row;
  AdwActionRow  *conflicts_row;
  GtkWidget     *error_group;
  GtkLabel      *error_label;
  GtkWidget     *sync_button;

  ZbSyncService *service;
};

G_DEFINE_FINAL_TYPE (ZbSyncView, zb_sync_view, GTK_TYPE_WIDGET)

static char *
last_success_text (ZbSyncService *service)
{
  GDateTime *when = zb_sync_service_get_last_success (service);

  if (when == NULL)
    return g_strdup (_("Not synced with this server yet"));
  return zb_date_format_date_time (when);
}

static char *
error_text (ZbSyncService *service)
{
  GDateTime *when = NULL;
  const char *message = zb_sync_service_get_last_error (service, &when);
  g_autofree char *time = NULL;

  if (message == NULL)
    return NULL;
  time = zb_date_format_date_time (when);
  return g_strdup_printf ("%s\n%s", time, message);
}

static void
update_rows (ZbSyncView *self)
{
  ZbSyncService *service = self->service;
  ZbSyncStatus status = zb_sync_service_get_status (service);
  g_autofree char *summary = zb_sync_service_dup_summary (service);
  g_autofree char *last = last_success_text (service);
  g_autofree char *pending = NULL, *conflicts = NULL, *error = error_text (service);
  guint n_pending = zb_sync_service_get_pending (service);
  guint n_conflicts = zb_sync_service_get_conflicts (service);

  adw_action_row_set_subtitle (self->state_row, summary);
  gtk_image_set_from_icon_name (self->state_icon,
                                status == ZB_SYNC_STATUS_ERROR ? "dialog-warning-symbolic"
                                : status == ZB_SYNC_STATUS_OFFLINE ? "network-offline-symbolic"
                                : status == ZB_SYNC_STATUS_SYNCED ? "emblem-ok-symbolic"
                                : "emblem-synchronizing-symbolic");
  adw_action_row_set_subtitle (self->server_row, zb_sync_service_get_server_url (service));
  adw_action_row_set_subtitle (self->last_row, last);
  pending = n_pending == 0 ? g_strdup (_("None: every change on this PC has gone"))
                           : g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                           "%u change waits for the next round",
                                                           "%u changes wait for the next round",
                                                           n_pending), n_pending);
  adw_action_row_set_subtitle (self->pending_row, pending);
  conflicts = n_conflicts == 0 ? g_strdup (_("None to resolve"))
                               : g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                               "%u to resolve: choose to see them",
                                                               "%u to resolve: choose to see them",
                                                               n_conflicts), n_conflicts);
  adw_action_row_set_subtitle (self->conflicts_row, conflicts);
  gtk_widget_set_visible (self->error_group, error != NULL);
  gtk_label_set_text (self->error_label, error ? error : "");
  gtk_widget_set_sensitive (self->sync_button, status != ZB_SYNC_STATUS_SYNCING);
}

static void
update (ZbSyncView *self)
{
  gboolean enrolled = zb_sync_service_is_enrolled (self->service);

  gtk_stack_set_visible_child_name (self->stack, enrolled ? "on" : "off");
  if (enrolled)
    update_rows (self);
}

static void
zb_sync_view_dispose (GObject *object)
{
  ZbSyncView *self = (ZbSyncView *)object;

  gtk_widget_dispose_template (GTK_WIDGET (self), ZB_TYPE_SYNC_VIEW);
  g_clear_object (&self->service);

  G_OBJECT_CLASS (zb_sync_view_parent_class)->dispose (object);
}

static void
zb_sync_view_class_init (ZbSyncViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = zb_sync_view_dispose;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/zhibu/Zhibu/ui/zb-sync-view.ui");
  gtk_widget_class_bind_template_child (widget_class, ZbSyncView, stack);
  gtk_widget_class_bind_template_child (widget_class, ZbSyncView, enrol_button);
  gtk_widget_class_bind_template_child (widget_class, ZbSyncView, state_row);
  gtk_widget_class_bind_template_child (widget_class, ZbSyncView, state_icon);
  gtk_widget_class_bind_template_child (widget_class, ZbSyncView, server_row);
  gtk_widget_class_bind_template_child (widget_class, ZbSyncView, last_row);
  gtk_widget_class_bind_template_child (widget_class, ZbSyncView, pending_row);
  gtk_widget_class_bind_template_child (widget_class, ZbSyncView, conflicts_row);
  gtk_widget_class_bind_template_child (widget_class, ZbSyncView, error_group);
  gtk_widget_class_bind_template_child (widget_class, ZbSyncView, error_label);
  gtk_widget_class_bind_template_child (widget_class, ZbSyncView, sync_button);
}

static void
zb_sync_view_init (ZbSyncView *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

void
zb_sync_view_set_service (ZbSyncView    *self,
                          ZbSyncService *service)
{
  if (self->service != NULL)
    g_signal_handlers_disconnect_by_data (self->service, self);
  g_set_object (&self->service, service);
  g_signal_connect_object (service, "changed", G_CALLBACK (update), self, G_CONNECT_SWAPPED);
  update (self);
}

/* "off" before this PC is enrolled, "on" after. */
const char *
zb_sync_view_get_page (ZbSyncView *self)
{
  return gtk_stack_get_visible_child_name (self->stack);
}

/* What the row @row ("state", "server", "last", "pending", "conflicts") says. */
const char *
zb_sync_view_get_row_text (ZbSyncView *self,
                           const char *row)
{
  AdwActionRow *rows[] = { self->state_row, self->server_row, self->last_row, self->pending_row,
                           self->conflicts_row };
  const char *names[] = { "state", "server", "last", "pending", "conflicts" };

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    if (g_str_equal (row, names[i]))
      return adw_action_row_get_subtitle (rows[i]);
  g_return_val_if_reached (NULL);
}

/* The last error as shown, or NULL when none is. */
const char *
zb_sync_view_get_error_text (ZbSyncView *self)
{
  if (!gtk_widget_get_visible (self->error_group))
    return NULL;
  return gtk_label_get_text (self->error_label);
}

/* A control, for tests to use as a person would: "enrol", "sync", "conflicts". */
GtkWidget *
zb_sync_view_get_widget (ZbSyncView *self,
                         const char *name)
{
  if (g_str_equal (name, "enrol"))
    return self->enrol_button;
  if (g_str_equal (name, "sync"))
    return self->sync_button;
  if (g_str_equal (name, "conflicts"))
    return GTK_WIDGET (self->conflicts_row);
  g_return_val_if_reached (NULL);
}
