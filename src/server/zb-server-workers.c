#define G_LOG_DOMAIN "zb-server-workers"

#include "config.h"

#include "zb-server-workers.h"

/* One thread a store: a store's database connection is used by one thread
 * at a time, and a request takes whichever store is free. Pushes to one
 * branch still commit one after another (the branch's row is locked, or
 * SQLite's write lock taken, for the whole push); reads of the feed and
 * pushes to other branches go on meanwhile. */

struct _ZbServerWorkers
{
  GObject       parent_instance;

  GThreadPool  *pool;
  GAsyncQueue  *idle;    /* stores no request is using */
  GPtrArray    *stores;
};

G_DEFINE_FINAL_TYPE (ZbServerWorkers, zb_server_workers, G_TYPE_OBJECT)

typedef struct
{
  ZbServerWork   work;
  gpointer       data;
  GDestroyNotify data_free;
} Job;

static void
job_free (Job *job)
{
  if (job->data_free != NULL)
    job->data_free (job->data);
  g_free (job);
}

static void
work_cb (gpointer data,
         gpointer user_data)
{
  g_autoptr(GTask) task = data;
  ZbServerWorkers *self = user_data;
  Job *job = g_task_get_task_data (task);
  ZbServerStore *store = g_async_queue_pop (self->idle);
  GError *error = NULL;
  JsonNode *answer = job->work (store, job->data, &error);

  g_async_queue_push (self->idle, store);
  if (answer != NULL)
    g_task_return_pointer (task, answer, (GDestroyNotify) json_node_unref);
  else
    g_task_return_error (task, error);
}

static void
zb_server_workers_dispose (GObject *object)
{
  ZbServerWorkers *self = (ZbServerWorkers *)object;

  /* Requests under way finish first: each is one transaction. */
  if (self->pool != NULL)
    g_thread_pool_free (g_steal_pointer (&self->pool), FALSE, TRUE);
  g_clear_pointer (&self->idle, g_async_queue_unref);
  g_clear_pointer (&self->stores, g_ptr_array_unref);

  G_OBJECT_CLASS (zb_server_workers_parent_class)->dispose (object);
}

static void
zb_server_workers_class_init (ZbServerWorkersClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = zb_server_workers_dispose;
}

static void
zb_server_workers_init (ZbServerWorkers *self)
{
  self->idle = g_async_queue_new ();
  self->stores = g_ptr_array_new_with_free_func (g_object_unref);
  self->pool = g_thread_pool_new (work_cb, self, 1, FALSE, NULL);
}

ZbServerWorkers *
zb_server_workers_new (void)
{
  return g_object_new (ZB_TYPE_SERVER_WORKERS, NULL);
}

/* One more worker, which answers with @store. */
void
zb_server_workers_add (ZbServerWorkers *self,
                       ZbServerStore   *store)
{
  g_return_if_fail (ZB_IS_SERVER_WORKERS (self));

  g_ptr_array_add (self->stores, g_object_ref (store));
  g_async_queue_push (self->idle, store);
  g_thread_pool_set_max_threads (self->pool, self->stores->len, NULL);
}

guint
zb_server_workers_get_n (ZbServerWorkers *self)
{
  return self->stores->len;
}

/* Runs @work on a free worker's store; @callback on this thread's main
 * context when it is done. */
void
zb_server_workers_run_async (ZbServerWorkers     *self,
                             ZbServerWork         work,
                             gpointer             data,
                             GDestroyNotify       data_free,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  GTask *task = g_task_new (self, NULL, callback, user_data);
  Job *job = g_new0 (Job, 1);

  g_return_if_fail (self->stores->len > 0);

  g_task_set_source_tag (task, zb_server_workers_run_async);
  job->work = work;
  job->data = data;
  job->data_free = data_free;
  g_task_set_task_data (task, job, (GDestroyNotify) job_free);
  g_thread_pool_push (self->pool, task, NULL);
}

JsonNode *
zb_server_workers_run_finish (ZbServerWorkers  *self,
                              GAsyncResult     *result,
                              GError          **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
