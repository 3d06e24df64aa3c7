/* zb-list-table.h: the branch's lists as tables, for CSV and .xlsx
 *
 * Copyright 2026 The Zhibu authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "zb-table.h"

G_BEGIN_DECLS

ZbTable *zb_meetings_table    (GListModel *meetings);
ZbTable *zb_measures_table    (GListModel *measures);
ZbTable *zb_dues_ledger_table (GListModel *lines,
                               GListModel *payments);
ZbTable *zb_arrears_table     (GListModel *arrears);
ZbTable *zb_points_table      (GListModel *lines);

ZbTable *zb_list_table_for_people (ZbTable    *table,
                                   GHashTable *names);

G_END_DECLS
