#define G_LOG_DOMAIN "test-csv"

/* test-csv.c: the CSV reader, writer and decoding
 *
 * Copyright 2026 The Zhibu authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <locale.h>
#include <string.h>

#include <glib.h>

#include "zb-csv.h"
#include "zb-member-csv.h"
#include "zb-test-util.h"

/* Cells that try every rule of the format, reused by the fixtures below. */
static const char *tricky_cells[] = {
  "马丽",
  "财务,审计",
  "他说\"好\"",
  "技术\n研发",
  " 前后有空格 ",
  "\xe3\x80\x80全角空格\xe3\x80\x80",
  "",
  "\"",
  "a\"b",
  ",",
  "第一党小组",
  "13600001111",
};

/* A roster-shaped fixture: a header and n_rows records of n_columns cells
 * drawn from tricky_cells, with the given line end. Each record's cells are
 * also returned, as the reader should give them back. */
static char *
make_fixture (guint        n_rows,
              guint        n_columns,
              const char  *line_end,
              GPtrArray  **expected)
{
  g_autoptr(GString) out = g_string_new (NULL);
  g_autoptr(GString) crlf = g_string_new (NULL);

  *expected = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);
  for (guint r = 0; r <= n_rows; r++)
    {
      g_auto(GStrv) cells = g_new0 (char *, n_columns + 1);

      for (guint c = 0; c < n_columns; c++)
        cells[c] = r == 0 ? g_strdup_printf ("列%u", c)
                          : g_strdup (tricky_cells[(r * 7 + c) % G_N_ELEMENTS (tricky_cells)]);
      zb_csv_append_row (out, (const char * const *) cells, n_columns);
      g_ptr_array_add (*expected, g_steal_pointer (&cells));
    }

  /* The writer ends lines in CRLF; rewrite them for the other line ends. Line
   * breaks inside cells are written as they are (\n) and stay so. */
  for (const char *p = out->str; *p; p++)
    {
      if (p[0] == '\r' && p[1] == '\n')
        {
          g_string_append (crlf, line_end);
          p++;
        }
      else
        g_string_append_c (crlf, *p);
    }

  return g_string_free (g_steal_pointer (&crlf), FALSE);
}

static char *
to_gb18030 (const char *utf8,
            gsize      *len)
{
  g_autoptr(GError) error = NULL;
  char *gb = g_convert (utf8, -1, "GB18030", "UTF-8", NULL, len, &error);

  g_assert_no_error (error);
  g_assert_false (g_utf8_validate_len (gb, *len, NULL));
  return gb;
}

static GPtrArray *
parse_ok (const char *text)
{
  g_autoptr(GError) error = NULL;
  GPtrArray *rows = zb_csv_parse (text, &error);

  g_assert_no_error (error);
  g_assert_nonnull (rows);
  return rows;
}

static const char *
cell (GPtrArray *rows,
      guint      r,
      guint      c)
{
  ZbCsvRow *row;

  g_assert_cmpuint (r, <, rows->len);
  row = g_ptr_array_index (rows, r);
  g_assert_cmpuint (c, <, row->cells->len);
  return g_ptr_array_index (row->cells, c);
}

static guint
n_cells (GPtrArray *rows,
         guint      r)
{
  return ((ZbCsvRow *) g_ptr_array_index (rows, r))->cells->len;
}

static guint
line_of (GPtrArray *rows,
         guint      r)
{
  return ((ZbCsvRow *) g_ptr_array_index (rows, r))->line;
}

static void
assert_rows_equal (GPtrArray *rows,
                   GPtrArray *expected)
{
  g_assert_cmpuint (rows->len, ==, expected->len);
  for (guint r = 0; r < rows->len; r++)
    {
      char **want = g_ptr_array_index (expected, r);

      g_assert_cmpuint (n_cells (rows, r), ==, g_strv_length (want));
      for (guint c = 0; want[c]; c++)
        g_assert_cmpstr (cell (rows, r, c), ==, want[c]);
    }
}

static void
assert_error_contains (const GError *error,
                       GQuark        domain,
                       int           code,
                       const char   *text)
{
  g_assert_error (error, domain, code);
  if (strstr (error->message, text) == NULL)
    g_error ("“%s” not in the error “%s”", text, error->message);
}

static void
test_encoding_names (void)
{
  ZbCsvEncoding enc = ZB_CSV_ENCODING_AUTO;

  g_assert_true (zb_csv_encoding_parse ("UTF-8", &enc));
  g_assert_cmpint (enc, ==, ZB_CSV_ENCODING_UTF8);
  g_assert_true (zb_csv_encoding_parse ("utf8", &enc));
  g_assert_cmpint (enc, ==, ZB_CSV_ENCODING_UTF8);
  g_assert_true (zb_csv_encoding_parse ("gbk", &enc));
  g_assert_cmpint (enc, ==, ZB_CSV_ENCODING_GB18030);
  g_assert_true (zb_csv_encoding_parse ("GB18030", &enc));
  g_assert_cmpint (enc, ==, ZB_CSV_ENCODING_GB18030);
  g_assert_true (zb_csv_encoding_parse ("auto", &enc));
  g_assert_cmpint (enc, ==, ZB_CSV_ENCODING_AUTO);

  enc = ZB_CSV_ENCODING_UTF8;
  g_assert_false (zb_csv_encoding_parse ("latin1", &enc));
  g_assert_false (zb_csv_encoding_parse ("", &enc));
  g_assert_cmpint (enc, ==, ZB_CSV_ENCODING_UTF8);
}

static void
test_decode_utf8_bom (void)
{
  const char data[] = "\xef\xbb\xbf姓名,性别\r\n马丽,女\r\n";
  g_autoptr(GError) error = NULL;
  g_autofree char *a = zb_csv_decode (data, sizeof data - 1, ZB_CSV_ENCODING_AUTO, &error);
  g_autofree char *b = zb_csv_decode (data, sizeof data - 1, ZB_CSV_ENCODING_UTF8, &error);
  g_autoptr(GPtrArray) rows = NULL;

  g_assert_no_error (error);
  g_assert_cmpstr (a, ==, "姓名,性别\r\n马丽,女\r\n");
  g_assert_cmpstr (b, ==, a);

  /* The parser drops a BOM too, for text that did not come through decode. */
  rows = parse_ok (data);
  g_assert_cmpstr (cell (rows, 0, 0), ==, "姓名");
}

static void
test_decode_gb18030_crlf (void)
{
  g_autoptr(GPtrArray) expected = NULL;
  g_autofree char *utf8 = make_fixture (20, 6, "\r\n", &expected);
  gsize len = 0;
  g_autofree char *gb = to_gb18030 (utf8, &len);
  g_autoptr(GError) error = NULL;
  g_autofree char *a = zb_csv_decode (gb, len, ZB_CSV_ENCODING_AUTO, &error);
  g_autofree char *b = zb_csv_decode (gb, len, ZB_CSV_ENCODING_GB18030, &error);
  g_autoptr(GPtrArray) rows = NULL;

  g_assert_no_error (error);
  g_assert_cmpstr (a, ==, utf8);
  g_assert_cmpstr (b, ==, utf8);

  rows = parse_ok (a);
  assert_rows_equal (rows, expected);
}

/* A GB18030 file with its own byte order mark (84 31 95 33). */
static void
test_decode_gb18030_bom (void)
{
  gsize len = 0;
  g_autofree char *gb = to_gb18030 ("\xef\xbb\xbf姓名\r\n", &len);
  g_autoptr(GError) error = NULL;
  g_autofree char *text = zb_csv_decode (gb, len, ZB_CSV_ENCODING_GB18030, &error);

  g_assert_no_error (error);
  g_assert_cmpstr (text, ==, "姓名\r\n");
}

/* Explicit UTF-8: the error names the byte and the line. */
static void
test_decode_bad_utf8 (void)
{
  const char data[] = "name\r\n马丽\r\nab\xff\r\n";
  g_autoptr(GError) error = NULL;
  g_autofree char *text = zb_csv_decode (data, sizeof data - 1, ZB_CSV_ENCODING_UTF8, &error);

  g_assert_null (text);
  assert_error_contains (error, ZB_CSV_ERROR, ZB_CSV_ERROR_ENCODING, "byte 16 (line 3)");
}

static void
test_decode_bad_gb18030 (void)
{
  /* 0x81 starts a two-byte character; a space cannot end it. */
  const char data[] = "name\nab\x81 \n";
  const char truncated[] = "name\r\n\xc2\xed";
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;

  text = zb_csv_decode (data, sizeof data - 1, ZB_CSV_ENCODING_GB18030, &error);
  g_assert_null (text);
  assert_error_contains (error, ZB_CSV_ERROR, ZB_CSV_ERROR_ENCODING, "byte 7 (line 2)");
  g_clear_error (&error);

  /* iconv itself does not complain about a character cut off at the end. */
  text = zb_csv_decode (truncated, sizeof truncated - 2, ZB_CSV_ENCODING_GB18030, &error);
  g_assert_null (text);
  assert_error_contains (error, ZB_CSV_ERROR, ZB_CSV_ERROR_ENCODING, "byte 6 (line 2)");
}

/* Bytes that are neither: the message says so and how to fix the file. */
static void
test_decode_neither (void)
{
  const char data[] = "name\r\n\xff\xfe\xff\r\n";
  g_autoptr(GError) error = NULL;
  g_autofree char *text = zb_csv_decode (data, sizeof data - 1, ZB_CSV_ENCODING_AUTO, &error);

  g_assert_null (text);
  assert_error_contains (error, ZB_CSV_ERROR, ZB_CSV_ERROR_ENCODING,
                         "neither UTF-8 nor GB18030");
  assert_error_contains (error, ZB_CSV_ERROR, ZB_CSV_ERROR_ENCODING, "byte 6, line 2");
  assert_error_contains (error, ZB_CSV_ERROR, ZB_CSV_ERROR_ENCODING, "CSV UTF-8");
}

/* A workbook, UTF-16 and binary data are refused before any guessing. */
static void
test_decode_not_text (void)
{
  const char xlsx[] = "PK\x03\x04\x14\x00\x06\x00";
  const char utf16[] = "\xff\xfe" "n\0a\0";
  const char nul[] = "name\nab\0c\n";
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;

  text = zb_csv_decode (xlsx, sizeof xlsx - 1, ZB_CSV_ENCODING_AUTO, &error);
  g_assert_null (text);
  assert_error_contains (error, ZB_CSV_ERROR, ZB_CSV_ERROR_ENCODING, "workbook");
  g_clear_error (&error);

  text = zb_csv_decode (utf16, sizeof utf16 - 1, ZB_CSV_ENCODING_AUTO, &error);
  g_assert_null (text);
  assert_error_contains (error, ZB_CSV_ERROR, ZB_CSV_ERROR_ENCODING, "UTF-16");
  g_clear_error (&error);

  text = zb_csv_decode (nul, sizeof nul - 1, ZB_CSV_ENCODING_GB18030, &error);
  g_assert_null (text);
  assert_error_contains (error, ZB_CSV_ERROR, ZB_CSV_ERROR_ENCODING, "byte 7 (line 2)");
}

static void
test_decode_empty (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *a = zb_csv_decode ("", 0, ZB_CSV_ENCODING_AUTO, &error);
  g_autofree char *b = zb_csv_decode ("\xef\xbb\xbf", 3, ZB_CSV_ENCODING_AUTO, &error);
  g_autoptr(GPtrArray) rows = NULL;

  g_assert_no_error (error);
  g_assert_cmpstr (a, ==, "");
  g_assert_cmpstr (b, ==, "");
  rows = parse_ok (b);
  g_assert_cmpuint (rows->len, ==, 0);
}

static void
test_parse_quoted_commas (void)
{
  g_autoptr(GPtrArray) rows = parse_ok ("a,\"b,c\",d\r\n\",\",\",,\"\r\n");

  g_assert_cmpuint (rows->len, ==, 2);
  g_assert_cmpuint (n_cells (rows, 0), ==, 3);
  g_assert_cmpstr (cell (rows, 0, 1), ==, "b,c");
  g_assert_cmpstr (cell (rows, 0, 2), ==, "d");
  g_assert_cmpuint (n_cells (rows, 1), ==, 2);
  g_assert_cmpstr (cell (rows, 1, 0), ==, ",");
  g_assert_cmpstr (cell (rows, 1, 1), ==, ",,");
}

static void
test_parse_doubled_quotes (void)
{
  g_autoptr(GPtrArray) rows = parse_ok ("\"他说\"\"好\"\"\",\"\"\"\",\"\"\n");

  g_assert_cmpuint (n_cells (rows, 0), ==, 3);
  g_assert_cmpstr (cell (rows, 0, 0), ==, "他说\"好\"");
  g_assert_cmpstr (cell (rows, 0, 1), ==, "\"");
  g_assert_cmpstr (cell (rows, 0, 2), ==, "");
}

/* Line breaks inside quotes become \n, and later records still know their line. */
static void
test_parse_embedded_line_breaks (void)
{
  g_autoptr(GPtrArray) rows =
    parse_ok ("h1,h2\r\n\"技术\r\n研发\",x\r\n\"a\rb\nc\",y\r\nlast,z");

  g_assert_cmpuint (rows->len, ==, 4);
  g_assert_cmpstr (cell (rows, 1, 0), ==, "技术\n研发");
  g_assert_cmpstr (cell (rows, 2, 0), ==, "a\nb\nc");
  g_assert_cmpuint (line_of (rows, 0), ==, 1);
  g_assert_cmpuint (line_of (rows, 1), ==, 2);
  g_assert_cmpuint (line_of (rows, 2), ==, 4);
  g_assert_cmpuint (line_of (rows, 3), ==, 7);
  g_assert_cmpstr (cell (rows, 3, 1), ==, "z");
}

/* CRLF, LF and lone CR; blank lines are skipped but still counted. */
static void
test_parse_line_ends (void)
{
  g_autoptr(GPtrArray) rows = parse_ok ("a,b\r\n\r\nc,d\ne,f\rg,h\n  \n\xe3\x80\x80\ni,j\n\n\r\n");

  g_assert_cmpuint (rows->len, ==, 5);
  g_assert_cmpstr (cell (rows, 1, 0), ==, "c");
  g_assert_cmpstr (cell (rows, 2, 1), ==, "f");
  g_assert_cmpstr (cell (rows, 3, 0), ==, "g");
  g_assert_cmpstr (cell (rows, 4, 1), ==, "j");
  g_assert_cmpuint (line_of (rows, 1), ==, 3);
  g_assert_cmpuint (line_of (rows, 2), ==, 4);
  g_assert_cmpuint (line_of (rows, 3), ==, 5);
  g_assert_cmpuint (line_of (rows, 4), ==, 8);
}

static void
test_parse_no_final_newline (void)
{
  g_autoptr(GPtrArray) rows = parse_ok ("a,b\nc,\"d\"");

  g_assert_cmpuint (rows->len, ==, 2);
  g_assert_cmpstr (cell (rows, 1, 1), ==, "d");
}

static void
test_parse_empty_cells (void)
{
  g_autoptr(GPtrArray) rows = parse_ok (",,\na,\n,,,\n");

  g_assert_cmpuint (n_cells (rows, 0), ==, 3);
  g_assert_cmpstr (cell (rows, 0, 2), ==, "");
  g_assert_cmpuint (n_cells (rows, 1), ==, 2);
  g_assert_cmpstr (cell (rows, 1, 1), ==, "");
  g_assert_cmpuint (n_cells (rows, 2), ==, 4);
}

/* Padding goes around unquoted cells, stays inside quoted ones. */
static void
test_parse_trim (void)
{
  g_autoptr(GPtrArray) rows =
    parse_ok ("  a b ,\t\xe3\x80\x80马丽\xe3\x80\x80 ,\" x \" , \"\xe3\x80\x80y\"\n");

  g_assert_cmpuint (n_cells (rows, 0), ==, 4);
  g_assert_cmpstr (cell (rows, 0, 0), ==, "a b");
  g_assert_cmpstr (cell (rows, 0, 1), ==, "马丽");
  g_assert_cmpstr (cell (rows, 0, 2), ==, " x ");
  g_assert_cmpstr (cell (rows, 0, 3), ==, "\xe3\x80\x80y");
}

/* A quote inside an unquoted cell is an ordinary character. */
static void
test_parse_bare_quote (void)
{
  g_autoptr(GPtrArray) rows = parse_ok ("5'10\",a\"b\n");

  g_assert_cmpstr (cell (rows, 0, 0), ==, "5'10\"");
  g_assert_cmpstr (cell (rows, 0, 1), ==, "a\"b");
}

static void
test_parse_unterminated (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) rows = zb_csv_parse ("h1,h2\r\na,b\r\nc,\"d\r\ne,f\r\n", &error);

  g_assert_null (rows);
  assert_error_contains (error, ZB_CSV_ERROR, ZB_CSV_ERROR_SYNTAX, "Line 3:");
}

static void
test_parse_text_after_quote (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) rows = zb_csv_parse ("h\n\"北京\"路,x\n", &error);

  g_assert_null (rows);
  assert_error_contains (error, ZB_CSV_ERROR, ZB_CSV_ERROR_SYNTAX, "Line 2:");
}

static void
assert_written (const char * const *cells,
                guint               n,
                const char         *expected)
{
  g_autoptr(GString) out = g_string_new (NULL);

  zb_csv_append_row (out, cells, n);
  g_assert_cmpstr (out->str, ==, expected);
}

static void
test_write_quoting (void)
{
  const char *plain[] = { "马丽", "", NULL, "x" };
  const char *specials[] = { "a,b", "say \"hi\"", "l1\r\nl2", "l1\nl2", "cr\r" };
  const char *spaces[] = { " a", "b ", "\tc", "\xe3\x80\x80" "d", "e f" };
  const char *lone_empty[] = { "" };

  assert_written (plain, 4, "马丽,,,x\r\n");
  assert_written (specials, 5,
                  "\"a,b\",\"say \"\"hi\"\"\",\"l1\r\nl2\",\"l1\nl2\",\"cr\r\"\r\n");
  assert_written (spaces, 5, "\" a\",\"b \",'\tc,\"\xe3\x80\x80" "d\",e f\r\n");
  assert_written (lone_empty, 1, "\"\"\r\n");
  assert_written (NULL, 0, "\r\n");
}

/* Whatever the writer writes, the reader reads back, in both encodings. */
static void
test_round_trip (void)
{
  const char *line_ends[] = { "\r\n", "\n", "\r" };

  for (guint i = 0; i < G_N_ELEMENTS (line_ends); i++)
    {
      g_autoptr(GPtrArray) expected = NULL;
      g_autofree char *text = make_fixture (50, 5, line_ends[i], &expected);
      g_autoptr(GPtrArray) rows = parse_ok (text);
      gsize len = 0;
      g_autofree char *gb = to_gb18030 (text, &len);
      g_autoptr(GError) error = NULL;
      g_autofree char *back = zb_csv_decode (gb, len, ZB_CSV_ENCODING_AUTO, &error);
      g_autoptr(GPtrArray) rows_gb = NULL;

      assert_rows_equal (rows, expected);
      g_assert_no_error (error);
      rows_gb = parse_ok (back);
      assert_rows_equal (rows_gb, expected);
    }
}

/* A lone CR in a cell comes back as \n: the reader keeps one form of line break. */
static void
test_round_trip_line_breaks (void)
{
  const char *cells[] = { "a\r\nb", "c\rd", "e\nf" };
  g_autoptr(GString) out = g_string_new (NULL);
  g_autoptr(GPtrArray) rows = NULL;

  zb_csv_append_row (out, cells, 3);
  zb_csv_append_row (out, cells, 3);
  rows = parse_ok (out->str);
  g_assert_cmpuint (rows->len, ==, 2);
  for (guint c = 0; c < 3; c++)
    g_assert_nonnull (strchr (cell (rows, 0, c), '\n'));
  g_assert_cmpstr (cell (rows, 1, 0), ==, "a\nb");
  g_assert_cmpstr (cell (rows, 1, 1), ==, "c\nd");
  g_assert_cmpuint (line_of (rows, 1), ==, 5);
}

/* Cells a spreadsheet would run (OWASP's CSV injection) are written as text,
 * an apostrophe in front, and read back as they were. */
static void
test_formula_guard (void)
{
  const char *cells[] = {
    "=HYPERLINK(\"http://x\",\"y\")", "+86 138 0013 8000", "-李", "@SUM(A1)", "\t=1+1",
    "'=already", "'plain", "a=b", "''-x", "\n=1",
  };
  const char *cr[] = { "\r=1" };
  g_autoptr(GString) out = g_string_new (NULL);
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GPtrArray) cr_rows = NULL;

  zb_csv_append_row (out, cells, G_N_ELEMENTS (cells));
  g_assert_cmpstr (out->str, ==,
                   "\"'=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\",'+86 138 0013 8000,'-李,"
                   "'@SUM(A1),'\t=1+1,''=already,'plain,a=b,'''-x,\"'\n=1\"\r\n");
  rows = parse_ok (out->str);
  for (guint c = 0; c < G_N_ELEMENTS (cells); c++)
    g_assert_cmpstr (cell (rows, 0, c), ==, cells[c]);

  /* A carriage return leads into a guarded cell too, and comes back as a
   * line feed, as every line break in a cell does. */
  g_string_truncate (out, 0);
  zb_csv_append_row (out, cr, 1);
  g_assert_cmpstr (out->str, ==, "\"'\r=1\"\r\n");
  cr_rows = parse_ok (out->str);
  g_assert_cmpstr (cell (cr_rows, 0, 0), ==, "\n=1");
}

/* Reads @csv as a roster into a new store's members, or NULL with @error. */
static GPtrArray *
read_roster (const char  *csv,
             GError     **error)
{
  g_autofree char *dir = zb_test_make_dir ();
  g_autoptr(ZbStore) store = zb_test_new_raw_store (dir, "branch.zhibu");
  GPtrArray *members = zb_member_csv_read (store, csv, strlen (csv), ZB_CSV_ENCODING_UTF8,
                                           error);

  g_clear_object (&store);
  zb_test_remove_dir (dir);
  return members;
}

/* The importer reads dates as office workers type them, full-width digits
 * too, and keeps ISO; 出生年月 may give the year and month alone. */
static void
test_member_dates (void)
{
  const char *forms[] = { "2012-06-30", "2012/6/30", "2012.6.30", "2012年6月30日", "20120630",
                          "２０１２-０６-３０", "２０１２．６．３０", "２０１２／６／３０" };
  g_autoptr(GString) csv = g_string_new ("姓名,性别,公民身份号码,人员类别,出生年月,入党日期\n");
  g_autoptr(GPtrArray) members = NULL;
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (forms); i++)
    {
      g_autofree char *idn = zb_test_id_number ("1982-03-04", TRUE, 90 + i);
      g_string_append_printf (csv, "党员%u,男,%s,预备党员,%s,%s\n", i, idn,
                              i % 2 ? "1982.03" : "1982年3月4日", forms[i]);
    }

  members = read_roster (csv->str, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (members->len, ==, G_N_ELEMENTS (forms));
  for (guint i = 0; i < members->len; i++)
    {
      ZbMember *m = g_ptr_array_index (members, i);

      g_assert_cmpstr (zb_member_get (m, ZB_MEMBER_FIELD_JOINED_DATE), ==, "2012-06-30");
      g_assert_cmpstr (zb_member_get (m, ZB_MEMBER_FIELD_BIRTH_DATE), ==, "1982-03-04");
    }
}

/* A cell that is no date names its row and field, and asks for the form in
 * words, not as YYYY-MM-DD. */
static void
test_member_bad_date (void)
{
  g_autofree char *idn = zb_test_id_number ("1982-03-04", TRUE, 99);
  g_autofree char *csv = g_strdup_printf ("姓名,性别,公民身份号码,人员类别,入党日期\n"
                                          "党员,男,%s,预备党员,2012/2/30\n", idn);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) members = read_roster (csv, &error);

  g_assert_null (members);
  g_assert_nonnull (strstr (error->message, "Row 1"));
  g_assert_nonnull (strstr (error->message, "Date of admission"));
  g_assert_nonnull (strstr (error->message, "“2012/2/30” is not a date; write it as "
                                            "year-month-day, such as 2015-07-01"));
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/csv/encoding/names", test_encoding_names);
  g_test_add_func ("/csv/decode/utf8-bom", test_decode_utf8_bom);
  g_test_add_func ("/csv/decode/gb18030-crlf", test_decode_gb18030_crlf);
  g_test_add_func ("/csv/decode/gb18030-bom", test_decode_gb18030_bom);
  g_test_add_func ("/csv/decode/bad-utf8", test_decode_bad_utf8);
  g_test_add_func ("/csv/decode/bad-gb18030", test_decode_bad_gb18030);
  g_test_add_func ("/csv/decode/neither", test_decode_neither);
  g_test_add_func ("/csv/decode/not-text", test_decode_not_text);
  g_test_add_func ("/csv/decode/empty", test_decode_empty);
  g_test_add_func ("/csv/parse/quoted-commas", test_parse_quoted_commas);
  g_test_add_func ("/csv/parse/doubled-quotes", test_parse_doubled_quotes);
  g_test_add_func ("/csv/parse/embedded-line-breaks", test_parse_embedded_line_breaks);
  g_test_add_func ("/csv/parse/line-ends", test_parse_line_ends);
  g_test_add_func ("/csv/parse/no-final-newline", test_parse_no_final_newline);
  g_test_add_func ("/csv/parse/empty-cells", test_parse_empty_cells);
  g_test_add_func ("/csv/parse/trim", test_parse_trim);
  g_test_add_func ("/csv/parse/bare-quote", test_parse_bare_quote);
  g_test_add_func ("/csv/parse/unterminated", test_parse_unterminated);
  g_test_add_func ("/csv/parse/text-after-quote", test_parse_text_after_quote);
  g_test_add_func ("/csv/write/quoting", test_write_quoting);
  g_test_add_func ("/csv/write/round-trip", test_round_trip);
  g_test_add_func ("/csv/write/round-trip-line-breaks", test_round_trip_line_breaks);
  g_test_add_func ("/csv/write/formula-guard", test_formula_guard);
  g_test_add_func ("/csv/member/dates", test_member_dates);
  g_test_add_func ("/csv/member/bad-date", test_member_bad_date);

  return g_test_run ();
}
