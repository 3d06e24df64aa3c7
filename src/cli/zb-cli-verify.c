#define G_LOG_DOMAIN "zb-cli-verify"

#include "config.h"

#include <stdio.h>

#include <glib/gi18n.h>

#include "zb-cli.h"

/* zhibu-cli meeting finalize ID */
gboolean
zb_cli_meeting_finalize (ZbCli   *cli,
                         int      argc,
                         char   **argv,
                         GError **error)
{
  g_autoptr(GOptionContext) context = g_option_context_new ("ID");
  g_autoptr(ZbStore) store = NULL;

  if (!zb_cli_parse (context, &argc, &argv, error))
    return FALSE;
  if (argc != 2)
    return zb_cli_usage (error, _("usage: zhibu-cli meeting finalize ID"));

  if ((store = zb_cli_open_store (cli, error)) == NULL)
    return FALSE;

  return zb_store_finalize_meeting (store, argv[1], error);
}

/* zhibu-cli verify: walks the hash chains; exit 1, naming the record, when
 * a finalised record was changed behind the app's back. */
gboolean
zb_cli_verify (ZbCli   *cli,
               int      argc,
               char   **argv,
               GError **error)
{
  g_autoptr(GOptionContext) context = g_option_context_new (NULL);
  g_autoptr(ZbStore) store = NULL;
  guint n_records = 0, n_chains = 0;

  if (!zb_cli_parse (context, &argc, &argv, error))
    return FALSE;
  if (argc != 1)
    return zb_cli_usage (error, _("usage: zhibu-cli verify"));

  if ((store = zb_cli_open_store (cli, error)) == NULL ||
      !zb_store_verify (store, &n_records, &n_chains, error))
    return FALSE;

  printf (g_dngettext (GETTEXT_PACKAGE, "%u finalised record verified",
                       "%u finalised records verified", n_records), n_records);
  printf (g_dngettext (GETTEXT_PACKAGE, " in %u chain\n", " in %u chains\n", n_chains), n_chains);
  return TRUE;
}
