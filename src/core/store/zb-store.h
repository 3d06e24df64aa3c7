/* zb-store.h: the encrypted branch database
 *
 * Copyright 2026 The Zhibu authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "zb-key.h"
#include "zb-agenda-item.h"
#include "zb-arrears.h"
#include "zb-attendee.h"
#include "zb-base-review.h"
#include "zb-check-settings.h"
#include "zb-committee-member.h"
#include "zb-dues-line.h"
#include "zb-dues-rules.h"
#include "zb-first-item.h"
#include "zb-first-item-entry.h"
#include "zb-first-item-template.h"
#include "zb-guest.h"
#include "zb-measure.h"
#include "zb-meeting.h"
#include "zb-member.h"
#include "zb-payment.h"
#include "zb-person.h"
#include "zb-points.h"
#include "zb-recruit-step.h"
#include "zb-reduction.h"
#include "zb-thought-report.h"
#include "zb-search-result.h"
#include "zb-snapshot.h"
#include "zb-store-error.h"
#include "zb-study.h"
#include "zb-transfer.h"
#include "zb-vote.h"

G_BEGIN_DECLS

#define ZB_TYPE_STORE (zb_store_get_type ())

G_DECLARE_FINAL_TYPE (ZbStore, zb_store, ZB, STORE, GObject)

char       *zb_store_default_path         (void);
char       *zb_store_read_file_salt       (const char    *path,
                                           GError       **error);
guint       zb_store_latest_version       (void);

ZbStore    *zb_store_create               (const char    *path,
                                           const ZbKey   *key,
                                           const char    *branch_name,
                                           GError       **error);
ZbStore    *zb_store_open                 (const char    *path,
                                           const ZbKey   *key,
                                           GError       **error);
ZbStore    *zb_store_create_in_keyring    (const char    *path,
                                           const char    *branch_name,
                                           GCancellable  *cancellable,
                                           GError       **error);
ZbKey      *zb_store_lookup_key           (const char    *path,
                                           GCancellable  *cancellable,
                                           GError       **error);
ZbStore    *zb_store_open_from_keyring    (const char    *path,
                                           GCancellable  *cancellable,
                                           GError       **error);
gboolean    zb_store_open_reader          (ZbStore       *self,
                                           GError       **error);
gboolean    zb_store_read_here            (ZbStore       *self,
                                           GError       **error);
const char *zb_store_get_path             (ZbStore       *self);
const char *zb_store_get_uuid             (ZbStore       *self);
const char *zb_store_get_device_id        (ZbStore       *self);
const char *zb_store_get_branch_name      (ZbStore       *self);
guint       zb_store_get_schema_version   (ZbStore       *self);

/* The branch's settings, synced (schema step 12): the checker's thresholds
 * and the branch's details. Values out of range: an error naming the field. */
gboolean    zb_store_get_check_settings   (ZbStore                *self,
                                           ZbCheckSettings        *settings,
                                           GError                **error);
gboolean    zb_store_set_check_settings   (ZbStore                *self,
                                           const ZbCheckSettings  *settings,
                                           GError                **error);
gboolean    zb_store_has_check_settings   (ZbStore                *self);
char       *zb_store_dup_higher_committee (ZbStore                *self);   /* NULL when unset */
char       *zb_store_dup_secretary        (ZbStore                *self);   /* NULL when unset */
gboolean    zb_store_set_branch_details   (ZbStore                *self,
                                           const char             *name,
                                           const char             *higher_committee,
                                           const char             *secretary,
                                           GError                **error);

/* Members. Each call is one transaction on the write connection. */
char       *zb_store_add_member           (ZbStore       *self,
                                           ZbMember      *member,
                                           GError       **error);
gboolean    zb_store_add_members          (ZbStore       *self,
                                           GPtrArray     *members,
                                           GError       **error);
gboolean    zb_store_update_member        (ZbStore       *self,
                                           ZbMember      *member,
                                           GError       **error);
gboolean    zb_store_archive_member       (ZbStore       *self,
                                           const char    *id,
                                           const char    *status,
                                           const char    *date,
                                           const char    *reason,
                                           GError       **error);
ZbMember   *zb_store_get_member           (ZbStore       *self,
                                           const char    *id,
                                           GError       **error);
char       *zb_store_find_id_number       (ZbStore       *self,
                                           const char    *id_number,
                                           GError       **error);
GListModel *zb_store_list_members         (ZbStore       *self,
                                           gboolean       include_archived,
                                           GError       **error);
char       *zb_store_add_member_transferred_in (ZbStore    *self,
                                                ZbMember   *member,
                                                const char *date,
                                                const char *organisation,
                                                const char *letter_number,
                                                GError    **error);
gboolean    zb_store_add_transfer         (ZbStore       *self,
                                           ZbTransfer    *transfer,
                                           GError       **error);
gboolean    zb_store_undo_transfer        (ZbStore       *self,
                                           const char    *transfer_id,
                                           ZbMember      *before,
                                           GError       **error);
ZbTransfer *zb_store_get_transfer         (ZbStore       *self,
                                           const char    *id,
                                           GError       **error);
GListModel *zb_store_list_transfers       (ZbStore       *self,
                                           const char    *member_id,
                                           GError       **error);
GStrv       zb_store_list_party_groups    (ZbStore       *self,
                                           GError       **error);
guint       zb_store_count_members        (ZbStore       *self,
                                           gboolean       include_archived,
                                           GError       **error);

/* Meetings and the committee. */
char       *zb_store_add_meeting          (ZbStore       *self,
                                           ZbMeeting     *meeting,
                                           GError       **error);
char       *zb_store_add_meeting_with_first_item (ZbStore     *self,
                                                 ZbMeeting   *meeting,
                                                 ZbFirstItem *first,
                                                 GError     **error);
ZbMeeting  *zb_store_get_meeting          (ZbStore       *self,
                                           const char    *id,
                                           GError       **error);
GListModel *zb_store_list_meetings        (ZbStore       *self,
                                           const char    *from,
                                           const char    *to,
                                           GError       **error);
GListModel *zb_store_list_attendees       (ZbStore       *self,
                                           const char    *meeting_id,
                                           GError       **error);
gboolean    zb_store_set_attendance       (ZbStore       *self,
                                           const char    *meeting_id,
                                           const char    *member_id,
                                           const char    *state,
                                           const char    *reason,
                                           GError       **error);
gboolean    zb_store_set_attendances      (ZbStore       *self,
                                           const char    *meeting_id,
                                           GPtrArray     *marks,
                                           GError       **error);
gboolean    zb_store_add_guest            (ZbStore       *self,
                                           const char    *meeting_id,
                                           const char    *name,
                                           const char    *affiliation,
                                           GError       **error);
GStrv       zb_store_list_guests          (ZbStore       *self,
                                           const char    *meeting_id,
                                           GError       **error);
/* zb-store-meeting-edit.c: a draft meeting edited in the app, until finalised. */
gboolean    zb_store_update_meeting       (ZbStore       *self,
                                           ZbMeeting     *meeting,
                                           GError       **error);
GListModel *zb_store_list_meeting_guests  (ZbStore       *self,
                                           const char    *meeting_id,
                                           GError       **error);
gboolean    zb_store_remove_guest         (ZbStore       *self,
                                           const char    *guest_id,
                                           GError       **error);
gboolean    zb_store_remove_agenda_item   (ZbStore       *self,
                                           const char    *item_id,
                                           GError       **error);
gboolean    zb_store_add_committee_member (ZbStore       *self,
                                           const char    *member_id,
                                           const char    *role,
                                           const char    *from,
                                           const char    *to,
                                           GError       **error);

/* The branch committee's terms (zb-store-committee.c). */
char       *zb_store_add_committee_term   (ZbStore       *self,
                                           const char    *member_id,
                                           const char    *role,
                                           const char    *from,
                                           const char    *to,
                                           GError       **error);
gboolean    zb_store_update_committee_member (ZbStore           *self,
                                              ZbCommitteeMember *term,
                                              GError           **error);
gboolean    zb_store_end_committee_member (ZbStore       *self,
                                           const char    *id,
                                           const char    *to,
                                           GError       **error);
gboolean    zb_store_remove_committee_member (ZbStore    *self,
                                              const char *id,
                                              GError    **error);
GListModel *zb_store_list_committee       (ZbStore       *self,
                                           GError       **error);

/* Minutes: the agenda, votes, and implementation measures. */
char       *zb_store_add_agenda_item      (ZbStore       *self,
                                           ZbAgendaItem  *item,
                                           GError       **error);
gboolean    zb_store_update_agenda_item   (ZbStore       *self,
                                           ZbAgendaItem  *item,
                                           GError       **error);
gboolean    zb_store_save_minutes         (ZbStore       *self,
                                           const char    *meeting_id,
                                           GPtrArray     *items,
                                           ZbFirstItem   *first,
                                           GError       **error);
GListModel *zb_store_list_agenda_items    (ZbStore       *self,
                                           const char    *meeting_id,
                                           GError       **error);
gboolean    zb_store_record_vote          (ZbStore       *self,
                                           const char    *item_id,
                                           ZbVoteKind     kind,
                                           GPtrArray     *votes,
                                           gboolean       claim_passed,
                                           gboolean      *passed,
                                           GError       **error);

gboolean    zb_store_set_first_item       (ZbStore       *self,
                                           const char    *meeting_id,
                                           ZbFirstItem   *first,
                                           GError       **error);
gboolean    zb_store_set_first_item_draft (ZbStore       *self,
                                           const char    *meeting_id,
                                           ZbFirstItem   *first,
                                           GError       **error);
ZbFirstItem *zb_store_get_first_item      (ZbStore       *self,
                                           const char    *meeting_id,
                                           GError       **error);
GListModel *zb_store_list_first_items     (ZbStore       *self,
                                           const char    *from,
                                           const char    *to,
                                           GError       **error);
gboolean    zb_store_save_first_item_template  (ZbStore              *self,
                                                ZbFirstItemTemplate  *template,
                                                GError              **error);
GListModel *zb_store_list_first_item_templates (ZbStore              *self,
                                                GError              **error);
ZbFirstItemTemplate *zb_store_find_first_item_template (ZbStore     *self,
                                                        const char  *name,
                                                        GError     **error);
char       *zb_store_add_measure          (ZbStore       *self,
                                           ZbMeasure     *measure,
                                           GError       **error);
gboolean    zb_store_complete_measure     (ZbStore       *self,
                                           const char    *id,
                                           const char    *date,
                                           const char    *note,
                                           GError       **error);
GListModel *zb_store_list_measures        (ZbStore       *self,
                                           const char    *meeting_id,
                                           GError       **error);
GListModel *zb_store_list_measures_all    (ZbStore       *self,
                                           GError       **error);
GListModel *zb_store_list_open_measures   (ZbStore       *self,
                                           GError       **error);
GListModel *zb_store_list_carried_measures (ZbStore      *self,
                                            const char   *meeting_id,
                                            GError      **error);

/* Whom the first item's leader and speakers may be linked to (zb-store-links.c). */
GListModel *zb_store_list_people          (ZbStore       *self,
                                           const char    *meeting_id,
                                           GError       **error);

/* Rows of the minutes removed by mistake, and brought back (zb-store-edits.c). */
gboolean    zb_store_delete_measure       (ZbStore       *self,
                                           const char    *id,
                                           GError       **error);
gboolean    zb_store_restore_measure      (ZbStore       *self,
                                           const char    *id,
                                           GError       **error);

/* Finalised records and their hash chains. */
gboolean    zb_store_finalize_meeting     (ZbStore       *self,
                                           const char    *meeting_id,
                                           GError       **error);
char       *zb_store_add_addendum         (ZbStore       *self,
                                           const char    *meeting_id,
                                           const char    *text,
                                           GError       **error);
ZbSnapshot *zb_store_get_snapshot         (ZbStore       *self,
                                           const char    *meeting_id,
                                           GError       **error);
gboolean    zb_store_verify               (ZbStore       *self,
                                           guint         *n_records,
                                           guint         *n_chains,
                                           GError       **error);

/* The committee's review of finalised records (zb-store-reviews.c), as
 * the server sent it: the latest decision on a record. */
typedef struct
{
  char     *meeting_id;
  char     *meeting_title;
  char     *meeting_date;
  char     *decision;     /* "approved" (审核通过) or "returned" (退回) */
  char     *comment;      /* NULL for an approval without one */
  char     *reviewer;     /* the committee account that decided */
  char     *decided_at;   /* the server's time, ISO 8601 UTC */
  gboolean  answered;     /* returned, and an addendum added since */
} ZbReview;

void        zb_review_free                (ZbReview      *review);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (ZbReview, zb_review_free)

ZbReview   *zb_store_get_review           (ZbStore       *self,
                                           const char    *meeting_id,
                                           GError       **error);
GPtrArray  *zb_store_list_sent_back       (ZbStore       *self,
                                           GError       **error);

/* The recruitment steps (zb-store-recruitment.c): each person's path into
 * the Party, S01-S25, and the member record it sets. */
typedef struct
{
  ZbMember  *member;
  GPtrArray *steps;         /* ZbRecruitStep, by date */
  GPtrArray *reports;       /* ZbThoughtReport, by date */
  char      *leaving_date;  /* expected to leave the unit (调离), or NULL */
} ZbRecruitFile;

void        zb_recruit_file_free          (ZbRecruitFile *file);
char       *zb_store_add_recruit_step     (ZbStore       *self,
                                           ZbRecruitStep *step,
                                           GError       **error);
gboolean    zb_store_remove_recruit_step  (ZbStore       *self,
                                           const char    *id,
                                           GError       **error);
gboolean    zb_store_restore_recruit_step (ZbStore       *self,
                                           const char    *id,
                                           GError       **error);
GListModel *zb_store_list_recruit_steps   (ZbStore       *self,
                                           const char    *person_id,
                                           GError       **error);
GPtrArray  *zb_store_list_recruit_files   (ZbStore       *self,
                                           GError       **error);
GListModel *zb_store_list_recruit_starters (ZbStore      *self,
                                            GError      **error);
char       *zb_store_add_thought_report   (ZbStore         *self,
                                           ZbThoughtReport *report,
                                           GError         **error);
gboolean    zb_store_remove_thought_report (ZbStore      *self,
                                            const char   *id,
                                            GError      **error);
gboolean    zb_store_restore_thought_report (ZbStore     *self,
                                             const char  *id,
                                             GError     **error);
GListModel *zb_store_list_thought_reports (ZbStore       *self,
                                           const char    *person_id,
                                           GError       **error);
gboolean    zb_store_set_leaving_date     (ZbStore       *self,
                                           const char    *person_id,
                                           const char    *date,
                                           GError       **error);
gboolean    zb_store_get_leaving_date     (ZbStore       *self,
                                           const char    *person_id,
                                           char         **date,
                                           GError       **error);
GPtrArray  *zb_store_recruit_issues       (ZbStore       *self,
                                           const char    *person_id,
                                           const GDate   *today,
                                           GError       **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ZbRecruitFile, zb_recruit_file_free)

/* Party dues (zb-store-dues.c): bases, reductions and waivers, payments,
 * and what the dues ledger reckons from them. */
gboolean    zb_store_set_dues_base        (ZbStore       *self,
                                           const char    *member_id,
                                           const char    *from_month,
                                           ZbDuesKind     kind,
                                           gint64         base_fen,
                                           GError       **error);
char       *zb_store_add_dues_reduction   (ZbStore       *self,
                                           const char    *member_id,
                                           const char    *month,
                                           gint64         due_fen,
                                           const char    *decided_date,
                                           const char    *approval_ref,
                                           const char    *reason,
                                           GError       **error);
GStrv       zb_store_add_dues_reductions  (ZbStore       *self,
                                           const char    *member_id,
                                           const char    *first_month,
                                           const char    *last_month,
                                           gint64         due_fen,
                                           const char    *decided_date,
                                           const char    *reason,
                                           GError       **error);
GListModel *zb_store_list_dues_reductions (ZbStore       *self,
                                           const char    *member_id,
                                           GError       **error);
gboolean    zb_store_approve_dues_reduction (ZbStore     *self,
                                             const char  *id,
                                             const char  *approval_ref,
                                             GError     **error);
char       *zb_store_record_dues_payment  (ZbStore       *self,
                                           ZbPayment     *payment,
                                           GPtrArray     *warnings,
                                           GError       **error);
GListModel *zb_store_list_dues_payments   (ZbStore       *self,
                                           const char    *member_id,
                                           GError       **error);
ZbPayment  *zb_store_get_dues_payment     (ZbStore       *self,
                                           const char    *id,
                                           GError       **error);
GListModel *zb_store_dues_ledger          (ZbStore       *self,
                                           const char    *member_id,
                                           const char    *until_month,
                                           GError       **error);
GListModel *zb_store_dues_arrears         (ZbStore       *self,
                                           const char    *month,
                                           GError       **error);
GListModel *zb_store_dues_base_review     (ZbStore       *self,
                                           guint          year,
                                           GError       **error);
gboolean    zb_store_confirm_dues_base    (ZbStore       *self,
                                           const char    *member_id,
                                           guint          year,
                                           GError       **error);

/* Study records and points (zb-store-study.c). */
char       *zb_store_add_study            (ZbStore       *self,
                                           ZbStudy       *study,
                                           GError       **error);
GListModel *zb_store_list_studies         (ZbStore       *self,
                                           const char    *member_id,
                                           guint          year,
                                           GError       **error);
gboolean    zb_store_remove_study         (ZbStore       *self,
                                           const char    *id,
                                           GError       **error);
gboolean    zb_store_get_points_rules     (ZbStore       *self,
                                           ZbPointsRules *rules,
                                           GError       **error);
gboolean    zb_store_set_points_rules     (ZbStore       *self,
                                           const ZbPointsRules *rules,
                                           GError       **error);
GListModel *zb_store_points               (ZbStore       *self,
                                           guint          year,
                                           GError       **error);

gboolean    zb_store_search_catch_up      (ZbStore       *self,
                                           GError       **error);
GListModel *zb_store_search               (ZbStore       *self,
                                           const char    *query,
                                           ZbSearchKinds  kinds,
                                           guint          limit,
                                           GError       **error);

/* The same, off the main thread, for the app. */
typedef gboolean (*ZbStoreCall) (ZbStore   *store,
                                 gpointer   data,
                                 GError   **error);

void        zb_store_call_async           (ZbStore             *self,
                                           ZbStoreCall          call,
                                           gpointer             data,
                                           GDestroyNotify       data_free,
                                           GCancellable        *cancellable,
                                           GAsyncReadyCallback  callback,
                                           gpointer             user_data);
gboolean    zb_store_call_finish          (ZbStore             *self,
                                           GAsyncResult        *result,
                                           GError             **error);
gpointer    zb_store_call_get_data        (GAsyncResult        *result);
void        zb_store_save_member_async    (ZbStore             *self,
                                           ZbMember            *member,
                                           GCancellable        *cancellable,
                                           GAsyncReadyCallback  callback,
                                           gpointer             user_data);
char       *zb_store_save_member_finish   (ZbStore             *self,
                                           GAsyncResult        *result,
                                           GError             **error);
void        zb_store_add_members_async    (ZbStore             *self,
                                           GPtrArray           *members,
                                           GCancellable        *cancellable,
                                           GAsyncReadyCallback  callback,
                                           gpointer             user_data);
gboolean    zb_store_add_members_finish   (ZbStore             *self,
                                           GAsyncResult        *result,
                                           GError             **error);
void        zb_store_search_async         (ZbStore             *self,
                                           const char          *query,
                                           ZbSearchKinds        kinds,
                                           guint                limit,
                                           GCancellable        *cancellable,
                                           GAsyncReadyCallback  callback,
                                           gpointer             user_data);
GListModel *zb_store_search_finish        (ZbStore             *self,
                                           GAsyncResult        *result,
                                           GError             **error);

G_END_DECLS
