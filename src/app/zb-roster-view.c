#define G_LOG_DOMAIN "zb-roster-view"

#include "config.h"

#include <glib/gi18n.h>

#include "zb-date.h"
#include "zb-roster-view.h"

struct _ZbRosterView
{
  GtkWidget       parent_instance;

  GtkStack       *stack;
  GtkColumnView  *column_view;

  ZbContext      *context;
  ZbRosterModel  *model;
  gboolean        searching;

  /* Set by the column sorters while the view's sorter is probed. */
  int             probed_field;
  ZbMember       *probe_a;
  ZbMember       *probe_b;
};

G_DEFINE_FINAL_TYPE (ZbRosterView, zb_roster_view, GTK_TYPE_WIDGET)

enum {
  MEMBER_ACTIVATED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static const ZbMemberField columns[] = {
  ZB_MEMBER_FIELD_NAME, ZB_MEMBER_FIELD_SEX, ZB_MEMBER_FIELD_BIRTH_DATE,
  ZB_MEMBER_FIELD_CATEGORY, ZB_MEMBER_FIELD_JOINED_DATE, ZB_MEMBER_FIELD_FULL_DATE,
  ZB_MEMBER_FIELD_PARTY_GROUP, ZB_MEMBER_FIELD_POST, ZB_MEMBER_FIELD_ID_NUMBER,
  ZB_MEMBER_FIELD_PHONE,
};

/* In average character widths; a Chinese character takes about two. */
static int
text_width_chars (const char *text)
{
  int width = 0;

  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    width += g_unichar_iswide (g_utf8_get_char (p)) ? 2 : 1;
  return width;
}

/* The widest day as the language writes it (2026年12月28日 is longer than
 * 2026-12-28). */
static int
date_width_chars (void)
{
  g_autofree char *widest = zb_date_format_day ("2026-12-28");

  return text_width_chars (widest);
}

/* The widest of a field's values as the language names them ("Probationary
 * member" is longer than 预备党员), and at least @least. */
static int
enum_width_chars (ZbMemberField field,
                  int           least)
{
  const char * const *values = zb_member_enum_values (field);
  int width = least;

  for (guint i = 0; values[i] != NULL; i++)
    width = MAX (width, text_width_chars (zb_member_enum_label (field, values[i])));
  return width;
}

/* An inscription's width does not follow its text as a label's did: each
 * column is as wide as what it holds at its widest, where that is known. */
static int
cell_width_chars (ZbMemberField field)
{
  switch (field)
    {
    case ZB_MEMBER_FIELD_NAME:
      return 8;
    case ZB_MEMBER_FIELD_SEX:
      return enum_width_chars (field, 6);
    case ZB_MEMBER_FIELD_BIRTH_DATE:
    case ZB_MEMBER_FIELD_JOINED_DATE:
    case ZB_MEMBER_FIELD_FULL_DATE:
      return date_width_chars ();
    case ZB_MEMBER_FIELD_CATEGORY:
      return enum_width_chars (field, 12);
    case ZB_MEMBER_FIELD_ID_NUMBER:
      return 18;
    case ZB_MEMBER_FIELD_PHONE:
      return 11;
    default:
      return 10;
    }
}

/* A GtkInscription, not a GtkLabel: GTK 4.8's column view makes its 200 rows
 * of cells whatever the window's height, and an inscription takes its size
 * from its character counts instead of shaping its text, which it lays out
 * only when drawn, for the rows in sight. Screen readers read it as a label
 * (role label, named by its text). */
static void
setup_cell_cb (GtkSignalListItemFactory *factory,
               GtkListItem              *item,
               gpointer                  user_data)
{
  GtkWidget *cell = gtk_inscription_new (NULL);
  /* Each column keeps room for what it holds, and a narrow window scrolls
   * sideways instead of cutting the ID number and phone off. */
  int chars = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (factory), "zb-width-chars"));

  gtk_inscription_set_min_chars (GTK_INSCRIPTION (cell), chars);
  gtk_inscription_set_nat_chars (GTK_INSCRIPTION (cell), chars);
  gtk_inscription_set_text_overflow (GTK_INSCRIPTION (cell),
                                     GTK_INSCRIPTION_OVERFLOW_ELLIPSIZE_END);
  gtk_list_item_set_child (item, cell);
}

/* Lists mask ID numbers and phones (DOMAIN.md section 6), and show days as
 * the language writes them; exports keep the ISO form. */
static void
bind_cell_cb (GtkSignalListItemFactory *factory,
              GtkListItem              *item,
              gpointer                  user_data)
{
  ZbMemberField field = GPOINTER_TO_UINT (user_data);
  ZbMember *member = gtk_list_item_get_item (item);
  const ZbFieldInfo *info = zb_member_field_info (field);
  g_autofree char *text = info->kind == ZB_FIELD_KIND_DATE && !info->sensitive
                          ? zb_date_format_day (zb_member_get (member, field))
                          : zb_member_dup_display (member, field, FALSE);

  gtk_inscription_set_text (GTK_INSCRIPTION (gtk_list_item_get_child (item)), text);
}

/* GTK 4.8 does not say which header was clicked. Each column's sorter
 * records its field when called and answers "smaller"; comparing two probes
 * with the view's sorter then calls the primary column first, and the sign
 * of the answer gives the direction. The rows are sorted by SQL. */
static int
probe_compare (gconstpointer a,
               gconstpointer b,
               gpointer      user_data)
{
  ZbRosterView *self = g_object_get_data (G_OBJECT (a), "zb-roster-view");
  int field = GPOINTER_TO_INT (user_data);

  if (self != NULL && self->probed_field < 0)
    self->probed_field = field;

  return GTK_ORDERING_SMALLER;
}

static void
sorter_changed_cb (ZbRosterView *self)
{
  GtkSorter *sorter;
  GtkOrdering order;
  const char *key;

  /* Disposing the view removes its columns, which changes the sorter. */
  if (self->column_view == NULL)
    return;

  sorter = gtk_column_view_get_sorter (self->column_view);
  self->probed_field = -1;
  order = gtk_sorter_compare (sorter, self->probe_a, self->probe_b);
  if (self->probed_field < 0 || self->model == NULL)
    return;

  zb_roster_model_set_sort (self->model, self->probed_field, order == GTK_ORDERING_SMALLER);
  if (self->context == NULL)
    return;

  key = zb_member_field_info (self->probed_field)->key;
  g_settings_set_string (zb_context_get_settings (self->context), "roster-sort-column", key);
  g_settings_set_boolean (zb_context_get_settings (self->context), "roster-sort-ascending",
                          order == GTK_ORDERING_SMALLER);
}

static void
add_column (ZbRosterView  *self,
            ZbMemberField  field)
{
  g_autoptr(GtkListItemFactory) factory = gtk_signal_list_item_factory_new ();
  g_autoptr(GtkColumnViewColumn) column = NULL;
  g_autoptr(GtkSorter) sorter = NULL;

  /* Once a column, not once a cell. */
  g_object_set_data (G_OBJECT (factory), "zb-width-chars",
                     GINT_TO_POINTER (cell_width_chars (field)));
  g_signal_connect (factory, "setup", G_CALLBACK (setup_cell_cb), NULL);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_cell_cb), GUINT_TO_POINTER (field));

  column = gtk_column_view_column_new (_(zb_member_field_info (field)->label),
                                       g_object_ref (factory));
  sorter = GTK_SORTER (gtk_custom_sorter_new (probe_compare, GINT_TO_POINTER (field), NULL));
  gtk_column_view_column_set_sorter (column, sorter);
  gtk_column_view_column_set_resizable (column, TRUE);
  gtk_column_view_column_set_expand (column, field == ZB_MEMBER_FIELD_POST ||
                                             field == ZB_MEMBER_FIELD_PARTY_GROUP);
  gtk_column_view_append_column (self->column_view, column);
}

static GtkColumnViewColumn *
find_column (ZbRosterView  *self,
             ZbMemberField  field)
{
  GListModel *list = gtk_column_view_get_columns (self->column_view);

  for (guint i = 0; i < G_N_ELEMENTS (columns); i++)
    if (columns[i] == field)
      {
        g_autoptr(GtkColumnViewColumn) column = g_list_model_get_item (list, i);
        return column;
      }

  return NULL;
}

static void
update_page (ZbRosterView *self)
{
  guint n = self->model ? g_list_model_get_n_items (G_LIST_MODEL (self->model)) : 0;

  if (n > 0)
    gtk_stack_set_visible_child_name (self->stack, "list");
  else
    gtk_stack_set_visible_child_name (self->stack, self->searching ? "no-results" : "empty");
}

static void
row_activated_cb (ZbRosterView *self,
                  guint         position)
{
  g_autoptr(ZbMember) member = NULL;

  if (self->model == NULL)
    return;

  member = g_list_model_get_item (G_LIST_MODEL (self->model), position);
  if (member != NULL)
    g_signal_emit (self, signals[MEMBER_ACTIVATED], 0, member);
}

static void
restore_sort (ZbRosterView *self)
{
  GSettings *settings = zb_context_get_settings (self->context);
  g_autofree char *key = g_settings_get_string (settings, "roster-sort-column");
  gboolean ascending = g_settings_get_boolean (settings, "roster-sort-ascending");
  const ZbFieldInfo *info = zb_member_field_lookup (key);
  GtkColumnViewColumn *column = info ? find_column (self, info->field) : NULL;

  if (column == NULL)
    column = find_column (self, ZB_MEMBER_FIELD_NAME);

  gtk_column_view_sort_by_column (self->column_view, column,
                                  ascending ? GTK_SORT_ASCENDING : GTK_SORT_DESCENDING);
}

static void
zb_roster_view_dispose (GObject *object)
{
  ZbRosterView *self = (ZbRosterView *)object;

  gtk_widget_dispose_template (GTK_WIDGET (self), ZB_TYPE_ROSTER_VIEW);
  g_clear_object (&self->model);
  g_clear_object (&self->context);
  g_clear_object (&self->probe_a);
  g_clear_object (&self->probe_b);

  G_OBJECT_CLASS (zb_roster_view_parent_class)->dispose (object);
}

static void
zb_roster_view_class_init (ZbRosterViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = zb_roster_view_dispose;

  signals[MEMBER_ACTIVATED] =
    g_signal_new ("member-activated", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL,
                  NULL, NULL, G_TYPE_NONE, 1, ZB_TYPE_MEMBER);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/zhibu/Zhibu/ui/zb-roster-view.ui");
  gtk_widget_class_bind_template_child (widget_class, ZbRosterView, stack);
  gtk_widget_class_bind_template_child (widget_class, ZbRosterView, column_view);
  gtk_widget_class_bind_template_callback (widget_class, row_activated_cb);
}

static void
zb_roster_view_init (ZbRosterView *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->probe_a = zb_member_new ();
  self->probe_b = zb_member_new ();
  g_object_set_data (G_OBJECT (self->probe_a), "zb-roster-view", self);

  for (guint i = 0; i < G_N_ELEMENTS (columns); i++)
    add_column (self, columns[i]);

  g_signal_connect_object (gtk_column_view_get_sorter (self->column_view), "changed",
                           G_CALLBACK (sorter_changed_cb), self, G_CONNECT_SWAPPED);
}

/* The model reads pages on the main thread's read-only connection: small
 * queries, while the worker writes through the other (DESIGN.md, Storage). */
void
zb_roster_view_set_context (ZbRosterView *self,
                            ZbContext    *context)
{
  g_autoptr(GtkSingleSelection) selection = NULL;

  g_set_object (&self->context, context);
  g_clear_object (&self->model);
  self->model = zb_roster_model_new (zb_context_get_store (context));

  selection = gtk_single_selection_new (g_object_ref (G_LIST_MODEL (self->model)));
  gtk_single_selection_set_autoselect (selection, FALSE);
  gtk_column_view_set_model (self->column_view, GTK_SELECTION_MODEL (selection));
  g_signal_connect_object (self->model, "items-changed", G_CALLBACK (update_page), self,
                           G_CONNECT_SWAPPED);

  restore_sort (self);
  zb_roster_view_reload (self);
}

void
zb_roster_view_set_search (ZbRosterView *self,
                           const char   *text)
{
  self->searching = text != NULL && *text != '\0';
  if (self->model != NULL)
    zb_roster_model_set_search (self->model, text);
  update_page (self);
}

void
zb_roster_view_reload (ZbRosterView *self)
{
  g_autoptr(GError) error = NULL;

  if (self->model != NULL && !zb_roster_model_reload (self->model, &error))
    g_warning ("Could not read the roster: %s", error->message);
  update_page (self);
}

ZbRosterModel *
zb_roster_view_get_model (ZbRosterView *self)
{
  return self->model;
}

GtkColumnView *
zb_roster_view_get_column_view (ZbRosterView *self)
{
  return self->column_view;
}
