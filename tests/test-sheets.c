#define G_LOG_DOMAIN "test-sheets"

/* test-sheets.c: rosters and lists in and out of .xlsx, .xls and CSV
 *
 * Copyright 2026 The Zhibu authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The workbooks under data/sheets are the roster.csv beside them saved by
 * LibreOffice (make-fixtures.sh there says how), so they are read as an
 * office's files are, not as Zhibu's own writer makes them.
 */

#include "config.h"

#include <locale.h>
#include <string.h>

#include <glib.h>
#include <glib/gstdio.h>
#include <xlsxwriter.h>

#include "zb-cfb-check.h"

#include "zb-arrears.h"
#include "zb-dues-line.h"
#include "zb-error.h"
#include "zb-list-table.h"
#include "zb-meeting.h"
#include "zb-member-csv.h"
#include "zb-table.h"
#include "zb-test-util.h"
#include "zb-xls-reply.h"

/* An 18-digit citizen ID number with the check digit X (GB 11643-1999). */
#define ID_WITH_X "11010119800315101X"
#define HOSTILE   "=HYPERLINK(\"http://example.com/x\",\"点击查看\")"

typedef struct
{
  char    *dir;
  ZbStore *store;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  f->dir = zb_test_make_dir ();
  f->store = zb_test_new_store (f->dir, "a.zhibu");
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_clear_object (&f->store);
  zb_test_remove_dir (f->dir);
  g_free (f->dir);
}

static char *
fixture_path (const char *name)
{
  return g_test_build_filename (G_TEST_DIST, "data", "sheets", name, NULL);
}

/* The whole roster as `member export --with-sensitive` writes it. */
static char *
roster_csv (ZbStore *store)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) members = zb_store_list_members (store, TRUE, &error);
  GString *csv;

  g_assert_no_error (error);
  csv = zb_member_csv_export (members, TRUE);
  return g_string_free (csv, FALSE);
}

static ZbStore *
store_with (const char *dir,
            const char *name,
            const char *roster)
{
  g_autoptr(ZbStore) store = zb_test_new_store (dir, name);
  g_autoptr(GError) error = NULL;
  guint n = 0;

  g_assert_true (zb_member_import_file (store, roster, ZB_CSV_ENCODING_AUTO, &n, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n, ==, 5);
  return g_steal_pointer (&store);
}

/* The same roster from CSV, from LibreOffice's .xlsx (dates as date cells,
 * phones as numbers, ID numbers as text) and from its .xls: the same people. */
static void
test_libreoffice (Fixture       *f,
                  gconstpointer  data)
{
  const char *workbook = data;
  g_autofree char *csv_path = fixture_path ("roster.csv");
  g_autofree char *book_path = fixture_path (workbook);
  g_autoptr(ZbStore) from_csv = store_with (f->dir, "csv.zhibu", csv_path);
  g_autoptr(ZbStore) from_book = store_with (f->dir, "book.zhibu", book_path);
  g_autofree char *expected = roster_csv (from_csv);
  g_autofree char *got = roster_csv (from_book);

  g_assert_nonnull (strstr (expected, ID_WITH_X));
  g_assert_nonnull (strstr (expected, "13800138000"));
  g_assert_nonnull (strstr (expected, "1976-02-29"));
  g_assert_cmpstr (got, ==, expected);
}

/* A python3 that has openpyxl (Debian's, which pyenv and the like may hide). */
static const char *
find_openpyxl_python (void)
{
  static const char *candidates[] = { "/usr/bin/python3", "python3" };

  for (guint i = 0; i < G_N_ELEMENTS (candidates); i++)
    {
      const char *argv[] = { candidates[i], "-c", "import openpyxl", NULL };
      int status = -1;

      if (g_spawn_sync (NULL, (char **) argv, NULL,
                        G_SPAWN_SEARCH_PATH | G_SPAWN_STDOUT_TO_DEV_NULL |
                        G_SPAWN_STDERR_TO_DEV_NULL, NULL, NULL, NULL, NULL, &status, NULL) &&
          g_spawn_check_wait_status (status, NULL))
        return candidates[i];
    }

  return NULL;
}

/* Every cell whose value is @value, as openpyxl reads it: its address, its
 * data type (s for a string) and its number format, one line each. */
static char *
openpyxl_cells (const char *python,
                const char *path,
                const char *value)
{
  const char *script =
    "import sys, openpyxl\n"
    "ws = openpyxl.load_workbook(sys.argv[1]).active\n"
    "for row in ws.iter_rows():\n"
    "    for c in row:\n"
    "        if c.value == sys.argv[2]:\n"
    "            print(c.coordinate, c.data_type, c.number_format)\n";
  const char *argv[] = { python, "-c", script, path, value, NULL };
  g_autoptr(GError) error = NULL;
  g_autofree char *err = NULL;
  char *out = NULL;
  int status = -1;

  g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, &out, &err,
                &status, &error);
  g_assert_no_error (error);
  g_test_message ("openpyxl: %s%s", out, err);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  return out;
}

/* One cell as openpyxl reads it: value, data type and number format. */
static char *
openpyxl_number_cell (const char *python,
                      const char *path,
                      const char *address)
{
  const char *script =
    "import sys, openpyxl\n"
    "c = openpyxl.load_workbook(sys.argv[1]).active[sys.argv[2]]\n"
    "print(c.value, c.data_type, c.number_format)\n";
  const char *argv[] = { python, "-c", script, path, address, NULL };
  g_autoptr(GError) error = NULL;
  char *out = NULL;
  int status = -1;

  g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, &out, NULL,
                &status, &error);
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  return out;
}

/* The text of a cell of a table read back, found by its header. */
static const char *
table_cell (ZbTable    *table,
            guint       row,
            const char *header)
{
  ZbCsvRow *titles = g_ptr_array_index (table->rows, 0);
  ZbCsvRow *record = g_ptr_array_index (table->rows, row);

  for (guint c = 0; c < titles->cells->len; c++)
    if (g_str_equal (g_ptr_array_index (titles->cells, c), header))
      return g_ptr_array_index (record->cells, c);

  g_assert_not_reached ();
}

static void
add_member_with_x (ZbStore *store)
{
  g_autoptr(ZbMember) m = zb_test_member ("张建国", ID_WITH_X, "full");
  g_autoptr(GError) error = NULL;
  g_autofree char *id = NULL;

  zb_member_set (m, ZB_MEMBER_FIELD_PHONE, "13800138000");
  id = zb_store_add_member (store, m, &error);
  g_assert_no_error (error);
}

/* An exported roster keeps an 18-digit ID number with an X exactly, as a
 * string cell in a text column: read back by Zhibu and by openpyxl. */
static void
test_export_id_text (Fixture       *f,
                     gconstpointer  data)
{
  g_autofree char *path = g_build_filename (f->dir, "花名册.xlsx", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) members = NULL;
  g_autoptr(ZbTable) table = NULL;
  g_autoptr(ZbStore) again = NULL;
  g_autofree char *expected = NULL, *got = NULL, *cells = NULL;
  const char *python = find_openpyxl_python ();
  GStatBuf st;

  add_member_with_x (f->store);
  members = zb_store_list_members (f->store, TRUE, &error);
  g_assert_no_error (error);
  g_assert_true (zb_member_export_file (members, TRUE, path, &error));
  g_assert_no_error (error);
  g_assert_cmpint (g_stat (path, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);

  table = zb_xlsx_read (path, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (table->rows->len, ==, 2);
  g_assert_cmpstr (table_cell (table, 1, "公民身份号码"), ==, ID_WITH_X);
  g_assert_cmpstr (table_cell (table, 1, "联系电话"), ==, "13800138000");

  again = zb_test_new_store (f->dir, "again.zhibu");
  g_assert_true (zb_member_import_file (again, path, ZB_CSV_ENCODING_AUTO, NULL, NULL, &error));
  g_assert_no_error (error);
  expected = roster_csv (f->store);
  got = roster_csv (again);
  g_assert_cmpstr (got, ==, expected);

  if (python == NULL)
    {
      g_test_skip ("no python3 with openpyxl (Debian: python3-openpyxl)");
      return;
    }
  cells = openpyxl_cells (python, path, ID_WITH_X);
  g_assert_cmpstr (cells, ==, "E2 s @\n");
  g_free (cells);
  cells = openpyxl_cells (python, path, "13800138000");
  g_assert_cmpstr (cells, ==, "J2 s @\n");
}

/* A workbook with one bad cell: the row and field named as the spreadsheet
 * shows them, and nobody imported. */
static void
test_bad_row (Fixture       *f,
              gconstpointer  data)
{
  static const char *titles[] = { "姓名", "公民身份号码", "人员类别", "入党日期", "转正日期" };
  static const char *good[] = { "张建国", ID_WITH_X, "正式党员", "2005-07-01", "2006-07-01" };
  static const char *bad[] = { "李秀英", "11010119850612104X", "正式党员", "2010-13-40",
                               "2011-06-28" };
  g_autoptr(ZbTable) table = zb_table_new (titles, NULL, G_N_ELEMENTS (titles));
  g_autofree char *path = g_build_filename (f->dir, "bad.xlsx", NULL);
  g_autoptr(GPtrArray) problems = NULL;
  g_autoptr(GError) error = NULL;
  ZbMemberCsvProblem *problem;

  zb_table_add_row (table, good);
  zb_table_add_row (table, bad);
  g_assert_true (zb_xlsx_write (table, path, &error));
  g_assert_no_error (error);

  g_assert_false (zb_member_import_file (f->store, path, ZB_CSV_ENCODING_AUTO, NULL, &problems,
                                         &error));
  g_assert_error (error, ZB_MEMBER_ERROR, ZB_MEMBER_ERROR_INVALID);
  g_test_message ("%s", error->message);
  g_assert_true (g_str_has_prefix (error->message, "Row 2 (sheet row 3): Date of admission: "
                                   "“2010-13-40” is not a date"));
  g_assert_cmpuint (problems->len, ==, 1);
  problem = g_ptr_array_index (problems, 0);
  g_assert_cmpuint (problem->row, ==, 2);
  g_assert_cmpuint (problem->line, ==, 3);
  g_assert_true (problem->sheet);
  g_assert_cmpint (problem->field, ==, ZB_MEMBER_FIELD_JOINED_DATE);
  g_assert_cmpuint (zb_store_count_members (f->store, TRUE, NULL), ==, 0);
}

/* An ID number the spreadsheet stored as a number has lost its last digits:
 * refused, with what to do, rather than imported wrong. */
static void
test_cut_id (Fixture       *f,
             gconstpointer  data)
{
  static const char *titles[] = { "姓名", "公民身份号码", "人员类别", "入党日期", "转正日期" };
  static const ZbTableKind kinds[] = { ZB_TABLE_KIND_TEXT, ZB_TABLE_KIND_NUMBER,
                                       ZB_TABLE_KIND_TEXT, ZB_TABLE_KIND_TEXT,
                                       ZB_TABLE_KIND_TEXT };
  static const char *row[] = { "王芳", "110101199001012029", "正式党员", "2015-07-01",
                               "2016-07-01" };
  g_autoptr(ZbTable) table = zb_table_new (titles, kinds, G_N_ELEMENTS (titles));
  g_autoptr(ZbTable) read = NULL;
  g_autofree char *path = g_build_filename (f->dir, "cut.xlsx", NULL);
  g_autoptr(GError) error = NULL;

  zb_table_add_row (table, row);
  g_assert_true (zb_xlsx_write (table, path, &error));
  g_assert_no_error (error);
  read = zb_xlsx_read (path, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (table_cell (read, 1, "公民身份号码"), ==, "1.10101E+17");

  g_assert_false (zb_member_import_file (f->store, path, ZB_CSV_ENCODING_AUTO, NULL, NULL,
                                         &error));
  g_assert_error (error, ZB_MEMBER_ERROR, ZB_MEMBER_ERROR_INVALID);
  g_test_message ("%s", error->message);
  g_assert_true (g_str_has_prefix (error->message, "Row 1 (sheet row 2): Citizen ID number: "
                                   "“1.10101E+17” is a number the spreadsheet has already cut "
                                   "short"));
  g_assert_nonnull (strstr (error->message, "format the column as text"));
  g_assert_cmpuint (zb_store_count_members (f->store, TRUE, NULL), ==, 0);
}

/* A cell that a spreadsheet would run as a formula: an apostrophe in front
 * in CSV, a string cell (never a formula) in .xlsx; both read back as is. */
static void
test_hostile_cell (Fixture       *f,
                   gconstpointer  data)
{
  static const char *titles[] = { "id", "title" };
  static const char *row[] = { "m1", HOSTILE };
  g_autoptr(ZbTable) table = zb_table_new (titles, NULL, G_N_ELEMENTS (titles));
  g_autofree char *path = g_build_filename (f->dir, "hostile.xlsx", NULL);
  g_autoptr(ZbTable) from_xlsx = NULL, from_csv = NULL;
  g_autoptr(GString) csv = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *cells = NULL;
  const char *python = find_openpyxl_python ();

  zb_table_add_row (table, row);
  csv = zb_table_to_csv (table, FALSE);
  g_assert_cmpstr (csv->str, ==, "id,title\r\nm1,\"'=HYPERLINK(\"\"http://example.com/x\"\","
                                 "\"\"点击查看\"\")\"\r\n");
  from_csv = zb_table_read_csv (csv->str, csv->len, ZB_CSV_ENCODING_UTF8, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (table_cell (from_csv, 1, "title"), ==, HOSTILE);

  g_assert_true (zb_xlsx_write (table, path, &error));
  g_assert_no_error (error);
  from_xlsx = zb_xlsx_read (path, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (table_cell (from_xlsx, 1, "title"), ==, HOSTILE);

  if (python == NULL)
    {
      g_test_skip ("no python3 with openpyxl (Debian: python3-openpyxl)");
      return;
    }
  cells = openpyxl_cells (python, path, HOSTILE);
  g_assert_cmpstr (cells, ==, "B2 s General\n");
}

static gboolean
copy_fixture (const char *name,
              const char *to)
{
  g_autofree char *from = fixture_path (name);
  g_autofree char *data = NULL;
  gsize len = 0;

  return g_file_get_contents (from, &data, &len, NULL) &&
         g_file_set_contents (to, data, len, NULL);
}

/* The format comes from the file's name; anything else is refused with the
 * names Zhibu knows, and a file that only claims to be a workbook is named
 * as such. */
static void
test_formats (Fixture       *f,
              gconstpointer  data)
{
  g_autofree char *txt = g_build_filename (f->dir, "roster.txt", NULL);
  g_autofree char *fake = g_build_filename (f->dir, "roster.XLSX", NULL);
  g_autofree char *fake_xls = g_build_filename (f->dir, "roster.xls", NULL);
  g_autofree char *misnamed = g_build_filename (f->dir, "花名册.csv", NULL);
  g_autoptr(GError) error = NULL;
  ZbTableFormat format;

  g_assert_true (zb_table_format_for_path ("/a/B.XLS", &format, NULL));
  g_assert_cmpint (format, ==, ZB_TABLE_FORMAT_XLS);

  g_assert_true (g_file_set_contents (txt, "姓名\r\n", -1, NULL));
  g_assert_false (zb_member_import_file (f->store, txt, ZB_CSV_ENCODING_AUTO, NULL, NULL,
                                         &error));
  g_assert_error (error, ZB_TABLE_ERROR, ZB_TABLE_ERROR_FORMAT);
  g_assert_nonnull (strstr (error->message, "“roster.txt”"));
  g_assert_nonnull (strstr (error->message, ".xlsx"));
  g_clear_error (&error);

  /* A workbook under a CSV name: the message says which name to give it. */
  g_assert_true (copy_fixture ("roster.xlsx", misnamed));
  g_assert_false (zb_member_import_file (f->store, misnamed, ZB_CSV_ENCODING_AUTO, NULL, NULL,
                                         &error));
  g_assert_error (error, ZB_CSV_ERROR, ZB_CSV_ERROR_ENCODING);
  g_assert_nonnull (strstr (error->message, "name the file .xlsx"));
  g_clear_error (&error);
  g_assert_true (copy_fixture ("roster.xls", misnamed));
  g_assert_false (zb_member_import_file (f->store, misnamed, ZB_CSV_ENCODING_AUTO, NULL, NULL,
                                         &error));
  g_assert_error (error, ZB_CSV_ERROR, ZB_CSV_ERROR_ENCODING);
  g_assert_nonnull (strstr (error->message, "name the file .xls "));
  g_clear_error (&error);

  g_assert_true (g_file_set_contents (fake, "姓名\r\n", -1, NULL));
  g_assert_null (zb_table_read_file (fake, ZB_CSV_ENCODING_AUTO, &error));
  g_assert_error (error, ZB_TABLE_ERROR, ZB_TABLE_ERROR_BROKEN);
  g_clear_error (&error);

  g_assert_true (g_file_set_contents (fake_xls, "姓名\r\n", -1, NULL));
  g_assert_null (zb_table_read_file (fake_xls, ZB_CSV_ENCODING_AUTO, &error));
  g_assert_error (error, ZB_TABLE_ERROR, ZB_TABLE_ERROR_BROKEN);
}

/* An .xls whose directory gives a part a size larger than the file (4 GB
 * in 7 KB, found by fuzz-xls; FreeXL 1.0.6 allocated it whole) is refused
 * as damaged before FreeXL reads it; the intact workbook is not. */
static void
test_xls_part_too_large (Fixture       *f,
                         gconstpointer  data)
{
  g_autofree char *from = fixture_path ("roster.xls");
  g_autofree char *damaged = g_build_filename (f->dir, "damaged.xls", NULL);
  g_autofree char *bytes = NULL;
  g_autoptr(ZbTable) table = NULL;
  g_autoptr(GError) error = NULL;
  gsize length, root;

  g_assert_true (g_file_get_contents (from, &bytes, &length, NULL));
  g_assert_true (zb_cfb_parts_fit ((const guint8 *) bytes, length));
  /* The root entry, the directory's first, in its first sector (512-byte
   * sectors: LibreOffice writes version 3). */
  g_assert_cmpuint (bytes[0x1e], ==, 9);
  root = ((gsize) GUINT32_FROM_LE (*(guint32 *) (bytes + 0x30)) + 1) * 512;
  /* A directory that starts beyond the file: FreeXL's 32-bit arithmetic
   * wrapped it round to the root entry of a 2.7 GB part (CI's run). */
  *(guint32 *) (bytes + 0x30) = GUINT32_TO_LE (0xff000000 | (root / 512 - 1));
  g_assert_false (zb_cfb_parts_fit ((const guint8 *) bytes, length));
  *(guint32 *) (bytes + 0x30) = GUINT32_TO_LE (root / 512 - 1);
  g_assert_true (zb_cfb_parts_fit ((const guint8 *) bytes, length));
  *(guint32 *) (bytes + root + 0x78) = GUINT32_TO_LE (0xf6000e80);
  g_assert_false (zb_cfb_parts_fit ((const guint8 *) bytes, length));
  g_assert_true (g_file_set_contents (damaged, bytes, length, NULL));

  table = zb_table_read_file (damaged, ZB_CSV_ENCODING_AUTO, &error);
  g_assert_null (table);
  g_assert_error (error, ZB_TABLE_ERROR, ZB_TABLE_ERROR_BROKEN);
  g_assert_nonnull (strstr (error->message, "“damaged.xls”"));
  g_assert_nonnull (strstr (error->message, "larger than the whole file"));
}

/* FreeXL crashes on this .xls (fuzz-xls found it): the reader, its own
 * process, dies with it and the import is refused, naming the file; the
 * next .xls reads as before. */
static void
test_xls_reader_crash (Fixture       *f,
                       gconstpointer  data)
{
  g_autofree char *damaged = g_build_filename (f->dir, "花名册.xls", NULL);
  g_autofree char *intact = fixture_path ("roster.xls");
  g_autoptr(ZbTable) table = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (copy_fixture ("freexl-segfault.xls", damaged));
  g_assert_null (zb_table_read_file (damaged, ZB_CSV_ENCODING_AUTO, &error));
  g_assert_error (error, ZB_TABLE_ERROR, ZB_TABLE_ERROR_BROKEN);
  g_assert_nonnull (strstr (error->message, "“花名册.xls”"));
  g_assert_nonnull (strstr (error->message, "the reader stopped on it"));
  g_clear_error (&error);

  table = zb_table_read_file (intact, ZB_CSV_ENCODING_AUTO, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (table->rows->len, ==, 6);
}

/* Readers that fail in the other ways a process can: gone, or cut short
 * half way through a row (a reader killed mid-reply), or sending more than
 * a reply. Each is a clear error, never a table. */
static void
test_xls_reader_fails (Fixture       *f,
                       gconstpointer  data)
{
  static const char *scripts[] = {
    "printf 'zhibu-xls-reader 1\\n1\\t姓名\\n2\\t张'; kill -9 $$",
    "printf 'zhibu-xls-reader 1\\n1\\t姓名\\nend 1\\nend 1\\n'",
    "exit 0",
    "printf 'zhibu-xls-reader 1\\n'; yes '1\tx'",    /* endless: stopped at 64 MiB */
  };
  g_autofree char *reader = g_strdup (g_getenv ("ZHIBU_XLS_READER"));
  g_autofree char *script = g_build_filename (f->dir, "reader.sh", NULL);
  g_autofree char *roster = fixture_path ("roster.xls");
  g_autoptr(GError) error = NULL;

  g_setenv ("ZHIBU_XLS_READER", "/nonexistent/zhibu-xls-reader", TRUE);
  g_assert_null (zb_xls_read (roster, &error));
  g_assert_error (error, ZB_TABLE_ERROR, ZB_TABLE_ERROR_BROKEN);
  g_assert_nonnull (strstr (error->message, "cannot be started"));
  g_clear_error (&error);

  g_setenv ("ZHIBU_XLS_READER", script, TRUE);
  for (guint i = 0; i < G_N_ELEMENTS (scripts); i++)
    {
      g_autofree char *text = g_strdup_printf ("#!/bin/sh\n%s\n", scripts[i]);

      g_assert_true (g_file_set_contents (script, text, -1, NULL));
      g_assert_cmpint (g_chmod (script, 0700), ==, 0);
      g_assert_null (zb_xls_read (roster, &error));
      g_assert_error (error, ZB_TABLE_ERROR, ZB_TABLE_ERROR_BROKEN);
      g_assert_nonnull (strstr (error->message, "“roster.xls”"));
      g_clear_error (&error);
    }
  g_setenv ("ZHIBU_XLS_READER", reader, TRUE);
}

static GString *
reply_new (void)
{
  GString *reply = g_string_new (ZB_XLS_REPLY_HEADER);
  const char *header[] = { "姓名", "备注" };
  const char *hostile[] = { "=1+1\t\\n", "a\\tb\\c\r\n\n" };

  zb_xls_reply_append_row (reply, 1, header, 2);
  zb_xls_reply_append_row (reply, 7, hostile, 2);
  zb_xls_reply_append_end (reply, 2);
  return reply;
}

/* The reply reads back cell for cell, whatever the cells hold; any part of
 * it short of the whole, and anything the reader never writes, is no reply;
 * an error names FreeXL's code. */
static void
test_xls_reply (void)
{
  static const char *wrong[] = {
    "zhibu-xls-reader 1\n2\ta\n1\tb\nend 2\n",    /* rows out of order */
    "zhibu-xls-reader 1\n1\ta\\x\nend 1\n",       /* an unknown escape */
    "zhibu-xls-reader 1\n1\t\xff\nend 1\n",        /* not UTF-8 */
    "zhibu-xls-reader 1\n1\ta\nend 2\n",            /* a row lost */
    "zhibu-xls-reader 1\n1\ta\nend 1\n1\tb\n",    /* rows after the end */
    "zhibu-xls-reader 1\n1\nend 1\n",                /* a row without cells */
    "zhibu-xls-reader 2\n1\ta\nend 1\n",            /* another format */
    "zhibu-xls-reader 1\n1\ta\nend 1 \n",
    "error 5\n", "error -0\n", "error -99999999999\n", "",
  };
  g_autoptr(GString) reply = reply_new ();
  g_autoptr(ZbTable) table = NULL;
  int code = 1;

  table = zb_xls_reply_read (reply->str, reply->len, &code);
  g_assert_nonnull (table);
  g_assert_cmpint (code, ==, 0);
  g_assert_cmpuint (table->rows->len, ==, 2);
  g_assert_cmpuint (((ZbCsvRow *) table->rows->pdata[1])->line, ==, 7);
  g_assert_cmpstr (g_ptr_array_index (((ZbCsvRow *) table->rows->pdata[1])->cells, 0), ==,
                   "=1+1\t\\n");
  g_assert_cmpstr (g_ptr_array_index (((ZbCsvRow *) table->rows->pdata[1])->cells, 1), ==,
                   "a\\tb\\c\r\n\n");

  for (gsize cut = 0; cut < reply->len; cut++)
    {
      g_assert_null (zb_xls_reply_read (reply->str, cut, &code));
      g_assert_cmpint (code, ==, 0);
    }
  for (guint i = 0; i < G_N_ELEMENTS (wrong); i++)
    {
      g_assert_null (zb_xls_reply_read (wrong[i], strlen (wrong[i]), &code));
      g_assert_cmpint (code, ==, 0);
    }
  g_assert_null (zb_xls_reply_read ("error -4\n", 9, &code));
  g_assert_cmpint (code, ==, -4);
}

/* Numbers as the spreadsheet shows them: whole ones in full while they are
 * exact, longer ones as Excel's 1.10101E+17. */
static void
test_number_text (void)
{
  static const struct { double value; const char *text; } cases[] = {
    { 13800138000.0, "13800138000" },
    { 0, "0" },
    { -5, "-5" },
    { 12.5, "12.5" },
    { 0.1, "0.1" },
    { 110101199001012029.0, "1.10101E+17" },
    { 1e17, "1E+17" },
    { 999999999999999.0, "999999999999999" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *text = zb_table_number_text (cases[i].value);

      g_assert_cmpstr (text, ==, cases[i].text);
    }
}

/* zhibu-cli: member import and export choose by the file's name, the lists
 * write .xlsx or CSV with -o, and a name it cannot use is refused. */
static void
test_cli (gconstpointer data)
{
  ZbTestCliBranch branch = { 0 };
  g_auto(ZbTestRun) run = { 0 };
  g_autofree char *roster = fixture_path ("roster.xls");
  g_autofree char *out = NULL, *csv = NULL, *on_stdout = NULL;
  g_autofree char *exported = NULL, *meetings_xlsx = NULL, *meetings_csv = NULL;
  g_autoptr(ZbTable) table = NULL, meetings = NULL;
  g_autoptr(GError) error = NULL;
  ZbCsvRow *header;

  zb_test_cli_branch_set_up (&branch);
  exported = g_build_filename (branch.dir, "out.xlsx", NULL);
  meetings_xlsx = g_build_filename (branch.dir, "meetings.xlsx", NULL);
  meetings_csv = g_build_filename (branch.dir, "meetings.csv", NULL);

  zb_test_cli_refused (&branch, 1, "“roster.ods”: Zhibu reads and writes spreadsheets ending "
                       "in .xlsx, .xls (read only) or .csv", "member", "import", "roster.ods",
                       NULL);
  zb_test_cli_run (&run, branch.db, branch.passphrase_file, "member", "import", roster, NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_cmpstr (run.err, ==, "Imported 5 people\n");

  out = zb_test_cli_ok (&branch, "member", "export", exported, "--with-sensitive", NULL);
  g_assert_cmpstr (out, ==, "");
  table = zb_xlsx_read (exported, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (table->rows->len, ==, 6);
  g_assert_cmpstr (table_cell (table, 4, "公民身份号码"), ==, ID_WITH_X);
  zb_test_cli_refused (&branch, 1, "does not write the old .xls format", "member", "export",
                       "out.xls", NULL);

  g_free (zb_test_cli_ok (&branch, "meeting", "add", "--type", "general", "--date",
                          "2026-03-05", "--title", HOSTILE, NULL));
  on_stdout = zb_test_cli_ok (&branch, "meeting", "list", "--format", "csv", NULL);
  g_free (out);
  out = zb_test_cli_ok (&branch, "meeting", "list", "-o", meetings_csv, NULL);
  g_assert_true (g_file_get_contents (meetings_csv, &csv, NULL, NULL));
  g_assert_cmpstr (csv, ==, on_stdout);
  g_assert_nonnull (strstr (csv, ",\"'=HYPERLINK("));
  g_free (out);
  out = zb_test_cli_ok (&branch, "meeting", "list", "-o", meetings_xlsx, NULL);
  meetings = zb_xlsx_read (meetings_xlsx, &error);
  g_assert_no_error (error);
  header = g_ptr_array_index (meetings->rows, 0);
  g_assert_cmpstr (g_ptr_array_index (header->cells, 0), ==, "id");
  g_assert_cmpstr (table_cell (meetings, 1, "date"), ==, "2026-03-05");
  g_assert_cmpstr (table_cell (meetings, 1, "title"), ==, HOSTILE);

  zb_test_cli_refused (&branch, 2, "--format xlsx writes a workbook: name it with -o FILE.xlsx",
                       "dues", "arrears", "--format", "xlsx", NULL);
  zb_test_cli_refused (&branch, 2, "-o m.ods: name the file .xlsx or .csv", "points", "--year",
                       "2026", "-o", "m.ods", NULL);
  zb_test_cli_refused (&branch, 2, "-o writes csv or xlsx, not json", "measure", "list",
                       "--format", "json", "-o", "m.xlsx", NULL);
  zb_test_cli_branch_tear_down (&branch);
}

/* The workbook at @path holds the cells of @csv, row by row. */
static void
assert_xlsx_holds_csv (const char *path,
                       const char *csv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ZbTable) from_csv = zb_table_read_csv (csv, strlen (csv), ZB_CSV_ENCODING_UTF8,
                                                   &error);
  g_autoptr(ZbTable) from_xlsx = NULL;

  g_assert_no_error (error);
  from_xlsx = zb_xlsx_read (path, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (from_xlsx->rows->len, ==, from_csv->rows->len);
  g_assert_cmpuint (from_csv->rows->len, >=, 2);
  for (guint r = 0; r < from_csv->rows->len; r++)
    {
      ZbCsvRow *want = g_ptr_array_index (from_csv->rows, r);
      ZbCsvRow *got = g_ptr_array_index (from_xlsx->rows, r);

      /* The workbook leaves out empty cells at the end of the widest row. */
      for (guint c = 0; c < want->cells->len; c++)
        g_assert_cmpstr (c < got->cells->len ? g_ptr_array_index (got->cells, c) : "", ==,
                         g_ptr_array_index (want->cells, c));
    }
}

/* Every list that prints CSV writes the same cells to .xlsx with -o; the
 * dues ledger's money is a number in yuan shown with two decimals. */
static void
test_cli_lists (gconstpointer data)
{
  ZbTestCliBranch branch = { 0 };
  g_auto(ZbTestRun) run = { 0 };
  g_autofree char *roster = fixture_path ("roster.csv");
  g_autofree char *path = NULL, *members = NULL, *member = NULL, *meeting = NULL;
  g_autofree char *csv = NULL, *out = NULL, *cells = NULL;
  const char *python = find_openpyxl_python ();

  zb_test_cli_branch_set_up (&branch);
  path = g_build_filename (branch.dir, "list.xlsx", NULL);
  zb_test_cli_run (&run, branch.db, branch.passphrase_file, "member", "import", roster, NULL);
  g_assert_cmpint (run.status, ==, 0);
  members = zb_test_cli_ok (&branch, "member", "list", "--format", "csv", NULL);
  member = g_strndup (strchr (members, '\n') + 1, 36);
  out = zb_test_cli_ok (&branch, "meeting", "add", "--type", "general", "--date", "2026-03-05",
                        "--title", "支部党员大会", NULL);
  meeting = g_strstrip (g_steal_pointer (&out));
  g_free (zb_test_cli_ok (&branch, "measure", "add", meeting, "--text", HOSTILE, "--owner",
                          "张建国", "--due", "2026-04-30", NULL));
  g_free (zb_test_cli_ok (&branch, "meeting", "attend", meeting, member, "present", NULL));
  g_free (zb_test_cli_ok (&branch, "study", "add", member, "--date", "2026-03-05", "--title",
                          "学习党章", "--minutes", "90", NULL));
  g_free (zb_test_cli_ok (&branch, "dues", "base", member, "--kind", "employed", "--base",
                          "5000", "--from", "2025-07", NULL));

#define SAME_AS_CSV(...) \
  G_STMT_START { \
    g_autofree char *c = zb_test_cli_ok (&branch, __VA_ARGS__, "--format", "csv", NULL); \
    g_free (zb_test_cli_ok (&branch, __VA_ARGS__, "-o", path, NULL)); \
    assert_xlsx_holds_csv (path, c); \
  } G_STMT_END

  SAME_AS_CSV ("meeting", "list");
  SAME_AS_CSV ("measure", "list");
  SAME_AS_CSV ("dues", "arrears", "--month", "2026-03");
  SAME_AS_CSV ("points", "--year", "2026");
#undef SAME_AS_CSV

  g_free (zb_test_cli_ok (&branch, "dues", "ledger", member, "--to", "2025-09", "--format",
                          "xlsx", "-o", path, NULL));
  if (python == NULL)
    {
      g_test_skip ("no python3 with openpyxl (Debian: python3-openpyxl)");
      zb_test_cli_branch_tear_down (&branch);
      return;
    }
  cells = openpyxl_cells (python, path, "2025-08");
  g_assert_cmpstr (cells, ==, "A3 s @\n");
  g_free (cells);
  cells = openpyxl_number_cell (python, path, "C3");
  g_assert_cmpstr (cells, ==, "50 n 0.00\n");
  zb_test_cli_branch_tear_down (&branch);
}

/* A roster as offices keep it in Excel: a hidden sheet of drop-down lists
 * first, a title row above the header, 出生年月 as a date formatted to show
 * the year and month, dates in built-in and custom formats, the phone a
 * number. Written with libxlsxwriter directly, as Excel would store it. */
static void
write_office_roster (const char *path)
{
  lxw_workbook *book = workbook_new (path);
  lxw_worksheet *lists = workbook_add_worksheet (book, "选项");
  lxw_worksheet *sheet = workbook_add_worksheet (book, "花名册");
  lxw_format *title = workbook_add_format (book);
  lxw_format *month = workbook_add_format (book);
  lxw_format *builtin = workbook_add_format (book);
  lxw_format *iso = workbook_add_format (book);
  lxw_datetime birth = { 1980, 3, 1, 0, 0, 0 };
  lxw_datetime joined = { 2005, 7, 1, 0, 0, 0 };
  lxw_datetime full = { 2006, 7, 1, 0, 0, 0 };
  static const char *header[] = { "姓名", "公民身份号码", "出生年月", "人员类别", "入党日期",
                                   "转正日期", "联系电话" };

  worksheet_write_string (lists, 0, 0, "正式党员", NULL);
  worksheet_write_string (lists, 1, 0, "预备党员", NULL);
  worksheet_activate (sheet);
  worksheet_hide (lists);

  format_set_bold (title);
  format_set_num_format (month, "yyyy\"年\"m\"月\"");
  format_set_num_format_index (builtin, 14);
  format_set_num_format (iso, "yyyy\\-mm\\-dd");
  worksheet_merge_range (sheet, 0, 0, 0, 6, "第一党支部党员花名册", title);
  for (guint c = 0; c < G_N_ELEMENTS (header); c++)
    worksheet_write_string (sheet, 1, c, header[c], NULL);
  worksheet_write_string (sheet, 2, 0, "张建国", NULL);
  worksheet_write_string (sheet, 2, 1, ID_WITH_X, NULL);
  worksheet_write_datetime (sheet, 2, 2, &birth, month);
  worksheet_write_string (sheet, 2, 3, "正式党员", NULL);
  worksheet_write_datetime (sheet, 2, 4, &joined, builtin);
  worksheet_write_datetime (sheet, 2, 5, &full, iso);
  worksheet_write_number (sheet, 2, 6, 13800138000.0, NULL);
  g_assert_cmpint (workbook_close (book), ==, LXW_NO_ERROR);
}

static void
test_office_roster (Fixture       *f,
                    gconstpointer  data)
{
  g_autofree char *path = g_build_filename (f->dir, "花名册.xlsx", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(ZbTable) table = NULL;
  g_autoptr(GListModel) members = NULL;
  g_autoptr(ZbMember) m = NULL;

  write_office_roster (path);
  table = zb_xlsx_read (path, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (table_cell (table, 0, "第一党支部党员花名册"), ==, "第一党支部党员花名册");
  g_assert_cmpuint (((ZbCsvRow *) g_ptr_array_index (table->rows, 2))->line, ==, 3);

  g_assert_true (zb_member_import_file (f->store, path, ZB_CSV_ENCODING_AUTO, NULL, NULL,
                                        &error));
  g_assert_no_error (error);
  members = zb_store_list_members (f->store, TRUE, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (members), ==, 1);
  m = g_list_model_get_item (members, 0);
  g_assert_cmpstr (zb_member_get (m, ZB_MEMBER_FIELD_ID_NUMBER), ==, ID_WITH_X);
  g_assert_cmpstr (zb_member_get (m, ZB_MEMBER_FIELD_BIRTH_DATE), ==, "1980-03-15");
  g_assert_cmpstr (zb_member_get (m, ZB_MEMBER_FIELD_JOINED_DATE), ==, "2005-07-01");
  g_assert_cmpstr (zb_member_get (m, ZB_MEMBER_FIELD_FULL_DATE), ==, "2006-07-01");
  g_assert_cmpstr (zb_member_get (m, ZB_MEMBER_FIELD_PHONE), ==, "13800138000");
}

/* Every kind of cell the sheet XML has, as the spreadsheet shows it: an
 * inline string (libxlsxwriter's constant-memory mode writes those), a rich
 * string of runs, a boolean, the cached results of formulas, a number. */
static void
test_cell_kinds (Fixture       *f,
                 gconstpointer  data)
{
  g_autofree char *path = g_build_filename (f->dir, "kinds.xlsx", NULL);
  lxw_workbook_options options = { .constant_memory = LXW_TRUE, .tmpdir = f->dir };
  lxw_workbook *book = workbook_new_opt (path, &options);
  lxw_worksheet *sheet = workbook_add_worksheet (book, NULL);
  lxw_format *bold = workbook_add_format (book);
  lxw_rich_string_tuple first = { bold, "张" }, second = { NULL, "三" };
  lxw_rich_string_tuple *runs[] = { &first, &second, NULL };
  g_autoptr(ZbTable) table = NULL;
  g_autoptr(GError) error = NULL;
  static const char *expected[] = { "行内文本", "张三", "TRUE", "甲乙", "2", "12.5", "",
                                    "末列" };
  ZbCsvRow *row;

  format_set_bold (bold);
  worksheet_write_string (sheet, 1, 0, "行内文本", NULL);
  worksheet_write_rich_string (sheet, 1, 1, runs, NULL);
  worksheet_write_boolean (sheet, 1, 2, 1, NULL);
  worksheet_write_formula_str (sheet, 1, 3, "=\"甲\"&\"乙\"", NULL, "甲乙");
  worksheet_write_formula_num (sheet, 1, 4, "=1+1", NULL, 2);
  worksheet_write_number (sheet, 1, 5, 12.5, NULL);
  worksheet_write_string (sheet, 1, 7, "末列", NULL);
  g_assert_cmpint (workbook_close (book), ==, LXW_NO_ERROR);

  table = zb_xlsx_read (path, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (table->rows->len, ==, 1);
  row = g_ptr_array_index (table->rows, 0);
  g_assert_cmpuint (row->line, ==, 2);
  g_assert_cmpuint (row->cells->len, ==, G_N_ELEMENTS (expected));
  for (guint c = 0; c < G_N_ELEMENTS (expected); c++)
    g_assert_cmpstr (g_ptr_array_index (row->cells, c), ==, expected[c]);
}

/* Row @r of a table built in memory, 0 for its titles. */
static const char *
built_cell (ZbTable *table,
            guint    r,
            guint    c)
{
  if (r == 0)
    return g_ptr_array_index (table->titles, c);
  return g_ptr_array_index (((ZbCsvRow *) g_ptr_array_index (table->rows, r - 1))->cells, c);
}

/* The app's lists for people: headings and codes in words, the chair's ID
 * as their name when names are given and kept, under its own heading,
 * when not; the CLI's table they come from is left as scripts read it. */
static void
test_for_people (void)
{
  g_autoptr(GListStore) meetings = g_list_store_new (ZB_TYPE_MEETING);
  g_autoptr(GListStore) lines = g_list_store_new (ZB_TYPE_DUES_LINE);
  g_autoptr(GListStore) arrears = g_list_store_new (ZB_TYPE_ARREARS);
  g_autoptr(GListStore) payments = g_list_store_new (G_TYPE_OBJECT);
  g_autoptr(ZbMeeting) meeting = zb_meeting_new ();
  g_autoptr(ZbDuesLine) line = zb_dues_line_new ("2026-03", "due", 1250, 0);
  const char *months[] = { "2026-01", "2026-02", "2026-03", NULL };
  g_autoptr(ZbArrears) owing = zb_arrears_new ("m1", "张三", (GStrv) months, "warning");
  g_autoptr(GHashTable) names = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(ZbTable) cli = NULL;
  g_autoptr(ZbTable) named = NULL;
  g_autoptr(ZbTable) unnamed = NULL;
  g_autoptr(ZbTable) cli_ledger = NULL;
  g_autoptr(ZbTable) ledger = NULL;
  g_autoptr(ZbTable) cli_owed = NULL;
  g_autoptr(ZbTable) owed = NULL;

  zb_meeting_set_id (meeting, "mt1");
  zb_meeting_set_type_code (meeting, "lecture");
  zb_meeting_set_date (meeting, "2026-03-05");
  zb_meeting_set_title (meeting, "党课");
  zb_meeting_set_chair_id (meeting, "m1");
  zb_meeting_set_recorder_id (meeting, "gone");
  g_list_store_append (meetings, meeting);
  g_hash_table_insert (names, "m1", "张三");
  cli = zb_meetings_table (G_LIST_MODEL (meetings));
  named = zb_list_table_for_people (cli, names);
  unnamed = zb_list_table_for_people (cli, NULL);

  g_assert_cmpstr (built_cell (cli, 0, 1), ==, "type");
  g_assert_cmpstr (built_cell (cli, 1, 1), ==, "lecture");
  g_assert_cmpstr (built_cell (cli, 1, 8), ==, "m1");
  g_assert_cmpstr (built_cell (named, 0, 0), ==, "ID");
  g_assert_cmpstr (built_cell (named, 0, 2), ==, "Date");
  g_assert_cmpstr (built_cell (named, 1, 0), ==, "mt1");
  g_assert_cmpstr (built_cell (named, 1, 1), ==, "Party lecture");
  g_assert_cmpstr (built_cell (named, 1, 2), ==, "2026-03-05");
  g_assert_cmpstr (built_cell (named, 0, 8), ==, "Chair");
  g_assert_cmpstr (built_cell (named, 1, 8), ==, "张三");
  g_assert_true (zb_table_get_kind (named, 8) == ZB_TABLE_KIND_TEXT);
  g_assert_cmpstr (built_cell (named, 1, 9), ==, "");
  g_assert_cmpstr (built_cell (unnamed, 0, 8), ==, "Chair ID");
  g_assert_cmpstr (built_cell (unnamed, 1, 8), ==, "m1");
  g_assert_true (zb_table_get_kind (unnamed, 8) == ZB_TABLE_KIND_CODE);

  g_list_store_append (lines, line);
  cli_ledger = zb_dues_ledger_table (G_LIST_MODEL (lines), G_LIST_MODEL (payments));
  ledger = zb_list_table_for_people (cli_ledger, NULL);
  g_assert_cmpstr (built_cell (ledger, 0, 0), ==, "Month");
  g_assert_cmpstr (built_cell (ledger, 1, 0), ==, "2026-03");
  g_assert_cmpstr (built_cell (ledger, 1, 1), ==, "Unpaid");
  g_assert_cmpstr (built_cell (ledger, 1, 2), ==, "12.50");
  g_assert_true (zb_table_get_kind (ledger, 2) == ZB_TABLE_KIND_MONEY);

  g_list_store_append (arrears, owing);
  cli_owed = zb_arrears_table (G_LIST_MODEL (arrears));
  owed = zb_list_table_for_people (cli_owed, NULL);
  g_assert_cmpstr (built_cell (owed, 1, 2), ==, "3");
  g_assert_cmpstr (built_cell (owed, 1, 3), ==, "Warning");
  g_assert_cmpstr (built_cell (owed, 1, 4), ==, "2026-01, 2026-02, 2026-03");
}

int
main (int    argc,
      char **argv)
{
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/sheets/libreoffice/xlsx", Fixture, "roster.xlsx", fixture_set_up,
              test_libreoffice, fixture_tear_down);
  g_test_add ("/sheets/xls-part-too-large", Fixture, NULL, fixture_set_up,
              test_xls_part_too_large, fixture_tear_down);
  g_test_add ("/sheets/libreoffice/xls", Fixture, "roster.xls", fixture_set_up,
              test_libreoffice, fixture_tear_down);
  g_test_add ("/sheets/export/id-as-text", Fixture, NULL, fixture_set_up, test_export_id_text,
              fixture_tear_down);
  g_test_add ("/sheets/import/office-roster", Fixture, NULL, fixture_set_up, test_office_roster,
              fixture_tear_down);
  g_test_add ("/sheets/xlsx/cell-kinds", Fixture, NULL, fixture_set_up, test_cell_kinds,
              fixture_tear_down);
  g_test_add ("/sheets/import/bad-row", Fixture, NULL, fixture_set_up, test_bad_row,
              fixture_tear_down);
  g_test_add ("/sheets/import/cut-id-number", Fixture, NULL, fixture_set_up, test_cut_id,
              fixture_tear_down);
  g_test_add ("/sheets/hostile-cell", Fixture, NULL, fixture_set_up, test_hostile_cell,
              fixture_tear_down);
  g_test_add ("/sheets/formats", Fixture, NULL, fixture_set_up, test_formats,
              fixture_tear_down);
  g_test_add ("/sheets/xls-reader/crash", Fixture, NULL, fixture_set_up,
              test_xls_reader_crash, fixture_tear_down);
  g_test_add ("/sheets/xls-reader/fails", Fixture, NULL, fixture_set_up,
              test_xls_reader_fails, fixture_tear_down);
  g_test_add_func ("/sheets/xls-reply", test_xls_reply);
  g_test_add_func ("/sheets/number-text", test_number_text);
  g_test_add_data_func ("/sheets/cli", NULL, test_cli);
  g_test_add_data_func ("/sheets/cli/lists", NULL, test_cli_lists);
  g_test_add_func ("/sheets/for-people", test_for_people);

  return g_test_run ();
}
