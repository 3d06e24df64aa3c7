#define G_LOG_DOMAIN "zb-sync-apply"

#include "config.h"

#include <glib/gi18n.h>

#include "zb-store-private.h"
#include "zb-sync-apply.h"
#include "zb-sync-protocol.h"
#include "zb-sync-schema.h"

/* PROTOCOL.md 7.1 and 7.3: a page of the feed is applied in one local
 * transaction with its checkpoint (zb_store_apply_remote, with the outbox
 * triggers and foreign keys off): all of it or nothing, never twice. Rows
 * with changes still waiting in the outbox keep their local values, and
 * their revision, until those are pushed. */

typedef struct
{
  gboolean  partial;     /* counts live rows only (WHERE deleted = 0) */
  GStrv     columns;
} UniqueKey;

typedef struct
{
  GHashTable *types;     /* column → declared type */
  gboolean    has_updated_at;
  GPtrArray  *keys;      /* the natural keys: unique indexes other than the row ID's */
} TableInfo;

typedef struct
{
  ZbSyncPage        *page;
  const char        *device_id;
  char              *now;
  GHashTable        *tables;      /* name → TableInfo */
  gboolean           meetings;    /* a meeting was written: chain heads may have moved */
  ZbSyncApplyStats   stats;
  gint64             resync_until;
  GHashTable        *resync;      /* table → GPtrArray of added columns, empty: a new table */
} ApplyJob;

static void
unique_key_free (UniqueKey *key)
{
  g_strfreev (key->columns);
  g_free (key);
}

static void
table_info_free (TableInfo *info)
{
  g_hash_table_unref (info->types);
  g_ptr_array_unref (info->keys);
  g_free (info);
}

static gboolean
load_columns (sqlite3     *db,
              const char  *table,
              TableInfo   *info,
              GError     **error)
{
  g_autofree char *sql = g_strdup_printf ("PRAGMA table_info (%s)", table);
  g_autoptr(sqlite3_stmt) stmt = zb_sql_prepare (db, sql, error);

  if (stmt == NULL)
    return FALSE;

  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      const char *name = (const char *) sqlite3_column_text (stmt, 1);

      g_hash_table_insert (info->types, g_strdup (name),
                           g_strdup ((const char *) sqlite3_column_text (stmt, 2)));
      info->has_updated_at |= g_str_equal (name, "updated_at");
    }

  return TRUE;
}

/* The columns of index @name; NULL when one is the row ID (its primary key). */
static GStrv
index_columns (sqlite3     *db,
               const char  *name)
{
  g_autofree char *sql = g_strdup_printf ("PRAGMA index_info (\"%s\")", name);
  g_autoptr(sqlite3_stmt) stmt = zb_sql_prepare (db, sql, NULL);
  g_autoptr(GStrvBuilder) columns = g_strv_builder_new ();

  while (stmt != NULL && sqlite3_step (stmt) == SQLITE_ROW)
    {
      const char *column = (const char *) sqlite3_column_text (stmt, 2);

      if (column == NULL || g_str_equal (column, "id"))
        return NULL;
      g_strv_builder_add (columns, column);
    }

  return g_strv_builder_end (columns);
}

/* Natural keys from the schema itself: a member's ID number (live rows
 * only), one attendance row per meeting and member, one vote per item and
 * member, one first item per meeting, and whatever a later step adds. */
static gboolean
load_keys (sqlite3     *db,
           const char  *table,
           TableInfo   *info,
           GError     **error)
{
  g_autofree char *sql = g_strdup_printf ("PRAGMA index_list (%s)", table);
  g_autoptr(sqlite3_stmt) stmt = zb_sql_prepare (db, sql, error);

  if (stmt == NULL)
    return FALSE;

  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      UniqueKey *key;
      GStrv columns;

      if (!sqlite3_column_int (stmt, 2) ||
          g_strcmp0 ((const char *) sqlite3_column_text (stmt, 3), "pk") == 0 ||
          (columns = index_columns (db, (const char *) sqlite3_column_text (stmt, 1))) == NULL)
        continue;

      key = g_new0 (UniqueKey, 1);
      key->columns = columns;
      key->partial = sqlite3_column_int (stmt, 4);
      g_ptr_array_add (info->keys, key);
    }

  return TRUE;
}

static TableInfo *
get_table_info (sqlite3     *db,
                ApplyJob    *job,
                const char  *table,
                GError     **error)
{
  TableInfo *info = g_hash_table_lookup (job->tables, table);

  if (info != NULL)
    return info;

  info = g_new0 (TableInfo, 1);
  info->types = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  info->keys = g_ptr_array_new_with_free_func ((GDestroyNotify) unique_key_free);
  if (!load_columns (db, table, info, error) || !load_keys (db, table, info, error))
    {
      table_info_free (info);
      return NULL;
    }

  g_hash_table_insert (job->tables, g_strdup (table), info);
  return info;
}

static void
bind_node (sqlite3_stmt *stmt,
           int           index,
           JsonNode     *value)
{
  if (value == NULL || JSON_NODE_HOLDS_NULL (value))
    sqlite3_bind_null (stmt, index);
  else if (json_node_get_value_type (value) == G_TYPE_INT64)
    sqlite3_bind_int64 (stmt, index, json_node_get_int (value));
  else
    zb_sql_bind_text (stmt, index, json_node_get_string (value));
}

static gboolean
has_pending_ops (sqlite3     *db,
                 const char  *table,
                 const char  *row_id,
                 GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = zb_sql_prepare (db, "SELECT 1 FROM sync_outbox "
                                                     "WHERE table_name = ?1 AND row_id = ?2 "
                                                     "LIMIT 1", error);

  if (stmt == NULL)
    return FALSE;
  zb_sql_bind_text (stmt, 1, table);
  zb_sql_bind_text (stmt, 2, row_id);
  return sqlite3_step (stmt) == SQLITE_ROW;
}

/* Values are text or whole numbers as the column is declared (PROTOCOL.md,
 * Rows), or null: a page that breaks this is refused whole. */
static gboolean
check_type (TableInfo   *info,
            const char  *column,
            JsonNode    *value,
            guint        index,
            GError     **error)
{
  const char *type = g_hash_table_lookup (info->types, column);
  gboolean integer = type != NULL && g_ascii_strcasecmp (type, "INTEGER") == 0;
  gboolean text = type != NULL && g_ascii_strcasecmp (type, "TEXT") == 0;
  GType value_type;

  if (JSON_NODE_HOLDS_NULL (value) || (!integer && !text))
    return TRUE;

  value_type = json_node_get_value_type (value);
  if ((integer && value_type == G_TYPE_INT64) || (text && value_type == G_TYPE_STRING))
    return TRUE;

  g_set_error (error, ZB_SYNC_ERROR, ZB_SYNC_ERROR_MALFORMED, "changes[%u].fields.%s: %s", index,
               column, integer ? _("a whole number is required") : _("text is required"));
  return FALSE;
}

/* The synced columns the page gives a value; columns this version or this
 * database does not know are left out (a newer server's). */
static GPtrArray *
columns_written (const ZbSyncTable  *table,
                 TableInfo          *info,
                 JsonObject         *fields,
                 guint               index,
                 GError            **error)
{
  g_autoptr(GPtrArray) columns = g_ptr_array_new ();

  for (guint i = 0; table->columns[i] != NULL; i++)
    {
      JsonNode *value = json_object_get_member (fields, table->columns[i]);

      /* A PC not yet upgraded lacks the newest columns: it pulls them
       * again once it has them (7.4). */
      if (value == NULL || !g_hash_table_contains (info->types, table->columns[i]))
        continue;
      if (!check_type (info, table->columns[i], value, index, error))
        return NULL;
      g_ptr_array_add (columns, (gpointer) table->columns[i]);
    }

  return g_steal_pointer (&columns);
}

/* The local rows, other than @row_id, that hold @key's values of @fields. */
static GPtrArray *
find_collisions (sqlite3     *db,
                 const char  *table,
                 UniqueKey   *key,
                 const char  *row_id,
                 JsonObject  *fields,
                 GError     **error)
{
  g_autoptr(GString) sql = g_string_new ("SELECT id FROM ");
  g_autoptr(GPtrArray) ids = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(sqlite3_stmt) stmt = NULL;
  guint n = g_strv_length (key->columns);

  g_string_append_printf (sql, "%s WHERE id <> ?%u", table, n + 1);
  for (guint i = 0; i < n; i++)
    {
      JsonNode *value = json_object_get_member (fields, key->columns[i]);

      /* A missing value keeps the local one, and null never collides. */
      if (value == NULL || JSON_NODE_HOLDS_NULL (value))
        return g_steal_pointer (&ids);
      g_string_append_printf (sql, " AND %s = ?%u", key->columns[i], i + 1);
    }
  if (key->partial)
    g_string_append (sql, " AND deleted = 0");

  if ((stmt = zb_sql_prepare (db, sql->str, error)) == NULL)
    return NULL;
  for (guint i = 0; i < n; i++)
    bind_node (stmt, i + 1, json_object_get_member (fields, key->columns[i]));
  zb_sql_bind_text (stmt, n + 1, row_id);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    g_ptr_array_add (ids, g_strdup ((const char *) sqlite3_column_text (stmt, 0)));

  return g_steal_pointer (&ids);
}

/* PROTOCOL.md 7.1: a pulled live row that collides on a natural key with
 * another row of the PC makes that row a tombstone; where the key counts
 * tombstones too (a UNIQUE constraint of the table), the local row goes. */
static gboolean
retire_collisions (sqlite3     *db,
                   const char  *table,
                   TableInfo   *info,
                   const char  *row_id,
                   JsonObject  *fields,
                   GError     **error)
{
  for (guint k = 0; k < info->keys->len; k++)
    {
      UniqueKey *key = g_ptr_array_index (info->keys, k);
      g_autoptr(GPtrArray) ids = find_collisions (db, table, key, row_id, fields, error);

      if (ids == NULL)
        return FALSE;
      for (guint i = 0; i < ids->len; i++)
        {
          g_debug ("%s %s gives way to %s on a natural key", table,
                   (const char *) g_ptr_array_index (ids, i), row_id);
          if (!zb_sync_retire_row_locked (db, table, g_ptr_array_index (ids, i), !key->partial,
                                          error))
            return FALSE;
        }
    }

  return TRUE;
}

/* UPDATE t SET c1 = ?1, …, revision = ?n+1, deleted = 0[, updated_at = ?n+2]
 * WHERE id = ?last, or the INSERT with the same parameters. */
static char *
write_sql (const char *table,
           GPtrArray  *columns,
           gboolean    updated_at,
           gboolean    insert)
{
  g_autoptr(GString) names = g_string_new (NULL);
  g_autoptr(GString) values = g_string_new (NULL);
  g_autoptr(GString) sets = g_string_new (NULL);
  guint n = columns->len;
  guint id = n + (updated_at ? 3 : 2);

  for (guint i = 0; i < n; i++)
    {
      const char *column = g_ptr_array_index (columns, i);

      g_string_append_printf (names, "%s, ", column);
      g_string_append_printf (values, "?%u, ", i + 1);
      g_string_append_printf (sets, "%s = ?%u, ", column, i + 1);
    }
  g_string_append (names, "revision, deleted");
  g_string_append_printf (values, "?%u, 0", n + 1);
  g_string_append_printf (sets, "revision = ?%u, deleted = 0", n + 1);
  if (updated_at)
    {
      g_string_append (names, ", updated_at");
      g_string_append_printf (values, ", ?%u", n + 2);
      g_string_append_printf (sets, ", updated_at = ?%u", n + 2);
    }

  if (insert)
    return g_strdup_printf ("INSERT INTO %s (%s, id) VALUES (%s, ?%u)", table, names->str,
                            values->str, id);

  return g_strdup_printf ("UPDATE %s SET %s WHERE id = ?%u", table, sets->str, id);
}

static gboolean
run_write (sqlite3       *db,
           ApplyJob      *job,
           ZbSyncChange  *change,
           GPtrArray     *columns,
           gboolean       updated_at,
           gboolean       insert,
           GError       **error)
{
  JsonObject *fields = zb_sync_change_get_fields (change);
  const char *changed_at = zb_sync_change_get_changed_at (change);
  g_autofree char *sql = write_sql (zb_sync_change_get_table (change), columns, updated_at,
                                    insert);
  g_autoptr(sqlite3_stmt) stmt = zb_sql_prepare (db, sql, error);
  guint n = columns->len;

  if (stmt == NULL)
    return FALSE;

  for (guint i = 0; i < n; i++)
    bind_node (stmt, i + 1, json_object_get_member (fields, g_ptr_array_index (columns, i)));
  sqlite3_bind_int64 (stmt, n + 1, zb_sync_change_get_seq (change));
  if (updated_at)
    zb_sql_bind_text (stmt, n + 2, changed_at ? changed_at : job->now);
  zb_sql_bind_text (stmt, n + (updated_at ? 3 : 2), zb_sync_change_get_row_id (change));

  return sqlite3_step (stmt) == SQLITE_DONE || zb_sql_fail (db, error);
}

/* Written whole: updated in place, or inserted when the PC lacks it. */
static gboolean
write_live (sqlite3            *db,
            ApplyJob           *job,
            const ZbSyncTable  *table,
            ZbSyncChange       *change,
            guint               index,
            GError            **error)
{
  JsonObject *fields = zb_sync_change_get_fields (change);
  const char *row_id = zb_sync_change_get_row_id (change);
  TableInfo *info = get_table_info (db, job, table->name, error);
  g_autoptr(GPtrArray) columns = NULL;

  if (info == NULL ||
      (columns = columns_written (table, info, fields, index, error)) == NULL ||
      !retire_collisions (db, table->name, info, row_id, fields, error) ||
      !run_write (db, job, change, columns, info->has_updated_at, FALSE, error))
    return FALSE;

  job->meetings |= g_str_equal (table->name, "meetings");
  if (sqlite3_changes (db) > 0)
    return TRUE;

  return run_write (db, job, change, columns, info->has_updated_at, TRUE, error);
}

/* An echo takes the revision only; a tombstone the flag too. A row the PC
 * lacks stays missing: there is nothing to mark. */
static gboolean
write_revision (sqlite3       *db,
                ZbSyncChange  *change,
                gboolean       tombstone,
                GError       **error)
{
  g_autofree char *sql = g_strdup_printf ("UPDATE %s SET revision = ?1%s WHERE id = ?2",
                                          zb_sync_change_get_table (change),
                                          tombstone ? ", deleted = 1" : "");
  g_autoptr(sqlite3_stmt) stmt = zb_sql_prepare (db, sql, error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, zb_sync_change_get_seq (change));
  zb_sql_bind_text (stmt, 2, zb_sync_change_get_row_id (change));
  return sqlite3_step (stmt) == SQLITE_DONE || zb_sql_fail (db, error);
}

/* PROTOCOL.md 7.4: what a migration added, to be pulled again up to the
 * feed position the PC had then (sync_resync, sync_state.resync_until). */
static gboolean
load_resync (sqlite3     *db,
             ApplyJob    *job,
             GError     **error)
{
  g_autoptr(sqlite3_stmt) until = zb_sql_prepare (db, "SELECT resync_until FROM sync_state",
                                                  NULL);
  g_autoptr(sqlite3_stmt) added = NULL;

  /* A database older than schema 6 has nothing to pull again. */
  if (until == NULL || sqlite3_step (until) != SQLITE_ROW ||
      (job->resync_until = sqlite3_column_int64 (until, 0)) == 0)
    return TRUE;

  added = zb_sql_prepare (db, "SELECT table_name, column_name FROM sync_resync", error);
  if (added == NULL)
    return FALSE;
  while (sqlite3_step (added) == SQLITE_ROW)
    {
      const char *table = (const char *) sqlite3_column_text (added, 0);
      const char *column = (const char *) sqlite3_column_text (added, 1);
      GPtrArray *columns = g_hash_table_lookup (job->resync, table);

      if (columns == NULL)
        {
          columns = g_ptr_array_new_with_free_func (g_free);
          g_hash_table_insert (job->resync, g_strdup (table), columns);
        }
      if (column != NULL)
        g_ptr_array_add (columns, g_strdup (column));
    }
  return TRUE;
}

/* Done once the pull has passed where the PC was before the migration. */
static gboolean
finish_resync (sqlite3     *db,
               ApplyJob    *job,
               GError     **error)
{
  if (job->resync_until == 0 || zb_sync_page_get_checkpoint (job->page) < job->resync_until)
    return TRUE;

  return zb_sql_exec (db, "UPDATE sync_state SET resync_until = 0; DELETE FROM sync_resync;",
                      error);
}

/* An added column of a row the PC already holds. A row with pending ops
 * keeps what it has, and takes the server's value only where it has none. */
static gboolean
write_added_column (sqlite3       *db,
                    ZbSyncChange  *change,
                    TableInfo     *info,
                    const char    *column,
                    gboolean       pending,
                    guint          index,
                    GError       **error)
{
  JsonNode *value = json_object_get_member (zb_sync_change_get_fields (change), column);
  g_autofree char *sql = NULL;
  g_autoptr(sqlite3_stmt) stmt = NULL;

  if (value == NULL || !g_hash_table_contains (info->types, column))
    return TRUE;
  if (!check_type (info, column, value, index, error))
    return FALSE;

  sql = g_strdup_printf ("UPDATE %s SET %s = ?1 WHERE id = ?2%s%s",
                         zb_sync_change_get_table (change), column,
                         pending ? " AND " : "", pending ? column : "");
  if (pending)
    {
      g_autofree char *with_null = g_strconcat (sql, " IS NULL", NULL);

      g_free (sql);
      sql = g_steal_pointer (&with_null);
    }
  if ((stmt = zb_sql_prepare (db, sql, error)) == NULL)
    return FALSE;
  bind_node (stmt, 1, value);
  zb_sql_bind_text (stmt, 2, zb_sync_change_get_row_id (change));
  return sqlite3_step (stmt) == SQLITE_DONE || zb_sql_fail (db, error);
}

/* A change the PC applied before its migration: only what the migration
 * added is new to it. A new table's rows are applied as usual (an echo is
 * written whole, since the PC may never have stored it); of a table with
 * new columns, only those columns are written. */
static gboolean
apply_resync_row (sqlite3            *db,
                  ApplyJob           *job,
                  const ZbSyncTable  *table,
                  ZbSyncChange       *change,
                  guint               index,
                  GError            **error)
{
  GPtrArray *added = g_hash_table_lookup (job->resync, table->name);
  g_autoptr(GError) local_error = NULL;
  gboolean pending;
  TableInfo *info;

  if (added == NULL || zb_sync_change_get_fields (change) == NULL)
    {
      job->stats.skipped++;
      return TRUE;
    }
  pending = has_pending_ops (db, table->name, zb_sync_change_get_row_id (change), &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  if (added->len == 0)
    {
      if (pending)
        return TRUE;
      job->stats.rows++;
      return write_live (db, job, table, change, index, error);
    }

  if ((info = get_table_info (db, job, table->name, error)) == NULL)
    return FALSE;
  for (guint i = 0; i < added->len; i++)
    if (!write_added_column (db, change, info, g_ptr_array_index (added, i), pending, index,
                             error))
      return FALSE;
  job->stats.rows++;
  return TRUE;
}

static gboolean
apply_row (sqlite3       *db,
           ApplyJob      *job,
           ZbSyncChange  *change,
           guint          index,
           GError       **error)
{
  const char *name = zb_sync_change_get_table (change);
  /* The server's own tables (PROTOCOL.md 7.5) are written like any other. */
  const ZbSyncTable *table = zb_sync_schema_lookup (name) ?: zb_sync_schema_lookup_received (name);
  g_autoptr(GError) local_error = NULL;
  TableInfo *info = NULL;
  gboolean ok;

  if (table != NULL && (info = get_table_info (db, job, table->name, error)) == NULL)
    return FALSE;
  if (table != NULL && zb_sync_change_get_seq (change) <= job->resync_until)
    return apply_resync_row (db, job, table, change, index, error);

  /* A table of a newer version (or one this database does not have yet):
   * the server keeps it for a newer Zhibu. */
  if (table == NULL || g_hash_table_size (info->types) == 0 ||
      has_pending_ops (db, table->name, zb_sync_change_get_row_id (change), &local_error))
    {
      job->stats.skipped++;
      return TRUE;
    }
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  if (zb_sync_change_is_echo (change))
    ok = write_revision (db, change, FALSE, error);
  else if (zb_sync_change_is_deleted (change))
    ok = write_revision (db, change, TRUE, error);
  else
    ok = write_live (db, job, table, change, index, error);

  job->stats.rows += ok;
  return ok;
}

static char *
node_to_json (JsonNode *node)
{
  return node ? json_to_string (node, FALSE) : NULL;
}

static const char *
conflict_state (sqlite3         *db,
                ZbSyncConflict  *conflict)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  if (zb_sync_conflict_is_resolved (conflict))
    return "resolved";

  stmt = zb_sql_prepare (db, "SELECT 1 FROM sync_outbox WHERE resolves = ?1", NULL);
  zb_sql_bind_text (stmt, 1, zb_sync_conflict_get_id (conflict));
  return stmt && sqlite3_step (stmt) == SQLITE_ROW ? "resolving" : "open";
}

#define CONFLICT_UPDATE \
  "UPDATE sync_conflicts SET table_name = ?1, row_id = ?2, column_name = ?3, kept_value = ?4, " \
  "kept_device = ?5, pushed_value = ?6, pushed_device = ?7, state = ?8, resolution = " \
  "CASE WHEN ?8 = 'resolving' THEN resolution ELSE ?9 END, seq = ?10, " \
  "created_at = coalesce(?11, created_at) WHERE server_id = ?12"
#define CONFLICT_INSERT \
  "INSERT INTO sync_conflicts (table_name, row_id, column_name, kept_value, kept_device, " \
  "pushed_value, pushed_device, state, resolution, seq, created_at, server_id) " \
  "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, coalesce(?11, ?13), ?12)"

static gboolean
run_conflict (sqlite3         *db,
              ApplyJob        *job,
              ZbSyncConflict  *conflict,
              gint64           seq,
              const char      *sql,
              GError         **error)
{
  g_autofree char *kept = node_to_json (zb_sync_conflict_get_kept_value (conflict));
  g_autofree char *pushed = node_to_json (zb_sync_conflict_get_pushed_value (conflict));
  g_autofree char *resolution = node_to_json (zb_sync_conflict_get_resolution_value (conflict));
  g_autoptr(sqlite3_stmt) stmt = zb_sql_prepare (db, sql, error);
  const char *texts[] = {
    zb_sync_conflict_get_table (conflict), zb_sync_conflict_get_row_id (conflict),
    zb_sync_conflict_get_column (conflict), kept, zb_sync_conflict_get_kept_device (conflict),
    pushed, zb_sync_conflict_get_pushed_device (conflict), conflict_state (db, conflict),
    resolution,
  };

  if (stmt == NULL)
    return FALSE;
  for (guint i = 0; i < G_N_ELEMENTS (texts); i++)
    zb_sql_bind_text (stmt, i + 1, texts[i]);
  sqlite3_bind_int64 (stmt, 10, seq);
  zb_sql_bind_text (stmt, 11, zb_sync_conflict_get_created_at (conflict));
  zb_sql_bind_text (stmt, 12, zb_sync_conflict_get_id (conflict));
  if (sqlite3_bind_parameter_count (stmt) >= 13)
    zb_sql_bind_text (stmt, 13, job->now);

  return sqlite3_step (stmt) == SQLITE_DONE || zb_sql_fail (db, error);
}

/* Stored, or updated by its ID. A conflict this PC is resolving stays so
 * while its resolution waits in the outbox (PROTOCOL.md 6.5). */
static gboolean
apply_conflict (sqlite3       *db,
                ApplyJob      *job,
                ZbSyncChange  *change,
                GError       **error)
{
  ZbSyncConflict *conflict = zb_sync_change_get_conflict (change);
  gint64 seq = zb_sync_change_get_seq (change);

  if (!run_conflict (db, job, conflict, seq, CONFLICT_UPDATE, error))
    return FALSE;
  if (sqlite3_changes (db) == 0 &&
      !run_conflict (db, job, conflict, seq, CONFLICT_INSERT, error))
    return FALSE;

  job->stats.conflicts++;
  return TRUE;
}

static gboolean
apply_body (sqlite3   *db,
            gpointer   data,
            GError   **error)
{
  ApplyJob *job = data;

  if (!load_resync (db, job, error))
    return FALSE;

  for (guint i = 0; i < zb_sync_page_get_n_changes (job->page); i++)
    {
      ZbSyncChange *change = zb_sync_page_get_change (job->page, i);
      gboolean conflict = zb_sync_change_get_kind (change) == ZB_SYNC_CHANGE_CONFLICT;
      gboolean ok;

      /* Conflicts the PC held before its migration are as they were. */
      if (conflict && zb_sync_change_get_seq (change) <= job->resync_until)
        continue;
      ok = conflict ? apply_conflict (db, job, change, error)
                    : apply_row (db, job, change, i, error);

      if (!ok)
        {
          g_autofree char *seq = g_strdup_printf ("%" G_GINT64_FORMAT,
                                                  zb_sync_change_get_seq (change));

          /* TRANSLATORS: %s is the change's number in the server's sequence */
          g_prefix_error (error, _("Change %s from the server: "), seq);
          return FALSE;
        }
    }

  return finish_resync (db, job, error) &&
         (!job->meetings || zb_store_chain_record_heads_locked (db, job->device_id, error));
}

/* Applies @page with its checkpoint, in one transaction: on any error
 * nothing of it is kept and the checkpoint stays where it was. */
gboolean
zb_sync_apply_page (ZbStore           *store,
                    ZbSyncPage        *page,
                    ZbSyncApplyStats  *stats,
                    GError           **error)
{
  ApplyJob job = { page, zb_store_get_device_id (store), zb_store_now (), NULL, FALSE, { 0 } };
  gboolean ok;

  job.tables = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                      (GDestroyNotify) table_info_free);
  job.resync = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                      (GDestroyNotify) g_ptr_array_unref);
  ok = zb_store_apply_remote (store, zb_sync_page_get_checkpoint (page), apply_body, &job, error);
  g_hash_table_unref (job.tables);
  g_hash_table_unref (job.resync);
  g_free (job.now);

  if (ok && stats != NULL)
    *stats = job.stats;
  return ok;
}
