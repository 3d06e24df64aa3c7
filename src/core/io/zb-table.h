/* zb-table.h: a list as rows of text cells, the one shape that CSV, .xlsx
 * and .xls are read into and written from
 *
 * Copyright 2026 The Zhibu authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

#include "zb-csv.h"

G_BEGIN_DECLS

#define ZB_TABLE_ERROR (zb_table_error_quark ())
#define ZB_TYPE_TABLE  (zb_table_get_type ())

typedef enum
{
  ZB_TABLE_ERROR_FORMAT,    /* a file name ending Zhibu cannot read or write */
  ZB_TABLE_ERROR_BROKEN,    /* a workbook that cannot be read: damaged, or not one */
  ZB_TABLE_ERROR_WRITE,     /* the workbook could not be written */
} ZbTableError;

typedef enum
{
  ZB_TABLE_FORMAT_CSV,
  ZB_TABLE_FORMAT_XLSX,
  ZB_TABLE_FORMAT_XLS,      /* read only: nobody needs to write the old format */
} ZbTableFormat;

/* How a column is written to a workbook; every cell is text in the table. */
typedef enum
{
  ZB_TABLE_KIND_TEXT,       /* a string cell */
  ZB_TABLE_KIND_CODE,       /* ID numbers, phones, record IDs: a string cell in a column
                               formatted as text (“@”), so that nothing turns it into a number */
  ZB_TABLE_KIND_DATE,       /* ISO text, YYYY-MM-DD or YYYY-MM, in a text column */
  ZB_TABLE_KIND_MONEY,      /* yuan as “12.50”: a number formatted 0.00 */
  ZB_TABLE_KIND_NUMBER,     /* a count or points: a number when the text is one */
} ZbTableKind;

typedef struct
{
  ZbTableFormat  origin;    /* what the rows were read from, CSV for a table built in memory */
  GPtrArray     *titles;    /* char *, the header row as written; empty for a table read */
  GArray        *kinds;     /* ZbTableKind per title */
  GPtrArray     *rows;      /* ZbCsvRow; line is the file's line for CSV, the sheet's row
                               number (as the spreadsheet shows it) for a workbook */
} ZbTable;

GQuark         zb_table_error_quark      (void);
GType          zb_table_get_type         (void) G_GNUC_CONST;
ZbTable       *zb_table_new              (const char * const  *titles,
                                          const ZbTableKind   *kinds,
                                          guint                n_columns);
ZbTable       *zb_table_new_read         (ZbTableFormat        origin);
ZbTable       *zb_table_ref              (ZbTable             *table);
void           zb_table_unref            (ZbTable             *table);
void           zb_table_add_row          (ZbTable             *table,
                                          const char * const  *cells);
guint          zb_table_get_n_columns    (ZbTable             *table);
ZbTableKind    zb_table_get_kind         (ZbTable             *table,
                                          guint                column);
gboolean       zb_table_format_for_path  (const char          *path,
                                          ZbTableFormat       *format,
                                          GError             **error);
ZbTable       *zb_table_read_csv         (const char          *data,
                                          gsize                len,
                                          ZbCsvEncoding        encoding,
                                          GError             **error);
ZbTable       *zb_table_read_file        (const char          *path,
                                          ZbCsvEncoding        encoding,
                                          GError             **error);
GString       *zb_table_to_csv           (ZbTable             *table,
                                          gboolean             with_bom);
gboolean       zb_table_write_file       (ZbTable             *table,
                                          const char          *path,
                                          GError             **error);
char          *zb_table_number_text      (double               value);

/* The readers and the writer of workbooks, in their own files. */
ZbTable       *zb_xlsx_read              (const char          *path,
                                          GError             **error);
ZbTable       *zb_xls_read               (const char          *path,
                                          GError             **error);
gboolean       zb_xlsx_write             (ZbTable             *table,
                                          const char          *path,
                                          GError             **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ZbTable, zb_table_unref)

G_END_DECLS
