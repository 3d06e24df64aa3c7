#define G_LOG_DOMAIN "zb-first-item-template"

#include "config.h"

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>

#include "zb-canonical-json.h"
#include "zb-first-item-template.h"
#include "zb-record.h"

/* A template gives the structure and the prompts of a first item, never
 * its content: no national template exists (DOMAIN.md section 3), and the
 * app invents no quotations. Shipped ones are JSON files under
 * data/templates; a user's own live in the database. */
struct _ZbFirstItemTemplate
{
  GObject   parent_instance;

  char     *name;
  char     *title;
  char     *form;
  char     *participants;
  char     *topic;
  char     *source;
  char     *proceedings;
  char     *contribution_hint;
  char     *measure_hint;
  gboolean  own;
};

G_DEFINE_FINAL_TYPE (ZbFirstItemTemplate, zb_first_item_template, G_TYPE_OBJECT)

#define N_KEYS 9

static const char *keys[N_KEYS] = { "name", "title", "form", "participants", "topic", "source",
                                   "proceedings", "contribution_hint", "measure_hint" };

static char **field_slot (ZbFirstItemTemplate *self,
                          guint                i);

static void
zb_first_item_template_finalize (GObject *object)
{
  ZbFirstItemTemplate *self = (ZbFirstItemTemplate *)object;

  for (guint i = 0; i < N_KEYS; i++)
    g_free (*field_slot (self, i));

  G_OBJECT_CLASS (zb_first_item_template_parent_class)->finalize (object);
}

static void
zb_first_item_template_class_init (ZbFirstItemTemplateClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = zb_first_item_template_finalize;
}

static void
zb_first_item_template_init (ZbFirstItemTemplate *self)
{
}

static char **
field_slot (ZbFirstItemTemplate *self,
            guint                i)
{
  char **fields[N_KEYS] = { &self->name, &self->title, &self->form, &self->participants,
                            &self->topic, &self->source, &self->proceedings,
                            &self->contribution_hint, &self->measure_hint };

  return fields[i];
}

/* json-glib 1.6 leaks what it built of a second value after the first
 * (`{…}{"a": {}}`): a template is one object, and nothing may follow it. */
static gboolean
is_one_object (const char *json)
{
  const char *p = json;
  guint depth = 0;
  gboolean in_string = FALSE;

  while (g_ascii_isspace (*p))
    p++;
  if (*p != '{')
    return FALSE;
  for (; *p != '\0'; p++)
    {
      if (in_string && *p == '\\' && p[1] != '\0')
        p++;
      else if (*p == '"')
        in_string = !in_string;
      else if (!in_string && *p == '{')
        depth++;
      else if (!in_string && *p == '}' && --depth == 0)
        break;
    }
  if (*p == '\0')
    return TRUE;   /* unclosed: json-glib says where */
  for (p++; g_ascii_isspace (*p); p++)
    ;
  return *p == '\0';
}

/* A member absent or null leaves @slot empty; anything but text is refused
 * (json-glib would complain of an object or an array where text was asked). */
static gboolean
read_text (JsonObject  *object,
           const char  *member,
           char       **slot,
           GError     **error)
{
  JsonNode *node = json_object_get_member (object, member);

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return TRUE;
  if (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING)
    {
      zb_record_set_text (slot, json_node_get_string (node));
      return TRUE;
    }

  /* TRANSLATORS: %s is a key of the template's JSON file, such as title */
  g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
               _("A first-item template’s “%s” must be text"), member);
  return FALSE;
}

ZbFirstItemTemplate *
zb_first_item_template_new_from_json (const char  *json,
                                      GError     **error)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(ZbFirstItemTemplate) self = g_object_new (ZB_TYPE_FIRST_ITEM_TEMPLATE, NULL);
  JsonNode *root;
  JsonObject *object;

  if (is_one_object (json) && !json_parser_load_from_data (parser, json, -1, error))
    return NULL;
  /* An empty file parses, to no root at all. */
  if ((root = json_parser_get_root (parser)) == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                           _("A first-item template is a JSON object"));
      return NULL;
    }

  object = json_node_get_object (root);
  for (guint i = 0; i < N_KEYS; i++)
    if (!read_text (object, keys[i], field_slot (self, i), error))
      return NULL;

  if (self->name == NULL || self->title == NULL)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                           _("A first-item template needs a name and a title"));
      return NULL;
    }

  return g_steal_pointer (&self);
}

char *
zb_first_item_template_to_json (ZbFirstItemTemplate *self)
{
  g_autoptr(JsonNode) node = json_node_new (JSON_NODE_OBJECT);
  JsonObject *object = json_object_new ();

  for (guint i = 0; i < N_KEYS; i++)
    if (*field_slot (self, i) != NULL)
      json_object_set_string_member (object, keys[i], *field_slot (self, i));

  json_node_take_object (node, object);
  return zb_canonical_json (node);
}

/* A user's own template keeps the structure of a first item they wrote:
 * the form, the participants and the outline of the proceedings. */
ZbFirstItemTemplate *
zb_first_item_template_new_from_item (const char  *name,
                                      ZbFirstItem *item)
{
  ZbFirstItemTemplate *self = g_object_new (ZB_TYPE_FIRST_ITEM_TEMPLATE, NULL);

  zb_record_set_text (&self->name, name);
  zb_record_set_text (&self->title, name);
  zb_record_set_text (&self->form, zb_first_item_get_form (item));
  zb_record_set_text (&self->participants, zb_first_item_get_participants (item));
  zb_record_set_text (&self->proceedings, zb_first_item_get_proceedings (item));
  self->own = TRUE;
  return self;
}

const char *
zb_first_item_template_get_name (ZbFirstItemTemplate *self)
{
  return self->name;
}

const char *
zb_first_item_template_get_title (ZbFirstItemTemplate *self)
{
  return self->title;
}

gboolean
zb_first_item_template_is_own (ZbFirstItemTemplate *self)
{
  return self->own;
}

void
zb_first_item_template_set_own (ZbFirstItemTemplate *self,
                                gboolean             own)
{
  self->own = own;
}

static void
fill (const char *(*get) (ZbFirstItem *),
      void        (*set) (ZbFirstItem *, const char *),
      ZbFirstItem *item,
      const char  *value)
{
  if (get (item) == NULL && value != NULL)
    set (item, value);
}

/* Fills what the user has not written yet; prompts stay until replaced. */
void
zb_first_item_template_apply (ZbFirstItemTemplate *self,
                              ZbFirstItem         *item)
{
  fill (zb_first_item_get_topic, zb_first_item_set_topic, item, self->topic);
  fill (zb_first_item_get_source, zb_first_item_set_source, item, self->source);
  fill (zb_first_item_get_form, zb_first_item_set_form, item, self->form);
  fill (zb_first_item_get_participants, zb_first_item_set_participants, item,
        self->participants);
  fill (zb_first_item_get_proceedings, zb_first_item_set_proceedings, item, self->proceedings);
}

/* ZHIBU_TEMPLATE_DIR for tests; the installed data; the source tree when
 * run from the build directory. */
char *
zb_first_item_template_dir (void)
{
  const char *env = g_getenv ("ZHIBU_TEMPLATE_DIR");
  g_autofree char *installed = g_build_filename (PKGDATADIR, "templates", NULL);

  if (env != NULL)
    return g_strdup (env);
  if (g_file_test (installed, G_FILE_TEST_IS_DIR))
    return g_steal_pointer (&installed);

  return g_build_filename (SOURCE_DATADIR, "templates", NULL);
}

static int
compare_names (gconstpointer a,
               gconstpointer b)
{
  return g_strcmp0 (*(const char **) a, *(const char **) b);
}

/* The shipped templates of @dir, in the order of their file names. */
GListModel *
zb_first_item_templates_load (const char  *dir,
                              GError     **error)
{
  g_autoptr(GListStore) list = g_list_store_new (ZB_TYPE_FIRST_ITEM_TEMPLATE);
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GDir) d = g_dir_open (dir, 0, error);
  const char *name;

  if (d == NULL)
    return NULL;
  while ((name = g_dir_read_name (d)) != NULL)
    if (g_str_has_suffix (name, ".json"))
      g_ptr_array_add (names, g_strdup (name));
  g_ptr_array_sort (names, compare_names);

  for (guint i = 0; i < names->len; i++)
    {
      g_autofree char *path = g_build_filename (dir, g_ptr_array_index (names, i), NULL);
      g_autofree char *json = NULL;
      g_autoptr(ZbFirstItemTemplate) template = NULL;

      if (!g_file_get_contents (path, &json, NULL, error) ||
          (template = zb_first_item_template_new_from_json (json, error)) == NULL)
        {
          g_prefix_error (error, "%s: ", path);
          return NULL;
        }
      g_list_store_append (list, template);
    }

  return G_LIST_MODEL (g_steal_pointer (&list));
}
