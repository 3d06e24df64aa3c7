#define G_LOG_DOMAIN "zb-points-line"

#include "config.h"

#include "zb-points-line.h"

/* One row of the yearly points table (src/core/rules/zb-points.c reckons
 * it): the member, and the points of each source and in all. */
struct _ZbPointsLine
{
  GObject   parent_instance;

  char     *member_id;
  char     *name;
  ZbPoints  points;
};

G_DEFINE_FINAL_TYPE (ZbPointsLine, zb_points_line, G_TYPE_OBJECT)

static void
zb_points_line_finalize (GObject *object)
{
  ZbPointsLine *self = (ZbPointsLine *)object;

  g_free (self->member_id);
  g_free (self->name);

  G_OBJECT_CLASS (zb_points_line_parent_class)->finalize (object);
}

static void
zb_points_line_class_init (ZbPointsLineClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = zb_points_line_finalize;
}

static void
zb_points_line_init (ZbPointsLine *self)
{
}

ZbPointsLine *
zb_points_line_new (const char     *member_id,
                    const char     *name,
                    const ZbPoints *points)
{
  ZbPointsLine *self = g_object_new (ZB_TYPE_POINTS_LINE, NULL);

  self->member_id = g_strdup (member_id);
  self->name = g_strdup (name);
  self->points = *points;
  return self;
}

const char *
zb_points_line_get_member_id (ZbPointsLine *self)
{
  return self->member_id;
}

const char *
zb_points_line_get_name (ZbPointsLine *self)
{
  return self->name;
}

const ZbPoints *
zb_points_line_get_points (ZbPointsLine *self)
{
  return &self->points;
}

/* Tenths as a reader writes points: "12", "12.5", "-0.5" never occurs. */
char *
zb_points_format (gint64 tenths)
{
  if (tenths % 10 == 0)
    return g_strdup_printf ("%" G_GINT64_FORMAT, tenths / 10);
  return g_strdup_printf ("%" G_GINT64_FORMAT ".%" G_GINT64_FORMAT, tenths / 10, tenths % 10);
}
