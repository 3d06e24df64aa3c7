#define G_LOG_DOMAIN "zb-store-meeting-edit"

#include "config.h"

#include <glib/gi18n.h>

#include "zb-member-rules.h"
#include "zb-store-private.h"

/* A meeting's record is drafted in the app until it is finalised: its date,
 * times, place, chair and recorder are corrected, guests come and go and an
 * agenda item entered by mistake is removed. Once finalised, nothing here
 * changes it (DOMAIN.md section 3: a finalised record is immutable; a
 * correction is an addendum). */

/* The chair and the recorder sign the record: each must be a member on
 * the roster (a tombstoned row was entered by mistake). */
static gboolean
check_signer (sqlite3     *db,
              const char  *member_id,
              const char  *field,
              GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  if (member_id == NULL)
    return TRUE;
  stmt = zb_sql_prepare (db, "SELECT 1 FROM members WHERE id = ? AND deleted = 0", error);
  if (stmt == NULL)
    return FALSE;

  zb_sql_bind_text (stmt, 1, member_id);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    return TRUE;

  /* TRANSLATORS: the first %s is "Chair" or "Recorder", the second a member's ID */
  g_set_error (error, ZB_MEMBER_ERROR, ZB_MEMBER_ERROR_NOT_FOUND,
               _("%s: no member has the ID %s; choose one from the list of members"), field,
               member_id);
  return FALSE;
}

static gboolean
write_meeting (sqlite3    *db,
               ZbMeeting  *meeting,
               GError    **error)
{
  g_autofree char *now = zb_store_now ();
  const char *values[] = {
    zb_meeting_get_title (meeting), zb_meeting_get_date (meeting),
    zb_meeting_get_start_time (meeting), zb_meeting_get_end_time (meeting),
    zb_meeting_get_place (meeting), zb_meeting_get_chair_id (meeting),
    zb_meeting_get_recorder_id (meeting), now, zb_meeting_get_id (meeting),
  };

  return zb_sql_run (db, "UPDATE OR FAIL meetings SET title = ?, date = ?, start_time = ?, "
                         "end_time = ?, place = ?, chair_id = ?, recorder_id = ?, "
                         "updated_at = ? WHERE id = ? AND deleted = 0",
                     values, G_N_ELEMENTS (values), error);
}

static gboolean
update_meeting_body (sqlite3  *db,
                     gpointer  data,
                     GError  **error)
{
  ZbMeeting *meeting = data;
  g_autoptr(ZbMeeting) stored = zb_store_get_meeting_locked (db, zb_meeting_get_id (meeting),
                                                             error);

  if (stored == NULL || !zb_store_check_not_final (db, zb_meeting_get_id (meeting), error))
    return FALSE;

  /* The type, the party group and the record corrected stay as created: they
   * decide who is expected, and what the meeting counts for in the checks. */
  zb_meeting_set_type_code (meeting, zb_meeting_get_type_code (stored));
  zb_meeting_set_party_group (meeting, zb_meeting_get_party_group (stored));
  zb_meeting_set_addendum_of (meeting, zb_meeting_get_addendum_of (stored));

  return zb_meeting_validate (meeting, error) &&
         check_signer (db, zb_meeting_get_chair_id (meeting), _("Chair"), error) &&
         check_signer (db, zb_meeting_get_recorder_id (meeting), _("Recorder"), error) &&
         write_meeting (db, meeting, error);
}

/* Writes @meeting's title, date, start and end times, place, chair and
 * recorder over the stored ones, in one transaction; refused once the
 * meeting is finalised, and checked as zb_store_add_meeting checks. */
gboolean
zb_store_update_meeting (ZbStore    *self,
                         ZbMeeting  *meeting,
                         GError    **error)
{
  g_return_val_if_fail (ZB_IS_STORE (self), FALSE);
  g_return_val_if_fail (ZB_IS_MEETING (meeting), FALSE);

  if (zb_meeting_get_id (meeting) == NULL)
    return zb_store_refuse (error, _("Meeting: give the ID of the meeting to change"));

  return zb_store_run_write (self, update_meeting_body, meeting, error);
}

static GObject *
guest_from_row (sqlite3_stmt *stmt)
{
  return G_OBJECT (zb_guest_new ((const char *) sqlite3_column_text (stmt, 0),
                                 (const char *) sqlite3_column_text (stmt, 1),
                                 (const char *) sqlite3_column_text (stmt, 2)));
}

/* The meeting's guests (列席人员) with their row IDs, in order of entry. */
GListModel *
zb_store_list_meeting_guests (ZbStore     *self,
                              const char  *meeting_id,
                              GError     **error)
{
  sqlite3 *db = zb_store_begin_read (self);
  GListModel *list;

  list = zb_sql_list (db, ZB_TYPE_GUEST,
                      "SELECT id, name, affiliation FROM meeting_guests "
                      "WHERE meeting_id = ?1 AND deleted = 0 ORDER BY rowid",
                      meeting_id, NULL, guest_from_row, error);
  zb_store_end_read (self, db);
  return list;
}

/* The meeting a row of @table belongs to, or NULL with @error set. */
static char *
owning_meeting (sqlite3     *db,
                const char  *table,
                const char  *row_id,
                const char  *missing,
                GError     **error)
{
  g_autofree char *sql = g_strdup_printf ("SELECT meeting_id FROM %s WHERE id = ? "
                                          "AND deleted = 0", table);
  g_autoptr(sqlite3_stmt) stmt = zb_sql_prepare (db, sql, error);

  if (stmt == NULL)
    return NULL;
  zb_sql_bind_text (stmt, 1, row_id);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    return g_strdup ((const char *) sqlite3_column_text (stmt, 0));

  g_set_error_literal (error, ZB_MEMBER_ERROR, ZB_MEMBER_ERROR_NOT_FOUND, missing);
  return NULL;
}

typedef struct
{
  const char *table;
  const char *row_id;
  const char *missing;
} Removal;

/* A tombstone (DESIGN.md, Storage): the row was entered by mistake; the
 * outbox sends it as a delete. */
static gboolean
remove_body (sqlite3  *db,
             gpointer  data,
             GError  **error)
{
  Removal *removal = data;
  g_autofree char *meeting_id = owning_meeting (db, removal->table, removal->row_id,
                                                removal->missing, error);
  g_autofree char *sql = g_strdup_printf ("UPDATE OR FAIL %s SET deleted = 1 WHERE id = ?",
                                          removal->table);

  return meeting_id != NULL && zb_store_check_not_final (db, meeting_id, error) &&
         zb_sql_run (db, sql, &removal->row_id, 1, error);
}

gboolean
zb_store_remove_guest (ZbStore     *self,
                       const char  *guest_id,
                       GError     **error)
{
  Removal removal = { "meeting_guests", guest_id,
                      _("Guest: not among the guests of this meeting; it may have been removed "
                        "already") };

  return zb_store_run_write (self, remove_body, &removal, error);
}

/* The other items keep their positions: the agenda's order stays, with a
 * gap where the removed item stood. */
gboolean
zb_store_remove_agenda_item (ZbStore     *self,
                             const char  *item_id,
                             GError     **error)
{
  Removal removal = { "agenda_items", item_id,
                      _("Agenda item: no such item; it may have been removed already") };

  return zb_store_run_write (self, remove_body, &removal, error);
}
