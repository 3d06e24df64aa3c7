#define G_LOG_DOMAIN "zb-conflict"

#include "config.h"

#include <json-glib/json-glib.h>

#include "zb-conflict.h"
#include "zb-member.h"

/* A column two devices changed to different values (PROTOCOL.md 6.5): the
 * value the server kept and the one pushed against it, each as JSON text
 * (so that null, 0 and "0" stay apart), until a person picks one or writes
 * a merged value. State: open, resolving while the resolution waits in the
 * outbox, then resolved. */
struct _ZbConflict
{
  GObject  parent_instance;

  char    *id;             /* the server's ID */
  char    *table_name;
  char    *row_id;
  char    *column;
  char    *state;
  char    *kept_value;     /* JSON */
  char    *kept_device;
  char    *pushed_value;   /* JSON */
  char    *pushed_device;
  char    *resolution;     /* JSON; NULL while open */
  gint64   seq;
  char    *created_at;
};

G_DEFINE_FINAL_TYPE (ZbConflict, zb_conflict, G_TYPE_OBJECT)

static void
zb_conflict_finalize (GObject *object)
{
  ZbConflict *self = (ZbConflict *)object;

  g_free (self->id);
  g_free (self->table_name);
  g_free (self->row_id);
  g_free (self->column);
  g_free (self->state);
  g_free (self->kept_value);
  g_free (self->kept_device);
  g_free (self->pushed_value);
  g_free (self->pushed_device);
  g_free (self->resolution);
  g_free (self->created_at);

  G_OBJECT_CLASS (zb_conflict_parent_class)->finalize (object);
}

static void
zb_conflict_class_init (ZbConflictClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = zb_conflict_finalize;
}

static void
zb_conflict_init (ZbConflict *self)
{
}

ZbConflict *
zb_conflict_new (const char *id,
                 const char *table_name,
                 const char *row_id,
                 const char *column,
                 const char *state)
{
  ZbConflict *self = g_object_new (ZB_TYPE_CONFLICT, NULL);

  self->id = g_strdup (id);
  self->table_name = g_strdup (table_name);
  self->row_id = g_strdup (row_id);
  self->column = g_strdup (column);
  self->state = g_strdup (state);
  return self;
}

/* Values as JSON text. */
void
zb_conflict_set_values (ZbConflict *self,
                        const char *kept_value,
                        const char *kept_device,
                        const char *pushed_value,
                        const char *pushed_device,
                        const char *resolution)
{
  g_free (self->kept_value);
  g_free (self->kept_device);
  g_free (self->pushed_value);
  g_free (self->pushed_device);
  g_free (self->resolution);
  self->kept_value = g_strdup (kept_value);
  self->kept_device = g_strdup (kept_device);
  self->pushed_value = g_strdup (pushed_value);
  self->pushed_device = g_strdup (pushed_device);
  self->resolution = g_strdup (resolution);
}

void
zb_conflict_set_seq (ZbConflict *self,
                     gint64      seq,
                     const char *created_at)
{
  g_free (self->created_at);
  self->seq = seq;
  self->created_at = g_strdup (created_at);
}

/* A value as a person reads it: the text, the number, or NULL for null. */
char *
zb_conflict_value_to_text (const char *json_value)
{
  g_autoptr(JsonNode) node = json_value ? json_from_string (json_value, NULL) : NULL;

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node))
    return NULL;
  if (json_node_get_value_type (node) == G_TYPE_STRING)
    return g_strdup (json_node_get_string (node));
  if (json_node_get_value_type (node) == G_TYPE_INT64)
    return g_strdup_printf ("%" G_GINT64_FORMAT, json_node_get_int (node));

  return NULL;
}

/* A member's ID number, phone or home address: masked in lists like the
 * roster's (DOMAIN.md section 6). */
gboolean
zb_conflict_is_sensitive (ZbConflict *self)
{
  const ZbFieldInfo *info;

  if (g_strcmp0 (self->table_name, "members") != 0)
    return FALSE;
  info = zb_member_field_lookup (self->column);
  return info != NULL && info->sensitive;
}

/* @json_value (one of the conflict's) as a list shows it: as text, masked
 * unless @with_sensitive when the column holds personal data; NULL when
 * empty or not a string or a number. */
char *
zb_conflict_value_to_display (ZbConflict *self,
                              const char *json_value,
                              gboolean    with_sensitive)
{
  g_autofree char *text = zb_conflict_value_to_text (json_value);

  if (text == NULL || with_sensitive || !zb_conflict_is_sensitive (self))
    return g_steal_pointer (&text);
  return zb_member_mask_value (zb_member_field_lookup (self->column)->field, text);
}

const char *
zb_conflict_get_id (ZbConflict *self)
{
  return self->id;
}

const char *
zb_conflict_get_table_name (ZbConflict *self)
{
  return self->table_name;
}

const char *
zb_conflict_get_row_id (ZbConflict *self)
{
  return self->row_id;
}

const char *
zb_conflict_get_column (ZbConflict *self)
{
  return self->column;
}

const char *
zb_conflict_get_state (ZbConflict *self)
{
  return self->state;
}

const char *
zb_conflict_get_kept_value (ZbConflict *self)
{
  return self->kept_value;
}

const char *
zb_conflict_get_kept_device (ZbConflict *self)
{
  return self->kept_device;
}

const char *
zb_conflict_get_pushed_value (ZbConflict *self)
{
  return self->pushed_value;
}

const char *
zb_conflict_get_pushed_device (ZbConflict *self)
{
  return self->pushed_device;
}

const char *
zb_conflict_get_resolution (ZbConflict *self)
{
  return self->resolution;
}

gint64
zb_conflict_get_seq (ZbConflict *self)
{
  return self->seq;
}

const char *
zb_conflict_get_created_at (ZbConflict *self)
{
  return self->created_at;
}
