#define G_LOG_DOMAIN "zb-pdf-points"

#include "config.h"

#include <glib/gi18n.h>

#include "zb-pdf-points.h"
#include "zb-pdf-records-private.h"

/* The yearly points table (党员积分统计表): each member's points by source
 * and in all, in the store's pinyin order, under the rule set they were
 * counted by, so that the paper says how its figures came about. Points
 * are whole tenths, printed with at most one decimal. */

/* Shares of a landscape type area: the name, then a count and its points
 * for each of the four sources, then the total. */
static const double widths[] = {
  0.12, 0.09, 0.08, 0.10, 0.08, 0.09, 0.08, 0.10, 0.08, 0.18,
};

static GStrv
dup_header (void)
{
  const char *labels[] = {
    /* TRANSLATORS: the columns of the printed points table */
    N_("Name"), N_("Meetings attended"), N_("Points"), N_("Study (minutes)"), N_("Points"),
    N_("Lectures given"), N_("Points"), N_("Volunteer service (minutes)"), N_("Points"),
    N_("Total points"),
  };
  GStrv header = g_new0 (char *, G_N_ELEMENTS (labels) + 1);

  G_STATIC_ASSERT (G_N_ELEMENTS (labels) == G_N_ELEMENTS (widths));
  for (guint c = 0; c < G_N_ELEMENTS (labels); c++)
    header[c] = g_strdup (_(labels[c]));
  return header;
}

static GStrv
dup_row (ZbPointsLine *line)
{
  const ZbPoints *p = zb_points_line_get_points (line);
  GStrv row = g_new0 (char *, G_N_ELEMENTS (widths) + 1);
  g_autofree char *total = zb_points_format (p->total_tenths);

  row[0] = g_strdup (zb_points_line_get_name (line));
  row[1] = g_strdup_printf ("%u", p->meetings);
  row[2] = zb_points_format (p->meeting_tenths);
  row[3] = g_strdup_printf ("%" G_GINT64_FORMAT, p->study_minutes);
  row[4] = zb_points_format (p->study_tenths);
  row[5] = g_strdup_printf ("%u", p->lectures);
  row[6] = zb_points_format (p->lecture_tenths);
  row[7] = g_strdup_printf ("%" G_GINT64_FORMAT, p->volunteer_minutes);
  row[8] = zb_points_format (p->volunteer_tenths);
  /* TRANSLATORS: a member's total, held at the yearly cap */
  row[9] = p->capped ? g_strdup_printf (_("%s (at the cap)"), total) : g_steal_pointer (&total);
  return row;
}

/* "Counted at 1 point per meeting attended, …": the rule set, as the
 * table's note. */
static char *
describe_rules (const ZbPointsRules *rules)
{
  g_autofree char *meeting = zb_points_format (rules->meeting);
  g_autofree char *study = zb_points_format (rules->study_hour);
  g_autofree char *lecture = zb_points_format (rules->lecture);
  g_autofree char *volunteer = zb_points_format (rules->volunteer_hour);
  g_autofree char *cap = zb_points_format (rules->cap);
  g_autofree char *counted = NULL, *capped = NULL;

  /* TRANSLATORS: the rule set under the points table: points per meeting
   * attended, per hour of study, per lecture given, per hour of volunteer
   * service */
  counted = g_strdup_printf (_("Counted at %s points per meeting attended, %s per hour of study, "
                               "%s per party lecture given and %s per hour of volunteer service; "
                               "hours by the minute, rounded down to a tenth of a point."),
                             meeting, study, lecture, volunteer);
  /* TRANSLATORS: the yearly cap of points, under the points table */
  capped = rules->cap > 0 ? g_strdup_printf (_("A member earns at most %s points a year."), cap)
                          : g_strdup (_("No yearly cap."));
  return g_strconcat (counted, " ", capped, NULL);
}

ZbPdfDocument *
zb_pdf_points_table (ZbStore  *store,
                     guint     year,
                     GError  **error)
{
  g_autoptr(GListModel) lines = zb_store_points (store, year, error);
  g_autoptr(GPtrArray) rows = zb_pdf_rows_new ();
  g_autoptr(ZbPdfDocument) document = NULL;
  g_auto(GStrv) header = dup_header ();
  g_autofree char *title = NULL, *rules_text = NULL, *cap_text = NULL, *count = NULL;
  ZbPointsRules rules;

  if (lines == NULL || !zb_store_get_points_rules (store, &rules, error))
    return NULL;
  for (guint i = 0; i < g_list_model_get_n_items (lines); i++)
    {
      g_autoptr(ZbPointsLine) line = g_list_model_get_item (lines, i);

      g_ptr_array_add (rows, dup_row (line));
    }

  /* TRANSLATORS: %u年度党员积分统计表, the title of the printed points table */
  title = g_strdup_printf (_("Points of Party members, %u"), year);
  document = zb_pdf_document_new (title, title, zb_store_get_branch_name (store));
  zb_pdf_document_set_landscape (document, TRUE);
  zb_pdf_document_add_title (document, title);
  zb_pdf_document_add_subtitle (document, zb_store_get_branch_name (store));
  /* TRANSLATORS: the number of members on the printed points table */
  count = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u member", "%u members", rows->len),
                           rows->len);
  zb_pdf_document_add_field (document, _("Number of members"), count);
  cap_text = rules.cap > 0 ? zb_points_format (rules.cap) : g_strdup (_("no cap"));
  zb_pdf_document_add_field (document, _("Yearly cap of points"), cap_text);
  zb_pdf_document_add_table (document, (const char * const *) header, widths, rows);
  zb_pdf_document_set_compact (document, TRUE);
  rules_text = describe_rules (&rules);
  zb_pdf_document_add_note (document, rules_text);
  return g_steal_pointer (&document);
}
