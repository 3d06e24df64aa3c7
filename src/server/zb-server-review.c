#define G_LOG_DOMAIN "zb-server-review"

#include "config.h"

#include <libintl.h>

#include <glib/gi18n.h>

#include "zb-server-review.h"
#include "zb-server-store-private.h"

/* The committee's review of finalised records (DOMAIN.md section 6: the one
 * thing a committee account writes). Every decision is a row of
 * record_reviews (server schema step 4) and is published to the branch's
 * feed as the row of meeting_reviews whose ID is the meeting's, written by
 * the server alone (PROTOCOL.md 7.5): the latest decision stands. The
 * messages are read by the committee on its pages, so they follow the
 * page's locale (dgettext, as zb-server-web.c explains). */

#undef _
#define _(String) dgettext (GETTEXT_PACKAGE, String)

#define REVIEW_TABLE "meeting_reviews"

/* A record's latest decision: the one of the largest sequence number. */
#define LIST_SQL \
  "SELECT c.meeting_id, r.fields, v.decision, v.comment, v.account, v.decided_at, c.position " \
  "FROM finalised_chain c JOIN sync_rows r ON r.branch_id = c.branch_id AND " \
  "r.table_name = 'meetings' AND r.row_id = c.meeting_id " \
  "LEFT JOIN record_reviews v ON v.branch_id = c.branch_id AND v.meeting_id = c.meeting_id " \
  "AND v.seq = (SELECT max(w.seq) FROM record_reviews w WHERE w.branch_id = c.branch_id AND " \
  "w.meeting_id = c.meeting_id) WHERE c.branch_id = ?"

G_DEFINE_QUARK (zb-server-review-error-quark, zb_server_review_error)

static gboolean
invalid (GError     **error,
         const char  *message)
{
  g_set_error_literal (error, ZB_SERVER_REVIEW_ERROR, ZB_SERVER_REVIEW_ERROR_INVALID, message);
  return FALSE;
}

/* Several lines of text: newlines and tabs, a CR only before a newline,
 * no other control character (PROTOCOL.md 4.1, as the PC's notes). */
static gboolean
printable_lines (const char *text)
{
  for (const char *p = text; *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (c == '\n' || c == '\t' || (c == '\r' && p[1] == '\n'))
        continue;
      if (c < 0x20 || (c >= 0x7f && c <= 0x9f))
        return FALSE;
    }
  return TRUE;
}

/* A decision is approved (审核通过) or returned (退回); a returned record
 * needs the comment that says what to correct. */
gboolean
zb_server_review_check (const char  *decision,
                        const char  *comment,
                        GError     **error)
{
  g_autofree char *stripped = comment ? g_strstrip (g_strdup (comment)) : NULL;
  gboolean empty = stripped == NULL || *stripped == '\0';

  if (g_strcmp0 (decision, "approved") != 0 && g_strcmp0 (decision, "returned") != 0)
    return invalid (error, _("Choose whether to approve the record or to send it back"));
  if (g_str_equal (decision, "returned") && empty)
    return invalid (error, _("Comment: say what the branch should correct before sending the "
                             "record back"));
  if (empty)
    return TRUE;
  if (!g_utf8_validate (comment, -1, NULL))
    return invalid (error, _("Comment: is not valid UTF-8 text"));
  if (g_utf8_strlen (comment, -1) > ZB_REVIEW_COMMENT_MAX)
    {
      g_autofree char *message = g_strdup_printf (_("Comment: is longer than %u characters: "
                                                    "shorten it"), ZB_REVIEW_COMMENT_MAX);
      return invalid (error, message);
    }
  if (!printable_lines (comment))
    return invalid (error, _("Comment: contains a control character; retype it"));
  return TRUE;
}

/* The branch's finalised records (those the server accepted on its chain),
 * the newest first, or the one @meeting_id names; with each its latest
 * decision. Columns: meeting ID, the meeting's fields as JSON, decision,
 * comment, account, decided at (Unix seconds), position in the chain. */
ZbServerResult *
zb_server_review_list (ZbServerStore  *store,
                       const char     *branch_id,
                       const char     *meeting_id,
                       GError        **error)
{
  ZbServerDb *db = zb_server_store_get_db (store);

  if (meeting_id != NULL)
    return zb_server_db_query (db, LIST_SQL " AND c.meeting_id = ?",
                               ZB_PARAMS (branch_id, meeting_id), error);
  return zb_server_db_query (db, LIST_SQL " ORDER BY c.position DESC", ZB_PARAMS (branch_id),
                             error);
}

/* The record's agenda items and first item, as the server holds them:
 * table name and fields as JSON. */
ZbServerResult *
zb_server_review_rows (ZbServerStore  *store,
                       const char     *branch_id,
                       const char     *meeting_id,
                       GError        **error)
{
  return zb_server_db_query (zb_server_store_get_db (store),
                             "SELECT table_name, fields FROM sync_rows WHERE branch_id = ? AND "
                             "parent_id = ? AND deleted = 0 AND table_name IN ('agenda_items', "
                             "'first_items')", ZB_PARAMS (branch_id, meeting_id), error);
}

static JsonObject *
review_fields (const char *meeting_id,
               const char *decision,
               const char *comment,
               const char *account,
               gint64      now)
{
  g_autoptr(GDateTime) at = g_date_time_new_from_unix_utc (now);
  g_autofree char *at_text = g_date_time_format (at, "%Y-%m-%dT%H:%M:%SZ");
  JsonObject *fields = json_object_new ();

  json_object_set_string_member (fields, "meeting_id", meeting_id);
  json_object_set_string_member (fields, "decision", decision);
  if (comment != NULL)
    json_object_set_string_member (fields, "comment", comment);
  else
    json_object_set_null_member (fields, "comment");
  json_object_set_string_member (fields, "reviewer", account);
  json_object_set_string_member (fields, "decided_at", at_text);
  return fields;
}

/* The row every PC of the branch pulls: no device's op, so no origin and
 * never an echo. */
static gboolean
publish (ZbServerDb   *db,
         const char   *branch_id,
         const char   *meeting_id,
         JsonObject   *fields,
         const char   *seq,
         GError      **error)
{
  g_autofree char *json = zb_server_fields_to_json (fields);
  g_autofree char *now = zb_server_now ();
  guint64 changes = 0;

  if (!zb_server_db_exec (db, "UPDATE sync_rows SET fields = ?, deleted = 0, seq = ?, "
                              "origin_device = NULL, origin_op = NULL, echo = 0, "
                              "changed_at = ? WHERE branch_id = ? AND table_name = '"
                              REVIEW_TABLE "' AND row_id = ?",
                          ZB_PARAMS (json, seq, now, branch_id, meeting_id), &changes, error))
    return FALSE;
  if (changes > 0)
    return TRUE;
  return zb_server_db_exec (db, "INSERT INTO sync_rows (branch_id, table_name, row_id, fields, "
                                "deleted, seq, echo, changed_at) VALUES (?, '" REVIEW_TABLE "', "
                                "?, ?, 0, ?, 0, ?)",
                            ZB_PARAMS (branch_id, meeting_id, json, seq, now), NULL, error);
}

static gboolean
is_finalised_record (ZbServerDb   *db,
                     const char   *branch_id,
                     const char   *meeting_id,
                     GError      **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autofree char *found = zb_server_db_query_value (db, "SELECT meeting_id FROM "
                                                         "finalised_chain WHERE branch_id = ? "
                                                         "AND meeting_id = ?",
                                                     ZB_PARAMS (branch_id, meeting_id),
                                                     &local_error);

  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  if (found == NULL)
    {
      g_set_error_literal (error, ZB_SERVER_REVIEW_ERROR, ZB_SERVER_REVIEW_ERROR_NOT_FOUND,
                           _("The branch has no finalised record of that ID"));
      return FALSE;
    }
  return TRUE;
}

static gboolean
insert_decision (ZbServerStore  *store,
                 const char     *branch_id,
                 const char     *meeting_id,
                 const char     *decision,
                 const char     *comment,
                 const char     *account,
                 GError        **error)
{
  ZbServerDb *db = zb_server_store_get_db (store);
  gint64 now = g_get_real_time () / G_USEC_PER_SEC, seq = 0;
  g_autofree char *id = g_uuid_string_random ();
  g_autofree char *now_text = g_strdup_printf ("%" G_GINT64_FORMAT, now);
  g_autofree char *seq_text = NULL;
  g_autoptr(JsonObject) fields = NULL;

  /* The branch's row first, as a push takes it: sequence numbers become
   * visible in commit order (PROTOCOL.md 7). */
  if (!zb_server_db_exec (db, "UPDATE branches SET seq = seq WHERE id = ?",
                          ZB_PARAMS (branch_id), NULL, error) ||
      !is_finalised_record (db, branch_id, meeting_id, error) ||
      !zb_server_next_seq (store, branch_id, &seq, error))
    return FALSE;

  seq_text = g_strdup_printf ("%" G_GINT64_FORMAT, seq);
  fields = review_fields (meeting_id, decision, comment, account, now);
  return zb_server_db_exec (db, "INSERT INTO record_reviews (id, branch_id, meeting_id, decision, "
                                "comment, account, decided_at, seq) "
                                "VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                            ZB_PARAMS (id, branch_id, meeting_id, decision, comment, account,
                                       now_text, seq_text), NULL, error) &&
         publish (db, branch_id, meeting_id, fields, seq_text, error);
}

/* One decision by @account on a finalised record of @branch_id, in one
 * transaction; the caller has checked that the branch is the account's. */
gboolean
zb_server_review_decide (ZbServerStore  *store,
                         const char     *branch_id,
                         const char     *meeting_id,
                         const char     *decision,
                         const char     *comment,
                         const char     *account,
                         GError        **error)
{
  ZbServerDb *db = zb_server_store_get_db (store);
  g_autofree char *stripped = comment ? g_strstrip (g_strdup (comment)) : NULL;

  if (!zb_server_review_check (decision, comment, error))
    return FALSE;
  if (stripped != NULL && *stripped == '\0')
    g_clear_pointer (&stripped, g_free);

  if (!zb_server_db_begin (db, error))
    return FALSE;
  if (!insert_decision (store, branch_id, meeting_id, decision, stripped, account, error) ||
      !zb_server_db_commit (db, error))
    {
      zb_server_db_rollback (db);
      return FALSE;
    }
  return TRUE;
}

/* A finalised record the server refused as chain_broken (PROTOCOL.md 8):
 * kept, within the push's transaction, so that the branch's page flags it. */
gboolean
zb_server_review_note_break (ZbServerStore  *store,
                             const char     *branch_id,
                             const char     *meeting_id,
                             const char     *device_id,
                             const char     *reason,
                             GError        **error)
{
  g_autofree char *now = g_strdup_printf ("%" G_GINT64_FORMAT,
                                          g_get_real_time () / G_USEC_PER_SEC);

  return zb_server_db_exec (zb_server_store_get_db (store),
                            "INSERT INTO chain_breaks (branch_id, meeting_id, device_id, reason, "
                            "found_at) VALUES (?, ?, ?, ?, ?)",
                            ZB_PARAMS (branch_id, meeting_id, device_id, reason, now), NULL,
                            error);
}

/* The branch's breaks, the latest first: meeting ID, device ID, reason,
 * found at (Unix seconds). */
ZbServerResult *
zb_server_review_breaks (ZbServerStore  *store,
                         const char     *branch_id,
                         GError        **error)
{
  return zb_server_db_query (zb_server_store_get_db (store),
                             "SELECT meeting_id, device_id, reason, found_at FROM chain_breaks "
                             "WHERE branch_id = ? ORDER BY found_at DESC", ZB_PARAMS (branch_id),
                             error);
}
