/* zb-test-bench.h: what the benchmarks share
 *
 * Copyright 2026 The Zhibu authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef enum
{
  ZB_BENCH_AT_MOST,
  ZB_BENCH_AT_LEAST,
} ZbBenchBound;

gboolean  zb_test_bench_report    (const char   *name,
                                   double        value,
                                   ZbBenchBound  bound,
                                   double        target,
                                   const char   *ran_with);
char     *zb_test_bench_cache_dir (void);
double    zb_test_bench_median    (GArray       *seconds);

G_END_DECLS
