#define G_LOG_DOMAIN "zb-committee-member"

#include "config.h"

#include "zb-committee-member.h"
#include "zb-record.h"

/* A member's seat on the committee, in one role, from one date to another
 * (NULL while the term runs). The name is the member's, read with it. */
struct _ZbCommitteeMember
{
  GObject  parent_instance;

  char    *id;
  char    *member_id;
  char    *name;
  char    *role;       /* 书记, 副书记, 组织委员 … */
  char    *from_date;
  char    *to_date;
};

G_DEFINE_FINAL_TYPE (ZbCommitteeMember, zb_committee_member, G_TYPE_OBJECT)

static void
zb_committee_member_finalize (GObject *object)
{
  ZbCommitteeMember *self = (ZbCommitteeMember *)object;

  g_free (self->id);
  g_free (self->member_id);
  g_free (self->name);
  g_free (self->role);
  g_free (self->from_date);
  g_free (self->to_date);

  G_OBJECT_CLASS (zb_committee_member_parent_class)->finalize (object);
}

static void
zb_committee_member_class_init (ZbCommitteeMemberClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = zb_committee_member_finalize;
}

static void
zb_committee_member_init (ZbCommitteeMember *self)
{
}

ZbCommitteeMember *
zb_committee_member_new (void)
{
  return g_object_new (ZB_TYPE_COMMITTEE_MEMBER, NULL);
}

#define ACCESSORS(name) \
  ZB_RECORD_TEXT_ACCESSORS (ZbCommitteeMember, zb_committee_member, name, name)

ACCESSORS (id)
ACCESSORS (member_id)
ACCESSORS (name)
ACCESSORS (role)
ACCESSORS (from_date)
ACCESSORS (to_date)

/* Whether the term runs on @today (an ISO date): begun, and not ended
 * before it. */
gboolean
zb_committee_member_is_current (ZbCommitteeMember *self,
                                const char        *today)
{
  g_return_val_if_fail (ZB_IS_COMMITTEE_MEMBER (self), FALSE);

  return g_strcmp0 (self->from_date, today) <= 0 &&
         (self->to_date == NULL || g_strcmp0 (self->to_date, today) >= 0);
}
