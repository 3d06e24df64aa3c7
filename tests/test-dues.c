#define G_LOG_DOMAIN "test-dues"

#include "config.h"

#include <locale.h>
#include <string.h>

#include "zb-checker.h"
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

/* The capitals a receipt writes beside the figures, as banks read them. */
static void
test_money_capital (void)
{
  const struct { gint64 fen; const char *text; } cases[] = {
    { 0, "零元整" }, { 5, "伍分" }, { 50, "伍角" }, { 55, "伍角伍分" }, { 100, "壹元整" },
    { 1205, "壹拾贰元零伍分" }, { 140950, "壹仟肆佰零玖元伍角" }, { 2000, "贰拾元整" },
    { 1001000, "壹万零壹拾元整" }, { 100010000, "壹佰万零壹佰元整" },
    { 1000000100, "壹仟万零壹元整" }, { 10000000, "壹拾万元整" },
    { 12345678, "壹拾贰万叁仟肆佰伍拾陆元柒角捌分" }, { 1000050, "壹万元伍角" },
    { ZB_MONEY_MAX_FEN, "壹亿元整" }, { 10000000001, "壹亿元零壹分" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *text = zb_money_format_capital (cases[i].fen);

      g_test_message ("%" G_GINT64_FORMAT " fen", cases[i].fen);
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

      /* The printed records' only fractions are lengths on the page
       * (column widths, points); they show money through
       * zb_money_format_yuan, as text. */
      if (g_file_test (path, G_FILE_TEST_IS_DIR) && !g_str_equal (name, "pdf"))
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

/* The CLI on a branch of its own (zb-test-util.c). */
typedef ZbTestCliBranch CliFixture;

#define cli_ok(f, ...) zb_test_cli_ok (f, __VA_ARGS__)
#define assert_cli_refused(f, status, message, ...) \
  zb_test_cli_refused (f, status, message, __VA_ARGS__)

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

/* The ledger in the store: a member admitted on 2025-12-15 who pays on a
 * monthly wage of 5,000 yuan, 50.00 yuan a month. */
typedef struct
{
  char    *dir;
  ZbStore *store;
  char    *member;
} StoreFixture;

static char *
add_store_member (ZbStore    *store,
                  const char *name,
                  const char *joined,
                  guint       serial)
{
  g_autofree char *idn = zb_test_id_number ("1990-04-05", serial % 2, serial);
  g_autoptr(ZbMember) member = zb_test_member (name, idn, joined ? "probationary" : "applicant");
  g_autoptr(GError) error = NULL;
  char *id;

  if (joined != NULL)
    zb_member_set (member, ZB_MEMBER_FIELD_JOINED_DATE, joined);
  id = zb_store_add_member (store, member, &error);
  g_assert_no_error (error);
  return id;
}

static void
store_set_up (StoreFixture  *f,
              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  f->dir = zb_test_make_dir ();
  f->store = zb_test_new_store (f->dir, "branch.zhibu");
  f->member = add_store_member (f->store, "王芳", "2025-12-15", 31);
  zb_store_set_dues_base (f->store, f->member, "2025-12", ZB_DUES_EMPLOYED, 500000, &error);
  g_assert_no_error (error);
}

static void
store_tear_down (StoreFixture  *f,
                 gconstpointer  data)
{
  g_clear_object (&f->store);
  zb_test_remove_dir (f->dir);
  g_free (f->dir);
  g_free (f->member);
}

static ZbPayment *
months_payment (const char *member,
                const char *first,
                const char *last,
                gint64      fen,
                const char *date)
{
  ZbPayment *p = zb_payment_new ();

  zb_payment_set_member_id (p, member);
  zb_payment_set_first_month (p, first);
  zb_payment_set_last_month (p, last);
  zb_payment_set_amount_fen (p, fen);
  zb_payment_set_paid_date (p, date);
  return p;
}

/* The dues findings of `check` on @to: "severity|subject|message" lines. */
static char *
dues_findings (ZbStore    *store,
               const char *to)
{
  g_autoptr(GListModel) findings = NULL;
  g_autoptr(GError) error = NULL;
  GString *out = g_string_new (NULL);
  ZbCheckSettings settings;

  zb_check_settings_init (&settings);
  findings = zb_store_check (store, "2025-01-01", to, &settings, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < g_list_model_get_n_items (findings); i++)
    {
      g_autoptr(ZbFinding) f = g_list_model_get_item (findings, i);

      if (g_str_equal (zb_finding_get_rule (f), "dues-arrears"))
        g_string_append_printf (out, "%s|%s|%s|%s\n", zb_finding_get_severity (f),
                                zb_finding_get_subject (f), zb_finding_get_period (f),
                                zb_finding_get_message (f));
    }
  return g_string_free (out, FALSE);
}

static void
assert_dues_finding (ZbStore    *store,
                     const char *to,
                     const char *expected)
{
  g_autofree char *found = dues_findings (store, to);

  g_test_message ("check to %s: %s", to, found);
  if (expected == NULL)
    g_assert_cmpstr (found, ==, "");
  else
    g_assert_nonnull (strstr (found, expected));
}

/* The issue: 8 months of arrears give a warning at month 3 and an alert at
 * month 6, in the checker, naming the member and the months. */
static void
test_store_arrears_levels (StoreFixture  *f,
                           gconstpointer  data)
{
  g_autofree char *warning = g_strdup_printf ("warning|%s|2025-12/2026-02|王芳 has not paid Party "
                                              "dues for 3 months: 2025-12–2026-02\n", f->member);
  g_autofree char *alert = g_strdup_printf ("alert|%s|2025-12/2026-05|王芳 has not paid Party "
                                            "dues for 6 months: 2025-12–2026-05 (the "
                                            "Constitution, article 9", f->member);
  g_autofree char *eight = g_strdup_printf ("alert|%s|2025-12/2026-07|王芳 has not paid Party "
                                            "dues for 8 months: 2025-12–2026-07", f->member);

  assert_dues_finding (f->store, "2026-02-20", NULL);
  assert_dues_finding (f->store, "2026-03-01", warning);
  assert_dues_finding (f->store, "2026-05-31", "warning|");
  assert_dues_finding (f->store, "2026-06-01", alert);
  assert_dues_finding (f->store, "2026-08-10", eight);
}

/* The ledger is kept in Zhibu from a member's first base: a member
 * admitted in 2015 whose first base is from 2026-01 owes from then, and a
 * member with no base yet is in no arrears the program can reckon. */
static void
test_store_arrears_from_base (StoreFixture  *f,
                              gconstpointer  data)
{
  g_autofree char *old = add_store_member (f->store, "李明", "2015-07-01", 33);
  g_autofree char *unset = add_store_member (f->store, "张华", "2015-07-01", 34);
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) arrears = NULL;
  g_autoptr(ZbArrears) first = NULL;
  g_autoptr(ZbArrears) second = NULL;

  g_assert_true (zb_store_set_dues_base (f->store, old, "2026-01", ZB_DUES_RETIRED, 400000,
                                         &error));
  arrears = zb_store_dues_arrears (f->store, "2026-04", &error);
  g_assert_no_error (error);
  /* 李明 before 王芳, by pinyin; 张华 has no base. */
  g_assert_cmpuint (g_list_model_get_n_items (arrears), ==, 2);
  first = g_list_model_get_item (arrears, 0);
  second = g_list_model_get_item (arrears, 1);
  g_assert_cmpstr (zb_arrears_get_member_id (first), ==, old);
  g_assert_cmpstrv (zb_arrears_get_months (first),
                    ((const char *[]) { "2026-01", "2026-02", "2026-03", NULL }));
  g_assert_cmpstr (zb_arrears_get_level (first), ==, "warning");
  g_assert_cmpstr (zb_arrears_get_member_id (second), ==, f->member);
  g_assert_cmpstr (zb_arrears_get_level (second), ==, "warning");
}

/* 免交 approved by the higher committee is not arrears; a reduction the
 * branch decided but nobody approved yet is. */
static void
test_store_waived (StoreFixture  *f,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *waived = NULL, *pending = NULL;
  g_autoptr(GListModel) arrears = NULL;
  g_autoptr(ZbArrears) a = NULL;

  waived = zb_store_add_dues_reduction (f->store, f->member, "2026-01", 0, "2025-12-28",
                                        "某党委〔2026〕3号", "生活困难", &error);
  g_assert_no_error (error);
  pending = zb_store_add_dues_reduction (f->store, f->member, "2026-02", 0, "2026-01-28", NULL,
                                         "生活困难", &error);
  g_assert_no_error (error);

  /* 2025-12 and 2026-02: two months, no finding yet. */
  assert_dues_finding (f->store, "2026-03-10", NULL);
  arrears = zb_store_dues_arrears (f->store, "2026-03", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (arrears), ==, 1);
  a = g_list_model_get_item (arrears, 0);
  g_assert_cmpstrv (zb_arrears_get_months (a), ((const char *[]) { "2025-12", "2026-02", NULL }));
  g_assert_null (zb_arrears_get_level (a));

  /* Once approved, 2026-02 is waived too. */
  g_assert_true (zb_store_approve_dues_reduction (f->store, pending, "某党委〔2026〕9号",
                                                  &error));
  g_assert_no_error (error);
  g_clear_object (&arrears);
  arrears = zb_store_dues_arrears (f->store, "2026-05", &error);
  g_clear_object (&a);
  a = g_list_model_get_item (arrears, 0);
  g_assert_cmpstrv (zb_arrears_get_months (a),
                    ((const char *[]) { "2025-12", "2026-03", "2026-04", NULL }));
  g_assert_cmpstr (zb_arrears_get_level (a), ==, "warning");

  /* A waived month owes nothing: paying 2025-12 to 2026-02 is one month's dues. */
  {
    g_autoptr(ZbPayment) p = months_payment (f->member, "2025-12", "2026-02", 5000, "2026-03-01");
    g_autofree char *id = zb_store_record_dues_payment (f->store, p, NULL, &error);

    g_assert_no_error (error);
    g_assert_nonnull (id);
  }
}

/* The app's 少交或免交: two months decided as one action, listed awaiting
 * approval and still in arrears; approved one by one, they leave the
 * arrears. A range backwards or a reduction for an unknown member is
 * refused and writes nothing. */
static void
test_store_reduction_range (StoreFixture  *f,
                            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) ids = NULL;
  g_autoptr(GListModel) list = NULL;
  g_autoptr(GListModel) arrears = NULL;
  g_autoptr(ZbArrears) a = NULL;
  g_autoptr(ZbReduction) r = NULL;

  ids = zb_store_add_dues_reductions (f->store, f->member, "2026-01", "2026-02", 1000,
                                      "2026-01-20", "生活困难", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_strv_length (ids), ==, 2);

  list = zb_store_list_dues_reductions (f->store, f->member, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (list), ==, 2);
  r = g_list_model_get_item (list, 1);
  g_assert_cmpstr (zb_reduction_get_id (r), ==, ids[1]);
  g_assert_cmpstr (zb_reduction_get_member_id (r), ==, f->member);
  g_assert_cmpstr (zb_reduction_get_month (r), ==, "2026-02");
  g_assert_cmpint (zb_reduction_get_due_fen (r), ==, 1000);
  g_assert_false (zb_reduction_get_approved (r));
  g_assert_cmpstr (zb_reduction_get_decided_date (r), ==, "2026-01-20");
  g_assert_null (zb_reduction_get_approval_ref (r));
  g_assert_cmpstr (zb_reduction_get_reason (r), ==, "生活困难");

  /* Not approved: both months still owe their dues. */
  arrears = zb_store_dues_arrears (f->store, "2026-03", &error);
  a = g_list_model_get_item (arrears, 0);
  g_assert_cmpstrv (zb_arrears_get_months (a),
                    ((const char *[]) { "2025-12", "2026-01", "2026-02", NULL }));

  for (guint i = 0; ids[i] != NULL; i++)
    {
      zb_store_approve_dues_reduction (f->store, ids[i], "2026-02-10", &error);
      g_assert_no_error (error);
    }
  g_clear_object (&list);
  g_clear_object (&r);
  list = zb_store_list_dues_reductions (f->store, f->member, &error);
  r = g_list_model_get_item (list, 0);
  g_assert_true (zb_reduction_get_approved (r));
  g_assert_cmpstr (zb_reduction_get_approval_ref (r), ==, "2026-02-10");

  /* Approved, reduced to 10 yuan: owed still, but the reduced amount. */
  g_clear_object (&arrears);
  g_clear_object (&a);
  arrears = zb_store_dues_arrears (f->store, "2026-03", &error);
  a = g_list_model_get_item (arrears, 0);
  g_assert_cmpstrv (zb_arrears_get_months (a),
                    ((const char *[]) { "2025-12", "2026-01", "2026-02", NULL }));
  {
    g_autoptr(ZbPayment) p = months_payment (f->member, "2026-01", "2026-02", 2000,
                                             "2026-03-01");
    g_autofree char *id = zb_store_record_dues_payment (f->store, p, NULL, &error);

    g_assert_no_error (error);
    g_assert_nonnull (id);
  }

  /* Backwards, or for nobody: refused, nothing written. */
  g_assert_null (zb_store_add_dues_reductions (f->store, f->member, "2026-05", "2026-04", 0,
                                               "2026-01-20", NULL, &error));
  g_assert_nonnull (strstr (error->message, "To month"));
  g_clear_error (&error);
  g_assert_null (zb_store_add_dues_reductions (f->store, "no-such-member", "2026-04",
                                               "2026-05", 0, "2026-01-20", NULL, &error));
  g_assert_nonnull (error);
  g_clear_error (&error);
  g_clear_object (&list);
  list = zb_store_list_dues_reductions (f->store, f->member, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (list), ==, 2);
}

/* The issue: paying all 8 months at once is accepted, with a warning
 * (made up more than six months back); after it, no arrears. */
static void
test_store_pay_eight (StoreFixture  *f,
                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) warnings = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(ZbPayment) p = months_payment (f->member, "2025-12", "2026-07", 40000, "2026-08-10");
  g_autofree char *id = NULL;
  g_autoptr(GListModel) payments = NULL;
  g_autoptr(ZbPayment) stored = NULL;

  zb_payment_set_receipt_number (p, "DF-2026-0008");
  zb_payment_set_method (p, "现金");
  zb_payment_set_on_behalf_by (p, "王建国");
  id = zb_store_record_dues_payment (f->store, p, warnings, &error);
  g_assert_no_error (error);
  g_assert_true (g_uuid_string_is_valid (id));
  g_assert_cmpuint (warnings->len, ==, 1);
  g_assert_nonnull (strstr (warnings->pdata[0], "Months: arrears are generally made up for at "
                                                "most six months back; this payment reaches "
                                                "back to 2025-12"));
  assert_dues_finding (f->store, "2026-08-10", NULL);

  payments = zb_store_list_dues_payments (f->store, f->member, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (payments), ==, 1);
  stored = g_list_model_get_item (payments, 0);
  g_assert_cmpstr (zb_payment_get_id (stored), ==, id);
  g_assert_cmpint (zb_payment_get_amount_fen (stored), ==, 40000);
  g_assert_cmpstr (zb_payment_get_first_month (stored), ==, "2025-12");
  g_assert_cmpstr (zb_payment_get_last_month (stored), ==, "2026-07");
  g_assert_cmpstr (zb_payment_get_paid_date (stored), ==, "2026-08-10");
  g_assert_cmpstr (zb_payment_get_receipt_number (stored), ==, "DF-2026-0008");
  g_assert_cmpstr (zb_payment_get_on_behalf_by (stored), ==, "王建国");
  g_assert_false (zb_payment_get_extra (stored));
  g_assert_cmpint (zb_test_sql_int (f->store, "SELECT on_behalf FROM dues_payments"), ==, 1);
}

static void
assert_payment_refused (StoreFixture *f,
                        ZbPayment    *p,
                        const char   *message)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *id = zb_store_record_dues_payment (f->store, p, NULL, &error);

  g_assert_null (id);
  g_assert_nonnull (error);
  g_test_message ("%s", error->message);
  g_assert_true (g_str_has_prefix (error->message, message));
}

/* Refused, naming the field: a month paid twice, before admission, the
 * wrong amount, a member with no admission date; nothing is written. */
static void
test_store_refused (StoreFixture  *f,
                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ZbPayment) first = months_payment (f->member, "2026-01", "2026-02", 10000,
                                               "2026-02-10");
  g_autofree char *id = zb_store_record_dues_payment (f->store, first, NULL, &error);
  g_autofree char *nobody = add_store_member (f->store, "李明", NULL, 32);
  g_autoptr(ZbPayment) twice = months_payment (f->member, "2026-02", "2026-03", 10000, NULL);
  g_autoptr(ZbPayment) early = months_payment (f->member, "2025-11", "2025-12", 10000, NULL);
  g_autoptr(ZbPayment) wrong = months_payment (f->member, "2026-03", "2026-03", 4999, NULL);
  g_autoptr(ZbPayment) none = months_payment (nobody, "2026-03", "2026-03", 5000, NULL);
  g_autoptr(ZbPayment) month = months_payment (f->member, "2026-13", "2026-13", 5000, NULL);
  g_autoptr(ZbPayment) ahead = months_payment (f->member, "2026-03", "2026-03", 5000,
                                               "2999-01-01");

  g_assert_no_error (error);
  assert_payment_refused (f, twice, "Months: 2026-02 is already paid");
  assert_payment_refused (f, early, "Months: dues run from the month of admission, 2025-12");
  assert_payment_refused (f, wrong, "Amount: the months from 2026-03 to 2026-03 come to 50.00");
  assert_payment_refused (f, none, "Member: has no date of admission");
  assert_payment_refused (f, month, "First month: “2026-13” is not a month");
  assert_payment_refused (f, ahead, "Payment date: 2999-01-01 lies after today");
  g_assert_cmpint (zb_test_sql_int (f->store, "SELECT count(*) FROM dues_payments"), ==, 1);
}

/* Month by month: paid, waived, due, and paid ahead; voluntary extra dues
 * of 1,000 yuan are taken with the word that they go to the Central
 * Committee, and cover no month. */
static void
test_store_ledger (StoreFixture  *f,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) warnings = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(ZbPayment) ahead = months_payment (f->member, "2026-02", "2026-06", 5 * 11250,
                                               "2026-01-20");
  g_autoptr(ZbPayment) extra = zb_payment_new ();
  g_autofree char *waiver = NULL, *id = NULL, *extra_id = NULL;
  g_autoptr(GListModel) lines = NULL;
  g_autoptr(GString) seen = g_string_new (NULL);

  /* A rise from 2026-02 (the Dues Rules: from the month it is received):
   * 7,500 yuan at 1.5%, 112.50 a month; the farmer's amount is checked too. */
  g_assert_true (zb_store_set_dues_base (f->store, f->member, "2026-02", ZB_DUES_EMPLOYED,
                                         750000, &error));
  g_assert_no_error (error);
  g_assert_false (zb_store_set_dues_base (f->store, f->member, "2026-02", ZB_DUES_FARMER, 150,
                                          &error));
  g_clear_error (&error);
  waiver = zb_store_add_dues_reduction (f->store, f->member, "2026-01", 0, "2025-12-28",
                                        "某党委〔2026〕3号", NULL, &error);
  g_assert_no_error (error);
  id = zb_store_record_dues_payment (f->store, ahead, warnings, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (warnings->len, ==, 0);

  zb_payment_set_member_id (extra, f->member);
  zb_payment_set_extra (extra, TRUE);
  zb_payment_set_amount_fen (extra, 100000);
  zb_payment_set_paid_date (extra, "2026-01-20");
  extra_id = zb_store_record_dues_payment (f->store, extra, warnings, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (warnings->len, ==, 1);
  g_assert_nonnull (strstr (warnings->pdata[0], "Central Committee"));

  lines = zb_store_dues_ledger (f->store, f->member, "2026-03", &error);
  g_assert_no_error (error);
  for (guint i = 0; i < g_list_model_get_n_items (lines); i++)
    {
      g_autoptr(ZbDuesLine) line = g_list_model_get_item (lines, i);

      g_string_append_printf (seen, "%s %s %" G_GINT64_FORMAT " %" G_GINT64_FORMAT "\n",
                              zb_dues_line_get_month (line), zb_dues_line_get_state (line),
                              zb_dues_line_get_due_fen (line), zb_dues_line_get_paid_fen (line));
    }
  g_assert_cmpstr (seen->str, ==,
                   "2025-12 due 5000 0\n"
                   "2026-01 waived 0 0\n"
                   "2026-02 paid 11250 11250\n"
                   "2026-03 paid 11250 11250\n"
                   "2026-04 paid 11250 11250\n"
                   "2026-05 paid 11250 11250\n"
                   "2026-06 paid 11250 11250\n");
}

/* The CLI on a database: a member admitted on 2025-12-15 on 5,000 yuan. */
static void
db_set_up (CliFixture    *f,
           gconstpointer  data)
{
  zb_test_cli_branch_set_up (f);
}

static void
db_tear_down (CliFixture    *f,
              gconstpointer  data)
{
  zb_test_cli_branch_tear_down (f);
}

static char *
cli_member (CliFixture *f)
{
  g_autofree char *idn = zb_test_id_number ("1990-04-05", FALSE, 41);
  char *id = cli_ok (f, "member", "add", "--name", "王芳", "--id-number", idn, "--sex", "F",
                     "--birth", "1990-04-05", "--category", "probationary", "--joined",
                     "2025-12-15", NULL);
  g_autofree char *none = NULL;

  g_strchomp (id);
  none = cli_ok (f, "dues", "base", id, "--kind", "employed", "--base", "5000", "--from",
                 "2025-12", NULL);
  g_assert_cmpstr (none, ==, "");
  return id;
}

/* The issue, through the CLI: 8 months of arrears are an alert of check;
 * paying all 8 at once is taken with a warning on stderr and exit 0, and
 * then nothing is in arrears. */
static void
test_cli_pay_eight (CliFixture    *f,
                    gconstpointer  data)
{
  g_autofree char *member = cli_member (f);
  g_autofree char *before = cli_ok (f, "check", "--from", "2026-01-01", "--to", "2026-08-10",
                                    "--format", "json", NULL);
  g_autofree char *arrears = cli_ok (f, "dues", "arrears", "--month", "2026-08", "--format",
                                     "csv", NULL);
  g_autofree char *expected = g_strdup_printf ("member_id,name,months,level,arrears\r\n"
                                               "%s,王芳,8,alert,2025-12 2026-01 2026-02 2026-03 "
                                               "2026-04 2026-05 2026-06 2026-07\r\n", member);
  g_autofree char *after = NULL, *after_arrears = NULL, *ledger = NULL;
  g_auto(ZbTestRun) pay = { 0 };

  g_assert_nonnull (strstr (before, "\"dues-arrears\""));
  g_assert_nonnull (strstr (before, "王芳 has not paid Party dues for 8 months: 2025-12–2026-07"));
  g_assert_cmpstr (arrears, ==, expected);

  zb_test_cli_run (&pay, f->db, f->passphrase_file, "dues", "pay", member, "--months",
                   "2025-12..2026-07", "--amount", "400", "--date", "2026-08-10", "--receipt",
                   "DF-0008", "--on-behalf-of", "王建国", NULL);
  g_test_message ("%s", pay.err);
  g_assert_cmpint (pay.status, ==, 0);
  g_assert_true (g_str_has_prefix (pay.err, "zhibu-cli: warning: Months: arrears are generally "
                                            "made up for at most six months back"));
  g_strchomp (pay.out);
  g_assert_true (g_uuid_string_is_valid (pay.out));

  after = cli_ok (f, "check", "--from", "2026-01-01", "--to", "2026-08-10", "--format", "json",
                  NULL);
  g_assert_null (strstr (after, "\"dues-arrears\""));
  after_arrears = cli_ok (f, "dues", "arrears", "--month", "2026-08", "--format", "csv", NULL);
  g_assert_cmpstr (after_arrears, ==, "member_id,name,months,level,arrears\r\n");
  ledger = cli_ok (f, "dues", "ledger", member, "--to", "2026-08", "--format", "csv", NULL);
  g_assert_true (g_str_has_prefix (ledger, "month,state,due,paid,paid_date,receipt\r\n"
                                           "2025-12,paid,50.00,50.00,2026-08-10,DF-0008\r\n"));
  g_assert_true (g_str_has_suffix (ledger, "2026-07,paid,50.00,50.00,2026-08-10,DF-0008\r\n"
                                           "2026-08,due,50.00,0.00,,\r\n"));
}

/* Errors exit 1 naming the field, usage errors 2; an approved waiver makes
 * its month owe nothing, in the ledger and in what a payment must come to. */
static void
test_cli_dues_errors (CliFixture    *f,
                      gconstpointer  data)
{
  g_autofree char *member = cli_member (f);
  g_autofree char *waiver = NULL, *paid = NULL, *ledger = NULL, *arrears = NULL;

  assert_cli_refused (f, 2, "usage", "dues", "pay", member, "--amount", "50", NULL);
  assert_cli_refused (f, 2, "usage", "dues", "pay", member, "--extra", "--months", "2026-01",
                      "--amount", "50", NULL);
  assert_cli_refused (f, 2, "--kind", "dues", "base", member, "--kind", "boss", "--base", "1",
                      "--from", "2026-01", NULL);
  assert_cli_refused (f, 1, "--months: “2026-13” is not a month", "dues", "pay", member,
                      "--months", "2026-13", "--amount", "50", NULL);
  assert_cli_refused (f, 1, "--amount: ", "dues", "pay", member, "--months", "2026-01",
                      "--amount", "fifty", NULL);
  assert_cli_refused (f, 1, "Amount: the months from 2026-01 to 2026-02 come to 100.00 yuan, "
                      "not 50.00", "dues", "pay", member, "--months", "2026-01..2026-02",
                      "--amount", "50", "--date", "2026-02-01", NULL);
  assert_cli_refused (f, 1, "Months: dues run from the month of admission, 2025-12", "dues",
                      "pay", member, "--months", "2025-11", "--amount", "50", NULL);
  assert_cli_refused (f, 1, "Member: there is no such member", "dues", "pay", "nobody",
                      "--months", "2026-01", "--amount", "50", NULL);

  waiver = cli_ok (f, "dues", "reduce", member, "--month", "2026-01", "--amount", "0",
                   "--approved", "某党委〔2026〕3号", "--decided", "2025-12-28", "--reason",
                   "生活困难", NULL);
  g_strchomp (waiver);
  g_assert_true (g_uuid_string_is_valid (waiver));
  paid = cli_ok (f, "dues", "pay", member, "--months", "2025-12..2026-02", "--amount", "100",
                 "--date", "2026-02-01", NULL);
  ledger = cli_ok (f, "dues", "ledger", member, "--to", "2026-02", "--format", "json", NULL);
  g_test_message ("%s", ledger);
  g_assert_nonnull (strstr (ledger, "\"month\" : \"2026-01\",\n    \"state\" : \"paid\",\n"
                                    "    \"due\" : \"0.00\""));
  arrears = cli_ok (f, "dues", "arrears", "--month", "2026-03", "--format", "json", NULL);
  g_assert_cmpstr (arrears, ==, "[]\n");
}

/* The yearly review of bases: a base set before the year is not reviewed
 * until it is confirmed, which records it again from January and leaves
 * the dues as they were; confirming twice adds nothing; a base changed in
 * the year counts as reviewed. */
static void
test_cli_review (CliFixture    *f,
                 gconstpointer  data)
{
  g_autofree char *member = cli_member (f);
  g_autofree char *before = cli_ok (f, "dues", "review", "--year", "2026", "--format", "csv",
                                    NULL);
  g_autofree char *ledger_before = cli_ok (f, "dues", "ledger", member, "--to", "2026-03",
                                           "--format", "csv", NULL);
  g_autofree char *expected = NULL, *after = NULL, *again = NULL, *ledger_after = NULL;
  g_autofree char *changed = NULL, *none = NULL;

  expected = g_strdup_printf ("member_id,name,kind,base,from,reviewed\r\n"
                              "%s,王芳,employed,5000.00,2025-12,no\r\n", member);
  g_assert_cmpstr (before, ==, expected);

  none = cli_ok (f, "dues", "review", "--year", "2026", "--confirm", member, NULL);
  g_assert_cmpstr (none, ==, "");
  g_free (none);
  none = cli_ok (f, "dues", "review", "--year", "2026", "--confirm", member, NULL);
  after = cli_ok (f, "dues", "review", "--year", "2026", "--format", "csv", NULL);
  g_free (expected);
  expected = g_strdup_printf ("member_id,name,kind,base,from,reviewed\r\n"
                              "%s,王芳,employed,5000.00,2026-01,yes\r\n", member);
  g_assert_cmpstr (after, ==, expected);
  ledger_after = cli_ok (f, "dues", "ledger", member, "--to", "2026-03", "--format", "csv",
                         NULL);
  g_assert_cmpstr (ledger_after, ==, ledger_before);

  /* A raise received in March 2027 is the 2027 review's answer. */
  g_free (none);
  none = cli_ok (f, "dues", "base", member, "--kind", "employed", "--base", "6000", "--from",
                 "2027-03", NULL);
  changed = cli_ok (f, "dues", "review", "--year", "2027", "--format", "csv", NULL);
  g_free (expected);
  expected = g_strdup_printf ("member_id,name,kind,base,from,reviewed\r\n"
                              "%s,王芳,employed,6000.00,2027-03,yes\r\n", member);
  g_assert_cmpstr (changed, ==, expected);
  again = cli_ok (f, "dues", "review", "--year", "2025", "--format", "csv", NULL);
  g_assert_nonnull (strstr (again, "5000.00,2025-12,yes"));
}

/* The dues ledger of a year and a payment's receipt, printed: the months
 * with what each owed and how it was settled, the payments, the totals;
 * the receipt's amount in figures and in capitals, and the Central
 * Committee's share of a voluntary payment of 1,000 yuan or more. */
static void
test_cli_render (CliFixture    *f,
                 gconstpointer  data)
{
  g_autofree char *member = cli_member (f);
  g_autofree char *ledger_pdf = g_build_filename (f->dir, "ledger.pdf", NULL);
  g_autofree char *receipt_pdf = g_build_filename (f->dir, "receipt.pdf", NULL);
  g_autofree char *extra_pdf = g_build_filename (f->dir, "extra.pdf", NULL);
  g_autofree char *payment = cli_ok (f, "dues", "pay", member, "--months", "2025-12..2026-02",
                                     "--amount", "150", "--date", "2026-02-20", "--receipt",
                                     "DF-0001", "--method", "现金", NULL);
  g_auto(ZbTestRun) pay_extra = { 0 };
  g_autofree char *none = NULL, *ledger = NULL, *receipt = NULL, *central = NULL;
  const char *extra;

  /* Taken, with the word that it goes to the Central Committee. */
  zb_test_cli_run (&pay_extra, f->db, f->passphrase_file, "dues", "pay", member, "--extra",
                   "--amount", "1000", "--date", "2026-03-01", "--receipt", "DF-0002", NULL);
  g_assert_cmpint (pay_extra.status, ==, 0);
  extra = g_strchomp (pay_extra.out);
  g_strchomp (payment);
  none = cli_ok (f, "render", "dues-ledger", member, "--year", "2026", "-o", ledger_pdf, NULL);
  g_free (none);
  none = cli_ok (f, "render", "receipt", payment, "-o", receipt_pdf, NULL);
  g_free (none);
  none = cli_ok (f, "render", "receipt", extra, "-o", extra_pdf, NULL);

  ledger = zb_test_pdf_text (ledger_pdf);
  g_test_message ("%s", ledger);
  g_assert_nonnull (strstr (ledger, "Partyduesledger"));
  g_assert_nonnull (strstr (ledger, "王芳"));
  g_assert_nonnull (strstr (ledger, "2026-01"));
  g_assert_nonnull (strstr (ledger, "2026-12"));
  g_assert_nonnull (strstr (ledger, "DF-0001"));
  g_assert_nonnull (strstr (ledger, "Notpaid"));
  g_assert_nonnull (strstr (ledger, "Dueintheyear(yuan)：600.00"));
  g_assert_nonnull (strstr (ledger, "Paidfortheyear(yuan)：100.00"));
  g_assert_nonnull (strstr (ledger, "Monthsnotpaid：10"));
  g_assert_nonnull (strstr (ledger, "Voluntaryextra"));   /* the cell wraps */
  zb_test_keep_artifact (ledger_pdf, "dues-ledger.pdf");

  receipt = zb_test_pdf_text (receipt_pdf);
  g_assert_nonnull (strstr (receipt, "ReceiptforPartydues"));
  g_assert_nonnull (strstr (receipt, "DF-0001"));
  g_assert_nonnull (strstr (receipt, "2025-12to2026-02"));
  g_assert_nonnull (strstr (receipt, "Amountinfigures(yuan)：150.00"));
  g_assert_nonnull (strstr (receipt, "Amountincapitals：壹佰伍拾元整"));
  g_assert_null (strstr (receipt, "CentralCommittee"));
  central = zb_test_pdf_text (extra_pdf);
  g_assert_nonnull (strstr (central, "壹仟元整"));
  g_assert_nonnull (strstr (central, "whollytotheCentralCommittee"));
  zb_test_keep_artifact (receipt_pdf, "dues-receipt.pdf");
}

/* An unknown payment or member is a user error naming it. */
static void
test_cli_render_unknown (CliFixture    *f,
                         gconstpointer  data)
{
  g_autofree char *out = g_build_filename (f->dir, "out.pdf", NULL);
  g_auto(ZbTestRun) receipt = { 0 }, ledger = { 0 }, no_year = { 0 };

  zb_test_cli_run (&receipt, f->db, f->passphrase_file, "render", "receipt", "no-such-payment",
                   "-o", out, NULL);
  g_assert_cmpint (receipt.status, ==, 1);
  g_assert_nonnull (strstr (receipt.err, "no-such-payment"));
  zb_test_cli_run (&ledger, f->db, f->passphrase_file, "render", "dues-ledger",
                   "no-such-member", "--year", "2026", "-o", out, NULL);
  g_assert_cmpint (ledger.status, ==, 1);
  g_assert_nonnull (strstr (ledger.err, "no-such-member"));
  zb_test_cli_run (&no_year, f->db, f->passphrase_file, "render", "dues-ledger",
                   "no-such-member", "-o", out, NULL);
  g_assert_cmpint (no_year.status, ==, 2);
  g_assert_false (g_file_test (out, G_FILE_TEST_EXISTS));
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
  g_test_add_func ("/dues/money-capital", test_money_capital);
  g_test_add_func ("/dues/no-binary-fractions", test_no_binary_fractions);
  g_test_add_func ("/dues/months", test_months);
  g_test_add_func ("/dues/arrears", test_arrears);
  g_test_add_func ("/dues/payment-refused", test_payment_refused);
  g_test_add_func ("/dues/reductions", test_reductions);
  g_test_add_func ("/dues/change-of-pay", test_change_of_pay);
  g_test_add_func ("/dues/no-base", test_no_base);
  g_test_add_func ("/dues/extra", test_extra);
#define ADD_STORE(path, func) \
  g_test_add ("/dues/store/" path, StoreFixture, NULL, store_set_up, func, store_tear_down)
  ADD_STORE ("arrears-levels", test_store_arrears_levels);
  ADD_STORE ("arrears-from-base", test_store_arrears_from_base);
  ADD_STORE ("waived", test_store_waived);
  ADD_STORE ("reduction-range", test_store_reduction_range);
  ADD_STORE ("pay-eight", test_store_pay_eight);
  ADD_STORE ("refused", test_store_refused);
  ADD_STORE ("ledger", test_store_ledger);
  g_test_add ("/dues/cli/pay-eight", CliFixture, NULL, db_set_up, test_cli_pay_eight,
              db_tear_down);
  g_test_add ("/dues/cli/render", CliFixture, NULL, db_set_up, test_cli_render, db_tear_down);
  g_test_add ("/dues/cli/review", CliFixture, NULL, db_set_up, test_cli_review, db_tear_down);
  g_test_add ("/dues/cli/render-unknown", CliFixture, NULL, db_set_up, test_cli_render_unknown,
              db_tear_down);
  g_test_add ("/dues/cli/errors", CliFixture, NULL, db_set_up, test_cli_dues_errors,
              db_tear_down);
  g_test_add ("/dues/cli-calc", CliFixture, NULL, cli_set_up, test_cli_calc, cli_tear_down);
  g_test_add ("/dues/cli-refusals", CliFixture, NULL, cli_set_up, test_cli_refusals,
              cli_tear_down);

  return g_test_run ();
}
