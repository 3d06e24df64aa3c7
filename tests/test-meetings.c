#define G_LOG_DOMAIN "test-meetings"

#include "config.h"

#include <locale.h>

#include "zb-member-rules.h"
#include "zb-test-util.h"

typedef struct
{
  char    *dir;
  ZbStore *store;
  char    *a1, *a2, *b1, *probationary, *late, *gone, *applicant;
} Fixture;

static char *
add (Fixture    *f,
     const char *name,
     guint       serial,
     const char *category,
     const char *group)
{
  g_autofree char *idn = zb_test_id_number ("1980-06-15", serial % 2, serial);
  g_autoptr(ZbMember) member = zb_test_member (name, idn, category);
  g_autoptr(GError) error = NULL;
  char *id;

  zb_member_set (member, ZB_MEMBER_FIELD_PARTY_GROUP, group);
  id = zb_store_add_member (f->store, member, &error);
  g_assert_no_error (error);
  return id;
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(ZbMember) late = NULL;
  g_autoptr(GError) error = NULL;

  f->dir = zb_test_make_dir ();
  f->store = zb_test_new_store (f->dir, "branch.zhibu");
  f->a1 = add (f, "甲一", 1, ZB_CATEGORY_FULL, "第一党小组");
  f->a2 = add (f, "甲二", 2, ZB_CATEGORY_FULL, "第一党小组");
  f->b1 = add (f, "乙一", 3, ZB_CATEGORY_FULL, "第二党小组");
  f->probationary = add (f, "丙", 4, ZB_CATEGORY_PROBATIONARY, "第二党小组");
  f->applicant = add (f, "丁", 5, ZB_CATEGORY_APPLICANT, "第二党小组");
  f->gone = add (f, "戊", 6, ZB_CATEGORY_FULL, "第二党小组");
  f->late = add (f, "己", 7, ZB_CATEGORY_FULL, "第一党小组");

  /* Admitted after the meetings of the tests, in 2026. */
  late = zb_store_get_member (f->store, f->late, &error);
  zb_member_set (late, ZB_MEMBER_FIELD_JOINED_DATE, "2026-05-01");
  zb_member_set (late, ZB_MEMBER_FIELD_FULL_DATE, NULL);
  zb_member_set (late, ZB_MEMBER_FIELD_CATEGORY, ZB_CATEGORY_PROBATIONARY);
  zb_store_update_member (f->store, late, &error);
  g_assert_no_error (error);

  /* Transferred out in February 2026. */
  zb_store_archive_member (f->store, f->gone, ZB_STATUS_TRANSFERRED_OUT, "2026-02-10", NULL,
                           &error);
  g_assert_no_error (error);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_clear_object (&f->store);
  zb_test_remove_dir (f->dir);
  g_free (f->dir);
  g_free (f->a1);
  g_free (f->a2);
  g_free (f->b1);
  g_free (f->probationary);
  g_free (f->late);
  g_free (f->gone);
  g_free (f->applicant);
}

static char *
add_meeting (Fixture    *f,
             const char *type,
             const char *date,
             const char *group)
{
  g_autoptr(ZbMeeting) meeting = zb_meeting_new ();
  g_autoptr(GError) error = NULL;
  char *id;

  zb_meeting_set_type_code (meeting, type);
  zb_meeting_set_title (meeting, "学习会");
  zb_meeting_set_date (meeting, date);
  zb_meeting_set_party_group (meeting, group);
  id = zb_store_add_meeting (f->store, meeting, &error);
  g_assert_no_error (error);
  return id;
}

/* The names of the expected attendees, in order, joined by commas. */
static char *
expected (Fixture    *f,
          const char *meeting_id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) list = zb_store_list_attendees (f->store, meeting_id, &error);
  g_autoptr(GString) names = g_string_new (NULL);

  g_assert_no_error (error);
  for (guint i = 0; i < g_list_model_get_n_items (list); i++)
    {
      g_autoptr(ZbAttendee) a = g_list_model_get_item (list, i);
      g_string_append_printf (names, "%s%s", i ? "," : "", zb_attendee_get_name (a));
    }

  return g_string_free (g_steal_pointer (&names), FALSE);
}

/* Members of the Party on the date: not applicants, not those admitted
 * later, and the transferred-out member only before leaving. */
static void
test_expected_general (Fixture       *f,
                       gconstpointer  data)
{
  g_autofree char *jan = add_meeting (f, "general", "2026-01-20", NULL);
  g_autofree char *mar = add_meeting (f, "general", "2026-03-20", NULL);
  g_autofree char *jan_names = expected (f, jan);
  g_autofree char *mar_names = expected (f, mar);

  g_assert_cmpstr (jan_names, ==, "丙,乙一,戊,甲一,甲二");
  g_assert_cmpstr (mar_names, ==, "丙,乙一,甲一,甲二");
}

static void
test_expected_group (Fixture       *f,
                     gconstpointer  data)
{
  g_autofree char *id = add_meeting (f, "group", "2026-03-20", "第二党小组");
  g_autofree char *names = expected (f, id);
  g_autoptr(ZbMeeting) bad = zb_meeting_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *bad_id = NULL;

  g_assert_cmpstr (names, ==, "丙,乙一");

  zb_meeting_set_type_code (bad, "group");
  zb_meeting_set_title (bad, "党小组会");
  zb_meeting_set_date (bad, "2026-03-20");
  bad_id = zb_store_add_meeting (f->store, bad, &error);
  g_assert_null (bad_id);
  g_assert_error (error, ZB_MEMBER_ERROR, ZB_MEMBER_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "Party group"));
}

static void
test_expected_committee (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *before = NULL, *during = NULL;
  g_autofree char *before_names = NULL, *during_names = NULL;

  zb_store_add_committee_member (f->store, f->a1, "书记", "2026-01-01", NULL, &error);
  g_assert_no_error (error);
  zb_store_add_committee_member (f->store, f->b1, "组织委员", "2026-03-01", "2028-12-31",
                                 &error);
  g_assert_no_error (error);

  before = add_meeting (f, "committee", "2026-02-05", NULL);
  during = add_meeting (f, "committee", "2026-03-05", NULL);
  before_names = expected (f, before);
  during_names = expected (f, during);
  g_assert_cmpstr (before_names, ==, "甲一");
  g_assert_cmpstr (during_names, ==, "乙一,甲一");
}

static void
test_attendance (Fixture       *f,
                 gconstpointer  data)
{
  g_autofree char *id = add_meeting (f, "general", "2026-03-20", NULL);
  g_autoptr(GListModel) list = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(ZbAttendee) first = NULL;

  zb_store_set_attendance (f->store, id, f->a1, "leave", NULL, &error);
  g_assert_error (error, ZB_MEMBER_ERROR, ZB_MEMBER_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "Reason"));
  g_clear_error (&error);

  zb_store_set_attendance (f->store, id, f->applicant, "present", NULL, &error);
  g_assert_error (error, ZB_MEMBER_ERROR, ZB_MEMBER_ERROR_INVALID);
  g_clear_error (&error);

  zb_store_set_attendance (f->store, id, f->probationary, "leave", "出差", &error);
  g_assert_no_error (error);
  list = zb_store_list_attendees (f->store, id, &error);
  first = g_list_model_get_item (list, 0);
  g_assert_cmpstr (zb_attendee_get_name (first), ==, "丙");
  g_assert_cmpstr (zb_attendee_get_state (first), ==, "leave");
  g_assert_cmpstr (zb_attendee_get_reason (first), ==, "出差");
}

static void
test_validation (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(ZbMeeting) meeting = zb_meeting_new ();
  g_autoptr(GError) error = NULL;

  zb_meeting_set_type_code (meeting, "支部委员会会议");
  zb_meeting_set_title (meeting, "支委会");
  zb_meeting_set_date (meeting, "2026-03-05");
  zb_meeting_set_start_time (meeting, "14:30");
  zb_meeting_set_end_time (meeting, "14:00");
  g_assert_false (zb_meeting_validate (meeting, &error));
  g_assert_nonnull (strstr (error->message, "End time"));
  g_clear_error (&error);

  zb_meeting_set_end_time (meeting, "16:00");
  g_assert_true (zb_meeting_validate (meeting, &error));
  g_assert_cmpstr (zb_meeting_get_type_code (meeting), ==, "committee");

  zb_meeting_set_date (meeting, "2026-02-30");
  g_assert_false (zb_meeting_validate (meeting, &error));
  g_assert_nonnull (strstr (error->message, "Date"));
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("/meetings/expected/general", test_expected_general);
  ADD ("/meetings/expected/group", test_expected_group);
  ADD ("/meetings/expected/committee", test_expected_committee);
  ADD ("/meetings/attendance", test_attendance);
  ADD ("/meetings/validation", test_validation);

  return g_test_run ();
}
