#define G_LOG_DOMAIN "zb-csv"

/* zb-csv.c: reading and writing CSV text (RFC 4180) as spreadsheets write it
 *
 * Copyright 2026 The Zhibu authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "zb-csv.h"

#define UTF8_BOM "\xef\xbb\xbf"
#define IDEOGRAPHIC_SPACE "\xe3\x80\x80"   /* U+3000, typed by Chinese input methods */

typedef struct
{
  const char *p;
  guint       line;
  GString    *cell;   /* scratch space, reused for every cell */
} Cursor;

G_DEFINE_QUARK (zb-csv-error-quark, zb_csv_error)

gboolean
zb_csv_encoding_parse (const char    *name,
                       ZbCsvEncoding *encoding)
{
  static const struct { const char *name; ZbCsvEncoding encoding; } names[] = {
    { "auto", ZB_CSV_ENCODING_AUTO },
    { "utf-8", ZB_CSV_ENCODING_UTF8 },
    { "utf8", ZB_CSV_ENCODING_UTF8 },
    { "gb18030", ZB_CSV_ENCODING_GB18030 },
    { "gbk", ZB_CSV_ENCODING_GB18030 },
    { "gb2312", ZB_CSV_ENCODING_GB18030 },
  };

  g_return_val_if_fail (name != NULL, FALSE);

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    if (g_ascii_strcasecmp (name, names[i].name) == 0)
      {
        *encoding = names[i].encoding;
        return TRUE;
      }

  return FALSE;
}

/* The 1-based line of a byte offset. CR and LF are single bytes in UTF-8 and
 * GB18030 alike (no multi-byte character contains 0x0a or 0x0d), so the
 * raw bytes can be counted before decoding. */
static guint
count_line (const char *data,
            gsize       offset)
{
  guint line = 1;

  for (gsize i = 0; i < offset; i++)
    if (data[i] == '\n' || (data[i] == '\r' && (i + 1 == offset || data[i + 1] != '\n')))
      line++;

  return line;
}

/* Spreadsheet users pick the wrong file more often than the wrong encoding:
 * say what the file is when it is plainly not CSV text. */
static gboolean
check_is_text (const char  *data,
               gsize        len,
               GError     **error)
{
  const char *nul;

  /* .xlsx is a zip archive, .xls an OLE compound file; both import as they
   * are (zb-table.c) once the name says which. */
  if (len >= 4 && memcmp (data, "PK\x03\x04", 4) == 0)
    {
      g_set_error_literal (error, ZB_CSV_ERROR, ZB_CSV_ERROR_ENCODING,
                           _("This is an Excel workbook, not CSV text: name the file .xlsx "
                             "and import it as it is"));
      return FALSE;
    }
  if (len >= 4 && memcmp (data, "\xd0\xcf\x11\xe0", 4) == 0)
    {
      g_set_error_literal (error, ZB_CSV_ERROR, ZB_CSV_ERROR_ENCODING,
                           _("This is an Excel 97-2003 workbook, not CSV text: name the file "
                             ".xls and import it as it is"));
      return FALSE;
    }
  if (len >= 2 && (memcmp (data, "\xff\xfe", 2) == 0 || memcmp (data, "\xfe\xff", 2) == 0))
    {
      g_set_error_literal (error, ZB_CSV_ERROR, ZB_CSV_ERROR_ENCODING,
                           _("The file is UTF-16 text: save it as “CSV UTF-8” instead"));
      return FALSE;
    }
  if ((nul = memchr (data, '\0', len)) != NULL)
    {
      g_set_error (error, ZB_CSV_ERROR, ZB_CSV_ERROR_ENCODING,
                   _("The file is not text: byte %lu (line %u) is a NUL byte. "
                     "Save the roster from the spreadsheet as “CSV UTF-8”"),
                   (gulong) (nul - data), count_line (data, nul - data));
      return FALSE;
    }

  return TRUE;
}

/* The offset of the first byte that is not UTF-8, or len when all are. */
static gsize
utf8_valid_prefix (const char *data,
                   gsize       len)
{
  const char *end = NULL;

  if (g_utf8_validate_len (data, len, &end))
    return len;

  return end - data;
}

/* Returns NULL and the offset of the first byte that GB18030 cannot read when
 * the conversion fails. iconv leaves a truncated character at the very end
 * unconverted without an error, hence the check of the length read. */
static char *
convert_gb18030 (const char *data,
                 gsize       len,
                 gsize      *valid)
{
  g_autofree char *utf8 = NULL;

  *valid = 0;
  utf8 = g_convert (data, len, "UTF-8", "GB18030", valid, NULL, NULL);
  if (*valid < len)
    return NULL;

  return g_steal_pointer (&utf8);
}

static char *
decode_utf8 (const char  *data,
             gsize        len,
             GError     **error)
{
  gsize valid = utf8_valid_prefix (data, len);

  if (valid < len)
    {
      g_set_error (error, ZB_CSV_ERROR, ZB_CSV_ERROR_ENCODING,
                   _("The file is not UTF-8 text: byte %lu (line %u) is not "
                     "part of a UTF-8 character. If it was saved as GB18030 or GBK, import "
                     "it with that encoding"),
                   (gulong) valid, count_line (data, valid));
      return NULL;
    }

  return g_strndup (data, len);
}

/* GBK and GB2312 are subsets of GB18030, so one conversion reads them all. */
static char *
decode_gb18030 (const char  *data,
                gsize        len,
                GError     **error)
{
  gsize valid = 0;
  char *utf8 = convert_gb18030 (data, len, &valid);

  if (utf8 == NULL)
    g_set_error (error, ZB_CSV_ERROR, ZB_CSV_ERROR_ENCODING,
                 _("The file is not GB18030 text: byte %lu (line %u) is not "
                   "part of a GB18030 character. If it was saved as UTF-8, import it with "
                   "that encoding"),
                 (gulong) valid, count_line (data, valid));
  return utf8;
}

/* Valid UTF-8 is taken as UTF-8: Chinese text in GB18030 is almost never valid
 * UTF-8 by accident. When neither reads, the one that got further is most
 * likely the real encoding, so its failing byte is the one to show. */
static char *
decode_auto (const char  *data,
             gsize        len,
             GError     **error)
{
  gsize utf8_valid, gb_valid, bad;
  char *text;

  if ((utf8_valid = utf8_valid_prefix (data, len)) == len)
    return g_strndup (data, len);
  if ((text = convert_gb18030 (data, len, &gb_valid)) != NULL)
    return text;

  bad = MAX (utf8_valid, gb_valid);
  g_set_error (error, ZB_CSV_ERROR, ZB_CSV_ERROR_ENCODING,
               _("The file is neither UTF-8 nor GB18030 text (byte %lu, line %u, is not a "
                 "character in either). Open it in the spreadsheet, "
                 "save it as “CSV UTF-8” and import it again"),
               (gulong) bad, count_line (data, bad));
  return NULL;
}

/* Returns the text as UTF-8 without a byte order mark. */
char *
zb_csv_decode (const char     *data,
               gsize           len,
               ZbCsvEncoding   encoding,
               GError        **error)
{
  char *text;

  g_return_val_if_fail (data != NULL || len == 0, NULL);

  if (!check_is_text (data, len, error))
    return NULL;

  if (encoding == ZB_CSV_ENCODING_UTF8)
    text = decode_utf8 (data, len, error);
  else if (encoding == ZB_CSV_ENCODING_GB18030)
    text = decode_gb18030 (data, len, error);
  else
    text = decode_auto (data, len, error);

  /* GB18030 has a byte order mark too; converted, it is U+FEFF like UTF-8's. */
  if (text != NULL && g_str_has_prefix (text, UTF8_BOM))
    memmove (text, text + 3, strlen (text + 3) + 1);

  return text;
}

void
zb_csv_row_free (ZbCsvRow *row)
{
  if (row == NULL)
    return;

  g_ptr_array_unref (row->cells);
  g_free (row);
}

static ZbCsvRow *
row_new (guint line)
{
  ZbCsvRow *row = g_new0 (ZbCsvRow, 1);

  row->cells = g_ptr_array_new_with_free_func (g_free);
  row->line = line;
  return row;
}

/* The length of the padding character at p: an ASCII space or tab, or U+3000. */
static guint
pad_length (const char *p)
{
  if (*p == ' ' || *p == '\t')
    return 1;
  if (strncmp (p, IDEOGRAPHIC_SPACE, 3) == 0)
    return 3;
  return 0;
}

static void
skip_pads (Cursor *c)
{
  guint n;

  while ((n = pad_length (c->p)) > 0)
    c->p += n;
}

/* Consumes one CRLF, LF or lone CR; returns FALSE when there is none. */
static gboolean
skip_line_break (Cursor *c)
{
  if (*c->p == '\r')
    c->p += c->p[1] == '\n' ? 2 : 1;
  else if (*c->p == '\n')
    c->p++;
  else
    return FALSE;

  c->line++;
  return TRUE;
}

static gboolean
at_cell_end (const Cursor *c)
{
  return *c->p == ',' || *c->p == '\r' || *c->p == '\n' || *c->p == '\0';
}

/* The cursor is on the opening quote. A doubled quote is one quote; a line
 * break inside is kept as \n, whatever its form in the file. */
static gboolean
read_quoted (Cursor   *c,
             GString  *cell,
             GError  **error)
{
  guint start_line = c->line;

  c->p++;
  for (;;)
    {
      gsize span = strcspn (c->p, "\"\r\n");

      g_string_append_len (cell, c->p, span);
      c->p += span;
      if (*c->p == '\0')
        {
          g_set_error (error, ZB_CSV_ERROR, ZB_CSV_ERROR_SYNTAX,
                       _("Line %u: a quoted cell starts here but its closing quote is "
                         "missing"), start_line);
          return FALSE;
        }
      if (c->p[0] == '"' && c->p[1] == '"')
        {
          g_string_append_c (cell, '"');
          c->p += 2;
        }
      else if (*c->p == '"')
        {
          c->p++;
          return TRUE;
        }
      else if (skip_line_break (c))
        g_string_append_c (cell, '\n');
    }
}

/* Unquoted, a cell runs to the next comma or line break; a quote inside it is
 * an ordinary character, as spreadsheets read it. */
static void
read_unquoted (Cursor  *c,
               GString *cell)
{
  const char *start = c->p;
  gsize len = strcspn (start, ",\r\n");

  c->p += len;
  for (;;)
    {
      if (len >= 1 && (start[len - 1] == ' ' || start[len - 1] == '\t'))
        len -= 1;
      else if (len >= 3 && memcmp (start + len - 3, IDEOGRAPHIC_SPACE, 3) == 0)
        len -= 3;
      else
        break;
    }
  g_string_append_len (cell, start, len);
}

/* Formula injection ("CSV injection"): Excel and WPS run a cell that starts
 * with = + - or @, and a tab or carriage return before one is no shield. As
 * OWASP advises, such a cell is written with an apostrophe in front, which
 * makes it text, and the reader takes the apostrophe off again. A cell that
 * already starts with apostrophes before such a character gets one more, so
 * that every cell reads back exactly as it was written. A line feed is
 * guarded too: the reader turns a carriage return in a cell into one. */
static gboolean
needs_formula_guard (const char *cell)
{
  while (*cell == '\'')
    cell++;

  return *cell != '\0' && strchr ("=+-@\t\r\n", *cell) != NULL;
}

static void
remove_formula_guard (GString *cell)
{
  if (cell->str[0] == '\'' && needs_formula_guard (cell->str + 1))
    g_string_erase (cell, 0, 1);
}

/* Padding around a cell is dropped, inside quotes it is kept. Text between a
 * closing quote and the next comma is refused rather than guessed at: it
 * usually means a quote inside the cell was not doubled. */
static char *
read_cell (Cursor    *c,
           gboolean  *quoted,
           GError   **error)
{
  GString *cell = c->cell;

  g_string_truncate (cell, 0);
  skip_pads (c);
  *quoted = *c->p == '"';
  if (!*quoted)
    read_unquoted (c, cell);
  else if (!read_quoted (c, cell, error))
    return NULL;

  skip_pads (c);
  if (!at_cell_end (c))
    {
      g_set_error (error, ZB_CSV_ERROR, ZB_CSV_ERROR_SYNTAX,
                   _("Line %u: there is text after the closing quote of a cell; write a "
                     "quote inside a quoted cell as two quotes (\"\")"), c->line);
      return NULL;
    }

  remove_formula_guard (cell);
  return g_strndup (cell->str, cell->len);
}

/* Reads one record, up to and including its line break. */
static ZbCsvRow *
read_row (Cursor    *c,
          gboolean  *blank,
          GError   **error)
{
  g_autoptr(ZbCsvRow) row = row_new (c->line);
  gboolean quoted = FALSE;

  for (;;)
    {
      char *cell = read_cell (c, &quoted, error);

      if (cell == NULL)
        return NULL;
      g_ptr_array_add (row->cells, cell);
      if (*c->p != ',')
        break;
      c->p++;
    }
  skip_line_break (c);

  *blank = row->cells->len == 1 && !quoted && *(char *) row->cells->pdata[0] == '\0';
  return g_steal_pointer (&row);
}

/* Every record with its cells, as ZbCsvRow; blank lines are skipped, the last
 * line break is optional. */
GPtrArray *
zb_csv_parse (const char  *utf8,
              GError     **error)
{
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func ((GDestroyNotify) zb_csv_row_free);
  g_autoptr(GString) cell = g_string_new (NULL);
  Cursor c = { utf8, 1, cell };

  g_return_val_if_fail (utf8 != NULL, NULL);

  if (g_str_has_prefix (c.p, UTF8_BOM))
    c.p += 3;

  while (*c.p != '\0')
    {
      gboolean blank = FALSE;
      ZbCsvRow *row = read_row (&c, &blank, error);

      if (row == NULL)
        return NULL;
      if (blank)
        zb_csv_row_free (row);
      else
        g_ptr_array_add (rows, row);
    }

  return g_steal_pointer (&rows);
}

/* Quotes keep what the reader would otherwise split or trim. */
static gboolean
needs_quotes (const char *cell)
{
  gsize len = strlen (cell);

  if (len == 0)
    return FALSE;

  return strpbrk (cell, ",\"\r\n") != NULL || pad_length (cell) > 0 ||
         cell[len - 1] == ' ' || cell[len - 1] == '\t' ||
         (len >= 3 && memcmp (cell + len - 3, IDEOGRAPHIC_SPACE, 3) == 0);
}

static void
append_quoted (GString    *out,
               const char *cell)
{
  g_string_append_c (out, '"');
  for (const char *p = cell; *p; p++)
    {
      if (*p == '"')
        g_string_append_c (out, '"');
      g_string_append_c (out, *p);
    }
  g_string_append_c (out, '"');
}

/* Appends one record; a NULL cell is an empty one, a cell that a spreadsheet
 * would run as a formula is guarded (see needs_formula_guard()). Lines end
 * in CRLF, as spreadsheets expect. */
void
zb_csv_append_row (GString            *out,
                   const char * const *cells,
                   guint               n_cells)
{
  g_return_if_fail (out != NULL);
  g_return_if_fail (cells != NULL || n_cells == 0);

  for (guint i = 0; i < n_cells; i++)
    {
      const char *text = cells[i] ? cells[i] : "";
      g_autofree char *guarded = needs_formula_guard (text) ? g_strconcat ("'", text, NULL) : NULL;
      const char *cell = guarded ? guarded : text;

      if (i > 0)
        g_string_append_c (out, ',');
      if (needs_quotes (cell))
        append_quoted (out, cell);
      else
        g_string_append (out, cell);
    }

  /* A lone empty cell would be a blank line, which readers skip. */
  if (n_cells == 1 && (cells[0] == NULL || *cells[0] == '\0'))
    g_string_append (out, "\"\"");

  g_string_append (out, "\r\n");
}
