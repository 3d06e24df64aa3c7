#define G_LOG_DOMAIN "zb-store-meeting-add"

#include "config.h"

#include <glib/gi18n.h>

#include "zb-error.h"
#include "zb-store-private.h"

/* A meeting added, with its first item where it opens with one: above both
 * zb-store-meetings.c and zb-store-first-item.c, which write a first item
 * only into a meeting that is there and not finalised. */

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
                         "INSERT OR FAIL INTO meetings "
                         "(" ZB_MEETING_COLUMNS ", created_at, updated_at) "
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
