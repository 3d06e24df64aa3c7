#define G_LOG_DOMAIN "zb-server-db-sqlite"

#include "config.h"

#include <glib/gi18n.h>

#include "zb-server-db-sqlite.h"
#include "zb-store-private.h"

/* One connection, used by one thread at a time: the server runs its
 * requests one after another on this engine (PROTOCOL.md, section 7: one
 * writer gives sequence numbers in commit order). */
struct _ZbServerDbSqlite
{
  ZbServerDb  parent_instance;

  sqlite3    *db;
};

G_DEFINE_FINAL_TYPE (ZbServerDbSqlite, zb_server_db_sqlite, ZB_TYPE_SERVER_DB)

static gboolean
fail (sqlite3  *db,
      int       rc,
      GError  **error)
{
  int code = ZB_SERVER_DB_ERROR_FAILED;

  if ((rc & 0xff) == SQLITE_CONSTRAINT)
    code = ZB_SERVER_DB_ERROR_CONSTRAINT;
  else if ((rc & 0xff) == SQLITE_BUSY || (rc & 0xff) == SQLITE_LOCKED)
    code = ZB_SERVER_DB_ERROR_BUSY;

  g_set_error (error, ZB_SERVER_DB_ERROR, code, "SQLite: %s", sqlite3_errmsg (db));
  return FALSE;
}

static sqlite3_stmt *
prepare (ZbServerDbSqlite    *self,
         const char          *sql,
         const char * const  *params,
         guint                n_params,
         GError             **error)
{
  sqlite3_stmt *stmt = NULL;
  int rc = sqlite3_prepare_v2 (self->db, sql, -1, &stmt, NULL);

  if (rc != SQLITE_OK)
    {
      fail (self->db, rc, error);
      return NULL;
    }

  g_assert ((guint) sqlite3_bind_parameter_count (stmt) == n_params);
  for (guint i = 0; i < n_params; i++)
    if (params[i] != NULL)
      sqlite3_bind_text (stmt, i + 1, params[i], -1, SQLITE_TRANSIENT);

  return stmt;
}

static ZbServerResult *
zb_server_db_sqlite_query (ZbServerDb          *db,
                           const char          *sql,
                           const char * const  *params,
                           guint                n_params,
                           GError             **error)
{
  ZbServerDbSqlite *self = ZB_SERVER_DB_SQLITE (db);
  g_autoptr(sqlite3_stmt) stmt = prepare (self, sql, params, n_params, error);
  g_autoptr(ZbServerResult) result = NULL;
  g_autofree const char **values = NULL;
  guint n_columns;
  int rc;

  if (stmt == NULL)
    return NULL;

  n_columns = sqlite3_column_count (stmt);
  result = zb_server_result_new (n_columns);
  values = g_new0 (const char *, n_columns + 1);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      for (guint i = 0; i < n_columns; i++)
        values[i] = (const char *) sqlite3_column_text (stmt, i);
      zb_server_result_add_row (result, values);
    }

  if (rc != SQLITE_DONE)
    {
      fail (self->db, rc, error);
      return NULL;
    }
  return g_steal_pointer (&result);
}

static gboolean
zb_server_db_sqlite_exec (ZbServerDb          *db,
                          const char          *sql,
                          const char * const  *params,
                          guint                n_params,
                          guint64             *changes,
                          GError             **error)
{
  ZbServerDbSqlite *self = ZB_SERVER_DB_SQLITE (db);
  g_autoptr(sqlite3_stmt) stmt = prepare (self, sql, params, n_params, error);
  int rc;

  if (stmt == NULL)
    return FALSE;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    ;
  if (rc != SQLITE_DONE)
    return fail (self->db, rc, error);

  if (changes != NULL)
    *changes = sqlite3_changes (self->db);
  return TRUE;
}

static gboolean
zb_server_db_sqlite_script (ZbServerDb  *db,
                            const char  *sql,
                            GError     **error)
{
  ZbServerDbSqlite *self = ZB_SERVER_DB_SQLITE (db);
  int rc = sqlite3_exec (self->db, sql, NULL, NULL, NULL);

  return rc == SQLITE_OK || fail (self->db, rc, error);
}

/* The write lock at once, so that two requests never interleave. */
static gboolean
zb_server_db_sqlite_begin (ZbServerDb  *db,
                           GError     **error)
{
  return zb_server_db_exec (db, "BEGIN IMMEDIATE", NULL, 0, NULL, error);
}

static const char *
zb_server_db_sqlite_engine (ZbServerDb *db)
{
  return "sqlite";
}

static void
zb_server_db_sqlite_finalize (GObject *object)
{
  ZbServerDbSqlite *self = (ZbServerDbSqlite *)object;

  sqlite3_close (self->db);

  G_OBJECT_CLASS (zb_server_db_sqlite_parent_class)->finalize (object);
}

static void
zb_server_db_sqlite_class_init (ZbServerDbSqliteClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  ZbServerDbClass *db_class = ZB_SERVER_DB_CLASS (klass);

  object_class->finalize = zb_server_db_sqlite_finalize;
  db_class->query = zb_server_db_sqlite_query;
  db_class->exec = zb_server_db_sqlite_exec;
  db_class->script = zb_server_db_sqlite_script;
  db_class->begin = zb_server_db_sqlite_begin;
  db_class->engine = zb_server_db_sqlite_engine;
}

static void
zb_server_db_sqlite_init (ZbServerDbSqlite *self)
{
}

/* Opens, or creates, the keyed file at @path. */
ZbServerDb *
zb_server_db_sqlite_open (const char   *path,
                          const ZbKey  *key,
                          GError      **error)
{
  g_autoptr(ZbServerDbSqlite) self = g_object_new (ZB_TYPE_SERVER_DB_SQLITE, NULL);

  if ((self->db = zb_sql_open (path, key, TRUE, error)) == NULL)
    return NULL;

  return ZB_SERVER_DB (g_steal_pointer (&self));
}
