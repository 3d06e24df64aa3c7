/* zb-dues-line.h: one month of a member's dues ledger
 *
 * Copyright 2026 The Zhibu authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define ZB_TYPE_DUES_LINE (zb_dues_line_get_type ())

G_DECLARE_FINAL_TYPE (ZbDuesLine, zb_dues_line, ZB, DUES_LINE, GObject)

ZbDuesLine *zb_dues_line_new              (const char  *month,
                                           const char  *state,
                                           gint64       due_fen,
                                           gint64       paid_fen);
const char *zb_dues_line_get_month        (ZbDuesLine  *self);
const char *zb_dues_line_get_state        (ZbDuesLine  *self);
gint64      zb_dues_line_get_due_fen      (ZbDuesLine  *self);
gint64      zb_dues_line_get_paid_fen     (ZbDuesLine  *self);

G_END_DECLS
