#define G_LOG_DOMAIN "zb-server-schema"

#include "config.h"

#include <glib/gi18n.h>

#include "zb-server-schema.h"

/* Forward steps only, in the SQL both engines run. Rows of the branches are
 * kept as the canonical JSON of their fields, whatever their table: the
 * server checks them against the client's column lists (zb-sync-schema.c),
 * and PROTOCOL.md says what it does with them. */
static const char *steps[] = {
  /* 1 */
  "CREATE TABLE server_meta ("
  "  key TEXT PRIMARY KEY NOT NULL,"
  "  value TEXT NOT NULL);"
  /* seq is the branch's server sequence; the chain is the server's own,
   * in the order finalised records arrive (PROTOCOL.md, section 8). */
  "CREATE TABLE branches ("
  "  id TEXT PRIMARY KEY NOT NULL,"
  "  name TEXT NOT NULL UNIQUE,"
  "  seq BIGINT NOT NULL DEFAULT 0,"
  "  chain_length BIGINT NOT NULL DEFAULT 0,"
  "  chain_head TEXT,"
  "  created_at TEXT NOT NULL);"
  "CREATE TABLE enrolment_codes ("
  "  code_hash TEXT PRIMARY KEY NOT NULL,"
  "  branch_id TEXT NOT NULL REFERENCES branches (id),"
  "  expires_at TEXT NOT NULL,"
  "  used_at TEXT,"
  "  created_at TEXT NOT NULL);"
  /* chain_head: the hash of the device's last finalised record accepted. */
  "CREATE TABLE devices ("
  "  id TEXT PRIMARY KEY NOT NULL,"
  "  branch_id TEXT NOT NULL REFERENCES branches (id),"
  "  name TEXT,"
  "  token_hash TEXT UNIQUE,"
  "  chain_head TEXT,"
  "  enrolled_at TEXT NOT NULL);"
  /* One row per synced row: its fields, its revision (= seq), the op of its
   * latest change and whether that op was applied as sent (the feed's echo),
   * a natural key that must be unique among live rows, and the row it
   * belongs to (a meeting's attendees, an item's votes...), which a
   * finalised record's hash covers. */
  "CREATE TABLE sync_rows ("
  "  branch_id TEXT NOT NULL REFERENCES branches (id),"
  "  table_name TEXT NOT NULL,"
  "  row_id TEXT NOT NULL,"
  "  fields TEXT NOT NULL,"
  "  deleted INTEGER NOT NULL DEFAULT 0,"
  "  seq BIGINT NOT NULL,"
  "  origin_device TEXT,"
  "  origin_op BIGINT,"
  "  echo INTEGER NOT NULL DEFAULT 0,"
  "  natural_key TEXT,"
  "  parent_id TEXT,"
  "  changed_at TEXT NOT NULL,"
  "  PRIMARY KEY (branch_id, table_name, row_id));"
  "CREATE INDEX sync_rows_feed ON sync_rows (branch_id, seq);"
  "CREATE INDEX sync_rows_id ON sync_rows (table_name, row_id);"
  "CREATE INDEX sync_rows_parent ON sync_rows (branch_id, parent_id);"
  "CREATE UNIQUE INDEX sync_rows_natural ON sync_rows (branch_id, table_name, natural_key) "
  "  WHERE deleted = 0 AND natural_key IS NOT NULL;"
  /* The last change of every column: who and at which sequence number. */
  "CREATE TABLE sync_columns ("
  "  branch_id TEXT NOT NULL,"
  "  table_name TEXT NOT NULL,"
  "  row_id TEXT NOT NULL,"
  "  column_name TEXT NOT NULL,"
  "  seq BIGINT NOT NULL,"
  "  device_id TEXT,"
  "  PRIMARY KEY (branch_id, table_name, row_id, column_name));"
  /* Values as JSON text, so that null, 0 and \"0\" stay apart. */
  "CREATE TABLE sync_conflicts ("
  "  id TEXT PRIMARY KEY NOT NULL,"
  "  branch_id TEXT NOT NULL REFERENCES branches (id),"
  "  table_name TEXT NOT NULL,"
  "  row_id TEXT NOT NULL,"
  "  column_name TEXT NOT NULL,"
  "  state TEXT NOT NULL CHECK (state IN ('open', 'resolved')),"
  "  kept_value TEXT,"
  "  kept_device TEXT,"
  "  kept_revision BIGINT,"
  "  pushed_value TEXT,"
  "  pushed_device TEXT NOT NULL,"
  "  pushed_op BIGINT NOT NULL,"
  "  pushed_base BIGINT NOT NULL,"
  "  resolution_value TEXT,"
  "  resolution_device TEXT,"
  "  resolution_op BIGINT,"
  "  resolution_revision BIGINT,"
  "  seq BIGINT NOT NULL,"
  "  created_at TEXT NOT NULL);"
  "CREATE INDEX sync_conflicts_feed ON sync_conflicts (branch_id, seq);"
  "CREATE INDEX sync_conflicts_row ON sync_conflicts (branch_id, table_name, row_id);"
  /* Every op processed, for ever (PROTOCOL.md 6.3): identity and result. */
  "CREATE TABLE sync_ops ("
  "  device_id TEXT NOT NULL,"
  "  op_id BIGINT NOT NULL,"
  "  identity TEXT NOT NULL,"
  "  result TEXT NOT NULL,"
  "  PRIMARY KEY (device_id, op_id));"
  "CREATE TABLE finalised_chain ("
  "  branch_id TEXT NOT NULL REFERENCES branches (id),"
  "  position BIGINT NOT NULL,"
  "  meeting_id TEXT NOT NULL,"
  "  device_id TEXT NOT NULL,"
  "  device_hash TEXT NOT NULL,"
  "  hash TEXT NOT NULL,"
  "  received_at TEXT NOT NULL,"
  "  PRIMARY KEY (branch_id, position));",
  /* 2: every use of an enrolment code is kept, with the device ID it was
   * tried for and what came of it, refused or not; a device the
   * administrator reset holds no token and may enrol again. */
  "ALTER TABLE enrolment_codes ADD COLUMN used_by TEXT;"
  "ALTER TABLE enrolment_codes ADD COLUMN outcome TEXT;"
  "ALTER TABLE devices ADD COLUMN reset_at TEXT;",
  /* 3: the higher committee's accounts for the web pages (README.md beside
   * this file). Times are Unix seconds, compared as numbers on both
   * engines; failures and locks live here, not in a process, so that every
   * server process counts the same tries (DOMAIN.md section 6). Sessions
   * keep the hash of their cookie's token, never the token. */
  "CREATE TABLE committee_accounts ("
  "  name TEXT PRIMARY KEY NOT NULL,"
  "  hash TEXT NOT NULL,"
  "  failures BIGINT NOT NULL DEFAULT 0,"
  "  locked_until BIGINT,"
  "  created_at TEXT NOT NULL);"
  "CREATE TABLE account_branches ("
  "  account TEXT NOT NULL REFERENCES committee_accounts (name),"
  "  branch TEXT NOT NULL REFERENCES branches (id),"
  "  PRIMARY KEY (account, branch));"
  "CREATE TABLE web_sessions ("
  "  token_hash TEXT PRIMARY KEY NOT NULL,"
  "  account TEXT NOT NULL REFERENCES committee_accounts (name),"
  "  created BIGINT NOT NULL,"
  "  expires BIGINT NOT NULL,"
  "  csrf_token TEXT NOT NULL);"
  "CREATE INDEX web_sessions_account ON web_sessions (account);"
  "CREATE INDEX web_sessions_expires ON web_sessions (expires);",
  /* 4: the committee's review of finalised records (DOMAIN.md section 6),
   * rows only the server writes: every decision is kept, and the latest of
   * a record (the largest seq, the branch's sequence number at which it was
   * published to the branch's feed as a row of meeting_reviews) stands.
   * Never columns of the meeting's row, which its hash covers. chain_breaks
   * keeps each finalised record the server refused as chain_broken, so
   * that the branch's page can flag the break (README.md beside this
   * file). Times are Unix seconds, as in step 3. The account is a name,
   * not a reference: a decision keeps who made it after the account is
   * removed, as a signature does. */
  "CREATE TABLE record_reviews ("
  "  id TEXT PRIMARY KEY NOT NULL,"
  "  branch_id TEXT NOT NULL REFERENCES branches (id),"
  "  meeting_id TEXT NOT NULL,"
  "  decision TEXT NOT NULL CHECK (decision IN ('approved', 'returned')),"
  "  comment TEXT,"
  "  account TEXT NOT NULL,"
  "  decided_at BIGINT NOT NULL,"
  "  seq BIGINT NOT NULL,"
  "  CHECK (decision = 'approved' OR comment IS NOT NULL));"
  "CREATE INDEX record_reviews_meeting ON record_reviews (branch_id, meeting_id, seq);"
  "CREATE TABLE chain_breaks ("
  "  branch_id TEXT NOT NULL REFERENCES branches (id),"
  "  meeting_id TEXT NOT NULL,"
  "  device_id TEXT NOT NULL,"
  "  reason TEXT NOT NULL,"
  "  found_at BIGINT NOT NULL);"
  "CREATE INDEX chain_breaks_branch ON chain_breaks (branch_id, found_at);",
};

guint
zb_server_schema_latest (void)
{
  return G_N_ELEMENTS (steps);
}

static gboolean
read_version (ZbServerDb  *db,
              guint       *version,
              GError     **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autofree char *value = zb_server_db_query_value (db, "SELECT value FROM server_meta "
                                                         "WHERE key = 'schema_version'",
                                                     NULL, 0, &local_error);

  /* No server_meta yet: a new database. */
  *version = value ? g_ascii_strtoull (value, NULL, 10) : 0;
  return TRUE;
}

static gboolean
run_step (ZbServerDb  *db,
          guint        version,
          GError     **error)
{
  g_autofree char *number = g_strdup_printf ("%u", version);

  if (!zb_server_db_begin (db, error))
    return FALSE;
  if (!zb_server_db_script (db, steps[version - 1], error) ||
      !zb_server_db_exec (db, "DELETE FROM server_meta WHERE key = 'schema_version'", NULL, 0,
                          NULL, error) ||
      !zb_server_db_exec (db, "INSERT INTO server_meta (key, value) "
                              "VALUES ('schema_version', ?)", ZB_PARAMS (number), NULL, error))
    {
      zb_server_db_rollback (db);
      g_prefix_error (error, _("Could not upgrade the server's database to version %u: "),
                      version);
      return FALSE;
    }

  return zb_server_db_commit (db, error);
}

/* Brings the database to the latest version; one from a newer server is
 * refused, untouched. */
gboolean
zb_server_schema_upgrade (ZbServerDb  *db,
                          GError     **error)
{
  return zb_server_schema_upgrade_to (db, G_N_ELEMENTS (steps), error);
}

/* Up to @version only: the tests of each step start from the one before. */
gboolean
zb_server_schema_upgrade_to (ZbServerDb  *db,
                             guint        version,
                             GError     **error)
{
  guint current = 0;

  g_return_val_if_fail (version <= G_N_ELEMENTS (steps), FALSE);

  if (!read_version (db, &current, error))
    return FALSE;
  if (current > G_N_ELEMENTS (steps))
    {
      g_set_error (error, ZB_SERVER_DB_ERROR, ZB_SERVER_DB_ERROR_FAILED,
                   _("The server's database was written by a newer zhibu-server (schema %u); "
                     "update zhibu-server"), current);
      return FALSE;
    }

  for (guint v = current + 1; v <= version; v++)
    if (!run_step (db, v, error))
      return FALSE;
  return TRUE;
}
