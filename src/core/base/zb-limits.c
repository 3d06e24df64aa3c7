#define G_LOG_DOMAIN "zb-limits"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "zb-date.h"
#include "zb-limits.h"
#include "zb-money.h"

/* One table of what every synced column may hold, used wherever a value is
 * written: the record rules (and so the forms, the CLI and the importers),
 * the store itself, the server when a PC pushes, and the checker for what an
 * older Zhibu stored. The limits keep the largest row far below the 512 KiB
 * an op may take on the wire (src/sync/PROTOCOL.md, section 9), so the
 * server never refuses a row a PC accepted; a test checks it. */

#define VALUES(...) (const char * const[]) { __VA_ARGS__, NULL }

/* The codes the schema and the record classes use (zb-member.c, zb-meeting.c,
 * zb-vote.c); a test compares them. */
#define SEXES       VALUES ("M", "F")
#define CATEGORIES  VALUES ("full", "probationary", "candidate", "activist", "applicant")
#define STATUSES    VALUES ("normal", "suspended", "transferred-out", "expelled", "removed", \
                            "deceased")
#define TYPES       VALUES ("general", "committee", "group", "lecture", "theme-day", \
                            "life-meeting", "appraisal")
#define ATTENDANCE  VALUES ("present", "leave", "absent")
#define VOTE_KINDS  VALUES ("admission", "full-membership", "discipline", "election")
#define RESULTS     VALUES ("passed", "not-passed")
#define CHOICES     VALUES ("yes", "no", "abstain")
#define PROGRESS    VALUES ("open", "done")
#define DIRECTIONS  VALUES ("in", "out")
#define RECRUIT_CODES VALUES ("S01", "S02", "S03", "S04", "S05", "S06", "S07", "S08", "S09", \
                              "S10", "S11", "S12", "S13", "S14", "S15", "S16", "S17", "S18", \
                              "S19", "S20", "S21", "S22", "S23", "S24", "S25")
#define OUTCOMES    VALUES ("admitted", "not-admitted", "approved", "refused", "full", \
                            "extended", "disqualified")
#define STUDY_KINDS VALUES ("self", "meeting", "lecture", "volunteer")
#define DUES_KINDS  VALUES ("employed", "annual-salary", "self-employed", "retired", "student", \
                            "unemployed", "allowance", "farmer")

#define LINE(t, c, label, max)  { t, c, label, ZB_COLUMN_LINE, max, NULL, NULL }
#define LINES(t, c, label, max) { t, c, label, ZB_COLUMN_LINES, max, NULL, NULL }
#define RECORD(t, c, label, max) { t, c, label, ZB_COLUMN_RECORD, max, NULL, NULL }
#define DATE(t, c, label)       { t, c, label, ZB_COLUMN_DATE, 10, NULL, NULL }
#define PAST(t, c, label, rule) { t, c, label, ZB_COLUMN_PAST_DATE, 10, NULL, rule }
#define TIME(t, c, label)       { t, c, label, ZB_COLUMN_TIME, 5, NULL, NULL }
#define STAMP(t, c, label)      { t, c, label, ZB_COLUMN_STAMP, 40, NULL, NULL }
#define ID(t, c, label)         { t, c, label, ZB_COLUMN_ID, 128, NULL, NULL }
#define ENUM(t, c, label, v)    { t, c, label, ZB_COLUMN_ENUM, 32, v, NULL }
#define FLAG(t, c, label)       { t, c, label, ZB_COLUMN_FLAG, 0, NULL, NULL }
#define POSITION(t, c, label)   { t, c, label, ZB_COLUMN_POSITION, 0, NULL, NULL }
#define MONTH(t, c, label)      { t, c, label, ZB_COLUMN_MONTH, 7, NULL, NULL }
#define FEN(t, c, label)        { t, c, label, ZB_COLUMN_FEN, 0, NULL, NULL }
#define COUNT(t, c, label)      { t, c, label, ZB_COLUMN_COUNT, 0, NULL, NULL }
#define QUANTITY(t, c, label)   { t, c, label, ZB_COLUMN_QUANTITY, 0, NULL, NULL }

/* Every column of src/core/zb-sync-schema.c's lists, in their order. */
static const ZbColumnLimit limits[] = {
  LINE ("members", "name", N_("Name"), ZB_LIMIT_NAME),
  ENUM ("members", "sex", N_("Sex"), SEXES),
  LINE ("members", "ethnicity", N_("Ethnic group"), ZB_LIMIT_SHORT),
  PAST ("members", "birth_date", N_("Date of birth"), N_("a birth is recorded once it has "
                                                         "happened")),
  LINE ("members", "id_number", N_("Citizen ID number"), ZB_LIMIT_SHORT),
  LINE ("members", "education", N_("Education"), ZB_LIMIT_SHORT),
  LINE ("members", "degree", N_("Degree"), ZB_LIMIT_SHORT),
  LINE ("members", "post", N_("Post"), ZB_LIMIT_SHORT),
  LINE ("members", "title", N_("Title"), ZB_LIMIT_SHORT),
  LINE ("members", "phone", N_("Phone"), ZB_LIMIT_PHONE),
  LINE ("members", "address", N_("Home address"), ZB_LIMIT_ADDRESS),
  ENUM ("members", "category", N_("Category"), CATEGORIES),
  PAST ("members", "applied_date", N_("Date of application"),
        N_("the application date is the day the letter of application was handed in (the "
           "Recruitment Rules, step S01)")),
  PAST ("members", "activist_date", N_("Date made an activist"),
        N_("a person becomes an activist on the day the branch decides it (the Recruitment "
           "Rules, step S03)")),
  PAST ("members", "candidate_date", N_("Date made a candidate"),
        N_("a person becomes a candidate on the day the branch decides it (the Recruitment "
           "Rules, step S07)")),
  PAST ("members", "joined_date", N_("Date of admission"),
        N_("the admission date is the day of the general meeting that admitted the person "
           "(the Recruitment Rules, step S15)")),
  PAST ("members", "full_date", N_("Date of full membership"),
        N_("full membership is recorded once the probation has ended (the Constitution, "
           "article 7)")),
  LINE ("members", "party_group", N_("Party group"), ZB_LIMIT_NAME),
  ENUM ("members", "status", N_("Membership status"), STATUSES),
  PAST ("members", "status_date", N_("Status changed on"),
        N_("a status is recorded from the day it changed, not ahead of it")),
  LINE ("members", "status_reason", N_("Reason for the status"), ZB_LIMIT_NOTE),
  FLAG ("members", "flowing", N_("Flowing member")),
  FLAG ("members", "lost_contact", N_("Out of contact")),
  STAMP ("members", "created_at", N_("Created")),
  DATE ("members", "probation_extended_to", N_("Probation extended to")),
  PAST ("members", "discipline_start", N_("Probation within the Party from"),
        N_("probation within the Party starts on the day the decision takes effect (the "
           "Constitution, article 40)")),
  DATE ("members", "discipline_end", N_("Probation within the Party until")),
  /* Schema step 10: a day ahead, as a rule (expected). */
  DATE ("members", "leaving_date", N_("Expected to leave the unit on")),

  ID ("member_transfers", "member_id", N_("Member")),
  ENUM ("member_transfers", "direction", N_("Direction"), DIRECTIONS),
  PAST ("member_transfers", "date", N_("Transfer date"),
        N_("a transfer is recorded once the letter of introduction has been handed over")),
  LINE ("member_transfers", "organisation", N_("Organisation"), ZB_LIMIT_SHORT),
  LINE ("member_transfers", "letter_number", N_("Letter number"), ZB_LIMIT_SHORT),

  ID ("member_status_history", "member_id", N_("Member")),
  ENUM ("member_status_history", "status", N_("Membership status"), STATUSES),
  PAST ("member_status_history", "date", N_("Status changed on"),
        N_("a status is recorded from the day it changed, not ahead of it")),
  LINE ("member_status_history", "reason", N_("Reason for the status"), ZB_LIMIT_NOTE),

  ID ("committee_members", "member_id", N_("Member")),
  LINE ("committee_members", "role", N_("Role"), ZB_LIMIT_SHORT),
  DATE ("committee_members", "from_date", N_("From")),
  DATE ("committee_members", "to_date", N_("Until")),

  ENUM ("meetings", "type", N_("Type"), TYPES),
  LINE ("meetings", "title", N_("Meeting title"), ZB_LIMIT_SHORT),
  DATE ("meetings", "date", N_("Date")),
  TIME ("meetings", "start_time", N_("Start time")),
  TIME ("meetings", "end_time", N_("End time")),
  LINE ("meetings", "place", N_("Place"), ZB_LIMIT_SHORT),
  LINE ("meetings", "party_group", N_("Party group"), ZB_LIMIT_NAME),
  ID ("meetings", "chair_id", N_("Chair")),
  ID ("meetings", "recorder_id", N_("Recorder")),
  STAMP ("meetings", "created_at", N_("Created")),
  STAMP ("meetings", "finalized_at", N_("Finalised")),
  LINE ("meetings", "chair_signature", N_("Chair"), ZB_LIMIT_NAME),
  LINE ("meetings", "recorder_signature", N_("Recorder"), ZB_LIMIT_NAME),
  ID ("meetings", "device_id", N_("Device")),
  ID ("meetings", "chain_prev", N_("Chain")),
  ID ("meetings", "chain_hash", N_("Chain")),
  ID ("meetings", "addendum_of", N_("Addendum of")),
  RECORD ("meetings", "snapshot", N_("Snapshot of the record"), ZB_LIMIT_SNAPSHOT),
  POSITION ("meetings", "canonical_version", N_("Form of the record")),

  ID ("meeting_attendees", "meeting_id", N_("Meeting")),
  ID ("meeting_attendees", "member_id", N_("Member")),
  ENUM ("meeting_attendees", "state", N_("Attendance"), ATTENDANCE),
  LINE ("meeting_attendees", "reason", N_("Reason"), ZB_LIMIT_NOTE),

  ID ("agenda_items", "meeting_id", N_("Meeting")),
  POSITION ("agenda_items", "position", N_("Position")),
  LINE ("agenda_items", "title", N_("Agenda item"), ZB_LIMIT_SHORT),
  LINES ("agenda_items", "minutes", N_("Minutes"), ZB_LIMIT_LONG),
  LINES ("agenda_items", "resolution", N_("Resolution"), ZB_LIMIT_LONG),
  ENUM ("agenda_items", "vote_kind", N_("Vote"), VOTE_KINDS),
  ENUM ("agenda_items", "vote_result", N_("Result"), RESULTS),

  ID ("agenda_votes", "item_id", N_("Agenda item")),
  ID ("agenda_votes", "member_id", N_("Member")),
  ENUM ("agenda_votes", "choice", N_("Vote"), CHOICES),
  FLAG ("agenda_votes", "written", N_("Written opinion")),

  ID ("meeting_guests", "meeting_id", N_("Meeting")),
  LINE ("meeting_guests", "name", N_("Name"), ZB_LIMIT_NAME),
  LINE ("meeting_guests", "affiliation", N_("Affiliation"), ZB_LIMIT_SHORT),

  ID ("first_items", "meeting_id", N_("Meeting")),
  LINE ("first_items", "topic", N_("Study topic"), ZB_LIMIT_SHORT),
  LINES ("first_items", "material", N_("Material"), ZB_LIMIT_LONG),
  LINE ("first_items", "source", N_("Source"), ZB_LIMIT_SHORT),
  DATE ("first_items", "source_date", N_("Date of the material")),
  LINE ("first_items", "form", N_("Form"), ZB_LIMIT_SHORT),
  LINE ("first_items", "leader", N_("Leading reader"), ZB_LIMIT_NAME),
  LINES ("first_items", "participants", N_("Participants"), ZB_LIMIT_NOTE),
  LINES ("first_items", "proceedings", N_("Account of the proceedings"), ZB_LIMIT_LONG),
  ID ("first_items", "leader_id", N_("Leading reader")),

  ID ("first_item_contributions", "first_item_id", N_("First item")),
  POSITION ("first_item_contributions", "position", N_("Position")),
  LINE ("first_item_contributions", "speaker", N_("Speaker"), ZB_LIMIT_NAME),
  LINES ("first_item_contributions", "summary", N_("Summary"), ZB_LIMIT_NOTE),
  ID ("first_item_contributions", "speaker_id", N_("Speaker")),

  ID ("measures", "meeting_id", N_("Meeting")),
  LINES ("measures", "text", N_("Measure"), ZB_LIMIT_NOTE),
  LINE ("measures", "owner", N_("Owner"), ZB_LIMIT_NAME),
  DATE ("measures", "due_date", N_("Due date")),
  ENUM ("measures", "state", N_("State"), PROGRESS),
  DATE ("measures", "done_date", N_("Done on")),
  LINES ("measures", "done_note", N_("How it was done"), ZB_LIMIT_NOTE),

  LINE ("first_item_templates", "name", N_("Template name"), ZB_LIMIT_NAME),
  LINES ("first_item_templates", "body", N_("Template"), ZB_LIMIT_LONG),

  ID ("dues_bases", "member_id", N_("Member")),
  MONTH ("dues_bases", "from_month", N_("From month")),
  ENUM ("dues_bases", "kind", N_("Kind of member for dues"), DUES_KINDS),
  FEN ("dues_bases", "base_fen", N_("Monthly base")),
  STAMP ("dues_bases", "created_at", N_("Created")),

  ID ("dues_reductions", "member_id", N_("Member")),
  MONTH ("dues_reductions", "month", N_("Month")),
  FEN ("dues_reductions", "due_fen", N_("Amount due instead")),
  FLAG ("dues_reductions", "approved", N_("Approved")),
  PAST ("dues_reductions", "decided_date", N_("Decided by the branch on"),
        N_("a reduction is recorded once the branch has decided it")),
  LINE ("dues_reductions", "approval_ref", N_("Approval of the higher committee"),
        ZB_LIMIT_SHORT),
  LINES ("dues_reductions", "reason", N_("Reason"), ZB_LIMIT_NOTE),
  STAMP ("dues_reductions", "created_at", N_("Created")),

  ID ("dues_payments", "member_id", N_("Member")),
  PAST ("dues_payments", "paid_date", N_("Payment date"),
        N_("a payment is recorded once it has been received")),
  MONTH ("dues_payments", "first_month", N_("First month")),
  MONTH ("dues_payments", "last_month", N_("Last month")),
  FEN ("dues_payments", "amount_fen", N_("Amount")),
  LINE ("dues_payments", "method", N_("Method of payment"), ZB_LIMIT_SHORT),
  LINE ("dues_payments", "receipt_number", N_("Receipt number"), ZB_LIMIT_SHORT),
  FLAG ("dues_payments", "on_behalf", N_("Paid on the member’s behalf")),
  LINE ("dues_payments", "on_behalf_by", N_("Paid by"), ZB_LIMIT_NAME),
  FLAG ("dues_payments", "extra", N_("Voluntary extra dues")),
  STAMP ("dues_payments", "created_at", N_("Created")),

  ID ("recruit_steps", "member_id", N_("Person")),
  ENUM ("recruit_steps", "code", N_("Step"), RECRUIT_CODES),
  PAST ("recruit_steps", "date", N_("Date"), N_("a step is recorded once it has been taken")),
  LINE ("recruit_steps", "document", N_("Document"), ZB_LIMIT_SHORT),
  ENUM ("recruit_steps", "outcome", N_("Outcome"), OUTCOMES),
  COUNT ("recruit_steps", "extension_months", N_("Extension")),
  LINE ("recruit_steps", "first_person", N_("Contact or introducer"), ZB_LIMIT_NAME),
  LINE ("recruit_steps", "second_person", N_("Contact or introducer"), ZB_LIMIT_NAME),
  COUNT ("recruit_steps", "training_days", N_("Days of training")),
  COUNT ("recruit_steps", "class_hours", N_("Class hours")),
  DATE ("recruit_steps", "notice_start", N_("First day of the notice")),
  DATE ("recruit_steps", "notice_end", N_("Last day of the notice")),
  STAMP ("recruit_steps", "created_at", N_("Created")),

  /* Schema step 9: study records and the points rule set. */
  ID ("study_records", "member_id", N_("Member")),
  PAST ("study_records", "date", N_("Date of study"),
        N_("a study is recorded once it has taken place")),
  ENUM ("study_records", "kind", N_("Kind of study"), STUDY_KINDS),
  LINE ("study_records", "title", N_("What was studied"), ZB_LIMIT_SHORT),
  LINES ("study_records", "material", N_("Material"), ZB_LIMIT_NOTE),
  QUANTITY ("study_records", "minutes", N_("Time spent in minutes")),
  ID ("study_records", "meeting_id", N_("Meeting")),
  STAMP ("study_records", "created_at", N_("Created")),

  QUANTITY ("branch_settings", "points_meeting", N_("Points per meeting attended")),
  QUANTITY ("branch_settings", "points_study_hour", N_("Points per hour of study")),
  QUANTITY ("branch_settings", "points_lecture", N_("Points per lecture given")),
  QUANTITY ("branch_settings", "points_volunteer_hour",
            N_("Points per hour of volunteer service")),
  QUANTITY ("branch_settings", "points_yearly_cap", N_("Yearly cap of points")),

  /* Schema step 10: the written reports of people on the path into the Party. */
  ID ("thought_reports", "member_id", N_("Person")),
  PAST ("thought_reports", "date", N_("Date received"),
        N_("a written report is recorded once the branch has received it")),
  LINE ("thought_reports", "summary", N_("Report summary"), ZB_LIMIT_SHORT),
  STAMP ("thought_reports", "created_at", N_("Created")),
  /* Schema step 12: the checker's thresholds and the branch's details. */
  COUNT ("branch_settings", "absence_warning_months", N_("Absence warning")),
  COUNT ("branch_settings", "absence_alert_months", N_("Absence alert")),
  COUNT ("branch_settings", "probation_notice_days", N_("Probation notice")),
  LINE ("branch_settings", "higher_committee", N_("Higher committee"), ZB_LIMIT_SHORT),
  LINE ("branch_settings", "secretary", N_("Branch secretary"), ZB_LIMIT_NAME),
};

const ZbColumnLimit *
zb_limits_all (guint *n_limits)
{
  *n_limits = G_N_ELEMENTS (limits);
  return limits;
}

const ZbColumnLimit *
zb_limits_lookup (const char *table,
                  const char *column)
{
  for (guint i = 0; i < G_N_ELEMENTS (limits); i++)
    if (g_str_equal (limits[i].table, table) && g_str_equal (limits[i].column, column))
      return &limits[i];
  return NULL;
}

static gboolean
is_multiline (const ZbColumnLimit *limit)
{
  return limit->kind == ZB_COLUMN_LINES;
}

/* C0 and C1 controls and DEL: an escape sequence in a name would drive the
 * terminal of everyone who lists it, on every PC the row syncs to. Several
 * lines keep their newlines and tabs, and a CR only before a newline. */
static char *
check_characters (const ZbColumnLimit *limit,
                  const char          *value)
{
  for (const char *p = value; *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (c >= 0x20 && c != 0x7f && (c < 0x80 || c > 0x9f))
        continue;
      if (is_multiline (limit) && (c == '\n' || c == '\t' || (c == '\r' && p[1] == '\n')))
        continue;
      if (c == '\n' || c == '\r')
        return g_strdup (_("must be one line: remove the line break"));
      return g_strdup_printf (_("holds a control character (U+%04X) that cannot be shown: "
                                "remove it"), c);
    }
  return NULL;
}

static gboolean
is_time (const char *text)
{
  return strlen (text) == 5 && g_ascii_isdigit (text[0]) && g_ascii_isdigit (text[1]) &&
         text[2] == ':' && g_ascii_isdigit (text[3]) && g_ascii_isdigit (text[4]) &&
         strcmp (text, "24:00") < 0 && text[3] < '6';
}

static gboolean
is_printable_ascii (const char *text)
{
  for (const char *p = text; *p; p++)
    if (*p < 0x21 || *p > 0x7e)
      return FALSE;
  return *text != '\0';
}

/* 'YYYY-MM', as the schema's CHECK takes it. */
static gboolean
is_month (const char *text)
{
  return strlen (text) == 7 && g_ascii_isdigit (text[0]) && g_ascii_isdigit (text[1]) &&
         g_ascii_isdigit (text[2]) && g_ascii_isdigit (text[3]) && text[4] == '-' &&
         ((text[5] == '0' && text[6] >= '1' && text[6] <= '9') ||
          (text[5] == '1' && text[6] >= '0' && text[6] <= '2'));
}

static char *
check_date (const ZbColumnLimit *limit,
            const char          *value,
            const GDate         *latest)
{
  g_autofree char *last = NULL;
  GDate date;

  if (!zb_date_parse_iso (value, &date))
    return g_strdup_printf (_("“%s” is not a date in the form year-month-day"), value);
  if (limit->kind != ZB_COLUMN_PAST_DATE || latest == NULL || g_date_compare (&date, latest) <= 0)
    return NULL;

  last = zb_date_to_iso (latest);
  /* TRANSLATORS: a date, the last day allowed (today), then the rule */
  return g_strdup_printf (_("%s lies after today (%s): %s"), value, last, _(limit->rule));
}

/* The size json-glib gives @value as a string in an op, quotes and escapes
 * counted: what the 512 KiB of PROTOCOL.md, section 9, is measured in. */
static gsize
encoded_size (const char *value)
{
  g_autoptr(JsonNode) node = json_node_init_string (json_node_alloc (), value);
  g_autofree char *json = json_to_string (node, FALSE);

  return strlen (json);
}

static char *
check_record (const ZbColumnLimit *limit,
              const char          *value)
{
  gsize size = encoded_size (value);

  if (size > limit->max_chars)
    /* TRANSLATORS: both are sizes in KiB */
    return g_strdup_printf (_("is %u KiB, more than the %u KiB a record can take"),
                            (guint) (size / 1024), limit->max_chars / 1024);
  return check_characters (limit, value);
}

/* What is wrong with @value (NULL: nothing), without the field's name. A
 * past date may be no later than @latest (no check when NULL). */
char *
zb_limits_check_text (const ZbColumnLimit *limit,
                      const char          *value,
                      const GDate         *latest)
{
  char *problem;

  if (value == NULL)
    return NULL;
  if (!g_utf8_validate (value, -1, NULL))
    return g_strdup (_("is not valid UTF-8 text"));
  if (limit->kind == ZB_COLUMN_RECORD)
    return check_record (limit, value);
  if (limit->max_chars > 0 && (gsize) g_utf8_strlen (value, -1) > limit->max_chars)
    return g_strdup_printf (_("is longer than %u characters: shorten it"), limit->max_chars);
  if ((problem = check_characters (limit, value)) != NULL)
    return problem;

  switch (limit->kind)
    {
    case ZB_COLUMN_DATE:
    case ZB_COLUMN_PAST_DATE:
      return check_date (limit, value, latest);
    case ZB_COLUMN_TIME:
      return is_time (value) ? NULL : g_strdup (_("write it as HH:MM, such as 14:30"));
    case ZB_COLUMN_ID:
    case ZB_COLUMN_STAMP:
      return is_printable_ascii (value) ? NULL
                                        : g_strdup_printf (_("“%s” is not a valid reference"),
                                                           value);
    case ZB_COLUMN_ENUM:
      return g_strv_contains ((const char * const *) limit->values, value)
             ? NULL : g_strdup_printf (_("“%s” is not one of the allowed values"), value);
    case ZB_COLUMN_MONTH:
      return is_month (value) ? NULL
                              : g_strdup_printf (_("“%s” is not a month in the form "
                                                   "year-month, such as 2026-03"), value);
    case ZB_COLUMN_FLAG:
    case ZB_COLUMN_POSITION:
    case ZB_COLUMN_FEN:
    case ZB_COLUMN_COUNT:
    case ZB_COLUMN_QUANTITY:
      return g_strdup (_("must be a whole number, not text"));
    case ZB_COLUMN_LINE:
    case ZB_COLUMN_LINES:
    default:
      return NULL;
    }
}

static char *
check_integer (const ZbColumnLimit *limit,
               gint64               value)
{
  g_autofree char *given = g_strdup_printf ("%" G_GINT64_FORMAT, value);

  if (limit->kind == ZB_COLUMN_FLAG && value != 0 && value != 1)
    return g_strdup_printf (_("must be 0 or 1, not %s"), given);
  if (limit->kind == ZB_COLUMN_POSITION && (value < 1 || value > G_MAXINT32))
    return g_strdup_printf (_("must be a whole number from 1 to %d, not %s"), G_MAXINT32, given);
  if (limit->kind == ZB_COLUMN_FEN && (value < 0 || value > ZB_MONEY_MAX_FEN))
    {
      g_autofree char *most = g_strdup_printf ("%" G_GINT64_FORMAT, ZB_MONEY_MAX_FEN);

      return g_strdup_printf (_("must be a whole number of fen from 0 to %s, not %s"), most,
                              given);
    }
  if (limit->kind == ZB_COLUMN_COUNT && (value < 0 || value > ZB_LIMIT_COUNT))
    return g_strdup_printf (_("must be a whole number from 0 to %d, not %s"), ZB_LIMIT_COUNT,
                            given);
  if (limit->kind == ZB_COLUMN_QUANTITY && (value < 0 || value > ZB_LIMIT_QUANTITY))
    return g_strdup_printf (_("must be a whole number from 0 to %d, not %s"), ZB_LIMIT_QUANTITY,
                            given);
  if (limit->kind != ZB_COLUMN_FLAG && limit->kind != ZB_COLUMN_POSITION &&
      limit->kind != ZB_COLUMN_FEN && limit->kind != ZB_COLUMN_COUNT &&
      limit->kind != ZB_COLUMN_QUANTITY)
    return g_strdup (_("must be text, not a number"));
  return NULL;
}

/* The same for a value as a pushed op carries it: text, a whole number or
 * null, each only where the column takes it. */
char *
zb_limits_check_node (const ZbColumnLimit *limit,
                      JsonNode            *node,
                      const GDate         *latest)
{
  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return NULL;
  if (!JSON_NODE_HOLDS_VALUE (node))
    return g_strdup (_("must be text, a whole number or empty"));

  switch (json_node_get_value_type (node))
    {
    case G_TYPE_STRING:
      return zb_limits_check_text (limit, json_node_get_string (node), latest);
    case G_TYPE_INT64:
      return check_integer (limit, json_node_get_int (node));
    default:
      return g_strdup (_("must be text, a whole number or empty"));
    }
}

/* "Field: what is wrong", as the forms and the CLI show it. */
char *
zb_limits_describe (const ZbColumnLimit *limit,
                    const char          *issue)
{
  /* TRANSLATORS: a field's name, then what is wrong with it */
  return g_strdup_printf (_("%s: %s"), _(limit->label), issue);
}

/* @text as a terminal may show it: each control character (a pulled row or
 * one of an older Zhibu may hold them) becomes U+FFFD, invalid UTF-8 too. */
char *
zb_limits_printable (const char *text)
{
  g_autofree char *valid = g_utf8_make_valid (text ? text : "", -1);
  GString *out = g_string_sized_new (strlen (valid));

  for (const char *p = valid; *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (c < 0x20 || c == 0x7f || (c >= 0x80 && c <= 0x9f))
        g_string_append_unichar (out, 0xfffd);
      else
        g_string_append_unichar (out, c);
    }
  return g_string_free (out, FALSE);
}
