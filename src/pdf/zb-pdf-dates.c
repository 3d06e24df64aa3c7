#define G_LOG_DOMAIN "zb-pdf-dates"

#include "config.h"

#include <string.h>

#include "zb-pdf-dates.h"

/* Cairo 1.16 writes the dates it is given (CAIRO_PDF_METADATA_CREATE_DATE,
 * MOD_DATE) as (20260101000000Z), where ISO 32000-1 section 7.9.4 wants
 * (D:20260101000000Z): readers cope, an archive's checker may not. Cairo
 * 1.17.2 mended it; until Debian ships that, the "D:" goes in here, and the
 * cross-reference table's offsets past it move by as much. Output not laid
 * out as cairo 1.16 lays it out (a classic xref table, the information
 * dictionary last but the catalog) is left as it is. */

#define PREFIX      "D:"
#define ENTRY_SIZE  20    /* "0000000015 00000 n \n" */

static const char *keys[] = { "/CreationDate (", "/ModDate (" };

/* The last place @needle occurs in @data[0, @end), or -1. */
static gssize
find_last (const guint8 *data,
           gsize         end,
           const char   *needle)
{
  gsize n = strlen (needle);

  for (gssize i = (gssize) end - (gssize) n; i >= 0; i--)
    if (memcmp (data + i, needle, n) == 0)
      return i;
  return -1;
}

/* Where the xref table starts, from the trailer's startxref; 0 if none. */
static gsize
find_xref (GByteArray *pdf)
{
  gssize at = find_last (pdf->data, pdf->len, "startxref\n");
  guint64 offset;

  if (at < 0)
    return 0;
  offset = g_ascii_strtoull ((const char *) pdf->data + at + strlen ("startxref\n"), NULL, 10);
  if (offset == 0 || offset + 5 > pdf->len || memcmp (pdf->data + offset, "xref\n", 5) != 0)
    return 0;
  return offset;
}

/* Moves each object's offset past the @n_points insertions at @points. */
static void
shift_entries (guint8      *table,
               guint64      n_entries,
               const gsize *points,
               guint        n_points)
{
  for (guint64 i = 0; i < n_entries; i++)
    {
      char *entry = (char *) table + i * ENTRY_SIZE;
      guint64 offset = g_ascii_strtoull (entry, NULL, 10);
      guint before = 0;
      char digits[11];

      if (entry[17] != 'n')
        continue;
      for (guint p = 0; p < n_points; p++)
        before += points[p] <= offset;
      g_snprintf (digits, sizeof digits, "%010" G_GUINT64_FORMAT,
                  offset + before * strlen (PREFIX));
      memcpy (entry, digits, 10);
    }
}

static void
insert_prefixes (GByteArray  *pdf,
                 const gsize *points,
                 guint        n_points)
{
  g_autoptr(GByteArray) fixed = g_byte_array_sized_new (pdf->len + n_points * strlen (PREFIX));
  gsize from = 0;

  for (guint p = 0; p < n_points; p++)
    {
      g_byte_array_append (fixed, pdf->data + from, points[p] - from);
      g_byte_array_append (fixed, (const guint8 *) PREFIX, strlen (PREFIX));
      from = points[p];
    }
  g_byte_array_append (fixed, pdf->data + from, pdf->len - from);
  g_byte_array_set_size (pdf, 0);
  g_byte_array_append (pdf, fixed->data, fixed->len);
}

void
zb_pdf_dates_fix (GByteArray *pdf)
{
  gsize xref = find_xref (pdf);
  gsize points[G_N_ELEMENTS (keys)];
  guint n_points = 0;
  guint64 n_entries;
  char *subsection;
  g_autofree char *tail = NULL;

  if (xref == 0)
    return;
  for (guint k = 0; k < G_N_ELEMENTS (keys); k++)
    {
      gssize at = find_last (pdf->data, xref, keys[k]);
      gsize point = at + strlen (keys[k]);

      if (at >= 0 && memcmp (pdf->data + point, PREFIX, strlen (PREFIX)) != 0)
        points[n_points++] = point;
    }
  if (n_points == 0)
    return;
  if (n_points == 2 && points[0] > points[1])
    {
      gsize swap = points[0];

      points[0] = points[1];
      points[1] = swap;
    }

  /* "xref\n0 N\n", then N entries. */
  subsection = (char *) pdf->data + xref + strlen ("xref\n");
  if (!g_str_has_prefix (subsection, "0 "))
    return;
  n_entries = g_ascii_strtoull (subsection + 2, &subsection, 10);
  if (*subsection != '\n'
      || (guint8 *) subsection + 1 + n_entries * ENTRY_SIZE > pdf->data + pdf->len)
    return;
  shift_entries ((guint8 *) subsection + 1, n_entries, points, n_points);

  /* The trailer anew, with the xref table's own offset moved. */
  tail = g_strdup_printf ("startxref\n%" G_GSIZE_FORMAT "\n%%%%EOF\n",
                          xref + n_points * strlen (PREFIX));
  g_byte_array_set_size (pdf, find_last (pdf->data, pdf->len, "startxref\n"));
  g_byte_array_append (pdf, (const guint8 *) tail, strlen (tail));
  insert_prefixes (pdf, points, n_points);
}
