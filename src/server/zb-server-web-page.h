/* zb-server-web-page.h: the committee's pages as they are made: status, headers
 * and HTML, and the parts every page shares
 *
 * Copyright 2026 The Zhibu authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <libsoup/soup.h>

#include "zb-server-accounts.h"

G_BEGIN_DECLS

/* Pages call dgettext themselves (zb-server-web.c says why). */
#undef _
#define _(String) dgettext (GETTEXT_PACKAGE, String)

#define ZB_SERVER_WEB_PREFIX      "/committee/"
#define ZB_SERVER_WEB_LOGIN_PATH  ZB_SERVER_WEB_PREFIX "login"
#define ZB_SERVER_WEB_LOGOUT_PATH ZB_SERVER_WEB_PREFIX "logout"
#define ZB_SERVER_WEB_BRANCH_PATH ZB_SERVER_WEB_PREFIX "branch/"

/* An answer being made: status, headers, body. */
typedef struct
{
  guint      status;
  GPtrArray *headers;   /* name, value, name, value... */
  GString   *body;
  char      *content_type;  /* NULL: the body is HTML; else bytes of this type */
} Page;

void        page_clear               (Page               *page);
void        page_init                (Page               *page,
                                      guint               status);
void        page_add_header          (Page               *page,
                                      const char         *name,
                                      char               *value);
void        page_redirect            (Page               *page,
                                      const char         *location);
void        page_set_file            (Page               *page,
                                      const char         *content_type,
                                      GBytes             *bytes,
                                      const char         *filename);
void        page_open                (Page               *page,
                                      guint               status,
                                      const char         *title);
void        page_close               (Page               *page);
void        append_text              (GString            *html,
                                      const char         *text);
void        append_paragraph         (GString            *html,
                                      const char         *class,
                                      const char         *text);
void        append_hidden_csrf       (GString            *html,
                                      const char         *token);
void        append_account_bar       (GString            *html,
                                      ZbWebSession       *session);
void        message_page             (Page               *page,
                                      guint               status,
                                      const char         *title,
                                      const char         *text,
                                      const char         *link,
                                      const char         *link_text);
void        forbidden_form           (Page               *page);
GHashTable *read_form                (GBytes             *body,
                                      const char         *content_type);
char       *local_time_from_seconds  (gint64              seconds);

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Page, page_clear)

G_END_DECLS
