#define G_LOG_DOMAIN "zb-xlsx-read"

/* zb-xlsx-read.c: the first sheet of an .xlsx workbook as a ZbTable
 *
 * Copyright 2026 The Zhibu authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * An .xlsx file is a zip archive (opened with libgsf) of XML parts (read with
 * libxml2, ECMA-376 part 1, SpreadsheetML):
 *
 * - xl/workbook.xml names the sheets in their order (Zhibu reads the first
 *   one shown) and says whether dates count from 1900 or 1904;
 *   xl/_rels/workbook.xml.rels says which part holds each sheet;
 * - xl/sharedStrings.xml holds most strings, which cells refer to by index;
 * - xl/styles.xml tells a date from a number: a date is a number (days since
 *   1900) in a cell whose style has a date format;
 * - the sheet itself: rows of cells, each a number, a shared or inline
 *   string, a boolean, an error or a formula's cached result.
 *
 * Every cell becomes the text the spreadsheet shows, dates as YYYY-MM-DD
 * (YYYY-MM in a format without a day); the importers then check the rows
 * exactly as they check CSV.
 */

#include "config.h"

#include <math.h>
#include <string.h>

#include <glib/gi18n.h>
#include <gsf/gsf.h>
#include <libxml/parser.h>
#include <libxml/tree.h>

#include "zb-table.h"

/* A roster is a few hundred kilobytes; a part far larger than this is a
 * zip bomb or not a roster, and would only exhaust the memory. */
#define MAX_PART_SIZE (64 * 1024 * 1024)
#define MAX_COLUMNS   16384   /* XFD, Excel's last column */

/* What a cell's number format shows of a date. */
typedef enum
{
  SHOWS_NUMBER,               /* not a date at all */
  SHOWS_DAY,                  /* a date */
  SHOWS_MONTH,                /* a year and month alone, as in 出生年月 */
} DateShape;

typedef struct
{
  const char *name;           /* the file's base name, for messages */
  GsfInfile  *zip;
  gboolean    date1904;
  char       *sheet_part;     /* e.g. xl/worksheets/sheet1.xml */
  GPtrArray  *strings;        /* char *, the shared strings */
  GArray     *date_styles;    /* DateShape per cell style (cellXfs index) */
} Book;

static void
book_clear (Book *book)
{
  g_clear_object (&book->zip);
  g_clear_pointer (&book->sheet_part, g_free);
  g_clear_pointer (&book->strings, g_ptr_array_unref);
  g_clear_pointer (&book->date_styles, g_array_unref);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Book, book_clear)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (xmlDoc, xmlFreeDoc)
/* libgsf 1.14 declares no cleanup of its own. */
G_DEFINE_AUTOPTR_CLEANUP_FUNC (GsfInput, g_object_unref)

static gboolean
set_broken (Book        *book,
            const char  *why,
            GError     **error)
{
  g_set_error (error, ZB_TABLE_ERROR, ZB_TABLE_ERROR_BROKEN,
               _("“%s” cannot be read as an .xlsx workbook (%s): open it in the spreadsheet "
                 "and save it again as “Excel workbook (.xlsx)”"), book->name, why);
  return FALSE;
}

static gboolean
set_part_broken (Book        *book,
                 const char  *part,
                 GError     **error)
{
  /* TRANSLATORS: %s is a file inside the workbook, such as xl/workbook.xml */
  g_autofree char *why = g_strdup_printf (_("its part %s is missing or damaged"), part);

  return set_broken (book, why, error);
}

/* The part at @path inside the zip, or NULL when there is none. */
static GsfInput *
open_part (GsfInfile  *zip,
           const char *path)
{
  g_auto(GStrv) names = g_strsplit (path, "/", -1);
  g_autoptr(GsfInput) input = g_object_ref (GSF_INPUT (zip));

  for (guint i = 0; names[i] != NULL; i++)
    {
      GsfInput *child;

      if (*names[i] == '\0')
        continue;
      if (!GSF_IS_INFILE (input) ||
          (child = gsf_infile_child_by_name (GSF_INFILE (input), names[i])) == NULL)
        return NULL;
      g_object_unref (input);
      input = child;
    }

  return g_steal_pointer (&input);
}

/* The part parsed, or NULL: with no error when it is missing and @optional. */
static xmlDoc *
read_part (Book        *book,
           const char  *path,
           gboolean     optional,
           GError     **error)
{
  g_autoptr(GsfInput) input = open_part (book->zip, path);
  g_autofree guint8 *data = NULL;
  gsf_off_t size;
  size_t read = 0;
  xmlDoc *doc;

  if (input == NULL)
    {
      if (!optional)
        set_part_broken (book, path, error);
      return NULL;
    }

  size = gsf_input_size (input);
  if (size < 0 || size > MAX_PART_SIZE)
    return set_broken (book, _("a part is too large"), error), NULL;
  if ((data = gsf_input_read0 (input, size, &read)) == NULL || read != (size_t) size)
    return set_part_broken (book, path, error), NULL;

  /* No network, no external entities: the file comes from anywhere. */
  doc = xmlReadMemory ((const char *) data, (int) size, path, NULL,
                       XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
  if (doc == NULL)
    set_part_broken (book, path, error);
  return doc;
}

static gboolean
is_element (xmlNode    *node,
            const char *name)
{
  return node->type == XML_ELEMENT_NODE && g_str_equal ((const char *) node->name, name);
}

static xmlNode *
find_child (xmlNode    *parent,
            const char *name)
{
  for (xmlNode *n = parent != NULL ? parent->children : NULL; n != NULL; n = n->next)
    if (is_element (n, name))
      return n;

  return NULL;
}

/* An attribute's value, in any namespace (r:id is in the relationships one). */
static char *
get_attr (xmlNode    *node,
          const char *name)
{
  for (xmlAttr *a = node->properties; a != NULL; a = a->next)
    if (g_str_equal ((const char *) a->name, name))
      {
        xmlChar *value = xmlNodeGetContent ((xmlNode *) a);
        char *copy = g_strdup ((const char *) value);

        xmlFree (value);
        return copy;
      }

  return NULL;
}

static gboolean
attr_is_true (xmlNode    *node,
              const char *name)
{
  g_autofree char *value = get_attr (node, name);

  return g_strcmp0 (value, "1") == 0 || g_strcmp0 (value, "true") == 0;
}

static char *
get_text (xmlNode *node)
{
  xmlChar *value = xmlNodeGetContent (node);
  char *copy = g_strdup (value != NULL ? (const char *) value : "");

  xmlFree (value);
  return copy;
}

/* The text of a string item (<si> or <is>): its <t>, or the <t> of each rich
 * text run <r>; phonetic guides (<rPh>) are not part of the text. */
static char *
read_string_item (xmlNode *item)
{
  GString *text = g_string_new (NULL);

  for (xmlNode *n = item->children; n != NULL; n = n->next)
    {
      xmlNode *t = is_element (n, "t") ? n : is_element (n, "r") ? find_child (n, "t") : NULL;
      g_autofree char *part = t != NULL ? get_text (t) : NULL;

      if (part != NULL)
        g_string_append (text, part);
    }

  return g_string_free (text, FALSE);
}

/* The part a relationship points at, relative to xl/ unless absolute. */
static char *
resolve_target (const char *target)
{
  if (target[0] == '/')
    return g_strdup (target + 1);

  return g_strconcat ("xl/", target, NULL);
}

static char *
find_relationship (Book       *book,
                   const char *id,
                   GError    **error)
{
  g_autoptr(xmlDoc) rels = read_part (book, "xl/_rels/workbook.xml.rels", FALSE, error);

  if (rels == NULL)
    return NULL;

  for (xmlNode *n = xmlDocGetRootElement (rels)->children; n != NULL; n = n->next)
    {
      g_autofree char *rel_id = is_element (n, "Relationship") ? get_attr (n, "Id") : NULL;
      g_autofree char *target = NULL;

      if (g_strcmp0 (rel_id, id) == 0 && (target = get_attr (n, "Target")) != NULL)
        return resolve_target (target);
    }

  set_broken (book, _("its first sheet is missing"), error);
  return NULL;
}

/* The first tab the user sees: a hidden sheet (state hidden or veryHidden)
 * often holds the lists behind drop-downs. The first of all if all are. */
static xmlNode *
first_visible_sheet (xmlNode *sheets)
{
  xmlNode *first = find_child (sheets, "sheet");

  for (xmlNode *n = first; n != NULL; n = n->next)
    {
      g_autofree char *state = is_element (n, "sheet") ? get_attr (n, "state") : NULL;

      if (is_element (n, "sheet") && (state == NULL || g_str_equal (state, "visible")))
        return n;
    }

  return first;
}

/* The first visible sheet in the workbook's order, and the date system. */
static gboolean
read_workbook (Book    *book,
               GError **error)
{
  g_autoptr(xmlDoc) doc = read_part (book, "xl/workbook.xml", FALSE, error);
  xmlNode *root, *pr, *sheet;
  g_autofree char *id = NULL;

  if (doc == NULL)
    return FALSE;

  root = xmlDocGetRootElement (doc);
  pr = find_child (root, "workbookPr");
  book->date1904 = pr != NULL && attr_is_true (pr, "date1904");
  sheet = first_visible_sheet (find_child (root, "sheets"));
  if (sheet == NULL || (id = get_attr (sheet, "id")) == NULL)
    return set_broken (book, _("it has no sheet"), error);

  book->sheet_part = find_relationship (book, id, error);
  return book->sheet_part != NULL;
}

static gboolean
read_shared_strings (Book    *book,
                     GError **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autoptr(xmlDoc) doc = read_part (book, "xl/sharedStrings.xml", TRUE, &local_error);

  book->strings = g_ptr_array_new_with_free_func (g_free);
  if (doc == NULL && local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  if (doc == NULL)
    return TRUE;   /* a workbook without strings */

  for (xmlNode *n = xmlDocGetRootElement (doc)->children; n != NULL; n = n->next)
    if (is_element (n, "si"))
      g_ptr_array_add (book->strings, read_string_item (n));

  return TRUE;
}

/* Excel's built-in number formats (ECMA-376 18.8.30) by what they show of
 * a date: 14-17 and 22; 27-36 and 50-58 are the dates and times of the East
 * Asian editions, here as the Chinese one defines them (27 is yyyy"年"m"月",
 * 31 yyyy"年"m"月"d"日", 32 h"时"mm"分"). Times of day (18-21, 32-35,
 * 45-47, 55-56) are not dates: they read as numbers. */
static DateShape
builtin_date_shape (guint id)
{
  switch (id)
    {
    case 14: case 15: case 16: case 22: case 28: case 29: case 30: case 31:
    case 51: case 53: case 54: case 58:
      return SHOWS_DAY;
    case 17: case 27: case 36: case 50: case 52: case 57:
      return SHOWS_MONTH;
    default:
      return SHOWS_NUMBER;
    }
}

/* What a custom format shows of a date. Outside quoted text, escaped
 * characters and [...] (colours, locales, elapsed time), a year or 月 makes
 * it a date and a day (d, 日) a full one; m alone could be minutes (h:mm).
 * A roster's 出生年月 column, formatted yyyy.mm or yyyy"年"m"月", shows the
 * month alone, and reads as YYYY-MM, as the CSV importer takes it. */
static DateShape
custom_date_shape (const char *code)
{
  gboolean year = FALSE, month = FALSE, day = FALSE;

  for (const char *p = code; *p != '\0'; p++)
    {
      const char *close = NULL;

      if (*p == '"' || *p == '[')
        {
          if ((close = strchr (p + 1, *p == '"' ? '"' : ']')) == NULL)
            break;
          p = close;
        }
      else if ((*p == '\\' || *p == '_' || *p == '*') && p[1] != '\0')
        p++;
      else if (*p == 'y' || *p == 'Y' || g_str_has_prefix (p, "年"))
        year = TRUE;
      else if (*p == 'd' || *p == 'D' || g_str_has_prefix (p, "日"))
        day = TRUE;
      else if (g_str_has_prefix (p, "月"))
        month = TRUE;
    }

  if (day)
    return SHOWS_DAY;
  return year || month ? SHOWS_MONTH : SHOWS_NUMBER;
}

static GHashTable *
read_custom_formats (xmlNode *root)
{
  GHashTable *shapes = g_hash_table_new (NULL, NULL);
  xmlNode *formats = find_child (root, "numFmts");

  for (xmlNode *n = formats != NULL ? formats->children : NULL; n != NULL; n = n->next)
    {
      g_autofree char *id = is_element (n, "numFmt") ? get_attr (n, "numFmtId") : NULL;
      g_autofree char *code = id != NULL ? get_attr (n, "formatCode") : NULL;

      if (code != NULL)
        g_hash_table_insert (shapes, GUINT_TO_POINTER ((guint) g_ascii_strtoull (id, NULL, 10)),
                             GINT_TO_POINTER (custom_date_shape (code)));
    }

  return shapes;
}

/* For each cell style (the s attribute of a cell), what it shows of a date. */
static gboolean
read_styles (Book    *book,
             GError **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autoptr(xmlDoc) doc = read_part (book, "xl/styles.xml", TRUE, &local_error);
  g_autoptr(GHashTable) custom = NULL;
  xmlNode *xfs;

  book->date_styles = g_array_new (FALSE, TRUE, sizeof (DateShape));
  if (doc == NULL && local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  if (doc == NULL)
    return TRUE;

  custom = read_custom_formats (xmlDocGetRootElement (doc));
  xfs = find_child (xmlDocGetRootElement (doc), "cellXfs");
  for (xmlNode *n = xfs != NULL ? xfs->children : NULL; n != NULL; n = n->next)
    {
      g_autofree char *fmt = is_element (n, "xf") ? get_attr (n, "numFmtId") : NULL;
      guint id = fmt != NULL ? (guint) g_ascii_strtoull (fmt, NULL, 10) : 0;
      gpointer shape;
      DateShape date;

      if (!is_element (n, "xf"))
        continue;
      /* A custom format may take a built-in's number (LibreOffice does). */
      if (g_hash_table_lookup_extended (custom, GUINT_TO_POINTER (id), NULL, &shape))
        date = GPOINTER_TO_INT (shape);
      else
        date = builtin_date_shape (id);
      g_array_append_val (book->date_styles, date);
    }

  return TRUE;
}

static DateShape
style_date_shape (Book       *book,
                  const char *style)
{
  guint index = style != NULL ? (guint) g_ascii_strtoull (style, NULL, 10) : 0;

  if (index >= book->date_styles->len)
    return SHOWS_NUMBER;
  return g_array_index (book->date_styles, DateShape, index);
}

/* A date serial number as YYYY-MM-DD, or YYYY-MM without @with_day; the
 * time of day, if any, is dropped. In the 1900 system Excel counts a 29
 * February 1900 that never was (for Lotus 1-2-3's sake), so from 1 March
 * 1900 on day 0 is 30 December 1899. */
static char *
format_serial_date (double   serial,
                    gboolean date1904,
                    gboolean with_day)
{
  g_autoptr(GDate) date = NULL;
  guint days;

  if (!isfinite (serial) || serial < 0 || serial >= 2958466)   /* 9999-12-31 */
    return zb_table_number_text (serial);

  days = (guint) floor (serial);
  if (date1904)
    date = g_date_new_dmy (1, G_DATE_JANUARY, 1904);
  else if (days >= 61)
    date = g_date_new_dmy (30, G_DATE_DECEMBER, 1899);
  else
    date = g_date_new_dmy (31, G_DATE_DECEMBER, 1899);
  g_date_add_days (date, days);

  if (!with_day)
    return g_strdup_printf ("%04u-%02u", g_date_get_year (date), g_date_get_month (date));
  return g_strdup_printf ("%04u-%02u-%02u", g_date_get_year (date), g_date_get_month (date),
                          g_date_get_day (date));
}

static char *
read_number (Book       *book,
             const char *value,
             const char *style)
{
  char *end = NULL;
  double number = g_ascii_strtod (value, &end);

  if (end == value || *end != '\0')
    return g_strdup (value);
  switch (style_date_shape (book, style))
    {
    case SHOWS_DAY:
      return format_serial_date (number, book->date1904, TRUE);
    case SHOWS_MONTH:
      return format_serial_date (number, book->date1904, FALSE);
    default:
      break;
    }

  return zb_table_number_text (number);
}

static char *
read_shared (Book       *book,
             const char *value)
{
  char *end = NULL;
  guint64 index = g_ascii_strtoull (value, &end, 10);

  if (end == value || index >= book->strings->len)
    return g_strdup ("");

  return g_strdup (g_ptr_array_index (book->strings, index));
}

/* The text a cell shows, by its type (t): s shared string, inlineStr, str (a
 * formula's text), b boolean, e error, d an ISO date; else a number. */
static char *
read_cell_value (Book    *book,
                 xmlNode *cell)
{
  g_autofree char *type = get_attr (cell, "t");
  g_autofree char *style = get_attr (cell, "s");
  xmlNode *v = find_child (cell, "v");
  g_autofree char *value = v != NULL ? get_text (v) : NULL;

  if (g_strcmp0 (type, "inlineStr") == 0)
    return find_child (cell, "is") ? read_string_item (find_child (cell, "is")) : g_strdup ("");
  if (value == NULL)
    return g_strdup ("");
  if (g_strcmp0 (type, "s") == 0)
    return read_shared (book, value);
  if (g_strcmp0 (type, "b") == 0)
    return g_strdup (g_str_equal (value, "1") ? "TRUE" : "FALSE");
  if (g_strcmp0 (type, "d") == 0)
    return g_strndup (value, 10);
  if (g_strcmp0 (type, "str") == 0 || g_strcmp0 (type, "e") == 0)
    return g_steal_pointer (&value);

  return read_number (book, value, style);
}

/* The 0-based column of a reference such as AB12, or -1. */
static int
column_of_reference (const char *ref)
{
  int column = 0;
  const char *p;

  for (p = ref; g_ascii_isalpha (*p); p++)
    {
      column = column * 26 + (g_ascii_toupper (*p) - 'A' + 1);
      if (column > MAX_COLUMNS)
        return -1;
    }

  return p == ref ? -1 : column - 1;
}

/* Puts @text at @column, with empty cells before it where cells were left out. */
static void
place_cell (GPtrArray *cells,
            guint      column,
            char      *text)
{
  while (cells->len < column)
    g_ptr_array_add (cells, g_strdup (""));

  if (column < cells->len)
    {
      g_free (cells->pdata[column]);
      cells->pdata[column] = text;
    }
  else
    g_ptr_array_add (cells, text);
}

static gboolean
cells_are_empty (GPtrArray *cells)
{
  for (guint c = 0; c < cells->len; c++)
    if (*(char *) cells->pdata[c] != '\0')
      return FALSE;

  return TRUE;
}

/* One <row>; NULL when it holds nothing (a formatted but empty row). */
static ZbCsvRow *
read_row (Book    *book,
          xmlNode *row_node,
          guint    number)
{
  g_autoptr(ZbCsvRow) row = g_new0 (ZbCsvRow, 1);
  int next = 0;

  row->line = number;
  row->cells = g_ptr_array_new_with_free_func (g_free);
  for (xmlNode *n = row_node->children; n != NULL; n = n->next)
    {
      g_autofree char *ref = is_element (n, "c") ? get_attr (n, "r") : NULL;
      int column = ref != NULL ? column_of_reference (ref) : next;

      if (!is_element (n, "c") || column < 0)
        continue;
      place_cell (row->cells, column, read_cell_value (book, n));
      next = column + 1;
    }

  return cells_are_empty (row->cells) ? NULL : g_steal_pointer (&row);
}

/* Every row as wide as the widest, as a CSV file's rows are: trailing empty
 * cells are often left out of the XML. */
static void
pad_rows (GPtrArray *rows)
{
  guint width = 0;

  for (guint r = 0; r < rows->len; r++)
    {
      GPtrArray *cells = ((ZbCsvRow *) rows->pdata[r])->cells;

      while (cells->len > 0 && *(char *) cells->pdata[cells->len - 1] == '\0')
        g_ptr_array_set_size (cells, cells->len - 1);
      width = MAX (width, cells->len);
    }
  for (guint r = 0; r < rows->len; r++)
    {
      GPtrArray *cells = ((ZbCsvRow *) rows->pdata[r])->cells;

      while (cells->len < width)
        g_ptr_array_add (cells, g_strdup (""));
    }
}

static gboolean
read_sheet (Book     *book,
            ZbTable  *table,
            GError  **error)
{
  g_autoptr(xmlDoc) doc = read_part (book, book->sheet_part, FALSE, error);
  xmlNode *data;
  guint number = 0;

  if (doc == NULL)
    return FALSE;

  data = find_child (xmlDocGetRootElement (doc), "sheetData");
  for (xmlNode *n = data != NULL ? data->children : NULL; n != NULL; n = n->next)
    {
      g_autofree char *r = is_element (n, "row") ? get_attr (n, "r") : NULL;
      ZbCsvRow *row;

      if (!is_element (n, "row"))
        continue;
      number = r != NULL ? (guint) g_ascii_strtoull (r, NULL, 10) : number + 1;
      if ((row = read_row (book, n, number)) != NULL)
        g_ptr_array_add (table->rows, row);
    }

  pad_rows (table->rows);
  return TRUE;
}

static gpointer
init_libxml (gpointer data)
{
  /* Not reentrant: once, before any parse, as libxml2 asks of threaded programs. */
  xmlInitParser ();
  return NULL;
}

/**
 * zb_xlsx_read:
 *
 * The first sheet of the workbook at @path, each cell as the text the
 * spreadsheet shows, a date in a date format as YYYY-MM-DD. Callable from
 * any thread.
 */
ZbTable *
zb_xlsx_read (const char  *path,
              GError     **error)
{
  static GOnce once = G_ONCE_INIT;
  g_autofree char *name = g_path_get_basename (path);
  g_auto(Book) book = { name, NULL };
  g_autoptr(GsfInput) input = NULL;
  g_autoptr(ZbTable) table = NULL;
  g_autoptr(GError) gsf_error = NULL;

  g_return_val_if_fail (path != NULL, NULL);

  g_once (&once, init_libxml, NULL);
  if ((input = gsf_input_stdio_new (path, error)) == NULL)
    return NULL;
  if ((book.zip = gsf_infile_zip_new (input, &gsf_error)) == NULL)
    return set_broken (&book, _("it is not a zip archive"), error), NULL;

  table = zb_table_new_read (ZB_TABLE_FORMAT_XLSX);
  if (!read_workbook (&book, error) || !read_shared_strings (&book, error) ||
      !read_styles (&book, error) || !read_sheet (&book, table, error))
    return NULL;

  return g_steal_pointer (&table);
}
