#define G_LOG_DOMAIN "zb-store-settings"

#include "config.h"

#include <glib/gi18n.h>

#include "zb-error.h"
#include "zb-limits.h"
#include "zb-store-private.h"

/* The branch's settings beyond the points rules (zb-store-study.c): the
 * checker's thresholds and the branch's details, in the same one live row
 * of branch_settings, synced, so that every PC and the committee's server
 * judge alike (schema step 12). A threshold left NULL is DOMAIN.md's
 * default (zb_check_settings_init). */

#define SETTINGS_ROW "FROM branch_settings WHERE deleted = 0 ORDER BY id LIMIT 1"

/* Every PC reads the live row of the smallest ID, as the points rules do. */
static gboolean
load_check_settings (sqlite3          *db,
                     ZbCheckSettings  *settings,
                     gboolean         *set,
                     GError          **error)
{
  g_autoptr(sqlite3_stmt) stmt = zb_sql_prepare (db, "SELECT absence_warning_months, "
                                                     "absence_alert_months, "
                                                     "probation_notice_days " SETTINGS_ROW,
                                                 error);
  guint *slots[] = { &settings->absence_warning_months, &settings->absence_alert_months,
                     &settings->probation_notice_days };

  zb_check_settings_init (settings);
  *set = FALSE;
  if (stmt == NULL)
    return FALSE;
  if (sqlite3_step (stmt) != SQLITE_ROW)
    return TRUE;
  for (guint i = 0; i < G_N_ELEMENTS (slots); i++)
    if (sqlite3_column_type (stmt, i) != SQLITE_NULL)
      {
        *slots[i] = (guint) sqlite3_column_int64 (stmt, i);
        *set = TRUE;
      }
  return TRUE;
}

/* The same, on a connection the caller holds (the checker's). */
gboolean
zb_store_check_settings_locked (sqlite3          *db,
                                ZbCheckSettings  *settings,
                                GError          **error)
{
  gboolean set;

  return load_check_settings (db, settings, &set, error);
}

/* The branch's thresholds: DOMAIN.md's defaults for any it never set. */
gboolean
zb_store_get_check_settings (ZbStore          *self,
                             ZbCheckSettings  *settings,
                             GError          **error)
{
  sqlite3 *db = zb_store_begin_read (self);
  gboolean set;
  gboolean ok = load_check_settings (db, settings, &set, error);

  zb_store_end_read (self, db);
  return ok;
}

/* Whether the branch has set its thresholds, here or on a PC it synced
 * from; FALSE also when the database cannot be read. */
gboolean
zb_store_has_check_settings (ZbStore *self)
{
  sqlite3 *db = zb_store_begin_read (self);
  ZbCheckSettings settings;
  gboolean set = FALSE;

  if (!load_check_settings (db, &settings, &set, NULL))
    set = FALSE;
  zb_store_end_read (self, db);
  return set;
}

/* The live settings row, in @id; when there is none, made with the default
 * points rules if @create, else NULL. The others go, as when the points
 * rules are set: two PCs that each made a row before they synced end with
 * the one every PC reads. */
static gboolean
settings_row (sqlite3   *db,
              gboolean   create,
              char     **id,
              GError   **error)
{
  g_autoptr(sqlite3_stmt) find = zb_sql_prepare (db, "SELECT id " SETTINGS_ROW, error);
  const char *others[1];

  *id = NULL;
  if (find == NULL)
    return FALSE;
  if (sqlite3_step (find) == SQLITE_ROW)
    *id = g_strdup ((const char *) sqlite3_column_text (find, 0));
  else if (!create)
    return TRUE;
  else
    {
      g_autoptr(sqlite3_stmt) insert = NULL;
      ZbPointsRules rules;

      zb_points_rules_default (&rules);
      insert = zb_sql_prepare (db, "INSERT OR FAIL INTO branch_settings (id, points_meeting, "
                                   "points_study_hour, points_lecture, points_volunteer_hour, "
                                   "points_yearly_cap) VALUES (?, ?, ?, ?, ?, ?)", error);
      if (insert == NULL)
        return FALSE;
      *id = g_uuid_string_random ();
      zb_sql_bind_text (insert, 1, *id);
      sqlite3_bind_int64 (insert, 2, rules.meeting);
      sqlite3_bind_int64 (insert, 3, rules.study_hour);
      sqlite3_bind_int64 (insert, 4, rules.lecture);
      sqlite3_bind_int64 (insert, 5, rules.volunteer_hour);
      if (rules.cap > 0)
        sqlite3_bind_int64 (insert, 6, rules.cap);
      else
        sqlite3_bind_null (insert, 6);
      if (!zb_sql_step_done (db, insert, error))
        return FALSE;
    }
  others[0] = *id;
  return zb_sql_run (db, "UPDATE OR FAIL branch_settings SET deleted = 1 "
                         "WHERE id <> ? AND deleted = 0",
                     others, 1, error);
}

static gboolean
set_check_settings_body (sqlite3   *db,
                         gpointer   data,
                         GError   **error)
{
  const ZbCheckSettings *settings = data;
  g_autofree char *id = NULL;
  g_autoptr(sqlite3_stmt) update = NULL;

  if (!settings_row (db, TRUE, &id, error))
    return FALSE;
  update = zb_sql_prepare (db, "UPDATE OR FAIL branch_settings SET absence_warning_months = ?, "
                               "absence_alert_months = ?, probation_notice_days = ? "
                               "WHERE id = ?", error);
  if (update == NULL)
    return FALSE;
  sqlite3_bind_int64 (update, 1, settings->absence_warning_months);
  sqlite3_bind_int64 (update, 2, settings->absence_alert_months);
  sqlite3_bind_int64 (update, 3, settings->probation_notice_days);
  zb_sql_bind_text (update, 4, id);
  return zb_sql_step_done (db, update, error);
}

/* Sets all three thresholds, each within its range (the error names the
 * field); they reach the other PCs and the server with the next sync. */
gboolean
zb_store_set_check_settings (ZbStore                *self,
                             const ZbCheckSettings  *settings,
                             GError                **error)
{
  if (!zb_check_settings_check (settings, error))
    return FALSE;
  return zb_store_run_write (self, set_check_settings_body, (gpointer) settings, error);
}

static char *
dup_detail (ZbStore    *self,
            const char *sql)
{
  sqlite3 *db = zb_store_begin_read (self);
  g_autoptr(sqlite3_stmt) stmt = zb_sql_prepare (db, sql, NULL);
  char *value = NULL;

  if (stmt != NULL && sqlite3_step (stmt) == SQLITE_ROW &&
      sqlite3_column_type (stmt, 0) != SQLITE_NULL)
    value = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  g_clear_pointer (&stmt, sqlite3_finalize);
  zb_store_end_read (self, db);
  return value;
}

/* The committee the branch reports to (上级党组织), as the printed records
 * name it; NULL when the branch has not said. */
char *
zb_store_dup_higher_committee (ZbStore *self)
{
  return dup_detail (self, "SELECT higher_committee " SETTINGS_ROW);
}

/* The branch secretary's name; NULL when the branch has not said. */
char *
zb_store_dup_secretary (ZbStore *self)
{
  return dup_detail (self, "SELECT secretary " SETTINGS_ROW);
}

/* The branch's name is this database's own (meta), like its UUID; it is
 * one line, as the synced names are. */
static const ZbColumnLimit branch_name_limit = {
  "meta", "branch_name", N_("Branch name"), ZB_COLUMN_LINE, ZB_LIMIT_SHORT, NULL, NULL
};

static gboolean
check_detail (const ZbColumnLimit  *limit,
              const char           *value,
              GError              **error)
{
  g_autofree char *issue = zb_limits_check_text (limit, value, NULL);
  g_autofree char *message = NULL;

  if (issue == NULL)
    return TRUE;
  message = zb_limits_describe (limit, issue);
  g_set_error_literal (error, ZB_MEMBER_ERROR, ZB_MEMBER_ERROR_INVALID, message);
  return FALSE;
}

typedef struct
{
  char *name;
  char *higher_committee;
  char *secretary;
} Details;

static gboolean
set_details_body (sqlite3   *db,
                  gpointer   data,
                  GError   **error)
{
  Details *details = data;
  g_autofree char *id = NULL;
  const char *values[] = { details->higher_committee, details->secretary, NULL };
  const char *meta[] = { details->name };

  /* No row is made to hold nothing: a new PC named in its first run makes
   * none, which the branch's own row would then have to outrank. */
  if (!settings_row (db, details->higher_committee != NULL || details->secretary != NULL, &id,
                     error))
    return FALSE;
  values[2] = id;
  if (id != NULL &&
      !zb_sql_run (db, "UPDATE OR FAIL branch_settings SET higher_committee = ?, secretary = ? "
                       "WHERE id = ?", values, G_N_ELEMENTS (values), error))
    return FALSE;
  return details->name == NULL ||
         zb_sql_run (db, "UPDATE meta SET value = ? WHERE key = 'branch_name'", meta, 1, error);
}

/* Text as kept: without the blanks around it, and NULL for none. */
static char *
tidy (const char *text)
{
  char *tidied = g_strstrip (g_strdup (text ? text : ""));

  if (*tidied != '\0')
    return tidied;
  g_free (tidied);
  return NULL;
}

/* Sets the higher committee and the secretary (NULL or blank: unset), synced,
 * and renames the branch to @name unless it is NULL. The branch's name is
 * this PC's; its records name it from then on. */
gboolean
zb_store_set_branch_details (ZbStore     *self,
                             const char  *name,
                             const char  *higher_committee,
                             const char  *secretary,
                             GError     **error)
{
  g_autofree char *tidy_name = tidy (name);
  Details details = { tidy_name, NULL, NULL };
  g_autofree char *committee = details.higher_committee = tidy (higher_committee);
  g_autofree char *person = details.secretary = tidy (secretary);

  if (name != NULL && tidy_name == NULL)
    {
      g_set_error_literal (error, ZB_MEMBER_ERROR, ZB_MEMBER_ERROR_INVALID,
                           _("Branch name: give the branch’s name; it cannot be blank"));
      return FALSE;
    }
  if (!check_detail (&branch_name_limit, tidy_name, error) ||
      !check_detail (zb_limits_lookup ("branch_settings", "higher_committee"), committee, error) ||
      !check_detail (zb_limits_lookup ("branch_settings", "secretary"), person, error))
    return FALSE;
  if (!zb_store_run_write (self, set_details_body, &details, error))
    return FALSE;

  if (tidy_name != NULL && g_strcmp0 (tidy_name, self->branch_name) != 0)
    {
      /* Callers hold the old name's pointer (zb_store_get_branch_name):
       * it lives as long as the store. */
      g_ptr_array_add (self->former_names, self->branch_name);
      self->branch_name = g_steal_pointer (&tidy_name);
    }
  return TRUE;
}
