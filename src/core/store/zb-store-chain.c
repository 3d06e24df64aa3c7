#define G_LOG_DOMAIN "zb-store-chain"

#include "config.h"

#include <glib/gi18n.h>

#include "zb-canonical-json.h"
#include "zb-date.h"
#include "zb-member-rules.h"
#include "zb-store-private.h"

/* Finalised minutes are immutable, and each is chained to the record
 * finalised before it on the same device (DESIGN.md, Storage): its hash is
 * SHA-256 over its canonical JSON followed by the previous record's hash.
 * The JSON holds what the meeting recorded, never sync columns such as the
 * revision, nor what may change later (whether a measure got done).
 *
 * Canonical forms: 1, the record's rows; 2 (schema 6 on), the same with the
 * snapshot of names and standing of the day (zb-snapshot.c) and the form's
 * number, kept in the record (canonical_version), so that a record
 * finalised under form 1 keeps verifying under it. The server hashes with
 * this same code (zb-server-chain.c). */

#define CANONICAL_VERSION 2

#define HEAD_KEY "chain_head:"

static JsonNode *
column_node (sqlite3_stmt *stmt,
             int           i)
{
  JsonNode *node = json_node_new (JSON_NODE_VALUE);

  switch (sqlite3_column_type (stmt, i))
    {
    case SQLITE_NULL:
      json_node_init_null (node);
      break;
    case SQLITE_INTEGER:
      json_node_set_int (node, sqlite3_column_int64 (stmt, i));
      break;
    default:
      json_node_set_string (node, (const char *) sqlite3_column_text (stmt, i));
    }

  return node;
}

static JsonObject *
row_object (sqlite3_stmt *stmt)
{
  JsonObject *object = json_object_new ();

  for (int i = 0; i < sqlite3_column_count (stmt); i++)
    json_object_set_member (object, sqlite3_column_name (stmt, i), column_node (stmt, i));

  return object;
}

/* Rows of @sql, with ?1 bound to @id, as an array of objects. */
static JsonArray *
query_array (sqlite3     *db,
             const char  *sql,
             const char  *id,
             GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = zb_sql_prepare (db, sql, error);
  g_autoptr(JsonArray) array = NULL;
  int rc;

  if (stmt == NULL)
    return NULL;

  array = json_array_new ();
  zb_sql_bind_text (stmt, 1, id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    json_array_add_object_element (array, row_object (stmt));
  if (rc != SQLITE_DONE)
    {
      zb_sql_fail (db, error);
      return NULL;
    }

  return g_steal_pointer (&array);
}

static gboolean
add_array (JsonObject  *object,
           const char  *name,
           sqlite3     *db,
           const char  *sql,
           const char  *id,
           GError     **error)
{
  JsonArray *array = query_array (db, sql, id, error);

  if (array == NULL)
    return FALSE;

  json_object_set_array_member (object, name, array);
  return TRUE;
}

static gboolean
add_votes (sqlite3     *db,
           JsonArray   *items,
           GError     **error)
{
  for (guint i = 0; i < json_array_get_length (items); i++)
    {
      JsonObject *item = json_array_get_object_element (items, i);

      if (!add_array (item, "votes", db,
                      "SELECT member_id, choice, written FROM agenda_votes "
                      "WHERE item_id = ?1 AND deleted = 0 ORDER BY member_id",
                      json_object_get_string_member (item, "id"), error))
        return FALSE;
    }

  return TRUE;
}

static gboolean
add_first_item (JsonObject  *record,
                sqlite3     *db,
                const char  *meeting_id,
                GError     **error)
{
  g_autoptr(JsonArray) rows = NULL;
  JsonObject *first;

  rows = query_array (db, "SELECT id, topic, material, source, source_date, form, leader, "
                          "participants, proceedings FROM first_items "
                          "WHERE meeting_id = ?1 AND deleted = 0", meeting_id, error);
  if (rows == NULL)
    return FALSE;
  if (json_array_get_length (rows) == 0)
    {
      json_object_set_null_member (record, "first_item");
      return TRUE;
    }

  first = json_object_ref (json_array_get_object_element (rows, 0));
  json_object_set_object_member (record, "first_item", first);
  return add_array (first, "contributions", db,
                    "SELECT position, speaker, summary FROM first_item_contributions "
                    "WHERE first_item_id = ?1 AND deleted = 0 ORDER BY position",
                    json_object_get_string_member (first, "id"), error);
}

/* Form 2: the snapshot as an object, so that the hash covers its values,
 * and the form's number. Nothing for form 1 (no canonical_version). */
static gboolean
add_snapshot (JsonObject  *record,
              sqlite3     *db,
              const char  *meeting_id,
              GError     **error)
{
  g_autoptr(JsonArray) rows = NULL;
  g_autoptr(ZbSnapshot) snapshot = NULL;
  JsonObject *row;

  rows = query_array (db, "SELECT canonical_version FROM meetings WHERE id = ?1 AND "
                          "canonical_version IS NOT NULL", meeting_id, error);
  if (rows == NULL)
    return FALSE;
  if (json_array_get_length (rows) == 0)
    return TRUE;

  row = json_array_get_object_element (rows, 0);
  json_object_set_int_member (record, "canonical_version",
                              json_object_get_int_member (row, "canonical_version"));
  if (!zb_store_snapshot_load_locked (db, meeting_id, &snapshot, error))
    return FALSE;
  if (snapshot == NULL)
    json_object_set_null_member (record, "snapshot");
  else
    json_object_set_object_member (record, "snapshot",
                                   json_object_ref (zb_snapshot_get_object (snapshot)));
  return TRUE;
}

/* The record of a meeting as it is hashed. */
char *
zb_store_meeting_canonical_json (sqlite3     *db,
                        const char  *meeting_id,
                        GError     **error)
{
  g_autoptr(JsonArray) rows = NULL;
  g_autoptr(JsonNode) node = NULL;
  JsonObject *record;

  rows = query_array (db, "SELECT id, type, title, date, start_time, end_time, place, "
                          "party_group, chair_id, recorder_id, finalized_at, chair_signature, "
                          "recorder_signature, device_id, addendum_of FROM meetings "
                          "WHERE id = ?1", meeting_id, error);
  if (rows == NULL || json_array_get_length (rows) == 0)
    return NULL;

  record = json_array_get_object_element (rows, 0);
  if (!add_snapshot (record, db, meeting_id, error))
    return NULL;
  if (!add_array (record, "attendees", db,
                  "SELECT member_id, state, reason FROM meeting_attendees "
                  "WHERE meeting_id = ?1 AND deleted = 0 ORDER BY member_id", meeting_id, error) ||
      !add_array (record, "guests", db,
                  "SELECT name, affiliation FROM meeting_guests WHERE meeting_id = ?1 "
                  "AND deleted = 0 ORDER BY name, affiliation", meeting_id, error) ||
      !add_array (record, "agenda", db,
                  "SELECT id, position, title, minutes, resolution, vote_kind, vote_result "
                  "FROM agenda_items WHERE meeting_id = ?1 AND deleted = 0 ORDER BY position",
                  meeting_id, error) ||
      !add_votes (db, json_object_get_array_member (record, "agenda"), error) ||
      !add_first_item (record, db, meeting_id, error) ||
      !add_array (record, "measures", db,
                  "SELECT id, text, owner, due_date FROM measures WHERE meeting_id = ?1 "
                  "AND deleted = 0 ORDER BY id", meeting_id, error))
    return NULL;

  node = json_node_init_object (json_node_alloc (), record);
  return zb_canonical_json (node);
}

char *
zb_store_chain_hash (const char *json,
            const char *prev)
{
  g_autoptr(GChecksum) sum = g_checksum_new (G_CHECKSUM_SHA256);

  g_checksum_update (sum, (const guchar *) json, -1);
  if (prev != NULL)
    g_checksum_update (sum, (const guchar *) prev, -1);

  return g_strdup (g_checksum_get_string (sum));
}

static char *
query_text (sqlite3     *db,
            const char  *sql,
            const char  *arg)
{
  g_autoptr(sqlite3_stmt) stmt = zb_sql_prepare (db, sql, NULL);

  if (stmt == NULL)
    return NULL;

  zb_sql_bind_text (stmt, 1, arg);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    return NULL;

  return g_strdup ((const char *) sqlite3_column_text (stmt, 0));
}

/* Signed with the names of the day, and the snapshot of the record. */
static gboolean
sign (sqlite3     *db,
      ZbMeeting   *meeting,
      const char  *device_id,
      GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autofree char *now = zb_store_now ();
  g_autofree char *snapshot = zb_store_snapshot_build_locked (db, meeting, error);

  if (snapshot == NULL)
    return FALSE;
  stmt = zb_sql_prepare (db,
                         "UPDATE OR FAIL meetings SET finalized_at = ?1, device_id = ?2, "
                         "chair_signature = (SELECT name FROM members WHERE id = chair_id), "
                         "recorder_signature = (SELECT name FROM members WHERE id = recorder_id), "
                         "snapshot = ?4, canonical_version = ?5 WHERE id = ?3", error);
  if (stmt == NULL)
    return FALSE;

  zb_sql_bind_text (stmt, 1, now);
  zb_sql_bind_text (stmt, 2, device_id);
  zb_sql_bind_text (stmt, 3, zb_meeting_get_id (meeting));
  zb_sql_bind_text (stmt, 4, snapshot);
  sqlite3_bind_int (stmt, 5, CANONICAL_VERSION);
  return sqlite3_step (stmt) == SQLITE_DONE || zb_sql_fail (db, error);
}

static gboolean
link_record (sqlite3     *db,
             const char  *meeting_id,
             const char  *device_id,
             GError     **error)
{
  g_autofree char *key = g_strconcat (HEAD_KEY, device_id, NULL);
  g_autofree char *prev = query_text (db, "SELECT value FROM meta WHERE key = ?1", key);
  g_autofree char *json = zb_store_meeting_canonical_json (db, meeting_id, error);
  g_autofree char *hash = NULL;
  g_autoptr(sqlite3_stmt) update = NULL;
  g_autoptr(sqlite3_stmt) head = NULL;

  if (json == NULL)
    return FALSE;

  hash = zb_store_chain_hash (json, prev);
  update = zb_sql_prepare (db, "UPDATE OR FAIL meetings SET chain_prev = ?, chain_hash = ? "
                           "WHERE id = ?", error);
  head = zb_sql_prepare (db, "INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)", error);
  if (update == NULL || head == NULL)
    return FALSE;

  zb_sql_bind_text (update, 1, prev);
  zb_sql_bind_text (update, 2, hash);
  zb_sql_bind_text (update, 3, meeting_id);
  zb_sql_bind_text (head, 1, key);
  zb_sql_bind_text (head, 2, hash);
  return (sqlite3_step (update) == SQLITE_DONE && sqlite3_step (head) == SQLITE_DONE) ||
         zb_sql_fail (db, error);
}

/* DOMAIN.md section 3: the general, committee and group meetings open with
 * the first agenda item; their record is not final without it, complete. */
static gboolean
check_first_item (sqlite3    *db,
                  ZbMeeting  *meeting,
                  GError    **error)
{
  const ZbMeetingType *type = zb_meeting_type_lookup (zb_meeting_get_type_code (meeting));
  g_autoptr(ZbFirstItem) first = NULL;

  /* An addendum corrects a record that had its first item. */
  if (type == NULL || !type->first_item || zb_meeting_get_addendum_of (meeting) != NULL)
    return TRUE;

  first = zb_store_get_first_item_locked (db, zb_meeting_get_id (meeting), error);
  if (first == NULL || !zb_first_item_validate (first, error))
    {
      g_prefix_error (error, _("First agenda item: "));
      return FALSE;
    }

  return TRUE;
}

/* A record says what happened: it is signed on the meeting's day or after,
 * never before (a meeting may be planned ahead). */
static gboolean
check_held (ZbMeeting  *meeting,
            GError    **error)
{
  g_autofree char *today = zb_date_today_iso ();

  if (g_strcmp0 (zb_meeting_get_date (meeting), today) <= 0)
    return TRUE;

  g_set_error (error, ZB_MEMBER_ERROR, ZB_MEMBER_ERROR_INVALID,
               _("Date: the meeting is on %s, after today; its record is signed and finalised "
                 "on that day or after"), zb_meeting_get_date (meeting));
  return FALSE;
}

static gboolean
finalize (ZbStore     *self,
          sqlite3     *db,
          const char  *meeting_id,
          GError     **error)
{
  g_autoptr(ZbMeeting) meeting = zb_store_get_meeting_locked (db, meeting_id, error);

  if (meeting == NULL || !zb_store_check_not_final (db, meeting_id, error))
    return FALSE;

  if (zb_meeting_get_chair_id (meeting) == NULL || zb_meeting_get_recorder_id (meeting) == NULL)
    {
      g_set_error_literal (error, ZB_MEMBER_ERROR, ZB_MEMBER_ERROR_INVALID,
                           _("Chair and recorder: a finalised record is signed by both; name "
                             "them first"));
      return FALSE;
    }

  if (!check_first_item (db, meeting, error) || !check_held (meeting, error))
    return FALSE;

  return sign (db, meeting, self->device_id, error) &&
         link_record (db, meeting_id, self->device_id, error);
}

/* Signs the meeting with its chair's and recorder's names, makes it read-only
 * and chains it to the record finalised before it on this device. */
gboolean
zb_store_finalize_meeting (ZbStore     *self,
                           const char  *meeting_id,
                           GError     **error)
{
  sqlite3 *db = zb_store_begin_write (self, error);

  if (db == NULL)
    return FALSE;
  if (!finalize (self, db, meeting_id, error))
    {
      zb_store_rollback_write (self);
      return FALSE;
    }

  return zb_store_commit_write (self, error);
}

typedef struct
{
  const char *meeting_id;
  const char *text;
  char       *id;
} AddendumJob;

static gboolean
add_addendum_body (sqlite3  *db,
                   gpointer  data,
                   GError  **error)
{
  AddendumJob *job = data;
  g_autoptr(ZbMeeting) original = zb_store_get_meeting_locked (db, job->meeting_id, error);
  g_autofree char *now = zb_store_now ();
  g_autofree char *item_id = g_uuid_string_random ();
  g_autofree char *title = NULL;
  const char *meeting_sql =
    "INSERT OR FAIL INTO meetings (id, type, title, date, party_group, chair_id, recorder_id, "
    "addendum_of, created_at, updated_at) SELECT ?1, type, ?2, date, party_group, chair_id, "
    "recorder_id, id, ?3, ?3 FROM meetings WHERE id = ?4";
  const char *item_sql =
    "INSERT OR FAIL INTO agenda_items (id, meeting_id, position, title, minutes) "
    "VALUES (?1, ?2, 1, ?3, ?4)";

  if (original == NULL)
    return FALSE;
  if (zb_meeting_get_finalized_at (original) == NULL)
    {
      g_set_error_literal (error, ZB_MEMBER_ERROR, ZB_MEMBER_ERROR_INVALID,
                           _("The meeting is not finalised yet: correct its minutes directly"));
      return FALSE;
    }

  job->id = g_uuid_string_random ();
  /* TRANSLATORS: the title of a correction; %s is the corrected meeting's title */
  title = g_strdup_printf (_("Addendum to “%s”"), zb_meeting_get_title (original));
  return zb_sql_run (db, meeting_sql,
                     (const char *[]) { job->id, title, now, job->meeting_id }, 4, error) &&
         zb_sql_run (db, item_sql,
                     (const char *[]) { item_id, job->id, _("Correction"), job->text }, 4, error);
}

/* A finalised record is never changed: a correction is a new record, an
 * addendum (补充记录) that names it, filed on its date, with the chair and
 * the recorder to sign it in turn. Returns the addendum's ID. */
char *
zb_store_add_addendum (ZbStore     *self,
                       const char  *meeting_id,
                       const char  *text,
                       GError     **error)
{
  AddendumJob job = { meeting_id, text, NULL };

  if (text == NULL || *text == '\0')
    {
      g_set_error_literal (error, ZB_MEMBER_ERROR, ZB_MEMBER_ERROR_INVALID,
                           _("Correction: write what is corrected, and how"));
      return NULL;
    }
  if (!zb_store_run_write (self, add_addendum_body, &job, error))
    {
      g_free (job.id);
      return NULL;
    }

  return job.id;
}

static gboolean
tampered (GError     **error,
          const char  *meeting_id,
          const char  *why)
{
  g_set_error (error, ZB_STORE_ERROR, ZB_STORE_ERROR_FAILED,
               _("Meeting %s: %s"), meeting_id, why);
  return FALSE;
}

/* Checks every record of one device and walks its chain from the head back,
 * so that a record changed, removed or slipped in is found. */
static gboolean
verify_device (sqlite3     *db,
               const char  *device_id,
               guint       *n_records,
               GError     **error)
{
  g_autoptr(GHashTable) by_hash = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autofree char *key = g_strconcat (HEAD_KEY, device_id, NULL);
  g_autofree char *cursor = query_text (db, "SELECT value FROM meta WHERE key = ?1", key);
  guint n = 0, walked = 0;

  stmt = zb_sql_prepare (db, "SELECT id, chain_prev, chain_hash FROM meetings "
                             "WHERE device_id = ? AND finalized_at IS NOT NULL", error);
  if (stmt == NULL)
    return FALSE;

  zb_sql_bind_text (stmt, 1, device_id);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      const char *id = (const char *) sqlite3_column_text (stmt, 0);
      const char *prev = (const char *) sqlite3_column_text (stmt, 1);
      const char *hash = (const char *) sqlite3_column_text (stmt, 2);
      g_autofree char *json = zb_store_meeting_canonical_json (db, id, error);
      g_autofree char *expected = json ? zb_store_chain_hash (json, prev) : NULL;

      if (json == NULL)
        return FALSE;
      if (hash == NULL || !g_str_equal (expected, hash))
        return tampered (error, id, _("its record was changed after it was finalised"));

      g_hash_table_insert (by_hash, g_strdup (hash), g_strconcat (id, "\n", prev, NULL));
      n++;
    }

  while (cursor != NULL)
    {
      const char *entry = g_hash_table_lookup (by_hash, cursor);
      const char *nl;

      if (entry == NULL)
        return tampered (error, cursor, _("the chain points to a record that is missing"));
      walked++;
      nl = strchr (entry, '\n');
      g_free (cursor);
      cursor = nl[1] ? g_strdup (nl + 1) : NULL;
    }

  if (walked != n)
    return tampered (error, device_id, _("finalised records of this device are not in its chain"));

  *n_records += n;
  return TRUE;
}

/* Walks every device's chain (`zhibu-cli verify`); the error names the record. */
gboolean
zb_store_verify (ZbStore  *self,
                 guint    *n_records,
                 guint    *n_chains,
                 GError  **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  gboolean ok = TRUE;

  *n_records = *n_chains = 0;
  g_mutex_lock (&self->write_lock);
  stmt = zb_sql_prepare (self->writer, "SELECT DISTINCT device_id FROM meetings "
                                       "WHERE finalized_at IS NOT NULL", error);
  ok = stmt != NULL;
  while (ok && sqlite3_step (stmt) == SQLITE_ROW)
    {
      ok = verify_device (self->writer, (const char *) sqlite3_column_text (stmt, 0), n_records,
                          error);
      *n_chains += ok;
    }
  g_clear_pointer (&stmt, sqlite3_finalize);
  g_mutex_unlock (&self->write_lock);

  return ok;
}

/* The records other devices finalised reach this PC through the changes
 * feed (PROTOCOL.md 7.1). Each device's chain head is its record whose hash
 * no other record of it names as chain_prev, so that `verify` walks every
 * chain this database holds. Records reach the feed in their device's chain
 * order, so a head exists once a page is applied; a device whose records
 * name each other in a ring has none and is left for verify to report. */
gboolean
zb_store_chain_record_heads_locked (sqlite3     *db,
                                    const char  *own_device_id,
                                    GError     **error)
{
  g_autoptr(sqlite3_stmt) heads = NULL;
  g_autoptr(sqlite3_stmt) keep = NULL;
  int rc;

  heads = zb_sql_prepare (db,
                          "SELECT device_id, chain_hash FROM meetings m "
                          "WHERE finalized_at IS NOT NULL AND device_id IS NOT NULL "
                          "AND device_id IS NOT ?1 AND chain_hash IS NOT NULL AND NOT EXISTS "
                          "(SELECT 1 FROM meetings n WHERE n.device_id = m.device_id "
                          "AND n.finalized_at IS NOT NULL AND n.chain_prev = m.chain_hash) "
                          "ORDER BY device_id, finalized_at, rowid", error);
  keep = zb_sql_prepare (db, "INSERT OR REPLACE INTO meta (key, value) "
                             "VALUES ('" HEAD_KEY "' || ?1, ?2)", error);
  if (heads == NULL || keep == NULL)
    return FALSE;

  zb_sql_bind_text (heads, 1, own_device_id);
  while ((rc = sqlite3_step (heads)) == SQLITE_ROW)
    {
      /* Oldest first, each replacing the one before: a device with two
       * heads (a record missing) keeps the newest, and verify reports the
       * records off its chain. */
      sqlite3_reset (keep);
      sqlite3_bind_value (keep, 1, sqlite3_column_value (heads, 0));
      sqlite3_bind_value (keep, 2, sqlite3_column_value (heads, 1));
      if (sqlite3_step (keep) != SQLITE_DONE)
        return zb_sql_fail (db, error);
    }

  return rc == SQLITE_DONE || zb_sql_fail (db, error);
}
