#define G_LOG_DOMAIN "zb-chart"

#include "config.h"

#include <cairo-svg.h>
#include <glib/gi18n.h>

#include "zb-chart.h"
#include "zb-money.h"

/* The dashboard's charts: counts or money per category (a month, a kind of
 * member), drawn by one function onto any cairo context, so that what is
 * exported as PNG or SVG is what the window shows. Values stay whole
 * numbers (counts, fen); only lengths on the page are fractional. */

#define PAD          10.0
#define GAP          6.0
#define SWATCH       10.0
#define N_TICKS      4
#define MAX_BAR      22.0

typedef struct
{
  char   *name;
  GArray *values;     /* gint64 */
} Series;

struct _ZbChart
{
  GtkWidget    parent_instance;

  ZbChartKind  kind;
  ZbChartUnit  unit;
  char        *title;
  GStrv        categories;
  GPtrArray   *series;  /* Series */
};

G_DEFINE_FINAL_TYPE (ZbChart, zb_chart, GTK_TYPE_WIDGET)

/* The party's red for the first series, then colours that stay apart from
 * it and from each other in print and for the colour-blind. */
static const GdkRGBA palette[] = {
  { 0.753, 0.110, 0.157, 1.0 },   /* #c01c28 */
  { 0.604, 0.600, 0.588, 1.0 },   /* #9a9996 */
  { 0.898, 0.647, 0.039, 1.0 },   /* #e5a50a */
  { 0.208, 0.518, 0.894, 1.0 },   /* #3584e4 */
  { 0.180, 0.761, 0.494, 1.0 },   /* #2ec27e */
};

static void
series_free (Series *series)
{
  g_free (series->name);
  g_array_unref (series->values);
  g_free (series);
}

static gint64
value_at (const Series *series,
          guint         i)
{
  return i < series->values->len ? g_array_index (series->values, gint64, i) : 0;
}

static guint
n_categories (ZbChart *self)
{
  return self->categories != NULL ? g_strv_length (self->categories) : 0;
}

static gboolean
is_empty (ZbChart *self)
{
  return n_categories (self) == 0 || self->series->len == 0;
}

static char *
format_value (ZbChart *self,
              gint64   value)
{
  if (self->unit == ZB_CHART_FEN)
    return zb_money_format_yuan (value);
  return g_strdup_printf ("%" G_GINT64_FORMAT, value);
}

/* The step between gridlines: 1, 2 or 5 times a power of ten (of yuan, for
 * money), so that about N_TICKS of them reach @max. */
static gint64
tick_step (ZbChart *self,
           gint64   max)
{
  gint64 unit = self->unit == ZB_CHART_FEN ? 100 : 1;
  gint64 raw = MAX ((max / unit + N_TICKS - 1) / N_TICKS, 1);
  gint64 power = 1;

  while (power * 10 <= raw)
    power *= 10;
  if (raw <= power)
    return power * unit;
  if (raw <= 2 * power)
    return 2 * power * unit;
  if (raw <= 5 * power)
    return 5 * power * unit;
  return 10 * power * unit;
}

static gint64
largest_value (ZbChart *self)
{
  gint64 max = 0;
  guint n_series = self->kind == ZB_CHART_BARS ? MIN (self->series->len, 1) : self->series->len;

  for (guint s = 0; s < n_series; s++)
    for (guint i = 0; i < n_categories (self); i++)
      max = MAX (max, value_at (g_ptr_array_index (self->series, s), i));
  return max;
}

static PangoLayout *
text (cairo_t    *cr,
      const char *string,
      gboolean    bold,
      int         points)
{
  PangoLayout *layout = pango_cairo_create_layout (cr);
  g_autoptr(PangoFontDescription) font = pango_font_description_from_string ("Sans");

  /* The words are Chinese whatever the locale: fontconfig then picks a
   * Chinese sans-serif face for them, not the first face that has Han. */
  pango_context_set_language (pango_layout_get_context (layout),
                              pango_language_from_string ("zh-cn"));
  pango_layout_context_changed (layout);

  pango_font_description_set_size (font, points * PANGO_SCALE);
  if (bold)
    pango_font_description_set_weight (font, PANGO_WEIGHT_BOLD);
  pango_layout_set_font_description (layout, font);
  pango_layout_set_text (layout, string, -1);
  return layout;
}

static void
text_size (PangoLayout *layout,
           double      *width,
           double      *height)
{
  int w, h;

  pango_layout_get_pixel_size (layout, &w, &h);
  *width = w;
  *height = h;
}

static void
show (cairo_t     *cr,
      PangoLayout *layout,
      double       x,
      double       y)
{
  cairo_move_to (cr, x, y);
  pango_cairo_show_layout (cr, layout);
}

/* The series' names with their colours, from @x along @y; returns its
 * height. */
static double
draw_legend (ZbChart       *self,
             cairo_t       *cr,
             double         x,
             double         y,
             const GdkRGBA *ink)
{
  double height = 0;

  for (guint s = 0; s < self->series->len; s++)
    {
      Series *series = g_ptr_array_index (self->series, s);
      g_autoptr(PangoLayout) name = text (cr, series->name, FALSE, 9);
      double w, h;

      text_size (name, &w, &h);
      gdk_cairo_set_source_rgba (cr, &palette[s % G_N_ELEMENTS (palette)]);
      cairo_rectangle (cr, x, y + (h - SWATCH) / 2, SWATCH, SWATCH);
      cairo_fill (cr);
      gdk_cairo_set_source_rgba (cr, ink);
      show (cr, name, x + SWATCH + 4, y);
      x += SWATCH + 4 + w + 2 * GAP;
      height = MAX (height, h);
    }
  return height;
}

static void
draw_grid (ZbChart       *self,
           cairo_t       *cr,
           double         left,
           double         top,
           double         right,
           double         bottom,
           gint64         ceiling,
           gint64         step,
           const GdkRGBA *ink)
{
  for (gint64 tick = 0; tick <= ceiling; tick += step)
    {
      double y = bottom - (bottom - top) * tick / ceiling;
      g_autofree char *label = format_value (self, tick);
      g_autoptr(PangoLayout) layout = text (cr, label, FALSE, 8);
      double w, h;

      text_size (layout, &w, &h);
      cairo_set_source_rgba (cr, ink->red, ink->green, ink->blue, tick == 0 ? 0.6 : 0.15);
      cairo_set_line_width (cr, 1.0);
      cairo_move_to (cr, left, (int) y + 0.5);
      cairo_line_to (cr, right, (int) y + 0.5);
      cairo_stroke (cr);
      gdk_cairo_set_source_rgba (cr, ink);
      show (cr, layout, left - GAP - w, y - h / 2);
    }
}

static double
widest_tick (ZbChart *self,
             cairo_t *cr,
             gint64   ceiling)
{
  g_autofree char *label = format_value (self, ceiling);
  g_autoptr(PangoLayout) layout = text (cr, label, FALSE, 8);
  double w, h;

  text_size (layout, &w, &h);
  return w;
}

static void
draw_columns (ZbChart       *self,
              cairo_t       *cr,
              double         top,
              int            width,
              int            height,
              const GdkRGBA *ink)
{
  guint n = n_categories (self);
  gint64 step = tick_step (self, largest_value (self));
  gint64 ceiling = MAX ((largest_value (self) + step - 1) / step, 1) * step;
  double left = PAD + widest_tick (self, cr, ceiling) + GAP;
  double right = width - PAD;
  double label_height, group, inner, bottom;
  guint every = 1;

  {
    g_autoptr(PangoLayout) probe = text (cr, self->categories[0], FALSE, 8);
    double w;

    text_size (probe, &w, &label_height);
  }
  top += label_height / 2;    /* room for the top gridline's label */
  bottom = height - PAD - label_height - 4;
  group = (right - left) / n;
  inner = group * 0.75;
  draw_grid (self, cr, left, top, right, bottom, ceiling, step, ink);

  for (guint i = 0; i < n; i++)
    for (guint s = 0; s < self->series->len; s++)
      {
        gint64 value = value_at (g_ptr_array_index (self->series, s), i);
        double h = (bottom - top) * value / ceiling;
        double w = inner / self->series->len;

        gdk_cairo_set_source_rgba (cr, &palette[s % G_N_ELEMENTS (palette)]);
        cairo_rectangle (cr, left + i * group + (group - inner) / 2 + s * w, bottom - h, w, h);
        cairo_fill (cr);
      }

  /* Every category's label when they fit; else every second, third…. */
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(PangoLayout) label = text (cr, self->categories[i], FALSE, 8);
      double w, h;

      text_size (label, &w, &h);
      while (w + GAP > group * every && every < n)
        every++;
    }
  gdk_cairo_set_source_rgba (cr, ink);
  for (guint i = 0; i < n; i += every)
    {
      g_autoptr(PangoLayout) label = text (cr, self->categories[i], FALSE, 8);
      double w, h;

      text_size (label, &w, &h);
      show (cr, label, left + i * group + (group - w) / 2, bottom + 4);
    }
}

static void
draw_bars (ZbChart       *self,
           cairo_t       *cr,
           double         top,
           int            width,
           int            height,
           const GdkRGBA *ink)
{
  Series *series = g_ptr_array_index (self->series, 0);
  guint n = n_categories (self);
  gint64 max = MAX (largest_value (self), 1);
  double labels = 0, values = 0, row, thickness, left, right;

  for (guint i = 0; i < n; i++)
    {
      g_autofree char *number = format_value (self, value_at (series, i));
      g_autoptr(PangoLayout) label = text (cr, self->categories[i], FALSE, 9);
      g_autoptr(PangoLayout) value = text (cr, number, FALSE, 9);
      double w, h;

      text_size (label, &w, &h);
      labels = MAX (labels, w);
      text_size (value, &w, &h);
      values = MAX (values, w);
    }
  left = PAD + labels + GAP;
  right = width - PAD - values - GAP;
  row = (height - PAD - top) / n;
  thickness = MIN (row * 0.6, MAX_BAR);

  for (guint i = 0; i < n; i++)
    {
      g_autofree char *number = format_value (self, value_at (series, i));
      g_autoptr(PangoLayout) label = text (cr, self->categories[i], FALSE, 9);
      g_autoptr(PangoLayout) value = text (cr, number, FALSE, 9);
      double middle = top + row * (i + 0.5);
      double length = (right - left) * value_at (series, i) / max;
      double w, h;

      gdk_cairo_set_source_rgba (cr, &palette[0]);
      cairo_rectangle (cr, left, middle - thickness / 2, length, thickness);
      cairo_fill (cr);
      gdk_cairo_set_source_rgba (cr, ink);
      text_size (label, &w, &h);
      show (cr, label, left - GAP - w, middle - h / 2);
      show (cr, value, left + length + GAP, middle - h / 2);
    }
}

/* Draws the chart in a @width by @height box at the origin of @cr, its
 * words and lines in @ink. */
void
zb_chart_draw (ZbChart       *self,
               cairo_t       *cr,
               int            width,
               int            height,
               const GdkRGBA *ink)
{
  g_autoptr(PangoLayout) title = text (cr, self->title != NULL ? self->title : "", TRUE, 11);
  double w, h, top;

  g_return_if_fail (ZB_IS_CHART (self));

  cairo_save (cr);
  text_size (title, &w, &h);
  gdk_cairo_set_source_rgba (cr, ink);
  show (cr, title, PAD, PAD);
  top = PAD + h + GAP;

  if (is_empty (self))
    {
      g_autoptr(PangoLayout) none = text (cr, _("No data for this period"), FALSE, 9);

      text_size (none, &w, &h);
      cairo_set_source_rgba (cr, ink->red, ink->green, ink->blue, 0.6);
      show (cr, none, (width - w) / 2, (top + height - h) / 2);
      cairo_restore (cr);
      return;
    }
  if (self->kind == ZB_CHART_COLUMNS)
    {
      top += draw_legend (self, cr, PAD, top, ink) + 2 * GAP;
      draw_columns (self, cr, top, width, height, ink);
    }
  else
    draw_bars (self, cr, top + GAP, width, height, ink);
  cairo_restore (cr);
}

/* In words, for a screen reader and for the tests: each category with its
 * values. */
char *
zb_chart_describe (ZbChart *self)
{
  GString *out = g_string_new (self->title);

  if (is_empty (self))
    {
      g_string_append_printf (out, _(": %s"), _("No data for this period"));
      return g_string_free (out, FALSE);
    }
  for (guint i = 0; i < n_categories (self); i++)
    {
      guint n_series = self->kind == ZB_CHART_BARS ? 1 : self->series->len;

      /* TRANSLATORS: between a chart's title or previous category and the next */
      g_string_append (out, i == 0 ? _(": ") : _("; "));
      g_string_append (out, self->categories[i]);
      for (guint s = 0; s < n_series; s++)
        {
          Series *series = g_ptr_array_index (self->series, s);
          g_autofree char *value = format_value (self, value_at (series, i));

          /* TRANSLATORS: a series of a chart and its value, such as " held 3" */
          g_string_append_printf (out, _(" %s %s"), series->name, value);
        }
    }
  return g_string_free (out, FALSE);
}

static void
update_accessible (ZbChart *self)
{
  g_autofree char *description = zb_chart_describe (self);

  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, self->title,
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, description,
                                  -1);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static gboolean
finish_export (cairo_surface_t  *surface,
               const char       *path,
               GError          **error)
{
  cairo_status_t status;

  cairo_surface_finish (surface);
  status = cairo_surface_status (surface);
  cairo_surface_destroy (surface);
  if (status == CAIRO_STATUS_SUCCESS)
    return TRUE;
  g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, _("Could not write the chart to %s: %s"),
               path, cairo_status_to_string (status));
  return FALSE;
}

/* Black on white, as printed. */
static void
draw_on_paper (ZbChart *self,
               cairo_t *cr,
               int      width,
               int      height)
{
  const GdkRGBA black = { 0, 0, 0, 1 };

  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_paint (cr);
  zb_chart_draw (self, cr, width, height, &black);
}

gboolean
zb_chart_save_png (ZbChart     *self,
                   const char  *path,
                   int          width,
                   int          height,
                   GError     **error)
{
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, width, height);
  cairo_t *cr = cairo_create (surface);
  cairo_status_t status;

  draw_on_paper (self, cr, width, height);
  cairo_destroy (cr);
  status = cairo_surface_write_to_png (surface, path);
  if (status != CAIRO_STATUS_SUCCESS)
    {
      cairo_surface_destroy (surface);
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED,
                   _("Could not write the chart to %s: %s"), path,
                   cairo_status_to_string (status));
      return FALSE;
    }
  return finish_export (surface, path, error);
}

gboolean
zb_chart_save_svg (ZbChart     *self,
                   const char  *path,
                   int          width,
                   int          height,
                   GError     **error)
{
  cairo_surface_t *surface = cairo_svg_surface_create (path, width, height);
  cairo_t *cr = cairo_create (surface);

  draw_on_paper (self, cr, width, height);
  cairo_destroy (cr);
  return finish_export (surface, path, error);
}

static void
zb_chart_snapshot (GtkWidget   *widget,
                   GtkSnapshot *snapshot)
{
  ZbChart *self = ZB_CHART (widget);
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);
  GdkRGBA ink;
  cairo_t *cr;

  gtk_style_context_get_color (gtk_widget_get_style_context (widget), &ink);
  cr = gtk_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT (0, 0, width, height));
  zb_chart_draw (self, cr, width, height, &ink);
  cairo_destroy (cr);
}

static void
zb_chart_measure (GtkWidget      *widget,
                  GtkOrientation  orientation,
                  int             for_size,
                  int            *minimum,
                  int            *natural,
                  int            *minimum_baseline,
                  int            *natural_baseline)
{
  *minimum = orientation == GTK_ORIENTATION_HORIZONTAL ? 240 : 160;
  *natural = orientation == GTK_ORIENTATION_HORIZONTAL ? 480 : 280;
}

static void
zb_chart_finalize (GObject *object)
{
  ZbChart *self = ZB_CHART (object);

  g_free (self->title);
  g_strfreev (self->categories);
  g_ptr_array_unref (self->series);

  G_OBJECT_CLASS (zb_chart_parent_class)->finalize (object);
}

static void
zb_chart_class_init (ZbChartClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->finalize = zb_chart_finalize;
  widget_class->snapshot = zb_chart_snapshot;
  widget_class->measure = zb_chart_measure;
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
  gtk_widget_class_set_css_name (widget_class, "chart");
}

static void
zb_chart_init (ZbChart *self)
{
  self->series = g_ptr_array_new_with_free_func ((GDestroyNotify) series_free);
}

ZbChart *
zb_chart_new (ZbChartKind  kind,
              const char  *title)
{
  ZbChart *self = g_object_new (ZB_TYPE_CHART, NULL);

  self->kind = kind;
  self->title = g_strdup (title);
  update_accessible (self);
  return self;
}

const char *
zb_chart_get_title (ZbChart *self)
{
  g_return_val_if_fail (ZB_IS_CHART (self), NULL);

  return self->title;
}

void
zb_chart_set_unit (ZbChart     *self,
                   ZbChartUnit  unit)
{
  g_return_if_fail (ZB_IS_CHART (self));

  self->unit = unit;
  update_accessible (self);
}

void
zb_chart_set_categories (ZbChart            *self,
                         const char * const *labels)
{
  g_return_if_fail (ZB_IS_CHART (self));

  g_strfreev (self->categories);
  self->categories = g_strdupv ((char **) labels);
  update_accessible (self);
}

/* A series of values, one a category in order; missing ones count 0. */
void
zb_chart_add_series (ZbChart      *self,
                     const char   *name,
                     const gint64 *values,
                     guint         n_values)
{
  Series *series;

  g_return_if_fail (ZB_IS_CHART (self));

  series = g_new0 (Series, 1);
  series->name = g_strdup (name);
  series->values = g_array_sized_new (FALSE, FALSE, sizeof (gint64), n_values);
  g_array_append_vals (series->values, values, n_values);
  g_ptr_array_add (self->series, series);
  update_accessible (self);
}

void
zb_chart_clear_series (ZbChart *self)
{
  g_return_if_fail (ZB_IS_CHART (self));

  g_ptr_array_set_size (self->series, 0);
  update_accessible (self);
}
