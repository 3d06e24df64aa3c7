/* zb-server-db.h: the server's database, whichever engine holds it
 *
 * Copyright 2026 The Zhibu authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* The server's logic is written once, in a portable subset of SQL that
 * SQLite 3.15 (SQLCipher 3.4) and PostgreSQL 15 both run: `?` placeholders
 * (the PostgreSQL backend numbers them), TEXT and BIGINT columns, no upsert,
 * no RETURNING. Every parameter and every value read is text or NULL.
 *
 * Where the engines differ, the logic keeps to what both do alike
 * (tests/test-server-db.c checks the first three):
 * - compare a parameter with a column (`seq > ?`), or cast it
 *   (`seq + 1 > CAST(? AS BIGINT)`): an expression has no affinity in SQLite,
 *   where text then sorts after every number;
 * - a statement that may fail inside a transaction runs under a savepoint,
 *   rolled back to on failure: PostgreSQL aborts the whole transaction
 *   otherwise (and its backend's commit then fails);
 * - a comparison reads as "1" or "0" on both;
 * - LIKE ignores ASCII case on SQLite only, and text sorts by the database's
 *   collation on PostgreSQL: match with =, order by numbers (seq). */

#define ZB_SERVER_DB_ERROR (zb_server_db_error_quark ())

typedef enum
{
  ZB_SERVER_DB_ERROR_FAILED,
  ZB_SERVER_DB_ERROR_CONSTRAINT,   /* a UNIQUE, NOT NULL or CHECK constraint */
  ZB_SERVER_DB_ERROR_BUSY,         /* another writer: try again */
  ZB_SERVER_DB_ERROR_OPEN,         /* cannot open or connect */
} ZbServerDbError;

typedef struct _ZbServerResult ZbServerResult;

#define ZB_TYPE_SERVER_DB (zb_server_db_get_type ())

G_DECLARE_DERIVABLE_TYPE (ZbServerDb, zb_server_db, ZB, SERVER_DB, GObject)

struct _ZbServerDbClass
{
  GObjectClass parent_class;

  /* @sql is one statement with @n_params `?` placeholders. */
  ZbServerResult *(*query)    (ZbServerDb         *self,
                               const char         *sql,
                               const char * const *params,
                               guint               n_params,
                               GError            **error);
  gboolean        (*exec)     (ZbServerDb         *self,
                               const char         *sql,
                               const char * const *params,
                               guint               n_params,
                               guint64            *changes,
                               GError            **error);
  /* Several statements without parameters: the schema. */
  gboolean        (*script)   (ZbServerDb         *self,
                               const char         *sql,
                               GError            **error);
  /* A transaction that will write: SQLite takes its write lock at once. */
  gboolean        (*begin)    (ZbServerDb         *self,
                               GError            **error);
  /* A transaction that only reads, seeing one state of the database from
   * its first statement to its last (PostgreSQL: REPEATABLE READ). */
  gboolean        (*begin_read) (ZbServerDb       *self,
                                 GError          **error);
  /* COMMIT, unless the engine must first check the transaction can. */
  gboolean        (*commit)   (ZbServerDb         *self,
                               GError            **error);
  const char     *(*engine)   (ZbServerDb         *self);
};

GQuark          zb_server_db_error_quark   (void);

ZbServerResult *zb_server_db_query         (ZbServerDb          *self,
                                            const char          *sql,
                                            const char * const  *params,
                                            guint                n_params,
                                            GError             **error);
gboolean        zb_server_db_exec          (ZbServerDb          *self,
                                            const char          *sql,
                                            const char * const  *params,
                                            guint                n_params,
                                            guint64             *changes,
                                            GError             **error);
char           *zb_server_db_query_value   (ZbServerDb          *self,
                                            const char          *sql,
                                            const char * const  *params,
                                            guint                n_params,
                                            GError             **error);
gboolean        zb_server_db_script        (ZbServerDb          *self,
                                            const char          *sql,
                                            GError             **error);
gboolean        zb_server_db_begin         (ZbServerDb          *self,
                                            GError             **error);
gboolean        zb_server_db_begin_read    (ZbServerDb          *self,
                                            GError             **error);
gboolean        zb_server_db_commit        (ZbServerDb          *self,
                                            GError             **error);
void            zb_server_db_rollback      (ZbServerDb          *self);
gboolean        zb_server_db_savepoint     (ZbServerDb          *self,
                                            const char          *name,
                                            GError             **error);
gboolean        zb_server_db_release       (ZbServerDb          *self,
                                            const char          *name,
                                            GError             **error);
void            zb_server_db_rollback_to   (ZbServerDb          *self,
                                            const char          *name);
const char     *zb_server_db_engine        (ZbServerDb          *self);

/* Rows of text, NULL for SQL NULL. */
ZbServerResult *zb_server_result_new       (guint                n_columns);
void            zb_server_result_add_row   (ZbServerResult      *self,
                                            const char * const  *values);
guint           zb_server_result_n_rows    (ZbServerResult      *self);
guint           zb_server_result_n_columns (ZbServerResult      *self);
const char     *zb_server_result_get       (ZbServerResult      *self,
                                            guint                row,
                                            guint                column);
gint64          zb_server_result_get_int   (ZbServerResult      *self,
                                            guint                row,
                                            guint                column);
void            zb_server_result_free      (ZbServerResult      *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ZbServerResult, zb_server_result_free)

/* Shorthand for a parameter list: ZB_PARAMS ("a", b, NULL) */
#define ZB_PARAMS(...) (const char * const []) { __VA_ARGS__ }, \
  G_N_ELEMENTS (((const char * const []) { __VA_ARGS__ }))

G_END_DECLS
