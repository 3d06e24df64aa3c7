/* zb-dues-rules.h: a member's monthly Party dues, by the Dues Rules
 *
 * Copyright 2026 The Zhibu authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define ZB_DUES_ERROR (zb_dues_error_quark ())

typedef enum
{
  ZB_DUES_ERROR_INVALID,
} ZbDuesError;

/* What a member's dues are reckoned on (the Dues Rules, part one, 党费的收缴). */
typedef enum
{
  ZB_DUES_EMPLOYED,        /* 在岗职工: the regular monthly after-tax wage */
  ZB_DUES_ANNUAL_SALARY,   /* 年薪制: what was actually received that month */
  ZB_DUES_SELF_EMPLOYED,   /* 个体经营: last quarter's average monthly net income */
  ZB_DUES_RETIRED,         /* 离退休 */
  ZB_DUES_STUDENT,         /* 学生 */
  ZB_DUES_UNEMPLOYED,      /* 下岗失业 */
  ZB_DUES_ALLOWANCE,       /* 享受最低生活保障 */
  ZB_DUES_FARMER,          /* 农民: an amount of 0.2 to 1 yuan a month */
  ZB_DUES_N_KINDS,
} ZbDuesKind;

/* The fixed and the farmer's amounts, in fen. */
#define ZB_DUES_FIXED_FEN       20
#define ZB_DUES_FARMER_MIN_FEN  20
#define ZB_DUES_FARMER_MAX_FEN  100

GQuark       zb_dues_error_quark    (void);
gboolean     zb_dues_kind_parse     (const char  *text,
                                     ZbDuesKind  *kind);
const char  *zb_dues_kind_to_string (ZbDuesKind   kind);
const char  *zb_dues_kind_label     (ZbDuesKind   kind);
gboolean     zb_dues_kind_has_base  (ZbDuesKind   kind);
guint        zb_dues_rate_per_10k   (ZbDuesKind   kind,
                                     gint64       base_fen);
gboolean     zb_dues_monthly        (ZbDuesKind   kind,
                                     gint64       base_fen,
                                     gint64      *dues_fen,
                                     GError     **error);

G_END_DECLS
