#define G_LOG_DOMAIN "test-review"

#include "config.h"

#include <locale.h>
#include <string.h>

#include <libsoup/soup.h>

#include "zb-server-db-sqlite.h"
#include "zb-store-private.h"
#include "zb-test-engine.h"
#include "zb-test-server.h"
#include "zb-test-sync.h"
#include "zb-test-util.h"
#include "zb-test-web.h"

/* The committee's review of finalised records (issue 15), end to end: a
 * real zhibu-server process on loopback, branch PCs with real databases
 * synced by the real client, and a committee account speaking HTTP to the
 * pages as a browser does (cookies and forms by hand, redirects not
 * followed), on each storage engine. */

#define BRANCH   "第一党支部"
#define OTHER    "第二党支部"
#define COMMENT  "第二项议题的决议未写明表决结果，请补充记录。"

typedef struct
{
  char              *dir;
  ZbTestServerPlace *place;
  ZbTestServer      *server;
  SoupSession       *session;
  char              *branch_id;
  char              *pc_path;
  char              *passphrase_file;
  ZbStore           *store;
  ZbSyncClient      *client;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autofree char *server_dir = NULL, *code = NULL, *branch = NULL;
  g_autoptr(ZbKey) key = zb_key_new_passphrase ("风雨同舟 2026");
  g_autoptr(GError) error = NULL;

  f->dir = zb_test_make_dir ();
  f->place = zb_test_server_place_new (data);
  server_dir = g_build_filename (f->dir, "server", NULL);
  f->server = zb_test_server_new (server_dir, zb_test_server_place_conninfo (f->place));
  f->branch_id = zb_test_server_add_branch (f->server, BRANCH);
  g_free (zb_test_server_add_branch (f->server, OTHER));
  zb_test_web_add_account (f->server, "wang");
  zb_test_web_admin_ok (f->server, "assign", "wang", BRANCH);
  zb_test_web_add_account (f->server, "li");
  zb_test_web_admin_ok (f->server, "assign", "li", OTHER);
  zb_test_server_start (f->server);
  f->session = soup_session_new ();

  /* The branch's PC. */
  /* zhibu-cli opens it too, with its passphrase. */
  f->pc_path = g_build_filename (f->dir, "pc.zhibu", NULL);
  f->passphrase_file = g_build_filename (f->dir, "passphrase", NULL);
  g_assert_true (g_file_set_contents (f->passphrase_file, "风雨同舟 2026\n", -1, NULL));
  code = zb_test_server_code (f->server, BRANCH, NULL);
  f->store = zb_store_create (f->pc_path, key, BRANCH, &error);
  g_assert_no_error (error);
  f->client = zb_test_sync_client (f->store, f->server->url, f->dir);
  branch = zb_test_sync_enrol (f->client, code, &error);
  g_assert_no_error (error);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_clear_object (&f->client);
  g_clear_object (&f->store);
  g_clear_object (&f->session);
  g_clear_pointer (&f->server, zb_test_server_free);
  g_clear_pointer (&f->place, zb_test_server_place_free);
  zb_test_remove_dir (f->dir);
  g_free (f->dir);
  g_free (f->branch_id);
  g_free (f->pc_path);
  g_free (f->passphrase_file);
}

static void
sync_ok (ZbSyncClient *client)
{
  g_autoptr(GError) error = NULL;
  ZbSyncStats stats = { 0 };

  zb_test_sync_round (client, &stats, &error);
  g_assert_no_error (error);
}

/* A lecture with a first item and an agenda item with its resolution,
 * finalised on the PC. */
static char *
finalised_lecture (ZbStore    *store,
                   const char *title,
                   const char *date,
                   gboolean    finalise)
{
  g_autofree char *chair = zb_test_add_member (store, "王书记", 4300 + (guint) date[9]);
  g_autoptr(ZbMeeting) meeting = zb_meeting_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *sql = NULL;
  char *id;

  zb_meeting_set_type_code (meeting, "lecture");
  zb_meeting_set_title (meeting, title);
  zb_meeting_set_date (meeting, date);
  zb_meeting_set_place (meeting, "三楼会议室");
  zb_meeting_set_chair_id (meeting, chair);
  zb_meeting_set_recorder_id (meeting, chair);
  id = zb_store_add_meeting (store, meeting, &error);
  g_assert_no_error (error);
  zb_store_set_attendance (store, id, chair, "present", NULL, &error);
  g_assert_no_error (error);
  sql = g_strdup_printf ("INSERT INTO first_items (id, meeting_id, topic, leader) VALUES "
                         "('first-%s', '%s', '学习新修订的党章', '王书记');"
                         "INSERT INTO agenda_items (id, meeting_id, position, title, resolution) "
                         "VALUES ('item-%s', '%s', 1, '讨论年度学习计划', '通过年度学习计划')",
                         id, id, id, id);
  zb_test_sql_exec (store, sql);
  if (finalise)
    {
      zb_store_finalize_meeting (store, id, &error);
      g_assert_no_error (error);
    }
  return id;
}

static char *
record_path (Fixture    *f,
             const char *meeting)
{
  return g_strdup_printf ("/committee/branch/%s/record/%s", f->branch_id, meeting);
}

/* A page kept beside the GUI tests' screenshots, to be looked at in a
 * browser as the committee sees it. */
static void
keep_page (const char *name,
           const char *html)
{
  const char *dir = g_getenv ("ZHIBU_SCREENSHOT_DIR");
  g_autofree char *path = g_build_filename (dir ? dir : "screenshots", name, NULL);

  g_mkdir_with_parents (dir ? dir : "screenshots", 0755);
  g_assert_true (g_file_set_contents (path, html, -1, NULL));
}

/* The server's own database, as another process opens it. */
static char *
server_value (Fixture    *f,
              const char *sql)
{
  g_autofree char *key_path = g_build_filename (f->server->data, "server.key", NULL);
  g_autofree char *db_path = g_build_filename (f->server->data, "server.db", NULL);
  g_autofree char *hex = NULL;
  g_autoptr(ZbKey) key = NULL;
  g_autoptr(ZbServerDb) db = NULL;
  g_autoptr(GError) error = NULL;
  char *value;

  if (f->server->postgres != NULL)
    db = zb_test_server_place_open (f->place, &error);
  else
    {
      g_assert_true (g_file_get_contents (key_path, &hex, NULL, &error));
      key = zb_key_new_raw_hex (g_strstrip (hex), &error);
      g_assert_no_error (error);
      db = zb_server_db_sqlite_open (db_path, key, &error);
    }
  g_assert_no_error (error);
  value = zb_server_db_query_value (db, sql, NULL, 0, &error);
  g_assert_no_error (error);
  return value;
}

static char *
n_decisions (Fixture *f)
{
  return server_value (f, "SELECT count(*) FROM record_reviews");
}

/* The decision form as the record's page gives it, posted with the page's
 * own token, or @csrf instead when it is not NULL (""): none at all. */
static ZbTestWebReply *
decide (Fixture    *f,
        const char *cookie,
        const char *meeting,
        const char *decision,
        const char *comment,
        const char *csrf)
{
  g_autofree char *path = record_path (f, meeting);
  g_autoptr(ZbTestWebReply) page = zb_test_web_http (f->session, f->server, "GET", path,
                                                     cookie, NULL);
  g_autofree char *token = NULL, *body = NULL;

  g_assert_cmpuint (page->status, ==, 200);
  token = csrf ? g_strdup (csrf) : zb_test_web_page_csrf (page->body);
  body = zb_test_web_encode ("csrf", *token ? token : NULL, "decision", decision, "comment",
                             comment, NULL);
  return zb_test_web_http (f->session, f->server, "POST", path, cookie, body);
}

/* The end to end run: a finalised record synced, sent back over HTTP with
 * the form (cookie and CSRF token), and the comment in the PC's database
 * after its next sync; the branch answers with an addendum and the record
 * leaves the list; a later approval supersedes the decision. */
static void
test_send_back (Fixture       *f,
                gconstpointer  data)
{
  g_autofree char *meeting = finalised_lecture (f->store, "专题党课：学习党章", "2026-03-12",
                                                TRUE);
  g_autofree char *cookie = NULL, *branch_path = NULL, *path = NULL, *count = NULL;
  g_autofree char *addendum = NULL;
  g_autoptr(ZbTestWebReply) branch = NULL, record = NULL, refused = NULL, empty = NULL, sent = NULL;
  g_autoptr(ZbTestWebReply) after = NULL, approved = NULL;
  g_autoptr(ZbReview) review = NULL, later = NULL;
  g_autoptr(GPtrArray) list = NULL, answered = NULL;
  g_autoptr(GError) error = NULL;
  ZbTestRun run = { 0 };

  sync_ok (f->client);
  cookie = zb_test_web_login (f->session, f->server, "wang");
  branch_path = g_strconcat ("/committee/branch/", f->branch_id, NULL);
  branch = zb_test_web_http (f->session, f->server, "GET", branch_path, cookie, NULL);
  g_assert_cmpuint (branch->status, ==, 200);
  g_assert_nonnull (strstr (branch->body, "专题党课：学习党章"));
  g_assert_nonnull (strstr (branch->body, "待审核"));
  g_assert_nonnull (strstr (branch->body, "完整"));

  path = record_path (f, meeting);
  record = zb_test_web_http (f->session, f->server, "GET", path, cookie, NULL);
  g_assert_cmpuint (record->status, ==, 200);
  g_assert_nonnull (strstr (record->body, "专题党课：学习党章"));
  g_assert_nonnull (strstr (record->body, "2026-03-12"));
  g_assert_nonnull (strstr (record->body, "学习新修订的党章"));
  g_assert_nonnull (strstr (record->body, "通过年度学习计划"));
  g_assert_nonnull (strstr (record->body, "王书记"));
  g_assert_nonnull (strstr (record->body, "退回"));
  g_assert_null (strstr (record->body, "<script"));

  /* Without the session's token nothing changes; nor with a wrong one. */
  refused = decide (f, cookie, meeting, "returned", COMMENT, "");
  g_assert_cmpuint (refused->status, ==, 403);
  g_clear_pointer (&refused, zb_test_web_reply_free);
  refused = decide (f, cookie, meeting, "returned", COMMENT, "not-the-token");
  g_assert_cmpuint (refused->status, ==, 403);
  count = n_decisions (f);
  g_assert_cmpstr (count, ==, "0");
  g_clear_pointer (&count, g_free);
  /* Sending back needs a comment. */
  empty = decide (f, cookie, meeting, "returned", "  ", NULL);
  g_assert_cmpuint (empty->status, ==, 400);
  count = n_decisions (f);
  g_assert_cmpstr (count, ==, "0");
  g_clear_pointer (&count, g_free);

  sent = decide (f, cookie, meeting, "returned", COMMENT, NULL);
  g_assert_cmpuint (sent->status, ==, 303);
  g_assert_cmpstr (sent->location, ==, path);
  after = zb_test_web_http (f->session, f->server, "GET", path, cookie, NULL);
  g_assert_nonnull (strstr (after->body, COMMENT));
  g_assert_nonnull (strstr (after->body, "已退回"));
  keep_page ("review-record.html", after->body);
  g_clear_pointer (&branch, zb_test_web_reply_free);
  branch = zb_test_web_http (f->session, f->server, "GET", branch_path, cookie, NULL);
  g_assert_nonnull (strstr (branch->body, "已退回"));
  keep_page ("review-branch.html", branch->body);

  /* The PC's next sync holds the comment in its database. */
  sync_ok (f->client);
  review = zb_store_get_review (f->store, meeting, &error);
  g_assert_no_error (error);
  g_assert_nonnull (review);
  g_assert_cmpstr (review->decision, ==, "returned");
  g_assert_cmpstr (review->comment, ==, COMMENT);
  g_assert_cmpstr (review->reviewer, ==, "wang");
  g_assert_false (review->answered);
  list = zb_store_list_sent_back (f->store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (list->len, ==, 1);
  /* zhibu-cli shows it on the record, and lists the record as sent back. */
  zb_test_cli_run (&run, f->pc_path, f->passphrase_file, "meeting", "list", "--sent-back", NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_nonnull (strstr (run.out, meeting));
  g_assert_nonnull (strstr (run.out, COMMENT));
  zb_test_run_clear (&run);
  zb_test_cli_run (&run, f->pc_path, f->passphrase_file, "meeting", "show", meeting, "--format",
                   "json", NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_nonnull (strstr (run.out, "\"decision\" : \"returned\""));
  g_assert_nonnull (strstr (run.out, COMMENT));
  zb_test_run_clear (&run);
  /* Nothing of it goes back: the PC queued no op for the table. */
  g_assert_cmpint (zb_test_sql_int (f->store, "SELECT count(*) FROM sync_outbox WHERE "
                                              "table_name = 'meeting_reviews'"), ==, 0);

  /* The branch answers with an addendum: the record leaves the list.
   * created_at has whole seconds: the addendum comes a second later. */
  g_usleep (1100 * 1000);
  addendum = zb_store_add_addendum (f->store, meeting, "第二项议题以举手表决，全体通过。",
                                    &error);
  g_assert_no_error (error);
  answered = zb_store_list_sent_back (f->store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (answered->len, ==, 0);
  zb_test_cli_run (&run, f->pc_path, f->passphrase_file, "meeting", "list", "--sent-back", NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_null (strstr (run.out, meeting));
  zb_test_run_clear (&run);

  /* A later decision supersedes the first, on the server and on the PC. */
  approved = decide (f, cookie, meeting, "approved", NULL, NULL);
  g_assert_cmpuint (approved->status, ==, 303);
  sync_ok (f->client);
  later = zb_store_get_review (f->store, meeting, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (later->decision, ==, "approved");
  g_assert_null (later->comment);
  g_assert_cmpint (zb_test_sql_int (f->store, "SELECT count(*) FROM meeting_reviews"), ==, 1);
  count = n_decisions (f);
  g_assert_cmpstr (count, ==, "2");

  /* An account removed leaves its decisions, with its name. */
  zb_test_web_admin_ok (f->server, "remove", "wang", NULL);
  g_clear_pointer (&count, g_free);
  count = server_value (f, "SELECT count(*) FROM record_reviews WHERE account = 'wang'");
  g_assert_cmpstr (count, ==, "2");
}

/* An account sees only its branches (DOMAIN.md section 6): another's
 * record page and its form answer 403, and the form changes nothing. A
 * draft, or an unknown meeting, is no finalised record: 404. */
static void
test_other_branch (Fixture       *f,
                   gconstpointer  data)
{
  g_autofree char *meeting = finalised_lecture (f->store, "专题党课", "2026-03-13", TRUE);
  g_autofree char *draft = finalised_lecture (f->store, "支部党员大会", "2026-03-14", FALSE);
  g_autofree char *cookie = NULL, *mine = NULL, *path = NULL, *body = NULL, *csrf = NULL;
  g_autofree char *count = NULL, *draft_path = NULL;
  g_autoptr(ZbTestWebReply) page = NULL, post = NULL, home = NULL, missing = NULL, posted = NULL;

  sync_ok (f->client);
  cookie = zb_test_web_login (f->session, f->server, "li");
  path = record_path (f, meeting);
  page = zb_test_web_http (f->session, f->server, "GET", path, cookie, NULL);
  g_assert_cmpuint (page->status, ==, 403);
  g_assert_null (strstr (page->body, "专题党课"));

  home = zb_test_web_http (f->session, f->server, "GET", "/committee/", cookie, NULL);
  csrf = zb_test_web_page_csrf (home->body);
  body = zb_test_web_encode ("csrf", csrf, "decision", "returned", "comment", COMMENT, NULL);
  post = zb_test_web_http (f->session, f->server, "POST", path, cookie, body);
  g_assert_cmpuint (post->status, ==, 403);
  count = n_decisions (f);
  g_assert_cmpstr (count, ==, "0");

  /* Without a session at all: the sign-in form, or a refused form. */
  g_clear_pointer (&page, zb_test_web_reply_free);
  page = zb_test_web_http (f->session, f->server, "GET", path, NULL, NULL);
  g_assert_cmpuint (page->status, ==, 303);
  g_clear_pointer (&post, zb_test_web_reply_free);
  post = zb_test_web_http (f->session, f->server, "POST", path, NULL, body);
  g_assert_cmpuint (post->status, ==, 403);

  mine = zb_test_web_login (f->session, f->server, "wang");
  draft_path = record_path (f, draft);
  missing = zb_test_web_http (f->session, f->server, "GET", draft_path, mine, NULL);
  g_assert_cmpuint (missing->status, ==, 404);
  g_clear_pointer (&home, zb_test_web_reply_free);
  home = zb_test_web_http (f->session, f->server, "GET", "/committee/", mine, NULL);
  g_clear_pointer (&csrf, g_free);
  csrf = zb_test_web_page_csrf (home->body);
  g_clear_pointer (&body, g_free);
  body = zb_test_web_encode ("csrf", csrf, "decision", "approved", NULL);
  posted = zb_test_web_http (f->session, f->server, "POST", draft_path, mine, body);
  g_assert_cmpuint (posted->status, ==, 404);
  g_clear_pointer (&count, g_free);
  count = n_decisions (f);
  g_assert_cmpstr (count, ==, "0");
}

/* PCs receive the reviews and cannot change them: the server refuses a
 * push that writes the table (a push made by hand, with the PC's own
 * token), and the PC's database refuses a local write. */
static void
test_read_only (Fixture       *f,
                gconstpointer  data)
{
  g_autofree char *meeting = finalised_lecture (f->store, "专题党课", "2026-03-15", TRUE);
  g_autofree char *cookie = NULL, *token_path = NULL, *token = NULL, *url = NULL, *json = NULL;
  g_autofree char *stored = NULL, *auth = NULL, *sql = NULL;
  g_autoptr(ZbTestWebReply) sent = NULL;
  g_autoptr(SoupMessage) msg = NULL;
  g_autoptr(GBytes) answer = NULL, request = NULL;
  g_autoptr(GError) error = NULL;
  sqlite3 *db;

  sync_ok (f->client);
  cookie = zb_test_web_login (f->session, f->server, "wang");
  sent = decide (f, cookie, meeting, "returned", COMMENT, NULL);
  g_assert_cmpuint (sent->status, ==, 303);

  token_path = g_strdup_printf ("%s/%s.token", f->dir, zb_store_get_device_id (f->store));
  g_assert_true (g_file_get_contents (token_path, &token, NULL, &error));
  g_strstrip (token);
  json = g_strdup_printf ("{\"protocol\": 1, \"device_id\": \"%s\", \"ops\": [{\"op_id\": 900000, "
                          "\"table\": \"meeting_reviews\", \"row_id\": \"%s\", \"op\": \"update\", "
                          "\"base_revision\": 0, \"fields\": {\"decision\": \"approved\", "
                          "\"comment\": null}}]}", zb_store_get_device_id (f->store), meeting);
  url = g_strconcat (f->server->url, "v1/push", NULL);
  msg = soup_message_new ("POST", url);
  auth = g_strconcat ("Bearer ", token, NULL);
  soup_message_headers_replace (soup_message_get_request_headers (msg), "Authorization", auth);
  request = g_bytes_new (json, strlen (json));
  soup_message_set_request_body_from_bytes (msg, "application/json", request);
  answer = soup_session_send_and_read (f->session, msg, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (soup_message_get_status (msg), ==, 200);
  g_assert_nonnull (strstr (g_bytes_get_data (answer, NULL), "\"rejected\""));
  g_assert_nonnull (strstr (g_bytes_get_data (answer, NULL), "\"server_owned\""));
  stored = server_value (f, "SELECT fields FROM sync_rows WHERE table_name = 'meeting_reviews'");
  g_assert_nonnull (strstr (stored, "\"returned\""));

  /* The PC's copy, pulled, refuses a write of its own. */
  sync_ok (f->client);
  db = zb_store_begin_write (f->store, &error);
  g_assert_no_error (error);
  sql = g_strdup_printf ("UPDATE meeting_reviews SET decision = 'approved' WHERE id = '%s'",
                         meeting);
  g_assert_false (zb_sql_exec (db, sql, &error));
  g_assert_nonnull (strstr (error->message, "only the committee"));
  g_clear_error (&error);
  g_assert_false (zb_sql_exec (db, "DELETE FROM meeting_reviews", &error));
  g_clear_error (&error);
  g_assert_false (zb_sql_exec (db, "INSERT INTO meeting_reviews (id, meeting_id, decision, "
                                   "reviewer, decided_at) VALUES ('x', 'x', 'approved', 'me', "
                                   "'2026-01-01T00:00:00Z')", &error));
  g_clear_error (&error);
  zb_store_rollback_write (f->store);
  g_assert_cmpint (zb_test_sql_int (f->store, "SELECT count(*) FROM meeting_reviews WHERE "
                                              "decision = 'returned'"), ==, 1);
}

/* A PC of schema 13, which has no such table, skips the reviews and
 * passes them; once upgraded it pulls them again (PROTOCOL.md 7.4, 7.5). */
static void
test_old_pc (Fixture       *f,
             gconstpointer  data)
{
  g_autofree char *meeting = finalised_lecture (f->store, "专题党课", "2026-03-16", TRUE);
  g_autofree char *cookie = NULL, *path = NULL, *code = NULL, *branch = NULL;
  g_autoptr(ZbKey) key = zb_key_new_random (NULL);
  g_autoptr(ZbStore) old = NULL;
  g_autoptr(ZbSyncClient) client = NULL;
  g_autoptr(ZbTestWebReply) sent = NULL;
  g_autoptr(ZbReview) review = NULL;
  g_autoptr(GError) error = NULL;

  sync_ok (f->client);
  cookie = zb_test_web_login (f->session, f->server, "wang");
  sent = decide (f, cookie, meeting, "returned", COMMENT, NULL);
  g_assert_cmpuint (sent->status, ==, 303);

  path = g_build_filename (f->dir, "old.zhibu", NULL);
  code = zb_test_server_code (f->server, BRANCH, NULL);
  old = zb_store_create_at_version (path, key, BRANCH, 13, &error);
  g_assert_no_error (error);
  client = zb_test_sync_client (old, f->server->url, f->dir);
  branch = zb_test_sync_enrol (client, code, &error);
  g_assert_no_error (error);
  sync_ok (client);
  g_assert_cmpint (zb_test_sql_int (old, "SELECT count(*) FROM meetings WHERE finalized_at "
                                         "IS NOT NULL"), ==, 1);
  g_assert_cmpint (zb_test_sql_int (old, "SELECT count(*) FROM sqlite_master WHERE name = "
                                         "'meeting_reviews'"), ==, 0);
  g_clear_object (&client);
  g_clear_object (&old);

  old = zb_store_open (path, key, &error);
  g_assert_no_error (error);
  client = zb_test_sync_client (old, f->server->url, f->dir);
  sync_ok (client);
  review = zb_store_get_review (old, meeting, &error);
  g_assert_no_error (error);
  g_assert_nonnull (review);
  g_assert_cmpstr (review->comment, ==, COMMENT);
  g_assert_cmpint (zb_test_sql_int (old, "SELECT resync_until FROM sync_state"), ==, 0);
}

/* A finalised record whose hash does not verify is refused, and the
 * branch's page flags the break; with none, the chain is intact. */
static void
test_chain_break (Fixture       *f,
                  gconstpointer  data)
{
  g_autofree char *meeting = finalised_lecture (f->store, "专题党课", "2026-03-17", TRUE);
  g_autofree char *sql = NULL, *cookie = NULL, *branch_path = NULL, *count = NULL;
  g_autoptr(ZbTestWebReply) page = NULL;

  /* Changed after it was hashed, before it left the PC. */
  sql = g_strdup_printf ("UPDATE meetings SET chain_hash = '%064d' WHERE id = '%s'", 0, meeting);
  zb_test_sql_exec (f->store, sql);
  sync_ok (f->client);
  count = server_value (f, "SELECT count(*) FROM chain_breaks");
  g_assert_cmpstr (count, ==, "1");

  cookie = zb_test_web_login (f->session, f->server, "wang");
  branch_path = g_strconcat ("/committee/branch/", f->branch_id, NULL);
  page = zb_test_web_http (f->session, f->server, "GET", branch_path, cookie, NULL);
  g_assert_cmpuint (page->status, ==, 200);
  g_assert_nonnull (strstr (page->body, "断裂"));
  g_assert_nonnull (strstr (page->body, meeting));
  g_assert_null (strstr (page->body, "完整"));
}

int
main (int   argc,
      char *argv[])
{
  /* The pages' own default, Chinese, rather than the tests' LANGUAGE=C. */
  g_unsetenv ("LANGUAGE");
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);

  for (const char * const *engine = zb_test_server_engines (); *engine; engine++)
    {
#define ADD(name, func) \
      { \
        g_autofree char *path = g_strdup_printf ("/review/%s/%s", *engine, name); \
        g_test_add (path, Fixture, *engine, fixture_set_up, func, fixture_tear_down); \
      }

      ADD ("send-back", test_send_back);
      ADD ("other-branch", test_other_branch);
      ADD ("read-only", test_read_only);
      ADD ("old-pc", test_old_pc);
      ADD ("chain-break", test_chain_break);
#undef ADD
    }

  return g_test_run ();
}
