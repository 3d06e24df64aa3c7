/* zb-secret.h: database keys in the user's keyring (libsecret)
 *
 * Copyright 2026 The Zhibu authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "zb-key.h"

G_BEGIN_DECLS

gboolean  zb_secret_store_key   (const char    *file_salt,
                                 const char    *database_uuid,
                                 const char    *label,
                                 const ZbKey   *key,
                                 GCancellable  *cancellable,
                                 GError       **error);
ZbKey    *zb_secret_lookup_key  (const char    *file_salt,
                                 GCancellable  *cancellable,
                                 GError       **error);
gboolean  zb_secret_clear_key   (const char    *file_salt,
                                 GCancellable  *cancellable,
                                 GError       **error);

gboolean  zb_secret_store_token  (const char    *server_url,
                                  const char    *device_id,
                                  const char    *token,
                                  GCancellable  *cancellable,
                                  GError       **error);
char     *zb_secret_lookup_token (const char    *server_url,
                                  const char    *device_id,
                                  GCancellable  *cancellable,
                                  GError       **error);

G_END_DECLS
