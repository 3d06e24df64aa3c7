#define G_LOG_DOMAIN "zb-id-number"

#include "config.h"

#include <string.h>

#include "zb-id-number.h"

/* GB 11643-1999: six digits of region, eight of birth date, three of sequence
 * (odd for men, even for women), and an ISO 7064 MOD 11-2 check character. */
char
zb_id_number_check_digit (const char *first17)
{
  static const int weights[17] = { 7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2 };
  static const char digits[11] = { '1', '0', 'X', '9', '8', '7', '6', '5', '4', '3', '2' };
  int sum = 0;

  for (guint i = 0; i < 17; i++)
    sum += (first17[i] - '0') * weights[i];

  return digits[sum % 11];
}

/* Upper-cases the check character and drops the spaces people type between
 * the groups, so that "110101 19900307 123x" is stored once, one way. */
char *
zb_id_number_normalize (const char *id_number)
{
  GString *out = g_string_new (NULL);

  for (const char *p = id_number; p && *p; p++)
    {
      if (*p == ' ' || *p == '\t')
        continue;
      g_string_append_c (out, g_ascii_toupper (*p));
    }

  return g_string_free (out, FALSE);
}

static gboolean
parse_birth (const char *id_number,
             GDate      *birth_date)
{
  guint year = 0, month = 0, day = 0;

  for (guint i = 6; i < 10; i++)
    year = year * 10 + (id_number[i] - '0');
  month = (id_number[10] - '0') * 10 + (id_number[11] - '0');
  day = (id_number[12] - '0') * 10 + (id_number[13] - '0');

  if (year < 1900 || !g_date_valid_dmy (day, month, year))
    return FALSE;

  g_date_clear (birth_date, 1);
  g_date_set_dmy (birth_date, day, month, year);
  return TRUE;
}

/* Checks a normalized ID number; on success fills the birth date and the sex
 * ('M' or 'F') that it encodes. */
ZbIdNumberResult
zb_id_number_check (const char *id_number,
                    GDate      *birth_date,
                    char       *sex)
{
  GDate birth;

  if (id_number == NULL || strlen (id_number) != 18)
    return ZB_ID_NUMBER_BAD_LENGTH;

  for (guint i = 0; i < 17; i++)
    if (!g_ascii_isdigit (id_number[i]))
      return ZB_ID_NUMBER_BAD_CHARACTER;
  if (!g_ascii_isdigit (id_number[17]) && id_number[17] != 'X')
    return ZB_ID_NUMBER_BAD_CHARACTER;

  if (!parse_birth (id_number, &birth))
    return ZB_ID_NUMBER_BAD_BIRTH_DATE;

  if (zb_id_number_check_digit (id_number) != id_number[17])
    return ZB_ID_NUMBER_BAD_CHECK_DIGIT;

  if (birth_date != NULL)
    *birth_date = birth;
  if (sex != NULL)
    *sex = ((id_number[16] - '0') % 2 == 1) ? 'M' : 'F';

  return ZB_ID_NUMBER_OK;
}

/* DOMAIN.md section 6: lists show 110101********1234. */
char *
zb_id_number_mask (const char *id_number)
{
  gsize len;

  if (id_number == NULL || *id_number == '\0')
    return g_strdup ("");

  len = strlen (id_number);
  if (len <= 10)
    return g_strnfill (len, '*');

  return g_strdup_printf ("%.6s%s%s", id_number, "********", id_number + len - 4);
}
