/* zb-pdf-records-private.h: what the builders of the printed records share
 *
 * Copyright 2026 The Zhibu authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

#include "zb-pdf-records.h"

G_BEGIN_DECLS

const char *zb_pdf_json_text        (JsonObject     *object,
                                     const char     *key);
char       *zb_pdf_format_date      (const char     *iso);
char       *zb_pdf_format_moment    (const char     *iso8601);
gboolean    zb_pdf_take_store_error (GError        **error,
                                     GError         *store_error);
GPtrArray  *zb_pdf_rows_new         (void);
void        zb_pdf_rows_add         (GPtrArray      *rows,
                                     guint           n_cells,
                                     ...);
gboolean    zb_pdf_add_meeting      (ZbPdfDocument  *document,
                                     ZbStore        *store,
                                     const char     *meeting_id,
                                     const char     *anchor,
                                     GError        **error);

G_END_DECLS
