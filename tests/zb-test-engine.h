/* zb-test-engine.h: a server test's database, on each engine
 *
 * Copyright 2026 The Zhibu authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "zb-server-db.h"

G_BEGIN_DECLS

/* Where one test's server data lives: a directory with a SQLCipher file, or
 * a schema of its own in the PostgreSQL database that ZHIBU_TEST_POSTGRES
 * (a key=value conninfo, set by tests/run-with-postgres.sh) names. */
typedef struct _ZbTestServerPlace ZbTestServerPlace;

const char * const *zb_test_server_engines        (void);
ZbTestServerPlace  *zb_test_server_place_new      (const char         *engine);
ZbServerDb         *zb_test_server_place_open     (ZbTestServerPlace  *self,
                                                   GError            **error);
const char         *zb_test_server_place_conninfo (ZbTestServerPlace  *self);
void                zb_test_server_place_free     (ZbTestServerPlace  *self);
void                zb_test_server_short_waits    (ZbServerDb         *db);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ZbTestServerPlace, zb_test_server_place_free)

G_END_DECLS
