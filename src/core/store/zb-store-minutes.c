#define G_LOG_DOMAIN "zb-store-minutes"

#include "config.h"

#include <glib/gi18n.h>

#include "zb-date.h"
#include "zb-member-rules.h"
#include "zb-store-private.h"
#include "zb-uuid.h"
#include "zb-vote.h"

/* The minutes of a meeting: its agenda items with their votes, and the
 * implementation measures it decided. */

static gboolean
step_done (sqlite3       *db,
           sqlite3_stmt  *stmt,
           GError       **error)
{
  return sqlite3_step (stmt) == SQLITE_DONE || zb_sql_fail (db, error);
}

typedef struct
{
  ZbAgendaItem *item;
} ItemJob;

static gboolean
add_item_body (sqlite3  *db,
               gpointer  data,
               GError  **error)
{
  ItemJob *job = data;
  ZbAgendaItem *item = job->item;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autofree char *id = g_uuid_string_random ();

  if (!zb_store_check_not_final (db, zb_agenda_item_get_meeting_id (item), error))
    return FALSE;

  stmt = zb_sql_prepare (db,
                         "INSERT INTO agenda_items (id, meeting_id, position, title, minutes, "
                         "resolution) SELECT ?1, ?2, coalesce(max(position), 0) + 1, ?3, ?4, ?5 "
                         "FROM agenda_items WHERE meeting_id = ?2 AND deleted = 0", error);
  if (stmt == NULL)
    return FALSE;

  zb_sql_bind_text (stmt, 1, id);
  zb_sql_bind_text (stmt, 2, zb_agenda_item_get_meeting_id (item));
  zb_sql_bind_text (stmt, 3, zb_agenda_item_get_title (item));
  zb_sql_bind_text (stmt, 4, zb_agenda_item_get_minutes (item));
  zb_sql_bind_text (stmt, 5, zb_agenda_item_get_resolution (item));
  if (!step_done (db, stmt, error))
    return FALSE;

  zb_agenda_item_set_id (item, id);
  return TRUE;
}

static gboolean
check_item_not_final (sqlite3     *db,
                      const char  *item_id,
                      GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autofree char *meeting_id = NULL;

  stmt = zb_sql_prepare (db, "SELECT meeting_id FROM agenda_items WHERE id = ?", error);
  if (stmt == NULL)
    return FALSE;

  zb_sql_bind_text (stmt, 1, item_id);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    return zb_store_refuse (error, _("No such agenda item"));

  meeting_id = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  return zb_store_check_not_final (db, meeting_id, error);
}

/* Appends @item to its meeting's agenda. */
char *
zb_store_add_agenda_item (ZbStore       *self,
                          ZbAgendaItem  *item,
                          GError       **error)
{
  ItemJob job = { item };
  g_autoptr(ZbMeeting) meeting = NULL;

  if (zb_agenda_item_get_title (item) == NULL)
    {
      zb_store_refuse (error, _("Title: an agenda item needs its title"));
      return NULL;
    }
  if ((meeting = zb_store_get_meeting (self, zb_agenda_item_get_meeting_id (item), error)) == NULL)
    return NULL;
  if (!zb_store_run_write (self, add_item_body, &job, error))
    return NULL;

  return g_strdup (zb_agenda_item_get_id (item));
}

static gboolean
update_item_body (sqlite3  *db,
                  gpointer  data,
                  GError  **error)
{
  ZbAgendaItem *item = ((ItemJob *) data)->item;
  g_autoptr(sqlite3_stmt) stmt = NULL;

  if (!check_item_not_final (db, zb_agenda_item_get_id (item), error))
    return FALSE;

  stmt = zb_sql_prepare (db, "UPDATE agenda_items SET title = ?, minutes = ?, resolution = ? "
                             "WHERE id = ? AND deleted = 0", error);
  if (stmt == NULL)
    return FALSE;

  zb_sql_bind_text (stmt, 1, zb_agenda_item_get_title (item));
  zb_sql_bind_text (stmt, 2, zb_agenda_item_get_minutes (item));
  zb_sql_bind_text (stmt, 3, zb_agenda_item_get_resolution (item));
  zb_sql_bind_text (stmt, 4, zb_agenda_item_get_id (item));
  if (!step_done (db, stmt, error))
    return FALSE;
  if (sqlite3_changes (db) == 0)
    return zb_store_refuse (error, _("No such agenda item"));

  return TRUE;
}

/* Saves the text of an item: what the minutes editor's autosave calls. */
gboolean
zb_store_update_agenda_item (ZbStore       *self,
                             ZbAgendaItem  *item,
                             GError       **error)
{
  ItemJob job = { item };

  if (zb_agenda_item_get_title (item) == NULL)
    return zb_store_refuse (error, _("Title: an agenda item needs its title"));

  return zb_store_run_write (self, update_item_body, &job, error);
}

typedef struct
{
  const char  *meeting_id;
  GPtrArray   *items;
  ZbFirstItem *first;
} MinutesJob;

static gboolean
save_minutes_body (sqlite3  *db,
                   gpointer  data,
                   GError  **error)
{
  MinutesJob *job = data;

  for (guint i = 0; job->items && i < job->items->len; i++)
    {
      ItemJob item = { g_ptr_array_index (job->items, i) };

      if (!update_item_body (db, &item, error))
        return FALSE;
    }

  return job->first == NULL || zb_store_write_first_item (db, job->meeting_id, job->first, error);
}

/* What the minutes editor's autosave writes: the agenda items typed into
 * since the last save and the first item's draft, as one transaction. A
 * contribution still without its summary is kept with an empty one. */
gboolean
zb_store_save_minutes (ZbStore      *self,
                       const char   *meeting_id,
                       GPtrArray    *items,
                       ZbFirstItem  *first,
                       GError      **error)
{
  MinutesJob job = { meeting_id, items, first };

  for (guint i = 0; items && i < items->len; i++)
    if (zb_agenda_item_get_title (g_ptr_array_index (items, i)) == NULL)
      return zb_store_refuse (error, _("Title: an agenda item needs its title"));

  /* No check of the first item's draft here: a half-typed date or a
   * contribution before its colon is kept as typed; finalising asks for it
   * complete. */
  return zb_store_run_write (self, save_minutes_body, &job, error);
}

static ZbAgendaItem *
item_from_row (sqlite3_stmt *stmt)
{
  ZbAgendaItem *item = zb_agenda_item_new ();

  zb_agenda_item_set_id (item, (const char *) sqlite3_column_text (stmt, 0));
  zb_agenda_item_set_meeting_id (item, (const char *) sqlite3_column_text (stmt, 1));
  zb_agenda_item_set_position (item, sqlite3_column_int (stmt, 2));
  zb_agenda_item_set_title (item, (const char *) sqlite3_column_text (stmt, 3));
  zb_agenda_item_set_minutes (item, (const char *) sqlite3_column_text (stmt, 4));
  zb_agenda_item_set_resolution (item, (const char *) sqlite3_column_text (stmt, 5));
  zb_agenda_item_set_vote_kind (item, (const char *) sqlite3_column_text (stmt, 6));
  zb_agenda_item_set_vote_result (item, (const char *) sqlite3_column_text (stmt, 7));
  return item;
}

#define ITEM_COLUMNS "id, meeting_id, position, title, minutes, resolution, vote_kind, vote_result"

GListModel *
zb_store_list_agenda_items (ZbStore     *self,
                            const char  *meeting_id,
                            GError     **error)
{
  sqlite3 *db;
  GListModel *list;

  db = zb_store_begin_read (self);
  list = zb_sql_list (db, ZB_TYPE_AGENDA_ITEM,
                      "SELECT " ITEM_COLUMNS " FROM agenda_items WHERE meeting_id = ?1 "
                      "AND deleted = 0 ORDER BY position",
                      meeting_id, NULL, (ZbRowFunc) item_from_row, error);
  zb_store_end_read (self, db);

  return list;
}

typedef struct
{
  const char  *item_id;
  ZbVoteKind   kind;
  GPtrArray   *votes;        /* of ZbCastVote */
  gboolean     claim_passed;
  gboolean     passed;
} VoteJob;

static ZbChoice
parse_choice (const char *text)
{
  if (g_strcmp0 (text, "yes") == 0)
    return ZB_CHOICE_YES;
  if (g_strcmp0 (text, "no") == 0)
    return ZB_CHOICE_NO;
  if (g_strcmp0 (text, "abstain") == 0)
    return ZB_CHOICE_ABSTAIN;
  return ZB_CHOICE_NONE;
}

static ZbAttendance
parse_attendance (const char *state)
{
  if (g_strcmp0 (state, "present") == 0)
    return ZB_ATTENDANCE_PRESENT;
  if (g_strcmp0 (state, "leave") == 0)
    return ZB_ATTENDANCE_LEAVE;
  return ZB_ATTENDANCE_ABSENT;
}

static const ZbCastVote *
find_vote (GPtrArray  *votes,
           const char *member_id)
{
  for (guint i = 0; i < votes->len; i++)
    {
      const ZbCastVote *v = g_ptr_array_index (votes, i);
      if (g_str_equal (v->member_id, member_id))
        return v;
    }

  return NULL;
}

static ZbMeeting *
item_meeting (sqlite3     *db,
              const char  *item_id,
              GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  stmt = zb_sql_prepare (db, "SELECT meeting_id FROM agenda_items WHERE id = ? AND deleted = 0",
                         error);
  if (stmt == NULL)
    return NULL;

  zb_sql_bind_text (stmt, 1, item_id);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    {
      g_set_error (error, ZB_MEMBER_ERROR, ZB_MEMBER_ERROR_NOT_FOUND,
                   _("Votes: no agenda item has the ID %s"), item_id);
      return NULL;
    }

  return zb_store_get_meeting_locked (db, (const char *) sqlite3_column_text (stmt, 0), error);
}

/* A vote is given by a member expected that day who had a vote that day,
 * once: the error names who and why. */
static gboolean
check_voters (GPtrArray  *expected,
              GPtrArray  *votes,
              GError    **error)
{
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);

  for (guint i = 0; i < votes->len; i++)
    {
      const ZbCastVote *v = g_ptr_array_index (votes, i);
      ZbExpected *e = zb_store_expected_find (expected, v->member_id);
      const char *name = e ? zb_member_get (e->member, ZB_MEMBER_FIELD_NAME) : v->member_id;

      if (e == NULL)
        g_set_error (error, ZB_MEMBER_ERROR, ZB_MEMBER_ERROR_INVALID,
                     _("Votes: %s is not among the expected attendees of this meeting on its "
                       "day"), v->member_id);
      else if (!g_hash_table_add (seen, v->member_id))
        g_set_error (error, ZB_MEMBER_ERROR, ZB_MEMBER_ERROR_INVALID,
                     _("Votes: %s voted twice; give each member's vote once"), name);
      else if (!e->standing.full)
        /* The Constitution, article 7. */
        g_set_error (error, ZB_MEMBER_ERROR, ZB_MEMBER_ERROR_INVALID,
                     _("Votes: %s was a probationary member on the meeting's day, and a "
                       "probationary member has no vote"), name);
      else if (!e->standing.has_vote)
        /* The Constitution, article 40. */
        g_set_error (error, ZB_MEMBER_ERROR, ZB_MEMBER_ERROR_INVALID,
                     _("Votes: %s was under 留党察看 on the meeting's day and had no vote"),
                     name);
      else
        continue;
      return FALSE;
    }

  return TRUE;
}

/* One ballot per member expected on the meeting's day, with the attendance
 * recorded (none counts as absent) and their standing that day; refuses a
 * vote that does not hold (check_voters). */
static GArray *
load_ballots (sqlite3     *db,
              VoteJob     *job,
              GError     **error)
{
  g_autoptr(GArray) ballots = g_array_new (FALSE, TRUE, sizeof (ZbBallot));
  g_autoptr(ZbMeeting) meeting = item_meeting (db, job->item_id, error);
  g_autoptr(GPtrArray) expected = NULL;
  g_autoptr(GHashTable) rows = NULL;

  if (meeting == NULL ||
      (expected = zb_store_expected_locked (db, meeting, error)) == NULL ||
      (rows = zb_store_attendance_rows_locked (db, zb_meeting_get_id (meeting), error)) == NULL ||
      !check_voters (expected, job->votes, error))
    return NULL;

  g_array_set_clear_func (ballots, (GDestroyNotify) zb_ballot_clear);
  for (guint i = 0; i < expected->len; i++)
    {
      ZbExpected *e = g_ptr_array_index (expected, i);
      ZbAttendee *row = g_hash_table_lookup (rows, zb_member_get_id (e->member));
      ZbBallot ballot = { 0 };
      const ZbCastVote *vote = find_vote (job->votes, zb_member_get_id (e->member));

      ballot.member = g_object_ref (e->member);
      ballot.attendance = parse_attendance (row ? zb_attendee_get_state (row) : NULL);
      ballot.has_vote = e->standing.has_vote;
      if (vote != NULL)
        {
          ballot.choice = parse_choice (vote->choice);
          ballot.written = vote->written;
        }
      g_array_append_val (ballots, ballot);
    }

  return g_steal_pointer (&ballots);
}

/* Each member's vote keeps its row, so that a vote counted again on
 * another PC merges field by field (PROTOCOL.md 6.4); a vote no longer
 * cast is removed. */
static gboolean
write_vote (sqlite3           *db,
            sqlite3_stmt      *update,
            sqlite3_stmt      *insert,
            const char        *item_id,
            const ZbCastVote  *v,
            GError           **error)
{
  g_autofree char *id = zb_uuid_for ("vote", item_id, v->member_id);
  sqlite3_stmt *stmts[] = { update, insert };

  for (guint s = 0; s < G_N_ELEMENTS (stmts); s++)
    {
      sqlite3_reset (stmts[s]);
      zb_sql_bind_text (stmts[s], 1, item_id);
      zb_sql_bind_text (stmts[s], 2, v->member_id);
      zb_sql_bind_text (stmts[s], 3, v->choice);
      sqlite3_bind_int (stmts[s], 4, v->written);
    }
  zb_sql_bind_text (insert, 5, id);

  if (!step_done (db, update, error))
    return FALSE;
  return sqlite3_changes (db) > 0 || step_done (db, insert, error);
}

static gboolean
clear_other_votes (sqlite3     *db,
                   VoteJob     *job,
                   GError     **error)
{
  g_autoptr(GString) sql = g_string_new ("DELETE FROM agenda_votes WHERE item_id = ?");
  g_autoptr(sqlite3_stmt) stmt = NULL;

  if (job->votes->len > 0)
    {
      g_string_append (sql, " AND member_id NOT IN (?");
      for (guint i = 1; i < job->votes->len; i++)
        g_string_append (sql, ", ?");
      g_string_append (sql, ")");
    }
  if ((stmt = zb_sql_prepare (db, sql->str, error)) == NULL)
    return FALSE;

  zb_sql_bind_text (stmt, 1, job->item_id);
  for (guint i = 0; i < job->votes->len; i++)
    {
      const ZbCastVote *v = g_ptr_array_index (job->votes, i);

      zb_sql_bind_text (stmt, i + 2, v->member_id);
    }
  return step_done (db, stmt, error);
}

static gboolean
store_votes (sqlite3   *db,
             VoteJob   *job,
             GError   **error)
{
  g_autoptr(sqlite3_stmt) update = NULL;
  g_autoptr(sqlite3_stmt) insert = NULL;
  g_autoptr(sqlite3_stmt) result = NULL;

  update = zb_sql_prepare (db, "UPDATE agenda_votes SET choice = ?3, written = ?4 "
                               "WHERE item_id = ?1 AND member_id = ?2", error);
  insert = zb_sql_prepare (db, "INSERT INTO agenda_votes (id, item_id, member_id, choice, "
                               "written) VALUES (?5, ?1, ?2, ?3, ?4)", error);
  result = zb_sql_prepare (db, "UPDATE agenda_items SET vote_kind = ?, vote_result = ? "
                               "WHERE id = ?", error);
  if (update == NULL || insert == NULL || result == NULL || !clear_other_votes (db, job, error))
    return FALSE;

  for (guint i = 0; i < job->votes->len; i++)
    if (!write_vote (db, update, insert, job->item_id, g_ptr_array_index (job->votes, i), error))
      return FALSE;

  zb_sql_bind_text (result, 1, zb_vote_kind_to_string (job->kind));
  zb_sql_bind_text (result, 2, job->passed ? "passed" : "not-passed");
  zb_sql_bind_text (result, 3, job->item_id);
  return step_done (db, result, error);
}

/* The Branch Regulations give these votes to the general meeting. */
static gboolean
check_general_meeting (sqlite3     *db,
                       const char  *item_id,
                       GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  stmt = zb_sql_prepare (db, "SELECT mt.type FROM agenda_items i JOIN meetings mt "
                             "ON mt.id = i.meeting_id WHERE i.id = ? AND i.deleted = 0", error);
  if (stmt == NULL)
    return FALSE;

  zb_sql_bind_text (stmt, 1, item_id);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    {
      g_set_error (error, ZB_MEMBER_ERROR, ZB_MEMBER_ERROR_NOT_FOUND,
                   _("Votes: no agenda item has the ID %s"), item_id);
      return FALSE;
    }
  if (g_strcmp0 ((const char *) sqlite3_column_text (stmt, 0), "general") != 0)
    return zb_store_refuse (error, _("Votes: admission, full membership, discipline and elections "
                                  "are voted by the branch general meeting"));

  return TRUE;
}

static gboolean
vote_body (sqlite3  *db,
           gpointer  data,
           GError  **error)
{
  VoteJob *job = data;
  g_autoptr(GArray) ballots = NULL;
  g_autoptr(GError) local_error = NULL;
  ZbVoteCount count;

  if (!check_general_meeting (db, job->item_id, error) ||
      !check_item_not_final (db, job->item_id, error) ||
      (ballots = load_ballots (db, job, error)) == NULL)
    return FALSE;

  zb_vote_tally ((ZbBallot *) ballots->data, ballots->len, &count);
  if (!zb_vote_check_quorum (job->kind, &count, error))
    return FALSE;

  job->passed = zb_vote_check_passed (job->kind, &count, &local_error);
  if (!job->passed && job->claim_passed)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  return store_votes (db, job, error);
}

static GPtrArray *
load_votes (sqlite3     *db,
            const char  *item_id,
            GError     **error)
{
  g_autoptr(GPtrArray) votes = g_ptr_array_new_with_free_func ((GDestroyNotify) zb_cast_vote_free);
  g_autoptr(sqlite3_stmt) stmt = zb_sql_prepare (db, "SELECT member_id, choice, written FROM "
                                                     "agenda_votes WHERE item_id = ? AND "
                                                     "deleted = 0", error);

  if (stmt == NULL)
    return NULL;
  zb_sql_bind_text (stmt, 1, item_id);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    g_ptr_array_add (votes, zb_cast_vote_new ((const char *) sqlite3_column_text (stmt, 0),
                                              (const char *) sqlite3_column_text (stmt, 1),
                                              sqlite3_column_int (stmt, 2)));
  return g_steal_pointer (&votes);
}

/* The votes of an item counted again against the attendance as it stands
 * now: an attendance changed after the vote, or a row changed behind the
 * app's back, can leave a resolution without its quorum or its majority.
 * The error names the rule and the numbers, as when the vote was taken. */
gboolean
zb_store_recount_vote (sqlite3     *db,
                       const char  *item_id,
                       const char  *kind_text,
                       gboolean     recorded_passed,
                       GError     **error)
{
  ZbVoteKind kind;
  ZbVoteCount count;

  if (!zb_vote_kind_parse (kind_text, &kind))
    return zb_store_refuse (error, _("Votes: the kind of vote is not one Zhibu knows"));
  if (!zb_store_count_votes_locked (db, item_id, &count, error))
    return FALSE;

  return zb_vote_check_quorum (kind, &count, error) &&
         (!recorded_passed || zb_vote_check_passed (kind, &count, error));
}

/* The numbers of the votes recorded on an item, counted against the
 * members as they stood on the meeting's day. */
gboolean
zb_store_count_votes_locked (sqlite3      *db,
                             const char   *item_id,
                             ZbVoteCount  *count,
                             GError      **error)
{
  g_autoptr(GPtrArray) votes = load_votes (db, item_id, error);
  VoteJob job = { item_id, 0, votes, FALSE, FALSE };
  g_autoptr(GArray) ballots = NULL;

  if (votes == NULL || (ballots = load_ballots (db, &job, error)) == NULL)
    return FALSE;

  zb_vote_tally ((ZbBallot *) ballots->data, ballots->len, count);
  return TRUE;
}

/* Records the votes on an item's resolution. The numbers decide: a vote
 * without quorum is refused, and so is a claim that the resolution passed
 * when the yes votes are too few; either error names the rule and the
 * numbers. On success @passed says whether it passed. */
gboolean
zb_store_record_vote (ZbStore     *self,
                      const char  *item_id,
                      ZbVoteKind   kind,
                      GPtrArray   *votes,
                      gboolean     claim_passed,
                      gboolean    *passed,
                      GError     **error)
{
  VoteJob job = { item_id, kind, votes, claim_passed, FALSE };

  for (guint i = 0; i < votes->len; i++)
    if (parse_choice (((ZbCastVote *) g_ptr_array_index (votes, i))->choice) == ZB_CHOICE_NONE)
      return zb_store_refuse (error, _("Votes: each vote is yes, no or abstain"));

  if (!zb_store_run_write (self, vote_body, &job, error))
    return FALSE;

  if (passed != NULL)
    *passed = job.passed;
  return TRUE;
}

typedef struct
{
  ZbMeasure *measure;
} MeasureJob;

static gboolean
add_measure_body (sqlite3  *db,
                  gpointer  data,
                  GError  **error)
{
  ZbMeasure *measure = ((MeasureJob *) data)->measure;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autofree char *id = g_uuid_string_random ();

  if (!zb_store_check_not_final (db, zb_measure_get_meeting_id (measure), error))
    return FALSE;

  stmt = zb_sql_prepare (db, "INSERT INTO measures (id, meeting_id, text, owner, due_date) "
                             "VALUES (?, ?, ?, ?, ?)", error);
  if (stmt == NULL)
    return FALSE;

  zb_sql_bind_text (stmt, 1, id);
  zb_sql_bind_text (stmt, 2, zb_measure_get_meeting_id (measure));
  zb_sql_bind_text (stmt, 3, zb_measure_get_text (measure));
  zb_sql_bind_text (stmt, 4, zb_measure_get_owner (measure));
  zb_sql_bind_text (stmt, 5, zb_measure_get_due_date (measure));
  if (!step_done (db, stmt, error))
    return FALSE;

  zb_measure_set_id (measure, id);
  zb_measure_set_state (measure, "open");
  return TRUE;
}

/* An implementation measure (贯彻落实举措): what, who, by when. */
char *
zb_store_add_measure (ZbStore    *self,
                      ZbMeasure  *measure,
                      GError    **error)
{
  MeasureJob job = { measure };
  g_autoptr(ZbMeeting) meeting = NULL;
  GDate date;

  if (zb_measure_get_text (measure) == NULL)
    {
      zb_store_refuse (error, _("Measure: say what is to be done"));
      return NULL;
    }
  if (zb_measure_get_due_date (measure) != NULL &&
      !zb_date_parse_iso (zb_measure_get_due_date (measure), &date))
    {
      zb_store_refuse (error, _("Due date: write it as year-month-day, such as 2015-07-01"));
      return NULL;
    }
  if ((meeting = zb_store_get_meeting (self, zb_measure_get_meeting_id (measure), error)) == NULL ||
      !zb_store_run_write (self, add_measure_body, &job, error))
    return NULL;

  return g_strdup (zb_measure_get_id (measure));
}

typedef struct
{
  const char *id;
  const char *date;
  const char *note;
} DoneJob;

static gboolean
done_body (sqlite3  *db,
           gpointer  data,
           GError  **error)
{
  DoneJob *job = data;
  g_autoptr(sqlite3_stmt) stmt = NULL;

  stmt = zb_sql_prepare (db, "UPDATE measures SET state = 'done', done_date = ?, done_note = ? "
                             "WHERE id = ? AND deleted = 0", error);
  if (stmt == NULL)
    return FALSE;

  zb_sql_bind_text (stmt, 1, job->date);
  zb_sql_bind_text (stmt, 2, job->note);
  zb_sql_bind_text (stmt, 3, job->id);
  if (!step_done (db, stmt, error))
    return FALSE;
  if (sqlite3_changes (db) == 0)
    return zb_store_refuse (error, _("No such measure"));

  return TRUE;
}

/* DOMAIN.md section 3: a measure is done with a note of how it was done
 * (落实情况); until then every later meeting shows it. */
gboolean
zb_store_complete_measure (ZbStore     *self,
                           const char  *id,
                           const char  *date,
                           const char  *note,
                           GError     **error)
{
  DoneJob job = { id, date, note };
  GDate parsed;

  if (note == NULL || *note == '\0')
    return zb_store_refuse (error, _("How it was done: a measure is marked done with a note of "
                                  "how it was carried out"));
  if (!zb_date_parse_iso (date, &parsed))
    return zb_store_refuse (error, _("Date done: write it as year-month-day, such as 2015-07-01"));

  return zb_store_run_write (self, done_body, &job, error);
}

#define MEASURE_SELECT \
  "SELECT ms.id, ms.meeting_id, mt.date, ms.text, ms.owner, ms.due_date, ms.state, " \
  "ms.done_date, ms.done_note FROM measures ms JOIN meetings mt ON mt.id = ms.meeting_id " \
  "WHERE ms.deleted = 0 AND mt.deleted = 0 "

static ZbMeasure *
measure_from_row (sqlite3_stmt *stmt)
{
  ZbMeasure *measure = zb_measure_new ();
  void (*setters[]) (ZbMeasure *, const char *) = {
    zb_measure_set_id, zb_measure_set_meeting_id, zb_measure_set_meeting_date,
    zb_measure_set_text, zb_measure_set_owner, zb_measure_set_due_date, zb_measure_set_state,
    zb_measure_set_done_date, zb_measure_set_done_note,
  };

  for (guint i = 0; i < G_N_ELEMENTS (setters); i++)
    setters[i] (measure, (const char *) sqlite3_column_text (stmt, i));

  return measure;
}

/* Measures by @where, with ?1 bound to @arg. */
static GListModel *
query_measures (ZbStore     *self,
                const char  *where,
                const char  *arg,
                GError     **error)
{
  sqlite3 *db;
  g_autofree char *sql = g_strconcat (MEASURE_SELECT, where, " ORDER BY mt.date, ms.rowid", NULL);
  GListModel *list;

  db = zb_store_begin_read (self);
  list = zb_sql_list (db, ZB_TYPE_MEASURE, sql, arg, NULL,
                      (ZbRowFunc) measure_from_row, error);
  zb_store_end_read (self, db);

  return list;
}

/* The measures a meeting decided. */
GListModel *
zb_store_list_measures (ZbStore     *self,
                        const char  *meeting_id,
                        GError     **error)
{
  return query_measures (self, "AND ms.meeting_id = ?1", meeting_id, error);
}

/* Every measure not yet done (`measure list --open`). */
GListModel *
zb_store_list_open_measures (ZbStore  *self,
                             GError  **error)
{
  return query_measures (self, "AND ms.state = 'open' AND ?1 IS NULL", NULL, error);
}

/* What a meeting shows of earlier meetings: their measures that were still
 * open on its date, carried over until done. */
GListModel *
zb_store_list_carried_measures (ZbStore     *self,
                                const char  *meeting_id,
                                GError     **error)
{
  return query_measures (self,
                         "AND mt.date < (SELECT date FROM meetings WHERE id = ?1) "
                         "AND (ms.state = 'open' OR ms.done_date >= "
                         "  (SELECT date FROM meetings WHERE id = ?1))",
                         meeting_id, error);
}

/* Every measure, by the date of its meeting. */
GListModel *
zb_store_list_measures_all (ZbStore  *self,
                            GError  **error)
{
  return query_measures (self, "AND ?1 IS NULL", NULL, error);
}

typedef struct
{
  const char  *meeting_id;
  ZbFirstItem *first;
} FirstItemJob;

/* Contributions given without their row's ID (the CLI sets a first item
 * anew) take the IDs of the rows there are, in order. */
static gboolean
assign_contribution_ids (sqlite3     *db,
                         const char  *first_id,
                         GPtrArray   *contributions,
                         GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc = SQLITE_ROW;

  stmt = zb_sql_prepare (db, "SELECT id FROM first_item_contributions WHERE first_item_id = ? "
                             "AND deleted = 0 ORDER BY position, rowid", error);
  if (stmt == NULL)
    return FALSE;
  zb_sql_bind_text (stmt, 1, first_id);

  for (guint i = 0; i < contributions->len; i++)
    {
      ZbContribution *c = g_ptr_array_index (contributions, i);

      while (c->id == NULL && rc == SQLITE_ROW && (rc = sqlite3_step (stmt)) == SQLITE_ROW)
        {
          const char *id = (const char *) sqlite3_column_text (stmt, 0);
          gboolean taken = FALSE;

          for (guint j = 0; j < contributions->len && !taken; j++)
            taken = g_strcmp0 (((ZbContribution *) g_ptr_array_index (contributions, j))->id,
                               id) == 0;
          if (!taken)
            c->id = g_strdup (id);
        }
      if (c->id == NULL)
        c->id = g_uuid_string_random ();
    }

  return rc == SQLITE_DONE || rc == SQLITE_ROW || zb_sql_fail (db, error);
}

/* The rows no longer among @contributions become tombstones (deleted = 1):
 * a contribution removed in the editor is that row, and its undo brings
 * the same row back. */
static gboolean
retire_contributions (sqlite3     *db,
                      const char  *first_id,
                      GPtrArray   *contributions,
                      GError     **error)
{
  g_autoptr(GString) sql = g_string_new ("UPDATE first_item_contributions SET deleted = 1 "
                                         "WHERE first_item_id = ? AND deleted = 0");
  g_autoptr(sqlite3_stmt) stmt = NULL;

  if (contributions->len > 0)
    {
      g_string_append (sql, " AND id NOT IN (?");
      for (guint i = 1; i < contributions->len; i++)
        g_string_append (sql, ", ?");
      g_string_append (sql, ")");
    }
  if ((stmt = zb_sql_prepare (db, sql->str, error)) == NULL)
    return FALSE;

  zb_sql_bind_text (stmt, 1, first_id);
  for (guint i = 0; i < contributions->len; i++)
    zb_sql_bind_text (stmt, i + 2, ((ZbContribution *) g_ptr_array_index (contributions, i))->id);
  return step_done (db, stmt, error);
}

/* Each contribution keeps its row by its ID, so that an autosave every
 * second rewrites a changed one in place instead of replacing them all;
 * the positions follow the order on screen. */
static gboolean
write_contributions (sqlite3     *db,
                     const char  *first_id,
                     GPtrArray   *contributions,
                     GError     **error)
{
  g_autoptr(sqlite3_stmt) update = NULL;
  g_autoptr(sqlite3_stmt) insert = NULL;

  update = zb_sql_prepare (db, "UPDATE first_item_contributions SET position = ?2, "
                               "speaker = ?3, summary = coalesce(?4, ''), speaker_id = ?6, "
                               "deleted = 0 WHERE id = ?5 AND first_item_id = ?1", error);
  insert = zb_sql_prepare (db, "INSERT INTO first_item_contributions (id, first_item_id, "
                               "position, speaker, summary, speaker_id) "
                               "VALUES (?5, ?1, ?2, ?3, coalesce(?4, ''), ?6)", error);
  if (update == NULL || insert == NULL ||
      !assign_contribution_ids (db, first_id, contributions, error))
    return FALSE;

  for (guint i = 0; i < contributions->len; i++)
    {
      ZbContribution *c = g_ptr_array_index (contributions, i);
      sqlite3_stmt *stmts[] = { update, insert };

      for (guint s = 0; s < G_N_ELEMENTS (stmts); s++)
        {
          sqlite3_reset (stmts[s]);
          zb_sql_bind_text (stmts[s], 1, first_id);
          sqlite3_bind_int (stmts[s], 2, i + 1);
          zb_sql_bind_text (stmts[s], 3, c->speaker);
          zb_sql_bind_text (stmts[s], 4, c->summary);
          zb_sql_bind_text (stmts[s], 5, c->id);
          zb_sql_bind_text (stmts[s], 6, c->speaker_id);
        }
      if (!step_done (db, update, error))
        return FALSE;
      if (sqlite3_changes (db) == 0 && !step_done (db, insert, error))
        return FALSE;
    }

  return retire_contributions (db, first_id, contributions, error);
}

static char *
find_first_item_id (sqlite3     *db,
                    const char  *meeting_id,
                    GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = zb_sql_prepare (db, "SELECT id FROM first_items "
                                                     "WHERE meeting_id = ?", error);
  int rc;

  if (stmt == NULL)
    return NULL;
  zb_sql_bind_text (stmt, 1, meeting_id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    return g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  if (rc != SQLITE_DONE)
    zb_sql_fail (db, error);
  return NULL;
}

/* The leader's and the speakers' links, where given, name someone there. */
static gboolean
check_links (sqlite3      *db,
             const char   *meeting_id,
             ZbFirstItem  *f,
             GError      **error)
{
  GPtrArray *contributions = zb_first_item_get_contributions (f);

  if (!zb_store_check_person_link_locked (db, meeting_id, zb_first_item_get_leader_id (f),
                                          _("Leading reader"), error))
    return FALSE;
  for (guint i = 0; i < contributions->len; i++)
    if (!zb_store_check_person_link_locked (db, meeting_id,
                                            ((ZbContribution *) g_ptr_array_index (contributions,
                                                                                   i))->speaker_id,
                                            _("Contributions"), error))
      return FALSE;

  return TRUE;
}

/* A meeting has one first item; setting it again rewrites that row, keeping
 * its ID, so that a draft saved while it is typed stays one record. */
gboolean
zb_store_write_first_item (sqlite3      *db,
                           const char   *meeting_id,
                           ZbFirstItem  *f,
                           GError      **error)
{
  g_autofree char *id = NULL;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GError) local_error = NULL;
  const char *values[] = {
    zb_first_item_get_topic (f), zb_first_item_get_material (f), zb_first_item_get_source (f),
    zb_first_item_get_source_date (f), zb_first_item_get_form (f), zb_first_item_get_leader (f),
    zb_first_item_get_participants (f), zb_first_item_get_proceedings (f),
    zb_first_item_get_leader_id (f),
  };

  if (!zb_store_check_not_final (db, meeting_id, error) ||
      !check_links (db, meeting_id, f, error))
    return FALSE;

  id = find_first_item_id (db, meeting_id, &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  stmt = zb_sql_prepare (db, id != NULL
                         ? "UPDATE first_items SET topic = ?3, material = ?4, source = ?5, "
                           "source_date = ?6, form = ?7, leader = ?8, participants = ?9, "
                           "proceedings = ?10, leader_id = ?11 WHERE id = ?1 AND meeting_id = ?2"
                         : "INSERT INTO first_items (id, meeting_id, topic, material, "
                           "source, source_date, form, leader, participants, proceedings, "
                           "leader_id) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)",
                         error);
  if (stmt == NULL)
    return FALSE;
  if (id == NULL)
    id = g_uuid_string_random ();
  zb_sql_bind_text (stmt, 1, id);
  zb_sql_bind_text (stmt, 2, meeting_id);
  for (guint i = 0; i < G_N_ELEMENTS (values); i++)
    zb_sql_bind_text (stmt, 3 + i, values[i]);

  return step_done (db, stmt, error) &&
         write_contributions (db, id, zb_first_item_get_contributions (f), error);
}

static gboolean
set_first_item_body (sqlite3  *db,
                     gpointer  data,
                     GError  **error)
{
  FirstItemJob *job = data;

  return zb_store_write_first_item (db, job->meeting_id, job->first, error);
}

static gboolean
set_first_item (ZbStore      *self,
                const char   *meeting_id,
                ZbFirstItem  *first,
                GError      **error)
{
  FirstItemJob job = { meeting_id, first };
  g_autoptr(ZbMeeting) meeting = zb_store_get_meeting (self, meeting_id, error);

  return meeting != NULL && zb_store_run_write (self, set_first_item_body, &job, error);
}

/* A complete first item (the CLI, an import). */
gboolean
zb_store_set_first_item (ZbStore      *self,
                         const char   *meeting_id,
                         ZbFirstItem  *first,
                         GError      **error)
{
  return zb_first_item_validate (first, error) &&
         set_first_item (self, meeting_id, first, error);
}

/* A first item being written, as a template inserted it or half typed:
 * completeness is asked for when the meeting is finalised, and the checker
 * reports it until then. */
gboolean
zb_store_set_first_item_draft (ZbStore      *self,
                               const char   *meeting_id,
                               ZbFirstItem  *first,
                               GError      **error)
{
  return zb_first_item_check_format (first, error) &&
         set_first_item (self, meeting_id, first, error);
}

/* A user's own first-item template, kept in the branch database. */
gboolean
zb_store_save_first_item_template (ZbStore              *self,
                                   ZbFirstItemTemplate  *template,
                                   GError              **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autofree char *id = g_uuid_string_random ();
  g_autofree char *body = zb_first_item_template_to_json (template);
  sqlite3 *db = zb_store_begin_write (self, error);

  if (db == NULL)
    return FALSE;

  stmt = zb_sql_prepare (db, "INSERT INTO first_item_templates (id, name, body) VALUES (?, ?, ?)",
                         error);
  if (stmt != NULL)
    {
      zb_sql_bind_text (stmt, 1, id);
      zb_sql_bind_text (stmt, 2, zb_first_item_template_get_name (template));
      zb_sql_bind_text (stmt, 3, body);
    }
  if (stmt == NULL || !step_done (db, stmt, error))
    {
      g_clear_pointer (&stmt, sqlite3_finalize);
      zb_store_rollback_write (self);
      return FALSE;
    }
  g_clear_pointer (&stmt, sqlite3_finalize);

  return zb_store_commit_write (self, error);
}

/* The shipped templates, then the user's own. */
GListModel *
zb_store_list_first_item_templates (ZbStore  *self,
                                    GError  **error)
{
  sqlite3 *db;
  g_autofree char *dir = zb_first_item_template_dir ();
  g_autoptr(GListModel) shipped = zb_first_item_templates_load (dir, error);
  g_autoptr(GListStore) all = g_list_store_new (ZB_TYPE_FIRST_ITEM_TEMPLATE);
  g_autoptr(sqlite3_stmt) stmt = NULL;

  if (shipped == NULL)
    return NULL;
  for (guint i = 0; i < g_list_model_get_n_items (shipped); i++)
    {
      g_autoptr(GObject) t = g_list_model_get_item (shipped, i);
      g_list_store_append (all, t);
    }

  db = zb_store_begin_read (self);
  stmt = zb_sql_prepare (db, "SELECT body FROM first_item_templates WHERE deleted = 0 "
                                       "ORDER BY name", error);
  while (stmt != NULL && sqlite3_step (stmt) == SQLITE_ROW)
    {
      g_autoptr(ZbFirstItemTemplate) t =
        zb_first_item_template_new_from_json ((const char *) sqlite3_column_text (stmt, 0), NULL);

      if (t == NULL)
        continue;
      zb_first_item_template_set_own (t, TRUE);
      g_list_store_append (all, t);
    }
  g_clear_pointer (&stmt, sqlite3_finalize);
  zb_store_end_read (self, db);

  return G_LIST_MODEL (g_steal_pointer (&all));
}

ZbFirstItemTemplate *
zb_store_find_first_item_template (ZbStore     *self,
                                   const char  *name,
                                   GError     **error)
{
  g_autoptr(GListModel) templates = zb_store_list_first_item_templates (self, error);

  for (guint i = 0; templates && i < g_list_model_get_n_items (templates); i++)
    {
      g_autoptr(ZbFirstItemTemplate) t = g_list_model_get_item (templates, i);

      if (g_str_equal (zb_first_item_template_get_name (t), name))
        return g_steal_pointer (&t);
    }

  if (templates != NULL)
    g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                 _("No first-item template is called “%s”; see “zhibu-cli first-item templates”"),
                 name);
  return NULL;
}

ZbFirstItem *
zb_store_get_first_item_locked (sqlite3     *db,
                const char  *meeting_id,
                GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(sqlite3_stmt) contributions = NULL;
  g_autoptr(ZbFirstItem) item = zb_first_item_new ();
  void (*setters[]) (ZbFirstItem *, const char *) = {
    zb_first_item_set_topic, zb_first_item_set_material, zb_first_item_set_source,
    zb_first_item_set_source_date, zb_first_item_set_form, zb_first_item_set_leader,
    zb_first_item_set_participants, zb_first_item_set_proceedings, zb_first_item_set_leader_id,
  };

  stmt = zb_sql_prepare (db, "SELECT topic, material, source, source_date, form, leader, "
                             "participants, proceedings, leader_id, id FROM first_items "
                             "WHERE meeting_id = ? AND deleted = 0", error);
  if (stmt == NULL)
    return NULL;

  zb_sql_bind_text (stmt, 1, meeting_id);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    {
      zb_store_refuse (error, _("The meeting has no first agenda item yet"));
      return NULL;
    }
  for (guint i = 0; i < G_N_ELEMENTS (setters); i++)
    setters[i] (item, (const char *) sqlite3_column_text (stmt, i));

  contributions = zb_sql_prepare (db, "SELECT speaker, summary, id, speaker_id "
                                      "FROM first_item_contributions WHERE first_item_id = ? "
                                      "AND deleted = 0 ORDER BY position, rowid",
                                  error);
  if (contributions == NULL)
    return NULL;
  zb_sql_bind_text (contributions, 1, (const char *) sqlite3_column_text (stmt, 9));
  while (sqlite3_step (contributions) == SQLITE_ROW)
    {
      GPtrArray *all = zb_first_item_get_contributions (item);
      ZbContribution *c;

      zb_first_item_add_contribution (item, (const char *) sqlite3_column_text (contributions, 0),
                                      (const char *) sqlite3_column_text (contributions, 1));
      c = g_ptr_array_index (all, all->len - 1);
      c->id = g_strdup ((const char *) sqlite3_column_text (contributions, 2));
      c->speaker_id = g_strdup ((const char *) sqlite3_column_text (contributions, 3));
    }

  return g_steal_pointer (&item);
}

/* The first agenda item of a meeting, or an error when it has none. */
ZbFirstItem *
zb_store_get_first_item (ZbStore     *self,
                         const char  *meeting_id,
                         GError     **error)
{
  sqlite3 *db;
  ZbFirstItem *item;

  db = zb_store_begin_read (self);
  item = zb_store_get_first_item_locked (db, meeting_id, error);
  zb_store_end_read (self, db);

  return item;
}
