/* zb-server-replica.h: per-branch replicas in the PC's own schema, fed from
 * the server's changes feed, for the committee's dashboard
 *
 * Copyright 2026 The Zhibu authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "zb-key.h"
#include "zb-server-store.h"
#include "zb-store.h"

G_BEGIN_DECLS

#define ZB_TYPE_SERVER_REPLICAS (zb_server_replicas_get_type ())

G_DECLARE_FINAL_TYPE (ZbServerReplicas, zb_server_replicas, ZB, SERVER_REPLICAS, GObject)

/* Computes what a read wants of a caught-up replica; cached by the caller's
 * key at the replica's checkpoint. */
typedef JsonNode *(*ZbReplicaCompute) (ZbStore   *replica,
                                       gpointer   data,
                                       GError   **error);

/* Reads what it wants of a caught-up replica, under its lock. */
typedef gboolean (*ZbReplicaUse) (ZbStore   *replica,
                                  gpointer   data,
                                  GError   **error);

/* Run on the background thread after it fed a branch: figures worth having
 * ready before anyone asks (the dashboard's default page). */
typedef void (*ZbReplicaWarm) (ZbServerReplicas  *replicas,
                               ZbServerStore     *store,
                               const char        *branch_id);

ZbServerReplicas *zb_server_replicas_new        (const char        *dir,
                                                 const ZbKey       *server_key,
                                                 ZbServerStore     *feed_store);
gboolean          zb_server_replicas_catch_up   (ZbServerReplicas  *self,
                                                 ZbServerStore     *store,
                                                 const char        *branch_id,
                                                 gint64             branch_seq,
                                                 gint64            *checkpoint,
                                                 GError           **error);
JsonNode         *zb_server_replicas_read       (ZbServerReplicas  *self,
                                                 ZbServerStore     *store,
                                                 const char        *branch_id,
                                                 gint64             branch_seq,
                                                 const char        *cache_key,
                                                 ZbReplicaCompute   compute,
                                                 gpointer           data,
                                                 GError           **error);
gboolean          zb_server_replicas_use        (ZbServerReplicas  *self,
                                                 ZbServerStore     *store,
                                                 const char        *branch_id,
                                                 ZbReplicaUse       use,
                                                 gpointer           data,
                                                 GError           **error);
void              zb_server_replicas_poke       (ZbServerReplicas  *self,
                                                 const char        *branch_id);
void              zb_server_replicas_poke_all   (ZbServerReplicas  *self);
void              zb_server_replicas_set_warm   (ZbServerReplicas  *self,
                                                 ZbReplicaWarm      warm);
void              zb_server_replicas_wait_idle  (ZbServerReplicas  *self);
char             *zb_server_replicas_path       (ZbServerReplicas  *self,
                                                 const char        *branch_id);

G_END_DECLS
