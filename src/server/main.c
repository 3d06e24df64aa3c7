#define G_LOG_DOMAIN "zhibu-server"

#include "config.h"

#include <errno.h>
#include <locale.h>
#include <stdio.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <termios.h>
#include <unistd.h>

#include <glib-unix.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "zb-server.h"
#include "zb-server-accounts.h"
#include "zb-server-dashboard.h"
#ifdef ZB_HAVE_POSTGRES
#include "zb-server-db-pg.h"
#endif
#include "zb-server-db-sqlite.h"
#include "zb-server-store.h"
#include "zb-process.h"

/* zhibu-server --data DIR [--passphrase-file F] [--postgres CONNINFO]
 *   branch add NAME | enrol --branch NAME [--expires-in 7d]
 *   | device reset ID | device list
 *   | admin add NAME | admin assign|unassign NAME BRANCH | admin unlock NAME
 *   | admin list | admin remove NAME
 *   | serve --listen HOST:PORT [--tls-cert F --tls-key F]
 * Exit 0 on success, 1 with a line on stderr for an error, 2 for usage. */

#define DEFAULT_CODE_LIFETIME (7 * 24 * 3600)
#define DEFAULT_WORKERS       4

typedef struct
{
  char *data;
  char *passphrase_file;
  char *postgres;
} Options;

static void
options_clear (Options *options)
{
  g_clear_pointer (&options->data, g_free);
  g_clear_pointer (&options->passphrase_file, g_free);
  g_clear_pointer (&options->postgres, g_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Options, options_clear)

static int
usage (const char *message)
{
  fprintf (stderr, "%s\n", message);
  return 2;
}

/* The SQLite store's key: the passphrase file, or a random key that the
 * server keeps in DIR, readable by its owner only (DESIGN.md, CLI contract). */
static ZbKey *
load_key (Options  *options,
          GError  **error)
{
  g_autofree char *path = g_build_filename (options->data, "server.key", NULL);
  g_autofree char *hex = NULL;
  g_autoptr(ZbKey) key = NULL;

  if (options->passphrase_file != NULL)
    return zb_key_new_from_file (options->passphrase_file, error);
  if (g_file_get_contents (path, &hex, NULL, NULL))
    return zb_key_new_raw_hex (g_strstrip (hex), error);

  if ((key = zb_key_new_random (error)) == NULL)
    return NULL;
  if (!g_file_set_contents_full (path, zb_key_get_secret (key), -1,
                                 G_FILE_SET_CONTENTS_CONSISTENT, 0600, error))
    return NULL;
  return g_steal_pointer (&key);
}

static ZbServerDb *
open_db (Options  *options,
         GError  **error)
{
  g_autofree char *path = NULL;
  g_autoptr(ZbKey) key = NULL;

  if (options->postgres != NULL)
    {
#ifdef ZB_HAVE_POSTGRES
      return zb_server_db_pg_open (options->postgres, error);
#else
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                           _("This zhibu-server was built without PostgreSQL (libpq)"));
      return NULL;
#endif
    }
  if (options->data == NULL)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                           _("Give the server's data folder with --data DIR"));
      return NULL;
    }
  if (g_mkdir_with_parents (options->data, 0700) != 0)
    {
      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (errno),
                   _("Cannot make the folder %s: %s"), options->data, g_strerror (errno));
      return NULL;
    }
  if ((key = load_key (options, error)) == NULL)
    return NULL;

  path = g_build_filename (options->data, "server.db", NULL);
  return zb_server_db_sqlite_open (path, key, error);
}

static ZbServerStore *
open_store (Options  *options,
            GError  **error)
{
  g_autoptr(ZbServerDb) db = open_db (options, error);

  return db ? zb_server_store_new (db, error) : NULL;
}

static gboolean
branch_add (Options  *options,
            int       argc,
            char    **argv,
            GError  **error)
{
  g_autoptr(ZbServerStore) store = NULL;
  g_autofree char *id = NULL;

  if (argc != 3 || !g_str_equal (argv[1], "add"))
    return FALSE;
  if ((store = open_store (options, error)) == NULL ||
      (id = zb_server_store_add_branch (store, argv[2], error)) == NULL)
    return TRUE;

  printf ("%s\n", id);
  return TRUE;
}

/* "7d", "12h", "30m", "45s" or plain seconds. */
static gboolean
parse_lifetime (const char *text,
                gint64     *seconds)
{
  char *end = NULL;
  gint64 value;

  if (text == NULL || !g_ascii_isdigit (*text))
    return FALSE;
  value = g_ascii_strtoll (text, &end, 10);
  switch (*end)
    {
    case 'd': value *= 24 * 3600; end++; break;
    case 'h': value *= 3600; end++; break;
    case 'm': value *= 60; end++; break;
    case 's': end++; break;
    default: break;
    }
  *seconds = value;
  return *end == '\0' && value > 0;
}

static int
enrol (Options  *options,
       int       argc,
       char    **argv,
       GError  **error)
{
  g_autofree char *branch = NULL, *expires = NULL, *code = NULL;
  g_autoptr(GOptionContext) context = g_option_context_new ("enrol");
  g_autoptr(ZbServerStore) store = NULL;
  gint64 lifetime = DEFAULT_CODE_LIFETIME;
  const GOptionEntry entries[] = {
    { "branch", 0, 0, G_OPTION_ARG_STRING, &branch, N_("The branch the PC belongs to"),
      N_("NAME") },
    { "expires-in", 0, 0, G_OPTION_ARG_STRING, &expires,
      N_("How long the code is valid, such as 7d, 12h or 30m (7d if not given)"), N_("TIME") },
    { NULL }
  };

  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!g_option_context_parse (context, &argc, &argv, error))
    return 2;
  if (argc != 1 || branch == NULL || (expires != NULL && !parse_lifetime (expires, &lifetime)))
    return usage (_("usage: zhibu-server enrol --branch NAME [--expires-in 7d]"));

  if ((store = open_store (options, error)) == NULL ||
      (code = zb_server_store_new_code (store, branch, lifetime, error)) == NULL)
    return 1;

  /* The code is the last line: scripts read it from there. */
  printf (_("Enrolment code for %s, valid once:\n"), branch);
  printf ("%s\n", code);
  return 0;
}

static int
device_reset (Options     *options,
              const char  *device_id,
              GError     **error)
{
  g_autoptr(ZbServerStore) store = open_store (options, error);

  if (store == NULL || !zb_server_store_reset_device (store, device_id, error))
    return 1;

  printf (_("Device %s reset: its token no longer works; it may enrol again with a new code\n"),
          device_id);
  return 0;
}

/* One line a device, tab-separated, under a header. */
static int
device_list (Options  *options,
             GError  **error)
{
  g_autoptr(ZbServerStore) store = open_store (options, error);
  g_autoptr(ZbServerResult) devices = store ? zb_server_store_list_devices (store, error) : NULL;

  if (devices == NULL)
    return 1;

  printf ("%s\t%s\t%s\t%s\t%s\n", _("Device ID"), _("Branch"), C_("device", "Name"),
          _("Enrolled"), _("Token"));
  for (guint i = 0; i < zb_server_result_n_rows (devices); i++)
    {
      const char *name = zb_server_result_get (devices, i, 2);
      const char *reset_at = zb_server_result_get (devices, i, 5);
      g_autofree char *token = NULL;

      if (g_str_equal (zb_server_result_get (devices, i, 4), "1"))
        token = g_strdup (_("active"));
      else
        token = g_strdup_printf (_("reset %s"), reset_at ? reset_at : "");
      printf ("%s\t%s\t%s\t%s\t%s\n", zb_server_result_get (devices, i, 0),
              zb_server_result_get (devices, i, 1), name ? name : "",
              zb_server_result_get (devices, i, 3), token);
    }
  return 0;
}

static int
device (Options  *options,
        int       argc,
        char    **argv,
        GError  **error)
{
  if (argc == 3 && g_str_equal (argv[1], "reset"))
    return device_reset (options, argv[2], error);
  if (argc == 2 && g_str_equal (argv[1], "list"))
    return device_list (options, error);

  return usage (_("usage: zhibu-server device reset ID | device list"));
}

/* One line of standard input without its line break, or NULL at its end. */
static char *
read_line (FILE *in)
{
  g_autoptr(GString) line = g_string_new (NULL);
  int c;

  while ((c = fgetc (in)) != EOF && c != '\n')
    g_string_append_c (line, (char) c);
  if (c == EOF && line->len == 0)
    return NULL;
  if (line->len > 0 && line->str[line->len - 1] == '\r')
    g_string_truncate (line, line->len - 1);
  return g_string_free (g_steal_pointer (&line), FALSE);
}

/* On a terminal, with a prompt on stderr and without echo. */
static char *
ask (const char *prompt,
     gboolean    terminal)
{
  struct termios before, quiet;
  char *line;

  if (!terminal)
    return read_line (stdin);

  fprintf (stderr, "%s", prompt);
  fflush (stderr);
  tcgetattr (STDIN_FILENO, &before);
  quiet = before;
  quiet.c_lflag &= ~ECHO;
  tcsetattr (STDIN_FILENO, TCSAFLUSH, &quiet);
  line = read_line (stdin);
  tcsetattr (STDIN_FILENO, TCSAFLUSH, &before);
  fprintf (stderr, "\n");
  return line;
}

/* The new password, asked twice; from a pipe, its first two lines. */
static char *
ask_password (GError **error)
{
  gboolean terminal = isatty (STDIN_FILENO);
  g_autofree char *first = ask (_("Password: "), terminal);
  g_autofree char *again = first ? ask (_("Password again: "), terminal) : NULL;

  if (again == NULL || !g_str_equal (first, again))
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                           again ? _("The two passwords differ; nothing was changed")
                                 : _("Give the password twice, one line each"));
      if (first != NULL)
        memset (first, 0, strlen (first));
      return NULL;
    }
  memset (again, 0, strlen (again));
  return g_steal_pointer (&first);
}

static int
admin_add (ZbServerStore  *store,
           const char     *name,
           GError        **error)
{
  g_autofree char *password = ask_password (error);
  gboolean added = password && zb_server_accounts_add (store, name, password, error);

  if (password != NULL)
    memset (password, 0, strlen (password));
  if (!added)
    return 1;
  printf (_("Account %s added; “admin assign %s BRANCH” gives it a branch to see\n"), name,
          name);
  return 0;
}

/* One line an account, tab-separated, under a header. */
static int
admin_list (ZbServerStore  *store,
            GError        **error)
{
  g_autoptr(ZbServerResult) rows = zb_server_accounts_list (store, error);
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;

  if (rows == NULL)
    return 1;
  printf ("%s\t%s\t%s\n", _("Account"), _("State"), _("Branches"));
  for (guint i = 0; i < zb_server_result_n_rows (rows);)
    {
      const char *name = zb_server_result_get (rows, i, 0);
      gint64 until = zb_server_result_get_int (rows, i, 2);
      g_autoptr(GString) branches = g_string_new (NULL);
      g_autofree char *state = NULL;

      if (until > now)
        {
          g_autoptr(GDateTime) utc = g_date_time_new_from_unix_utc (until);
          g_autoptr(GDateTime) local = g_date_time_to_local (utc);
          g_autofree char *time = g_date_time_format (local, "%Y-%m-%d %H:%M");

          state = g_strdup_printf (_("locked until %s"), time);
        }
      else
        state = g_strdup_printf (_("%s failed tries"), zb_server_result_get (rows, i, 1));
      for (; i < zb_server_result_n_rows (rows) &&
             g_str_equal (zb_server_result_get (rows, i, 0), name); i++)
        if (zb_server_result_get (rows, i, 3) != NULL)
          g_string_append_printf (branches, "%s%s", branches->len ? ", " : "",
                                  zb_server_result_get (rows, i, 3));
      printf ("%s\t%s\t%s\n", name, state, branches->str);
    }
  return 0;
}

static int
admin (Options  *options,
       int       argc,
       char    **argv,
       GError  **error)
{
  g_autoptr(ZbServerStore) store = NULL;
  const char *command = argc > 1 ? argv[1] : "";
  gboolean named = argc == 3 && (g_str_equal (command, "add") || g_str_equal (command, "unlock") ||
                                 g_str_equal (command, "remove"));
  gboolean branch = argc == 4 && (g_str_equal (command, "assign") ||
                                  g_str_equal (command, "unassign"));

  if (!named && !branch && !(argc == 2 && g_str_equal (command, "list")))
    return usage (_("usage: zhibu-server admin add NAME | assign NAME BRANCH | "
                    "unassign NAME BRANCH | unlock NAME | list | remove NAME"));
  if ((store = open_store (options, error)) == NULL)
    return 1;

  if (g_str_equal (command, "add"))
    return admin_add (store, argv[2], error);
  if (g_str_equal (command, "list"))
    return admin_list (store, error);
  if (branch)
    {
      gboolean assign = g_str_equal (command, "assign");

      if (!zb_server_accounts_assign (store, argv[2], argv[3], assign, error))
        return 1;
      printf (assign ? _("%s may now see branch %s\n") : _("%s no longer sees branch %s\n"),
              argv[2], argv[3]);
      return 0;
    }
  if (g_str_equal (command, "unlock"))
    {
      if (!zb_server_accounts_unlock (store, argv[2], error))
        return 1;
      printf (_("Account %s unlocked\n"), argv[2]);
      return 0;
    }
  if (!zb_server_accounts_remove (store, argv[2], error))
    return 1;
  printf (_("Account %s removed, with its sessions\n"), argv[2]);
  return 0;
}

static gboolean
quit_cb (gpointer data)
{
  g_main_loop_quit (data);
  return G_SOURCE_REMOVE;
}

/* Each connection is a descriptor: take all the system allows this
 * process, rather than the soft limit's usual 1024. */
static void
raise_file_limit (void)
{
  struct rlimit limit;

  if (getrlimit (RLIMIT_NOFILE, &limit) != 0 || limit.rlim_cur == limit.rlim_max)
    return;
  limit.rlim_cur = limit.rlim_max;
  if (setrlimit (RLIMIT_NOFILE, &limit) != 0)
    g_message ("Cannot raise the open-file limit: %s", g_strerror (errno));
}

/* Each worker a store (a database connection) of its own. */
static gboolean
add_workers (ZbServer  *server,
             Options   *options,
             int        n_workers,
             GError   **error)
{
  for (int i = 0; i < n_workers; i++)
    {
      g_autoptr(ZbServerStore) store = open_store (options, error);

      if (store == NULL)
        return FALSE;
      zb_server_add_worker (server, store);
    }
  return TRUE;
}

/* The dashboard's replicas in DIR/replicas, keyed from the server's own key
 * or passphrase (beside PostgreSQL too, whose data has none: DIR then keeps
 * a server.key for them), fed after pushes through a connection of their own
 * (src/server/README.md). */
static gboolean
add_replicas (ZbServer  *server,
              Options   *options,
              GError   **error)
{
  g_autofree char *dir = NULL;
  g_autoptr(ZbKey) key = NULL;
  g_autoptr(ZbServerStore) feed_store = NULL;
  g_autoptr(ZbServerReplicas) replicas = NULL;

  if (options->data == NULL)
    return TRUE;
  if (g_mkdir_with_parents (options->data, 0700) != 0)
    {
      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (errno),
                   _("Cannot make the folder %s: %s"), options->data, g_strerror (errno));
      return FALSE;
    }
  if ((key = load_key (options, error)) == NULL || (feed_store = open_store (options, error)) == NULL)
    return FALSE;
  dir = g_build_filename (options->data, "replicas", NULL);
  replicas = zb_server_replicas_new (dir, key, feed_store);
  zb_server_replicas_set_warm (replicas, zb_server_dashboard_warm);
  zb_server_replicas_poke_all (replicas);
  zb_server_set_replicas (server, replicas);
  return TRUE;
}

static int
serve (Options  *options,
       int       argc,
       char    **argv,
       GError  **error)
{
  g_autofree char *listen = NULL, *cert = NULL, *key = NULL, *postgres = NULL, *url = NULL;
  g_autoptr(GOptionContext) context = g_option_context_new ("serve");
  g_autoptr(ZbServerStore) store = NULL;
  g_autoptr(GTlsCertificate) certificate = NULL;
  g_autoptr(ZbServer) server = NULL;
  g_autoptr(GMainLoop) loop = NULL;
  ZbServerLimits limits = ZB_SERVER_LIMITS_INIT;
  int workers = DEFAULT_WORKERS;
  const GOptionEntry entries[] = {
    { "listen", 0, 0, G_OPTION_ARG_STRING, &listen, N_("Address and port, such as 0.0.0.0:8443"),
      N_("HOST:PORT") },
    { "workers", 0, 0, G_OPTION_ARG_INT, &workers,
      N_("Requests answered at once, each with its own database connection (4 if not given)"),
      N_("N") },
    { "max-connections", 0, 0, G_OPTION_ARG_INT, &limits.gate.max_connections,
      N_("Connections open at once (as many as the open-file limit allows if not given)"),
      N_("N") },
    { "header-timeout", 0, 0, G_OPTION_ARG_INT, &limits.gate.header_timeout,
      N_("Seconds a client has to send a request's headers (10 if not given)"), N_("SECONDS") },
    { "rate-limit", 0, 0, G_OPTION_ARG_INT, &limits.requests_per_minute,
      N_("Requests a minute from one PC, 0 for no limit (600 if not given)"), N_("N") },
    { "body-timeout", 0, 0, G_OPTION_ARG_INT, &limits.gate.body_timeout,
      N_("Seconds a client has to send a body, and to read an answer (60 if not given)"),
      N_("SECONDS") },
    { "tls-cert", 0, 0, G_OPTION_ARG_FILENAME, &cert, N_("The server's certificate (PEM)"),
      N_("FILE") },
    { "tls-key", 0, 0, G_OPTION_ARG_FILENAME, &key, N_("Its private key (PEM)"), N_("FILE") },
    { "postgres", 0, 0, G_OPTION_ARG_STRING, &postgres, N_("Keep the data in PostgreSQL"),
      N_("CONNINFO") },
    { NULL }
  };

  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!g_option_context_parse (context, &argc, &argv, error))
    return 2;
  if (argc != 1 || listen == NULL || (cert == NULL) != (key == NULL) ||
      limits.gate.header_timeout == 0 || limits.gate.body_timeout == 0 || workers < 0)
    return usage (_("usage: zhibu-server serve --listen HOST:PORT [--tls-cert FILE --tls-key "
                    "FILE] [--postgres CONNINFO]"));
  if (postgres != NULL)
    {
      g_free (options->postgres);
      options->postgres = g_steal_pointer (&postgres);
    }

  if (cert != NULL && (certificate = g_tls_certificate_new_from_files (cert, key, error)) == NULL)
    return 1;
  if ((store = open_store (options, error)) == NULL)
    return 1;

  raise_file_limit ();
  server = zb_server_new (store, certificate, &limits);
  if (!add_replicas (server, options, error) || !add_workers (server, options, workers, error))
    return 1;
  if ((url = zb_server_listen (server, listen, error)) == NULL)
    return 1;
  /* The URL is the first line: tests and scripts read it from there. */
  printf ("%s\n", url);
  fflush (stdout);

  loop = g_main_loop_new (NULL, FALSE);
  g_unix_signal_add (SIGTERM, quit_cb, loop);
  g_unix_signal_add (SIGINT, quit_cb, loop);
  g_main_loop_run (loop);
  return 0;
}

static int
run (Options  *options,
     int       argc,
     char    **argv,
     GError  **error)
{
  if (argc < 2)
    return usage (_("usage: zhibu-server --data DIR [--passphrase-file F] "
                    "branch add NAME | enrol --branch NAME [--expires-in 7d] | "
                    "device reset ID | device list | admin … | serve --listen HOST:PORT"));

  if (g_str_equal (argv[1], "branch"))
    return branch_add (options, argc - 1, argv + 1, error)
           ? (error && *error ? 1 : 0)
           : usage (_("usage: zhibu-server branch add NAME"));
  if (g_str_equal (argv[1], "enrol"))
    return enrol (options, argc - 1, argv + 1, error);
  if (g_str_equal (argv[1], "device"))
    return device (options, argc - 1, argv + 1, error);
  if (g_str_equal (argv[1], "serve"))
    return serve (options, argc - 1, argv + 1, error);
  if (g_str_equal (argv[1], "admin"))
    return admin (options, argc - 1, argv + 1, error);

  return usage (_("Commands: branch add, enrol, device, admin, serve"));
}

/* A value in double quotes; a quote, a backslash or a line break in it
 * cannot end the value or start a forged line. */
static void
append_field (GString    *line,
              const char *key,
              const char *value)
{
  g_autofree char *name = g_ascii_strdown (key, -1);

  g_string_append_printf (line, " %s=\"", name);
  for (const char *p = value; *p; p++)
    switch (*p)
      {
      case '"':
      case '\\':
        g_string_append_c (line, '\\');
        g_string_append_c (line, *p);
        break;
      case '\n':
        g_string_append (line, "\\n");
        break;
      case '\r':
        g_string_append (line, "\\r");
        break;
      default:
        g_string_append_c (line, *p);
      }
  g_string_append_c (line, '"');
}

/* Server logs are structured lines, key=value, on stderr: what a request
 * was, never what it carried. Under systemd, whose journal is stderr, the
 * fields go to the journal as fields. */
static GLogWriterOutput
log_writer (GLogLevelFlags   level,
            const GLogField *fields,
            gsize            n_fields,
            gpointer         user_data)
{
  g_autoptr(GString) line = g_string_new (NULL);
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autofree char *time = g_date_time_format_iso8601 (now);

  if (level & G_LOG_LEVEL_DEBUG && g_getenv ("G_MESSAGES_DEBUG") == NULL)
    return G_LOG_WRITER_HANDLED;
  if (g_log_writer_is_journald (fileno (stderr)) &&
      g_log_writer_journald (level, fields, n_fields, user_data) == G_LOG_WRITER_HANDLED)
    return G_LOG_WRITER_HANDLED;

  g_string_append_printf (line, "time=%s level=%s", time,
                          level & (G_LOG_LEVEL_ERROR | G_LOG_LEVEL_CRITICAL) ? "error"
                          : level & G_LOG_LEVEL_WARNING ? "warning" : "info");
  for (gsize i = 0; i < n_fields; i++)
    if (fields[i].length < 0 &&
        (g_str_has_prefix (fields[i].key, "ZB_") || g_str_equal (fields[i].key, "MESSAGE") ||
         g_str_equal (fields[i].key, "GLIB_DOMAIN")))
      append_field (line, fields[i].key, fields[i].value);
  fprintf (stderr, "%s\n", line->str);
  return G_LOG_WRITER_HANDLED;
}

int
main (int   argc,
      char *argv[])
{
  g_auto(Options) options = { 0 };
  g_autoptr(GOptionContext) context = g_option_context_new (_("COMMAND …"));
  g_autoptr(GError) error = NULL;
  const GOptionEntry entries[] = {
    { "data", 0, 0, G_OPTION_ARG_FILENAME, &options.data, N_("The server's data folder"),
      N_("DIR") },
    { "passphrase-file", 0, 0, G_OPTION_ARG_FILENAME, &options.passphrase_file,
      N_("Key the database with the passphrase in this file"), N_("FILE") },
    { "postgres", 0, 0, G_OPTION_ARG_STRING, &options.postgres, N_("Keep the data in PostgreSQL"),
      N_("CONNINFO") },
    { NULL }
  };
  /* The tests' built catalogue, as the app and zhibu-cli take it. */
  const char *localedir = g_getenv ("ZHIBU_LOCALEDIR");
  int status;

  zb_process_forbid_core_dumps ();
  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, localedir ? localedir : LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);
  g_log_set_writer_func (log_writer, NULL, NULL);

  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  /* Options before the command are the server's; the command takes its own. */
  g_option_context_set_strict_posix (context, TRUE);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    return usage (error->message);

  status = run (&options, argc, argv, &error);
  if (error != NULL)
    {
      fprintf (stderr, "zhibu-server: %s\n", error->message);
      return status == 0 ? 1 : status;
    }
  return status;
}
