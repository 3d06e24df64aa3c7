#define G_LOG_DOMAIN "test-dashboard"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "zb-dashboard-view.h"
#include "zb-date.h"
#include "zb-money.h"
#include "zb-stats.h"
#include "zb-test-util.h"
#include "zb-test-window.h"

/* Under xvfb-run, in C and zh_CN (issue 12): the dashboard (统计) of a
 * generated branch shows in its charts the figures of zb_store_stats(), the
 * figures of `zhibu-cli stats`, read from each chart's description as a
 * screen reader hears it; choosing another year shows that year's, and a
 * record added elsewhere shows once the page comes back into view; each
 * chart exports as PNG and SVG; a screenshot (dashboard.png) shows it. */

/* Two years with different meetings: 2024 a busy one, 2025 a thin one. */
#define BUSY_YEAR 2024
#define THIN_YEAR 2025

static const char * const chart_names[] = {
  "category", "age", "sex", "education", "meetings", "first-items", "measures", "dues",
  "recruitment",
};

/* Two people who applied in BUSY_YEAR, their applications recorded as the
 * first step: the pipeline's first stage. */
static void
add_steps (ZbStore *store)
{
  static const char * const names[] = { "郑新", "冯立" };

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autofree char *idn = zb_test_id_number ("1998-05-06", i % 2 == 0, 900 + i);
      g_autofree char *applied = g_strdup_printf ("%u-0%u-15", BUSY_YEAR, i + 3);
      g_autoptr(ZbMember) person = zb_test_member (names[i], idn, ZB_CATEGORY_APPLICANT);
      g_autoptr(ZbRecruitStep) step = NULL;
      g_autoptr(GError) error = NULL;
      g_autofree char *id = NULL, *step_id = NULL;

      zb_member_set (person, ZB_MEMBER_FIELD_APPLIED_DATE, applied);
      id = zb_store_add_member (store, person, &error);
      g_assert_no_error (error);
      step = zb_recruit_step_new (id, "S01", applied);
      step_id = zb_store_add_recruit_step (store, step, &error);
      g_assert_no_error (error);
    }
}

/* Dues for three members admitted before BUSY_YEAR: a base from its
 * January, and its first quarter paid by one of them. */
static void
add_dues (ZbStore *store)
{
  g_autofree char *sql = g_strdup_printf ("SELECT group_concat (id) FROM (SELECT id FROM members "
                                          "WHERE joined_date < '%u-01-01' AND status = 'normal' "
                                          "ORDER BY rowid LIMIT 3)", BUSY_YEAR);
  g_autofree char *ids = zb_test_sql_text (store, sql);
  g_auto(GStrv) members = g_strsplit (ids, ",", -1);
  g_autofree char *january = g_strdup_printf ("%u-01", BUSY_YEAR);
  g_autofree char *march = g_strdup_printf ("%u-03", BUSY_YEAR);
  g_autofree char *paid_on = g_strdup_printf ("%u-03-20", BUSY_YEAR);
  g_autoptr(ZbPayment) payment = zb_payment_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *id = NULL;

  g_assert_cmpuint (g_strv_length (members), ==, 3);
  for (guint i = 0; members[i] != NULL; i++)
    {
      zb_store_set_dues_base (store, members[i], january, ZB_DUES_EMPLOYED, 350000 + i * 100000,
                              &error);
      g_assert_no_error (error);
    }
  zb_payment_set_member_id (payment, members[0]);
  zb_payment_set_first_month (payment, january);
  zb_payment_set_last_month (payment, march);
  zb_payment_set_amount_fen (payment, 3 * 3500);
  zb_payment_set_paid_date (payment, paid_on);
  id = zb_store_record_dues_payment (store, payment, NULL, &error);
  g_assert_no_error (error);
  add_steps (store);
}

/* The branch of 300 generated members and the meetings of two years: in
 * BUSY_YEAR a committee meeting every month, a themed party day every other
 * month and a general meeting every quarter; in THIN_YEAR a committee
 * meeting in the first half only. First items at most meetings that open
 * with one, some not filled in; two measures a committee meeting, one done. */
static void
make_branch (ZbTestWindow *f)
{
  g_autoptr(ZbStore) store = NULL;

  zb_test_make_roster (f, 300);
  store = zb_test_open_store (f);
  for (guint month = 1; month <= 12; month++)
    {
      g_autofree char *day = g_strdup_printf ("%u-%02u-10", BUSY_YEAR, month);
      g_autofree char *thin = g_strdup_printf ("%u-%02u-12", THIN_YEAR, month);

      g_free (zb_test_add_meeting (store, "committee", day, "支委会", NULL));
      if (month % 2 == 1)
        g_free (zb_test_add_meeting (store, "theme-day", day, "主题党日", NULL));
      if (month % 3 == 0)
        g_free (zb_test_add_meeting (store, "general", day, "党员大会", NULL));
      if (month <= 6)
        g_free (zb_test_add_meeting (store, "committee", thin, "支委会", NULL));
    }
  zb_test_sql_exec (store,
                    "INSERT INTO first_items (id, meeting_id, topic, form, participants, "
                    "  proceedings) "
                    "SELECT 'f-' || id, id, '学习习近平总书记重要讲话精神', '领学', '全体党员', "
                    "  CASE WHEN rowid % 4 = 0 THEN NULL ELSE '书记领学，交流研讨' END "
                    "FROM meetings WHERE type IN ('general', 'committee') AND rowid % 5 <> 0;"
                    "INSERT INTO measures (id, meeting_id, text, owner, due_date, state, "
                    "  done_date) "
                    "SELECT 'ms-' || id || '-' || x, id, '组织专题学习', '张伟', "
                    "  date(date, '+30 days'), CASE x WHEN 1 THEN 'open' ELSE 'done' END, "
                    "  CASE x WHEN 2 THEN date(date, '+20 days') END "
                    "FROM meetings, (SELECT 1 AS x UNION ALL SELECT 2) "
                    "WHERE type = 'committee';");
  add_dues (store);
}

static ZbDashboardView *
dashboard (ZbTestWindow *f)
{
  return ZB_DASHBOARD_VIEW (zb_window_get_dashboard_view (f->window));
}

typedef struct
{
  ZbDashboardView *view;
  guint            year;
} Wait;

static gboolean
shows_year (gpointer data)
{
  Wait *wait = data;

  return !zb_dashboard_view_is_loading (wait->view) &&
         zb_dashboard_view_get_shown_year (wait->view) == wait->year;
}

/* Chooses @year as the user does, and waits for its figures. */
static void
choose_year (ZbTestWindow *f,
             guint         year)
{
  Wait wait = { dashboard (f), year };

  zb_dashboard_view_set_year (wait.view, year);
  g_assert_true (zb_dashboard_view_is_loading (wait.view) || shows_year (&wait));
  zb_test_wait_for (shows_year, &wait, 60);
  zb_test_settle (200);
}

/* The branch open on the dashboard. */
static void
open_dashboard (ZbTestWindow *f)
{
  make_branch (f);
  gtk_window_set_default_size (GTK_WINDOW (f->window), 1280, 960);
  zb_test_open_roster (f);
  zb_window_show_view (f->window, "dashboard");
  g_assert_true (zb_dashboard_view_is_loading (dashboard (f)));
}

static ZbStats *
stats_of (ZbTestWindow *f,
          guint         year)
{
  g_autoptr(ZbStore) store = zb_test_open_store (f);
  g_autoptr(GError) error = NULL;
  ZbStats *stats = zb_store_stats (store, year, &error);

  g_assert_no_error (error);
  return stats;
}

/* What a chart's description says, read back: "TITLE: CATEGORY S1 V1 S2
 * V2; CATEGORY …", in the locale's words and punctuation. Each category's
 * label goes to @labels, its @n_series values to the array returned. The
 * series' names are one word each. */
static char *
join_words (GStrv words,
            guint n)
{
  GString *out = g_string_new (words[0]);

  for (guint i = 1; i < n; i++)
    g_string_append_printf (out, " %s", words[i]);
  return g_string_free (out, FALSE);
}

static GArray *
read_values (ZbChart    *chart,
             guint       n_series,
             gboolean    fen,
             GPtrArray **labels)
{
  g_autofree char *description = zb_chart_describe (chart);
  const char *title = zb_chart_get_title (chart);
  g_auto(GStrv) items = NULL;
  GArray *values = g_array_new (FALSE, FALSE, sizeof (gint64));

  g_test_message ("%s", description);
  g_assert_true (g_str_has_prefix (description, title));
  g_assert_true (g_str_has_prefix (description + strlen (title), _(": ")));
  items = g_strsplit (description + strlen (title) + strlen (_(": ")), _("; "), -1);
  *labels = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; items[i] != NULL; i++)
    {
      g_auto(GStrv) words = g_strsplit (items[i], " ", -1);
      guint n = g_strv_length (words);
      gint64 row[2];

      g_assert_cmpuint (n, >, 2 * n_series);
      for (guint s = 0; s < n_series; s++)
        {
          const char *word = words[n - 2 * (n_series - s) + 1];
          guint64 value = 0;

          if (fen)
            g_assert_true (zb_money_parse_yuan (word, &row[s], NULL));
          else
            {
              g_assert_true (g_ascii_string_to_unsigned (word, 10, 0, G_MAXINT64, &value,
                                                         NULL));
              row[s] = value;
            }
        }
      g_array_append_vals (values, row, n_series);
      g_ptr_array_add (*labels, join_words (words, n - 2 * n_series));
    }
  return values;
}

static GArray *
read_chart (ZbChart    *chart,
            guint       n_series,
            GPtrArray **labels)
{
  return read_values (chart, n_series, FALSE, labels);
}

static void
assert_counts (ZbChart     *chart,
               const guint *expected,
               guint        n)
{
  g_autoptr(GPtrArray) labels = NULL;
  g_autoptr(GArray) values = read_chart (chart, 1, &labels);

  g_assert_cmpuint (values->len, ==, n);
  for (guint i = 0; i < n; i++)
    g_assert_cmpint (g_array_index (values, gint64, i), ==, expected[i]);
}

static void
assert_members (ZbDashboardView *view,
                const ZbStats   *stats)
{
  g_autoptr(GPtrArray) labels = NULL;
  g_autoptr(GArray) values = read_chart (zb_dashboard_view_get_chart (view, "category"), 1,
                                         &labels);
  const guint sexes[] = { stats->men, stats->women };

  g_assert_cmpuint (values->len, ==, ZB_STATS_N_CATEGORIES);
  for (guint i = 0; i < ZB_STATS_N_CATEGORIES; i++)
    {
      g_assert_cmpstr (g_ptr_array_index (labels, i), ==,
                       zb_member_enum_label (ZB_MEMBER_FIELD_CATEGORY, zb_stats_category (i)));
      g_assert_cmpint (g_array_index (values, gint64, i), ==, stats->by_category[i]);
    }
  assert_counts (zb_dashboard_view_get_chart (view, "age"), stats->by_age,
                 ZB_STATS_N_AGE_BANDS);
  assert_counts (zb_dashboard_view_get_chart (view, "sex"), sexes, 2);
}

static void
assert_education (ZbDashboardView *view,
                  const ZbStats   *stats)
{
  g_autoptr(GPtrArray) labels = NULL;
  g_autoptr(GArray) values = read_chart (zb_dashboard_view_get_chart (view, "education"), 1,
                                         &labels);

  g_assert_cmpuint (values->len, ==, stats->by_education->len);
  for (guint i = 0; i < stats->by_education->len; i++)
    {
      const ZbStatsCount *count = g_ptr_array_index (stats->by_education, i);

      g_assert_cmpstr (g_ptr_array_index (labels, i), ==,
                       count->value != NULL ? count->value : _("Not recorded"));
      g_assert_cmpint (g_array_index (values, gint64, i), ==, count->count);
    }
}

/* Held and required a month, every meeting type together. */
static void
assert_meetings (ZbDashboardView *view,
                 const ZbStats   *stats)
{
  g_autoptr(GPtrArray) labels = NULL;
  g_autoptr(GArray) values = read_chart (zb_dashboard_view_get_chart (view, "meetings"), 2,
                                         &labels);

  g_assert_cmpuint (values->len, ==, 24);
  for (guint m = 0; m < 12; m++)
    {
      guint held = 0, required = 0;

      for (guint t = 0; t < stats->n_meetings; t++)
        {
          held += stats->meetings[t].held[m];
          required += stats->meetings[t].required[m];
        }
      g_assert_cmpint (g_array_index (values, gint64, 2 * m), ==, held);
      g_assert_cmpint (g_array_index (values, gint64, 2 * m + 1), ==, required);
    }
}

static void
assert_first_items_and_measures (ZbDashboardView *view,
                                 const ZbStats   *stats)
{
  g_autoptr(GPtrArray) labels = NULL;
  g_autoptr(GArray) values = read_chart (zb_dashboard_view_get_chart (view, "first-items"), 2,
                                         &labels);
  const guint measures[] = { stats->measures_open, stats->measures_overdue };

  g_assert_cmpuint (values->len, ==, 24);
  for (guint m = 0; m < 12; m++)
    {
      g_assert_cmpint (g_array_index (values, gint64, 2 * m), ==, stats->first_items_studied[m]);
      g_assert_cmpint (g_array_index (values, gint64, 2 * m + 1), ==,
                       stats->first_item_meetings[m]);
    }
  assert_counts (zb_dashboard_view_get_chart (view, "measures"), measures, 2);
}

/* Dues collected against due, month by month, in yuan to the fen. */
static void
assert_dues (ZbDashboardView *view,
             const ZbStats   *stats)
{
  g_autoptr(GPtrArray) labels = NULL;
  g_autoptr(GArray) values = read_values (zb_dashboard_view_get_chart (view, "dues"), 2, TRUE,
                                          &labels);

  g_assert_cmpuint (values->len, ==, 24);
  for (guint m = 0; m < 12; m++)
    {
      g_assert_cmpint (g_array_index (values, gint64, 2 * m), ==, stats->dues_paid[m]);
      g_assert_cmpint (g_array_index (values, gint64, 2 * m + 1), ==, stats->dues_due[m]);
    }
}

/* Every chart against the stats of @year, counted again here. */
static void
assert_figures (ZbTestWindow *f,
                guint         year)
{
  g_autoptr(ZbStats) stats = stats_of (f, year);
  ZbDashboardView *view = dashboard (f);

  g_assert_cmpuint (zb_dashboard_view_get_shown_year (view), ==, year);
  assert_members (view, stats);
  assert_education (view, stats);
  assert_meetings (view, stats);
  assert_first_items_and_measures (view, stats);
  assert_dues (view, stats);
  assert_counts (zb_dashboard_view_get_chart (view, "recruitment"), stats->pipeline, 5);
}

static guint
meetings_held (ZbTestWindow *f,
               guint         year)
{
  g_autoptr(ZbStats) stats = stats_of (f, year);
  guint held = 0;

  for (guint t = 0; t < stats->n_meetings; t++)
    for (guint m = 0; m < 12; m++)
      held += stats->meetings[t].held[m];
  return held;
}

/* Scrolls the page to its last charts. */
static void
show_bottom (ZbDashboardView *view)
{
  GtkWidget *chart = GTK_WIDGET (zb_dashboard_view_get_chart (view, "measures"));
  GtkScrolledWindow *scroller = GTK_SCROLLED_WINDOW (gtk_widget_get_ancestor (chart,
                                                     GTK_TYPE_SCROLLED_WINDOW));
  GtkAdjustment *adjustment = gtk_scrolled_window_get_vadjustment (scroller);

  gtk_adjustment_set_value (adjustment, gtk_adjustment_get_upper (adjustment));
  zb_test_settle (300);
}

/* This year first; then a chosen year's figures in every chart, each chart
 * on the page and drawn. */
static void
test_figures (ZbTestWindow  *f,
              gconstpointer  data)
{
  g_autofree char *today = zb_date_today_iso ();
  ZbDashboardView *view;

  open_dashboard (f);
  view = dashboard (f);
  g_assert_cmpuint (zb_dashboard_view_get_year (view), ==, g_ascii_strtoull (today, NULL, 10));

  choose_year (f, BUSY_YEAR);
  /* Not an empty branch: the comparisons below compare something. */
  g_assert_cmpuint (meetings_held (f, BUSY_YEAR), ==, 12 + 6 + 4);
  assert_figures (f, BUSY_YEAR);

  for (guint i = 0; i < G_N_ELEMENTS (chart_names); i++)
    {
      GtkWidget *chart = GTK_WIDGET (zb_dashboard_view_get_chart (view, chart_names[i]));

      g_assert_true (gtk_widget_get_mapped (chart));
      g_assert_cmpint (gtk_widget_get_width (chart), >=, 400);
      g_assert_cmpint (gtk_widget_get_height (chart), >=, 250);
    }
  zb_test_screenshot (GTK_WIDGET (f->window), "dashboard.png");
  show_bottom (view);
  zb_test_screenshot (GTK_WIDGET (f->window), "dashboard-bottom.png");
}

static GtkWidget *
find_descendant (GtkWidget *widget,
                 GType      type)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (widget, type))
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_descendant (child, type);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static gboolean
has_file_chooser (gpointer data)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GObject) window = g_list_model_get_item (toplevels, i);

      if (GTK_IS_FILE_CHOOSER_DIALOG (window) && gtk_widget_get_mapped (GTK_WIDGET (window)))
        {
          *(GtkWidget **) data = GTK_WIDGET (window);
          return TRUE;
        }
    }
  return FALSE;
}

static gboolean
file_exists (gpointer data)
{
  return g_file_test (data, G_FILE_TEST_EXISTS);
}

/* The chart's menu item as a click on it: the file chooser offers the
 * chart's title and year as the name, and saving there writes the SVG. */
static void
test_export_menu (ZbTestWindow  *f,
                  gconstpointer  data)
{
  g_autofree char *dir = zb_test_make_dir ();
  g_autofree char *name = NULL;
  g_autofree char *path = NULL;
  g_autofree char *offered = NULL;
  g_autofree char *text = NULL;
  g_autoptr(GFile) folder = g_file_new_for_path (dir);
  g_autoptr(GError) error = NULL;
  GtkWidget *chooser = NULL;
  ZbDashboardView *view;

  open_dashboard (f);
  choose_year (f, BUSY_YEAR);
  view = dashboard (f);
  name = zb_dashboard_view_export_name (view, "age", ZB_EXPORT_SVG);
  path = g_build_filename (dir, name, NULL);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (view), "dashboard.export-svg", "s",
                                             "age"));
  zb_test_wait_for (has_file_chooser, &chooser, 30);
  zb_test_settle (300);
  offered = gtk_file_chooser_get_current_name (GTK_FILE_CHOOSER (chooser));
  g_assert_cmpstr (offered, ==, name);
  zb_test_screenshot (chooser, "dashboard-export.png");

  g_assert_true (gtk_file_chooser_set_current_folder (GTK_FILE_CHOOSER (chooser), folder,
                                                      &error));
  g_assert_no_error (error);
  zb_test_settle (300);
  gtk_dialog_response (GTK_DIALOG (chooser), GTK_RESPONSE_ACCEPT);
  zb_test_wait_for (file_exists, path, 30);

  g_assert_true (g_file_get_contents (path, &text, NULL, &error));
  g_assert_no_error (error);
  g_assert_nonnull (strstr (text, "<svg"));
  zb_test_remove_dir (dir);
}

/* Tab from the year reaches each chart's export menu in turn. */
static void
test_keyboard (ZbTestWindow  *f,
               gconstpointer  data)
{
  g_autoptr(GHashTable) menus = g_hash_table_new (NULL, NULL);
  ZbDashboardView *view;
  GtkWidget *year;

  open_dashboard (f);
  choose_year (f, BUSY_YEAR);
  view = dashboard (f);
  year = find_descendant (GTK_WIDGET (view), GTK_TYPE_SPIN_BUTTON);
  g_assert_nonnull (year);
  g_assert_true (gtk_widget_grab_focus (year));

  for (guint i = 0; i < 40 && g_hash_table_size (menus) < G_N_ELEMENTS (chart_names); i++)
    {
      GtkWidget *focus;
      GtkWidget *menu;

      g_assert_true (gtk_widget_child_focus (GTK_WIDGET (f->window), GTK_DIR_TAB_FORWARD));
      focus = gtk_window_get_focus (GTK_WINDOW (f->window));
      menu = focus ? gtk_widget_get_ancestor (focus, GTK_TYPE_MENU_BUTTON) : NULL;
      if (menu != NULL && gtk_widget_is_ancestor (menu, GTK_WIDGET (view)))
        {
          g_assert_nonnull (gtk_widget_get_tooltip_text (menu));
          g_hash_table_add (menus, menu);
        }
    }
  g_assert_cmpuint (g_hash_table_size (menus), ==, G_N_ELEMENTS (chart_names));
}

/* Another year reloads; so does coming back to the page after a change. */
static void
test_year_and_changes (ZbTestWindow  *f,
                       gconstpointer  data)
{
  g_autoptr(ZbStore) store = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  ZbChart *meetings;

  open_dashboard (f);
  choose_year (f, BUSY_YEAR);
  meetings = zb_dashboard_view_get_chart (dashboard (f), "meetings");
  before = zb_chart_describe (meetings);

  choose_year (f, THIN_YEAR);
  g_assert_cmpuint (meetings_held (f, THIN_YEAR), ==, 6);
  assert_figures (f, THIN_YEAR);
  after = zb_chart_describe (meetings);
  g_assert_cmpstr (before, !=, after);

  /* A meeting recorded elsewhere (the CLI, a sync) shows when the page is
   * looked at again. */
  store = zb_test_open_store (f);
  g_free (zb_test_add_meeting (store, "theme-day", "2025-08-14", "主题党日", NULL));
  zb_window_show_view (f->window, "roster");
  zb_window_show_view (f->window, "dashboard");
  g_assert_true (zb_dashboard_view_is_loading (dashboard (f)));
  choose_year (f, THIN_YEAR);
  g_assert_cmpuint (meetings_held (f, THIN_YEAR), ==, 7);
  assert_figures (f, THIN_YEAR);
}

static void
start_element (GMarkupParseContext  *context,
               const char           *element,
               const char          **names,
               const char          **values,
               gpointer              data,
               GError              **error)
{
  if (g_str_equal (element, "svg"))
    *(gboolean *) data = TRUE;
}

/* What the chart menu's items write once a file is chosen: a PNG of the
 * export size and a well-formed SVG, named by the chart's title and year. */
static void
test_export (ZbTestWindow  *f,
             gconstpointer  data)
{
  g_autofree char *dir = zb_test_make_dir ();
  g_autofree char *png_name = NULL;
  g_autofree char *svg_name = NULL;
  g_autofree char *png = NULL;
  g_autofree char *svg = NULL;
  g_autofree char *text = NULL;
  g_autofree char *year = g_strdup_printf ("%u", BUSY_YEAR);
  g_autoptr(GError) error = NULL;
  const GMarkupParser parser = { start_element, NULL, NULL, NULL, NULL };
  g_autoptr(GMarkupParseContext) context = NULL;
  gboolean has_svg = FALSE;
  ZbDashboardView *view;
  ZbChart *chart;
  cairo_surface_t *image;

  open_dashboard (f);
  choose_year (f, BUSY_YEAR);
  view = dashboard (f);
  chart = zb_dashboard_view_get_chart (view, "meetings");

  png_name = zb_dashboard_view_export_name (view, "meetings", ZB_EXPORT_PNG);
  svg_name = zb_dashboard_view_export_name (view, "meetings", ZB_EXPORT_SVG);
  g_test_message ("%s, %s", png_name, svg_name);
  g_assert_nonnull (strstr (png_name, zb_chart_get_title (chart)));
  g_assert_nonnull (strstr (png_name, year));
  g_assert_true (g_str_has_suffix (png_name, ".png"));
  g_assert_true (g_str_has_suffix (svg_name, ".svg"));
  g_assert_nonnull (strstr (svg_name, zb_chart_get_title (chart)));

  png = g_build_filename (dir, png_name, NULL);
  svg = g_build_filename (dir, svg_name, NULL);
  g_assert_true (zb_dashboard_view_export (view, "meetings", ZB_EXPORT_PNG, png, &error));
  g_assert_no_error (error);
  g_assert_true (zb_dashboard_view_export (view, "meetings", ZB_EXPORT_SVG, svg, &error));
  g_assert_no_error (error);

  image = cairo_image_surface_create_from_png (png);
  g_assert_cmpint (cairo_surface_status (image), ==, CAIRO_STATUS_SUCCESS);
  g_assert_cmpint (cairo_image_surface_get_width (image), ==, 800);
  g_assert_cmpint (cairo_image_surface_get_height (image), ==, 400);
  cairo_surface_destroy (image);

  g_assert_true (g_file_get_contents (svg, &text, NULL, &error));
  g_assert_no_error (error);
  context = g_markup_parse_context_new (&parser, 0, &has_svg, NULL);
  g_assert_true (g_markup_parse_context_parse (context, text, -1, &error));
  g_assert_no_error (error);
  g_assert_true (has_svg);

  /* A folder that is not there: the error says so. */
  g_clear_pointer (&png, g_free);
  png = g_build_filename (dir, "no-such-folder", "chart.png", NULL);
  g_assert_false (zb_dashboard_view_export (view, "meetings", ZB_EXPORT_PNG, png, &error));
  g_assert_nonnull (error);

  zb_test_keep_artifact (svg, "dashboard-meetings.svg");
  zb_test_remove_dir (dir);
}

int
main (int   argc,
      char *argv[])
{
  zb_test_gui_init (&argc, &argv);

#define ADD(path, func) \
  g_test_add (path, ZbTestWindow, NULL, zb_test_window_set_up, func, zb_test_window_tear_down)

  ADD ("/dashboard/figures", test_figures);
  ADD ("/dashboard/year-and-changes", test_year_and_changes);
  ADD ("/dashboard/export", test_export);
  ADD ("/dashboard/export-menu", test_export_menu);
  ADD ("/dashboard/keyboard", test_keyboard);

  return g_test_run ();
}
