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
