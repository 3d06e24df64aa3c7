/* zb-server-db-sqlite.h: the server's database in a SQLCipher file
 *
 * Copyright 2026 The Zhibu authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "zb-key.h"
#include "zb-server-db.h"

G_BEGIN_DECLS

#define ZB_TYPE_SERVER_DB_SQLITE (zb_server_db_sqlite_get_type ())

G_DECLARE_FINAL_TYPE (ZbServerDbSqlite, zb_server_db_sqlite, ZB, SERVER_DB_SQLITE, ZbServerDb)

ZbServerDb *zb_server_db_sqlite_open (const char   *path,
                                      const ZbKey  *key,
                                      GError      **error);

G_END_DECLS
