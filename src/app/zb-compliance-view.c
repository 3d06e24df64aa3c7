#define G_LOG_DOMAIN "zb-compliance-view"

#include "config.h"

#include <glib/gi18n.h>

#include "zb-checker.h"
#include "zb-compliance-view.h"
#include "zb-date.h"
#include "zb-widget-util.h"

/* A long-neglected branch can have hundreds of findings: the gravest are
 * listed, and the rest counted. */
#define MAX_ROWS_PER_GROUP 200

struct _ZbComplianceView
{
  GtkWidget           parent_instance;

  AdwPreferencesPage *page;
  AdwComboRow        *period_row;

  ZbContext          *context;
  GCancellable       *cancellable;
  GPtrArray          *groups;     /* the groups of findings, removed on reload */
  GPtrArray          *rows;       /* their rows */
  GListModel         *findings;
  gboolean            loading;
};

typedef enum
{
  PERIOD_THIS_YEAR,
  PERIOD_THIS_QUARTER,
  PERIOD_LAST_YEAR,
} Period;

typedef struct
{
  char            *from;
  char            *to;
  ZbCheckSettings  settings;
} Load;

G_DEFINE_FINAL_TYPE (ZbComplianceView, zb_compliance_view, GTK_TYPE_WIDGET)

enum {
  FINDING_ACTIVATED,
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

/* From the first day of the period to today, or the whole of last year. */
static void
period_bounds (Period   period,
               char   **from,
               char   **to)
{
  g_autofree char *today = zb_date_today_iso ();
  guint year = g_ascii_strtoull (today, NULL, 10);
  guint month = g_ascii_strtoull (today + 5, NULL, 10);

  switch (period)
    {
    case PERIOD_THIS_QUARTER:
      *from = zb_date_format_ymd (year, (month - 1) / 3 * 3 + 1, 1);
      *to = g_steal_pointer (&today);
      break;
    case PERIOD_LAST_YEAR:
      *from = zb_date_format_ymd (year - 1, 1, 1);
      *to = zb_date_format_ymd (year - 1, 12, 31);
      break;
    case PERIOD_THIS_YEAR:
    default:
      *from = zb_date_format_ymd (year, 1, 1);
      *to = g_steal_pointer (&today);
      break;
    }
}

static const char *
severity_icon (const char *severity)
{
  if (g_strcmp0 (severity, "alert") == 0)
    return "dialog-error-symbolic";
  if (g_strcmp0 (severity, "warning") == 0)
    return "dialog-warning-symbolic";
  return "dialog-information-symbolic";
}

static void
row_activated_cb (AdwActionRow     *row,
                  ZbComplianceView *self)
{
  g_signal_emit (self, signals[FINDING_ACTIVATED], 0,
                 g_object_get_data (G_OBJECT (row), "finding"));
}

static GtkWidget *
finding_row (ZbComplianceView *self,
             ZbFinding        *finding)
{
  GtkWidget *row = adw_action_row_new ();
  const char *severity = zb_finding_get_severity (finding);
  GtkWidget *icon = gtk_image_new_from_icon_name (severity_icon (severity));
  g_autofree char *period = zb_date_format_period (zb_finding_get_period (finding));

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), zb_finding_get_message (finding));
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), period);
  adw_action_row_set_title_lines (ADW_ACTION_ROW (row), 3);
  if (g_strcmp0 (severity, "alert") == 0)
    gtk_widget_add_css_class (icon, "error");
  else if (g_strcmp0 (severity, "warning") == 0)
    gtk_widget_add_css_class (icon, "warning");
  adw_action_row_add_prefix (ADW_ACTION_ROW (row), icon);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row),
                             gtk_image_new_from_icon_name ("go-next-symbolic"));
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
  g_object_set_data_full (G_OBJECT (row), "finding", g_object_ref (finding), g_object_unref);
  g_signal_connect_object (row, "activated", G_CALLBACK (row_activated_cb), self, 0);
  return row;
}

static AdwPreferencesGroup *
add_group (ZbComplianceView *self,
           const char       *title,
           const char       *description)
{
  return zb_page_add_group (self->page, self->groups, title, description);
}

/* One group per severity, the gravest first. */
static void
show_severity (ZbComplianceView *self,
               const char       *severity,
               const char       *title)
{
  AdwPreferencesGroup *group = NULL;
  guint n = 0;

  for (guint i = 0; i < g_list_model_get_n_items (self->findings); i++)
    {
      g_autoptr(ZbFinding) finding = g_list_model_get_item (self->findings, i);

      if (g_strcmp0 (zb_finding_get_severity (finding), severity) != 0)
        continue;
      if (group == NULL)
        group = add_group (self, title, NULL);
      if (n++ < MAX_ROWS_PER_GROUP)
        {
          GtkWidget *row = finding_row (self, finding);

          g_ptr_array_add (self->rows, row);
          adw_preferences_group_add (group, row);
        }
    }
  if (n > MAX_ROWS_PER_GROUP)
    {
      /* TRANSLATORS: findings of one severity beyond those listed */
      g_autofree char *more = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                            "%u more is not listed here; "
                                                            "choose a shorter period to see it",
                                                            "%u more are not listed here; "
                                                            "choose a shorter period to see them",
                                                            n - MAX_ROWS_PER_GROUP),
                                               n - MAX_ROWS_PER_GROUP);

      adw_preferences_group_set_description (group, more);
    }
}

static void
clear_groups (ZbComplianceView *self)
{
  zb_page_clear_groups (self->page, self->groups);
  g_ptr_array_set_size (self->rows, 0);
}

static void
show_findings (ZbComplianceView *self,
               const GError     *error)
{
  clear_groups (self);
  if (error != NULL)
    {
      add_group (self, _("The check could not run"), error->message);
      return;
    }
  if (g_list_model_get_n_items (self->findings) == 0)
    {
      add_group (self, _("Nothing to Report"),
                 _("Everything the rules ask for in this period is done."));
      return;
    }
  show_severity (self, "alert", C_("findings", "Serious"));
  show_severity (self, "warning", C_("findings", "To Do"));
  show_severity (self, "info", C_("findings", "For Information"));
}

static void
load_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  Load *load = task_data;
  GError *error = NULL;
  GListModel *findings = zb_store_check (source_object, load->from, load->to, &load->settings,
                                         &error);

  if (findings == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, findings, g_object_unref);
}

static void
load_done_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(ZbComplianceView) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) findings = g_task_propagate_pointer (G_TASK (result), &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  self->loading = FALSE;
  g_clear_object (&self->findings);
  self->findings = findings ? g_object_ref (findings)
                            : G_LIST_MODEL (g_list_store_new (ZB_TYPE_FINDING));
  show_findings (self, error);
}

/* Checks the chosen period in a worker thread; a reload while one runs
 * replaces it. */
void
zb_compliance_view_reload (ZbComplianceView *self)
{
  ZbStore *store = self->context ? zb_context_get_store (self->context) : NULL;
  g_autoptr(GTask) task = NULL;
  Load *load;

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  if (store == NULL)
    return;

  load = g_new0 (Load, 1);
  period_bounds (adw_combo_row_get_selected (self->period_row), &load->from, &load->to);
  zb_context_get_check_settings (self->context, &load->settings);
  self->cancellable = g_cancellable_new ();
  self->loading = TRUE;

  task = g_task_new (store, self->cancellable, load_done_cb, g_object_ref (self));
  g_task_set_source_tag (task, zb_compliance_view_reload);
  g_task_set_task_data (task, load, (GDestroyNotify) load_free);
  g_task_run_in_thread (task, load_thread);
}

static void
zb_compliance_view_dispose (GObject *object)
{
  ZbComplianceView *self = (ZbComplianceView *)object;

  g_cancellable_cancel (self->cancellable);
  gtk_widget_dispose_template (GTK_WIDGET (self), ZB_TYPE_COMPLIANCE_VIEW);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->context);
  g_clear_object (&self->findings);
  g_clear_pointer (&self->groups, g_ptr_array_unref);
  g_clear_pointer (&self->rows, g_ptr_array_unref);

  G_OBJECT_CLASS (zb_compliance_view_parent_class)->dispose (object);
}

static void
zb_compliance_view_class_init (ZbComplianceViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = zb_compliance_view_dispose;

  /**
   * ZbComplianceView::finding-activated:
   * @finding: the ZbFinding chosen, for the window to open what puts it right
   */
  signals[FINDING_ACTIVATED] =
    g_signal_new ("finding-activated", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL,
                  NULL, NULL, G_TYPE_NONE, 1, ZB_TYPE_FINDING);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/zhibu/Zhibu/ui/zb-compliance-view.ui");
  gtk_widget_class_bind_template_child (widget_class, ZbComplianceView, page);
  gtk_widget_class_bind_template_child (widget_class, ZbComplianceView, period_row);
}

static void
zb_compliance_view_init (ZbComplianceView *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->groups = g_ptr_array_new ();
  self->rows = g_ptr_array_new ();
  self->findings = G_LIST_MODEL (g_list_store_new (ZB_TYPE_FINDING));
  g_signal_connect_object (self->period_row, "notify::selected",
                           G_CALLBACK (zb_compliance_view_reload), self, G_CONNECT_SWAPPED);
}

void
zb_compliance_view_set_context (ZbComplianceView *self,
                                ZbContext        *context)
{
  g_set_object (&self->context, context);
  zb_compliance_view_reload (self);
}

gboolean
zb_compliance_view_is_loading (ZbComplianceView *self)
{
  return self->loading;
}

guint
zb_compliance_view_get_n_findings (ZbComplianceView *self)
{
  return g_list_model_get_n_items (self->findings);
}

void
zb_compliance_view_set_period (ZbComplianceView *self,
                               guint             period)
{
  adw_combo_row_set_selected (self->period_row, period);
}

/* The first row of a finding of @rule, for tests to activate as a user would. */
GtkWidget *
zb_compliance_view_get_row (ZbComplianceView *self,
                            const char       *rule)
{
  for (guint i = 0; i < self->rows->len; i++)
    {
      GtkWidget *row = g_ptr_array_index (self->rows, i);
      ZbFinding *finding = g_object_get_data (G_OBJECT (row), "finding");

      if (g_strcmp0 (zb_finding_get_rule (finding), rule) == 0)
        return row;
    }
  return NULL;
}
