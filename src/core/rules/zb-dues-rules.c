#define G_LOG_DOMAIN "zb-dues-rules"

#include "config.h"

#include <glib/gi18n.h>

#include "zb-dues-rules.h"
#include "zb-money.h"

/* The monthly dues of a member, by the Dues Rules (《关于中国共产党党费收缴、
 * 使用和管理的规定》, 2008) as DOMAIN.md section 4 gives them. All in whole
 * fen: a rate is a count of ten-thousandths (0.5% is 50), and the product is
 * rounded half up to the fen. */

G_DEFINE_QUARK (zb-dues-error-quark, zb_dues_error)

static const struct
{
  const char *name;       /* the CLI's and the database's word */
  const char *label;
} kinds[ZB_DUES_N_KINDS] = {
  [ZB_DUES_EMPLOYED] = { "employed", N_("Employed") },
  [ZB_DUES_ANNUAL_SALARY] = { "annual-salary", N_("On annual salary") },
  [ZB_DUES_SELF_EMPLOYED] = { "self-employed", N_("Self-employed") },
  [ZB_DUES_RETIRED] = { "retired", N_("Retired") },
  [ZB_DUES_STUDENT] = { "student", N_("Student") },
  [ZB_DUES_UNEMPLOYED] = { "unemployed", N_("Unemployed") },
  [ZB_DUES_ALLOWANCE] = { "allowance", N_("On minimum living allowance") },
  [ZB_DUES_FARMER] = { "farmer", N_("Farmer") },
};

/* The Dues Rules, part one (党费的收缴): one rate for the whole monthly
 * base, by bracket, each bracket's upper bound inclusive. Members on annual
 * salary pay on what they received in the month, and the self-employed on
 * last quarter's average monthly net income: both on these brackets. */
static const struct
{
  gint64 up_to_fen;       /* inclusive; G_MAXINT64 for the last */
  guint  per_10k;
} employed_brackets[] = {
  { 300000, 50 },         /* up to 3,000 yuan: 0.5% */
  { 500000, 100 },        /* to 5,000: 1% */
  { 1000000, 150 },       /* to 10,000: 1.5% */
  { G_MAXINT64, 200 },    /* above 10,000: 2% */
}, retired_brackets[] = { /* retired members */
  { 500000, 50 },         /* up to 5,000 yuan: 0.5% */
  { G_MAXINT64, 100 },    /* above: 1% */
};

gboolean
zb_dues_kind_parse (const char *text,
                    ZbDuesKind *kind)
{
  for (ZbDuesKind k = 0; k < ZB_DUES_N_KINDS; k++)
    if (g_strcmp0 (text, kinds[k].name) == 0)
      {
        *kind = k;
        return TRUE;
      }
  return FALSE;
}

const char *
zb_dues_kind_to_string (ZbDuesKind kind)
{
  g_return_val_if_fail (kind < ZB_DUES_N_KINDS, NULL);
  return kinds[kind].name;
}

const char *
zb_dues_kind_label (ZbDuesKind kind)
{
  g_return_val_if_fail (kind < ZB_DUES_N_KINDS, NULL);
  return _(kinds[kind].label);
}

/* Whether the dues follow from a monthly base by rate (else they are a
 * fixed amount, or the farmer's chosen one). */
gboolean
zb_dues_kind_has_base (ZbDuesKind kind)
{
  return kind == ZB_DUES_EMPLOYED || kind == ZB_DUES_ANNUAL_SALARY
         || kind == ZB_DUES_SELF_EMPLOYED || kind == ZB_DUES_RETIRED;
}

/* The rate on @base_fen, in ten-thousandths; 0 for the kinds that pay a
 * fixed amount. */
guint
zb_dues_rate_per_10k (ZbDuesKind kind,
                      gint64     base_fen)
{
  guint n = kind == ZB_DUES_RETIRED ? G_N_ELEMENTS (retired_brackets)
                                    : G_N_ELEMENTS (employed_brackets);

  if (!zb_dues_kind_has_base (kind))
    return 0;
  for (guint i = 0; i < n; i++)
    {
      gint64 up_to = kind == ZB_DUES_RETIRED ? retired_brackets[i].up_to_fen
                                             : employed_brackets[i].up_to_fen;

      if (base_fen <= up_to)
        return kind == ZB_DUES_RETIRED ? retired_brackets[i].per_10k
                                       : employed_brackets[i].per_10k;
    }
  g_return_val_if_reached (0);
}

/* The monthly dues in fen. @base_fen is the monthly base for the kinds
 * reckoned by rate, and the amount chosen for a farmer. The Dues Rules fix
 * 0.2 yuan for students, the unemployed and members on the minimum living
 * allowance (@base_fen is not used), and let farmers pay 0.2 to 1 yuan. */
gboolean
zb_dues_monthly (ZbDuesKind   kind,
                 gint64       base_fen,
                 gint64      *dues_fen,
                 GError     **error)
{
  g_return_val_if_fail (kind < ZB_DUES_N_KINDS, FALSE);

  if (kind == ZB_DUES_FARMER)
    {
      if (base_fen < ZB_DUES_FARMER_MIN_FEN || base_fen > ZB_DUES_FARMER_MAX_FEN)
        {
          g_autofree char *amount = zb_money_format_yuan (base_fen);

          g_set_error (error, ZB_DUES_ERROR, ZB_DUES_ERROR_INVALID,
                       _("Amount: a farmer member pays 0.20 to 1.00 yuan a month, not %s"),
                       amount);
          return FALSE;
        }
      *dues_fen = base_fen;
      return TRUE;
    }
  if (!zb_dues_kind_has_base (kind))
    {
      *dues_fen = ZB_DUES_FIXED_FEN;
      return TRUE;
    }
  if (base_fen < 0 || base_fen > ZB_MONEY_MAX_FEN)
    {
      g_autofree char *base = zb_money_format_yuan (base_fen);

      g_set_error (error, ZB_DUES_ERROR, ZB_DUES_ERROR_INVALID,
                   _("Monthly base: %s yuan is not a monthly income"), base);
      return FALSE;
    }
  /* Half up: add half of the divisor before the integer division. */
  *dues_fen = (base_fen * zb_dues_rate_per_10k (kind, base_fen) + 5000) / 10000;
  return TRUE;
}
