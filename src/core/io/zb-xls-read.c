#define G_LOG_DOMAIN "zb-xls-read"

/* zb-xls-read.c: the first sheet of an old .xls workbook (Excel 97-2003,
 * BIFF8) as a ZbTable, read by zhibu-xls-reader
 *
 * Copyright 2026 The Zhibu authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Offices still pass rosters around as .xls. FreeXL reads them, in a process
 * of its own (why, and what it sends back: zb-xls-reply.c); its cells come
 * back as text the way the .xlsx reader makes them, so both feed the same
 * checks.
 */

#include "config.h"

#include <gio/gio.h>
#include <glib/gi18n.h>

#include "zb-cfb-check.h"
#include "zb-table.h"
#include "zb-xls-reply.h"

/* A reply larger than this is not a roster (a branch's 1,000 members as text
 * are well under a megabyte): the reader is stopped. */
#define REPLY_LIMIT (64 * 1024 * 1024)

/* ZHIBU_XLS_READER names it for the tests; run uninstalled, Zhibu uses the
 * one its build made. */
static const char *
reader_path (void)
{
  const char *path = g_getenv ("ZHIBU_XLS_READER");

  if (path != NULL && *path != '\0')
    return path;
  if (g_file_test (LIBEXECDIR "/zhibu-xls-reader", G_FILE_TEST_IS_EXECUTABLE))
    return LIBEXECDIR "/zhibu-xls-reader";
  return BUILD_XLS_READER;
}

static gboolean
set_unread (const char  *path,
            GError     **error)
{
  g_autofree char *name = g_path_get_basename (path);

  g_set_error (error, ZB_TABLE_ERROR, ZB_TABLE_ERROR_BROKEN,
               _("“%s” cannot be read as an .xls workbook: the reader stopped on it, as it does "
                 "on a damaged file; open it in the spreadsheet and save it again as “Excel "
                 "workbook (.xlsx)”"), name);
  return FALSE;
}

static gboolean
set_refused (const char  *path,
             int          code,
             GError     **error)
{
  g_autofree char *name = g_path_get_basename (path);

  g_set_error (error, ZB_TABLE_ERROR, ZB_TABLE_ERROR_BROKEN,
               _("“%s” cannot be read as an .xls workbook (FreeXL error %d): open it in the "
                 "spreadsheet and save it again as “Excel workbook (.xlsx)”"), name, code);
  return FALSE;
}

/* FreeXL allocates each part of the file at the size the file claims for
 * it, 4 GB for a damaged 7 KB file (zb-cfb-check.c): such a file is refused
 * before the reader starts. */
static gboolean
check_parts (const char  *path,
             GError     **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autofree char *data = NULL;
  g_autofree char *name = g_path_get_basename (path);
  gsize length;

  if (!g_file_get_contents (path, &data, &length, &local_error))
    {
      g_set_error (error, G_FILE_ERROR, local_error->code,
                   _("“%s” cannot be opened: check that the file exists and can be read"), name);
      return FALSE;
    }
  if (zb_cfb_parts_fit ((const guint8 *) data, length))
    return TRUE;
  g_set_error (error, ZB_TABLE_ERROR, ZB_TABLE_ERROR_BROKEN,
               _("“%s” is damaged: a part of it claims to be larger than the whole file; open "
                 "it in the spreadsheet and save it again as “Excel workbook (.xlsx)”"), name);
  return FALSE;
}

/* All the reader writes, or %NULL when it writes more than a roster's worth
 * (it is stopped then). */
static GByteArray *
read_reply (GSubprocess  *reader,
            GError      **error)
{
  GInputStream *out = g_subprocess_get_stdout_pipe (reader);
  g_autoptr(GByteArray) reply = g_byte_array_new ();
  g_autofree guint8 *buffer = g_malloc (64 * 1024);
  gssize n;

  while ((n = g_input_stream_read (out, buffer, 64 * 1024, NULL, error)) > 0)
    {
      if (reply->len + (gsize) n > REPLY_LIMIT)
        {
          g_subprocess_force_exit (reader);
          g_byte_array_set_size (reply, 0);
          break;
        }
      g_byte_array_append (reply, buffer, n);
    }
  g_subprocess_wait (reader, NULL, NULL);
  return n < 0 ? NULL : g_steal_pointer (&reply);
}

static GSubprocess *
start_reader (const char  *path,
              GError     **error)
{
  g_autoptr(GError) local_error = NULL;
  const char *reader = reader_path ();
  GSubprocess *process;

  /* What FreeXL or a crash writes to stderr says nothing a secretary can
   * act on; the error does. */
  process = g_subprocess_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDERR_SILENCE,
                              &local_error, reader, path, NULL);
  if (process == NULL)
    g_set_error (error, ZB_TABLE_ERROR, ZB_TABLE_ERROR_BROKEN,
                 _("The .xls reader (%s) cannot be started: %s. Save the workbook as “Excel "
                   "workbook (.xlsx)” and import that"), reader, local_error->message);
  return process;
}

/**
 * zb_xls_read:
 *
 * The first sheet of the .xls workbook at @path, each cell as text, a date
 * as YYYY-MM-DD. Callable from any thread.
 */
ZbTable *
zb_xls_read (const char  *path,
             GError     **error)
{
  g_autoptr(GSubprocess) reader = NULL;
  g_autoptr(GByteArray) reply = NULL;
  ZbTable *table;
  int code;

  g_return_val_if_fail (path != NULL, NULL);

  if (!check_parts (path, error))
    return NULL;
  if ((reader = start_reader (path, error)) == NULL ||
      (reply = read_reply (reader, error)) == NULL)
    return NULL;

  table = zb_xls_reply_read ((const char *) reply->data, reply->len, &code);
  if (table == NULL && code != 0)
    set_refused (path, code, error);
  else if (table == NULL)
    set_unread (path, error);
  return table;
}
