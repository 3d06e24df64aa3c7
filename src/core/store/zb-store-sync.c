#define G_LOG_DOMAIN "zb-store-sync"

#include "config.h"

#include <glib/gi18n.h>

#include "zb-store-private.h"
#include "zb-store-sync.h"
#include "zb-sync-schema.h"

/* The client's side of sync (DESIGN.md, Sync; src/sync/PROTOCOL.md): the
 * triggers of migration step 5 fill the outbox; the sync engine reads it in
 * op-ID order, reads the values of each op from its row at push time, and
 * removes an op only once the server has acknowledged it, or moves it to the
 * rejected list when the server refuses it for good. */

#define OUTBOX_COLUMNS \
  "op_id, table_name, row_id, op, columns, base_revision, resolves, created_at"

G_DEFINE_QUARK (zb-outbox-error-quark, zb_outbox_error)

static GObject *
entry_from_row (sqlite3_stmt *stmt)
{
  return G_OBJECT (zb_outbox_entry_new (sqlite3_column_int64 (stmt, 0),
                                        (const char *) sqlite3_column_text (stmt, 1),
                                        (const char *) sqlite3_column_text (stmt, 2),
                                        (const char *) sqlite3_column_text (stmt, 3),
                                        (const char *) sqlite3_column_text (stmt, 4),
                                        sqlite3_column_int64 (stmt, 5),
                                        (const char *) sqlite3_column_text (stmt, 6),
                                        (const char *) sqlite3_column_text (stmt, 7)));
}

static GObject *
rejected_from_row (sqlite3_stmt *stmt)
{
  ZbOutboxEntry *entry = ZB_OUTBOX_ENTRY (entry_from_row (stmt));

  zb_outbox_entry_set_rejection (entry,
                                 (const char *) sqlite3_column_text (stmt, 8),
                                 (const char *) sqlite3_column_text (stmt, 9),
                                 (const char *) sqlite3_column_text (stmt, 10),
                                 (const char *) sqlite3_column_text (stmt, 11));
  return G_OBJECT (entry);
}

/* The oldest @max pending ops, in op-ID order: the order they are pushed in. */
GListModel *
zb_store_list_outbox (ZbStore  *self,
                      guint     max,
                      GError  **error)
{
  g_autofree char *limit = g_strdup_printf ("%u", max);
  GListModel *list;

  g_mutex_lock (&self->write_lock);
  list = zb_sql_list (self->writer, ZB_TYPE_OUTBOX_ENTRY,
                      "SELECT " OUTBOX_COLUMNS " FROM sync_outbox ORDER BY op_id LIMIT ?1",
                      limit, NULL, entry_from_row, error);
  g_mutex_unlock (&self->write_lock);

  return list;
}

static gint64
query_int (sqlite3     *db,
           const char  *sql,
           GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = zb_sql_prepare (db, sql, error);

  if (stmt == NULL)
    return -1;
  if (sqlite3_step (stmt) != SQLITE_ROW)
    {
      zb_sql_fail (db, error);
      return -1;
    }

  return sqlite3_column_int64 (stmt, 0);
}

guint
zb_store_count_outbox (ZbStore  *self,
                       GError  **error)
{
  gint64 n;

  g_mutex_lock (&self->write_lock);
  n = query_int (self->writer, "SELECT count(*) FROM sync_outbox", error);
  g_mutex_unlock (&self->write_lock);

  return MAX (n, 0);
}

/* The highest op ID in the outbox now, 0 when it is empty: a round pushes
 * the ops up to it, and leaves those made while it runs to the next. */
gint64
zb_store_last_outbox_op (ZbStore  *self,
                         GError  **error)
{
  gint64 n;

  g_mutex_lock (&self->write_lock);
  n = query_int (self->writer, "SELECT coalesce(max(op_id), 0) FROM sync_outbox", error);
  g_mutex_unlock (&self->write_lock);

  return n;
}

/* The columns that ops after @entry, on the same row, will send: NULL in
 * *@all when a later insert sends every column. */
static GHashTable *
later_columns (sqlite3        *db,
               ZbOutboxEntry  *entry,
               gboolean       *all,
               GError        **error)
{
  g_autoptr(GHashTable) names = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  stmt = zb_sql_prepare (db, "SELECT op, columns FROM sync_outbox "
                             "WHERE table_name = ?1 AND row_id = ?2 AND op_id > ?3", error);
  if (stmt == NULL)
    return NULL;

  zb_sql_bind_text (stmt, 1, zb_outbox_entry_get_table_name (entry));
  zb_sql_bind_text (stmt, 2, zb_outbox_entry_get_row_id (entry));
  sqlite3_bind_int64 (stmt, 3, zb_outbox_entry_get_op_id (entry));
  *all = FALSE;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *columns = (const char *) sqlite3_column_text (stmt, 1);
      g_auto(GStrv) split = columns ? g_strsplit (columns, ",", -1) : NULL;

      *all |= g_str_equal ((const char *) sqlite3_column_text (stmt, 0), "insert");
      for (guint i = 0; split && split[i]; i++)
        g_hash_table_add (names, g_steal_pointer (&split[i]));
    }
  if (rc != SQLITE_DONE)
    {
      zb_sql_fail (db, error);
      return NULL;
    }

  return g_steal_pointer (&names);
}

#define COLUMN_NULLABLE GINT_TO_POINTER (1)
#define COLUMN_REQUIRED GINT_TO_POINTER (2)

/* The columns the database has for @table (a PC not yet upgraded lacks the
 * newest), each COLUMN_REQUIRED when NOT NULL: an insert always carries
 * those. */
static GHashTable *
table_columns (sqlite3     *db,
               const char  *table,
               GError     **error)
{
  g_autoptr(GHashTable) names = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autofree char *sql = g_strdup_printf ("PRAGMA table_info (%s)", table);
  g_autoptr(sqlite3_stmt) stmt = zb_sql_prepare (db, sql, error);

  if (stmt == NULL)
    return NULL;

  while (sqlite3_step (stmt) == SQLITE_ROW)
    g_hash_table_insert (names, g_strdup ((const char *) sqlite3_column_text (stmt, 1)),
                         sqlite3_column_int (stmt, 3) ? COLUMN_REQUIRED : COLUMN_NULLABLE);

  return g_steal_pointer (&names);
}

/* Each value travels with the last pending op that changed it, so that it
 * reaches the server in the order of the changes: the finalisation of a
 * meeting made before its first push arrives after the records its hash
 * covers, not with the meeting's insert. An insert still carries its NOT NULL
 * columns, so that the row is whole from its first op on, and a resolution
 * carries its columns, since that op is what closes the conflict. */
static GPtrArray *
columns_to_send (sqlite3            *db,
                 const ZbSyncTable  *table,
                 ZbOutboxEntry      *entry,
                 GError            **error)
{
  gboolean insert = g_str_equal (zb_outbox_entry_get_op (entry), "insert");
  const char * const *wanted = insert ? table->columns : zb_outbox_entry_get_columns (entry);
  gboolean keep_all = zb_outbox_entry_get_resolves (entry) != NULL;
  g_autoptr(GPtrArray) send = g_ptr_array_new ();
  g_autoptr(GHashTable) later = NULL;
  g_autoptr(GHashTable) existing = NULL;
  gboolean later_all = FALSE;

  later = later_columns (db, entry, &later_all, error);
  existing = table_columns (db, table->name, error);
  if (later == NULL || existing == NULL)
    return NULL;

  for (guint i = 0; wanted != NULL && wanted[i] != NULL; i++)
    {
      const char *c = wanted[i];
      gboolean sent_later = later_all || g_hash_table_contains (later, c);
      gboolean required = insert && g_hash_table_lookup (existing, c) == COLUMN_REQUIRED;

      if (!zb_sync_schema_has_column (table, c) || !g_hash_table_contains (existing, c))
        continue;
      if (keep_all || !sent_later || required)
        g_ptr_array_add (send, (gpointer) c);
    }

  return g_steal_pointer (&send);
}

static gboolean
unsyncable (GError     **error,
            const char  *table,
            const char  *row_id,
            const char  *column)
{
  g_set_error (error, ZB_OUTBOX_ERROR, ZB_OUTBOX_ERROR_UNSYNCABLE,
               _("%s %s: the value of %s is neither text, a whole number nor empty, and cannot "
                 "be synced; correct it in the record"), table, row_id, column);
  return FALSE;
}

/* Text, whole numbers and NULL: all the protocol carries. A real number or a
 * blob can only come from an edit behind the app's back. */
static gboolean
set_column (JsonObject    *fields,
            sqlite3_stmt  *stmt,
            int            i,
            const char    *table,
            const char    *row_id,
            GError       **error)
{
  const char *column = sqlite3_column_name (stmt, i);
  const char *text;

  switch (sqlite3_column_type (stmt, i))
    {
    case SQLITE_NULL:
      json_object_set_null_member (fields, column);
      return TRUE;
    case SQLITE_INTEGER:
      json_object_set_int_member (fields, column, sqlite3_column_int64 (stmt, i));
      return TRUE;
    case SQLITE_TEXT:
      text = (const char *) sqlite3_column_text (stmt, i);
      if (!g_utf8_validate (text, sqlite3_column_bytes (stmt, i), NULL))
        return unsyncable (error, table, row_id, column);
      json_object_set_string_member (fields, column, text);
      return TRUE;
    default:
      return unsyncable (error, table, row_id, column);
    }
}

static JsonObject *
select_values (sqlite3     *db,
               const char  *table,
               const char  *row_id,
               GPtrArray   *columns,
               GError     **error)
{
  g_autoptr(GString) sql = g_string_new ("SELECT id");
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(JsonObject) fields = json_object_new ();

  for (guint i = 0; i < columns->len; i++)
    g_string_append_printf (sql, ", %s", (const char *) g_ptr_array_index (columns, i));
  g_string_append_printf (sql, " FROM %s WHERE id = ?1", table);

  stmt = zb_sql_prepare (db, sql->str, error);
  if (stmt == NULL)
    return NULL;
  zb_sql_bind_text (stmt, 1, row_id);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    {
      g_set_error (error, ZB_OUTBOX_ERROR, ZB_OUTBOX_ERROR_ROW_MISSING,
                   _("%s %s is no longer in the database"), table, row_id);
      return NULL;
    }

  for (int i = 1; i < sqlite3_column_count (stmt); i++)
    if (!set_column (fields, stmt, i, table, row_id, error))
      return NULL;

  return g_steal_pointer (&fields);
}

static JsonObject *
read_fields_locked (sqlite3        *db,
                    ZbOutboxEntry  *entry,
                    GError        **error)
{
  const char *name = zb_outbox_entry_get_table_name (entry);
  const ZbSyncTable *table = zb_sync_schema_lookup (name);
  g_autoptr(GPtrArray) columns = NULL;

  if (table == NULL)
    {
      g_autofree char *op_id = g_strdup_printf ("%" G_GINT64_FORMAT,
                                                zb_outbox_entry_get_op_id (entry));

      g_set_error (error, ZB_OUTBOX_ERROR, ZB_OUTBOX_ERROR_UNKNOWN_TABLE,
                   _("Op %s names %s, which is not a synced table"), op_id, name);
      return NULL;
    }
  if (g_str_equal (zb_outbox_entry_get_op (entry), "delete"))
    return json_object_new ();

  columns = columns_to_send (db, table, entry, error);
  if (columns == NULL)
    return NULL;

  return select_values (db, table->name, zb_outbox_entry_get_row_id (entry), columns, error);
}

/* The values @entry sends, read from its row now: an empty object for a
 * delete; ZB_OUTBOX_ERROR_ROW_MISSING when the row was removed since, and a
 * delete later in the outbox says so to the server. */
JsonObject *
zb_store_read_outbox_fields (ZbStore        *self,
                             ZbOutboxEntry  *entry,
                             GError        **error)
{
  JsonObject *fields;

  g_mutex_lock (&self->write_lock);
  fields = read_fields_locked (self->writer, entry, error);
  g_mutex_unlock (&self->write_lock);

  return fields;
}

typedef struct
{
  const gint64 *op_ids;
  guint         n_op_ids;
} AckJob;

static gboolean
ack_body (sqlite3   *db,
          gpointer   data,
          GError   **error)
{
  AckJob *job = data;
  g_autoptr(sqlite3_stmt) stmt = zb_sql_prepare (db, "DELETE FROM sync_outbox WHERE op_id = ?",
                                                 error);
  g_autoptr(sqlite3_stmt) resolved = NULL;

  /* The server has closed the conflict the op resolves (PROTOCOL.md 6.5). */
  resolved = zb_sql_prepare (db, "UPDATE sync_conflicts SET state = 'resolved' "
                                 "WHERE state = 'resolving' AND server_id = "
                                 "(SELECT resolves FROM sync_outbox WHERE op_id = ?)", error);
  if (stmt == NULL || resolved == NULL)
    return FALSE;

  for (guint i = 0; i < job->n_op_ids; i++)
    {
      sqlite3_reset (stmt);
      sqlite3_reset (resolved);
      sqlite3_bind_int64 (stmt, 1, job->op_ids[i]);
      sqlite3_bind_int64 (resolved, 1, job->op_ids[i]);
      if (sqlite3_step (resolved) != SQLITE_DONE || sqlite3_step (stmt) != SQLITE_DONE)
        return zb_sql_fail (db, error);
    }

  return TRUE;
}

/* The server has these ops: they leave the outbox, in one transaction. An op
 * acknowledged twice (a retried round) is no error. */
gboolean
zb_store_ack_outbox (ZbStore       *self,
                     const gint64  *op_ids,
                     guint          n_op_ids,
                     GError       **error)
{
  AckJob job = { op_ids, n_op_ids };

  return zb_store_run_write (self, ack_body, &job, error);
}

typedef struct
{
  gint64      op_id;
  const char *error_code;
  const char *reason;
  char       *fields;
} RejectJob;

static gboolean
was_rejected (sqlite3  *db,
              gint64    op_id)
{
  g_autoptr(sqlite3_stmt) stmt = zb_sql_prepare (db, "SELECT 1 FROM sync_rejected "
                                                     "WHERE op_id = ?", NULL);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, op_id);
  return sqlite3_step (stmt) == SQLITE_ROW;
}

/* A conflict whose resolution the server refused is open again, unless
 * another pending op resolves it too. */
static gboolean
reopen_conflict (sqlite3  *db,
                 gint64    op_id,
                 GError  **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  stmt = zb_sql_prepare (db, "UPDATE sync_conflicts SET state = 'open', resolution = NULL "
                             "WHERE state = 'resolving' AND server_id = "
                             "(SELECT resolves FROM sync_outbox WHERE op_id = ?1) AND NOT EXISTS "
                             "(SELECT 1 FROM sync_outbox o WHERE o.resolves = server_id "
                             "AND o.op_id <> ?1)", error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, op_id);
  return sqlite3_step (stmt) == SQLITE_DONE || zb_sql_fail (db, error);
}

static gboolean
reject_body (sqlite3   *db,
             gpointer   data,
             GError   **error)
{
  RejectJob *job = data;
  g_autofree char *now = zb_store_now ();
  g_autoptr(sqlite3_stmt) move = NULL;
  g_autoptr(sqlite3_stmt) remove = NULL;

  if (!reopen_conflict (db, job->op_id, error))
    return FALSE;

  move = zb_sql_prepare (db, "INSERT INTO sync_rejected (" OUTBOX_COLUMNS ", fields, error, "
                             "reason, rejected_at) SELECT " OUTBOX_COLUMNS ", ?2, ?3, ?4, ?5 "
                             "FROM sync_outbox WHERE op_id = ?1", error);
  remove = zb_sql_prepare (db, "DELETE FROM sync_outbox WHERE op_id = ?1", error);
  if (move == NULL || remove == NULL)
    return FALSE;

  sqlite3_bind_int64 (move, 1, job->op_id);
  zb_sql_bind_text (move, 2, job->fields);
  zb_sql_bind_text (move, 3, job->error_code);
  zb_sql_bind_text (move, 4, job->reason);
  zb_sql_bind_text (move, 5, now);
  sqlite3_bind_int64 (remove, 1, job->op_id);
  if (sqlite3_step (move) != SQLITE_DONE || sqlite3_step (remove) != SQLITE_DONE)
    return zb_sql_fail (db, error);

  if (sqlite3_changes (db) == 0 && !was_rejected (db, job->op_id))
    {
      g_autofree char *op_id = g_strdup_printf ("%" G_GINT64_FORMAT, job->op_id);

      g_set_error (error, ZB_OUTBOX_ERROR, ZB_OUTBOX_ERROR_NOT_FOUND,
                   _("Op %s is not in the outbox"), op_id);
      return FALSE;
    }

  return TRUE;
}

gboolean
zb_sync_reject_locked (sqlite3     *db,
                       gint64       op_id,
                       const char  *error_code,
                       const char  *reason,
                       const char  *fields,
                       GError     **error)
{
  RejectJob job = { op_id, error_code, reason, (char *) fields };

  return reject_body (db, &job, error);
}

/* The server refused the op for good (@error_code and @reason are its
 * words): it moves to the rejected list, with the values it sent, and no
 * longer holds up the ops after it. */
gboolean
zb_store_reject_outbox (ZbStore     *self,
                        gint64       op_id,
                        const char  *error_code,
                        const char  *reason,
                        JsonObject  *fields,
                        GError     **error)
{
  g_autoptr(JsonNode) node = NULL;
  g_autofree char *text = NULL;
  RejectJob job = { op_id, error_code, reason, NULL };

  if (fields != NULL)
    {
      node = json_node_init_object (json_node_alloc (), fields);
      text = json_to_string (node, FALSE);
    }
  job.fields = text;

  return zb_store_run_write (self, reject_body, &job, error);
}

GListModel *
zb_store_list_rejected (ZbStore  *self,
                        GError  **error)
{
  sqlite3 *db;
  GListModel *list;

  db = zb_store_begin_read (self);
  list = zb_sql_list (db, ZB_TYPE_OUTBOX_ENTRY,
                      "SELECT " OUTBOX_COLUMNS ", error, reason, fields, rejected_at "
                      "FROM sync_rejected ORDER BY op_id",
                      NULL, NULL, rejected_from_row, error);
  zb_store_end_read (self, db);

  return list;
}

/* The server sequence of the last change applied here. */
gboolean
zb_store_get_checkpoint (ZbStore  *self,
                         gint64   *checkpoint,
                         GError  **error)
{
  g_mutex_lock (&self->write_lock);
  *checkpoint = query_int (self->writer, "SELECT checkpoint FROM sync_state", error);
  g_mutex_unlock (&self->write_lock);

  return *checkpoint >= 0;
}

/* PROTOCOL.md 7.4: after a migration added synced columns or tables, the
 * feed position up to which the PC pulls again with `full`; 0 when none is
 * pending, and on a database older than schema 6. */
gboolean
zb_store_get_resync_until (ZbStore  *self,
                           gint64   *until,
                           GError  **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc = SQLITE_DONE;

  g_mutex_lock (&self->write_lock);
  /* No such column before schema 6: nothing to pull again. */
  stmt = zb_sql_prepare (self->writer, "SELECT resync_until FROM sync_state", NULL);
  *until = 0;
  if (stmt != NULL && (rc = sqlite3_step (stmt)) == SQLITE_ROW)
    *until = sqlite3_column_int64 (stmt, 0);
  else if (rc != SQLITE_DONE)
    zb_sql_fail (self->writer, error);
  g_clear_pointer (&stmt, sqlite3_finalize);
  g_mutex_unlock (&self->write_lock);

  return rc == SQLITE_ROW || rc == SQLITE_DONE;
}

static gboolean
set_state (sqlite3     *db,
           const char  *sql,
           gint64       value,
           GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = zb_sql_prepare (db, sql, error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, value);
  if (sqlite3_step (stmt) != SQLITE_DONE)
    return zb_sql_fail (db, error);

  return TRUE;
}

gboolean
zb_sync_set_checkpoint_locked (sqlite3  *db,
                               gint64    checkpoint,
                               GError  **error)
{
  return set_state (db, "UPDATE sync_state SET checkpoint = ?1", checkpoint, error);
}

static gboolean
set_checkpoint_body (sqlite3   *db,
                     gpointer   data,
                     GError   **error)
{
  return zb_sync_set_checkpoint_locked (db, *(gint64 *) data, error);
}

/* Sets the checkpoint outside a page: 0 bootstraps again from the server. */
gboolean
zb_store_set_checkpoint (ZbStore  *self,
                         gint64    checkpoint,
                         GError  **error)
{
  g_return_val_if_fail (checkpoint >= 0, FALSE);

  return zb_store_run_write (self, set_checkpoint_body, &checkpoint, error);
}

/* The flag the outbox triggers read: set only inside the transaction that
 * applies a pulled page, so that it is never seen set by another connection
 * nor left set by a crash, and pulled changes never echo back. */
gboolean
zb_sync_begin_applying (sqlite3  *db,
                        GError  **error)
{
  g_return_val_if_fail (!sqlite3_get_autocommit (db), FALSE);

  return set_state (db, "UPDATE sync_state SET applying = ?1", 1, error);
}

gboolean
zb_sync_end_applying (sqlite3  *db,
                      GError  **error)
{
  g_return_val_if_fail (!sqlite3_get_autocommit (db), FALSE);

  return set_state (db, "UPDATE sync_state SET applying = ?1", 0, error);
}

typedef struct
{
  gint64       checkpoint;
  ZbWriteFunc  body;
  gpointer     data;
} ApplyJob;

static gboolean
check_forward (sqlite3   *db,
               gint64     checkpoint,
               GError   **error)
{
  gint64 kept = query_int (db, "SELECT checkpoint FROM sync_state", error);
  g_autofree char *sent = NULL;
  g_autofree char *applied = NULL;

  if (kept < 0)
    return FALSE;
  if (checkpoint >= kept)
    return TRUE;

  sent = g_strdup_printf ("%" G_GINT64_FORMAT, checkpoint);
  applied = g_strdup_printf ("%" G_GINT64_FORMAT, kept);
  g_set_error (error, ZB_OUTBOX_ERROR, ZB_OUTBOX_ERROR_CHECKPOINT,
               _("The server sent changes up to %s, but changes up to %s are already applied; "
                 "sync again"), sent, applied);
  return FALSE;
}

static gboolean
apply_body (sqlite3   *db,
            gpointer   data,
            GError   **error)
{
  ApplyJob *job = data;

  return check_forward (db, job->checkpoint, error) &&
         zb_sync_begin_applying (db, error) &&
         job->body (db, job->data, error) &&
         zb_sync_set_checkpoint_locked (db, job->checkpoint, error) &&
         zb_sync_end_applying (db, error) &&
         zb_store_search_flush_locked (db, error) &&
         zb_store_name_keys_flush_locked (db, error);
}

static gboolean
run_apply (sqlite3   *db,
           ApplyJob  *job,
           GError   **error)
{
  if (!zb_sql_exec (db, "BEGIN IMMEDIATE", error))
    return FALSE;

  if (!apply_body (db, job, error))
    {
      zb_sql_exec (db, "ROLLBACK", NULL);
      return FALSE;
    }

  if (!zb_sql_exec (db, "COMMIT", error))
    {
      zb_sql_exec (db, "ROLLBACK", NULL);
      return FALSE;
    }

  return TRUE;
}

/* Applies one page of the changes feed: @body writes its rows, and the page's
 * @checkpoint is kept in the same transaction, so that a page is applied
 * whole or not at all and never twice. A page is not in parent-first order
 * (a row sits at its latest change), so foreign keys are off while it is
 * applied; the PRAGMA does nothing inside a transaction, hence around it. */
gboolean
zb_store_apply_remote (ZbStore      *self,
                       gint64        checkpoint,
                       ZbWriteFunc   body,
                       gpointer      data,
                       GError      **error)
{
  ApplyJob job = { checkpoint, body, data };
  gboolean ok;

  g_mutex_lock (&self->write_lock);
  ok = zb_sql_exec (self->writer, "PRAGMA foreign_keys = OFF", error) &&
       run_apply (self->writer, &job, error);
  /* Committed or not, the connection goes back to its usual settings. */
  zb_sql_exec (self->writer, "PRAGMA foreign_keys = ON", NULL);
  g_mutex_unlock (&self->write_lock);

  return ok;
}

/* Moves the pending inserts and updates of a row to the rejected list, last
 * first, so that each keeps every value it changed. */
static gboolean
set_aside_ops (sqlite3     *db,
               const char  *table,
               const char  *row_id,
               GError     **error)
{
  g_autoptr(GListModel) ops = NULL;
  const char *reason = _("A record with the same key came from the server; this change was set "
                         "aside and not sent");

  ops = zb_sql_list (db, ZB_TYPE_OUTBOX_ENTRY,
                     "SELECT " OUTBOX_COLUMNS " FROM sync_outbox WHERE table_name = ?1 "
                     "AND row_id = ?2 AND op <> 'delete' ORDER BY op_id DESC",
                     table, row_id, entry_from_row, error);
  if (ops == NULL)
    return FALSE;

  for (guint i = 0; i < g_list_model_get_n_items (ops); i++)
    {
      g_autoptr(ZbOutboxEntry) entry = g_list_model_get_item (ops, i);
      g_autoptr(JsonObject) fields = read_fields_locked (db, entry, NULL);
      g_autoptr(JsonNode) node = NULL;
      g_autofree char *text = NULL;

      if (fields != NULL)
        {
          node = json_node_init_object (json_node_alloc (), fields);
          text = json_to_string (node, FALSE);
        }
      if (!zb_sync_reject_locked (db, zb_outbox_entry_get_op_id (entry), "duplicate_key",
                                  reason, text, error))
        return FALSE;
    }

  return TRUE;
}

/* A local row that a pulled live row collides with on a natural key
 * (PROTOCOL.md 7.1) becomes a tombstone, or is removed when @remove (its
 * table's key counts tombstones too, so the pulled row could not be
 * written beside it). Changes of it still waiting to be sent would meet the
 * same key on the server: they move to the rejected list with their values,
 * so that nothing is lost silently. Runs within the page's transaction. */
gboolean
zb_sync_retire_row_locked (sqlite3     *db,
                           const char  *table,
                           const char  *row_id,
                           gboolean     remove,
                           GError     **error)
{
  g_autofree char *sql = NULL;

  g_return_val_if_fail (zb_sync_schema_lookup (table) != NULL, FALSE);

  if (!set_aside_ops (db, table, row_id, error))
    return FALSE;

  sql = remove ? g_strdup_printf ("DELETE FROM %s WHERE id = ?1", table)
               : g_strdup_printf ("UPDATE %s SET deleted = 1 WHERE id = ?1", table);
  return zb_sql_run (db, sql, (const char *[]) { row_id }, 1, error);
}
