/* zb-server-db-pg.h: the server's database in PostgreSQL, through libpq
 *
 * Copyright 2026 The Zhibu authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "zb-server-db.h"

G_BEGIN_DECLS

#define ZB_TYPE_SERVER_DB_PG (zb_server_db_pg_get_type ())

G_DECLARE_FINAL_TYPE (ZbServerDbPg, zb_server_db_pg, ZB, SERVER_DB_PG, ZbServerDb)

ZbServerDb *zb_server_db_pg_open (const char  *conninfo,
                                  GError     **error);

G_END_DECLS
