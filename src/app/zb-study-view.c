#define G_LOG_DOMAIN "zb-study-view"

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "zb-date.h"
#include "zb-pdf-points.h"
#include "zb-pdf-preview.h"
#include "zb-points.h"
#include "zb-points-line.h"
#include "zb-points-rules-dialog.h"
#include "zb-study-dialog.h"
#include "zb-study-view.h"
#include "zb-widget-util.h"

/* The study and points page (学习积分): for the year chosen, each member's
 * points by the branch's rule set (zb-points.c), in pinyin order as the
 * store gives them, the same as `zhibu-cli points --year Y`; the year's
 * study records with their member, day, what, time and kind, each
 * removable after a question; a dialog to add a record, one to change the
 * rules; the table printed through the preview, or saved as a spreadsheet
 * by the window (zb-window-sheets.c). Every read and write runs in a worker
 * thread (GTask); a reload while one runs replaces it. */


struct _ZbStudyView
{
  GtkWidget      parent_instance;

  GtkSpinner    *spinner;
  GtkSpinButton *year_spin;
  GtkAdjustment *year_adjustment;
  GtkLabel      *error_label;
  GtkLabel      *points_heading;
  GtkStack      *points_stack;
  GtkColumnView *points_table;
  GtkLabel      *records_heading;
  GtkStack      *records_stack;
  GtkListBox    *record_list;
  AdwStatusPage *records_empty;

  ZbContext     *context;
  GCancellable  *cancellable;
  GListStore    *points;        /* of ZbPointsLine, the year's as shown */
  GListModel    *studies;       /* of ZbStudy, the year's as shown */
  ZbPointsRules  rules;
  guint          shown_year;    /* whose points are shown; 0 before any */
  gboolean       loading;
  gboolean       busy;          /* a removal is being written */
};

G_DEFINE_FINAL_TYPE (ZbStudyView, zb_study_view, GTK_TYPE_WIDGET)

static ZbStore *
store_of (ZbStudyView *self)
{
  return self->context != NULL ? zb_context_get_store (self->context) : NULL;
}

static void
show_error (ZbStudyView  *self,
            const GError *error)
{
  gtk_label_set_text (self->error_label, error != NULL ? error->message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), error != NULL);
}

static void
update_loading (ZbStudyView *self)
{
  gboolean busy = self->loading || self->busy;
  gboolean shown = self->shown_year != 0;

  gtk_spinner_set_spinning (self->spinner, busy);
  gtk_widget_set_visible (GTK_WIDGET (self->spinner), busy);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "study.add-record", store_of (self) != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "study.edit-rules", shown);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "study.print-points", shown);
}

/* 90 minutes as "1:30". */
static char *
format_minutes (gint64 minutes)
{
  return g_strdup_printf ("%" G_GINT64_FORMAT ":%02d", minutes / 60, (int) (minutes % 60));
}

/* ---- the points table ------------------------------------------------- */

typedef char *(*CellText) (const ZbPoints *points);

static char *
meetings_text (const ZbPoints *p)
{
  return g_strdup_printf ("%u", p->meetings);
}

static char *
study_text (const ZbPoints *p)
{
  return format_minutes (p->study_minutes);
}

static char *
lectures_text (const ZbPoints *p)
{
  return g_strdup_printf ("%u", p->lectures);
}

static char *
volunteer_text (const ZbPoints *p)
{
  return format_minutes (p->volunteer_minutes);
}

static char *
total_text (const ZbPoints *p)
{
  g_autofree char *total = zb_points_format (p->total_tenths);

  /* TRANSLATORS: a member's total points, held at the branch's yearly cap */
  return p->capped ? g_strdup_printf (_("%s (at the cap)"), total) : g_steal_pointer (&total);
}

static const struct
{
  const char *title;
  CellText    text;      /* NULL: the member's name */
} columns[] = {
  { N_("Name"), NULL },
  { N_("Meetings attended"), meetings_text },
  { N_("Study hours"), study_text },
  { N_("Lectures given"), lectures_text },
  { N_("Volunteer hours"), volunteer_text },
  { N_("Total points"), total_text },
};

static void
setup_cell_cb (GtkSignalListItemFactory *factory,
               GtkListItem              *item,
               gpointer                  user_data)
{
  GtkWidget *label = gtk_label_new (NULL);
  guint column = GPOINTER_TO_UINT (user_data);

  /* Names read from the left, figures line up on the right. */
  gtk_label_set_xalign (GTK_LABEL (label), column == 0 ? 0.0 : 1.0);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_list_item_set_child (item, label);
}

static void
bind_cell_cb (GtkSignalListItemFactory *factory,
              GtkListItem              *item,
              gpointer                  user_data)
{
  ZbPointsLine *line = gtk_list_item_get_item (item);
  guint column = GPOINTER_TO_UINT (user_data);
  g_autofree char *text = NULL;

  if (columns[column].text == NULL)
    text = g_strdup (zb_points_line_get_name (line));
  else
    text = columns[column].text (zb_points_line_get_points (line));
  gtk_label_set_text (GTK_LABEL (gtk_list_item_get_child (item)), text);
}

static void
add_columns (ZbStudyView *self)
{
  g_autoptr(GtkNoSelection) selection = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (columns); i++)
    {
      g_autoptr(GtkListItemFactory) factory = gtk_signal_list_item_factory_new ();
      g_autoptr(GtkColumnViewColumn) column = NULL;

      g_signal_connect (factory, "setup", G_CALLBACK (setup_cell_cb), GUINT_TO_POINTER (i));
      g_signal_connect (factory, "bind", G_CALLBACK (bind_cell_cb), GUINT_TO_POINTER (i));
      column = gtk_column_view_column_new (_(columns[i].title), g_object_ref (factory));
      gtk_column_view_column_set_resizable (column, TRUE);
      gtk_column_view_column_set_expand (column, i == 0);
      gtk_column_view_append_column (self->points_table, column);
    }
  selection = gtk_no_selection_new (g_object_ref (G_LIST_MODEL (self->points)));
  gtk_column_view_set_model (self->points_table, GTK_SELECTION_MODEL (selection));
}

/* ---- the study records ------------------------------------------------ */

static void
clear_list (GtkListBox *list)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (list))) != NULL)
    gtk_list_box_remove (list, child);
}

/* A record: the member and what, then the day, the time and how (in a
 * meeting or on one's own), with a button to remove it. */
static GtkWidget *
record_row (ZbStudy *study)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *button = gtk_button_new_from_icon_name ("user-trash-symbolic");
  g_autofree char *time = format_minutes (zb_study_get_minutes (study));
  g_autofree char *day = zb_date_format_day (zb_study_get_date (study));
  g_autofree char *title = NULL, *subtitle = NULL, *label = NULL;

  /* TRANSLATORS: a study record: %1$s the member, %2$s what was studied */
  title = g_strdup_printf (_("%1$s: %2$s"), zb_study_get_member_name (study),
                           zb_study_get_title (study));
  /* TRANSLATORS: a study record: %1$s the date, %2$s the time as hours:minutes,
   * %3$s the kind (self-study, study in a meeting…) */
  subtitle = g_strdup_printf (_("%1$s · %2$s · %3$s"), day, time,
                              zb_study_kind_label (zb_study_get_kind (study)));
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);

  /* TRANSLATORS: a button's name for screen readers: %1$s the member, %2$s the date */
  label = g_strdup_printf (_("Remove the record of %1$s on %2$s"),
                           zb_study_get_member_name (study), day);
  gtk_widget_set_tooltip_text (button, _("Remove Record"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, label,
                                  -1);
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (button, "flat");
  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), "study.remove");
  gtk_actionable_set_action_target (GTK_ACTIONABLE (button), "s", zb_study_get_id (study));
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);
  g_object_set_data_full (G_OBJECT (row), "study-id", g_strdup (zb_study_get_id (study)),
                          g_free);
  return row;
}

/* ---- loading ---------------------------------------------------------- */

typedef struct
{
  guint          year;
  GListModel    *points;
  GListModel    *studies;
  ZbPointsRules  rules;
} Load;

static void
load_free (Load *load)
{
  g_clear_object (&load->points);
  g_clear_object (&load->studies);
  g_free (load);
}

static void
load_thread (GTask        *task,
             gpointer      source,
             gpointer      task_data,
             GCancellable *cancellable)
{
  Load *load = task_data;
  GError *error = NULL;

  if (zb_store_get_points_rules (source, &load->rules, &error) &&
      (load->points = zb_store_points (source, load->year, &error)) != NULL)
    load->studies = zb_store_list_studies (source, NULL, load->year, &error);
  if (error != NULL)
    g_task_return_error (task, error);
  else
    g_task_return_boolean (task, TRUE);
}

static void
show_load (ZbStudyView *self,
           Load        *load)
{
  guint n_points = g_list_model_get_n_items (load->points);
  guint n_studies = g_list_model_get_n_items (load->studies);
  g_autofree char *heading = NULL;
  g_autofree char *records = NULL;
  g_autofree char *empty = NULL;

  self->shown_year = load->year;
  self->rules = load->rules;
  g_set_object (&self->studies, load->studies);
  g_list_store_remove_all (self->points);
  for (guint i = 0; i < n_points; i++)
    {
      g_autoptr(ZbPointsLine) line = g_list_model_get_item (load->points, i);

      g_list_store_append (self->points, line);
    }
  /* TRANSLATORS: the points table's heading, %u the year */
  heading = g_strdup_printf (_("Points in %u"), load->year);
  gtk_label_set_text (self->points_heading, heading);
  gtk_stack_set_visible_child_name (self->points_stack, n_points > 0 ? "table" : "empty");

  clear_list (self->record_list);
  for (guint i = 0; i < n_studies; i++)
    {
      g_autoptr(ZbStudy) study = g_list_model_get_item (load->studies, i);

      gtk_list_box_append (self->record_list, record_row (study));
    }
  /* TRANSLATORS: the study records' heading, %u the year */
  records = g_strdup_printf (_("Study Records in %u"), load->year);
  gtk_label_set_text (self->records_heading, records);
  /* TRANSLATORS: the empty study records' title, %u the year */
  empty = g_strdup_printf (_("No Study Records in %u"), load->year);
  adw_status_page_set_title (self->records_empty, empty);
  gtk_stack_set_visible_child_name (self->records_stack, n_studies > 0 ? "list" : "empty");
}

static void
load_done_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(ZbStudyView) self = user_data;
  g_autoptr(GError) error = NULL;
  gboolean ok = g_task_propagate_boolean (G_TASK (result), &error);

  /* Replaced by a newer reload, or the view is gone. */
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  self->loading = FALSE;
  show_error (self, error);
  if (ok)
    show_load (self, g_task_get_task_data (G_TASK (result)));
  update_loading (self);
}

static void
year_changed_cb (ZbStudyView *self)
{
  zb_study_view_reload (self);
}

/* ---- adding, removing, the rules -------------------------------------- */

static void
present (GtkWidget *widget,
         GtkWindow *window)
{
  gtk_window_set_transient_for (window, GTK_WINDOW (gtk_widget_get_root (widget)));
  gtk_window_present (window);
}

static void
toast (ZbStudyView *self,
       const char  *text)
{
  GtkWidget *overlay = gtk_widget_get_ancestor (GTK_WIDGET (self), ADW_TYPE_TOAST_OVERLAY);

  if (overlay != NULL)
    adw_toast_overlay_add_toast (ADW_TOAST_OVERLAY (overlay), adw_toast_new (text));
}

static void
study_saved_cb (ZbStudyView *self)
{
  toast (self, _("Study record added"));
  zb_study_view_reload (self);
}

static void
add_record_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  ZbStudyView *self = ZB_STUDY_VIEW (widget);
  ZbStore *store = store_of (self);
  ZbStudyDialog *dialog;

  if (store == NULL)
    return;
  dialog = zb_study_dialog_new (store, zb_study_view_get_year (self));
  g_signal_connect_object (dialog, "saved", G_CALLBACK (study_saved_cb), self,
                           G_CONNECT_SWAPPED);
  present (widget, GTK_WINDOW (dialog));
}

static void
rules_saved_cb (ZbStudyView *self)
{
  toast (self, _("Points rules saved; the points are counted again"));
  zb_study_view_reload (self);
}

static void
edit_rules_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  ZbStudyView *self = ZB_STUDY_VIEW (widget);
  ZbStore *store = store_of (self);
  ZbPointsRulesDialog *dialog;

  if (store == NULL || self->shown_year == 0)
    return;
  dialog = zb_points_rules_dialog_new (store, &self->rules);
  g_signal_connect_object (dialog, "saved", G_CALLBACK (rules_saved_cb), self,
                           G_CONNECT_SWAPPED);
  present (widget, GTK_WINDOW (dialog));
}

static void
remove_thread (GTask        *task,
               gpointer      source,
               gpointer      task_data,
               GCancellable *cancellable)
{
  GError *error = NULL;

  if (zb_store_remove_study (source, task_data, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

static void
removed_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(ZbStudyView) self = user_data;
  g_autoptr(GError) error = NULL;

  self->busy = FALSE;
  update_loading (self);
  if (!g_task_propagate_boolean (G_TASK (result), &error))
    zb_widget_toast_error (GTK_WIDGET (self), error);
  else
    toast (self, _("Study record removed"));
  zb_study_view_reload (self);
}

static void
remove_response_cb (AdwMessageDialog *dialog,
                    const char       *response,
                    ZbStudyView      *self)
{
  const char *id = g_object_get_data (G_OBJECT (dialog), "study-id");
  ZbStore *store = store_of (self);
  g_autoptr(GTask) task = NULL;

  if (!g_str_equal (response, "remove") || store == NULL)
    return;
  self->busy = TRUE;
  update_loading (self);
  task = g_task_new (store, NULL, removed_cb, g_object_ref (self));
  g_task_set_source_tag (task, remove_response_cb);
  g_task_set_task_data (task, g_strdup (id), g_free);
  g_task_run_in_thread (task, remove_thread);
}

static ZbStudy *
find_study (ZbStudyView *self,
            const char  *id)
{
  for (guint i = 0; self->studies != NULL && i < g_list_model_get_n_items (self->studies); i++)
    {
      g_autoptr(ZbStudy) study = g_list_model_get_item (self->studies, i);

      if (g_strcmp0 (zb_study_get_id (study), id) == 0)
        return g_steal_pointer (&study);
    }
  return NULL;
}

/* A record entered by mistake: removed after a question, which names it
 * (the store keeps no way back but entering it again). */
static void
remove_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  ZbStudyView *self = ZB_STUDY_VIEW (widget);
  const char *id = g_variant_get_string (parameter, NULL);
  g_autoptr(ZbStudy) study = find_study (self, id);
  g_autofree char *body = NULL, *day = NULL;
  GtkWidget *dialog;

  if (study == NULL)
    return;
  day = zb_date_format_day (zb_study_get_date (study));
  /* TRANSLATORS: %1$s the member, %2$s what was studied, %3$s the date */
  body = g_strdup_printf (_("The record of %1$s, “%2$s” on %3$s, will be removed, and the "
                            "points counted without it."), zb_study_get_member_name (study),
                          zb_study_get_title (study), day);
  dialog = adw_message_dialog_new (GTK_WINDOW (gtk_widget_get_root (widget)),
                                   _("Remove This Study Record?"), body);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog), "cancel", _("_Cancel"),
                                    "remove", _("_Remove"), NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "remove",
                                              ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_object_set_data_full (G_OBJECT (dialog), "study-id", g_strdup (id), g_free);
  g_signal_connect_object (dialog, "response", G_CALLBACK (remove_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* ---- printing and export ---------------------------------------------- */

static ZbPdfDocument *
build_points (ZbStore   *store,
              gpointer   data,
              GError   **error)
{
  return zb_pdf_points_table (store, GPOINTER_TO_UINT (data), error);
}

/* The year's points table, in the preview. */
static void
print_points_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  ZbStudyView *self = ZB_STUDY_VIEW (widget);
  ZbStore *store = store_of (self);
  g_autofree char *file_name = NULL;
  ZbPdfPreview *preview;

  if (store == NULL || self->shown_year == 0)
    return;
  /* TRANSLATORS: a PDF's file name: %u the year */
  file_name = g_strdup_printf (_("Points table %u.pdf"), self->shown_year);
  preview = zb_pdf_preview_new (store, build_points, GUINT_TO_POINTER (self->shown_year), NULL,
                                file_name);
  present (widget, GTK_WINDOW (preview));
}

/* ---- the class -------------------------------------------------------- */

static void
zb_study_view_dispose (GObject *object)
{
  ZbStudyView *self = ZB_STUDY_VIEW (object);
  GtkWidget *child;

  g_cancellable_cancel (self->cancellable);
  gtk_widget_dispose_template (GTK_WIDGET (self), ZB_TYPE_STUDY_VIEW);
  /* The template's box is no bound child: dispose_template leaves it. */
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->context);
  g_clear_object (&self->points);
  g_clear_object (&self->studies);

  G_OBJECT_CLASS (zb_study_view_parent_class)->dispose (object);
}

static void
zb_study_view_class_init (ZbStudyViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = zb_study_view_dispose;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/zhibu/Zhibu/ui/zb-study-view.ui");
  gtk_widget_class_bind_template_child (widget_class, ZbStudyView, spinner);
  gtk_widget_class_bind_template_child (widget_class, ZbStudyView, year_spin);
  gtk_widget_class_bind_template_child (widget_class, ZbStudyView, year_adjustment);
  gtk_widget_class_bind_template_child (widget_class, ZbStudyView, error_label);
  gtk_widget_class_bind_template_child (widget_class, ZbStudyView, points_heading);
  gtk_widget_class_bind_template_child (widget_class, ZbStudyView, points_stack);
  gtk_widget_class_bind_template_child (widget_class, ZbStudyView, points_table);
  gtk_widget_class_bind_template_child (widget_class, ZbStudyView, records_heading);
  gtk_widget_class_bind_template_child (widget_class, ZbStudyView, records_stack);
  gtk_widget_class_bind_template_child (widget_class, ZbStudyView, record_list);
  gtk_widget_class_bind_template_child (widget_class, ZbStudyView, records_empty);

  gtk_widget_class_install_action (widget_class, "study.add-record", NULL, add_record_action);
  gtk_widget_class_install_action (widget_class, "study.edit-rules", NULL, edit_rules_action);
  gtk_widget_class_install_action (widget_class, "study.remove", "s", remove_action);
  gtk_widget_class_install_action (widget_class, "study.print-points", NULL,
                                   print_points_action);
}

static void
zb_study_view_init (ZbStudyView *self)
{
  g_autofree char *today = zb_date_today_iso ();
  guint year = g_ascii_strtoull (today, NULL, 10);

  gtk_widget_init_template (GTK_WIDGET (self));
  self->points = g_list_store_new (ZB_TYPE_POINTS_LINE);
  zb_points_rules_default (&self->rules);
  add_columns (self);
  /* This year by default; a record may be entered ahead for the next. */
  gtk_adjustment_set_upper (self->year_adjustment, year + 1);
  gtk_adjustment_set_value (self->year_adjustment, year);
  g_signal_connect_object (self->year_spin, "value-changed", G_CALLBACK (year_changed_cb), self,
                           G_CONNECT_SWAPPED);
  update_loading (self);
}

/* ---- public API ------------------------------------------------------- */

void
zb_study_view_set_context (ZbStudyView *self,
                           ZbContext   *context)
{
  g_return_if_fail (ZB_IS_STUDY_VIEW (self));

  g_set_object (&self->context, context);
  update_loading (self);
}

/* Reads the chosen year's points, rules and records again. */
void
zb_study_view_reload (ZbStudyView *self)
{
  ZbStore *store;
  g_autoptr(GTask) task = NULL;
  Load *load;

  g_return_if_fail (ZB_IS_STUDY_VIEW (self));

  store = store_of (self);
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  if (store == NULL)
    return;

  self->cancellable = g_cancellable_new ();
  self->loading = TRUE;
  update_loading (self);
  load = g_new0 (Load, 1);
  load->year = zb_study_view_get_year (self);
  task = g_task_new (store, self->cancellable, load_done_cb, g_object_ref (self));
  g_task_set_source_tag (task, zb_study_view_reload);
  g_task_set_task_data (task, load, (GDestroyNotify) load_free);
  g_task_run_in_thread (task, load_thread);
}

gboolean
zb_study_view_is_loading (ZbStudyView *self)
{
  g_return_val_if_fail (ZB_IS_STUDY_VIEW (self), FALSE);

  return self->loading || self->busy;
}

/* The year chosen. */
guint
zb_study_view_get_year (ZbStudyView *self)
{
  g_return_val_if_fail (ZB_IS_STUDY_VIEW (self), 0);

  return gtk_spin_button_get_value_as_int (self->year_spin);
}

/* Chooses @year, as the user does: the page reloads. */
void
zb_study_view_set_year (ZbStudyView *self,
                        guint        year)
{
  g_return_if_fail (ZB_IS_STUDY_VIEW (self));

  gtk_spin_button_set_value (self->year_spin, year);
}

/* The points shown (ZbPointsLine, in pinyin order). */
GListModel *
zb_study_view_get_points (ZbStudyView *self)
{
  g_return_val_if_fail (ZB_IS_STUDY_VIEW (self), NULL);

  return G_LIST_MODEL (self->points);
}

/* The records shown (ZbStudy), or NULL before the first load. */
GListModel *
zb_study_view_get_studies (ZbStudyView *self)
{
  g_return_val_if_fail (ZB_IS_STUDY_VIEW (self), NULL);

  return self->studies;
}

GtkColumnView *
zb_study_view_get_table (ZbStudyView *self)
{
  g_return_val_if_fail (ZB_IS_STUDY_VIEW (self), NULL);

  return self->points_table;
}

GtkListBox *
zb_study_view_get_record_list (ZbStudyView *self)
{
  g_return_val_if_fail (ZB_IS_STUDY_VIEW (self), NULL);

  return self->record_list;
}
