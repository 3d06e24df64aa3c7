#define G_LOG_DOMAIN "zb-server-db-pg"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>
#include <libpq-fe.h>

#include "zb-server-db-pg.h"

/* The OID of the built-in type boolean, fixed by PostgreSQL (pg_type.dat);
 * its header is only in the server's development package. */
#define BOOL_OID 16

/* A statement that waits longer than this for a lock or runs longer fails:
 * a server request must end, and the client retries. */
#define STATEMENT_TIMEOUT "60s"

/* One connection, used by one thread at a time, like the SQLite backend.
 * Several zhibu-server processes may share the database: a push locks its
 * branch's row first, which orders sequence numbers per branch. */
struct _ZbServerDbPg
{
  ZbServerDb  parent_instance;

  PGconn                  *conn;
  /* Before the statement last sent, to tell where a lost connection was. */
  PGTransactionStatusType  status_before;
  /* The connection was lost inside a transaction: nothing runs until the
   * next begin, which connects again. */
  gboolean                 lost_in_transaction;
};

G_DEFINE_FINAL_TYPE (ZbServerDbPg, zb_server_db_pg, ZB_TYPE_SERVER_DB)

static int
code_for_state (ZbServerDbPg *self,
                const char   *state)
{
  if (PQstatus (self->conn) != CONNECTION_OK || (state && g_str_has_prefix (state, "08")))
    return ZB_SERVER_DB_ERROR_OPEN;
  if (state == NULL)
    return ZB_SERVER_DB_ERROR_FAILED;
  if (g_str_has_prefix (state, "23"))
    return ZB_SERVER_DB_ERROR_CONSTRAINT;
  /* Serialisation failure, deadlock, lock_timeout: another writer. */
  if (strcmp (state, "40001") == 0 || strcmp (state, "40P01") == 0 ||
      strcmp (state, "55P03") == 0)
    return ZB_SERVER_DB_ERROR_BUSY;
  return ZB_SERVER_DB_ERROR_FAILED;
}

/* The primary message only: the detail of a constraint error quotes the
 * row's values, which may be a member's data, and errors reach the logs. */
static gboolean
fail (ZbServerDbPg    *self,
      const PGresult  *res,
      GError         **error)
{
  const char *state = res ? PQresultErrorField (res, PG_DIAG_SQLSTATE) : NULL;
  const char *primary = res ? PQresultErrorField (res, PG_DIAG_MESSAGE_PRIMARY) : NULL;
  g_autofree char *message = g_strdup (primary ? primary : PQerrorMessage (self->conn));
  int code = code_for_state (self, state);

  if (code == ZB_SERVER_DB_ERROR_OPEN && self->status_before != PQTRANS_IDLE)
    self->lost_in_transaction = TRUE;
  g_set_error (error, ZB_SERVER_DB_ERROR, code, "PostgreSQL: %s", g_strchomp (message));
  return FALSE;
}

static gboolean
fail_to_connect (ZbServerDbPg  *self,
                 GError       **error)
{
  g_autofree char *message = g_strchomp (g_strdup (PQerrorMessage (self->conn)));

  g_set_error (error, ZB_SERVER_DB_ERROR, ZB_SERVER_DB_ERROR_OPEN,
               _("Could not connect to PostgreSQL: %s"), message);
  return FALSE;
}

/* Sends @sql (several statements when @n_params is -1) and returns its
 * result, or NULL and an error. */
static PGresult *
send_sql (ZbServerDbPg        *self,
          const char          *sql,
          const char * const  *params,
          int                  n_params,
          GError             **error)
{
  PGresult *res;
  ExecStatusType status;

  self->status_before = PQtransactionStatus (self->conn);
  if (n_params < 0)
    res = PQexec (self->conn, sql);
  else
    res = PQexecParams (self->conn, sql, n_params, NULL, params, NULL, NULL, 0);

  status = PQresultStatus (res);
  if (status == PGRES_COMMAND_OK || status == PGRES_TUPLES_OK)
    return res;
  fail (self, res, error);
  PQclear (res);
  return NULL;
}

static gboolean
send_script (ZbServerDbPg  *self,
             const char    *sql,
             GError       **error)
{
  PGresult *res = send_sql (self, sql, NULL, -1, error);

  PQclear (res);
  return res != NULL;
}

/* `?` becomes $1, $2, ...; one inside a quoted literal or identifier, or in
 * a line comment, stays (an apostrophe there would flip the quoting). */
static char *
number_placeholders (const char *sql,
                     guint      *n_placeholders)
{
  GString *numbered = g_string_sized_new (strlen (sql) + 16);
  char quote = 0;

  *n_placeholders = 0;
  for (const char *p = sql; *p != '\0'; p++)
    {
      if (quote != 0 && *p == quote)
        quote = 0;
      else if (quote == 0 && (*p == '\'' || *p == '"'))
        quote = *p;
      else if (quote == 0 && p[0] == '-' && p[1] == '-')
        quote = '\n';
      else if (quote == 0 && *p == '?')
        {
          g_string_append_printf (numbered, "$%u", ++*n_placeholders);
          continue;
        }
      g_string_append_c (numbered, *p);
    }
  return g_string_free (numbered, FALSE);
}

static void
log_notice (void       *data,
            const char *message)
{
  g_debug ("%.*s", (int) strcspn (message, "\n"), message);
}

/* For every connection, made or made again. */
static gboolean
set_up_session (ZbServerDbPg  *self,
                GError       **error)
{
  PQsetNoticeProcessor (self->conn, log_notice, NULL);
  self->lost_in_transaction = FALSE;
  return send_script (self, "SET statement_timeout = '" STATEMENT_TIMEOUT "'", error);
}

/* A connection lost between transactions is made again at once; one lost
 * inside a transaction only by the next begin, so that the statements after
 * the loss fail rather than run outside the transaction they belonged to. */
static gboolean
ensure_connected (ZbServerDbPg  *self,
                  gboolean       beginning,
                  GError       **error)
{
  if (PQstatus (self->conn) == CONNECTION_OK)
    return TRUE;
  if (self->lost_in_transaction && !beginning)
    {
      g_set_error (error, ZB_SERVER_DB_ERROR, ZB_SERVER_DB_ERROR_OPEN,
                   _("The connection to PostgreSQL was lost during a transaction; "
                     "roll it back and begin again"));
      return FALSE;
    }

  PQreset (self->conn);
  if (PQstatus (self->conn) != CONNECTION_OK)
    return fail_to_connect (self, error);
  g_message ("Connected to PostgreSQL again");
  return set_up_session (self, error);
}

/* Every parameter is text of no stated type: PostgreSQL infers each one's
 * type from where it stands, as SQLite applies a column's affinity. */
static PGresult *
run (ZbServerDbPg        *self,
     const char          *sql,
     const char * const  *params,
     guint                n_params,
     GError             **error)
{
  g_autofree char *numbered = NULL;
  guint n_placeholders;

  if (!ensure_connected (self, FALSE, error))
    return NULL;

  numbered = number_placeholders (sql, &n_placeholders);
  if (n_placeholders != n_params)
    {
      g_set_error (error, ZB_SERVER_DB_ERROR, ZB_SERVER_DB_ERROR_FAILED,
                   "%u placeholders for %u parameters in: %s", n_placeholders, n_params, sql);
      return NULL;
    }

  return send_sql (self, numbered, params, n_params, error);
}

/* SQLite has no boolean: a comparison gives 1 or 0 there, t or f here. */
static const char *
read_value (const PGresult *res,
            int             row,
            int             column)
{
  const char *text;

  if (PQgetisnull (res, row, column))
    return NULL;
  text = PQgetvalue (res, row, column);
  if (PQftype (res, column) == BOOL_OID)
    return text[0] == 't' ? "1" : "0";
  return text;
}

static ZbServerResult *
read_result (const PGresult *res)
{
  int n_rows = PQntuples (res);
  int n_columns = PQnfields (res);
  ZbServerResult *result = zb_server_result_new (n_columns);
  g_autofree const char **values = g_new0 (const char *, n_columns + 1);

  for (int row = 0; row < n_rows; row++)
    {
      for (int column = 0; column < n_columns; column++)
        values[column] = read_value (res, row, column);
      zb_server_result_add_row (result, values);
    }
  return result;
}

static ZbServerResult *
zb_server_db_pg_query (ZbServerDb          *db,
                       const char          *sql,
                       const char * const  *params,
                       guint                n_params,
                       GError             **error)
{
  PGresult *res = run (ZB_SERVER_DB_PG (db), sql, params, n_params, error);
  ZbServerResult *result;

  if (res == NULL)
    return NULL;
  result = read_result (res);
  PQclear (res);
  return result;
}

static gboolean
zb_server_db_pg_exec (ZbServerDb          *db,
                      const char          *sql,
                      const char * const  *params,
                      guint                n_params,
                      guint64             *changes,
                      GError             **error)
{
  PGresult *res = run (ZB_SERVER_DB_PG (db), sql, params, n_params, error);

  if (res == NULL)
    return FALSE;
  /* An empty string for statements that change no rows. */
  if (changes != NULL)
    *changes = g_ascii_strtoull (PQcmdTuples (res), NULL, 10);
  PQclear (res);
  return TRUE;
}

static gboolean
zb_server_db_pg_script (ZbServerDb  *db,
                        const char  *sql,
                        GError     **error)
{
  ZbServerDbPg *self = ZB_SERVER_DB_PG (db);

  return ensure_connected (self, FALSE, error) && send_script (self, sql, error);
}

/* A connection lost since the last transaction is made again, and the
 * BEGIN tried once more, so that a restarted PostgreSQL costs no request. */
static gboolean
begin_with (ZbServerDbPg  *self,
            const char    *sql,
            GError       **error)
{
  ZbServerDb *db = ZB_SERVER_DB (self);
  g_autoptr(GError) local_error = NULL;

  if (!ensure_connected (self, TRUE, error))
    return FALSE;
  if (zb_server_db_exec (db, sql, NULL, 0, NULL, &local_error))
    return TRUE;
  if (!g_error_matches (local_error, ZB_SERVER_DB_ERROR, ZB_SERVER_DB_ERROR_OPEN) ||
      !ensure_connected (self, TRUE, NULL))
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  return zb_server_db_exec (db, sql, NULL, 0, NULL, error);
}

/* Plain BEGIN, READ COMMITTED: the branch row's lock orders the writers. */
static gboolean
zb_server_db_pg_begin (ZbServerDb  *db,
                       GError     **error)
{
  return begin_with (ZB_SERVER_DB_PG (db), "BEGIN", error);
}

/* A page of the feed reads rows and conflicts: both from one snapshot, or
 * a push committed in between could show its conflict without its row. */
static gboolean
zb_server_db_pg_begin_read (ZbServerDb  *db,
                            GError     **error)
{
  return begin_with (ZB_SERVER_DB_PG (db), "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY",
                     error);
}

/* COMMIT after a failed statement rolls back and reports success; SQLite
 * would have committed the rest. Neither is what the caller meant: say so.
 * (A statement that may fail belongs under a savepoint.) */
static gboolean
zb_server_db_pg_commit (ZbServerDb  *db,
                        GError     **error)
{
  ZbServerDbPg *self = ZB_SERVER_DB_PG (db);

  if (PQstatus (self->conn) == CONNECTION_OK &&
      PQtransactionStatus (self->conn) == PQTRANS_INERROR)
    {
      zb_server_db_rollback (db);
      g_set_error (error, ZB_SERVER_DB_ERROR, ZB_SERVER_DB_ERROR_FAILED,
                   _("A statement of the transaction failed; it was rolled back"));
      return FALSE;
    }
  return zb_server_db_exec (db, "COMMIT", NULL, 0, NULL, error);
}

static const char *
zb_server_db_pg_engine (ZbServerDb *db)
{
  return "postgres";
}

static void
zb_server_db_pg_finalize (GObject *object)
{
  ZbServerDbPg *self = (ZbServerDbPg *)object;

  g_clear_pointer (&self->conn, PQfinish);

  G_OBJECT_CLASS (zb_server_db_pg_parent_class)->finalize (object);
}

static void
zb_server_db_pg_class_init (ZbServerDbPgClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  ZbServerDbClass *db_class = ZB_SERVER_DB_CLASS (klass);

  object_class->finalize = zb_server_db_pg_finalize;
  db_class->query = zb_server_db_pg_query;
  db_class->exec = zb_server_db_pg_exec;
  db_class->script = zb_server_db_pg_script;
  db_class->begin = zb_server_db_pg_begin;
  db_class->begin_read = zb_server_db_pg_begin_read;
  db_class->commit = zb_server_db_pg_commit;
  db_class->engine = zb_server_db_pg_engine;
}

static void
zb_server_db_pg_init (ZbServerDbPg *self)
{
}

/* Connects with @conninfo, libpq's "key=value ..." or postgresql:// URI.
 * Text travels as UTF-8 whatever the conninfo or the environment says. */
ZbServerDb *
zb_server_db_pg_open (const char  *conninfo,
                      GError     **error)
{
  static const char * const keywords[] = {
    "fallback_application_name", "dbname", "client_encoding", NULL
  };
  const char * const values[] = { "zhibu-server", conninfo, "UTF8", NULL };
  g_autoptr(ZbServerDbPg) self = g_object_new (ZB_TYPE_SERVER_DB_PG, NULL);

  /* Entries after dbname override what its conninfo says. */
  self->conn = PQconnectdbParams (keywords, values, TRUE);
  if (PQstatus (self->conn) != CONNECTION_OK)
    {
      fail_to_connect (self, error);
      return NULL;
    }
  if (!set_up_session (self, error))
    return NULL;

  return ZB_SERVER_DB (g_steal_pointer (&self));
}
