#define G_LOG_DOMAIN "bench-sync"

#include "config.h"

#include <locale.h>

#include "zb-test-bench.h"
#include "zb-test-engine.h"
#include "zb-test-proxy.h"
#include "zb-test-server.h"
#include "zb-test-sync.h"
#include "zb-test-util.h"

/* sync-incremental-bytes (DESIGN.md, Performance): the bytes of a sync
 * round after 100 changes, over those of the first, full round of a
 * 10,000-record branch; at most 0.015. Bytes are what crossed a proxy between
 * the real client and the real zhibu-server: requests and answers, headers
 * and gzip bodies, both ways. */

#define N_RECORDS 10000
#define N_CHANGED 100
#define TARGET    0.015

static void
add_members (ZbStore *store)
{
  g_autoptr(GPtrArray) members = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i < N_RECORDS; i++)
    {
      g_autofree char *birth = g_strdup_printf ("19%02u-%02u-%02u", 60 + i / 4000,
                                                1 + (i / 400) % 10, 1 + i % 28);
      g_autofree char *idn = zb_test_id_number (birth, i % 2, i % 400);

      g_ptr_array_add (members, zb_test_member ("党员", idn, "full"));
    }
  zb_store_add_members (store, members, &error);
  g_assert_no_error (error);
}

static void
change_phones (ZbStore *store)
{
  g_autoptr(GListModel) members = zb_store_list_members (store, FALSE, NULL);
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i < N_CHANGED; i++)
    {
      g_autoptr(ZbMember) member = g_list_model_get_item (members, i * 97);
      g_autofree char *phone = g_strdup_printf ("139%08u", i);

      zb_member_set (member, ZB_MEMBER_FIELD_PHONE, phone);
      zb_store_update_member (store, member, &error);
      g_assert_no_error (error);
    }
}

static guint64
round_bytes (ZbSyncClient *client,
             ZbTestProxy  *proxy)
{
  g_autoptr(GError) error = NULL;
  ZbSyncStats stats = { 0 };

  zb_test_proxy_take_bytes (proxy);
  zb_test_sync_round (client, &stats, &error);
  g_assert_no_error (error);
  g_test_message ("round: pushed %u, pulled %u", stats.pushed, stats.pulled);
  return zb_test_proxy_take_bytes (proxy);
}

static void
bench_incremental_bytes (void)
{
  g_autofree char *dir = zb_test_make_dir ();
  g_autofree char *server_dir = g_build_filename (dir, "server", NULL);
  g_autofree char *path = g_build_filename (dir, "branch.zhibu", NULL);
  g_autoptr(ZbTestServerPlace) place = zb_test_server_place_new ("sqlite");
  g_autoptr(ZbTestServer) server = zb_test_server_new (server_dir, NULL);
  g_autoptr(ZbTestProxy) proxy = NULL;
  g_autoptr(ZbKey) key = zb_key_new_random (NULL);
  g_autoptr(ZbStore) store = NULL;
  g_autoptr(ZbSyncClient) client = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *code = NULL, *branch = NULL;
  guint64 full, incremental;
  double ratio;

  g_free (zb_test_server_add_branch (server, "第一党支部"));
  code = zb_test_server_code (server, "第一党支部", NULL);
  zb_test_server_start (server);
  proxy = zb_test_proxy_new (server->url);

  store = zb_store_create (path, key, "第一党支部", &error);
  g_assert_no_error (error);
  add_members (store);
  client = zb_test_sync_client (store, zb_test_proxy_get_url (proxy), dir);
  branch = zb_test_sync_enrol (client, code, &error);
  g_assert_no_error (error);

  full = round_bytes (client, proxy);
  change_phones (store);
  incremental = round_bytes (client, proxy);
  ratio = (double) incremental / full;

  g_clear_object (&client);
  g_printerr ("full sync of %u records: %" G_GUINT64_FORMAT " bytes; %u changes: %"
              G_GUINT64_FORMAT " bytes\n", N_RECORDS, full, N_CHANGED, incremental);
  g_assert_true (zb_test_bench_report ("sync-incremental-bytes", ratio, ZB_BENCH_AT_MOST, TARGET,
                                       NULL));
  zb_test_remove_dir (dir);
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/bench/sync-incremental-bytes", bench_incremental_bytes);
  return g_test_run ();
}
