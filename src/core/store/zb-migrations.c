#define G_LOG_DOMAIN "zb-migrations"

#include "config.h"

#include <glib/gi18n.h>

#include "zb-migrations.h"
#include "zb-sql.h"
#include "zb-sync-schema.h"

/* Forward steps only. Step N turns a version N-1 database into version N, in
 * one transaction with its PRAGMA user_version; never edit a step that has
 * shipped, add one. Every record has a UUID, a server revision and a
 * tombstone flag for sync (DESIGN.md, Storage). */
static const char *steps[] = {
  /* 1: the branch and its roster */
  "CREATE TABLE meta (  key TEXT PRIMARY KEY NOT NULL,"
  "  value TEXT NOT NULL);"
  "CREATE TABLE members ("
  "  id TEXT PRIMARY KEY NOT NULL,"
  "  name TEXT NOT NULL,"
  "  sex TEXT NOT NULL CHECK (sex IN ('M', 'F')),"
  "  ethnicity TEXT,  birth_date TEXT NOT NULL,"
  "  id_number TEXT NOT NULL,"
  "  education TEXT,  degree TEXT,"
  "  post TEXT,  title TEXT,"
  "  phone TEXT,  address TEXT,"
  "  category TEXT NOT NULL,"
  "  applied_date TEXT,"
  "  activist_date TEXT,"
  "  candidate_date TEXT,"
  "  joined_date TEXT,  full_date TEXT,"
  "  party_group TEXT,  status TEXT NOT NULL DEFAULT 'normal',"
  "  status_date TEXT,  status_reason TEXT,"
  "  flowing INTEGER NOT NULL DEFAULT 0,"
  "  lost_contact INTEGER NOT NULL DEFAULT 0,"
  "  created_at TEXT NOT NULL,"
  "  updated_at TEXT NOT NULL,"
  "  revision INTEGER NOT NULL DEFAULT 0,"
  "  deleted INTEGER NOT NULL DEFAULT 0);"
  "CREATE UNIQUE INDEX members_id_number ON members (id_number) WHERE deleted = 0;"
  "CREATE INDEX members_name ON members (name);",

  /* 2: extended probation, 留党察看, and organisational transfers */
  "ALTER TABLE members ADD COLUMN probation_extended_to TEXT;"
  "ALTER TABLE members ADD COLUMN discipline_start TEXT;"
  "ALTER TABLE members ADD COLUMN discipline_end TEXT;"
  "CREATE TABLE member_transfers ("
  "  id TEXT PRIMARY KEY NOT NULL,"
  "  member_id TEXT NOT NULL REFERENCES members (id),"
  "  direction TEXT NOT NULL CHECK (direction IN ('in', 'out')),"
  "  date TEXT NOT NULL,"
  "  organisation TEXT NOT NULL,"
  "  letter_number TEXT,"
  "  revision INTEGER NOT NULL DEFAULT 0,"
  "  deleted INTEGER NOT NULL DEFAULT 0);"
  "CREATE INDEX member_transfers_member ON member_transfers (member_id);"
  "CREATE INDEX members_party_group ON members (party_group);",

  /* 3: the branch committee, meetings and their attendance */
  "CREATE TABLE committee_members ("
  "  id TEXT PRIMARY KEY NOT NULL,"
  "  member_id TEXT NOT NULL REFERENCES members (id),"
  "  role TEXT NOT NULL,"
  "  from_date TEXT NOT NULL,"
  "  to_date TEXT,  revision INTEGER NOT NULL DEFAULT 0,"
  "  deleted INTEGER NOT NULL DEFAULT 0);"
  "CREATE TABLE meetings ("
  "  id TEXT PRIMARY KEY NOT NULL,"
  "  type TEXT NOT NULL,"
  "  title TEXT NOT NULL,"
  "  date TEXT NOT NULL,"
  "  start_time TEXT,  end_time TEXT,"
  "  place TEXT,  party_group TEXT,"
  "  chair_id TEXT REFERENCES members (id),"
  "  recorder_id TEXT REFERENCES members (id),"
  "  created_at TEXT NOT NULL,"
  "  updated_at TEXT NOT NULL,"
  "  revision INTEGER NOT NULL DEFAULT 0,"
  "  deleted INTEGER NOT NULL DEFAULT 0);"
  "CREATE INDEX meetings_date ON meetings (date);"
  "CREATE TABLE meeting_attendees ("
  "  id TEXT PRIMARY KEY NOT NULL,"
  "  meeting_id TEXT NOT NULL REFERENCES meetings (id),"
  "  member_id TEXT NOT NULL REFERENCES members (id),"
  "  state TEXT CHECK (state IN ('present', 'leave', 'absent')),"
  "  reason TEXT,  revision INTEGER NOT NULL DEFAULT 0,"
  "  deleted INTEGER NOT NULL DEFAULT 0,"
  "  UNIQUE (meeting_id, member_id));"
  "CREATE INDEX meeting_attendees_member ON meeting_attendees (member_id);",

  /* 4: agenda, votes, the first agenda item, measures, and finalising */
  "CREATE TABLE agenda_items ("
  "  id TEXT PRIMARY KEY NOT NULL,"
  "  meeting_id TEXT NOT NULL REFERENCES meetings (id),"
  "  position INTEGER NOT NULL,"
  "  title TEXT NOT NULL,"
  "  minutes TEXT,  resolution TEXT,"
  "  vote_kind TEXT,  vote_result TEXT CHECK (vote_result IN ('passed', 'not-passed')),"
  "  revision INTEGER NOT NULL DEFAULT 0,"
  "  deleted INTEGER NOT NULL DEFAULT 0);"
  "CREATE INDEX agenda_items_meeting ON agenda_items (meeting_id, position);"
  "CREATE TABLE agenda_votes ("
  "  id TEXT PRIMARY KEY NOT NULL,"
  "  item_id TEXT NOT NULL REFERENCES agenda_items (id),"
  "  member_id TEXT NOT NULL REFERENCES members (id),"
  "  choice TEXT NOT NULL CHECK (choice IN ('yes', 'no', 'abstain')),"
  "  written INTEGER NOT NULL DEFAULT 0,"
  "  revision INTEGER NOT NULL DEFAULT 0,"
  "  deleted INTEGER NOT NULL DEFAULT 0,"
  "  UNIQUE (item_id, member_id));"
  "CREATE TABLE meeting_guests ("
  "  id TEXT PRIMARY KEY NOT NULL,"
  "  meeting_id TEXT NOT NULL REFERENCES meetings (id),"
  "  name TEXT NOT NULL,"
  "  affiliation TEXT,  revision INTEGER NOT NULL DEFAULT 0,"
  "  deleted INTEGER NOT NULL DEFAULT 0);"
  "CREATE TABLE first_items ("
  "  id TEXT PRIMARY KEY NOT NULL,"
  "  meeting_id TEXT NOT NULL UNIQUE REFERENCES meetings (id),"
  "  topic TEXT,  material TEXT,"
  "  source TEXT,  source_date TEXT,"
  "  form TEXT,  leader TEXT,"
  "  participants TEXT,"
  "  proceedings TEXT,  revision INTEGER NOT NULL DEFAULT 0,"
  "  deleted INTEGER NOT NULL DEFAULT 0);"
  "CREATE TABLE first_item_contributions ("
  "  id TEXT PRIMARY KEY NOT NULL,"
  "  first_item_id TEXT NOT NULL REFERENCES first_items (id),"
  "  position INTEGER NOT NULL,"
  "  speaker TEXT NOT NULL,"
  "  summary TEXT NOT NULL,"
  "  revision INTEGER NOT NULL DEFAULT 0,"
  "  deleted INTEGER NOT NULL DEFAULT 0);"
  "CREATE TABLE measures ("
  "  id TEXT PRIMARY KEY NOT NULL,"
  "  meeting_id TEXT NOT NULL REFERENCES meetings (id),"
  "  text TEXT NOT NULL,"
  "  owner TEXT,  due_date TEXT,"
  "  state TEXT NOT NULL DEFAULT 'open' CHECK (state IN ('open', 'done')),"
  "  done_date TEXT,  done_note TEXT,"
  "  revision INTEGER NOT NULL DEFAULT 0,"
  "  deleted INTEGER NOT NULL DEFAULT 0);"
  "CREATE INDEX measures_meeting ON measures (meeting_id);"
  "CREATE TABLE first_item_templates ("
  "  id TEXT PRIMARY KEY NOT NULL,"
  "  name TEXT NOT NULL,"
  "  body TEXT NOT NULL,"
  "  revision INTEGER NOT NULL DEFAULT 0,"
  "  deleted INTEGER NOT NULL DEFAULT 0);"
  "ALTER TABLE meetings ADD COLUMN finalized_at TEXT;"
  "ALTER TABLE meetings ADD COLUMN chair_signature TEXT;"
  "ALTER TABLE meetings ADD COLUMN recorder_signature TEXT;"
  "ALTER TABLE meetings ADD COLUMN device_id TEXT;"
  "ALTER TABLE meetings ADD COLUMN chain_prev TEXT;"
  "ALTER TABLE meetings ADD COLUMN chain_hash TEXT;"
  "ALTER TABLE meetings ADD COLUMN addendum_of TEXT REFERENCES meetings (id);",
};

/* 6, its own part: the status history, snapshots of finalised records,
 * links from the first item to people, and attendance and votes whose
 * uniqueness counts live rows only, so that a row made again on another PC
 * (the same ID, PROTOCOL.md 7.1) or a tombstone never blocks a live one. */
#define STEP6_SQL \
  "CREATE TABLE member_status_history (" \
  "  id TEXT PRIMARY KEY NOT NULL," \
  "  member_id TEXT NOT NULL REFERENCES members (id)," \
  "  status TEXT NOT NULL," \
  "  date TEXT NOT NULL," \
  "  reason TEXT," \
  "  revision INTEGER NOT NULL DEFAULT 0," \
  "  deleted INTEGER NOT NULL DEFAULT 0);" \
  "CREATE INDEX member_status_history_member ON member_status_history (member_id, date);" \
  "CREATE INDEX member_transfers_member_date ON member_transfers (member_id, date);" \
  "ALTER TABLE meetings ADD COLUMN snapshot TEXT;" \
  "ALTER TABLE meetings ADD COLUMN canonical_version INTEGER;" \
  "ALTER TABLE first_items ADD COLUMN leader_id TEXT;" \
  "ALTER TABLE first_item_contributions ADD COLUMN speaker_id TEXT;" \
  "ALTER TABLE meeting_attendees RENAME TO meeting_attendees_v5;" \
  "CREATE TABLE meeting_attendees (" \
  "  id TEXT PRIMARY KEY NOT NULL," \
  "  meeting_id TEXT NOT NULL REFERENCES meetings (id)," \
  "  member_id TEXT NOT NULL REFERENCES members (id)," \
  "  state TEXT CHECK (state IN ('present', 'leave', 'absent'))," \
  "  reason TEXT," \
  "  revision INTEGER NOT NULL DEFAULT 0," \
  "  deleted INTEGER NOT NULL DEFAULT 0);" \
  "INSERT INTO meeting_attendees SELECT id, meeting_id, member_id, state, reason, revision, " \
  "  deleted FROM meeting_attendees_v5 ORDER BY rowid;" \
  "DROP TABLE meeting_attendees_v5;" \
  "CREATE UNIQUE INDEX meeting_attendees_live ON meeting_attendees (meeting_id, member_id) " \
  "  WHERE deleted = 0;" \
  "CREATE INDEX meeting_attendees_member ON meeting_attendees (member_id);" \
  "ALTER TABLE agenda_votes RENAME TO agenda_votes_v5;" \
  "CREATE TABLE agenda_votes (" \
  "  id TEXT PRIMARY KEY NOT NULL," \
  "  item_id TEXT NOT NULL REFERENCES agenda_items (id)," \
  "  member_id TEXT NOT NULL REFERENCES members (id)," \
  "  choice TEXT NOT NULL CHECK (choice IN ('yes', 'no', 'abstain'))," \
  "  written INTEGER NOT NULL DEFAULT 0," \
  "  revision INTEGER NOT NULL DEFAULT 0," \
  "  deleted INTEGER NOT NULL DEFAULT 0);" \
  "INSERT INTO agenda_votes SELECT id, item_id, member_id, choice, written, revision, deleted " \
  "  FROM agenda_votes_v5 ORDER BY rowid;" \
  "DROP TABLE agenda_votes_v5;" \
  "CREATE UNIQUE INDEX agenda_votes_live ON agenda_votes (item_id, member_id) WHERE deleted = 0;"

static char *
step6 (void)
{
  g_autofree char *sync = zb_sync_schema_step6 ();

  return g_strconcat (STEP6_SQL, sync, NULL);
}

/* 7, its own part: Party dues (DOMAIN.md section 4). Money is whole fen in
 * an INTEGER column (never a REAL), months are 'YYYY-MM'; the CHECKs hold
 * for every writer, sqlcipher's own shell too. No uniqueness on a member's
 * month: two PCs may each record one, and the dues ledger takes the latest
 * base and the first approved reduction of a month (zb-dues-ledger.c).
 * Each CHECK is named for its column, which SQLite's message then names. */
#define MONTH_CHECK(c) \
  "CONSTRAINT " c " CHECK (" c " GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]' AND substr(" c ", 6) " \
  "BETWEEN '01' AND '12')"
#define FEN_CHECK(c, least) \
  "CONSTRAINT " c " CHECK (typeof(" c ") = 'integer' AND " c " BETWEEN " least " AND 10000000000)"
#define FLAG_CHECK(c) "CONSTRAINT " c " CHECK (" c " IN (0, 1))"

#define STEP7_SQL \
  "CREATE TABLE dues_bases (" \
  "  id TEXT PRIMARY KEY NOT NULL," \
  "  member_id TEXT NOT NULL REFERENCES members (id)," \
  "  from_month TEXT NOT NULL " MONTH_CHECK ("from_month") "," \
  "  kind TEXT NOT NULL CONSTRAINT kind CHECK (kind IN ('employed', 'annual-salary', " \
  "    'self-employed', 'retired', 'student', 'unemployed', 'allowance', 'farmer'))," \
  "  base_fen INTEGER NOT NULL " FEN_CHECK ("base_fen", "0") "," \
  "  created_at TEXT NOT NULL," \
  "  revision INTEGER NOT NULL DEFAULT 0," \
  "  deleted INTEGER NOT NULL DEFAULT 0);" \
  "CREATE INDEX dues_bases_member ON dues_bases (member_id, from_month);" \
  "CREATE TABLE dues_reductions (" \
  "  id TEXT PRIMARY KEY NOT NULL," \
  "  member_id TEXT NOT NULL REFERENCES members (id)," \
  "  month TEXT NOT NULL " MONTH_CHECK ("month") "," \
  "  due_fen INTEGER NOT NULL " FEN_CHECK ("due_fen", "0") "," \
  "  approved INTEGER NOT NULL DEFAULT 0 " FLAG_CHECK ("approved") "," \
  "  decided_date TEXT," \
  "  approval_ref TEXT," \
  "  reason TEXT," \
  "  created_at TEXT NOT NULL," \
  "  revision INTEGER NOT NULL DEFAULT 0," \
  "  deleted INTEGER NOT NULL DEFAULT 0," \
  "  CONSTRAINT approval_ref CHECK (approved = 0 OR approval_ref IS NOT NULL));" \
  "CREATE INDEX dues_reductions_member ON dues_reductions (member_id, month);" \
  "CREATE TABLE dues_payments (" \
  "  id TEXT PRIMARY KEY NOT NULL," \
  "  member_id TEXT NOT NULL REFERENCES members (id)," \
  "  paid_date TEXT NOT NULL," \
  "  first_month TEXT " MONTH_CHECK ("first_month") "," \
  "  last_month TEXT " MONTH_CHECK ("last_month") "," \
  "  amount_fen INTEGER NOT NULL " FEN_CHECK ("amount_fen", "1") "," \
  "  method TEXT," \
  "  receipt_number TEXT," \
  "  on_behalf INTEGER NOT NULL DEFAULT 0 " FLAG_CHECK ("on_behalf") "," \
  "  on_behalf_by TEXT," \
  "  extra INTEGER NOT NULL DEFAULT 0 " FLAG_CHECK ("extra") "," \
  "  created_at TEXT NOT NULL," \
  "  revision INTEGER NOT NULL DEFAULT 0," \
  "  deleted INTEGER NOT NULL DEFAULT 0," \
  "  CONSTRAINT on_behalf_by CHECK (on_behalf = 1 OR on_behalf_by IS NULL)," \
  "  CONSTRAINT months CHECK (CASE WHEN extra = 1 " \
  "    THEN first_month IS NULL AND last_month IS NULL " \
  "    ELSE first_month IS NOT NULL AND last_month IS NOT NULL AND first_month <= last_month " \
  "    END));" \
  "CREATE INDEX dues_payments_member ON dues_payments (member_id, first_month);"

static char *
step7 (void)
{
  g_autofree char *sync = zb_sync_schema_step7 ();

  return g_strconcat (STEP7_SQL, sync, NULL);
}

/* 8, its own part: the recruitment steps (发展党员), S01-S25 of DOMAIN.md
 * section 1, one row per step taken, keyed to the person on the roster
 * (members.id: applicants, activists and candidates are categories of it).
 * A step repeated is a row of its own: each six-monthly assessment (S06),
 * the second vote and approval after an extension (S23, S24). Only the four
 * deciding steps have an outcome, each from its own list, and only S23's
 * extension has months (the Constitution, article 7: six to twelve).
 *
 * The people a step names (S05 培养联系人, S09 入党介绍人) are two columns,
 * not a JSON array in one: the Recruitment Rules name at most two of each
 * (两名正式党员), SQLite 3.15.2 has no JSON1 for a CHECK to read an array
 * with, and two plain columns are each checked by the limits as a name,
 * synced and merged field by field like every other name. CHECKs named for
 * their column, which SQLite's message then names. */
#define COUNT_CHECK(c, rule) \
  "CONSTRAINT " c " CHECK (typeof(" c ") = 'integer' AND " c " BETWEEN 0 AND 1000 AND " \
  "(" c " = 0 OR " rule "))"
#define OUTCOME_IS(...) "coalesce(outcome IN (" __VA_ARGS__ "), 0)"

#define STEP8_SQL \
  "CREATE TABLE recruit_steps (" \
  "  id TEXT PRIMARY KEY NOT NULL," \
  "  member_id TEXT NOT NULL REFERENCES members (id)," \
  "  code TEXT NOT NULL CONSTRAINT code CHECK (code GLOB 'S[0-2][0-9]' AND " \
  "    code BETWEEN 'S01' AND 'S25')," \
  "  date TEXT NOT NULL," \
  "  document TEXT," \
  "  outcome TEXT CONSTRAINT outcome CHECK (CASE code " \
  "    WHEN 'S15' THEN " OUTCOME_IS ("'admitted', 'not-admitted'") \
  "    WHEN 'S17' THEN " OUTCOME_IS ("'approved', 'refused'") \
  "    WHEN 'S23' THEN " OUTCOME_IS ("'full', 'extended', 'disqualified'") \
  "    WHEN 'S24' THEN " OUTCOME_IS ("'approved', 'refused'") \
  "    ELSE outcome IS NULL END)," \
  "  extension_months INTEGER NOT NULL DEFAULT 0 CONSTRAINT extension_months CHECK (" \
  "    typeof(extension_months) = 'integer' AND CASE WHEN outcome = 'extended' " \
  "    THEN extension_months BETWEEN 6 AND 12 ELSE extension_months = 0 END)," \
  "  first_person TEXT," \
  "  second_person TEXT," \
  "  training_days INTEGER NOT NULL DEFAULT 0 " COUNT_CHECK ("training_days", "code = 'S11'") "," \
  "  class_hours INTEGER NOT NULL DEFAULT 0 " COUNT_CHECK ("class_hours", "code = 'S11'") "," \
  "  notice_start TEXT," \
  "  notice_end TEXT," \
  "  created_at TEXT NOT NULL," \
  "  revision INTEGER NOT NULL DEFAULT 0," \
  "  deleted INTEGER NOT NULL DEFAULT 0," \
  "  CONSTRAINT people CHECK ((code IN ('S05', 'S09') OR " \
  "    (first_person IS NULL AND second_person IS NULL)) AND " \
  "    (second_person IS NULL OR first_person IS NOT NULL))," \
  "  CONSTRAINT notice CHECK ((notice_start IS NULL) = (notice_end IS NULL) AND " \
  "    (notice_start IS NULL OR notice_start <= notice_end)));" \
  "CREATE INDEX recruit_steps_member ON recruit_steps (member_id, date);"

static char *
step8 (void)
{
  g_autofree char *sync = zb_sync_schema_step8 ();

  return g_strconcat (STEP8_SQL, sync, NULL);
}

/* 9, its own part: study records and the points rule set (issue 12). A
 * study record is the member's self-study, study in a meeting, a party
 * lecture given or volunteer service, its time whole minutes (at most a
 * day). The rule set is the branch's row of settings, each figure in tenths
 * of a point as a whole number, yearly_cap NULL for none; its ID is a UUID
 * like any row's, since the server keys rows by ID across its branches
 * (PROTOCOL.md 2), and the store reads the live row of the smallest ID
 * (zb-store-study.c). Each CHECK is named for its column, as in step 7. */
#define STEP9_COUNT_CHECK(c, least, most) \
  "CONSTRAINT " c " CHECK (typeof(" c ") = 'integer' AND " c " BETWEEN " least " AND " most ")"

#define STEP9_SQL \
  "CREATE TABLE study_records (" \
  "  id TEXT PRIMARY KEY NOT NULL," \
  "  member_id TEXT NOT NULL REFERENCES members (id)," \
  "  date TEXT NOT NULL CONSTRAINT date CHECK (date GLOB " \
  "    '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]')," \
  "  kind TEXT NOT NULL CONSTRAINT kind CHECK (kind IN ('self', 'meeting', 'lecture', " \
  "    'volunteer'))," \
  "  title TEXT NOT NULL," \
  "  material TEXT," \
  "  minutes INTEGER NOT NULL " STEP9_COUNT_CHECK ("minutes", "1", "1440") "," \
  "  meeting_id TEXT REFERENCES meetings (id)," \
  "  created_at TEXT NOT NULL," \
  "  revision INTEGER NOT NULL DEFAULT 0," \
  "  deleted INTEGER NOT NULL DEFAULT 0," \
  "  CONSTRAINT meeting_id CHECK (CASE kind WHEN 'meeting' THEN meeting_id IS NOT NULL " \
  "    WHEN 'lecture' THEN 1 ELSE meeting_id IS NULL END));" \
  "CREATE INDEX study_records_member ON study_records (member_id, date);" \
  "CREATE INDEX study_records_date ON study_records (date);" \
  "CREATE TABLE branch_settings (" \
  "  id TEXT PRIMARY KEY NOT NULL," \
  "  points_meeting INTEGER NOT NULL " STEP9_COUNT_CHECK ("points_meeting", "0", "10000") "," \
  "  points_study_hour INTEGER NOT NULL " \
  "    " STEP9_COUNT_CHECK ("points_study_hour", "0", "10000") "," \
  "  points_lecture INTEGER NOT NULL " STEP9_COUNT_CHECK ("points_lecture", "0", "10000") "," \
  "  points_volunteer_hour INTEGER NOT NULL " \
  "    " STEP9_COUNT_CHECK ("points_volunteer_hour", "0", "10000") "," \
  "  points_yearly_cap INTEGER CONSTRAINT points_yearly_cap CHECK (points_yearly_cap IS NULL " \
  "    OR (typeof(points_yearly_cap) = 'integer' AND points_yearly_cap BETWEEN 1 AND 1000000))," \
  "  revision INTEGER NOT NULL DEFAULT 0," \
  "  deleted INTEGER NOT NULL DEFAULT 0);"

static char *
step9 (void)
{
  g_autofree char *sync = zb_sync_schema_step9 ();

  return g_strconcat (STEP9_SQL, sync, NULL);
}

/* 10, its own part (issue 12): what the Recruitment Rules ask of a person
 * on the path that the steps alone do not hold. Each written report (思想汇报)
 * an activist or a candidate hands in, with the day it was received and a
 * short summary; and the day a person is expected to leave the unit (调离),
 * since a candidate leaving within three months is usually not admitted.
 *
 * The leaving date is a column of members, not a row of a table of its own:
 * a person has one expected leaving date at a time, and as a member column
 * it is synced, merged and put in conflict field by field like the other
 * dates of the record, where rows of their own made for one person on two
 * PCs before they sync would be two dates with nothing to choose between
 * them. NULL: no leaving expected. ALTER TABLE leaves the rows as they are
 * (NULL), which the CHECK accepts. Each CHECK is named for its column. */
#define DAY_GLOB "'[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]'"

#define STEP10_SQL \
  "CREATE TABLE thought_reports (" \
  "  id TEXT PRIMARY KEY NOT NULL," \
  "  member_id TEXT NOT NULL REFERENCES members (id)," \
  "  date TEXT NOT NULL CONSTRAINT date CHECK (date GLOB " DAY_GLOB ")," \
  "  summary TEXT NOT NULL CONSTRAINT summary CHECK (length (trim (summary)) > 0)," \
  "  created_at TEXT NOT NULL," \
  "  revision INTEGER NOT NULL DEFAULT 0," \
  "  deleted INTEGER NOT NULL DEFAULT 0);" \
  "CREATE INDEX thought_reports_member ON thought_reports (member_id, date);" \
  "ALTER TABLE members ADD COLUMN leaving_date TEXT CONSTRAINT leaving_date CHECK (" \
  "  leaving_date IS NULL OR leaving_date GLOB " DAY_GLOB ");"

static char *
step10 (void)
{
  g_autofree char *sync = zb_sync_schema_step10 ();

  return g_strconcat (STEP10_SQL, sync, NULL);
}

/* 11, its own part: the search index (DESIGN.md, Storage: Search), on this
 * PC only: neither synced nor kept by the server. search_rows maps a search
 * row to its record, a member or a meeting's minutes, and keeps the record's
 * text folded for the one-character scan; search_text, a regular FTS4 table
 * (a contentless one cannot delete or update on SQLite 3.15.2), holds its
 * bigrams under the same docid. Members are found by name, post, title,
 * 党小组 and ethnicity; never by ID number or phone: personal data stays out
 * of the index. Minutes by the meeting's title and place, its agenda items'
 * titles, minutes and resolutions, the first item's topic and the measures.
 *
 * The bigrams are made in C (zb-search-text.c), so the triggers here only
 * queue the record that changed in search_dirty: pure SQL, like the outbox's,
 * so that sqlcipher's own shell still writes every table, and unlike the
 * outbox's they also fire while a pulled page is applied. The store rewrites
 * the queued rows before anything reads the index, or at a commit that
 * leaves many queued (zb-store-search.c). This step queues every existing
 * record; the store builds their rows as it opens. */
#define STEP11_QUEUE(table, kind, record, ...) \
  "CREATE TRIGGER search_" table "_insert AFTER INSERT ON " table " BEGIN " \
  "  INSERT INTO search_dirty SELECT '" kind "', NEW." record " WHERE NOT EXISTS " \
  "  (SELECT 1 FROM search_dirty WHERE kind = '" kind "' AND record_id = NEW." record "); END;" \
  "CREATE TRIGGER search_" table "_update AFTER UPDATE OF " __VA_ARGS__ " ON " table " BEGIN " \
  "  INSERT INTO search_dirty SELECT '" kind "', OLD." record " WHERE NOT EXISTS " \
  "  (SELECT 1 FROM search_dirty WHERE kind = '" kind "' AND record_id = OLD." record ");" \
  "  INSERT INTO search_dirty SELECT '" kind "', NEW." record " WHERE NOT EXISTS " \
  "  (SELECT 1 FROM search_dirty WHERE kind = '" kind "' AND record_id = NEW." record "); END;" \
  "CREATE TRIGGER search_" table "_delete AFTER DELETE ON " table " BEGIN " \
  "  INSERT INTO search_dirty SELECT '" kind "', OLD." record " WHERE NOT EXISTS " \
  "  (SELECT 1 FROM search_dirty WHERE kind = '" kind "' AND record_id = OLD." record "); END;"

#define STEP11_SQL \
  "CREATE TABLE search_rows (" \
  "  id INTEGER PRIMARY KEY," \
  "  kind TEXT NOT NULL CHECK (kind IN ('member', 'minutes'))," \
  "  record_id TEXT NOT NULL," \
  "  folded TEXT NOT NULL," \
  "  UNIQUE (kind, record_id));" \
  "CREATE VIRTUAL TABLE search_text USING fts4 (bigrams, tokenize=simple);" \
  "CREATE TABLE search_dirty (" \
  "  kind TEXT NOT NULL," \
  "  record_id TEXT NOT NULL," \
  "  PRIMARY KEY (kind, record_id)) WITHOUT ROWID;" \
  STEP11_QUEUE ("members", "member", "id", "name, post, title, party_group, ethnicity, deleted") \
  STEP11_QUEUE ("meetings", "minutes", "id", "title, place, deleted") \
  STEP11_QUEUE ("agenda_items", "minutes", "meeting_id", \
                "meeting_id, title, minutes, resolution, deleted") \
  STEP11_QUEUE ("first_items", "minutes", "meeting_id", "meeting_id, topic, deleted") \
  STEP11_QUEUE ("measures", "minutes", "meeting_id", "meeting_id, text, deleted") \
  "INSERT INTO search_dirty SELECT 'member', id FROM members WHERE deleted = 0;" \
  "INSERT INTO search_dirty SELECT 'minutes', id FROM meetings WHERE deleted = 0;"

static char *
step11 (void)
{
  return g_strdup (STEP11_SQL);
}

/* 12, its own part: the compliance thresholds and the branch's details
 * become branch settings, synced like the points rules, so that every PC
 * and the committee's server judge alike (issue 13; until now the
 * thresholds were each PC's GSettings). NULL is DOMAIN.md's default, a
 * threshold the branch never set; the ranges are the GSettings keys'. The
 * higher committee and the secretary are names for the printed records.
 * Each CHECK is named for its column, as in step 7. */
#define STEP12_RANGE_CHECK(c, least, most) \
  "CONSTRAINT " c " CHECK (" c " IS NULL OR (typeof(" c ") = 'integer' AND " c " BETWEEN " \
  least " AND " most "))"

#define STEP12_SQL \
  "ALTER TABLE branch_settings ADD COLUMN absence_warning_months INTEGER " \
  "  " STEP12_RANGE_CHECK ("absence_warning_months", "1", "24") ";" \
  "ALTER TABLE branch_settings ADD COLUMN absence_alert_months INTEGER " \
  "  " STEP12_RANGE_CHECK ("absence_alert_months", "1", "24") ";" \
  "ALTER TABLE branch_settings ADD COLUMN probation_notice_days INTEGER " \
  "  " STEP12_RANGE_CHECK ("probation_notice_days", "1", "365") ";" \
  "ALTER TABLE branch_settings ADD COLUMN higher_committee TEXT;" \
  "ALTER TABLE branch_settings ADD COLUMN secretary TEXT;"

static char *
step12 (void)
{
  g_autofree char *sync = zb_sync_schema_step12 ();

  return g_strconcat (STEP12_SQL, sync, NULL);
}

/* 13: the roster's order kept in an index (issue 14). Names sort by
 * pinyin through ICU (DESIGN.md, Storage), which an index cannot call, so
 * each member keeps name_key, the name's sort key and rowid, which the
 * store fills (zb-store-name-keys.c): a key compares with memcmp() as the
 * name with COLLATE PINYIN, then the rowid. The key is this PC's own, like
 * the search index: no sync trigger lists it. The index covers the
 * roster's filter of live members, so that its pages and its count read
 * the index and not the whole table; the trigger clears the key of a name
 * that changes, by whatever program, for the store to make it again. The
 * party groups' index covers the same filter, for the groups the roster's
 * drop-down offers. */
#define STEP13_SQL \
  "ALTER TABLE members ADD COLUMN name_key BLOB;" \
  "CREATE INDEX members_roster ON members (name_key, deleted, status) WHERE deleted = 0;" \
  "DROP INDEX members_party_group;" \
  "CREATE INDEX members_party_group ON members (party_group, deleted, status);" \
  "CREATE TRIGGER members_name_key AFTER UPDATE OF name ON members " \
  "  WHEN NEW.name IS NOT OLD.name " \
  "  BEGIN UPDATE members SET name_key = NULL WHERE rowid = NEW.rowid; END;"

static char *
step13 (void)
{
  return g_strdup (STEP13_SQL);
}

/* 14: the higher committee's review of finalised records (DOMAIN.md
 * section 6), rows only the committee's server writes and this PC receives
 * through the feed (PROTOCOL.md 7.5): the latest decision on each record,
 * keyed by the meeting's ID, approved (审核通过) or sent back (退回) with
 * the comment, by whom and when (the server's UTC time). Never columns of
 * meetings, which a finalised record's hash covers. No sync trigger lists
 * it; the guard triggers of zb_sync_schema_step14 refuse local writes. */
#define STEP14_SQL \
  "CREATE TABLE meeting_reviews (" \
  "  id TEXT PRIMARY KEY NOT NULL," \
  "  meeting_id TEXT NOT NULL," \
  "  decision TEXT NOT NULL CONSTRAINT decision CHECK (decision IN ('approved', 'returned'))," \
  "  comment TEXT," \
  "  reviewer TEXT NOT NULL," \
  "  decided_at TEXT NOT NULL," \
  "  revision INTEGER NOT NULL DEFAULT 0," \
  "  updated_at TEXT," \
  "  deleted INTEGER NOT NULL DEFAULT 0);" \
  "CREATE INDEX meeting_reviews_meeting ON meeting_reviews (meeting_id);"

static char *
step14 (void)
{
  g_autofree char *sync = zb_sync_schema_step14 ();

  return g_strconcat (STEP14_SQL, sync, NULL);
}

/* 15: every foreign key checked at COMMIT (DEFERRABLE INITIALLY DEFERRED).
 * Each action is one transaction, rolled back whole on any error, so a key
 * checked at its end holds exactly as one checked at each statement. An
 * immediate key, though, makes SQLite keep a statement journal for every
 * write to a table with triggers (each synced table), and SQLCipher 3.4
 * encrypts each page of it: a third of what adding a meeting encrypted
 * (issue 14). No page of a table holds its REFERENCES clauses, so the
 * definitions are rewritten in place, as SQLite's documentation of ALTER
 * TABLE describes for foreign keys; run_step raises the schema version, so
 * that every connection reads them anew. */
#define DEFER(sql, table) \
  "replace (" sql ", 'REFERENCES " table " (id)', " \
  "'REFERENCES " table " (id) DEFERRABLE INITIALLY DEFERRED')"

#define STEP15_SQL \
  "PRAGMA writable_schema = ON;" \
  "UPDATE sqlite_master SET sql = " \
  DEFER (DEFER (DEFER (DEFER ("sql", "members"), "meetings"), "agenda_items"), "first_items") \
  " WHERE type = 'table' AND sql LIKE '%REFERENCES%';" \
  "PRAGMA writable_schema = OFF;"

static char *
step15 (void)
{
  return g_strdup (STEP15_SQL);
}

/* 16: the number of members on the roster's list (not archived: normal or
 * suspended, as the roster and the window's title count them), kept by
 * triggers in the transaction of every change, by whatever program. At
 * 100,000 members a count(*) read some 1,000 pages of the roster's index,
 * 5 ms warm and 15 to 30 ms cold, on the main thread before the roster's
 * first frame (issue 14). A derived number of this PC's, like the search
 * index: no sync trigger lists it. An edit that changes neither deleted
 * nor status fires nothing. */
#define ON_ROSTER(row) "(" row ".deleted = 0 AND " row ".status IN ('normal', 'suspended'))"

#define STEP16_SQL \
  "CREATE TABLE roster_count (id INTEGER PRIMARY KEY CHECK (id = 1)," \
  "  live INTEGER NOT NULL);" \
  "INSERT INTO roster_count SELECT 1, count(*) FROM members m WHERE " ON_ROSTER ("m") ";" \
  "CREATE TRIGGER roster_count_insert AFTER INSERT ON members WHEN " ON_ROSTER ("NEW") \
  "  BEGIN UPDATE roster_count SET live = live + 1; END;" \
  "CREATE TRIGGER roster_count_delete AFTER DELETE ON members WHEN " ON_ROSTER ("OLD") \
  "  BEGIN UPDATE roster_count SET live = live - 1; END;" \
  "CREATE TRIGGER roster_count_update AFTER UPDATE OF deleted, status ON members " \
  "  WHEN " ON_ROSTER ("NEW") " IS NOT " ON_ROSTER ("OLD") \
  "  BEGIN UPDATE roster_count SET live = live + " ON_ROSTER ("NEW") " - " ON_ROSTER ("OLD") \
  "; END;"

static char *
step16 (void)
{
  return g_strdup (STEP16_SQL);
}

/* Steps made by a function, for SQL too long and regular to write out (a
 * trigger for each synced table and operation). What a function returns is
 * fixed once its step has shipped, exactly like the text of the steps above. */
typedef char *(*ZbStepFunc) (void);

static const ZbStepFunc made_steps[] = {
  /* 5: the outbox and the state of sync (DESIGN.md, Sync; src/sync/PROTOCOL.md) */
  zb_sync_schema_step5,
  /* 6: see STEP6_SQL */
  step6,
  /* 7: see STEP7_SQL */
  step7,
  /* 8: see STEP8_SQL */
  step8,
  /* 9: see STEP9_SQL */
  step9,
  /* 10: see STEP10_SQL */
  step10,
  /* 11: see STEP11_SQL */
  step11,
  /* 12: see STEP12_SQL */
  step12,
  /* 13: see STEP13_SQL */
  step13,
  /* 14: see STEP14_SQL */
  step14,
  /* 15: see STEP15_SQL */
  step15,
  /* 16: see STEP16_SQL */
  step16,
};

guint
zb_migrations_latest (void)
{
  return G_N_ELEMENTS (steps) + G_N_ELEMENTS (made_steps);
}

static char *
step_sql (guint version)
{
  if (version <= G_N_ELEMENTS (steps))
    return g_strdup (steps[version - 1]);

  return made_steps[version - 1 - G_N_ELEMENTS (steps)] ();
}

/* One of the database header's numbers: user_version, schema_version. */
static gboolean
get_header_value (sqlite3     *db,
                  const char  *name,
                  guint       *value,
                  GError     **error)
{
  g_autofree char *sql = g_strconcat ("PRAGMA ", name, NULL);
  g_autoptr(sqlite3_stmt) stmt = zb_sql_prepare (db, sql, error);

  if (stmt == NULL)
    return FALSE;
  if (sqlite3_step (stmt) != SQLITE_ROW)
    return zb_sql_fail (db, error);

  *value = sqlite3_column_int (stmt, 0);
  return TRUE;
}

static gboolean
get_version (sqlite3  *db,
             guint    *version,
             GError  **error)
{
  return get_header_value (db, "user_version", version, error);
}

/* Runs @format with the schema version, plus @raise, in place of its %u. */
static gboolean
exec_at_schema_version (sqlite3     *db,
                        const char  *format,
                        guint        raise,
                        GError     **error)
{
  g_autofree char *sql = NULL;
  guint schema = 0;

  if (!get_header_value (db, "schema_version", &schema, error))
    return FALSE;
  sql = g_strdup_printf (format, schema + raise);
  return zb_sql_exec (db, sql, error);
}

/* A step that rewrites sqlite_master itself (step 15) does not raise the
 * schema version as DDL does; raised after every step, it makes the other
 * connections read the schema again. */
static gboolean
raise_schema_version (sqlite3  *db,
                      GError  **error)
{
  return exec_at_schema_version (db, "PRAGMA schema_version = %u", 1, error);
}

/* This connection keeps the schema it read, whatever the version: it forgets
 * it only when a transaction that set the version rolls back. */
static gboolean
reread_schema (sqlite3  *db,
               GError  **error)
{
  return exec_at_schema_version (db, "BEGIN; PRAGMA schema_version = %u; ROLLBACK", 0, error);
}

static gboolean
run_step (sqlite3  *db,
          guint     version,
          GError  **error)
{
  g_autofree char *set_version = g_strdup_printf ("PRAGMA user_version = %u", version);
  g_autofree char *sql = step_sql (version);
  guint now = 0;

  if (!zb_sql_exec (db, "BEGIN IMMEDIATE", error))
    return FALSE;

  /* Another program (the app, a cron sync) may have run this step while we
   * waited for the lock: read the version again under it. */
  if (!get_version (db, &now, error))
    {
      zb_sql_exec (db, "ROLLBACK", NULL);
      return FALSE;
    }
  if (now >= version)
    return zb_sql_exec (db, "COMMIT", error);

  if (!zb_sql_exec (db, sql, error) || !zb_sql_exec (db, set_version, error) ||
      !raise_schema_version (db, error))
    {
      zb_sql_exec (db, "ROLLBACK", NULL);
      g_prefix_error (error, _("Could not upgrade the database to version %u: "), version);
      return FALSE;
    }

  return zb_sql_exec (db, "COMMIT", error);
}

/* Upgrades to @target; a database from a newer Zhibu is refused, not touched. */
gboolean
zb_migrations_run (sqlite3  *db,
                   guint     target,
                   GError  **error)
{
  guint version = 0;

  g_return_val_if_fail (target <= zb_migrations_latest (), FALSE);

  if (!get_version (db, &version, error))
    return FALSE;

  if (version > zb_migrations_latest ())
    {
      g_set_error (error, ZB_STORE_ERROR, ZB_STORE_ERROR_TOO_NEW,
                   _("This database was written by a newer version of Zhibu (schema %u); "
                     "update Zhibu to open it"), version);
      return FALSE;
    }

  for (guint v = version + 1; v <= target; v++)
    if (!run_step (db, v, error))
      return FALSE;

  return version >= target || reread_schema (db, error);
}
