#define G_LOG_DOMAIN "zb-measure"

#include "config.h"

#include "zb-measure.h"
#include "zb-record.h"

struct _ZbMeasure
{
  GObject  parent_instance;

  char    *id;
  char    *meeting_id;
  char    *meeting_date;   /* of the meeting that decided it, for display */
  char    *text;
  char    *owner;          /* 责任人 */
  char    *due_date;
  char    *state;          /* open or done */
  char    *done_date;
  char    *done_note;      /* 落实情况 */
};

G_DEFINE_FINAL_TYPE (ZbMeasure, zb_measure, G_TYPE_OBJECT)

static void
zb_measure_finalize (GObject *object)
{
  ZbMeasure *self = (ZbMeasure *)object;

  g_free (self->id);
  g_free (self->meeting_id);
  g_free (self->meeting_date);
  g_free (self->text);
  g_free (self->owner);
  g_free (self->due_date);
  g_free (self->state);
  g_free (self->done_date);
  g_free (self->done_note);

  G_OBJECT_CLASS (zb_measure_parent_class)->finalize (object);
}

static void
zb_measure_class_init (ZbMeasureClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = zb_measure_finalize;
}

static void
zb_measure_init (ZbMeasure *self)
{
}

ZbMeasure *
zb_measure_new (void)
{
  return g_object_new (ZB_TYPE_MEASURE, NULL);
}

#define ACCESSORS(name) ZB_RECORD_TEXT_ACCESSORS (ZbMeasure, zb_measure, name, name)

ACCESSORS (id)
ACCESSORS (meeting_id)
ACCESSORS (meeting_date)
ACCESSORS (text)
ACCESSORS (owner)
ACCESSORS (due_date)
ACCESSORS (state)
ACCESSORS (done_date)
ACCESSORS (done_note)
