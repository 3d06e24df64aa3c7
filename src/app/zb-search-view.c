/* zb-search-view.c: the window's search over members and minutes
 *
 * Copyright 2026 The Zhibu authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "zb-search-view"

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "zb-date.h"
#include "zb-search-text.h"
#include "zb-search-view.h"
#include "zb-store.h"

/* A search bar under the header (Ctrl+F, or typing anywhere in the window)
 * and, while it holds a query, the members and minutes that hold every word
 * of it, grouped by kind, the words highlighted where they were found. The
 * store searches its bigram index on its worker thread; a newer query
 * cancels the one before. Activating a result asks the window to open the
 * member's form or the meeting's minutes. */

#define RESULT_LIMIT 50

struct _ZbSearchView
{
  GtkWidget       parent_instance;

  GtkSearchBar   *search_bar;
  GtkSearchEntry *search_entry;
  GtkWidget      *results_scroller;
  GtkLabel       *status_label;
  GtkListBox     *results_list;

  ZbContext      *context;
  GCancellable   *cancellable;
  gboolean        showing_results;
};

G_DEFINE_FINAL_TYPE (ZbSearchView, zb_search_view, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_SHOWING_RESULTS,
  N_PROPS
};

enum {
  MEMBER_ACTIVATED,
  MEETING_ACTIVATED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static void
set_showing_results (ZbSearchView *self,
                     gboolean      showing)
{
  if (self->showing_results == showing)
    return;

  self->showing_results = showing;
  gtk_widget_set_visible (self->results_scroller, showing);
  gtk_widget_set_vexpand (GTK_WIDGET (self), showing);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SHOWING_RESULTS]);
}

static void
clear_results (ZbSearchView *self)
{
  GtkWidget *row;

  while ((row = gtk_widget_get_first_child (GTK_WIDGET (self->results_list))) != NULL)
    gtk_list_box_remove (self->results_list, row);
}

/* @text as Pango markup, escaped, the spans of @matches (pairs of byte
 * offsets, in order) highlighted. */
char *
zb_search_view_markup (const char *text,
                       GArray     *matches)
{
  GString *markup = g_string_new (NULL);
  g_autofree char *rest = NULL;
  gsize at = 0;

  for (guint i = 0; matches != NULL && i < matches->len; i++)
    {
      gsize start = g_array_index (matches, gsize, 2 * i);
      gsize end = g_array_index (matches, gsize, 2 * i + 1);
      g_autofree char *before = g_markup_escape_text (text + at, start - at);
      g_autofree char *match = g_markup_escape_text (text + start, end - start);

      g_string_append (markup, before);
      g_string_append_printf (markup, "<span weight=\"bold\" background=\"#f9f06b\" "
                                      "foreground=\"#000000\">%s</span>", match);
      at = end;
    }
  rest = g_markup_escape_text (text + at, -1);
  g_string_append (markup, rest);

  return g_string_free (markup, FALSE);
}

static GtkWidget *
make_label (const char *markup,
            const char *style)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_markup (GTK_LABEL (label), markup);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  if (style != NULL)
    gtk_widget_add_css_class (label, style);
  return label;
}

static GtkWidget *
make_row (ZbSearchResult *result,
          const char     *query)
{
  g_auto(GStrv) terms = zb_search_terms (query);
  g_autoptr(GArray) title_matches = zb_search_locate (zb_search_result_get_title (result),
                                                      (const char * const *) terms);
  g_autofree char *title = zb_search_view_markup (zb_search_result_get_title (result),
                                                  title_matches);
  /* A meeting's detail is its day; a member's is no date and stays as it is. */
  g_autofree char *day = zb_date_format_day (zb_search_result_get_detail (result));
  g_autofree char *detail = g_markup_escape_text (day ? day : "", -1);
  g_autofree char *snippet = zb_search_view_markup (zb_search_result_get_snippet (result),
                                                    zb_search_result_get_matches (result));
  GtkWidget *row = gtk_list_box_row_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 3);
  GtkWidget *top = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *title_label = make_label (title, "heading");

  gtk_widget_set_hexpand (title_label, TRUE);
  gtk_box_append (GTK_BOX (top), title_label);
  gtk_box_append (GTK_BOX (top), make_label (detail, "dim-label"));
  gtk_box_append (GTK_BOX (box), top);
  if (g_strcmp0 (zb_search_result_get_snippet (result), zb_search_result_get_title (result)))
    gtk_box_append (GTK_BOX (box), make_label (snippet, NULL));
  gtk_widget_set_margin_top (box, 9);
  gtk_widget_set_margin_bottom (box, 9);
  gtk_widget_set_margin_start (box, 12);
  gtk_widget_set_margin_end (box, 12);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
  gtk_accessible_update_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  zb_search_result_get_title (result), -1);
  g_object_set_data_full (G_OBJECT (row), "result", g_object_ref (result), g_object_unref);
  return row;
}

static ZbSearchResult *
row_result (GtkListBoxRow *row)
{
  return row != NULL ? g_object_get_data (G_OBJECT (row), "result") : NULL;
}

/* A heading above the first result of each kind. */
static void
update_header (GtkListBoxRow *row,
               GtkListBoxRow *before,
               gpointer       user_data)
{
  ZbSearchResult *result = row_result (row);
  ZbSearchResult *previous = row_result (before);
  GtkWidget *header;

  if (previous != NULL && zb_search_result_get_kind (previous) ==
                          zb_search_result_get_kind (result))
    {
      gtk_list_box_row_set_header (row, NULL);
      return;
    }

  header = gtk_label_new (zb_search_result_get_kind (result) == ZB_SEARCH_MEMBERS
                          ? _("Members") : _("Minutes"));
  gtk_label_set_xalign (GTK_LABEL (header), 0);
  gtk_widget_add_css_class (header, "heading");
  gtk_widget_set_margin_top (header, before != NULL ? 18 : 6);
  gtk_widget_set_margin_bottom (header, 6);
  gtk_widget_set_margin_start (header, 12);
  gtk_list_box_row_set_header (row, header);
}

static void
show_results (ZbSearchView *self,
              GListModel   *results,
              const char   *query)
{
  guint n = g_list_model_get_n_items (results);
  g_autofree char *status = NULL;

  clear_results (self);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(ZbSearchResult) result = g_list_model_get_item (results, i);

      gtk_list_box_append (self->results_list, make_row (result, query));
    }

  if (n == 0)
    /* TRANSLATORS: %s is what the user searched for */
    status = g_strdup_printf (_("No member or minutes hold “%s”. Check the words, or search for "
                                "fewer of them."), query);
  gtk_label_set_text (self->status_label, status);
  gtk_widget_set_visible (GTK_WIDGET (self->status_label), status != NULL);
  gtk_widget_set_visible (GTK_WIDGET (self->results_list), n > 0);
}

static void
search_done_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(ZbSearchView) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) results = zb_store_search_finish (ZB_STORE (source), result, &error);
  g_autofree char *query = g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->search_entry)));

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  g_clear_object (&self->cancellable);
  if (results == NULL)
    {
      g_autofree char *message = g_strdup_printf (_("The search failed: %s"), error->message);

      clear_results (self);
      gtk_label_set_text (self->status_label, message);
      gtk_widget_set_visible (GTK_WIDGET (self->status_label), TRUE);
      return;
    }
  show_results (self, results, query);
}

static void
run_search (ZbSearchView *self)
{
  ZbStore *store = self->context ? zb_context_get_store (self->context) : NULL;
  const char *query = gtk_editable_get_text (GTK_EDITABLE (self->search_entry));
  g_auto(GStrv) terms = zb_search_terms (query);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);

  set_showing_results (self, store != NULL && terms[0] != NULL &&
                             gtk_search_bar_get_search_mode (self->search_bar));
  if (!self->showing_results)
    {
      clear_results (self);
      return;
    }

  self->cancellable = g_cancellable_new ();
  zb_store_search_async (store, query, ZB_SEARCH_ALL, RESULT_LIMIT, self->cancellable,
                         search_done_cb, g_object_ref (self));
}

static void
search_changed_cb (ZbSearchView *self)
{
  run_search (self);
}

static void
search_mode_changed_cb (ZbSearchView *self)
{
  run_search (self);
}

static void
row_activated_cb (ZbSearchView  *self,
                  GtkListBoxRow *row)
{
  ZbSearchResult *result = row_result (row);

  g_signal_emit (self, signals[zb_search_result_get_kind (result) == ZB_SEARCH_MEMBERS
                               ? MEMBER_ACTIVATED : MEETING_ACTIVATED], 0,
                 zb_search_result_get_record_id (result));
}

/* Enter opens the first result. */
static void
entry_activated_cb (ZbSearchView *self)
{
  GtkListBoxRow *first = gtk_list_box_get_row_at_index (self->results_list, 0);

  if (first != NULL && self->showing_results)
    row_activated_cb (self, first);
}

static void
zb_search_view_dispose (GObject *object)
{
  ZbSearchView *self = ZB_SEARCH_VIEW (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->context);
  gtk_widget_dispose_template (GTK_WIDGET (self), ZB_TYPE_SEARCH_VIEW);

  G_OBJECT_CLASS (zb_search_view_parent_class)->dispose (object);
}

static void
zb_search_view_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  ZbSearchView *self = ZB_SEARCH_VIEW (object);

  switch (prop_id)
    {
    case PROP_SHOWING_RESULTS:
      g_value_set_boolean (value, self->showing_results);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
zb_search_view_class_init (ZbSearchViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = zb_search_view_dispose;
  object_class->get_property = zb_search_view_get_property;

  /* Whether results (or the word that there are none) take the window's
   * content: the window hides its pages meanwhile. */
  properties[PROP_SHOWING_RESULTS] =
    g_param_spec_boolean ("showing-results", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[MEMBER_ACTIVATED] = g_signal_new ("member-activated", G_TYPE_FROM_CLASS (klass),
                                            G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                            G_TYPE_NONE, 1, G_TYPE_STRING);
  signals[MEETING_ACTIVATED] = g_signal_new ("meeting-activated", G_TYPE_FROM_CLASS (klass),
                                             G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                             G_TYPE_NONE, 1, G_TYPE_STRING);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/zhibu/Zhibu/ui/zb-search-view.ui");
  gtk_widget_class_bind_template_child (widget_class, ZbSearchView, search_bar);
  gtk_widget_class_bind_template_child (widget_class, ZbSearchView, search_entry);
  gtk_widget_class_bind_template_child (widget_class, ZbSearchView, results_scroller);
  gtk_widget_class_bind_template_child (widget_class, ZbSearchView, status_label);
  gtk_widget_class_bind_template_child (widget_class, ZbSearchView, results_list);
  gtk_widget_class_bind_template_callback (widget_class, search_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, search_mode_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, row_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, entry_activated_cb);
}

/* GtkSearchBar's own close button shows only an icon: give it words. */
static void
name_close_button (GtkWidget *widget)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      if (GTK_IS_BUTTON (child) && gtk_button_get_label (GTK_BUTTON (child)) == NULL)
        {
          gtk_widget_set_tooltip_text (child, _("Close the search"));
          gtk_accessible_update_property (GTK_ACCESSIBLE (child), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                          _("Close the search"), -1);
        }
      name_close_button (child);
    }
}

static void
zb_search_view_init (ZbSearchView *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  gtk_search_bar_connect_entry (self->search_bar, GTK_EDITABLE (self->search_entry));
  name_close_button (GTK_WIDGET (self->search_bar));
  gtk_list_box_set_header_func (self->results_list, update_header, NULL, NULL);
}

void
zb_search_view_set_context (ZbSearchView *self,
                            ZbContext    *context)
{
  g_return_if_fail (ZB_IS_SEARCH_VIEW (self));

  g_set_object (&self->context, context);
  run_search (self);
}

/* Searches again, when a record may have changed under the results. */
void
zb_search_view_reload (ZbSearchView *self)
{
  g_return_if_fail (ZB_IS_SEARCH_VIEW (self));

  if (self->showing_results)
    run_search (self);
}

/* Typing in @widget (the window) where nothing else takes the keys starts
 * a search. */
void
zb_search_view_set_key_capture_widget (ZbSearchView *self,
                                       GtkWidget    *widget)
{
  g_return_if_fail (ZB_IS_SEARCH_VIEW (self));

  gtk_search_bar_set_key_capture_widget (self->search_bar, widget);
}

/* Shows the search bar and puts the cursor in it (Ctrl+F). */
void
zb_search_view_start (ZbSearchView *self)
{
  g_return_if_fail (ZB_IS_SEARCH_VIEW (self));

  gtk_search_bar_set_search_mode (self->search_bar, TRUE);
  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
}

gboolean
zb_search_view_get_showing_results (ZbSearchView *self)
{
  g_return_val_if_fail (ZB_IS_SEARCH_VIEW (self), FALSE);
  return self->showing_results;
}

/* Whether a search is under way: for tests. */
gboolean
zb_search_view_is_busy (ZbSearchView *self)
{
  g_return_val_if_fail (ZB_IS_SEARCH_VIEW (self), FALSE);
  return self->cancellable != NULL;
}

GtkEditable *
zb_search_view_get_entry (ZbSearchView *self)
{
  g_return_val_if_fail (ZB_IS_SEARCH_VIEW (self), NULL);
  return GTK_EDITABLE (self->search_entry);
}

GtkListBox *
zb_search_view_get_results (ZbSearchView *self)
{
  g_return_val_if_fail (ZB_IS_SEARCH_VIEW (self), NULL);
  return self->results_list;
}
