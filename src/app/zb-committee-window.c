#define G_LOG_DOMAIN "zb-committee-window"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "zb-committee-window.h"
#include "zb-date.h"

/* The branch committee (支部委员会): its members with their roles and the
 * dates of their terms, current and past (DOMAIN.md section 2). Every
 * change is one store call off the main thread; the list is read again
 * after it. */
struct _ZbCommitteeWindow
{
  AdwWindow            parent_instance;

  AdwToastOverlay     *toast_overlay;
  AdwPreferencesGroup *current_group;
  AdwPreferencesGroup *past_group;

  ZbStore             *store;
  GCancellable        *cancellable;
  GPtrArray           *rows;       /* every row shown, to take away on reload */
  guint                n_current;
  guint                n_past;
  guint                busy;       /* store calls under way */
};

G_DEFINE_FINAL_TYPE (ZbCommitteeWindow, zb_committee_window, ADW_TYPE_WINDOW)

/* The roles a branch committee usually has; any other may be typed. These
 * are what the records hold, in Chinese whatever the language of the app. */
static const char *roles[] = {
  "书记", "副书记", "组织委员", "宣传委员", "纪检委员", "青年委员", "统战委员", "委员",
};

typedef enum { SAVE_TERM, END_TERM, REMOVE_TERM } JobKind;

typedef struct
{
  JobKind            kind;
  ZbCommitteeMember *term;   /* with its ID when it is stored already */
  char              *to;
} TermJob;

static void
term_job_free (TermJob *job)
{
  g_clear_object (&job->term);
  g_free (job->to);
  g_free (job);
}

static void
show_toast (ZbCommitteeWindow *self,
            const char        *text)
{
  adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (text));
}

static char *
term_subtitle (ZbCommitteeMember *t)
{
  g_autofree char *from = zb_date_format_day (zb_committee_member_get_from_date (t));
  g_autofree char *to = zb_date_format_day (zb_committee_member_get_to_date (t));

  if (to == NULL)
    /* TRANSLATORS: a running term on the committee: the role, then its start */
    return g_strdup_printf (_("%s · since %s"), zb_committee_member_get_role (t), from);
  /* TRANSLATORS: a term on the committee: the role, its start and its end */
  return g_strdup_printf (_("%s · %s to %s"), zb_committee_member_get_role (t), from, to);
}

static GtkWidget *
row_button (GtkWidget  *row,
            const char *icon,
            const char *tooltip,
            GCallback   callback,
            gpointer    self)
{
  GtkWidget *button = icon ? gtk_button_new_from_icon_name (icon) : gtk_button_new ();

  gtk_widget_set_tooltip_text (button, tooltip);
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (button, "flat");
  g_object_set_data (G_OBJECT (button), "row", row);
  g_signal_connect_object (button, "clicked", callback, self, 0);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);
  return button;
}

static ZbCommitteeMember *
row_term (GtkWidget *button)
{
  return g_object_get_data (G_OBJECT (g_object_get_data (G_OBJECT (button), "row")), "term");
}

static void
edit_clicked_cb (GtkWidget         *button,
                 ZbCommitteeWindow *self)
{
  zb_committee_window_open_form (self, row_term (button));
}

static void
end_response_cb (AdwMessageDialog  *dialog,
                 const char        *response,
                 ZbCommitteeWindow *self)
{
  GtkEditable *entry = GTK_EDITABLE (adw_message_dialog_get_extra_child (dialog));

  if (g_str_equal (response, "end"))
    zb_committee_window_end_term (self, g_object_get_data (G_OBJECT (dialog), "term-id"),
                                  gtk_editable_get_text (entry));
}

/* The member left the committee: the term keeps its record, with its end. */
static void
end_clicked_cb (GtkWidget         *button,
                ZbCommitteeWindow *self)
{
  ZbCommitteeMember *t = row_term (button);
  g_autofree char *today = zb_date_today_iso ();
  g_autofree char *body = NULL;
  GtkWidget *entry = gtk_entry_new ();
  GtkWidget *dialog;

  /* TRANSLATORS: %s is a member's name, then the role */
  body = g_strdup_printf (_("%s leaves the committee as %s. Give the last day of the term "
                            "(year-month-day)."), zb_committee_member_get_name (t),
                          zb_committee_member_get_role (t));
  dialog = adw_message_dialog_new (GTK_WINDOW (self), _("End the Term?"), body);
  gtk_editable_set_text (GTK_EDITABLE (entry), today);
  gtk_entry_set_activates_default (GTK_ENTRY (entry), TRUE);
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), entry);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog), "cancel", _("_Cancel"),
                                    "end", _("_End Term"), NULL);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "end");
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "end",
                                              ADW_RESPONSE_SUGGESTED);
  g_object_set_data_full (G_OBJECT (dialog), "term-id",
                          g_strdup (zb_committee_member_get_id (t)), g_free);
  g_signal_connect_object (dialog, "response", G_CALLBACK (end_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
remove_response_cb (AdwMessageDialog  *dialog,
                    const char        *response,
                    ZbCommitteeWindow *self)
{
  if (g_str_equal (response, "remove"))
    zb_committee_window_remove_term (self, g_object_get_data (G_OBJECT (dialog), "term-id"));
}

static void
remove_clicked_cb (GtkWidget         *button,
                   ZbCommitteeWindow *self)
{
  ZbCommitteeMember *t = row_term (button);
  GtkWidget *dialog;

  dialog = adw_message_dialog_new (GTK_WINDOW (self), _("Remove This Term?"),
                                   _("Only for a term entered by mistake. When a member leaves "
                                     "the committee, end the term instead: it stays on record."));
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog), "cancel", _("_Cancel"),
                                    "remove", _("_Remove"), NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "remove",
                                              ADW_RESPONSE_DESTRUCTIVE);
  g_object_set_data_full (G_OBJECT (dialog), "term-id",
                          g_strdup (zb_committee_member_get_id (t)), g_free);
  g_signal_connect_object (dialog, "response", G_CALLBACK (remove_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
add_row (ZbCommitteeWindow   *self,
         AdwPreferencesGroup *group,
         GtkWidget           *row)
{
  adw_preferences_group_add (group, row);
  g_object_set_data (G_OBJECT (row), "group", group);
  g_ptr_array_add (self->rows, row);
}

static void
add_term_row (ZbCommitteeWindow *self,
              ZbCommitteeMember *t,
              gboolean           current)
{
  GtkWidget *row = adw_action_row_new ();
  g_autofree char *subtitle = term_subtitle (t);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), zb_committee_member_get_name (t));
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  g_object_set_data_full (G_OBJECT (row), "term", g_object_ref (t), g_object_unref);
  row_button (row, "document-edit-symbolic", _("Correct the Term"), G_CALLBACK (edit_clicked_cb),
              self);
  if (current)
    {
      GtkWidget *end = row_button (row, NULL, _("End the Term…"), G_CALLBACK (end_clicked_cb),
                                   self);

      gtk_button_set_label (GTK_BUTTON (end), _("End Term…"));
    }
  row_button (row, "user-trash-symbolic", _("Remove a Term Entered by Mistake…"),
              G_CALLBACK (remove_clicked_cb), self);
  add_row (self, current ? self->current_group : self->past_group, row);
}

static void
clear_rows (ZbCommitteeWindow *self)
{
  for (guint i = 0; i < self->rows->len; i++)
    {
      GtkWidget *row = g_ptr_array_index (self->rows, i);

      adw_preferences_group_remove (g_object_get_data (G_OBJECT (row), "group"), row);
    }
  g_ptr_array_set_size (self->rows, 0);
  self->n_current = self->n_past = 0;
}

static void
add_empty_row (ZbCommitteeWindow *self)
{
  GtkWidget *row = adw_action_row_new ();

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("No committee entered yet"));
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row),
                               _("Add the secretary and each member as elected, with the + "
                                 "button. A branch of fewer than seven full members has a "
                                 "secretary and no committee."));
  add_row (self, self->current_group, row);
}

static void
reload (ZbCommitteeWindow *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) terms = zb_store_list_committee (self->store, &error);
  g_autofree char *today = zb_date_today_iso ();

  clear_rows (self);
  if (terms == NULL)
    {
      show_toast (self, error->message);
      return;
    }
  for (guint i = 0; i < g_list_model_get_n_items (terms); i++)
    {
      g_autoptr(ZbCommitteeMember) t = g_list_model_get_item (terms, i);
      gboolean current = zb_committee_member_is_current (t, today);

      add_term_row (self, t, current);
      if (current)
        self->n_current++;
      else
        self->n_past++;
    }
  if (self->n_current == 0)
    add_empty_row (self);
  gtk_widget_set_visible (GTK_WIDGET (self->past_group), self->n_past > 0);
}

static gboolean
term_call (ZbStore  *store,
           gpointer  data,
           GError  **error)
{
  TermJob *job = data;
  const char *id = zb_committee_member_get_id (job->term);
  g_autofree char *new_id = NULL;

  switch (job->kind)
    {
    case SAVE_TERM:
      if (id != NULL)
        return zb_store_update_committee_member (store, job->term, error);
      new_id = zb_store_add_committee_term (store, zb_committee_member_get_member_id (job->term),
                                            zb_committee_member_get_role (job->term),
                                            zb_committee_member_get_from_date (job->term),
                                            zb_committee_member_get_to_date (job->term), error);
      return new_id != NULL;
    case END_TERM:
      return zb_store_end_committee_member (store, id, job->to, error);
    case REMOVE_TERM:
      return zb_store_remove_committee_member (store, id, error);
    default:
      g_assert_not_reached ();
    }
}

static AdwMessageDialog *open_form (ZbCommitteeWindow *self,
                                    ZbCommitteeMember *term,
                                    const char        *problem);

static void
term_done_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(ZbCommitteeWindow) self = user_data;
  g_autoptr(GError) error = NULL;
  TermJob *job = zb_store_call_get_data (result);

  self->busy--;
  if (!zb_store_call_finish (ZB_STORE (object), result, &error))
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      /* What was typed comes back, with what to put right. */
      if (job->kind == SAVE_TERM)
        open_form (self, job->term, error->message);
      else
        show_toast (self, error->message);
      return;
    }

  reload (self);
  show_toast (self, job->kind == SAVE_TERM ? _("Term saved")
                    : job->kind == END_TERM ? _("Term ended") : _("Term removed"));
}

static void
run_job (ZbCommitteeWindow *self,
         TermJob           *job)
{
  self->busy++;
  zb_store_call_async (self->store, term_call, job, (GDestroyNotify) term_job_free,
                       self->cancellable, term_done_cb, g_object_ref (self));
}

static TermJob *
new_job (JobKind     kind,
         const char *term_id)
{
  TermJob *job = g_new0 (TermJob, 1);

  job->kind = kind;
  job->term = zb_committee_member_new ();
  zb_committee_member_set_id (job->term, term_id);
  return job;
}

void
zb_committee_window_end_term (ZbCommitteeWindow *self,
                              const char        *term_id,
                              const char        *to)
{
  TermJob *job = new_job (END_TERM, term_id);

  job->to = g_strdup (to);
  run_job (self, job);
}

void
zb_committee_window_remove_term (ZbCommitteeWindow *self,
                                 const char        *term_id)
{
  run_job (self, new_job (REMOVE_TERM, term_id));
}

/* The form: a member picked from the full members with a search, a role
 * (one of the usual ones a click away, or typed), the dates as typed. */

static gboolean
member_matches (GtkListBoxRow *row,
                gpointer       user_data)
{
  GtkEditable *search = user_data;
  const char *needle = gtk_editable_get_text (search);
  const char *name = adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row));

  return *needle == '\0' || strstr (name, needle) != NULL ||
         gtk_list_box_row_is_selected (row);
}

static void
search_changed_cb (GtkSearchEntry *search,
                   GtkListBox     *members)
{
  gtk_list_box_invalidate_filter (members);
}

/* The chosen member carries a check mark, whatever the theme does with a
 * selected row. */
static void
selection_changed_cb (GtkListBox *list)
{
  GtkListBoxRow *row;

  for (guint i = 0; (row = gtk_list_box_get_row_at_index (list, i)) != NULL; i++)
    gtk_widget_set_visible (g_object_get_data (G_OBJECT (row), "check"),
                            gtk_list_box_row_is_selected (row));
}

static GtkWidget *
member_list (ZbCommitteeWindow *self,
             const char        *selected)
{
  g_autoptr(GListModel) members = zb_store_list_members (self->store, FALSE, NULL);
  GtkWidget *list = gtk_list_box_new ();

  gtk_widget_add_css_class (list, "boxed-list");
  gtk_list_box_set_selection_mode (GTK_LIST_BOX (list), GTK_SELECTION_SINGLE);
  for (guint i = 0; members && i < g_list_model_get_n_items (members); i++)
    {
      g_autoptr(ZbMember) m = g_list_model_get_item (members, i);
      GtkWidget *row, *check;

      /* Only a full member may be elected (the Constitution, article 7). */
      if (g_strcmp0 (zb_member_get (m, ZB_MEMBER_FIELD_CATEGORY), ZB_CATEGORY_FULL) != 0)
        continue;
      row = adw_action_row_new ();
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row),
                                     zb_member_get (m, ZB_MEMBER_FIELD_NAME));
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row),
                                   zb_member_get (m, ZB_MEMBER_FIELD_PARTY_GROUP) ?: "");
      g_object_set_data_full (G_OBJECT (row), "member-id", g_strdup (zb_member_get_id (m)),
                              g_free);
      check = gtk_image_new_from_icon_name ("object-select-symbolic");
      gtk_widget_set_visible (check, FALSE);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), check);
      g_object_set_data (G_OBJECT (row), "check", check);
      gtk_list_box_append (GTK_LIST_BOX (list), row);
      if (g_strcmp0 (selected, zb_member_get_id (m)) == 0)
        gtk_list_box_select_row (GTK_LIST_BOX (list), GTK_LIST_BOX_ROW (row));
    }
  g_signal_connect (list, "selected-rows-changed", G_CALLBACK (selection_changed_cb), NULL);
  selection_changed_cb (GTK_LIST_BOX (list));
  return list;
}

static void
role_activated (GSimpleAction *action,
                GVariant      *parameter,
                gpointer       user_data)
{
  gtk_editable_set_text (user_data, g_variant_get_string (parameter, NULL));
}

static GtkWidget *
role_row (AdwMessageDialog *dialog,
          const char       *role)
{
  GtkWidget *row = adw_entry_row_new ();
  GtkWidget *button = gtk_menu_button_new ();
  g_autoptr(GMenu) menu = g_menu_new ();
  g_autoptr(GSimpleActionGroup) group = g_simple_action_group_new ();
  g_autoptr(GSimpleAction) action = g_simple_action_new ("role", G_VARIANT_TYPE_STRING);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("Role, such as 书记 or 组织委员"));
  gtk_editable_set_text (GTK_EDITABLE (row), role ? role : "");
  for (guint i = 0; i < G_N_ELEMENTS (roles); i++)
    {
      g_autoptr(GMenuItem) item = g_menu_item_new (roles[i], NULL);

      g_menu_item_set_action_and_target_value (item, "form.role", g_variant_new_string (roles[i]));
      g_menu_append_item (menu, item);
    }
  gtk_menu_button_set_menu_model (GTK_MENU_BUTTON (button), G_MENU_MODEL (menu));
  gtk_menu_button_set_icon_name (GTK_MENU_BUTTON (button), "view-more-symbolic");
  gtk_widget_set_tooltip_text (button, _("Usual Roles"));
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (button, "flat");
  adw_entry_row_add_suffix (ADW_ENTRY_ROW (row), button);

  g_signal_connect_object (action, "activate", G_CALLBACK (role_activated), row, 0);
  g_action_map_add_action (G_ACTION_MAP (group), G_ACTION (action));
  gtk_widget_insert_action_group (GTK_WIDGET (dialog), "form", G_ACTION_GROUP (group));
  return row;
}

static GtkWidget *
date_row (const char *title,
          const char *value)
{
  GtkWidget *row = adw_entry_row_new ();

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  gtk_editable_set_text (GTK_EDITABLE (row), value ? value : "");
  return row;
}

static const char *
field_text (AdwMessageDialog *dialog,
            const char       *name)
{
  return gtk_editable_get_text (g_object_get_data (G_OBJECT (dialog), name));
}

static void
form_response_cb (AdwMessageDialog  *dialog,
                  const char        *response,
                  ZbCommitteeWindow *self)
{
  GtkListBox *members = g_object_get_data (G_OBJECT (dialog), "members");
  GtkListBoxRow *selected = gtk_list_box_get_selected_row (members);
  TermJob *job;

  if (!g_str_equal (response, "save"))
    return;

  job = new_job (SAVE_TERM, g_object_get_data (G_OBJECT (dialog), "term-id"));
  zb_committee_member_set_member_id (job->term, selected
                                     ? g_object_get_data (G_OBJECT (selected), "member-id")
                                     : NULL);
  zb_committee_member_set_role (job->term, field_text (dialog, "role"));
  zb_committee_member_set_from_date (job->term, field_text (dialog, "from"));
  zb_committee_member_set_to_date (job->term, field_text (dialog, "to"));
  run_job (self, job);
}

static GtkWidget *
form_content (ZbCommitteeWindow *self,
              AdwMessageDialog  *dialog,
              ZbCommitteeMember *term)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  GtkWidget *search = gtk_search_entry_new ();
  GtkWidget *members = member_list (self, term ? zb_committee_member_get_member_id (term) : NULL);
  GtkWidget *scroller = gtk_scrolled_window_new ();
  GtkWidget *fields = gtk_list_box_new ();
  GtkWidget *role = role_row (dialog, term ? zb_committee_member_get_role (term) : NULL);
  GtkWidget *from = date_row (_("Start of the term (year-month-day)"),
                              term ? zb_committee_member_get_from_date (term) : NULL);
  GtkWidget *to = date_row (_("End of the term (empty while it runs)"),
                            term ? zb_committee_member_get_to_date (term) : NULL);

  g_object_set (search, "placeholder-text", _("Search the full members by name"), NULL);
  gtk_list_box_set_filter_func (GTK_LIST_BOX (members), member_matches, search, NULL);
  g_signal_connect_object (search, "search-changed", G_CALLBACK (search_changed_cb), members, 0);
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scroller), GTK_POLICY_NEVER,
                                  GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_min_content_height (GTK_SCROLLED_WINDOW (scroller), 180);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scroller), members);

  gtk_list_box_set_selection_mode (GTK_LIST_BOX (fields), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (fields, "boxed-list");
  gtk_list_box_append (GTK_LIST_BOX (fields), role);
  gtk_list_box_append (GTK_LIST_BOX (fields), from);
  gtk_list_box_append (GTK_LIST_BOX (fields), to);

  gtk_box_append (GTK_BOX (box), search);
  gtk_box_append (GTK_BOX (box), scroller);
  gtk_box_append (GTK_BOX (box), fields);
  g_object_set_data (G_OBJECT (dialog), "search", search);
  g_object_set_data (G_OBJECT (dialog), "members", members);
  g_object_set_data (G_OBJECT (dialog), "role", role);
  g_object_set_data (G_OBJECT (dialog), "from", from);
  g_object_set_data (G_OBJECT (dialog), "to", to);
  return box;
}

static AdwMessageDialog *
open_form (ZbCommitteeWindow *self,
           ZbCommitteeMember *term,
           const char        *problem)
{
  gboolean stored = term != NULL && zb_committee_member_get_id (term) != NULL;
  AdwMessageDialog *dialog;

  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_WINDOW (self),
                                                       stored ? _("Correct the Term")
                                                              : _("Add a Committee Member"),
                                                       problem));
  gtk_widget_set_size_request (GTK_WIDGET (dialog), 480, -1);
  adw_message_dialog_set_extra_child (dialog, form_content (self, dialog, term));
  adw_message_dialog_add_responses (dialog, "cancel", _("_Cancel"), "save", _("_Save"), NULL);
  adw_message_dialog_set_response_appearance (dialog, "save", ADW_RESPONSE_SUGGESTED);
  g_object_set_data_full (G_OBJECT (dialog), "term-id",
                          g_strdup (stored ? zb_committee_member_get_id (term) : NULL), g_free);
  g_signal_connect_object (dialog, "response", G_CALLBACK (form_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
  return dialog;
}

/* The form for a new term (@term NULL) or for correcting one. */
AdwMessageDialog *
zb_committee_window_open_form (ZbCommitteeWindow *self,
                               ZbCommitteeMember *term)
{
  return open_form (self, term, NULL);
}

static void
add_action (GtkWidget  *widget,
            const char *action_name,
            GVariant   *parameter)
{
  zb_committee_window_open_form (ZB_COMMITTEE_WINDOW (widget), NULL);
}

static void
zb_committee_window_dispose (GObject *object)
{
  ZbCommitteeWindow *self = (ZbCommitteeWindow *)object;

  g_cancellable_cancel (self->cancellable);
  gtk_widget_dispose_template (GTK_WIDGET (self), ZB_TYPE_COMMITTEE_WINDOW);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->store);
  g_clear_pointer (&self->rows, g_ptr_array_unref);

  G_OBJECT_CLASS (zb_committee_window_parent_class)->dispose (object);
}

static void
zb_committee_window_class_init (ZbCommitteeWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = zb_committee_window_dispose;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/zhibu/Zhibu/ui/zb-committee-window.ui");
  gtk_widget_class_bind_template_child (widget_class, ZbCommitteeWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, ZbCommitteeWindow, current_group);
  gtk_widget_class_bind_template_child (widget_class, ZbCommitteeWindow, past_group);
  gtk_widget_class_install_action (widget_class, "committee.add", NULL, add_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
zb_committee_window_init (ZbCommitteeWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->cancellable = g_cancellable_new ();
  self->rows = g_ptr_array_new ();
}

ZbCommitteeWindow *
zb_committee_window_new (ZbStore *store)
{
  ZbCommitteeWindow *self = g_object_new (ZB_TYPE_COMMITTEE_WINDOW, NULL);

  self->store = g_object_ref (store);
  reload (self);
  return self;
}

gboolean
zb_committee_window_is_busy (ZbCommitteeWindow *self)
{
  return self->busy > 0;
}

guint
zb_committee_window_get_n_current (ZbCommitteeWindow *self)
{
  return self->n_current;
}

guint
zb_committee_window_get_n_past (ZbCommitteeWindow *self)
{
  return self->n_past;
}
