#define G_LOG_DOMAIN "zb-store-study"

#include "config.h"

#include <glib/gi18n.h>

#include "zb-error.h"
#include "zb-points.h"
#include "zb-store-private.h"

/* Study records and the points rule set (migration step 8). The points of
 * a year are reckoned by the rules of zb-points.c over each member's rows
 * and the meetings they attended, never in SQL. */

#define STUDY_SELECT \
  "SELECT s.id, s.member_id, m.name, s.date, s.kind, s.title, s.material, s.minutes, " \
  "s.meeting_id FROM study_records s JOIN members m ON m.id = s.member_id "

static GObject *
study_from_row (sqlite3_stmt *stmt)
{
  ZbStudy *study = zb_study_new ();
  ZbStudyKind kind = ZB_STUDY_SELF;

  zb_study_set_id (study, (const char *) sqlite3_column_text (stmt, 0));
  zb_study_set_member_id (study, (const char *) sqlite3_column_text (stmt, 1));
  zb_study_set_member_name (study, (const char *) sqlite3_column_text (stmt, 2));
  zb_study_set_date (study, (const char *) sqlite3_column_text (stmt, 3));
  if (zb_study_kind_parse ((const char *) sqlite3_column_text (stmt, 4), &kind))
    zb_study_set_kind (study, kind);
  zb_study_set_title (study, (const char *) sqlite3_column_text (stmt, 5));
  zb_study_set_material (study, (const char *) sqlite3_column_text (stmt, 6));
  zb_study_set_minutes (study, sqlite3_column_int64 (stmt, 7));
  zb_study_set_meeting_id (study, (const char *) sqlite3_column_text (stmt, 8));
  return G_OBJECT (study);
}

static gboolean
check_member (sqlite3     *db,
              const char  *member_id,
              GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = zb_sql_prepare (db, "SELECT 1 FROM members WHERE id = ? AND "
                                                     "deleted = 0", error);

  if (stmt == NULL)
    return FALSE;
  zb_sql_bind_text (stmt, 1, member_id);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    return zb_store_refuse (error, _("Member: there is no such member; see zhibu-cli member "
                                     "list for the IDs"));
  return TRUE;
}

/* Study in a meeting is study in 三会一课 or a 主题党日 (DOMAIN.md section
 * 2), on the meeting's day; a lecture given may name the party lecture it
 * was. */
static gboolean
check_meeting (sqlite3     *db,
               ZbStudy     *study,
               GError     **error)
{
  const char *types = zb_study_get_kind (study) == ZB_STUDY_LECTURE
                      ? "('lecture')" : "('general', 'committee', 'group', 'lecture', 'theme-day')";
  g_autofree char *sql = g_strdup_printf ("SELECT date, type IN %s FROM meetings WHERE id = ? "
                                          "AND deleted = 0 AND addendum_of IS NULL", types);
  g_autoptr(sqlite3_stmt) stmt = zb_sql_prepare (db, sql, error);
  g_autofree char *message = NULL;

  if (stmt == NULL)
    return FALSE;
  zb_sql_bind_text (stmt, 1, zb_study_get_meeting_id (study));
  if (sqlite3_step (stmt) != SQLITE_ROW)
    return zb_store_refuse (error, _("Meeting: there is no such meeting; see zhibu-cli meeting "
                                     "list for the IDs"));
  if (sqlite3_column_int (stmt, 1) == 0)
    return zb_store_refuse (error, zb_study_get_kind (study) == ZB_STUDY_LECTURE
                            ? _("Meeting: a lecture given names a party lecture, not another "
                                "kind of meeting")
                            : _("Meeting: study in a meeting is study in a general, committee "
                                "or group meeting, a party lecture or a themed party day"));
  if (g_strcmp0 ((const char *) sqlite3_column_text (stmt, 0), zb_study_get_date (study)) == 0)
    return TRUE;
  /* TRANSLATORS: the meeting's date */
  message = g_strdup_printf (_("Date: the meeting was held on %s; give that day"),
                             (const char *) sqlite3_column_text (stmt, 0));
  return zb_store_refuse (error, message);
}

static gboolean
add_study_body (sqlite3  *db,
                gpointer  data,
                GError  **error)
{
  ZbStudy *study = data;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autofree char *now = zb_store_now ();

  if (!check_member (db, zb_study_get_member_id (study), error))
    return FALSE;
  if (zb_study_get_meeting_id (study) != NULL && !check_meeting (db, study, error))
    return FALSE;
  stmt = zb_sql_prepare (db, "INSERT OR FAIL INTO study_records (id, member_id, date, kind, title, "
                             "material, minutes, meeting_id, created_at) "
                             "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", error);
  if (stmt == NULL)
    return FALSE;
  zb_sql_bind_text (stmt, 1, zb_study_get_id (study));
  zb_sql_bind_text (stmt, 2, zb_study_get_member_id (study));
  zb_sql_bind_text (stmt, 3, zb_study_get_date (study));
  zb_sql_bind_text (stmt, 4, zb_study_kind_to_string (zb_study_get_kind (study)));
  zb_sql_bind_text (stmt, 5, zb_study_get_title (study));
  zb_sql_bind_text (stmt, 6, zb_study_get_material (study));
  sqlite3_bind_int64 (stmt, 7, zb_study_get_minutes (study));
  zb_sql_bind_text (stmt, 8, zb_study_get_meeting_id (study));
  zb_sql_bind_text (stmt, 9, now);
  return zb_sql_step_done (db, stmt, error);
}

/* Records @study, checked by its own rules and against the member and the
 * meeting it names; returns the new row's ID. */
char *
zb_store_add_study (ZbStore  *self,
                    ZbStudy  *study,
                    GError  **error)
{
  g_autofree char *id = g_uuid_string_random ();

  if (!zb_study_check (study, error))
    return NULL;
  zb_study_set_id (study, id);
  if (!zb_store_run_write (self, add_study_body, study, error))
    {
      zb_study_set_id (study, NULL);
      return NULL;
    }
  return g_steal_pointer (&id);
}

/* Study records, by date then by name in pinyin order; @member_id NULL for
 * everyone's, @year 0 for every year. */
GListModel *
zb_store_list_studies (ZbStore     *self,
                       const char  *member_id,
                       guint        year,
                       GError     **error)
{
  g_autofree char *year_text = year > 0 ? g_strdup_printf ("%04u", year) : NULL;
  sqlite3 *db = zb_store_begin_read (self);
  GListModel *list;

  list = zb_sql_list (db, ZB_TYPE_STUDY,
                      STUDY_SELECT "WHERE s.deleted = 0 AND (?1 IS NULL OR s.member_id = ?1) "
                      "AND (?2 IS NULL OR substr(s.date, 1, 4) = ?2) "
                      "ORDER BY s.date, m.name COLLATE PINYIN, m.name, s.rowid",
                      member_id, year_text, study_from_row, error);
  zb_store_end_read (self, db);
  return list;
}

/* A record entered by mistake becomes a tombstone (DESIGN.md, Storage). */
gboolean
zb_store_remove_study (ZbStore     *self,
                       const char  *id,
                       GError     **error)
{
  const char *values[] = { id };
  sqlite3 *db = zb_store_begin_write (self, error);

  if (db == NULL)
    return FALSE;
  if (!zb_sql_run (db, "UPDATE OR FAIL study_records SET deleted = 1 WHERE id = ? AND deleted = 0",
                   values, 1, error))
    {
      zb_store_rollback_write (self);
      return FALSE;
    }
  if (sqlite3_changes (db) == 0)
    {
      zb_store_rollback_write (self);
      g_set_error (error, ZB_MEMBER_ERROR, ZB_MEMBER_ERROR_NOT_FOUND,
                   _("No study record has the ID %s; see zhibu-cli study list"), id);
      return FALSE;
    }
  return zb_store_commit_write (self, error);
}

/* The branch's rule set; the defaults of zb-points.c until it sets one. */
static gboolean
load_rules (sqlite3        *db,
            ZbPointsRules  *rules,
            GError        **error)
{
  g_autoptr(sqlite3_stmt) stmt = zb_sql_prepare (db, "SELECT points_meeting, points_study_hour, "
                                                     "points_lecture, points_volunteer_hour, "
                                                     "points_yearly_cap FROM branch_settings "
                                                     "WHERE deleted = 0 ORDER BY id LIMIT 1",
                                                 error);

  zb_points_rules_default (rules);
  if (stmt == NULL)
    return FALSE;
  if (sqlite3_step (stmt) != SQLITE_ROW)
    return TRUE;
  rules->meeting = sqlite3_column_int64 (stmt, 0);
  rules->study_hour = sqlite3_column_int64 (stmt, 1);
  rules->lecture = sqlite3_column_int64 (stmt, 2);
  rules->volunteer_hour = sqlite3_column_int64 (stmt, 3);
  rules->cap = sqlite3_column_int64 (stmt, 4);
  return TRUE;
}

gboolean
zb_store_get_points_rules (ZbStore        *self,
                           ZbPointsRules  *rules,
                           GError        **error)
{
  sqlite3 *db = zb_store_begin_read (self);
  gboolean ok = load_rules (db, rules, error);

  zb_store_end_read (self, db);
  return ok;
}

static void
bind_rules (sqlite3_stmt        *stmt,
            const ZbPointsRules *rules)
{
  sqlite3_bind_int64 (stmt, 1, rules->meeting);
  sqlite3_bind_int64 (stmt, 2, rules->study_hour);
  sqlite3_bind_int64 (stmt, 3, rules->lecture);
  sqlite3_bind_int64 (stmt, 4, rules->volunteer_hour);
  if (rules->cap > 0)
    sqlite3_bind_int64 (stmt, 5, rules->cap);
  else
    sqlite3_bind_null (stmt, 5);
}

/* The branch's settings are one row. Two PCs that each set the rules
 * before either synced make two rows: every PC reads the live one of the
 * smallest ID, so all count alike, and the next setting writes that row and
 * removes the other, on every PC through the server. */
static gboolean
find_rules_row (sqlite3  *db,
                char    **id,
                GError  **error)
{
  g_autoptr(sqlite3_stmt) stmt = zb_sql_prepare (db, "SELECT id FROM branch_settings WHERE "
                                                     "deleted = 0 ORDER BY id LIMIT 1", error);

  *id = NULL;
  if (stmt == NULL)
    return FALSE;
  if (sqlite3_step (stmt) == SQLITE_ROW)
    *id = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  return TRUE;
}

static gboolean
set_rules_body (sqlite3  *db,
                gpointer  data,
                GError  **error)
{
  g_autofree char *id = NULL;
  g_autoptr(sqlite3_stmt) write = NULL;
  const char *others[1];

  if (!find_rules_row (db, &id, error))
    return FALSE;
  if (id == NULL)
    write = zb_sql_prepare (db, "INSERT OR FAIL INTO branch_settings (points_meeting, "
                                "points_study_hour, points_lecture, points_volunteer_hour, "
                                "points_yearly_cap, id) "
                                "VALUES (?, ?, ?, ?, ?, ?)", error);
  else
    write = zb_sql_prepare (db, "UPDATE OR FAIL branch_settings SET points_meeting = ?, "
                                "points_study_hour = ?, points_lecture = ?, "
                                "points_volunteer_hour = ?, points_yearly_cap = ? WHERE id = ?",
                            error);
  if (write == NULL)
    return FALSE;
  if (id == NULL)
    id = g_uuid_string_random ();
  bind_rules (write, data);
  zb_sql_bind_text (write, 6, id);
  if (!zb_sql_step_done (db, write, error))
    return FALSE;
  others[0] = id;
  return zb_sql_run (db, "UPDATE OR FAIL branch_settings SET deleted = 1 "
                         "WHERE id <> ? AND deleted = 0",
                     others, 1, error);
}

gboolean
zb_store_set_points_rules (ZbStore              *self,
                           const ZbPointsRules  *rules,
                           GError              **error)
{
  if (!zb_points_rules_check (rules, error))
    return FALSE;
  return zb_store_run_write (self, set_rules_body, (gpointer) rules, error);
}

static gboolean
load_attendance (sqlite3     *db,
                 const char  *year,
                 GHashTable  *attended,
                 GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  /* Present, not on leave: points are for attending (DOMAIN.md section 2). */
  stmt = zb_sql_prepare (db, "SELECT a.member_id, count(*) FROM meeting_attendees a "
                             "JOIN meetings g ON g.id = a.meeting_id WHERE a.deleted = 0 AND "
                             "g.deleted = 0 AND g.addendum_of IS NULL AND a.state = 'present' "
                             "AND substr(g.date, 1, 4) = ? GROUP BY a.member_id", error);
  if (stmt == NULL)
    return FALSE;
  zb_sql_bind_text (stmt, 1, year);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    g_hash_table_insert (attended, g_strdup ((const char *) sqlite3_column_text (stmt, 0)),
                         GUINT_TO_POINTER (sqlite3_column_int (stmt, 1)));
  return TRUE;
}

static gboolean
load_studies (sqlite3     *db,
              const char  *year,
              GHashTable  *studies,
              GError     **error)
{
  g_autoptr(GListModel) list = zb_sql_list (db, ZB_TYPE_STUDY,
                                            STUDY_SELECT "WHERE s.deleted = 0 AND "
                                            "substr(s.date, 1, 4) = ?1 ORDER BY s.date, s.rowid",
                                            year, NULL, study_from_row, error);

  if (list == NULL)
    return FALSE;
  for (guint i = 0; i < g_list_model_get_n_items (list); i++)
    {
      ZbStudy *study = g_list_model_get_item (list, i);
      GPtrArray *own = g_hash_table_lookup (studies, zb_study_get_member_id (study));

      if (own == NULL)
        {
          own = g_ptr_array_new_with_free_func (g_object_unref);
          g_hash_table_insert (studies, g_strdup (zb_study_get_member_id (study)), own);
        }
      g_ptr_array_add (own, study);
    }
  return TRUE;
}

typedef struct
{
  guint       year;
  GListStore *lines;
} PointsJob;

/* The members of the table: the Party's members in normal standing, and
 * anyone else with points that year (a member since transferred out who
 * studied before). */
#define POINTS_MEMBERS \
  "SELECT id, name FROM members WHERE deleted = 0 AND ((status = 'normal' AND category IN " \
  "('full', 'probationary')) OR id IN (SELECT member_id FROM study_records WHERE deleted = 0 " \
  "AND substr(date, 1, 4) = ?1) OR id IN (SELECT a.member_id FROM meeting_attendees a JOIN " \
  "meetings g ON g.id = a.meeting_id WHERE a.deleted = 0 AND g.deleted = 0 AND " \
  "a.state = 'present' AND substr(g.date, 1, 4) = ?1)) ORDER BY name COLLATE PINYIN, name, rowid"

static gboolean
points_body (sqlite3  *db,
             gpointer  data,
             GError  **error)
{
  PointsJob *job = data;
  g_autofree char *year = g_strdup_printf ("%04u", job->year);
  g_autoptr(GHashTable) attended = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GHashTable) studies = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                                         (GDestroyNotify) g_ptr_array_unref);
  g_autoptr(sqlite3_stmt) members = NULL;
  ZbPointsRules rules;

  if (!load_rules (db, &rules, error) || !load_attendance (db, year, attended, error) ||
      !load_studies (db, year, studies, error))
    return FALSE;
  if ((members = zb_sql_prepare (db, POINTS_MEMBERS, error)) == NULL)
    return FALSE;
  zb_sql_bind_text (members, 1, year);
  while (sqlite3_step (members) == SQLITE_ROW)
    {
      const char *id = (const char *) sqlite3_column_text (members, 0);
      g_autoptr(ZbPointsLine) line = NULL;
      ZbPoints points;

      zb_points_reckon (&rules, job->year, g_hash_table_lookup (studies, id),
                        GPOINTER_TO_UINT (g_hash_table_lookup (attended, id)), &points);
      line = zb_points_line_new (id, (const char *) sqlite3_column_text (members, 1), &points);
      g_list_store_append (job->lines, line);
    }
  return TRUE;
}

/* Each member's points of @year, by source and in all, in pinyin order. */
GListModel *
zb_store_points (ZbStore  *self,
                 guint     year,
                 GError  **error)
{
  g_autoptr(GListStore) lines = g_list_store_new (ZB_TYPE_POINTS_LINE);
  PointsJob job = { year, lines };

  if (!zb_store_run_read (self, points_body, &job, error))
    return NULL;
  return G_LIST_MODEL (g_steal_pointer (&lines));
}
