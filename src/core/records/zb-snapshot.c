#define G_LOG_DOMAIN "zb-snapshot"

#include "config.h"

#include <glib/gi18n.h>

#include "zb-attendee.h"
#include "zb-snapshot.h"

/* A finalised record must say what was true on the day of the meeting and
 * stay so (issue 9): renaming a member later must not rename them in an
 * archived record. At finalising the store keeps everything the record shows
 * of people and the branch as one JSON object, hashed with the record
 * (canonical form 2), and the record is shown and printed from it:
 *
 *   {"version": 1, "branch": "…", "date": "…",
 *    "chair": {"id": "…", "name": "…"}, "recorder": {…},
 *    "attendees": [{"member_id", "name", "category", "has_vote", "roles",
 *                   "state", "reason"}, …],
 *    "guests": [{"name", "affiliation"}, …],
 *    "votes": [{"item_id", "kind", "result", "voting_expected", "voting_present",
 *               "yes", "no", "abstain", "ballots": [{"member_id", "name", "choice",
 *               "written"}, …]}, …]} */

struct _ZbSnapshot
{
  GObject     parent_instance;

  JsonObject *object;
};

G_DEFINE_FINAL_TYPE (ZbSnapshot, zb_snapshot, G_TYPE_OBJECT)

static void
zb_snapshot_finalize (GObject *object)
{
  ZbSnapshot *self = (ZbSnapshot *) object;

  g_clear_pointer (&self->object, json_object_unref);

  G_OBJECT_CLASS (zb_snapshot_parent_class)->finalize (object);
}

static void
zb_snapshot_class_init (ZbSnapshotClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = zb_snapshot_finalize;
}

static void
zb_snapshot_init (ZbSnapshot *self)
{
}

ZbSnapshot *
zb_snapshot_new_from_object (JsonObject *object)
{
  ZbSnapshot *self = g_object_new (ZB_TYPE_SNAPSHOT, NULL);

  self->object = json_object_ref (object);
  return self;
}

ZbSnapshot *
zb_snapshot_new_from_json (const char  *json,
                           GError     **error)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonNode *root;

  if (!json_parser_load_from_data (parser, json, -1, error))
    return NULL;
  root = json_parser_get_root (parser);
  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    {
      g_set_error_literal (error, JSON_PARSER_ERROR, JSON_PARSER_ERROR_INVALID_DATA,
                           _("The record's snapshot is not a JSON object"));
      return NULL;
    }

  return zb_snapshot_new_from_object (json_node_get_object (root));
}

JsonObject *
zb_snapshot_get_object (ZbSnapshot *self)
{
  return self->object;
}

static const char *
text_of (JsonObject *object,
         const char *member)
{
  JsonNode *node = object ? json_object_get_member (object, member) : NULL;

  if (node == NULL || json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;
  return json_node_get_string (node);
}

static JsonObject *
object_of (JsonObject *object,
           const char *member)
{
  JsonNode *node = json_object_get_member (object, member);

  return node && JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
}

static JsonArray *
array_of (JsonObject *object,
          const char *member)
{
  JsonNode *node = json_object_get_member (object, member);

  return node && JSON_NODE_HOLDS_ARRAY (node) ? json_node_get_array (node) : NULL;
}

const char *
zb_snapshot_get_branch (ZbSnapshot *self)
{
  return text_of (self->object, "branch");
}

const char *
zb_snapshot_get_chair_name (ZbSnapshot *self)
{
  return text_of (object_of (self->object, "chair"), "name");
}

const char *
zb_snapshot_get_recorder_name (ZbSnapshot *self)
{
  return text_of (object_of (self->object, "recorder"), "name");
}

/* The attendees as they were signed: names of that day. */
GListModel *
zb_snapshot_list_attendees (ZbSnapshot *self)
{
  GListStore *list = g_list_store_new (ZB_TYPE_ATTENDEE);
  JsonArray *attendees = array_of (self->object, "attendees");

  for (guint i = 0; attendees && i < json_array_get_length (attendees); i++)
    {
      JsonObject *a = json_array_get_object_element (attendees, i);
      g_autoptr(ZbAttendee) attendee = NULL;

      if (a == NULL)
        continue;
      attendee = zb_attendee_new (text_of (a, "member_id"), text_of (a, "name"),
                                  text_of (a, "state"), text_of (a, "reason"));
      zb_attendee_set_has_vote (attendee, json_object_get_boolean_member_with_default (
                                            a, "has_vote", FALSE));
      g_list_store_append (list, attendee);
    }

  return G_LIST_MODEL (list);
}

JsonArray *
zb_snapshot_get_guests (ZbSnapshot *self)
{
  return array_of (self->object, "guests");
}

/* The vote on agenda item @item_id with its counts and ballots, or NULL. */
JsonObject *
zb_snapshot_get_vote (ZbSnapshot *self,
                      const char *item_id)
{
  JsonArray *votes = array_of (self->object, "votes");

  for (guint i = 0; votes && i < json_array_get_length (votes); i++)
    {
      JsonObject *vote = json_array_get_object_element (votes, i);

      if (g_strcmp0 (text_of (vote, "item_id"), item_id) == 0)
        return vote;
    }
  return NULL;
}
