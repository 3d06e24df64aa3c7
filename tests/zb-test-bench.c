#define G_LOG_DOMAIN "zb-test-bench"

#include "config.h"

#include <stdio.h>

#include <glib/gstdio.h>

#include "zb-test-bench.h"

/* The one line DESIGN.md ("Performance") asks of a benchmark,
 * `bench NAME VALUE TARGET`, the target with its bound (<=2, >=50), and after
 * it what the figure ran with when that matters (the GTK renderer). */
gboolean
zb_test_bench_report (const char   *name,
                      double        value,
                      ZbBenchBound  bound,
                      double        target,
                      const char   *ran_with)
{
  gboolean held = bound == ZB_BENCH_AT_MOST ? value <= target : value >= target;

  printf ("bench %s %.3g %s%g%s%s\n", name, value, bound == ZB_BENCH_AT_MOST ? "<=" : ">=",
          target, ran_with ? " " : "", ran_with ? ran_with : "");
  fflush (stdout);
  if (!held)
    g_printerr ("bench %s: %.3g misses its target\n", name, value);
  return held;
}

/* Generated data kept between runs: the build directory's bench-cache
 * (tests/meson.build sets ZHIBU_BENCH_CACHE), or a directory of the run. */
char *
zb_test_bench_cache_dir (void)
{
  const char *dir = g_getenv ("ZHIBU_BENCH_CACHE");
  g_autoptr(GError) error = NULL;

  if (dir != NULL && g_mkdir_with_parents (dir, 0700) == 0)
    return g_strdup (dir);

  return g_dir_make_tmp ("zhibu-bench-XXXXXX", &error);
}

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return (x > y) - (x < y);
}

double
zb_test_bench_median (GArray *seconds)
{
  g_return_val_if_fail (seconds->len > 0, 0);

  g_array_sort (seconds, compare_doubles);
  return g_array_index (seconds, double, seconds->len / 2);
}
