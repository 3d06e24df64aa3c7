#define G_LOG_DOMAIN "zb-server-chain"

#include "config.h"

#include <glib/gi18n.h>

#include "zb-server-chain.h"
#include "zb-server-store-private.h"
#include "zb-store-private.h"

/* PROTOCOL.md 8. A meeting finalised on a PC arrives with its device's hash
 * and the link to that device's previous record; the server hashes the
 * record again from its own rows, with the PC's own code, and keeps a chain
 * of its own per branch in the order records arrive. */

/* The rows a finalised meeting's hash covers, children before grandchildren. */
static const struct {
  const char *table;
  const char *parent_table;   /* NULL: the meeting itself is the parent */
} covered[] = {
  { "meeting_attendees", NULL },
  { "meeting_guests", NULL },
  { "agenda_items", NULL },
  { "first_items", NULL },
  { "measures", NULL },
  { "agenda_votes", "agenda_items" },
  { "first_item_contributions", "first_items" },
};

static gboolean
put_rows (ZbServerStore  *self,
          const char     *branch_id,
          const char     *sql,
          const char     *parent,
          GError        **error)
{
  g_autoptr(ZbServerResult) rows = zb_server_db_query (self->db, sql,
                                                       ZB_PARAMS (branch_id, parent), error);

  for (guint i = 0; rows && i < zb_server_result_n_rows (rows); i++)
    {
      g_autoptr(JsonNode) fields = zb_server_parse_fields (zb_server_result_get (rows, i, 2));

      if (!zb_server_records_put (self->records, zb_server_result_get (rows, i, 0),
                                  zb_server_result_get (rows, i, 1),
                                  json_node_get_object (fields), error))
        return FALSE;
    }
  return rows != NULL;
}

/* The meeting and what its hash covers, as the server holds them now. */
static gboolean
load_meeting (ZbServerStore  *self,
              const char     *branch_id,
              const char     *meeting_id,
              GError        **error)
{
  if (!put_rows (self, branch_id, "SELECT table_name, row_id, fields FROM sync_rows WHERE "
                                  "branch_id = ? AND table_name = 'meetings' AND row_id = ?",
                 meeting_id, error))
    return FALSE;

  for (guint i = 0; i < G_N_ELEMENTS (covered); i++)
    {
      g_autofree char *sql = NULL;

      if (covered[i].parent_table == NULL)
        sql = g_strdup_printf ("SELECT table_name, row_id, fields FROM sync_rows WHERE "
                               "branch_id = ? AND table_name = '%s' AND parent_id = ? AND "
                               "deleted = 0", covered[i].table);
      else
        sql = g_strdup_printf ("SELECT c.table_name, c.row_id, c.fields FROM sync_rows c "
                               "JOIN sync_rows p ON p.branch_id = c.branch_id AND "
                               "p.table_name = '%s' AND p.row_id = c.parent_id AND p.deleted = 0 "
                               "WHERE c.branch_id = ? AND c.table_name = '%s' AND "
                               "p.parent_id = ? AND c.deleted = 0",
                               covered[i].parent_table, covered[i].table);
      if (!put_rows (self, branch_id, sql, meeting_id, error))
        return FALSE;
    }
  return TRUE;
}

static char *
meeting_json (ZbServerStore  *self,
              const char     *branch_id,
              const char     *meeting_id,
              GError        **error)
{
  char *json = NULL;

  if (load_meeting (self, branch_id, meeting_id, error))
    json = zb_server_records_meeting_json (self->records, meeting_id, error);
  zb_server_records_clear (self->records);
  return json;
}

static const char *
text_member (JsonObject *object,
             const char *member)
{
  JsonNode *node = json_object_get_member (object, member);

  return node && !JSON_NODE_HOLDS_NULL (node) ? json_node_get_string (node) : NULL;
}

static gboolean
broken (const char **code,
        char       **message,
        const char  *meeting_id,
        const char  *why)
{
  *code = "chain_broken";
  *message = g_strdup_printf (_("Meeting %s: %s"), meeting_id, why);
  return TRUE;
}

/* The server's own chain for the branch, and the device's head. */
static gboolean
append (ZbServerStore   *self,
        ZbServerDevice  *device,
        const char      *meeting_id,
        const char      *json,
        const char      *device_hash,
        GError         **error)
{
  g_autoptr(ZbServerResult) branch = NULL;
  g_autofree char *hash = NULL, *position = NULL, *now = zb_server_now ();

  branch = zb_server_db_query (self->db, "SELECT chain_length, chain_head FROM branches "
                                         "WHERE id = ?", ZB_PARAMS (device->branch_id), error);
  if (branch == NULL)
    return FALSE;

  hash = zb_store_chain_hash (json, zb_server_result_get (branch, 0, 1));
  position = g_strdup_printf ("%" G_GINT64_FORMAT, zb_server_result_get_int (branch, 0, 0) + 1);
  return zb_server_db_exec (self->db, "INSERT INTO finalised_chain (branch_id, position, "
                                      "meeting_id, device_id, device_hash, hash, received_at) "
                                      "VALUES (?, ?, ?, ?, ?, ?, ?)",
                            ZB_PARAMS (device->branch_id, position, meeting_id, device->device_id,
                                       device_hash, hash, now), NULL, error) &&
         zb_server_db_exec (self->db, "UPDATE branches SET chain_length = ?, chain_head = ? "
                                      "WHERE id = ?",
                            ZB_PARAMS (position, hash, device->branch_id), NULL, error) &&
         zb_server_db_exec (self->db, "UPDATE devices SET chain_head = ? WHERE id = ?",
                            ZB_PARAMS (device_hash, device->device_id), NULL, error);
}

/* Checks the record the op just finalised; sets @code to chain_broken when
 * it does not verify, and appends it to the chains when it does. */
gboolean
zb_server_chain_append (ZbServerStore   *self,
                        ZbServerDevice  *device,
                        const char      *meeting_id,
                        const char     **code,
                        char           **message,
                        GError         **error)
{
  g_autofree char *stored = NULL, *head = NULL, *json = NULL, *expected = NULL;
  g_autoptr(JsonNode) fields = NULL;
  g_autoptr(GError) local_error = NULL;
  JsonObject *meeting;

  stored = zb_server_db_query_value (self->db, "SELECT fields FROM sync_rows WHERE branch_id = ? "
                                               "AND table_name = 'meetings' AND row_id = ?",
                                     ZB_PARAMS (device->branch_id, meeting_id), error);
  head = zb_server_db_query_value (self->db, "SELECT chain_head FROM devices WHERE id = ?",
                                   ZB_PARAMS (device->device_id), &local_error);
  if (stored == NULL || local_error != NULL)
    {
      if (local_error != NULL)
        g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  fields = zb_server_parse_fields (stored);
  meeting = json_node_get_object (fields);

  if (g_strcmp0 (text_member (meeting, "device_id"), device->device_id) != 0)
    return broken (code, message, meeting_id, _("it was finalised on another PC than the one "
                                                "that sends it"));
  if (g_strcmp0 (text_member (meeting, "chain_prev"), head) != 0)
    return broken (code, message, meeting_id, _("it does not follow the last record this PC "
                                                "finalised"));
  if ((json = meeting_json (self, device->branch_id, meeting_id, error)) == NULL)
    return FALSE;
  expected = zb_store_chain_hash (json, head);
  if (g_strcmp0 (text_member (meeting, "chain_hash"), expected) != 0)
    return broken (code, message, meeting_id, _("its hash does not match its record: it was "
                                                "changed after it was finalised"));

  return append (self, device, meeting_id, json, expected, error);
}
