/* zb-server-review-web.h: the committee's pages for reviewing finalised
 * records, under /committee/branch/ID
 *
 * Copyright 2026 The Zhibu authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "zb-server-web-page.h"

G_BEGIN_DECLS

gboolean zb_server_review_web_handles (const char          *path);
gboolean zb_server_review_web_serve   (Page                *page,
                                       ZbServerStore       *store,
                                       const char          *path,
                                       gboolean             post,
                                       GHashTable          *form,
                                       ZbWebSession        *session,
                                       GError             **error);
gboolean zb_server_review_web_branch  (GString             *html,
                                       ZbServerStore       *store,
                                       const char          *branch_id,
                                       GError             **error);

G_END_DECLS
