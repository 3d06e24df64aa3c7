#define G_LOG_DOMAIN "zb-pinyin"

#include "config.h"

#include <string.h>

#include <unicode/ucol.h>
#include <unicode/ustring.h>

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

/* The bytes whose memcmp() order is zb_pinyin_compare()'s order on @text
 * (ICU's sort key, with its final NUL, so that no key is the start of
 * another): sorted by these, an index serves ORDER BY without calling ICU.
 * NULL for text that is not UTF-8, which the store never keeps. */
GBytes *
zb_pinyin_sort_key (ZbPinyin   *self,
                    const char *text,
                    gssize      length)
{
  UErrorCode status = U_ZERO_ERROR;
  g_autofree UChar *utf16 = NULL;
  g_autofree guint8 *key = NULL;
  int32_t n_utf16 = 0, n_key;

  u_strFromUTF8 (NULL, 0, &n_utf16, text, (int32_t) length, &status);
  if (status != U_BUFFER_OVERFLOW_ERROR && U_FAILURE (status))
    return NULL;
  status = U_ZERO_ERROR;
  utf16 = g_new (UChar, n_utf16 + 1);
  u_strFromUTF8 (utf16, n_utf16 + 1, NULL, text, (int32_t) length, &status);
  if (U_FAILURE (status))
    return NULL;

  /* A guess that fits the keys of names, so that ICU works once. */
  key = g_malloc (n_utf16 * 8 + 16);
  n_key = ucol_getSortKey (self->collator, utf16, n_utf16, key, n_utf16 * 8 + 16);
  if (n_key > n_utf16 * 8 + 16)
    {
      key = g_realloc (key, n_key);
      ucol_getSortKey (self->collator, utf16, n_utf16, key, n_key);
    }
  if (n_key <= 0)
    return NULL;
  return g_bytes_new_take (g_steal_pointer (&key), n_key);
}

/* What the sort keys depend on: the collator's rules and data, which an
 * upgrade of ICU may change; a key kept from another version must be made
 * again. */
char *
zb_pinyin_get_version (ZbPinyin *self)
{
  UErrorCode status = U_ZERO_ERROR;
  const char *locale = ucol_getLocaleByType (self->collator, ULOC_ACTUAL_LOCALE, &status);
  UVersionInfo version;

  ucol_getVersion (self->collator, version);
  return g_strdup_printf ("%s %u.%u.%u.%u", U_SUCCESS (status) && locale ? locale : "root",
                          version[0], version[1], version[2], version[3]);
}
