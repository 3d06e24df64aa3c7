/* zb-member-csv.h: the roster as CSV, .xlsx or .xls, for spreadsheets and scripts
 *
 * Copyright 2026 The Zhibu authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "zb-csv.h"
#include "zb-member.h"
#include "zb-store.h"
#include "zb-table.h"

G_BEGIN_DECLS

/* One problem found by an import, for a list in the import dialog; the
 * error message holds the same, one line each. */
typedef struct
{
  guint  row;        /* 1 = the first record after the header; 0 = the header itself */
  guint  line;       /* 1-based line of the file where that record starts; in a
                        workbook, the sheet's row number */
  gboolean sheet;    /* read from a workbook (.xlsx, .xls) */
  int    field;      /* the ZbMemberField at fault, or -1 for the whole row */
  char  *message;
} ZbMemberCsvProblem;

void        zb_member_csv_problem_free      (ZbMemberCsvProblem        *problem);
char       *zb_member_csv_problem_to_string (const ZbMemberCsvProblem  *problem);

GPtrArray  *zb_member_csv_read              (ZbStore                   *store,
                                             const char                *data,
                                             gsize                      len,
                                             ZbCsvEncoding              encoding,
                                             GError                   **error);
GPtrArray  *zb_member_csv_read_full         (ZbStore                   *store,
                                             const char                *data,
                                             gsize                      len,
                                             ZbCsvEncoding              encoding,
                                             GPtrArray                **problems,
                                             GError                   **error);
gboolean    zb_member_csv_import_file       (ZbStore                   *store,
                                             const char                *path,
                                             ZbCsvEncoding              encoding,
                                             guint                     *n_imported,
                                             GError                   **error);
GPtrArray  *zb_member_table_read            (ZbStore                   *store,
                                             ZbTable                   *table,
                                             GPtrArray                **problems,
                                             GError                   **error);
gboolean    zb_member_import_file           (ZbStore                   *store,
                                             const char                *path,
                                             ZbCsvEncoding              encoding,
                                             guint                     *n_imported,
                                             GPtrArray                **problems,
                                             GError                   **error);
ZbTable    *zb_member_export_table          (GListModel                *members,
                                             gboolean                   with_sensitive);
gboolean    zb_member_export_file           (GListModel                *members,
                                             gboolean                   with_sensitive,
                                             const char                *path,
                                             GError                   **error);
GString    *zb_member_csv_export            (GListModel                *members,
                                             gboolean                   with_sensitive);
GString    *zb_member_csv_list              (GListModel                *members,
                                             gboolean                   with_sensitive);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ZbMemberCsvProblem, zb_member_csv_problem_free)

G_END_DECLS
