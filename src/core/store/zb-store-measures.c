#define G_LOG_DOMAIN "zb-store-measures"

#include "config.h"

#include <glib/gi18n.h>

#include "zb-date.h"
#include "zb-store-private.h"

/* The implementation measures (贯彻落实举措) a meeting decided, and their
 * completion (DOMAIN.md section 3). */

typedef struct
{
  ZbMeasure *measure;
} MeasureJob;

static gboolean
add_measure_body (sqlite3  *db,
                  gpointer  data,
                  GError  **error)
{
  ZbMeasure *measure = ((MeasureJob *) data)->measure;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autofree char *id = g_uuid_string_random ();

  if (!zb_store_check_not_final (db, zb_measure_get_meeting_id (measure), error))
    return FALSE;

  stmt = zb_sql_prepare (db, "INSERT OR FAIL INTO measures (id, meeting_id, text, owner, due_date) "
                             "VALUES (?, ?, ?, ?, ?)", error);
  if (stmt == NULL)
    return FALSE;

  zb_sql_bind_text (stmt, 1, id);
  zb_sql_bind_text (stmt, 2, zb_measure_get_meeting_id (measure));
  zb_sql_bind_text (stmt, 3, zb_measure_get_text (measure));
  zb_sql_bind_text (stmt, 4, zb_measure_get_owner (measure));
  zb_sql_bind_text (stmt, 5, zb_measure_get_due_date (measure));
  if (!zb_sql_step_done (db, stmt, error))
    return FALSE;

  zb_measure_set_id (measure, id);
  zb_measure_set_state (measure, "open");
  return TRUE;
}

/* An implementation measure (贯彻落实举措): what, who, by when. */
char *
zb_store_add_measure (ZbStore    *self,
                      ZbMeasure  *measure,
                      GError    **error)
{
  MeasureJob job = { measure };
  g_autoptr(ZbMeeting) meeting = NULL;
  GDate date;

  if (zb_measure_get_text (measure) == NULL)
    {
      zb_store_refuse (error, _("Measure: say what is to be done"));
      return NULL;
    }
  if (zb_measure_get_due_date (measure) != NULL &&
      !zb_date_parse_iso (zb_measure_get_due_date (measure), &date))
    {
      zb_store_refuse (error, _("Due date: write it as year-month-day, such as 2015-07-01"));
      return NULL;
    }
  if ((meeting = zb_store_get_meeting (self, zb_measure_get_meeting_id (measure), error)) == NULL ||
      !zb_store_run_write (self, add_measure_body, &job, error))
    return NULL;

  return g_strdup (zb_measure_get_id (measure));
}

typedef struct
{
  const char *id;
  const char *date;
  const char *note;
} DoneJob;

static gboolean
done_body (sqlite3  *db,
           gpointer  data,
           GError  **error)
{
  DoneJob *job = data;
  g_autoptr(sqlite3_stmt) stmt = NULL;

  stmt = zb_sql_prepare (db, "UPDATE OR FAIL measures SET state = 'done', done_date = ?, "
                             "done_note = ? WHERE id = ? AND deleted = 0", error);
  if (stmt == NULL)
    return FALSE;

  zb_sql_bind_text (stmt, 1, job->date);
  zb_sql_bind_text (stmt, 2, job->note);
  zb_sql_bind_text (stmt, 3, job->id);
  if (!zb_sql_step_done (db, stmt, error))
    return FALSE;
  if (sqlite3_changes (db) == 0)
    return zb_store_refuse (error, _("No such measure"));

  return TRUE;
}

/* DOMAIN.md section 3: a measure is done with a note of how it was done
 * (落实情况); until then every later meeting shows it. */
gboolean
zb_store_complete_measure (ZbStore     *self,
                           const char  *id,
                           const char  *date,
                           const char  *note,
                           GError     **error)
{
  DoneJob job = { id, date, note };
  GDate parsed;

  if (note == NULL || *note == '\0')
    return zb_store_refuse (error, _("How it was done: a measure is marked done with a note of "
                                  "how it was carried out"));
  if (!zb_date_parse_iso (date, &parsed))
    return zb_store_refuse (error, _("Date done: write it as year-month-day, such as 2015-07-01"));

  return zb_store_run_write (self, done_body, &job, error);
}

#define MEASURE_SELECT \
  "SELECT ms.id, ms.meeting_id, mt.date, ms.text, ms.owner, ms.due_date, ms.state, " \
  "ms.done_date, ms.done_note FROM measures ms JOIN meetings mt ON mt.id = ms.meeting_id " \
  "WHERE ms.deleted = 0 AND mt.deleted = 0 "

static ZbMeasure *
measure_from_row (sqlite3_stmt *stmt)
{
  ZbMeasure *measure = zb_measure_new ();
  void (*setters[]) (ZbMeasure *, const char *) = {
    zb_measure_set_id, zb_measure_set_meeting_id, zb_measure_set_meeting_date,
    zb_measure_set_text, zb_measure_set_owner, zb_measure_set_due_date, zb_measure_set_state,
    zb_measure_set_done_date, zb_measure_set_done_note,
  };

  for (guint i = 0; i < G_N_ELEMENTS (setters); i++)
    setters[i] (measure, (const char *) sqlite3_column_text (stmt, i));

  return measure;
}

/* Measures by @where, with ?1 bound to @arg. */
static GListModel *
query_measures (ZbStore     *self,
                const char  *where,
                const char  *arg,
                GError     **error)
{
  sqlite3 *db;
  g_autofree char *sql = g_strconcat (MEASURE_SELECT, where, " ORDER BY mt.date, ms.rowid", NULL);
  GListModel *list;

  db = zb_store_begin_read (self);
  list = zb_sql_list (db, ZB_TYPE_MEASURE, sql, arg, NULL,
                      (ZbRowFunc) measure_from_row, error);
  zb_store_end_read (self, db);

  return list;
}

/* The measures a meeting decided. */
GListModel *
zb_store_list_measures (ZbStore     *self,
                        const char  *meeting_id,
                        GError     **error)
{
  return query_measures (self, "AND ms.meeting_id = ?1", meeting_id, error);
}

/* Every measure not yet done (`measure list --open`). */
GListModel *
zb_store_list_open_measures (ZbStore  *self,
                             GError  **error)
{
  return query_measures (self, "AND ms.state = 'open' AND ?1 IS NULL", NULL, error);
}

/* What a meeting shows of earlier meetings: their measures that were still
 * open on its date, carried over until done. */
GListModel *
zb_store_list_carried_measures (ZbStore     *self,
                                const char  *meeting_id,
                                GError     **error)
{
  return query_measures (self,
                         "AND mt.date < (SELECT date FROM meetings WHERE id = ?1) "
                         "AND (ms.state = 'open' OR ms.done_date >= "
                         "  (SELECT date FROM meetings WHERE id = ?1))",
                         meeting_id, error);
}

/* Every measure, by the date of its meeting. */
GListModel *
zb_store_list_measures_all (ZbStore  *self,
                            GError  **error)
{
  return query_measures (self, "AND ?1 IS NULL", NULL, error);
}
