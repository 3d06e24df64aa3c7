/* zb-date.h: calendar dates as the records keep them (ISO 8601, local calendar)
 *
 * Copyright 2026 The Zhibu authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

gboolean  zb_date_parse_iso        (const char  *text,
                                    GDate       *date);
gboolean  zb_date_parse_input      (const char  *text,
                                    GDate       *date);
char     *zb_date_normalise_input  (const char  *text);
char     *zb_date_normalise_or_typed (const char *typed);
char     *zb_date_to_iso           (const GDate *date);
char     *zb_date_format_ymd       (guint        year,
                                    guint        month,
                                    guint        day);
void      zb_date_set_today        (GDate       *date);
char     *zb_date_today_iso        (void);
guint     zb_date_full_years       (const GDate *from,
                                    const GDate *to);
int       zb_date_compare_iso      (const char  *a,
                                    const char  *b);
char     *zb_date_format_period    (const char  *period);
char     *zb_date_format_day       (const char  *iso);
char     *zb_date_format_days_in   (const char  *text);
char     *zb_date_format_date_time (GDateTime   *when);
char     *zb_date_format_time_span (const char  *start,
                                    const char  *end);
char     *zb_date_format_when      (const char  *day,
                                    const char  *start,
                                    const char  *end);

G_END_DECLS
