#define G_LOG_DOMAIN "zb-store-trust"

#include "config.h"

#include "zb-store-private.h"
#include "zb-store-sync.h"

/* What this PC trusts of each sync server it is enrolled with: the
 * committee's CA certificate (PEM, when the server's certificate is not one
 * the system trusts) and the fingerprint of the certificate the server
 * showed when the PC enrolled (its pin). They live beside the server's
 * other per-server state, the checkpoint, in this PC's database: in `meta`,
 * which never syncs, under `server_ca:URL` and `server_pin:URL`. No
 * migration: `meta` takes any key. Beside them, when the last round with the
 * server ended without a failure (`server_last_sync:URL`), which the 同步
 * section shows after a restart too. */

static const char *
key_prefix (ZbServerTrust what)
{
  switch (what)
    {
    case ZB_SERVER_TRUST_CA:
      return "server_ca:";
    case ZB_SERVER_TRUST_PIN:
      return "server_pin:";
    case ZB_SERVER_LAST_SYNC:
    default:
      return "server_last_sync:";
    }
}

/* The value kept for @server_url, or NULL (and no error) when none is. */
char *
zb_store_get_server_trust (ZbStore        *self,
                           const char     *server_url,
                           ZbServerTrust   what,
                           GError        **error)
{
  g_autofree char *key = g_strconcat (key_prefix (what), server_url, NULL);
  g_autoptr(sqlite3_stmt) stmt = NULL;
  sqlite3 *db = zb_store_begin_read (self);
  char *value = NULL;
  int rc = SQLITE_ERROR;

  stmt = zb_sql_prepare (db, "SELECT value FROM meta WHERE key = ?1", error);
  if (stmt != NULL)
    {
      zb_sql_bind_text (stmt, 1, key);
      if ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
        value = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
      else if (rc != SQLITE_DONE)
        zb_sql_fail (db, error);
    }
  g_clear_pointer (&stmt, sqlite3_finalize);
  zb_store_end_read (self, db);

  return value;
}

typedef struct
{
  const char *key;
  const char *value;
} TrustWrite;

static gboolean
set_trust_body (sqlite3   *db,
                gpointer   data,
                GError   **error)
{
  TrustWrite *write = data;
  const char *values[] = { write->key, write->value };

  if (write->value == NULL)
    return zb_sql_run (db, "DELETE FROM meta WHERE key = ?1", values, 1, error);

  return zb_sql_run (db, "INSERT OR REPLACE INTO meta (key, value) VALUES (?1, ?2)", values, 2,
                     error);
}

/* Keeps @value for @server_url; NULL forgets it. */
gboolean
zb_store_set_server_trust (ZbStore        *self,
                           const char     *server_url,
                           ZbServerTrust   what,
                           const char     *value,
                           GError        **error)
{
  g_autofree char *key = g_strconcat (key_prefix (what), server_url, NULL);
  TrustWrite write = { key, value };

  return zb_store_run_write (self, set_trust_body, &write, error);
}
