#define G_LOG_DOMAIN "zb-search-text"

#include "config.h"

#include <string.h>

#include "zb-search-text.h"

/* Search text (DESIGN.md, Storage: Search). FTS4's tokenizers take a run of
 * Chinese characters for one word, so the index holds every overlapping pair
 * of non-space characters instead, each pair one token, and a query of two
 * characters or more is a phrase of its own pairs: "支部会议" is "支部 部会
 * 会议", found exactly where the text holds it. Text is folded first, one
 * character at a time, NFKC then case-folded, so that full-width ＡＢＣ１２
 * finds ABC12 and "Party" finds "PARTY"; whitespace separates words, and
 * no pair spans it or the end of a field.
 *
 * The tokens go through FTS4's simple tokenizer, which splits on every ASCII
 * character but letters and digits and keeps every other character: an ASCII
 * punctuation mark is written as a private-use character (U+E000 plus its
 * code) so that a pair holding one stays one token, and whatever a user types,
 * quotes, "*", "-", OR, NEAR, reaches FTS4 only inside a quoted phrase of
 * such tokens, never as its query syntax. */

#define GAP_TOKEN "x"     /* a word break: one position, never a pair */
#define PUNCT_BASE 0xE000

static void
append_folded (GString  *out,
               GArray   *sources,
               gunichar  c,
               gsize     source)
{
  gsize before = out->len;
  char buf[8];
  int n;

  if (c < 0x80)
    g_string_append_c (out, g_ascii_tolower ((char) c));
  else if (c >= 0x4E00 && c <= 0x9FFF)
    g_string_append_unichar (out, c);   /* unified ideographs fold to themselves */
  else
    {
      g_autofree char *nfkc = NULL;
      g_autofree char *folded = NULL;

      n = g_unichar_to_utf8 (c, buf);
      nfkc = g_utf8_normalize (buf, n, G_NORMALIZE_NFKC);
      folded = g_utf8_casefold (nfkc != NULL ? nfkc : buf, nfkc != NULL ? -1 : n);
      g_string_append (out, folded);
    }

  if (sources != NULL)
    for (gsize i = before; i < out->len; i++)
      g_array_append_val (sources, source);
}

/* @text folded as search compares it. @sources, if given, an array of gsize,
 * receives for each byte of the result the offset in @text of the character
 * it came from, to show a match in the text as written. */
char *
zb_search_fold (const char *text,
                GArray     *sources)
{
  g_autofree char *valid = NULL;
  GString *out;

  if (text == NULL)
    return g_strdup ("");
  if (!g_utf8_validate (text, -1, NULL))
    text = valid = g_utf8_make_valid (text, -1);

  out = g_string_sized_new (strlen (text));
  for (const char *p = text; *p; p = g_utf8_next_char (p))
    append_folded (out, sources, g_utf8_get_char (p), p - text);

  return g_string_free (out, FALSE);
}

/* The words of a query, folded: its text between whitespace. A record
 * matches when it holds every word, each within one field. */
char **
zb_search_terms (const char *query)
{
  g_autofree char *folded = zb_search_fold (query, NULL);
  GPtrArray *terms = g_ptr_array_new ();
  const char *start = NULL;

  for (const char *p = folded; ; p = g_utf8_next_char (p))
    {
      gboolean end = *p == '\0' || g_unichar_isspace (g_utf8_get_char (p));

      if (end && start != NULL)
        {
          g_ptr_array_add (terms, g_strndup (start, p - start));
          start = NULL;
        }
      else if (!end && start == NULL)
        start = p;
      if (*p == '\0')
        break;
    }

  g_ptr_array_add (terms, NULL);
  return (char **) g_ptr_array_free (terms, FALSE);
}

static void
append_token_char (GString  *out,
                   gunichar  c)
{
  if (c < 0x80 && !g_ascii_isalnum ((char) c))
    c += PUNCT_BASE;
  g_string_append_unichar (out, c);
}

static void
append_pairs (GString    *out,
              const char *folded)
{
  gunichar prev = 0;

  for (const char *p = folded; *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_isspace (c))
        {
          if (prev != 0)
            g_string_append (out, GAP_TOKEN " ");
          prev = 0;
          continue;
        }
      if (prev != 0)
        {
          append_token_char (out, prev);
          append_token_char (out, c);
          g_string_append_c (out, ' ');
        }
      prev = c;
    }
  g_string_append (out, GAP_TOKEN " ");
}

/* The text of the index's one column for a record's @n_fields @fields (any
 * may be NULL). Personal data is the caller's to leave out. */
char *
zb_search_bigrams (const char * const *fields,
                   guint               n_fields)
{
  GString *out = g_string_new (NULL);

  for (guint i = 0; i < n_fields; i++)
    {
      g_autofree char *folded = NULL;

      if (fields[i] == NULL)
        continue;
      folded = zb_search_fold (fields[i], NULL);
      append_pairs (out, folded);
    }

  return g_string_free (out, FALSE);
}

gboolean
zb_search_term_is_short (const char *term)
{
  return g_utf8_strlen (term, -1) < 2;
}

/* An FTS4 MATCH expression for the @terms of two characters or more, each a
 * quoted phrase of its pairs (implicitly ANDed), or NULL if there are none
 * (the caller scans instead). */
char *
zb_search_match_expr (const char * const *terms)
{
  GString *expr = g_string_new (NULL);

  for (guint i = 0; terms[i] != NULL; i++)
    {
      g_autoptr(GString) pairs = NULL;

      if (zb_search_term_is_short (terms[i]))
        continue;
      /* The term is folded already, and has no space: its pairs, without
       * the closing word break, are the phrase. */
      pairs = g_string_new (NULL);
      append_pairs (pairs, terms[i]);
      g_string_truncate (pairs, pairs->len - strlen (" " GAP_TOKEN " "));
      g_string_append_printf (expr, "%s\"%s\"", expr->len ? " " : "", pairs->str);
    }

  if (expr->len == 0)
    {
      g_string_free (expr, TRUE);
      return NULL;
    }
  return g_string_free (expr, FALSE);
}

/* A LIKE pattern (ESCAPE '\') for @term anywhere in folded text. */
char *
zb_search_like_pattern (const char *term)
{
  GString *pattern = g_string_new ("%");

  for (const char *p = term; *p; p++)
    {
      if (*p == '%' || *p == '_' || *p == '\\')
        g_string_append_c (pattern, '\\');
      g_string_append_c (pattern, *p);
    }
  g_string_append_c (pattern, '%');

  return g_string_free (pattern, FALSE);
}

/* Whether folded @text holds every one of @terms. */
gboolean
zb_search_text_matches (const char         *text,
                        const char * const *terms)
{
  g_autofree char *folded = zb_search_fold (text, NULL);

  for (guint i = 0; terms[i] != NULL; i++)
    if (strstr (folded, terms[i]) == NULL)
      return FALSE;

  return TRUE;
}

static int
compare_start (gconstpointer a,
               gconstpointer b)
{
  gsize sa = ((const gsize *) a)[0], sb = ((const gsize *) b)[0];

  return sa < sb ? -1 : sa > sb;
}

/* Where @terms occur in @text as written: an array of (start, end) byte
 * offset pairs, in order and not overlapping, for highlighting. */
GArray *
zb_search_locate (const char         *text,
                  const char * const *terms)
{
  g_autoptr(GArray) sources = g_array_new (FALSE, FALSE, sizeof (gsize));
  g_autofree char *folded = zb_search_fold (text, sources);
  g_autoptr(GArray) found = g_array_new (FALSE, FALSE, 2 * sizeof (gsize));
  GArray *merged = g_array_new (FALSE, FALSE, 2 * sizeof (gsize));

  if (text == NULL || !g_utf8_validate (text, -1, NULL))
    return merged;

  for (guint i = 0; terms[i] != NULL && terms[i][0] != '\0'; i++)
    for (const char *hit = strstr (folded, terms[i]); hit != NULL;
         hit = strstr (hit + strlen (terms[i]), terms[i]))
      {
        gsize first = hit - folded, last = first + strlen (terms[i]) - 1;
        gsize span[2] = { g_array_index (sources, gsize, first), 0 };

        span[1] = g_utf8_next_char (text + g_array_index (sources, gsize, last)) - text;
        g_array_append_vals (found, span, 1);
      }

  g_array_sort (found, compare_start);
  for (guint i = 0; i < found->len; i++)
    {
      gsize *span = &g_array_index (found, gsize, 2 * i);
      gsize *prev = merged->len ? &g_array_index (merged, gsize, 2 * (merged->len - 1)) : NULL;

      if (prev != NULL && span[0] <= prev[1])
        prev[1] = MAX (prev[1], span[1]);
      else
        g_array_append_vals (merged, span, 1);
    }

  return merged;
}
