#define G_LOG_DOMAIN "zb-server-records"

#include "config.h"

#include <glib/gi18n.h>

#include "zb-date.h"
#include "zb-limits.h"
#include "zb-meeting.h"
#include "zb-member-rules.h"
#include "zb-server-records.h"
#include "zb-store-private.h"
#include "zb-sync-schema.h"

/* The server keeps rows as JSON whatever their table. What a row may hold
 * is what the PC's own schema accepts, so the server asks that schema: an
 * in-memory database made by the client's migrations, with the triggers of
 * the outbox held off. The same copy hashes a finalised meeting from the
 * server's rows with the PC's own code (PROTOCOL.md, section 8). */
struct _ZbServerRecords
{
  GObject  parent_instance;

  sqlite3 *db;
};

G_DEFINE_FINAL_TYPE (ZbServerRecords, zb_server_records, G_TYPE_OBJECT)

static const char *
column_type (ZbServerRecords *self,
             const char      *table,
             const char      *column,
             gboolean        *not_null)
{
  g_autofree char *sql = g_strdup_printf ("PRAGMA table_info(%s)", table);
  g_autoptr(sqlite3_stmt) stmt = zb_sql_prepare (self->db, sql, NULL);

  while (stmt != NULL && sqlite3_step (stmt) == SQLITE_ROW)
    if (g_str_equal ((const char *) sqlite3_column_text (stmt, 1), column))
      {
        *not_null = sqlite3_column_int (stmt, 3) && sqlite3_column_type (stmt, 4) == SQLITE_NULL;
        return g_str_equal ((const char *) sqlite3_column_text (stmt, 2), "INTEGER") ? "integer"
                                                                                     : "text";
      }
  return NULL;
}

/* A JSON value as the PC's column holds it: text, a whole number or NULL. */
static void
bind_value (sqlite3_stmt *stmt,
            int           index,
            JsonNode     *node)
{
  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    sqlite3_bind_null (stmt, index);
  else if (json_node_get_value_type (node) == G_TYPE_INT64)
    sqlite3_bind_int64 (stmt, index, json_node_get_int (node));
  else
    sqlite3_bind_text (stmt, index, json_node_get_string (node), -1, SQLITE_TRANSIENT);
}

static gboolean
has_column (sqlite3    *db,
            const char *table,
            const char *column)
{
  g_autofree char *sql = g_strdup_printf ("SELECT %s FROM %s LIMIT 0", column, table);
  g_autoptr(sqlite3_stmt) stmt = zb_sql_prepare (db, sql, NULL);

  return stmt != NULL;
}

/* INSERT OR REPLACE of the row in the in-memory copy. */
static int
write_row (ZbServerRecords *self,
           const char      *table,
           const char      *row_id,
           JsonObject      *fields)
{
  const ZbSyncTable *t = zb_sync_schema_lookup (table);
  g_autoptr(GString) columns = g_string_new ("id");
  g_autoptr(GString) values = g_string_new ("?");
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autofree char *sql = NULL;
  gboolean clock = has_column (self->db, table, "updated_at");
  int rc;

  for (guint i = 0; t->columns[i] != NULL; i++)
    {
      g_string_append_printf (columns, ", %s", t->columns[i]);
      g_string_append (values, ", ?");
    }
  /* The PC's own clock column never travels: any value does here. */
  if (clock)
    {
      g_string_append (columns, ", updated_at");
      g_string_append (values, ", ''");
    }
  sql = g_strdup_printf ("INSERT OR REPLACE INTO %s (%s) VALUES (%s)", table, columns->str,
                         values->str);
  if (sqlite3_prepare_v2 (self->db, sql, -1, &stmt, NULL) != SQLITE_OK)
    return SQLITE_ERROR;

  sqlite3_bind_text (stmt, 1, row_id, -1, SQLITE_TRANSIENT);
  for (guint i = 0; t->columns[i] != NULL; i++)
    bind_value (stmt, i + 2, json_object_get_member (fields, t->columns[i]));
  rc = sqlite3_step (stmt);
  return rc == SQLITE_DONE ? SQLITE_OK : sqlite3_extended_errcode (self->db);
}

static const char *
check_types (ZbServerRecords  *self,
             const char       *table,
             JsonObject       *fields,
             char            **message)
{
  const ZbSyncTable *t = zb_sync_schema_lookup (table);

  for (guint i = 0; t->columns[i] != NULL; i++)
    {
      JsonNode *node = json_object_get_member (fields, t->columns[i]);
      gboolean not_null = FALSE;
      const char *type = column_type (self, table, t->columns[i], &not_null);
      gboolean is_null = node == NULL || JSON_NODE_HOLDS_NULL (node);

      if (is_null && not_null)
        {
          *message = g_strdup_printf (_("%s.%s: is required"), table, t->columns[i]);
          return node == NULL ? "incomplete" : "invalid_value";
        }
      if (!is_null && (g_strcmp0 (type, "integer") == 0) !=
                      (json_node_get_value_type (node) == G_TYPE_INT64))
        {
          *message = g_strdup_printf (_("%s.%s: must be %s"), table, t->columns[i],
                                      g_strcmp0 (type, "integer") == 0 ? _("a whole number")
                                                                        : _("text"));
          return "invalid_value";
        }
    }
  return NULL;
}

/* NULL when the whole row @fields is one the PC's schema accepts; else the
 * op error of PROTOCOL.md 6.2 that says why, and a message. */
const char *
zb_server_records_check_row (ZbServerRecords  *self,
                             const char       *table,
                             JsonObject       *fields,
                             char            **message)
{
  const char *code = check_types (self, table, fields, message);
  int rc;

  if (code != NULL)
    return code;

  sqlite3_exec (self->db, "SAVEPOINT check_row", NULL, NULL, NULL);
  rc = write_row (self, table, "check", fields);
  if (rc != SQLITE_OK)
    *message = g_strdup_printf ("%s: %s", table, sqlite3_errmsg (self->db));
  sqlite3_exec (self->db, "ROLLBACK TO check_row; RELEASE check_row", NULL, NULL, NULL);

  return rc == SQLITE_OK ? NULL : "invalid_value";
}

/* The member as the PC's record class holds it, to run the PC's rules. */
static ZbMember *
member_from_fields (JsonObject *fields)
{
  ZbMember *member = zb_member_new ();

  for (guint i = 0; i < ZB_MEMBER_N_FIELDS; i++)
    {
      JsonNode *node = json_object_get_member (fields, zb_member_field_info (i)->key);
      g_autofree char *number = NULL;

      if (node == NULL || !JSON_NODE_HOLDS_VALUE (node))
        continue;
      if (json_node_get_value_type (node) == G_TYPE_INT64)
        number = g_strdup_printf ("%" G_GINT64_FORMAT, json_node_get_int (node));
      zb_member_set (member, i, number ? number : json_node_get_string (node));
    }
  return member;
}

static char *
check_member (JsonObject  *full,
              JsonObject  *changed,
              const GDate *latest)
{
  g_autoptr(ZbMember) member = member_from_fields (full);
  g_autoptr(GPtrArray) issues = zb_member_rules_check_until (member, latest);

  /* What the op does not change was accepted before (or by an older
   * Zhibu): only the fields it writes are judged. */
  for (guint i = 0; i < issues->len; i++)
    {
      ZbFieldIssue *issue = g_ptr_array_index (issues, i);

      if (json_object_has_member (changed, zb_member_field_info (issue->field)->key))
        return zb_field_issue_to_string (issue);
    }
  return NULL;
}

static const char *
text_of (JsonObject *fields,
         const char *column)
{
  JsonNode *node = json_object_get_member (fields, column);

  return node && json_node_get_value_type (node) == G_TYPE_STRING ? json_node_get_string (node)
                                                                   : NULL;
}

/* zb_meeting_validate(), when the op writes what it judges: the end after
 * the start, the group of a group meeting. */
static char *
check_meeting (JsonObject *full,
               JsonObject *changed)
{
  static const char *judged[] = { "type", "title", "date", "start_time", "end_time",
                                  "party_group" };
  g_autoptr(ZbMeeting) meeting = zb_meeting_new ();
  g_autoptr(GError) error = NULL;
  gboolean writes = FALSE;

  for (guint i = 0; i < G_N_ELEMENTS (judged); i++)
    writes |= json_object_has_member (changed, judged[i]);
  if (!writes)
    return NULL;

  zb_meeting_set_type_code (meeting, text_of (full, "type"));
  zb_meeting_set_title (meeting, text_of (full, "title"));
  zb_meeting_set_date (meeting, text_of (full, "date"));
  zb_meeting_set_start_time (meeting, text_of (full, "start_time"));
  zb_meeting_set_end_time (meeting, text_of (full, "end_time"));
  zb_meeting_set_party_group (meeting, text_of (full, "party_group"));
  return zb_meeting_validate (meeting, &error) ? NULL : g_strdup (error->message);
}

/* NULL when every field of @changed, the fields an op writes, holds by the
 * PC's own rules (zb-limits.c, and for a person or a meeting the rules of
 * its record class) in the row @full as the op would leave it; else
 * "invalid_value" and a message naming the field. A date that must have
 * come may be tomorrow in China: a PC's clock may run a little ahead of the
 * server's. */
const char *
zb_server_records_check_rules (const char  *table,
                               JsonObject  *full,
                               JsonObject  *changed,
                               char       **message)
{
  g_autoptr(GList) members = json_object_get_members (changed);
  GDate latest;

  zb_date_set_today (&latest);
  g_date_add_days (&latest, 1);

  for (GList *l = members; l != NULL; l = l->next)
    {
      const ZbColumnLimit *limit = zb_limits_lookup (table, l->data);
      g_autofree char *issue = NULL;

      if (limit == NULL)
        continue;
      issue = zb_limits_check_node (limit, json_object_get_member (changed, l->data), &latest);
      if (issue != NULL)
        {
          *message = zb_limits_describe (limit, issue);
          return "invalid_value";
        }
    }

  if (g_str_equal (table, "members") && (*message = check_member (full, changed, &latest)))
    return "invalid_value";
  if (g_str_equal (table, "meetings") && (*message = check_meeting (full, changed)))
    return "invalid_value";
  return NULL;
}

/* Puts a row in the copy, to hash a meeting; zb_server_records_clear()
 * empties it again. */
gboolean
zb_server_records_put (ZbServerRecords  *self,
                       const char       *table,
                       const char       *row_id,
                       JsonObject       *fields,
                       GError          **error)
{
  return write_row (self, table, row_id, fields) == SQLITE_OK || zb_sql_fail (self->db, error);
}

char *
zb_server_records_meeting_json (ZbServerRecords  *self,
                                const char       *meeting_id,
                                GError          **error)
{
  return zb_store_meeting_canonical_json (self->db, meeting_id, error);
}

void
zb_server_records_clear (ZbServerRecords *self)
{
  guint n_tables;
  const ZbSyncTable *tables = zb_sync_schema_tables (&n_tables);

  for (guint i = 0; i < n_tables; i++)
    {
      g_autofree char *sql = g_strdup_printf ("DELETE FROM %s", tables[i].name);

      sqlite3_exec (self->db, sql, NULL, NULL, NULL);
    }
}

static void
zb_server_records_finalize (GObject *object)
{
  ZbServerRecords *self = (ZbServerRecords *)object;

  sqlite3_close (self->db);

  G_OBJECT_CLASS (zb_server_records_parent_class)->finalize (object);
}

static void
zb_server_records_class_init (ZbServerRecordsClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = zb_server_records_finalize;
}

static void
zb_server_records_init (ZbServerRecords *self)
{
}

ZbServerRecords *
zb_server_records_new (GError **error)
{
  g_autoptr(ZbServerRecords) self = g_object_new (ZB_TYPE_SERVER_RECORDS, NULL);

  if (sqlite3_open (":memory:", &self->db) != SQLITE_OK ||
      !zb_migrations_run (self->db, zb_migrations_latest (), error) ||
      !zb_sql_exec (self->db, "UPDATE sync_state SET applying = 1; PRAGMA foreign_keys = OFF",
                    error))
    return NULL;

  return g_steal_pointer (&self);
}
