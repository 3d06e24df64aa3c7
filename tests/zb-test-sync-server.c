#define G_LOG_DOMAIN "zb-test-sync-server"

#include "config.h"

#include <string.h>

#include <libsoup/soup.h>

#include "zb-sync-batch.h"
#include "zb-sync-gzip.h"
#include "zb-sync-page.h"
#include "zb-sync-protocol.h"
#include "zb-sync-result.h"
#include "zb-test-sync-server.h"

/* A stand-in for zhibu-server in the client's tests (STYLE.md: a threaded
 * SoupServer fixture for client edge cases). It speaks PROTOCOL.md's
 * enrolment, push (deduplicated on device and op ID, per-field merge,
 * conflicts, resolutions) and the compacted changes feed with echoes, in
 * memory, plus faults on demand: an error status with Retry-After, a
 * connection dropped after the push is committed, a lower op limit, a
 * rejected value. It runs in its own thread with its own main context, so
 * that a test may block (spawning zhibu-cli) while it answers. Tests that
 * need only the protocol take its URL and an enrolment code, and can point
 * at a real zhibu-server instead. */

typedef struct
{
  char       *table;
  char       *row_id;
  JsonObject *fields;
  gboolean    deleted;
  gint64      seq;
  GHashTable *col_seq;        /* column → gint64 *: the change that last wrote it */
  GHashTable *col_device;     /* column → the device of that change */
  char       *echo_device;    /* whose applied op made the latest change */
  char       *origin_device;
  gint64      origin_op;
} Row;

typedef struct
{
  char     *id;
  char     *table;
  char     *row_id;
  char     *column;
  JsonNode *kept;
  char     *kept_device;
  gint64    kept_revision;
  JsonNode *pushed;
  char     *pushed_device;
  gint64    pushed_op;
  gint64    pushed_base;
  JsonNode *resolution;       /* NULL while open */
  char     *resolution_device;
  gint64    resolution_op;
  gint64    resolution_revision;
  gint64    seq;
} Conflict;

typedef struct
{
  char     *path;
  guint     skip;             /* matching requests to let through first */
  guint     status;
  char     *code;
  guint     retry_after;
  gboolean  drop;
} Fault;

struct _ZbTestSyncServer
{
  GThread      *thread;
  GMainContext *context;
  GMainLoop    *loop;
  SoupServer   *server;
  char         *url;

  GMutex        lock;
  GCond         ready;
  gint64        seq;
  GHashTable   *codes;        /* unused codes */
  GHashTable   *tokens;       /* token → device ID */
  GHashTable   *rows;         /* "table\nrow" → Row */
  GHashTable   *conflicts;    /* ID → Conflict */
  GHashTable   *results;      /* "device\nop" → JsonNode of the result */
  GHashTable   *identities;   /* "device\nop" → "table\nrow\nop\nbase" */
  GQueue        faults;
  guint         max_ops;
  guint         page_size;
  char         *reject_column;
  char         *reject_value;
  char         *reject_code;

  guint         n_ops;
  guint         n_plain;
  GArray       *push_sizes;
  GPtrArray    *requests;
};

static void
row_free (Row *row)
{
  g_free (row->table);
  g_free (row->row_id);
  json_object_unref (row->fields);
  g_hash_table_unref (row->col_seq);
  g_hash_table_unref (row->col_device);
  g_free (row->echo_device);
  g_free (row->origin_device);
  g_free (row);
}

static void
conflict_free (Conflict *c)
{
  g_free (c->id);
  g_free (c->table);
  g_free (c->row_id);
  g_free (c->column);
  g_clear_pointer (&c->kept, json_node_unref);
  g_free (c->kept_device);
  g_clear_pointer (&c->pushed, json_node_unref);
  g_free (c->pushed_device);
  g_clear_pointer (&c->resolution, json_node_unref);
  g_free (c->resolution_device);
  g_free (c);
}

static void
fault_free (Fault *fault)
{
  g_free (fault->path);
  g_free (fault->code);
  g_free (fault);
}

/* The reply, gzip-compressed when the request accepts it (PROTOCOL.md,
 * Transport). */
static void
respond (SoupServerMessage *msg,
         guint              status,
         GBytes            *json)
{
  SoupMessageHeaders *in = soup_server_message_get_request_headers (msg);
  SoupMessageHeaders *out = soup_server_message_get_response_headers (msg);
  const char *accept = soup_message_headers_get_one (in, "Accept-Encoding");
  g_autoptr(GBytes) body = g_bytes_ref (json);
  gsize len = 0;
  const char *data;

  if (accept != NULL && strstr (accept, "gzip") != NULL)
    {
      g_clear_pointer (&body, g_bytes_unref);
      body = zb_sync_gzip_compress (json, NULL);
      soup_message_headers_replace (out, "Content-Encoding", "gzip");
    }

  data = g_bytes_get_data (body, &len);
  soup_server_message_set_status (msg, status, NULL);
  soup_server_message_set_response (msg, "application/json", SOUP_MEMORY_COPY, data, len);
}

static void
respond_error (SoupServerMessage *msg,
               GError            *error)
{
  g_autoptr(GBytes) body = zb_sync_error_body_new (error);

  if (g_error_matches (error, ZB_SYNC_ERROR, ZB_SYNC_ERROR_UNAUTHORIZED))
    soup_message_headers_replace (soup_server_message_get_response_headers (msg),
                                  "WWW-Authenticate", "Bearer");
  respond (msg, zb_sync_error_http_status (error), body);
  g_error_free (error);
}

static GError *
sync_error (ZbSyncError  code,
            const char  *message)
{
  return g_error_new_literal (ZB_SYNC_ERROR, code, message);
}

static Fault *
take_fault (ZbTestSyncServer *self,
            const char       *path)
{
  for (GList *l = self->faults.head; l != NULL; l = l->next)
    {
      Fault *fault = l->data;

      if (!g_str_equal (fault->path, path))
        continue;
      if (fault->skip > 0)
        {
          fault->skip--;
          return NULL;
        }

      g_queue_delete_link (&self->faults, l);
      return fault;
    }

  return NULL;
}

static void
respond_fault (SoupServerMessage *msg,
               Fault             *fault)
{
  g_autofree char *json = g_strdup_printf ("{\"protocol\":1,\"error\":\"%s\",\"message\":"
                                           "\"fault injected by the test\"}", fault->code);
  g_autoptr(GBytes) body = g_bytes_new (json, strlen (json));

  if (fault->retry_after > 0)
    {
      g_autofree char *seconds = g_strdup_printf ("%u", fault->retry_after);

      soup_message_headers_replace (soup_server_message_get_response_headers (msg),
                                    "Retry-After", seconds);
    }
  respond (msg, fault->status, body);
}

/* Cuts the answer after its headers: the push is committed, the client
 * never learns it (PROTOCOL.md 6.3). */
static void
drop_cb (SoupServerMessage *msg,
         gpointer           data)
{
  g_socket_shutdown (soup_server_message_get_socket (msg), FALSE, TRUE, NULL);
}

static GBytes *
request_json (ZbTestSyncServer   *self,
              SoupServerMessage  *msg,
              GError            **error)
{
  SoupMessageHeaders *in = soup_server_message_get_request_headers (msg);
  const char *encoding = soup_message_headers_get_one (in, "Content-Encoding");
  g_autoptr(GBytes) raw = soup_message_body_flatten (soup_server_message_get_request_body (msg));

  if (g_bytes_get_size (raw) > ZB_SYNC_MAX_BODY)
    {
      g_set_error_literal (error, ZB_SYNC_ERROR, ZB_SYNC_ERROR_TOO_LARGE, "请求体超过 1 MiB");
      return NULL;
    }
  if (encoding == NULL)
    {
      self->n_plain++;
      return g_steal_pointer (&raw);
    }
  if (!g_str_equal (encoding, "gzip"))
    {
      g_set_error_literal (error, ZB_SYNC_ERROR, ZB_SYNC_ERROR_UNSUPPORTED_ENCODING, encoding);
      return NULL;
    }

  return zb_sync_gzip_decompress (raw, ZB_SYNC_MAX_DECODED, error);
}

static void
handle_enrol (ZbTestSyncServer  *self,
              SoupServerMessage *msg)
{
  GError *error = NULL;
  g_autoptr(GBytes) json = request_json (self, msg, &error);
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *token = NULL, *answer = NULL;
  g_autoptr(GBytes) body = NULL;
  JsonObject *object = json ? zb_sync_parse_object (json, &root, &error) : NULL;
  const char *code = object ? zb_sync_get_string (object, "code") : NULL;
  const char *device = object ? zb_sync_get_string (object, "device_id") : NULL;

  if (object == NULL)
    return respond_error (msg, error);
  if (code == NULL || device == NULL || !g_hash_table_remove (self->codes, code))
    return respond_error (msg, sync_error (ZB_SYNC_ERROR_ENROLMENT_REFUSED,
                                           "未知、已用或过期的注册码"));

  token = g_strdup_printf ("zbt1_%08x%08x", g_random_int (), g_random_int ());
  g_hash_table_insert (self->tokens, g_strdup (token), g_strdup (device));
  answer = g_strdup_printf ("{\"protocol\":1,\"token\":\"%s\",\"device_id\":\"%s\","
                            "\"branch_id\":\"0b8e5a52-6c1d-4f0e-9d38-7a3b1e2c4d5f\","
                            "\"branch_name\":\"测试支部\",\"server_sequence\":%" G_GINT64_FORMAT
                            "}", token, device, self->seq);
  body = g_bytes_new (answer, strlen (answer));
  respond (msg, SOUP_STATUS_OK, body);
}

static const char *
authorised_device (ZbTestSyncServer  *self,
                   SoupServerMessage *msg)
{
  const char *header = soup_message_headers_get_one (soup_server_message_get_request_headers (msg),
                                                     "Authorization");

  if (header == NULL || !g_str_has_prefix (header, "Bearer "))
    return NULL;

  return g_hash_table_lookup (self->tokens, header + strlen ("Bearer "));
}

static Row *
lookup_row (ZbTestSyncServer *self,
            const char       *table,
            const char       *row_id)
{
  g_autofree char *key = g_strconcat (table, "\n", row_id, NULL);

  return g_hash_table_lookup (self->rows, key);
}

static void
write_field (Row        *row,
             const char *column,
             JsonNode   *value,
             gint64      seq,
             const char *device)
{
  gint64 *at = g_new (gint64, 1);

  *at = seq;
  json_object_set_member (row->fields, column, json_node_copy (value));
  g_hash_table_insert (row->col_seq, g_strdup (column), at);
  g_hash_table_insert (row->col_device, g_strdup (column), g_strdup (device));
}

static Row *
new_row (ZbTestSyncServer *self,
         ZbSyncOp         *op)
{
  Row *row = g_new0 (Row, 1);

  row->table = g_strdup (zb_sync_op_get_table (op));
  row->row_id = g_strdup (zb_sync_op_get_row_id (op));
  row->fields = json_object_new ();
  row->col_seq = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  row->col_device = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_hash_table_insert (self->rows, g_strconcat (row->table, "\n", row->row_id, NULL), row);
  return row;
}

/* The row's state is published again at a new sequence number, whatever
 * the op's status (PROTOCOL.md 6.2). */
static void
publish (ZbTestSyncServer *self,
         Row              *row,
         ZbSyncOp         *op,
         gboolean          applied)
{
  row->seq = ++self->seq;
  g_free (row->echo_device);
  g_free (row->origin_device);
  row->echo_device = applied ? g_strdup (zb_sync_op_get_device_id (op)) : NULL;
  row->origin_device = g_strdup (zb_sync_op_get_device_id (op));
  row->origin_op = zb_sync_op_get_op_id (op);
}

static Conflict *
open_conflict_of (ZbTestSyncServer *self,
                  Row              *row,
                  const char       *column,
                  const char       *device)
{
  GHashTableIter iter;
  Conflict *c;

  g_hash_table_iter_init (&iter, self->conflicts);
  while (g_hash_table_iter_next (&iter, NULL, (gpointer *) &c))
    if (c->resolution == NULL && g_str_equal (c->table, row->table) &&
        g_str_equal (c->row_id, row->row_id) && g_str_equal (c->column, column) &&
        g_str_equal (c->pushed_device, device))
      return c;

  return NULL;
}

/* R keeps its value; the conflict keeps both (PROTOCOL.md 6.4, 6.5). */
static void
raise_conflict (ZbTestSyncServer *self,
                Row              *row,
                ZbSyncOp         *op,
                const char       *column,
                JsonNode         *value,
                GPtrArray        *ids)
{
  const char *device = zb_sync_op_get_device_id (op);
  Conflict *c = open_conflict_of (self, row, column, device);

  if (c == NULL)
    {
      c = g_new0 (Conflict, 1);
      c->id = g_uuid_string_random ();
      c->table = g_strdup (row->table);
      c->row_id = g_strdup (row->row_id);
      c->column = g_strdup (column);
      c->kept = json_node_copy (json_object_get_member (row->fields, column));
      c->kept_device = g_strdup (g_hash_table_lookup (row->col_device, column));
      c->kept_revision = *(gint64 *) g_hash_table_lookup (row->col_seq, column);
      c->pushed_device = g_strdup (device);
      g_hash_table_insert (self->conflicts, c->id, c);
    }

  g_clear_pointer (&c->pushed, json_node_unref);
  c->pushed = json_node_copy (value);
  c->pushed_op = zb_sync_op_get_op_id (op);
  c->pushed_base = zb_sync_op_get_base_revision (op);
  c->seq = ++self->seq;
  g_ptr_array_add (ids, c->id);
}

static void
resolve (ZbTestSyncServer *self,
         Conflict         *c,
         ZbSyncOp         *op,
         Row              *row)
{
  c->resolution = json_node_copy (json_object_get_member (row->fields, c->column));
  c->resolution_device = g_strdup (zb_sync_op_get_device_id (op));
  c->resolution_op = zb_sync_op_get_op_id (op);
  c->resolution_revision = row->seq;
  c->seq = ++self->seq;
}

/* Field by field: equal values do nothing, a field last written at or
 * before the op's base (or by its own device) is written, any other is a
 * conflict; a resolution writes its column whatever came before. */
static ZbSyncResult *
merge_fields (ZbTestSyncServer *self,
              Row              *row,
              ZbSyncOp         *op)
{
  JsonObject *fields = zb_sync_op_get_fields (op);
  const char *device = zb_sync_op_get_device_id (op);
  gint64 base = zb_sync_op_get_base_revision (op);
  gint64 before = row->seq;
  Conflict *resolved = zb_sync_op_get_resolves (op) ?
                       g_hash_table_lookup (self->conflicts, zb_sync_op_get_resolves (op)) : NULL;
  g_autoptr(GPtrArray) ids = g_ptr_array_new ();
  g_autoptr(GList) names = json_object_get_members (fields);
  ZbSyncResult *result;
  gint64 seq;

  publish (self, row, op, FALSE);
  seq = row->seq;
  for (GList *l = names; l != NULL; l = l->next)
    {
      const char *column = l->data;
      JsonNode *value = json_object_get_member (fields, column);
      JsonNode *held = json_object_get_member (row->fields, column);
      gint64 *at = g_hash_table_lookup (row->col_seq, column);

      if (held != NULL && json_node_equal (held, value))
        continue;
      if ((resolved && g_str_equal (resolved->column, column)) || at == NULL || *at <= base ||
          g_strcmp0 (g_hash_table_lookup (row->col_device, column), device) == 0)
        write_field (row, column, value, seq, device);
      else
        raise_conflict (self, row, op, column, value, ids);
    }
  if (resolved != NULL && resolved->resolution == NULL)
    resolve (self, resolved, op, row);

  result = zb_sync_result_new (zb_sync_op_get_op_id (op),
                               ids->len > 0 ? ZB_SYNC_RESULT_CONFLICT
                               : base == before ? ZB_SYNC_RESULT_APPLIED
                               : ZB_SYNC_RESULT_MERGED, row->seq);
  if (ids->len > 0)
    {
      g_ptr_array_add (ids, NULL);
      zb_sync_result_set_conflicts (result, (const char * const *) ids->pdata);
    }
  if (base == before && ids->len == 0)
    {
      g_free (row->echo_device);
      row->echo_device = g_strdup (device);
    }
  return result;
}

static ZbSyncResult *
create_or_revive (ZbTestSyncServer *self,
                  Row              *row,
                  ZbSyncOp         *op)
{
  JsonObject *fields = zb_sync_op_get_fields (op);
  g_autoptr(GList) names = json_object_get_members (fields);

  if (row == NULL)
    row = new_row (self, op);
  row->deleted = FALSE;
  publish (self, row, op, TRUE);
  for (GList *l = names; l != NULL; l = l->next)
    write_field (row, l->data, json_object_get_member (fields, l->data), row->seq,
                 zb_sync_op_get_device_id (op));

  return zb_sync_result_new (zb_sync_op_get_op_id (op), ZB_SYNC_RESULT_APPLIED, row->seq);
}

static gboolean
changed_by_other_since (Row        *row,
                        const char *device,
                        gint64      base)
{
  GHashTableIter iter;
  gpointer column, at;

  g_hash_table_iter_init (&iter, row->col_seq);
  while (g_hash_table_iter_next (&iter, &column, &at))
    if (*(gint64 *) at > base && g_strcmp0 (g_hash_table_lookup (row->col_device, column),
                                            device) != 0)
      return TRUE;

  return FALSE;
}

static ZbSyncResult *
delete_row (ZbTestSyncServer *self,
            Row              *row,
            ZbSyncOp         *op)
{
  gint64 op_id = zb_sync_op_get_op_id (op);

  if (row == NULL)
    return zb_sync_result_new (op_id, ZB_SYNC_RESULT_SUPERSEDED, -1);
  if (row->deleted || changed_by_other_since (row, zb_sync_op_get_device_id (op),
                                              zb_sync_op_get_base_revision (op)))
    {
      publish (self, row, op, FALSE);
      return zb_sync_result_new (op_id, ZB_SYNC_RESULT_SUPERSEDED, row->seq);
    }

  row->deleted = TRUE;
  publish (self, row, op, TRUE);
  return zb_sync_result_new (op_id, ZB_SYNC_RESULT_APPLIED, row->seq);
}

static gboolean
is_rejected_value (ZbTestSyncServer *self,
                   ZbSyncOp         *op)
{
  JsonObject *fields = zb_sync_op_get_fields (op);
  const char *value = self->reject_column && fields
                      ? zb_sync_get_string (fields, self->reject_column) : NULL;

  return value != NULL && g_strcmp0 (value, self->reject_value) == 0;
}

static ZbSyncResult *
run_op (ZbTestSyncServer *self,
        ZbSyncOp         *op)
{
  Row *row = lookup_row (self, zb_sync_op_get_table (op), zb_sync_op_get_row_id (op));
  ZbSyncResult *result;

  if (is_rejected_value (self, op))
    {
      if (row != NULL)
        publish (self, row, op, FALSE);
      result = zb_sync_result_new (zb_sync_op_get_op_id (op), ZB_SYNC_RESULT_REJECTED,
                                   row ? row->seq : -1);
      zb_sync_result_set_error (result, self->reject_code, "测试服务器拒绝了这项修改");
      return result;
    }

  switch (zb_sync_op_get_kind (op))
    {
    case ZB_SYNC_OP_DELETE:
      return delete_row (self, row, op);
    case ZB_SYNC_OP_UPDATE:
      if (row == NULL)
        {
          result = zb_sync_result_new (zb_sync_op_get_op_id (op), ZB_SYNC_RESULT_REJECTED, -1);
          zb_sync_result_set_error (result, "unknown_row", "服务器没有这条记录");
          return result;
        }
      G_GNUC_FALLTHROUGH;
    case ZB_SYNC_OP_INSERT:
    default:
      if (row == NULL || row->deleted)
        return create_or_revive (self, row, op);
      return merge_fields (self, row, op);
    }
}

static char *
op_identity (ZbSyncOp *op)
{
  return g_strdup_printf ("%s\n%s\n%d\n%" G_GINT64_FORMAT, zb_sync_op_get_table (op),
                          zb_sync_op_get_row_id (op), zb_sync_op_get_kind (op),
                          zb_sync_op_get_base_revision (op));
}

/* Seen before: the first answer again, marked as a duplicate. */
static ZbSyncResult *
run_once (ZbTestSyncServer *self,
          ZbSyncOp         *op)
{
  g_autofree char *key = g_strdup_printf ("%s\n%" G_GINT64_FORMAT, zb_sync_op_get_device_id (op),
                                          zb_sync_op_get_op_id (op));
  JsonNode *seen = g_hash_table_lookup (self->results, key);
  ZbSyncResult *result;

  if (seen != NULL)
    {
      result = zb_sync_result_new_from_json (seen, 0, NULL);
      zb_sync_result_set_duplicate (result, TRUE);
      return result;
    }

  result = run_op (self, op);
  self->n_ops++;
  g_hash_table_insert (self->results, g_strdup (key), zb_sync_result_to_json (result));
  g_hash_table_insert (self->identities, g_steal_pointer (&key), op_identity (op));
  return result;
}

static GError *
check_batch (ZbTestSyncServer *self,
             ZbSyncBatch      *batch,
             const char       *device)
{
  if (g_strcmp0 (zb_sync_batch_get_device_id (batch), device) != 0)
    return sync_error (ZB_SYNC_ERROR_FORBIDDEN, "device_id 不是令牌的设备");
  if (zb_sync_batch_get_n_ops (batch) > self->max_ops)
    return sync_error (ZB_SYNC_ERROR_TOO_MANY_OPS, "一次推送的修改太多");

  for (guint i = 0; i < zb_sync_batch_get_n_ops (batch); i++)
    {
      ZbSyncOp *op = zb_sync_batch_get_op (batch, i);
      g_autofree char *key = g_strdup_printf ("%s\n%" G_GINT64_FORMAT, device,
                                              zb_sync_op_get_op_id (op));
      g_autofree char *identity = op_identity (op);
      const char *seen = g_hash_table_lookup (self->identities, key);

      if (seen != NULL && !g_str_equal (seen, identity))
        return sync_error (ZB_SYNC_ERROR_OP_ID_REUSED, "另一个数据库使用了相同的设备编号");
    }

  return NULL;
}

static void
handle_push (ZbTestSyncServer  *self,
             SoupServerMessage *msg,
             const char        *device)
{
  GError *error = NULL;
  g_autoptr(GBytes) json = request_json (self, msg, &error);
  g_autoptr(ZbSyncBatch) batch = json ? zb_sync_batch_new_from_bytes (json, &error) : NULL;
  g_autoptr(GPtrArray) results = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GBytes) answer = NULL;
  guint n;

  if (batch == NULL)
    return respond_error (msg, error);

  /* Every push that parses, those refused as too many ops included. */
  n = zb_sync_batch_get_n_ops (batch);
  g_array_append_val (self->push_sizes, n);
  if ((error = check_batch (self, batch, device)) != NULL)
    return respond_error (msg, error);

  for (guint i = 0; i < n; i++)
    g_ptr_array_add (results, run_once (self, zb_sync_batch_get_op (batch, i)));

  answer = zb_sync_results_to_bytes (results, self->seq);
  respond (msg, SOUP_STATUS_OK, answer);
}

typedef struct
{
  gint64    seq;
  Row      *row;
  Conflict *conflict;
} Entry;

static gint
entry_compare (gconstpointer a,
               gconstpointer b)
{
  const Entry *x = a, *y = b;

  return x->seq < y->seq ? -1 : x->seq > y->seq;
}

/* The compacted feed after @since; from 0 without tombstones nor resolved
 * conflicts (PROTOCOL.md 7.2). */
static GArray *
feed_entries (ZbTestSyncServer *self,
              gint64            since)
{
  GArray *entries = g_array_new (FALSE, FALSE, sizeof (Entry));
  GHashTableIter iter;
  gpointer value;

  g_hash_table_iter_init (&iter, self->rows);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    {
      Row *row = value;
      Entry e = { row->seq, row, NULL };

      if (row->seq > since && !(since == 0 && row->deleted))
        g_array_append_val (entries, e);
    }
  g_hash_table_iter_init (&iter, self->conflicts);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    {
      Conflict *c = value;
      Entry e = { c->seq, NULL, c };

      if (c->seq > since && !(since == 0 && c->resolution != NULL))
        g_array_append_val (entries, e);
    }

  g_array_sort (entries, entry_compare);
  return entries;
}

static ZbSyncChange *
row_change (Row        *row,
            const char *device)
{
  ZbSyncChange *change;

  if (g_strcmp0 (row->echo_device, device) == 0)
    change = zb_sync_change_new_echo (row->seq, row->table, row->row_id, row->deleted);
  else if (row->deleted)
    change = zb_sync_change_new_tombstone (row->seq, row->table, row->row_id);
  else
    change = zb_sync_change_new_row (row->seq, row->table, row->row_id, row->fields);

  zb_sync_change_set_origin (change, row->origin_device, row->origin_op, "2026-11-22T08:30:00Z");
  return change;
}

static ZbSyncChange *
conflict_change (Conflict *c)
{
  g_autoptr(ZbSyncConflict) conflict = zb_sync_conflict_new (c->id, c->table, c->row_id,
                                                              c->column, c->resolution != NULL,
                                                              "2026-11-22T08:30:00Z");

  zb_sync_conflict_set_kept (conflict, c->kept, c->kept_device, c->kept_revision);
  zb_sync_conflict_set_pushed (conflict, c->pushed, c->pushed_device, c->pushed_op,
                               c->pushed_base);
  if (c->resolution != NULL)
    zb_sync_conflict_set_resolution (conflict, c->resolution, c->resolution_device,
                                     c->resolution_op, c->resolution_revision);
  return zb_sync_change_new_conflict (c->seq, conflict);
}

static gboolean
query_int (GHashTable  *query,
           const char  *name,
           gint64       fallback,
           gint64       min,
           gint64       max,
           gint64      *value)
{
  const char *text = query ? g_hash_table_lookup (query, name) : NULL;

  *value = fallback;
  return text == NULL ? fallback >= 0
                      : g_ascii_string_to_signed (text, 10, min, max, value, NULL);
}

static void
handle_changes (ZbTestSyncServer  *self,
                SoupServerMessage *msg,
                GHashTable        *query,
                const char        *device)
{
  g_autoptr(GArray) entries = NULL;
  g_autoptr(ZbSyncPage) page = NULL;
  g_autoptr(GBytes) body = NULL;
  gint64 since, limit;
  guint n;

  if (!query_int (query, "since", -1, 0, G_MAXINT64, &since) ||
      !query_int (query, "limit", ZB_SYNC_PAGE_SIZE, 1, ZB_SYNC_PAGE_SIZE, &limit))
    return respond_error (msg, sync_error (ZB_SYNC_ERROR_MALFORMED, "since 或 limit 不对"));
  if (since > self->seq)
    return respond_error (msg, sync_error (ZB_SYNC_ERROR_CHECKPOINT_AHEAD, "检查点超前"));

  entries = feed_entries (self, since);
  n = MIN (entries->len, MIN ((guint) limit, self->page_size));
  page = zb_sync_page_new (since, n < entries->len, self->seq);
  for (guint i = 0; i < n; i++)
    {
      Entry *e = &g_array_index (entries, Entry, i);
      g_autoptr(ZbSyncChange) change = e->row ? row_change (e->row, device)
                                              : conflict_change (e->conflict);

      zb_sync_page_add (page, change);
    }

  body = zb_sync_page_to_bytes (page);
  respond (msg, SOUP_STATUS_OK, body);
}

static void
handle_authorised (ZbTestSyncServer  *self,
                   SoupServerMessage *msg,
                   const char        *path,
                   GHashTable        *query)
{
  const char *device = authorised_device (self, msg);

  if (device == NULL)
    respond_error (msg, sync_error (ZB_SYNC_ERROR_UNAUTHORIZED, "令牌无效，请重新注册"));
  else if (g_str_equal (path, "/v1/push"))
    handle_push (self, msg, device);
  else if (g_str_equal (path, "/v1/changes"))
    handle_changes (self, msg, query, device);
  else
    respond_error (msg, sync_error (ZB_SYNC_ERROR_NOT_FOUND, "没有这个路径"));
}

static gboolean
accepts_gzip (SoupServerMessage *msg)
{
  const char *accept = soup_message_headers_get_one (soup_server_message_get_request_headers (msg),
                                                     "Accept-Encoding");

  return accept != NULL && strstr (accept, "gzip") != NULL;
}

static void
handle_cb (SoupServer        *server,
           SoupServerMessage *msg,
           const char        *path,
           GHashTable        *query,
           gpointer           data)
{
  ZbTestSyncServer *self = data;
  Fault *fault;

  g_mutex_lock (&self->lock);
  g_ptr_array_add (self->requests, g_strdup (path));
  if (!accepts_gzip (msg))
    self->n_plain++;
  fault = take_fault (self, path);
  if (fault != NULL && !fault->drop)
    respond_fault (msg, fault);
  else if (g_str_equal (path, "/v1/enrol"))
    handle_enrol (self, msg);
  else
    handle_authorised (self, msg, path, query);

  if (fault != NULL && fault->drop)
    g_signal_connect (msg, "wrote-headers", G_CALLBACK (drop_cb), NULL);
  g_clear_pointer (&fault, fault_free);
  g_mutex_unlock (&self->lock);
}

static gpointer
server_thread (gpointer data)
{
  ZbTestSyncServer *self = data;
  g_autoptr(GError) error = NULL;
  GSList *uris;

  g_main_context_push_thread_default (self->context);
  self->server = soup_server_new (NULL, NULL);
  soup_server_add_handler (self->server, "/v1", handle_cb, self, NULL);
  soup_server_listen_local (self->server, 0, SOUP_SERVER_LISTEN_IPV4_ONLY, &error);
  g_assert_no_error (error);
  uris = soup_server_get_uris (self->server);
  g_mutex_lock (&self->lock);
  self->url = g_uri_to_string_partial (uris->data, G_URI_HIDE_PASSWORD);
  g_cond_signal (&self->ready);
  g_mutex_unlock (&self->lock);
  g_slist_free_full (uris, (GDestroyNotify) g_uri_unref);

  g_main_loop_run (self->loop);

  /* Connections close through sources of this context: let them run. */
  soup_server_disconnect (self->server);
  g_clear_object (&self->server);
  while (g_main_context_iteration (self->context, FALSE))
    ;
  g_main_context_pop_thread_default (self->context);
  return NULL;
}

/* Listens on a loopback port of its own until freed. */
ZbTestSyncServer *
zb_test_sync_server_new (void)
{
  ZbTestSyncServer *self = g_new0 (ZbTestSyncServer, 1);

  g_mutex_init (&self->lock);
  g_cond_init (&self->ready);
  self->codes = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->tokens = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  self->rows = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify) row_free);
  self->conflicts = g_hash_table_new_full (g_str_hash, g_str_equal, NULL,
                                           (GDestroyNotify) conflict_free);
  self->results = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                         (GDestroyNotify) json_node_unref);
  self->identities = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_queue_init (&self->faults);
  self->max_ops = ZB_SYNC_MAX_OPS;
  self->page_size = ZB_SYNC_PAGE_SIZE;
  self->push_sizes = g_array_new (FALSE, FALSE, sizeof (guint));
  self->requests = g_ptr_array_new_with_free_func (g_free);
  self->context = g_main_context_new ();
  self->loop = g_main_loop_new (self->context, FALSE);

  g_mutex_lock (&self->lock);
  self->thread = g_thread_new ("zb-test-sync-server", server_thread, self);
  while (self->url == NULL)
    g_cond_wait (&self->ready, &self->lock);
  g_mutex_unlock (&self->lock);
  return self;
}

static gboolean
quit_cb (gpointer data)
{
  g_main_loop_quit (data);
  return G_SOURCE_REMOVE;
}

void
zb_test_sync_server_free (ZbTestSyncServer *self)
{
  g_main_context_invoke (self->context, quit_cb, self->loop);
  g_thread_join (self->thread);

  g_main_loop_unref (self->loop);
  g_main_context_unref (self->context);
  g_free (self->url);
  g_hash_table_unref (self->codes);
  g_hash_table_unref (self->tokens);
  g_hash_table_unref (self->rows);
  g_hash_table_unref (self->conflicts);
  g_hash_table_unref (self->results);
  g_hash_table_unref (self->identities);
  g_queue_clear_full (&self->faults, (GDestroyNotify) fault_free);
  g_free (self->reject_column);
  g_free (self->reject_value);
  g_free (self->reject_code);
  g_array_unref (self->push_sizes);
  g_ptr_array_unref (self->requests);
  g_mutex_clear (&self->lock);
  g_cond_clear (&self->ready);
  g_free (self);
}

/* http://127.0.0.1:PORT/ */
const char *
zb_test_sync_server_get_url (ZbTestSyncServer *self)
{
  return self->url;
}

/* A one-time code, as `zhibu-server enrol` prints one. */
char *
zb_test_sync_server_add_code (ZbTestSyncServer *self)
{
  char *code = g_strdup_printf ("T%03X-%04X-%04X-%04X", g_random_int_range (0, 0xfff),
                                g_random_int_range (0, 0xffff), g_random_int_range (0, 0xffff),
                                g_random_int_range (0, 0xffff));

  g_mutex_lock (&self->lock);
  g_hash_table_add (self->codes, g_strdup (code));
  g_mutex_unlock (&self->lock);
  return code;
}

static void
add_fault (ZbTestSyncServer *self,
           const char       *path,
           guint             skip,
           guint             status,
           const char       *code,
           guint             retry_after,
           gboolean          drop)
{
  Fault *fault = g_new0 (Fault, 1);

  fault->path = g_strdup (path);
  fault->skip = skip;
  fault->status = status;
  fault->code = g_strdup (code);
  fault->retry_after = retry_after;
  fault->drop = drop;
  g_mutex_lock (&self->lock);
  g_queue_push_tail (&self->faults, fault);
  g_mutex_unlock (&self->lock);
}

/* The request to @path after @skip others answers @status with @code, and
 * a Retry-After when @retry_after is not 0. */
void
zb_test_sync_server_fail_later (ZbTestSyncServer *self,
                                const char       *path,
                                guint             skip,
                                guint             status,
                                const char       *code,
                                guint             retry_after)
{
  add_fault (self, path, skip, status, code, retry_after, FALSE);
}

void
zb_test_sync_server_fail_next (ZbTestSyncServer *self,
                               const char       *path,
                               guint             status,
                               const char       *code,
                               guint             retry_after)
{
  add_fault (self, path, 0, status, code, retry_after, FALSE);
}

/* The next request to @path is carried out, and its answer cut off. */
void
zb_test_sync_server_drop_next (ZbTestSyncServer *self,
                               const char       *path)
{
  add_fault (self, path, 0, 0, NULL, 0, TRUE);
}

void
zb_test_sync_server_set_max_ops (ZbTestSyncServer *self,
                                 guint             max_ops)
{
  g_mutex_lock (&self->lock);
  self->max_ops = max_ops;
  g_mutex_unlock (&self->lock);
}

void
zb_test_sync_server_set_page_size (ZbTestSyncServer *self,
                                   guint             page_size)
{
  g_mutex_lock (&self->lock);
  self->page_size = page_size;
  g_mutex_unlock (&self->lock);
}

/* Ops that set @column to @value are rejected with @code. */
void
zb_test_sync_server_reject_value (ZbTestSyncServer *self,
                                  const char       *column,
                                  const char       *value,
                                  const char       *code)
{
  g_mutex_lock (&self->lock);
  g_free (self->reject_column);
  g_free (self->reject_value);
  g_free (self->reject_code);
  self->reject_column = g_strdup (column);
  self->reject_value = g_strdup (value);
  self->reject_code = g_strdup (code);
  g_mutex_unlock (&self->lock);
}

void
zb_test_sync_server_revoke_tokens (ZbTestSyncServer *self)
{
  g_mutex_lock (&self->lock);
  g_hash_table_remove_all (self->tokens);
  g_mutex_unlock (&self->lock);
}

/* Ops carried out, duplicates not counted. */
guint
zb_test_sync_server_count_ops (ZbTestSyncServer *self)
{
  guint n;

  g_mutex_lock (&self->lock);
  n = self->n_ops;
  g_mutex_unlock (&self->lock);
  return n;
}

guint
zb_test_sync_server_count_requests (ZbTestSyncServer *self,
                                    const char       *path)
{
  guint n = 0;

  g_mutex_lock (&self->lock);
  for (guint i = 0; i < self->requests->len; i++)
    n += g_str_equal (g_ptr_array_index (self->requests, i), path);
  g_mutex_unlock (&self->lock);
  return n;
}

/* Requests not gzip both ways: a body without Content-Encoding: gzip, or
 * no Accept-Encoding: gzip. */
guint
zb_test_sync_server_count_plain (ZbTestSyncServer *self)
{
  guint n;

  g_mutex_lock (&self->lock);
  n = self->n_plain;
  g_mutex_unlock (&self->lock);
  return n;
}

/* The number of ops of each push, in order. */
GArray *
zb_test_sync_server_dup_push_sizes (ZbTestSyncServer *self)
{
  GArray *sizes;

  g_mutex_lock (&self->lock);
  sizes = g_array_copy (self->push_sizes);
  g_mutex_unlock (&self->lock);
  return sizes;
}

/* A column's value as JSON text; NULL when the server lacks the row or the
 * column. */
char *
zb_test_sync_server_dup_value (ZbTestSyncServer *self,
                               const char       *table,
                               const char       *row_id,
                               const char       *column)
{
  JsonNode *value;
  char *text = NULL;
  Row *row;

  g_mutex_lock (&self->lock);
  row = lookup_row (self, table, row_id);
  value = row ? json_object_get_member (row->fields, column) : NULL;
  if (value != NULL)
    text = json_to_string (value, FALSE);
  g_mutex_unlock (&self->lock);
  return text;
}

gint64
zb_test_sync_server_get_sequence (ZbTestSyncServer *self)
{
  gint64 seq;

  g_mutex_lock (&self->lock);
  seq = self->seq;
  g_mutex_unlock (&self->lock);
  return seq;
}
