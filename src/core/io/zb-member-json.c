#define G_LOG_DOMAIN "zb-member-json"

#include "config.h"

#include "zb-member-json.h"

/* Keys are the English field keys, the record ID first; codes stay codes,
 * booleans are booleans, and sensitive values are masked unless asked for. */
JsonNode *
zb_member_to_json (ZbMember *member,
                   gboolean  with_sensitive)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "id");
  json_builder_add_string_value (builder, zb_member_get_id (member));

  for (guint i = 0; i < ZB_MEMBER_N_FIELDS; i++)
    {
      const ZbFieldInfo *info = zb_member_field_info (i);
      const char *value = zb_member_get (member, i);

      json_builder_set_member_name (builder, info->key);
      if (info->kind == ZB_FIELD_KIND_BOOL)
        json_builder_add_boolean_value (builder, g_strcmp0 (value, "1") == 0);
      else if (value == NULL)
        json_builder_add_null_value (builder);
      else if (info->sensitive)
        {
          g_autofree char *shown = zb_member_dup_display (member, i, with_sensitive);
          json_builder_add_string_value (builder, shown);
        }
      else
        json_builder_add_string_value (builder, value);
    }

  json_builder_end_object (builder);
  return json_builder_get_root (builder);
}

char *
zb_member_list_to_json (GListModel *members,
                        gboolean    with_sensitive)
{
  g_autoptr(JsonNode) root = json_node_new (JSON_NODE_ARRAY);
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  JsonArray *array = json_array_new ();

  for (guint i = 0; i < g_list_model_get_n_items (members); i++)
    {
      g_autoptr(ZbMember) member = g_list_model_get_item (members, i);
      json_array_add_element (array, zb_member_to_json (member, with_sensitive));
    }

  json_node_take_array (root, array);
  json_generator_set_root (generator, root);
  json_generator_set_pretty (generator, TRUE);
  return json_generator_to_data (generator, NULL);
}
