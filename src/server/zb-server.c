#define G_LOG_DOMAIN "zb-server"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>
#include <libsoup/soup.h>

#include "zb-server.h"
#include "zb-server-accounts.h"
#include "zb-server-dashboard.h"
#include "zb-server-db.h"
#include "zb-server-workers.h"
#include "zb-server-request.h"
#include "zb-server-web.h"
#include "zb-sync-gzip.h"
#include "zb-sync-protocol.h"

/* SoupServer reads requests on the main loop, and worker threads answer
 * them, each with a store of its own (zb-server-workers.c): each request is
 * one transaction, and pushes to one branch wait for each other at the
 * branch's row. SoupServer neither decodes requests nor compresses
 * responses: that is done here, with the limits of PROTOCOL.md section 9.
 * A request is judged from its headers
 * (route, size, token) before its body is read, and a body is counted as
 * it comes: one refused is answered at once and never held (the gate,
 * zb-server-gate.c, writes the answer and closes the connection). Logs
 * carry the request's shape (method, path, status, device, number of ops),
 * never a body. */

struct _ZbServer
{
  GObject          parent_instance;

  SoupServer      *soup;
  ZbServerGate    *gate;
  ZbServerWorkers *workers;
  ZbServerStore   *store;   /* the main loop's: tokens are checked there */
  ZbServerReplicas *replicas; /* the dashboard's, or NULL */
  GHashTable      *buckets; /* device ID → Bucket */
  ZbServerLimits   limits;
  gboolean         https;
};

G_DEFINE_FINAL_TYPE (ZbServer, zb_server, G_TYPE_OBJECT)

typedef struct
{
  const char *path;
  const char *method;
  gboolean    authenticated;
  gsize       max_body;
  JsonNode *(*handle) (ZbServerStore      *store,
                       SoupServerMessage  *msg,
                       ZbServerDevice     *device,
                       JsonNode           *body,
                       GError            **error);
  gboolean    web;     /* a committee page: any path under @path, GET or POST */
} Route;

/* A token bucket per device: half a minute's requests at once, then the
 * rate. */
typedef struct
{
  double tokens;
  gint64 updated;   /* monotonic µs */
} Bucket;

/* The line itself names the request (a writer that prints MESSAGE alone
 * still shows it all); the same values go as fields for journald. The
 * device is its ID, never a person's data. g_log_structured() would take
 * every pair after MESSAGE as its format's arguments and drop them. */
static void
log_request (SoupServerMessage *msg,
             guint              status,
             ZbServerDevice    *device,
             guint              n_ops)
{
  const char *method = soup_server_message_get_method (msg);
  const char *path = g_uri_get_path (soup_server_message_get_uri (msg));
  const char *device_id = device ? device->device_id : "-";
  g_autofree char *status_text = g_strdup_printf ("%u", status);
  g_autofree char *ops_text = g_strdup_printf ("%u", n_ops);
  g_autofree char *message = g_strdup_printf ("%s %s %u device=%s ops=%u", method, path, status,
                                              device_id, n_ops);
  const GLogField fields[] = {
    { "GLIB_DOMAIN", G_LOG_DOMAIN, -1 },
    { "PRIORITY", "6", -1 },
    { "MESSAGE", message, -1 },
    { "ZB_METHOD", method, -1 },
    { "ZB_PATH", path, -1 },
    { "ZB_STATUS", status_text, -1 },
    { "ZB_DEVICE", device_id, -1 },
    { "ZB_OPS", ops_text, -1 },
  };

  g_log_structured_array (G_LOG_LEVEL_INFO, fields, G_N_ELEMENTS (fields));
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
handle_info (ZbServerStore      *store,
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
handle_enrol (ZbServerStore      *store,
              SoupServerMessage  *msg,
              ZbServerDevice     *device,
              JsonNode           *body,
              GError            **error)
{
  return zb_server_store_enrol (store, json_node_get_object (body), error);
}

static JsonNode *
handle_device (ZbServerStore      *store,
               SoupServerMessage  *msg,
               ZbServerDevice     *device,
               JsonNode           *body,
               GError            **error)
{
  return zb_server_store_describe (store, device, error);
}

static JsonNode *
handle_push (ZbServerStore      *store,
             SoupServerMessage  *msg,
             ZbServerDevice     *device,
             JsonNode           *body,
             GError            **error)
{
  guint n_ops = 0;
  JsonNode *answer = zb_server_serve_push (store, device, body, &n_ops, error);
  ZbServerReplicas *replicas = g_object_get_data (G_OBJECT (store), "zb-replicas");

  g_object_set_data (G_OBJECT (msg), "n-ops", GUINT_TO_POINTER (n_ops));
  /* The branch's replica follows on its own thread; a read catches it up anyway. */
  if (answer != NULL && n_ops > 0 && replicas != NULL)
    zb_server_replicas_poke (replicas, device->branch_id);
  return answer;
}

static JsonNode *
handle_changes (ZbServerStore      *store,
                SoupServerMessage  *msg,
                ZbServerDevice     *device,
                JsonNode           *body,
                GError            **error)
{
  const char *query = g_uri_get_query (soup_server_message_get_uri (msg));

  return zb_server_serve_changes (store, device, query, error);
}

/* The committee's figures as JSON, behind its session cookie. */
static JsonNode *
handle_dashboard (ZbServerStore      *store,
                  SoupServerMessage  *msg,
                  ZbServerDevice     *device,
                  JsonNode           *body,
                  GError            **error)
{
  SoupMessageHeaders *headers = soup_server_message_get_request_headers (msg);

  return zb_server_dashboard_serve (store, g_object_get_data (G_OBJECT (store), "zb-replicas"),
                                    soup_message_headers_get_list (headers, "Cookie"),
                                    g_uri_get_query (soup_server_message_get_uri (msg)), error);
}

static const Route routes[] = {
  { "/v1/info", "GET", FALSE, 0, handle_info },
  { "/v1/enrol", "POST", FALSE, ZB_SYNC_MAX_ENROL_BODY, handle_enrol },
  { "/v1/device", "GET", TRUE, 0, handle_device },
  { "/v1/push", "POST", TRUE, ZB_SYNC_MAX_BODY, handle_push },
  { "/v1/changes", "GET", TRUE, 0, handle_changes },
  { ZB_SERVER_DASHBOARD_PATH, "GET", FALSE, 0, handle_dashboard },
  { ZB_SERVER_WEB_PREFIX, NULL, FALSE, ZB_SERVER_WEB_MAX_BODY, NULL, TRUE },
};

static const Route *
find_route (SoupServerMessage  *msg,
            GError            **error)
{
  const char *path = g_uri_get_path (soup_server_message_get_uri (msg));

  for (guint i = 0; i < G_N_ELEMENTS (routes); i++)
    {
      if (routes[i].web && g_str_has_prefix (path, routes[i].path))
        return &routes[i];
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
read_body (GBytes      *raw,
           const char  *encoding,
           const Route *route,
           GError     **error)
{
  return zb_server_read_body (raw, encoding, route->max_body, error);
}

/* What a worker needs of a request. The message itself is only read, and
 * stays alive and paused until the worker is done. */
typedef struct
{
  SoupServerMessage *msg;
  const Route       *route;
  ZbServerDevice    *device;
  GBytes            *raw;
  char              *encoding;
  ZbWebRequest       web;
} Request;

static void
request_free (Request *request)
{
  zb_web_request_clear (&request->web);
  g_clear_pointer (&request->raw, g_bytes_unref);
  g_free (request->encoding);
  g_free (request);
}

static Request *
request_new (ZbServer          *self,
             SoupServerMessage *msg,
             const Route       *route)
{
  Request *request = g_new0 (Request, 1);
  SoupMessageHeaders *headers = soup_server_message_get_request_headers (msg);

  request->msg = msg;
  request->route = route;
  if (route->web)
    {
      zb_web_request_init (&request->web, msg, self->https);
      return request;
    }
  request->device = g_object_get_data (G_OBJECT (msg), "zb-device");
  if (route->max_body > 0)
    request->raw = soup_message_body_flatten (soup_server_message_get_request_body (msg));
  request->encoding = g_strdup (soup_message_headers_get_one (headers, "Content-Encoding"));
  return request;
}

/* In a worker, or on the main loop when there are none. */
static JsonNode *
serve_request (ZbServerStore  *store,
               gpointer        data,
               GError        **error)
{
  Request *request = data;
  g_autoptr(JsonNode) body = NULL;

  if (request->route->web)
    return zb_server_web_serve (store, &request->web, error);
  if (request->route->max_body > 0 &&
      (body = read_body (request->raw, request->encoding, request->route, error)) == NULL)
    return NULL;
  return request->route->handle (store, request->msg, request->device, body, error);
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
answer (ZbServer          *self,
        SoupServerMessage *msg,
        JsonNode          *answer,
        const GError      *error)
{
  g_autoptr(GBytes) json = NULL;
  const Route *route = g_object_get_data (G_OBJECT (msg), "zb-route");

  if (route != NULL && route->web)
    zb_server_web_respond (msg, answer, error);
  else if (answer == NULL)
    respond_error (msg, error);
  else
    {
      json = zb_sync_json_to_bytes (answer);
      respond (msg, SOUP_STATUS_OK, json);
    }
  zb_server_gate_answering (self->gate, msg);
  log_request (msg, soup_server_message_get_status (msg),
               g_object_get_data (G_OBJECT (msg), "zb-device"),
               GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (msg), "n-ops")));
}

static void
served_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(SoupServerMessage) msg = user_data;
  ZbServer *self = g_object_get_data (G_OBJECT (msg), "zb-server");
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) node = zb_server_workers_run_finish (ZB_SERVER_WORKERS (object), result,
                                                           &error);

  answer (self, msg, node, error);
  soup_server_message_unpause (msg);
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
  g_autoptr(JsonNode) node = NULL;
  const Route *route = find_route (msg, &error);
  Request *request;

  if (route == NULL)
    {
      answer (self, msg, NULL, error);
      return;
    }

  zb_server_gate_working (self->gate, msg);
  request = request_new (self, msg, route);
  if (zb_server_workers_get_n (self->workers) == 0)
    {
      node = serve_request (self->store, request, &error);
      request_free (request);
      answer (self, msg, node, error);
      return;
    }

  g_object_set_data (G_OBJECT (msg), "zb-server", self);
  soup_server_message_pause (msg);
  zb_server_workers_run_async (self->workers, serve_request, request,
                               (GDestroyNotify) request_free, served_cb, g_object_ref (msg));
}

/* Answers at once, without reading the body, and closes the connection. */
static void
refuse (ZbServer          *self,
        SoupServerMessage *msg,
        const GError      *error)
{
  respond_error (msg, error);
  log_request (msg, soup_server_message_get_status (msg),
               g_object_get_data (G_OBJECT (msg), "zb-device"), 0);
  zb_server_gate_answer_now (self->gate, msg);
}

/* A chunked body has no length to judge it by: it is counted as it comes. */
static void
got_chunk_cb (SoupServerMessage *msg,
              GBytes            *chunk,
              gpointer           user_data)
{
  ZbServer *self = user_data;
  const Route *route = g_object_get_data (G_OBJECT (msg), "zb-route");
  g_autoptr(GError) error = NULL;

  if (soup_server_message_get_request_body (msg)->length <= (goffset) route->max_body)
    return;
  g_signal_handlers_disconnect_by_func (msg, got_chunk_cb, user_data);
  too_large (&error);
  refuse (self, msg, error);
}

/* Browsers' addresses come and go, unlike enrolled devices: past this many
 * buckets, those idle long enough to be full again are dropped, which
 * changes no answer. */
#define MAX_BUCKETS 4096

static void
forget_idle_buckets (ZbServer *self,
                     gint64    now)
{
  double per_second = self->limits.requests_per_minute / 60.0;
  double burst = MAX (self->limits.requests_per_minute / 2, 1);
  GHashTableIter iter;
  Bucket *bucket;

  g_hash_table_iter_init (&iter, self->buckets);
  while (g_hash_table_iter_next (&iter, NULL, (gpointer *) &bucket))
    if (bucket->tokens + (now - bucket->updated) * per_second / G_USEC_PER_SEC >= burst)
      g_hash_table_iter_remove (&iter);
}

/* Whether the client @key names (a device ID, or a browser's address) may
 * make one more request now; else the seconds until it may, in
 * @retry_after. */
static gboolean
take_request (ZbServer       *self,
              const char     *key,
              guint          *retry_after)
{
  double per_second = self->limits.requests_per_minute / 60.0;
  double burst = MAX (self->limits.requests_per_minute / 2, 1);
  gint64 now = g_get_monotonic_time ();
  Bucket *bucket;

  if (self->limits.requests_per_minute == 0)
    return TRUE;
  if ((bucket = g_hash_table_lookup (self->buckets, key)) == NULL)
    {
      if (g_hash_table_size (self->buckets) >= MAX_BUCKETS)
        forget_idle_buckets (self, now);
      bucket = g_new0 (Bucket, 1);
      bucket->tokens = burst;
      bucket->updated = now;
      g_hash_table_insert (self->buckets, g_strdup (key), bucket);
    }

  bucket->tokens = MIN (burst, bucket->tokens +
                                 (now - bucket->updated) * per_second / G_USEC_PER_SEC);
  bucket->updated = now;
  if (bucket->tokens >= 1)
    {
      bucket->tokens -= 1;
      return TRUE;
    }
  *retry_after = (guint) ((1 - bucket->tokens) / per_second) + 1;
  return FALSE;
}

static gboolean
check_rate (ZbServer           *self,
            SoupServerMessage  *msg,
            const char         *key,
            GError            **error)
{
  g_autofree char *seconds = NULL;
  guint retry_after;

  if (take_request (self, key, &retry_after))
    return TRUE;
  seconds = g_strdup_printf ("%u", retry_after);
  soup_message_headers_replace (soup_server_message_get_response_headers (msg), "Retry-After",
                                seconds);
  g_set_error (error, ZB_SYNC_ERROR, ZB_SYNC_ERROR_RATE_LIMITED,
               _("This PC made too many requests; it may try again in %u s"), retry_after);
  return FALSE;
}

/* Committee pages are limited by the browser's address, at the PCs' rate: a
 * login costs a password hash, and one address must not keep every worker
 * hashing. An IPv6 client holds its whole /64, so it counts as one. */
static gboolean
check_web_rate (ZbServer           *self,
                SoupServerMessage  *msg,
                GError            **error)
{
  GSocketAddress *remote = soup_server_message_get_remote_address (msg);
  GInetAddress *address = G_IS_INET_SOCKET_ADDRESS (remote)
                          ? g_inet_socket_address_get_address (G_INET_SOCKET_ADDRESS (remote))
                          : NULL;
  g_autoptr(GInetAddress) network = NULL;
  g_autofree char *text = NULL, *key = NULL;
  guint8 bytes[16];

  if (address != NULL && g_inet_address_get_family (address) == G_SOCKET_FAMILY_IPV6)
    {
      memcpy (bytes, g_inet_address_to_bytes (address), sizeof bytes);
      memset (bytes + 8, 0, 8);
      network = g_inet_address_new_from_bytes (bytes, G_SOCKET_FAMILY_IPV6);
      address = network;
    }
  text = address ? g_inet_address_to_string (address) : g_strdup ("-");
  key = g_strconcat ("web ", text, NULL);
  return check_rate (self, msg, key, error);
}

/* Route, declared size and token are checked from the headers alone. */
static gboolean
check_headers (ZbServer           *self,
               SoupServerMessage  *msg,
               const Route        *route,
               GError            **error)
{
  goffset length = soup_message_headers_get_content_length (
                     soup_server_message_get_request_headers (msg));
  ZbServerDevice *device;

  if (length > 0 && (gsize) length > MAX (route->max_body, 1))
    return too_large (error) != NULL;
  if (route->web || route->handle == handle_dashboard)
    return check_web_rate (self, msg, error);
  if (!route->authenticated)
    return TRUE;
  if ((device = authenticate (self, msg, error)) == NULL)
    return FALSE;
  g_object_set_data_full (G_OBJECT (msg), "zb-device", device,
                          (GDestroyNotify) zb_server_device_free);
  return check_rate (self, msg, device->device_id, error);
}

static void
early_cb (SoupServer        *soup,
          SoupServerMessage *msg,
          const char        *path,
          GHashTable        *query,
          gpointer           user_data)
{
  ZbServer *self = user_data;
  g_autoptr(GError) error = NULL;
  const Route *route = find_route (msg, &error);

  if (route == NULL || !check_headers (self, msg, route, &error))
    {
      refuse (self, msg, error);
      return;
    }

  g_object_set_data (G_OBJECT (msg), "zb-route", (gpointer) route);
  g_signal_connect (msg, "got-chunk", G_CALLBACK (got_chunk_cb), self);
  zb_server_gate_reading_body (self->gate, msg);
}

static void
zb_server_dispose (GObject *object)
{
  ZbServer *self = (ZbServer *)object;

  g_clear_object (&self->gate);
  g_clear_object (&self->workers);
  g_clear_pointer (&self->buckets, g_hash_table_unref);
  if (self->soup != NULL)
    soup_server_disconnect (self->soup);
  g_clear_object (&self->soup);
  g_clear_object (&self->store);
  g_clear_object (&self->replicas);

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

/* @limits: NULL for the defaults of PROTOCOL.md section 9. */
ZbServer *
zb_server_new (ZbServerStore         *store,
               GTlsCertificate       *certificate,
               const ZbServerLimits  *limits)
{
  static const ZbServerLimits defaults = ZB_SERVER_LIMITS_INIT;
  ZbServer *self = g_object_new (ZB_TYPE_SERVER, NULL);

  zb_server_accounts_warm_up ();
  self->store = g_object_ref (store);
  self->workers = zb_server_workers_new ();
  self->buckets = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  self->https = certificate != NULL;
  self->limits = limits ? *limits : defaults;
  /* The gate does TLS: SoupServer gets each connection ready to speak HTTP. */
  self->soup = soup_server_new ("server-header", "zhibu-server/" PACKAGE_VERSION, NULL);
  self->gate = zb_server_gate_new (self->soup, certificate, &self->limits.gate);
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
  guint bound_port;
  const char *colon = host_port ? strrchr (host_port, ':') : NULL;
  gint64 port = -1;

  if (colon == NULL || !zb_server_parse_number (colon + 1, 0, 65535, &port))
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
  if ((bound_port = zb_server_gate_listen (self->gate, address, error)) == 0)
    return NULL;
  return g_strdup_printf ("%s://%s:%u/", self->https ? "https" : "http", host, bound_port);
}

/* One more thread answering requests, with @store (a connection of its
 * own). Without any, requests are answered on the main loop. */
void
zb_server_add_worker (ZbServer      *self,
                      ZbServerStore *store)
{
  if (self->replicas != NULL)
    g_object_set_data_full (G_OBJECT (store), "zb-replicas", g_object_ref (self->replicas),
                            g_object_unref);
  zb_server_workers_add (self->workers, store);
}

/* The dashboard's replicas (zb-server-replica.c); before any worker is added. */
void
zb_server_set_replicas (ZbServer         *self,
                        ZbServerReplicas *replicas)
{
  g_set_object (&self->replicas, replicas);
  g_object_set_data_full (G_OBJECT (self->store), "zb-replicas", g_object_ref (replicas),
                          g_object_unref);
}
