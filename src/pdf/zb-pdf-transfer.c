#define G_LOG_DOMAIN "zb-pdf-transfer"

#include "config.h"

#include <glib/gi18n.h>

#include "zb-date.h"
#include "zb-pdf-records-private.h"
#include "zb-pdf-transfer.h"

/* The Party member's organisational relationship transfer letter (中国共产党
 * 党员组织关系介绍信) in the three parts of the usual form: the counterfoil
 * (存根) the branch keeps, the letter the member carries, and the receipt
 * (回执) the receiving organisation sends back, with cut lines between them.
 * It is the one document that carries the citizen ID unmasked: the
 * receiving organisation needs it to find the member (DOMAIN.md section 6). */

typedef struct
{
  const char *name;
  const char *sex;
  char       *age;
  const char *ethnicity;
  const char *id_number;
  const char *category;   /* 正式党员 or 预备党员 */
  gboolean    full;
  const char *from;       /* the branch */
  const char *to;
  const char *number;
  char       *date;       /* on paper */
  char       *valid;
  const char *contact;
} Letter;

static void
letter_clear (Letter *letter)
{
  g_free (letter->age);
  g_free (letter->date);
  g_free (letter->valid);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Letter, letter_clear)

/* Full years on the day of the transfer, "" when the birth date is missing. */
static char *
dup_age (ZbMember   *member,
         const char *on)
{
  GDate birth, day;

  if (!zb_date_parse_iso (zb_member_get (member, ZB_MEMBER_FIELD_BIRTH_DATE), &birth) ||
      !zb_date_parse_iso (on, &day))
    return g_strdup ("");
  return g_strdup_printf ("%u", zb_date_full_years (&birth, &day));
}

static const char *
or_blank (const char *text)
{
  return text != NULL && *text != '\0' ? text : "________";
}

/* "No. 12" (第12号), blank when the transfer has no letter number yet; a
 * number in its organisation's own words (组转字〔2026〕18号) as it is. */
static void
add_number (ZbPdfDocument *document,
            Letter        *letter)
{
  g_autofree char *number = NULL;

  if (letter->number != NULL && !g_str_is_ascii (letter->number))
    {
      zb_pdf_document_add_subtitle (document, letter->number);
      return;
    }
  /* TRANSLATORS: the number of a transfer letter: 第%s号 */
  number = g_strdup_printf (_("No. %s"), or_blank (letter->number));
  zb_pdf_document_add_subtitle (document, number);
}

static void
add_seal (ZbPdfDocument *document,
          const char    *organisation,
          const char    *date)
{
  /* TRANSLATORS: the issuing or receiving organisation, where its seal goes */
  const char *labels[] = { _("Organisation (seal)"), _("Date"), NULL };
  const char *names[] = { organisation, date, NULL };

  zb_pdf_document_add_signatures (document, labels, names);
}

static void
add_counterfoil (ZbPdfDocument *document,
                 Letter        *letter)
{
  g_autofree char *text = NULL;

  /* TRANSLATORS: the title of a transfer letter's counterfoil */
  zb_pdf_document_add_title (document, _("Transfer letter of a Party member (counterfoil)"));
  add_number (document, letter);
  text = g_strdup_printf (letter->full
                          /* TRANSLATORS: the counterfoil's sentence: 某某同志系中共
                           * 正式党员，组织关系由某某转到某某。 */
                          ? _("Comrade %s is a full member of the Communist Party of China; "
                              "the organisational relationship moves from %s to %s.")
                          : _("Comrade %s is a probationary member of the Communist Party of "
                              "China; the organisational relationship moves from %s to %s."),
                          letter->name, letter->from, letter->to);
  zb_pdf_document_add_paragraph (document, text);
  zb_pdf_document_add_field (document, _("Sex"), letter->sex);
  zb_pdf_document_add_field (document, _("Age"), letter->age);
  zb_pdf_document_add_field (document, _("Ethnic group"), letter->ethnicity);
  zb_pdf_document_add_field (document, _("Citizen ID number"), letter->id_number);
  zb_pdf_document_add_field (document, _("Valid for"), letter->valid);
  zb_pdf_document_add_field (document, _("Date"), letter->date);
}

static void
add_letter (ZbPdfDocument *document,
            Letter        *letter)
{
  g_autofree char *salutation = NULL, *text = NULL, *dues = NULL, *valid = NULL;

  /* TRANSLATORS: the title of the letter itself */
  zb_pdf_document_add_title (document, _("Transfer letter of a Party member"));
  add_number (document, letter);
  /* TRANSLATORS: a letter's salutation: the receiving organisation, then "：" */
  salutation = g_strdup_printf (_("To %s:"), letter->to);
  zb_pdf_document_add_paragraph (document, salutation);
  text = g_strdup_printf (letter->full
                          /* TRANSLATORS: the letter's sentence: 某某同志（男），35岁，
                           * 汉族，系中共正式党员，身份证号码……，由……去……，请转接组织关系。 */
                          ? _("Comrade %s (%s), aged %s, of the %s ethnic group, is a full "
                              "member of the Communist Party of China, citizen ID number %s, "
                              "and goes from %s to %s. Please take over the organisational "
                              "relationship.")
                          : _("Comrade %s (%s), aged %s, of the %s ethnic group, is a "
                              "probationary member of the Communist Party of China, citizen ID "
                              "number %s, and goes from %s to %s. Please take over the "
                              "organisational relationship."),
                          letter->name, letter->sex, or_blank (letter->age),
                          or_blank (letter->ethnicity), letter->id_number, letter->from,
                          letter->to);
  zb_pdf_document_add_paragraph (document, text);
  /* Blank until the dues ledger exists (DOMAIN.md section 4). TRANSLATORS:
   * 该同志党费已交到____年____月。 */
  dues = g_strdup (_("The comrade's dues are paid up to ____ (year) ____ (month)."));
  zb_pdf_document_add_paragraph (document, dues);
  /* TRANSLATORS: （有效期30天） */
  valid = g_strdup_printf (_("(Valid for %s)"), letter->valid);
  zb_pdf_document_add_paragraph (document, valid);
  add_seal (document, letter->from, letter->date);
  /* TRANSLATORS: 党员原所在基层党委通讯地址、联系电话 */
  zb_pdf_document_add_field (document, _("Contact of the issuing organisation"),
                             letter->contact ? letter->contact : "");
}

static void
add_receipt (ZbPdfDocument *document,
             Letter        *letter)
{
  g_autofree char *salutation = NULL, *text = NULL;

  /* TRANSLATORS: the title of a transfer letter's receipt (回执) */
  zb_pdf_document_add_title (document, _("Transfer letter of a Party member (receipt)"));
  add_number (document, letter);
  salutation = g_strdup_printf (_("To %s:"), letter->from);
  zb_pdf_document_add_paragraph (document, salutation);
  /* TRANSLATORS: 某某同志的党员组织关系已转达我处，特此回执。 */
  text = g_strdup_printf (_("The organisational relationship of comrade %s has reached us. "
                            "This receipt confirms it."), letter->name);
  zb_pdf_document_add_paragraph (document, text);
  add_seal (document, "", "");
}

static gboolean
fill_letter (Letter      *letter,
             ZbMember    *member,
             ZbTransfer  *transfer,
             ZbStore     *store,
             guint        valid_days,
             const char  *contact)
{
  const char *category = zb_member_get (member, ZB_MEMBER_FIELD_CATEGORY);

  letter->name = zb_member_get (member, ZB_MEMBER_FIELD_NAME);
  letter->sex = zb_member_enum_label (ZB_MEMBER_FIELD_SEX,
                                      zb_member_get (member, ZB_MEMBER_FIELD_SEX));
  letter->age = dup_age (member, zb_transfer_get_date (transfer));
  letter->ethnicity = zb_member_get (member, ZB_MEMBER_FIELD_ETHNICITY);
  letter->id_number = zb_member_get (member, ZB_MEMBER_FIELD_ID_NUMBER);
  letter->full = g_strcmp0 (category, ZB_CATEGORY_FULL) == 0;
  letter->from = zb_store_get_branch_name (store);
  letter->to = zb_transfer_get_organisation (transfer);
  letter->number = zb_transfer_get_letter_number (transfer);
  letter->date = zb_pdf_format_date (zb_transfer_get_date (transfer));
  /* TRANSLATORS: how long a transfer letter stays valid: 30天 */
  letter->valid = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u day", "%u days",
                                                valid_days), valid_days);
  letter->contact = contact;
  /* The letter is for a Party member, full or probationary (the
   * Constitution, chapter 1): nobody else has a membership to transfer. */
  return letter->full || g_strcmp0 (category, ZB_CATEGORY_PROBATIONARY) == 0;
}

static ZbTransfer *
get_outgoing (ZbStore     *store,
              const char  *transfer_id,
              GError     **error)
{
  GError *local_error = NULL;
  g_autoptr(ZbTransfer) transfer = zb_store_get_transfer (store, transfer_id, &local_error);

  if (transfer == NULL)
    {
      zb_pdf_take_store_error (error, local_error);
      return NULL;
    }
  if (zb_transfer_is_incoming (transfer))
    {
      g_set_error (error, ZB_PDF_ERROR, ZB_PDF_ERROR_FAILED,
                   _("Transfer %s: a transfer into the branch came with the letter of the "
                     "organisation it left; only a transfer out has a letter to print"),
                   transfer_id);
      return NULL;
    }
  return g_steal_pointer (&transfer);
}

ZbPdfDocument *
zb_pdf_transfer_letter_full (ZbStore     *store,
                             const char  *transfer_id,
                             guint        valid_days,
                             const char  *contact,
                             GError     **error)
{
  g_autoptr(ZbTransfer) transfer = get_outgoing (store, transfer_id, error);
  g_autoptr(ZbMember) member = NULL;
  g_autoptr(ZbPdfDocument) document = NULL;
  g_auto(Letter) letter = { 0 };
  GError *local_error = NULL;

  if (transfer == NULL)
    return NULL;
  member = zb_store_get_member (store, zb_transfer_get_member_id (transfer), &local_error);
  if (member == NULL)
    {
      zb_pdf_take_store_error (error, local_error);
      return NULL;
    }
  if (!fill_letter (&letter, member, transfer, store, valid_days, contact))
    {
      g_set_error (error, ZB_PDF_ERROR, ZB_PDF_ERROR_FAILED,
                   _("Transfer %s: %s is not a Party member, full or probationary, and has no "
                     "organisational relationship to transfer"), transfer_id, letter.name);
      return NULL;
    }

  document = zb_pdf_document_new (_("Transfer letter of a Party member"), letter.name,
                                  letter.from);
  add_counterfoil (document, &letter);
  /* TRANSLATORS: the cut line under the counterfoil, which the branch keeps */
  zb_pdf_document_add_cut (document, _("Cut here: the counterfoil stays with the branch"));
  add_letter (document, &letter);
  /* TRANSLATORS: the cut line above the receipt, which comes back signed */
  zb_pdf_document_add_cut (document, _("Cut here: the receipt comes back to the branch"));
  add_receipt (document, &letter);
  return g_steal_pointer (&document);
}

ZbPdfDocument *
zb_pdf_transfer_letter (ZbStore     *store,
                        const char  *transfer_id,
                        GError     **error)
{
  return zb_pdf_transfer_letter_full (store, transfer_id, ZB_PDF_TRANSFER_VALID_DAYS, NULL,
                                      error);
}
