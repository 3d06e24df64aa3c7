#define G_LOG_DOMAIN "zb-store-first-item"

#include "config.h"

#include <glib/gi18n.h>

#include "zb-store-private.h"

/* The first agenda item (第一议题) of a meeting, its contributions, and the
 * first-item templates kept in the branch database (DOMAIN.md section 3). */

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
  g_autoptr(GString) sql = g_string_new ("UPDATE OR FAIL first_item_contributions SET deleted = 1 "
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
  return zb_sql_step_done (db, stmt, error);
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

  update = zb_sql_prepare (db, "UPDATE OR FAIL first_item_contributions SET position = ?2, "
                               "speaker = ?3, summary = coalesce(?4, ''), speaker_id = ?6, "
                               "deleted = 0 WHERE id = ?5 AND first_item_id = ?1", error);
  insert = zb_sql_prepare (db, "INSERT OR FAIL INTO first_item_contributions (id, first_item_id, "
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
      if (!zb_sql_step_done (db, update, error))
        return FALSE;
      if (sqlite3_changes (db) == 0 && !zb_sql_step_done (db, insert, error))
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
                         ? "UPDATE OR FAIL first_items SET topic = ?3, material = ?4, source = ?5, "
                           "source_date = ?6, form = ?7, leader = ?8, participants = ?9, "
                           "proceedings = ?10, leader_id = ?11 WHERE id = ?1 AND meeting_id = ?2"
                         : "INSERT OR FAIL INTO first_items (id, meeting_id, topic, material, "
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

  return zb_sql_step_done (db, stmt, error) &&
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

  stmt = zb_sql_prepare (db, "INSERT OR FAIL INTO first_item_templates (id, name, body) "
                             "VALUES (?, ?, ?)",
                         error);
  if (stmt != NULL)
    {
      zb_sql_bind_text (stmt, 1, id);
      zb_sql_bind_text (stmt, 2, zb_first_item_template_get_name (template));
      zb_sql_bind_text (stmt, 3, body);
    }
  if (stmt == NULL || !zb_sql_step_done (db, stmt, error))
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

/* The first items of the meetings from @from to @to (ISO dates, either may
 * be NULL), the newest first: every meeting that has one, and every meeting
 * that needs one (DOMAIN.md section 3) with or without it, so that those
 * lacking it show. Addenda are their meetings' corrections, not meetings. */
GListModel *
zb_store_list_first_items (ZbStore     *self,
                           const char  *from,
                           const char  *to,
                           GError     **error)
{
  g_autoptr(GListModel) meetings = zb_store_list_meetings (self, from, to, error);
  GListStore *entries;
  sqlite3 *db;

  if (meetings == NULL)
    return NULL;

  entries = g_list_store_new (ZB_TYPE_FIRST_ITEM_ENTRY);
  db = zb_store_begin_read (self);
  for (guint i = g_list_model_get_n_items (meetings); i > 0; i--)
    {
      g_autoptr(ZbMeeting) meeting = g_list_model_get_item (meetings, i - 1);
      g_autoptr(ZbFirstItem) first = NULL;
      g_autoptr(ZbFirstItemEntry) entry = NULL;

      if (zb_meeting_get_addendum_of (meeting) != NULL)
        continue;
      first = zb_store_get_first_item_locked (db, zb_meeting_get_id (meeting), NULL);
      entry = zb_first_item_entry_new (meeting, first);
      if (first != NULL || zb_first_item_entry_is_required (entry))
        g_list_store_append (entries, entry);
    }
  zb_store_end_read (self, db);

  return G_LIST_MODEL (entries);
}
