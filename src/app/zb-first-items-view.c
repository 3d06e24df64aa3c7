#define G_LOG_DOMAIN "zb-first-items-view"

#include "config.h"

#include <glib/gi18n.h>

#include "zb-date.h"
#include "zb-first-items-view.h"
#include "zb-widget-util.h"

/* The years offered: this one and the ones before it. */
#define N_YEARS 6

struct _ZbFirstItemsView
{
  GtkWidget           parent_instance;

  AdwPreferencesPage *page;
  AdwComboRow        *year_row;
  GtkListBox         *list;

  ZbContext          *context;
  GCancellable       *cancellable;
  GListStore         *entries;
  guint               this_year;
  gboolean            loading;
};

typedef struct
{
  char *from;
  char *to;
} Load;

G_DEFINE_FINAL_TYPE (ZbFirstItemsView, zb_first_items_view, GTK_TYPE_WIDGET)

enum {
  MEETING_ACTIVATED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
load_free (Load *load)
{
  g_free (load->from);
  g_free (load->to);
  g_free (load);
}

static guint
chosen_year (ZbFirstItemsView *self)
{
  return self->this_year - adw_combo_row_get_selected (self->year_row);
}

/* "Topic: … · Form: … · Studied: …", or what is missing. */
static char *
entry_subtitle (ZbFirstItemEntry *entry)
{
  ZbFirstItem *first = zb_first_item_entry_get_first (entry);
  g_autoptr(GPtrArray) parts = g_ptr_array_new_with_free_func (g_free);

  if (first == NULL)
    return g_strdup (_("No first agenda item: the meeting should open with one"));
  if (zb_first_item_get_topic (first) != NULL)
    /* TRANSLATORS: the study topic (学习主题) of a first agenda item */
    g_ptr_array_add (parts, g_strdup_printf (_("Topic: %s"), zb_first_item_get_topic (first)));
  if (zb_first_item_get_form (first) != NULL)
    /* TRANSLATORS: how the first agenda item was studied (传达, 领学, 研讨…) */
    g_ptr_array_add (parts, g_strdup_printf (_("Form: %s"), zb_first_item_get_form (first)));
  if (zb_first_item_get_material (first) != NULL)
    /* TRANSLATORS: the documents studied in the first agenda item */
    g_ptr_array_add (parts, g_strdup_printf (_("Studied: %s"),
                                             zb_first_item_get_material (first)));
  if (zb_first_item_entry_is_missing (entry))
    g_ptr_array_add (parts, g_strdup (_("Not filled in yet")));
  g_ptr_array_add (parts, NULL);

  return g_strjoinv ("\n", (char **) parts->pdata);
}

static GtkWidget *
create_row (gpointer item,
            gpointer user_data)
{
  ZbFirstItemEntry *entry = item;
  ZbMeeting *meeting = zb_first_item_entry_get_meeting (entry);
  GtkWidget *row = adw_action_row_new ();
  g_autofree char *day = zb_date_format_day (zb_meeting_get_date (meeting));
  g_autofree char *title = g_strdup_printf ("%s  %s", day, zb_meeting_get_title (meeting));
  g_autofree char *subtitle = entry_subtitle (entry);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 4);
  if (zb_first_item_entry_is_missing (entry))
    {
      GtkWidget *icon = gtk_image_new_from_icon_name ("dialog-warning-symbolic");

      gtk_widget_add_css_class (icon, "warning");
      gtk_accessible_update_property (GTK_ACCESSIBLE (icon), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      _("Missing"), -1);
      adw_action_row_add_prefix (ADW_ACTION_ROW (row), icon);
    }
  adw_action_row_add_suffix (ADW_ACTION_ROW (row),
                             gtk_image_new_from_icon_name ("go-next-symbolic"));
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_LABEL, title, -1);
  g_object_set_data_full (G_OBJECT (row), "meeting-id", g_strdup (zb_meeting_get_id (meeting)),
                          g_free);
  return row;
}

static void
row_activated_cb (ZbFirstItemsView *self,
                  GtkListBoxRow    *row)
{
  g_signal_emit (self, signals[MEETING_ACTIVATED], 0,
                 g_object_get_data (G_OBJECT (row), "meeting-id"));
}

static void
load_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  Load *load = task_data;
  GError *error = NULL;
  GListModel *entries = zb_store_list_first_items (source_object, load->from, load->to, &error);

  if (entries == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, entries, g_object_unref);
}

static void
load_done_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(ZbFirstItemsView) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) entries = g_task_propagate_pointer (G_TASK (result), &error);
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->entries));

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  self->loading = FALSE;
  if (entries == NULL)
    {
      g_list_store_remove_all (self->entries);
      zb_widget_toast_error (GTK_WIDGET (self), error);
      return;
    }
  g_list_store_splice (self->entries, 0, n, NULL, 0);
  for (guint i = 0; i < g_list_model_get_n_items (entries); i++)
    {
      g_autoptr(GObject) entry = g_list_model_get_item (entries, i);

      g_list_store_append (self->entries, entry);
    }
}

/* Reads the chosen year's first items in a worker thread; a reload while
 * one runs replaces it. */
void
zb_first_items_view_reload (ZbFirstItemsView *self)
{
  ZbStore *store = self->context ? zb_context_get_store (self->context) : NULL;
  g_autoptr(GTask) task = NULL;
  Load *load;

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  if (store == NULL)
    return;

  load = g_new0 (Load, 1);
  load->from = zb_date_format_ymd (chosen_year (self), 1, 1);
  load->to = zb_date_format_ymd (chosen_year (self), 12, 31);
  self->cancellable = g_cancellable_new ();
  self->loading = TRUE;

  task = g_task_new (store, self->cancellable, load_done_cb, g_object_ref (self));
  g_task_set_source_tag (task, zb_first_items_view_reload);
  g_task_set_task_data (task, load, (GDestroyNotify) load_free);
  g_task_run_in_thread (task, load_thread);
}

static void
fill_years (ZbFirstItemsView *self)
{
  g_autofree char *today = zb_date_today_iso ();
  GtkStringList *years = gtk_string_list_new (NULL);

  self->this_year = g_ascii_strtoull (today, NULL, 10);
  for (guint i = 0; i < N_YEARS; i++)
    {
      /* TRANSLATORS: a year in the list of years, such as 2026 */
      g_autofree char *year = g_strdup_printf (C_("year", "%u"), self->this_year - i);

      gtk_string_list_append (years, year);
    }
  adw_combo_row_set_model (self->year_row, G_LIST_MODEL (years));
  g_object_unref (years);
}

static void
zb_first_items_view_dispose (GObject *object)
{
  ZbFirstItemsView *self = (ZbFirstItemsView *)object;

  g_cancellable_cancel (self->cancellable);
  gtk_widget_dispose_template (GTK_WIDGET (self), ZB_TYPE_FIRST_ITEMS_VIEW);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->context);
  g_clear_object (&self->entries);

  G_OBJECT_CLASS (zb_first_items_view_parent_class)->dispose (object);
}

static void
zb_first_items_view_class_init (ZbFirstItemsViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = zb_first_items_view_dispose;

  /**
   * ZbFirstItemsView::meeting-activated:
   * @meeting_id: the meeting chosen, for the window to open its minutes
   */
  signals[MEETING_ACTIVATED] =
    g_signal_new ("meeting-activated", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL,
                  NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/zhibu/Zhibu/ui/zb-first-items-view.ui");
  gtk_widget_class_bind_template_child (widget_class, ZbFirstItemsView, page);
  gtk_widget_class_bind_template_child (widget_class, ZbFirstItemsView, year_row);
  gtk_widget_class_bind_template_child (widget_class, ZbFirstItemsView, list);
}

static void
zb_first_items_view_init (ZbFirstItemsView *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->entries = g_list_store_new (ZB_TYPE_FIRST_ITEM_ENTRY);
  fill_years (self);
  gtk_list_box_bind_model (self->list, G_LIST_MODEL (self->entries), create_row, self, NULL);
  gtk_list_box_set_placeholder (self->list,
                                zb_list_placeholder_new (_("No meeting of this year has or needs "
                                                           "a first agenda item")));
  g_signal_connect_object (self->list, "row-activated", G_CALLBACK (row_activated_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->year_row, "notify::selected",
                           G_CALLBACK (zb_first_items_view_reload), self, G_CONNECT_SWAPPED);
}

void
zb_first_items_view_set_context (ZbFirstItemsView *self,
                                 ZbContext        *context)
{
  g_set_object (&self->context, context);
  zb_first_items_view_reload (self);
}

gboolean
zb_first_items_view_is_loading (ZbFirstItemsView *self)
{
  return self->loading;
}

/* Chooses @year, within the years offered. */
void
zb_first_items_view_set_year (ZbFirstItemsView *self,
                              guint             year)
{
  g_return_if_fail (year <= self->this_year && year > self->this_year - N_YEARS);

  adw_combo_row_set_selected (self->year_row, self->this_year - year);
}

GListModel *
zb_first_items_view_get_entries (ZbFirstItemsView *self)
{
  return G_LIST_MODEL (self->entries);
}

/* The row of @meeting_id, for tests to activate as a user would. */
GtkWidget *
zb_first_items_view_get_row (ZbFirstItemsView *self,
                             const char       *meeting_id)
{
  for (int i = 0; ; i++)
    {
      GtkListBoxRow *row = gtk_list_box_get_row_at_index (self->list, i);

      if (row == NULL)
        return NULL;
      if (g_strcmp0 (g_object_get_data (G_OBJECT (row), "meeting-id"), meeting_id) == 0)
        return GTK_WIDGET (row);
    }
}
