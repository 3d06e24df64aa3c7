#define G_LOG_DOMAIN "zb-store-backup"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "zb-secret.h"
#include "zb-store-backup.h"
#include "zb-store-private.h"

/* A backup is the whole database in one SQLCipher file keyed by a passphrase
 * asked at backup time (DESIGN.md, Storage): the database's own key lives
 * only in this PC's keyring, and a backup keyed by it would die with the PC.
 * It lives in the store room because it needs the write connection, the
 * cipher settings and the keyring, none of which a room above may reach.
 *
 * Neither direction ever leaves a half-written file under the name asked
 * for: each writes a temporary file beside the target, checks it, syncs it
 * to the disk and only then renames it into place. A killed process leaves
 * at most a hidden ".NAME.partial-XXXXXX" beside it. */

#define PAGE_SIZE       4096     /* as zb-store.c: every Zhibu file has 4 KiB pages */
#define PASSPHRASE_KDF  256000
#define PROGRESS_STEPS  1000
#define BACKUP_SCHEMA   "zb_backup"
#define RESTORE_SCHEMA  "zb_restore"

static gboolean
fail_errno (GError     **error,
            const char  *format,
            const char  *path)
{
  int saved = errno;

  g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved), format, path,
               g_strerror (saved));
  return FALSE;
}

/* The temporary file a backup or a restore is written to, in the target's
 * folder so that the last step is a rename within one file system. */
static char *
make_partial (const char  *target,
              GError     **error)
{
  g_autofree char *dir = g_path_get_dirname (target);
  g_autofree char *base = g_path_get_basename (target);
  g_autofree char *name = g_strdup_printf (".%s.partial-XXXXXX", base);
  g_autofree char *path = g_build_filename (dir, name, NULL);
  int fd;

  if (g_mkdir_with_parents (dir, 0700) != 0)
    {
      /* TRANSLATORS: a folder, then why */
      fail_errno (error, _("Cannot create the folder %s: %s"), dir);
      return NULL;
    }
  fd = g_mkstemp_full (path, O_RDWR | O_CLOEXEC, 0600);
  if (fd < 0)
    {
      fail_errno (error, _("Cannot write in the folder %s: %s"), dir);
      return NULL;
    }
  close (fd);
  return g_steal_pointer (&path);
}

static void
remove_partial (const char *path)
{
  const char *suffixes[] = { "-journal", "-wal", "-shm" };

  if (path == NULL)
    return;
  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *side = g_strconcat (path, suffixes[i], NULL);

      g_unlink (side);
    }
  g_unlink (path);
}

/* On the disk, not only in the page cache, before it gets its name. */
static gboolean
sync_file (const char  *path,
           GError     **error)
{
  int fd = g_open (path, O_RDONLY | O_CLOEXEC, 0);
  gboolean ok;

  if (fd < 0)
    return fail_errno (error, _("Cannot read %s: %s"), path);
  ok = fsync (fd) == 0 || fail_errno (error, _("Cannot write %s to the disk: %s"), path);
  close (fd);
  return ok;
}

/* The rename itself, on the disk. A folder that cannot be synced (some
 * network file systems) still has the file; nothing to report. */
static void
sync_dir_of (const char *path)
{
  g_autofree char *dir = g_path_get_dirname (path);
  int fd = g_open (dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC, 0);

  if (fd < 0)
    return;
  fsync (fd);
  close (fd);
}

static int
cancelled_cb (void *cancellable)
{
  return g_cancellable_is_cancelled (cancellable);
}

static char *
query_text (sqlite3     *db,
            const char  *sql,
            GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = zb_sql_prepare (db, sql, error);
  int rc;

  if (stmt == NULL)
    return NULL;
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    return g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  if (rc == SQLITE_DONE)
    return g_strdup ("");
  zb_sql_fail (db, error);
  return NULL;
}

/* The pragmas of zb_store_apply_cipher_settings(), for an attached file:
 * ATTACH takes the key, and these must follow before its first page. */
static gboolean
set_attached_cipher (sqlite3      *db,
                     const char   *schema,
                     const ZbKey  *key,
                     GError      **error)
{
  g_autofree char *version = query_text (db, "PRAGMA cipher_version", NULL);
  g_autofree char *compat = g_strdup_printf ("PRAGMA %s.cipher_compatibility = 3", schema);
  g_autofree char *page = g_strdup_printf ("PRAGMA %s.cipher_page_size = %d", schema, PAGE_SIZE);
  g_autofree char *kdf = g_strdup_printf ("PRAGMA %s.kdf_iter = %d", schema, PASSPHRASE_KDF);

  if (version != NULL && g_str_has_prefix (version, "4.") && !zb_sql_exec (db, compat, error))
    return FALSE;

  return zb_sql_exec (db, page, error) &&
         (zb_key_get_kind (key) != ZB_KEY_PASSPHRASE || zb_sql_exec (db, kdf, error));
}

/* The key goes in as a bound value, never pasted into the SQL: a raw key as
 * SQLCipher's x'…' form, a passphrase as it is. set_attached_cipher()
 * follows; whatever fails after this, the caller detaches. */
static gboolean
attach_keyed (sqlite3      *db,
              const char   *path,
              const char   *schema,
              const ZbKey  *key,
              GError      **error)
{
  g_autofree char *sql = g_strdup_printf ("ATTACH DATABASE ?1 AS %s KEY ?2", schema);
  g_autoptr(sqlite3_stmt) stmt = zb_sql_prepare (db, sql, error);
  char *secret;
  gboolean ok;

  if (stmt == NULL)
    return FALSE;
  if (zb_key_get_kind (key) == ZB_KEY_RAW)
    secret = g_strdup_printf ("x'%s'", zb_key_get_secret (key));
  else
    secret = g_strdup (zb_key_get_secret (key));

  zb_sql_bind_text (stmt, 1, path);
  zb_sql_bind_text (stmt, 2, secret);
  ok = zb_sql_step_done (db, stmt, error);
  explicit_bzero (secret, strlen (secret));
  g_free (secret);
  return ok;
}

static void
detach (sqlite3    *db,
        const char *schema)
{
  g_autofree char *sql = g_strdup_printf ("DETACH DATABASE %s", schema);

  zb_sql_exec (db, sql, NULL);
}

/* sqlcipher_export copies the tables with their rows, the indexes, the
 * AUTOINCREMENT counters (op IDs are never reused) and then the triggers,
 * so no outbox trigger fires on the copy; user_version it leaves, on 3.4.1. */
static gboolean
export_into (sqlite3     *db,
             const char  *schema,
             guint        version,
             GError     **error)
{
  g_autofree char *export = g_strdup_printf ("SELECT sqlcipher_export('%s')", schema);
  g_autofree char *set_version = g_strdup_printf ("PRAGMA %s.user_version = %u", schema, version);

  return zb_sql_exec (db, export, error) && zb_sql_exec (db, set_version, error);
}

static guint
read_version (sqlite3 *db)
{
  g_autofree char *version = query_text (db, "PRAGMA main.user_version", NULL);

  return version ? (guint) g_ascii_strtoull (version, NULL, 10) : 0;
}

/* One read transaction on the write connection: the copy is the database
 * as it was at one moment, whatever the app or a cron sync does meanwhile. */
static gboolean
export_backup (ZbStore       *self,
               const char    *partial,
               const ZbKey   *passphrase,
               GCancellable  *cancellable,
               GError       **error)
{
  sqlite3 *db = self->writer;
  gboolean attached, ok;

  g_mutex_lock (&self->write_lock);
  sqlite3_progress_handler (db, PROGRESS_STEPS, cancellable ? cancelled_cb : NULL, cancellable);
  attached = attach_keyed (db, partial, BACKUP_SCHEMA, passphrase, error);
  ok = attached && set_attached_cipher (db, BACKUP_SCHEMA, passphrase, error) &&
       zb_sql_exec (db, "BEGIN", error);
  ok = ok && export_into (db, BACKUP_SCHEMA, read_version (db), error) &&
       zb_sql_exec (db, "COMMIT", error);
  if (attached && !ok)
    zb_sql_exec (db, "ROLLBACK", NULL);
  if (attached)
    detach (db, BACKUP_SCHEMA);
  sqlite3_progress_handler (db, 0, NULL, NULL);
  g_mutex_unlock (&self->write_lock);

  return ok;
}

/* A file of whole pages: anything else was cut short (or is no backup). */
static gboolean
check_size (const char  *path,
            GError     **error)
{
  GStatBuf st;

  if (g_stat (path, &st) != 0)
    {
      if (errno == ENOENT)
        {
          g_set_error (error, ZB_STORE_ERROR, ZB_STORE_ERROR_MISSING,
                       _("Backup: there is no file at %s"), path);
          return FALSE;
        }
      return fail_errno (error, _("Cannot read %s: %s"), path);
    }
  if (S_ISREG (st.st_mode) && st.st_size > 0 && st.st_size % PAGE_SIZE == 0)
    return TRUE;

  g_set_error (error, ZB_STORE_ERROR, ZB_STORE_ERROR_DAMAGED,
               _("The backup %s is incomplete or damaged (it is cut short); nothing was "
                 "restored. Use another copy of the backup"), path);
  return FALSE;
}

/* @why: SQLite's words, of which the first line is enough (an integrity
 * check may list every page it could not read). */
static gboolean
damaged (GError     **error,
         const char  *path,
         const char  *why)
{
  g_autofree char *first = g_strndup (why ? why : "", strcspn (why ? why : "", "\n"));

  /* TRANSLATORS: a file, then SQLite's words for what is wrong */
  g_set_error (error, ZB_STORE_ERROR, ZB_STORE_ERROR_DAMAGED,
               _("The backup %s is damaged (%s); nothing was restored. Use another copy of "
                 "the backup"), path, first);
  return FALSE;
}

/* Opens a backup with its passphrase, changing nothing in it (no WAL, no
 * migration). PRAGMA key always succeeds: the first read tells. */
static sqlite3 *
open_backup (const char   *path,
             const ZbKey  *passphrase,
             int           flags,
             GError      **error)
{
  sqlite3 *db = NULL;
  int rc;

  if (sqlite3_open_v2 (path, &db, flags, NULL) != SQLITE_OK)
    {
      g_set_error (error, ZB_STORE_ERROR, ZB_STORE_ERROR_FAILED, _("Cannot open %s: %s"), path,
                   db ? sqlite3_errmsg (db) : g_strerror (ENOMEM));
      sqlite3_close (db);
      return NULL;
    }
  if (!zb_store_apply_cipher_settings (db, passphrase, error))
    goto fail;

  rc = sqlite3_exec (db, "SELECT count(*) FROM sqlite_master", NULL, NULL, NULL);
  if (rc == SQLITE_NOTADB)
    {
      g_set_error (error, ZB_STORE_ERROR, ZB_STORE_ERROR_WRONG_KEY,
                   _("Cannot open the backup %s: the passphrase is wrong, or the file is not a "
                     "Zhibu backup. Type the passphrase given when the backup was made"), path);
      goto fail;
    }
  if (rc != SQLITE_OK)
    {
      damaged (error, path, sqlite3_errmsg (db));
      goto fail;
    }
  /* SQLCipher leaves temporary files in the clear: none for the export's
   * sorts and statement journals (DESIGN.md, nothing readable on disk). */
  if (!zb_sql_exec (db, "PRAGMA temp_store = MEMORY", error))
    goto fail;
  return db;

fail:
  sqlite3_close (db);
  return NULL;
}

/* Every page read back, each through SQLCipher's HMAC: a changed byte or a
 * missing page fails here. 3.4.1 has no cipher_integrity_check (an unknown
 * pragma returns no row); SQLCipher 4's returns a row per bad page. */
static gboolean
check_pages (sqlite3     *db,
             const char  *path,
             GError     **error)
{
  const char *checks[] = { "PRAGMA integrity_check", "PRAGMA cipher_integrity_check" };

  for (guint i = 0; i < G_N_ELEMENTS (checks); i++)
    {
      g_autoptr(sqlite3_stmt) stmt = NULL;
      int rc;

      if (sqlite3_prepare_v2 (db, checks[i], -1, &stmt, NULL) != SQLITE_OK)
        return damaged (error, path, sqlite3_errmsg (db));
      rc = sqlite3_step (stmt);
      if (rc != SQLITE_ROW && rc != SQLITE_DONE)
        return damaged (error, path, sqlite3_errmsg (db));
      if (rc == SQLITE_ROW && (i > 0 || g_strcmp0 ((const char *) sqlite3_column_text (stmt, 0),
                                                    "ok") != 0))
        return damaged (error, path, (const char *) sqlite3_column_text (stmt, 0));
    }

  return TRUE;
}

/* A Zhibu database of a schema this build knows, whole. */
static gboolean
check_backup (sqlite3     *db,
              const char  *path,
              guint       *version,
              GError     **error)
{
  g_autofree char *uuid = NULL;

  if (!check_pages (db, path, error))
    return FALSE;

  *version = read_version (db);
  if (*version > zb_store_latest_version ())
    {
      g_set_error (error, ZB_STORE_ERROR, ZB_STORE_ERROR_TOO_NEW,
                   _("The backup %s was made by a newer version of Zhibu (schema %u); update "
                     "Zhibu to restore it"), path, *version);
      return FALSE;
    }
  if (*version > 0)
    uuid = query_text (db, "SELECT value FROM meta WHERE key = 'uuid'", NULL);
  if (uuid == NULL || *uuid == '\0')
    {
      g_set_error (error, ZB_STORE_ERROR, ZB_STORE_ERROR_FOREIGN,
                   _("%s opens with this passphrase but holds no Zhibu database; nothing was "
                     "restored"), path);
      return FALSE;
    }

  return TRUE;
}

/* The backup's own file, opened again as a reader would, before it gets
 * its name: the passphrase, the cipher settings and every page. */
static gboolean
check_written (const char   *partial,
               const ZbKey  *passphrase,
               GError      **error)
{
  sqlite3 *db = open_backup (partial, passphrase, SQLITE_OPEN_READONLY, error);
  guint version = 0;
  gboolean ok;

  if (db == NULL)
    return FALSE;
  ok = check_backup (db, partial, &version, error);
  sqlite3_close (db);
  return ok;
}

static gboolean
same_file (const char *a,
           const char *b)
{
  GStatBuf sa, sb;

  return g_stat (a, &sa) == 0 && g_stat (b, &sb) == 0 &&
         sa.st_dev == sb.st_dev && sa.st_ino == sb.st_ino;
}

static gboolean
check_backup_target (ZbStore        *self,
                     const char     *path,
                     ZbBackupFlags   flags,
                     GError        **error)
{
  if (same_file (path, self->path))
    {
      g_set_error (error, ZB_STORE_ERROR, ZB_STORE_ERROR_EXISTS,
                   _("Backup: %s is the database itself; choose another file for the backup"),
                   path);
      return FALSE;
    }
  if (!(flags & ZB_BACKUP_REPLACE) && g_file_test (path, G_FILE_TEST_EXISTS))
    {
      g_set_error (error, ZB_STORE_ERROR, ZB_STORE_ERROR_EXISTS,
                   _("Backup: %s already exists; choose another file, or allow replacing it"),
                   path);
      return FALSE;
    }

  return TRUE;
}

/* The whole database to @path, encrypted under @passphrase (at least
 * ZB_KEY_MIN_PASSPHRASE characters), with its schema version. */
gboolean
zb_store_backup (ZbStore        *self,
                 const char     *path,
                 const ZbKey    *passphrase,
                 ZbBackupFlags   flags,
                 GCancellable   *cancellable,
                 GError        **error)
{
  g_autofree char *partial = NULL;

  g_return_val_if_fail (ZB_IS_STORE (self), FALSE);
  g_return_val_if_fail (zb_key_get_kind (passphrase) == ZB_KEY_PASSPHRASE, FALSE);

  if (!zb_key_check_new_passphrase (zb_key_get_secret (passphrase), error) ||
      !check_backup_target (self, path, flags, error) ||
      (partial = make_partial (path, error)) == NULL)
    return FALSE;

  if (!export_backup (self, partial, passphrase, cancellable, error) ||
      !check_written (partial, passphrase, error) ||
      !sync_file (partial, error) ||
      (g_rename (partial, path) != 0 && !fail_errno (error, _("Cannot write %s: %s"), path)))
    {
      remove_partial (partial);
      return FALSE;
    }

  sync_dir_of (path);
  return TRUE;
}

/* The restored copy's own identity for sync (PROTOCOL.md 14, "A restored
 * database"): a new device ID, so that it never pushes as the device the
 * backup came from. That device may still be running, or may have pushed
 * ops and finalised records after the backup: reusing its ID would reuse
 * op IDs the server already holds (op_id_reused, PROTOCOL.md 6.3) and fork
 * that device's hash chain. The records finalised
 * before keep their device and chain, which `verify` still walks; the outbox
 * is pushed from the new device, checked field by field against the server's
 * revisions like any other edit; the checkpoint stays, since the rows are
 * those it names. The new device enrols again (its token is per device). */
static gboolean
give_new_identity (sqlite3     *db,
                   const char  *schema,
                   GError     **error)
{
  g_autofree char *device = g_uuid_string_random ();
  g_autofree char *now = zb_store_now ();
  g_autofree char *meta = g_strdup_printf ("INSERT OR REPLACE INTO %s.meta (key, value) "
                                           "VALUES ('device_id', ?), ('restored_at', ?)",
                                           schema);
  g_autofree char *has_state = g_strdup_printf ("SELECT count(*) FROM %s.sqlite_master WHERE "
                                                "type = 'table' AND name = 'sync_state'", schema);
  g_autofree char *state = g_strdup_printf ("UPDATE %s.sync_state SET applying = 0", schema);
  /* The copy numbered its rows anew, which the roster's sort keys end with:
   * without their version kept, opening makes them again. */
  g_autofree char *keys = g_strdup_printf ("DELETE FROM %s.meta WHERE key = 'name_key_version'",
                                           schema);
  g_autofree char *n_state = query_text (db, has_state, error);
  const char *values[] = { device, now };

  return n_state != NULL && zb_sql_run (db, meta, values, G_N_ELEMENTS (values), error) &&
         zb_sql_exec (db, keys, error) &&
         (g_str_equal (n_state, "0") || zb_sql_exec (db, state, error));
}

/* The backup, checked, into @partial keyed by @key, as it was but for its
 * device ID. */
static gboolean
export_restored (sqlite3       *db,
                 const char    *partial,
                 const ZbKey   *key,
                 guint          version,
                 GCancellable  *cancellable,
                 GError       **error)
{
  gboolean attached, ok;

  sqlite3_progress_handler (db, PROGRESS_STEPS, cancellable ? cancelled_cb : NULL, cancellable);
  attached = attach_keyed (db, partial, RESTORE_SCHEMA, key, error);
  ok = attached && set_attached_cipher (db, RESTORE_SCHEMA, key, error) &&
       zb_sql_exec (db, "BEGIN", error) &&
       export_into (db, RESTORE_SCHEMA, version, error) &&
       give_new_identity (db, RESTORE_SCHEMA, error) &&
       zb_sql_exec (db, "COMMIT", error);
  if (attached && !ok)
    zb_sql_exec (db, "ROLLBACK", NULL);
  if (attached)
    detach (db, RESTORE_SCHEMA);
  sqlite3_progress_handler (db, 0, NULL, NULL);
  return ok;
}

/* Opened as the app opens it: migrated forward when older, its limits
 * guarded, and its hash chains walked as `zhibu-cli verify` walks them.
 * Closing it folds its WAL back into the file. */
static gboolean
open_restored (const char   *partial,
               const ZbKey  *key,
               char        **uuid,
               char        **branch_name,
               GError      **error)
{
  g_autoptr(ZbStore) store = zb_store_open (partial, key, error);
  guint n_records = 0, n_chains = 0;

  if (store == NULL)
    return FALSE;
  if (!zb_store_verify (store, &n_records, &n_chains, error))
    {
      g_prefix_error (error, _("The backup’s records do not verify: "));
      return FALSE;
    }

  *uuid = g_strdup (zb_store_get_uuid (store));
  *branch_name = g_strdup (zb_store_get_branch_name (store));
  return TRUE;
}

/* The new file's random key, kept by the keyring under the file's salt
 * (zb_store_lookup_key), as zb_store_create_in_keyring keeps it. */
static char *
keep_key (const char   *partial,
          const ZbKey  *key,
          const char   *uuid,
          const char   *branch_name,
          GCancellable *cancellable,
          GError      **error)
{
  g_autofree char *salt = zb_store_read_file_salt (partial, error);
  g_autofree char *label = NULL;
  g_autoptr(GError) local_error = NULL;

  if (salt == NULL)
    return NULL;

  /* TRANSLATORS: the label of the key in the keyring; %s is the branch */
  label = g_strdup_printf (_("Zhibu database key for %s"), branch_name);
  if (zb_secret_store_key (salt, uuid, label, key, cancellable, &local_error))
    return g_steal_pointer (&salt);

  g_set_error (error, ZB_STORE_ERROR, ZB_STORE_ERROR_NO_KEY,
               _("No keyring could keep the key of the restored database (%s); restore it "
                 "with a passphrase instead"), local_error->message);
  return NULL;
}

/* The database at @target, with its WAL (which holds its latest
 * transactions when the app did not close it), gets a second name, @aside,
 * by hard links: @target itself never goes missing, and its old WAL never
 * meets the restored file, which it would corrupt. */
static gboolean
keep_aside (const char  *target,
            const char  *aside,
            GError     **error)
{
  g_autofree char *wal = g_strconcat (target, "-wal", NULL);
  g_autofree char *shm = g_strconcat (target, "-shm", NULL);
  g_autofree char *aside_wal = g_strconcat (aside, "-wal", NULL);

  if (link (target, aside) != 0)
    return fail_errno (error, _("Cannot keep the database it replaces as %s: %s; move it "
                                "elsewhere first"), aside);
  if (link (wal, aside_wal) != 0 && errno != ENOENT)
    {
      fail_errno (error, _("Cannot keep the database it replaces as %s: %s; move it "
                           "elsewhere first"), aside);
      g_unlink (aside);
      return FALSE;
    }

  g_unlink (wal);
  g_unlink (shm);
  return TRUE;
}

/* The restored file takes @target's name in one rename, once complete; the
 * database that was there stays under a dated name beside it. */
static gboolean
move_into_place (const char  *partial,
                 const char  *target,
                 char       **replaced,
                 GError     **error)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *stamp = g_date_time_format (now, "%Y%m%d-%H%M%S");
  g_autofree char *aside = NULL;

  if (g_file_test (target, G_FILE_TEST_EXISTS))
    {
      /* Two restores within a second each keep theirs. */
      aside = g_strdup_printf ("%s.before-restore-%s", target, stamp);
      for (guint n = 2; g_file_test (aside, G_FILE_TEST_EXISTS); n++)
        {
          g_free (aside);
          aside = g_strdup_printf ("%s.before-restore-%s-%u", target, stamp, n);
        }
      if (!keep_aside (target, aside, error))
        return FALSE;
    }

  if (g_rename (partial, target) != 0)
    {
      fail_errno (error, _("Cannot write %s: %s"), target);
      if (aside != NULL)
        {
          g_autofree char *wal = g_strconcat (target, "-wal", NULL);
          g_autofree char *aside_wal = g_strconcat (aside, "-wal", NULL);

          link (aside_wal, wal);
        }
      return FALSE;
    }

  sync_dir_of (target);
  if (replaced != NULL)
    *replaced = g_steal_pointer (&aside);
  return TRUE;
}

static gboolean
check_restore_target (const char     *target,
                      ZbBackupFlags   flags,
                      GError        **error)
{
  if ((flags & ZB_BACKUP_REPLACE) || !g_file_test (target, G_FILE_TEST_EXISTS))
    return TRUE;

  g_set_error (error, ZB_STORE_ERROR, ZB_STORE_ERROR_EXISTS,
               _("A database already exists at %s; restore into another file, or allow "
                 "replacing it (zhibu-cli restore --force), which keeps the old one beside "
                 "it"), target);
  return FALSE;
}

/* Reads and checks @backup, then writes it into a new file keyed for this
 * PC: by @target_key, or by a new random key that the keyring keeps when
 * @target_key is NULL. Nothing at @target changes unless all of that
 * worked; with ZB_BACKUP_REPLACE an existing database there is moved aside
 * and its new name returned in @replaced. */
gboolean
zb_store_restore (const char     *backup,
                  const ZbKey    *passphrase,
                  const char     *target,
                  const ZbKey    *target_key,
                  ZbBackupFlags   flags,
                  char          **replaced,
                  GCancellable   *cancellable,
                  GError        **error)
{
  g_autoptr(ZbKey) key = target_key ? zb_key_copy (target_key) : zb_key_new_random (error);
  g_autofree char *partial = NULL;
  g_autofree char *uuid = NULL;
  g_autofree char *branch_name = NULL;
  g_autofree char *salt = NULL;
  sqlite3 *db = NULL;
  guint version = 0;
  gboolean ok;

  if (key == NULL || !check_restore_target (target, flags, error) ||
      !check_size (backup, error) ||
      (db = open_backup (backup, passphrase, SQLITE_OPEN_READWRITE, error)) == NULL)
    return FALSE;

  ok = check_backup (db, backup, &version, error) &&
       (partial = make_partial (target, error)) != NULL &&
       export_restored (db, partial, key, version, cancellable, error);
  sqlite3_close (db);

  ok = ok && open_restored (partial, key, &uuid, &branch_name, error) && sync_file (partial, error);
  ok = ok && (target_key != NULL ||
              (salt = keep_key (partial, key, uuid, branch_name, cancellable, error)) != NULL);
  ok = ok && move_into_place (partial, target, replaced, error);
  if (!ok)
    {
      if (salt != NULL)
        zb_secret_clear_key (salt, NULL, NULL);
      remove_partial (partial);
    }

  return ok;
}

typedef struct
{
  char          *path;
  char          *target;
  ZbKey         *passphrase;
  ZbKey         *target_key;
  ZbBackupFlags  flags;
  char          *replaced;
} BackupJob;

static void
backup_job_free (BackupJob *job)
{
  g_free (job->path);
  g_free (job->target);
  g_clear_pointer (&job->passphrase, zb_key_free);
  g_clear_pointer (&job->target_key, zb_key_free);
  g_free (job->replaced);
  g_free (job);
}

static BackupJob *
backup_job_new (const char    *path,
                const ZbKey   *passphrase,
                const char    *target,
                const ZbKey   *target_key,
                ZbBackupFlags  flags)
{
  BackupJob *job = g_new0 (BackupJob, 1);

  job->path = g_strdup (path);
  job->passphrase = zb_key_copy (passphrase);
  job->target = g_strdup (target);
  job->target_key = target_key ? zb_key_copy (target_key) : NULL;
  job->flags = flags;
  return job;
}

/* A query stopped by the progress handler fails as "interrupted": the
 * caller learns that it was cancelled, in GIO's words. */
static void
return_result (GTask        *task,
               gboolean      ok,
               GError       *error,
               GCancellable *cancellable)
{
  if (ok)
    {
      g_task_return_boolean (task, TRUE);
      return;
    }
  if (g_cancellable_is_cancelled (cancellable))
    {
      g_clear_error (&error);
      g_cancellable_set_error_if_cancelled (cancellable, &error);
    }
  g_task_return_error (task, error);
}

static void
backup_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  BackupJob *job = task_data;
  GError *error = NULL;

  gboolean ok = zb_store_backup (source_object, job->path, job->passphrase, job->flags,
                                 cancellable, &error);

  return_result (task, ok, error, cancellable);
}

/* zb_store_backup() in a worker thread, for the app: the write connection
 * is held for the copy, so edits made meanwhile wait for it. */
void
zb_store_backup_async (ZbStore             *self,
                       const char          *path,
                       const ZbKey         *passphrase,
                       ZbBackupFlags        flags,
                       GCancellable        *cancellable,
                       GAsyncReadyCallback  callback,
                       gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (self, cancellable, callback, user_data);

  g_task_set_source_tag (task, zb_store_backup_async);
  g_task_set_task_data (task, backup_job_new (path, passphrase, NULL, NULL, flags),
                        (GDestroyNotify) backup_job_free);
  g_task_run_in_thread (task, backup_thread);
}

gboolean
zb_store_backup_finish (ZbStore       *self,
                        GAsyncResult  *result,
                        GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

static void
restore_thread (GTask        *task,
                gpointer      source_object,
                gpointer      task_data,
                GCancellable *cancellable)
{
  BackupJob *job = task_data;
  GError *error = NULL;

  gboolean ok = zb_store_restore (job->path, job->passphrase, job->target, job->target_key,
                                  job->flags, &job->replaced, cancellable, &error);

  return_result (task, ok, error, cancellable);
}

/* zb_store_restore() in a worker thread, for the app, which must have
 * closed the database at @target first when it replaces it. */
void
zb_store_restore_async (const char          *backup,
                        const ZbKey         *passphrase,
                        const char          *target,
                        const ZbKey         *target_key,
                        ZbBackupFlags        flags,
                        GCancellable        *cancellable,
                        GAsyncReadyCallback  callback,
                        gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (NULL, cancellable, callback, user_data);

  g_task_set_source_tag (task, zb_store_restore_async);
  g_task_set_task_data (task, backup_job_new (backup, passphrase, target, target_key, flags),
                        (GDestroyNotify) backup_job_free);
  g_task_run_in_thread (task, restore_thread);
}

/* @replaced: where the database the restore replaced was kept, or NULL. */
gboolean
zb_store_restore_finish (GAsyncResult  *result,
                         char         **replaced,
                         GError       **error)
{
  BackupJob *job;

  g_return_val_if_fail (g_task_is_valid (result, NULL), FALSE);

  job = g_task_get_task_data (G_TASK (result));
  if (replaced != NULL)
    *replaced = g_steal_pointer (&job->replaced);
  return g_task_propagate_boolean (G_TASK (result), error);
}
