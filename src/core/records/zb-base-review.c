#define G_LOG_DOMAIN "zb-base-review"

#include "config.h"

#include "zb-base-review.h"

/* One line of the yearly review of dues bases (DOMAIN.md section 4): a
 * member, the base in force in the year (its kind, amount and first month;
 * none when no base is recorded), and whether it was set or confirmed in
 * that year. */
struct _ZbBaseReview
{
  GObject   parent_instance;

  char     *member_id;
  char     *name;
  char     *kind;        /* NULL: no base recorded */
  gint64    base_fen;
  char     *from_month;
  gboolean  reviewed;
};

G_DEFINE_FINAL_TYPE (ZbBaseReview, zb_base_review, G_TYPE_OBJECT)

static void
zb_base_review_finalize (GObject *object)
{
  ZbBaseReview *self = (ZbBaseReview *) object;

  g_free (self->member_id);
  g_free (self->name);
  g_free (self->kind);
  g_free (self->from_month);

  G_OBJECT_CLASS (zb_base_review_parent_class)->finalize (object);
}

static void
zb_base_review_class_init (ZbBaseReviewClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = zb_base_review_finalize;
}

static void
zb_base_review_init (ZbBaseReview *self)
{
}

ZbBaseReview *
zb_base_review_new (const char *member_id,
                    const char *name,
                    const char *kind,
                    gint64      base_fen,
                    const char *from_month,
                    gboolean    reviewed)
{
  ZbBaseReview *self = g_object_new (ZB_TYPE_BASE_REVIEW, NULL);

  self->member_id = g_strdup (member_id);
  self->name = g_strdup (name);
  self->kind = g_strdup (kind);
  self->base_fen = base_fen;
  self->from_month = g_strdup (from_month);
  self->reviewed = reviewed;
  return self;
}

const char *
zb_base_review_get_member_id (ZbBaseReview *self)
{
  return self->member_id;
}

const char *
zb_base_review_get_name (ZbBaseReview *self)
{
  return self->name;
}

const char *
zb_base_review_get_kind (ZbBaseReview *self)
{
  return self->kind;
}

gint64
zb_base_review_get_base_fen (ZbBaseReview *self)
{
  return self->base_fen;
}

const char *
zb_base_review_get_from_month (ZbBaseReview *self)
{
  return self->from_month;
}

gboolean
zb_base_review_get_reviewed (ZbBaseReview *self)
{
  return self->reviewed;
}
