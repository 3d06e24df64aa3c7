#define G_LOG_DOMAIN "test-sync-client"

#include "config.h"

#include <locale.h>
#include <string.h>
#include <sys/stat.h>

#include "zb-store-sync.h"
#include "zb-sync-backoff.h"
#include "zb-sync-client.h"
#include "zb-sync-protocol.h"
#include "zb-test-sync.h"
#include "zb-test-sync-server.h"
#include "zb-test-util.h"

/* The client against a threaded SoupServer fixture that speaks PROTOCOL.md
 * (tests/zb-test-sync-server.c). The helpers that enrol and sync need only
 * a server URL and an enrolment code, so the same steps can run against a
 * real zhibu-server; the faults (503, dropped answers, 413, rejections) are
 * the fixture's. */

typedef struct
{
  char             *dir;
  ZbTestSyncServer *server;
  ZbStore          *store;      /* PC A */
  ZbSyncClient     *client;
} Fixture;

static ZbStore *
new_store (Fixture    *f,
           const char *name)
{
  g_autoptr(ZbKey) key = zb_key_new_random (NULL);
  g_autofree char *path = g_build_filename (f->dir, name, NULL);
  g_autoptr(GError) error = NULL;
  ZbStore *store = zb_store_create (path, key, "测试支部", &error);

  g_assert_no_error (error);
  return store;
}

static ZbSyncClient *
new_client (Fixture    *f,
            ZbStore    *store,
            const char *url)
{
  return zb_test_sync_client (store, url, f->dir);
}

#define enrol zb_test_sync_enrol
#define sync_round zb_test_sync_round


static void
enrol_ok (Fixture      *f,
          ZbSyncClient *client)
{
  g_autofree char *code = zb_test_sync_server_add_code (f->server);
  g_autoptr(GError) error = NULL;
  g_autofree char *branch = enrol (client, code, &error);

  g_assert_no_error (error);
  g_assert_cmpstr (branch, ==, "测试支部");
}

static void
sync_ok (ZbSyncClient *client,
         ZbSyncStats  *stats)
{
  g_autoptr(GError) error = NULL;

  sync_round (client, stats, &error);
  g_assert_no_error (error);
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  f->dir = zb_test_make_dir ();
  f->server = zb_test_sync_server_new ();
  f->store = new_store (f, "a.zhibu");
  f->client = new_client (f, f->store, zb_test_sync_server_get_url (f->server));
  if (data == NULL)
    enrol_ok (f, f->client);
}

/* The last references go with the notifications still queued for the
 * main context and the round's task, which its worker thread drops a
 * moment after the callback: all of them, and nothing leaks. */
static void
drop_client (ZbSyncClient **client)
{
  gint64 until = g_get_monotonic_time () + 2 * G_USEC_PER_SEC;

  g_object_add_weak_pointer (G_OBJECT (*client), (gpointer *) client);
  g_object_unref (*client);
  while (*client != NULL && g_get_monotonic_time () < until)
    if (!g_main_context_iteration (NULL, FALSE))
      g_usleep (1000);
  g_assert_null (*client);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  drop_client (&f->client);
  g_clear_object (&f->store);
  g_clear_pointer (&f->server, zb_test_sync_server_free);
  zb_test_remove_dir (f->dir);
  g_free (f->dir);
}

static char *
member_value (ZbStore    *store,
              const char *id,
              const char *column)
{
  g_autofree char *sql = g_strdup_printf ("SELECT %s FROM members WHERE id = '%s'", column, id);

  return zb_test_sql_text (store, sql);
}

static void
set_member (ZbStore    *store,
            const char *id,
            const char *column,
            const char *value)
{
  g_autofree char *sql = g_strdup_printf ("UPDATE members SET %s = '%s' WHERE id = '%s'",
                                          column, value, id);

  zb_test_sql_exec (store, sql);
}

/* The token goes to a file of mode 0600 from its first byte; a code works
 * once; everything travels gzip-compressed both ways. */
static void
test_enrol (Fixture       *f,
            gconstpointer  data)
{
  g_autofree char *code = zb_test_sync_server_add_code (f->server);
  g_autofree char *path = g_strdup_printf ("%s/%s.token", f->dir,
                                           zb_store_get_device_id (f->store));
  g_autofree char *contents = NULL, *branch = NULL, *again = NULL;
  g_autoptr(GError) error = NULL;
  struct stat st;

  branch = enrol (f->client, code, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (branch, ==, "测试支部");
  g_assert_cmpint (stat (path, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);
  g_file_get_contents (path, &contents, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (g_str_has_prefix (contents, "zbt1_"));

  again = enrol (f->client, code, &error);
  g_assert_null (again);
  g_assert_error (error, ZB_SYNC_ERROR, ZB_SYNC_ERROR_ENROLMENT_REFUSED);
  g_assert_cmpuint (zb_test_sync_server_count_plain (f->server), ==, 0);
}

static void
count_notify_cb (GObject    *object,
                 GParamSpec *pspec,
                 guint      *count)
{
  (*count)++;
}

/* PC A pushes its records, takes back the echoes (revisions only), and PC
 * B, enrolled later, pulls them whole. */
static void
test_round_trip (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(ZbStore) b = new_store (f, "b.zhibu");
  g_autoptr(ZbSyncClient) client_b = new_client (f, b, zb_test_sync_server_get_url (f->server));
  g_autofree char *m1 = zb_test_add_member (f->store, "王芳", 1);
  g_autofree char *m2 = zb_test_add_member (f->store, "李强", 2);
  g_autofree char *meeting = zb_test_add_meeting (f->store, "lecture", "2026-05-04", "党课",
                                                  NULL);
  g_autofree char *revision = NULL, *name = NULL, *title = NULL, *error_text = NULL;
  g_autoptr(GDateTime) success = NULL;
  guint pending = zb_store_count_outbox (f->store, NULL);
  ZbSyncStats stats = { 0 };
  guint notified = 0;

  g_signal_connect (f->client, "notify::pending", G_CALLBACK (count_notify_cb), &notified);
  sync_ok (f->client, &stats);
  g_assert_cmpuint (stats.pushed, ==, pending);
  g_assert_cmpuint (stats.pulled, ==, pending);
  g_assert_cmpuint (stats.rejected, ==, 0);
  g_assert_cmpuint (stats.attempts, ==, 1);
  g_assert_cmpuint (zb_store_count_outbox (f->store, NULL), ==, 0);
  g_assert_cmpuint (zb_test_sync_server_count_ops (f->server), ==, pending);
  revision = member_value (f->store, m1, "revision");
  g_assert_cmpint (g_ascii_strtoll (revision, NULL, 10), >, 0);
  g_assert_cmpint (zb_test_checkpoint (f->store), ==,
                   zb_test_sync_server_get_sequence (f->server));

  /* For the header bar, notified in this thread's main context. */
  g_assert_cmpuint (zb_sync_client_get_pending (f->client), ==, 0);
  g_assert_cmpint (zb_sync_client_get_state (f->client), ==, ZB_SYNC_CLIENT_IDLE);
  success = zb_sync_client_dup_last_success (f->client);
  g_assert_nonnull (success);
  error_text = zb_sync_client_dup_last_error (f->client);
  g_assert_null (error_text);
  while (g_main_context_iteration (NULL, FALSE))
    ;
  g_assert_cmpuint (notified, >=, 1);

  enrol_ok (f, client_b);
  sync_ok (client_b, &stats);
  g_assert_cmpuint (stats.pushed, ==, 0);
  g_assert_cmpuint (stats.pulled, ==, pending);
  name = member_value (b, m2, "name");
  g_assert_cmpstr (name, ==, "李强");
  title = zb_test_sql_text (b, "SELECT title FROM meetings");
  g_assert_cmpstr (title, ==, "党课");
  g_assert_cmpuint (zb_store_count_outbox (b, NULL), ==, 0);
  g_assert_cmpuint (zb_test_sync_server_count_plain (f->server), ==, 0);
  g_assert_cmpuint (zb_test_sync_server_count_requests (f->server, "/v1/push"), ==, 1);
}

/* 503 with Retry-After: 1, then success: the wait is the server's, not the
 * 50 ms back-off. */
static void
test_retry_after (Fixture       *f,
                  gconstpointer  data)
{
  g_autofree char *m = zb_test_add_member (f->store, "赵敏", 3);
  ZbSyncStats stats = { 0 };
  gint64 start;

  zb_test_sync_server_fail_next (f->server, "/v1/push", 503, "unavailable", 1);
  start = g_get_monotonic_time ();
  sync_ok (f->client, &stats);
  g_assert_cmpint (g_get_monotonic_time () - start, >=, G_USEC_PER_SEC);
  g_assert_cmpuint (stats.attempts, ==, 2);
  g_assert_cmpuint (stats.pushed, ==, 1);
  g_assert_cmpuint (zb_test_sync_server_count_requests (f->server, "/v1/push"), ==, 2);
}

/* The server commits a push and the answer is cut off: the client sends it
 * again, the server answers from what it kept, and nothing is applied
 * twice; a cut page is asked for again from the same checkpoint. */
static void
test_dropped (Fixture       *f,
              gconstpointer  data)
{
  ZbSyncStats stats = { 0 };
  guint pending;

  for (guint i = 0; i < 4; i++)
    g_free (zb_test_add_member (f->store, "党员", 10 + i));
  pending = zb_store_count_outbox (f->store, NULL);

  zb_test_sync_server_drop_next (f->server, "/v1/push");
  zb_test_sync_server_drop_next (f->server, "/v1/changes");
  sync_ok (f->client, &stats);
  g_assert_cmpuint (stats.attempts, ==, 3);
  g_assert_cmpuint (zb_test_sync_server_count_requests (f->server, "/v1/push"), ==, 2);
  g_assert_cmpuint (zb_test_sync_server_count_ops (f->server), ==, pending);
  g_assert_cmpuint (zb_store_count_outbox (f->store, NULL), ==, 0);
  g_assert_cmpint (zb_test_checkpoint (f->store), ==,
                   zb_test_sync_server_get_sequence (f->server));
}

/* 413 too_many_ops: the client halves the batch until the server takes it. */
static void
test_too_many_ops (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GArray) sizes = NULL;
  ZbSyncStats stats = { 0 };
  guint total = 0;

  for (guint i = 0; i < 10; i++)
    g_free (zb_test_add_member (f->store, "党员", 20 + i));
  zb_test_sync_server_set_max_ops (f->server, 4);

  sync_ok (f->client, &stats);
  sizes = zb_test_sync_server_dup_push_sizes (f->server);
  g_assert_cmpuint (sizes->len, ==, 7);
  g_assert_cmpuint (g_array_index (sizes, guint, 0), ==, 10);
  g_assert_cmpuint (g_array_index (sizes, guint, 1), ==, 5);
  for (guint i = 2; i < sizes->len; i++)
    {
      g_assert_cmpuint (g_array_index (sizes, guint, i), ==, 2);
      total += g_array_index (sizes, guint, i);
    }
  g_assert_cmpuint (total, ==, 10);
  g_assert_cmpuint (stats.pushed, ==, 10);
  g_assert_cmpuint (zb_test_sync_server_count_ops (f->server), ==, 10);
  g_assert_cmpuint (zb_store_count_outbox (f->store, NULL), ==, 0);
}

/* A body over 1 MiB once compressed is halved before it is sent. */
static void
test_large_body (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(GArray) sizes = NULL;
  ZbSyncStats stats = { 0 };

  for (guint i = 0; i < 4; i++)
    {
      g_autofree char *id = zb_test_add_member (f->store, "党员", 40 + i);
      g_autofree guint8 *noise = g_malloc (300 * 1024);
      g_autofree char *text = NULL, *sql = NULL;

      for (gsize j = 0; j < 300 * 1024; j++)
        noise[j] = g_random_int ();
      text = g_base64_encode (noise, 300 * 1024);
      /* Far past the limits, as only another program could store it. */
      sql = g_strdup_printf ("UPDATE members SET address = '%s' WHERE id = '%s'", text, id);
      zb_test_sql_exec_unchecked (f->store, sql);
    }
  zb_test_clear_outbox (f->store);
  zb_test_sql_exec (f->store, "INSERT INTO sync_outbox (table_name, row_id, op, base_revision, "
                              "created_at) SELECT 'members', id, 'insert', 0, 'now' FROM members");

  sync_ok (f->client, &stats);
  sizes = zb_test_sync_server_dup_push_sizes (f->server);
  g_assert_cmpuint (sizes->len, ==, 2);
  g_assert_cmpuint (g_array_index (sizes, guint, 0), ==, 2);
  g_assert_cmpuint (g_array_index (sizes, guint, 1), ==, 2);
  g_assert_cmpuint (zb_test_sync_server_count_requests (f->server, "/v1/push"), ==, 2);
  g_assert_cmpuint (stats.pushed, ==, 4);
}

/* An op the server refuses moves to the rejected list with its reason, and
 * the ops after it still go. */
static void
test_rejected (Fixture       *f,
               gconstpointer  data)
{
  g_autofree char *a = zb_test_add_member (f->store, "韩梅", 50);
  g_autofree char *b = zb_test_add_member (f->store, "卫青", 51);
  g_autofree char *server_post = NULL;
  g_autoptr(GListModel) rejected = NULL;
  g_autoptr(ZbOutboxEntry) r = NULL;
  ZbSyncStats stats = { 0 };

  sync_ok (f->client, &stats);
  set_member (f->store, a, "post", "拒绝");
  set_member (f->store, b, "post", "宣传委员");
  zb_test_sync_server_reject_value (f->server, "post", "拒绝", "finalised");

  sync_ok (f->client, &stats);
  g_assert_cmpuint (stats.rejected, ==, 1);
  g_assert_cmpuint (stats.pushed, ==, 1);
  g_assert_cmpuint (zb_store_count_outbox (f->store, NULL), ==, 0);
  rejected = zb_store_list_rejected (f->store, NULL);
  g_assert_cmpuint (g_list_model_get_n_items (rejected), ==, 1);
  r = g_list_model_get_item (rejected, 0);
  g_assert_cmpstr (zb_outbox_entry_get_row_id (r), ==, a);
  g_assert_cmpstr (zb_outbox_entry_get_error_code (r), ==, "finalised");
  g_assert_cmpstr (zb_outbox_entry_get_reason (r), ==, "测试服务器拒绝了这项修改");
  g_assert_nonnull (strstr (zb_outbox_entry_get_fields (r), "拒绝"));
  g_assert_cmpuint (zb_sync_client_get_rejected (f->client), ==, 1);
  server_post = zb_test_sync_server_dup_value (f->server, "members", b, "post");
  g_assert_cmpstr (server_post, ==, "\"宣传委员\"");
}

/* Several pages, each applied with its checkpoint: a round cut after the
 * first keeps it, and the next round goes on from there. */
static void
test_pages (Fixture       *f,
            gconstpointer  data)
{
  g_autoptr(ZbStore) b = new_store (f, "b.zhibu");
  g_autoptr(ZbSyncClient) client_b = new_client (f, b, zb_test_sync_server_get_url (f->server));
  g_autoptr(GDateTime) retry = NULL;
  g_autoptr(GError) error = NULL;
  ZbSyncStats stats = { 0 };

  for (guint i = 0; i < 5; i++)
    g_free (zb_test_add_member (f->store, "党员", 60 + i));
  sync_ok (f->client, &stats);
  g_assert_cmpint (zb_test_sync_server_get_sequence (f->server), ==, 5);

  enrol_ok (f, client_b);
  zb_test_sync_server_set_page_size (f->server, 2);
  zb_test_sync_server_fail_later (f->server, "/v1/changes", 1, 500, "internal", 0);
  g_object_set (client_b, "max-retries", 0, NULL);
  g_assert_false (sync_round (client_b, &stats, &error));
  g_assert_error (error, ZB_SYNC_ERROR, ZB_SYNC_ERROR_INTERNAL);
  g_assert_cmpint (zb_test_checkpoint (b), ==, 2);
  g_assert_cmpint (zb_test_sql_int (b, "SELECT count(*) FROM members"), ==, 2);
  retry = zb_sync_client_dup_next_retry (client_b);
  g_assert_nonnull (retry);

  g_clear_error (&error);
  sync_ok (client_b, &stats);
  g_assert_cmpuint (stats.pulled, ==, 3);
  g_assert_cmpint (zb_test_checkpoint (b), ==, 5);
  g_assert_cmpint (zb_test_sql_int (b, "SELECT count(*) FROM members"), ==, 5);
  g_assert_cmpuint (zb_test_sync_server_count_requests (f->server, "/v1/changes"), ==,
                    1 + 2 + 2);
}

/* A revoked token is reported as such, and not tried again. */
static void
test_unauthorized (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GDateTime) next = NULL;
  g_autofree char *last = NULL;
  ZbSyncStats stats = { 0 };

  zb_test_sync_server_revoke_tokens (f->server);
  g_assert_false (sync_round (f->client, &stats, &error));
  g_assert_error (error, ZB_SYNC_ERROR, ZB_SYNC_ERROR_UNAUTHORIZED);
  g_assert_nonnull (strstr (error->message, "enrol again"));
  g_assert_false (zb_sync_client_is_transient (error));
  last = zb_sync_client_dup_last_error (f->client);
  g_assert_cmpstr (last, ==, error->message);
  next = zb_sync_client_dup_next_retry (f->client);
  g_assert_null (next);
  g_assert_cmpuint (zb_test_sync_server_count_requests (f->server, "/v1/changes"), ==, 1);
}

/* Before enrolment there is no token to send. */
static void
test_not_enrolled (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  g_assert_false (sync_round (f->client, NULL, &error));
  g_assert_error (error, ZB_SYNC_CLIENT_ERROR, ZB_SYNC_CLIENT_ERROR_NOT_ENROLLED);
  g_assert_cmpuint (zb_test_sync_server_count_requests (f->server, "/v1/changes"), ==, 0);
}

/* Plain http:// only to loopback. */
static void
test_insecure (Fixture       *f,
               gconstpointer  data)
{
  const char *refused[] = { "http://sync.example.org:8080", "http://192.168.1.10/",
                            "http://[2001:db8::1]:80" };
  const char *bad[] = { "ftp://sync.example.org", "sync.example.org", "https://", "" };
  const char *allowed[] = { "https://sync.example.org:8443/", "http://127.0.0.1:9",
                            "http://localhost:9", "http://[::1]:9" };

  for (guint i = 0; i < G_N_ELEMENTS (refused); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(ZbSyncClient) c = zb_sync_client_new (f->store, refused[i], NULL, &error);

      g_assert_null (c);
      g_assert_error (error, ZB_SYNC_CLIENT_ERROR, ZB_SYNC_CLIENT_ERROR_INSECURE);
    }
  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(ZbSyncClient) c = zb_sync_client_new (f->store, bad[i], NULL, &error);

      g_assert_null (c);
      g_assert_error (error, ZB_SYNC_CLIENT_ERROR, ZB_SYNC_CLIENT_ERROR_BAD_URL);
    }
  for (guint i = 0; i < G_N_ELEMENTS (allowed); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(ZbSyncClient) c = zb_sync_client_new (f->store, allowed[i], NULL, &error);

      g_assert_no_error (error);
      g_assert_nonnull (c);
    }
}

/* Two PCs change one field: the second gets a conflict with both values,
 * resolves it by keeping its own, and the first ends with that value. */
static void
test_conflict (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(ZbStore) b = new_store (f, "b.zhibu");
  g_autoptr(ZbSyncClient) client_b = new_client (f, b, zb_test_sync_server_get_url (f->server));
  g_autofree char *m = zb_test_add_member (f->store, "孙丽", 70);
  g_autofree char *phone_b = NULL, *phone_a = NULL, *server_phone = NULL, *state = NULL;
  g_autoptr(GListModel) conflicts = NULL;
  g_autoptr(ZbConflict) c = NULL;
  g_autoptr(GError) error = NULL;
  ZbSyncStats stats = { 0 };

  enrol_ok (f, client_b);
  sync_ok (f->client, &stats);
  sync_ok (client_b, &stats);

  set_member (f->store, m, "phone", "13911110000");
  sync_ok (f->client, &stats);
  set_member (b, m, "phone", "13700002222");
  sync_ok (client_b, &stats);
  g_assert_cmpuint (stats.conflicts, ==, 1);
  g_assert_cmpuint (zb_sync_client_get_open_conflicts (client_b), ==, 1);

  /* The server kept A's value, and B shows it until someone decides. */
  phone_b = member_value (b, m, "phone");
  g_assert_cmpstr (phone_b, ==, "13911110000");
  conflicts = zb_store_list_conflicts (b, FALSE, NULL);
  g_assert_cmpuint (g_list_model_get_n_items (conflicts), ==, 1);
  c = g_list_model_get_item (conflicts, 0);
  g_assert_cmpstr (zb_conflict_get_kept_value (c), ==, "\"13911110000\"");
  g_assert_cmpstr (zb_conflict_get_pushed_value (c), ==, "\"13700002222\"");
  g_assert_cmpstr (zb_conflict_get_pushed_device (c), ==, zb_store_get_device_id (b));

  zb_store_resolve_conflict (b, zb_conflict_get_id (c), ZB_CONFLICT_PICK_PUSHED, NULL, &error);
  g_assert_no_error (error);
  sync_ok (client_b, &stats);
  g_assert_cmpuint (stats.conflicts, ==, 0);
  server_phone = zb_test_sync_server_dup_value (f->server, "members", m, "phone");
  g_assert_cmpstr (server_phone, ==, "\"13700002222\"");
  g_clear_object (&conflicts);
  conflicts = zb_store_list_conflicts (b, TRUE, NULL);
  g_clear_object (&c);
  c = g_list_model_get_item (conflicts, 0);
  g_assert_cmpstr (zb_conflict_get_state (c), ==, "resolved");

  sync_ok (f->client, &stats);
  phone_a = member_value (f->store, m, "phone");
  g_assert_cmpstr (phone_a, ==, "13700002222");
  state = zb_test_sql_text (f->store, "SELECT state FROM sync_conflicts");
  g_assert_cmpstr (state, ==, "resolved");
}

/* An op whose row was removed since goes with the delete that removed it. */
static void
test_row_gone (Fixture       *f,
               gconstpointer  data)
{
  g_autofree char *meeting = zb_test_add_meeting (f->store, "lecture", "2026-05-04", "党课",
                                                  NULL);
  g_autofree char *sql = g_strdup_printf ("INSERT INTO meeting_guests (id, meeting_id, name) "
                                          "VALUES ('g-1', '%s', '来宾');"
                                          "DELETE FROM meeting_guests WHERE id = 'g-1';",
                                          meeting);
  g_autoptr(GArray) sizes = NULL;
  ZbSyncStats stats = { 0 };

  zb_test_sql_exec (f->store, sql);
  g_assert_cmpuint (zb_store_count_outbox (f->store, NULL), ==, 3);
  sync_ok (f->client, &stats);
  sizes = zb_test_sync_server_dup_push_sizes (f->server);
  g_assert_cmpuint (g_array_index (sizes, guint, 0), ==, 2);
  g_assert_cmpuint (stats.pushed, ==, 2);
  g_assert_cmpuint (zb_store_count_outbox (f->store, NULL), ==, 0);
}

/* More removed rows than one window of the outbox holds: the round reaches
 * their deletes all the same. */
static void
test_rows_gone (Fixture       *f,
                gconstpointer  data)
{
  g_autofree char *meeting = zb_test_add_meeting (f->store, "lecture", "2026-05-04", "党课",
                                                  NULL);
  g_autofree char *sql = g_strdup_printf ("WITH RECURSIVE n (i) AS (SELECT 1 UNION ALL "
                                          "SELECT i + 1 FROM n WHERE i < 600) "
                                          "INSERT INTO meeting_guests (id, meeting_id, name) "
                                          "SELECT 'g-' || i, '%s', '来宾' FROM n;"
                                          "DELETE FROM meeting_guests;", meeting);
  ZbSyncStats stats = { 0 };

  zb_test_clear_outbox (f->store);
  zb_test_sql_exec (f->store, sql);
  g_assert_cmpuint (zb_store_count_outbox (f->store, NULL), ==, 1200);
  sync_ok (f->client, &stats);
  g_assert_cmpuint (stats.pushed, ==, 600);
  g_assert_cmpuint (zb_store_count_outbox (f->store, NULL), ==, 0);
}

static gboolean
cancel_cb (gpointer data)
{
  g_cancellable_cancel (data);
  return G_SOURCE_REMOVE;
}

/* A round waiting out a Retry-After stops as soon as it is cancelled. */
static void
test_cancel (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;
  gint64 start = g_get_monotonic_time ();

  g_free (zb_test_add_member (f->store, "周杰", 80));
  zb_test_sync_server_fail_next (f->server, "/v1/push", 503, "unavailable", 30);
  g_timeout_add (300, cancel_cb, cancellable);
  g_assert_false (zb_sync_client_sync (f->client, cancellable, NULL, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_cmpint (g_get_monotonic_time () - start, <, 5 * G_USEC_PER_SEC);
  g_assert_cmpuint (zb_store_count_outbox (f->store, NULL), ==, 1);
}

/* 2 s doubling to 15 min, ±25 %, never under a Retry-After. */
static void
test_backoff (void)
{
  ZbSyncBackoff backoff;
  guint64 expected = 2000;

  zb_sync_backoff_init (&backoff, ZB_SYNC_BACKOFF_INITIAL_MS, ZB_SYNC_BACKOFF_MAX_MS);
  for (guint i = 0; i < 12; i++)
    {
      g_assert_cmpuint (zb_sync_backoff_next (&backoff, 0, 0.5), ==, expected);
      expected = MIN (expected * 2, ZB_SYNC_BACKOFF_MAX_MS);
    }
  g_assert_cmpuint (zb_sync_backoff_next (&backoff, 0, 0.5), ==, 15 * 60 * 1000);

  zb_sync_backoff_reset (&backoff);
  g_assert_cmpuint (zb_sync_backoff_next (&backoff, 0, 0.0), ==, 1500);
  g_assert_cmpuint (zb_sync_backoff_next (&backoff, 0, 1.0), ==, 5000);
  g_assert_cmpuint (zb_sync_backoff_next (&backoff, 30, 0.5), ==, 30000);
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add ("/sync-client/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
#define ADD_UNENROLLED(path, func) \
  g_test_add ("/sync-client/" path, Fixture, "unenrolled", fixture_set_up, func, \
              fixture_tear_down)

  ADD_UNENROLLED ("enrol", test_enrol);
  ADD_UNENROLLED ("not-enrolled", test_not_enrolled);
  ADD_UNENROLLED ("insecure", test_insecure);
  ADD ("round-trip", test_round_trip);
  ADD ("retry-after", test_retry_after);
  ADD ("dropped", test_dropped);
  ADD ("too-many-ops", test_too_many_ops);
  ADD ("large-body", test_large_body);
  ADD ("rejected", test_rejected);
  ADD ("pages", test_pages);
  ADD ("unauthorized", test_unauthorized);
  ADD ("conflict", test_conflict);
  ADD ("row-gone", test_row_gone);
  ADD ("rows-gone", test_rows_gone);
  ADD ("cancel", test_cancel);
  g_test_add_func ("/sync-client/backoff", test_backoff);

  return g_test_run ();
}
