#define G_LOG_DOMAIN "zb-sync-protocol"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "zb-sync-protocol.h"

G_DEFINE_QUARK (zb-sync-error-quark, zb_sync_error)

typedef struct
{
  ZbSyncError  error;
  guint        status;
  const char  *code;
} ErrorInfo;

/* One table for both directions: the server's status and body from a
 * GError, the client's GError from a status and body. */
static const ErrorInfo errors[] = {
  { ZB_SYNC_ERROR_MALFORMED, 400, "malformed" },
  { ZB_SYNC_ERROR_UNSUPPORTED_PROTOCOL, 400, "unsupported_protocol" },
  { ZB_SYNC_ERROR_UNAUTHORIZED, 401, "unauthorized" },
  { ZB_SYNC_ERROR_ENROLMENT_REFUSED, 401, "enrolment_refused" },
  { ZB_SYNC_ERROR_FORBIDDEN, 403, "forbidden" },
  { ZB_SYNC_ERROR_NOT_FOUND, 404, "not_found" },
  { ZB_SYNC_ERROR_METHOD_NOT_ALLOWED, 405, "method_not_allowed" },
  { ZB_SYNC_ERROR_OP_ID_REUSED, 409, "op_id_reused" },
  { ZB_SYNC_ERROR_DEVICE_IN_OTHER_BRANCH, 409, "device_in_other_branch" },
  { ZB_SYNC_ERROR_DEVICE_ENROLLED, 409, "device_enrolled" },
  { ZB_SYNC_ERROR_CHECKPOINT_AHEAD, 409, "checkpoint_ahead" },
  { ZB_SYNC_ERROR_TOO_LARGE, 413, "too_large" },
  { ZB_SYNC_ERROR_TOO_MANY_OPS, 413, "too_many_ops" },
  { ZB_SYNC_ERROR_UNSUPPORTED_ENCODING, 415, "unsupported_encoding" },
  { ZB_SYNC_ERROR_RATE_LIMITED, 429, "rate_limited" },
  /* These two stay last (info_of, info_of_response). */
  { ZB_SYNC_ERROR_INTERNAL, 500, "internal" },
  { ZB_SYNC_ERROR_UNAVAILABLE, 503, "unavailable" },
};

static const ErrorInfo *
info_of (const GError *error)
{
  if (error != NULL && error->domain == ZB_SYNC_ERROR)
    for (guint i = 0; i < G_N_ELEMENTS (errors); i++)
      if (errors[i].error == (ZbSyncError) error->code)
        return &errors[i];

  return &errors[G_N_ELEMENTS (errors) - 2];   /* internal */
}

/* The code an error body names @error by; any error outside the protocol's
 * domain is the server's own failure. */
const char *
zb_sync_error_code (const GError *error)
{
  return info_of (error)->code;
}

guint
zb_sync_error_http_status (const GError *error)
{
  return info_of (error)->status;
}

/* Worth trying again later, with back-off: the server failed or is busy,
 * or this PC asked too often. */
gboolean
zb_sync_error_is_transient (const GError *error)
{
  return g_error_matches (error, ZB_SYNC_ERROR, ZB_SYNC_ERROR_INTERNAL) ||
         g_error_matches (error, ZB_SYNC_ERROR, ZB_SYNC_ERROR_UNAVAILABLE) ||
         g_error_matches (error, ZB_SYNC_ERROR, ZB_SYNC_ERROR_RATE_LIMITED);
}

/* {"protocol": 1, "error": CODE, "message": TEXT}, before compression. */
GBytes *
zb_sync_error_body_new (const GError *error)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "protocol");
  json_builder_add_int_value (builder, ZB_SYNC_PROTOCOL);
  json_builder_set_member_name (builder, "error");
  json_builder_add_string_value (builder, zb_sync_error_code (error));
  json_builder_set_member_name (builder, "message");
  json_builder_add_string_value (builder, error->message);
  json_builder_end_object (builder);

  root = json_builder_get_root (builder);
  return zb_sync_json_to_bytes (root);
}

static const ErrorInfo *
info_of_response (guint       status,
                  const char *code)
{
  const ErrorInfo *by_status = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (errors); i++)
    {
      if (code != NULL && g_str_equal (errors[i].code, code))
        return &errors[i];
      if (by_status == NULL && errors[i].status == status)
        by_status = &errors[i];
    }

  if (by_status != NULL)
    return by_status;

  return status >= 500 ? &errors[G_N_ELEMENTS (errors) - 2]
                       : &errors[0];
}

/* The error a failed response stands for: its body's code where the body
 * has one this side knows, else its status; 502 and 504 count as 503. */
GError *
zb_sync_error_from_response (guint   status,
                             GBytes *body)
{
  g_autoptr(JsonNode) root = body ? zb_sync_parse_json (body, NULL) : NULL;
  JsonObject *object = root && JSON_NODE_HOLDS_OBJECT (root) ? json_node_get_object (root) : NULL;
  const char *code = zb_sync_get_string (object, "error");
  const char *message = zb_sync_get_string (object, "message");
  const ErrorInfo *info;

  if (status == 502 || status == 504)
    status = 503;
  info = info_of_response (status, code);

  if (message != NULL)
    return g_error_new (ZB_SYNC_ERROR, info->error, "%s", message);

  return g_error_new (ZB_SYNC_ERROR, info->error, _("The sync server answered %u (%s)"),
                      status, info->code);
}

static gboolean
is_blank (const char *text,
          gsize       len)
{
  for (gsize i = 0; i < len; i++)
    if (!g_ascii_isspace (text[i]))
      return FALSE;
  return TRUE;
}

/* json-glib parses recursively: a body of a few hundred kilobytes of
 * brackets would overflow the stack. The depth is counted first, outside
 * strings, before the parser sees the text. And json-glib 1.6 leaks what it
 * built of a second value after the first (`{…}{"a": {}}`), a little memory
 * per request that anyone could make the server lose: the text must be one
 * object or array (every body of the protocol is an object), and nothing
 * after it. */
static gboolean
check_shape (const char  *text,
             gsize        len,
             GError     **error)
{
  guint depth = 0;
  gboolean in_string = FALSE;
  gsize start = 0;

  while (start < len && g_ascii_isspace (text[start]))
    start++;
  if (start == len || (text[start] != '{' && text[start] != '['))
    {
      g_set_error_literal (error, ZB_SYNC_ERROR, ZB_SYNC_ERROR_MALFORMED,
                           _("The body must be a JSON object"));
      return FALSE;
    }

  for (gsize i = start; i < len; i++)
    {
      char c = text[i];

      if (in_string)
        {
          if (c == '\\')
            i++;
          else if (c == '"')
            in_string = FALSE;
        }
      else if (c == '"')
        in_string = TRUE;
      else if ((c == '[' || c == '{') && ++depth > ZB_SYNC_MAX_JSON_DEPTH)
        {
          g_set_error (error, ZB_SYNC_ERROR, ZB_SYNC_ERROR_MALFORMED,
                       _("The JSON is nested more than %d deep"), ZB_SYNC_MAX_JSON_DEPTH);
          return FALSE;
        }
      else if ((c == ']' || c == '}') && depth > 0 && --depth == 0 &&
               !is_blank (text + i + 1, len - i - 1))
        {
          g_set_error_literal (error, ZB_SYNC_ERROR, ZB_SYNC_ERROR_MALFORMED,
                               _("The body is not valid JSON: more follows its end"));
          return FALSE;
        }
    }

  return TRUE;
}

/* A body as the protocol takes it: UTF-8 JSON, not too deeply nested. */
JsonNode *
zb_sync_parse_json (GBytes  *json,
                    GError **error)
{
  gsize len = 0;
  const char *text = g_bytes_get_data (json, &len);
  g_autoptr(JsonParser) parser = json_parser_new_immutable ();
  g_autoptr(GError) local_error = NULL;

  if (text == NULL || len == 0 || !g_utf8_validate_len (text, len, NULL))
    {
      g_set_error_literal (error, ZB_SYNC_ERROR, ZB_SYNC_ERROR_MALFORMED,
                           _("The body is empty or not UTF-8"));
      return NULL;
    }
  if (!check_shape (text, len, error))
    return NULL;

  if (!json_parser_load_from_data (parser, text, len, &local_error))
    {
      g_set_error (error, ZB_SYNC_ERROR, ZB_SYNC_ERROR_MALFORMED,
                   _("The body is not valid JSON: %s"), local_error->message);
      return NULL;
    }

  return json_node_copy (json_parser_get_root (parser));
}

/* A node holding @object, which it takes: json_node_init_object() would
 * add a reference of its own, and the caller's would leak. */
JsonNode *
zb_sync_node_take_object (JsonObject *object)
{
  JsonNode *node = json_node_new (JSON_NODE_OBJECT);

  json_node_take_object (node, object);
  return node;
}

GBytes *
zb_sync_json_to_bytes (JsonNode *node)
{
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  gsize len = 0;
  char *text;

  json_generator_set_root (generator, node);
  text = json_generator_to_data (generator, &len);
  return g_bytes_new_take (text, len);
}

/* Every body says "protocol": 1; a missing one is malformed, another
 * number a version this side does not speak. */
gboolean
zb_sync_check_protocol (JsonObject  *object,
                        GError     **error)
{
  JsonNode *node = json_object_get_member (object, "protocol");

  if (node == NULL || json_node_get_value_type (node) != G_TYPE_INT64)
    {
      g_set_error_literal (error, ZB_SYNC_ERROR, ZB_SYNC_ERROR_MALFORMED,
                           _("protocol: a whole number is required"));
      return FALSE;
    }
  if (json_node_get_int (node) != ZB_SYNC_PROTOCOL)
    {
      g_autofree char *asked = g_strdup_printf ("%" G_GINT64_FORMAT, json_node_get_int (node));

      g_set_error (error, ZB_SYNC_ERROR, ZB_SYNC_ERROR_UNSUPPORTED_PROTOCOL,
                   _("Protocol %s is not spoken here; this side speaks protocol %d"), asked,
                   ZB_SYNC_PROTOCOL);
      return FALSE;
    }

  return TRUE;
}

/* The string value of @member, or NULL when @object is NULL, lacks it or
 * holds something else there: json-glib's own getters warn, and a warning
 * is fatal in the tests, on input that comes from the network. */
const char *
zb_sync_get_string (JsonObject *object,
                    const char *member)
{
  JsonNode *node = object ? json_object_get_member (object, member) : NULL;

  if (node == NULL || json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;

  return json_node_get_string (node);
}

/* Table and column names: a lower-case letter or underscore, then those or
 * digits; nothing a server could mistake for SQL. */
gboolean
zb_sync_is_name (const char *text)
{
  gsize len = text ? strlen (text) : 0;

  if (len == 0 || len > ZB_SYNC_MAX_NAME || g_ascii_isdigit (text[0]))
    return FALSE;

  for (gsize i = 0; i < len; i++)
    if (!g_ascii_islower (text[i]) && !g_ascii_isdigit (text[i]) && text[i] != '_')
      return FALSE;

  return TRUE;
}

/* Row and conflict IDs: UUIDs in practice; any printable ASCII up to the
 * limit, since a row made with sqlcipher's shell may have another. */
gboolean
zb_sync_is_id (const char *text)
{
  gsize len = text ? strlen (text) : 0;

  if (len == 0 || len > ZB_SYNC_MAX_ID)
    return FALSE;

  for (gsize i = 0; i < len; i++)
    if (text[i] < 0x21 || text[i] > 0x7e)
      return FALSE;

  return TRUE;
}

/* Readers of the members of a body, for the answers and pages of both
 * sides: each error names the member by its place, "changes[3].seq: …", so
 * that a bad body says where it is bad. */
static gboolean
member_fail (GError     **error,
             const char  *where,
             const char  *member,
             const char  *what)
{
  g_set_error (error, ZB_SYNC_ERROR, ZB_SYNC_ERROR_MALFORMED, "%s%s%s: %s",
               where ? where : "", where && *where ? "." : "", member, what);
  return FALSE;
}

gboolean
zb_sync_read_int (JsonObject  *object,
                  const char  *where,
                  const char  *member,
                  gint64       min,
                  gint64      *value,
                  GError     **error)
{
  JsonNode *node = json_object_get_member (object, member);

  if (node == NULL || json_node_get_value_type (node) != G_TYPE_INT64)
    return member_fail (error, where, member, _("a whole number is required"));

  *value = json_node_get_int (node);
  if (*value < min)
    return member_fail (error, where, member, min > 0 ? _("must be greater than zero")
                                                      : _("must not be negative"));

  return TRUE;
}

gboolean
zb_sync_read_bool (JsonObject  *object,
                   const char  *where,
                   const char  *member,
                   gboolean    *value,
                   GError     **error)
{
  JsonNode *node = json_object_get_member (object, member);

  if (node == NULL || json_node_get_value_type (node) != G_TYPE_BOOLEAN)
    return member_fail (error, where, member, _("true or false is required"));

  *value = json_node_get_boolean (node);
  return TRUE;
}

/* A string member; NULL in *@value and TRUE when it may be absent and is. */
gboolean
zb_sync_read_string (JsonObject   *object,
                     const char   *where,
                     const char   *member,
                     gboolean      optional,
                     const char  **value,
                     GError      **error)
{
  JsonNode *node = json_object_get_member (object, member);

  *value = zb_sync_get_string (object, member);
  if (*value != NULL || (optional && (node == NULL || JSON_NODE_HOLDS_NULL (node))))
    return TRUE;

  return member_fail (error, where, member, _("text is required"));
}

gboolean
zb_sync_read_name (JsonObject   *object,
                   const char   *where,
                   const char   *member,
                   const char  **value,
                   GError      **error)
{
  *value = zb_sync_get_string (object, member);
  if (*value != NULL && zb_sync_is_name (*value))
    return TRUE;

  return member_fail (error, where, member,
                      _("a name of lower-case letters, digits and underscores is required"));
}

gboolean
zb_sync_read_id (JsonObject   *object,
                 const char   *where,
                 const char   *member,
                 const char  **value,
                 GError      **error)
{
  *value = zb_sync_get_string (object, member);
  if (*value != NULL && zb_sync_is_id (*value))
    return TRUE;

  return member_fail (error, where, member, _("an ID of printable characters is required"));
}

/* An object member; NULL in *@value and TRUE when it may be absent and is. */
gboolean
zb_sync_read_object (JsonObject   *object,
                     const char   *where,
                     const char   *member,
                     gboolean      optional,
                     JsonObject  **value,
                     GError      **error)
{
  JsonNode *node = json_object_get_member (object, member);

  *value = node != NULL && JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
  if (*value != NULL || (optional && node == NULL))
    return TRUE;

  return member_fail (error, where, member, _("an object is required"));
}

gboolean
zb_sync_read_array (JsonObject   *object,
                    const char   *where,
                    const char   *member,
                    JsonArray   **value,
                    GError      **error)
{
  JsonNode *node = json_object_get_member (object, member);

  *value = node != NULL && JSON_NODE_HOLDS_ARRAY (node) ? json_node_get_array (node) : NULL;
  if (*value != NULL)
    return TRUE;

  return member_fail (error, where, member, _("an array is required"));
}

/* A column's value: text, a whole number or null (PROTOCOL.md, Rows). */
gboolean
zb_sync_check_value (JsonNode    *value,
                     const char  *where,
                     const char  *member,
                     GError     **error)
{
  GType type;

  if (value != NULL && JSON_NODE_HOLDS_NULL (value))
    return TRUE;

  type = value != NULL && JSON_NODE_HOLDS_VALUE (value) ? json_node_get_value_type (value)
                                                        : G_TYPE_INVALID;
  if (type == G_TYPE_STRING || type == G_TYPE_INT64)
    return TRUE;

  return member_fail (error, where, member, _("must be text, a whole number or null"));
}

/* The fields of a row: column names, each with a value the store keeps. */
gboolean
zb_sync_check_fields (JsonObject  *fields,
                      const char  *where,
                      GError     **error)
{
  JsonObjectIter iter;
  const char *name;
  JsonNode *value;

  json_object_iter_init (&iter, fields);
  while (json_object_iter_next (&iter, &name, &value))
    {
      g_autofree char *member = g_strdup_printf ("fields.%s", name);

      if (!zb_sync_is_name (name))
        return member_fail (error, where, member, _("not a column name"));
      if (!zb_sync_check_value (value, where, member, error))
        return FALSE;
    }

  return TRUE;
}

/* The root object of a body, with "protocol": 1. */
JsonObject *
zb_sync_parse_object (GBytes      *json,
                      JsonNode   **root,
                      GError     **error)
{
  *root = zb_sync_parse_json (json, error);
  if (*root == NULL)
    return NULL;

  if (!JSON_NODE_HOLDS_OBJECT (*root))
    {
      g_set_error_literal (error, ZB_SYNC_ERROR, ZB_SYNC_ERROR_MALFORMED,
                           _("The body is not a JSON object"));
      g_clear_pointer (root, json_node_unref);
      return NULL;
    }

  if (!zb_sync_check_protocol (json_node_get_object (*root), error))
    {
      g_clear_pointer (root, json_node_unref);
      return NULL;
    }

  return json_node_get_object (*root);
}
