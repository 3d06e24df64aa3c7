#define G_LOG_DOMAIN "test-sync-window"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "zb-conflict.h"
#include "zb-conflicts-window.h"
#include "zb-store-sync.h"
#include "zb-sync-indicator.h"
#include "zb-sync-settings.h"
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
  g_assert_cmpstr (zb_sync_indicator_get_text (indicator), ==, _("Not syncing"));

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

int
main (int   argc,
      char *argv[])
{
  zb_test_gui_init (&argc, &argv);

  g_test_add ("/sync-window/enrol-and-conflict", Fixture, NULL, fixture_set_up,
              test_enrol_and_conflict, fixture_tear_down);
  g_test_add ("/sync-window/certificates", Fixture, NULL, fixture_set_up, test_certificates,
              fixture_tear_down);

  return g_test_run ();
}
