#define G_LOG_DOMAIN "zb-outbox-entry"

#include "config.h"

#include "zb-outbox-entry.h"

struct _ZbOutboxEntry
{
  GObject  parent_instance;

  gint64   op_id;
  char    *table_name;
  char    *row_id;
  char    *op;             /* insert, update or delete */
  char   **columns;        /* the changed columns of an update; NULL otherwise */
  gint64   base_revision;  /* the row's revision when it was changed */
  char    *resolves;       /* the server's ID of the conflict this change closes */
  char    *created_at;

  /* Only for an op the server refused for good. */
  char    *error_code;
  char    *reason;
  char    *fields;         /* the values that were sent, as JSON */
  char    *rejected_at;
};

G_DEFINE_FINAL_TYPE (ZbOutboxEntry, zb_outbox_entry, G_TYPE_OBJECT)

static void
zb_outbox_entry_finalize (GObject *object)
{
  ZbOutboxEntry *self = (ZbOutboxEntry *)object;

  g_free (self->table_name);
  g_free (self->row_id);
  g_free (self->op);
  g_strfreev (self->columns);
  g_free (self->resolves);
  g_free (self->created_at);
  g_free (self->error_code);
  g_free (self->reason);
  g_free (self->fields);
  g_free (self->rejected_at);

  G_OBJECT_CLASS (zb_outbox_entry_parent_class)->finalize (object);
}

static void
zb_outbox_entry_class_init (ZbOutboxEntryClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = zb_outbox_entry_finalize;
}

static void
zb_outbox_entry_init (ZbOutboxEntry *self)
{
}

/* @columns as the outbox keeps them: names joined by commas. */
ZbOutboxEntry *
zb_outbox_entry_new (gint64      op_id,
                     const char *table_name,
                     const char *row_id,
                     const char *op,
                     const char *columns,
                     gint64      base_revision,
                     const char *resolves,
                     const char *created_at)
{
  ZbOutboxEntry *self = g_object_new (ZB_TYPE_OUTBOX_ENTRY, NULL);

  self->op_id = op_id;
  self->table_name = g_strdup (table_name);
  self->row_id = g_strdup (row_id);
  self->op = g_strdup (op);
  self->columns = columns && *columns ? g_strsplit (columns, ",", -1) : NULL;
  self->base_revision = base_revision;
  self->resolves = g_strdup (resolves);
  self->created_at = g_strdup (created_at);
  return self;
}

void
zb_outbox_entry_set_rejection (ZbOutboxEntry *self,
                               const char    *error_code,
                               const char    *reason,
                               const char    *fields,
                               const char    *rejected_at)
{
  g_free (self->error_code);
  g_free (self->reason);
  g_free (self->fields);
  g_free (self->rejected_at);
  self->error_code = g_strdup (error_code);
  self->reason = g_strdup (reason);
  self->fields = g_strdup (fields);
  self->rejected_at = g_strdup (rejected_at);
}

gint64
zb_outbox_entry_get_op_id (ZbOutboxEntry *self)
{
  return self->op_id;
}

const char *
zb_outbox_entry_get_table_name (ZbOutboxEntry *self)
{
  return self->table_name;
}

const char *
zb_outbox_entry_get_row_id (ZbOutboxEntry *self)
{
  return self->row_id;
}

const char *
zb_outbox_entry_get_op (ZbOutboxEntry *self)
{
  return self->op;
}

const char * const *
zb_outbox_entry_get_columns (ZbOutboxEntry *self)
{
  return (const char * const *) self->columns;
}

gint64
zb_outbox_entry_get_base_revision (ZbOutboxEntry *self)
{
  return self->base_revision;
}

const char *
zb_outbox_entry_get_resolves (ZbOutboxEntry *self)
{
  return self->resolves;
}

const char *
zb_outbox_entry_get_created_at (ZbOutboxEntry *self)
{
  return self->created_at;
}

const char *
zb_outbox_entry_get_error_code (ZbOutboxEntry *self)
{
  return self->error_code;
}

const char *
zb_outbox_entry_get_reason (ZbOutboxEntry *self)
{
  return self->reason;
}

const char *
zb_outbox_entry_get_fields (ZbOutboxEntry *self)
{
  return self->fields;
}

const char *
zb_outbox_entry_get_rejected_at (ZbOutboxEntry *self)
{
  return self->rejected_at;
}
