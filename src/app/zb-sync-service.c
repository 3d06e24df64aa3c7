#define G_LOG_DOMAIN "zb-sync-service"

#include "config.h"

#include <glib/gi18n.h>

#include "zb-store-sync.h"
#include "zb-sync-service-private.h"

/* The app syncs when a link appears, on a timer, and soon after local
 * changes; the window never waits for it: each round is the client's
 * GTask, and what the header bar shows is read back when it ends. */

#define POLL_SECONDS          15   /* how often the count of pending changes is read */
#define QUIET_SECONDS         20   /* a local change waits this long for more */

struct _ZbSyncService
{
  GObject          parent_instance;

  ZbStore         *store;         /* the context's open store, NULL while none is */
  GSettings       *settings;
  GNetworkMonitor *monitor;
  ZbSyncClient    *client;
  GCancellable    *cancellable;
  guint            round_id;      /* the timer of regular rounds */
  guint            poll_id;
  gboolean         running;
  gboolean         again;         /* a round was asked for during one */
  ZbSyncStatus     status;
  char            *message;
  guint            pending;
  guint            conflicts;
  GDateTime       *last_success;
  char            *last_error;    /* the last round's failure, kept after later successes */
  GDateTime       *last_error_time;
  gint64           last_round;    /* monotonic µs */
  guint            poll_ms;       /* POLL_SECONDS, shorter in tests */
  guint            quiet_ms;      /* QUIET_SECONDS, shorter in tests */
  guint            backoff_ms;    /* the first wait after a failed try; 0: the client's own */
};

G_DEFINE_FINAL_TYPE (ZbSyncService, zb_sync_service, G_TYPE_OBJECT)

enum {
  CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
set_status (ZbSyncService *self,
            ZbSyncStatus   status,
            const char    *message)
{
  self->status = status;
  g_free (self->message);
  self->message = g_strdup (message);
  g_signal_emit (self, signals[CHANGED], 0);
}

static gboolean
online (ZbSyncService *self)
{
  return self->monitor == NULL || g_network_monitor_get_network_available (self->monitor);
}

/* What the counts say, once no round runs and nothing failed. */
static void
settle_status (ZbSyncService *self)
{
  if (self->client == NULL)
    set_status (self, ZB_SYNC_STATUS_OFF, self->message);
  else if (!online (self))
    set_status (self, ZB_SYNC_STATUS_OFFLINE, _("No network link: changes are kept on this PC "
                                               "and sent when a link appears"));
  else
    set_status (self, self->pending > 0 ? ZB_SYNC_STATUS_PENDING : ZB_SYNC_STATUS_SYNCED, NULL);
}

static void
round_done_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(ZbSyncService) self = user_data;
  g_autoptr(GError) error = NULL;
  ZbSyncStats stats = { 0 };
  gboolean ok = zb_sync_client_sync_finish (ZB_SYNC_CLIENT (object), result, &stats, &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  self->running = FALSE;
  self->last_round = g_get_monotonic_time ();
  self->pending = zb_sync_client_get_pending (ZB_SYNC_CLIENT (object));
  self->conflicts = zb_sync_client_get_open_conflicts (ZB_SYNC_CLIENT (object));
  if (ok)
    {
      g_clear_pointer (&self->last_success, g_date_time_unref);
      self->last_success = g_date_time_new_now_local ();
      g_clear_pointer (&self->message, g_free);
      settle_status (self);
    }
  else
    {
      g_free (self->last_error);
      self->last_error = g_strdup (error->message);
      g_clear_pointer (&self->last_error_time, g_date_time_unref);
      self->last_error_time = g_date_time_new_now_local ();
      set_status (self, zb_sync_client_is_transient (error) ? ZB_SYNC_STATUS_OFFLINE
                                                            : ZB_SYNC_STATUS_ERROR,
                  error->message);
    }

  if (self->again)
    {
      self->again = FALSE;
      zb_sync_service_sync_now (self);
    }
}

void
zb_sync_service_sync_now (ZbSyncService *self)
{
  g_return_if_fail (ZB_IS_SYNC_SERVICE (self));

  if (self->client == NULL)
    return;
  if (self->running)
    {
      self->again = TRUE;
      return;
    }

  self->running = TRUE;
  set_status (self, ZB_SYNC_STATUS_SYNCING, NULL);
  zb_sync_client_sync_async (self->client, self->cancellable, round_done_cb, g_object_ref (self));
}

static gboolean
round_timer_cb (gpointer user_data)
{
  ZbSyncService *self = user_data;

  if (online (self))
    zb_sync_service_sync_now (self);
  return G_SOURCE_CONTINUE;
}

static void
count_thread (GTask        *task,
              gpointer      source_object,
              gpointer      task_data,
              GCancellable *cancellable)
{
  GError *error = NULL;
  guint n = zb_store_count_outbox (source_object, &error);

  if (error != NULL)
    g_task_return_error (task, error);
  else
    g_task_return_int (task, n);
}

/* Local changes wait a little for more, then go. */
static void
counted_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(ZbSyncService) self = user_data;
  gssize n = g_task_propagate_int (G_TASK (result), NULL);
  gint64 quiet = g_get_monotonic_time () - self->last_round;

  if (n < 0 || self->running || self->client == NULL)
    return;
  self->pending = n;
  if (self->status == ZB_SYNC_STATUS_SYNCED || self->status == ZB_SYNC_STATUS_PENDING)
    settle_status (self);
  if (n > 0 && online (self) && self->status != ZB_SYNC_STATUS_ERROR &&
      quiet > (gint64) self->quiet_ms * G_TIME_SPAN_MILLISECOND)
    zb_sync_service_sync_now (self);
}

/* Reads how many changes wait, off the main thread. */
void
zb_sync_service_refresh (ZbSyncService *self)
{
  ZbStore *store = self->store;
  g_autoptr(GTask) task = NULL;

  if (store == NULL || self->client == NULL)
    return;
  task = g_task_new (store, self->cancellable, counted_cb, g_object_ref (self));
  g_task_set_source_tag (task, zb_sync_service_refresh);
  g_task_run_in_thread (task, count_thread);
}

static gboolean
poll_cb (gpointer user_data)
{
  zb_sync_service_refresh (user_data);
  return G_SOURCE_CONTINUE;
}

static void
start_poll (ZbSyncService *self)
{
  g_clear_handle_id (&self->poll_id, g_source_remove);
  /* Whole seconds let GLib wake up once for several timers. */
  if (self->poll_ms % 1000 == 0)
    self->poll_id = g_timeout_add_seconds (self->poll_ms / 1000, poll_cb, self);
  else
    self->poll_id = g_timeout_add (self->poll_ms, poll_cb, self);
}

static void
network_changed_cb (ZbSyncService *self,
                    gboolean       available)
{
  if (self->running)
    return;
  if (available)
    zb_sync_service_sync_now (self);
  else
    settle_status (self);
}

static void
last_success_thread (GTask        *task,
                     gpointer      source_object,
                     gpointer      task_data,
                     GCancellable *cancellable)
{
  GError *error = NULL;
  char *when = zb_store_get_server_trust (source_object, task_data, ZB_SERVER_LAST_SYNC, &error);

  if (error != NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, when, g_free);
}

static void
last_success_read_cb (GObject      *object,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  g_autoptr(ZbSyncService) self = user_data;
  g_autofree char *when = g_task_propagate_pointer (G_TASK (result), NULL);
  g_autoptr(GDateTime) utc = when ? g_date_time_new_from_iso8601 (when, NULL) : NULL;

  /* A round that ended meanwhile knows better. */
  if (utc == NULL || self->last_success != NULL)
    return;
  self->last_success = g_date_time_to_local (utc);
  g_signal_emit (self, signals[CHANGED], 0);
}

/* When this PC last synced with the server, as the database keeps it
 * (zb-sync-client-round.c writes it), before this run's first round ends. */
static void
read_last_success (ZbSyncService *self)
{
  g_autoptr(GTask) task = NULL;

  if (self->client == NULL)
    return;
  task = g_task_new (self->store, self->cancellable, last_success_read_cb, g_object_ref (self));
  g_task_set_source_tag (task, read_last_success);
  g_task_set_task_data (task, g_strdup (zb_sync_client_get_server_url (self->client)), g_free);
  g_task_run_in_thread (task, last_success_thread);
}

/* A client for the open database and the server in the settings. */
static void
rebuild_client (ZbSyncService *self)
{
  ZbStore *store = self->store;
  g_autofree char *url = g_settings_get_string (self->settings, "sync-server");
  g_autoptr(GError) error = NULL;

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
  self->running = FALSE;
  g_clear_object (&self->client);
  g_clear_pointer (&self->message, g_free);
  g_clear_pointer (&self->last_error, g_free);
  g_clear_pointer (&self->last_error_time, g_date_time_unref);
  g_clear_pointer (&self->last_success, g_date_time_unref);

  if (store != NULL && *url != '\0' &&
      (self->client = zb_sync_client_new (store, url, NULL, &error)) == NULL)
    {
      self->last_error = g_strdup (error->message);
      self->last_error_time = g_date_time_new_now_local ();
      set_status (self, ZB_SYNC_STATUS_ERROR, error->message);
      return;
    }
  if (self->client != NULL && self->backoff_ms > 0)
    g_object_set (self->client, "backoff-initial", self->backoff_ms, NULL);
  settle_status (self);
  read_last_success (self);
  if (self->client != NULL && online (self))
    zb_sync_service_sync_now (self);
}

static void
restart_timer (ZbSyncService *self)
{
  guint minutes = g_settings_get_uint (self->settings, "sync-interval");

  g_clear_handle_id (&self->round_id, g_source_remove);
  self->round_id = g_timeout_add_seconds (minutes * 60, round_timer_cb, self);
}

static void
zb_sync_service_dispose (GObject *object)
{
  ZbSyncService *self = (ZbSyncService *)object;

  g_cancellable_cancel (self->cancellable);
  g_clear_handle_id (&self->round_id, g_source_remove);
  g_clear_handle_id (&self->poll_id, g_source_remove);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->client);
  g_clear_object (&self->monitor);
  g_clear_object (&self->settings);
  g_clear_object (&self->store);
  g_clear_pointer (&self->message, g_free);
  g_clear_pointer (&self->last_success, g_date_time_unref);
  g_clear_pointer (&self->last_error, g_free);
  g_clear_pointer (&self->last_error_time, g_date_time_unref);

  G_OBJECT_CLASS (zb_sync_service_parent_class)->dispose (object);
}

static void
zb_sync_service_class_init (ZbSyncServiceClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = zb_sync_service_dispose;

  signals[CHANGED] =
    g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);
}

static void
zb_sync_service_init (ZbSyncService *self)
{
  self->cancellable = g_cancellable_new ();
  self->poll_ms = POLL_SECONDS * 1000;
  self->quiet_ms = QUIET_SECONDS * 1000;
}

/* @monitor: the network's state; NULL in tests, where the link is always up.
 * @store: the open store, or NULL; the context that owns the service hands it
 * each new one through zb_sync_service_set_store(), so that the service needs
 * no context (ZbContext includes this file, not the other way round). */
ZbSyncService *
zb_sync_service_new (GSettings       *settings,
                     GNetworkMonitor *monitor,
                     ZbStore         *store)
{
  ZbSyncService *self = g_object_new (ZB_TYPE_SYNC_SERVICE, NULL);

  self->store = store ? g_object_ref (store) : NULL;
  self->settings = g_object_ref (settings);
  self->monitor = monitor ? g_object_ref (monitor) : NULL;

  g_signal_connect_object (self->settings, "changed::sync-server", G_CALLBACK (rebuild_client),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->settings, "changed::sync-interval", G_CALLBACK (restart_timer),
                           self, G_CONNECT_SWAPPED);
  if (monitor != NULL)
    g_signal_connect_object (monitor, "network-changed", G_CALLBACK (network_changed_cb), self,
                             G_CONNECT_SWAPPED);

  restart_timer (self);
  start_poll (self);
  rebuild_client (self);
  return self;
}

/* Another database opened, or the one open closed: a client for it. */
void
zb_sync_service_set_store (ZbSyncService *self,
                           ZbStore       *store)
{
  if (g_set_object (&self->store, store))
    rebuild_client (self);
}

ZbSyncStatus
zb_sync_service_get_status (ZbSyncService *self)
{
  return self->status;
}

/* The header bar's words. */
char *
zb_sync_service_dup_summary (ZbSyncService *self)
{
  gboolean quiet = self->status == ZB_SYNC_STATUS_SYNCED || self->status == ZB_SYNC_STATUS_PENDING;

  /* A conflict waits for a person: it says so before anything else. */
  if (quiet && self->conflicts > 0)
    return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u conflict to resolve",
                                         "%u conflicts to resolve", self->conflicts),
                            self->conflicts);

  switch (self->status)
    {
    case ZB_SYNC_STATUS_SYNCED:
      return g_strdup (_("Synced"));
    case ZB_SYNC_STATUS_PENDING:
      /* TRANSLATORS: local changes not yet sent to the server */
      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u change to sync",
                                           "%u changes to sync", self->pending), self->pending);
    case ZB_SYNC_STATUS_SYNCING:
      return g_strdup (_("Syncing…"));
    case ZB_SYNC_STATUS_OFFLINE:
      return g_strdup (_("Offline"));
    case ZB_SYNC_STATUS_ERROR:
      return g_strdup (_("Sync failed"));
    case ZB_SYNC_STATUS_OFF:
    default:
      /* Never "not synced": a branch that never enrolled has nothing to
       * sync with, and nothing failed. */
      return g_strdup (_("Sync off"));
    }
}

const char *
zb_sync_service_get_message (ZbSyncService *self)
{
  return self->message;
}

guint
zb_sync_service_get_pending (ZbSyncService *self)
{
  return self->pending;
}

guint
zb_sync_service_get_conflicts (ZbSyncService *self)
{
  return self->conflicts;
}

GDateTime *
zb_sync_service_get_last_success (ZbSyncService *self)
{
  return self->last_success;
}

/* Whether this PC has a server to sync with: enrolled, and a database open. */
gboolean
zb_sync_service_is_enrolled (ZbSyncService *self)
{
  return self->client != NULL;
}

/* The server this PC syncs with, or NULL. */
const char *
zb_sync_service_get_server_url (ZbSyncService *self)
{
  return self->client ? zb_sync_client_get_server_url (self->client) : NULL;
}

/* The message of the last round that failed, and when (@when may be NULL);
 * NULL when none has failed since Zhibu started. */
const char *
zb_sync_service_get_last_error (ZbSyncService  *self,
                                GDateTime     **when)
{
  if (when != NULL)
    *when = self->last_error_time;
  return self->last_error;
}

static void
enrolled_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  ZbSyncService *self = g_task_get_source_object (task);
  g_autoptr(GError) error = NULL;
  g_autofree char *branch = zb_sync_client_enrol_finish (ZB_SYNC_CLIENT (object), result, &error);

  if (branch == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  /* The new server's client is made, and a first round run, from here. */
  g_settings_set_string (self->settings, "sync-server",
                         zb_sync_client_get_server_url (ZB_SYNC_CLIENT (object)));
  g_task_return_boolean (task, TRUE);
}

/* Enrols this PC with the one-time code from the server's administrator;
 * the token goes to the keyring, the address to the settings, and the
 * committee's CA certificate @ca_pem (NULL: the system's CAs are trusted)
 * and the server's certificate to the database. */
void
zb_sync_service_enrol_async (ZbSyncService       *self,
                             const char          *server_url,
                             const char          *code,
                             const char          *ca_pem,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (self, cancellable, callback, user_data);
  ZbStore *store = self->store;
  g_autoptr(ZbSyncClient) client = NULL;
  g_autoptr(GError) error = NULL;

  g_task_set_source_tag (task, zb_sync_service_enrol_async);
  if (store == NULL)
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_NOT_INITIALIZED,
                               _("Open the branch database first"));
      return;
    }
  if ((client = zb_sync_client_new (store, server_url, NULL, &error)) == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  if (ca_pem != NULL)
    zb_sync_client_set_ca_pem (client, ca_pem);
  zb_sync_client_enrol_async (client, code, g_get_host_name (), cancellable, enrolled_cb,
                              g_steal_pointer (&task));
}

gboolean
zb_sync_service_enrol_finish (ZbSyncService  *self,
                              GAsyncResult   *result,
                              GError        **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

/* What this PC keeps of the server it is enrolled with (the CA certificate
 * or the pinned fingerprint), or NULL. */
char *
zb_sync_service_dup_trust (ZbSyncService *self,
                           ZbServerTrust  what)
{
  const char *url = self->client ? zb_sync_client_get_server_url (self->client) : NULL;

  if (url == NULL)
    return NULL;
  return zb_store_get_server_trust (self->store, url, what, NULL);
}

/* The committee's CA certificate for the server this PC is enrolled with
 * (NULL: the system's CAs); the next round uses it. */
gboolean
zb_sync_service_set_ca (ZbSyncService  *self,
                        const char     *ca_pem,
                        GError        **error)
{
  if (self->client == NULL)
    return TRUE;
  if (!zb_store_set_server_trust (self->store, zb_sync_client_get_server_url (self->client),
                                  ZB_SERVER_TRUST_CA, ca_pem, error))
    return FALSE;

  zb_sync_service_sync_now (self);
  return TRUE;
}

/* The service's waits, for tests: how often it reads the count of pending
 * changes, how long a local change waits for more, and the first wait after
 * a failed try (doubling from there as ever; 0 keeps the client's). The same
 * paths run, only sooner. The back-off applies to the clients made from now
 * on, as when the store or the server changes. */
void
zb_sync_service_set_waits (ZbSyncService *self,
                           guint          poll_ms,
                           guint          quiet_ms,
                           guint          backoff_ms)
{
  g_return_if_fail (ZB_IS_SYNC_SERVICE (self));
  g_return_if_fail (poll_ms > 0);

  self->poll_ms = poll_ms;
  self->quiet_ms = quiet_ms;
  self->backoff_ms = backoff_ms;
  start_poll (self);
}
