#define G_LOG_DOMAIN "zb-store-attendance"

#include "config.h"

#include <glib/gi18n.h>

#include "zb-date.h"
#include "zb-member-rules.h"
#include "zb-store-private.h"
#include "zb-uuid.h"

/* Who is expected (应到) at a meeting, and how each attended. Until the
 * record is finalised the expected list is derived whenever it is read, from
 * the roster as it stood on the meeting's day (DOMAIN.md section 2), so that
 * a member entered later who belonged to the branch that day is on it and a
 * changed date changes it; an attendance row is stored only once it has a
 * state. A finalised record shows the snapshot taken when it was signed. */

/* The Party members who may have been expected on day ?1, with what the
 * history says of each that day; for a group meeting (?2), the group's; for
 * a committee meeting (?3), those on the committee that day. */
#define CANDIDATES_SQL \
  "SELECT %s, " ZB_STORE_HISTORY_COLUMNS " " \
  "FROM members m WHERE m.deleted = 0 AND m.category IN ('full', 'probationary') " \
  "AND (?2 IS NULL OR m.party_group = ?2) " \
  "AND (?3 = 0 OR EXISTS (SELECT 1 FROM committee_members c WHERE c.member_id = m.id " \
  "  AND c.deleted = 0 AND c.from_date <= ?1 AND (c.to_date IS NULL OR c.to_date >= ?1))) " \
  "ORDER BY m.name COLLATE PINYIN, m.name, m.rowid"

static void
expected_free (ZbExpected *expected)
{
  g_object_unref (expected->member);
  g_free (expected);
}

/* The status that day. A member whose status changes all came before the
 * history was kept, or from a PC that kept none, has only the latest, from
 * its date on (or always, without one). */
static const char *
status_on (ZbMember     *member,
           sqlite3_stmt *stmt,
           int           column,
           const char   *day)
{
  const char *status = zb_member_get (member, ZB_MEMBER_FIELD_STATUS);
  const char *since = zb_member_get (member, ZB_MEMBER_FIELD_STATUS_DATE);

  if (sqlite3_column_type (stmt, column) != SQLITE_NULL)
    return (const char *) sqlite3_column_text (stmt, column);
  if (sqlite3_column_int (stmt, column + 1) > 0)
    return ZB_STATUS_NORMAL;
  if (since == NULL || g_strcmp0 (since, day) <= 0)
    return status;
  return ZB_STATUS_NORMAL;
}

/* What the columns of ZB_STORE_HISTORY_COLUMNS, from @column on, say of
 * @member on @day (bound as ?1 in the query). The strings belong to the
 * statement's current row. */
void
zb_store_history_from_row (ZbMember        *member,
                           sqlite3_stmt    *stmt,
                           int              column,
                           const char      *day,
                           ZbMemberHistory *history)
{
  history->status = status_on (member, stmt, column, day);
  history->last_transfer = (const char *) sqlite3_column_text (stmt, column + 2);
  history->first_transfer = (const char *) sqlite3_column_text (stmt, column + 3);
}

/* The members expected at @meeting on its day, in name order, each with
 * where they stood that day. */
GPtrArray *
zb_store_expected_locked (sqlite3     *db,
                          ZbMeeting   *meeting,
                          GError     **error)
{
  g_autoptr(GPtrArray) expected = g_ptr_array_new_with_free_func ((GDestroyNotify) expected_free);
  g_autofree char *columns = zb_store_member_columns_of ("m");
  g_autofree char *sql = g_strdup_printf (CANDIDATES_SQL, columns);
  g_autoptr(sqlite3_stmt) stmt = zb_sql_prepare (db, sql, error);
  const char *type = zb_meeting_get_type_code (meeting);
  const char *day = zb_meeting_get_date (meeting);
  int n_member = 0, rc;

  if (stmt == NULL)
    return NULL;

  n_member = sqlite3_column_count (stmt) - 4;
  zb_sql_bind_text (stmt, 1, day);
  zb_sql_bind_text (stmt, 2, g_str_equal (type, "group") ? zb_meeting_get_party_group (meeting)
                                                         : NULL);
  sqlite3_bind_int (stmt, 3, g_str_equal (type, "committee"));
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      g_autoptr(ZbMember) member = zb_store_member_from_row_at (stmt, 0);
      ZbMemberHistory history;
      ZbExpected *e = g_new0 (ZbExpected, 1);

      zb_store_history_from_row (member, stmt, n_member, day, &history);
      zb_member_standing_on (member, &history, day, &e->standing);
      if (!e->standing.expected)
        {
          g_free (e);
          continue;
        }
      e->member = g_steal_pointer (&member);
      g_ptr_array_add (expected, e);
    }
  if (rc != SQLITE_DONE)
    {
      zb_sql_fail (db, error);
      return NULL;
    }

  return g_steal_pointer (&expected);
}

ZbExpected *
zb_store_expected_find (GPtrArray  *expected,
                        const char *member_id)
{
  for (guint i = 0; i < expected->len; i++)
    {
      ZbExpected *e = g_ptr_array_index (expected, i);

      if (g_strcmp0 (zb_member_get_id (e->member), member_id) == 0)
        return e;
    }
  return NULL;
}

/* The attendance rows stored for @meeting_id: member ID → ZbAttendee, with
 * the member's name. */
GHashTable *
zb_store_attendance_rows_locked (sqlite3     *db,
                                 const char  *meeting_id,
                                 GError     **error)
{
  g_autoptr(GHashTable) rows = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                                      g_object_unref);
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  stmt = zb_sql_prepare (db, "SELECT a.member_id, m.name, a.state, a.reason "
                             "FROM meeting_attendees a JOIN members m ON m.id = a.member_id "
                             "WHERE a.meeting_id = ?1 AND a.deleted = 0 "
                             "ORDER BY m.name COLLATE PINYIN, m.name, m.rowid", error);
  if (stmt == NULL)
    return NULL;

  zb_sql_bind_text (stmt, 1, meeting_id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_hash_table_insert (rows, g_strdup ((const char *) sqlite3_column_text (stmt, 0)),
                         zb_attendee_new ((const char *) sqlite3_column_text (stmt, 0),
                                          (const char *) sqlite3_column_text (stmt, 1),
                                          (const char *) sqlite3_column_text (stmt, 2),
                                          (const char *) sqlite3_column_text (stmt, 3)));
  if (rc != SQLITE_DONE)
    {
      zb_sql_fail (db, error);
      return NULL;
    }

  return g_steal_pointer (&rows);
}

static ZbAttendee *
attendee_of (ZbExpected *e,
             ZbAttendee *row)
{
  ZbAttendee *attendee = zb_attendee_new (zb_member_get_id (e->member),
                                          zb_member_get (e->member, ZB_MEMBER_FIELD_NAME),
                                          row ? zb_attendee_get_state (row) : NULL,
                                          row ? zb_attendee_get_reason (row) : NULL);

  zb_attendee_set_has_vote (attendee, e->standing.has_vote);
  return attendee;
}

/* The expected, each with the state stored for them or none yet, then
 * anyone with a state who is no longer expected that day (the date was
 * changed after they were marked): what was recorded is never hidden. */
static GListModel *
derive_attendees (sqlite3     *db,
                  ZbMeeting   *meeting,
                  GError     **error)
{
  g_autoptr(GPtrArray) expected = zb_store_expected_locked (db, meeting, error);
  g_autoptr(GHashTable) rows = NULL;
  GListStore *list;
  GHashTableIter iter;
  ZbAttendee *row;

  if (expected == NULL ||
      (rows = zb_store_attendance_rows_locked (db, zb_meeting_get_id (meeting), error)) == NULL)
    return NULL;

  list = g_list_store_new (ZB_TYPE_ATTENDEE);
  for (guint i = 0; i < expected->len; i++)
    {
      ZbExpected *e = g_ptr_array_index (expected, i);
      g_autoptr(ZbAttendee) attendee = NULL;

      attendee = attendee_of (e, g_hash_table_lookup (rows, zb_member_get_id (e->member)));
      g_list_store_append (list, attendee);
      g_hash_table_remove (rows, zb_member_get_id (e->member));
    }

  g_hash_table_iter_init (&iter, rows);
  while (g_hash_table_iter_next (&iter, NULL, (gpointer *) &row))
    if (zb_attendee_get_state (row) != NULL)
      g_list_store_append (list, row);

  return G_LIST_MODEL (list);
}

static GObject *
attendee_from_row (sqlite3_stmt *stmt)
{
  return G_OBJECT (zb_attendee_new ((const char *) sqlite3_column_text (stmt, 0),
                                    (const char *) sqlite3_column_text (stmt, 1),
                                    (const char *) sqlite3_column_text (stmt, 2),
                                    (const char *) sqlite3_column_text (stmt, 3)));
}

/* A record finalised before snapshots were kept (canonical form 1): its
 * rows, made for every expected member when the meeting was. */
static GListModel *
stored_attendees (sqlite3     *db,
                  const char  *meeting_id,
                  GError     **error)
{
  return zb_sql_list (db, ZB_TYPE_ATTENDEE,
                      "SELECT a.member_id, m.name, a.state, a.reason "
                      "FROM meeting_attendees a JOIN members m ON m.id = a.member_id "
                      "WHERE a.meeting_id = ?1 AND a.deleted = 0 ORDER BY m.name COLLATE PINYIN, m.name, m.rowid",
                      meeting_id, NULL, attendee_from_row, error);
}

/* A meeting's attendees: derived until it is finalised; from its snapshot
 * after, names and votes as they were that day; a record finalised before
 * snapshots were kept shows its rows. */
GListModel *
zb_store_list_attendees (ZbStore     *self,
                         const char  *meeting_id,
                         GError     **error)
{
  g_autoptr(ZbMeeting) meeting = NULL;
  g_autoptr(ZbSnapshot) snapshot = NULL;
  GListModel *list = NULL;
  sqlite3 *db;

  db = zb_store_begin_read (self);
  meeting = zb_store_get_meeting_locked (db, meeting_id, error);
  if (meeting != NULL && zb_meeting_get_finalized_at (meeting) == NULL)
    list = derive_attendees (db, meeting, error);
  else if (meeting != NULL &&
           zb_store_snapshot_load_locked (db, meeting_id, &snapshot, error))
    list = snapshot ? zb_snapshot_list_attendees (snapshot)
                    : stored_attendees (db, meeting_id, error);
  zb_store_end_read (self, db);

  return list;
}

/* DOMAIN.md section 2: leave (请假) is excused only with its reason. */
static gboolean
check_attendance (const char  *state,
                  const char  *reason,
                  GError     **error)
{
  if (g_strcmp0 (state, "present") != 0 && g_strcmp0 (state, "leave") != 0 &&
      g_strcmp0 (state, "absent") != 0)
    return zb_store_refuse (error, _("Attendance: use present, leave or absent"));
  if (g_str_equal (state, "leave") && (reason == NULL || *reason == '\0'))
    return zb_store_refuse (error, _("Reason: leave needs its reason"));

  return TRUE;
}

/* Attendance is what happened at the meeting: not before its day. */
static gboolean
check_meeting_held (ZbMeeting  *meeting,
                    GError    **error)
{
  g_autofree char *today = zb_date_today_iso ();

  if (g_strcmp0 (zb_meeting_get_date (meeting), today) <= 0)
    return TRUE;

  g_set_error (error, ZB_MEMBER_ERROR, ZB_MEMBER_ERROR_INVALID,
               _("Attendance: the meeting is on %s, after today; mark who attended on the day "
                 "or after"), zb_meeting_get_date (meeting));
  return FALSE;
}

/* The member's live row is updated; without one, a row is made under the
 * ID every PC gives it (zb_uuid_for). */
static gboolean
write_attendance (sqlite3     *db,
                  const char  *meeting_id,
                  const char  *member_id,
                  const char  *state,
                  const char  *reason,
                  GError     **error)
{
  g_autofree char *id = zb_uuid_for ("attendance", meeting_id, member_id);
  const char *values[] = { state, reason && *reason ? reason : NULL, meeting_id, member_id, id };

  if (!zb_sql_run (db, "UPDATE OR FAIL meeting_attendees SET state = ?1, reason = ?2 "
                       "WHERE meeting_id = ?3 AND member_id = ?4 AND deleted = 0", values, 4,
                   error))
    return FALSE;
  if (sqlite3_changes (db) > 0)
    return TRUE;

  /* A tombstone under that ID (a row removed by mistake) comes back. */
  if (!zb_sql_run (db, "UPDATE OR FAIL meeting_attendees SET state = ?1, reason = ?2, deleted = 0 "
                       "WHERE meeting_id = ?3 AND member_id = ?4 AND id = ?5", values, 5, error))
    return FALSE;
  if (sqlite3_changes (db) > 0)
    return TRUE;

  return zb_sql_run (db, "INSERT OR FAIL INTO meeting_attendees (state, reason, meeting_id, "
                         "member_id, id) VALUES (?1, ?2, ?3, ?4, ?5)", values, 5, error);
}

typedef struct
{
  const char *meeting_id;
  GPtrArray  *marks;   /* ZbAttendee: member, state and reason */
} AttendanceJob;

/* Who may be marked is worked out once for all the marks: on a branch of
 * thousands, 全部出席 is one transaction, not thousands. */
static gboolean
set_attendance_body (sqlite3  *db,
                     gpointer  data,
                     GError  **error)
{
  AttendanceJob *job = data;
  g_autoptr(ZbMeeting) meeting = zb_store_get_meeting_locked (db, job->meeting_id, error);
  g_autoptr(GPtrArray) expected = NULL;
  g_autoptr(GHashTable) rows = NULL;

  if (meeting == NULL || !zb_store_check_not_final (db, job->meeting_id, error) ||
      !check_meeting_held (meeting, error) ||
      (expected = zb_store_expected_locked (db, meeting, error)) == NULL ||
      (rows = zb_store_attendance_rows_locked (db, job->meeting_id, error)) == NULL)
    return FALSE;

  for (guint i = 0; i < job->marks->len; i++)
    {
      ZbAttendee *mark = g_ptr_array_index (job->marks, i);
      const char *member_id = zb_attendee_get_member_id (mark);

      if (zb_store_expected_find (expected, member_id) == NULL &&
          !g_hash_table_contains (rows, member_id))
        return zb_store_refuse (error, _("Member: not among the expected attendees of this "
                                         "meeting on its day"));
      if (!write_attendance (db, job->meeting_id, member_id, zb_attendee_get_state (mark),
                             zb_attendee_get_reason (mark), error))
        return FALSE;
    }
  return TRUE;
}

gboolean
zb_store_set_attendance (ZbStore     *self,
                         const char  *meeting_id,
                         const char  *member_id,
                         const char  *state,
                         const char  *reason,
                         GError     **error)
{
  g_autoptr(GPtrArray) marks = g_ptr_array_new_with_free_func (g_object_unref);

  g_ptr_array_add (marks, zb_attendee_new (member_id, NULL, state, reason));
  return zb_store_set_attendances (self, meeting_id, marks, error);
}

/* Several marks of one meeting (ZbAttendee: member, state and reason; the
 * name is not read), all or none. */
gboolean
zb_store_set_attendances (ZbStore     *self,
                          const char  *meeting_id,
                          GPtrArray   *marks,
                          GError     **error)
{
  AttendanceJob job = { meeting_id, marks };

  for (guint i = 0; i < marks->len; i++)
    {
      ZbAttendee *mark = g_ptr_array_index (marks, i);

      if (!check_attendance (zb_attendee_get_state (mark), zb_attendee_get_reason (mark), error))
        return FALSE;
    }
  return zb_store_run_write (self, set_attendance_body, &job, error);
}
