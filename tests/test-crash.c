#define G_LOG_DOMAIN "test-crash"

#include "config.h"

#include <locale.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include <glib-unix.h>
#include <glib/gstdio.h>

#include "zb-demo.h"
#include "zb-member-csv.h"
#include "zb-store-private.h"
#include "zb-test-server.h"
#include "zb-test-util.h"

/* Crash safety (issue 14): zhibu-cli killed with SIGKILL at random points of
 * an import, an edit, minutes written, a meeting finalised and a sync with a
 * real zhibu-server on loopback. After each kill the database opens, passes
 * PRAGMA integrity_check and `zhibu-cli verify`, and holds every change
 * reported saved: the CLI's exit 0 before the kill, or what an earlier check
 * saw in the file (committed is committed). The change under the kill is
 * all there or not at all. At the end both PCs sync to the same records: no
 * push lost or doubled by a kill. The kill comes after a random delay in
 * microseconds from a seeded GRand: the seed is printed, and ZB_CRASH_SEED
 * replays it. ZB_CRASH_KILLS sets how many (the stress suite: 170).
 * /crash/app, below, does the same to the app under Xvfb. */

#define DEFAULT_KILLS 24
#define IMPORT_ROWS   400
#define BRANCH        "第一党支部"
#define GROUP         "测试党小组"

typedef enum
{
  OP_IMPORT,
  OP_EDIT,
  OP_MINUTES,
  OP_FINALISE,
  OP_SYNC,
  N_OPS
} OpKind;

static const char * const op_names[N_OPS] = { "import", "edit", "minutes", "finalise", "sync" };

/* The one change a run of the CLI makes, and what shows it there. */
typedef struct
{
  OpKind     kind;
  GPtrArray *args;        /* the CLI's arguments after --db and --passphrase-file */
  GPtrArray *id_numbers;  /* import: its rows; sync: the peer's member it brings */
  char      *target;      /* edit: the member; minutes: the item's title; finalise: meeting */
  char      *value;       /* edit: the new name; minutes: the minutes */
} Change;

typedef struct
{
  char         *dir;
  char         *pc;             /* the database the CLI is killed on */
  char         *peer;           /* another PC of the branch, never killed */
  char         *passphrase_file;
  char         *pc_token;
  char         *peer_token;
  ZbTestServer *server;
  GRand        *rand;
  GPtrArray    *pool;           /* ZbMember: rows for the imports to come */
  GHashTable   *used;           /* ID numbers given to an import */
  guint         serial;         /* of the peer's members and of files */
  char         *chair;
  char         *recorder;
  char         *minutes_meeting;

  /* What the database must hold from now on. */
  GHashTable   *names;          /* member ID → name */
  GPtrArray    *imported;       /* GPtrArray of ID numbers, one per import there */
  GHashTable   *items;          /* agenda item title → minutes */
  GPtrArray    *finalised;      /* meeting IDs */
  GPtrArray    *pulled;         /* ID numbers of the peer's members */

  gint64        expected[N_OPS]; /* microseconds a run of each kind is expected to take */
  gint64        expected_write[N_OPS]; /* of them, from its first write on */
  gint64        took[N_OPS];    /* microseconds, summed over the runs not killed */
  guint         ran[N_OPS];
  guint         killed[N_OPS];
  guint         completed[N_OPS];
  guint         committed[N_OPS]; /* killed after their commit */
} Crash;

static void
change_free (Change *change)
{
  g_ptr_array_unref (change->args);
  g_clear_pointer (&change->id_numbers, g_ptr_array_unref);
  g_free (change->target);
  g_free (change->value);
  g_free (change);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Change, change_free)

static Change *
change_new (OpKind kind)
{
  Change *change = g_new0 (Change, 1);

  change->kind = kind;
  change->args = g_ptr_array_new_with_free_func (g_free);
  return change;
}

static void
add_args (Change     *change,
          const char *first,
          ...)
{
  va_list args;

  va_start (args, first);
  for (const char *a = first; a != NULL; a = va_arg (args, const char *))
    g_ptr_array_add (change->args, g_strdup (a));
  va_end (args);
}

static ZbStore *
open_store (const char *path)
{
  g_autoptr(ZbKey) key = zb_test_key ();
  g_autoptr(GError) error = NULL;
  ZbStore *store = zb_store_open (path, key, &error);

  g_assert_no_error (error);
  return store;
}

/* zhibu-cli on @db, not killed: its stdout. */
static char *
cli_ok (Crash      *c,
        const char *db,
        const char *first,
        ...)
{
  g_auto(ZbTestRun) run = { 0 };
  va_list args;

  va_start (args, first);
  zb_test_cli_run_va (&run, db, c->passphrase_file, first, args);
  va_end (args);
  if (run.status != 0)
    g_error ("zhibu-cli %s failed: %s", first, run.err);
  return g_steal_pointer (&run.out);
}

/* Where a kill lands: @delay µs after the start, or after the first write
 * to the database's WAL when @from_write. Half the kills count from the
 * write: a run spends most of its time starting (the passphrase's key
 * derivation alone is a tenth of a second), and counted from the start
 * nearly every kill would land before the change's transaction began. */
typedef struct
{
  gboolean from_write;
  guint    delay;
} KillPoint;

/* The delay is drawn up to a fifth past how long the last run of this kind
 * that ended took, from its start or from its first write (or past the
 * longest a killed one ran since), so that most kills land inside a run and
 * some after it. A sync's length depends on what waits to be pushed: hence
 * the last run, not the mean. */
static KillPoint
draw_kill_point (Crash  *c,
                 OpKind  kind)
{
  KillPoint point = { g_rand_boolean (c->rand), 0 };
  gint64 span = point.from_write ? c->expected_write[kind] : c->expected[kind];

  point.delay = g_rand_int_range (c->rand, 0, MAX (span * 6 / 5, 1000));
  return point;
}

static goffset
wal_size (Crash *c)
{
  g_autofree char *wal = g_strconcat (c->pc, "-wal", NULL);
  GStatBuf st;

  return g_stat (wal, &st) == 0 ? st.st_size : 0;
}

static GPid
spawn_change (Crash  *c,
              Change *change,
              int    *err_fd)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  GPid pid;

  g_ptr_array_add (argv, (char *) g_getenv ("ZHIBU_CLI"));
  g_ptr_array_add (argv, "--db");
  g_ptr_array_add (argv, c->pc);
  g_ptr_array_add (argv, "--passphrase-file");
  g_ptr_array_add (argv, c->passphrase_file);
  for (guint i = 0; i < change->args->len; i++)
    g_ptr_array_add (argv, g_ptr_array_index (change->args, i));
  g_ptr_array_add (argv, NULL);

  g_spawn_async_with_pipes (NULL, (char **) argv->pdata, NULL,
                            G_SPAWN_DO_NOT_REAP_CHILD | G_SPAWN_STDOUT_TO_DEV_NULL, NULL, NULL,
                            &pid, NULL, NULL, err_fd, &error);
  g_assert_no_error (error);
  return pid;
}

static char *
read_all (int fd)
{
  g_autoptr(GIOChannel) channel = g_io_channel_unix_new (fd);
  char *text = NULL;

  g_io_channel_set_close_on_unref (channel, TRUE);
  g_io_channel_set_encoding (channel, NULL, NULL);
  g_io_channel_read_to_end (channel, &text, NULL, NULL);
  return text;
}

/* Runs the change's command and kills it at @point, unless it ended first.
 * TRUE when it ended by itself: then it must have succeeded. */
static gboolean
run_until_killed (Crash     *c,
                  Change    *change,
                  KillPoint  point)
{
  g_autofree char *err = NULL;
  goffset wal_before = wal_size (c);
  gint64 start = g_get_monotonic_time ();
  gint64 first_write = 0, end;
  int err_fd, status = 0;
  gboolean ended = FALSE;
  GPid pid = spawn_change (c, change, &err_fd);

  for (;;)
    {
      gint64 now = g_get_monotonic_time ();
      gint64 from = point.from_write ? first_write : start;

      if (first_write == 0 && wal_size (c) != wal_before)
        first_write = now;
      if (from != 0 && now >= from + point.delay)
        break;
      if ((ended = waitpid (pid, &status, WNOHANG) == pid))
        break;
      g_usleep (100);
    }
  end = g_get_monotonic_time ();
  if (!ended)
    {
      kill (pid, SIGKILL);
      g_assert_cmpint (waitpid (pid, &status, 0), ==, pid);
    }
  g_spawn_close_pid (pid);
  err = read_all (err_fd);

  if (WIFSIGNALED (status) && WTERMSIG (status) == SIGKILL)
    {
      c->expected[change->kind] = MAX (c->expected[change->kind], end - start);
      if (first_write != 0)
        c->expected_write[change->kind] = MAX (c->expected_write[change->kind],
                                               end - first_write);
      return FALSE;
    }
  if (!WIFEXITED (status) || WEXITSTATUS (status) != 0)
    g_error ("zhibu-cli %s failed (status %d): %s", (char *) g_ptr_array_index (change->args, 0),
             status, err);

  c->expected[change->kind] = end - start;
  if (first_write != 0)
    c->expected_write[change->kind] = end - first_write;
  c->took[change->kind] += end - start;
  c->ran[change->kind]++;
  return TRUE;
}

/* One run of each kind, not killed, first: their times set the range the
 * delays are drawn from. */
static void
calibrate (Crash  *c,
           Change *change)
{
  g_assert_true (run_until_killed (c, change, (KillPoint) { FALSE, G_MAXINT32 }));
}

static GHashTable *
sql_set (ZbStore    *store,
         const char *sql)
{
  g_autoptr(GError) error = NULL;
  GHashTable *set = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  sqlite3 *db = zb_store_begin_write (store, &error);
  g_autoptr(sqlite3_stmt) stmt = NULL;

  g_assert_no_error (error);
  stmt = zb_sql_prepare (db, sql, &error);
  g_assert_no_error (error);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    g_hash_table_insert (set, g_strdup ((const char *) sqlite3_column_text (stmt, 0)),
                         g_strdup ((const char *) sqlite3_column_text (stmt, 1)));
  g_clear_pointer (&stmt, sqlite3_finalize);
  zb_store_rollback_write (store);
  return set;
}

static guint
count_present (GHashTable *set,
               GPtrArray  *keys)
{
  guint n = 0;

  for (guint i = 0; i < keys->len; i++)
    n += g_hash_table_contains (set, g_ptr_array_index (keys, i));
  return n;
}

/* What earlier checks found there, still there. */
static void
check_kept (Crash      *c,
            GHashTable *id_numbers,
            GHashTable *names,
            GHashTable *items,
            GHashTable *finalised)
{
  GHashTableIter iter;
  gpointer key, value;

  for (guint i = 0; i < c->imported->len; i++)
    g_assert_cmpuint (count_present (id_numbers, g_ptr_array_index (c->imported, i)), ==,
                      IMPORT_ROWS);
  g_assert_cmpuint (count_present (id_numbers, c->pulled), ==, c->pulled->len);
  g_assert_cmpuint (count_present (finalised, c->finalised), ==, c->finalised->len);

  g_hash_table_iter_init (&iter, c->names);
  while (g_hash_table_iter_next (&iter, &key, &value))
    g_assert_cmpstr (g_hash_table_lookup (names, key), ==, value);
  g_hash_table_iter_init (&iter, c->items);
  while (g_hash_table_iter_next (&iter, &key, &value))
    g_assert_cmpstr (g_hash_table_lookup (items, key), ==, value);
}

/* The change under the kill: all there or none of it; all of it when the CLI
 * reported it saved. What is there is kept from now on. */
static gboolean
check_change (Crash      *c,
              Change     *change,
              gboolean    reported,
              GHashTable *id_numbers,
              GHashTable *names,
              GHashTable *items,
              GHashTable *finalised)
{
  gboolean there = FALSE;

  switch (change->kind)
    {
    case OP_IMPORT:
      {
        guint n = count_present (id_numbers, change->id_numbers);

        if (n != 0 && n != IMPORT_ROWS)
          g_error ("import killed with %u of its %u rows in the database", n, IMPORT_ROWS);
        there = n == IMPORT_ROWS;
        if (there)
          g_ptr_array_add (c->imported, g_ptr_array_ref (change->id_numbers));
      }
      break;
    case OP_EDIT:
      {
        const char *now = g_hash_table_lookup (names, change->target);

        there = g_strcmp0 (now, change->value) == 0;
        if (!there)
          g_assert_cmpstr (now, ==, g_hash_table_lookup (c->names, change->target));
        g_hash_table_insert (c->names, g_strdup (change->target), g_strdup (now));
      }
      break;
    case OP_MINUTES:
      there = g_hash_table_contains (items, change->target);
      if (there)
        {
          g_assert_cmpstr (g_hash_table_lookup (items, change->target), ==, change->value);
          g_hash_table_insert (c->items, g_strdup (change->target), g_strdup (change->value));
        }
      break;
    case OP_FINALISE:
      there = g_hash_table_contains (finalised, change->target);
      if (there)
        g_ptr_array_add (c->finalised, g_strdup (change->target));
      break;
    case OP_SYNC:
      there = count_present (id_numbers, change->id_numbers) == change->id_numbers->len;
      if (there)
        for (guint i = 0; i < change->id_numbers->len; i++)
          g_ptr_array_add (c->pulled, g_strdup (g_ptr_array_index (change->id_numbers, i)));
      break;
    default:
      g_assert_not_reached ();
    }

  if (reported && !there)
    g_error ("%s reported saved, not in the database after the kill", op_names[change->kind]);
  return there;
}

/* The database opens, is sound, verifies, and holds what it must. */
static void
check_pc (Crash    *c,
          Change   *change,
          gboolean  reported)
{
  g_autoptr(ZbStore) store = open_store (c->pc);
  g_autofree char *integrity = zb_test_sql_text (store, "PRAGMA integrity_check");
  g_autoptr(GHashTable) id_numbers = sql_set (store, "SELECT id_number, id FROM members");
  g_autoptr(GHashTable) names = sql_set (store, "SELECT id, name FROM members");
  g_autoptr(GHashTable) items = sql_set (store, "SELECT title, minutes FROM agenda_items");
  g_autoptr(GHashTable) finalised = sql_set (store, "SELECT id, finalized_at FROM meetings "
                                                    "WHERE finalized_at IS NOT NULL");

  g_assert_cmpstr (integrity, ==, "ok");
  /* The change first: an edit's member may hold its new name. */
  if (change != NULL && check_change (c, change, reported, id_numbers, names, items, finalised) &&
      !reported)
    c->committed[change->kind]++;
  check_kept (c, id_numbers, names, items, finalised);
  if (change != NULL && change->kind == OP_SYNC && reported)
    g_assert_cmpint (zb_test_sql_int (store, "SELECT count(*) FROM sync_outbox"), ==, 0);
  g_clear_object (&store);

  g_free (cli_ok (c, c->pc, "verify", NULL));
}

static ZbMember *
take_member (Crash *c)
{
  if (c->pool->len == 0)
    {
      g_ptr_array_unref (c->pool);
      c->pool = zb_demo_make_members (IMPORT_ROWS, g_rand_int (c->rand));
    }
  return g_ptr_array_steal_index_fast (c->pool, c->pool->len - 1);
}

static Change *
make_import (Crash *c)
{
  Change *change = change_new (OP_IMPORT);
  g_autoptr(GListStore) rows = g_list_store_new (ZB_TYPE_MEMBER);
  g_autoptr(GError) error = NULL;
  guint serial = ++c->serial;
  g_autofree char *name = g_strdup_printf ("roster-%u.%s", serial, serial % 2 ? "csv" : "xlsx");
  g_autofree char *path = g_build_filename (c->dir, name, NULL);

  change->id_numbers = g_ptr_array_new_with_free_func (g_free);
  while (change->id_numbers->len < IMPORT_ROWS)
    {
      g_autoptr(ZbMember) member = take_member (c);
      const char *id_number = zb_member_get (member, ZB_MEMBER_FIELD_ID_NUMBER);

      /* People made from another seed may share an ID number. */
      if (!g_hash_table_add (c->used, g_strdup (id_number)))
        continue;
      g_ptr_array_add (change->id_numbers, g_strdup (id_number));
      g_list_store_append (rows, member);
    }
  zb_member_export_file (G_LIST_MODEL (rows), TRUE, path, &error);
  g_assert_no_error (error);
  add_args (change, "member", "import", path, NULL);
  return change;
}

static Change *
make_edit (Crash *c)
{
  Change *change = change_new (OP_EDIT);
  g_autoptr(GList) ids = g_hash_table_get_keys (c->names);

  change->target = g_strdup (g_list_nth_data (ids, g_rand_int_range (c->rand, 0,
                                                                     g_list_length (ids))));
  change->value = g_strdup_printf ("改名%u", ++c->serial);
  add_args (change, "member", "edit", change->target, "--name", change->value, NULL);
  return change;
}

static Change *
make_minutes (Crash *c)
{
  Change *change = change_new (OP_MINUTES);
  g_autoptr(GString) minutes = g_string_new (NULL);

  change->target = g_strdup_printf ("议题%u", ++c->serial);
  for (guint i = 0; i < 40; i++)
    g_string_append_printf (minutes, "第%u段：与会党员围绕议题%u逐一发言。", i + 1, c->serial);
  change->value = g_string_free (g_steal_pointer (&minutes), FALSE);
  add_args (change, "meeting", "item", "add", c->minutes_meeting, "--title", change->target,
            "--minutes", change->value, NULL);
  return change;
}

/* A group meeting with its chair, recorder and first item, made before the
 * run that finalises it. Of a party group: a record keeps everyone expected
 * on its day, and the whole roster of thousands imported here would pass the
 * snapshot's limit. */
static Change *
make_finalise (Crash *c)
{
  Change *change = change_new (OP_FINALISE);
  g_autofree char *title = g_strdup_printf ("小组会%u", ++c->serial);
  g_autofree char *date = g_strdup_printf ("2026-%02u-%02u", 1 + c->serial % 11,
                                           1 + c->serial % 28);
  g_autofree char *out = cli_ok (c, c->pc, "meeting", "add", "--type", "group", "--group",
                                 GROUP, "--date", date, "--title", title, "--chair", c->chair,
                                 "--recorder", c->recorder, NULL);

  change->target = g_strdup (g_strchomp (out));
  g_free (cli_ok (c, c->pc, "first-item", "set", change->target, "--topic", "学习党章",
                  "--form", "领学", "--leader", "支部书记", "--participants", "小组全体党员",
                  "--proceedings", "书记领学，党员交流体会。", NULL));
  add_args (change, "meeting", "finalize", change->target, NULL);
  return change;
}

/* The peer adds a member and pushes it; the pc's sync must bring it. */
static Change *
make_sync (Crash *c)
{
  Change *change = change_new (OP_SYNC);
  guint serial = ++c->serial;
  g_autofree char *birth = g_strdup_printf ("19%02u-%02u-%02u", 40 + serial / 300 % 15,
                                            1 + serial / 28 % 12, 1 + serial % 28);
  g_autofree char *id_number = zb_test_id_number (birth, serial % 2, serial);
  g_autofree char *name = g_strdup_printf ("同步%u", serial);

  g_free (cli_ok (c, c->peer, "member", "add", "--name", name, "--id-number", id_number,
                  "--category", "full", "--joined", "1990-06-30", "--full-date", "1991-06-30",
                  NULL));
  g_free (cli_ok (c, c->peer, "sync", "--server", c->server->url, "--token-file",
                  c->peer_token, NULL));
  change->id_numbers = g_ptr_array_new_with_free_func (g_free);
  g_ptr_array_add (change->id_numbers, g_steal_pointer (&id_number));
  add_args (change, "sync", "--server", c->server->url, "--token-file", c->pc_token, NULL);
  return change;
}

static Change *
make_change (Crash  *c,
             OpKind  kind)
{
  switch (kind)
    {
    case OP_IMPORT:
      return make_import (c);
    case OP_EDIT:
      return make_edit (c);
    case OP_MINUTES:
      return make_minutes (c);
    case OP_FINALISE:
      return make_finalise (c);
    case OP_SYNC:
      return make_sync (c);
    default:
      g_assert_not_reached ();
    }
}

static char *
add_member (Crash      *c,
            ZbStore    *store,
            const char *name,
            guint       serial)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *id_number = zb_test_id_number ("1975-03-04", serial % 2, serial);
  g_autoptr(ZbMember) member = zb_test_member (name, id_number, ZB_CATEGORY_FULL);
  char *id;

  zb_member_set (member, ZB_MEMBER_FIELD_PARTY_GROUP, GROUP);
  id = zb_store_add_member (store, member, &error);

  g_assert_no_error (error);
  g_hash_table_add (c->used, g_steal_pointer (&id_number));
  return id;
}

static void
make_pc (Crash *c)
{
  const char *names[] = { "赵一", "钱二", "孙三", "李四", "周五", "吴六" };
  g_autoptr(ZbKey) key = zb_test_key ();
  g_autoptr(GError) error = NULL;
  g_autoptr(ZbStore) store = zb_store_create (c->pc, key, BRANCH, &error);
  g_autoptr(ZbStore) peer = zb_store_create (c->peer, key, BRANCH, &error);

  g_assert_no_error (error);
  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autofree char *id = add_member (c, store, names[i], i + 1);

      g_hash_table_insert (c->names, g_strdup (id), g_strdup (names[i]));
      if (i == 0)
        c->chair = g_strdup (id);
      if (i == 1)
        c->recorder = g_strdup (id);
    }
  c->minutes_meeting = zb_test_add_meeting (store, "lecture", "2026-11-20", "记录测试", NULL);
}

static void
enrol (Crash      *c,
       const char *db,
       const char *token)
{
  g_autofree char *code = zb_test_server_code (c->server, BRANCH, NULL);

  g_free (cli_ok (c, db, "enrol", "--server", c->server->url, "--code", code, "--token-file",
                  token, NULL));
}

static Crash *
crash_new (guint32 seed)
{
  Crash *c = g_new0 (Crash, 1);
  g_autofree char *server_dir = NULL;

  c->dir = zb_test_make_dir ();
  c->pc = g_build_filename (c->dir, "pc.zhibu", NULL);
  c->peer = g_build_filename (c->dir, "peer.zhibu", NULL);
  c->pc_token = g_build_filename (c->dir, "pc.token", NULL);
  c->peer_token = g_build_filename (c->dir, "peer.token", NULL);
  c->passphrase_file = zb_test_passphrase_file (c->dir);
  c->rand = g_rand_new_with_seed (seed);
  c->pool = g_ptr_array_new ();
  c->used = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  c->names = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  c->items = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  c->imported = g_ptr_array_new_with_free_func ((GDestroyNotify) g_ptr_array_unref);
  c->finalised = g_ptr_array_new_with_free_func (g_free);
  c->pulled = g_ptr_array_new_with_free_func (g_free);

  server_dir = g_build_filename (c->dir, "server", NULL);
  g_mkdir (server_dir, 0700);
  c->server = zb_test_server_new (server_dir, NULL);
  g_free (zb_test_server_add_branch (c->server, BRANCH));
  zb_test_server_start (c->server);

  make_pc (c);
  enrol (c, c->pc, c->pc_token);
  enrol (c, c->peer, c->peer_token);
  return c;
}

static void
crash_free (Crash *c)
{
  g_clear_pointer (&c->server, zb_test_server_free);
  zb_test_remove_dir (c->dir);
  g_free (c->dir);
  g_free (c->pc);
  g_free (c->peer);
  g_free (c->passphrase_file);
  g_free (c->pc_token);
  g_free (c->peer_token);
  g_free (c->chair);
  g_free (c->recorder);
  g_free (c->minutes_meeting);
  g_rand_free (c->rand);
  g_ptr_array_unref (c->pool);
  g_hash_table_unref (c->used);
  g_hash_table_unref (c->names);
  g_hash_table_unref (c->items);
  g_ptr_array_unref (c->imported);
  g_ptr_array_unref (c->finalised);
  g_ptr_array_unref (c->pulled);
  g_free (c);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Crash, crash_free)

/* The members, the names and the finalised records as one text, to compare
 * two PCs. */
static char *
describe (const char *path)
{
  g_autoptr(ZbStore) store = open_store (path);

  return zb_test_sql_text (store,
                           "SELECT (SELECT group_concat(x, ',') FROM (SELECT id_number || ':' || "
                           "name AS x FROM members ORDER BY 1)) || '|' || (SELECT "
                           "group_concat(x, ',') FROM (SELECT id || ':' || finalized_at AS x "
                           "FROM meetings WHERE finalized_at IS NOT NULL ORDER BY 1)) || '|' || "
                           "(SELECT group_concat(x, ',') FROM (SELECT title || ':' || "
                           "length(minutes) AS x FROM agenda_items ORDER BY 1))");
}

/* After all the kills, two more syncs of each PC bring them to the same
 * records: no push lost or doubled on the way. */
static void
check_converged (Crash *c)
{
  g_autofree char *pc = NULL, *peer = NULL;

  for (guint i = 0; i < 2; i++)
    {
      g_free (cli_ok (c, c->pc, "sync", "--server", c->server->url, "--token-file",
                      c->pc_token, NULL));
      g_free (cli_ok (c, c->peer, "sync", "--server", c->server->url, "--token-file",
                      c->peer_token, NULL));
    }
  pc = describe (c->pc);
  peer = describe (c->peer);
  g_assert_cmpstr (pc, ==, peer);
}

static guint32
get_seed (void)
{
  const char *env = g_getenv ("ZB_CRASH_SEED");

  if (env != NULL)
    return (guint32) g_ascii_strtoull (env, NULL, 10);
  return g_random_int ();
}

static void
test_cli_kills (void)
{
  const char *env = g_getenv ("ZB_CRASH_KILLS");
  guint kills = env ? (guint) g_ascii_strtoull (env, NULL, 10) : DEFAULT_KILLS;
  guint32 seed = get_seed ();
  g_autoptr(Crash) c = NULL;
  gint64 start = g_get_monotonic_time ();

  g_printerr ("crash: seed %" G_GUINT32_FORMAT " (ZB_CRASH_SEED=%" G_GUINT32_FORMAT
              " replays it), %u kills\n", seed, seed, kills);
  c = crash_new (seed);

  for (OpKind kind = 0; kind < N_OPS; kind++)
    {
      g_autoptr(Change) change = make_change (c, kind);

      calibrate (c, change);
      check_pc (c, change, TRUE);
    }

  for (guint i = 0; i < kills; i++)
    {
      OpKind kind = g_rand_int_range (c->rand, 0, N_OPS);
      g_autoptr(Change) change = make_change (c, kind);
      KillPoint point = draw_kill_point (c, kind);
      gboolean reported = run_until_killed (c, change, point);

      g_test_message ("kill %u: %s %u µs after its %s, %s", i + 1, op_names[kind], point.delay,
                      point.from_write ? "first write" : "start",
                      reported ? "it had ended" : "killed");
      if (reported)
        c->completed[kind]++;
      else
        c->killed[kind]++;
      check_pc (c, change, reported);
    }

  check_converged (c);

  for (OpKind kind = 0; kind < N_OPS; kind++)
    g_printerr ("crash: %-8s %3u killed (%3u of them after their commit), %3u ended first, "
                "a run takes %.0f ms\n", op_names[kind], c->killed[kind], c->committed[kind],
                c->completed[kind], c->took[kind] / MAX (c->ran[kind], 1) / 1e3);
  g_printerr ("crash: %u kills, nothing reported saved lost, in %.1f s\n", kills,
              (g_get_monotonic_time () - start) / 1e6);
}

/* The app: the minutes typed into a meeting's window while the app is
 * killed. Its autosave's report ("All changes saved at …") comes with a
 * debug line saying how many characters of the minutes it covers: those
 * must be in the file when the report comes, and after the kill. The
 * database then opens, is sound and verifies, as after the CLI's kills. */

#define APP_TITLE         "crash-test meeting"
#define DEFAULT_APP_KILLS 6
#define APP_MAX_DELAY     5000000

static char *
make_app_meeting (const char *path)
{
  g_autoptr(ZbKey) key = zb_test_key ();
  g_autoptr(GError) error = NULL;
  g_autoptr(ZbStore) store = zb_store_create (path, key, BRANCH, &error);

  g_assert_no_error (error);
  zb_demo_fill (store, 12, 7, &error);
  g_assert_no_error (error);
  return zb_test_add_meeting (store, "general", "2026-11-20", APP_TITLE, NULL);
}

/* The minutes of the meeting's one agenda item, through the store's reading
 * connection: the app writes on while this reads. */
static char *
read_app_minutes (ZbStore    *store,
                  const char *meeting_id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) items = zb_store_list_agenda_items (store, meeting_id, &error);
  g_autoptr(ZbAgendaItem) item = NULL;

  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (items), ==, 1);
  item = g_list_model_get_item (items, 0);
  return g_strdup (zb_agenda_item_get_minutes (item) ? zb_agenda_item_get_minutes (item) : "");
}

static char *
run_sync (const char *command)
{
  g_autoptr(GError) error = NULL;
  char *out = NULL;
  int status = -1;

  g_spawn_command_line_sync (command, &out, NULL, &status, &error);
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  return g_strchomp (out);
}

static GPid
spawn_app (const char  *path,
           const char  *passphrase_file,
           const char  *meeting,
           int         *out_fd)
{
  const char *argv[] = { g_getenv ("ZHIBU_APP"), "--db", path, "--passphrase-file",
                         passphrase_file, "--meeting", meeting, NULL };
  g_auto(GStrv) envp = g_environ_setenv (g_get_environ (), "G_MESSAGES_DEBUG",
                                         "zb-meeting-editor-autosave", TRUE);
  g_autoptr(GError) error = NULL;
  GPid pid;

  /* GLib writes debug messages to stdout. */
  g_spawn_async_with_pipes (NULL, (char **) argv, envp, G_SPAWN_DO_NOT_REAP_CHILD, NULL, NULL,
                            &pid, NULL, out_fd, NULL, &error);
  g_assert_no_error (error);
  g_unix_set_fd_nonblocking (*out_fd, TRUE, NULL);
  return pid;
}

/* Waits for the window and puts the cursor at the end of the minutes. */
static void
focus_minutes (void)
{
  g_autofree char *window = run_sync ("timeout 60 xdotool search --sync --onlyvisible --name \""
                                      APP_TITLE "\"");
  g_autofree char *cmd = NULL;
  const char *last = strrchr (window, '\n') ? strrchr (window, '\n') + 1 : window;

  g_assert_cmpstr (last, !=, "");
  g_usleep (G_USEC_PER_SEC / 2);
  cmd = g_strdup_printf ("xdotool windowfocus --sync %s key ctrl+End", last);
  g_free (run_sync (cmd));
}

static GPid
spawn_typing (const char *text)
{
  const char *argv[] = { "xdotool", "type", "--delay", "25", text, NULL };
  g_autoptr(GError) error = NULL;
  GPid pid;

  g_spawn_async (NULL, (char **) argv, NULL,
                 G_SPAWN_SEARCH_PATH | G_SPAWN_DO_NOT_REAP_CHILD | G_SPAWN_STDOUT_TO_DEV_NULL,
                 NULL, NULL, &pid, &error);
  g_assert_no_error (error);
  return pid;
}

/* The last report the app printed since the last call: how many characters
 * of the minutes (spaces left out) it said were saved, or -1. */
static int
read_report (int      fd,
             GString *pending)
{
  const char *marker = "all changes saved, ";
  char buf[4096];
  ssize_t n;
  int saved = -1;
  char *line_end;

  while ((n = read (fd, buf, sizeof buf)) > 0)
    g_string_append_len (pending, buf, n);
  while ((line_end = strchr (pending->str, '\n')) != NULL)
    {
      const char *report;

      *line_end = '\0';
      if ((report = strstr (pending->str, marker)) != NULL)
        saved = atoi (report + strlen (marker));
      g_string_erase (pending, 0, line_end + 1 - pending->str);
    }
  return saved;
}

static void
kill_and_reap (GPid pid,
               int  sig)
{
  kill (pid, sig);
  waitpid (pid, NULL, 0);
  g_spawn_close_pid (pid);
}

/* The minutes without their spaces: the app trims the ends of what it
 * saves, and the words typed are all different. */
static char *
squeeze (const char *text)
{
  GString *out = g_string_new (NULL);

  for (const char *p = text; *p; p++)
    if (*p != ' ')
      g_string_append_c (out, *p);
  return g_string_free (out, FALSE);
}

static gboolean
holds_start_of (const char *text,
                const char *start)
{
  g_autofree char *t = squeeze (text);
  g_autofree char *s = squeeze (start);

  if (g_str_has_prefix (t, s))
    return TRUE;
  g_test_message ("“%s” does not start with “%s”", text, start);
  return FALSE;
}

/* One launch: typing while the app runs, a kill after @delay µs of it. What
 * a report found in the file is returned, the reports counted. */
static char *
type_until_killed (ZbStore    *reader,
                   const char *path,
                   const char *passphrase_file,
                   const char *meeting,
                   const char *before,
                   const char *planned,
                   guint       delay,
                   guint      *n_reports)
{
  g_autoptr(GString) pending = g_string_new (NULL);
  /* Squeezed as a report's count is, so that the count logged for a launch
   * without a report is of the same characters. */
  g_autofree char *seen = squeeze (before);
  g_autofree char *whole = g_strconcat (before, planned, NULL);
  int out_fd;
  GPid app = spawn_app (path, passphrase_file, meeting, &out_fd);
  GPid typing;
  gint64 deadline;

  focus_minutes ();
  typing = spawn_typing (planned);
  deadline = g_get_monotonic_time () + delay;
  while (g_get_monotonic_time () < deadline)
    {
      int saved = read_report (out_fd, pending);

      if (saved >= 0)
        {
          g_autofree char *now = read_app_minutes (reader, meeting);
          g_autofree char *squeezed = squeeze (whole);

          /* What the report covers: in the file when it came. */
          (*n_reports)++;
          g_assert_cmpuint (saved, <=, strlen (squeezed));
          squeezed[saved] = '\0';
          g_assert_true (holds_start_of (now, squeezed));
          g_assert_true (holds_start_of (whole, now));
          g_free (seen);
          seen = g_steal_pointer (&squeezed);
        }
      g_usleep (MIN (2000, MAX (deadline - g_get_monotonic_time (), 0)));
    }
  kill_and_reap (app, SIGKILL);
  kill_and_reap (typing, SIGTERM);
  /* xdotool stopped between a key's press and its release would leave the
   * key held, repeating into the next window. */
  g_free (run_sync ("xdotool keyup k w space 0 1 2 3 4 5 6 7 8 9"));
  close (out_fd);
  return g_steal_pointer (&seen);
}

static void
check_app_db (const char *path,
              const char *passphrase_file)
{
  g_autoptr(ZbStore) store = open_store (path);
  g_autofree char *integrity = zb_test_sql_text (store, "PRAGMA integrity_check");
  g_auto(ZbTestRun) run = { 0 };

  g_assert_cmpstr (integrity, ==, "ok");
  g_clear_object (&store);
  zb_test_cli_run (&run, path, passphrase_file, "verify", NULL);
  g_assert_cmpint (run.status, ==, 0);
}

static void
test_app_kills (void)
{
  const char *env = g_getenv ("ZB_CRASH_APP_KILLS");
  guint kills = env ? (guint) g_ascii_strtoull (env, NULL, 10) : DEFAULT_APP_KILLS;
  guint32 seed = get_seed ();
  g_autoptr(GRand) rand = g_rand_new_with_seed (seed);
  g_autofree char *dir = zb_test_make_dir ();
  g_autofree char *path = g_build_filename (dir, "app.zhibu", NULL);
  g_autofree char *passphrase_file = zb_test_passphrase_file (dir);
  g_autofree char *meeting = make_app_meeting (path);
  g_autoptr(ZbStore) reader = open_store (path);
  g_autofree char *minutes = g_strdup ("");
  guint n_reports = 0, n_kept = 0;
  gint64 start = g_get_monotonic_time ();

  g_printerr ("crash-app: seed %" G_GUINT32_FORMAT " (ZB_CRASH_SEED=%" G_GUINT32_FORMAT
              " replays it), %u kills\n", seed, seed, kills);
  for (guint i = 0; i < kills; i++)
    {
      g_autoptr(GString) planned = g_string_new (NULL);
      guint delay = g_rand_int_range (rand, 0, APP_MAX_DELAY);
      g_autofree char *seen = NULL, *after = NULL, *whole = NULL, *squeezed = NULL;

      for (guint w = 0; w < 40; w++)
        g_string_append_printf (planned, " k%uw%u", i + 1, w + 1);
      seen = type_until_killed (reader, path, passphrase_file, meeting, minutes, planned->str,
                                delay, &n_reports);

      check_app_db (path, passphrase_file);
      after = read_app_minutes (reader, meeting);
      whole = g_strconcat (minutes, planned->str, NULL);
      squeezed = squeeze (after);
      g_test_message ("app kill %u after %u µs: %zu characters reported saved, %zu there "
                      "(spaces left out)", i + 1, delay, strlen (seen), strlen (squeezed));
      g_assert_true (holds_start_of (after, seen));
      g_assert_true (holds_start_of (whole, after));
      n_kept += strlen (after) > strlen (minutes);
      g_free (minutes);
      minutes = g_steal_pointer (&after);
    }

  g_printerr ("crash-app: %u kills, %u autosave reports held to, %u launches kept typing, "
              "nothing reported saved lost, in %.1f s\n", kills, n_reports, n_kept,
              (g_get_monotonic_time () - start) / 1e6);
  g_clear_object (&reader);
  zb_test_remove_dir (dir);
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/crash/cli", test_cli_kills);
  g_test_add_func ("/crash/app", test_app_kills);

  return g_test_run ();
}
