#define G_LOG_DOMAIN "zb-server-conflicts"

#include "config.h"

#include <glib/gi18n.h>

#include "zb-canonical-json.h"
#include "zb-server-conflicts.h"
#include "zb-server-store-private.h"
#include "zb-sync-protocol.h"

/* PROTOCOL.md 6.5: a conflict keeps both values until a person picks one or
 * writes a merged one on any PC; the pick is an ordinary op that names the
 * conflict. No rule here looks at a clock. */

static char *
value_json (JsonNode *node)
{
  g_autoptr(JsonNode) null = NULL;

  if (node == NULL)
    node = null = json_node_init_null (json_node_alloc ());
  return zb_canonical_json (node);
}

static char *
int_text (gint64 value)
{
  return g_strdup_printf ("%" G_GINT64_FORMAT, value);
}

static ZbServerResult *
find (ZbServerStore  *self,
      const char     *id,
      GError        **error)
{
  return zb_server_db_query (self->db, "SELECT branch_id, table_name, row_id, column_name, "
                                       "kept_revision FROM sync_conflicts WHERE id = ?",
                             ZB_PARAMS (id), error);
}

/* The op that resolves a conflict has seen its kept value: for that column
 * its base is at least the kept value's revision. A change made after it,
 * such as another PC's resolution, still clashes: two PCs resolving one
 * conflict differently end in a new conflict, never in a silent choice. */
gint64
zb_server_conflict_base (ZbServerStore   *self,
                         ZbServerDevice  *device,
                         ZbSyncOp        *op,
                         const char      *column)
{
  const char *resolves = zb_sync_op_get_resolves (op);
  gint64 base = zb_sync_op_get_base_revision (op);
  g_autoptr(ZbServerResult) conflict = NULL;

  if (resolves == NULL || (conflict = find (self, resolves, NULL)) == NULL ||
      zb_server_result_n_rows (conflict) == 0 ||
      g_strcmp0 (zb_server_result_get (conflict, 0, 3), column) != 0)
    return base;

  return MAX (base, zb_server_result_get_int (conflict, 0, 4));
}

/* @code is set for an op that resolves what it may not; FALSE with @error
 * for a conflict of another branch, which fails the whole push (403). */
gboolean
zb_server_conflict_check (ZbServerStore   *self,
                          ZbServerDevice  *device,
                          ZbSyncOp        *op,
                          const char     **code,
                          char           **message,
                          GError         **error)
{
  const char *resolves = zb_sync_op_get_resolves (op);
  JsonObject *fields = zb_sync_op_get_fields (op);
  g_autoptr(ZbServerResult) conflict = NULL;

  *code = NULL;
  if (resolves == NULL)
    return TRUE;
  if ((conflict = find (self, resolves, error)) == NULL)
    return FALSE;

  if (zb_server_result_n_rows (conflict) == 0)
    {
      *code = "unknown_conflict";
      *message = g_strdup_printf (_("The server has no conflict %s"), resolves);
    }
  else if (!g_str_equal (zb_server_result_get (conflict, 0, 0), device->branch_id))
    {
      g_set_error_literal (error, ZB_SYNC_ERROR, ZB_SYNC_ERROR_FORBIDDEN,
                           _("The push resolves a conflict of another branch"));
      return FALSE;
    }
  else if (!g_str_equal (zb_server_result_get (conflict, 0, 1), zb_sync_op_get_table (op)) ||
           !g_str_equal (zb_server_result_get (conflict, 0, 2), zb_sync_op_get_row_id (op)) ||
           fields == NULL || !json_object_has_member (fields, zb_server_result_get (conflict, 0, 3)))
    {
      *code = "bad_resolution";
      *message = g_strdup_printf (_("The resolution of conflict %s must write its column %s "
                                    "of that same record"), resolves,
                                  zb_server_result_get (conflict, 0, 3));
    }
  return TRUE;
}

/* Keeps R's value and both sides of the clash. A device that already has an
 * open conflict on the column updates its pushed value instead of raising
 * a second one. */
gboolean
zb_server_conflict_raise (ZbServerStore   *self,
                          ZbServerDevice  *device,
                          ZbSyncOp        *op,
                          const char      *column,
                          JsonNode        *kept,
                          gint64           kept_revision,
                          const char      *kept_device,
                          GPtrArray       *ids,
                          GError         **error)
{
  JsonNode *pushed = json_object_get_member (zb_sync_op_get_fields (op), column);
  g_autofree char *kept_json = value_json (kept), *pushed_json = value_json (pushed);
  g_autofree char *revision = int_text (kept_revision);
  g_autofree char *op_id = int_text (zb_sync_op_get_op_id (op));
  g_autofree char *base = int_text (zb_sync_op_get_base_revision (op));
  g_autofree char *id = NULL, *seq_text = NULL, *now = zb_server_now ();
  g_autoptr(GError) local_error = NULL;
  gint64 seq;

  id = zb_server_db_query_value (self->db, "SELECT id FROM sync_conflicts WHERE branch_id = ? "
                                           "AND table_name = ? AND row_id = ? AND "
                                           "column_name = ? AND state = 'open' AND "
                                           "pushed_device = ?",
                                 ZB_PARAMS (device->branch_id, zb_sync_op_get_table (op),
                                            zb_sync_op_get_row_id (op), column,
                                            device->device_id), &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  if (!zb_server_next_seq (self, device->branch_id, &seq, error))
    return FALSE;
  seq_text = int_text (seq);

  if (id != NULL)
    {
      if (!zb_server_db_exec (self->db, "UPDATE sync_conflicts SET kept_value = ?, "
                                        "kept_device = ?, kept_revision = ?, pushed_value = ?, "
                                        "pushed_op = ?, pushed_base = ?, seq = ? WHERE id = ?",
                              ZB_PARAMS (kept_json, kept_device, revision, pushed_json, op_id,
                                         base, seq_text, id), NULL, error))
        return FALSE;
    }
  else
    {
      id = g_uuid_string_random ();
      if (!zb_server_db_exec (self->db, "INSERT INTO sync_conflicts (id, branch_id, table_name, "
                                        "row_id, column_name, state, kept_value, kept_device, "
                                        "kept_revision, pushed_value, pushed_device, pushed_op, "
                                        "pushed_base, seq, created_at) VALUES (?, ?, ?, ?, ?, "
                                        "'open', ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                              ZB_PARAMS (id, device->branch_id, zb_sync_op_get_table (op),
                                         zb_sync_op_get_row_id (op), column, kept_json,
                                         kept_device, revision, pushed_json, device->device_id,
                                         op_id, base, seq_text, now), NULL, error))
        return FALSE;
    }

  g_ptr_array_add (ids, g_steal_pointer (&id));
  return TRUE;
}

/* The op that names a conflict closes it with the value it wrote. */
gboolean
zb_server_conflict_close (ZbServerStore   *self,
                          ZbServerDevice  *device,
                          ZbSyncOp        *op,
                          gint64           revision,
                          GError         **error)
{
  const char *resolves = zb_sync_op_get_resolves (op);
  g_autoptr(ZbServerResult) conflict = NULL;
  g_autofree char *value = NULL, *op_id = NULL, *revision_text = NULL, *seq_text = NULL;
  gint64 seq;

  if (resolves == NULL)
    return TRUE;
  if ((conflict = find (self, resolves, error)) == NULL)
    return FALSE;

  value = value_json (json_object_get_member (zb_sync_op_get_fields (op),
                                              zb_server_result_get (conflict, 0, 3)));
  op_id = int_text (zb_sync_op_get_op_id (op));
  revision_text = int_text (revision);
  if (!zb_server_next_seq (self, device->branch_id, &seq, error))
    return FALSE;
  seq_text = int_text (seq);

  return zb_server_db_exec (self->db, "UPDATE sync_conflicts SET state = 'resolved', "
                                      "resolution_value = ?, resolution_device = ?, "
                                      "resolution_op = ?, resolution_revision = ?, seq = ? "
                                      "WHERE id = ? AND state = 'open'",
                            ZB_PARAMS (value, device->device_id, op_id, revision_text, seq_text,
                                       resolves), NULL, error);
}
