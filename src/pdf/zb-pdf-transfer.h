/* zb-pdf-transfer.h: the transfer letter with what the secretary adds to it
 *
 * Copyright 2026 The Zhibu authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "zb-pdf-records.h"

G_BEGIN_DECLS

/* How long a letter stays valid unless the secretary says otherwise. */
#define ZB_PDF_TRANSFER_VALID_DAYS 30

/* zb_pdf_transfer_letter() with the days it stays valid and the issuing
 * organisation's contact (NULL: a blank to fill in by hand). */
ZbPdfDocument *zb_pdf_transfer_letter_full (ZbStore     *store,
                                            const char  *transfer_id,
                                            guint        valid_days,
                                            const char  *contact,
                                            GError     **error);

G_END_DECLS
