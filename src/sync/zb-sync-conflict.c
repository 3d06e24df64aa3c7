#define G_LOG_DOMAIN "zb-sync-conflict"

#include "config.h"

#include <glib/gi18n.h>

#include "zb-sync-conflict.h"
#include "zb-sync-protocol.h"

/* PROTOCOL.md, Conflicts: a column two devices changed to different values,
 * each without having seen the other's change. The server keeps both values
 * until a person resolves it, and publishes it in the feed each time it
 * changes, so that every PC of the branch sees it. */

typedef struct
{
  JsonNode *value;     /* text, a whole number or null; NULL when the side is absent */
  char     *device_id;
  gint64    op_id;     /* pushed and resolution */
  gint64    revision;  /* kept and resolution; the base revision for pushed */
} Side;

struct _ZbSyncConflict
{
  GObject   parent_instance;

  char     *id;
  char     *table;
  char     *row_id;
  char     *column;
  gboolean  resolved;
  char     *created_at;
  Side      kept;
  Side      pushed;
  Side      resolution;
};

G_DEFINE_FINAL_TYPE (ZbSyncConflict, zb_sync_conflict, G_TYPE_OBJECT)

static void
side_clear (Side *side)
{
  g_clear_pointer (&side->value, json_node_unref);
  g_clear_pointer (&side->device_id, g_free);
}

static void
side_set (Side       *side,
          JsonNode   *value,
          const char *device_id,
          gint64      op_id,
          gint64      revision)
{
  side_clear (side);
  side->value = value ? json_node_copy (value) : json_node_init_null (json_node_alloc ());
  side->device_id = g_strdup (device_id);
  side->op_id = op_id;
  side->revision = revision;
}

static void
zb_sync_conflict_finalize (GObject *object)
{
  ZbSyncConflict *self = (ZbSyncConflict *)object;

  g_free (self->id);
  g_free (self->table);
  g_free (self->row_id);
  g_free (self->column);
  g_free (self->created_at);
  side_clear (&self->kept);
  side_clear (&self->pushed);
  side_clear (&self->resolution);

  G_OBJECT_CLASS (zb_sync_conflict_parent_class)->finalize (object);
}

static void
zb_sync_conflict_class_init (ZbSyncConflictClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = zb_sync_conflict_finalize;
}

static void
zb_sync_conflict_init (ZbSyncConflict *self)
{
}

ZbSyncConflict *
zb_sync_conflict_new (const char *id,
                      const char *table,
                      const char *row_id,
                      const char *column,
                      gboolean    resolved,
                      const char *created_at)
{
  ZbSyncConflict *self = g_object_new (ZB_TYPE_SYNC_CONFLICT, NULL);

  self->id = g_strdup (id);
  self->table = g_strdup (table);
  self->row_id = g_strdup (row_id);
  self->column = g_strdup (column);
  self->resolved = resolved;
  self->created_at = g_strdup (created_at);
  return self;
}

/* {"value": …, "device_id": …, and the numbers @first and @second}. */
static gboolean
read_side (JsonObject  *object,
           const char  *where,
           const char  *member,
           const char  *first,
           const char  *second,
           Side        *side,
           GError     **error)
{
  g_autofree char *at = g_strdup_printf ("%s.%s", where, member);
  JsonObject *o;
  const char *device_id;
  gint64 a = 0, b = 0;

  if (!zb_sync_read_object (object, where, member, FALSE, &o, error) ||
      !zb_sync_check_value (json_object_get_member (o, "value"), at, "value", error) ||
      !zb_sync_read_string (o, at, "device_id", FALSE, &device_id, error) ||
      !zb_sync_read_int (o, at, first, 0, &a, error) ||
      (second != NULL && !zb_sync_read_int (o, at, second, 0, &b, error)))
    return FALSE;

  side_set (side, json_object_get_member (o, "value"), device_id, second ? a : 0,
            second ? b : a);
  return TRUE;
}

static gboolean
read_state (JsonObject  *object,
            const char  *where,
            gboolean    *resolved,
            GError     **error)
{
  const char *state = zb_sync_get_string (object, "state");

  if (g_strcmp0 (state, "open") == 0 || g_strcmp0 (state, "resolved") == 0)
    {
      *resolved = g_str_equal (state, "resolved");
      return TRUE;
    }

  g_set_error (error, ZB_SYNC_ERROR, ZB_SYNC_ERROR_MALFORMED, "%s.state: %s", where,
               _("must be “open” or “resolved”"));
  return FALSE;
}

/* The "conflict" object of a feed entry at @where, checked member by member:
 * a resolved conflict carries its resolution. */
ZbSyncConflict *
zb_sync_conflict_new_from_json (JsonObject  *object,
                                const char  *where,
                                GError     **error)
{
  g_autoptr(ZbSyncConflict) self = NULL;
  const char *id, *table, *row_id, *column, *created_at;
  gboolean resolved = FALSE;

  if (!zb_sync_read_id (object, where, "id", &id, error) ||
      !zb_sync_read_name (object, where, "table", &table, error) ||
      !zb_sync_read_id (object, where, "row_id", &row_id, error) ||
      !zb_sync_read_name (object, where, "column", &column, error) ||
      !read_state (object, where, &resolved, error) ||
      !zb_sync_read_string (object, where, "created_at", TRUE, &created_at, error))
    return NULL;

  self = zb_sync_conflict_new (id, table, row_id, column, resolved, created_at);
  if (!read_side (object, where, "kept", "revision", NULL, &self->kept, error) ||
      !read_side (object, where, "pushed", "op_id", "base_revision", &self->pushed, error) ||
      (resolved && !read_side (object, where, "resolution", "op_id", "revision",
                               &self->resolution, error)))
    return NULL;

  return g_steal_pointer (&self);
}

static JsonObject *
side_to_json (const Side *side,
              const char *first,
              gint64      a,
              const char *second,
              gint64      b)
{
  JsonObject *object = json_object_new ();

  json_object_set_member (object, "value", json_node_copy (side->value));
  json_object_set_string_member (object, "device_id", side->device_id);
  json_object_set_int_member (object, first, a);
  if (second != NULL)
    json_object_set_int_member (object, second, b);

  return object;
}

JsonNode *
zb_sync_conflict_to_json (ZbSyncConflict *self)
{
  JsonObject *object = json_object_new ();

  json_object_set_string_member (object, "id", self->id);
  json_object_set_string_member (object, "table", self->table);
  json_object_set_string_member (object, "row_id", self->row_id);
  json_object_set_string_member (object, "column", self->column);
  json_object_set_string_member (object, "state", self->resolved ? "resolved" : "open");
  if (self->kept.value != NULL)
    json_object_set_object_member (object, "kept",
                                   side_to_json (&self->kept, "revision", self->kept.revision,
                                                 NULL, 0));
  if (self->pushed.value != NULL)
    json_object_set_object_member (object, "pushed",
                                   side_to_json (&self->pushed, "op_id", self->pushed.op_id,
                                                 "base_revision", self->pushed.revision));
  if (self->resolution.value != NULL)
    json_object_set_object_member (object, "resolution",
                                   side_to_json (&self->resolution, "op_id",
                                                 self->resolution.op_id, "revision",
                                                 self->resolution.revision));
  if (self->created_at != NULL)
    json_object_set_string_member (object, "created_at", self->created_at);

  return zb_sync_node_take_object (object);
}

/* @value (copied) NULL stands for null. */
void
zb_sync_conflict_set_kept (ZbSyncConflict *self,
                           JsonNode       *value,
                           const char     *device_id,
                           gint64          revision)
{
  side_set (&self->kept, value, device_id, 0, revision);
}

void
zb_sync_conflict_set_pushed (ZbSyncConflict *self,
                             JsonNode       *value,
                             const char     *device_id,
                             gint64          op_id,
                             gint64          base_revision)
{
  side_set (&self->pushed, value, device_id, op_id, base_revision);
}

void
zb_sync_conflict_set_resolution (ZbSyncConflict *self,
                                 JsonNode       *value,
                                 const char     *device_id,
                                 gint64          op_id,
                                 gint64          revision)
{
  side_set (&self->resolution, value, device_id, op_id, revision);
}

const char *
zb_sync_conflict_get_id (ZbSyncConflict *self)
{
  return self->id;
}

const char *
zb_sync_conflict_get_table (ZbSyncConflict *self)
{
  return self->table;
}

const char *
zb_sync_conflict_get_row_id (ZbSyncConflict *self)
{
  return self->row_id;
}

const char *
zb_sync_conflict_get_column (ZbSyncConflict *self)
{
  return self->column;
}

gboolean
zb_sync_conflict_is_resolved (ZbSyncConflict *self)
{
  return self->resolved;
}

const char *
zb_sync_conflict_get_created_at (ZbSyncConflict *self)
{
  return self->created_at;
}

JsonNode *
zb_sync_conflict_get_kept_value (ZbSyncConflict *self)
{
  return self->kept.value;
}

const char *
zb_sync_conflict_get_kept_device (ZbSyncConflict *self)
{
  return self->kept.device_id;
}

gint64
zb_sync_conflict_get_kept_revision (ZbSyncConflict *self)
{
  return self->kept.revision;
}

JsonNode *
zb_sync_conflict_get_pushed_value (ZbSyncConflict *self)
{
  return self->pushed.value;
}

const char *
zb_sync_conflict_get_pushed_device (ZbSyncConflict *self)
{
  return self->pushed.device_id;
}

gint64
zb_sync_conflict_get_pushed_op_id (ZbSyncConflict *self)
{
  return self->pushed.op_id;
}

gint64
zb_sync_conflict_get_pushed_base_revision (ZbSyncConflict *self)
{
  return self->pushed.revision;
}

/* NULL while the conflict is open. */
JsonNode *
zb_sync_conflict_get_resolution_value (ZbSyncConflict *self)
{
  return self->resolution.value;
}

const char *
zb_sync_conflict_get_resolution_device (ZbSyncConflict *self)
{
  return self->resolution.device_id;
}
