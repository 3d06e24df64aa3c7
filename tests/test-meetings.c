#define G_LOG_DOMAIN "test-meetings"

#include "config.h"

#include <locale.h>
#include <string.h>

#include "zb-checker.h"
#include "zb-member-rules.h"
#include "zb-store-private.h"
#include "zb-demo.h"
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
  return zb_test_add_meeting (f->store, type, date, "学习会", group);
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

  /* In pinyin order (DESIGN.md): bǐng, jiǎ èr, jiǎ yī, wù, yǐ yī. */
  g_assert_cmpstr (jan_names, ==, "丙,甲二,甲一,戊,乙一");
  g_assert_cmpstr (mar_names, ==, "丙,甲二,甲一,乙一");
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
  g_assert_cmpstr (during_names, ==, "甲一,乙一");   /* pinyin: jiǎ before yǐ */
}

static char *add_measure (Fixture    *f,
                          const char *meeting,
                          const char *text);

/* "name role from–to" of each term as listed, joined by "; ". */
static char *
committee_terms (Fixture *f)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) list = zb_store_list_committee (f->store, &error);
  g_autoptr(GString) out = g_string_new (NULL);

  g_assert_no_error (error);
  for (guint i = 0; i < g_list_model_get_n_items (list); i++)
    {
      g_autoptr(ZbCommitteeMember) t = g_list_model_get_item (list, i);

      g_string_append_printf (out, "%s%s %s %s–%s", i ? "; " : "",
                              zb_committee_member_get_name (t), zb_committee_member_get_role (t),
                              zb_committee_member_get_from_date (t),
                              zb_committee_member_get_to_date (t) ?: "");
    }
  return g_string_free (g_steal_pointer (&out), FALSE);
}

static void
assert_refused (GError     **error,
                const char  *message)
{
  g_assert_nonnull (*error);
  if (strstr ((*error)->message, message) == NULL)
    g_error ("“%s” does not say “%s”", (*error)->message, message);
  g_clear_error (error);
}

/* Terms on the committee: added with dates as people type them, corrected,
 * ended and removed, each checked; a committee meeting expects whoever's
 * term runs on its date. */
static void
test_committee_terms (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ZbCommitteeMember) term = zb_committee_member_new ();
  g_autofree char *secretary = NULL, *organiser = NULL, *terms = NULL, *names = NULL;
  g_autofree char *meeting = NULL, *removed = NULL;

  secretary = zb_store_add_committee_term (f->store, f->a1, "书记", "2024/1/15", NULL, &error);
  g_assert_no_error (error);
  organiser = zb_store_add_committee_term (f->store, f->b1, "组织委员", "2024年1月15日",
                                           "20270114", &error);
  g_assert_no_error (error);
  g_assert_true (g_uuid_string_is_valid (organiser));
  terms = committee_terms (f);
  g_assert_cmpstr (terms, ==, "甲一 书记 2024-01-15–; 乙一 组织委员 2024-01-15–2027-01-14");

  /* Refused, each naming its field. */
  g_assert_null (zb_store_add_committee_term (f->store, f->a2, " ", "2024-01-15", NULL, &error));
  assert_refused (&error, "Role");
  g_assert_null (zb_store_add_committee_term (f->store, f->a2, "宣传委员", "2024-13-01", NULL,
                                              &error));
  assert_refused (&error, "Start of the term");
  g_assert_null (zb_store_add_committee_term (f->store, f->a2, "宣传委员", "2024-01-15",
                                              "2023-12-31", &error));
  assert_refused (&error, "End of the term");
  g_assert_null (zb_store_add_committee_term (f->store, f->probationary, "宣传委员",
                                              "2024-01-15", NULL, &error));
  assert_refused (&error, "only a full member");
  g_assert_null (zb_store_add_committee_term (f->store, f->applicant, "宣传委员", "2024-01-15",
                                              NULL, &error));
  assert_refused (&error, "only a full member");
  g_assert_null (zb_store_add_committee_term (f->store, f->a2, "宣传委员", "2010-01-15", NULL,
                                              &error));
  assert_refused (&error, "became a full member only on 2016-07-01");
  g_assert_null (zb_store_add_committee_term (f->store, "no-such-member", "宣传委员",
                                              "2024-01-15", NULL, &error));
  assert_refused (&error, "no member has the ID");

  /* Corrected, then ended: the organiser left the committee in February. */
  zb_committee_member_set_id (term, organiser);
  zb_committee_member_set_member_id (term, f->b1);
  zb_committee_member_set_role (term, "副书记");
  zb_committee_member_set_from_date (term, "2024.1.15");
  g_assert_true (zb_store_update_committee_member (f->store, term, &error));
  g_assert_no_error (error);
  g_assert_false (zb_store_end_committee_member (f->store, organiser, "2023-01-01", &error));
  assert_refused (&error, "End of the term");
  g_assert_true (zb_store_end_committee_member (f->store, organiser, "2026年2月28日", &error));
  g_assert_no_error (error);
  g_free (terms);
  terms = committee_terms (f);
  g_assert_cmpstr (terms, ==, "甲一 书记 2024-01-15–; 乙一 副书记 2024-01-15–2026-02-28");

  meeting = add_meeting (f, "committee", "2026-03-05", NULL);
  names = expected (f, meeting);
  g_assert_cmpstr (names, ==, "甲一");

  /* A term entered by mistake: a tombstone, gone from the list. */
  g_assert_true (zb_store_remove_committee_member (f->store, organiser, &error));
  g_assert_no_error (error);
  g_assert_false (zb_store_remove_committee_member (f->store, organiser, &error));
  assert_refused (&error, "No term on the committee");
  removed = zb_test_sql_text (f->store, "SELECT deleted FROM committee_members "
                                        "WHERE role = '副书记'");
  g_assert_cmpstr (removed, ==, "1");
  g_free (terms);
  terms = committee_terms (f);
  g_assert_cmpstr (terms, ==, "甲一 书记 2024-01-15–");
  g_assert_false (zb_store_end_committee_member (f->store, organiser, "2026-02-28", &error));
  assert_refused (&error, "No term on the committee");
}

/* A lecture chaired and recorded by two members, finalised. */
static char *
finalised_lecture (Fixture *f)
{
  g_autoptr(ZbMeeting) meeting = zb_meeting_new ();
  g_autoptr(GError) error = NULL;
  char *id;

  zb_meeting_set_type_code (meeting, "lecture");
  zb_meeting_set_title (meeting, "专题党课");
  zb_meeting_set_date (meeting, "2026-04-10");
  zb_meeting_set_chair_id (meeting, f->a1);
  zb_meeting_set_recorder_id (meeting, f->a2);
  id = zb_store_add_meeting (f->store, meeting, &error);
  g_assert_no_error (error);
  return id;
}

static guint
n_measures (Fixture    *f,
            const char *meeting_id)
{
  g_autoptr(GListModel) list = zb_store_list_measures (f->store, meeting_id, NULL);

  return g_list_model_get_n_items (list);
}

/* A measure recorded by mistake is removed as a tombstone and comes back,
 * the same row; once the meeting is finalised, neither. */
static void
test_delete_measure (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *meeting = finalised_lecture (f);
  g_autofree char *kept = add_measure (f, meeting, "各党小组开展一次专题学习");
  g_autofree char *wrong = add_measure (f, meeting, "录错的举措");
  g_autofree char *state = NULL;

  g_assert_true (zb_store_delete_measure (f->store, wrong, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n_measures (f, meeting), ==, 1);
  state = zb_test_sql_text (f->store, "SELECT group_concat(deleted) FROM measures "
                                      "WHERE text = '录错的举措'");
  g_assert_cmpstr (state, ==, "1");

  g_assert_true (zb_store_restore_measure (f->store, wrong, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n_measures (f, meeting), ==, 2);
  g_assert_cmpint (zb_test_sql_int (f->store, "SELECT count(*) FROM measures"), ==, 2);

  g_assert_false (zb_store_delete_measure (f->store, "no-such-measure", &error));
  assert_refused (&error, "no such row");

  g_assert_true (zb_store_finalize_meeting (f->store, meeting, &error));
  g_assert_no_error (error);
  g_assert_false (zb_store_delete_measure (f->store, kept, &error));
  assert_refused (&error, "finalised");
  g_assert_cmpuint (n_measures (f, meeting), ==, 2);
}

/* A contribution taken out of the draft is its own row's tombstone, and put
 * back it is the same row again, in its place. */
static void
test_delete_contribution (Fixture       *f,
                          gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *meeting = add_meeting (f, "general", "2026-03-20", NULL);
  g_autoptr(ZbFirstItem) draft = zb_first_item_new ();
  g_autoptr(ZbFirstItem) read = NULL;
  g_autoptr(ZbFirstItem) back = NULL;
  GPtrArray *contributions = zb_first_item_get_contributions (draft);
  g_autofree char *middle = NULL, *tomb = NULL, *order = NULL;
  ZbContribution *taken;

  zb_first_item_add_contribution (draft, "甲一", "谈学习体会。");
  zb_first_item_add_contribution (draft, "甲二", "谈落实打算。");
  zb_first_item_add_contribution (draft, "乙一", "谈岗位实践。");
  g_assert_true (zb_store_set_first_item_draft (f->store, meeting, draft, &error));
  g_assert_no_error (error);
  read = zb_store_get_first_item (f->store, meeting, &error);
  middle = g_strdup (((ZbContribution *) g_ptr_array_index (
                        zb_first_item_get_contributions (read), 1))->id);
  g_assert_true (g_uuid_string_is_valid (middle));

  taken = g_ptr_array_steal_index (contributions, 1);
  g_assert_cmpstr (taken->id, ==, middle);
  g_assert_true (zb_store_set_first_item_draft (f->store, meeting, draft, &error));
  tomb = zb_test_sql_text (f->store, "SELECT id FROM first_item_contributions WHERE deleted = 1");
  g_assert_cmpstr (tomb, ==, middle);

  g_ptr_array_insert (contributions, 1, taken);
  g_assert_true (zb_store_set_first_item_draft (f->store, meeting, draft, &error));
  g_assert_no_error (error);
  g_assert_cmpint (zb_test_sql_int (f->store, "SELECT count(*) FROM first_item_contributions"),
                   ==, 3);
  order = zb_test_sql_text (f->store, "SELECT group_concat(speaker) FROM (SELECT speaker FROM "
                                      "first_item_contributions WHERE deleted = 0 "
                                      "ORDER BY position)");
  g_assert_cmpstr (order, ==, "甲一,甲二,乙一");
  back = zb_store_get_first_item (f->store, meeting, &error);
  g_assert_cmpstr (((ZbContribution *) g_ptr_array_index (
                      zb_first_item_get_contributions (back), 1))->id, ==, middle);
}

/* The leader and a speaker stay free text, each with an optional link to a
 * member or to a guest of the meeting; a link to anyone else is refused. */
static void
test_first_item_links (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *meeting = add_meeting (f, "general", "2026-03-20", NULL);
  g_autofree char *other = add_meeting (f, "general", "2026-04-20", NULL);
  g_autofree char *guest = NULL, *other_guest = NULL;
  g_autoptr(ZbFirstItem) draft = zb_first_item_new ();
  g_autoptr(ZbFirstItem) read = NULL;
  g_autoptr(GListModel) people = NULL;
  g_autoptr(ZbPerson) last = NULL;
  ZbContribution *c;

  g_assert_true (zb_store_add_guest (f->store, meeting, "王主任", "上级党委组织部", &error));
  g_assert_true (zb_store_add_guest (f->store, other, "李处长", NULL, &error));
  guest = zb_test_sql_text (f->store, "SELECT id FROM meeting_guests WHERE name = '王主任'");
  other_guest = zb_test_sql_text (f->store, "SELECT id FROM meeting_guests WHERE name = '李处长'");

  /* Whom a link may name: the members expected that day, then the guests. */
  people = zb_store_list_people (f->store, meeting, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (people), ==, 5);
  last = g_list_model_get_item (people, 4);
  g_assert_cmpstr (zb_person_get_id (last), ==, guest);
  g_assert_true (zb_person_is_guest (last));
  g_assert_cmpstr (zb_person_get_affiliation (last), ==, "上级党委组织部");

  zb_first_item_set_leader (draft, "上级党委王主任");
  zb_first_item_set_leader_id (draft, guest);
  zb_first_item_add_contribution (draft, "甲一同志", "谈学习体会。");
  c = g_ptr_array_index (zb_first_item_get_contributions (draft), 0);
  c->speaker_id = g_strdup (f->a1);
  g_assert_true (zb_store_set_first_item_draft (f->store, meeting, draft, &error));
  g_assert_no_error (error);
  read = zb_store_get_first_item (f->store, meeting, &error);
  g_assert_cmpstr (zb_first_item_get_leader (read), ==, "上级党委王主任");
  g_assert_cmpstr (zb_first_item_get_leader_id (read), ==, guest);
  c = g_ptr_array_index (zb_first_item_get_contributions (read), 0);
  g_assert_cmpstr (c->speaker, ==, "甲一同志");
  g_assert_cmpstr (c->speaker_id, ==, f->a1);

  /* Another meeting's guest, or no one: refused, naming the field. */
  zb_first_item_set_leader_id (draft, other_guest);
  g_assert_false (zb_store_set_first_item_draft (f->store, meeting, draft, &error));
  assert_refused (&error, "Leading reader: linked to no member");
  zb_first_item_set_leader_id (draft, NULL);
  c = g_ptr_array_index (zb_first_item_get_contributions (draft), 0);
  g_free (c->speaker_id);
  c->speaker_id = g_strdup ("no-such-person");
  g_assert_false (zb_store_set_first_item_draft (f->store, meeting, draft, &error));
  assert_refused (&error, "Contributions: linked to no member");
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

static GPtrArray *
general_votes (Fixture *f,
               guint    n_full_present,
               guint    n_yes,
               char    *meeting_id,
               GPtrArray *full_ids)
{
  GPtrArray *votes = g_ptr_array_new_with_free_func ((GDestroyNotify) zb_cast_vote_free);
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i < full_ids->len; i++)
    {
      const char *id = g_ptr_array_index (full_ids, i);
      gboolean present = i < n_full_present;

      zb_store_set_attendance (f->store, meeting_id, id, present ? "present" : "absent", NULL,
                               &error);
      g_assert_no_error (error);
      if (present)
        g_ptr_array_add (votes, zb_cast_vote_new (id, i < n_yes ? "yes" : "no", FALSE));
    }

  return votes;
}

/* 10 full members and 2 probationary (both present, both voting yes):
 * 5 full present is refused; 6 present with 5 yes cannot be recorded as
 * passed; 6 yes passes. */
static guint
count_rule (Fixture    *f,
            const char *rule,
            const char *from,
            const char *to)
{
  g_autoptr(GListModel) findings = NULL;
  g_autoptr(GError) error = NULL;
  ZbCheckSettings settings;
  guint n = 0;

  zb_check_settings_init (&settings);
  findings = zb_store_check (f->store, from, to, &settings, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < g_list_model_get_n_items (findings); i++)
    {
      g_autoptr(ZbFinding) x = g_list_model_get_item (findings, i);

      if (g_str_equal (zb_finding_get_rule (x), rule))
        {
          g_test_message ("%s", zb_finding_get_message (x));
          n++;
        }
    }
  return n;
}

static void
test_vote_rules (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(GPtrArray) full = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(ZbAgendaItem) item = zb_agenda_item_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *meeting = NULL, *item_id = NULL;
  gboolean passed = TRUE;

  /* a1, a2, b1 and 7 more: ten full members; 丙 is probationary. */
  g_ptr_array_add (full, g_strdup (f->a1));
  g_ptr_array_add (full, g_strdup (f->a2));
  g_ptr_array_add (full, g_strdup (f->b1));
  for (guint i = 0; i < 7; i++)
    g_ptr_array_add (full, add (f, "庚", 20 + i, ZB_CATEGORY_FULL, "第三党小组"));
  g_free (add (f, "辛", 40, ZB_CATEGORY_PROBATIONARY, "第三党小组"));

  meeting = add_meeting (f, "general", "2026-03-20", NULL);
  zb_agenda_item_set_meeting_id (item, meeting);
  zb_agenda_item_set_title (item, "讨论接收预备党员");
  item_id = zb_store_add_agenda_item (f->store, item, &error);
  g_assert_no_error (error);

  {
    g_autoptr(GPtrArray) votes = general_votes (f, 5, 5, meeting, full);
    g_assert_false (zb_store_record_vote (f->store, item_id, ZB_VOTE_ADMISSION, votes, FALSE,
                                          &passed, &error));
    g_assert_error (error, ZB_VOTE_ERROR, ZB_VOTE_ERROR_NO_QUORUM);
    g_clear_error (&error);
  }
  {
    g_autoptr(GPtrArray) votes = general_votes (f, 6, 5, meeting, full);

    /* A probationary member has no vote: a vote given for one is refused,
     * naming them, not silently dropped. */
    zb_store_set_attendance (f->store, meeting, f->probationary, "present", NULL, &error);
    g_ptr_array_add (votes, zb_cast_vote_new (f->probationary, "yes", FALSE));
    g_assert_false (zb_store_record_vote (f->store, item_id, ZB_VOTE_ADMISSION, votes, FALSE,
                                          &passed, &error));
    g_assert_error (error, ZB_MEMBER_ERROR, ZB_MEMBER_ERROR_INVALID);
    g_assert_nonnull (strstr (error->message, "a probationary member has no vote"));
    g_clear_error (&error);
    g_ptr_array_remove_index (votes, votes->len - 1);

    g_assert_false (zb_store_record_vote (f->store, item_id, ZB_VOTE_ADMISSION, votes, TRUE,
                                          &passed, &error));
    g_assert_error (error, ZB_VOTE_ERROR, ZB_VOTE_ERROR_NOT_PASSED);
    g_assert_nonnull (strstr (error->message, "5 yes"));
    g_clear_error (&error);

    g_assert_true (zb_store_record_vote (f->store, item_id, ZB_VOTE_ADMISSION, votes, FALSE,
                                         &passed, &error));
    g_assert_false (passed);
  }
  {
    g_autoptr(GPtrArray) votes = general_votes (f, 6, 6, meeting, full);
    g_autoptr(GListModel) items = NULL;
    g_autoptr(ZbAgendaItem) stored = NULL;
    g_autofree char *sql = g_strdup_printf ("SELECT group_concat(id) FROM (SELECT id FROM "
                                            "agenda_votes WHERE item_id = '%s' AND member_id <> "
                                            "'%s' ORDER BY member_id)", item_id, f->probationary);
    g_autofree char *ids_before = zb_test_sql_text (f->store, sql);
    g_autofree char *ids_after = NULL;

    g_assert_true (zb_store_record_vote (f->store, item_id, ZB_VOTE_ADMISSION, votes, TRUE,
                                         &passed, &error));
    g_assert_no_error (error);
    g_assert_true (passed);
    items = zb_store_list_agenda_items (f->store, meeting, &error);
    stored = g_list_model_get_item (items, 0);
    g_assert_cmpstr (zb_agenda_item_get_vote_result (stored), ==, "passed");
    g_assert_cmpstr (zb_agenda_item_get_vote_kind (stored), ==, "admission");

    /* Counted again: each member's vote kept its row (for sync). */
    ids_after = zb_test_sql_text (f->store, sql);
    g_assert_cmpstr (ids_after, ==, ids_before);
  }

  /* The checker counts again: silent while the numbers hold; once a
   * yes-voter is recorded absent after the vote, 5 of 10 is no majority. */
  g_assert_cmpuint (count_rule (f, "quorum", "2026-03-01", "2026-03-31"), ==, 0);
  zb_store_set_attendance (f->store, meeting, g_ptr_array_index (full, 0), "absent", "未到",
                           &error);
  g_assert_no_error (error);
  g_assert_cmpuint (count_rule (f, "quorum", "2026-03-01", "2026-03-31"), ==, 1);
  g_assert_cmpuint (count_rule (f, "quorum", "2026-04-01", "2026-04-30"), ==, 0);
}

static char *
add_measure (Fixture    *f,
             const char *meeting,
             const char *text)
{
  g_autoptr(ZbMeasure) measure = zb_measure_new ();
  g_autoptr(GError) error = NULL;
  char *id;

  zb_measure_set_meeting_id (measure, meeting);
  zb_measure_set_text (measure, text);
  zb_measure_set_owner (measure, "组织委员");
  zb_measure_set_due_date (measure, "2026-04-30");
  id = zb_store_add_measure (f->store, measure, &error);
  g_assert_no_error (error);
  return id;
}

static guint
count_carried (Fixture    *f,
               const char *meeting)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) list = zb_store_list_carried_measures (f->store, meeting, &error);

  g_assert_no_error (error);
  return g_list_model_get_n_items (list);
}

/* An open measure from January shows in February and March until it is
 * marked done, then no more. */
static void
test_measures_carry_over (Fixture       *f,
                          gconstpointer  data)
{
  g_autofree char *jan = add_meeting (f, "committee", "2026-01-10", NULL);
  g_autofree char *feb = add_meeting (f, "committee", "2026-02-10", NULL);
  g_autofree char *mar = add_meeting (f, "committee", "2026-03-10", NULL);
  g_autofree char *apr = add_meeting (f, "committee", "2026-04-10", NULL);
  g_autofree char *measure = add_measure (f, jan, "组织党员学习讨论并撰写心得体会");
  g_autoptr(GListModel) open = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_cmpuint (count_carried (f, jan), ==, 0);
  g_assert_cmpuint (count_carried (f, feb), ==, 1);
  g_assert_cmpuint (count_carried (f, mar), ==, 1);
  open = zb_store_list_open_measures (f->store, &error);
  g_assert_cmpuint (g_list_model_get_n_items (open), ==, 1);

  g_assert_false (zb_store_complete_measure (f->store, measure, "2026-03-10", NULL, &error));
  g_assert_error (error, ZB_MEMBER_ERROR, ZB_MEMBER_ERROR_INVALID);
  g_clear_error (&error);

  zb_store_complete_measure (f->store, measure, "2026-03-10", "已组织两次专题学习，收到心得 12 篇",
                             &error);
  g_assert_no_error (error);
  g_assert_cmpuint (count_carried (f, feb), ==, 1);
  g_assert_cmpuint (count_carried (f, mar), ==, 1);
  g_assert_cmpuint (count_carried (f, apr), ==, 0);
  g_clear_object (&open);
  open = zb_store_list_open_measures (f->store, &error);
  g_assert_cmpuint (g_list_model_get_n_items (open), ==, 0);
}

/* The shipped templates load, and they give prompts, not content: the
 * topic and the source are for the user to fill in. */
static void
test_templates (void)
{
  g_autofree char *dir = zb_first_item_template_dir ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) templates = zb_first_item_templates_load (dir, &error);

  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (templates), >=, 4);
  for (guint i = 0; i < g_list_model_get_n_items (templates); i++)
    {
      g_autoptr(ZbFirstItemTemplate) t = g_list_model_get_item (templates, i);
      g_autoptr(ZbFirstItem) item = zb_first_item_new ();

      zb_first_item_template_apply (t, item);
      g_assert_nonnull (zb_first_item_get_form (item));
      g_assert_nonnull (strstr (zb_first_item_get_topic (item), ZB_TEMPLATE_PROMPT));
      g_assert_nonnull (strstr (zb_first_item_get_source (item), ZB_TEMPLATE_PROMPT));
      g_assert_false (zb_first_item_validate (item, NULL));
    }
}

/* A template file that is empty, names a field with other than text, or has
 * more after its object, is refused with a message, never read with a
 * critical or a leak in json-glib (tests/fuzz found all three). */
static void
test_templates_broken (void)
{
  const char *broken[] = {
    "",
    " \n",
    "[]",
    "{\"name\": \"a\", \"title\": {}}",
    "{\"name\": \"a\", \"title\": \"b\", \"topic\": [1]}",
    "{\"name\": 7, \"title\": \"b\"}",
    "{\"name\": \"a\", \"title\": \"b\"}{\"topic\": {}}",
    "{\"name\": \"a\", \"title\": \"b\"} x",
  };
  g_autoptr(ZbFirstItemTemplate) nulls = NULL;
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (broken); i++)
    {
      g_autoptr(ZbFirstItemTemplate) template = zb_first_item_template_new_from_json (broken[i],
                                                                                      &error);

      g_assert_null (template);
      g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA);
      g_clear_error (&error);
    }

  nulls = zb_first_item_template_new_from_json ("{\"name\": \"a\", \"title\": \"}{\\\"\", "
                                                "\"topic\": null}\n", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (zb_first_item_template_get_title (nulls), ==, "}{\"");
}

/* A template's first item may be kept as a draft; the checker reports it and
 * the meeting cannot be finalised until it is filled in. */
static void
test_first_item_draft (Fixture       *f,
                       gconstpointer  data)
{
  g_autofree char *dir = zb_first_item_template_dir ();
  g_autoptr(GListModel) templates = zb_first_item_templates_load (dir, NULL);
  g_autoptr(ZbFirstItemTemplate) template = g_list_model_get_item (templates, 0);
  g_autoptr(ZbFirstItem) draft = zb_first_item_new ();
  g_autoptr(ZbMeeting) meeting = zb_meeting_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) findings = NULL;
  g_autofree char *id = NULL;
  ZbCheckSettings settings;
  guint first_item_findings = 0;

  zb_meeting_set_type_code (meeting, "committee");
  zb_meeting_set_title (meeting, "支委会");
  zb_meeting_set_date (meeting, "2026-03-05");
  zb_meeting_set_chair_id (meeting, f->a1);
  zb_meeting_set_recorder_id (meeting, f->a2);
  id = zb_store_add_meeting (f->store, meeting, &error);
  g_assert_no_error (error);

  zb_first_item_template_apply (template, draft);
  g_assert_false (zb_store_set_first_item (f->store, id, draft, NULL));
  g_assert_true (zb_store_set_first_item_draft (f->store, id, draft, &error));
  g_assert_no_error (error);

  zb_check_settings_init (&settings);
  findings = zb_store_check (f->store, "2026-03-01", "2026-03-31", &settings, &error);
  for (guint i = 0; i < g_list_model_get_n_items (findings); i++)
    {
      g_autoptr(ZbFinding) x = g_list_model_get_item (findings, i);
      first_item_findings += g_str_equal (zb_finding_get_rule (x), "first-item");
    }
  g_assert_cmpuint (first_item_findings, ==, 1);

  g_assert_false (zb_store_finalize_meeting (f->store, id, &error));
  g_assert_error (error, ZB_MEMBER_ERROR, ZB_MEMBER_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "First agenda item"));
  g_clear_error (&error);

  zb_first_item_set_topic (draft, "学习贯彻会议精神");
  zb_first_item_set_source (draft, "人民日报");
  zb_first_item_set_proceedings (draft, "书记传达，委员交流。");
  zb_store_set_first_item (f->store, id, draft, &error);
  g_assert_no_error (error);
  zb_store_finalize_meeting (f->store, id, &error);
  g_assert_no_error (error);
}


/* The app creates a meeting together with its first item's draft: both or
 * neither. Saving the draft again, as autosave does every second, rewrites
 * the same rows. */
static void
test_meeting_with_first_item (Fixture       *f,
                              gconstpointer  data)
{
  g_autoptr(ZbFirstItemTemplate) template = NULL;
  g_autoptr(ZbFirstItem) draft = zb_first_item_new ();
  g_autoptr(ZbFirstItem) read = NULL;
  g_autoptr(ZbMeeting) meeting = zb_meeting_new ();
  g_autoptr(ZbMeeting) bad = zb_meeting_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *id = NULL, *first_id = NULL, *again = NULL, *n = NULL;
  g_autofree char *contribution_id = NULL, *contribution_again = NULL;

  template = zb_store_find_first_item_template (f->store, "lead-and-discuss", &error);
  g_assert_no_error (error);
  zb_first_item_template_apply (template, draft);

  zb_meeting_set_type_code (bad, "committee");
  zb_meeting_set_title (bad, "日期有误的支委会");
  zb_meeting_set_date (bad, "2026-02-30");
  g_assert_null (zb_store_add_meeting_with_first_item (f->store, bad, draft, &error));
  g_assert_nonnull (error);
  g_clear_error (&error);
  n = zb_test_sql_text (f->store, "SELECT count(*) FROM first_items");
  g_assert_cmpstr (n, ==, "0");

  zb_meeting_set_type_code (meeting, "committee");
  zb_meeting_set_title (meeting, "三月支委会");
  zb_meeting_set_date (meeting, "2026-03-05");
  id = zb_store_add_meeting_with_first_item (f->store, meeting, draft, &error);
  g_assert_no_error (error);
  read = zb_store_get_first_item (f->store, id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (zb_first_item_get_form (read), ==, "领学、研讨");
  g_assert_nonnull (strstr (zb_first_item_get_topic (read), "请填写"));
  first_id = zb_test_sql_text (f->store, "SELECT id FROM first_items");

  zb_first_item_set_topic (draft, "学习贯彻会议精神");
  zb_first_item_add_contribution (draft, "甲一", "谈学习体会。");
  zb_first_item_add_contribution (draft, "甲二", "谈落实打算。");
  g_assert_true (zb_store_set_first_item_draft (f->store, id, draft, &error));
  contribution_id = zb_test_sql_text (f->store, "SELECT id FROM first_item_contributions "
                                                "WHERE position = 1");
  g_ptr_array_remove_index (zb_first_item_get_contributions (draft), 1);
  g_assert_true (zb_store_set_first_item_draft (f->store, id, draft, &error));
  g_assert_no_error (error);

  again = zb_test_sql_text (f->store, "SELECT id FROM first_items");
  g_assert_cmpstr (again, ==, first_id);
  contribution_again = zb_test_sql_text (f->store, "SELECT group_concat(id) FROM "
                                                   "first_item_contributions WHERE deleted = 0");
  g_assert_cmpstr (contribution_again, ==, contribution_id);
  /* The one left out is a tombstone, for sync, not a row gone. */
  g_assert_cmpint (zb_test_sql_int (f->store, "SELECT count(*) FROM first_item_contributions "
                                              "WHERE deleted = 1"), ==, 1);
  g_clear_object (&read);
  read = zb_store_get_first_item (f->store, id, &error);
  g_assert_cmpstr (zb_first_item_get_topic (read), ==, "学习贯彻会议精神");
  g_assert_cmpuint (zb_first_item_get_contributions (read)->len, ==, 1);
}

/* A finalised record is corrected by an addendum: refused for a record
 * still open, filed on its date, and signed without a first item of its
 * own (nor does the checker ask it for one). */
static void
test_addendum (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(ZbMeeting) meeting = zb_meeting_new ();
  g_autoptr(ZbMeeting) addendum = NULL;
  g_autoptr(ZbFirstItem) first = zb_first_item_new ();
  g_autoptr(GListModel) items = NULL;
  g_autoptr(ZbAgendaItem) item = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *id = NULL, *correction = NULL;
  guint n_records = 0, n_chains = 0;

  zb_meeting_set_type_code (meeting, "committee");
  zb_meeting_set_title (meeting, "三月支委会");
  zb_meeting_set_date (meeting, "2026-03-05");
  zb_meeting_set_chair_id (meeting, f->a1);
  zb_meeting_set_recorder_id (meeting, f->a2);
  zb_first_item_set_topic (first, "学习贯彻会议精神");
  zb_first_item_set_form (first, "传达");
  zb_first_item_set_participants (first, "支部委员");
  zb_first_item_set_proceedings (first, "书记传达，委员交流。");
  id = zb_store_add_meeting_with_first_item (f->store, meeting, first, &error);
  g_assert_no_error (error);

  g_assert_null (zb_store_add_addendum (f->store, id, "补记", &error));
  g_assert_error (error, ZB_MEMBER_ERROR, ZB_MEMBER_ERROR_INVALID);
  g_clear_error (&error);

  g_assert_true (zb_store_finalize_meeting (f->store, id, &error));
  correction = zb_store_add_addendum (f->store, id, "补记：会议地点为三楼会议室。", &error);
  g_assert_no_error (error);
  addendum = zb_store_get_meeting (f->store, correction, &error);
  g_assert_cmpstr (zb_meeting_get_addendum_of (addendum), ==, id);
  g_assert_cmpstr (zb_meeting_get_date (addendum), ==, "2026-03-05");
  items = zb_store_list_agenda_items (f->store, correction, &error);
  item = g_list_model_get_item (items, 0);
  g_assert_cmpstr (zb_agenda_item_get_minutes (item), ==, "补记：会议地点为三楼会议室。");
  g_assert_cmpuint (count_rule (f, "first-item", "2026-03-01", "2026-03-31"), ==, 0);

  g_assert_true (zb_store_finalize_meeting (f->store, correction, &error));
  g_assert_no_error (error);
  g_assert_true (zb_store_verify (f->store, &n_records, &n_chains, &error));
  g_assert_cmpuint (n_records, ==, 2);
}

/* A member of the branch with the dates of admission and full membership
 * given (NULL: none). */
static char *
add_dated (Fixture    *f,
           const char *name,
           guint       serial,
           const char *category,
           const char *joined,
           const char *full)
{
  g_autofree char *idn = zb_test_id_number ("1980-06-15", serial % 2, serial);
  g_autoptr(ZbMember) member = zb_test_member (name, idn, category);
  g_autoptr(GError) error = NULL;
  char *id;

  zb_member_set (member, ZB_MEMBER_FIELD_JOINED_DATE, joined);
  zb_member_set (member, ZB_MEMBER_FIELD_FULL_DATE, full);
  id = zb_store_add_member (f->store, member, &error);
  g_assert_no_error (error);
  return id;
}

static GPtrArray *
yes_votes (GPtrArray *voters)
{
  GPtrArray *votes = g_ptr_array_new_with_free_func ((GDestroyNotify) zb_cast_vote_free);

  for (guint i = 0; i < voters->len; i++)
    g_ptr_array_add (votes, zb_cast_vote_new (g_ptr_array_index (voters, i), "yes", FALSE));
  return votes;
}

/* A general meeting of 2025-06-01 counts its members as they stood that
 * day: one admitted on 2025-01-10 was probationary (expected, no vote); one
 * who died in 2026 was a voter; one transferred in after the meeting was
 * neither. The fixture's members make 3 voters more (甲一, 甲二, 乙一), 丙
 * is probationary and 戊 left in 2026: 6 voters and 2 probationary. */
static void
test_counted_on_the_day (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr(ZbAgendaItem) item = zb_agenda_item_new ();
  g_autoptr(ZbTransfer) transfer = NULL;
  g_autoptr(GPtrArray) present = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) votes = NULL;
  g_autoptr(GListModel) attendees = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *admitted = NULL, *died = NULL, *came = NULL, *meeting = NULL;
  g_autofree char *item_id = NULL, *names = NULL, *voters = NULL;
  gboolean passed = FALSE;

  admitted = add_dated (f, "新党员", 30, ZB_CATEGORY_FULL, "2025-01-10", "2026-01-10");
  died = add_dated (f, "老党员", 31, ZB_CATEGORY_FULL, "2000-07-01", "2001-07-01");
  came = add_dated (f, "调入者", 32, ZB_CATEGORY_FULL, "2012-07-01", "2013-07-01");
  zb_store_archive_member (f->store, died, ZB_STATUS_DECEASED, "2026-03-01", "病故", &error);
  g_assert_no_error (error);
  transfer = zb_transfer_new (came, TRUE, "2025-09-01", "市直机关党委", "2025-17");
  zb_store_add_transfer (f->store, transfer, &error);
  g_assert_no_error (error);

  meeting = add_meeting (f, "general", "2025-06-01", NULL);
  names = expected (f, meeting);
  g_assert_nonnull (strstr (names, "新党员"));
  g_assert_nonnull (strstr (names, "老党员"));
  g_assert_null (strstr (names, "调入者"));
  g_assert_nonnull (strstr (names, "戊"));
  g_assert_null (strstr (names, "己"));

  attendees = zb_store_list_attendees (f->store, meeting, &error);
  g_assert_no_error (error);
  {
    g_autoptr(GString) with_vote = g_string_new (NULL);

    for (guint i = 0; i < g_list_model_get_n_items (attendees); i++)
      {
        g_autoptr(ZbAttendee) a = g_list_model_get_item (attendees, i);

        if (zb_attendee_get_has_vote (a))
          g_string_append_printf (with_vote, "%s ", zb_attendee_get_name (a));
      }
    voters = g_string_free (g_steal_pointer (&with_vote), FALSE);
  }
  g_assert_null (strstr (voters, "新党员"));
  g_assert_nonnull (strstr (voters, "老党员"));

  zb_agenda_item_set_meeting_id (item, meeting);
  zb_agenda_item_set_title (item, "讨论接收预备党员");
  item_id = zb_store_add_agenda_item (f->store, item, &error);
  g_assert_no_error (error);

  /* 4 of the 6 voters present and voting yes: a quorum (more than 3) and a
   * majority of the expected voters (more than 3). Counted with today's
   * standing, 新党员 would be a seventh voter, and 老党员 none. */
  g_ptr_array_add (present, g_strdup (f->a1));
  g_ptr_array_add (present, g_strdup (f->a2));
  g_ptr_array_add (present, g_strdup (f->gone));
  g_ptr_array_add (present, g_strdup (died));
  for (guint i = 0; i < present->len; i++)
    {
      zb_store_set_attendance (f->store, meeting, g_ptr_array_index (present, i), "present",
                               NULL, &error);
      g_assert_no_error (error);
    }
  votes = yes_votes (present);
  g_assert_true (zb_store_record_vote (f->store, item_id, ZB_VOTE_ADMISSION, votes, TRUE,
                                       &passed, &error));
  g_assert_no_error (error);
  g_assert_true (passed);

  /* Neither the probationary member of that day nor the later one votes. */
  g_ptr_array_add (votes, zb_cast_vote_new (admitted, "yes", FALSE));
  g_assert_false (zb_store_record_vote (f->store, item_id, ZB_VOTE_ADMISSION, votes, TRUE,
                                        &passed, &error));
  g_assert_nonnull (strstr (error->message, "新党员 was a probationary member"));
  g_clear_error (&error);
  g_ptr_array_remove_index (votes, votes->len - 1);
  g_ptr_array_add (votes, zb_cast_vote_new (came, "yes", FALSE));
  g_assert_false (zb_store_record_vote (f->store, item_id, ZB_VOTE_ADMISSION, votes, TRUE,
                                        &passed, &error));
  g_assert_nonnull (strstr (error->message, "not among the expected attendees"));
  g_clear_error (&error);
  g_ptr_array_remove_index (votes, votes->len - 1);
  g_ptr_array_add (votes, zb_cast_vote_new (f->a1, "no", FALSE));
  g_assert_false (zb_store_record_vote (f->store, item_id, ZB_VOTE_ADMISSION, votes, TRUE,
                                        &passed, &error));
  g_assert_nonnull (strstr (error->message, "甲一 voted twice"));
  g_clear_error (&error);

  /* 转入 after the meeting: no attendance there either. */
  g_assert_false (zb_store_set_attendance (f->store, meeting, came, "present", NULL, &error));
  g_assert_error (error, ZB_MEMBER_ERROR, ZB_MEMBER_ERROR_INVALID);
}

static char *
signed_lecture (Fixture    *f,
                const char *date)
{
  g_autoptr(ZbMeeting) meeting = zb_meeting_new ();
  g_autoptr(GError) error = NULL;
  char *id;

  zb_meeting_set_type_code (meeting, "lecture");
  zb_meeting_set_title (meeting, "专题党课");
  zb_meeting_set_date (meeting, date);
  zb_meeting_set_chair_id (meeting, f->a1);
  zb_meeting_set_recorder_id (meeting, f->b1);
  id = zb_store_add_meeting (f->store, meeting, &error);
  g_assert_no_error (error);
  zb_store_set_attendance (f->store, id, f->a1, "present", NULL, &error);
  g_assert_no_error (error);
  zb_store_set_attendance (f->store, id, f->a2, "leave", "出差", &error);
  g_assert_no_error (error);
  zb_store_add_guest (f->store, id, "张组织员", "机关党委", &error);
  g_assert_no_error (error);
  zb_store_finalize_meeting (f->store, id, &error);
  g_assert_no_error (error);
  return id;
}

static void
assert_verifies (Fixture *f,
                 guint    n)
{
  g_autoptr(GError) error = NULL;
  guint n_records = 0, n_chains = 0;

  g_assert_true (zb_store_verify (f->store, &n_records, &n_chains, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n_records, ==, n);
}

/* A finalised record keeps the names of its day: renaming a member later
 * changes neither what it shows nor its hash; altering its snapshot breaks
 * the chain. */
static void
test_snapshot_keeps_the_day (Fixture       *f,
                             gconstpointer  data)
{
  g_autofree char *meeting = signed_lecture (f, "2026-03-10");
  g_autoptr(ZbSnapshot) snapshot = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *names = NULL, *sql = NULL;
  guint n_records = 0, n_chains = 0;

  zb_test_rename_member (f->store, f->a1, "甲新名");
  zb_test_rename_member (f->store, f->b1, "乙新名");

  names = expected (f, meeting);
  g_assert_nonnull (strstr (names, "甲一"));
  g_assert_null (strstr (names, "甲新名"));
  snapshot = zb_store_get_snapshot (f->store, meeting, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (zb_snapshot_get_chair_name (snapshot), ==, "甲一");
  g_assert_cmpstr (zb_snapshot_get_recorder_name (snapshot), ==, "乙一");
  g_assert_cmpstr (zb_snapshot_get_branch (snapshot), ==, "测试支部");
  g_assert_cmpint (zb_test_sql_int (f->store, "SELECT canonical_version FROM meetings"), ==, 2);
  assert_verifies (f, 1);

  sql = g_strdup_printf ("UPDATE meetings SET snapshot = replace(snapshot, '甲一', '甲新名') "
                         "WHERE id = '%s'", meeting);
  zb_test_sql_exec (f->store, sql);
  g_assert_false (zb_store_verify (f->store, &n_records, &n_chains, &error));
  g_assert_error (error, ZB_STORE_ERROR, ZB_STORE_ERROR_FAILED);
  g_assert_nonnull (strstr (error->message, meeting));
}

/* A general meeting of a branch of 1,500 members, with a vote of its more
 * than 999 full members (once past SQLite's limit of bound values), is
 * finalised: its snapshot is far longer than the 80,000 characters it was
 * once held to (which refused some 600 members), and stays within the bytes
 * an op may take, so it syncs (test-sync-apply's largest-row). */
static void
test_snapshot_large_branch (void)
{
  g_autofree char *dir = zb_test_make_dir ();
  g_autoptr(ZbStore) store = zb_test_new_store (dir, "large.zhibu");
  g_autoptr(ZbAgendaItem) item = zb_agenda_item_new ();
  g_autoptr(GPtrArray) votes = g_ptr_array_new_with_free_func ((GDestroyNotify) zb_cast_vote_free);
  g_autoptr(GPtrArray) marks = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(ZbFirstItem) first = zb_first_item_new ();
  g_autoptr(GListModel) members = NULL;
  g_autoptr(ZbMeeting) meeting = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *id = NULL, *item_id = NULL, *snapshot = NULL;
  g_autofree char *chair = NULL, *recorder = NULL;
  guint n_records = 0, n_chains = 0;
  gboolean passed = FALSE;

  zb_demo_fill (store, 1500, 7, &error);
  g_assert_no_error (error);
  members = zb_store_list_members (store, FALSE, &error);
  g_assert_no_error (error);
  id = zb_test_add_meeting (store, "general", "2026-11-20", "党员大会", NULL);
  for (guint i = 0; i < g_list_model_get_n_items (members); i++)
    {
      g_autoptr(ZbMember) member = g_list_model_get_item (members, i);

      if (g_strcmp0 (zb_member_get (member, ZB_MEMBER_FIELD_CATEGORY), ZB_CATEGORY_FULL) != 0)
        continue;
      if (chair == NULL)
        chair = g_strdup (zb_member_get_id (member));
      else if (recorder == NULL)
        recorder = g_strdup (zb_member_get_id (member));
      g_ptr_array_add (marks, zb_attendee_new (zb_member_get_id (member), NULL, "present", NULL));
      g_ptr_array_add (votes, zb_cast_vote_new (zb_member_get_id (member), "yes", FALSE));
    }
  g_assert_cmpuint (votes->len, >, 1000);
  /* 全部出席: one transaction for them all. */
  zb_store_set_attendances (store, id, marks, &error);
  g_assert_no_error (error);

  meeting = zb_store_get_meeting (store, id, &error);
  g_assert_no_error (error);
  zb_meeting_set_chair_id (meeting, chair);
  zb_meeting_set_recorder_id (meeting, recorder);
  zb_store_update_meeting (store, meeting, &error);
  g_assert_no_error (error);
  zb_agenda_item_set_meeting_id (item, id);
  zb_agenda_item_set_title (item, "讨论接收预备党员");
  item_id = zb_store_add_agenda_item (store, item, &error);
  g_assert_no_error (error);
  zb_store_record_vote (store, item_id, ZB_VOTE_ADMISSION, votes, TRUE, &passed, &error);
  g_assert_no_error (error);
  g_assert_true (passed);

  zb_first_item_set_topic (first, "学习党章");
  zb_first_item_set_form (first, "领学");
  zb_first_item_set_leader (first, "支部书记");
  zb_first_item_set_participants (first, "全体党员");
  zb_first_item_set_proceedings (first, "书记领学，党员交流体会。");
  zb_store_set_first_item_draft (store, id, first, &error);
  g_assert_no_error (error);

  zb_store_finalize_meeting (store, id, &error);
  g_assert_no_error (error);
  snapshot = zb_test_sql_text (store, "SELECT snapshot FROM meetings WHERE finalized_at IS NOT NULL");
  g_test_message ("snapshot of %u voters: %ld characters", votes->len,
                  g_utf8_strlen (snapshot, -1));
  g_assert_cmpint (g_utf8_strlen (snapshot, -1), >, 200000);
  g_assert_true (zb_store_verify (store, &n_records, &n_chains, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n_records, ==, 1);

  g_clear_object (&store);
  zb_test_remove_dir (dir);
}

/* Records finalised by Zhibu before snapshots were kept (a database made by
 * the zhibu-cli of schema 5, tests/data/schema5.zhibu, passphrase
 * "schema5-fixture": two lectures finalised in one chain) keep verifying
 * under canonical form 1 once the database is upgraded, and show their rows. */
static void
test_form_one_records (void)
{
  g_autofree char *dir = zb_test_make_dir ();
  g_autofree char *path = g_build_filename (dir, "old.zhibu", NULL);
  g_autofree char *fixture = g_test_build_filename (G_TEST_DIST, "data", "schema5.zhibu", NULL);
  g_autofree char *contents = NULL, *names = NULL;
  g_autoptr(ZbKey) key = zb_key_new_passphrase ("schema5-fixture");
  g_autoptr(ZbStore) store = NULL;
  g_autoptr(GListModel) attendees = NULL;
  g_autoptr(GError) error = NULL;
  gsize length = 0;
  guint n_records = 0, n_chains = 0;

  g_file_get_contents (fixture, &contents, &length, &error);
  g_assert_no_error (error);
  g_file_set_contents (path, contents, length, &error);
  g_assert_no_error (error);

  store = zb_store_open (path, key, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (zb_store_get_schema_version (store), ==, zb_store_latest_version ());
  g_assert_true (zb_store_verify (store, &n_records, &n_chains, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n_records, ==, 2);
  g_assert_cmpint (zb_test_sql_int (store, "SELECT count(*) FROM meetings "
                                           "WHERE canonical_version IS NULL"), ==, 2);

  attendees = zb_store_list_attendees (store, "906380e5-fb3c-4314-879b-a257dcc66309", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (attendees), ==, 2);
  {
    g_autoptr(ZbAttendee) a = g_list_model_get_item (attendees, 0);
    g_autoptr(ZbAttendee) b = g_list_model_get_item (attendees, 1);

    names = g_strdup_printf ("%s %s %s", zb_attendee_get_name (a), zb_attendee_get_name (b),
                             zb_attendee_get_reason (b) ? zb_attendee_get_reason (b)
                                                        : zb_attendee_get_reason (a));
  }
  g_assert_nonnull (strstr (names, "李记录"));
  g_assert_nonnull (strstr (names, "王书记"));
  g_assert_nonnull (strstr (names, "出差"));

  g_clear_object (&store);
  zb_test_remove_dir (dir);
}

/* A meeting may be planned ahead, but nothing of it is recorded before its
 * day: no attendance, no signature. */
static void
test_not_before_the_day (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr(ZbMeeting) meeting = zb_meeting_new ();
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(GDateTime) later = g_date_time_add_days (now, 3);
  g_autofree char *date = g_date_time_format (later, "%Y-%m-%d");
  g_autoptr(GError) error = NULL;
  g_autofree char *id = NULL;

  zb_meeting_set_type_code (meeting, "lecture");
  zb_meeting_set_title (meeting, "下周党课");
  zb_meeting_set_date (meeting, date);
  zb_meeting_set_chair_id (meeting, f->a1);
  zb_meeting_set_recorder_id (meeting, f->b1);
  id = zb_store_add_meeting (f->store, meeting, &error);
  g_assert_no_error (error);

  g_assert_false (zb_store_set_attendance (f->store, id, f->a1, "present", NULL, &error));
  g_assert_nonnull (strstr (error->message, "after today"));
  g_clear_error (&error);
  g_assert_false (zb_store_finalize_meeting (f->store, id, &error));
  g_assert_nonnull (strstr (error->message, "after today"));
}

/* A meeting created without its signers gets them, and its date, times
 * and place corrected, until it is finalised: in one transaction, checked
 * as a new meeting is, never for a member who is not on the roster. */
static void
test_update (Fixture       *f,
             gconstpointer  data)
{
  g_autofree char *id = zb_test_add_meeting (f->store, "lecture", "2026-03-05", "专题党课", NULL);
  g_autoptr(ZbMeeting) meeting = zb_store_get_meeting (f->store, id, NULL);
  g_autoptr(ZbMeeting) after = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *before = NULL;

  g_assert_null (zb_meeting_get_chair_id (meeting));
  zb_meeting_set_date (meeting, "2026-03-06");
  zb_meeting_set_start_time (meeting, "14:30");
  zb_meeting_set_end_time (meeting, "16:00");
  zb_meeting_set_place (meeting, "三楼会议室");
  zb_meeting_set_chair_id (meeting, f->a1);
  zb_meeting_set_recorder_id (meeting, f->a2);
  /* The type stays what it was created as. */
  zb_meeting_set_type_code (meeting, "general");
  g_assert_true (zb_store_update_meeting (f->store, meeting, &error));
  g_assert_no_error (error);

  after = zb_store_get_meeting (f->store, id, &error);
  g_assert_cmpstr (zb_meeting_get_date (after), ==, "2026-03-06");
  g_assert_cmpstr (zb_meeting_get_start_time (after), ==, "14:30");
  g_assert_cmpstr (zb_meeting_get_end_time (after), ==, "16:00");
  g_assert_cmpstr (zb_meeting_get_place (after), ==, "三楼会议室");
  g_assert_cmpstr (zb_meeting_get_chair_id (after), ==, f->a1);
  g_assert_cmpstr (zb_meeting_get_recorder_id (after), ==, f->a2);
  g_assert_cmpstr (zb_meeting_get_type_code (after), ==, "lecture");
  g_assert_cmpint (zb_test_sql_int (f->store, "SELECT count(*) FROM sync_outbox WHERE "
                                               "table_name = 'meetings' AND op = 'update'"),
                   ==, 1);

  /* Checked like a new meeting: nothing of a refused change is written. */
  before = zb_test_sql_text (f->store, "SELECT updated_at FROM meetings");
  zb_meeting_set_date (after, "2026-03-06");
  zb_meeting_set_end_time (after, "14:00");
  g_assert_false (zb_store_update_meeting (f->store, after, &error));
  g_assert_error (error, ZB_MEMBER_ERROR, ZB_MEMBER_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "End time"));
  g_clear_error (&error);
  zb_meeting_set_end_time (after, "16:00");
  zb_meeting_set_date (after, "2026/3/7");
  g_assert_false (zb_store_update_meeting (f->store, after, &error));
  g_assert_error (error, ZB_MEMBER_ERROR, ZB_MEMBER_ERROR_INVALID);
  g_clear_error (&error);
  zb_meeting_set_date (after, "2026-03-07");
  zb_meeting_set_chair_id (after, "no-such-member");
  g_assert_false (zb_store_update_meeting (f->store, after, &error));
  g_assert_error (error, ZB_MEMBER_ERROR, ZB_MEMBER_ERROR_NOT_FOUND);
  g_assert_nonnull (strstr (error->message, "Chair"));
  g_clear_error (&error);
  g_clear_object (&meeting);
  meeting = zb_store_get_meeting (f->store, id, NULL);
  g_assert_cmpstr (zb_meeting_get_date (meeting), ==, "2026-03-06");
  g_assert_cmpstr (zb_meeting_get_chair_id (meeting), ==, f->a1);
  {
    g_autofree char *now = zb_test_sql_text (f->store, "SELECT updated_at FROM meetings");

    g_assert_cmpstr (now, ==, before);
  }

  /* Once finalised, refused. */
  g_assert_true (zb_store_finalize_meeting (f->store, id, &error));
  g_assert_no_error (error);
  zb_meeting_set_chair_id (meeting, f->b1);
  g_assert_false (zb_store_update_meeting (f->store, meeting, &error));
  g_assert_error (error, ZB_MEMBER_ERROR, ZB_MEMBER_ERROR_INVALID);
  g_clear_error (&error);
  g_clear_object (&after);
  after = zb_store_get_meeting (f->store, id, NULL);
  g_assert_cmpstr (zb_meeting_get_chair_id (after), ==, f->a1);
}

/* Guests (列席人员) are listed with their row IDs and removed by them, as
 * a tombstone that the outbox sends as a delete; not once finalised. */
static void
test_guests (Fixture       *f,
             gconstpointer  data)
{
  g_autofree char *id = zb_test_add_meeting (f->store, "lecture", "2026-03-05", "专题党课", NULL);
  g_autoptr(ZbMeeting) meeting = zb_store_get_meeting (f->store, id, NULL);
  g_autoptr(GListModel) guests = NULL;
  g_autoptr(ZbGuest) first = NULL;
  g_autoptr(ZbGuest) second = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) names = NULL;

  g_assert_true (zb_store_add_guest (f->store, id, "王五", "上级党委组织部", &error));
  g_assert_true (zb_store_add_guest (f->store, id, "赵六", NULL, &error));
  g_assert_no_error (error);
  guests = zb_store_list_meeting_guests (f->store, id, &error);
  g_assert_cmpuint (g_list_model_get_n_items (guests), ==, 2);
  first = g_list_model_get_item (guests, 0);
  g_assert_nonnull (zb_guest_get_id (first));
  g_assert_cmpstr (zb_guest_get_name (first), ==, "王五");
  g_assert_cmpstr (zb_guest_get_affiliation (first), ==, "上级党委组织部");

  g_assert_true (zb_store_remove_guest (f->store, zb_guest_get_id (first), &error));
  g_assert_no_error (error);
  names = zb_store_list_guests (f->store, id, &error);
  g_assert_cmpstrv (names, ((const char *[]) { "赵六", NULL }));
  g_assert_cmpint (zb_test_sql_int (f->store, "SELECT count(*) FROM sync_outbox WHERE "
                                               "table_name = 'meeting_guests' AND op = 'delete'"),
                   ==, 1);
  g_assert_false (zb_store_remove_guest (f->store, zb_guest_get_id (first), &error));
  g_assert_error (error, ZB_MEMBER_ERROR, ZB_MEMBER_ERROR_NOT_FOUND);
  g_clear_error (&error);

  zb_meeting_set_chair_id (meeting, f->a1);
  zb_meeting_set_recorder_id (meeting, f->a2);
  g_assert_true (zb_store_update_meeting (f->store, meeting, &error));
  g_assert_true (zb_store_finalize_meeting (f->store, id, &error));
  g_assert_no_error (error);
  g_clear_object (&guests);
  guests = zb_store_list_meeting_guests (f->store, id, &error);
  second = g_list_model_get_item (guests, 0);
  g_assert_false (zb_store_remove_guest (f->store, zb_guest_get_id (second), &error));
  g_assert_error (error, ZB_MEMBER_ERROR, ZB_MEMBER_ERROR_INVALID);
}

/* An agenda item entered by mistake is removed before finalising; the
 * others keep their order. */
static void
test_remove_agenda_item (Fixture       *f,
                         gconstpointer  data)
{
  g_autofree char *id = zb_test_add_meeting (f->store, "lecture", "2026-03-05", "专题党课", NULL);
  g_autoptr(GListModel) items = NULL;
  g_autoptr(ZbAgendaItem) left = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) ids = g_new0 (char *, 4);

  for (guint i = 0; i < 3; i++)
    {
      g_autoptr(ZbAgendaItem) item = zb_agenda_item_new ();
      g_autofree char *title = g_strdup_printf ("议题%u", i + 1);

      zb_agenda_item_set_meeting_id (item, id);
      zb_agenda_item_set_title (item, title);
      ids[i] = zb_store_add_agenda_item (f->store, item, &error);
      g_assert_no_error (error);
    }

  g_assert_true (zb_store_remove_agenda_item (f->store, ids[1], &error));
  g_assert_no_error (error);
  items = zb_store_list_agenda_items (f->store, id, &error);
  g_assert_cmpuint (g_list_model_get_n_items (items), ==, 2);
  left = g_list_model_get_item (items, 1);
  g_assert_cmpstr (zb_agenda_item_get_title (left), ==, "议题3");
  g_assert_false (zb_store_remove_agenda_item (f->store, ids[1], &error));
  g_assert_error (error, ZB_MEMBER_ERROR, ZB_MEMBER_ERROR_NOT_FOUND);
  g_clear_error (&error);

  zb_test_sql_exec (f->store, "UPDATE meetings SET finalized_at = '2026-03-05T10:00:00Z'");
  g_assert_false (zb_store_remove_agenda_item (f->store, ids[0], &error));
  g_assert_error (error, ZB_MEMBER_ERROR, ZB_MEMBER_ERROR_INVALID);
}

/* Who votes is shown beside each attendee: a property the list fills in. */
static void
test_attendee_has_vote (void)
{
  g_autoptr(ZbAttendee) a = zb_attendee_new ("m1", "甲一", NULL, NULL);
  gboolean has_vote = TRUE;

  g_assert_false (zb_attendee_get_has_vote (a));
  zb_attendee_set_has_vote (a, TRUE);
  g_object_get (a, "has-vote", &has_vote, NULL);
  g_assert_true (has_vote);
  g_object_set (a, "has-vote", FALSE, NULL);
  g_assert_false (zb_attendee_get_has_vote (a));
}

/* Transferred out, then back: expected before and after, not between. */
static void
test_out_and_back (Fixture       *f,
                   gconstpointer  data)
{
  g_autofree char *away = add_dated (f, "往返者", 33, ZB_CATEGORY_FULL, "2012-07-01", "2013-07-01");
  g_autoptr(ZbTransfer) out = zb_transfer_new (away, FALSE, "2025-03-01", "县委党校", "2025-3");
  g_autoptr(ZbTransfer) back = zb_transfer_new (away, TRUE, "2025-09-01", "县委党校", "2025-9");
  g_autoptr(GError) error = NULL;
  const char *dates[] = { "2025-02-01", "2025-06-01", "2025-10-01" };
  gboolean there[] = { TRUE, FALSE, TRUE };

  zb_store_add_transfer (f->store, out, &error);
  g_assert_no_error (error);
  zb_store_add_transfer (f->store, back, &error);
  g_assert_no_error (error);

  for (guint i = 0; i < G_N_ELEMENTS (dates); i++)
    {
      g_autofree char *meeting = add_meeting (f, "lecture", dates[i], NULL);
      g_autofree char *names = expected (f, meeting);

      g_assert_cmpint (strstr (names, "往返者") != NULL, ==, there[i]);
    }
}

/* The 第一议题 section's list: a year's first items, the newest first; the
 * meetings that need one listed with or without it, a themed party day only
 * when it has one, another year's meetings not at all. */
static void
test_list_first_items (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(ZbFirstItem) first = zb_first_item_new ();
  g_autoptr(ZbFirstItem) second = zb_first_item_new ();
  g_autoptr(GListModel) list = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *general = zb_test_add_meeting (f->store, "general", "2026-03-20", "三月党员大会",
                                                  NULL);
  g_autofree char *committee = zb_test_add_meeting (f->store, "committee", "2026-05-06",
                                                    "五月支委会", NULL);
  g_autofree char *day = zb_test_add_meeting (f->store, "theme-day", "2026-06-01", "主题党日",
                                              NULL);
  g_autofree char *plain_day = zb_test_add_meeting (f->store, "theme-day", "2026-07-01",
                                                    "七一主题党日", NULL);
  g_autofree char *last_year = zb_test_add_meeting (f->store, "general", "2025-12-20",
                                                    "十二月党员大会", NULL);
  ZbFirstItemEntry *entries[3];
  const char *expected[] = { day, committee, general };

  zb_first_item_set_topic (first, "学习贯彻会议精神");
  zb_first_item_set_form (first, "领学");
  zb_first_item_set_participants (first, "全体党员");
  zb_first_item_set_proceedings (first, "领学并交流研讨");
  zb_first_item_set_material (first, "《求是》文章");
  g_assert_true (zb_store_set_first_item (f->store, general, first, &error));
  g_assert_no_error (error);
  zb_first_item_set_topic (second, "学习重要讲话");
  zb_first_item_set_form (second, "原文诵读");
  zb_first_item_set_participants (second, "全体党员");
  zb_first_item_set_proceedings (second, "诵读原文");
  g_assert_true (zb_store_set_first_item (f->store, day, second, &error));

  list = zb_store_list_first_items (f->store, "2026-01-01", "2026-12-31", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (list), ==, 3);
  for (guint i = 0; i < 3; i++)
    {
      entries[i] = g_list_model_get_item (list, i);
      g_assert_cmpstr (zb_meeting_get_id (zb_first_item_entry_get_meeting (entries[i])), ==,
                       expected[i]);
    }
  g_assert_cmpstr (zb_first_item_get_topic (zb_first_item_entry_get_first (entries[0])), ==,
                   "学习重要讲话");
  g_assert_false (zb_first_item_entry_is_required (entries[0]));
  g_assert_false (zb_first_item_entry_is_missing (entries[0]));
  g_assert_null (zb_first_item_entry_get_first (entries[1]));
  g_assert_true (zb_first_item_entry_is_missing (entries[1]));
  g_assert_cmpstr (zb_first_item_get_material (zb_first_item_entry_get_first (entries[2])), ==,
                   "《求是》文章");
  g_assert_false (zb_first_item_entry_is_missing (entries[2]));
  for (guint i = 0; i < 3; i++)
    g_object_unref (entries[i]);
  (void) plain_day;
  (void) last_year;
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
  ADD ("/meetings/committee/terms", test_committee_terms);
  ADD ("/meetings/edits/measure", test_delete_measure);
  ADD ("/meetings/edits/contribution", test_delete_contribution);
  ADD ("/meetings/first-item/links", test_first_item_links);
  ADD ("/meetings/attendance", test_attendance);
  ADD ("/meetings/validation", test_validation);
  ADD ("/meetings/vote-rules", test_vote_rules);
  ADD ("/meetings/measures/carry-over", test_measures_carry_over);
  g_test_add_func ("/meetings/first-item/templates", test_templates);
  g_test_add_func ("/meetings/first-item/templates-broken", test_templates_broken);
  ADD ("/meetings/first-item/draft", test_first_item_draft);
  ADD ("/meetings/first-item/with-meeting", test_meeting_with_first_item);
  ADD ("/meetings/first-item/list", test_list_first_items);
  ADD ("/meetings/addendum", test_addendum);
  ADD ("/meetings/counted-on-the-day", test_counted_on_the_day);
  ADD ("/meetings/snapshot/keeps-the-day", test_snapshot_keeps_the_day);
  g_test_add_func ("/meetings/snapshot/form-1-records", test_form_one_records);
  g_test_add_func ("/meetings/snapshot/large-branch", test_snapshot_large_branch);
  ADD ("/meetings/not-before-the-day", test_not_before_the_day);
  ADD ("/meetings/out-and-back", test_out_and_back);
  ADD ("/meetings/update", test_update);
  ADD ("/meetings/guests", test_guests);
  ADD ("/meetings/remove-agenda-item", test_remove_agenda_item);
  g_test_add_func ("/meetings/attendee-has-vote", test_attendee_has_vote);

  return g_test_run ();
}
