#define G_LOG_DOMAIN "zb-sync-batch"

#include "config.h"

#include <glib/gi18n.h>

#include "zb-sync-batch.h"
#include "zb-sync-protocol.h"

/* {"protocol": 1, "device_id": …, "ops": [op, …]} (PROTOCOL.md, Push): one
 * device's ops in increasing op-ID order, at most ZB_SYNC_MAX_OPS of them.
 * The same checks run when a client encodes a batch as when a server
 * decodes one, so a client never sends what the server refuses whole. */
struct _ZbSyncBatch
{
  GObject    parent_instance;

  char      *device_id;
  GPtrArray *ops;
};

G_DEFINE_FINAL_TYPE (ZbSyncBatch, zb_sync_batch, G_TYPE_OBJECT)

static void
zb_sync_batch_finalize (GObject *object)
{
  ZbSyncBatch *self = (ZbSyncBatch *)object;

  g_free (self->device_id);
  g_ptr_array_unref (self->ops);

  G_OBJECT_CLASS (zb_sync_batch_parent_class)->finalize (object);
}

static void
zb_sync_batch_class_init (ZbSyncBatchClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = zb_sync_batch_finalize;
}

static void
zb_sync_batch_init (ZbSyncBatch *self)
{
  self->ops = g_ptr_array_new_with_free_func (g_object_unref);
}

ZbSyncBatch *
zb_sync_batch_new (const char *device_id)
{
  ZbSyncBatch *self = g_object_new (ZB_TYPE_SYNC_BATCH, NULL);

  self->device_id = g_strdup (device_id);
  return self;
}

static gboolean
check_count (guint     n_ops,
             GError  **error)
{
  if (n_ops == 0)
    {
      g_set_error_literal (error, ZB_SYNC_ERROR, ZB_SYNC_ERROR_MALFORMED,
                           _("ops: a push carries at least one op"));
      return FALSE;
    }
  if (n_ops > ZB_SYNC_MAX_OPS)
    {
      g_set_error (error, ZB_SYNC_ERROR, ZB_SYNC_ERROR_TOO_MANY_OPS,
                   _("ops: %u ops, but a push carries at most %d"), n_ops, ZB_SYNC_MAX_OPS);
      return FALSE;
    }

  return TRUE;
}

/* The server processes ops in the order of the device's outbox and keeps
 * the highest op ID it has seen; an op ID out of order is a client's bug. */
static gboolean
check_order (ZbSyncOp  *op,
             ZbSyncOp  *previous,
             guint      index,
             GError   **error)
{
  if (previous == NULL || zb_sync_op_get_op_id (op) > zb_sync_op_get_op_id (previous))
    return TRUE;

  g_set_error (error, ZB_SYNC_ERROR, ZB_SYNC_ERROR_MALFORMED, "ops[%u].op_id: %s", index,
               _("op IDs must increase through the batch"));
  return FALSE;
}

static gboolean
check_size (ZbSyncOp  *op,
            guint      index,
            GError   **error)
{
  if (zb_sync_op_get_encoded_size (op) <= ZB_SYNC_MAX_OP_BYTES)
    return TRUE;

  g_set_error (error, ZB_SYNC_ERROR, ZB_SYNC_ERROR_TOO_LARGE, "ops[%u]: %s", index,
               _("the op is larger than 512 KiB"));
  return FALSE;
}

static gboolean
check_device (const char  *device_id,
              GError     **error)
{
  if (device_id != NULL && g_uuid_string_is_valid (device_id))
    return TRUE;

  g_set_error_literal (error, ZB_SYNC_ERROR, ZB_SYNC_ERROR_MALFORMED,
                       _("device_id: the device's UUID is required"));
  return FALSE;
}

static gboolean
check_op (ZbSyncBatch  *self,
          guint         index,
          GError      **error)
{
  ZbSyncOp *op = g_ptr_array_index (self->ops, index);
  ZbSyncOp *previous = index > 0 ? g_ptr_array_index (self->ops, index - 1) : NULL;

  g_return_val_if_fail (g_strcmp0 (zb_sync_op_get_device_id (op), self->device_id) == 0, FALSE);

  return check_order (op, previous, index, error) && check_size (op, index, error);
}

static gboolean
check_batch (ZbSyncBatch  *self,
             GError      **error)
{
  if (!check_device (self->device_id, error) || !check_count (self->ops->len, error))
    return FALSE;

  for (guint i = 0; i < self->ops->len; i++)
    if (!check_op (self, i, error))
      return FALSE;

  return TRUE;
}

/* The JSON body, before compression, or an error when the batch breaks a
 * limit: the client then splits it, or rejects an op too large to send. */
GBytes *
zb_sync_batch_to_bytes (ZbSyncBatch  *self,
                        GError      **error)
{
  g_autoptr(JsonNode) root = NULL;
  JsonObject *object;
  JsonArray *ops;

  if (!check_batch (self, error))
    return NULL;

  object = json_object_new ();
  ops = json_array_sized_new (self->ops->len);
  json_object_set_int_member (object, "protocol", ZB_SYNC_PROTOCOL);
  json_object_set_string_member (object, "device_id", self->device_id);
  for (guint i = 0; i < self->ops->len; i++)
    json_array_add_element (ops, zb_sync_op_to_json (g_ptr_array_index (self->ops, i)));
  json_object_set_array_member (object, "ops", ops);

  root = json_node_init_object (json_node_alloc (), object);
  json_object_unref (object);
  return zb_sync_json_to_bytes (root);
}

static JsonArray *
read_ops (JsonObject  *object,
          GError     **error)
{
  JsonNode *node = json_object_get_member (object, "ops");

  if (node == NULL || !JSON_NODE_HOLDS_ARRAY (node))
    {
      g_set_error_literal (error, ZB_SYNC_ERROR, ZB_SYNC_ERROR_MALFORMED,
                           _("ops: an array is required"));
      return NULL;
    }

  return json_node_get_array (node);
}

static gboolean
read_batch (ZbSyncBatch  *self,
            JsonArray    *ops,
            GError      **error)
{
  guint n = json_array_get_length (ops);

  if (!check_count (n, error))
    return FALSE;

  for (guint i = 0; i < n; i++)
    {
      ZbSyncOp *op = zb_sync_op_new_from_json (json_array_get_element (ops, i),
                                               self->device_id, i, error);

      if (op == NULL)
        return FALSE;
      g_ptr_array_add (self->ops, op);
      if (!check_op (self, i, error))
        return FALSE;
    }

  return TRUE;
}

/* A push body, decompressed, checked whole: any error names the op by its
 * index and the member at fault. */
ZbSyncBatch *
zb_sync_batch_new_from_bytes (GBytes  *json,
                              GError **error)
{
  g_autoptr(JsonNode) root = zb_sync_parse_json (json, error);
  g_autoptr(ZbSyncBatch) self = NULL;
  JsonObject *object;
  JsonArray *ops;

  if (root == NULL)
    return NULL;
  if (!JSON_NODE_HOLDS_OBJECT (root))
    {
      g_set_error_literal (error, ZB_SYNC_ERROR, ZB_SYNC_ERROR_MALFORMED,
                           _("A push body is a JSON object"));
      return NULL;
    }

  object = json_node_get_object (root);
  if (!zb_sync_check_protocol (object, error))
    return NULL;

  self = zb_sync_batch_new (zb_sync_get_string (object, "device_id"));
  if (!check_device (self->device_id, error) || (ops = read_ops (object, error)) == NULL ||
      !read_batch (self, ops, error))
    return NULL;

  return g_steal_pointer (&self);
}

/* Takes a reference to @op, which must be of the batch's device. */
void
zb_sync_batch_add (ZbSyncBatch *self,
                   ZbSyncOp    *op)
{
  g_return_if_fail (g_strcmp0 (zb_sync_op_get_device_id (op), self->device_id) == 0);

  g_ptr_array_add (self->ops, g_object_ref (op));
}

const char *
zb_sync_batch_get_device_id (ZbSyncBatch *self)
{
  return self->device_id;
}

guint
zb_sync_batch_get_n_ops (ZbSyncBatch *self)
{
  return self->ops->len;
}

ZbSyncOp *
zb_sync_batch_get_op (ZbSyncBatch *self,
                      guint        index)
{
  g_return_val_if_fail (index < self->ops->len, NULL);

  return g_ptr_array_index (self->ops, index);
}
