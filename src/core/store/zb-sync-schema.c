#define G_LOG_DOMAIN "zb-sync-schema"

#include "config.h"

#include "zb-sync-schema.h"

/* The outbox (DESIGN.md, Sync): pure-SQL triggers record every local change of
 * a synced table in the same transaction as the change, so that an edit made
 * with sqlcipher's own shell is recorded too; no function of the app is
 * called. The column lists below are those of schema version 5, from which
 * migration step 5 makes its triggers: a later step that adds a synced column
 * adds its own list and recreates the triggers, and leaves these alone, so
 * that step 5 always makes the same schema. */

#define COLUMNS(...) (const char * const[]) { __VA_ARGS__, NULL }

static const ZbSyncTable tables_v5[] = {
  { "members", COLUMNS ("name", "sex", "ethnicity", "birth_date", "id_number", "education",
                        "degree", "post", "title", "phone", "address", "category",
                        "applied_date", "activist_date", "candidate_date", "joined_date",
                        "full_date", "party_group", "status", "status_date", "status_reason",
                        "flowing", "lost_contact", "created_at", "probation_extended_to",
                        "discipline_start", "discipline_end") },
  { "member_transfers", COLUMNS ("member_id", "direction", "date", "organisation",
                                 "letter_number") },
  { "committee_members", COLUMNS ("member_id", "role", "from_date", "to_date") },
  { "meetings", COLUMNS ("type", "title", "date", "start_time", "end_time", "place",
                         "party_group", "chair_id", "recorder_id", "created_at", "finalized_at",
                         "chair_signature", "recorder_signature", "device_id", "chain_prev",
                         "chain_hash", "addendum_of") },
  { "meeting_attendees", COLUMNS ("meeting_id", "member_id", "state", "reason") },
  { "agenda_items", COLUMNS ("meeting_id", "position", "title", "minutes", "resolution",
                             "vote_kind", "vote_result") },
  { "agenda_votes", COLUMNS ("item_id", "member_id", "choice", "written") },
  { "meeting_guests", COLUMNS ("meeting_id", "name", "affiliation") },
  { "first_items", COLUMNS ("meeting_id", "topic", "material", "source", "source_date", "form",
                            "leader", "participants", "proceedings") },
  { "first_item_contributions", COLUMNS ("first_item_id", "position", "speaker", "summary") },
  { "measures", COLUMNS ("meeting_id", "text", "owner", "due_date", "state", "done_date",
                         "done_note") },
  { "first_item_templates", COLUMNS ("name", "body") },
};

/* Schema version 6 (migration step 6): the status history of members, the
 * snapshot a finalised record is shown and printed from with the version of
 * its canonical form, and the optional links from the first item's leader and
 * its speakers to a member or a guest. The lists of the versions after it
 * are each the one before and the tables its step added, written once:
 * members's columns (MEMBERS_V6), which come first (parents before the rows
 * that refer to them), and the other tables (OTHERS_Vn) apart, since step
 * 10 adds a column to members and keeps the rest. */
#define MEMBERS_V6 \
  "name", "sex", "ethnicity", "birth_date", "id_number", "education", "degree", "post", "title", \
  "phone", "address", "category", "applied_date", "activist_date", "candidate_date", \
  "joined_date", "full_date", "party_group", "status", "status_date", "status_reason", \
  "flowing", "lost_contact", "created_at", "probation_extended_to", "discipline_start", \
  "discipline_end"

#define TABLES_V6 \
  { "members", COLUMNS (MEMBERS_V6) }, \
  OTHERS_V6

#define OTHERS_V6 \
  { "member_transfers", COLUMNS ("member_id", "direction", "date", "organisation", \
                                 "letter_number") }, \
  { "member_status_history", COLUMNS ("member_id", "status", "date", "reason") }, \
  { "committee_members", COLUMNS ("member_id", "role", "from_date", "to_date") }, \
  { "meetings", COLUMNS ("type", "title", "date", "start_time", "end_time", "place", \
                         "party_group", "chair_id", "recorder_id", "created_at", "finalized_at", \
                         "chair_signature", "recorder_signature", "device_id", "chain_prev", \
                         "chain_hash", "addendum_of", "snapshot", "canonical_version") }, \
  { "meeting_attendees", COLUMNS ("meeting_id", "member_id", "state", "reason") }, \
  { "agenda_items", COLUMNS ("meeting_id", "position", "title", "minutes", "resolution", \
                             "vote_kind", "vote_result") }, \
  { "agenda_votes", COLUMNS ("item_id", "member_id", "choice", "written") }, \
  { "meeting_guests", COLUMNS ("meeting_id", "name", "affiliation") }, \
  { "first_items", COLUMNS ("meeting_id", "topic", "material", "source", "source_date", "form", \
                            "leader", "participants", "proceedings", "leader_id") }, \
  { "first_item_contributions", COLUMNS ("first_item_id", "position", "speaker", "summary", \
                                         "speaker_id") }, \
  { "measures", COLUMNS ("meeting_id", "text", "owner", "due_date", "state", "done_date", \
                         "done_note") }, \
  { "first_item_templates", COLUMNS ("name", "body") }

static const ZbSyncTable tables_v6[] = {
  TABLES_V6
};

/* What step 6 adds to the synced data, which a PC on an older schema has
 * pulled past without storing: the PC pulls its feed again for these
 * (PROTOCOL.md 7.4). NULL: a whole new table. */
static const struct {
  const char *table;
  const char *column;
} added_v6[] = {
  { "member_status_history", NULL },
  { "meetings", "snapshot" },
  { "meetings", "canonical_version" },
  { "first_items", "leader_id" },
  { "first_item_contributions", "speaker_id" },
};

/* Schema version 7 (migration step 7): Party dues, each member's bases,
 * approved reductions and waivers, and payments (DOMAIN.md section 4). */
#define OTHERS_V7 \
  OTHERS_V6, \
  { "dues_bases", COLUMNS ("member_id", "from_month", "kind", "base_fen", "created_at") }, \
  { "dues_reductions", COLUMNS ("member_id", "month", "due_fen", "approved", "decided_date", \
                                "approval_ref", "reason", "created_at") }, \
  { "dues_payments", COLUMNS ("member_id", "paid_date", "first_month", "last_month", \
                              "amount_fen", "method", "receipt_number", "on_behalf", \
                              "on_behalf_by", "extra", "created_at") }

static const ZbSyncTable tables_v7[] = {
  { "members", COLUMNS (MEMBERS_V6) },
  OTHERS_V7
};

/* What step 7 adds to the synced data (PROTOCOL.md 7.4): three new tables. */
static const char * const added_v7[] = { "dues_bases", "dues_reductions", "dues_payments" };

/* Schema version 8 (migration step 8): the steps of each person's path into
 * the Party (发展党员), S01-S25 of DOMAIN.md section 1, one row per step
 * taken. */
#define OTHERS_V8 \
  OTHERS_V7, \
  { "recruit_steps", COLUMNS ("member_id", "code", "date", "document", "outcome", \
                              "extension_months", "first_person", "second_person", \
                              "training_days", "class_hours", "notice_start", "notice_end", \
                              "created_at") }

static const ZbSyncTable tables_v8[] = {
  { "members", COLUMNS (MEMBERS_V6) },
  OTHERS_V8
};

/* What step 8 adds to the synced data (PROTOCOL.md 7.4): one new table. */
static const char * const added_v8[] = { "recruit_steps" };

/* Schema version 9 (migration step 9): study records (self-study, study in
 * a meeting, party lectures given, volunteer service) and the branch's
 * settings row, which holds the points rule set. */
#define OTHERS_V9 \
  OTHERS_V8, \
  { "study_records", COLUMNS ("member_id", "date", "kind", "title", "material", "minutes", \
                              "meeting_id", "created_at") }, \
  { "branch_settings", COLUMNS ("points_meeting", "points_study_hour", "points_lecture", \
                                "points_volunteer_hour", "points_yearly_cap") }

static const ZbSyncTable tables_v9[] = {
  { "members", COLUMNS (MEMBERS_V6) },
  OTHERS_V9
};

/* What step 9 adds to the synced data (PROTOCOL.md 7.4): two new tables. */
static const char * const added_v9[] = { "study_records", "branch_settings" };

/* Schema version 10 (migration step 10): the expected day a person leaves
 * the unit (调离), a column of members, and the written reports (思想汇报)
 * of the people on the path into the Party (the Recruitment Rules). */
static const ZbSyncTable tables_v10[] = {
  { "members", COLUMNS (MEMBERS_V6, "leaving_date") },
  OTHERS_V9,
  { "thought_reports", COLUMNS ("member_id", "date", "summary", "created_at") },
};

/* What step 10 adds to the synced data (PROTOCOL.md 7.4): a new table, and
 * a new column of members. */
static const char * const added_v10[] = { "thought_reports" };

/* Schema version 12 (migration step 12): the branch's settings row also
 * holds the checker's thresholds and the branch's details (issue 13); the
 * search index of step 11 is this PC's own and adds nothing here. The
 * settings table comes last: step 12 makes its triggers again. */
static const ZbSyncTable tables_v12[] = {
  { "members", COLUMNS (MEMBERS_V6, "leaving_date") },
  OTHERS_V8,
  { "study_records", COLUMNS ("member_id", "date", "kind", "title", "material", "minutes",
                              "meeting_id", "created_at") },
  { "thought_reports", COLUMNS ("member_id", "date", "summary", "created_at") },
  { "branch_settings", COLUMNS ("points_meeting", "points_study_hour", "points_lecture",
                                "points_volunteer_hour", "points_yearly_cap",
                                "absence_warning_months", "absence_alert_months",
                                "probation_notice_days", "higher_committee", "secretary") },
};

/* What step 12 adds to the synced data (PROTOCOL.md 7.4): five columns of a
 * table this PC already had, pulled again. */
static const char * const added_v12[] = { "absence_warning_months", "absence_alert_months",
                                          "probation_notice_days", "higher_committee",
                                          "secretary" };

/* Tables the server alone writes, which PCs receive through the feed and
 * never change (PROTOCOL.md 7.5): no outbox trigger lists them, the server
 * refuses an op on them (server_owned), and step 14 makes them refuse a
 * local write. The committee's review of a finalised record: one row per
 * meeting (its row ID is the meeting's ID), the latest decision. */
static const ZbSyncTable received_tables[] = {
  { "meeting_reviews", COLUMNS ("meeting_id", "decision", "comment", "reviewer",
                                "decided_at") },
};

/* The columns sync keeps itself, and one this PC keeps for itself: the
 * roster's sort key (migration step 13), made from the name on each PC. */
static const char * const bookkeeping[] = { "id", "revision", "deleted", "updated_at", "name_key",
                                            NULL };

/* What finalising a meeting sets: they reach the server after the records
 * the meeting's hash covers (PROTOCOL.md, Finalised records). */
#define FINAL_COLUMNS \
  "finalized_at,chair_signature,recorder_signature,device_id,chain_prev,chain_hash"

#define APPLYING_OFF "(SELECT applying FROM sync_state) = 0"
#define NOW_SQL      "strftime('%Y-%m-%dT%H:%M:%SZ', 'now')"
#define NOW_FORMAT   "strftime('%%Y-%%m-%%dT%%H:%%M:%%SZ', 'now')"   /* the same, in a format */
#define OUTBOX_INSERT \
  "INSERT INTO sync_outbox (table_name, row_id, op, columns, base_revision, created_at) "

#define STATE_SQL \
  "CREATE TABLE sync_state (" \
  "  id INTEGER PRIMARY KEY CHECK (id = 1)," \
  "  applying INTEGER NOT NULL DEFAULT 0 CHECK (applying IN (0, 1))," \
  "  checkpoint INTEGER NOT NULL DEFAULT 0 CHECK (checkpoint >= 0));" \
  "INSERT INTO sync_state (id) VALUES (1);"

/* AUTOINCREMENT: an op ID is never used twice, even after the outbox empties,
 * since the server deduplicates on (device ID, op ID). */
#define OUTBOX_SQL \
  "CREATE TABLE sync_outbox (" \
  "  op_id INTEGER PRIMARY KEY AUTOINCREMENT," \
  "  table_name TEXT NOT NULL," \
  "  row_id TEXT NOT NULL," \
  "  op TEXT NOT NULL CHECK (op IN ('insert', 'update', 'delete'))," \
  "  columns TEXT," \
  "  base_revision INTEGER NOT NULL DEFAULT 0," \
  "  resolves TEXT," \
  "  created_at TEXT NOT NULL);" \
  "CREATE INDEX sync_outbox_row ON sync_outbox (table_name, row_id);"

#define REJECTED_SQL \
  "CREATE TABLE sync_rejected (" \
  "  op_id INTEGER PRIMARY KEY," \
  "  table_name TEXT NOT NULL," \
  "  row_id TEXT NOT NULL," \
  "  op TEXT NOT NULL," \
  "  columns TEXT," \
  "  base_revision INTEGER NOT NULL," \
  "  resolves TEXT," \
  "  created_at TEXT NOT NULL," \
  "  fields TEXT," \
  "  error TEXT NOT NULL," \
  "  reason TEXT NOT NULL," \
  "  rejected_at TEXT NOT NULL);"

/* Values as JSON text, so that NULL, 0 and "0" stay apart. */
#define CONFLICTS_SQL \
  "CREATE TABLE sync_conflicts (" \
  "  id INTEGER PRIMARY KEY," \
  "  server_id TEXT NOT NULL UNIQUE," \
  "  table_name TEXT NOT NULL," \
  "  row_id TEXT NOT NULL," \
  "  column_name TEXT NOT NULL," \
  "  kept_value TEXT," \
  "  kept_device TEXT," \
  "  pushed_value TEXT," \
  "  pushed_device TEXT," \
  "  state TEXT NOT NULL DEFAULT 'open' CHECK (state IN ('open', 'resolving', 'resolved'))," \
  "  resolution TEXT," \
  "  seq INTEGER NOT NULL," \
  "  created_at TEXT NOT NULL);" \
  "CREATE INDEX sync_conflicts_row ON sync_conflicts (table_name, row_id);"

const ZbSyncTable *
zb_sync_schema_tables (guint *n_tables)
{
  *n_tables = G_N_ELEMENTS (tables_v12);
  return tables_v12;
}

const ZbSyncTable *
zb_sync_schema_lookup (const char *table)
{
  for (guint i = 0; i < G_N_ELEMENTS (tables_v12); i++)
    if (g_strcmp0 (tables_v12[i].name, table) == 0)
      return &tables_v12[i];

  return NULL;
}

/* A table the server owns: the feed brings its rows, no op may carry them. */
const ZbSyncTable *
zb_sync_schema_lookup_received (const char *table)
{
  for (guint i = 0; i < G_N_ELEMENTS (received_tables); i++)
    if (g_strcmp0 (received_tables[i].name, table) == 0)
      return &received_tables[i];

  return NULL;
}

gboolean
zb_sync_schema_has_column (const ZbSyncTable *table,
                           const char        *column)
{
  return g_strv_contains ((const char * const *) table->columns, column);
}

gboolean
zb_sync_schema_is_bookkeeping (const char *column)
{
  return g_strv_contains ((const char * const *) bookkeeping, column);
}

/* A new row, unless it is born a tombstone: then there is nothing to send. */
static void
append_insert_trigger (GString           *sql,
                       const ZbSyncTable *t)
{
  g_string_append_printf (sql,
                          "CREATE TRIGGER sync_%s_insert AFTER INSERT ON %s "
                          "WHEN " APPLYING_OFF " AND NEW.deleted = 0 BEGIN "
                          OUTBOX_INSERT "VALUES ('%s', NEW.id, 'insert', NULL, NEW.revision, "
                          NOW_FORMAT "); END;",
                          t->name, t->name, t->name);
}

/* Records the names of the columns whose values changed, and nothing when
 * none did. Setting the tombstone is a delete, clearing it brings the row
 * back as an insert, and a row that stays a tombstone records nothing. */
static void
append_update_trigger (GString           *sql,
                       const ZbSyncTable *t)
{
  g_string_append_printf (sql,
                          "CREATE TRIGGER sync_%s_update AFTER UPDATE ON %s "
                          "WHEN " APPLYING_OFF " AND NOT (OLD.deleted <> 0 AND NEW.deleted <> 0) "
                          "BEGIN " OUTBOX_INSERT
                          "SELECT '%s', NEW.id, CASE WHEN NEW.deleted <> 0 THEN 'delete' "
                          "WHEN OLD.deleted <> 0 THEN 'insert' ELSE 'update' END, "
                          "CASE WHEN NEW.deleted = 0 AND OLD.deleted = 0 THEN changed END, "
                          "OLD.revision, " NOW_FORMAT " FROM (SELECT rtrim(",
                          t->name, t->name, t->name);

  for (guint i = 0; t->columns[i] != NULL; i++)
    g_string_append_printf (sql, "(CASE WHEN OLD.%s IS NOT NEW.%s THEN '%s,' ELSE '' END) || ",
                            t->columns[i], t->columns[i], t->columns[i]);

  g_string_append (sql, "'', ',') AS changed) "
                        "WHERE changed <> '' OR OLD.deleted IS NOT NEW.deleted; END;");
}

/* A row removed for good; a tombstone removed was recorded when it was set. */
static void
append_delete_trigger (GString           *sql,
                       const ZbSyncTable *t)
{
  g_string_append_printf (sql,
                          "CREATE TRIGGER sync_%s_delete AFTER DELETE ON %s "
                          "WHEN " APPLYING_OFF " AND OLD.deleted = 0 BEGIN "
                          OUTBOX_INSERT "VALUES ('%s', OLD.id, 'delete', NULL, OLD.revision, "
                          NOW_FORMAT "); END;",
                          t->name, t->name, t->name);
}

/* Rows written before the outbox existed have never reached a server: each
 * live row is queued as an insert, parents before the rows that refer to
 * them (the order of the table list, then of the rows). */
static void
append_seed (GString           *sql,
             const ZbSyncTable *t)
{
  g_string_append_printf (sql,
                          OUTBOX_INSERT "SELECT '%s', id, 'insert', NULL, revision, " NOW_FORMAT " "
                          "FROM %s WHERE deleted = 0 ORDER BY rowid;",
                          t->name, t->name);
}

/* A finalised meeting's hash covers its attendees, agenda and the rest, so
 * its finalisation is queued after them, one op per record in the order of
 * its device's chain, where the server checks it. A record off every chain
 * (tampered with) comes last and the server refuses it, visibly. */
static void
append_seed_finalised (GString *sql)
{
  g_string_append (sql,
                   OUTBOX_INSERT "SELECT 'meetings', m.id, 'update', '" FINAL_COLUMNS "', "
                   "m.revision, " NOW_SQL " FROM meetings m LEFT JOIN ("
                   "WITH RECURSIVE chain (hash, depth) AS ("
                   "SELECT chain_hash, 0 FROM meetings "
                   "WHERE finalized_at IS NOT NULL AND chain_prev IS NULL "
                   "UNION ALL SELECT n.chain_hash, c.depth + 1 FROM meetings n "
                   "JOIN chain c ON n.chain_prev = c.hash "
                   "WHERE n.finalized_at IS NOT NULL "
                   "AND c.depth < (SELECT count(*) FROM meetings)) "
                   "SELECT hash, min(depth) AS depth FROM chain GROUP BY hash) c "
                   "ON c.hash = m.chain_hash "
                   "WHERE m.finalized_at IS NOT NULL AND m.deleted = 0 "
                   "ORDER BY c.depth IS NULL, c.depth, m.finalized_at, m.rowid;");
}

/* Migration step 5: the outbox, its triggers on every synced table, the
 * state of sync, the rejected ops and the conflicts. */
char *
zb_sync_schema_step5 (void)
{
  GString *sql = g_string_new (STATE_SQL OUTBOX_SQL REJECTED_SQL CONFLICTS_SQL);

  for (guint i = 0; i < G_N_ELEMENTS (tables_v5); i++)
    append_seed (sql, &tables_v5[i]);
  append_seed_finalised (sql);

  for (guint i = 0; i < G_N_ELEMENTS (tables_v5); i++)
    {
      append_insert_trigger (sql, &tables_v5[i]);
      append_update_trigger (sql, &tables_v5[i]);
      append_delete_trigger (sql, &tables_v5[i]);
    }

  return g_string_free (sql, FALSE);
}

static const ZbSyncTable *
lookup_v6 (const char *name)
{
  for (guint i = 0; i < G_N_ELEMENTS (tables_v6); i++)
    if (g_str_equal (tables_v6[i].name, name))
      return &tables_v6[i];
  g_assert_not_reached ();
}

static void
append_triggers (GString    *sql,
                 const char *table)
{
  g_string_append_printf (sql, "DROP TRIGGER IF EXISTS sync_%s_insert;"
                               "DROP TRIGGER IF EXISTS sync_%s_update;"
                               "DROP TRIGGER IF EXISTS sync_%s_delete;", table, table, table);
  append_insert_trigger (sql, lookup_v6 (table));
  append_update_trigger (sql, lookup_v6 (table));
  append_delete_trigger (sql, lookup_v6 (table));
}

/* A member's status changes are kept with their dates, so that a meeting
 * counts who was in the branch, and who had a vote, on its own day (the
 * Constitution, article 7 on membership; DOMAIN.md section 2). The members
 * table keeps the latest status; each change of it, however made (the app,
 * the CLI, sqlcipher's own shell), adds a row here. Pulled changes bring the
 * other PC's rows instead. */
/* Each status change has the ID of what it is, the same on every PC: two
 * PCs that record one death, or a PC that seeds a status it pulled before it
 * kept a history, make one row, which the server merges (PROTOCOL.md 6.4). */
#define STATUS_HISTORY_INSERT(when) \
  "INSERT OR REPLACE INTO member_status_history (id, member_id, status, date, reason) VALUES (" \
  "NEW.id || ':' || NEW.status || ':' || " when ", NEW.id, NEW.status, " when ", " \
  "NEW.status_reason); END;"
#define STATUS_WHEN "coalesce(NEW.status_date, date('now', 'localtime'))"

#define STATUS_HISTORY_TRIGGERS \
  "CREATE TRIGGER member_status_history_insert AFTER INSERT ON members " \
  "WHEN " APPLYING_OFF " AND NEW.deleted = 0 AND NEW.status <> 'normal' BEGIN " \
  STATUS_HISTORY_INSERT (STATUS_WHEN) \
  "CREATE TRIGGER member_status_history_update AFTER UPDATE OF status, status_date ON members " \
  "WHEN " APPLYING_OFF " AND NEW.deleted = 0 AND (OLD.status IS NOT NEW.status OR " \
  "OLD.status_date IS NOT NEW.status_date) BEGIN " \
  STATUS_HISTORY_INSERT (STATUS_WHEN)

/* Migration step 6, its sync part: the triggers of the tables step 6 made or
 * changed, and a pull of the feed again for what it added (PROTOCOL.md 7.4). */
char *
zb_sync_schema_step6 (void)
{
  GString *sql = g_string_new (NULL);
  const char *changed[] = { "member_status_history", "meetings", "meeting_attendees",
                            "agenda_votes", "first_items", "first_item_contributions" };

  for (guint i = 0; i < G_N_ELEMENTS (changed); i++)
    append_triggers (sql, changed[i]);
  g_string_append (sql, STATUS_HISTORY_TRIGGERS);

  /* Statuses of before the history, each from its date; the trigger of its
   * table queues them for the server like any new row. */
  g_string_append (sql, "INSERT INTO member_status_history (id, member_id, status, date, reason) "
                        "SELECT id || ':' || status || ':' || status_date, id, status, "
                        "status_date, status_reason FROM members WHERE deleted = 0 AND "
                        "status <> 'normal' AND status_date IS NOT NULL ORDER BY rowid;");

  g_string_append (sql, "CREATE TABLE sync_resync ("
                        "  table_name TEXT NOT NULL,"
                        "  column_name TEXT);"
                        "ALTER TABLE sync_state ADD COLUMN resync_until INTEGER NOT NULL "
                        "  DEFAULT 0;"
                        "UPDATE sync_state SET resync_until = max(resync_until, checkpoint), "
                        "  checkpoint = 0;");
  for (guint i = 0; i < G_N_ELEMENTS (added_v6); i++)
    g_string_append_printf (sql, "INSERT INTO sync_resync (table_name, column_name) "
                                 "VALUES ('%s', %s%s%s);", added_v6[i].table,
                            added_v6[i].column ? "'" : "",
                            added_v6[i].column ? added_v6[i].column : "NULL",
                            added_v6[i].column ? "'" : "");

  return g_string_free (sql, FALSE);
}

/* The triggers of whole new tables, and a pull of the feed again for them
 * (PROTOCOL.md 7.4), from where this PC's feed stood, or from where a pull
 * again already under way will stop. */
static char *
new_tables_sql (const ZbSyncTable  *tables,
                guint               n_tables,
                const char * const *added,
                guint               n_added)
{
  GString *sql = g_string_new (NULL);

  for (guint i = 0; i < n_added; i++)
    {
      const ZbSyncTable *t = NULL;

      for (guint k = 0; k < n_tables; k++)
        if (g_str_equal (tables[k].name, added[i]))
          t = &tables[k];
      g_assert (t != NULL);
      append_insert_trigger (sql, t);
      append_update_trigger (sql, t);
      append_delete_trigger (sql, t);
      g_string_append_printf (sql, "INSERT INTO sync_resync (table_name, column_name) "
                                   "VALUES ('%s', NULL);", added[i]);
    }
  g_string_append (sql, "UPDATE sync_state SET resync_until = max(resync_until, checkpoint), "
                        "  checkpoint = 0;");

  return g_string_free (sql, FALSE);
}

/* Migration step 7, its sync part: the dues tables. */
char *
zb_sync_schema_step7 (void)
{
  return new_tables_sql (tables_v7, G_N_ELEMENTS (tables_v7), added_v7, G_N_ELEMENTS (added_v7));
}

/* Migration step 8, its sync part: the table of recruitment steps. */
char *
zb_sync_schema_step8 (void)
{
  return new_tables_sql (tables_v8, G_N_ELEMENTS (tables_v8), added_v8, G_N_ELEMENTS (added_v8));
}

/* Migration step 9, its sync part: the study and settings tables. */
char *
zb_sync_schema_step9 (void)
{
  return new_tables_sql (tables_v9, G_N_ELEMENTS (tables_v9), added_v9, G_N_ELEMENTS (added_v9));
}

/* Migration step 10, its sync part: the table of written reports, and the
 * triggers of members made again with its new column, so that a change of
 * the leaving date reaches the server; then a pull of the feed again for
 * both (PROTOCOL.md 7.4): a PC on schema 9 passed the reports and the
 * leaving dates without storing them. */
char *
zb_sync_schema_step10 (void)
{
  g_autofree char *tables = new_tables_sql (tables_v10, G_N_ELEMENTS (tables_v10), added_v10,
                                            G_N_ELEMENTS (added_v10));
  GString *sql = g_string_new ("DROP TRIGGER IF EXISTS sync_members_insert;"
                               "DROP TRIGGER IF EXISTS sync_members_update;"
                               "DROP TRIGGER IF EXISTS sync_members_delete;");

  g_assert (g_str_equal (tables_v10[0].name, "members"));
  append_insert_trigger (sql, &tables_v10[0]);
  append_update_trigger (sql, &tables_v10[0]);
  append_delete_trigger (sql, &tables_v10[0]);
  g_string_append (sql, "INSERT INTO sync_resync (table_name, column_name) "
                        "VALUES ('members', 'leaving_date');");
  g_string_append (sql, tables);

  return g_string_free (sql, FALSE);
}

/* Migration step 12, its sync part: the settings table's triggers again,
 * with its new columns, and a pull of the feed again for those columns
 * (PROTOCOL.md 7.4), from where this PC's feed stood, or from where a pull
 * again already under way will stop. */
char *
zb_sync_schema_step12 (void)
{
  const ZbSyncTable *t = &tables_v12[G_N_ELEMENTS (tables_v12) - 1];
  GString *sql = g_string_new (NULL);

  g_assert (g_str_equal (t->name, "branch_settings"));
  g_string_append (sql, "DROP TRIGGER IF EXISTS sync_branch_settings_insert;"
                        "DROP TRIGGER IF EXISTS sync_branch_settings_update;"
                        "DROP TRIGGER IF EXISTS sync_branch_settings_delete;");
  append_insert_trigger (sql, t);
  append_update_trigger (sql, t);
  append_delete_trigger (sql, t);
  /* A PC that upgrades from before step 9 in one go pulls the whole table
   * again already, new columns and all: a column listed beside it would
   * make the pull write those columns only, and never the rows. */
  for (guint i = 0; i < G_N_ELEMENTS (added_v12); i++)
    g_string_append_printf (sql, "INSERT INTO sync_resync (table_name, column_name) "
                                 "SELECT 'branch_settings', '%s' WHERE NOT EXISTS (SELECT 1 "
                                 "FROM sync_resync WHERE table_name = 'branch_settings' AND "
                                 "column_name IS NULL);", added_v12[i]);
  g_string_append (sql, "UPDATE sync_state SET resync_until = max(resync_until, checkpoint), "
                        "  checkpoint = 0;");

  return g_string_free (sql, FALSE);
}

/* Migration step 14, its sync part: the committee's reviews, a table the
 * server owns (PROTOCOL.md 7.5). Writes are refused unless a pulled page is
 * being applied, whatever program makes them (the app, the CLI, sqlcipher's
 * own shell), so that no PC changes a decision the committee made; and the
 * feed is pulled again for it (7.4), since an older PC passed the rows the
 * server published before this PC upgraded. */
#define RECEIVED_GUARD(op, when) \
  "CREATE TRIGGER meeting_reviews_" op " BEFORE " when " ON meeting_reviews " \
  "WHEN " APPLYING_OFF " BEGIN SELECT RAISE (ABORT, 'meeting_reviews: only the committee''s " \
  "server writes the reviews of finalised records'); END;"

char *
zb_sync_schema_step14 (void)
{
  return g_strdup (RECEIVED_GUARD ("insert", "INSERT")
                   RECEIVED_GUARD ("update", "UPDATE")
                   RECEIVED_GUARD ("delete", "DELETE")
                   "INSERT INTO sync_resync (table_name, column_name) "
                   "VALUES ('meeting_reviews', NULL);"
                   "UPDATE sync_state SET resync_until = max(resync_until, checkpoint), "
                   "  checkpoint = 0;");
}
