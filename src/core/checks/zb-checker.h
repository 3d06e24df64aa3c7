/* zb-checker.h: the compliance checker (`zhibu-cli check`)
 *
 * Copyright 2026 The Zhibu authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "zb-finding.h"
#include "zb-store.h"

G_BEGIN_DECLS

/* Thresholds, with the defaults of DOMAIN.md; the app and the CLI take them
 * from GSettings where a local committee set stricter ones. */
typedef struct
{
  guint absence_warning_months;   /* 3 */
  guint absence_alert_months;     /* 6, the Constitution */
  guint probation_notice_days;    /* 30 */
} ZbCheckSettings;

void        zb_check_settings_init  (ZbCheckSettings        *settings);
GListModel *zb_store_check          (ZbStore                *store,
                                     const char             *from,
                                     const char             *to,
                                     const ZbCheckSettings  *settings,
                                     GError                **error);

G_END_DECLS
