/* zb-sync-client.h: the branch PC's side of sync: enrolment and sync rounds with the server
 *
 * Copyright 2026 The Zhibu authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "zb-store.h"
#include "zb-sync-client-error.h"

G_BEGIN_DECLS

typedef enum
{
  ZB_SYNC_CLIENT_IDLE,
  ZB_SYNC_CLIENT_PUSHING,
  ZB_SYNC_CLIENT_PULLING,
  ZB_SYNC_CLIENT_WAITING,              /* backing off before trying again */
} ZbSyncClientState;

/* What one round did. */
typedef struct
{
  guint pushed;         /* ops the server acknowledged */
  guint rejected;       /* ops moved to the rejected list, by the server or as unsendable */
  guint pulled;         /* changes of the feed applied */
  guint conflicts;      /* conflicts open once the round ended */
  guint attempts;       /* tries it took: more than 1 after transient failures */
} ZbSyncStats;

#define ZB_TYPE_SYNC_CLIENT_STATE (zb_sync_client_state_get_type ())
#define ZB_TYPE_SYNC_CLIENT (zb_sync_client_get_type ())

GType zb_sync_client_state_get_type (void);

G_DECLARE_FINAL_TYPE (ZbSyncClient, zb_sync_client, ZB, SYNC_CLIENT, GObject)

ZbSyncClient      *zb_sync_client_new              (ZbStore              *store,
                                                    const char           *server_url,
                                                    const char           *token_file,
                                                    GError              **error);
void               zb_sync_client_set_token        (ZbSyncClient         *self,
                                                    const char           *token);
gboolean           zb_sync_client_set_ca_file      (ZbSyncClient         *self,
                                                    const char           *path,
                                                    GError              **error);
void               zb_sync_client_set_ca_pem       (ZbSyncClient         *self,
                                                    const char           *pem);
gboolean           zb_sync_client_trust_certificate (ZbSyncClient        *self,
                                                    const char           *fingerprint,
                                                    GError              **error);
char              *zb_sync_client_dup_pin          (ZbSyncClient         *self,
                                                    GError              **error);
void               zb_sync_client_enrol_async      (ZbSyncClient         *self,
                                                    const char           *code,
                                                    const char           *device_name,
                                                    GCancellable         *cancellable,
                                                    GAsyncReadyCallback   callback,
                                                    gpointer              user_data);
char              *zb_sync_client_enrol_finish     (ZbSyncClient         *self,
                                                    GAsyncResult         *result,
                                                    GError              **error);
void               zb_sync_client_sync_async       (ZbSyncClient         *self,
                                                    GCancellable         *cancellable,
                                                    GAsyncReadyCallback   callback,
                                                    gpointer              user_data);
gboolean           zb_sync_client_sync_finish      (ZbSyncClient         *self,
                                                    GAsyncResult         *result,
                                                    ZbSyncStats          *stats,
                                                    GError              **error);
char              *zb_sync_client_enrol            (ZbSyncClient         *self,
                                                    const char           *code,
                                                    const char           *device_name,
                                                    GCancellable         *cancellable,
                                                    GError              **error);
gboolean           zb_sync_client_sync             (ZbSyncClient         *self,
                                                    GCancellable         *cancellable,
                                                    ZbSyncStats          *stats,
                                                    GError              **error);
gboolean           zb_sync_client_is_transient     (const GError         *error);

ZbStore           *zb_sync_client_get_store        (ZbSyncClient         *self);
const char        *zb_sync_client_get_server_url   (ZbSyncClient         *self);
ZbSyncClientState  zb_sync_client_get_state        (ZbSyncClient         *self);
guint              zb_sync_client_get_pending      (ZbSyncClient         *self);
guint              zb_sync_client_get_open_conflicts (ZbSyncClient       *self);
guint              zb_sync_client_get_rejected     (ZbSyncClient         *self);
char              *zb_sync_client_dup_last_error   (ZbSyncClient         *self);
GDateTime         *zb_sync_client_dup_last_success (ZbSyncClient         *self);
GDateTime         *zb_sync_client_dup_next_retry   (ZbSyncClient         *self);

G_END_DECLS
