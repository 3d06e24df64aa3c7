/* zb-vote.h: quorum and majority for the votes of a branch general meeting
 *
 * Copyright 2026 The Zhibu authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "zb-member.h"

G_BEGIN_DECLS

#define ZB_VOTE_ERROR (zb_vote_error_quark ())

typedef enum
{
  ZB_VOTE_ERROR_NO_QUORUM,
  ZB_VOTE_ERROR_NOT_PASSED,
  ZB_VOTE_ERROR_INVALID,
} ZbVoteError;

typedef enum
{
  ZB_VOTE_ADMISSION,        /* 接收预备党员 */
  ZB_VOTE_FULL_MEMBERSHIP,  /* 预备党员转正 */
  ZB_VOTE_DISCIPLINE,       /* 党纪处分 */
  ZB_VOTE_ELECTION,         /* 选举 */
} ZbVoteKind;

typedef enum
{
  ZB_ATTENDANCE_PRESENT,
  ZB_ATTENDANCE_LEAVE,      /* 请假, with a reason: excused */
  ZB_ATTENDANCE_ABSENT,
} ZbAttendance;

typedef enum
{
  ZB_CHOICE_NONE,
  ZB_CHOICE_YES,
  ZB_CHOICE_NO,
  ZB_CHOICE_ABSTAIN,
} ZbChoice;

/* One expected attendee's part in a vote. */
typedef struct
{
  ZbMember     *member;
  ZbAttendance  attendance;
  ZbChoice      choice;
  gboolean      written;    /* a written opinion handed in before the meeting */
  gboolean      has_vote;   /* 表决权 on the meeting's day (zb-member-standing.h) */
} ZbBallot;

/* A vote as given: by a member, yes, no or abstain, in person or in writing. */
typedef struct
{
  char     *member_id;
  char     *choice;
  gboolean  written;
} ZbCastVote;

/* The numbers the rules look at, counting members with a vote only. */
typedef struct
{
  guint voting_expected;    /* 应到会有表决权的党员 */
  guint voting_present;
  guint yes;
  guint no;
  guint abstain;
} ZbVoteCount;

GQuark       zb_vote_error_quark    (void);
ZbCastVote  *zb_cast_vote_new       (const char        *member_id,
                                     const char        *choice,
                                     gboolean           written);
void         zb_cast_vote_free      (ZbCastVote        *vote);
void         zb_ballot_clear        (ZbBallot          *ballot);
const char  *zb_vote_kind_to_string (ZbVoteKind         kind);
gboolean     zb_vote_kind_parse     (const char        *text,
                                     ZbVoteKind        *kind);
void         zb_vote_tally          (const ZbBallot    *ballots,
                                     guint              n_ballots,
                                     ZbVoteCount       *count);
gboolean     zb_vote_check_quorum   (ZbVoteKind         kind,
                                     const ZbVoteCount *count,
                                     GError           **error);
gboolean     zb_vote_check_passed   (ZbVoteKind         kind,
                                     const ZbVoteCount *count,
                                     GError           **error);

G_END_DECLS
