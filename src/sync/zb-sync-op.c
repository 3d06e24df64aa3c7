#define G_LOG_DOMAIN "zb-sync-op"

#include "config.h"

#include <glib/gi18n.h>

#include "zb-sync-op.h"
#include "zb-sync-protocol.h"

/* An op as PROTOCOL.md, Push, writes it: the device's outbox entry with the
 * values read at push time. The device ID travels once per batch. */
struct _ZbSyncOp
{
  GObject        parent_instance;

  char          *device_id;
  gint64         op_id;
  char          *table;
  char          *row_id;
  ZbSyncOpKind   kind;
  gint64         base_revision;
  JsonObject    *fields;      /* NULL for a delete */
  char          *resolves;    /* the server's ID of the conflict this op closes */
};

G_DEFINE_FINAL_TYPE (ZbSyncOp, zb_sync_op, G_TYPE_OBJECT)

static const char * const kinds[] = { "insert", "update", "delete" };

static void
zb_sync_op_finalize (GObject *object)
{
  ZbSyncOp *self = (ZbSyncOp *)object;

  g_free (self->device_id);
  g_free (self->table);
  g_free (self->row_id);
  g_clear_pointer (&self->fields, json_object_unref);
  g_free (self->resolves);

  G_OBJECT_CLASS (zb_sync_op_parent_class)->finalize (object);
}

static void
zb_sync_op_class_init (ZbSyncOpClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = zb_sync_op_finalize;
}

static void
zb_sync_op_init (ZbSyncOp *self)
{
}

const char *
zb_sync_op_kind_to_string (ZbSyncOpKind kind)
{
  g_return_val_if_fail (kind < G_N_ELEMENTS (kinds), NULL);

  return kinds[kind];
}

gboolean
zb_sync_op_kind_from_string (const char   *text,
                             ZbSyncOpKind *kind)
{
  for (guint i = 0; text && i < G_N_ELEMENTS (kinds); i++)
    if (g_str_equal (text, kinds[i]))
      {
        *kind = i;
        return TRUE;
      }

  return FALSE;
}

/* @fields (a reference is taken) are the values an insert or update sends;
 * a delete sends none. */
ZbSyncOp *
zb_sync_op_new (const char   *device_id,
                gint64        op_id,
                const char   *table,
                const char   *row_id,
                ZbSyncOpKind  kind,
                gint64        base_revision,
                JsonObject   *fields)
{
  ZbSyncOp *self = g_object_new (ZB_TYPE_SYNC_OP, NULL);

  self->device_id = g_strdup (device_id);
  self->op_id = op_id;
  self->table = g_strdup (table);
  self->row_id = g_strdup (row_id);
  self->kind = kind;
  self->base_revision = base_revision;
  if (kind != ZB_SYNC_OP_DELETE)
    self->fields = fields ? json_object_ref (fields) : json_object_new ();
  return self;
}

/* Errors name the op by its place in the batch and the member at fault:
 * "ops[3].fields.phone: …". */
static gboolean
fail (GError     **error,
      guint        index,
      const char  *member,
      const char  *what)
{
  g_set_error (error, ZB_SYNC_ERROR, ZB_SYNC_ERROR_MALFORMED, "ops[%u].%s: %s",
               index, member, what);
  return FALSE;
}

static gboolean
read_int (JsonObject  *object,
          const char  *member,
          gint64       min,
          guint        index,
          gint64      *value,
          GError     **error)
{
  JsonNode *node = json_object_get_member (object, member);

  if (node == NULL || json_node_get_value_type (node) != G_TYPE_INT64)
    return fail (error, index, member, _("a whole number is required"));

  *value = json_node_get_int (node);
  if (*value < min)
    return fail (error, index, member, min > 0 ? _("must be greater than zero")
                                               : _("must not be negative"));

  return TRUE;
}

static gboolean
read_name (JsonObject  *object,
           const char  *member,
           guint        index,
           const char **value,
           GError     **error)
{
  *value = zb_sync_get_string (object, member);

  if (*value == NULL || !zb_sync_is_name (*value))
    return fail (error, index, member,
                 _("a name of lower-case letters, digits and underscores is required"));

  return TRUE;
}

static gboolean
read_id (JsonObject  *object,
         const char  *member,
         guint        index,
         const char **value,
         GError     **error)
{
  *value = zb_sync_get_string (object, member);

  if (*value == NULL || !zb_sync_is_id (*value))
    return fail (error, index, member, _("an ID of printable characters is required"));

  return TRUE;
}

static gboolean
read_kind (JsonObject    *object,
           guint          index,
           ZbSyncOpKind  *kind,
           GError       **error)
{
  if (!zb_sync_op_kind_from_string (zb_sync_get_string (object, "op"), kind))
    return fail (error, index, "op", _("must be “insert”, “update” or “delete”"));

  return TRUE;
}

/* Text, whole numbers and null: the values of the store's columns. */
static gboolean
check_fields (JsonObject  *fields,
              guint        index,
              GError     **error)
{
  JsonObjectIter iter;
  const char *name;
  JsonNode *value;

  json_object_iter_init (&iter, fields);
  while (json_object_iter_next (&iter, &name, &value))
    {
      g_autofree char *where = g_strdup_printf ("fields.%s", name);
      GType type = json_node_get_value_type (value);

      if (!zb_sync_is_name (name))
        return fail (error, index, where, _("not a column name"));
      if (!JSON_NODE_HOLDS_NULL (value) && type != G_TYPE_STRING && type != G_TYPE_INT64)
        return fail (error, index, where, _("must be text, a whole number or null"));
    }

  return TRUE;
}

static gboolean
read_fields (JsonObject    *object,
             ZbSyncOpKind   kind,
             guint          index,
             JsonObject   **fields,
             GError       **error)
{
  JsonNode *node = json_object_get_member (object, "fields");

  *fields = NULL;
  if (kind == ZB_SYNC_OP_DELETE)
    return node == NULL || fail (error, index, "fields", _("a delete carries no fields"));

  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    return fail (error, index, "fields", _("an object is required"));

  *fields = json_node_get_object (node);
  return check_fields (*fields, index, error);
}

static gboolean
read_resolves (JsonObject    *object,
               ZbSyncOpKind   kind,
               guint          index,
               const char   **resolves,
               GError       **error)
{
  *resolves = NULL;
  if (!json_object_has_member (object, "resolves"))
    return TRUE;

  if (kind == ZB_SYNC_OP_DELETE)
    return fail (error, index, "resolves", _("a delete resolves no conflict"));

  return read_id (object, "resolves", index, resolves, error);
}

/* The op at @index of a batch from @device_id, checked member by member. */
ZbSyncOp *
zb_sync_op_new_from_json (JsonNode    *node,
                          const char  *device_id,
                          guint        index,
                          GError     **error)
{
  JsonObject *object = JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
  const char *table, *row_id, *resolves;
  JsonObject *fields;
  gint64 op_id, base;
  ZbSyncOpKind kind;
  ZbSyncOp *self;

  if (object == NULL)
    {
      g_set_error (error, ZB_SYNC_ERROR, ZB_SYNC_ERROR_MALFORMED, "ops[%u]: %s", index,
                   _("an object is required"));
      return NULL;
    }

  if (!read_int (object, "op_id", 1, index, &op_id, error) ||
      !read_name (object, "table", index, &table, error) ||
      !read_id (object, "row_id", index, &row_id, error) ||
      !read_kind (object, index, &kind, error) ||
      !read_int (object, "base_revision", 0, index, &base, error) ||
      !read_fields (object, kind, index, &fields, error) ||
      !read_resolves (object, kind, index, &resolves, error))
    return NULL;

  self = zb_sync_op_new (device_id, op_id, table, row_id, kind, base, fields);
  self->resolves = g_strdup (resolves);
  return self;
}

JsonNode *
zb_sync_op_to_json (ZbSyncOp *self)
{
  JsonObject *object = json_object_new ();

  json_object_set_int_member (object, "op_id", self->op_id);
  json_object_set_string_member (object, "table", self->table);
  json_object_set_string_member (object, "row_id", self->row_id);
  json_object_set_string_member (object, "op", kinds[self->kind]);
  json_object_set_int_member (object, "base_revision", self->base_revision);
  if (self->fields != NULL)
    json_object_set_object_member (object, "fields", json_object_ref (self->fields));
  if (self->resolves != NULL)
    json_object_set_string_member (object, "resolves", self->resolves);

  return zb_sync_node_take_object (object);
}

/* The bytes the op takes in a batch, before compression: an op larger than
 * ZB_SYNC_MAX_OP_BYTES can never be sent, and the client rejects it itself. */
gsize
zb_sync_op_get_encoded_size (ZbSyncOp *self)
{
  g_autoptr(JsonNode) node = zb_sync_op_to_json (self);
  g_autoptr(GBytes) bytes = zb_sync_json_to_bytes (node);

  return g_bytes_get_size (bytes);
}

const char *
zb_sync_op_get_device_id (ZbSyncOp *self)
{
  return self->device_id;
}

gint64
zb_sync_op_get_op_id (ZbSyncOp *self)
{
  return self->op_id;
}

const char *
zb_sync_op_get_table (ZbSyncOp *self)
{
  return self->table;
}

const char *
zb_sync_op_get_row_id (ZbSyncOp *self)
{
  return self->row_id;
}

ZbSyncOpKind
zb_sync_op_get_kind (ZbSyncOp *self)
{
  return self->kind;
}

gint64
zb_sync_op_get_base_revision (ZbSyncOp *self)
{
  return self->base_revision;
}

JsonObject *
zb_sync_op_get_fields (ZbSyncOp *self)
{
  return self->fields;
}

const char *
zb_sync_op_get_resolves (ZbSyncOp *self)
{
  return self->resolves;
}

void
zb_sync_op_set_resolves (ZbSyncOp   *self,
                         const char *conflict_id)
{
  g_free (self->resolves);
  self->resolves = g_strdup (conflict_id);
}
