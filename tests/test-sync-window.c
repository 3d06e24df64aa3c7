#define G_LOG_DOMAIN "test-sync-window"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "zb-conflict.h"
#include "zb-conflicts-window.h"
#include "zb-store-sync.h"
#include "zb-sync-indicator.h"
#include "zb-sync-service-private.h"
#include "zb-sync-settings.h"
#include "zb-sync-view.h"
#include "zb-test-server.h"
#include "zb-test-sync.h"
#include "zb-test-util.h"
#include "zb-test-window.h"

/* The app and the real zhibu-server: enrolment in the sync settings, the
 * state in the header bar, and a conflict picked in the conflicts window.
 * Runs under xvfb-run and a real keyring (the token is kept there). */

typedef struct
{
  ZbTestWindow  window;
  ZbTestServer *server;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autofree char *server_dir = NULL;

  zb_test_window_set_up (&f->window, data);
  /* The service's own waits, in milliseconds instead of seconds: a resolved
   * conflict still goes to the server by itself once this PC has been quiet,
   * and a failed Sync Now still retries, each after a shorter wait. */
  zb_sync_service_set_waits (zb_context_get_sync_service (f->window.context), 200, 500, 50);
  server_dir = g_build_filename (f->window.dir, "server", NULL);
  f->server = zb_test_server_new (server_dir, NULL);
  g_free (zb_test_server_add_branch (f->server, "第一党支部"));
  zb_test_server_start (f->server);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_clear_pointer (&f->server, zb_test_server_free);
  zb_test_window_tear_down (&f->window, data);
}

static ZbSyncService *
service (Fixture *f)
{
  return zb_context_get_sync_service (f->window.context);
}

static gboolean
synced (gpointer data)
{
  return zb_sync_service_get_status (data) == ZB_SYNC_STATUS_SYNCED;
}

static gboolean
has_conflict (gpointer data)
{
  return zb_sync_service_get_conflicts (data) == 1 &&
         zb_sync_service_get_status (data) != ZB_SYNC_STATUS_SYNCING;
}

static gboolean
no_conflict (gpointer data)
{
  return zb_sync_service_get_conflicts (data) == 0 &&
         zb_sync_service_get_status (data) == ZB_SYNC_STATUS_SYNCED;
}

/* Another PC of the branch, driven from here. */
static ZbSyncClient *
other_pc (Fixture  *f,
          ZbStore **store)
{
  g_autoptr(ZbKey) key = zb_key_new_random (NULL);
  g_autofree char *path = g_build_filename (f->window.dir, "other.zhibu", NULL);
  g_autofree char *code = zb_test_server_code (f->server, "第一党支部", NULL);
  g_autofree char *branch = NULL;
  g_autoptr(GError) error = NULL;
  ZbSyncClient *client;

  *store = zb_store_create (path, key, "第一党支部", &error);
  g_assert_no_error (error);
  client = zb_test_sync_client (*store, f->server->url, f->window.dir);
  branch = zb_test_sync_enrol (client, code, &error);
  g_assert_no_error (error);
  return client;
}

static void
set_phone (ZbStore    *store,
           const char *id,
           const char *phone)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ZbMember) member = zb_store_get_member (store, id, &error);

  g_assert_no_error (error);
  zb_member_set (member, ZB_MEMBER_FIELD_PHONE, phone);
  g_assert_true (zb_store_update_member (store, member, &error));
}

static void
test_enrol_and_conflict (Fixture       *f,
                         gconstpointer  data)
{
  g_autofree char *code = zb_test_server_code (f->server, "第一党支部", NULL);
  g_autoptr(ZbStore) other = NULL;
  g_autoptr(ZbSyncClient) other_client = NULL;
  g_autoptr(GListModel) members = NULL;
  g_autoptr(ZbMember) member = NULL;
  g_autoptr(GError) error = NULL;
  ZbStore *store;
  ZbSyncSettings *settings;
  ZbConflictsWindow *conflicts;
  ZbSyncIndicator *indicator;
  ZbSyncStats stats;
  const char *id;

  zb_test_make_roster (&f->window, 30);
  zb_test_open_roster (&f->window);
  indicator = zb_window_get_sync_indicator (f->window.window);
  g_assert_cmpstr (zb_sync_indicator_get_text (indicator), ==, _("Sync off"));

  settings = zb_window_show_sync_settings (f->window.window);
  zb_sync_settings_enrol (settings, f->server->url, code);
  zb_test_wait_for (synced, service (f), 60);
  g_assert_cmpstr (zb_sync_indicator_get_text (indicator), ==, _("Synced"));
  zb_test_settle (300);
  zb_test_screenshot (GTK_WIDGET (settings), "sync-settings.png");
  gtk_window_destroy (GTK_WINDOW (settings));

  /* The other PC has the branch too, and changes a phone number... */
  other_client = other_pc (f, &other);
  zb_test_sync_round (other_client, &stats, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (stats.pulled, >=, 30);
  store = zb_context_get_store (f->window.context);
  members = zb_store_list_members (store, FALSE, NULL);
  member = g_list_model_get_item (members, 0);
  id = zb_member_get_id (member);
  set_phone (other, id, "13700003333");
  zb_test_sync_round (other_client, &stats, &error);
  g_assert_no_error (error);

  /* ... which this PC changed too, without seeing it. */
  set_phone (store, id, "13900002222");
  zb_sync_service_sync_now (service (f));
  zb_test_wait_for (has_conflict, service (f), 60);
  zb_sync_indicator_popup (indicator);
  zb_test_settle (500);
  zb_test_screenshot (GTK_WIDGET (f->window.window), "sync-conflict-indicator.png");

  conflicts = zb_window_show_conflicts (f->window.window);
  g_assert_cmpuint (zb_conflicts_window_get_n_shown (conflicts), ==, 1);
  zb_test_settle (300);
  zb_test_screenshot (GTK_WIDGET (conflicts), "sync-conflicts.png");

  /* Neither: the secretary writes the right number, and it reaches both. */
  {
    g_autoptr(GListModel) open = zb_store_list_conflicts (store, FALSE, NULL);
    g_autoptr(ZbConflict) conflict = g_list_model_get_item (open, 0);

    g_assert_nonnull (strstr (zb_conflict_get_kept_value (conflict), "13700003333"));
    zb_conflicts_window_merge (conflicts, zb_conflict_get_id (conflict), "13600004444");
  }
  zb_test_wait_for (no_conflict, service (f), 60);
  g_clear_object (&member);
  member = zb_store_get_member (store, id, NULL);
  g_assert_cmpstr (zb_member_get (member, ZB_MEMBER_FIELD_PHONE), ==, "13600004444");
  zb_test_sync_round (other_client, &stats, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (zb_store_count_open_conflicts (other, NULL), ==, 0);
  g_clear_object (&member);
  member = zb_store_get_member (other, id, NULL);
  g_assert_cmpstr (zb_member_get (member, ZB_MEMBER_FIELD_PHONE), ==, "13600004444");
  gtk_window_destroy (GTK_WINDOW (conflicts));
}

static gboolean
has_error_text (gpointer data)
{
  return zb_sync_settings_get_error_text (data) != NULL;
}

static gboolean
failed (gpointer data)
{
  return zb_sync_service_get_status (data) == ZB_SYNC_STATUS_ERROR;
}

/* The server again, on its port, showing certificate @name of @dir. */
static void
serve_tls (Fixture    *f,
           const char *name)
{
  zb_test_server_kill (f->server);
  g_free (f->server->tls_cert);
  g_free (f->server->tls_key);
  f->server->tls_cert = g_strdup_printf ("%s/%s.pem", f->window.dir, name);
  f->server->tls_key = g_strdup_printf ("%s/%s.key", f->window.dir, name);
  zb_test_server_start (f->server);
}

/* A server with a certificate of the committee's own CA: refused until the
 * CA file is chosen in the sync settings, which then show the certificate
 * pinned at enrolment; a changed certificate stops syncing, and the
 * settings and the header bar keep saying why. */
static void
test_certificates (Fixture       *f,
                   gconstpointer  data)
{
  g_autofree char *code = zb_test_server_code (f->server, "第一党支部", NULL);
  g_autofree char *ca1 = g_build_filename (f->window.dir, "ca1.pem", NULL);
  g_autofree char *pem1 = g_build_filename (f->window.dir, "server1.pem", NULL);
  g_autofree char *pem1b = g_build_filename (f->window.dir, "server1b.pem", NULL);
  g_autofree char *fp1 = NULL, *fp1b = NULL;
  g_autoptr(GError) error = NULL;
  ZbSyncSettings *settings;

  zb_test_make_certificates (f->window.dir);
  fp1 = zb_test_openssl_fingerprint (pem1);
  fp1b = zb_test_openssl_fingerprint (pem1b);
  serve_tls (f, "server1");
  zb_test_make_roster (&f->window, 3);
  zb_test_open_roster (&f->window);

  settings = zb_window_show_sync_settings (f->window.window);
  zb_sync_settings_enrol (settings, f->server->url, code);
  zb_test_wait_for (has_error_text, settings, 60);
  g_assert_nonnull (strstr (zb_sync_settings_get_error_text (settings), strchr (fp1, '=') + 1));

  g_assert_true (zb_sync_settings_set_ca_file (settings, ca1, &error));
  g_assert_no_error (error);
  zb_sync_settings_enrol (settings, f->server->url, code);
  zb_test_wait_for (synced, service (f), 60);
  g_assert_null (zb_sync_settings_get_error_text (settings));
  g_assert_cmpstr (zb_sync_settings_get_pin_text (settings), ==, strchr (fp1, '=') + 1);
  gtk_window_set_default_size (GTK_WINDOW (settings), 620, 860);
  zb_test_settle (300);
  zb_test_screenshot (GTK_WIDGET (settings), "sync-settings-certificates.png");

  serve_tls (f, "server1b");
  zb_sync_service_sync_now (service (f));
  zb_test_wait_for (failed, service (f), 60);
  g_assert_nonnull (strstr (zb_sync_service_get_message (service (f)), strchr (fp1b, '=') + 1));
  g_assert_cmpstr (zb_sync_settings_get_pin_text (settings), ==, strchr (fp1, '=') + 1);
  zb_test_settle (300);
  zb_test_screenshot (GTK_WIDGET (settings), "sync-settings-certificate-changed.png");
  gtk_window_destroy (GTK_WINDOW (settings));
  zb_sync_indicator_popup (zb_window_get_sync_indicator (f->window.window));
  zb_test_settle (300);
  zb_test_screenshot (GTK_WIDGET (f->window.window), "sync-certificate-changed-indicator.png");
}

static gboolean
shows_sync_settings (gpointer data)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GObject) window = g_list_model_get_item (toplevels, i);

      if (ZB_IS_SYNC_SETTINGS (window) && gtk_widget_get_mapped (GTK_WIDGET (window)))
        {
          *(GtkWidget **) data = GTK_WIDGET (window);
          return TRUE;
        }
    }
  return FALSE;
}

/* A button clicks a moment after it is activated, as it shows itself pressed. */
static gboolean
shows_sync_section (gpointer data)
{
  GtkWidget *stack = gtk_widget_get_ancestor (data, ADW_TYPE_VIEW_STACK);

  return g_strcmp0 (adw_view_stack_get_visible_child_name (ADW_VIEW_STACK (stack)), "sync") == 0;
}

static gboolean
shows_last_sync (gpointer data)
{
  return g_strcmp0 (zb_sync_view_get_row_text (data, "last"),
                    _("Not synced with this server yet")) != 0;
}

static gboolean
shows_conflicts_window (gpointer data)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GObject) window = g_list_model_get_item (toplevels, i);

      if (ZB_IS_CONFLICTS_WINDOW (window) && gtk_widget_get_mapped (GTK_WIDGET (window)))
        {
          *(GtkWidget **) data = GTK_WIDGET (window);
          return TRUE;
        }
    }
  return FALSE;
}

static gboolean
not_synced (gpointer data)
{
  ZbSyncStatus status = zb_sync_service_get_status (data);

  return status == ZB_SYNC_STATUS_OFFLINE || status == ZB_SYNC_STATUS_ERROR;
}

/* The 同步 section (issue 13). Before enrolling, the header says sync is off,
 * never "not synced", and leads to the section, which says what sync is for
 * and whose button opens the sync settings; Sync Now is not offered. Once
 * enrolled: the server, the last successful round in local time, nothing
 * waiting; the server stopped, Sync Now fails and the section keeps the
 * failure in full and readable, not the resolver's or socket's words alone;
 * the server back, Sync Now syncs a change made meanwhile, and the error of
 * the round before stays readable. */
static void
test_section (Fixture       *f,
              gconstpointer  data)
{
  g_autofree char *code = zb_test_server_code (f->server, "第一党支部", NULL);
  ZbSyncIndicator *indicator;
  ZbSyncView *view;
  GtkWidget *settings = NULL, *conflicts = NULL;
  ZbStore *store;
  g_autoptr(GListModel) members = NULL;
  g_autoptr(ZbMember) member = NULL;
  const char *error_text, *server;
  g_autofree char *last = NULL;

  /* The settings outlive a test in GSettings' memory backend: this PC has
   * never enrolled. */
  g_settings_reset (zb_context_get_settings (f->window.context), "sync-server");
  zb_test_make_roster (&f->window, 5);
  gtk_window_set_default_size (GTK_WINDOW (f->window.window), 1200, 800);
  zb_test_open_roster (&f->window);
  indicator = zb_window_get_sync_indicator (f->window.window);
  view = ZB_SYNC_VIEW (zb_window_get_sync_view (f->window.window));
  g_assert_cmpstr (zb_sync_indicator_get_text (indicator), ==, _("Sync off"));
  g_assert_cmpstr (zb_sync_view_get_page (view), ==, "off");
  g_assert_false (gtk_widget_is_sensitive (zb_sync_view_get_widget (view, "sync")));

  /* The header's indicator opens the section... */
  g_assert_true (gtk_widget_activate (zb_sync_indicator_get_button (indicator)));
  zb_test_wait_for (shows_sync_section, view, 30);
  zb_test_settle (300);
  zb_test_screenshot (GTK_WIDGET (f->window.window), "sync-section-off.png");

  /* ... whose button opens the sync settings, where this PC enrols. */
  g_assert_true (gtk_widget_activate (zb_sync_view_get_widget (view, "enrol")));
  zb_test_wait_for (shows_sync_settings, &settings, 30);
  zb_sync_settings_enrol (ZB_SYNC_SETTINGS (settings), f->server->url, code);
  zb_test_wait_for (synced, service (f), 60);
  gtk_window_destroy (GTK_WINDOW (settings));
  g_assert_cmpstr (zb_sync_view_get_page (view), ==, "on");
  server = zb_sync_view_get_row_text (view, "server");
  g_assert_true (g_str_has_prefix (f->server->url, server));
  g_assert_cmpstr (zb_sync_view_get_row_text (view, "state"), ==, _("Synced"));
  g_assert_cmpstr (zb_sync_view_get_row_text (view, "pending"), ==,
                   _("None: every change on this PC has gone"));
  g_assert_cmpstr (zb_sync_view_get_row_text (view, "last"), !=,
                   _("Not synced with this server yet"));
  g_assert_cmpstr (zb_sync_view_get_row_text (view, "conflicts"), ==, _("None to resolve"));
  g_assert_null (zb_sync_view_get_error_text (view));
  g_assert_true (gtk_widget_is_sensitive (zb_sync_view_get_widget (view, "sync")));
  g_assert_cmpstr (zb_sync_indicator_get_text (indicator), ==, _("Synced"));
  zb_test_settle (300);
  zb_test_screenshot (GTK_WIDGET (f->window.window), "sync-section-on.png");

  /* The conflicts row opens the conflicts window. */
  g_assert_true (gtk_widget_activate (zb_sync_view_get_widget (view, "conflicts")));
  zb_test_wait_for (shows_conflicts_window, &conflicts, 30);
  gtk_window_destroy (GTK_WINDOW (conflicts));

  /* The server stops: Sync Now fails, and says why in full. */
  zb_test_server_kill (f->server);
  store = zb_context_get_store (f->window.context);
  last = g_strdup (zb_sync_view_get_row_text (view, "last"));
  members = zb_store_list_members (store, FALSE, NULL);
  member = g_list_model_get_item (members, 0);
  set_phone (store, zb_member_get_id (member), "13900001111");
  g_assert_true (gtk_widget_activate (zb_sync_view_get_widget (view, "sync")));
  zb_test_wait_for (not_synced, service (f), 60);
  error_text = zb_sync_view_get_error_text (view);
  g_assert_nonnull (error_text);
  g_assert_nonnull (strstr (error_text, server));
  g_assert_nonnull (strstr (error_text, zb_sync_service_get_message (service (f))));
  zb_test_settle (300);
  zb_test_screenshot (GTK_WIDGET (f->window.window), "sync-section-error.png");

  /* The database keeps when it last synced: the branch opened again (the
   * service given the store anew, as when Zhibu starts) says it while the
   * server is away. */
  zb_sync_service_set_store (service (f), NULL);
  zb_sync_service_set_store (service (f), store);
  zb_test_wait_for (not_synced, service (f), 60);
  zb_test_wait_for (shows_last_sync, view, 30);
  g_assert_cmpstr (zb_sync_view_get_row_text (view, "last"), ==, last);

  /* Back: Sync Now really syncs the change made meanwhile. */
  zb_test_server_start (f->server);
  g_assert_true (gtk_widget_activate (zb_sync_view_get_widget (view, "sync")));
  zb_test_wait_for (synced, service (f), 60);
  g_assert_cmpuint (zb_store_count_outbox (store, NULL), ==, 0);
  g_assert_cmpstr (zb_sync_view_get_row_text (view, "state"), ==, _("Synced"));
  g_assert_nonnull (zb_sync_view_get_error_text (view));
}

int
main (int   argc,
      char *argv[])
{
  zb_test_gui_init (&argc, &argv);

  g_test_add ("/sync-window/enrol-and-conflict", Fixture, NULL, fixture_set_up,
              test_enrol_and_conflict, fixture_tear_down);
  g_test_add ("/sync-window/section", Fixture, NULL, fixture_set_up, test_section,
              fixture_tear_down);
  g_test_add ("/sync-window/certificates", Fixture, NULL, fixture_set_up, test_certificates,
              fixture_tear_down);

  return g_test_run ();
}
