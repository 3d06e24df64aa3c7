#define G_LOG_DOMAIN "zb-money"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "zb-money.h"

/* Money is whole fen (分) in a gint64 everywhere, never a binary fraction:
 * 0.1 yuan has no exact binary form, and a ledger must add up to the fen.
 * Text is read digit by digit into fen. */

G_DEFINE_QUARK (zb-money-error-quark, zb_money_error)

/* A digit as an office keyboard may type it: ASCII or full-width (０-９). */
static int
digit_value (gunichar c)
{
  if (c >= '0' && c <= '9')
    return c - '0';
  if (c >= 0xFF10 && c <= 0xFF19)
    return c - 0xFF10;
  return -1;
}

static gboolean
invalid (GError    **error,
         const char *text)
{
  g_set_error (error, ZB_MONEY_ERROR, ZB_MONEY_ERROR_INVALID,
               _("“%s” is not an amount of money: write it in yuan, such as 3500 or 3500.50"),
               text);
  return FALSE;
}

/* Reads @text, an amount in yuan as people type it ("3500", "3,500.5",
 * "３５００．５０", "3500元"), into whole fen. At most two decimals: a
 * third would be a fraction of a fen. */
gboolean
zb_money_parse_yuan (const char  *text,
                     gint64      *fen,
                     GError     **error)
{
  g_autofree char *trimmed = g_strstrip (g_strdup (text != NULL ? text : ""));
  gint64 yuan = 0, cents = 0;
  int decimals = -1;      /* -1 before the point; then how many digits after it */
  gboolean any = FALSE;

  if (g_str_has_suffix (trimmed, "元"))
    trimmed[strlen (trimmed) - strlen ("元")] = '\0';
  for (const char *p = trimmed; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char_validated (p, -1);
      int value = digit_value (c);

      if (value >= 0 && decimals < 0)
        {
          yuan = yuan * 10 + value;
          if (yuan * 100 > ZB_MONEY_MAX_FEN)
            {
              g_set_error (error, ZB_MONEY_ERROR, ZB_MONEY_ERROR_INVALID,
                           _("“%s” is more money than a record can hold"), text);
              return FALSE;
            }
          any = TRUE;
        }
      else if (value >= 0)
        {
          if (++decimals > 2)
            {
              g_set_error (error, ZB_MONEY_ERROR, ZB_MONEY_ERROR_INVALID,
                           _("“%s” has more than two decimals: amounts go down to the fen"),
                           text);
              return FALSE;
            }
          cents = cents * 10 + value;
          any = TRUE;
        }
      else if ((c == '.' || c == 0xFF0E) && decimals < 0)
        decimals = 0;
      else if ((c == ',' || c == 0xFF0C) && decimals < 0 && any)
        continue;   /* a thousands separator */
      else
        return invalid (error, text);
    }
  if (!any)
    return invalid (error, text);
  for (int i = MAX (decimals, 0); i < 2; i++)
    cents *= 10;
  *fen = yuan * 100 + cents;
  return TRUE;
}

/* @fen as yuan with two decimals, such as "35.00". */
char *
zb_money_format_yuan (gint64 fen)
{
  guint64 size = fen < 0 ? -(guint64) fen : (guint64) fen;

  return g_strdup_printf ("%s%" G_GUINT64_FORMAT ".%02u", fen < 0 ? "-" : "",
                          size / 100, (guint) (size % 100));
}

static const char * const capital_digits[] = {
  "零", "壹", "贰", "叁", "肆", "伍", "陆", "柒", "捌", "玖",
};

/* The yuan of an amount in capitals, group by group of four digits (万,
 * 亿), a run of zeros inside read as one 零 and zeros at a group's end not
 * read at all: 10010 is 壹万零壹拾. */
static void
append_capital_yuan (GString *out,
                     gint64   yuan)
{
  static const char * const units[] = { "", "拾", "佰", "仟" };
  static const char * const groups[] = { "", "万", "亿" };
  gint64 values[G_N_ELEMENTS (groups)];
  gboolean zero = FALSE;
  int top = 0;

  for (guint g = 0; g < G_N_ELEMENTS (groups); g++)
    {
      values[g] = yuan % 10000;
      yuan /= 10000;
      if (values[g] != 0)
        top = g;
    }
  for (int g = top; g >= 0; g--)
    {
      if (values[g] == 0)
        {
          zero = zero || out->len > 0;
          continue;
        }
      for (int pos = 3, divisor = 1000; pos >= 0; pos--, divisor /= 10)
        {
          int digit = (int) (values[g] / divisor % 10);

          if (digit == 0)
            {
              zero = zero || out->len > 0;
              continue;
            }
          if (zero)
            g_string_append (out, capital_digits[0]);
          zero = FALSE;
          g_string_append (out, capital_digits[digit]);
          g_string_append (out, units[pos]);
        }
      g_string_append (out, groups[g]);
    }
}

/* @fen in the capitals that a receipt writes beside the figures (大写金额),
 * as banks read them: 1409.50 is 壹仟肆佰零玖元伍角, 12.05 is 壹拾贰元零伍分,
 * and an amount of whole yuan ends in 整. */
char *
zb_money_format_capital (gint64 fen)
{
  GString *out = g_string_new (fen < 0 ? "负" : "");
  guint64 size = fen < 0 ? -(guint64) fen : (guint64) fen;
  gint64 yuan = (gint64) (size / 100);
  int jiao = (int) (size / 10 % 10), cents = (int) (size % 10);

  if (yuan > 0)
    {
      append_capital_yuan (out, yuan);
      g_string_append (out, "元");
    }
  if (jiao == 0 && cents == 0)
    {
      if (yuan == 0)
        g_string_append (out, "零元");
      g_string_append (out, "整");
      return g_string_free (out, FALSE);
    }
  if (jiao != 0)
    g_string_append_printf (out, "%s角", capital_digits[jiao]);
  else if (yuan > 0)
    g_string_append (out, capital_digits[0]);
  if (cents != 0)
    g_string_append_printf (out, "%s分", capital_digits[cents]);
  return g_string_free (out, FALSE);
}
