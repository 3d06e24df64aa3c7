/* zb-test-committee.c: a higher committee's branches, generated and synced
 *
 * Copyright 2026 The Zhibu authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "zb-test-committee"

#include "config.h"

#include "zb-demo.h"
#include "zb-test-committee.h"
#include "zb-test-util.h"

/* Branches as a committee's dashboard sees them: each a PC database of its
 * own, filled by the demo code and two years of meetings that differ from
 * branch to branch, synced to a real zhibu-server through the real client
 * (zhibu-cli enrol and sync). Branch n is named 第(n+1)党支部. */

static char *
add_chair (ZbStore *store)
{
  g_autofree char *idn = zb_test_id_number ("1975-06-01", TRUE, 77);
  g_autoptr(ZbMember) m = zb_test_member ("刘书记", idn, ZB_CATEGORY_FULL);
  g_autoptr(GError) error = NULL;
  char *id = zb_store_add_member (store, m, &error);

  g_assert_no_error (error);
  zb_store_add_committee_member (store, id, "书记", "2020-01-01", NULL, &error);
  g_assert_no_error (error);
  return id;
}

/* The first agenda item filled in, as finalising asks of the meetings that
 * open with one (DOMAIN.md section 3). */
static void
fill_first_item (ZbStore    *store,
                 const char *meeting_id)
{
  g_autoptr(ZbFirstItem) first = zb_first_item_new ();
  g_autoptr(GError) error = NULL;

  zb_first_item_set_topic (first, "学习主题");
  zb_first_item_set_form (first, "领学");
  zb_first_item_set_participants (first, "全体党员");
  zb_first_item_set_proceedings (first, "领学并交流研讨");
  zb_store_set_first_item (store, meeting_id, first, &error);
  g_assert_no_error (error);
}

/* A meeting chaired and recorded by @chair, finalised when @finalise. */
char *
zb_test_committee_meeting (ZbStore    *store,
                           const char *type,
                           const char *date,
                           const char *chair,
                           gboolean    finalise)
{
  g_autoptr(GError) error = NULL;
  char *id = zb_test_add_meeting (store, type, date, "会议", NULL);
  g_autoptr(ZbMeeting) m = zb_store_get_meeting (store, id, &error);

  g_assert_no_error (error);
  zb_meeting_set_chair_id (m, chair);
  zb_meeting_set_recorder_id (m, chair);
  g_assert_true (zb_store_update_meeting (store, m, &error));
  if (zb_meeting_type_lookup (zb_meeting_get_type_code (m))->first_item)
    fill_first_item (store, id);
  g_assert_no_error (error);
  if (finalise)
    zb_store_finalize_meeting (store, id, &error);
  g_assert_no_error (error);
  return id;
}

/* Branch @n in DIR/branch-N.zhibu (its path returned): generated members,
 * two years of meetings, some months missed, a third of them left as
 * drafts, first items at most, a measure at each committee meeting. */
char *
zb_test_committee_make_branch (const char *dir,
                               guint       n)
{
  g_autofree char *name = g_strdup_printf ("branch-%u.zhibu", n);
  g_autoptr(ZbStore) store = zb_test_new_store (dir, name);
  g_autoptr(GError) error = NULL;
  g_autofree char *chair = NULL;
  g_autofree char *branch = g_strdup_printf ("第%u党支部", n + 1);

  /* Named on the PC as on the server, as a real branch is. */
  zb_store_set_branch_details (store, branch, "机关党委", "刘书记", &error);
  g_assert_no_error (error);
  zb_demo_fill (store, 30 + 10 * n, 1000 + n, &error);
  g_assert_no_error (error);
  chair = add_chair (store);
  for (guint month = 0; month < ZB_TEST_COMMITTEE_MONTHS; month++)
    {
      g_autofree char *day = g_strdup_printf ("%u-%02u-%02u", 2025 + month / 12,
                                              month % 12 + 1, 5 + n);

      if ((month + n) % 5 != 0)
        g_free (zb_test_committee_meeting (store, "committee", day, chair,
                                           (month + n) % 3 != 0));
      if (month % 3 == 2 && (month + n) % 4 != 0)
        g_free (zb_test_committee_meeting (store, "general", day, chair, TRUE));
      if (month % 2 == n % 2)
        g_free (zb_test_committee_meeting (store, "theme-day", day, chair, month % 4 != 1));
    }
  zb_test_sql_exec (store,
                    "UPDATE first_items SET proceedings = '书记领学，交流研讨' "
                    "WHERE proceedings IS NULL;"
                    "INSERT INTO measures (id, meeting_id, text, owner, due_date, state, "
                    "  done_date) "
                    "SELECT 'ms-' || id, id, '组织专题学习', '张伟', date(date, '+30 days'), "
                    "  CASE WHEN rowid % 3 = 0 THEN 'done' ELSE 'open' END, "
                    "  CASE WHEN rowid % 3 = 0 THEN date(date, '+20 days') END "
                    "FROM meetings WHERE type = 'committee' AND finalized_at IS NULL;");
  return g_build_filename (dir, name, NULL);
}

/* zhibu-cli on @db, failing the test when it fails; its stdout into @out,
 * or dropped (never into the TAP stream). */
void
zb_test_committee_cli (const char  *db,
                       const char  *passphrase_file,
                       char       **out,
                       const char  *first,
                       ...)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *err = NULL;
  int status;
  va_list args;

  g_ptr_array_add (argv, (char *) g_getenv ("ZHIBU_CLI"));
  g_ptr_array_add (argv, "--db");
  g_ptr_array_add (argv, (char *) db);
  g_ptr_array_add (argv, "--passphrase-file");
  g_ptr_array_add (argv, (char *) passphrase_file);
  va_start (args, first);
  for (const char *arg = first; arg != NULL; arg = va_arg (args, const char *))
    g_ptr_array_add (argv, (char *) arg);
  va_end (args);
  g_ptr_array_add (argv, NULL);
  g_spawn_sync (NULL, (char **) argv->pdata, NULL,
                out != NULL ? G_SPAWN_DEFAULT : G_SPAWN_STDOUT_TO_DEV_NULL, NULL, NULL, out, &err,
                &status, &error);
  g_assert_no_error (error);
  if (!g_spawn_check_wait_status (status, NULL))
    g_error ("zhibu-cli %s: %s", first, err);
}

/* Branch @n's PC syncs through the real client, enrolling first (its token
 * beside the database). */
void
zb_test_committee_sync (ZbTestServer *server,
                        const char   *db,
                        const char   *passphrase_file,
                        guint         n)
{
  g_autofree char *token = g_strdup_printf ("%s.token", db);

  if (!g_file_test (token, G_FILE_TEST_EXISTS))
    {
      g_autofree char *branch = g_strdup_printf ("第%u党支部", n + 1);
      g_autofree char *code = zb_test_server_code (server, branch, NULL);

      zb_test_committee_cli (db, passphrase_file, NULL, "enrol", "--server", server->url,
                             "--code", code, "--token-file", token, NULL);
    }
  zb_test_committee_cli (db, passphrase_file, NULL, "sync", "--server", server->url,
                         "--token-file", token, NULL);
}
