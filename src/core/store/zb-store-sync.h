/* zb-store-sync.h: the store's side of sync — the outbox, rejected ops, the checkpoint
 *
 * Copyright 2026 The Zhibu authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

#include "zb-conflict.h"
#include "zb-outbox-entry.h"
#include "zb-store.h"

G_BEGIN_DECLS

#define ZB_OUTBOX_ERROR (zb_outbox_error_quark ())

typedef enum
{
  ZB_OUTBOX_ERROR_ROW_MISSING,    /* the row is gone: a delete later in the outbox supersedes */
  ZB_OUTBOX_ERROR_UNSYNCABLE,     /* a value the protocol cannot carry; reject the op */
  ZB_OUTBOX_ERROR_UNKNOWN_TABLE,  /* not a synced table */
  ZB_OUTBOX_ERROR_NOT_FOUND,      /* no such op in the outbox */
  ZB_OUTBOX_ERROR_CHECKPOINT,     /* a checkpoint behind the one kept */
  ZB_OUTBOX_ERROR_INVALID,        /* a resolution that cannot be made */
} ZbOutboxError;

/* How a person resolves a conflict (PROTOCOL.md 6.5). */
typedef enum
{
  ZB_CONFLICT_PICK_KEPT,          /* the value the server kept */
  ZB_CONFLICT_PICK_PUSHED,        /* the value pushed against it */
  ZB_CONFLICT_PICK_VALUE,         /* a merged value a person writes */
} ZbConflictPick;

GQuark      zb_outbox_error_quark        (void);

/* Each call is one transaction, or one read, on the write connection. */
GListModel *zb_store_list_outbox         (ZbStore        *self,
                                          guint           max,
                                          GError        **error);
guint       zb_store_count_outbox        (ZbStore        *self,
                                          GError        **error);
gint64      zb_store_last_outbox_op      (ZbStore        *self,
                                          GError        **error);
JsonObject *zb_store_read_outbox_fields  (ZbStore        *self,
                                          ZbOutboxEntry  *entry,
                                          GError        **error);
gboolean    zb_store_ack_outbox          (ZbStore        *self,
                                          const gint64   *op_ids,
                                          guint           n_op_ids,
                                          GError        **error);
gboolean    zb_store_reject_outbox       (ZbStore        *self,
                                          gint64          op_id,
                                          const char     *error_code,
                                          const char     *reason,
                                          JsonObject     *fields,
                                          GError        **error);
GListModel *zb_store_list_rejected       (ZbStore        *self,
                                          GError        **error);
gboolean    zb_store_get_checkpoint      (ZbStore        *self,
                                          gint64         *checkpoint,
                                          GError        **error);
gboolean    zb_store_get_resync_until    (ZbStore        *self,
                                          gint64         *until,
                                          GError        **error);
gboolean    zb_store_set_checkpoint      (ZbStore        *self,
                                          gint64          checkpoint,
                                          GError        **error);

/* What this PC trusts and keeps of a sync server (zb-store-trust.c). */
typedef enum
{
  ZB_SERVER_TRUST_CA,             /* the committee's CA certificate, PEM */
  ZB_SERVER_TRUST_PIN,            /* the SHA-256 fingerprint of the server's certificate */
  ZB_SERVER_LAST_SYNC,            /* the end of the last round without a failure, ISO 8601 UTC */
} ZbServerTrust;

char       *zb_store_get_server_trust    (ZbStore        *self,
                                          const char     *server_url,
                                          ZbServerTrust   what,
                                          GError        **error);
gboolean    zb_store_set_server_trust    (ZbStore        *self,
                                          const char     *server_url,
                                          ZbServerTrust   what,
                                          const char     *value,
                                          GError        **error);

/* Conflicts pulled from the server (zb-store-conflicts.c). */
GListModel *zb_store_list_conflicts      (ZbStore        *self,
                                          gboolean        all,
                                          GError        **error);
guint       zb_store_count_open_conflicts (ZbStore       *self,
                                           GError       **error);
gboolean    zb_store_resolve_conflict    (ZbStore        *self,
                                          const char     *id,
                                          ZbConflictPick  pick,
                                          const char     *value,
                                          GError        **error);

G_END_DECLS
