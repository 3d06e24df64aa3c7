#define G_LOG_DOMAIN "zb-meeting-editor"

#include "config.h"

#include <glib/gi18n.h>

#include "zb-meeting-editor-private.h"

/* The meeting's window: its parts are built in zb-meeting-editor-sections.c,
 * the agenda items typed in zb-meeting-editor-agenda.c, saved as they are
 * typed by zb-meeting-editor-autosave.c, signed in
 * zb-meeting-editor-finalize.c and corrected in zb-meeting-editor-addendum.c.
 * Here: the window itself, its keys, its closing and its getters. */

G_DEFINE_FINAL_TYPE (ZbMeetingEditor, zb_meeting_editor, ADW_TYPE_WINDOW)

enum {
  OPEN_MEETING,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

void
zb_meeting_editor_show_state (ZbMeetingEditor *self,
                              const char      *state)
{
  adw_window_title_set_subtitle (self->window_title, state);
}

void
zb_meeting_editor_show_error (ZbMeetingEditor *self,
                              const GError    *error)
{
  adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (error->message));
}

/* The banner of a finalised record, in the accent colours, since
 * libadwaita 1.2 has no AdwBanner. */
static void
add_style (ZbMeetingEditor *self)
{
  static GtkCssProvider *provider;

  if (provider != NULL)
    return;

  provider = gtk_css_provider_new ();
  gtk_css_provider_load_from_data (provider,
                                   ".zb-final-banner { background-color: @accent_bg_color; "
                                   "color: @accent_fg_color; padding: 12px 18px; }", -1);
  gtk_style_context_add_provider_for_display (gtk_widget_get_display (GTK_WIDGET (self)),
                                              GTK_STYLE_PROVIDER (provider),
                                              GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);
}

/* Tab leaves a multi-line box (the minutes, the first item's texts) for
 * the next field, as in every other field of the window; Ctrl+Tab types
 * a tab character, should one be wanted. */
static gboolean
key_pressed_cb (GtkEventControllerKey *controller,
                guint                  keyval,
                guint                  keycode,
                GdkModifierType        state,
                ZbMeetingEditor       *self)
{
  GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (self));
  GtkTextView *view;

  if ((keyval != GDK_KEY_Tab && keyval != GDK_KEY_ISO_Left_Tab && keyval != GDK_KEY_KP_Tab) ||
      focus == NULL || !GTK_IS_TEXT_VIEW (focus))
    return GDK_EVENT_PROPAGATE;

  view = GTK_TEXT_VIEW (focus);
  if (state & GDK_CONTROL_MASK)
    {
      if (gtk_text_view_get_editable (view))
        gtk_text_buffer_insert_at_cursor (gtk_text_view_get_buffer (view), "\t", 1);
      return GDK_EVENT_STOP;
    }

  gtk_widget_child_focus (GTK_WIDGET (self), (state & GDK_SHIFT_MASK) || keyval ==
                          GDK_KEY_ISO_Left_Tab ? GTK_DIR_TAB_BACKWARD : GTK_DIR_TAB_FORWARD);
  return GDK_EVENT_STOP;
}

static void
add_tab_handling (ZbMeetingEditor *self)
{
  GtkEventController *keys = gtk_event_controller_key_new ();

  gtk_event_controller_set_propagation_phase (keys, GTK_PHASE_CAPTURE);
  g_signal_connect_object (keys, "key-pressed", G_CALLBACK (key_pressed_cb), self, 0);
  gtk_widget_add_controller (GTK_WIDGET (self), keys);
}

static gboolean
busy (ZbMeetingEditor *self)
{
  return self->adding_row || self->saving || zb_guests_editor_is_busy (self->guests);
}

/* Closing waits for the saves under way, then saves what is left, on the
 * main thread this once: nothing typed or chosen is lost. A change that
 * cannot be saved (a leave without its reason) keeps the window open
 * once, saying why. */
static gboolean
zb_meeting_editor_close_request (GtkWindow *window)
{
  ZbMeetingEditor *self = ZB_MEETING_EDITOR (window);
  g_autoptr(GError) error = NULL;

  /* A window closed the moment it opened: its first row is a few
   * milliseconds away, and what was typed goes into it. */
  while (busy (self))
    g_main_context_iteration (NULL, TRUE);

  g_clear_handle_id (&self->autosave_id, g_source_remove);
  if (!self->final)
    {
      SaveJob *job;

      zb_meeting_editor_settle_removal (self);
      job = zb_meeting_editor_take_changes (self, FALSE);
      if (!zb_meeting_editor_save_call (self->store, job, &error) ||
          !zb_guests_editor_save_typed (self->guests, &error))
        {
          g_autofree char *text = NULL;

          zb_meeting_editor_give_back (self, job);
          zb_meeting_editor_save_job_free (job);
          if (self->close_warned)
            return GTK_WINDOW_CLASS (zb_meeting_editor_parent_class)->close_request (window);
          /* What the store refuses is said once; closing again leaves it,
           * never a window that cannot be closed. */
          text = g_strdup_printf (_("%s. Close again to leave it unsaved."), error->message);
          self->close_warned = TRUE;
          adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (text));
          zb_meeting_editor_show_state (self, error->message);
          return GDK_EVENT_STOP;
        }
      zb_meeting_editor_save_job_free (job);
      if (zb_meeting_editor_get_problem (self) != NULL && !self->close_warned)
        {
          /* TRANSLATORS: %s says what cannot be saved, such as a leave without its reason */
          g_autofree char *text = g_strdup_printf (_("%s. Close again to leave it unsaved."),
                                                   zb_meeting_editor_get_problem (self));

          self->close_warned = TRUE;
          adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (text));
          zb_meeting_editor_show_state (self, zb_meeting_editor_get_problem (self));
          return GDK_EVENT_STOP;
        }
    }

  return GTK_WINDOW_CLASS (zb_meeting_editor_parent_class)->close_request (window);
}

static void
zb_meeting_editor_dispose (GObject *object)
{
  ZbMeetingEditor *self = (ZbMeetingEditor *)object;

  g_clear_handle_id (&self->autosave_id, g_source_remove);
  g_cancellable_cancel (self->cancellable);
  gtk_widget_dispose_template (GTK_WIDGET (self), ZB_TYPE_MEETING_EDITOR);
  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->items, g_ptr_array_unref);
  g_clear_pointer (&self->removed, g_ptr_array_unref);
  g_clear_object (&self->undo_toast);
  g_clear_pointer (&self->problem, g_free);
  g_clear_pointer (&self->save_error, g_free);
  g_clear_object (&self->meeting);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (zb_meeting_editor_parent_class)->dispose (object);
}

static void
zb_meeting_editor_class_init (ZbMeetingEditorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = zb_meeting_editor_dispose;
  GTK_WINDOW_CLASS (klass)->close_request = zb_meeting_editor_close_request;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/zhibu/Zhibu/ui/zb-meeting-editor.ui");
  gtk_widget_class_bind_template_child (widget_class, ZbMeetingEditor, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, ZbMeetingEditor, window_title);
  gtk_widget_class_bind_template_child (widget_class, ZbMeetingEditor, add_item_button);
  gtk_widget_class_bind_template_child (widget_class, ZbMeetingEditor, finalize_button);
  gtk_widget_class_bind_template_child (widget_class, ZbMeetingEditor, addendum_button);
  gtk_widget_class_bind_template_child (widget_class, ZbMeetingEditor, final_banner);
  gtk_widget_class_bind_template_child (widget_class, ZbMeetingEditor, final_label);
  gtk_widget_class_bind_template_child (widget_class, ZbMeetingEditor, content);
  zb_meeting_editor_class_init_agenda (widget_class);
  zb_meeting_editor_class_init_finalize (widget_class);
  zb_meeting_editor_class_init_addendum (widget_class);
  zb_meeting_editor_class_init_autosave (widget_class);

  signals[OPEN_MEETING] =
    g_signal_new ("open-meeting", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL,
                  NULL, G_TYPE_NONE, 1, G_TYPE_STRING);
}

static void
zb_meeting_editor_init (ZbMeetingEditor *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->cancellable = g_cancellable_new ();
  self->items =
    g_ptr_array_new_with_free_func ((GDestroyNotify) zb_meeting_editor_item_widgets_free);
  self->removed = g_ptr_array_new_with_free_func (g_free);
  add_style (self);
  add_tab_handling (self);
}

ZbMeetingEditor *
zb_meeting_editor_new (ZbStore     *store,
                       const char  *meeting_id,
                       GError     **error)
{
  ZbMeetingEditor *self = g_object_new (ZB_TYPE_MEETING_EDITOR, NULL);

  self->store = g_object_ref (store);
  self->meeting = zb_store_get_meeting (store, meeting_id, error);
  if (self->meeting == NULL)
    {
      gtk_window_destroy (GTK_WINDOW (self));
      return NULL;
    }

  self->final = zb_meeting_get_finalized_at (self->meeting) != NULL;
  gtk_window_set_title (GTK_WINDOW (self), zb_meeting_get_title (self->meeting));
  adw_window_title_set_title (self->window_title, zb_meeting_get_title (self->meeting));
  zb_meeting_editor_show_state (self, _("All changes saved"));
  zb_meeting_editor_build (self);
  if (!zb_meeting_editor_load_items (self, error))
    {
      gtk_window_destroy (GTK_WINDOW (self));
      return NULL;
    }

  if (self->final)
    {
      zb_meeting_editor_show_final (self, zb_meeting_get_finalized_at (self->meeting));
      zb_meeting_editor_show_review (self);
    }
  else
    gtk_widget_grab_focus (GTK_WIDGET (zb_meeting_editor_get_minutes_view (self)));
  return self;
}

const char *
zb_meeting_editor_get_meeting_id (ZbMeetingEditor *self)
{
  return zb_meeting_get_id (self->meeting);
}

gboolean
zb_meeting_editor_is_final (ZbMeetingEditor *self)
{
  return self->final;
}

GtkWidget *
zb_meeting_editor_get_attendance_row (ZbMeetingEditor *self,
                                      const char      *member_id)
{
  return zb_attendance_editor_get_row (self->attendance, member_id);
}

ZbAttendanceEditor *
zb_meeting_editor_get_attendance_editor (ZbMeetingEditor *self)
{
  return self->attendance;
}

ZbMeetingDetails *
zb_meeting_editor_get_details (ZbMeetingEditor *self)
{
  return self->details;
}

ZbGuestsEditor *
zb_meeting_editor_get_guests_editor (ZbMeetingEditor *self)
{
  return self->guests;
}

ZbFirstItemEditor *
zb_meeting_editor_get_first_item_editor (ZbMeetingEditor *self)
{
  return self->first_editor;
}

ZbMeasuresEditor *
zb_meeting_editor_get_measures_editor (ZbMeetingEditor *self)
{
  return self->measures_editor;
}
