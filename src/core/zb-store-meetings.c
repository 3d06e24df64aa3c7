#define G_LOG_DOMAIN "zb-store-meetings"

#include "config.h"

#include <glib/gi18n.h>

#include "zb-date.h"
#include "zb-member-rules.h"
#include "zb-store-private.h"

#define MEETING_COLUMNS \
  "id, type, title, date, start_time, end_time, place, party_group, chair_id, recorder_id"

/* Who is expected (应到) at a meeting on its date: members of the Party
 * (full and probationary) admitted by then and not yet gone from the branch
 * (DOMAIN.md section 2); for a group meeting, the group's; for a committee
 * meeting, the committee's on that date. */
#define EXPECTED_SQL \
  "SELECT m.id FROM members m WHERE m.deleted = 0 " \
  "AND m.category IN ('full', 'probationary') AND m.joined_date <= ?1 " \
  "AND (m.status = 'normal' OR (m.status_date IS NOT NULL AND m.status_date > ?1)) " \
  "AND (?2 IS NULL OR m.party_group = ?2) " \
  "AND (?3 = 0 OR EXISTS (SELECT 1 FROM committee_members c WHERE c.member_id = m.id " \
  "  AND c.deleted = 0 AND c.from_date <= ?1 AND (c.to_date IS NULL OR c.to_date >= ?1))) " \
  "ORDER BY m.name, m.rowid"

static gboolean
member_exists (sqlite3     *db,
               const char  *id,
               GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  stmt = zb_sql_prepare (db, "SELECT 1 FROM members WHERE id = ? AND deleted = 0", error);
  if (stmt == NULL)
    return FALSE;

  zb_sql_bind_text (stmt, 1, id);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    return TRUE;

  g_set_error (error, ZB_MEMBER_ERROR, ZB_MEMBER_ERROR_NOT_FOUND,
               _("No member has the ID %s"), id);
  return FALSE;
}

static gboolean
insert_meeting (sqlite3    *db,
                ZbMeeting  *meeting,
                const char *id,
                GError    **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autofree char *now = zb_store_now ();

  stmt = zb_sql_prepare (db,
                         "INSERT INTO meetings (" MEETING_COLUMNS ", created_at, updated_at) "
                         "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", error);
  if (stmt == NULL)
    return FALSE;

  zb_sql_bind_text (stmt, 1, id);
  zb_sql_bind_text (stmt, 2, zb_meeting_get_type_code (meeting));
  zb_sql_bind_text (stmt, 3, zb_meeting_get_title (meeting));
  zb_sql_bind_text (stmt, 4, zb_meeting_get_date (meeting));
  zb_sql_bind_text (stmt, 5, zb_meeting_get_start_time (meeting));
  zb_sql_bind_text (stmt, 6, zb_meeting_get_end_time (meeting));
  zb_sql_bind_text (stmt, 7, zb_meeting_get_place (meeting));
  zb_sql_bind_text (stmt, 8, zb_meeting_get_party_group (meeting));
  zb_sql_bind_text (stmt, 9, zb_meeting_get_chair_id (meeting));
  zb_sql_bind_text (stmt, 10, zb_meeting_get_recorder_id (meeting));
  zb_sql_bind_text (stmt, 11, now);
  zb_sql_bind_text (stmt, 12, now);
  if (sqlite3_step (stmt) != SQLITE_DONE)
    return zb_sql_fail (db, error);

  return TRUE;
}

/* The attendance list is a snapshot of the roster on the meeting's date,
 * taken when the meeting is made, so later changes of the roster leave the
 * record as it was. */
static gboolean
insert_expected (sqlite3    *db,
                 ZbMeeting  *meeting,
                 const char *meeting_id,
                 GError    **error)
{
  g_autoptr(sqlite3_stmt) select = zb_sql_prepare (db, EXPECTED_SQL, error);
  g_autoptr(sqlite3_stmt) insert = NULL;
  const char *type = zb_meeting_get_type_code (meeting);
  int rc;

  insert = zb_sql_prepare (db, "INSERT INTO meeting_attendees (id, meeting_id, member_id) "
                               "VALUES (?, ?, ?)", error);
  if (select == NULL || insert == NULL)
    return FALSE;

  zb_sql_bind_text (select, 1, zb_meeting_get_date (meeting));
  zb_sql_bind_text (select, 2, g_str_equal (type, "group") ? zb_meeting_get_party_group (meeting)
                                                           : NULL);
  sqlite3_bind_int (select, 3, g_str_equal (type, "committee"));

  while ((rc = sqlite3_step (select)) == SQLITE_ROW)
    {
      g_autofree char *id = g_uuid_string_random ();

      sqlite3_reset (insert);
      zb_sql_bind_text (insert, 1, id);
      zb_sql_bind_text (insert, 2, meeting_id);
      zb_sql_bind_text (insert, 3, (const char *) sqlite3_column_text (select, 0));
      if (sqlite3_step (insert) != SQLITE_DONE)
        return zb_sql_fail (db, error);
    }

  return rc == SQLITE_DONE || zb_sql_fail (db, error);
}

static gboolean
add_meeting (sqlite3    *db,
             ZbMeeting  *meeting,
             const char *id,
             GError    **error)
{
  const char *chair = zb_meeting_get_chair_id (meeting);
  const char *recorder = zb_meeting_get_recorder_id (meeting);

  return zb_meeting_validate (meeting, error) &&
         (chair == NULL || member_exists (db, chair, error)) &&
         (recorder == NULL || member_exists (db, recorder, error)) &&
         insert_meeting (db, meeting, id, error) &&
         insert_expected (db, meeting, id, error);
}

char *
zb_store_add_meeting (ZbStore    *self,
                      ZbMeeting  *meeting,
                      GError    **error)
{
  return zb_store_add_meeting_with_first_item (self, meeting, NULL, error);
}

/* A general, committee or group meeting opens with its first agenda item
 * (DOMAIN.md section 3): the app creates the meeting and the template's
 * draft of that item together, so there is never one without the other. */
char *
zb_store_add_meeting_with_first_item (ZbStore      *self,
                                      ZbMeeting    *meeting,
                                      ZbFirstItem  *first,
                                      GError      **error)
{
  g_autofree char *id = g_uuid_string_random ();
  sqlite3 *db;

  if (first != NULL && !zb_first_item_check_format (first, error))
    return NULL;
  if ((db = zb_store_begin_write (self, error)) == NULL)
    return NULL;

  if (!add_meeting (db, meeting, id, error) ||
      (first != NULL && !zb_store_write_first_item (db, id, first, error)))
    {
      zb_store_rollback_write (self);
      return NULL;
    }
  if (!zb_store_commit_write (self, error))
    return NULL;

  zb_meeting_set_id (meeting, id);
  return g_steal_pointer (&id);
}

static ZbMeeting *
meeting_from_row (sqlite3_stmt *stmt)
{
  ZbMeeting *meeting = zb_meeting_new ();
  void (*setters[]) (ZbMeeting *, const char *) = {
    zb_meeting_set_id, zb_meeting_set_type_code, zb_meeting_set_title, zb_meeting_set_date,
    zb_meeting_set_start_time, zb_meeting_set_end_time, zb_meeting_set_place,
    zb_meeting_set_party_group, zb_meeting_set_chair_id, zb_meeting_set_recorder_id,
    zb_meeting_set_finalized_at, zb_meeting_set_addendum_of,
  };

  for (guint i = 0; i < G_N_ELEMENTS (setters); i++)
    setters[i] (meeting, (const char *) sqlite3_column_text (stmt, i));

  return meeting;
}

ZbMeeting *
zb_store_get_meeting_locked (sqlite3     *db,
                             const char  *id,
                             GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  stmt = zb_sql_prepare (db, "SELECT " MEETING_COLUMNS ", finalized_at, addendum_of FROM meetings "
                             "WHERE id = ? AND deleted = 0", error);
  if (stmt == NULL)
    return NULL;

  zb_sql_bind_text (stmt, 1, id);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    return meeting_from_row (stmt);

  g_set_error (error, ZB_MEMBER_ERROR, ZB_MEMBER_ERROR_NOT_FOUND,
               _("No meeting has the ID %s"), id);
  return NULL;
}

ZbMeeting *
zb_store_get_meeting (ZbStore     *self,
                      const char  *id,
                      GError     **error)
{
  sqlite3 *db;
  ZbMeeting *meeting;

  db = zb_store_begin_read (self);
  meeting = zb_store_get_meeting_locked (db, id, error);
  zb_store_end_read (self, db);

  return meeting;
}

/* Meetings from @from to @to (ISO dates, either may be NULL), by date. */
GListModel *
zb_store_list_meetings (ZbStore     *self,
                        const char  *from,
                        const char  *to,
                        GError     **error)
{
  sqlite3 *db;
  GListModel *list;

  db = zb_store_begin_read (self);
  list = zb_sql_list (db, ZB_TYPE_MEETING,
                      "SELECT " MEETING_COLUMNS ", finalized_at, addendum_of FROM meetings WHERE deleted = 0 "
                      "AND (?1 IS NULL OR date >= ?1) AND (?2 IS NULL OR date <= ?2) "
                      "ORDER BY date, start_time, rowid",
                      from, to, (ZbRowFunc) meeting_from_row, error);
  zb_store_end_read (self, db);

  return list;
}

static GObject *
attendee_from_row (sqlite3_stmt *stmt)
{
  return G_OBJECT (zb_attendee_new ((const char *) sqlite3_column_text (stmt, 0),
                                    (const char *) sqlite3_column_text (stmt, 1),
                                    (const char *) sqlite3_column_text (stmt, 2),
                                    (const char *) sqlite3_column_text (stmt, 3)));
}

GListModel *
zb_store_list_attendees (ZbStore     *self,
                         const char  *meeting_id,
                         GError     **error)
{
  sqlite3 *db;
  GListModel *list;

  db = zb_store_begin_read (self);
  list = zb_sql_list (db, ZB_TYPE_ATTENDEE,
                      "SELECT a.member_id, m.name, a.state, a.reason "
                      "FROM meeting_attendees a JOIN members m ON m.id = a.member_id "
                      "WHERE a.meeting_id = ?1 AND a.deleted = 0 ORDER BY m.name, m.rowid",
                      meeting_id, NULL, attendee_from_row, error);
  zb_store_end_read (self, db);

  return list;
}

static gboolean
invalid_attendance (GError     **error,
                    const char  *message)
{
  g_set_error_literal (error, ZB_MEMBER_ERROR, ZB_MEMBER_ERROR_INVALID, message);
  return FALSE;
}

/* DOMAIN.md section 2: leave (请假) is excused only with its reason. */
static gboolean
check_attendance (const char  *state,
                  const char  *reason,
                  GError     **error)
{
  if (g_strcmp0 (state, "present") != 0 && g_strcmp0 (state, "leave") != 0 &&
      g_strcmp0 (state, "absent") != 0)
    return invalid_attendance (error, _("Attendance: use present, leave or absent"));
  if (g_str_equal (state, "leave") && (reason == NULL || *reason == '\0'))
    return invalid_attendance (error, _("Reason: leave needs its reason"));

  return TRUE;
}

static gboolean
set_attendance (sqlite3     *db,
                const char  *meeting_id,
                const char  *member_id,
                const char  *state,
                const char  *reason,
                GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  stmt = zb_sql_prepare (db, "UPDATE meeting_attendees SET state = ?, reason = ? "
                             "WHERE meeting_id = ? AND member_id = ? AND deleted = 0", error);
  if (stmt == NULL)
    return FALSE;

  zb_sql_bind_text (stmt, 1, state);
  zb_sql_bind_text (stmt, 2, reason && *reason ? reason : NULL);
  zb_sql_bind_text (stmt, 3, meeting_id);
  zb_sql_bind_text (stmt, 4, member_id);
  if (sqlite3_step (stmt) != SQLITE_DONE)
    return zb_sql_fail (db, error);
  if (sqlite3_changes (db) == 0)
    return invalid_attendance (error, _("Member: not among the expected attendees of this "
                                        "meeting"));

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
  g_autoptr(ZbMeeting) meeting = NULL;
  sqlite3 *db;

  if (!check_attendance (state, reason, error))
    return FALSE;
  if ((db = zb_store_begin_write (self, error)) == NULL)
    return FALSE;

  if ((meeting = zb_store_get_meeting_locked (db, meeting_id, error)) == NULL ||
      !zb_store_check_not_final (db, meeting_id, error) ||
      !set_attendance (db, meeting_id, member_id, state, reason, error))
    {
      zb_store_rollback_write (self);
      return FALSE;
    }

  return zb_store_commit_write (self, error);
}

typedef struct
{
  const char *meeting_or_member;
  const char *values[5];
} RowJob;

static gboolean
add_committee_body (sqlite3  *db,
                    gpointer  data,
                    GError  **error)
{
  RowJob *job = data;

  return member_exists (db, job->meeting_or_member, error) &&
         zb_sql_run (db, "INSERT INTO committee_members (id, member_id, role, from_date, "
                         "to_date) VALUES (?, ?, ?, ?, ?)", job->values, 5, error);
}

/* The branch committee (支部委员会): who sat on it, in which role, when. */
gboolean
zb_store_add_committee_member (ZbStore     *self,
                               const char  *member_id,
                               const char  *role,
                               const char  *from,
                               const char  *to,
                               GError     **error)
{
  g_autofree char *id = g_uuid_string_random ();
  RowJob job = { member_id, { id, member_id, role, from, to } };
  GDate date;

  if (role == NULL || *role == '\0')
    return invalid_attendance (error, _("Role: is required, such as 书记 or 组织委员"));
  if (!zb_date_parse_iso (from, &date) || (to != NULL && !zb_date_parse_iso (to, &date)) ||
      (to != NULL && g_strcmp0 (to, from) < 0))
    return invalid_attendance (error, _("Term: give the dates as year-month-day, such as "
                                        "2015-07-01, the end after the start"));

  return zb_store_run_write (self, add_committee_body, &job, error);
}

static gboolean
add_guest_body (sqlite3  *db,
                gpointer  data,
                GError  **error)
{
  RowJob *job = data;
  g_autoptr(ZbMeeting) meeting = zb_store_get_meeting_locked (db, job->meeting_or_member, error);

  return meeting != NULL && zb_store_check_not_final (db, job->meeting_or_member, error) &&
         zb_sql_run (db, "INSERT INTO meeting_guests (id, meeting_id, name, affiliation) "
                         "VALUES (?, ?, ?, ?)", job->values, 4, error);
}

/* 列席: someone attending who is not a member of this meeting, such as a
 * delegate of the higher committee. */
gboolean
zb_store_add_guest (ZbStore     *self,
                    const char  *meeting_id,
                    const char  *name,
                    const char  *affiliation,
                    GError     **error)
{
  g_autofree char *id = g_uuid_string_random ();
  RowJob job = { meeting_id, { id, meeting_id, name, affiliation } };

  if (name == NULL || *name == '\0')
    return invalid_attendance (error, _("Name: a non-member attendee needs a name"));

  return zb_store_run_write (self, add_guest_body, &job, error);
}

/* "Name (affiliation)" of each non-member attendee, in order of entry. */
GStrv
zb_store_list_guests (ZbStore     *self,
                      const char  *meeting_id,
                      GError     **error)
{
  sqlite3 *db;
  g_autoptr(GStrvBuilder) names = g_strv_builder_new ();
  g_autoptr(sqlite3_stmt) stmt = NULL;

  db = zb_store_begin_read (self);
  stmt = zb_sql_prepare (db, "SELECT name, affiliation FROM meeting_guests "
                                       "WHERE meeting_id = ? AND deleted = 0 ORDER BY rowid", error);
  if (stmt != NULL)
    zb_sql_bind_text (stmt, 1, meeting_id);
  while (stmt != NULL && sqlite3_step (stmt) == SQLITE_ROW)
    {
      const char *affiliation = (const char *) sqlite3_column_text (stmt, 1);
      g_autofree char *entry = affiliation
        ? g_strdup_printf ("%s（%s）", (const char *) sqlite3_column_text (stmt, 0), affiliation)
        : g_strdup ((const char *) sqlite3_column_text (stmt, 0));

      g_strv_builder_add (names, entry);
    }
  g_clear_pointer (&stmt, sqlite3_finalize);
  zb_store_end_read (self, db);

  return g_strv_builder_end (names);
}
