#define G_LOG_DOMAIN "zb-store-committee"

#include "config.h"

#include <glib/gi18n.h>

#include "zb-date.h"
#include "zb-member-rules.h"
#include "zb-store-private.h"

/* The branch committee (支部委员会): who sat on it, in which role, from when
 * to when. A branch of seven or more full members elects one (the Branch
 * Regulations, chapter 6; DOMAIN.md section 2); its terms decide who is
 * expected at a committee meeting. Each call is one transaction. */

/* A term's role and dates as typed: the dates in any form office workers
 * use (zb_date_parse_input), turned into ISO in @term. */
static gboolean
check_term (ZbCommitteeMember  *term,
            GError            **error)
{
  const char *to = zb_committee_member_get_to_date (term);
  g_autofree char *from_iso = zb_date_normalise_input (zb_committee_member_get_from_date (term));
  g_autofree char *to_iso = to ? zb_date_normalise_input (to) : NULL;

  if (zb_committee_member_get_member_id (term) == NULL)
    return zb_store_refuse (error, _("Member: choose the member who sits on the committee"));
  if (zb_committee_member_get_role (term) == NULL)
    return zb_store_refuse (error, _("Role: is required, such as 书记 or 组织委员"));
  if (from_iso == NULL)
    return zb_store_refuse (error, _("Start of the term: give a date as year-month-day, such as "
                             "2024-01-15"));
  if (to != NULL && to_iso == NULL)
    return zb_store_refuse (error, _("End of the term: give a date as year-month-day, such as "
                             "2027-01-14"));
  if (to_iso != NULL && g_strcmp0 (to_iso, from_iso) < 0)
    return zb_store_refuse (error, _("End of the term: must not come before its start"));

  zb_committee_member_set_from_date (term, from_iso);
  zb_committee_member_set_to_date (term, to_iso);
  return TRUE;
}

/* Only a full member may be elected: a probationary member has no right to
 * elect or be elected (the Constitution, article 7; the Election
 * Regulations). */
static gboolean
check_member (sqlite3            *db,
              ZbCommitteeMember  *term,
              GError            **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  const char *full_date;

  stmt = zb_sql_prepare (db, "SELECT category, full_date FROM members "
                             "WHERE id = ? AND deleted = 0", error);
  if (stmt == NULL)
    return FALSE;

  zb_sql_bind_text (stmt, 1, zb_committee_member_get_member_id (term));
  if (sqlite3_step (stmt) != SQLITE_ROW)
    {
      g_set_error (error, ZB_MEMBER_ERROR, ZB_MEMBER_ERROR_NOT_FOUND,
                   _("Member: no member has the ID %s"),
                   zb_committee_member_get_member_id (term));
      return FALSE;
    }
  if (g_strcmp0 ((const char *) sqlite3_column_text (stmt, 0), ZB_CATEGORY_FULL) != 0)
    return zb_store_refuse (error, _("Member: only a full member can sit on the branch committee; a "
                             "probationary member may not be elected (the Constitution, "
                             "article 7)"));

  full_date = (const char *) sqlite3_column_text (stmt, 1);
  if (full_date != NULL && g_strcmp0 (full_date, zb_committee_member_get_from_date (term)) > 0)
    {
      g_set_error (error, ZB_MEMBER_ERROR, ZB_MEMBER_ERROR_INVALID,
                   _("Start of the term: the member became a full member only on %s; a "
                     "probationary member may not be elected (the Constitution, article 7)"),
                   full_date);
      return FALSE;
    }

  return TRUE;
}

static gboolean
add_body (sqlite3  *db,
          gpointer  data,
          GError  **error)
{
  ZbCommitteeMember *term = data;
  g_autofree char *id = g_uuid_string_random ();
  const char *values[] = {
    id, zb_committee_member_get_member_id (term), zb_committee_member_get_role (term),
    zb_committee_member_get_from_date (term), zb_committee_member_get_to_date (term),
  };

  if (!check_member (db, term, error) ||
      !zb_sql_run (db, "INSERT OR FAIL INTO committee_members (id, member_id, role, from_date, "
                       "to_date) VALUES (?, ?, ?, ?, ?)", values, G_N_ELEMENTS (values), error))
    return FALSE;

  zb_committee_member_set_id (term, id);
  return TRUE;
}

static ZbCommitteeMember *
new_term (const char *member_id,
          const char *role,
          const char *from,
          const char *to)
{
  ZbCommitteeMember *term = zb_committee_member_new ();

  zb_committee_member_set_member_id (term, member_id);
  zb_committee_member_set_role (term, role);
  zb_committee_member_set_from_date (term, from);
  zb_committee_member_set_to_date (term, to);
  return term;
}

/* A new term on the committee; gives its ID. */
char *
zb_store_add_committee_term (ZbStore     *self,
                             const char  *member_id,
                             const char  *role,
                             const char  *from,
                             const char  *to,
                             GError     **error)
{
  g_autoptr(ZbCommitteeMember) term = new_term (member_id, role, from, to);

  if (!check_term (term, error) || !zb_store_run_write (self, add_body, term, error))
    return NULL;

  return g_strdup (zb_committee_member_get_id (term));
}

gboolean
zb_store_add_committee_member (ZbStore     *self,
                               const char  *member_id,
                               const char  *role,
                               const char  *from,
                               const char  *to,
                               GError     **error)
{
  g_autofree char *id = zb_store_add_committee_term (self, member_id, role, from, to, error);

  return id != NULL;
}

static gboolean
no_such_term (GError **error)
{
  g_set_error_literal (error, ZB_MEMBER_ERROR, ZB_MEMBER_ERROR_NOT_FOUND,
                       _("No term on the committee has this ID; see “zhibu-cli committee "
                         "list”"));
  return FALSE;
}

static gboolean
changed_one (sqlite3  *db,
             GError  **error)
{
  return sqlite3_changes (db) > 0 || no_such_term (error);
}

static gboolean
update_body (sqlite3  *db,
             gpointer  data,
             GError  **error)
{
  ZbCommitteeMember *term = data;
  const char *values[] = {
    zb_committee_member_get_member_id (term), zb_committee_member_get_role (term),
    zb_committee_member_get_from_date (term), zb_committee_member_get_to_date (term),
    zb_committee_member_get_id (term),
  };

  return check_member (db, term, error) &&
         zb_sql_run (db, "UPDATE OR FAIL committee_members SET member_id = ?, role = ?, "
                         "from_date = ?, to_date = ? WHERE id = ? AND deleted = 0",
                     values, G_N_ELEMENTS (values), error) &&
         changed_one (db, error);
}

/* Corrects a term: its member, role and dates, by its ID. */
gboolean
zb_store_update_committee_member (ZbStore            *self,
                                  ZbCommitteeMember  *term,
                                  GError            **error)
{
  g_autoptr(ZbCommitteeMember) copy = NULL;

  g_return_val_if_fail (ZB_IS_COMMITTEE_MEMBER (term), FALSE);

  if (zb_committee_member_get_id (term) == NULL)
    return no_such_term (error);
  copy = new_term (zb_committee_member_get_member_id (term), zb_committee_member_get_role (term),
                   zb_committee_member_get_from_date (term),
                   zb_committee_member_get_to_date (term));
  zb_committee_member_set_id (copy, zb_committee_member_get_id (term));

  return check_term (copy, error) && zb_store_run_write (self, update_body, copy, error);
}

static ZbCommitteeMember *
term_from_row (sqlite3_stmt *stmt)
{
  ZbCommitteeMember *term = zb_committee_member_new ();
  void (*setters[]) (ZbCommitteeMember *, const char *) = {
    zb_committee_member_set_id, zb_committee_member_set_member_id,
    zb_committee_member_set_name, zb_committee_member_set_role,
    zb_committee_member_set_from_date, zb_committee_member_set_to_date,
  };

  for (guint i = 0; i < G_N_ELEMENTS (setters); i++)
    setters[i] (term, (const char *) sqlite3_column_text (stmt, i));

  return term;
}

#define TERM_SELECT \
  "SELECT c.id, c.member_id, m.name, c.role, c.from_date, c.to_date " \
  "FROM committee_members c JOIN members m ON m.id = c.member_id WHERE c.deleted = 0 "

static gboolean
end_body (sqlite3  *db,
          gpointer  data,
          GError  **error)
{
  ZbCommitteeMember *end = data;
  g_autoptr(sqlite3_stmt) stmt = zb_sql_prepare (db, TERM_SELECT "AND c.id = ?", error);
  g_autoptr(ZbCommitteeMember) term = NULL;

  if (stmt == NULL)
    return FALSE;
  zb_sql_bind_text (stmt, 1, zb_committee_member_get_id (end));
  if (sqlite3_step (stmt) != SQLITE_ROW)
    return no_such_term (error);

  term = term_from_row (stmt);
  zb_committee_member_set_to_date (term, zb_committee_member_get_to_date (end));
  return check_term (term, error) && update_body (db, term, error);
}

/* Ends a term on @to, as typed (the day the member left the committee). */
gboolean
zb_store_end_committee_member (ZbStore     *self,
                               const char  *id,
                               const char  *to,
                               GError     **error)
{
  g_autoptr(ZbCommitteeMember) end = zb_committee_member_new ();

  zb_committee_member_set_id (end, id);
  zb_committee_member_set_to_date (end, to);
  if (zb_committee_member_get_to_date (end) == NULL)
    return zb_store_refuse (error, _("End of the term: give a date as year-month-day, such as "
                             "2027-01-14"));

  return zb_store_run_write (self, end_body, end, error);
}

static gboolean
remove_body (sqlite3  *db,
             gpointer  data,
             GError  **error)
{
  const char *values[] = { data };

  return zb_sql_run (db, "UPDATE OR FAIL committee_members SET deleted = 1 "
                         "WHERE id = ? AND deleted = 0",
                     values, 1, error) &&
         changed_one (db, error);
}

/* A term entered by mistake leaves a tombstone, for sync (DESIGN.md,
 * Storage); a term that ended is ended, not removed. */
gboolean
zb_store_remove_committee_member (ZbStore     *self,
                                  const char  *id,
                                  GError     **error)
{
  return zb_store_run_write (self, remove_body, (gpointer) id, error);
}

/* Every term, the running ones first, then by start, latest first. */
GListModel *
zb_store_list_committee (ZbStore  *self,
                         GError  **error)
{
  g_autofree char *today = zb_date_today_iso ();
  sqlite3 *db;
  GListModel *list;

  db = zb_store_begin_read (self);
  list = zb_sql_list (db, ZB_TYPE_COMMITTEE_MEMBER,
                      TERM_SELECT "ORDER BY (c.to_date IS NOT NULL AND c.to_date < ?1), "
                      "c.from_date DESC, m.name COLLATE PINYIN, m.name, c.rowid",
                      today, NULL, (ZbRowFunc) term_from_row, error);
  zb_store_end_read (self, db);

  return list;
}
