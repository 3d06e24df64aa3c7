/* zb-fuzz.h: what the libFuzzer targets of tests/fuzz share
 *
 * Copyright 2026 The Zhibu authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <stddef.h>
#include <stdint.h>

#include <glib.h>

G_BEGIN_DECLS

int         LLVMFuzzerTestOneInput (const uint8_t *data,
                                    size_t         size);

void        zb_fuzz_init           (void);
const char *zb_fuzz_dir            (void);
char       *zb_fuzz_string         (const uint8_t *data,
                                    size_t         size);
const char *zb_fuzz_write          (const char    *name,
                                    const uint8_t *data,
                                    size_t         size);

G_END_DECLS
