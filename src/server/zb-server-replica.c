#define G_LOG_DOMAIN "zb-server-replica"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "zb-server-replica.h"
#include "zb-store-sync.h"
#include "zb-sync-apply.h"
#include "zb-sync-page.h"
#include "zb-sync-protocol.h"

/* The committee's figures come from the core checker and stats, which read
 * a ZbStore: so each branch has, on the server, a SQLCipher file in the
 * PC's own schema (DIR/replicas/), fed from the server's own changes feed
 * by zb_sync_apply_page() exactly as a PC is, its checkpoint kept in it the
 * way a PC keeps its own. The feed is the truth: a replica missing, damaged,
 * keyed otherwise or ahead of the feed (a server restored from a backup) is
 * removed and built again from checkpoint 0. The model is written down in
 * src/server/README.md. */

struct _ZbServerReplicas
{
  GObject        parent_instance;

  char          *dir;
  char          *secret;       /* the server's key material, never written */
  ZbServerStore *feed_store;   /* the background thread's connection, or NULL */
  GThreadPool   *pool;
  GMutex         lock;         /* replicas, pending */
  GHashTable    *replicas;     /* branch ID → Replica */
  GHashTable    *pending;      /* branch IDs poked and not yet fed */
  GCond          idle;
  guint          running;
  ZbReplicaWarm  warm;
};

G_DEFINE_FINAL_TYPE (ZbServerReplicas, zb_server_replicas, G_TYPE_OBJECT)

/* One branch's replica; @lock is held while it is fed or read, and a file
 * lock beside it while it is, so that server processes sharing DIR take
 * turns. */
typedef struct
{
  GMutex      lock;
  char       *branch_id;
  ZbStore    *store;
  gint64      seen;        /* the branch's feed sequence it was last fed to; -1 */
  gint64      cached_at;   /* the checkpoint the cache belongs to */
  GHashTable *cache;       /* key → JsonNode */
} Replica;

static void
replica_free (Replica *r)
{
  g_mutex_clear (&r->lock);
  g_free (r->branch_id);
  g_clear_object (&r->store);
  g_hash_table_unref (r->cache);
  g_free (r);
}

/* A file name from the branch's ID, whatever characters the ID holds. */
char *
zb_server_replicas_path (ZbServerReplicas *self,
                         const char       *branch_id)
{
  g_autofree char *sum = g_compute_checksum_for_string (G_CHECKSUM_SHA256, branch_id, -1);
  g_autofree char *name = g_strdup_printf ("%.32s.zhibu", sum);

  return g_build_filename (self->dir, name, NULL);
}

/* Each replica its own raw key, derived from the server's key or
 * passphrase: no key derivation on open, and one file's key says nothing of
 * another's or of the server's. */
static ZbKey *
replica_key (ZbServerReplicas  *self,
             const char        *branch_id,
             GError           **error)
{
  g_autofree char *label = g_strconcat ("zhibu replica ", branch_id, NULL);
  g_autofree char *hex = g_compute_hmac_for_string (G_CHECKSUM_SHA256,
                                                    (const guchar *) self->secret,
                                                    strlen (self->secret), label, -1);

  return zb_key_new_raw_hex (hex, error);
}

static void
remove_files (const char *path)
{
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);
  g_autofree char *shm = g_strconcat (path, "-shm", NULL);

  g_unlink (path);
  g_unlink (wal);
  g_unlink (shm);
}

/* Opens the branch's file, or makes it anew when it is missing or cannot be
 * opened: it holds nothing the feed cannot give again. */
static gboolean
open_replica (ZbServerReplicas  *self,
              Replica           *r,
              gboolean           rebuild,
              GError           **error)
{
  g_autofree char *path = zb_server_replicas_path (self, r->branch_id);
  g_autoptr(ZbKey) key = replica_key (self, r->branch_id, error);
  g_autoptr(GError) local_error = NULL;

  if (key == NULL)
    return FALSE;
  g_clear_object (&r->store);
  g_hash_table_remove_all (r->cache);
  r->seen = -1;
  if (!rebuild && g_file_test (path, G_FILE_TEST_EXISTS))
    {
      if ((r->store = zb_store_open (path, key, &local_error)) != NULL)
        return TRUE;
      g_message ("Replica of branch %s cannot be opened, built again from the feed: %s",
                 r->branch_id, local_error->message);
    }
  remove_files (path);
  r->store = zb_store_create (path, key, r->branch_id, error);
  return r->store != NULL;
}

static ZbSyncPage *
feed_page (ZbServerStore  *store,
           const char     *branch_id,
           gint64          since,
           gint64          until,
           GError        **error)
{
  ZbServerDevice device = { (char *) "replica", NULL, (char *) branch_id, NULL };
  g_autoptr(JsonNode) node = zb_server_store_changes (store, &device, since, ZB_SYNC_PAGE_SIZE,
                                                      since < until, error);
  g_autoptr(GBytes) bytes = NULL;

  if (node == NULL)
    return NULL;
  bytes = zb_sync_json_to_bytes (node);
  return zb_sync_page_new_from_bytes (bytes, since, error);
}

/* Page after page from the replica's checkpoint, as a PC pulls. */
static gboolean
pull (Replica        *r,
      ZbServerStore  *store,
      GError        **error)
{
  for (;;)
    {
      g_autoptr(ZbSyncPage) page = NULL;
      gint64 since = 0, until = 0;

      if (!zb_store_get_checkpoint (r->store, &since, error) ||
          !zb_store_get_resync_until (r->store, &until, error) ||
          (page = feed_page (store, r->branch_id, since, until, error)) == NULL ||
          !zb_sync_apply_page (r->store, page, NULL, error))
        return FALSE;
      if (!zb_sync_page_get_more (page) || zb_sync_page_get_checkpoint (page) == since)
        return TRUE;
    }
}

static gint64
branch_seq (ZbServerStore  *store,
            const char     *branch_id,
            GError        **error)
{
  g_autofree char *seq = zb_server_db_query_value (zb_server_store_get_db (store),
                                                   "SELECT seq FROM branches WHERE id = ?",
                                                   ZB_PARAMS (branch_id), error);

  return seq != NULL ? g_ascii_strtoll (seq, NULL, 10) : -1;
}

/* Held across processes on this machine for as long as @r is fed or read. */
static int
lock_file (ZbServerReplicas  *self,
           Replica           *r,
           GError           **error)
{
  g_autofree char *path = zb_server_replicas_path (self, r->branch_id);
  g_autofree char *lock_path = g_strconcat (path, ".lock", NULL);
  int fd = g_open (lock_path, O_RDWR | O_CREAT | O_CLOEXEC, 0600);

  if (fd < 0 || flock (fd, LOCK_EX) != 0)
    {
      int saved = errno;

      if (fd >= 0)
        close (fd);
      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved),
                   _("Cannot lock the replica %s: %s"), lock_path, g_strerror (saved));
      return -1;
    }
  return fd;
}

/* Feeds @r up to the branch's sequence @seq (-1: ask), building it again
 * once when it is damaged or ahead of the feed. */
static gboolean
catch_up_locked (ZbServerReplicas  *self,
                 Replica           *r,
                 ZbServerStore     *store,
                 gint64             seq,
                 GError           **error)
{
  g_autoptr(GError) local_error = NULL;

  if (seq < 0 && (seq = branch_seq (store, r->branch_id, error)) < 0)
    return FALSE;
  if (r->store == NULL && !open_replica (self, r, FALSE, error))
    return FALSE;
  /* Read before pulling: whatever commits later has a higher sequence. */
  if (r->seen == seq)
    return TRUE;
  if (!pull (r, store, &local_error))
    {
      if (g_error_matches (local_error, ZB_SERVER_DB_ERROR, ZB_SERVER_DB_ERROR_BUSY))
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return FALSE;
        }
      g_message ("Replica of branch %s is built again from the feed: %s", r->branch_id,
                 local_error->message);
      if (!open_replica (self, r, TRUE, error) || !pull (r, store, error))
        return FALSE;
    }
  r->seen = seq;
  return TRUE;
}

static Replica *
get_replica (ZbServerReplicas *self,
             const char       *branch_id)
{
  Replica *r;

  g_mutex_lock (&self->lock);
  if ((r = g_hash_table_lookup (self->replicas, branch_id)) == NULL)
    {
      r = g_new0 (Replica, 1);
      g_mutex_init (&r->lock);
      r->branch_id = g_strdup (branch_id);
      r->seen = -1;
      r->cached_at = -1;
      r->cache = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                        (GDestroyNotify) json_node_unref);
      g_hash_table_insert (self->replicas, r->branch_id, r);
    }
  g_mutex_unlock (&self->lock);
  return r;
}

/* Feeds the branch's replica up to its sequence @branch_seq (-1 to ask the
 * database); its checkpoint then in @checkpoint. */
gboolean
zb_server_replicas_catch_up (ZbServerReplicas  *self,
                             ZbServerStore     *store,
                             const char        *branch_id,
                             gint64             seq,
                             gint64            *checkpoint,
                             GError           **error)
{
  Replica *r = get_replica (self, branch_id);
  gboolean ok;
  int fd;

  g_mutex_lock (&r->lock);
  if ((fd = lock_file (self, r, error)) < 0)
    ok = FALSE;
  else
    {
      ok = catch_up_locked (self, r, store, seq, error) &&
           (checkpoint == NULL || zb_store_get_checkpoint (r->store, checkpoint, error));
      close (fd);
    }
  g_mutex_unlock (&r->lock);
  return ok;
}

/* What @compute makes of the branch's replica once caught up, from the
 * cache when the replica has not moved since it was made under @cache_key:
 * a read never shows figures older than the feed it began with. */
JsonNode *
zb_server_replicas_read (ZbServerReplicas  *self,
                         ZbServerStore     *store,
                         const char        *branch_id,
                         gint64             seq,
                         const char        *cache_key,
                         ZbReplicaCompute   compute,
                         gpointer           data,
                         GError           **error)
{
  Replica *r = get_replica (self, branch_id);
  JsonNode *node = NULL;
  gint64 checkpoint = 0;
  int fd;

  g_mutex_lock (&r->lock);
  if ((fd = lock_file (self, r, error)) >= 0)
    {
      if (catch_up_locked (self, r, store, seq, error) &&
          zb_store_get_checkpoint (r->store, &checkpoint, error))
        {
          if (checkpoint != r->cached_at)
            g_hash_table_remove_all (r->cache);
          r->cached_at = checkpoint;
          if ((node = g_hash_table_lookup (r->cache, cache_key)) != NULL)
            node = json_node_ref (node);
          else if ((node = compute (r->store, data, error)) != NULL)
            g_hash_table_insert (r->cache, g_strdup (cache_key), json_node_ref (node));
        }
      close (fd);
    }
  g_mutex_unlock (&r->lock);
  return node;
}

/* Runs @use on the caught-up replica of @branch_id, for what is not worth
 * caching (a record's PDF is built from it, then drawn after the lock). */
gboolean
zb_server_replicas_use (ZbServerReplicas  *self,
                        ZbServerStore     *store,
                        const char        *branch_id,
                        ZbReplicaUse       use,
                        gpointer           data,
                        GError           **error)
{
  Replica *r = get_replica (self, branch_id);
  gboolean ok = FALSE;
  int fd;

  g_mutex_lock (&r->lock);
  if ((fd = lock_file (self, r, error)) >= 0)
    {
      ok = catch_up_locked (self, r, store, -1, error) && use (r->store, data, error);
      close (fd);
    }
  g_mutex_unlock (&r->lock);
  return ok;
}

static void
feed_cb (gpointer data,
         gpointer user_data)
{
  g_autofree char *branch_id = data;
  ZbServerReplicas *self = user_data;
  g_autoptr(GError) error = NULL;

  g_mutex_lock (&self->lock);
  g_hash_table_remove (self->pending, branch_id);
  g_mutex_unlock (&self->lock);

  if (!zb_server_replicas_catch_up (self, self->feed_store, branch_id, -1, NULL, &error))
    g_message ("Replica of branch %s not fed now (the next read feeds it): %s", branch_id,
               error->message);
  else if (self->warm != NULL)
    self->warm (self, self->feed_store, branch_id);

  g_mutex_lock (&self->lock);
  if (--self->running == 0)
    g_cond_broadcast (&self->idle);
  g_mutex_unlock (&self->lock);
}

/* After a push that changed the branch: fed on the background thread, off
 * the push's critical path. Pokes while one waits are one feeding. */
void
zb_server_replicas_poke (ZbServerReplicas *self,
                         const char       *branch_id)
{
  gboolean queue;

  if (self->pool == NULL)
    return;
  g_mutex_lock (&self->lock);
  queue = g_hash_table_add (self->pending, g_strdup (branch_id));
  if (queue)
    self->running++;
  g_mutex_unlock (&self->lock);
  if (queue)
    g_thread_pool_push (self->pool, g_strdup (branch_id), NULL);
}

/* Every branch, as the server starts: replicas built or caught up, and
 * warmed, before the first page is asked for. */
void
zb_server_replicas_poke_all (ZbServerReplicas *self)
{
  g_autoptr(ZbServerResult) branches = NULL;
  g_autoptr(GError) error = NULL;

  if (self->feed_store == NULL)
    return;
  branches = zb_server_db_query (zb_server_store_get_db (self->feed_store),
                                 "SELECT id FROM branches ORDER BY id", NULL, 0, &error);
  if (branches == NULL)
    {
      g_message ("Replicas not fed at start (each read feeds its own): %s", error->message);
      return;
    }
  for (guint i = 0; i < zb_server_result_n_rows (branches); i++)
    zb_server_replicas_poke (self, zb_server_result_get (branches, i, 0));
}

void
zb_server_replicas_set_warm (ZbServerReplicas *self,
                             ZbReplicaWarm     warm)
{
  self->warm = warm;
}

/* Until the background thread has fed every branch poked. */
void
zb_server_replicas_wait_idle (ZbServerReplicas *self)
{
  g_mutex_lock (&self->lock);
  while (self->running > 0)
    g_cond_wait (&self->idle, &self->lock);
  g_mutex_unlock (&self->lock);
}

static void
zb_server_replicas_finalize (GObject *object)
{
  ZbServerReplicas *self = (ZbServerReplicas *) object;

  if (self->pool != NULL)
    g_thread_pool_free (self->pool, TRUE, TRUE);
  g_clear_object (&self->feed_store);
  g_hash_table_unref (self->replicas);
  g_hash_table_unref (self->pending);
  g_mutex_clear (&self->lock);
  g_cond_clear (&self->idle);
  g_free (self->dir);
  if (self->secret != NULL)
    memset (self->secret, 0, strlen (self->secret));
  g_free (self->secret);

  G_OBJECT_CLASS (zb_server_replicas_parent_class)->finalize (object);
}

static void
zb_server_replicas_class_init (ZbServerReplicasClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = zb_server_replicas_finalize;
}

static void
zb_server_replicas_init (ZbServerReplicas *self)
{
  g_mutex_init (&self->lock);
  g_cond_init (&self->idle);
  self->replicas = g_hash_table_new_full (g_str_hash, g_str_equal, NULL,
                                          (GDestroyNotify) replica_free);
  self->pending = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
}

/* Replicas in @dir (made 0700), keyed from @server_key; fed after pushes
 * through @feed_store (a connection of its own, for one background thread),
 * or only when read if it is NULL. */
ZbServerReplicas *
zb_server_replicas_new (const char    *dir,
                        const ZbKey   *server_key,
                        ZbServerStore *feed_store)
{
  ZbServerReplicas *self = g_object_new (ZB_TYPE_SERVER_REPLICAS, NULL);

  g_mkdir_with_parents (dir, 0700);
  self->dir = g_strdup (dir);
  self->secret = g_strdup (zb_key_get_secret (server_key));
  if (feed_store != NULL)
    {
      self->feed_store = g_object_ref (feed_store);
      /* A server that stops drops the branches still queued (the next
       * read feeds them), and their IDs with them. */
      self->pool = g_thread_pool_new_full (feed_cb, self, g_free, 1, FALSE, NULL);
    }
  return self;
}
