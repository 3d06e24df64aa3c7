#define G_LOG_DOMAIN "zb-server-db"

#include "config.h"

#include "zb-server-db.h"

struct _ZbServerResult
{
  guint      n_columns;
  GPtrArray *values;   /* row by row, NULL for SQL NULL */
};

G_DEFINE_ABSTRACT_TYPE (ZbServerDb, zb_server_db, G_TYPE_OBJECT)

G_DEFINE_QUARK (zb-server-db-error-quark, zb_server_db_error)

static gboolean
zb_server_db_real_begin_read (ZbServerDb  *self,
                              GError     **error)
{
  return zb_server_db_exec (self, "BEGIN", NULL, 0, NULL, error);
}

static gboolean
zb_server_db_real_commit (ZbServerDb  *self,
                          GError     **error)
{
  return zb_server_db_exec (self, "COMMIT", NULL, 0, NULL, error);
}

static void
zb_server_db_class_init (ZbServerDbClass *klass)
{
  klass->begin_read = zb_server_db_real_begin_read;
  klass->commit = zb_server_db_real_commit;
}

static void
zb_server_db_init (ZbServerDb *self)
{
}

ZbServerResult *
zb_server_db_query (ZbServerDb          *self,
                    const char          *sql,
                    const char * const  *params,
                    guint                n_params,
                    GError             **error)
{
  g_return_val_if_fail (ZB_IS_SERVER_DB (self), NULL);

  return ZB_SERVER_DB_GET_CLASS (self)->query (self, sql, params, n_params, error);
}

gboolean
zb_server_db_exec (ZbServerDb          *self,
                   const char          *sql,
                   const char * const  *params,
                   guint                n_params,
                   guint64             *changes,
                   GError             **error)
{
  g_return_val_if_fail (ZB_IS_SERVER_DB (self), FALSE);

  return ZB_SERVER_DB_GET_CLASS (self)->exec (self, sql, params, n_params, changes, error);
}

/* The first column of the first row, or NULL with no error when there is
 * no row (or the value is NULL). */
char *
zb_server_db_query_value (ZbServerDb          *self,
                          const char          *sql,
                          const char * const  *params,
                          guint                n_params,
                          GError             **error)
{
  g_autoptr(ZbServerResult) result = zb_server_db_query (self, sql, params, n_params, error);

  if (result == NULL || zb_server_result_n_rows (result) == 0)
    return NULL;
  return g_strdup (zb_server_result_get (result, 0, 0));
}

gboolean
zb_server_db_script (ZbServerDb  *self,
                     const char  *sql,
                     GError     **error)
{
  return ZB_SERVER_DB_GET_CLASS (self)->script (self, sql, error);
}

gboolean
zb_server_db_begin (ZbServerDb  *self,
                    GError     **error)
{
  return ZB_SERVER_DB_GET_CLASS (self)->begin (self, error);
}

gboolean
zb_server_db_begin_read (ZbServerDb  *self,
                         GError     **error)
{
  return ZB_SERVER_DB_GET_CLASS (self)->begin_read (self, error);
}

gboolean
zb_server_db_commit (ZbServerDb  *self,
                     GError     **error)
{
  return ZB_SERVER_DB_GET_CLASS (self)->commit (self, error);
}

void
zb_server_db_rollback (ZbServerDb *self)
{
  g_autoptr(GError) error = NULL;

  if (!zb_server_db_exec (self, "ROLLBACK", NULL, 0, NULL, &error))
    g_debug ("rollback: %s", error->message);
}

/* Savepoint names come from the code, never from a request. */
gboolean
zb_server_db_savepoint (ZbServerDb  *self,
                        const char  *name,
                        GError     **error)
{
  g_autofree char *sql = g_strdup_printf ("SAVEPOINT %s", name);

  return zb_server_db_exec (self, sql, NULL, 0, NULL, error);
}

gboolean
zb_server_db_release (ZbServerDb  *self,
                      const char  *name,
                      GError     **error)
{
  g_autofree char *sql = g_strdup_printf ("RELEASE SAVEPOINT %s", name);

  return zb_server_db_exec (self, sql, NULL, 0, NULL, error);
}

/* Undoes what followed the savepoint and keeps the transaction going. */
void
zb_server_db_rollback_to (ZbServerDb *self,
                          const char *name)
{
  g_autofree char *sql = g_strdup_printf ("ROLLBACK TO SAVEPOINT %s", name);
  g_autoptr(GError) error = NULL;

  if (!zb_server_db_exec (self, sql, NULL, 0, NULL, &error) ||
      !zb_server_db_release (self, name, &error))
    g_debug ("rollback to %s: %s", name, error->message);
}

const char *
zb_server_db_engine (ZbServerDb *self)
{
  return ZB_SERVER_DB_GET_CLASS (self)->engine (self);
}

ZbServerResult *
zb_server_result_new (guint n_columns)
{
  ZbServerResult *self = g_new0 (ZbServerResult, 1);

  self->n_columns = n_columns;
  self->values = g_ptr_array_new_with_free_func (g_free);
  return self;
}

/* Copies n_columns values, each text or NULL. */
void
zb_server_result_add_row (ZbServerResult     *self,
                          const char * const *values)
{
  for (guint i = 0; i < self->n_columns; i++)
    g_ptr_array_add (self->values, g_strdup (values[i]));
}

guint
zb_server_result_n_rows (ZbServerResult *self)
{
  return self->n_columns ? self->values->len / self->n_columns : 0;
}

guint
zb_server_result_n_columns (ZbServerResult *self)
{
  return self->n_columns;
}

const char *
zb_server_result_get (ZbServerResult *self,
                      guint           row,
                      guint           column)
{
  g_return_val_if_fail (row < zb_server_result_n_rows (self) && column < self->n_columns, NULL);

  return g_ptr_array_index (self->values, row * self->n_columns + column);
}

gint64
zb_server_result_get_int (ZbServerResult *self,
                          guint           row,
                          guint           column)
{
  const char *text = zb_server_result_get (self, row, column);

  return text ? g_ascii_strtoll (text, NULL, 10) : 0;
}

void
zb_server_result_free (ZbServerResult *self)
{
  g_ptr_array_unref (self->values);
  g_free (self);
}
