/* zb-checker.h: the compliance checker (`zhibu-cli check`)
 *
 * Copyright 2026 The Zhibu authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "zb-check-settings.h"
#include "zb-finding.h"
#include "zb-store.h"

G_BEGIN_DECLS

typedef enum
{
  ZB_CHECK_ALL_RECORDS    = 0,
  ZB_CHECK_FINALISED_ONLY = 1 << 0,  /* meetings the branch finalised (DOMAIN.md section 6) */
} ZbCheckFlags;

GListModel *zb_store_check          (ZbStore                *store,
                                     const char             *from,
                                     const char             *to,
                                     const ZbCheckSettings  *settings,
                                     GError                **error);
GListModel *zb_store_check_full     (ZbStore                *store,
                                     const char             *from,
                                     const char             *to,
                                     const ZbCheckSettings  *settings,
                                     ZbCheckFlags            flags,
                                     GError                **error);

G_END_DECLS
