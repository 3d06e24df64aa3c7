#define G_LOG_DOMAIN "test-chart"

#include "config.h"

#include <string.h>

#include "zb-chart.h"
#include "zb-test-util.h"
#include "zb-test-window.h"

/* The dashboard's charts (issue 12): drawn to scale, exported as PNG and
 * SVG, told in words to a screen reader, and shown in a window. */

#define WIDTH  640
#define HEIGHT 320

static const char * const months[] = {
  "1月", "2月", "3月", "4月", "5月", "6月", "7月", "8月", "9月", "10月", "11月", "12月", NULL,
};

static ZbChart *
meetings_chart (void)
{
  const gint64 held[] = { 4, 2, 3, 4, 1, 4, 4, 0, 3, 4, 2, 4 };
  const gint64 required[] = { 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4 };
  ZbChart *chart = g_object_ref_sink (zb_chart_new (ZB_CHART_COLUMNS, "每月会议"));

  zb_chart_set_categories (chart, months);
  zb_chart_add_series (chart, "已开", held, G_N_ELEMENTS (held));
  zb_chart_add_series (chart, "应开", required, G_N_ELEMENTS (required));
  return chart;
}

/* Whether the pixel at @x, @y is the first series' red (#c01c28). */
static gboolean
is_red (const guchar *data,
        int           stride,
        int           x,
        int           y)
{
  guint32 pixel = *(const guint32 *) (data + y * stride + x * 4);

  return ((pixel >> 16) & 0xff) == 0xc0 && ((pixel >> 8) & 0xff) == 0x1c
         && (pixel & 0xff) == 0x28;
}

/* The red column's height in pixels in the image's column @x. */
static int
red_height (cairo_surface_t *image,
            int              x)
{
  const guchar *data = cairo_image_surface_get_data (image);
  int stride = cairo_image_surface_get_stride (image);
  int n = 0;

  for (int y = 0; y < cairo_image_surface_get_height (image); y++)
    n += is_red (data, stride, x, y);
  return n;
}

/* Finds the middle of each run of red columns, left to right. */
static GArray *
red_columns (cairo_surface_t *image)
{
  GArray *middles = g_array_new (FALSE, FALSE, sizeof (int));
  int start = -1;

  for (int x = 0; x <= cairo_image_surface_get_width (image); x++)
    {
      gboolean red = x < cairo_image_surface_get_width (image) && red_height (image, x) > 0;

      if (red && start < 0)
        start = x;
      else if (!red && start >= 0)
        {
          int middle = (start + x) / 2;

          g_array_append_val (middles, middle);
          start = -1;
        }
    }
  return middles;
}

/* The PNG is WIDTH x HEIGHT, and each month's red column stands as tall as
 * its count: 4 is twice 2 and four times 1; the month of 0 has none. */
static void
test_png_to_scale (void)
{
  g_autoptr(ZbChart) chart = meetings_chart ();
  g_autofree char *dir = zb_test_make_dir ();
  g_autofree char *path = g_build_filename (dir, "meetings.png", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) columns = NULL;
  cairo_surface_t *image;
  int h4, h2, h1;

  g_assert_true (zb_chart_save_png (chart, path, WIDTH, HEIGHT, &error));
  g_assert_no_error (error);
  image = cairo_image_surface_create_from_png (path);
  g_assert_cmpint (cairo_surface_status (image), ==, CAIRO_STATUS_SUCCESS);
  g_assert_cmpint (cairo_image_surface_get_width (image), ==, WIDTH);
  g_assert_cmpint (cairo_image_surface_get_height (image), ==, HEIGHT);

  columns = red_columns (image);
  /* Eleven red columns and the legend's swatch, first; August has none. */
  g_assert_cmpuint (columns->len, ==, 12);
  h4 = red_height (image, g_array_index (columns, int, 1));
  h2 = red_height (image, g_array_index (columns, int, 2));
  h1 = red_height (image, g_array_index (columns, int, 5));
  g_test_message ("columns of 4, 2 and 1: %d, %d and %d pixels", h4, h2, h1);
  g_assert_cmpint (h4, >, HEIGHT / 3);
  g_assert_cmpint (ABS (h4 - 2 * h2), <=, 2);
  g_assert_cmpint (ABS (h4 - 4 * h1), <=, 3);

  cairo_surface_destroy (image);
  zb_test_keep_artifact (path, "dashboard-chart.png");
  zb_test_remove_dir (dir);
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

/* The SVG is well-formed XML with an svg element of the size asked. */
static void
test_svg (void)
{
  g_autoptr(ZbChart) chart = meetings_chart ();
  g_autofree char *dir = zb_test_make_dir ();
  g_autofree char *path = g_build_filename (dir, "meetings.svg", NULL);
  g_autofree char *svg = NULL;
  g_autoptr(GError) error = NULL;
  const GMarkupParser parser = { start_element, NULL, NULL, NULL, NULL };
  g_autoptr(GMarkupParseContext) context = NULL;
  gboolean has_svg = FALSE;

  g_assert_true (zb_chart_save_svg (chart, path, WIDTH, HEIGHT, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (path, &svg, NULL, &error));
  g_assert_nonnull (strstr (svg, "width=\"640pt\""));
  g_assert_nonnull (strstr (svg, "height=\"320pt\""));
  context = g_markup_parse_context_new (&parser, 0, &has_svg, NULL);
  g_assert_true (g_markup_parse_context_parse (context, svg, -1, &error));
  g_assert_true (g_markup_parse_context_end_parse (context, &error));
  g_assert_no_error (error);
  g_assert_true (has_svg);
  zb_test_keep_artifact (path, "dashboard-chart.svg");
  zb_test_remove_dir (dir);
}

static void
test_unwritable (void)
{
  g_autoptr(ZbChart) chart = meetings_chart ();
  g_autoptr(GError) error = NULL;

  g_assert_false (zb_chart_save_png (chart, "/nonexistent/dir/chart.png", WIDTH, HEIGHT,
                                     &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_FAILED);
  g_assert_nonnull (strstr (error->message, "/nonexistent/dir/chart.png"));
}

/* What a screen reader says: each month with its counts; money in yuan. */
static void
test_describe (void)
{
  g_autoptr(ZbChart) chart = meetings_chart ();
  g_autoptr(ZbChart) dues = g_object_ref_sink (zb_chart_new (ZB_CHART_BARS, "党费"));
  g_autoptr(ZbChart) empty = g_object_ref_sink (zb_chart_new (ZB_CHART_BARS, "成员"));
  const char * const kinds[] = { "应交", "实交", NULL };
  const gint64 fen[] = { 123456, 100000 };
  g_autofree char *words = zb_chart_describe (chart);
  g_autofree char *money = NULL;
  g_autofree char *nothing = zb_chart_describe (empty);

  g_assert_true (g_str_has_prefix (words, "每月会议: 1月 已开 4 应开 4; 2月 已开 2 应开 4"));
  g_assert_nonnull (strstr (words, "8月 已开 0 应开 4"));

  zb_chart_set_unit (dues, ZB_CHART_FEN);
  zb_chart_set_categories (dues, kinds);
  zb_chart_add_series (dues, "金额", fen, G_N_ELEMENTS (fen));
  money = zb_chart_describe (dues);
  g_assert_cmpstr (money, ==, "党费: 应交 金额 1234.56; 实交 金额 1000.00");

  g_assert_cmpstr (nothing, ==, "成员: No data for this period");
}

/* In a window under Xvfb: the chart draws, and its screenshot is kept. */
static void
test_in_window (void)
{
  g_autoptr(ZbChart) chart = meetings_chart ();
  g_autoptr(ZbChart) members = g_object_ref_sink (zb_chart_new (ZB_CHART_BARS, "党员构成"));
  const char * const kinds[] = { "正式党员", "预备党员", "发展对象", "入党积极分子", NULL };
  const gint64 counts[] = { 42, 5, 3, 8 };
  GtkWidget *window = gtk_window_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);

  zb_chart_set_categories (members, kinds);
  zb_chart_add_series (members, "人数", counts, G_N_ELEMENTS (counts));
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (chart));
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (members));
  gtk_window_set_child (GTK_WINDOW (window), box);
  gtk_window_set_default_size (GTK_WINDOW (window), 640, 600);
  gtk_window_present (GTK_WINDOW (window));
  zb_test_settle (500);

  g_assert_cmpint (gtk_widget_get_width (GTK_WIDGET (chart)), >=, 240);
  g_assert_cmpint (gtk_widget_get_height (GTK_WIDGET (members)), >=, 160);
  zb_test_screenshot (window, "dashboard-charts.png");
  gtk_window_destroy (GTK_WINDOW (window));
}

int
main (int   argc,
      char *argv[])
{
  zb_test_gui_init (&argc, &argv);

  g_test_add_func ("/chart/png-to-scale", test_png_to_scale);
  g_test_add_func ("/chart/svg", test_svg);
  g_test_add_func ("/chart/unwritable", test_unwritable);
  g_test_add_func ("/chart/describe", test_describe);
  g_test_add_func ("/chart/in-window", test_in_window);

  return g_test_run ();
}
