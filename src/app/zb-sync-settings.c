#define G_LOG_DOMAIN "zb-sync-settings"

#include "config.h"

#include <glib/gi18n.h>

#include "zb-sync-settings.h"

struct _ZbSyncSettings
{
  AdwPreferencesWindow  parent_instance;

  AdwEntryRow          *server_row;
  AdwEntryRow          *code_row;
  GtkWidget            *enrol_button;
  AdwActionRow         *state_row;
  GtkSpinButton        *interval_button;

  ZbSyncService        *service;
  GSettings            *settings;
  GCancellable         *cancellable;
};

G_DEFINE_FINAL_TYPE (ZbSyncSettings, zb_sync_settings, ADW_TYPE_PREFERENCES_WINDOW)

static void
update_state (ZbSyncSettings *self)
{
  g_autofree char *summary = zb_sync_service_dup_summary (self->service);
  const char *message = zb_sync_service_get_message (self->service);
  g_autofree char *text = message ? g_strdup_printf ("%s — %s", summary, message)
                                  : g_strdup (summary);

  adw_action_row_set_subtitle (self->state_row, text);
}

static void
enrolled_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(ZbSyncSettings) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!zb_sync_service_enrol_finish (ZB_SYNC_SERVICE (object), result, &error))
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      gtk_widget_set_sensitive (self->enrol_button, TRUE);
      adw_preferences_window_add_toast (ADW_PREFERENCES_WINDOW (self),
                                        adw_toast_new (error->message));
      return;
    }

  gtk_widget_set_sensitive (self->enrol_button, TRUE);
  gtk_editable_set_text (GTK_EDITABLE (self->code_row), "");
  adw_preferences_window_add_toast (ADW_PREFERENCES_WINDOW (self),
                                    adw_toast_new (_("This PC is enrolled and syncs now")));
}

/* The code is used once: it buys this PC a token, kept in the keyring. */
void
zb_sync_settings_enrol (ZbSyncSettings *self,
                        const char     *server_url,
                        const char     *code)
{
  gtk_widget_set_sensitive (self->enrol_button, FALSE);
  zb_sync_service_enrol_async (self->service, server_url, code, self->cancellable, enrolled_cb,
                               g_object_ref (self));
}

static void
enrol_clicked_cb (ZbSyncSettings *self)
{
  g_autofree char *url = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->server_row))));
  g_autofree char *code = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->code_row))));

  if (*url == '\0' || *code == '\0')
    {
      adw_preferences_window_add_toast (ADW_PREFERENCES_WINDOW (self),
                                        adw_toast_new (_("Give the server's address and the "
                                                         "enrolment code")));
      return;
    }
  zb_sync_settings_enrol (self, url, code);
}

static void
zb_sync_settings_dispose (GObject *object)
{
  ZbSyncSettings *self = (ZbSyncSettings *)object;

  g_cancellable_cancel (self->cancellable);
  gtk_widget_dispose_template (GTK_WIDGET (self), ZB_TYPE_SYNC_SETTINGS);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->service);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (zb_sync_settings_parent_class)->dispose (object);
}

static void
zb_sync_settings_class_init (ZbSyncSettingsClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = zb_sync_settings_dispose;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/zhibu/Zhibu/ui/zb-sync-settings.ui");
  gtk_widget_class_bind_template_child (widget_class, ZbSyncSettings, server_row);
  gtk_widget_class_bind_template_child (widget_class, ZbSyncSettings, code_row);
  gtk_widget_class_bind_template_child (widget_class, ZbSyncSettings, enrol_button);
  gtk_widget_class_bind_template_child (widget_class, ZbSyncSettings, state_row);
  gtk_widget_class_bind_template_child (widget_class, ZbSyncSettings, interval_button);
}

static void
zb_sync_settings_init (ZbSyncSettings *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->cancellable = g_cancellable_new ();
  g_signal_connect_object (self->enrol_button, "clicked", G_CALLBACK (enrol_clicked_cb), self,
                           G_CONNECT_SWAPPED);
}

/* The address this PC is enrolled with, once it is. */
static void
server_changed_cb (ZbSyncSettings *self)
{
  g_autofree char *url = g_settings_get_string (self->settings, "sync-server");

  gtk_editable_set_text (GTK_EDITABLE (self->server_row), url);
}

ZbSyncSettings *
zb_sync_settings_new (ZbSyncService *service,
                      GSettings     *settings)
{
  ZbSyncSettings *self = g_object_new (ZB_TYPE_SYNC_SETTINGS, NULL);

  self->service = g_object_ref (service);
  self->settings = g_object_ref (settings);
  server_changed_cb (self);
  g_signal_connect_object (settings, "changed::sync-server", G_CALLBACK (server_changed_cb), self,
                           G_CONNECT_SWAPPED);
  g_settings_bind (settings, "sync-interval", self->interval_button, "value",
                   G_SETTINGS_BIND_DEFAULT);
  g_signal_connect_object (service, "changed", G_CALLBACK (update_state), self,
                           G_CONNECT_SWAPPED);
  update_state (self);
  return self;
}
