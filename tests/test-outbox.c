#define G_LOG_DOMAIN "test-outbox"

#include "config.h"

#include <locale.h>
#include <stdlib.h>
#include <string.h>

#include "zb-store-private.h"
#include "zb-store-sync.h"
#include "zb-sync-schema.h"
#include "zb-test-util.h"

#define FINAL_COLUMNS \
  "finalized_at,chair_signature,recorder_signature,device_id,chain_prev,chain_hash"

typedef struct
{
  char    *dir;
  ZbStore *store;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  f->dir = zb_test_make_dir ();
  f->store = zb_test_new_raw_store (f->dir, "branch.zhibu");
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_clear_object (&f->store);
  zb_test_remove_dir (f->dir);
  g_free (f->dir);
}

static char *
add_member (ZbStore    *store,
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

static GListModel *
list_outbox (ZbStore *store)
{
  g_autoptr(GError) error = NULL;
  GListModel *list = zb_store_list_outbox (store, 10000, &error);

  g_assert_no_error (error);
  return list;
}

/* The outbox as lines "op table row columns base", in op-ID order. */
static char *
dump_outbox (ZbStore *store)
{
  g_autoptr(GListModel) list = list_outbox (store);
  GString *dump = g_string_new (NULL);

  for (guint i = 0; i < g_list_model_get_n_items (list); i++)
    {
      g_autoptr(ZbOutboxEntry) e = g_list_model_get_item (list, i);
      const char * const *columns = zb_outbox_entry_get_columns (e);
      g_autofree char *joined = columns ? g_strjoinv (",", (char **) columns) : g_strdup ("-");

      g_string_append_printf (dump, "%s %s %s %s %" G_GINT64_FORMAT "\n",
                              zb_outbox_entry_get_op (e), zb_outbox_entry_get_table_name (e),
                              zb_outbox_entry_get_row_id (e), joined,
                              zb_outbox_entry_get_base_revision (e));
    }

  return g_string_free (dump, FALSE);
}

static void
clear_outbox (ZbStore *store)
{
  zb_test_sql_exec (store, "DELETE FROM sync_outbox");
}

static ZbOutboxEntry *
last_entry (ZbStore *store)
{
  g_autoptr(GListModel) list = list_outbox (store);
  guint n = g_list_model_get_n_items (list);

  g_assert_cmpuint (n, >, 0);
  return g_list_model_get_item (list, n - 1);
}

static JsonObject *
read_fields (ZbStore       *store,
             ZbOutboxEntry *entry)
{
  g_autoptr(GError) error = NULL;
  JsonObject *fields = zb_store_read_outbox_fields (store, entry, &error);

  g_assert_no_error (error);
  return fields;
}

static char *
member_names (JsonObject *fields)
{
  g_autoptr(GList) names = json_object_get_members (fields);
  GString *s = g_string_new (NULL);

  names = g_list_sort (names, (GCompareFunc) strcmp);
  for (GList *l = names; l; l = l->next)
    g_string_append_printf (s, "%s%s", s->len ? "," : "", (const char *) l->data);

  return g_string_free (s, FALSE);
}

/* Every column of every synced table is either sent or sync's bookkeeping,
 * and each table has its three triggers: a column added by a later step
 * without its triggers fails here. */
static void
test_schema (Fixture       *f,
             gconstpointer  data)
{
  guint n_tables = 0;
  const ZbSyncTable *tables = zb_sync_schema_tables (&n_tables);
  g_autoptr(GError) error = NULL;
  sqlite3 *db = zb_store_begin_write (f->store, &error);

  g_assert_no_error (error);
  g_assert_cmpuint (n_tables, ==, 20);
  for (guint t = 0; t < n_tables; t++)
    {
      g_autofree char *sql = g_strdup_printf ("PRAGMA table_info (%s)", tables[t].name);
      g_autofree char *triggers = g_strdup_printf ("SELECT count(*) FROM sqlite_master WHERE "
                                                   "type = 'trigger' AND tbl_name = '%s' AND "
                                                   "name LIKE 'sync_%%'", tables[t].name);
      g_autoptr(sqlite3_stmt) info = zb_sql_prepare (db, sql, &error);
      g_autoptr(sqlite3_stmt) count = zb_sql_prepare (db, triggers, &error);
      guint listed = 0, n_columns = 0;

      g_assert_no_error (error);
      while (sqlite3_step (info) == SQLITE_ROW)
        {
          const char *column = (const char *) sqlite3_column_text (info, 1);
          gboolean sent = zb_sync_schema_has_column (&tables[t], column);

          g_autofree char *where = g_strdup_printf ("%s.%s", tables[t].name, column);

          /* Sent, or bookkeeping; never both, never neither. */
          g_assert_cmpstr (sent != zb_sync_schema_is_bookkeeping (column) ? "" : where, ==, "");
          listed += sent;
        }
      for (; tables[t].columns[n_columns]; n_columns++)
        ;
      g_assert_cmpuint (listed, ==, n_columns);
      g_assert_cmpint (sqlite3_step (count), ==, SQLITE_ROW);
      g_assert_cmpint (sqlite3_column_int (count, 0), ==, 3);
    }
  zb_store_rollback_write (f->store);
}

static void
test_insert (Fixture       *f,
             gconstpointer  data)
{
  g_autofree char *id = add_member (f->store, "王芳", 1);
  g_autofree char *expected = g_strdup_printf ("insert members %s - 0\n", id);
  g_autofree char *dump = dump_outbox (f->store);
  g_autoptr(ZbOutboxEntry) entry = last_entry (f->store);
  g_autoptr(JsonObject) fields = read_fields (f->store, entry);

  g_assert_cmpstr (dump, ==, expected);
  g_assert_true (g_str_has_suffix (zb_outbox_entry_get_created_at (entry), "Z"));

  /* Every synced column, typed; never the bookkeeping. */
  g_assert_cmpuint (json_object_get_size (fields), ==, 28);
  g_assert_cmpstr (json_object_get_string_member (fields, "name"), ==, "王芳");
  g_assert_true (json_object_get_null_member (fields, "leaving_date"));
  g_assert_cmpint (json_object_get_int_member (fields, "flowing"), ==, 0);
  g_assert_true (json_object_get_null_member (fields, "phone"));
  g_assert_false (json_object_has_member (fields, "id"));
  g_assert_false (json_object_has_member (fields, "revision"));
  g_assert_false (json_object_has_member (fields, "updated_at"));
}

/* The expected day of leaving the unit (schema step 10) is a column of
 * members that reaches the server like the others: step 10 made the
 * triggers of members again with it. The same day again sends nothing. */
static void
test_leaving_date (Fixture       *f,
                   gconstpointer  data)
{
  g_autofree char *id = add_member (f->store, "孙丽", 3);
  g_autofree char *expected = g_strdup_printf ("insert members %s - 0\n"
                                               "update members %s leaving_date 0\n"
                                               "update members %s leaving_date 0\n", id, id, id);
  g_autofree char *dump = NULL;
  g_autoptr(ZbOutboxEntry) entry = NULL;
  g_autoptr(JsonObject) fields = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (zb_store_set_leaving_date (f->store, id, "2026-09-30", &error));
  g_assert_true (zb_store_set_leaving_date (f->store, id, "2026-09-30", &error));
  entry = last_entry (f->store);
  fields = read_fields (f->store, entry);
  g_assert_cmpstr (json_object_get_string_member (fields, "leaving_date"), ==, "2026-09-30");
  g_assert_true (zb_store_set_leaving_date (f->store, id, NULL, &error));
  g_assert_no_error (error);
  dump = dump_outbox (f->store);
  g_assert_cmpstr (dump, ==, expected);
}

/* Only the columns whose values changed, with the row's revision then. */
static void
test_update_two_fields (Fixture       *f,
                        gconstpointer  data)
{
  g_autofree char *id = add_member (f->store, "李强", 2);
  g_autofree char *sql = NULL;
  g_autofree char *expected = NULL;
  g_autofree char *dump = NULL;
  g_autofree char *names = NULL;
  g_autoptr(ZbOutboxEntry) entry = NULL;
  g_autoptr(JsonObject) fields = NULL;

  sql = g_strdup_printf ("UPDATE members SET revision = 17 WHERE id = '%s'", id);
  zb_test_sql_exec (f->store, sql);
  clear_outbox (f->store);

  g_free (sql);
  sql = g_strdup_printf ("UPDATE members SET phone = '13900001111', post = '组织委员', "
                         "name = '李强', updated_at = 'later' WHERE id = '%s'", id);
  zb_test_sql_exec (f->store, sql);

  expected = g_strdup_printf ("update members %s post,phone 17\n", id);
  dump = dump_outbox (f->store);
  g_assert_cmpstr (dump, ==, expected);

  entry = last_entry (f->store);
  fields = read_fields (f->store, entry);
  names = member_names (fields);
  g_assert_cmpstr (names, ==, "phone,post");
  g_assert_cmpstr (json_object_get_string_member (fields, "post"), ==, "组织委员");
}

/* Through the store's own update, which writes every column. */
static void
test_update_through_store (Fixture       *f,
                           gconstpointer  data)
{
  g_autofree char *id = add_member (f->store, "赵敏", 3);
  g_autoptr(ZbMember) member = zb_store_get_member (f->store, id, NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *expected = g_strdup_printf ("update members %s education,party_group 0\n",
                                               id);
  g_autofree char *dump = NULL;

  clear_outbox (f->store);
  zb_member_set (member, ZB_MEMBER_FIELD_PARTY_GROUP, "第三党小组");
  zb_member_set (member, ZB_MEMBER_FIELD_EDUCATION, "大学");
  zb_store_update_member (f->store, member, &error);
  g_assert_no_error (error);

  dump = dump_outbox (f->store);
  g_assert_cmpstr (dump, ==, expected);
}

/* Saving a record unchanged, or changing only sync's bookkeeping, records
 * nothing. */
static void
test_update_nothing (Fixture       *f,
                     gconstpointer  data)
{
  g_autofree char *id = add_member (f->store, "孙丽", 4);
  g_autoptr(ZbMember) member = zb_store_get_member (f->store, id, NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *sql = g_strdup_printf ("UPDATE members SET revision = revision + 5, "
                                          "updated_at = 'x', flowing = '0' WHERE id = '%s'", id);

  clear_outbox (f->store);
  zb_store_update_member (f->store, member, &error);
  g_assert_no_error (error);
  zb_test_sql_exec (f->store, sql);
  g_assert_cmpuint (zb_store_count_outbox (f->store, NULL), ==, 0);
}

static void
test_delete (Fixture       *f,
             gconstpointer  data)
{
  g_autofree char *a = add_member (f->store, "周杰", 5);
  g_autofree char *b = add_member (f->store, "吴刚", 6);
  g_autofree char *sql = NULL;
  g_autofree char *expected = NULL;
  g_autofree char *dump = NULL;

  sql = g_strdup_printf ("UPDATE members SET revision = 9 WHERE id = '%s';"
                         "UPDATE members SET revision = 4 WHERE id = '%s';", a, b);
  zb_test_sql_exec (f->store, sql);
  clear_outbox (f->store);

  /* Removed for good; set as a tombstone; changed while one; brought back. */
  g_free (sql);
  sql = g_strdup_printf ("DELETE FROM members WHERE id = '%s';"
                         "UPDATE members SET deleted = 1 WHERE id = '%s';"
                         "UPDATE members SET post = '门卫' WHERE id = '%s';"
                         "DELETE FROM members WHERE id = '%s' AND deleted = 1;", a, b, b, b);
  zb_test_sql_exec (f->store, sql);

  expected = g_strdup_printf ("delete members %s - 9\ndelete members %s - 4\n", a, b);
  dump = dump_outbox (f->store);
  g_assert_cmpstr (dump, ==, expected);
}

static void
test_undelete (Fixture       *f,
               gconstpointer  data)
{
  g_autofree char *a = add_member (f->store, "郑和", 7);
  g_autofree char *sql = g_strdup_printf ("UPDATE members SET deleted = 1 WHERE id = '%s';"
                                          "UPDATE members SET deleted = 0 WHERE id = '%s';",
                                          a, a);
  g_autofree char *expected = g_strdup_printf ("delete members %s - 0\n"
                                               "insert members %s - 0\n", a, a);
  g_autofree char *dump = NULL;

  clear_outbox (f->store);
  zb_test_sql_exec (f->store, sql);
  dump = dump_outbox (f->store);
  g_assert_cmpstr (dump, ==, expected);
}

typedef struct
{
  const char *sql;
  gboolean    fail;
} ApplyJob;

static gboolean
apply_body (sqlite3   *db,
            gpointer   data,
            GError   **error)
{
  ApplyJob *job = data;

  if (!zb_sql_exec (db, job->sql, error))
    return FALSE;
  if (job->fail)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_FAILED, "page refused");
      return FALSE;
    }

  return TRUE;
}

static gint64
checkpoint (ZbStore *store)
{
  g_autoptr(GError) error = NULL;
  gint64 value = -1;

  g_assert_true (zb_store_get_checkpoint (store, &value, &error));
  g_assert_no_error (error);
  return value;
}

/* A pulled page never echoes back, is kept with its checkpoint, and leaves
 * the triggers on for the next local edit. */
static void
test_applying (Fixture       *f,
               gconstpointer  data)
{
  g_autofree char *a = add_member (f->store, "冯雪", 8);
  g_autofree char *sql = NULL;
  g_autofree char *applying = NULL;
  g_autoptr(GError) error = NULL;
  ApplyJob job = { NULL, FALSE };

  clear_outbox (f->store);
  sql = g_strdup_printf ("INSERT INTO member_transfers (id, member_id, direction, date, "
                         "organisation) VALUES ('t1', '%s', 'in', '2026-01-02', '机关支部');"
                         "UPDATE members SET phone = '13700000000', revision = 31 "
                         "WHERE id = '%s';"
                         "DELETE FROM member_transfers WHERE id = 't1';", a, a);
  job.sql = sql;
  zb_store_apply_remote (f->store, 31, apply_body, &job, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (zb_store_count_outbox (f->store, NULL), ==, 0);
  g_assert_cmpint (checkpoint (f->store), ==, 31);
  applying = zb_test_sql_text (f->store, "SELECT applying FROM sync_state");
  g_assert_cmpstr (applying, ==, "0");

  /* A page that fails leaves nothing behind, its checkpoint neither. */
  g_free (sql);
  sql = g_strdup_printf ("UPDATE members SET post = '副书记' WHERE id = '%s'", a);
  job.sql = sql;
  job.fail = TRUE;
  g_assert_false (zb_store_apply_remote (f->store, 40, apply_body, &job, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_FAILED);
  g_clear_error (&error);
  g_assert_cmpint (checkpoint (f->store), ==, 31);

  /* Nor does a checkpoint go back. */
  job.fail = FALSE;
  g_assert_false (zb_store_apply_remote (f->store, 30, apply_body, &job, &error));
  g_assert_error (error, ZB_OUTBOX_ERROR, ZB_OUTBOX_ERROR_CHECKPOINT);

  zb_test_sql_exec (f->store, sql);
  g_assert_cmpuint (zb_store_count_outbox (f->store, NULL), ==, 1);
}

/* The flag itself, set and cleared inside one transaction. */
static void
test_begin_end_applying (Fixture       *f,
                         gconstpointer  data)
{
  g_autofree char *a = add_member (f->store, "蒋涛", 9);
  g_autofree char *one = g_strdup_printf ("UPDATE members SET post = '一' WHERE id = '%s'", a);
  g_autofree char *two = g_strdup_printf ("UPDATE members SET title = '二' WHERE id = '%s'", a);
  g_autofree char *expected = g_strdup_printf ("update members %s title 0\n", a);
  g_autofree char *dump = NULL;
  g_autoptr(GError) error = NULL;
  sqlite3 *db;

  clear_outbox (f->store);
  db = zb_store_begin_write (f->store, &error);
  g_assert_true (zb_sync_begin_applying (db, &error));
  g_assert_true (zb_sql_exec (db, one, &error));
  g_assert_true (zb_sync_end_applying (db, &error));
  g_assert_true (zb_sql_exec (db, two, &error));
  g_assert_true (zb_store_commit_write (f->store, &error));
  g_assert_no_error (error);

  dump = dump_outbox (f->store);
  g_assert_cmpstr (dump, ==, expected);
}

static void
test_checkpoint (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  g_assert_cmpint (checkpoint (f->store), ==, 0);
  zb_store_set_checkpoint (f->store, 1234567890123, &error);
  g_assert_no_error (error);
  g_assert_cmpint (checkpoint (f->store), ==, 1234567890123);
  zb_store_set_checkpoint (f->store, 0, &error);
  g_assert_cmpint (checkpoint (f->store), ==, 0);
}

static void
test_list_and_ack (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GListModel) first = NULL;
  g_autoptr(GListModel) rest = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(ZbOutboxEntry) third = NULL;
  g_autoptr(ZbOutboxEntry) next = NULL;
  g_autoptr(ZbOutboxEntry) last = NULL;
  gint64 ids[3];
  gint64 highest;

  for (guint i = 0; i < 5; i++)
    g_free (add_member (f->store, "党员", 20 + i));

  first = zb_store_list_outbox (f->store, 3, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (first), ==, 3);
  for (guint i = 0; i < 3; i++)
    {
      g_autoptr(ZbOutboxEntry) e = g_list_model_get_item (first, i);
      ids[i] = zb_outbox_entry_get_op_id (e);
      if (i > 0)
        g_assert_cmpint (ids[i], >, ids[i - 1]);
    }

  /* The first two, and one the outbox does not have. */
  third = g_list_model_get_item (first, 2);
  ids[2] = 999999;
  g_assert_true (zb_store_ack_outbox (f->store, ids, 3, &error));
  g_assert_true (zb_store_ack_outbox (f->store, ids, 3, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (zb_store_count_outbox (f->store, NULL), ==, 3);

  rest = list_outbox (f->store);
  next = g_list_model_get_item (rest, 0);
  g_assert_cmpint (zb_outbox_entry_get_op_id (next), ==, zb_outbox_entry_get_op_id (third));

  /* An op ID is never used again, even once the outbox is empty. */
  last = last_entry (f->store);
  highest = zb_outbox_entry_get_op_id (last);
  clear_outbox (f->store);
  g_clear_object (&last);
  g_free (add_member (f->store, "新党员", 30));
  last = last_entry (f->store);
  g_assert_cmpint (zb_outbox_entry_get_op_id (last), >, highest);
}

static void
test_reject (Fixture       *f,
             gconstpointer  data)
{
  g_autofree char *a = add_member (f->store, "韩梅", 40);
  g_autofree char *b = add_member (f->store, "卫青", 41);
  g_autoptr(GListModel) pending = list_outbox (f->store);
  g_autoptr(ZbOutboxEntry) first = g_list_model_get_item (pending, 0);
  g_autoptr(JsonObject) fields = read_fields (f->store, first);
  g_autoptr(GListModel) rejected = NULL;
  g_autoptr(ZbOutboxEntry) r = NULL;
  g_autoptr(GListModel) left = NULL;
  g_autoptr(ZbOutboxEntry) l = NULL;
  g_autoptr(GError) error = NULL;
  gint64 op_id = zb_outbox_entry_get_op_id (first);

  zb_store_reject_outbox (f->store, op_id, "finalised", "该会议已定稿", fields, &error);
  g_assert_no_error (error);
  g_assert_true (zb_store_reject_outbox (f->store, op_id, "finalised", "again", NULL, &error));
  g_assert_no_error (error);

  rejected = zb_store_list_rejected (f->store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (rejected), ==, 1);
  r = g_list_model_get_item (rejected, 0);
  g_assert_cmpint (zb_outbox_entry_get_op_id (r), ==, op_id);
  g_assert_cmpstr (zb_outbox_entry_get_row_id (r), ==, a);
  g_assert_cmpstr (zb_outbox_entry_get_error_code (r), ==, "finalised");
  g_assert_cmpstr (zb_outbox_entry_get_reason (r), ==, "该会议已定稿");
  g_assert_nonnull (strstr (zb_outbox_entry_get_fields (r), "\"韩梅\""));
  g_assert_nonnull (zb_outbox_entry_get_rejected_at (r));

  /* The op after it is still queued. */
  left = list_outbox (f->store);
  g_assert_cmpuint (g_list_model_get_n_items (left), ==, 1);
  l = g_list_model_get_item (left, 0);
  g_assert_cmpstr (zb_outbox_entry_get_row_id (l), ==, b);

  g_assert_false (zb_store_reject_outbox (f->store, 424242, "x", "y", NULL, &error));
  g_assert_error (error, ZB_OUTBOX_ERROR, ZB_OUTBOX_ERROR_NOT_FOUND);
}

/* A value travels with the last pending op that changed it; an insert keeps
 * its NOT NULL columns, a resolution its own. */
static void
test_fields_later_ops (Fixture       *f,
                       gconstpointer  data)
{
  g_autofree char *a = add_member (f->store, "秦岚", 50);
  g_autofree char *sql = g_strdup_printf ("UPDATE members SET name = '秦兰', phone = '1' "
                                          "WHERE id = '%s'; UPDATE members SET phone = '2' "
                                          "WHERE id = '%s'", a, a);
  g_autoptr(GListModel) list = NULL;
  g_autoptr(ZbOutboxEntry) insert = NULL, update1 = NULL, update2 = NULL, resolving = NULL;
  g_autoptr(JsonObject) f0 = NULL, f1 = NULL, f2 = NULL, f3 = NULL;
  g_autofree char *n1 = NULL, *n2 = NULL, *n3 = NULL;

  zb_test_sql_exec (f->store, sql);
  list = list_outbox (f->store);
  g_assert_cmpuint (g_list_model_get_n_items (list), ==, 3);
  insert = g_list_model_get_item (list, 0);
  update1 = g_list_model_get_item (list, 1);
  update2 = g_list_model_get_item (list, 2);

  f0 = read_fields (f->store, insert);
  g_assert_cmpstr (json_object_get_string_member (f0, "name"), ==, "秦兰");
  g_assert_false (json_object_has_member (f0, "phone"));
  g_assert_cmpuint (json_object_get_size (f0), ==, 27);

  f1 = read_fields (f->store, update1);
  n1 = member_names (f1);
  g_assert_cmpstr (n1, ==, "name");
  f2 = read_fields (f->store, update2);
  n2 = member_names (f2);
  g_assert_cmpstr (n2, ==, "phone");
  g_assert_cmpstr (json_object_get_string_member (f2, "phone"), ==, "2");

  resolving = zb_outbox_entry_new (zb_outbox_entry_get_op_id (update1), "members", a, "update",
                                   "name,phone", 0, "c0ffee", "2026-01-01T00:00:00Z");
  f3 = read_fields (f->store, resolving);
  n3 = member_names (f3);
  g_assert_cmpstr (n3, ==, "name,phone");

  /* Made a tombstone and brought back: that insert sends every column, so
   * the update before it sends none. */
  g_free (sql);
  sql = g_strdup_printf ("UPDATE members SET deleted = 1 WHERE id = '%s';"
                         "UPDATE members SET deleted = 0 WHERE id = '%s'", a, a);
  zb_test_sql_exec (f->store, sql);
  g_clear_pointer (&f2, json_object_unref);
  f2 = read_fields (f->store, update2);
  g_assert_cmpuint (json_object_get_size (f2), ==, 0);
}

static void
test_fields_errors (Fixture       *f,
                    gconstpointer  data)
{
  g_autofree char *m = zb_test_add_meeting (f->store, "lecture", "2026-05-04", "党课", NULL);
  g_autofree char *a = add_member (f->store, "许攸", 60);
  g_autofree char *sql = g_strdup_printf ("INSERT INTO meeting_guests (id, meeting_id, name) "
                                          "VALUES ('g1', '%s', '来宾');"
                                          "DELETE FROM meeting_guests WHERE id = 'g1';"
                                          "UPDATE members SET flowing = 1.5 WHERE id = '%s';"
                                          "UPDATE members SET address = CAST(x'ff41' AS TEXT) "
                                          "WHERE id = '%s';", m, a, a);
  g_autoptr(GListModel) list = NULL;
  g_autoptr(ZbOutboxEntry) guest = NULL, gone = NULL, real = NULL, bad = NULL, meta = NULL;
  g_autoptr(JsonObject) nothing = NULL, fields = NULL;
  g_autoptr(GError) error = NULL;

  clear_outbox (f->store);
  zb_test_sql_exec_unchecked (f->store, sql);
  list = list_outbox (f->store);
  g_assert_cmpuint (g_list_model_get_n_items (list), ==, 4);
  guest = g_list_model_get_item (list, 0);
  gone = g_list_model_get_item (list, 1);
  real = g_list_model_get_item (list, 2);
  bad = g_list_model_get_item (list, 3);

  fields = zb_store_read_outbox_fields (f->store, guest, &error);
  g_assert_null (fields);
  g_assert_error (error, ZB_OUTBOX_ERROR, ZB_OUTBOX_ERROR_ROW_MISSING);
  g_clear_error (&error);

  nothing = read_fields (f->store, gone);
  g_assert_cmpstr (zb_outbox_entry_get_op (gone), ==, "delete");
  g_assert_cmpuint (json_object_get_size (nothing), ==, 0);

  g_assert_null (zb_store_read_outbox_fields (f->store, real, &error));
  g_assert_error (error, ZB_OUTBOX_ERROR, ZB_OUTBOX_ERROR_UNSYNCABLE);
  g_assert_nonnull (strstr (error->message, "flowing"));
  g_clear_error (&error);
  g_assert_null (zb_store_read_outbox_fields (f->store, bad, &error));
  g_assert_error (error, ZB_OUTBOX_ERROR, ZB_OUTBOX_ERROR_UNSYNCABLE);
  g_assert_nonnull (strstr (error->message, "address"));
  g_clear_error (&error);

  meta = zb_outbox_entry_new (1, "meta", "uuid", "insert", NULL, 0, NULL, "now");
  g_assert_null (zb_store_read_outbox_fields (f->store, meta, &error));
  g_assert_error (error, ZB_OUTBOX_ERROR, ZB_OUTBOX_ERROR_UNKNOWN_TABLE);
}

/* A write made with sqlcipher's own shell, which knows no function of the
 * app, lands in the outbox too. */
static void
test_sqlcipher_shell (void)
{
  g_autofree char *dir = zb_test_make_dir ();
  g_autofree char *path = g_build_filename (dir, "branch.zhibu", NULL);
  g_autofree char *script_path = g_build_filename (dir, "edit.sql", NULL);
  g_autoptr(ZbKey) key = zb_key_new_random (NULL);
  g_autoptr(ZbStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *a = NULL, *pragma = NULL, *script = NULL, *command = NULL;
  g_autofree char *out = NULL, *err = NULL, *expected = NULL, *dump = NULL;
  int status = -1;

  store = zb_store_create (path, key, "测试支部", &error);
  g_assert_no_error (error);
  a = add_member (store, "钱学森", 70);
  clear_outbox (store);
  g_clear_object (&store);

  pragma = zb_key_to_pragma (key);
  script = g_strdup_printf ("%s;\nPRAGMA cipher_page_size = 4096;\n"
                            "UPDATE members SET phone = '13811112222', post = '工程师' "
                            "WHERE id = '%s';\n"
                            "INSERT INTO members (id, name, sex, birth_date, id_number, category, "
                            "created_at, updated_at) VALUES ('shell-1', '壳', 'M', '1990-01-01', "
                            "'x', 'applicant', 'now', 'now');\n"
                            "SELECT count(*) FROM sync_outbox;\n", pragma, a);
  g_file_set_contents (script_path, script, -1, NULL);
  command = g_strdup_printf ("sh -c 'sqlcipher \"%s\" < \"%s\"'", path, script_path);
  g_spawn_command_line_sync (command, &out, &err, &status, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (err, ==, "");
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  g_assert_cmpstr (out, ==, "2\n");

  store = zb_store_open (path, key, &error);
  g_assert_no_error (error);
  expected = g_strdup_printf ("update members %s post,phone 0\n"
                              "insert members shell-1 - 0\n", a);
  dump = dump_outbox (store);
  g_assert_cmpstr (dump, ==, expected);

  g_clear_object (&store);
  zb_test_remove_dir (dir);
}

static char *
finalised_lecture (ZbStore    *store,
                   const char *chair,
                   const char *date)
{
  g_autoptr(ZbMeeting) meeting = zb_meeting_new ();
  g_autoptr(ZbAgendaItem) item = zb_agenda_item_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *id = NULL;

  zb_meeting_set_type_code (meeting, "lecture");
  zb_meeting_set_title (meeting, "专题党课");
  zb_meeting_set_date (meeting, date);
  zb_meeting_set_chair_id (meeting, chair);
  zb_meeting_set_recorder_id (meeting, chair);
  id = zb_store_add_meeting (store, meeting, &error);
  g_assert_no_error (error);
  zb_agenda_item_set_meeting_id (item, id);
  zb_agenda_item_set_title (item, "学习党章");
  g_free (zb_store_add_agenda_item (store, item, &error));
  g_assert_no_error (error);

  return g_steal_pointer (&id);
}

/* A finalisation as a version 4 database holds it: signed and chained (the
 * hash stands in for form 1's; only its place in the chain matters here).
 * Today's finalising needs schema 6. */
static void
finalize_v4 (ZbStore    *store,
             const char *meeting)
{
  g_autofree char *device = zb_test_sql_text (store, "SELECT value FROM meta "
                                                     "WHERE key = 'device_id'");
  g_autofree char *head_sql = g_strdup_printf ("SELECT coalesce((SELECT value FROM meta WHERE "
                                               "key = 'chain_head:%s'), '')", device);
  g_autofree char *prev = zb_test_sql_text (store, head_sql);
  g_autofree char *seed = g_strconcat (meeting, prev, NULL);
  g_autofree char *hash = g_compute_checksum_for_string (G_CHECKSUM_SHA256, seed, -1);
  g_autofree char *sql = NULL;

  sql = g_strdup_printf ("UPDATE meetings SET finalized_at = '2026-06-01T00:00:00Z', "
                         "device_id = '%s', chair_signature = '老书记', "
                         "recorder_signature = '老书记', chain_prev = %s%s%s, chain_hash = '%s' "
                         "WHERE id = '%s';"
                         "INSERT OR REPLACE INTO meta (key, value) VALUES ('chain_head:%s', '%s')",
                         device, *prev ? "'" : "", *prev ? prev : "NULL", *prev ? "'" : "", hash,
                         meeting, device, hash);
  zb_test_sql_exec (store, sql);
}

static guint
count_live (ZbStore    *store,
            const char *table)
{
  g_autofree char *exists = g_strdup_printf ("SELECT count(*) FROM sqlite_master WHERE "
                                             "type = 'table' AND name = '%s'", table);
  g_autofree char *sql = g_strdup_printf ("SELECT count(*) FROM %s WHERE deleted = 0", table);
  g_autofree char *n = NULL;

  /* A table of a later schema than the one under test. */
  if (zb_test_sql_int (store, exists) == 0)
    return 0;
  n = zb_test_sql_text (store, sql);
  return atoi (n);
}

/* Migration step 5 on a version 4 database with records: every live row is
 * queued as an insert, parents first, and the finalisations come after the
 * records they cover, in the order of the device's chain. */
static void
test_migration_from_4 (void)
{
  g_autofree char *dir = zb_test_make_dir ();
  g_autofree char *path = g_build_filename (dir, "old.zhibu", NULL);
  g_autoptr(ZbKey) key = zb_test_key ();
  g_autoptr(GError) error = NULL;
  g_autoptr(ZbStore) store = NULL;
  g_autoptr(GListModel) list = NULL;
  g_autofree char *chair = NULL, *gone = NULL, *early = NULL, *late = NULL, *open = NULL;
  g_autofree char *sql = NULL, *late_hash = NULL;
  guint n_tables, n, n_live = 0;
  const ZbSyncTable *tables = zb_sync_schema_tables (&n_tables);
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  store = zb_store_create_at_version (path, key, "老支部", 4, &error);
  g_assert_no_error (error);
  chair = add_member (store, "老书记", 80);
  gone = add_member (store, "误录入", 81);
  sql = g_strdup_printf ("UPDATE members SET deleted = 1 WHERE id = '%s'", gone);
  zb_test_sql_exec (store, sql);
  early = finalised_lecture (store, chair, "2026-03-01");
  late = finalised_lecture (store, chair, "2026-04-01");
  open = finalised_lecture (store, chair, "2026-05-01");
  /* Finalised in the other order than made: the chain, not the row order. */
  finalize_v4 (store, late);
  finalize_v4 (store, early);
  g_clear_object (&store);

  store = zb_store_open_at_version (path, key, 5, &error);
  g_assert_no_error (error);
  g_assert_cmpint (checkpoint (store), ==, 0);
  list = list_outbox (store);
  n = g_list_model_get_n_items (list);

  for (guint t = 0; t < n_tables; t++)
    n_live += count_live (store, tables[t].name);
  g_assert_cmpuint (n, ==, n_live + 2);

  /* The inserts: each live row once, tables in their order. */
  for (guint i = 0, t = 0; i < n - 2; i++)
    {
      g_autoptr(ZbOutboxEntry) e = g_list_model_get_item (list, i);
      const char *table = zb_outbox_entry_get_table_name (e);

      g_assert_cmpstr (zb_outbox_entry_get_op (e), ==, "insert");
      g_assert_cmpstr (zb_outbox_entry_get_row_id (e), !=, gone);
      g_assert_true (g_hash_table_add (seen, g_strdup (zb_outbox_entry_get_row_id (e))));
      while (t < n_tables && !g_str_equal (tables[t].name, table))
        t++;
      g_assert_cmpuint (t, <, n_tables);
      if (g_str_equal (table, "meetings"))
        {
          g_autoptr(JsonObject) fields = read_fields (store, e);
          gboolean final = !g_str_equal (zb_outbox_entry_get_row_id (e), open);

          g_assert_cmpstr (json_object_get_string_member (fields, "title"), ==, "专题党课");
          g_assert_true (json_object_has_member (fields, "chain_hash") != final);
        }
    }

  for (guint i = n - 2; i < n; i++)
    {
      g_autoptr(ZbOutboxEntry) e = g_list_model_get_item (list, i);
      g_autofree char *cols = g_strjoinv (",", (char **) zb_outbox_entry_get_columns (e));

      g_assert_cmpstr (zb_outbox_entry_get_op (e), ==, "update");
      g_assert_cmpstr (zb_outbox_entry_get_row_id (e), ==, i == n - 2 ? late : early);
      g_assert_cmpstr (cols, ==, FINAL_COLUMNS);
    }

  {
    g_autoptr(ZbOutboxEntry) e = g_list_model_get_item (list, n - 2);
    g_autoptr(JsonObject) fields = read_fields (store, e);
    g_autofree char *hash_sql = g_strdup_printf ("SELECT chain_hash FROM meetings "
                                                 "WHERE id = '%s'", late);

    late_hash = zb_test_sql_text (store, hash_sql);
    g_assert_cmpuint (strlen (late_hash), ==, 64);
    g_assert_cmpstr (json_object_get_string_member (fields, "chain_hash"), ==, late_hash);
    g_assert_true (json_object_get_null_member (fields, "chain_prev"));
  }

  g_clear_object (&store);
  zb_test_remove_dir (dir);
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add ("/outbox/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("schema", test_schema);
  ADD ("insert", test_insert);
  ADD ("leaving-date", test_leaving_date);
  ADD ("update/two-fields", test_update_two_fields);
  ADD ("update/through-store", test_update_through_store);
  ADD ("update/nothing", test_update_nothing);
  ADD ("delete", test_delete);
  ADD ("undelete", test_undelete);
  ADD ("applying", test_applying);
  ADD ("applying/begin-end", test_begin_end_applying);
  ADD ("checkpoint", test_checkpoint);
  ADD ("list-and-ack", test_list_and_ack);
  ADD ("reject", test_reject);
  ADD ("fields/later-ops", test_fields_later_ops);
  ADD ("fields/errors", test_fields_errors);
  g_test_add_func ("/outbox/sqlcipher-shell", test_sqlcipher_shell);
  g_test_add_func ("/outbox/migration/from-4", test_migration_from_4);

  return g_test_run ();
}
