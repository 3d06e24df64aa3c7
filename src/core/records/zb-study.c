#define G_LOG_DOMAIN "zb-study"

#include "config.h"

#include <glib/gi18n.h>

#include "zb-record.h"
#include "zb-study.h"

/* Who studied what, how long, and how: a member's duty to study (the
 * Constitution, article 3 (1)) and the branch's task of educating its
 * members (the Branch Regulations, article 9). A lecture given and volunteer
 * service are kept as the same record with their kind, so that the points
 * table (zb-points.c) counts all from one list. Time is whole minutes. */
struct _ZbStudy
{
  GObject      parent_instance;

  char        *id;
  char        *member_id;
  char        *member_name;   /* as the store lists it, for display */
  char        *date;
  char        *title;
  char        *material;
  char        *meeting_id;
  ZbStudyKind  kind;
  gint64       minutes;
};

G_DEFINE_FINAL_TYPE (ZbStudy, zb_study, G_TYPE_OBJECT)

/* The codes the schema keeps (migration step 8), in ZbStudyKind's order. */
static const char * const kind_codes[] = { "self", "meeting", "lecture", "volunteer" };
static const char * const kind_labels[] = {
  N_("Self-study"), N_("Study in a meeting"), N_("Party lecture given"), N_("Volunteer service"),
};

G_STATIC_ASSERT (G_N_ELEMENTS (kind_codes) == ZB_STUDY_N_KINDS);
G_STATIC_ASSERT (G_N_ELEMENTS (kind_labels) == ZB_STUDY_N_KINDS);

static void
zb_study_finalize (GObject *object)
{
  ZbStudy *self = (ZbStudy *)object;

  g_free (self->id);
  g_free (self->member_id);
  g_free (self->member_name);
  g_free (self->date);
  g_free (self->title);
  g_free (self->material);
  g_free (self->meeting_id);

  G_OBJECT_CLASS (zb_study_parent_class)->finalize (object);
}

static void
zb_study_class_init (ZbStudyClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = zb_study_finalize;
}

static void
zb_study_init (ZbStudy *self)
{
  self->kind = ZB_STUDY_SELF;
}

gboolean
zb_study_kind_parse (const char  *text,
                     ZbStudyKind *kind)
{
  for (guint i = 0; i < G_N_ELEMENTS (kind_codes); i++)
    if (g_strcmp0 (text, kind_codes[i]) == 0)
      {
        *kind = i;
        return TRUE;
      }
  return FALSE;
}

const char *
zb_study_kind_to_string (ZbStudyKind kind)
{
  g_return_val_if_fail (kind < ZB_STUDY_N_KINDS, NULL);
  return kind_codes[kind];
}

const char *
zb_study_kind_label (ZbStudyKind kind)
{
  g_return_val_if_fail (kind < ZB_STUDY_N_KINDS, NULL);
  return _(kind_labels[kind]);
}

ZbStudy *
zb_study_new (void)
{
  return g_object_new (ZB_TYPE_STUDY, NULL);
}

ZB_RECORD_TEXT_ACCESSORS (ZbStudy, zb_study, id, id)
ZB_RECORD_TEXT_ACCESSORS (ZbStudy, zb_study, member_id, member_id)
ZB_RECORD_TEXT_ACCESSORS (ZbStudy, zb_study, member_name, member_name)
ZB_RECORD_TEXT_ACCESSORS (ZbStudy, zb_study, date, date)
ZB_RECORD_TEXT_ACCESSORS (ZbStudy, zb_study, title, title)
ZB_RECORD_TEXT_ACCESSORS (ZbStudy, zb_study, material, material)
ZB_RECORD_TEXT_ACCESSORS (ZbStudy, zb_study, meeting_id, meeting_id)

ZbStudyKind
zb_study_get_kind (ZbStudy *self)
{
  return self->kind;
}

void
zb_study_set_kind (ZbStudy     *self,
                   ZbStudyKind  kind)
{
  g_return_if_fail (kind < ZB_STUDY_N_KINDS);
  self->kind = kind;
}

gint64
zb_study_get_minutes (ZbStudy *self)
{
  return self->minutes;
}

void
zb_study_set_minutes (ZbStudy *self,
                      gint64   minutes)
{
  self->minutes = minutes;
}
