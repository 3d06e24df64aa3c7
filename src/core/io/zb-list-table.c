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
 */

#include "config.h"

#include "zb-arrears.h"
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
