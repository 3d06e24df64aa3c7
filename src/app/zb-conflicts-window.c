#define G_LOG_DOMAIN "zb-conflicts-window"

#include "config.h"

#include <glib/gi18n.h>

#include "zb-conflict.h"
#include "zb-conflicts-window.h"
#include "zb-store-sync.h"

/* A conflict is closed by a person, never by a clock (DESIGN.md, Sync):
 * the two values stand side by side, each with the button that keeps it.
 * The choice is an ordinary local change, sent with the next round. */
struct _ZbConflictsWindow
{
  AdwWindow           parent_instance;

  AdwToastOverlay    *toast_overlay;
  GtkStack           *stack;
  AdwPreferencesPage *page;

  ZbStore            *store;
  GCancellable       *cancellable;
  GHashTable         *groups;   /* conflict ID → its group on the page */
};

G_DEFINE_FINAL_TYPE (ZbConflictsWindow, zb_conflicts_window, ADW_TYPE_WINDOW)

enum {
  RESOLVED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static const char *
table_label (const char *table)
{
  if (g_str_equal (table, "members"))
    return _("Member");
  if (g_str_equal (table, "meetings"))
    return _("Meeting");
  if (g_str_equal (table, "measures"))
    return _("Implementation measure");
  return _("Record");
}

/* The member's name or the meeting's title, so that the secretary knows
 * which record it is; the ID where the record is not at hand. */
static char *
record_name (ZbConflictsWindow *self,
             ZbConflict        *conflict)
{
  const char *table = zb_conflict_get_table_name (conflict);
  const char *row = zb_conflict_get_row_id (conflict);

  if (g_str_equal (table, "members"))
    {
      g_autoptr(ZbMember) member = zb_store_get_member (self->store, row, NULL);

      if (member != NULL)
        return g_strdup (zb_member_get (member, ZB_MEMBER_FIELD_NAME));
    }
  if (g_str_equal (table, "meetings"))
    {
      g_autoptr(ZbMeeting) meeting = zb_store_get_meeting (self->store, row, NULL);

      if (meeting != NULL)
        return g_strdup (zb_meeting_get_title (meeting));
    }
  return g_strdup (row);
}

static const char *
column_label (ZbConflict *conflict)
{
  const ZbFieldInfo *field = NULL;

  if (g_str_equal (zb_conflict_get_table_name (conflict), "members"))
    field = zb_member_field_lookup (zb_conflict_get_column (conflict));
  return field ? _(field->label) : zb_conflict_get_column (conflict);
}

typedef struct
{
  char          *id;
  ZbConflictPick pick;
  char          *value;   /* a merged value, for ZB_CONFLICT_PICK_VALUE */
} PickJob;

static void
pick_job_free (PickJob *job)
{
  g_free (job->id);
  g_free (job->value);
  g_free (job);
}

static gboolean
pick_call (ZbStore  *store,
           gpointer  data,
           GError  **error)
{
  PickJob *job = data;

  return zb_store_resolve_conflict (store, job->id, job->pick, job->value, error);
}

static void
picked_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(ZbConflictsWindow) self = user_data;
  g_autoptr(GError) error = NULL;
  PickJob *job = zb_store_call_get_data (result);
  AdwPreferencesGroup *group;

  if (!zb_store_call_finish (ZB_STORE (object), result, &error))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (error->message));
      return;
    }

  group = g_hash_table_lookup (self->groups, job->id);
  if (group != NULL)
    adw_preferences_page_remove (self->page, group);
  g_hash_table_remove (self->groups, job->id);
  if (g_hash_table_size (self->groups) == 0)
    gtk_stack_set_visible_child_name (self->stack, "none");
  g_signal_emit (self, signals[RESOLVED], 0);
}

static void
resolve (ZbConflictsWindow *self,
         const char        *conflict_id,
         ZbConflictPick     pick,
         const char        *value)
{
  PickJob *job = g_new0 (PickJob, 1);

  job->id = g_strdup (conflict_id);
  job->pick = pick;
  job->value = g_strdup (value);
  zb_store_call_async (self->store, pick_call, job, (GDestroyNotify) pick_job_free,
                       self->cancellable, picked_cb, g_object_ref (self));
}

void
zb_conflicts_window_pick (ZbConflictsWindow *self,
                          const char        *conflict_id,
                          gboolean           kept)
{
  resolve (self, conflict_id, kept ? ZB_CONFLICT_PICK_KEPT : ZB_CONFLICT_PICK_PUSHED, NULL);
}

/* Neither side, but what a person writes from both. */
void
zb_conflicts_window_merge (ZbConflictsWindow *self,
                           const char        *conflict_id,
                           const char        *value)
{
  resolve (self, conflict_id, ZB_CONFLICT_PICK_VALUE, value);
}

static void
merge_applied_cb (AdwEntryRow       *row,
                  ZbConflictsWindow *self)
{
  zb_conflicts_window_merge (self, g_object_get_data (G_OBJECT (row), "conflict-id"),
                             gtk_editable_get_text (GTK_EDITABLE (row)));
}

static void
keep_clicked_cb (GtkButton         *button,
                 ZbConflictsWindow *self)
{
  zb_conflicts_window_pick (self, g_object_get_data (G_OBJECT (button), "conflict-id"),
                            GPOINTER_TO_INT (g_object_get_data (G_OBJECT (button), "kept")));
}

static void
card_label (GtkWidget *label)
{
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_widget_set_margin_start (label, 12);
  gtk_widget_set_margin_end (label, 12);
}

/* One side: the value, where it comes from, and the button that keeps it. */
static GtkWidget *
side_card (ZbConflictsWindow *self,
           ZbConflict        *conflict,
           gboolean           kept)
{
  g_autofree char *value = zb_conflict_value_to_text (kept ? zb_conflict_get_kept_value (conflict)
                                                           : zb_conflict_get_pushed_value (conflict));
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  const char *device = kept ? zb_conflict_get_kept_device (conflict)
                            : zb_conflict_get_pushed_device (conflict);
  gboolean mine = g_strcmp0 (device, zb_store_get_device_id (self->store)) == 0;
  GtkWidget *heading = gtk_label_new (kept ? (mine ? _("This PC's, kept on the server for now")
                                                   : _("Another PC's, kept on the server for now"))
                                           : (mine ? _("This PC's") : _("Another PC's")));
  GtkWidget *text = gtk_label_new (value && *value ? value : _("(empty)"));
  GtkWidget *button = gtk_button_new_with_mnemonic (_("_Keep This"));

  gtk_widget_add_css_class (box, "card");
  gtk_widget_set_hexpand (box, TRUE);
  card_label (heading);
  card_label (text);
  gtk_widget_set_margin_top (heading, 12);
  gtk_widget_add_css_class (heading, "dim-label");
  gtk_widget_add_css_class (text, "title-4");
  gtk_widget_set_margin_start (button, 12);
  gtk_widget_set_margin_end (button, 12);
  gtk_widget_set_margin_bottom (button, 12);
  gtk_widget_set_halign (button, GTK_ALIGN_START);
  g_object_set_data_full (G_OBJECT (button), "conflict-id",
                          g_strdup (zb_conflict_get_id (conflict)), g_free);
  g_object_set_data (G_OBJECT (button), "kept", GINT_TO_POINTER (kept));
  g_signal_connect_object (button, "clicked", G_CALLBACK (keep_clicked_cb), self, 0);

  gtk_box_append (GTK_BOX (box), heading);
  gtk_box_append (GTK_BOX (box), text);
  gtk_box_append (GTK_BOX (box), button);
  return box;
}

/* Under the two sides, a row to write the right value instead. */
static GtkWidget *
merge_row (ZbConflictsWindow *self,
           ZbConflict        *conflict)
{
  GtkWidget *list = gtk_list_box_new ();
  GtkWidget *row = adw_entry_row_new ();

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("Or write the right value"));
  adw_entry_row_set_show_apply_button (ADW_ENTRY_ROW (row), TRUE);
  g_object_set_data_full (G_OBJECT (row), "conflict-id",
                          g_strdup (zb_conflict_get_id (conflict)), g_free);
  g_signal_connect_object (row, "apply", G_CALLBACK (merge_applied_cb), self, 0);
  gtk_list_box_set_selection_mode (GTK_LIST_BOX (list), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (list, "boxed-list");
  gtk_widget_set_margin_top (list, 12);
  gtk_list_box_append (GTK_LIST_BOX (list), row);
  return list;
}

static void
add_conflict (ZbConflictsWindow *self,
              ZbConflict        *conflict)
{
  AdwPreferencesGroup *group = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());
  GtkWidget *sides = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  g_autofree char *name = record_name (self, conflict);
  /* TRANSLATORS: a record's kind, its name, then the field two PCs changed */
  g_autofree char *title = g_strdup_printf (_("%s %s: %s"),
                                            table_label (zb_conflict_get_table_name (conflict)),
                                            name, column_label (conflict));

  gtk_box_set_homogeneous (GTK_BOX (sides), TRUE);
  gtk_box_append (GTK_BOX (sides), side_card (self, conflict, TRUE));
  gtk_box_append (GTK_BOX (sides), side_card (self, conflict, FALSE));
  adw_preferences_group_set_title (group, title);
  adw_preferences_group_add (group, sides);
  adw_preferences_group_add (group, merge_row (self, conflict));
  adw_preferences_page_add (self->page, group);
  g_hash_table_insert (self->groups, g_strdup (zb_conflict_get_id (conflict)), group);
}

static void
load (ZbConflictsWindow *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) conflicts = zb_store_list_conflicts (self->store, FALSE, &error);

  for (guint i = 0; conflicts && i < g_list_model_get_n_items (conflicts); i++)
    {
      g_autoptr(ZbConflict) conflict = g_list_model_get_item (conflicts, i);

      if (g_strcmp0 (zb_conflict_get_state (conflict), "open") == 0)
        add_conflict (self, conflict);
    }
  if (error != NULL)
    adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (error->message));
  gtk_stack_set_visible_child_name (self->stack,
                                    g_hash_table_size (self->groups) ? "list" : "none");
}

static void
zb_conflicts_window_dispose (GObject *object)
{
  ZbConflictsWindow *self = (ZbConflictsWindow *)object;

  g_cancellable_cancel (self->cancellable);
  gtk_widget_dispose_template (GTK_WIDGET (self), ZB_TYPE_CONFLICTS_WINDOW);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->store);
  g_clear_pointer (&self->groups, g_hash_table_unref);

  G_OBJECT_CLASS (zb_conflicts_window_parent_class)->dispose (object);
}

static void
zb_conflicts_window_class_init (ZbConflictsWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = zb_conflicts_window_dispose;

  signals[RESOLVED] =
    g_signal_new ("resolved", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/zhibu/Zhibu/ui/zb-conflicts-window.ui");
  gtk_widget_class_bind_template_child (widget_class, ZbConflictsWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, ZbConflictsWindow, stack);
  gtk_widget_class_bind_template_child (widget_class, ZbConflictsWindow, page);
}

static void
zb_conflicts_window_init (ZbConflictsWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->cancellable = g_cancellable_new ();
  self->groups = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
}

ZbConflictsWindow *
zb_conflicts_window_new (ZbStore *store)
{
  ZbConflictsWindow *self = g_object_new (ZB_TYPE_CONFLICTS_WINDOW, NULL);

  self->store = g_object_ref (store);
  load (self);
  return self;
}

guint
zb_conflicts_window_get_n_shown (ZbConflictsWindow *self)
{
  return g_hash_table_size (self->groups);
}
