#define G_LOG_DOMAIN "zb-first-item-editor"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "zb-date.h"
#include "zb-first-item-editor.h"
#include "zb-first-item-template.h"
#include "zb-store.h"

/* The fields of DOMAIN.md section 3, each a row typed during the meeting.
 * The editor knows nothing of the database: the minutes editor reads it
 * when it saves. What finalising would refuse is marked on its row as it is
 * typed, and listed when 定稿 is pressed. */
struct _ZbFirstItemEditor
{
  GtkWidget            parent_instance;

  AdwEntryRow         *topic_row;
  AdwEntryRow         *material_row;
  AdwEntryRow         *source_row;
  AdwEntryRow         *source_date_row;
  AdwEntryRow         *form_row;
  AdwEntryRow         *leader_row;
  AdwEntryRow         *participants_row;
  GtkWidget           *proceedings_frame;
  GtkTextView         *proceedings_view;
  GtkLabel            *proceedings_problem;
  AdwPreferencesGroup *contributions_group;
  GtkWidget           *add_contribution_button;

  GPtrArray           *contributions;  /* of AdwEntryRow, in order; a removed one hidden */
  gboolean             editable;

  /* Whom the leader and the speakers may be linked to: the members
   * expected at the meeting and its guests, read when a list opens. */
  ZbStore             *store;
  char                *meeting_id;
  GListModel          *people;
};

G_DEFINE_FINAL_TYPE (ZbFirstItemEditor, zb_first_item_editor, GTK_TYPE_WIDGET)

G_DEFINE_BOXED_TYPE (ZbUnfinishedField, zb_unfinished_field, zb_unfinished_field_copy,
                     zb_unfinished_field_free)

enum {
  CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

typedef const char *(*Getter) (ZbFirstItem *);
typedef void (*Setter) (ZbFirstItem *, const char *);

enum { TOPIC, MATERIAL, SOURCE, SOURCE_DATE, FORM, LEADER, PARTICIPANTS, N_ROWS };

static void
field_rows (ZbFirstItemEditor  *self,
            AdwEntryRow       **rows)
{
  rows[TOPIC] = self->topic_row;
  rows[MATERIAL] = self->material_row;
  rows[SOURCE] = self->source_row;
  rows[SOURCE_DATE] = self->source_date_row;
  rows[FORM] = self->form_row;
  rows[LEADER] = self->leader_row;
  rows[PARTICIPANTS] = self->participants_row;
}

static const Getter getters[] = {
  zb_first_item_get_topic, zb_first_item_get_material, zb_first_item_get_source,
  zb_first_item_get_source_date, zb_first_item_get_form, zb_first_item_get_leader,
  zb_first_item_get_participants,
};

static const Setter setters[] = {
  zb_first_item_set_topic, zb_first_item_set_material, zb_first_item_set_source,
  zb_first_item_set_source_date, zb_first_item_set_form, zb_first_item_set_leader,
  zb_first_item_set_participants,
};

/* What finalising asks of the first item (zb_first_item_validate): local
 * notices require the topic, the form, the participants and an account of
 * the proceedings (DOMAIN.md section 3), and no prompt of a template may be
 * left anywhere. */
static const gboolean required[] = {
  [TOPIC] = TRUE, [FORM] = TRUE, [PARTICIPANTS] = TRUE,
};

ZbUnfinishedField *
zb_unfinished_field_copy (ZbUnfinishedField *field)
{
  ZbUnfinishedField *copy = g_new0 (ZbUnfinishedField, 1);

  copy->widget = g_object_ref (field->widget);
  copy->title = g_strdup (field->title);
  copy->problem = g_strdup (field->problem);
  return copy;
}

void
zb_unfinished_field_free (ZbUnfinishedField *field)
{
  g_clear_object (&field->widget);
  g_free (field->title);
  g_free (field->problem);
  g_free (field);
}

static const char *
text_problem (const char *text,
              gboolean    needed)
{
  g_autofree char *stripped = g_strstrip (g_strdup (text));

  if (needed && *stripped == '\0')
    return _("Still empty: this field is required before finalising");
  if (strstr (text, ZB_TEMPLATE_PROMPT) != NULL)
    return _("Still holds the template’s prompt 【请填写…】: replace it with what was done");
  return NULL;
}

static const char *
date_problem (const char *text)
{
  g_autofree char *stripped = g_strstrip (g_strdup (text));
  GDate date;

  if (*stripped != '\0' && !zb_date_parse_input (stripped, &date))
    return _("Not a date: write it as year-month-day, such as 2026-10-24");
  return NULL;
}

/* A contribution is "speaker: summary"; one without its colon has no
 * summary yet, which finalising refuses. */
static const char *
contribution_problem (const char *text)
{
  g_autoptr(ZbFirstItem) probe = zb_first_item_new ();
  g_autofree char *stripped = g_strstrip (g_strdup (text));

  if (*stripped == '\0')
    return NULL;
  if (!zb_first_item_add_contribution_text (probe, stripped))
    return _("No summary yet: write the speaker, a colon, then what they said");
  return text_problem (text, FALSE);
}

static void
mark (GtkWidget  *row,
      const char *problem)
{
  GtkWidget *icon = g_object_get_data (G_OBJECT (row), "problem-icon");

  if (problem != NULL)
    gtk_widget_add_css_class (row, "warning");
  else
    gtk_widget_remove_css_class (row, "warning");
  gtk_widget_set_tooltip_text (row, problem);
  gtk_widget_set_visible (icon, problem != NULL);
  if (problem != NULL)
    gtk_widget_set_tooltip_text (icon, problem);
}

static char *
text_view_text (GtkTextView *view)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (view);
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  return gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
}

static const char *
row_problem (ZbFirstItemEditor *self,
             guint              i,
             AdwEntryRow       *row)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (row));

  if (i == SOURCE_DATE)
    return date_problem (text) ?: text_problem (text, FALSE);
  return text_problem (text, i < G_N_ELEMENTS (required) && required[i]);
}

static const char *
proceedings_problem (ZbFirstItemEditor *self)
{
  g_autofree char *text = text_view_text (self->proceedings_view);

  return text_problem (text, TRUE);
}

static gboolean
is_removed (GtkWidget *row)
{
  return GPOINTER_TO_INT (g_object_get_data (G_OBJECT (row), "removed"));
}

/* The marks follow the text as it is typed. */
static void
update_marks (ZbFirstItemEditor *self)
{
  AdwEntryRow *rows[N_ROWS];
  const char *problem = proceedings_problem (self);

  field_rows (self, rows);
  for (guint i = 0; i < N_ROWS; i++)
    mark (GTK_WIDGET (rows[i]), row_problem (self, i, rows[i]));
  for (guint i = 0; i < self->contributions->len; i++)
    {
      GtkWidget *row = g_ptr_array_index (self->contributions, i);

      mark (row, contribution_problem (gtk_editable_get_text (GTK_EDITABLE (row))));
    }

  gtk_label_set_text (self->proceedings_problem, problem ? problem : "");
  gtk_widget_set_visible (GTK_WIDGET (self->proceedings_problem), problem != NULL);
  gtk_widget_set_tooltip_text (self->proceedings_frame, problem);
}

static void
changed_cb (ZbFirstItemEditor *self)
{
  update_marks (self);
  g_signal_emit (self, signals[CHANGED], 0);
}

static GtkWidget *
problem_icon (void)
{
  GtkWidget *icon = gtk_image_new_from_icon_name ("dialog-warning-symbolic");

  gtk_widget_add_css_class (icon, "warning");
  gtk_widget_set_visible (icon, FALSE);
  return icon;
}

static void
add_problem_icon (GtkWidget *row)
{
  GtkWidget *icon = problem_icon ();

  adw_entry_row_add_suffix (ADW_ENTRY_ROW (row), icon);
  g_object_set_data (G_OBJECT (row), "problem-icon", icon);
}

static void
set_removed (ZbFirstItemEditor *self,
             GtkWidget         *row,
             gboolean           removed)
{
  g_object_set_data (G_OBJECT (row), "removed", GINT_TO_POINTER (removed));
  gtk_widget_set_visible (row, !removed);
  changed_cb (self);
}

static void
undo_clicked_cb (AdwToast  *toast,
                 GtkWidget *row)
{
  ZbFirstItemEditor *self = ZB_FIRST_ITEM_EDITOR (gtk_widget_get_ancestor (
                                                    row, ZB_TYPE_FIRST_ITEM_EDITOR));

  if (self != NULL && self->editable)
    set_removed (self, row, FALSE);
}

/* The row is hidden and left out of what is saved, which makes its stored
 * row a tombstone; the toast's Undo shows it again, in its place, and the
 * same row comes back. */
void
zb_first_item_editor_remove_contribution (ZbFirstItemEditor *self,
                                          GtkWidget         *row)
{
  GtkWidget *overlay = gtk_widget_get_ancestor (GTK_WIDGET (self), ADW_TYPE_TOAST_OVERLAY);
  AdwToast *toast;

  g_return_if_fail (g_ptr_array_find (self->contributions, row, NULL));

  set_removed (self, row, TRUE);
  if (overlay == NULL)
    return;

  toast = adw_toast_new (_("Contribution removed"));
  adw_toast_set_button_label (toast, _("_Undo"));
  adw_toast_set_priority (toast, ADW_TOAST_PRIORITY_HIGH);
  g_signal_connect_object (toast, "button-clicked", G_CALLBACK (undo_clicked_cb), row, 0);
  adw_toast_overlay_add_toast (ADW_TOAST_OVERLAY (overlay), toast);
}

static void
remove_clicked_cb (GtkButton         *button,
                   ZbFirstItemEditor *self)
{
  zb_first_item_editor_remove_contribution (self, g_object_get_data (G_OBJECT (button), "row"));
}

/* Links: the name stays as typed; a link says who it was, when they were a
 * member expected at the meeting or one of its guests. */

static ZbPerson *
find_person (ZbFirstItemEditor *self,
             const char        *id)
{
  for (guint i = 0; id != NULL && self->people && i < g_list_model_get_n_items (self->people);
       i++)
    {
      g_autoptr(ZbPerson) p = g_list_model_get_item (self->people, i);

      if (g_strcmp0 (zb_person_get_id (p), id) == 0)
        return p;   /* the list keeps its reference */
    }
  return NULL;
}

static void
show_link (ZbFirstItemEditor *self,
           GtkWidget         *row)
{
  GtkWidget *button = g_object_get_data (G_OBJECT (row), "link-button");
  const char *id = g_object_get_data (G_OBJECT (row), "link-id");
  ZbPerson *p = find_person (self, id);
  g_autofree char *tooltip = NULL;

  if (button == NULL)
    return;
  if (id == NULL)
    tooltip = g_strdup (_("Not linked: the name stays as written. Link it to a member or a "
                          "guest of the meeting"));
  else if (p == NULL)
    tooltip = g_strdup (_("Linked to someone no longer among the meeting’s members and guests"));
  else
    /* TRANSLATORS: %s is the name of the member or guest the name is linked to */
    tooltip = g_strdup_printf (_("Linked to %s"), zb_person_get_name (p));
  gtk_widget_set_tooltip_text (button, tooltip);
  /* The tooltip says what the link is: it names the icon button too. */
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  tooltip, -1);
  if (id != NULL)
    gtk_widget_add_css_class (button, "accent");
  else
    gtk_widget_remove_css_class (button, "accent");
  gtk_widget_set_visible (button, self->store != NULL && self->editable);
}

static void
load_people (ZbFirstItemEditor *self)
{
  g_autoptr(GError) error = NULL;
  GListModel *people;

  if (self->store == NULL)
    return;
  people = zb_store_list_people (self->store, self->meeting_id, &error);
  if (people == NULL)
    {
      g_warning ("Could not list the meeting's members and guests: %s", error->message);
      return;
    }
  g_set_object (&self->people, people);
  g_object_unref (people);
}

/* Where "speaker: summary" has its colon, ASCII or full-width, or NULL. */
static const char *
first_colon (const char *text)
{
  const char *ascii = strchr (text, ':');
  const char *wide = strstr (text, "：");

  return (ascii && (!wide || ascii < wide)) ? ascii : wide;
}

/* The name follows a new link where it was empty or the old link's name;
 * otherwise what was written stays. In a contribution the name is the
 * speaker, before the colon. */
static void
follow_link (ZbFirstItemEditor *self,
             GtkWidget         *row,
             ZbPerson          *old,
             ZbPerson          *new)
{
  gboolean contribution = g_object_get_data (G_OBJECT (row), "contribution-id") != NULL;
  const char *text = gtk_editable_get_text (GTK_EDITABLE (row));
  const char *colon = contribution ? first_colon (text) : NULL;
  g_autofree char *name = g_strstrip (colon ? g_strndup (text, colon - text) : g_strdup (text));
  g_autofree char *replaced = NULL;

  if (new == NULL ||
      (*name != '\0' && (old == NULL || g_strcmp0 (name, zb_person_get_name (old)) != 0)))
    return;

  if (!contribution)
    replaced = g_strdup (zb_person_get_name (new));
  else if (colon != NULL)
    replaced = g_strconcat (zb_person_get_name (new), colon, NULL);
  else
    /* TRANSLATORS: a contribution as the user types it: speaker, colon, summary */
    replaced = g_strdup_printf (_("%s: %s"), zb_person_get_name (new), "");
  gtk_editable_set_text (GTK_EDITABLE (row), replaced);
}

/* Links @row's name to @person_id (a member's or a guest's), or unlinks it
 * with NULL. */
void
zb_first_item_editor_link (ZbFirstItemEditor *self,
                           GtkWidget         *row,
                           const char        *person_id)
{
  ZbPerson *old = find_person (self, g_object_get_data (G_OBJECT (row), "link-id"));
  ZbPerson *new = find_person (self, person_id);

  g_object_set_data_full (G_OBJECT (row), "link-id", g_strdup (person_id), g_free);
  follow_link (self, row, old, new);
  show_link (self, row);
  changed_cb (self);
}

static void
person_activated_cb (GtkListBox    *list,
                     GtkListBoxRow *item,
                     GtkWidget     *row)
{
  ZbFirstItemEditor *self = ZB_FIRST_ITEM_EDITOR (gtk_widget_get_ancestor (
                                                    row, ZB_TYPE_FIRST_ITEM_EDITOR));
  GtkWidget *button = g_object_get_data (G_OBJECT (row), "link-button");

  zb_first_item_editor_link (self, row, g_object_get_data (G_OBJECT (item), "person-id"));
  gtk_menu_button_popdown (GTK_MENU_BUTTON (button));
}

static GtkWidget *
person_row (const char *id,
            const char *title,
            const char *subtitle)
{
  GtkWidget *item = adw_action_row_new ();

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (item), title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (item), subtitle ? subtitle : "");
  g_object_set_data_full (G_OBJECT (item), "person-id", g_strdup (id), g_free);
  return item;
}

static void
fill_people (ZbFirstItemEditor *self,
             GtkListBox        *list)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (list))) != NULL)
    gtk_list_box_remove (list, child);

  gtk_list_box_append (list, person_row (NULL, _("No link"), _("The name stays as written")));
  for (guint i = 0; self->people && i < g_list_model_get_n_items (self->people); i++)
    {
      g_autoptr(ZbPerson) p = g_list_model_get_item (self->people, i);
      g_autofree char *subtitle = zb_person_is_guest (p)
        /* TRANSLATORS: a guest (列席人员) in the list of people to link to; %s: affiliation */
        ? g_strdup_printf (_("Guest · %s"), zb_person_get_affiliation (p) ?: "")
        : g_strdup (_("Member expected at the meeting"));

      gtk_list_box_append (list, person_row (zb_person_get_id (p), zb_person_get_name (p),
                                             subtitle));
    }
}

static gboolean
person_matches (GtkListBoxRow *item,
                gpointer       user_data)
{
  const char *needle = gtk_editable_get_text (user_data);
  const char *id = g_object_get_data (G_OBJECT (item), "person-id");

  return *needle == '\0' || id == NULL ||
         strstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (item)), needle) != NULL;
}

static void
people_search_cb (GtkSearchEntry *search,
                  GtkListBox     *list)
{
  gtk_list_box_invalidate_filter (list);
}

/* The list is read again each time it opens: a guest added meanwhile is in it. */
static void
popover_shown_cb (GtkPopover *popover,
                  GtkWidget  *row)
{
  ZbFirstItemEditor *self = ZB_FIRST_ITEM_EDITOR (gtk_widget_get_ancestor (
                                                    row, ZB_TYPE_FIRST_ITEM_EDITOR));
  GtkWidget *button = g_object_get_data (G_OBJECT (row), "link-button");

  load_people (self);
  gtk_editable_set_text (g_object_get_data (G_OBJECT (button), "people-search"), "");
  fill_people (self, g_object_get_data (G_OBJECT (button), "people-list"));
}

static void
add_link_button (ZbFirstItemEditor *self,
                 GtkWidget         *row)
{
  GtkWidget *button = gtk_menu_button_new ();
  GtkWidget *popover = gtk_popover_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *search = gtk_search_entry_new ();
  GtkWidget *scroller = gtk_scrolled_window_new ();
  GtkWidget *list = gtk_list_box_new ();

  gtk_list_box_set_selection_mode (GTK_LIST_BOX (list), GTK_SELECTION_NONE);
  gtk_list_box_set_activate_on_single_click (GTK_LIST_BOX (list), TRUE);
  gtk_list_box_set_filter_func (GTK_LIST_BOX (list), person_matches, search, NULL);
  gtk_widget_add_css_class (list, "boxed-list");
  g_signal_connect_object (list, "row-activated", G_CALLBACK (person_activated_cb), row, 0);
  g_signal_connect_object (search, "search-changed", G_CALLBACK (people_search_cb), list, 0);
  g_object_set (search, "placeholder-text", _("Search the members and guests"), NULL);

  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scroller), GTK_POLICY_NEVER,
                                  GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_min_content_height (GTK_SCROLLED_WINDOW (scroller), 240);
  gtk_widget_set_size_request (scroller, 300, -1);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scroller), list);
  gtk_box_append (GTK_BOX (box), search);
  gtk_box_append (GTK_BOX (box), scroller);
  gtk_popover_set_child (GTK_POPOVER (popover), box);
  g_signal_connect_object (popover, "show", G_CALLBACK (popover_shown_cb), row, 0);

  gtk_menu_button_set_icon_name (GTK_MENU_BUTTON (button), "avatar-default-symbolic");
  gtk_menu_button_set_popover (GTK_MENU_BUTTON (button), popover);
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (button, "flat");
  adw_entry_row_add_suffix (ADW_ENTRY_ROW (row), button);
  g_object_set_data (G_OBJECT (button), "people-list", list);
  g_object_set_data (G_OBJECT (button), "people-search", search);
  g_object_set_data (G_OBJECT (row), "link-button", button);
  fill_people (self, GTK_LIST_BOX (list));
  show_link (self, row);
}

static GtkWidget *
add_contribution_row (ZbFirstItemEditor *self,
                      const char        *text,
                      const char        *id,
                      const char        *speaker_id)
{
  GtkWidget *row = adw_entry_row_new ();
  GtkWidget *remove = gtk_button_new_from_icon_name ("user-trash-symbolic");

  /* TRANSLATORS: the title of a row holding one contribution to the discussion */
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("Speaker: summary"));
  gtk_editable_set_text (GTK_EDITABLE (row), text ? text : "");
  gtk_editable_set_editable (GTK_EDITABLE (row), self->editable);
  add_problem_icon (row);
  g_object_set_data_full (G_OBJECT (row), "link-id", g_strdup (speaker_id), g_free);
  /* The row's ID is made with it, so that it keeps its stored row. */
  g_object_set_data_full (G_OBJECT (row), "contribution-id",
                          id ? g_strdup (id) : g_uuid_string_random (), g_free);
  add_link_button (self, row);

  gtk_widget_set_tooltip_text (remove, _("Remove Contribution"));
  gtk_widget_set_valign (remove, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (remove, "flat");
  gtk_widget_set_visible (remove, self->editable);
  adw_entry_row_add_suffix (ADW_ENTRY_ROW (row), remove);
  g_object_set_data (G_OBJECT (remove), "row", row);
  g_object_set_data (G_OBJECT (row), "remove-button", remove);
  g_signal_connect_object (remove, "clicked", G_CALLBACK (remove_clicked_cb), self, 0);

  g_signal_connect_object (row, "changed", G_CALLBACK (changed_cb), self, G_CONNECT_SWAPPED);
  adw_preferences_group_add (self->contributions_group, row);
  g_ptr_array_add (self->contributions, row);
  update_marks (self);
  return row;
}

GtkWidget *
zb_first_item_editor_add_contribution (ZbFirstItemEditor *self,
                                       const char        *text)
{
  return add_contribution_row (self, text, NULL, NULL);
}

static void
add_contribution_clicked_cb (ZbFirstItemEditor *self)
{
  gtk_widget_grab_focus (zb_first_item_editor_add_contribution (self, NULL));
}

static void
zb_first_item_editor_dispose (GObject *object)
{
  ZbFirstItemEditor *self = (ZbFirstItemEditor *)object;
  GtkWidget *child;

  gtk_widget_dispose_template (GTK_WIDGET (self), ZB_TYPE_FIRST_ITEM_EDITOR);
  /* The groups without an ID in the template are children all the same. */
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);
  g_clear_pointer (&self->contributions, g_ptr_array_unref);
  g_clear_object (&self->people);
  g_clear_object (&self->store);
  g_clear_pointer (&self->meeting_id, g_free);

  G_OBJECT_CLASS (zb_first_item_editor_parent_class)->dispose (object);
}

static void
zb_first_item_editor_class_init (ZbFirstItemEditorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = zb_first_item_editor_dispose;

  signals[CHANGED] =
    g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/zhibu/Zhibu/ui/zb-first-item-editor.ui");
  gtk_widget_class_bind_template_child (widget_class, ZbFirstItemEditor, topic_row);
  gtk_widget_class_bind_template_child (widget_class, ZbFirstItemEditor, material_row);
  gtk_widget_class_bind_template_child (widget_class, ZbFirstItemEditor, source_row);
  gtk_widget_class_bind_template_child (widget_class, ZbFirstItemEditor, source_date_row);
  gtk_widget_class_bind_template_child (widget_class, ZbFirstItemEditor, form_row);
  gtk_widget_class_bind_template_child (widget_class, ZbFirstItemEditor, leader_row);
  gtk_widget_class_bind_template_child (widget_class, ZbFirstItemEditor, participants_row);
  gtk_widget_class_bind_template_child (widget_class, ZbFirstItemEditor, proceedings_frame);
  gtk_widget_class_bind_template_child (widget_class, ZbFirstItemEditor, proceedings_view);
  gtk_widget_class_bind_template_child (widget_class, ZbFirstItemEditor, proceedings_problem);
  gtk_widget_class_bind_template_child (widget_class, ZbFirstItemEditor, contributions_group);
  gtk_widget_class_bind_template_child (widget_class, ZbFirstItemEditor,
                                        add_contribution_button);
}

static void
zb_first_item_editor_init (ZbFirstItemEditor *self)
{
  AdwEntryRow *rows[N_ROWS];

  gtk_widget_init_template (GTK_WIDGET (self));
  self->contributions = g_ptr_array_new ();
  self->editable = TRUE;

  field_rows (self, rows);
  for (guint i = 0; i < N_ROWS; i++)
    {
      add_problem_icon (GTK_WIDGET (rows[i]));
      g_signal_connect_object (rows[i], "changed", G_CALLBACK (changed_cb), self,
                               G_CONNECT_SWAPPED);
    }
  g_signal_connect_object (gtk_text_view_get_buffer (self->proceedings_view), "changed",
                           G_CALLBACK (changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->add_contribution_button, "clicked",
                           G_CALLBACK (add_contribution_clicked_cb), self, G_CONNECT_SWAPPED);
  add_link_button (self, GTK_WIDGET (self->leader_row));
  update_marks (self);
}

GtkWidget *
zb_first_item_editor_new (void)
{
  return g_object_new (ZB_TYPE_FIRST_ITEM_EDITOR, NULL);
}

/* Fills the rows, as a change: the minutes editor listens only after it
 * has shown what the database holds. */
void
zb_first_item_editor_set_item (ZbFirstItemEditor *self,
                               ZbFirstItem       *first)
{
  AdwEntryRow *rows[N_ROWS];
  GPtrArray *contributions = zb_first_item_get_contributions (first);
  const char *proceedings = zb_first_item_get_proceedings (first);

  field_rows (self, rows);
  for (guint i = 0; i < N_ROWS; i++)
    gtk_editable_set_text (GTK_EDITABLE (rows[i]), getters[i] (first) ?: "");
  g_object_set_data_full (G_OBJECT (self->leader_row), "link-id",
                          g_strdup (zb_first_item_get_leader_id (first)), g_free);
  show_link (self, GTK_WIDGET (self->leader_row));
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (self->proceedings_view),
                            proceedings ? proceedings : "", -1);
  for (guint i = 0; i < contributions->len; i++)
    {
      ZbContribution *c = g_ptr_array_index (contributions, i);
      /* TRANSLATORS: a contribution as the user types it: speaker, colon, summary */
      g_autofree char *text = g_strdup_printf (_("%s: %s"), c->speaker, c->summary);

      add_contribution_row (self, text, c->id, c->speaker_id);
    }
}

/* What the rows hold now, as a first item: empty rows and removed ones are
 * left out, and a contribution without its colon counts as a speaker with
 * no summary yet, which the check before finalising then names. A date is
 * kept in ISO form when it reads as one. */
ZbFirstItem *
zb_first_item_editor_read (ZbFirstItemEditor *self)
{
  ZbFirstItem *first = zb_first_item_new ();
  AdwEntryRow *rows[N_ROWS];
  g_autofree char *proceedings = text_view_text (self->proceedings_view);
  g_autofree char *date = NULL;
  GPtrArray *contributions = zb_first_item_get_contributions (first);

  field_rows (self, rows);
  for (guint i = 0; i < N_ROWS; i++)
    setters[i] (first, gtk_editable_get_text (GTK_EDITABLE (rows[i])));
  zb_first_item_set_leader_id (first, g_object_get_data (G_OBJECT (self->leader_row), "link-id"));
  date = zb_date_normalise_input (zb_first_item_get_source_date (first));
  if (date != NULL)
    zb_first_item_set_source_date (first, date);
  zb_first_item_set_proceedings (first, proceedings);

  for (guint i = 0; i < self->contributions->len; i++)
    {
      GtkWidget *row = g_ptr_array_index (self->contributions, i);
      const char *text = gtk_editable_get_text (GTK_EDITABLE (row));
      g_autofree char *stripped = g_strstrip (g_strdup (text));
      ZbContribution *c;

      if (*stripped == '\0' || is_removed (row))
        continue;
      if (!zb_first_item_add_contribution_text (first, stripped))
        zb_first_item_add_contribution (first, stripped, NULL);
      c = g_ptr_array_index (contributions, contributions->len - 1);
      c->id = g_strdup (g_object_get_data (G_OBJECT (row), "contribution-id"));
      c->speaker_id = g_strdup (g_object_get_data (G_OBJECT (row), "link-id"));
    }

  return first;
}

void
zb_first_item_editor_set_editable (ZbFirstItemEditor *self,
                                   gboolean           editable)
{
  AdwEntryRow *rows[N_ROWS];

  self->editable = editable;
  field_rows (self, rows);
  for (guint i = 0; i < N_ROWS; i++)
    gtk_editable_set_editable (GTK_EDITABLE (rows[i]), editable);
  for (guint i = 0; i < self->contributions->len; i++)
    {
      GtkWidget *row = g_ptr_array_index (self->contributions, i);

      gtk_editable_set_editable (GTK_EDITABLE (row), editable);
      gtk_widget_set_visible (g_object_get_data (G_OBJECT (row), "remove-button"), editable);
      show_link (self, row);
    }
  show_link (self, GTK_WIDGET (self->leader_row));
  gtk_text_view_set_editable (self->proceedings_view, editable);
  gtk_widget_set_visible (self->add_contribution_button, editable);
}

static void
add_unfinished (GPtrArray  *list,
                GtkWidget  *widget,
                const char *title,
                const char *problem)
{
  ZbUnfinishedField *field;

  if (problem == NULL)
    return;

  field = g_new0 (ZbUnfinishedField, 1);
  field->widget = g_object_ref (widget);
  field->title = g_strdup (title);
  field->problem = g_strdup (problem);
  g_ptr_array_add (list, field);
}

/* Every field finalising would refuse, in the order they are shown: its
 * widget (to focus), its name, and what it lacks. */
GPtrArray *
zb_first_item_editor_list_unfinished (ZbFirstItemEditor *self)
{
  GPtrArray *list = g_ptr_array_new_with_free_func ((GDestroyNotify) zb_unfinished_field_free);
  AdwEntryRow *rows[N_ROWS];

  field_rows (self, rows);
  for (guint i = 0; i < N_ROWS; i++)
    add_unfinished (list, GTK_WIDGET (rows[i]),
                    adw_preferences_row_get_title (ADW_PREFERENCES_ROW (rows[i])),
                    row_problem (self, i, rows[i]));
  add_unfinished (list, GTK_WIDGET (self->proceedings_view), _("Account of the Proceedings"),
                  proceedings_problem (self));
  for (guint i = 0, n = 0; i < self->contributions->len; i++)
    {
      GtkWidget *row = g_ptr_array_index (self->contributions, i);
      g_autofree char *title = NULL;

      if (is_removed (row))
        continue;
      /* TRANSLATORS: names one contribution in the list of unfinished fields */
      title = g_strdup_printf (_("Contribution %u"), ++n);
      add_unfinished (list, row, title,
                      contribution_problem (gtk_editable_get_text (GTK_EDITABLE (row))));
    }

  return list;
}

static void
unfinished_activated_cb (AdwActionRow     *row,
                         AdwMessageDialog *dialog)
{
  GtkWidget *widget = g_object_get_data (G_OBJECT (row), "widget");

  gtk_window_destroy (GTK_WINDOW (dialog));
  gtk_widget_grab_focus (widget);
}

static GtkWidget *
unfinished_row (ZbUnfinishedField *field,
                GtkWidget         *dialog)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *icon = problem_icon ();

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), field->title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), field->problem);
  gtk_widget_set_visible (icon, TRUE);
  adw_action_row_add_prefix (ADW_ACTION_ROW (row), icon);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row),
                             gtk_image_new_from_icon_name ("go-next-symbolic"));
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
  g_object_set_data_full (G_OBJECT (row), "widget", g_object_ref (field->widget), g_object_unref);
  g_signal_connect_object (row, "activated", G_CALLBACK (unfinished_activated_cb), dialog, 0);
  return row;
}

/* Before 定稿: when a field is unfinished, a dialog lists each with what it
 * lacks, and a click on one goes to it. Gives the dialog, or NULL when the
 * first item is complete and finalising may go on. */
GtkWidget *
zb_first_item_editor_show_unfinished (ZbFirstItemEditor *self,
                                      GtkWindow         *parent)
{
  g_autoptr(GPtrArray) list = zb_first_item_editor_list_unfinished (self);
  GtkWidget *dialog, *box;

  if (list->len == 0)
    return NULL;

  dialog = adw_message_dialog_new (parent, _("The First Agenda Item Is Not Finished"),
                                   _("The minutes can be finalised once these fields are filled "
                                     "in. Click one to go to it."));
  /* Wide enough for a field's name and what it lacks on one or two lines;
   * the list is as long as it needs, a handful of fields at most. */
  gtk_widget_set_size_request (dialog, 520, -1);
  box = gtk_list_box_new ();
  gtk_list_box_set_selection_mode (GTK_LIST_BOX (box), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (box, "boxed-list");
  for (guint i = 0; i < list->len; i++)
    gtk_list_box_append (GTK_LIST_BOX (box),
                         unfinished_row (g_ptr_array_index (list, i), dialog));
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), box);
  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
  gtk_window_present (GTK_WINDOW (dialog));
  return dialog;
}

/* The @index-th contribution's row, removed ones included. */
GtkWidget *
zb_first_item_editor_get_contribution_row (ZbFirstItemEditor *self,
                                           guint              index)
{
  return index < self->contributions->len ? g_ptr_array_index (self->contributions, index) : NULL;
}

GtkWidget *
zb_first_item_editor_get_leader_row (ZbFirstItemEditor *self)
{
  return GTK_WIDGET (self->leader_row);
}

/* Where the leader and the speakers may be linked to the meeting's members
 * and guests; without it the names are only text. */
void
zb_first_item_editor_set_store (ZbFirstItemEditor *self,
                                ZbStore           *store,
                                const char        *meeting_id)
{
  g_set_object (&self->store, store);
  g_free (self->meeting_id);
  self->meeting_id = g_strdup (meeting_id);
  load_people (self);

  for (guint i = 0; i <= self->contributions->len; i++)
    {
      GtkWidget *row = i < self->contributions->len ? g_ptr_array_index (self->contributions, i)
                                                    : GTK_WIDGET (self->leader_row);
      GtkWidget *button = g_object_get_data (G_OBJECT (row), "link-button");

      fill_people (self, g_object_get_data (G_OBJECT (button), "people-list"));
      show_link (self, row);
    }
}
