#define G_LOG_DOMAIN "zb-widget-util"

#include "config.h"

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
