#define G_LOG_DOMAIN "test-committee-web"

#include "config.h"

#include <locale.h>
#include <string.h>

#include <libsoup/soup.h>

#include "zb-server-db-sqlite.h"
#include "zb-test-engine.h"
#include "zb-test-server.h"
#include "zb-test-util.h"

/* The committee's accounts and pages (issue 15, first part) on a real
 * zhibu-server process on loopback, over HTTP as a browser speaks it:
 * cookies and forms handled here by hand, so that their attributes are
 * checked as sent. The pages are Chinese by default: the servers run
 * without LANGUAGE. */

#define PASSWORD "党建-secret-2026"

typedef struct
{
  char              *dir;
  ZbTestServerPlace *place;
  ZbTestServer      *server;
  SoupSession       *session;
  char              *branch_a;
  char              *branch_b;
} Fixture;

typedef struct
{
  guint      status;
  char      *body;
  char      *location;
  GPtrArray *set_cookies;
} Reply;

static void
reply_free (Reply *reply)
{
  g_free (reply->body);
  g_free (reply->location);
  g_ptr_array_unref (reply->set_cookies);
  g_free (reply);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Reply, reply_free)

/* `zhibu-server admin ...` with @input on its standard input (a pipe, not
 * a terminal); its exit status, and its stdout in @out. */
static int
admin (Fixture     *f,
       const char  *input,
       char       **out,
       const char  *first,
       ...)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *stdout_text = NULL;
  va_list args;

  g_ptr_array_add (argv, (char *) g_getenv ("ZHIBU_SERVER"));
  g_ptr_array_add (argv, "--data");
  g_ptr_array_add (argv, f->server->data);
  if (f->server->postgres != NULL)
    {
      g_ptr_array_add (argv, "--postgres");
      g_ptr_array_add (argv, f->server->postgres);
    }
  g_ptr_array_add (argv, "admin");
  va_start (args, first);
  for (const char *arg = first; arg != NULL; arg = va_arg (args, const char *))
    g_ptr_array_add (argv, (char *) arg);
  va_end (args);
  g_ptr_array_add (argv, NULL);

  process = g_subprocess_newv ((const char * const *) argv->pdata,
                               G_SUBPROCESS_FLAGS_STDIN_PIPE | G_SUBPROCESS_FLAGS_STDOUT_PIPE,
                               &error);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8 (process, input ? input : "", NULL, &stdout_text, NULL, &error);
  g_assert_no_error (error);
  if (out != NULL)
    *out = g_steal_pointer (&stdout_text);
  return g_subprocess_get_exit_status (process);
}

static void
admin_ok (Fixture    *f,
          const char *command,
          const char *name,
          const char *branch)
{
  g_assert_cmpint (admin (f, NULL, NULL, command, name, branch, NULL), ==, 0);
}

static void
add_account (Fixture    *f,
             const char *name)
{
  g_autofree char *input = g_strdup_printf ("%s\n%s\n", PASSWORD, PASSWORD);

  g_assert_cmpint (admin (f, input, NULL, "add", name, NULL), ==, 0);
}

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
  add_account (f, "wang");
  admin_ok (f, "assign", "wang", "第一党支部");
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

static gboolean
accept_test_certificate_cb (SoupMessage          *msg,
                            GTlsCertificate      *certificate,
                            GTlsCertificateFlags  errors,
                            gpointer              user_data)
{
  /* Self-signed for the test, and for nothing else: only that flag. */
  return errors == G_TLS_CERTIFICATE_UNKNOWN_CA;
}

/* One request to @server, redirects not followed; @form is
 * form-urlencoded. */
static Reply *
http (Fixture      *f,
      ZbTestServer *server,
      const char   *method,
      const char   *path,
      const char   *cookie,
      const char   *form)
{
  g_autofree char *url = g_strconcat (server->url, path + 1, NULL);
  g_autoptr(SoupMessage) msg = soup_message_new (method, url);
  SoupMessageHeaders *headers = soup_message_get_request_headers (msg);
  g_autoptr(GBytes) body = NULL;
  g_autoptr(GError) error = NULL;
  SoupMessageHeadersIter iter;
  const char *name, *value;
  Reply *reply = g_new0 (Reply, 1);

  soup_message_add_flags (msg, SOUP_MESSAGE_NO_REDIRECT);
  g_signal_connect (msg, "accept-certificate", G_CALLBACK (accept_test_certificate_cb), NULL);
  if (cookie != NULL)
    soup_message_headers_replace (headers, "Cookie", cookie);
  if (form != NULL)
    {
      g_autoptr(GBytes) bytes = g_bytes_new (form, strlen (form));

      soup_message_set_request_body_from_bytes (msg, "application/x-www-form-urlencoded", bytes);
    }
  body = soup_session_send_and_read (f->session, msg, NULL, &error);
  g_assert_no_error (error);

  reply->status = soup_message_get_status (msg);
  reply->body = g_strndup (g_bytes_get_data (body, NULL), g_bytes_get_size (body));
  reply->set_cookies = g_ptr_array_new_with_free_func (g_free);
  soup_message_headers_iter_init (&iter, soup_message_get_response_headers (msg));
  while (soup_message_headers_iter_next (&iter, &name, &value))
    {
      if (g_ascii_strcasecmp (name, "Set-Cookie") == 0)
        g_ptr_array_add (reply->set_cookies, g_strdup (value));
      else if (g_ascii_strcasecmp (name, "Location") == 0)
        reply->location = g_strdup (value);
    }
  return reply;
}

/* The whole Set-Cookie line for @name, or NULL. */
static const char *
set_cookie_line (Reply      *reply,
                 const char *name)
{
  gsize length = strlen (name);

  for (guint i = 0; i < reply->set_cookies->len; i++)
    {
      const char *line = g_ptr_array_index (reply->set_cookies, i);

      if (strncmp (line, name, length) == 0 && line[length] == '=')
        return line;
    }
  return NULL;
}

/* The value a Set-Cookie gives @name, or NULL (also for a cleared one). */
static char *
set_cookie_value (Reply      *reply,
                  const char *name)
{
  const char *line = set_cookie_line (reply, name);
  const char *start = line ? line + strlen (name) + 1 : NULL;

  if (start == NULL || *start == ';' || *start == '\0')
    return NULL;
  return g_strndup (start, strcspn (start, ";"));
}

static char *
form (const char *name,
      const char *password,
      const char *csrf)
{
  g_autoptr(GHashTable) fields = g_hash_table_new (g_str_hash, g_str_equal);

  if (name != NULL)
    g_hash_table_insert (fields, "name", (gpointer) name);
  if (password != NULL)
    g_hash_table_insert (fields, "password", (gpointer) password);
  if (csrf != NULL)
    g_hash_table_insert (fields, "csrf", (gpointer) csrf);
  return soup_form_encode_hash (fields);
}

/* Opens the sign-in form, as a browser does first: its pre-session
 * cookie, which is also the form's token. */
static char *
login_token (Fixture      *f,
             ZbTestServer *server)
{
  g_autoptr(Reply) page = http (f, server, "GET", "/committee/login", NULL, NULL);
  char *token = set_cookie_value (page, "zb_login");
  g_autofree char *field = NULL;

  g_assert_cmpuint (page->status, ==, 200);
  g_assert_nonnull (token);
  field = g_strdup_printf ("name=\"csrf\" value=\"%s\"", token);
  g_assert_nonnull (strstr (page->body, field));
  return token;
}

/* Signs in the way the form does; the reply. */
static Reply *
try_login (Fixture      *f,
           ZbTestServer *server,
           const char   *name,
           const char   *password)
{
  g_autofree char *token = login_token (f, server);
  g_autofree char *cookie = g_strconcat ("zb_login=", token, NULL);
  g_autofree char *body = form (name, password, token);

  return http (f, server, "POST", "/committee/login", cookie, body);
}

/* A session's Cookie header, after a successful login. */
static char *
login (Fixture      *f,
       ZbTestServer *server,
       const char   *name)
{
  g_autoptr(Reply) reply = try_login (f, server, name, PASSWORD);
  g_autofree char *token = set_cookie_value (reply, "zb_session");

  g_assert_cmpuint (reply->status, ==, 303);
  g_assert_cmpstr (reply->location, ==, "/committee/");
  g_assert_nonnull (token);
  return g_strconcat ("zb_session=", token, NULL);
}

/* The page's CSRF token: the value of its hidden csrf field. */
static char *
page_csrf (const char *body)
{
  const char *start = strstr (body, "name=\"csrf\" value=\"");

  g_assert_nonnull (start);
  start += strlen ("name=\"csrf\" value=\"");
  return g_strndup (start, strcspn (start, "\""));
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
  g_autoptr(Reply) reply = http (f, server, "GET", path, cookie, NULL);

  return reply->status;
}

/* `admin add` reads the password twice from a pipe; two that differ add
 * nothing; the account then signs in. */
static void
test_admin_add (Fixture       *f,
                gconstpointer  data)
{
  g_autofree char *out = NULL, *cookie = NULL, *hash = NULL;

  g_assert_cmpint (admin (f, PASSWORD "\nanother-password\n", NULL, "add", "li", NULL), ==, 1);
  g_assert_cmpint (admin (f, "short\nshort\n", NULL, "add", "li", NULL), ==, 1);
  g_assert_cmpint (admin (f, NULL, &out, "list", NULL), ==, 0);
  g_assert_null (strstr (out, "li\t"));
  g_clear_pointer (&out, g_free);

  add_account (f, "li");
  g_assert_cmpint (admin (f, PASSWORD "\n" PASSWORD "\n", NULL, "add", "li", NULL), ==, 1);
  g_assert_cmpint (admin (f, NULL, &out, "list", NULL), ==, 0);
  g_assert_nonnull (strstr (out, "li\t"));
  g_assert_nonnull (strstr (out, "wang\t"));
  g_assert_nonnull (strstr (out, "第一党支部"));

  /* yescrypt, never the password. */
  hash = db_value (f, "SELECT hash FROM committee_accounts WHERE name = 'li'");
  g_assert_true (g_str_has_prefix (hash, "$y$"));
  g_assert_null (strstr (hash, "secret"));

  cookie = login (f, f->server, "li");
  g_assert_cmpuint (get_status (f, f->server, "/committee/", cookie), ==, 200);

  admin_ok (f, "remove", "li", NULL);
  g_assert_cmpuint (get_status (f, f->server, "/committee/", cookie), ==, 303);
}

/* The sign-in page is Chinese, with no outside asset and no script; a
 * login sets a session cookie of 256 random bits that only its hash is
 * kept of, HttpOnly, SameSite=Strict, for /committee/ only, 12 hours. */
static void
test_login_cookie (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(Reply) page = http (f, f->server, "GET", "/committee/login", NULL, NULL);
  g_autoptr(Reply) reply = NULL, home = NULL;
  g_autofree char *token = NULL, *cookie = NULL, *stored = NULL, *sql = NULL, *hash = NULL;
  const char *line;

  g_assert_cmpuint (page->status, ==, 200);
  g_assert_nonnull (strstr (page->body, "<html lang=\"zh-CN\">"));
  g_assert_nonnull (strstr (page->body, "上级党委登录"));
  g_assert_null (strstr (page->body, "<script"));
  g_assert_null (strstr (page->body, "http"));
  line = set_cookie_line (page, "zb_login");
  g_assert_nonnull (strstr (line, "; HttpOnly"));
  g_assert_nonnull (strstr (line, "; SameSite=Strict"));

  reply = try_login (f, f->server, "wang", PASSWORD);
  g_assert_cmpuint (reply->status, ==, 303);
  line = set_cookie_line (reply, "zb_session");
  g_assert_nonnull (line);
  /* Path=/: a browser sends it to /api/v1/dashboard too. */
  g_assert_nonnull (strstr (line, "; Path=/;"));
  g_assert_nonnull (strstr (line, "; HttpOnly"));
  g_assert_nonnull (strstr (line, "; SameSite=Strict"));
  g_assert_nonnull (strstr (line, "; Max-Age=43200"));
  g_assert_null (strstr (line, "Secure"));
  token = set_cookie_value (reply, "zb_session");
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
  home = http (f, f->server, "GET", "/committee/", cookie, NULL);
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
  g_autoptr(Reply) reply = NULL;
  g_autoptr(GError) error = NULL;
  int status = -1;

  g_assert_true (g_spawn_command_line_sync (command, NULL, NULL, &status, &error));
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  zb_test_server_kill (f->server);
  g_clear_pointer (&f->server->url, g_free);
  f->server->tls_cert = g_strdup (cert);
  f->server->tls_key = g_strdup (key);
  zb_test_server_start (f->server);

  reply = try_login (f, f->server, "wang", PASSWORD);
  g_assert_cmpuint (reply->status, ==, 303);
  g_assert_nonnull (strstr (set_cookie_line (reply, "zb_session"), "; Secure"));
  g_assert_nonnull (strstr (set_cookie_line (reply, "zb_login"), "; Secure"));
}

/* Five wrong passwords lock the account: the sixth try, with the right
 * one, is refused and says until when; `admin unlock` ends the lock. */
static void
test_lockout (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(Reply) locked = NULL;
  g_autofree char *out = NULL, *cookie = NULL;

  for (int i = 0; i < 5; i++)
    {
      g_autoptr(Reply) wrong = try_login (f, f->server, "wang", "wrong-password");

      g_assert_cmpuint (wrong->status, ==, 401);
      g_assert_null (set_cookie_value (wrong, "zb_session"));
    }
  locked = try_login (f, f->server, "wang", PASSWORD);
  g_assert_cmpuint (locked->status, ==, 401);
  g_assert_null (set_cookie_value (locked, "zb_session"));
  g_assert_nonnull (strstr (locked->body, "已锁定至"));

  g_assert_cmpint (admin (f, NULL, &out, "list", NULL), ==, 0);
  g_assert_nonnull (strstr (out, "locked until"));
  admin_ok (f, "unlock", "wang", NULL);
  cookie = login (f, f->server, "wang");
  g_assert_cmpuint (get_status (f, f->server, "/committee/", cookie), ==, 200);
}

/* The count is the database's: the lock holds after the server restarts. */
static void
test_lock_survives_restart (Fixture       *f,
                            gconstpointer  data)
{
  g_autoptr(Reply) locked = NULL;

  for (int i = 0; i < 5; i++)
    {
      g_autoptr(Reply) wrong = try_login (f, f->server, "wang", "wrong-password");

      g_assert_cmpuint (wrong->status, ==, 401);
    }
  zb_test_server_kill (f->server);
  zb_test_server_start (f->server);

  locked = try_login (f, f->server, "wang", PASSWORD);
  g_assert_cmpuint (locked->status, ==, 401);
  g_assert_null (set_cookie_value (locked, "zb_session"));
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
      g_autoptr(Reply) wrong = try_login (f, f->server, "wang", "wrong-password");
      gint64 middle = g_get_monotonic_time ();
      g_autoptr(Reply) unknown = try_login (f, f->server, "nobody", "wrong-password");
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
  g_autofree char *token = login_token (f, f->server);
  g_autofree char *login_cookie = g_strconcat ("zb_login=", token, NULL);
  g_autofree char *cookie = NULL, *csrf = NULL, *both = NULL, *count = NULL;
  g_autoptr(Reply) home = NULL;
  const char *bad_forms[] = { NULL, "not-the-token", "" };

  for (guint i = 0; i < G_N_ELEMENTS (bad_forms); i++)
    {
      g_autofree char *wrong = form ("wang", "wrong-password", bad_forms[i]);
      g_autofree char *right = form ("wang", PASSWORD, bad_forms[i]);
      g_autoptr(Reply) refused = http (f, f->server, "POST", "/committee/login", login_cookie,
                                       wrong);
      g_autoptr(Reply) refused_right = http (f, f->server, "POST", "/committee/login",
                                             login_cookie, right);
      g_autofree char *counted = failures (f);

      g_assert_cmpuint (refused->status, ==, 403);
      g_assert_cmpuint (refused_right->status, ==, 403);
      g_assert_null (set_cookie_value (refused_right, "zb_session"));
      g_assert_cmpstr (counted, ==, "0");
    }
  /* The form's token without its cookie is refused too. */
  {
    g_autofree char *body = form ("wang", PASSWORD, token);
    g_autoptr(Reply) refused = http (f, f->server, "POST", "/committee/login", NULL, body);

    g_assert_cmpuint (refused->status, ==, 403);
    g_assert_null (set_cookie_value (refused, "zb_session"));
  }
  count = db_value (f, "SELECT COUNT(*) FROM web_sessions");
  g_assert_cmpstr (count, ==, "0");

  /* Signing out needs the session's token: without it the session lives. */
  cookie = login (f, f->server, "wang");
  home = http (f, f->server, "GET", "/committee/", cookie, NULL);
  csrf = page_csrf (home->body);
  for (guint i = 0; i < G_N_ELEMENTS (bad_forms); i++)
    {
      g_autofree char *body = bad_forms[i] ? g_strconcat ("csrf=", bad_forms[i], NULL) : NULL;
      g_autoptr(Reply) refused = http (f, f->server, "POST", "/committee/logout", cookie, body);

      g_assert_cmpuint (refused->status, ==, 403);
      g_assert_cmpuint (get_status (f, f->server, "/committee/", cookie), ==, 200);
    }
  /* Nor does another session's token, or the login form's, sign it out. */
  both = g_strconcat (cookie, "; zb_login=", token, NULL);
  {
    g_autofree char *body = g_strconcat ("csrf=", token, NULL);
    g_autoptr(Reply) refused = http (f, f->server, "POST", "/committee/logout", both, body);

    g_assert_cmpuint (refused->status, ==, 403);
    g_assert_cmpuint (get_status (f, f->server, "/committee/", cookie), ==, 200);
  }
}

/* An account sees its own branches only. */
static void
test_branch_access (Fixture       *f,
                    gconstpointer  data)
{
  g_autofree char *cookie = login (f, f->server, "wang");
  g_autofree char *path_a = g_strconcat ("/committee/branch/", f->branch_a, NULL);
  g_autofree char *path_b = g_strconcat ("/committee/branch/", f->branch_b, NULL);
  g_autoptr(Reply) home = http (f, f->server, "GET", "/committee/", cookie, NULL);
  g_autoptr(Reply) page_a = http (f, f->server, "GET", path_a, cookie, NULL);
  g_autoptr(Reply) page_b = http (f, f->server, "GET", path_b, cookie, NULL);
  g_autoptr(Reply) anonymous = http (f, f->server, "GET", path_a, NULL, NULL);

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
    g_autoptr(Reply) put = http (f, f->server, "PUT", path_a, cookie, "csrf=x");

    g_assert_cmpuint (put->status, ==, 405);
  }

  /* Assigned, it opens; taken away, it closes again. */
  admin_ok (f, "assign", "wang", "第二党支部");
  g_assert_cmpuint (get_status (f, f->server, path_b, cookie), ==, 200);
  admin_ok (f, "unassign", "wang", "第二党支部");
  g_assert_cmpuint (get_status (f, f->server, path_b, cookie), ==, 403);
}

/* Signing out ends the session: its cookie opens nothing after. */
static void
test_logout (Fixture       *f,
             gconstpointer  data)
{
  g_autofree char *cookie = login (f, f->server, "wang");
  g_autoptr(Reply) home = http (f, f->server, "GET", "/committee/", cookie, NULL);
  g_autofree char *csrf = page_csrf (home->body);
  g_autofree char *body = g_strconcat ("csrf=", csrf, NULL);
  g_autoptr(Reply) out = http (f, f->server, "POST", "/committee/logout", cookie, body);
  g_autoptr(Reply) after = NULL;
  g_autofree char *count = NULL;

  g_assert_cmpuint (out->status, ==, 303);
  g_assert_cmpstr (out->location, ==, "/committee/login");
  g_assert_nonnull (strstr (set_cookie_line (out, "zb_session"), "Max-Age=0"));
  after = http (f, f->server, "GET", "/committee/", cookie, NULL);
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
  g_autoptr(Reply) home = NULL, out = NULL;

  zb_test_server_start (other);
  cookie = login (f, f->server, "wang");
  home = http (f, other, "GET", "/committee/", cookie, NULL);
  g_assert_cmpuint (home->status, ==, 200);
  g_assert_nonnull (strstr (home->body, "第一党支部"));

  csrf = page_csrf (home->body);
  body = g_strconcat ("csrf=", csrf, NULL);
  out = http (f, other, "POST", "/committee/logout", cookie, body);
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
