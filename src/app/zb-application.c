#define G_LOG_DOMAIN "zb-application"

#include "config.h"

#include <glib/gi18n.h>

#include "zb-application.h"
#include "zb-context.h"
#include "zb-store.h"
#include "zb-window.h"

struct _ZbApplication
{
  AdwApplication  parent_instance;

  ZbContext      *context;
  char           *db_path;
  char           *passphrase_file;
  char           *meeting;
};

G_DEFINE_FINAL_TYPE (ZbApplication, zb_application, ADW_TYPE_APPLICATION)

static void
about_action (GSimpleAction *action,
              GVariant      *parameter,
              gpointer       user_data)
{
  GtkApplication *app = GTK_APPLICATION (user_data);
  static const char *developers[] = { "The Zhibu authors", NULL };

  adw_show_about_window (gtk_application_get_active_window (app),
                         "application-name", _("Zhibu"),
                         "application-icon", APP_ID,
                         "version", PACKAGE_VERSION,
                         "developer-name", _("The Zhibu authors"),
                         "developers", developers,
                         "license-type", GTK_LICENSE_GPL_3_0,
                         "website", "https://github.com/zhibu/zhibu",
                         "comments", _("The workbench of a Party branch secretary"),
                         NULL);
}

static void
quit_action (GSimpleAction *action,
             GVariant      *parameter,
             gpointer       user_data)
{
  g_application_quit (G_APPLICATION (user_data));
}

static const GActionEntry app_actions[] = {
  { "about", about_action },
  { "quit", quit_action },
};

static int
zb_application_handle_local_options (GApplication *app,
                                     GVariantDict *options)
{
  ZbApplication *self = ZB_APPLICATION (app);

  g_variant_dict_lookup (options, "db", "^ay", &self->db_path);
  g_variant_dict_lookup (options, "passphrase-file", "^ay", &self->passphrase_file);
  g_variant_dict_lookup (options, "meeting", "s", &self->meeting);

  return -1;
}

static void
zb_application_startup (GApplication *app)
{
  ZbApplication *self = ZB_APPLICATION (app);
  const char *quit_accels[] = { "<Control>q", NULL };
  /* GtkApplication's own, which it sets only when it builds the shortcuts
   * window itself; the window builds it when first asked (zb-window.c). */
  const char *help_accels[] = { "<Control>question", NULL };
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);

  G_APPLICATION_CLASS (zb_application_parent_class)->startup (app);

  g_action_map_add_action_entries (G_ACTION_MAP (app), app_actions, G_N_ELEMENTS (app_actions),
                                   app);
  gtk_application_set_accels_for_action (GTK_APPLICATION (app), "app.quit", quit_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (app), "win.show-help-overlay",
                                         help_accels);
  self->context = zb_context_new (settings, g_network_monitor_get_default ());
}

static void
zb_application_activate (GApplication *app)
{
  ZbApplication *self = ZB_APPLICATION (app);
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (app));
  g_autofree char *path = NULL;

  if (window != NULL)
    {
      gtk_window_present (window);
      return;
    }

  path = self->db_path ? g_strdup (self->db_path) : zb_store_default_path ();
  window = GTK_WINDOW (zb_window_new (GTK_APPLICATION (app), self->context));
  zb_window_open (ZB_WINDOW (window), path, self->passphrase_file);
  if (self->meeting != NULL)
    zb_window_open_meeting (ZB_WINDOW (window), self->meeting);
  gtk_window_present (window);
}

static void
zb_application_finalize (GObject *object)
{
  ZbApplication *self = (ZbApplication *)object;

  g_clear_object (&self->context);
  g_free (self->db_path);
  g_free (self->passphrase_file);
  g_free (self->meeting);

  G_OBJECT_CLASS (zb_application_parent_class)->finalize (object);
}

static void
zb_application_class_init (ZbApplicationClass *klass)
{
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);

  G_OBJECT_CLASS (klass)->finalize = zb_application_finalize;
  app_class->handle_local_options = zb_application_handle_local_options;
  app_class->startup = zb_application_startup;
  app_class->activate = zb_application_activate;
}

static void
zb_application_init (ZbApplication *self)
{
  const GOptionEntry entries[] = {
    { "db", 0, 0, G_OPTION_ARG_FILENAME, NULL,
      N_("The branch database (default: the app’s own)"), N_("FILE") },
    { "passphrase-file", 0, 0, G_OPTION_ARG_FILENAME, NULL,
      N_("Read the database passphrase from FILE instead of the keyring"), N_("FILE") },
    { "meeting", 0, 0, G_OPTION_ARG_STRING, NULL, N_("Open the minutes of this meeting"),
      N_("MEETING-ID") },
    { NULL }
  };

  g_application_add_main_option_entries (G_APPLICATION (self), entries);
}

/* Each database is its own window and process: NON_UNIQUE, so that a second
 * `zhibu --db other.zhibu` does not hand its options to the first. */
ZbApplication *
zb_application_new (void)
{
  return g_object_new (ZB_TYPE_APPLICATION,
                       "application-id", APP_ID,
                       "flags", G_APPLICATION_NON_UNIQUE,
                       "resource-base-path", "/io/github/zhibu/Zhibu",
                       NULL);
}
