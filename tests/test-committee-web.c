#define G_LOG_DOMAIN "test-committee-web"

#include "config.h"

#include <locale.h>
#include <string.h>

#include <libsoup/soup.h>

#include "zb-server-db-sqlite.h"
#include "zb-test-engine.h"
#include "zb-test-server.h"
#include "zb-test-util.h"
#include "zb-test-web.h"

/* The committee's accounts and pages (issue 15, first part) on a real
 * zhibu-server process on loopback, over HTTP as a browser speaks it:
 * cookies and forms handled by hand (zb-test-web.c), so that their
 * attributes are checked as sent. The pages are Chinese by default: the
 * servers run without LANGUAGE. */

/* The accounts' password: zb_test_web_add_account () gives them this one. */
#define PASSWORD ZB_TEST_WEB_PASSWORD

typedef struct
{
  char              *dir;
  ZbTestServerPlace *place;
  ZbTestServer      *server;
  SoupSession       *session;
  char              *branch_a;
  char              *branch_b;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autofree char *server_dir = NULL;

  f->dir = zb_test_make_dir ();
  f->place = zb_test_server_place_new (data);
  server_dir = g_build_filename (f->dir, "server", NULL);
  f->server = zb_test_server_new (server_dir, zb_test_server_place_conninfo (f->place));
  f->branch_a = zb_test_server_add_branch (f->server, "第一党支部");
  f->branch_b = zb_test_server_add_branch (f->server, "第二党支部");
  zb_test_web_add_account (f->server, "wang");
  zb_test_web_admin_ok (f->server, "assign", "wang", "第一党支部");
  zb_test_server_start (f->server);
  f->session = soup_session_new ();
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
  g_free (f->branch_a);
  g_free (f->branch_b);
}

/* The server's own database, as another process opens it. */
static ZbServerDb *
open_db (Fixture *f)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *key_path = g_build_filename (f->server->data, "server.key", NULL);
  g_autofree char *db_path = g_build_filename (f->server->data, "server.db", NULL);
  g_autofree char *hex = NULL;
  g_autoptr(ZbKey) key = NULL;
  ZbServerDb *db;

  if (f->server->postgres != NULL)
    db = zb_test_server_place_open (f->place, &error);
  else
    {
      g_assert_true (g_file_get_contents (key_path, &hex, NULL, &error));
      key = zb_key_new_raw_hex (g_strstrip (hex), &error);
      g_assert_no_error (error);
      db = zb_server_db_sqlite_open (db_path, key, &error);
    }
  g_assert_no_error (error);
  return db;
}

static char *
db_value (Fixture    *f,
          const char *sql)
{
  g_autoptr(ZbServerDb) db = open_db (f);
  g_autoptr(GError) error = NULL;
  char *value = zb_server_db_query_value (db, sql, NULL, 0, &error);

  g_assert_no_error (error);
  return value;
}

static char *
failures (Fixture *f)
{
  return db_value (f, "SELECT failures FROM committee_accounts WHERE name = 'wang'");
}

static guint
get_status (Fixture      *f,
            ZbTestServer *server,
            const char   *path,
            const char   *cookie)
{
  g_autoptr(ZbTestWebReply) reply = zb_test_web_http (f->session, server, "GET", path,
                                                      cookie, NULL);

  return reply->status;
}

/* `admin add` reads the password twice from a pipe; two that differ add
 * nothing; the account then signs in. */
static void
test_admin_add (Fixture       *f,
                gconstpointer  data)
{
  g_autofree char *out = NULL, *cookie = NULL, *hash = NULL;

  g_assert_cmpint (zb_test_web_admin (f->server, PASSWORD "\nanother-password\n", NULL,
                                      "add", "li", NULL), ==, 1);
  g_assert_cmpint (zb_test_web_admin (f->server, "short\nshort\n", NULL, "add", "li", NULL), ==, 1);
  g_assert_cmpint (zb_test_web_admin (f->server, NULL, &out, "list", NULL), ==, 0);
  g_assert_null (strstr (out, "li\t"));
  g_clear_pointer (&out, g_free);

  zb_test_web_add_account (f->server, "li");
  g_assert_cmpint (zb_test_web_admin (f->server, PASSWORD "\n" PASSWORD "\n", NULL,
                                      "add", "li", NULL), ==, 1);
  g_assert_cmpint (zb_test_web_admin (f->server, NULL, &out, "list", NULL), ==, 0);
  g_assert_nonnull (strstr (out, "li\t"));
  g_assert_nonnull (strstr (out, "wang\t"));
  g_assert_nonnull (strstr (out, "第一党支部"));

  /* yescrypt, never the password. */
  hash = db_value (f, "SELECT hash FROM committee_accounts WHERE name = 'li'");
  g_assert_true (g_str_has_prefix (hash, "$y$"));
  g_assert_null (strstr (hash, "secret"));

  cookie = zb_test_web_login (f->session, f->server, "li");
  g_assert_cmpuint (get_status (f, f->server, "/committee/", cookie), ==, 200);

  zb_test_web_admin_ok (f->server, "remove", "li", NULL);
  g_assert_cmpuint (get_status (f, f->server, "/committee/", cookie), ==, 303);
}

/* The sign-in page is Chinese, with no outside asset and no script; a
 * login sets a session cookie of 256 random bits that only its hash is
 * kept of, HttpOnly, SameSite=Strict, for /committee/ only, 12 hours. */
static void
test_login_cookie (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(ZbTestWebReply) page = zb_test_web_http (f->session, f->server, "GET",
                                                     "/committee/login", NULL, NULL);
  g_autoptr(ZbTestWebReply) reply = NULL, home = NULL;
  g_autofree char *token = NULL, *cookie = NULL, *stored = NULL, *sql = NULL, *hash = NULL;
  const char *line;

  g_assert_cmpuint (page->status, ==, 200);
  g_assert_nonnull (strstr (page->body, "<html lang=\"zh-CN\">"));
  g_assert_nonnull (strstr (page->body, "上级党委登录"));
  g_assert_null (strstr (page->body, "<script"));
  g_assert_null (strstr (page->body, "http"));
  line = zb_test_web_set_cookie_line (page, "zb_login");
  g_assert_nonnull (strstr (line, "; HttpOnly"));
  g_assert_nonnull (strstr (line, "; SameSite=Strict"));

  reply = zb_test_web_try_login (f->session, f->server, "wang", PASSWORD);
  g_assert_cmpuint (reply->status, ==, 303);
  line = zb_test_web_set_cookie_line (reply, "zb_session");
  g_assert_nonnull (line);
  /* Path=/: a browser sends it to /api/v1/dashboard too. */
  g_assert_nonnull (strstr (line, "; Path=/;"));
  g_assert_nonnull (strstr (line, "; HttpOnly"));
  g_assert_nonnull (strstr (line, "; SameSite=Strict"));
  g_assert_nonnull (strstr (line, "; Max-Age=43200"));
  g_assert_null (strstr (line, "Secure"));
  token = zb_test_web_set_cookie_value (reply, "zb_session");
  g_assert_cmpuint (strlen (token), ==, 43);

  hash = g_compute_checksum_for_string (G_CHECKSUM_SHA256, token, -1);
  sql = g_strdup_printf ("SELECT COUNT(*) FROM web_sessions WHERE token_hash = '%s' "
                         "AND account = 'wang' AND expires - created = 43200", hash);
  stored = db_value (f, sql);
  g_assert_cmpstr (stored, ==, "1");
  g_free (stored);
  stored = db_value (f, "SELECT COUNT(*) FROM web_sessions WHERE token_hash = csrf_token");
  g_assert_cmpstr (stored, ==, "0");

  cookie = g_strconcat ("zb_session=", token, NULL);
  home = zb_test_web_http (f->session, f->server, "GET", "/committee/", cookie, NULL);
  g_assert_cmpuint (home->status, ==, 200);
  g_assert_nonnull (strstr (home->body, "第一党支部"));
  g_assert_nonnull (strstr (home->body, "当前账号：wang"));
}

/* Under TLS the session cookie is Secure. */
static void
test_secure_cookie (Fixture       *f,
                    gconstpointer  data)
{
  g_autofree char *cert = g_build_filename (f->dir, "cert.pem", NULL);
  g_autofree char *key = g_build_filename (f->dir, "key.pem", NULL);
  g_autofree char *command = g_strdup_printf ("openssl req -x509 -newkey rsa:2048 -nodes "
                                              "-subj /CN=127.0.0.1 -addext "
                                              "subjectAltName=IP:127.0.0.1 -days 1 "
                                              "-keyout %s -out %s", key, cert);
  g_autoptr(ZbTestWebReply) reply = NULL;
  g_autoptr(GError) error = NULL;
  int status = -1;

  g_assert_true (g_spawn_command_line_sync (command, NULL, NULL, &status, &error));
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  zb_test_server_kill (f->server);
  g_clear_pointer (&f->server->url, g_free);
  f->server->tls_cert = g_strdup (cert);
  f->server->tls_key = g_strdup (key);
  zb_test_server_start (f->server);

  reply = zb_test_web_try_login (f->session, f->server, "wang", PASSWORD);
  g_assert_cmpuint (reply->status, ==, 303);
  g_assert_nonnull (strstr (zb_test_web_set_cookie_line (reply, "zb_session"), "; Secure"));
  g_assert_nonnull (strstr (zb_test_web_set_cookie_line (reply, "zb_login"), "; Secure"));
}

/* Five wrong passwords lock the account: the sixth try, with the right
 * one, is refused and says until when; `admin unlock` ends the lock. */
static void
test_lockout (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(ZbTestWebReply) locked = NULL;
  g_autofree char *out = NULL, *cookie = NULL;

  for (int i = 0; i < 5; i++)
    {
      g_autoptr(ZbTestWebReply) wrong = zb_test_web_try_login (f->session, f->server, "wang",
                                                               "wrong-password");

      g_assert_cmpuint (wrong->status, ==, 401);
      g_assert_null (zb_test_web_set_cookie_value (wrong, "zb_session"));
    }
  locked = zb_test_web_try_login (f->session, f->server, "wang", PASSWORD);
  g_assert_cmpuint (locked->status, ==, 401);
  g_assert_null (zb_test_web_set_cookie_value (locked, "zb_session"));
  g_assert_nonnull (strstr (locked->body, "已锁定至"));

  g_assert_cmpint (zb_test_web_admin (f->server, NULL, &out, "list", NULL), ==, 0);
  g_assert_nonnull (strstr (out, "locked until"));
  zb_test_web_admin_ok (f->server, "unlock", "wang", NULL);
  cookie = zb_test_web_login (f->session, f->server, "wang");
  g_assert_cmpuint (get_status (f, f->server, "/committee/", cookie), ==, 200);
}

/* The count is the database's: the lock holds after the server restarts. */
static void
test_lock_survives_restart (Fixture       *f,
                            gconstpointer  data)
{
  g_autoptr(ZbTestWebReply) locked = NULL;

  for (int i = 0; i < 5; i++)
    {
      g_autoptr(ZbTestWebReply) wrong = zb_test_web_try_login (f->session, f->server, "wang",
                                                               "wrong-password");

      g_assert_cmpuint (wrong->status, ==, 401);
    }
  zb_test_server_kill (f->server);
  zb_test_server_start (f->server);

  locked = zb_test_web_try_login (f->session, f->server, "wang", PASSWORD);
  g_assert_cmpuint (locked->status, ==, 401);
  g_assert_null (zb_test_web_set_cookie_value (locked, "zb_session"));
  g_assert_nonnull (strstr (locked->body, "已锁定至"));
}

/* An unknown account and a wrong password get the same page, and take as
 * long: both hash. */
static void
test_unknown_account (Fixture       *f,
                      gconstpointer  data)
{
  gint64 wrong_fastest = G_MAXINT64, unknown_fastest = G_MAXINT64;
  g_autofree char *wrong_body = NULL, *unknown_body = NULL;

  for (int i = 0; i < 3; i++)
    {
      gint64 start = g_get_monotonic_time ();
      g_autoptr(ZbTestWebReply) wrong = zb_test_web_try_login (f->session, f->server, "wang",
                                                               "wrong-password");
      gint64 middle = g_get_monotonic_time ();
      g_autoptr(ZbTestWebReply) unknown = zb_test_web_try_login (f->session, f->server, "nobody",
                                                                 "wrong-password");
      gint64 end = g_get_monotonic_time ();

      g_assert_cmpuint (wrong->status, ==, 401);
      g_assert_cmpuint (unknown->status, ==, 401);
      g_assert_nonnull (strstr (wrong->body, "账号或密码错误"));
      g_assert_nonnull (strstr (unknown->body, "账号或密码错误"));
      wrong_fastest = MIN (wrong_fastest, middle - start);
      unknown_fastest = MIN (unknown_fastest, end - middle);
    }
  g_test_message ("fastest wrong password %" G_GINT64_FORMAT " µs, unknown account %"
                  G_GINT64_FORMAT " µs", wrong_fastest, unknown_fastest);
  g_assert_cmpint (unknown_fastest * 3, >, wrong_fastest);
  g_assert_cmpint (wrong_fastest * 3, >, unknown_fastest);
}

/* A POST without the form's token, or with another, changes nothing. */
static void
test_csrf (Fixture       *f,
           gconstpointer  data)
{
  g_autofree char *token = zb_test_web_login_token (f->session, f->server);
  g_autofree char *login_cookie = g_strconcat ("zb_login=", token, NULL);
  g_autofree char *cookie = NULL, *csrf = NULL, *both = NULL, *count = NULL;
  g_autoptr(ZbTestWebReply) home = NULL;
  const char *bad_forms[] = { NULL, "not-the-token", "" };

  for (guint i = 0; i < G_N_ELEMENTS (bad_forms); i++)
    {
      g_autofree char *wrong = zb_test_web_form ("wang", "wrong-password", bad_forms[i]);
      g_autofree char *right = zb_test_web_form ("wang", PASSWORD, bad_forms[i]);
      g_autoptr(ZbTestWebReply) refused = zb_test_web_http (f->session, f->server, "POST",
                                                            "/committee/login",
                                                            login_cookie, wrong);
      g_autoptr(ZbTestWebReply) refused_right = zb_test_web_http (f->session, f->server, "POST",
                                                                  "/committee/login",
                                                                  login_cookie, right);
      g_autofree char *counted = failures (f);

      g_assert_cmpuint (refused->status, ==, 403);
      g_assert_cmpuint (refused_right->status, ==, 403);
      g_assert_null (zb_test_web_set_cookie_value (refused_right, "zb_session"));
      g_assert_cmpstr (counted, ==, "0");
    }
  /* The form's token without its cookie is refused too. */
  {
    g_autofree char *body = zb_test_web_form ("wang", PASSWORD, token);
    g_autoptr(ZbTestWebReply) refused = zb_test_web_http (f->session, f->server, "POST",
                                                          "/committee/login", NULL, body);

    g_assert_cmpuint (refused->status, ==, 403);
    g_assert_null (zb_test_web_set_cookie_value (refused, "zb_session"));
  }
  count = db_value (f, "SELECT COUNT(*) FROM web_sessions");
  g_assert_cmpstr (count, ==, "0");

  /* Signing out needs the session's token: without it the session lives. */
  cookie = zb_test_web_login (f->session, f->server, "wang");
  home = zb_test_web_http (f->session, f->server, "GET", "/committee/", cookie, NULL);
  csrf = zb_test_web_page_csrf (home->body);
  for (guint i = 0; i < G_N_ELEMENTS (bad_forms); i++)
    {
      g_autofree char *body = bad_forms[i] ? g_strconcat ("csrf=", bad_forms[i], NULL) : NULL;
      g_autoptr(ZbTestWebReply) refused = zb_test_web_http (f->session, f->server, "POST",
                                                            "/committee/logout", cookie, body);

      g_assert_cmpuint (refused->status, ==, 403);
      g_assert_cmpuint (get_status (f, f->server, "/committee/", cookie), ==, 200);
    }
  /* Nor does another session's token, or the login form's, sign it out. */
  both = g_strconcat (cookie, "; zb_login=", token, NULL);
  {
    g_autofree char *body = g_strconcat ("csrf=", token, NULL);
    g_autoptr(ZbTestWebReply) refused = zb_test_web_http (f->session, f->server, "POST",
                                                          "/committee/logout", both, body);

    g_assert_cmpuint (refused->status, ==, 403);
    g_assert_cmpuint (get_status (f, f->server, "/committee/", cookie), ==, 200);
  }
}

/* An account sees its own branches only. */
static void
test_branch_access (Fixture       *f,
                    gconstpointer  data)
{
  g_autofree char *cookie = zb_test_web_login (f->session, f->server, "wang");
  g_autofree char *path_a = g_strconcat ("/committee/branch/", f->branch_a, NULL);
  g_autofree char *path_b = g_strconcat ("/committee/branch/", f->branch_b, NULL);
  g_autoptr(ZbTestWebReply) home = zb_test_web_http (f->session, f->server, "GET", "/committee/",
                                                     cookie, NULL);
  g_autoptr(ZbTestWebReply) page_a = zb_test_web_http (f->session, f->server, "GET", path_a,
                                                       cookie, NULL);
  g_autoptr(ZbTestWebReply) page_b = zb_test_web_http (f->session, f->server, "GET", path_b,
                                                       cookie, NULL);
  g_autoptr(ZbTestWebReply) anonymous = zb_test_web_http (f->session, f->server, "GET", path_a,
                                                          NULL, NULL);

  g_assert_cmpuint (home->status, ==, 200);
  g_assert_nonnull (strstr (home->body, "第一党支部"));
  g_assert_null (strstr (home->body, "第二党支部"));
  /* The figures (test-server-dashboard checks them against the CLI). */
  g_assert_nonnull (strstr (home->body, "仅统计已定稿的记录"));

  g_assert_cmpuint (page_a->status, ==, 200);
  g_assert_nonnull (strstr (page_a->body, "第一党支部"));
  g_assert_nonnull (strstr (page_a->body, "最近同步：从未同步"));
  g_assert_cmpuint (page_b->status, ==, 403);
  g_assert_null (strstr (page_b->body, "第二党支部"));
  g_assert_cmpuint (get_status (f, f->server, "/committee/branch/no-such-branch", cookie), ==,
                    403);
  g_assert_cmpuint (anonymous->status, ==, 303);
  g_assert_cmpstr (anonymous->location, ==, "/committee/login");
  g_assert_cmpuint (get_status (f, f->server, "/committee/no-such-page", cookie), ==, 404);
  {
    g_autoptr(ZbTestWebReply) put = zb_test_web_http (f->session, f->server, "PUT", path_a,
                                                      cookie, "csrf=x");

    g_assert_cmpuint (put->status, ==, 405);
  }

  /* Assigned, it opens; taken away, it closes again. */
  zb_test_web_admin_ok (f->server, "assign", "wang", "第二党支部");
  g_assert_cmpuint (get_status (f, f->server, path_b, cookie), ==, 200);
  zb_test_web_admin_ok (f->server, "unassign", "wang", "第二党支部");
  g_assert_cmpuint (get_status (f, f->server, path_b, cookie), ==, 403);
}

/* Signing out ends the session: its cookie opens nothing after. */
static void
test_logout (Fixture       *f,
             gconstpointer  data)
{
  g_autofree char *cookie = zb_test_web_login (f->session, f->server, "wang");
  g_autoptr(ZbTestWebReply) home = zb_test_web_http (f->session, f->server, "GET", "/committee/",
                                                     cookie, NULL);
  g_autofree char *csrf = zb_test_web_page_csrf (home->body);
  g_autofree char *body = g_strconcat ("csrf=", csrf, NULL);
  g_autoptr(ZbTestWebReply) out = zb_test_web_http (f->session, f->server, "POST",
                                                    "/committee/logout", cookie, body);
  g_autoptr(ZbTestWebReply) after = NULL;
  g_autofree char *count = NULL;

  g_assert_cmpuint (out->status, ==, 303);
  g_assert_cmpstr (out->location, ==, "/committee/login");
  g_assert_nonnull (strstr (zb_test_web_set_cookie_line (out, "zb_session"), "Max-Age=0"));
  after = zb_test_web_http (f->session, f->server, "GET", "/committee/", cookie, NULL);
  g_assert_cmpuint (after->status, ==, 303);
  g_assert_cmpstr (after->location, ==, "/committee/login");
  count = db_value (f, "SELECT COUNT(*) FROM web_sessions");
  g_assert_cmpstr (count, ==, "0");
}

/* Two server processes on one database share sessions: a login on one is
 * good on the other, and a logout on the other ends it on both. */
static void
test_two_processes (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(ZbTestServer) other = zb_test_server_new (f->server->data, f->server->postgres);
  g_autofree char *cookie = NULL, *csrf = NULL, *body = NULL;
  g_autoptr(ZbTestWebReply) home = NULL, out = NULL;

  zb_test_server_start (other);
  cookie = zb_test_web_login (f->session, f->server, "wang");
  home = zb_test_web_http (f->session, other, "GET", "/committee/", cookie, NULL);
  g_assert_cmpuint (home->status, ==, 200);
  g_assert_nonnull (strstr (home->body, "第一党支部"));

  csrf = zb_test_web_page_csrf (home->body);
  body = g_strconcat ("csrf=", csrf, NULL);
  out = zb_test_web_http (f->session, other, "POST", "/committee/logout", cookie, body);
  g_assert_cmpuint (out->status, ==, 303);
  g_assert_cmpuint (get_status (f, f->server, "/committee/", cookie), ==, 303);
}

/* The pages are behind the PCs' rate limit, counted by the browser's
 * address: logins cost a hash each. */
static void
test_rate_limit (Fixture       *f,
                 gconstpointer  data)
{
  const char * const limit[] = { "--rate-limit", "10", NULL };
  guint refused = 0;

  zb_test_server_kill (f->server);
  f->server->serve_args = g_strdupv ((char **) limit);
  zb_test_server_start (f->server);

  g_assert_cmpuint (get_status (f, f->server, "/committee/login", NULL), ==, 200);
  for (int i = 0; i < 10; i++)
    refused += get_status (f, f->server, "/committee/login", NULL) == 429;
  g_assert_cmpuint (refused, >, 0);
}

int
main (int   argc,
      char *argv[])
{
  /* The pages' own default, Chinese, rather than the tests' LANGUAGE=C. */
  g_unsetenv ("LANGUAGE");
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);

  for (const char * const *engine = zb_test_server_engines (); *engine; engine++)
    {
#define ADD(name, func) \
      { \
        g_autofree char *path = g_strdup_printf ("/committee-web/%s/%s", *engine, name); \
        g_test_add (path, Fixture, *engine, fixture_set_up, func, fixture_tear_down); \
      }

      ADD ("admin-add", test_admin_add);
      ADD ("login-cookie", test_login_cookie);
      ADD ("secure-cookie", test_secure_cookie);
      ADD ("lockout", test_lockout);
      ADD ("lock-survives-restart", test_lock_survives_restart);
      ADD ("unknown-account", test_unknown_account);
      ADD ("csrf", test_csrf);
      ADD ("branch-access", test_branch_access);
      ADD ("logout", test_logout);
      ADD ("two-processes", test_two_processes);
      ADD ("rate-limit", test_rate_limit);
#undef ADD
    }

  return g_test_run ();
}
