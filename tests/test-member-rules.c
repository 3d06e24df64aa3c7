#define G_LOG_DOMAIN "test-member-rules"

#include "config.h"

#include <locale.h>
#include <time.h>

#include "zb-date.h"
#include "zb-id-number.h"
#include "zb-limits.h"
#include "zb-meeting.h"
#include "zb-member-rules.h"
#include "zb-sync-schema.h"
#include "zb-vote.h"
#include "zb-test-util.h"

/* A real-format example: 11010519491231002X is the check-digit example of
 * GB 11643-1999 itself. */
#define GB_EXAMPLE "11010519491231002X"

static gboolean
has_issue (ZbMember      *member,
           ZbMemberField  field)
{
  g_autoptr(GPtrArray) issues = NULL;

  zb_member_rules_complete (member);
  issues = zb_member_rules_check (member);
  for (guint i = 0; i < issues->len; i++)
    if (((ZbFieldIssue *) g_ptr_array_index (issues, i))->field == field)
      return TRUE;

  return FALSE;
}

static guint
count_issues (ZbMember *member)
{
  g_autoptr(GPtrArray) issues = NULL;

  zb_member_rules_complete (member);
  issues = zb_member_rules_check (member);
  for (guint i = 0; i < issues->len; i++)
    g_test_message ("issue: %s", ((ZbFieldIssue *) g_ptr_array_index (issues, i))->message);
  return issues->len;
}

static void
test_id_number_standard_example (void)
{
  g_autofree char *masked = NULL;
  GDate birth;
  char sex = 0;

  g_assert_cmpint (zb_id_number_check_digit (GB_EXAMPLE), ==, 'X');
  g_assert_cmpint (zb_id_number_check (GB_EXAMPLE, &birth, &sex), ==, ZB_ID_NUMBER_OK);
  g_assert_cmpint (g_date_get_year (&birth), ==, 1949);
  g_assert_cmpint (g_date_get_month (&birth), ==, 12);
  g_assert_cmpint (g_date_get_day (&birth), ==, 31);
  g_assert_cmpint (sex, ==, 'F');
  g_assert_cmpint (zb_id_number_check ("11010519491231002", NULL, NULL), ==,
                   ZB_ID_NUMBER_BAD_LENGTH);
  g_assert_cmpint (zb_id_number_check ("11010519491331002X", NULL, NULL), ==,
                   ZB_ID_NUMBER_BAD_BIRTH_DATE);
  masked = zb_id_number_mask (GB_EXAMPLE);
  g_assert_cmpstr (masked, ==, "110105********002X");
}

static void
test_valid_member (void)
{
  g_autofree char *id = zb_test_id_number ("1985-04-12", TRUE, 7);
  g_autoptr(ZbMember) member = zb_test_member ("张伟", id, ZB_CATEGORY_FULL);

  g_assert_cmpuint (count_issues (member), ==, 0);
  /* Completed from the ID number. */
  g_assert_cmpstr (zb_member_get (member, ZB_MEMBER_FIELD_BIRTH_DATE), ==, "1985-04-12");
  g_assert_cmpstr (zb_member_get (member, ZB_MEMBER_FIELD_SEX), ==, "M");
}

static void
test_wrong_check_digit (void)
{
  g_autofree char *id = zb_test_id_number ("1985-04-12", TRUE, 7);
  g_autoptr(ZbMember) member = NULL;

  id[17] = id[17] == '1' ? '2' : '1';
  member = zb_test_member ("张伟", id, ZB_CATEGORY_FULL);
  g_assert_true (has_issue (member, ZB_MEMBER_FIELD_ID_NUMBER));
}

static void
test_birth_disagrees (void)
{
  g_autofree char *id = zb_test_id_number ("1985-04-12", TRUE, 7);
  g_autoptr(ZbMember) member = zb_test_member ("张伟", id, ZB_CATEGORY_FULL);
  g_autoptr(GError) error = NULL;

  zb_member_set (member, ZB_MEMBER_FIELD_BIRTH_DATE, "1985-04-13");
  g_assert_true (has_issue (member, ZB_MEMBER_FIELD_BIRTH_DATE));
  g_assert_false (has_issue (member, ZB_MEMBER_FIELD_ID_NUMBER));

  g_assert_false (zb_member_rules_validate (member, &error));
  g_assert_error (error, ZB_MEMBER_ERROR, ZB_MEMBER_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "Date of birth"));
}

static void
test_sex_disagrees (void)
{
  g_autofree char *id = zb_test_id_number ("1985-04-12", TRUE, 7);
  g_autoptr(ZbMember) member = zb_test_member ("张伟", id, ZB_CATEGORY_FULL);

  zb_member_set (member, ZB_MEMBER_FIELD_SEX, "F");
  g_assert_true (has_issue (member, ZB_MEMBER_FIELD_SEX));
}

static void
test_dates_out_of_order (void)
{
  g_autofree char *id = zb_test_id_number ("1985-04-12", FALSE, 3);
  g_autoptr(ZbMember) member = zb_test_member ("李娜", id, ZB_CATEGORY_CANDIDATE);

  zb_member_set (member, ZB_MEMBER_FIELD_APPLIED_DATE, "2024-03-01");
  zb_member_set (member, ZB_MEMBER_FIELD_ACTIVIST_DATE, "2024-06-01");
  zb_member_set (member, ZB_MEMBER_FIELD_CANDIDATE_DATE, "2024-05-01");
  g_assert_true (has_issue (member, ZB_MEMBER_FIELD_CANDIDATE_DATE));

  zb_member_set (member, ZB_MEMBER_FIELD_CANDIDATE_DATE, "2025-07-01");
  g_assert_cmpuint (count_issues (member), ==, 0);
}

static void
test_full_before_probation_ends (void)
{
  g_autofree char *id = zb_test_id_number ("1985-04-12", FALSE, 3);
  g_autoptr(ZbMember) member = zb_test_member ("李娜", id, ZB_CATEGORY_FULL);

  zb_member_set (member, ZB_MEMBER_FIELD_FULL_DATE, "2016-03-01");
  g_assert_true (has_issue (member, ZB_MEMBER_FIELD_FULL_DATE));
  zb_member_set (member, ZB_MEMBER_FIELD_FULL_DATE, "2018-03-01");
  g_assert_true (has_issue (member, ZB_MEMBER_FIELD_FULL_DATE));
  zb_member_set (member, ZB_MEMBER_FIELD_FULL_DATE, "2016-07-01");
  g_assert_cmpuint (count_issues (member), ==, 0);
}

static void
test_applicant_under_18 (void)
{
  g_autofree char *id = zb_test_id_number ("2008-03-02", TRUE, 11);
  g_autoptr(ZbMember) member = zb_test_member ("王强", id, ZB_CATEGORY_APPLICANT);

  /* Eighteen on 2026-03-02, not a day before. */
  zb_member_set (member, ZB_MEMBER_FIELD_APPLIED_DATE, "2026-03-01");
  g_assert_true (has_issue (member, ZB_MEMBER_FIELD_APPLIED_DATE));
  zb_member_set (member, ZB_MEMBER_FIELD_APPLIED_DATE, "2026-03-02");
  g_assert_cmpuint (count_issues (member), ==, 0);
}

static void
test_category_dates (void)
{
  g_autofree char *id = zb_test_id_number ("1990-01-20", TRUE, 1);
  g_autoptr(ZbMember) member = zb_test_member ("赵磊", id, ZB_CATEGORY_PROBATIONARY);

  zb_member_set (member, ZB_MEMBER_FIELD_JOINED_DATE, NULL);
  g_assert_true (has_issue (member, ZB_MEMBER_FIELD_JOINED_DATE));
}

static void
test_words_become_codes (void)
{
  g_autofree char *id = zb_test_id_number ("1990-01-20", TRUE, 1);
  g_autoptr(ZbMember) member = zb_test_member ("赵磊", id, "正式党员");

  zb_member_set (member, ZB_MEMBER_FIELD_APPLIED_DATE, NULL);
  zb_member_set (member, ZB_MEMBER_FIELD_SEX, "男");
  zb_member_set (member, ZB_MEMBER_FIELD_FLOWING, "是");
  zb_member_set (member, ZB_MEMBER_FIELD_JOINED_DATE, "2015-07-01");
  zb_member_set (member, ZB_MEMBER_FIELD_FULL_DATE, "2016-07-01");
  g_assert_cmpuint (count_issues (member), ==, 0);
  g_assert_cmpstr (zb_member_get (member, ZB_MEMBER_FIELD_CATEGORY), ==, ZB_CATEGORY_FULL);
  g_assert_cmpstr (zb_member_get (member, ZB_MEMBER_FIELD_SEX), ==, "M");
  g_assert_cmpstr (zb_member_get (member, ZB_MEMBER_FIELD_FLOWING), ==, "1");
}

static void
test_vote (void)
{
  g_autofree char *id = zb_test_id_number ("1990-01-20", TRUE, 1);
  g_autoptr(ZbMember) member = zb_test_member ("赵磊", id, ZB_CATEGORY_FULL);
  GDate day;

  g_date_clear (&day, 1);
  g_date_set_dmy (&day, 1, 6, 2026);
  g_assert_true (zb_member_has_vote (member, &day));

  zb_member_set (member, ZB_MEMBER_FIELD_DISCIPLINE_START, "2026-01-01");
  zb_member_set (member, ZB_MEMBER_FIELD_DISCIPLINE_END, "2026-12-31");
  g_assert_false (zb_member_has_vote (member, &day));

  zb_member_set (member, ZB_MEMBER_FIELD_CATEGORY, ZB_CATEGORY_PROBATIONARY);
  zb_member_set (member, ZB_MEMBER_FIELD_DISCIPLINE_START, NULL);
  zb_member_set (member, ZB_MEMBER_FIELD_DISCIPLINE_END, NULL);
  g_assert_false (zb_member_has_vote (member, &day));
}

static void
test_masking (void)
{
  g_autoptr(ZbMember) member = zb_member_new ();
  g_autofree char *phone = NULL;
  g_autofree char *full = NULL;

  zb_member_set (member, ZB_MEMBER_FIELD_PHONE, "13812345678");
  phone = zb_member_dup_display (member, ZB_MEMBER_FIELD_PHONE, FALSE);
  full = zb_member_dup_display (member, ZB_MEMBER_FIELD_PHONE, TRUE);
  g_assert_cmpstr (phone, ==, "138****5678");
  g_assert_cmpstr (full, ==, "13812345678");
}

/* Dates as office workers type them, all stored as one ISO date. */
static void
test_date_input_forms (void)
{
  const char *same[] = { "2015-07-01", "2015/7/1", "2015.7.1", "2015年7月1日", "2015年07月01日",
                         "20150701", " 2015-7-1 ", "２０１５年７月１日", "2015年7月1" };
  const char *bad[] = { "", "2015", "2015-13-01", "2015/2/30", "15/7/1", "2015-07/01",
                        "2015年7月1日x", "201507011", "7/1/2015", "2015--07-01", "0999-01-01" };

  for (guint i = 0; i < G_N_ELEMENTS (same); i++)
    {
      g_autofree char *iso = zb_date_normalise_input (same[i]);

      g_assert_cmpstr (iso, ==, "2015-07-01");
    }
  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autofree char *iso = zb_date_normalise_input (bad[i]);

      if (iso != NULL)
        g_error ("“%s” was read as %s", bad[i], iso);
    }

  /* What a form sends on: the ISO date, or what is no date as typed. */
  for (guint i = 0; i < G_N_ELEMENTS (same); i++)
    {
      g_autofree char *sent = zb_date_normalise_or_typed (same[i]);

      g_assert_cmpstr (sent, ==, "2015-07-01");
    }
  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autofree char *sent = zb_date_normalise_or_typed (bad[i]);

      g_assert_cmpstr (sent, ==, bad[i]);
    }
  g_assert_null (zb_date_normalise_or_typed (NULL));
}

/* Every entry of the limits names a synced column, and the codes of its
 * enumerated columns are those of the record classes. */
static void
test_limits_table (void)
{
  guint n_limits, n_types;
  const ZbColumnLimit *limits = zb_limits_all (&n_limits);
  const ZbMeetingType *types = zb_meeting_types (&n_types);
  const ZbMemberField enums[] = {
    ZB_MEMBER_FIELD_SEX, ZB_MEMBER_FIELD_CATEGORY, ZB_MEMBER_FIELD_STATUS,
  };
  const ZbColumnLimit *type = zb_limits_lookup ("meetings", "type");
  ZbVoteKind kind;

  for (guint i = 0; i < n_limits; i++)
    {
      const ZbSyncTable *table = zb_sync_schema_lookup (limits[i].table);

      g_assert_nonnull (table);
      g_assert_true (zb_sync_schema_has_column (table, limits[i].column));
    }
  for (guint i = 0; i < G_N_ELEMENTS (enums); i++)
    {
      const char * const *codes = zb_member_enum_values (enums[i]);
      const ZbColumnLimit *limit = zb_limits_lookup ("members", zb_member_field_info (enums[i])->key);

      g_assert_cmpstrv (codes, limit->values);
    }
  g_assert_cmpuint (n_types, ==, g_strv_length ((char **) type->values));
  for (guint i = 0; i < n_types; i++)
    g_assert_cmpstr (types[i].code, ==, type->values[i]);
  for (const char * const *v = zb_limits_lookup ("agenda_items", "vote_kind")->values; *v; v++)
    g_assert_true (zb_vote_kind_parse (*v, &kind));
}

/* Characters, not bytes; control characters refused, line breaks only
 * where several lines belong; dates of what has happened up to @latest. */
static void
test_limits_text (void)
{
  const ZbColumnLimit *name = zb_limits_lookup ("members", "name");
  const ZbColumnLimit *minutes = zb_limits_lookup ("agenda_items", "minutes");
  const ZbColumnLimit *birth = zb_limits_lookup ("members", "birth_date");
  const ZbColumnLimit *end = zb_limits_lookup ("members", "discipline_end");
  g_autoptr(GString) fifty = g_string_new (NULL);
  g_autofree char *issue = NULL;
  GDate today;

  for (guint i = 0; i < 50; i++)
    g_string_append (fifty, "𠀀");
  g_assert_null (zb_limits_check_text (name, fifty->str, NULL));
  g_string_append (fifty, "a");
  issue = zb_limits_check_text (name, fifty->str, NULL);
  g_assert_cmpstr (issue, ==, "is longer than 50 characters: shorten it");

  for (gunichar c = 0x01; c < 0xa0; c++)
    {
      char text[8] = { 'a', 0 };
      g_autofree char *one = NULL, *many = NULL;
      gboolean control = c < 0x20 || c == 0x7f || c >= 0x80;

      text[1 + g_unichar_to_utf8 (c, text + 1)] = '\0';
      one = zb_limits_check_text (name, text, NULL);
      many = zb_limits_check_text (minutes, text, NULL);
      g_assert_true ((one != NULL) == control);
      g_assert_true ((many != NULL) == (control && c != '\n' && c != '\t'));
    }
  g_assert_null (zb_limits_check_text (minutes, "一\r\n二", NULL));
  g_clear_pointer (&issue, g_free);
  issue = zb_limits_check_text (minutes, "一\r二", NULL);
  g_assert_nonnull (issue);

  zb_date_set_today (&today);
  g_assert_null (zb_limits_check_text (birth, "2000-01-01", &today));
  g_clear_pointer (&issue, g_free);
  issue = zb_limits_check_text (birth, "2999-01-01", &today);
  g_assert_true (g_str_has_prefix (issue, "2999-01-01 lies after today"));
  g_assert_null (zb_limits_check_text (end, "2999-01-01", &today));
}

/* Today is the day in China, whatever the process's time zone: at any hour
 * one of UTC+14 and UTC-11 has another date than UTC+8. */
static void
test_today_in_china (void)
{
  static const char *zones[] = { "Pacific/Kiritimati", "Pacific/Pago_Pago" };

  for (guint i = 0; i < G_N_ELEMENTS (zones); i++)
    {
      g_autoptr(GTimeZone) zone = g_time_zone_new_identifier ("Asia/Shanghai");
      g_autoptr(GDateTime) now = g_date_time_new_now (zone);
      g_autofree char *expected = g_date_time_format (now, "%Y-%m-%d");
      g_autofree char *today = NULL;

      g_setenv ("TZ", zones[i], TRUE);
      tzset ();
      today = zb_date_today_iso ();
      g_setenv ("TZ", "Asia/Shanghai", TRUE);
      tzset ();
      g_assert_cmpstr (today, ==, expected);
    }
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/member/id-number/standard-example", test_id_number_standard_example);
  g_test_add_func ("/member/rules/valid", test_valid_member);
  g_test_add_func ("/date/input-forms", test_date_input_forms);
  g_test_add_func ("/member/rules/wrong-check-digit", test_wrong_check_digit);
  g_test_add_func ("/member/rules/birth-disagrees", test_birth_disagrees);
  g_test_add_func ("/member/rules/sex-disagrees", test_sex_disagrees);
  g_test_add_func ("/member/rules/dates-out-of-order", test_dates_out_of_order);
  g_test_add_func ("/member/rules/full-before-probation-ends", test_full_before_probation_ends);
  g_test_add_func ("/member/rules/applicant-under-18", test_applicant_under_18);
  g_test_add_func ("/member/rules/category-dates", test_category_dates);
  g_test_add_func ("/member/rules/words-become-codes", test_words_become_codes);
  g_test_add_func ("/member/rules/vote", test_vote);
  g_test_add_func ("/member/masking", test_masking);
  g_test_add_func ("/limits/table", test_limits_table);
  g_test_add_func ("/limits/text", test_limits_text);
  g_test_add_func ("/date/today-in-china", test_today_in_china);

  return g_test_run ();
}
