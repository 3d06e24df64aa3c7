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

GListModel *zb_store_check          (ZbStore                *store,
                                     const char             *from,
                                     const char             *to,
                                     const ZbCheckSettings  *settings,
                                     GError                **error);

G_END_DECLS
