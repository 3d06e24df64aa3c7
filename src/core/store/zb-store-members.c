#define G_LOG_DOMAIN "zb-store-members"

#include "config.h"

#include <glib/gi18n.h>

#include "zb-date.h"
#include "zb-member-rules.h"
#include "zb-store-private.h"

/* "id, revision, name, sex, …" in field order, built once from the field table. */
const char *
zb_store_member_columns (void)
{
  static char *columns;

  if (g_once_init_enter (&columns))
    {
      GString *s = g_string_new ("id, revision");

      for (guint i = 0; i < ZB_MEMBER_N_FIELDS; i++)
        g_string_append_printf (s, ", %s", zb_member_field_info (i)->key);
      g_once_init_leave (&columns, g_string_free (s, FALSE));
    }

  return columns;
}

/* The same columns, each qualified by @table, for joins. */
char *
zb_store_member_columns_of (const char *table)
{
  g_auto(GStrv) names = g_strsplit (zb_store_member_columns (), ", ", -1);
  GString *s = g_string_new (NULL);

  for (guint i = 0; names[i]; i++)
    g_string_append_printf (s, "%s%s.%s", i ? ", " : "", table, names[i]);

  return g_string_free (s, FALSE);
}

/* A member from the columns of zb_store_member_columns(), from @first on. */
ZbMember *
zb_store_member_from_row_at (sqlite3_stmt *stmt,
                             int           first)
{
  ZbMember *member = zb_member_new ();

  zb_member_set_id (member, (const char *) sqlite3_column_text (stmt, first));
  zb_member_set_revision (member, sqlite3_column_int64 (stmt, first + 1));
  for (guint i = 0; i < ZB_MEMBER_N_FIELDS; i++)
    zb_member_set (member, i, (const char *) sqlite3_column_text (stmt, first + i + 2));

  return member;
}

ZbMember *
zb_store_member_from_row (sqlite3_stmt *stmt)
{
  return zb_store_member_from_row_at (stmt, 0);
}

const char *
zb_store_member_insert_sql (void)
{
  static char *sql;

  if (g_once_init_enter (&sql))
    {
      GString *s = g_string_new (NULL);

      g_string_printf (s, "INSERT OR FAIL INTO members (%s, created_at, updated_at) VALUES (?, 0",
                       zb_store_member_columns ());
      for (guint i = 0; i < ZB_MEMBER_N_FIELDS + 2; i++)
        g_string_append (s, ", ?");
      g_string_append (s, ")");
      g_once_init_leave (&sql, g_string_free (s, FALSE));
    }

  return sql;
}

/* The text a field is written as: the NOT NULL DEFAULT columns take the
 * default for "not given". */
static const char *
field_value (ZbMember *member,
             guint     field)
{
  const char *value = zb_member_get (member, field);

  if (value == NULL && zb_member_field_info (field)->kind == ZB_FIELD_KIND_BOOL)
    return "0";
  return value;
}

static void
bind_fields (sqlite3_stmt *stmt,
             int           first,
             ZbMember     *member)
{
  for (guint i = 0; i < ZB_MEMBER_N_FIELDS; i++)
    zb_sql_bind_text (stmt, first + i, field_value (member, i));
}

#define FIND_ID_NUMBER_SQL \
  "SELECT id FROM members WHERE id_number = ? AND deleted = 0 AND id IS NOT ?"

/* The statements of one write transaction, prepared once for all its rows:
 * an import of 10,000 people would otherwise spend most of its time in the
 * SQL compiler. */
typedef struct
{
  sqlite3      *db;
  sqlite3_stmt *find;
  sqlite3_stmt *insert;
  char         *now;      /* one time for all the rows of the transaction */
} Writer;

static void
writer_clear (Writer *writer)
{
  g_clear_pointer (&writer->find, sqlite3_finalize);
  g_clear_pointer (&writer->insert, sqlite3_finalize);
  g_clear_pointer (&writer->now, g_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Writer, writer_clear)

static gboolean
writer_init (Writer   *writer,
             sqlite3  *db,
             GError  **error)
{
  writer->db = db;
  writer->now = zb_store_now ();
  writer->find = zb_sql_prepare (db, FIND_ID_NUMBER_SQL, error);
  if (writer->find == NULL)
    return FALSE;

  writer->insert = zb_sql_prepare (db, zb_store_member_insert_sql (), error);
  return writer->insert != NULL;
}

/* Another live record with the same citizen ID number, or NULL. */
static char *
find_id_number (Writer      *writer,
                const char  *id_number,
                const char  *except_id)
{
  char *id = NULL;

  sqlite3_reset (writer->find);
  zb_sql_bind_text (writer->find, 1, id_number);
  zb_sql_bind_text (writer->find, 2, except_id);
  if (sqlite3_step (writer->find) == SQLITE_ROW)
    id = g_strdup ((const char *) sqlite3_column_text (writer->find, 0));
  sqlite3_reset (writer->find);

  return id;
}

/* The rules, then one citizen ID number per branch (DOMAIN.md section 1). */
static gboolean
check_member (Writer    *writer,
              ZbMember  *member,
              GError   **error)
{
  const char *id_number;
  g_autofree char *other = NULL;

  zb_member_rules_complete (member);
  if (!zb_member_rules_validate (member, error))
    return FALSE;

  id_number = zb_member_get (member, ZB_MEMBER_FIELD_ID_NUMBER);
  other = find_id_number (writer, id_number, zb_member_get_id (member));
  if (other != NULL)
    {
      g_set_error (error, ZB_MEMBER_ERROR, ZB_MEMBER_ERROR_DUPLICATE,
                   _("%s: another person on the roster (%s) already has this number"),
                   _(zb_member_field_info (ZB_MEMBER_FIELD_ID_NUMBER)->label), other);
      return FALSE;
    }

  return TRUE;
}

static gboolean
insert_member (Writer    *writer,
               ZbMember  *member,
               GError   **error)
{
  sqlite3_stmt *stmt = writer->insert;
  g_autofree char *id = g_uuid_string_random ();

  if (!check_member (writer, member, error))
    return FALSE;

  sqlite3_reset (stmt);
  zb_sql_bind_text (stmt, 1, id);
  bind_fields (stmt, 2, member);
  zb_sql_bind_text (stmt, ZB_MEMBER_N_FIELDS + 2, writer->now);
  zb_sql_bind_text (stmt, ZB_MEMBER_N_FIELDS + 3, writer->now);
  if (sqlite3_step (stmt) != SQLITE_DONE)
    return zb_sql_fail (writer->db, error);

  zb_member_set_id (member, id);
  return TRUE;
}

char *
zb_store_add_member (ZbStore   *self,
                     ZbMember  *member,
                     GError   **error)
{
  g_auto(Writer) writer = { 0 };
  sqlite3 *db;

  g_return_val_if_fail (zb_member_get_id (member) == NULL, NULL);

  if ((db = zb_store_begin_write (self, error)) == NULL)
    return NULL;

  if (!writer_init (&writer, db, error) || !insert_member (&writer, member, error))
    {
      zb_store_rollback_write (self);
      return NULL;
    }
  if (!zb_store_commit_write (self, error))
    return NULL;

  return g_strdup (zb_member_get_id (member));
}

/* All or nothing, in one transaction: an import is one user action. */
gboolean
zb_store_add_members (ZbStore    *self,
                      GPtrArray  *members,
                      GError    **error)
{
  g_auto(Writer) writer = { 0 };
  sqlite3 *db;

  if ((db = zb_store_begin_write (self, error)) == NULL)
    return FALSE;
  if (!writer_init (&writer, db, error))
    {
      zb_store_rollback_write (self);
      return FALSE;
    }

  for (guint i = 0; i < members->len; i++)
    {
      ZbMember *member = g_ptr_array_index (members, i);

      if (!insert_member (&writer, member, error))
        {
          zb_store_rollback_write (self);
          for (guint j = 0; j < i; j++)
            zb_member_set_id (g_ptr_array_index (members, j), NULL);
          g_prefix_error (error, _("Row %u: "), i + 1);
          return FALSE;
        }
    }

  return zb_store_commit_write (self, error);
}

static gboolean
not_found (const char  *id,
           GError     **error)
{
  g_set_error (error, ZB_MEMBER_ERROR, ZB_MEMBER_ERROR_NOT_FOUND,
               _("No member has the ID %s"), id);
  return FALSE;
}

/* The fields of @member whose values differ from its row's, as field
 * numbers; NULL when the member is not there (or a tombstone). */
static GArray *
changed_fields (sqlite3     *db,
                ZbMember    *member,
                GError     **error)
{
  g_autoptr(GString) sql = g_string_new ("SELECT ");
  g_autoptr(sqlite3_stmt) stmt = NULL;
  GArray *changed;

  for (guint i = 0; i < ZB_MEMBER_N_FIELDS; i++)
    g_string_append_printf (sql, "%s%s", i ? ", " : "", zb_member_field_info (i)->key);
  g_string_append (sql, " FROM members WHERE id = ? AND deleted = 0");
  stmt = zb_sql_prepare (db, sql->str, error);
  if (stmt == NULL)
    return NULL;
  zb_sql_bind_text (stmt, 1, zb_member_get_id (member));
  if (sqlite3_step (stmt) != SQLITE_ROW)
    {
      not_found (zb_member_get_id (member), error);
      return NULL;
    }

  /* Compared as the text SQLite gives back, NULL apart: the same text
   * written again under the column's affinity is the same value. */
  changed = g_array_new (FALSE, FALSE, sizeof (guint));
  for (guint i = 0; i < ZB_MEMBER_N_FIELDS; i++)
    {
      const char *stored = sqlite3_column_type (stmt, i) == SQLITE_NULL
                           ? NULL : (const char *) sqlite3_column_text (stmt, i);

      if (g_strcmp0 (stored, field_value (member, i)) != 0)
        g_array_append_val (changed, i);
    }

  return changed;
}

/* Sets only the fields that changed. SQLite rewrites an index, and fires
 * an UPDATE OF trigger (the search index's queue, the status history), for
 * each column a SET names, changed or not; and every page a transaction
 * writes costs SQLCipher an encryption and an HMAC (issue 14, DESIGN.md
 * Performance). An edit of a phone number thus leaves the indexes on name,
 * ID number and 党小组 and the search index alone. The outbox records the
 * same columns either way: its trigger compares the values. */
static gboolean
update_member (sqlite3   *db,
               ZbMember  *member,
               GError   **error)
{
  g_auto(Writer) writer = { 0 };
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GArray) changed = NULL;
  g_autoptr(GString) sql = g_string_new (NULL);
  g_autofree char *now = zb_store_now ();
  gboolean status_changed = FALSE;

  if (!writer_init (&writer, db, error) || !check_member (&writer, member, error) ||
      (changed = changed_fields (db, member, error)) == NULL)
    return FALSE;

  for (guint i = 0; i < changed->len; i++)
    status_changed |= g_array_index (changed, guint, i) == ZB_MEMBER_FIELD_STATUS ||
                      g_array_index (changed, guint, i) == ZB_MEMBER_FIELD_STATUS_DATE;
  /* OR FAIL (zb-store-private.h) would also override the OR REPLACE of the
   * status history's trigger, which a status set again on the same day
   * needs. */
  g_string_append (sql, status_changed ? "UPDATE" : "UPDATE OR FAIL");
  g_string_append (sql, " members SET updated_at = ?");
  for (guint i = 0; i < changed->len; i++)
    g_string_append_printf (sql, ", %s = ?",
                            zb_member_field_info (g_array_index (changed, guint, i))->key);
  g_string_append (sql, " WHERE id = ? AND deleted = 0");
  stmt = zb_sql_prepare (db, sql->str, error);
  if (stmt == NULL)
    return FALSE;

  zb_sql_bind_text (stmt, 1, now);
  for (guint i = 0; i < changed->len; i++)
    zb_sql_bind_text (stmt, i + 2, field_value (member, g_array_index (changed, guint, i)));
  zb_sql_bind_text (stmt, changed->len + 2, zb_member_get_id (member));
  if (sqlite3_step (stmt) != SQLITE_DONE)
    return zb_sql_fail (db, error);
  if (sqlite3_changes (db) == 0)
    return not_found (zb_member_get_id (member), error);

  return TRUE;
}

gboolean
zb_store_update_member (ZbStore   *self,
                        ZbMember  *member,
                        GError   **error)
{
  sqlite3 *db;

  g_return_val_if_fail (zb_member_get_id (member) != NULL, FALSE);

  if ((db = zb_store_begin_write (self, error)) == NULL)
    return FALSE;

  if (!update_member (db, member, error))
    {
      zb_store_rollback_write (self);
      return FALSE;
    }

  return zb_store_commit_write (self, error);
}

static ZbMember *
get_member (sqlite3     *db,
            const char  *id,
            GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autofree char *sql = NULL;

  sql = g_strdup_printf ("SELECT %s FROM members WHERE id = ? AND deleted = 0",
                         zb_store_member_columns ());
  stmt = zb_sql_prepare (db, sql, error);
  if (stmt == NULL)
    return NULL;

  zb_sql_bind_text (stmt, 1, id);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    {
      not_found (id, error);
      return NULL;
    }

  return zb_store_member_from_row (stmt);
}

/* For the store's other files: one member, and an update checked by the
 * member rules, inside their own transaction. */
ZbMember *
zb_store_get_member_locked (sqlite3     *db,
                            const char  *id,
                            GError     **error)
{
  return get_member (db, id, error);
}

gboolean
zb_store_update_member_locked (sqlite3   *db,
                               ZbMember  *member,
                               GError   **error)
{
  return update_member (db, member, error);
}

/* Archiving (转出, 出党, 除名, 死亡) is a change of status, never a tombstone:
 * the person stays in the records (DESIGN.md, Storage). */
gboolean
zb_store_archive_member (ZbStore     *self,
                         const char  *id,
                         const char  *status,
                         const char  *date,
                         const char  *reason,
                         GError     **error)
{
  g_autoptr(ZbMember) member = NULL;
  g_autofree char *today = zb_date_today_iso ();
  sqlite3 *db;

  if ((db = zb_store_begin_write (self, error)) == NULL)
    return FALSE;

  member = get_member (db, id, error);
  if (member == NULL)
    goto fail;

  zb_member_set (member, ZB_MEMBER_FIELD_STATUS, status);
  if (!zb_member_is_archived (member))
    {
      g_set_error (error, ZB_MEMBER_ERROR, ZB_MEMBER_ERROR_INVALID,
                   _("%s: “%s” does not archive a member; use transferred-out, expelled, "
                     "removed or deceased"),
                   _(zb_member_field_info (ZB_MEMBER_FIELD_STATUS)->label), status);
      goto fail;
    }
  zb_member_set (member, ZB_MEMBER_FIELD_STATUS_DATE, date ? date : today);
  zb_member_set (member, ZB_MEMBER_FIELD_STATUS_REASON, reason);

  if (!update_member (db, member, error))
    goto fail;

  return zb_store_commit_write (self, error);

fail:
  zb_store_rollback_write (self);
  return FALSE;
}

ZbMember *
zb_store_get_member (ZbStore     *self,
                     const char  *id,
                     GError     **error)
{
  sqlite3 *db;
  ZbMember *member;

  db = zb_store_begin_read (self);
  member = get_member (db, id, error);
  zb_store_end_read (self, db);

  return member;
}

/* An importer asks this once a row: the statement is prepared once a store. */
char *
zb_store_find_id_number (ZbStore     *self,
                         const char  *id_number,
                         GError     **error)
{
  Writer writer = { self->writer, NULL, NULL, NULL };
  char *id = NULL;

  g_mutex_lock (&self->write_lock);
  if (self->find_id_number == NULL)
    self->find_id_number = zb_sql_prepare (self->writer, FIND_ID_NUMBER_SQL, error);
  if ((writer.find = self->find_id_number) != NULL)
    id = find_id_number (&writer, id_number, NULL);
  g_mutex_unlock (&self->write_lock);

  return id;
}

#define LIVE_CLAUSE "deleted = 0 AND status IN ('normal', 'suspended')"

GListModel *
zb_store_list_members (ZbStore   *self,
                       gboolean   include_archived,
                       GError   **error)
{
  sqlite3 *db;
  GListModel *list;

  g_autofree char *sql = g_strdup_printf ("SELECT %s FROM members WHERE %s "
                                          "ORDER BY name COLLATE PINYIN, name, rowid",
                                          zb_store_member_columns (),
                                          include_archived ? "deleted = 0" : LIVE_CLAUSE);

  db = zb_store_begin_read (self);
  list = zb_sql_list (db, ZB_TYPE_MEMBER, sql, NULL, NULL,
                      (ZbRowFunc) zb_store_member_from_row, error);
  zb_store_end_read (self, db);

  return list;
}

/* The party groups of the roster, for a group meeting's form. */
GStrv
zb_store_list_party_groups (ZbStore  *self,
                            GError  **error)
{
  sqlite3 *db;
  g_autoptr(GStrvBuilder) groups = g_strv_builder_new ();
  g_autoptr(sqlite3_stmt) stmt = NULL;
  gboolean ok;
  int rc = SQLITE_DONE;

  db = zb_store_begin_read (self);
  stmt = zb_sql_prepare (db, "SELECT DISTINCT party_group FROM members WHERE "
                                       LIVE_CLAUSE " AND party_group IS NOT NULL "
                                       "ORDER BY party_group", error);
  while (stmt != NULL && (rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_strv_builder_add (groups, (const char *) sqlite3_column_text (stmt, 0));
  ok = stmt != NULL && (rc == SQLITE_DONE || zb_sql_fail (db, error));
  g_clear_pointer (&stmt, sqlite3_finalize);
  zb_store_end_read (self, db);

  return ok ? g_strv_builder_end (groups) : NULL;
}

guint
zb_store_count_members (ZbStore   *self,
                        gboolean   include_archived,
                        GError   **error)
{
  sqlite3 *db;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autofree char *sql = NULL;
  guint count = 0;

  /* The roster's own count is kept by triggers (migration step 16). */
  sql = include_archived ? g_strdup ("SELECT count(*) FROM members WHERE deleted = 0")
                         : g_strdup ("SELECT live FROM roster_count");

  db = zb_store_begin_read (self);
  stmt = zb_sql_prepare (db, sql, error);
  if (stmt != NULL && sqlite3_step (stmt) == SQLITE_ROW)
    count = sqlite3_column_int (stmt, 0);
  else if (stmt != NULL)
    zb_sql_fail (db, error);
  zb_store_end_read (self, db);

  return count;
}

static void
save_member_thread (GTask        *task,
                    gpointer      source_object,
                    gpointer      task_data,
                    GCancellable *cancellable)
{
  ZbStore *self = source_object;
  ZbMember *member = task_data;
  GError *error = NULL;

  if (zb_member_get_id (member) == NULL)
    {
      char *id = zb_store_add_member (self, member, &error);
      if (id == NULL)
        g_task_return_error (task, error);
      else
        g_task_return_pointer (task, id, g_free);
    }
  else if (zb_store_update_member (self, member, &error))
    g_task_return_pointer (task, g_strdup (zb_member_get_id (member)), g_free);
  else
    g_task_return_error (task, error);
}

/* Saves a copy, so the caller's form may go on changing while it runs. */
void
zb_store_save_member_async (ZbStore             *self,
                            ZbMember            *member,
                            GCancellable        *cancellable,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (self, cancellable, callback, user_data);

  g_task_set_source_tag (task, zb_store_save_member_async);
  g_task_set_task_data (task, zb_member_copy (member), g_object_unref);
  g_task_run_in_thread (task, save_member_thread);
}

char *
zb_store_save_member_finish (ZbStore       *self,
                             GAsyncResult  *result,
                             GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

static void
add_members_thread (GTask        *task,
                    gpointer      source_object,
                    gpointer      task_data,
                    GCancellable *cancellable)
{
  GError *error = NULL;

  if (zb_store_add_members (source_object, task_data, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

void
zb_store_add_members_async (ZbStore             *self,
                            GPtrArray           *members,
                            GCancellable        *cancellable,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (self, cancellable, callback, user_data);

  g_task_set_source_tag (task, zb_store_add_members_async);
  g_task_set_task_data (task, g_ptr_array_ref (members), (GDestroyNotify) g_ptr_array_unref);
  g_task_run_in_thread (task, add_members_thread);
}

gboolean
zb_store_add_members_finish (ZbStore       *self,
                             GAsyncResult  *result,
                             GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

static gboolean
insert_transfer (sqlite3     *db,
                 ZbTransfer  *transfer,
                 GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autofree char *id = g_uuid_string_random ();

  stmt = zb_sql_prepare (db,
                         "INSERT OR FAIL INTO member_transfers (id, member_id, direction, date, "
                         "organisation, letter_number) VALUES (?, ?, ?, ?, ?, ?)", error);
  if (stmt == NULL)
    return FALSE;

  zb_sql_bind_text (stmt, 1, id);
  zb_sql_bind_text (stmt, 2, zb_transfer_get_member_id (transfer));
  zb_sql_bind_text (stmt, 3, zb_transfer_is_incoming (transfer) ? "in" : "out");
  zb_sql_bind_text (stmt, 4, zb_transfer_get_date (transfer));
  zb_sql_bind_text (stmt, 5, zb_transfer_get_organisation (transfer));
  zb_sql_bind_text (stmt, 6, zb_transfer_get_letter_number (transfer));
  if (sqlite3_step (stmt) != SQLITE_DONE)
    return zb_sql_fail (db, error);

  zb_transfer_set_id (transfer, id);
  return TRUE;
}

/* Only a full or probationary member has an organisational relationship to
 * transfer (zb_member_in_party()). The error names the field at fault: the
 * new member form's "Transferred in from", or an existing member's
 * category. */
static gboolean
check_has_relationship (ZbMember  *member,
                        gboolean   new_member,
                        GError   **error)
{
  if (zb_member_in_party (member))
    return TRUE;
  if (new_member)
    g_set_error_literal (error, ZB_MEMBER_ERROR, ZB_MEMBER_ERROR_INVALID,
                         _("Transferred in from: only a full or probationary member has an "
                           "organisational relationship to transfer"));
  else
    g_set_error_literal (error, ZB_MEMBER_ERROR, ZB_MEMBER_ERROR_INVALID,
                         _("Category: only a full or probationary member has an organisational "
                           "relationship to transfer"));
  return FALSE;
}

/* A transfer out also archives the member, in the same transaction: the
 * relationship has left the branch (DESIGN.md: archiving is a status).
 * Refused for anyone but a full or probationary member. */
gboolean
zb_store_add_transfer (ZbStore     *self,
                       ZbTransfer  *transfer,
                       GError     **error)
{
  g_autoptr(ZbMember) member = NULL;
  sqlite3 *db;

  if (!zb_transfer_validate (transfer, error))
    return FALSE;
  if ((db = zb_store_begin_write (self, error)) == NULL)
    return FALSE;

  member = get_member (db, zb_transfer_get_member_id (transfer), error);
  if (member == NULL || !check_has_relationship (member, FALSE, error) ||
      !insert_transfer (db, transfer, error))
    goto fail;

  if (!zb_transfer_is_incoming (transfer))
    {
      zb_member_set (member, ZB_MEMBER_FIELD_STATUS, ZB_STATUS_TRANSFERRED_OUT);
      zb_member_set (member, ZB_MEMBER_FIELD_STATUS_DATE, zb_transfer_get_date (transfer));
      zb_member_set (member, ZB_MEMBER_FIELD_STATUS_REASON, zb_transfer_get_organisation (transfer));
      if (!update_member (db, member, error))
        goto fail;
    }
  else if (g_strcmp0 (zb_member_get (member, ZB_MEMBER_FIELD_STATUS),
                      ZB_STATUS_TRANSFERRED_OUT) == 0)
    {
      /* Back in the branch: a member again from the transfer's day on, in
       * the status history too (meetings after it expect them). */
      zb_member_set (member, ZB_MEMBER_FIELD_STATUS, ZB_STATUS_NORMAL);
      zb_member_set (member, ZB_MEMBER_FIELD_STATUS_DATE, zb_transfer_get_date (transfer));
      zb_member_set (member, ZB_MEMBER_FIELD_STATUS_REASON, zb_transfer_get_organisation (transfer));
      if (!update_member (db, member, error))
        goto fail;
    }

  return zb_store_commit_write (self, error);

fail:
  zb_store_rollback_write (self);
  return FALSE;
}

/**
 * zb_store_add_member_transferred_in:
 * @member: a new member, without an ID
 * @date: the day the relationship came into the branch
 * @organisation: the party organisation it came from
 * @letter_number: (nullable): the introduction letter's number
 *
 * Adds a member whose organisational relationship came from another
 * organisation (转入), with the transfer in, in one transaction: refused,
 * nothing written, when the transfer is not valid or the person is not a
 * full or probationary member, the only ones with a relationship to
 * transfer (the Constitution, articles 5 to 7; DOMAIN.md section 1).
 *
 * Returns: (transfer full): the new member's ID
 */
char *
zb_store_add_member_transferred_in (ZbStore     *self,
                                    ZbMember    *member,
                                    const char  *date,
                                    const char  *organisation,
                                    const char  *letter_number,
                                    GError     **error)
{
  g_auto(Writer) writer = { 0 };
  g_autoptr(ZbTransfer) transfer = NULL;
  sqlite3 *db;

  g_return_val_if_fail (zb_member_get_id (member) == NULL, NULL);

  if (!check_has_relationship (member, TRUE, error))
    return NULL;
  if ((db = zb_store_begin_write (self, error)) == NULL)
    return NULL;
  if (!writer_init (&writer, db, error) || !insert_member (&writer, member, error))
    goto fail;
  transfer = zb_transfer_new (zb_member_get_id (member), TRUE, date, organisation,
                              letter_number);
  if (!zb_transfer_validate (transfer, error) || !insert_transfer (db, transfer, error))
    goto fail;
  if (!zb_store_commit_write (self, error))
    goto undone;
  return g_strdup (zb_member_get_id (member));

fail:
  zb_store_rollback_write (self);
undone:
  /* Nothing was written: the member is as new again. */
  zb_member_set_id (member, NULL);
  return NULL;
}

typedef struct
{
  const char *transfer_id;
  ZbMember   *before;
} UndoTransfer;

static gboolean
undo_transfer_body (sqlite3  *db,
                    gpointer  data,
                    GError  **error)
{
  UndoTransfer *job = data;
  const char *values[] = { job->transfer_id, zb_member_get_id (job->before) };

  if (!zb_sql_run (db, "UPDATE OR FAIL member_transfers SET deleted = 1 WHERE id = ? AND "
                       "member_id = ? AND deleted = 0", values, G_N_ELEMENTS (values), error))
    return FALSE;
  if (sqlite3_changes (db) == 0)
    return zb_store_refuse (error, _("Transfer: nothing to take back; it was taken back "
                                     "already"));
  return update_member (db, job->before, error);
}

/**
 * zb_store_undo_transfer:
 * @transfer_id: a transfer of @before's, just recorded
 * @before: the member as they were before it
 *
 * Takes back a transfer recorded by mistake: the transfer leaves a
 * tombstone, for sync (DESIGN.md, Storage), and the member's record is
 * @before again, both in one transaction.
 */
gboolean
zb_store_undo_transfer (ZbStore     *self,
                        const char  *transfer_id,
                        ZbMember    *before,
                        GError     **error)
{
  UndoTransfer job = { transfer_id, before };

  return zb_store_run_write (self, undo_transfer_body, &job, error);
}

static GObject *
transfer_from_row (sqlite3_stmt *stmt)
{
  ZbTransfer *transfer;

  transfer = zb_transfer_new ((const char *) sqlite3_column_text (stmt, 5),
                              g_str_equal ((const char *) sqlite3_column_text (stmt, 1), "in"),
                              (const char *) sqlite3_column_text (stmt, 2),
                              (const char *) sqlite3_column_text (stmt, 3),
                              (const char *) sqlite3_column_text (stmt, 4));
  zb_transfer_set_id (transfer, (const char *) sqlite3_column_text (stmt, 0));
  return G_OBJECT (transfer);
}

/* One transfer by its ID, for the letter that goes with it. */
ZbTransfer *
zb_store_get_transfer (ZbStore     *self,
                       const char  *id,
                       GError     **error)
{
  g_autoptr(GListModel) list = NULL;
  sqlite3 *db;

  db = zb_store_begin_read (self);
  list = zb_sql_list (db, ZB_TYPE_TRANSFER,
                      "SELECT id, direction, date, organisation, letter_number, member_id "
                      "FROM member_transfers WHERE id = ?1 AND deleted = 0",
                      id, NULL, transfer_from_row, error);
  zb_store_end_read (self, db);

  if (list == NULL)
    return NULL;
  if (g_list_model_get_n_items (list) == 0)
    {
      g_set_error (error, ZB_MEMBER_ERROR, ZB_MEMBER_ERROR_NOT_FOUND,
                   _("No transfer has the ID %s"), id);
      return NULL;
    }
  return g_list_model_get_item (list, 0);
}

GListModel *
zb_store_list_transfers (ZbStore     *self,
                         const char  *member_id,
                         GError     **error)
{
  sqlite3 *db;
  GListModel *list;

  db = zb_store_begin_read (self);
  list = zb_sql_list (db, ZB_TYPE_TRANSFER,
                      "SELECT id, direction, date, organisation, letter_number, member_id "
                      "FROM member_transfers WHERE member_id = ?1 AND deleted = 0 "
                      "ORDER BY date, rowid", member_id, NULL, transfer_from_row, error);
  zb_store_end_read (self, db);

  return list;
}
