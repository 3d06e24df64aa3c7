#define G_LOG_DOMAIN "zb-measures-view"

#include "config.h"

#include <glib/gi18n.h>

#include "zb-date.h"
#include "zb-measures-editor.h"
#include "zb-measures-view.h"
#include "zb-widget-util.h"

/* Every measure the meetings decided (DOMAIN.md section 3), filtered by its
 * state: open, overdue (open past its due date), done. A measure is marked
 * done here as in the minutes, with the same question. */
struct _ZbMeasuresView
{
  GtkWidget           parent_instance;

  AdwPreferencesPage *page;
  AdwComboRow        *filter_row;
  GtkListBox         *list;

  ZbContext          *context;
  GCancellable       *cancellable;
  GListStore         *measures;
  GtkFilterListModel *shown;
  GHashTable         *titles;     /* meeting ID → its title */
  char               *today;
  gboolean            loading;
};

typedef struct
{
  GListModel *measures;
  GHashTable *titles;
} Loaded;

typedef struct
{
  char *id;
  char *date;
  char *note;
} DoneJob;

G_DEFINE_FINAL_TYPE (ZbMeasuresView, zb_measures_view, GTK_TYPE_WIDGET)

enum {
  MEETING_ACTIVATED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
loaded_free (Loaded *loaded)
{
  g_clear_object (&loaded->measures);
  g_clear_pointer (&loaded->titles, g_hash_table_unref);
  g_free (loaded);
}

static void
done_job_free (DoneJob *job)
{
  g_free (job->id);
  g_free (job->date);
  g_free (job->note);
  g_free (job);
}

static gboolean
is_done (ZbMeasure *m)
{
  return g_strcmp0 (zb_measure_get_state (m), "done") == 0;
}

static gboolean
is_overdue (ZbMeasuresView *self,
            ZbMeasure      *m)
{
  return !is_done (m) && zb_measure_get_due_date (m) != NULL &&
         zb_date_compare_iso (zb_measure_get_due_date (m), self->today) < 0;
}

static gboolean
filter_func (gpointer item,
             gpointer user_data)
{
  ZbMeasuresView *self = user_data;

  switch ((ZbMeasuresFilter) adw_combo_row_get_selected (self->filter_row))
    {
    case ZB_MEASURES_OPEN:
      return !is_done (item);
    case ZB_MEASURES_OVERDUE:
      return is_overdue (self, item);
    case ZB_MEASURES_DONE:
      return is_done (item);
    case ZB_MEASURES_ALL:
    default:
      return TRUE;
    }
}

/* "Decided at 三月支委会 (2026-03-05) · Responsible: … · Due 2026-04-01",
 * then its state. */
static char *
measure_subtitle (ZbMeasuresView *self,
                  ZbMeasure      *m)
{
  const char *title = g_hash_table_lookup (self->titles, zb_measure_get_meeting_id (m));
  g_autoptr(GPtrArray) parts = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *decided = zb_date_format_day (zb_measure_get_meeting_date (m));
  g_autofree char *due = zb_date_format_day (zb_measure_get_due_date (m));
  g_autofree char *done = zb_date_format_day (zb_measure_get_done_date (m));
  g_autofree char *first = NULL, *state = NULL;

  /* TRANSLATORS: the meeting that decided a measure, then its date */
  g_ptr_array_add (parts, g_strdup_printf (_("Decided at %s (%s)"), title ? title : "",
                                           decided));
  if (zb_measure_get_owner (m) != NULL)
    /* TRANSLATORS: the person or body responsible for a measure (责任人) */
    g_ptr_array_add (parts, g_strdup_printf (_("Responsible: %s"), zb_measure_get_owner (m)));
  if (due != NULL)
    /* TRANSLATORS: %s is the date a measure is due */
    g_ptr_array_add (parts, g_strdup_printf (_("Due %s"), due));
  g_ptr_array_add (parts, NULL);
  first = g_strjoinv (" · ", (char **) parts->pdata);

  if (is_done (m))
    /* TRANSLATORS: a measure marked done: the date, then how it was done */
    state = g_strdup_printf (_("Done %s: %s"), done, zb_measure_get_done_note (m));
  else
    state = g_strdup (is_overdue (self, m) ? _("Overdue") : C_("measure", "Open"));
  return g_strdup_printf ("%s\n%s", first, state);
}

static gboolean
complete_call (ZbStore  *store,
               gpointer  data,
               GError  **error)
{
  DoneJob *job = data;

  return zb_store_complete_measure (store, job->id, job->date, job->note, error);
}

static void
completed_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(ZbMeasuresView) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!zb_store_call_finish (ZB_STORE (object), result, &error))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        zb_widget_toast_error (GTK_WIDGET (self), error);
      return;
    }
  zb_widget_toast (GTK_WIDGET (self), _("Measure marked done"));
  zb_measures_view_reload (self);
}

static void
done_response_cb (AdwMessageDialog *dialog,
                  const char       *response,
                  ZbMeasuresView   *self)
{
  ZbStore *store = self->context ? zb_context_get_store (self->context) : NULL;
  g_autofree char *note = zb_measure_done_dialog_dup_note (dialog);
  DoneJob *job;

  if (!g_str_equal (response, "done") || *note == '\0' || store == NULL)
    return;

  job = g_new0 (DoneJob, 1);
  job->id = g_strdup (g_object_get_data (G_OBJECT (dialog), "measure-id"));
  job->date = zb_date_today_iso ();
  job->note = g_steal_pointer (&note);
  zb_store_call_async (store, complete_call, job, (GDestroyNotify) done_job_free,
                       self->cancellable, completed_cb, g_object_ref (self));
}

static void
done_clicked_cb (GtkButton      *button,
                 ZbMeasuresView *self)
{
  ZbMeasure *m = g_object_get_data (G_OBJECT (button), "measure");
  AdwMessageDialog *dialog;

  dialog = zb_measure_done_dialog_new (GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))),
                                       zb_measure_get_text (m));
  g_object_set_data_full (G_OBJECT (dialog), "measure-id", g_strdup (zb_measure_get_id (m)),
                          g_free);
  g_signal_connect_object (dialog, "response", G_CALLBACK (done_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static GtkWidget *
create_row (gpointer item,
            gpointer user_data)
{
  ZbMeasuresView *self = user_data;
  ZbMeasure *m = item;
  GtkWidget *row = adw_action_row_new ();
  g_autofree char *subtitle = measure_subtitle (self, m);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), zb_measure_get_text (m));
  adw_action_row_set_title_lines (ADW_ACTION_ROW (row), 3);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  if (is_overdue (self, m))
    {
      GtkWidget *icon = gtk_image_new_from_icon_name ("dialog-warning-symbolic");

      gtk_widget_add_css_class (icon, "warning");
      gtk_accessible_update_property (GTK_ACCESSIBLE (icon), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      _("Overdue"), -1);
      adw_action_row_add_prefix (ADW_ACTION_ROW (row), icon);
    }
  if (!is_done (m))
    {
      GtkWidget *button = gtk_button_new_with_mnemonic (_("Mark _Done…"));

      gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
      g_object_set_data_full (G_OBJECT (button), "measure", g_object_ref (m), g_object_unref);
      g_signal_connect_object (button, "clicked", G_CALLBACK (done_clicked_cb), self, 0);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);
      g_object_set_data (G_OBJECT (row), "done-button", button);
    }
  adw_action_row_add_suffix (ADW_ACTION_ROW (row),
                             gtk_image_new_from_icon_name ("go-next-symbolic"));
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
  g_object_set_data_full (G_OBJECT (row), "measure", g_object_ref (m), g_object_unref);
  return row;
}

static void
row_activated_cb (ZbMeasuresView *self,
                  GtkListBoxRow  *row)
{
  ZbMeasure *m = g_object_get_data (G_OBJECT (row), "measure");

  g_signal_emit (self, signals[MEETING_ACTIVATED], 0, zb_measure_get_meeting_id (m));
}

static void
load_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  Loaded *loaded = g_new0 (Loaded, 1);
  g_autoptr(GListModel) meetings = NULL;
  GError *error = NULL;

  loaded->titles = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  if ((loaded->measures = zb_store_list_measures_all (source_object, &error)) == NULL ||
      (meetings = zb_store_list_meetings (source_object, NULL, NULL, &error)) == NULL)
    {
      loaded_free (loaded);
      g_task_return_error (task, error);
      return;
    }
  for (guint i = 0; i < g_list_model_get_n_items (meetings); i++)
    {
      g_autoptr(ZbMeeting) meeting = g_list_model_get_item (meetings, i);

      g_hash_table_insert (loaded->titles, g_strdup (zb_meeting_get_id (meeting)),
                           g_strdup (zb_meeting_get_title (meeting)));
    }
  g_task_return_pointer (task, loaded, (GDestroyNotify) loaded_free);
}

/* The newest meeting's measures first: the store lists them by date. */
static void
show_loaded (ZbMeasuresView *self,
             Loaded         *loaded)
{
  guint n = g_list_model_get_n_items (loaded->measures);
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func (g_object_unref);

  g_hash_table_unref (self->titles);
  self->titles = g_hash_table_ref (loaded->titles);
  g_free (self->today);
  self->today = zb_date_today_iso ();
  for (guint i = n; i > 0; i--)
    g_ptr_array_add (items, g_list_model_get_item (loaded->measures, i - 1));
  g_list_store_splice (self->measures, 0, g_list_model_get_n_items (G_LIST_MODEL (self->measures)),
                       items->pdata, items->len);
}

static void
load_done_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(ZbMeasuresView) self = user_data;
  g_autoptr(GError) error = NULL;
  Loaded *loaded = g_task_propagate_pointer (G_TASK (result), &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  self->loading = FALSE;
  if (loaded == NULL)
    {
      zb_widget_toast_error (GTK_WIDGET (self), error);
      return;
    }
  show_loaded (self, loaded);
  loaded_free (loaded);
}

/* Reads every measure in a worker thread; a reload while one runs
 * replaces it. */
void
zb_measures_view_reload (ZbMeasuresView *self)
{
  ZbStore *store = self->context ? zb_context_get_store (self->context) : NULL;
  g_autoptr(GTask) task = NULL;

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
  if (store == NULL)
    return;

  self->loading = TRUE;
  task = g_task_new (store, self->cancellable, load_done_cb, g_object_ref (self));
  g_task_set_source_tag (task, zb_measures_view_reload);
  g_task_run_in_thread (task, load_thread);
}

static void
filter_changed_cb (ZbMeasuresView *self)
{
  gtk_filter_changed (gtk_filter_list_model_get_filter (self->shown), GTK_FILTER_CHANGE_DIFFERENT);
}

static void
zb_measures_view_dispose (GObject *object)
{
  ZbMeasuresView *self = (ZbMeasuresView *)object;

  g_cancellable_cancel (self->cancellable);
  gtk_widget_dispose_template (GTK_WIDGET (self), ZB_TYPE_MEASURES_VIEW);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->context);
  g_clear_object (&self->shown);
  g_clear_object (&self->measures);
  g_clear_pointer (&self->titles, g_hash_table_unref);
  g_clear_pointer (&self->today, g_free);

  G_OBJECT_CLASS (zb_measures_view_parent_class)->dispose (object);
}

static void
zb_measures_view_class_init (ZbMeasuresViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = zb_measures_view_dispose;

  /**
   * ZbMeasuresView::meeting-activated:
   * @meeting_id: the meeting that decided the measure chosen
   */
  signals[MEETING_ACTIVATED] =
    g_signal_new ("meeting-activated", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL,
                  NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/zhibu/Zhibu/ui/zb-measures-view.ui");
  gtk_widget_class_bind_template_child (widget_class, ZbMeasuresView, page);
  gtk_widget_class_bind_template_child (widget_class, ZbMeasuresView, filter_row);
  gtk_widget_class_bind_template_child (widget_class, ZbMeasuresView, list);
}

static void
zb_measures_view_init (ZbMeasuresView *self)
{
  GtkCustomFilter *filter;

  gtk_widget_init_template (GTK_WIDGET (self));
  self->cancellable = g_cancellable_new ();
  self->titles = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  self->today = zb_date_today_iso ();
  self->measures = g_list_store_new (ZB_TYPE_MEASURE);
  filter = gtk_custom_filter_new (filter_func, self, NULL);
  self->shown = gtk_filter_list_model_new (G_LIST_MODEL (g_object_ref (self->measures)),
                                           GTK_FILTER (filter));
  gtk_list_box_bind_model (self->list, G_LIST_MODEL (self->shown), create_row, self, NULL);
  gtk_list_box_set_placeholder (self->list, zb_list_placeholder_new (_("No measure to show")));
  g_signal_connect_object (self->list, "row-activated", G_CALLBACK (row_activated_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->filter_row, "notify::selected", G_CALLBACK (filter_changed_cb),
                           self, G_CONNECT_SWAPPED);
}

void
zb_measures_view_set_context (ZbMeasuresView *self,
                              ZbContext      *context)
{
  g_set_object (&self->context, context);
  zb_measures_view_reload (self);
}

gboolean
zb_measures_view_is_loading (ZbMeasuresView *self)
{
  return self->loading;
}

void
zb_measures_view_set_filter (ZbMeasuresView   *self,
                             ZbMeasuresFilter  filter)
{
  adw_combo_row_set_selected (self->filter_row, filter);
}

/* The measures the filter lets through, as listed. */
GListModel *
zb_measures_view_get_shown (ZbMeasuresView *self)
{
  return G_LIST_MODEL (self->shown);
}

/* The row of @measure_id, for tests to use as a person would. */
GtkWidget *
zb_measures_view_get_row (ZbMeasuresView *self,
                          const char     *measure_id)
{
  for (int i = 0; ; i++)
    {
      GtkListBoxRow *row = gtk_list_box_get_row_at_index (self->list, i);
      ZbMeasure *m;

      if (row == NULL)
        return NULL;
      m = g_object_get_data (G_OBJECT (row), "measure");
      if (m != NULL && g_strcmp0 (zb_measure_get_id (m), measure_id) == 0)
        return GTK_WIDGET (row);
    }
}
