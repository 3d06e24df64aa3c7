#define G_LOG_DOMAIN "zb-member-rules"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "zb-date.h"
#include "zb-id-number.h"
#include "zb-limits.h"
#include "zb-member-rules.h"

#define ADULT_AGE      18

/* The dates of the path into the Party, in the order they must fall
 * (DOMAIN.md section 1, from the Recruitment Rules). */
static const ZbMemberField timeline[] = {
  ZB_MEMBER_FIELD_BIRTH_DATE,
  ZB_MEMBER_FIELD_APPLIED_DATE,
  ZB_MEMBER_FIELD_ACTIVIST_DATE,
  ZB_MEMBER_FIELD_CANDIDATE_DATE,
  ZB_MEMBER_FIELD_JOINED_DATE,
  ZB_MEMBER_FIELD_FULL_DATE,
};

ZbFieldIssue *
zb_field_issue_new (ZbMemberField  field,
                    const char    *message)
{
  ZbFieldIssue *issue = g_new0 (ZbFieldIssue, 1);

  issue->field = field;
  issue->message = g_strdup (message);
  return issue;
}

void
zb_field_issue_free (ZbFieldIssue *issue)
{
  if (issue == NULL)
    return;

  g_free (issue->message);
  g_free (issue);
}

char *
zb_field_issue_to_string (const ZbFieldIssue *issue)
{
  const ZbFieldInfo *info = zb_member_field_info (issue->field);

  /* TRANSLATORS: a field's name, then what is wrong with it */
  return g_strdup_printf (_("%s: %s"), _(info->label), issue->message);
}

G_GNUC_PRINTF (3, 4)
static void
add_issue (GPtrArray     *issues,
           ZbMemberField  field,
           const char    *format,
           ...)
{
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);

  g_ptr_array_add (issues, zb_field_issue_new (field, message));
}

static const char *
label_of (ZbMemberField field)
{
  return _(zb_member_field_info (field)->label);
}

static gboolean
get_date (ZbMember      *member,
          ZbMemberField  field,
          GDate         *date)
{
  return zb_date_parse_iso (zb_member_get (member, field), date);
}

static gboolean
is_category (ZbMember   *member,
             const char *category)
{
  return g_strcmp0 (zb_member_get (member, ZB_MEMBER_FIELD_CATEGORY), category) == 0;
}

static void
check_required (ZbMember  *member,
                GPtrArray *issues)
{
  for (guint i = 0; i < ZB_MEMBER_N_FIELDS; i++)
    {
      const ZbFieldInfo *info = zb_member_field_info (i);

      if (info->required && zb_member_get (member, i) == NULL)
        add_issue (issues, i, "%s", _("is required"));
    }
}

static void
check_formats (ZbMember  *member,
               GPtrArray *issues)
{
  for (guint i = 0; i < ZB_MEMBER_N_FIELDS; i++)
    {
      const ZbFieldInfo *info = zb_member_field_info (i);
      const char *value = zb_member_get (member, i);
      GDate date;

      if (value == NULL)
        continue;

      if (info->kind == ZB_FIELD_KIND_DATE && !zb_date_parse_iso (value, &date))
        add_issue (issues, i,
                   _("“%s” is not a date; write it as year-month-day, such as 2015-07-01"),
                   value);
      else if (info->kind == ZB_FIELD_KIND_ENUM &&
               g_strcmp0 (zb_member_enum_parse (i, value), value) != 0)
        add_issue (issues, i, _("“%s” is not one of the allowed values"), value);
      else if (info->kind == ZB_FIELD_KIND_BOOL && !g_str_equal (value, "0") &&
               !g_str_equal (value, "1"))
        add_issue (issues, i, _("“%s” is neither yes nor no"), value);
    }
}

/* zb-limits.c: lengths and characters of text, and dates that must already
 * have come (no later than @latest). */
static void
check_limits (ZbMember    *member,
              const GDate *latest,
              GPtrArray   *issues)
{
  for (guint i = 0; i < ZB_MEMBER_N_FIELDS; i++)
    {
      const ZbFieldInfo *info = zb_member_field_info (i);
      const ZbColumnLimit *limit = zb_limits_lookup ("members", info->key);
      const char *value = zb_member_get (member, i);
      g_autofree char *issue = NULL;
      GDate date;

      if (value == NULL || limit == NULL || info->kind == ZB_FIELD_KIND_ENUM ||
          info->kind == ZB_FIELD_KIND_BOOL)
        continue;
      if (info->kind == ZB_FIELD_KIND_DATE && !zb_date_parse_iso (value, &date))
        continue;   /* check_formats says so */

      issue = zb_limits_check_text (limit, value, latest);
      if (issue != NULL)
        add_issue (issues, i, "%s", issue);
    }
}

static void
check_phone (ZbMember  *member,
             GPtrArray *issues)
{
  const char *phone = zb_member_get (member, ZB_MEMBER_FIELD_PHONE);
  guint digits = 0;

  if (phone == NULL)
    return;

  for (const char *p = phone; *p; p++)
    {
      if (g_ascii_isdigit (*p))
        digits++;
      else if (!strchr ("+- ()", *p))
        {
          add_issue (issues, ZB_MEMBER_FIELD_PHONE, "%s",
                     _("may hold only digits, spaces, +, - and brackets"));
          return;
        }
    }

  if (digits < 5 || digits > 20)
    add_issue (issues, ZB_MEMBER_FIELD_PHONE, "%s", _("must have 5 to 20 digits"));
}

static const char *
describe_id_problem (ZbIdNumberResult result)
{
  switch (result)
    {
    case ZB_ID_NUMBER_BAD_LENGTH:
      return _("must be 18 characters long");
    case ZB_ID_NUMBER_BAD_CHARACTER:
      return _("must be 17 digits followed by a digit or X");
    case ZB_ID_NUMBER_BAD_BIRTH_DATE:
      return _("holds no valid date of birth (characters 7 to 14)");
    default:
      return NULL;
    }
}

/* GB 11643-1999: the check character, and the birth date and sex it encodes. */
static void
check_id_number (ZbMember  *member,
                 GPtrArray *issues)
{
  const char *id_number = zb_member_get (member, ZB_MEMBER_FIELD_ID_NUMBER);
  const char *birth = zb_member_get (member, ZB_MEMBER_FIELD_BIRTH_DATE);
  const char *sex = zb_member_get (member, ZB_MEMBER_FIELD_SEX);
  g_autofree char *encoded_birth = NULL;
  ZbIdNumberResult result;
  GDate date;
  char encoded_sex = 0;

  if (id_number == NULL)
    return;

  result = zb_id_number_check (id_number, &date, &encoded_sex);
  if (result == ZB_ID_NUMBER_BAD_CHECK_DIGIT)
    {
      add_issue (issues, ZB_MEMBER_FIELD_ID_NUMBER,
                 _("the check digit is wrong: by GB 11643 it should be %c"),
                 zb_id_number_check_digit (id_number));
      return;
    }
  if (result != ZB_ID_NUMBER_OK)
    {
      add_issue (issues, ZB_MEMBER_FIELD_ID_NUMBER, "%s", describe_id_problem (result));
      return;
    }

  encoded_birth = zb_date_to_iso (&date);
  if (birth != NULL && !g_str_equal (birth, encoded_birth))
    add_issue (issues, ZB_MEMBER_FIELD_BIRTH_DATE,
               _("%s does not match the citizen ID number, which gives %s"), birth,
               encoded_birth);

  if (sex != NULL && (sex[0] != encoded_sex || sex[1] != '\0'))
    add_issue (issues, ZB_MEMBER_FIELD_SEX,
               _("does not match the citizen ID number, which gives %s"),
               zb_member_enum_label (ZB_MEMBER_FIELD_SEX, encoded_sex == 'M' ? "M" : "F"));
}

static void
check_timeline (ZbMember  *member,
                GPtrArray *issues)
{
  const char *prev_value = NULL;
  ZbMemberField prev_field = 0;

  for (guint i = 0; i < G_N_ELEMENTS (timeline); i++)
    {
      const char *value = zb_member_get (member, timeline[i]);
      GDate date;

      if (!zb_date_parse_iso (value, &date))
        continue;

      if (prev_value != NULL && g_strcmp0 (value, prev_value) <= 0)
        add_issue (issues, timeline[i], _("%s must come after the %s (%s)"), value,
                   label_of (prev_field), prev_value);

      prev_value = value;
      prev_field = timeline[i];
    }
}

/* The Constitution, article 1, and the Recruitment Rules: one may apply at
 * eighteen full years of age. Admission is checked too when the application
 * date was not recorded. */
static void
check_adult (ZbMember  *member,
             GPtrArray *issues)
{
  ZbMemberField at = ZB_MEMBER_FIELD_APPLIED_DATE;
  GDate birth, date;
  guint age;

  if (!get_date (member, ZB_MEMBER_FIELD_BIRTH_DATE, &birth))
    return;
  if (!get_date (member, at, &date))
    {
      at = ZB_MEMBER_FIELD_JOINED_DATE;
      if (!get_date (member, at, &date))
        return;
    }

  age = zb_date_full_years (&birth, &date);
  if (age < ADULT_AGE)
    add_issue (issues, at,
               _("the person was %u on this date; an applicant must be at least 18 full years "
                 "old"), age);
}

static void
require_date (ZbMember      *member,
              ZbMemberField  field,
              GPtrArray     *issues,
              const char    *why)
{
  if (zb_member_get (member, field) == NULL)
    add_issue (issues, field, "%s", why);
}

static void
forbid_date (ZbMember      *member,
             ZbMemberField  field,
             GPtrArray     *issues,
             const char    *why)
{
  if (zb_member_get (member, field) != NULL)
    add_issue (issues, field, "%s", why);
}

/* Each category implies where the person stands on the path of the
 * Recruitment Rules, and so which dates exist. */
static void
check_category_dates (ZbMember  *member,
                      GPtrArray *issues)
{
  gboolean member_of_party = is_category (member, ZB_CATEGORY_FULL) ||
                             is_category (member, ZB_CATEGORY_PROBATIONARY);

  if (member_of_party)
    require_date (member, ZB_MEMBER_FIELD_JOINED_DATE, issues,
                  _("is required for a member of the Party"));
  else if (zb_member_get (member, ZB_MEMBER_FIELD_CATEGORY) != NULL)
    {
      forbid_date (member, ZB_MEMBER_FIELD_JOINED_DATE, issues,
                   _("must be empty for someone not yet admitted"));
      require_date (member, ZB_MEMBER_FIELD_APPLIED_DATE, issues,
                    _("is required for someone on the path to membership"));
    }

  if (is_category (member, ZB_CATEGORY_ACTIVIST) || is_category (member, ZB_CATEGORY_CANDIDATE))
    require_date (member, ZB_MEMBER_FIELD_ACTIVIST_DATE, issues,
                  _("is required for an activist or a candidate"));
  if (is_category (member, ZB_CATEGORY_CANDIDATE))
    require_date (member, ZB_MEMBER_FIELD_CANDIDATE_DATE, issues,
                  _("is required for a candidate"));
  if (!is_category (member, ZB_CATEGORY_FULL))
    forbid_date (member, ZB_MEMBER_FIELD_FULL_DATE, issues,
                 _("must be empty unless the person is a full member"));
  if (!member_of_party)
    forbid_date (member, ZB_MEMBER_FIELD_PROBATION_END, issues,
                 _("must be empty for someone not yet admitted"));
}

static void
add_months (GDate *date,
            guint  months)
{
  g_date_add_months (date, months);
}

/* The Constitution, article 7: the probation lasts one year and may be
 * extended, by no more than one year; the Recruitment Rules: an extension is
 * at least six months. */
static void
check_probation (ZbMember  *member,
                 GPtrArray *issues)
{
  GDate joined, full, extended, earliest, latest;

  if (!get_date (member, ZB_MEMBER_FIELD_JOINED_DATE, &joined))
    return;

  latest = joined;
  add_months (&latest, 24);

  if (get_date (member, ZB_MEMBER_FIELD_PROBATION_END, &extended))
    {
      earliest = joined;
      add_months (&earliest, 18);
      if (g_date_compare (&extended, &earliest) < 0 || g_date_compare (&extended, &latest) > 0)
        add_issue (issues, ZB_MEMBER_FIELD_PROBATION_END, "%s",
                   _("an extension of the probation lasts at least six months and at most one "
                     "year beyond the first year"));
    }

  if (!get_date (member, ZB_MEMBER_FIELD_FULL_DATE, &full))
    return;

  earliest = joined;
  add_months (&earliest, 12);
  if (g_date_compare (&full, &earliest) < 0)
    add_issue (issues, ZB_MEMBER_FIELD_FULL_DATE, "%s",
               _("comes before the one-year probation ends"));
  else if (g_date_compare (&full, &latest) > 0)
    add_issue (issues, ZB_MEMBER_FIELD_FULL_DATE, "%s",
               _("comes after the longest probation, two years from admission"));
}

static void
check_status (ZbMember  *member,
              GPtrArray *issues)
{
  const char *status = zb_member_get (member, ZB_MEMBER_FIELD_STATUS);
  const char *from = zb_member_get (member, ZB_MEMBER_FIELD_DISCIPLINE_START);
  const char *until = zb_member_get (member, ZB_MEMBER_FIELD_DISCIPLINE_END);

  if (status != NULL && !g_str_equal (status, ZB_STATUS_NORMAL))
    require_date (member, ZB_MEMBER_FIELD_STATUS_DATE, issues,
                  _("is required when the status is not normal"));

  if (until != NULL && from == NULL)
    add_issue (issues, ZB_MEMBER_FIELD_DISCIPLINE_START, "%s",
               _("is required when the end of the discipline is given"));
  else if (until != NULL && g_strcmp0 (until, from) <= 0)
    add_issue (issues, ZB_MEMBER_FIELD_DISCIPLINE_END, _("must come after %s"), from);
}

static const char *
parse_bool (const char *text)
{
  static const char *yes[] = { "1", "是", "yes", "y", "true", NULL };
  static const char *no[] = { "0", "否", "no", "n", "false", NULL };

  for (guint i = 0; yes[i]; i++)
    if (g_ascii_strcasecmp (text, yes[i]) == 0)
      return "1";
  for (guint i = 0; no[i]; i++)
    if (g_ascii_strcasecmp (text, no[i]) == 0)
      return "0";

  return NULL;
}

/* Words as people type them (正式党员, 男, 是) become the stored codes. */
static void
canonicalize_words (ZbMember *member)
{
  for (guint i = 0; i < ZB_MEMBER_N_FIELDS; i++)
    {
      const ZbFieldInfo *info = zb_member_field_info (i);
      const char *value = zb_member_get (member, i);
      const char *code = NULL;

      if (value == NULL)
        continue;
      if (info->kind == ZB_FIELD_KIND_ENUM)
        code = zb_member_enum_parse (i, value);
      else if (info->kind == ZB_FIELD_KIND_BOOL)
        code = parse_bool (value);

      if (code != NULL)
        zb_member_set (member, i, code);
    }
}

/* Fills what the citizen ID number already says, so a secretary types it once. */
void
zb_member_rules_complete (ZbMember *member)
{
  const char *id_number = zb_member_get (member, ZB_MEMBER_FIELD_ID_NUMBER);
  g_autofree char *normalized = NULL;
  GDate birth;
  char sex;

  if (zb_member_get (member, ZB_MEMBER_FIELD_STATUS) == NULL)
    zb_member_set (member, ZB_MEMBER_FIELD_STATUS, ZB_STATUS_NORMAL);
  canonicalize_words (member);

  if (id_number == NULL)
    return;

  normalized = zb_id_number_normalize (id_number);
  zb_member_set (member, ZB_MEMBER_FIELD_ID_NUMBER, normalized);

  if (zb_id_number_check (normalized, &birth, &sex) != ZB_ID_NUMBER_OK)
    return;

  if (zb_member_get (member, ZB_MEMBER_FIELD_BIRTH_DATE) == NULL)
    {
      g_autofree char *iso = zb_date_to_iso (&birth);
      zb_member_set (member, ZB_MEMBER_FIELD_BIRTH_DATE, iso);
    }
  if (zb_member_get (member, ZB_MEMBER_FIELD_SEX) == NULL)
    zb_member_set (member, ZB_MEMBER_FIELD_SEX, sex == 'M' ? "M" : "F");
}

/* Every problem at once, each naming its field; an empty array means valid.
 * The dates of what has happened may be no later than @latest: today on the
 * PC, a day more on the server, whose clock may run ahead of a PC's. */
GPtrArray *
zb_member_rules_check_until (ZbMember    *member,
                             const GDate *latest)
{
  GPtrArray *issues = g_ptr_array_new_with_free_func ((GDestroyNotify) zb_field_issue_free);

  check_required (member, issues);
  check_formats (member, issues);
  check_limits (member, latest, issues);
  check_id_number (member, issues);
  check_phone (member, issues);
  check_timeline (member, issues);
  check_adult (member, issues);
  check_category_dates (member, issues);
  check_probation (member, issues);
  check_status (member, issues);

  return issues;
}

/* The same, against today in China (zb_date_set_today()). */
GPtrArray *
zb_member_rules_check (ZbMember *member)
{
  GDate today;

  zb_date_set_today (&today);
  return zb_member_rules_check_until (member, &today);
}

gboolean
zb_member_rules_validate (ZbMember  *member,
                          GError   **error)
{
  g_autoptr(GPtrArray) issues = zb_member_rules_check (member);
  g_autoptr(GString) message = g_string_new (NULL);

  if (issues->len == 0)
    return TRUE;

  for (guint i = 0; i < issues->len; i++)
    {
      g_autofree char *line = zb_field_issue_to_string (g_ptr_array_index (issues, i));

      if (i > 0)
        g_string_append (message, "; ");
      g_string_append (message, line);
    }

  g_set_error_literal (error, ZB_MEMBER_ERROR, ZB_MEMBER_ERROR_INVALID, message->str);
  return FALSE;
}
