#define G_LOG_DOMAIN "zb-search-result"

#include "config.h"

#include "zb-search-result.h"

/* A member or a meeting's minutes that a search found: what to call it (the
 * member's name, the meeting's title), a line beside it (the 党小组, the
 * date), and the snippet of the field that matched with where the query's
 * words are in it, as (start, end) byte offsets, for the view to highlight. */
struct _ZbSearchResult
{
  GObject        parent_instance;

  ZbSearchKinds  kind;
  char          *record_id;
  char          *title;
  char          *detail;
  char          *snippet;
  GArray        *matches;
};

G_DEFINE_FINAL_TYPE (ZbSearchResult, zb_search_result, G_TYPE_OBJECT)

static void
zb_search_result_finalize (GObject *object)
{
  ZbSearchResult *self = ZB_SEARCH_RESULT (object);

  g_free (self->record_id);
  g_free (self->title);
  g_free (self->detail);
  g_free (self->snippet);
  g_clear_pointer (&self->matches, g_array_unref);

  G_OBJECT_CLASS (zb_search_result_parent_class)->finalize (object);
}

static void
zb_search_result_class_init (ZbSearchResultClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = zb_search_result_finalize;
}

static void
zb_search_result_init (ZbSearchResult *self)
{
}

/* Takes a reference on @matches, pairs of gsize; NULL for none. */
ZbSearchResult *
zb_search_result_new (ZbSearchKinds  kind,
                      const char    *record_id,
                      const char    *title,
                      const char    *detail,
                      const char    *snippet,
                      GArray        *matches)
{
  ZbSearchResult *self = g_object_new (ZB_TYPE_SEARCH_RESULT, NULL);

  self->kind = kind;
  self->record_id = g_strdup (record_id);
  self->title = g_strdup (title != NULL ? title : "");
  self->detail = g_strdup (detail != NULL ? detail : "");
  self->snippet = g_strdup (snippet != NULL ? snippet : "");
  self->matches = matches != NULL ? g_array_ref (matches)
                                  : g_array_new (FALSE, FALSE, 2 * sizeof (gsize));
  return self;
}

ZbSearchKinds
zb_search_result_get_kind (ZbSearchResult *self)
{
  g_return_val_if_fail (ZB_IS_SEARCH_RESULT (self), 0);
  return self->kind;
}

/* "member" or "minutes", as the CLI's --kind and JSON name them. */
const char *
zb_search_result_get_kind_key (ZbSearchResult *self)
{
  g_return_val_if_fail (ZB_IS_SEARCH_RESULT (self), NULL);
  return self->kind == ZB_SEARCH_MEMBERS ? "member" : "minutes";
}

const char *
zb_search_result_get_record_id (ZbSearchResult *self)
{
  g_return_val_if_fail (ZB_IS_SEARCH_RESULT (self), NULL);
  return self->record_id;
}

const char *
zb_search_result_get_title (ZbSearchResult *self)
{
  g_return_val_if_fail (ZB_IS_SEARCH_RESULT (self), NULL);
  return self->title;
}

const char *
zb_search_result_get_detail (ZbSearchResult *self)
{
  g_return_val_if_fail (ZB_IS_SEARCH_RESULT (self), NULL);
  return self->detail;
}

const char *
zb_search_result_get_snippet (ZbSearchResult *self)
{
  g_return_val_if_fail (ZB_IS_SEARCH_RESULT (self), NULL);
  return self->snippet;
}

/* (start, end) byte offsets into the snippet, in order, as pairs of gsize. */
GArray *
zb_search_result_get_matches (ZbSearchResult *self)
{
  g_return_val_if_fail (ZB_IS_SEARCH_RESULT (self), NULL);
  return self->matches;
}
