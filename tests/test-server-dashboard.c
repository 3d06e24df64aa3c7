#define G_LOG_DOMAIN "test-server-dashboard"

#include "config.h"

#include <locale.h>
#include <string.h>

#include <json-glib/json-glib.h>
#include <libsoup/soup.h>

#include "zb-demo.h"
#include "zb-test-bench.h"
#include "zb-test-committee.h"
#include "zb-test-engine.h"
#include "zb-test-server.h"
#include "zb-test-util.h"
#include "zb-test-web.h"

/* The committee's figures as JSON (issue 15): branches generated each in a
 * PC database of its own, synced to a real zhibu-server through the real
 * client (zhibu-cli enrol and sync); GET /api/v1/dashboard behind a
 * committee session then gives, for each branch, exactly what
 * `zhibu-cli stats --finalised-only` and `check --finalised-only` print on
 * that branch's own database over the same period; a later sync shows at
 * the next read, a damaged replica is built again, and the session and the
 * branch assignments are enforced. On SQLite and on PostgreSQL. */

/* The tests' branches; the benchmark's are 20 of the account's and one not. */
#define N_BRANCHES 3
#define N_BENCH_BRANCHES 21
#define FROM "2025-01"
/* Up to the last month ended: nothing is finalised ahead of its day. */
#define TO "2026-11"
#define TO_DAY TO "-30"

typedef struct
{
  const char *engine;
  guint       n_branches;
} Case;

typedef struct
{
  char              *dir;
  char              *passphrase;
  ZbTestServerPlace *place;
  ZbTestServer      *server;
  SoupSession       *session;
  guint              n_branches;
  char              *ids[N_BENCH_BRANCHES];
  char              *dbs[N_BENCH_BRANCHES];
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  const Case *c = data;
  g_autofree char *server_dir = NULL;

  f->n_branches = c->n_branches;
  f->dir = zb_test_make_dir ();
  f->passphrase = zb_test_passphrase_file (f->dir);
  f->place = zb_test_server_place_new (c->engine);
  server_dir = g_build_filename (f->dir, "server", NULL);
  f->server = zb_test_server_new (server_dir, zb_test_server_place_conninfo (f->place));
  for (guint n = 0; n < f->n_branches; n++)
    {
      g_autofree char *name = g_strdup_printf ("第%u党支部", n + 1);

      f->ids[n] = zb_test_server_add_branch (f->server, name);
    }
  zb_test_web_add_account (f->server, "wang");
  /* The last branch is not wang's. */
  for (guint n = 0; n + 1 < f->n_branches; n++)
    {
      g_autofree char *name = g_strdup_printf ("第%u党支部", n + 1);

      zb_test_web_admin_ok (f->server, "assign", "wang", name);
    }
  zb_test_server_start (f->server);
  f->session = soup_session_new ();
  for (guint n = 0; n < f->n_branches; n++)
    {
      f->dbs[n] = zb_test_committee_make_branch (f->dir, n);
      zb_test_committee_sync (f->server, f->dbs[n], f->passphrase, n);
    }
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_clear_object (&f->session);
  g_clear_pointer (&f->server, zb_test_server_free);
  g_clear_pointer (&f->place, zb_test_server_place_free);
  zb_test_remove_dir (f->dir);
  g_free (f->dir);
  g_free (f->passphrase);
  for (guint n = 0; n < f->n_branches; n++)
    {
      g_free (f->ids[n]);
      g_free (f->dbs[n]);
    }
}

/* ---- the figures ---- */

static char *
compact (JsonNode *node)
{
  g_autoptr(JsonGenerator) generator = json_generator_new ();

  json_generator_set_root (generator, node);
  return json_generator_to_data (generator, NULL);
}

static JsonNode *
parse (const char *text)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;

  json_parser_load_from_data (parser, text, -1, &error);
  g_assert_no_error (error);
  return json_node_copy (json_parser_get_root (parser));
}

static JsonNode *
dashboard_on (SoupSession  *session,
              ZbTestServer *server,
              const char   *cookie)
{
  const char *path = "/api/v1/dashboard?from=" FROM "&to=" TO "&detail=1";
  g_autoptr(ZbTestWebReply) reply = zb_test_web_http (session, server, "GET", path, cookie,
                                                      NULL);

  g_assert_cmpuint (reply->status, ==, 200);
  return parse (reply->body);
}

static JsonNode *
dashboard (Fixture    *f,
           const char *cookie)
{
  return dashboard_on (f->session, f->server, cookie);
}

/* Each branch of the JSON against the CLI on that branch's database. */
static void
expect_cli_figures (Fixture  *f,
                    JsonNode *root)
{
  JsonArray *branches = json_object_get_array_member (json_node_get_object (root), "branches");

  g_assert_cmpuint (json_array_get_length (branches), ==, f->n_branches - 1);
  for (guint i = 0; i < json_array_get_length (branches); i++)
    {
      JsonObject *branch = json_array_get_object_element (branches, i);
      const char *id = json_object_get_string_member (branch, "id");
      g_autofree char *stats_out = NULL, *check_out = NULL;
      g_autoptr(JsonNode) stats = NULL, findings = NULL;
      g_autofree char *want_stats = NULL, *want_findings = NULL;
      g_autofree char *got_stats = NULL, *got_findings = NULL;
      guint n = 0;

      while (n < f->n_branches && g_strcmp0 (f->ids[n], id) != 0)
        n++;
      g_assert_cmpuint (n, <, f->n_branches - 1);
      zb_test_committee_cli (f->dbs[n], f->passphrase, &stats_out, "stats", "--from",
                             FROM "-01", "--to", TO_DAY, "--finalised-only", "--format", "json",
                             NULL);
      zb_test_committee_cli (f->dbs[n], f->passphrase, &check_out, "check", "--from",
                             FROM "-01", "--to", TO_DAY, "--finalised-only", "--format", "json",
                             NULL);
      stats = parse (stats_out);
      findings = parse (check_out);
      want_stats = compact (stats);
      want_findings = compact (findings);
      got_stats = compact (json_object_get_member (branch, "stats"));
      got_findings = compact (json_object_get_member (branch, "findings"));
      g_assert_cmpstr (got_stats, ==, want_stats);
      g_assert_cmpstr (got_findings, ==, want_findings);
      g_assert_cmpuint (json_array_get_length (json_object_get_array_member (branch, "months")),
                        ==, ZB_TEST_COMMITTEE_MONTHS);
    }
}

/* The committee meetings held in @month by the JSON's branch @id. */
static gint64
held_in (JsonNode   *root,
         const char *id,
         const char *month)
{
  JsonArray *branches = json_object_get_array_member (json_node_get_object (root), "branches");

  for (guint i = 0; i < json_array_get_length (branches); i++)
    {
      JsonObject *branch = json_array_get_object_element (branches, i);
      JsonArray *months = json_object_get_array_member (branch, "months");

      if (!g_str_equal (json_object_get_string_member (branch, "id"), id))
        continue;
      for (guint m = 0; m < json_array_get_length (months); m++)
        {
          JsonObject *row = json_array_get_object_element (months, m);

          if (g_str_equal (json_object_get_string_member (row, "month"), month))
            return json_object_get_int_member (row, "meetings_held");
        }
    }
  g_assert_not_reached ();
}

static void
test_figures (Fixture       *f,
              gconstpointer  data)
{
  g_autofree char *cookie = zb_test_web_login (f->session, f->server, "wang");
  g_autoptr(JsonNode) first = dashboard (f, cookie);
  g_autoptr(JsonNode) later = NULL, rebuilt = NULL;
  g_autofree char *before = NULL, *replica = NULL, *sum = NULL, *file = NULL;
  g_autoptr(GError) error = NULL;
  gint64 held;

  expect_cli_figures (f, first);

  /* A meeting finalised and synced shows at the next read. */
  held = held_in (first, f->ids[0], "2026-11");
  {
    g_autoptr(ZbKey) key = zb_test_key ();
    g_autoptr(ZbStore) store = zb_store_open (f->dbs[0], key, &error);
    g_autofree char *chair = NULL;

    g_assert_no_error (error);
    chair = zb_test_sql_text (store, "SELECT id FROM members WHERE name = '刘书记'");
    g_free (zb_test_committee_meeting (store, "theme-day", "2026-11-20", chair, TRUE));
  }
  zb_test_committee_sync (f->server, f->dbs[0], f->passphrase, 0);
  later = dashboard (f, cookie);
  g_assert_cmpint (held_in (later, f->ids[0], "2026-11"), ==, held + 1);
  expect_cli_figures (f, later);

  /* A damaged replica is built again from the feed. */
  sum = g_compute_checksum_for_string (G_CHECKSUM_SHA256, f->ids[1], -1);
  file = g_strdup_printf ("%.32s.zhibu", sum);
  replica = g_build_filename (f->server->data, "replicas", file, NULL);
  g_assert_true (g_file_test (replica, G_FILE_TEST_EXISTS));
  zb_test_server_kill (f->server);
  g_assert_true (g_file_set_contents (replica, "not a database", -1, NULL));
  zb_test_server_start (f->server);
  rebuilt = dashboard (f, cookie);
  before = compact (later);
  {
    g_autofree char *after = compact (rebuilt);

    g_assert_cmpstr (after, ==, before);
  }
}

/* A meeting finalised on branch 0's PC and pushed through @server. */
static void
finalise_and_push (Fixture      *f,
                   ZbTestServer *server,
                   const char   *date)
{
  g_autoptr(ZbKey) key = zb_test_key ();
  g_autoptr(GError) error = NULL;
  g_autoptr(ZbStore) store = zb_store_open (f->dbs[0], key, &error);
  g_autofree char *chair = NULL;

  g_assert_no_error (error);
  chair = zb_test_sql_text (store, "SELECT id FROM members WHERE name = '刘书记'");
  g_free (zb_test_committee_meeting (store, "theme-day", date, chair, TRUE));
  g_clear_object (&store);
  zb_test_committee_sync (server, f->dbs[0], f->passphrase, 0);
}

typedef struct
{
  ZbTestServer *servers[2];
  const char   *cookie;
  char         *want;
} Readers;

/* A reader of its own: reads through both processes in turn. */
static gpointer
read_both (gpointer data)
{
  Readers *readers = data;
  g_autoptr(SoupSession) session = soup_session_new ();

  for (guint i = 0; i < 4; i++)
    {
      g_autoptr(JsonNode) root = dashboard_on (session, readers->servers[i % 2], readers->cookie);
      g_autofree char *got = compact (root);

      g_assert_cmpstr (got, ==, readers->want);
    }
  return NULL;
}

/* Several `serve` processes on one PostgreSQL database (README.md beside
 * the server's code, "Replicas"): one with a folder of its own, one
 * sharing the first's folder, where a lock on each replica keeps them
 * apart. A session made on one serves on the others; a push through one
 * shows at the next read on each; readers of the shared folder at once
 * all get the same figures, which are the CLI's. */
static void
test_two_processes (Fixture       *f,
                    gconstpointer  data)
{
  g_autofree char *own_dir = g_build_filename (f->dir, "server-own", NULL);
  g_autoptr(ZbTestServer) own = zb_test_server_new (own_dir, f->server->postgres);
  g_autoptr(ZbTestServer) shared = zb_test_server_new (f->server->data, f->server->postgres);
  g_autofree char *cookie = zb_test_web_login (f->session, f->server, "wang");
  ZbTestServer *all[] = { f->server, own, shared };
  g_autoptr(JsonNode) first = dashboard (f, cookie);
  g_autofree char *want = compact (first);
  gint64 held = held_in (first, f->ids[0], "2026-11");
  Readers readers = { { f->server, shared }, cookie, NULL };
  GThread *threads[3];

  zb_test_server_start (own);
  zb_test_server_start (shared);
  expect_cli_figures (f, first);
  for (guint i = 1; i < G_N_ELEMENTS (all); i++)
    {
      g_autoptr(JsonNode) root = dashboard_on (f->session, all[i], cookie);
      g_autofree char *got = compact (root);

      g_assert_cmpstr (got, ==, want);
    }

  finalise_and_push (f, own, "2026-11-21");
  for (guint i = 0; i < G_N_ELEMENTS (all); i++)
    {
      g_autoptr(JsonNode) root = dashboard_on (f->session, all[i], cookie);

      g_assert_cmpint (held_in (root, f->ids[0], "2026-11"), ==, held + 1);
      if (i == 0)
        {
          expect_cli_figures (f, root);
          readers.want = compact (root);
        }
    }

  /* The next push through the shared folder's first process, then readers
   * of both of its processes at once while they catch up. */
  finalise_and_push (f, f->server, "2026-11-22");
  {
    g_autoptr(JsonNode) root = dashboard_on (f->session, own, cookie);

    g_assert_cmpint (held_in (root, f->ids[0], "2026-11"), ==, held + 2);
    expect_cli_figures (f, root);
    g_free (readers.want);
    readers.want = compact (root);
  }
  for (guint i = 0; i < G_N_ELEMENTS (threads); i++)
    threads[i] = g_thread_new ("reader", read_both, &readers);
  for (guint i = 0; i < G_N_ELEMENTS (threads); i++)
    g_thread_join (threads[i]);
  g_free (readers.want);
}

/* 401 without a session, 403 for a branch not the account's, 400 for a
 * period that is none. */
static void
test_refused (Fixture       *f,
              gconstpointer  data)
{
  g_autofree char *cookie = zb_test_web_login (f->session, f->server, "wang");
  g_autofree char *other = g_strdup_printf ("/api/v1/dashboard?from=" FROM "&to=" TO
                                            "&branch=%s", f->ids[f->n_branches - 1]);
  g_autofree char *own = g_strdup_printf ("/api/v1/dashboard?from=" FROM "&to=" TO
                                          "&branch=%s", f->ids[0]);
  g_autoptr(ZbTestWebReply) anonymous = zb_test_web_http (f->session, f->server, "GET",
                                                          "/api/v1/dashboard?from=" FROM "&to=" TO,
                                                          NULL, NULL);
  g_autoptr(ZbTestWebReply) forged = zb_test_web_http (f->session, f->server, "GET",
                                                       "/api/v1/dashboard?from=" FROM "&to=" TO,
                                                       "zb_session=0123456789abcdef", NULL);
  g_autoptr(ZbTestWebReply) forbidden = zb_test_web_http (f->session, f->server, "GET", other,
                                                          cookie, NULL);
  g_autoptr(ZbTestWebReply) allowed = zb_test_web_http (f->session, f->server, "GET", own,
                                                        cookie, NULL);
  g_autoptr(ZbTestWebReply) bad = zb_test_web_http (f->session, f->server, "GET",
                                                    "/api/v1/dashboard?from=2026-13&to=" TO,
                                                    cookie, NULL);
  g_autoptr(JsonNode) root = NULL;

  g_assert_cmpuint (anonymous->status, ==, 401);
  g_assert_cmpuint (forged->status, ==, 401);
  g_assert_cmpuint (forbidden->status, ==, 403);
  g_assert_cmpuint (bad->status, ==, 400);
  g_assert_cmpuint (allowed->status, ==, 200);
  root = parse (allowed->body);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (
                      json_node_get_object (root), "branches")), ==, 1);
  /* No citizen ID nor phone in the JSON. */
  g_assert_null (strstr (allowed->body, "id_number"));
  g_assert_null (strstr (allowed->body, "\"phone\""));
}

/* The figures drawn at /committee/: the account's branches in a table with
 * their months as inline SVG, the same totals as the JSON of the default
 * period; the drill-down of one branch with its bars; nothing loaded from
 * elsewhere, no script, no ID number. */
static void
test_html (Fixture       *f,
           gconstpointer  data)
{
  g_autofree char *cookie = zb_test_web_login (f->session, f->server, "wang");
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  int year = g_date_time_get_year (now), month = g_date_time_get_month (now) - 1;
  g_autofree char *path = NULL, *drill = NULL, *cell = NULL, *html_path = NULL;
  g_autoptr(ZbTestWebReply) home = NULL, branch = NULL, json = NULL;
  g_autoptr(JsonNode) root = NULL;
  JsonObject *first;
  JsonArray *months;
  gint64 met = 0, required = 0;

  if (month == 0)
    {
      year--;
      month = 12;
    }
  path = g_strdup_printf ("/api/v1/dashboard?from=%04d-01&to=%04d-%02d", year - 1, year, month);
  json = zb_test_web_http (f->session, f->server, "GET", path, cookie, NULL);
  g_assert_cmpuint (json->status, ==, 200);
  root = parse (json->body);
  first = json_array_get_object_element (
    json_object_get_array_member (json_node_get_object (root), "branches"), 0);
  months = json_object_get_array_member (first, "months");
  for (guint i = 0; i < json_array_get_length (months); i++)
    {
      met += json_object_get_int_member (json_array_get_object_element (months, i),
                                         "meetings_met");
      required += json_object_get_int_member (json_array_get_object_element (months, i),
                                              "meetings_required");
    }

  home = zb_test_web_http (f->session, f->server, "GET", "/committee/", cookie, NULL);
  g_assert_cmpuint (home->status, ==, 200);
  html_path = g_build_filename (f->dir, "committee-dashboard.html", NULL);
  g_file_set_contents (html_path, home->body, -1, NULL);
  zb_test_keep_artifact (html_path, "committee-dashboard.html");
  g_assert_nonnull (strstr (home->body, "<svg"));
  g_assert_nonnull (strstr (home->body, "第1党支部"));
  g_assert_nonnull (strstr (home->body, "第2党支部"));
  g_assert_null (strstr (home->body, "第3党支部"));
  g_assert_nonnull (strstr (home->body, "已定稿"));
  cell = g_strdup_printf ("%" G_GINT64_FORMAT " / %" G_GINT64_FORMAT "</td>", met, required);
  g_assert_nonnull (strstr (home->body, cell));
  g_assert_null (strstr (home->body, "<script"));
  g_assert_null (strstr (home->body, "http://"));
  g_assert_null (strstr (home->body, "https://"));

  drill = g_strdup_printf ("/committee/branch/%s", json_object_get_string_member (first, "id"));
  branch = zb_test_web_http (f->session, f->server, "GET", drill, cookie, NULL);
  g_assert_cmpuint (branch->status, ==, 200);
  g_assert_nonnull (strstr (branch->body, "<svg"));
  g_assert_nonnull (strstr (branch->body, cell));
  g_assert_nonnull (strstr (branch->body, "党费"));
}

/* The page as the committee's tools ask for it: the summary, no detail. */
static double
page_seconds (Fixture    *f,
              const char *path,
              const char *cookie)
{
  gint64 start = g_get_monotonic_time ();
  g_autoptr(ZbTestWebReply) reply = zb_test_web_http (f->session, f->server, "GET", path,
                                                      cookie, NULL);
  double seconds = (g_get_monotonic_time () - start) / (double) G_USEC_PER_SEC;

  g_assert_cmpuint (reply->status, ==, 200);
  g_assert_null (strstr (reply->body, "\"findings\""));
  return seconds;
}

/* bench dashboard (DESIGN.md, Performance): the first page of 20 branches
 * and 2 years (the default period: this year and the last, to the last
 * month ended), under 200 ms, as a committee officer opens it after the
 * branches synced: the background thread fed each replica and made its
 * figures after each push, so the page only reads them. Then the same page
 * again, the median of five, and one over a period nothing made ahead. */
static void
test_bench (Fixture       *f,
            gconstpointer  data)
{
  const Case *c = data;
  g_autofree char *cookie = zb_test_web_login (f->session, f->server, "wang");
  g_autofree char *name = g_strdup_printf ("dashboard-%s", c->engine);
  g_autofree char *ran_with = g_strdup_printf ("%u branches, %s to %s, %s", f->n_branches - 1,
                                               FROM, TO, c->engine);
  g_autoptr(GArray) again = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  int year = g_date_time_get_year (now), month = g_date_time_get_month (now) - 1;
  g_autofree char *path = NULL;
  double first, cold;

  if (month == 0)
    {
      year--;
      month = 12;
    }
  path = g_strdup_printf ("/api/v1/dashboard?from=%04d-01&to=%04d-%02d", year - 1, year, month);
  /* As an officer comes after the day's syncs: the server has had its moment. */
  g_usleep (5 * G_USEC_PER_SEC);
  first = page_seconds (f, path, cookie);
  for (guint i = 0; i < 5; i++)
    {
      double seconds = page_seconds (f, path, cookie);

      g_array_append_val (again, seconds);
    }
  cold = page_seconds (f, "/api/v1/dashboard?from=2025-02&to=2026-10", cookie);
  g_print ("# %s: %s first %.0f ms, again %.0f ms (median of 5); "
           "a period not made ahead %.0f ms\n", name, path, first * 1000,
           zb_test_bench_median (again) * 1000, cold * 1000);
  g_assert_true (zb_test_bench_report (name, first * 1000, ZB_BENCH_AT_MOST, 200, ran_with));
}

int
main (int   argc,
      char *argv[])
{
  static Case cases[4];
  guint n = 0;

  /* The pages' own default, Chinese, rather than the tests' LANGUAGE=C; the
   * JSON's messages and the CLI's then follow the same process locale. */
  g_unsetenv ("LANGUAGE");
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);

  for (const char * const *engine = zb_test_server_engines (); *engine && n + 2 <= 4; engine++)
    {
      Case *tests = &cases[n++], *bench = &cases[n++];
      g_autofree char *figures = g_strdup_printf ("/server-dashboard/%s/figures", *engine);
      g_autofree char *refused = g_strdup_printf ("/server-dashboard/%s/refused", *engine);
      g_autofree char *bench_path = g_strdup_printf ("/server-dashboard/%s/bench", *engine);
      g_autofree char *html = g_strdup_printf ("/server-dashboard/%s/html", *engine);

      *tests = (Case) { *engine, N_BRANCHES };
      *bench = (Case) { *engine, N_BENCH_BRANCHES };
      g_test_add (figures, Fixture, tests, fixture_set_up, test_figures, fixture_tear_down);
      g_test_add (refused, Fixture, tests, fixture_set_up, test_refused, fixture_tear_down);
      g_test_add (html, Fixture, tests, fixture_set_up, test_html, fixture_tear_down);
      if (g_str_equal (*engine, "postgres"))
        {
          g_autofree char *two = g_strdup_printf ("/server-dashboard/%s/two-processes", *engine);

          g_test_add (two, Fixture, tests, fixture_set_up, test_two_processes,
                      fixture_tear_down);
        }
      /* Only when asked for by path: the suite's run leaves it to `bench`. */
      if (g_test_perf () || g_getenv ("ZHIBU_BENCH_CACHE") != NULL)
        g_test_add (bench_path, Fixture, bench, fixture_set_up, test_bench, fixture_tear_down);
    }
  return g_test_run ();
}
