#define G_LOG_DOMAIN "test-keyring"

#include "config.h"

#include <locale.h>
#include <string.h>

#include "zb-secret.h"
#include "zb-store.h"
#include "zb-store-sync.h"
#include "zb-sync-client.h"
#include "zb-test-sync-server.h"
#include "zb-test-util.h"

/* Runs inside dbus-run-session with a real gnome-keyring-daemon, unlocked
 * (tests/run-with-keyring.sh). */

static void
test_round_trip (void)
{
  g_autofree char *dir = zb_test_make_dir ();
  g_autofree char *path = g_build_filename (dir, "branch.zhibu", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(ZbStore) store = NULL;
  g_autoptr(ZbKey) key = NULL;
  g_autofree char *uuid = NULL;
  g_autofree char *salt = NULL;

  store = zb_store_create_in_keyring (path, "密钥测试支部", NULL, &error);
  g_assert_no_error (error);
  uuid = g_strdup (zb_store_get_uuid (store));
  g_clear_object (&store);

  key = zb_store_lookup_key (path, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (zb_key_get_kind (key), ==, ZB_KEY_RAW);
  g_assert_cmpuint (strlen (zb_key_get_secret (key)), ==, 64);

  store = zb_store_open_from_keyring (path, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (zb_store_get_uuid (store), ==, uuid);
  g_assert_cmpstr (zb_store_get_branch_name (store), ==, "密钥测试支部");
  g_clear_object (&store);

  /* Without its key the file is a recovery case, and stays as it was. */
  salt = zb_store_read_file_salt (path, &error);
  g_assert_no_error (error);
  zb_secret_clear_key (salt, NULL, &error);
  g_assert_no_error (error);
  {
    g_autofree char *before = zb_test_file_sha256 (path);
    g_autofree char *after = NULL;

    store = zb_store_open_from_keyring (path, NULL, &error);
    g_assert_null (store);
    g_assert_error (error, ZB_STORE_ERROR, ZB_STORE_ERROR_NO_KEY);
    g_assert_nonnull (strstr (error->message, "passphrase"));
    after = zb_test_file_sha256 (path);
    g_assert_cmpstr (before, ==, after);
  }

  zb_test_remove_dir (dir);
}

/* The CLI with no --passphrase-file keeps and finds its key in the keyring. */
static void
test_cli (void)
{
  g_autofree char *dir = zb_test_make_dir ();
  g_autofree char *path = g_build_filename (dir, "cli.zhibu", NULL);
  const char *cli = g_getenv ("ZHIBU_CLI");
  g_autofree char *init = g_strdup_printf ("%s --db %s init --branch 命令行支部 --demo-members 5",
                                           cli, path);
  g_autofree char *list = g_strdup_printf ("%s --db %s member list --format csv", cli, path);
  g_autofree char *out = NULL;
  g_autoptr(GError) error = NULL;
  int status = -1;

  g_spawn_command_line_sync (init, NULL, NULL, &status, &error);
  g_assert_no_error (error);
  g_assert_cmpint (status, ==, 0);

  g_spawn_command_line_sync (list, &out, NULL, &status, &error);
  g_assert_no_error (error);
  g_assert_cmpint (status, ==, 0);
  g_assert_true (g_str_has_prefix (out, "id,name,"));
  g_assert_nonnull (strstr (out, "第1党小组"));

  zb_test_remove_dir (dir);
}

static void
done_cb (GObject      *source,
         GAsyncResult *result,
         gpointer      data)
{
  *(GAsyncResult **) data = g_object_ref (result);
}

static GAsyncResult *
wait_for (GAsyncResult **result)
{
  while (*result == NULL)
    g_main_context_iteration (NULL, TRUE);
  return *result;
}

/* Without a token file the device token goes to the keyring, found again
 * by the server's address and the device ID by a client made later. */
static void
test_sync_token (void)
{
  g_autofree char *dir = zb_test_make_dir ();
  g_autofree char *path = g_build_filename (dir, "sync.zhibu", NULL);
  g_autoptr(ZbTestSyncServer) server = zb_test_sync_server_new ();
  g_autofree char *code = zb_test_sync_server_add_code (server);
  const char *url = zb_test_sync_server_get_url (server);
  g_autoptr(ZbKey) key = zb_key_new_random (NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(ZbStore) store = zb_store_create (path, key, "令牌测试支部", &error);
  g_autoptr(ZbSyncClient) first = NULL;
  g_autoptr(ZbSyncClient) later = NULL;
  g_autoptr(GAsyncResult) enrolled = NULL;
  g_autoptr(GAsyncResult) synced = NULL;
  g_autofree char *branch = NULL, *token = NULL, *other = NULL;
  g_autofree char *bare = g_strndup (url, strlen (url) - 1);
  ZbSyncStats stats = { 0 };

  g_autofree char *idn = zb_test_id_number ("1980-01-02", TRUE, 7);
  g_autoptr(ZbMember) member = zb_test_member ("令牌", idn, ZB_CATEGORY_FULL);

  g_assert_no_error (error);
  g_free (zb_store_add_member (store, member, &error));
  g_assert_no_error (error);
  first = zb_sync_client_new (store, url, NULL, &error);
  g_assert_no_error (error);
  zb_sync_client_enrol_async (first, code, NULL, NULL, done_cb, &enrolled);
  branch = zb_sync_client_enrol_finish (first, wait_for (&enrolled), &error);
  g_assert_no_error (error);

  g_assert_true (g_str_has_suffix (url, "/"));
  token = zb_secret_lookup_token (bare, zb_store_get_device_id (store), NULL, &error);
  g_assert_no_error (error);
  g_assert_true (g_str_has_prefix (token, "zbt1_"));
  other = zb_secret_lookup_token ("https://other.example.org", zb_store_get_device_id (store),
                                  NULL, &error);
  g_assert_no_error (error);
  g_assert_null (other);

  /* Spelled without its trailing slash, it is the same server. */
  later = zb_sync_client_new (store, bare, NULL, &error);
  g_assert_no_error (error);
  zb_sync_client_sync_async (later, NULL, done_cb, &synced);
  zb_sync_client_sync_finish (later, wait_for (&synced), &stats, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (stats.pushed, ==, 1);
  g_assert_cmpuint (zb_store_count_outbox (store, NULL), ==, 0);

  g_clear_object (&first);
  g_clear_object (&later);
  while (g_main_context_iteration (NULL, FALSE))
    ;
  zb_test_remove_dir (dir);
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/keyring/round-trip", test_round_trip);
  g_test_add_func ("/keyring/cli", test_cli);
  g_test_add_func ("/keyring/sync-token", test_sync_token);

  return g_test_run ();
}
