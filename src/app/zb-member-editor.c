#define G_LOG_DOMAIN "zb-member-editor"

#include "config.h"

#include <glib/gi18n.h>

#include "zb-archive-dialog.h"
#include "zb-date.h"
#include "zb-member-editor.h"
#include "zb-member-rules.h"

struct _ZbMemberEditor
{
  AdwWindow             parent_instance;

  AdwPreferencesPage   *page;
  GtkRevealer          *banner_revealer;
  GtkLabel             *banner_label;
  GtkWidget            *save_button;

  ZbStore              *store;
  ZbMember             *member;     /* the record as loaded, or an empty one */
  GCancellable         *cancellable;
  GtkWidget            *rows[ZB_MEMBER_N_FIELDS];
  GtkWidget            *errors[ZB_MEMBER_N_FIELDS];
};

G_DEFINE_FINAL_TYPE (ZbMemberEditor, zb_member_editor, ADW_TYPE_WINDOW)

enum {
  SAVED,
  ARCHIVED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

typedef struct
{
  const char    *title;
  ZbMemberField  first;
  ZbMemberField  last;
} Section;

/* The form follows the field table, cut into the sections of a paper
 * record (党员信息采集表). */
static const Section sections[] = {
  { N_("Personal"), ZB_MEMBER_FIELD_NAME, ZB_MEMBER_FIELD_DEGREE },
  { N_("Work and Contact"), ZB_MEMBER_FIELD_POST, ZB_MEMBER_FIELD_ADDRESS },
  { N_("Path to Membership"), ZB_MEMBER_FIELD_CATEGORY, ZB_MEMBER_FIELD_PARTY_GROUP },
  { N_("Status"), ZB_MEMBER_FIELD_STATUS, ZB_MEMBER_FIELD_LOST_CONTACT },
};

/* Sex may be left to the ID number, so its list starts with "not given". */
static gboolean
enum_allows_empty (ZbMemberField field)
{
  return field == ZB_MEMBER_FIELD_SEX;
}

static GtkWidget *
create_enum_row (ZbMemberField field)
{
  const char * const *codes = zb_member_enum_values (field);
  g_autoptr(GtkStringList) labels = gtk_string_list_new (NULL);
  GtkWidget *row = adw_combo_row_new ();

  if (enum_allows_empty (field))
    gtk_string_list_append (labels, _("From the ID number"));
  for (guint i = 0; codes[i]; i++)
    gtk_string_list_append (labels, zb_member_enum_label (field, codes[i]));

  adw_combo_row_set_model (ADW_COMBO_ROW (row), G_LIST_MODEL (labels));
  return row;
}

static GtkWidget *
create_bool_row (void)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *toggle = gtk_switch_new ();

  gtk_widget_set_valign (toggle, GTK_ALIGN_CENTER);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), toggle);
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), toggle);
  g_object_set_data (G_OBJECT (row), "switch", toggle);
  return row;
}

static GtkWidget *
create_row (ZbMemberField field)
{
  const ZbFieldInfo *info = zb_member_field_info (field);
  GtkWidget *row;

  switch (info->kind)
    {
    case ZB_FIELD_KIND_ENUM:
      row = create_enum_row (field);
      break;
    case ZB_FIELD_KIND_BOOL:
      row = create_bool_row ();
      break;
    default:
      row = adw_entry_row_new ();
      break;
    }

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _(info->label));
  return row;
}

/* The error of a field sits in the row right under it, hidden until needed.
 * It must be a preferences row: a group puts other widgets below its list. */
static GtkWidget *
create_error_row (void)
{
  GtkWidget *label = gtk_label_new (NULL);
  GtkWidget *row = adw_preferences_row_new ();

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_widget_set_margin_start (label, 12);
  gtk_widget_set_margin_end (label, 12);
  gtk_widget_set_margin_top (label, 6);
  gtk_widget_set_margin_bottom (label, 6);
  gtk_widget_add_css_class (label, "error");
  gtk_widget_add_css_class (label, "caption");
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), label);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);
  gtk_list_box_row_set_selectable (GTK_LIST_BOX_ROW (row), FALSE);
  gtk_widget_set_visible (row, FALSE);
  return row;
}

static void
build_form (ZbMemberEditor *self)
{
  for (guint s = 0; s < G_N_ELEMENTS (sections); s++)
    {
      AdwPreferencesGroup *group = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());

      adw_preferences_group_set_title (group, _(sections[s].title));
      for (guint f = sections[s].first; f <= sections[s].last; f++)
        {
          self->rows[f] = create_row (f);
          self->errors[f] = create_error_row ();
          adw_preferences_group_add (group, self->rows[f]);
          adw_preferences_group_add (group, self->errors[f]);
        }
      adw_preferences_page_add (self->page, group);
    }
}

static void
load_enum (GtkWidget     *row,
           ZbMemberField  field,
           const char    *value)
{
  const char * const *codes = zb_member_enum_values (field);
  guint offset = enum_allows_empty (field) ? 1 : 0;

  adw_combo_row_set_selected (ADW_COMBO_ROW (row), 0);
  for (guint i = 0; value && codes[i]; i++)
    if (g_str_equal (codes[i], value))
      adw_combo_row_set_selected (ADW_COMBO_ROW (row), i + offset);
}

static void
load_member (ZbMemberEditor *self)
{
  for (guint f = 0; f < ZB_MEMBER_N_FIELDS; f++)
    {
      const char *value = zb_member_get (self->member, f);

      switch (zb_member_field_info (f)->kind)
        {
        case ZB_FIELD_KIND_ENUM:
          load_enum (self->rows[f], f, value);
          break;
        case ZB_FIELD_KIND_BOOL:
          gtk_switch_set_active (g_object_get_data (G_OBJECT (self->rows[f]), "switch"),
                                 g_strcmp0 (value, "1") == 0);
          break;
        default:
          gtk_editable_set_text (GTK_EDITABLE (self->rows[f]), value ? value : "");
        }
    }
}

static const char *
read_enum (GtkWidget     *row,
           ZbMemberField  field)
{
  const char * const *codes = zb_member_enum_values (field);
  guint selected = adw_combo_row_get_selected (ADW_COMBO_ROW (row));

  if (enum_allows_empty (field))
    return selected == 0 ? NULL : codes[selected - 1];

  return codes[selected];
}

/* A date as the person typed it (2015/7/1, 2015年7月1日, …) in ISO form; text
 * that is no date stays as typed, for the rules to name. */
static void
read_date (ZbMember      *member,
           ZbMemberField  field,
           GtkWidget     *row)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (row));
  g_autofree char *iso = zb_date_normalise_input (text);

  zb_member_set (member, field, iso ? iso : text);
}

static ZbMember *
read_form (ZbMemberEditor *self)
{
  ZbMember *member = zb_member_copy (self->member);

  for (guint f = 0; f < ZB_MEMBER_N_FIELDS; f++)
    {
      GtkWidget *row = self->rows[f];

      switch (zb_member_field_info (f)->kind)
        {
        case ZB_FIELD_KIND_ENUM:
          zb_member_set (member, f, read_enum (row, f));
          break;
        case ZB_FIELD_KIND_BOOL:
          zb_member_set (member, f,
                         gtk_switch_get_active (g_object_get_data (G_OBJECT (row), "switch"))
                         ? "1" : "0");
          break;
        case ZB_FIELD_KIND_DATE:
          read_date (member, f, row);
          break;
        default:
          zb_member_set (member, f, gtk_editable_get_text (GTK_EDITABLE (row)));
        }
    }

  return member;
}

static void
clear_errors (ZbMemberEditor *self)
{
  for (guint f = 0; f < ZB_MEMBER_N_FIELDS; f++)
    {
      gtk_widget_set_visible (self->errors[f], FALSE);
      gtk_widget_remove_css_class (self->rows[f], "error");
    }
  gtk_revealer_set_reveal_child (self->banner_revealer, FALSE);
}

static void
show_error (ZbMemberEditor *self,
            ZbMemberField   field,
            const char     *message)
{
  GtkWidget *label = gtk_list_box_row_get_child (GTK_LIST_BOX_ROW (self->errors[field]));
  g_autofree char *first = g_utf8_strup (message, g_utf8_next_char (message) - message);
  g_autofree char *text = g_strconcat (first, g_utf8_next_char (message), NULL);

  /* The rules speak in clauses that follow a field's name; here the field
   * is named by its row, so the clause stands as a sentence. */
  gtk_label_set_text (GTK_LABEL (label), text);
  gtk_widget_set_visible (self->errors[field], TRUE);
  gtk_widget_add_css_class (self->rows[field], "error");
}

static void
show_banner (ZbMemberEditor *self,
             const char     *message)
{
  gtk_label_set_text (self->banner_label, message);
  gtk_revealer_set_reveal_child (self->banner_revealer, TRUE);
}

/* Shows every problem next to its field and focuses the first one. */
static gboolean
show_issues (ZbMemberEditor *self,
             GPtrArray      *issues)
{
  int first = -1;

  for (guint i = 0; i < issues->len; i++)
    {
      ZbFieldIssue *issue = g_ptr_array_index (issues, i);

      show_error (self, issue->field, issue->message);
      if (first < 0 || (int) issue->field < first)
        first = issue->field;
    }

  if (first >= 0)
    gtk_widget_grab_focus (self->rows[first]);

  return issues->len > 0;
}

static void
save_done_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(ZbMemberEditor) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *id = zb_store_save_member_finish (ZB_STORE (object), result, &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  gtk_widget_set_sensitive (self->save_button, TRUE);
  if (g_error_matches (error, ZB_MEMBER_ERROR, ZB_MEMBER_ERROR_DUPLICATE))
    show_error (self, ZB_MEMBER_FIELD_ID_NUMBER, error->message);
  else if (error != NULL)
    show_banner (self, error->message);
  else
    {
      g_signal_emit (self, signals[SAVED], 0, id);
      gtk_window_destroy (GTK_WINDOW (self));
    }
}

void
zb_member_editor_save (ZbMemberEditor *self)
{
  g_autoptr(ZbMember) member = read_form (self);
  g_autoptr(GPtrArray) issues = NULL;

  clear_errors (self);
  zb_member_rules_complete (member);
  issues = zb_member_rules_check (member);
  if (show_issues (self, issues))
    return;

  /* The database work runs in a thread: the form stays responsive. */
  gtk_widget_set_sensitive (self->save_button, FALSE);
  zb_store_save_member_async (self->store, member, self->cancellable, save_done_cb,
                              g_object_ref (self));
}

static void
save_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  zb_member_editor_save (ZB_MEMBER_EDITOR (widget));
}

static void
zb_member_editor_dispose (GObject *object)
{
  ZbMemberEditor *self = (ZbMemberEditor *)object;

  g_cancellable_cancel (self->cancellable);
  gtk_widget_dispose_template (GTK_WIDGET (self), ZB_TYPE_MEMBER_EDITOR);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->store);
  g_clear_object (&self->member);

  G_OBJECT_CLASS (zb_member_editor_parent_class)->dispose (object);
}

static void
archived_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(ZbMemberEditor) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(ZbMember) before = zb_archive_dialog_finish (result, &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  if (before == NULL)
    {
      show_banner (self, error->message);
      return;
    }
  g_signal_emit (self, signals[ARCHIVED], 0, before);
  gtk_window_destroy (GTK_WINDOW (self));
}

static void
archive_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  ZbMemberEditor *self = ZB_MEMBER_EDITOR (widget);

  zb_archive_dialog_present (GTK_WINDOW (self), self->store, self->member, archived_cb,
                             g_object_ref (self));
}

/* Transferred out, deceased, …: for a person on the roster, at the form's
 * foot, away from Save. */
static void
add_archive_group (ZbMemberEditor *self)
{
  GtkWidget *group = adw_preferences_group_new ();
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *button = gtk_button_new_with_mnemonic (_("A_rchive…"));

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("Leaving the roster"));
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row),
                               _("Transferred out, deceased, left the Party or removed: the "
                                 "records stay"));
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (button, "destructive-action");
  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), "editor.archive");
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), row);
  adw_preferences_page_add (self->page, ADW_PREFERENCES_GROUP (group));
}

static void
zb_member_editor_class_init (ZbMemberEditorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = zb_member_editor_dispose;

  signals[SAVED] =
    g_signal_new ("saved", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_STRING);
  /**
   * ZbMemberEditor::archived:
   * @before: the person as they were, for an undo to save back
   */
  signals[ARCHIVED] =
    g_signal_new ("archived", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, ZB_TYPE_MEMBER);
  gtk_widget_class_install_action (widget_class, "editor.archive", NULL, archive_action);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/zhibu/Zhibu/ui/zb-member-editor.ui");
  gtk_widget_class_bind_template_child (widget_class, ZbMemberEditor, page);
  gtk_widget_class_bind_template_child (widget_class, ZbMemberEditor, banner_revealer);
  gtk_widget_class_bind_template_child (widget_class, ZbMemberEditor, banner_label);
  gtk_widget_class_bind_template_child (widget_class, ZbMemberEditor, save_button);
  gtk_widget_class_install_action (widget_class, "editor.save", NULL, save_action);
}

static void
zb_member_editor_init (ZbMemberEditor *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->cancellable = g_cancellable_new ();
  build_form (self);
}

/* Edits @member, or a new person when @member is NULL. */
ZbMemberEditor *
zb_member_editor_new (ZbStore  *store,
                      ZbMember *member)
{
  ZbMemberEditor *self = g_object_new (ZB_TYPE_MEMBER_EDITOR, NULL);

  self->store = g_object_ref (store);
  self->member = member ? zb_member_copy (member) : zb_member_new ();
  if (member == NULL)
    zb_member_set (self->member, ZB_MEMBER_FIELD_STATUS, ZB_STATUS_NORMAL);

  gtk_window_set_title (GTK_WINDOW (self), member ? _("Edit Member") : _("New Member"));
  load_member (self);
  if (member != NULL && !zb_member_is_archived (member))
    add_archive_group (self);
  return self;
}

/* For tests and for callers that fill a field, as typing would. */
void
zb_member_editor_set_text (ZbMemberEditor *self,
                           ZbMemberField   field,
                           const char     *text)
{
  g_return_if_fail (GTK_IS_EDITABLE (self->rows[field]));

  gtk_editable_set_text (GTK_EDITABLE (self->rows[field]), text);
}

GtkWidget *
zb_member_editor_get_error (ZbMemberEditor *self,
                            ZbMemberField   field)
{
  return self->errors[field];
}
