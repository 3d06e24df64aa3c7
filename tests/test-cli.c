#define G_LOG_DOMAIN "test-cli"

#include "config.h"

#include <locale.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>

#include <glib/gstdio.h>
#include <json-glib/json-glib.h>

#include "zb-date.h"
#include "zb-demo.h"
#include "zb-key.h"
#include "zb-store-private.h"
#include "zb-member-csv.h"
#include "zb-store-private.h"
#include "zb-test-util.h"

typedef struct
{
  char *dir;
  char *db;
  char *passphrase_file;
} Fixture;


/* Runs zhibu-cli --db … --passphrase-file … ARGS and collects its output. */
static void
cli_run (Fixture    *f,
         ZbTestRun  *run,
         const char *first,
         ...)
{
  va_list args;

  va_start (args, first);
  zb_test_cli_run_va (run, f->db, f->passphrase_file, first, args);
  va_end (args);
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_auto(ZbTestRun) run = { 0 };

  f->dir = zb_test_make_dir ();
  f->db = g_build_filename (f->dir, "branch.zhibu", NULL);
  f->passphrase_file = g_build_filename (f->dir, "passphrase", NULL);
  g_file_set_contents (f->passphrase_file, "风雨同舟 2026\n", -1, NULL);

  cli_run (f, &run, "init", "--branch", "第一党支部", NULL);
  g_assert_cmpstr (run.err, ==, "");
  g_assert_cmpint (run.status, ==, 0);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  zb_test_remove_dir (f->dir);
  g_free (f->dir);
  g_free (f->db);
  g_free (f->passphrase_file);
}

static guint
count_lines (const char *text)
{
  guint n = 0;

  for (const char *p = text; *p; p++)
    n += *p == '\n';
  return n;
}

static char *
add_member (Fixture    *f,
            const char *name,
            const char *id_number)
{
  g_auto(ZbTestRun) run = { 0 };

  cli_run (f, &run, "member", "add", "--name", name, "--id-number", id_number,
           "--category", "full", "--joined", "2012-06-30", "--full-date", "2013-06-30",
           "--phone", "13912345678", "--party-group", "第一党小组", NULL);
  g_assert_cmpstr (run.err, ==, "");
  g_assert_cmpint (run.status, ==, 0);
  g_strchomp (run.out);
  g_assert_true (g_uuid_string_is_valid (run.out));
  return g_steal_pointer (&run.out);
}

static void
test_add_and_list (Fixture       *f,
                   gconstpointer  data)
{
  g_autofree char *idn = zb_test_id_number ("1988-08-08", FALSE, 21);
  g_autofree char *id = add_member (f, "刘芳", idn);
  g_auto(ZbTestRun) csv = { 0 };
  g_auto(ZbTestRun) csv_full = { 0 };
  g_auto(ZbTestRun) json = { 0 };
  g_auto(ZbTestRun) table = { 0 };
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  JsonObject *object;

  cli_run (f, &csv, "member", "list", "--format", "csv", NULL);
  g_assert_cmpint (csv.status, ==, 0);
  g_assert_true (g_str_has_prefix (csv.out, "id,name,"));
  g_assert_nonnull (strstr (csv.out, id));
  g_assert_nonnull (strstr (csv.out, "刘芳"));
  g_assert_null (strstr (csv.out, idn));
  g_assert_null (strstr (csv.out, "13912345678"));
  g_assert_cmpuint (count_lines (csv.out), ==, 2);
  /* The record ID is the first column. */
  g_assert_nonnull (strstr (csv.out, "\n"));
  g_assert_true (g_str_has_prefix (strchr (csv.out, '\n') + 1, id));

  cli_run (f, &csv_full, "member", "list", "--format", "csv", "--with-sensitive", NULL);
  g_assert_nonnull (strstr (csv_full.out, idn));
  g_assert_nonnull (strstr (csv_full.out, "13912345678"));

  cli_run (f, &json, "member", "list", "--format", "json", NULL);
  g_assert_cmpint (json.status, ==, 0);
  json_parser_load_from_data (parser, json.out, -1, &error);
  g_assert_no_error (error);
  g_assert_true (JSON_NODE_HOLDS_ARRAY (json_parser_get_root (parser)));
  object = json_array_get_object_element (json_node_get_array (json_parser_get_root (parser)), 0);
  g_assert_cmpstr (json_object_get_string_member (object, "id"), ==, id);
  g_assert_cmpstr (json_object_get_string_member (object, "name"), ==, "刘芳");
  g_assert_cmpstr (json_object_get_string_member (object, "birth_date"), ==, "1988-08-08");
  g_assert_cmpstr (json_object_get_string_member (object, "sex"), ==, "F");
  g_assert_cmpstr (json_object_get_string_member (object, "phone"), ==, "139****5678");

  cli_run (f, &table, "member", "list", NULL);
  g_assert_cmpint (table.status, ==, 0);
  g_assert_nonnull (strstr (table.out, "刘芳"));
  g_assert_nonnull (strstr (table.out, "110101********"));
}

static void
test_edit_show_archive (Fixture       *f,
                        gconstpointer  data)
{
  g_autofree char *idn = zb_test_id_number ("1975-01-15", TRUE, 2);
  g_autofree char *id = add_member (f, "周建国", idn);
  g_auto(ZbTestRun) edit = { 0 };
  g_auto(ZbTestRun) bad_edit = { 0 };
  g_auto(ZbTestRun) show = { 0 };
  g_auto(ZbTestRun) archive = { 0 };
  g_auto(ZbTestRun) list = { 0 };
  g_auto(ZbTestRun) list_all = { 0 };

  cli_run (f, &edit, "member", "edit", id, "--post", "车间主任", "--phone", "", NULL);
  g_assert_cmpint (edit.status, ==, 0);

  cli_run (f, &bad_edit, "member", "edit", id, "--full-date", "2012-01-01", NULL);
  g_assert_cmpint (bad_edit.status, ==, 1);
  g_assert_nonnull (strstr (bad_edit.err, "Date of full membership"));

  cli_run (f, &show, "member", "show", id, "--format", "json", NULL);
  g_assert_cmpint (show.status, ==, 0);
  g_assert_nonnull (strstr (show.out, "车间主任"));
  g_assert_nonnull (strstr (show.out, "\"phone\" : null"));
  g_assert_nonnull (strstr (show.out, "2013-06-30"));

  cli_run (f, &archive, "member", "archive", id, "--status", "deceased", "--date", "2026-05-01",
           NULL);
  g_assert_cmpint (archive.status, ==, 0);
  cli_run (f, &list, "member", "list", "--format", "csv", NULL);
  g_assert_cmpuint (count_lines (list.out), ==, 1);
  cli_run (f, &list_all, "member", "list", "--format", "csv", "--all", NULL);
  g_assert_cmpuint (count_lines (list_all.out), ==, 2);
  g_assert_nonnull (strstr (list_all.out, "deceased"));
}

static void
test_transfer (Fixture       *f,
               gconstpointer  data)
{
  g_autofree char *idn = zb_test_id_number ("1986-06-06", FALSE, 12);
  g_autofree char *id = add_member (f, "郑红", idn);
  g_auto(ZbTestRun) bad = { 0 };
  g_auto(ZbTestRun) out = { 0 };
  g_auto(ZbTestRun) show = { 0 };
  g_auto(ZbTestRun) list = { 0 };

  cli_run (f, &bad, "member", "transfer", id, "--out", "--date", "2026-13-01",
           "--organisation", "集团机关党委", NULL);
  g_assert_cmpint (bad.status, ==, 1);
  g_assert_nonnull (strstr (bad.err, "Transfer date"));
  g_assert_nonnull (strstr (bad.err, "year-month-day, such as 2015-07-01"));

  cli_run (f, &out, "member", "transfer", id, "--out", "--date", "2026/10/8",
           "--organisation", "集团机关党委", "--letter", "组转字〔2026〕18号", NULL);
  g_assert_cmpint (out.status, ==, 0);

  cli_run (f, &show, "member", "show", id, NULL);
  g_assert_nonnull (strstr (show.out, "Transferred out"));
  g_assert_nonnull (strstr (show.out, "组转字〔2026〕18号"));
  g_assert_nonnull (strstr (show.out, "2026-10-08"));
  cli_run (f, &list, "member", "list", "--format", "csv", NULL);
  g_assert_cmpuint (count_lines (list.out), ==, 1);
}

/* The committee's terms from the command line: added with a date as typed,
 * listed in each format, ended, removed; refusals name the field. */
static void
test_committee (Fixture       *f,
                gconstpointer  data)
{
  g_autofree char *idn1 = zb_test_id_number ("1984-04-04", TRUE, 41);
  g_autofree char *idn2 = zb_test_id_number ("1985-05-05", FALSE, 42);
  g_autofree char *secretary = add_member (f, "何伟", idn1);
  g_autofree char *organiser = add_member (f, "刘芳", idn2);
  g_auto(ZbTestRun) add = { 0 };
  g_auto(ZbTestRun) add2 = { 0 };
  g_auto(ZbTestRun) bad = { 0 };
  g_auto(ZbTestRun) usage = { 0 };
  g_auto(ZbTestRun) end = { 0 };
  g_auto(ZbTestRun) table = { 0 };
  g_auto(ZbTestRun) csv = { 0 };
  g_auto(ZbTestRun) json = { 0 };
  g_auto(ZbTestRun) removed = { 0 };
  g_auto(ZbTestRun) again = { 0 };
  g_auto(ZbTestRun) after = { 0 };
  g_autoptr(JsonNode) root = NULL;
  JsonObject *first;

  cli_run (f, &add, "committee", "add", secretary, "--role", "书记", "--from", "2024年1月15日",
           NULL);
  g_assert_cmpstr (add.err, ==, "");
  g_assert_cmpint (add.status, ==, 0);
  g_strchomp (add.out);
  g_assert_true (g_uuid_string_is_valid (add.out));
  cli_run (f, &add2, "committee", "add", organiser, "--role", "组织委员", "--from", "2024/1/15",
           NULL);
  g_assert_cmpint (add2.status, ==, 0);
  g_strchomp (add2.out);

  cli_run (f, &bad, "committee", "add", organiser, "--role", "宣传委员", "--from", "2024-01-15",
           "--to", "2023-01-01", NULL);
  g_assert_cmpint (bad.status, ==, 1);
  g_assert_nonnull (strstr (bad.err, "End of the term"));
  cli_run (f, &usage, "committee", "end", add2.out, NULL);
  g_assert_cmpint (usage.status, ==, 2);

  cli_run (f, &end, "committee", "end", add2.out, "--to", "2025.6.30", NULL);
  g_assert_cmpstr (end.err, ==, "");
  g_assert_cmpint (end.status, ==, 0);

  cli_run (f, &table, "committee", "list", NULL);
  g_assert_cmpint (table.status, ==, 0);
  g_assert_nonnull (strstr (table.out, "何伟  书记  2024-01-15 – \n"));
  g_assert_nonnull (strstr (table.out, "刘芳  组织委员  2024-01-15 – 2025-06-30\n"));
  g_assert_true (strstr (table.out, "何伟") < strstr (table.out, "刘芳"));

  cli_run (f, &csv, "committee", "list", "--format", "csv", NULL);
  g_assert_true (g_str_has_prefix (csv.out, "id,member_id,name,role,from,to\r\n") ||
                 g_str_has_prefix (csv.out, "id,member_id,name,role,from,to\n"));
  g_assert_nonnull (strstr (csv.out, "组织委员,2024-01-15,2025-06-30"));

  cli_run (f, &json, "committee", "list", "--format", "json", NULL);
  root = json_from_string (json.out, NULL);
  g_assert_nonnull (root);
  g_assert_cmpuint (json_array_get_length (json_node_get_array (root)), ==, 2);
  first = json_array_get_object_element (json_node_get_array (root), 0);
  g_assert_cmpstr (json_object_get_string_member (first, "id"), ==, add.out);
  g_assert_cmpstr (json_object_get_string_member (first, "role"), ==, "书记");
  g_assert_true (json_object_get_null_member (first, "to"));

  cli_run (f, &removed, "committee", "remove", add2.out, NULL);
  g_assert_cmpint (removed.status, ==, 0);
  cli_run (f, &again, "committee", "remove", add2.out, NULL);
  g_assert_cmpint (again.status, ==, 1);
  g_assert_nonnull (strstr (again.err, "No term on the committee"));
  cli_run (f, &after, "committee", "list", NULL);
  g_assert_null (strstr (after.out, "刘芳"));
}

static void
test_meeting (Fixture       *f,
              gconstpointer  data)
{
  g_autofree char *idn = zb_test_id_number ("1984-04-04", TRUE, 31);
  g_autofree char *member = add_member (f, "何伟", idn);
  g_auto(ZbTestRun) committee = { 0 };
  g_auto(ZbTestRun) add = { 0 };
  g_auto(ZbTestRun) bad = { 0 };
  g_auto(ZbTestRun) attend = { 0 };
  g_auto(ZbTestRun) guest = { 0 };
  g_auto(ZbTestRun) text = { 0 };
  g_auto(ZbTestRun) show = { 0 };
  g_auto(ZbTestRun) list = { 0 };

  cli_run (f, &committee, "committee", "add", member, "--role", "书记", "--from", "2026-01-01",
           NULL);
  g_assert_cmpint (committee.status, ==, 0);

  cli_run (f, &add, "meeting", "add", "--type", "committee", "--date", "2026-03-05",
           "--title", "三月支委会", "--chair", member, "--start", "14:30", NULL);
  g_assert_cmpint (add.status, ==, 0);
  g_strchomp (add.out);
  g_assert_true (g_uuid_string_is_valid (add.out));

  cli_run (f, &bad, "meeting", "add", "--type", "committee", "--date", "2026-03-05",
           "--title", "x", "--start", "25:00", NULL);
  g_assert_cmpint (bad.status, ==, 1);
  g_assert_nonnull (strstr (bad.err, "Time"));

  cli_run (f, &attend, "meeting", "attend", add.out, member, "leave", "--reason", "出差", NULL);
  g_assert_cmpint (attend.status, ==, 0);

  cli_run (f, &guest, "meeting", "guest", add.out, "--name", "王主任", "--affiliation",
           "上级党委组织部", NULL);
  g_assert_cmpint (guest.status, ==, 0);
  cli_run (f, &text, "meeting", "show", add.out, NULL);
  g_assert_nonnull (strstr (text.out, "王主任（上级党委组织部）"));

  cli_run (f, &show, "meeting", "show", add.out, "--format", "json", NULL);
  g_assert_cmpint (show.status, ==, 0);
  g_assert_nonnull (strstr (show.out, "\"何伟\""));
  g_assert_nonnull (strstr (show.out, "\"leave\""));
  g_assert_nonnull (strstr (show.out, "\"出差\""));

  cli_run (f, &list, "meeting", "list", "--format", "csv", NULL);
  g_assert_true (g_str_has_prefix (list.out, "id,type,date,"));
  g_assert_nonnull (strstr (list.out, "三月支委会"));
}

/* Runs zhibu-cli and gives its stdout, failing the test when it fails. */
static char *
cli_ok (Fixture    *f,
        const char *first,
        ...)
{
  g_auto(ZbTestRun) run = { 0 };
  va_list args;

  va_start (args, first);
  zb_test_cli_run_va (&run, f->db, f->passphrase_file, first, args);
  va_end (args);
  g_assert_cmpstr (run.err, ==, "");
  g_assert_cmpint (run.status, ==, 0);
  return g_strchomp (g_steal_pointer (&run.out));
}

/* What meeting show --format json holds at a path of object keys and array
 * indexes, such as "agenda_items/0/votes/yes". */
static JsonNode *
json_at (JsonNode   *root,
         const char *path)
{
  g_auto(GStrv) steps = g_strsplit (path, "/", -1);
  JsonNode *node = root;

  for (guint i = 0; steps[i] != NULL; i++)
    {
      if (JSON_NODE_HOLDS_ARRAY (node))
        node = json_array_get_element (json_node_get_array (node), atoi (steps[i]));
      else
        node = json_object_get_member (json_node_get_object (node), steps[i]);
      g_assert_nonnull (node);
    }

  return node;
}

/* meeting show, in text and JSON, shows everything recorded: details,
 * attendance, guests, the agenda with minutes, resolutions and votes, the
 * first item with its contributions, measures and addenda. */
static void
test_meeting_show (Fixture       *f,
                   gconstpointer  data)
{
  g_autofree char *idn1 = zb_test_id_number ("1980-01-01", TRUE, 82);
  g_autofree char *idn2 = zb_test_id_number ("1981-01-01", FALSE, 83);
  g_autofree char *idn3 = zb_test_id_number ("1982-01-01", TRUE, 84);
  g_autofree char *a = add_member (f, "韩梅", idn1);
  g_autofree char *b = add_member (f, "赵强", idn2);
  g_autofree char *c = add_member (f, "钱进", idn3);
  g_autofree char *meeting = NULL, *item = NULL, *voters = NULL, *vote = NULL, *measure = NULL;
  g_autofree char *unused = NULL, *addendum = NULL, *text = NULL, *json = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  g_auto(ZbTestRun) help = { 0 };
  JsonNode *root;
  const char *expected[] = {
    "三楼会议室", "14:30–16:00", "韩梅", "赵强", "钱进", "On leave", "出差",
    "王主任（上级党委组织部）", "学习贯彻会议精神", "书记领学", "张伟", "结合岗位谈体会",
    "讨论转正", "介绍考察情况", "同意按期转正", "2 for, 0 against, 0 abstaining; passed",
    "落实学习计划", "2026-07-31", "补记：表决结果应为全票通过。",
  };

  meeting = cli_ok (f, "meeting", "add", "--type", "general", "--date", "2026-06-20",
                    "--title", "第二季度党员大会", "--chair", a, "--recorder", b, "--place",
                    "三楼会议室", "--start", "14:30", "--end", "16:00", NULL);
  unused = cli_ok (f, "meeting", "attend", meeting, a, "present", NULL);
  g_clear_pointer (&unused, g_free);
  unused = cli_ok (f, "meeting", "attend", meeting, b, "present", NULL);
  g_clear_pointer (&unused, g_free);
  unused = cli_ok (f, "meeting", "attend", meeting, c, "leave", "--reason", "出差", NULL);
  g_clear_pointer (&unused, g_free);
  unused = cli_ok (f, "meeting", "guest", meeting, "--name", "王主任", "--affiliation",
                   "上级党委组织部", NULL);
  g_clear_pointer (&unused, g_free);
  item = cli_ok (f, "meeting", "item", "add", meeting, "--title", "讨论转正", "--minutes",
                 "介绍考察情况", "--resolution", "同意按期转正", NULL);
  voters = g_strjoin (",", a, b, NULL);
  vote = cli_ok (f, "meeting", "vote", item, "--kind", "full-membership", "--yes", voters,
                 "--passed", NULL);
  g_assert_cmpstr (vote, ==, "passed");
  unused = cli_ok (f, "first-item", "set", meeting, "--topic", "学习贯彻会议精神", "--form",
                   "领学", "--leader", "支部书记", "--participants", "全体党员",
                   "--proceedings", "书记领学，党员交流。", "--contribution",
                   "张伟：结合岗位谈体会。", NULL);
  g_clear_pointer (&unused, g_free);
  measure = cli_ok (f, "measure", "add", meeting, "--text", "落实学习计划", "--owner", "韩梅",
                    "--due", "2026-07-31", NULL);
  unused = cli_ok (f, "meeting", "finalize", meeting, NULL);
  g_clear_pointer (&unused, g_free);
  addendum = cli_ok (f, "meeting", "addendum", meeting, "--text", "补记：表决结果应为全票通过。",
                     NULL);

  /* Renamed after finalising: the record keeps the name of its day. */
  g_clear_pointer (&unused, g_free);
  unused = cli_ok (f, "member", "edit", a, "--name", "韩新名", NULL);

  text = cli_ok (f, "meeting", "show", meeting, NULL);
  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    if (strstr (text, expected[i]) == NULL)
      g_error ("meeting show lacks “%s”:\n%s", expected[i], text);
  g_assert_null (strstr (text, "韩新名"));

  json = cli_ok (f, "meeting", "show", meeting, "--format", "json", NULL);
  json_parser_load_from_data (parser, json, -1, &error);
  g_assert_no_error (error);
  root = json_parser_get_root (parser);
  g_assert_cmpstr (json_node_get_string (json_at (root, "place")), ==, "三楼会议室");
  g_assert_cmpstr (json_node_get_string (json_at (root, "chair")), ==, "韩梅");
  g_assert_cmpstr (json_node_get_string (json_at (root, "recorder")), ==, "赵强");
  g_assert_nonnull (json_node_get_string (json_at (root, "finalized_at")));
  g_assert_cmpuint (json_array_get_length (json_node_get_array (json_at (root, "attendees"))),
                    ==, 3);
  g_assert_cmpstr (json_node_get_string (json_at (root, "guests/0/affiliation")), ==,
                   "上级党委组织部");
  g_assert_cmpstr (json_node_get_string (json_at (root, "agenda_items/0/minutes")), ==,
                   "介绍考察情况");
  g_assert_cmpstr (json_node_get_string (json_at (root, "agenda_items/0/resolution")), ==,
                   "同意按期转正");
  g_assert_cmpstr (json_node_get_string (json_at (root, "agenda_items/0/vote_result")), ==,
                   "passed");
  g_assert_cmpint (json_node_get_int (json_at (root, "agenda_items/0/votes/yes")), ==, 2);
  g_assert_cmpint (json_node_get_int (json_at (root, "agenda_items/0/votes/no")), ==, 0);
  g_assert_cmpint (json_node_get_int (json_at (root, "agenda_items/0/votes/voting_expected")),
                   ==, 3);
  g_assert_cmpstr (json_node_get_string (json_at (root, "agenda_items/0/votes/ballots/0/name")),
                   !=, "韩新名");
  g_assert_null (strstr (json, "韩新名"));
  g_assert_cmpstr (json_node_get_string (json_at (root, "agenda_items/0/votes/ballots/0/choice")),
                   ==, "yes");
  g_assert_cmpstr (json_node_get_string (json_at (root, "first_item/topic")), ==,
                   "学习贯彻会议精神");
  g_assert_cmpstr (json_node_get_string (json_at (root, "first_item/contributions/0/speaker")),
                   ==, "张伟");
  g_assert_cmpstr (json_node_get_string (json_at (root, "measures/0/id")), ==, measure);
  g_assert_cmpstr (json_node_get_string (json_at (root, "addenda/0/id")), ==, addendum);
  g_assert_cmpstr (json_node_get_string (json_at (root, "addenda/0/agenda_items/0/minutes")),
                   ==, "补记：表决结果应为全票通过。");

  /* The addendum command is in the help. */
  cli_run (f, &help, "--help", NULL);
  g_assert_nonnull (strstr (help.out, "addendum"));
}

/* Runs zhibu-cli expecting a user error whose one line holds @message. */
static void
cli_refused (Fixture    *f,
             const char *message,
             const char *first,
             ...)
{
  g_auto(ZbTestRun) run = { 0 };
  va_list args;

  va_start (args, first);
  zb_test_cli_run_va (&run, f->db, f->passphrase_file, first, args);
  va_end (args);
  g_assert_cmpint (run.status, ==, 1);
  if (strstr (run.err, message) == NULL)
    g_error ("expected “%s”, got: %s", message, run.err);
}

/* What a meeting refuses, each with its message: attendance and signatures
 * before its day, a vote by a probationary member of that day, a vote given
 * twice, a vote on no such item. */
static void
test_meeting_refusals (Fixture       *f,
                       gconstpointer  data)
{
  g_autofree char *idn1 = zb_test_id_number ("1980-01-01", TRUE, 91);
  g_autofree char *idn2 = zb_test_id_number ("1990-01-01", FALSE, 92);
  g_autofree char *a = add_member (f, "周正", idn1);
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(GDateTime) later = g_date_time_add_days (now, 3);
  g_autofree char *ahead = g_date_time_format (later, "%Y-%m-%d");
  g_autofree char *planned = NULL, *held = NULL, *item = NULL, *p = NULL, *twice = NULL;
  g_auto(ZbTestRun) add_p = { 0 };

  cli_run (f, &add_p, "member", "add", "--name", "吴新", "--id-number", idn2, "--category",
           "probationary", "--joined", "2026-01-10", NULL);
  g_assert_cmpint (add_p.status, ==, 0);
  p = g_strstrip (g_steal_pointer (&add_p.out));

  planned = cli_ok (f, "meeting", "add", "--type", "lecture", "--date", ahead, "--title",
                    "下周党课", "--chair", a, "--recorder", a, NULL);
  cli_refused (f, "after today", "meeting", "attend", planned, a, "present", NULL);
  cli_refused (f, "after today", "meeting", "finalize", planned, NULL);

  held = cli_ok (f, "meeting", "add", "--type", "general", "--date", "2026-06-20", "--title",
                 "党员大会", NULL);
  item = cli_ok (f, "meeting", "item", "add", held, "--title", "讨论接收预备党员", NULL);
  cli_refused (f, "a probationary member has no vote", "meeting", "vote", item, "--kind",
               "admission", "--yes", p, NULL);
  twice = g_strjoin (",", a, a, NULL);
  cli_refused (f, "voted twice", "meeting", "vote", item, "--kind", "admission", "--yes",
               twice, NULL);
  cli_refused (f, "no agenda item has the ID", "meeting", "vote", "no-such-item", "--kind",
               "admission", "--yes", a, NULL);
}

/* An agenda item, a vote that holds, and a measure carried until done. */
static void
test_minutes (Fixture       *f,
              gconstpointer  data)
{
  g_autofree char *idn = zb_test_id_number ("1984-04-04", TRUE, 32);
  g_autofree char *member = add_member (f, "韩梅", idn);
  g_auto(ZbTestRun) meeting = { 0 };
  g_auto(ZbTestRun) attend = { 0 };
  g_auto(ZbTestRun) item = { 0 };
  g_auto(ZbTestRun) vote = { 0 };
  g_auto(ZbTestRun) measure = { 0 };
  g_auto(ZbTestRun) open1 = { 0 };
  g_auto(ZbTestRun) done = { 0 };
  g_auto(ZbTestRun) open2 = { 0 };

  cli_run (f, &meeting, "meeting", "add", "--type", "general", "--date", "2026-06-20",
           "--title", "第二季度党员大会", NULL);
  g_strchomp (meeting.out);
  cli_run (f, &attend, "meeting", "attend", meeting.out, member, "present", NULL);
  g_assert_cmpint (attend.status, ==, 0);

  cli_run (f, &item, "meeting", "item", "add", meeting.out, "--title", "讨论转正",
           "--resolution", "同意按期转正", NULL);
  g_assert_cmpint (item.status, ==, 0);
  g_strchomp (item.out);
  cli_run (f, &vote, "meeting", "vote", item.out, "--kind", "full-membership", "--yes", member,
           "--passed", NULL);
  g_assert_cmpstr (vote.err, ==, "");
  g_assert_cmpstr (vote.out, ==, "passed\n");

  cli_run (f, &measure, "measure", "add", meeting.out, "--text", "落实学习计划", "--owner",
           "韩梅", "--due", "2026-07-31", NULL);
  g_assert_cmpint (measure.status, ==, 0);
  g_strchomp (measure.out);
  cli_run (f, &open1, "measure", "list", "--open", "--format", "csv", NULL);
  g_assert_nonnull (strstr (open1.out, "落实学习计划"));
  cli_run (f, &done, "measure", "done", measure.out, "--note", "已完成", "--date", "2026-07-20",
           NULL);
  g_assert_cmpint (done.status, ==, 0);
  cli_run (f, &open2, "measure", "list", "--open", "--format", "csv", NULL);
  g_assert_null (strstr (open2.out, "落实学习计划"));
}

/* Changes a row behind the app's back, with SQLCipher's own shell. */
static void
tamper (Fixture    *f,
        const char *sql)
{
  g_autofree char *passphrase = NULL;
  g_autofree char *script = NULL;
  g_autofree char *script_path = g_build_filename (f->dir, "tamper.sql", NULL);
  g_autofree char *command = NULL;
  g_autofree char *err = NULL;
  g_autoptr(GError) error = NULL;
  int status = -1;

  g_file_get_contents (f->passphrase_file, &passphrase, NULL, NULL);
  g_strchomp (passphrase);
  script = g_strdup_printf ("PRAGMA key = '%s';\nPRAGMA cipher_page_size = 4096;\n"
                            "PRAGMA kdf_iter = 256000;\n%s\n", passphrase, sql);
  g_file_set_contents (script_path, script, -1, NULL);
  command = g_strdup_printf ("sh -c 'sqlcipher \"%s\" < \"%s\"'", f->db, script_path);
  g_spawn_command_line_sync (command, NULL, &err, &status, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (err, ==, "");
  g_assert_true (g_spawn_check_wait_status (status, NULL));
}

static char *
finalized_meeting (Fixture    *f,
                   const char *member,
                   const char *date)
{
  g_auto(ZbTestRun) add = { 0 };
  g_auto(ZbTestRun) attend = { 0 };
  g_auto(ZbTestRun) item = { 0 };
  g_auto(ZbTestRun) first = { 0 };
  g_auto(ZbTestRun) fin = { 0 };

  cli_run (f, &add, "meeting", "add", "--type", "general", "--date", date, "--title", "党员大会",
           "--chair", member, "--recorder", member, NULL);
  g_strchomp (add.out);
  cli_run (f, &attend, "meeting", "attend", add.out, member, "present", NULL);
  cli_run (f, &item, "meeting", "item", "add", add.out, "--title", "传达学习",
           "--resolution", "认真贯彻落实", NULL);
  cli_run (f, &first, "first-item", "set", add.out, "--topic", "学习主题", "--form", "传达",
           "--participants", "全体党员", "--proceedings", "书记传达，党员交流。", NULL);
  g_assert_cmpint (first.status, ==, 0);
  cli_run (f, &fin, "meeting", "finalize", add.out, NULL);
  g_assert_cmpstr (fin.err, ==, "");
  g_assert_cmpint (fin.status, ==, 0);
  return g_steal_pointer (&add.out);
}

/* verify passes on an untouched chain and fails, naming the record, once a
 * row is changed through sqlcipher directly. */
static void
test_verify (Fixture       *f,
             gconstpointer  data)
{
  g_autofree char *idn = zb_test_id_number ("1970-10-10", TRUE, 60);
  g_autofree char *member = add_member (f, "邓华", idn);
  g_autofree char *first = finalized_meeting (f, member, "2026-03-25");
  g_autofree char *second = finalized_meeting (f, member, "2026-06-25");
  g_autofree char *sql = NULL;
  g_auto(ZbTestRun) again = { 0 };
  g_auto(ZbTestRun) change = { 0 };
  g_auto(ZbTestRun) addendum = { 0 };
  g_auto(ZbTestRun) sign = { 0 };
  g_auto(ZbTestRun) ok = { 0 };
  g_auto(ZbTestRun) bad = { 0 };

  cli_run (f, &again, "meeting", "finalize", first, NULL);
  g_assert_cmpint (again.status, ==, 1);
  cli_run (f, &change, "meeting", "item", "add", first, "--title", "补记", NULL);
  g_assert_cmpint (change.status, ==, 1);
  g_assert_nonnull (strstr (change.err, "finalised"));

  /* The correction is a record of its own, signed and chained in turn. */
  cli_run (f, &addendum, "meeting", "addendum", first, "--text", "补记：表决结果应为全票通过。",
           NULL);
  g_assert_cmpstr (addendum.err, ==, "");
  g_assert_cmpint (addendum.status, ==, 0);
  cli_run (f, &sign, "meeting", "finalize", g_strchomp (addendum.out), NULL);
  g_assert_cmpstr (sign.err, ==, "");
  g_assert_cmpint (sign.status, ==, 0);

  cli_run (f, &ok, "verify", NULL);
  g_assert_cmpstr (ok.err, ==, "");
  g_assert_cmpint (ok.status, ==, 0);
  g_assert_nonnull (strstr (ok.out, "3 finalised records verified in 1 chain"));

  sql = g_strdup_printf ("UPDATE agenda_items SET resolution = '不予通过' "
                         "WHERE meeting_id = '%s';", first);
  tamper (f, sql);
  cli_run (f, &bad, "verify", NULL);
  g_assert_cmpint (bad.status, ==, 1);
  g_assert_nonnull (strstr (bad.err, first));
  g_assert_null (strstr (bad.err, second));
}

/* check --format json: a list of findings with the five keys. */
static void
test_check (Fixture       *f,
            gconstpointer  data)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  g_auto(ZbTestRun) add = { 0 };
  g_auto(ZbTestRun) check = { 0 };
  g_autofree char *idn = zb_test_id_number ("1975-03-03", TRUE, 80);
  g_autofree char *member = add_member (f, "高峰", idn);
  JsonArray *array;
  JsonObject *first;
  guint group_findings = 0;

  cli_run (f, &add, "meeting", "add", "--type", "committee", "--date", "2026-01-12",
           "--title", "一月支委会", NULL);
  cli_run (f, &check, "check", "--from", "2026-01-01", "--to", "2026-06-30", "--format", "json",
           NULL);
  g_assert_cmpint (check.status, ==, 0);
  json_parser_load_from_data (parser, check.out, -1, &error);
  g_assert_no_error (error);
  array = json_node_get_array (json_parser_get_root (parser));
  g_assert_cmpuint (json_array_get_length (array), >, 5);
  first = json_array_get_object_element (array, 0);
  g_assert_cmpstr (json_object_get_string_member (first, "rule"), ==, "meeting-frequency");
  g_assert_cmpstr (json_object_get_string_member (first, "severity"), ==, "warning");
  g_assert_true (json_object_has_member (first, "period"));
  g_assert_true (json_object_has_member (first, "subject"));
  g_assert_true (json_object_has_member (first, "message"));
  g_assert_nonnull (strstr (check.out, "\"2026-Q2\""));

  /* A group meeting's finding: the type in subject, the group beside it. */
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonObject *finding = json_array_get_object_element (array, i);

      g_assert_true (json_object_has_member (finding, "party_group"));
      g_assert_cmpstr (json_object_get_string_member (finding, "subject"), !=, "第一党小组");
      if (json_object_get_string_member (finding, "party_group") != NULL)
        {
          g_assert_cmpstr (json_object_get_string_member (finding, "subject"), ==, "group");
          g_assert_cmpstr (json_object_get_string_member (finding, "party_group"), ==,
                           "第一党小组");
          group_findings++;
        }
    }
  g_assert_cmpuint (group_findings, ==, 6);

  /* The JSON keeps "2026-Q2" as a key; people read the quarter in words. */
  {
    g_auto(GStrv) zh = g_environ_setenv (g_environ_setenv (g_get_environ (), "LANGUAGE",
                                                           "zh_CN", TRUE),
                                         "LC_ALL", "zh_CN.UTF-8", TRUE);
    g_auto(ZbTestRun) text = { 0 };
    g_auto(ZbTestRun) text_zh = { 0 };

    zb_test_cli_run_env (&text, NULL, f->db, "--passphrase-file", f->passphrase_file, "check",
                         "--from", "2026-01-01", "--to", "2026-06-30", NULL);
    g_assert_nonnull (strstr (text.out, "general meeting in Q2 2026"));
    zb_test_cli_run_env (&text_zh, zh, f->db, "--passphrase-file", f->passphrase_file, "check",
                         "--from", "2026-01-01", "--to", "2026-06-30", NULL);
    g_assert_nonnull (strstr (text_zh.out, "2026年第二季度没有召开支部党员大会"));
    g_assert_nonnull (strstr (text_zh.out, "2026年3月"));
    g_assert_null (strstr (text_zh.out, "Q2"));
  }
}

/* The severity of check's absence finding for May 2026, "" for none. */
static char *
absence_in_may (Fixture *f)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *out = cli_ok (f, "check", "--from", "2026-05-01", "--to", "2026-05-31",
                                 "--format", "json", NULL);
  JsonArray *array;

  json_parser_load_from_data (parser, out, -1, &error);
  g_assert_no_error (error);
  array = json_node_get_array (json_parser_get_root (parser));
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonObject *finding = json_array_get_object_element (array, i);

      if (g_str_equal (json_object_get_string_member (finding, "rule"), "absence"))
        return g_strdup (json_object_get_string_member (finding, "severity"));
    }
  return g_strdup ("");
}

/* settings get|set: the branch's settings in its database, each value
 * validated with an error naming its key, and check judging by them. */
static void
test_settings (Fixture       *f,
               gconstpointer  data)
{
  g_autofree char *idn = zb_test_id_number ("1980-04-04", FALSE, 90);
  g_autofree char *member = add_member (f, "赵敏", idn);
  g_autofree char *all = cli_ok (f, "settings", "get", NULL);
  g_autofree char *january = cli_ok (f, "meeting", "add", "--type", "lecture", "--date",
                                     "2026-01-20", "--title", "一月党课", NULL);
  g_autofree char *february = cli_ok (f, "meeting", "add", "--type", "lecture", "--date",
                                      "2026-02-20", "--title", "二月党课", NULL);
  g_autofree char *severity = NULL, *set = NULL, *one = NULL, *after = NULL;
  struct {
    const char *key, *value, *message;
    int status;
  } refused[] = {
    { "absence-alert-months", "25", "absence-alert-months: give the months as a whole number "
      "from 1 to 24", 1 },
    { "absence-warning-months", "三", "absence-warning-months: give the months as a whole "
      "number from 1 to 24", 1 },
    { "probation-notice-days", "0", "probation-notice-days: give the days as a whole number "
      "from 1 to 365", 1 },
    { "branch-name", " ", "branch-name: give the branch’s name; it cannot be blank", 1 },
    { "secretary", "王\n芳", "secretary: must be one line", 1 },
    { "secretary-name", "王芳", "unknown setting “secretary-name”", 2 },
  };

  g_assert_cmpstr (all, ==, "absence-warning-months=3\nabsence-alert-months=6\n"
                            "probation-notice-days=30\nhigher-committee=\nsecretary=\n"
                            "branch-name=第一党支部");
  g_free (cli_ok (f, "meeting", "attend", january, member, "present", NULL));
  g_free (cli_ok (f, "meeting", "attend", february, member, "absent", NULL));
  severity = absence_in_may (f);
  g_assert_cmpstr (severity, ==, "warning");

  set = cli_ok (f, "settings", "set", "absence-alert-months", "3", NULL);
  g_assert_cmpstr (set, ==, "absence-alert-months=3");
  g_clear_pointer (&severity, g_free);
  severity = absence_in_may (f);
  g_assert_cmpstr (severity, ==, "alert");

  for (guint i = 0; i < G_N_ELEMENTS (refused); i++)
    {
      g_auto(ZbTestRun) run = { 0 };

      cli_run (f, &run, "settings", "set", refused[i].key, refused[i].value, NULL);
      g_assert_cmpint (run.status, ==, refused[i].status);
      g_assert_nonnull (strstr (run.err, refused[i].message));
    }

  g_free (cli_ok (f, "settings", "set", "higher-committee", "中共示例公司委员会", NULL));
  g_free (cli_ok (f, "settings", "set", "secretary", "赵敏", NULL));
  g_free (cli_ok (f, "settings", "set", "branch-name", "第二党支部", NULL));
  one = cli_ok (f, "settings", "get", "secretary", NULL);
  g_assert_cmpstr (one, ==, "赵敏");
  after = cli_ok (f, "settings", "get", NULL);
  g_assert_cmpstr (after, ==, "absence-warning-months=3\nabsence-alert-months=3\n"
                              "probation-notice-days=30\nhigher-committee=中共示例公司委员会\n"
                              "secretary=赵敏\nbranch-name=第二党支部");

  /* --help names the command and its keys */
  {
    g_auto(ZbTestRun) help = { 0 };

    cli_run (f, &help, "settings", "set", "--help", NULL);
    g_assert_cmpint (help.status, ==, 0);
    g_assert_nonnull (strstr (help.out, "zhibu-cli settings set"));
    g_assert_nonnull (strstr (help.out, "probation-notice-days"));
  }
}

/* A template gives structure and prompts; the prompts must be replaced
 * before the first item is kept. */
static void
test_first_item (Fixture       *f,
                 gconstpointer  data)
{
  g_auto(ZbTestRun) templates = { 0 };
  g_auto(ZbTestRun) add = { 0 };
  g_auto(ZbTestRun) unknown = { 0 };
  g_auto(ZbTestRun) draft = { 0 };
  g_auto(ZbTestRun) finalised = { 0 };
  g_auto(ZbTestRun) prompts = { 0 };
  g_auto(ZbTestRun) set = { 0 };
  g_auto(ZbTestRun) check = { 0 };
  g_auto(ZbTestRun) save = { 0 };
  g_auto(ZbTestRun) mine = { 0 };

  cli_run (f, &templates, "first-item", "templates", NULL);
  g_assert_cmpint (templates.status, ==, 0);
  g_assert_nonnull (strstr (templates.out, "lead-and-discuss\t领学研讨"));
  g_assert_nonnull (strstr (templates.out, "transmit\t传达学习"));

  cli_run (f, &unknown, "meeting", "add", "--type", "committee", "--date", "2026-01-12",
           "--title", "一月支委会", "--first-item-template", "no-such-template", NULL);
  g_assert_cmpint (unknown.status, ==, 1);
  g_assert_nonnull (strstr (unknown.err, "no-such-template"));

  /* Opened with the template's draft: the checker reports it unfinished. */
  cli_run (f, &add, "meeting", "add", "--type", "committee", "--date", "2026-01-12",
           "--title", "一月支委会", "--first-item-template", "lead-and-discuss", NULL);
  g_assert_cmpint (add.status, ==, 0);
  g_strchomp (add.out);
  cli_run (f, &draft, "check", "--from", "2026-01-01", "--to", "2026-01-31", "--format", "json",
           NULL);
  g_assert_nonnull (strstr (draft.out, "\"first-item\""));
  /* The committee's view (DOMAIN.md section 6): a draft is not in it. */
  cli_run (f, &finalised, "check", "--from", "2026-01-01", "--to", "2026-01-31",
           "--finalised-only", "--format", "json", NULL);
  g_assert_cmpint (finalised.status, ==, 0);
  g_assert_null (strstr (finalised.out, "\"first-item\""));
  g_assert_nonnull (strstr (finalised.out, "\"meeting-frequency\""));

  cli_run (f, &prompts, "first-item", "set", add.out, "--template", "lead-and-discuss", NULL);
  g_assert_cmpint (prompts.status, ==, 1);
  g_assert_nonnull (strstr (prompts.err, "prompts"));

  cli_run (f, &set, "first-item", "set", add.out, "--template", "lead-and-discuss",
           "--topic", "学习贯彻会议精神", "--source", "人民日报", "--source-date", "2026-01-05",
           "--leader", "支部书记", "--proceedings", "书记领学，委员逐一交流研讨。",
           "--contribution", "张伟：结合岗位谈体会，提出三条改进措施。",
           "--contribution", "李娜: 围绕安全生产谈落实。", NULL);
  g_assert_cmpstr (set.err, ==, "");
  g_assert_cmpint (set.status, ==, 0);

  cli_run (f, &check, "check", "--from", "2026-01-01", "--to", "2026-01-31", "--format", "json",
           NULL);
  g_assert_null (strstr (check.out, "first-item"));

  cli_run (f, &save, "first-item", "save-template", "我们的支委会", "--meeting", add.out, NULL);
  g_assert_cmpint (save.status, ==, 0);
  cli_run (f, &mine, "first-item", "templates", NULL);
  g_assert_nonnull (strstr (mine.out, "我们的支委会"));
}

/* Exit 1 and one line on stderr, and the file's bytes as they were. */
static void
test_wrong_passphrase (Fixture       *f,
                       gconstpointer  data)
{
  g_autofree char *before = zb_test_file_sha256 (f->db);
  g_autofree char *after = NULL;
  g_autofree char *wal = g_strconcat (f->db, "-wal", NULL);
  g_auto(ZbTestRun) run = { 0 };

  g_file_set_contents (f->passphrase_file, "wrong passphrase\n", -1, NULL);
  cli_run (f, &run, "member", "list", NULL);
  g_assert_cmpint (run.status, ==, 1);
  g_assert_cmpuint (count_lines (run.err), ==, 1);
  g_assert_nonnull (strstr (run.err, "wrong"));
  g_assert_cmpstr (run.out, ==, "");

  after = zb_test_file_sha256 (f->db);
  g_assert_cmpstr (before, ==, after);
  g_assert_false (g_file_test (wal, G_FILE_TEST_EXISTS));
}

static void
test_refusals (Fixture       *f,
               gconstpointer  data)
{
  g_autofree char *idn = zb_test_id_number ("1990-02-28", TRUE, 9);
  g_autofree char *bad = g_strdup (idn);
  g_auto(ZbTestRun) check = { 0 };
  g_auto(ZbTestRun) duplicate = { 0 };
  g_auto(ZbTestRun) unknown = { 0 };
  g_auto(ZbTestRun) option = { 0 };
  g_autofree char *id = NULL;

  bad[17] = bad[17] == '3' ? '4' : '3';
  cli_run (f, &check, "member", "add", "--name", "吴刚", "--id-number", bad, "--category",
           "full", "--joined", "2015-01-01", NULL);
  g_assert_cmpint (check.status, ==, 1);
  g_assert_nonnull (strstr (check.err, "Citizen ID number"));
  g_assert_nonnull (strstr (check.err, "check digit"));
  g_assert_null (strstr (check.err, bad));

  id = add_member (f, "吴刚", idn);
  cli_run (f, &duplicate, "member", "add", "--name", "吴小刚", "--id-number", idn,
           "--category", "full", "--joined", "2015-01-01", NULL);
  g_assert_cmpint (duplicate.status, ==, 1);
  g_assert_nonnull (strstr (duplicate.err, "Citizen ID number"));

  cli_run (f, &unknown, "frobnicate", NULL);
  g_assert_cmpint (unknown.status, ==, 2);
  cli_run (f, &option, "member", "list", "--no-such-option", NULL);
  g_assert_cmpint (option.status, ==, 2);
}

/* Runs zhibu-cli with the arguments after @message: it must refuse, with
 * @message (the field and what is wrong) on stderr. */
static void
refused (Fixture    *f,
         const char *message,
         const char *first,
         ...)
{
  g_auto(ZbTestRun) run = { 0 };
  va_list args;

  va_start (args, first);
  zb_test_cli_run_va (&run, f->db, f->passphrase_file, first, args);
  va_end (args);
  g_test_message ("%s", run.err);
  g_assert_cmpint (run.status, ==, 1);
  g_assert_nonnull (strstr (run.err, message));
}

/* The limits of zb-limits.c, for every kind of record the CLI writes, with
 * the message that names the field: lengths in characters, control
 * characters, line breaks in one-line fields, dates after today. */
static void
test_limits (Fixture       *f,
             gconstpointer  data)
{
  g_autofree char *idn = zb_test_id_number ("1980-05-05", TRUE, 61);
  g_autofree char *other = zb_test_id_number ("1981-05-05", FALSE, 62);
  g_autofree char *member = add_member (f, "宋江", idn);
  g_autofree char *name51 = g_strnfill (51, 'x');
  g_autofree char *name50 = NULL, *short101 = NULL, *address201 = NULL, *note2001 = NULL;
  g_autofree char *long15001 = NULL, *tomorrow = NULL, *csv = NULL, *csv_text = NULL;
  g_auto(ZbTestRun) meeting = { 0 }, ok = { 0 }, list = { 0 }, lines = { 0 };
  GDate date;
  GString *s = g_string_new (NULL);

  /* Characters, not bytes: 50 Chinese characters are 150 bytes, and fit. */
  for (guint i = 0; i < 50; i++)
    g_string_append (s, "江");
  name50 = g_strdup (s->str);
  g_string_append (s, "江");
  short101 = g_strconcat (s->str, s->str, NULL);   /* 102 */
  g_string_free (s, TRUE);
  address201 = g_strnfill (201, 'x');
  note2001 = g_strnfill (2001, 'x');
  long15001 = g_strnfill (15001, 'x');
  zb_date_set_today (&date);
  g_date_add_days (&date, 1);
  tomorrow = zb_date_to_iso (&date);

  cli_run (f, &ok, "member", "edit", member, "--name", name50, NULL);
  g_assert_cmpint (ok.status, ==, 0);

  refused (f, "Name: is longer than 50 characters", "member", "edit", member, "--name", name51,
           NULL);
  refused (f, "Name: holds a control character (U+001B)", "member", "add", "--name",
           "王\033[2J芳", "--id-number", other, "--category", "full", "--joined", "2012-06-30",
           NULL);
  refused (f, "Name: holds a control character (U+0085)", "member", "edit", member, "--name",
           "王\xc2\x85芳", NULL);
  refused (f, "Name: holds a control character (U+007F)", "member", "edit", member, "--name",
           "王\x7f芳", NULL);
  refused (f, "Post: must be one line", "member", "edit", member, "--post", "技术\n研发", NULL);
  refused (f, "Title: holds a control character (U+0009)", "member", "edit", member, "--title",
           "主任\t科员", NULL);
  refused (f, "Post: is longer than 100 characters", "member", "edit", member, "--post",
           short101, NULL);
  refused (f, "Home address: is longer than 200 characters", "member", "edit", member,
           "--address", address201, NULL);
  refused (f, "Phone: is longer than 20 characters", "member", "edit", member, "--phone",
           "139 0000 1111 2222 33", NULL);
  refused (f, "Reason for the status: is longer than 2000 characters", "member", "edit", member,
           "--status-reason", note2001, NULL);

  /* Dates of what has happened: tomorrow is refused, with the rule. */
  refused (f, "Date of birth: 2999-01-01 lies after today", "member", "add", "--name", "林冲",
           "--birth", "2999-01-01", "--sex", "M", "--category", "applicant", "--applied",
           "2026-01-01", NULL);
  refused (f, "Date of application: 2045-03-01 lies after today", "member", "edit", member,
           "--applied", "2045-03-01", NULL);
  refused (f, "step S01", "member", "edit", member, "--applied", "2045-03-01", NULL);
  refused (f, "Date made an activist", "member", "edit", member, "--activist-date", tomorrow,
           NULL);
  refused (f, "Date made a candidate", "member", "edit", member, "--candidate-date", tomorrow,
           NULL);
  refused (f, "the day of the general meeting that admitted the person", "member", "edit",
           member, "--joined", tomorrow, "--full-date", "", NULL);
  refused (f, "Date of full membership: ", "member", "edit", member, "--full-date", tomorrow,
           NULL);
  refused (f, "Status changed on: ", "member", "edit", member, "--status", "deceased",
           "--status-date", tomorrow, NULL);
  refused (f, "Probation within the Party from: ", "member", "edit", member,
           "--discipline-start", tomorrow, NULL);
  refused (f, "Transfer date: ", "member", "transfer", member, "--in", "--date", tomorrow,
           "--organisation", "某某党委", NULL);
  refused (f, "Organisation: is longer than 100 characters", "member", "transfer", member,
           "--in", "--date", "2020-01-01", "--organisation", short101, NULL);

  refused (f, "Status changed on: ", "member", "archive", member, "--status", "deceased",
           "--date", tomorrow, NULL);

  /* The importer lists the same problems, by row. */
  csv = g_build_filename (f->dir, "limits.csv", NULL);
  csv_text = g_strdup_printf ("name,sex,id_number,category,joined_date,address\n"
                              "李逵,M,%s,full,2001-07-01,%s\n", other, address201);
  g_assert_true (g_file_set_contents (csv, csv_text, -1, NULL));
  refused (f, "Row 1 (line 2): Home address: is longer than 200 characters", "member", "import",
           csv, NULL);

  /* The end of 留党察看 lies ahead by nature. */
  cli_run (f, &list, "member", "edit", member, "--discipline-start", "2026-01-01",
           "--discipline-end", "2099-01-01", NULL);
  g_assert_cmpint (list.status, ==, 0);

  cli_run (f, &meeting, "meeting", "add", "--type", "general", "--date", "2026-01-01",
           "--title", "一月党员大会", NULL);
  g_assert_cmpint (meeting.status, ==, 0);
  g_strchomp (meeting.out);
  /* Several lines keep their line breaks and tabs. */
  cli_run (f, &lines, "meeting", "item", "add", meeting.out, "--title", "议题", "--minutes",
           "第一段\r\n\t第二段\n", NULL);
  g_assert_cmpint (lines.status, ==, 0);
  refused (f, "Meeting title: is longer than 100 characters", "meeting", "add", "--type", "general",
           "--date", "2026-01-01", "--title", short101, NULL);
  refused (f, "Place: must be one line", "meeting", "add", "--type", "general", "--date",
           "2026-01-01", "--title", "x", "--place", "三楼\n会议室", NULL);
  refused (f, "Name: is longer than 50 characters", "meeting", "guest", meeting.out, "--name",
           name51, NULL);
  refused (f, "Affiliation: holds a control character (U+001B)", "meeting", "guest",
           meeting.out, "--name", "李四", "--affiliation", "上级\033党委", NULL);
  refused (f, "Reason: is longer than 2000 characters", "meeting", "attend", meeting.out,
           member, "leave", "--reason", note2001, NULL);
  refused (f, "Minutes: is longer than 15000 characters", "meeting", "item", "add",
           meeting.out, "--title", "议题", "--minutes", long15001, NULL);
  refused (f, "Resolution: holds a control character (U+001B)", "meeting", "item", "add",
           meeting.out, "--title", "议题", "--resolution", "通过\033", NULL);
  refused (f, "Agenda item: must be one line", "meeting", "item", "add", meeting.out,
           "--title", "议\n题", NULL);
  refused (f, "Role: is longer than 100 characters", "committee", "add", member, "--role",
           short101, "--from", "2026-01-01", NULL);
  refused (f, "Measure: is longer than 2000 characters", "measure", "add", meeting.out,
           "--text", note2001, NULL);
  refused (f, "Owner: is longer than 50 characters", "measure", "add", meeting.out, "--text",
           "学习", "--owner", name51, NULL);
  refused (f, "Account of the proceedings: is longer than 15000 characters", "first-item",
           "set", meeting.out, "--topic", "学习", "--form", "领学", "--participants", "全体党员",
           "--proceedings", long15001, NULL);
  refused (f, "Study topic: must be one line", "first-item", "set", meeting.out, "--topic",
           "学\n习", "--form", "领学", "--participants", "全体党员", "--proceedings", "学习",
           NULL);
}

/* A row stored before the limits, or pulled as the server sent it, with an
 * escape sequence in the name: `member list` never sends it to the
 * terminal, and `check` names the record and the field. */
static void
test_stored_control_characters (Fixture       *f,
                                gconstpointer  data)
{
  g_autofree char *idn = zb_test_id_number ("1980-05-05", TRUE, 63);
  g_autofree char *member = add_member (f, "宋江", idn);
  g_autofree char *sql = NULL;
  g_autoptr(ZbKey) key = zb_key_new_from_file (f->passphrase_file, NULL);
  g_autoptr(ZbStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(ZbTestRun) list = { 0 }, check = { 0 }, edit = { 0 }, again = { 0 };

  store = zb_store_open (f->db, key, &error);
  g_assert_no_error (error);
  /* As a pulled page writes it: past the store's checks. */
  sql = g_strdup_printf ("UPDATE sync_state SET applying = 1; UPDATE members SET name = "
                         "'宋' || char(27) || '[2J江' WHERE id = '%s'; "
                         "UPDATE sync_state SET applying = 0", member);
  zb_test_sql_exec (store, sql);
  g_clear_object (&store);

  cli_run (f, &list, "member", "list", NULL);
  g_assert_cmpint (list.status, ==, 0);
  g_assert_null (strchr (list.out, '\033'));
  g_assert_nonnull (strstr (list.out, "宋\xef\xbf\xbd[2J江"));

  cli_run (f, &check, "check", "--format", "json", NULL);
  g_assert_cmpint (check.status, ==, 0);
  g_assert_null (strchr (check.out, '\033'));
  g_assert_nonnull (strstr (check.out, "\"stored-value\""));
  g_assert_nonnull (strstr (check.out, "Name: holds a control character (U+001B)"));
  g_assert_nonnull (strstr (check.out, member));

  /* Saving the record again asks for the name to be corrected, and then
   * the finding is gone. */
  refused (f, "Name: holds a control character (U+001B)", "member", "edit", member, "--post",
           "宣传委员", NULL);
  cli_run (f, &edit, "member", "edit", member, "--name", "宋江", "--post", "宣传委员", NULL);
  g_assert_cmpint (edit.status, ==, 0);
  cli_run (f, &again, "check", "--format", "json", NULL);
  g_assert_null (strstr (again.out, "\"stored-value\""));
}

static char *
write_gb18030_roster (Fixture *f)
{
  const char *utf8 =
    "姓名,性别,民族,出生日期,公民身份号码,人员类别,入党日期,转正日期,联系电话,工作岗位,党小组\r\n"
    "马丽,女,回族,1982/03/04,%s,正式党员,2008-07-01,2009-07-01,13600001111,\"财务,审计\",第一党小组\r\n"
    "孙志强,男,汉族,1991-11-30,%s,预备党员,2026-06-30,,13600002222,\"技术\"\"研发\"\"\",第二党小组\r\n";
  g_autofree char *a = zb_test_id_number ("1982-03-04", FALSE, 40);
  g_autofree char *b = zb_test_id_number ("1991-11-30", TRUE, 41);
  g_autofree char *text = g_strdup_printf (utf8, a, b);
  g_autofree char *gb = NULL;
  g_autoptr(GError) error = NULL;
  gsize len = 0;
  char *path = g_build_filename (f->dir, "花名册.csv", NULL);

  gb = g_convert (text, -1, "GB18030", "UTF-8", NULL, &len, &error);
  g_assert_no_error (error);
  g_assert_false (g_utf8_validate (gb, len, NULL));
  g_file_set_contents (path, gb, len, &error);
  g_assert_no_error (error);
  return path;
}

static void
test_import_gb18030 (Fixture       *f,
                     gconstpointer  data)
{
  g_autofree char *path = write_gb18030_roster (f);
  g_auto(ZbTestRun) import = { 0 };
  g_auto(ZbTestRun) json = { 0 };

  cli_run (f, &import, "member", "import", path, NULL);
  g_assert_cmpstr (import.err, !=, NULL);
  g_assert_cmpint (import.status, ==, 0);

  cli_run (f, &json, "member", "list", "--format", "json", "--with-sensitive", NULL);
  g_assert_nonnull (strstr (json.out, "\"马丽\""));
  g_assert_nonnull (strstr (json.out, "\"回族\""));
  g_assert_nonnull (strstr (json.out, "\"1982-03-04\""));
  g_assert_nonnull (strstr (json.out, "\"财务,审计\""));
  g_assert_nonnull (strstr (json.out, "\"技术\\\"研发\\\"\""));
  g_assert_nonnull (strstr (json.out, "\"probationary\""));
  g_assert_nonnull (strstr (json.out, "\"第二党小组\""));
}

/* English headers, UTF-8 with a BOM and LF line ends: what our own
 * `member list --format csv --with-sensitive` writes imports back. */
static void
test_import_english (Fixture       *f,
                     gconstpointer  data)
{
  g_autofree char *a = zb_test_id_number ("1979-02-03", TRUE, 50);
  g_autofree char *path = g_build_filename (f->dir, "roster-en.csv", NULL);
  g_autofree char *text = g_strdup_printf (
    "\xef\xbb\xbfname,sex,id_number,category,joined_date,full_date,phone,party_group\n"
    "Wang Lei,M,%s,full,2001-07-01,2002-07-01,010-12345678,Group 1\n", a);
  g_auto(ZbTestRun) import = { 0 };
  g_auto(ZbTestRun) json = { 0 };

  g_file_set_contents (path, text, -1, NULL);
  cli_run (f, &import, "member", "import", path, NULL);
  g_assert_cmpint (import.status, ==, 0);

  cli_run (f, &json, "member", "list", "--format", "json", NULL);
  g_assert_nonnull (strstr (json.out, "\"Wang Lei\""));
  g_assert_nonnull (strstr (json.out, "\"1979-02-03\""));
  g_assert_nonnull (strstr (json.out, "\"Group 1\""));
}

/* One bad row in fifty: nothing is imported, and the error names the row. */
static void
test_import_one_bad_row (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr(GPtrArray) members = zb_demo_make_members (50, 11);
  g_autoptr(GListStore) list = g_list_store_new (ZB_TYPE_MEMBER);
  g_autofree char *path = g_build_filename (f->dir, "roster.csv", NULL);
  g_autoptr(GString) csv = NULL;
  g_auto(ZbTestRun) import = { 0 };
  g_auto(ZbTestRun) after = { 0 };
  char *id_number;

  for (guint i = 0; i < members->len; i++)
    g_list_store_append (list, g_ptr_array_index (members, i));
  id_number = g_strdup (zb_member_get (g_ptr_array_index (members, 36), ZB_MEMBER_FIELD_ID_NUMBER));
  id_number[17] = id_number[17] == '5' ? '6' : '5';
  zb_member_set (g_ptr_array_index (members, 36), ZB_MEMBER_FIELD_ID_NUMBER, id_number);
  g_free (id_number);

  csv = zb_member_csv_export (G_LIST_MODEL (list), TRUE);
  g_file_set_contents (path, csv->str, csv->len, NULL);

  cli_run (f, &import, "member", "import", path, NULL);
  g_assert_cmpint (import.status, ==, 1);
  g_assert_nonnull (strstr (import.err, "Row 37"));
  g_assert_nonnull (strstr (import.err, "Citizen ID number"));
  g_assert_null (strstr (import.err, "Row 36"));

  cli_run (f, &after, "member", "list", "--format", "csv", NULL);
  g_assert_cmpuint (count_lines (after.out), ==, 1);
}

static void
test_export (Fixture       *f,
             gconstpointer  data)
{
  g_autofree char *idn = zb_test_id_number ("1983-12-01", TRUE, 77);
  g_autofree char *id = add_member (f, "黄海", idn);
  g_autofree char *plain = g_build_filename (f->dir, "plain.csv", NULL);
  g_autofree char *full = g_build_filename (f->dir, "full.csv", NULL);
  g_autofree char *plain_text = NULL, *full_text = NULL;
  g_auto(ZbTestRun) a = { 0 };
  g_auto(ZbTestRun) b = { 0 };

  cli_run (f, &a, "member", "export", plain, NULL);
  cli_run (f, &b, "member", "export", full, "--with-sensitive", NULL);
  g_assert_cmpint (a.status, ==, 0);
  g_assert_cmpint (b.status, ==, 0);
  g_file_get_contents (plain, &plain_text, NULL, NULL);
  g_file_get_contents (full, &full_text, NULL, NULL);

  g_assert_nonnull (strstr (plain_text, "姓名"));
  g_assert_nonnull (strstr (plain_text, "黄海"));
  g_assert_null (strstr (plain_text, idn));
  g_assert_null (strstr (plain_text, "13912345678"));
  g_assert_nonnull (strstr (full_text, idn));
  g_assert_nonnull (strstr (full_text, "公民身份号码"));
}

/* Dates as office workers type them are stored in ISO form; a date that is
 * none is refused with the field and the expected form in words, in the
 * user's language. */
static void
test_dates (Fixture       *f,
            gconstpointer  data)
{
  g_autofree char *idn = zb_test_id_number ("1985-01-02", FALSE, 81);
  g_auto(GStrv) zh = g_environ_setenv (g_environ_setenv (g_get_environ (), "LANGUAGE", "zh_CN",
                                                         TRUE),
                                       "LC_ALL", "zh_CN.UTF-8", TRUE);
  g_auto(ZbTestRun) add = { 0 };
  g_auto(ZbTestRun) show = { 0 };
  g_auto(ZbTestRun) edit = { 0 };
  g_auto(ZbTestRun) bad = { 0 };
  g_auto(ZbTestRun) bad_zh = { 0 };
  g_auto(ZbTestRun) meeting = { 0 };
  g_auto(ZbTestRun) list = { 0 };
  g_auto(ZbTestRun) committee = { 0 };
  g_auto(ZbTestRun) measure = { 0 };
  g_auto(ZbTestRun) measures = { 0 };
  g_auto(ZbTestRun) check = { 0 };
  g_auto(ZbTestRun) bad_check = { 0 };

  cli_run (f, &add, "member", "add", "--name", "周洁", "--id-number", idn, "--birth", "19850102",
           "--category", "full", "--applied", "２０１１.５.４", "--joined", "2012年6月30日",
           "--full-date", "2013/6/30", NULL);
  g_assert_cmpstr (add.err, ==, "");
  g_strchomp (add.out);
  cli_run (f, &edit, "member", "edit", add.out, "--activist-date", "2011.11.1", NULL);
  g_assert_cmpstr (edit.err, ==, "");
  cli_run (f, &show, "member", "show", add.out, "--format", "json", NULL);
  g_assert_nonnull (strstr (show.out, "\"1985-01-02\""));
  g_assert_nonnull (strstr (show.out, "\"2011-05-04\""));
  g_assert_nonnull (strstr (show.out, "\"2011-11-01\""));
  g_assert_nonnull (strstr (show.out, "\"2012-06-30\""));
  g_assert_nonnull (strstr (show.out, "\"2013-06-30\""));

  cli_run (f, &bad, "member", "edit", add.out, "--joined", "2012/13/1", NULL);
  g_assert_cmpint (bad.status, ==, 1);
  g_assert_cmpstr (bad.err, ==, "zhibu-cli: Date of admission: “2012/13/1” is not a date; write "
                                "it as year-month-day, such as 2015-07-01\n");
  zb_test_cli_run_env (&bad_zh, zh, f->db, "--passphrase-file", f->passphrase_file, "meeting",
                       "add", "--type", "general", "--date", "2026年2月30日", "--title", "x",
                       NULL);
  g_assert_cmpint (bad_zh.status, ==, 1);
  g_assert_cmpstr (bad_zh.err, ==, "zhibu-cli: 会议日期：“2026年2月30日”不是日期，请按“年-月-日”"
                                   "填写，如 2015-07-01\n");

  cli_run (f, &meeting, "meeting", "add", "--type", "general", "--date", "2026/3/5", "--title",
           "三月党员大会", NULL);
  g_assert_cmpint (meeting.status, ==, 0);
  g_strchomp (meeting.out);
  /* In Chinese too, the CSV keeps the columns and codes that scripts read:
   * only the app's exports are worded for people. */
  zb_test_cli_run_env (&list, zh, f->db, "--passphrase-file", f->passphrase_file, "meeting",
                       "list", "--from", "2026.3.1", "--to", "20260331", "--format", "csv",
                       NULL);
  g_assert_cmpint (list.status, ==, 0);
  g_assert_true (g_str_has_prefix (list.out, "id,type,date,start_time,end_time,title,place,"
                                             "party_group,chair_id,recorder_id\r\n"));
  g_assert_nonnull (strstr (list.out, ",general,2026-03-05,"));
  cli_run (f, &committee, "committee", "add", add.out, "--role", "书记", "--from", "2026/1/1",
           NULL);
  g_assert_cmpstr (committee.err, ==, "");
  cli_run (f, &measure, "measure", "add", meeting.out, "--text", "整改", "--due", "2026年7月31日",
           NULL);
  g_assert_cmpstr (measure.err, ==, "");
  cli_run (f, &measures, "measure", "list", "--format", "csv", NULL);
  g_assert_nonnull (strstr (measures.out, "2026-07-31"));
  cli_run (f, &check, "check", "--from", "2026.1.1", "--to", "2026年6月30日", NULL);
  g_assert_cmpint (check.status, ==, 0);
  cli_run (f, &bad_check, "check", "--from", "2026-01-01", "--to", "June", NULL);
  g_assert_cmpint (bad_check.status, ==, 1);
  g_assert_nonnull (strstr (bad_check.err, "Last day: “June” is not a date; write it as "
                                           "year-month-day, such as 2015-07-01"));
}

/* A cell no spreadsheet may run: the export holds a formula-like address,
 * phone and name as text (an apostrophe in front), and importing that
 * export into a fresh database gives each back as it was. */
static void
test_export_formula_guard (Fixture       *f,
                           gconstpointer  data)
{
  const char *address = "=HYPERLINK(\"http://x\",\"y\")";
  g_autofree char *idn = zb_test_id_number ("1986-05-04", TRUE, 78);
  g_autofree char *csv_path = g_build_filename (f->dir, "full.csv", NULL);
  g_autofree char *fresh = g_build_filename (f->dir, "fresh.zhibu", NULL);
  g_autofree char *csv = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  g_auto(ZbTestRun) add = { 0 };
  g_auto(ZbTestRun) export = { 0 };
  g_auto(ZbTestRun) init = { 0 };
  g_auto(ZbTestRun) import = { 0 };
  g_auto(ZbTestRun) list = { 0 };
  JsonObject *member;

  cli_run (f, &add, "member", "add", "--name=-李明", "--id-number", idn, "--category", "full",
           "--joined", "2012-06-30", "--phone", "+86 138 0013 8000", "--address", address, NULL);
  g_assert_cmpstr (add.err, ==, "");
  cli_run (f, &export, "member", "export", csv_path, "--with-sensitive", NULL);
  g_assert_cmpint (export.status, ==, 0);

  g_file_get_contents (csv_path, &csv, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (strstr (csv, ",\"'=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\""));
  g_assert_nonnull (strstr (csv, ",'+86 138 0013 8000,"));
  g_assert_nonnull (strstr (csv, "\n'-李明,"));
  for (const char *p = "=+-@"; *p; p++)
    {
      char starts[][3] = { { ',', *p }, { '"', *p }, { '\n', *p } };

      for (guint i = 0; i < G_N_ELEMENTS (starts); i++)
        g_assert_null (strstr (csv, starts[i]));
    }

  zb_test_cli_run (&init, fresh, f->passphrase_file, "init", "--branch", "第二党支部", NULL);
  g_assert_cmpint (init.status, ==, 0);
  zb_test_cli_run (&import, fresh, f->passphrase_file, "member", "import", csv_path, NULL);
  g_assert_cmpint (import.status, ==, 0);
  zb_test_cli_run (&list, fresh, f->passphrase_file, "member", "list", "--format", "json",
                   "--with-sensitive", NULL);
  json_parser_load_from_data (parser, list.out, -1, &error);
  g_assert_no_error (error);
  member = json_array_get_object_element (json_node_get_array (json_parser_get_root (parser)), 0);
  g_assert_cmpstr (json_object_get_string_member (member, "name"), ==, "-李明");
  g_assert_cmpstr (json_object_get_string_member (member, "phone"), ==, "+86 138 0013 8000");
  g_assert_cmpstr (json_object_get_string_member (member, "address"), ==, address);
}

/* The bytes and the modification time of @path, to tell that nothing wrote it. */
static char *
file_state (const char *path)
{
  g_autofree char *sha = zb_test_file_sha256 (path);
  GStatBuf st;

  g_assert_cmpint (g_stat (path, &st), ==, 0);
  return g_strdup_printf ("%s %ld.%09ld", sha, (long) st.st_mtim.tv_sec,
                          (long) st.st_mtim.tv_nsec);
}

/* Another program's database, encrypted with the same passphrase. */
static void
write_foreign_database (Fixture    *f,
                        const char *path)
{
  g_autoptr(ZbKey) key = zb_key_new_from_file (f->passphrase_file, NULL);
  g_autoptr(GError) error = NULL;
  sqlite3 *db = zb_sql_open (path, key, TRUE, &error);

  g_assert_no_error (error);
  zb_sql_exec (db, "CREATE TABLE notes (text TEXT); INSERT INTO notes VALUES ('备忘');", &error);
  g_assert_no_error (error);
  sqlite3_close (db);
}

/* Every command that only reads, on a file that is empty, not a database,
 * or another program's database: refused, and the file as it was. */
static void
test_read_only_refusals (Fixture       *f,
                         gconstpointer  data)
{
  const char *commands[][4] = {
    { "member", "list", NULL }, { "member", "show", "x", NULL },
    { "meeting", "list", NULL }, { "meeting", "show", "x", NULL }, { "check", NULL },
    { "verify", NULL }, { "measure", "list", NULL }, { "conflicts", "list", NULL },
    { "rejected", "list", NULL }, { "first-item", "templates", NULL },
    { "settings", "get", NULL },
  };
  const char *names[] = { "empty.zhibu", "notes.txt", "foreign.db" };
  g_autofree char *ours = NULL;

  for (guint n = 0; n < G_N_ELEMENTS (names); n++)
    {
      g_autofree char *path = g_build_filename (f->dir, names[n], NULL);
      g_autofree char *before = NULL;
      g_autofree char *wal = g_strconcat (path, "-wal", NULL);

      if (n == 0)
        g_file_set_contents (path, "", 0, NULL);
      else if (n == 1)
        g_file_set_contents (path, "会议记录 minutes, not a database at all\n", -1, NULL);
      else
        write_foreign_database (f, path);
      before = file_state (path);
      /* The modification time has a resolution of the file system's tick. */
      g_usleep (20000);

      for (guint c = 0; c < G_N_ELEMENTS (commands); c++)
        {
          g_auto(ZbTestRun) run = { 0 };
          g_autofree char *after = NULL;

          zb_test_cli_run (&run, path, f->passphrase_file, commands[c][0], commands[c][1],
                           commands[c][2], NULL);
          g_assert_cmpint (run.status, ==, 1);
          g_assert_cmpuint (count_lines (run.err), ==, 1);
          g_assert_true (strstr (run.err, n == 1 ? "wrong" : "not a Zhibu database") != NULL);
          after = file_state (path);
          g_assert_cmpstr (before, ==, after);
          g_assert_false (g_file_test (wal, G_FILE_TEST_EXISTS));
        }
    }

  /* On the branch's own database they read, and leave the file as it was. */
  ours = file_state (f->db);
  g_usleep (20000);
  for (guint c = 0; c < G_N_ELEMENTS (commands); c++)
    {
      g_auto(ZbTestRun) run = { 0 };
      g_autofree char *after = NULL;

      if (g_strcmp0 (commands[c][2], "x") == 0)
        continue;
      cli_run (f, &run, commands[c][0], commands[c][1], commands[c][2], NULL);
      g_assert_cmpstr (run.err, ==, "");
      after = file_state (f->db);
      g_assert_cmpstr (ours, ==, after);
    }
}

/* init refuses a passphrase shorter than 8 characters, and creates nothing. */
static void
test_init_short_passphrase (Fixture       *f,
                            gconstpointer  data)
{
  g_autofree char *path = g_build_filename (f->dir, "new.zhibu", NULL);
  g_autofree char *short_file = g_build_filename (f->dir, "short", NULL);
  g_auto(ZbTestRun) run = { 0 };
  g_auto(ZbTestRun) ok = { 0 };

  g_file_set_contents (short_file, "党支部2026\n", -1, NULL);
  zb_test_cli_run (&run, path, short_file, "init", "--branch", "第二党支部", NULL);
  g_assert_cmpint (run.status, ==, 1);
  g_assert_nonnull (strstr (run.err, "Passphrase: at least 8 characters"));
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));

  g_file_set_contents (short_file, "党支部2026年\n", -1, NULL);
  zb_test_cli_run (&ok, path, short_file, "init", "--branch", "第二党支部", NULL);
  g_assert_cmpint (ok.status, ==, 0);
}

#define CONCURRENT_ROUNDS 250

/* One of two zhibu-cli loops on one database: adds, edits and lists. */
typedef struct
{
  char       **envp;
  const char  *db;
  const char  *member;   /* edited by both loops */
  const char  *birth;    /* of the people this loop adds */
  const char  *name;
  GString     *errors;
} Loop;

static void
run_round (Loop *loop,
           guint i)
{
  g_auto(ZbTestRun) run = { 0 };
  g_autofree char *idn = zb_test_id_number (loop->birth, TRUE, i / 3);
  g_autofree char *phone = g_strdup_printf ("139%08u", i);

  if (i % 3 == 0)
    zb_test_cli_run_env (&run, loop->envp, loop->db, "member", "add", "--name", loop->name,
                         "--id-number", idn, "--category", "full", "--joined", "2012-06-30",
                         "--full-date", "2013-06-30", NULL);
  else if (i % 3 == 1)
    zb_test_cli_run_env (&run, loop->envp, loop->db, "member", "edit", loop->member,
                         "--phone", phone, NULL);
  else
    zb_test_cli_run_env (&run, loop->envp, loop->db, "member", "list", NULL);

  if (run.status != 0)
    g_string_append_printf (loop->errors, "round %u: %s", i, run.err);
}

static gpointer
run_loop (gpointer data)
{
  Loop *loop = data;

  for (guint i = 0; i < CONCURRENT_ROUNDS; i++)
    run_round (loop, i);
  return NULL;
}

/* Two processes on one database (the app, a cron sync and the CLI may all
 * have it open): neither ever fails with "database is locked". The key is a
 * raw one in a file keyring, so that a launch takes milliseconds. */
static void
test_concurrent (void)
{
  g_autofree char *dir = zb_test_make_dir ();
  g_autofree char *db = g_build_filename (dir, "branch.zhibu", NULL);
  g_auto(GStrv) envp = zb_test_file_keyring_environ (dir);
  g_autofree char *idn = zb_test_id_number ("1970-01-01", FALSE, 1);
  g_auto(ZbTestRun) init = { 0 };
  g_auto(ZbTestRun) add = { 0 };
  g_auto(ZbTestRun) list = { 0 };
  Loop loops[2] = {
    { envp, db, NULL, "1980-01-01", "并发甲", g_string_new (NULL) },
    { envp, db, NULL, "1981-01-01", "并发乙", g_string_new (NULL) },
  };
  GThread *threads[2];
  gint64 start;

  zb_test_cli_run_env (&init, envp, db, "init", "--branch", "第一党支部", NULL);
  g_assert_cmpstr (init.err, ==, "");
  zb_test_cli_run_env (&add, envp, db, "member", "add", "--name", "林静", "--id-number", idn,
                       "--category", "full", "--joined", "2012-06-30", NULL);
  g_assert_cmpint (add.status, ==, 0);
  loops[0].member = loops[1].member = g_strchomp (add.out);

  start = g_get_monotonic_time ();
  for (guint i = 0; i < 2; i++)
    threads[i] = g_thread_new ("cli-loop", run_loop, &loops[i]);
  for (guint i = 0; i < 2; i++)
    g_thread_join (threads[i]);
  g_test_message ("%u zhibu-cli runs in %.1f s", 2 * CONCURRENT_ROUNDS,
                  (g_get_monotonic_time () - start) / 1e6);

  for (guint i = 0; i < 2; i++)
    {
      g_assert_cmpstr (loops[i].errors->str, ==, "");
      g_string_free (loops[i].errors, TRUE);
    }
  zb_test_cli_run_env (&list, envp, db, "member", "list", "--format", "csv", NULL);
  g_assert_cmpuint (count_lines (list.out), ==, 2 + 2 * ((CONCURRENT_ROUNDS + 2) / 3));
  zb_test_remove_dir (dir);
}

/* Runs @argv (a tool on PATH) and gives its stdout; @status its exit code. */
static char *
run_tool (const char * const *argv,
          int                *status)
{
  g_autoptr(GError) error = NULL;
  char *out = NULL;
  int wait_status = 0;

  g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH | G_SPAWN_STDERR_TO_DEV_NULL,
                NULL, NULL, &out, NULL, &wait_status, &error);
  g_assert_no_error (error);
  *status = WIFEXITED (wait_status) ? WEXITSTATUS (wait_status) : -1;
  return out;
}

/* The text of a PDF as pdftotext reads it, without any white space: a
 * line of the grid may break anywhere, between two words or inside one.
 * Compare it with needles of no spaces. */
static char *
pdf_text (const char *path)
{
  int status = 0;
  g_autofree char *text = run_tool ((const char *[]) { "pdftotext", path, "-", NULL }, &status);
  GString *out = g_string_new (NULL);

  g_assert_cmpint (status, ==, 0);
  for (const char *p = text; *p != '\0'; p++)
    if (!g_ascii_isspace (*p))
      g_string_append_c (out, *p);
  return g_string_free (out, FALSE);
}

/* zhibu-cli render KIND [ID] [OPTION] -o DIR/NAME; gives the PDF's text. */
static char *
render_ok (Fixture    *f,
           const char *kind,
           const char *id,
           const char *option,
           const char *name)
{
  g_autofree char *path = g_build_filename (f->dir, name, NULL);
  g_autofree char *out = NULL, *head = NULL;

  if (id != NULL)
    out = cli_ok (f, "render", kind, id, "-o", path, NULL);
  else
    out = cli_ok (f, "render", kind, option ? option : "-o", option ? "-o" : path,
                  option ? path : NULL, NULL);
  g_assert_cmpstr (out, ==, "");
  g_assert_true (g_file_get_contents (path, &head, NULL, NULL));
  g_assert_true (g_str_has_prefix (head, "%PDF-"));
  return pdf_text (path);
}

/* No temporary file left in the fixture's folder: each PDF was renamed
 * into place. */
static void
assert_no_temporary_files (Fixture *f)
{
  g_autoptr(GDir) dir = g_dir_open (f->dir, 0, NULL);
  const char *name;

  while ((name = g_dir_read_name (dir)) != NULL)
    g_assert_null (strstr (name, ".pdf."));
}

/* Each document rendered to the file -o names: a PDF that qpdf finds
 * sound, with the record's text; the roster masked unless asked; the
 * transfer letter, found by the ID `member transfer` prints, with the days
 * and contact given and the full citizen ID, readable by its owner only. */
static void
test_render (Fixture       *f,
             gconstpointer  data)
{
  g_autofree char *idn = zb_test_id_number ("1970-10-10", TRUE, 61);
  g_autofree char *idn2 = zb_test_id_number ("1990-02-02", FALSE, 62);
  g_autofree char *member = add_member (f, "邓华", idn);
  g_autofree char *leaving = add_member (f, "孙丽", idn2);
  g_autofree char *meeting = finalized_meeting (f, member, "2026-03-25");
  g_autofree char *meeting_pdf = g_build_filename (f->dir, "meeting.pdf", NULL);
  g_autofree char *letter_pdf = g_build_filename (f->dir, "letter.pdf", NULL);
  g_autofree char *text = NULL, *first = NULL, *roster = NULL, *full = NULL, *binder = NULL;
  g_autofree char *qpdf = NULL, *transfer = NULL, *out = NULL, *letter = NULL;
  GStatBuf st;
  int status = -1;

  text = render_ok (f, "meeting", meeting, NULL, "meeting.pdf");
  g_assert_nonnull (strstr (text, "党员大会"));
  g_assert_nonnull (strstr (text, "书记传达，党员交流。"));
  g_assert_nonnull (strstr (text, "Chainhash"));
  qpdf = run_tool ((const char *[]) { "qpdf", "--check", meeting_pdf, NULL }, &status);
  g_assert_cmpint (status, ==, 0);
  g_assert_nonnull (strstr (qpdf, "No syntax or stream encoding errors"));

  first = render_ok (f, "first-item", meeting, NULL, "first-item.pdf");
  g_assert_nonnull (strstr (first, "学习主题"));
  binder = render_ok (f, "binder", NULL, "--year=2026", "binder.pdf");
  g_assert_nonnull (strstr (binder, "Year2026"));
  roster = render_ok (f, "roster", NULL, NULL, "roster.pdf");
  g_assert_nonnull (strstr (roster, "邓华"));
  g_assert_null (strstr (roster, idn));
  full = render_ok (f, "roster", NULL, "--with-sensitive", "roster-full.pdf");
  g_assert_nonnull (strstr (full, idn));

  transfer = cli_ok (f, "member", "transfer", leaving, "--out", "--date", "2026-10-08",
                     "--organisation", "集团机关党委", NULL);
  g_assert_true (g_uuid_string_is_valid (transfer));
  out = cli_ok (f, "render", "transfer", transfer, "--valid-days", "60", "--contact",
                "010-65123456", "-o", letter_pdf, NULL);
  letter = pdf_text (letter_pdf);
  g_assert_nonnull (strstr (letter, idn2));
  g_assert_nonnull (strstr (letter, "(Validfor60days)"));
  g_assert_nonnull (strstr (letter, "010-65123456"));
  /* No letter number given: a blank for it. */
  g_assert_nonnull (strstr (letter, "No.________"));
  g_assert_cmpint (g_stat (letter_pdf, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);
  assert_no_temporary_files (f);
}

/* Runs a render that must fail with exit 1 and one line on stderr holding
 * @expected. */
static void
render_refused (Fixture    *f,
                const char *expected,
                const char *first,
                ...)
{
  g_auto(ZbTestRun) run = { 0 };
  va_list args;

  va_start (args, first);
  zb_test_cli_run_va (&run, f->db, f->passphrase_file, first, args);
  va_end (args);
  g_assert_cmpint (run.status, ==, 1);
  g_assert_cmpstr (run.out, ==, "");
  g_assert_cmpuint (count_lines (run.err), ==, 1);
  if (strstr (run.err, expected) == NULL)
    g_error ("“%s” is not in: %s", expected, run.err);
}

/* An unknown ID, an empty period or no -o: one line on stderr, exit 1, and
 * the file named by -o as it was, never half a PDF. */
static void
test_render_errors (Fixture       *f,
                    gconstpointer  data)
{
  g_autofree char *out = g_build_filename (f->dir, "out.pdf", NULL);
  g_autofree char *kept = NULL;
  g_auto(ZbTestRun) usage = { 0 };

  g_file_set_contents (out, "the secretary's old file", -1, NULL);
  render_refused (f, "No meeting has the ID no-such-meeting", "render", "meeting",
                  "no-such-meeting", "-o", out, NULL);
  render_refused (f, "No meeting has the ID no-such-meeting", "render", "first-item",
                  "no-such-meeting", "-o", out, NULL);
  render_refused (f, "No transfer has the ID no-such-transfer", "render", "transfer",
                  "no-such-transfer", "-o", out, NULL);
  render_refused (f, "No meetings recorded in 2026, quarter 3", "render", "binder", "--year",
                  "2026", "--quarter", "3", "-o", out, NULL);
  render_refused (f, "Output: give the PDF file to write with -o FILE", "render", "roster",
                  NULL);
  g_assert_true (g_file_get_contents (out, &kept, NULL, NULL));
  g_assert_cmpstr (kept, ==, "the secretary's old file");

  cli_run (f, &usage, "render", "minutes", "-o", out, NULL);
  g_assert_cmpint (usage.status, ==, 2);
  g_assert_nonnull (strstr (usage.err, "unknown document “minutes”"));
  assert_no_temporary_files (f);
}

/* Each command's --help names the whole command and its options. */
static void
test_help (Fixture       *f,
           gconstpointer  data)
{
  const char *commands[][3] = {
    { "member", "add", "--id-number" },
    { "dues", "pay", NULL },
    { "recruit", "step", NULL },
    { "check", NULL, "--from" },
    { "search", NULL, "--kind" },
    { "backup", NULL, NULL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    {
      g_auto(ZbTestRun) run = { 0 };
      g_autofree char *usage = NULL;

      if (commands[i][1] != NULL)
        cli_run (f, &run, commands[i][0], commands[i][1], "--help", NULL);
      else
        cli_run (f, &run, commands[i][0], "--help", NULL);
      g_assert_cmpint (run.status, ==, 0);
      usage = commands[i][1] != NULL
              ? g_strdup_printf ("zhibu-cli %s %s [OPTION", commands[i][0], commands[i][1])
              : g_strdup_printf ("zhibu-cli %s [OPTION", commands[i][0]);
      g_test_message ("%s", run.out);
      g_assert_nonnull (strstr (run.out, usage));
      if (commands[i][2] != NULL)
        g_assert_nonnull (strstr (run.out, commands[i][2]));
    }
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("/cli/help", test_help);
  ADD ("/cli/member/add-and-list", test_add_and_list);
  ADD ("/cli/member/edit-show-archive", test_edit_show_archive);
  ADD ("/cli/member/transfer", test_transfer);
  ADD ("/cli/committee", test_committee);
  ADD ("/cli/meeting", test_meeting);
  ADD ("/cli/minutes", test_minutes);
  ADD ("/cli/meeting/show", test_meeting_show);
  ADD ("/cli/meeting/refusals", test_meeting_refusals);
  ADD ("/cli/verify", test_verify);
  ADD ("/cli/check", test_check);
  ADD ("/cli/settings", test_settings);
  ADD ("/cli/first-item", test_first_item);
  ADD ("/cli/wrong-passphrase", test_wrong_passphrase);
  ADD ("/cli/refusals", test_refusals);
  ADD ("/cli/limits", test_limits);
  ADD ("/cli/stored-control-characters", test_stored_control_characters);
  ADD ("/cli/import/gb18030-crlf", test_import_gb18030);
  ADD ("/cli/import/english-headers", test_import_english);
  ADD ("/cli/import/one-bad-row", test_import_one_bad_row);
  ADD ("/cli/export", test_export);
  ADD ("/cli/dates", test_dates);
  ADD ("/cli/export/formula-guard", test_export_formula_guard);
  ADD ("/cli/read-only-refusals", test_read_only_refusals);
  ADD ("/cli/init/short-passphrase", test_init_short_passphrase);
  ADD ("/cli/render", test_render);
  ADD ("/cli/render/errors", test_render_errors);
  g_test_add_func ("/cli/concurrent", test_concurrent);

  return g_test_run ();
}
