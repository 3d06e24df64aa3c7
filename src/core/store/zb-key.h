/* zb-key.h: the secret that opens a branch database
 *
 * Copyright 2026 The Zhibu authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef enum
{
  ZB_KEY_RAW,         /* 256 random bits, kept in the keyring */
  ZB_KEY_PASSPHRASE,  /* chosen by the user, derived by SQLCipher */
} ZbKeyKind;

typedef struct _ZbKey ZbKey;

ZbKey      *zb_key_new_random         (GError      **error);
ZbKey      *zb_key_new_raw_hex        (const char   *hex,
                                       GError      **error);
ZbKey      *zb_key_new_passphrase     (const char   *passphrase);
ZbKey      *zb_key_new_from_file      (const char   *path,
                                       GError      **error);
gboolean    zb_key_check_new_passphrase (const char  *passphrase,
                                         GError     **error);
ZbKey      *zb_key_copy               (const ZbKey  *key);
ZbKeyKind   zb_key_get_kind           (const ZbKey  *key);
const char *zb_key_get_secret         (const ZbKey  *key);
char       *zb_key_to_pragma          (const ZbKey  *key);
void        zb_key_free               (ZbKey        *key);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ZbKey, zb_key_free)

G_END_DECLS
