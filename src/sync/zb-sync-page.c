#define G_LOG_DOMAIN "zb-sync-page"

#include "config.h"

#include <glib/gi18n.h>

#include "zb-sync-page.h"
#include "zb-sync-protocol.h"

/* {"protocol": 1, "checkpoint": N, "more": B, "server_sequence": S,
 *  "changes": [...]} (PROTOCOL.md, Pull): changes in increasing server
 * sequence after the PC's checkpoint, the page's checkpoint being the last
 * one's (or the one asked for, when the page is empty). A PC applies the
 * page with its checkpoint in one transaction, so a page that breaks these
 * rules is refused whole before anything of it is applied. */
struct _ZbSyncPage
{
  GObject    parent_instance;

  gint64     since;
  gint64     checkpoint;
  gboolean   more;
  gint64     server_sequence;
  GPtrArray *changes;
};

G_DEFINE_FINAL_TYPE (ZbSyncPage, zb_sync_page, G_TYPE_OBJECT)

static void
zb_sync_page_finalize (GObject *object)
{
  ZbSyncPage *self = (ZbSyncPage *)object;

  g_ptr_array_unref (self->changes);

  G_OBJECT_CLASS (zb_sync_page_parent_class)->finalize (object);
}

static void
zb_sync_page_class_init (ZbSyncPageClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = zb_sync_page_finalize;
}

static void
zb_sync_page_init (ZbSyncPage *self)
{
  self->changes = g_ptr_array_new_with_free_func (g_object_unref);
}

/* An empty page after @since; its checkpoint follows the changes added. */
ZbSyncPage *
zb_sync_page_new (gint64   since,
                  gboolean more,
                  gint64   server_sequence)
{
  ZbSyncPage *self = g_object_new (ZB_TYPE_SYNC_PAGE, NULL);

  self->since = since;
  self->checkpoint = since;
  self->more = more;
  self->server_sequence = server_sequence;
  return self;
}

/* Takes a reference; changes are added in increasing server sequence. */
void
zb_sync_page_add (ZbSyncPage   *self,
                  ZbSyncChange *change)
{
  g_return_if_fail (zb_sync_change_get_seq (change) > self->checkpoint);

  g_ptr_array_add (self->changes, g_object_ref (change));
  self->checkpoint = zb_sync_change_get_seq (change);
}

static gboolean
malformed (GError     **error,
           const char  *member,
           const char  *what)
{
  g_set_error (error, ZB_SYNC_ERROR, ZB_SYNC_ERROR_MALFORMED, "%s: %s", member, what);
  return FALSE;
}

static gboolean
read_changes (ZbSyncPage  *self,
              JsonArray   *changes,
              GError     **error)
{
  gint64 last = self->since;

  for (guint i = 0; i < json_array_get_length (changes); i++)
    {
      g_autoptr(ZbSyncChange) change = NULL;
      g_autofree char *where = NULL;

      change = zb_sync_change_new_from_json (json_array_get_element (changes, i), i, error);
      if (change == NULL)
        return FALSE;

      if (zb_sync_change_get_seq (change) <= last)
        {
          where = g_strdup_printf ("changes[%u].seq", i);
          return malformed (error, where,
                            _("must increase through the page, after the checkpoint asked for"));
        }
      last = zb_sync_change_get_seq (change);
      g_ptr_array_add (self->changes, g_steal_pointer (&change));
    }

  return TRUE;
}

static gboolean
check_checkpoint (ZbSyncPage  *self,
                  GError     **error)
{
  gint64 last = self->since;

  if (self->changes->len > 0)
    last = zb_sync_change_get_seq (g_ptr_array_index (self->changes, self->changes->len - 1));

  if (self->checkpoint != last)
    return malformed (error, "checkpoint",
                      _("must be the server sequence of the page’s last change"));
  if (self->server_sequence < self->checkpoint)
    return malformed (error, "server_sequence", _("must not be behind the checkpoint"));

  return TRUE;
}

/* A page answered for since=@since, checked whole. */
ZbSyncPage *
zb_sync_page_new_from_bytes (GBytes  *json,
                             gint64   since,
                             GError **error)
{
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(ZbSyncPage) self = NULL;
  JsonObject *object = zb_sync_parse_object (json, &root, error);
  JsonArray *changes;

  if (object == NULL)
    return NULL;

  self = zb_sync_page_new (since, FALSE, 0);
  if (!zb_sync_read_int (object, NULL, "checkpoint", 0, &self->checkpoint, error) ||
      !zb_sync_read_bool (object, NULL, "more", &self->more, error) ||
      !zb_sync_read_int (object, NULL, "server_sequence", 0, &self->server_sequence, error) ||
      !zb_sync_read_array (object, NULL, "changes", &changes, error) ||
      !read_changes (self, changes, error) ||
      !check_checkpoint (self, error))
    return NULL;

  return g_steal_pointer (&self);
}

/* The JSON body, before compression. */
GBytes *
zb_sync_page_to_bytes (ZbSyncPage *self)
{
  g_autoptr(JsonNode) root = NULL;
  JsonObject *object = json_object_new ();
  JsonArray *changes = json_array_sized_new (self->changes->len);

  json_object_set_int_member (object, "protocol", ZB_SYNC_PROTOCOL);
  json_object_set_int_member (object, "checkpoint", self->checkpoint);
  json_object_set_boolean_member (object, "more", self->more);
  json_object_set_int_member (object, "server_sequence", self->server_sequence);
  for (guint i = 0; i < self->changes->len; i++)
    json_array_add_element (changes, zb_sync_change_to_json (g_ptr_array_index (self->changes,
                                                                                i)));
  json_object_set_array_member (object, "changes", changes);

  root = json_node_init_object (json_node_alloc (), object);
  json_object_unref (object);
  return zb_sync_json_to_bytes (root);
}

/* The server sequence up to which the page brings the PC. */
gint64
zb_sync_page_get_checkpoint (ZbSyncPage *self)
{
  return self->checkpoint;
}

gboolean
zb_sync_page_get_more (ZbSyncPage *self)
{
  return self->more;
}

gint64
zb_sync_page_get_server_sequence (ZbSyncPage *self)
{
  return self->server_sequence;
}

guint
zb_sync_page_get_n_changes (ZbSyncPage *self)
{
  return self->changes->len;
}

ZbSyncChange *
zb_sync_page_get_change (ZbSyncPage *self,
                         guint       index)
{
  g_return_val_if_fail (index < self->changes->len, NULL);

  return g_ptr_array_index (self->changes, index);
}
