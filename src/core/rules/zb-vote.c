#define G_LOG_DOMAIN "zb-vote"

#include "config.h"

#include <glib/gi18n.h>

#include "zb-vote.h"

G_DEFINE_QUARK (zb-vote-error-quark, zb_vote_error)

static const char *kind_names[] = { "admission", "full-membership", "discipline", "election" };

ZbCastVote *
zb_cast_vote_new (const char *member_id,
                  const char *choice,
                  gboolean    written)
{
  ZbCastVote *vote = g_new0 (ZbCastVote, 1);

  vote->member_id = g_strdup (member_id);
  vote->choice = g_strdup (choice);
  vote->written = written;
  return vote;
}

void
zb_cast_vote_free (ZbCastVote *vote)
{
  if (vote == NULL)
    return;

  g_free (vote->member_id);
  g_free (vote->choice);
  g_free (vote);
}

void
zb_ballot_clear (ZbBallot *ballot)
{
  g_clear_object (&ballot->member);
}

const char *
zb_vote_kind_to_string (ZbVoteKind kind)
{
  g_return_val_if_fail (kind < G_N_ELEMENTS (kind_names), NULL);

  return kind_names[kind];
}

gboolean
zb_vote_kind_parse (const char *text,
                    ZbVoteKind *kind)
{
  for (guint i = 0; text && i < G_N_ELEMENTS (kind_names); i++)
    if (g_str_equal (text, kind_names[i]))
      {
        *kind = i;
        return TRUE;
      }

  return FALSE;
}

/* Only members with a vote count, for the quorum and for the result: not a
 * probationary member, nor one under 留党察看 (the Constitution). A written
 * opinion of an absent member counts among the votes, never towards the
 * quorum (DOMAIN.md section 2). */
void
zb_vote_tally (const ZbBallot *ballots,
               guint           n_ballots,
               ZbVoteCount    *count)
{
  *count = (ZbVoteCount) { 0 };

  for (guint i = 0; i < n_ballots; i++)
    {
      const ZbBallot *b = &ballots[i];
      gboolean present = b->attendance == ZB_ATTENDANCE_PRESENT;

      if (!b->has_vote)
        continue;

      count->voting_expected++;
      if (present)
        count->voting_present++;
      if (!present && !b->written)
        continue;

      if (b->choice == ZB_CHOICE_YES)
        count->yes++;
      else if (b->choice == ZB_CHOICE_NO)
        count->no++;
      else if (b->choice == ZB_CHOICE_ABSTAIN)
        count->abstain++;
    }
}

/* "More than a fraction": present * den > expected * num, in integers. */
static gboolean
more_than (guint part,
           guint whole,
           guint num,
           guint den)
{
  return (guint64) part * den > (guint64) whole * num;
}

/* The Branch Regulations: a general meeting that votes needs more than half
 * of the members with a vote present; the Election Regulations: an election
 * needs more than four fifths. */
gboolean
zb_vote_check_quorum (ZbVoteKind         kind,
                      const ZbVoteCount *count,
                      GError           **error)
{
  gboolean election = kind == ZB_VOTE_ELECTION;

  if (more_than (count->voting_present, count->voting_expected, election ? 4 : 1,
                 election ? 5 : 2))
    return TRUE;

  if (election)
    g_set_error (error, ZB_VOTE_ERROR, ZB_VOTE_ERROR_NO_QUORUM,
                 _("No quorum (the Election Regulations): an election needs more than four "
                   "fifths of the %u members with a vote present, and %u are present"),
                 count->voting_expected, count->voting_present);
  else
    g_set_error (error, ZB_VOTE_ERROR, ZB_VOTE_ERROR_NO_QUORUM,
                 _("No quorum (the Branch Regulations): a vote needs more than half of the %u "
                   "members with a vote present, and %u are present"),
                 count->voting_expected, count->voting_present);
  return FALSE;
}

/* The Branch Regulations: a resolution passes with the yes votes of more than
 * half of the members with a vote who are expected, not of those present.
 * The Election Regulations: a candidate is elected with the yes votes of
 * more than half of the members with a vote present. */
gboolean
zb_vote_check_passed (ZbVoteKind         kind,
                      const ZbVoteCount *count,
                      GError           **error)
{
  gboolean election = kind == ZB_VOTE_ELECTION;
  guint base = election ? count->voting_present : count->voting_expected;

  if (!zb_vote_check_quorum (kind, count, error))
    return FALSE;
  if (more_than (count->yes, base, 1, 2))
    return TRUE;

  if (election)
    g_set_error (error, ZB_VOTE_ERROR, ZB_VOTE_ERROR_NOT_PASSED,
                 _("Not elected (the Election Regulations): %u yes votes are not more than half "
                   "of the %u members with a vote present"), count->yes, base);
  else
    g_set_error (error, ZB_VOTE_ERROR, ZB_VOTE_ERROR_NOT_PASSED,
                 _("Not passed (the Branch Regulations): %u yes votes are not more than half of "
                   "the %u members with a vote expected at the meeting"), count->yes, base);
  return FALSE;
}
