/* zb-test-util.h: what the tests share
 *
 * Copyright 2026 The Zhibu authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "zb-store.h"

G_BEGIN_DECLS

/* What a zhibu-cli run printed, and how it ended. */
typedef struct
{
  int   status;
  char *out;
  char *err;
} ZbTestRun;

void      zb_test_run_clear       (ZbTestRun   *run);
void      zb_test_cli_run_va      (ZbTestRun   *run,
                                   const char  *db,
                                   const char  *passphrase_file,
                                   const char  *first,
                                   va_list      args);
void      zb_test_cli_run         (ZbTestRun   *run,
                                   const char  *db,
                                   const char  *passphrase_file,
                                   const char  *first,
                                   ...) G_GNUC_NULL_TERMINATED;
char    **zb_test_file_keyring_environ (const char *dir);
void      zb_test_cli_run_env     (ZbTestRun   *run,
                                   char       **envp,
                                   const char  *db,
                                   const char  *first,
                                   ...) G_GNUC_NULL_TERMINATED;

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (ZbTestRun, zb_test_run_clear)

/* A branch made by `zhibu-cli init` in a directory of its own, for the
 * tests that drive the CLI. */
typedef struct
{
  char *dir;
  char *db;
  char *passphrase_file;
} ZbTestCliBranch;

void      zb_test_cli_branch_set_up    (ZbTestCliBranch *branch);
void      zb_test_cli_branch_tear_down (ZbTestCliBranch *branch);
char     *zb_test_cli_ok          (ZbTestCliBranch *branch,
                                   const char      *first,
                                   ...) G_GNUC_NULL_TERMINATED;
void      zb_test_cli_refused     (ZbTestCliBranch *branch,
                                   int              status,
                                   const char      *message,
                                   const char      *first,
                                   ...) G_GNUC_NULL_TERMINATED;
char     *zb_test_pdf_text        (const char      *path);

char     *zb_test_make_dir        (void);
void      zb_test_remove_dir      (const char  *dir);
void      zb_test_keep_artifact   (const char  *path,
                                   const char  *name);
char     *zb_test_file_sha256     (const char  *path);
ZbKey    *zb_test_key             (void);
ZbStore  *zb_test_new_store       (const char  *dir,
                                   const char  *name);
ZbStore  *zb_test_new_raw_store   (const char  *dir,
                                   const char  *name);
char     *zb_test_passphrase_file (const char  *dir);
void      zb_test_make_certificates (const char *dir);
char     *zb_test_openssl_fingerprint (const char *pem);
void      zb_test_sql_exec        (ZbStore     *store,
                                   const char  *sql);
void      zb_test_sql_exec_unchecked (ZbStore  *store,
                                   const char  *sql);
char     *zb_test_sql_text        (ZbStore     *store,
                                   const char  *sql);
gint64    zb_test_sql_int         (ZbStore     *store,
                                   const char  *sql);
ZbMember *zb_test_member          (const char  *name,
                                   const char  *id_number,
                                   const char  *category);
void      zb_test_rename_member   (ZbStore     *store,
                                   const char  *id,
                                   const char  *name);
char     *zb_test_add_meeting     (ZbStore     *store,
                                   const char  *type,
                                   const char  *date,
                                   const char  *title,
                                   const char  *group);
char     *zb_test_id_number       (const char  *birth,
                                   gboolean     male,
                                   guint        serial);

G_END_DECLS
