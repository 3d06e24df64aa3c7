#define G_LOG_DOMAIN "zb-cli-dues"

#include "config.h"

#include <stdio.h>

#include <glib/gi18n.h>

#include "zb-cli.h"
#include "zb-dues-rules.h"
#include "zb-money.h"

/* zhibu-cli dues …: Party dues (DOMAIN.md section 4). */

#define CALC_USAGE N_("usage: zhibu-cli dues calc --base YUAN --kind employed|annual-salary|" \
                      "self-employed|retired|student|unemployed|allowance, or zhibu-cli dues " \
                      "calc --kind farmer --amount YUAN")

/* Reads the amount @text given to @option into fen; the error names the
 * option. */
static gboolean
parse_amount (const char  *option,
              const char  *text,
              gint64      *fen,
              GError     **error)
{
  g_autoptr(GError) local_error = NULL;

  if (zb_money_parse_yuan (text, fen, &local_error))
    return TRUE;
  g_set_error (error, local_error->domain, local_error->code, "%s: %s", option,
               local_error->message);
  return FALSE;
}

/* zhibu-cli dues calc --base YUAN --kind KIND | --kind farmer --amount YUAN:
 * a member's monthly dues, in yuan with two decimals. Needs no database. */
static gboolean
dues_calc (ZbCli   *cli,
           int      argc,
           char   **argv,
           GError **error)
{
  g_autofree char *base_text = NULL, *kind_text = NULL, *amount_text = NULL;
  g_autofree char *dues_text = NULL;
  g_autoptr(GOptionContext) context = g_option_context_new (NULL);
  const GOptionEntry entries[] = {
    { "base", 0, 0, G_OPTION_ARG_STRING, &base_text,
      N_("The monthly base the dues are reckoned on, in yuan"), N_("YUAN") },
    { "kind", 0, 0, G_OPTION_ARG_STRING, &kind_text,
      N_("employed, annual-salary, self-employed, retired, student, unemployed, allowance "
         "or farmer"), N_("CATEGORY") },
    { "amount", 0, 0, G_OPTION_ARG_STRING, &amount_text,
      N_("A farmer member’s chosen monthly amount, 0.2 to 1 yuan"), N_("YUAN") },
    { NULL }
  };
  ZbDuesKind kind;
  gint64 base = 0, dues;

  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!zb_cli_parse (context, &argc, &argv, error))
    return FALSE;
  if (argc != 1 || kind_text == NULL)
    return zb_cli_usage (error, "%s", _(CALC_USAGE));
  if (!zb_dues_kind_parse (kind_text, &kind))
    return zb_cli_usage (error, _("--kind: “%s” is not a kind of member for dues; %s"),
                         kind_text, _(CALC_USAGE));
  if (kind == ZB_DUES_FARMER ? amount_text == NULL || base_text != NULL
                             : amount_text != NULL)
    return zb_cli_usage (error, "%s", _(CALC_USAGE));
  if (zb_dues_kind_has_base (kind) && base_text == NULL)
    return zb_cli_usage (error, _("--base: a member who is %s pays on a monthly base; %s"),
                         kind_text, _(CALC_USAGE));

  if (kind == ZB_DUES_FARMER && !parse_amount ("--amount", amount_text, &base, error))
    return FALSE;
  if (base_text != NULL && !parse_amount ("--base", base_text, &base, error))
    return FALSE;
  if (!zb_dues_monthly (kind, base, &dues, error))
    return FALSE;

  dues_text = zb_money_format_yuan (dues);
  printf ("%s\n", dues_text);
  return TRUE;
}

static const struct {
  const char   *name;
  ZbCliCommand  run;
} subcommands[] = {
  { "calc", dues_calc },
};

gboolean
zb_cli_dues (ZbCli   *cli,
             int      argc,
             char   **argv,
             GError **error)
{
  if (argc < 2)
    return zb_cli_usage (error, _("usage: zhibu-cli dues calc …"));

  for (guint i = 0; i < G_N_ELEMENTS (subcommands); i++)
    if (g_str_equal (argv[1], subcommands[i].name))
      return subcommands[i].run (cli, argc - 1, argv + 1, error);

  return zb_cli_usage (error, _("unknown dues command “%s”"), argv[1]);
}
