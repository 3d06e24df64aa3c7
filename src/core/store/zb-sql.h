/* zb-sql.h: running SQL on a store's connection, and its failures as GErrors
 *
 * Copyright 2026 The Zhibu authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>
#include <sqlite3.h>

#include "zb-store-error.h"

G_BEGIN_DECLS

/* Starts the message of a write refused by zb_store_guard_limits()'s
 * triggers: zb_sql_fail() makes it a ZB_MEMBER_ERROR_INVALID. */
#define ZB_LIMITS_MARK "\x1e"
typedef GObject *(*ZbRowFunc) (sqlite3_stmt *stmt);

gboolean       zb_sql_exec                 (sqlite3       *db,
                                            const char    *sql,
                                            GError       **error);
sqlite3_stmt  *zb_sql_prepare              (sqlite3       *db,
                                            const char    *sql,
                                            GError       **error);
gboolean       zb_sql_fail                 (sqlite3       *db,
                                            GError       **error);
gboolean       zb_sql_has_object           (sqlite3       *db,
                                            const char    *type,
                                            const char    *name);
gboolean       zb_sql_step_done            (sqlite3       *db,
                                            sqlite3_stmt  *stmt,
                                            GError       **error);
gboolean       zb_sql_run                  (sqlite3       *db,
                                            const char    *sql,
                                            const char * const *values,
                                            guint          n_values,
                                            GError       **error);
GListModel    *zb_sql_list                 (sqlite3       *db,
                                            GType          type,
                                            const char    *sql,
                                            const char    *arg1,
                                            const char    *arg2,
                                            ZbRowFunc      from_row,
                                            GError       **error);
void           zb_sql_bind_text            (sqlite3_stmt  *stmt,
                                            int            index,
                                            const char    *text);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (sqlite3_stmt, sqlite3_finalize)

G_END_DECLS
