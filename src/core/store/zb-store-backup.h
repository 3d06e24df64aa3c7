/* zb-store-backup.h: the whole branch database to one file under a passphrase, and back
 *
 * Copyright 2026 The Zhibu authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "zb-store.h"

G_BEGIN_DECLS

typedef enum
{
  ZB_BACKUP_FLAGS_NONE = 0,
  ZB_BACKUP_REPLACE    = 1 << 0,   /* the target may be replaced (kept aside on restore) */
} ZbBackupFlags;

gboolean  zb_store_backup          (ZbStore              *self,
                                    const char           *path,
                                    const ZbKey          *passphrase,
                                    ZbBackupFlags         flags,
                                    GCancellable         *cancellable,
                                    GError              **error);
void      zb_store_backup_async    (ZbStore              *self,
                                    const char           *path,
                                    const ZbKey          *passphrase,
                                    ZbBackupFlags         flags,
                                    GCancellable         *cancellable,
                                    GAsyncReadyCallback   callback,
                                    gpointer              user_data);
gboolean  zb_store_backup_finish   (ZbStore              *self,
                                    GAsyncResult         *result,
                                    GError              **error);

gboolean  zb_store_restore         (const char           *backup,
                                    const ZbKey          *passphrase,
                                    const char           *target,
                                    const ZbKey          *target_key,
                                    ZbBackupFlags         flags,
                                    char                **replaced,
                                    GCancellable         *cancellable,
                                    GError              **error);
void      zb_store_restore_async   (const char           *backup,
                                    const ZbKey          *passphrase,
                                    const char           *target,
                                    const ZbKey          *target_key,
                                    ZbBackupFlags         flags,
                                    GCancellable         *cancellable,
                                    GAsyncReadyCallback   callback,
                                    gpointer              user_data);
gboolean  zb_store_restore_finish  (GAsyncResult         *result,
                                    char                **replaced,
                                    GError              **error);

G_END_DECLS
