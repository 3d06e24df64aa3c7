#define G_LOG_DOMAIN "zb-roster-view"

#include "config.h"

#include <math.h>

#include <glib/gi18n.h>

#include "zb-date.h"
#include "zb-roster-view.h"
#include "zb-slice-model.h"

struct _ZbRosterView
{
  GtkWidget       parent_instance;

  GtkStack       *stack;
  GtkColumnView  *column_view;
  GtkScrollbar   *scrollbar;
  GtkAdjustment  *adjustment;   /* in rows: its value is the first row in sight */

  ZbContext      *context;
  ZbRosterModel  *model;
  /* The rows in sight, all the column view is given (see the comment above
   * rows_in_sight()). */
  ZbSliceModel   *rows;
  double          row_height;   /* learnt from the column view; 0 until then */
  double          scroll_rest;  /* a touchpad's part of a row, kept for its next event */
  guint           resize_source;
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

  gtk_adjustment_set_value (self->adjustment, 0);
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

/* GTK 4.8's column view makes 200 rows of cells whatever its height, which
 * cost more than all the rest of the roster's first frame and of the app's
 * start. It is given the rows in sight alone, a slice of the roster as tall
 * as the view, and the scrollbar beside it moves the slice: a wheel, a
 * touchpad, the keyboard at the slice's edges and the scrollbar's own drag
 * all set the adjustment, counted in rows. The row height is learnt from the
 * column view once it has laid rows out; until then the window's height
 * over a small row's gives more rows than are seen, never fewer. */
#define SMALLEST_ROW_HEIGHT 24

static guint
rows_in_sight (ZbRosterView *self)
{
  GtkAdjustment *list = gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (self->column_view));
  double height = gtk_adjustment_get_page_size (list);
  GtkWidget *root = GTK_WIDGET (gtk_widget_get_root (GTK_WIDGET (self)));

  if (self->row_height > 0 && height > 0)
    return (guint) ceil (height / self->row_height) + 1;
  height = root != NULL ? gtk_widget_get_height (root) : 0;
  return (guint) MAX (height, 720) / SMALLEST_ROW_HEIGHT + 1;
}

/* The slice follows the adjustment: its value is the first row in sight. */
static void
scrolled_cb (ZbRosterView *self)
{
  if (self->rows != NULL)
    zb_slice_model_set_offset (self->rows,
                               (guint) round (gtk_adjustment_get_value (self->adjustment)));
}

static void
update_scrolling (ZbRosterView *self)
{
  guint n = self->model ? g_list_model_get_n_items (G_LIST_MODEL (self->model)) : 0;
  guint rows = rows_in_sight (self);
  /* The last row in sight may show in part. */
  double page = MIN (MAX (rows, 2) - 1, n);
  double value = CLAMP (gtk_adjustment_get_value (self->adjustment), 0, n - page);

  /* The size before the offset: a view grown at the end of the roster also
   * moves its first row up, and a row kept through both steps, the selected
   * one among them, must stay the same row. */
  if (self->rows != NULL)
    zb_slice_model_set_size (self->rows, rows);
  gtk_adjustment_configure (self->adjustment, value, 0, n, 1, MAX (page - 1, 1), page);
  gtk_widget_set_visible (GTK_WIDGET (self->scrollbar), n > page);
  scrolled_cb (self);
}

static void
scroll_by (ZbRosterView *self,
           double        rows)
{
  gtk_adjustment_set_value (self->adjustment, gtk_adjustment_get_value (self->adjustment) + rows);
}

static gboolean
resize_cb (gpointer user_data)
{
  ZbRosterView *self = user_data;

  self->resize_source = 0;
  update_scrolling (self);
  return G_SOURCE_REMOVE;
}

/* The column view has laid out its rows, or the view's height changed: the
 * slice grows or shrinks to the rows in sight, after this layout. */
static void
list_laid_out_cb (ZbRosterView  *self,
                  GtkAdjustment *list)
{
  guint n = self->rows ? g_list_model_get_n_items (G_LIST_MODEL (self->rows)) : 0;

  /* Only rows taller than the view tell their height: a list shorter than
   * its view (a window made taller) gives the view's height as its own. */
  if (n > 0 && gtk_adjustment_get_upper (list) > gtk_adjustment_get_page_size (list))
    self->row_height = gtk_adjustment_get_upper (list) / n;
  if (self->rows != NULL && self->resize_source == 0 &&
      rows_in_sight (self) != zb_slice_model_get_size (self->rows))
    self->resize_source = g_idle_add (resize_cb, self);
}

/* A wheel's click moves three rows, as GTK's lists do; a touchpad moves
 * its pixels' worth. */
static gboolean
scroll_cb (ZbRosterView             *self,
           double                    dx,
           double                    dy,
           GtkEventControllerScroll *controller)
{
  double rows;

  if (dy == 0)
    return FALSE;
  if (gtk_event_controller_scroll_get_unit (controller) == GDK_SCROLL_UNIT_WHEEL)
    rows = dy * 3;
  else
    rows = self->scroll_rest + dy / (self->row_height > 0 ? self->row_height : 32);
  self->scroll_rest = rows - trunc (rows);
  scroll_by (self, trunc (rows));
  return TRUE;
}

/* The row at @position of the slice takes the selection and the focus, as
 * the column view's own keys would give them: its rows are the list's
 * children, in order. */
static void
focus_row (ZbRosterView *self,
           guint         position)
{
  GtkSelectionModel *selection = gtk_column_view_get_model (self->column_view);
  GtkWidget *list = gtk_widget_get_last_child (GTK_WIDGET (self->column_view));
  GtkWidget *row = gtk_widget_get_first_child (list);

  gtk_single_selection_set_selected (GTK_SINGLE_SELECTION (selection), position);
  for (guint i = 0; row != NULL && i < position; i++)
    row = gtk_widget_get_next_sibling (row);
  if (row != NULL)
    gtk_widget_grab_focus (row);
}

/* Moves to the row @row of the roster, @first_in_sight first in sight. */
static void
jump_to (ZbRosterView *self,
         double        row,
         double        first_in_sight)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->model));

  if (n == 0)
    return;
  row = CLAMP (row, 0, n - 1);
  gtk_adjustment_set_value (self->adjustment, first_in_sight);
  focus_row (self, (guint) row - zb_slice_model_get_offset (self->rows));
}

/* The column view moves the focus, and the selection with it, within the
 * rows it has. At their edges the slice moves one row first, and the column
 * view then moves the focus onto the row that came into sight; a page, the
 * first and the last row are the slice's moves. */
static gboolean
key_pressed_cb (ZbRosterView          *self,
                guint                  keyval,
                guint                  keycode,
                GdkModifierType        state,
                GtkEventControllerKey *controller)
{
  GtkSelectionModel *selection = gtk_column_view_get_model (self->column_view);
  guint focused = gtk_single_selection_get_selected (GTK_SINGLE_SELECTION (selection));
  double page = gtk_adjustment_get_page_size (self->adjustment);
  double first = gtk_adjustment_get_value (self->adjustment);
  double row = first + (focused != GTK_INVALID_LIST_POSITION ? focused : 0);

  if (self->rows == NULL || (state & (GDK_SHIFT_MASK | GDK_CONTROL_MASK | GDK_ALT_MASK)) != 0)
    return FALSE;

  switch (keyval)
    {
    case GDK_KEY_Down:
    case GDK_KEY_KP_Down:
      if (focused != GTK_INVALID_LIST_POSITION && focused + 2 >= page)
        scroll_by (self, 1);
      return FALSE;
    case GDK_KEY_Up:
    case GDK_KEY_KP_Up:
      if (focused == 0)
        scroll_by (self, -1);
      return FALSE;
    case GDK_KEY_Page_Down:
    case GDK_KEY_KP_Page_Down:
      jump_to (self, row + page - 1, first + page - 1);
      return TRUE;
    case GDK_KEY_Page_Up:
    case GDK_KEY_KP_Page_Up:
      jump_to (self, row - page + 1, first - page + 1);
      return TRUE;
    case GDK_KEY_Home:
    case GDK_KEY_KP_Home:
      jump_to (self, 0, 0);
      return TRUE;
    case GDK_KEY_End:
    case GDK_KEY_KP_End:
      jump_to (self, G_MAXUINT, G_MAXUINT);
      return TRUE;
    default:
      return FALSE;
    }
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

  if (self->rows == NULL)
    return;

  member = g_list_model_get_item (G_LIST_MODEL (self->rows), position);
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

  g_clear_handle_id (&self->resize_source, g_source_remove);
  gtk_widget_dispose_template (GTK_WIDGET (self), ZB_TYPE_ROSTER_VIEW);
  g_clear_object (&self->rows);
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
  gtk_widget_class_bind_template_child (widget_class, ZbRosterView, scrollbar);
  gtk_widget_class_bind_template_child (widget_class, ZbRosterView, adjustment);
  gtk_widget_class_bind_template_callback (widget_class, row_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, scrolled_cb);
}

static void
zb_roster_view_init (ZbRosterView *self)
{
  GtkEventController *scroll, *keys;

  gtk_widget_init_template (GTK_WIDGET (self));

  self->probe_a = zb_member_new ();
  self->probe_b = zb_member_new ();
  g_object_set_data (G_OBJECT (self->probe_a), "zb-roster-view", self);

  for (guint i = 0; i < G_N_ELEMENTS (columns); i++)
    add_column (self, columns[i]);

  /* Before the scrolled window, which would move the rows it has. */
  scroll = gtk_event_controller_scroll_new (GTK_EVENT_CONTROLLER_SCROLL_VERTICAL);
  gtk_event_controller_set_propagation_phase (scroll, GTK_PHASE_CAPTURE);
  g_signal_connect_swapped (scroll, "scroll", G_CALLBACK (scroll_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), scroll);
  keys = gtk_event_controller_key_new ();
  gtk_event_controller_set_propagation_phase (keys, GTK_PHASE_CAPTURE);
  g_signal_connect_swapped (keys, "key-pressed", G_CALLBACK (key_pressed_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), keys);
  g_signal_connect_object (gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (self->column_view)),
                           "changed", G_CALLBACK (list_laid_out_cb), self, G_CONNECT_SWAPPED);

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
  g_clear_object (&self->rows);
  self->model = zb_roster_model_new (zb_context_get_store (context));
  self->rows = zb_slice_model_new (g_object_ref (G_LIST_MODEL (self->model)), 0,
                                  rows_in_sight (self));

  selection = gtk_single_selection_new (g_object_ref (G_LIST_MODEL (self->rows)));
  gtk_single_selection_set_autoselect (selection, FALSE);
  gtk_column_view_set_model (self->column_view, GTK_SELECTION_MODEL (selection));
  g_signal_connect_object (self->model, "items-changed", G_CALLBACK (update_scrolling), self,
                           G_CONNECT_SWAPPED);
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
  gtk_adjustment_set_value (self->adjustment, 0);
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

/* The roster's scrolling, counted in rows: its value is the first row in
 * sight. */
GtkAdjustment *
zb_roster_view_get_vadjustment (ZbRosterView *self)
{
  return self->adjustment;
}
