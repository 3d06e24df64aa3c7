#define G_LOG_DOMAIN "zb-agenda-item"

#include "config.h"

#include "zb-agenda-item.h"
#include "zb-record.h"

struct _ZbAgendaItem
{
  GObject  parent_instance;

  char    *id;
  char    *meeting_id;
  guint    position;
  char    *title;
  char    *minutes;      /* 发言记录 */
  char    *resolution;   /* 决议 */
  char    *vote_kind;    /* admission, full-membership, discipline, election, or NULL */
  char    *vote_result;  /* passed, not-passed, or NULL */
};

G_DEFINE_FINAL_TYPE (ZbAgendaItem, zb_agenda_item, G_TYPE_OBJECT)

static void
zb_agenda_item_finalize (GObject *object)
{
  ZbAgendaItem *self = (ZbAgendaItem *)object;

  g_free (self->id);
  g_free (self->meeting_id);
  g_free (self->title);
  g_free (self->minutes);
  g_free (self->resolution);
  g_free (self->vote_kind);
  g_free (self->vote_result);

  G_OBJECT_CLASS (zb_agenda_item_parent_class)->finalize (object);
}

static void
zb_agenda_item_class_init (ZbAgendaItemClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = zb_agenda_item_finalize;
}

static void
zb_agenda_item_init (ZbAgendaItem *self)
{
}

ZbAgendaItem *
zb_agenda_item_new (void)
{
  return g_object_new (ZB_TYPE_AGENDA_ITEM, NULL);
}

#define ACCESSORS(name) ZB_RECORD_TEXT_ACCESSORS (ZbAgendaItem, zb_agenda_item, name, name)

ACCESSORS (id)
ACCESSORS (meeting_id)
ACCESSORS (title)
ACCESSORS (minutes)
ACCESSORS (resolution)
ACCESSORS (vote_kind)
ACCESSORS (vote_result)

guint
zb_agenda_item_get_position (ZbAgendaItem *self)
{
  return self->position;
}

void
zb_agenda_item_set_position (ZbAgendaItem *self,
                             guint         position)
{
  self->position = position;
}
