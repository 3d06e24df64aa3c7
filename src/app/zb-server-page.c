#define G_LOG_DOMAIN "zb-server-page"

#include "config.h"

#include <glib/gi18n.h>

#include "zb-server-page.h"
#include "zb-sync-trust.h"
#include "zb-widget-util.h"

struct _ZbServerPage
{
  AdwPreferencesPage    parent_instance;

  AdwEntryRow          *server_row;
  AdwEntryRow          *code_row;
  GtkWidget            *enrol_button;
  AdwActionRow         *state_row;
  GtkLabel             *error_label;
  AdwActionRow         *ca_row;
  GtkWidget            *ca_button;
  GtkWidget            *ca_clear_button;
  AdwActionRow         *pin_row;
  GtkWidget            *copy_button;
  GtkSpinButton        *interval_button;

  ZbSyncService        *service;
  GSettings            *settings;
  GCancellable         *cancellable;
  GtkNativeDialog      *chooser;
  char                 *ca_pem;      /* chosen here, for the next enrolment */
  char                 *ca_name;
};

G_DEFINE_FINAL_TYPE (ZbServerPage, zb_server_page, ADW_TYPE_PREFERENCES_PAGE)

/* The page lives in the sync settings' window and in the Preferences:
 * its toasts go to whichever holds it. */
static void
add_toast (ZbServerPage *self,
           const char *title)
{
  GtkWidget *window = gtk_widget_get_ancestor (GTK_WIDGET (self), ADW_TYPE_PREFERENCES_WINDOW);

  if (window != NULL)
    adw_preferences_window_add_toast (ADW_PREFERENCES_WINDOW (window), adw_toast_new (title));
}

static void
update_state (ZbServerPage *self)
{
  g_autofree char *summary = zb_sync_service_dup_summary (self->service);
  const char *message = zb_sync_service_get_message (self->service);
  g_autofree char *text = message ? g_strdup_printf ("%s — %s", summary, message)
                                  : g_strdup (summary);

  adw_action_row_set_subtitle (self->state_row, text);
}

/* A failure stays in the window until the next try: a toast would vanish
 * before a secretary has read it. */
static void
show_error (ZbServerPage *self,
            const char     *message)
{
  gtk_label_set_text (self->error_label, message ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), message != NULL);
}

/* The CA certificate chosen or kept, and the certificate pinned. */
static void
update_trust (ZbServerPage *self)
{
  g_autofree char *kept = zb_sync_service_dup_trust (self->service, ZB_SERVER_TRUST_CA);
  g_autofree char *pin = zb_sync_service_dup_trust (self->service, ZB_SERVER_TRUST_PIN);

  if (self->ca_name != NULL)
    adw_action_row_set_subtitle (self->ca_row, self->ca_name);
  else
    adw_action_row_set_subtitle (self->ca_row, kept ? _("Kept for this server")
                                                    : _("None: the system's certificate "
                                                        "authorities are trusted"));
  gtk_widget_set_sensitive (self->ca_clear_button, self->ca_pem != NULL || kept != NULL);

  adw_action_row_set_subtitle (self->pin_row, pin ? pin : _("None yet: remembered when this PC "
                                                            "enrols over https://"));
  gtk_widget_set_sensitive (self->copy_button, pin != NULL);
}

static void
service_changed_cb (ZbServerPage *self)
{
  update_state (self);
  update_trust (self);
}

static void
enrolled_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(ZbServerPage) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!zb_sync_service_enrol_finish (ZB_SYNC_SERVICE (object), result, &error))
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      gtk_widget_set_sensitive (self->enrol_button, TRUE);
      show_error (self, error->message);
      return;
    }

  gtk_widget_set_sensitive (self->enrol_button, TRUE);
  g_clear_pointer (&self->ca_pem, g_free);
  g_clear_pointer (&self->ca_name, g_free);
  update_trust (self);
  gtk_editable_set_text (GTK_EDITABLE (self->code_row), "");
  add_toast (self, _("This PC is enrolled and syncs now"));
}

/* The code is used once: it buys this PC a token, kept in the keyring. */
void
zb_server_page_enrol (ZbServerPage *self,
                        const char     *server_url,
                        const char     *code)
{
  show_error (self, NULL);
  gtk_widget_set_sensitive (self->enrol_button, FALSE);
  zb_sync_service_enrol_async (self->service, server_url, code, self->ca_pem, self->cancellable,
                               enrolled_cb, g_object_ref (self));
}

/* The committee's CA certificate (PEM) from @path: for the next enrolment,
 * and from now on for the server this PC is enrolled with. */
gboolean
zb_server_page_set_ca_file (ZbServerPage  *self,
                              const char      *path,
                              GError         **error)
{
  g_autofree char *pem = zb_sync_trust_read_ca_file (path, error);

  if (pem == NULL || !zb_sync_service_set_ca (self->service, pem, error))
    return FALSE;

  g_free (self->ca_pem);
  self->ca_pem = g_steal_pointer (&pem);
  g_free (self->ca_name);
  self->ca_name = g_path_get_basename (path);
  update_trust (self);
  return TRUE;
}

static void
chooser_response_cb (ZbServerPage *self,
                     int             response)
{
  g_autoptr(GFile) file = NULL;
  g_autofree char *path = NULL;
  g_autoptr(GError) error = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (self->chooser));
  g_clear_object (&self->chooser);
  if (file == NULL || (path = g_file_get_path (file)) == NULL)
    return;

  show_error (self, NULL);
  if (!zb_server_page_set_ca_file (self, path, &error))
    show_error (self, error->message);
}

static void
ca_clicked_cb (ZbServerPage *self)
{
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();
  GtkFileChooserNative *chooser;

  chooser = zb_file_chooser_new (GTK_WIDGET (self), GTK_FILE_CHOOSER_ACTION_OPEN,
                                 _("Committee's CA Certificate"), _("_Open"), NULL);
  gtk_file_filter_set_name (filter, _("Certificates (PEM)"));
  gtk_file_filter_add_pattern (filter, "*.pem");
  gtk_file_filter_add_pattern (filter, "*.crt");
  gtk_file_filter_add_pattern (filter, "*.cer");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), filter);
  g_signal_connect_object (chooser, "response", G_CALLBACK (chooser_response_cb), self,
                           G_CONNECT_SWAPPED);
  zb_file_chooser_show (&self->chooser, chooser);
}

static void
ca_clear_clicked_cb (ZbServerPage *self)
{
  g_autoptr(GError) error = NULL;

  g_clear_pointer (&self->ca_pem, g_free);
  g_clear_pointer (&self->ca_name, g_free);
  show_error (self, NULL);
  if (!zb_sync_service_set_ca (self->service, NULL, &error))
    show_error (self, error->message);
  update_trust (self);
}

static void
copy_clicked_cb (ZbServerPage *self)
{
  g_autofree char *pin = zb_sync_service_dup_trust (self->service, ZB_SERVER_TRUST_PIN);

  if (pin == NULL)
    return;
  gdk_clipboard_set_text (gtk_widget_get_clipboard (GTK_WIDGET (self)), pin);
  add_toast (self, _("Fingerprint copied"));
}

static void
enrol_clicked_cb (ZbServerPage *self)
{
  g_autofree char *url = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->server_row))));
  g_autofree char *code = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->code_row))));

  if (*url == '\0' || *code == '\0')
    {
      show_error (self, _("Give the server's address and the enrolment code"));
      return;
    }
  zb_server_page_enrol (self, url, code);
}

static void
zb_server_page_dispose (GObject *object)
{
  ZbServerPage *self = (ZbServerPage *)object;

  g_cancellable_cancel (self->cancellable);
  if (self->chooser != NULL)
    gtk_native_dialog_destroy (self->chooser);
  g_clear_object (&self->chooser);
  gtk_widget_dispose_template (GTK_WIDGET (self), ZB_TYPE_SERVER_PAGE);
  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->ca_pem, g_free);
  g_clear_pointer (&self->ca_name, g_free);
  g_clear_object (&self->service);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (zb_server_page_parent_class)->dispose (object);
}

static void
zb_server_page_class_init (ZbServerPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = zb_server_page_dispose;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/zhibu/Zhibu/ui/zb-server-page.ui");
  gtk_widget_class_bind_template_child (widget_class, ZbServerPage, server_row);
  gtk_widget_class_bind_template_child (widget_class, ZbServerPage, code_row);
  gtk_widget_class_bind_template_child (widget_class, ZbServerPage, enrol_button);
  gtk_widget_class_bind_template_child (widget_class, ZbServerPage, state_row);
  gtk_widget_class_bind_template_child (widget_class, ZbServerPage, error_label);
  gtk_widget_class_bind_template_child (widget_class, ZbServerPage, ca_row);
  gtk_widget_class_bind_template_child (widget_class, ZbServerPage, ca_button);
  gtk_widget_class_bind_template_child (widget_class, ZbServerPage, ca_clear_button);
  gtk_widget_class_bind_template_child (widget_class, ZbServerPage, pin_row);
  gtk_widget_class_bind_template_child (widget_class, ZbServerPage, copy_button);
  gtk_widget_class_bind_template_child (widget_class, ZbServerPage, interval_button);
}

static void
zb_server_page_init (ZbServerPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->cancellable = g_cancellable_new ();
  g_signal_connect_object (self->enrol_button, "clicked", G_CALLBACK (enrol_clicked_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->ca_button, "clicked", G_CALLBACK (ca_clicked_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->ca_clear_button, "clicked", G_CALLBACK (ca_clear_clicked_cb),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->copy_button, "clicked", G_CALLBACK (copy_clicked_cb), self,
                           G_CONNECT_SWAPPED);
}

/* The address this PC is enrolled with, once it is. */
static void
server_changed_cb (ZbServerPage *self)
{
  g_autofree char *url = g_settings_get_string (self->settings, "sync-server");

  gtk_editable_set_text (GTK_EDITABLE (self->server_row), url);
}

ZbServerPage *
zb_server_page_new (ZbSyncService *service,
                      GSettings     *settings)
{
  ZbServerPage *self = g_object_new (ZB_TYPE_SERVER_PAGE, NULL);

  self->service = g_object_ref (service);
  self->settings = g_object_ref (settings);
  server_changed_cb (self);
  g_signal_connect_object (settings, "changed::sync-server", G_CALLBACK (server_changed_cb), self,
                           G_CONNECT_SWAPPED);
  g_settings_bind (settings, "sync-interval", self->interval_button, "value",
                   G_SETTINGS_BIND_DEFAULT);
  g_signal_connect_object (service, "changed", G_CALLBACK (service_changed_cb), self,
                           G_CONNECT_SWAPPED);
  service_changed_cb (self);
  return self;
}

/* For the tests: what the window shows of the certificates and errors. */
const char *
zb_server_page_get_pin_text (ZbServerPage *self)
{
  return adw_action_row_get_subtitle (self->pin_row);
}

const char *
zb_server_page_get_error_text (ZbServerPage *self)
{
  return gtk_widget_get_visible (GTK_WIDGET (self->error_label))
         ? gtk_label_get_text (self->error_label) : NULL;
}
