#define G_LOG_DOMAIN "zb-first-item-editor"

#include "config.h"

#include <glib/gi18n.h>

#include "zb-first-item-editor.h"

/* The fields of DOMAIN.md section 3, each a row typed during the meeting.
 * The editor knows nothing of the database: the minutes editor reads it
 * when it saves. */
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
  GtkTextView         *proceedings_view;
  AdwPreferencesGroup *contributions_group;
  GtkWidget           *add_contribution_button;

  GPtrArray           *contributions;  /* of AdwEntryRow, in order */
};

G_DEFINE_FINAL_TYPE (ZbFirstItemEditor, zb_first_item_editor, GTK_TYPE_WIDGET)

enum {
  CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

typedef const char *(*Getter) (ZbFirstItem *);
typedef void (*Setter) (ZbFirstItem *, const char *);

static void
field_rows (ZbFirstItemEditor  *self,
            AdwEntryRow       **rows)
{
  rows[0] = self->topic_row;
  rows[1] = self->material_row;
  rows[2] = self->source_row;
  rows[3] = self->source_date_row;
  rows[4] = self->form_row;
  rows[5] = self->leader_row;
  rows[6] = self->participants_row;
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

static void
changed_cb (ZbFirstItemEditor *self)
{
  g_signal_emit (self, signals[CHANGED], 0);
}

GtkWidget *
zb_first_item_editor_add_contribution (ZbFirstItemEditor *self,
                                       const char        *text)
{
  GtkWidget *row = adw_entry_row_new ();

  /* TRANSLATORS: the title of a row holding one contribution to the discussion */
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("Speaker: summary"));
  g_signal_connect_object (row, "changed", G_CALLBACK (changed_cb), self, G_CONNECT_SWAPPED);
  gtk_editable_set_text (GTK_EDITABLE (row), text ? text : "");
  adw_preferences_group_add (self->contributions_group, row);
  g_ptr_array_add (self->contributions, row);
  return row;
}

static void
add_contribution_clicked_cb (ZbFirstItemEditor *self)
{
  gtk_widget_grab_focus (zb_first_item_editor_add_contribution (self, NULL));
}

static char *
text_view_text (GtkTextView *view)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (view);
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  return gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
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
  gtk_widget_class_bind_template_child (widget_class, ZbFirstItemEditor, proceedings_view);
  gtk_widget_class_bind_template_child (widget_class, ZbFirstItemEditor, contributions_group);
  gtk_widget_class_bind_template_child (widget_class, ZbFirstItemEditor,
                                        add_contribution_button);
}

static void
zb_first_item_editor_init (ZbFirstItemEditor *self)
{
  AdwEntryRow *rows[G_N_ELEMENTS (getters)];

  gtk_widget_init_template (GTK_WIDGET (self));
  self->contributions = g_ptr_array_new ();

  field_rows (self, rows);
  for (guint i = 0; i < G_N_ELEMENTS (rows); i++)
    g_signal_connect_object (rows[i], "changed", G_CALLBACK (changed_cb), self,
                             G_CONNECT_SWAPPED);
  g_signal_connect_object (gtk_text_view_get_buffer (self->proceedings_view), "changed",
                           G_CALLBACK (changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->add_contribution_button, "clicked",
                           G_CALLBACK (add_contribution_clicked_cb), self, G_CONNECT_SWAPPED);
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
  AdwEntryRow *rows[G_N_ELEMENTS (getters)];
  GPtrArray *contributions = zb_first_item_get_contributions (first);
  const char *proceedings = zb_first_item_get_proceedings (first);

  field_rows (self, rows);
  for (guint i = 0; i < G_N_ELEMENTS (rows); i++)
    gtk_editable_set_text (GTK_EDITABLE (rows[i]), getters[i] (first) ?: "");
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (self->proceedings_view),
                            proceedings ? proceedings : "", -1);
  for (guint i = 0; i < contributions->len; i++)
    {
      ZbContribution *c = g_ptr_array_index (contributions, i);
      /* TRANSLATORS: a contribution as the user types it: speaker, colon, summary */
      g_autofree char *text = g_strdup_printf (_("%s: %s"), c->speaker, c->summary);

      zb_first_item_editor_add_contribution (self, text);
    }
}

/* What the rows hold now, as a first item: empty rows are left out, and a
 * contribution without its colon counts as a speaker with no summary yet,
 * which the check before finalising then names. */
ZbFirstItem *
zb_first_item_editor_read (ZbFirstItemEditor *self)
{
  ZbFirstItem *first = zb_first_item_new ();
  AdwEntryRow *rows[G_N_ELEMENTS (getters)];
  g_autofree char *proceedings = text_view_text (self->proceedings_view);

  field_rows (self, rows);
  for (guint i = 0; i < G_N_ELEMENTS (rows); i++)
    setters[i] (first, gtk_editable_get_text (GTK_EDITABLE (rows[i])));
  zb_first_item_set_proceedings (first, proceedings);

  for (guint i = 0; i < self->contributions->len; i++)
    {
      const char *text = gtk_editable_get_text (g_ptr_array_index (self->contributions, i));
      g_autofree char *stripped = g_strstrip (g_strdup (text));

      if (*stripped != '\0' && !zb_first_item_add_contribution_text (first, stripped))
        zb_first_item_add_contribution (first, stripped, NULL);
    }

  return first;
}

void
zb_first_item_editor_set_editable (ZbFirstItemEditor *self,
                                   gboolean           editable)
{
  AdwEntryRow *rows[G_N_ELEMENTS (getters)];

  field_rows (self, rows);
  for (guint i = 0; i < G_N_ELEMENTS (rows); i++)
    gtk_editable_set_editable (GTK_EDITABLE (rows[i]), editable);
  for (guint i = 0; i < self->contributions->len; i++)
    gtk_editable_set_editable (g_ptr_array_index (self->contributions, i), editable);
  gtk_text_view_set_editable (self->proceedings_view, editable);
  gtk_widget_set_visible (self->add_contribution_button, editable);
}
