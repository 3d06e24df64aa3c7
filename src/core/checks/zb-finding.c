#define G_LOG_DOMAIN "zb-finding"

#include "config.h"

#include "zb-finding.h"

struct _ZbFinding
{
  GObject  parent_instance;

  char    *rule;       /* the rule it comes from, such as meeting-frequency */
  char    *period;     /* 2026-02, 2026-Q1, 2026, or 2026-02/2026-07 */
  char    *severity;   /* info, warning or alert */
  char    *subject;    /* a meeting type, a member's or a measure's ID */
  char    *party_group; /* the party group a finding is about, or NULL */
  char    *meeting_id;  /* the meeting whose record it is about, or NULL */
  char    *message;
};

G_DEFINE_FINAL_TYPE (ZbFinding, zb_finding, G_TYPE_OBJECT)

static void
zb_finding_finalize (GObject *object)
{
  ZbFinding *self = (ZbFinding *)object;

  g_free (self->rule);
  g_free (self->period);
  g_free (self->severity);
  g_free (self->subject);
  g_free (self->party_group);
  g_free (self->meeting_id);
  g_free (self->message);

  G_OBJECT_CLASS (zb_finding_parent_class)->finalize (object);
}

static void
zb_finding_class_init (ZbFindingClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = zb_finding_finalize;
}

static void
zb_finding_init (ZbFinding *self)
{
}

ZbFinding *
zb_finding_new (const char *rule,
                const char *period,
                const char *severity,
                const char *subject,
                const char *message)
{
  ZbFinding *self = g_object_new (ZB_TYPE_FINDING, NULL);

  self->rule = g_strdup (rule);
  self->period = g_strdup (period);
  self->severity = g_strdup (severity);
  self->subject = g_strdup (subject);
  self->message = g_strdup (message);
  return self;
}

const char *
zb_finding_get_rule (ZbFinding *self)
{
  return self->rule;
}

const char *
zb_finding_get_period (ZbFinding *self)
{
  return self->period;
}

const char *
zb_finding_get_severity (ZbFinding *self)
{
  return self->severity;
}

const char *
zb_finding_get_subject (ZbFinding *self)
{
  return self->subject;
}

const char *
zb_finding_get_message (ZbFinding *self)
{
  return self->message;
}

/* A group meeting's findings name the party group beside the meeting type. */
void
zb_finding_set_party_group (ZbFinding  *self,
                            const char *party_group)
{
  g_free (self->party_group);
  self->party_group = g_strdup (party_group);
}

const char *
zb_finding_get_party_group (ZbFinding *self)
{
  return self->party_group;
}

/* The meeting to open to put it right: the one without a first item, with
 * a vote that does not hold, or that decided an overdue measure. */
void
zb_finding_set_meeting_id (ZbFinding  *self,
                           const char *meeting_id)
{
  g_return_if_fail (ZB_IS_FINDING (self));

  g_free (self->meeting_id);
  self->meeting_id = g_strdup (meeting_id);
}

const char *
zb_finding_get_meeting_id (ZbFinding *self)
{
  g_return_val_if_fail (ZB_IS_FINDING (self), NULL);

  return self->meeting_id;
}

static void
add_nullable (JsonBuilder *b,
              const char  *name,
              const char  *value)
{
  json_builder_set_member_name (b, name);
  if (value != NULL)
    json_builder_add_string_value (b, value);
  else
    json_builder_add_null_value (b);
}

/* The findings as `zhibu-cli check --format json` prints them and the
 * committee's dashboard serves them: one object a finding, keys in English. */
JsonNode *
zb_findings_to_json (GListModel *findings)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();

  json_builder_begin_array (b);
  for (guint i = 0; i < g_list_model_get_n_items (findings); i++)
    {
      g_autoptr(ZbFinding) f = g_list_model_get_item (findings, i);

      json_builder_begin_object (b);
      add_nullable (b, "rule", zb_finding_get_rule (f));
      add_nullable (b, "period", zb_finding_get_period (f));
      add_nullable (b, "severity", zb_finding_get_severity (f));
      add_nullable (b, "subject", zb_finding_get_subject (f));
      add_nullable (b, "party_group", zb_finding_get_party_group (f));
      add_nullable (b, "meeting_id", zb_finding_get_meeting_id (f));
      add_nullable (b, "message", zb_finding_get_message (f));
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
  return json_builder_get_root (b);
}
