/* zb-widget-util.h: small things the app's forms all do
 *
 * Copyright 2026 The Zhibu authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

const char *zb_editable_text_or_null (gpointer      editable);
void        zb_widget_toast_error    (GtkWidget    *widget,
                                      const GError *error);
void        zb_widget_toast          (GtkWidget    *widget,
                                      const char   *text);
void        zb_drop_down_set_label   (GtkDropDown  *drop_down,
                                      const char   *label);
void        zb_widget_name_icon_buttons (GtkWidget *root);
gboolean    zb_form_ask_discard      (GtkWindow    *window,
                                      gboolean      edited,
                                      const char   *body);
GtkWidget  *zb_group_add_entry_row   (AdwPreferencesGroup *group,
                                      const char          *title);
void        zb_form_show_error       (GtkWidget   **marked,
                                      GtkWidget    *field,
                                      GtkLabel     *label,
                                      const char   *message);
GtkWidget  *zb_list_placeholder_new  (const char   *text);
AdwPreferencesGroup *zb_page_add_group   (AdwPreferencesPage *page,
                                          GPtrArray          *groups,
                                          const char         *title,
                                          const char         *description);
void        zb_page_clear_groups     (AdwPreferencesPage *page,
                                      GPtrArray          *groups);
GtkFileChooserNative *zb_file_chooser_new (GtkWidget            *widget,
                                           GtkFileChooserAction  action,
                                           const char           *title,
                                           const char           *accept_label,
                                           const char           *current_name);
void        zb_file_chooser_show     (GtkNativeDialog   **slot,
                                      GtkFileChooserNative *chooser);

G_END_DECLS
