#define G_LOG_DOMAIN "zb-sync-transport"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>
#include <libsoup/soup.h>

#include "zb-sync-client-error.h"
#include "zb-sync-gzip.h"
#include "zb-sync-protocol.h"
#include "zb-sync-transport.h"
#include "zb-sync-trust.h"

/* One round's requests (PROTOCOL.md, Transport), made from the round's
 * worker thread. The session lives in that thread with a main context of
 * its own, iterated while a request runs, so that the connect and request
 * deadlines fire there whatever the caller's main loop does. libsoup's
 * content decoder is off: a response body is read through a counter and
 * decompressed here within PROTOCOL.md's cap, which the decoder would not
 * honour. */

#define READ_CHUNK (64 * 1024)

struct _ZbSyncTransport
{
  GObject       parent_instance;

  char         *base;             /* the server's URL without a trailing slash */
  guint         connect_timeout;  /* seconds until the request is written */
  guint         request_timeout;  /* seconds for the whole request */
  GMainContext *context;
  SoupSession  *session;
  ZbSyncTrust  *trust;            /* NULL: libsoup's default, the system's CAs */
  char         *peer_fingerprint; /* of the certificate the server showed last */
};

G_DEFINE_FINAL_TYPE (ZbSyncTransport, zb_sync_transport, G_TYPE_OBJECT)

/* What one request is doing, shared with its callbacks in this thread. */
typedef struct
{
  GCancellable *cancellable;      /* cancelled by the caller or a deadline */
  gboolean      written;          /* the request went out: connected */
  gboolean      timed_out;
  gboolean      done;
  GAsyncResult *result;
  GTlsCertificate      *refused;  /* a certificate the checks refused, and why */
  GTlsCertificateFlags  refused_errors;
} Request;

static void
zb_sync_transport_finalize (GObject *object)
{
  ZbSyncTransport *self = (ZbSyncTransport *)object;

  g_clear_object (&self->session);
  g_clear_object (&self->trust);
  g_clear_pointer (&self->context, g_main_context_unref);
  g_free (self->base);
  g_free (self->peer_fingerprint);

  G_OBJECT_CLASS (zb_sync_transport_parent_class)->finalize (object);
}

static void
zb_sync_transport_class_init (ZbSyncTransportClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = zb_sync_transport_finalize;
}

static void
zb_sync_transport_init (ZbSyncTransport *self)
{
}

static gboolean
is_loopback (const char *host)
{
  g_autoptr(GInetAddress) address = NULL;

  if (host == NULL)
    return FALSE;
  if (g_ascii_strcasecmp (host, "localhost") == 0)
    return TRUE;

  address = g_inet_address_new_from_string (host);
  return address != NULL && g_inet_address_get_is_loopback (address);
}

/* https:// only, and plain http:// to a loopback address (tests). */
gboolean
zb_sync_transport_check_url (const char  *server_url,
                             GError     **error)
{
  g_autoptr(GUri) uri = server_url ? g_uri_parse (server_url, G_URI_FLAGS_NONE, NULL) : NULL;
  const char *scheme = uri ? g_uri_get_scheme (uri) : NULL;

  if (uri == NULL || g_uri_get_host (uri) == NULL || *g_uri_get_host (uri) == '\0' ||
      (g_strcmp0 (scheme, "https") != 0 && g_strcmp0 (scheme, "http") != 0))
    {
      g_set_error (error, ZB_SYNC_CLIENT_ERROR, ZB_SYNC_CLIENT_ERROR_BAD_URL,
                   _("“%s” is not the address of a sync server; give one such as "
                     "https://sync.example.org:8443"), server_url ? server_url : "");
      return FALSE;
    }

  if (g_str_equal (scheme, "http") && !is_loopback (g_uri_get_host (uri)))
    {
      g_set_error (error, ZB_SYNC_CLIENT_ERROR, ZB_SYNC_CLIENT_ERROR_INSECURE,
                   _("Refusing to sync with %s over plain http://, which anyone on the way "
                     "could read; use https://"), g_uri_get_host (uri));
      return FALSE;
    }

  return TRUE;
}

/* To be made, used and dropped in one thread: the round's. */
ZbSyncTransport *
zb_sync_transport_new (const char  *server_url,
                       guint        connect_timeout,
                       guint        request_timeout,
                       GError     **error)
{
  g_autoptr(ZbSyncTransport) self = NULL;

  if (!zb_sync_transport_check_url (server_url, error))
    return NULL;

  self = g_object_new (ZB_TYPE_SYNC_TRANSPORT, NULL);
  self->base = g_strdup (server_url);
  while (g_str_has_suffix (self->base, "/"))
    self->base[strlen (self->base) - 1] = '\0';
  self->connect_timeout = connect_timeout;
  self->request_timeout = request_timeout;
  self->context = g_main_context_new ();

  g_main_context_push_thread_default (self->context);
  self->session = soup_session_new_with_options ("timeout", request_timeout,
                                                 "user-agent", "zhibu/" PACKAGE_VERSION, NULL);
  soup_session_remove_feature_by_type (self->session, SOUP_TYPE_CONTENT_DECODER);
  g_main_context_pop_thread_default (self->context);

  return g_steal_pointer (&self);
}

static void
forward_cancel_cb (GCancellable *cancellable,
                   GCancellable *request_cancellable)
{
  g_cancellable_cancel (request_cancellable);
}

static void
wrote_headers_cb (SoupMessage *msg,
                  Request     *request)
{
  request->written = TRUE;
}

/* Never accepts: the trust's checks are the whole policy. What was refused
 * is kept, to say so in words. */
static gboolean
accept_certificate_cb (SoupMessage          *msg,
                       GTlsCertificate      *certificate,
                       GTlsCertificateFlags  errors,
                       Request              *request)
{
  g_set_object (&request->refused, certificate);
  request->refused_errors = errors;
  return FALSE;
}

static gboolean
connect_deadline_cb (gpointer data)
{
  Request *request = data;

  if (!request->written)
    {
      request->timed_out = TRUE;
      g_cancellable_cancel (request->cancellable);
    }

  return G_SOURCE_REMOVE;
}

static gboolean
request_deadline_cb (gpointer data)
{
  Request *request = data;

  request->timed_out = TRUE;
  g_cancellable_cancel (request->cancellable);
  return G_SOURCE_REMOVE;
}

static void
async_done_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      data)
{
  Request *request = data;

  request->result = g_object_ref (result);
  request->done = TRUE;
}

/* Runs this thread's context until the pending call completes. */
static GAsyncResult *
wait_for (ZbSyncTransport *self,
          Request         *request)
{
  while (!request->done)
    g_main_context_iteration (self->context, TRUE);

  request->done = FALSE;
  return g_steal_pointer (&request->result);
}

static void
timed_out_error (ZbSyncTransport  *self,
                 Request          *request,
                 GError          **error)
{
  g_clear_error (error);
  if (request->written)
    g_set_error (error, G_IO_ERROR, G_IO_ERROR_TIMED_OUT,
                 _("The sync server did not answer within %u seconds"), self->request_timeout);
  else
    g_set_error (error, G_IO_ERROR, G_IO_ERROR_TIMED_OUT,
                 _("No connection to the sync server within %u seconds"), self->connect_timeout);
}

/* What a secretary can do about a certificate the checks refused. */
static char *
certificate_problem (ZbSyncTransport      *self,
                     GTlsCertificateFlags  errors)
{
  if ((errors & G_TLS_CERTIFICATE_UNKNOWN_CA) && self->trust && zb_sync_trust_has_ca (self->trust))
    return g_strdup_printf (_("The certificate of the sync server %s is not signed by the CA "
                              "certificate chosen for it: check that the CA file is the "
                              "committee’s own and the address is right"), self->base);
  if (errors & G_TLS_CERTIFICATE_UNKNOWN_CA)
    return g_strdup_printf (_("The sync server %s shows a certificate this PC does not trust: if "
                              "the committee’s server has a certificate of its own, choose the "
                              "committee’s CA certificate in the sync settings (or give it with "
                              "--ca-file)"), self->base);
  if (errors & G_TLS_CERTIFICATE_BAD_IDENTITY)
    return g_strdup_printf (_("The certificate of the sync server %s is made out for another "
                              "address: check the server’s address"), self->base);
  if (errors & G_TLS_CERTIFICATE_EXPIRED)
    return g_strdup_printf (_("The certificate of the sync server %s has expired: ask the "
                              "committee’s administrator to renew it, and check this PC’s date"),
                            self->base);
  if (errors & G_TLS_CERTIFICATE_NOT_ACTIVATED)
    return g_strdup_printf (_("The certificate of the sync server %s is not valid yet: check this "
                              "PC’s date and time"), self->base);

  return g_strdup_printf (_("The certificate of the sync server %s cannot be trusted (revoked or "
                            "insecure): tell the committee’s administrator"), self->base);
}

/* Nothing was sent: the certificate is either not the pinned one, which a
 * person must look into, or fails its chain. The first line says what to
 * do; the technical detail follows on a line of its own. */
static void
certificate_error (ZbSyncTransport  *self,
                   Request          *request,
                   GError          **error)
{
  g_autofree char *fingerprint = zb_sync_trust_fingerprint (request->refused);
  const char *pin = self->trust ? zb_sync_trust_get_pin (self->trust) : NULL;
  g_autofree char *flags = NULL, *problem = NULL;

  g_clear_error (error);
  if (pin != NULL && g_strcmp0 (pin, fingerprint) != 0)
    {
      g_set_error (error, ZB_SYNC_CLIENT_ERROR, ZB_SYNC_CLIENT_ERROR_CERTIFICATE_CHANGED,
                   _("The sync server %s shows a different certificate from the one this PC "
                     "trusted when it enrolled. If the committee has changed its certificate, "
                     "check the new fingerprint with the server’s administrator, then enrol "
                     "this PC again or run “zhibu-cli sync --server %s --trust-new-certificate "
                     "FINGERPRINT”; otherwise someone may be posing as the server, and nothing "
                     "was sent to it.\nTrusted: %s\nShown now: %s"),
                   self->base, self->base, pin, fingerprint);
      return;
    }

  flags = g_flags_to_string (G_TYPE_TLS_CERTIFICATE_FLAGS, request->refused_errors);
  problem = certificate_problem (self, request->refused_errors);
  g_set_error (error, ZB_SYNC_CLIENT_ERROR, ZB_SYNC_CLIENT_ERROR_UNTRUSTED,
               _("%s.\nDetails: %s; the certificate’s SHA-256 fingerprint is %s"), problem,
               flags, fingerprint);
}

static void
keep_peer_fingerprint (ZbSyncTransport *self,
                       SoupMessage     *msg)
{
  GTlsCertificate *certificate = soup_message_get_tls_peer_certificate (msg);

  if (certificate == NULL)
    return;
  g_free (self->peer_fingerprint);
  self->peer_fingerprint = zb_sync_trust_fingerprint (certificate);
}

/* A sentence for the failures of the network a person can act on, the
 * resolver's or GnuTLS's own words kept as the details; the domain and code
 * stay, for zb_sync_client_is_transient(). */
static char *
network_problem (ZbSyncTransport *self,
                 const GError    *error)
{
  if (error->domain == G_RESOLVER_ERROR)
    return g_strdup_printf (_("Cannot find the sync server %s: check its address and this PC’s "
                              "network link"), self->base);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CONNECTION_REFUSED))
    return g_strdup_printf (_("The sync server %s does not take connections: it may be stopped, "
                              "or the port may be wrong; check the address, or tell the "
                              "committee’s administrator"), self->base);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_HOST_UNREACHABLE) ||
      g_error_matches (error, G_IO_ERROR, G_IO_ERROR_NETWORK_UNREACHABLE))
    return g_strdup_printf (_("The sync server %s cannot be reached from this PC: check the "
                              "network link"), self->base);
  if (error->domain == G_TLS_ERROR)
    return g_strdup_printf (_("No secure connection to the sync server %s could be made: check "
                              "that the address and its port are the sync server’s"), self->base);

  return NULL;
}

static void
explain_network_error (ZbSyncTransport  *self,
                       GError          **error)
{
  g_autofree char *problem = network_problem (self, *error);
  GError *explained;

  if (problem == NULL)
    return;
  explained = g_error_new ((*error)->domain, (*error)->code, _("%s.\nDetails: %s"), problem,
                           (*error)->message);
  g_clear_error (error);
  g_propagate_error (error, explained);
}

static GBytes *
read_body (ZbSyncTransport  *self,
           Request          *request,
           GInputStream     *stream,
           GError          **error)
{
  g_autoptr(GByteArray) body = g_byte_array_new ();

  for (;;)
    {
      g_autoptr(GAsyncResult) result = NULL;
      g_autoptr(GBytes) chunk = NULL;

      g_input_stream_read_bytes_async (stream, READ_CHUNK, G_PRIORITY_DEFAULT,
                                       request->cancellable, async_done_cb, request);
      result = wait_for (self, request);
      chunk = g_input_stream_read_bytes_finish (stream, result, error);
      if (chunk == NULL)
        return NULL;
      if (g_bytes_get_size (chunk) == 0)
        break;

      g_byte_array_append (body, g_bytes_get_data (chunk, NULL), g_bytes_get_size (chunk));
      if (body->len > ZB_SYNC_MAX_DECODED)
        {
          g_set_error (error, ZB_SYNC_ERROR, ZB_SYNC_ERROR_TOO_LARGE,
                       _("The sync server’s answer is larger than %d bytes"), ZB_SYNC_MAX_DECODED);
          return NULL;
        }
    }

  return g_byte_array_free_to_bytes (g_steal_pointer (&body));
}

/* The body as JSON: decompressed within the cap when the server sent gzip. */
static GBytes *
decode_body (SoupMessage  *msg,
             GBytes       *raw,
             GError      **error)
{
  SoupMessageHeaders *headers = soup_message_get_response_headers (msg);
  const char *encoding = soup_message_headers_get_one (headers, "Content-Encoding");

  if (encoding == NULL || g_ascii_strcasecmp (encoding, "identity") == 0)
    return g_bytes_ref (raw);
  if (g_ascii_strcasecmp (encoding, "gzip") == 0)
    return zb_sync_gzip_decompress (raw, ZB_SYNC_MAX_DECODED, error);

  g_set_error (error, ZB_SYNC_CLIENT_ERROR, ZB_SYNC_CLIENT_ERROR_BAD_RESPONSE,
               _("The sync server answered in an encoding it was not asked for (%s)"), encoding);
  return NULL;
}

static SoupMessage *
new_message (ZbSyncTransport  *self,
             const char       *method,
             const char       *path,
             GBytes           *gzip_body,
             const char       *token,
             GError          **error)
{
  g_autofree char *url = g_strconcat (self->base, path, NULL);
  g_autoptr(SoupMessage) msg = soup_message_new (method, url);
  SoupMessageHeaders *headers;

  if (msg == NULL)
    {
      g_set_error (error, ZB_SYNC_CLIENT_ERROR, ZB_SYNC_CLIENT_ERROR_BAD_URL,
                   _("“%s” is not a valid address"), url);
      return NULL;
    }

  soup_message_add_flags (msg, SOUP_MESSAGE_NO_REDIRECT);
  headers = soup_message_get_request_headers (msg);
  soup_message_headers_replace (headers, "Accept-Encoding", "gzip");
  if (token != NULL)
    {
      g_autofree char *bearer = g_strconcat ("Bearer ", token, NULL);

      soup_message_headers_replace (headers, "Authorization", bearer);
    }
  if (gzip_body != NULL)
    {
      soup_message_headers_replace (headers, "Content-Encoding", "gzip");
      soup_message_set_request_body_from_bytes (msg, "application/json", gzip_body);
    }

  return g_steal_pointer (&msg);
}

/* Seconds from a Retry-After in seconds; a date or nonsense counts as none. */
static guint
parse_retry_after (SoupMessage *msg)
{
  const char *header = soup_message_headers_get_one (soup_message_get_response_headers (msg),
                                                     "Retry-After");
  g_autofree char *text = g_strstrip (g_strdup (header ? header : ""));
  guint64 seconds = 0;

  if (!g_ascii_string_to_unsigned (text, 10, 0, 24 * 3600, &seconds, NULL))
    return 0;

  return seconds;
}

static GBytes *
exchange (ZbSyncTransport  *self,
          SoupMessage      *msg,
          Request          *request,
          GError          **error)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GInputStream) stream = NULL;
  g_autoptr(GBytes) raw = NULL;

  soup_session_send_async (self->session, msg, G_PRIORITY_DEFAULT, request->cancellable,
                           async_done_cb, request);
  result = wait_for (self, request);
  stream = soup_session_send_finish (self->session, result, error);
  if (stream == NULL || (raw = read_body (self, request, stream, error)) == NULL)
    return NULL;

  g_input_stream_close (stream, NULL, NULL);
  return decode_body (msg, raw, error);
}

static GBytes *
run_request (ZbSyncTransport  *self,
             SoupMessage      *msg,
             GCancellable     *cancellable,
             GError          **error)
{
  Request request = { g_cancellable_new (), FALSE, FALSE, FALSE, NULL, NULL, 0 };
  g_autoptr(GSource) connect = g_timeout_source_new_seconds (self->connect_timeout);
  g_autoptr(GSource) whole = g_timeout_source_new_seconds (self->request_timeout);
  gulong cancel_id = 0, wrote_id, accept_id;
  GBytes *body;

  if (cancellable != NULL)
    cancel_id = g_cancellable_connect (cancellable, G_CALLBACK (forward_cancel_cb),
                                       g_object_ref (request.cancellable), g_object_unref);
  wrote_id = g_signal_connect (msg, "wrote-headers", G_CALLBACK (wrote_headers_cb), &request);
  accept_id = g_signal_connect (msg, "accept-certificate", G_CALLBACK (accept_certificate_cb),
                                &request);
  g_source_set_callback (connect, connect_deadline_cb, &request, NULL);
  g_source_set_callback (whole, request_deadline_cb, &request, NULL);
  g_source_attach (connect, self->context);
  g_source_attach (whole, self->context);

  body = exchange (self, msg, &request, error);
  if (body == NULL && request.refused != NULL)
    certificate_error (self, &request, error);
  else if (body == NULL && request.timed_out && !g_cancellable_is_cancelled (cancellable))
    timed_out_error (self, &request, error);
  else if (body != NULL)
    keep_peer_fingerprint (self, msg);

  g_source_destroy (connect);
  g_source_destroy (whole);
  g_signal_handler_disconnect (msg, wrote_id);
  g_signal_handler_disconnect (msg, accept_id);
  g_cancellable_disconnect (cancellable, cancel_id);
  g_object_unref (request.cancellable);
  g_clear_object (&request.refused);
  return body;
}

/* Sends @gzip_body (a JSON body the caller compressed, to know its size
 * against the limit; NULL: none) to @path and returns the answer's JSON
 * body, decompressed. A status other than 200 is the error
 * its body names (zb_sync_error_from_response), with *@retry_after set
 * from a Retry-After header in seconds (0 when none). */
GBytes *
zb_sync_transport_request (ZbSyncTransport  *self,
                           const char       *method,
                           const char       *path,
                           GBytes           *gzip_body,
                           const char       *token,
                           guint            *retry_after,
                           GCancellable     *cancellable,
                           GError          **error)
{
  g_autoptr(SoupMessage) msg = NULL;
  g_autoptr(GBytes) body = NULL;
  g_autoptr(GError) local_error = NULL;
  guint status;

  *retry_after = 0;
  g_main_context_push_thread_default (self->context);
  msg = new_message (self, method, path, gzip_body, token, &local_error);
  body = msg ? run_request (self, msg, cancellable, &local_error) : NULL;
  g_main_context_pop_thread_default (self->context);

  /* No answer, or an answer that could not be read. */
  status = msg ? soup_message_get_status (msg) : SOUP_STATUS_NONE;
  if (body == NULL && (status == SOUP_STATUS_NONE || status == SOUP_STATUS_OK ||
                       g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_CANCELLED) ||
                       g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_TIMED_OUT)))
    {
      if (status == SOUP_STATUS_NONE && local_error->domain != ZB_SYNC_CLIENT_ERROR)
        explain_network_error (self, &local_error);
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }
  if (status == SOUP_STATUS_OK)
    return g_steal_pointer (&body);

  /* A failed request: the status says what, the body (if readable) why. */
  *retry_after = parse_retry_after (msg);
  g_propagate_error (error, zb_sync_error_from_response (status, body));
  return NULL;
}

/* The certificates this transport's server may show (made by the client
 * from what the PC keeps for the server); before the first request. */
void
zb_sync_transport_set_trust (ZbSyncTransport *self,
                             ZbSyncTrust     *trust)
{
  g_set_object (&self->trust, trust);
  soup_session_set_tls_database (self->session, G_TLS_DATABASE (trust));
}

/* The SHA-256 fingerprint of the certificate the server showed in the
 * last request that succeeded; NULL over plain http://. */
const char *
zb_sync_transport_get_peer_fingerprint (ZbSyncTransport *self)
{
  return self->peer_fingerprint;
}
