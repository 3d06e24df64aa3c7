#define G_LOG_DOMAIN "zb-test-engine"

#include "config.h"

#include <unistd.h>

#include "zb-server-db-pg.h"
#include "zb-server-db-sqlite.h"
#include "zb-test-engine.h"
#include "zb-test-util.h"

struct _ZbTestServerPlace
{
  char       *dir;        /* sqlite: the file and its key */
  ZbKey      *key;
  ZbServerDb *admin;      /* postgres: creates the schema, and drops it */
  char       *schema;
  char       *conninfo;   /* postgres: the database, searched in the schema */
};

/* SQLite always; PostgreSQL too when a cluster runs (run-with-postgres.sh)
 * and the server was built with libpq (the Flatpak's SDK has none). */
const char * const *
zb_test_server_engines (void)
{
  static const char * const sqlite[] = { "sqlite", NULL };
#ifdef ZB_HAVE_POSTGRES
  static const char * const both[] = { "sqlite", "postgres", NULL };

  return g_getenv ("ZHIBU_TEST_POSTGRES") != NULL ? both : sqlite;
#else
  return sqlite;
#endif
}

#ifdef ZB_HAVE_POSTGRES

static ZbServerDb *
open_admin (void)
{
  const char *conninfo = g_getenv ("ZHIBU_TEST_POSTGRES");
  g_autoptr(GError) error = NULL;
  ZbServerDb *admin;

  g_assert_nonnull (conninfo);
  admin = zb_server_db_pg_open (conninfo, &error);
  g_assert_no_error (error);
  return admin;
}

/* A fresh schema is all a test needs to start empty, and much cheaper than a
 * database; every connection to the place finds its tables there first. */
static void
make_schema (ZbTestServerPlace *self)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *sql = NULL;

  self->admin = open_admin ();
  self->schema = g_strdup_printf ("t%d_%08x", (int) getpid (), g_random_int ());
  sql = g_strdup_printf ("CREATE SCHEMA %s", self->schema);
  g_assert_true (zb_server_db_script (self->admin, sql, &error));
  g_assert_no_error (error);
  self->conninfo = g_strdup_printf ("%s options='-c search_path=%s'",
                                    g_getenv ("ZHIBU_TEST_POSTGRES"), self->schema);
}

#endif

/* @engine: "sqlite" or "postgres" (one of zb_test_server_engines ()). */
ZbTestServerPlace *
zb_test_server_place_new (const char *engine)
{
  ZbTestServerPlace *self = g_new0 (ZbTestServerPlace, 1);
  g_autoptr(GError) error = NULL;

#ifdef ZB_HAVE_POSTGRES
  if (g_str_equal (engine, "postgres"))
    {
      make_schema (self);
      return self;
    }
#endif

  g_assert_cmpstr (engine, ==, "sqlite");
  self->dir = zb_test_make_dir ();
  self->key = zb_key_new_random (&error);
  g_assert_no_error (error);
  return self;
}

/* A new connection to the place each time, as another server process would
 * have: tests of locking open two. */
ZbServerDb *
zb_test_server_place_open (ZbTestServerPlace  *self,
                           GError            **error)
{
  g_autofree char *path = NULL;

#ifdef ZB_HAVE_POSTGRES
  if (self->conninfo != NULL)
    return zb_server_db_pg_open (self->conninfo, error);
#endif

  path = g_build_filename (self->dir, "server.db", NULL);
  return zb_server_db_sqlite_open (path, self->key, error);
}

/* For `zhibu-server serve --postgres CONNINFO`; NULL on SQLite. */
const char *
zb_test_server_place_conninfo (ZbTestServerPlace *self)
{
  return self->conninfo;
}

void
zb_test_server_place_free (ZbTestServerPlace *self)
{
  if (self->admin != NULL)
    {
      g_autofree char *sql = g_strdup_printf ("DROP SCHEMA %s CASCADE", self->schema);
      g_autoptr(GError) error = NULL;

      g_assert_true (zb_server_db_script (self->admin, sql, &error));
      g_assert_no_error (error);
      g_object_unref (self->admin);
    }
  if (self->dir != NULL)
    zb_test_remove_dir (self->dir);

  g_clear_pointer (&self->key, zb_key_free);
  g_free (self->dir);
  g_free (self->schema);
  g_free (self->conninfo);
  g_free (self);
}

/* A lock held by another connection fails this one's statement within
 * 100 ms (BUSY) instead of the server's long wait. */
void
zb_test_server_short_waits (ZbServerDb *db)
{
  g_autoptr(GError) error = NULL;
  const char *sql = g_str_equal (zb_server_db_engine (db), "postgres")
                    ? "SET lock_timeout = '100ms'" : "PRAGMA busy_timeout = 100";

  g_assert_true (zb_server_db_exec (db, sql, NULL, 0, NULL, &error));
  g_assert_no_error (error);
}
