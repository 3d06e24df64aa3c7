/* zb-server-web.h: the higher committee's web pages under /committee/
 *
 * Copyright 2026 The Zhibu authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <libsoup/soup.h>

#include "zb-server-store.h"
#include "zb-server-web-page.h"

G_BEGIN_DECLS

/* A login or logout form is a few hundred bytes. */
#define ZB_SERVER_WEB_MAX_BODY (16 * 1024)

/* What a worker needs of a page's request, copied on the main loop: the
 * message itself is not touched off it. */
typedef struct
{
  char     *method;
  char     *path;
  char     *cookie;        /* the Cookie header, or NULL */
  char     *content_type;
  GBytes   *body;          /* or NULL */
  gboolean  https;
} ZbWebRequest;

void      zb_web_request_init      (ZbWebRequest       *request,
                                    SoupServerMessage  *msg,
                                    gboolean            https);
void      zb_web_request_clear     (ZbWebRequest       *request);

JsonNode *zb_server_web_serve      (ZbServerStore      *store,
                                    const ZbWebRequest *request,
                                    GError            **error);
void      zb_server_web_respond    (SoupServerMessage  *msg,
                                    JsonNode           *answer,
                                    const GError       *error);

G_END_DECLS
