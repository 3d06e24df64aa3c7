#define G_LOG_DOMAIN "zb-store-votes"

#include "config.h"

#include <glib/gi18n.h>

#include "zb-error.h"
#include "zb-store-private.h"
#include "zb-uuid.h"
#include "zb-vote.h"

/* The votes on an agenda item's resolution, counted against the expected
 * attendees of the meeting's day (Branch Regulations, DOMAIN.md section 4). */

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

  if (!zb_sql_step_done (db, update, error))
    return FALSE;
  return sqlite3_changes (db) > 0 || zb_sql_step_done (db, insert, error);
}

/* Ballots of members not in this count go. One by one: a branch of more
 * than 999 voters would pass SQLite's limit of bound values in one
 * NOT IN (…). */
static gboolean
clear_other_votes (sqlite3     *db,
                   VoteJob     *job,
                   GError     **error)
{
  g_autoptr(GHashTable) kept = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GPtrArray) gone = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(sqlite3_stmt) select = NULL;
  g_autoptr(sqlite3_stmt) delete = NULL;
  int rc;

  for (guint i = 0; i < job->votes->len; i++)
    g_hash_table_add (kept, ((ZbCastVote *) g_ptr_array_index (job->votes, i))->member_id);

  select = zb_sql_prepare (db, "SELECT member_id FROM agenda_votes WHERE item_id = ?", error);
  if (select == NULL)
    return FALSE;
  zb_sql_bind_text (select, 1, job->item_id);
  while ((rc = sqlite3_step (select)) == SQLITE_ROW)
    if (!g_hash_table_contains (kept, sqlite3_column_text (select, 0)))
      g_ptr_array_add (gone, g_strdup ((const char *) sqlite3_column_text (select, 0)));
  if (rc != SQLITE_DONE)
    return zb_sql_fail (db, error);

  delete = zb_sql_prepare (db, "DELETE FROM agenda_votes WHERE item_id = ?1 AND member_id = ?2",
                           error);
  if (delete == NULL)
    return FALSE;
  for (guint i = 0; i < gone->len; i++)
    {
      sqlite3_reset (delete);
      zb_sql_bind_text (delete, 1, job->item_id);
      zb_sql_bind_text (delete, 2, g_ptr_array_index (gone, i));
      if (!zb_sql_step_done (db, delete, error))
        return FALSE;
    }
  return TRUE;
}

static gboolean
store_votes (sqlite3   *db,
             VoteJob   *job,
             GError   **error)
{
  g_autoptr(sqlite3_stmt) update = NULL;
  g_autoptr(sqlite3_stmt) insert = NULL;
  g_autoptr(sqlite3_stmt) result = NULL;

  update = zb_sql_prepare (db, "UPDATE OR FAIL agenda_votes SET choice = ?3, written = ?4 "
                               "WHERE item_id = ?1 AND member_id = ?2", error);
  insert = zb_sql_prepare (db, "INSERT OR FAIL INTO agenda_votes (id, item_id, member_id, choice, "
                               "written) VALUES (?5, ?1, ?2, ?3, ?4)", error);
  result = zb_sql_prepare (db, "UPDATE OR FAIL agenda_items SET vote_kind = ?, vote_result = ? "
                               "WHERE id = ?", error);
  if (update == NULL || insert == NULL || result == NULL || !clear_other_votes (db, job, error))
    return FALSE;

  for (guint i = 0; i < job->votes->len; i++)
    if (!write_vote (db, update, insert, job->item_id, g_ptr_array_index (job->votes, i), error))
      return FALSE;

  zb_sql_bind_text (result, 1, zb_vote_kind_to_string (job->kind));
  zb_sql_bind_text (result, 2, job->passed ? "passed" : "not-passed");
  zb_sql_bind_text (result, 3, job->item_id);
  return zb_sql_step_done (db, result, error);
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
      !zb_store_check_item_not_final (db, job->item_id, error) ||
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
