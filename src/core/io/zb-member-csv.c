#define G_LOG_DOMAIN "zb-member-csv"

/* zb-member-csv.c: the roster as CSV, .xlsx or .xls, for spreadsheets and scripts
 *
 * Copyright 2026 The Zhibu authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Importing is all or nothing. A secretary fixes a roster in the spreadsheet
 * and imports it again; a half-imported file would turn that second import
 * into a list of duplicates. So:
 *
 * - zb_member_csv_read() only reads. It checks every row (the columns, each
 *   cell's format, the rules of zb-member-rules.c, the citizen ID number
 *   against the other rows and against the roster) and collects every problem
 *   of every row. If there is one, it returns NULL and one error listing them
 *   all, each naming its row, its line in the file and its field, so that one
 *   round trip through the spreadsheet fixes everything. It returns the
 *   members only when every row is good.
 * - zb_store_add_members() then inserts them in one transaction, which checks
 *   the rules and the ID numbers again (the roster may have changed since the
 *   read) and rolls everything back on the first failure.
 *
 * A workbook (.xlsx, .xls) is read into the same rows of text as a CSV file
 * (zb-table.c), so it meets the same checks, the same messages and the same
 * all-or-nothing rule; only the place of a row is named as the spreadsheet
 * shows it (its row number) rather than as a line of text.
 */

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "zb-date.h"
#include "zb-member-csv.h"
#include "zb-member-rules.h"
#include "zb-table.h"

#define MAX_LISTED     100
#define COLUMN_IGNORED (-1)   /* the record ID of `member list --format csv` */
#define COLUMN_UNNAMED (-2)   /* an empty header cell: the column must stay empty */
#define COLUMN_UNKNOWN (-3)

typedef struct
{
  ZbStore    *store;          /* NULL, or the roster to check ID numbers against */
  gboolean    sheet;          /* read from a workbook: a row's line is its sheet row */
  GPtrArray  *rows;           /* ZbCsvRow; rows[0] is the header, rows[n] data row n */
  GArray     *columns;        /* int per column: a ZbMemberField or COLUMN_* */
  GHashTable *seen;           /* ID number → GUINT_TO_POINTER (the first row with it) */
  GPtrArray  *problems;       /* ZbMemberCsvProblem */
  GPtrArray  *members;
} Reader;

static void
reader_clear (Reader *reader)
{
  g_clear_pointer (&reader->rows, g_ptr_array_unref);
  g_clear_pointer (&reader->columns, g_array_unref);
  g_clear_pointer (&reader->seen, g_hash_table_unref);
  g_clear_pointer (&reader->problems, g_ptr_array_unref);
  g_clear_pointer (&reader->members, g_ptr_array_unref);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Reader, reader_clear)

void
zb_member_csv_problem_free (ZbMemberCsvProblem *problem)
{
  if (problem == NULL)
    return;

  g_free (problem->message);
  g_free (problem);
}

/* In a workbook the secretary finds a row by the number the spreadsheet
 * shows at its left, which counts the header and any empty rows. */
static char *
sheet_problem_to_string (const ZbMemberCsvProblem *problem)
{
  if (problem->row == 0)
    /* TRANSLATORS: the row of a spreadsheet with the column names, its number */
    return g_strdup_printf (_("Header (sheet row %u): %s"), problem->line, problem->message);
  if (problem->field < 0)
    return g_strdup_printf (_("Row %u (sheet row %u): %s"), problem->row, problem->line,
                            problem->message);

  /* TRANSLATORS: a record, the spreadsheet's number for its row, a field, what is wrong */
  return g_strdup_printf (_("Row %u (sheet row %u): %s: %s"), problem->row, problem->line,
                          _(zb_member_field_info (problem->field)->label), problem->message);
}

char *
zb_member_csv_problem_to_string (const ZbMemberCsvProblem *problem)
{
  g_return_val_if_fail (problem != NULL, NULL);

  if (problem->sheet)
    return sheet_problem_to_string (problem);
  if (problem->row == 0)
    /* TRANSLATORS: the first line of a CSV file, with the column names */
    return g_strdup_printf (_("Header (line %u): %s"), problem->line, problem->message);
  if (problem->field < 0)
    return g_strdup_printf (_("Row %u (line %u): %s"), problem->row, problem->line,
                            problem->message);

  /* TRANSLATORS: a row of the file, the line it starts on, a field, what is wrong */
  return g_strdup_printf (_("Row %u (line %u): %s: %s"), problem->row, problem->line,
                          _(zb_member_field_info (problem->field)->label), problem->message);
}

static guint
line_of_row (Reader *reader,
             guint   row)
{
  return ((ZbCsvRow *) g_ptr_array_index (reader->rows, row))->line;
}

G_GNUC_PRINTF (4, 5)
static void
add_problem (Reader     *reader,
             guint       row,
             int         field,
             const char *format,
             ...)
{
  ZbMemberCsvProblem *problem = g_new0 (ZbMemberCsvProblem, 1);
  va_list args;

  problem->row = row;
  problem->line = line_of_row (reader, row);
  problem->sheet = reader->sheet;
  problem->field = field;
  va_start (args, format);
  problem->message = g_strdup_vprintf (format, args);
  va_end (args);

  g_ptr_array_add (reader->problems, problem);
}

/* One line per problem, at most MAX_LISTED of them: past that the file is
 * most likely not a roster at all, and the first lines say why. */
static void
set_problems_error (GPtrArray  *problems,
                    GError    **error)
{
  g_autoptr(GString) message = g_string_new (NULL);
  guint listed = MIN (problems->len, MAX_LISTED);

  for (guint i = 0; i < listed; i++)
    {
      g_autofree char *line = zb_member_csv_problem_to_string (g_ptr_array_index (problems, i));

      if (i > 0)
        g_string_append_c (message, '\n');
      g_string_append (message, line);
    }
  if (problems->len > listed)
    {
      guint more = problems->len - listed;

      g_string_append_c (message, '\n');
      g_string_append_printf (message, g_dngettext (GETTEXT_PACKAGE, "… and %u more problem",
                                                    "… and %u more problems", more), more);
    }

  g_set_error_literal (error, ZB_MEMBER_ERROR, ZB_MEMBER_ERROR_INVALID, message->str);
}

/* Header */

static int
column_for_header (const char *header)
{
  const ZbFieldInfo *info;

  if (*header == '\0')
    return COLUMN_UNNAMED;
  if (g_ascii_strcasecmp (header, "id") == 0)
    return COLUMN_IGNORED;
  if ((info = zb_member_field_lookup (header)) == NULL)
    return COLUMN_UNKNOWN;

  return info->field;
}

static void
check_required_columns (Reader         *reader,
                        const gboolean *present)
{
  for (guint f = 0; f < ZB_MEMBER_N_FIELDS; f++)
    {
      const ZbFieldInfo *info = zb_member_field_info (f);

      /* Both are read from the citizen ID number when missing. */
      if (!info->required || present[f] || f == ZB_MEMBER_FIELD_SEX ||
          f == ZB_MEMBER_FIELD_BIRTH_DATE)
        continue;

      add_problem (reader, 0, f, _("there is no column for %s; name it “%s”"),
                   _(info->label), info->header);
    }
}

/* Maps every header cell to a field; an unknown or repeated column is a
 * problem, since its values would otherwise be dropped without a word. */
static void
map_header (Reader *reader)
{
  ZbCsvRow *header = g_ptr_array_index (reader->rows, 0);
  gboolean present[ZB_MEMBER_N_FIELDS] = { FALSE };
  guint first_column[ZB_MEMBER_N_FIELDS] = { 0 };

  reader->columns = g_array_sized_new (FALSE, FALSE, sizeof (int), header->cells->len);
  for (guint c = 0; c < header->cells->len; c++)
    {
      const char *name = g_ptr_array_index (header->cells, c);
      int column = column_for_header (name);

      if (column == COLUMN_UNKNOWN)
        {
          add_problem (reader, 0, -1, _("“%s” is not a column Zhibu knows; use the column "
                                        "names of an exported roster, such as 姓名, "
                                        "公民身份号码 and 人员类别"), name);
          column = COLUMN_IGNORED;
        }
      else if (column >= 0 && present[column])
        add_problem (reader, 0, -1, _("columns %u and %u are both %s"), first_column[column],
                     c + 1, _(zb_member_field_info (column)->label));
      else if (column >= 0)
        {
          present[column] = TRUE;
          first_column[column] = c + 1;
        }
      g_array_append_val (reader->columns, column);
    }

  check_required_columns (reader, present);
}

/* Cells */

static gboolean
eat (const char **p,
     const char  *word)
{
  if (!g_str_has_prefix (*p, word))
    return FALSE;

  *p += strlen (word);
  return TRUE;
}

static guint
eat_number (const char **p,
            guint        max_digits,
            guint       *value)
{
  guint n = 0;

  for (*value = 0; n < max_digits && g_ascii_isdigit (**p); n++, (*p)++)
    *value = *value * 10 + (**p - '0');

  return n;
}

/* A year and a month alone, as in a column 出生年月: 1982.03, 1982-3,
 * 1982/3 or 1982年3月. */
static gboolean
parse_year_month (const char *text,
                  guint      *year,
                  guint      *month)
{
  const char *p = text;
  gboolean chinese;

  if (eat_number (&p, 4, year) != 4)
    return FALSE;
  chinese = eat (&p, "年");
  if (!chinese && *p != '-' && *p != '/' && *p != '.')
    return FALSE;
  if (!chinese)
    p++;
  if (eat_number (&p, 2, month) == 0)
    return FALSE;
  if (chinese)
    eat (&p, "月");

  return *p == '\0' && *month >= 1 && *month <= 12;
}

/* The date in ISO form, read as people type it (zb_date_parse_input()), or
 * the year and month alone when @allow_month says that will do; NULL when
 * it is not a date. */
static char *
normalize_date (const char *text,
                gboolean    allow_month)
{
  char *iso = zb_date_normalise_input (text);
  guint year, month;

  if (iso != NULL || !allow_month || !parse_year_month (text, &year, &month))
    return iso;

  return g_strdup_printf ("%04u-%02u", year, month);
}

static const char *
parse_bool (const char *text)
{
  static const char *yes[] = { "是", "1", "yes", "true", "y" };
  static const char *no[] = { "否", "0", "no", "false", "n" };

  for (guint i = 0; i < G_N_ELEMENTS (yes); i++)
    {
      if (g_ascii_strcasecmp (text, yes[i]) == 0)
        return "1";
      if (g_ascii_strcasecmp (text, no[i]) == 0)
        return "0";
    }

  return NULL;
}

/* The Chinese words a spreadsheet uses for an enumerated field, for messages. */
static char *
enum_words (ZbMemberField field)
{
  const char * const *codes = zb_member_enum_values (field);
  g_autoptr(GString) words = g_string_new (NULL);

  for (guint i = 0; codes != NULL && codes[i]; i++)
    {
      if (i > 0)
        g_string_append (words, "、");
      g_string_append (words, zb_member_enum_chinese (field, codes[i]));
    }

  return g_string_free (g_steal_pointer (&words), FALSE);
}

/* A long number that a spreadsheet stored as a number and shows as 1.10101E+17:
 * a number keeps 15 significant digits, so the rest of an 18-digit citizen
 * ID number is gone for good, in the workbook and in a CSV saved from it. */
static gboolean
is_cut_number (const char *text)
{
  const char *p = text;

  if (!g_ascii_isdigit (*p++))
    return FALSE;
  if (*p == '.')
    for (p++; g_ascii_isdigit (*p); p++)
      ;
  if ((*p != 'E' && *p != 'e') || p[1] != '+')
    return FALSE;
  for (p += 2; g_ascii_isdigit (*p); p++)
    ;

  return *p == '\0' && p[-1] != '+';
}

/* The value as stored, or NULL with a problem added. */
static char *
parse_cell (Reader        *reader,
            guint          row,
            ZbMemberField  field,
            const char    *text)
{
  const ZbFieldInfo *info = zb_member_field_info (field);
  g_autofree char *words = NULL;
  char *value = NULL;

  if ((field == ZB_MEMBER_FIELD_ID_NUMBER || field == ZB_MEMBER_FIELD_PHONE) &&
      is_cut_number (text))
    {
      add_problem (reader, row, field,
                   _("“%s” is a number the spreadsheet has already cut short (it keeps only "
                     "15 digits); format the column as text (设置单元格格式 → 文本), type the "
                     "full number again and save"), text);
      return NULL;
    }

  switch (info->kind)
    {
    case ZB_FIELD_KIND_DATE:
      if ((value = normalize_date (text, field == ZB_MEMBER_FIELD_BIRTH_DATE)) == NULL)
        add_problem (reader, row, field,
                     _("“%s” is not a date; write it as year-month-day, such as 2015-07-01"),
                     text);
      return value;
    case ZB_FIELD_KIND_ENUM:
      if ((value = g_strdup (zb_member_enum_parse (field, text))) == NULL)
        add_problem (reader, row, field, _("“%s” is not one of %s"), text,
                     (words = enum_words (field)));
      return value;
    case ZB_FIELD_KIND_BOOL:
      if ((value = g_strdup (parse_bool (text))) == NULL)
        add_problem (reader, row, field, _("“%s” is neither 是 nor 否"), text);
      return value;
    default:
      return g_strdup (text);
    }
}

/* Sets the member's fields from the cells; returns a bit per field found bad,
 * so that the rules do not report the same field again. */
static guint64
set_fields (Reader   *reader,
            guint     row,
            ZbMember *member,
            char    **birth_month)
{
  ZbCsvRow *record = g_ptr_array_index (reader->rows, row);
  guint64 bad = 0;

  for (guint c = 0; c < record->cells->len; c++)
    {
      g_autofree char *text = g_strstrip (g_strdup (g_ptr_array_index (record->cells, c)));
      int field = g_array_index (reader->columns, int, c);
      g_autofree char *value = NULL;

      if (*text == '\0' || field == COLUMN_IGNORED)
        continue;
      if (field == COLUMN_UNNAMED)
        {
          add_problem (reader, row, -1, _("column %u has no name in the header but holds "
                                          "“%s”"), c + 1, text);
          continue;
        }

      if ((value = parse_cell (reader, row, field, text)) == NULL)
        bad |= G_GUINT64_CONSTANT (1) << field;
      else if (field == ZB_MEMBER_FIELD_BIRTH_DATE && strlen (value) == 7)
        *birth_month = g_steal_pointer (&value);   /* the ID number gives the day */
      else
        zb_member_set (member, field, value);
    }

  return bad;
}

/* 出生年月 gives only a year and month: the ID number's birth date must agree. */
static guint64
check_birth_month (Reader     *reader,
                   guint       row,
                   ZbMember   *member,
                   const char *birth_month)
{
  const char *birth = zb_member_get (member, ZB_MEMBER_FIELD_BIRTH_DATE);

  if (birth_month == NULL || (birth != NULL && g_str_has_prefix (birth, birth_month)))
    return 0;

  if (birth == NULL)
    add_problem (reader, row, ZB_MEMBER_FIELD_BIRTH_DATE,
                 _("“%s” has no day, and no valid citizen ID number gives it; write the date "
                   "as year-month-day, such as 2015-07-01"), birth_month);
  else
    add_problem (reader, row, ZB_MEMBER_FIELD_BIRTH_DATE,
                 _("“%s” does not agree with the citizen ID number, which says %s"),
                 birth_month, birth);

  return G_GUINT64_CONSTANT (1) << ZB_MEMBER_FIELD_BIRTH_DATE;
}

static guint64
add_rule_problems (Reader   *reader,
                   guint     row,
                   ZbMember *member,
                   guint64   bad)
{
  g_autoptr(GPtrArray) issues = zb_member_rules_check (member);

  for (guint i = 0; i < issues->len; i++)
    {
      ZbFieldIssue *issue = g_ptr_array_index (issues, i);

      if (bad & (G_GUINT64_CONSTANT (1) << issue->field))
        continue;
      add_problem (reader, row, issue->field, "%s", issue->message);
      bad |= G_GUINT64_CONSTANT (1) << issue->field;
    }

  return bad;
}

static gboolean
check_roster_duplicate (Reader      *reader,
                        guint        row,
                        const char  *id_number,
                        GError     **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autofree char *other = zb_store_find_id_number (reader->store, id_number, &local_error);
  g_autoptr(ZbMember) existing = NULL;
  const char *name = other;

  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  if (other == NULL)
    return TRUE;

  /* Naming the person helps more than a record ID; the ID will do if the
   * record cannot be read. */
  existing = zb_store_get_member (reader->store, other, NULL);
  if (existing != NULL && zb_member_get (existing, ZB_MEMBER_FIELD_NAME) != NULL)
    name = zb_member_get (existing, ZB_MEMBER_FIELD_NAME);
  add_problem (reader, row, ZB_MEMBER_FIELD_ID_NUMBER,
               _("%s on the roster already has this number"), name);
  return TRUE;
}

/* One citizen ID number per person: within the file, and against the roster
 * unless the number is already known to be wrong. */
static gboolean
check_duplicates (Reader    *reader,
                  guint      row,
                  ZbMember  *member,
                  guint64    bad,
                  GError   **error)
{
  const char *id_number = zb_member_get (member, ZB_MEMBER_FIELD_ID_NUMBER);
  guint first;

  if (id_number == NULL)
    return TRUE;

  if ((first = GPOINTER_TO_UINT (g_hash_table_lookup (reader->seen, id_number))) != 0)
    add_problem (reader, row, ZB_MEMBER_FIELD_ID_NUMBER,
                 _("row %u (line %u) has the same number"), first, line_of_row (reader, first));
  else
    g_hash_table_insert (reader->seen, g_strdup (id_number), GUINT_TO_POINTER (row));

  if (reader->store == NULL || (bad & (G_GUINT64_CONSTANT (1) << ZB_MEMBER_FIELD_ID_NUMBER)))
    return TRUE;

  return check_roster_duplicate (reader, row, id_number, error);
}

static gboolean
is_empty_row (ZbCsvRow *record)
{
  for (guint c = 0; c < record->cells->len; c++)
    if (*(char *) g_ptr_array_index (record->cells, c) != '\0')
      return FALSE;

  return TRUE;
}

/* Returns FALSE only when the roster cannot be read: a bad row is a problem
 * in the list, not an error. */
static gboolean
read_row (Reader  *reader,
          guint    row,
          GError **error)
{
  ZbCsvRow *record = g_ptr_array_index (reader->rows, row);
  g_autoptr(ZbMember) member = NULL;
  g_autofree char *birth_month = NULL;
  guint64 bad;

  /* A spreadsheet writes a row it once touched as a line of commas. */
  if (is_empty_row (record))
    return TRUE;
  if (record->cells->len != reader->columns->len)
    {
      add_problem (reader, row, -1, _("it has %u cells but the header has %u; check for "
                                      "commas or quotes that break a cell"),
                   record->cells->len, reader->columns->len);
      return TRUE;
    }

  member = zb_member_new ();
  bad = set_fields (reader, row, member, &birth_month);
  zb_member_rules_complete (member);
  bad |= check_birth_month (reader, row, member, birth_month);
  bad = add_rule_problems (reader, row, member, bad);
  if (!check_duplicates (reader, row, member, bad, error))
    return FALSE;

  g_ptr_array_add (reader->members, g_steal_pointer (&member));
  return TRUE;
}

static guint
count_filled (ZbCsvRow *record)
{
  guint n = 0;

  for (guint c = 0; c < record->cells->len; c++)
    if (*(char *) g_ptr_array_index (record->cells, c) != '\0')
      n++;

  return n;
}

static gboolean
is_title_row (ZbTable *table,
              guint    row)
{
  return count_filled (g_ptr_array_index (table->rows, row)) <= 1 &&
         count_filled (g_ptr_array_index (table->rows, row + 1)) > 1;
}

static gboolean
take_rows (Reader   *reader,
           ZbTable  *table,
           GError  **error)
{
  guint first = 0;

  /* Offices head a roster with its title (某某党支部党员花名册) in a row of
   * its own above the column names. A row with one cell filled cannot be
   * the header, which names at least 姓名, 公民身份号码 and 人员类别, when
   * a row below names more. */
  while (first + 1 < table->rows->len && is_title_row (table, first))
    first++;

  /* The rows stay the table's; the reader borrows them. */
  reader->rows = g_ptr_array_sized_new (table->rows->len - first);
  for (guint r = first; r < table->rows->len; r++)
    g_ptr_array_add (reader->rows, g_ptr_array_index (table->rows, r));
  reader->sheet = table->origin != ZB_TABLE_FORMAT_CSV;

  if (reader->rows->len == 0)
    {
      g_set_error_literal (error, ZB_MEMBER_ERROR, ZB_MEMBER_ERROR_INVALID,
                           _("The file is empty: its first line must name the columns, "
                             "as in an exported roster"));
      return FALSE;
    }

  return TRUE;
}

/* An empty roster has nothing to collide with: skip a query per row then. */
static gboolean
setup_store_check (Reader   *reader,
                   ZbStore  *store,
                   GError  **error)
{
  g_autoptr(GError) local_error = NULL;
  guint count;

  if (store == NULL)
    return TRUE;

  count = zb_store_count_members (store, TRUE, &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  reader->store = count > 0 ? store : NULL;
  return TRUE;
}

/**
 * zb_member_table_read:
 * @store: (nullable): the roster to check ID numbers against
 * @table: the rows of a roster file, the header first, from any format
 * @problems: (out) (optional): every problem found, as ZbMemberCsvProblem
 *
 * Reads a roster; see the top of this file. Returns the members, none of them
 * saved, or NULL: with a ZB_MEMBER_ERROR_INVALID when a row or the header
 * has problems (then also listed in @problems), or the store's error.
 * Callable from a worker thread with a store of its own.
 */
GPtrArray *
zb_member_table_read (ZbStore     *store,
                      ZbTable     *table,
                      GPtrArray  **problems,
                      GError     **error)
{
  g_auto(Reader) reader = { 0 };

  g_return_val_if_fail (store == NULL || ZB_IS_STORE (store), NULL);
  g_return_val_if_fail (table != NULL, NULL);

  if (problems != NULL)
    *problems = NULL;
  if (!setup_store_check (&reader, store, error) || !take_rows (&reader, table, error))
    return NULL;

  reader.problems = g_ptr_array_new_with_free_func ((GDestroyNotify) zb_member_csv_problem_free);
  reader.members = g_ptr_array_new_with_free_func (g_object_unref);
  reader.seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  /* A bad header would make every row wrong: report it alone. */
  map_header (&reader);
  if (reader.problems->len == 0)
    for (guint r = 1; r < reader.rows->len; r++)
      if (!read_row (&reader, r, error))
        return NULL;

  if (reader.problems->len == 0)
    return g_steal_pointer (&reader.members);

  set_problems_error (reader.problems, error);
  if (problems != NULL)
    *problems = g_steal_pointer (&reader.problems);
  return NULL;
}

/**
 * zb_member_csv_read_full:
 *
 * zb_member_table_read() on CSV text; a ZB_CSV_ERROR when it is not
 * readable CSV.
 */
GPtrArray *
zb_member_csv_read_full (ZbStore        *store,
                         const char     *data,
                         gsize           len,
                         ZbCsvEncoding   encoding,
                         GPtrArray     **problems,
                         GError        **error)
{
  g_autoptr(ZbTable) table = NULL;

  g_return_val_if_fail (data != NULL || len == 0, NULL);

  if (problems != NULL)
    *problems = NULL;
  if ((table = zb_table_read_csv (data, len, encoding, error)) == NULL)
    return NULL;

  return zb_member_table_read (store, table, problems, error);
}

/* The members of a CSV roster, or NULL and one error that lists every problem. */
GPtrArray *
zb_member_csv_read (ZbStore        *store,
                    const char     *data,
                    gsize           len,
                    ZbCsvEncoding   encoding,
                    GError        **error)
{
  return zb_member_csv_read_full (store, data, len, encoding, NULL, error);
}

gboolean
zb_member_csv_import_file (ZbStore        *store,
                           const char     *path,
                           ZbCsvEncoding   encoding,
                           guint          *n_imported,
                           GError        **error)
{
  g_autofree char *data = NULL;
  g_autoptr(GPtrArray) members = NULL;
  gsize len = 0;

  g_return_val_if_fail (ZB_IS_STORE (store), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  if (n_imported != NULL)
    *n_imported = 0;

  if (!g_file_get_contents (path, &data, &len, error) ||
      (members = zb_member_csv_read (store, data, len, encoding, error)) == NULL ||
      !zb_store_add_members (store, members, error))
    return FALSE;

  if (n_imported != NULL)
    *n_imported = members->len;
  return TRUE;
}

/**
 * zb_member_import_file:
 * @encoding: for a CSV file; a workbook says its own
 * @problems: (out) (optional): as for zb_member_table_read()
 *
 * Imports the roster at @path, CSV, .xlsx or .xls by its name, all or
 * nothing. Callable from a worker thread with a store of its own.
 */
gboolean
zb_member_import_file (ZbStore        *store,
                       const char     *path,
                       ZbCsvEncoding   encoding,
                       guint          *n_imported,
                       GPtrArray     **problems,
                       GError        **error)
{
  g_autoptr(ZbTable) table = NULL;
  g_autoptr(GPtrArray) members = NULL;

  g_return_val_if_fail (ZB_IS_STORE (store), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  if (n_imported != NULL)
    *n_imported = 0;
  if (problems != NULL)
    *problems = NULL;

  if ((table = zb_table_read_file (path, encoding, error)) == NULL ||
      (members = zb_member_table_read (store, table, problems, error)) == NULL ||
      !zb_store_add_members (store, members, error))
    return FALSE;

  if (n_imported != NULL)
    *n_imported = members->len;
  return TRUE;
}

/* Export */

/* What a spreadsheet user reads: the Chinese word for a code, 是/否. */
static const char *
export_value (ZbMember      *member,
              ZbMemberField  field)
{
  const char *value = zb_member_get (member, field);

  if (value == NULL)
    return "";

  switch (zb_member_field_info (field)->kind)
    {
    case ZB_FIELD_KIND_ENUM:
      return zb_member_enum_chinese (field, value);
    case ZB_FIELD_KIND_BOOL:
      return g_str_equal (value, "1") ? "是" : "否";
    default:
      return value;
    }
}

static guint
export_columns (gboolean       with_sensitive,
                ZbMemberField *columns)
{
  guint n = 0;

  for (guint f = 0; f < ZB_MEMBER_N_FIELDS; f++)
    if (with_sensitive || !zb_member_field_info (f)->sensitive)
      columns[n++] = f;

  return n;
}

/* ID numbers and phones as text cells, dates as ISO text (zb-xlsx-write.c). */
static ZbTableKind
export_kind (ZbMemberField field)
{
  if (field == ZB_MEMBER_FIELD_ID_NUMBER || field == ZB_MEMBER_FIELD_PHONE)
    return ZB_TABLE_KIND_CODE;
  if (zb_member_field_info (field)->kind == ZB_FIELD_KIND_DATE)
    return ZB_TABLE_KIND_DATE;

  return ZB_TABLE_KIND_TEXT;
}

/**
 * zb_member_export_table:
 *
 * The roster for spreadsheets: Chinese headers, Chinese words for codes,
 * and no sensitive column at all unless asked for, rather than masked values
 * that could not be imported back. Imported again, it gives the same people.
 */
ZbTable *
zb_member_export_table (GListModel *members,
                        gboolean    with_sensitive)
{
  ZbMemberField columns[ZB_MEMBER_N_FIELDS];
  const char *cells[ZB_MEMBER_N_FIELDS];
  ZbTableKind kinds[ZB_MEMBER_N_FIELDS];
  guint n_columns = export_columns (with_sensitive, columns);
  ZbTable *table;
  guint n_members;

  for (guint c = 0; c < n_columns; c++)
    {
      cells[c] = zb_member_field_info (columns[c])->header;
      kinds[c] = export_kind (columns[c]);
    }
  table = zb_table_new (cells, kinds, n_columns);
  g_return_val_if_fail (G_IS_LIST_MODEL (members), table);

  n_members = g_list_model_get_n_items (members);
  for (guint i = 0; i < n_members; i++)
    {
      g_autoptr(ZbMember) member = g_list_model_get_item (members, i);

      for (guint c = 0; c < n_columns; c++)
        cells[c] = export_value (member, columns[c]);
      zb_table_add_row (table, cells);
    }

  return table;
}

/* For spreadsheets, as zb_member_export_table(), with a UTF-8 BOM, without
 * which Excel reads UTF-8 as the local code page. */
GString *
zb_member_csv_export (GListModel *members,
                      gboolean    with_sensitive)
{
  g_autoptr(ZbTable) table = zb_member_export_table (members, with_sensitive);

  return zb_table_to_csv (table, TRUE);
}

/* Writes zb_member_export_table() to @path, CSV or .xlsx by its name. */
gboolean
zb_member_export_file (GListModel  *members,
                       gboolean     with_sensitive,
                       const char  *path,
                       GError     **error)
{
  g_autoptr(ZbTable) table = NULL;
  ZbTableFormat format;

  g_return_val_if_fail (G_IS_LIST_MODEL (members), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  if (!zb_table_format_for_path (path, &format, error))
    return FALSE;

  table = zb_member_export_table (members, with_sensitive);
  return zb_table_write_file (table, path, error);
}

static void
append_list_row (GString  *out,
                 ZbMember *member,
                 gboolean  with_sensitive)
{
  char *cells[ZB_MEMBER_N_FIELDS + 1];

  cells[0] = g_strdup (zb_member_get_id (member));
  for (guint f = 0; f < ZB_MEMBER_N_FIELDS; f++)
    cells[f + 1] = zb_member_field_info (f)->sensitive
                   ? zb_member_dup_display (member, f, with_sensitive)
                   : g_strdup (zb_member_get (member, f));

  zb_csv_append_row (out, (const char * const *) cells, G_N_ELEMENTS (cells));
  for (guint c = 0; c < G_N_ELEMENTS (cells); c++)
    g_free (cells[c]);
}

/* For scripts: English keys, the record ID first, stored codes as they are,
 * sensitive values masked unless asked for. */
GString *
zb_member_csv_list (GListModel *members,
                    gboolean    with_sensitive)
{
  GString *out = g_string_new (NULL);
  const char *header[ZB_MEMBER_N_FIELDS + 1] = { "id" };
  guint n_members;

  g_return_val_if_fail (G_IS_LIST_MODEL (members), out);

  for (guint f = 0; f < ZB_MEMBER_N_FIELDS; f++)
    header[f + 1] = zb_member_field_info (f)->key;
  zb_csv_append_row (out, header, G_N_ELEMENTS (header));

  n_members = g_list_model_get_n_items (members);
  for (guint i = 0; i < n_members; i++)
    {
      g_autoptr(ZbMember) member = g_list_model_get_item (members, i);

      append_list_row (out, member, with_sensitive);
    }

  return out;
}
