/* zb-money.h: amounts of money as whole fen, read and written as yuan
 *
 * Copyright 2026 The Zhibu authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define ZB_MONEY_ERROR (zb_money_error_quark ())

typedef enum
{
  ZB_MONEY_ERROR_INVALID,
} ZbMoneyError;

/* The most a record may hold: 100 million yuan, far above any dues and far
 * below where gint64 arithmetic on it could overflow. */
#define ZB_MONEY_MAX_FEN G_GINT64_CONSTANT (10000000000)

GQuark    zb_money_error_quark (void);
gboolean  zb_money_parse_yuan  (const char  *text,
                                gint64      *fen,
                                GError     **error);
char     *zb_money_format_yuan (gint64       fen);
char     *zb_money_format_capital (gint64    fen);

G_END_DECLS
