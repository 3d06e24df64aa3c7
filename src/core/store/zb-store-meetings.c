#define G_LOG_DOMAIN "zb-store-meetings"

#include "config.h"

#include <glib/gi18n.h>

#include "zb-error.h"
#include "zb-store-private.h"

/* The meetings as they are read: a meeting's row, the list of them, their
 * guests, the refusal to change a finalised one, which every file that
 * writes part of a meeting's record asks first, and the snapshot a
 * finalised one was signed with (built in zb-store-snapshot.c). A meeting is added in
 * zb-store-meeting-add.c, with its first item where it opens with one. */

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

  stmt = zb_sql_prepare (db, "SELECT " ZB_MEETING_COLUMNS ", finalized_at, addendum_of FROM meetings "
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

/* Refuses changes to a finalised meeting: corrections are addenda. */
gboolean
zb_store_check_not_final (sqlite3     *db,
                          const char  *meeting_id,
                          GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = zb_sql_prepare (db, "SELECT finalized_at FROM meetings "
                                                     "WHERE id = ?1", NULL);
  const char *final;

  if (stmt == NULL)
    return TRUE;
  zb_sql_bind_text (stmt, 1, meeting_id);
  if (sqlite3_step (stmt) != SQLITE_ROW ||
      (final = (const char *) sqlite3_column_text (stmt, 0)) == NULL)
    return TRUE;

  g_set_error (error, ZB_MEMBER_ERROR, ZB_MEMBER_ERROR_INVALID,
               _("The meeting was finalised on %s and can no longer be changed; record a "
                 "correction as an addendum"), final);
  return FALSE;
}

/* The snapshot a finalised meeting was signed with; *@snapshot is NULL for
 * a meeting not finalised, or finalised before snapshots were kept. */
gboolean
zb_store_snapshot_load_locked (sqlite3      *db,
                               const char   *meeting_id,
                               ZbSnapshot  **snapshot,
                               GError      **error)
{
  g_autoptr(sqlite3_stmt) stmt = zb_sql_prepare (db, "SELECT snapshot FROM meetings "
                                                     "WHERE id = ?1", NULL);

  *snapshot = NULL;
  if (stmt == NULL)
    return TRUE;
  zb_sql_bind_text (stmt, 1, meeting_id);
  if (sqlite3_step (stmt) != SQLITE_ROW || sqlite3_column_type (stmt, 0) == SQLITE_NULL)
    return TRUE;

  *snapshot = zb_snapshot_new_from_json ((const char *) sqlite3_column_text (stmt, 0), error);
  if (*snapshot == NULL)
    g_prefix_error (error, _("Meeting %s: "), meeting_id);
  return *snapshot != NULL;
}

ZbSnapshot *
zb_store_get_snapshot (ZbStore     *self,
                       const char  *meeting_id,
                       GError     **error)
{
  ZbSnapshot *snapshot = NULL;
  sqlite3 *db = zb_store_begin_read (self);

  zb_store_snapshot_load_locked (db, meeting_id, &snapshot, error);
  zb_store_end_read (self, db);
  return snapshot;
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
                      "SELECT " ZB_MEETING_COLUMNS ", finalized_at, addendum_of FROM meetings WHERE deleted = 0 "
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
         zb_sql_run (db, "INSERT OR FAIL INTO meeting_guests (id, meeting_id, name, affiliation) "
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
