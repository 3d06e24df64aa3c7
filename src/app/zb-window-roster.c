#define G_LOG_DOMAIN "zb-window-roster"

#include "config.h"

#include <glib/gi18n.h>

#include "zb-member.h"
#include "zb-widget-util.h"
#include "zb-window-private.h"

/* The roster's filters beside its search: one category, one party group,
 * and the archived people (transferred out, deceased, …), who are kept but
 * left out of the list unless asked for. */

/* The category keys in the order of the drop-down, after "All". */
static const char *
selected_category (ZbWindow *self)
{
  const char * const *codes = zb_member_enum_values (ZB_MEMBER_FIELD_CATEGORY);
  guint selected = gtk_drop_down_get_selected (self->category_filter);

  return selected == 0 || selected == GTK_INVALID_LIST_POSITION ? NULL : codes[selected - 1];
}

static const char *
selected_group (ZbWindow *self)
{
  GListModel *groups = gtk_drop_down_get_model (self->group_filter);
  guint selected = gtk_drop_down_get_selected (self->group_filter);

  if (groups == NULL || selected == 0 || selected == GTK_INVALID_LIST_POSITION)
    return NULL;
  return gtk_string_list_get_string (GTK_STRING_LIST (groups), selected);
}

/* Whether a category or a party group narrows the roster. */
gboolean
zb_window_roster_is_filtered (ZbWindow *self)
{
  return selected_category (self) != NULL || selected_group (self) != NULL;
}

static void
roster_filter_changed_cb (ZbWindow *self)
{
  ZbRosterModel *model = zb_roster_view_get_model (self->roster_view);

  if (model == NULL)
    return;
  zb_roster_model_set_category (model, selected_category (self));
  zb_roster_model_set_party_group (model, selected_group (self));
  zb_roster_model_set_include_archived (model, gtk_check_button_get_active (self->archived_filter));
  zb_window_update_count (self);
}

/* The branch's party groups change with its members: read again after each
 * save, keeping the one chosen when it still exists. */
void
zb_window_update_group_filter (ZbWindow *self)
{
  ZbStore *store = zb_context_get_store (self->context);
  g_autofree char *chosen = g_strdup (selected_group (self));
  g_auto(GStrv) groups = store ? zb_store_list_party_groups (store, NULL) : NULL;
  g_autoptr(GtkStringList) list = gtk_string_list_new (NULL);
  guint selected = 0;

  gtk_string_list_append (list, _("All party groups"));
  for (guint i = 0; groups != NULL && groups[i] != NULL; i++)
    {
      gtk_string_list_append (list, groups[i]);
      if (g_strcmp0 (groups[i], chosen) == 0)
        selected = i + 1;
    }
  g_signal_handlers_block_by_func (self->group_filter, roster_filter_changed_cb, self);
  gtk_drop_down_set_model (self->group_filter, G_LIST_MODEL (list));
  gtk_drop_down_set_selected (self->group_filter, selected);
  g_signal_handlers_unblock_by_func (self->group_filter, roster_filter_changed_cb, self);
  roster_filter_changed_cb (self);
}

void
zb_window_init_roster (ZbWindow *self)
{
  const char * const *codes = zb_member_enum_values (ZB_MEMBER_FIELD_CATEGORY);
  g_autoptr(GtkStringList) categories = gtk_string_list_new (NULL);

  gtk_string_list_append (categories, _("All categories"));
  for (guint i = 0; codes[i] != NULL; i++)
    gtk_string_list_append (categories, zb_member_enum_label (ZB_MEMBER_FIELD_CATEGORY, codes[i]));
  gtk_drop_down_set_model (self->category_filter, G_LIST_MODEL (categories));
  zb_drop_down_set_label (self->category_filter, _("Category"));
  zb_drop_down_set_label (self->group_filter, _("Party group"));
}

void
zb_window_class_init_roster (GtkWidgetClass *widget_class)
{
  gtk_widget_class_bind_template_child (widget_class, ZbWindow, category_filter);
  gtk_widget_class_bind_template_child (widget_class, ZbWindow, group_filter);
  gtk_widget_class_bind_template_child (widget_class, ZbWindow, archived_filter);
  gtk_widget_class_bind_template_callback (widget_class, roster_filter_changed_cb);
}
