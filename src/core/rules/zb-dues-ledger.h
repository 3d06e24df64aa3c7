/* zb-dues-ledger.h: a member's dues month by month: what is due, what is
 * paid, what is in arrears, and whether a payment may be taken
 *
 * Copyright 2026 The Zhibu authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "zb-dues-rules.h"

G_BEGIN_DECLS

/* A calendar month as year * 12 + month - 1: months count and compare as
 * whole numbers. */
typedef gint ZbMonth;

#define ZB_DUES_ARREARS_WARNING  3   /* months of arrears: a warning */
#define ZB_DUES_ARREARS_ALERT    6   /* and an alert */
#define ZB_DUES_MAKE_UP_MONTHS   6   /* arrears made up further back are warned about */
#define ZB_DUES_CENTRAL_FEN      100000  /* an extra payment of 1,000 yuan or more */

typedef enum
{
  ZB_DUES_LEVEL_NONE,
  ZB_DUES_LEVEL_WARNING,
  ZB_DUES_LEVEL_ALERT,
} ZbDuesLevel;

typedef enum
{
  ZB_DUES_MONTH_BEFORE_START,   /* before the month of admission: nothing due */
  ZB_DUES_MONTH_DUE,
  ZB_DUES_MONTH_PAID,
  ZB_DUES_MONTH_WAIVED,         /* 免交, approved */
} ZbDuesMonthState;

/* The base a member's dues are reckoned on, from the month the pay was
 * received until the next base. */
typedef struct
{
  ZbMonth     from;
  ZbDuesKind  kind;
  gint64      base_fen;     /* the farmer's chosen amount for ZB_DUES_FARMER */
} ZbDuesBase;

/* 少交或免交: decided by the branch, approved by the higher committee. */
typedef struct
{
  ZbMonth   month;
  gint64    due_fen;        /* what is due instead: 0 waives the month */
  gboolean  approved;       /* only an approved reduction counts */
} ZbDuesReduction;

/* A payment of the months from @first to @last; or a voluntary extra
 * payment (@extra), which covers no month. */
typedef struct
{
  ZbMonth   first;
  ZbMonth   last;
  gint64    amount_fen;
  gboolean  extra;
} ZbDuesPayment;

typedef struct _ZbDuesLedger ZbDuesLedger;

gboolean          zb_month_parse               (const char          *text,
                                                ZbMonth             *month);
char             *zb_month_format              (ZbMonth              month);
ZbMonth           zb_month_of_date             (const GDate         *date);

ZbDuesLedger     *zb_dues_ledger_new           (ZbMonth              start);
void              zb_dues_ledger_free          (ZbDuesLedger        *ledger);
ZbMonth           zb_dues_ledger_get_start     (ZbDuesLedger        *ledger);
void              zb_dues_ledger_add_base      (ZbDuesLedger        *ledger,
                                                const ZbDuesBase    *base);
void              zb_dues_ledger_add_reduction (ZbDuesLedger        *ledger,
                                                const ZbDuesReduction *reduction);
void              zb_dues_ledger_add_payment   (ZbDuesLedger        *ledger,
                                                const ZbDuesPayment *payment);
gboolean          zb_dues_ledger_due           (ZbDuesLedger        *ledger,
                                                ZbMonth              month,
                                                gint64              *due_fen,
                                                GError             **error);
ZbDuesMonthState  zb_dues_ledger_state         (ZbDuesLedger        *ledger,
                                                ZbMonth              month);
GArray           *zb_dues_ledger_arrears       (ZbDuesLedger        *ledger,
                                                ZbMonth              current);
ZbDuesLevel       zb_dues_arrears_level        (guint                n_months);
gboolean          zb_dues_ledger_check_payment (ZbDuesLedger        *ledger,
                                                const ZbDuesPayment *payment,
                                                ZbMonth              current,
                                                GPtrArray           *warnings,
                                                GError             **error);
gboolean          zb_dues_payment_is_central   (const ZbDuesPayment *payment);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ZbDuesLedger, zb_dues_ledger_free)

G_END_DECLS
