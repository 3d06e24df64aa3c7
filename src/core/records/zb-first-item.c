#define G_LOG_DOMAIN "zb-first-item"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "zb-date.h"
#include "zb-error.h"
#include "zb-first-item.h"
#include "zb-record.h"

struct _ZbFirstItem
{
  GObject    parent_instance;

  char      *topic;          /* 学习主题 */
  char      *material;       /* the speech, instruction or article studied */
  char      *source;         /* 人民日报, 《求是》 … */
  char      *source_date;
  char      *form;           /* 传达, 原文诵读, 领学, 研讨, 观看专题片 */
  char      *leader;         /* 领学人, as written: often a guest or an official from above */
  char      *leader_id;      /* a member's or a guest's of the meeting, or NULL */
  char      *participants;
  char      *proceedings;    /* 过程概况 */
  GPtrArray *contributions;  /* of ZbContribution */
};

G_DEFINE_FINAL_TYPE (ZbFirstItem, zb_first_item, G_TYPE_OBJECT)

static void
contribution_free (ZbContribution *c)
{
  g_free (c->speaker);
  g_free (c->summary);
  g_free (c->id);
  g_free (c->speaker_id);
  g_free (c);
}

static void
zb_first_item_finalize (GObject *object)
{
  ZbFirstItem *self = (ZbFirstItem *)object;

  g_free (self->topic);
  g_free (self->material);
  g_free (self->source);
  g_free (self->source_date);
  g_free (self->form);
  g_free (self->leader);
  g_free (self->leader_id);
  g_free (self->participants);
  g_free (self->proceedings);
  g_ptr_array_unref (self->contributions);

  G_OBJECT_CLASS (zb_first_item_parent_class)->finalize (object);
}

static void
zb_first_item_class_init (ZbFirstItemClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = zb_first_item_finalize;
}

static void
zb_first_item_init (ZbFirstItem *self)
{
  self->contributions = g_ptr_array_new_with_free_func ((GDestroyNotify) contribution_free);
}

ZbFirstItem *
zb_first_item_new (void)
{
  return g_object_new (ZB_TYPE_FIRST_ITEM, NULL);
}

#define ACCESSORS(name) ZB_RECORD_TEXT_ACCESSORS (ZbFirstItem, zb_first_item, name, name)

ACCESSORS (topic)
ACCESSORS (material)
ACCESSORS (source)
ACCESSORS (source_date)
ACCESSORS (form)
ACCESSORS (leader)
ACCESSORS (leader_id)
ACCESSORS (participants)
ACCESSORS (proceedings)

GPtrArray *
zb_first_item_get_contributions (ZbFirstItem *self)
{
  return self->contributions;
}

void
zb_first_item_add_contribution (ZbFirstItem *self,
                                const char  *speaker,
                                const char  *summary)
{
  ZbContribution *c = g_new0 (ZbContribution, 1);

  zb_record_set_text (&c->speaker, speaker);
  zb_record_set_text (&c->summary, summary);
  g_ptr_array_add (self->contributions, c);
}

static gboolean
has_prompt (ZbFirstItem *self)
{
  const char *fields[] = { self->topic, self->material, self->source, self->form, self->leader,
                           self->participants, self->proceedings };

  for (guint i = 0; i < G_N_ELEMENTS (fields); i++)
    if (fields[i] != NULL && strstr (fields[i], ZB_TEMPLATE_PROMPT) != NULL)
      return TRUE;

  return FALSE;
}

/* "Speaker: summary", with an ASCII or a full-width colon, as people type
 * a contribution during the meeting. FALSE when there is no colon. */
gboolean
zb_first_item_add_contribution_text (ZbFirstItem *self,
                                     const char  *text)
{
  const char *ascii = strchr (text, ':');
  const char *wide = strstr (text, "：");
  const char *sep = (ascii && (!wide || ascii < wide)) ? ascii : wide;
  g_autofree char *speaker = NULL;
  g_autofree char *summary = NULL;

  if (sep == NULL)
    return FALSE;

  speaker = g_strstrip (g_strndup (text, sep - text));
  summary = g_strstrip (g_strdup (sep + (sep == ascii ? 1 : strlen ("："))));
  zb_first_item_add_contribution (self, speaker, summary);
  return TRUE;
}

/* What even a draft must get right: dates are dates, and a contribution
 * names its speaker and what was said. */
gboolean
zb_first_item_check_format (ZbFirstItem  *self,
                            GError      **error)
{
  GDate date;

  if (self->source_date != NULL && !zb_date_parse_iso (self->source_date, &date))
    {
      g_set_error_literal (error, ZB_MEMBER_ERROR, ZB_MEMBER_ERROR_INVALID,
                           _("Date of the material: write it as year-month-day, such as "
                             "2015-07-01"));
      return FALSE;
    }
  for (guint i = 0; i < self->contributions->len; i++)
    {
      ZbContribution *c = g_ptr_array_index (self->contributions, i);

      if (c->speaker == NULL || c->summary == NULL)
        {
          g_set_error_literal (error, ZB_MEMBER_ERROR, ZB_MEMBER_ERROR_INVALID,
                               _("Contributions: each names its speaker and sums up what was "
                                 "said"));
          return FALSE;
        }
    }

  return TRUE;
}

/* Complete: local notices require at least the topic, the form, the
 * participants and an account of the proceedings (DOMAIN.md section 3), and
 * no prompt of a template may be left. */
gboolean
zb_first_item_validate (ZbFirstItem  *self,
                        GError      **error)
{
  const char *missing = NULL;

  if (self->topic == NULL)
    missing = _("Study topic");
  else if (self->form == NULL)
    missing = _("Form");
  else if (self->participants == NULL)
    missing = _("Participants");
  else if (self->proceedings == NULL)
    missing = _("Account of the proceedings");

  if (missing != NULL)
    {
      g_set_error (error, ZB_MEMBER_ERROR, ZB_MEMBER_ERROR_INVALID, _("%s: is required"), missing);
      return FALSE;
    }
  if (has_prompt (self))
    {
      g_set_error_literal (error, ZB_MEMBER_ERROR, ZB_MEMBER_ERROR_INVALID,
                           _("The first item still holds prompts of its template (【请填写…】): "
                             "replace them with what was studied"));
      return FALSE;
    }

  return zb_first_item_check_format (self, error);
}
