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

/* zhibu-cli meeting addendum ID --text TEXT: a correction of a finalised
 * record, as a record of its own; prints the addendum's ID. */
gboolean
zb_cli_meeting_addendum (ZbCli   *cli,
                         int      argc,
                         char   **argv,
                         GError **error)
{
  g_autofree char *text = NULL;
  g_autofree char *id = NULL;
  g_autoptr(GOptionContext) context = g_option_context_new ("ID");
  g_autoptr(ZbStore) store = NULL;
  const GOptionEntry entries[] = {
    { "text", 0, 0, G_OPTION_ARG_STRING, &text, N_("What is corrected, and how"), N_("TEXT") },
    { NULL }
  };

  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!zb_cli_parse (context, &argc, &argv, error))
    return FALSE;
  if (argc != 2 || text == NULL)
    return zb_cli_usage (error, _("usage: zhibu-cli meeting addendum ID --text TEXT"));

  if ((store = zb_cli_open_store (cli, error)) == NULL ||
      (id = zb_store_add_addendum (store, argv[1], text, error)) == NULL)
    return FALSE;

  printf ("%s\n", id);
  return TRUE;
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
