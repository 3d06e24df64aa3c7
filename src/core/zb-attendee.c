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
  gboolean has_vote;   /* 表决权 on the meeting's day */
};

G_DEFINE_FINAL_TYPE (ZbAttendee, zb_attendee, G_TYPE_OBJECT)

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
zb_attendee_class_init (ZbAttendeeClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = zb_attendee_finalize;
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
  return self->has_vote;
}

void
zb_attendee_set_has_vote (ZbAttendee *self,
                          gboolean    has_vote)
{
  self->has_vote = has_vote;
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
