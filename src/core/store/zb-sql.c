#define G_LOG_DOMAIN "zb-sql"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "zb-error.h"
#include "zb-sql.h"

/* The SQL helpers every file of the store runs its statements through,
 * the migrations too: apart from zb-store.c, which opens the connections and
 * runs the migrations, so that the calls run one way. */

gboolean
zb_sql_fail (sqlite3  *db,
             GError  **error)
{
  const char *message = sqlite3_errmsg (db);

  /* A value refused by the limits' triggers: its message names the field. */
  if (g_str_has_prefix (message, ZB_LIMITS_MARK))
    {
      g_set_error_literal (error, ZB_MEMBER_ERROR, ZB_MEMBER_ERROR_INVALID,
                           message + strlen (ZB_LIMITS_MARK));
      return FALSE;
    }
  g_set_error (error, ZB_STORE_ERROR, ZB_STORE_ERROR_FAILED,
               _("Database error: %s"), sqlite3_errmsg (db));
  return FALSE;
}

gboolean
zb_sql_exec (sqlite3     *db,
             const char  *sql,
             GError     **error)
{
  if (sqlite3_exec (db, sql, NULL, NULL, NULL) != SQLITE_OK)
    return zb_sql_fail (db, error);

  return TRUE;
}

/* Whether the schema holds the table or index @name: a database from
 * before the migration step that made it has none. */
gboolean
zb_sql_has_object (sqlite3    *db,
                   const char *type,
                   const char *name)
{
  g_autoptr(sqlite3_stmt) stmt = zb_sql_prepare (db, "SELECT 1 FROM sqlite_master WHERE "
                                                     "type = ?1 AND name = ?2", NULL);

  if (stmt == NULL)
    return FALSE;
  zb_sql_bind_text (stmt, 1, type);
  zb_sql_bind_text (stmt, 2, name);
  return sqlite3_step (stmt) == SQLITE_ROW;
}

/* Steps a statement that returns no rows. */
gboolean
zb_sql_step_done (sqlite3       *db,
                  sqlite3_stmt  *stmt,
                  GError       **error)
{
  return sqlite3_step (stmt) == SQLITE_DONE || zb_sql_fail (db, error);
}

sqlite3_stmt *
zb_sql_prepare (sqlite3     *db,
                const char  *sql,
                GError     **error)
{
  sqlite3_stmt *stmt = NULL;

  if (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL) != SQLITE_OK)
    {
      zb_sql_fail (db, error);
      return NULL;
    }

  return stmt;
}

/* The rows of @sql, ?1 and ?2 bound to @arg1 and @arg2, each made into an
 * object of @type by @from_row: the shape of every list the store gives. */
GListModel *
zb_sql_list (sqlite3      *db,
             GType         type,
             const char   *sql,
             const char   *arg1,
             const char   *arg2,
             ZbRowFunc     from_row,
             GError      **error)
{
  g_autoptr(GListStore) list = g_list_store_new (type);
  g_autoptr(sqlite3_stmt) stmt = zb_sql_prepare (db, sql, error);
  int rc;

  if (stmt == NULL)
    return NULL;

  if (sqlite3_bind_parameter_count (stmt) >= 1)
    zb_sql_bind_text (stmt, 1, arg1);
  if (sqlite3_bind_parameter_count (stmt) >= 2)
    zb_sql_bind_text (stmt, 2, arg2);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      g_autoptr(GObject) item = from_row (stmt);
      g_list_store_append (list, item);
    }
  if (rc != SQLITE_DONE)
    {
      zb_sql_fail (db, error);
      return NULL;
    }

  return G_LIST_MODEL (g_steal_pointer (&list));
}

void
zb_sql_bind_text (sqlite3_stmt *stmt,
                  int           index,
                  const char   *text)
{
  if (text == NULL)
    sqlite3_bind_null (stmt, index);
  else
    sqlite3_bind_text (stmt, index, text, -1, SQLITE_TRANSIENT);
}

/* Prepares @sql, binds @n_values texts (NULL or blank as NULL) and runs it. */
gboolean
zb_sql_run (sqlite3            *db,
            const char         *sql,
            const char * const *values,
            guint               n_values,
            GError            **error)
{
  g_autoptr(sqlite3_stmt) stmt = zb_sql_prepare (db, sql, error);

  if (stmt == NULL)
    return FALSE;

  for (guint i = 0; i < n_values; i++)
    zb_sql_bind_text (stmt, i + 1, values[i] && *values[i] ? values[i] : NULL);

  return sqlite3_step (stmt) == SQLITE_DONE || zb_sql_fail (db, error);
}
