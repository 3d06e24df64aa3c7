/* zb-store-error.h: how opening, reading or writing the branch database fails
 *
 * Copyright 2026 The Zhibu authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define ZB_STORE_ERROR (zb_store_error_quark ())

typedef enum
{
  ZB_STORE_ERROR_FAILED,
  ZB_STORE_ERROR_WRONG_KEY,    /* also "not a database": SQLCipher cannot tell them apart */
  ZB_STORE_ERROR_MISSING,      /* no file at that path */
  ZB_STORE_ERROR_EXISTS,       /* create refused: a file is there */
  ZB_STORE_ERROR_NO_KEY,       /* the keyring has no key for this file */
  ZB_STORE_ERROR_TOO_NEW,      /* written by a newer Zhibu */
  ZB_STORE_ERROR_FOREIGN,      /* opens with the key, but empty or another program's */
  ZB_STORE_ERROR_DAMAGED,      /* a backup that opens but is cut short or changed */
} ZbStoreError;

GQuark zb_store_error_quark (void);

G_END_DECLS
