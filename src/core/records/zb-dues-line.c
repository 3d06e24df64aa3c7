#define G_LOG_DOMAIN "zb-dues-line"

#include "config.h"

#include "zb-dues-line.h"

/* What the dues ledger shows (src/core/rules/zb-dues-ledger.c reckons it):
 * a month, whether it is due, paid or waived, what it owes and what was
 * paid for it, in fen. */
struct _ZbDuesLine
{
  GObject  parent_instance;

  char    *month;      /* YYYY-MM */
  char    *state;      /* due, paid or waived */
  gint64   due_fen;    /* -1: not known, no base is recorded for the month */
  gint64   paid_fen;
};

G_DEFINE_FINAL_TYPE (ZbDuesLine, zb_dues_line, G_TYPE_OBJECT)

static void
zb_dues_line_finalize (GObject *object)
{
  ZbDuesLine *self = (ZbDuesLine *)object;

  g_free (self->month);
  g_free (self->state);

  G_OBJECT_CLASS (zb_dues_line_parent_class)->finalize (object);
}

static void
zb_dues_line_class_init (ZbDuesLineClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = zb_dues_line_finalize;
}

static void
zb_dues_line_init (ZbDuesLine *self)
{
}

ZbDuesLine *
zb_dues_line_new (const char *month,
                  const char *state,
                  gint64      due_fen,
                  gint64      paid_fen)
{
  ZbDuesLine *self = g_object_new (ZB_TYPE_DUES_LINE, NULL);

  self->month = g_strdup (month);
  self->state = g_strdup (state);
  self->due_fen = due_fen;
  self->paid_fen = paid_fen;
  return self;
}

const char *
zb_dues_line_get_month (ZbDuesLine *self)
{
  return self->month;
}

const char *
zb_dues_line_get_state (ZbDuesLine *self)
{
  return self->state;
}

gint64
zb_dues_line_get_due_fen (ZbDuesLine *self)
{
  return self->due_fen;
}

gint64
zb_dues_line_get_paid_fen (ZbDuesLine *self)
{
  return self->paid_fen;
}
