#define G_LOG_DOMAIN "zb-pdf-binder"

#include "config.h"

#include <glib/gi18n.h>

#include "zb-pdf-records-private.h"

/* The archive binder (DOMAIN.md section 5): a cover, a table of contents,
 * then every meeting of a year or a quarter in date order, each from a new
 * page, for the archive box the branch keeps. */

static char *
dup_period (guint year,
            guint quarter)
{
  if (quarter == 0)
    /* TRANSLATORS: the period of a yearly archive binder: 2026年度 */
    return g_strdup_printf (_("Year %u"), year);
  /* TRANSLATORS: the period of a quarterly archive binder: the year, then
   * the quarter (2026年第一季度 reads 2026年第1季度 here) */
  return g_strdup_printf (_("%u, quarter %u"), year, quarter);
}

/* The period's first and last days, ISO. */
static void
get_bounds (guint   year,
            guint   quarter,
            char  **from,
            char  **to)
{
  static const char * const ends[] = { "03-31", "06-30", "09-30", "12-31" };
  guint first = quarter ? 3 * (quarter - 1) + 1 : 1;

  *from = g_strdup_printf ("%04u-%02u-01", year, first);
  *to = g_strdup_printf ("%04u-%s", year, ends[quarter ? quarter - 1 : 3]);
}

static void
add_cover (ZbPdfDocument *document,
           ZbStore       *store,
           const char    *period,
           const char    *from,
           const char    *to,
           guint          n_meetings)
{
  g_autofree char *first = zb_pdf_format_date (from), *last = zb_pdf_format_date (to);
  g_autofree char *span = NULL, *count = NULL;

  /* TRANSLATORS: the title on a binder's cover: 组织生活会议记录档案 */
  zb_pdf_document_add_title (document, _("Archive of organisational life records"));
  zb_pdf_document_add_subtitle (document, zb_store_get_branch_name (store));
  zb_pdf_document_add_subtitle (document, period);
  /* TRANSLATORS: the first and last days of a binder's period */
  span = g_strdup_printf (_("%s to %s"), first, last);
  zb_pdf_document_add_field (document, _("Period covered"), span);
  /* TRANSLATORS: how many meeting records a binder holds */
  count = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u record", "%u records", n_meetings),
                           n_meetings);
  zb_pdf_document_add_field (document, _("Number of records"), count);
}

static char *
dup_entry (ZbMeeting *meeting)
{
  const ZbMeetingType *type = zb_meeting_type_lookup (zb_meeting_get_type_code (meeting));
  g_autofree char *date = zb_pdf_format_date (zb_meeting_get_date (meeting));

  return g_strdup_printf ("%s　%s　%s", date,
                          type ? _(type->label) : zb_meeting_get_type_code (meeting),
                          zb_meeting_get_title (meeting));
}

static char *
dup_anchor (ZbMeeting *meeting)
{
  return g_strconcat ("meeting-", zb_meeting_get_id (meeting), NULL);
}

static void
add_contents (ZbPdfDocument *document,
              GListModel    *meetings)
{
  g_autoptr(GPtrArray) entries = zb_pdf_rows_new ();

  for (guint i = 0; i < g_list_model_get_n_items (meetings); i++)
    {
      g_autoptr(ZbMeeting) meeting = g_list_model_get_item (meetings, i);
      g_autofree char *text = dup_entry (meeting);
      g_autofree char *anchor = dup_anchor (meeting);

      zb_pdf_rows_add (entries, 2, text, anchor);
    }
  zb_pdf_document_add_page_break (document);
  /* TRANSLATORS: 目录, a binder's table of contents */
  zb_pdf_document_add_heading (document, 1, _("Contents"));
  zb_pdf_document_add_toc (document, entries);
}

ZbPdfDocument *
zb_pdf_binder (ZbStore   *store,
               guint      year,
               guint      quarter,
               GError   **error)
{
  g_autofree char *from = NULL, *to = NULL, *period = NULL, *title = NULL;
  g_autoptr(GListModel) meetings = NULL;
  g_autoptr(ZbPdfDocument) document = NULL;
  guint n;

  g_return_val_if_fail (quarter <= 4, NULL);

  get_bounds (year, quarter, &from, &to);
  period = dup_period (year, quarter);
  if ((meetings = zb_store_list_meetings (store, from, to, error)) == NULL)
    return NULL;
  if ((n = g_list_model_get_n_items (meetings)) == 0)
    {
      /* TRANSLATORS: %s is the period: 2026年度, 2026年第1季度 */
      g_set_error (error, ZB_PDF_ERROR, ZB_PDF_ERROR_EMPTY,
                   _("No meetings recorded in %s: there is nothing to bind"), period);
      return NULL;
    }

  title = g_strdup_printf ("%s %s", _("Archive of organisational life records"), period);
  document = zb_pdf_document_new (title, _("Archive of organisational life records"),
                                  zb_store_get_branch_name (store));
  add_cover (document, store, period, from, to, n);
  add_contents (document, meetings);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(ZbMeeting) meeting = g_list_model_get_item (meetings, i);
      g_autofree char *anchor = dup_anchor (meeting);

      zb_pdf_document_add_page_break (document);
      if (!zb_pdf_add_meeting (document, store, zb_meeting_get_id (meeting), anchor, error))
        return NULL;
    }
  return g_steal_pointer (&document);
}
