#define G_LOG_DOMAIN "zb-sync-settings"

#include "config.h"

#include <glib/gi18n.h>

#include "zb-server-page.h"
#include "zb-sync-settings.h"

/* The sync page on its own, as the header bar's sync indicator opens it;
 * the Preferences show the same page among the others. */

struct _ZbSyncSettings
{
  AdwPreferencesWindow  parent_instance;

  ZbServerPage           *page;
};

G_DEFINE_FINAL_TYPE (ZbSyncSettings, zb_sync_settings, ADW_TYPE_PREFERENCES_WINDOW)

static void
zb_sync_settings_class_init (ZbSyncSettingsClass *klass)
{
}

static void
zb_sync_settings_init (ZbSyncSettings *self)
{
  gtk_window_set_title (GTK_WINDOW (self), _("Sync Settings"));
  gtk_window_set_modal (GTK_WINDOW (self), TRUE);
  gtk_window_set_default_size (GTK_WINDOW (self), 620, 520);
  adw_preferences_window_set_search_enabled (ADW_PREFERENCES_WINDOW (self), FALSE);
}

ZbSyncSettings *
zb_sync_settings_new (ZbSyncService *service,
                      GSettings     *settings)
{
  ZbSyncSettings *self = g_object_new (ZB_TYPE_SYNC_SETTINGS, NULL);

  self->page = zb_server_page_new (service, settings);
  adw_preferences_window_add (ADW_PREFERENCES_WINDOW (self), ADW_PREFERENCES_PAGE (self->page));
  return self;
}

void
zb_sync_settings_enrol (ZbSyncSettings *self,
                        const char     *server_url,
                        const char     *code)
{
  zb_server_page_enrol (self->page, server_url, code);
}

gboolean
zb_sync_settings_set_ca_file (ZbSyncSettings  *self,
                              const char      *path,
                              GError         **error)
{
  return zb_server_page_set_ca_file (self->page, path, error);
}

/* For the tests: what the window shows of the certificates and errors. */
const char *
zb_sync_settings_get_pin_text (ZbSyncSettings *self)
{
  return zb_server_page_get_pin_text (self->page);
}

const char *
zb_sync_settings_get_error_text (ZbSyncSettings *self)
{
  return zb_server_page_get_error_text (self->page);
}
