#define G_LOG_DOMAIN "zb-server-gate"

#include "config.h"

#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/resource.h>

#include <string.h>

#include <glib/gi18n.h>

#include "zb-server-gate.h"
#include "zb-sync-protocol.h"

/* The gate accepts connections itself and hands each to SoupServer
 * (soup_server_accept_iostream), because libsoup 3.2's own listener drops
 * its accept watch for good the first time accept() fails, as it does when
 * descriptors run out. Here a failed accept closes the oldest connection
 * still sending its request and tries again shortly.
 *
 * Every connection has a deadline for the phase it is in: its headers, its
 * body, the answer being read. A request a worker holds has none. At the
 * cap, a new connection takes the place of the oldest one still sending its
 * request, so that half-sent requests cannot keep a real one out; with none
 * to replace, it is answered 503. Answers close the connection
 * (Connection: close): an idle client holds no descriptor. */

/* Descriptors kept for the database, TLS and the log when the cap is taken
 * from the open-file limit. */
#define RESERVED_DESCRIPTORS 64
#define SWEEP_INTERVAL_MS    250
#define RETRY_ACCEPT_MS      100
/* How long an answer given before the body was read waits for the client
 * to read it before the connection is closed. */
#define LINGER_US            (2 * G_USEC_PER_SEC)
#define ACCEPTS_PER_WAKEUP   64
/* Requests given up when accept() fails, to free their descriptors. */
#define SHED_WHEN_OUT        16

typedef enum
{
  PHASE_HEADERS,
  PHASE_BODY,
  PHASE_WORKING,
  PHASE_ANSWERING,
  PHASE_LINGERING,  /* answered early; the gate owns the stream now */
  PHASE_CLOSING,    /* shut down; waiting for SoupServer to let go */
} Phase;

typedef struct
{
  GSocket        *socket;
  GIOStream      *stream;
  GSocketAddress *remote;
  gint64          since;
  gint64          deadline;  /* monotonic µs, 0 for none */
  Phase           phase;
} Connection;

struct _ZbServerGate
{
  GObject             parent_instance;

  SoupServer         *soup;
  GTlsCertificate    *certificate;
  ZbServerGateLimits  limits;
  GSocket            *listener;
  GSource            *accept_source;
  guint               retry_id;
  guint               sweep_id;
  gboolean            starved;  /* accept() failed, none accepted since */
  /* GSocketAddress (the remote one SoupServer was given) → Connection */
  GHashTable         *connections;
};

G_DEFINE_FINAL_TYPE (ZbServerGate, zb_server_gate, G_TYPE_OBJECT)

static gboolean accept_ready_cb (GSocket      *listener,
                                 GIOCondition  condition,
                                 gpointer      user_data);

static void
connection_free (Connection *connection)
{
  g_object_unref (connection->socket);
  g_object_unref (connection->stream);
  g_object_unref (connection->remote);
  g_free (connection);
}

static void
set_phase (Connection *connection,
           Phase       phase,
           guint       seconds)
{
  connection->phase = phase;
  connection->deadline = seconds ? g_get_monotonic_time () + seconds * G_USEC_PER_SEC : 0;
}

/* Gently: SoupServer sees the end of the stream, ends the request and
 * closes it, and the sweep then forgets it. */
static void
shut (Connection *connection)
{
  g_socket_shutdown (connection->socket, TRUE, TRUE, NULL);
  connection->phase = PHASE_CLOSING;
  connection->deadline = g_get_monotonic_time () + LINGER_US;
}

static gboolean
is_closed (Connection *connection)
{
  return g_io_stream_is_closed (connection->stream) || g_socket_is_closed (connection->socket);
}

/* The oldest connection still sending its request: the one to give up when
 * room is needed. */
static Connection *
find_oldest_sending (ZbServerGate *self)
{
  GHashTableIter iter;
  Connection *connection, *oldest = NULL;

  g_hash_table_iter_init (&iter, self->connections);
  while (g_hash_table_iter_next (&iter, NULL, (gpointer *) &connection))
    if ((connection->phase == PHASE_HEADERS || connection->phase == PHASE_BODY) &&
        (oldest == NULL || connection->since < oldest->since))
      oldest = connection;
  return oldest;
}

static guint
count_open (ZbServerGate *self)
{
  GHashTableIter iter;
  Connection *connection;
  guint n = 0;

  g_hash_table_iter_init (&iter, self->connections);
  while (g_hash_table_iter_next (&iter, NULL, (gpointer *) &connection))
    if (connection->phase != PHASE_CLOSING && !is_closed (connection))
      n++;
  return n;
}

/* Closes what is past its deadline and forgets what SoupServer closed. */
static void
sweep (ZbServerGate *self)
{
  gint64 now = g_get_monotonic_time ();
  GHashTableIter iter;
  Connection *connection;

  g_hash_table_iter_init (&iter, self->connections);
  while (g_hash_table_iter_next (&iter, NULL, (gpointer *) &connection))
    {
      if (is_closed (connection))
        g_hash_table_iter_remove (&iter);
      else if (connection->deadline == 0 || now < connection->deadline)
        continue;
      else if (connection->phase == PHASE_LINGERING || connection->phase == PHASE_CLOSING)
        {
          g_socket_close (connection->socket, NULL);
          g_hash_table_iter_remove (&iter);
        }
      else
        shut (connection);
    }
}

static gboolean
sweep_cb (gpointer user_data)
{
  sweep (user_data);
  return G_SOURCE_CONTINUE;
}

static void
watch_listener (ZbServerGate *self)
{
  self->accept_source = g_socket_create_source (self->listener, G_IO_IN, NULL);
  g_source_set_callback (self->accept_source, (GSourceFunc) (GCallback) accept_ready_cb, self,
                         NULL);
  g_source_attach (self->accept_source, NULL);
}

static gboolean
retry_accept_cb (gpointer user_data)
{
  ZbServerGate *self = user_data;

  self->retry_id = 0;
  watch_listener (self);
  return G_SOURCE_REMOVE;
}

/* EMFILE and ENFILE, ENOBUFS and ENOMEM. */
static gboolean
is_out_of_resources (const GError *error)
{
  return g_error_matches (error, G_IO_ERROR, G_IO_ERROR_TOO_MANY_OPEN_FILES) ||
         g_error_matches (error, G_IO_ERROR, G_IO_ERROR_NO_SPACE);
}

/* accept() failed for want of descriptors or memory: free some and
 * listen again shortly, rather than spin on a listener that stays ready.
 * Said once until a connection is accepted again. */
static void
pause_accepting (ZbServerGate *self,
                 const GError *error)
{
  Connection *oldest;
  guint shed = 0;

  while (shed < SHED_WHEN_OUT && (oldest = find_oldest_sending (self)) != NULL)
    {
      shut (oldest);
      shed++;
    }
  if (!self->starved)
    g_message ("Cannot accept a connection (%s); closed the %u oldest unfinished requests",
               error->message, shed);
  self->starved = TRUE;
  g_clear_pointer (&self->accept_source, g_source_unref);
  self->retry_id = g_timeout_add (RETRY_ACCEPT_MS, retry_accept_cb, self);
}

/* At the cap: a connection still sending its request makes way, or the new
 * one is turned away. @evicted: whether one made way (its descriptor is
 * free only once SoupServer has seen it shut). */
static gboolean
make_room (ZbServerGate *self,
           gboolean     *evicted)
{
  Connection *oldest;

  *evicted = FALSE;
  if (g_hash_table_size (self->connections) < self->limits.max_connections)
    return TRUE;
  sweep (self);
  if (count_open (self) < self->limits.max_connections)
    return TRUE;
  if ((oldest = find_oldest_sending (self)) == NULL)
    return FALSE;
  shut (oldest);
  *evicted = TRUE;
  return TRUE;
}

/* Plain HTTP only: a TLS client would not read it. */
static void
refuse (ZbServerGate *self,
        GSocket      *socket)
{
  g_autoptr(GError) busy = g_error_new_literal (ZB_SYNC_ERROR, ZB_SYNC_ERROR_UNAVAILABLE,
                                                _("The server is busy; try again shortly"));
  g_autoptr(GBytes) body = zb_sync_error_body_new (busy);
  g_autofree char *head = g_strdup_printf ("HTTP/1.1 503 Service Unavailable\r\n"
                                           "Content-Type: application/json\r\n"
                                           "Content-Length: %" G_GSIZE_FORMAT "\r\n"
                                           "Retry-After: 1\r\nConnection: close\r\n\r\n",
                                           g_bytes_get_size (body));

  g_debug ("At %u connections: refusing one", self->limits.max_connections);
  if (self->certificate == NULL)
    {
      g_socket_set_blocking (socket, FALSE);
      g_socket_send (socket, head, strlen (head), NULL, NULL);
      g_socket_send (socket, g_bytes_get_data (body, NULL), g_bytes_get_size (body), NULL, NULL);
    }
  g_socket_close (socket, NULL);
}

static GIOStream *
wrap (ZbServerGate      *self,
      GSocketConnection *connection)
{
  g_autoptr(GError) error = NULL;
  GIOStream *tls;

  if (self->certificate == NULL)
    return g_object_ref (G_IO_STREAM (connection));
  if ((tls = g_tls_server_connection_new (G_IO_STREAM (connection), self->certificate,
                                          &error)) == NULL)
    {
      g_message ("Cannot start TLS on a connection: %s", error->message);
      return NULL;
    }
  g_tls_connection_set_require_close_notify (G_TLS_CONNECTION (tls), FALSE);
  return tls;
}

/* Whether another connection made way for this one. */
static gboolean
admit (ZbServerGate *self,
       GSocket      *socket)
{
  g_autoptr(GSocketConnection) base = NULL;
  g_autoptr(GSocketAddress) local = NULL;
  Connection *connection;
  gboolean evicted;

  if (!make_room (self, &evicted))
    {
      refuse (self, socket);
      return FALSE;
    }

  g_socket_set_option (socket, IPPROTO_TCP, TCP_NODELAY, TRUE, NULL);
  base = g_socket_connection_factory_create_connection (socket);
  connection = g_new0 (Connection, 1);
  connection->socket = g_object_ref (socket);
  connection->since = g_get_monotonic_time ();
  local = g_socket_get_local_address (socket, NULL);
  connection->remote = g_socket_get_remote_address (socket, NULL);
  connection->stream = wrap (self, base);
  if (local == NULL || connection->remote == NULL || connection->stream == NULL)
    {
      g_socket_close (socket, NULL);
      g_clear_object (&connection->remote);
      g_clear_object (&connection->stream);
      g_object_unref (connection->socket);
      g_free (connection);
      return evicted;
    }

  set_phase (connection, PHASE_HEADERS, self->limits.header_timeout);
  g_hash_table_insert (self->connections, connection->remote, connection);
  soup_server_accept_iostream (self->soup, connection->stream, local, connection->remote, NULL);
  return evicted;
}

static gboolean
accept_ready_cb (GSocket      *listener,
                 GIOCondition  condition,
                 gpointer      user_data)
{
  ZbServerGate *self = user_data;

  for (guint i = 0; i < ACCEPTS_PER_WAKEUP; i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GSocket) socket = g_socket_accept (listener, NULL, &error);

      /* One that made way must be let go before the next comes in, or the
       * descriptors run out all the same. */
      if (socket != NULL)
        {
          self->starved = FALSE;
          if (admit (self, socket))
            return G_SOURCE_CONTINUE;
        }
      else if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_WOULD_BLOCK))
        return G_SOURCE_CONTINUE;
      else if (is_out_of_resources (error))
        {
          pause_accepting (self, error);
          return G_SOURCE_REMOVE;
        }
      else
        /* A client that gave up before it was accepted, and the like. */
        g_debug ("accept: %s", error->message);
    }
  return G_SOURCE_CONTINUE;
}

static Connection *
find (ZbServerGate      *self,
      SoupServerMessage *msg)
{
  return g_hash_table_lookup (self->connections, soup_server_message_get_remote_address (msg));
}

/* The answer SoupServer would have written, as bytes. */
static GBytes *
serialize_answer (SoupServerMessage *msg)
{
  g_autoptr(GBytes) body = soup_message_body_flatten (soup_server_message_get_response_body (msg));
  guint status = soup_server_message_get_status (msg);
  GString *text = g_string_new (NULL);
  SoupMessageHeadersIter iter;
  const char *name, *value;

  g_string_append_printf (text, "HTTP/1.1 %u %s\r\n", status, soup_status_get_phrase (status));
  soup_message_headers_iter_init (&iter, soup_server_message_get_response_headers (msg));
  while (soup_message_headers_iter_next (&iter, &name, &value))
    if (g_ascii_strcasecmp (name, "Content-Length") != 0 &&
        g_ascii_strcasecmp (name, "Connection") != 0)
      g_string_append_printf (text, "%s: %s\r\n", name, value);
  g_string_append_printf (text, "Content-Length: %" G_GSIZE_FORMAT "\r\nConnection: close\r\n\r\n",
                          g_bytes_get_size (body));
  g_string_append_len (text, g_bytes_get_data (body, NULL), g_bytes_get_size (body));
  return g_string_free_to_bytes (text);
}

/* The answer is out: say that nothing more comes, so that the client reads
 * it rather than a reset, however much body it still sends. */
static void
answer_written_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(GSocket) socket = user_data;

  if (g_output_stream_write_all_finish (G_OUTPUT_STREAM (object), result, NULL, NULL) &&
      !g_socket_is_closed (socket))
    g_socket_shutdown (socket, FALSE, TRUE, NULL);
}

static void
zb_server_gate_dispose (GObject *object)
{
  ZbServerGate *self = (ZbServerGate *)object;

  if (self->accept_source != NULL)
    g_source_destroy (self->accept_source);
  g_clear_pointer (&self->accept_source, g_source_unref);
  g_clear_handle_id (&self->retry_id, g_source_remove);
  g_clear_handle_id (&self->sweep_id, g_source_remove);
  if (self->listener != NULL)
    g_socket_close (self->listener, NULL);
  g_clear_object (&self->listener);
  g_clear_pointer (&self->connections, g_hash_table_unref);
  g_clear_object (&self->certificate);
  g_clear_object (&self->soup);

  G_OBJECT_CLASS (zb_server_gate_parent_class)->dispose (object);
}

static void
zb_server_gate_class_init (ZbServerGateClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = zb_server_gate_dispose;
}

static void
zb_server_gate_init (ZbServerGate *self)
{
  self->connections = g_hash_table_new_full (NULL, NULL, NULL,
                                             (GDestroyNotify) connection_free);
}

/* Without a cap given, as many as the open-file limit leaves room for. */
static guint
default_max_connections (void)
{
  struct rlimit limit;

  if (getrlimit (RLIMIT_NOFILE, &limit) != 0 || limit.rlim_cur == RLIM_INFINITY)
    return 1024;
  return MAX ((gint64) limit.rlim_cur - RESERVED_DESCRIPTORS, 16);
}

ZbServerGate *
zb_server_gate_new (SoupServer               *soup,
                    GTlsCertificate          *certificate,
                    const ZbServerGateLimits *limits)
{
  ZbServerGate *self = g_object_new (ZB_TYPE_SERVER_GATE, NULL);

  self->soup = g_object_ref (soup);
  g_set_object (&self->certificate, certificate);
  self->limits = *limits;
  if (self->limits.max_connections == 0)
    self->limits.max_connections = default_max_connections ();
  return self;
}

/* Listens at @address; the port it listens on, 0 with @error. */
guint
zb_server_gate_listen (ZbServerGate    *self,
                       GSocketAddress  *address,
                       GError         **error)
{
  g_autoptr(GSocket) listener = NULL;
  g_autoptr(GSocketAddress) bound = NULL;

  g_return_val_if_fail (self->listener == NULL, 0);

  listener = g_socket_new (g_socket_address_get_family (address), G_SOCKET_TYPE_STREAM,
                           G_SOCKET_PROTOCOL_TCP, error);
  if (listener == NULL)
    return 0;
  g_socket_set_blocking (listener, FALSE);
  g_socket_set_listen_backlog (listener, SOMAXCONN);
  if (!g_socket_bind (listener, address, TRUE, error) || !g_socket_listen (listener, error) ||
      (bound = g_socket_get_local_address (listener, error)) == NULL)
    return 0;

  self->listener = g_steal_pointer (&listener);
  watch_listener (self);
  self->sweep_id = g_timeout_add (SWEEP_INTERVAL_MS, sweep_cb, self);
  return g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (bound));
}

/* The headers are in and the request may go on: its body has its time. */
void
zb_server_gate_reading_body (ZbServerGate      *self,
                             SoupServerMessage *msg)
{
  Connection *connection = find (self, msg);

  if (connection != NULL && connection->phase == PHASE_HEADERS)
    set_phase (connection, PHASE_BODY, self->limits.body_timeout);
}

/* A worker has the request: no deadline until it answers. */
void
zb_server_gate_working (ZbServerGate      *self,
                        SoupServerMessage *msg)
{
  Connection *connection = find (self, msg);

  if (connection != NULL && connection->phase < PHASE_WORKING)
    set_phase (connection, PHASE_WORKING, 0);
}

/* The answer is ready: the client has its time to read it. */
void
zb_server_gate_answering (ZbServerGate      *self,
                          SoupServerMessage *msg)
{
  Connection *connection = find (self, msg);

  soup_message_headers_replace (soup_server_message_get_response_headers (msg), "Connection",
                                "close");
  if (connection != NULL && connection->phase < PHASE_ANSWERING)
    set_phase (connection, PHASE_ANSWERING, self->limits.body_timeout);
}

/* Writes @msg's answer (status, headers and body already set) and closes
 * the connection without reading the rest of the request: a body refused
 * from its headers, or grown past its limit, is never held. */
void
zb_server_gate_answer_now (ZbServerGate      *self,
                           SoupServerMessage *msg)
{
  Connection *connection = find (self, msg);
  g_autoptr(GBytes) answer = serialize_answer (msg);
  g_autoptr(GIOStream) stolen = NULL;

  g_return_if_fail (connection != NULL);

  stolen = soup_server_message_steal_connection (msg);
  connection->phase = PHASE_LINGERING;
  connection->deadline = g_get_monotonic_time () + LINGER_US;
  g_output_stream_write_all_async (g_io_stream_get_output_stream (connection->stream),
                                   g_bytes_get_data (answer, NULL), g_bytes_get_size (answer),
                                   G_PRIORITY_DEFAULT, NULL, answer_written_cb,
                                   g_object_ref (connection->socket));
  /* The buffer must outlive the write. */
  g_object_set_data_full (G_OBJECT (connection->stream), "zb-answer", g_steal_pointer (&answer),
                          (GDestroyNotify) g_bytes_unref);
}

/* Connections open now, those being closed left out. */
guint
zb_server_gate_n_connections (ZbServerGate *self)
{
  return count_open (self);
}
