#define G_LOG_DOMAIN "zb-sync-client"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "zb-secret.h"
#include "zb-store-sync.h"
#include "zb-sync-apply.h"
#include "zb-sync-backoff.h"
#include "zb-sync-batch.h"
#include "zb-sync-client.h"
#include "zb-sync-gzip.h"
#include "zb-sync-page.h"
#include "zb-sync-protocol.h"
#include "zb-sync-result.h"
#include "zb-sync-transport.h"

/* The PC's sync engine (DESIGN.md, Sync; PROTOCOL.md): a round pushes the
 * outbox in bounded batches, each op leaving it only once acknowledged, then
 * pulls the changes feed page by page, each applied with its checkpoint.
 * Every step is resumable from the database alone, so an interrupted round
 * is simply run again. A round runs in a worker thread (network and SQL
 * both block); its progress is published as properties in the main context
 * of the thread that made the client, for the app's header bar. */

#define TOKEN_MAX 256

struct _ZbSyncClient
{
  GObject            parent_instance;

  ZbStore           *store;
  char              *server_url;
  char              *token_file;     /* NULL: the keyring */

  /* Settings, read by a round's thread: change them between rounds. */
  guint              max_retries;
  guint              max_wait;         /* seconds a call may wait before it gives up */
  guint              backoff_initial;  /* milliseconds */
  guint              backoff_max;
  guint              connect_timeout;  /* seconds */
  guint              request_timeout;
  guint              page_limit;

  GMainContext      *context;
  gint               busy;             /* atomic: a round or an enrolment runs */

  GMutex             lock;             /* what follows is written by the round's thread */
  char              *token;
  ZbSyncBackoff      backoff;
  ZbSyncClientState  state;
  guint              pending;
  guint              open_conflicts;
  guint              rejected;
  char              *last_error;
  GDateTime         *last_success;
  GDateTime         *next_retry;
};

G_DEFINE_FINAL_TYPE (ZbSyncClient, zb_sync_client, G_TYPE_OBJECT)

G_DEFINE_QUARK (zb-sync-client-error-quark, zb_sync_client_error)

G_DEFINE_ENUM_TYPE (ZbSyncClientState, zb_sync_client_state,
                    G_DEFINE_ENUM_VALUE (ZB_SYNC_CLIENT_IDLE, "idle"),
                    G_DEFINE_ENUM_VALUE (ZB_SYNC_CLIENT_PUSHING, "pushing"),
                    G_DEFINE_ENUM_VALUE (ZB_SYNC_CLIENT_PULLING, "pulling"),
                    G_DEFINE_ENUM_VALUE (ZB_SYNC_CLIENT_WAITING, "waiting"))

enum {
  PROP_0,
  PROP_STORE,
  PROP_SERVER_URL,
  PROP_TOKEN_FILE,
  PROP_MAX_RETRIES,
  PROP_MAX_WAIT,
  PROP_BACKOFF_INITIAL,
  PROP_BACKOFF_MAX,
  PROP_CONNECT_TIMEOUT,
  PROP_REQUEST_TIMEOUT,
  PROP_PAGE_LIMIT,
  PROP_STATE,
  PROP_PENDING,
  PROP_OPEN_CONFLICTS,
  PROP_REJECTED,
  PROP_LAST_ERROR,
  PROP_LAST_SUCCESS,
  PROP_NEXT_RETRY,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* One op on its way, with the earlier ops of a removed row that its
 * delete's acknowledgement takes along (PROTOCOL.md 6.1). */
typedef struct
{
  ZbSyncOp   *op;
  JsonObject *fields;
  GArray     *riders;
} Outgoing;

/* One round, in the worker thread. */
typedef struct
{
  ZbSyncClient    *self;
  ZbSyncTransport *transport;
  char            *token;
  GCancellable    *cancellable;
  ZbSyncStats     *stats;
  guint            retry_after;
  guint            batch_max;       /* ops per push; halved when the server says 413 */
} Round;

static void
outgoing_free (Outgoing *o)
{
  g_object_unref (o->op);
  g_clear_pointer (&o->fields, json_object_unref);
  g_clear_pointer (&o->riders, g_array_unref);
  g_free (o);
}

typedef struct
{
  ZbSyncClient *self;
  GParamSpec   *pspec;
} Notify;

static gboolean
notify_cb (gpointer data)
{
  Notify *notify = data;

  g_object_notify_by_pspec (G_OBJECT (notify->self), notify->pspec);
  return G_SOURCE_REMOVE;
}

static void
notify_free (gpointer data)
{
  Notify *notify = data;

  g_object_unref (notify->self);
  g_free (notify);
}

/* Always deferred to the client's context: never a notification from the
 * worker thread, which a widget bound to the property could not take. */
static void
queue_notify (ZbSyncClient *self,
              guint         prop)
{
  g_autoptr(GSource) source = g_idle_source_new ();
  Notify *notify = g_new (Notify, 1);

  notify->self = g_object_ref (self);
  notify->pspec = properties[prop];
  g_source_set_callback (source, notify_cb, notify, notify_free);
  g_source_attach (source, self->context);
}

static void
set_state (ZbSyncClient      *self,
           ZbSyncClientState  state)
{
  gboolean changed;

  g_mutex_lock (&self->lock);
  changed = self->state != state;
  self->state = state;
  g_mutex_unlock (&self->lock);

  if (changed)
    queue_notify (self, PROP_STATE);
}

static void
set_count (ZbSyncClient *self,
           guint        *field,
           guint         value,
           guint         prop)
{
  gboolean changed;

  g_mutex_lock (&self->lock);
  changed = *field != value;
  *field = value;
  g_mutex_unlock (&self->lock);

  if (changed)
    queue_notify (self, prop);
}

/* The counts the header bar shows; a failure to count is no reason to fail. */
static void
refresh_counts (ZbSyncClient *self)
{
  g_autoptr(GListModel) rejected = zb_store_list_rejected (self->store, NULL);

  set_count (self, &self->pending, zb_store_count_outbox (self->store, NULL), PROP_PENDING);
  set_count (self, &self->open_conflicts, zb_store_count_open_conflicts (self->store, NULL),
             PROP_OPEN_CONFLICTS);
  set_count (self, &self->rejected, rejected ? g_list_model_get_n_items (rejected) : 0,
             PROP_REJECTED);
}

static void
set_outcome (ZbSyncClient *self,
             const GError *error,
             guint64       retry_in_ms)
{
  g_mutex_lock (&self->lock);
  g_clear_pointer (&self->last_error, g_free);
  g_clear_pointer (&self->next_retry, g_date_time_unref);
  if (error == NULL)
    {
      g_clear_pointer (&self->last_success, g_date_time_unref);
      self->last_success = g_date_time_new_now_utc ();
    }
  else
    self->last_error = g_strdup (error->message);
  if (retry_in_ms > 0)
    {
      g_autoptr(GDateTime) now = g_date_time_new_now_utc ();

      self->next_retry = g_date_time_add (now, retry_in_ms * G_TIME_SPAN_MILLISECOND);
    }
  g_mutex_unlock (&self->lock);

  queue_notify (self, PROP_LAST_ERROR);
  queue_notify (self, PROP_NEXT_RETRY);
  if (error == NULL)
    queue_notify (self, PROP_LAST_SUCCESS);
}

/* Network errors, timeouts and the server's 500, 502, 503 and 504 are worth
 * trying again later (PROTOCOL.md, Rounds); nothing else is until something
 * changes (a new token, a new version, a person's fix). */
gboolean
zb_sync_client_is_transient (const GError *error)
{
  if (error == NULL)
    return FALSE;
  if (error->domain == G_IO_ERROR)
    return error->code != G_IO_ERROR_CANCELLED;
  if (error->domain == G_RESOLVER_ERROR)
    return TRUE;
  if (error->domain == g_quark_from_static_string ("soup-session-error-quark"))
    return error->code == 0 || error->code == 1;    /* a garbled answer: parsing, encoding */

  return zb_sync_error_is_transient (error);
}

/* What the person at the PC can do about the server's answer. */
static void
explain_error (ZbSyncClient  *self,
               GError       **error)
{
  if (error == NULL || *error == NULL || (*error)->domain != ZB_SYNC_ERROR)
    return;

  switch ((*error)->code)
    {
    case ZB_SYNC_ERROR_UNAUTHORIZED:
      g_prefix_error (error, _("The server no longer accepts this PC’s token; enrol again with a "
                               "new code from its administrator: "));
      break;
    case ZB_SYNC_ERROR_OP_ID_REUSED:
      g_prefix_error (error, _("Another database syncs as this device (a copied file or a "
                               "restored backup); this one needs a new device ID before it can "
                               "sync again: "));
      break;
    case ZB_SYNC_ERROR_CHECKPOINT_AHEAD:
      g_prefix_error (error, _("The server has lost changes this PC has seen (restored from a "
                               "backup?); sync stopped, tell the server’s administrator: "));
      break;
    case ZB_SYNC_ERROR_UNSUPPORTED_PROTOCOL:
      g_prefix_error (error, _("The server speaks another version of the sync protocol; update "
                               "Zhibu: "));
      break;
    default:
      break;
    }
}

static char *
read_token_file (ZbSyncClient  *self,
                 GError       **error)
{
  g_autofree char *contents = NULL;
  g_autoptr(GError) local_error = NULL;

  if (!g_file_get_contents (self->token_file, &contents, NULL, &local_error) ||
      *g_strstrip (contents) == '\0')
    {
      g_set_error (error, ZB_SYNC_CLIENT_ERROR, ZB_SYNC_CLIENT_ERROR_NOT_ENROLLED,
                   _("No sync token in %s (%s): enrol this PC first with “zhibu-cli enrol”"),
                   self->token_file, local_error ? local_error->message : _("empty"));
      return NULL;
    }

  return g_steal_pointer (&contents);
}

/* The token file when one is given, else the keyring. */
static char *
load_token (ZbSyncClient  *self,
            GCancellable  *cancellable,
            GError       **error)
{
  g_autofree char *token = NULL;
  g_autoptr(GError) local_error = NULL;

  g_mutex_lock (&self->lock);
  token = g_strdup (self->token);
  g_mutex_unlock (&self->lock);
  if (token != NULL)
    return g_steal_pointer (&token);

  if (self->token_file != NULL)
    return read_token_file (self, error);

  token = zb_secret_lookup_token (self->server_url, zb_store_get_device_id (self->store),
                                  cancellable, &local_error);
  if (token == NULL)
    g_set_error (error, ZB_SYNC_CLIENT_ERROR, ZB_SYNC_CLIENT_ERROR_NOT_ENROLLED,
                 _("This PC is not enrolled with %s%s%s: enrol it with a code from the server’s "
                   "administrator"), self->server_url, local_error ? ": " : "",
                 local_error ? local_error->message : "");

  return g_steal_pointer (&token);
}

/* Mode 0600 from the first byte: the token opens the branch's data. */
static gboolean
save_token (ZbSyncClient  *self,
            const char    *token,
            GCancellable  *cancellable,
            GError       **error)
{
  g_autofree char *line = g_strconcat (token, "\n", NULL);

  if (self->token_file == NULL)
    return zb_secret_store_token (self->server_url, zb_store_get_device_id (self->store), token,
                                  cancellable, error);

  return g_file_set_contents_full (self->token_file, line, -1, G_FILE_SET_CONTENTS_CONSISTENT,
                                   0600, error);
}

static GBytes *
request (Round        *round,
         const char   *method,
         const char   *path,
         GBytes       *json,
         GError      **error)
{
  g_autoptr(GBytes) body = json ? zb_sync_gzip_compress (json, error) : NULL;

  if (json != NULL && body == NULL)
    return NULL;

  return zb_sync_transport_request (round->transport, method, path, body, round->token,
                                    &round->retry_after, round->cancellable, error);
}

static gboolean
is_delete (ZbOutboxEntry *entry)
{
  return g_str_equal (zb_outbox_entry_get_op (entry), "delete");
}

static char *
row_key (ZbOutboxEntry *entry)
{
  return g_strconcat (zb_outbox_entry_get_table_name (entry), "\n",
                      zb_outbox_entry_get_row_id (entry), NULL);
}

static gboolean
reject_locally (Round          *round,
                ZbOutboxEntry  *entry,
                const char     *code,
                const char     *reason,
                JsonObject     *fields,
                GError        **error)
{
  round->stats->rejected++;
  return zb_store_reject_outbox (round->self->store, zb_outbox_entry_get_op_id (entry), code,
                                 reason, fields, error);
}

static ZbSyncOp *
make_op (Round          *round,
         ZbOutboxEntry  *entry,
         JsonObject     *fields)
{
  ZbSyncOpKind kind = ZB_SYNC_OP_UPDATE;
  ZbSyncOp *op;

  zb_sync_op_kind_from_string (zb_outbox_entry_get_op (entry), &kind);
  op = zb_sync_op_new (zb_store_get_device_id (round->self->store),
                       zb_outbox_entry_get_op_id (entry), zb_outbox_entry_get_table_name (entry),
                       zb_outbox_entry_get_row_id (entry), kind,
                       zb_outbox_entry_get_base_revision (entry), fields);
  if (kind != ZB_SYNC_OP_DELETE)
    zb_sync_op_set_resolves (op, zb_outbox_entry_get_resolves (entry));

  return op;
}

/* The values read at push time; FALSE only on a failure of the round. NULL
 * in *@fields when the op cannot go: rejected here (unsyncable), or its row
 * is gone and it waits for the delete that removed it (in @missing). */
static gboolean
read_fields (Round          *round,
             ZbOutboxEntry  *entry,
             GHashTable     *missing,
             JsonObject    **fields,
             guint          *progress,
             GError        **error)
{
  g_autoptr(GError) local_error = NULL;

  *fields = zb_store_read_outbox_fields (round->self->store, entry, &local_error);
  if (*fields != NULL)
    return TRUE;

  if (g_error_matches (local_error, ZB_OUTBOX_ERROR, ZB_OUTBOX_ERROR_ROW_MISSING))
    {
      g_autofree char *key = row_key (entry);
      GArray *ids = g_hash_table_lookup (missing, key);
      gint64 op_id = zb_outbox_entry_get_op_id (entry);

      if (ids == NULL)
        g_hash_table_insert (missing, g_steal_pointer (&key),
                             ids = g_array_new (FALSE, FALSE, sizeof (gint64)));
      g_array_append_val (ids, op_id);
      return TRUE;
    }
  if (g_error_matches (local_error, ZB_OUTBOX_ERROR, ZB_OUTBOX_ERROR_UNSYNCABLE))
    {
      (*progress)++;
      return reject_locally (round, entry, "unsyncable", local_error->message, NULL, error);
    }

  g_propagate_error (error, g_steal_pointer (&local_error));
  return FALSE;
}

/* An update that resolves nothing and all of whose columns a later op of
 * its row sends carries nothing: it leaves the outbox unsent (the minutes
 * editor saves every second; only the last save needs to travel). */
static gboolean
is_superfluous (ZbOutboxEntry *entry,
                JsonObject    *fields)
{
  return g_str_equal (zb_outbox_entry_get_op (entry), "update") &&
         zb_outbox_entry_get_resolves (entry) == NULL && json_object_get_size (fields) == 0;
}

static gboolean
prepare_one (Round          *round,
             ZbOutboxEntry  *entry,
             GHashTable     *missing,
             GArray         *dropped,
             GPtrArray      *out,
             guint          *progress,
             GError        **error)
{
  g_autoptr(JsonObject) fields = NULL;
  g_autoptr(ZbSyncOp) op = NULL;
  g_autofree char *key = NULL;
  Outgoing *o;
  gint64 op_id = zb_outbox_entry_get_op_id (entry);

  if (!read_fields (round, entry, missing, &fields, progress, error))
    return FALSE;
  if (fields == NULL)
    return TRUE;
  if (is_superfluous (entry, fields))
    {
      g_array_append_val (dropped, op_id);
      return TRUE;
    }

  op = make_op (round, entry, fields);
  if (zb_sync_op_get_encoded_size (op) > ZB_SYNC_MAX_OP_BYTES)
    {
      (*progress)++;
      return reject_locally (round, entry, "too_large",
                             _("The change is larger than 512 KiB and cannot be synced; shorten "
                               "the record"), fields, error);
    }

  o = g_new0 (Outgoing, 1);
  o->op = g_steal_pointer (&op);
  o->fields = g_steal_pointer (&fields);
  key = row_key (entry);
  if (is_delete (entry) && g_hash_table_steal_extended (missing, key, NULL, (gpointer *) &o->riders))
    g_free (g_steal_pointer (&key));
  g_ptr_array_add (out, o);
  return TRUE;
}

/* The ops of @entries to send now, in op-ID order, up to the round's
 * cutoff; those that cannot go are rejected or set aside here. */
static GPtrArray *
prepare_ops (Round       *round,
             GListModel  *entries,
             gint64       cutoff,
             guint       *progress,
             GError     **error)
{
  g_autoptr(GPtrArray) out = g_ptr_array_new_with_free_func ((GDestroyNotify) outgoing_free);
  g_autoptr(GHashTable) missing = NULL;
  g_autoptr(GArray) dropped = g_array_new (FALSE, FALSE, sizeof (gint64));

  missing = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                   (GDestroyNotify) g_array_unref);
  for (guint i = 0; i < g_list_model_get_n_items (entries); i++)
    {
      g_autoptr(ZbOutboxEntry) entry = g_list_model_get_item (entries, i);

      if (zb_outbox_entry_get_op_id (entry) > cutoff)
        break;
      if (!prepare_one (round, entry, missing, dropped, out, progress, error))
        return NULL;
    }

  if (dropped->len > 0 &&
      !zb_store_ack_outbox (round->self->store, (gint64 *) dropped->data, dropped->len, error))
    return NULL;
  *progress += dropped->len;

  return g_steal_pointer (&out);
}

static ZbSyncBatch *
make_batch (Round     *round,
            GPtrArray *ops,
            guint      start,
            guint      n)
{
  ZbSyncBatch *batch = zb_sync_batch_new (zb_store_get_device_id (round->self->store));

  for (guint i = start; i < start + n; i++)
    zb_sync_batch_add (batch, ((Outgoing *) g_ptr_array_index (ops, i))->op);

  return batch;
}

/* The batch of @ops from @start, as many as fit: at most the round's
 * batch size, halved while the compressed body is over 1 MiB. */
static GBytes *
encode_batch (Round         *round,
              GPtrArray     *ops,
              guint          start,
              guint         *n,
              ZbSyncBatch  **batch,
              GError       **error)
{
  *n = MIN (ops->len - start, round->batch_max);

  for (;;)
    {
      g_autoptr(GBytes) json = NULL;
      g_autoptr(GBytes) body = NULL;

      g_clear_object (batch);
      *batch = make_batch (round, ops, start, *n);
      if ((json = zb_sync_batch_to_bytes (*batch, error)) == NULL ||
          (body = zb_sync_gzip_compress (json, error)) == NULL)
        return NULL;
      if (g_bytes_get_size (body) <= ZB_SYNC_MAX_BODY || *n == 1)
        return g_steal_pointer (&json);
      *n /= 2;
    }
}

/* Acknowledged ops leave the outbox in one transaction; rejected ones move
 * to the rejected list with the server's reason and hold up nothing. */
static gboolean
take_results (Round      *round,
              GPtrArray  *ops,
              guint       start,
              GPtrArray  *results,
              GError    **error)
{
  g_autoptr(GArray) acked = g_array_new (FALSE, FALSE, sizeof (gint64));

  for (guint i = 0; i < results->len; i++)
    {
      ZbSyncResult *result = g_ptr_array_index (results, i);
      Outgoing *o = g_ptr_array_index (ops, start + i);
      gint64 op_id = zb_sync_op_get_op_id (o->op);

      if (zb_sync_result_get_status (result) == ZB_SYNC_RESULT_REJECTED)
        {
          round->stats->rejected++;
          if (!zb_store_reject_outbox (round->self->store, op_id,
                                       zb_sync_result_get_error_code (result),
                                       zb_sync_result_get_message (result), o->fields, error))
            return FALSE;
          continue;
        }

      round->stats->pushed++;
      g_array_append_val (acked, op_id);
      if (o->riders != NULL)
        g_array_append_vals (acked, o->riders->data, o->riders->len);
    }

  return zb_store_ack_outbox (round->self->store, (gint64 *) acked->data, acked->len, error);
}

static GPtrArray *
post_batch (Round        *round,
            ZbSyncBatch  *batch,
            GBytes       *json,
            GError      **error)
{
  g_autoptr(GBytes) answer = request (round, "POST", "/v1/push", json, error);
  GPtrArray *results;
  gint64 sequence = 0;

  if (answer == NULL)
    return NULL;

  results = zb_sync_results_from_bytes (answer, batch, &sequence, error);
  if (results == NULL)
    g_prefix_error (error, _("The sync server’s answer to a push is malformed: "));
  return results;
}

static gboolean
is_too_large (const GError *error)
{
  return g_error_matches (error, ZB_SYNC_ERROR, ZB_SYNC_ERROR_TOO_LARGE) ||
         g_error_matches (error, ZB_SYNC_ERROR, ZB_SYNC_ERROR_TOO_MANY_OPS);
}

/* Sends the ops at @start; FALSE with *@sent 0 and no error when the
 * server's 413 asks for a smaller batch. */
static gboolean
send_some (Round      *round,
           GPtrArray  *ops,
           guint       start,
           guint      *sent,
           GError    **error)
{
  g_autoptr(ZbSyncBatch) batch = NULL;
  g_autoptr(GBytes) json = NULL;
  g_autoptr(GPtrArray) results = NULL;
  g_autoptr(GError) local_error = NULL;
  guint n = 0;

  *sent = 0;
  if ((json = encode_batch (round, ops, start, &n, &batch, error)) == NULL)
    return FALSE;

  results = post_batch (round, batch, json, &local_error);
  if (results != NULL)
    {
      *sent = n;
      return take_results (round, ops, start, results, error);
    }
  if (!is_too_large (local_error))
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  /* Over a limit of the server: fewer ops, or this op alone can never go. */
  if (n > 1)
    {
      round->batch_max = n / 2;
      return TRUE;
    }

  *sent = 1;
  round->stats->rejected++;
  return zb_store_reject_outbox (round->self->store,
                                 zb_sync_op_get_op_id (((Outgoing *) ops->pdata[start])->op),
                                 "too_large", local_error->message,
                                 ((Outgoing *) ops->pdata[start])->fields, error);
}

static gboolean
send_ops (Round      *round,
          GPtrArray  *ops,
          GError    **error)
{
  guint start = 0;

  while (start < ops->len)
    {
      guint sent = 0;

      if (!send_some (round, ops, start, &sent, error))
        return FALSE;
      start += sent;
      refresh_counts (round->self);
    }

  return TRUE;
}

/* Until the outbox is empty, or holds only ops made during the round, or
 * ops that wait for another (a row's delete not yet in reach). */
static gboolean
push_all (Round   *round,
          GError **error)
{
  gint64 cutoff = zb_store_last_outbox_op (round->self->store, error);

  if (cutoff < 0)
    return FALSE;

  set_state (round->self, ZB_SYNC_CLIENT_PUSHING);
  for (;;)
    {
      g_autoptr(GListModel) entries = NULL;
      g_autoptr(GPtrArray) ops = NULL;
      guint progress = 0;

      entries = zb_store_list_outbox (round->self->store, ZB_SYNC_MAX_OPS, error);
      if (entries == NULL ||
          (ops = prepare_ops (round, entries, cutoff, &progress, error)) == NULL)
        return FALSE;
      if (ops->len == 0 && progress == 0)
        return TRUE;
      if (!send_ops (round, ops, error))
        return FALSE;
    }
}

static ZbSyncPage *
get_page (Round    *round,
          gint64    since,
          GError  **error)
{
  g_autofree char *path = g_strdup_printf ("/v1/changes?since=%" G_GINT64_FORMAT "&limit=%u",
                                           since, round->self->page_limit);
  g_autoptr(GBytes) body = request (round, "GET", path, NULL, error);
  ZbSyncPage *page;

  if (body == NULL)
    return NULL;

  page = zb_sync_page_new_from_bytes (body, since, error);
  if (page == NULL)
    g_prefix_error (error, _("The sync server sent a malformed page of changes: "));
  return page;
}

/* Page after page from the checkpoint, each applied with its own, until
 * the server says there is no more. */
static gboolean
pull_all (Round   *round,
          GError **error)
{
  set_state (round->self, ZB_SYNC_CLIENT_PULLING);
  for (;;)
    {
      g_autoptr(ZbSyncPage) page = NULL;
      gint64 since = 0;

      if (!zb_store_get_checkpoint (round->self->store, &since, error) ||
          (page = get_page (round, since, error)) == NULL ||
          !zb_sync_apply_page (round->self->store, page, NULL, error))
        return FALSE;

      round->stats->pulled += zb_sync_page_get_n_changes (page);
      if (!zb_sync_page_get_more (page))
        return TRUE;
      if (zb_sync_page_get_checkpoint (page) == since)
        {
          g_set_error_literal (error, ZB_SYNC_CLIENT_ERROR, ZB_SYNC_CLIENT_ERROR_BAD_RESPONSE,
                               _("The sync server says more changes follow but sent none"));
          return FALSE;
        }
    }
}

static gboolean
run_round (ZbSyncClient  *self,
           ZbSyncStats   *stats,
           guint         *retry_after,
           GCancellable  *cancellable,
           GError       **error)
{
  Round round = { self, NULL, NULL, cancellable, stats, 0, ZB_SYNC_MAX_OPS };
  gboolean ok;

  round.token = load_token (self, cancellable, error);
  if (round.token != NULL)
    round.transport = zb_sync_transport_new (self->server_url, self->connect_timeout,
                                             self->request_timeout, error);

  ok = round.transport != NULL && push_all (&round, error) && pull_all (&round, error);
  *retry_after = round.retry_after;
  g_clear_object (&round.transport);
  g_free (round.token);
  return ok;
}

/* Sleeps @ms in the worker thread, waking when @cancellable is cancelled. */
static gboolean
wait_cancellable (guint64        ms,
                  GCancellable  *cancellable,
                  GError       **error)
{
  gint64 until = g_get_monotonic_time () + ms * G_TIME_SPAN_MILLISECOND;
  GPollFD fd = { -1, G_IO_IN, 0 };
  gboolean pollable = g_cancellable_make_pollfd (cancellable, &fd);

  for (gint64 now; (now = g_get_monotonic_time ()) < until;)
    {
      int timeout = (int) MIN ((until - now) / 1000 + 1, G_MAXINT);

      if (pollable)
        g_poll (&fd, 1, timeout);
      else
        g_usleep (MIN (until - now, G_USEC_PER_SEC));
      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        break;
    }

  if (pollable)
    g_cancellable_release_fd (cancellable);
  return !g_cancellable_is_cancelled (cancellable);
}

/* The wait before the next try; 0 when the error is not worth one. */
static guint64
next_wait (ZbSyncClient *self,
           const GError *error,
           guint         retry_after)
{
  guint64 wait;

  if (!zb_sync_client_is_transient (error))
    return 0;

  g_mutex_lock (&self->lock);
  wait = zb_sync_backoff_next (&self->backoff, retry_after, g_random_double ());
  g_mutex_unlock (&self->lock);
  return wait;
}

static gboolean
run_with_retries (ZbSyncClient  *self,
                  ZbSyncStats   *stats,
                  GCancellable  *cancellable,
                  GError       **error)
{
  g_autoptr(GError) local_error = NULL;
  guint retry_after = 0;
  guint64 wait = 0;

  for (;;)
    {
      stats->attempts++;
      g_clear_error (&local_error);
      if (run_round (self, stats, &retry_after, cancellable, &local_error))
        break;

      explain_error (self, &local_error);
      wait = next_wait (self, local_error, retry_after);
      if (wait == 0 || stats->attempts > self->max_retries || wait > self->max_wait * 1000ull)
        break;

      g_debug ("try %u failed (%s); again in %" G_GUINT64_FORMAT " ms", stats->attempts,
               local_error->message, wait);
      set_outcome (self, local_error, wait);
      set_state (self, ZB_SYNC_CLIENT_WAITING);
      if (!wait_cancellable (wait, cancellable, error))
        return FALSE;
    }

  if (local_error == NULL)
    {
      g_mutex_lock (&self->lock);
      zb_sync_backoff_reset (&self->backoff);
      g_mutex_unlock (&self->lock);
      set_outcome (self, NULL, 0);
      return TRUE;
    }

  /* The app's timer takes it from here: next-retry says when. */
  set_outcome (self, local_error, wait);
  g_propagate_error (error, g_steal_pointer (&local_error));
  return FALSE;
}

static void
sync_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  ZbSyncClient *self = source_object;
  ZbSyncStats *stats = g_new0 (ZbSyncStats, 1);
  GError *error = NULL;
  gboolean ok;

  refresh_counts (self);
  ok = run_with_retries (self, stats, cancellable, &error);
  refresh_counts (self);
  stats->conflicts = self->open_conflicts;
  set_state (self, ZB_SYNC_CLIENT_IDLE);
  g_atomic_int_set (&self->busy, FALSE);

  if (ok)
    g_task_return_pointer (task, stats, g_free);
  else
    {
      g_free (stats);
      g_task_return_error (task, error);
    }
}

static gboolean
claim (ZbSyncClient  *self,
       GTask         *task)
{
  if (g_atomic_int_compare_and_exchange (&self->busy, FALSE, TRUE))
    return TRUE;

  g_task_return_new_error (task, ZB_SYNC_CLIENT_ERROR, ZB_SYNC_CLIENT_ERROR_BUSY,
                           _("A sync with the server is already running"));
  return FALSE;
}

typedef struct
{
  char *code;
  char *device_name;
} EnrolData;

static void
enrol_data_free (EnrolData *data)
{
  g_free (data->code);
  g_free (data->device_name);
  g_free (data);
}

static GBytes *
enrol_body (ZbSyncClient *self,
            EnrolData    *data)
{
  g_autoptr(JsonNode) root = NULL;
  JsonObject *object = json_object_new ();

  json_object_set_int_member (object, "protocol", ZB_SYNC_PROTOCOL);
  json_object_set_string_member (object, "code", data->code);
  json_object_set_string_member (object, "device_id", zb_store_get_device_id (self->store));
  if (data->device_name != NULL)
    json_object_set_string_member (object, "device_name", data->device_name);

  root = json_node_init_object (json_node_alloc (), object);
  json_object_unref (object);
  return zb_sync_json_to_bytes (root);
}

/* {"token": …, "branch_name": …}: the token is kept, the branch named. */
static char *
take_enrolment (ZbSyncClient  *self,
                GBytes        *answer,
                GCancellable  *cancellable,
                GError       **error)
{
  g_autoptr(JsonNode) root = NULL;
  JsonObject *object = zb_sync_parse_object (answer, &root, error);
  const char *token = NULL, *branch = NULL, *device = NULL;

  if (object == NULL ||
      !zb_sync_read_string (object, NULL, "token", FALSE, &token, error) ||
      !zb_sync_read_string (object, NULL, "branch_name", TRUE, &branch, error) ||
      !zb_sync_read_string (object, NULL, "device_id", TRUE, &device, error))
    {
      g_prefix_error (error, _("The sync server’s answer to the enrolment is malformed: "));
      return NULL;
    }
  if (*token == '\0' || strlen (token) > TOKEN_MAX ||
      (device != NULL && g_strcmp0 (device, zb_store_get_device_id (self->store)) != 0))
    {
      g_set_error_literal (error, ZB_SYNC_CLIENT_ERROR, ZB_SYNC_CLIENT_ERROR_BAD_RESPONSE,
                           _("The sync server answered the enrolment with an unusable token"));
      return NULL;
    }

  if (!save_token (self, token, cancellable, error))
    return NULL;

  g_mutex_lock (&self->lock);
  g_free (self->token);
  self->token = g_strdup (token);
  g_mutex_unlock (&self->lock);
  return g_strdup (branch ? branch : "");
}

static void
enrol_thread (GTask        *task,
              gpointer      source_object,
              gpointer      task_data,
              GCancellable *cancellable)
{
  ZbSyncClient *self = source_object;
  Round round = { self, NULL, NULL, cancellable, NULL, 0, 0 };
  g_autoptr(GBytes) json = enrol_body (self, task_data);
  g_autoptr(GBytes) answer = NULL;
  GError *error = NULL;
  char *branch = NULL;

  round.transport = zb_sync_transport_new (self->server_url, self->connect_timeout,
                                           self->request_timeout, &error);
  if (round.transport != NULL &&
      (answer = request (&round, "POST", "/v1/enrol", json, &error)) != NULL)
    branch = take_enrolment (self, answer, cancellable, &error);
  g_clear_object (&round.transport);
  g_atomic_int_set (&self->busy, FALSE);

  if (branch != NULL)
    g_task_return_pointer (task, branch, g_free);
  else
    g_task_return_error (task, error);
}

static void
zb_sync_client_finalize (GObject *object)
{
  ZbSyncClient *self = (ZbSyncClient *)object;

  g_clear_object (&self->store);
  g_free (self->server_url);
  g_free (self->token_file);
  g_clear_pointer (&self->context, g_main_context_unref);
  g_free (self->token);
  g_free (self->last_error);
  g_clear_pointer (&self->last_success, g_date_time_unref);
  g_clear_pointer (&self->next_retry, g_date_time_unref);
  g_mutex_clear (&self->lock);

  G_OBJECT_CLASS (zb_sync_client_parent_class)->finalize (object);
}

static void
zb_sync_client_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  ZbSyncClient *self = ZB_SYNC_CLIENT (object);

  switch (prop_id)
    {
    case PROP_STORE: g_value_set_object (value, self->store); break;
    case PROP_SERVER_URL: g_value_set_string (value, self->server_url); break;
    case PROP_TOKEN_FILE: g_value_set_string (value, self->token_file); break;
    case PROP_MAX_RETRIES: g_value_set_uint (value, self->max_retries); break;
    case PROP_MAX_WAIT: g_value_set_uint (value, self->max_wait); break;
    case PROP_BACKOFF_INITIAL: g_value_set_uint (value, self->backoff_initial); break;
    case PROP_BACKOFF_MAX: g_value_set_uint (value, self->backoff_max); break;
    case PROP_CONNECT_TIMEOUT: g_value_set_uint (value, self->connect_timeout); break;
    case PROP_REQUEST_TIMEOUT: g_value_set_uint (value, self->request_timeout); break;
    case PROP_PAGE_LIMIT: g_value_set_uint (value, self->page_limit); break;
    case PROP_STATE: g_value_set_enum (value, zb_sync_client_get_state (self)); break;
    case PROP_PENDING: g_value_set_uint (value, zb_sync_client_get_pending (self)); break;
    case PROP_OPEN_CONFLICTS:
      g_value_set_uint (value, zb_sync_client_get_open_conflicts (self));
      break;
    case PROP_REJECTED: g_value_set_uint (value, zb_sync_client_get_rejected (self)); break;
    case PROP_LAST_ERROR: g_value_take_string (value, zb_sync_client_dup_last_error (self)); break;
    case PROP_LAST_SUCCESS:
      g_value_take_boxed (value, zb_sync_client_dup_last_success (self));
      break;
    case PROP_NEXT_RETRY: g_value_take_boxed (value, zb_sync_client_dup_next_retry (self)); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
set_backoff (ZbSyncClient *self)
{
  g_mutex_lock (&self->lock);
  zb_sync_backoff_init (&self->backoff, self->backoff_initial, self->backoff_max);
  g_mutex_unlock (&self->lock);
}

static void
zb_sync_client_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  ZbSyncClient *self = ZB_SYNC_CLIENT (object);

  switch (prop_id)
    {
    case PROP_STORE: self->store = g_value_dup_object (value); break;
    case PROP_SERVER_URL: self->server_url = g_value_dup_string (value); break;
    case PROP_TOKEN_FILE: self->token_file = g_value_dup_string (value); break;
    case PROP_MAX_RETRIES: self->max_retries = g_value_get_uint (value); break;
    case PROP_MAX_WAIT: self->max_wait = g_value_get_uint (value); break;
    case PROP_BACKOFF_INITIAL:
      self->backoff_initial = g_value_get_uint (value);
      set_backoff (self);
      break;
    case PROP_BACKOFF_MAX:
      self->backoff_max = g_value_get_uint (value);
      set_backoff (self);
      break;
    case PROP_CONNECT_TIMEOUT: self->connect_timeout = g_value_get_uint (value); break;
    case PROP_REQUEST_TIMEOUT: self->request_timeout = g_value_get_uint (value); break;
    case PROP_PAGE_LIMIT: self->page_limit = g_value_get_uint (value); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static GParamSpec *
uint_property (const char *name,
               guint       min,
               guint       max,
               guint       value)
{
  return g_param_spec_uint (name, NULL, NULL, min, max, value,
                            G_PARAM_READWRITE | G_PARAM_CONSTRUCT | G_PARAM_STATIC_STRINGS);
}

static GParamSpec *
count_property (const char *name)
{
  return g_param_spec_uint (name, NULL, NULL, 0, G_MAXUINT, 0,
                            G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
}

static void
zb_sync_client_class_init (ZbSyncClientClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags construct = G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS;

  object_class->finalize = zb_sync_client_finalize;
  object_class->get_property = zb_sync_client_get_property;
  object_class->set_property = zb_sync_client_set_property;

  properties[PROP_STORE] = g_param_spec_object ("store", NULL, NULL, ZB_TYPE_STORE, construct);
  properties[PROP_SERVER_URL] = g_param_spec_string ("server-url", NULL, NULL, NULL, construct);
  properties[PROP_TOKEN_FILE] = g_param_spec_string ("token-file", NULL, NULL, NULL, construct);

  /* PROTOCOL.md, Rounds: the defaults; tests shorten them. */
  properties[PROP_MAX_RETRIES] = uint_property ("max-retries", 0, G_MAXUINT, 3);
  properties[PROP_MAX_WAIT] = uint_property ("max-wait", 0, G_MAXUINT, 60);
  properties[PROP_BACKOFF_INITIAL] = uint_property ("backoff-initial", 1, G_MAXUINT,
                                                    ZB_SYNC_BACKOFF_INITIAL_MS);
  properties[PROP_BACKOFF_MAX] = uint_property ("backoff-max", 1, G_MAXUINT,
                                                ZB_SYNC_BACKOFF_MAX_MS);
  properties[PROP_CONNECT_TIMEOUT] = uint_property ("connect-timeout", 1, 3600, 15);
  properties[PROP_REQUEST_TIMEOUT] = uint_property ("request-timeout", 1, 3600, 120);
  properties[PROP_PAGE_LIMIT] = uint_property ("page-limit", 1, ZB_SYNC_PAGE_SIZE,
                                               ZB_SYNC_PAGE_SIZE);

  /* For the header bar: what the last round left. */
  properties[PROP_STATE] = g_param_spec_enum ("state", NULL, NULL, ZB_TYPE_SYNC_CLIENT_STATE,
                                              ZB_SYNC_CLIENT_IDLE,
                                              G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_PENDING] = count_property ("pending");
  properties[PROP_OPEN_CONFLICTS] = count_property ("open-conflicts");
  properties[PROP_REJECTED] = count_property ("rejected");
  properties[PROP_LAST_ERROR] = g_param_spec_string ("last-error", NULL, NULL, NULL,
                                                     G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_LAST_SUCCESS] = g_param_spec_boxed ("last-success", NULL, NULL,
                                                      G_TYPE_DATE_TIME,
                                                      G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_NEXT_RETRY] = g_param_spec_boxed ("next-retry", NULL, NULL, G_TYPE_DATE_TIME,
                                                    G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
zb_sync_client_init (ZbSyncClient *self)
{
  g_mutex_init (&self->lock);
  self->context = g_main_context_ref_thread_default ();
  zb_sync_backoff_init (&self->backoff, ZB_SYNC_BACKOFF_INITIAL_MS, ZB_SYNC_BACKOFF_MAX_MS);
}

/* A client of the server at @server_url for @store's device, its token in
 * @token_file (mode 0600) or, when NULL, in the keyring. Property changes
 * are notified in the thread-default main context of the caller. */
ZbSyncClient *
zb_sync_client_new (ZbStore     *store,
                    const char  *server_url,
                    const char  *token_file,
                    GError     **error)
{
  g_autofree char *url = NULL;

  g_return_val_if_fail (ZB_IS_STORE (store), NULL);

  if (!zb_sync_transport_check_url (server_url, error))
    return NULL;

  /* One spelling per server, for the keyring's lookups. */
  url = g_strdup (server_url);
  while (g_str_has_suffix (url, "/"))
    url[strlen (url) - 1] = '\0';

  return g_object_new (ZB_TYPE_SYNC_CLIENT, "store", store, "server-url", url,
                       "token-file", token_file, NULL);
}

/* A token from elsewhere (a test against a real server): kept in memory. */
void
zb_sync_client_set_token (ZbSyncClient *self,
                          const char   *token)
{
  g_mutex_lock (&self->lock);
  g_free (self->token);
  self->token = g_strdup (token);
  g_mutex_unlock (&self->lock);
}

/* Enrols the store's device with the one-time @code from the server's
 * administrator and keeps the token it gets. */
void
zb_sync_client_enrol_async (ZbSyncClient        *self,
                            const char          *code,
                            const char          *device_name,
                            GCancellable        *cancellable,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (self, cancellable, callback, user_data);
  EnrolData *data = g_new0 (EnrolData, 1);

  data->code = g_strdup (code);
  data->device_name = g_strdup (device_name);
  g_task_set_source_tag (task, zb_sync_client_enrol_async);
  g_task_set_task_data (task, data, (GDestroyNotify) enrol_data_free);
  if (claim (self, task))
    g_task_run_in_thread (task, enrol_thread);
}

/* The branch's name, as the server calls it. */
char *
zb_sync_client_enrol_finish (ZbSyncClient  *self,
                             GAsyncResult  *result,
                             GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/* One round: push, then pull, trying again after transient failures
 * (max-retries times, with waits up to max-wait seconds); then next-retry
 * says when the app's timer should call again. */
void
zb_sync_client_sync_async (ZbSyncClient        *self,
                           GCancellable        *cancellable,
                           GAsyncReadyCallback  callback,
                           gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (self, cancellable, callback, user_data);

  g_task_set_source_tag (task, zb_sync_client_sync_async);
  if (claim (self, task))
    g_task_run_in_thread (task, sync_thread);
}

gboolean
zb_sync_client_sync_finish (ZbSyncClient  *self,
                            GAsyncResult  *result,
                            ZbSyncStats   *stats,
                            GError       **error)
{
  g_autofree ZbSyncStats *done = NULL;

  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  done = g_task_propagate_pointer (G_TASK (result), error);
  if (done != NULL && stats != NULL)
    *stats = *done;
  return done != NULL;
}

ZbStore *
zb_sync_client_get_store (ZbSyncClient *self)
{
  return self->store;
}

const char *
zb_sync_client_get_server_url (ZbSyncClient *self)
{
  return self->server_url;
}

ZbSyncClientState
zb_sync_client_get_state (ZbSyncClient *self)
{
  ZbSyncClientState state;

  g_mutex_lock (&self->lock);
  state = self->state;
  g_mutex_unlock (&self->lock);
  return state;
}

static guint
get_count (ZbSyncClient *self,
           guint        *field)
{
  guint n;

  g_mutex_lock (&self->lock);
  n = *field;
  g_mutex_unlock (&self->lock);
  return n;
}

/* Local changes waiting for the server, as the last round left them. */
guint
zb_sync_client_get_pending (ZbSyncClient *self)
{
  return get_count (self, &self->pending);
}

guint
zb_sync_client_get_open_conflicts (ZbSyncClient *self)
{
  return get_count (self, &self->open_conflicts);
}

guint
zb_sync_client_get_rejected (ZbSyncClient *self)
{
  return get_count (self, &self->rejected);
}

char *
zb_sync_client_dup_last_error (ZbSyncClient *self)
{
  char *text;

  g_mutex_lock (&self->lock);
  text = g_strdup (self->last_error);
  g_mutex_unlock (&self->lock);
  return text;
}

static GDateTime *
dup_time (ZbSyncClient  *self,
          GDateTime    **time)
{
  GDateTime *copy;

  g_mutex_lock (&self->lock);
  copy = *time ? g_date_time_ref (*time) : NULL;
  g_mutex_unlock (&self->lock);
  return copy;
}

GDateTime *
zb_sync_client_dup_last_success (ZbSyncClient *self)
{
  return dup_time (self, &self->last_success);
}

/* When a round that failed for a transient reason is worth trying again. */
GDateTime *
zb_sync_client_dup_next_retry (ZbSyncClient *self)
{
  return dup_time (self, &self->next_retry);
}
