#define G_LOG_DOMAIN "zb-cli-init"

#include "config.h"

#include <stdio.h>

#include <glib/gi18n.h>

#include "zb-cli.h"
#include "zb-demo.h"

/* zhibu-cli init --branch NAME [--demo-members N]: a new, empty branch
 * database, keyed by the keyring or by --passphrase-file. */
gboolean
zb_cli_init (ZbCli   *cli,
             int      argc,
             char   **argv,
             GError **error)
{
  g_autofree char *branch = NULL;
  g_autofree char *path = zb_cli_db_path (cli);
  g_autoptr(GOptionContext) context = g_option_context_new (NULL);
  g_autoptr(ZbStore) store = NULL;
  g_autoptr(ZbKey) key = NULL;
  int demo_members = 0;
  const GOptionEntry entries[] = {
    { "branch", 0, 0, G_OPTION_ARG_STRING, &branch, N_("The branch’s name"), N_("NAME") },
    { "demo-members", 0, 0, G_OPTION_ARG_INT, &demo_members,
      N_("Fill the branch with N invented people, for trying Zhibu out"), "N" },
    { NULL }
  };

  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!zb_cli_parse (context, &argc, &argv, error))
    return FALSE;
  if (branch == NULL || argc != 1)
    return zb_cli_usage (error, _("usage: zhibu-cli init --branch NAME"));
  if (demo_members < 0)
    return zb_cli_usage (error, _("--demo-members must not be negative"));

  if (cli->passphrase_file != NULL)
    {
      if ((key = zb_cli_passphrase (cli, error)) == NULL ||
          !zb_key_check_new_passphrase (zb_key_get_secret (key), error))
        return FALSE;
      store = zb_store_create (path, key, branch, error);
    }
  else
    store = zb_store_create_in_keyring (path, branch, NULL, error);

  if (store == NULL)
    return FALSE;
  if (demo_members > 0 && !zb_demo_fill (store, demo_members, g_random_int (), error))
    return FALSE;

  printf ("%s\n", zb_store_get_uuid (store));
  return TRUE;
}
