#define G_LOG_DOMAIN "test-sync"

#include "config.h"

#include <locale.h>
#include <string.h>

#include <glib/gstdio.h>

#include "zb-checker.h"
#include "zb-store-private.h"
#include "zb-store-sync.h"
#include "zb-sync-schema.h"
#include "zb-test-engine.h"
#include "zb-test-proxy.h"
#include "zb-test-server.h"
#include "zb-test-sync.h"
#include "zb-test-util.h"

/* Branch PCs and the real zhibu-server, end to end: real databases, the
 * real client, the server process on loopback, on each storage engine. */

#define BRANCH "第一党支部"

typedef struct
{
  char              *dir;
  ZbTestServerPlace *place;
  ZbTestServer      *server;
} Fixture;

typedef struct
{
  ZbStore      *store;
  ZbSyncClient *client;
} Pc;

static void
pc_clear (Pc *pc)
{
  g_clear_object (&pc->client);
  g_clear_object (&pc->store);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Pc, pc_clear)

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autofree char *server_dir = NULL;

  f->dir = zb_test_make_dir ();
  f->place = zb_test_server_place_new (data);
  server_dir = g_build_filename (f->dir, "server", NULL);
  f->server = zb_test_server_new (server_dir, zb_test_server_place_conninfo (f->place));
  g_free (zb_test_server_add_branch (f->server, BRANCH));
  zb_test_server_start (f->server);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_clear_pointer (&f->server, zb_test_server_free);
  g_clear_pointer (&f->place, zb_test_server_place_free);
  zb_test_remove_dir (f->dir);
  g_free (f->dir);
}

/* A PC with a database of its own, enrolled with a fresh code, talking to
 * @url (the server's, or a proxy's). */
static void
pc_init (Fixture    *f,
         Pc         *pc,
         const char *name,
         const char *url)
{
  g_autoptr(ZbKey) key = zb_key_new_random (NULL);
  g_autofree char *path = g_build_filename (f->dir, name, NULL);
  g_autofree char *code = zb_test_server_code (f->server, BRANCH, NULL);
  g_autofree char *branch = NULL;
  g_autoptr(GError) error = NULL;

  pc->store = zb_store_create (path, key, BRANCH, &error);
  g_assert_no_error (error);
  pc->client = zb_test_sync_client (pc->store, url ? url : f->server->url, f->dir);
  branch = zb_test_sync_enrol (pc->client, code, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (branch, ==, BRANCH);
}

static ZbSyncStats
sync_ok (Pc *pc)
{
  g_autoptr(GError) error = NULL;
  ZbSyncStats stats = { 0 };

  zb_test_sync_round (pc->client, &stats, &error);
  g_assert_no_error (error);
  return stats;
}

/* A table as text, row by row in ID order: what must be equal on every PC;
 * @live: only the rows that are not tombstones. */
static char *
dump_rows (ZbStore    *store,
           const char *table,
           gboolean    live)
{
  const ZbSyncTable *t = zb_sync_schema_lookup (table);
  g_autoptr(GString) columns = g_string_new ("id, deleted");
  g_autoptr(GString) out = g_string_new (NULL);
  g_autofree char *sql = NULL;
  g_autoptr(sqlite3_stmt) stmt = NULL;

  for (guint i = 0; t->columns[i] != NULL; i++)
    g_string_append_printf (columns, ", quote(%s)", t->columns[i]);
  sql = g_strdup_printf ("SELECT %s FROM %s %s ORDER BY id", columns->str, table,
                         live ? "WHERE deleted = 0" : "");
  stmt = zb_sql_prepare (store->writer, sql, NULL);
  g_assert_nonnull (stmt);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      for (int c = 0; c < sqlite3_column_count (stmt); c++)
        g_string_append_printf (out, "%s|", (const char *) sqlite3_column_text (stmt, c));
      g_string_append_c (out, '\n');
    }
  return g_string_free (g_steal_pointer (&out), FALSE);
}

/* @live: the live rows only, for a PC that pulled again after an upgrade
 * and skipped, as PROTOCOL.md 7.4 says, the tombstones of rows it never
 * had. */
static void
assert_same_rows (ZbStore  *a,
                  ZbStore  *b,
                  gboolean  live)
{
  guint n_tables;
  const ZbSyncTable *tables = zb_sync_schema_tables (&n_tables);

  for (guint i = 0; i < n_tables; i++)
    {
      g_autofree char *x = dump_rows (a, tables[i].name, live);
      g_autofree char *y = dump_rows (b, tables[i].name, live);

      if (g_strcmp0 (x, y) != 0)
        g_test_message ("%s differs:\n%s\n----\n%s", tables[i].name, x, y);
      g_assert_cmpstr (x, ==, y);
    }
}

static void
assert_same (ZbStore *a,
             ZbStore *b)
{
  assert_same_rows (a, b, FALSE);
}

static void
edit_member (ZbStore       *store,
             const char    *id,
             ZbMemberField  field,
             const char    *value)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ZbMember) member = zb_store_get_member (store, id, &error);

  g_assert_no_error (error);
  zb_member_set (member, field, value);
  g_assert_true (zb_store_update_member (store, member, &error));
  g_assert_no_error (error);
}

static char *
member_value (ZbStore       *store,
              const char    *id,
              ZbMemberField  field)
{
  g_autoptr(ZbMember) member = zb_store_get_member (store, id, NULL);

  return member ? g_strdup (zb_member_get (member, field)) : NULL;
}

static void
assert_member_value (ZbStore       *store,
                     const char    *id,
                     ZbMemberField  field,
                     const char    *expected)
{
  g_autofree char *value = member_value (store, id, field);

  g_assert_cmpstr (value, ==, expected);
}

static guint
count_members (ZbStore *store)
{
  return zb_test_sql_int (store, "SELECT count(*) FROM members WHERE deleted = 0");
}

/* Adds, edits and archives on two PCs, each offline from the other, end
 * in the same data on both. */
static void
test_converge (Fixture       *f,
               gconstpointer  data)
{
  g_auto(Pc) a = { 0 };
  g_auto(Pc) b = { 0 };
  g_autofree char *a1 = NULL, *a2 = NULL, *b1 = NULL, *b2 = NULL, *late = NULL;
  g_autoptr(GError) error = NULL;

  pc_init (f, &a, "a.zhibu", NULL);
  pc_init (f, &b, "b.zhibu", NULL);
  a1 = zb_test_add_member (a.store, "甲一", 1);
  a2 = zb_test_add_member (a.store, "甲二", 2);
  b1 = zb_test_add_member (b.store, "乙一", 3);
  b2 = zb_test_add_member (b.store, "乙二", 4);
  sync_ok (&a);
  sync_ok (&b);
  sync_ok (&a);
  assert_same (a.store, b.store);

  /* Offline on both sides. */
  edit_member (a.store, b1, ZB_MEMBER_FIELD_PHONE, "13900000001");
  edit_member (a.store, a2, ZB_MEMBER_FIELD_POST, "组织委员");
  g_assert_true (zb_store_archive_member (a.store, a1, ZB_STATUS_TRANSFERRED_OUT, "2026-10-01", "转出",
                                          &error));
  g_assert_no_error (error);
  late = zb_test_add_member (a.store, "甲三", 5);
  edit_member (b.store, a2, ZB_MEMBER_FIELD_PHONE, "13700000002");
  edit_member (b.store, b2, ZB_MEMBER_FIELD_EDUCATION, "大学本科");
  g_assert_true (zb_store_archive_member (b.store, b1, ZB_STATUS_DECEASED, "2026-09-30", "病故", &error));
  g_assert_no_error (error);

  sync_ok (&a);
  sync_ok (&b);
  sync_ok (&a);
  assert_same (a.store, b.store);
  g_assert_cmpuint (zb_store_count_open_conflicts (a.store, NULL), ==, 0);
  assert_member_value (b.store, a2, ZB_MEMBER_FIELD_POST, "组织委员");
  assert_member_value (a.store, a2, ZB_MEMBER_FIELD_PHONE, "13700000002");
  assert_member_value (b.store, late, ZB_MEMBER_FIELD_NAME, "甲三");
}

/* Different fields of one member merge; the same field changed on both
 * becomes one conflict, seen on both PCs; resolving it on one reaches the
 * other. */
static void
test_conflict (Fixture       *f,
               gconstpointer  data)
{
  g_auto(Pc) a = { 0 };
  g_auto(Pc) b = { 0 };
  g_autofree char *m = NULL;
  g_autoptr(GListModel) conflicts = NULL;
  g_autoptr(ZbConflict) conflict = NULL;
  g_autoptr(GError) error = NULL;

  pc_init (f, &a, "a.zhibu", NULL);
  pc_init (f, &b, "b.zhibu", NULL);
  m = zb_test_add_member (a.store, "李娜", 7);
  sync_ok (&a);
  sync_ok (&b);

  edit_member (a.store, m, ZB_MEMBER_FIELD_PHONE, "13900001111");
  edit_member (b.store, m, ZB_MEMBER_FIELD_POST, "宣传委员");
  sync_ok (&a);
  sync_ok (&b);
  sync_ok (&a);
  assert_member_value (a.store, m, ZB_MEMBER_FIELD_POST, "宣传委员");
  assert_member_value (b.store, m, ZB_MEMBER_FIELD_PHONE, "13900001111");
  g_assert_cmpuint (zb_store_count_open_conflicts (a.store, NULL), ==, 0);

  edit_member (a.store, m, ZB_MEMBER_FIELD_PHONE, "13900002222");
  edit_member (b.store, m, ZB_MEMBER_FIELD_PHONE, "13700003333");
  sync_ok (&a);
  sync_ok (&b);
  sync_ok (&a);
  g_assert_cmpuint (zb_store_count_open_conflicts (a.store, NULL), ==, 1);
  g_assert_cmpuint (zb_store_count_open_conflicts (b.store, NULL), ==, 1);

  /* Both values are kept; A picks B's. */
  conflicts = zb_store_list_conflicts (a.store, FALSE, &error);
  conflict = g_list_model_get_item (conflicts, 0);
  g_assert_nonnull (strstr (zb_conflict_get_kept_value (conflict), "13900002222"));
  g_assert_nonnull (strstr (zb_conflict_get_pushed_value (conflict), "13700003333"));
  g_assert_true (zb_store_resolve_conflict (a.store, zb_conflict_get_id (conflict),
                                            ZB_CONFLICT_PICK_PUSHED, NULL, &error));
  g_assert_no_error (error);
  sync_ok (&a);
  sync_ok (&b);
  g_assert_cmpuint (zb_store_count_open_conflicts (a.store, NULL), ==, 0);
  g_assert_cmpuint (zb_store_count_open_conflicts (b.store, NULL), ==, 0);
  assert_member_value (b.store, m, ZB_MEMBER_FIELD_PHONE, "13700003333");
  assert_same (a.store, b.store);
}

static void
add_members (ZbStore *store,
             guint    n,
             guint    first_serial)
{
  g_autoptr(GPtrArray) members = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i < n; i++)
    {
      /* 400 a birth date: the ID number's sequence code has three digits. */
      g_autofree char *birth = g_strdup_printf ("1980-%02u-%02u", 1 + first_serial / 1000,
                                                1 + i / 400);
      g_autofree char *idn = zb_test_id_number (birth, i % 2, i % 400);

      g_ptr_array_add (members, zb_test_member ("党员", idn, "full"));
    }
  zb_store_add_members (store, members, &error);
  g_assert_no_error (error);
}

static gboolean
is_pushing (gpointer data)
{
  return zb_sync_client_get_state (data) == ZB_SYNC_CLIENT_PUSHING;
}

static void
round_done_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      data)
{
  *(GAsyncResult **) data = g_object_ref (result);
}

/* The server killed (SIGKILL) while a 1,000-record push is under way, then
 * started again: the next round completes, nothing lost, nothing doubled. */
static void
test_killed_server (Fixture       *f,
                    gconstpointer  data)
{
  g_auto(Pc) a = { 0 };
  g_auto(Pc) b = { 0 };
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  ZbSyncStats stats = { 0 };

  pc_init (f, &a, "a.zhibu", NULL);
  add_members (a.store, 1000, 1000);

  zb_sync_client_sync_async (a.client, NULL, round_done_cb, &result);
  while (!is_pushing (a.client))
    g_main_context_iteration (NULL, TRUE);
  g_usleep (G_USEC_PER_SEC / 20);
  zb_test_server_kill (f->server);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);
  zb_sync_client_sync_finish (a.client, result, &stats, &error);
  g_test_message ("the round the kill broke: %s", error ? error->message : "(it had ended)");
  g_clear_error (&error);

  zb_test_server_start (f->server);
  sync_ok (&a);
  g_assert_cmpuint (zb_store_count_outbox (a.store, NULL), ==, 0);

  pc_init (f, &b, "b.zhibu", NULL);
  sync_ok (&b);
  g_assert_cmpuint (count_members (b.store), ==, 1000);
  assert_same (a.store, b.store);
}

/* The server's answer to a push is lost on the way: the client sends the
 * batch again, and nothing is applied twice. */
static void
test_dropped_response (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(ZbTestProxy) proxy = zb_test_proxy_new (f->server->url);
  g_auto(Pc) a = { 0 };
  g_auto(Pc) b = { 0 };

  pc_init (f, &a, "a.zhibu", zb_test_proxy_get_url (proxy));
  add_members (a.store, 50, 2000);
  zb_test_proxy_cut_next (proxy, "/v1/push");
  sync_ok (&a);
  g_assert_cmpuint (zb_test_proxy_get_n_cut (proxy), ==, 1);
  g_assert_cmpuint (zb_store_count_outbox (a.store, NULL), ==, 0);
  g_clear_object (&a.client);

  pc_init (f, &b, "b.zhibu", NULL);
  sync_ok (&b);
  g_assert_cmpuint (count_members (b.store), ==, 50);
  assert_same (a.store, b.store);
}

/* The same person entered on two PCs: the second is refused for good, shows
 * in that PC's rejected list with the server's reason, and the rest of its
 * queue still syncs. */
static void
test_rejected (Fixture       *f,
               gconstpointer  data)
{
  g_auto(Pc) a = { 0 };
  g_auto(Pc) b = { 0 };
  g_autoptr(GListModel) rejected = NULL;
  g_autoptr(ZbOutboxEntry) entry = NULL;
  g_autofree char *other = NULL;

  pc_init (f, &a, "a.zhibu", NULL);
  pc_init (f, &b, "b.zhibu", NULL);
  g_free (zb_test_add_member (a.store, "王芳", 42));
  g_free (zb_test_add_member (b.store, "王芳", 42));
  other = zb_test_add_member (b.store, "赵强", 43);
  sync_ok (&a);
  sync_ok (&b);

  rejected = zb_store_list_rejected (b.store, NULL);
  g_assert_cmpuint (g_list_model_get_n_items (rejected), >=, 1);
  entry = g_list_model_get_item (rejected, 0);
  g_assert_cmpstr (zb_outbox_entry_get_error_code (entry), ==, "duplicate_key");
  g_assert_nonnull (zb_outbox_entry_get_reason (entry));
  g_test_message ("rejected: %s", zb_outbox_entry_get_reason (entry));

  sync_ok (&a);
  assert_member_value (a.store, other, ZB_MEMBER_FIELD_NAME, "赵强");
  g_assert_cmpuint (count_members (a.store), ==, 2);
  g_assert_cmpuint (count_members (b.store), ==, 2);
}

/* A value the PC's rules refuse, written past them (as an older Zhibu or
 * the sqlcipher shell would), is refused by the server with the field and
 * the limit, which the PC keeps in its rejected list; the rest syncs, and
 * the other PC never gets it. */
static void
test_rules (Fixture       *f,
            gconstpointer  data)
{
  g_auto(Pc) a = { 0 };
  g_auto(Pc) b = { 0 };
  g_autoptr(GListModel) rejected = NULL;
  g_autoptr(ZbOutboxEntry) entry = NULL;
  g_autofree char *member = NULL, *other = NULL, *sql = NULL, *name = NULL;

  pc_init (f, &a, "a.zhibu", NULL);
  pc_init (f, &b, "b.zhibu", NULL);
  member = zb_test_add_member (a.store, "王芳", 44);
  sync_ok (&a);

  sql = g_strdup_printf ("DROP TRIGGER temp.zb_limits_members_update; "
                         "UPDATE members SET name = printf('%%.100000c', 'x') WHERE id = '%s'",
                         member);
  zb_test_sql_exec (a.store, sql);
  other = zb_test_add_member (a.store, "赵强", 45);
  sync_ok (&a);

  rejected = zb_store_list_rejected (a.store, NULL);
  g_assert_cmpuint (g_list_model_get_n_items (rejected), ==, 1);
  entry = g_list_model_get_item (rejected, 0);
  g_test_message ("rejected: %s", zb_outbox_entry_get_reason (entry));
  g_assert_cmpstr (zb_outbox_entry_get_error_code (entry), ==, "invalid_value");
  g_assert_cmpstr (zb_outbox_entry_get_row_id (entry), ==, member);
  g_assert_cmpstr (zb_outbox_entry_get_reason (entry), ==,
                   "Name: is longer than 50 characters: shorten it");

  sync_ok (&b);
  name = member_value (b.store, member, ZB_MEMBER_FIELD_NAME);
  g_assert_cmpstr (name, ==, "王芳");
  g_assert_cmpuint (count_members (b.store), ==, 2);
}

/* A third PC enrolled late gets the whole branch, then follows the feed. */
static void
test_late_pc (Fixture       *f,
              gconstpointer  data)
{
  g_auto(Pc) a = { 0 };
  g_auto(Pc) c = { 0 };
  g_autofree char *gone = NULL, *later = NULL, *sql = NULL;

  pc_init (f, &a, "a.zhibu", NULL);
  add_members (a.store, 30, 3000);
  gone = zb_test_add_member (a.store, "误录", 3100);
  sync_ok (&a);
  /* Entered by mistake: a tombstone, which a new PC never needs. */
  sql = g_strdup_printf ("UPDATE members SET deleted = 1 WHERE id = '%s'", gone);
  zb_test_sql_exec (a.store, sql);
  sync_ok (&a);

  pc_init (f, &c, "c.zhibu", NULL);
  sync_ok (&c);
  g_assert_cmpuint (count_members (c.store), ==, 30);
  g_assert_null (member_value (c.store, gone, ZB_MEMBER_FIELD_NAME));

  later = zb_test_add_member (a.store, "新党员", 3200);
  sync_ok (&a);
  sync_ok (&c);
  assert_member_value (c.store, later, ZB_MEMBER_FIELD_NAME, "新党员");
  g_assert_cmpuint (count_members (c.store), ==, 31);
}

/* A lecture of @date chaired and recorded by @chair, with @chair present. */
static char *
add_lecture (ZbStore    *store,
             const char *chair,
             const char *date)
{
  g_autoptr(ZbMeeting) meeting = zb_meeting_new ();
  g_autoptr(GError) error = NULL;
  char *id;

  zb_meeting_set_type_code (meeting, "lecture");
  zb_meeting_set_title (meeting, "专题党课");
  zb_meeting_set_date (meeting, date);
  zb_meeting_set_chair_id (meeting, chair);
  zb_meeting_set_recorder_id (meeting, chair);
  id = zb_store_add_meeting (store, meeting, &error);
  g_assert_no_error (error);
  zb_store_set_attendance (store, id, chair, "present", NULL, &error);
  g_assert_no_error (error);
  return id;
}

static guint
count_rejected (ZbStore *store)
{
  g_autoptr(GListModel) rejected = zb_store_list_rejected (store, NULL);

  return g_list_model_get_n_items (rejected);
}

/* A member entered after a meeting, who belonged to the branch on its day,
 * is expected there on every PC; two PCs that mark them make one row (the
 * same ID), never a change the server rejects on the natural key. */
static void
test_attendance_two_pcs (Fixture       *f,
                         gconstpointer  data)
{
  g_auto(Pc) a = { 0 };
  g_auto(Pc) b = { 0 };
  g_autofree char *chair = NULL, *meeting = NULL, *late = NULL, *sql = NULL;
  g_autofree char *rows_a = NULL, *rows_b = NULL;
  g_autoptr(GListModel) attendees = NULL;
  g_autoptr(GError) error = NULL;

  pc_init (f, &a, "a.zhibu", NULL);
  pc_init (f, &b, "b.zhibu", NULL);
  chair = zb_test_add_member (a.store, "书记", 4000);
  meeting = add_lecture (a.store, chair, "2026-05-04");
  sync_ok (&a);
  late = zb_test_add_member (a.store, "后录入", 4001);
  sync_ok (&a);
  sync_ok (&b);

  attendees = zb_store_list_attendees (b.store, meeting, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (attendees), ==, 2);

  zb_store_set_attendance (a.store, meeting, late, "present", NULL, &error);
  g_assert_no_error (error);
  zb_store_set_attendance (b.store, meeting, late, "present", NULL, &error);
  g_assert_no_error (error);
  sync_ok (&a);
  sync_ok (&b);
  sync_ok (&a);

  g_assert_cmpuint (count_rejected (a.store), ==, 0);
  g_assert_cmpuint (count_rejected (b.store), ==, 0);
  sql = g_strdup_printf ("SELECT group_concat(id || ' ' || state || ' ' || deleted) FROM "
                         "meeting_attendees WHERE member_id = '%s'", late);
  rows_a = zb_test_sql_text (a.store, sql);
  rows_b = zb_test_sql_text (b.store, sql);
  g_assert_cmpstr (rows_a, ==, rows_b);
  g_assert_nonnull (strstr (rows_a, " present 0"));
  g_assert_null (strchr (rows_a, ','));
}

/* A PC on schema 5 syncs while another finalises records with snapshots;
 * it stores them without, then upgrades and pulls again what schema 6
 * added (PROTOCOL.md 7.4): every snapshot, and records that verify. A row
 * the old PC changed last comes back to it as an echo, which carries its
 * fields in that pull: the first item's leader link set on the new PC. */
static void
test_old_pc_upgrades (Fixture       *f,
                      gconstpointer  data)
{
  g_auto(Pc) a = { 0 };
  g_auto(Pc) old = { 0 };
  g_autoptr(ZbKey) key = zb_key_new_random (NULL);
  g_autofree char *path = g_build_filename (f->dir, "old.zhibu", NULL);
  g_autofree char *code = zb_test_server_code (f->server, BRANCH, NULL);
  g_autofree char *chair = NULL, *first = NULL, *second = NULL, *branch = NULL;
  g_autofree char *sql = NULL, *snapshot_a = NULL, *snapshot_old = NULL, *open = NULL;
  g_autofree char *leader = NULL;
  g_autoptr(GError) error = NULL;
  guint n_records = 0, n_chains = 0;

  pc_init (f, &a, "a.zhibu", NULL);
  chair = zb_test_add_member (a.store, "书记", 4100);
  first = add_lecture (a.store, chair, "2026-04-01");
  zb_store_finalize_meeting (a.store, first, &error);
  g_assert_no_error (error);
  open = add_lecture (a.store, chair, "2026-04-15");
  sql = g_strdup_printf ("INSERT INTO first_items (id, meeting_id, topic, leader, leader_id) "
                         "VALUES ('first-open', '%s', '学习', '书记', '%s')", open, chair);
  zb_test_sql_exec (a.store, sql);
  g_clear_pointer (&sql, g_free);
  sync_ok (&a);

  old.store = zb_store_create_at_version (path, key, BRANCH, 5, &error);
  g_assert_no_error (error);
  old.client = zb_test_sync_client (old.store, f->server->url, f->dir);
  branch = zb_test_sync_enrol (old.client, code, &error);
  g_assert_no_error (error);
  sync_ok (&old);
  /* Another record while the old PC follows the feed. */
  second = add_lecture (a.store, chair, "2026-05-01");
  zb_store_finalize_meeting (a.store, second, &error);
  g_assert_no_error (error);
  sync_ok (&a);
  sync_ok (&old);
  g_assert_cmpint (zb_test_sql_int (old.store, "SELECT count(*) FROM meetings "
                                               "WHERE finalized_at IS NOT NULL"), ==, 2);
  /* The old PC's own edit of the first item: the latest change of its row. */
  zb_test_sql_exec (old.store, "UPDATE first_items SET topic = '学习党章' "
                               "WHERE id = 'first-open'");
  sync_ok (&old);
  sync_ok (&old);
  pc_clear (&old);

  old.store = zb_store_open (path, key, &error);
  g_assert_no_error (error);
  g_assert_cmpint (zb_test_sql_int (old.store, "SELECT count(*) FROM meetings "
                                               "WHERE snapshot IS NOT NULL"), ==, 0);
  old.client = zb_test_sync_client (old.store, f->server->url, f->dir);
  sync_ok (&old);

  sql = g_strdup_printf ("SELECT group_concat(snapshot, '|') FROM (SELECT snapshot FROM "
                         "meetings WHERE id IN ('%s', '%s') ORDER BY id)", first, second);
  snapshot_a = zb_test_sql_text (a.store, sql);
  snapshot_old = zb_test_sql_text (old.store, sql);
  g_assert_nonnull (strstr (snapshot_a, "书记"));
  g_assert_cmpstr (snapshot_old, ==, snapshot_a);
  g_assert_true (zb_store_verify (old.store, &n_records, &n_chains, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n_records, ==, 2);
  g_assert_cmpint (zb_test_sql_int (old.store, "SELECT resync_until FROM sync_state"), ==, 0);
  g_assert_cmpuint (count_rejected (old.store), ==, 0);
  leader = zb_test_sql_text (old.store, "SELECT topic || ' ' || leader_id FROM first_items "
                                        "WHERE id = 'first-open'");
  g_clear_pointer (&sql, g_free);
  sql = g_strconcat ("学习党章 ", chair, NULL);
  g_assert_cmpstr (leader, ==, sql);
}

/* A record finalised with its snapshot reaches the server, which hashes it
 * with the same code: no break in its chain. A later rename syncs, and on
 * both PCs the record still shows the name of its day and verifies. */
static void
test_rename_after_finalising (Fixture       *f,
                              gconstpointer  data)
{
  g_auto(Pc) a = { 0 };
  g_auto(Pc) b = { 0 };
  g_autofree char *chair = NULL, *meeting = NULL;
  g_autoptr(GError) error = NULL;
  Pc *pcs[] = { &a, &b };

  pc_init (f, &a, "a.zhibu", NULL);
  pc_init (f, &b, "b.zhibu", NULL);
  chair = zb_test_add_member (a.store, "王书记", 4200);
  meeting = add_lecture (a.store, chair, "2026-03-10");
  zb_store_finalize_meeting (a.store, meeting, &error);
  g_assert_no_error (error);
  sync_ok (&a);
  g_assert_cmpuint (count_rejected (a.store), ==, 0);

  zb_test_rename_member (a.store, chair, "王新名");
  sync_ok (&a);
  sync_ok (&b);

  for (guint i = 0; i < G_N_ELEMENTS (pcs); i++)
    {
      g_autoptr(ZbSnapshot) snapshot = zb_store_get_snapshot (pcs[i]->store, meeting, &error);
      g_autoptr(GListModel) attendees = zb_store_list_attendees (pcs[i]->store, meeting, &error);
      g_autofree char *name = member_value (pcs[i]->store, chair, ZB_MEMBER_FIELD_NAME);
      g_autoptr(ZbAttendee) first = NULL;
      guint n_records = 0, n_chains = 0;

      g_assert_no_error (error);
      g_assert_cmpstr (name, ==, "王新名");
      g_assert_cmpstr (zb_snapshot_get_chair_name (snapshot), ==, "王书记");
      first = g_list_model_get_item (attendees, 0);
      g_assert_cmpstr (zb_attendee_get_name (first), ==, "王书记");
      g_assert_true (zb_store_verify (pcs[i]->store, &n_records, &n_chains, &error));
      g_assert_no_error (error);
      g_assert_cmpuint (n_records, ==, 1);
      g_assert_cmpuint (count_rejected (pcs[i]->store), ==, 0);
    }
}

/* Dues entered on one PC: a base, an approved waiver, a payment made up
 * and one paid ahead, voluntary extra dues. */
static void
enter_dues (ZbStore    *store,
            const char *member)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) warnings = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(ZbPayment) months = zb_payment_new ();
  g_autoptr(ZbPayment) extra = zb_payment_new ();
  g_autofree char *waiver = NULL, *paid = NULL, *extra_id = NULL;

  g_assert_true (zb_store_set_dues_base (store, member, "2026-01", ZB_DUES_EMPLOYED, 500000,
                                         &error));
  g_assert_no_error (error);
  waiver = zb_store_add_dues_reduction (store, member, "2026-02", 0, "2026-01-20",
                                        "某党委〔2026〕3号", "生活困难", &error);
  g_assert_no_error (error);
  zb_payment_set_member_id (months, member);
  zb_payment_set_first_month (months, "2026-01");
  zb_payment_set_last_month (months, "2026-04");
  zb_payment_set_amount_fen (months, 15000);
  zb_payment_set_paid_date (months, "2026-03-10");
  zb_payment_set_receipt_number (months, "DF-0001");
  zb_payment_set_on_behalf_by (months, "王建国");
  paid = zb_store_record_dues_payment (store, months, warnings, &error);
  g_assert_no_error (error);
  zb_payment_set_member_id (extra, member);
  zb_payment_set_extra (extra, TRUE);
  zb_payment_set_amount_fen (extra, 100000);
  zb_payment_set_paid_date (extra, "2026-03-10");
  extra_id = zb_store_record_dues_payment (store, extra, warnings, &error);
  g_assert_no_error (error);
}

static char *
arrears_text (ZbStore    *store,
              const char *month)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) all = zb_store_dues_arrears (store, month, &error);
  GString *out = g_string_new (NULL);

  g_assert_no_error (error);
  for (guint i = 0; i < g_list_model_get_n_items (all); i++)
    {
      g_autoptr(ZbArrears) a = g_list_model_get_item (all, i);
      g_autofree char *months = g_strjoinv (" ", (char **) zb_arrears_get_months (a));

      g_string_append_printf (out, "%s %s %s\n", zb_arrears_get_name (a), months,
                              zb_arrears_get_level (a) ? zb_arrears_get_level (a) : "-");
    }
  return g_string_free (out, FALSE);
}

/* Dues entered on one PC reach another through the server, whole: the
 * same rows, the same arrears. */
static void
test_dues (Fixture       *f,
           gconstpointer  data)
{
  g_auto(Pc) a = { 0 };
  g_auto(Pc) b = { 0 };
  g_autofree char *member = NULL, *arrears_a = NULL, *arrears_b = NULL;

  pc_init (f, &a, "a.zhibu", NULL);
  pc_init (f, &b, "b.zhibu", NULL);
  member = zb_test_add_member (a.store, "王芳", 4300);
  enter_dues (a.store, member);
  sync_ok (&a);
  sync_ok (&b);

  assert_same (a.store, b.store);
  g_assert_cmpint (zb_test_sql_int (b.store, "SELECT count(*) FROM dues_payments"), ==, 2);
  g_assert_cmpint (zb_test_sql_int (b.store, "SELECT count(*) FROM dues_reductions WHERE "
                                             "approved = 1"), ==, 1);
  arrears_a = arrears_text (a.store, "2026-08");
  arrears_b = arrears_text (b.store, "2026-08");
  g_assert_cmpstr (arrears_a, ==, "王芳 2026-05 2026-06 2026-07 warning\n");
  g_assert_cmpstr (arrears_b, ==, arrears_a);
  g_assert_cmpuint (count_rejected (a.store), ==, 0);
}

/* A PC still on schema 6 syncs through the same server while another
 * enters dues: it stores what it knows, loses none of its own changes
 * meanwhile, and once upgraded pulls again what schema 7 added
 * (PROTOCOL.md 7.4) and holds the dues rows too. */
static void
test_old_pc_dues (Fixture       *f,
                  gconstpointer  data)
{
  g_auto(Pc) a = { 0 };
  g_auto(Pc) old = { 0 };
  g_autoptr(ZbKey) key = zb_key_new_random (NULL);
  g_autofree char *path = g_build_filename (f->dir, "old.zhibu", NULL);
  g_autofree char *code = zb_test_server_code (f->server, BRANCH, NULL);
  g_autofree char *member = NULL, *own = NULL, *branch = NULL, *phone = NULL;
  g_autofree char *arrears_a = NULL, *arrears_old = NULL;
  g_autoptr(GError) error = NULL;

  pc_init (f, &a, "a.zhibu", NULL);
  member = zb_test_add_member (a.store, "王芳", 4400);
  sync_ok (&a);

  old.store = zb_store_create_at_version (path, key, BRANCH, 6, &error);
  g_assert_no_error (error);
  old.client = zb_test_sync_client (old.store, f->server->url, f->dir);
  branch = zb_test_sync_enrol (old.client, code, &error);
  g_assert_no_error (error);
  sync_ok (&old);

  /* Dues on the new PC; the old one follows the feed past them and goes
   * on with its own work. */
  enter_dues (a.store, member);
  sync_ok (&a);
  own = zb_test_add_member (old.store, "李明", 4401);
  zb_test_sql_exec (old.store, "UPDATE members SET phone = '13900004400' WHERE name = '王芳'");
  sync_ok (&old);
  sync_ok (&old);
  sync_ok (&a);
  g_assert_cmpuint (count_rejected (old.store), ==, 0);
  g_assert_cmpint (zb_test_sql_int (old.store, "SELECT count(*) FROM sync_outbox"), ==, 0);
  phone = member_value (a.store, member, ZB_MEMBER_FIELD_PHONE);
  g_assert_cmpstr (phone, ==, "13900004400");
  g_assert_cmpuint (count_members (a.store), ==, 2);
  pc_clear (&old);

  old.store = zb_store_open (path, key, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (zb_store_get_schema_version (old.store), ==, zb_store_latest_version ());
  g_assert_cmpint (zb_test_sql_int (old.store, "SELECT count(*) FROM dues_payments"), ==, 0);
  old.client = zb_test_sync_client (old.store, f->server->url, f->dir);
  sync_ok (&old);

  assert_same (a.store, old.store);
  g_assert_cmpint (zb_test_sql_int (old.store, "SELECT count(*) FROM dues_payments"), ==, 2);
  g_assert_cmpint (zb_test_sql_int (old.store, "SELECT resync_until FROM sync_state"), ==, 0);
  g_assert_cmpuint (count_rejected (old.store), ==, 0);
  arrears_a = arrears_text (a.store, "2026-08");
  arrears_old = arrears_text (old.store, "2026-08");
  g_assert_cmpstr (arrears_old, ==, arrears_a);
  g_assert_nonnull (strstr (arrears_old, "王芳 2026-05 2026-06 2026-07 warning\n"));
}

/* A person's path entered on one PC: an applicant on 2020-03-02, named an
 * activist, a candidate with two introducers and three days of training,
 * and admitted on 2021-12-20. */
static const struct
{
  const char *code;
  const char *date;
} recruit_path[] = {
  { "S01", "2020-03-02" }, { "S02", "2020-03-20" }, { "S03", "2020-09-15" },
  { "S06", "2021-03-10" }, { "S06", "2021-09-08" }, { "S07", "2021-09-20" },
  { "S09", "2021-10-08" }, { "S11", "2021-11-01" }, { "S15", "2021-12-20" },
};

static char *
enter_recruitment (ZbStore    *store,
                   const char *name,
                   guint       serial)
{
  g_autofree char *idn = zb_test_id_number ("1995-05-10", TRUE, serial);
  g_autoptr(ZbMember) applicant = zb_test_member (name, idn, ZB_CATEGORY_APPLICANT);
  g_autoptr(GError) error = NULL;
  static const char * const introducers[] = { "王志强", "赵丽华", NULL };
  char *person;

  zb_member_set (applicant, ZB_MEMBER_FIELD_APPLIED_DATE, "2020-03-02");
  person = zb_store_add_member (store, applicant, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < G_N_ELEMENTS (recruit_path); i++)
    {
      g_autoptr(ZbRecruitStep) step = zb_recruit_step_new (person, recruit_path[i].code,
                                                           recruit_path[i].date);
      g_autofree char *id = NULL;

      if (g_str_equal (recruit_path[i].code, "S09"))
        zb_recruit_step_set_people (step, introducers);
      else if (g_str_equal (recruit_path[i].code, "S11"))
        zb_recruit_step_set_training (step, 3, 24);
      else if (g_str_equal (recruit_path[i].code, "S15"))
        zb_recruit_step_set_outcome (step, ZB_RECRUIT_OUTCOME_ADMITTED);
      id = zb_store_add_recruit_step (store, step, &error);
      g_assert_no_error (error);
    }
  return person;
}

/* The steps and the record they set reach another PC through the server;
 * a step removed there by mistake comes back as a tombstone, the record
 * with it. */
static void
test_recruitment (Fixture       *f,
                  gconstpointer  data)
{
  g_auto(Pc) a = { 0 };
  g_auto(Pc) b = { 0 };
  g_autofree char *person = NULL, *joined = NULL, *category = NULL, *admission = NULL;
  g_autoptr(GError) error = NULL;

  pc_init (f, &a, "a.zhibu", NULL);
  pc_init (f, &b, "b.zhibu", NULL);
  person = enter_recruitment (a.store, "王小明", 4500);
  sync_ok (&a);
  sync_ok (&b);

  assert_same (a.store, b.store);
  g_assert_cmpint (zb_test_sql_int (b.store, "SELECT count(*) FROM recruit_steps"), ==,
                   G_N_ELEMENTS (recruit_path));
  g_assert_cmpint (zb_test_sql_int (b.store, "SELECT count(*) FROM recruit_steps WHERE code = "
                                             "'S09' AND first_person = '王志强' AND "
                                             "second_person = '赵丽华'"), ==, 1);
  joined = member_value (b.store, person, ZB_MEMBER_FIELD_JOINED_DATE);
  g_assert_cmpstr (joined, ==, "2021-12-20");

  admission = zb_test_sql_text (b.store, "SELECT id FROM recruit_steps WHERE code = 'S15'");
  g_assert_true (zb_store_remove_recruit_step (b.store, admission, &error));
  g_assert_no_error (error);
  sync_ok (&b);
  sync_ok (&a);
  assert_same (a.store, b.store);
  category = member_value (a.store, person, ZB_MEMBER_FIELD_CATEGORY);
  g_assert_cmpstr (category, ==, ZB_CATEGORY_CANDIDATE);
  g_assert_cmpint (zb_test_sql_int (a.store, "SELECT deleted FROM recruit_steps WHERE code = "
                                             "'S15'"), ==, 1);
  g_assert_cmpuint (count_rejected (a.store), ==, 0);
  g_assert_cmpuint (count_rejected (b.store), ==, 0);
}

/* A PC still on schema 7 syncs through the same server while another
 * records recruitment steps: it keeps the record those steps set, loses
 * none of its own changes, and once upgraded pulls the step rows again
 * (PROTOCOL.md 7.4). */
static void
test_old_pc_recruitment (Fixture       *f,
                         gconstpointer  data)
{
  g_auto(Pc) a = { 0 };
  g_auto(Pc) old = { 0 };
  g_autoptr(ZbKey) key = zb_key_new_random (NULL);
  g_autofree char *path = g_build_filename (f->dir, "old.zhibu", NULL);
  g_autofree char *code = zb_test_server_code (f->server, BRANCH, NULL);
  g_autofree char *member = NULL, *person = NULL, *own = NULL, *branch = NULL;
  g_autofree char *phone = NULL, *joined = NULL;
  g_autoptr(GError) error = NULL;

  pc_init (f, &a, "a.zhibu", NULL);
  member = zb_test_add_member (a.store, "王芳", 4600);
  sync_ok (&a);

  old.store = zb_store_create_at_version (path, key, BRANCH, 7, &error);
  g_assert_no_error (error);
  old.client = zb_test_sync_client (old.store, f->server->url, f->dir);
  branch = zb_test_sync_enrol (old.client, code, &error);
  g_assert_no_error (error);
  sync_ok (&old);

  person = enter_recruitment (a.store, "王小明", 4601);
  sync_ok (&a);
  own = zb_test_add_member (old.store, "李明", 4602);
  zb_test_sql_exec (old.store, "UPDATE members SET phone = '13900004600' WHERE name = '王芳'");
  sync_ok (&old);
  sync_ok (&old);
  sync_ok (&a);
  g_assert_cmpuint (count_rejected (old.store), ==, 0);
  g_assert_cmpint (zb_test_sql_int (old.store, "SELECT count(*) FROM sync_outbox"), ==, 0);
  phone = member_value (a.store, member, ZB_MEMBER_FIELD_PHONE);
  g_assert_cmpstr (phone, ==, "13900004600");
  joined = member_value (old.store, person, ZB_MEMBER_FIELD_JOINED_DATE);
  g_assert_cmpstr (joined, ==, "2021-12-20");
  g_assert_cmpuint (count_members (a.store), ==, 3);
  pc_clear (&old);

  old.store = zb_store_open (path, key, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (zb_store_get_schema_version (old.store), ==, zb_store_latest_version ());
  g_assert_cmpint (zb_test_sql_int (old.store, "SELECT count(*) FROM recruit_steps"), ==, 0);
  old.client = zb_test_sync_client (old.store, f->server->url, f->dir);
  sync_ok (&old);

  assert_same (a.store, old.store);
  g_assert_cmpint (zb_test_sql_int (old.store, "SELECT count(*) FROM recruit_steps"), ==,
                   G_N_ELEMENTS (recruit_path));
  g_assert_cmpint (zb_test_sql_int (old.store, "SELECT resync_until FROM sync_state"), ==, 0);
  g_assert_cmpuint (count_rejected (old.store), ==, 0);
}

/* Study on one PC: a record in a meeting the member attended, a lecture
 * given, volunteer service, and the branch's rule set with a cap. */
static void
enter_study (ZbStore    *store,
             const char *member)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *meeting = zb_test_add_meeting (store, "lecture", "2026-03-05", "专题党课",
                                                  NULL);
  ZbStudyKind kinds[] = { ZB_STUDY_MEETING, ZB_STUDY_LECTURE, ZB_STUDY_VOLUNTEER };
  const char *dates[] = { "2026-03-05", "2026-04-01", "2026-05-01" };
  ZbPointsRules rules = { 20, 10, 50, 5, 60 };

  zb_store_set_attendance (store, meeting, member, "present", NULL, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < G_N_ELEMENTS (kinds); i++)
    {
      g_autoptr(ZbStudy) s = zb_study_new ();
      g_autofree char *id = NULL;

      zb_study_set_member_id (s, member);
      zb_study_set_date (s, dates[i]);
      zb_study_set_title (s, "学习党章");
      zb_study_set_kind (s, kinds[i]);
      zb_study_set_minutes (s, 90);
      if (kinds[i] == ZB_STUDY_MEETING)
        zb_study_set_meeting_id (s, meeting);
      id = zb_store_add_study (store, s, &error);
      g_assert_no_error (error);
    }
  g_assert_true (zb_store_set_points_rules (store, &rules, &error));
  g_assert_no_error (error);
}

static char *
points_text (ZbStore *store)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) lines = zb_store_points (store, 2026, &error);
  GString *out = g_string_new (NULL);

  g_assert_no_error (error);
  for (guint i = 0; i < g_list_model_get_n_items (lines); i++)
    {
      g_autoptr(ZbPointsLine) line = g_list_model_get_item (lines, i);
      const ZbPoints *p = zb_points_line_get_points (line);

      g_string_append_printf (out, "%s %" G_GINT64_FORMAT " %" G_GINT64_FORMAT " %"
                              G_GINT64_FORMAT " %" G_GINT64_FORMAT " %" G_GINT64_FORMAT " %s\n",
                              zb_points_line_get_name (line), p->meeting_tenths,
                              p->study_tenths, p->lecture_tenths, p->volunteer_tenths,
                              p->total_tenths, p->capped ? "capped" : "-");
    }
  return g_string_free (out, FALSE);
}

/* Study records and the rule set entered on one PC reach another through
 * the server: the same rows, the same points table. */
static void
test_study (Fixture       *f,
            gconstpointer  data)
{
  g_auto(Pc) a = { 0 };
  g_auto(Pc) b = { 0 };
  g_autofree char *member = NULL, *points_a = NULL, *points_b = NULL;
  ZbPointsRules rules;
  g_autoptr(GError) error = NULL;

  pc_init (f, &a, "a.zhibu", NULL);
  pc_init (f, &b, "b.zhibu", NULL);
  member = zb_test_add_member (a.store, "王芳", 4500);
  enter_study (a.store, member);
  sync_ok (&a);
  sync_ok (&b);

  assert_same (a.store, b.store);
  g_assert_cmpint (zb_test_sql_int (b.store, "SELECT count(*) FROM study_records"), ==, 3);
  g_assert_true (zb_store_get_points_rules (b.store, &rules, &error));
  g_assert_cmpint (rules.meeting, ==, 20);
  g_assert_cmpint (rules.cap, ==, 60);
  points_a = points_text (a.store);
  points_b = points_text (b.store);
  /* A meeting (2), 90 minutes of study (1.5), a lecture (5), 90 minutes of
   * service (0.75, counted 0.7): 9.2, capped at 6. */
  g_assert_cmpstr (points_a, ==, "王芳 20 15 50 7 60 capped\n");
  g_assert_cmpstr (points_b, ==, points_a);

  /* A change of the rules on the second PC comes back to the first. */
  rules.cap = 0;
  g_assert_true (zb_store_set_points_rules (b.store, &rules, &error));
  sync_ok (&b);
  sync_ok (&a);
  g_clear_pointer (&points_a, g_free);
  points_a = points_text (a.store);
  g_assert_cmpstr (points_a, ==, "王芳 20 15 50 7 92 -\n");
  g_assert_cmpuint (count_rejected (a.store), ==, 0);
  g_assert_cmpuint (count_rejected (b.store), ==, 0);
}

/* A PC still on schema 8 syncs through the same server while another
 * records study: it loses none of its own changes meanwhile, and once
 * upgraded pulls again what schema 9 added (PROTOCOL.md 7.4): the study
 * rows and the rule set, with the same points. */
static void
test_old_pc_study (Fixture       *f,
                   gconstpointer  data)
{
  g_auto(Pc) a = { 0 };
  g_auto(Pc) old = { 0 };
  g_autoptr(ZbKey) key = zb_key_new_random (NULL);
  g_autofree char *path = g_build_filename (f->dir, "old.zhibu", NULL);
  g_autofree char *code = zb_test_server_code (f->server, BRANCH, NULL);
  g_autofree char *member = NULL, *own = NULL, *branch = NULL, *phone = NULL;
  g_autofree char *points_a = NULL, *points_old = NULL;
  g_autoptr(GError) error = NULL;

  pc_init (f, &a, "a.zhibu", NULL);
  member = zb_test_add_member (a.store, "王芳", 4600);
  sync_ok (&a);

  old.store = zb_store_create_at_version (path, key, BRANCH, 8, &error);
  g_assert_no_error (error);
  old.client = zb_test_sync_client (old.store, f->server->url, f->dir);
  branch = zb_test_sync_enrol (old.client, code, &error);
  g_assert_no_error (error);
  sync_ok (&old);

  enter_study (a.store, member);
  sync_ok (&a);
  own = zb_test_add_member (old.store, "李明", 4601);
  zb_test_sql_exec (old.store, "UPDATE members SET phone = '13900004600' WHERE name = '王芳'");
  sync_ok (&old);
  sync_ok (&old);
  sync_ok (&a);
  g_assert_cmpuint (count_rejected (old.store), ==, 0);
  g_assert_cmpint (zb_test_sql_int (old.store, "SELECT count(*) FROM sync_outbox"), ==, 0);
  phone = member_value (a.store, member, ZB_MEMBER_FIELD_PHONE);
  g_assert_cmpstr (phone, ==, "13900004600");
  g_assert_cmpuint (count_members (a.store), ==, 2);
  pc_clear (&old);

  old.store = zb_store_open (path, key, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (zb_store_get_schema_version (old.store), ==, zb_store_latest_version ());
  g_assert_cmpint (zb_test_sql_int (old.store, "SELECT count(*) FROM study_records"), ==, 0);
  old.client = zb_test_sync_client (old.store, f->server->url, f->dir);
  sync_ok (&old);

  assert_same (a.store, old.store);
  g_assert_cmpint (zb_test_sql_int (old.store, "SELECT count(*) FROM study_records"), ==, 3);
  g_assert_cmpint (zb_test_sql_int (old.store, "SELECT count(*) FROM branch_settings"), ==, 1);
  g_assert_cmpint (zb_test_sql_int (old.store, "SELECT resync_until FROM sync_state"), ==, 0);
  g_assert_cmpuint (count_rejected (old.store), ==, 0);
  points_a = points_text (a.store);
  points_old = points_text (old.store);
  g_assert_cmpstr (points_old, ==, points_a);
  g_assert_nonnull (strstr (points_old, "王芳 20 15 50 7 60 capped\n"));
}

/* A member who attended in January, then missed February's lecture
 * without leave: on 31 May, three months of absence. */
static void
enter_absence (ZbStore    *store,
               const char *member)
{
  const char *dates[] = { "2026-01-20", "2026-02-20" };
  const char *states[] = { "present", "absent" };
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (dates); i++)
    {
      g_autofree char *meeting = zb_test_add_meeting (store, "lecture", dates[i], "专题党课",
                                                      NULL);

      zb_store_set_attendance (store, meeting, member, states[i], NULL, &error);
      g_assert_no_error (error);
    }
}

/* The severity of the absence found by the branch's own thresholds (the
 * checker given none), "" for none. */
static char *
absence_severity (ZbStore *store)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) findings = zb_store_check (store, "2026-05-01", "2026-05-31", NULL,
                                                   &error);

  g_assert_no_error (error);
  for (guint i = 0; i < g_list_model_get_n_items (findings); i++)
    {
      g_autoptr(ZbFinding) x = g_list_model_get_item (findings, i);

      if (g_str_equal (zb_finding_get_rule (x), "absence"))
        return g_strdup (zb_finding_get_severity (x));
    }
  return g_strdup ("");
}

/* The thresholds and details the branch sets on one PC reach another through
 * the server and change what its checker finds there: every PC judges
 * alike (issue 13). The server keeps them as it keeps any synced column; it
 * has no checker of its own. */
static void
test_settings (Fixture       *f,
               gconstpointer  data)
{
  g_auto(Pc) a = { 0 };
  g_auto(Pc) b = { 0 };
  g_autofree char *member = NULL, *before = NULL, *after = NULL, *here = NULL;
  g_autofree char *committee = NULL, *secretary = NULL;
  ZbCheckSettings settings = { 2, 3, 45 };
  g_autoptr(GError) error = NULL;

  pc_init (f, &a, "a.zhibu", NULL);
  pc_init (f, &b, "b.zhibu", NULL);
  member = zb_test_add_member (a.store, "王芳", 4700);
  enter_absence (a.store, member);
  sync_ok (&a);
  sync_ok (&b);
  before = absence_severity (b.store);
  g_assert_cmpstr (before, ==, "warning");

  g_assert_true (zb_store_set_check_settings (a.store, &settings, &error));
  g_assert_no_error (error);
  g_assert_true (zb_store_set_branch_details (a.store, NULL, "中共示例公司委员会", "王芳",
                                              &error));
  g_assert_no_error (error);
  here = absence_severity (a.store);
  g_assert_cmpstr (here, ==, "alert");
  sync_ok (&a);
  sync_ok (&b);

  assert_same (a.store, b.store);
  settings = (ZbCheckSettings) { 0 };
  g_assert_true (zb_store_get_check_settings (b.store, &settings, &error));
  g_assert_cmpuint (settings.absence_warning_months, ==, 2);
  g_assert_cmpuint (settings.absence_alert_months, ==, 3);
  g_assert_cmpuint (settings.probation_notice_days, ==, 45);
  after = absence_severity (b.store);
  g_assert_cmpstr (after, ==, "alert");
  committee = zb_store_dup_higher_committee (b.store);
  secretary = zb_store_dup_secretary (b.store);
  g_assert_cmpstr (committee, ==, "中共示例公司委员会");
  g_assert_cmpstr (secretary, ==, "王芳");
  g_assert_cmpuint (count_rejected (a.store), ==, 0);
  g_assert_cmpuint (count_rejected (b.store), ==, 0);
}

/* A PC still on schema 11 syncs through the same server while another sets
 * the thresholds in the settings row both already have: it keeps the row,
 * its own change of the points rules reaches the others, and once
 * upgraded it pulls again the columns schema 12 added (PROTOCOL.md 7.4), so
 * that its checker judges as the other PC's does. */
static void
test_old_pc_settings (Fixture       *f,
                      gconstpointer  data)
{
  g_auto(Pc) a = { 0 };
  g_auto(Pc) old = { 0 };
  g_autoptr(ZbKey) key = zb_key_new_random (NULL);
  g_autofree char *path = g_build_filename (f->dir, "old.zhibu", NULL);
  g_autofree char *code = zb_test_server_code (f->server, BRANCH, NULL);
  g_autofree char *member = NULL, *branch = NULL, *severity = NULL, *secretary = NULL;
  ZbCheckSettings settings = { 2, 3, 45 };
  ZbPointsRules rules;
  g_autoptr(GError) error = NULL;

  pc_init (f, &a, "a.zhibu", NULL);
  member = zb_test_add_member (a.store, "王芳", 4800);
  enter_absence (a.store, member);
  zb_points_rules_default (&rules);
  g_assert_true (zb_store_set_points_rules (a.store, &rules, &error));
  g_assert_no_error (error);
  sync_ok (&a);

  old.store = zb_store_create_at_version (path, key, BRANCH, 11, &error);
  g_assert_no_error (error);
  /* A PC made on schema 11 lists the tables of steps 6 to 9 to pull again
   * whole, which it never needs to (its checkpoint was 0): as though those
   * pulls were done, so that its upgrade pulls the new columns alone. */
  zb_test_sql_exec (old.store, "DELETE FROM sync_resync");
  old.client = zb_test_sync_client (old.store, f->server->url, f->dir);
  branch = zb_test_sync_enrol (old.client, code, &error);
  g_assert_no_error (error);
  sync_ok (&old);
  g_assert_cmpint (zb_test_sql_int (old.store, "SELECT count(*) FROM branch_settings"), ==, 1);

  g_assert_true (zb_store_set_check_settings (a.store, &settings, &error));
  g_assert_true (zb_store_set_branch_details (a.store, NULL, NULL, "王芳", &error));
  g_assert_no_error (error);
  sync_ok (&a);
  zb_test_sql_exec (old.store, "UPDATE branch_settings SET points_meeting = 30");
  sync_ok (&old);
  sync_ok (&old);
  sync_ok (&a);
  g_assert_cmpuint (count_rejected (old.store), ==, 0);
  g_assert_cmpint (zb_test_sql_int (old.store, "SELECT count(*) FROM sync_outbox"), ==, 0);
  g_assert_cmpint (zb_test_sql_int (a.store, "SELECT points_meeting FROM branch_settings"), ==,
                   30);
  pc_clear (&old);

  old.store = zb_store_open (path, key, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (zb_store_get_schema_version (old.store), ==, zb_store_latest_version ());
  g_assert_cmpint (zb_test_sql_int (old.store, "SELECT count(*) FROM sync_resync WHERE "
                                               "column_name IS NOT NULL"), ==, 5);
  severity = absence_severity (old.store);
  g_assert_cmpstr (severity, ==, "warning");
  g_clear_pointer (&severity, g_free);
  old.client = zb_test_sync_client (old.store, f->server->url, f->dir);
  sync_ok (&old);

  assert_same (a.store, old.store);
  g_assert_cmpint (zb_test_sql_int (old.store, "SELECT resync_until FROM sync_state"), ==, 0);
  g_assert_cmpint (zb_test_sql_int (old.store, "SELECT points_meeting FROM branch_settings"),
                   ==, 30);
  severity = absence_severity (old.store);
  g_assert_cmpstr (severity, ==, "alert");
  secretary = zb_store_dup_secretary (old.store);
  g_assert_cmpstr (secretary, ==, "王芳");
  g_assert_cmpuint (count_rejected (old.store), ==, 0);
}

/* Certificates (issue 13): a PC of the CLI, talking to the server over
 * HTTPS with certificates made in the test's folder. */
typedef struct
{
  Fixture *f;
  char    *db;
  char    *passphrase_file;
  char    *token_file;
} TlsPc;

static void
tls_pc_clear (TlsPc *pc)
{
  g_free (pc->db);
  g_free (pc->passphrase_file);
  g_free (pc->token_file);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (TlsPc, tls_pc_clear)

static char *
cert_path (Fixture    *f,
           const char *name)
{
  return g_strdup_printf ("%s/%s.pem", f->dir, name);
}

/* The server again, on its port, showing certificate @name. */
static void
serve_tls (Fixture    *f,
           const char *name)
{
  zb_test_server_kill (f->server);
  g_free (f->server->tls_cert);
  g_free (f->server->tls_key);
  f->server->tls_cert = cert_path (f, name);
  f->server->tls_key = g_strdup_printf ("%s/%s.key", f->dir, name);
  zb_test_server_start (f->server);
}

static void
tls_set_up (Fixture    *f,
            TlsPc      *pc,
            const char *name)
{
  g_auto(ZbTestRun) run = { 0 };
  g_autofree char *dir = g_build_filename (f->dir, name, NULL);

  g_mkdir (dir, 0700);
  pc->f = f;
  pc->db = g_build_filename (dir, "branch.zhibu", NULL);
  pc->passphrase_file = zb_test_passphrase_file (dir);
  pc->token_file = g_build_filename (dir, "token", NULL);
  zb_test_cli_run (&run, pc->db, pc->passphrase_file, "init", "--branch", BRANCH, NULL);
  g_assert_cmpint (run.status, ==, 0);
}

/* zhibu-cli enrol|sync --server URL --token-file F, then up to four more
 * arguments. */
static void
tls_cli (TlsPc      *pc,
         ZbTestRun  *run,
         const char *command,
         const char *code,
         const char *arg1,
         const char *arg2)
{
  const char *url = pc->f->server->url;

  if (code != NULL)
    zb_test_cli_run (run, pc->db, pc->passphrase_file, command, "--server", url, "--token-file",
                     pc->token_file, "--code", code, arg1, arg2, NULL);
  else
    zb_test_cli_run (run, pc->db, pc->passphrase_file, command, "--server", url, "--token-file",
                     pc->token_file, arg1, arg2, NULL);
}

static void
tls_refused (TlsPc      *pc,
             const char *command,
             const char *code,
             const char *arg1,
             const char *arg2,
             const char *message)
{
  g_auto(ZbTestRun) run = { 0 };

  tls_cli (pc, &run, command, code, arg1, arg2);
  g_test_message ("%s", run.err);
  g_assert_cmpint (run.status, ==, 1);
  g_assert_nonnull (strstr (run.err, message));
  /* A sentence first, GnuTLS's words after it. */
  g_assert_nonnull (strstr (run.err, "\n"));
}

static void
tls_enrol_ok (TlsPc      *pc,
              const char *code,
              const char *ca_file)
{
  g_auto(ZbTestRun) run = { 0 };

  tls_cli (pc, &run, "enrol", code, ca_file ? "--ca-file" : NULL, ca_file);
  g_assert_cmpstr (run.err, ==, "");
  g_assert_cmpstr (run.out, ==, "Enrolled in " BRANCH "\n");
}

static void
tls_sync_ok (TlsPc      *pc,
             const char *arg1,
             const char *arg2,
             const char *summary)
{
  g_auto(ZbTestRun) run = { 0 };

  tls_cli (pc, &run, "sync", NULL, arg1, arg2);
  g_assert_cmpstr (run.err, ==, "");
  g_assert_cmpint (run.status, ==, 0);
  g_assert_true (g_str_has_prefix (run.out, summary));
}

/* A server whose certificate the committee's own CA signed: the PC enrols
 * and syncs with the CA file, which it keeps for the later rounds; a PC
 * without it trusts the system's CAs only, and is refused. */
static void
test_tls_ca_file (Fixture       *f,
                  gconstpointer  data)
{
  g_autofree char *ca1 = cert_path (f, "ca1");
  g_autofree char *code = zb_test_server_code (f->server, BRANCH, NULL);
  g_auto(TlsPc) pc = { 0 };
  g_auto(TlsPc) other = { 0 };
  g_auto(ZbTestRun) run = { 0 };

  zb_test_make_certificates (f->dir);
  serve_tls (f, "server1");
  tls_set_up (f, &pc, "pc");
  tls_set_up (f, &other, "other");

  tls_refused (&other, "enrol", code, NULL, NULL, "shows a certificate this PC does not trust");
  tls_refused (&other, "enrol", code, NULL, NULL, "--ca-file");

  tls_enrol_ok (&pc, code, ca1);
  zb_test_cli_run (&run, pc.db, pc.passphrase_file, "member", "add", "--name", "李华",
                   "--id-number", "11010519491231002X", "--sex", "F", "--birth", "1949-12-31",
                   "--category", "applicant", "--applied", "2020-01-02", NULL);
  g_assert_cmpint (run.status, ==, 0);
  tls_sync_ok (&pc, NULL, NULL, "Pushed 1 change,");
  tls_sync_ok (&pc, "--ca-file", ca1, "Pushed 0 changes");
}

/* A CA file that did not sign the server's certificate, and a self-signed
 * server without one, are refused before anything is sent: the code the
 * refused enrolment carried still enrols with the right CA file. */
static void
test_tls_wrong_ca (Fixture       *f,
                   gconstpointer  data)
{
  g_autofree char *ca1 = cert_path (f, "ca1");
  g_autofree char *ca2 = cert_path (f, "ca2");
  g_autofree char *code = zb_test_server_code (f->server, BRANCH, NULL);
  g_auto(TlsPc) pc = { 0 };
  g_auto(TlsPc) other = { 0 };

  zb_test_make_certificates (f->dir);
  serve_tls (f, "server1");
  tls_set_up (f, &pc, "pc");
  tls_set_up (f, &other, "other");

  tls_refused (&pc, "enrol", code, "--ca-file", ca2,
               "is not signed by the CA certificate chosen for it");
  tls_refused (&pc, "enrol", code, "--ca-file", pc.passphrase_file,
               "CA certificate: cannot read");
  tls_enrol_ok (&pc, code, ca1);
  tls_refused (&pc, "sync", NULL, "--ca-file", ca2,
               "is not signed by the CA certificate chosen for it");

  g_free (code);
  code = zb_test_server_code (f->server, BRANCH, NULL);
  serve_tls (f, "selfsigned");
  tls_refused (&other, "enrol", code, NULL, NULL, "shows a certificate this PC does not trust");
}

/* After enrolment the server's certificate is pinned: the same server
 * showing another one, even signed by the same CA, is refused, round after
 * round, until a person trusts it by its fingerprint or enrols again. */
static void
test_tls_pin (Fixture       *f,
              gconstpointer  data)
{
  g_autofree char *ca1 = cert_path (f, "ca1");
  g_autofree char *code = zb_test_server_code (f->server, BRANCH, NULL);
  g_autofree char *pem1 = cert_path (f, "server1");
  g_autofree char *pem1b = cert_path (f, "server1b");
  g_autofree char *openssl1 = NULL, *openssl1b = NULL;
  g_autofree char *trusted = NULL, *shown = NULL;
  g_auto(TlsPc) pc = { 0 };
  g_auto(GStrv) ids = NULL;

  zb_test_make_certificates (f->dir);
  openssl1 = zb_test_openssl_fingerprint (pem1);
  openssl1b = zb_test_openssl_fingerprint (pem1b);
  trusted = g_strconcat ("Trusted: ", strchr (openssl1, '=') + 1, "\n", NULL);
  shown = g_strconcat ("Shown now: ", strchr (openssl1b, '=') + 1, NULL);
  serve_tls (f, "server1");
  tls_set_up (f, &pc, "pc");
  tls_enrol_ok (&pc, code, ca1);
  tls_sync_ok (&pc, NULL, NULL, "Pushed 0 changes");

  serve_tls (f, "server1b");
  tls_refused (&pc, "sync", NULL, NULL, NULL, "shows a different certificate");
  tls_refused (&pc, "sync", NULL, NULL, NULL, trusted);
  tls_refused (&pc, "sync", NULL, NULL, NULL, shown);
  tls_refused (&pc, "sync", NULL, "--ca-file", ca1, "shows a different certificate");
  tls_refused (&pc, "sync", NULL, "--trust-new-certificate", strchr (openssl1, '=') + 1,
               "shows a different certificate");

  /* As openssl prints it, checked with the administrator. */
  tls_sync_ok (&pc, "--trust-new-certificate", openssl1b, "Pushed 0 changes");
  tls_sync_ok (&pc, NULL, NULL, "Pushed 0 changes");

  /* The old certificate is now the stranger; a new enrolment trusts it,
   * once the administrator has reset the device (a code never rebinds a
   * device that holds a token). */
  serve_tls (f, "server1");
  tls_refused (&pc, "sync", NULL, NULL, NULL, "shows a different certificate");
  ids = zb_test_server_device_ids (f->server);
  zb_test_server_reset_device (f->server, ids[0]);
  g_free (code);
  code = zb_test_server_code (f->server, BRANCH, NULL);
  tls_enrol_ok (&pc, code, NULL);
  tls_sync_ok (&pc, NULL, NULL, "Pushed 0 changes");
}

static void
cli_member_add (TlsPc      *pc,
                const char *name,
                guint       serial)
{
  g_autofree char *idn = zb_test_id_number ("1985-03-04", serial % 2, serial);
  g_auto(ZbTestRun) run = { 0 };

  zb_test_cli_run (&run, pc->db, pc->passphrase_file, "member", "add", "--name", name,
                   "--id-number", idn, "--category", "full", "--joined", "2012-06-30",
                   "--full-date", "2013-06-30", NULL);
  g_assert_cmpint (run.status, ==, 0);
}

/* A copy of a PC's database file has the PC's device ID: enrolling it with
 * a code is refused, in words that tell its user what to ask the
 * administrator, and uses the code up; the PC keeps syncing. After `device
 * reset` the PC's token no longer works and it enrols again with a new
 * code. */
static void
test_copied_pc (Fixture       *f,
                gconstpointer  data)
{
  g_autofree char *code = zb_test_server_code (f->server, BRANCH, NULL);
  g_autofree char *copy_code = zb_test_server_code (f->server, BRANCH, NULL);
  g_autofree char *copy_dir = g_build_filename (f->dir, "copy", NULL);
  g_autofree char *contents = NULL;
  g_auto(TlsPc) pc = { 0 };
  g_auto(TlsPc) copy = { 0 };
  g_auto(TlsPc) other = { 0 };
  g_auto(ZbTestRun) refused = { 0 };
  g_auto(ZbTestRun) used = { 0 };
  g_auto(ZbTestRun) revoked = { 0 };
  g_auto(GStrv) ids = NULL;
  g_autoptr(GError) error = NULL;
  gsize length = 0;

  tls_set_up (f, &pc, "pc");
  tls_set_up (f, &other, "other");
  tls_enrol_ok (&pc, code, NULL);
  ids = zb_test_server_device_ids (f->server);
  g_assert_cmpuint (g_strv_length (ids), ==, 1);

  g_mkdir (copy_dir, 0700);
  copy.f = f;
  copy.db = g_build_filename (copy_dir, "branch.zhibu", NULL);
  copy.passphrase_file = g_strdup (pc.passphrase_file);
  copy.token_file = g_build_filename (copy_dir, "token", NULL);
  g_assert_true (g_file_get_contents (pc.db, &contents, &length, &error));
  g_assert_true (g_file_set_contents (copy.db, contents, length, &error));
  g_assert_no_error (error);

  tls_cli (&copy, &refused, "enrol", copy_code, NULL, NULL);
  g_test_message ("%s", refused.err);
  g_assert_cmpint (refused.status, ==, 1);
  g_assert_nonnull (strstr (refused.err, ids[0]));
  /* In the PC's words, not only the server's. */
  g_assert_nonnull (strstr (refused.err, "The server refused this PC"));
  g_assert_nonnull (strstr (refused.err, "ask the committee’s administrator to reset the device"));
  g_assert_false (g_file_test (copy.token_file, G_FILE_TEST_EXISTS));

  cli_member_add (&pc, "周敏", 31);
  tls_sync_ok (&pc, NULL, NULL, "Pushed 1 change,");

  tls_cli (&other, &used, "enrol", copy_code, NULL, NULL);
  g_assert_cmpint (used.status, ==, 1);
  g_assert_nonnull (strstr (used.err, "not valid"));

  zb_test_server_reset_device (f->server, ids[0]);
  tls_cli (&pc, &revoked, "sync", NULL, NULL, NULL);
  g_assert_cmpint (revoked.status, ==, 1);
  g_assert_nonnull (strstr (revoked.err, "enrol again"));

  g_free (code);
  code = zb_test_server_code (f->server, BRANCH, NULL);
  tls_enrol_ok (&pc, code, NULL);
  tls_sync_ok (&pc, NULL, NULL, "Pushed 0 changes");
}

/* The network's failures in words a secretary can act on, the resolver's
 * and the socket's own after them. */
static void
test_unreachable (Fixture       *f,
                  gconstpointer  data)
{
  g_autofree char *url = g_strdup (f->server->url);
  g_auto(TlsPc) pc = { 0 };
  g_auto(ZbTestRun) run = { 0 };
  g_auto(ZbTestRun) dns = { 0 };

  tls_set_up (f, &pc, "pc");
  zb_test_server_kill (f->server);
  tls_cli (&pc, &run, "enrol", "K7Q2-9XMD-4HPA-R3TZ", NULL, NULL);
  g_assert_cmpint (run.status, ==, 1);
  g_assert_true (g_str_has_prefix (run.err, "zhibu-cli: The sync server http://127.0.0.1:"));
  g_assert_nonnull (strstr (run.err, " does not take connections: it may be stopped"));
  g_assert_nonnull (strstr (run.err, ".\nDetails: "));

  zb_test_cli_run (&dns, pc.db, pc.passphrase_file, "enrol", "--server",
                   "https://zhibu-test.invalid/", "--code", "K7Q2-9XMD-4HPA-R3TZ",
                   "--token-file", pc.token_file, NULL);
  g_assert_cmpint (dns.status, ==, 1);
  g_assert_true (g_str_has_prefix (dns.err, "zhibu-cli: Cannot find the sync server "
                                            "https://zhibu-test.invalid: check its address"));
  g_assert_nonnull (strstr (dns.err, ".\nDetails: "));
}

/* What schema 10 adds, entered on one PC: two written reports of a
 * person, one removed again, and the person's expected leaving date. */
static char *
enter_reports (ZbStore *store)
{
  g_autofree char *person = zb_test_add_member (store, "王小明", 4701);
  g_autoptr(ZbThoughtReport) first = zb_thought_report_new (person, "2026-02-10", "学习党章的体会");
  g_autoptr(ZbThoughtReport) second = zb_thought_report_new (person, "2026-05-10", "录错的一份");
  g_autofree char *id1 = NULL, *id2 = NULL;
  g_autoptr(GError) error = NULL;

  id1 = zb_store_add_thought_report (store, first, &error);
  g_assert_no_error (error);
  id2 = zb_store_add_thought_report (store, second, &error);
  g_assert_no_error (error);
  g_assert_true (zb_store_remove_thought_report (store, id2, &error));
  g_assert_true (zb_store_set_leaving_date (store, person, "2026-10-31", &error));
  g_assert_no_error (error);
  return g_steal_pointer (&person);
}

/* A PC still on schema 9 syncs through the same server while another
 * records written reports and a leaving date: it loses none of its own
 * changes meanwhile, even an edit of the very member whose leaving date
 * it cannot store, and once upgraded pulls again what schema 10 added
 * (PROTOCOL.md 7.4): the report rows, and the leaving date of a row it
 * already had. */
static void
test_old_pc_reports (Fixture       *f,
                     gconstpointer  data)
{
  g_auto(Pc) a = { 0 };
  g_auto(Pc) old = { 0 };
  g_autoptr(ZbKey) key = zb_key_new_random (NULL);
  g_autofree char *path = g_build_filename (f->dir, "old.zhibu", NULL);
  g_autofree char *code = zb_test_server_code (f->server, BRANCH, NULL);
  g_autofree char *member = NULL, *person = NULL, *own = NULL, *branch = NULL;
  g_autofree char *phone = NULL, *sql = NULL, *leaving = NULL;
  g_autoptr(GError) error = NULL;

  pc_init (f, &a, "a.zhibu", NULL);
  member = zb_test_add_member (a.store, "王芳", 4700);
  sync_ok (&a);

  old.store = zb_store_create_at_version (path, key, BRANCH, 9, &error);
  g_assert_no_error (error);
  old.client = zb_test_sync_client (old.store, f->server->url, f->dir);
  branch = zb_test_sync_enrol (old.client, code, &error);
  g_assert_no_error (error);
  sync_ok (&old);

  person = enter_reports (a.store);
  sync_ok (&a);
  sync_ok (&old);
  own = zb_test_add_member (old.store, "李明", 4702);
  zb_test_sql_exec (old.store, "UPDATE members SET phone = '13900004700' WHERE name = '王芳'");
  sql = g_strdup_printf ("UPDATE members SET phone = '13900004701' WHERE id = '%s'", person);
  zb_test_sql_exec (old.store, sql);
  sync_ok (&old);
  sync_ok (&old);
  sync_ok (&a);
  g_assert_cmpuint (count_rejected (old.store), ==, 0);
  g_assert_cmpint (zb_test_sql_int (old.store, "SELECT count(*) FROM sync_outbox"), ==, 0);
  phone = member_value (a.store, member, ZB_MEMBER_FIELD_PHONE);
  g_assert_cmpstr (phone, ==, "13900004700");
  g_clear_pointer (&phone, g_free);
  phone = member_value (a.store, person, ZB_MEMBER_FIELD_PHONE);
  g_assert_cmpstr (phone, ==, "13900004701");
  /* The old PC's edit of the person kept the leaving date it never saw. */
  g_assert_true (zb_store_get_leaving_date (a.store, person, &leaving, &error));
  g_assert_cmpstr (leaving, ==, "2026-10-31");
  g_clear_pointer (&leaving, g_free);
  g_assert_cmpuint (count_members (a.store), ==, 3);
  pc_clear (&old);

  old.store = zb_store_open (path, key, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (zb_store_get_schema_version (old.store), ==, zb_store_latest_version ());
  g_assert_cmpint (zb_test_sql_int (old.store, "SELECT count(*) FROM thought_reports"), ==, 0);
  g_assert_cmpint (zb_test_sql_int (old.store, "SELECT count(*) FROM members WHERE "
                                               "leaving_date IS NOT NULL"), ==, 0);
  old.client = zb_test_sync_client (old.store, f->server->url, f->dir);
  sync_ok (&old);

  /* The report removed before the upgrade is not there to come back. */
  assert_same_rows (a.store, old.store, TRUE);
  g_assert_cmpint (zb_test_sql_int (old.store, "SELECT count(*) FROM thought_reports"), ==, 1);
  g_assert_true (zb_store_get_leaving_date (old.store, person, &leaving, &error));
  g_assert_cmpstr (leaving, ==, "2026-10-31");
  g_assert_cmpint (zb_test_sql_int (old.store, "SELECT resync_until FROM sync_state"), ==, 0);
  g_assert_cmpuint (count_rejected (old.store), ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);

  for (const char * const *engine = zb_test_server_engines (); *engine; engine++)
    {
#define ADD(name, func) \
      { \
        g_autofree char *path = g_strdup_printf ("/sync/%s/%s", *engine, name); \
        g_test_add (path, Fixture, *engine, fixture_set_up, func, fixture_tear_down); \
      }

      ADD ("converge", test_converge);
      ADD ("conflict", test_conflict);
      ADD ("killed-server", test_killed_server);
      ADD ("dropped-response", test_dropped_response);
      ADD ("rejected", test_rejected);
      ADD ("rules", test_rules);
      ADD ("late-pc", test_late_pc);
      ADD ("attendance-two-pcs", test_attendance_two_pcs);
      ADD ("old-pc-upgrades", test_old_pc_upgrades);
      ADD ("rename-after-finalising", test_rename_after_finalising);
      ADD ("dues", test_dues);
      ADD ("old-pc-dues", test_old_pc_dues);
      ADD ("recruitment", test_recruitment);
      ADD ("old-pc-recruitment", test_old_pc_recruitment);
      ADD ("study", test_study);
      ADD ("old-pc-study", test_old_pc_study);
      ADD ("settings", test_settings);
      ADD ("old-pc-settings", test_old_pc_settings);
      ADD ("copied-pc", test_copied_pc);
      /* Certificates are the client's business: one engine is enough. */
      if (g_str_equal (*engine, "sqlite"))
        {
          ADD ("tls/ca-file", test_tls_ca_file);
          ADD ("tls/wrong-ca", test_tls_wrong_ca);
          ADD ("tls/pin", test_tls_pin);
          ADD ("unreachable", test_unreachable);
        }
      ADD ("old-pc-reports", test_old_pc_reports);
#undef ADD
    }

  return g_test_run ();
}
