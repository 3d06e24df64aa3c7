#define G_LOG_DOMAIN "test-sync-protocol"

#include "config.h"

#include <locale.h>
#include <string.h>

#include "zb-sync-batch.h"
#include "zb-sync-gzip.h"
#include "zb-sync-protocol.h"

#define DEVICE "6f1c2b9e-3d4a-4e5f-8a7b-1c2d3e4f5a6b"

static GBytes *
bytes_of (const char *text)
{
  return g_bytes_new (text, strlen (text));
}

static ZbSyncOp *
member_update (gint64      op_id,
               const char *phone)
{
  g_autoptr(JsonObject) fields = json_object_new ();

  json_object_set_string_member (fields, "phone", phone);
  json_object_set_int_member (fields, "flowing", 1);
  json_object_set_null_member (fields, "post");
  return zb_sync_op_new (DEVICE, op_id, "members", "a2f1c0de-0000-4000-8000-000000000001",
                         ZB_SYNC_OP_UPDATE, 17, fields);
}

static ZbSyncBatch *
decode (const char *json,
        GError    **error)
{
  g_autoptr(GBytes) bytes = bytes_of (json);

  return zb_sync_batch_new_from_bytes (bytes, error);
}

/* Ops of the three kinds go out and come back the same, values typed. */
static void
test_round_trip (void)
{
  g_autoptr(ZbSyncBatch) batch = zb_sync_batch_new (DEVICE);
  g_autoptr(JsonObject) fields = json_object_new ();
  g_autoptr(ZbSyncOp) insert = NULL, update = NULL, remove = NULL;
  g_autoptr(ZbSyncBatch) back = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;
  ZbSyncOp *op;
  JsonObject *f;

  json_object_set_string_member (fields, "title", "学习贯彻党的二十届三中全会精神");
  json_object_set_int_member (fields, "position", 3);
  json_object_set_null_member (fields, "minutes");
  insert = zb_sync_op_new (DEVICE, 41, "agenda_items", "row-1", ZB_SYNC_OP_INSERT, 0, fields);
  update = member_update (42, "13900001111");
  zb_sync_op_set_resolves (update, "c-9");
  remove = zb_sync_op_new (DEVICE, 45, "measures", "row-3", ZB_SYNC_OP_DELETE, 88, NULL);
  zb_sync_batch_add (batch, insert);
  zb_sync_batch_add (batch, update);
  zb_sync_batch_add (batch, remove);

  bytes = zb_sync_batch_to_bytes (batch, &error);
  g_assert_no_error (error);
  back = zb_sync_batch_new_from_bytes (bytes, &error);
  g_assert_no_error (error);

  g_assert_cmpstr (zb_sync_batch_get_device_id (back), ==, DEVICE);
  g_assert_cmpuint (zb_sync_batch_get_n_ops (back), ==, 3);

  op = zb_sync_batch_get_op (back, 0);
  g_assert_cmpstr (zb_sync_op_get_device_id (op), ==, DEVICE);
  g_assert_cmpint (zb_sync_op_get_op_id (op), ==, 41);
  g_assert_cmpstr (zb_sync_op_get_table (op), ==, "agenda_items");
  g_assert_cmpstr (zb_sync_op_get_row_id (op), ==, "row-1");
  g_assert_cmpint (zb_sync_op_get_kind (op), ==, ZB_SYNC_OP_INSERT);
  g_assert_cmpint (zb_sync_op_get_base_revision (op), ==, 0);
  f = zb_sync_op_get_fields (op);
  g_assert_cmpstr (json_object_get_string_member (f, "title"), ==,
                   "学习贯彻党的二十届三中全会精神");
  g_assert_cmpint (json_object_get_int_member (f, "position"), ==, 3);
  g_assert_true (json_object_get_null_member (f, "minutes"));
  g_assert_null (zb_sync_op_get_resolves (op));

  op = zb_sync_batch_get_op (back, 1);
  g_assert_cmpint (zb_sync_op_get_kind (op), ==, ZB_SYNC_OP_UPDATE);
  g_assert_cmpint (zb_sync_op_get_base_revision (op), ==, 17);
  g_assert_cmpstr (zb_sync_op_get_resolves (op), ==, "c-9");
  g_assert_cmpstr (json_object_get_string_member (zb_sync_op_get_fields (op), "phone"), ==,
                   "13900001111");

  op = zb_sync_batch_get_op (back, 2);
  g_assert_cmpint (zb_sync_op_get_kind (op), ==, ZB_SYNC_OP_DELETE);
  g_assert_cmpint (zb_sync_op_get_base_revision (op), ==, 88);
  g_assert_null (zb_sync_op_get_fields (op));
}

/* The wire form is the one PROTOCOL.md shows. */
static void
test_wire_form (void)
{
  g_autoptr(ZbSyncBatch) batch = zb_sync_batch_new (DEVICE);
  g_autoptr(ZbSyncOp) remove = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;

  remove = zb_sync_op_new (DEVICE, 7, "measures", "m-1", ZB_SYNC_OP_DELETE, 3, NULL);
  zb_sync_batch_add (batch, remove);
  bytes = zb_sync_batch_to_bytes (batch, &error);
  g_assert_no_error (error);
  text = g_strndup (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
  g_assert_cmpstr (text, ==, "{\"protocol\":1,\"device_id\":\"" DEVICE "\",\"ops\":"
                             "[{\"op_id\":7,\"table\":\"measures\",\"row_id\":\"m-1\","
                             "\"op\":\"delete\",\"base_revision\":3}]}");
}

static void
test_limits (void)
{
  g_autoptr(ZbSyncBatch) full = zb_sync_batch_new (DEVICE);
  g_autoptr(ZbSyncBatch) back = NULL;
  g_autoptr(ZbSyncBatch) empty = zb_sync_batch_new (DEVICE);
  g_autoptr(ZbSyncOp) extra = member_update (1000, "1");
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GBytes) over = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) json = NULL;

  for (guint i = 0; i < ZB_SYNC_MAX_OPS; i++)
    {
      g_autoptr(ZbSyncOp) op = member_update (i + 1, "13900001111");
      zb_sync_batch_add (full, op);
    }
  bytes = zb_sync_batch_to_bytes (full, &error);
  g_assert_no_error (error);
  back = zb_sync_batch_new_from_bytes (bytes, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (zb_sync_batch_get_n_ops (back), ==, ZB_SYNC_MAX_OPS);

  /* One more, either way. */
  zb_sync_batch_add (full, extra);
  g_assert_null (zb_sync_batch_to_bytes (full, &error));
  g_assert_error (error, ZB_SYNC_ERROR, ZB_SYNC_ERROR_TOO_MANY_OPS);
  g_clear_error (&error);

  json = g_string_new (g_bytes_get_data (bytes, NULL));
  g_string_truncate (json, g_bytes_get_size (bytes) - 2);
  g_string_append (json, ",{\"op_id\":9999,\"table\":\"members\",\"row_id\":\"x\","
                         "\"op\":\"delete\",\"base_revision\":0}]}");
  over = bytes_of (json->str);
  g_assert_null (zb_sync_batch_new_from_bytes (over, &error));
  g_assert_error (error, ZB_SYNC_ERROR, ZB_SYNC_ERROR_TOO_MANY_OPS);
  g_assert_cmpuint (zb_sync_error_http_status (error), ==, 413);
  g_clear_error (&error);

  g_assert_null (zb_sync_batch_to_bytes (empty, &error));
  g_assert_error (error, ZB_SYNC_ERROR, ZB_SYNC_ERROR_MALFORMED);
}

/* An op over 512 KiB is refused by the client before sending and by the
 * server on receiving, named by its index. */
static void
test_op_too_large (void)
{
  g_autoptr(ZbSyncBatch) batch = zb_sync_batch_new (DEVICE);
  g_autoptr(ZbSyncOp) small = member_update (1, "1");
  g_autoptr(ZbSyncOp) large = NULL;
  g_autoptr(GString) text = g_string_new (NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *json = NULL;

  while (text->len <= ZB_SYNC_MAX_OP_BYTES)
    g_string_append (text, "会议记录");
  large = member_update (2, text->str);
  g_assert_cmpuint (zb_sync_op_get_encoded_size (large), >, ZB_SYNC_MAX_OP_BYTES);
  g_assert_cmpuint (zb_sync_op_get_encoded_size (small), <, 200);
  zb_sync_batch_add (batch, small);
  zb_sync_batch_add (batch, large);

  g_assert_null (zb_sync_batch_to_bytes (batch, &error));
  g_assert_error (error, ZB_SYNC_ERROR, ZB_SYNC_ERROR_TOO_LARGE);
  g_assert_true (g_str_has_prefix (error->message, "ops[1]"));
  g_clear_error (&error);

  json = g_strdup_printf ("{\"protocol\":1,\"device_id\":\"" DEVICE "\",\"ops\":["
                          "{\"op_id\":1,\"table\":\"members\",\"row_id\":\"r\",\"op\":\"update\","
                          "\"base_revision\":0,\"fields\":{\"phone\":\"%s\"}}]}", text->str);
  g_assert_null (decode (json, &error));
  g_assert_error (error, ZB_SYNC_ERROR, ZB_SYNC_ERROR_TOO_LARGE);
  g_assert_true (g_str_has_prefix (error->message, "ops[0]"));
}

typedef struct
{
  const char *ops;       /* the "ops" member, or a whole body when it starts with '!' */
  int         code;      /* a ZbSyncError */
  const char *where;     /* how the message begins */
} Bad;

#define OP(fields) \
  "{\"op_id\":1,\"table\":\"members\",\"row_id\":\"r1\",\"op\":\"update\"," \
  "\"base_revision\":2,\"fields\":" fields "}"

static const Bad bad_bodies[] = {
  { "!{\"protocol\": 1,", ZB_SYNC_ERROR_MALFORMED, "The body is not valid JSON" },
  { "!", ZB_SYNC_ERROR_MALFORMED, "The body is empty" },
  { "![1, 2]", ZB_SYNC_ERROR_MALFORMED, "A push body" },
  { "!{\"device_id\":\"" DEVICE "\",\"ops\":[]}", ZB_SYNC_ERROR_MALFORMED, "protocol" },
  { "!{\"protocol\":\"1\",\"device_id\":\"" DEVICE "\",\"ops\":[]}", ZB_SYNC_ERROR_MALFORMED,
    "protocol" },
  { "!{\"protocol\":2,\"device_id\":\"" DEVICE "\",\"ops\":[]}",
    ZB_SYNC_ERROR_UNSUPPORTED_PROTOCOL, "Protocol 2" },
  { "!{\"protocol\":1,\"device_id\":\"pc-1\",\"ops\":[]}", ZB_SYNC_ERROR_MALFORMED, "device_id" },
  { "!{\"protocol\":1,\"device_id\":\"" DEVICE "\",\"ops\":{}}", ZB_SYNC_ERROR_MALFORMED, "ops:" },
  { "[]", ZB_SYNC_ERROR_MALFORMED, "ops:" },
  { "[" OP ("{}") ", 7]", ZB_SYNC_ERROR_MALFORMED, "ops[1]:" },
  { "[{\"table\":\"members\",\"row_id\":\"r\",\"op\":\"delete\",\"base_revision\":0}]",
    ZB_SYNC_ERROR_MALFORMED, "ops[0].op_id:" },
  { "[{\"op_id\":0,\"table\":\"members\",\"row_id\":\"r\",\"op\":\"delete\","
    "\"base_revision\":0}]", ZB_SYNC_ERROR_MALFORMED, "ops[0].op_id:" },
  { "[{\"op_id\":1.5,\"table\":\"members\",\"row_id\":\"r\",\"op\":\"delete\","
    "\"base_revision\":0}]", ZB_SYNC_ERROR_MALFORMED, "ops[0].op_id:" },
  { "[{\"op_id\":1,\"table\":\"Members\",\"row_id\":\"r\",\"op\":\"delete\","
    "\"base_revision\":0}]", ZB_SYNC_ERROR_MALFORMED, "ops[0].table:" },
  { "[{\"op_id\":1,\"table\":\"members;drop\",\"row_id\":\"r\",\"op\":\"delete\","
    "\"base_revision\":0}]", ZB_SYNC_ERROR_MALFORMED, "ops[0].table:" },
  { "[{\"op_id\":1,\"table\":\"members\",\"row_id\":\"\",\"op\":\"delete\","
    "\"base_revision\":0}]", ZB_SYNC_ERROR_MALFORMED, "ops[0].row_id:" },
  { "[{\"op_id\":1,\"table\":\"members\",\"row_id\":\"r\",\"op\":\"upsert\","
    "\"base_revision\":0}]", ZB_SYNC_ERROR_MALFORMED, "ops[0].op:" },
  { "[{\"op_id\":1,\"table\":\"members\",\"row_id\":\"r\",\"op\":\"delete\","
    "\"base_revision\":-1}]", ZB_SYNC_ERROR_MALFORMED, "ops[0].base_revision:" },
  { "[{\"op_id\":1,\"table\":\"members\",\"row_id\":\"r\",\"op\":\"update\","
    "\"base_revision\":0}]", ZB_SYNC_ERROR_MALFORMED, "ops[0].fields:" },
  { "[{\"op_id\":1,\"table\":\"members\",\"row_id\":\"r\",\"op\":\"delete\","
    "\"base_revision\":0,\"fields\":{}}]", ZB_SYNC_ERROR_MALFORMED, "ops[0].fields:" },
  { "[{\"op_id\":1,\"table\":\"members\",\"row_id\":\"r\",\"op\":\"delete\","
    "\"base_revision\":0,\"resolves\":\"c1\"}]", ZB_SYNC_ERROR_MALFORMED, "ops[0].resolves:" },
  { "[{\"op_id\":1,\"table\":\"members\",\"row_id\":\"r\",\"op\":\"update\","
    "\"base_revision\":0,\"fields\":{},\"resolves\":5}]", ZB_SYNC_ERROR_MALFORMED,
    "ops[0].resolves:" },
  { "[" OP ("{\"flowing\": 1.5}") "]", ZB_SYNC_ERROR_MALFORMED, "ops[0].fields.flowing:" },
  { "[" OP ("{\"flowing\": true}") "]", ZB_SYNC_ERROR_MALFORMED, "ops[0].fields.flowing:" },
  { "[" OP ("{\"name\": {\"a\": 1}}") "]", ZB_SYNC_ERROR_MALFORMED, "ops[0].fields.name:" },
  { "[" OP ("{\"name\": [\"张\"]}") "]", ZB_SYNC_ERROR_MALFORMED, "ops[0].fields.name:" },
  { "[" OP ("{\"Name\": \"x\"}") "]", ZB_SYNC_ERROR_MALFORMED, "ops[0].fields.Name:" },
  { "[" OP ("{}") "," OP ("{}") "]", ZB_SYNC_ERROR_MALFORMED, "ops[1].op_id:" },
};

/* Each error is the right one and names the op and member at fault. */
static void
test_malformed (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (bad_bodies); i++)
    {
      const Bad *bad = &bad_bodies[i];
      g_autofree char *json = NULL;
      g_autoptr(GError) error = NULL;
      g_autoptr(ZbSyncBatch) batch = NULL;

      if (bad->ops[0] == '!')
        json = g_strdup (bad->ops + 1);
      else
        json = g_strdup_printf ("{\"protocol\":1,\"device_id\":\"" DEVICE "\",\"ops\":%s}",
                                bad->ops);

      batch = decode (json, &error);
      g_test_message ("%u: %s", i, error ? error->message : "(accepted)");
      g_assert_null (batch);
      g_assert_error (error, ZB_SYNC_ERROR, bad->code);
      g_assert_true (g_str_has_prefix (error->message, bad->where));
    }
}

/* The good form of the bodies above passes, so that each failure is the
 * fault the case names and not another. */
static void
test_well_formed (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ZbSyncBatch) batch = NULL;

  batch = decode ("{\"protocol\":1,\"device_id\":\"" DEVICE "\",\"extension\":{\"x\":[1]},"
                  "\"ops\":[" OP ("{\"flowing\": 1, \"name\": \"张\", \"post\": null}") "]}",
                  &error);
  g_assert_no_error (error);
  g_assert_cmpuint (zb_sync_batch_get_n_ops (batch), ==, 1);
}

/* json-glib parses recursively and would overflow its stack on a few
 * hundred kilobytes of brackets; the depth is refused before that. */
static void
test_nesting_bomb (void)
{
  gsize n = 1024 * 1024;
  g_autoptr(GString) json = g_string_sized_new (2 * n + 64);
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(ZbSyncBatch) batch = NULL;

  g_string_append (json, "{\"protocol\":1,\"device_id\":\"" DEVICE "\",\"ops\":");
  for (gsize i = 0; i < n; i++)
    g_string_append_c (json, '[');
  for (gsize i = 0; i < n; i++)
    g_string_append_c (json, ']');
  g_string_append_c (json, '}');

  bytes = bytes_of (json->str);
  g_assert_null (zb_sync_batch_new_from_bytes (bytes, &error));
  g_assert_error (error, ZB_SYNC_ERROR, ZB_SYNC_ERROR_MALFORMED);
  g_assert_nonnull (strstr (error->message, "nested"));

  /* Brackets inside strings are text, not depth. */
  g_clear_error (&error);
  g_clear_pointer (&bytes, g_bytes_unref);
  g_string_printf (json, "{\"protocol\":1,\"device_id\":\"" DEVICE "\",\"ops\":["
                   OP ("{\"name\": \"[[[[[[[[[[[[[[[[[[[[\\\"{{{{{{{{{{{{{{{{{{{{\"}") "]}");
  bytes = bytes_of (json->str);
  batch = zb_sync_batch_new_from_bytes (bytes, &error);
  g_assert_no_error (error);
  g_assert_nonnull (batch);
}

static void
test_not_utf8 (void)
{
  const char json[] = "{\"protocol\":1,\"device_id\":\"" DEVICE "\",\"ops\":["
                      OP ("{\"name\": \"\xe5\x88\"}") "]}";
  g_autoptr(GError) error = NULL;

  g_assert_null (decode (json, &error));
  g_assert_error (error, ZB_SYNC_ERROR, ZB_SYNC_ERROR_MALFORMED);
  g_assert_nonnull (strstr (error->message, "UTF-8"));
}

/* One object or array and nothing after it: blank text has no root (json-glib
 * then gave a critical), and a second value leaks in json-glib (found by
 * tests/fuzz). A test for the leak itself needs the ASan build. */
static void
test_one_value (void)
{
  const char *bad[] = {
    "   ",
    "\n",
    "1",
    "1 {\"a\": {}}",
    "{\"protocol\": 1}{\"a\": {}}",
    "[{}] [{}]",
    "{\"protocol\": 1} x",
  };
  const char *good[] = {
    " {\"a\": \"}{\"}\n",
    "[{\"a\": \"\\\"}\"}]",
  };

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(GBytes) json = g_bytes_new_static (bad[i], strlen (bad[i]));
      g_autoptr(GError) error = NULL;
      g_autoptr(JsonNode) node = zb_sync_parse_json (json, &error);

      g_assert_null (node);
      g_assert_error (error, ZB_SYNC_ERROR, ZB_SYNC_ERROR_MALFORMED);
    }
  for (guint i = 0; i < G_N_ELEMENTS (good); i++)
    {
      g_autoptr(GBytes) json = g_bytes_new_static (good[i], strlen (good[i]));
      g_autoptr(GError) error = NULL;
      g_autoptr(JsonNode) node = zb_sync_parse_json (json, &error);

      g_assert_no_error (error);
      g_assert_nonnull (node);
    }
}

static GBytes *
compress (GBytes *data)
{
  g_autoptr(GError) error = NULL;
  GBytes *gz = zb_sync_gzip_compress (data, &error);

  g_assert_no_error (error);
  return gz;
}

static void
test_gzip_round_trip (void)
{
  g_autoptr(ZbSyncBatch) batch = zb_sync_batch_new (DEVICE);
  g_autoptr(GBytes) json = NULL, gz = NULL, back = NULL, empty = NULL, gz_empty = NULL;
  g_autoptr(GBytes) empty_back = NULL;
  g_autoptr(GError) error = NULL;
  const guint8 *head;

  for (guint i = 0; i < 300; i++)
    {
      g_autoptr(ZbSyncOp) op = member_update (i + 1, "13900001111");
      zb_sync_batch_add (batch, op);
    }
  json = zb_sync_batch_to_bytes (batch, &error);
  g_assert_no_error (error);
  gz = compress (json);

  /* A gzip member (RFC 1952), far smaller than the repetitive JSON. */
  head = g_bytes_get_data (gz, NULL);
  g_assert_cmphex (head[0], ==, 0x1f);
  g_assert_cmphex (head[1], ==, 0x8b);
  g_assert_cmpuint (g_bytes_get_size (gz) * 10, <, g_bytes_get_size (json));

  back = zb_sync_gzip_decompress (gz, ZB_SYNC_MAX_DECODED, &error);
  g_assert_no_error (error);
  g_assert_true (g_bytes_equal (back, json));

  empty = g_bytes_new (NULL, 0);
  gz_empty = compress (empty);
  empty_back = zb_sync_gzip_decompress (gz_empty, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_bytes_get_size (empty_back), ==, 0);
}

/* The cap holds to the byte. */
static void
test_gzip_cap (void)
{
  g_autoptr(GBytes) data = NULL, gz = NULL, exact = NULL, over = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree guint8 *buf = g_malloc (200000);
  g_autoptr(GRand) rand = g_rand_new_with_seed (4);

  for (guint i = 0; i < 200000; i++)
    buf[i] = g_rand_int_range (rand, 0, 256);
  data = g_bytes_new (buf, 200000);
  gz = compress (data);

  exact = zb_sync_gzip_decompress (gz, 200000, &error);
  g_assert_no_error (error);
  g_assert_true (g_bytes_equal (exact, data));

  over = zb_sync_gzip_decompress (gz, 199999, &error);
  g_assert_null (over);
  g_assert_error (error, ZB_SYNC_ERROR, ZB_SYNC_ERROR_TOO_LARGE);
}

/* A body of a few hundred kilobytes that inflates to 64 MiB of zeros stops
 * at the cap with its own error, 413 on the wire. */
static void
test_gzip_bomb (void)
{
  g_autoptr(GZlibCompressor) compressor =
    g_zlib_compressor_new (G_ZLIB_COMPRESSOR_FORMAT_GZIP, 9);
  g_autoptr(GByteArray) bomb = g_byte_array_new ();
  g_autofree guint8 *zeros = g_malloc0 (1024 * 1024);
  guint8 out[64 * 1024];
  g_autoptr(GBytes) gz = NULL;
  g_autoptr(GError) error = NULL;

  for (guint mib = 0; mib < 64; mib++)
    {
      const guint8 *in = zeros;
      gsize left = 1024 * 1024;
      GConverterFlags flags = mib == 63 ? G_CONVERTER_INPUT_AT_END : G_CONVERTER_NO_FLAGS;
      GConverterResult result;

      do
        {
          gsize read = 0, written = 0;

          result = g_converter_convert (G_CONVERTER (compressor), in, left, out, sizeof out,
                                        flags, &read, &written, &error);
          g_assert_no_error (error);
          g_byte_array_append (bomb, out, written);
          in += read;
          left -= read;
        }
      while (left > 0 || (flags && result != G_CONVERTER_FINISHED));
    }

  gz = g_byte_array_free_to_bytes (g_steal_pointer (&bomb));
  g_assert_cmpuint (g_bytes_get_size (gz), <, ZB_SYNC_MAX_BODY);

  g_assert_null (zb_sync_gzip_decompress (gz, ZB_SYNC_MAX_DECODED, &error));
  g_assert_error (error, ZB_SYNC_ERROR, ZB_SYNC_ERROR_TOO_LARGE);
  g_assert_cmpuint (zb_sync_error_http_status (error), ==, 413);
  g_assert_cmpstr (zb_sync_error_code (error), ==, "too_large");
}

static void
assert_bad_gzip (GBytes *data)
{
  g_autoptr(GError) error = NULL;

  g_assert_null (zb_sync_gzip_decompress (data, ZB_SYNC_MAX_DECODED, &error));
  g_assert_error (error, ZB_SYNC_ERROR, ZB_SYNC_ERROR_MALFORMED);
  g_assert_cmpuint (zb_sync_error_http_status (error), ==, 400);
}

/* Not gzip, cut short, corrupt, or followed by more: malformed, 400. */
static void
test_gzip_malformed (void)
{
  g_autoptr(GBytes) text = bytes_of ("{\"protocol\":1,\"device_id\":\"" DEVICE "\",\"ops\":[]}");
  g_autoptr(GBytes) gz = compress (text);
  gsize len = g_bytes_get_size (gz);
  const guint8 *data = g_bytes_get_data (gz, NULL);
  g_autoptr(GBytes) empty = g_bytes_new (NULL, 0);
  g_autoptr(GBytes) cut = g_bytes_new_from_bytes (gz, 0, len - 6);
  g_autoptr(GByteArray) corrupt = g_byte_array_new ();
  g_autoptr(GByteArray) twice = g_byte_array_new ();
  g_autoptr(GBytes) corrupt_bytes = NULL, twice_bytes = NULL;

  assert_bad_gzip (text);
  assert_bad_gzip (empty);
  assert_bad_gzip (cut);

  g_byte_array_append (corrupt, data, len);
  corrupt->data[len - 5] ^= 0xff;   /* the length in the trailer */
  corrupt_bytes = g_byte_array_free_to_bytes (g_steal_pointer (&corrupt));
  assert_bad_gzip (corrupt_bytes);

  g_byte_array_append (twice, data, len);
  g_byte_array_append (twice, data, len);
  twice_bytes = g_byte_array_free_to_bytes (g_steal_pointer (&twice));
  assert_bad_gzip (twice_bytes);
}

static void
test_error_body (void)
{
  g_autoptr(GError) error = g_error_new (ZB_SYNC_ERROR, ZB_SYNC_ERROR_TOO_MANY_OPS,
                                         "ops: 501 ops, but a push carries at most 500");
  g_autoptr(GError) io = g_error_new_literal (G_IO_ERROR, G_IO_ERROR_FAILED, "disk full");
  g_autoptr(GBytes) body = zb_sync_error_body_new (error);
  g_autoptr(GBytes) io_body = zb_sync_error_body_new (io);
  g_autoptr(GBytes) odd = bytes_of ("{\"error\": {\"code\": 1}, \"message\": [2]}");
  g_autoptr(GError) back = NULL, io_back = NULL, gateway = NULL, odd_back = NULL;
  g_autofree char *text = g_strndup (g_bytes_get_data (body, NULL), g_bytes_get_size (body));

  g_assert_cmpstr (text, ==, "{\"protocol\":1,\"error\":\"too_many_ops\","
                             "\"message\":\"ops: 501 ops, but a push carries at most 500\"}");
  g_assert_cmpuint (zb_sync_error_http_status (error), ==, 413);

  /* The client reads it back as the error it was. */
  back = zb_sync_error_from_response (413, body);
  g_assert_error (back, ZB_SYNC_ERROR, ZB_SYNC_ERROR_TOO_MANY_OPS);
  g_assert_cmpstr (back->message, ==, error->message);
  g_assert_false (zb_sync_error_is_transient (back));

  /* The server's own failures are 500, to be tried again. */
  g_assert_cmpuint (zb_sync_error_http_status (io), ==, 500);
  io_back = zb_sync_error_from_response (500, io_body);
  g_assert_error (io_back, ZB_SYNC_ERROR, ZB_SYNC_ERROR_INTERNAL);
  g_assert_true (zb_sync_error_is_transient (io_back));

  /* A proxy's 502 without a body of ours; a body of the wrong shape. */
  gateway = zb_sync_error_from_response (502, NULL);
  g_assert_error (gateway, ZB_SYNC_ERROR, ZB_SYNC_ERROR_UNAVAILABLE);
  g_assert_true (zb_sync_error_is_transient (gateway));
  odd_back = zb_sync_error_from_response (403, odd);
  g_assert_error (odd_back, ZB_SYNC_ERROR, ZB_SYNC_ERROR_FORBIDDEN);
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/sync-protocol/batch/round-trip", test_round_trip);
  g_test_add_func ("/sync-protocol/batch/wire-form", test_wire_form);
  g_test_add_func ("/sync-protocol/batch/limits", test_limits);
  g_test_add_func ("/sync-protocol/batch/op-too-large", test_op_too_large);
  g_test_add_func ("/sync-protocol/batch/malformed", test_malformed);
  g_test_add_func ("/sync-protocol/batch/well-formed", test_well_formed);
  g_test_add_func ("/sync-protocol/json/nesting-bomb", test_nesting_bomb);
  g_test_add_func ("/sync-protocol/json/not-utf8", test_not_utf8);
  g_test_add_func ("/sync-protocol/json/one-value", test_one_value);
  g_test_add_func ("/sync-protocol/gzip/round-trip", test_gzip_round_trip);
  g_test_add_func ("/sync-protocol/gzip/cap", test_gzip_cap);
  g_test_add_func ("/sync-protocol/gzip/bomb", test_gzip_bomb);
  g_test_add_func ("/sync-protocol/gzip/malformed", test_gzip_malformed);
  g_test_add_func ("/sync-protocol/error-body", test_error_body);

  return g_test_run ();
}
