#define G_LOG_DOMAIN "zb-store-search"

#include "config.h"

#include <string.h>

#include "zb-search-text.h"
#include "zb-store-private.h"

/* The search index (DESIGN.md, Storage: Search; migration step 11). The
 * triggers queue a changed member or meeting in search_dirty; here its row
 * of search_rows and search_text is written again from the record before
 * anything reads the index (zb_store_search_catch_up()), so that a search
 * never sees a record as it was. The queue waits for that read, or for a
 * commit that leaves FLUSH_AT records queued, and is then indexed in one
 * transaction: FTS4 writes a segment, its size and totals, and search_dirty
 * a page for each transaction that indexes, and every page written costs
 * SQLCipher an encryption and an HMAC (issue 14). A search takes the rows whose bigrams hold each word of
 * two characters or more as a phrase, and scans the folded text only for a
 * word of one character. */

/* A commit indexes the queue itself once it holds this many records: an
 * import or a pulled page is indexed in its own transaction, on its worker
 * thread, and a read of the index never has more than this to index first. */
#define FLUSH_AT      64

#define SNIPPET_CHARS 60
#define SNIPPET_LEAD  20

/* The text a record is found by, field by field, in the order a snippet is
 * chosen from; NULL when the record is gone or a tombstone. Members are
 * found by name, post, title, 党小组 and ethnicity, never by ID number or
 * phone: personal data stays out of the index. */
static GPtrArray *
member_fields (sqlite3     *db,
               const char  *id,
               GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = zb_sql_prepare (db, "SELECT name, post, title, party_group, "
                                                     "ethnicity FROM members WHERE id = ?1 "
                                                     "AND deleted = 0", error);
  GPtrArray *fields;

  if (stmt == NULL)
    return NULL;
  zb_sql_bind_text (stmt, 1, id);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    return NULL;

  fields = g_ptr_array_new_with_free_func (g_free);
  for (int i = 0; i < 5; i++)
    g_ptr_array_add (fields, g_strdup ((const char *) sqlite3_column_text (stmt, i)));
  return fields;
}

static gboolean
add_column_rows (sqlite3     *db,
                 GPtrArray   *fields,
                 const char  *sql,
                 const char  *id,
                 GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = zb_sql_prepare (db, sql, error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  zb_sql_bind_text (stmt, 1, id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    for (int i = 0; i < sqlite3_column_count (stmt); i++)
      g_ptr_array_add (fields, g_strdup ((const char *) sqlite3_column_text (stmt, i)));

  return rc == SQLITE_DONE || zb_sql_fail (db, error);
}

/* A meeting's minutes: its title and place, then each agenda item's title,
 * minutes and resolution, the first item's topic, and the measures. */
static GPtrArray *
minutes_fields (sqlite3     *db,
                const char  *id,
                GError     **error)
{
  g_autoptr(GPtrArray) fields = g_ptr_array_new_with_free_func (g_free);

  if (!add_column_rows (db, fields, "SELECT title, place FROM meetings WHERE id = ?1 "
                                    "AND deleted = 0", id, error) || fields->len == 0)
    return NULL;
  if (!add_column_rows (db, fields, "SELECT title, minutes, resolution FROM agenda_items "
                                    "WHERE meeting_id = ?1 AND deleted = 0 "
                                    "ORDER BY position, rowid", id, error) ||
      !add_column_rows (db, fields, "SELECT topic FROM first_items WHERE meeting_id = ?1 "
                                    "AND deleted = 0", id, error) ||
      !add_column_rows (db, fields, "SELECT text FROM measures WHERE meeting_id = ?1 "
                                    "AND deleted = 0 ORDER BY rowid", id, error))
    return NULL;

  return g_steal_pointer (&fields);
}

static GPtrArray *
record_fields (sqlite3     *db,
               const char  *kind,
               const char  *id,
               GError     **error)
{
  return g_str_equal (kind, "member") ? member_fields (db, id, error)
                                      : minutes_fields (db, id, error);
}

static char *
fold_fields (GPtrArray *fields)
{
  GString *folded = g_string_new (NULL);

  for (guint i = 0; i < fields->len; i++)
    {
      g_autofree char *one = zb_search_fold (fields->pdata[i], NULL);

      g_string_append (folded, one);
      g_string_append_c (folded, '\n');
    }

  return g_string_free (folded, FALSE);
}

/* The search row of a record, its id (0 if none) and its bigrams. */
static gboolean
find_row (sqlite3     *db,
          const char  *kind,
          const char  *id,
          gint64      *rowid,
          char       **bigrams,
          GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = zb_sql_prepare (db, "SELECT r.id, t.bigrams FROM search_rows r "
                                                     "LEFT JOIN search_text t ON t.docid = r.id "
                                                     "WHERE r.kind = ?1 AND r.record_id = ?2",
                                                 error);
  int rc;

  *rowid = 0;
  if (stmt == NULL)
    return FALSE;
  zb_sql_bind_text (stmt, 1, kind);
  zb_sql_bind_text (stmt, 2, id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      *rowid = sqlite3_column_int64 (stmt, 0);
      *bigrams = g_strdup ((const char *) sqlite3_column_text (stmt, 1));
    }

  return rc == SQLITE_ROW || rc == SQLITE_DONE || zb_sql_fail (db, error);
}

static gboolean
run_on_row (sqlite3     *db,
            const char  *sql,
            gint64       rowid,
            const char  *text,
            GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = zb_sql_prepare (db, sql, error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, rowid);
  zb_sql_bind_text (stmt, 2, text);
  return zb_sql_step_done (db, stmt, error);
}

/* A record's row is written again in place, under its docid, and not at
 * all when its text is the same: each page a transaction writes costs
 * SQLCipher an encryption and an HMAC (issue 14), and a row deleted and
 * added again under a new docid writes the pages of both in search_rows,
 * its index and FTS4's content and size tables. */
static gboolean
write_row (sqlite3     *db,
           const char  *kind,
           const char  *id,
           GError     **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autoptr(GPtrArray) fields = record_fields (db, kind, id, &local_error);
  g_autofree char *folded = NULL;
  g_autofree char *bigrams = NULL;
  g_autofree char *old_bigrams = NULL;
  gint64 rowid;

  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  if (!find_row (db, kind, id, &rowid, &old_bigrams, error))
    return FALSE;
  if (fields == NULL)
    return rowid == 0 ||
           (run_on_row (db, "DELETE FROM search_text WHERE docid = ?1", rowid, NULL, error) &&
            run_on_row (db, "DELETE FROM search_rows WHERE id = ?1", rowid, NULL, error));

  folded = fold_fields (fields);
  bigrams = zb_search_bigrams ((const char * const *) fields->pdata, fields->len);
  if (rowid != 0)
    {
      g_autofree char *old_folded = NULL;
      g_autoptr(sqlite3_stmt) stmt = zb_sql_prepare (db, "SELECT folded FROM search_rows "
                                                         "WHERE id = ?1", error);

      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_int64 (stmt, 1, rowid);
      if (sqlite3_step (stmt) == SQLITE_ROW)
        old_folded = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
      if (g_strcmp0 (old_folded, folded) == 0 && g_strcmp0 (old_bigrams, bigrams) == 0)
        return TRUE;

      return (g_strcmp0 (old_folded, folded) == 0 ||
              run_on_row (db, "UPDATE search_rows SET folded = ?2 WHERE id = ?1", rowid, folded,
                          error)) &&
             (g_strcmp0 (old_bigrams, bigrams) == 0 ||
              run_on_row (db, old_bigrams != NULL
                              ? "UPDATE search_text SET bigrams = ?2 WHERE docid = ?1"
                              : "INSERT INTO search_text (docid, bigrams) VALUES (?1, ?2)",
                          rowid, bigrams, error));
    }

  if (!zb_sql_run (db, "INSERT INTO search_rows (kind, record_id, folded) VALUES (?1, ?2, ?3)",
                   (const char *[]) { kind, id, folded }, 3, error))
    return FALSE;

  return run_on_row (db, "INSERT INTO search_text (docid, bigrams) VALUES (?1, ?2)",
                     sqlite3_last_insert_rowid (db), bigrams, error);
}

static gboolean
has_index (sqlite3 *db)
{
  return zb_sql_has_object (db, "table", "search_dirty");
}

/* Writes again the index rows of every record queued since the last time,
 * inside the caller's write transaction. A database from before step 11
 * has no index, and nothing is done. */
gboolean
zb_store_search_flush_locked (sqlite3  *db,
                              GError  **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GPtrArray) queued = g_ptr_array_new_with_free_func (g_free);
  int rc;

  if (!has_index (db))
    return TRUE;

  stmt = zb_sql_prepare (db, "SELECT kind, record_id FROM search_dirty", error);
  if (stmt == NULL)
    return FALSE;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      g_ptr_array_add (queued, g_strdup ((const char *) sqlite3_column_text (stmt, 0)));
      g_ptr_array_add (queued, g_strdup ((const char *) sqlite3_column_text (stmt, 1)));
    }
  if (rc != SQLITE_DONE)
    return zb_sql_fail (db, error);
  if (queued->len == 0)
    return TRUE;

  for (guint i = 0; i < queued->len; i += 2)
    if (!write_row (db, queued->pdata[i], queued->pdata[i + 1], error))
      return FALSE;

  return zb_sql_exec (db, "DELETE FROM search_dirty", error);
}

/* What a commit does to the index: it indexes the queue only once it holds
 * FLUSH_AT records (see the top of this file). */
gboolean
zb_store_search_flush_due_locked (sqlite3  *db,
                                  GError  **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  if (!has_index (db))
    return TRUE;
  stmt = zb_sql_prepare (db, "SELECT count(*) FROM (SELECT 1 FROM search_dirty LIMIT "
                             G_STRINGIFY (FLUSH_AT) ")", error);
  if (stmt == NULL)
    return FALSE;
  if (sqlite3_step (stmt) != SQLITE_ROW)
    return zb_sql_fail (db, error);
  if (sqlite3_column_int (stmt, 0) < FLUSH_AT)
    return TRUE;

  return zb_store_search_flush_locked (db, error);
}

/* The condition on search_rows (aliased @alias) for the records of @kind
 * ("member" or "minutes") that @query's words find, with the values to bind
 * to its "?"s in order appended to @params; NULL when the query has no word.
 * The user's text only ever reaches SQLite as bound values: a quote, "*",
 * "-", OR or NEAR is text to find. The kind is compared with a unary "+",
 * so that SQLite takes the rows by the docids FTS4 found, not every row of
 * the kind by the (kind, record_id) index. */
char *
zb_store_search_condition (const char  *query,
                           const char  *kind,
                           const char  *alias,
                           GPtrArray   *params)
{
  g_auto(GStrv) terms = zb_search_terms (query);
  g_autofree char *match = NULL;
  GString *sql;

  g_return_val_if_fail (g_str_equal (kind, "member") || g_str_equal (kind, "minutes"), NULL);

  if (terms[0] == NULL)
    return NULL;

  sql = g_string_new (NULL);
  g_string_append_printf (sql, "+%s.kind = '%s'", alias, kind);
  match = zb_search_match_expr ((const char * const *) terms);
  if (match != NULL)
    {
      g_string_append_printf (sql, " AND %s.id IN (SELECT docid FROM search_text WHERE "
                                   "search_text MATCH ?)", alias);
      g_ptr_array_add (params, g_steal_pointer (&match));
    }
  for (guint i = 0; terms[i] != NULL; i++)
    if (zb_search_term_is_short (terms[i]))
      {
        g_string_append_printf (sql, " AND %s.folded LIKE ? ESCAPE '\\'", alias);
        g_ptr_array_add (params, zb_search_like_pattern (terms[i]));
      }

  return g_string_free (sql, FALSE);
}

static void
replace_breaks (char *text)
{
  for (char *p = text; *p; p++)
    if (*p == '\n' || *p == '\r' || *p == '\t')
      *p = ' ';
}

/* The part of @field around its first match, at most SNIPPET_CHARS long,
 * with the matches within it moved to its offsets. */
static char *
cut_snippet (const char  *field,
             GArray      *found,
             GArray     **matches)
{
  gsize first = found->len ? g_array_index (found, gsize, 0) : 0;
  const char *start = field, *end;
  GString *snippet = g_string_new (NULL);
  gsize shift;

  if (g_utf8_strlen (field, -1) > SNIPPET_CHARS)
    {
      glong lead = g_utf8_pointer_to_offset (field, field + first);

      start = g_utf8_offset_to_pointer (field, MAX (0, lead - SNIPPET_LEAD));
      if (start != field)
        g_string_append (snippet, "…");
    }
  end = start;
  for (int i = 0; i < SNIPPET_CHARS && *end; i++)
    end = g_utf8_next_char (end);

  shift = snippet->len;
  g_string_append_len (snippet, start, end - start);
  if (*end)
    g_string_append (snippet, "…");
  replace_breaks (snippet->str);

  *matches = g_array_new (FALSE, FALSE, 2 * sizeof (gsize));
  for (guint i = 0; i < found->len; i++)
    {
      gsize a = g_array_index (found, gsize, 2 * i), b = g_array_index (found, gsize, 2 * i + 1);
      gsize span[2];

      if (a < (gsize) (start - field) || a >= (gsize) (end - field))
        continue;
      span[0] = a - (start - field) + shift;
      span[1] = MIN (b, (gsize) (end - field)) - (start - field) + shift;
      g_array_append_vals (*matches, span, 1);
    }

  return g_string_free (snippet, FALSE);
}

static ZbSearchResult *
make_result (sqlite3             *db,
             ZbSearchKinds        kind,
             sqlite3_stmt        *row,
             const char * const  *terms,
             GError             **error)
{
  const char *id = (const char *) sqlite3_column_text (row, 0);
  g_autoptr(GPtrArray) fields = record_fields (db, kind == ZB_SEARCH_MEMBERS ? "member"
                                                                              : "minutes",
                                               id, error);
  g_autoptr(GArray) matches = NULL;
  g_autofree char *snippet = NULL;

  if (fields == NULL)
    return NULL;

  /* The snippet shows what the title does not: the first other field with
   * a match, else the title itself. */
  for (guint n = 1; n <= fields->len && snippet == NULL; n++)
    {
      const char *field = fields->pdata[n % fields->len];
      g_autoptr(GArray) found = NULL;

      if (field == NULL)
        continue;
      found = zb_search_locate (field, terms);
      if (found->len > 0)
        snippet = cut_snippet (field, found, &matches);
    }

  return zb_search_result_new (kind, id, (const char *) sqlite3_column_text (row, 1),
                               (const char *) sqlite3_column_text (row, 2),
                               snippet ? snippet : fields->pdata[0], matches);
}

static const char *
kind_sql (ZbSearchKinds kind)
{
  /* CROSS JOIN keeps search_rows the outer loop: the index's hits first,
   * then each one's record by its key. */
  if (kind == ZB_SEARCH_MEMBERS)
    return "SELECT m.id, m.name, coalesce(m.party_group, m.post, '') FROM search_rows r "
           "CROSS JOIN members m ON m.id = r.record_id WHERE %s "
           "ORDER BY m.name COLLATE PINYIN, m.rowid LIMIT %u";

  return "SELECT g.id, g.title, g.date FROM search_rows r CROSS JOIN meetings g "
         "ON g.id = r.record_id WHERE %s "
         "ORDER BY g.date DESC, g.rowid LIMIT %u";
}

static gboolean
search_kind (sqlite3      *db,
             const char   *query,
             ZbSearchKinds kind,
             guint         limit,
             GListStore   *results,
             GError      **error)
{
  g_autoptr(GPtrArray) params = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *condition = zb_store_search_condition (query, kind == ZB_SEARCH_MEMBERS
                                                                 ? "member" : "minutes",
                                                          "r", params);
  g_auto(GStrv) terms = zb_search_terms (query);
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autofree char *sql = NULL;
  int rc;

  if (condition == NULL)
    return TRUE;

  sql = g_strdup_printf (kind_sql (kind), condition, limit);
  stmt = zb_sql_prepare (db, sql, error);
  if (stmt == NULL)
    return FALSE;
  for (guint i = 0; i < params->len; i++)
    zb_sql_bind_text (stmt, i + 1, params->pdata[i]);

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      g_autoptr(GError) local_error = NULL;
      g_autoptr(ZbSearchResult) result = make_result (db, kind, stmt,
                                                      (const char * const *) terms,
                                                      &local_error);

      if (local_error != NULL)
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return FALSE;
        }
      if (result != NULL)
        g_list_store_append (results, result);
    }

  return rc == SQLITE_DONE || zb_sql_fail (db, error);
}

typedef struct
{
  char          *query;
  ZbSearchKinds  kinds;
  guint          limit;
  GListStore    *results;
} SearchJob;

static void
search_job_free (SearchJob *job)
{
  g_free (job->query);
  g_clear_object (&job->results);
  g_free (job);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SearchJob, search_job_free)

/* Whether another program changed records that are not indexed yet. */
gboolean
zb_store_search_pending_locked (sqlite3 *db)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  if (!has_index (db))
    return FALSE;
  stmt = zb_sql_prepare (db, "SELECT 1 FROM search_dirty LIMIT 1", NULL);
  return stmt != NULL && sqlite3_step (stmt) == SQLITE_ROW;
}

static gboolean
pending_body (sqlite3   *db,
              gpointer   data,
              GError   **error)
{
  *(gboolean *) data = zb_store_search_pending_locked (db);
  return TRUE;
}

static gboolean
flush_body (sqlite3   *db,
            gpointer   data,
            GError   **error)
{
  return zb_store_search_flush_locked (db, error);
}

/* The search itself is a read, in one read transaction for one snapshot. */
static gboolean
search_body (sqlite3   *db,
             gpointer   data,
             GError   **error)
{
  SearchJob *job = data;
  gboolean ok;

  if (!zb_sql_exec (db, "BEGIN", error))
    return FALSE;
  ok = ((job->kinds & ZB_SEARCH_MEMBERS) == 0 ||
        search_kind (db, job->query, ZB_SEARCH_MEMBERS, job->limit, job->results, error)) &&
       ((job->kinds & ZB_SEARCH_MINUTES) == 0 ||
        search_kind (db, job->query, ZB_SEARCH_MINUTES, job->limit, job->results, error));
  zb_sql_exec (db, ok ? "COMMIT" : "ROLLBACK", NULL);

  return ok;
}

/* Indexes the records queued since the index was last brought up to date
 * (by this store's commits, or by another program), in a write transaction
 * of its own, and takes no write lock when nothing is queued. Whatever reads
 * search_rows or search_text calls it first: zb_store_search(), the
 * roster's filter. */
gboolean
zb_store_search_catch_up (ZbStore  *self,
                          GError  **error)
{
  gboolean pending = FALSE;

  g_return_val_if_fail (ZB_IS_STORE (self), FALSE);

  return zb_store_run_read (self, pending_body, &pending, error) &&
         (!pending || zb_store_run_write (self, flush_body, NULL, error));
}

/* Members and minutes holding every word of @query, members first (in
 * pinyin order), then minutes (the latest first), at most @limit of each,
 * as ZbSearchResults. Off the main thread (zb_store_search_async()) it reads
 * through the write connection, which searches over everything (DESIGN.md,
 * Storage: Connections), taking a write transaction only to index first
 * what is queued. A query of only whitespace finds nothing. */
GListModel *
zb_store_search (ZbStore        *self,
                 const char     *query,
                 ZbSearchKinds   kinds,
                 guint           limit,
                 GError        **error)
{
  g_autoptr(SearchJob) job = g_new0 (SearchJob, 1);

  g_return_val_if_fail (ZB_IS_STORE (self), NULL);
  g_return_val_if_fail (query != NULL, NULL);

  job->query = g_strdup (query);
  job->kinds = kinds;
  job->limit = limit > 0 ? limit : G_MAXINT;
  job->results = g_list_store_new (ZB_TYPE_SEARCH_RESULT);
  if (!zb_store_search_catch_up (self, error) ||
      !zb_store_run_read (self, search_body, job, error))
    return NULL;

  return G_LIST_MODEL (g_steal_pointer (&job->results));
}

static void
search_thread (GTask        *task,
               gpointer      source,
               gpointer      task_data,
               GCancellable *cancellable)
{
  SearchJob *job = task_data;
  GError *error = NULL;
  GListModel *results = zb_store_search (source, job->query, job->kinds, job->limit, &error);

  if (results == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, results, g_object_unref);
}

/* zb_store_search() on a worker thread, for the app. */
void
zb_store_search_async (ZbStore             *self,
                       const char          *query,
                       ZbSearchKinds        kinds,
                       guint                limit,
                       GCancellable        *cancellable,
                       GAsyncReadyCallback  callback,
                       gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (self, cancellable, callback, user_data);
  SearchJob *job = g_new0 (SearchJob, 1);

  job->query = g_strdup (query);
  job->kinds = kinds;
  job->limit = limit;
  g_task_set_source_tag (task, zb_store_search_async);
  g_task_set_task_data (task, job, (GDestroyNotify) search_job_free);
  g_task_set_return_on_cancel (task, TRUE);
  g_task_run_in_thread (task, search_thread);
}

GListModel *
zb_store_search_finish (ZbStore       *self,
                        GAsyncResult  *result,
                        GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
