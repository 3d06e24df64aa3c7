#define G_LOG_DOMAIN "zb-sync-change"

#include "config.h"

#include <glib/gi18n.h>

#include "zb-sync-change.h"
#include "zb-sync-protocol.h"

/* PROTOCOL.md, Pull: the feed is compacted, so each row and each conflict
 * appears once, at the server sequence of its latest change, with its state
 * now. A live row carries every column; a tombstone none; an echo (the
 * requesting device's own applied change) none either, since that PC holds
 * the row already and only takes the revision. */
struct _ZbSyncChange
{
  GObject           parent_instance;

  ZbSyncChangeKind  kind;
  gint64            seq;

  /* A row */
  char             *table;
  char             *row_id;
  gboolean          deleted;
  gboolean          echo;
  JsonObject       *fields;       /* a live row that is no echo; NULL otherwise */
  char             *origin_device;
  gint64            origin_op_id;
  char             *changed_at;

  /* A conflict */
  ZbSyncConflict   *conflict;
};

G_DEFINE_FINAL_TYPE (ZbSyncChange, zb_sync_change, G_TYPE_OBJECT)

static void
zb_sync_change_finalize (GObject *object)
{
  ZbSyncChange *self = (ZbSyncChange *)object;

  g_free (self->table);
  g_free (self->row_id);
  g_clear_pointer (&self->fields, json_object_unref);
  g_free (self->origin_device);
  g_free (self->changed_at);
  g_clear_object (&self->conflict);

  G_OBJECT_CLASS (zb_sync_change_parent_class)->finalize (object);
}

static void
zb_sync_change_class_init (ZbSyncChangeClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = zb_sync_change_finalize;
}

static void
zb_sync_change_init (ZbSyncChange *self)
{
}

static ZbSyncChange *
new_row (gint64      seq,
         const char *table,
         const char *row_id)
{
  ZbSyncChange *self = g_object_new (ZB_TYPE_SYNC_CHANGE, NULL);

  self->kind = ZB_SYNC_CHANGE_ROW;
  self->seq = seq;
  self->table = g_strdup (table);
  self->row_id = g_strdup (row_id);
  return self;
}

/* A live row with all its columns (@fields: a reference is taken). */
ZbSyncChange *
zb_sync_change_new_row (gint64      seq,
                        const char *table,
                        const char *row_id,
                        JsonObject *fields)
{
  ZbSyncChange *self = new_row (seq, table, row_id);

  self->fields = json_object_ref (fields);
  return self;
}

ZbSyncChange *
zb_sync_change_new_tombstone (gint64      seq,
                              const char *table,
                              const char *row_id)
{
  ZbSyncChange *self = new_row (seq, table, row_id);

  self->deleted = TRUE;
  return self;
}

ZbSyncChange *
zb_sync_change_new_echo (gint64      seq,
                         const char *table,
                         const char *row_id,
                         gboolean    deleted)
{
  ZbSyncChange *self = new_row (seq, table, row_id);

  self->deleted = deleted;
  self->echo = TRUE;
  return self;
}

ZbSyncChange *
zb_sync_change_new_conflict (gint64          seq,
                             ZbSyncConflict *conflict)
{
  ZbSyncChange *self = g_object_new (ZB_TYPE_SYNC_CHANGE, NULL);

  self->kind = ZB_SYNC_CHANGE_CONFLICT;
  self->seq = seq;
  self->conflict = g_object_ref (conflict);
  return self;
}

/* Which op made the row's latest change, and when (for display only). */
void
zb_sync_change_set_origin (ZbSyncChange *self,
                           const char   *device_id,
                           gint64        op_id,
                           const char   *changed_at)
{
  g_free (self->origin_device);
  g_free (self->changed_at);
  self->origin_device = g_strdup (device_id);
  self->origin_op_id = op_id;
  self->changed_at = g_strdup (changed_at);
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

/* "origin" is informative: when present it must be well formed. */
static gboolean
read_origin (ZbSyncChange  *self,
             JsonObject    *object,
             const char    *where,
             GError       **error)
{
  g_autofree char *at = g_strdup_printf ("%s.origin", where);
  JsonObject *origin = NULL;
  const char *device = NULL, *changed_at = NULL;
  gint64 op_id = 0;

  if (!zb_sync_read_object (object, where, "origin", TRUE, &origin, error) ||
      !zb_sync_read_string (object, where, "changed_at", TRUE, &changed_at, error))
    return FALSE;
  if (origin != NULL &&
      (!zb_sync_read_string (origin, at, "device_id", FALSE, &device, error) ||
       !zb_sync_read_int (origin, at, "op_id", 1, &op_id, error)))
    return FALSE;

  zb_sync_change_set_origin (self, device, op_id, changed_at);
  return TRUE;
}

static gboolean
read_echo (JsonObject  *object,
           const char  *where,
           gboolean    *echo,
           GError     **error)
{
  *echo = FALSE;
  return !json_object_has_member (object, "echo") ||
         zb_sync_read_bool (object, where, "echo", echo, error);
}

/* A live row that is no echo carries its fields; a tombstone never does,
 * and an echo only in a page asked for with `full` (PROTOCOL.md 7.4). */
static ZbSyncChange *
row_from_json (JsonObject  *object,
               const char  *where,
               gint64       seq,
               GError     **error)
{
  g_autoptr(ZbSyncChange) self = NULL;
  const char *table, *row_id;
  gboolean deleted = FALSE, echo = FALSE;
  JsonObject *fields = NULL;

  if (!zb_sync_read_name (object, where, "table", &table, error) ||
      !zb_sync_read_id (object, where, "row_id", &row_id, error) ||
      !zb_sync_read_bool (object, where, "deleted", &deleted, error) ||
      !read_echo (object, where, &echo, error) ||
      !zb_sync_read_object (object, where, "fields", TRUE, &fields, error))
    return NULL;

  if (deleted && fields != NULL)
    {
      fail (error, where, "fields", _("a tombstone carries no fields"));
      return NULL;
    }
  if (!deleted && !echo && fields == NULL)
    {
      fail (error, where, "fields", _("an object is required"));
      return NULL;
    }
  if (fields != NULL && !zb_sync_check_fields (fields, where, error))
    return NULL;

  if (echo)
    {
      self = zb_sync_change_new_echo (seq, table, row_id, deleted);
      if (fields != NULL)
        self->fields = json_object_ref (fields);
    }
  else if (deleted)
    self = zb_sync_change_new_tombstone (seq, table, row_id);
  else
    self = zb_sync_change_new_row (seq, table, row_id, fields);

  if (!read_origin (self, object, where, error))
    return NULL;

  return g_steal_pointer (&self);
}

static ZbSyncChange *
conflict_from_json (JsonObject  *object,
                    const char  *where,
                    gint64       seq,
                    GError     **error)
{
  g_autofree char *at = g_strdup_printf ("%s.conflict", where);
  g_autoptr(ZbSyncConflict) conflict = NULL;
  JsonObject *inner;

  if (!zb_sync_read_object (object, where, "conflict", FALSE, &inner, error) ||
      (conflict = zb_sync_conflict_new_from_json (inner, at, error)) == NULL)
    return NULL;

  return zb_sync_change_new_conflict (seq, conflict);
}

/* The entry at @index of a page's "changes", checked member by member. */
ZbSyncChange *
zb_sync_change_new_from_json (JsonNode  *node,
                              guint      index,
                              GError   **error)
{
  g_autofree char *where = g_strdup_printf ("changes[%u]", index);
  JsonObject *object = JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
  const char *kind;
  gint64 seq;

  if (object == NULL)
    {
      g_set_error (error, ZB_SYNC_ERROR, ZB_SYNC_ERROR_MALFORMED, "%s: %s", where,
                   _("an object is required"));
      return NULL;
    }
  if (!zb_sync_read_int (object, where, "seq", 1, &seq, error))
    return NULL;

  kind = zb_sync_get_string (object, "kind");
  if (g_strcmp0 (kind, "row") == 0)
    return row_from_json (object, where, seq, error);
  if (g_strcmp0 (kind, "conflict") == 0)
    return conflict_from_json (object, where, seq, error);

  fail (error, where, "kind", _("must be “row” or “conflict”"));
  return NULL;
}

static void
row_to_json (ZbSyncChange *self,
             JsonObject   *object)
{
  json_object_set_string_member (object, "table", self->table);
  json_object_set_string_member (object, "row_id", self->row_id);
  json_object_set_boolean_member (object, "deleted", self->deleted);
  if (self->echo)
    json_object_set_boolean_member (object, "echo", TRUE);
  if (self->fields != NULL)
    json_object_set_object_member (object, "fields", json_object_ref (self->fields));
  if (self->origin_device != NULL)
    {
      JsonObject *origin = json_object_new ();

      json_object_set_string_member (origin, "device_id", self->origin_device);
      json_object_set_int_member (origin, "op_id", self->origin_op_id);
      json_object_set_object_member (object, "origin", origin);
    }
  if (self->changed_at != NULL)
    json_object_set_string_member (object, "changed_at", self->changed_at);
}

JsonNode *
zb_sync_change_to_json (ZbSyncChange *self)
{
  JsonObject *object = json_object_new ();

  json_object_set_int_member (object, "seq", self->seq);
  if (self->kind == ZB_SYNC_CHANGE_CONFLICT)
    {
      json_object_set_string_member (object, "kind", "conflict");
      json_object_set_member (object, "conflict", zb_sync_conflict_to_json (self->conflict));
    }
  else
    {
      json_object_set_string_member (object, "kind", "row");
      row_to_json (self, object);
    }

  return zb_sync_node_take_object (object);
}

ZbSyncChangeKind
zb_sync_change_get_kind (ZbSyncChange *self)
{
  return self->kind;
}

gint64
zb_sync_change_get_seq (ZbSyncChange *self)
{
  return self->seq;
}

const char *
zb_sync_change_get_table (ZbSyncChange *self)
{
  return self->table;
}

const char *
zb_sync_change_get_row_id (ZbSyncChange *self)
{
  return self->row_id;
}

gboolean
zb_sync_change_is_deleted (ZbSyncChange *self)
{
  return self->deleted;
}

gboolean
zb_sync_change_is_echo (ZbSyncChange *self)
{
  return self->echo;
}

/* The row's columns: NULL for a tombstone or an echo. */
JsonObject *
zb_sync_change_get_fields (ZbSyncChange *self)
{
  return self->fields;
}

const char *
zb_sync_change_get_origin_device (ZbSyncChange *self)
{
  return self->origin_device;
}

gint64
zb_sync_change_get_origin_op_id (ZbSyncChange *self)
{
  return self->origin_op_id;
}

const char *
zb_sync_change_get_changed_at (ZbSyncChange *self)
{
  return self->changed_at;
}

ZbSyncConflict *
zb_sync_change_get_conflict (ZbSyncChange *self)
{
  return self->conflict;
}
