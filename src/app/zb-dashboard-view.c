#define G_LOG_DOMAIN "zb-dashboard-view"

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "zb-dashboard-view.h"
#include "zb-date.h"
#include "zb-recruit-step.h"
#include "zb-stats.h"
#include "zb-widget-util.h"

/* The dashboard: the figures of zb_store_stats() for the year chosen, the
 * same as `zhibu-cli stats --year Y`, drawn as ZbCharts. The figures are
 * read in a worker thread; a reload while one runs replaces it. The window
 * asks for a reload when the page comes into view and when a record it
 * shows may have changed, as it does of the meetings view. Dues and the
 * recruitment pipeline have no figures in the stats yet: no chart stands in
 * for them. */

/* Exported charts: room for twelve months' labels and a legend. */
#define EXPORT_WIDTH   800
#define EXPORT_HEIGHT  400
#define CHART_HEIGHT   280
#define COLUMNS        2
#define FIRST_YEAR     1950

struct _ZbDashboardView
{
  GtkWidget       parent_instance;

  GtkWidget      *scroller;
  GtkLabel       *summary_label;
  GtkSpinner     *spinner;
  GtkSpinButton  *year_spin;
  GtkAdjustment  *year_adjustment;
  GtkLabel       *error_label;
  GtkGrid        *grid;

  ZbContext      *context;
  GCancellable   *cancellable;
  GHashTable     *charts;      /* name → ZbChart, owned by the grid */
  guint           shown_year;  /* whose figures the charts show; 0 before any */
  gboolean        loading;
};

G_DEFINE_FINAL_TYPE (ZbDashboardView, zb_dashboard_view, GTK_TYPE_WIDGET)

/* The charts in the order they stand on the page. */
static const struct
{
  const char  *name;       /* for the code and the tests, never shown */
  ZbChartKind  kind;
  const char  *title;      /* N_() */
} chart_specs[] = {
  { "category", ZB_CHART_BARS, N_("People by category") },
  { "age", ZB_CHART_BARS, N_("Party members by age") },
  { "sex", ZB_CHART_BARS, N_("Party members by sex") },
  { "education", ZB_CHART_BARS, N_("Party members by education") },
  { "meetings", ZB_CHART_COLUMNS, N_("Meetings held and required") },
  { "first-items", ZB_CHART_COLUMNS, N_("First agenda item studied") },
  { "measures", ZB_CHART_BARS, N_("Implementation measures") },
  { "dues", ZB_CHART_COLUMNS, N_("Party dues collected and due") },
  { "recruitment", ZB_CHART_BARS, N_("The recruitment pipeline") },
};

static ZbChart *
chart (ZbDashboardView *self,
       const char      *name)
{
  return g_hash_table_lookup (self->charts, name);
}

/* One series of @n counts, one a category. */
static void
show_counts (ZbChart            *chart,
             const char * const *labels,
             const char         *series,
             const guint        *counts,
             guint               n)
{
  g_autofree gint64 *values = g_new (gint64, n);

  for (guint i = 0; i < n; i++)
    values[i] = counts[i];
  zb_chart_clear_series (chart);
  zb_chart_set_categories (chart, labels);
  zb_chart_add_series (chart, series, values, n);
}

static void
show_categories (ZbDashboardView *self,
                 const ZbStats   *stats)
{
  const char *labels[ZB_STATS_N_CATEGORIES + 1] = { NULL };

  for (guint i = 0; i < ZB_STATS_N_CATEGORIES; i++)
    labels[i] = zb_member_enum_label (ZB_MEMBER_FIELD_CATEGORY, zb_stats_category (i));
  show_counts (chart (self, "category"), labels, _("People"), stats->by_category,
               ZB_STATS_N_CATEGORIES);
}

/* 30 and under, 31-35, …, 61 and over: the bands of the yearly statistical
 * communiqué, in the words of `zhibu-cli stats`. */
static char *
age_band_label (const ZbAgeBand *band)
{
  if (band->from == 0)
    return g_strdup_printf (_("%u and under"), band->to);
  if (band->to == G_MAXUINT)
    return g_strdup_printf (_("%u and over"), band->from);
  return g_strdup_printf (_("%u-%u"), band->from, band->to);
}

static void
show_ages (ZbDashboardView *self,
           const ZbStats   *stats)
{
  g_auto(GStrv) labels = g_new0 (char *, ZB_STATS_N_AGE_BANDS + 1);

  for (guint i = 0; i < ZB_STATS_N_AGE_BANDS; i++)
    labels[i] = age_band_label (zb_stats_age_band (i));
  show_counts (chart (self, "age"), (const char * const *) labels, _("People"), stats->by_age,
               ZB_STATS_N_AGE_BANDS);
}

static void
show_sexes (ZbDashboardView *self,
            const ZbStats   *stats)
{
  const char *labels[] = {
    zb_member_enum_label (ZB_MEMBER_FIELD_SEX, "M"),
    zb_member_enum_label (ZB_MEMBER_FIELD_SEX, "F"),
    NULL,
  };
  const guint counts[] = { stats->men, stats->women };

  show_counts (chart (self, "sex"), labels, _("People"), counts, G_N_ELEMENTS (counts));
}

/* Education is free text: each value as recorded, most first. */
static void
show_education (ZbDashboardView *self,
                const ZbStats   *stats)
{
  guint n = stats->by_education->len;
  g_autofree const char **labels = g_new0 (const char *, n + 1);
  g_autofree guint *counts = g_new (guint, n);

  for (guint i = 0; i < n; i++)
    {
      const ZbStatsCount *count = g_ptr_array_index (stats->by_education, i);

      labels[i] = count->value != NULL ? count->value : _("Not recorded");
      counts[i] = count->count;
    }
  zb_chart_clear_series (chart (self, "education"));
  if (n > 0)
    show_counts (chart (self, "education"), labels, _("People"), counts, n);
}

/* Month names as the locale abbreviates them: Jan, or 1月. */
static GStrv
month_labels (guint year)
{
  GStrv labels = g_new0 (char *, 13);

  for (guint month = 1; month <= 12; month++)
    {
      g_autoptr(GDateTime) day = g_date_time_new_local (year, month, 1, 0, 0, 0);

      labels[month - 1] = g_date_time_format (day, "%b");
    }
  return labels;
}

/* Two series a month: every meeting type together, the requirements where
 * zb-stats.h puts them (in the month a period ends). */
static void
show_meetings (ZbDashboardView *self,
               const ZbStats   *stats,
               GStrv            months)
{
  ZbChart *meetings = chart (self, "meetings");
  gint64 held[12] = { 0 }, required[12] = { 0 };

  for (guint t = 0; t < stats->n_meetings; t++)
    for (guint m = 0; m < 12; m++)
      {
        held[m] += stats->meetings[t].held[m];
        required[m] += stats->meetings[t].required[m];
      }
  zb_chart_clear_series (meetings);
  zb_chart_set_categories (meetings, (const char * const *) months);
  /* TRANSLATORS: a chart's series: meetings held (one word, no spaces) */
  zb_chart_add_series (meetings, _("Held"), held, 12);
  /* TRANSLATORS: a chart's series: meetings required (one word, no spaces) */
  zb_chart_add_series (meetings, _("Required"), required, 12);
}

static void
show_first_items (ZbDashboardView *self,
                  const ZbStats   *stats,
                  GStrv            months)
{
  ZbChart *first_items = chart (self, "first-items");
  gint64 meetings[12], studied[12];

  for (guint m = 0; m < 12; m++)
    {
      meetings[m] = stats->first_item_meetings[m];
      studied[m] = stats->first_items_studied[m];
    }
  zb_chart_clear_series (first_items);
  zb_chart_set_categories (first_items, (const char * const *) months);
  /* What was done first, in the party's red, and what was asked beside it
   * in grey, as on the meetings chart. */
  /* TRANSLATORS: a chart's series: first items filled in (one word, no spaces) */
  zb_chart_add_series (first_items, _("Studied"), studied, 12);
  /* TRANSLATORS: a chart's series: the meetings that open with the first
   * agenda item, which should study it (one word, no spaces) */
  zb_chart_add_series (first_items, C_("first item", "Meetings"), meetings, 12);
}

static void
show_measures (ZbDashboardView *self,
               const ZbStats   *stats)
{
  /* TRANSLATORS: implementation measures not done yet */
  const char *labels[] = { C_("measures", "Open"), C_("measures", "Overdue"), NULL };
  const guint counts[] = { stats->measures_open, stats->measures_overdue };

  /* TRANSLATORS: a chart's series: a count of implementation measures */
  show_counts (chart (self, "measures"), labels, _("Measures"), counts, G_N_ELEMENTS (counts));
}

static void
show_dues (ZbDashboardView *self,
           const ZbStats   *stats,
           GStrv            months)
{
  ZbChart *dues = chart (self, "dues");

  zb_chart_clear_series (dues);
  zb_chart_set_unit (dues, ZB_CHART_FEN);
  zb_chart_set_categories (dues, (const char * const *) months);
  /* TRANSLATORS: a chart's series: Party dues collected (one word, no spaces) */
  zb_chart_add_series (dues, _("Collected"), stats->dues_paid, 12);
  /* TRANSLATORS: a chart's series: Party dues due (one word, no spaces) */
  zb_chart_add_series (dues, C_("dues", "Due"), stats->dues_due, 12);
}

/* The people in the recruitment pipeline by stage, the stages by name. */
static void
show_pipeline (ZbDashboardView *self,
               const ZbStats   *stats)
{
  const char *labels[G_N_ELEMENTS (stats->pipeline) + 1] = { NULL };

  for (guint i = 0; i < G_N_ELEMENTS (stats->pipeline); i++)
    labels[i] = _(zb_recruit_stage_info (i + 1)->label);
  show_counts (chart (self, "recruitment"), labels, _("People"), stats->pipeline,
               G_N_ELEMENTS (stats->pipeline));
}

static void
show_summary (ZbDashboardView *self,
              const ZbStats   *stats)
{
  g_autofree char *text = NULL;
  g_autofree char *year_end = zb_date_format_day (stats->year_end);
  g_autofree char *as_of = zb_date_format_day (stats->as_of);

  /* TRANSLATORS: the days the dashboard's figures are counted on: members on
   * the year's last day, measures on that day or today */
  text = g_strdup_printf (_("Members counted on %s, measures on %s"), year_end, as_of);
  gtk_label_set_text (self->summary_label, text);
}

static void
show_stats (ZbDashboardView *self,
            const ZbStats   *stats)
{
  g_auto(GStrv) months = month_labels (stats->year);

  show_summary (self, stats);
  show_categories (self, stats);
  show_ages (self, stats);
  show_sexes (self, stats);
  show_education (self, stats);
  show_meetings (self, stats, months);
  show_first_items (self, stats, months);
  show_measures (self, stats);
  show_dues (self, stats, months);
  show_pipeline (self, stats);
  self->shown_year = stats->year;
}

static void
show_error (ZbDashboardView *self,
            const GError    *error)
{
  gtk_label_set_text (self->error_label, error != NULL ? error->message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), error != NULL);
}

static void
set_loading (ZbDashboardView *self,
             gboolean         loading)
{
  self->loading = loading;
  gtk_spinner_set_spinning (self->spinner, loading);
  gtk_widget_set_visible (GTK_WIDGET (self->spinner), loading);
}

static void
stats_done_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(ZbDashboardView) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(ZbStats) stats = zb_store_stats_finish (ZB_STORE (object), result, &error);

  /* Replaced by a newer reload, or the view is gone. */
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  set_loading (self, FALSE);
  show_error (self, error);
  if (stats != NULL)
    show_stats (self, stats);
}

/* The file an export is saved in by default: the chart's title and the year. */
char *
zb_dashboard_view_export_name (ZbDashboardView *self,
                               const char      *name,
                               ZbExportFormat   format)
{
  ZbChart *chart;

  g_return_val_if_fail (ZB_IS_DASHBOARD_VIEW (self), NULL);
  chart = g_hash_table_lookup (self->charts, name);
  g_return_val_if_fail (chart != NULL, NULL);

  /* TRANSLATORS: a chart's file name: %1$s its title, %2$u the year, %3$s
   * the extension (png or svg) */
  return g_strdup_printf (_("%1$s %2$u.%3$s"), zb_chart_get_title (chart),
                          zb_dashboard_view_get_shown_year (self),
                          format == ZB_EXPORT_SVG ? "svg" : "png");
}

/* What the menu's export items do once a file is chosen: the chart as the
 * window shows it, black on white, at a size for a report. */
gboolean
zb_dashboard_view_export (ZbDashboardView  *self,
                          const char       *name,
                          ZbExportFormat    format,
                          const char       *path,
                          GError          **error)
{
  ZbChart *chart;

  g_return_val_if_fail (ZB_IS_DASHBOARD_VIEW (self), FALSE);
  chart = g_hash_table_lookup (self->charts, name);
  g_return_val_if_fail (chart != NULL, FALSE);

  if (format == ZB_EXPORT_SVG)
    return zb_chart_save_svg (chart, path, EXPORT_WIDTH, EXPORT_HEIGHT, error);
  return zb_chart_save_png (chart, path, EXPORT_WIDTH, EXPORT_HEIGHT, error);
}

static void
chooser_response_cb (GtkNativeDialog *chooser,
                     int              response,
                     ZbDashboardView *self)
{
  const char *name = g_object_get_data (G_OBJECT (chooser), "chart");
  ZbExportFormat format = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (chooser), "format"));
  g_autoptr(GFile) file = NULL;
  g_autofree char *path = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GError) shown = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
  path = file != NULL ? g_file_get_path (file) : NULL;
  if (path != NULL && !zb_dashboard_view_export (self, name, format, path, &error))
    {
      /* TRANSLATORS: %s is why the chart could not be written */
      shown = g_error_new (G_IO_ERROR, G_IO_ERROR_FAILED,
                           _("Export: %s. Choose another folder or name."), error->message);
      zb_widget_toast_error (GTK_WIDGET (self), shown);
    }
  gtk_native_dialog_destroy (chooser);
  g_object_unref (chooser);
}

static void
add_filter (GtkFileChooser *chooser,
            ZbExportFormat  format)
{
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();

  if (format == ZB_EXPORT_SVG)
    {
      gtk_file_filter_set_name (filter, _("SVG images"));
      gtk_file_filter_add_mime_type (filter, "image/svg+xml");
    }
  else
    {
      gtk_file_filter_set_name (filter, _("PNG images"));
      gtk_file_filter_add_mime_type (filter, "image/png");
    }
  gtk_file_chooser_add_filter (chooser, filter);
}

/* dashboard.export-png and dashboard.export-svg, each with the chart's
 * name: asks where, then exports. */
static void
export_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  ZbDashboardView *self = ZB_DASHBOARD_VIEW (widget);
  const char *name = g_variant_get_string (parameter, NULL);
  ZbExportFormat format = g_str_has_suffix (action_name, "svg") ? ZB_EXPORT_SVG : ZB_EXPORT_PNG;
  g_autofree char *file_name = NULL;
  GtkFileChooserNative *chooser;

  if (chart (self, name) == NULL)
    return;

  file_name = zb_dashboard_view_export_name (self, name, format);
  chooser = zb_file_chooser_new (widget, GTK_FILE_CHOOSER_ACTION_SAVE, _("Export Chart"),
                                 _("_Export"), file_name);
  add_filter (GTK_FILE_CHOOSER (chooser), format);
  g_object_set_data_full (G_OBJECT (chooser), "chart", g_strdup (name), g_free);
  g_object_set_data (G_OBJECT (chooser), "format", GINT_TO_POINTER (format));
  g_signal_connect_object (chooser, "response", G_CALLBACK (chooser_response_cb), self, 0);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

/* The chart's menu: export as PNG or SVG. */
static GtkWidget *
export_button (const char *name,
               const char *title)
{
  g_autoptr(GMenu) menu = g_menu_new ();
  g_autoptr(GMenuItem) png = g_menu_item_new (_("Export as _PNG…"), NULL);
  g_autoptr(GMenuItem) svg = g_menu_item_new (_("Export as _SVG…"), NULL);
  GtkWidget *button = gtk_menu_button_new ();
  /* TRANSLATORS: a button's name for screen readers; %s is a chart's title */
  g_autofree char *label = g_strdup_printf (_("Export “%s”"), title);

  g_menu_item_set_action_and_target (png, "dashboard.export-png", "s", name);
  g_menu_item_set_action_and_target (svg, "dashboard.export-svg", "s", name);
  g_menu_append_item (menu, png);
  g_menu_append_item (menu, svg);

  gtk_menu_button_set_menu_model (GTK_MENU_BUTTON (button), G_MENU_MODEL (menu));
  gtk_menu_button_set_icon_name (GTK_MENU_BUTTON (button), "document-save-as-symbolic");
  gtk_widget_set_tooltip_text (button, _("Export Chart"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, label,
                                  -1);
  gtk_widget_set_halign (button, GTK_ALIGN_END);
  gtk_widget_set_valign (button, GTK_ALIGN_START);
  gtk_widget_set_margin_top (button, 6);
  gtk_widget_set_margin_end (button, 6);
  gtk_widget_add_css_class (button, "flat");
  return button;
}

/* A card: the chart with its export menu in the corner. */
static GtkWidget *
chart_card (ZbChart    *chart,
            const char *name,
            const char *title)
{
  GtkWidget *overlay = gtk_overlay_new ();

  gtk_widget_set_size_request (GTK_WIDGET (chart), -1, CHART_HEIGHT);
  gtk_widget_set_hexpand (GTK_WIDGET (chart), TRUE);
  gtk_overlay_set_child (GTK_OVERLAY (overlay), GTK_WIDGET (chart));
  gtk_overlay_add_overlay (GTK_OVERLAY (overlay), export_button (name, title));
  gtk_widget_add_css_class (overlay, "card");
  return overlay;
}

static void
add_charts (ZbDashboardView *self)
{
  for (guint i = 0; i < G_N_ELEMENTS (chart_specs); i++)
    {
      const char *title = _(chart_specs[i].title);
      ZbChart *chart = zb_chart_new (chart_specs[i].kind, title);

      g_hash_table_insert (self->charts, (gpointer) chart_specs[i].name, chart);
      gtk_grid_attach (self->grid, chart_card (chart, chart_specs[i].name, title),
                       i % COLUMNS, i / COLUMNS, 1, 1);
    }
}

static void
year_changed_cb (ZbDashboardView *self)
{
  zb_dashboard_view_reload (self);
}

static void
zb_dashboard_view_dispose (GObject *object)
{
  ZbDashboardView *self = ZB_DASHBOARD_VIEW (object);

  g_cancellable_cancel (self->cancellable);
  gtk_widget_dispose_template (GTK_WIDGET (self), ZB_TYPE_DASHBOARD_VIEW);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->context);
  g_clear_pointer (&self->charts, g_hash_table_unref);

  G_OBJECT_CLASS (zb_dashboard_view_parent_class)->dispose (object);
}

static void
zb_dashboard_view_class_init (ZbDashboardViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = zb_dashboard_view_dispose;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/zhibu/Zhibu/ui/zb-dashboard-view.ui");
  gtk_widget_class_bind_template_child (widget_class, ZbDashboardView, scroller);
  gtk_widget_class_bind_template_child (widget_class, ZbDashboardView, summary_label);
  gtk_widget_class_bind_template_child (widget_class, ZbDashboardView, spinner);
  gtk_widget_class_bind_template_child (widget_class, ZbDashboardView, year_spin);
  gtk_widget_class_bind_template_child (widget_class, ZbDashboardView, year_adjustment);
  gtk_widget_class_bind_template_child (widget_class, ZbDashboardView, error_label);
  gtk_widget_class_bind_template_child (widget_class, ZbDashboardView, grid);

  gtk_widget_class_install_action (widget_class, "dashboard.export-png", "s", export_action);
  gtk_widget_class_install_action (widget_class, "dashboard.export-svg", "s", export_action);
}

static void
zb_dashboard_view_init (ZbDashboardView *self)
{
  g_autofree char *today = zb_date_today_iso ();
  guint year = g_ascii_strtoull (today, NULL, 10);

  gtk_widget_init_template (GTK_WIDGET (self));
  self->charts = g_hash_table_new (g_str_hash, g_str_equal);
  add_charts (self);
  set_loading (self, FALSE);

  /* This year by default, and none after it: its figures are counted to
   * today. */
  gtk_adjustment_set_upper (self->year_adjustment, MAX (year, FIRST_YEAR));
  gtk_adjustment_set_value (self->year_adjustment, year);
  g_signal_connect_object (self->year_spin, "value-changed", G_CALLBACK (year_changed_cb), self,
                           G_CONNECT_SWAPPED);
}

/* The store to count from; the figures load on the next reload. */
void
zb_dashboard_view_set_context (ZbDashboardView *self,
                               ZbContext       *context)
{
  g_return_if_fail (ZB_IS_DASHBOARD_VIEW (self));

  g_set_object (&self->context, context);
}

/* Reads the chosen year's figures in a worker thread, then shows them. */
void
zb_dashboard_view_reload (ZbDashboardView *self)
{
  ZbStore *store;

  g_return_if_fail (ZB_IS_DASHBOARD_VIEW (self));

  store = self->context != NULL ? zb_context_get_store (self->context) : NULL;
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  if (store == NULL)
    {
      set_loading (self, FALSE);
      return;
    }

  self->cancellable = g_cancellable_new ();
  set_loading (self, TRUE);
  zb_store_stats_async (store, zb_dashboard_view_get_year (self), self->cancellable,
                        stats_done_cb, g_object_ref (self));
}

gboolean
zb_dashboard_view_is_loading (ZbDashboardView *self)
{
  g_return_val_if_fail (ZB_IS_DASHBOARD_VIEW (self), FALSE);

  return self->loading;
}

/* The year chosen. */
guint
zb_dashboard_view_get_year (ZbDashboardView *self)
{
  g_return_val_if_fail (ZB_IS_DASHBOARD_VIEW (self), 0);

  return gtk_spin_button_get_value_as_int (self->year_spin);
}

/* Chooses @year, as the user does: the figures reload. */
void
zb_dashboard_view_set_year (ZbDashboardView *self,
                            guint            year)
{
  g_return_if_fail (ZB_IS_DASHBOARD_VIEW (self));

  gtk_spin_button_set_value (self->year_spin, year);
}

/* The year whose figures the charts show: the year chosen once they have
 * loaded. */
guint
zb_dashboard_view_get_shown_year (ZbDashboardView *self)
{
  g_return_val_if_fail (ZB_IS_DASHBOARD_VIEW (self), 0);

  return self->shown_year != 0 ? self->shown_year : zb_dashboard_view_get_year (self);
}

/* One of the charts by name: category, age, sex, education, meetings,
 * first-items or measures. */
ZbChart *
zb_dashboard_view_get_chart (ZbDashboardView *self,
                             const char      *name)
{
  g_return_val_if_fail (ZB_IS_DASHBOARD_VIEW (self), NULL);

  return g_hash_table_lookup (self->charts, name);
}
