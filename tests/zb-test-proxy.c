#define G_LOG_DOMAIN "zb-test-proxy"

#include "config.h"

#include <string.h>

#include "zb-test-proxy.h"

/* Passes each request to the server whole and, when told to, throws the
 * server's answer away and closes the connection instead: the request was
 * committed, the client never hears of it. Blocking sockets, a thread for
 * each client connection (libsoup keeps several open). */

struct _ZbTestProxy
{
  GSocket       *listener;
  GInetSocketAddress *upstream;
  char          *url;
  GThread       *thread;
  GMutex         lock;
  char          *cut_prefix;   /* the next request under it loses its answer */
  guint          n_cut;
  guint64        bytes;        /* requests and answers, as they crossed */
  gboolean       stopping;
  GPtrArray     *clients;      /* their sockets, shut down on free */
  GPtrArray     *threads;      /* one a client connection */
};

/* Reads one HTTP message (headers, then a Content-Length body). */
static GBytes *
read_message (GSocket  *socket,
              char    **first_line)
{
  GByteArray *data = g_byte_array_new ();
  gsize header_end = 0, length = 0;
  char buffer[16384];

  while (TRUE)
    {
      gssize n;
      char *end;

      if (header_end > 0 && data->len >= header_end + length)
        break;
      n = g_socket_receive (socket, buffer, sizeof buffer, NULL, NULL);
      if (n <= 0)
        {
          g_byte_array_unref (data);
          return NULL;
        }
      g_byte_array_append (data, (guint8 *) buffer, n);
      if (header_end == 0 && (end = g_strstr_len ((char *) data->data, data->len, "\r\n\r\n")))
        {
          g_autofree char *headers = g_strndup ((char *) data->data, end - (char *) data->data);
          g_autofree char *lower = g_ascii_strdown (headers, -1);
          const char *cl = strstr (lower, "\r\ncontent-length:");

          header_end = end - (char *) data->data + 4;
          length = cl ? g_ascii_strtoull (cl + 17, NULL, 10) : 0;
          if (first_line != NULL)
            *first_line = g_strndup (headers, strcspn (headers, "\r"));
        }
    }
  return g_byte_array_free_to_bytes (data);
}

static gboolean
send_all (GSocket *socket,
          GBytes  *bytes)
{
  gsize size;
  const char *data = g_bytes_get_data (bytes, &size);

  while (size > 0)
    {
      gssize n = g_socket_send (socket, data, size, NULL, NULL);

      if (n <= 0)
        return FALSE;
      data += n;
      size -= n;
    }
  return TRUE;
}

static gboolean
should_cut (ZbTestProxy *self,
            const char  *first_line)
{
  gboolean cut = FALSE;
  const char *path = first_line ? strchr (first_line, ' ') : NULL;

  g_mutex_lock (&self->lock);
  if (self->cut_prefix != NULL && path != NULL && g_str_has_prefix (path + 1, self->cut_prefix))
    {
      cut = TRUE;
      self->n_cut++;
      g_clear_pointer (&self->cut_prefix, g_free);
    }
  g_mutex_unlock (&self->lock);
  return cut;
}

/* One client connection: its requests one by one, each on a new upstream
 * connection. */
static void
serve_client (ZbTestProxy *self,
              GSocket     *client)
{
  while (TRUE)
    {
      g_autofree char *first_line = NULL;
      g_autoptr(GBytes) request = read_message (client, &first_line);
      g_autoptr(GSocket) upstream = NULL;
      g_autoptr(GBytes) response = NULL;

      if (request == NULL)
        return;
      upstream = g_socket_new (G_SOCKET_FAMILY_IPV4, G_SOCKET_TYPE_STREAM,
                               G_SOCKET_PROTOCOL_TCP, NULL);
      if (!g_socket_connect (upstream, G_SOCKET_ADDRESS (self->upstream), NULL, NULL) ||
          !send_all (upstream, request) || (response = read_message (upstream, NULL)) == NULL)
        return;
      g_mutex_lock (&self->lock);
      self->bytes += g_bytes_get_size (request) + g_bytes_get_size (response);
      g_mutex_unlock (&self->lock);
      if (should_cut (self, first_line) || !send_all (client, response))
        return;
    }
}

typedef struct
{
  ZbTestProxy *proxy;
  GSocket     *client;
} Connection;

static gpointer
run_connection (gpointer data)
{
  Connection *connection = data;

  serve_client (connection->proxy, connection->client);
  g_socket_shutdown (connection->client, TRUE, TRUE, NULL);
  g_free (connection);
  return NULL;
}

static gpointer
run (gpointer data)
{
  ZbTestProxy *self = data;

  while (TRUE)
    {
      GSocket *client = g_socket_accept (self->listener, NULL, NULL);
      Connection *connection;
      gboolean stopping;

      g_mutex_lock (&self->lock);
      stopping = self->stopping;
      if (client != NULL && !stopping)
        {
          connection = g_new0 (Connection, 1);
          connection->proxy = self;
          connection->client = client;
          g_ptr_array_add (self->clients, client);
          g_ptr_array_add (self->threads, g_thread_new ("zb-test-proxy-connection",
                                                        run_connection, connection));
        }
      g_mutex_unlock (&self->lock);
      if (client == NULL || stopping)
        {
          g_clear_object (&client);
          return NULL;
        }
    }
}

ZbTestProxy *
zb_test_proxy_new (const char *upstream_url)
{
  ZbTestProxy *self = g_new0 (ZbTestProxy, 1);
  g_autoptr(GUri) uri = g_uri_parse (upstream_url, G_URI_FLAGS_NONE, NULL);
  g_autoptr(GInetAddress) loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  g_autoptr(GSocketAddress) any = g_inet_socket_address_new (loopback, 0);
  g_autoptr(GSocketAddress) bound = NULL;
  g_autoptr(GError) error = NULL;

  g_mutex_init (&self->lock);
  self->clients = g_ptr_array_new_with_free_func (g_object_unref);
  self->threads = g_ptr_array_new ();
  self->upstream = G_INET_SOCKET_ADDRESS (
    g_inet_socket_address_new_from_string (g_uri_get_host (uri), g_uri_get_port (uri)));
  self->listener = g_socket_new (G_SOCKET_FAMILY_IPV4, G_SOCKET_TYPE_STREAM,
                                 G_SOCKET_PROTOCOL_TCP, &error);
  g_assert_no_error (error);
  g_socket_bind (self->listener, any, TRUE, &error);
  g_assert_no_error (error);
  g_socket_listen (self->listener, &error);
  g_assert_no_error (error);
  bound = g_socket_get_local_address (self->listener, &error);
  self->url = g_strdup_printf ("http://127.0.0.1:%u/",
                               g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (bound)));
  self->thread = g_thread_new ("zb-test-proxy", run, self);
  return self;
}

const char *
zb_test_proxy_get_url (ZbTestProxy *self)
{
  return self->url;
}

/* The next request whose path starts with @path_prefix reaches the server,
 * and its answer is dropped. */
void
zb_test_proxy_cut_next (ZbTestProxy *self,
                        const char  *path_prefix)
{
  g_mutex_lock (&self->lock);
  g_free (self->cut_prefix);
  self->cut_prefix = g_strdup (path_prefix);
  g_mutex_unlock (&self->lock);
}

guint
zb_test_proxy_get_n_cut (ZbTestProxy *self)
{
  guint n;

  g_mutex_lock (&self->lock);
  n = self->n_cut;
  g_mutex_unlock (&self->lock);
  return n;
}

/* What crossed the proxy since the last call, headers and bodies both ways. */
guint64
zb_test_proxy_take_bytes (ZbTestProxy *self)
{
  guint64 bytes;

  g_mutex_lock (&self->lock);
  bytes = self->bytes;
  self->bytes = 0;
  g_mutex_unlock (&self->lock);
  return bytes;
}

/* Wakes the accept with one last connection of its own, then joins. */
void
zb_test_proxy_free (ZbTestProxy *self)
{
  g_autoptr(GSocketClient) client = g_socket_client_new ();
  g_autoptr(GSocketConnection) last = NULL;
  g_autoptr(GUri) uri = g_uri_parse (self->url, G_URI_FLAGS_NONE, NULL);

  g_mutex_lock (&self->lock);
  self->stopping = TRUE;
  g_mutex_unlock (&self->lock);
  last = g_socket_client_connect_to_host (client, "127.0.0.1", g_uri_get_port (uri), NULL, NULL);
  g_clear_object (&last);
  g_thread_join (self->thread);

  /* The connections a client still holds open end here. */
  for (guint i = 0; i < self->clients->len; i++)
    g_socket_shutdown (g_ptr_array_index (self->clients, i), TRUE, TRUE, NULL);
  for (guint i = 0; i < self->threads->len; i++)
    g_thread_join (g_ptr_array_index (self->threads, i));
  g_ptr_array_unref (self->threads);
  g_ptr_array_unref (self->clients);

  g_object_unref (self->listener);
  g_object_unref (self->upstream);
  g_free (self->cut_prefix);
  g_free (self->url);
  g_mutex_clear (&self->lock);
  g_free (self);
}
