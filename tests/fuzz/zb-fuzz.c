#define G_LOG_DOMAIN "zb-fuzz"

/* zb-fuzz.c: what the libFuzzer targets of tests/fuzz share
 *
 * Copyright 2026 The Zhibu authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A critical, or a warning of Zhibu's own, is a finding like a crash: the
 * test suite runs with them fatal too, and no input may bring the code to
 * either. Other messages are dropped, so that a run's output is libFuzzer's.
 */

#include "config.h"

#include <locale.h>
#include <stdlib.h>

#include <glib/gstdio.h>

#include "zb-fuzz.h"

static char *fuzz_dir;

static void
remove_dir (void)
{
  g_autoptr(GDir) dir = g_dir_open (fuzz_dir, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename (fuzz_dir, name, NULL);

      g_remove (path);
    }
  g_rmdir (fuzz_dir);
  g_clear_pointer (&fuzz_dir, g_free);
}

static gboolean
is_own_domain (const GLogField *fields,
               gsize            n_fields)
{
  for (gsize i = 0; i < n_fields; i++)
    if (g_str_equal (fields[i].key, "GLIB_DOMAIN"))
      return fields[i].length < 0 && (g_str_has_prefix (fields[i].value, "zb-") ||
                                      g_str_has_prefix (fields[i].value, "fuzz-"));
  return FALSE;
}

/* Criticals that libraries raise of themselves on a damaged file, with no
 * call of Zhibu's at fault: libgsf 1.14.50 (Debian 12) unrefs the NULL date
 * of a zip entry whose DOS time is impossible (tests/fuzz/corpus/xlsx/
 * libgsf-null-date). It then goes on, and the reader refuses the file. */
static const char *known_criticals[] = {
  "g_date_time_unref: assertion 'datetime != NULL' failed",
};

static gboolean
is_known_critical (const GLogField *fields,
                   gsize            n_fields)
{
  for (gsize i = 0; i < n_fields; i++)
    if (g_str_equal (fields[i].key, "MESSAGE") && fields[i].length < 0)
      for (guint k = 0; k < G_N_ELEMENTS (known_criticals); k++)
        if (g_str_equal (fields[i].value, known_criticals[k]))
          return TRUE;
  return FALSE;
}

/* GLib's own fatal path ends in a breakpoint trap, which libFuzzer does not
 * catch; an abort it catches, and it keeps the input that led there. A
 * library may warn of a damaged file (libgsf of a bad zip header): only
 * Zhibu's own warnings are findings, and every critical. */
static GLogWriterOutput
fuzz_writer (GLogLevelFlags   level,
             const GLogField *fields,
             gsize            n_fields,
             gpointer         user_data)
{
  gboolean fatal = (level & G_LOG_LEVEL_ERROR) ||
                   ((level & G_LOG_LEVEL_CRITICAL) && !is_known_critical (fields, n_fields)) ||
                   ((level & G_LOG_LEVEL_WARNING) && is_own_domain (fields, n_fields));

  if (!fatal)
    return G_LOG_WRITER_HANDLED;
  g_log_writer_standard_streams (level, fields, n_fields, user_data);
  abort ();
}

/* Once per process: the locale and time zone of the tests, criticals and
 * warnings made fatal, a private folder for the files a target writes. */
void
zb_fuzz_init (void)
{
  g_autoptr(GError) error = NULL;

  if (fuzz_dir != NULL)
    return;

  g_setenv ("TZ", "Asia/Shanghai", TRUE);
  g_setenv ("LC_ALL", "C.UTF-8", TRUE);
  setlocale (LC_ALL, "");
  g_log_set_writer_func (fuzz_writer, NULL, NULL);

  if ((fuzz_dir = g_dir_make_tmp ("zhibu-fuzz-XXXXXX", &error)) == NULL)
    g_error ("%s", error->message);
  atexit (remove_dir);
}

const char *
zb_fuzz_dir (void)
{
  return fuzz_dir;
}

/* The input as a C string: what follows a NUL byte is not read. */
char *
zb_fuzz_string (const uint8_t *data,
                size_t         size)
{
  return g_strndup ((const char *) data, size);
}

/* The input as the file @name of the private folder, for readers that take
 * a path; the path stays valid until the next call. */
const char *
zb_fuzz_write (const char    *name,
               const uint8_t *data,
               size_t         size)
{
  static char *path;
  g_autoptr(GError) error = NULL;

  g_free (path);
  path = g_build_filename (fuzz_dir, name, NULL);
  if (!g_file_set_contents (path, (const char *) data, size, &error))
    g_error ("%s", error->message);
  return path;
}
