#define G_LOG_DOMAIN "zb-export"

#include "config.h"

#include <glib/gi18n.h>

#include "zb-export.h"
#include "zb-widget-util.h"

/* zb-export.c: every list the app exports goes through here. The chooser
 * offers a workbook (.xlsx, the default: Excel and WPS keep ID numbers and
 * phones as text) or CSV; the table is built from the store and written in
 * a worker thread, and a toast says where it went or why it did not. */

typedef struct
{
  GtkWidget      *widget;     /* whose window shows the toast */
  ZbExportBuild   build;
  gpointer        data;
  GDestroyNotify  data_free;
  char           *path;
} Job;

static void
job_free (Job *job)
{
  if (job->data_free != NULL)
    job->data_free (job->data);
  g_clear_object (&job->widget);
  g_free (job->path);
  g_free (job);
}

static Job *
job_new (GtkWidget      *widget,
         ZbExportBuild   build,
         gpointer        data,
         GDestroyNotify  data_free)
{
  Job *job = g_new0 (Job, 1);

  job->widget = g_object_ref (widget);
  job->build = build;
  job->data = data;
  job->data_free = data_free;
  return job;
}

/* Worker thread. */
static gboolean
write_thread (ZbStore  *store,
              gpointer  data,
              GError  **error)
{
  Job *job = data;
  g_autoptr(ZbTable) table = job->build (store, job->data, error);

  return table != NULL && zb_table_write_file (table, job->path, error);
}

static void
written_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  Job *job = zb_store_call_get_data (result);
  g_autoptr(GError) error = NULL;
  g_autofree char *name = g_filename_display_basename (job->path);
  g_autofree char *text = NULL;

  if (!zb_store_call_finish (ZB_STORE (object), result, &error))
    {
      /* TRANSLATORS: %s is why the file could not be written */
      g_autoptr(GError) shown = g_error_new (G_IO_ERROR, G_IO_ERROR_FAILED,
                                             _("Export: %s. Choose another folder or name."),
                                             error->message);

      zb_widget_toast_error (job->widget, shown);
      return;
    }
  /* TRANSLATORS: a toast once a list is saved: %s is the file's name */
  text = g_strdup_printf (_("Exported to %s"), name);
  zb_widget_toast (job->widget, text);
}

static void
save_job (ZbStore *store,
          Job     *job)
{
  zb_store_call_async (store, write_thread, job, (GDestroyNotify) job_free, NULL, written_cb,
                       NULL);
}

/* Saves what @build makes at @path, in .xlsx or CSV by its ending, off the
 * main thread; a toast of @widget's window tells how it went. The
 * chooser's answer comes here, and so do tests, with a path of their own. */
void
zb_export_save (GtkWidget      *widget,
                ZbStore        *store,
                const char     *path,
                ZbExportBuild   build,
                gpointer        data,
                GDestroyNotify  data_free)
{
  Job *job;

  g_return_if_fail (GTK_IS_WIDGET (widget));
  g_return_if_fail (ZB_IS_STORE (store));
  g_return_if_fail (path != NULL);
  g_return_if_fail (build != NULL);

  job = job_new (widget, build, data, data_free);
  job->path = g_strdup (path);
  save_job (store, job);
}

/* A ZbExportBuild for a table made on the main thread from what a view
 * shows: @table, given to zb_export_save() with zb_table_unref. */
ZbTable *
zb_export_built (ZbStore  *store,
                 gpointer  table,
                 GError  **error)
{
  return zb_table_ref (table);
}

/* @path as the chooser gave it, with the ending of the format chosen when
 * it has none Zhibu knows: “花名册” saved as CSV is “花名册.csv”. */
char *
zb_export_complete_path (const char    *path,
                         ZbTableFormat  format)
{
  ZbTableFormat named;

  g_return_val_if_fail (path != NULL, NULL);

  if (zb_table_format_for_path (path, &named, NULL))
    return g_strdup (path);
  return g_strconcat (path, format == ZB_TABLE_FORMAT_CSV ? ".csv" : ".xlsx", NULL);
}

static void
replace_response_cb (AdwMessageDialog *dialog,
                     const char       *response)
{
  ZbStore *store = g_object_get_data (G_OBJECT (dialog), "store");
  Job *job = g_object_steal_data (G_OBJECT (dialog), "job");

  if (job == NULL)
    return;
  if (g_str_equal (response, "replace"))
    save_job (store, job);
  else
    job_free (job);
}

static void
ask_replace (ZbStore *store,
             Job     *job)
{
  g_autofree char *name = g_filename_display_basename (job->path);
  GtkWidget *dialog = adw_message_dialog_new (GTK_WINDOW (gtk_widget_get_root (job->widget)),
                                              NULL, NULL);

  /* TRANSLATORS: %s is a file's name */
  adw_message_dialog_format_heading (ADW_MESSAGE_DIALOG (dialog), _("Replace “%s”?"), name);
  adw_message_dialog_set_body (ADW_MESSAGE_DIALOG (dialog),
                               _("A file of this name is already in the folder. Replacing it "
                                 "overwrites what it holds."));
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog), "cancel", _("_Cancel"),
                                    "replace", _("_Replace"), NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "replace",
                                              ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_object_set_data_full (G_OBJECT (dialog), "job", job, (GDestroyNotify) job_free);
  g_object_set_data_full (G_OBJECT (dialog), "store", g_object_ref (store), g_object_unref);
  g_signal_connect (dialog, "response", G_CALLBACK (replace_response_cb), NULL);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
chosen_cb (GtkNativeDialog *chooser,
           int              response)
{
  ZbStore *store = g_object_get_data (G_OBJECT (chooser), "store");
  Job *job = g_object_steal_data (G_OBJECT (chooser), "job");
  GtkFileFilter *csv = g_object_get_data (G_OBJECT (chooser), "csv-filter");
  g_autoptr(GFile) file = NULL;
  g_autofree char *path = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
  if (file != NULL)
    path = g_file_get_path (file);
  if (job != NULL && path != NULL)
    {
      gboolean as_csv = gtk_file_chooser_get_filter (GTK_FILE_CHOOSER (chooser)) == csv;

      job->path = zb_export_complete_path (path, as_csv ? ZB_TABLE_FORMAT_CSV
                                                        : ZB_TABLE_FORMAT_XLSX);
      /* The chooser asked about replacing the name typed, not this one. */
      if (!g_str_equal (job->path, path) && g_file_test (job->path, G_FILE_TEST_EXISTS))
        ask_replace (store, g_steal_pointer (&job));
      else
        save_job (store, g_steal_pointer (&job));
    }
  g_clear_pointer (&job, job_free);
  gtk_native_dialog_destroy (chooser);
  g_object_unref (chooser);
}

static GtkFileFilter *
add_filter (GtkFileChooser *chooser,
            const char     *name,
            const char     *suffix)
{
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();

  gtk_file_filter_set_name (filter, name);
  gtk_file_filter_add_suffix (filter, suffix);
  gtk_file_chooser_add_filter (chooser, filter);
  return filter;
}

/* Asks where to save what @build makes, under @file_name (without an
 * ending: the format chosen gives it), then saves it as zb_export_save()
 * does. @data belongs to the export from here on. */
void
zb_export_choose (GtkWidget      *widget,
                  ZbStore        *store,
                  const char     *title,
                  const char     *file_name,
                  ZbExportBuild   build,
                  gpointer        data,
                  GDestroyNotify  data_free)
{
  GtkFileChooserNative *chooser;
  GtkFileFilter *csv;

  g_return_if_fail (GTK_IS_WIDGET (widget));
  g_return_if_fail (ZB_IS_STORE (store));
  g_return_if_fail (build != NULL);

  chooser = zb_file_chooser_new (widget, GTK_FILE_CHOOSER_ACTION_SAVE, title, _("_Export"),
                                 file_name);
  add_filter (GTK_FILE_CHOOSER (chooser), _("Excel Workbook (.xlsx)"), "xlsx");
  csv = add_filter (GTK_FILE_CHOOSER (chooser), _("CSV"), "csv");
  g_object_set_data_full (G_OBJECT (chooser), "csv-filter", g_object_ref (csv), g_object_unref);
  g_object_set_data_full (G_OBJECT (chooser), "job", job_new (widget, build, data, data_free),
                          (GDestroyNotify) job_free);
  g_object_set_data_full (G_OBJECT (chooser), "store", g_object_ref (store), g_object_unref);
  g_signal_connect (chooser, "response", G_CALLBACK (chosen_cb), NULL);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}
