#define G_LOG_DOMAIN "zb-cli-dues"

#include "config.h"

#include <stdio.h>

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>

#include "zb-cli.h"
#include "zb-csv.h"
#include "zb-list-table.h"
#include "zb-date.h"
#include "zb-dues-ledger.h"
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

/* A month option as people type it ("2026-3", "2026年3月"), made YYYY-MM in
 * place; the message names the option. */
static gboolean
normalise_month (char       **value,
                 const char  *option,
                 GError     **error)
{
  ZbMonth month;

  if (*value == NULL)
    return TRUE;
  if (!zb_month_parse (*value, &month))
    {
      /* TRANSLATORS: an option, then what was typed */
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                   _("%s: “%s” is not a month; write it as year-month, such as 2026-03"), option,
                   *value);
      return FALSE;
    }
  g_free (*value);
  *value = zb_month_format (month);
  return TRUE;
}

static char *
this_month (void)
{
  GDate today;

  zb_date_set_today (&today);
  return zb_month_format (zb_month_of_date (&today));
}

/* Warnings go to stderr and the command still succeeds (DESIGN.md, exit
 * codes): what was taken is worth a word, not a refusal. */
static void
print_warnings (GPtrArray *warnings)
{
  for (guint i = 0; i < warnings->len; i++)
    g_printerr (_("zhibu-cli: warning: %s\n"), (const char *) warnings->pdata[i]);
}

#define BASE_USAGE N_("usage: zhibu-cli dues base MEMBER-ID --kind KIND --base YUAN " \
                      "--from YYYY-MM")

/* zhibu-cli dues base MEMBER-ID --kind K --base YUAN --from YYYY-MM: the
 * member's base from that month on (for a farmer member, the chosen monthly
 * amount, also as --amount). */
static gboolean
dues_base (ZbCli   *cli,
           int      argc,
           char   **argv,
           GError **error)
{
  g_autofree char *kind_text = NULL, *base_text = NULL, *amount_text = NULL, *from = NULL;
  g_autoptr(GOptionContext) context = g_option_context_new (NULL);
  g_autoptr(ZbStore) store = NULL;
  const GOptionEntry entries[] = {
    { "kind", 0, 0, G_OPTION_ARG_STRING, &kind_text,
      N_("employed, annual-salary, self-employed, retired, student, unemployed, allowance "
         "or farmer"), N_("CATEGORY") },
    { "base", 0, 0, G_OPTION_ARG_STRING, &base_text,
      N_("The monthly base the dues are reckoned on, in yuan"), N_("YUAN") },
    { "amount", 0, 0, G_OPTION_ARG_STRING, &amount_text,
      N_("A farmer member’s chosen monthly amount, 0.2 to 1 yuan"), N_("YUAN") },
    { "from", 0, 0, G_OPTION_ARG_STRING, &from,
      N_("The month the pay was received from, such as 2026-03"), N_("YEAR-MONTH") },
    { NULL }
  };
  ZbDuesKind kind;
  gint64 base = 0;

  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!zb_cli_parse (context, &argc, &argv, error))
    return FALSE;
  if (argc != 2 || kind_text == NULL || from == NULL || (base_text && amount_text))
    return zb_cli_usage (error, "%s", _(BASE_USAGE));
  if (!zb_dues_kind_parse (kind_text, &kind))
    return zb_cli_usage (error, _("--kind: “%s” is not a kind of member for dues; %s"),
                         kind_text, _(BASE_USAGE));
  if (amount_text != NULL && kind != ZB_DUES_FARMER)
    return zb_cli_usage (error, "%s", _(BASE_USAGE));
  if ((zb_dues_kind_has_base (kind) || kind == ZB_DUES_FARMER) && !base_text && !amount_text)
    return zb_cli_usage (error, _("--base: a member who is %s pays on a monthly base; %s"),
                         kind_text, _(BASE_USAGE));

  if ((base_text && !parse_amount ("--base", base_text, &base, error)) ||
      (amount_text && !parse_amount ("--amount", amount_text, &base, error)) ||
      !normalise_month (&from, "--from", error) ||
      (store = zb_cli_open_store (cli, error)) == NULL)
    return FALSE;
  return zb_store_set_dues_base (store, argv[1], from, kind, base, error);
}

#define PAY_USAGE N_("usage: zhibu-cli dues pay MEMBER-ID --months YYYY-MM[..YYYY-MM] " \
                     "--amount YUAN [--date DATE] [--method M] [--receipt N] " \
                     "[--on-behalf-of NAME], or zhibu-cli dues pay MEMBER-ID --extra " \
                     "--amount YUAN [--date DATE] …")

/* "2026-01..2026-08" or one month. */
static gboolean
split_months (ZbPayment   *payment,
              const char  *months,
              GError     **error)
{
  g_auto(GStrv) parts = g_strsplit (months, "..", 2);
  g_autofree char *first = g_strdup (parts[0]);
  g_autofree char *last = g_strdup (parts[1] ? parts[1] : parts[0]);

  if (!normalise_month (&first, "--months", error) ||
      !normalise_month (&last, "--months", error))
    return FALSE;
  zb_payment_set_first_month (payment, first);
  zb_payment_set_last_month (payment, last);
  return TRUE;
}

/* zhibu-cli dues pay …: prints the new payment's ID. */
static gboolean
dues_pay (ZbCli   *cli,
          int      argc,
          char   **argv,
          GError **error)
{
  g_autofree char *months = NULL, *amount_text = NULL, *date = NULL, *method = NULL;
  g_autofree char *receipt = NULL, *behalf = NULL, *id = NULL;
  g_autoptr(GOptionContext) context = g_option_context_new (NULL);
  g_autoptr(GPtrArray) warnings = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(ZbPayment) payment = zb_payment_new ();
  g_autoptr(ZbStore) store = NULL;
  gboolean extra = FALSE;
  gint64 amount = 0;
  const GOptionEntry entries[] = {
    { "months", 0, 0, G_OPTION_ARG_STRING, &months,
      N_("The months paid for: one, or the first and the last, such as 2026-01..2026-06"),
      N_("MONTHS") },
    { "amount", 0, 0, G_OPTION_ARG_STRING, &amount_text, N_("The amount paid, in yuan"),
      N_("YUAN") },
    { "date", 0, 0, G_OPTION_ARG_STRING, &date, N_("Payment date (default: today)"),
      N_("YEAR-MONTH-DAY") },
    { "method", 0, 0, G_OPTION_ARG_STRING, &method, N_("How it was paid"), N_("METHOD") },
    { "receipt", 0, 0, G_OPTION_ARG_STRING, &receipt, N_("Receipt number"), N_("NUMBER") },
    { "on-behalf-of", 0, 0, G_OPTION_ARG_STRING, &behalf,
      N_("Who paid on the member’s behalf (代缴)"), N_("NAME") },
    { "extra", 0, 0, G_OPTION_ARG_NONE, &extra, N_("Voluntary extra dues, for no month"),
      NULL },
    { NULL }
  };

  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!zb_cli_parse (context, &argc, &argv, error))
    return FALSE;
  if (argc != 2 || amount_text == NULL || (extra == (months != NULL)))
    return zb_cli_usage (error, "%s", _(PAY_USAGE));

  if (!parse_amount ("--amount", amount_text, &amount, error) ||
      !zb_cli_normalise_date (&date, _("Payment date"), error) ||
      (months != NULL && !split_months (payment, months, error)))
    return FALSE;
  zb_payment_set_member_id (payment, argv[1]);
  zb_payment_set_amount_fen (payment, amount);
  zb_payment_set_extra (payment, extra);
  zb_payment_set_paid_date (payment, date);
  zb_payment_set_method (payment, method);
  zb_payment_set_receipt_number (payment, receipt);
  zb_payment_set_on_behalf_by (payment, behalf);

  if ((store = zb_cli_open_store (cli, error)) == NULL ||
      (id = zb_store_record_dues_payment (store, payment, warnings, error)) == NULL)
    return FALSE;
  print_warnings (warnings);
  printf ("%s\n", id);
  return TRUE;
}

#define REDUCE_USAGE N_("usage: zhibu-cli dues reduce MEMBER-ID --month YYYY-MM --amount YUAN " \
                        "[--approved REF] [--decided DATE] [--reason TEXT]")

/* zhibu-cli dues reduce …: 少交或免交 (an amount of 0 waives the month),
 * counted once --approved names the higher committee's approval; prints
 * the new row's ID. */
static gboolean
dues_reduce (ZbCli   *cli,
             int      argc,
             char   **argv,
             GError **error)
{
  g_autofree char *month = NULL, *amount_text = NULL, *approved = NULL, *decided = NULL;
  g_autofree char *reason = NULL, *id = NULL;
  g_autoptr(GOptionContext) context = g_option_context_new (NULL);
  g_autoptr(ZbStore) store = NULL;
  gint64 amount = 0;
  const GOptionEntry entries[] = {
    { "month", 0, 0, G_OPTION_ARG_STRING, &month, N_("The month reduced or waived"),
      N_("YEAR-MONTH") },
    { "amount", 0, 0, G_OPTION_ARG_STRING, &amount_text,
      N_("What the member pays for the month instead, in yuan; 0 waives it"), N_("YUAN") },
    { "approved", 0, 0, G_OPTION_ARG_STRING, &approved,
      N_("The higher committee’s approval, such as its document number"), N_("REF") },
    { "decided", 0, 0, G_OPTION_ARG_STRING, &decided, N_("The day the branch decided it"),
      N_("YEAR-MONTH-DAY") },
    { "reason", 0, 0, G_OPTION_ARG_STRING, &reason, N_("Why"), N_("TEXT") },
    { NULL }
  };

  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!zb_cli_parse (context, &argc, &argv, error))
    return FALSE;
  if (argc != 2 || month == NULL || amount_text == NULL)
    return zb_cli_usage (error, "%s", _(REDUCE_USAGE));

  if (!normalise_month (&month, "--month", error) ||
      !parse_amount ("--amount", amount_text, &amount, error) ||
      !zb_cli_normalise_date (&decided, _("Decided by the branch on"), error) ||
      (store = zb_cli_open_store (cli, error)) == NULL ||
      (id = zb_store_add_dues_reduction (store, argv[1], month, amount, decided, approved,
                                         reason, error)) == NULL)
    return FALSE;
  printf ("%s\n", id);
  return TRUE;
}

/* zhibu-cli dues approve REDUCTION-ID --approved REF */
static gboolean
dues_approve (ZbCli   *cli,
              int      argc,
              char   **argv,
              GError **error)
{
  g_autofree char *approved = NULL;
  g_autoptr(GOptionContext) context = g_option_context_new (NULL);
  g_autoptr(ZbStore) store = NULL;
  const GOptionEntry entries[] = {
    { "approved", 0, 0, G_OPTION_ARG_STRING, &approved,
      N_("The higher committee’s approval, such as its document number"), N_("REF") },
    { NULL }
  };

  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!zb_cli_parse (context, &argc, &argv, error))
    return FALSE;
  if (argc != 2 || approved == NULL)
    return zb_cli_usage (error, _("usage: zhibu-cli dues approve REDUCTION-ID --approved REF"));
  if ((store = zb_cli_open_store (cli, error)) == NULL)
    return FALSE;
  return zb_store_approve_dues_reduction (store, argv[1], approved, error);
}

/* Voluntary extra dues cover no month: the table lists them after the months. */
static void
print_extras (GListModel *payments)
{
  for (guint i = 0; i < g_list_model_get_n_items (payments); i++)
    {
      g_autoptr(ZbPayment) p = g_list_model_get_item (payments, i);
      g_autofree char *amount = NULL;

      if (!zb_payment_get_extra (p))
        continue;
      amount = zb_money_format_yuan (zb_payment_get_amount_fen (p));
      /* TRANSLATORS: the payment date, the amount in yuan */
      printf (_("%s  voluntary extra dues  %s\n"), zb_payment_get_paid_date (p), amount);
    }
}

#define LEDGER_USAGE N_("usage: zhibu-cli dues ledger MEMBER-ID [--to YYYY-MM] " \
                        "[--format table|csv|json] [-o FILE.xlsx|FILE.csv]")

/* zhibu-cli dues ledger MEMBER-ID: month by month from admission to this
 * month (or --to, or the last month paid ahead), what is due and paid. */
static gboolean
dues_ledger (ZbCli   *cli,
             int      argc,
             char   **argv,
             GError **error)
{
  g_autofree char *format = NULL, *to = NULL, *output = NULL;
  g_autoptr(GOptionContext) context = g_option_context_new (NULL);
  g_autoptr(ZbStore) store = NULL;
  g_autoptr(GListModel) lines = NULL, payments = NULL;
  g_autoptr(ZbTable) table = NULL;
  g_autoptr(ZbMember) member = NULL;
  const GOptionEntry entries[] = {
    { "to", 0, 0, G_OPTION_ARG_STRING, &to, N_("The last month shown (default: this month)"),
      N_("YEAR-MONTH") },
    { "format", 0, 0, G_OPTION_ARG_STRING, &format, N_("table, csv or json; csv or xlsx with -o"),
      N_("FORMAT") },
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output,
      N_("Write the list to FILE as a workbook (.xlsx) or CSV (.csv)"), N_("FILE") },
    { NULL }
  };

  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!zb_cli_parse (context, &argc, &argv, error))
    return FALSE;
  if (argc != 2)
    return zb_cli_usage (error, "%s", _(LEDGER_USAGE));
  if (!zb_cli_check_output (&format, output, _(LEDGER_USAGE), error) ||
      !normalise_month (&to, "--to", error))
    return FALSE;
  if (to == NULL)
    to = this_month ();

  if ((store = zb_cli_open_store (cli, error)) == NULL ||
      (member = zb_store_get_member (store, argv[1], error)) == NULL ||
      (lines = zb_store_dues_ledger (store, argv[1], to, error)) == NULL ||
      (payments = zb_store_list_dues_payments (store, argv[1], error)) == NULL)
    return FALSE;

  table = zb_dues_ledger_table (lines, payments);
  if (!zb_cli_output_table (table, format, output, error))
    return FALSE;
  if (format == NULL || g_str_equal (format, "table"))
    print_extras (payments);
  return TRUE;
}

#define ARREARS_USAGE N_("usage: zhibu-cli dues arrears [--month YYYY-MM] " \
                         "[--format table|csv|json] [-o FILE.xlsx|FILE.csv]")

static void
print_arrears_json (GListModel *all)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *text = NULL;

  json_builder_begin_array (b);
  for (guint i = 0; i < g_list_model_get_n_items (all); i++)
    {
      g_autoptr(ZbArrears) a = g_list_model_get_item (all, i);
      const char * const *months = zb_arrears_get_months (a);

      json_builder_begin_object (b);
      json_builder_set_member_name (b, "member_id");
      json_builder_add_string_value (b, zb_arrears_get_member_id (a));
      json_builder_set_member_name (b, "name");
      json_builder_add_string_value (b, zb_arrears_get_name (a));
      json_builder_set_member_name (b, "months");
      json_builder_add_int_value (b, g_strv_length ((char **) months));
      json_builder_set_member_name (b, "level");
      if (zb_arrears_get_level (a))
        json_builder_add_string_value (b, zb_arrears_get_level (a));
      else
        json_builder_add_null_value (b);
      json_builder_set_member_name (b, "arrears");
      json_builder_begin_array (b);
      for (guint m = 0; months[m] != NULL; m++)
        json_builder_add_string_value (b, months[m]);
      json_builder_end_array (b);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
  root = json_builder_get_root (b);
  json_generator_set_root (generator, root);
  json_generator_set_pretty (generator, TRUE);
  text = json_generator_to_data (generator, NULL);
  printf ("%s\n", text);
}

/* zhibu-cli dues arrears [--month M]: every member in arrears before the
 * month (default: this one), with the level (3 months a warning, 6 an
 * alert; DOMAIN.md section 4). */
static gboolean
dues_arrears (ZbCli   *cli,
              int      argc,
              char   **argv,
              GError **error)
{
  g_autofree char *format = NULL, *month = NULL, *output = NULL;
  g_autoptr(GOptionContext) context = g_option_context_new (NULL);
  g_autoptr(ZbStore) store = NULL;
  g_autoptr(GListModel) all = NULL;
  g_autoptr(ZbTable) table = NULL;
  const GOptionEntry entries[] = {
    { "month", 0, 0, G_OPTION_ARG_STRING, &month,
      N_("The month under way: arrears are the months before it (default: this month)"),
      N_("YEAR-MONTH") },
    { "format", 0, 0, G_OPTION_ARG_STRING, &format, N_("table, csv or json; csv or xlsx with -o"),
      N_("FORMAT") },
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output,
      N_("Write the list to FILE as a workbook (.xlsx) or CSV (.csv)"), N_("FILE") },
    { NULL }
  };

  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!zb_cli_parse (context, &argc, &argv, error))
    return FALSE;
  if (argc != 1)
    return zb_cli_usage (error, "%s", _(ARREARS_USAGE));
  if (!zb_cli_check_output (&format, output, _(ARREARS_USAGE), error) ||
      !normalise_month (&month, "--month", error))
    return FALSE;
  if (month == NULL)
    month = this_month ();
  if ((store = zb_cli_open_store (cli, error)) == NULL ||
      (all = zb_store_dues_arrears (store, month, error)) == NULL)
    return FALSE;

  if (g_strcmp0 (format, "json") == 0)
    {
      print_arrears_json (all);
      return TRUE;
    }
  table = zb_arrears_table (all);
  return zb_cli_output_table (table, format, output, error);
}

#define REVIEW_USAGE N_("usage: zhibu-cli dues review --year YEAR [--confirm MEMBER-ID] " \
                        "[--format table|csv|json]")

static const char *review_header[] = { "member_id", "name", "kind", "base", "from", "reviewed" };

/* zhibu-cli dues review --year Y [--confirm MEMBER-ID] [--format F]: the
 * yearly review of dues bases (DOMAIN.md section 4): every member admitted
 * by the year's end with the base in force and whether it was set or
 * confirmed in the year; --confirm records that a member's base stands. */
static gboolean
dues_review (ZbCli   *cli,
             int      argc,
             char   **argv,
             GError **error)
{
  g_autofree char *format = NULL, *confirm = NULL;
  g_autoptr(GOptionContext) context = g_option_context_new (NULL);
  g_autoptr(ZbStore) store = NULL;
  g_autoptr(GListModel) lines = NULL;
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);
  int year = 0;
  const GOptionEntry entries[] = {
    { "year", 0, 0, G_OPTION_ARG_INT, &year, N_("The year under review"), N_("YEAR") },
    { "confirm", 0, 0, G_OPTION_ARG_STRING, &confirm,
      N_("Confirm that this member’s base stands for the year"), N_("MEMBER-ID") },
    { "format", 0, 0, G_OPTION_ARG_STRING, &format, N_("table, csv or json"), N_("FORMAT") },
    { NULL }
  };

  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!zb_cli_parse (context, &argc, &argv, error))
    return FALSE;
  if (argc != 1 || year < 1900 || year > 9999)
    return zb_cli_usage (error, "%s", _(REVIEW_USAGE));
  if (!zb_cli_check_format (format, _(REVIEW_USAGE), error) ||
      (store = zb_cli_open_store (cli, error)) == NULL)
    return FALSE;
  if (confirm != NULL)
    return zb_store_confirm_dues_base (store, confirm, year, error);
  if ((lines = zb_store_dues_base_review (store, year, error)) == NULL)
    return FALSE;

  for (guint i = 0; i < g_list_model_get_n_items (lines); i++)
    {
      g_autoptr(ZbBaseReview) line = g_list_model_get_item (lines, i);
      GStrv row = g_new0 (char *, G_N_ELEMENTS (review_header) + 1);

      row[0] = g_strdup (zb_base_review_get_member_id (line));
      row[1] = g_strdup (zb_base_review_get_name (line));
      row[2] = g_strdup (zb_base_review_get_kind (line) ? zb_base_review_get_kind (line) : "");
      row[3] = zb_base_review_get_kind (line) != NULL
               ? zb_money_format_yuan (zb_base_review_get_base_fen (line)) : g_strdup ("");
      row[4] = g_strdup (zb_base_review_get_from_month (line) ?
                         zb_base_review_get_from_month (line) : "");
      row[5] = g_strdup (zb_base_review_get_reviewed (line) ? "yes" : "no");
      g_ptr_array_add (rows, row);
    }
  zb_cli_print_rows (review_header, G_N_ELEMENTS (review_header), rows, format);
  return TRUE;
}

static const struct {
  const char   *name;
  ZbCliCommand  run;
} subcommands[] = {
  { "calc", dues_calc },
  { "base", dues_base },
  { "pay", dues_pay },
  { "reduce", dues_reduce },
  { "approve", dues_approve },
  { "ledger", dues_ledger },
  { "arrears", dues_arrears },
  { "review", dues_review },
};

gboolean
zb_cli_dues (ZbCli   *cli,
             int      argc,
             char   **argv,
             GError **error)
{
  if (argc < 2)
    return zb_cli_usage (error, _("usage: zhibu-cli dues calc|base|pay|reduce|approve|ledger|"
                                  "arrears|review …"));

  for (guint i = 0; i < G_N_ELEMENTS (subcommands); i++)
    if (g_str_equal (argv[1], subcommands[i].name))
      return subcommands[i].run (cli, argc - 1, argv + 1, error);

  return zb_cli_usage (error, _("unknown dues command “%s”"), argv[1]);
}
