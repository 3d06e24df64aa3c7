#define G_LOG_DOMAIN "zb-meeting-editor-agenda"

#include "config.h"

#include <glib/gi18n.h>

#include "zb-meeting-editor-private.h"

/* The agenda items (议题) as they are typed: each one's title, minutes and
 * resolution; the first one a new meeting starts with, one added, and one
 * removed with an undo in a toast. */

void
zb_meeting_editor_item_widgets_free (ItemWidgets *w)
{
  g_clear_object (&w->item);
  g_free (w);
}

char *
zb_meeting_editor_buffer_text (GtkTextView *view)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (view);
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  return gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
}

/* The item as its widgets hold it now: a copy, because the worker thread
 * writes it while the user goes on typing. */
ZbAgendaItem *
zb_meeting_editor_read_item (ItemWidgets *w)
{
  ZbAgendaItem *copy = zb_agenda_item_new ();
  g_autofree char *minutes = zb_meeting_editor_buffer_text (w->minutes);

  zb_agenda_item_set_id (copy, zb_agenda_item_get_id (w->item));
  zb_agenda_item_set_meeting_id (copy, zb_agenda_item_get_meeting_id (w->item));
  zb_agenda_item_set_title (copy, gtk_editable_get_text (GTK_EDITABLE (w->title)));
  zb_agenda_item_set_minutes (copy, minutes);
  zb_agenda_item_set_resolution (copy, gtk_editable_get_text (GTK_EDITABLE (w->resolution)));
  return copy;
}

static void
item_changed_cb (GObject         *source,
                 ZbMeetingEditor *self)
{
  ItemWidgets *w = g_object_get_data (source, "item-widgets");

  w->dirty = TRUE;
  zb_meeting_editor_show_state (self, _("Unsaved changes"));
  zb_meeting_editor_schedule_save (self);
}

static GtkWidget *
boxed_list (GtkWidget *row)
{
  GtkWidget *list = gtk_list_box_new ();

  gtk_list_box_set_selection_mode (GTK_LIST_BOX (list), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (list, "boxed-list");
  gtk_list_box_append (GTK_LIST_BOX (list), row);
  return list;
}

GtkWidget *
zb_meeting_editor_minutes_view (const char *text)
{
  GtkWidget *view = gtk_text_view_new ();

  gtk_text_view_set_wrap_mode (GTK_TEXT_VIEW (view), GTK_WRAP_WORD_CHAR);
  gtk_text_view_set_top_margin (GTK_TEXT_VIEW (view), 12);
  gtk_text_view_set_bottom_margin (GTK_TEXT_VIEW (view), 12);
  gtk_text_view_set_left_margin (GTK_TEXT_VIEW (view), 12);
  gtk_text_view_set_right_margin (GTK_TEXT_VIEW (view), 12);
  gtk_widget_set_size_request (view, -1, 320);
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (GTK_TEXT_VIEW (view)), text ? text : "", -1);
  gtk_accessible_update_property (GTK_ACCESSIBLE (view), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Minutes"), -1);
  return view;
}

static void
watch (ZbMeetingEditor *self,
       gpointer         source,
       const char      *signal,
       ItemWidgets     *w)
{
  g_object_set_data (G_OBJECT (source), "item-widgets", w);
  g_signal_connect_object (source, signal, G_CALLBACK (item_changed_cb), self, 0);
}

/* The headings say 议题 1, 2, 3 in the order shown, whatever was removed. */
static void
number_items (ZbMeetingEditor *self)
{
  guint n = 0;

  for (guint i = 0; i < self->items->len; i++)
    {
      ItemWidgets *w = g_ptr_array_index (self->items, i);
      g_autofree char *heading = NULL;

      if (w->removing)
        continue;
      /* TRANSLATORS: the heading of an agenda item; %u is its number */
      heading = g_strdup_printf (_("Agenda Item %u"), ++n);
      gtk_label_set_text (w->heading, heading);
    }
}

static void
remove_clicked_cb (GtkButton       *button,
                   ZbMeetingEditor *self)
{
  ItemWidgets *w = g_object_get_data (G_OBJECT (button), "item-widgets");
  guint position;

  if (g_ptr_array_find (self->items, w, &position))
    zb_meeting_editor_remove_item (self, position);
}

static GtkWidget *
item_header (ZbMeetingEditor *self,
             ItemWidgets     *w)
{
  GtkWidget *header = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *remove = gtk_button_new_from_icon_name ("user-trash-symbolic");

  w->heading = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_xalign (w->heading, 0);
  gtk_widget_set_hexpand (GTK_WIDGET (w->heading), TRUE);
  gtk_widget_add_css_class (GTK_WIDGET (w->heading), "heading");
  gtk_widget_add_css_class (remove, "flat");
  gtk_widget_set_tooltip_text (remove, _("Remove this agenda item"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (remove), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Remove this agenda item"), -1);
  g_object_set_data (G_OBJECT (remove), "item-widgets", w);
  g_signal_connect_object (remove, "clicked", G_CALLBACK (remove_clicked_cb), self, 0);
  gtk_box_append (GTK_BOX (header), GTK_WIDGET (w->heading));
  gtk_box_append (GTK_BOX (header), remove);
  g_object_set_data (G_OBJECT (header), "remove-button", remove);
  return header;
}

/* 议题 N: its title, a large minutes editor (发言记录), its resolution (决议). */
static ItemWidgets *
append_item (ZbMeetingEditor *self,
             ZbAgendaItem    *item)
{
  ItemWidgets *w = g_new0 (ItemWidgets, 1);
  GtkWidget *frame = gtk_frame_new (NULL);

  w->item = g_object_ref (item);
  w->box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  w->title = ADW_ENTRY_ROW (adw_entry_row_new ());
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (w->title), _("Subject of the item"));
  gtk_editable_set_text (GTK_EDITABLE (w->title), zb_agenda_item_get_title (item) ?: "");
  w->minutes = GTK_TEXT_VIEW (zb_meeting_editor_minutes_view (zb_agenda_item_get_minutes (item)));
  w->resolution = ADW_ENTRY_ROW (adw_entry_row_new ());
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (w->resolution), _("Resolution"));
  gtk_editable_set_text (GTK_EDITABLE (w->resolution), zb_agenda_item_get_resolution (item) ?: "");

  gtk_frame_set_child (GTK_FRAME (frame), GTK_WIDGET (w->minutes));
  gtk_box_append (GTK_BOX (w->box), item_header (self, w));
  gtk_box_append (GTK_BOX (w->box), boxed_list (GTK_WIDGET (w->title)));
  gtk_box_append (GTK_BOX (w->box), frame);
  gtk_box_append (GTK_BOX (w->box), boxed_list (GTK_WIDGET (w->resolution)));
  gtk_box_append (GTK_BOX (self->agenda_box), w->box);

  watch (self, w->title, "changed", w);
  watch (self, gtk_text_view_get_buffer (w->minutes), "changed", w);
  watch (self, w->resolution, "changed", w);
  g_ptr_array_add (self->items, w);
  number_items (self);
  return w;
}

/* The removal takes effect when its toast goes without an undo, or when
 * the window closes or the record is finalised meanwhile. */
static void
commit_removals (ZbMeetingEditor *self)
{
  for (guint i = self->items->len; i > 0; i--)
    {
      ItemWidgets *w = g_ptr_array_index (self->items, i - 1);

      if (!w->removing)
        continue;
      if (zb_agenda_item_get_id (w->item) != NULL)
        g_ptr_array_add (self->removed, g_strdup (zb_agenda_item_get_id (w->item)));
      gtk_box_remove (GTK_BOX (self->agenda_box), w->box);
      g_ptr_array_remove_index (self->items, i - 1);
    }
}

static void
undo_toast_dismissed_cb (AdwToast        *toast,
                         ZbMeetingEditor *self)
{
  if (self->undo_toast != toast)
    return;

  g_clear_object (&self->undo_toast);
  commit_removals (self);
  if (self->removed->len > 0)
    zb_meeting_editor_schedule_save (self);
}

static void
undo_remove_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  ZbMeetingEditor *self = ZB_MEETING_EDITOR (widget);

  for (guint i = 0; i < self->items->len; i++)
    {
      ItemWidgets *w = g_ptr_array_index (self->items, i);

      w->removing = FALSE;
      gtk_widget_set_visible (w->box, TRUE);
    }
  number_items (self);
  if (self->undo_toast != NULL)
    {
      g_autoptr(AdwToast) toast = g_steal_pointer (&self->undo_toast);

      adw_toast_dismiss (toast);
    }
}

static gboolean
add_item_call (ZbStore  *store,
               gpointer  data,
               GError  **error)
{
  g_autofree char *id = zb_store_add_agenda_item (store, data, error);

  return id != NULL;
}

/* The first item's row exists now: what was typed meanwhile is saved. */
static void
first_item_added_cb (GObject      *object,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  g_autoptr(ZbMeetingEditor) self = user_data;
  g_autoptr(GError) error = NULL;
  ZbAgendaItem *added = zb_store_call_get_data (result);
  ItemWidgets *w;

  self->adding_row = FALSE;
  if (!zb_store_call_finish (ZB_STORE (object), result, &error))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        zb_meeting_editor_show_error (self, error);
      return;
    }

  if (self->items->len == 0)
    return;
  w = g_ptr_array_index (self->items, 0);
  zb_agenda_item_set_id (w->item, zb_agenda_item_get_id (added));
  if (w->dirty)
    zb_meeting_editor_schedule_save (self);
}

/* A new meeting starts with one item, so there is always somewhere to
 * type; its row is written by a worker, and typing may begin at once. */
gboolean
zb_meeting_editor_load_items (ZbMeetingEditor  *self,
                              GError          **error)
{
  g_autoptr(GListModel) items = zb_store_list_agenda_items (self->store,
                                                            zb_meeting_get_id (self->meeting),
                                                            error);
  g_autoptr(ZbAgendaItem) item = NULL;
  ZbAgendaItem *copy;

  if (items == NULL)
    return FALSE;
  for (guint i = 0; i < g_list_model_get_n_items (items); i++)
    {
      g_autoptr(ZbAgendaItem) each = g_list_model_get_item (items, i);

      append_item (self, each);
    }
  if (self->items->len > 0 || self->final)
    return TRUE;

  item = zb_agenda_item_new ();
  zb_agenda_item_set_meeting_id (item, zb_meeting_get_id (self->meeting));
  zb_agenda_item_set_title (item, _("Proceedings of the meeting"));
  append_item (self, item);

  copy = zb_agenda_item_new ();
  zb_agenda_item_set_meeting_id (copy, zb_meeting_get_id (self->meeting));
  zb_agenda_item_set_title (copy, zb_agenda_item_get_title (item));
  self->adding_row = TRUE;
  zb_store_call_async (self->store, add_item_call, copy, g_object_unref, self->cancellable,
                       first_item_added_cb, g_object_ref (self));
  return TRUE;
}

/* A removal waiting for its undo takes effect now. */
void
zb_meeting_editor_settle_removal (ZbMeetingEditor *self)
{
  if (self->undo_toast != NULL)
    {
      g_autoptr(AdwToast) toast = g_steal_pointer (&self->undo_toast);

      adw_toast_dismiss (toast);
    }
  commit_removals (self);
}

static void
item_added_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(ZbMeetingEditor) self = user_data;
  g_autoptr(GError) error = NULL;
  ItemWidgets *w;

  if (!zb_store_call_finish (ZB_STORE (object), result, &error))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        zb_meeting_editor_show_error (self, error);
      return;
    }

  w = append_item (self, zb_store_call_get_data (result));
  gtk_widget_grab_focus (GTK_WIDGET (w->title));
}

void
zb_meeting_editor_add_item (ZbMeetingEditor *self)
{
  ZbAgendaItem *item = zb_agenda_item_new ();
  /* TRANSLATORS: the title a new agenda item starts with; %u is its number */
  g_autofree char *title = g_strdup_printf (_("Agenda item %u"), self->items->len + 1);

  g_return_if_fail (!self->final);

  zb_agenda_item_set_meeting_id (item, zb_meeting_get_id (self->meeting));
  zb_agenda_item_set_title (item, title);
  zb_store_call_async (self->store, add_item_call, item, g_object_unref, self->cancellable,
                       item_added_cb, g_object_ref (self));
}

static void
add_item_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  zb_meeting_editor_add_item (ZB_MEETING_EDITOR (widget));
}

void
zb_meeting_editor_class_init_agenda (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "editor.add-item", NULL, add_item_action);
  gtk_widget_class_install_action (widget_class, "editor.undo-remove", NULL, undo_remove_action);
}

/* The minutes of the first agenda item: where typing starts. */
GtkTextView *
zb_meeting_editor_get_minutes_view (ZbMeetingEditor *self)
{
  return zb_meeting_editor_get_item_view (self, 0);
}

GtkTextView *
zb_meeting_editor_get_item_view (ZbMeetingEditor *self,
                                 guint            position)
{
  if (position >= self->items->len)
    return NULL;
  return ((ItemWidgets *) g_ptr_array_index (self->items, position))->minutes;
}

guint
zb_meeting_editor_get_n_items (ZbMeetingEditor *self)
{
  return self->items->len;
}

/* Removes the item at @position, with an undo in a toast (DESIGN.md: an
 * item entered by mistake becomes a tombstone). */
void
zb_meeting_editor_remove_item (ZbMeetingEditor *self,
                               guint            position)
{
  ItemWidgets *w;
  AdwToast *toast;
  g_autofree char *title = NULL;

  g_return_if_fail (!self->final);
  g_return_if_fail (position < self->items->len);

  w = g_ptr_array_index (self->items, position);
  /* The first item's row is a few milliseconds away. */
  if (zb_agenda_item_get_id (w->item) == NULL)
    return;

  zb_meeting_editor_settle_removal (self);
  w->removing = TRUE;
  gtk_widget_set_visible (w->box, FALSE);
  number_items (self);

  /* TRANSLATORS: %s is the subject of the agenda item removed */
  title = g_strdup_printf (_("“%s” removed"), gtk_editable_get_text (GTK_EDITABLE (w->title)));
  toast = adw_toast_new (title);
  adw_toast_set_button_label (toast, _("_Undo"));
  adw_toast_set_action_name (toast, "editor.undo-remove");
  adw_toast_set_priority (toast, ADW_TOAST_PRIORITY_HIGH);
  g_signal_connect_object (toast, "dismissed", G_CALLBACK (undo_toast_dismissed_cb), self, 0);
  self->undo_toast = g_object_ref (toast);
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}
