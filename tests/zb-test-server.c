#define G_LOG_DOMAIN "zb-test-server"

#include "config.h"

#include <signal.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/resource.h>

#include "zb-test-server.h"

/* $ZHIBU_SERVER is the built zhibu-server (tests/meson.build sets it). */

static GPtrArray *
base_argv (ZbTestServer *self)
{
  GPtrArray *argv = g_ptr_array_new ();

  g_ptr_array_add (argv, (char *) g_getenv ("ZHIBU_SERVER"));
  g_ptr_array_add (argv, "--data");
  g_ptr_array_add (argv, self->data);
  if (self->postgres != NULL)
    {
      g_ptr_array_add (argv, "--postgres");
      g_ptr_array_add (argv, self->postgres);
    }
  return argv;
}

ZbTestServer *
zb_test_server_new (const char *data,
                    const char *postgres)
{
  ZbTestServer *self = g_new0 (ZbTestServer, 1);

  self->data = g_strdup (data);
  self->postgres = g_strdup (postgres);
  return self;
}

/* Runs one command of zhibu-server; its stdout. */
char *
zb_test_server_run (ZbTestServer *self,
                    int          *status,
                    const char   *first,
                    ...)
{
  g_autoptr(GPtrArray) argv = base_argv (self);
  g_autoptr(GError) error = NULL;
  char *out = NULL;
  va_list args;
  int wait_status = 0;

  va_start (args, first);
  for (const char *arg = first; arg != NULL; arg = va_arg (args, const char *))
    g_ptr_array_add (argv, (char *) arg);
  va_end (args);
  g_ptr_array_add (argv, NULL);

  g_spawn_sync (NULL, (char **) argv->pdata, NULL, G_SPAWN_DEFAULT, NULL, NULL, &out, NULL,
                &wait_status, &error);
  g_assert_no_error (error);
  *status = WIFEXITED (wait_status) ? WEXITSTATUS (wait_status) : -1;
  return out;
}

char *
zb_test_server_add_branch (ZbTestServer *self,
                           const char   *name)
{
  int status;
  char *id = zb_test_server_run (self, &status, "branch", "add", name, NULL);

  g_assert_cmpint (status, ==, 0);
  return g_strchomp (id);
}

/* The enrolment code: the last line of `enrol`. */
char *
zb_test_server_code (ZbTestServer *self,
                     const char   *branch,
                     const char   *expires_in)
{
  int status;
  g_autofree char *out = zb_test_server_run (self, &status, "enrol", "--branch", branch,
                                             expires_in ? "--expires-in" : NULL, expires_in,
                                             NULL);
  g_auto(GStrv) lines = NULL;

  g_assert_cmpint (status, ==, 0);
  lines = g_strsplit (g_strchomp (out), "\n", -1);
  return g_strdup (lines[g_strv_length (lines) - 1]);
}

/* The device IDs `device list` prints, in the order they enrolled. */
char **
zb_test_server_device_ids (ZbTestServer *self)
{
  int status;
  g_autofree char *out = zb_test_server_run (self, &status, "device", "list", NULL);
  g_auto(GStrv) lines = NULL;
  GPtrArray *ids = g_ptr_array_new ();

  g_assert_cmpint (status, ==, 0);
  lines = g_strsplit (g_strchomp (out), "\n", -1);
  /* The first line is the header. */
  for (guint i = 1; lines[i] != NULL; i++)
    g_ptr_array_add (ids, g_strndup (lines[i], strcspn (lines[i], "\t")));
  g_ptr_array_add (ids, NULL);
  return (char **) g_ptr_array_free (ids, FALSE);
}

/* `device reset ID`, as the administrator runs it for a PC that lost its
 * token. */
void
zb_test_server_reset_device (ZbTestServer *self,
                             const char   *device_id)
{
  int status;
  g_autofree char *out = zb_test_server_run (self, &status, "device", "reset", device_id, NULL);

  g_assert_cmpint (status, ==, 0);
}

/* A test that fails midway must not leave its server behind, holding the
 * test's output open. */
static void
set_up_child (gpointer data)
{
  ZbTestServer *self = data;
  struct rlimit limit = { self->nofile, self->nofile };

  prctl (PR_SET_PDEATHSIG, SIGKILL);
  if (self->nofile != 0)
    setrlimit (RLIMIT_NOFILE, &limit);
}

/* Starts `serve` on a free loopback port, or on the port it had before it
 * was killed, and reads the URL it prints first. */
void
zb_test_server_start (ZbTestServer *self)
{
  g_autoptr(GPtrArray) argv = base_argv (self);
  g_autoptr(GError) error = NULL;
  g_autoptr(GDataInputStream) out = NULL;
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GUri) before = self->url ? g_uri_parse (self->url, G_URI_FLAGS_NONE, NULL) : NULL;
  g_autofree char *listen = g_strdup_printf ("127.0.0.1:%d",
                                             before ? g_uri_get_port (before) : 0);

  g_ptr_array_add (argv, "serve");
  g_ptr_array_add (argv, "--listen");
  g_ptr_array_add (argv, listen);
  if (self->tls_cert != NULL)
    {
      g_ptr_array_add (argv, "--tls-cert");
      g_ptr_array_add (argv, self->tls_cert);
      g_ptr_array_add (argv, "--tls-key");
      g_ptr_array_add (argv, self->tls_key);
    }
  for (guint i = 0; self->serve_args && self->serve_args[i]; i++)
    g_ptr_array_add (argv, self->serve_args[i]);
  g_ptr_array_add (argv, NULL);

  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE);
  if (self->stderr_path != NULL)
    g_subprocess_launcher_set_stderr_file_path (launcher, self->stderr_path);
  g_subprocess_launcher_set_child_setup (launcher, set_up_child, self, NULL);
  self->process = g_subprocess_launcher_spawnv (launcher, (const char * const *) argv->pdata,
                                                &error);
  g_assert_no_error (error);
  out = g_data_input_stream_new (g_subprocess_get_stdout_pipe (self->process));
  g_free (self->url);
  self->url = g_data_input_stream_read_line_utf8 (out, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (self->url);
  g_assert_true (g_str_has_prefix (self->url, self->tls_cert ? "https://127.0.0.1:"
                                                             : "http://127.0.0.1:"));
}

/* SIGKILL: nothing the server had not committed survives. */
void
zb_test_server_kill (ZbTestServer *self)
{
  if (self->process == NULL)
    return;
  g_subprocess_send_signal (self->process, SIGKILL);
  g_subprocess_wait (self->process, NULL, NULL);
  g_clear_object (&self->process);
}

void
zb_test_server_free (ZbTestServer *self)
{
  if (self->process != NULL)
    {
      g_subprocess_send_signal (self->process, SIGTERM);
      g_subprocess_wait (self->process, NULL, NULL);
      g_clear_object (&self->process);
    }
  g_free (self->data);
  g_free (self->postgres);
  g_free (self->url);
  g_free (self->tls_cert);
  g_free (self->tls_key);
  g_free (self->stderr_path);
  g_strfreev (self->serve_args);
  g_free (self);
}
