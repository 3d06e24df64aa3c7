#define G_LOG_DOMAIN "test-sync-apply"

#include "config.h"

#include <locale.h>
#include <string.h>

#include "zb-checker.h"
#include "zb-date.h"
#include "zb-limits.h"
#include "zb-money.h"
#include "zb-store-sync.h"
#include "zb-sync-schema.h"
#include "zb-sync-apply.h"
#include "zb-sync-op.h"
#include "zb-sync-protocol.h"
#include "zb-test-sync.h"
#include "zb-test-util.h"

/* Pulled pages applied to a real (encrypted) store: PROTOCOL.md 7.1-7.3. */

#define OTHER_DEVICE "0e4d5c6b-7a89-4bcd-8ef0-123456789abc"

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

static gboolean
apply (Fixture          *f,
       ZbSyncPage       *page,
       ZbSyncApplyStats *stats,
       GError          **error)
{
  return zb_sync_apply_page (f->store, page, stats, error);
}

static void
apply_ok (Fixture          *f,
          gint64            since,
          const char       *changes,
          ZbSyncApplyStats *stats)
{
  g_autoptr(ZbSyncPage) page = zb_test_page (since, changes);
  g_autoptr(GError) error = NULL;

  apply (f, page, stats, &error);
  g_assert_no_error (error);
}

static char *
member_value (Fixture    *f,
              const char *id,
              const char *column)
{
  g_autofree char *sql = g_strdup_printf ("SELECT %s FROM members WHERE id = '%s'", column, id);

  return zb_test_sql_text (f->store, sql);
}

#define NEW_MEMBER(seq, id, name, idn) \
  "{\"seq\": " #seq ", \"kind\": \"row\", \"table\": \"members\", \"row_id\": \"" id "\", " \
  "\"deleted\": false, \"changed_at\": \"2026-11-22T08:30:00Z\", \"fields\": {\"name\": \"" \
  name "\", \"sex\": \"F\", \"birth_date\": \"1980-01-02\", \"id_number\": \"" idn "\", " \
  "\"category\": \"full\", \"created_at\": \"2026-01-01T00:00:00Z\", \"flowing\": 1, " \
  "\"phone\": null}}"

/* A new row is inserted whole, with the revision of its change, and never
 * echoes into the outbox; a later change updates it in place. */
static void
test_live_rows (Fixture       *f,
                gconstpointer  data)
{
  ZbSyncApplyStats stats = { 0 };
  g_autofree char *name = NULL, *revision = NULL, *flowing = NULL, *updated = NULL;
  g_autofree char *post = NULL, *sex = NULL;

  apply_ok (f, 0, "[" NEW_MEMBER (7, "m-1", "王芳", "110101198001020021") "]", &stats);
  g_assert_cmpuint (stats.rows, ==, 1);
  g_assert_cmpint (zb_test_checkpoint (f->store), ==, 7);
  g_assert_cmpuint (zb_store_count_outbox (f->store, NULL), ==, 0);
  name = member_value (f, "m-1", "name");
  revision = member_value (f, "m-1", "revision");
  flowing = member_value (f, "m-1", "typeof (flowing)");
  updated = member_value (f, "m-1", "updated_at");
  g_assert_cmpstr (name, ==, "王芳");
  g_assert_cmpstr (revision, ==, "7");
  g_assert_cmpstr (flowing, ==, "integer");
  g_assert_cmpstr (updated, ==, "2026-11-22T08:30:00Z");

  apply_ok (f, 7, "[{\"seq\": 9, \"kind\": \"row\", \"table\": \"members\", \"row_id\": "
                  "\"m-1\", \"deleted\": false, \"fields\": {\"name\": \"王芳\", "
                  "\"post\": \"组织委员\", \"sex\": \"F\", \"unknown_later\": 3}}]", NULL);
  post = member_value (f, "m-1", "post");
  sex = member_value (f, "m-1", "sex");
  g_free (revision);
  revision = member_value (f, "m-1", "revision");
  g_assert_cmpstr (post, ==, "组织委员");
  g_assert_cmpstr (sex, ==, "F");
  g_assert_cmpstr (revision, ==, "9");
  g_assert_cmpuint (zb_store_count_outbox (f->store, NULL), ==, 0);
}

/* An echo sets the revision only: the PC holds the row's state already. */
static void
test_echo (Fixture       *f,
           gconstpointer  data)
{
  g_autofree char *id = zb_test_add_member (f->store, "李强", 2);
  g_autofree char *changes = NULL, *name = NULL, *revision = NULL;

  zb_test_clear_outbox (f->store);
  changes = g_strdup_printf ("[{\"seq\": 41, \"kind\": \"row\", \"table\": \"members\", "
                             "\"row_id\": \"%s\", \"deleted\": false, \"echo\": true}]", id);
  apply_ok (f, 0, changes, NULL);

  name = member_value (f, id, "name");
  revision = member_value (f, id, "revision");
  g_assert_cmpstr (name, ==, "李强");
  g_assert_cmpstr (revision, ==, "41");
  g_assert_cmpuint (zb_store_count_outbox (f->store, NULL), ==, 0);
}

/* A tombstone marks the row; one for a row the PC never had does nothing. */
static void
test_tombstone (Fixture       *f,
                gconstpointer  data)
{
  g_autofree char *id = zb_test_add_member (f->store, "赵敏", 3);
  g_autofree char *changes = NULL, *deleted = NULL, *revision = NULL;
  ZbSyncApplyStats stats = { 0 };

  zb_test_clear_outbox (f->store);
  changes = g_strdup_printf ("[{\"seq\": 5, \"kind\": \"row\", \"table\": \"members\", "
                             "\"row_id\": \"%s\", \"deleted\": true},"
                             "{\"seq\": 6, \"kind\": \"row\", \"table\": \"measures\", "
                             "\"row_id\": \"never-here\", \"deleted\": true}]", id);
  apply_ok (f, 0, changes, &stats);

  deleted = member_value (f, id, "deleted");
  revision = member_value (f, id, "revision");
  g_assert_cmpstr (deleted, ==, "1");
  g_assert_cmpstr (revision, ==, "5");
  g_assert_cmpint (zb_test_sql_int (f->store, "SELECT count(*) FROM measures"), ==, 0);
  g_assert_cmpint (zb_test_checkpoint (f->store), ==, 6);
  g_assert_cmpuint (zb_store_count_outbox (f->store, NULL), ==, 0);
}

/* A row with changes waiting in the outbox keeps its values and its
 * revision (PROTOCOL.md 7.3); the rest of the page is applied. */
static void
test_skip_pending (Fixture       *f,
                   gconstpointer  data)
{
  g_autofree char *id = zb_test_add_member (f->store, "孙丽", 4);
  g_autofree char *changes = NULL, *post = NULL, *revision = NULL, *deleted = NULL;
  g_autofree char *sql = g_strdup_printf ("UPDATE members SET post = '书记' WHERE id = '%s'", id);
  ZbSyncApplyStats stats = { 0 };

  zb_test_clear_outbox (f->store);
  zb_test_sql_exec (f->store, sql);
  g_assert_cmpuint (zb_store_count_outbox (f->store, NULL), ==, 1);

  changes = g_strdup_printf ("[{\"seq\": 10, \"kind\": \"row\", \"table\": \"members\", "
                             "\"row_id\": \"%s\", \"deleted\": false, \"fields\": "
                             "{\"post\": \"委员\"}}, "
                             "{\"seq\": 11, \"kind\": \"row\", \"table\": \"members\", "
                             "\"row_id\": \"%s\", \"deleted\": true}, "
                             NEW_MEMBER (12, "m-2", "周杰", "110101198001020013") "]", id, id);
  apply_ok (f, 0, changes, &stats);

  post = member_value (f, id, "post");
  revision = member_value (f, id, "revision");
  deleted = member_value (f, id, "deleted");
  g_assert_cmpstr (post, ==, "书记");
  g_assert_cmpstr (revision, ==, "0");
  g_assert_cmpstr (deleted, ==, "0");
  g_assert_cmpuint (stats.skipped, ==, 2);
  g_assert_cmpuint (stats.rows, ==, 1);
  g_assert_cmpint (zb_test_sql_int (f->store, "SELECT count(*) FROM members WHERE id = 'm-2'"),
                   ==, 1);
  g_assert_cmpint (zb_test_checkpoint (f->store), ==, 12);
  g_assert_cmpuint (zb_store_count_outbox (f->store, NULL), ==, 1);
}

/* A page whose third row breaks a constraint leaves nothing behind, and its
 * checkpoint does not move: the next pull asks for the same page again. */
static void
test_rollback (Fixture       *f,
               gconstpointer  data)
{
  g_autofree char *id = zb_test_add_member (f->store, "吴刚", 5);
  g_autofree char *changes = NULL, *post = NULL, *applying = NULL;
  g_autoptr(ZbSyncPage) page = NULL;
  g_autoptr(GError) error = NULL;

  zb_test_clear_outbox (f->store);
  apply_ok (f, 0, "[" NEW_MEMBER (3, "m-0", "郑和", "110101198001020056") "]", NULL);
  changes = g_strdup_printf ("[{\"seq\": 4, \"kind\": \"row\", \"table\": \"members\", "
                             "\"row_id\": \"%s\", \"deleted\": false, \"fields\": "
                             "{\"post\": \"委员\"}}, "
                             NEW_MEMBER (5, "m-3", "冯雪", "110101198001020064") ", "
                             "{\"seq\": 6, \"kind\": \"row\", \"table\": \"members\", "
                             "\"row_id\": \"m-4\", \"deleted\": false, \"fields\": "
                             "{\"name\": \"蒋涛\", \"sex\": \"X\", \"birth_date\": \"1980-01-02\", "
                             "\"id_number\": \"110101198001020072\", \"category\": \"full\", "
                             "\"created_at\": \"2026-01-01T00:00:00Z\"}}]", id);
  page = zb_test_page (3, changes);

  g_assert_false (apply (f, page, NULL, &error));
  g_assert_error (error, ZB_STORE_ERROR, ZB_STORE_ERROR_FAILED);
  g_assert_nonnull (strstr (error->message, "6"));
  post = member_value (f, id, "post");
  g_assert_null (post);
  g_assert_cmpint (zb_test_sql_int (f->store, "SELECT count(*) FROM members "
                                              "WHERE id IN ('m-3', 'm-4')"), ==, 0);
  g_assert_cmpint (zb_test_checkpoint (f->store), ==, 3);
  applying = zb_test_sql_text (f->store, "SELECT applying FROM sync_state");
  g_assert_cmpstr (applying, ==, "0");
  g_assert_cmpuint (zb_store_count_outbox (f->store, NULL), ==, 0);
}

/* A value of the wrong type for its column refuses the page whole too. */
static void
test_wrong_type (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(ZbSyncPage) page = NULL;
  g_autoptr(GError) error = NULL;

  page = zb_test_page (0, "[" NEW_MEMBER (1, "m-5", "卫青", "110101198001020080") ", "
                          "{\"seq\": 2, \"kind\": \"row\", \"table\": \"members\", "
                          "\"row_id\": \"m-5\", \"deleted\": false, \"fields\": "
                          "{\"flowing\": \"1\"}}]");
  g_assert_false (apply (f, page, NULL, &error));
  g_assert_error (error, ZB_SYNC_ERROR, ZB_SYNC_ERROR_MALFORMED);
  g_assert_nonnull (strstr (error->message, "fields.flowing"));
  g_assert_cmpint (zb_test_sql_int (f->store, "SELECT count(*) FROM members"), ==, 0);
  g_assert_cmpint (zb_test_checkpoint (f->store), ==, 0);
}

/* Pages are not in parent-first order: a child may come before its parent,
 * foreign keys are off while a page is applied, and on again after. */
static void
test_foreign_keys (Fixture       *f,
                   gconstpointer  data)
{
  g_autofree char *fk = NULL;

  apply_ok (f, 0, "[{\"seq\": 1, \"kind\": \"row\", \"table\": \"meeting_attendees\", "
                  "\"row_id\": \"a-1\", \"deleted\": false, \"fields\": {\"meeting_id\": "
                  "\"mt-1\", \"member_id\": \"m-9\", \"state\": \"present\"}}]", NULL);
  g_assert_cmpint (zb_test_sql_int (f->store, "SELECT count(*) FROM meeting_attendees"), ==, 1);
  fk = zb_test_sql_text (f->store, "PRAGMA foreign_keys");
  g_assert_cmpstr (fk, ==, "1");
}

static char *
one_conflict (const char *id,
              gint64      seq,
              const char *row_id,
              const char *column,
              const char *state,
              const char *kept,
              const char *pushed)
{
  return g_strdup_printf ("{\"seq\": %" G_GINT64_FORMAT ", \"kind\": \"conflict\", \"conflict\": "
                          "{\"id\": \"%s\", \"table\": \"members\", \"row_id\": \"%s\", "
                          "\"column\": \"%s\", \"state\": \"%s\", \"kept\": {\"value\": %s, "
                          "\"device_id\": \"" OTHER_DEVICE "\", \"revision\": 20}, \"pushed\": "
                          "{\"value\": %s, \"device_id\": \"me\", \"op_id\": 3, "
                          "\"base_revision\": 10}%s, \"created_at\": \"2026-11-22T08:30:00Z\"}}",
                          seq, id, row_id, column, state, kept, pushed,
                          g_str_equal (state, "resolved")
                          ? ", \"resolution\": {\"value\": \"x\", \"device_id\": \"d\", "
                            "\"op_id\": 9, \"revision\": 30}" : "");
}

static ZbConflict *
get_conflict (Fixture    *f,
              const char *id)
{
  g_autoptr(GListModel) list = zb_store_list_conflicts (f->store, TRUE, NULL);

  for (guint i = 0; list && i < g_list_model_get_n_items (list); i++)
    {
      g_autoptr(ZbConflict) c = g_list_model_get_item (list, i);

      if (g_str_equal (zb_conflict_get_id (c), id))
        return g_steal_pointer (&c);
    }

  return NULL;
}

static char *
outbox_line (Fixture *f)
{
  return zb_test_sql_text (f->store, "SELECT op || ' ' || coalesce (columns, '-') || ' ' || "
                                     "coalesce (resolves, '-') FROM sync_outbox "
                                     "ORDER BY op_id DESC LIMIT 1");
}

/* A conflict is stored, then resolved by picking the pushed value: the row
 * takes it, the op the trigger records names the conflict, and the conflict
 * is `resolving` until that op is acknowledged. */
static void
test_conflict_pick (Fixture       *f,
                    gconstpointer  data)
{
  g_autofree char *id = zb_test_add_member (f->store, "韩梅", 6);
  g_autofree char *sql = g_strdup_printf ("UPDATE members SET phone = '13911110000' "
                                          "WHERE id = '%s'", id);
  g_autofree char *raised = one_conflict ("c-1", 21, id, "phone", "open", "\"13911110000\"",
                                          "\"13700002222\"");
  g_autofree char *changes = g_strdup_printf ("[%s]", raised);
  g_autofree char *phone = NULL, *line = NULL;
  g_autoptr(ZbConflict) c = NULL;
  g_autoptr(GListModel) open = NULL;
  g_autoptr(GError) error = NULL;
  ZbSyncApplyStats stats = { 0 };
  gint64 op_id;

  zb_test_sql_exec (f->store, sql);
  zb_test_clear_outbox (f->store);
  apply_ok (f, 0, changes, &stats);
  g_assert_cmpuint (stats.conflicts, ==, 1);
  g_assert_cmpuint (zb_store_count_open_conflicts (f->store, NULL), ==, 1);
  c = get_conflict (f, "c-1");
  g_assert_nonnull (c);
  g_assert_cmpstr (zb_conflict_get_state (c), ==, "open");
  g_assert_cmpstr (zb_conflict_get_column (c), ==, "phone");
  g_assert_cmpstr (zb_conflict_get_kept_value (c), ==, "\"13911110000\"");
  g_assert_cmpstr (zb_conflict_get_pushed_value (c), ==, "\"13700002222\"");
  g_assert_cmpstr (zb_conflict_get_kept_device (c), ==, OTHER_DEVICE);
  g_assert_cmpint (zb_conflict_get_seq (c), ==, 21);

  zb_store_resolve_conflict (f->store, "c-1", ZB_CONFLICT_PICK_PUSHED, NULL, &error);
  g_assert_no_error (error);
  phone = member_value (f, id, "phone");
  g_assert_cmpstr (phone, ==, "13700002222");
  line = outbox_line (f);
  g_assert_cmpstr (line, ==, "update phone c-1");
  g_clear_object (&c);
  c = get_conflict (f, "c-1");
  g_assert_cmpstr (zb_conflict_get_state (c), ==, "resolving");
  g_assert_cmpstr (zb_conflict_get_resolution (c), ==, "\"13700002222\"");
  g_assert_cmpuint (zb_store_count_open_conflicts (f->store, NULL), ==, 0);

  /* The feed still says open while the resolution waits: it stays so. */
  apply_ok (f, 21, "[{\"seq\": 22, \"kind\": \"row\", \"table\": \"measures\", "
                   "\"row_id\": \"x\", \"deleted\": true}]", NULL);
  g_free (raised);
  raised = one_conflict ("c-1", 23, id, "phone", "open", "\"13911110000\"", "\"137\"");
  g_free (changes);
  changes = g_strdup_printf ("[%s]", raised);
  apply_ok (f, 22, changes, NULL);
  g_clear_object (&c);
  c = get_conflict (f, "c-1");
  g_assert_cmpstr (zb_conflict_get_state (c), ==, "resolving");
  g_assert_cmpstr (zb_conflict_get_pushed_value (c), ==, "\"137\"");

  op_id = zb_test_sql_int (f->store, "SELECT op_id FROM sync_outbox WHERE resolves = 'c-1'");
  zb_store_ack_outbox (f->store, &op_id, 1, &error);
  g_assert_no_error (error);
  g_clear_object (&c);
  c = get_conflict (f, "c-1");
  g_assert_cmpstr (zb_conflict_get_state (c), ==, "resolved");

  open = zb_store_list_conflicts (f->store, FALSE, NULL);
  g_assert_cmpuint (g_list_model_get_n_items (open), ==, 0);
  g_assert_false (zb_store_resolve_conflict (f->store, "c-1", ZB_CONFLICT_PICK_KEPT, NULL,
                                             &error));
  g_assert_error (error, ZB_OUTBOX_ERROR, ZB_OUTBOX_ERROR_INVALID);
}

/* Keeping the value the row holds still sends an op: it is what closes the
 * conflict on the server. A refused resolution opens the conflict again. */
static void
test_conflict_keep (Fixture       *f,
                    gconstpointer  data)
{
  g_autofree char *id = zb_test_add_member (f->store, "秦岚", 7);
  g_autofree char *sql = g_strdup_printf ("UPDATE members SET post = '组织委员' "
                                          "WHERE id = '%s'", id);
  g_autofree char *raised = one_conflict ("c-2", 30, id, "post", "open", "\"组织委员\"",
                                          "\"纪检委员\"");
  g_autofree char *changes = g_strdup_printf ("[%s]", raised);
  g_autofree char *line = NULL, *post = NULL, *base = NULL;
  g_autoptr(ZbConflict) c = NULL;
  g_autoptr(GError) error = NULL;
  gint64 op_id;

  zb_test_sql_exec (f->store, sql);
  zb_test_clear_outbox (f->store);
  g_free (sql);
  sql = g_strdup_printf ("UPDATE members SET revision = 20 WHERE id = '%s'", id);
  zb_test_sql_exec (f->store, sql);
  apply_ok (f, 0, changes, NULL);

  zb_store_resolve_conflict (f->store, "c-2", ZB_CONFLICT_PICK_KEPT, NULL, &error);
  g_assert_no_error (error);
  post = member_value (f, id, "post");
  g_assert_cmpstr (post, ==, "组织委员");
  line = outbox_line (f);
  g_assert_cmpstr (line, ==, "update post c-2");
  base = zb_test_sql_text (f->store, "SELECT base_revision FROM sync_outbox");
  g_assert_cmpstr (base, ==, "20");

  op_id = zb_test_sql_int (f->store, "SELECT op_id FROM sync_outbox WHERE resolves = 'c-2'");
  zb_store_reject_outbox (f->store, op_id, "bad_resolution", "另一行", NULL, &error);
  g_assert_no_error (error);
  c = get_conflict (f, "c-2");
  g_assert_cmpstr (zb_conflict_get_state (c), ==, "open");
  g_assert_null (zb_conflict_get_resolution (c));
}

/* A merged value, typed for its column; a bad one changes nothing. */
static void
test_conflict_merged (Fixture       *f,
                      gconstpointer  data)
{
  g_autofree char *id = zb_test_add_member (f->store, "许攸", 8);
  g_autofree char *raised = one_conflict ("c-3", 40, id, "flowing", "open", "0", "1");
  g_autofree char *raised2 = one_conflict ("c-4", 41, "not-here", "post", "open", "\"a\"",
                                           "\"b\"");
  g_autofree char *changes = g_strdup_printf ("[%s, %s]", raised, raised2);
  g_autofree char *flowing = NULL, *type = NULL;
  g_autoptr(GError) error = NULL;

  zb_test_clear_outbox (f->store);
  apply_ok (f, 0, changes, NULL);

  g_assert_false (zb_store_resolve_conflict (f->store, "c-3", ZB_CONFLICT_PICK_VALUE, "一",
                                             &error));
  g_assert_error (error, ZB_OUTBOX_ERROR, ZB_OUTBOX_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_cmpuint (zb_store_count_outbox (f->store, NULL), ==, 0);

  zb_store_resolve_conflict (f->store, "c-3", ZB_CONFLICT_PICK_VALUE, "1", &error);
  g_assert_no_error (error);
  flowing = member_value (f, id, "flowing");
  type = member_value (f, id, "typeof (flowing)");
  g_assert_cmpstr (flowing, ==, "1");
  g_assert_cmpstr (type, ==, "integer");

  g_assert_false (zb_store_resolve_conflict (f->store, "c-4", ZB_CONFLICT_PICK_KEPT, NULL,
                                             &error));
  g_assert_error (error, ZB_OUTBOX_ERROR, ZB_OUTBOX_ERROR_ROW_MISSING);
  g_clear_error (&error);
  g_assert_false (zb_store_resolve_conflict (f->store, "nope", ZB_CONFLICT_PICK_KEPT, NULL,
                                             &error));
  g_assert_error (error, ZB_OUTBOX_ERROR, ZB_OUTBOX_ERROR_NOT_FOUND);
}

/* A pulled live row that shares a member's ID number with a local live row
 * makes the local one a tombstone; its changes still waiting would meet the
 * same key on the server, and go to the rejected list with their values. */
static void
test_natural_key (Fixture       *f,
                  gconstpointer  data)
{
  g_autofree char *id = zb_test_add_member (f->store, "钱学森", 9);
  g_autofree char *idn = member_value (f, id, "id_number");
  g_autofree char *changes = NULL, *deleted = NULL;
  g_autoptr(GListModel) rejected = NULL;
  g_autoptr(ZbOutboxEntry) r = NULL;

  g_assert_cmpuint (zb_store_count_outbox (f->store, NULL), ==, 1);
  changes = g_strdup_printf ("[{\"seq\": 3, \"kind\": \"row\", \"table\": \"members\", "
                             "\"row_id\": \"m-srv\", \"deleted\": false, \"fields\": {\"name\": "
                             "\"钱学森\", \"sex\": \"M\", \"birth_date\": \"1975-05-04\", "
                             "\"id_number\": \"%s\", \"category\": \"full\", \"created_at\": "
                             "\"2026-01-01T00:00:00Z\"}}]", idn);
  apply_ok (f, 0, changes, NULL);

  deleted = member_value (f, id, "deleted");
  g_assert_cmpstr (deleted, ==, "1");
  g_assert_cmpint (zb_test_sql_int (f->store, "SELECT count(*) FROM members WHERE deleted = 0"),
                   ==, 1);
  g_assert_cmpuint (zb_store_count_outbox (f->store, NULL), ==, 0);
  rejected = zb_store_list_rejected (f->store, NULL);
  g_assert_cmpuint (g_list_model_get_n_items (rejected), ==, 1);
  r = g_list_model_get_item (rejected, 0);
  g_assert_cmpstr (zb_outbox_entry_get_row_id (r), ==, id);
  g_assert_cmpstr (zb_outbox_entry_get_error_code (r), ==, "duplicate_key");
  g_assert_nonnull (strstr (zb_outbox_entry_get_fields (r), "钱学森"));
}

/* One live attendance row per meeting and member (schema 6): the local
 * row becomes a tombstone so that the pulled one can be written. */
static void
test_natural_key_strict (Fixture       *f,
                         gconstpointer  data)
{
  g_autofree char *member = zb_test_add_member (f->store, "卫青", 10);
  g_autofree char *meeting = zb_test_add_meeting (f->store, "lecture", "2026-05-04", "党课",
                                                  NULL);
  g_autofree char *changes = NULL, *state = NULL;
  g_autoptr(GError) error = NULL;

  zb_store_set_attendance (f->store, meeting, member, "leave", "出差", &error);
  g_assert_no_error (error);
  zb_test_clear_outbox (f->store);

  changes = g_strdup_printf ("[{\"seq\": 8, \"kind\": \"row\", \"table\": "
                             "\"meeting_attendees\", \"row_id\": \"att-srv\", \"deleted\": false, "
                             "\"fields\": {\"meeting_id\": \"%s\", \"member_id\": \"%s\", "
                             "\"state\": \"present\", \"reason\": null}}]", meeting, member);
  apply_ok (f, 0, changes, NULL);

  g_assert_cmpint (zb_test_sql_int (f->store, "SELECT count(*) FROM meeting_attendees"), ==, 2);
  state = zb_test_sql_text (f->store, "SELECT id || ' ' || state FROM meeting_attendees "
                                      "WHERE deleted = 0");
  g_assert_cmpstr (state, ==, "att-srv present");
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
  zb_store_finalize_meeting (store, id, &error);
  g_assert_no_error (error);

  return g_steal_pointer (&id);
}

static void
verify (ZbStore *store,
        guint    records,
        guint    chains)
{
  g_autoptr(GError) error = NULL;
  guint n_records = 0, n_chains = 0;

  zb_store_verify (store, &n_records, &n_chains, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (n_records, ==, records);
  g_assert_cmpuint (n_chains, ==, chains);
}

/* Records another PC finalised arrive with the feed: their device's chain
 * head is recorded, so that verify walks that chain too. */
static void
test_chain_heads (Fixture       *f,
                  gconstpointer  data)
{
  g_autofree char *path = g_build_filename (f->dir, "other.zhibu", NULL);
  g_autoptr(ZbKey) key = zb_key_new_random (NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(ZbStore) other = zb_store_create (path, key, "测试支部", &error);
  g_autofree char *chair = NULL, *mine_chair = NULL, *head = NULL, *sql = NULL;
  g_autofree char *first = NULL, *second = NULL, *hash = NULL;
  g_autoptr(ZbSyncPage) page = NULL;
  g_autoptr(ZbSyncPage) later = NULL;

  g_assert_no_error (error);
  mine_chair = zb_test_add_member (f->store, "本机书记", 11);
  g_free (finalised_lecture (f->store, mine_chair, "2026-02-01"));
  chair = zb_test_add_member (other, "他机书记", 12);
  first = finalised_lecture (other, chair, "2026-03-01");

  page = zb_test_page_of_store (other, 0);
  zb_sync_apply_page (f->store, page, NULL, &error);
  g_assert_no_error (error);
  verify (f->store, 2, 2);

  second = finalised_lecture (other, chair, "2026-04-01");
  later = zb_test_page_of_store (other, zb_sync_page_get_checkpoint (page));
  zb_sync_apply_page (f->store, later, NULL, &error);
  g_assert_no_error (error);
  verify (f->store, 3, 2);

  sql = g_strdup_printf ("SELECT value FROM meta WHERE key = 'chain_head:%s'",
                         zb_store_get_device_id (other));
  head = zb_test_sql_text (f->store, sql);
  g_free (sql);
  sql = g_strdup_printf ("SELECT chain_hash FROM meetings WHERE id = '%s'", second);
  hash = zb_test_sql_text (other, sql);
  g_assert_cmpstr (head, ==, hash);
}

/* As many @character as a record's limit takes, counted as the op encodes
 * them: the limit is in encoded bytes, not characters. */
static JsonNode *
widest_record (const ZbColumnLimit *limit,
               const char          *character)
{
  g_autoptr(JsonNode) one = json_node_init_string (json_node_alloc (), character);
  g_autofree char *encoded = json_to_string (one, FALSE);
  gsize each = strlen (encoded) - 2;
  g_autoptr(GString) text = g_string_new (NULL);

  for (gsize size = 2; size + each <= limit->max_chars; size += each)
    g_string_append (text, character);
  return json_node_init_string (json_node_alloc (), text->str);
}

/* The widest value a column takes: every character the one whose JSON is
 * longest among those the limits let through (4 bytes of UTF-8, or a quote,
 * a backslash or a newline that escape to 2). */
static JsonNode *
widest_value (const ZbColumnLimit *limit,
              const char          *character)
{
  g_autoptr(GString) text = g_string_new (NULL);

  switch (limit->kind)
    {
    case ZB_COLUMN_FLAG:
      return json_node_init_int (json_node_alloc (), 1);
    case ZB_COLUMN_POSITION:
      return json_node_init_int (json_node_alloc (), G_MAXINT32);
    case ZB_COLUMN_FEN:
      return json_node_init_int (json_node_alloc (), ZB_MONEY_MAX_FEN);
    case ZB_COLUMN_COUNT:
      return json_node_init_int (json_node_alloc (), ZB_LIMIT_COUNT);
    case ZB_COLUMN_QUANTITY:
      return json_node_init_int (json_node_alloc (), ZB_LIMIT_QUANTITY);
    case ZB_COLUMN_MONTH:
      return json_node_init_string (json_node_alloc (), "2026-12");
    case ZB_COLUMN_DATE:
    case ZB_COLUMN_PAST_DATE:
      return json_node_init_string (json_node_alloc (), "2020-02-29");
    case ZB_COLUMN_TIME:
      return json_node_init_string (json_node_alloc (), "23:59");
    case ZB_COLUMN_ENUM:
      for (guint i = 0; limit->values[i]; i++)
        if (strlen (limit->values[i]) > text->len)
          g_string_assign (text, limit->values[i]);
      return json_node_init_string (json_node_alloc (), text->str);
    case ZB_COLUMN_ID:
    case ZB_COLUMN_STAMP:
      character = g_str_equal (character, "\n") ? "\"" : "\\";
      break;
    case ZB_COLUMN_LINE:
      if (g_str_equal (character, "\n"))
        character = "\"";
      break;
    case ZB_COLUMN_RECORD:
      return widest_record (limit, g_str_equal (character, "\n") ? "\"" : character);
    case ZB_COLUMN_LINES:
    default:
      break;
    }

  for (guint i = 0; i < limit->max_chars; i++)
    g_string_append (text, character);
  return json_node_init_string (json_node_alloc (), text->str);
}

/* Every synced column has its limits, and the largest row each table can
 * hold stays under the 512 KiB an op may take (PROTOCOL.md 9) as the client
 * encodes it: the server never refuses a row the PC accepted. */
static void
test_largest_row (Fixture       *f,
                  gconstpointer  data)
{
  static const char *widest[] = { "𠀀", "\"", "\\", "\n", "\u2028" };
  guint n_tables;
  const ZbSyncTable *tables = zb_sync_schema_tables (&n_tables);
  g_autofree char *row_id = g_strnfill (128, 'f');
  GDate today;

  zb_date_set_today (&today);
  for (guint i = 0; i < n_tables; i++)
    for (guint w = 0; w < G_N_ELEMENTS (widest); w++)
      {
        g_autoptr(JsonObject) fields = json_object_new ();
        g_autoptr(ZbSyncOp) op = NULL;
        gsize size;

        for (guint c = 0; tables[i].columns[c] != NULL; c++)
          {
            const ZbColumnLimit *limit = zb_limits_lookup (tables[i].name, tables[i].columns[c]);
            JsonNode *value;
            g_autofree char *issue = NULL;

            if (limit == NULL)
              g_error ("%s.%s has no limits in zb-limits.c", tables[i].name,
                       tables[i].columns[c]);
            value = widest_value (limit, widest[w]);
            issue = zb_limits_check_node (limit, value, &today);
            g_assert_cmpstr (issue, ==, NULL);
            json_object_set_member (fields, tables[i].columns[c], value);
          }
        op = zb_sync_op_new (OTHER_DEVICE, G_MAXINT64, tables[i].name, row_id,
                             ZB_SYNC_OP_INSERT, G_MAXINT64, fields);
        size = zb_sync_op_get_encoded_size (op);
        g_test_message ("%s, every character %s: %" G_GSIZE_FORMAT " bytes", tables[i].name,
                        widest[w], size);
        g_assert_cmpuint (size, <, ZB_SYNC_MAX_OP_BYTES);
      }
}

/* A pulled row that breaks the limits (the server stored it before it
 * checked them) is stored as it came, the feed goes on, and `check` names
 * its table, record and field. */
static void
test_breaks_limits (Fixture       *f,
                    gconstpointer  data)
{
  g_autofree char *address = g_strnfill (201, 'x');
  g_autofree char *changes = g_strdup_printf (
    "[{\"seq\": 3, \"kind\": \"row\", \"table\": \"members\", \"row_id\": \"m-9\", "
    "\"deleted\": false, \"fields\": {\"name\": \"王\\u001b[2J芳\", \"sex\": \"F\", "
    "\"birth_date\": \"2999-01-02\", \"id_number\": \"x0\", \"category\": \"boss\", "
    "\"created_at\": \"2026-01-01T00:00:00Z\", \"flowing\": 5, \"address\": \"%s\"}}, "
    "{\"seq\": 4, \"kind\": \"row\", \"table\": \"meeting_guests\", \"row_id\": \"g-1\", "
    "\"deleted\": false, \"fields\": {\"meeting_id\": \"none\", \"name\": \"李\\n四\"}}]",
    address);
  g_autoptr(GListModel) findings = NULL;
  g_autoptr(GString) all = g_string_new (NULL);
  g_autoptr(GError) error = NULL;
  ZbCheckSettings settings;
  g_autofree char *today = zb_date_today_iso ();

  apply_ok (f, 0, changes, NULL);
  g_assert_cmpint (zb_test_checkpoint (f->store), ==, 4);
  g_assert_cmpint (zb_test_sql_int (f->store, "SELECT flowing FROM members WHERE id = 'm-9'"),
                   ==, 5);

  zb_check_settings_init (&settings);
  findings = zb_store_check (f->store, "2026-01-01", today, &settings, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < g_list_model_get_n_items (findings); i++)
    {
      g_autoptr(ZbFinding) finding = g_list_model_get_item (findings, i);

      if (!g_str_equal (zb_finding_get_rule (finding), "stored-value"))
        continue;
      g_string_append_printf (all, "%s|%s\n", zb_finding_get_subject (finding),
                              zb_finding_get_message (finding));
    }
  g_test_message ("%s", all->str);
  g_assert_nonnull (strstr (all->str, "m-9|Person m-9: Name: holds a control character (U+001B)"));
  g_assert_nonnull (strstr (all->str, "m-9|Person m-9: Date of birth: 2999-01-02 lies after"));
  g_assert_nonnull (strstr (all->str, "m-9|Person m-9: Category: “boss” is not one of"));
  g_assert_nonnull (strstr (all->str, "m-9|Person m-9: Flowing member: must be 0 or 1, not 5"));
  g_assert_nonnull (strstr (all->str, "Home address: is longer than 200 characters"));
  g_assert_nonnull (strstr (all->str, "g-1|Guest g-1: Name: must be one line"));
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add ("/sync-apply/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("live-rows", test_live_rows);
  ADD ("echo", test_echo);
  ADD ("tombstone", test_tombstone);
  ADD ("skip-pending", test_skip_pending);
  ADD ("rollback", test_rollback);
  ADD ("wrong-type", test_wrong_type);
  ADD ("foreign-keys", test_foreign_keys);
  ADD ("conflict/pick", test_conflict_pick);
  ADD ("conflict/keep", test_conflict_keep);
  ADD ("conflict/merged", test_conflict_merged);
  ADD ("natural-key", test_natural_key);
  ADD ("natural-key/strict", test_natural_key_strict);
  ADD ("chain-heads", test_chain_heads);
  ADD ("largest-row", test_largest_row);
  ADD ("breaks-limits", test_breaks_limits);

  return g_test_run ();
}
