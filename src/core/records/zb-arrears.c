#define G_LOG_DOMAIN "zb-arrears"

#include "config.h"

#include "zb-arrears.h"

/* A member's months of dues in arrears (src/core/rules/zb-dues-ledger.c
 * reckons them), with the level they reach: "warning", "alert", or NULL
 * (DOMAIN.md section 4). */
struct _ZbArrears
{
  GObject  parent_instance;

  char    *member_id;
  char    *name;
  GStrv    months;     /* YYYY-MM, oldest first */
  char    *level;
};

G_DEFINE_FINAL_TYPE (ZbArrears, zb_arrears, G_TYPE_OBJECT)

static void
zb_arrears_finalize (GObject *object)
{
  ZbArrears *self = (ZbArrears *)object;

  g_free (self->member_id);
  g_free (self->name);
  g_strfreev (self->months);
  g_free (self->level);

  G_OBJECT_CLASS (zb_arrears_parent_class)->finalize (object);
}

static void
zb_arrears_class_init (ZbArrearsClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = zb_arrears_finalize;
}

static void
zb_arrears_init (ZbArrears *self)
{
}

ZbArrears *
zb_arrears_new (const char *member_id,
                const char *name,
                GStrv       months,
                const char *level)
{
  ZbArrears *self = g_object_new (ZB_TYPE_ARREARS, NULL);

  self->member_id = g_strdup (member_id);
  self->name = g_strdup (name);
  self->months = g_strdupv (months);
  self->level = g_strdup (level);
  return self;
}

const char *
zb_arrears_get_member_id (ZbArrears *self)
{
  return self->member_id;
}

const char *
zb_arrears_get_name (ZbArrears *self)
{
  return self->name;
}

const char * const *
zb_arrears_get_months (ZbArrears *self)
{
  return (const char * const *) self->months;
}

const char *
zb_arrears_get_level (ZbArrears *self)
{
  return self->level;
}
