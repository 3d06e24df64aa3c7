/* zb-xls-reply.h: what zhibu-xls-reader sends back, written and read
 *
 * Copyright 2026 The Zhibu authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "zb-table.h"

G_BEGIN_DECLS

/* The first line of every reply; the number changes with the format. */
#define ZB_XLS_REPLY_HEADER "zhibu-xls-reader 1\n"

void       zb_xls_reply_append_row    (GString            *out,
                                       guint               line,
                                       const char * const *cells,
                                       guint               n_cells);
void       zb_xls_reply_append_end    (GString            *out,
                                       guint               n_rows);
void       zb_xls_reply_append_error  (GString            *out,
                                       int                 code);
ZbTable   *zb_xls_reply_read          (const char         *data,
                                       gsize               len,
                                       int                *error_code);

G_END_DECLS
