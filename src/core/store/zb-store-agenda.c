#define G_LOG_DOMAIN "zb-store-agenda"

#include "config.h"

#include <glib/gi18n.h>

#include "zb-store-private.h"

/* The minutes of a meeting: its agenda items, in order, with their text, and
 * the autosave of the minutes editor (the items and the first item at once).
 * Their votes are in zb-store-votes.c, the measures decided in
 * zb-store-measures.c and the first item in zb-store-first-item.c. */

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
  g_autoptr(ZbMeeting) meeting = NULL;

  /* Looked up here, in the write transaction, and not on the read
   * connection before it: a read there after the last commit would decrypt
   * again every page it needs (WAL drops its whole cache; issue 14). */
  if ((meeting = zb_store_get_meeting_locked (db, zb_agenda_item_get_meeting_id (item),
                                              error)) == NULL ||
      !zb_store_check_not_final (db, zb_agenda_item_get_meeting_id (item), error))
    return FALSE;

  stmt = zb_sql_prepare (db,
                         "INSERT OR FAIL INTO agenda_items (id, meeting_id, position, title, "
                         "minutes, resolution) SELECT ?1, ?2, coalesce(max(position), 0) + 1, ?3, "
                         "?4, ?5 FROM agenda_items WHERE meeting_id = ?2 AND deleted = 0", error);
  if (stmt == NULL)
    return FALSE;

  zb_sql_bind_text (stmt, 1, id);
  zb_sql_bind_text (stmt, 2, zb_agenda_item_get_meeting_id (item));
  zb_sql_bind_text (stmt, 3, zb_agenda_item_get_title (item));
  zb_sql_bind_text (stmt, 4, zb_agenda_item_get_minutes (item));
  zb_sql_bind_text (stmt, 5, zb_agenda_item_get_resolution (item));
  if (!zb_sql_step_done (db, stmt, error))
    return FALSE;

  zb_agenda_item_set_id (item, id);
  return TRUE;
}

/* Refuses changes to an item of a finalised meeting (zb_store_check_not_final). */
gboolean
zb_store_check_item_not_final (sqlite3     *db,
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

  if (zb_agenda_item_get_title (item) == NULL)
    {
      zb_store_refuse (error, _("Title: an agenda item needs its title"));
      return NULL;
    }
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

  if (!zb_store_check_item_not_final (db, zb_agenda_item_get_id (item), error))
    return FALSE;

  stmt = zb_sql_prepare (db, "UPDATE OR FAIL agenda_items SET title = ?, minutes = ?, "
                             "resolution = ? WHERE id = ? AND deleted = 0", error);
  if (stmt == NULL)
    return FALSE;

  zb_sql_bind_text (stmt, 1, zb_agenda_item_get_title (item));
  zb_sql_bind_text (stmt, 2, zb_agenda_item_get_minutes (item));
  zb_sql_bind_text (stmt, 3, zb_agenda_item_get_resolution (item));
  zb_sql_bind_text (stmt, 4, zb_agenda_item_get_id (item));
  if (!zb_sql_step_done (db, stmt, error))
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
