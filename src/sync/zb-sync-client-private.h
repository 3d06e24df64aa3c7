/* zb-sync-client-private.h: what the files of ZbSyncClient share
 *
 * Copyright 2026 The Zhibu authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "zb-sync-backoff.h"
#include "zb-sync-client.h"
#include "zb-sync-transport.h"

G_BEGIN_DECLS

struct _ZbSyncClient
{
  GObject            parent_instance;

  ZbStore           *store;
  char              *server_url;
  char              *token_file;     /* NULL: the keyring */
  char              *ca_pem;         /* a CA given now; NULL: the one kept for the server */
  char              *new_pin;        /* a certificate a person trusts anew, or NULL */

  /* Settings, read by a round's thread: change them between rounds. */
  guint              max_retries;
  guint              max_wait;         /* seconds a call may wait before it gives up */
  guint              backoff_initial;  /* milliseconds */
  guint              backoff_max;
  guint              connect_timeout;  /* seconds */
  guint              request_timeout;
  guint              page_limit;

  GMainContext      *context;
  gint               busy;             /* atomic: a round or an enrolment runs */

  GMutex             lock;             /* what follows is written by the round's thread */
  char              *token;
  ZbSyncBackoff      backoff;
  ZbSyncClientState  state;
  guint              pending;
  guint              open_conflicts;
  guint              rejected;
  char              *last_error;
  GDateTime         *last_success;
  GDateTime         *next_retry;
};

/* zb-sync-client.c: the state the header bar shows; called from a round's thread. */
void      zb_sync_client_set_state        (ZbSyncClient       *self,
                                           ZbSyncClientState   state);
void      zb_sync_client_refresh_counts   (ZbSyncClient       *self);
char     *zb_sync_client_load_token       (ZbSyncClient       *self,
                                           GCancellable       *cancellable,
                                           GError            **error);

/* zb-sync-client-trust.c */
ZbSyncTransport *zb_sync_client_open_transport (ZbSyncClient     *self,
                                                gboolean          enrolling,
                                                GError          **error);
gboolean  zb_sync_client_keep_trust       (ZbSyncClient       *self,
                                           ZbSyncTransport    *transport,
                                           GError            **error);

/* zb-sync-client-round.c */
gboolean  zb_sync_client_run_round        (ZbSyncClient       *self,
                                           ZbSyncStats        *stats,
                                           guint              *retry_after,
                                           GCancellable       *cancellable,
                                           GError            **error);

G_END_DECLS
