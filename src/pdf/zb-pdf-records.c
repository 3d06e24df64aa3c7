#define G_LOG_DOMAIN "zb-pdf-records"

#include "config.h"

#include <glib/gi18n.h>

#include "zb-date.h"
#include "zb-member-rules.h"
#include "zb-pdf-records-private.h"

/* What the builders of the printed records share. */

/* @key's string in @object, or NULL for null, missing or not a string. */
const char *
zb_pdf_json_text (JsonObject *object,
                  const char *key)
{
  JsonNode *node = object ? json_object_get_member (object, key) : NULL;

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) ||
      json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;
  return json_node_get_string (node);
}

/* An ISO date as it reads on paper (2026年3月5日); "" for none, and any
 * other text as it is. */
char *
zb_pdf_format_date (const char *iso)
{
  GDate date;

  if (iso == NULL)
    return g_strdup ("");
  if (!zb_date_parse_iso (iso, &date))
    return g_strdup (iso);
  /* TRANSLATORS: a date on a printed record: year, month, day (2026年3月5日) */
  return g_strdup_printf (_("%u-%02u-%02u"), g_date_get_year (&date), g_date_get_month (&date),
                          g_date_get_day (&date));
}

/* A moment the store keeps in UTC (finalized_at), on paper in local time:
 * "2026年3月5日 16:20". */
char *
zb_pdf_format_moment (const char *iso8601)
{
  g_autoptr(GDateTime) utc = iso8601 ? g_date_time_new_from_iso8601 (iso8601, NULL) : NULL;
  g_autoptr(GDateTime) local = utc ? g_date_time_to_local (utc) : NULL;
  g_autofree char *date = NULL, *day = NULL;

  if (local == NULL)
    return g_strdup (iso8601 ? iso8601 : "");
  day = g_date_time_format (local, "%Y-%m-%d");
  date = zb_pdf_format_date (day);
  return g_strdup_printf ("%s %02d:%02d", date, g_date_time_get_hour (local),
                          g_date_time_get_minute (local));
}

/* The store's error for a record the document cannot be made of, as a
 * ZB_PDF_ERROR: a missing ID is ZB_PDF_ERROR_NOT_FOUND, its message kept.
 * Returns FALSE. */
gboolean
zb_pdf_take_store_error (GError **error,
                         GError  *store_error)
{
  if (store_error == NULL)
    return FALSE;

  if (g_error_matches (store_error, ZB_MEMBER_ERROR, ZB_MEMBER_ERROR_NOT_FOUND))
    {
      store_error->domain = ZB_PDF_ERROR;
      store_error->code = ZB_PDF_ERROR_NOT_FOUND;
    }
  g_propagate_error (error, store_error);
  return FALSE;
}

GPtrArray *
zb_pdf_rows_new (void)
{
  return g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);
}

/* Adds a table row of @n_cells cells; a NULL cell is an empty one. */
void
zb_pdf_rows_add (GPtrArray *rows,
                 guint      n_cells,
                 ...)
{
  char **cells = g_new0 (char *, n_cells + 1);
  va_list args;

  va_start (args, n_cells);
  for (guint i = 0; i < n_cells; i++)
    cells[i] = g_strdup (va_arg (args, const char *) ?: "");
  va_end (args);
  g_ptr_array_add (rows, cells);
}
