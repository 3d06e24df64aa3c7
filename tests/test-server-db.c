#define G_LOG_DOMAIN "test-server-db"

#include "config.h"

#include <locale.h>

#include "zb-server-db-pg.h"
#include "zb-server-schema.h"
#include "zb-test-engine.h"
#include "zb-test-util.h"

/* The server's database, through the engine-neutral calls its logic uses.
 * Each test runs on every engine the machine has: /server-db/sqlite/...
 * always, /server-db/postgres/... under tests/run-with-postgres.sh. */

typedef struct
{
  ZbTestServerPlace *place;
  ZbServerDb        *db;
} Fixture;

static ZbServerDb *
open_db (Fixture *f)
{
  g_autoptr(GError) error = NULL;
  ZbServerDb *db = zb_test_server_place_open (f->place, &error);

  g_assert_no_error (error);
  return db;
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  engine)
{
  g_autoptr(GError) error = NULL;

  f->place = zb_test_server_place_new (engine);
  f->db = open_db (f);
  g_assert_cmpstr (zb_server_db_engine (f->db), ==, engine);
  g_assert_true (zb_server_schema_upgrade (f->db, &error));
  g_assert_no_error (error);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  engine)
{
  g_assert_finalize_object (f->db);
  zb_test_server_place_free (f->place);
}

static void
add_branch (ZbServerDb *db,
            const char *id,
            const char *name)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (zb_server_db_exec (db, "INSERT INTO branches (id, name, created_at) "
                                        "VALUES (?, ?, '2026-11-22T00:00:00Z')",
                                    ZB_PARAMS (id, name), NULL, &error));
  g_assert_no_error (error);
}

static char *
query_value (ZbServerDb         *db,
             const char         *sql,
             const char * const *params,
             guint               n_params)
{
  g_autoptr(GError) error = NULL;
  char *value = zb_server_db_query_value (db, sql, params, n_params, &error);

  g_assert_no_error (error);
  return value;
}

static gint64
count_branches (ZbServerDb *db)
{
  g_autofree char *count = query_value (db, "SELECT count(*) FROM branches", NULL, 0);

  return g_ascii_strtoll (count, NULL, 10);
}

/* Text and NULL come back as they went in; counts as text. */
static void
test_round_trip (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(ZbServerResult) result = NULL;
  g_autoptr(GError) error = NULL;
  guint64 changes = 0;

  add_branch (f->db, "b1", "第一党支部");
  add_branch (f->db, "b2", "第二党支部");
  g_assert_true (zb_server_db_exec (f->db, "UPDATE branches SET chain_head = ?, seq = seq + 5 "
                                           "WHERE id = ?", ZB_PARAMS (NULL, "b1"), &changes,
                                    &error));
  g_assert_cmpuint (changes, ==, 1);
  g_assert_true (zb_server_db_exec (f->db, "UPDATE branches SET seq = seq + 1", NULL, 0,
                                    &changes, &error));
  g_assert_cmpuint (changes, ==, 2);

  result = zb_server_db_query (f->db, "SELECT name, chain_head, seq FROM branches WHERE id = ?",
                               ZB_PARAMS ("b1"), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (zb_server_result_n_rows (result), ==, 1);
  g_assert_cmpuint (zb_server_result_n_columns (result), ==, 3);
  g_assert_cmpstr (zb_server_result_get (result, 0, 0), ==, "第一党支部");
  g_assert_null (zb_server_result_get (result, 0, 1));
  g_assert_cmpint (zb_server_result_get_int (result, 0, 2), ==, 6);
}

/* `?` is a parameter only outside quotes and comments, on both engines
 * (the PostgreSQL backend numbers them itself). */
static void
test_placeholders (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(ZbServerResult) result = NULL;
  g_autoptr(GError) error = NULL;

  result = zb_server_db_query (f->db, "SELECT '?', ?, 'it''s ?' AS \"why?\", ? -- it's ?\n",
                               ZB_PARAMS ("a", "b"), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (zb_server_result_n_columns (result), ==, 4);
  g_assert_cmpstr (zb_server_result_get (result, 0, 0), ==, "?");
  g_assert_cmpstr (zb_server_result_get (result, 0, 1), ==, "a");
  g_assert_cmpstr (zb_server_result_get (result, 0, 2), ==, "it's ?");
  g_assert_cmpstr (zb_server_result_get (result, 0, 3), ==, "b");
}

/* A NULL parameter is SQL NULL: equal to nothing, and read back as NULL. */
static void
test_null_params (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(ZbServerResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *count = NULL;
  g_autofree char *head = NULL;

  add_branch (f->db, "b1", "第一党支部");
  count = query_value (f->db, "SELECT count(*) FROM branches WHERE chain_head = ?",
                       ZB_PARAMS (NULL));
  g_assert_cmpstr (count, ==, "0");
  g_clear_pointer (&count, g_free);
  count = query_value (f->db, "SELECT count(*) FROM branches WHERE chain_head IS NULL", NULL, 0);
  g_assert_cmpstr (count, ==, "1");

  head = query_value (f->db, "SELECT COALESCE(chain_head, ?) FROM branches", ZB_PARAMS ("none"));
  g_assert_cmpstr (head, ==, "none");

  result = zb_server_db_query (f->db, "SELECT ?, ?", ZB_PARAMS (NULL, ""), &error);
  g_assert_no_error (error);
  g_assert_null (zb_server_result_get (result, 0, 0));
  g_assert_cmpstr (zb_server_result_get (result, 0, 1), ==, "");
}

/* Text parameters against integer columns compare as numbers on both (a
 * column's affinity in SQLite, the inferred bigint in PostgreSQL): 10 > 9,
 * where as text "10" < "9". An expression has no affinity in SQLite, so
 * there the parameter is cast; booleans read as 1 and 0 on both. */
static void
test_integers (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(ZbServerResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *count = NULL;
  g_autofree char *value = NULL;

  add_branch (f->db, "b1", "第一党支部");
  add_branch (f->db, "b2", "第二党支部");
  g_assert_true (zb_server_db_exec (f->db, "UPDATE branches SET seq = ? WHERE id = ?",
                                    ZB_PARAMS ("10", "b1"), NULL, &error));
  g_assert_no_error (error);

  count = query_value (f->db, "SELECT count(*) FROM branches WHERE seq > ?", ZB_PARAMS ("9"));
  g_assert_cmpstr (count, ==, "1");
  g_clear_pointer (&count, g_free);
  count = query_value (f->db, "SELECT count(*) FROM branches WHERE seq + 0 > CAST(? AS BIGINT)",
                       ZB_PARAMS ("9"));
  g_assert_cmpstr (count, ==, "1");

  result = zb_server_db_query (f->db, "SELECT seq > ?, seq + ? FROM branches "
                                      "ORDER BY seq DESC LIMIT ?",
                               ZB_PARAMS ("9", "5", "1"), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (zb_server_result_n_rows (result), ==, 1);
  g_assert_cmpstr (zb_server_result_get (result, 0, 0), ==, "1");
  g_assert_cmpint (zb_server_result_get_int (result, 0, 1), ==, 15);

  /* Past a double's 53 bits, exactly. */
  g_assert_true (zb_server_db_exec (f->db, "UPDATE branches SET seq = ? WHERE id = ?",
                                    ZB_PARAMS ("9007199254740993", "b2"), NULL, &error));
  value = query_value (f->db, "SELECT max(seq) FROM branches", NULL, 0);
  g_assert_cmpstr (value, ==, "9007199254740993");
}

static void
assert_constraint (ZbServerDb         *db,
                   const char         *sql,
                   const char * const *params,
                   guint               n_params)
{
  g_autoptr(GError) error = NULL;

  g_assert_false (zb_server_db_exec (db, sql, params, n_params, NULL, &error));
  g_assert_error (error, ZB_SERVER_DB_ERROR, ZB_SERVER_DB_ERROR_CONSTRAINT);
}

/* UNIQUE, NOT NULL, CHECK and foreign keys are told apart from other
 * failures, such as a mistake in the SQL. */
static void
test_constraint (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  add_branch (f->db, "b1", "第一党支部");
  assert_constraint (f->db, "INSERT INTO branches (id, name, created_at) VALUES ('b2', ?, 'x')",
                     ZB_PARAMS ("第一党支部"));
  assert_constraint (f->db, "INSERT INTO branches (id, name, created_at) VALUES ('b2', ?, 'x')",
                     ZB_PARAMS (NULL));
  assert_constraint (f->db, "INSERT INTO enrolment_codes (code_hash, branch_id, expires_at, "
                            "created_at) VALUES ('h', ?, 'x', 'x')", ZB_PARAMS ("nobody"));
  assert_constraint (f->db, "INSERT INTO sync_conflicts (id, branch_id, table_name, row_id, "
                            "column_name, state, pushed_device, pushed_op, pushed_base, seq, "
                            "created_at) VALUES ('c', 'b1', 't', 'r', 'c', ?, 'd', 1, 1, 1, 'x')",
                     ZB_PARAMS ("closed"));

  g_assert_false (zb_server_db_exec (f->db, "INSERT INTO nowhere VALUES (?)", ZB_PARAMS ("1"),
                                     NULL, &error));
  g_assert_error (error, ZB_SERVER_DB_ERROR, ZB_SERVER_DB_ERROR_FAILED);
  g_assert_cmpint (count_branches (f->db), ==, 1);
}

/* An op's savepoint rolls back alone; the rest of the transaction commits. */
static void
test_savepoint (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *count = NULL;

  g_assert_true (zb_server_db_begin (f->db, &error));
  add_branch (f->db, "b1", "第一党支部");
  g_assert_true (zb_server_db_savepoint (f->db, "op", &error));
  add_branch (f->db, "b2", "第二党支部");
  zb_server_db_rollback_to (f->db, "op");
  add_branch (f->db, "b3", "第三党支部");
  g_assert_true (zb_server_db_commit (f->db, &error));
  g_assert_no_error (error);

  count = query_value (f->db, "SELECT count(*) FROM branches WHERE id = ?", ZB_PARAMS ("b2"));
  g_assert_cmpstr (count, ==, "0");
  g_assert_cmpint (count_branches (f->db), ==, 2);
}

/* The portable way through a statement that may fail inside a transaction:
 * under a savepoint, rolled back to it (PostgreSQL aborts the whole
 * transaction otherwise). */
static void
test_failure_in_savepoint (Fixture       *f,
                           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (zb_server_db_begin (f->db, &error));
  add_branch (f->db, "b1", "第一党支部");
  g_assert_true (zb_server_db_savepoint (f->db, "op", &error));
  assert_constraint (f->db, "INSERT INTO branches (id, name, created_at) VALUES ('b2', ?, 'x')",
                     ZB_PARAMS ("第一党支部"));
  zb_server_db_rollback_to (f->db, "op");
  add_branch (f->db, "b3", "第三党支部");
  g_assert_true (zb_server_db_commit (f->db, &error));
  g_assert_no_error (error);

  g_assert_cmpint (count_branches (f->db), ==, 2);
}

/* The upgrade runs once; a second, here or from another connection, is a
 * no-op; a database from a newer server is refused and left as it is. */
static void
test_schema (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(ZbServerDb) other = open_db (f);
  g_autoptr(GError) error = NULL;
  g_autofree char *version = NULL;
  g_autofree char *expected = g_strdup_printf ("%u", zb_server_schema_latest ());
  g_autofree char *newer = g_strdup_printf ("%u", zb_server_schema_latest () + 1);
  g_autofree char *count = NULL;

  add_branch (f->db, "b1", "第一党支部");
  g_assert_true (zb_server_schema_upgrade (f->db, &error));
  g_assert_true (zb_server_schema_upgrade (other, &error));
  g_assert_no_error (error);
  version = query_value (f->db, "SELECT value FROM server_meta WHERE key = 'schema_version'",
                         NULL, 0);
  g_assert_cmpstr (version, ==, expected);
  count = query_value (f->db, "SELECT count(*) FROM server_meta", NULL, 0);
  g_assert_cmpstr (count, ==, "1");
  g_assert_cmpint (count_branches (f->db), ==, 1);

  g_assert_true (zb_server_db_exec (f->db, "UPDATE server_meta SET value = ? "
                                           "WHERE key = 'schema_version'", ZB_PARAMS (newer),
                                    NULL, &error));
  g_assert_false (zb_server_schema_upgrade (other, &error));
  g_assert_error (error, ZB_SERVER_DB_ERROR, ZB_SERVER_DB_ERROR_FAILED);
  g_clear_pointer (&version, g_free);
  version = query_value (f->db, "SELECT value FROM server_meta WHERE key = 'schema_version'",
                         NULL, 0);
  g_assert_cmpstr (version, ==, newer);
}

/* Step 2 keeps every device and code of step 1: a device enrolled before
 * holds its token, an unused code stays usable, and the new columns start
 * empty. */
static void
test_schema_step_2 (Fixture       *f,
                    gconstpointer  engine)
{
  ZbTestServerPlace *place = zb_test_server_place_new (engine);
  g_autoptr(GError) error = NULL;
  g_autoptr(ZbServerDb) db = zb_test_server_place_open (place, &error);
  g_autofree char *token = NULL, *code = NULL, *reset = NULL;

  g_assert_no_error (error);
  g_assert_true (zb_server_schema_upgrade_to (db, 1, &error));
  g_assert_no_error (error);
  add_branch (db, "b1", "第一党支部");
  g_assert_true (zb_server_db_exec (db, "INSERT INTO devices (id, branch_id, token_hash, "
                                        "enrolled_at) VALUES ('d1', 'b1', 'h1', "
                                        "'2026-11-22T00:00:00Z')", NULL, 0, NULL, &error));
  g_assert_true (zb_server_db_exec (db, "INSERT INTO enrolment_codes (code_hash, branch_id, "
                                        "expires_at, created_at) VALUES ('c1', 'b1', "
                                        "'2099-01-01T00:00:00Z', '2026-11-22T00:00:00Z')",
                                    NULL, 0, NULL, &error));
  g_assert_no_error (error);

  g_assert_true (zb_server_schema_upgrade_to (db, 2, &error));
  g_assert_no_error (error);
  token = query_value (db, "SELECT token_hash FROM devices WHERE id = 'd1' AND reset_at IS NULL",
                       NULL, 0);
  g_assert_cmpstr (token, ==, "h1");
  code = query_value (db, "SELECT count(*) FROM enrolment_codes WHERE used_at IS NULL AND "
                          "used_by IS NULL AND outcome IS NULL", NULL, 0);
  g_assert_cmpstr (code, ==, "1");
  g_assert_true (zb_server_db_exec (db, "UPDATE devices SET token_hash = NULL, reset_at = 'now'",
                                    NULL, 0, NULL, &error));
  g_assert_no_error (error);
  reset = query_value (db, "SELECT reset_at FROM devices WHERE token_hash IS NULL", NULL, 0);
  g_assert_cmpstr (reset, ==, "now");

  g_assert_finalize_object (g_steal_pointer (&db));
  zb_test_server_place_free (place);
}

/* Step 3 keeps the branches and devices of step 2 and adds the committee's
 * tables: an account name is taken once, an assignment needs the account,
 * and a session row holds times as numbers. */
static void
test_schema_step_3 (Fixture       *f,
                    gconstpointer  engine)
{
  ZbTestServerPlace *place = zb_test_server_place_new (engine);
  g_autoptr(GError) error = NULL;
  g_autoptr(ZbServerDb) db = zb_test_server_place_open (place, &error);
  g_autofree char *token = NULL, *live = NULL;

  g_assert_no_error (error);
  g_assert_true (zb_server_schema_upgrade_to (db, 2, &error));
  g_assert_no_error (error);
  add_branch (db, "b1", "第一党支部");
  g_assert_true (zb_server_db_exec (db, "INSERT INTO devices (id, branch_id, token_hash, "
                                        "enrolled_at) VALUES ('d1', 'b1', 'h1', "
                                        "'2026-11-22T00:00:00Z')", NULL, 0, NULL, &error));
  g_assert_no_error (error);

  g_assert_true (zb_server_schema_upgrade_to (db, 3, &error));
  g_assert_no_error (error);
  token = query_value (db, "SELECT token_hash FROM devices WHERE id = 'd1'", NULL, 0);
  g_assert_cmpstr (token, ==, "h1");
  g_assert_cmpint (count_branches (db), ==, 1);

  g_assert_true (zb_server_db_exec (db, "INSERT INTO committee_accounts (name, hash, "
                                        "created_at) VALUES ('wang', '$y$x', 'now')",
                                    NULL, 0, NULL, &error));
  g_assert_true (zb_server_db_exec (db, "INSERT INTO account_branches (account, branch) "
                                        "VALUES ('wang', 'b1')", NULL, 0, NULL, &error));
  g_assert_true (zb_server_db_exec (db, "INSERT INTO web_sessions (token_hash, account, "
                                        "created, expires, csrf_token) "
                                        "VALUES ('t1', 'wang', 100, 43300, 'c1')",
                                    NULL, 0, NULL, &error));
  g_assert_no_error (error);
  g_assert_false (zb_server_db_exec (db, "INSERT INTO committee_accounts (name, hash, "
                                         "created_at) VALUES ('wang', '$y$y', 'now')",
                                     NULL, 0, NULL, &error));
  g_assert_error (error, ZB_SERVER_DB_ERROR, ZB_SERVER_DB_ERROR_CONSTRAINT);
  g_clear_error (&error);
  /* Compared as numbers: as text, '43300' would sort before '5000'. */
  live = query_value (db, "SELECT COUNT(*) FROM web_sessions WHERE expires > ?",
                      ZB_PARAMS ("5000"));
  g_assert_cmpstr (live, ==, "1");

  g_assert_finalize_object (g_steal_pointer (&db));
  zb_test_server_place_free (place);
}

/* What the first write of a push does: lock its branch's row. */
static gboolean
lock_branch (ZbServerDb  *db,
             const char  *id,
             GError     **error)
{
  return zb_server_db_begin (db, error) &&
         zb_server_db_exec (db, "UPDATE branches SET seq = seq WHERE id = ?", ZB_PARAMS (id),
                            NULL, error);
}

/* A second writer that cannot wait is told BUSY: at BEGIN IMMEDIATE on
 * SQLite, at the branch row's lock on PostgreSQL. */
static void
test_busy (Fixture       *f,
           gconstpointer  data)
{
  g_autoptr(ZbServerDb) other = open_db (f);
  g_autoptr(GError) error = NULL;

  add_branch (f->db, "b1", "第一党支部");
  zb_test_server_short_waits (other);
  g_assert_true (lock_branch (f->db, "b1", &error));
  g_assert_no_error (error);

  g_assert_false (lock_branch (other, "b1", &error));
  g_assert_error (error, ZB_SERVER_DB_ERROR, ZB_SERVER_DB_ERROR_BUSY);
  zb_server_db_rollback (other);
  zb_server_db_rollback (f->db);

  g_clear_error (&error);
  g_assert_true (lock_branch (other, "b1", &error));
  g_assert_no_error (error);
  zb_server_db_rollback (other);
}

typedef struct
{
  ZbServerDb *db;
  gint64      seq_seen;
  gint        done;
} Pusher;

/* A push: lock the branch, take the next sequence number, commit. */
static gpointer
push_thread (gpointer data)
{
  Pusher *pusher = data;
  g_autoptr(GError) error = NULL;
  g_autofree char *seq = NULL;

  g_assert_true (lock_branch (pusher->db, "b1", &error));
  g_assert_no_error (error);
  seq = query_value (pusher->db, "SELECT seq FROM branches WHERE id = ?", ZB_PARAMS ("b1"));
  pusher->seq_seen = g_ascii_strtoll (seq, NULL, 10);
  g_assert_true (zb_server_db_exec (pusher->db, "UPDATE branches SET seq = seq + 1 WHERE id = ?",
                                    ZB_PARAMS ("b1"), NULL, &error));
  g_assert_true (zb_server_db_commit (pusher->db, &error));
  g_assert_no_error (error);
  g_atomic_int_set (&pusher->done, TRUE);
  return NULL;
}

/* Two pushes to one branch from two connections: the second waits for the
 * first to commit and reads its number, so none is given twice. */
static void
test_serialise (Fixture       *f,
                gconstpointer  data)
{
  Pusher pusher = { open_db (f), -1, FALSE };
  g_autoptr(GError) error = NULL;
  g_autofree char *seq = NULL;
  GThread *thread;

  add_branch (f->db, "b1", "第一党支部");
  g_assert_true (lock_branch (f->db, "b1", &error));
  thread = g_thread_new ("push", push_thread, &pusher);
  g_usleep (300 * G_TIME_SPAN_MILLISECOND);
  g_assert_false (g_atomic_int_get (&pusher.done));

  g_assert_true (zb_server_db_exec (f->db, "UPDATE branches SET seq = seq + 1 WHERE id = ?",
                                    ZB_PARAMS ("b1"), NULL, &error));
  g_assert_true (zb_server_db_commit (f->db, &error));
  g_thread_join (thread);

  g_assert_cmpint (pusher.seq_seen, ==, 1);
  seq = query_value (f->db, "SELECT seq FROM branches WHERE id = ?", ZB_PARAMS ("b1"));
  g_assert_cmpstr (seq, ==, "2");
  g_object_unref (pusher.db);
}

/* PostgreSQL alone: COMMIT of a transaction in which a statement failed
 * (outside a savepoint) is an error, and nothing of it is kept; the
 * connection goes on. */
static void
test_pg_commit_after_failure (Fixture       *f,
                              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  add_branch (f->db, "b1", "第一党支部");
  g_assert_true (zb_server_db_begin (f->db, &error));
  add_branch (f->db, "b2", "第二党支部");
  assert_constraint (f->db, "INSERT INTO branches (id, name, created_at) VALUES ('b3', ?, 'x')",
                     ZB_PARAMS ("第一党支部"));
  g_assert_false (zb_server_db_commit (f->db, &error));
  g_assert_error (error, ZB_SERVER_DB_ERROR, ZB_SERVER_DB_ERROR_FAILED);

  g_assert_cmpint (count_branches (f->db), ==, 1);
}

static void
terminate (Fixture    *f,
           ZbServerDb *db)
{
  g_autofree char *pid = query_value (db, "SELECT pg_backend_pid()", NULL, 0);
  g_autoptr(ZbServerDb) other = open_db (f);
  g_autofree char *done = NULL;

  done = query_value (other, "SELECT pg_terminate_backend(CAST(? AS INTEGER), 5000)",
                      ZB_PARAMS (pid));
  g_assert_cmpstr (done, ==, "1");
}

/* PostgreSQL alone: a connection lost between transactions comes back at
 * the next BEGIN; one lost inside a transaction fails every statement until
 * then, so that none runs outside it. */
static void
test_pg_reconnect (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  terminate (f, f->db);
  g_assert_true (zb_server_db_begin (f->db, &error));
  g_assert_no_error (error);
  add_branch (f->db, "b1", "第一党支部");
  g_assert_true (zb_server_db_commit (f->db, &error));

  g_assert_true (zb_server_db_begin (f->db, &error));
  terminate (f, f->db);
  for (guint i = 0; i < 2; i++)
    {
      g_assert_false (zb_server_db_exec (f->db, "INSERT INTO branches (id, name, created_at) "
                                                "VALUES ('b2', 'x', 'x')", NULL, 0, NULL,
                                         &error));
      g_assert_error (error, ZB_SERVER_DB_ERROR, ZB_SERVER_DB_ERROR_OPEN);
      g_clear_error (&error);
    }
  zb_server_db_rollback (f->db);

  g_assert_true (zb_server_db_begin (f->db, &error));
  g_assert_no_error (error);
  g_assert_cmpint (count_branches (f->db), ==, 1);
  g_assert_true (zb_server_db_commit (f->db, &error));
}

#ifdef ZB_HAVE_POSTGRES
/* PostgreSQL alone: text travels as UTF-8 whatever the conninfo says, and
 * no statement runs for ever. */
static void
test_pg_session (Fixture       *f,
                 gconstpointer  data)
{
  g_autofree char *conninfo = g_strdup_printf ("%s client_encoding=LATIN1",
                                               zb_test_server_place_conninfo (f->place));
  g_autoptr(GError) error = NULL;
  g_autoptr(ZbServerDb) db = zb_server_db_pg_open (conninfo, &error);
  g_autofree char *encoding = NULL;
  g_autofree char *timeout = NULL;
  g_autofree char *name = NULL;

  g_assert_no_error (error);
  encoding = query_value (db, "SHOW client_encoding", NULL, 0);
  g_assert_cmpstr (encoding, ==, "UTF8");
  timeout = query_value (db, "SHOW statement_timeout", NULL, 0);
  g_assert_cmpstr (timeout, ==, "1min");

  add_branch (db, "b1", "第一党支部");
  name = query_value (f->db, "SELECT name FROM branches", NULL, 0);
  g_assert_cmpstr (name, ==, "第一党支部");
}

/* PostgreSQL alone: no server there is OPEN. */
static void
test_pg_open_error (void)
{
  g_autofree char *dir = zb_test_make_dir ();
  g_autofree char *conninfo = g_strdup_printf ("host=%s dbname=zhibu", dir);
  g_autoptr(GError) error = NULL;
  g_autoptr(ZbServerDb) db = zb_server_db_pg_open (conninfo, &error);

  g_assert_null (db);
  g_assert_error (error, ZB_SERVER_DB_ERROR, ZB_SERVER_DB_ERROR_OPEN);
  zb_test_remove_dir (dir);
}
#endif

static void
add_test (const char *engine,
          const char *name,
          void      (*func) (Fixture *, gconstpointer))
{
  g_autofree char *path = g_strdup_printf ("/server-db/%s/%s", engine, name);

  g_test_add (path, Fixture, engine, fixture_set_up, func, fixture_tear_down);
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);

  for (const char * const *engine = zb_test_server_engines (); *engine; engine++)
    {
      add_test (*engine, "round-trip", test_round_trip);
      add_test (*engine, "placeholders", test_placeholders);
      add_test (*engine, "null-params", test_null_params);
      add_test (*engine, "integers", test_integers);
      add_test (*engine, "constraint", test_constraint);
      add_test (*engine, "savepoint", test_savepoint);
      add_test (*engine, "failure-in-savepoint", test_failure_in_savepoint);
      add_test (*engine, "schema", test_schema);
      add_test (*engine, "schema-step-2", test_schema_step_2);
      add_test (*engine, "schema-step-3", test_schema_step_3);
      add_test (*engine, "busy", test_busy);
      add_test (*engine, "serialise", test_serialise);
      if (g_str_equal (*engine, "postgres"))
        {
          add_test (*engine, "commit-after-failure", test_pg_commit_after_failure);
          add_test (*engine, "reconnect", test_pg_reconnect);
#ifdef ZB_HAVE_POSTGRES
          add_test (*engine, "session", test_pg_session);
          g_test_add_func ("/server-db/postgres/open-error", test_pg_open_error);
#endif
        }
    }

  return g_test_run ();
}
