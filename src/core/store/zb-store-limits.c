#define G_LOG_DOMAIN "zb-store-limits"

#include "config.h"

#include "zb-date.h"
#include "zb-limits.h"
#include "zb-store-private.h"
#include "zb-sync-schema.h"

/* The limits of zb-limits.c hold for every write of this program, whichever
 * of the store's functions makes it: temporary triggers on the write
 * connection call zb_limits() before a row is inserted or changed. They are
 * this connection's alone, so the sqlcipher shell and other programs write
 * as before (the checker flags what they leave), and a pulled page, applied
 * with sync_state.applying set, is stored as the server sent it. An update
 * checks only the columns it changes: a value an older Zhibu stored never
 * blocks an edit of another field. */

/* zb_limits(table, column, value, column, value, ...): an error naming the
 * first value that breaks its column's limits. */
static void
limits_func (sqlite3_context  *context,
             int               argc,
             sqlite3_value   **argv)
{
  const char *table = (const char *) sqlite3_value_text (argv[0]);
  GDate today;

  zb_date_set_today (&today);
  for (int i = 1; i + 1 < argc; i += 2)
    {
      const char *column = (const char *) sqlite3_value_text (argv[i]);
      const ZbColumnLimit *limit = zb_limits_lookup (table, column);
      g_autofree char *issue = NULL;
      g_autofree char *described = NULL;
      g_autofree char *message = NULL;

      if (limit == NULL || sqlite3_value_type (argv[i + 1]) == SQLITE_NULL)
        continue;
      if (sqlite3_value_type (argv[i + 1]) == SQLITE_INTEGER)
        {
          g_autoptr(JsonNode) node = json_node_init_int (json_node_alloc (),
                                                         sqlite3_value_int64 (argv[i + 1]));
          issue = zb_limits_check_node (limit, node, &today);
        }
      else
        issue = zb_limits_check_text (limit, (const char *) sqlite3_value_text (argv[i + 1]),
                                      &today);
      if (issue == NULL)
        continue;

      described = zb_limits_describe (limit, issue);
      message = g_strconcat (ZB_LIMITS_MARK, described, NULL);
      sqlite3_result_error (context, message, -1);
      return;
    }
  sqlite3_result_null (context);
}

static GPtrArray *
list_columns (sqlite3    *db,
              const char *table)
{
  g_autofree char *sql = g_strdup_printf ("PRAGMA main.table_info(%s)", table);
  g_autoptr(sqlite3_stmt) stmt = zb_sql_prepare (db, sql, NULL);
  GPtrArray *columns = g_ptr_array_new_with_free_func (g_free);

  while (stmt != NULL && sqlite3_step (stmt) == SQLITE_ROW)
    {
      const char *column = (const char *) sqlite3_column_text (stmt, 1);

      if (zb_limits_lookup (table, column) != NULL)
        g_ptr_array_add (columns, g_strdup (column));
    }
  return columns;
}

static char *
trigger_sql (const char *table,
             GPtrArray  *columns,
             gboolean    update,
             gboolean    synced)
{
  GString *sql = g_string_new (NULL);

  g_string_append_printf (sql, "CREATE TEMP TRIGGER zb_limits_%s_%s BEFORE %s ON main.%s ",
                          table, update ? "update" : "insert", update ? "UPDATE" : "INSERT",
                          table);
  if (synced)
    g_string_append (sql, "WHEN (SELECT applying FROM main.sync_state) = 0 ");
  g_string_append_printf (sql, "BEGIN SELECT zb_limits('%s'", table);
  for (guint i = 0; i < columns->len; i++)
    {
      const char *c = g_ptr_array_index (columns, i);

      if (update)
        g_string_append_printf (sql, ", '%s', CASE WHEN NEW.%s IS NOT OLD.%s THEN NEW.%s END",
                                c, c, c, c);
      else
        g_string_append_printf (sql, ", '%s', NEW.%s", c, c);
    }
  g_string_append (sql, "); END;");
  return g_string_free (sql, FALSE);
}

static gboolean
has_table (sqlite3    *db,
           const char *table)
{
  g_autofree char *sql = g_strdup_printf ("SELECT 1 FROM main.%s LIMIT 0", table);
  g_autoptr(sqlite3_stmt) stmt = NULL;

  return sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL) == SQLITE_OK;
}

/* Once the schema is current: the triggers name the columns it has. */
gboolean
zb_store_guard_limits (sqlite3  *db,
                       GError  **error)
{
  guint n_tables;
  const ZbSyncTable *tables = zb_sync_schema_tables (&n_tables);
  gboolean synced = has_table (db, "sync_state");

  if (sqlite3_create_function (db, "zb_limits", -1, SQLITE_UTF8, NULL, limits_func, NULL,
                               NULL) != SQLITE_OK)
    return zb_sql_fail (db, error);

  for (guint i = 0; i < n_tables; i++)
    {
      g_autoptr(GPtrArray) columns = list_columns (db, tables[i].name);
      g_autofree char *insert = NULL, *update = NULL;

      if (columns->len == 0)
        continue;
      insert = trigger_sql (tables[i].name, columns, FALSE, synced);
      update = trigger_sql (tables[i].name, columns, TRUE, synced);
      if (!zb_sql_exec (db, insert, error) || !zb_sql_exec (db, update, error))
        return FALSE;
    }
  return TRUE;
}
