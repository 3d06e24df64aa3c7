/* zb-process.h: what every Zhibu program does to itself when it starts
 *
 * Copyright 2026 The Zhibu authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

void zb_process_forbid_core_dumps (void);

G_END_DECLS
