#define G_LOG_DOMAIN "test-vote"

#include "config.h"

#include <locale.h>

#include "zb-test-util.h"
#include "zb-vote.h"

#define N_FULL 10
#define N_PROBATIONARY 2
#define N_ALL (N_FULL + N_PROBATIONARY)

typedef struct
{
  ZbMember *members[N_ALL];
  ZbBallot  ballots[N_ALL];
  GDate     date;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  for (guint i = 0; i < N_ALL; i++)
    {
      g_autofree char *id = zb_test_id_number ("1985-01-01", TRUE, i);
      const char *category = i < N_FULL ? ZB_CATEGORY_FULL : ZB_CATEGORY_PROBATIONARY;

      g_date_clear (&f->date, 1);
      g_date_set_dmy (&f->date, 15, 3, 2026);
      f->members[i] = zb_test_member ("党员", id, category);
      f->ballots[i] = (ZbBallot) { f->members[i], ZB_ATTENDANCE_ABSENT, ZB_CHOICE_NONE, FALSE,
                                   zb_member_has_vote (f->members[i], &f->date) };
    }
  g_date_clear (&f->date, 1);
  g_date_set_dmy (&f->date, 15, 3, 2026);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  for (guint i = 0; i < N_ALL; i++)
    g_object_unref (f->members[i]);
}

/* The first @present full members attend, the first @yes of them vote yes,
 * and the probationary members attend and vote yes too. */
static void
vote (Fixture     *f,
      guint        present,
      guint        yes,
      ZbVoteCount *count)
{
  for (guint i = 0; i < N_ALL; i++)
    {
      gboolean full = i < N_FULL;

      f->ballots[i].attendance = (!full || i < present) ? ZB_ATTENDANCE_PRESENT
                                                        : ZB_ATTENDANCE_ABSENT;
      f->ballots[i].choice = (!full || i < yes) ? ZB_CHOICE_YES : ZB_CHOICE_NO;
    }
  zb_vote_tally (f->ballots, N_ALL, count);
}

/* 10 full members and 2 probationary: 5 full present is no quorum. */
static void
test_quorum (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  ZbVoteCount count;

  vote (f, 5, 5, &count);
  g_assert_cmpuint (count.voting_expected, ==, 10);
  g_assert_cmpuint (count.voting_present, ==, 5);
  g_assert_false (zb_vote_check_quorum (ZB_VOTE_ADMISSION, &count, &error));
  g_assert_error (error, ZB_VOTE_ERROR, ZB_VOTE_ERROR_NO_QUORUM);
  g_assert_nonnull (strstr (error->message, "Branch Regulations"));
  g_assert_nonnull (strstr (error->message, "10"));
  g_assert_nonnull (strstr (error->message, "5"));
  g_clear_error (&error);

  g_assert_false (zb_vote_check_passed (ZB_VOTE_ADMISSION, &count, &error));
  g_assert_error (error, ZB_VOTE_ERROR, ZB_VOTE_ERROR_NO_QUORUM);
}

/* 6 present and 5 yes is refused: 5 is not more than half of 10. */
static void
test_five_yes (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  ZbVoteCount count;

  vote (f, 6, 5, &count);
  g_assert_true (zb_vote_check_quorum (ZB_VOTE_ADMISSION, &count, NULL));
  g_assert_false (zb_vote_check_passed (ZB_VOTE_ADMISSION, &count, &error));
  g_assert_error (error, ZB_VOTE_ERROR, ZB_VOTE_ERROR_NOT_PASSED);
  g_assert_nonnull (strstr (error->message, "5 yes votes"));
  g_assert_nonnull (strstr (error->message, "10 members"));
}

static void
test_six_yes (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  ZbVoteCount count;

  vote (f, 6, 6, &count);
  g_assert_cmpuint (count.yes, ==, 6);
  g_assert_true (zb_vote_check_passed (ZB_VOTE_FULL_MEMBERSHIP, &count, &error));
  g_assert_no_error (error);
}

/* Probationary members attended and voted yes every time above; their votes
 * never showed in the counts. And a written opinion counts as a vote but not
 * towards the quorum. */
static void
test_probationary_and_written (Fixture       *f,
                               gconstpointer  data)
{
  ZbVoteCount count;

  vote (f, 6, 5, &count);
  g_assert_cmpuint (count.yes, ==, 5);

  f->ballots[9].written = TRUE;
  f->ballots[9].choice = ZB_CHOICE_YES;
  zb_vote_tally (f->ballots, N_ALL, &count);
  g_assert_cmpuint (count.voting_present, ==, 6);
  g_assert_cmpuint (count.yes, ==, 6);
  g_assert_true (zb_vote_check_passed (ZB_VOTE_ADMISSION, &count, NULL));
}

/* Elections: more than four fifths present; elected by more than half of
 * those present. */
static void
test_election (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  ZbVoteCount count;

  vote (f, 8, 8, &count);
  g_assert_false (zb_vote_check_quorum (ZB_VOTE_ELECTION, &count, &error));
  g_assert_nonnull (strstr (error->message, "four fifths"));
  g_clear_error (&error);

  vote (f, 9, 5, &count);
  g_assert_true (zb_vote_check_passed (ZB_VOTE_ELECTION, &count, NULL));
  vote (f, 9, 4, &count);
  g_assert_false (zb_vote_check_passed (ZB_VOTE_ELECTION, &count, &error));
  g_assert_error (error, ZB_VOTE_ERROR, ZB_VOTE_ERROR_NOT_PASSED);
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("/vote/quorum", test_quorum);
  ADD ("/vote/five-of-ten-refused", test_five_yes);
  ADD ("/vote/six-of-ten-passes", test_six_yes);
  ADD ("/vote/probationary-and-written", test_probationary_and_written);
  ADD ("/vote/election", test_election);

  return g_test_run ();
}
