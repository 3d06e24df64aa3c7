#define G_LOG_DOMAIN "test-server-db"

#include "config.h"

#include <locale.h>

#include "zb-server-db-sqlite.h"
#include "zb-server-schema.h"
#include "zb-test-util.h"

/* The server's database, through the engine-neutral calls its logic uses.
 * Each test runs on every engine the machine has. */

typedef struct
{
  char       *dir;
  ZbServerDb *db;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(ZbKey) key = zb_key_new_random (NULL);
  g_autofree char *path = NULL;
  g_autoptr(GError) error = NULL;

  f->dir = zb_test_make_dir ();
  path = g_build_filename (f->dir, "server.db", NULL);
  f->db = zb_server_db_sqlite_open (path, key, &error);
  g_assert_no_error (error);
  g_assert_true (zb_server_schema_upgrade (f->db, &error));
  g_assert_no_error (error);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_clear_object (&f->db);
  zb_test_remove_dir (f->dir);
  g_free (f->dir);
}

static void
add_branch (Fixture    *f,
            const char *id,
            const char *name)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (zb_server_db_exec (f->db, "INSERT INTO branches (id, name, created_at) "
                                           "VALUES (?, ?, '2026-11-22T00:00:00Z')",
                                    ZB_PARAMS (id, name), NULL, &error));
  g_assert_no_error (error);
}

/* Text and NULL come back as they went in; counts as text. */
static void
test_round_trip (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(ZbServerResult) result = NULL;
  g_autoptr(GError) error = NULL;
  guint64 changes = 0;

  add_branch (f, "b1", "第一党支部");
  g_assert_true (zb_server_db_exec (f->db, "UPDATE branches SET chain_head = ?, seq = seq + 5 "
                                           "WHERE id = ?", ZB_PARAMS (NULL, "b1"), &changes,
                                    &error));
  g_assert_cmpuint (changes, ==, 1);

  result = zb_server_db_query (f->db, "SELECT name, chain_head, seq FROM branches WHERE id = ?",
                               ZB_PARAMS ("b1"), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (zb_server_result_n_rows (result), ==, 1);
  g_assert_cmpstr (zb_server_result_get (result, 0, 0), ==, "第一党支部");
  g_assert_null (zb_server_result_get (result, 0, 1));
  g_assert_cmpint (zb_server_result_get_int (result, 0, 2), ==, 5);
}

/* A broken constraint is told apart from other failures. */
static void
test_constraint (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  add_branch (f, "b1", "第一党支部");
  g_assert_false (zb_server_db_exec (f->db, "INSERT INTO branches (id, name, created_at) "
                                            "VALUES ('b2', ?, 'x')", ZB_PARAMS ("第一党支部"),
                                     NULL, &error));
  g_assert_error (error, ZB_SERVER_DB_ERROR, ZB_SERVER_DB_ERROR_CONSTRAINT);
}

/* An op's savepoint rolls back alone; the rest of the transaction commits. */
static void
test_savepoint (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *count = NULL;

  g_assert_true (zb_server_db_begin (f->db, &error));
  add_branch (f, "b1", "第一党支部");
  g_assert_true (zb_server_db_savepoint (f->db, "op", &error));
  add_branch (f, "b2", "第二党支部");
  zb_server_db_rollback_to (f->db, "op");
  add_branch (f, "b3", "第三党支部");
  g_assert_true (zb_server_db_commit (f->db, &error));

  count = zb_server_db_query_value (f->db, "SELECT count(*) FROM branches WHERE id <> ?",
                                    ZB_PARAMS ("b2"), &error);
  g_assert_cmpstr (count, ==, "2");
  g_clear_pointer (&count, g_free);
  count = zb_server_db_query_value (f->db, "SELECT count(*) FROM branches", NULL, 0, &error);
  g_assert_cmpstr (count, ==, "2");
}

/* The upgrade runs once; a second is a no-op, and the version is kept. */
static void
test_schema (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *version = NULL;
  g_autofree char *expected = g_strdup_printf ("%u", zb_server_schema_latest ());

  g_assert_true (zb_server_schema_upgrade (f->db, &error));
  version = zb_server_db_query_value (f->db, "SELECT value FROM server_meta "
                                             "WHERE key = 'schema_version'", NULL, 0, &error);
  g_assert_cmpstr (version, ==, expected);
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add ("/server-db/sqlite" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("/round-trip", test_round_trip);
  ADD ("/constraint", test_constraint);
  ADD ("/savepoint", test_savepoint);
  ADD ("/schema", test_schema);

  return g_test_run ();
}
