/* zb-test-server.h: a real zhibu-server process on loopback, for tests
 *
 * Copyright 2026 The Zhibu authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

typedef struct
{
  char        *data;      /* its --data folder */
  char        *postgres;  /* its --postgres CONNINFO, or NULL */
  GSubprocess *process;
  char        *url;       /* http://127.0.0.1:PORT/, https:// with a certificate */
  char        *tls_cert;  /* PEM files for `serve --tls-cert --tls-key`, or NULL */
  char        *tls_key;
  char        *stderr_path; /* where `serve` writes its log, or NULL: the test's stderr */
  GStrv        serve_args; /* more options for `serve`, or NULL */
  guint        nofile;     /* its open-file limit, soft and hard; 0: the test's own */
} ZbTestServer;

ZbTestServer *zb_test_server_new        (const char    *data,
                                         const char    *postgres);
char         *zb_test_server_run        (ZbTestServer  *self,
                                         int           *status,
                                         const char    *first,
                                         ...) G_GNUC_NULL_TERMINATED;
char         *zb_test_server_add_branch (ZbTestServer  *self,
                                         const char    *name);
char         *zb_test_server_code       (ZbTestServer  *self,
                                         const char    *branch,
                                         const char    *expires_in);
char        **zb_test_server_device_ids (ZbTestServer  *self);
void          zb_test_server_reset_device (ZbTestServer *self,
                                           const char   *device_id);
void          zb_test_server_start      (ZbTestServer  *self);
void          zb_test_server_kill       (ZbTestServer  *self);
void          zb_test_server_free       (ZbTestServer  *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ZbTestServer, zb_test_server_free)

G_END_DECLS
