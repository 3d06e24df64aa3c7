/* zb-test-web.h: the committee's pages spoken to as a browser does, for tests
 *
 * Copyright 2026 The Zhibu authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <libsoup/soup.h>

#include "zb-test-server.h"

G_BEGIN_DECLS

/* The password of every account zb_test_web_add_account() adds. */
#define ZB_TEST_WEB_PASSWORD "党建-secret-2026"

typedef struct
{
  guint      status;
  char      *body;
  char      *location;    /* its Location header, or NULL */
  GPtrArray *set_cookies; /* its Set-Cookie lines, whole */
} ZbTestWebReply;

void            zb_test_web_reply_free       (ZbTestWebReply   *reply);

int             zb_test_web_admin            (ZbTestServer     *server,
                                              const char       *input,
                                              char            **out,
                                              const char       *first,
                                              ...) G_GNUC_NULL_TERMINATED;
void            zb_test_web_admin_ok         (ZbTestServer     *server,
                                              const char       *command,
                                              const char       *name,
                                              const char       *branch);
void            zb_test_web_add_account      (ZbTestServer     *server,
                                              const char       *name);

ZbTestWebReply *zb_test_web_http             (SoupSession      *session,
                                              ZbTestServer     *server,
                                              const char       *method,
                                              const char       *path,
                                              const char       *cookie,
                                              const char       *form);
const char     *zb_test_web_set_cookie_line  (ZbTestWebReply   *reply,
                                              const char       *name);
char           *zb_test_web_set_cookie_value (ZbTestWebReply   *reply,
                                              const char       *name);
char           *zb_test_web_form             (const char       *name,
                                              const char       *password,
                                              const char       *csrf);
char           *zb_test_web_encode           (const char       *first,
                                              ...) G_GNUC_NULL_TERMINATED;
char           *zb_test_web_page_csrf        (const char       *body);

char           *zb_test_web_login_token      (SoupSession      *session,
                                              ZbTestServer     *server);
ZbTestWebReply *zb_test_web_try_login        (SoupSession      *session,
                                              ZbTestServer     *server,
                                              const char       *name,
                                              const char       *password);
char           *zb_test_web_login            (SoupSession      *session,
                                              ZbTestServer     *server,
                                              const char       *name);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ZbTestWebReply, zb_test_web_reply_free)

G_END_DECLS
