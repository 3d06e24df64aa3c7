/* zb-server-review.h: the higher committee's review of finalised records,
 * and the breaks found in a branch's hash chain
 *
 * Copyright 2026 The Zhibu authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "zb-server-store.h"

G_BEGIN_DECLS

/* A comment is a few sentences for the branch secretary: 1,000 characters
 * (code points) at most, like a short letter. */
#define ZB_REVIEW_COMMENT_MAX 1000

#define ZB_SERVER_REVIEW_ERROR (zb_server_review_error_quark ())

typedef enum
{
  ZB_SERVER_REVIEW_ERROR_NOT_FOUND,   /* no finalised record of that ID in the branch */
  ZB_SERVER_REVIEW_ERROR_INVALID,     /* a decision or comment the rules refuse */
} ZbServerReviewError;

GQuark          zb_server_review_error_quark (void);

gboolean        zb_server_review_check       (const char      *decision,
                                              const char      *comment,
                                              GError         **error);
ZbServerResult *zb_server_review_list        (ZbServerStore   *store,
                                              const char      *branch_id,
                                              const char      *meeting_id,
                                              GError         **error);
ZbServerResult *zb_server_review_rows        (ZbServerStore   *store,
                                              const char      *branch_id,
                                              const char      *meeting_id,
                                              GError         **error);
gboolean        zb_server_review_decide      (ZbServerStore   *store,
                                              const char      *branch_id,
                                              const char      *meeting_id,
                                              const char      *decision,
                                              const char      *comment,
                                              const char      *account,
                                              GError         **error);
gboolean        zb_server_review_note_break  (ZbServerStore   *store,
                                              const char      *branch_id,
                                              const char      *meeting_id,
                                              const char      *device_id,
                                              const char      *reason,
                                              GError         **error);
ZbServerResult *zb_server_review_breaks      (ZbServerStore   *store,
                                              const char      *branch_id,
                                              GError         **error);

G_END_DECLS
