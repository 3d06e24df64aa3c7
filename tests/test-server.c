#define G_LOG_DOMAIN "test-server"

#include "config.h"

#include <locale.h>
#include <string.h>

#include <libsoup/soup.h>

#include "zb-canonical-json.h"
#include "zb-date.h"
#include "zb-store-private.h"
#include "zb-store-sync.h"
#include "zb-sync-batch.h"
#include "zb-sync-gzip.h"
#include "zb-sync-protocol.h"
#include "zb-test-engine.h"
#include "zb-test-proxy.h"
#include "zb-test-server.h"
#include "zb-test-util.h"

/* zhibu-server as PROTOCOL.md says, spoken to over HTTP on loopback: the
 * real server process, real branch databases making the ops. */

typedef struct
{
  char              *dir;
  ZbTestServerPlace *place;
  ZbTestServer      *server;
  SoupSession       *session;
} Fixture;

typedef struct
{
  ZbStore *store;
  char    *token;
} Client;

static void
client_clear (Client *client)
{
  g_clear_object (&client->store);
  g_clear_pointer (&client->token, g_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Client, client_clear)

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autofree char *server_dir = NULL;

  f->dir = zb_test_make_dir ();
  f->place = zb_test_server_place_new (data);
  server_dir = g_build_filename (f->dir, "server", NULL);
  f->server = zb_test_server_new (server_dir, zb_test_server_place_conninfo (f->place));
  g_free (zb_test_server_add_branch (f->server, "第一党支部"));
  g_free (zb_test_server_add_branch (f->server, "第二党支部"));
  zb_test_server_start (f->server);
  f->session = soup_session_new ();
  /* The bodies are checked as sent: no decoding behind the test's back. */
  soup_session_remove_feature_by_type (f->session, SOUP_TYPE_CONTENT_DECODER);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_clear_object (&f->session);
  g_clear_pointer (&f->server, zb_test_server_free);
  g_clear_pointer (&f->place, zb_test_server_place_free);
  zb_test_remove_dir (f->dir);
  g_free (f->dir);
}

/* One request; the status, and the answer's JSON when there is one. */
static guint
request (Fixture     *f,
         const char  *method,
         const char  *path,
         const char  *token,
         GBytes      *body,
         const char  *encoding,
         JsonNode   **answer)
{
  g_autofree char *url = g_strconcat (f->server->url, path + 1, NULL);
  g_autoptr(SoupMessage) msg = soup_message_new (method, url);
  SoupMessageHeaders *headers = soup_message_get_request_headers (msg);
  g_autoptr(GBytes) raw = NULL, json = NULL;
  g_autoptr(GError) error = NULL;
  const char *content_encoding;

  soup_message_headers_replace (headers, "Accept-Encoding", "gzip");
  if (token != NULL)
    {
      g_autofree char *bearer = g_strconcat ("Bearer ", token, NULL);
      soup_message_headers_replace (headers, "Authorization", bearer);
    }
  if (encoding != NULL)
    soup_message_headers_replace (headers, "Content-Encoding", encoding);
  if (body != NULL)
    soup_message_set_request_body_from_bytes (msg, "application/json", body);

  raw = soup_session_send_and_read (f->session, msg, NULL, &error);
  g_assert_no_error (error);
  content_encoding = soup_message_headers_get_one (soup_message_get_response_headers (msg),
                                                   "Content-Encoding");
  json = g_strcmp0 (content_encoding, "gzip") == 0
         ? zb_sync_gzip_decompress (raw, ZB_SYNC_MAX_DECODED, &error) : g_bytes_ref (raw);
  g_assert_no_error (error);
  if (answer != NULL)
    *answer = g_bytes_get_size (json) ? zb_sync_parse_json (json, &error) : NULL;
  g_assert_no_error (error);
  return soup_message_get_status (msg);
}

static guint
post_json (Fixture     *f,
           const char  *path,
           const char  *token,
           JsonNode    *body,
           JsonNode   **answer)
{
  g_autoptr(GBytes) json = zb_sync_json_to_bytes (body);
  g_autoptr(GBytes) gzip = zb_sync_gzip_compress (json, NULL);

  return request (f, "POST", path, token, gzip, "gzip", answer);
}

static const char *
error_code (JsonNode *answer)
{
  return json_object_get_string_member (json_node_get_object (answer), "error");
}

static JsonNode *
enrol_body (const char *code,
            const char *device_id)
{
  JsonObject *object = json_object_new ();

  json_object_set_int_member (object, "protocol", ZB_SYNC_PROTOCOL);
  json_object_set_string_member (object, "code", code);
  json_object_set_string_member (object, "device_id", device_id);
  json_object_set_string_member (object, "device_name", "党群办公室");
  return zb_sync_node_take_object (object);
}

/* Adds @op to @batch and drops the caller's reference: the batch takes one of its own. */
static void
batch_take (ZbSyncBatch *batch,
            ZbSyncOp    *op)
{
  zb_sync_batch_add (batch, op);
  g_object_unref (op);
}

/* A branch PC: its own database, enrolled with a fresh code. */
static void
client_init (Fixture    *f,
             Client     *client,
             const char *name,
             const char *branch)
{
  g_autofree char *code = zb_test_server_code (f->server, branch, NULL);
  g_autoptr(JsonNode) body = NULL;
  g_autoptr(JsonNode) answer = NULL;

  client->store = zb_test_new_store (f->dir, name);
  body = enrol_body (code, client->store->device_id);
  g_assert_cmpuint (post_json (f, "/v1/enrol", NULL, body, &answer), ==, 200);
  client->token = g_strdup (json_object_get_string_member (json_node_get_object (answer),
                                                           "token"));
  g_assert_true (g_str_has_prefix (client->token, "zbt1_"));
}

/* The whole outbox as one batch, as the client will send it. */
static ZbSyncBatch *
outbox_batch (Client *client)
{
  g_autoptr(GListModel) entries = zb_store_list_outbox (client->store, ZB_SYNC_MAX_OPS, NULL);
  ZbSyncBatch *batch = zb_sync_batch_new (client->store->device_id);

  for (guint i = 0; i < g_list_model_get_n_items (entries); i++)
    {
      g_autoptr(ZbOutboxEntry) entry = g_list_model_get_item (entries, i);
      g_autoptr(GError) error = NULL;
      g_autoptr(JsonObject) fields = zb_store_read_outbox_fields (client->store, entry, &error);
      ZbSyncOpKind kind;
      g_autoptr(ZbSyncOp) op = NULL;

      g_assert_no_error (error);
      g_assert_true (zb_sync_op_kind_from_string (zb_outbox_entry_get_op (entry), &kind));
      op = zb_sync_op_new (client->store->device_id, zb_outbox_entry_get_op_id (entry),
                           zb_outbox_entry_get_table_name (entry),
                           zb_outbox_entry_get_row_id (entry), kind,
                           zb_outbox_entry_get_base_revision (entry),
                           kind == ZB_SYNC_OP_DELETE ? NULL : fields);
      zb_sync_op_set_resolves (op, zb_outbox_entry_get_resolves (entry));
      zb_sync_batch_add (batch, op);
    }
  return batch;
}

static guint
push_batch (Fixture      *f,
            Client       *client,
            ZbSyncBatch  *batch,
            JsonNode    **answer)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) json = zb_sync_batch_to_bytes (batch, &error);
  g_autoptr(GBytes) gzip = zb_sync_gzip_compress (json, NULL);

  g_assert_no_error (error);
  return request (f, "POST", "/v1/push", client->token, gzip, "gzip", answer);
}

/* Pushes the outbox and acknowledges what the server took. */
static JsonArray *
push (Fixture *f,
      Client  *client)
{
  g_autoptr(ZbSyncBatch) batch = outbox_batch (client);
  g_autoptr(JsonNode) answer = NULL;
  g_autoptr(GArray) acked = g_array_new (FALSE, FALSE, sizeof (gint64));
  JsonArray *results;

  g_assert_cmpuint (push_batch (f, client, batch, &answer), ==, 200);
  results = json_object_get_array_member (json_node_get_object (answer), "results");
  for (guint i = 0; i < json_array_get_length (results); i++)
    {
      gint64 op_id = json_object_get_int_member (json_array_get_object_element (results, i),
                                                 "op_id");
      g_array_append_val (acked, op_id);
    }
  g_assert_true (zb_store_ack_outbox (client->store, (gint64 *) acked->data, acked->len, NULL));
  return json_array_ref (results);
}

static const char *
result_status (JsonArray *results,
               guint      i)
{
  return json_object_get_string_member (json_array_get_object_element (results, i), "status");
}

static JsonObject *
changes (Fixture    *f,
         Client     *client,
         gint64      since,
         JsonNode  **answer)
{
  g_autofree char *path = g_strdup_printf ("/v1/changes?since=%" G_GINT64_FORMAT, since);

  g_assert_cmpuint (request (f, "GET", path, client->token, NULL, NULL, answer), ==, 200);
  return json_node_get_object (*answer);
}

static char *
add_member (Client     *client,
            const char *name,
            guint       serial)
{
  g_autofree char *idn = zb_test_id_number ("1980-06-15", serial % 2, serial);
  g_autoptr(ZbMember) member = zb_test_member (name, idn, "full");
  g_autoptr(GError) error = NULL;
  char *id = zb_store_add_member (client->store, member, &error);

  g_assert_no_error (error);
  return id;
}

/* Codes are refused when unknown, used or expired, all alike. */
static void
test_enrol (Fixture       *f,
            gconstpointer  data)
{
  g_autofree char *code = zb_test_server_code (f->server, "第一党支部", NULL);
  g_autofree char *short_lived = zb_test_server_code (f->server, "第一党支部", "1s");
  g_autoptr(JsonNode) bad = enrol_body ("AAAA-BBBB-CCCC-DDDD", "device-a");
  g_autoptr(JsonNode) good = NULL, again = NULL, late = NULL;
  g_autoptr(JsonNode) answer = NULL;
  g_autofree char *lower = g_ascii_strdown (code, -1);

  g_assert_cmpuint (post_json (f, "/v1/enrol", NULL, bad, &answer), ==, 401);
  g_assert_cmpstr (error_code (answer), ==, "enrolment_refused");
  g_clear_pointer (&answer, json_node_unref);

  /* Case and hyphens do not matter. */
  good = enrol_body (lower, "device-a");
  g_assert_cmpuint (post_json (f, "/v1/enrol", NULL, good, &answer), ==, 200);
  g_assert_cmpstr (json_object_get_string_member (json_node_get_object (answer), "branch_name"),
                   ==, "第一党支部");
  g_clear_pointer (&answer, json_node_unref);

  again = enrol_body (code, "device-b");
  g_assert_cmpuint (post_json (f, "/v1/enrol", NULL, again, &answer), ==, 401);
  g_assert_cmpstr (error_code (answer), ==, "enrolment_refused");
  g_clear_pointer (&answer, json_node_unref);

  g_usleep (G_USEC_PER_SEC * 3 / 2);
  late = enrol_body (short_lived, "device-c");
  g_assert_cmpuint (post_json (f, "/v1/enrol", NULL, late, &answer), ==, 401);
  g_assert_cmpstr (error_code (answer), ==, "enrolment_refused");
}

static guint
get_device (Fixture     *f,
            const char  *token)
{
  return request (f, "GET", "/v1/device", token, NULL, NULL, NULL);
}

static gboolean
strv_has (char       **strv,
          const char  *text)
{
  return g_strv_contains ((const char * const *) strv, text);
}

/* Whoever has a code cannot take over another PC of the branch by naming
 * its device ID: a code never rebinds a device that holds a token, the
 * refused try uses the code up, and the PC keeps syncing. Once the
 * administrator resets the device, its old token stops working and it
 * enrols again with a new code. */
static void
test_takeover (Fixture       *f,
               gconstpointer  data)
{
  g_auto(Client) a = { 0 };
  g_autofree char *code = zb_test_server_code (f->server, "第一党支部", NULL);
  g_autofree char *other_branch = zb_test_server_code (f->server, "第二党支部", NULL);
  g_autofree char *fresh = NULL, *member = NULL, *old_token = NULL;
  g_autoptr(JsonNode) answer = NULL, take = NULL, again = NULL, elsewhere = NULL;
  g_autoptr(JsonNode) used = NULL, back = NULL;
  g_autoptr(JsonArray) results = NULL;
  g_auto(GStrv) ids = NULL;
  const char *message;

  client_init (f, &a, "a.zhibu", "第一党支部");
  take = enrol_body (code, a.store->device_id);
  g_assert_cmpuint (post_json (f, "/v1/enrol", NULL, take, &answer), ==, 409);
  g_assert_cmpstr (error_code (answer), ==, "device_enrolled");
  message = json_object_get_string_member (json_node_get_object (answer), "message");
  g_assert_nonnull (strstr (message, "zhibu-server device reset"));
  g_assert_nonnull (strstr (message, a.store->device_id));
  g_clear_pointer (&answer, json_node_unref);

  /* The PC's token still works. */
  g_assert_cmpuint (get_device (f, a.token), ==, 200);
  member = add_member (&a, "张伟", 11);
  results = push (f, &a);
  g_assert_cmpstr (result_status (results, 0), ==, "applied");

  /* The refused try used the code up, for any device. */
  again = enrol_body (code, "device-b");
  g_assert_cmpuint (post_json (f, "/v1/enrol", NULL, again, &answer), ==, 401);
  g_assert_cmpstr (error_code (answer), ==, "enrolment_refused");
  g_clear_pointer (&answer, json_node_unref);

  /* So does a try with another branch's code. */
  elsewhere = enrol_body (other_branch, a.store->device_id);
  g_assert_cmpuint (post_json (f, "/v1/enrol", NULL, elsewhere, &answer), ==, 409);
  g_assert_cmpstr (error_code (answer), ==, "device_in_other_branch");
  g_clear_pointer (&answer, json_node_unref);
  used = enrol_body (other_branch, "device-c");
  g_assert_cmpuint (post_json (f, "/v1/enrol", NULL, used, &answer), ==, 401);
  g_clear_pointer (&answer, json_node_unref);

  ids = zb_test_server_device_ids (f->server);
  g_assert_cmpuint (g_strv_length (ids), ==, 1);
  g_assert_true (strv_has (ids, a.store->device_id));

  zb_test_server_reset_device (f->server, a.store->device_id);
  g_assert_cmpuint (get_device (f, a.token), ==, 401);

  fresh = zb_test_server_code (f->server, "第一党支部", NULL);
  back = enrol_body (fresh, a.store->device_id);
  g_assert_cmpuint (post_json (f, "/v1/enrol", NULL, back, &answer), ==, 200);
  old_token = g_steal_pointer (&a.token);
  a.token = g_strdup (json_object_get_string_member (json_node_get_object (answer), "token"));
  g_assert_cmpstr (a.token, !=, old_token);
  g_assert_cmpuint (get_device (f, old_token), ==, 401);
  g_assert_cmpuint (get_device (f, a.token), ==, 200);

  /* Enrolled again, it holds a token again: codes cannot take it over. */
  g_clear_pointer (&answer, json_node_unref);
  g_free (fresh);
  fresh = zb_test_server_code (f->server, "第一党支部", NULL);
  g_clear_pointer (&back, json_node_unref);
  back = enrol_body (fresh, a.store->device_id);
  g_assert_cmpuint (post_json (f, "/v1/enrol", NULL, back, &answer), ==, 409);
}

/* `device reset` of a device the server does not know says so. */
static void
test_reset_unknown (Fixture       *f,
                    gconstpointer  data)
{
  int status;
  g_autofree char *out = zb_test_server_run (f->server, &status, "device", "reset",
                                             "6f1c2b9e-3d4a-4e5f-8a7b-1c2d3e4f5a6b", NULL);

  g_assert_cmpint (status, ==, 1);
  g_assert_cmpstr (out, ==, "");
}

/* One line a request on the server's stderr, naming the method, path,
 * status, device ID and number of ops in the line itself; never a
 * member's data. */
static void
test_log_lines (Fixture       *f,
                gconstpointer  data)
{
  g_auto(Client) a = { 0 };
  g_autofree char *log = g_build_filename (f->dir, "server.log", NULL);
  g_autofree char *text = NULL, *wanted = NULL, *field = NULL, *m1 = NULL, *m2 = NULL;
  g_autofree char *idn = zb_test_id_number ("1980-06-15", 1, 21);
  g_autoptr(JsonArray) results = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) lines = NULL;
  const char *line = NULL;

  zb_test_server_kill (f->server);
  f->server->stderr_path = g_strdup (log);
  zb_test_server_start (f->server);

  client_init (f, &a, "a.zhibu", "第一党支部");
  m1 = add_member (&a, "张伟", 21);
  m2 = add_member (&a, "李娜", 22);
  results = push (f, &a);
  g_assert_cmpuint (json_array_get_length (results), ==, 2);
  zb_test_server_kill (f->server);

  g_assert_true (g_file_get_contents (log, &text, NULL, &error));
  g_assert_no_error (error);
  g_test_message ("%s", text);
  wanted = g_strdup_printf ("POST /v1/push 200 device=%s ops=2", a.store->device_id);
  field = g_strdup_printf ("zb_device=\"%s\"", a.store->device_id);
  lines = g_strsplit (text, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    if (strstr (lines[i], wanted) != NULL)
      line = lines[i];
  g_assert_nonnull (line);
  g_assert_nonnull (strstr (line, "message=\""));
  g_assert_nonnull (strstr (line, field));
  g_assert_nonnull (strstr (line, "zb_ops=\"2\""));
  g_assert_nonnull (strstr (text, "POST /v1/enrol 200 device=- ops=0"));
  g_assert_null (strstr (text, "张伟"));
  g_assert_null (strstr (text, idn));
}

/* A member pushed by one PC reaches the other whole, and comes back to the
 * first as an echo; a second push of the same ops changes nothing. */
static void
test_push_and_feed (Fixture       *f,
                    gconstpointer  data)
{
  g_auto(Client) a = { 0 };
  g_auto(Client) b = { 0 };
  g_autoptr(JsonArray) results = NULL;
  g_autoptr(ZbSyncBatch) batch = NULL;
  g_autoptr(JsonNode) page_b = NULL, page_a = NULL, again = NULL;
  g_autofree char *member = NULL;
  JsonObject *page, *entry;
  JsonArray *repeated;

  client_init (f, &a, "a.zhibu", "第一党支部");
  client_init (f, &b, "b.zhibu", "第一党支部");
  member = add_member (&a, "张伟", 11);
  batch = outbox_batch (&a);
  results = push (f, &a);
  g_assert_cmpuint (json_array_get_length (results), ==, 1);
  g_assert_cmpstr (result_status (results, 0), ==, "applied");

  page = changes (f, &b, 0, &page_b);
  g_assert_false (json_object_get_boolean_member (page, "more"));
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (page, "changes")), ==, 1);
  entry = json_array_get_object_element (json_object_get_array_member (page, "changes"), 0);
  g_assert_cmpstr (json_object_get_string_member (entry, "row_id"), ==, member);
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (entry, "fields"),
                                                  "name"), ==, "张伟");

  page = changes (f, &a, 0, &page_a);
  entry = json_array_get_object_element (json_object_get_array_member (page, "changes"), 0);
  g_assert_true (json_object_get_boolean_member (entry, "echo"));
  g_assert_false (json_object_has_member (entry, "fields"));

  /* The same batch again: answered from the record, nothing done twice. */
  g_assert_cmpuint (push_batch (f, &a, batch, &again), ==, 200);
  repeated = json_object_get_array_member (json_node_get_object (again), "results");
  g_assert_true (json_object_get_boolean_member (json_array_get_object_element (repeated, 0),
                                                 "duplicate"));
  g_assert_cmpint (json_object_get_int_member (json_node_get_object (again), "server_sequence"),
                   ==, json_object_get_int_member (page, "server_sequence"));
}

static void
edit_member (Client     *client,
             const char *id,
             ZbMemberField field,
             const char *value)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ZbMember) member = zb_store_get_member (client->store, id, &error);

  g_assert_no_error (error);
  zb_member_set (member, field, value);
  g_assert_true (zb_store_update_member (client->store, member, &error));
  g_assert_no_error (error);
}

/* Stands in for the client's pull: the row's revision, as a pulled page
 * would set it, so that the next edit has the server's revision as base. */
static void
set_revision (Client     *client,
              const char *table,
              const char *row_id,
              gint64      revision)
{
  g_autofree char *sql = g_strdup_printf ("UPDATE sync_state SET applying = 1; UPDATE %s SET "
                                          "revision = %" G_GINT64_FORMAT " WHERE id = '%s'; "
                                          "UPDATE sync_state SET applying = 0", table, revision,
                                          row_id);

  g_assert_true (zb_sql_exec (client->store->writer, sql, NULL));
}

/* One update op of one member's field, pushed as a PC would. */
static JsonArray *
push_fields (Fixture    *f,
             Client     *client,
             gint64      op_id,
             const char *member,
             gint64      base,
             const char *column,
             const char *value)
{
  g_autoptr(ZbSyncBatch) batch = zb_sync_batch_new (client->store->device_id);
  g_autoptr(JsonObject) fields = json_object_new ();
  g_autoptr(JsonNode) answer = NULL;

  json_object_set_string_member (fields, column, value);
  batch_take (batch, zb_sync_op_new (client->store->device_id, op_id, "members", member,
                                     ZB_SYNC_OP_UPDATE, base, fields));
  g_assert_cmpuint (push_batch (f, client, batch, &answer), ==, 200);
  return json_array_ref (json_object_get_array_member (json_node_get_object (answer), "results"));
}

/* Different fields merge; the same field raises one conflict with both
 * values, which a resolution closes. */
static void
test_merge_and_conflict (Fixture       *f,
                         gconstpointer  data)
{
  g_auto(Client) a = { 0 };
  g_auto(Client) b = { 0 };
  g_autoptr(JsonArray) first = NULL, from_a = NULL, from_b = NULL, resolved = NULL;
  g_autoptr(JsonNode) page_a = NULL;
  g_autofree char *member = NULL;
  JsonObject *result, *conflict = NULL;
  JsonArray *entries;
  gint64 revision;
  const char *conflict_id;

  client_init (f, &a, "a.zhibu", "第一党支部");
  client_init (f, &b, "b.zhibu", "第一党支部");
  member = add_member (&a, "李娜", 12);
  first = push (f, &a);
  revision = json_object_get_int_member (json_array_get_object_element (first, 0), "revision");

  /* B has pulled the member at that revision; its edits are ops with that
   * base, made by hand here. */
  set_revision (&a, "members", member, revision);
  edit_member (&a, member, ZB_MEMBER_FIELD_PHONE, "13900001111");
  from_a = push (f, &a);
  g_assert_cmpstr (result_status (from_a, 0), ==, "applied");
  from_b = push_fields (f, &b, 1, member, revision, "post", "组织委员");
  g_assert_cmpstr (result_status (from_b, 0), ==, "merged");
  g_clear_pointer (&from_b, json_array_unref);

  /* Now B changes the phone too, without having seen A's change. */
  from_b = push_fields (f, &b, 2, member, revision, "phone", "13700002222");
  result = json_array_get_object_element (from_b, 0);
  g_assert_cmpstr (json_object_get_string_member (result, "status"), ==, "conflict");
  conflict_id = json_array_get_string_element (json_object_get_array_member (result,
                                                                             "conflicts"), 0);

  entries = json_object_get_array_member (changes (f, &a, revision, &page_a), "changes");
  for (guint i = 0; i < json_array_get_length (entries); i++)
    {
      JsonObject *entry = json_array_get_object_element (entries, i);

      if (g_str_equal (json_object_get_string_member (entry, "kind"), "conflict"))
        conflict = json_object_get_object_member (entry, "conflict");
    }
  g_assert_nonnull (conflict);
  g_assert_cmpstr (json_object_get_string_member (conflict, "id"), ==, conflict_id);
  g_assert_cmpstr (json_object_get_string_member (conflict, "column"), ==, "phone");
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (conflict, "kept"),
                                                  "value"), ==, "13900001111");
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (conflict,
                                                                                 "pushed"),
                                                  "value"), ==, "13700002222");

  /* A picks B's number: an ordinary op naming the conflict closes it. */
  {
    g_autoptr(ZbSyncBatch) batch = zb_sync_batch_new (a.store->device_id);
    g_autoptr(JsonObject) fields = json_object_new ();
    g_autoptr(ZbSyncOp) op = NULL;
    g_autoptr(JsonNode) answer = NULL, page = NULL;
    JsonObject *closing;

    json_object_set_string_member (fields, "phone", "13700002222");
    op = zb_sync_op_new (a.store->device_id, 1000, "members", member, ZB_SYNC_OP_UPDATE,
                         json_object_get_int_member (json_array_get_object_element (from_a, 0),
                                                     "revision"), fields);
    zb_sync_op_set_resolves (op, conflict_id);
    zb_sync_batch_add (batch, op);
    g_assert_cmpuint (push_batch (f, &a, batch, &answer), ==, 200);

    entries = json_object_get_array_member (changes (f, &b, revision, &page), "changes");
    closing = json_object_get_object_member (
                json_array_get_object_element (entries, json_array_get_length (entries) - 1),
                "conflict");
    g_assert_nonnull (closing);
    g_assert_cmpstr (json_object_get_string_member (closing, "state"), ==, "resolved");
  }
}

/* A token of branch B reaches nothing of branch A. */
static void
test_forbidden (Fixture       *f,
                gconstpointer  data)
{
  g_auto(Client) a = { 0 };
  g_auto(Client) other = { 0 };
  g_autoptr(JsonArray) results = NULL;
  g_autoptr(ZbSyncBatch) batch = NULL;
  g_autoptr(JsonObject) fields = json_object_new ();
  g_autoptr(JsonNode) answer = NULL, page = NULL, device = NULL;
  g_autofree char *member = NULL, *path = NULL;

  client_init (f, &a, "a.zhibu", "第一党支部");
  client_init (f, &other, "other.zhibu", "第二党支部");
  member = add_member (&a, "王强", 13);
  results = push (f, &a);

  batch = zb_sync_batch_new (other.store->device_id);
  json_object_set_string_member (fields, "phone", "13800000000");
  batch_take (batch, zb_sync_op_new (other.store->device_id, 1, "members", member,
                                     ZB_SYNC_OP_UPDATE, 1, fields));
  g_assert_cmpuint (push_batch (f, &other, batch, &answer), ==, 403);
  g_assert_cmpstr (error_code (answer), ==, "forbidden");

  g_assert_cmpuint (request (f, "GET", "/v1/device", a.token, NULL, NULL, &device), ==, 200);
  path = g_strdup_printf ("/v1/changes?since=0&branch_id=%s",
                          json_object_get_string_member (json_node_get_object (device),
                                                         "branch_id"));
  g_assert_cmpuint (request (f, "GET", path, other.token, NULL, NULL, &page), ==, 403);

  /* And the other branch's feed holds nothing of branch A. */
  g_clear_pointer (&page, json_node_unref);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (
                      changes (f, &other, 0, &page), "changes")), ==, 0);
}

/* Bad bodies are refused whole, with the status PROTOCOL.md gives. */
static void
test_bad_requests (Fixture       *f,
                   gconstpointer  data)
{
  g_auto(Client) a = { 0 };
  g_autoptr(JsonNode) answer = NULL;
  g_autoptr(GBytes) not_json = g_bytes_new_static ("{\"protocol\": 1, \"ops\": [", 24);
  g_autoptr(GBytes) zeros = NULL, bomb = NULL, big = NULL;
  g_autofree char *huge = g_malloc0 (32 * 1024 * 1024);
  g_autofree char *noise = g_malloc (2 * 1024 * 1024);

  client_init (f, &a, "a.zhibu", "第一党支部");
  g_free (add_member (&a, "赵敏", 14));

  g_assert_cmpuint (request (f, "POST", "/v1/push", NULL, not_json, NULL, &answer), ==, 401);
  g_clear_pointer (&answer, json_node_unref);
  g_assert_cmpuint (request (f, "POST", "/v1/push", a.token, not_json, NULL, &answer), ==, 400);
  g_assert_cmpstr (error_code (answer), ==, "malformed");
  g_clear_pointer (&answer, json_node_unref);
  g_assert_cmpuint (request (f, "POST", "/v1/push", a.token, not_json, "br", &answer), ==, 415);
  g_clear_pointer (&answer, json_node_unref);

  /* 32 MiB of zeros is a few KiB of gzip: over the decoded cap. */
  zeros = g_bytes_new_static (huge, 32 * 1024 * 1024);
  bomb = zb_sync_gzip_compress (zeros, NULL);
  g_assert_cmpuint (request (f, "POST", "/v1/push", a.token, bomb, "gzip", &answer), ==, 413);
  g_clear_pointer (&answer, json_node_unref);

  for (gsize i = 0; i < 2 * 1024 * 1024; i++)
    noise[i] = 'a' + g_random_int_range (0, 26);
  big = g_bytes_new_static (noise, 2 * 1024 * 1024);
  g_assert_cmpuint (request (f, "POST", "/v1/push", a.token, big, NULL, &answer), ==, 413);
  g_clear_pointer (&answer, json_node_unref);

  g_assert_cmpuint (request (f, "GET", "/v1/changes?since=-1", a.token, NULL, NULL, &answer),
                    ==, 400);
  g_clear_pointer (&answer, json_node_unref);
  g_assert_cmpuint (request (f, "GET", "/v1/changes?since=99999", a.token, NULL, NULL, &answer),
                    ==, 409);
  g_assert_cmpstr (error_code (answer), ==, "checkpoint_ahead");
  g_clear_pointer (&answer, json_node_unref);
  g_assert_cmpuint (request (f, "GET", "/v1/nothing", a.token, NULL, NULL, &answer), ==, 404);
  g_clear_pointer (&answer, json_node_unref);
  g_assert_cmpuint (request (f, "GET", "/v1/push", a.token, NULL, NULL, &answer), ==, 405);

  /* Nothing of it reached the branch. */
  g_clear_pointer (&answer, json_node_unref);
  g_assert_cmpint (json_object_get_int_member (changes (f, &a, 0, &answer), "server_sequence"),
                   ==, 0);
}

/* An op refused for good is rejected with its reason; the rest applies. An
 * op ID seen before with another meaning is refused whole. */
static void
test_rejected_op (Fixture       *f,
                  gconstpointer  data)
{
  g_auto(Client) a = { 0 };
  g_autoptr(ZbSyncBatch) batch = NULL, reused = NULL;
  g_autoptr(JsonObject) bad = json_object_new (), good = NULL;
  g_autoptr(JsonNode) answer = NULL, refused = NULL;
  g_autoptr(GListModel) outbox = NULL;
  g_autoptr(ZbOutboxEntry) first = NULL;
  g_autofree char *member = NULL;
  JsonArray *results;
  JsonObject *rejected;

  client_init (f, &a, "a.zhibu", "第一党支部");
  member = add_member (&a, "钱坤", 15);
  batch = outbox_batch (&a);
  outbox = zb_store_list_outbox (a.store, 1, NULL);
  first = g_list_model_get_item (outbox, 0);
  good = zb_store_read_outbox_fields (a.store, first, NULL);
  json_object_set_string_member (good, "sex", "X");
  batch_take (batch, zb_sync_op_new (a.store->device_id, 900, "members", "bad-member",
                                     ZB_SYNC_OP_INSERT, 0, good));
  json_object_set_string_member (bad, "colour", "red");
  batch_take (batch, zb_sync_op_new (a.store->device_id, 901, "members", member,
                                     ZB_SYNC_OP_UPDATE, 0, bad));

  g_assert_cmpuint (push_batch (f, &a, batch, &answer), ==, 200);
  results = json_object_get_array_member (json_node_get_object (answer), "results");
  g_assert_cmpstr (result_status (results, 0), ==, "applied");
  rejected = json_array_get_object_element (results, 1);
  g_assert_cmpstr (json_object_get_string_member (rejected, "status"), ==, "rejected");
  g_assert_cmpstr (json_object_get_string_member (rejected, "error"), ==, "invalid_value");
  g_assert_cmpstr (result_status (results, 2), ==, "rejected");
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (results, 2),
                                                  "error"), ==, "unknown_column");

  reused = zb_sync_batch_new (a.store->device_id);
  batch_take (reused, zb_sync_op_new (a.store->device_id, 900, "members", "another-row",
                                      ZB_SYNC_OP_DELETE, 0, NULL));
  g_assert_cmpuint (push_batch (f, &a, reused, &refused), ==, 409);
  g_assert_cmpstr (error_code (refused), ==, "op_id_reused");
}

/* Pushes one update op of @member whose fields are @fields_json, as raw
 * JSON: a number no JSON library of ours would write (2^70) goes as is. */
static JsonObject *
push_raw_update (Fixture    *f,
                 Client     *client,
                 gint64      op_id,
                 const char *member,
                 const char *fields_json)
{
  g_autofree char *body = g_strdup_printf ("{\"protocol\": 1, \"device_id\": \"%s\", \"ops\": "
                                           "[{\"op_id\": %" G_GINT64_FORMAT ", \"table\": "
                                           "\"members\", \"row_id\": \"%s\", \"op\": \"update\", "
                                           "\"base_revision\": 0, \"fields\": %s}]}",
                                           client->store->device_id, op_id, member, fields_json);
  g_autoptr(GBytes) json = g_bytes_new (body, strlen (body));
  g_autoptr(GBytes) gzip = zb_sync_gzip_compress (json, NULL);
  g_autoptr(JsonNode) answer = NULL;
  JsonArray *results;

  g_assert_cmpuint (request (f, "POST", "/v1/push", client->token, gzip, "gzip", &answer), ==,
                    200);
  results = json_object_get_array_member (json_node_get_object (answer), "results");
  return json_object_ref (json_array_get_object_element (results, 0));
}

/* Inserts one meeting whose fields are @fields_json. */
static JsonObject *
push_meeting (Fixture    *f,
              Client     *client,
              gint64      op_id,
              const char *fields_json)
{
  g_autoptr(JsonNode) node = json_from_string (fields_json, NULL);
  g_autoptr(ZbSyncBatch) batch = zb_sync_batch_new (client->store->device_id);
  g_autoptr(JsonNode) answer = NULL;
  g_autofree char *row_id = g_uuid_string_random ();
  JsonArray *results;

  batch_take (batch, zb_sync_op_new (client->store->device_id, op_id, "meetings", row_id,
                                     ZB_SYNC_OP_INSERT, 0, json_node_get_object (node)));
  g_assert_cmpuint (push_batch (f, client, batch, &answer), ==, 200);
  results = json_object_get_array_member (json_node_get_object (answer), "results");
  return json_object_ref (json_array_get_object_element (results, 0));
}

static void
assert_refused (JsonObject *taken,
                const char *in_message)
{
  g_autoptr(JsonObject) result = taken;

  g_assert_nonnull (result);
  g_test_message ("%s", json_object_get_string_member (result, "message"));
  g_assert_cmpstr (json_object_get_string_member (result, "status"), ==, "rejected");
  g_assert_cmpstr (json_object_get_string_member (result, "error"), ==, "invalid_value");
  g_assert_nonnull (strstr (json_object_get_string_member (result, "message"), in_message));
}

/* The server stores nothing a PC would refuse: every field an op writes is
 * checked with the PC's own rules and limits (zb-limits.c, zb-member-rules.c),
 * and a refused op says why. */
static void
test_record_rules (Fixture       *f,
                   gconstpointer  data)
{
  g_auto(Client) a = { 0 };
  g_autofree char *member = NULL, *long_name = NULL, *fields = NULL;
  g_autofree char *tomorrow = NULL, *after = NULL;
  g_autoptr(JsonNode) page_node = NULL;
  g_autoptr(JsonObject) applied = NULL;
  g_autoptr(JsonArray) first = NULL;
  JsonObject *row;
  GDate date;
  gint64 op = 1000;
  struct { const char *fields; const char *message; } refused[] = {
    { "{\"id_number\": \"x0\"}", "Citizen ID number: must be 18 characters long" },
    { "{\"flowing\": 1180591620717411303424}", "Flowing member: must be 0 or 1" },
    { "{\"lost_contact\": 2}", "Out of contact: must be 0 or 1" },
    { "{\"name\": 7}", "Name: must be text" },
    { "{\"category\": \"boss\"}", "Category: “boss” is not one of the allowed values" },
    { "{\"status\": \"gone\"}", "Membership status: “gone” is not one of" },
    { "{\"phone\": \"139 0000 1111 2222 3333 4444\"}", "Phone: is longer than 20 characters" },
    { "{\"address\": \"北京\\u001b[2J\"}", "Home address: holds a control character (U+001B)" },
    { "{\"post\": \"技术\\n研发\"}", "Post: must be one line" },
    { "{\"title\": \"\\u0085\"}", "Title: holds a control character (U+0085)" },
    { "{\"birth_date\": \"2999-01-01\"}", "Date of birth: 2999-01-01 lies after today" },
  };

  client_init (f, &a, "a.zhibu", "第一党支部");
  member = add_member (&a, "张伟", 11);
  first = push (f, &a);
  g_assert_cmpstr (result_status (first, 0), ==, "applied");

  long_name = g_strnfill (100000, 'x');
  fields = g_strdup_printf ("{\"name\": \"%s\"}", long_name);
  assert_refused (push_raw_update (f, &a, op++, member, fields),
                  "Name: is longer than 50 characters");
  for (guint i = 0; i < G_N_ELEMENTS (refused); i++)
    assert_refused (push_raw_update (f, &a, op++, member, refused[i].fields), refused[i].message);

  /* A meeting by its record class's rules: the end after the start. */
  assert_refused (push_meeting (f, &a, op++, "{\"type\": \"lecture\", \"title\": \"党课\", "
                                "\"date\": \"2026-03-01\", \"start_time\": \"15:00\", "
                                "\"end_time\": \"14:00\", \"created_at\": "
                                "\"2026-02-27T02:10:00Z\"}"), "End time: must come after");
  assert_refused (push_meeting (f, &a, op++, "{\"type\": \"party\", \"title\": \"党课\", "
                                "\"date\": \"2026-03-01\", \"created_at\": "
                                "\"2026-02-27T02:10:00Z\"}"), "Type: “party” is not one of");

  /* Today in China, and a day more for a PC's clock that runs ahead. */
  zb_date_set_today (&date);
  g_date_add_days (&date, 1);
  tomorrow = zb_date_to_iso (&date);
  g_date_add_days (&date, 1);
  after = zb_date_to_iso (&date);
  g_free (fields);
  fields = g_strdup_printf ("{\"status\": \"deceased\", \"status_date\": \"%s\"}", after);
  assert_refused (push_raw_update (f, &a, op++, member, fields), "Status changed on");
  g_free (fields);
  fields = g_strdup_printf ("{\"status\": \"deceased\", \"status_date\": \"%s\"}", tomorrow);
  applied = push_raw_update (f, &a, op++, member, fields);
  g_assert_cmpstr (json_object_get_string_member (applied, "status"), ==, "merged");

  /* Nothing refused reached the feed: the row holds what was accepted. */
  row = json_array_get_object_element (json_object_get_array_member (
                                         changes (f, &a, 0, &page_node), "changes"), 0);
  row = json_object_get_object_member (row, "fields");
  g_assert_cmpstr (json_object_get_string_member (row, "name"), ==, "张伟");
  g_assert_cmpint (json_object_get_int_member (row, "flowing"), ==, 0);
  g_assert_cmpstr (json_object_get_string_member (row, "status_date"), ==, tomorrow);
}

/* Inserts one row of @table whose fields are @fields_json; NULL when the
 * whole push is refused (a number that is not whole, as a bad request). */
static JsonObject *
push_insert (Fixture    *f,
             Client     *client,
             gint64      op_id,
             const char *table,
             const char *fields_json)
{
  g_autoptr(JsonNode) node = json_from_string (fields_json, NULL);
  g_autoptr(ZbSyncBatch) batch = zb_sync_batch_new (client->store->device_id);
  g_autoptr(JsonNode) answer = NULL;
  g_autofree char *row_id = g_uuid_string_random ();
  JsonArray *results;

  g_assert_nonnull (node);
  batch_take (batch, zb_sync_op_new (client->store->device_id, op_id, table, row_id,
                                     ZB_SYNC_OP_INSERT, 0, json_node_get_object (node)));
  if (push_batch (f, client, batch, &answer) != 200)
    return NULL;
  results = json_object_get_array_member (json_node_get_object (answer), "results");
  return json_object_ref (json_array_get_object_element (results, 0));
}

/* The server knows the dues tables of schema 7 and holds their rows to the
 * PC's limits and CHECKs: money in whole fen, never a fraction or text,
 * months as YYYY-MM, extra dues for no month. */
static void
test_dues_rules (Fixture       *f,
                 gconstpointer  data)
{
  g_auto(Client) a = { 0 };
  g_autofree char *member = NULL;
  g_autoptr(JsonArray) first = NULL;
  g_autoptr(JsonObject) applied = NULL;
  gint64 op = 2000;
  struct { const char *fields; const char *message; } refused[] = {
    { "\"first_month\": \"2026-03\", \"last_month\": \"2026-03\", \"amount_fen\": \"50.00\"",
      "Amount: must be a whole number, not text" },
    { "\"first_month\": \"2026-13\", \"last_month\": \"2026-13\", \"amount_fen\": 5000",
      "First month: “2026-13” is not a month" },
    { "\"first_month\": \"2026-03\", \"last_month\": \"2026-03\", \"amount_fen\": -5",
      "Amount: must be a whole number of fen from 0" },
    { "\"first_month\": \"2026-03\", \"last_month\": \"2026-03\", \"amount_fen\": 0",
      "dues_payments: CHECK constraint failed: amount_fen" },
    { "\"first_month\": \"2026-03\", \"last_month\": \"2026-03\", \"amount_fen\": 100000, "
      "\"extra\": 1", "dues_payments: CHECK constraint failed: months" },
  };

  client_init (f, &a, "a.zhibu", "第一党支部");
  member = add_member (&a, "张伟", 12);
  first = push (f, &a);
  g_assert_cmpstr (result_status (first, 0), ==, "applied");

  for (guint i = 0; i < G_N_ELEMENTS (refused); i++)
    {
      g_autofree char *fields = g_strdup_printf ("{\"member_id\": \"%s\", \"paid_date\": "
                                                 "\"2026-03-05\", \"created_at\": "
                                                 "\"2026-03-05T02:00:00Z\", %s}", member,
                                                 refused[i].fields);

      assert_refused (push_insert (f, &a, op++, "dues_payments", fields), refused[i].message);
    }
  {
    /* Money as a fraction is not even a well-formed push. */
    g_autofree char *fields = g_strdup_printf ("{\"member_id\": \"%s\", \"paid_date\": "
                                               "\"2026-03-05\", \"first_month\": \"2026-03\", "
                                               "\"last_month\": \"2026-03\", \"amount_fen\": "
                                               "50.5, \"created_at\": "
                                               "\"2026-03-05T02:00:00Z\"}", member);

    g_assert_null (push_insert (f, &a, op++, "dues_payments", fields));
  }
  {
    g_autofree char *fields = g_strdup_printf ("{\"member_id\": \"%s\", \"from_month\": "
                                               "\"2026-01\", \"kind\": \"boss\", \"base_fen\": "
                                               "500000, \"created_at\": "
                                               "\"2026-03-05T02:00:00Z\"}", member);

    assert_refused (push_insert (f, &a, op++, "dues_bases", fields),
                    "Kind of member for dues: “boss” is not one of");
  }
  {
    g_autofree char *fields = g_strdup_printf ("{\"member_id\": \"%s\", \"paid_date\": "
                                               "\"2026-03-05\", \"first_month\": \"2026-01\", "
                                               "\"last_month\": \"2026-03\", \"amount_fen\": "
                                               "15000, \"on_behalf\": 1, \"on_behalf_by\": "
                                               "\"王建国\", \"created_at\": "
                                               "\"2026-03-05T02:00:00Z\"}", member);

    applied = push_insert (f, &a, op++, "dues_payments", fields);
    g_assert_cmpstr (json_object_get_string_member (applied, "status"), ==, "applied");
  }
}

/* The server knows the recruitment steps of schema 8 and holds their rows
 * to the PC's limits and CHECKs: a code of S01-S25, each deciding step's
 * own outcomes, months only for an extension, counts as whole numbers,
 * people only at S05 and S09. */
static void
test_recruit_rules (Fixture       *f,
                    gconstpointer  data)
{
  g_auto(Client) a = { 0 };
  g_autofree char *member = NULL;
  g_autoptr(JsonArray) first = NULL;
  g_autoptr(JsonObject) applied = NULL;
  gint64 op = 3000;
  struct { const char *fields; const char *message; } refused[] = {
    { "\"code\": \"S26\"", "Step: “S26” is not one of the allowed values" },
    { "\"code\": \"S15\", \"outcome\": \"approved\"",
      "recruit_steps: CHECK constraint failed: outcome" },
    { "\"code\": \"S02\", \"outcome\": \"admitted\"",
      "recruit_steps: CHECK constraint failed: outcome" },
    { "\"code\": \"S23\", \"outcome\": \"extended\", \"extension_months\": 3",
      "recruit_steps: CHECK constraint failed: extension_months" },
    { "\"code\": \"S11\", \"training_days\": \"3\"",
      "Days of training: must be a whole number, not text" },
    { "\"code\": \"S11\", \"class_hours\": -24",
      "Class hours: must be a whole number from 0 to 1000" },
    { "\"code\": \"S03\", \"first_person\": \"王芳\"",
      "recruit_steps: CHECK constraint failed: people" },
    { "\"code\": \"S07\", \"notice_start\": \"2021-09-17\", \"notice_end\": "
      "\"2021-09-13\"", "recruit_steps: CHECK constraint failed: notice" },
  };

  client_init (f, &a, "a.zhibu", "第一党支部");
  member = add_member (&a, "张伟", 13);
  first = push (f, &a);
  g_assert_cmpstr (result_status (first, 0), ==, "applied");

  for (guint i = 0; i < G_N_ELEMENTS (refused); i++)
    {
      g_autofree char *fields = g_strdup_printf ("{\"member_id\": \"%s\", \"date\": "
                                                 "\"2021-09-20\", \"created_at\": "
                                                 "\"2026-03-05T02:00:00Z\", %s}", member,
                                                 refused[i].fields);

      assert_refused (push_insert (f, &a, op++, "recruit_steps", fields), refused[i].message);
    }
  {
    g_autofree char *fields = g_strdup_printf ("{\"member_id\": \"%s\", \"code\": \"S23\", "
                                               "\"date\": \"2022-12-27\", \"outcome\": "
                                               "\"extended\", \"extension_months\": 6, "
                                               "\"created_at\": \"2026-03-05T02:00:00Z\"}",
                                               member);

    applied = push_insert (f, &a, op++, "recruit_steps", fields);
    g_assert_cmpstr (json_object_get_string_member (applied, "status"), ==, "applied");
  }
}

/* The server knows the tables of schema 9 and holds their rows to the
 * PC's limits and CHECKs: minutes and points whole numbers in range, a
 * kind of study the PC knows, a meeting only where the kind takes one;
 * and the columns of schema 12, thresholds in range and names one line. */
static void
test_study_rules (Fixture       *f,
                  gconstpointer  data)
{
  g_auto(Client) a = { 0 };
  g_autofree char *member = NULL;
  g_autoptr(JsonArray) first = NULL;
  g_autoptr(JsonObject) applied = NULL, rules = NULL;
  gint64 op = 3000;
  struct { const char *fields; const char *message; } refused[] = {
    { "\"kind\": \"self\", \"minutes\": \"90\"",
      "Time spent in minutes: must be a whole number, not text" },
    { "\"kind\": \"self\", \"minutes\": 0", "study_records: CHECK constraint failed: minutes" },
    { "\"kind\": \"self\", \"minutes\": 1441",
      "study_records: CHECK constraint failed: minutes" },
    { "\"kind\": \"reading\", \"minutes\": 60", "Kind of study: “reading” is not one of" },
    { "\"kind\": \"meeting\", \"minutes\": 60",
      "study_records: CHECK constraint failed: meeting_id" },
    { "\"kind\": \"volunteer\", \"minutes\": 60, \"meeting_id\": \"m1\"",
      "study_records: CHECK constraint failed: meeting_id" },
  };

  client_init (f, &a, "a.zhibu", "第一党支部");
  member = add_member (&a, "张伟", 13);
  first = push (f, &a);
  g_assert_cmpstr (result_status (first, 0), ==, "applied");

  for (guint i = 0; i < G_N_ELEMENTS (refused); i++)
    {
      g_autofree char *fields = g_strdup_printf ("{\"member_id\": \"%s\", \"date\": "
                                                 "\"2026-03-05\", \"title\": \"学习党章\", "
                                                 "\"created_at\": \"2026-03-05T02:00:00Z\", %s}",
                                                 member, refused[i].fields);

      assert_refused (push_insert (f, &a, op++, "study_records", fields), refused[i].message);
    }
  assert_refused (push_insert (f, &a, op++, "branch_settings",
                               "{\"points_meeting\": -10, \"points_study_hour\": 10, "
                               "\"points_lecture\": 50, \"points_volunteer_hour\": 10}"),
                  "Points per meeting attended: must be a whole number from 0");
  assert_refused (push_insert (f, &a, op++, "branch_settings",
                               "{\"points_meeting\": 10, \"points_study_hour\": 10, "
                               "\"points_lecture\": 50, \"points_volunteer_hour\": 10, "
                               "\"points_yearly_cap\": 0}"),
                  "branch_settings: CHECK constraint failed: points_yearly_cap");
  assert_refused (push_insert (f, &a, op++, "branch_settings",
                               "{\"points_meeting\": 10, \"points_study_hour\": 10, "
                               "\"points_lecture\": 50, \"points_volunteer_hour\": 10, "
                               "\"absence_alert_months\": 25}"),
                  "branch_settings: CHECK constraint failed: absence_alert_months");
  assert_refused (push_insert (f, &a, op++, "branch_settings",
                               "{\"points_meeting\": 10, \"points_study_hour\": 10, "
                               "\"points_lecture\": 50, \"points_volunteer_hour\": 10, "
                               "\"secretary\": \"王\\n芳\"}"),
                  "Branch secretary: must be one line");
  {
    g_autofree char *fields = g_strdup_printf ("{\"member_id\": \"%s\", \"date\": "
                                               "\"2026-03-05\", \"title\": \"社区服务\", "
                                               "\"kind\": \"volunteer\", \"minutes\": 150, "
                                               "\"created_at\": \"2026-03-05T02:00:00Z\"}",
                                               member);

    applied = push_insert (f, &a, op++, "study_records", fields);
    g_assert_cmpstr (json_object_get_string_member (applied, "status"), ==, "applied");
  }
  rules = push_insert (f, &a, op++, "branch_settings",
                       "{\"points_meeting\": 20, \"points_study_hour\": 10, "
                       "\"points_lecture\": 50, \"points_volunteer_hour\": 5, "
                       "\"points_yearly_cap\": null, \"absence_alert_months\": 4, "
                       "\"secretary\": \"王芳\"}");
  g_assert_cmpstr (json_object_get_string_member (rules, "status"), ==, "applied");
}

/* The server knows schema 10 and stores what it adds: the written reports,
 * held to the PC's limits and CHECKs (a day received, a summary of one
 * short line), and a member's expected leaving date, a day; both reach
 * another PC's feed with their values. */
static void
test_report_rules (Fixture       *f,
                   gconstpointer  data)
{
  g_auto(Client) a = { 0 };
  g_auto(Client) b = { 0 };
  g_autofree char *member = NULL, *long_summary = g_strnfill (101, 'x');
  g_autofree char *too_long = NULL, *feed_text = NULL;
  g_autoptr(JsonArray) first = NULL;
  g_autoptr(JsonObject) applied = NULL, leaving = NULL, bad_day = NULL;
  g_autoptr(JsonNode) answer = NULL;
  gint64 op = 3500;
  struct { const char *fields; const char *message; } refused[] = {
    { "\"date\": \"2026-3-5\", \"summary\": \"体会\"", "Date received: " },
    { "\"date\": \"2999-03-05\", \"summary\": \"体会\"", "Date received: " },
    { "\"date\": \"2026-03-05\", \"summary\": \"  \"",
      "thought_reports: CHECK constraint failed: summary" },
    { "\"date\": \"2026-03-05\", \"summary\": \"一行\\n两行\"", "Report summary: " },
  };

  client_init (f, &a, "a.zhibu", "第一党支部");
  member = add_member (&a, "张伟", 14);
  first = push (f, &a);
  g_assert_cmpstr (result_status (first, 0), ==, "applied");

  for (guint i = 0; i < G_N_ELEMENTS (refused); i++)
    {
      g_autofree char *fields = g_strdup_printf ("{\"member_id\": \"%s\", \"created_at\": "
                                                 "\"2026-03-05T02:00:00Z\", %s}", member,
                                                 refused[i].fields);

      assert_refused (push_insert (f, &a, op++, "thought_reports", fields), refused[i].message);
    }
  too_long = g_strdup_printf ("{\"member_id\": \"%s\", \"created_at\": \"2026-03-05T02:00:00Z\", "
                              "\"date\": \"2026-03-05\", \"summary\": \"%s\"}", member,
                              long_summary);
  assert_refused (push_insert (f, &a, op++, "thought_reports", too_long), "Report summary: ");
  {
    g_autofree char *fields = g_strdup_printf ("{\"member_id\": \"%s\", \"date\": "
                                               "\"2026-03-05\", \"summary\": \"学习党章的体会\", "
                                               "\"created_at\": \"2026-03-05T02:00:00Z\"}", member);

    applied = push_insert (f, &a, op++, "thought_reports", fields);
    g_assert_cmpstr (json_object_get_string_member (applied, "status"), ==, "applied");
  }
  bad_day = push_raw_update (f, &a, op++, member, "{\"leaving_date\": \"2026-9-30\"}");
  g_assert_cmpstr (json_object_get_string_member (bad_day, "status"), ==, "rejected");
  leaving = push_raw_update (f, &a, op++, member, "{\"leaving_date\": \"2026-09-30\"}");
  /* Based on revision 0, a field the row's later revisions left alone. */
  g_assert_cmpstr (json_object_get_string_member (leaving, "status"), ==, "merged");

  /* Another PC's feed: the pushing PC reads its own rows as echoes. */
  client_init (f, &b, "b.zhibu", "第一党支部");
  changes (f, &b, 0, &answer);
  feed_text = json_to_string (answer, FALSE);
  g_assert_nonnull (strstr (feed_text, "\"summary\":\"学习党章的体会\""));
  g_assert_nonnull (strstr (feed_text, "\"leaving_date\":\"2026-09-30\""));
}

/* A meeting finalised on a PC arrives with its hash, which the server
 * checks from its own rows; after that nothing it covers changes. */
static void
test_finalised (Fixture       *f,
                gconstpointer  data)
{
  g_auto(Client) a = { 0 };
  g_autoptr(ZbMeeting) meeting = zb_meeting_new ();
  g_autoptr(ZbFirstItem) first = zb_first_item_new ();
  g_autoptr(JsonArray) results = NULL;
  g_autoptr(ZbSyncBatch) batch = NULL;
  g_autoptr(JsonObject) fields = json_object_new ();
  g_autoptr(JsonNode) answer = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *chair = NULL, *recorder = NULL, *id = NULL, *item = NULL;
  g_autoptr(GListModel) items = NULL;
  g_autoptr(ZbAgendaItem) agenda = NULL;
  JsonObject *result;

  client_init (f, &a, "a.zhibu", "第一党支部");
  chair = add_member (&a, "孙立", 16);
  recorder = add_member (&a, "周红", 17);
  zb_meeting_set_type_code (meeting, "committee");
  zb_meeting_set_title (meeting, "三月支委会");
  zb_meeting_set_date (meeting, "2026-03-05");
  zb_meeting_set_chair_id (meeting, chair);
  zb_meeting_set_recorder_id (meeting, recorder);
  zb_first_item_set_topic (first, "学习贯彻会议精神");
  zb_first_item_set_form (first, "传达");
  zb_first_item_set_participants (first, "支部委员");
  zb_first_item_set_proceedings (first, "书记传达，委员交流。");
  id = zb_store_add_meeting_with_first_item (a.store, meeting, first, &error);
  g_assert_no_error (error);
  agenda = zb_agenda_item_new ();
  zb_agenda_item_set_meeting_id (agenda, id);
  zb_agenda_item_set_title (agenda, "研究发展党员工作");
  zb_agenda_item_set_minutes (agenda, "同意确定两名发展对象。");
  item = zb_store_add_agenda_item (a.store, agenda, &error);
  g_assert_true (zb_store_finalize_meeting (a.store, id, &error));
  g_assert_no_error (error);

  results = push (f, &a);
  for (guint i = 0; i < json_array_get_length (results); i++)
    {
      JsonObject *each = json_array_get_object_element (results, i);

      g_test_message ("op %u: %s %s", i, json_object_get_string_member (each, "status"),
                      json_object_get_string_member_with_default (each, "message", ""));
      g_assert_cmpstr (result_status (results, i), !=, "rejected");
    }

  /* The agenda item of the finalised meeting: refused. */
  batch = zb_sync_batch_new (a.store->device_id);
  json_object_set_string_member (fields, "minutes", "改写的记录");
  batch_take (batch, zb_sync_op_new (a.store->device_id, 5000, "agenda_items", item,
                                     ZB_SYNC_OP_UPDATE, 0, fields));
  g_assert_cmpuint (push_batch (f, &a, batch, &answer), ==, 200);
  result = json_array_get_object_element (json_object_get_array_member (
                                            json_node_get_object (answer), "results"), 0);
  g_assert_cmpstr (json_object_get_string_member (result, "error"), ==, "finalised");
  (void) items;
}

/* A finalisation whose hash does not match the rows is refused. */
static void
test_chain_broken (Fixture       *f,
                   gconstpointer  data)
{
  g_auto(Client) a = { 0 };
  g_autoptr(ZbMeeting) meeting = zb_meeting_new ();
  g_autoptr(JsonArray) results = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *chair = NULL, *id = NULL, *sql = NULL;
  gboolean broken = FALSE;

  client_init (f, &a, "a.zhibu", "第一党支部");
  chair = add_member (&a, "吴刚", 18);
  zb_meeting_set_type_code (meeting, "lecture");
  zb_meeting_set_title (meeting, "专题党课");
  zb_meeting_set_date (meeting, "2026-04-01");
  zb_meeting_set_chair_id (meeting, chair);
  zb_meeting_set_recorder_id (meeting, chair);
  id = zb_store_add_meeting (a.store, meeting, &error);
  g_assert_true (zb_store_finalize_meeting (a.store, id, &error));
  g_assert_no_error (error);

  /* Changed behind the app's back after it was finalised. */
  sql = g_strdup_printf ("UPDATE meetings SET title = '改过的标题' WHERE id = '%s'", id);
  g_assert_true (zb_sql_exec (a.store->writer, sql, NULL));

  results = push (f, &a);
  for (guint i = 0; i < json_array_get_length (results); i++)
    {
      JsonObject *result = json_array_get_object_element (results, i);

      if (g_strcmp0 (json_object_get_string_member_with_default (result, "error", ""),
                     "chain_broken") == 0)
        broken = TRUE;
    }
  g_assert_true (broken);
}

/* The server commits a push, and its answer is lost on the way (the proxy
 * drops it): the client sends the batch again, and nothing is applied
 * twice. */
static void
test_dropped_response (Fixture       *f,
                       gconstpointer  data)
{
  g_auto(Client) a = { 0 };
  g_autoptr(ZbTestProxy) proxy = zb_test_proxy_new (f->server->url);
  g_autoptr(ZbSyncBatch) batch = NULL;
  g_autoptr(GBytes) json = NULL, gzip = NULL;
  g_autoptr(JsonNode) answer = NULL, page = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) lost = NULL;
  g_autofree char *url = NULL;
  JsonArray *results;
  gint64 sequence;

  client_init (f, &a, "a.zhibu", "第一党支部");
  for (guint i = 0; i < 20; i++)
    g_free (add_member (&a, "党员", 100 + i));
  batch = outbox_batch (&a);
  json = zb_sync_batch_to_bytes (batch, &error);
  gzip = zb_sync_gzip_compress (json, NULL);

  {
    g_autoptr(SoupSession) session = soup_session_new ();
    g_autoptr(SoupMessage) msg = NULL;
    g_autofree char *bearer = g_strconcat ("Bearer ", a.token, NULL);

    url = g_strconcat (zb_test_proxy_get_url (proxy), "v1/push", NULL);
    msg = soup_message_new ("POST", url);
    soup_message_headers_replace (soup_message_get_request_headers (msg), "Authorization",
                                  bearer);
    soup_message_headers_replace (soup_message_get_request_headers (msg), "Content-Encoding",
                                  "gzip");
    soup_message_set_request_body_from_bytes (msg, "application/json", gzip);
    zb_test_proxy_cut_next (proxy, "/v1/push");
    lost = soup_session_send_and_read (session, msg, NULL, &error);
    g_assert_nonnull (error);
    g_assert_cmpuint (zb_test_proxy_get_n_cut (proxy), ==, 1);
  }

  sequence = json_object_get_int_member (changes (f, &a, 0, &page), "server_sequence");
  g_assert_cmpint (sequence, ==, 20);

  g_assert_cmpuint (push_batch (f, &a, batch, &answer), ==, 200);
  results = json_object_get_array_member (json_node_get_object (answer), "results");
  g_assert_cmpuint (json_array_get_length (results), ==, 20);
  for (guint i = 0; i < 20; i++)
    g_assert_true (json_object_get_boolean_member (json_array_get_object_element (results, i),
                                                   "duplicate"));
  g_assert_cmpint (json_object_get_int_member (json_node_get_object (answer), "server_sequence"),
                   ==, 20);
}

static gboolean
accept_test_certificate_cb (SoupMessage          *msg,
                            GTlsCertificate      *certificate,
                            GTlsCertificateFlags  errors,
                            gpointer              user_data)
{
  /* Self-signed for the test, and for nothing else: only that flag. */
  return errors == G_TLS_CERTIFICATE_UNKNOWN_CA;
}

/* With a certificate and its key, the server speaks HTTPS (GnuTLS). */
static void
test_tls (Fixture       *f,
          gconstpointer  data)
{
  g_autofree char *cert = g_build_filename (f->dir, "cert.pem", NULL);
  g_autofree char *key = g_build_filename (f->dir, "key.pem", NULL);
  g_autofree char *command = g_strdup_printf ("openssl req -x509 -newkey rsa:2048 -nodes "
                                              "-subj /CN=127.0.0.1 -addext "
                                              "subjectAltName=IP:127.0.0.1 -days 1 "
                                              "-keyout %s -out %s", key, cert);
  g_autoptr(SoupSession) session = soup_session_new ();
  g_autoptr(SoupMessage) msg = NULL;
  g_autoptr(GBytes) body = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *url = NULL;
  int status = -1;

  g_assert_true (g_spawn_command_line_sync (command, NULL, NULL, &status, &error));
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  zb_test_server_kill (f->server);
  g_clear_pointer (&f->server->url, g_free);
  f->server->tls_cert = g_strdup (cert);
  f->server->tls_key = g_strdup (key);
  zb_test_server_start (f->server);

  url = g_strconcat (f->server->url, "v1/info", NULL);
  msg = soup_message_new ("GET", url);
  g_signal_connect (msg, "accept-certificate", G_CALLBACK (accept_test_certificate_cb), NULL);
  body = soup_session_send_and_read (session, msg, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (soup_message_get_status (msg), ==, 200);
  g_assert_nonnull (g_strstr_len (g_bytes_get_data (body, NULL), g_bytes_get_size (body),
                                  "\"protocol\":1"));
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);

  /* Each test on each engine: /server/ENGINE/NAME. */
  for (const char * const *engine = zb_test_server_engines (); *engine; engine++)
    {
#define ADD(name, func) \
      { \
        g_autofree char *path = g_strdup_printf ("/server/%s/%s", *engine, name); \
        g_test_add (path, Fixture, *engine, fixture_set_up, func, fixture_tear_down); \
      }

      ADD ("enrol", test_enrol);
      ADD ("takeover", test_takeover);
      ADD ("reset-unknown", test_reset_unknown);
      ADD ("log-lines", test_log_lines);
      ADD ("push-and-feed", test_push_and_feed);
      ADD ("merge-and-conflict", test_merge_and_conflict);
      ADD ("forbidden", test_forbidden);
      ADD ("bad-requests", test_bad_requests);
      ADD ("rejected-op", test_rejected_op);
      ADD ("record-rules", test_record_rules);
      ADD ("dues-rules", test_dues_rules);
      ADD ("recruit-rules", test_recruit_rules);
      ADD ("study-rules", test_study_rules);
      ADD ("report-rules", test_report_rules);
      ADD ("finalised", test_finalised);
      ADD ("chain-broken", test_chain_broken);
      ADD ("dropped-response", test_dropped_response);
      ADD ("tls", test_tls);
#undef ADD
    }

  return g_test_run ();
}
