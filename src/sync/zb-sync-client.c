#define G_LOG_DOMAIN "zb-sync-client"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>
#include <libsoup/soup.h>

#include "zb-secret.h"
#include "zb-store-sync.h"
#include "zb-sync-client-private.h"
#include "zb-sync-gzip.h"
#include "zb-sync-protocol.h"
#include "zb-sync-transport.h"

/* The PC's sync engine (DESIGN.md, Sync; PROTOCOL.md): enrolment, and
 * rounds (zb-sync-client-round.c) tried again after transient failures with
 * back-off. A round runs in a worker thread (network and SQL both block);
 * its progress is published as properties in the main context of the
 * thread that made the client, for the app's header bar. */

#define TOKEN_MAX 256


G_DEFINE_FINAL_TYPE (ZbSyncClient, zb_sync_client, G_TYPE_OBJECT)

G_DEFINE_ENUM_TYPE (ZbSyncClientState, zb_sync_client_state,
                    G_DEFINE_ENUM_VALUE (ZB_SYNC_CLIENT_IDLE, "idle"),
                    G_DEFINE_ENUM_VALUE (ZB_SYNC_CLIENT_PUSHING, "pushing"),
                    G_DEFINE_ENUM_VALUE (ZB_SYNC_CLIENT_PULLING, "pulling"),
                    G_DEFINE_ENUM_VALUE (ZB_SYNC_CLIENT_WAITING, "waiting"))

enum {
  PROP_0,
  PROP_STORE,
  PROP_SERVER_URL,
  PROP_TOKEN_FILE,
  PROP_MAX_RETRIES,
  PROP_MAX_WAIT,
  PROP_BACKOFF_INITIAL,
  PROP_BACKOFF_MAX,
  PROP_CONNECT_TIMEOUT,
  PROP_REQUEST_TIMEOUT,
  PROP_PAGE_LIMIT,
  PROP_STATE,
  PROP_PENDING,
  PROP_OPEN_CONFLICTS,
  PROP_REJECTED,
  PROP_LAST_ERROR,
  PROP_LAST_SUCCESS,
  PROP_NEXT_RETRY,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

typedef struct
{
  ZbSyncClient *self;
  GParamSpec   *pspec;
} Notify;

static gboolean
notify_cb (gpointer data)
{
  Notify *notify = data;

  g_object_notify_by_pspec (G_OBJECT (notify->self), notify->pspec);
  return G_SOURCE_REMOVE;
}

static void
notify_free (gpointer data)
{
  Notify *notify = data;

  g_object_unref (notify->self);
  g_free (notify);
}

/* Always deferred to the client's context: never a notification from the
 * worker thread, which a widget bound to the property could not take. */
static void
queue_notify (ZbSyncClient *self,
              guint         prop)
{
  g_autoptr(GSource) source = g_idle_source_new ();
  Notify *notify = g_new (Notify, 1);

  notify->self = g_object_ref (self);
  notify->pspec = properties[prop];
  g_source_set_callback (source, notify_cb, notify, notify_free);
  g_source_attach (source, self->context);
}

void
zb_sync_client_set_state (ZbSyncClient      *self,
                          ZbSyncClientState  state)
{
  gboolean changed;

  g_mutex_lock (&self->lock);
  changed = self->state != state;
  self->state = state;
  g_mutex_unlock (&self->lock);

  if (changed)
    queue_notify (self, PROP_STATE);
}

static void
set_count (ZbSyncClient *self,
           guint        *field,
           guint         value,
           guint         prop)
{
  gboolean changed;

  g_mutex_lock (&self->lock);
  changed = *field != value;
  *field = value;
  g_mutex_unlock (&self->lock);

  if (changed)
    queue_notify (self, prop);
}

/* The counts the header bar shows; a failure to count is no reason to fail. */
void
zb_sync_client_refresh_counts (ZbSyncClient *self)
{
  g_autoptr(GListModel) rejected = zb_store_list_rejected (self->store, NULL);

  set_count (self, &self->pending, zb_store_count_outbox (self->store, NULL), PROP_PENDING);
  set_count (self, &self->open_conflicts, zb_store_count_open_conflicts (self->store, NULL),
             PROP_OPEN_CONFLICTS);
  set_count (self, &self->rejected, rejected ? g_list_model_get_n_items (rejected) : 0,
             PROP_REJECTED);
}

static void
set_outcome (ZbSyncClient *self,
             const GError *error,
             guint64       retry_in_ms)
{
  g_mutex_lock (&self->lock);
  g_clear_pointer (&self->last_error, g_free);
  g_clear_pointer (&self->next_retry, g_date_time_unref);
  if (error == NULL)
    {
      g_clear_pointer (&self->last_success, g_date_time_unref);
      self->last_success = g_date_time_new_now_utc ();
    }
  else
    self->last_error = g_strdup (error->message);
  if (retry_in_ms > 0)
    {
      g_autoptr(GDateTime) now = g_date_time_new_now_utc ();

      self->next_retry = g_date_time_add (now, retry_in_ms * G_TIME_SPAN_MILLISECOND);
    }
  g_mutex_unlock (&self->lock);

  queue_notify (self, PROP_LAST_ERROR);
  queue_notify (self, PROP_NEXT_RETRY);
  if (error == NULL)
    queue_notify (self, PROP_LAST_SUCCESS);
}

/* Network errors, timeouts and the server's 500, 502, 503 and 504 are worth
 * trying again later (PROTOCOL.md, Rounds); nothing else is until something
 * changes (a new token, a new version, a person's fix). */
gboolean
zb_sync_client_is_transient (const GError *error)
{
  if (error == NULL)
    return FALSE;
  if (error->domain == G_IO_ERROR)
    return error->code != G_IO_ERROR_CANCELLED;
  if (error->domain == G_RESOLVER_ERROR)
    return TRUE;
  if (error->domain == SOUP_SESSION_ERROR)    /* a garbled answer, as a bad link makes */
    return error->code == SOUP_SESSION_ERROR_PARSING || error->code == SOUP_SESSION_ERROR_ENCODING;

  return zb_sync_error_is_transient (error);
}

/* What the person at the PC can do about the server's answer. */
static void
explain_error (ZbSyncClient  *self,
               GError       **error)
{
  if (error == NULL || *error == NULL || (*error)->domain != ZB_SYNC_ERROR)
    return;

  switch ((*error)->code)
    {
    case ZB_SYNC_ERROR_UNAUTHORIZED:
      g_prefix_error (error, _("The server no longer accepts this PC’s token; enrol again with a "
                               "new code from its administrator: "));
      break;
    case ZB_SYNC_ERROR_OP_ID_REUSED:
      g_prefix_error (error, _("Another database syncs as this device (a copied file or a "
                               "restored backup); this one needs a new device ID before it can "
                               "sync again: "));
      break;
    case ZB_SYNC_ERROR_CHECKPOINT_AHEAD:
      g_prefix_error (error, _("The server has lost changes this PC has seen (restored from a "
                               "backup?); sync stopped, tell the server’s administrator: "));
      break;
    case ZB_SYNC_ERROR_UNSUPPORTED_PROTOCOL:
      g_prefix_error (error, _("The server speaks another version of the sync protocol; update "
                               "Zhibu: "));
      break;
    default:
      break;
    }
}

static char *
read_token_file (ZbSyncClient  *self,
                 GError       **error)
{
  g_autofree char *contents = NULL;
  g_autoptr(GError) local_error = NULL;

  if (!g_file_get_contents (self->token_file, &contents, NULL, &local_error) ||
      *g_strstrip (contents) == '\0')
    {
      g_set_error (error, ZB_SYNC_CLIENT_ERROR, ZB_SYNC_CLIENT_ERROR_NOT_ENROLLED,
                   _("No sync token in %s (%s): enrol this PC first with “zhibu-cli enrol”"),
                   self->token_file, local_error ? local_error->message : _("empty"));
      return NULL;
    }

  return g_steal_pointer (&contents);
}

/* The token file when one is given, else the keyring. */
char *
zb_sync_client_load_token (ZbSyncClient  *self,
                           GCancellable  *cancellable,
                           GError       **error)
{
  g_autofree char *token = NULL;
  g_autoptr(GError) local_error = NULL;

  g_mutex_lock (&self->lock);
  token = g_strdup (self->token);
  g_mutex_unlock (&self->lock);
  if (token != NULL)
    return g_steal_pointer (&token);

  if (self->token_file != NULL)
    return read_token_file (self, error);

  token = zb_secret_lookup_token (self->server_url, zb_store_get_device_id (self->store),
                                  cancellable, &local_error);
  if (token == NULL)
    g_set_error (error, ZB_SYNC_CLIENT_ERROR, ZB_SYNC_CLIENT_ERROR_NOT_ENROLLED,
                 _("This PC is not enrolled with %s%s%s: enrol it with a code from the server’s "
                   "administrator"), self->server_url, local_error ? ": " : "",
                 local_error ? local_error->message : "");

  return g_steal_pointer (&token);
}

/* Mode 0600 from the first byte: the token opens the branch's data. */
static gboolean
save_token (ZbSyncClient  *self,
            const char    *token,
            GCancellable  *cancellable,
            GError       **error)
{
  g_autofree char *line = g_strconcat (token, "\n", NULL);

  if (self->token_file == NULL)
    return zb_secret_store_token (self->server_url, zb_store_get_device_id (self->store), token,
                                  cancellable, error);

  return g_file_set_contents_full (self->token_file, line, -1, G_FILE_SET_CONTENTS_CONSISTENT,
                                   0600, error);
}

/* Sleeps @ms in the worker thread, waking when @cancellable is cancelled. */
static gboolean
wait_cancellable (guint64        ms,
                  GCancellable  *cancellable,
                  GError       **error)
{
  gint64 until = g_get_monotonic_time () + ms * G_TIME_SPAN_MILLISECOND;
  GPollFD fd = { -1, G_IO_IN, 0 };
  gboolean pollable = g_cancellable_make_pollfd (cancellable, &fd);

  for (gint64 now; (now = g_get_monotonic_time ()) < until;)
    {
      int timeout = (int) MIN ((until - now) / 1000 + 1, G_MAXINT);

      if (pollable)
        g_poll (&fd, 1, timeout);
      else
        g_usleep (MIN (until - now, G_USEC_PER_SEC));
      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        break;
    }

  if (pollable)
    g_cancellable_release_fd (cancellable);
  return !g_cancellable_is_cancelled (cancellable);
}

/* The wait before the next try; 0 when the error is not worth one. */
static guint64
next_wait (ZbSyncClient *self,
           const GError *error,
           guint         retry_after)
{
  guint64 wait;

  if (!zb_sync_client_is_transient (error))
    return 0;

  g_mutex_lock (&self->lock);
  wait = zb_sync_backoff_next (&self->backoff, retry_after, g_random_double ());
  g_mutex_unlock (&self->lock);
  return wait;
}

static gboolean
run_with_retries (ZbSyncClient  *self,
                  ZbSyncStats   *stats,
                  GCancellable  *cancellable,
                  GError       **error)
{
  g_autoptr(GError) local_error = NULL;
  guint retry_after = 0;
  guint64 wait = 0;

  for (;;)
    {
      stats->attempts++;
      g_clear_error (&local_error);
      if (zb_sync_client_run_round (self, stats, &retry_after, cancellable, &local_error))
        break;

      explain_error (self, &local_error);
      wait = next_wait (self, local_error, retry_after);
      if (wait == 0 || stats->attempts > self->max_retries || wait > self->max_wait * 1000ull)
        break;

      g_debug ("try %u failed (%s); again in %" G_GUINT64_FORMAT " ms", stats->attempts,
               local_error->message, wait);
      set_outcome (self, local_error, wait);
      zb_sync_client_set_state (self, ZB_SYNC_CLIENT_WAITING);
      if (!wait_cancellable (wait, cancellable, error))
        return FALSE;
    }

  if (local_error == NULL)
    {
      g_mutex_lock (&self->lock);
      zb_sync_backoff_reset (&self->backoff);
      g_mutex_unlock (&self->lock);
      set_outcome (self, NULL, 0);
      return TRUE;
    }

  /* The app's timer takes it from here: next-retry says when. */
  set_outcome (self, local_error, wait);
  g_propagate_error (error, g_steal_pointer (&local_error));
  return FALSE;
}

static void
sync_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  ZbSyncClient *self = source_object;
  ZbSyncStats *stats = g_new0 (ZbSyncStats, 1);
  GError *error = NULL;
  gboolean ok;

  zb_sync_client_refresh_counts (self);
  ok = run_with_retries (self, stats, cancellable, &error);
  zb_sync_client_refresh_counts (self);
  stats->conflicts = zb_sync_client_get_open_conflicts (self);
  zb_sync_client_set_state (self, ZB_SYNC_CLIENT_IDLE);
  g_atomic_int_set (&self->busy, FALSE);

  if (ok)
    g_task_return_pointer (task, stats, g_free);
  else
    {
      g_free (stats);
      g_task_return_error (task, error);
    }
}

static gboolean
claim (ZbSyncClient  *self,
       GTask         *task)
{
  if (g_atomic_int_compare_and_exchange (&self->busy, FALSE, TRUE))
    return TRUE;

  g_task_return_new_error (task, ZB_SYNC_CLIENT_ERROR, ZB_SYNC_CLIENT_ERROR_BUSY,
                           _("A sync with the server is already running"));
  return FALSE;
}

typedef struct
{
  char *code;
  char *device_name;
} EnrolData;

static void
enrol_data_free (EnrolData *data)
{
  g_free (data->code);
  g_free (data->device_name);
  g_free (data);
}

static GBytes *
enrol_body (ZbSyncClient *self,
            EnrolData    *data)
{
  g_autoptr(JsonNode) root = NULL;
  JsonObject *object = json_object_new ();

  json_object_set_int_member (object, "protocol", ZB_SYNC_PROTOCOL);
  json_object_set_string_member (object, "code", data->code);
  json_object_set_string_member (object, "device_id", zb_store_get_device_id (self->store));
  if (data->device_name != NULL)
    json_object_set_string_member (object, "device_name", data->device_name);

  root = json_node_init_object (json_node_alloc (), object);
  json_object_unref (object);
  return zb_sync_json_to_bytes (root);
}

/* {"token": …, "branch_name": …}: the token is kept, the branch named. */
static char *
take_enrolment (ZbSyncClient  *self,
                GBytes        *answer,
                GCancellable  *cancellable,
                GError       **error)
{
  g_autoptr(JsonNode) root = NULL;
  JsonObject *object = zb_sync_parse_object (answer, &root, error);
  const char *token = NULL, *branch = NULL, *device = NULL;

  if (object == NULL ||
      !zb_sync_read_string (object, NULL, "token", FALSE, &token, error) ||
      !zb_sync_read_string (object, NULL, "branch_name", TRUE, &branch, error) ||
      !zb_sync_read_string (object, NULL, "device_id", TRUE, &device, error))
    {
      g_prefix_error (error, _("The sync server’s answer to the enrolment is malformed: "));
      return NULL;
    }
  if (*token == '\0' || strlen (token) > TOKEN_MAX ||
      (device != NULL && g_strcmp0 (device, zb_store_get_device_id (self->store)) != 0))
    {
      g_set_error_literal (error, ZB_SYNC_CLIENT_ERROR, ZB_SYNC_CLIENT_ERROR_BAD_RESPONSE,
                           _("The sync server answered the enrolment with an unusable token"));
      return NULL;
    }

  if (!save_token (self, token, cancellable, error))
    return NULL;

  g_mutex_lock (&self->lock);
  g_free (self->token);
  self->token = g_strdup (token);
  g_mutex_unlock (&self->lock);
  return g_strdup (branch ? branch : "");
}

/* The enrolment's request, gzip-compressed like every body; no token yet. */
static GBytes *
post_enrolment (ZbSyncClient     *self,
                ZbSyncTransport  *transport,
                EnrolData        *data,
                GCancellable     *cancellable,
                GError          **error)
{
  g_autoptr(GBytes) json = enrol_body (self, data);
  g_autoptr(GBytes) body = zb_sync_gzip_compress (json, error);
  guint retry_after = 0;

  if (body == NULL)
    return NULL;

  return zb_sync_transport_request (transport, "POST", "/v1/enrol", body, NULL, &retry_after,
                                    cancellable, error);
}

/* The server refuses to rebind a device that holds a token (PROTOCOL.md
 * 3.2): the person at the PC learns what to ask for, in the PC's language,
 * with the device ID the administrator needs. */
static void
explain_enrolment_error (ZbSyncClient  *self,
                         GError       **error)
{
  if (!g_error_matches (*error, ZB_SYNC_ERROR, ZB_SYNC_ERROR_DEVICE_ENROLLED))
    return;

  g_clear_error (error);
  g_set_error (error, ZB_SYNC_ERROR, ZB_SYNC_ERROR_DEVICE_ENROLLED,
               _("The server refused this PC: its device %s is enrolled already and holds a "
                 "token (the code just used is used up). If this PC lost its token, ask the "
                 "committee’s administrator to reset the device, then enrol with a new code"),
               zb_store_get_device_id (self->store));
}

static void
enrol_thread (GTask        *task,
              gpointer      source_object,
              gpointer      task_data,
              GCancellable *cancellable)
{
  ZbSyncClient *self = source_object;
  g_autoptr(ZbSyncTransport) transport = NULL;
  g_autoptr(GBytes) answer = NULL;
  GError *error = NULL;
  char *branch = NULL;

  transport = zb_sync_client_open_transport (self, TRUE, &error);
  if (transport != NULL)
    answer = post_enrolment (self, transport, task_data, cancellable, &error);
  if (answer != NULL)
    branch = take_enrolment (self, answer, cancellable, &error);
  else if (error != NULL)
    explain_enrolment_error (self, &error);
  if (branch != NULL && !zb_sync_client_keep_trust (self, transport, &error))
    g_clear_pointer (&branch, g_free);
  g_atomic_int_set (&self->busy, FALSE);

  if (branch != NULL)
    g_task_return_pointer (task, branch, g_free);
  else
    g_task_return_error (task, error);
}

static void
zb_sync_client_finalize (GObject *object)
{
  ZbSyncClient *self = (ZbSyncClient *)object;

  g_clear_object (&self->store);
  g_free (self->server_url);
  g_free (self->token_file);
  g_free (self->ca_pem);
  g_free (self->new_pin);
  g_clear_pointer (&self->context, g_main_context_unref);
  g_free (self->token);
  g_free (self->last_error);
  g_clear_pointer (&self->last_success, g_date_time_unref);
  g_clear_pointer (&self->next_retry, g_date_time_unref);
  g_mutex_clear (&self->lock);

  G_OBJECT_CLASS (zb_sync_client_parent_class)->finalize (object);
}

static void
zb_sync_client_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  ZbSyncClient *self = ZB_SYNC_CLIENT (object);

  switch (prop_id)
    {
    case PROP_STORE: g_value_set_object (value, self->store); break;
    case PROP_SERVER_URL: g_value_set_string (value, self->server_url); break;
    case PROP_TOKEN_FILE: g_value_set_string (value, self->token_file); break;
    case PROP_MAX_RETRIES: g_value_set_uint (value, self->max_retries); break;
    case PROP_MAX_WAIT: g_value_set_uint (value, self->max_wait); break;
    case PROP_BACKOFF_INITIAL: g_value_set_uint (value, self->backoff_initial); break;
    case PROP_BACKOFF_MAX: g_value_set_uint (value, self->backoff_max); break;
    case PROP_CONNECT_TIMEOUT: g_value_set_uint (value, self->connect_timeout); break;
    case PROP_REQUEST_TIMEOUT: g_value_set_uint (value, self->request_timeout); break;
    case PROP_PAGE_LIMIT: g_value_set_uint (value, self->page_limit); break;
    case PROP_STATE: g_value_set_enum (value, zb_sync_client_get_state (self)); break;
    case PROP_PENDING: g_value_set_uint (value, zb_sync_client_get_pending (self)); break;
    case PROP_OPEN_CONFLICTS:
      g_value_set_uint (value, zb_sync_client_get_open_conflicts (self));
      break;
    case PROP_REJECTED: g_value_set_uint (value, zb_sync_client_get_rejected (self)); break;
    case PROP_LAST_ERROR: g_value_take_string (value, zb_sync_client_dup_last_error (self)); break;
    case PROP_LAST_SUCCESS:
      g_value_take_boxed (value, zb_sync_client_dup_last_success (self));
      break;
    case PROP_NEXT_RETRY: g_value_take_boxed (value, zb_sync_client_dup_next_retry (self)); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
set_backoff (ZbSyncClient *self)
{
  g_mutex_lock (&self->lock);
  zb_sync_backoff_init (&self->backoff, self->backoff_initial, self->backoff_max);
  g_mutex_unlock (&self->lock);
}

static void
zb_sync_client_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  ZbSyncClient *self = ZB_SYNC_CLIENT (object);

  switch (prop_id)
    {
    case PROP_STORE: self->store = g_value_dup_object (value); break;
    case PROP_SERVER_URL: self->server_url = g_value_dup_string (value); break;
    case PROP_TOKEN_FILE: self->token_file = g_value_dup_string (value); break;
    case PROP_MAX_RETRIES: self->max_retries = g_value_get_uint (value); break;
    case PROP_MAX_WAIT: self->max_wait = g_value_get_uint (value); break;
    case PROP_BACKOFF_INITIAL:
      self->backoff_initial = g_value_get_uint (value);
      set_backoff (self);
      break;
    case PROP_BACKOFF_MAX:
      self->backoff_max = g_value_get_uint (value);
      set_backoff (self);
      break;
    case PROP_CONNECT_TIMEOUT: self->connect_timeout = g_value_get_uint (value); break;
    case PROP_REQUEST_TIMEOUT: self->request_timeout = g_value_get_uint (value); break;
    case PROP_PAGE_LIMIT: self->page_limit = g_value_get_uint (value); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static GParamSpec *
uint_property (const char *name,
               guint       min,
               guint       max,
               guint       value)
{
  return g_param_spec_uint (name, NULL, NULL, min, max, value,
                            G_PARAM_READWRITE | G_PARAM_CONSTRUCT | G_PARAM_STATIC_STRINGS);
}

static GParamSpec *
count_property (const char *name)
{
  return g_param_spec_uint (name, NULL, NULL, 0, G_MAXUINT, 0,
                            G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
}

static void
zb_sync_client_class_init (ZbSyncClientClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags construct = G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS;

  object_class->finalize = zb_sync_client_finalize;
  object_class->get_property = zb_sync_client_get_property;
  object_class->set_property = zb_sync_client_set_property;

  properties[PROP_STORE] = g_param_spec_object ("store", NULL, NULL, ZB_TYPE_STORE, construct);
  properties[PROP_SERVER_URL] = g_param_spec_string ("server-url", NULL, NULL, NULL, construct);
  properties[PROP_TOKEN_FILE] = g_param_spec_string ("token-file", NULL, NULL, NULL, construct);

  /* PROTOCOL.md, Rounds: the defaults; tests shorten them. */
  properties[PROP_MAX_RETRIES] = uint_property ("max-retries", 0, G_MAXUINT, 3);
  properties[PROP_MAX_WAIT] = uint_property ("max-wait", 0, G_MAXUINT, 60);
  properties[PROP_BACKOFF_INITIAL] = uint_property ("backoff-initial", 1, G_MAXUINT,
                                                    ZB_SYNC_BACKOFF_INITIAL_MS);
  properties[PROP_BACKOFF_MAX] = uint_property ("backoff-max", 1, G_MAXUINT,
                                                ZB_SYNC_BACKOFF_MAX_MS);
  properties[PROP_CONNECT_TIMEOUT] = uint_property ("connect-timeout", 1, 3600, 15);
  properties[PROP_REQUEST_TIMEOUT] = uint_property ("request-timeout", 1, 3600, 120);
  properties[PROP_PAGE_LIMIT] = uint_property ("page-limit", 1, ZB_SYNC_PAGE_SIZE,
                                               ZB_SYNC_PAGE_SIZE);

  /* For the header bar: what the last round left. */
  properties[PROP_STATE] = g_param_spec_enum ("state", NULL, NULL, ZB_TYPE_SYNC_CLIENT_STATE,
                                              ZB_SYNC_CLIENT_IDLE,
                                              G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_PENDING] = count_property ("pending");
  properties[PROP_OPEN_CONFLICTS] = count_property ("open-conflicts");
  properties[PROP_REJECTED] = count_property ("rejected");
  properties[PROP_LAST_ERROR] = g_param_spec_string ("last-error", NULL, NULL, NULL,
                                                     G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_LAST_SUCCESS] = g_param_spec_boxed ("last-success", NULL, NULL,
                                                      G_TYPE_DATE_TIME,
                                                      G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_NEXT_RETRY] = g_param_spec_boxed ("next-retry", NULL, NULL, G_TYPE_DATE_TIME,
                                                    G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
zb_sync_client_init (ZbSyncClient *self)
{
  g_mutex_init (&self->lock);
  self->context = g_main_context_ref_thread_default ();
  zb_sync_backoff_init (&self->backoff, ZB_SYNC_BACKOFF_INITIAL_MS, ZB_SYNC_BACKOFF_MAX_MS);
}

/* A client of the server at @server_url for @store's device, its token in
 * @token_file (mode 0600) or, when NULL, in the keyring. Property changes
 * are notified in the thread-default main context of the caller. */
ZbSyncClient *
zb_sync_client_new (ZbStore     *store,
                    const char  *server_url,
                    const char  *token_file,
                    GError     **error)
{
  g_autofree char *url = NULL;

  g_return_val_if_fail (ZB_IS_STORE (store), NULL);

  if (!zb_sync_transport_check_url (server_url, error))
    return NULL;

  /* One spelling per server, for the keyring's lookups. */
  url = g_strdup (server_url);
  while (g_str_has_suffix (url, "/"))
    url[strlen (url) - 1] = '\0';

  return g_object_new (ZB_TYPE_SYNC_CLIENT, "store", store, "server-url", url,
                       "token-file", token_file, NULL);
}

/* A token from elsewhere (a test against a real server): kept in memory. */
void
zb_sync_client_set_token (ZbSyncClient *self,
                          const char   *token)
{
  g_mutex_lock (&self->lock);
  g_free (self->token);
  self->token = g_strdup (token);
  g_mutex_unlock (&self->lock);
}

/* Enrols the store's device with the one-time @code from the server's
 * administrator and keeps the token it gets. */
void
zb_sync_client_enrol_async (ZbSyncClient        *self,
                            const char          *code,
                            const char          *device_name,
                            GCancellable        *cancellable,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (self, cancellable, callback, user_data);
  EnrolData *data = g_new0 (EnrolData, 1);

  data->code = g_strdup (code);
  data->device_name = g_strdup (device_name);
  g_task_set_source_tag (task, zb_sync_client_enrol_async);
  g_task_set_task_data (task, data, (GDestroyNotify) enrol_data_free);
  if (claim (self, task))
    g_task_run_in_thread (task, enrol_thread);
}

/* The branch's name, as the server calls it. */
char *
zb_sync_client_enrol_finish (ZbSyncClient  *self,
                             GAsyncResult  *result,
                             GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/* One round: push, then pull, trying again after transient failures
 * (max-retries times, with waits up to max-wait seconds); then next-retry
 * says when the app's timer should call again. */
void
zb_sync_client_sync_async (ZbSyncClient        *self,
                           GCancellable        *cancellable,
                           GAsyncReadyCallback  callback,
                           gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (self, cancellable, callback, user_data);

  g_task_set_source_tag (task, zb_sync_client_sync_async);
  if (claim (self, task))
    g_task_run_in_thread (task, sync_thread);
}

gboolean
zb_sync_client_sync_finish (ZbSyncClient  *self,
                            GAsyncResult  *result,
                            ZbSyncStats   *stats,
                            GError       **error)
{
  g_autofree ZbSyncStats *done = NULL;

  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  done = g_task_propagate_pointer (G_TASK (result), error);
  if (done != NULL && stats != NULL)
    *stats = *done;
  return done != NULL;
}

typedef struct
{
  GMainLoop    *loop;
  GAsyncResult *result;
} Wait;

static void
wait_done_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      data)
{
  Wait *wait = data;

  wait->result = g_object_ref (result);
  g_main_loop_quit (wait->loop);
}

static GAsyncResult *
wait_run (Wait *wait)
{
  g_main_loop_run (wait->loop);
  g_clear_pointer (&wait->loop, g_main_loop_unref);
  return wait->result;
}

/* The same, waiting for the end: for zhibu-cli and scripts, which have no
 * window to keep alive. The client must belong to this thread's default
 * main context. */
char *
zb_sync_client_enrol (ZbSyncClient  *self,
                      const char    *code,
                      const char    *device_name,
                      GCancellable  *cancellable,
                      GError       **error)
{
  Wait wait = { g_main_loop_new (NULL, FALSE), NULL };
  g_autoptr(GAsyncResult) result = NULL;

  zb_sync_client_enrol_async (self, code, device_name, cancellable, wait_done_cb, &wait);
  result = wait_run (&wait);
  return zb_sync_client_enrol_finish (self, result, error);
}

gboolean
zb_sync_client_sync (ZbSyncClient  *self,
                     GCancellable  *cancellable,
                     ZbSyncStats   *stats,
                     GError       **error)
{
  Wait wait = { g_main_loop_new (NULL, FALSE), NULL };
  g_autoptr(GAsyncResult) result = NULL;

  zb_sync_client_sync_async (self, cancellable, wait_done_cb, &wait);
  result = wait_run (&wait);
  return zb_sync_client_sync_finish (self, result, stats, error);
}

ZbStore *
zb_sync_client_get_store (ZbSyncClient *self)
{
  return self->store;
}

const char *
zb_sync_client_get_server_url (ZbSyncClient *self)
{
  return self->server_url;
}

ZbSyncClientState
zb_sync_client_get_state (ZbSyncClient *self)
{
  ZbSyncClientState state;

  g_mutex_lock (&self->lock);
  state = self->state;
  g_mutex_unlock (&self->lock);
  return state;
}

static guint
get_count (ZbSyncClient *self,
           guint        *field)
{
  guint n;

  g_mutex_lock (&self->lock);
  n = *field;
  g_mutex_unlock (&self->lock);
  return n;
}

/* Local changes waiting for the server, as the last round left them. */
guint
zb_sync_client_get_pending (ZbSyncClient *self)
{
  return get_count (self, &self->pending);
}

guint
zb_sync_client_get_open_conflicts (ZbSyncClient *self)
{
  return get_count (self, &self->open_conflicts);
}

guint
zb_sync_client_get_rejected (ZbSyncClient *self)
{
  return get_count (self, &self->rejected);
}

char *
zb_sync_client_dup_last_error (ZbSyncClient *self)
{
  char *text;

  g_mutex_lock (&self->lock);
  text = g_strdup (self->last_error);
  g_mutex_unlock (&self->lock);
  return text;
}

static GDateTime *
dup_time (ZbSyncClient  *self,
          GDateTime    **time)
{
  GDateTime *copy;

  g_mutex_lock (&self->lock);
  copy = *time ? g_date_time_ref (*time) : NULL;
  g_mutex_unlock (&self->lock);
  return copy;
}

GDateTime *
zb_sync_client_dup_last_success (ZbSyncClient *self)
{
  return dup_time (self, &self->last_success);
}

/* When a round that failed for a transient reason is worth trying again. */
GDateTime *
zb_sync_client_dup_next_retry (ZbSyncClient *self)
{
  return dup_time (self, &self->next_retry);
}
