#define G_LOG_DOMAIN "test-sync-feed"

#include "config.h"

#include <locale.h>
#include <string.h>

#include "zb-sync-page.h"
#include "zb-sync-protocol.h"
#include "zb-sync-result.h"

#define DEVICE "6f1c2b9e-3d4a-4e5f-8a7b-1c2d3e4f5a6b"

static GBytes *
bytes_of (const char *text)
{
  return g_bytes_new (text, strlen (text));
}

/* PROTOCOL.md section 7's example page, as a server sends it. */
static const char example_page[] =
  "{\"protocol\": 1, \"checkpoint\": 1297, \"more\": false, \"server_sequence\": 1297, "
  "\"changes\": ["
  "{\"seq\": 1289, \"kind\": \"row\", \"table\": \"measures\", \"row_id\": \"18aa\", "
  " \"deleted\": true, \"origin\": {\"device_id\": \"0e4d\", \"op_id\": 310}, "
  " \"changed_at\": \"2026-11-22T08:29:12Z\"},"
  "{\"seq\": 1291, \"kind\": \"row\", \"table\": \"meetings\", \"row_id\": \"5d0c\", "
  " \"deleted\": false, \"echo\": true, \"origin\": {\"device_id\": \"6f1c\", \"op_id\": 41}, "
  " \"changed_at\": \"2026-11-22T08:30:00Z\"},"
  "{\"seq\": 1294, \"kind\": \"conflict\", \"conflict\": {"
  " \"id\": \"f3a9\", \"table\": \"members\", \"row_id\": \"c9e0\", \"column\": \"phone\", "
  " \"state\": \"open\", "
  " \"kept\": {\"value\": \"13911110000\", \"device_id\": \"0e4d\", \"revision\": 1240}, "
  " \"pushed\": {\"value\": null, \"device_id\": \"6f1c\", \"op_id\": 43, "
  "  \"base_revision\": 1190}, \"created_at\": \"2026-11-22T08:30:00Z\"}},"
  "{\"seq\": 1296, \"kind\": \"conflict\", \"conflict\": {"
  " \"id\": \"e1c7\", \"table\": \"members\", \"row_id\": \"b41d\", \"column\": \"post\", "
  " \"state\": \"resolved\", "
  " \"kept\": {\"value\": \"组织委员\", \"device_id\": \"0e4d\", \"revision\": 1198}, "
  " \"pushed\": {\"value\": \"纪检委员\", \"device_id\": \"91aa\", \"op_id\": 77, "
  "  \"base_revision\": 1150}, "
  " \"resolution\": {\"value\": \"宣传委员\", \"device_id\": \"6f1c\", \"op_id\": 44, "
  "  \"revision\": 1295}, \"created_at\": \"2026-11-21T02:00:00Z\"}},"
  "{\"seq\": 1297, \"kind\": \"row\", \"table\": \"measures\", \"row_id\": \"77b2\", "
  " \"deleted\": false, \"fields\": {\"text\": \"整改\", \"position\": 3, \"owner\": null, "
  " \"unknown_later\": \"x\"}, \"origin\": {\"device_id\": \"6f1c\", \"op_id\": 45}, "
  " \"changed_at\": \"2026-11-22T08:30:00Z\", \"future_member\": [1, 2]}"
  "], \"extension\": {\"ignored\": true}}";

static void
test_page_example (void)
{
  g_autoptr(GBytes) bytes = bytes_of (example_page);
  g_autoptr(GError) error = NULL;
  g_autoptr(ZbSyncPage) page = zb_sync_page_new_from_bytes (bytes, 1288, &error);
  ZbSyncChange *c;
  ZbSyncConflict *conflict;

  g_assert_no_error (error);
  g_assert_cmpint (zb_sync_page_get_checkpoint (page), ==, 1297);
  g_assert_false (zb_sync_page_get_more (page));
  g_assert_cmpint (zb_sync_page_get_server_sequence (page), ==, 1297);
  g_assert_cmpuint (zb_sync_page_get_n_changes (page), ==, 5);

  c = zb_sync_page_get_change (page, 0);
  g_assert_cmpint (zb_sync_change_get_kind (c), ==, ZB_SYNC_CHANGE_ROW);
  g_assert_true (zb_sync_change_is_deleted (c));
  g_assert_false (zb_sync_change_is_echo (c));
  g_assert_null (zb_sync_change_get_fields (c));
  g_assert_cmpstr (zb_sync_change_get_origin_device (c), ==, "0e4d");
  g_assert_cmpint (zb_sync_change_get_origin_op_id (c), ==, 310);

  c = zb_sync_page_get_change (page, 1);
  g_assert_true (zb_sync_change_is_echo (c));
  g_assert_false (zb_sync_change_is_deleted (c));
  g_assert_cmpint (zb_sync_change_get_seq (c), ==, 1291);

  c = zb_sync_page_get_change (page, 2);
  g_assert_cmpint (zb_sync_change_get_kind (c), ==, ZB_SYNC_CHANGE_CONFLICT);
  conflict = zb_sync_change_get_conflict (c);
  g_assert_cmpstr (zb_sync_conflict_get_id (conflict), ==, "f3a9");
  g_assert_cmpstr (zb_sync_conflict_get_column (conflict), ==, "phone");
  g_assert_false (zb_sync_conflict_is_resolved (conflict));
  g_assert_cmpstr (json_node_get_string (zb_sync_conflict_get_kept_value (conflict)), ==,
                   "13911110000");
  g_assert_cmpint (zb_sync_conflict_get_kept_revision (conflict), ==, 1240);
  g_assert_true (JSON_NODE_HOLDS_NULL (zb_sync_conflict_get_pushed_value (conflict)));
  g_assert_cmpint (zb_sync_conflict_get_pushed_op_id (conflict), ==, 43);
  g_assert_cmpint (zb_sync_conflict_get_pushed_base_revision (conflict), ==, 1190);
  g_assert_null (zb_sync_conflict_get_resolution_value (conflict));

  conflict = zb_sync_change_get_conflict (zb_sync_page_get_change (page, 3));
  g_assert_true (zb_sync_conflict_is_resolved (conflict));
  g_assert_cmpstr (json_node_get_string (zb_sync_conflict_get_resolution_value (conflict)), ==,
                   "宣传委员");

  c = zb_sync_page_get_change (page, 4);
  g_assert_cmpint (json_object_get_int_member (zb_sync_change_get_fields (c), "position"), ==,
                   3);
  g_assert_cmpstr (zb_sync_change_get_changed_at (c), ==, "2026-11-22T08:30:00Z");
}

/* What a server writes, a client reads back the same. */
static void
test_page_round_trip (void)
{
  g_autoptr(ZbSyncPage) page = zb_sync_page_new (10, TRUE, 40);
  g_autoptr(JsonObject) fields = json_object_new ();
  g_autoptr(ZbSyncChange) row = NULL, gone = NULL, echo = NULL, raised = NULL;
  g_autoptr(ZbSyncConflict) conflict = zb_sync_conflict_new ("c1", "members", "m1", "phone",
                                                              FALSE, "2026-01-01T00:00:00Z");
  g_autoptr(JsonNode) kept = json_node_init_int (json_node_alloc (), 7);
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(ZbSyncPage) back = NULL;
  g_autoptr(GError) error = NULL;
  ZbSyncConflict *c;

  json_object_set_string_member (fields, "name", "王芳");
  json_object_set_null_member (fields, "phone");
  row = zb_sync_change_new_row (11, "members", "m1", fields);
  zb_sync_change_set_origin (row, DEVICE, 5, "2026-01-01T00:00:00Z");
  gone = zb_sync_change_new_tombstone (12, "measures", "x");
  echo = zb_sync_change_new_echo (13, "meetings", "y", FALSE);
  zb_sync_conflict_set_kept (conflict, kept, "d1", 9);
  zb_sync_conflict_set_pushed (conflict, NULL, DEVICE, 6, 3);
  raised = zb_sync_change_new_conflict (14, conflict);
  zb_sync_page_add (page, row);
  zb_sync_page_add (page, gone);
  zb_sync_page_add (page, echo);
  zb_sync_page_add (page, raised);

  bytes = zb_sync_page_to_bytes (page);
  back = zb_sync_page_new_from_bytes (bytes, 10, &error);
  g_assert_no_error (error);
  g_assert_cmpint (zb_sync_page_get_checkpoint (back), ==, 14);
  g_assert_true (zb_sync_page_get_more (back));
  g_assert_cmpuint (zb_sync_page_get_n_changes (back), ==, 4);
  g_assert_cmpstr (json_object_get_string_member (
                     zb_sync_change_get_fields (zb_sync_page_get_change (back, 0)), "name"),
                   ==, "王芳");
  g_assert_cmpstr (zb_sync_change_get_origin_device (zb_sync_page_get_change (back, 0)), ==,
                   DEVICE);
  g_assert_true (zb_sync_change_is_deleted (zb_sync_page_get_change (back, 1)));
  g_assert_true (zb_sync_change_is_echo (zb_sync_page_get_change (back, 2)));
  c = zb_sync_change_get_conflict (zb_sync_page_get_change (back, 3));
  g_assert_cmpint (json_node_get_int (zb_sync_conflict_get_kept_value (c)), ==, 7);
  g_assert_true (JSON_NODE_HOLDS_NULL (zb_sync_conflict_get_pushed_value (c)));
  g_assert_cmpint (zb_sync_conflict_get_pushed_op_id (c), ==, 6);

  /* An empty page keeps the checkpoint asked for. */
  g_clear_object (&page);
  g_clear_pointer (&bytes, g_bytes_unref);
  g_clear_object (&back);
  page = zb_sync_page_new (40, FALSE, 40);
  bytes = zb_sync_page_to_bytes (page);
  back = zb_sync_page_new_from_bytes (bytes, 40, &error);
  g_assert_no_error (error);
  g_assert_cmpint (zb_sync_page_get_checkpoint (back), ==, 40);
}

typedef struct
{
  const char *changes;   /* the "changes" member, or a whole body when it starts with '!' */
  const char *where;     /* the start of the error message */
} BadPage;

static const BadPage bad_pages[] = {
  { "[{\"seq\": 5, \"kind\": \"row\", \"table\": \"members\", \"row_id\": \"a\", "
    "\"deleted\": false}]", "changes[0].fields" },
  { "[{\"seq\": 5, \"kind\": \"row\", \"table\": \"members\", \"row_id\": \"a\", "
    "\"deleted\": true, \"fields\": {}}]", "changes[0].fields" },
  { "[{\"seq\": 5, \"kind\": \"row\", \"table\": \"members\", \"row_id\": \"a\", "
    "\"deleted\": false, \"fields\": {\"flowing\": true}}]", "changes[0].fields.flowing" },
  { "[{\"seq\": 5, \"kind\": \"row\", \"table\": \"members\", \"row_id\": \"a\", "
    "\"deleted\": false, \"fields\": {\"Bad-Name\": 1}}]", "changes[0].fields.Bad-Name" },
  { "[{\"seq\": 5, \"kind\": \"row\", \"table\": \"drop table\", \"row_id\": \"a\", "
    "\"deleted\": true}]", "changes[0].table" },
  { "[{\"seq\": 5, \"kind\": \"row\", \"table\": \"members\", \"row_id\": \"a\", "
    "\"deleted\": true}, {\"seq\": 5, \"kind\": \"row\", \"table\": \"members\", "
    "\"row_id\": \"b\", \"deleted\": true}]", "changes[1].seq" },
  { "[{\"seq\": 3, \"kind\": \"row\", \"table\": \"members\", \"row_id\": \"a\", "
    "\"deleted\": true}]", "changes[0].seq" },
  { "[{\"seq\": 5, \"kind\": \"photo\"}]", "changes[0].kind" },
  { "[{\"seq\": 5, \"kind\": \"conflict\", \"conflict\": {\"id\": \"c\", \"table\": \"members\", "
    "\"row_id\": \"a\", \"column\": \"phone\", \"state\": \"open\", "
    "\"kept\": {\"value\": 1.5, \"device_id\": \"d\", \"revision\": 1}, "
    "\"pushed\": {\"value\": 1, \"device_id\": \"d\", \"op_id\": 1, \"base_revision\": 0}}}]",
    "changes[0].conflict.kept.value" },
  { "[{\"seq\": 5, \"kind\": \"conflict\", \"conflict\": {\"id\": \"c\", \"table\": \"members\", "
    "\"row_id\": \"a\", \"column\": \"phone\", \"state\": \"resolved\", "
    "\"kept\": {\"value\": 1, \"device_id\": \"d\", \"revision\": 1}, "
    "\"pushed\": {\"value\": 1, \"device_id\": \"d\", \"op_id\": 1, \"base_revision\": 0}}}]",
    "changes[0].conflict.resolution" },
  { "!{\"protocol\": 1, \"checkpoint\": 9, \"more\": false, \"server_sequence\": 9, "
    "\"changes\": [{\"seq\": 5, \"kind\": \"row\", \"table\": \"members\", \"row_id\": \"a\", "
    "\"deleted\": true}]}", "checkpoint" },
  { "!{\"protocol\": 1, \"checkpoint\": 4, \"more\": \"no\", \"server_sequence\": 9, "
    "\"changes\": []}", "more" },
  { "!{\"protocol\": 2, \"checkpoint\": 4, \"more\": false, \"server_sequence\": 9, "
    "\"changes\": []}", "Protocol 2" },
};

/* A page breaking the rules is refused whole, the error naming where. */
static void
test_page_malformed (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (bad_pages); i++)
    {
      g_autofree char *json = NULL;
      g_autoptr(GBytes) bytes = NULL;
      g_autoptr(GError) error = NULL;
      g_autoptr(ZbSyncPage) page = NULL;

      if (bad_pages[i].changes[0] == '!')
        json = g_strdup (bad_pages[i].changes + 1);
      else
        json = g_strdup_printf ("{\"protocol\": 1, \"checkpoint\": 5, \"more\": false, "
                                "\"server_sequence\": 5, \"changes\": %s}",
                                bad_pages[i].changes);
      bytes = bytes_of (json);
      page = zb_sync_page_new_from_bytes (bytes, 4, &error);
      g_test_message ("%u: %s", i, error ? error->message : "(accepted)");
      g_assert_null (page);
      g_assert_nonnull (error);
      g_assert_true (error->domain == ZB_SYNC_ERROR);
      g_assert_true (g_str_has_prefix (error->message, bad_pages[i].where));
    }
}

static ZbSyncBatch *
three_ops (void)
{
  ZbSyncBatch *batch = zb_sync_batch_new (DEVICE);

  for (gint64 id = 41; id <= 43; id++)
    {
      g_autoptr(ZbSyncOp) op = zb_sync_op_new (DEVICE, id, "measures", "m", ZB_SYNC_OP_DELETE,
                                               0, NULL);
      zb_sync_batch_add (batch, op);
    }

  return batch;
}

static void
test_results_round_trip (void)
{
  g_autoptr(ZbSyncBatch) batch = three_ops ();
  g_autoptr(GPtrArray) results = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) back = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;
  ZbSyncResult *r;
  gint64 sequence = 0;

  r = zb_sync_result_new (41, ZB_SYNC_RESULT_APPLIED, 1291);
  zb_sync_result_set_duplicate (r, TRUE);
  g_ptr_array_add (results, r);
  r = zb_sync_result_new (42, ZB_SYNC_RESULT_CONFLICT, 1293);
  zb_sync_result_set_conflicts (r, (const char *[]) { "f3a9", NULL });
  g_ptr_array_add (results, r);
  r = zb_sync_result_new (43, ZB_SYNC_RESULT_REJECTED, -1);
  zb_sync_result_set_error (r, "finalised", "会议已定稿");
  g_ptr_array_add (results, r);

  bytes = zb_sync_results_to_bytes (results, 1297);
  back = zb_sync_results_from_bytes (bytes, batch, &sequence, &error);
  g_assert_no_error (error);
  g_assert_cmpint (sequence, ==, 1297);
  g_assert_cmpuint (back->len, ==, 3);
  r = g_ptr_array_index (back, 0);
  g_assert_cmpint (zb_sync_result_get_status (r), ==, ZB_SYNC_RESULT_APPLIED);
  g_assert_true (zb_sync_result_is_duplicate (r));
  r = g_ptr_array_index (back, 1);
  g_assert_cmpstr (zb_sync_result_get_conflicts (r)[0], ==, "f3a9");
  r = g_ptr_array_index (back, 2);
  g_assert_cmpint (zb_sync_result_get_status (r), ==, ZB_SYNC_RESULT_REJECTED);
  g_assert_cmpint (zb_sync_result_get_revision (r), ==, -1);
  g_assert_cmpstr (zb_sync_result_get_error_code (r), ==, "finalised");
  g_assert_cmpstr (zb_sync_result_get_message (r), ==, "会议已定稿");
}

/* An answer that does not match the batch, one result per op in order,
 * is refused: the client cannot know which op it speaks of. */
static void
test_results_mismatch (void)
{
  g_autoptr(ZbSyncBatch) batch = three_ops ();
  const char *answers[] = {
    "{\"protocol\":1,\"server_sequence\":5,\"results\":[{\"op_id\":41,\"status\":\"applied\"}]}",
    "{\"protocol\":1,\"server_sequence\":5,\"results\":[{\"op_id\":41,\"status\":\"applied\"},"
    "{\"op_id\":43,\"status\":\"applied\"},{\"op_id\":42,\"status\":\"applied\"}]}",
    "{\"protocol\":1,\"server_sequence\":5,\"results\":[{\"op_id\":41,\"status\":\"applied\"},"
    "{\"op_id\":42,\"status\":\"done\"},{\"op_id\":43,\"status\":\"applied\"}]}",
    "{\"protocol\":1,\"server_sequence\":5,\"results\":[{\"op_id\":41,\"status\":\"applied\"},"
    "{\"op_id\":42,\"status\":\"rejected\"},{\"op_id\":43,\"status\":\"applied\"}]}",
  };

  for (guint i = 0; i < G_N_ELEMENTS (answers); i++)
    {
      g_autoptr(GBytes) bytes = bytes_of (answers[i]);
      g_autoptr(GError) error = NULL;
      g_autoptr(GPtrArray) results = NULL;
      gint64 sequence = 0;

      results = zb_sync_results_from_bytes (bytes, batch, &sequence, &error);
      g_assert_null (results);
      g_assert_error (error, ZB_SYNC_ERROR, ZB_SYNC_ERROR_MALFORMED);
    }
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/sync-feed/page/example", test_page_example);
  g_test_add_func ("/sync-feed/page/round-trip", test_page_round_trip);
  g_test_add_func ("/sync-feed/page/malformed", test_page_malformed);
  g_test_add_func ("/sync-feed/results/round-trip", test_results_round_trip);
  g_test_add_func ("/sync-feed/results/mismatch", test_results_mismatch);

  return g_test_run ();
}
