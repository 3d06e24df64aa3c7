/* zb-check-settings.h: the compliance checker's thresholds, a branch setting
 *
 * Copyright 2026 The Zhibu authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Thresholds, with the defaults of DOMAIN.md; a local committee may set
 * stricter ones. The branch keeps them in its database (branch_settings),
 * synced, so every PC and the committee's server judge alike. */
typedef struct
{
  guint absence_warning_months;   /* 3 */
  guint absence_alert_months;     /* 6, the Constitution */
  guint probation_notice_days;    /* 30 */
} ZbCheckSettings;

/* The ranges the schema's CHECKs and the GSettings keys share. */
#define ZB_CHECK_MIN_MONTHS 1
#define ZB_CHECK_MAX_MONTHS 24
#define ZB_CHECK_MIN_DAYS   1
#define ZB_CHECK_MAX_DAYS   365

void        zb_check_settings_init   (ZbCheckSettings        *settings);
gboolean    zb_check_settings_check  (const ZbCheckSettings  *settings,
                                      GError                **error);

G_END_DECLS
