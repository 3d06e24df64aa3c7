#define G_LOG_DOMAIN "zb-dues-review-dialog"

#include "config.h"

#include <glib/gi18n.h>

#include "zb-date.h"
#include "zb-dues-ledger.h"
#include "zb-dues-review-dialog.h"
#include "zb-money.h"
#include "zb-widget-util.h"

/* The yearly review of dues bases (每年核定一次, DOMAIN.md section 4): each
 * member admitted by the year's end with the base in force in the year, as
 * the store finds it, those not yet set or confirmed in the year flagged,
 * and how many are left. The secretary confirms a base as it stands, or
 * changes it from a month (the Dues Rules: a change of pay applies from the
 * month it is received; the store checks the base against the brackets).
 * Reads and writes run in a worker thread; "changed" tells the dues page
 * to read the arrears again. */

struct _ZbDuesReviewDialog
{
  AdwWindow       parent_instance;

  AdwToastOverlay *toasts;
  GtkSpinButton  *year_spin;
  GtkLabel       *count_label;
  GtkSpinner     *spinner;
  GtkListBox     *member_list;

  ZbStore        *store;
  GCancellable   *cancellable;
  GHashTable     *rows;          /* member ID -> Row */
  guint           year;
  guint           n_left;
  gboolean        loading;
  gboolean        writing;
};

/* The widgets of one member's row, kept for the actions. */
typedef struct
{
  char       *name;
  GtkWidget  *row;
  AdwComboRow *kind_row;
  GtkEditable *base_entry;
  GtkEditable *from_entry;
  AdwActionRow *save_row;
} Row;

enum
{
  CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (ZbDuesReviewDialog, zb_dues_review_dialog, ADW_TYPE_WINDOW)

static void load (ZbDuesReviewDialog *self);

static void
row_free (Row *row)
{
  g_free (row->name);
  g_free (row);
}

static void
update_busy (ZbDuesReviewDialog *self)
{
  gboolean busy = self->loading || self->writing;

  gtk_spinner_set_spinning (self->spinner, busy);
  gtk_widget_set_visible (GTK_WIDGET (self->spinner), busy);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "review.confirm", !busy);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "review.change", !busy);
}

static void
toast (ZbDuesReviewDialog *self,
       const char         *text)
{
  adw_toast_overlay_add_toast (self->toasts, adw_toast_new (text));
}

static void
clear_list (GtkListBox *list)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (list))) != NULL)
    gtk_list_box_remove (list, child);
}

/* What the review finds of a member's base, plainly. */
static char *
status_text (ZbBaseReview *line,
             guint         year)
{
  ZbDuesKind kind;
  g_autofree char *base = NULL, *from = NULL, *found = NULL;

  if (!zb_dues_kind_parse (zb_base_review_get_kind (line), &kind))
    return g_strdup (_("No base recorded: open the row to record one"));
  base = zb_money_format_yuan (zb_base_review_get_base_fen (line));
  from = zb_date_format_period (zb_base_review_get_from_month (line));
  /* TRANSLATORS: %1$s the kind (Employed…), %2$s yuan, %3$s the month it applies from */
  found = g_strdup_printf (_("%1$s, base %2$s yuan from %3$s"), zb_dues_kind_label (kind), base,
                           from);
  if (zb_base_review_get_reviewed (line))
    /* TRANSLATORS: %1$s the base as found, %2$u the year */
    return g_strdup_printf (_("%1$s — confirmed for %2$u"), found, year);
  return g_strdup_printf (_("%1$s — not yet confirmed for %2$u"), found, year);
}

static GtkWidget *
entry_row (const char *title,
           const char *label,
           const char *text)
{
  GtkWidget *entry = adw_entry_row_new ();

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (entry), title);
  adw_preferences_row_set_use_underline (ADW_PREFERENCES_ROW (entry), TRUE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (entry), GTK_ACCESSIBLE_PROPERTY_LABEL, label,
                                  -1);
  gtk_editable_set_text (GTK_EDITABLE (entry), text != NULL ? text : "");
  return entry;
}

static GtkWidget *
action_button (const char *text,
               const char *label,
               const char *action,
               const char *member_id)
{
  GtkWidget *button = gtk_button_new_with_mnemonic (text);

  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, label,
                                  -1);
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), action);
  gtk_actionable_set_action_target (GTK_ACTIONABLE (button), "s", member_id);
  return button;
}

static AdwComboRow *
kind_row_new (ZbBaseReview *line)
{
  g_autoptr(GtkStringList) kinds = gtk_string_list_new (NULL);
  AdwComboRow *row = ADW_COMBO_ROW (adw_combo_row_new ());
  ZbDuesKind kind = ZB_DUES_EMPLOYED;

  for (ZbDuesKind k = 0; k < ZB_DUES_N_KINDS; k++)
    gtk_string_list_append (kinds, zb_dues_kind_label (k));
  adw_combo_row_set_model (row, G_LIST_MODEL (kinds));
  zb_dues_kind_parse (zb_base_review_get_kind (line), &kind);
  adw_combo_row_set_selected (row, kind);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("_Kind"));
  adw_preferences_row_set_use_underline (ADW_PREFERENCES_ROW (row), TRUE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Kind of member, for the dues"), -1);
  return row;
}

/* The month a change applies from, first offered: this month in the year
 * under way, else the year's January. */
static char *
first_change_month (guint year)
{
  g_autofree char *today = zb_date_today_iso ();

  if (g_ascii_strtoull (today, NULL, 10) == year)
    return g_strndup (today, 7);
  return g_strdup_printf ("%04u-01", year);
}

/* A member's row: the base found and its state, Confirm where it is still
 * to confirm, and, expanded, the fields to change it from a month. */
static GtkWidget *
member_row (ZbDuesReviewDialog *self,
            ZbBaseReview       *line)
{
  const char *id = zb_base_review_get_member_id (line);
  const char *name = zb_base_review_get_name (line);
  GtkWidget *row = adw_expander_row_new ();
  g_autofree char *status = status_text (line, self->year);
  g_autofree char *base = NULL, *from = first_change_month (self->year);
  g_autofree char *confirm_label = NULL, *save_label = NULL;
  GtkWidget *save_button;
  Row *parts = g_new0 (Row, 1);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), name);
  adw_expander_row_set_subtitle (ADW_EXPANDER_ROW (row), status);
  if (zb_base_review_get_kind (line) != NULL && !zb_base_review_get_reviewed (line))
    {
      /* TRANSLATORS: %1$s a member, %2$u the year */
      confirm_label = g_strdup_printf (_("Confirm the base of %1$s for %2$u"), name, self->year);
      adw_expander_row_add_action (ADW_EXPANDER_ROW (row),
                                   action_button (_("_Confirm"), confirm_label, "review.confirm",
                                                  id));
    }
  if (!zb_base_review_get_reviewed (line))
    gtk_widget_add_css_class (row, "warning");

  base = zb_base_review_get_kind (line) != NULL
         ? zb_money_format_yuan (zb_base_review_get_base_fen (line)) : NULL;
  parts->name = g_strdup (name);
  parts->row = row;
  parts->kind_row = kind_row_new (line);
  parts->base_entry = GTK_EDITABLE (entry_row (_("Monthly _base in yuan"),
                                               _("New monthly base in yuan"), base));
  parts->from_entry = GTK_EDITABLE (entry_row (_("_From month (YYYY-MM)"),
                                               _("Month the new base applies from, as "
                                                 "year-month"), from));
  parts->save_row = ADW_ACTION_ROW (adw_action_row_new ());
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (parts->save_row),
                                 _("A change applies from the month given"));
  /* TRANSLATORS: %s a member */
  save_label = g_strdup_printf (_("Save the new base of %s"), name);
  save_button = action_button (_("_Save Change"), save_label, "review.change", id);
  adw_action_row_add_suffix (parts->save_row, save_button);
  adw_expander_row_add_row (ADW_EXPANDER_ROW (row), GTK_WIDGET (parts->kind_row));
  adw_expander_row_add_row (ADW_EXPANDER_ROW (row), GTK_WIDGET (parts->base_entry));
  adw_expander_row_add_row (ADW_EXPANDER_ROW (row), GTK_WIDGET (parts->from_entry));
  adw_expander_row_add_row (ADW_EXPANDER_ROW (row), GTK_WIDGET (parts->save_row));
  g_hash_table_replace (self->rows, g_strdup (id), parts);
  return row;
}

static void
show_count (ZbDuesReviewDialog *self,
            guint               n)
{
  g_autofree char *text = NULL;

  if (self->n_left == 0)
    /* TRANSLATORS: %u the year */
    text = g_strdup_printf (_("Every base is confirmed for %u"), self->year);
  else
    /* TRANSLATORS: %1$u bases still to confirm, of %2$u members, for the year %3$u */
    text = g_strdup_printf (ngettext ("%1$u of %2$u bases still to confirm for %3$u",
                                      "%1$u of %2$u bases still to confirm for %3$u",
                                      self->n_left), self->n_left, n, self->year);
  gtk_label_set_text (self->count_label, text);
}

static void
show_lines (ZbDuesReviewDialog *self,
            GListModel         *lines)
{
  guint n = g_list_model_get_n_items (lines);

  clear_list (self->member_list);
  g_hash_table_remove_all (self->rows);
  self->n_left = 0;
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(ZbBaseReview) line = g_list_model_get_item (lines, i);

      self->n_left += !zb_base_review_get_reviewed (line);
      gtk_list_box_append (self->member_list, member_row (self, line));
    }
  show_count (self, n);
}

static void
load_thread (GTask        *task,
             gpointer      source,
             gpointer      task_data,
             GCancellable *cancellable)
{
  GError *error = NULL;
  GListModel *lines = zb_store_dues_base_review (source, GPOINTER_TO_UINT (task_data), &error);

  if (lines != NULL)
    g_task_return_pointer (task, lines, g_object_unref);
  else
    g_task_return_error (task, error);
}

static void
load_done_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(ZbDuesReviewDialog) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) lines = g_task_propagate_pointer (G_TASK (result), &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  self->loading = FALSE;
  if (lines != NULL)
    show_lines (self, lines);
  else
    toast (self, error->message);
  update_busy (self);
}

static void
load (ZbDuesReviewDialog *self)
{
  g_autoptr(GTask) task = NULL;

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
  self->loading = TRUE;
  update_busy (self);
  task = g_task_new (self->store, self->cancellable, load_done_cb, g_object_ref (self));
  g_task_set_source_tag (task, load);
  g_task_set_task_data (task, GUINT_TO_POINTER (self->year), NULL);
  g_task_run_in_thread (task, load_thread);
}

typedef struct
{
  char       *member_id;
  guint       year;
  gboolean    confirm;     /* else a change */
  char       *from;
  ZbDuesKind  kind;
  gint64      base_fen;
  char       *done;        /* the toast once done */
} Write;

static void
write_free (Write *write)
{
  g_free (write->member_id);
  g_free (write->from);
  g_free (write->done);
  g_free (write);
}

static void
write_thread (GTask        *task,
              gpointer      source,
              gpointer      task_data,
              GCancellable *cancellable)
{
  Write *write = task_data;
  GError *error = NULL;
  gboolean ok;

  if (write->confirm)
    ok = zb_store_confirm_dues_base (source, write->member_id, write->year, &error);
  else
    ok = zb_store_set_dues_base (source, write->member_id, write->from, write->kind,
                                 write->base_fen, &error);
  if (ok)
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

/* A refusal of a change, on the row of the fields, the field it names
 * focused. */
static void
show_row_error (ZbDuesReviewDialog *self,
                Row                *row,
                const char         *message)
{
  GtkWidget *field = NULL;

  if (message != NULL && g_str_has_prefix (message, _("From month")))
    field = GTK_WIDGET (row->from_entry);
  else if (message != NULL)
    field = GTK_WIDGET (row->base_entry);
  gtk_widget_remove_css_class (GTK_WIDGET (row->from_entry), "error");
  gtk_widget_remove_css_class (GTK_WIDGET (row->base_entry), "error");
  adw_action_row_set_subtitle (row->save_row, message != NULL ? message : "");
  if (message != NULL)
    gtk_widget_add_css_class (GTK_WIDGET (row->save_row), "error");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (row->save_row), "error");
  if (field != NULL)
    {
      gtk_widget_add_css_class (field, "error");
      gtk_widget_grab_focus (field);
    }
}

static void
write_done_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(ZbDuesReviewDialog) self = user_data;
  g_autoptr(GError) error = NULL;
  Write *write = g_task_get_task_data (G_TASK (result));
  Row *row = g_hash_table_lookup (self->rows, write->member_id);

  self->writing = FALSE;
  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      if (row != NULL && !write->confirm)
        show_row_error (self, row, error->message);
      else
        toast (self, error->message);
      update_busy (self);
      return;
    }
  toast (self, write->done);
  g_signal_emit (self, signals[CHANGED], 0);
  load (self);
}

static void
run_write (ZbDuesReviewDialog *self,
           Write              *write)
{
  g_autoptr(GTask) task = NULL;

  self->writing = TRUE;
  update_busy (self);
  write->year = self->year;
  task = g_task_new (self->store, NULL, write_done_cb, g_object_ref (self));
  g_task_set_source_tag (task, run_write);
  g_task_set_task_data (task, write, (GDestroyNotify) write_free);
  g_task_run_in_thread (task, write_thread);
}

static void
confirm_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  ZbDuesReviewDialog *self = ZB_DUES_REVIEW_DIALOG (widget);
  const char *id = g_variant_get_string (parameter, NULL);
  Row *row = g_hash_table_lookup (self->rows, id);
  Write *write;

  if (row == NULL || self->writing)
    return;
  write = g_new0 (Write, 1);
  write->member_id = g_strdup (id);
  write->confirm = TRUE;
  /* TRANSLATORS: %1$s a member, %2$u the year */
  write->done = g_strdup_printf (_("The base of %1$s is confirmed for %2$u"), row->name,
                                 self->year);
  run_write (self, write);
}

/* The change's fields, read; a field that cannot be read is marked. */
static gboolean
read_change (ZbDuesReviewDialog *self,
             Row                *row,
             Write              *write)
{
  g_autoptr(GError) error = NULL;
  ZbMonth month;

  write->kind = adw_combo_row_get_selected (row->kind_row);
  if (!zb_money_parse_yuan (gtk_editable_get_text (row->base_entry), &write->base_fen, &error))
    {
      /* TRANSLATORS: %s says what is wrong with the amount written */
      g_autofree char *message = g_strdup_printf (_("Monthly base: %s"), error->message);

      show_row_error (self, row, message);
      return FALSE;
    }
  if (!zb_month_parse (gtk_editable_get_text (row->from_entry), &month))
    {
      show_row_error (self, row, _("From month: write the month as year-month, such as 2026-03"));
      return FALSE;
    }
  write->from = zb_month_format (month);
  return TRUE;
}

static void
change_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  ZbDuesReviewDialog *self = ZB_DUES_REVIEW_DIALOG (widget);
  const char *id = g_variant_get_string (parameter, NULL);
  Row *row = g_hash_table_lookup (self->rows, id);
  Write *write;

  if (row == NULL || self->writing)
    return;
  write = g_new0 (Write, 1);
  write->member_id = g_strdup (id);
  if (!read_change (self, row, write))
    {
      write_free (write);
      return;
    }
  show_row_error (self, row, NULL);
  /* TRANSLATORS: %1$s a member, %2$s the month the new base applies from */
  write->done = g_strdup_printf (_("The new base of %1$s applies from %2$s"), row->name,
                                 write->from);
  run_write (self, write);
}

static void
year_changed_cb (ZbDuesReviewDialog *self)
{
  guint year = gtk_spin_button_get_value_as_int (self->year_spin);

  if (year == self->year)
    return;
  self->year = year;
  load (self);
}

static void
zb_dues_review_dialog_dispose (GObject *object)
{
  ZbDuesReviewDialog *self = ZB_DUES_REVIEW_DIALOG (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->store);
  g_clear_pointer (&self->rows, g_hash_table_unref);

  G_OBJECT_CLASS (zb_dues_review_dialog_parent_class)->dispose (object);
}

static void
zb_dues_review_dialog_class_init (ZbDuesReviewDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = zb_dues_review_dialog_dispose;

  /* A base confirmed or changed. */
  signals[CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                   NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/zhibu/Zhibu/ui/"
                                               "zb-dues-review-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, ZbDuesReviewDialog, toasts);
  gtk_widget_class_bind_template_child (widget_class, ZbDuesReviewDialog, year_spin);
  gtk_widget_class_bind_template_child (widget_class, ZbDuesReviewDialog, count_label);
  gtk_widget_class_bind_template_child (widget_class, ZbDuesReviewDialog, spinner);
  gtk_widget_class_bind_template_child (widget_class, ZbDuesReviewDialog, member_list);
  gtk_widget_class_bind_template_callback (widget_class, year_changed_cb);

  gtk_widget_class_install_action (widget_class, "review.confirm", "s", confirm_action);
  gtk_widget_class_install_action (widget_class, "review.change", "s", change_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
zb_dues_review_dialog_init (ZbDuesReviewDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->rows = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify) row_free);
}

/* The review of @year's bases in @store. */
ZbDuesReviewDialog *
zb_dues_review_dialog_new (ZbStore *store,
                           guint    year)
{
  ZbDuesReviewDialog *self = g_object_new (ZB_TYPE_DUES_REVIEW_DIALOG, NULL);

  self->store = g_object_ref (store);
  self->year = year;
  gtk_spin_button_set_value (self->year_spin, year);
  gtk_window_set_focus (GTK_WINDOW (self), GTK_WIDGET (self->year_spin));
  load (self);
  return self;
}

gboolean
zb_dues_review_dialog_is_busy (ZbDuesReviewDialog *self)
{
  g_return_val_if_fail (ZB_IS_DUES_REVIEW_DIALOG (self), FALSE);

  return self->loading || self->writing;
}

/* How many members' bases are not yet confirmed for the year. */
guint
zb_dues_review_dialog_get_n_left (ZbDuesReviewDialog *self)
{
  g_return_val_if_fail (ZB_IS_DUES_REVIEW_DIALOG (self), 0);

  return self->n_left;
}

/* The row (an AdwExpanderRow) of the member of @member_id, or NULL. */
GtkWidget *
zb_dues_review_dialog_get_row (ZbDuesReviewDialog *self,
                               const char         *member_id)
{
  Row *row;

  g_return_val_if_fail (ZB_IS_DUES_REVIEW_DIALOG (self), NULL);

  row = g_hash_table_lookup (self->rows, member_id);
  return row != NULL ? row->row : NULL;
}

/* What the dialog says of the count left. */
const char *
zb_dues_review_dialog_get_count (ZbDuesReviewDialog *self)
{
  g_return_val_if_fail (ZB_IS_DUES_REVIEW_DIALOG (self), NULL);

  return gtk_label_get_text (self->count_label);
}
