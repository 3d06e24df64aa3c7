#define G_LOG_DOMAIN "zb-pinyin"

#include "config.h"

#include <string.h>

#include <unicode/ucol.h>

#include "zb-pinyin.h"

/* DESIGN.md: names sort by pinyin (李 < 王 < 张), not by code point, through
 * ICU's collator for Chinese, whose default order is pinyin's. A collator
 * serves one thread at a time: the store makes one per connection. */

struct _ZbPinyin
{
  UCollator *collator;
};

ZbPinyin *
zb_pinyin_new (void)
{
  ZbPinyin *self = g_new0 (ZbPinyin, 1);
  UErrorCode status = U_ZERO_ERROR;

  self->collator = ucol_open ("zh", &status);
  /* ICU falls back to its root order when it lacks Chinese data (a warning,
   * not an error): names still sort, only not by pinyin. */
  if (U_FAILURE (status))
    g_error ("ICU cannot open a collator: %s", u_errorName (status));
  return self;
}

void
zb_pinyin_free (ZbPinyin *self)
{
  ucol_close (self->collator);
  g_free (self);
}

/* Like strcmp(), on UTF-8 text (lengths in bytes, -1 for NUL-terminated). */
int
zb_pinyin_compare (ZbPinyin   *self,
                   const char *a,
                   gssize      a_length,
                   const char *b,
                   gssize      b_length)
{
  UErrorCode status = U_ZERO_ERROR;
  UCollationResult result = ucol_strcollUTF8 (self->collator, a, (int32_t) a_length, b,
                                              (int32_t) b_length, &status);

  /* Malformed UTF-8 cannot come from the store, which keeps valid text;
   * were it there, byte order is the honest fallback. */
  if (U_FAILURE (status))
    {
      gsize la = a_length < 0 ? strlen (a) : (gsize) a_length;
      gsize lb = b_length < 0 ? strlen (b) : (gsize) b_length;
      int order = memcmp (a, b, MIN (la, lb));

      return order != 0 ? order : (la > lb) - (la < lb);
    }
  return result;
}
