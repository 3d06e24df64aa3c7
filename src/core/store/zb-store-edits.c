#define G_LOG_DOMAIN "zb-store-edits"

#include "config.h"

#include <glib/gi18n.h>

#include "zb-member-rules.h"
#include "zb-store-private.h"

/* Rows of the minutes removed by mistake before finalising, and brought
 * back: a removal leaves a tombstone (deleted = 1) for sync (DESIGN.md,
 * Storage), so that the undo is the same row again. Once the meeting is
 * finalised its record no longer changes. */

typedef struct
{
  const char *table;
  const char *id;
  gboolean    deleted;
} TombstoneJob;

static char *
meeting_of (sqlite3     *db,
            const char  *table,
            const char  *id,
            GError     **error)
{
  g_autofree char *sql = g_strdup_printf ("SELECT meeting_id FROM %s WHERE id = ?", table);
  g_autoptr(sqlite3_stmt) stmt = zb_sql_prepare (db, sql, error);

  if (stmt == NULL)
    return NULL;

  zb_sql_bind_text (stmt, 1, id);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    return g_strdup ((const char *) sqlite3_column_text (stmt, 0));

  g_set_error_literal (error, ZB_MEMBER_ERROR, ZB_MEMBER_ERROR_NOT_FOUND,
                       _("Nothing to remove or bring back: no such row in the minutes"));
  return NULL;
}

static gboolean
tombstone_body (sqlite3  *db,
                gpointer  data,
                GError  **error)
{
  TombstoneJob *job = data;
  g_autofree char *meeting_id = meeting_of (db, job->table, job->id, error);
  g_autofree char *sql = g_strdup_printf ("UPDATE OR FAIL %s SET deleted = %d WHERE id = ? AND "
                                          "deleted = %d", job->table, job->deleted,
                                          !job->deleted);
  const char *values[] = { job->id };

  return meeting_id != NULL && zb_store_check_not_final (db, meeting_id, error) &&
         zb_sql_run (db, sql, values, 1, error);
}

/* An implementation measure recorded by mistake. */
gboolean
zb_store_delete_measure (ZbStore     *self,
                         const char  *id,
                         GError     **error)
{
  TombstoneJob job = { "measures", id, TRUE };

  return zb_store_run_write (self, tombstone_body, &job, error);
}

/* The undo of zb_store_delete_measure. */
gboolean
zb_store_restore_measure (ZbStore     *self,
                          const char  *id,
                          GError     **error)
{
  TombstoneJob job = { "measures", id, FALSE };

  return zb_store_run_write (self, tombstone_body, &job, error);
}
