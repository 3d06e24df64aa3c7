#define G_LOG_DOMAIN "zb-reduction"

#include "config.h"

#include "zb-reduction.h"

/* One month of a member's dues that the branch decided to reduce or waive
 * (少交或免交, DOMAIN.md section 4): what the member owes for it instead (0
 * waives it), and whether the higher committee has approved it, which is
 * when it counts; until then the month owes its usual dues. */
struct _ZbReduction
{
  GObject   parent_instance;

  char     *id;
  char     *member_id;
  char     *month;
  gint64    due_fen;
  gboolean  approved;
  char     *decided_date;
  char     *approval_ref;
  char     *reason;
};

G_DEFINE_FINAL_TYPE (ZbReduction, zb_reduction, G_TYPE_OBJECT)

static void
zb_reduction_finalize (GObject *object)
{
  ZbReduction *self = (ZbReduction *) object;

  g_free (self->id);
  g_free (self->member_id);
  g_free (self->month);
  g_free (self->decided_date);
  g_free (self->approval_ref);
  g_free (self->reason);

  G_OBJECT_CLASS (zb_reduction_parent_class)->finalize (object);
}

static void
zb_reduction_class_init (ZbReductionClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = zb_reduction_finalize;
}

static void
zb_reduction_init (ZbReduction *self)
{
}

ZbReduction *
zb_reduction_new (const char *id,
                  const char *member_id,
                  const char *month,
                  gint64      due_fen,
                  gboolean    approved)
{
  ZbReduction *self = g_object_new (ZB_TYPE_REDUCTION, NULL);

  self->id = g_strdup (id);
  self->member_id = g_strdup (member_id);
  self->month = g_strdup (month);
  self->due_fen = due_fen;
  self->approved = approved;
  return self;
}

/* The branch's decision date and reason, and the higher committee's
 * approval (NULL while none). */
void
zb_reduction_set_decision (ZbReduction *self,
                           const char  *decided_date,
                           const char  *approval_ref,
                           const char  *reason)
{
  g_return_if_fail (ZB_IS_REDUCTION (self));

  g_free (self->decided_date);
  g_free (self->approval_ref);
  g_free (self->reason);
  self->decided_date = g_strdup (decided_date);
  self->approval_ref = g_strdup (approval_ref);
  self->reason = g_strdup (reason);
}

const char *
zb_reduction_get_id (ZbReduction *self)
{
  return self->id;
}

const char *
zb_reduction_get_member_id (ZbReduction *self)
{
  return self->member_id;
}

const char *
zb_reduction_get_month (ZbReduction *self)
{
  return self->month;
}

gint64
zb_reduction_get_due_fen (ZbReduction *self)
{
  return self->due_fen;
}

gboolean
zb_reduction_get_approved (ZbReduction *self)
{
  return self->approved;
}

const char *
zb_reduction_get_decided_date (ZbReduction *self)
{
  return self->decided_date;
}

const char *
zb_reduction_get_approval_ref (ZbReduction *self)
{
  return self->approval_ref;
}

const char *
zb_reduction_get_reason (ZbReduction *self)
{
  return self->reason;
}
