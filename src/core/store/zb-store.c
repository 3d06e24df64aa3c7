#define G_LOG_DOMAIN "zb-store"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <unistd.h>

#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "zb-date.h"
#include "zb-member-rules.h"
#include "zb-migrations.h"
#include "zb-pinyin.h"
#include "zb-secret.h"
#include "zb-store-private.h"

#define SALT_BYTES       16
#define PAGE_SIZE        4096
#define PASSPHRASE_KDF   256000
#define CACHE_KIB        32768
#define BUSY_TIMEOUT_MS  10000

G_DEFINE_FINAL_TYPE (ZbStore, zb_store, G_TYPE_OBJECT)

static char *
query_string (sqlite3     *db,
              const char  *sql,
              GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = zb_sql_prepare (db, sql, error);

  if (stmt == NULL)
    return NULL;
  if (sqlite3_step (stmt) != SQLITE_ROW)
    {
      zb_sql_fail (db, error);
      return NULL;
    }

  return g_strdup ((const char *) sqlite3_column_text (stmt, 0));
}

/* SQLCipher 4 (the Flatpak) reads Zhibu's version 3 files only in
 * compatibility mode, which also resets the page size: set it first. */
gboolean
zb_store_apply_cipher_settings (sqlite3      *db,
                       const ZbKey  *key,
                       GError      **error)
{
  g_autofree char *key_pragma = zb_key_to_pragma (key);
  g_autofree char *version = NULL;

  if (!zb_sql_exec (db, key_pragma, error))
    return FALSE;

  version = query_string (db, "PRAGMA cipher_version", NULL);
  if (version != NULL && g_str_has_prefix (version, "4.") &&
      !zb_sql_exec (db, "PRAGMA cipher_compatibility = 3", error))
    return FALSE;

  if (!zb_sql_exec (db, "PRAGMA cipher_page_size = " G_STRINGIFY (PAGE_SIZE), error))
    return FALSE;

  if (zb_key_get_kind (key) == ZB_KEY_PASSPHRASE &&
      !zb_sql_exec (db, "PRAGMA kdf_iter = " G_STRINGIFY (PASSPHRASE_KDF), error))
    return FALSE;

  return TRUE;
}

/* PRAGMA key always succeeds: the first read tells whether the key fits.
 * SQLCipher cannot tell a wrong key from a file that is no database. */
static gboolean
check_key (sqlite3     *db,
           const char  *path,
           GError     **error)
{
  int rc = sqlite3_exec (db, "SELECT count(*) FROM sqlite_master", NULL, NULL, NULL);

  if (rc == SQLITE_NOTADB)
    {
      g_set_error (error, ZB_STORE_ERROR, ZB_STORE_ERROR_WRONG_KEY,
                   _("Cannot open %s: the key or passphrase is wrong, or the file is not a "
                     "Zhibu database (SQLCipher: file is encrypted or is not a database)"),
                   path);
      return FALSE;
    }
  if (rc != SQLITE_OK)
    return zb_sql_fail (db, error);

  return TRUE;
}

/* Opening never creates a schema: a file that opens with the key but holds
 * no Zhibu database (an empty file, another program's) is refused before
 * anything writes to it, WAL's header and the migrations included, so that a
 * mistyped --db leaves it as it was. */
static gboolean
check_zhibu_schema (sqlite3     *db,
                    const char  *path,
                    GError     **error)
{
  g_autofree char *version = query_string (db, "PRAGMA user_version", error);
  g_autofree char *meta = NULL;

  if (version == NULL)
    return FALSE;
  meta = query_string (db, "SELECT count(*) FROM sqlite_master WHERE type = 'table' "
                           "AND name = 'meta'", error);
  if (meta == NULL)
    return FALSE;
  if (g_str_equal (version, "0") || g_str_equal (meta, "0"))
    {
      g_set_error (error, ZB_STORE_ERROR, ZB_STORE_ERROR_FOREIGN,
                   _("%s is empty or not a Zhibu database, and was left as it was; give the "
                     "branch’s database, or create one with “zhibu-cli init”"), path);
      return FALSE;
    }

  return TRUE;
}

static int
pinyin_collate (void       *pinyin,
                int         a_length,
                const void *a,
                int         b_length,
                const void *b)
{
  return zb_pinyin_compare (pinyin, a, a_length, b, b_length);
}

/* ORDER BY name COLLATE PINYIN puts names in pinyin order (DESIGN.md), and
 * zb_name_key() makes the roster's keys in the same order. Only queries and
 * the store's own writes use them, never the schema: sqlcipher's own shell,
 * which lacks them, still reads and writes every table. The collation owns
 * the collator both share; a connection serves one thread at a time. */
static gboolean
add_pinyin_collation (sqlite3  *db,
                      GError  **error)
{
  ZbPinyin *pinyin = zb_pinyin_new ();

  if (sqlite3_create_collation_v2 (db, "PINYIN", SQLITE_UTF8, pinyin, pinyin_collate,
                                   (void (*) (void *)) zb_pinyin_free) != SQLITE_OK)
    {
      zb_pinyin_free (pinyin);
      g_set_error (error, ZB_STORE_ERROR, ZB_STORE_ERROR_FAILED, "%s", sqlite3_errmsg (db));
      return FALSE;
    }

  return zb_store_add_name_key_function (db, pinyin, error);
}

static gboolean
apply_connection_settings (sqlite3   *db,
                           gboolean   read_only,
                           GError   **error)
{
  if (!add_pinyin_collation (db, error))
    return FALSE;
  if (!read_only && !zb_sql_exec (db, "PRAGMA journal_mode = WAL", error))
    return FALSE;

  return zb_sql_exec (db,
                      "PRAGMA synchronous = NORMAL;"
                      "PRAGMA foreign_keys = ON;"
                      "PRAGMA temp_store = MEMORY;"
                      "PRAGMA cache_size = -" G_STRINGIFY (CACHE_KIB),
                      error) &&
         (!read_only || zb_sql_exec (db, "PRAGMA query_only = 1", error));
}

static sqlite3 *
open_connection (const char   *path,
                 const ZbKey  *key,
                 gboolean      create,
                 gboolean      read_only,
                 GError      **error)
{
  int flags = SQLITE_OPEN_READWRITE | (create ? SQLITE_OPEN_CREATE : 0);
  sqlite3 *db = NULL;

  if (sqlite3_open_v2 (path, &db, flags, NULL) != SQLITE_OK)
    {
      g_set_error (error, ZB_STORE_ERROR, ZB_STORE_ERROR_FAILED, _("Cannot open %s: %s"), path,
                   db ? sqlite3_errmsg (db) : g_strerror (ENOMEM));
      sqlite3_close (db);
      return NULL;
    }

  /* Set before the first read, the key check: the app, a cron sync and the
   * CLI may all have the file open, and a connection that meets another's
   * lock (or the last connection's checkpoint as it closes) waits for it
   * instead of failing with "database is locked". */
  sqlite3_busy_timeout (db, BUSY_TIMEOUT_MS);

  if (!zb_store_apply_cipher_settings (db, key, error) || !check_key (db, path, error) ||
      (!create && !check_zhibu_schema (db, path, error)) ||
      !apply_connection_settings (db, read_only, error))
    {
      sqlite3_close (db);
      return NULL;
    }

  return db;
}

/* A keyed connection with the store's settings, for the sync server's own
 * database, which is a SQLCipher file too (DESIGN.md, CLI contract). */
sqlite3 *
zb_sql_open (const char   *path,
             const ZbKey  *key,
             gboolean      create,
             GError      **error)
{
  return open_connection (path, key, create, FALSE, error);
}

static gboolean
load_meta (ZbStore  *self,
           GError  **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  stmt = zb_sql_prepare (self->writer, "SELECT key, value FROM meta", error);
  if (stmt == NULL)
    return FALSE;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *key = (const char *) sqlite3_column_text (stmt, 0);
      char *value = g_strdup ((const char *) sqlite3_column_text (stmt, 1));

      char **slot = NULL;

      if (g_str_equal (key, "uuid"))
        slot = &self->uuid;
      else if (g_str_equal (key, "branch_name"))
        slot = &self->branch_name;
      else if (g_str_equal (key, "device_id"))
        slot = &self->device_id;

      if (slot != NULL)
        {
          g_free (*slot);
          *slot = value;
        }
      else
        g_free (value);
    }

  /* A failed read is no proof that the file is foreign. */
  if (rc != SQLITE_DONE)
    return zb_sql_fail (self->writer, error);
  if (self->uuid == NULL)
    {
      g_set_error (error, ZB_STORE_ERROR, ZB_STORE_ERROR_FAILED,
                   _("%s is an encrypted database, but not one made by Zhibu"), self->path);
      return FALSE;
    }

  return TRUE;
}

static gboolean
write_meta (ZbStore     *self,
            const char  *branch_name,
            GError     **error)
{
  const char *keys[] = { "uuid", "device_id", "branch_name", "created_at" };
  g_autofree char *now = zb_store_now ();
  g_autofree char *uuid = g_uuid_string_random ();
  g_autofree char *device = g_uuid_string_random ();
  const char *values[] = { uuid, device, branch_name, now };
  g_autoptr(sqlite3_stmt) stmt = NULL;

  stmt = zb_sql_prepare (self->writer, "INSERT INTO meta (key, value) VALUES (?, ?)", error);
  if (stmt == NULL)
    return FALSE;

  for (guint i = 0; i < G_N_ELEMENTS (keys); i++)
    {
      sqlite3_reset (stmt);
      zb_sql_bind_text (stmt, 1, keys[i]);
      zb_sql_bind_text (stmt, 2, values[i]);
      if (sqlite3_step (stmt) != SQLITE_DONE)
        return zb_sql_fail (self->writer, error);
    }

  return TRUE;
}

/* Timestamps of records are UTC, unlike the dates in them. */
char *
zb_store_now (void)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();

  return g_date_time_format (now, "%Y-%m-%dT%H:%M:%SZ");
}

static guint
read_schema_version (sqlite3 *db)
{
  g_autofree char *version = query_string (db, "PRAGMA user_version", NULL);

  return version ? (guint) g_ascii_strtoull (version, NULL, 10) : 0;
}

static void
zb_store_finalize (GObject *object)
{
  ZbStore *self = (ZbStore *)object;

  g_clear_pointer (&self->find_id_number, sqlite3_finalize);
  g_clear_pointer (&self->reader, sqlite3_close);
  g_clear_pointer (&self->writer, sqlite3_close);
  g_mutex_clear (&self->write_lock);
  g_clear_pointer (&self->key, zb_key_free);
  g_free (self->path);
  g_free (self->uuid);
  g_free (self->branch_name);
  g_ptr_array_unref (self->former_names);
  g_free (self->device_id);

  G_OBJECT_CLASS (zb_store_parent_class)->finalize (object);
}

static void
zb_store_class_init (ZbStoreClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = zb_store_finalize;
}

static void
zb_store_init (ZbStore *self)
{
  g_mutex_init (&self->write_lock);
  self->former_names = g_ptr_array_new_with_free_func (g_free);
}

static ZbStore *
store_new (const char  *path,
           const ZbKey *key)
{
  ZbStore *self = g_object_new (ZB_TYPE_STORE, NULL);

  self->path = g_strdup (path);
  self->key = zb_key_copy (key);
  return self;
}

/* Creating writes a first transaction, and so the salt, before switching to
 * WAL, so that the salt is in the main file where the keyring lookup reads it. */
ZbStore *
zb_store_create_at_version (const char   *path,
                            const ZbKey  *key,
                            const char   *branch_name,
                            guint         version,
                            GError      **error)
{
  g_autoptr(ZbStore) self = NULL;
  g_autofree char *dir = g_path_get_dirname (path);

  if (g_file_test (path, G_FILE_TEST_EXISTS))
    {
      g_set_error (error, ZB_STORE_ERROR, ZB_STORE_ERROR_EXISTS,
                   _("%s already exists; choose another file or open it"), path);
      return NULL;
    }
  if (g_mkdir_with_parents (dir, 0700) != 0)
    {
      int saved = errno;
      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved),
                   _("Cannot create the folder %s: %s"), dir, g_strerror (saved));
      return NULL;
    }

  self = store_new (path, key);
  self->writer = open_connection (path, key, TRUE, FALSE, error);
  if (self->writer == NULL ||
      !zb_migrations_run (self->writer, version, error) ||
      !zb_sql_exec (self->writer, "BEGIN IMMEDIATE", error) ||
      !write_meta (self, branch_name, error) ||
      !zb_sql_exec (self->writer, "COMMIT", error) ||
      !zb_sql_exec (self->writer, "PRAGMA wal_checkpoint(TRUNCATE)", error) ||
      !load_meta (self, error) ||
      !zb_store_guard_limits (self->writer, error) ||
      !zb_store_name_keys_refresh (self, error))
    {
      g_clear_pointer (&self->writer, sqlite3_close);
      g_unlink (path);
      return NULL;
    }

  self->schema_version = read_schema_version (self->writer);
  return g_steal_pointer (&self);
}

ZbStore *
zb_store_create (const char   *path,
                 const ZbKey  *key,
                 const char   *branch_name,
                 GError      **error)
{
  return zb_store_create_at_version (path, key, branch_name, zb_migrations_latest (), error);
}

/* Indexes what migration step 11 queued (every record of an older
 * database), another program changed, or the last commits of a store left
 * queued; with nothing queued, opening takes no write lock. */
static gboolean
index_queued (ZbStore  *self,
              GError  **error)
{
  if (!zb_store_search_pending_locked (self->writer))
    return TRUE;
  if (zb_store_begin_write (self, error) == NULL)
    return FALSE;
  if (!zb_store_search_flush_locked (self->writer, error))
    {
      zb_store_rollback_write (self);
      return FALSE;
    }

  return zb_store_commit_write (self, error);
}

ZbStore *
zb_store_open_at_version (const char   *path,
                          const ZbKey  *key,
                          guint         version,
                          GError      **error)
{
  g_autoptr(ZbStore) self = NULL;

  if (!g_file_test (path, G_FILE_TEST_IS_REGULAR))
    {
      g_set_error (error, ZB_STORE_ERROR, ZB_STORE_ERROR_MISSING,
                   _("There is no database at %s; create one with “zhibu-cli init”"), path);
      return NULL;
    }

  self = store_new (path, key);
  self->writer = open_connection (path, key, FALSE, FALSE, error);
  if (self->writer == NULL || !zb_migrations_run (self->writer, version, error) ||
      !load_meta (self, error) || !zb_store_guard_limits (self->writer, error) ||
      !index_queued (self, error) || !zb_store_name_keys_refresh (self, error))
    return NULL;

  self->schema_version = read_schema_version (self->writer);
  return g_steal_pointer (&self);
}

ZbStore *
zb_store_open (const char   *path,
               const ZbKey  *key,
               GError      **error)
{
  return zb_store_open_at_version (path, key, zb_migrations_latest (), error);
}

char *
zb_store_default_path (void)
{
  return g_build_filename (g_get_user_data_dir (), PACKAGE_NAME, "branch.zhibu", NULL);
}

guint
zb_store_latest_version (void)
{
  return zb_migrations_latest ();
}

/* The first 16 bytes of a SQLCipher file are its random salt, in the clear. */
char *
zb_store_read_file_salt (const char  *path,
                         GError     **error)
{
  guint8 salt[SALT_BYTES];
  g_autoptr(GString) hex = g_string_new (NULL);
  ssize_t n;
  int fd;

  fd = g_open (path, O_RDONLY | O_CLOEXEC, 0);
  if (fd < 0)
    {
      int saved = errno;
      g_set_error (error, ZB_STORE_ERROR,
                   saved == ENOENT ? ZB_STORE_ERROR_MISSING : ZB_STORE_ERROR_FAILED,
                   _("Cannot read %s: %s"), path, g_strerror (saved));
      return NULL;
    }
  n = read (fd, salt, sizeof salt);
  close (fd);

  if (n != sizeof salt)
    {
      g_set_error (error, ZB_STORE_ERROR, ZB_STORE_ERROR_WRONG_KEY,
                   _("%s is too short to be a Zhibu database"), path);
      return NULL;
    }

  for (guint i = 0; i < sizeof salt; i++)
    g_string_append_printf (hex, "%02x", salt[i]);
  return g_string_free (g_steal_pointer (&hex), FALSE);
}

const char *
zb_store_get_path (ZbStore *self)
{
  return self->path;
}

const char *
zb_store_get_uuid (ZbStore *self)
{
  return self->uuid;
}

/* The device ID this database syncs as, and signs its finalised records with. */
const char *
zb_store_get_device_id (ZbStore *self)
{
  return self->device_id;
}

const char *
zb_store_get_branch_name (ZbStore *self)
{
  return self->branch_name;
}

guint
zb_store_get_schema_version (ZbStore *self)
{
  return self->schema_version;
}

/* Opened on first use: the CLI never needs it, and a passphrase costs a key
 * derivation per connection. */
sqlite3 *
zb_store_get_reader (ZbStore  *self,
                     GError  **error)
{
  if (self->reader == NULL)
    self->reader = open_connection (self->path, self->key, FALSE, TRUE, error);

  return self->reader;
}

/* The connection a small read runs on. The thread that took the reader
 * (the app's main thread, see zb_store_read_here()) never waits for the
 * write connection: while a worker holds it, that thread reads through the
 * read-only connection, which WAL lets read while a worker writes, so that
 * a sync round or an import never freezes the window. When no one holds
 * it, it reads through the write connection, under its lock: in WAL mode a
 * connection drops its whole page cache when it starts to read after
 * another one committed, and the read connection would decrypt again every
 * page it reads after each save (SQLCipher's cost per page, issue 14),
 * where the write connection's cache is always current. Any other thread
 * (and any program without a reader) reads through the write connection,
 * under its lock. Pair with zb_store_end_read(). */
sqlite3 *
zb_store_begin_read (ZbStore *self)
{
  if (self->reader != NULL && self->reader_thread == g_thread_self ())
    return g_mutex_trylock (&self->write_lock) ? self->writer : self->reader;

  g_mutex_lock (&self->write_lock);
  return self->writer;
}

void
zb_store_end_read (ZbStore *self,
                   sqlite3 *db)
{
  if (db == self->writer)
    g_mutex_unlock (&self->write_lock);
}

/* From now on, small reads made on this thread go through the read-only
 * connection: the app calls it on its main thread once the store is open.
 * SQLite connections are not shared between threads, so only one may. */
gboolean
zb_store_read_here (ZbStore  *self,
                    GError  **error)
{
  if (zb_store_get_reader (self, error) == NULL)
    return FALSE;

  self->reader_thread = g_thread_self ();
  return TRUE;
}

/* Takes the write connection for one transaction; every user action is one. */
sqlite3 *
zb_store_begin_write (ZbStore  *self,
                      GError  **error)
{
  g_mutex_lock (&self->write_lock);

  if (!zb_sql_exec (self->writer, "BEGIN IMMEDIATE", error))
    {
      g_mutex_unlock (&self->write_lock);
      return NULL;
    }

  return self->writer;
}

/* The roster's sort keys are brought up to date with the transaction's
 * changes before it commits, in it (zb-store-name-keys.c); a commit that
 * leaves many records queued for the search index indexes them in it, and a
 * few wait for the next read of the index (zb-store-search.c). */
gboolean
zb_store_commit_write (ZbStore  *self,
                       GError  **error)
{
  gboolean ok = zb_store_search_flush_due_locked (self->writer, error) &&
                zb_store_name_keys_flush_locked (self->writer, error) &&
                zb_sql_exec (self->writer, "COMMIT", error);

  if (!ok)
    zb_sql_exec (self->writer, "ROLLBACK", NULL);

  g_mutex_unlock (&self->write_lock);
  return ok;
}

void
zb_store_rollback_write (ZbStore *self)
{
  zb_sql_exec (self->writer, "ROLLBACK", NULL);
  g_mutex_unlock (&self->write_lock);
}

static void
unlink_database (const char *path)
{
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);
  g_autofree char *shm = g_strconcat (path, "-shm", NULL);

  g_unlink (wal);
  g_unlink (shm);
  g_unlink (path);
}

/* A new database with a random key that only the keyring keeps. Without a
 * keyring to keep it the file would be lost, so it is removed again. */
ZbStore *
zb_store_create_in_keyring (const char    *path,
                            const char    *branch_name,
                            GCancellable  *cancellable,
                            GError       **error)
{
  g_autoptr(ZbKey) key = zb_key_new_random (error);
  g_autoptr(ZbStore) self = NULL;
  g_autofree char *salt = NULL;
  g_autofree char *label = NULL;
  g_autoptr(GError) local_error = NULL;

  if (key == NULL)
    return NULL;

  self = zb_store_create (path, key, branch_name, error);
  if (self == NULL)
    return NULL;

  salt = zb_store_read_file_salt (path, error);
  /* TRANSLATORS: the label of the key in the keyring; %s is the branch */
  label = g_strdup_printf (_("Zhibu database key for %s"), branch_name);
  if (salt == NULL ||
      !zb_secret_store_key (salt, self->uuid, label, key, cancellable, &local_error))
    {
      g_clear_object (&self);
      unlink_database (path);
      if (local_error != NULL)
        g_set_error (error, ZB_STORE_ERROR, ZB_STORE_ERROR_NO_KEY,
                     _("No keyring could keep the key of the new database (%s); choose a "
                       "passphrase instead"), local_error->message);
      return NULL;
    }

  return g_steal_pointer (&self);
}

/* A file without a key in the keyring is a recovery case, never a new key. */
ZbKey *
zb_store_lookup_key (const char    *path,
                     GCancellable  *cancellable,
                     GError       **error)
{
  g_autofree char *salt = zb_store_read_file_salt (path, error);
  g_autoptr(GError) local_error = NULL;
  ZbKey *key;

  if (salt == NULL)
    return NULL;

  key = zb_secret_lookup_key (salt, cancellable, &local_error);
  if (key != NULL)
    return key;

  g_set_error (error, ZB_STORE_ERROR, ZB_STORE_ERROR_NO_KEY,
               _("No unlocked keyring holds the key of %s%s%s. Open it with its passphrase, or "
                 "restore the database and its key from a backup"),
               path, local_error ? ": " : "", local_error ? local_error->message : "");
  return NULL;
}

ZbStore *
zb_store_open_from_keyring (const char    *path,
                            GCancellable  *cancellable,
                            GError       **error)
{
  g_autoptr(ZbKey) key = NULL;

  if (!g_file_test (path, G_FILE_TEST_IS_REGULAR))
    return zb_store_open (path, NULL, error);

  key = zb_store_lookup_key (path, cancellable, error);
  if (key == NULL)
    return NULL;

  return zb_store_open (path, key, error);
}

/* Opens the read connection now, in the caller's thread: the app calls it
 * from the thread that opened the store, so that the key derivation of a
 * passphrase never runs on the main thread. */
gboolean
zb_store_open_reader (ZbStore  *self,
                      GError  **error)
{
  return zb_store_get_reader (self, error) != NULL;
}

/* Runs @body in one write transaction: every user action is one. */
gboolean
zb_store_run_write (ZbStore      *self,
                    ZbWriteFunc   body,
                    gpointer      data,
                    GError      **error)
{
  sqlite3 *db = zb_store_begin_write (self, error);

  if (db == NULL)
    return FALSE;
  if (!body (db, data, error))
    {
      zb_store_rollback_write (self);
      return FALSE;
    }

  return zb_store_commit_write (self, error);
}

/* Runs @body on the read connection, for a read of several queries. */
gboolean
zb_store_run_read (ZbStore      *self,
                   ZbWriteFunc   body,
                   gpointer      data,
                   GError      **error)
{
  sqlite3 *db = zb_store_begin_read (self);
  gboolean ok = body (db, data, error);

  zb_store_end_read (self, db);
  return ok;
}

typedef struct
{
  ZbStoreCall     call;
  gpointer        data;
  GDestroyNotify  data_free;
} CallJob;

static void
call_job_free (CallJob *job)
{
  if (job->data_free != NULL)
    job->data_free (job->data);
  g_free (job);
}

static void
call_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  CallJob *job = task_data;
  GError *error = NULL;

  if (job->call (source_object, job->data, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

/* Runs @call with @data in a worker thread: whatever the app writes goes
 * through here, so that the window never waits on the database. @data
 * belongs to the call from here on. */
void
zb_store_call_async (ZbStore             *self,
                     ZbStoreCall          call,
                     gpointer             data,
                     GDestroyNotify       data_free,
                     GCancellable        *cancellable,
                     GAsyncReadyCallback  callback,
                     gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (self, cancellable, callback, user_data);
  CallJob *job = g_new0 (CallJob, 1);

  job->call = call;
  job->data = data;
  job->data_free = data_free;
  g_task_set_source_tag (task, zb_store_call_async);
  g_task_set_task_data (task, job, (GDestroyNotify) call_job_free);
  g_task_run_in_thread (task, call_thread);
}

gboolean
zb_store_call_finish (ZbStore       *self,
                      GAsyncResult  *result,
                      GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

/* The data given to zb_store_call_async(), for its callback. */
gpointer
zb_store_call_get_data (GAsyncResult *result)
{
  CallJob *job = g_task_get_task_data (G_TASK (result));

  return job->data;
}

/* A write refused by the records' rules; @message names the field and
 * says what to do. Always FALSE, for `return zb_store_refuse (…)`. */
gboolean
zb_store_refuse (GError     **error,
                 const char  *message)
{
  g_set_error_literal (error, ZB_MEMBER_ERROR, ZB_MEMBER_ERROR_INVALID, message);
  return FALSE;
}
