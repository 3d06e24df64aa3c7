#define G_LOG_DOMAIN "zb-meeting-record"

#include "config.h"

#include "zb-meeting-record.h"
#include "zb-store-private.h"

/* Adds @value under @key, or null. */
static void
add_text (JsonBuilder *b,
          const char  *key,
          const char  *value)
{
  json_builder_set_member_name (b, key);
  if (value != NULL)
    json_builder_add_string_value (b, value);
  else
    json_builder_add_null_value (b);
}

/* Adds the current row of @stmt as members named by @keys, one per column:
 * integers as numbers, NULL as null. */
static void
add_row (JsonBuilder        *b,
         sqlite3_stmt       *stmt,
         const char * const *keys)
{
  for (int c = 0; keys[c] != NULL; c++)
    {
      json_builder_set_member_name (b, keys[c]);
      if (sqlite3_column_type (stmt, c) == SQLITE_INTEGER)
        json_builder_add_int_value (b, sqlite3_column_int64 (stmt, c));
      else if (sqlite3_column_type (stmt, c) == SQLITE_NULL)
        json_builder_add_null_value (b);
      else
        json_builder_add_string_value (b, (const char *) sqlite3_column_text (stmt, c));
    }
}

/* Adds the rows of @sql, ?1 bound to @arg, as an array of objects under
 * @name, or with @name NULL the first row's columns to the open object. */
static gboolean
add_query (ZbStore            *store,
           JsonBuilder        *b,
           const char         *name,
           const char         *sql,
           const char         *arg,
           const char * const *keys,
           GError            **error)
{
  sqlite3 *db = zb_store_begin_read (store);
  g_autoptr(sqlite3_stmt) stmt = zb_sql_prepare (db, sql, error);
  int rc = SQLITE_DONE;

  if (stmt != NULL)
    {
      zb_sql_bind_text (stmt, 1, arg);
      if (name != NULL)
        {
          json_builder_set_member_name (b, name);
          json_builder_begin_array (b);
        }
      while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
        {
          if (name != NULL)
            json_builder_begin_object (b);
          add_row (b, stmt, keys);
          if (name != NULL)
            json_builder_end_object (b);
          else
            break;
        }
      if (name != NULL)
        json_builder_end_array (b);
      if (rc != SQLITE_ROW && rc != SQLITE_DONE)
        zb_sql_fail (db, error);
    }
  zb_store_end_read (store, db);

  return stmt != NULL && (rc == SQLITE_ROW || rc == SQLITE_DONE);
}

/* The chair's and recorder's names: a finalised record's of its day. */
static gboolean
add_details (ZbStore     *store,
             JsonBuilder *b,
             ZbMeeting   *m,
             ZbSnapshot  *snapshot,
             GError     **error)
{
  static const char * const names[] = { "chair", "recorder", NULL };
  static const char * const chain[] = { "device_id", "chain_hash", NULL };
  const char *keys[] = { "id", "type", "date", "start_time", "end_time", "title", "place",
                         "party_group", "chair_id", "recorder_id", "finalized_at",
                         "addendum_of" };
  const char *values[] = {
    zb_meeting_get_id (m), zb_meeting_get_type_code (m), zb_meeting_get_date (m),
    zb_meeting_get_start_time (m), zb_meeting_get_end_time (m), zb_meeting_get_title (m),
    zb_meeting_get_place (m), zb_meeting_get_party_group (m), zb_meeting_get_chair_id (m),
    zb_meeting_get_recorder_id (m), zb_meeting_get_finalized_at (m),
    zb_meeting_get_addendum_of (m),
  };

  for (guint i = 0; i < G_N_ELEMENTS (keys); i++)
    add_text (b, keys[i], values[i]);
  /* Where a finalised record was signed and its hash in that device's
   * chain, which `zhibu-cli verify` checks and its print shows. */
  if (!add_query (store, b, NULL, "SELECT device_id, chain_hash FROM meetings WHERE id = ?1",
                  zb_meeting_get_id (m), chain, error))
    return FALSE;

  if (snapshot != NULL)
    {
      add_text (b, "chair", zb_snapshot_get_chair_name (snapshot));
      add_text (b, "recorder", zb_snapshot_get_recorder_name (snapshot));
      add_text (b, "branch", zb_snapshot_get_branch (snapshot));
      return TRUE;
    }
  return add_query (store, b, NULL,
                    "SELECT (SELECT name FROM members WHERE id = m.chair_id), "
                    "(SELECT name FROM members WHERE id = m.recorder_id) "
                    "FROM meetings m WHERE m.id = ?1", zb_meeting_get_id (m), names, error);
}

static gboolean
add_attendees (ZbStore     *store,
               JsonBuilder *b,
               const char  *meeting_id,
               GError     **error)
{
  g_autoptr(GListModel) attendees = zb_store_list_attendees (store, meeting_id, error);

  if (attendees == NULL)
    return FALSE;

  json_builder_set_member_name (b, "attendees");
  json_builder_begin_array (b);
  for (guint i = 0; i < g_list_model_get_n_items (attendees); i++)
    {
      g_autoptr(ZbAttendee) a = g_list_model_get_item (attendees, i);

      json_builder_begin_object (b);
      add_text (b, "member_id", zb_attendee_get_member_id (a));
      add_text (b, "name", zb_attendee_get_name (a));
      add_text (b, "state", zb_attendee_get_state (a));
      add_text (b, "reason", zb_attendee_get_reason (a));
      json_builder_set_member_name (b, "has_vote");
      json_builder_add_boolean_value (b, zb_attendee_get_has_vote (a));
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
  return TRUE;
}

/* A finalised record's vote as its snapshot keeps it: the counts against
 * the voters of the day, and each ballot with the voter's name then. */
static void
add_signed_votes (JsonBuilder *b,
                  JsonObject  *vote)
{
  static const char * const counts[] = { "yes", "no", "abstain", "voting_expected",
                                         "voting_present" };

  json_builder_set_member_name (b, "votes");
  json_builder_begin_object (b);
  for (guint i = 0; i < G_N_ELEMENTS (counts); i++)
    {
      json_builder_set_member_name (b, counts[i]);
      json_builder_add_int_value (b, json_object_get_int_member_with_default (vote, counts[i],
                                                                              0));
    }
  json_builder_set_member_name (b, "ballots");
  json_builder_add_value (b, json_node_copy (json_object_get_member (vote, "ballots")));
  json_builder_end_object (b);
}

/* The ballots of an item with their counts; the result is the item's own. */
static gboolean
add_votes (ZbStore     *store,
           JsonBuilder *b,
           const char  *item_id,
           ZbSnapshot  *snapshot,
           GError     **error)
{
  static const char * const counts[] = { "yes", "no", "abstain", NULL };
  static const char * const ballot[] = { "member_id", "name", "choice", "written", NULL };
  JsonObject *vote = snapshot ? zb_snapshot_get_vote (snapshot, item_id) : NULL;

  if (vote != NULL && json_object_has_member (vote, "ballots"))
    {
      add_signed_votes (b, vote);
      return TRUE;
    }
  json_builder_set_member_name (b, "votes");
  json_builder_begin_object (b);
  if (!add_query (store, b, NULL,
                  "SELECT count (CASE choice WHEN 'yes' THEN 1 END), "
                  "count (CASE choice WHEN 'no' THEN 1 END), "
                  "count (CASE choice WHEN 'abstain' THEN 1 END) FROM agenda_votes "
                  "WHERE item_id = ?1 AND deleted = 0", item_id, counts, error) ||
      !add_query (store, b, "ballots",
                  "SELECT v.member_id, m.name, v.choice, v.written FROM agenda_votes v "
                  "LEFT JOIN members m ON m.id = v.member_id "
                  "WHERE v.item_id = ?1 AND v.deleted = 0 ORDER BY v.rowid",
                  item_id, ballot, error))
    return FALSE;
  json_builder_end_object (b);
  return TRUE;
}

static gboolean
add_agenda (ZbStore     *store,
            JsonBuilder *b,
            const char  *name,
            const char  *meeting_id,
            ZbSnapshot  *snapshot,
            GError     **error)
{
  g_autoptr(GListModel) items = zb_store_list_agenda_items (store, meeting_id, error);

  if (items == NULL)
    return FALSE;

  json_builder_set_member_name (b, name);
  json_builder_begin_array (b);
  for (guint i = 0; i < g_list_model_get_n_items (items); i++)
    {
      g_autoptr(ZbAgendaItem) item = g_list_model_get_item (items, i);

      json_builder_begin_object (b);
      add_text (b, "id", zb_agenda_item_get_id (item));
      json_builder_set_member_name (b, "position");
      json_builder_add_int_value (b, zb_agenda_item_get_position (item));
      add_text (b, "title", zb_agenda_item_get_title (item));
      add_text (b, "minutes", zb_agenda_item_get_minutes (item));
      add_text (b, "resolution", zb_agenda_item_get_resolution (item));
      add_text (b, "vote_kind", zb_agenda_item_get_vote_kind (item));
      add_text (b, "vote_result", zb_agenda_item_get_vote_result (item));
      if (!add_votes (store, b, zb_agenda_item_get_id (item), snapshot, error))
        return FALSE;
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
  return TRUE;
}

static gboolean
has_first_item (ZbStore     *store,
                const char  *meeting_id,
                gboolean    *found,
                GError     **error)
{
  sqlite3 *db = zb_store_begin_read (store);
  g_autoptr(sqlite3_stmt) stmt = zb_sql_prepare (db, "SELECT 1 FROM first_items "
                                                     "WHERE meeting_id = ? AND deleted = 0",
                                                 error);
  int rc = SQLITE_ERROR;

  if (stmt != NULL)
    {
      zb_sql_bind_text (stmt, 1, meeting_id);
      if ((rc = sqlite3_step (stmt)) != SQLITE_ROW && rc != SQLITE_DONE)
        zb_sql_fail (db, error);
    }
  g_clear_pointer (&stmt, sqlite3_finalize);
  zb_store_end_read (store, db);

  *found = rc == SQLITE_ROW;
  return rc == SQLITE_ROW || rc == SQLITE_DONE;
}

/* The first agenda item (第一议题), null when the meeting has none. */
static gboolean
add_first_item (ZbStore     *store,
                JsonBuilder *b,
                const char  *meeting_id,
                GError     **error)
{
  static const char * const fields[] = { "topic", "material", "source", "source_date", "form",
                                         "leader", "participants", "proceedings", NULL };
  static const char * const contribution[] = { "speaker", "summary", NULL };
  gboolean found = FALSE;

  if (!has_first_item (store, meeting_id, &found, error))
    return FALSE;
  json_builder_set_member_name (b, "first_item");
  if (!found)
    {
      json_builder_add_null_value (b);
      return TRUE;
    }

  json_builder_begin_object (b);
  if (!add_query (store, b, NULL,
                  "SELECT topic, material, source, source_date, form, leader, participants, "
                  "proceedings FROM first_items WHERE meeting_id = ?1 AND deleted = 0",
                  meeting_id, fields, error) ||
      !add_query (store, b, "contributions",
                  "SELECT c.speaker, c.summary FROM first_item_contributions c "
                  "JOIN first_items f ON f.id = c.first_item_id "
                  "WHERE f.meeting_id = ?1 AND f.deleted = 0 AND c.deleted = 0 "
                  "ORDER BY c.position", meeting_id, contribution, error))
    return FALSE;
  json_builder_end_object (b);
  return TRUE;
}

static gboolean
add_measures (ZbStore     *store,
              JsonBuilder *b,
              const char  *meeting_id,
              GError     **error)
{
  g_autoptr(GListModel) measures = zb_store_list_measures (store, meeting_id, error);

  if (measures == NULL)
    return FALSE;

  json_builder_set_member_name (b, "measures");
  json_builder_begin_array (b);
  for (guint i = 0; i < g_list_model_get_n_items (measures); i++)
    {
      g_autoptr(ZbMeasure) m = g_list_model_get_item (measures, i);

      json_builder_begin_object (b);
      add_text (b, "id", zb_measure_get_id (m));
      add_text (b, "text", zb_measure_get_text (m));
      add_text (b, "owner", zb_measure_get_owner (m));
      add_text (b, "due_date", zb_measure_get_due_date (m));
      add_text (b, "state", zb_measure_get_state (m));
      add_text (b, "done_date", zb_measure_get_done_date (m));
      add_text (b, "done_note", zb_measure_get_done_note (m));
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
  return TRUE;
}

/* The corrections of a finalised record are records of their own that name
 * it (addendum_of): each with its details and its text, its agenda. */
static gboolean
add_addenda (ZbStore     *store,
             JsonBuilder *b,
             const char  *meeting_id,
             GError     **error)
{
  g_autoptr(GListModel) meetings = zb_store_list_meetings (store, NULL, NULL, error);

  if (meetings == NULL)
    return FALSE;

  json_builder_set_member_name (b, "addenda");
  json_builder_begin_array (b);
  for (guint i = 0; i < g_list_model_get_n_items (meetings); i++)
    {
      g_autoptr(ZbMeeting) m = g_list_model_get_item (meetings, i);

      if (g_strcmp0 (zb_meeting_get_addendum_of (m), meeting_id) != 0)
        continue;
      json_builder_begin_object (b);
      add_text (b, "id", zb_meeting_get_id (m));
      add_text (b, "date", zb_meeting_get_date (m));
      add_text (b, "title", zb_meeting_get_title (m));
      add_text (b, "finalized_at", zb_meeting_get_finalized_at (m));
      if (!add_agenda (store, b, "agenda_items", zb_meeting_get_id (m), NULL, error))
        return FALSE;
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
  return TRUE;
}

/* Everything recorded about a meeting, for `meeting show`: its details,
 * attendance, guests (列席), the agenda with minutes, resolutions and votes,
 * the first item with its contributions, the measures, and the addenda. */
JsonNode *
zb_store_meeting_record (ZbStore     *store,
                         const char  *meeting_id,
                         GError     **error)
{
  static const char * const guest[] = { "name", "affiliation", NULL };
  g_autoptr(ZbMeeting) meeting = zb_store_get_meeting (store, meeting_id, error);
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_autoptr(ZbSnapshot) snapshot = NULL;
  g_autoptr(GError) local_error = NULL;
  const char *id;

  if (meeting == NULL)
    return NULL;

  id = zb_meeting_get_id (meeting);
  /* A finalised record shows what was true on its day (issue 9). */
  snapshot = zb_store_get_snapshot (store, id, &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }
  json_builder_begin_object (b);
  if (!add_details (store, b, meeting, snapshot, error) ||
      !add_attendees (store, b, id, error) ||
      !add_query (store, b, "guests",
                  "SELECT name, affiliation FROM meeting_guests "
                  "WHERE meeting_id = ?1 AND deleted = 0 ORDER BY rowid", id, guest, error) ||
      !add_agenda (store, b, "agenda_items", id, snapshot, error) ||
      !add_first_item (store, b, id, error) ||
      !add_measures (store, b, id, error) ||
      !add_addenda (store, b, id, error))
    return NULL;
  json_builder_end_object (b);

  return json_builder_get_root (b);
}
