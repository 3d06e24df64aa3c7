#define G_LOG_DOMAIN "zb-attendee"

#include "config.h"

#include <glib/gi18n.h>

#include "zb-attendee.h"

struct _ZbAttendee
{
  GObject  parent_instance;

  char    *member_id;
  char    *name;
  char    *state;    /* present, leave, absent, or NULL: not recorded yet */
  char    *reason;
  gboolean has_vote; /* 表决权 on the meeting's day (zb-member-standing.h) */
};

G_DEFINE_FINAL_TYPE (ZbAttendee, zb_attendee, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_HAS_VOTE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
zb_attendee_finalize (GObject *object)
{
  ZbAttendee *self = (ZbAttendee *)object;

  g_free (self->member_id);
  g_free (self->name);
  g_free (self->state);
  g_free (self->reason);

  G_OBJECT_CLASS (zb_attendee_parent_class)->finalize (object);
}

static void
zb_attendee_get_property (GObject    *object,
                          guint       prop_id,
                          GValue     *value,
                          GParamSpec *pspec)
{
  ZbAttendee *self = ZB_ATTENDEE (object);

  switch (prop_id)
    {
    case PROP_HAS_VOTE:
      g_value_set_boolean (value, self->has_vote);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
zb_attendee_set_property (GObject      *object,
                          guint         prop_id,
                          const GValue *value,
                          GParamSpec   *pspec)
{
  ZbAttendee *self = ZB_ATTENDEE (object);

  switch (prop_id)
    {
    case PROP_HAS_VOTE:
      zb_attendee_set_has_vote (self, g_value_get_boolean (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
zb_attendee_class_init (ZbAttendeeClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = zb_attendee_finalize;
  object_class->get_property = zb_attendee_get_property;
  object_class->set_property = zb_attendee_set_property;

  /* Whether the attendee votes at this meeting: a full member on its date;
   * a probationary member has no vote (Party Constitution, article 7). */
  properties[PROP_HAS_VOTE] =
    g_param_spec_boolean ("has-vote", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
zb_attendee_init (ZbAttendee *self)
{
}

ZbAttendee *
zb_attendee_new (const char *member_id,
                 const char *name,
                 const char *state,
                 const char *reason)
{
  ZbAttendee *self = g_object_new (ZB_TYPE_ATTENDEE, NULL);

  self->member_id = g_strdup (member_id);
  self->name = g_strdup (name);
  self->state = g_strdup (state);
  self->reason = g_strdup (reason);
  return self;
}

const char *
zb_attendee_get_member_id (ZbAttendee *self)
{
  return self->member_id;
}

const char *
zb_attendee_get_name (ZbAttendee *self)
{
  return self->name;
}

const char *
zb_attendee_get_state (ZbAttendee *self)
{
  return self->state;
}

const char *
zb_attendee_get_reason (ZbAttendee *self)
{
  return self->reason;
}

gboolean
zb_attendee_get_has_vote (ZbAttendee *self)
{
  g_return_val_if_fail (ZB_IS_ATTENDEE (self), FALSE);

  return self->has_vote;
}

void
zb_attendee_set_has_vote (ZbAttendee *self,
                          gboolean    has_vote)
{
  g_return_if_fail (ZB_IS_ATTENDEE (self));

  has_vote = !!has_vote;
  if (self->has_vote == has_vote)
    return;
  self->has_vote = has_vote;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_HAS_VOTE]);
}

/* 出席, 请假, 缺席 */
const char *
zb_attendance_label (const char *state)
{
  if (g_strcmp0 (state, "present") == 0)
    return _("Present");
  if (g_strcmp0 (state, "leave") == 0)
    return _("On leave");
  if (g_strcmp0 (state, "absent") == 0)
    return _("Absent");
  return _("Not recorded");
}
