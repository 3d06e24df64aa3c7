#define G_LOG_DOMAIN "zb-guest"

#include "config.h"

#include "zb-guest.h"
#include "zb-record.h"

struct _ZbGuest
{
  GObject  parent_instance;

  char    *id;
  char    *name;
  char    *affiliation;   /* such as 上级党委组织部, or NULL */
};

G_DEFINE_FINAL_TYPE (ZbGuest, zb_guest, G_TYPE_OBJECT)

static void
zb_guest_finalize (GObject *object)
{
  ZbGuest *self = (ZbGuest *)object;

  g_free (self->id);
  g_free (self->name);
  g_free (self->affiliation);

  G_OBJECT_CLASS (zb_guest_parent_class)->finalize (object);
}

static void
zb_guest_class_init (ZbGuestClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = zb_guest_finalize;
}

static void
zb_guest_init (ZbGuest *self)
{
}

ZbGuest *
zb_guest_new (const char *id,
              const char *name,
              const char *affiliation)
{
  ZbGuest *self = g_object_new (ZB_TYPE_GUEST, NULL);

  zb_record_set_text (&self->id, id);
  zb_record_set_text (&self->name, name);
  zb_record_set_text (&self->affiliation, affiliation);
  return self;
}

const char *
zb_guest_get_id (ZbGuest *self)
{
  return self->id;
}

const char *
zb_guest_get_name (ZbGuest *self)
{
  return self->name;
}

const char *
zb_guest_get_affiliation (ZbGuest *self)
{
  return self->affiliation;
}

/* "Name（affiliation）", as the record prints a guest. */
char *
zb_guest_describe (ZbGuest *self)
{
  if (self->affiliation == NULL)
    return g_strdup (self->name);
  return g_strdup_printf ("%s（%s）", self->name, self->affiliation);
}
