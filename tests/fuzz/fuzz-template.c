#define G_LOG_DOMAIN "fuzz-template"

/* fuzz-template.c: a first-item template file, loaded as the app loads them
 *
 * Copyright 2026 The Zhibu authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The input is the one .json file of a template folder; a template that
 * loads is written back as JSON, which must load again to the same JSON, and
 * applied to an empty first item.
 */

#include "config.h"

#include "zb-first-item-template.h"
#include "zb-fuzz.h"

static void
check_template (ZbFirstItemTemplate *template)
{
  g_autofree char *json = zb_first_item_template_to_json (template);
  g_autoptr(ZbFirstItemTemplate) again = zb_first_item_template_new_from_json (json, NULL);
  g_autofree char *json_again = NULL;
  g_autoptr(ZbFirstItem) item = zb_first_item_new ();

  g_assert_nonnull (again);
  json_again = zb_first_item_template_to_json (again);
  g_assert_cmpstr (json, ==, json_again);
  zb_first_item_template_apply (template, item);
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(GListModel) templates = NULL;
  g_autoptr(GError) error = NULL;

  zb_fuzz_init ();
  zb_fuzz_write ("template.json", data, size);
  if ((templates = zb_first_item_templates_load (zb_fuzz_dir (), &error)) == NULL)
    return 0;

  for (guint i = 0; i < g_list_model_get_n_items (templates); i++)
    {
      g_autoptr(ZbFirstItemTemplate) template = g_list_model_get_item (templates, i);

      check_template (template);
    }
  return 0;
}
