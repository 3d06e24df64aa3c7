#define G_LOG_DOMAIN "zb-store-links"

#include "config.h"

#include <glib/gi18n.h>

#include "zb-member-rules.h"
#include "zb-store-private.h"

/* The first item's leader (领学人) and each speaker are written as free
 * text, since they are often guests or officials from above; each may also
 * be linked to a member expected at the meeting or to one of its guests
 * (列席), by ID. */

/* The members expected at the meeting, then its guests, in order. */
GListModel *
zb_store_list_people (ZbStore     *self,
                      const char  *meeting_id,
                      GError     **error)
{
  g_autoptr(GListModel) expected = zb_store_list_attendees (self, meeting_id, error);
  g_autoptr(GListStore) people = g_list_store_new (ZB_TYPE_PERSON);
  g_autoptr(sqlite3_stmt) stmt = NULL;
  sqlite3 *db;

  if (expected == NULL)
    return NULL;
  for (guint i = 0; i < g_list_model_get_n_items (expected); i++)
    {
      g_autoptr(ZbAttendee) a = g_list_model_get_item (expected, i);
      g_autoptr(ZbPerson) p = zb_person_new (zb_attendee_get_member_id (a),
                                             zb_attendee_get_name (a), NULL, FALSE);

      g_list_store_append (people, p);
    }

  db = zb_store_begin_read (self);
  stmt = zb_sql_prepare (db, "SELECT id, name, affiliation FROM meeting_guests "
                             "WHERE meeting_id = ? AND deleted = 0 ORDER BY rowid", error);
  if (stmt != NULL)
    zb_sql_bind_text (stmt, 1, meeting_id);
  while (stmt != NULL && sqlite3_step (stmt) == SQLITE_ROW)
    {
      g_autoptr(ZbPerson) p = zb_person_new ((const char *) sqlite3_column_text (stmt, 0),
                                             (const char *) sqlite3_column_text (stmt, 1),
                                             (const char *) sqlite3_column_text (stmt, 2), TRUE);

      g_list_store_append (people, p);
    }
  g_clear_pointer (&stmt, sqlite3_finalize);
  zb_store_end_read (self, db);

  return G_LIST_MODEL (g_steal_pointer (&people));
}

/* A link names a member of the branch or a guest of this meeting; NULL is
 * no link. @field names it in the error. */
gboolean
zb_store_check_person_link_locked (sqlite3     *db,
                                   const char  *meeting_id,
                                   const char  *person_id,
                                   const char  *field,
                                   GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  if (person_id == NULL)
    return TRUE;

  stmt = zb_sql_prepare (db, "SELECT 1 FROM members WHERE id = ?1 AND deleted = 0 UNION ALL "
                             "SELECT 1 FROM meeting_guests WHERE id = ?1 AND meeting_id = ?2 "
                             "AND deleted = 0", error);
  if (stmt == NULL)
    return FALSE;

  zb_sql_bind_text (stmt, 1, person_id);
  zb_sql_bind_text (stmt, 2, meeting_id);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    return TRUE;

  /* TRANSLATORS: %s names the field, such as “Leading reader” */
  g_set_error (error, ZB_MEMBER_ERROR, ZB_MEMBER_ERROR_INVALID,
               _("%s: linked to no member and to no guest of this meeting; choose one from the "
                 "list, or leave the name unlinked"), field);
  return FALSE;
}
