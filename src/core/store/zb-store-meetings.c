#define G_LOG_DOMAIN "zb-store-meetings"

#include "config.h"

#include <glib/gi18n.h>

#include "zb-date.h"
#include "zb-member-rules.h"
#include "zb-store-private.h"

#define MEETING_COLUMNS \
  "id, type, title, date, start_time, end_time, place, party_group, chair_id, recorder_id"

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
         insert_meeting (db, meeting, id, error);
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

typedef struct
{
  const char *meeting_or_member;
  const char *values[5];
} RowJob;

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
    return zb_store_refuse (error, _("Name: a non-member attendee needs a name"));

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
