#define G_LOG_DOMAIN "zb-server-web"

#include "config.h"

#include <libintl.h>
#include <locale.h>
#include <string.h>

#include <glib/gi18n.h>

#include "zb-server-accounts.h"
#include "zb-server-dashboard.h"
#include "zb-server-db.h"
#include "zb-server-review-web.h"
#include "zb-server-web-page.h"
#include "zb-server-web.h"

/* The committee's pages (README.md beside this file, "Committee web
 * pages"): server-rendered HTML with no script and no outside asset, so
 * that they work in any browser the committee's office has.
 *
 * Pages are in Chinese unless LANGUAGE says otherwise: each page is made
 * under a zh_CN.UTF-8 locale of its thread (uselocale), whatever the
 * server's own locale, and glibc's gettext reads LANGUAGE before that
 * locale. GLib's _() decides once, from the process's locale, whether to
 * translate at all, so pages call dgettext themselves. The server's logs
 * and command lines keep the process's locale.
 *
 * Each answer is a JSON description of the HTTP response (status, headers,
 * body), since workers hand JsonNodes back to the main loop, which alone
 * touches the message. */

#define LOGIN_COOKIE   "zb_login"
#define SESSION_COOKIE "zb_session"
#define LOGIN_PATH     ZB_SERVER_WEB_LOGIN_PATH
#define LOGOUT_PATH    ZB_SERVER_WEB_LOGOUT_PATH
#define BRANCH_PATH    ZB_SERVER_WEB_BRANCH_PATH

/* The thread's locale for pages: zh_CN unless the system lacks it. */
static locale_t
page_locale (void)
{
  static locale_t locale;
  static gsize made;

  if (g_once_init_enter (&made))
    {
      locale = newlocale (LC_ALL_MASK, "zh_CN.UTF-8", (locale_t) 0);
      if (locale == (locale_t) 0)
        g_message ("No zh_CN.UTF-8 locale: committee pages follow the server's locale");
      g_once_init_leave (&made, 1);
    }
  return locale ? locale : LC_GLOBAL_LOCALE;
}

void
zb_web_request_init (ZbWebRequest      *request,
                     SoupServerMessage *msg,
                     gboolean           https)
{
  SoupMessageHeaders *headers = soup_server_message_get_request_headers (msg);
  SoupMessageBody *body = soup_server_message_get_request_body (msg);

  request->method = g_strdup (soup_server_message_get_method (msg));
  request->path = g_strdup (g_uri_get_path (soup_server_message_get_uri (msg)));
  request->cookie = g_strdup (soup_message_headers_get_list (headers, "Cookie"));
  request->content_type = g_strdup (soup_message_headers_get_content_type (headers, NULL));
  if (body->length > 0)
    request->body = soup_message_body_flatten (body);
  request->https = https;
}

void
zb_web_request_clear (ZbWebRequest *request)
{
  g_clear_pointer (&request->method, g_free);
  g_clear_pointer (&request->path, g_free);
  g_clear_pointer (&request->cookie, g_free);
  g_clear_pointer (&request->content_type, g_free);
  g_clear_pointer (&request->body, g_bytes_unref);
}

/* A cookie's value from the Cookie header, or NULL. */
static char *
cookie_value (const ZbWebRequest *request,
              const char         *name)
{
  g_auto(GStrv) pairs = request->cookie ? g_strsplit_set (request->cookie, ";,", -1) : NULL;
  gsize length = strlen (name);

  for (guint i = 0; pairs && pairs[i]; i++)
    {
      const char *pair = g_strstrip (pairs[i]);

      if (strncmp (pair, name, length) == 0 && pair[length] == '=' && pair[length + 1] != '\0')
        return g_strdup (pair + length + 1);
    }
  return NULL;
}

/* The session's cookie goes to the pages and to /api/v1/dashboard, which
 * the browser of a signed-in officer may open as well (Path=/; the sync API
 * takes bearer tokens only and never reads it); the sign-in form's cookie
 * only to the pages. SameSite=Strict keeps both from every request another
 * site starts. */
static char *
cookie_header (const ZbWebRequest *request,
               const char         *name,
               const char         *value,
               const char         *max_age)
{
  const char *path = g_str_equal (name, SESSION_COOKIE) ? "/" : ZB_SERVER_WEB_PREFIX;

  return g_strdup_printf ("%s=%s; Path=%s; HttpOnly; SameSite=Strict%s%s%s", name,
                          value ? value : "", path,
                          max_age ? "; Max-Age=" : "", max_age ? max_age : "",
                          request->https ? "; Secure" : "");
}

static char *
local_time_from_iso (const char *iso)
{
  g_autoptr(GDateTime) utc = iso ? g_date_time_new_from_iso8601 (iso, NULL) : NULL;
  g_autoptr(GDateTime) local = utc ? g_date_time_to_local (utc) : NULL;

  return local ? g_date_time_format (local, "%Y-%m-%d %H:%M") : g_strdup (_("never"));
}

/* The sign-in form; @csrf is the pre-session cookie's value, which the form
 * must send back (double submit: another site can neither read the cookie
 * nor, under SameSite=Strict, send it). */
static void
login_page (Page       *page,
            guint       status,
            const char *csrf,
            const char *name,
            const char *problem)
{
  page_open (page, status, _("Committee sign-in"));
  if (problem != NULL)
    append_paragraph (page->body, "error", problem);
  g_string_append_printf (page->body, "<form method=\"post\" action=\"%s\">", LOGIN_PATH);
  append_hidden_csrf (page->body, csrf);
  g_string_append (page->body, "<label for=\"name\">");
  append_text (page->body, _("Account"));
  g_string_append (page->body, "</label><input type=\"text\" id=\"name\" name=\"name\" "
                               "autocomplete=\"username\" required value=\"");
  append_text (page->body, name ? name : "");
  g_string_append (page->body, "\"><label for=\"password\">");
  append_text (page->body, _("Password"));
  g_string_append (page->body, "</label><input type=\"password\" id=\"password\" "
                               "name=\"password\" autocomplete=\"current-password\" required>"
                               "<button type=\"submit\">");
  append_text (page->body, _("Sign in"));
  g_string_append (page->body, "</button></form>\n");
  page_close (page);
}

static gboolean
get_login (Page                *page,
           const ZbWebRequest  *request,
           GError             **error)
{
  g_autofree char *token = cookie_value (request, LOGIN_COOKIE);

  if (token == NULL || strlen (token) != 43)
    {
      g_clear_pointer (&token, g_free);
      if ((token = zb_server_random_token (error)) == NULL)
        return FALSE;
    }
  login_page (page, SOUP_STATUS_OK, token, NULL, NULL);
  page_add_header (page, "Set-Cookie", cookie_header (request, LOGIN_COOKIE, token, NULL));
  return TRUE;
}

static gboolean
post_login (Page                *page,
            ZbServerStore       *store,
            const ZbWebRequest  *request,
            GError             **error)
{
  g_autoptr(GHashTable) form = read_form (request->body, request->content_type);
  g_autofree char *expected = cookie_value (request, LOGIN_COOKIE);
  g_autofree char *old_token = cookie_value (request, SESSION_COOKIE);
  g_autofree char *token = NULL, *problem = NULL, *until = NULL;
  g_autofree char *max_age = g_strdup_printf ("%d", ZB_SESSION_SECONDS);
  g_autoptr(ZbWebSession) old = NULL;
  const char *name = g_hash_table_lookup (form, "name");
  ZbLoginOutcome outcome;
  gint64 locked_until;

  if (!zb_server_secret_equal (g_hash_table_lookup (form, "csrf"), expected))
    {
      forbidden_form (page);
      return TRUE;
    }
  if (!zb_server_accounts_login (store, name, g_hash_table_lookup (form, "password"), &outcome,
                                 &locked_until, error))
    return FALSE;

  if (outcome != ZB_LOGIN_OK)
    {
      until = local_time_from_seconds (locked_until);
      if (outcome == ZB_LOGIN_LOCKED)
        problem = g_strdup_printf (_("This account is locked after too many wrong passwords, "
                                     "until %s. Try again then, or ask the server's "
                                     "administrator to unlock it."), until);
      else
        problem = g_strdup (_("Wrong account name or password."));
      login_page (page, SOUP_STATUS_UNAUTHORIZED, expected, name, problem);
      return TRUE;
    }

  /* A new token at every login: one planted before it opens nothing. */
  if ((old = zb_server_accounts_find_session (store, old_token, error)) != NULL &&
      !zb_server_accounts_end_session (store, old, error))
    return FALSE;
  if (!zb_server_accounts_new_session (store, name, &token, error))
    return FALSE;
  page_redirect (page, ZB_SERVER_WEB_PREFIX);
  page_add_header (page, "Set-Cookie",
                   cookie_header (request, SESSION_COOKIE, token, max_age));
  page_add_header (page, "Set-Cookie", cookie_header (request, LOGIN_COOKIE, NULL, "0"));
  return TRUE;
}

static gboolean
post_logout (Page                *page,
             ZbServerStore       *store,
             const ZbWebRequest  *request,
             ZbWebSession        *session,
             GError             **error)
{
  g_autoptr(GHashTable) form = read_form (request->body, request->content_type);

  if (session == NULL ||
      !zb_server_secret_equal (g_hash_table_lookup (form, "csrf"), session->csrf_token))
    {
      forbidden_form (page);
      return TRUE;
    }
  if (!zb_server_accounts_end_session (store, session, error))
    return FALSE;
  page_redirect (page, LOGIN_PATH);
  page_add_header (page, "Set-Cookie", cookie_header (request, SESSION_COOKIE, NULL, "0"));
  return TRUE;
}

/* The branches the account may see, with their figures (the table links
 * each to its page and gives its last sync). */
static gboolean
home_page (Page           *page,
           ZbServerStore  *store,
           ZbWebSession   *session,
           GError        **error)
{
  g_autoptr(ZbServerResult) branches = zb_server_accounts_branches (store, session->account,
                                                                     NULL, error);

  if (branches == NULL)
    return FALSE;
  page_open (page, SOUP_STATUS_OK, _("Your branches"));
  append_account_bar (page->body, session);
  if (zb_server_result_n_rows (branches) > 0 &&
      !zb_server_dashboard_html (store, session->account, NULL, page->body, error))
    return FALSE;
  if (zb_server_result_n_rows (branches) == 0)
    append_paragraph (page->body, NULL,
                      _("No branch is assigned to this account yet: ask the server's "
                        "administrator."));
  page_close (page);
  return TRUE;
}

/* One branch, if it is the account's (DOMAIN.md section 6): 403 for any
 * other, existing or not, so that IDs cannot be probed. */
static gboolean
branch_page (Page           *page,
             ZbServerStore  *store,
             ZbWebSession   *session,
             const char     *branch_id,
             GError        **error)
{
  g_autoptr(ZbServerResult) branch = zb_server_accounts_branches (store, session->account,
                                                                   branch_id, error);
  g_autofree char *synced = NULL, *line = NULL;

  if (branch == NULL)
    return FALSE;
  if (zb_server_result_n_rows (branch) == 0)
    {
      message_page (page, SOUP_STATUS_FORBIDDEN, _("Not your branch"),
                    _("This account may not see that branch."), ZB_SERVER_WEB_PREFIX,
                    _("Back to your branches"));
      return TRUE;
    }

  synced = local_time_from_iso (zb_server_result_get (branch, 0, 2));
  line = g_strdup_printf (_("Last sync: %s"), synced);
  page_open (page, SOUP_STATUS_OK, zb_server_result_get (branch, 0, 1));
  append_account_bar (page->body, session);
  append_paragraph (page->body, NULL, line);
  if (!zb_server_dashboard_html (store, session->account, branch_id, page->body, error) ||
      !zb_server_review_web_branch (page->body, store, branch_id, error))
    return FALSE;
  g_string_append_printf (page->body, "<p><a href=\"%s\">", ZB_SERVER_WEB_PREFIX);
  append_text (page->body, _("Back to your branches"));
  g_string_append (page->body, "</a></p>\n");
  page_close (page);
  return TRUE;
}

static void
not_found (Page *page)
{
  message_page (page, SOUP_STATUS_NOT_FOUND, _("No such page"),
                _("There is no such page on this server."), ZB_SERVER_WEB_PREFIX,
                _("Back to your branches"));
}

static gboolean
route (Page                *page,
       ZbServerStore       *store,
       const ZbWebRequest  *request,
       GError             **error)
{
  gboolean post = g_str_equal (request->method, "POST");
  g_autofree char *token = cookie_value (request, SESSION_COOKIE);
  g_autoptr(ZbWebSession) session = NULL;
  g_autoptr(GError) local_error = NULL;

  if (g_str_equal (request->path, LOGIN_PATH))
    return post ? post_login (page, store, request, error) : get_login (page, request, error);

  session = zb_server_accounts_find_session (store, token, &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  if (post && g_str_equal (request->path, LOGOUT_PATH))
    return post_logout (page, store, request, session, error);
  if (zb_server_review_web_handles (request->path))
    {
      g_autoptr(GHashTable) form = read_form (request->body, request->content_type);

      return zb_server_review_web_serve (page, store, request->path, post, form, session,
                                         error);
    }
  if (post)
    {
      /* No other form: refused as one without its token would be. */
      forbidden_form (page);
      return TRUE;
    }
  if (session == NULL)
    {
      page_redirect (page, LOGIN_PATH);
      return TRUE;
    }
  if (g_str_equal (request->path, ZB_SERVER_WEB_PREFIX))
    return home_page (page, store, session, error);
  if (g_str_has_prefix (request->path, BRANCH_PATH) && request->path[strlen (BRANCH_PATH)])
    return branch_page (page, store, session, request->path + strlen (BRANCH_PATH), error);

  not_found (page);
  return TRUE;
}

static JsonNode *
page_to_json (Page *page)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "status");
  json_builder_add_int_value (b, page->status);
  json_builder_set_member_name (b, "headers");
  json_builder_begin_array (b);
  for (guint i = 0; i < page->headers->len; i++)
    json_builder_add_string_value (b, g_ptr_array_index (page->headers, i));
  json_builder_end_array (b);
  if (page->content_type != NULL)
    {
      g_autofree char *encoded = g_base64_encode ((const guchar *) page->body->str,
                                                  page->body->len);

      /* Workers answer in JSON; bytes travel as base64. */
      json_builder_set_member_name (b, "content_type");
      json_builder_add_string_value (b, page->content_type);
      json_builder_set_member_name (b, "body_base64");
      json_builder_add_string_value (b, encoded);
    }
  else
    {
      json_builder_set_member_name (b, "body");
      json_builder_add_string_value (b, page->body ? page->body->str : "");
    }
  json_builder_end_object (b);
  return json_builder_get_root (b);
}

/* In a worker: the page a request asks for, as JSON (see above); NULL with
 * @error when the database failed. */
JsonNode *
zb_server_web_serve (ZbServerStore       *store,
                     const ZbWebRequest  *request,
                     GError             **error)
{
  g_auto(Page) page = { 0 };
  locale_t before = uselocale (page_locale ());
  gboolean ok;

  if (!g_str_equal (request->method, "GET") && !g_str_equal (request->method, "POST"))
    {
      message_page (&page, SOUP_STATUS_METHOD_NOT_ALLOWED, _("Request refused"),
                    _("These pages take GET and POST only."), NULL, NULL);
      page_add_header (&page, "Allow", g_strdup ("GET, POST"));
      ok = TRUE;
    }
  else
    ok = route (&page, store, request, error);
  uselocale (before);
  return ok ? page_to_json (&page) : NULL;
}

static void
error_page (Page         *page,
            const GError *error)
{
  gboolean busy = g_error_matches (error, ZB_SERVER_DB_ERROR, ZB_SERVER_DB_ERROR_BUSY);
  locale_t before = uselocale (page_locale ());

  message_page (page, busy ? SOUP_STATUS_SERVICE_UNAVAILABLE : SOUP_STATUS_INTERNAL_SERVER_ERROR,
                _("The server failed"),
                busy ? _("The server is busy; try again shortly")
                     : _("The server failed; try again later"), NULL, NULL);
  uselocale (before);
}

/* On the main loop: the page, or an error page for @error. Pages are never
 * cached, framed, or given a referrer, and load nothing from elsewhere;
 * a file (a record's PDF) is never cached or framed either. */
void
zb_server_web_respond (SoupServerMessage *msg,
                       JsonNode          *answer,
                       const GError      *error)
{
  SoupMessageHeaders *headers = soup_server_message_get_response_headers (msg);
  g_auto(Page) failed = { 0 };
  const char *content_type = "text/html; charset=utf-8";
  g_autofree guchar *decoded = NULL;
  JsonObject *object;
  JsonArray *pairs;
  const char *body;
  gsize length;

  if (answer == NULL)
    {
      g_warning ("%s %s: %s", soup_server_message_get_method (msg),
                 g_uri_get_path (soup_server_message_get_uri (msg)), error->message);
      error_page (&failed, error);
      soup_server_message_set_status (msg, failed.status, NULL);
      body = failed.body->str;
      length = failed.body->len;
    }
  else
    {
      object = json_node_get_object (answer);
      pairs = json_object_get_array_member (object, "headers");
      soup_server_message_set_status (msg, json_object_get_int_member (object, "status"), NULL);
      for (guint i = 0; i + 1 < json_array_get_length (pairs); i += 2)
        soup_message_headers_append (headers, json_array_get_string_element (pairs, i),
                                     json_array_get_string_element (pairs, i + 1));
      if (json_object_has_member (object, "body_base64"))
        {
          content_type = json_object_get_string_member (object, "content_type");
          decoded = g_base64_decode (json_object_get_string_member (object, "body_base64"),
                                     &length);
          body = (const char *) decoded;
        }
      else
        {
          body = json_object_get_string_member (object, "body");
          length = strlen (body);
        }
    }

  soup_message_headers_replace (headers, "Cache-Control", "no-store");
  /* A PDF goes to the browser's viewer, which the page's policy would block. */
  if (decoded == NULL)
    soup_message_headers_replace (headers, "Content-Security-Policy",
                                  "default-src 'none'; style-src 'unsafe-inline'; "
                                  "form-action 'self'; frame-ancestors 'none'");
  soup_message_headers_replace (headers, "X-Frame-Options", "DENY");
  soup_message_headers_replace (headers, "X-Content-Type-Options", "nosniff");
  soup_message_headers_replace (headers, "Referrer-Policy", "no-referrer");
  soup_server_message_set_response (msg, content_type, SOUP_MEMORY_COPY, body, length);
}
