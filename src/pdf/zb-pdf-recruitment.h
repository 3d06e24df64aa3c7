/* zb-pdf-recruitment.h: a person's recruitment file checklist (发展党员材料清单)
 *
 * Copyright 2026 The Zhibu authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "zb-pdf-document.h"
#include "zb-recruitment-rules.h"

G_BEGIN_DECLS

ZbPdfDocument *zb_pdf_recruitment_file (const char  *branch,
                                        const char  *name,
                                        const char  *birth_date,
                                        GPtrArray   *steps,
                                        const GDate *today);

G_END_DECLS
