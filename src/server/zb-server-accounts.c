#define G_LOG_DOMAIN "zb-server-accounts"

#include "config.h"

#include <crypt.h>
#include <errno.h>
#include <string.h>
#include <sys/random.h>

#include <glib/gi18n.h>

#include "zb-server-accounts.h"
#include "zb-server-store-private.h"

/* Committee accounts (DOMAIN.md section 6: they see, read-only, the
 * branches assigned to them). Passwords are kept as yescrypt hashes made
 * with libcrypt's reentrant calls, since logins are checked on the server's
 * worker threads at once. Failures, locks and sessions are rows, so that
 * every server process on the database sees the same ones. */

#define MAX_NAME_LENGTH     64
#define MIN_PASSWORD_LENGTH 8

void
zb_web_session_free (ZbWebSession *session)
{
  g_free (session->account);
  g_free (session->csrf_token);
  g_free (session->token_hash);
  g_free (session);
}

static gint64
now_seconds (void)
{
  return g_get_real_time () / G_USEC_PER_SEC;
}

static char *
seconds_text (gint64 seconds)
{
  return g_strdup_printf ("%" G_GINT64_FORMAT, seconds);
}

/* 256 random bits, base64url without padding: a cookie's or a form's
 * token. */
char *
zb_server_random_token (GError **error)
{
  guint8 bytes[32];
  char *encoded;

  if (getrandom (bytes, sizeof bytes, 0) != (ssize_t) sizeof bytes)
    {
      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (errno),
                   _("Could not read random bytes: %s"), g_strerror (errno));
      return NULL;
    }
  encoded = g_base64_encode (bytes, sizeof bytes);
  g_strdelimit (encoded, "+", '-');
  g_strdelimit (encoded, "/", '_');
  g_strdelimit (encoded, "=", '\0');
  return encoded;
}

/* Compares every byte whatever the first difference, so that the time an
 * answer takes says nothing of how much of a secret was right. */
gboolean
zb_server_secret_equal (const char *a,
                        const char *b)
{
  gsize la, lb, n;
  volatile guint8 diff;

  if (a == NULL || b == NULL)
    return FALSE;
  la = strlen (a);
  lb = strlen (b);
  n = MAX (la, lb);
  diff = la != lb;
  for (gsize i = 0; i < n; i++)
    diff |= (guint8) (i < la ? a[i] : 0) ^ (guint8) (i < lb ? b[i] : 0);
  return diff == 0;
}

static char *
hash_password (const char  *password,
               const char  *setting,
               GError     **error)
{
  g_autofree struct crypt_data *data = g_new0 (struct crypt_data, 1);
  const char *hash = crypt_rn (password, setting, data, sizeof *data);

  if (hash == NULL || hash[0] == '*')
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED,
                   _("Could not hash the password: %s"), g_strerror (errno));
      return NULL;
    }
  return g_strdup (hash);
}

static char *
new_hash (const char  *password,
          GError     **error)
{
  char setting[CRYPT_GENSALT_OUTPUT_SIZE];

  /* Count 0: libcrypt's default cost for yescrypt; NULL: its own random
   * salt. */
  if (crypt_gensalt_rn ("$y$", 0, NULL, 0, setting, sizeof setting) == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED,
                   _("Could not make a password salt: %s"), g_strerror (errno));
      return NULL;
    }
  return hash_password (password, setting, error);
}

/* A hash of nothing anyone knows, made once: an unknown account's login
 * hashes against it, and so takes as long as a wrong password. */
static const char *
dummy_hash (void)
{
  static char *hash;
  static gsize made;

  if (g_once_init_enter (&made))
    {
      g_autofree char *secret = zb_server_random_token (NULL);

      hash = new_hash (secret ? secret : "zhibu", NULL);
      if (hash == NULL)
        hash = g_strdup ("$y$");
      g_once_init_leave (&made, 1);
    }
  return hash;
}

/* Made at start, so that the first unknown name takes no longer than any
 * other. */
void
zb_server_accounts_warm_up (void)
{
  dummy_hash ();
}

static gboolean
check_name (const char  *name,
            GError     **error)
{
  gboolean ok = name != NULL && *name != '\0' && g_utf8_validate (name, -1, NULL) &&
                g_utf8_strlen (name, -1) <= MAX_NAME_LENGTH;

  for (const char *p = name; ok && *p; p = g_utf8_next_char (p))
    ok = !g_unichar_isspace (g_utf8_get_char (p)) && !g_unichar_iscntrl (g_utf8_get_char (p));
  if (!ok)
    g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                 _("An account name is 1 to %d characters without spaces"), MAX_NAME_LENGTH);
  return ok;
}

static gboolean
no_such_account (const char  *name,
                 guint64      changes,
                 GError     **error)
{
  if (changes > 0)
    return TRUE;
  g_set_error (error, ZB_SERVER_DB_ERROR, ZB_SERVER_DB_ERROR_FAILED,
               _("No account %s; “zhibu-server admin list” lists them"), name);
  return FALSE;
}

gboolean
zb_server_accounts_add (ZbServerStore  *store,
                        const char     *name,
                        const char     *password,
                        GError        **error)
{
  g_autofree char *hash = NULL;
  g_autofree char *now = zb_server_now ();
  g_autoptr(GError) local_error = NULL;

  if (!check_name (name, error))
    return FALSE;
  if (g_utf8_strlen (password, -1) < MIN_PASSWORD_LENGTH)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   _("A password has at least %d characters"), MIN_PASSWORD_LENGTH);
      return FALSE;
    }
  if ((hash = new_hash (password, error)) == NULL)
    return FALSE;

  if (zb_server_db_exec (store->db, "INSERT INTO committee_accounts (name, hash, created_at) "
                                    "VALUES (?, ?, ?)", ZB_PARAMS (name, hash, now), NULL,
                         &local_error))
    return TRUE;
  if (g_error_matches (local_error, ZB_SERVER_DB_ERROR, ZB_SERVER_DB_ERROR_CONSTRAINT))
    g_set_error (error, ZB_SERVER_DB_ERROR, ZB_SERVER_DB_ERROR_CONSTRAINT,
                 _("There is already an account %s"), name);
  else
    g_propagate_error (error, g_steal_pointer (&local_error));
  return FALSE;
}

/* The account, its branches and its sessions, in one transaction. */
gboolean
zb_server_accounts_remove (ZbServerStore  *store,
                           const char     *name,
                           GError        **error)
{
  guint64 changes = 0;

  if (!zb_server_db_begin (store->db, error))
    return FALSE;
  if (!zb_server_db_exec (store->db, "DELETE FROM web_sessions WHERE account = ?",
                          ZB_PARAMS (name), NULL, error) ||
      !zb_server_db_exec (store->db, "DELETE FROM account_branches WHERE account = ?",
                          ZB_PARAMS (name), NULL, error) ||
      !zb_server_db_exec (store->db, "DELETE FROM committee_accounts WHERE name = ?",
                          ZB_PARAMS (name), &changes, error) ||
      !no_such_account (name, changes, error))
    {
      zb_server_db_rollback (store->db);
      return FALSE;
    }
  return zb_server_db_commit (store->db, error);
}

/* @branch: its name, as `enrol --branch` takes it, or its ID. */
static char *
find_branch (ZbServerStore  *store,
             const char     *branch,
             GError        **error)
{
  g_autoptr(GError) local_error = NULL;
  char *id = zb_server_db_query_value (store->db, "SELECT id FROM branches "
                                                  "WHERE name = ? OR id = ?",
                                       ZB_PARAMS (branch, branch), &local_error);

  if (id == NULL && local_error == NULL)
    g_set_error (error, ZB_SERVER_DB_ERROR, ZB_SERVER_DB_ERROR_FAILED,
                 _("No branch %s; “zhibu-server branch add NAME” adds one"), branch);
  else if (id == NULL)
    g_propagate_error (error, g_steal_pointer (&local_error));
  return id;
}

static gboolean
account_exists (ZbServerStore  *store,
                const char     *name,
                GError        **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autofree char *found = zb_server_db_query_value (store->db, "SELECT name FROM "
                                                                "committee_accounts WHERE name = ?",
                                                     ZB_PARAMS (name), &local_error);

  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  return no_such_account (name, found != NULL, error);
}

/* Assigns @branch to the account, or takes it away; either twice is no
 * error. */
gboolean
zb_server_accounts_assign (ZbServerStore  *store,
                           const char     *name,
                           const char     *branch,
                           gboolean        assign,
                           GError        **error)
{
  g_autofree char *branch_id = NULL;

  if (!zb_server_db_begin (store->db, error))
    return FALSE;
  if (!account_exists (store, name, error) ||
      (branch_id = find_branch (store, branch, error)) == NULL ||
      !zb_server_db_exec (store->db, "DELETE FROM account_branches "
                                     "WHERE account = ? AND branch = ?",
                          ZB_PARAMS (name, branch_id), NULL, error) ||
      (assign && !zb_server_db_exec (store->db, "INSERT INTO account_branches (account, branch) "
                                                "VALUES (?, ?)",
                                     ZB_PARAMS (name, branch_id), NULL, error)))
    {
      zb_server_db_rollback (store->db);
      return FALSE;
    }
  return zb_server_db_commit (store->db, error);
}

/* `admin unlock`: the lock ends now, and the count starts again. */
gboolean
zb_server_accounts_unlock (ZbServerStore  *store,
                           const char     *name,
                           GError        **error)
{
  guint64 changes = 0;

  return zb_server_db_exec (store->db, "UPDATE committee_accounts "
                                       "SET failures = 0, locked_until = NULL WHERE name = ?",
                            ZB_PARAMS (name), &changes, error) &&
         no_such_account (name, changes, error);
}

/* Every account: name, failures since its last login, locked until (Unix
 * seconds, NULL when it never was), and its branches' names, by name. */
ZbServerResult *
zb_server_accounts_list (ZbServerStore  *store,
                         GError        **error)
{
  return zb_server_db_query (store->db, "SELECT a.name, a.failures, a.locked_until, b.name "
                                        "FROM committee_accounts a "
                                        "LEFT JOIN account_branches ab ON ab.account = a.name "
                                        "LEFT JOIN branches b ON b.id = ab.branch "
                                        "ORDER BY a.name, b.name", NULL, 0, error);
}

/* One more wrong password: five in a row lock the account, and the count
 * starts again for when the lock ends. Counted by the database, so that two
 * tries at once on two processes both count. */
static gboolean
count_failure (ZbServerStore   *store,
               const char      *name,
               ZbLoginOutcome  *outcome,
               gint64          *locked_until,
               GError         **error)
{
  g_autofree char *max = seconds_text (ZB_ACCOUNT_MAX_FAILURES);
  g_autofree char *until = seconds_text (now_seconds () + ZB_ACCOUNT_LOCK_SECONDS);
  guint64 locked = 0;

  if (!zb_server_db_begin (store->db, error))
    return FALSE;
  if (!zb_server_db_exec (store->db, "UPDATE committee_accounts SET failures = failures + 1 "
                                     "WHERE name = ?", ZB_PARAMS (name), NULL, error) ||
      !zb_server_db_exec (store->db, "UPDATE committee_accounts SET failures = 0, "
                                     "locked_until = ? WHERE name = ? AND failures >= ?",
                          ZB_PARAMS (until, name, max), &locked, error) ||
      !zb_server_db_commit (store->db, error))
    {
      zb_server_db_rollback (store->db);
      return FALSE;
    }
  *outcome = locked ? ZB_LOGIN_LOCKED : ZB_LOGIN_REFUSED;
  *locked_until = locked ? g_ascii_strtoll (until, NULL, 10) : 0;
  return TRUE;
}

/* The right password ends the count, unless a lock was set meanwhile. */
static gboolean
count_success (ZbServerStore   *store,
               const char      *name,
               ZbLoginOutcome  *outcome,
               GError         **error)
{
  g_autofree char *now = seconds_text (now_seconds ());
  guint64 changes = 0;

  if (!zb_server_db_exec (store->db, "UPDATE committee_accounts SET failures = 0 "
                                     "WHERE name = ? AND (locked_until IS NULL "
                                     "OR locked_until <= ?)",
                          ZB_PARAMS (name, now), &changes, error))
    return FALSE;
  *outcome = changes ? ZB_LOGIN_OK : ZB_LOGIN_LOCKED;
  return TRUE;
}

/* Checks a login. An unknown account hashes against a dummy and is
 * answered as a wrong password is; a locked account's password is hashed
 * too (the same time) and refused, right or wrong, with @locked_until. */
gboolean
zb_server_accounts_login (ZbServerStore   *store,
                          const char      *name,
                          const char      *password,
                          ZbLoginOutcome  *outcome,
                          gint64          *locked_until,
                          GError         **error)
{
  g_autoptr(ZbServerResult) row = NULL;
  g_autofree char *hash = NULL;
  const char *stored;
  gboolean known, right;

  *outcome = ZB_LOGIN_REFUSED;
  *locked_until = 0;
  row = zb_server_db_query (store->db, "SELECT hash, locked_until FROM committee_accounts "
                                       "WHERE name = ?", ZB_PARAMS (name ? name : ""), error);
  if (row == NULL)
    return FALSE;
  known = zb_server_result_n_rows (row) == 1;
  stored = known ? zb_server_result_get (row, 0, 0) : dummy_hash ();
  if ((hash = hash_password (password ? password : "", stored, error)) == NULL)
    return FALSE;
  right = zb_server_secret_equal (hash, stored) && known;
  if (!known)
    return TRUE;

  if (zb_server_result_get_int (row, 0, 1) > now_seconds ())
    {
      *outcome = ZB_LOGIN_LOCKED;
      *locked_until = zb_server_result_get_int (row, 0, 1);
      return TRUE;
    }
  if (!right)
    return count_failure (store, name, outcome, locked_until, error);
  if (!count_success (store, name, outcome, error))
    return FALSE;
  if (*outcome == ZB_LOGIN_LOCKED)
    *locked_until = now_seconds () + ZB_ACCOUNT_LOCK_SECONDS;
  return TRUE;
}

/* A new session for @name; the cookie's token in @token. Sessions past
 * their time are removed on the way, so the table holds live ones. */
gboolean
zb_server_accounts_new_session (ZbServerStore  *store,
                                const char     *name,
                                char          **token,
                                GError        **error)
{
  gint64 now = now_seconds ();
  g_autofree char *created = seconds_text (now);
  g_autofree char *expires = seconds_text (now + ZB_SESSION_SECONDS);
  g_autofree char *secret = zb_server_random_token (error);
  g_autofree char *csrf = secret ? zb_server_random_token (error) : NULL;
  g_autofree char *hash = NULL;

  if (csrf == NULL)
    return FALSE;
  hash = g_compute_checksum_for_string (G_CHECKSUM_SHA256, secret, -1);
  if (!zb_server_db_begin (store->db, error))
    return FALSE;
  if (!zb_server_db_exec (store->db, "DELETE FROM web_sessions WHERE expires <= ?",
                          ZB_PARAMS (created), NULL, error) ||
      !zb_server_db_exec (store->db, "INSERT INTO web_sessions (token_hash, account, created, "
                                     "expires, csrf_token) VALUES (?, ?, ?, ?, ?)",
                          ZB_PARAMS (hash, name, created, expires, csrf), NULL, error) ||
      !zb_server_db_commit (store->db, error))
    {
      zb_server_db_rollback (store->db);
      return FALSE;
    }
  *token = g_steal_pointer (&secret);
  return TRUE;
}

/* The live session a cookie's token opens, or NULL (no error) for none. */
ZbWebSession *
zb_server_accounts_find_session (ZbServerStore  *store,
                                 const char     *token,
                                 GError        **error)
{
  g_autofree char *hash = NULL;
  g_autofree char *now = seconds_text (now_seconds ());
  g_autoptr(ZbServerResult) row = NULL;
  ZbWebSession *session;

  if (token == NULL || *token == '\0')
    return NULL;
  hash = g_compute_checksum_for_string (G_CHECKSUM_SHA256, token, -1);
  row = zb_server_db_query (store->db, "SELECT account, csrf_token FROM web_sessions "
                                       "WHERE token_hash = ? AND expires > ?",
                            ZB_PARAMS (hash, now), error);
  if (row == NULL || zb_server_result_n_rows (row) == 0)
    return NULL;

  session = g_new0 (ZbWebSession, 1);
  session->account = g_strdup (zb_server_result_get (row, 0, 0));
  session->csrf_token = g_strdup (zb_server_result_get (row, 0, 1));
  session->token_hash = g_steal_pointer (&hash);
  return session;
}

gboolean
zb_server_accounts_end_session (ZbServerStore  *store,
                                ZbWebSession   *session,
                                GError        **error)
{
  return zb_server_db_exec (store->db, "DELETE FROM web_sessions WHERE token_hash = ?",
                            ZB_PARAMS (session->token_hash), NULL, error);
}

/* The branches @name may see: ID, name, and when the branch's last change
 * reached the server (NULL for never). With @branch_id, that one only, or
 * no row when it is not the account's. */
ZbServerResult *
zb_server_accounts_branches (ZbServerStore  *store,
                             const char     *name,
                             const char     *branch_id,
                             GError        **error)
{
  /* The last change is the one with the highest sequence number: text
   * sorts by collation on PostgreSQL (zb-server-db.h). */
  const char *sql = "SELECT b.id, b.name, "
                    "(SELECT r.changed_at FROM sync_rows r WHERE r.branch_id = b.id "
                    " ORDER BY r.seq DESC LIMIT 1) "
                    "FROM branches b JOIN account_branches ab ON ab.branch = b.id "
                    "WHERE ab.account = ?";
  g_autofree char *full = g_strconcat (sql, branch_id ? " AND b.id = ?" : " ORDER BY b.name",
                                      NULL);

  if (branch_id != NULL)
    return zb_server_db_query (store->db, full, ZB_PARAMS (name, branch_id), error);
  return zb_server_db_query (store->db, full, ZB_PARAMS (name), error);
}
