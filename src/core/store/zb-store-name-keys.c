#define G_LOG_DOMAIN "zb-store-name-keys"

#include "config.h"

#include <string.h>

#include "zb-pinyin.h"
#include "zb-store-private.h"

/* Names sort by pinyin (DESIGN.md, Storage), through ICU, which SQLite
 * cannot call from an index. So each member keeps, in name_key, ICU's sort
 * key of the name followed by the row's rowid: memcmp() on these keys is
 * the order of ORDER BY name COLLATE PINYIN, rowid, and an index over them
 * serves the roster's pages and counts without reading (and decrypting)
 * the whole table. The key is this PC's own: not synced, not hashed, not in
 * any canonical JSON.
 *
 * The schema never calls the app (sqlcipher's own shell still writes every
 * table): a trigger of migration step 13 clears the key when the name
 * changes, a new row comes without one, and the store fills the missing
 * keys before each of its transactions commits and when it opens. The keys
 * depend on ICU's collator, whose version is kept in meta: when an upgrade
 * changes it, every key is made again. */

#define VERSION_KEY "name_key_version"

/* The format of the keys themselves, part of the version kept. */
#define KEY_FORMAT "1"

#define ROWID_BYTES 8

/* zb_name_key(name, rowid): the sort key, then the rowid big-endian with its
 * sign bit flipped, so that equal names keep the order of their rows. */
static void
name_key_func (sqlite3_context  *context,
               int               argc,
               sqlite3_value   **argv)
{
  const char *name = (const char *) sqlite3_value_text (argv[0]);
  guint64 rowid = (guint64) sqlite3_value_int64 (argv[1]) ^ (G_GUINT64_CONSTANT (1) << 63);
  g_autoptr(GBytes) key = NULL;
  const guint8 *bytes;
  gsize length;
  guint8 *out;

  if (name == NULL || sqlite3_value_type (argv[1]) == SQLITE_NULL)
    {
      sqlite3_result_null (context);
      return;
    }

  /* Text that is not UTF-8 sorts by its bytes, as zb_pinyin_compare()
   * falls back to. */
  key = zb_pinyin_sort_key (sqlite3_user_data (context), name, sqlite3_value_bytes (argv[0]));
  if (key == NULL)
    key = g_bytes_new (name, sqlite3_value_bytes (argv[0]) + 1);
  bytes = g_bytes_get_data (key, &length);

  out = g_malloc (length + ROWID_BYTES);
  memcpy (out, bytes, length);
  for (guint i = 0; i < ROWID_BYTES; i++)
    out[length + i] = (rowid >> (8 * (ROWID_BYTES - 1 - i))) & 0xff;
  sqlite3_result_blob (context, out, length + ROWID_BYTES, g_free);
}

/* On every connection of the store, beside the PINYIN collation, whose
 * collator @pinyin is (and which frees it). */
gboolean
zb_store_add_name_key_function (sqlite3   *db,
                                ZbPinyin  *pinyin,
                                GError   **error)
{
  if (sqlite3_create_function_v2 (db, "zb_name_key", 2, SQLITE_UTF8 | SQLITE_DETERMINISTIC,
                                  pinyin, name_key_func, NULL, NULL, NULL) == SQLITE_OK)
    return TRUE;

  g_set_error (error, ZB_STORE_ERROR, ZB_STORE_ERROR_FAILED, "%s", sqlite3_errmsg (db));
  return FALSE;
}

static gboolean
has_unkeyed (sqlite3 *db)
{
  g_autoptr(sqlite3_stmt) stmt = zb_sql_prepare (db, "SELECT 1 FROM members "
                                                     "WHERE name_key IS NULL AND deleted = 0 "
                                                     "LIMIT 1", NULL);

  return stmt != NULL && sqlite3_step (stmt) == SQLITE_ROW;
}

/* A database from before step 13 has no keys to keep. */
static gboolean
has_name_keys (sqlite3 *db)
{
  return zb_sql_has_object (db, "index", "members_roster");
}

/* Gives a key to every live member without one (a new row, a new name, a
 * row written by another program), inside the caller's write transaction;
 * members_roster finds them without reading the table. It runs at every
 * commit, and an UPDATE that changes no row still costs its statement's
 * journal a page, which SQLCipher encrypts, and took a sixth of the CPU of
 * bench sqlcipher-overhead's day of work: a read asks first. */
gboolean
zb_store_name_keys_flush_locked (sqlite3  *db,
                                 GError  **error)
{
  if (!has_name_keys (db) || !has_unkeyed (db))
    return TRUE;

  return zb_sql_exec (db, "UPDATE OR FAIL members SET name_key = zb_name_key(name, rowid) "
                          "WHERE name_key IS NULL AND deleted = 0", error);
}

static char *
current_version (void)
{
  g_autoptr(ZbPinyin) pinyin = zb_pinyin_new ();
  g_autofree char *version = zb_pinyin_get_version (pinyin);

  return g_strconcat (KEY_FORMAT " ", version, NULL);
}

static char *
kept_version (sqlite3 *db)
{
  g_autoptr(sqlite3_stmt) stmt = zb_sql_prepare (db, "SELECT value FROM meta WHERE key = '"
                                                     VERSION_KEY "'", NULL);

  if (stmt == NULL || sqlite3_step (stmt) != SQLITE_ROW)
    return NULL;
  return g_strdup ((const char *) sqlite3_column_text (stmt, 0));
}

/* Every key made again, by this ICU, and its version kept; the tombstones'
 * keys dropped, since no query sorts them. */
static gboolean
remake_all (sqlite3     *db,
            const char  *version,
            GError     **error)
{
  const char *values[] = { version };

  return zb_sql_exec (db, "UPDATE OR FAIL members SET name_key = CASE WHEN deleted = 0 "
                          "THEN zb_name_key(name, rowid) END", error) &&
         zb_sql_run (db, "INSERT OR REPLACE INTO meta (key, value) VALUES ('" VERSION_KEY "', ?1)",
                     values, G_N_ELEMENTS (values), error);
}

/* When the store opens: the keys a database upgraded by step 13, restored,
 * opened under another ICU or written by another program lacks. With
 * every key in place, opening takes no write lock. */
gboolean
zb_store_name_keys_refresh (ZbStore  *self,
                            GError  **error)
{
  g_autofree char *version = NULL;
  g_autofree char *kept = NULL;
  gboolean stale;

  if (!has_name_keys (self->writer))
    return TRUE;

  version = current_version ();
  kept = kept_version (self->writer);
  stale = g_strcmp0 (kept, version) != 0;
  if (!stale && !has_unkeyed (self->writer))
    return TRUE;

  if (zb_store_begin_write (self, error) == NULL)
    return FALSE;
  if (stale && !remake_all (self->writer, version, error))
    {
      zb_store_rollback_write (self);
      return FALSE;
    }

  return zb_store_commit_write (self, error);
}
