/* zb-test-committee.h: a higher committee's branches, generated and synced,
 * for the committee's dashboard and review tests
 *
 * Copyright 2026 The Zhibu authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "zb-store.h"
#include "zb-test-server.h"

G_BEGIN_DECLS

/* The months from January 2025 that every generated branch holds meetings in:
 * up to November 2026, the last month ended, for nothing is finalised ahead
 * of its day. */
#define ZB_TEST_COMMITTEE_MONTHS 23

char *zb_test_committee_meeting     (ZbStore      *store,
                                     const char   *type,
                                     const char   *date,
                                     const char   *chair,
                                     gboolean      finalise);
char *zb_test_committee_make_branch (const char   *dir,
                                     guint         n);
void  zb_test_committee_cli         (const char   *db,
                                     const char   *passphrase_file,
                                     char        **out,
                                     const char   *first,
                                     ...) G_GNUC_NULL_TERMINATED;
void  zb_test_committee_sync        (ZbTestServer *server,
                                     const char   *db,
                                     const char   *passphrase_file,
                                     guint         n);

G_END_DECLS
