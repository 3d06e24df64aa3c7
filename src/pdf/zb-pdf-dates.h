/* zb-pdf-dates.h: the "D:" cairo 1.16 leaves out of a PDF's dates
 *
 * Copyright 2026 The Zhibu authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

void zb_pdf_dates_fix (GByteArray *pdf);

G_END_DECLS
