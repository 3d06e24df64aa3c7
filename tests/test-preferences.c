/* test-preferences.c: the Preferences window and the first run
 *
 * Copyright 2026 The Zhibu authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "test-preferences"

#include "config.h"

#include <string.h>

#include <adwaita.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "zb-preferences-window.h"
#include "zb-print.h"
#include "zb-store-private.h"
#include "zb-test-util.h"
#include "zb-test-window.h"

/* Under xvfb-run, in C and zh_CN (issue 13): the Preferences window opened
 * by its shortcut, each page shown (preferences-*.png); a backup made and
 * restored through the Backup page's own functions, with real files; the
 * first run through its three steps (first-run-*.png) to a roster imported
 * from tests/data/sheets/roster.xlsx, and an import refused with its row and
 * field named and nothing written. */

#define NEW_PASSPHRASE "红旗渠精神代代相传二〇二六"

static GtkWidget *
part (gpointer    widget,
      const char *name)
{
  GtkWidget *found = zb_test_find_by_id (GTK_WIDGET (widget), name);

  g_assert_nonnull (found);
  return found;
}

static void
set_text (gpointer    widget,
          const char *name,
          const char *text)
{
  gtk_editable_set_text (GTK_EDITABLE (part (widget, name)), text);
}

static const char *
label_text (gpointer    widget,
            const char *name)
{
  GtkWidget *label = part (widget, name);

  g_assert_true (gtk_widget_get_visible (label));
  return gtk_label_get_text (GTK_LABEL (label));
}

static guint
count_members (ZbTestWindow *f)
{
  g_autoptr(ZbStore) store = zb_test_open_store (f);

  return zb_store_count_members (store, FALSE, NULL);
}

/* Ctrl+comma, as a user opens them: the window presents the one it made. */
static ZbPreferencesWindow *
open_preferences (ZbTestWindow *f)
{
  GtkWidget *toplevel = NULL;
  GListModel *toplevels = gtk_window_get_toplevels ();

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.preferences", NULL));
  for (guint i = 0; i < g_list_model_get_n_items (toplevels) && toplevel == NULL; i++)
    {
      g_autoptr(GtkWidget) window = g_list_model_get_item (toplevels, i);

      if (ZB_IS_PREFERENCES_WINDOW (window))
        toplevel = window;
    }
  g_assert_nonnull (toplevel);
  zb_test_settle (300);
  return ZB_PREFERENCES_WINDOW (toplevel);
}

static gboolean
preferences_idle (gpointer data)
{
  return !zb_preferences_window_is_busy (data);
}

static void
test_pages (ZbTestWindow  *f,
            gconstpointer  data)
{
  const char *pages[] = { "branch", "printing", "sync", "backup" };
  ZbPreferencesWindow *preferences;

  zb_test_make_roster (f, 20);
  zb_test_open_roster (f);
  preferences = open_preferences (f);
  for (guint i = 0; i < G_N_ELEMENTS (pages); i++)
    {
      g_autofree char *name = g_strdup_printf ("preferences-%s.png", pages[i]);

      adw_preferences_window_set_visible_page_name (ADW_PREFERENCES_WINDOW (preferences),
                                                    pages[i]);
      zb_test_settle (200);
      zb_test_screenshot (GTK_WIDGET (preferences), name);
    }
  gtk_window_destroy (GTK_WINDOW (preferences));
}

/* A threshold changed on the Branch page is the branch's, in its database
 * (what the checker and every PC read), and the compliance section reloads. */
static void
test_thresholds (ZbTestWindow  *f,
                 gconstpointer  data)
{
  ZbPreferencesWindow *preferences;
  ZbCheckSettings settings;
  g_autoptr(GError) error = NULL;

  zb_test_make_roster (f, 20);
  zb_test_open_roster (f);
  preferences = open_preferences (f);
  g_assert_cmpfloat (gtk_spin_button_get_value (GTK_SPIN_BUTTON (part (preferences,
                                                                       "warning_button"))),
                     ==, 3);

  /* Changed faster than saved, while a sync round, say, holds the writer:
   * the last values are the ones kept, whichever save thread runs first. */
  g_assert_nonnull (zb_store_begin_write (zb_context_get_store (f->context), &error));
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (part (preferences, "warning_button")), 4);
  for (guint days = 31; days <= 45; days++)
    gtk_spin_button_set_value (GTK_SPIN_BUTTON (part (preferences, "probation_button")), days);
  zb_test_settle (100);
  zb_store_rollback_write (zb_context_get_store (f->context));
  zb_test_wait_for (preferences_idle, preferences, 60);
  g_assert_false (gtk_widget_get_visible (part (preferences, "compliance_error")));
  {
    g_autoptr(ZbStore) store = zb_test_open_store (f);

    g_assert_true (zb_store_get_check_settings (store, &settings, &error));
    g_assert_no_error (error);
  }
  g_assert_cmpuint (settings.absence_warning_months, ==, 4);
  g_assert_cmpuint (settings.absence_alert_months, ==, 6);
  g_assert_cmpuint (settings.probation_notice_days, ==, 45);
  zb_context_get_check_settings (f->context, &settings);
  g_assert_cmpuint (settings.absence_warning_months, ==, 4);
  gtk_window_destroy (GTK_WINDOW (preferences));
}

/* The branch's details: saved together when one is applied, the window's
 * title following the name; a blank name refused, naming the field. */
static void
test_branch (ZbTestWindow  *f,
             gconstpointer  data)
{
  ZbPreferencesWindow *preferences;

  zb_test_make_roster (f, 20);
  zb_test_open_roster (f);
  preferences = open_preferences (f);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (part (preferences, "branch_name_row"))),
                   ==, "第一党支部");

  set_text (preferences, "branch_name_row", "");
  g_signal_emit_by_name (part (preferences, "branch_name_row"), "apply");
  zb_test_wait_for (preferences_idle, preferences, 60);
  g_assert_nonnull (strstr (label_text (preferences, "branch_error"), _("Branch name")));

  set_text (preferences, "branch_name_row", "机关第二党支部");
  set_text (preferences, "committee_row", "中共某某区直属机关工作委员会");
  set_text (preferences, "secretary_row", "李红梅");
  g_signal_emit_by_name (part (preferences, "secretary_row"), "apply");
  zb_test_wait_for (preferences_idle, preferences, 60);
  g_assert_false (gtk_widget_get_visible (part (preferences, "branch_error")));
  zb_test_screenshot (GTK_WIDGET (preferences), "preferences-branch-saved.png");
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (f->window)), ==, "机关第二党支部");
  {
    g_autoptr(ZbStore) store = zb_test_open_store (f);
    g_autofree char *committee = zb_store_dup_higher_committee (store);
    g_autofree char *secretary = zb_store_dup_secretary (store);

    g_assert_cmpstr (zb_store_get_branch_name (store), ==, "机关第二党支部");
    g_assert_cmpstr (committee, ==, "中共某某区直属机关工作委员会");
    g_assert_cmpstr (secretary, ==, "李红梅");
  }
  gtk_window_destroy (GTK_WINDOW (preferences));
}

/* Backs up under a passphrase typed twice, adds a member and renames the
 * branch, restores: the member and the name given after the backup are
 * gone, the window and the page show the restored branch, and the database
 * it replaced is kept. A wrong passphrase and a
 * mistyped second entry are refused, naming the field. */
static void
test_backup_restore (ZbTestWindow  *f,
                     gconstpointer  data)
{
  g_autofree char *backup = NULL;
  g_autoptr(GDir) dir = NULL;
  ZbPreferencesWindow *preferences;
  AdwMessageDialog *dialog;
  guint before, n_files = 0;

  zb_test_make_roster (f, 20);
  zb_test_open_roster (f);
  before = count_members (f);
  backup = g_build_filename (f->dir, "branch.backup", NULL);
  preferences = open_preferences (f);
  adw_preferences_window_set_visible_page_name (ADW_PREFERENCES_WINDOW (preferences), "backup");

  set_text (preferences, "backup_passphrase_row", NEW_PASSPHRASE);
  set_text (preferences, "backup_repeat_row", NEW_PASSPHRASE "!");
  g_assert_false (zb_preferences_window_back_up (preferences, backup));
  g_assert_nonnull (strstr (label_text (preferences, "backup_status"), _("Passphrase")));
  g_assert_false (g_file_test (backup, G_FILE_TEST_EXISTS));

  set_text (preferences, "backup_repeat_row", NEW_PASSPHRASE);
  g_assert_true (zb_preferences_window_back_up (preferences, backup));
  zb_test_wait_for (preferences_idle, preferences, 60);
  g_assert_true (g_file_test (backup, G_FILE_TEST_EXISTS));
  g_assert_false (gtk_widget_has_css_class (part (preferences, "backup_status"), "error"));
  zb_test_screenshot (GTK_WIDGET (preferences), "preferences-backed-up.png");

  {
    g_autoptr(ZbStore) store = zb_test_open_store (f);
    g_autofree char *idn = zb_test_id_number ("1990-01-01", TRUE, 901);
    g_autoptr(ZbMember) member = zb_test_member ("周新来", idn, ZB_CATEGORY_FULL);
    g_autoptr(GError) error = NULL;
    g_autofree char *id = zb_store_add_member (store, member, &error);

    g_assert_no_error (error);
  }
  g_assert_cmpuint (count_members (f), ==, before + 1);
  set_text (preferences, "branch_name_row", "改名后的党支部");
  g_signal_emit_by_name (part (preferences, "branch_name_row"), "apply");
  zb_test_wait_for (preferences_idle, preferences, 60);

  zb_preferences_window_set_restore_file (preferences, backup);
  set_text (preferences, "restore_passphrase_row", "不是这个口令不是这个口令");
  dialog = zb_preferences_window_restore (preferences);
  g_assert_nonnull (dialog);
  adw_message_dialog_response (dialog, "restore");
  zb_test_wait_for (preferences_idle, preferences, 60);
  g_assert_true (gtk_widget_has_css_class (part (preferences, "restore_status"), "error"));
  g_test_message ("wrong passphrase: %s", label_text (preferences, "restore_status"));
  g_assert_cmpuint (count_members (f), ==, before + 1);

  set_text (preferences, "restore_passphrase_row", NEW_PASSPHRASE);
  dialog = zb_preferences_window_restore (preferences);
  zb_test_screenshot (GTK_WIDGET (dialog), "preferences-restore-confirm.png");
  adw_message_dialog_response (dialog, "restore");
  zb_test_wait_for (preferences_idle, preferences, 60);
  g_test_message ("restored: %s", label_text (preferences, "restore_status"));
  g_assert_false (gtk_widget_has_css_class (part (preferences, "restore_status"), "error"));
  zb_test_wait_for (zb_test_on_roster, f->window, 60);
  g_assert_cmpuint (count_members (f), ==, before);
  {
    ZbStore *shown = zb_context_get_store (f->context);

    g_assert_cmpuint (zb_store_count_members (shown, FALSE, NULL), ==, before);
  }
  /* The window and the page show the restored branch's name. */
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (f->window)), ==, "第一党支部");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (part (preferences, "branch_name_row"))),
                   ==, "第一党支部");

  /* The database replaced is kept beside the restored one. */
  dir = g_dir_open (f->dir, 0, NULL);
  for (const char *name; (name = g_dir_read_name (dir)) != NULL;)
    if (g_str_has_prefix (name, "branch.zhibu") && !g_str_has_suffix (name, "-wal") &&
        !g_str_has_suffix (name, "-shm") && !g_str_has_suffix (name, "-journal"))
      n_files++;
  g_assert_cmpuint (n_files, ==, 2);
  gtk_window_destroy (GTK_WINDOW (preferences));
}

static gboolean
preview_loaded (gpointer preview)
{
  return !zb_pdf_preview_is_loading (preview);
}

static gboolean
pdf_has (ZbPdfPreview *preview,
         const char   *needle)
{
  GBytes *pdf = zb_pdf_preview_get_pdf (preview);
  gsize size;
  const char *data = g_bytes_get_data (pdf, &size);

  gsize n = strlen (needle);

  /* The PDF has NULs: no string search. */
  for (gsize i = 0; i + n <= size; i++)
    if (memcmp (data + i, needle, n) == 0)
      return TRUE;
  return FALSE;
}

/* The roster printed before and after every face is set to Noto Sans CJK SC on
 * the Printing page: the serif and UKai fallbacks of the standard's faces give way. */
static ZbPdfPreview *
print_roster (ZbTestWindow *f)
{
  ZbPdfPreview *preview = zb_print_roster (GTK_WINDOW (f->window),
                                           zb_context_get_store (f->context), FALSE);

  zb_test_wait_for (preview_loaded, preview, 60);
  g_assert_null (zb_pdf_preview_get_error (preview));
  return preview;
}

static void
test_fonts (ZbTestWindow  *f,
            gconstpointer  data)
{
  ZbPreferencesWindow *preferences;
  ZbPdfPreview *preview;

  zb_test_make_roster (f, 20);
  zb_test_open_roster (f);
  preview = print_roster (f);
  g_assert_true (pdf_has (preview, "NotoSerifCJK"));
  gtk_window_destroy (GTK_WINDOW (preview));

  preferences = open_preferences (f);
  adw_preferences_window_set_visible_page_name (ADW_PREFERENCES_WINDOW (preferences),
                                                "printing");
  for (ZbPdfFace face = 0; face < ZB_PDF_N_FACES; face++)
    zb_preferences_window_set_font (preferences, face, "Noto Sans CJK SC");
  zb_test_screenshot (GTK_WIDGET (preferences), "preferences-printing-chosen.png");
  gtk_window_destroy (GTK_WINDOW (preferences));

  preview = print_roster (f);
  g_assert_true (pdf_has (preview, "NotoSansCJK"));
  g_assert_false (pdf_has (preview, "NotoSerifCJK"));
  g_assert_false (pdf_has (preview, "UKai"));
  gtk_window_destroy (GTK_WINDOW (preview));

  /* The settings outlive the test in the memory backend: back to the standard. */
  preferences = open_preferences (f);
  for (ZbPdfFace face = 0; face < ZB_PDF_N_FACES; face++)
    zb_preferences_window_set_font (preferences, face, NULL);
  gtk_window_destroy (GTK_WINDOW (preferences));
}

/* The first run ------------------------------------------------------------ */

static gboolean
on_step_roster (gpointer window)
{
  return g_strcmp0 (zb_window_get_page (window), "welcome") == 0 &&
         g_strcmp0 (zb_window_get_welcome_step (window), "roster") == 0;
}

static gboolean
import_done (gpointer window)
{
  return !zb_window_is_importing (window);
}

static void
screenshot_step (ZbTestWindow *f,
                 const char   *step)
{
  g_autofree char *name = g_strdup_printf ("first-run-%s.png", step);

  zb_test_settle (400);
  zb_test_screenshot (GTK_WIDGET (f->window), name);
}

/* Through the first two steps, with a Back and a refused Next on the way. */
static void
create_branch (ZbTestWindow *f)
{
  GtkWidget *window = GTK_WIDGET (f->window);

  zb_window_open (f->window, f->path, NULL);
  gtk_window_present (GTK_WINDOW (f->window));
  g_assert_cmpstr (zb_window_get_page (f->window), ==, "welcome");
  g_assert_cmpstr (zb_window_get_welcome_step (f->window), ==, "branch");

  /* No name: the step stays, and says which field. */
  gtk_widget_activate_action (window, "win.welcome-next", NULL);
  g_assert_cmpstr (zb_window_get_welcome_step (f->window), ==, "branch");
  g_assert_nonnull (strstr (label_text (window, "branch_error"), _("Branch name")));

  set_text (window, "branch_row", "机关第一党支部");
  set_text (window, "welcome_committee_row", "中共某某区直属机关工作委员会");
  set_text (window, "welcome_secretary_row", "王建华");
  screenshot_step (f, "1-branch");
  gtk_widget_activate_action (window, "win.welcome-next", NULL);
  g_assert_cmpstr (zb_window_get_welcome_step (f->window), ==, "key");

  /* Back keeps what was typed. */
  gtk_widget_activate_action (window, "win.welcome-back", NULL);
  g_assert_cmpstr (zb_window_get_welcome_step (f->window), ==, "branch");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (part (window, "branch_row"))), ==,
                   "机关第一党支部");
  gtk_widget_activate_action (window, "win.welcome-next", NULL);

  /* The tests have no keyring: a passphrase, mistyped once. */
  gtk_switch_set_active (GTK_SWITCH (part (window, "passphrase_switch")), TRUE);
  set_text (window, "new_passphrase_row", NEW_PASSPHRASE);
  set_text (window, "repeat_passphrase_row", NEW_PASSPHRASE "1");
  gtk_widget_activate_action (window, "win.create-database", NULL);
  g_assert_nonnull (strstr (label_text (window, "welcome_error"), _("Passphrase")));
  g_assert_false (g_file_test (f->path, G_FILE_TEST_EXISTS));
  set_text (window, "repeat_passphrase_row", NEW_PASSPHRASE);
  screenshot_step (f, "2-key");
  gtk_widget_activate_action (window, "win.create-database", NULL);
  zb_test_wait_for (on_step_roster, f->window, 60);
  screenshot_step (f, "3-roster");
  /* A blank roster to fill in is offered before the import asks for one. */
  g_assert_true (gtk_widget_get_mapped (part (window, "template_button")));
  g_assert_true (gtk_widget_is_sensitive (part (window, "template_button")));

  /* The other programs open it with the passphrase chosen. */
  g_file_set_contents (f->passphrase_file, NEW_PASSPHRASE, -1, NULL);
}

static ZbStore *
open_created (ZbTestWindow *f)
{
  g_autoptr(ZbKey) key = zb_key_new_passphrase (NEW_PASSPHRASE);
  g_autoptr(GError) error = NULL;
  ZbStore *store = zb_store_open (f->path, key, &error);

  g_assert_no_error (error);
  return store;
}

static void
test_first_run_import (ZbTestWindow  *f,
                       gconstpointer  data)
{
  g_autofree char *roster = g_test_build_filename (G_TEST_DIST, "data", "sheets", "roster.xlsx",
                                                   NULL);
  g_autoptr(ZbStore) store = NULL;

  create_branch (f);
  g_assert_true (zb_window_import_roster (f->window, roster));
  zb_test_wait_for (import_done, f->window, 60);
  zb_test_wait_for (zb_test_on_roster, f->window, 60);
  zb_test_settle (400);
  zb_test_screenshot (GTK_WIDGET (f->window), "first-run-4-imported.png");

  store = open_created (f);
  g_assert_cmpstr (zb_store_get_branch_name (store), ==, "机关第一党支部");
  {
    g_autofree char *committee = zb_store_dup_higher_committee (store);
    g_autofree char *secretary = zb_store_dup_secretary (store);

    g_assert_cmpstr (committee, ==, "中共某某区直属机关工作委员会");
    g_assert_cmpstr (secretary, ==, "王建华");
  }
  g_assert_cmpuint (zb_store_count_members (store, FALSE, NULL), ==, 5);
  g_assert_cmpuint (g_list_model_get_n_items (zb_test_roster_model (f)), ==, 5);
}

/* A roster whose second member has a wrong ID number: nothing imported, the
 * step lists the row and the field, and a second try or an empty roster
 * are still there to choose. */
static void
test_first_run_refused (ZbTestWindow  *f,
                        gconstpointer  data)
{
  g_autofree char *source = g_test_build_filename (G_TEST_DIST, "data", "sheets", "roster.csv",
                                                   NULL);
  g_autofree char *bad = NULL;
  g_autofree char *text = NULL;
  g_autofree char *broken = NULL;
  g_autoptr(ZbStore) store = NULL;
  g_autoptr(GError) error = NULL;
  const char *shown;

  g_file_get_contents (source, &text, NULL, &error);
  g_assert_no_error (error);
  {
    g_auto(GStrv) parts = g_strsplit (text, "11010119850612104X", -1);

    broken = g_strjoinv ("110101198506121040", parts);
  }
  create_branch (f);
  bad = g_build_filename (f->dir, "roster.csv", NULL);
  g_file_set_contents (bad, broken, -1, &error);
  g_assert_no_error (error);

  g_assert_true (zb_window_import_roster (f->window, bad));
  zb_test_wait_for (import_done, f->window, 60);
  g_assert_true (on_step_roster (f->window));
  shown = label_text (f->window, "import_error");
  g_test_message ("%s", shown);
  g_assert_nonnull (strstr (shown, "2"));
  g_assert_nonnull (strstr (shown, _("Citizen ID number")));
  screenshot_step (f, "3-refused");

  store = open_created (f);
  g_assert_cmpuint (zb_store_count_members (store, TRUE, NULL), ==, 0);
  g_clear_object (&store);

  /* No dead end: an empty roster instead. */
  gtk_widget_activate_action (GTK_WIDGET (f->window), "win.welcome-finish", NULL);
  g_assert_cmpstr (zb_window_get_page (f->window), ==, "roster");
}

static gboolean
left_loading (gpointer window)
{
  return g_strcmp0 (zb_window_get_page (window), "loading") != 0;
}

/* The demo branch from the first step, under the passphrase of the
 * second when that is switched on (these tests have no keyring): the
 * second step's choice holds for the demo too. */
static void
test_first_run_demo (ZbTestWindow  *f,
                     gconstpointer  data)
{
  GtkWidget *window = GTK_WIDGET (f->window);
  g_autoptr(ZbStore) store = NULL;

  zb_window_open (f->window, f->path, NULL);
  gtk_window_present (GTK_WINDOW (f->window));
  set_text (window, "branch_row", "机关第一党支部");
  gtk_widget_activate_action (window, "win.welcome-next", NULL);
  gtk_switch_set_active (GTK_SWITCH (part (window, "passphrase_switch")), TRUE);
  set_text (window, "new_passphrase_row", NEW_PASSPHRASE);
  set_text (window, "repeat_passphrase_row", NEW_PASSPHRASE);
  gtk_widget_activate_action (window, "win.welcome-back", NULL);

  gtk_widget_activate_action (window, "win.create-demo", NULL);
  zb_test_wait_for (left_loading, f->window, 120);
  g_assert_cmpstr (zb_window_get_page (f->window), ==, "roster");
  store = open_created (f);
  g_assert_cmpuint (zb_store_count_members (store, TRUE, NULL), >, 100);
}

int
main (int   argc,
      char *argv[])
{
  zb_test_gui_init (&argc, &argv);

#define ADD(path, func) \
  g_test_add (path, ZbTestWindow, NULL, zb_test_window_set_up, func, zb_test_window_tear_down)
  ADD ("/preferences/pages", test_pages);
  ADD ("/preferences/thresholds", test_thresholds);
  ADD ("/preferences/branch", test_branch);
  ADD ("/preferences/backup-restore", test_backup_restore);
  ADD ("/preferences/fonts", test_fonts);
  ADD ("/first-run/import", test_first_run_import);
  ADD ("/first-run/refused", test_first_run_refused);
  ADD ("/first-run/demo", test_first_run_demo);
#undef ADD

  return g_test_run ();
}
