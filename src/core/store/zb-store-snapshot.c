#define G_LOG_DOMAIN "zb-store-snapshot"

#include "config.h"

#include <glib/gi18n.h>

#include "zb-canonical-json.h"
#include "zb-store-private.h"

/* The snapshot a record is finalised with (zb-snapshot.c says what it
 * holds): taken in the transaction that signs the record, from the roster
 * as it stood on the meeting's day. */

static char *
query_text (sqlite3     *db,
            const char  *sql,
            const char  *arg1,
            const char  *arg2)
{
  g_autoptr(sqlite3_stmt) stmt = zb_sql_prepare (db, sql, NULL);

  if (stmt == NULL)
    return NULL;
  zb_sql_bind_text (stmt, 1, arg1);
  zb_sql_bind_text (stmt, 2, arg2);
  if (sqlite3_step (stmt) != SQLITE_ROW || sqlite3_column_type (stmt, 0) == SQLITE_NULL)
    return NULL;
  return g_strdup ((const char *) sqlite3_column_text (stmt, 0));
}

static void
set_text (JsonObject *object,
          const char *member,
          const char *value)
{
  if (value != NULL)
    json_object_set_string_member (object, member, value);
  else
    json_object_set_null_member (object, member);
}

static JsonObject *
person (sqlite3     *db,
        const char  *member_id)
{
  JsonObject *object = json_object_new ();
  g_autofree char *name = query_text (db, "SELECT name FROM members WHERE id = ?1", member_id,
                                      NULL);

  set_text (object, "id", member_id);
  set_text (object, "name", name);
  return object;
}

/* The committee roles (支部委员会) a member held on the day, such as 书记. */
static char *
roles_on (sqlite3     *db,
          const char  *member_id,
          const char  *day)
{
  return query_text (db, "SELECT group_concat(role, '、') FROM (SELECT role FROM "
                         "committee_members WHERE member_id = ?1 AND deleted = 0 AND "
                         "from_date <= ?2 AND (to_date IS NULL OR to_date >= ?2) "
                         "ORDER BY from_date, rowid)", member_id, day);
}

static JsonObject *
attendee_object (sqlite3     *db,
                 const char  *day,
                 const char  *member_id,
                 const char  *name,
                 ZbStanding  *standing,
                 ZbAttendee  *row)
{
  JsonObject *object = json_object_new ();
  g_autofree char *roles = roles_on (db, member_id, day);

  set_text (object, "member_id", member_id);
  set_text (object, "name", name);
  set_text (object, "category", standing == NULL ? NULL
                                : standing->full ? ZB_CATEGORY_FULL : ZB_CATEGORY_PROBATIONARY);
  json_object_set_boolean_member (object, "has_vote", standing && standing->has_vote);
  set_text (object, "roles", roles);
  set_text (object, "state", row ? zb_attendee_get_state (row) : NULL);
  set_text (object, "reason", row ? zb_attendee_get_reason (row) : NULL);
  return object;
}

/* Everyone expected that day, with how they attended, then anyone marked
 * who was not expected (as the list shows them before finalising). */
static JsonArray *
attendees_array (sqlite3     *db,
                 ZbMeeting   *meeting,
                 GError     **error)
{
  g_autoptr(GPtrArray) expected = zb_store_expected_locked (db, meeting, error);
  g_autoptr(GHashTable) rows = NULL;
  g_autoptr(JsonArray) array = json_array_new ();
  const char *day = zb_meeting_get_date (meeting);
  GHashTableIter iter;
  ZbAttendee *row;

  if (expected == NULL ||
      (rows = zb_store_attendance_rows_locked (db, zb_meeting_get_id (meeting), error)) == NULL)
    return NULL;

  for (guint i = 0; i < expected->len; i++)
    {
      ZbExpected *e = g_ptr_array_index (expected, i);
      const char *id = zb_member_get_id (e->member);

      json_array_add_object_element (array, attendee_object (db, day, id,
                                                             zb_member_get (e->member,
                                                                            ZB_MEMBER_FIELD_NAME),
                                                             &e->standing,
                                                             g_hash_table_lookup (rows, id)));
      g_hash_table_remove (rows, id);
    }

  g_hash_table_iter_init (&iter, rows);
  while (g_hash_table_iter_next (&iter, NULL, (gpointer *) &row))
    if (zb_attendee_get_state (row) != NULL)
      json_array_add_object_element (array,
                                     attendee_object (db, day, zb_attendee_get_member_id (row),
                                                      zb_attendee_get_name (row), NULL, row));

  return g_steal_pointer (&array);
}

static JsonArray *
rows_array (sqlite3     *db,
            const char  *sql,
            const char  *id,
            GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = zb_sql_prepare (db, sql, error);
  g_autoptr(JsonArray) array = json_array_new ();
  int rc;

  if (stmt == NULL)
    return NULL;
  zb_sql_bind_text (stmt, 1, id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      JsonObject *object = json_object_new ();

      for (int i = 0; i < sqlite3_column_count (stmt); i++)
        if (sqlite3_column_type (stmt, i) == SQLITE_INTEGER)
          json_object_set_int_member (object, sqlite3_column_name (stmt, i),
                                      sqlite3_column_int64 (stmt, i));
        else
          set_text (object, sqlite3_column_name (stmt, i),
                    (const char *) sqlite3_column_text (stmt, i));
      json_array_add_object_element (array, object);
    }
  if (rc != SQLITE_DONE)
    {
      zb_sql_fail (db, error);
      return NULL;
    }
  return g_steal_pointer (&array);
}

static JsonObject *
vote_object (sqlite3     *db,
             const char  *item_id,
             const char  *kind,
             const char  *result,
             GError     **error)
{
  g_autoptr(JsonObject) object = json_object_new ();
  JsonArray *ballots;
  ZbVoteCount count;

  if (!zb_store_count_votes_locked (db, item_id, &count, error) ||
      (ballots = rows_array (db, "SELECT v.member_id, m.name, v.choice, v.written "
                                 "FROM agenda_votes v JOIN members m ON m.id = v.member_id "
                                 "WHERE v.item_id = ?1 AND v.deleted = 0 ORDER BY v.member_id",
                             item_id, error)) == NULL)
    return NULL;

  set_text (object, "item_id", item_id);
  set_text (object, "kind", kind);
  set_text (object, "result", result);
  json_object_set_int_member (object, "voting_expected", count.voting_expected);
  json_object_set_int_member (object, "voting_present", count.voting_present);
  json_object_set_int_member (object, "yes", count.yes);
  json_object_set_int_member (object, "no", count.no);
  json_object_set_int_member (object, "abstain", count.abstain);
  json_object_set_array_member (object, "ballots", ballots);
  return g_steal_pointer (&object);
}

static JsonArray *
votes_array (sqlite3     *db,
             const char  *meeting_id,
             GError     **error)
{
  g_autoptr(JsonArray) array = json_array_new ();
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  stmt = zb_sql_prepare (db, "SELECT id, vote_kind, vote_result FROM agenda_items "
                             "WHERE meeting_id = ?1 AND deleted = 0 AND vote_kind IS NOT NULL "
                             "ORDER BY position, id", error);
  if (stmt == NULL)
    return NULL;
  zb_sql_bind_text (stmt, 1, meeting_id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      JsonObject *vote = vote_object (db, (const char *) sqlite3_column_text (stmt, 0),
                                      (const char *) sqlite3_column_text (stmt, 1),
                                      (const char *) sqlite3_column_text (stmt, 2), error);

      if (vote == NULL)
        return NULL;
      json_array_add_object_element (array, vote);
    }
  if (rc != SQLITE_DONE)
    {
      zb_sql_fail (db, error);
      return NULL;
    }
  return g_steal_pointer (&array);
}

/* The snapshot of @meeting as canonical JSON text, for its row. */
char *
zb_store_snapshot_build_locked (sqlite3     *db,
                                ZbMeeting   *meeting,
                                GError     **error)
{
  g_autoptr(JsonObject) object = json_object_new ();
  g_autoptr(JsonNode) node = NULL;
  g_autofree char *branch = query_text (db, "SELECT value FROM meta WHERE key = 'branch_name'",
                                        NULL, NULL);
  const char *id = zb_meeting_get_id (meeting);
  JsonArray *attendees, *guests, *votes;

  if ((attendees = attendees_array (db, meeting, error)) == NULL)
    return NULL;
  json_object_set_array_member (object, "attendees", attendees);
  if ((guests = rows_array (db, "SELECT name, affiliation FROM meeting_guests "
                                "WHERE meeting_id = ?1 AND deleted = 0 ORDER BY rowid",
                            id, error)) == NULL)
    return NULL;
  json_object_set_array_member (object, "guests", guests);
  if ((votes = votes_array (db, id, error)) == NULL)
    return NULL;
  json_object_set_array_member (object, "votes", votes);

  json_object_set_int_member (object, "version", 1);
  set_text (object, "branch", branch);
  set_text (object, "date", zb_meeting_get_date (meeting));
  json_object_set_object_member (object, "chair", person (db, zb_meeting_get_chair_id (meeting)));
  json_object_set_object_member (object, "recorder",
                                 person (db, zb_meeting_get_recorder_id (meeting)));

  node = json_node_init_object (json_node_alloc (), object);
  return zb_canonical_json (node);
}
