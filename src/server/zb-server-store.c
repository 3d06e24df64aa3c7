#define G_LOG_DOMAIN "zb-server-store"

#include "config.h"

#include <sys/random.h>

#include <glib/gi18n.h>

#include "zb-canonical-json.h"
#include "zb-server-schema.h"
#include "zb-server-store-private.h"
#include "zb-sync-protocol.h"

#define TOKEN_PREFIX "zbt1_"
#define CODE_LENGTH  16

G_DEFINE_FINAL_TYPE (ZbServerStore, zb_server_store, G_TYPE_OBJECT)

void
zb_server_device_free (ZbServerDevice *device)
{
  g_free (device->device_id);
  g_free (device->device_name);
  g_free (device->branch_id);
  g_free (device->branch_name);
  g_free (device);
}

char *
zb_server_now (void)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();

  return g_date_time_format (now, "%Y-%m-%dT%H:%M:%SZ");
}

static char *
sha256_hex (const char *text)
{
  return g_compute_checksum_for_string (G_CHECKSUM_SHA256, text, -1);
}

static gboolean
random_bytes (guint8  *buffer,
              gsize    length,
              GError **error)
{
  if (getrandom (buffer, length, 0) == (ssize_t) length)
    return TRUE;

  g_set_error (error, G_IO_ERROR, g_io_error_from_errno (errno),
               _("Could not read random bytes: %s"), g_strerror (errno));
  return FALSE;
}

/* Takes the branch's next server sequence number; the caller is inside the
 * push's transaction, which holds the branch's row. */
gboolean
zb_server_next_seq (ZbServerStore  *self,
                    const char     *branch_id,
                    gint64         *seq,
                    GError        **error)
{
  g_autofree char *value = NULL;
  g_autoptr(GError) local_error = NULL;

  if (!zb_server_db_exec (self->db, "UPDATE branches SET seq = seq + 1 WHERE id = ?",
                          ZB_PARAMS (branch_id), NULL, error))
    return FALSE;

  value = zb_server_db_query_value (self->db, "SELECT seq FROM branches WHERE id = ?",
                                    ZB_PARAMS (branch_id), &local_error);
  if (value == NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  *seq = g_ascii_strtoll (value, NULL, 10);
  return TRUE;
}

JsonNode *
zb_server_parse_fields (const char *json)
{
  g_autoptr(JsonParser) parser = json_parser_new ();

  if (json == NULL || !json_parser_load_from_data (parser, json, -1, NULL))
    return zb_sync_node_take_object (json_object_new ());
  return json_node_ref (json_parser_get_root (parser));
}

/* Fields as stored: canonical JSON, so that equal rows are equal text. */
char *
zb_server_fields_to_json (JsonObject *fields)
{
  g_autoptr(JsonNode) node = json_node_init_object (json_node_alloc (), fields);

  return zb_canonical_json (node);
}

/* Crockford's base 32: no I, L, O or U, so a code read aloud or copied by
 * hand is not misread (PROTOCOL.md 3.2). */
static char *
make_code (GError **error)
{
  static const char alphabet[] = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
  guint8 bytes[CODE_LENGTH];
  GString *code = g_string_new (NULL);

  if (!random_bytes (bytes, sizeof bytes, error))
    {
      g_string_free (code, TRUE);
      return NULL;
    }
  for (guint i = 0; i < CODE_LENGTH; i++)
    {
      if (i > 0 && i % 4 == 0)
        g_string_append_c (code, '-');
      g_string_append_c (code, alphabet[bytes[i] % 32]);
    }
  return g_string_free (code, FALSE);
}

/* Case, spaces and hyphens do not matter. */
static char *
normalise_code (const char *code)
{
  GString *text = g_string_new (NULL);

  for (const char *p = code; p && *p; p++)
    if (g_ascii_isalnum (*p))
      g_string_append_c (text, g_ascii_toupper (*p));
  return g_string_free (text, FALSE);
}

static char *
make_token (GError **error)
{
  guint8 bytes[32];
  g_autofree char *encoded = NULL;

  if (!random_bytes (bytes, sizeof bytes, error))
    return NULL;

  encoded = g_base64_encode (bytes, sizeof bytes);
  g_strdelimit (encoded, "+", '-');
  g_strdelimit (encoded, "/", '_');
  g_strdelimit (encoded, "=", '\0');
  return g_strconcat (TOKEN_PREFIX, encoded, NULL);
}

static void
zb_server_store_dispose (GObject *object)
{
  ZbServerStore *self = (ZbServerStore *)object;

  g_clear_object (&self->db);
  g_clear_object (&self->records);

  G_OBJECT_CLASS (zb_server_store_parent_class)->dispose (object);
}

static void
zb_server_store_class_init (ZbServerStoreClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = zb_server_store_dispose;
}

static void
zb_server_store_init (ZbServerStore *self)
{
}

ZbServerStore *
zb_server_store_new (ZbServerDb  *db,
                     GError     **error)
{
  g_autoptr(ZbServerStore) self = g_object_new (ZB_TYPE_SERVER_STORE, NULL);

  self->db = g_object_ref (db);
  if (!zb_server_schema_upgrade (db, error) ||
      (self->records = zb_server_records_new (error)) == NULL)
    return NULL;

  return g_steal_pointer (&self);
}

ZbServerDb *
zb_server_store_get_db (ZbServerStore *self)
{
  return self->db;
}

char *
zb_server_store_add_branch (ZbServerStore  *self,
                            const char     *name,
                            GError        **error)
{
  g_autofree char *id = g_uuid_string_random ();
  g_autofree char *now = zb_server_now ();
  g_autoptr(GError) local_error = NULL;

  if (zb_server_db_exec (self->db, "INSERT INTO branches (id, name, created_at) VALUES (?, ?, ?)",
                         ZB_PARAMS (id, name, now), NULL, &local_error))
    return g_steal_pointer (&id);

  if (g_error_matches (local_error, ZB_SERVER_DB_ERROR, ZB_SERVER_DB_ERROR_CONSTRAINT))
    g_set_error (error, ZB_SERVER_DB_ERROR, ZB_SERVER_DB_ERROR_CONSTRAINT,
                 _("A branch called “%s” exists already"), name);
  else
    g_propagate_error (error, g_steal_pointer (&local_error));
  return NULL;
}

/* A one-time enrolment code for a PC of the branch; only its hash is kept. */
char *
zb_server_store_new_code (ZbServerStore  *self,
                          const char     *branch_name,
                          gint64          lifetime_seconds,
                          GError        **error)
{
  g_autofree char *branch_id = NULL;
  g_autofree char *code = NULL, *hash = NULL, *normal = NULL;
  g_autofree char *now = zb_server_now ();
  g_autofree char *expires = NULL;
  g_autoptr(GDateTime) until = NULL;
  g_autoptr(GDateTime) utc = g_date_time_new_now_utc ();
  g_autoptr(GError) local_error = NULL;

  branch_id = zb_server_db_query_value (self->db, "SELECT id FROM branches WHERE name = ?",
                                        ZB_PARAMS (branch_name), &local_error);
  if (branch_id == NULL)
    {
      if (local_error != NULL)
        g_propagate_error (error, g_steal_pointer (&local_error));
      else
        g_set_error (error, ZB_SERVER_DB_ERROR, ZB_SERVER_DB_ERROR_FAILED,
                     _("No branch is called “%s”; add it with “zhibu-server branch add”"),
                     branch_name);
      return NULL;
    }

  if ((code = make_code (error)) == NULL)
    return NULL;
  normal = normalise_code (code);
  hash = sha256_hex (normal);
  until = g_date_time_add_seconds (utc, lifetime_seconds);
  expires = g_date_time_format (until, "%Y-%m-%dT%H:%M:%SZ");
  if (!zb_server_db_exec (self->db, "INSERT INTO enrolment_codes (code_hash, branch_id, "
                                    "expires_at, created_at) VALUES (?, ?, ?, ?)",
                          ZB_PARAMS (hash, branch_id, expires, now), NULL, error))
    return NULL;

  return g_steal_pointer (&code);
}

static gboolean
refuse_enrolment (GError **error)
{
  /* One message for unknown, used and expired codes: codes cannot be probed. */
  g_set_error_literal (error, ZB_SYNC_ERROR, ZB_SYNC_ERROR_ENROLMENT_REFUSED,
                       _("The enrolment code is not valid: it is unknown, used or expired. "
                         "Ask the server's administrator for a new one"));
  return FALSE;
}

/* Marks the code used by @device_id, whatever comes of it: a code shown to
 * the wrong person must not be tried again with another device ID. The
 * branch it admits to. */
static char *
take_code (ZbServerStore  *self,
           const char     *hash,
           const char     *device_id,
           GError        **error)
{
  g_autofree char *now = zb_server_now ();
  g_autoptr(ZbServerResult) found = NULL;
  guint64 changes = 0;

  found = zb_server_db_query (self->db, "SELECT branch_id FROM enrolment_codes WHERE "
                                        "code_hash = ? AND used_at IS NULL AND expires_at > ?",
                              ZB_PARAMS (hash, now), error);
  if (found == NULL)
    return NULL;
  if (zb_server_result_n_rows (found) == 0)
    {
      refuse_enrolment (error);
      return NULL;
    }
  /* On PostgreSQL a concurrent use of the same code waits here for the
   * first, then finds it used. */
  if (!zb_server_db_exec (self->db, "UPDATE enrolment_codes SET used_at = ?, used_by = ? "
                                    "WHERE code_hash = ? AND used_at IS NULL",
                          ZB_PARAMS (now, device_id, hash), &changes, error))
    return NULL;
  if (changes != 1)
    {
      refuse_enrolment (error);
      return NULL;
    }
  return g_strdup (zb_server_result_get (found, 0, 0));
}

/* What came of the code's use, for `device list` and whoever looks into
 * an attempt to take over a PC. */
static gboolean
note_outcome (ZbServerStore  *self,
              const char     *hash,
              const char     *outcome,
              GError        **error)
{
  return zb_server_db_exec (self->db, "UPDATE enrolment_codes SET outcome = ? WHERE code_hash = ?",
                            ZB_PARAMS (outcome, hash), NULL, error);
}

static gboolean
refuse_enrolled (const char  *device_id,
                 GError     **error)
{
  g_message ("Enrolment refused: device %s holds a token; the code is used up", device_id);
  g_set_error (error, ZB_SYNC_ERROR, ZB_SYNC_ERROR_DEVICE_ENROLLED,
               _("The device %s is enrolled already and holds a token, so a code cannot "
                 "enrol it again, and this code is now used up. If this PC lost its token, "
                 "ask the committee’s administrator to reset the device "
                 "(zhibu-server device reset %s), then enrol with a new code"),
               device_id, device_id);
  return FALSE;
}

/* A new device, under a savepoint: on PostgreSQL a concurrent enrolment of
 * the same device ID fails the INSERT, which must not abort the transaction
 * that uses up the code. */
static gboolean
insert_device (ZbServerStore  *self,
               const char     *branch_id,
               const char     *device_id,
               const char     *device_name,
               const char     *token_hash,
               GError        **error)
{
  g_autofree char *now = zb_server_now ();
  g_autoptr(GError) local_error = NULL;

  if (!zb_server_db_savepoint (self->db, "insert_device", error))
    return FALSE;
  if (zb_server_db_exec (self->db, "INSERT INTO devices (id, branch_id, name, token_hash, "
                                   "enrolled_at) VALUES (?, ?, ?, ?, ?)",
                         ZB_PARAMS (device_id, branch_id, device_name, token_hash, now),
                         NULL, &local_error))
    return zb_server_db_release (self->db, "insert_device", error);

  zb_server_db_rollback_to (self->db, "insert_device");
  if (g_error_matches (local_error, ZB_SERVER_DB_ERROR, ZB_SERVER_DB_ERROR_CONSTRAINT))
    return refuse_enrolled (device_id, error);
  g_propagate_error (error, g_steal_pointer (&local_error));
  return FALSE;
}

/* A code binds a device ID that holds no token: a new one, or one the
 * administrator reset (`zhibu-server device reset`). It never rebinds a
 * device that holds a token, which would hand that PC's branch and name to
 * whoever has a code; nor one of another branch. */
static gboolean
register_device (ZbServerStore  *self,
                 const char     *branch_id,
                 const char     *device_id,
                 const char     *device_name,
                 const char     *token_hash,
                 GError        **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autofree char *current = zb_server_db_query_value (self->db, "SELECT branch_id FROM devices "
                                                                 "WHERE id = ?",
                                                       ZB_PARAMS (device_id), &local_error);
  guint64 changes = 0;

  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  if (current == NULL)
    return insert_device (self, branch_id, device_id, device_name, token_hash, error);
  if (!g_str_equal (current, branch_id))
    {
      g_set_error_literal (error, ZB_SYNC_ERROR, ZB_SYNC_ERROR_DEVICE_IN_OTHER_BRANCH,
                           _("This PC's database is enrolled in another branch"));
      return FALSE;
    }

  if (!zb_server_db_exec (self->db, "UPDATE devices SET token_hash = ?, name = ?, reset_at = NULL "
                                    "WHERE id = ? AND token_hash IS NULL",
                          ZB_PARAMS (token_hash, device_name, device_id), &changes, error))
    return FALSE;
  return changes == 1 || refuse_enrolled (device_id, error);
}

static JsonNode *
device_json (ZbServerStore  *self,
             const char     *device_id,
             const char     *token,
             GError        **error)
{
  g_autoptr(ZbServerResult) row = NULL;
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  row = zb_server_db_query (self->db, "SELECT d.id, d.name, b.id, b.name, b.seq FROM devices d "
                                      "JOIN branches b ON b.id = d.branch_id WHERE d.id = ?",
                            ZB_PARAMS (device_id), error);
  if (row == NULL)
    return NULL;
  g_return_val_if_fail (zb_server_result_n_rows (row) == 1, NULL);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "protocol");
  json_builder_add_int_value (builder, ZB_SYNC_PROTOCOL);
  if (token != NULL)
    {
      json_builder_set_member_name (builder, "token");
      json_builder_add_string_value (builder, token);
    }
  json_builder_set_member_name (builder, "device_id");
  json_builder_add_string_value (builder, zb_server_result_get (row, 0, 0));
  json_builder_set_member_name (builder, "device_name");
  json_builder_add_string_value (builder, zb_server_result_get (row, 0, 1));
  json_builder_set_member_name (builder, "branch_id");
  json_builder_add_string_value (builder, zb_server_result_get (row, 0, 2));
  json_builder_set_member_name (builder, "branch_name");
  json_builder_add_string_value (builder, zb_server_result_get (row, 0, 3));
  json_builder_set_member_name (builder, "server_sequence");
  json_builder_add_int_value (builder, zb_server_result_get_int (row, 0, 4));
  json_builder_end_object (builder);
  return json_builder_get_root (builder);
}

static gpointer
malformed (GError     **error,
           const char  *member)
{
  g_set_error (error, ZB_SYNC_ERROR, ZB_SYNC_ERROR_MALFORMED,
               _("%s: is missing or not valid"), member);
  return NULL;
}

/* Registers the device with the code's branch. A refusal keeps what it
 * did (@keep): the code is used up all the same. */
static JsonNode *
enrol_with_code (ZbServerStore  *self,
                 const char     *code,
                 const char     *device_id,
                 const char     *device_name,
                 const char     *token,
                 gboolean       *keep,
                 GError        **error)
{
  g_autofree char *normal = normalise_code (code);
  g_autofree char *hash = sha256_hex (normal);
  g_autofree char *token_hash = sha256_hex (token);
  g_autofree char *branch_id = NULL;
  g_autoptr(GError) refusal = NULL;

  *keep = FALSE;
  if ((branch_id = take_code (self, hash, device_id, error)) == NULL)
    return NULL;
  if (!register_device (self, branch_id, device_id, device_name, token_hash, &refusal) &&
      refusal->domain != ZB_SYNC_ERROR)
    {
      g_propagate_error (error, g_steal_pointer (&refusal));
      return NULL;
    }
  if (!note_outcome (self, hash, refusal ? zb_sync_error_code (refusal) : "enrolled", error))
    return NULL;
  if (refusal == NULL)
    return device_json (self, device_id, token, error);

  *keep = TRUE;
  g_propagate_error (error, g_steal_pointer (&refusal));
  return NULL;
}

/* POST /v1/enrol: a one-time code for a device token, in one transaction. */
JsonNode *
zb_server_store_enrol (ZbServerStore  *self,
                       JsonObject     *request,
                       GError        **error)
{
  const char *code = zb_sync_get_string (request, "code");
  const char *device_id = zb_sync_get_string (request, "device_id");
  const char *device_name = zb_sync_get_string (request, "device_name");
  g_autofree char *token = NULL;
  g_autoptr(GError) refusal = NULL;
  g_autoptr(JsonNode) answer = NULL;
  gboolean keep = FALSE;

  if (code == NULL)
    return malformed (error, "code");
  if (device_id == NULL || !zb_sync_is_id (device_id))
    return malformed (error, "device_id");
  if ((token = make_token (error)) == NULL || !zb_server_db_begin (self->db, error))
    return NULL;

  answer = enrol_with_code (self, code, device_id, device_name, token, &keep, &refusal);
  if (answer == NULL && !keep)
    {
      zb_server_db_rollback (self->db);
      g_propagate_error (error, g_steal_pointer (&refusal));
      return NULL;
    }
  if (!zb_server_db_commit (self->db, error))
    {
      zb_server_db_rollback (self->db);
      return NULL;
    }
  if (answer == NULL)
    g_propagate_error (error, g_steal_pointer (&refusal));
  return g_steal_pointer (&answer);
}

ZbServerDevice *
zb_server_store_authenticate (ZbServerStore  *self,
                              const char     *token,
                              GError        **error)
{
  g_autofree char *hash = token ? sha256_hex (token) : NULL;
  g_autoptr(ZbServerResult) row = NULL;
  ZbServerDevice *device;

  if (hash != NULL)
    row = zb_server_db_query (self->db, "SELECT d.id, d.name, b.id, b.name FROM devices d "
                                        "JOIN branches b ON b.id = d.branch_id "
                                        "WHERE d.token_hash = ?", ZB_PARAMS (hash), error);
  if (hash != NULL && row == NULL)
    return NULL;
  if (row == NULL || zb_server_result_n_rows (row) == 0)
    {
      g_set_error_literal (error, ZB_SYNC_ERROR, ZB_SYNC_ERROR_UNAUTHORIZED,
                           _("The device token is missing, unknown or revoked: enrol this PC "
                             "again"));
      return NULL;
    }

  device = g_new0 (ZbServerDevice, 1);
  device->device_id = g_strdup (zb_server_result_get (row, 0, 0));
  device->device_name = g_strdup (zb_server_result_get (row, 0, 1));
  device->branch_id = g_strdup (zb_server_result_get (row, 0, 2));
  device->branch_name = g_strdup (zb_server_result_get (row, 0, 3));
  return device;
}

JsonNode *
zb_server_store_describe (ZbServerStore   *self,
                          ZbServerDevice  *device,
                          GError         **error)
{
  return device_json (self, device->device_id, NULL, error);
}

/* `zhibu-server device reset ID`: the device's token stops working at once
 * and the device ID may enrol again, in its own branch, with a new code.
 * Its rows, op IDs and chain stay: they are the branch's. */
gboolean
zb_server_store_reset_device (ZbServerStore  *self,
                              const char     *device_id,
                              GError        **error)
{
  g_autofree char *now = zb_server_now ();
  guint64 changes = 0;

  if (!zb_server_db_exec (self->db, "UPDATE devices SET token_hash = NULL, reset_at = ? "
                                    "WHERE id = ?", ZB_PARAMS (now, device_id), &changes, error))
    return FALSE;
  if (changes == 0)
    {
      g_set_error (error, ZB_SERVER_DB_ERROR, ZB_SERVER_DB_ERROR_FAILED,
                   _("No device %s has enrolled; “zhibu-server device list” lists them"),
                   device_id);
      return FALSE;
    }
  return TRUE;
}

/* Every device: its ID, branch, name, when it enrolled, whether it holds a
 * token ("1" or "0") and when it was last reset. */
ZbServerResult *
zb_server_store_list_devices (ZbServerStore  *self,
                              GError        **error)
{
  return zb_server_db_query (self->db, "SELECT d.id, b.name, d.name, d.enrolled_at, "
                                       "CASE WHEN d.token_hash IS NULL THEN '0' ELSE '1' END, "
                                       "d.reset_at FROM devices d "
                                       "JOIN branches b ON b.id = d.branch_id "
                                       "ORDER BY d.enrolled_at, d.id", NULL, 0, error);
}
