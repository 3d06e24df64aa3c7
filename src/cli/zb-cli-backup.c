#define G_LOG_DOMAIN "zb-cli-backup"

#include "config.h"

#include <stdio.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>

#include <glib/gi18n.h>

#include "zb-cli.h"
#include "zb-store-backup.h"

/* One line from the terminal with its echo off: a passphrase is never an
 * argument (other users see the command lines in ps) nor shown as typed. */
static char *
read_hidden_line (const char  *prompt,
                  GError     **error)
{
  struct termios saved, quiet;
  g_autofree char *line = NULL;
  size_t size = 0;
  ssize_t n;

  if (!isatty (STDIN_FILENO) || tcgetattr (STDIN_FILENO, &saved) != 0)
    {
      g_set_error_literal (error, ZB_CLI_USAGE_ERROR, 0,
                           _("Backup passphrase: no terminal to ask it on; give "
                             "--backup-passphrase-file FILE"));
      return NULL;
    }

  /* Echo off before the prompt: what is typed once it shows is never echoed. */
  quiet = saved;
  quiet.c_lflag &= ~(ECHO | ECHONL);
  quiet.c_lflag |= ICANON;
  tcsetattr (STDIN_FILENO, TCSAFLUSH, &quiet);
  fputs (prompt, stderr);
  fflush (stderr);
  n = getline (&line, &size, stdin);
  tcsetattr (STDIN_FILENO, TCSAFLUSH, &saved);
  fputc ('\n', stderr);

  if (n <= 0)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_FAILED,
                           _("Backup passphrase: none was typed"));
      return NULL;
    }
  line[strcspn (line, "\r\n")] = '\0';
  return g_steal_pointer (&line);
}

static void
forget (char *secret)
{
  if (secret == NULL)
    return;
  explicit_bzero (secret, strlen (secret));
  g_free (secret);
}

/* --backup-passphrase-file when given (scripts, tests), else asked on the
 * terminal; a new backup's passphrase twice, so that a typo does not lock
 * the backup for good. */
static ZbKey *
backup_passphrase (const char  *file,
                   gboolean     confirm,
                   GError     **error)
{
  char *first = NULL, *second = NULL;
  ZbKey *key = NULL;

  if (file != NULL)
    {
      g_autoptr(GError) local_error = NULL;

      key = zb_key_new_from_file (file, &local_error);
      if (key == NULL)
        g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED,
                     _("Cannot read the backup passphrase file: %s"), local_error->message);
      return key;
    }

  first = read_hidden_line (_("Backup passphrase: "), error);
  if (first != NULL && confirm)
    second = read_hidden_line (_("The same passphrase again: "), error);

  if (first != NULL && confirm && second != NULL && !g_str_equal (first, second))
    g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                         _("Backup passphrase: the two differ; nothing was written. Run the "
                           "backup again"));
  else if (first != NULL && (!confirm || second != NULL))
    key = zb_key_new_passphrase (first);

  forget (first);
  forget (second);
  return key;
}

/* zhibu-cli backup FILE [--force] [--backup-passphrase-file F]: the whole
 * database to FILE, encrypted under a passphrase of its own. */
gboolean
zb_cli_backup (ZbCli   *cli,
               int      argc,
               char   **argv,
               GError **error)
{
  g_autofree char *passphrase_file = NULL;
  g_autoptr(GOptionContext) context = g_option_context_new (_("FILE"));
  g_autoptr(ZbStore) store = NULL;
  g_autoptr(ZbKey) passphrase = NULL;
  gboolean force = FALSE;
  const GOptionEntry entries[] = {
    { "backup-passphrase-file", 0, 0, G_OPTION_ARG_FILENAME, &passphrase_file,
      N_("Read the backup’s passphrase from FILE instead of asking for it"), N_("FILE") },
    { "force", 0, 0, G_OPTION_ARG_NONE, &force, N_("Replace FILE if it exists"), NULL },
    { NULL }
  };

  g_option_context_set_summary (context, _("zhibu-cli backup: the whole branch database to one "
                                           "file, encrypted under a passphrase asked now"));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!zb_cli_parse (context, &argc, &argv, error))
    return FALSE;
  if (argc != 2)
    return zb_cli_usage (error, _("usage: zhibu-cli backup FILE [--force] "
                                  "[--backup-passphrase-file F]"));

  if ((store = zb_cli_open_store (cli, error)) == NULL ||
      (passphrase = backup_passphrase (passphrase_file, TRUE, error)) == NULL ||
      !zb_store_backup (store, argv[1], passphrase,
                        force ? ZB_BACKUP_REPLACE : ZB_BACKUP_FLAGS_NONE, NULL, error))
    return FALSE;

  /* TRANSLATORS: %s is the backup file */
  printf (_("Backed up to %s\n"), argv[1]);
  return TRUE;
}

/* The restored database's key: --passphrase-file, or a new random key kept
 * by the keyring (NULL here). */
static gboolean
restore_key (ZbCli    *cli,
             ZbKey   **key,
             GError  **error)
{
  *key = NULL;
  if (cli->passphrase_file == NULL)
    return TRUE;

  *key = zb_cli_passphrase (cli, error);
  return *key != NULL && zb_key_check_new_passphrase (zb_key_get_secret (*key), error);
}

/* zhibu-cli restore FILE [--force] [--backup-passphrase-file F]: a backup,
 * checked, into a new database for this PC at --db (or the app's own). */
gboolean
zb_cli_restore (ZbCli   *cli,
                int      argc,
                char   **argv,
                GError **error)
{
  g_autofree char *passphrase_file = NULL;
  g_autofree char *target = zb_cli_db_path (cli);
  g_autofree char *replaced = NULL;
  g_autoptr(GOptionContext) context = g_option_context_new (_("FILE"));
  g_autoptr(ZbKey) passphrase = NULL;
  g_autoptr(ZbKey) key = NULL;
  gboolean force = FALSE;
  const GOptionEntry entries[] = {
    { "backup-passphrase-file", 0, 0, G_OPTION_ARG_FILENAME, &passphrase_file,
      N_("Read the backup’s passphrase from FILE instead of asking for it"), N_("FILE") },
    { "force", 0, 0, G_OPTION_ARG_NONE, &force,
      N_("Replace the database if one exists (it is kept beside the restored one)"), NULL },
    { NULL }
  };

  g_option_context_set_summary (context, _("zhibu-cli restore: a backup, checked, into a new "
                                           "database for this PC"));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!zb_cli_parse (context, &argc, &argv, error))
    return FALSE;
  if (argc != 2)
    return zb_cli_usage (error, _("usage: zhibu-cli restore FILE [--force] "
                                  "[--backup-passphrase-file F]"));

  if (!restore_key (cli, &key, error) ||
      (passphrase = backup_passphrase (passphrase_file, FALSE, error)) == NULL ||
      !zb_store_restore (argv[1], passphrase, target, key,
                         force ? ZB_BACKUP_REPLACE : ZB_BACKUP_FLAGS_NONE, &replaced, NULL, error))
    return FALSE;

  /* TRANSLATORS: %s is the database file */
  printf (_("Restored into %s\n"), target);
  if (replaced != NULL)
    /* TRANSLATORS: %s is a file */
    printf (_("The database it replaced is kept as %s\n"), replaced);
  return TRUE;
}
