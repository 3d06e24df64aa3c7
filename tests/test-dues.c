#define G_LOG_DOMAIN "test-dues"

#include "config.h"

#include <locale.h>
#include <string.h>

#include "zb-dues-ledger.h"
#include "zb-dues-rules.h"
#include "zb-money.h"
#include "zb-test-util.h"

/* Dues by the Dues Rules (DOMAIN.md section 4), to the fen, at every
 * bracket's edges, and amounts as people type them. */

static gint64
dues (ZbDuesKind kind,
      gint64     base)
{
  g_autoptr(GError) error = NULL;
  gint64 fen = -1;

  g_assert_true (zb_dues_monthly (kind, base, &fen, &error));
  g_assert_no_error (error);
  return fen;
}

/* Each bracket's upper bound is inclusive: the fen above it pays the next
 * rate on the whole base. */
static void
test_employed_edges (void)
{
  const ZbDuesKind kinds[] = { ZB_DUES_EMPLOYED, ZB_DUES_ANNUAL_SALARY, ZB_DUES_SELF_EMPLOYED };
  const struct { gint64 base, dues; } cases[] = {
    { 0, 0 },
    { 1, 0 },               /* 0.01 yuan at 0.5%: 0.005 fen */
    { 100, 1 },             /* 1 yuan at 0.5%: half a fen, rounded up */
    { 99, 0 },              /* 0.495 fen, rounded down */
    { 3100, 16 },           /* 15.5 fen, up */
    { 300000, 1500 },       /* 3,000.00: 0.5% */
    { 300001, 3000 },       /* 3,000.01: 1% of the whole, 30.0001 */
    { 500000, 5000 },       /* 5,000.00: 1% */
    { 500001, 7500 },       /* 5,000.01: 1.5%, 75.00015 */
    { 1000000, 15000 },     /* 10,000.00: 1.5% */
    { 1000001, 20000 },     /* 10,000.01: 2%, 200.0002 */
    { 1234567, 24691 },     /* 12,345.67 at 2%: 246.9134 */
    { 1000025, 20001 },     /* 10,000.25 at 2%: 200.005, half up */
    { ZB_MONEY_MAX_FEN, ZB_MONEY_MAX_FEN / 50 },
  };

  for (guint k = 0; k < G_N_ELEMENTS (kinds); k++)
    for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
      {
        g_test_message ("%s on %" G_GINT64_FORMAT " fen", zb_dues_kind_to_string (kinds[k]),
                        cases[i].base);
        g_assert_cmpint (dues (kinds[k], cases[i].base), ==, cases[i].dues);
      }
}

static void
test_retired_edges (void)
{
  g_assert_cmpint (dues (ZB_DUES_RETIRED, 0), ==, 0);
  g_assert_cmpint (dues (ZB_DUES_RETIRED, 300001), ==, 1500);   /* still 0.5% above 3,000 */
  g_assert_cmpint (dues (ZB_DUES_RETIRED, 500000), ==, 2500);   /* 5,000.00: 0.5% */
  g_assert_cmpint (dues (ZB_DUES_RETIRED, 500001), ==, 5000);   /* 5,000.01: 1%, 50.0001 */
  g_assert_cmpint (dues (ZB_DUES_RETIRED, 1000001), ==, 10000); /* no 1.5% or 2% bracket */
  g_assert_cmpint (dues (ZB_DUES_RETIRED, 100), ==, 1);         /* half a fen, up */
}

/* Students, the unemployed and members on the allowance pay 0.2 yuan, on
 * any base; farmers choose 0.2 to 1 yuan. */
static void
test_fixed_and_farmer (void)
{
  const ZbDuesKind fixed[] = { ZB_DUES_STUDENT, ZB_DUES_UNEMPLOYED, ZB_DUES_ALLOWANCE };
  g_autoptr(GError) error = NULL;
  gint64 fen = -1;

  for (guint i = 0; i < G_N_ELEMENTS (fixed); i++)
    {
      g_assert_cmpint (dues (fixed[i], 0), ==, 20);
      g_assert_cmpint (dues (fixed[i], 800000), ==, 20);
      g_assert_cmpuint (zb_dues_rate_per_10k (fixed[i], 800000), ==, 0);
    }
  g_assert_cmpint (dues (ZB_DUES_FARMER, 20), ==, 20);
  g_assert_cmpint (dues (ZB_DUES_FARMER, 55), ==, 55);
  g_assert_cmpint (dues (ZB_DUES_FARMER, 100), ==, 100);
  g_assert_false (zb_dues_monthly (ZB_DUES_FARMER, 19, &fen, &error));
  g_assert_error (error, ZB_DUES_ERROR, ZB_DUES_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "Amount"));
  g_clear_error (&error);
  g_assert_false (zb_dues_monthly (ZB_DUES_FARMER, 101, &fen, &error));
  g_assert_error (error, ZB_DUES_ERROR, ZB_DUES_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (zb_dues_monthly (ZB_DUES_EMPLOYED, -1, &fen, &error));
  g_assert_error (error, ZB_DUES_ERROR, ZB_DUES_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "Monthly base"));
  g_assert_cmpint (fen, ==, -1);
}

static void
test_kinds (void)
{
  ZbDuesKind kind;

  for (ZbDuesKind k = 0; k < ZB_DUES_N_KINDS; k++)
    {
      g_assert_true (zb_dues_kind_parse (zb_dues_kind_to_string (k), &kind));
      g_assert_cmpint (kind, ==, k);
      g_assert_nonnull (zb_dues_kind_label (k));
    }
  g_assert_false (zb_dues_kind_parse ("Employed", &kind));
  g_assert_false (zb_dues_kind_parse ("", &kind));
  g_assert_false (zb_dues_kind_parse (NULL, &kind));
}

/* Amounts as an office types them, each to the fen, and what is refused. */
static void
test_money_parse (void)
{
  const struct { const char *text; gint64 fen; } good[] = {
    { "3500", 350000 }, { "3500.5", 350050 }, { "3500.50", 350050 }, { "0.2", 20 },
    { ".5", 50 }, { "3,500.05", 350005 }, { " 3500 ", 350000 }, { "3500元", 350000 },
    { "３５００．５", 350050 }, { "0", 0 }, { "0.01", 1 }, { "100000000", ZB_MONEY_MAX_FEN },
  };
  const char *bad[] = {
    "", " ", "abc", "3500.505", "-5", "3.5.5", ",500", "1e3", "3500 yuan", "0x10",
    "100000001", "99999999999999999999", "3500。5", "元",
  };

  for (guint i = 0; i < G_N_ELEMENTS (good); i++)
    {
      g_autoptr(GError) error = NULL;
      gint64 fen = -1;

      g_test_message ("“%s”", good[i].text);
      g_assert_true (zb_money_parse_yuan (good[i].text, &fen, &error));
      g_assert_no_error (error);
      g_assert_cmpint (fen, ==, good[i].fen);
    }
  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(GError) error = NULL;
      gint64 fen = -1;

      g_test_message ("“%s”", bad[i]);
      g_assert_false (zb_money_parse_yuan (bad[i], &fen, &error));
      g_assert_error (error, ZB_MONEY_ERROR, ZB_MONEY_ERROR_INVALID);
      g_assert_cmpint (fen, ==, -1);
    }
}

static void
test_money_format (void)
{
  const struct { gint64 fen; const char *text; } cases[] = {
    { 0, "0.00" }, { 1, "0.01" }, { 20, "0.20" }, { 350050, "3500.50" }, { -5, "-0.05" },
    { ZB_MONEY_MAX_FEN, "100000000.00" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *text = zb_money_format_yuan (cases[i].fen);

      g_assert_cmpstr (text, ==, cases[i].text);
    }
}

static void
collect_money_sources (const char *dir,
                       GPtrArray  *paths)
{
  g_autoptr(GDir) listing = g_dir_open (dir, 0, NULL);
  const char *name;

  g_assert_nonnull (listing);
  while ((name = g_dir_read_name (listing)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);

      if (g_file_test (path, G_FILE_TEST_IS_DIR))
        collect_money_sources (path, paths);
      else if ((strstr (name, "dues") != NULL || strstr (name, "money") != NULL)
               && (g_str_has_suffix (name, ".c") || g_str_has_suffix (name, ".h")))
        g_ptr_array_add (paths, g_steal_pointer (&path));
    }
}

/* DOMAIN.md section 4: money is never a floating-point number anywhere.
 * Every source file of dues and money is read for the types and calls that
 * would make it one. */
static void
test_no_binary_fractions (void)
{
  static const char * const words[] = {
    "float", "double", "gfloat", "gdouble", "long double", "strtod", "atof",
    "g_ascii_strtod", "G_TYPE_DOUBLE", "json_node_get_double", "sqlite3_column_double",
  };
  g_autofree char *src = g_test_build_filename (G_TEST_DIST, "..", "src", NULL);
  g_autoptr(GPtrArray) paths = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GRegex) regex = NULL;
  g_autofree char *pattern = NULL;
  GString *alternatives = g_string_new (NULL);

  for (guint i = 0; i < G_N_ELEMENTS (words); i++)
    g_string_append_printf (alternatives, "%s%s", i > 0 ? "|" : "", words[i]);
  pattern = g_strdup_printf ("\\b(%s)\\b", alternatives->str);
  g_string_free (alternatives, TRUE);
  regex = g_regex_new (pattern, 0, 0, NULL);

  collect_money_sources (src, paths);
  g_assert_cmpuint (paths->len, >=, 5);
  for (guint i = 0; i < paths->len; i++)
    {
      g_autofree char *text = NULL;
      g_auto(GStrv) lines = NULL;

      g_assert_true (g_file_get_contents (paths->pdata[i], &text, NULL, NULL));
      lines = g_strsplit (text, "\n", -1);
      for (guint n = 0; lines[n] != NULL; n++)
        if (g_regex_match (regex, lines[n], 0, NULL))
          g_error ("%s:%u: money must be whole fen, not a binary fraction: %s",
                   (char *) paths->pdata[i], n + 1, lines[n]);
    }
}


static ZbMonth
month (const char *text)
{
  ZbMonth m = -1;

  g_assert_true (zb_month_parse (text, &m));
  return m;
}

static void
test_months (void)
{
  const char *same[] = { "2026-03", "2026-3", "2026/3", "2026.03", "2026年3月", " 2026-03 " };
  const char *bad[] = { "", "2026", "2026-13", "2026-0", "26-03", "2026-003",
                        "2026-03-01", "March 2026", "1899-12", "２０２６-03" };
  ZbMonth m;

  for (guint i = 0; i < G_N_ELEMENTS (same); i++)
    g_assert_cmpint (month (same[i]), ==, 2026 * 12 + 2);
  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_test_message ("“%s”", bad[i]);
      g_assert_false (zb_month_parse (bad[i], &m));
    }
  g_assert_cmpint (month ("2026-12") + 1, ==, month ("2027-01"));
  {
    g_autofree char *text = zb_month_format (month ("2027-1"));

    g_assert_cmpstr (text, ==, "2027-01");
  }
}

/* Admitted in January 2026 on a base of 5,000 yuan: 50.00 a month. */
static ZbDuesLedger *
january_member (void)
{
  ZbDuesLedger *ledger = zb_dues_ledger_new (month ("2026-01"));
  ZbDuesBase base = { month ("2026-01"), ZB_DUES_EMPLOYED, 500000 };

  zb_dues_ledger_add_base (ledger, &base);
  return ledger;
}

static guint
n_arrears (ZbDuesLedger *ledger,
           const char   *current)
{
  g_autoptr(GArray) months = zb_dues_ledger_arrears (ledger, month (current));

  return months->len;
}

static gboolean
pay (ZbDuesLedger *ledger,
     const char   *first,
     const char   *last,
     gint64        amount,
     const char   *current,
     GPtrArray    *warnings,
     GError      **error)
{
  ZbDuesPayment payment = { month (first), month (last), amount, FALSE };

  if (!zb_dues_ledger_check_payment (ledger, &payment, month (current), warnings, error))
    return FALSE;
  zb_dues_ledger_add_payment (ledger, &payment);
  return TRUE;
}

/* Issue 12: 8 months of arrears give a warning at month 3 and an alert at
 * month 6; paying all 8 at once is taken, with a warning. */
static void
test_arrears (void)
{
  g_autoptr(ZbDuesLedger) ledger = january_member ();
  g_autoptr(GPtrArray) warnings = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GError) error = NULL;
  const struct { const char *current; guint n; ZbDuesLevel level; } steps[] = {
    { "2025-12", 0, ZB_DUES_LEVEL_NONE },      /* before admission */
    { "2026-01", 0, ZB_DUES_LEVEL_NONE },      /* the month under way is not late */
    { "2026-03", 2, ZB_DUES_LEVEL_NONE },
    { "2026-04", 3, ZB_DUES_LEVEL_WARNING },
    { "2026-06", 5, ZB_DUES_LEVEL_WARNING },
    { "2026-07", 6, ZB_DUES_LEVEL_ALERT },
    { "2026-09", 8, ZB_DUES_LEVEL_ALERT },
  };

  for (guint i = 0; i < G_N_ELEMENTS (steps); i++)
    {
      guint n = n_arrears (ledger, steps[i].current);

      g_assert_cmpuint (n, ==, steps[i].n);
      g_assert_cmpint (zb_dues_arrears_level (n), ==, steps[i].level);
    }

  g_assert_true (pay (ledger, "2026-01", "2026-08", 8 * 5000, "2026-09", warnings, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (warnings->len, ==, 1);
  g_assert_nonnull (strstr (warnings->pdata[0], "2026-01"));
  g_assert_cmpuint (n_arrears (ledger, "2026-09"), ==, 0);
  g_assert_cmpint (zb_dues_ledger_state (ledger, month ("2026-05")), ==, ZB_DUES_MONTH_PAID);

  /* Six months back is still within the rule. */
  g_ptr_array_set_size (warnings, 0);
  g_assert_true (pay (ledger, "2026-09", "2026-09", 5000, "2027-03", warnings, &error));
  g_assert_cmpuint (warnings->len, ==, 0);
}

static void
test_payment_refused (void)
{
  g_autoptr(ZbDuesLedger) ledger = january_member ();
  g_autoptr(GError) error = NULL;
  ZbDuesPayment nothing = { month ("2026-01"), month ("2026-01"), 0, FALSE };

  g_assert_true (pay (ledger, "2026-01", "2026-02", 10000, "2026-02", NULL, &error));

  g_assert_false (pay (ledger, "2026-02", "2026-03", 10000, "2026-03", NULL, &error));
  g_assert_error (error, ZB_DUES_ERROR, ZB_DUES_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "Months: 2026-02 is already paid"));
  g_clear_error (&error);

  g_assert_false (pay (ledger, "2025-12", "2025-12", 5000, "2026-03", NULL, &error));
  g_assert_nonnull (strstr (error->message, "month of admission, 2026-01"));
  g_clear_error (&error);

  g_assert_false (pay (ledger, "2026-04", "2026-03", 5000, "2026-03", NULL, &error));
  g_assert_nonnull (strstr (error->message, "Months"));
  g_clear_error (&error);

  g_assert_false (pay (ledger, "2026-03", "2026-04", 9999, "2026-03", NULL, &error));
  g_assert_nonnull (strstr (error->message,
                            "Amount: the months from 2026-03 to 2026-04 come to 100.00 yuan, "
                            "not 99.99"));
  g_clear_error (&error);

  g_assert_false (zb_dues_ledger_check_payment (ledger, &nothing, month ("2026-03"), NULL,
                                                &error));
  g_assert_nonnull (strstr (error->message, "Amount"));
  g_assert_cmpuint (n_arrears (ledger, "2026-05"), ==, 2);
}

/* 少交或免交 with the higher committee's approval: a waived month is not in
 * arrears and owes nothing; a reduced one owes the reduced amount; one not
 * yet approved owes the full dues. */
static void
test_reductions (void)
{
  g_autoptr(ZbDuesLedger) ledger = january_member ();
  g_autoptr(GError) error = NULL;
  const ZbDuesReduction reductions[] = {
    { month ("2026-02"), 0, TRUE },
    { month ("2026-03"), 0, TRUE },
    { month ("2026-04"), 1000, TRUE },
    { month ("2026-05"), 0, FALSE },
  };
  gint64 due;

  for (guint i = 0; i < G_N_ELEMENTS (reductions); i++)
    zb_dues_ledger_add_reduction (ledger, &reductions[i]);

  g_assert_cmpint (zb_dues_ledger_state (ledger, month ("2026-02")), ==, ZB_DUES_MONTH_WAIVED);
  g_assert_cmpint (zb_dues_ledger_state (ledger, month ("2026-05")), ==, ZB_DUES_MONTH_DUE);
  g_assert_true (zb_dues_ledger_due (ledger, month ("2026-04"), &due, &error));
  g_assert_cmpint (due, ==, 1000);
  /* January, April (reduced) and May (not approved): 3 months. */
  g_assert_cmpuint (n_arrears (ledger, "2026-06"), ==, 3);
  g_assert_true (pay (ledger, "2026-01", "2026-05", 5000 + 0 + 0 + 1000 + 5000, "2026-06",
                      NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n_arrears (ledger, "2026-06"), ==, 0);
}

/* A change of pay applies from the month the new pay is received; dues may
 * be paid ahead. */
static void
test_change_of_pay (void)
{
  g_autoptr(ZbDuesLedger) ledger = zb_dues_ledger_new (month ("2026-01"));
  g_autoptr(GPtrArray) warnings = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GError) error = NULL;
  const ZbDuesBase bases[] = {
    { month ("2026-04"), ZB_DUES_EMPLOYED, 600000 },   /* 1.5%: 90.00 */
    { month ("2026-01"), ZB_DUES_EMPLOYED, 300000 },   /* 0.5%: 15.00 */
  };
  gint64 due;

  for (guint i = 0; i < G_N_ELEMENTS (bases); i++)
    zb_dues_ledger_add_base (ledger, &bases[i]);
  g_assert_true (zb_dues_ledger_due (ledger, month ("2026-03"), &due, &error));
  g_assert_cmpint (due, ==, 1500);
  g_assert_true (zb_dues_ledger_due (ledger, month ("2026-04"), &due, &error));
  g_assert_cmpint (due, ==, 9000);
  g_assert_true (pay (ledger, "2026-02", "2026-12", 2 * 1500 + 9 * 9000, "2026-02", warnings,
                      &error));
  g_assert_no_error (error);
  g_assert_cmpuint (warnings->len, ==, 0);
  g_assert_cmpuint (n_arrears (ledger, "2027-01"), ==, 1);   /* January 2026 */
}

static void
test_no_base (void)
{
  g_autoptr(ZbDuesLedger) ledger = zb_dues_ledger_new (month ("2026-01"));
  g_autoptr(GError) error = NULL;
  gint64 due = -1;

  g_assert_false (zb_dues_ledger_due (ledger, month ("2026-02"), &due, &error));
  g_assert_error (error, ZB_DUES_ERROR, ZB_DUES_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "Monthly base: none is recorded for 2026-02"));
  g_assert_cmpint (due, ==, -1);
}

/* Voluntary extra dues: any amount, covering no month; one payment of
 * 1,000 yuan or more goes wholly to the Central Committee. */
static void
test_extra (void)
{
  g_autoptr(ZbDuesLedger) ledger = january_member ();
  g_autoptr(GError) error = NULL;
  ZbDuesPayment extra = { 0, 0, 99999, TRUE };

  g_assert_true (zb_dues_ledger_check_payment (ledger, &extra, month ("2026-02"), NULL, &error));
  g_assert_false (zb_dues_payment_is_central (&extra));
  extra.amount_fen = 100000;
  g_assert_true (zb_dues_payment_is_central (&extra));
  zb_dues_ledger_add_payment (ledger, &extra);
  g_assert_cmpuint (n_arrears (ledger, "2026-02"), ==, 1);   /* extra pays no month */
}

typedef struct
{
  char *dir;
  char *db;
  char *passphrase_file;
} CliFixture;

static void
cli_set_up (CliFixture    *f,
            gconstpointer  data)
{
  f->dir = zb_test_make_dir ();
  f->db = g_build_filename (f->dir, "branch.zhibu", NULL);
  f->passphrase_file = g_build_filename (f->dir, "passphrase", NULL);
}

static void
cli_tear_down (CliFixture    *f,
               gconstpointer  data)
{
  /* dues calc needs no database, and makes none. */
  g_assert_false (g_file_test (f->db, G_FILE_TEST_EXISTS));
  zb_test_remove_dir (f->dir);
  g_free (f->dir);
  g_free (f->db);
  g_free (f->passphrase_file);
}

static void
assert_calc (CliFixture *f,
             const char *expected,
             const char *a,
             const char *b,
             const char *c,
             const char *d)
{
  g_auto(ZbTestRun) run = { 0 };

  zb_test_cli_run (&run, f->db, f->passphrase_file, "dues", "calc", a, b, c, d, NULL);
  g_assert_cmpstr (run.err, ==, "");
  g_assert_cmpint (run.status, ==, 0);
  g_assert_cmpstr (run.out, ==, expected);
}

/* The CLI contract, verbatim: dues calc --base YUAN --kind KIND and
 * dues calc --kind farmer --amount YUAN print the dues with two decimals. */
static void
test_cli_calc (CliFixture    *f,
               gconstpointer  data)
{
  assert_calc (f, "15.00\n", "--base", "3000", "--kind", "employed");
  assert_calc (f, "30.00\n", "--base", "3000.01", "--kind", "employed");
  assert_calc (f, "75.00\n", "--base", "5000.01", "--kind", "annual-salary");
  assert_calc (f, "200.00\n", "--base", "10000.01", "--kind", "self-employed");
  assert_calc (f, "50.00\n", "--kind", "retired", "--base", "5000.01");
  assert_calc (f, "0.20\n", "--base", "0", "--kind", "student");
  assert_calc (f, "0.20\n", "--kind", "unemployed", NULL, NULL);
  assert_calc (f, "0.20\n", "--kind", "allowance", NULL, NULL);
  assert_calc (f, "0.50\n", "--kind", "farmer", "--amount", "0.5");
  assert_calc (f, "35.01\n", "--base", "３,５００．５０", "--kind", "employed");  /* 35.005 */
}

static void
assert_refused (CliFixture *f,
                int         status,
                const char *message,
                const char *a,
                const char *b,
                const char *c,
                const char *d)
{
  g_auto(ZbTestRun) run = { 0 };

  zb_test_cli_run (&run, f->db, f->passphrase_file, "dues", "calc", a, b, c, d, NULL);
  g_test_message ("%s", run.err);
  g_assert_cmpint (run.status, ==, status);
  g_assert_cmpstr (run.out, ==, "");
  g_assert_nonnull (strstr (run.err, message));
  /* One line (DESIGN.md: a user error has a one-line message). */
  g_assert_true (strchr (run.err, '\n') == run.err + strlen (run.err) - 1);
}

static void
test_cli_refusals (CliFixture    *f,
                   gconstpointer  data)
{
  /* Usage errors exit 2; wrong values 1, naming the option. */
  assert_refused (f, 2, "usage", "--base", "3000", NULL, NULL);
  assert_refused (f, 2, "--kind", "--base", "3000", "--kind", "worker");
  assert_refused (f, 2, "--base", "--kind", "employed", NULL, NULL);
  assert_refused (f, 2, "usage", "--kind", "farmer", NULL, NULL);
  assert_refused (f, 2, "usage", "--kind", "farmer", "--base", "3000");
  assert_refused (f, 2, "usage", "--kind", "employed", "--amount", "0.5");
  assert_refused (f, 1, "--base: ", "--base", "3000.505", "--kind", "employed");
  assert_refused (f, 1, "--base: ", "--base", "-3000", "--kind", "employed");
  assert_refused (f, 1, "--amount: ", "--kind", "farmer", "--amount", "zero");
  assert_refused (f, 1, "0.20 to 1.00", "--kind", "farmer", "--amount", "1.5");
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/dues/employed-edges", test_employed_edges);
  g_test_add_func ("/dues/retired-edges", test_retired_edges);
  g_test_add_func ("/dues/fixed-and-farmer", test_fixed_and_farmer);
  g_test_add_func ("/dues/kinds", test_kinds);
  g_test_add_func ("/dues/money-parse", test_money_parse);
  g_test_add_func ("/dues/money-format", test_money_format);
  g_test_add_func ("/dues/no-binary-fractions", test_no_binary_fractions);
  g_test_add_func ("/dues/months", test_months);
  g_test_add_func ("/dues/arrears", test_arrears);
  g_test_add_func ("/dues/payment-refused", test_payment_refused);
  g_test_add_func ("/dues/reductions", test_reductions);
  g_test_add_func ("/dues/change-of-pay", test_change_of_pay);
  g_test_add_func ("/dues/no-base", test_no_base);
  g_test_add_func ("/dues/extra", test_extra);
  g_test_add ("/dues/cli-calc", CliFixture, NULL, cli_set_up, test_cli_calc, cli_tear_down);
  g_test_add ("/dues/cli-refusals", CliFixture, NULL, cli_set_up, test_cli_refusals,
              cli_tear_down);

  return g_test_run ();
}
