#define G_LOG_DOMAIN "zb-person"

#include "config.h"

#include "zb-person.h"

/* A member expected at a meeting (by the member's ID) or one of its guests
 * (列席, by the guest row's ID): whom the first item's leader or a
 * speaker may be linked to. */
struct _ZbPerson
{
  GObject   parent_instance;

  char     *id;
  char     *name;
  char     *affiliation;  /* a guest's, or NULL */
  gboolean  guest;
};

G_DEFINE_FINAL_TYPE (ZbPerson, zb_person, G_TYPE_OBJECT)

static void
zb_person_finalize (GObject *object)
{
  ZbPerson *self = (ZbPerson *)object;

  g_free (self->id);
  g_free (self->name);
  g_free (self->affiliation);

  G_OBJECT_CLASS (zb_person_parent_class)->finalize (object);
}

static void
zb_person_class_init (ZbPersonClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = zb_person_finalize;
}

static void
zb_person_init (ZbPerson *self)
{
}

ZbPerson *
zb_person_new (const char *id,
               const char *name,
               const char *affiliation,
               gboolean    guest)
{
  ZbPerson *self = g_object_new (ZB_TYPE_PERSON, NULL);

  self->id = g_strdup (id);
  self->name = g_strdup (name);
  self->affiliation = g_strdup (affiliation);
  self->guest = guest;
  return self;
}

const char *
zb_person_get_id (ZbPerson *self)
{
  return self->id;
}

const char *
zb_person_get_name (ZbPerson *self)
{
  return self->name;
}

const char *
zb_person_get_affiliation (ZbPerson *self)
{
  return self->affiliation;
}

gboolean
zb_person_is_guest (ZbPerson *self)
{
  return self->guest;
}
