/* zb-server-workers.h: threads that answer zhibu-server's requests, each
 * with a store connection of its own
 *
 * Copyright 2026 The Zhibu authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

#include "zb-server-store.h"

G_BEGIN_DECLS

/* Runs in a worker, with that worker's store. */
typedef JsonNode *(*ZbServerWork) (ZbServerStore  *store,
                                   gpointer        data,
                                   GError        **error);

#define ZB_TYPE_SERVER_WORKERS (zb_server_workers_get_type ())

G_DECLARE_FINAL_TYPE (ZbServerWorkers, zb_server_workers, ZB, SERVER_WORKERS, GObject)

ZbServerWorkers *zb_server_workers_new        (void);
void             zb_server_workers_add        (ZbServerWorkers      *self,
                                               ZbServerStore        *store);
guint            zb_server_workers_get_n      (ZbServerWorkers      *self);
void             zb_server_workers_run_async  (ZbServerWorkers      *self,
                                               ZbServerWork          work,
                                               gpointer              data,
                                               GDestroyNotify        data_free,
                                               GAsyncReadyCallback   callback,
                                               gpointer              user_data);
JsonNode        *zb_server_workers_run_finish (ZbServerWorkers      *self,
                                               GAsyncResult         *result,
                                               GError              **error);

G_END_DECLS
