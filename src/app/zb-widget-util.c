#define G_LOG_DOMAIN "zb-widget-util"

#include "config.h"

#include <glib/gi18n.h>
#include <adwaita.h>

#include "zb-widget-util.h"

/* What @editable holds, or NULL when it is empty: an empty field is a value
 * not given, never an empty string in the records. */
const char *
zb_editable_text_or_null (gpointer editable)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (editable));

  return *text != '\0' ? text : NULL;
}

/* @error in a toast of the window @widget sits in (its AdwToastOverlay);
 * a warning in the log where it sits in none. */
void
zb_widget_toast_error (GtkWidget    *widget,
                       const GError *error)
{
  GtkWidget *overlay = gtk_widget_get_ancestor (widget, ADW_TYPE_TOAST_OVERLAY);

  if (overlay != NULL)
    adw_toast_overlay_add_toast (ADW_TOAST_OVERLAY (overlay), adw_toast_new (error->message));
  else
    g_warning ("%s", error->message);
}

/* @text in a toast of the window @widget sits in: what an action did. */
void
zb_widget_toast (GtkWidget  *widget,
                 const char *text)
{
  GtkWidget *overlay = gtk_widget_get_ancestor (widget, ADW_TYPE_TOAST_OVERLAY);

  if (overlay != NULL)
    adw_toast_overlay_add_toast (ADW_TOAST_OVERLAY (overlay), adw_toast_new (text));
}

/* GTK 4.8 leaves the button inside a GtkDropDown nameless, and it is that
 * button that takes the focus: a screen reader would say only "button".
 * Both carry @label. */
void
zb_drop_down_set_label (GtkDropDown *drop_down,
                        const char  *label)
{
  GtkWidget *button = gtk_widget_get_first_child (GTK_WIDGET (drop_down));

  gtk_accessible_update_property (GTK_ACCESSIBLE (drop_down), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  label, -1);
  if (GTK_IS_BUTTON (button))
    gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                    label, -1);
}

/* libadwaita 1.2 has icon buttons of its own (the "Show Text" eye of
 * AdwPasswordEntryRow) whose words are only in their tooltip, a description
 * to a screen reader; they become the name. */
void
zb_widget_name_icon_buttons (GtkWidget *root)
{
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      const char *tooltip = gtk_widget_get_tooltip_text (child);

      if (tooltip != NULL &&
          ((GTK_IS_BUTTON (child) && gtk_button_get_label (GTK_BUTTON (child)) == NULL) ||
           gtk_accessible_get_accessible_role (GTK_ACCESSIBLE (child)) ==
           GTK_ACCESSIBLE_ROLE_BUTTON))
        gtk_accessible_update_property (GTK_ACCESSIBLE (child), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                        tooltip, -1);
      zb_widget_name_icon_buttons (child);
    }
}

static gboolean
close_idle_cb (gpointer window)
{
  gtk_window_close (window);
  return G_SOURCE_REMOVE;
}

static void
discard_response_cb (AdwMessageDialog *dialog,
                     const char       *response,
                     GtkWindow        *window)
{
  if (!g_str_equal (response, "discard"))
    return;

  /* Closed after the dialog is gone: the form is its transient parent,
   * and closing it now would destroy the dialog inside its own response. */
  g_object_set_data (G_OBJECT (window), "zb-discard-confirmed", GINT_TO_POINTER (TRUE));
  g_idle_add_full (G_PRIORITY_DEFAULT_IDLE, close_idle_cb, g_object_ref (window),
                   g_object_unref);
}

/* A new entry row titled @title, added to @group. */
GtkWidget *
zb_group_add_entry_row (AdwPreferencesGroup *group,
                        const char          *title)
{
  GtkWidget *row = adw_entry_row_new ();

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_preferences_group_add (group, row);
  return row;
}

/* A form's refusal: @message under its fields in @label (hidden for NULL),
 * and @field (if any) marked and focused; *@marked is the field marked
 * before, unmarked, and then @field. */
void
zb_form_show_error (GtkWidget  **marked,
                    GtkWidget   *field,
                    GtkLabel    *label,
                    const char  *message)
{
  if (*marked != NULL)
    gtk_widget_remove_css_class (*marked, "error");
  *marked = field;
  if (field != NULL)
    {
      gtk_widget_add_css_class (field, "error");
      gtk_widget_grab_focus (field);
    }
  gtk_label_set_text (label, message != NULL ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (label), message != NULL);
}

/* For a form's close-request (Esc, Cancel, the window's close): an edited
 * form asks "Discard changes?" and stays open, TRUE, unless the user
 * chooses to discard; FALSE lets it close. */
gboolean
zb_form_ask_discard (GtkWindow  *window,
                     gboolean    edited,
                     const char *body)
{
  GtkWidget *dialog;

  if (!edited || g_object_get_data (G_OBJECT (window), "zb-discard-confirmed"))
    return FALSE;

  dialog = adw_message_dialog_new (window, _("Discard changes?"), body);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Keep Editing"),
                                    "discard", _("_Discard"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "discard",
                                              ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_signal_connect_object (dialog, "response", G_CALLBACK (discard_response_cb), window, 0);
  gtk_window_present (GTK_WINDOW (dialog));
  return TRUE;
}

/* What a boxed list shows while it has no rows. */
GtkWidget *
zb_list_placeholder_new (const char *text)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_widget_set_margin_top (label, 18);
  gtk_widget_set_margin_bottom (label, 18);
  gtk_widget_set_margin_start (label, 12);
  gtk_widget_set_margin_end (label, 12);
  gtk_widget_add_css_class (label, "dim-label");
  return label;
}

/* A page rebuilt on each reload keeps the groups it added in @groups, so
 * that zb_page_clear_groups() removes them and nothing else. */
AdwPreferencesGroup *
zb_page_add_group (AdwPreferencesPage *page,
                   GPtrArray          *groups,
                   const char         *title,
                   const char         *description)
{
  AdwPreferencesGroup *group = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());

  adw_preferences_group_set_title (group, title);
  adw_preferences_group_set_description (group, description);
  adw_preferences_page_add (page, group);
  g_ptr_array_add (groups, group);
  return group;
}

void
zb_page_clear_groups (AdwPreferencesPage *page,
                      GPtrArray          *groups)
{
  for (guint i = 0; i < groups->len; i++)
    adw_preferences_page_remove (page, g_ptr_array_index (groups, i));
  g_ptr_array_set_size (groups, 0);
}

/* A modal chooser over @widget's window, offering @current_name (if any) when
 * it saves. Portals show it as the desktop's own dialog. */
GtkFileChooserNative *
zb_file_chooser_new (GtkWidget            *widget,
                     GtkFileChooserAction  action,
                     const char           *title,
                     const char           *accept_label,
                     const char           *current_name)
{
  GtkFileChooserNative *chooser;

  chooser = gtk_file_chooser_native_new (title, GTK_WINDOW (gtk_widget_get_root (widget)),
                                         action, accept_label, _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  if (current_name != NULL)
    gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), current_name);
  return chooser;
}

/* Shows @chooser, kept in @slot (which owns it, dropping one shown before)
 * so that its owner's tests and dispose can reach it. */
void
zb_file_chooser_show (GtkNativeDialog      **slot,
                      GtkFileChooserNative  *chooser)
{
  g_clear_object (slot);
  *slot = GTK_NATIVE_DIALOG (chooser);
  gtk_native_dialog_show (*slot);
}
