#define G_LOG_DOMAIN "zb-store-reviews"

#include "config.h"

#include "zb-store-private.h"

/* The higher committee's review of finalised records (migration step 14;
 * DOMAIN.md section 6): rows the committee's server writes and this PC
 * only receives (PROTOCOL.md 7.5), the latest decision on each record.
 *
 * A record sent back (退回) is answered once the branch has added an
 * addendum (补充记录) to it after the decision: a live meeting whose
 * addendum_of names the record and whose created_at is later than the
 * decision's decided_at (both UTC, ISO 8601, so they compare as text). The
 * addendum need not be finalised yet to answer on this PC; the committee
 * sees it once it is. A record sent back again after an addendum needs a
 * new one. */

#define REVIEW_SELECT \
  "SELECT r.meeting_id, m.title, m.date, r.decision, r.comment, r.reviewer, r.decided_at, " \
  "EXISTS (SELECT 1 FROM meetings a WHERE a.addendum_of = r.meeting_id AND a.deleted = 0 " \
  "AND a.created_at > r.decided_at) AS answered FROM meeting_reviews r " \
  "JOIN meetings m ON m.id = r.meeting_id WHERE r.deleted = 0 "

void
zb_review_free (ZbReview *review)
{
  g_free (review->meeting_id);
  g_free (review->meeting_title);
  g_free (review->meeting_date);
  g_free (review->decision);
  g_free (review->comment);
  g_free (review->reviewer);
  g_free (review->decided_at);
  g_free (review);
}

static char *
column_text (sqlite3_stmt *stmt,
             int           column)
{
  return g_strdup ((const char *) sqlite3_column_text (stmt, column));
}

static ZbReview *
review_from_row (sqlite3_stmt *stmt)
{
  ZbReview *review = g_new0 (ZbReview, 1);

  review->meeting_id = column_text (stmt, 0);
  review->meeting_title = column_text (stmt, 1);
  review->meeting_date = column_text (stmt, 2);
  review->decision = column_text (stmt, 3);
  review->comment = column_text (stmt, 4);
  review->reviewer = column_text (stmt, 5);
  review->decided_at = column_text (stmt, 6);
  review->answered = sqlite3_column_int (stmt, 7) != 0;
  return review;
}

static GPtrArray *
query_reviews (ZbStore     *self,
               const char  *sql,
               const char  *arg,
               GError     **error)
{
  sqlite3 *db = zb_store_begin_read (self);
  sqlite3_stmt *stmt = zb_sql_prepare (db, sql, error);
  g_autoptr(GPtrArray) reviews = g_ptr_array_new_with_free_func ((GDestroyNotify) zb_review_free);
  gboolean ok = stmt != NULL;
  int rc;

  if (ok && arg != NULL)
    zb_sql_bind_text (stmt, 1, arg);
  while (ok && (rc = sqlite3_step (stmt)) != SQLITE_DONE)
    {
      if (rc == SQLITE_ROW)
        g_ptr_array_add (reviews, review_from_row (stmt));
      else
        ok = zb_sql_fail (db, error);
    }
  g_clear_pointer (&stmt, sqlite3_finalize);
  zb_store_end_read (self, db);

  return ok ? g_steal_pointer (&reviews) : NULL;
}

/* The committee's latest decision on @meeting_id, or NULL (and no error)
 * when it has made none. */
ZbReview *
zb_store_get_review (ZbStore     *self,
                     const char  *meeting_id,
                     GError     **error)
{
  g_autoptr(GPtrArray) reviews = query_reviews (self, REVIEW_SELECT "AND r.meeting_id = ?1",
                                                meeting_id, error);

  if (reviews == NULL || reviews->len == 0)
    return NULL;
  return g_ptr_array_steal_index (reviews, 0);
}

/* The records sent back that the branch has not answered yet, the oldest
 * decision first: what the secretary still owes the committee. */
GPtrArray *
zb_store_list_sent_back (ZbStore  *self,
                         GError  **error)
{
  return query_reviews (self, "SELECT * FROM (" REVIEW_SELECT "AND r.decision = 'returned') "
                              "WHERE NOT answered ORDER BY decided_at", NULL, error);
}
