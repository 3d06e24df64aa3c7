#define G_LOG_DOMAIN "zb-guests-editor"

#include "config.h"

#include <glib/gi18n.h>

#include "zb-guests-editor.h"
#include "zb-widget-util.h"

/* 列席人员 (DOMAIN.md section 2): people at the meeting who are not among
 * its expected attendees, such as a delegate of the higher committee. Each
 * is written when added, and a name typed but not added yet is written
 * when the window closes. */
struct _ZbGuestsEditor
{
  GtkWidget            parent_instance;

  AdwPreferencesGroup *group;
  AdwEntryRow         *name_row;
  AdwEntryRow         *affiliation_row;
  GtkWidget           *add_button;
  GPtrArray           *rows;       /* the guests' rows, removed on reload */

  ZbStore             *store;
  char                *meeting_id;
  GCancellable        *cancellable;
  guint                n_busy;     /* writes under way */
  gboolean             editable;
};

G_DEFINE_FINAL_TYPE (ZbGuestsEditor, zb_guests_editor, GTK_TYPE_WIDGET)

static void reload (ZbGuestsEditor *self);

typedef struct
{
  char *meeting_id;
  char *guest_id;      /* to remove, or NULL to add */
  char *name;
  char *affiliation;
} GuestJob;

static void
guest_job_free (GuestJob *job)
{
  g_free (job->meeting_id);
  g_free (job->guest_id);
  g_free (job->name);
  g_free (job->affiliation);
  g_free (job);
}

static gboolean
guest_call (ZbStore  *store,
            gpointer  data,
            GError  **error)
{
  GuestJob *job = data;

  if (job->guest_id != NULL)
    return zb_store_remove_guest (store, job->guest_id, error);
  return zb_store_add_guest (store, job->meeting_id, job->name, job->affiliation, error);
}

static void
guest_written_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(ZbGuestsEditor) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!zb_store_call_finish (ZB_STORE (object), result, &error) &&
      g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  self->n_busy--;
  if (error != NULL)
    zb_widget_toast_error (GTK_WIDGET (self), error);
  reload (self);
}

static void
run (ZbGuestsEditor *self,
     GuestJob       *job)
{
  job->meeting_id = g_strdup (self->meeting_id);
  self->n_busy++;
  zb_store_call_async (self->store, guest_call, job, (GDestroyNotify) guest_job_free,
                       self->cancellable, guest_written_cb, g_object_ref (self));
}

static void
remove_clicked_cb (GtkButton      *button,
                   ZbGuestsEditor *self)
{
  zb_guests_editor_remove (self, g_object_get_data (G_OBJECT (button), "guest-id"));
}

static GtkWidget *
guest_row (ZbGuestsEditor *self,
           ZbGuest        *guest)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *remove = gtk_button_new_from_icon_name ("user-trash-symbolic");

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), zb_guest_get_name (guest));
  if (zb_guest_get_affiliation (guest) != NULL)
    adw_action_row_set_subtitle (ADW_ACTION_ROW (row), zb_guest_get_affiliation (guest));
  gtk_widget_set_valign (remove, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (remove, "flat");
  gtk_widget_set_tooltip_text (remove, _("Remove this guest"));
  gtk_widget_set_visible (remove, self->editable);
  g_object_set_data_full (G_OBJECT (remove), "guest-id", g_strdup (zb_guest_get_id (guest)),
                          g_free);
  g_signal_connect_object (remove, "clicked", G_CALLBACK (remove_clicked_cb), self, 0);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), remove);
  return row;
}

/* The list is read again after each change: a few rows, read at once. */
static void
reload (ZbGuestsEditor *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) guests = zb_store_list_meeting_guests (self->store, self->meeting_id,
                                                               &error);

  for (guint i = 0; i < self->rows->len; i++)
    adw_preferences_group_remove (self->group, g_ptr_array_index (self->rows, i));
  g_ptr_array_set_size (self->rows, 0);
  if (guests == NULL)
    {
      zb_widget_toast_error (GTK_WIDGET (self), error);
      return;
    }

  for (guint i = 0; i < g_list_model_get_n_items (guests); i++)
    {
      g_autoptr(ZbGuest) guest = g_list_model_get_item (guests, i);
      GtkWidget *row = guest_row (self, guest);

      adw_preferences_group_add (self->group, row);
      g_ptr_array_add (self->rows, row);
    }
  /* A finalised record without guests has no heading for them. */
  gtk_widget_set_visible (GTK_WIDGET (self), self->editable || self->rows->len > 0);
}

static void
add_clicked_cb (ZbGuestsEditor *self)
{
  g_autofree char *name = g_strdup (zb_editable_text_or_null (self->name_row));
  g_autofree char *affiliation = g_strdup (zb_editable_text_or_null (self->affiliation_row));

  if (name == NULL)
    {
      gtk_widget_grab_focus (GTK_WIDGET (self->name_row));
      return;
    }
  zb_guests_editor_add (self, name, affiliation);
  gtk_editable_set_text (GTK_EDITABLE (self->name_row), "");
  gtk_editable_set_text (GTK_EDITABLE (self->affiliation_row), "");
  gtk_widget_grab_focus (GTK_WIDGET (self->name_row));
}

static void
typed_cb (ZbGuestsEditor *self)
{
  gtk_widget_set_sensitive (self->add_button, zb_editable_text_or_null (self->name_row) != NULL);
}

static AdwEntryRow *
entry_row (const char *title)
{
  GtkWidget *row = adw_entry_row_new ();

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  return ADW_ENTRY_ROW (row);
}

static void
zb_guests_editor_dispose (GObject *object)
{
  ZbGuestsEditor *self = ZB_GUESTS_EDITOR (object);
  GtkWidget *child;

  g_cancellable_cancel (self->cancellable);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);
  g_clear_pointer (&self->rows, g_ptr_array_unref);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->store);
  g_clear_pointer (&self->meeting_id, g_free);

  G_OBJECT_CLASS (zb_guests_editor_parent_class)->dispose (object);
}

static void
zb_guests_editor_class_init (ZbGuestsEditorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = zb_guests_editor_dispose;
  gtk_widget_class_set_layout_manager_type (GTK_WIDGET_CLASS (klass), GTK_TYPE_BIN_LAYOUT);
}

static void
zb_guests_editor_init (ZbGuestsEditor *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  GtkWidget *new_group = adw_preferences_group_new ();

  self->cancellable = g_cancellable_new ();
  self->rows = g_ptr_array_new ();
  self->editable = TRUE;

  self->group = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());
  adw_preferences_group_set_title (self->group, _("Guests"));
  adw_preferences_group_set_description (self->group,
                                         _("People attending who are not expected at this "
                                           "meeting, such as a delegate of the higher "
                                           "committee (列席)"));

  self->name_row = entry_row (_("Name of a guest"));
  self->affiliation_row = entry_row (_("Organisation and post"));
  self->add_button = gtk_button_new_with_mnemonic (_("Add _Guest"));
  gtk_widget_set_halign (self->add_button, GTK_ALIGN_END);
  gtk_widget_set_sensitive (self->add_button, FALSE);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (new_group), GTK_WIDGET (self->name_row));
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (new_group),
                             GTK_WIDGET (self->affiliation_row));
  g_signal_connect_object (self->add_button, "clicked", G_CALLBACK (add_clicked_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->name_row, "changed", G_CALLBACK (typed_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->name_row, "entry-activated", G_CALLBACK (add_clicked_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->affiliation_row, "entry-activated",
                           G_CALLBACK (add_clicked_cb), self, G_CONNECT_SWAPPED);

  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->group));
  gtk_box_append (GTK_BOX (box), new_group);
  gtk_box_append (GTK_BOX (box), self->add_button);
  gtk_widget_set_parent (box, GTK_WIDGET (self));
}

GtkWidget *
zb_guests_editor_new (ZbStore    *store,
                      const char *meeting_id)
{
  ZbGuestsEditor *self = g_object_new (ZB_TYPE_GUESTS_EDITOR, NULL);

  self->store = g_object_ref (store);
  self->meeting_id = g_strdup (meeting_id);
  reload (self);
  return GTK_WIDGET (self);
}

void
zb_guests_editor_set_editable (ZbGuestsEditor *self,
                               gboolean        editable)
{
  self->editable = editable;
  gtk_widget_set_visible (gtk_widget_get_parent (GTK_WIDGET (self->name_row)), editable);
  gtk_widget_set_visible (self->add_button, editable);
  reload (self);
}

void
zb_guests_editor_add (ZbGuestsEditor *self,
                      const char     *name,
                      const char     *affiliation)
{
  GuestJob *job = g_new0 (GuestJob, 1);

  job->name = g_strdup (name);
  job->affiliation = g_strdup (affiliation);
  run (self, job);
}

void
zb_guests_editor_remove (ZbGuestsEditor *self,
                         const char     *guest_id)
{
  GuestJob *job = g_new0 (GuestJob, 1);

  job->guest_id = g_strdup (guest_id);
  run (self, job);
}

/* Types a guest's name and organisation as the user would, without adding. */
void
zb_guests_editor_set_typed (ZbGuestsEditor *self,
                            const char     *name,
                            const char     *affiliation)
{
  gtk_editable_set_text (GTK_EDITABLE (self->name_row), name ? name : "");
  gtk_editable_set_text (GTK_EDITABLE (self->affiliation_row), affiliation ? affiliation : "");
}

/* On closing: a guest typed and not added yet is added, on the calling
 * thread, so that nothing typed is lost. */
gboolean
zb_guests_editor_save_typed (ZbGuestsEditor  *self,
                             GError         **error)
{
  const char *name = zb_editable_text_or_null (self->name_row);

  if (name == NULL || !self->editable)
    return TRUE;
  if (!zb_store_add_guest (self->store, self->meeting_id, name,
                           zb_editable_text_or_null (self->affiliation_row), error))
    return FALSE;

  gtk_editable_set_text (GTK_EDITABLE (self->name_row), "");
  gtk_editable_set_text (GTK_EDITABLE (self->affiliation_row), "");
  return TRUE;
}

guint
zb_guests_editor_get_n_guests (ZbGuestsEditor *self)
{
  return self->rows->len;
}

gboolean
zb_guests_editor_is_busy (ZbGuestsEditor *self)
{
  return self->n_busy > 0;
}
