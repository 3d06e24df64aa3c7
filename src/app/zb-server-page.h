/* zb-server-page.h: the server to sync with, enrolment, its certificates and how often
 *
 * Copyright 2026 The Zhibu authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "zb-sync-service.h"

G_BEGIN_DECLS

#define ZB_TYPE_SERVER_PAGE (zb_server_page_get_type ())

G_DECLARE_FINAL_TYPE (ZbServerPage, zb_server_page, ZB, SERVER_PAGE, AdwPreferencesPage)

ZbServerPage *zb_server_page_new            (ZbSyncService  *service,
                                         GSettings      *settings);
void        zb_server_page_enrol          (ZbServerPage     *self,
                                         const char     *server_url,
                                         const char     *code);
gboolean    zb_server_page_set_ca_file    (ZbServerPage     *self,
                                         const char     *path,
                                         GError        **error);
const char *zb_server_page_get_pin_text   (ZbServerPage     *self);
const char *zb_server_page_get_error_text (ZbServerPage     *self);

G_END_DECLS
