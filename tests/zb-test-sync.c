#define G_LOG_DOMAIN "zb-test-sync"

#include "config.h"

#include <string.h>

#include "zb-store-private.h"
#include "zb-sync-schema.h"
#include "zb-sync-client.h"
#include "zb-test-sync.h"
#include "zb-test-util.h"

char *
zb_test_add_member (ZbStore    *store,
                    const char *name,
                    guint       serial)
{
  g_autofree char *id_number = zb_test_id_number ("1975-05-04", serial % 2, serial);
  g_autoptr(ZbMember) member = zb_test_member (name, id_number, ZB_CATEGORY_FULL);
  g_autoptr(GError) error = NULL;
  char *id = zb_store_add_member (store, member, &error);

  g_assert_no_error (error);
  return id;
}

void
zb_test_clear_outbox (ZbStore *store)
{
  zb_test_sql_exec (store, "DELETE FROM sync_outbox");
}

gint64
zb_test_checkpoint (ZbStore *store)
{
  return zb_test_sql_int (store, "SELECT checkpoint FROM sync_state");
}

/* A hand-made page after @since: @changes_json is its "changes" array; the
 * checkpoint is the last change's, as a server writes it. */
ZbSyncPage *
zb_test_page (gint64      since,
              const char *changes_json)
{
  g_autoptr(JsonNode) changes = json_from_string (changes_json, NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autofree char *json = NULL;
  JsonArray *array;
  gint64 checkpoint = since;
  ZbSyncPage *page;

  g_assert_nonnull (changes);
  array = json_node_get_array (changes);
  if (json_array_get_length (array) > 0)
    checkpoint = json_object_get_int_member (
      json_array_get_object_element (array, json_array_get_length (array) - 1), "seq");

  json = g_strdup_printf ("{\"protocol\": 1, \"checkpoint\": %" G_GINT64_FORMAT ", \"more\": "
                          "false, \"server_sequence\": %" G_GINT64_FORMAT ", \"changes\": %s}",
                          checkpoint, checkpoint, changes_json);
  bytes = g_bytes_new (json, strlen (json));
  page = zb_sync_page_new_from_bytes (bytes, since, &error);
  g_assert_no_error (error);
  return page;
}

/* A row's synced columns, as an op or a feed entry carries them. */
JsonObject *
zb_test_row_fields (ZbStore    *store,
                    const char *table,
                    const char *row_id)
{
  const ZbSyncTable *t = zb_sync_schema_lookup (table);
  g_autoptr(GString) sql = g_string_new ("SELECT ");
  g_autoptr(GError) error = NULL;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  JsonObject *fields = json_object_new ();
  sqlite3 *db;

  for (guint i = 0; t->columns[i]; i++)
    g_string_append_printf (sql, "%s%s", i ? ", " : "", t->columns[i]);
  g_string_append_printf (sql, " FROM %s WHERE id = ?1", table);

  db = zb_store_begin_write (store, &error);
  g_assert_no_error (error);
  stmt = zb_sql_prepare (db, sql->str, &error);
  g_assert_no_error (error);
  zb_sql_bind_text (stmt, 1, row_id);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  for (int i = 0; i < sqlite3_column_count (stmt); i++)
    {
      const char *name = sqlite3_column_name (stmt, i);

      if (sqlite3_column_type (stmt, i) == SQLITE_NULL)
        json_object_set_null_member (fields, name);
      else if (sqlite3_column_type (stmt, i) == SQLITE_INTEGER)
        json_object_set_int_member (fields, name, sqlite3_column_int64 (stmt, i));
      else
        json_object_set_string_member (fields, name, (const char *) sqlite3_column_text (stmt, i));
    }
  g_clear_pointer (&stmt, sqlite3_finalize);
  zb_store_rollback_write (store);

  return fields;
}

static GPtrArray *
live_ids (ZbStore    *store,
          const char *table)
{
  g_autofree char *sql = g_strdup_printf ("SELECT id FROM %s WHERE deleted = 0 ORDER BY rowid",
                                          table);
  g_autoptr(GError) error = NULL;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  GPtrArray *ids = g_ptr_array_new_with_free_func (g_free);
  sqlite3 *db = zb_store_begin_write (store, &error);

  g_assert_no_error (error);
  stmt = zb_sql_prepare (db, sql, &error);
  g_assert_no_error (error);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    g_ptr_array_add (ids, g_strdup ((const char *) sqlite3_column_text (stmt, 0)));
  g_clear_pointer (&stmt, sqlite3_finalize);
  zb_store_rollback_write (store);

  return ids;
}

/* Every live row of @store, table after table, as the feed would bring
 * them to another PC: what that PC's pull of another device's work gives. */
ZbSyncPage *
zb_test_page_of_store (ZbStore *store,
                       gint64   since)
{
  guint n_tables = 0;
  const ZbSyncTable *tables = zb_sync_schema_tables (&n_tables);
  ZbSyncPage *page = zb_sync_page_new (since, FALSE, 0);
  gint64 seq = since;

  for (guint t = 0; t < n_tables; t++)
    {
      g_autoptr(GPtrArray) ids = live_ids (store, tables[t].name);

      for (guint i = 0; i < ids->len; i++)
        {
          g_autoptr(JsonObject) fields = zb_test_row_fields (store, tables[t].name,
                                                             g_ptr_array_index (ids, i));
          g_autoptr(ZbSyncChange) change = zb_sync_change_new_row (++seq, tables[t].name,
                                                                   g_ptr_array_index (ids, i),
                                                                   fields);
          zb_sync_page_add (page, change);
        }
    }

  return page;
}

/* A client of @url for @store, its token in a file in @dir, with short
 * waits between tries (a Retry-After still counts in full). */
ZbSyncClient *
zb_test_sync_client (ZbStore    *store,
                     const char *url,
                     const char *dir)
{
  g_autofree char *token_file = g_strdup_printf ("%s/%s.token", dir,
                                                 zb_store_get_device_id (store));
  g_autoptr(GError) error = NULL;
  ZbSyncClient *client = zb_sync_client_new (store, url, token_file, &error);

  g_assert_no_error (error);
  g_object_set (client, "backoff-initial", 50, "max-retries", 3, "connect-timeout", 5,
                "request-timeout", 10, NULL);
  return client;
}

/* Enrols with @code, running the main loop until done; the branch's name. */
char *
zb_test_sync_enrol (ZbSyncClient  *client,
                    const char    *code,
                    GError       **error)
{
  return zb_sync_client_enrol (client, code, "测试电脑", NULL, error);
}

/* One round, running the main loop until it ends. */
gboolean
zb_test_sync_round (ZbSyncClient  *client,
                    ZbSyncStats   *stats,
                    GError       **error)
{
  return zb_sync_client_sync (client, NULL, stats, error);
}
