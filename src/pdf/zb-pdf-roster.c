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

/* Each column's share of the line: the ID number and the address widest. */
static const double widths[] = {
  0.07, 0.04, 0.05, 0.08, 0.13, 0.06, 0.08, 0.07, 0.08, 0.08, 0.07, 0.09, 0.10,
};

G_STATIC_ASSERT (G_N_ELEMENTS (columns) == G_N_ELEMENTS (widths));

/* The Party's members, full and probationary (the Constitution, chapter
 * 1): applicants, activists and candidates are not members yet. */
static gboolean
is_party_member (ZbMember *member)
{
  const char *category = zb_member_get (member, ZB_MEMBER_FIELD_CATEGORY);

  return g_strcmp0 (category, ZB_CATEGORY_FULL) == 0 ||
         g_strcmp0 (category, ZB_CATEGORY_PROBATIONARY) == 0;
}

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

      if (is_party_member (member))
        g_ptr_array_add (rows, dup_row (member, with_sensitive));
    }

  /* TRANSLATORS: 党员花名册, the title of the printed roster */
  document = zb_pdf_document_new (_("Roster of Party members"), _("Roster of Party members"),
                                  zb_store_get_branch_name (store));
  zb_pdf_document_add_title (document, _("Roster of Party members"));
  zb_pdf_document_add_subtitle (document, zb_store_get_branch_name (store));
  /* TRANSLATORS: the number of members on the printed roster */
  count = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u member", "%u members", rows->len),
                           rows->len);
  zb_pdf_document_add_field (document, _("Number of members"), count);
  zb_pdf_document_add_table (document, (const char * const *) header, widths, rows);
  if (!with_sensitive)
    /* TRANSLATORS: small print under a roster printed without the sensitive fields */
    zb_pdf_document_add_note (document, _("ID numbers, phones and home addresses are masked."));
  return g_steal_pointer (&document);
}
