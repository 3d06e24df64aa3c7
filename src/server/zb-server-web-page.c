#define G_LOG_DOMAIN "zb-server-web-page"

#include "config.h"

#include <libintl.h>

#include <glib/gi18n.h>

#include "zb-server-web-page.h"

/* What every committee page is made of (README.md beside this file): the
 * answer as status, headers and body, the page's frame and style, and the
 * parts several pages share (the account's bar, a message, a refused
 * form). Server-rendered HTML with no script and no outside asset; text is
 * always escaped. Strings follow the page's locale (zb-server-web.c). */

static const char style[] =
  "body{font-family:'Noto Sans CJK SC','Noto Sans SC',sans-serif;margin:0;background:#f6f5f4;"
  "color:#241f31}"
  "main{max-width:40rem;margin:3rem auto;background:#fff;padding:2rem;border-radius:12px;"
  "box-shadow:0 1px 3px rgba(0,0,0,.15)}"
  "h1{font-size:1.5rem;margin-top:0;color:#c01c28}"
  "label{display:block;margin:1rem 0 .25rem}"
  "input[type=text],input[type=password]{width:100%;box-sizing:border-box;padding:.5rem;"
  "font-size:1rem}"
  "button{margin-top:1.5rem;padding:.5rem 1.5rem;font-size:1rem;background:#c01c28;color:#fff;"
  "border:0;border-radius:6px}"
  ".error{color:#a51d2d;background:#fbe4e6;padding:.75rem;border-radius:6px}"
  ".note{color:#5e5c64}"
  ".note button{margin:0 0 0 .5rem;padding:.25rem .75rem;font-size:.9rem}"
  "ul{padding-left:1.25rem}li{margin:.4rem 0}";

void
page_clear (Page *page)
{
  g_clear_pointer (&page->headers, g_ptr_array_unref);
  g_clear_pointer (&page->content_type, g_free);
  if (page->body != NULL)
    g_string_free (g_steal_pointer (&page->body), TRUE);
}

void
page_init (Page  *page,
           guint  status)
{
  page->status = status;
  page->headers = g_ptr_array_new_with_free_func (g_free);
  page->body = g_string_new (NULL);
}

void
page_add_header (Page       *page,
                 const char *name,
                 char       *value)
{
  g_ptr_array_add (page->headers, g_strdup (name));
  g_ptr_array_add (page->headers, value);
}

void
page_redirect (Page       *page,
               const char *location)
{
  page_init (page, SOUP_STATUS_SEE_OTHER);
  page_add_header (page, "Location", g_strdup (location));
}

/* A file to keep or open (a record's PDF), named @filename when saved. */
void
page_set_file (Page       *page,
               const char *content_type,
               GBytes     *bytes,
               const char *filename)
{
  g_autofree char *escaped = g_uri_escape_string (filename, NULL, FALSE);
  gsize size;
  const char *data = g_bytes_get_data (bytes, &size);

  page_init (page, SOUP_STATUS_OK);
  page->content_type = g_strdup (content_type);
  g_string_append_len (page->body, data, size);
  /* RFC 6266: the UTF-8 name for browsers, which all read filename*. */
  page_add_header (page, "Content-Disposition",
                   g_strdup_printf ("inline; filename*=UTF-8''%s", escaped));
}

/* Text into HTML, escaped. */
void
append_text (GString    *html,
             const char *text)
{
  g_autofree char *escaped = g_markup_escape_text (text, -1);

  g_string_append (html, escaped);
}

void
page_open (Page       *page,
           guint       status,
           const char *title)
{
  page_init (page, status);
  g_string_append (page->body, "<!DOCTYPE html>\n<html lang=\"");
  /* TRANSLATORS: the language tag of the committee's web pages (BCP 47). */
  append_text (page->body, _("en"));
  g_string_append (page->body, "\"><head><meta charset=\"utf-8\">"
                               "<meta name=\"viewport\" content=\"width=device-width, "
                               "initial-scale=1\"><title>");
  append_text (page->body, title);
  g_string_append_printf (page->body, "</title><style>%s</style></head><body><main><h1>", style);
  append_text (page->body, title);
  g_string_append (page->body, "</h1>\n");
}

void
page_close (Page *page)
{
  g_string_append (page->body, "</main></body></html>\n");
}

void
append_paragraph (GString    *html,
                  const char *class,
                  const char *text)
{
  if (class != NULL)
    g_string_append_printf (html, "<p class=\"%s\">", class);
  else
    g_string_append (html, "<p>");
  append_text (html, text);
  g_string_append (html, "</p>\n");
}

void
append_hidden_csrf (GString    *html,
                    const char *token)
{
  g_string_append (html, "<input type=\"hidden\" name=\"csrf\" value=\"");
  append_text (html, token);
  g_string_append (html, "\">");
}

/* A short page that says one thing, with a link on. */
void
message_page (Page       *page,
              guint       status,
              const char *title,
              const char *text,
              const char *link,
              const char *link_text)
{
  page_open (page, status, title);
  append_paragraph (page->body, "error", text);
  if (link != NULL)
    {
      g_string_append_printf (page->body, "<p><a href=\"%s\">", link);
      append_text (page->body, link_text);
      g_string_append (page->body, "</a></p>\n");
    }
  page_close (page);
}

void
forbidden_form (Page *page)
{
  message_page (page, SOUP_STATUS_FORBIDDEN, _("Request refused"),
                _("The form has expired or did not come from this site; nothing was changed. "
                  "Open the page again and retry."),
                ZB_SERVER_WEB_LOGIN_PATH, _("Sign in"));
}

char *
local_time_from_seconds (gint64 seconds)
{
  g_autoptr(GDateTime) utc = g_date_time_new_from_unix_utc (seconds);
  g_autoptr(GDateTime) local = g_date_time_to_local (utc);

  return g_date_time_format (local, "%Y-%m-%d %H:%M");
}

GHashTable *
read_form (GBytes     *body,
           const char *content_type)
{
  g_autofree char *text = NULL;

  if (body == NULL ||
      g_ascii_strcasecmp (content_type ? content_type : "",
                          "application/x-www-form-urlencoded") != 0)
    return g_hash_table_new (g_str_hash, g_str_equal);
  text = g_strndup (g_bytes_get_data (body, NULL), g_bytes_get_size (body));
  return soup_form_decode (text);
}

void
append_account_bar (GString      *html,
                    ZbWebSession *session)
{
  g_autofree char *who = g_strdup_printf (_("Signed in as %s"), session->account);

  g_string_append_printf (html, "<form method=\"post\" action=\"%s\"><p class=\"note\">",
                          ZB_SERVER_WEB_LOGOUT_PATH);
  append_text (html, who);
  g_string_append (html, " ");
  append_hidden_csrf (html, session->csrf_token);
  g_string_append (html, "<button type=\"submit\">");
  append_text (html, _("Sign out"));
  g_string_append (html, "</button></p></form>\n");
}
