#define G_LOG_DOMAIN "zb-sync-client"

#include "config.h"

#include <glib/gi18n.h>

#include "zb-store-sync.h"
#include "zb-sync-apply.h"
#include "zb-sync-batch.h"
#include "zb-sync-client-private.h"
#include "zb-sync-gzip.h"
#include "zb-sync-page.h"
#include "zb-sync-protocol.h"
#include "zb-sync-result.h"
#include "zb-sync-transport.h"

/* One round of ZbSyncClient (PROTOCOL.md, Push, Pull and Rounds), in the
 * worker thread: push the outbox in bounded batches, each op leaving it
 * only once acknowledged (or moved to the rejected list), then pull the
 * changes feed page by page, each applied with its checkpoint. Every step
 * is resumable from the database alone, so an interrupted round is simply
 * run again. */

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
  char *stolen = NULL;
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
  if (is_delete (entry) &&
      g_hash_table_steal_extended (missing, key, (gpointer *) &stolen, (gpointer *) &o->riders))
    g_free (stolen);
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
      zb_sync_client_refresh_counts (round->self);
    }

  return TRUE;
}

/* Until the outbox is empty, or holds only ops made during the round. Ops
 * whose row is gone wait for the delete that removed it: when a whole
 * window of them holds nothing to send, the window grows to reach it. */
static gboolean
push_all (Round   *round,
          GError **error)
{
  gint64 cutoff = zb_store_last_outbox_op (round->self->store, error);
  guint window = ZB_SYNC_MAX_OPS;

  if (cutoff < 0)
    return FALSE;

  zb_sync_client_set_state (round->self, ZB_SYNC_CLIENT_PUSHING);
  for (;;)
    {
      g_autoptr(GListModel) entries = NULL;
      g_autoptr(GPtrArray) ops = NULL;
      guint progress = 0;

      entries = zb_store_list_outbox (round->self->store, window, error);
      if (entries == NULL ||
          (ops = prepare_ops (round, entries, cutoff, &progress, error)) == NULL)
        return FALSE;
      if (ops->len == 0 && progress == 0)
        {
          if (g_list_model_get_n_items (entries) < window)
            return TRUE;
          window *= 2;
          continue;
        }
      window = ZB_SYNC_MAX_OPS;
      if (!send_ops (round, ops, error))
        return FALSE;
    }
}

/* Below @until the PC pulls again what a migration added (PROTOCOL.md 7.4):
 * every row whole, its own echoes and tombstones too. */
static ZbSyncPage *
get_page (Round    *round,
          gint64    since,
          gint64    until,
          GError  **error)
{
  g_autofree char *path = g_strdup_printf ("/v1/changes?since=%" G_GINT64_FORMAT "&limit=%u%s",
                                           since, round->self->page_limit,
                                           since < until ? "&full=1" : "");
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
  zb_sync_client_set_state (round->self, ZB_SYNC_CLIENT_PULLING);
  for (;;)
    {
      g_autoptr(ZbSyncPage) page = NULL;
      gint64 since = 0, until = 0;

      if (!zb_store_get_checkpoint (round->self->store, &since, error) ||
          !zb_store_get_resync_until (round->self->store, &until, error) ||
          (page = get_page (round, since, until, error)) == NULL ||
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

/* When the last round ended well, kept with the server's other state so
 * that the app says it after a restart, and after a round `zhibu-cli sync`
 * ran from cron. Not keeping it fails nothing: the records are synced. */
static void
keep_last_sync (ZbSyncClient *self)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autofree char *when = g_date_time_format_iso8601 (now);
  g_autoptr(GError) error = NULL;

  if (!zb_store_set_server_trust (self->store, self->server_url, ZB_SERVER_LAST_SYNC, when,
                                  &error))
    g_warning ("The time of the last sync is not kept: %s", error->message);
}

/* One round: push, then pull (PROTOCOL.md, Rounds); *@retry_after is the
 * server's Retry-After when it gave one. */
gboolean
zb_sync_client_run_round (ZbSyncClient  *self,
           ZbSyncStats   *stats,
           guint         *retry_after,
           GCancellable  *cancellable,
           GError       **error)
{
  Round round = { self, NULL, NULL, cancellable, stats, 0, ZB_SYNC_MAX_OPS };
  gboolean ok;

  round.token = zb_sync_client_load_token (self, cancellable, error);
  if (round.token != NULL)
    round.transport = zb_sync_client_open_transport (self, FALSE, error);

  ok = round.transport != NULL && push_all (&round, error) && pull_all (&round, error) &&
       zb_sync_client_keep_trust (self, round.transport, error);
  if (ok)
    keep_last_sync (self);
  *retry_after = round.retry_after;
  g_clear_object (&round.transport);
  g_free (round.token);
  return ok;
}
