#define G_LOG_DOMAIN "zb-list-table"

/* zb-list-table.c: the branch's lists as tables, for CSV and .xlsx
 *
 * Copyright 2026 The Zhibu authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One table per list the CLI prints with --format csv, with the same English
 * column names (the CLI contract, DESIGN.md) and the record's ID first, so
 * `-o FILE.csv` writes what stdout shows and the app exports the same
 * columns. Each column says how a workbook shows it: IDs as text, dates as
 * ISO text, money as numbers in yuan (zb-xlsx-write.c). Pure functions of
 * the models: callable from a worker thread.
 *
 * The app's exports are read by people, not scripts: the same tables go
 * through zb_list_table_for_people(), which words them as the app does.
 */

#include "config.h"

#include <glib/gi18n.h>

#include "zb-arrears.h"
#include "zb-date.h"
#include "zb-dues-line.h"
#include "zb-list-table.h"
#include "zb-measure.h"
#include "zb-meeting.h"
#include "zb-money.h"
#include "zb-payment.h"
#include "zb-points-line.h"


/* Adds a row of @n cells, taking them; NULL cells are empty. */
static void
take_row (ZbTable *table,
          char   **cells,
          guint    n)
{
  zb_table_add_row (table, (const char * const *) cells);
  for (guint c = 0; c < n; c++)
    g_free (cells[c]);
}

ZbTable *
zb_meetings_table (GListModel *meetings)
{
  static const char *header[] = { "id", "type", "date", "start_time", "end_time", "title",
                                  "place", "party_group", "chair_id", "recorder_id" };
  static const ZbTableKind kinds[] = {
    ZB_TABLE_KIND_CODE, ZB_TABLE_KIND_TEXT, ZB_TABLE_KIND_DATE, ZB_TABLE_KIND_TEXT,
    ZB_TABLE_KIND_TEXT, ZB_TABLE_KIND_TEXT, ZB_TABLE_KIND_TEXT, ZB_TABLE_KIND_TEXT,
    ZB_TABLE_KIND_CODE, ZB_TABLE_KIND_CODE,
  };
  ZbTable *table = zb_table_new (header, kinds, G_N_ELEMENTS (header));

  G_STATIC_ASSERT (G_N_ELEMENTS (kinds) == G_N_ELEMENTS (header));
  g_return_val_if_fail (G_IS_LIST_MODEL (meetings), table);

  for (guint i = 0; i < g_list_model_get_n_items (meetings); i++)
    {
      g_autoptr(ZbMeeting) m = g_list_model_get_item (meetings, i);
      const char *row[] = {
        zb_meeting_get_id (m), zb_meeting_get_type_code (m), zb_meeting_get_date (m),
        zb_meeting_get_start_time (m), zb_meeting_get_end_time (m), zb_meeting_get_title (m),
        zb_meeting_get_place (m), zb_meeting_get_party_group (m), zb_meeting_get_chair_id (m),
        zb_meeting_get_recorder_id (m),
      };

      zb_table_add_row (table, row);
    }

  return table;
}

ZbTable *
zb_measures_table (GListModel *measures)
{
  static const char *header[] = { "id", "meeting_id", "meeting_date", "text", "owner",
                                  "due_date", "state", "done_date", "done_note" };
  static const ZbTableKind kinds[] = {
    ZB_TABLE_KIND_CODE, ZB_TABLE_KIND_CODE, ZB_TABLE_KIND_DATE, ZB_TABLE_KIND_TEXT,
    ZB_TABLE_KIND_TEXT, ZB_TABLE_KIND_DATE, ZB_TABLE_KIND_TEXT, ZB_TABLE_KIND_DATE,
    ZB_TABLE_KIND_TEXT,
  };
  ZbTable *table = zb_table_new (header, kinds, G_N_ELEMENTS (header));

  G_STATIC_ASSERT (G_N_ELEMENTS (kinds) == G_N_ELEMENTS (header));
  g_return_val_if_fail (G_IS_LIST_MODEL (measures), table);

  for (guint i = 0; i < g_list_model_get_n_items (measures); i++)
    {
      g_autoptr(ZbMeasure) m = g_list_model_get_item (measures, i);
      const char *row[] = {
        zb_measure_get_id (m), zb_measure_get_meeting_id (m), zb_measure_get_meeting_date (m),
        zb_measure_get_text (m), zb_measure_get_owner (m), zb_measure_get_due_date (m),
        zb_measure_get_state (m), zb_measure_get_done_date (m), zb_measure_get_done_note (m),
      };

      zb_table_add_row (table, row);
    }

  return table;
}

static char *
yuan_or_blank (gint64 fen)
{
  return fen < 0 ? NULL : zb_money_format_yuan (fen);
}

/* The payment that covers @month, if any (months compare as text). */
static ZbPayment *
payment_for (GListModel *payments,
             const char *month)
{
  for (guint i = 0; i < g_list_model_get_n_items (payments); i++)
    {
      g_autoptr(ZbPayment) p = g_list_model_get_item (payments, i);

      if (!zb_payment_get_extra (p) && g_strcmp0 (zb_payment_get_first_month (p), month) <= 0 &&
          g_strcmp0 (month, zb_payment_get_last_month (p)) <= 0)
        return g_steal_pointer (&p);
    }

  return NULL;
}

/**
 * zb_dues_ledger_table:
 * @lines: a member's ZbDuesLine, month by month
 * @payments: the member's ZbPayment, for the date and receipt of each month
 *
 * Voluntary extra dues cover no month and have no row here.
 */
ZbTable *
zb_dues_ledger_table (GListModel *lines,
                      GListModel *payments)
{
  static const char *header[] = { "month", "state", "due", "paid", "paid_date", "receipt" };
  static const ZbTableKind kinds[] = {
    ZB_TABLE_KIND_DATE, ZB_TABLE_KIND_TEXT, ZB_TABLE_KIND_MONEY, ZB_TABLE_KIND_MONEY,
    ZB_TABLE_KIND_DATE, ZB_TABLE_KIND_CODE,
  };
  ZbTable *table = zb_table_new (header, kinds, G_N_ELEMENTS (header));

  G_STATIC_ASSERT (G_N_ELEMENTS (kinds) == G_N_ELEMENTS (header));
  g_return_val_if_fail (G_IS_LIST_MODEL (lines) && G_IS_LIST_MODEL (payments), table);

  for (guint i = 0; i < g_list_model_get_n_items (lines); i++)
    {
      g_autoptr(ZbDuesLine) line = g_list_model_get_item (lines, i);
      g_autoptr(ZbPayment) p = payment_for (payments, zb_dues_line_get_month (line));
      char *row[] = {
        g_strdup (zb_dues_line_get_month (line)), g_strdup (zb_dues_line_get_state (line)),
        yuan_or_blank (zb_dues_line_get_due_fen (line)),
        yuan_or_blank (zb_dues_line_get_paid_fen (line)),
        g_strdup (p ? zb_payment_get_paid_date (p) : NULL),
        g_strdup (p ? zb_payment_get_receipt_number (p) : NULL),
      };

      take_row (table, row, G_N_ELEMENTS (row));
    }

  return table;
}

/* Each member in arrears: the months as one cell, separated by spaces. */
ZbTable *
zb_arrears_table (GListModel *arrears)
{
  static const char *header[] = { "member_id", "name", "months", "level", "arrears" };
  static const ZbTableKind kinds[] = {
    ZB_TABLE_KIND_CODE, ZB_TABLE_KIND_TEXT, ZB_TABLE_KIND_NUMBER, ZB_TABLE_KIND_TEXT,
    ZB_TABLE_KIND_TEXT,
  };
  ZbTable *table = zb_table_new (header, kinds, G_N_ELEMENTS (header));

  G_STATIC_ASSERT (G_N_ELEMENTS (kinds) == G_N_ELEMENTS (header));
  g_return_val_if_fail (G_IS_LIST_MODEL (arrears), table);

  for (guint i = 0; i < g_list_model_get_n_items (arrears); i++)
    {
      g_autoptr(ZbArrears) a = g_list_model_get_item (arrears, i);
      const char * const *months = zb_arrears_get_months (a);
      char *row[] = {
        g_strdup (zb_arrears_get_member_id (a)), g_strdup (zb_arrears_get_name (a)),
        g_strdup_printf ("%u", g_strv_length ((char **) months)),
        g_strdup (zb_arrears_get_level (a)), g_strjoinv (" ", (char **) months),
      };

      take_row (table, row, G_N_ELEMENTS (row));
    }

  return table;
}

/* Each member's points by source and in all, in the order of @lines. */
ZbTable *
zb_points_table (GListModel *lines)
{
  static const char *header[] = { "member_id", "name", "meetings", "meeting_points",
                                  "study_minutes", "study_points", "lectures",
                                  "lecture_points", "volunteer_minutes", "volunteer_points",
                                  "total", "capped" };
  static const ZbTableKind kinds[] = {
    ZB_TABLE_KIND_CODE, ZB_TABLE_KIND_TEXT, ZB_TABLE_KIND_NUMBER, ZB_TABLE_KIND_NUMBER,
    ZB_TABLE_KIND_NUMBER, ZB_TABLE_KIND_NUMBER, ZB_TABLE_KIND_NUMBER, ZB_TABLE_KIND_NUMBER,
    ZB_TABLE_KIND_NUMBER, ZB_TABLE_KIND_NUMBER, ZB_TABLE_KIND_NUMBER, ZB_TABLE_KIND_TEXT,
  };
  ZbTable *table = zb_table_new (header, kinds, G_N_ELEMENTS (header));

  G_STATIC_ASSERT (G_N_ELEMENTS (kinds) == G_N_ELEMENTS (header));
  g_return_val_if_fail (G_IS_LIST_MODEL (lines), table);

  for (guint i = 0; i < g_list_model_get_n_items (lines); i++)
    {
      g_autoptr(ZbPointsLine) line = g_list_model_get_item (lines, i);
      const ZbPoints *p = zb_points_line_get_points (line);
      char *row[] = {
        g_strdup (zb_points_line_get_member_id (line)), g_strdup (zb_points_line_get_name (line)),
        g_strdup_printf ("%u", p->meetings), zb_points_format (p->meeting_tenths),
        g_strdup_printf ("%" G_GINT64_FORMAT, p->study_minutes),
        zb_points_format (p->study_tenths), g_strdup_printf ("%u", p->lectures),
        zb_points_format (p->lecture_tenths),
        g_strdup_printf ("%" G_GINT64_FORMAT, p->volunteer_minutes),
        zb_points_format (p->volunteer_tenths), zb_points_format (p->total_tenths),
        g_strdup (p->capped ? "yes" : "no"),
      };

      take_row (table, row, G_N_ELEMENTS (row));
    }

  return table;
}

/* How the app words a column's cells for people. */
typedef enum
{
  WORDS_AS_IS,          /* IDs, ISO dates, money, counts, free text */
  WORDS_MEETING_TYPE,
  WORDS_STATE,          /* a measure's or a month of dues' */
  WORDS_LEVEL,          /* of arrears */
  WORDS_YES_NO,
  WORDS_PERIODS,        /* months separated by spaces: no column to sort on */
  WORDS_NAME,           /* a member's ID, shown as their name when names are given */
} Words;

/* Each CLI column (the contract scripts read) with its heading for people.
 * A person's column keeps its ID, under @id_heading, when no names are
 * given. Dates stay ISO in their cells so that a spreadsheet sorts them. */
static const struct
{
  const char *column;
  const char *heading;
  Words       words;
  const char *id_heading;
} people_columns[] = {
  { "id", NC_("column", "ID"), WORDS_AS_IS, NULL },
  { "type", NC_("column", "Type"), WORDS_MEETING_TYPE, NULL },
  { "date", NC_("column", "Date"), WORDS_AS_IS, NULL },
  { "start_time", NC_("column", "Start"), WORDS_AS_IS, NULL },
  { "end_time", NC_("column", "End"), WORDS_AS_IS, NULL },
  { "title", NC_("column", "Title"), WORDS_AS_IS, NULL },
  { "place", NC_("column", "Place"), WORDS_AS_IS, NULL },
  { "party_group", NC_("column", "Party group"), WORDS_AS_IS, NULL },
  { "chair_id", NC_("column", "Chair"), WORDS_NAME, NC_("column", "Chair ID") },
  { "recorder_id", NC_("column", "Recorder"), WORDS_NAME, NC_("column", "Recorder ID") },
  { "meeting_id", NC_("column", "Meeting ID"), WORDS_AS_IS, NULL },
  { "meeting_date", NC_("column", "Meeting date"), WORDS_AS_IS, NULL },
  { "text", NC_("column", "Measure"), WORDS_AS_IS, NULL },
  { "owner", NC_("column", "Responsible"), WORDS_AS_IS, NULL },
  { "due_date", NC_("column", "Due date"), WORDS_AS_IS, NULL },
  { "state", NC_("column", "State"), WORDS_STATE, NULL },
  { "done_date", NC_("column", "Done on"), WORDS_AS_IS, NULL },
  { "done_note", NC_("column", "How it was done"), WORDS_AS_IS, NULL },
  { "month", NC_("column", "Month"), WORDS_AS_IS, NULL },
  { "due", NC_("column", "Due (yuan)"), WORDS_AS_IS, NULL },
  { "paid", NC_("column", "Paid (yuan)"), WORDS_AS_IS, NULL },
  { "paid_date", NC_("column", "Paid on"), WORDS_AS_IS, NULL },
  { "receipt", NC_("column", "Receipt number"), WORDS_AS_IS, NULL },
  { "member_id", NC_("column", "Member ID"), WORDS_AS_IS, NULL },
  { "name", NC_("column", "Name"), WORDS_AS_IS, NULL },
  { "months", NC_("column", "Months in arrears"), WORDS_AS_IS, NULL },
  { "level", NC_("column", "Level"), WORDS_LEVEL, NULL },
  { "arrears", NC_("column", "Unpaid months"), WORDS_PERIODS, NULL },
  { "meetings", NC_("column", "Meetings"), WORDS_AS_IS, NULL },
  { "meeting_points", NC_("column", "Meeting points"), WORDS_AS_IS, NULL },
  { "study_minutes", NC_("column", "Study minutes"), WORDS_AS_IS, NULL },
  { "study_points", NC_("column", "Study points"), WORDS_AS_IS, NULL },
  { "lectures", NC_("column", "Lectures"), WORDS_AS_IS, NULL },
  { "lecture_points", NC_("column", "Lecture points"), WORDS_AS_IS, NULL },
  { "volunteer_minutes", NC_("column", "Volunteer minutes"), WORDS_AS_IS, NULL },
  { "volunteer_points", NC_("column", "Volunteer points"), WORDS_AS_IS, NULL },
  { "total", NC_("column", "Total points"), WORDS_AS_IS, NULL },
  { "capped", NC_("column", "Capped"), WORDS_YES_NO, NULL },
};

static int
people_column (const char *column)
{
  for (guint i = 0; i < G_N_ELEMENTS (people_columns); i++)
    if (g_str_equal (people_columns[i].column, column))
      return (int) i;
  return -1;
}

/* The states and levels of the records, as the app shows them. */
static const char *
state_words (const char *code)
{
  if (g_str_equal (code, "open"))
    return C_("measure", "Open");
  if (g_str_equal (code, "done"))
    return C_("measure", "Done");
  if (g_str_equal (code, "due"))
    /* TRANSLATORS: a month of dues in an exported ledger */
    return C_("dues", "Unpaid");
  if (g_str_equal (code, "paid"))
    return C_("dues", "Paid");
  if (g_str_equal (code, "waived"))
    return C_("dues", "Waived");
  return code;
}

static const char *
level_words (const char *code)
{
  if (g_str_equal (code, "warning"))
    /* TRANSLATORS: the level of a member's dues arrears */
    return C_("arrears", "Warning");
  if (g_str_equal (code, "alert"))
    return C_("arrears", "Alert");
  return code;
}

static char *
periods_words (const char *months)
{
  g_auto(GStrv) each = g_strsplit (months, " ", -1);

  for (guint i = 0; each[i] != NULL; i++)
    {
      char *period = zb_date_format_period (each[i]);

      g_free (each[i]);
      each[i] = period;
    }
  /* TRANSLATORS: between the months of a list of unpaid months */
  return g_strjoinv (C_("list", ", "), each);
}

static char *
cell_words (Words       words,
            const char *cell,
            GHashTable *names)
{
  const ZbMeetingType *type;

  if (*cell == '\0')
    return g_strdup (cell);
  switch (words)
    {
    case WORDS_MEETING_TYPE:
      type = zb_meeting_type_lookup (cell);
      return g_strdup (type != NULL ? _(type->label) : cell);
    case WORDS_STATE:
      return g_strdup (state_words (cell));
    case WORDS_LEVEL:
      return g_strdup (level_words (cell));
    case WORDS_YES_NO:
      return g_strdup (g_str_equal (cell, "yes") ? C_("cell", "Yes") : C_("cell", "No"));
    case WORDS_PERIODS:
      return periods_words (cell);
    case WORDS_NAME:
      return g_strdup (names != NULL ? g_hash_table_lookup (names, cell) : cell);
    case WORDS_AS_IS:
    default:
      return g_strdup (cell);
    }
}

/**
 * zb_list_table_for_people:
 * @table: a table of this file's functions
 * @names: (nullable): member ID to name, for the chair and the recorder
 *
 * @table as the app's exports show it: headings in the user's language and
 * codes as the app words them, where the CLI keeps English names and codes
 * for scripts. IDs, ISO dates and money stay as they are. With @names, a
 * person's ID (an internal UUID) gives way to their name.
 *
 * Returns: a new table
 */
ZbTable *
zb_list_table_for_people (ZbTable    *table,
                          GHashTable *names)
{
  guint n = zb_table_get_n_columns (table);
  g_autofree const char **titles = g_new0 (const char *, n + 1);
  g_autofree ZbTableKind *kinds = g_new0 (ZbTableKind, n + 1);
  g_autofree Words *words = g_new0 (Words, n + 1);
  g_autofree char **cells = g_new0 (char *, n + 1);
  ZbTable *people;

  for (guint c = 0; c < n; c++)
    {
      const char *column = g_ptr_array_index (table->titles, c);
      int i = people_column (column);

      titles[c] = column;
      kinds[c] = zb_table_get_kind (table, c);
      words[c] = WORDS_AS_IS;
      if (i < 0)
        continue;
      words[c] = people_columns[i].words;
      titles[c] = g_dpgettext2 (NULL, "column", people_columns[i].heading);
      if (words[c] == WORDS_NAME && names == NULL)
        {
          words[c] = WORDS_AS_IS;
          titles[c] = g_dpgettext2 (NULL, "column", people_columns[i].id_heading);
        }
      else if (words[c] != WORDS_AS_IS)
        kinds[c] = ZB_TABLE_KIND_TEXT;
    }

  people = zb_table_new (titles, kinds, n);
  for (guint r = 0; r < table->rows->len; r++)
    {
      ZbCsvRow *row = g_ptr_array_index (table->rows, r);

      for (guint c = 0; c < n; c++)
        cells[c] = cell_words (words[c], g_ptr_array_index (row->cells, c), names);
      take_row (people, cells, n);
    }

  return people;
}
