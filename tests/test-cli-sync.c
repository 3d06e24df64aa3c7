#define G_LOG_DOMAIN "test-cli-sync"

#include "config.h"

#include <locale.h>
#include <string.h>
#include <sys/stat.h>

#include <json-glib/json-glib.h>

#include "zb-test-sync-server.h"
#include "zb-test-util.h"

/* zhibu-cli enrol, sync, conflicts and rejected (DESIGN.md, CLI contract)
 * against the threaded fixture server, which answers while the test waits
 * for the CLI. Two branch databases stand for two PCs. */

typedef struct
{
  char             *dir;
  char             *passphrase_file;
  ZbTestSyncServer *server;
} Fixture;


static char *
db_path (Fixture    *f,
         const char *pc)
{
  return g_strdup_printf ("%s/%s.zhibu", f->dir, pc);
}

static char *
token_path (Fixture    *f,
            const char *pc)
{
  return g_strdup_printf ("%s/%s.token", f->dir, pc);
}

/* zhibu-cli --db PC.zhibu --passphrase-file … ARGS */
static void
cli_run (Fixture    *f,
         ZbTestRun  *run,
         const char *pc,
         const char *first,
         ...)
{
  g_autofree char *db = db_path (f, pc);
  va_list args;

  va_start (args, first);
  zb_test_cli_run_va (run, db, f->passphrase_file, first, args);
  va_end (args);
}

static void
cli_ok (Fixture    *f,
        ZbTestRun  *run,
        const char *pc,
        const char *first,
        ...)
{
  g_autoptr(GPtrArray) args = g_ptr_array_new ();
  va_list ap;

  g_ptr_array_add (args, (gpointer) first);
  va_start (ap, first);
  for (const char *a = va_arg (ap, const char *); a != NULL; a = va_arg (ap, const char *))
    g_ptr_array_add (args, (gpointer) a);
  va_end (ap);
  while (args->len < 8)
    g_ptr_array_add (args, NULL);

  cli_run (f, run, pc, args->pdata[0], args->pdata[1], args->pdata[2], args->pdata[3],
           args->pdata[4], args->pdata[5], args->pdata[6], args->pdata[7], NULL);
  g_assert_cmpstr (run->err, ==, "");
  g_assert_cmpint (run->status, ==, 0);
}

static char *
add_member (Fixture    *f,
            const char *pc,
            const char *name,
            guint       serial)
{
  g_autofree char *idn = zb_test_id_number ("1980-02-03", serial % 2, serial);
  g_auto(ZbTestRun) run = { 0 };

  cli_run (f, &run, pc, "member", "add", "--name", name, "--id-number", idn, "--category",
           "full", "--joined", "2012-06-30", "--full-date", "2013-06-30", NULL);
  g_assert_cmpint (run.status, ==, 0);
  return g_strdup (g_strchomp (run.out));
}

static void
enrol (Fixture    *f,
       const char *pc)
{
  g_autofree char *code = zb_test_sync_server_add_code (f->server);
  g_autofree char *token = token_path (f, pc);
  g_auto(ZbTestRun) run = { 0 };

  cli_ok (f, &run, pc, "enrol", "--server", zb_test_sync_server_get_url (f->server), "--code",
          code, "--token-file", token, NULL);
  g_assert_cmpstr (run.out, ==, "Enrolled in 测试支部\n");
}

static void
sync_pc (Fixture    *f,
         ZbTestRun  *run,
         const char *pc)
{
  g_autofree char *token = token_path (f, pc);

  cli_run (f, run, pc, "sync", "--server", zb_test_sync_server_get_url (f->server),
           "--token-file", token, NULL);
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  const char *pcs[] = { "a", "b" };

  f->dir = zb_test_make_dir ();
  f->passphrase_file = g_build_filename (f->dir, "passphrase", NULL);
  g_file_set_contents (f->passphrase_file, "风雨同舟 2026\n", -1, NULL);
  f->server = zb_test_sync_server_new ();

  for (guint i = 0; i < G_N_ELEMENTS (pcs); i++)
    {
      g_auto(ZbTestRun) run = { 0 };

      cli_ok (f, &run, pcs[i], "init", "--branch", "第一党支部", NULL);
    }
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_clear_pointer (&f->server, zb_test_sync_server_free);
  zb_test_remove_dir (f->dir);
  g_free (f->dir);
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

static JsonArray *
parse_array (const char *json)
{
  g_autoptr(JsonNode) node = json_from_string (json, NULL);

  g_assert_nonnull (node);
  g_assert_true (JSON_NODE_HOLDS_ARRAY (node));
  return json_array_ref (json_node_get_array (node));
}

/* Enrol keeps the token in a 0600 file; sync prints one line; the other PC
 * gets the record. */
static void
test_enrol_and_sync (Fixture       *f,
                     gconstpointer  data)
{
  g_autofree char *member = add_member (f, "a", "王芳", 1);
  g_autofree char *token = token_path (f, "a");
  g_auto(ZbTestRun) first = { 0 };
  g_auto(ZbTestRun) again = { 0 };
  g_auto(ZbTestRun) pulled = { 0 };
  g_auto(ZbTestRun) list = { 0 };
  struct stat st;

  enrol (f, "a");
  g_assert_cmpint (stat (token, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);

  sync_pc (f, &first, "a");
  g_assert_cmpstr (first.err, ==, "");
  g_assert_cmpint (first.status, ==, 0);
  g_assert_cmpstr (first.out, ==, "Pushed 1 change, pulled 1, 0 conflicts open, 0 rejected\n");
  sync_pc (f, &again, "a");
  g_assert_cmpstr (again.out, ==, "Pushed 0 changes, pulled 0, 0 conflicts open, 0 rejected\n");

  enrol (f, "b");
  sync_pc (f, &pulled, "b");
  g_assert_cmpint (pulled.status, ==, 0);
  g_assert_cmpstr (pulled.out, ==, "Pushed 0 changes, pulled 1, 0 conflicts open, 0 rejected\n");
  cli_ok (f, &list, "b", "member", "list", "--format", "csv", NULL);
  g_assert_nonnull (strstr (list.out, member));
  g_assert_nonnull (strstr (list.out, "王芳"));
}

/* Failures are one line on stderr and exit 1; usage errors exit 2. */
static void
test_failures (Fixture       *f,
               gconstpointer  data)
{
  g_autofree char *token = token_path (f, "a");
  g_autofree char *code = zb_test_sync_server_add_code (f->server);
  g_auto(ZbTestRun) insecure = { 0 };
  g_auto(ZbTestRun) unenrolled = { 0 };
  g_auto(ZbTestRun) refused = { 0 };
  g_auto(ZbTestRun) usage = { 0 };
  g_auto(ZbTestRun) revoked = { 0 };

  cli_run (f, &insecure, "a", "sync", "--server", "http://sync.example.org", NULL);
  g_assert_cmpint (insecure.status, ==, 1);
  g_assert_nonnull (strstr (insecure.err, "http://"));

  sync_pc (f, &unenrolled, "a");
  g_assert_cmpint (unenrolled.status, ==, 1);
  g_assert_nonnull (strstr (unenrolled.err, "enrol"));

  cli_run (f, &refused, "a", "enrol", "--server", zb_test_sync_server_get_url (f->server),
           "--code", "WRONG-CODE", "--token-file", token, NULL);
  g_assert_cmpint (refused.status, ==, 1);
  g_assert_false (g_file_test (token, G_FILE_TEST_EXISTS));

  cli_run (f, &usage, "a", "enrol", "--server", zb_test_sync_server_get_url (f->server), NULL);
  g_assert_cmpint (usage.status, ==, 2);

  enrol (f, "a");
  zb_test_sync_server_revoke_tokens (f->server);
  sync_pc (f, &revoked, "a");
  g_assert_cmpint (revoked.status, ==, 1);
  g_assert_nonnull (strstr (revoked.err, "enrol again"));
  g_assert_cmpuint (count_lines (revoked.err), ==, 1);
}

/* A conflict listed with both values, resolved from the CLI, closed by the
 * next sync. */
static void
test_conflicts (Fixture       *f,
                gconstpointer  data)
{
  g_autofree char *member = add_member (f, "a", "孙丽", 2);
  g_auto(ZbTestRun) s1 = { 0 }, s2 = { 0 }, s3 = { 0 }, s4 = { 0 }, s5 = { 0 };
  g_auto(ZbTestRun) e1 = { 0 }, e2 = { 0 };
  g_auto(ZbTestRun) json = { 0 }, table = { 0 }, both = { 0 }, resolve = { 0 }, after = { 0 };
  g_auto(ZbTestRun) show = { 0 }, empty = { 0 }, sensitive = { 0 }, table_sensitive = { 0 };
  g_autoptr(JsonArray) conflicts = NULL;
  g_autoptr(JsonArray) unmasked = NULL;
  g_autoptr(JsonArray) later = NULL;
  JsonObject *c;
  g_autofree char *id = NULL;

  enrol (f, "a");
  enrol (f, "b");
  sync_pc (f, &s1, "a");
  sync_pc (f, &s2, "b");

  cli_ok (f, &e1, "a", "member", "edit", member, "--phone", "13911110000", NULL);
  sync_pc (f, &s3, "a");
  cli_ok (f, &e2, "b", "member", "edit", member, "--phone", "13700002222", NULL);
  sync_pc (f, &s4, "b");
  g_assert_cmpint (s4.status, ==, 0);
  g_assert_cmpstr (s4.out, ==, "Pushed 1 change, pulled 2, 1 conflict open, 0 rejected\n");

  /* Phones masked as in the roster, unless asked for. */
  cli_ok (f, &json, "b", "conflicts", "list", "--format", "json", NULL);
  conflicts = parse_array (json.out);
  g_assert_cmpuint (json_array_get_length (conflicts), ==, 1);
  c = json_array_get_object_element (conflicts, 0);
  g_assert_cmpstr (json_object_get_string_member (c, "table"), ==, "members");
  g_assert_cmpstr (json_object_get_string_member (c, "row_id"), ==, member);
  g_assert_cmpstr (json_object_get_string_member (c, "column"), ==, "phone");
  g_assert_cmpstr (json_object_get_string_member (c, "kept"), ==, "139****0000");
  g_assert_cmpstr (json_object_get_string_member (c, "pushed"), ==, "137****2222");
  g_assert_cmpstr (json_object_get_string_member (c, "state"), ==, "open");
  id = g_strdup (json_object_get_string_member (c, "id"));
  g_assert_null (strstr (json.out, "13911110000"));
  g_assert_null (strstr (json.out, "13700002222"));

  cli_ok (f, &sensitive, "b", "conflicts", "list", "--format", "json", "--with-sensitive", NULL);
  unmasked = parse_array (sensitive.out);
  c = json_array_get_object_element (unmasked, 0);
  g_assert_cmpstr (json_object_get_string_member (c, "kept"), ==, "13911110000");
  g_assert_cmpstr (json_object_get_string_member (c, "pushed"), ==, "13700002222");

  cli_ok (f, &table, "b", "conflicts", "list", NULL);
  g_assert_nonnull (strstr (table.out, id));
  g_assert_nonnull (strstr (table.out, "137****2222"));
  g_assert_null (strstr (table.out, "13911110000"));
  g_assert_null (strstr (table.out, "13700002222"));
  cli_ok (f, &table_sensitive, "b", "conflicts", "list", "--with-sensitive", NULL);
  g_assert_nonnull (strstr (table_sensitive.out, "13700002222"));

  cli_run (f, &both, "b", "conflicts", "resolve", id, "--pick", "kept", "--value", "1", NULL);
  g_assert_cmpint (both.status, ==, 2);
  cli_ok (f, &resolve, "b", "conflicts", "resolve", id, "--value", "13800003333", NULL);
  cli_ok (f, &after, "b", "conflicts", "list", "--format", "json", NULL);
  later = parse_array (after.out);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (later, 0),
                                                  "state"), ==, "resolving");

  sync_pc (f, &s5, "b");
  g_assert_cmpint (s5.status, ==, 0);
  g_assert_true (g_str_has_suffix (s5.out, "0 conflicts open, 0 rejected\n"));
  cli_ok (f, &empty, "b", "conflicts", "list", "--format", "json", NULL);
  g_assert_cmpstr (g_strstrip (empty.out), ==, "[]");
  cli_ok (f, &show, "b", "member", "show", member, "--format", "json", "--with-sensitive", NULL);
  g_assert_nonnull (strstr (show.out, "13800003333"));
}

/* With GLib's debug messages on, `sync` still prints its one line on
 * stdout, for the script reading it: the messages (here, the retry after a
 * 503) go to stderr. */
static void
test_debug_to_stderr (Fixture       *f,
                      gconstpointer  data)
{
  g_autofree char *member = add_member (f, "a", "王芳", 5);
  g_autofree char *db = db_path (f, "a");
  g_autofree char *token = token_path (f, "a");
  g_auto(GStrv) envp = g_environ_setenv (g_get_environ (), "G_MESSAGES_DEBUG", "all", TRUE);
  g_auto(ZbTestRun) run = { 0 };

  enrol (f, "a");
  zb_test_sync_server_fail_next (f->server, "/v1/push", 503, "unavailable", 0);
  zb_test_cli_run_env (&run, envp, db, "--passphrase-file", f->passphrase_file, "sync",
                       "--server", zb_test_sync_server_get_url (f->server), "--token-file",
                       token, NULL);
  g_test_message ("stdout: %s\nstderr: %s", run.out, run.err);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_cmpstr (run.out, ==, "Pushed 1 change, pulled 1, 0 conflicts open, 0 rejected\n");
  g_assert_nonnull (strstr (run.err, "try 1 failed"));
}

/* What the server refuses is listed with its reason; the rest still goes. */
static void
test_rejected (Fixture       *f,
               gconstpointer  data)
{
  g_autofree char *kept = add_member (f, "a", "韩梅", 3);
  g_autofree char *refused = add_member (f, "a", "卫青", 4);
  g_auto(ZbTestRun) s1 = { 0 }, s2 = { 0 }, e1 = { 0 }, e2 = { 0 }, json = { 0 }, table = { 0 };
  g_auto(ZbTestRun) whole = { 0 };
  g_autoptr(JsonArray) rejected = NULL;
  g_autoptr(JsonArray) rejected_whole = NULL;
  JsonObject *r;

  enrol (f, "a");
  sync_pc (f, &s1, "a");
  cli_ok (f, &e1, "a", "member", "edit", refused, "--post", "拒绝", "--phone", "13912345678",
          NULL);
  cli_ok (f, &e2, "a", "member", "edit", kept, "--post", "组织委员", NULL);
  zb_test_sync_server_reject_value (f->server, "post", "拒绝", "finalised");
  sync_pc (f, &s2, "a");
  g_assert_cmpint (s2.status, ==, 0);
  g_assert_cmpstr (s2.out, ==, "Pushed 1 change, pulled 2, 0 conflicts open, 1 rejected\n");

  cli_ok (f, &json, "a", "rejected", "list", "--format", "json", NULL);
  rejected = parse_array (json.out);
  g_assert_cmpuint (json_array_get_length (rejected), ==, 1);
  r = json_array_get_object_element (rejected, 0);
  g_assert_cmpstr (json_object_get_string_member (r, "row_id"), ==, refused);
  g_assert_cmpstr (json_object_get_string_member (r, "error"), ==, "finalised");
  g_assert_cmpstr (json_object_get_string_member (r, "reason"), ==, "测试服务器拒绝了这项修改");
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (r, "fields"),
                                                  "post"), ==, "拒绝");
  /* The phone that was sent, masked as every list shows it, unless asked. */
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (r, "fields"),
                                                  "phone"), ==, "139****5678");
  g_assert_null (strstr (json.out, "13912345678"));
  cli_ok (f, &whole, "a", "rejected", "list", "--format", "json", "--with-sensitive", NULL);
  rejected_whole = parse_array (whole.out);
  r = json_array_get_object_element (rejected_whole, 0);
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (r, "fields"),
                                                  "phone"), ==, "13912345678");

  cli_ok (f, &table, "a", "rejected", "list", NULL);
  g_assert_nonnull (strstr (table.out, refused));
  g_assert_nonnull (strstr (table.out, "finalised"));
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add ("/cli-sync/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("enrol-and-sync", test_enrol_and_sync);
  ADD ("failures", test_failures);
  ADD ("conflicts", test_conflicts);
  ADD ("debug-to-stderr", test_debug_to_stderr);
  ADD ("rejected", test_rejected);

  return g_test_run ();
}
