#define G_LOG_DOMAIN "zb-checker-values"

#include "config.h"

#include <glib/gi18n.h>

#include "zb-checker-values.h"
#include "zb-date.h"
#include "zb-finding.h"
#include "zb-limits.h"
#include "zb-store-private.h"
#include "zb-sync-schema.h"

/* Rule "stored-value": a live row that breaks the limits of zb-limits.c, as
 * an older Zhibu, the sqlcipher shell or a page pulled from the server may
 * have left it. Such rows are stored and synced as they are (refusing them
 * would stall the feed or the outbox); the checker names each one, with its
 * table, record and field, for a person to correct. */

/* DOMAIN.md section 6: the committee sees what a branch finalised. With
 * finalised_only a meeting's own rows, those its chain hash covers
 * (zb-store-chain.c), are checked only once the meeting is finalised, as
 * the checker's other rules count them; a draft is the branch's own work in
 * progress. "meeting" is the SQL of the ID of the meeting a row (t) belongs
 * to, NULL for rows that belong to no meeting: members, dues, recruitment
 * steps, study records and the rest are not finalised records and are
 * checked as they stand. */
static const struct {
  const char *table;
  const char *label;     /* N_() */
  const char *meeting;
} tables[] = {
  { "members", N_("Person"), NULL },
  { "member_transfers", N_("Transfer"), NULL },
  { "committee_members", N_("Committee member"), NULL },
  { "meetings", N_("Meeting"), "t.id" },
  { "meeting_attendees", N_("Attendance"), "t.meeting_id" },
  { "agenda_items", N_("Agenda item"), "t.meeting_id" },
  { "agenda_votes", N_("Vote"),
    "(SELECT i.meeting_id FROM agenda_items i WHERE i.id = t.item_id)" },
  { "meeting_guests", N_("Guest"), "t.meeting_id" },
  { "first_items", N_("First item"), "t.meeting_id" },
  { "first_item_contributions", N_("Contribution"),
    "(SELECT i.meeting_id FROM first_items i WHERE i.id = t.first_item_id)" },
  { "measures", N_("Measure"), "t.meeting_id" },
  { "first_item_templates", N_("Template"), NULL },
  { "dues_bases", N_("Dues base"), NULL },
  { "dues_reductions", N_("Dues reduction"), NULL },
  { "dues_payments", N_("Dues payment"), NULL },
  { "recruit_steps", N_("Recruitment step"), NULL },
  { "study_records", N_("Study record"), NULL },
  { "branch_settings", N_("Points rules"), NULL },
};

static const char *
table_label (const char *table)
{
  for (guint i = 0; i < G_N_ELEMENTS (tables); i++)
    if (g_str_equal (tables[i].table, table))
      return _(tables[i].label);
  return table;
}

/* With finalised_only, the rows of @table whose meeting is finalised; all
 * live rows otherwise, and of a table not tied to a meeting. */
static void
append_finalised_sql (GString    *sql,
                      const char *table,
                      gboolean    finalised_only)
{
  for (guint i = 0; finalised_only && i < G_N_ELEMENTS (tables); i++)
    if (g_str_equal (tables[i].table, table) && tables[i].meeting != NULL)
      g_string_append_printf (sql, " AND EXISTS (SELECT 1 FROM meetings m WHERE m.id = %s "
                                   "AND m.finalized_at IS NOT NULL)", tables[i].meeting);
}

static char *
check_column (const ZbColumnLimit *limit,
              sqlite3_stmt        *stmt,
              int                  index,
              const GDate         *today)
{
  g_autoptr(JsonNode) node = NULL;

  switch (sqlite3_column_type (stmt, index))
    {
    case SQLITE_NULL:
      return NULL;
    case SQLITE_INTEGER:
      node = json_node_init_int (json_node_alloc (), sqlite3_column_int64 (stmt, index));
      return zb_limits_check_node (limit, node, today);
    default:
      return zb_limits_check_text (limit, (const char *) sqlite3_column_text (stmt, index),
                                   today);
    }
}

static void
check_table (sqlite3           *db,
             const ZbSyncTable *table,
             const char        *as_of,
             const GDate       *today,
             gboolean           finalised_only,
             GListStore        *findings)
{
  g_autoptr(GString) sql = g_string_new ("SELECT id");
  g_autoptr(GPtrArray) limits = g_ptr_array_new ();
  g_autoptr(sqlite3_stmt) stmt = NULL;

  for (guint i = 0; table->columns[i] != NULL; i++)
    {
      const ZbColumnLimit *limit = zb_limits_lookup (table->name, table->columns[i]);

      if (limit == NULL)
        continue;
      g_ptr_array_add (limits, (gpointer) limit);
      g_string_append_printf (sql, ", %s", limit->column);
    }
  g_string_append_printf (sql, " FROM %s t WHERE t.deleted = 0", table->name);
  append_finalised_sql (sql, table->name, finalised_only);
  g_string_append (sql, " ORDER BY t.id");
  if ((stmt = zb_sql_prepare (db, sql->str, NULL)) == NULL)
    return;

  while (sqlite3_step (stmt) == SQLITE_ROW)
    for (guint i = 0; i < limits->len; i++)
      {
        const ZbColumnLimit *limit = g_ptr_array_index (limits, i);
        g_autofree char *issue = check_column (limit, stmt, i + 1, today);
        g_autofree char *field = NULL;
        g_autoptr(ZbFinding) finding = NULL;
        g_autofree char *message = NULL;
        const char *id = (const char *) sqlite3_column_text (stmt, 0);

        if (issue == NULL)
          continue;
        field = zb_limits_describe (limit, issue);
        /* TRANSLATORS: the kind of record, its ID, then the field and its problem */
        message = g_strdup_printf (_("%s %s: %s (stored by another program or an older "
                                     "version; correct the record)"),
                                   table_label (table->name), id, field);
        finding = zb_finding_new ("stored-value", as_of, "warning", id, message);
        g_list_store_append (findings, finding);
      }
}

/* With @finalised_only, only the rows of finalised meetings among those
 * tied to a meeting (DOMAIN.md section 6), as ZB_CHECK_FINALISED_ONLY asks. */
void
zb_check_stored_values (sqlite3    *db,
                        const char *as_of,
                        gboolean    finalised_only,
                        GListStore *findings)
{
  guint n_tables;
  const ZbSyncTable *synced = zb_sync_schema_tables (&n_tables);
  GDate today;

  zb_date_set_today (&today);
  for (guint i = 0; i < n_tables; i++)
    check_table (db, &synced[i], as_of, &today, finalised_only, findings);
}
