#define G_LOG_DOMAIN "zb-cli-render"

#include "config.h"

#include <glib/gi18n.h>

#include "zb-cli.h"
#include "zb-pdf-points.h"
#include "zb-pdf-records.h"
#include "zb-pdf-transfer.h"

/* zhibu-cli render meeting ID | first-item ID | binder --year Y [--quarter Q]
 *                  | roster [--with-sensitive]
 *                  | transfer ID [--valid-days N] [--contact TEXT]
 *                  | dues-ledger MEMBER-ID --year Y | receipt PAYMENT-ID
 *                  | recruitment PERSON-ID | points --year Y  -o OUT.pdf */

typedef struct
{
  char     *output;
  int       year;
  int       quarter;
  gboolean  with_sensitive;
  int       valid_days;
  char     *contact;
} RenderOptions;

static void
render_options_clear (RenderOptions *options)
{
  g_free (options->output);
  g_free (options->contact);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (RenderOptions, render_options_clear)

#define USAGE N_("usage: zhibu-cli render meeting ID | first-item ID | binder --year YEAR " \
                 "[--quarter 1-4] | roster [--with-sensitive] | transfer ID [--valid-days N] " \
                 "[--contact TEXT] | dues-ledger MEMBER-ID --year YEAR | receipt PAYMENT-ID " \
                 "| recruitment PERSON-ID | points --year YEAR -o OUT.pdf")

/* Writes the PDF to a temporary file beside @path, then renames it over
 * @path: a reader never sees half a PDF, and a failed render leaves what
 * was there. A document with the citizen ID unmasked is for its owner's
 * eyes only. */
static gboolean
write_pdf (const char  *path,
           GBytes      *pdf,
           gboolean     sensitive,
           GError     **error)
{
  gsize size;
  const char *data = g_bytes_get_data (pdf, &size);
  g_autoptr(GError) local_error = NULL;

  if (g_file_set_contents_full (path, data, size, G_FILE_SET_CONTENTS_CONSISTENT,
                                sensitive ? 0600 : 0644, &local_error))
    return TRUE;

  g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED,
               /* TRANSLATORS: %s: the error, which names the file */
               _("Output: cannot write the PDF: %s"), local_error->message);
  return FALSE;
}

static ZbPdfDocument *
build (ZbStore        *store,
       const char     *kind,
       const char     *id,
       RenderOptions  *options,
       GError        **error)
{
  if (g_str_equal (kind, "meeting"))
    return zb_pdf_meeting_record (store, id, error);
  if (g_str_equal (kind, "first-item"))
    return zb_pdf_first_item_record (store, id, error);
  if (g_str_equal (kind, "binder"))
    return zb_pdf_binder (store, options->year, options->quarter, error);
  if (g_str_equal (kind, "roster"))
    return zb_pdf_roster (store, options->with_sensitive, error);
  if (g_str_equal (kind, "dues-ledger"))
    return zb_pdf_dues_ledger (store, id, options->year, error);
  if (g_str_equal (kind, "receipt"))
    return zb_pdf_dues_receipt (store, id, error);
  if (g_str_equal (kind, "recruitment"))
    return zb_pdf_recruitment_checklist (store, id, error);
  if (g_str_equal (kind, "points"))
    return zb_pdf_points_table (store, options->year, error);
  return zb_pdf_transfer_letter_full (store, id, options->valid_days, options->contact, error);
}

/* The arguments each kind takes: an ID for a record, a period for the
 * binder, nothing more for the roster. */
static gboolean
check_arguments (const char     *kind,
                 int             argc,
                 RenderOptions  *options,
                 GError        **error)
{
  gboolean takes_id = g_str_equal (kind, "meeting") || g_str_equal (kind, "first-item") ||
                      g_str_equal (kind, "transfer") || g_str_equal (kind, "dues-ledger") ||
                      g_str_equal (kind, "receipt") || g_str_equal (kind, "recruitment");
  gboolean takes_year = g_str_equal (kind, "binder") || g_str_equal (kind, "dues-ledger") ||
                        g_str_equal (kind, "points");

  if (!takes_id && !takes_year && !g_str_equal (kind, "roster"))
    return zb_cli_usage (error, _("unknown document “%s”: use meeting, first-item, binder, "
                                  "roster, transfer, dues-ledger, receipt, recruitment or "
                                  "points"), kind);
  if (argc != (takes_id ? 3 : 2))
    return zb_cli_usage (error, "%s", _(USAGE));
  if (takes_year && (options->year < 1900 || options->year > 9999))
    return zb_cli_usage (error, _("Year: give the year with --year, such as 2026"));
  if (options->quarter < 0 || options->quarter > 4)
    return zb_cli_usage (error, _("Quarter: give 1, 2, 3 or 4, or leave it out for the year"));
  if (options->valid_days < 1 || options->valid_days > 365)
    return zb_cli_usage (error, _("Valid days: give a number of days from 1 to 365"));
  if (options->output == NULL)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                           _("Output: give the PDF file to write with -o FILE"));
      return FALSE;
    }
  return TRUE;
}

gboolean
zb_cli_render (ZbCli   *cli,
               int      argc,
               char   **argv,
               GError **error)
{
  g_auto(RenderOptions) options = { .valid_days = ZB_PDF_TRANSFER_VALID_DAYS };
  g_autoptr(GOptionContext) context = g_option_context_new (_("DOCUMENT [ID]"));
  g_autoptr(ZbStore) store = NULL;
  g_autoptr(ZbPdfDocument) document = NULL;
  g_autoptr(GBytes) pdf = NULL;
  const GOptionEntry entries[] = {
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &options.output, N_("The PDF file to write"),
      N_("FILE") },
    { "year", 0, 0, G_OPTION_ARG_INT, &options.year, N_("The year of the binder, dues ledger or points table"),
      N_("YEAR") },
    { "quarter", 0, 0, G_OPTION_ARG_INT, &options.quarter,
      N_("The binder’s quarter, 1 to 4 (default: the whole year)"), N_("QUARTER") },
    { "with-sensitive", 0, 0, G_OPTION_ARG_NONE, &options.with_sensitive,
      N_("Show ID numbers, phones and addresses unmasked"), NULL },
    { "valid-days", 0, 0, G_OPTION_ARG_INT, &options.valid_days,
      N_("How many days the transfer letter stays valid (default: 30)"), N_("DAYS") },
    { "contact", 0, 0, G_OPTION_ARG_STRING, &options.contact,
      N_("The issuing organisation’s address and phone, for the transfer letter"),
      N_("TEXT") },
    { NULL }
  };

  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!zb_cli_parse (context, &argc, &argv, error))
    return FALSE;
  if (argc < 2)
    return zb_cli_usage (error, "%s", _(USAGE));
  if (!check_arguments (argv[1], argc, &options, error))
    return FALSE;

  if ((store = zb_cli_open_store (cli, error)) == NULL ||
      (document = build (store, argv[1], argc > 2 ? argv[2] : NULL, &options, error)) == NULL ||
      (pdf = zb_pdf_render (document, error)) == NULL)
    return FALSE;

  /* The transfer letter and the recruitment file carry a person's birth
   * date and more. */
  return write_pdf (options.output, pdf,
                    options.with_sensitive || g_str_equal (argv[1], "transfer") ||
                    g_str_equal (argv[1], "recruitment"), error);
}
