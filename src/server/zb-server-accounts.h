/* zb-server-accounts.h: the higher committee's accounts on zhibu-server,
 * their passwords, locks, branches and web sessions
 *
 * Copyright 2026 The Zhibu authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "zb-server-store.h"

G_BEGIN_DECLS

/* Five wrong passwords in a row lock an account for 15 minutes. */
#define ZB_ACCOUNT_MAX_FAILURES  5
#define ZB_ACCOUNT_LOCK_SECONDS  (15 * 60)
/* A session lasts one working day (12 h) from login, whatever is done in
 * it: a cookie left in a shared office browser is dead by the next morning. */
#define ZB_SESSION_SECONDS       (12 * 3600)

typedef enum
{
  ZB_LOGIN_OK,
  ZB_LOGIN_REFUSED,  /* no such account, or the wrong password: one answer */
  ZB_LOGIN_LOCKED,
} ZbLoginOutcome;

/* A live session: whose, and the token its forms carry. */
typedef struct
{
  char *account;
  char *csrf_token;
  char *token_hash;
} ZbWebSession;

void zb_web_session_free (ZbWebSession *session);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (ZbWebSession, zb_web_session_free)

gboolean        zb_server_accounts_add        (ZbServerStore   *store,
                                               const char      *name,
                                               const char      *password,
                                               GError         **error);
gboolean        zb_server_accounts_remove     (ZbServerStore   *store,
                                               const char      *name,
                                               GError         **error);
gboolean        zb_server_accounts_assign     (ZbServerStore   *store,
                                               const char      *name,
                                               const char      *branch,
                                               gboolean         assign,
                                               GError         **error);
gboolean        zb_server_accounts_unlock     (ZbServerStore   *store,
                                               const char      *name,
                                               GError         **error);
ZbServerResult *zb_server_accounts_list       (ZbServerStore   *store,
                                               GError         **error);
gboolean        zb_server_accounts_login      (ZbServerStore   *store,
                                               const char      *name,
                                               const char      *password,
                                               ZbLoginOutcome  *outcome,
                                               gint64          *locked_until,
                                               GError         **error);
gboolean        zb_server_accounts_new_session (ZbServerStore  *store,
                                                const char     *name,
                                                char          **token,
                                                GError        **error);
ZbWebSession   *zb_server_accounts_find_session (ZbServerStore *store,
                                                 const char    *token,
                                                 GError       **error);
gboolean        zb_server_accounts_end_session (ZbServerStore  *store,
                                                ZbWebSession   *session,
                                                GError        **error);
ZbServerResult *zb_server_accounts_branches   (ZbServerStore   *store,
                                               const char      *name,
                                               const char      *branch_id,
                                               GError         **error);

void            zb_server_accounts_warm_up    (void);
char           *zb_server_random_token        (GError         **error);
gboolean        zb_server_secret_equal        (const char      *a,
                                               const char      *b);

G_END_DECLS
