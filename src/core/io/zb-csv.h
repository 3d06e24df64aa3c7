/* zb-csv.h: reading and writing CSV text (RFC 4180) as spreadsheets write it
 *
 * Copyright 2026 The Zhibu authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define ZB_CSV_ERROR (zb_csv_error_quark ())

typedef enum
{
  ZB_CSV_ERROR_ENCODING,   /* not text in the expected encoding, or not text at all */
  ZB_CSV_ERROR_SYNTAX,     /* an unclosed quote, text after a closing quote */
} ZbCsvError;

typedef enum
{
  ZB_CSV_ENCODING_AUTO,    /* UTF-8 when the bytes are valid UTF-8, else GB18030 */
  ZB_CSV_ENCODING_UTF8,
  ZB_CSV_ENCODING_GB18030, /* also reads GBK and GB2312, its subsets */
} ZbCsvEncoding;

/* One record. A quoted field may span lines, so the record remembers the
 * line it starts on, for error messages. */
typedef struct
{
  guint      line;         /* 1-based line of the file where the record starts */
  GPtrArray *cells;        /* char *, UTF-8 */
} ZbCsvRow;

GQuark     zb_csv_error_quark       (void);
gboolean   zb_csv_encoding_parse    (const char         *name,
                                     ZbCsvEncoding      *encoding);
char      *zb_csv_decode            (const char         *data,
                                     gsize               len,
                                     ZbCsvEncoding       encoding,
                                     GError            **error);
GPtrArray *zb_csv_parse             (const char         *utf8,
                                     GError            **error);
void       zb_csv_row_free          (ZbCsvRow           *row);
void       zb_csv_append_row        (GString            *out,
                                     const char * const *cells,
                                     guint               n_cells);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ZbCsvRow, zb_csv_row_free)

G_END_DECLS
