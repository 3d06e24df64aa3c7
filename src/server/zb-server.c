#define G_LOG_DOMAIN "zb-server"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>
#include <libsoup/soup.h>

#include "zb-server.h"
#include "zb-server-db.h"
#include "zb-server-request.h"
#include "zb-sync-gzip.h"
#include "zb-sync-protocol.h"

/* Requests are served one at a time on the main loop: each is one
 * transaction, and the database serialises them anyway. SoupServer neither
 * decodes requests nor compresses responses: that is done here, with the
 * limits of PROTOCOL.md section 9. Logs carry the request's shape (method,
 * path, status, device, number of ops), never a body. */

struct _ZbServer
{
  GObject        parent_instance;

  SoupServer    *soup;
  ZbServerStore *store;
  gboolean       https;
};

G_DEFINE_FINAL_TYPE (ZbServer, zb_server, G_TYPE_OBJECT)

typedef struct
{
  const char *path;
  const char *method;
  gboolean    authenticated;
  gsize       max_body;
  JsonNode *(*handle) (ZbServer           *self,
                       SoupServerMessage  *msg,
                       ZbServerDevice     *device,
                       JsonNode           *body,
                       GError            **error);
} Route;

static void
log_request (SoupServerMessage *msg,
             guint              status,
             ZbServerDevice    *device,
             guint              n_ops)
{
  g_autofree char *status_text = g_strdup_printf ("%u", status);
  g_autofree char *ops_text = g_strdup_printf ("%u", n_ops);

  g_log_structured (G_LOG_DOMAIN, G_LOG_LEVEL_INFO,
                    "MESSAGE", "%s %s %u", soup_server_message_get_method (msg),
                    g_uri_get_path (soup_server_message_get_uri (msg)), status,
                    "ZB_METHOD", soup_server_message_get_method (msg),
                    "ZB_PATH", g_uri_get_path (soup_server_message_get_uri (msg)),
                    "ZB_STATUS", status_text,
                    "ZB_DEVICE", device ? device->device_id : "-",
                    "ZB_OPS", ops_text);
}

static gboolean
accepts_gzip (SoupServerMessage *msg)
{
  const char *accept = soup_message_headers_get_list (soup_server_message_get_request_headers (msg),
                                                      "Accept-Encoding");

  return accept != NULL && strstr (accept, "gzip") != NULL;
}

static void
respond (SoupServerMessage *msg,
         guint              status,
         GBytes            *json)
{
  SoupMessageHeaders *headers = soup_server_message_get_response_headers (msg);
  g_autoptr(GBytes) body = NULL;

  if (accepts_gzip (msg) && (body = zb_sync_gzip_compress (json, NULL)) != NULL)
    soup_message_headers_replace (headers, "Content-Encoding", "gzip");
  else
    body = g_bytes_ref (json);

  soup_server_message_set_status (msg, status, NULL);
  soup_server_message_set_response (msg, "application/json", SOUP_MEMORY_COPY,
                                    g_bytes_get_data (body, NULL), g_bytes_get_size (body));
}

/* Database failures are the server's, and worth trying again. */
static void
respond_error (SoupServerMessage *msg,
               const GError      *error)
{
  g_autoptr(GError) mapped = NULL;
  g_autoptr(GBytes) body = NULL;

  if (error->domain != ZB_SYNC_ERROR)
    {
      gboolean busy = g_error_matches (error, ZB_SERVER_DB_ERROR, ZB_SERVER_DB_ERROR_BUSY);

      g_warning ("%s %s: %s", soup_server_message_get_method (msg),
                 g_uri_get_path (soup_server_message_get_uri (msg)), error->message);
      mapped = g_error_new_literal (ZB_SYNC_ERROR,
                                    busy ? ZB_SYNC_ERROR_UNAVAILABLE : ZB_SYNC_ERROR_INTERNAL,
                                    busy ? _("The server is busy; try again shortly")
                                         : _("The server failed; try again later"));
      error = mapped;
    }

  if (g_error_matches (error, ZB_SYNC_ERROR, ZB_SYNC_ERROR_UNAUTHORIZED))
    soup_message_headers_replace (soup_server_message_get_response_headers (msg),
                                  "WWW-Authenticate", "Bearer");
  body = zb_sync_error_body_new (error);
  respond (msg, zb_sync_error_http_status (error), body);
}

static JsonNode *
handle_info (ZbServer           *self,
             SoupServerMessage  *msg,
             ZbServerDevice     *device,
             JsonNode           *body,
             GError            **error)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "protocol");
  json_builder_add_int_value (b, ZB_SYNC_PROTOCOL);
  json_builder_set_member_name (b, "protocols");
  json_builder_begin_array (b);
  json_builder_add_int_value (b, ZB_SYNC_PROTOCOL);
  json_builder_end_array (b);
  json_builder_set_member_name (b, "server_version");
  json_builder_add_string_value (b, PACKAGE_VERSION);
  json_builder_set_member_name (b, "limits");
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "max_ops");
  json_builder_add_int_value (b, ZB_SYNC_MAX_OPS);
  json_builder_set_member_name (b, "max_body");
  json_builder_add_int_value (b, ZB_SYNC_MAX_BODY);
  json_builder_set_member_name (b, "max_decoded");
  json_builder_add_int_value (b, ZB_SYNC_MAX_DECODED);
  json_builder_set_member_name (b, "max_op_bytes");
  json_builder_add_int_value (b, ZB_SYNC_MAX_OP_BYTES);
  json_builder_set_member_name (b, "page_size");
  json_builder_add_int_value (b, ZB_SYNC_PAGE_SIZE);
  json_builder_end_object (b);
  json_builder_end_object (b);
  return json_builder_get_root (b);
}

static JsonNode *
handle_enrol (ZbServer           *self,
              SoupServerMessage  *msg,
              ZbServerDevice     *device,
              JsonNode           *body,
              GError            **error)
{
  return zb_server_store_enrol (self->store, json_node_get_object (body), error);
}

static JsonNode *
handle_device (ZbServer           *self,
               SoupServerMessage  *msg,
               ZbServerDevice     *device,
               JsonNode           *body,
               GError            **error)
{
  return zb_server_store_describe (self->store, device, error);
}

static JsonNode *
handle_push (ZbServer           *self,
             SoupServerMessage  *msg,
             ZbServerDevice     *device,
             JsonNode           *body,
             GError            **error)
{
  guint n_ops = 0;
  JsonNode *answer = zb_server_serve_push (self->store, device, body, &n_ops, error);

  g_object_set_data (G_OBJECT (msg), "n-ops", GUINT_TO_POINTER (n_ops));
  return answer;
}

static gboolean
parse_number (const char  *text,
              gint64       min,
              gint64       max,
              gint64      *value)
{
  char *end = NULL;

  if (text == NULL || !g_ascii_isdigit (*text))
    return FALSE;
  *value = g_ascii_strtoll (text, &end, 10);
  return *end == '\0' && *value >= min && *value <= max;
}

static JsonNode *
handle_changes (ZbServer           *self,
                SoupServerMessage  *msg,
                ZbServerDevice     *device,
                JsonNode           *body,
                GError            **error)
{
  const char *query = g_uri_get_query (soup_server_message_get_uri (msg));

  return zb_server_serve_changes (self->store, device, query, error);
}

static const Route routes[] = {
  { "/v1/info", "GET", FALSE, 0, handle_info },
  { "/v1/enrol", "POST", FALSE, ZB_SYNC_MAX_ENROL_BODY, handle_enrol },
  { "/v1/device", "GET", TRUE, 0, handle_device },
  { "/v1/push", "POST", TRUE, ZB_SYNC_MAX_BODY, handle_push },
  { "/v1/changes", "GET", TRUE, 0, handle_changes },
};

static const Route *
find_route (SoupServerMessage  *msg,
            GError            **error)
{
  const char *path = g_uri_get_path (soup_server_message_get_uri (msg));

  for (guint i = 0; i < G_N_ELEMENTS (routes); i++)
    {
      if (!g_str_equal (routes[i].path, path))
        continue;
      if (g_str_equal (routes[i].method, soup_server_message_get_method (msg)))
        return &routes[i];

      g_set_error (error, ZB_SYNC_ERROR, ZB_SYNC_ERROR_METHOD_NOT_ALLOWED,
                   _("%s takes %s"), path, routes[i].method);
      return NULL;
    }

  g_set_error (error, ZB_SYNC_ERROR, ZB_SYNC_ERROR_NOT_FOUND, _("No such path: %s"), path);
  return NULL;
}

static gpointer
too_large (GError **error)
{
  g_set_error_literal (error, ZB_SYNC_ERROR, ZB_SYNC_ERROR_TOO_LARGE,
                       _("The request body is larger than the server takes"));
  return NULL;
}

static JsonNode *
read_body (SoupServerMessage  *msg,
           const Route        *route,
           GError            **error)
{
  SoupMessageHeaders *headers = soup_server_message_get_request_headers (msg);
  const char *encoding = soup_message_headers_get_one (headers, "Content-Encoding");
  g_autoptr(GBytes) raw = soup_message_body_flatten (soup_server_message_get_request_body (msg));

  return zb_server_read_body (raw, encoding, route->max_body, error);
}

static ZbServerDevice *
authenticate (ZbServer           *self,
              SoupServerMessage  *msg,
              GError            **error)
{
  const char *header = soup_message_headers_get_one (soup_server_message_get_request_headers (msg),
                                                     "Authorization");
  const char *token = header && g_str_has_prefix (header, "Bearer ") ? header + 7 : NULL;

  return zb_server_store_authenticate (self->store, token, error);
}

static void
request_cb (SoupServer        *soup,
            SoupServerMessage *msg,
            const char        *path,
            GHashTable        *query,
            gpointer           user_data)
{
  ZbServer *self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(ZbServerDevice) device = NULL;
  g_autoptr(JsonNode) body = NULL;
  g_autoptr(JsonNode) answer = NULL;
  g_autoptr(GBytes) json = NULL;
  const Route *route = find_route (msg, &error);

  if (route != NULL && route->authenticated)
    device = authenticate (self, msg, &error);
  if (error == NULL && route->max_body > 0)
    body = read_body (msg, route, &error);
  if (error == NULL)
    answer = route->handle (self, msg, device, body, &error);

  if (answer == NULL)
    respond_error (msg, error);
  else
    {
      json = zb_sync_json_to_bytes (answer);
      respond (msg, SOUP_STATUS_OK, json);
    }
  log_request (msg, soup_server_message_get_status (msg), device,
               GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (msg), "n-ops")));
}

/* A declared body over the limit is refused before it is read. */
static void
early_cb (SoupServer        *soup,
          SoupServerMessage *msg,
          const char        *path,
          GHashTable        *query,
          gpointer           user_data)
{
  goffset length = soup_message_headers_get_content_length (
                     soup_server_message_get_request_headers (msg));
  g_autoptr(GError) error = NULL;
  const Route *route = find_route (msg, NULL);
  gsize max = route ? route->max_body : ZB_SYNC_MAX_BODY;

  if (length > 0 && (gsize) length > MAX (max, 1))
    {
      too_large (&error);
      respond_error (msg, error);
      log_request (msg, soup_server_message_get_status (msg), NULL, 0);
    }
}

static void
zb_server_dispose (GObject *object)
{
  ZbServer *self = (ZbServer *)object;

  if (self->soup != NULL)
    soup_server_disconnect (self->soup);
  g_clear_object (&self->soup);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (zb_server_parent_class)->dispose (object);
}

static void
zb_server_class_init (ZbServerClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = zb_server_dispose;
}

static void
zb_server_init (ZbServer *self)
{
}

ZbServer *
zb_server_new (ZbServerStore   *store,
               GTlsCertificate *certificate)
{
  ZbServer *self = g_object_new (ZB_TYPE_SERVER, NULL);

  self->store = g_object_ref (store);
  self->https = certificate != NULL;
  self->soup = soup_server_new ("server-header", "zhibu-server/" PACKAGE_VERSION,
                                "tls-certificate", certificate, NULL);
  soup_server_add_early_handler (self->soup, NULL, early_cb, self, NULL);
  soup_server_add_handler (self->soup, NULL, request_cb, self, NULL);
  return self;
}

/* Listens on HOST:PORT (port 0: any free one); the URL it serves. */
char *
zb_server_listen (ZbServer    *self,
                  const char  *host_port,
                  GError     **error)
{
  g_autofree char *host = NULL;
  g_autoptr(GSocketAddress) address = NULL;
  g_autoptr(GInetSocketAddress) bound = NULL;
  GSList *listeners;
  const char *colon = host_port ? strrchr (host_port, ':') : NULL;
  gint64 port = -1;

  if (colon == NULL || !parse_number (colon + 1, 0, 65535, &port))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   _("--listen takes HOST:PORT, such as 127.0.0.1:8443"));
      return NULL;
    }
  host = g_strndup (host_port, colon - host_port);
  if ((address = g_inet_socket_address_new_from_string (host, port)) == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   _("%s is not an IP address"), host);
      return NULL;
    }
  if (!soup_server_listen (self->soup, address, self->https ? SOUP_SERVER_LISTEN_HTTPS : 0, error))
    return NULL;

  listeners = soup_server_get_listeners (self->soup);
  bound = G_INET_SOCKET_ADDRESS (g_socket_get_local_address (listeners->data, error));
  g_slist_free (listeners);
  if (bound == NULL)
    return NULL;
  return g_strdup_printf ("%s://%s:%u/", self->https ? "https" : "http", host,
                          g_inet_socket_address_get_port (bound));
}
