/* zb-sync-schema.h: the tables that sync, their columns, and the outbox schema
 *
 * Copyright 2026 The Zhibu authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* A synced table and the columns an op carries: every column but the row's
 * ID and the bookkeeping of sync (revision, deleted) and of the local clock
 * (updated_at), which never count as a change. */
typedef struct
{
  const char         *name;
  const char * const *columns;    /* NULL-terminated */
} ZbSyncTable;

const ZbSyncTable *zb_sync_schema_tables       (guint        *n_tables);
const ZbSyncTable *zb_sync_schema_lookup       (const char   *table);
const ZbSyncTable *zb_sync_schema_lookup_received (const char *table);
gboolean           zb_sync_schema_has_column   (const ZbSyncTable *table,
                                                const char   *column);
gboolean           zb_sync_schema_is_bookkeeping (const char *column);
char              *zb_sync_schema_step5        (void);
char              *zb_sync_schema_step6        (void);
char              *zb_sync_schema_step7        (void);
char              *zb_sync_schema_step8        (void);
char              *zb_sync_schema_step9        (void);
char              *zb_sync_schema_step10       (void);
char              *zb_sync_schema_step12       (void);
char              *zb_sync_schema_step14       (void);

G_END_DECLS
