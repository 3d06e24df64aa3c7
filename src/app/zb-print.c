#define G_LOG_DOMAIN "zb-print"

#include "config.h"

#include <glib/gi18n.h>

#include "zb-pdf-records.h"
#include "zb-print.h"

/* Where the windows open the printed records of DOMAIN.md section 5: the
 * meeting window its record, the primary menu the archive binder of a year
 * or a quarter and the roster. Each builder runs in the preview's worker
 * thread, reading the store as any thread but the main one does. */

static ZbPdfDocument *
build_meeting (ZbStore   *store,
               gpointer   data,
               GError   **error)
{
  return zb_pdf_meeting_record (store, data, error);
}

/* The year and the quarter in one pointer: year * 10 + quarter. */
static ZbPdfDocument *
build_binder (ZbStore   *store,
              gpointer   data,
              GError   **error)
{
  guint period = GPOINTER_TO_UINT (data);

  return zb_pdf_binder (store, period / 10, period % 10, error);
}

static ZbPdfDocument *
build_roster (ZbStore   *store,
              gpointer   data,
              GError   **error)
{
  return zb_pdf_roster (store, GPOINTER_TO_INT (data), error);
}

/* A person's recruitment file checklist (发展党员材料清单) as of today. */
static ZbPdfDocument *
build_recruitment (ZbStore   *store,
                   gpointer   data,
                   GError   **error)
{
  return zb_pdf_recruitment_checklist (store, data, error);
}

/* The introduction letter of a transfer out (党员组织关系介绍信), valid for
 * the usual days, the issuing organisation's contact left to write in. */
static ZbPdfDocument *
build_transfer (ZbStore   *store,
                gpointer   data,
                GError   **error)
{
  return zb_pdf_transfer_letter (store, data, error);
}

static ZbPdfPreview *
present (GtkWindow    *parent,
         ZbPdfPreview *preview)
{
  gtk_window_set_transient_for (GTK_WINDOW (preview), parent);
  gtk_window_present (GTK_WINDOW (preview));
  return preview;
}

/* The meeting's record as stored: a finalised one from its snapshot. */
ZbPdfPreview *
zb_print_meeting (GtkWindow  *parent,
                  ZbStore    *store,
                  const char *meeting_id)
{
  g_return_val_if_fail (meeting_id != NULL, NULL);

  return present (parent, zb_pdf_preview_new (store, build_meeting, g_strdup (meeting_id),
                                              g_free, NULL));
}

/* @quarter 1 to 4, or 0 for the whole year. */
ZbPdfPreview *
zb_print_binder (GtkWindow *parent,
                 ZbStore   *store,
                 guint      year,
                 guint      quarter)
{
  g_return_val_if_fail (quarter <= 4, NULL);

  return present (parent, zb_pdf_preview_new (store, build_binder,
                                              GUINT_TO_POINTER (year * 10 + quarter), NULL,
                                              NULL));
}

ZbPdfPreview *
zb_print_recruitment (GtkWindow  *parent,
                      ZbStore    *store,
                      const char *person_id)
{
  g_return_val_if_fail (person_id != NULL, NULL);

  return present (parent, zb_pdf_preview_new (store, build_recruitment, g_strdup (person_id),
                                              g_free, NULL));
}

ZbPdfPreview *
zb_print_transfer (GtkWindow  *parent,
                   ZbStore    *store,
                   const char *transfer_id)
{
  g_return_val_if_fail (transfer_id != NULL, NULL);

  return present (parent, zb_pdf_preview_new (store, build_transfer, g_strdup (transfer_id),
                                              g_free, NULL));
}

/* Masked unless @with_sensitive: ID numbers, phones and home addresses
 * (DOMAIN.md section 5, the roster). */
ZbPdfPreview *
zb_print_roster (GtkWindow *parent,
                 ZbStore   *store,
                 gboolean   with_sensitive)
{
  return present (parent, zb_pdf_preview_new (store, build_roster,
                                              GINT_TO_POINTER (!!with_sensitive), NULL, NULL));
}

static const char * const quarters[] = {
  N_("The Whole Year"), N_("First Quarter"), N_("Second Quarter"), N_("Third Quarter"),
  N_("Fourth Quarter"), NULL
};

static void
binder_response_cb (AdwMessageDialog *dialog,
                    const char       *response,
                    ZbStore          *store)
{
  GtkSpinButton *year = g_object_get_data (G_OBJECT (dialog), "year");
  GtkDropDown *quarter = g_object_get_data (G_OBJECT (dialog), "quarter");

  if (g_str_equal (response, "preview"))
    zb_print_binder (gtk_window_get_transient_for (GTK_WINDOW (dialog)), store,
                     gtk_spin_button_get_value_as_int (year),
                     gtk_drop_down_get_selected (quarter));
}

static GtkWidget *
labelled (const char *label,
          GtkWidget  *widget)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *text = gtk_label_new_with_mnemonic (label);

  gtk_label_set_mnemonic_widget (GTK_LABEL (text), widget);
  gtk_label_set_xalign (GTK_LABEL (text), 0);
  gtk_widget_set_hexpand (text, TRUE);
  gtk_box_append (GTK_BOX (box), text);
  gtk_box_append (GTK_BOX (box), widget);
  return box;
}

static AdwMessageDialog *
new_dialog (GtkWindow  *parent,
            ZbStore    *store,
            const char *heading,
            const char *body,
            GtkWidget  *extra)
{
  AdwMessageDialog *dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (parent, heading, body));

  adw_message_dialog_set_extra_child (dialog, extra);
  adw_message_dialog_add_responses (dialog, "cancel", _("_Cancel"), "preview", _("_Preview"),
                                    NULL);
  adw_message_dialog_set_response_appearance (dialog, "preview", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (dialog, "preview");
  adw_message_dialog_set_close_response (dialog, "cancel");
  g_object_set_data_full (G_OBJECT (dialog), "store", g_object_ref (store), g_object_unref);
  return dialog;
}

/* The year and the quarter of an archive binder, this year's by default. */
AdwMessageDialog *
zb_print_choose_binder (GtkWindow *parent,
                        ZbStore   *store)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  GtkWidget *year = gtk_spin_button_new_with_range (1921, 2100, 1);
  GtkStringList *translated = gtk_string_list_new (NULL);
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  GtkWidget *quarter;
  AdwMessageDialog *dialog;

  for (guint i = 0; quarters[i] != NULL; i++)
    gtk_string_list_append (translated, _(quarters[i]));
  quarter = gtk_drop_down_new (G_LIST_MODEL (translated), NULL);
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (year), g_date_time_get_year (now));
  gtk_box_append (GTK_BOX (box), labelled (_("_Year"), year));
  gtk_box_append (GTK_BOX (box), labelled (_("_Period"), quarter));

  dialog = new_dialog (parent, store, _("Print the Archive Binder"),
                       _("Every meeting of the period in date order, after a cover and a "
                         "table of contents."), box);
  g_object_set_data (G_OBJECT (dialog), "year", year);
  g_object_set_data (G_OBJECT (dialog), "quarter", quarter);
  g_signal_connect (dialog, "response", G_CALLBACK (binder_response_cb),
                    g_object_get_data (G_OBJECT (dialog), "store"));
  gtk_window_present (GTK_WINDOW (dialog));
  return dialog;
}

static void
roster_response_cb (AdwMessageDialog *dialog,
                    const char       *response,
                    ZbStore          *store)
{
  GtkSwitch *sensitive = g_object_get_data (G_OBJECT (dialog), "sensitive");

  if (g_str_equal (response, "preview"))
    zb_print_roster (gtk_window_get_transient_for (GTK_WINDOW (dialog)), store,
                     gtk_switch_get_active (sensitive));
}

/* The roster, masked unless the switch is turned on. */
AdwMessageDialog *
zb_print_choose_roster (GtkWindow *parent,
                        ZbStore   *store)
{
  GtkWidget *sensitive = gtk_switch_new ();
  AdwMessageDialog *dialog;

  gtk_widget_set_valign (sensitive, GTK_ALIGN_CENTER);
  dialog = new_dialog (parent, store, _("Print the Roster"),
                       _("ID numbers, phones and home addresses are masked unless you include "
                         "them. A roster with them must be kept as confidential."),
                       labelled (_("_Include ID numbers, phones and addresses"), sensitive));
  g_object_set_data (G_OBJECT (dialog), "sensitive", sensitive);
  g_signal_connect (dialog, "response", G_CALLBACK (roster_response_cb),
                    g_object_get_data (G_OBJECT (dialog), "store"));
  gtk_window_present (GTK_WINDOW (dialog));
  return dialog;
}

/* For tests: what a secretary picks in the binder's dialog. */
void
zb_print_set_binder (AdwMessageDialog *dialog,
                     guint             year,
                     guint             quarter)
{
  gtk_spin_button_set_value (g_object_get_data (G_OBJECT (dialog), "year"), year);
  gtk_drop_down_set_selected (g_object_get_data (G_OBJECT (dialog), "quarter"), quarter);
}

void
zb_print_set_sensitive (AdwMessageDialog *dialog,
                        gboolean          with_sensitive)
{
  gtk_switch_set_active (g_object_get_data (G_OBJECT (dialog), "sensitive"), with_sensitive);
}
