#define G_LOG_DOMAIN "zb-first-item-entry"

#include "config.h"

#include "zb-first-item-entry.h"

struct _ZbFirstItemEntry
{
  GObject      parent_instance;

  ZbMeeting   *meeting;
  ZbFirstItem *first;     /* NULL: the meeting has none */
};

G_DEFINE_FINAL_TYPE (ZbFirstItemEntry, zb_first_item_entry, G_TYPE_OBJECT)

static void
zb_first_item_entry_dispose (GObject *object)
{
  ZbFirstItemEntry *self = (ZbFirstItemEntry *)object;

  g_clear_object (&self->meeting);
  g_clear_object (&self->first);

  G_OBJECT_CLASS (zb_first_item_entry_parent_class)->dispose (object);
}

static void
zb_first_item_entry_class_init (ZbFirstItemEntryClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = zb_first_item_entry_dispose;
}

static void
zb_first_item_entry_init (ZbFirstItemEntry *self)
{
}

/* @first: the meeting's first item, or NULL when it has none. */
ZbFirstItemEntry *
zb_first_item_entry_new (ZbMeeting   *meeting,
                         ZbFirstItem *first)
{
  ZbFirstItemEntry *self = g_object_new (ZB_TYPE_FIRST_ITEM_ENTRY, NULL);

  g_return_val_if_fail (ZB_IS_MEETING (meeting), NULL);

  self->meeting = g_object_ref (meeting);
  self->first = first ? g_object_ref (first) : NULL;
  return self;
}

ZbMeeting *
zb_first_item_entry_get_meeting (ZbFirstItemEntry *self)
{
  return self->meeting;
}

ZbFirstItem *
zb_first_item_entry_get_first (ZbFirstItemEntry *self)
{
  return self->first;
}

/* DOMAIN.md section 3: the general, committee and party group meetings open
 * with the first agenda item; an addendum belongs to its meeting's. */
gboolean
zb_first_item_entry_is_required (ZbFirstItemEntry *self)
{
  const ZbMeetingType *type = zb_meeting_type_lookup (zb_meeting_get_type_code (self->meeting));

  return type != NULL && type->first_item && zb_meeting_get_addendum_of (self->meeting) == NULL;
}

/* A meeting that needs a first item and has none, or one not filled in. */
gboolean
zb_first_item_entry_is_missing (ZbFirstItemEntry *self)
{
  if (!zb_first_item_entry_is_required (self))
    return FALSE;
  return self->first == NULL || !zb_first_item_validate (self->first, NULL);
}
