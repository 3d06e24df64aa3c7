#define G_LOG_DOMAIN "zb-sync-result"

#include "config.h"

#include <glib/gi18n.h>

#include "zb-sync-protocol.h"
#include "zb-sync-result.h"

/* PROTOCOL.md, Answer: one result per op, in the order of the request. The
 * client acknowledges every status but `rejected`, which moves the op to
 * the rejected list with the server's code and message. */
struct _ZbSyncResult
{
  GObject             parent_instance;

  gint64              op_id;
  ZbSyncResultStatus  status;
  gint64              revision;     /* -1: the server has no such row */
  char               *error_code;   /* rejected only */
  char               *message;
  char              **conflicts;    /* conflict only: the IDs raised */
  gboolean            duplicate;    /* the server had seen the op: this is its first answer */
};

G_DEFINE_FINAL_TYPE (ZbSyncResult, zb_sync_result, G_TYPE_OBJECT)

static const char * const statuses[] = { "applied", "merged", "conflict", "superseded",
                                         "rejected" };

static void
zb_sync_result_finalize (GObject *object)
{
  ZbSyncResult *self = (ZbSyncResult *)object;

  g_free (self->error_code);
  g_free (self->message);
  g_strfreev (self->conflicts);

  G_OBJECT_CLASS (zb_sync_result_parent_class)->finalize (object);
}

static void
zb_sync_result_class_init (ZbSyncResultClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = zb_sync_result_finalize;
}

static void
zb_sync_result_init (ZbSyncResult *self)
{
  self->revision = -1;
}

const char *
zb_sync_result_status_to_string (ZbSyncResultStatus status)
{
  g_return_val_if_fail (status < G_N_ELEMENTS (statuses), NULL);

  return statuses[status];
}

/* @revision: the row's revision after the op, -1 when the server has no
 * such row. */
ZbSyncResult *
zb_sync_result_new (gint64             op_id,
                    ZbSyncResultStatus status,
                    gint64             revision)
{
  ZbSyncResult *self = g_object_new (ZB_TYPE_SYNC_RESULT, NULL);

  self->op_id = op_id;
  self->status = status;
  self->revision = revision;
  return self;
}

void
zb_sync_result_set_error (ZbSyncResult *self,
                          const char   *code,
                          const char   *message)
{
  g_free (self->error_code);
  g_free (self->message);
  self->error_code = g_strdup (code);
  self->message = g_strdup (message);
}

void
zb_sync_result_set_conflicts (ZbSyncResult       *self,
                              const char * const *conflict_ids)
{
  g_strfreev (self->conflicts);
  self->conflicts = g_strdupv ((char **) conflict_ids);
}

void
zb_sync_result_set_duplicate (ZbSyncResult *self,
                              gboolean      duplicate)
{
  self->duplicate = duplicate;
}

static gboolean
fail (GError     **error,
      const char  *where,
      const char  *member,
      const char  *what)
{
  g_set_error (error, ZB_SYNC_ERROR, ZB_SYNC_ERROR_MALFORMED, "%s.%s: %s", where, member, what);
  return FALSE;
}

static gboolean
read_status (JsonObject          *object,
             const char          *where,
             ZbSyncResultStatus  *status,
             GError             **error)
{
  const char *text = zb_sync_get_string (object, "status");

  for (guint i = 0; text != NULL && i < G_N_ELEMENTS (statuses); i++)
    if (g_str_equal (text, statuses[i]))
      {
        *status = i;
        return TRUE;
      }

  return fail (error, where, "status",
               _("must be “applied”, “merged”, “conflict”, “superseded” or “rejected”"));
}

static gboolean
read_conflicts (ZbSyncResult  *self,
                JsonObject    *object,
                const char    *where,
                GError       **error)
{
  g_autoptr(GStrvBuilder) ids = g_strv_builder_new ();
  JsonArray *array;

  if (!json_object_has_member (object, "conflicts"))
    return TRUE;
  if (!zb_sync_read_array (object, where, "conflicts", &array, error))
    return FALSE;

  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *node = json_array_get_element (array, i);
      const char *id = JSON_NODE_HOLDS_VALUE (node) &&
                       json_node_get_value_type (node) == G_TYPE_STRING
                       ? json_node_get_string (node) : NULL;

      if (!zb_sync_is_id (id))
        return fail (error, where, "conflicts", _("an ID of printable characters is required"));
      g_strv_builder_add (ids, id);
    }

  self->conflicts = g_strv_builder_end (ids);
  return TRUE;
}

/* A rejected op says why: its code and a message for a person. */
static gboolean
read_rejection (ZbSyncResult  *self,
                JsonObject    *object,
                const char    *where,
                GError       **error)
{
  const char *code, *message;

  if (self->status != ZB_SYNC_RESULT_REJECTED)
    return TRUE;
  if (!zb_sync_read_name (object, where, "error", &code, error) ||
      !zb_sync_read_string (object, where, "message", TRUE, &message, error))
    return FALSE;

  zb_sync_result_set_error (self, code, message ? message : code);
  return TRUE;
}

/* The result at @index of an answer's "results". */
ZbSyncResult *
zb_sync_result_new_from_json (JsonNode  *node,
                              guint      index,
                              GError   **error)
{
  g_autofree char *where = g_strdup_printf ("results[%u]", index);
  JsonObject *object = JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
  g_autoptr(ZbSyncResult) self = NULL;
  ZbSyncResultStatus status;
  gint64 op_id, revision = -1;
  gboolean duplicate = FALSE;

  if (object == NULL)
    {
      g_set_error (error, ZB_SYNC_ERROR, ZB_SYNC_ERROR_MALFORMED, "%s: %s", where,
                   _("an object is required"));
      return NULL;
    }

  if (!zb_sync_read_int (object, where, "op_id", 1, &op_id, error) ||
      !read_status (object, where, &status, error) ||
      (json_object_has_member (object, "revision") &&
       !zb_sync_read_int (object, where, "revision", 0, &revision, error)) ||
      (json_object_has_member (object, "duplicate") &&
       !zb_sync_read_bool (object, where, "duplicate", &duplicate, error)))
    return NULL;

  self = zb_sync_result_new (op_id, status, revision);
  self->duplicate = duplicate;
  if (!read_conflicts (self, object, where, error) ||
      !read_rejection (self, object, where, error))
    return NULL;

  return g_steal_pointer (&self);
}

JsonNode *
zb_sync_result_to_json (ZbSyncResult *self)
{
  JsonObject *object = json_object_new ();

  json_object_set_int_member (object, "op_id", self->op_id);
  json_object_set_string_member (object, "status", statuses[self->status]);
  if (self->revision >= 0)
    json_object_set_int_member (object, "revision", self->revision);
  if (self->conflicts != NULL)
    {
      JsonArray *ids = json_array_new ();

      for (guint i = 0; self->conflicts[i]; i++)
        json_array_add_string_element (ids, self->conflicts[i]);
      json_object_set_array_member (object, "conflicts", ids);
    }
  if (self->error_code != NULL)
    json_object_set_string_member (object, "error", self->error_code);
  if (self->message != NULL)
    json_object_set_string_member (object, "message", self->message);
  if (self->duplicate)
    json_object_set_boolean_member (object, "duplicate", TRUE);

  return zb_sync_node_take_object (object);
}

static gboolean
check_matches (ZbSyncResult  *result,
               ZbSyncBatch   *batch,
               guint          index,
               GError       **error)
{
  if (batch == NULL ||
      zb_sync_result_get_op_id (result) ==
      zb_sync_op_get_op_id (zb_sync_batch_get_op (batch, index)))
    return TRUE;

  g_set_error (error, ZB_SYNC_ERROR, ZB_SYNC_ERROR_MALFORMED, "results[%u].op_id: %s", index,
               _("does not name the op sent at that place"));
  return FALSE;
}

static gboolean
read_results (JsonArray    *array,
              ZbSyncBatch  *batch,
              GPtrArray    *results,
              GError      **error)
{
  guint n = json_array_get_length (array);

  if (batch != NULL && n != zb_sync_batch_get_n_ops (batch))
    {
      g_set_error (error, ZB_SYNC_ERROR, ZB_SYNC_ERROR_MALFORMED,
                   _("results: %u results for %u ops"), n, zb_sync_batch_get_n_ops (batch));
      return FALSE;
    }

  for (guint i = 0; i < n; i++)
    {
      ZbSyncResult *result = zb_sync_result_new_from_json (json_array_get_element (array, i), i,
                                                           error);

      if (result == NULL)
        return FALSE;
      g_ptr_array_add (results, result);
      if (!check_matches (result, batch, i, error))
        return FALSE;
    }

  return TRUE;
}

/* The answer to a push of @batch (NULL: not checked against one): one
 * result per op, in the order of the request. */
GPtrArray *
zb_sync_results_from_bytes (GBytes       *json,
                            ZbSyncBatch  *batch,
                            gint64       *server_sequence,
                            GError      **error)
{
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GPtrArray) results = g_ptr_array_new_with_free_func (g_object_unref);
  JsonObject *object = zb_sync_parse_object (json, &root, error);
  JsonArray *array;

  if (object == NULL ||
      !zb_sync_read_int (object, NULL, "server_sequence", 0, server_sequence, error) ||
      !zb_sync_read_array (object, NULL, "results", &array, error) ||
      !read_results (array, batch, results, error))
    return NULL;

  return g_steal_pointer (&results);
}

/* The JSON body of an answer, before compression. */
GBytes *
zb_sync_results_to_bytes (GPtrArray *results,
                          gint64     server_sequence)
{
  g_autoptr(JsonNode) root = NULL;
  JsonObject *object = json_object_new ();
  JsonArray *array = json_array_sized_new (results->len);

  json_object_set_int_member (object, "protocol", ZB_SYNC_PROTOCOL);
  json_object_set_int_member (object, "server_sequence", server_sequence);
  for (guint i = 0; i < results->len; i++)
    json_array_add_element (array, zb_sync_result_to_json (g_ptr_array_index (results, i)));
  json_object_set_array_member (object, "results", array);

  root = json_node_init_object (json_node_alloc (), object);
  json_object_unref (object);
  return zb_sync_json_to_bytes (root);
}

gint64
zb_sync_result_get_op_id (ZbSyncResult *self)
{
  return self->op_id;
}

ZbSyncResultStatus
zb_sync_result_get_status (ZbSyncResult *self)
{
  return self->status;
}

gint64
zb_sync_result_get_revision (ZbSyncResult *self)
{
  return self->revision;
}

const char *
zb_sync_result_get_error_code (ZbSyncResult *self)
{
  return self->error_code;
}

const char *
zb_sync_result_get_message (ZbSyncResult *self)
{
  return self->message;
}

const char * const *
zb_sync_result_get_conflicts (ZbSyncResult *self)
{
  return (const char * const *) self->conflicts;
}

gboolean
zb_sync_result_is_duplicate (ZbSyncResult *self)
{
  return self->duplicate;
}
