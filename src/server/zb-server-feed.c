#define G_LOG_DOMAIN "zb-server-feed"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "zb-canonical-json.h"
#include "zb-server-store-private.h"
#include "zb-sync-protocol.h"

/* GET /v1/changes (PROTOCOL.md, section 7): the branch's rows and conflicts
 * after a checkpoint, each once at the sequence number of its latest change,
 * in that order. */

/* From checkpoint 0 a new PC needs neither tombstones nor resolved
 * conflicts (PROTOCOL.md 7.2): they are left out by the queries, so that
 * every page is full of what it does need. A PC pulling again what a newer
 * schema added (7.4, `full`) holds rows already and needs them all. */
#define ROW_SELECT \
  "SELECT seq, table_name, row_id, fields, deleted, origin_device, origin_op, echo, changed_at " \
  "FROM sync_rows WHERE branch_id = ? AND seq > CAST(? AS BIGINT) " \
  "AND (CAST(? AS BIGINT) > 0 OR deleted = 0) ORDER BY seq LIMIT %u"

#define CONFLICT_SELECT \
  "SELECT seq, id, table_name, row_id, column_name, state, kept_value, kept_device, " \
  "kept_revision, pushed_value, pushed_device, pushed_op, pushed_base, resolution_value, " \
  "resolution_device, resolution_op, resolution_revision, created_at " \
  "FROM sync_conflicts WHERE branch_id = ? AND seq > CAST(? AS BIGINT) " \
  "AND (CAST(? AS BIGINT) > 0 OR state = 'open') ORDER BY seq LIMIT %u"

static JsonNode *
parse_value (const char *json)
{
  g_autoptr(JsonParser) parser = json_parser_new ();

  if (json == NULL || !json_parser_load_from_data (parser, json, -1, NULL))
    return json_node_init_null (json_node_alloc ());
  return json_node_copy (json_parser_get_root (parser));
}

static JsonObject *
origin (const char *device,
        gint64      op_id)
{
  JsonObject *object = json_object_new ();

  json_object_set_string_member (object, "device_id", device);
  json_object_set_int_member (object, "op_id", op_id);
  return object;
}

/* A row entry; an echo to the device whose applied op it holds already,
 * with its fields all the same in a `full` page. */
static JsonObject *
row_entry (ZbServerResult *rows,
           guint           i,
           const char     *device_id,
           gboolean        full)
{
  JsonObject *entry = json_object_new ();
  gboolean deleted = zb_server_result_get_int (rows, i, 4) != 0;
  gboolean echo = zb_server_result_get_int (rows, i, 7) != 0 &&
                  g_strcmp0 (zb_server_result_get (rows, i, 5), device_id) == 0;

  json_object_set_int_member (entry, "seq", zb_server_result_get_int (rows, i, 0));
  json_object_set_string_member (entry, "kind", "row");
  json_object_set_string_member (entry, "table", zb_server_result_get (rows, i, 1));
  json_object_set_string_member (entry, "row_id", zb_server_result_get (rows, i, 2));
  json_object_set_boolean_member (entry, "deleted", deleted);
  if (echo)
    json_object_set_boolean_member (entry, "echo", TRUE);
  if (!deleted && (!echo || full))
    json_object_set_member (entry, "fields", parse_value (zb_server_result_get (rows, i, 3)));
  if (zb_server_result_get (rows, i, 5) != NULL)
    json_object_set_object_member (entry, "origin",
                                   origin (zb_server_result_get (rows, i, 5),
                                           zb_server_result_get_int (rows, i, 6)));
  json_object_set_string_member (entry, "changed_at", zb_server_result_get (rows, i, 8));
  return entry;
}

static JsonObject *
side (ZbServerResult *rows,
      guint           i,
      guint           value,
      guint           device,
      const char     *number_name,
      guint           number)
{
  JsonObject *object = json_object_new ();

  json_object_set_member (object, "value", parse_value (zb_server_result_get (rows, i, value)));
  json_object_set_string_member (object, "device_id", zb_server_result_get (rows, i, device));
  json_object_set_int_member (object, number_name, zb_server_result_get_int (rows, i, number));
  return object;
}

static JsonObject *
conflict_entry (ZbServerResult *rows,
                guint           i)
{
  JsonObject *entry = json_object_new ();
  JsonObject *conflict = json_object_new ();
  JsonObject *pushed = side (rows, i, 9, 10, "op_id", 11);

  json_object_set_string_member (conflict, "id", zb_server_result_get (rows, i, 1));
  json_object_set_string_member (conflict, "table", zb_server_result_get (rows, i, 2));
  json_object_set_string_member (conflict, "row_id", zb_server_result_get (rows, i, 3));
  json_object_set_string_member (conflict, "column", zb_server_result_get (rows, i, 4));
  json_object_set_string_member (conflict, "state", zb_server_result_get (rows, i, 5));
  json_object_set_object_member (conflict, "kept", side (rows, i, 6, 7, "revision", 8));
  json_object_set_int_member (pushed, "base_revision", zb_server_result_get_int (rows, i, 12));
  json_object_set_object_member (conflict, "pushed", pushed);
  if (g_strcmp0 (zb_server_result_get (rows, i, 5), "resolved") == 0)
    {
      JsonObject *resolution = side (rows, i, 13, 14, "op_id", 15);

      json_object_set_int_member (resolution, "revision", zb_server_result_get_int (rows, i, 16));
      json_object_set_object_member (conflict, "resolution", resolution);
    }
  json_object_set_string_member (conflict, "created_at", zb_server_result_get (rows, i, 17));

  json_object_set_int_member (entry, "seq", zb_server_result_get_int (rows, i, 0));
  json_object_set_string_member (entry, "kind", "conflict");
  json_object_set_object_member (entry, "conflict", conflict);
  return entry;
}

static gsize
entry_size (JsonObject *entry)
{
  g_autoptr(JsonNode) node = json_node_init_object (json_node_alloc (), entry);
  g_autofree char *json = zb_canonical_json (node);

  return strlen (json);
}

typedef struct
{
  JsonArray *changes;
  gint64     checkpoint;
  gboolean   more;
} Page;

/* Takes rows and conflicts in sequence order until the page is full. */
static void
fill_page (Page           *page,
           ZbServerResult *rows,
           ZbServerResult *conflicts,
           guint           limit,
           const char     *device_id,
           gboolean        full)
{
  guint r = 0, c = 0;
  gsize bytes = 0;

  while (r + c < limit && (r < zb_server_result_n_rows (rows) ||
                           c < zb_server_result_n_rows (conflicts)))
    {
      gboolean is_row = c >= zb_server_result_n_rows (conflicts) ||
                        (r < zb_server_result_n_rows (rows) &&
                         zb_server_result_get_int (rows, r, 0) <
                         zb_server_result_get_int (conflicts, c, 0));
      JsonObject *entry = is_row ? row_entry (rows, r, device_id, full) : conflict_entry (conflicts, c);

      bytes += entry_size (entry);
      if (r + c > 0 && bytes > ZB_SYNC_MAX_PAGE_BYTES)
        {
          json_object_unref (entry);
          page->more = TRUE;
          return;
        }
      json_array_add_object_element (page->changes, entry);
      page->checkpoint = json_object_get_int_member (entry, "seq");
      if (is_row)
        r++;
      else
        c++;
    }

  page->more = r < zb_server_result_n_rows (rows) || c < zb_server_result_n_rows (conflicts);
}

static JsonNode *
page_json (Page   *page,
           gint64  server_sequence)
{
  JsonObject *object = json_object_new ();

  json_object_set_int_member (object, "protocol", ZB_SYNC_PROTOCOL);
  json_object_set_int_member (object, "checkpoint", page->checkpoint);
  json_object_set_boolean_member (object, "more", page->more);
  json_object_set_int_member (object, "server_sequence", server_sequence);
  json_object_set_array_member (object, "changes", page->changes);
  return zb_sync_node_take_object (object);
}

/* One page of the feed after @since. The queries run in one read
 * transaction, so that the page is one state of the branch: a push that
 * commits in between must not show its conflicts without its rows. */
JsonNode *
zb_server_store_changes (ZbServerStore   *self,
                         ZbServerDevice  *device,
                         gint64           since,
                         guint            limit,
                         gboolean         full,
                         GError         **error)
{
  g_autofree char *since_text = g_strdup_printf ("%" G_GINT64_FORMAT, since);
  /* The queries leave out what a new PC does not need when this is 0. */
  const char *filter = full ? "1" : since_text;
  g_autofree char *row_sql = g_strdup_printf (ROW_SELECT, limit + 1);
  g_autofree char *conflict_sql = g_strdup_printf (CONFLICT_SELECT, limit + 1);
  g_autoptr(ZbServerResult) rows = NULL, conflicts = NULL;
  g_autofree char *seq = NULL;
  Page page = { json_array_new (), since, FALSE };
  gint64 server_sequence;

  if (!zb_server_db_begin_read (self->db, error))
    return NULL;
  seq = zb_server_db_query_value (self->db, "SELECT seq FROM branches WHERE id = ?",
                                  ZB_PARAMS (device->branch_id), error);
  if (seq != NULL)
    {
      rows = zb_server_db_query (self->db, row_sql,
                                 ZB_PARAMS (device->branch_id, since_text, filter), error);
      if (rows != NULL)
        conflicts = zb_server_db_query (self->db, conflict_sql,
                                        ZB_PARAMS (device->branch_id, since_text, filter),
                                        error);
    }
  zb_server_db_rollback (self->db);
  if (conflicts == NULL)
    {
      json_array_unref (page.changes);
      return NULL;
    }

  server_sequence = g_ascii_strtoll (seq, NULL, 10);
  if (since > server_sequence)
    {
      json_array_unref (page.changes);
      g_autofree char *known = g_strdup_printf ("%" G_GINT64_FORMAT, server_sequence);

      g_set_error (error, ZB_SYNC_ERROR, ZB_SYNC_ERROR_CHECKPOINT_AHEAD,
                   _("This PC has applied changes up to %s, but the server knows only %s: the "
                     "server lost changes (restored from a backup?); ask its administrator"),
                   since_text, known);
      return NULL;
    }

  fill_page (&page, rows, conflicts, limit, device->device_id, full);
  return page_json (&page, server_sequence);
}
