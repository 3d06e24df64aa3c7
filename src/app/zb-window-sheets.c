#define G_LOG_DOMAIN "zb-window-sheets"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "zb-date.h"
#include "zb-export.h"
#include "zb-list-table.h"
#include "zb-member-csv.h"
#include "zb-widget-util.h"
#include "zb-window-private.h"

/* The window's spreadsheets. Each section's lists are exported from the
 * menu of the header's spreadsheet button (Ctrl+E), which shows the items
 * of the section in view; zb-export.c asks where and writes. A roster is
 * imported on the first run and, from the primary menu, at any time after:
 * one import, whose refusals show on the first run's step or in a dialog. */

/* The export actions, each shown in the menu while its section is. */
static const struct {
  const char *view;
  const char *list;
} exports[] = {
  { "roster", "roster" },
  { "roster", "roster-sensitive" },
  { "meetings", "meetings" },
  { "measures", "measures" },
  { "dues", "dues-ledger" },
  { "dues", "arrears" },
  { "study", "points" },
};

typedef struct
{
  const char     *title;
  char           *file_name;
  ZbExportBuild   build;
  gpointer        data;
  GDestroyNotify  data_free;
} Plan;

typedef struct
{
  char *member_id;
  char *month;
} LedgerData;

typedef struct
{
  ZbStore *store;
  char    *path;
  gboolean first_run;
  guint    n_imported;
} ImportJob;

static char *
this_month (void)
{
  g_autofree char *today = zb_date_today_iso ();

  return g_strndup (today, 7);
}

static guint
this_year (void)
{
  g_autofree char *today = zb_date_today_iso ();

  return (guint) g_ascii_strtoull (today, NULL, 10);
}

static void
ledger_data_free (LedgerData *data)
{
  g_free (data->member_id);
  g_free (data->month);
  g_free (data);
}

/* ---- the lists, built in a worker thread ------------------------------ */

/* @table (taken) worded for people: the CLI's columns are for scripts. */
static ZbTable *
for_people (ZbTable    *table,
            GHashTable *names)
{
  g_autoptr(ZbTable) cli = table;

  return cli != NULL ? zb_list_table_for_people (cli, names) : NULL;
}

/* Everyone's name by member ID, archived people too: a meeting's chair
 * may have left since. */
static GHashTable *
member_names (ZbStore  *store,
              GError  **error)
{
  g_autoptr(GListModel) members = zb_store_list_members (store, TRUE, error);
  GHashTable *names;

  if (members == NULL)
    return NULL;
  names = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  for (guint i = 0; i < g_list_model_get_n_items (members); i++)
    {
      g_autoptr(ZbMember) member = g_list_model_get_item (members, i);

      g_hash_table_insert (names, g_strdup (zb_member_get_id (member)),
                           g_strdup (zb_member_get (member, ZB_MEMBER_FIELD_NAME)));
    }
  return names;
}

/* Everyone, archived people too, as `member export` writes them. */
static ZbTable *
build_roster (ZbStore  *store,
              gpointer  data,
              GError  **error)
{
  g_autoptr(GListModel) members = zb_store_list_members (store, TRUE, error);

  return members != NULL ? zb_member_export_table (members, GPOINTER_TO_INT (data)) : NULL;
}

/* The roster's header row alone, for a branch to fill in and import: the
 * columns the import reads, named as the export names them. */
static ZbTable *
build_roster_template (ZbStore  *store,
                       gpointer  data,
                       GError  **error)
{
  g_autoptr(GListStore) none = g_list_store_new (ZB_TYPE_MEMBER);

  return zb_member_export_table (G_LIST_MODEL (none), TRUE);
}

static ZbTable *
build_meetings (ZbStore  *store,
                gpointer  data,
                GError  **error)
{
  guint year = GPOINTER_TO_UINT (data);
  g_autofree char *from = g_strdup_printf ("%04u-01-01", year);
  g_autofree char *to = g_strdup_printf ("%04u-12-31", year);
  g_autoptr(GListModel) meetings = zb_store_list_meetings (store, from, to, error);
  g_autoptr(GHashTable) names = meetings != NULL ? member_names (store, error) : NULL;

  return names != NULL ? for_people (zb_meetings_table (meetings), names) : NULL;
}

static ZbTable *
build_ledger (ZbStore  *store,
              gpointer  data,
              GError  **error)
{
  LedgerData *ledger = data;
  g_autoptr(GListModel) lines = NULL;
  g_autoptr(GListModel) payments = NULL;

  if ((lines = zb_store_dues_ledger (store, ledger->member_id, ledger->month, error)) == NULL ||
      (payments = zb_store_list_dues_payments (store, ledger->member_id, error)) == NULL)
    return NULL;
  return for_people (zb_dues_ledger_table (lines, payments), NULL);
}

static ZbTable *
build_arrears (ZbStore  *store,
               gpointer  data,
               GError  **error)
{
  g_autoptr(GListModel) arrears = zb_store_dues_arrears (store, data, error);

  return arrears != NULL ? for_people (zb_arrears_table (arrears), NULL) : NULL;
}

static ZbTable *
build_points (ZbStore  *store,
              gpointer  data,
              GError  **error)
{
  g_autoptr(GListModel) lines = zb_store_points (store, GPOINTER_TO_UINT (data), error);

  return lines != NULL ? for_people (zb_points_table (lines), NULL) : NULL;
}

/* ---- what each export asks and saves ---------------------------------- */

static void
plan_roster (Plan     *plan,
             gboolean  with_sensitive)
{
  g_autofree char *today = zb_date_today_iso ();

  plan->title = with_sensitive ? _("Export the Roster with ID Numbers and Phones")
                               : _("Export the Roster");
  /* TRANSLATORS: a spreadsheet's name, without its ending: %s is today's date */
  plan->file_name = g_strdup_printf (_("Roster %s"), today);
  plan->build = build_roster;
  plan->data = GINT_TO_POINTER (with_sensitive);
}

static void
plan_roster_template (Plan *plan)
{
  plan->title = _("Save a Blank Roster to Fill In");
  /* TRANSLATORS: a spreadsheet's name, without its ending */
  plan->file_name = g_strdup (_("Roster to fill in"));
  plan->build = build_roster_template;
}

static void
plan_meetings (Plan *plan)
{
  guint year = this_year ();

  plan->title = _("Export This Year’s Meetings");
  /* TRANSLATORS: a spreadsheet's name, without its ending: %u is the year */
  plan->file_name = g_strdup_printf (_("Meetings %u"), year);
  plan->build = build_meetings;
  plan->data = GUINT_TO_POINTER (year);
}

/* The measures as the page filters them, built here from its list. */
static void
plan_measures (ZbWindow *self,
               Plan     *plan)
{
  g_autofree char *today = zb_date_today_iso ();
  ZbMeasuresView *view = ZB_MEASURES_VIEW (zb_window_get_measures_view (self));

  plan->title = _("Export the Measures");
  /* TRANSLATORS: a spreadsheet's name, without its ending: %s is today's date */
  plan->file_name = g_strdup_printf (_("Measures %s"), today);
  plan->build = zb_export_built;
  plan->data = for_people (zb_measures_table (zb_measures_view_get_shown (view)), NULL);
  plan->data_free = (GDestroyNotify) zb_table_unref;
}

static gboolean
plan_ledger (ZbWindow *self,
             Plan     *plan)
{
  ZbStore *store = zb_context_get_store (self->context);
  const char *id = zb_dues_view_get_member (ZB_DUES_VIEW (zb_window_get_dues_view (self)));
  g_autoptr(ZbMember) member = id != NULL ? zb_store_get_member (store, id, NULL) : NULL;
  LedgerData *data;

  if (member == NULL)
    {
      zb_widget_toast (GTK_WIDGET (self->toast_overlay),
                       _("Choose a member in the list first, then export their ledger."));
      return FALSE;
    }
  data = g_new0 (LedgerData, 1);
  data->member_id = g_strdup (id);
  data->month = this_month ();
  plan->title = _("Export the Dues Ledger");
  /* TRANSLATORS: a spreadsheet's name, without its ending: a member's name, the month */
  plan->file_name = g_strdup_printf (_("Dues ledger %s %s"), zb_member_get (member, ZB_MEMBER_FIELD_NAME),
                                     data->month);
  plan->build = build_ledger;
  plan->data = data;
  plan->data_free = (GDestroyNotify) ledger_data_free;
  return TRUE;
}

static void
plan_arrears (Plan *plan)
{
  char *month = this_month ();

  plan->title = _("Export the Dues Arrears");
  /* TRANSLATORS: a spreadsheet's name, without its ending: %s is the month */
  plan->file_name = g_strdup_printf (_("Dues arrears %s"), month);
  plan->build = build_arrears;
  plan->data = month;
  plan->data_free = g_free;
}

static void
plan_points (ZbWindow *self,
             Plan     *plan)
{
  guint year = zb_study_view_get_year (ZB_STUDY_VIEW (zb_window_get_study_view (self)));

  if (year == 0)
    year = this_year ();
  plan->title = _("Export Points Table");
  /* TRANSLATORS: a spreadsheet's name, without its ending: %u is the year */
  plan->file_name = g_strdup_printf (_("Points table %u"), year);
  plan->build = build_points;
  plan->data = GUINT_TO_POINTER (year);
}

static gboolean
plan_export (ZbWindow   *self,
             const char *list,
             Plan       *plan)
{
  if (g_str_equal (list, "roster") || g_str_equal (list, "roster-sensitive"))
    plan_roster (plan, g_str_equal (list, "roster-sensitive"));
  else if (g_str_equal (list, "roster-template"))
    plan_roster_template (plan);
  else if (g_str_equal (list, "meetings"))
    plan_meetings (plan);
  else if (g_str_equal (list, "measures"))
    plan_measures (self, plan);
  else if (g_str_equal (list, "dues-ledger"))
    return plan_ledger (self, plan);
  else if (g_str_equal (list, "arrears"))
    plan_arrears (plan);
  else if (g_str_equal (list, "points"))
    plan_points (self, plan);
  else
    g_return_val_if_reached (FALSE);
  return TRUE;
}

/* Exports @list (“roster”, “roster-sensitive”, “roster-template”, “meetings”,
 * “measures”, “dues-ledger”, “arrears” or “points”) as the section shows it: to @path,
 * or, when it is NULL, where the chooser says. FALSE when nothing started. */
gboolean
zb_window_export (ZbWindow   *self,
                  const char *list,
                  const char *path)
{
  /* The toasts go to the window's overlay, which is inside the window. */
  GtkWidget *shows = GTK_WIDGET (self->toast_overlay);
  ZbStore *store;
  Plan plan = { NULL };

  g_return_val_if_fail (ZB_IS_WINDOW (self), FALSE);
  g_return_val_if_fail (list != NULL, FALSE);

  if ((store = zb_context_get_store (self->context)) == NULL || !plan_export (self, list, &plan))
    return FALSE;
  if (path != NULL)
    zb_export_save (shows, store, path, plan.build, plan.data, plan.data_free);
  else
    zb_export_choose (shows, store, plan.title, plan.file_name, plan.build,
                      plan.data, plan.data_free);
  g_free (plan.file_name);
  return TRUE;
}

/* win.export-roster, win.export-meetings, …: the list is in the name. */
static void
export_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  zb_window_export (ZB_WINDOW (widget), action_name + strlen ("win.export-"), NULL);
}

/* Ctrl+E: the menu of the section in view, when it has one. */
static void
sheets_menu_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  ZbWindow *self = ZB_WINDOW (widget);

  if (gtk_widget_is_drawable (GTK_WIDGET (self->sheets_button)))
    gtk_menu_button_popup (self->sheets_button);
}

/* The spreadsheet button and its items follow the section in view. */
void
zb_window_update_sheets (ZbWindow *self)
{
  const char *view = adw_view_stack_get_visible_child_name (self->view_stack);
  gboolean any = FALSE;

  for (guint i = 0; i < G_N_ELEMENTS (exports); i++)
    {
      g_autofree char *action = g_strconcat ("win.export-", exports[i].list, NULL);
      gboolean here = g_strcmp0 (view, exports[i].view) == 0;

      gtk_widget_action_set_enabled (GTK_WIDGET (self), action, here);
      any |= here;
    }
  gtk_widget_set_visible (GTK_WIDGET (self->sheets_button), any);
}

/* ---- importing a roster ----------------------------------------------- */

static void
import_job_free (ImportJob *job)
{
  g_clear_object (&job->store);
  g_free (job->path);
  g_free (job);
}

static void
set_importing (ZbWindow *self,
               gboolean  importing)
{
  self->importing = importing;
  gtk_widget_set_visible (GTK_WIDGET (self->import_spinner), importing);
  gtk_spinner_set_spinning (self->import_spinner, importing);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.import-roster", !importing);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.welcome-finish", !importing);
}

/* All or nothing: zb_member_import_file() adds every row in one
 * transaction, or none when a row is wrong. */
static void
import_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  ImportJob *job = task_data;
  GError *error = NULL;

  if (zb_member_import_file (job->store, job->path, ZB_CSV_ENCODING_AUTO, &job->n_imported, NULL,
                             &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

static void
problems_response_cb (AdwMessageDialog *dialog,
                      const char       *response)
{
  const char *text = g_object_get_data (G_OBJECT (dialog), "text");

  if (g_str_equal (response, "copy"))
    gdk_clipboard_set_text (gtk_widget_get_clipboard (GTK_WIDGET (dialog)), text);
}

/* The rows and fields at fault, to read through and copy, whole or in part. */
/* A long list of problems scrolls. A few stay a plain label: in a scroller
 * the dialog measured them at their natural width, on fewer lines than they
 * wrap to, and a damaged file's one long problem lost its last line. */
static GtkWidget *
scroll_if_long (GtkWidget *label)
{
  const char *text = gtk_label_get_text (GTK_LABEL (label));
  GtkWidget *scroller;
  guint lines = 1;

  for (const char *p = strchr (text, '\n'); p != NULL; p = strchr (p + 1, '\n'))
    lines++;
  if (lines <= 6 && g_utf8_strlen (text, -1) <= 400)
    return label;

  scroller = gtk_scrolled_window_new ();
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scroller), GTK_POLICY_NEVER,
                                  GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_propagate_natural_height (GTK_SCROLLED_WINDOW (scroller), TRUE);
  gtk_scrolled_window_set_max_content_height (GTK_SCROLLED_WINDOW (scroller), 320);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scroller), label);
  return scroller;
}

static void
show_problems (ZbWindow   *self,
               const char *head,
               const char *problems)
{
  GtkWidget *label = gtk_label_new (problems);
  GtkWidget *dialog = adw_message_dialog_new (GTK_WINDOW (self), _("Nothing Imported"), head);

  gtk_label_set_selectable (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_yalign (GTK_LABEL (label), 0);
  gtk_widget_set_name (label, "import-problems");
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), scroll_if_long (label));
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog), "copy", _("C_opy the List"),
                                    "close", _("_Close"), NULL);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "close");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "close");
  g_object_set_data_full (G_OBJECT (dialog), "text", g_strdup_printf ("%s\n%s", head, problems),
                          g_free);
  g_signal_connect (dialog, "response", G_CALLBACK (problems_response_cb), NULL);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
import_refused (ZbWindow     *self,
                ImportJob    *job,
                const GError *error)
{
  g_autofree char *name = g_filename_display_name (job->path);
  /* TRANSLATORS: %s is the spreadsheet; the reasons, row by row, follow */
  g_autofree char *head = g_strdup_printf (_("Nothing was imported from %s. Put these right "
                                             "in the spreadsheet and import it again:"),
                                           name);

  if (job->first_run)
    {
      g_autofree char *message = g_strdup_printf ("%s\n%s", head, error->message);

      zb_window_show_error (self->import_error, message);
      gtk_widget_grab_focus (self->import_button);
    }
  else
    show_problems (self, head, error->message);
}

static void
imported_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  ZbWindow *self = ZB_WINDOW (object);
  ImportJob *job = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;

  if (!g_task_propagate_boolean (G_TASK (result), &error) &&
      g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  set_importing (self, FALSE);
  if (error != NULL)
    {
      import_refused (self, job, error);
      return;
    }

  zb_window_show_error (self->import_error, NULL);
  zb_window_update_group_filter (self);
  zb_window_show_roster (self);
  /* TRANSLATORS: members imported from a spreadsheet, with digit grouping */
  message = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Imported %'u member",
                                          "Imported %'u members", job->n_imported),
                             job->n_imported);
  adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (message));
}

/* Imports the roster at @path, off the main thread; the roster follows,
 * or the rows at fault are listed: on the first run's step, or in a dialog
 * when the import came from the menu. */
gboolean
zb_window_import_roster (ZbWindow   *self,
                         const char *path)
{
  ZbStore *store = zb_context_get_store (self->context);
  g_autoptr(GTask) task = NULL;
  ImportJob *job;

  g_return_val_if_fail (ZB_IS_WINDOW (self), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  if (store == NULL || self->importing)
    return FALSE;

  job = g_new0 (ImportJob, 1);
  job->store = g_object_ref (store);
  job->path = g_strdup (path);
  job->first_run = g_strcmp0 (gtk_stack_get_visible_child_name (self->stack), "welcome") == 0;
  task = g_task_new (self, self->cancellable, imported_cb, NULL);
  g_task_set_source_tag (task, zb_window_import_roster);
  g_task_set_task_data (task, job, (GDestroyNotify) import_job_free);
  zb_window_show_error (self->import_error, NULL);
  set_importing (self, TRUE);
  g_task_run_in_thread (task, import_thread);
  return TRUE;
}

static void
import_chosen_cb (ZbWindow             *self,
                  int                   response,
                  GtkFileChooserNative *chooser)
{
  g_autoptr(GFile) file = NULL;

  if (response == GTK_RESPONSE_ACCEPT &&
      (file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser))) != NULL)
    {
      g_autofree char *path = g_file_get_path (file);

      zb_window_import_roster (self, path);
    }
  g_clear_object (&self->import_chooser);
}

static GtkFileFilter *
new_filter (const char  *name,
            const char **patterns)
{
  GtkFileFilter *filter = gtk_file_filter_new ();

  gtk_file_filter_set_name (filter, name);
  for (; *patterns != NULL; patterns++)
    gtk_file_filter_add_suffix (filter, *patterns);
  return filter;
}

static void
import_roster_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  ZbWindow *self = ZB_WINDOW (widget);
  const char *sheets[] = { "xlsx", "xls", "csv", NULL };
  g_autoptr(GtkFileFilter) filter = new_filter (_("Spreadsheets (.xlsx, .xls, .csv)"), sheets);
  GtkFileChooserNative *chooser;

  if (zb_context_get_store (self->context) == NULL || self->importing)
    return;
  chooser = zb_file_chooser_new (widget, GTK_FILE_CHOOSER_ACTION_OPEN, _("Import a Roster"),
                                 _("_Import"), NULL);
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), filter);
  g_signal_connect_object (chooser, "response", G_CALLBACK (import_chosen_cb), self,
                           G_CONNECT_SWAPPED);
  zb_file_chooser_show (&self->import_chooser, chooser);
}

void
zb_window_class_init_sheets (GtkWidgetClass *widget_class)
{
  for (guint i = 0; i < G_N_ELEMENTS (exports); i++)
    {
      g_autofree char *action = g_strconcat ("win.export-", exports[i].list, NULL);

      gtk_widget_class_install_action (widget_class, action, NULL, export_action);
    }
  /* Whatever the section: the first run offers it before there is one. */
  gtk_widget_class_install_action (widget_class, "win.export-roster-template", NULL,
                                   export_action);
  gtk_widget_class_install_action (widget_class, "win.sheets-menu", NULL, sheets_menu_action);
  gtk_widget_class_install_action (widget_class, "win.import-roster", NULL,
                                   import_roster_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_e, GDK_CONTROL_MASK,
                                       "win.sheets-menu", NULL);
}

void
zb_window_dispose_sheets (ZbWindow *self)
{
  if (self->import_chooser != NULL)
    gtk_native_dialog_destroy (self->import_chooser);
  g_clear_object (&self->import_chooser);
}
