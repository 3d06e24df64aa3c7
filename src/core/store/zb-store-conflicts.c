#define G_LOG_DOMAIN "zb-store-conflicts"

#include "config.h"

#include <glib/gi18n.h>

#include "zb-store-private.h"
#include "zb-store-sync.h"
#include "zb-sync-schema.h"

/* Conflicts on the PC (PROTOCOL.md 6.5): pulled from the feed into
 * sync_conflicts, listed for a person, and resolved by an ordinary op on the
 * row that names the conflict, so that a resolution made offline waits in
 * the outbox in order with the PC's other edits. */

#define CONFLICT_COLUMNS \
  "server_id, table_name, row_id, column_name, state, kept_value, kept_device, pushed_value, " \
  "pushed_device, resolution, seq, created_at"

static GObject *
conflict_from_row (sqlite3_stmt *stmt)
{
  ZbConflict *conflict;

#define TEXT(i) ((const char *) sqlite3_column_text (stmt, (i)))
  conflict = zb_conflict_new (TEXT (0), TEXT (1), TEXT (2), TEXT (3), TEXT (4));
  zb_conflict_set_values (conflict, TEXT (5), TEXT (6), TEXT (7), TEXT (8), TEXT (9));
  zb_conflict_set_seq (conflict, sqlite3_column_int64 (stmt, 10), TEXT (11));
#undef TEXT

  return G_OBJECT (conflict);
}

/* Open and resolving conflicts, oldest first; with @all, resolved ones too. */
GListModel *
zb_store_list_conflicts (ZbStore   *self,
                         gboolean   all,
                         GError   **error)
{
  sqlite3 *db;
  GListModel *list;

  db = zb_store_begin_read (self);
  list = zb_sql_list (db, ZB_TYPE_CONFLICT,
                      "SELECT " CONFLICT_COLUMNS " FROM sync_conflicts "
                      "WHERE ?1 = '1' OR state <> 'resolved' ORDER BY seq, id",
                      all ? "1" : "0", NULL, conflict_from_row, error);
  zb_store_end_read (self, db);

  return list;
}

static ZbConflict *
get_conflict_locked (sqlite3     *db,
                     const char  *id,
                     GError     **error)
{
  g_autoptr(GListModel) list = zb_sql_list (db, ZB_TYPE_CONFLICT,
                                            "SELECT " CONFLICT_COLUMNS " FROM sync_conflicts "
                                            "WHERE server_id = ?1", id, NULL,
                                            conflict_from_row, error);

  if (list == NULL)
    return NULL;
  if (g_list_model_get_n_items (list) == 0)
    {
      g_set_error (error, ZB_OUTBOX_ERROR, ZB_OUTBOX_ERROR_NOT_FOUND,
                   _("No conflict %s here; run “zhibu-cli conflicts list” to see them"), id);
      return NULL;
    }

  return g_list_model_get_item (list, 0);
}

/* Those still waiting for a person: the header bar shows them. */
guint
zb_store_count_open_conflicts (ZbStore  *self,
                               GError  **error)
{
  sqlite3 *db;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  guint n = 0;

  db = zb_store_begin_read (self);
  stmt = zb_sql_prepare (db, "SELECT count(*) FROM sync_conflicts "
                                       "WHERE state = 'open'", error);
  if (stmt != NULL && sqlite3_step (stmt) == SQLITE_ROW)
    n = sqlite3_column_int (stmt, 0);
  else if (stmt != NULL)
    zb_sql_fail (db, error);
  g_clear_pointer (&stmt, sqlite3_finalize);
  zb_store_end_read (self, db);

  return n;
}

typedef struct
{
  const char     *id;
  ZbConflictPick  pick;
  const char     *value;
} ResolveJob;

static gboolean
fail_invalid (GError     **error,
              const char  *message)
{
  g_set_error_literal (error, ZB_OUTBOX_ERROR, ZB_OUTBOX_ERROR_INVALID, message);
  return FALSE;
}

/* The declared type of @column: whole numbers go to INTEGER columns. */
static gboolean
is_integer_column (sqlite3    *db,
                   const char *table,
                   const char *column)
{
  g_autofree char *sql = g_strdup_printf ("PRAGMA table_info (%s)", table);
  g_autoptr(sqlite3_stmt) stmt = zb_sql_prepare (db, sql, NULL);

  while (stmt != NULL && sqlite3_step (stmt) == SQLITE_ROW)
    if (g_str_equal ((const char *) sqlite3_column_text (stmt, 1), column))
      return g_ascii_strcasecmp ((const char *) sqlite3_column_text (stmt, 2), "INTEGER") == 0;

  return FALSE;
}

/* A person's merged value, typed for its column; blank is null. */
static JsonNode *
typed_value (sqlite3     *db,
             ZbConflict  *conflict,
             const char  *text,
             GError     **error)
{
  JsonNode *node = json_node_alloc ();
  gint64 number;

  if (text == NULL || *text == '\0')
    return json_node_init_null (node);
  if (!is_integer_column (db, zb_conflict_get_table_name (conflict),
                          zb_conflict_get_column (conflict)))
    return json_node_init_string (node, text);

  if (!g_ascii_string_to_signed (text, 10, G_MININT64, G_MAXINT64, &number, NULL))
    {
      json_node_unref (node);
      g_set_error (error, ZB_OUTBOX_ERROR, ZB_OUTBOX_ERROR_INVALID,
                   _("%s takes a whole number, not “%s”"), zb_conflict_get_column (conflict),
                   text);
      return NULL;
    }

  return json_node_init_int (node, number);
}

static JsonNode *
chosen_value (sqlite3     *db,
              ZbConflict  *conflict,
              ResolveJob  *job,
              GError     **error)
{
  const char *json = NULL;
  JsonNode *node;

  if (job->pick == ZB_CONFLICT_PICK_VALUE)
    return typed_value (db, conflict, job->value, error);

  json = job->pick == ZB_CONFLICT_PICK_KEPT ? zb_conflict_get_kept_value (conflict)
                                            : zb_conflict_get_pushed_value (conflict);
  node = json ? json_from_string (json, NULL) : NULL;
  if (node == NULL || (!JSON_NODE_HOLDS_VALUE (node) && !JSON_NODE_HOLDS_NULL (node)))
    {
      g_clear_pointer (&node, json_node_unref);
      fail_invalid (error, _("The conflict’s value is damaged; write the value with --value"));
    }

  return node;
}

static void
bind_node (sqlite3_stmt *stmt,
           int           index,
           JsonNode     *value)
{
  if (JSON_NODE_HOLDS_NULL (value))
    sqlite3_bind_null (stmt, index);
  else if (json_node_get_value_type (value) == G_TYPE_INT64)
    sqlite3_bind_int64 (stmt, index, json_node_get_int (value));
  else
    zb_sql_bind_text (stmt, index, json_node_get_string (value));
}

/* -1 when the row is missing or a tombstone: nothing to resolve on. */
static int
row_holds (sqlite3     *db,
           ZbConflict  *conflict,
           JsonNode    *value,
           GError     **error)
{
  g_autofree char *sql = g_strdup_printf ("SELECT %s IS ?1 FROM %s WHERE id = ?2 AND deleted = 0",
                                          zb_conflict_get_column (conflict),
                                          zb_conflict_get_table_name (conflict));
  g_autoptr(sqlite3_stmt) stmt = zb_sql_prepare (db, sql, error);

  if (stmt == NULL)
    return -1;
  bind_node (stmt, 1, value);
  zb_sql_bind_text (stmt, 2, zb_conflict_get_row_id (conflict));
  if (sqlite3_step (stmt) != SQLITE_ROW)
    {
      g_set_error (error, ZB_OUTBOX_ERROR, ZB_OUTBOX_ERROR_ROW_MISSING,
                   _("The record of conflict %s is not in this database, or was deleted; sync "
                     "first"), zb_conflict_get_id (conflict));
      return -1;
    }

  return sqlite3_column_int (stmt, 0);
}

static gint64
last_op_id (sqlite3 *db)
{
  g_autoptr(sqlite3_stmt) stmt = zb_sql_prepare (db, "SELECT max(op_id) FROM sync_outbox", NULL);

  return stmt && sqlite3_step (stmt) == SQLITE_ROW ? sqlite3_column_int64 (stmt, 0) : 0;
}

/* Writes the value: the trigger records the update, which then names the
 * conflict it resolves. */
static gboolean
write_value (sqlite3     *db,
             ZbConflict  *conflict,
             JsonNode    *value,
             GError     **error)
{
  const char *table = zb_conflict_get_table_name (conflict);
  g_autofree char *sql = g_strdup_printf ("UPDATE %s SET %s = ?1 WHERE id = ?2", table,
                                          zb_conflict_get_column (conflict));
  g_autoptr(sqlite3_stmt) stmt = zb_sql_prepare (db, sql, error);
  g_autoptr(sqlite3_stmt) mark = NULL;
  gint64 before = last_op_id (db);

  if (stmt == NULL)
    return FALSE;
  bind_node (stmt, 1, value);
  zb_sql_bind_text (stmt, 2, zb_conflict_get_row_id (conflict));
  if (sqlite3_step (stmt) != SQLITE_DONE)
    return zb_sql_fail (db, error);

  mark = zb_sql_prepare (db, "UPDATE sync_outbox SET resolves = ?1 WHERE op_id > ?2 "
                             "AND table_name = ?3 AND row_id = ?4", error);
  if (mark == NULL)
    return FALSE;
  zb_sql_bind_text (mark, 1, zb_conflict_get_id (conflict));
  sqlite3_bind_int64 (mark, 2, before);
  zb_sql_bind_text (mark, 3, table);
  zb_sql_bind_text (mark, 4, zb_conflict_get_row_id (conflict));
  return sqlite3_step (mark) == SQLITE_DONE || zb_sql_fail (db, error);
}

/* The row already holds the value: the resolution is an op of its own,
 * on the row's revision like every other pending op of the row. */
static gboolean
add_resolving_op (sqlite3     *db,
                  ZbConflict  *conflict,
                  GError     **error)
{
  g_autofree char *now = zb_store_now ();
  g_autofree char *sql = g_strdup_printf ("INSERT INTO sync_outbox (table_name, row_id, op, "
                                          "columns, base_revision, resolves, created_at) "
                                          "SELECT ?1, id, 'update', ?2, revision, ?3, ?4 "
                                          "FROM %s WHERE id = ?5",
                                          zb_conflict_get_table_name (conflict));

  return zb_sql_run (db, sql,
                     (const char *[]) { zb_conflict_get_table_name (conflict),
                                        zb_conflict_get_column (conflict),
                                        zb_conflict_get_id (conflict), now,
                                        zb_conflict_get_row_id (conflict) }, 5, error);
}

static gboolean
mark_resolving (sqlite3     *db,
                ZbConflict  *conflict,
                JsonNode    *value,
                GError     **error)
{
  g_autofree char *json = json_to_string (value, FALSE);

  return zb_sql_run (db, "UPDATE sync_conflicts SET state = 'resolving', resolution = ?1 "
                         "WHERE server_id = ?2",
                     (const char *[]) { json, zb_conflict_get_id (conflict) }, 2, error);
}

/* Only a synced column of a synced table: the names come from the server. */
static gboolean
check_resolvable (ZbConflict  *conflict,
                  GError     **error)
{
  const ZbSyncTable *table = zb_sync_schema_lookup (zb_conflict_get_table_name (conflict));

  if (g_str_equal (zb_conflict_get_state (conflict), "resolved"))
    return fail_invalid (error, _("The conflict is already resolved"));
  if (table == NULL || !zb_sync_schema_has_column (table, zb_conflict_get_column (conflict)))
    return fail_invalid (error, _("This version of Zhibu does not know the conflict’s column; "
                                  "update Zhibu to resolve it"));

  return TRUE;
}

static gboolean
resolve_body (sqlite3   *db,
              gpointer   data,
              GError   **error)
{
  ResolveJob *job = data;
  g_autoptr(ZbConflict) conflict = get_conflict_locked (db, job->id, error);
  g_autoptr(JsonNode) value = NULL;
  int holds;

  if (conflict == NULL || !check_resolvable (conflict, error) ||
      (value = chosen_value (db, conflict, job, error)) == NULL ||
      (holds = row_holds (db, conflict, value, error)) < 0)
    return FALSE;

  /* A second resolution replaces the first, which then closes nothing. */
  if (!zb_sql_run (db, "UPDATE sync_outbox SET resolves = NULL WHERE resolves = ?1",
                   (const char *[]) { job->id }, 1, error))
    return FALSE;

  return (holds ? add_resolving_op (db, conflict, error)
                : write_value (db, conflict, value, error)) &&
         mark_resolving (db, conflict, value, error);
}

/* Resolves conflict @id (the server's ID) by keeping the server's value,
 * taking the pushed one, or writing @value (PICK_VALUE; blank is null):
 * written to the row, with the op that carries it naming the conflict. The
 * conflict is `resolving` until the server acknowledges that op. */
gboolean
zb_store_resolve_conflict (ZbStore         *self,
                           const char      *id,
                           ZbConflictPick   pick,
                           const char      *value,
                           GError         **error)
{
  ResolveJob job = { id, pick, value };

  return zb_store_run_write (self, resolve_body, &job, error);
}
