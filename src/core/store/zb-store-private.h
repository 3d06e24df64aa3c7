/* zb-store-private.h: what the store's own files and the tests share
 *
 * Copyright 2026 The Zhibu authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "zb-dues-ledger.h"
#include "zb-member-standing.h"
#include "zb-migrations.h"
#include "zb-pinyin.h"
#include "zb-sql.h"
#include "zb-store.h"

G_BEGIN_DECLS

struct _ZbStore
{
  GObject   parent_instance;

  char     *path;
  char     *uuid;
  char     *branch_name;
  GPtrArray *former_names;   /* renamed from, kept: see zb_store_set_branch_details() */
  char     *device_id;
  ZbKey    *key;
  guint     schema_version;

  /* The write connection belongs to whichever thread holds write_lock, one
   * transaction at a time; the read connection to the main thread. */
  GMutex    write_lock;
  sqlite3  *writer;
  sqlite3  *reader;
  GThread  *reader_thread;   /* the one thread that reads through it */
  sqlite3_stmt *find_id_number;
};

ZbStore       *zb_store_create_at_version  (const char    *path,
                                            const ZbKey   *key,
                                            const char    *branch_name,
                                            guint          version,
                                            GError       **error);
ZbStore       *zb_store_open_at_version    (const char    *path,
                                            const ZbKey   *key,
                                            guint          version,
                                            GError       **error);
char          *zb_store_now                (void);
sqlite3       *zb_store_get_reader         (ZbStore       *self,
                                            GError       **error);
sqlite3       *zb_store_begin_read         (ZbStore       *self);
void           zb_store_end_read           (ZbStore       *self,
                                            sqlite3       *db);
/* A write transaction: every user action is one, and on any error it is
 * rolled back whole. Its writes say OR FAIL: with SQLite's default, ABORT,
 * a write to a table with triggers (each synced one) keeps a statement
 * journal to undo just that statement, and SQLCipher 3.4 encrypts every
 * page of it: half of what an edit encrypted (issue 14). OR FAIL also
 * reaches the statements of the triggers it fires; DELETE cannot say it. */
sqlite3       *zb_store_begin_write        (ZbStore       *self,
                                            GError       **error);
gboolean       zb_store_commit_write       (ZbStore       *self,
                                            GError       **error);
void           zb_store_rollback_write     (ZbStore       *self);

gboolean       zb_store_refuse             (GError       **error,
                                            const char    *message);

gboolean       zb_store_apply_cipher_settings (sqlite3     *db,
                                               const ZbKey *key,
                                               GError     **error);
sqlite3       *zb_sql_open                 (const char    *path,
                                            const ZbKey   *key,
                                            gboolean       create,
                                            GError       **error);
gboolean       zb_store_guard_limits       (sqlite3       *db,
                                            GError       **error);

typedef gboolean (*ZbWriteFunc) (sqlite3  *db,
                                 gpointer  data,
                                 GError  **error);

gboolean       zb_store_run_write          (ZbStore       *self,
                                            ZbWriteFunc    body,
                                            gpointer       data,
                                            GError       **error);
gboolean       zb_store_run_read           (ZbStore       *self,
                                            ZbWriteFunc    body,
                                            gpointer       data,
                                            GError       **error);

/* zb-store-name-keys.c: the roster's sort keys */
gboolean       zb_store_add_name_key_function  (sqlite3   *db,
                                                ZbPinyin  *pinyin,
                                                GError   **error);
gboolean       zb_store_name_keys_flush_locked (sqlite3   *db,
                                                GError   **error);
gboolean       zb_store_name_keys_refresh      (ZbStore   *self,
                                                GError   **error);

/* zb-store-meetings.c, zb-store-meeting-add.c */
#define ZB_MEETING_COLUMNS \
  "id, type, title, date, start_time, end_time, place, party_group, chair_id, recorder_id"

/* zb-store-meetings.c */
ZbMeeting     *zb_store_get_meeting_locked (sqlite3       *db,
                                            const char    *id,
                                            GError       **error);
gboolean       zb_store_check_not_final    (sqlite3       *db,
                                            const char    *meeting_id,
                                            GError       **error);
gboolean       zb_store_snapshot_load_locked  (sqlite3     *db,
                                               const char  *meeting_id,
                                               ZbSnapshot **snapshot,
                                               GError     **error);

/* zb-store-chain.c */
char          *zb_store_meeting_canonical_json (sqlite3   *db,
                                                const char *meeting_id,
                                                GError   **error);
char          *zb_store_chain_hash         (const char    *json,
                                            const char    *prev);

/* zb-store-attendance.c: the expected attendees of a meeting on its day */

/* Four columns of what the history says of the member m on day ?1: for
 * zb_store_history_from_row(), which reads them into a ZbMemberHistory. */
#define ZB_STORE_HISTORY_COLUMNS \
  "(SELECT h.status FROM member_status_history h WHERE h.member_id = m.id AND h.deleted = 0 " \
  "  AND h.date <= ?1 ORDER BY h.date DESC, h.rowid DESC LIMIT 1), " \
  "(SELECT count(*) FROM member_status_history h WHERE h.member_id = m.id AND h.deleted = 0), " \
  "(SELECT t.direction FROM member_transfers t WHERE t.member_id = m.id AND t.deleted = 0 " \
  "  AND t.date <= ?1 ORDER BY t.date DESC, t.rowid DESC LIMIT 1), " \
  "(SELECT t.direction FROM member_transfers t WHERE t.member_id = m.id AND t.deleted = 0 " \
  "  ORDER BY t.date, t.rowid LIMIT 1)"

void           zb_store_history_from_row   (ZbMember        *member,
                                            sqlite3_stmt    *stmt,
                                            int              column,
                                            const char      *day,
                                            ZbMemberHistory *history);
typedef struct
{
  ZbMember   *member;
  ZbStanding  standing;
} ZbExpected;

GPtrArray     *zb_store_expected_locked    (sqlite3       *db,
                                            ZbMeeting     *meeting,
                                            GError       **error);
ZbExpected    *zb_store_expected_find      (GPtrArray     *expected,
                                            const char    *member_id);
GHashTable    *zb_store_attendance_rows_locked (sqlite3   *db,
                                                const char *meeting_id,
                                                GError   **error);

/* zb-store-snapshot.c */
char          *zb_store_snapshot_build_locked (sqlite3     *db,
                                               ZbMeeting   *meeting,
                                               GError     **error);

/* zb-store-links.c */
gboolean       zb_store_check_person_link_locked (sqlite3    *db,
                                                  const char *meeting_id,
                                                  const char *person_id,
                                                  const char *field,
                                                  GError    **error);

/* zb-store-first-item.c */
ZbFirstItem   *zb_store_get_first_item_locked (sqlite3    *db,
                                               const char *meeting_id,
                                               GError    **error);
gboolean       zb_store_write_first_item   (sqlite3       *db,
                                            const char    *meeting_id,
                                            ZbFirstItem   *first,
                                            GError       **error);

/* zb-store-agenda.c */
gboolean       zb_store_check_item_not_final (sqlite3     *db,
                                              const char  *item_id,
                                              GError     **error);

/* zb-store-votes.c */
gboolean       zb_store_count_votes_locked (sqlite3       *db,
                                            const char    *item_id,
                                            ZbVoteCount   *count,
                                            GError       **error);
gboolean       zb_store_recount_vote       (sqlite3       *db,
                                            const char    *item_id,
                                            const char    *kind,
                                            gboolean       recorded_passed,
                                            GError       **error);

/* zb-store-sync.c: a pulled page is applied by @body inside one transaction
 * that also keeps its checkpoint, with the outbox triggers off. */
gboolean       zb_store_apply_remote       (ZbStore       *self,
                                            gint64         checkpoint,
                                            ZbWriteFunc    body,
                                            gpointer       data,
                                            GError       **error);
gboolean       zb_sync_begin_applying      (sqlite3       *db,
                                            GError       **error);
gboolean       zb_sync_end_applying        (sqlite3       *db,
                                            GError       **error);
gboolean       zb_sync_set_checkpoint_locked (sqlite3     *db,
                                              gint64       checkpoint,
                                              GError     **error);
gboolean       zb_sync_reject_locked       (sqlite3       *db,
                                            gint64         op_id,
                                            const char    *error_code,
                                            const char    *reason,
                                            const char    *fields,
                                            GError       **error);
gboolean       zb_sync_retire_row_locked   (sqlite3       *db,
                                            const char    *table,
                                            const char    *row_id,
                                            gboolean       remove,
                                            GError       **error);

/* zb-store-chain.c: after a pulled page, each other device's chain head. */
gboolean       zb_store_chain_record_heads_locked (sqlite3    *db,
                                                   const char *own_device_id,
                                                   GError    **error);

/* zb-store-dues.c */
GListModel    *zb_store_dues_arrears_locked (sqlite3      *db,
                                             ZbMonth       current,
                                             GError      **error);
gboolean       zb_store_dues_year_locked   (sqlite3      *db,
                                             guint         year,
                                             gint64        due[12],
                                             gint64        paid[12],
                                             gint64       *extra,
                                             GError      **error);

/* zb-store-recruitment.c */
GPtrArray     *zb_store_recruit_files_locked (sqlite3     *db,
                                              GError     **error);
guint          zb_store_recruit_roster_cb  (const char    *name,
                                            const char    *day,
                                            ZbStanding    *standing,
                                            gpointer       db);

/* zb-store-search.c */
gboolean       zb_store_search_flush_locked (sqlite3      *db,
                                             GError      **error);
gboolean       zb_store_search_flush_due_locked (sqlite3    *db,
                                                 GError    **error);
gboolean       zb_store_search_pending_locked (sqlite3    *db);
char          *zb_store_search_condition   (const char    *query,
                                            const char    *kind,
                                            const char    *alias,
                                            GPtrArray     *params);

/* zb-store-settings.c: the branch's thresholds, defaults where unset */
gboolean       zb_store_check_settings_locked (sqlite3         *db,
                                               ZbCheckSettings *settings,
                                               GError         **error);

/* zb-store-members.c */
ZbMember      *zb_store_get_member_locked  (sqlite3       *db,
                                            const char    *id,
                                            GError       **error);
gboolean       zb_store_update_member_locked (sqlite3     *db,
                                              ZbMember    *member,
                                              GError     **error);
ZbMember      *zb_store_member_from_row    (sqlite3_stmt  *stmt);
ZbMember      *zb_store_member_from_row_at (sqlite3_stmt  *stmt,
                                            int            first);
const char    *zb_store_member_columns     (void);
const char    *zb_store_member_insert_sql  (void);
char          *zb_store_member_columns_of  (const char    *table);

G_END_DECLS
