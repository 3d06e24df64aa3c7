#define G_LOG_DOMAIN "zb-roster-model"

#include "config.h"

#include "zb-store-private.h"
#include "zb-roster-model.h"

/* A roster may hold 100,000 people; the view asks only for the rows it
 * shows, so rows are read a page at a time on the read connection and
 * forgotten when the query changes. */
#define PAGE_SIZE 200

struct _ZbRosterModel
{
  GObject         parent_instance;

  ZbStore        *store;
  char           *search;
  ZbMemberField   sort_field;
  gboolean        ascending;
  gboolean        include_archived;
  char           *category;     /* one category's people, or NULL for all */
  char           *party_group;  /* one party group's, or NULL for all */

  guint           n_items;
  GHashTable     *pages;      /* page number → GPtrArray of ZbMember */
};

static void list_model_iface_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (ZbRosterModel, zb_roster_model, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, list_model_iface_init))

/* The search goes through the store's bigram index (DESIGN.md, Storage:
 * Search), which finds members by name, post, title, 党小组 and ethnicity,
 * full-width or half-width, in any case; @params receives the values to bind. */
static char *
build_where (ZbRosterModel *self,
             GPtrArray     *params)
{
  GString *sql = g_string_new (self->include_archived ? "deleted = 0"
                               : "deleted = 0 AND status IN ('normal', 'suspended')");
  g_autofree char *condition = NULL;

  if (self->category != NULL)
    {
      g_ptr_array_add (params, g_strdup (self->category));
      g_string_append (sql, " AND category = ?");
    }
  if (self->party_group != NULL)
    {
      g_ptr_array_add (params, g_strdup (self->party_group));
      g_string_append (sql, " AND party_group = ?");
    }
  if (self->search != NULL)
    condition = zb_store_search_condition (self->search, "member", "r", params);
  if (condition != NULL)
    g_string_append_printf (sql, " AND id IN (SELECT r.record_id FROM search_rows r WHERE %s)",
                            condition);

  return g_string_free (sql, FALSE);
}

static sqlite3_stmt *
prepare_query (ZbRosterModel  *self,
               const char     *select,
               const char     *tail,
               GError        **error)
{
  sqlite3 *db = zb_store_get_reader (self->store, error);
  g_autoptr(GPtrArray) params = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *where = build_where (self, params);
  g_autofree char *sql = NULL;
  sqlite3_stmt *stmt;

  if (db == NULL)
    return NULL;
  /* The index holds the edits of the last moments only once it is caught up. */
  if (self->search != NULL && !zb_store_search_catch_up (self->store, error))
    return NULL;

  sql = g_strdup_printf ("SELECT %s FROM members WHERE %s %s", select, where, tail);
  stmt = zb_sql_prepare (db, sql, error);
  for (guint i = 0; stmt != NULL && i < params->len; i++)
    zb_sql_bind_text (stmt, i + 1, params->pdata[i]);

  return stmt;
}

static GPtrArray *
load_page (ZbRosterModel *self,
           guint          page)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autofree char *tail = NULL;
  GPtrArray *rows = g_ptr_array_new_with_free_func (g_object_unref);

  /* Text in pinyin order; on dates, ID numbers and the category's keys the
   * collation keeps the order of their characters. */
  tail = g_strdup_printf ("ORDER BY %s COLLATE PINYIN %s, rowid LIMIT %d OFFSET %u",
                          zb_member_field_info (self->sort_field)->key,
                          self->ascending ? "ASC" : "DESC", PAGE_SIZE, page * PAGE_SIZE);
  stmt = prepare_query (self, zb_store_member_columns (), tail, &error);
  while (stmt != NULL && sqlite3_step (stmt) == SQLITE_ROW)
    g_ptr_array_add (rows, zb_store_member_from_row (stmt));

  if (error != NULL)
    g_warning ("Could not read the roster: %s", error->message);

  return rows;
}

static GType
zb_roster_model_get_item_type (GListModel *model)
{
  return ZB_TYPE_MEMBER;
}

static guint
zb_roster_model_get_n_items (GListModel *model)
{
  return ZB_ROSTER_MODEL (model)->n_items;
}

static gpointer
zb_roster_model_get_item (GListModel *model,
                          guint       position)
{
  ZbRosterModel *self = ZB_ROSTER_MODEL (model);
  guint page = position / PAGE_SIZE;
  GPtrArray *rows;

  if (position >= self->n_items)
    return NULL;

  rows = g_hash_table_lookup (self->pages, GUINT_TO_POINTER (page));
  if (rows == NULL)
    {
      rows = load_page (self, page);
      g_hash_table_insert (self->pages, GUINT_TO_POINTER (page), rows);
    }

  if (position % PAGE_SIZE >= rows->len)
    return NULL;

  return g_object_ref (g_ptr_array_index (rows, position % PAGE_SIZE));
}

static void
list_model_iface_init (GListModelInterface *iface)
{
  iface->get_item_type = zb_roster_model_get_item_type;
  iface->get_n_items = zb_roster_model_get_n_items;
  iface->get_item = zb_roster_model_get_item;
}

static void
zb_roster_model_finalize (GObject *object)
{
  ZbRosterModel *self = (ZbRosterModel *)object;

  g_clear_object (&self->store);
  g_clear_pointer (&self->pages, g_hash_table_unref);
  g_free (self->search);
  g_free (self->category);
  g_free (self->party_group);

  G_OBJECT_CLASS (zb_roster_model_parent_class)->finalize (object);
}

static void
zb_roster_model_class_init (ZbRosterModelClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = zb_roster_model_finalize;
}

static void
zb_roster_model_init (ZbRosterModel *self)
{
  self->sort_field = ZB_MEMBER_FIELD_NAME;
  self->ascending = TRUE;
  self->pages = g_hash_table_new_full (NULL, NULL, NULL, (GDestroyNotify) g_ptr_array_unref);
}

ZbRosterModel *
zb_roster_model_new (ZbStore *store)
{
  ZbRosterModel *self = g_object_new (ZB_TYPE_ROSTER_MODEL, NULL);

  self->store = g_object_ref (store);
  return self;
}

/* Counts anew and tells the view that every row may have changed. */
gboolean
zb_roster_model_reload (ZbRosterModel  *self,
                        GError        **error)
{
  g_autoptr(sqlite3_stmt) stmt = prepare_query (self, "count(*)", "", error);
  guint old_n = self->n_items;

  if (stmt == NULL)
    return FALSE;
  if (sqlite3_step (stmt) != SQLITE_ROW)
    return zb_sql_fail (sqlite3_db_handle (stmt), error);

  self->n_items = sqlite3_column_int (stmt, 0);
  g_hash_table_remove_all (self->pages);
  g_list_model_items_changed (G_LIST_MODEL (self), 0, old_n, self->n_items);
  return TRUE;
}

static void
reload_or_warn (ZbRosterModel *self)
{
  g_autoptr(GError) error = NULL;

  if (!zb_roster_model_reload (self, &error))
    g_warning ("Could not read the roster: %s", error->message);
}

void
zb_roster_model_set_search (ZbRosterModel *self,
                            const char    *text)
{
  g_autofree char *stripped = g_strstrip (g_strdup (text ? text : ""));

  if (*stripped == '\0')
    g_clear_pointer (&stripped, g_free);
  if (g_strcmp0 (stripped, self->search) == 0)
    return;

  g_free (self->search);
  self->search = g_steal_pointer (&stripped);
  reload_or_warn (self);
}

void
zb_roster_model_set_sort (ZbRosterModel *self,
                          ZbMemberField  field,
                          gboolean       ascending)
{
  g_return_if_fail (field < ZB_MEMBER_N_FIELDS);

  if (self->sort_field == field && self->ascending == ascending)
    return;

  self->sort_field = field;
  self->ascending = ascending;
  reload_or_warn (self);
}

void
zb_roster_model_set_include_archived (ZbRosterModel *self,
                                      gboolean       include_archived)
{
  if (self->include_archived == include_archived)
    return;

  self->include_archived = include_archived;
  reload_or_warn (self);
}

static void
set_filter (ZbRosterModel  *self,
            char          **slot,
            const char     *value)
{
  if (value != NULL && *value == '\0')
    value = NULL;
  if (g_strcmp0 (*slot, value) == 0)
    return;

  g_free (*slot);
  *slot = g_strdup (value);
  reload_or_warn (self);
}

/* @category: a category's key (full, probationary, …), or NULL for everyone. */
void
zb_roster_model_set_category (ZbRosterModel *self,
                              const char    *category)
{
  set_filter (self, &self->category, category);
}

/* @party_group: a party group's name, or NULL for everyone. */
void
zb_roster_model_set_party_group (ZbRosterModel *self,
                                 const char    *party_group)
{
  set_filter (self, &self->party_group, party_group);
}
