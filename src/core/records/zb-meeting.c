#define G_LOG_DOMAIN "zb-meeting"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "zb-date.h"
#include "zb-error.h"
#include "zb-meeting.h"
#include "zb-record.h"

struct _ZbMeeting
{
  GObject  parent_instance;

  char    *id;
  char    *type;
  char    *title;
  char    *date;
  char    *start_time;
  char    *end_time;
  char    *place;
  char    *party_group;
  char    *chair_id;
  char    *recorder_id;
  char    *finalized_at;
  char    *addendum_of;
};

G_DEFINE_FINAL_TYPE (ZbMeeting, zb_meeting, G_TYPE_OBJECT)

/* DOMAIN.md section 2. The Branch Regulations set the committee and group
 * meetings monthly and the general meeting and lecture quarterly (the
 * lecture's figure is common local practice); the themed party day is
 * monthly; the organisational life meeting and the appraisal are yearly. */
#define REGULATIONS N_("the Branch Regulations")

static const ZbMeetingType types[] = {
  { "general", "支部党员大会", N_("Branch general meeting"), ZB_PERIOD_QUARTER, REGULATIONS, 0, 1 },
  { "committee", "支部委员会会议", N_("Branch committee meeting"), ZB_PERIOD_MONTH, REGULATIONS,
    0, 1 },
  { "group", "党小组会", N_("Party group meeting"), ZB_PERIOD_MONTH, REGULATIONS, 1, 1 },
  { "lecture", "党课", N_("Party lecture"), ZB_PERIOD_QUARTER, N_("common local practice"), 0,
    0 },
  { "theme-day", "主题党日", N_("Themed party day"), ZB_PERIOD_MONTH, REGULATIONS, 0, 0 },
  { "life-meeting", "组织生活会", N_("Organisational life meeting"), ZB_PERIOD_YEAR, REGULATIONS,
    0, 0 },
  { "appraisal", "民主评议党员", N_("Democratic appraisal of members"), ZB_PERIOD_YEAR,
    REGULATIONS, 0, 0 },
};

const ZbMeetingType *
zb_meeting_type_lookup (const char *code)
{
  for (guint i = 0; code && i < G_N_ELEMENTS (types); i++)
    if (g_str_equal (code, types[i].code) || g_str_equal (code, types[i].chinese))
      return &types[i];

  return NULL;
}

const ZbMeetingType *
zb_meeting_types (guint *n_types)
{
  *n_types = G_N_ELEMENTS (types);
  return types;
}

static void
zb_meeting_finalize (GObject *object)
{
  ZbMeeting *self = (ZbMeeting *)object;

  g_free (self->id);
  g_free (self->type);
  g_free (self->title);
  g_free (self->date);
  g_free (self->start_time);
  g_free (self->end_time);
  g_free (self->place);
  g_free (self->party_group);
  g_free (self->chair_id);
  g_free (self->recorder_id);
  g_free (self->finalized_at);
  g_free (self->addendum_of);

  G_OBJECT_CLASS (zb_meeting_parent_class)->finalize (object);
}

static void
zb_meeting_class_init (ZbMeetingClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = zb_meeting_finalize;
}

static void
zb_meeting_init (ZbMeeting *self)
{
}

ZbMeeting *
zb_meeting_new (void)
{
  return g_object_new (ZB_TYPE_MEETING, NULL);
}

#define ACCESSORS(name, field) ZB_RECORD_TEXT_ACCESSORS (ZbMeeting, zb_meeting, name, field)

ACCESSORS (id, id)
ACCESSORS (type_code, type)
ACCESSORS (title, title)
ACCESSORS (date, date)
ACCESSORS (start_time, start_time)
ACCESSORS (end_time, end_time)
ACCESSORS (place, place)
ACCESSORS (party_group, party_group)
ACCESSORS (chair_id, chair_id)
ACCESSORS (recorder_id, recorder_id)
ACCESSORS (finalized_at, finalized_at)
ACCESSORS (addendum_of, addendum_of)

static gboolean
is_time (const char *text)
{
  return text != NULL && strlen (text) == 5 && g_ascii_isdigit (text[0]) &&
         g_ascii_isdigit (text[1]) && text[2] == ':' && g_ascii_isdigit (text[3]) &&
         g_ascii_isdigit (text[4]) && strcmp (text, "24:00") < 0 && text[3] < '6';
}

static gboolean
invalid (GError     **error,
         const char  *message)
{
  g_set_error_literal (error, ZB_MEMBER_ERROR, ZB_MEMBER_ERROR_INVALID, message);
  return FALSE;
}

gboolean
zb_meeting_validate (ZbMeeting  *self,
                     GError    **error)
{
  const ZbMeetingType *type = zb_meeting_type_lookup (self->type);
  GDate date;

  if (type == NULL)
    return invalid (error, _("Type: use general, committee, group, lecture, theme-day, "
                             "life-meeting or appraisal"));
  if (self->title == NULL)
    return invalid (error, _("Title: is required"));
  if (!zb_date_parse_iso (self->date, &date))
    return invalid (error, _("Date: is required, as year-month-day, such as 2015-07-01"));
  if ((self->start_time && !is_time (self->start_time)) ||
      (self->end_time && !is_time (self->end_time)))
    return invalid (error, _("Time: write it as HH:MM, such as 14:30"));
  if (self->start_time && self->end_time && strcmp (self->end_time, self->start_time) <= 0)
    return invalid (error, _("End time: must come after the start time"));
  if (type->per_group && self->party_group == NULL)
    return invalid (error, _("Party group: a party group meeting needs its group"));

  /* Keep the code, even when the Chinese name was given. */
  zb_record_set_text (&self->type, type->code);
  return TRUE;
}
