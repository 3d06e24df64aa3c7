#define G_LOG_DOMAIN "zb-preferences-window"

#include "config.h"

#include <glib/gi18n.h>

#include "zb-pdf-fonts.h"
#include "zb-pdf-preview.h"
#include "zb-preferences-window.h"
#include "zb-store-backup.h"
#include "zb-server-page.h"
#include "zb-widget-util.h"

struct _ZbPreferencesWindow
{
  AdwPreferencesWindow  parent_instance;

  AdwEntryRow          *branch_name_row;
  AdwEntryRow          *committee_row;
  AdwEntryRow          *secretary_row;
  GtkLabel             *branch_error;
  GtkSpinButton        *warning_button;
  GtkSpinButton        *alert_button;
  GtkSpinButton        *probation_button;
  GtkLabel             *compliance_error;
  AdwPreferencesGroup  *fonts_group;
  GtkFontButton        *font_buttons[ZB_PDF_N_FACES];
  AdwPreferencesPage   *backup_page;
  AdwPasswordEntryRow  *backup_passphrase_row;
  AdwPasswordEntryRow  *backup_repeat_row;
  GtkWidget            *backup_button;
  GtkLabel             *backup_status;
  AdwActionRow         *restore_file_row;
  AdwPasswordEntryRow  *restore_passphrase_row;
  GtkWidget            *restore_button;
  GtkLabel             *restore_status;

  ZbContext            *context;
  ZbKey                *database_key;   /* NULL: the keyring keeps it */
  GCancellable         *cancellable;
  GtkNativeDialog      *chooser;
  char                 *restore_path;
  char                 *backup_path;
  guint                 busy;
  gboolean              loading;        /* the rows being filled, not edited */
  gboolean              saving_thresholds;
  gboolean              thresholds_again;  /* changed while they were being saved */
};

G_DEFINE_FINAL_TYPE (ZbPreferencesWindow, zb_preferences_window, ADW_TYPE_PREFERENCES_WINDOW)

enum
{
  THRESHOLDS_CHANGED,
  BRANCH_CHANGED,
  RESTORED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static ZbStore *
store_of (ZbPreferencesWindow *self)
{
  return zb_context_get_store (self->context);
}

/* What went wrong stays beside the rows it concerns until the next try: a
 * toast would vanish before a secretary has read it. */
static void
show_status (GtkLabel   *label,
             const char *message,
             gboolean    is_error)
{
  gtk_label_set_text (label, message ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (label), message != NULL);
  if (is_error)
    gtk_widget_add_css_class (GTK_WIDGET (label), "error");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (label), "error");
}

static void
set_busy (ZbPreferencesWindow *self,
          gboolean             busy)
{
  self->busy += busy ? 1 : -1;
  gtk_widget_set_sensitive (self->backup_button, self->busy == 0);
  gtk_widget_set_sensitive (self->restore_button, self->busy == 0);
}

static const char *
text_of (gpointer editable)
{
  return gtk_editable_get_text (GTK_EDITABLE (editable));
}

/* Branch details --------------------------------------------------------- */

typedef struct
{
  char *name;
  char *higher_committee;
  char *secretary;
} BranchDetails;

static void
branch_details_free (BranchDetails *details)
{
  g_free (details->name);
  g_free (details->higher_committee);
  g_free (details->secretary);
  g_free (details);
}

static void
set_row_text (AdwEntryRow *row,
              const char  *text)
{
  gtk_editable_set_text (GTK_EDITABLE (row), text ? text : "");
}

static void
load_branch (ZbPreferencesWindow *self)
{
  ZbStore *store = store_of (self);
  g_autofree char *committee = NULL;
  g_autofree char *secretary = NULL;

  if (store == NULL)
    return;
  committee = zb_store_dup_higher_committee (store);
  secretary = zb_store_dup_secretary (store);
  set_row_text (self->branch_name_row, zb_store_get_branch_name (store));
  set_row_text (self->committee_row, committee);
  set_row_text (self->secretary_row, secretary);
}

static gboolean
save_branch_call (ZbStore   *store,
                  gpointer   data,
                  GError   **error)
{
  BranchDetails *details = data;

  return zb_store_set_branch_details (store, details->name, details->higher_committee,
                                      details->secretary, error);
}

static void
branch_saved_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(ZbPreferencesWindow) self = user_data;
  g_autoptr(GError) error = NULL;

  set_busy (self, FALSE);
  if (!zb_store_call_finish (ZB_STORE (object), result, &error))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        show_status (self->branch_error, error->message, TRUE);
      return;
    }
  load_branch (self);
  adw_preferences_window_add_toast (ADW_PREFERENCES_WINDOW (self), adw_toast_new (_("Saved")));
  g_signal_emit (self, signals[BRANCH_CHANGED], 0);
}

/* The three rows are saved together, whichever was applied: the store
 * checks them as one (a blank name is refused, naming the field). */
static void
branch_applied_cb (ZbPreferencesWindow *self)
{
  ZbStore *store = store_of (self);
  BranchDetails *details;

  if (store == NULL)
    return;
  details = g_new0 (BranchDetails, 1);
  details->name = g_strstrip (g_strdup (text_of (self->branch_name_row)));
  details->higher_committee = g_strstrip (g_strdup (text_of (self->committee_row)));
  details->secretary = g_strstrip (g_strdup (text_of (self->secretary_row)));
  show_status (self->branch_error, NULL, TRUE);
  set_busy (self, TRUE);
  zb_store_call_async (store, save_branch_call, details, (GDestroyNotify) branch_details_free,
                       self->cancellable, branch_saved_cb, g_object_ref (self));
}

/* Compliance thresholds --------------------------------------------------- */

static void
load_thresholds (ZbPreferencesWindow *self)
{
  ZbCheckSettings settings;

  zb_context_get_check_settings (self->context, &settings);
  self->loading = TRUE;
  gtk_spin_button_set_value (self->warning_button, settings.absence_warning_months);
  gtk_spin_button_set_value (self->alert_button, settings.absence_alert_months);
  gtk_spin_button_set_value (self->probation_button, settings.probation_notice_days);
  self->loading = FALSE;
}

static gboolean
save_thresholds_call (ZbStore   *store,
                      gpointer   data,
                      GError   **error)
{
  return zb_store_set_check_settings (store, data, error);
}

static void save_thresholds (ZbPreferencesWindow *self,
                             ZbStore             *store);

static void
thresholds_saved_cb (GObject      *object,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  g_autoptr(ZbPreferencesWindow) self = user_data;
  g_autoptr(GError) error = NULL;
  gboolean again = self->thresholds_again;

  self->saving_thresholds = FALSE;
  self->thresholds_again = FALSE;
  /* The rows changed meanwhile: their values go now, after these, never
   * beside them, where this older save could land last. */
  if (again)
    save_thresholds (self, ZB_STORE (object));
  set_busy (self, FALSE);
  if (!zb_store_call_finish (ZB_STORE (object), result, &error))
    {
      /* A newer save is on its way, and will say whether it failed. */
      if (!again && !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        show_status (self->compliance_error, error->message, TRUE);
      return;
    }
  /* The compliance section judges again, by the new figures. */
  g_signal_emit (self, signals[THRESHOLDS_CHANGED], 0);
}

/* Each change is saved as it is made, as GNOME's preferences are; what
 * the store refuses stays shown under the rows, naming the field. */
static void
save_thresholds (ZbPreferencesWindow *self,
                 ZbStore             *store)
{
  ZbCheckSettings *settings = g_new0 (ZbCheckSettings, 1);

  zb_check_settings_init (settings);
  settings->absence_warning_months = gtk_spin_button_get_value_as_int (self->warning_button);
  settings->absence_alert_months = gtk_spin_button_get_value_as_int (self->alert_button);
  settings->probation_notice_days = gtk_spin_button_get_value_as_int (self->probation_button);
  show_status (self->compliance_error, NULL, TRUE);
  set_busy (self, TRUE);
  self->saving_thresholds = TRUE;
  zb_store_call_async (store, save_thresholds_call, settings, g_free, self->cancellable,
                       thresholds_saved_cb, g_object_ref (self));
}

/* Each change is saved as it is made, one save at a time: two at once
 * run in threads of their own, in either order. */
static void
threshold_changed_cb (ZbPreferencesWindow *self)
{
  ZbStore *store = store_of (self);

  if (self->loading || store == NULL)
    return;
  if (self->saving_thresholds)
    {
      self->thresholds_again = TRUE;
      return;
    }
  save_thresholds (self, store);
}

/* Printing ----------------------------------------------------------------- */

/* What each face sets, as GB/T 9704-2012 7.3 and 7.5 have it. */
static const char *face_titles[ZB_PDF_N_FACES] = {
  [ZB_PDF_FACE_FANGSONG] = N_("Body text"),
  [ZB_PDF_FACE_XIAOBIAOSONG] = N_("Titles"),
  [ZB_PDF_FACE_HEI] = N_("First-level headings and table headers"),
  [ZB_PDF_FACE_KAI] = N_("Second-level headings"),
  [ZB_PDF_FACE_SONG] = N_("Page numbers"),
};

/* Each button shows the family chosen, or the one the standard's order
 * finds on this PC. */
static void
load_fonts (ZbPreferencesWindow *self)
{
  GSettings *settings = zb_context_get_settings (self->context);
  g_autoptr(ZbPdfFonts) standard = zb_pdf_fonts_new ();

  self->loading = TRUE;
  for (ZbPdfFace face = 0; face < ZB_PDF_N_FACES; face++)
    {
      g_autofree char *chosen = g_settings_get_string (settings, zb_pdf_preview_font_key (face));

      gtk_font_chooser_set_font (GTK_FONT_CHOOSER (self->font_buttons[face]),
                                 *chosen ? chosen : zb_pdf_fonts_get_family (standard, face));
    }
  self->loading = FALSE;
}

static void
font_set_cb (ZbPreferencesWindow *self,
             GtkFontButton       *button)
{
  PangoFontFamily *family = gtk_font_chooser_get_font_family (GTK_FONT_CHOOSER (button));
  ZbPdfFace face = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (button), "face"));

  if (self->loading || family == NULL)
    return;
  zb_preferences_window_set_font (self, face, pango_font_family_get_name (family));
}

/* Chooses @family for @face in printed documents (NULL or "": the
 * standard's order again). */
void
zb_preferences_window_set_font (ZbPreferencesWindow *self,
                                ZbPdfFace            face,
                                const char          *family)
{
  g_return_if_fail (ZB_IS_PREFERENCES_WINDOW (self));
  g_return_if_fail (face < ZB_PDF_N_FACES);

  g_settings_set_string (zb_context_get_settings (self->context), zb_pdf_preview_font_key (face),
                         family ? family : "");
  load_fonts (self);
}

static void
fonts_reset_clicked_cb (ZbPreferencesWindow *self)
{
  for (ZbPdfFace face = 0; face < ZB_PDF_N_FACES; face++)
    g_settings_reset (zb_context_get_settings (self->context), zb_pdf_preview_font_key (face));
  load_fonts (self);
}

static void
add_font_rows (ZbPreferencesWindow *self)
{
  for (ZbPdfFace face = 0; face < ZB_PDF_N_FACES; face++)
    {
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *button = gtk_font_button_new ();
      g_autofree char *subtitle = NULL;

      /* TRANSLATORS: %s is the face the standard names, such as 仿宋 */
      subtitle = g_strdup_printf (_("GB/T 9704-2012: %s"), zb_pdf_fonts_get_standard (face));
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _(face_titles[face]));
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
      gtk_font_chooser_set_level (GTK_FONT_CHOOSER (button), GTK_FONT_CHOOSER_LEVEL_FAMILY);
      gtk_font_button_set_modal (GTK_FONT_BUTTON (button), TRUE);
      gtk_font_button_set_use_font (GTK_FONT_BUTTON (button), TRUE);
      gtk_font_button_set_title (GTK_FONT_BUTTON (button), _(face_titles[face]));
      gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
      gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      _(face_titles[face]), -1);
      g_object_set_data (G_OBJECT (button), "face", GUINT_TO_POINTER (face));
      g_signal_connect_object (button, "font-set", G_CALLBACK (font_set_cb), self,
                               G_CONNECT_SWAPPED);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);
      adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), button);
      adw_preferences_group_add (self->fonts_group, row);
      self->font_buttons[face] = GTK_FONT_BUTTON (button);
    }
}

/* Sync ------------------------------------------------------------------- */

/* The server, enrolment and certificates: the page the sync indicator's
 * window shows too, third here, before the backup. */
static void
add_server_page (ZbPreferencesWindow *self)
{
  AdwPreferencesWindow *window = ADW_PREFERENCES_WINDOW (self);
  g_autoptr(AdwPreferencesPage) backup = g_object_ref (self->backup_page);
  ZbServerPage *page = zb_server_page_new (zb_context_get_sync_service (self->context),
                                           zb_context_get_settings (self->context));

  adw_preferences_window_remove (window, backup);
  adw_preferences_window_add (window, ADW_PREFERENCES_PAGE (page));
  adw_preferences_window_add (window, backup);
}

/* Backup ------------------------------------------------------------------ */

/* The passphrase, typed twice alike and strong enough, or NULL with the
 * reason shown. */
static ZbKey *
read_backup_passphrase (ZbPreferencesWindow *self)
{
  const char *passphrase = text_of (self->backup_passphrase_row);
  g_autoptr(GError) error = NULL;

  if (*passphrase == '\0')
    {
      show_status (self->backup_status, _("Passphrase: enter one for the backup."), TRUE);
      gtk_widget_grab_focus (GTK_WIDGET (self->backup_passphrase_row));
      return NULL;
    }
  if (!g_str_equal (passphrase, text_of (self->backup_repeat_row)))
    {
      show_status (self->backup_status,
                   _("Passphrase: the two entries differ. Type the same passphrase twice."),
                   TRUE);
      gtk_widget_grab_focus (GTK_WIDGET (self->backup_repeat_row));
      return NULL;
    }
  if (!zb_key_check_new_passphrase (passphrase, &error))
    {
      show_status (self->backup_status, error->message, TRUE);
      gtk_widget_grab_focus (GTK_WIDGET (self->backup_passphrase_row));
      return NULL;
    }
  return zb_key_new_passphrase (passphrase);
}

static void
backed_up_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(ZbPreferencesWindow) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *name = NULL;
  g_autofree char *message = NULL;

  set_busy (self, FALSE);
  if (!zb_store_backup_finish (ZB_STORE (object), result, &error))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        show_status (self->backup_status, error->message, TRUE);
      return;
    }

  name = g_filename_display_name (self->backup_path);
  /* TRANSLATORS: %s is the backup file */
  message = g_strdup_printf (_("Backed up to %s. Keep the passphrase apart from the file."),
                             name);
  show_status (self->backup_status, message, FALSE);
  gtk_editable_set_text (GTK_EDITABLE (self->backup_passphrase_row), "");
  gtk_editable_set_text (GTK_EDITABLE (self->backup_repeat_row), "");
}

/* Backs the database up to @path under the passphrase typed twice; FALSE,
 * with the reason shown, when the passphrase will not do. */
gboolean
zb_preferences_window_back_up (ZbPreferencesWindow *self,
                               const char          *path)
{
  ZbStore *store = store_of (self);
  g_autoptr(ZbKey) key = NULL;

  g_return_val_if_fail (ZB_IS_PREFERENCES_WINDOW (self), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  if (store == NULL || self->busy > 0 || (key = read_backup_passphrase (self)) == NULL)
    return FALSE;

  g_free (self->backup_path);
  self->backup_path = g_strdup (path);
  show_status (self->backup_status, _("Backing up…"), FALSE);
  set_busy (self, TRUE);
  /* The file chooser has asked before replacing a file. */
  zb_store_backup_async (store, path, key, ZB_BACKUP_REPLACE, self->cancellable, backed_up_cb,
                         g_object_ref (self));
  return TRUE;
}

static void
backup_chosen_cb (ZbPreferencesWindow  *self,
                  int                   response,
                  GtkFileChooserNative *chooser)
{
  g_autoptr(GFile) file = NULL;

  if (response == GTK_RESPONSE_ACCEPT &&
      (file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser))) != NULL)
    {
      g_autofree char *path = g_file_get_path (file);

      zb_preferences_window_back_up (self, path);
    }
  g_clear_object (&self->chooser);
}

static void
backup_clicked_cb (ZbPreferencesWindow *self)
{
  g_autoptr(ZbKey) key = read_backup_passphrase (self);
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *date = g_date_time_format (now, "%Y-%m-%d");
  g_autofree char *name = NULL;
  GtkFileChooserNative *chooser;

  if (key == NULL)
    return;
  show_status (self->backup_status, NULL, FALSE);
  /* TRANSLATORS: the backup's suggested file name; %s is today's date */
  name = g_strdup_printf (_("branch-backup-%s.backup"), date);
  chooser = zb_file_chooser_new (GTK_WIDGET (self), GTK_FILE_CHOOSER_ACTION_SAVE,
                                 _("Back Up the Branch Database"), _("_Back Up"), name);
  g_signal_connect_object (chooser, "response", G_CALLBACK (backup_chosen_cb), self,
                           G_CONNECT_SWAPPED);
  zb_file_chooser_show (&self->chooser, chooser);
}

/* Restore ----------------------------------------------------------------- */

void
zb_preferences_window_set_restore_file (ZbPreferencesWindow *self,
                                        const char          *path)
{
  g_autofree char *name = NULL;

  g_return_if_fail (ZB_IS_PREFERENCES_WINDOW (self));

  g_free (self->restore_path);
  self->restore_path = g_strdup (path);
  name = path ? g_filename_display_name (path) : NULL;
  adw_action_row_set_subtitle (self->restore_file_row, name ? name : _("None chosen"));
  show_status (self->restore_status, NULL, FALSE);
}

static void
restore_chosen_cb (ZbPreferencesWindow  *self,
                   int                   response,
                   GtkFileChooserNative *chooser)
{
  g_autoptr(GFile) file = NULL;

  if (response == GTK_RESPONSE_ACCEPT &&
      (file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser))) != NULL)
    {
      g_autofree char *path = g_file_get_path (file);

      zb_preferences_window_set_restore_file (self, path);
      gtk_widget_grab_focus (GTK_WIDGET (self->restore_passphrase_row));
    }
  g_clear_object (&self->chooser);
}

static void
restore_choose_clicked_cb (ZbPreferencesWindow *self)
{
  GtkFileChooserNative *chooser;

  chooser = zb_file_chooser_new (GTK_WIDGET (self), GTK_FILE_CHOOSER_ACTION_OPEN,
                                 _("Choose a Backup"), _("_Choose"), NULL);
  g_signal_connect_object (chooser, "response", G_CALLBACK (restore_chosen_cb), self,
                           G_CONNECT_SWAPPED);
  zb_file_chooser_show (&self->chooser, chooser);
}

static void
restored_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(ZbPreferencesWindow) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *replaced = NULL;
  g_autofree char *message = NULL;

  set_busy (self, FALSE);
  if (!zb_store_restore_finish (result, &replaced, &error))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        show_status (self->restore_status, error->message, TRUE);
      return;
    }

  if (replaced != NULL)
    {
      g_autofree char *name = g_filename_display_name (replaced);

      /* TRANSLATORS: %s is the file the replaced database was moved to */
      message = g_strdup_printf (_("Restored. The database it replaced is kept as %s."), name);
    }
  show_status (self->restore_status, message ? message : _("Restored."), FALSE);
  gtk_editable_set_text (GTK_EDITABLE (self->restore_passphrase_row), "");
  /* The window opens the restored database in place of the one it had. */
  g_signal_emit (self, signals[RESTORED], 0);
}

static void
start_restore (ZbPreferencesWindow *self)
{
  ZbStore *store = store_of (self);
  g_autoptr(ZbKey) passphrase = zb_key_new_passphrase (text_of (self->restore_passphrase_row));

  show_status (self->restore_status, _("Checking and restoring the backup…"), FALSE);
  set_busy (self, TRUE);
  zb_store_restore_async (self->restore_path, passphrase, zb_store_get_path (store),
                          self->database_key, ZB_BACKUP_REPLACE, self->cancellable, restored_cb,
                          g_object_ref (self));
}

static void
restore_response_cb (ZbPreferencesWindow *self,
                     const char          *response)
{
  if (g_str_equal (response, "restore"))
    start_restore (self);
}

/* Asks before replacing the database, in a dialog it returns (NULL, with
 * the reason shown, when the file or the passphrase is missing); its
 * "restore" response restores. */
AdwMessageDialog *
zb_preferences_window_restore (ZbPreferencesWindow *self)
{
  AdwMessageDialog *dialog;

  g_return_val_if_fail (ZB_IS_PREFERENCES_WINDOW (self), NULL);

  if (store_of (self) == NULL || self->busy > 0)
    return NULL;
  if (self->restore_path == NULL)
    {
      show_status (self->restore_status, _("Backup file: choose the file to restore."), TRUE);
      gtk_widget_grab_focus (GTK_WIDGET (self->restore_file_row));
      return NULL;
    }
  if (*text_of (self->restore_passphrase_row) == '\0')
    {
      show_status (self->restore_status,
                   _("Passphrase: enter the passphrase the backup was made with."), TRUE);
      gtk_widget_grab_focus (GTK_WIDGET (self->restore_passphrase_row));
      return NULL;
    }

  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_WINDOW (self),
                                                       _("Replace the Branch Database?"),
                                                       NULL));
  adw_message_dialog_format_body (dialog,
                                  _("The records on this PC are replaced by those in the "
                                    "backup. The database they are in now is kept beside it, "
                                    "under another name."));
  adw_message_dialog_add_responses (dialog, "cancel", _("_Cancel"),
                                    "restore", _("_Restore"), NULL);
  adw_message_dialog_set_response_appearance (dialog, "restore", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (dialog, "cancel");
  adw_message_dialog_set_close_response (dialog, "cancel");
  g_signal_connect_object (dialog, "response", G_CALLBACK (restore_response_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
  return dialog;
}

static void
restore_clicked_cb (ZbPreferencesWindow *self)
{
  zb_preferences_window_restore (self);
}

gboolean
zb_preferences_window_is_busy (ZbPreferencesWindow *self)
{
  g_return_val_if_fail (ZB_IS_PREFERENCES_WINDOW (self), FALSE);

  return self->busy > 0;
}

/* The window -------------------------------------------------------------- */

static void
zb_preferences_window_dispose (GObject *object)
{
  ZbPreferencesWindow *self = ZB_PREFERENCES_WINDOW (object);

  g_cancellable_cancel (self->cancellable);
  if (self->chooser != NULL)
    gtk_native_dialog_destroy (self->chooser);
  g_clear_object (&self->chooser);
  gtk_widget_dispose_template (GTK_WIDGET (self), ZB_TYPE_PREFERENCES_WINDOW);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->context);
  g_clear_pointer (&self->database_key, zb_key_free);
  g_clear_pointer (&self->restore_path, g_free);
  g_clear_pointer (&self->backup_path, g_free);

  G_OBJECT_CLASS (zb_preferences_window_parent_class)->dispose (object);
}

static void
zb_preferences_window_class_init (ZbPreferencesWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = zb_preferences_window_dispose;

  /* The thresholds were saved: the compliance section judges again. */
  signals[THRESHOLDS_CHANGED] =
    g_signal_new ("thresholds-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL,
                  NULL, NULL, G_TYPE_NONE, 0);
  /* The branch's name or details were saved: the window's title follows. */
  signals[BRANCH_CHANGED] =
    g_signal_new ("branch-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL,
                  NULL, G_TYPE_NONE, 0);
  /* A backup replaced the database file: whoever holds the store opens it again. */
  signals[RESTORED] =
    g_signal_new ("restored", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/zhibu/Zhibu/ui/"
                                               "zb-preferences-window.ui");
  gtk_widget_class_bind_template_child (widget_class, ZbPreferencesWindow, branch_name_row);
  gtk_widget_class_bind_template_child (widget_class, ZbPreferencesWindow, committee_row);
  gtk_widget_class_bind_template_child (widget_class, ZbPreferencesWindow, secretary_row);
  gtk_widget_class_bind_template_child (widget_class, ZbPreferencesWindow, branch_error);
  gtk_widget_class_bind_template_child (widget_class, ZbPreferencesWindow, warning_button);
  gtk_widget_class_bind_template_child (widget_class, ZbPreferencesWindow, alert_button);
  gtk_widget_class_bind_template_child (widget_class, ZbPreferencesWindow, probation_button);
  gtk_widget_class_bind_template_child (widget_class, ZbPreferencesWindow, compliance_error);
  gtk_widget_class_bind_template_child (widget_class, ZbPreferencesWindow, fonts_group);
  gtk_widget_class_bind_template_child (widget_class, ZbPreferencesWindow, backup_page);
  gtk_widget_class_bind_template_child (widget_class, ZbPreferencesWindow,
                                        backup_passphrase_row);
  gtk_widget_class_bind_template_child (widget_class, ZbPreferencesWindow, backup_repeat_row);
  gtk_widget_class_bind_template_child (widget_class, ZbPreferencesWindow, backup_button);
  gtk_widget_class_bind_template_child (widget_class, ZbPreferencesWindow, backup_status);
  gtk_widget_class_bind_template_child (widget_class, ZbPreferencesWindow, restore_file_row);
  gtk_widget_class_bind_template_child (widget_class, ZbPreferencesWindow,
                                        restore_passphrase_row);
  gtk_widget_class_bind_template_child (widget_class, ZbPreferencesWindow, restore_button);
  gtk_widget_class_bind_template_child (widget_class, ZbPreferencesWindow, restore_status);
  gtk_widget_class_bind_template_callback (widget_class, branch_applied_cb);
  gtk_widget_class_bind_template_callback (widget_class, threshold_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, fonts_reset_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, backup_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, restore_choose_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, restore_clicked_cb);
}

static void
zb_preferences_window_init (ZbPreferencesWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->cancellable = g_cancellable_new ();
  add_font_rows (self);
}

/* A restore put another database in the window: its details here. */
static void
store_changed_cb (ZbPreferencesWindow *self)
{
  load_branch (self);
  load_thresholds (self);
}

/* @database_key is the key the open database is under (NULL when the
 * keyring keeps it): a restored database is keyed alike. */
ZbPreferencesWindow *
zb_preferences_window_new (ZbContext   *context,
                           const ZbKey *database_key)
{
  ZbPreferencesWindow *self;

  g_return_val_if_fail (ZB_IS_CONTEXT (context), NULL);

  self = g_object_new (ZB_TYPE_PREFERENCES_WINDOW, NULL);
  self->context = g_object_ref (context);
  self->database_key = database_key ? zb_key_copy (database_key) : NULL;
  load_branch (self);
  load_thresholds (self);
  load_fonts (self);
  add_server_page (self);
  g_signal_connect_object (context, "notify::store", G_CALLBACK (store_changed_cb), self,
                           G_CONNECT_SWAPPED);
  return self;
}
