/* zb-server-dashboard.h: the committee's figures as JSON, GET /api/v1/dashboard
 *
 * Copyright 2026 The Zhibu authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

#include "zb-server-replica.h"
#include "zb-server-store.h"

G_BEGIN_DECLS

#define ZB_SERVER_DASHBOARD_PATH "/api/v1/dashboard"

JsonNode *zb_server_dashboard_serve (ZbServerStore     *store,
                                     ZbServerReplicas  *replicas,
                                     const char        *cookie,
                                     const char        *query,
                                     GError           **error);

JsonNode *zb_server_dashboard_figures (ZbServerStore     *store,
                                      ZbServerReplicas  *replicas,
                                      const char        *account,
                                      const char        *branch_id,
                                      const char        *from,
                                      const char        *to,
                                      gboolean           detail,
                                      GError           **error);
gboolean  zb_server_dashboard_html   (ZbServerStore     *store,
                                      const char        *account,
                                      const char        *branch_id,
                                      GString           *html,
                                      GError           **error);
void      zb_server_dashboard_default_period (char            **from,
                                              char            **to);
void      zb_server_dashboard_warm   (ZbServerReplicas  *replicas,
                                      ZbServerStore     *store,
                                      const char        *branch_id);

G_END_DECLS
