#define G_LOG_DOMAIN "zb-test-web"

#include "config.h"

#include <string.h>

#include "zb-test-web.h"

/* The committee's accounts and pages over HTTP, as a browser speaks to
 * them: cookies and forms by hand, so that the tests see their attributes
 * as sent, and redirects not followed, so that they see where they lead.
 * $ZHIBU_SERVER is the built zhibu-server (tests/meson.build sets it). */

static gboolean
accept_test_certificate_cb (SoupMessage          *msg,
                            GTlsCertificate      *certificate,
                            GTlsCertificateFlags  errors,
                            gpointer              user_data)
{
  /* Self-signed for the test, and for nothing else: only that flag. */
  return errors == G_TLS_CERTIFICATE_UNKNOWN_CA;
}

void
zb_test_web_reply_free (ZbTestWebReply *reply)
{
  g_free (reply->body);
  g_free (reply->location);
  g_ptr_array_unref (reply->set_cookies);
  g_free (reply);
}

/* `zhibu-server admin ...` with @input on its standard input (a pipe, not
 * a terminal); its exit status, and its stdout in @out. */
int
zb_test_web_admin (ZbTestServer  *server,
                   const char    *input,
                   char         **out,
                   const char    *first,
                   ...)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *stdout_text = NULL;
  va_list args;

  g_ptr_array_add (argv, (char *) g_getenv ("ZHIBU_SERVER"));
  g_ptr_array_add (argv, "--data");
  g_ptr_array_add (argv, server->data);
  if (server->postgres != NULL)
    {
      g_ptr_array_add (argv, "--postgres");
      g_ptr_array_add (argv, server->postgres);
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

/* An `admin` command that reads nothing, which must succeed; @branch may
 * be NULL. */
void
zb_test_web_admin_ok (ZbTestServer *server,
                      const char   *command,
                      const char   *name,
                      const char   *branch)
{
  g_assert_cmpint (zb_test_web_admin (server, NULL, NULL, command, name, branch, NULL), ==, 0);
}

/* `admin add` @name, with ZB_TEST_WEB_PASSWORD given twice as it asks. */
void
zb_test_web_add_account (ZbTestServer *server,
                         const char   *name)
{
  const char *input = ZB_TEST_WEB_PASSWORD "\n" ZB_TEST_WEB_PASSWORD "\n";

  g_assert_cmpint (zb_test_web_admin (server, input, NULL, "add", name, NULL), ==, 0);
}

/* One request to @server on @session, redirects not followed; @form is
 * form-urlencoded. */
ZbTestWebReply *
zb_test_web_http (SoupSession  *session,
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
  ZbTestWebReply *reply = g_new0 (ZbTestWebReply, 1);

  soup_message_add_flags (msg, SOUP_MESSAGE_NO_REDIRECT);
  g_signal_connect (msg, "accept-certificate", G_CALLBACK (accept_test_certificate_cb), NULL);
  if (cookie != NULL)
    soup_message_headers_replace (headers, "Cookie", cookie);
  if (form != NULL)
    {
      g_autoptr(GBytes) bytes = g_bytes_new (form, strlen (form));

      soup_message_set_request_body_from_bytes (msg, "application/x-www-form-urlencoded", bytes);
    }
  body = soup_session_send_and_read (session, msg, NULL, &error);
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
const char *
zb_test_web_set_cookie_line (ZbTestWebReply *reply,
                             const char     *name)
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
char *
zb_test_web_set_cookie_value (ZbTestWebReply *reply,
                              const char     *name)
{
  const char *line = zb_test_web_set_cookie_line (reply, name);
  const char *start = line ? line + strlen (name) + 1 : NULL;

  if (start == NULL || *start == ';' || *start == '\0')
    return NULL;
  return g_strndup (start, strcspn (start, ";"));
}

/* The sign-in form's fields; a NULL one is left out. */
char *
zb_test_web_form (const char *name,
                  const char *password,
                  const char *csrf)
{
  return zb_test_web_encode ("name", name, "password", password, "csrf", csrf, NULL);
}

/* Pairs of field name and value, form-urlencoded; a NULL value leaves its
 * field out. */
char *
zb_test_web_encode (const char *first,
                    ...)
{
  g_autoptr(GHashTable) fields = g_hash_table_new (g_str_hash, g_str_equal);
  va_list args;

  va_start (args, first);
  for (const char *name = first; name != NULL; name = va_arg (args, const char *))
    {
      const char *value = va_arg (args, const char *);

      if (value != NULL)
        g_hash_table_insert (fields, (gpointer) name, (gpointer) value);
    }
  va_end (args);
  return soup_form_encode_hash (fields);
}

/* The page's CSRF token: the value of its hidden csrf field. */
char *
zb_test_web_page_csrf (const char *body)
{
  const char *start = strstr (body, "name=\"csrf\" value=\"");

  g_assert_nonnull (start);
  start += strlen ("name=\"csrf\" value=\"");
  return g_strndup (start, strcspn (start, "\""));
}

/* Opens the sign-in form, as a browser does first: its pre-session
 * cookie, which is also the form's token. */
char *
zb_test_web_login_token (SoupSession  *session,
                         ZbTestServer *server)
{
  g_autoptr(ZbTestWebReply) page = zb_test_web_http (session, server, "GET", "/committee/login",
                                                     NULL, NULL);
  char *token = zb_test_web_set_cookie_value (page, "zb_login");
  g_autofree char *field = NULL;

  g_assert_cmpuint (page->status, ==, 200);
  g_assert_nonnull (token);
  field = g_strdup_printf ("name=\"csrf\" value=\"%s\"", token);
  g_assert_nonnull (strstr (page->body, field));
  return token;
}

/* Signs in the way the form does; the reply. */
ZbTestWebReply *
zb_test_web_try_login (SoupSession  *session,
                       ZbTestServer *server,
                       const char   *name,
                       const char   *password)
{
  g_autofree char *token = zb_test_web_login_token (session, server);
  g_autofree char *cookie = g_strconcat ("zb_login=", token, NULL);
  g_autofree char *body = zb_test_web_form (name, password, token);

  return zb_test_web_http (session, server, "POST", "/committee/login", cookie, body);
}

/* A session's Cookie header, after a successful login with
 * ZB_TEST_WEB_PASSWORD. */
char *
zb_test_web_login (SoupSession  *session,
                   ZbTestServer *server,
                   const char   *name)
{
  g_autoptr(ZbTestWebReply) reply = zb_test_web_try_login (session, server, name,
                                                           ZB_TEST_WEB_PASSWORD);
  g_autofree char *token = zb_test_web_set_cookie_value (reply, "zb_session");

  g_assert_cmpuint (reply->status, ==, 303);
  g_assert_cmpstr (reply->location, ==, "/committee/");
  g_assert_nonnull (token);
  return g_strconcat ("zb_session=", token, NULL);
}
