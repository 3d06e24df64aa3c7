#define G_LOG_DOMAIN "zhibu-cli"

#include "config.h"

#include <locale.h>
#include <stdio.h>

#include <glib/gi18n.h>

#include "zb-cli.h"
#include "zb-process.h"

static const struct {
  const char   *name;
  ZbCliCommand  run;
} commands[] = {
  { "init", zb_cli_init },
  { "member", zb_cli_member },
  { "meeting", zb_cli_meeting },
  { "committee", zb_cli_committee },
  { "measure", zb_cli_measure },
  { "verify", zb_cli_verify },
  { "search", zb_cli_search },
  { "check", zb_cli_check },
  { "render", zb_cli_render },
  { "dues", zb_cli_dues },
  { "recruit", zb_cli_recruit },
  { "first-item", zb_cli_first_item },
  { "enrol", zb_cli_enrol },
  { "sync", zb_cli_sync },
  { "conflicts", zb_cli_conflicts },
  { "rejected", zb_cli_rejected },
  { "stats", zb_cli_stats },
  { "study", zb_cli_study },
  { "points", zb_cli_points },
  { "settings", zb_cli_settings },
  { "backup", zb_cli_backup },
  { "restore", zb_cli_restore },
};

static void
setup_i18n (void)
{
  const char *localedir = g_getenv ("ZHIBU_LOCALEDIR");

  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, localedir ? localedir : LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);
}

static int
run_command (ZbCli  *cli,
             int     argc,
             char  **argv)
{
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    {
      if (!g_str_equal (argv[0], commands[i].name))
        continue;
      if (commands[i].run (cli, argc, argv, &error))
        return 0;

      g_printerr ("zhibu-cli: %s\n", error->message);
      return g_error_matches (error, ZB_CLI_USAGE_ERROR, 0) ? 2 : 1;
    }

  g_printerr (_("zhibu-cli: unknown command “%s”; try --help\n"), argv[0]);
  return 2;
}

int
main (int   argc,
      char *argv[])
{
  ZbCli cli = { 0 };
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  int status;
  const GOptionEntry entries[] = {
    { "db", 0, 0, G_OPTION_ARG_FILENAME, &cli.db_path,
      N_("The branch database (default: the app’s own)"), N_("FILE") },
    { "passphrase-file", 0, 0, G_OPTION_ARG_FILENAME, &cli.passphrase_file,
      N_("Read the database passphrase from FILE instead of the keyring"), N_("FILE") },
    { NULL }
  };

  zb_process_forbid_core_dumps ();
  /* Standard output is the command's result, which scripts read (`sync`
   * prints one line): GLib's messages, debug ones too, go to stderr. */
  g_log_writer_default_set_use_stderr (TRUE);
  setup_i18n ();

  context = g_option_context_new (_("COMMAND [ARGUMENTS…]"));
  g_option_context_set_summary (context,
                                _("Commands: init, member add|list|show|edit|archive|"
                                  "transfer|import|export, meeting add|list|show|attend|guest|"
                                  "item|vote|finalize|addendum, first-item templates|set, measure "
                                  "add|done|list, committee add, check, render meeting|first-item|"
                                  "binder|roster|transfer|dues-ledger|receipt|recruitment|points, "
                                  "dues calc|base|pay|reduce|approve|review|ledger|arrears, recruit "
                                  "step|status|due|remove|restore, study add|list|remove, points "
                                  "[rules], settings get|set, verify, enrol, sync, conflicts "
                                  "list|resolve, rejected list, stats. Run “zhibu-cli COMMAND --help” for each."));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);
  /* Stop at the command: its options are its own. */
  g_option_context_set_strict_posix (context, TRUE);

  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      g_printerr ("zhibu-cli: %s\n", error->message);
      return 2;
    }
  if (argc < 2)
    {
      g_printerr (_("zhibu-cli: no command given; try --help\n"));
      return 2;
    }

  zb_cli_set_command_line (argc - 1, argv + 1);
  status = run_command (&cli, argc - 1, argv + 1);
  g_free (cli.db_path);
  g_free (cli.passphrase_file);
  return status;
}
