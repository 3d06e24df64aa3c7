#define G_LOG_DOMAIN "bench-import"

#include "config.h"

#include <locale.h>

#include "zb-demo.h"
#include "zb-member-csv.h"
#include "zb-store-private.h"
#include "zb-test-bench.h"
#include "zb-test-util.h"

/* bench import-10k (DESIGN.md, Performance): `zhibu-cli member import` of a
 * 10,000-row roster, over the floor of inserting the same rows with one
 * prepared statement in one transaction on the same kind of encrypted
 * database. It runs under a real keyring (tests/run-with-keyring.sh), as a
 * secretary's PC does, so both sides open the file with the same raw key and
 * neither pays a passphrase’s key derivation. Each run on new databases, best of
 * RUNS each. */

#define N_ROWS  10000
#define RUNS    3
#define TARGET  2.0

static double
baseline_once (const char *path,
               GPtrArray  *members)
{
  g_autoptr(GError) error = NULL;
  gint64 start = g_get_monotonic_time ();
  g_autoptr(ZbKey) key = zb_store_lookup_key (path, NULL, &error);
  g_autoptr(ZbStore) store = zb_store_open (path, key, &error);
  sqlite3 *db = zb_store_begin_write (store, &error);
  g_autoptr(sqlite3_stmt) stmt = zb_sql_prepare (db, zb_store_member_insert_sql (), &error);
  double seconds;

  g_assert_no_error (error);
  for (guint r = 0; r < members->len; r++)
    {
      ZbMember *member = g_ptr_array_index (members, r);
      g_autofree char *uuid = g_uuid_string_random ();

      sqlite3_reset (stmt);
      zb_sql_bind_text (stmt, 1, uuid);
      for (guint i = 0; i < ZB_MEMBER_N_FIELDS; i++)
        {
          const char *value = zb_member_get (member, i);

          if (value == NULL && zb_member_field_info (i)->kind == ZB_FIELD_KIND_BOOL)
            value = "0";
          zb_sql_bind_text (stmt, 2 + i, value);
        }
      zb_sql_bind_text (stmt, ZB_MEMBER_N_FIELDS + 2, "2026-01-01T00:00:00Z");
      zb_sql_bind_text (stmt, ZB_MEMBER_N_FIELDS + 3, "2026-01-01T00:00:00Z");
      if (sqlite3_step (stmt) != SQLITE_DONE)
        g_error ("baseline insert failed at row %u: %s", r, sqlite3_errmsg (db));
    }
  g_clear_pointer (&stmt, sqlite3_finalize);
  zb_store_commit_write (store, &error);
  g_assert_no_error (error);
  g_clear_object (&store);
  seconds = (g_get_monotonic_time () - start) / 1e6;

  return seconds;
}

static double
cli_once (const char *path,
          const char *csv)
{
  const char *argv[] = { g_getenv ("ZHIBU_CLI"), "--db", path, "member", "import", csv, NULL };
  g_autoptr(GError) error = NULL;
  g_autofree char *err = NULL;
  gint64 start = g_get_monotonic_time ();
  int status = -1;

  g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_STDOUT_TO_DEV_NULL, NULL, NULL, NULL, &err,
                &status, &error);
  g_assert_no_error (error);
  if (status != 0)
    g_error ("import failed: %s", err);

  return (g_get_monotonic_time () - start) / 1e6;
}

static char *
new_branch (const char *dir,
            const char *name,
            guint       run)
{
  g_autofree char *file = g_strdup_printf ("%s-%u.zhibu", name, run);
  char *path = g_build_filename (dir, file, NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(ZbStore) store = zb_store_create_in_keyring (path, "基准支部", NULL, &error);

  g_assert_no_error (error);
  return path;
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *dir = zb_test_make_dir ();
  g_autofree char *csv_path = g_build_filename (dir, "roster.csv", NULL);
  g_autoptr(GPtrArray) members = zb_demo_make_members (N_ROWS, 2026);
  g_autoptr(GListStore) list = g_list_store_new (ZB_TYPE_MEMBER);
  g_autoptr(GString) csv = NULL;
  double base = G_MAXDOUBLE, cli = G_MAXDOUBLE;
  gboolean held;

  setlocale (LC_ALL, "");
  for (guint i = 0; i < members->len; i++)
    g_list_store_append (list, g_ptr_array_index (members, i));
  csv = zb_member_csv_export (G_LIST_MODEL (list), TRUE);
  g_file_set_contents (csv_path, csv->str, csv->len, NULL);
  for (guint run = 0; run < RUNS; run++)
    {
      /* MIN() evaluates its arguments twice: time first, then compare. */
      g_autofree char *baseline_db = new_branch (dir, "baseline", run);
      g_autofree char *cli_db = new_branch (dir, "cli", run);
      double b = baseline_once (baseline_db, members);
      double c = cli_once (cli_db, csv_path);

      g_printerr ("import-10k: CLI %.3f s, one prepared statement %.3f s\n", c, b);
      base = MIN (base, b);
      cli = MIN (cli, c);
    }

  g_printerr ("import-10k: best of %u: CLI %.3f s, one prepared statement %.3f s\n", RUNS, cli,
              base);
  held = zb_test_bench_report ("import-10k", cli / base, ZB_BENCH_AT_MOST, TARGET, NULL);
  zb_test_remove_dir (dir);

  return held ? 0 : 1;
}
