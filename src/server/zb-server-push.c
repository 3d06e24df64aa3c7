#define G_LOG_DOMAIN "zb-server-push"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "zb-canonical-json.h"
#include "zb-server-chain.h"
#include "zb-server-conflicts.h"
#include "zb-server-review.h"
#include "zb-server-store-private.h"
#include "zb-sync-protocol.h"
#include "zb-sync-schema.h"

/* POST /v1/push (PROTOCOL.md, section 6): each op in its own savepoint, the
 * whole batch in one transaction, the answer only after the commit. */

/* A synced row as the server holds it. */
typedef struct
{
  gboolean    exists;
  gboolean    deleted;
  gint64      revision;
  JsonNode   *fields;     /* an object */
  char       *parent_id;
} Row;

/* What one op comes to. */
typedef struct
{
  ZbServerStore  *store;
  ZbServerDevice *device;
  ZbSyncOp       *op;
  char           *op_id;     /* as text, for SQL */
  Row             row;
  const char     *status;
  gint64          revision;  /* 0: the server has no such row */
  GPtrArray      *conflicts; /* IDs raised or updated */
  const char     *error;     /* rejected: the op error of 6.2 */
  char           *message;
} Run;

static void
run_clear (Run *run)
{
  g_clear_pointer (&run->op_id, g_free);
  g_clear_pointer (&run->row.fields, json_node_unref);
  g_clear_pointer (&run->row.parent_id, g_free);
  g_clear_pointer (&run->conflicts, g_ptr_array_unref);
  g_clear_pointer (&run->message, g_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Run, run_clear)

/* Where a row belongs, for the hash of a finalised meeting. */
static const struct {
  const char *table;
  const char *parent_column;
  const char *parent_table;
} parents[] = {
  { "meeting_attendees", "meeting_id", "meetings" },
  { "meeting_guests", "meeting_id", "meetings" },
  { "agenda_items", "meeting_id", "meetings" },
  { "first_items", "meeting_id", "meetings" },
  { "measures", "meeting_id", "meetings" },
  { "agenda_votes", "item_id", "agenda_items" },
  { "first_item_contributions", "first_item_id", "first_items" },
};

/* Keys the PC's schema keeps unique among live rows (PROTOCOL.md 6.2). */
static const struct {
  const char *table;
  const char *columns[2];
} natural_keys[] = {
  { "members", { "id_number", NULL } },
  { "meeting_attendees", { "meeting_id", "member_id" } },
  { "agenda_votes", { "item_id", "member_id" } },
  { "first_items", { "meeting_id", NULL } },
};

/* What finalising changes and the hash leaves out: a measure's progress. */
static const char * const measure_progress[] = { "state", "done_date", "done_note", NULL };

static gboolean
reject (Run        *run,
        const char *error,
        const char *format,
        ...) G_GNUC_PRINTF (3, 4);

static gboolean
reject (Run        *run,
        const char *error,
        const char *format,
        ...)
{
  char *message;
  va_list args;

  /* The message may be made from the one it replaces. */
  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);
  g_free (run->message);
  run->message = message;
  run->error = error;
  return TRUE;
}

static const char *
field_text (JsonObject *fields,
            const char *column)
{
  JsonNode *node = fields ? json_object_get_member (fields, column) : NULL;

  return node && json_node_get_value_type (node) == G_TYPE_STRING ? json_node_get_string (node)
                                                                   : NULL;
}

static const char *
parent_column (const char *table)
{
  for (guint i = 0; i < G_N_ELEMENTS (parents); i++)
    if (g_str_equal (parents[i].table, table))
      return parents[i].parent_column;
  return NULL;
}

static char *
natural_key (const char *table,
             JsonObject *fields)
{
  for (guint i = 0; i < G_N_ELEMENTS (natural_keys); i++)
    if (g_str_equal (natural_keys[i].table, table))
      {
        const char *a = field_text (fields, natural_keys[i].columns[0]);
        const char *b = natural_keys[i].columns[1]
                        ? field_text (fields, natural_keys[i].columns[1]) : "";

        return a && b ? g_strconcat (a, "|", b, NULL) : NULL;
      }
  return NULL;
}

static char *
node_text (JsonNode *node)
{
  g_autoptr(JsonNode) null = NULL;

  if (node == NULL)
    node = null = json_node_init_null (json_node_alloc ());
  return zb_canonical_json (node);
}

static gboolean
load_row (Run     *run,
          GError **error)
{
  ZbServerDb *db = run->store->db;
  g_autoptr(ZbServerResult) found = NULL;

  found = zb_server_db_query (db, "SELECT branch_id, fields, deleted, seq, parent_id "
                                  "FROM sync_rows WHERE table_name = ? AND row_id = ?",
                              ZB_PARAMS (zb_sync_op_get_table (run->op),
                                         zb_sync_op_get_row_id (run->op)), error);
  if (found == NULL)
    return FALSE;
  if (zb_server_result_n_rows (found) == 0)
    return TRUE;
  /* PROTOCOL.md 2: another branch's row is not this device's to touch. */
  if (!g_str_equal (zb_server_result_get (found, 0, 0), run->device->branch_id))
    {
      g_set_error_literal (error, ZB_SYNC_ERROR, ZB_SYNC_ERROR_FORBIDDEN,
                           _("The push names a record of another branch"));
      return FALSE;
    }

  run->row.exists = TRUE;
  run->row.fields = zb_server_parse_fields (zb_server_result_get (found, 0, 1));
  run->row.deleted = zb_server_result_get_int (found, 0, 2) != 0;
  run->row.revision = zb_server_result_get_int (found, 0, 3);
  run->row.parent_id = g_strdup (zb_server_result_get (found, 0, 4));
  return TRUE;
}

/* Writes the row whole, at @seq, as the latest change of this op. */
static gboolean
put_row (Run         *run,
         JsonObject  *fields,
         gboolean     deleted,
         gint64       seq,
         gboolean     echo,
         GError     **error)
{
  ZbServerDb *db = run->store->db;
  const char *table = zb_sync_op_get_table (run->op);
  const char *parent = parent_column (table);
  g_autofree char *json = zb_server_fields_to_json (fields);
  g_autofree char *key = natural_key (table, fields);
  g_autofree char *seq_text = g_strdup_printf ("%" G_GINT64_FORMAT, seq);
  g_autofree char *now = zb_server_now ();
  const char *values[] = {
    json, deleted ? "1" : "0", seq_text, run->device->device_id, run->op_id, echo ? "1" : "0",
    key, parent ? field_text (fields, parent) : NULL, now, run->device->branch_id, table,
    zb_sync_op_get_row_id (run->op),
  };
  guint64 changes = 0;

  if (!zb_server_db_exec (db, "UPDATE sync_rows SET fields = ?, deleted = ?, seq = ?, "
                              "origin_device = ?, origin_op = ?, echo = ?, natural_key = ?, "
                              "parent_id = ?, changed_at = ? "
                              "WHERE branch_id = ? AND table_name = ? AND row_id = ?",
                          values, G_N_ELEMENTS (values), &changes, error))
    return FALSE;
  if (changes > 0)
    return TRUE;

  return zb_server_db_exec (db, "INSERT INTO sync_rows (fields, deleted, seq, origin_device, "
                                "origin_op, echo, natural_key, parent_id, changed_at, branch_id, "
                                "table_name, row_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                            values, G_N_ELEMENTS (values), NULL, error);
}

static gboolean
set_column (Run         *run,
            const char  *column,
            gint64       seq,
            GError     **error)
{
  ZbServerDb *db = run->store->db;
  g_autofree char *seq_text = g_strdup_printf ("%" G_GINT64_FORMAT, seq);
  const char *values[] = {
    seq_text, run->device->device_id, run->device->branch_id, zb_sync_op_get_table (run->op),
    zb_sync_op_get_row_id (run->op), column,
  };
  guint64 changes = 0;

  if (!zb_server_db_exec (db, "UPDATE sync_columns SET seq = ?, device_id = ? WHERE "
                              "branch_id = ? AND table_name = ? AND row_id = ? AND column_name = ?",
                          values, G_N_ELEMENTS (values), &changes, error))
    return FALSE;

  return changes > 0 ||
         zb_server_db_exec (db, "INSERT INTO sync_columns (seq, device_id, branch_id, "
                                "table_name, row_id, column_name) VALUES (?, ?, ?, ?, ?, ?)",
                            values, G_N_ELEMENTS (values), NULL, error);
}

/* The last change of a column: its sequence number and device. */
static gboolean
get_column (Run         *run,
            const char  *column,
            gint64      *seq,
            char       **device,
            GError     **error)
{
  g_autoptr(ZbServerResult) found = NULL;

  found = zb_server_db_query (run->store->db,
                              "SELECT seq, device_id FROM sync_columns WHERE branch_id = ? AND "
                              "table_name = ? AND row_id = ? AND column_name = ?",
                              ZB_PARAMS (run->device->branch_id, zb_sync_op_get_table (run->op),
                                         zb_sync_op_get_row_id (run->op), column), error);
  if (found == NULL)
    return FALSE;

  *seq = zb_server_result_n_rows (found) ? zb_server_result_get_int (found, 0, 0) : 0;
  *device = zb_server_result_n_rows (found) ? g_strdup (zb_server_result_get (found, 0, 1))
                                            : NULL;
  return TRUE;
}

/* Every column of the row, for a row that is created or comes back. */
static gboolean
set_columns (Run         *run,
             JsonObject  *fields,
             gint64       seq,
             GError     **error)
{
  g_autoptr(GList) members = json_object_get_members (fields);

  for (GList *l = members; l != NULL; l = l->next)
    if (!set_column (run, l->data, seq, error))
      return FALSE;
  return TRUE;
}

/* The meeting a row belongs to, following its parents. */
static char *
meeting_of (Run         *run,
            const char  *table,
            const char  *parent_id,
            GError     **error)
{
  g_autofree char *id = g_strdup (parent_id);
  const char *parent_table = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (parents); i++)
    if (g_str_equal (parents[i].table, table))
      parent_table = parents[i].parent_table;

  while (id != NULL && parent_table != NULL && !g_str_equal (parent_table, "meetings"))
    {
      char *next = zb_server_db_query_value (run->store->db,
                                             "SELECT parent_id FROM sync_rows WHERE branch_id = ? "
                                             "AND table_name = ? AND row_id = ?",
                                             ZB_PARAMS (run->device->branch_id, parent_table, id),
                                             error);
      g_free (id);
      id = next;
      parent_table = g_str_equal (parent_table, "agenda_items") ||
                     g_str_equal (parent_table, "first_items") ? "meetings" : NULL;
    }
  return g_steal_pointer (&id);
}

/* A meeting is final once it is signed and on its device's chain: the PC
 * sends the two in separate ops (PROTOCOL.md 6.1), the chain link last. */
static gboolean
is_final (JsonObject *meeting)
{
  return field_text (meeting, "finalized_at") != NULL && field_text (meeting, "chain_hash") != NULL;
}

static gboolean
meeting_is_final (Run         *run,
                  const char  *meeting_id)
{
  g_autofree char *json = NULL;
  g_autoptr(JsonNode) fields = NULL;

  if (meeting_id == NULL)
    return FALSE;
  json = zb_server_db_query_value (run->store->db, "SELECT fields FROM sync_rows WHERE "
                                                   "branch_id = ? AND table_name = 'meetings' "
                                                   "AND row_id = ?",
                                   ZB_PARAMS (run->device->branch_id, meeting_id), NULL);
  fields = zb_server_parse_fields (json);
  return is_final (json_node_get_object (fields));
}

static gboolean
only_progress (JsonObject *fields)
{
  g_autoptr(GList) members = json_object_get_members (fields);

  for (GList *l = members; l != NULL; l = l->next)
    if (!g_strv_contains (measure_progress, l->data))
      return FALSE;
  return TRUE;
}

/* PROTOCOL.md 8: nothing a finalised record's hash covers changes. */
static gboolean
touches_final (Run *run)
{
  const char *table = zb_sync_op_get_table (run->op);
  JsonObject *fields = zb_sync_op_get_fields (run->op);
  JsonObject *stored = run->row.fields ? json_node_get_object (run->row.fields) : NULL;
  const char *column = parent_column (table);
  g_autofree char *old_meeting = NULL, *new_meeting = NULL;

  if (g_str_equal (table, "meetings"))
    return run->row.exists && !run->row.deleted && is_final (stored);
  if (column == NULL)
    return FALSE;
  if (g_str_equal (table, "measures") && run->row.exists &&
      zb_sync_op_get_kind (run->op) == ZB_SYNC_OP_UPDATE && only_progress (fields))
    return FALSE;

  if (run->row.exists)
    old_meeting = meeting_of (run, table, run->row.parent_id, NULL);
  if (fields != NULL && field_text (fields, column) != NULL)
    new_meeting = meeting_of (run, table, field_text (fields, column), NULL);
  return meeting_is_final (run, old_meeting) || meeting_is_final (run, new_meeting);
}

static gboolean
check_columns (Run *run)
{
  const ZbSyncTable *table = zb_sync_schema_lookup (zb_sync_op_get_table (run->op));
  JsonObject *fields = zb_sync_op_get_fields (run->op);
  g_autoptr(GList) members = NULL;

  /* PROTOCOL.md 7.5: rows the committee's server writes, never a PC. */
  if (zb_sync_schema_lookup_received (zb_sync_op_get_table (run->op)) != NULL)
    return reject (run, "server_owned", _("%s: only the committee's server writes this table"),
                   zb_sync_op_get_table (run->op));
  if (table == NULL)
    return reject (run, "unknown_table", _("%s: this server does not sync that table"),
                   zb_sync_op_get_table (run->op));
  if (fields == NULL)
    return FALSE;

  members = json_object_get_members (fields);
  for (GList *l = members; l != NULL; l = l->next)
    if (!zb_sync_schema_has_column (table, l->data))
      return reject (run, "unknown_column", _("%s.%s: no such column"), table->name,
                     (const char *) l->data);
  return FALSE;
}

/* The row as it would be, checked against the PC's own schema, and the
 * fields the op writes against the PC's own rules: the server stores nothing
 * a PC would refuse. */
static gboolean
check_row (Run        *run,
           JsonObject *full)
{
  g_autofree char *message = NULL;
  g_autofree char *json = zb_server_fields_to_json (full);
  const char *error;

  if (strlen (json) > ZB_SYNC_MAX_OP_BYTES)
    return reject (run, "too_large", _("The record is larger than %u bytes"),
                   ZB_SYNC_MAX_OP_BYTES);
  error = zb_server_records_check_rules (zb_sync_op_get_table (run->op), full,
                                         zb_sync_op_get_fields (run->op), &message);
  if (error == NULL)
    error = zb_server_records_check_row (run->store->records, zb_sync_op_get_table (run->op),
                                         full, &message);
  return error != NULL && reject (run, error, "%s", message);
}

static void
copy_members (JsonObject *to,
              JsonObject *from)
{
  g_autoptr(GList) members = from ? json_object_get_members (from) : NULL;

  for (GList *l = members; l != NULL; l = l->next)
    json_object_set_member (to, l->data, json_node_copy (json_object_get_member (from, l->data)));
}

static JsonObject *
stored_fields (Run *run)
{
  JsonObject *fields = json_object_new ();

  copy_members (fields, run->row.fields ? json_node_get_object (run->row.fields) : NULL);
  return fields;
}

/* The row as the op would leave it, every field of the op written. */
static JsonObject *
merged_fields (Run *run)
{
  JsonObject *full = stored_fields (run);

  copy_members (full, zb_sync_op_get_fields (run->op));
  return full;
}

/* A new row, or a tombstone brought back: an edit wins over a tombstone. */
static gboolean
create_row (Run     *run,
            GError **error)
{
  g_autoptr(JsonObject) full = merged_fields (run);
  gint64 seq;

  if (check_row (run, full))
    return TRUE;
  if (!zb_server_next_seq (run->store, run->device->branch_id, &seq, error) ||
      !put_row (run, full, FALSE, seq, zb_sync_op_get_kind (run->op) == ZB_SYNC_OP_INSERT,
                error) ||
      !set_columns (run, zb_sync_op_get_fields (run->op), seq, error))
    return FALSE;

  run->status = "applied";
  run->revision = seq;
  return TRUE;
}

/* Publishes the row again, as it is, for the PC that pushed. */
static gboolean
republish (Run     *run,
           GError **error)
{
  gint64 seq;

  if (!run->row.exists)
    return TRUE;
  if (!zb_server_next_seq (run->store, run->device->branch_id, &seq, error) ||
      !put_row (run, json_node_get_object (run->row.fields), run->row.deleted, seq, FALSE, error))
    return FALSE;

  run->revision = seq;
  return TRUE;
}

/* 6.4, case 3: an edit another device made since the base wins. */
static gboolean
delete_row (Run     *run,
            GError **error)
{
  g_autofree char *base = g_strdup_printf ("%" G_GINT64_FORMAT,
                                           zb_sync_op_get_base_revision (run->op));
  g_autofree char *edits = NULL;
  gint64 seq;

  edits = zb_server_db_query_value (run->store->db,
                                    "SELECT count(*) FROM sync_columns WHERE branch_id = ? AND "
                                    "table_name = ? AND row_id = ? AND seq > CAST(? AS BIGINT) "
                                    "AND (device_id IS NULL OR device_id <> ?)",
                                    ZB_PARAMS (run->device->branch_id,
                                               zb_sync_op_get_table (run->op),
                                               zb_sync_op_get_row_id (run->op), base,
                                               run->device->device_id), error);
  if (edits == NULL)
    return FALSE;
  if (g_ascii_strtoll (edits, NULL, 10) > 0)
    {
      run->status = "superseded";
      return republish (run, error);
    }

  if (!zb_server_next_seq (run->store, run->device->branch_id, &seq, error) ||
      !put_row (run, json_node_get_object (run->row.fields), TRUE, seq, TRUE, error))
    return FALSE;
  run->status = "applied";
  run->revision = seq;
  return TRUE;
}

static gboolean
same_value (JsonNode *a,
            JsonNode *b)
{
  g_autofree char *x = node_text (a);
  g_autofree char *y = node_text (b);

  return g_str_equal (x, y);
}

/* 6.4, case 4, for one field: written, unchanged, or a conflict. */
static gboolean
merge_field (Run         *run,
             JsonObject  *full,
             const char  *column,
             gint64       seq,
             gboolean    *clashed,
             GError     **error)
{
  JsonObject *stored = json_node_get_object (run->row.fields);
  JsonNode *kept = json_object_get_member (stored, column);
  JsonNode *pushed = json_object_get_member (zb_sync_op_get_fields (run->op), column);
  gint64 base = zb_server_conflict_base (run->store, run->device, run->op, column);
  g_autofree char *device = NULL;
  gint64 changed;

  if (same_value (kept, pushed))
    return TRUE;
  if (!get_column (run, column, &changed, &device, error))
    return FALSE;

  if (changed <= base || g_strcmp0 (device, run->device->device_id) == 0)
    {
      json_object_set_member (full, column, json_node_copy (pushed));
      return set_column (run, column, seq, error);
    }

  *clashed = TRUE;
  json_object_set_member (full, column, kept ? json_node_copy (kept)
                                             : json_node_init_null (json_node_alloc ()));
  return zb_server_conflict_raise (run->store, run->device, run->op, column, kept, changed,
                                   device, run->conflicts, error);
}

static gboolean
update_row (Run     *run,
            GError **error)
{
  g_autoptr(JsonObject) would_be = merged_fields (run);
  g_autoptr(JsonObject) full = NULL;
  g_autoptr(GList) members = json_object_get_members (zb_sync_op_get_fields (run->op));
  gboolean current = zb_sync_op_get_base_revision (run->op) == run->row.revision;
  gboolean clashed = FALSE;
  gint64 seq;

  /* The row as the op would leave it must hold; then each field merges
   * into the stored row. */
  if (check_row (run, would_be))
    return TRUE;
  if (!zb_server_next_seq (run->store, run->device->branch_id, &seq, error))
    return FALSE;

  full = stored_fields (run);
  for (GList *l = members; l != NULL; l = l->next)
    if (!merge_field (run, full, l->data, seq, &clashed, error))
      return FALSE;
  if (!put_row (run, full, FALSE, seq, !clashed && current, error))
    return FALSE;

  run->revision = seq;
  run->status = clashed ? "conflict" : current ? "applied" : "merged";
  return zb_server_conflict_close (run->store, run->device, run->op, seq, error);
}

/* 8: the op that finalises a meeting, the one after which it is final. */
static gboolean
finalises (Run *run)
{
  g_autoptr(JsonObject) after = NULL;

  if (!g_str_equal (zb_sync_op_get_table (run->op), "meetings") ||
      zb_sync_op_get_kind (run->op) == ZB_SYNC_OP_DELETE)
    return FALSE;
  after = merged_fields (run);
  return is_final (after);
}

static gboolean
write_op (Run     *run,
          GError **error)
{
  ZbSyncOpKind kind = zb_sync_op_get_kind (run->op);

  if (!run->row.exists)
    {
      if (kind == ZB_SYNC_OP_INSERT)
        return create_row (run, error);
      if (kind == ZB_SYNC_OP_UPDATE)
        return reject (run, "unknown_row", _("%s %s: the server has no such record"),
                       zb_sync_op_get_table (run->op), zb_sync_op_get_row_id (run->op));
      run->status = "superseded";
      return TRUE;
    }
  if (run->row.deleted)
    {
      if (kind != ZB_SYNC_OP_DELETE)
        return create_row (run, error);
      run->status = "superseded";
      return republish (run, error);
    }
  if (kind == ZB_SYNC_OP_DELETE)
    return delete_row (run, error);
  return update_row (run, error);
}

/* The cases of 6.4, in the op's savepoint. FALSE only for an error that
 * fails the whole push; a rejected op sets run->error. */
static gboolean
apply_op (Run     *run,
          GError **error)
{
  const char *code = NULL;
  gboolean final;

  if (check_columns (run))
    return TRUE;
  if (!load_row (run, error) ||
      !zb_server_conflict_check (run->store, run->device, run->op, &code, &run->message, error))
    return FALSE;
  if (code != NULL)
    return reject (run, code, "%s", run->message);
  if (touches_final (run))
    return reject (run, "finalised", _("The meeting is finalised and can no longer be changed; "
                                       "record a correction as an addendum"));

  final = finalises (run);
  if (!write_op (run, error))
    return FALSE;
  if (run->error != NULL || !final)
    return TRUE;

  if (!zb_server_chain_append (run->store, run->device, zb_sync_op_get_row_id (run->op), &code,
                               &run->message, error))
    return FALSE;
  return code == NULL || reject (run, code, "%s", run->message);
}

static JsonNode *
result_json (Run *run)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "op_id");
  json_builder_add_int_value (b, zb_sync_op_get_op_id (run->op));
  json_builder_set_member_name (b, "status");
  json_builder_add_string_value (b, run->error ? "rejected" : run->status);
  if (run->revision > 0)
    {
      json_builder_set_member_name (b, "revision");
      json_builder_add_int_value (b, run->revision);
    }
  if (run->conflicts != NULL && run->conflicts->len > 0)
    {
      json_builder_set_member_name (b, "conflicts");
      json_builder_begin_array (b);
      for (guint i = 0; i < run->conflicts->len; i++)
        json_builder_add_string_value (b, g_ptr_array_index (run->conflicts, i));
      json_builder_end_array (b);
    }
  if (run->error != NULL)
    {
      json_builder_set_member_name (b, "error");
      json_builder_add_string_value (b, run->error);
      json_builder_set_member_name (b, "message");
      json_builder_add_string_value (b, run->message);
    }
  json_builder_end_object (b);
  return json_builder_get_root (b);
}

static char *
op_identity (ZbSyncOp *op)
{
  return g_strdup_printf ("%s|%s|%s|%" G_GINT64_FORMAT, zb_sync_op_get_table (op),
                          zb_sync_op_get_row_id (op),
                          zb_sync_op_kind_to_string (zb_sync_op_get_kind (op)),
                          zb_sync_op_get_base_revision (op));
}

/* 6.3: an op seen before answers as it did, or the database was copied. */
static JsonNode *
seen_before (Run         *run,
             const char  *identity,
             GError     **error)
{
  g_autoptr(ZbServerResult) found = NULL;
  JsonNode *result;

  found = zb_server_db_query (run->store->db, "SELECT identity, result FROM sync_ops "
                                              "WHERE device_id = ? AND op_id = ?",
                              ZB_PARAMS (run->device->device_id, run->op_id), error);
  if (found == NULL || zb_server_result_n_rows (found) == 0)
    return NULL;
  if (!g_str_equal (zb_server_result_get (found, 0, 0), identity))
    {
      g_set_error (error, ZB_SYNC_ERROR, ZB_SYNC_ERROR_OP_ID_REUSED,
                   _("Op %s of this PC was seen before as another change: two databases share "
                     "one device ID (a copied file or a restored backup). This database needs "
                     "a new device ID before it can sync"), run->op_id);
      return NULL;
    }

  result = zb_server_parse_fields (zb_server_result_get (found, 0, 1));
  json_object_set_boolean_member (json_node_get_object (result), "duplicate", TRUE);
  return result;
}

static gboolean
record_result (Run         *run,
               const char  *identity,
               JsonNode    *result,
               GError     **error)
{
  g_autofree char *json = zb_canonical_json (result);

  return zb_server_db_exec (run->store->db, "INSERT INTO sync_ops (device_id, op_id, identity, "
                                            "result) VALUES (?, ?, ?, ?)",
                            ZB_PARAMS (run->device->device_id, run->op_id, identity, json),
                            NULL, error);
}

/* One op: its result, or NULL with an error that fails the whole push. */
static JsonNode *
push_op (ZbServerStore   *self,
         ZbServerDevice  *device,
         ZbSyncOp        *op,
         GError         **error)
{
  g_auto(Run) run = { self, device, op };
  g_autofree char *identity = op_identity (op);
  g_autoptr(GError) local_error = NULL;
  g_autoptr(JsonNode) result = NULL;

  run.op_id = g_strdup_printf ("%" G_GINT64_FORMAT, zb_sync_op_get_op_id (op));
  run.conflicts = g_ptr_array_new_with_free_func (g_free);
  if ((result = seen_before (&run, identity, &local_error)) != NULL || local_error != NULL)
    {
      if (local_error != NULL)
        g_propagate_error (error, g_steal_pointer (&local_error));
      return g_steal_pointer (&result);
    }

  if (!zb_server_db_savepoint (self->db, "op", error))
    return NULL;
  if (!apply_op (&run, &local_error))
    {
      zb_server_db_rollback_to (self->db, "op");
      if (!g_error_matches (local_error, ZB_SERVER_DB_ERROR, ZB_SERVER_DB_ERROR_CONSTRAINT))
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return NULL;
        }
      reject (&run, "duplicate_key", _("Another record already has the same key (an ID "
                                       "number, an attendee, a vote or a first item)"));
    }
  else if (run.error != NULL)
    zb_server_db_rollback_to (self->db, "op");
  else if (!zb_server_db_release (self->db, "op", error))
    return NULL;

  /* The op is refused, but the break is kept for the committee's page. */
  if (g_strcmp0 (run.error, "chain_broken") == 0 &&
      !zb_server_review_note_break (self, device->branch_id, zb_sync_op_get_row_id (op),
                                    device->device_id, run.message, error))
    return NULL;
  if (run.error != NULL)
    {
      g_ptr_array_set_size (run.conflicts, 0);
      run.revision = 0;
      if (!republish (&run, error))
        return NULL;
    }

  result = result_json (&run);
  if (!record_result (&run, identity, result, error))
    return NULL;
  return g_steal_pointer (&result);
}

static JsonNode *
answer_json (JsonArray *results,
             gint64     server_sequence)
{
  JsonObject *answer = json_object_new ();

  json_object_set_int_member (answer, "protocol", ZB_SYNC_PROTOCOL);
  json_object_set_int_member (answer, "server_sequence", server_sequence);
  json_object_set_array_member (answer, "results", results);
  return zb_sync_node_take_object (answer);
}

static JsonArray *
push_ops (ZbServerStore   *self,
          ZbServerDevice  *device,
          ZbSyncBatch     *batch,
          GError         **error)
{
  g_autoptr(JsonArray) results = json_array_new ();

  for (guint i = 0; i < zb_sync_batch_get_n_ops (batch); i++)
    {
      ZbSyncOp *op = zb_sync_batch_get_op (batch, i);
      JsonNode *result = push_op (self, device, op, error);

      if (result == NULL)
        return NULL;
      json_array_add_element (results, result);
    }
  return g_steal_pointer (&results);
}

/* The whole batch in one transaction that holds the branch's row, so that
 * sequence numbers become visible in the order they were given (7). */
JsonNode *
zb_server_store_push (ZbServerStore   *self,
                      ZbServerDevice  *device,
                      ZbSyncBatch     *batch,
                      GError         **error)
{
  g_autoptr(JsonArray) results = NULL;
  g_autofree char *seq = NULL;

  if (g_strcmp0 (zb_sync_batch_get_device_id (batch), device->device_id) != 0)
    {
      g_set_error_literal (error, ZB_SYNC_ERROR, ZB_SYNC_ERROR_FORBIDDEN,
                           _("The push names another device than the token's"));
      return NULL;
    }

  if (!zb_server_db_begin (self->db, error))
    return NULL;
  if (!zb_server_db_exec (self->db, "UPDATE branches SET seq = seq WHERE id = ?",
                          ZB_PARAMS (device->branch_id), NULL, error) ||
      (results = push_ops (self, device, batch, error)) == NULL ||
      (seq = zb_server_db_query_value (self->db, "SELECT seq FROM branches WHERE id = ?",
                                       ZB_PARAMS (device->branch_id), error)) == NULL ||
      !zb_server_db_commit (self->db, error))
    {
      zb_server_db_rollback (self->db);
      return NULL;
    }

  return answer_json (g_steal_pointer (&results), g_ascii_strtoll (seq, NULL, 10));
}
