/* zb-pdf-records.h: the printed records of the branch, as documents
 *
 * Copyright 2026 The Zhibu authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "zb-pdf-document.h"
#include "zb-pdf-renderer.h"
#include "zb-store.h"

G_BEGIN_DECLS

/* What goes on the page of each record of DOMAIN.md section 5; where it
 * goes is the renderer's. An unknown ID is ZB_PDF_ERROR_NOT_FOUND, a period
 * without meetings ZB_PDF_ERROR_EMPTY. */
ZbPdfDocument *zb_pdf_meeting_record    (ZbStore     *store,
                                         const char  *meeting_id,
                                         GError     **error);
ZbPdfDocument *zb_pdf_first_item_record (ZbStore     *store,
                                         const char  *meeting_id,
                                         GError     **error);
ZbPdfDocument *zb_pdf_binder            (ZbStore     *store,
                                         guint        year,
                                         guint        quarter /* 0: the year */,
                                         GError     **error);
ZbPdfDocument *zb_pdf_roster            (ZbStore     *store,
                                         gboolean     with_sensitive,
                                         GError     **error);
ZbPdfDocument *zb_pdf_transfer_letter   (ZbStore     *store,
                                         const char  *transfer_id,
                                         GError     **error);
ZbPdfDocument *zb_pdf_dues_ledger       (ZbStore     *store,
                                         const char  *member_id,
                                         guint        year,
                                         GError     **error);
ZbPdfDocument *zb_pdf_dues_receipt      (ZbStore     *store,
                                         const char  *payment_id,
                                         GError     **error);
ZbPdfDocument *zb_pdf_recruitment_checklist (ZbStore     *store,
                                             const char  *person_id,
                                             GError     **error);

G_END_DECLS
