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

/* The statement @before the filter, the filter, and @after it. */
static sqlite3_stmt *
prepare_query (ZbRosterModel  *self,
               const char     *before,
               const char     *after,
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

  sql = g_strconcat (before, " ", where, " ", after, NULL);
  stmt = zb_sql_prepare (db, sql, error);
  for (guint i = 0; stmt != NULL && i < params->len; i++)
    zb_sql_bind_text (stmt, i + 1, params->pdata[i]);

  return stmt;
}

/* By name, the rows come from the index of sort keys (migration step 13):
 * the page's rowids are read from the index alone, skipped rows included,
 * and only the page's own rows from the table. Descending is ascending
 * reversed, equal names too. Other fields sort the filtered rows: text in
 * pinyin order; on dates, ID numbers and the category's keys the collation
 * keeps the order of their characters. */
static sqlite3_stmt *
prepare_page (ZbRosterModel  *self,
              guint           page,
              GError        **error)
{
  const char *direction = self->ascending ? "ASC" : "DESC";
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;

  if (self->sort_field == ZB_MEMBER_FIELD_NAME)
    {
      before = g_strdup_printf ("SELECT %s FROM members WHERE rowid IN (SELECT rowid FROM members "
                                "WHERE", zb_store_member_columns ());
      after = g_strdup_printf ("ORDER BY name_key %s LIMIT %d OFFSET %u) ORDER BY name_key %s",
                               direction, PAGE_SIZE, page * PAGE_SIZE, direction);
    }
  else
    {
      before = g_strdup_printf ("SELECT %s FROM members WHERE", zb_store_member_columns ());
      after = g_strdup_printf ("ORDER BY %s COLLATE PINYIN %s, rowid LIMIT %d OFFSET %u",
                               zb_member_field_info (self->sort_field)->key, direction, PAGE_SIZE,
                               page * PAGE_SIZE);
    }

  return prepare_query (self, before, after, error);
}

static GPtrArray *
load_page (ZbRosterModel *self,
           guint          page)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(sqlite3_stmt) stmt = prepare_page (self, page, &error);
  GPtrArray *rows = g_ptr_array_new_with_free_func (g_object_unref);

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

/* The whole roster's count is kept by triggers (migration step 16): at
 * 100,000 members a count(*) was the largest part of the first frame's
 * reading. A filtered list is counted. */
static gboolean
count_rows (ZbRosterModel  *self,
            GError        **error)
{
  gboolean whole = !self->include_archived && self->category == NULL &&
                   self->party_group == NULL && self->search == NULL;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  sqlite3 *db;

  if (whole)
    stmt = (db = zb_store_get_reader (self->store, error)) != NULL
           ? zb_sql_prepare (db, "SELECT live FROM roster_count", error) : NULL;
  else
    stmt = prepare_query (self, "SELECT count(*) FROM members WHERE", "", error);
  if (stmt == NULL)
    return FALSE;
  if (sqlite3_step (stmt) != SQLITE_ROW)
    return zb_sql_fail (sqlite3_db_handle (stmt), error);

  self->n_items = sqlite3_column_int (stmt, 0);
  return TRUE;
}

static int
compare_pages (gconstpointer a,
               gconstpointer b)
{
  return (int) GPOINTER_TO_UINT (a) - (int) GPOINTER_TO_UINT (b);
}

/* GTK 4.8's list views look for a row they track (the one scrolled to, the
 * focused one), when it is said removed, among all the rows said added, one
 * get_item() each: "all n rows changed" would read the whole roster, page
 * by page. But a view holds only rows it asked for, all in the pages read:
 * saying that those pages changed, and where the count grew or shrank,
 * refreshes the view as well, at the cost of the pages it shows. */
static void
tell_reloaded (ZbRosterModel *self,
               guint          old_n,
               GList         *pages)
{
  guint kept = MIN (old_n, self->n_items);

  if (self->n_items < old_n)
    g_list_model_items_changed (G_LIST_MODEL (self), kept, old_n - kept, 0);
  else if (self->n_items > old_n)
    g_list_model_items_changed (G_LIST_MODEL (self), kept, 0, self->n_items - kept);

  for (GList *l = pages; l != NULL; l = l->next)
    {
      guint start = GPOINTER_TO_UINT (l->data) * PAGE_SIZE;
      guint end = MIN (start + PAGE_SIZE, kept);

      if (start < end)
        g_list_model_items_changed (G_LIST_MODEL (self), start, end - start, end - start);
    }
}

/* Counts anew and tells the view that every row it shows may have changed
 * (after an edit: the view stays where it was). */
gboolean
zb_roster_model_reload (ZbRosterModel  *self,
                        GError        **error)
{
  g_autoptr(GList) pages = NULL;
  guint old_n = self->n_items;

  if (!count_rows (self, error))
    return FALSE;

  pages = g_list_sort (g_hash_table_get_keys (self->pages), compare_pages);
  g_hash_table_remove_all (self->pages);
  tell_reloaded (self, old_n, pages);
  return TRUE;
}

/* Another search, order or filter: other rows, shown from the first. Said
 * as all removed, then all added, which no view searches through; between
 * the two the model is empty, as a view may ask. */
static void
requery (ZbRosterModel *self)
{
  g_autoptr(GError) error = NULL;
  guint old_n = self->n_items;
  guint new_n;

  if (!count_rows (self, &error))
    {
      g_warning ("Could not read the roster: %s", error->message);
      return;
    }

  new_n = self->n_items;
  self->n_items = 0;
  g_hash_table_remove_all (self->pages);
  g_list_model_items_changed (G_LIST_MODEL (self), 0, old_n, 0);
  self->n_items = new_n;
  g_list_model_items_changed (G_LIST_MODEL (self), 0, 0, new_n);
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
  requery (self);
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
  requery (self);
}

void
zb_roster_model_set_include_archived (ZbRosterModel *self,
                                      gboolean       include_archived)
{
  if (self->include_archived == include_archived)
    return;

  self->include_archived = include_archived;
  requery (self);
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
  requery (self);
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
