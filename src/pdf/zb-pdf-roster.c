#define G_LOG_DOMAIN "zb-pdf-roster"

#include "config.h"

#include <glib/gi18n.h>

#include "zb-pdf-records-private.h"

/* The member roster (花名册): the branch's Party members, full and
 * probationary, in the store's order (by name, as the zh collator sorts).
 * The citizen ID, phone and home address are masked as in every list
 * unless asked for (DOMAIN.md section 6). */

static const ZbMemberField columns[] = {
  ZB_MEMBER_FIELD_NAME, ZB_MEMBER_FIELD_SEX, ZB_MEMBER_FIELD_ETHNICITY,
  ZB_MEMBER_FIELD_BIRTH_DATE, ZB_MEMBER_FIELD_ID_NUMBER, ZB_MEMBER_FIELD_EDUCATION,
  ZB_MEMBER_FIELD_POST, ZB_MEMBER_FIELD_CATEGORY, ZB_MEMBER_FIELD_JOINED_DATE,
  ZB_MEMBER_FIELD_FULL_DATE, ZB_MEMBER_FIELD_PARTY_GROUP, ZB_MEMBER_FIELD_PHONE,
  ZB_MEMBER_FIELD_ADDRESS,
};

/* Each column's share of a landscape type area 225 mm (637.8 pt) wide, in
 * 5号 with 1.5 pt of padding each side. On one line: an 18-digit ID number
 * (106 pt at the widest digits of the fallback face, Noto Serif CJK), a
 * date (54 pt), an 11-digit phone (64 pt), a name of four characters (42
 * pt) and the headers but 人员类别. Sex, ethnic group and category take
 * two characters a line (正式/党员); education and Party group three;
 * post and address wrap within their cells. Thirteen columns leave no
 * more room than this at 5号. */
static const double widths[] = {
  0.071, 0.038, 0.038, 0.090, 0.172, 0.055, 0.071, 0.038, 0.090, 0.090, 0.055, 0.105, 0.087,
};

G_STATIC_ASSERT (G_N_ELEMENTS (columns) == G_N_ELEMENTS (widths));

static char **
dup_row (ZbMember *member,
         gboolean  with_sensitive)
{
  char **row = g_new0 (char *, G_N_ELEMENTS (columns) + 1);

  for (guint c = 0; c < G_N_ELEMENTS (columns); c++)
    row[c] = zb_member_dup_display (member, columns[c], with_sensitive);
  return row;
}

static GStrv
dup_header (void)
{
  GStrv header = g_new0 (char *, G_N_ELEMENTS (columns) + 1);

  for (guint c = 0; c < G_N_ELEMENTS (columns); c++)
    header[c] = g_strdup (_(zb_member_field_info (columns[c])->label));
  return header;
}

ZbPdfDocument *
zb_pdf_roster (ZbStore   *store,
               gboolean   with_sensitive,
               GError   **error)
{
  g_autoptr(GListModel) members = zb_store_list_members (store, FALSE, error);
  g_autoptr(GPtrArray) rows = zb_pdf_rows_new ();
  g_autoptr(ZbPdfDocument) document = NULL;
  g_auto(GStrv) header = dup_header ();
  g_autofree char *count = NULL;

  if (members == NULL)
    return NULL;

  for (guint i = 0; i < g_list_model_get_n_items (members); i++)
    {
      g_autoptr(ZbMember) member = g_list_model_get_item (members, i);

      if (zb_member_in_party (member))
        g_ptr_array_add (rows, dup_row (member, with_sensitive));
    }

  /* TRANSLATORS: 党员花名册, the title of the printed roster */
  document = zb_pdf_document_new (_("Roster of Party members"), _("Roster of Party members"),
                                  zb_store_get_branch_name (store));
  /* Thirteen columns: across the sheet (GB/T 9704-2012 section 8). */
  zb_pdf_document_set_landscape (document, TRUE);
  zb_pdf_document_add_title (document, _("Roster of Party members"));
  zb_pdf_document_add_subtitle (document, zb_store_get_branch_name (store));
  /* TRANSLATORS: the number of members on the printed roster */
  count = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u member", "%u members", rows->len),
                           rows->len);
  zb_pdf_document_add_field (document, _("Number of members"), count);
  zb_pdf_document_add_table (document, (const char * const *) header, widths, rows);
  zb_pdf_document_set_compact (document, TRUE);
  if (!with_sensitive)
    /* TRANSLATORS: small print under a roster printed without the sensitive fields */
    zb_pdf_document_add_note (document, _("ID numbers, phones and home addresses are masked."));
  return g_steal_pointer (&document);
}
