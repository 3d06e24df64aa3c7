/* The proof behind lsan-suppressions.txt's libsoup entries: libsoup 3.2 alone, used as its
 * documentation says, loses the GSocket of every connection it accepts and the address of
 * every socket it listens on (soup-listener.c: listen_watch() never unrefs what
 * g_socket_accept() returned; soup_listener_get_address() caches g_socket_get_local_address()
 * in local_addr, which finalize never clears). With libsoup 3.2.3 (Debian 12):
 *
 *   gcc -g -fsanitize=address -o /tmp/soup-server soup-server.c \
 *     $(pkg-config --cflags --libs libsoup-3.0) -Wl,--no-as-needed -lstdc++
 *   G_SLICE=always-malloc ASAN_OPTIONS=fast_unwind_on_malloc=0 /tmp/soup-server
 *
 * reports a direct leak under g_socket_accept and one under g_socket_get_local_address and
 * soup_server_listen_local, the stacks sync-client and cli-sync showed.
 * (-lstdc++: libproxy, which GIO loads for the session, throws C++ exceptions.)
 *
 * Copyright 2026 The Zhibu authors
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include <libsoup/soup.h>

static GMainContext *context;
static GMainLoop *loop;
static char *url;
static GMutex lock;
static GCond ready;

static void
handle (SoupServer *server, SoupServerMessage *msg, const char *path, GHashTable *query,
        gpointer data)
{
  soup_server_message_set_status (msg, 200, NULL);
  soup_server_message_set_response (msg, "text/plain", SOUP_MEMORY_STATIC, "ok", 2);
}

/* As tests/zb-test-sync-server.c: a server in a thread and main context of its own. */
static gpointer
serve (gpointer data)
{
  SoupServer *server;
  GSList *uris;

  g_main_context_push_thread_default (context);
  server = soup_server_new (NULL, NULL);
  soup_server_add_handler (server, "/", handle, NULL, NULL);
  g_assert_true (soup_server_listen_local (server, 0, SOUP_SERVER_LISTEN_IPV4_ONLY, NULL));
  uris = soup_server_get_uris (server);
  g_mutex_lock (&lock);
  url = g_uri_to_string (uris->data);
  g_cond_signal (&ready);
  g_mutex_unlock (&lock);
  g_slist_free_full (uris, (GDestroyNotify) g_uri_unref);

  g_main_loop_run (loop);
  soup_server_disconnect (server);
  g_object_unref (server);
  while (g_main_context_iteration (context, FALSE))
    ;
  g_main_context_pop_thread_default (context);
  return NULL;
}

static gboolean
quit (gpointer data)
{
  g_main_loop_quit (loop);
  return G_SOURCE_REMOVE;
}

int
main (void)
{
  SoupSession *session;
  GThread *thread;

  context = g_main_context_new ();
  loop = g_main_loop_new (context, FALSE);
  g_mutex_lock (&lock);
  thread = g_thread_new ("server", serve, NULL);
  while (url == NULL)
    g_cond_wait (&ready, &lock);
  g_mutex_unlock (&lock);

  session = soup_session_new ();
  for (int i = 0; i < 3; i++)
    {
      SoupMessage *msg = soup_message_new ("GET", url);
      GBytes *body = soup_session_send_and_read (session, msg, NULL, NULL);

      g_assert_cmpuint (soup_message_get_status (msg), ==, 200);
      g_bytes_unref (body);
      g_object_unref (msg);
    }
  g_object_unref (session);

  g_main_context_invoke (context, quit, NULL);
  g_thread_join (thread);
  g_main_loop_unref (loop);
  g_main_context_unref (context);
  g_free (url);
  return 0;
}
