#define G_LOG_DOMAIN "zb-store-recruitment"

#include "config.h"

#include <glib/gi18n.h>

#include "zb-date.h"
#include "zb-member-rules.h"
#include "zb-member-standing.h"
#include "zb-recruitment-rules.h"
#include "zb-store-private.h"

/* The recruitment steps (发展党员, DOMAIN.md section 1): one row per step a
 * person took, S01-S25 of the Recruitment Rules, and the member record they
 * imply. Each change of a person's steps is one transaction that also sets
 * the category and the dates of their members row exactly as
 * zb_recruitment_rules_status() reads the steps, and checks the row by the
 * member rules, so the roster never disagrees with the file.
 *
 * A date the steps give overwrites the record's; a date they no longer give
 * (the step was removed, or S17 refused the admission) is cleared; a date
 * they never gave (a person entered with the dates of their path before
 * Zhibu) is kept. The category follows the steps, except that steps
 * recorded after the fact (an application filed for a candidate already on
 * the roster) never lower a category they did not set. */

#define STEP_COLUMNS \
  "id, member_id, code, date, document, outcome, extension_months, first_person, " \
  "second_person, training_days, class_hours, notice_start, notice_end"

/* The Recruitment Rules: two full members as contacts (S05, 一般为一至两名) and
 * two as introducers (S09, 两名正式党员): never more than two. */
#define MAX_PEOPLE 2

/* 取消预备党员资格 as the reason of the record's status, the words on paper (a
 * data format, like the category names), whatever the locale. */
#define DISQUALIFIED_REASON "取消预备党员资格"

void
zb_recruit_file_free (ZbRecruitFile *file)
{
  if (file == NULL)
    return;

  g_clear_object (&file->member);
  g_clear_pointer (&file->steps, g_ptr_array_unref);
  g_clear_pointer (&file->reports, g_ptr_array_unref);
  g_free (file->leaving_date);
  g_free (file);
}

static const char *
column_text (sqlite3_stmt *stmt,
             int           column)
{
  return (const char *) sqlite3_column_text (stmt, column);
}

static ZbRecruitStep *
step_from_row (sqlite3_stmt *stmt,
               int           first)
{
  ZbRecruitStep *step = zb_recruit_step_new (column_text (stmt, first + 1),
                                             column_text (stmt, first + 2),
                                             column_text (stmt, first + 3));
  const char *people[] = { column_text (stmt, first + 7), column_text (stmt, first + 8), NULL };

  zb_recruit_step_set_id (step, column_text (stmt, first));
  zb_recruit_step_set_document (step, column_text (stmt, first + 4));
  zb_recruit_step_set_outcome (step, column_text (stmt, first + 5));
  zb_recruit_step_set_extension_months (step, sqlite3_column_int (stmt, first + 6));
  zb_recruit_step_set_people (step, people[0] ? people : NULL);
  zb_recruit_step_set_training (step, sqlite3_column_int (stmt, first + 9),
                                sqlite3_column_int (stmt, first + 10));
  zb_recruit_step_set_notice (step, column_text (stmt, first + 11),
                              column_text (stmt, first + 12));
  return step;
}

/* @person_id's live steps, by date, then code. */
static GPtrArray *
load_steps (sqlite3     *db,
            const char  *person_id,
            GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = zb_sql_prepare (db, "SELECT " STEP_COLUMNS " FROM "
                                                     "recruit_steps WHERE member_id = ? AND "
                                                     "deleted = 0 ORDER BY date, code, rowid",
                                                 error);
  g_autoptr(GPtrArray) steps = g_ptr_array_new_with_free_func (g_object_unref);
  int rc;

  if (stmt == NULL)
    return NULL;
  zb_sql_bind_text (stmt, 1, person_id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (steps, step_from_row (stmt, 0));
  if (rc != SQLITE_DONE)
    {
      zb_sql_fail (db, error);
      return NULL;
    }
  return g_steal_pointer (&steps);
}

static ZbThoughtReport *
report_from_row (sqlite3_stmt *stmt)
{
  ZbThoughtReport *report = zb_thought_report_new (column_text (stmt, 1),
                                                   column_text (stmt, 2),
                                                   column_text (stmt, 3));

  zb_thought_report_set_id (report, column_text (stmt, 0));
  return report;
}

/* @person_id's live written reports, by the day received. */
static GPtrArray *
load_reports (sqlite3     *db,
              const char  *person_id,
              GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = zb_sql_prepare (db, "SELECT id, member_id, date, summary FROM "
                                                     "thought_reports WHERE member_id = ? AND "
                                                     "deleted = 0 ORDER BY date, rowid", error);
  g_autoptr(GPtrArray) reports = g_ptr_array_new_with_free_func (g_object_unref);
  int rc;

  if (stmt == NULL)
    return NULL;
  zb_sql_bind_text (stmt, 1, person_id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (reports, report_from_row (stmt));
  if (rc != SQLITE_DONE)
    {
      zb_sql_fail (db, error);
      return NULL;
    }
  return g_steal_pointer (&reports);
}

static guint
rank_of (const char *category)
{
  static const char * const order[] = { ZB_CATEGORY_APPLICANT, ZB_CATEGORY_ACTIVIST,
                                        ZB_CATEGORY_CANDIDATE, ZB_CATEGORY_PROBATIONARY,
                                        ZB_CATEGORY_FULL };

  for (guint i = 0; category != NULL && i < G_N_ELEMENTS (order); i++)
    if (g_str_equal (category, order[i]))
      return i + 1;
  return 0;
}

/* What the steps say of the category, unless they would lower one they did
 * not set (the record's, from before the steps were recorded). */
static void
set_category (ZbMember              *member,
              const ZbRecruitStatus *before,
              const ZbRecruitStatus *after)
{
  const char *recorded = zb_member_get (member, ZB_MEMBER_FIELD_CATEGORY);

  if (after->category == NULL)
    return;   /* no step names one, or 取消资格 approved: the record stays */
  if (rank_of (recorded) > rank_of (after->category) &&
      rank_of (before->category) < rank_of (recorded))
    return;
  zb_member_set (member, ZB_MEMBER_FIELD_CATEGORY, after->category);
}

/* What the steps say of the dates. A date no step gives any more is
 * cleared, unless the record's category (set first) still needs it: the
 * member rules ask an applicant for the day of the application, a
 * candidate for the day they became one, and so on (DOMAIN.md section 1).
 * The record had such a date before its first step, so removing the step
 * that set it, an application (S01) recorded by mistake say, keeps it. */
static void
set_dates (ZbMember              *member,
           const ZbRecruitStatus *before,
           const ZbRecruitStatus *after)
{
  static const struct
  {
    ZbMemberField field;
    gsize         offset;
    guint         needed_from;   /* the lowest category rank that needs it */
  } dates[] = {
    { ZB_MEMBER_FIELD_APPLIED_DATE, G_STRUCT_OFFSET (ZbRecruitStatus, applied_date), 1 },
    { ZB_MEMBER_FIELD_ACTIVIST_DATE, G_STRUCT_OFFSET (ZbRecruitStatus, activist_date), 2 },
    { ZB_MEMBER_FIELD_CANDIDATE_DATE, G_STRUCT_OFFSET (ZbRecruitStatus, candidate_date), 3 },
    { ZB_MEMBER_FIELD_JOINED_DATE, G_STRUCT_OFFSET (ZbRecruitStatus, joined_date), 4 },
    { ZB_MEMBER_FIELD_PROBATION_END, G_STRUCT_OFFSET (ZbRecruitStatus, probation_end), 4 },
    { ZB_MEMBER_FIELD_FULL_DATE, G_STRUCT_OFFSET (ZbRecruitStatus, full_date), 5 },
  };
  guint rank = rank_of (zb_member_get (member, ZB_MEMBER_FIELD_CATEGORY));

  for (guint i = 0; i < G_N_ELEMENTS (dates); i++)
    {
      const char *now = G_STRUCT_MEMBER (char *, after, dates[i].offset);
      const char *was = G_STRUCT_MEMBER (char *, before, dates[i].offset);

      if (now == NULL && (was == NULL || rank >= dates[i].needed_from))
        continue;
      zb_member_set (member, dates[i].field, now);
    }
}

/* The date of the approval (S24) that made 取消资格 final: the latest one
 * approving, since nothing counts after it. */
static const char *
final_approval (GPtrArray *steps)
{
  const char *date = NULL;

  for (guint i = 0; i < steps->len; i++)
    {
      ZbRecruitStep *step = g_ptr_array_index (steps, i);

      if (g_str_equal (zb_recruit_step_get_code (step), "S24") &&
          g_strcmp0 (zb_recruit_step_get_outcome (step), ZB_RECRUIT_OUTCOME_APPROVED) == 0 &&
          g_strcmp0 (zb_recruit_step_get_date (step), date) > 0)
        date = zb_recruit_step_get_date (step);
    }
  return date;
}

/* 取消资格 (the Constitution, article 7) takes the person out of the
 * pipeline and out of the Party; the record stays (DOMAIN.md section 1),
 * archived like any other change of standing (DESIGN.md, Storage), with
 * the category and dates it had. Its undo brings the record back. */
static void
set_standing (ZbMember              *member,
              GPtrArray             *steps,
              const ZbRecruitStatus *before,
              const ZbRecruitStatus *after)
{
  const char *status = zb_member_get (member, ZB_MEMBER_FIELD_STATUS);

  if (after->disqualified && !before->disqualified)
    {
      zb_member_set (member, ZB_MEMBER_FIELD_STATUS, ZB_STATUS_REMOVED);
      zb_member_set (member, ZB_MEMBER_FIELD_STATUS_DATE, final_approval (steps));
      zb_member_set (member, ZB_MEMBER_FIELD_STATUS_REASON, DISQUALIFIED_REASON);
    }
  else if (!after->disqualified && before->disqualified &&
           g_strcmp0 (status, ZB_STATUS_REMOVED) == 0 &&
           g_strcmp0 (zb_member_get (member, ZB_MEMBER_FIELD_STATUS_REASON),
                      DISQUALIFIED_REASON) == 0)
    {
      zb_member_set (member, ZB_MEMBER_FIELD_STATUS, ZB_STATUS_NORMAL);
      zb_member_set (member, ZB_MEMBER_FIELD_STATUS_DATE, NULL);
      zb_member_set (member, ZB_MEMBER_FIELD_STATUS_REASON, NULL);
    }
}

/* The person's record as the steps now read, from how they read before the
 * change (@before_steps) to after it. */
static gboolean
update_record (sqlite3     *db,
               const char  *person_id,
               GPtrArray   *before_steps,
               GError     **error)
{
  g_autoptr(ZbMember) member = zb_store_get_member_locked (db, person_id, error);
  g_autoptr(GPtrArray) steps = NULL;
  g_autoptr(ZbRecruitStatus) before = NULL;
  g_autoptr(ZbRecruitStatus) after = NULL;

  if (member == NULL || (steps = load_steps (db, person_id, error)) == NULL)
    return FALSE;

  before = zb_recruitment_rules_status (before_steps);
  after = zb_recruitment_rules_status (steps);
  set_category (member, before, after);
  set_dates (member, before, after);
  set_standing (member, steps, before, after);
  return zb_store_update_member_locked (db, member, error);
}

static gboolean
check_person (sqlite3     *db,
              const char  *person_id,
              GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = zb_sql_prepare (db, "SELECT 1 FROM members WHERE id = ? AND "
                                                     "deleted = 0", error);

  if (stmt == NULL)
    return FALSE;
  zb_sql_bind_text (stmt, 1, person_id);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    return TRUE;
  return zb_store_refuse (error, _("Person: there is no such person on the roster; see "
                                   "zhibu-cli member list for the IDs"));
}

static gboolean
check_step (ZbRecruitStep  *step,
            GError        **error)
{
  if (!zb_recruit_step_validate (step, error))
    return FALSE;
  if (g_strv_length ((char **) zb_recruit_step_get_people (step)) <= MAX_PEOPLE)
    return TRUE;
  return zb_store_refuse (error, _("People: name at most two, the two full members the "
                                   "Recruitment Rules ask for"));
}

static gboolean
insert_step (sqlite3        *db,
             ZbRecruitStep  *step,
             const char     *id,
             GError        **error)
{
  g_autoptr(sqlite3_stmt) stmt = zb_sql_prepare (db, "INSERT OR FAIL INTO recruit_steps "
                                                     "(" STEP_COLUMNS
                                                     ", created_at) VALUES (?, ?, ?, ?, ?, ?, "
                                                     "?, ?, ?, ?, ?, ?, ?, ?)", error);
  const char * const *people = zb_recruit_step_get_people (step);
  g_autofree char *now = zb_store_now ();

  if (stmt == NULL)
    return FALSE;
  zb_sql_bind_text (stmt, 1, id);
  zb_sql_bind_text (stmt, 2, zb_recruit_step_get_person_id (step));
  zb_sql_bind_text (stmt, 3, zb_recruit_step_get_code (step));
  zb_sql_bind_text (stmt, 4, zb_recruit_step_get_date (step));
  zb_sql_bind_text (stmt, 5, zb_recruit_step_get_document (step));
  zb_sql_bind_text (stmt, 6, zb_recruit_step_get_outcome (step));
  sqlite3_bind_int (stmt, 7, zb_recruit_step_get_extension_months (step));
  zb_sql_bind_text (stmt, 8, people[0]);
  zb_sql_bind_text (stmt, 9, people[0] ? people[1] : NULL);
  sqlite3_bind_int (stmt, 10, zb_recruit_step_get_training_days (step));
  sqlite3_bind_int (stmt, 11, zb_recruit_step_get_class_hours (step));
  zb_sql_bind_text (stmt, 12, zb_recruit_step_get_notice_start (step));
  zb_sql_bind_text (stmt, 13, zb_recruit_step_get_notice_end (step));
  zb_sql_bind_text (stmt, 14, now);
  return zb_sql_step_done (db, stmt, error);
}

static gboolean
add_body (sqlite3  *db,
          gpointer  data,
          GError  **error)
{
  ZbRecruitStep *step = data;
  const char *person_id = zb_recruit_step_get_person_id (step);
  g_autoptr(GPtrArray) before = NULL;
  g_autofree char *id = g_uuid_string_random ();

  if (!check_person (db, person_id, error) ||
      (before = load_steps (db, person_id, error)) == NULL ||
      !insert_step (db, step, id, error) || !update_record (db, person_id, before, error))
    return FALSE;

  zb_recruit_step_set_id (step, id);
  return TRUE;
}

/**
 * zb_store_add_recruit_step:
 * @step: a step of a person on the roster, without an ID
 *
 * Records @step, checked by its own field rules, and sets the person's
 * category and dates as the steps now read, in one transaction; refused,
 * naming the field, when the step or the record it would make is not valid
 * (the member rules: the dates in order, 18 at the application, ...). The
 * time rules between the steps are findings, not refusals
 * (zb_recruitment_rules_check()).
 *
 * Returns: (transfer full): the new step's ID, which @step takes too
 */
char *
zb_store_add_recruit_step (ZbStore        *self,
                           ZbRecruitStep  *step,
                           GError        **error)
{
  g_return_val_if_fail (zb_recruit_step_get_id (step) == NULL, NULL);

  if (!check_step (step, error) || !zb_store_run_write (self, add_body, step, error))
    return NULL;
  return g_strdup (zb_recruit_step_get_id (step));
}

typedef struct
{
  const char *id;
  gboolean    deleted;
} TombstoneJob;

static char *
person_of (sqlite3     *db,
           const char  *id,
           gboolean     deleted,
           GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = zb_sql_prepare (db, "SELECT member_id FROM recruit_steps "
                                                     "WHERE id = ? AND deleted = ?", error);

  if (stmt == NULL)
    return NULL;
  zb_sql_bind_text (stmt, 1, id);
  sqlite3_bind_int (stmt, 2, deleted);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    return g_strdup (column_text (stmt, 0));

  g_set_error_literal (error, ZB_MEMBER_ERROR, ZB_MEMBER_ERROR_NOT_FOUND,
                       deleted ? _("Step: nothing to bring back; no step with this ID was "
                                   "removed")
                               : _("Step: no such step; it may have been removed already"));
  return NULL;
}

static gboolean
tombstone_body (sqlite3  *db,
                gpointer  data,
                GError  **error)
{
  TombstoneJob *job = data;
  g_autofree char *person_id = person_of (db, job->id, !job->deleted, error);
  g_autoptr(GPtrArray) before = NULL;
  const char *values[] = { job->id };

  if (person_id == NULL || (before = load_steps (db, person_id, error)) == NULL)
    return FALSE;

  return zb_sql_run (db, job->deleted ? "UPDATE OR FAIL recruit_steps SET deleted = 1 WHERE id = ?"
                                      : "UPDATE OR FAIL recruit_steps SET deleted = 0 WHERE id = ?",
                     values, 1, error) &&
         update_record (db, person_id, before, error);
}

/* A step recorded by mistake leaves a tombstone, for sync (DESIGN.md,
 * Storage), and the person's record goes back to what the other steps say. */
gboolean
zb_store_remove_recruit_step (ZbStore     *self,
                              const char  *id,
                              GError     **error)
{
  TombstoneJob job = { id, TRUE };

  return zb_store_run_write (self, tombstone_body, &job, error);
}

/* The undo of zb_store_remove_recruit_step(): the same row again. */
gboolean
zb_store_restore_recruit_step (ZbStore     *self,
                               const char  *id,
                               GError     **error)
{
  TombstoneJob job = { id, FALSE };

  return zb_store_run_write (self, tombstone_body, &job, error);
}

/**
 * zb_store_list_recruit_steps:
 * @person_id: a person on the roster
 *
 * Returns: (transfer full): the person's steps (ZbRecruitStep), by date
 */
GListModel *
zb_store_list_recruit_steps (ZbStore     *self,
                             const char  *person_id,
                             GError     **error)
{
  g_autoptr(GListStore) list = g_list_store_new (ZB_TYPE_RECRUIT_STEP);
  g_autoptr(GPtrArray) steps = NULL;
  sqlite3 *db = zb_store_begin_read (self);

  steps = load_steps (db, person_id, error);
  zb_store_end_read (self, db);
  if (steps == NULL)
    return NULL;

  for (guint i = 0; i < steps->len; i++)
    g_list_store_append (list, g_ptr_array_index (steps, i));
  return G_LIST_MODEL (g_steal_pointer (&list));
}

/* Every person with a step recorded and a record not archived (a person
 * disqualified, 取消资格, is archived: out of the pipeline), with their
 * steps, by name in pinyin order. */
GPtrArray *
zb_store_recruit_files_locked (sqlite3  *db,
                               GError  **error)
{
  g_autofree char *columns = zb_store_member_columns_of ("m");
  g_autofree char *sql = g_strdup_printf ("SELECT %s, m.leaving_date FROM members m WHERE "
                                          "m.deleted = 0 AND m.status IN ('normal', 'suspended') "
                                          "AND EXISTS (SELECT 1 FROM recruit_steps s WHERE "
                                          "s.member_id = m.id AND s.deleted = 0) ORDER BY m.name "
                                          "COLLATE PINYIN, m.name, m.rowid", columns);
  g_autoptr(sqlite3_stmt) stmt = zb_sql_prepare (db, sql, error);
  g_autoptr(GPtrArray) files = NULL;
  int n_member;

  if (stmt == NULL)
    return NULL;
  n_member = sqlite3_column_count (stmt) - 1;
  files = g_ptr_array_new_with_free_func ((GDestroyNotify) zb_recruit_file_free);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      ZbRecruitFile *file = g_new0 (ZbRecruitFile, 1);

      file->member = zb_store_member_from_row (stmt);
      g_ptr_array_add (files, file);
      file->steps = load_steps (db, zb_member_get_id (file->member), error);
      file->reports = load_reports (db, zb_member_get_id (file->member), error);
      file->leaving_date = g_strdup (column_text (stmt, n_member));
      if (file->steps == NULL || file->reports == NULL)
        return NULL;
    }
  return g_steal_pointer (&files);
}

/**
 * zb_store_list_recruit_files:
 *
 * Returns: (transfer full) (element-type ZbRecruitFile): everyone on the
 *   path into the Party with a step recorded, with their steps
 */
GPtrArray *
zb_store_list_recruit_files (ZbStore  *self,
                             GError  **error)
{
  sqlite3 *db = zb_store_begin_read (self);
  GPtrArray *files = zb_store_recruit_files_locked (db, error);

  zb_store_end_read (self, db);
  return files;
}

/**
 * zb_store_list_recruit_starters:
 *
 * The people a file can be started for, by recording their application
 * (S01): on the roster, not archived, not yet in the Party (an applicant,
 * activist or candidate: the Recruitment Rules' path ends at full
 * membership) and with no step recorded, by name in pinyin order.
 *
 * Returns: (transfer full): the people (ZbMember)
 */
GListModel *
zb_store_list_recruit_starters (ZbStore  *self,
                                GError  **error)
{
  g_autofree char *columns = zb_store_member_columns_of ("m");
  g_autofree char *sql = g_strdup_printf ("SELECT %s FROM members m WHERE m.deleted = 0 AND "
                                          "m.status IN ('normal', 'suspended') AND m.category "
                                          "IN ('" ZB_CATEGORY_APPLICANT "', '"
                                          ZB_CATEGORY_ACTIVIST "', '" ZB_CATEGORY_CANDIDATE "') "
                                          "AND NOT EXISTS (SELECT 1 FROM recruit_steps s WHERE "
                                          "s.member_id = m.id AND s.deleted = 0) ORDER BY m.name "
                                          "COLLATE PINYIN, m.name, m.rowid", columns);
  sqlite3 *db = zb_store_begin_read (self);
  GListModel *list = zb_sql_list (db, ZB_TYPE_MEMBER, sql, NULL, NULL,
                                  (ZbRowFunc) zb_store_member_from_row, error);

  zb_store_end_read (self, db);
  return list;
}

/* The written reports (思想汇报) and the expected day of leaving the unit
 * (调离), schema step 10: what the Recruitment Rules ask of a person on the
 * path besides the steps (zb_recruitment_rules_check_reports(),
 * zb_recruitment_rules_check_leaving()). Neither changes the member record
 * the steps set. */

static gboolean
add_report_body (sqlite3  *db,
                 gpointer  data,
                 GError  **error)
{
  ZbThoughtReport *report = data;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autofree char *now = zb_store_now ();

  if (!check_person (db, zb_thought_report_get_person_id (report), error))
    return FALSE;
  stmt = zb_sql_prepare (db, "INSERT OR FAIL INTO thought_reports (id, member_id, date, summary, "
                             "created_at) VALUES (?, ?, ?, ?, ?)", error);
  if (stmt == NULL)
    return FALSE;
  zb_sql_bind_text (stmt, 1, zb_thought_report_get_id (report));
  zb_sql_bind_text (stmt, 2, zb_thought_report_get_person_id (report));
  zb_sql_bind_text (stmt, 3, zb_thought_report_get_date (report));
  zb_sql_bind_text (stmt, 4, zb_thought_report_get_summary (report));
  zb_sql_bind_text (stmt, 5, now);
  return zb_sql_step_done (db, stmt, error);
}

/**
 * zb_store_add_thought_report:
 * @report: a written report of a person on the roster, without an ID
 *
 * Records @report, checked by zb_thought_report_check().
 *
 * Returns: (transfer full): the new report's ID, which @report takes too
 */
char *
zb_store_add_thought_report (ZbStore          *self,
                             ZbThoughtReport  *report,
                             GError          **error)
{
  g_autofree char *id = g_uuid_string_random ();

  g_return_val_if_fail (zb_thought_report_get_id (report) == NULL, NULL);

  if (!zb_thought_report_check (report, error))
    return NULL;
  zb_thought_report_set_id (report, id);
  if (!zb_store_run_write (self, add_report_body, report, error))
    {
      zb_thought_report_set_id (report, NULL);
      return NULL;
    }
  return g_steal_pointer (&id);
}

static gboolean
tombstone_report_body (sqlite3  *db,
                       gpointer  data,
                       GError  **error)
{
  TombstoneJob *job = data;
  const char *values[] = { job->id };

  if (!zb_sql_run (db, job->deleted ? "UPDATE OR FAIL thought_reports SET deleted = 1 WHERE id = ? "
                                      "AND deleted = 0"
                                    : "UPDATE OR FAIL thought_reports SET deleted = 0 WHERE id = ? "
                                      "AND deleted = 1", values, 1, error))
    return FALSE;
  if (sqlite3_changes (db) == 1)
    return TRUE;

  g_set_error_literal (error, ZB_MEMBER_ERROR, ZB_MEMBER_ERROR_NOT_FOUND,
                       job->deleted ? _("Report: no such report; it may have been removed "
                                        "already")
                                    : _("Report: nothing to bring back; no report with this ID "
                                        "was removed"));
  return FALSE;
}

/* A report recorded by mistake leaves a tombstone, for sync (DESIGN.md,
 * Storage). */
gboolean
zb_store_remove_thought_report (ZbStore     *self,
                                const char  *id,
                                GError     **error)
{
  TombstoneJob job = { id, TRUE };

  return zb_store_run_write (self, tombstone_report_body, &job, error);
}

/* The undo of zb_store_remove_thought_report(): the same row again. */
gboolean
zb_store_restore_thought_report (ZbStore     *self,
                                 const char  *id,
                                 GError     **error)
{
  TombstoneJob job = { id, FALSE };

  return zb_store_run_write (self, tombstone_report_body, &job, error);
}

/**
 * zb_store_list_thought_reports:
 * @person_id: a person on the roster
 *
 * Returns: (transfer full): the person's written reports (ZbThoughtReport),
 *   by the day received
 */
GListModel *
zb_store_list_thought_reports (ZbStore     *self,
                               const char  *person_id,
                               GError     **error)
{
  g_autoptr(GListStore) list = g_list_store_new (ZB_TYPE_THOUGHT_REPORT);
  g_autoptr(GPtrArray) reports = NULL;
  sqlite3 *db = zb_store_begin_read (self);

  reports = load_reports (db, person_id, error);
  zb_store_end_read (self, db);
  if (reports == NULL)
    return NULL;

  for (guint i = 0; i < reports->len; i++)
    g_list_store_append (list, g_ptr_array_index (reports, i));
  return G_LIST_MODEL (g_steal_pointer (&list));
}

typedef struct
{
  const char *person_id;
  const char *date;
} LeavingJob;

static gboolean
set_leaving_body (sqlite3  *db,
                  gpointer  data,
                  GError  **error)
{
  LeavingJob *job = data;
  g_autofree char *now = zb_store_now ();
  const char *values[] = { job->date, now, job->person_id };

  return check_person (db, job->person_id, error) &&
         zb_sql_run (db, "UPDATE OR FAIL members SET leaving_date = ?, updated_at = ? WHERE id = ? "
                         "AND deleted = 0 AND leaving_date IS NOT ?1", values, 3, error);
}

/**
 * zb_store_set_leaving_date:
 * @person_id: a person on the roster
 * @date: (nullable): the day the person is expected to leave the unit
 *   (调离), ISO; NULL when no leaving is expected any more
 *
 * Records when the person is expected to leave the unit; a day ahead, as a
 * rule, so any valid day is taken. Setting the same day again changes
 * nothing (and sends nothing to the server).
 */
gboolean
zb_store_set_leaving_date (ZbStore     *self,
                           const char  *person_id,
                           const char  *date,
                           GError     **error)
{
  LeavingJob job = { person_id, date };
  GDate day;

  if (date != NULL && !zb_date_parse_iso (date, &day))
    return zb_store_refuse (error, _("Leaving date: write the day the person is expected to "
                                     "leave the unit as year-month-day, such as 2026-09-30"));
  return zb_store_run_write (self, set_leaving_body, &job, error);
}

/**
 * zb_store_get_leaving_date:
 * @person_id: a person on the roster
 * @date: (out) (transfer full) (nullable): the day the person is expected
 *   to leave the unit, or NULL for none
 *
 * Returns: FALSE, with @error set, when there is no such person
 */
gboolean
zb_store_get_leaving_date (ZbStore     *self,
                           const char  *person_id,
                           char       **date,
                           GError     **error)
{
  sqlite3 *db = zb_store_begin_read (self);
  g_autoptr(sqlite3_stmt) stmt = zb_sql_prepare (db, "SELECT leaving_date FROM members WHERE "
                                                     "id = ? AND deleted = 0", error);
  gboolean found = FALSE;

  if (stmt != NULL)
    {
      zb_sql_bind_text (stmt, 1, person_id);
      if (sqlite3_step (stmt) == SQLITE_ROW)
        {
          *date = g_strdup (column_text (stmt, 0));
          found = TRUE;
        }
      g_clear_pointer (&stmt, sqlite3_finalize);
    }
  zb_store_end_read (self, db);
  if (found || (error != NULL && *error != NULL))
    return found;
  return zb_store_refuse (error, _("Person: there is no such person on the roster; see "
                                   "zhibu-cli member list for the IDs"));
}

/* A name a recruitment step gives (S05, S09) as the roster reads it on
 * @day (ZbRecruitRosterFunc): how many live records bear exactly @name,
 * and the standing of one of them that day, from the status history and
 * the transfers as a meeting's expected attendees are counted. @db: the
 * store's writer, in the checker's lock. */
guint
zb_store_recruit_roster_cb (const char *name,
                            const char *day,
                            ZbStanding *standing,
                            gpointer    db)
{
  g_autofree char *columns = zb_store_member_columns_of ("m");
  g_autofree char *sql = g_strdup_printf ("SELECT %s, " ZB_STORE_HISTORY_COLUMNS " FROM members m "
                                          "WHERE m.name = ?2 AND m.deleted = 0", columns);
  g_autoptr(sqlite3_stmt) stmt = zb_sql_prepare (db, sql, NULL);
  guint n = 0;

  if (stmt == NULL)
    return 0;
  zb_sql_bind_text (stmt, 1, day);
  zb_sql_bind_text (stmt, 2, name);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      g_autoptr(ZbMember) member = zb_store_member_from_row (stmt);
      ZbMemberHistory history;

      zb_store_history_from_row (member, stmt, sqlite3_column_count (stmt) - 4, day, &history);
      zb_member_standing_on (member, &history, day, standing);
      n++;
    }
  return n;
}

static char *
leaving_date_of (sqlite3    *db,
                 const char *person_id)
{
  g_autoptr(sqlite3_stmt) stmt = zb_sql_prepare (db, "SELECT leaving_date FROM members WHERE "
                                                     "id = ?", NULL);

  if (stmt == NULL)
    return NULL;
  zb_sql_bind_text (stmt, 1, person_id);
  return sqlite3_step (stmt) == SQLITE_ROW ? g_strdup (column_text (stmt, 0)) : NULL;
}

/* Every rule of DOMAIN.md section 1 the person's file breaks by @today:
 * the time rules over the steps, then a written report each quarter,
 * leaving the unit, and contacts and introducers who are full members. */
static GPtrArray *
recruit_issues_locked (sqlite3      *db,
                       const char   *person_id,
                       const GDate  *today,
                       GError      **error)
{
  g_autoptr(ZbMember) member = zb_store_get_member_locked (db, person_id, error);
  g_autoptr(GPtrArray) steps = NULL, reports = NULL, issues = NULL;
  g_autofree char *leaving = NULL;
  GPtrArray *more[3];

  if (member == NULL || (steps = load_steps (db, person_id, error)) == NULL ||
      (reports = load_reports (db, person_id, error)) == NULL)
    return NULL;

  leaving = leaving_date_of (db, person_id);
  issues = zb_recruitment_rules_check (steps, zb_member_get (member, ZB_MEMBER_FIELD_BIRTH_DATE),
                                       today);
  more[0] = zb_recruitment_rules_check_reports (steps, reports, today);
  more[1] = zb_recruitment_rules_check_leaving (steps, leaving, today);
  more[2] = zb_recruitment_rules_check_sponsors (steps, zb_store_recruit_roster_cb, db);
  for (guint m = 0; m < G_N_ELEMENTS (more); m++)
    {
      g_ptr_array_set_free_func (more[m], NULL);
      for (guint i = 0; i < more[m]->len; i++)
        g_ptr_array_add (issues, g_ptr_array_index (more[m], i));
      g_ptr_array_unref (more[m]);
    }
  return g_steal_pointer (&issues);
}

/**
 * zb_store_recruit_issues:
 * @person_id: a person on the roster
 * @today: the day to judge against
 *
 * What `check` finds in one person's file (the checker's recruitment
 * findings), for the CLI's `recruit status` and the app's page: the time
 * rules of zb_recruitment_rules_check(), then those of the written reports,
 * of leaving the unit and of the contacts and introducers.
 *
 * Returns: (transfer full) (element-type ZbRecruitIssue): the broken rules,
 *   or NULL with @error set when there is no such person
 */
GPtrArray *
zb_store_recruit_issues (ZbStore      *self,
                         const char   *person_id,
                         const GDate  *today,
                         GError      **error)
{
  sqlite3 *db = zb_store_begin_read (self);
  GPtrArray *issues = recruit_issues_locked (db, person_id, today, error);

  zb_store_end_read (self, db);
  return issues;
}
