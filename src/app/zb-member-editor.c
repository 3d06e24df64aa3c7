#define G_LOG_DOMAIN "zb-member-editor"

#include "config.h"

#include <stdio.h>

#include <glib/gi18n.h>

#include "zb-archive-dialog.h"
#include "zb-date.h"
#include "zb-member-editor.h"
#include "zb-member-rules.h"
#include "zb-print.h"
#include "zb-transfer-in-dialog.h"
#include "zb-widget-util.h"

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
  GtkStringList        *groups;     /* the branch's party groups, for the list */
  char                 *loaded;     /* the form as it opened, to tell an edit */
  /* A new member's transfer in (转入), or NULL for a member on the roster. */
  GtkEditable          *from_row;
  GtkEditable          *letter_row;
  GtkEditable          *transfer_date_row;
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

/* 学历 as the national statistics and the Party's member records (党员信息
 *采集表) write it; anything else can still be typed. */
static const char * const education_levels[] = {
  N_("Postgraduate"), N_("University"), N_("College"), N_("Technical secondary school"),
  N_("Senior secondary school"), N_("Junior secondary school or below"), NULL,
};

static void
choice_activated_cb (GtkListBox    *list,
                     GtkListBoxRow *row,
                     GtkWidget     *entry_row)
{
  GtkWidget *label = gtk_list_box_row_get_child (row);

  gtk_editable_set_text (GTK_EDITABLE (entry_row), gtk_label_get_text (GTK_LABEL (label)));
  gtk_popover_popdown (GTK_POPOVER (gtk_widget_get_ancestor (GTK_WIDGET (list),
                                                             GTK_TYPE_POPOVER)));
  gtk_widget_grab_focus (entry_row);
}

static GtkWidget *
create_choice_label (gpointer item,
                     gpointer user_data)
{
  GtkWidget *label = gtk_label_new (gtk_string_object_get_string (item));

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_widget_set_margin_start (label, 6);
  gtk_widget_set_margin_end (label, 6);
  gtk_widget_set_margin_top (label, 6);
  gtk_widget_set_margin_bottom (label, 6);
  return label;
}

/* A text row with a list beside it (学历, 党小组): choosing fills the text,
 * which stays editable for whatever the list lacks. */
static GtkWidget *
create_choice_entry (GListModel *choices,
                     const char *button_name)
{
  GtkWidget *row = adw_entry_row_new ();
  GtkWidget *button = gtk_menu_button_new ();
  GtkWidget *popover = gtk_popover_new ();
  GtkWidget *list = gtk_list_box_new ();

  gtk_list_box_bind_model (GTK_LIST_BOX (list), choices, create_choice_label, NULL, NULL);
  gtk_list_box_set_selection_mode (GTK_LIST_BOX (list), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (list, "navigation-sidebar");
  g_signal_connect (list, "row-activated", G_CALLBACK (choice_activated_cb), row);
  gtk_popover_set_child (GTK_POPOVER (popover), list);
  gtk_menu_button_set_popover (GTK_MENU_BUTTON (button), popover);
  gtk_menu_button_set_icon_name (GTK_MENU_BUTTON (button), "pan-down-symbolic");
  gtk_widget_set_tooltip_text (button, button_name);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  button_name, -1);
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (button, "flat");
  adw_entry_row_add_suffix (ADW_ENTRY_ROW (row), button);
  g_object_set_data (G_OBJECT (row), "choices", list);
  return row;
}

static void
day_selected_cb (GtkCalendar *calendar,
                 GtkWidget   *entry_row)
{
  g_autoptr(GDateTime) day = gtk_calendar_get_date (calendar);
  g_autofree char *iso = g_date_time_format (day, "%Y-%m-%d");

  gtk_editable_set_text (GTK_EDITABLE (entry_row), iso);
  gtk_popover_popdown (GTK_POPOVER (gtk_widget_get_ancestor (GTK_WIDGET (calendar),
                                                             GTK_TYPE_POPOVER)));
  gtk_widget_grab_focus (entry_row);
}

/* The calendar opens on the date typed, when there is one. */
static void
calendar_show_cb (GtkPopover *popover,
                  GtkWidget  *entry_row)
{
  GtkCalendar *calendar = GTK_CALENDAR (gtk_popover_get_child (popover));
  g_autofree char *iso = zb_date_normalise_input (gtk_editable_get_text (GTK_EDITABLE (entry_row)));
  int year, month, day;

  if (iso == NULL || sscanf (iso, "%d-%d-%d", &year, &month, &day) != 3)
    return;

  {
    g_autoptr(GDateTime) date = g_date_time_new_local (year, month, day, 0, 0, 0);

    if (date != NULL)
      {
        g_signal_handlers_block_by_func (calendar, day_selected_cb, entry_row);
        gtk_calendar_select_day (calendar, date);
        g_signal_handlers_unblock_by_func (calendar, day_selected_cb, entry_row);
      }
  }
}

/* A date is typed as office workers type it (2015/7/1, 2015年7月1日) or
 * chosen from a calendar beside it. */
static GtkWidget *
create_date_row (void)
{
  GtkWidget *row = adw_entry_row_new ();
  GtkWidget *button = gtk_menu_button_new ();
  GtkWidget *popover = gtk_popover_new ();
  GtkWidget *calendar = gtk_calendar_new ();

  g_signal_connect (calendar, "day-selected", G_CALLBACK (day_selected_cb), row);
  g_signal_connect (popover, "show", G_CALLBACK (calendar_show_cb), row);
  gtk_popover_set_child (GTK_POPOVER (popover), calendar);
  gtk_menu_button_set_popover (GTK_MENU_BUTTON (button), popover);
  gtk_menu_button_set_icon_name (GTK_MENU_BUTTON (button), "x-office-calendar-symbolic");
  gtk_widget_set_tooltip_text (button, _("Choose a date"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Choose a date"), -1);
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (button, "flat");
  adw_entry_row_add_suffix (ADW_ENTRY_ROW (row), button);
  g_object_set_data (G_OBJECT (row), "calendar", calendar);
  return row;
}

static GtkWidget *
create_row (ZbMemberEditor *self,
            ZbMemberField   field)
{
  const ZbFieldInfo *info = zb_member_field_info (field);
  GtkWidget *row;

  if (field == ZB_MEMBER_FIELD_EDUCATION)
    {
      g_autoptr(GtkStringList) levels = gtk_string_list_new (NULL);

      for (guint i = 0; education_levels[i]; i++)
        gtk_string_list_append (levels, _(education_levels[i]));
      row = create_choice_entry (G_LIST_MODEL (levels), _("Choose the education"));
    }
  else if (field == ZB_MEMBER_FIELD_PARTY_GROUP)
    row = create_choice_entry (G_LIST_MODEL (self->groups), _("Choose a party group"));
  else switch (info->kind)
    {
    case ZB_FIELD_KIND_ENUM:
      row = create_enum_row (field);
      break;
    case ZB_FIELD_KIND_BOOL:
      row = create_bool_row ();
      break;
    case ZB_FIELD_KIND_DATE:
      row = create_date_row ();
      break;
    default:
      row = adw_entry_row_new ();
      break;
    }

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _(info->label));
  return row;
}

/* The lowest category each field applies to (DOMAIN.md section 1 and the
 * Recruitment Rules, 《中国共产党发展党员工作细则》): an applicant has only
 * applied; the activist, candidate and admission dates come with each step,
 * the full membership date with 转正; status, 留党察看 and the flowing and
 * out-of-contact flags belong to members (the Constitution, articles 7
 * and 40). Categories rank applicant 0 … full member 4. */
static int
category_rank (const char *category)
{
  static const char * const order[] = { ZB_CATEGORY_APPLICANT, ZB_CATEGORY_ACTIVIST,
                                        ZB_CATEGORY_CANDIDATE, ZB_CATEGORY_PROBATIONARY,
                                        ZB_CATEGORY_FULL };

  for (guint i = 0; i < G_N_ELEMENTS (order); i++)
    if (g_strcmp0 (order[i], category) == 0)
      return i;
  return G_N_ELEMENTS (order) - 1;
}

static int
field_min_rank (ZbMemberField field)
{
  switch (field)
    {
    case ZB_MEMBER_FIELD_ACTIVIST_DATE:
      return 1;
    case ZB_MEMBER_FIELD_CANDIDATE_DATE:
      return 2;
    case ZB_MEMBER_FIELD_JOINED_DATE:
    case ZB_MEMBER_FIELD_PROBATION_END:
    case ZB_MEMBER_FIELD_STATUS:
    case ZB_MEMBER_FIELD_STATUS_DATE:
    case ZB_MEMBER_FIELD_STATUS_REASON:
    case ZB_MEMBER_FIELD_DISCIPLINE_START:
    case ZB_MEMBER_FIELD_DISCIPLINE_END:
    case ZB_MEMBER_FIELD_FLOWING:
    case ZB_MEMBER_FIELD_LOST_CONTACT:
      return 3;
    case ZB_MEMBER_FIELD_FULL_DATE:
      return 4;
    default:
      return 0;
    }
}

static const char *
read_enum (GtkWidget     *row,
           ZbMemberField  field);

/* Shows the fields that apply to the chosen category; a field that holds
 * text stays visible whatever the category, so that nothing is hidden. */
static void
update_visible_fields (ZbMemberEditor *self)
{
  int rank = category_rank (read_enum (self->rows[ZB_MEMBER_FIELD_CATEGORY],
                                       ZB_MEMBER_FIELD_CATEGORY));

  for (guint f = 0; f < ZB_MEMBER_N_FIELDS; f++)
    {
      gboolean applies = field_min_rank (f) <= rank;

      if (!applies && GTK_IS_EDITABLE (self->rows[f]))
        applies = *gtk_editable_get_text (GTK_EDITABLE (self->rows[f])) != '\0';
      gtk_widget_set_visible (self->rows[f], applies);
    }
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
          self->rows[f] = create_row (self, f);
          self->errors[f] = create_error_row ();
          adw_preferences_group_add (group, self->rows[f]);
          adw_preferences_group_add (group, self->errors[f]);
        }
      adw_preferences_page_add (self->page, group);
    }
  g_signal_connect_swapped (self->rows[ZB_MEMBER_FIELD_CATEGORY], "notify::selected",
                            G_CALLBACK (update_visible_fields), self);
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

/* The form's values in one string, to tell whether anything was edited. */
static char *
form_fingerprint (ZbMemberEditor *self)
{
  g_autoptr(ZbMember) member = read_form (self);
  GString *text = g_string_new (NULL);

  for (guint f = 0; f < ZB_MEMBER_N_FIELDS; f++)
    {
      g_string_append (text, zb_member_get (member, f) ? zb_member_get (member, f) : "");
      g_string_append_c (text, '\x1f');
    }
  if (self->from_row != NULL)
    g_string_append_printf (text, "%s\x1f%s", gtk_editable_get_text (self->from_row),
                            gtk_editable_get_text (self->letter_row));
  return g_string_free (text, FALSE);
}

gboolean
zb_member_editor_is_edited (ZbMemberEditor *self)
{
  g_autofree char *now = form_fingerprint (self);

  return g_strcmp0 (now, self->loaded) != 0;
}

/* Esc and the window's close both come here: an edited form asks first. */
static gboolean
zb_member_editor_close_request (GtkWindow *window)
{
  if (zb_form_ask_discard (window, zb_member_editor_is_edited (ZB_MEMBER_EDITOR (window)),
                           _("The changes to this person’s record have not been saved.")))
    return TRUE;

  return GTK_WINDOW_CLASS (zb_member_editor_parent_class)->close_request (window);
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
saved (ZbMemberEditor *self,
       const char     *id,
       const GError   *error)
{
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

static void
save_done_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(ZbMemberEditor) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *id = zb_store_save_member_finish (ZB_STORE (object), result, &error);

  saved (self, id, error);
}

/* ---- a new member's transfer in (转入) ---------------------------------- */

typedef struct
{
  ZbMember *member;
  char     *date;
  char     *organisation;
  char     *letter;
} TransferIn;

static void
transfer_in_free (TransferIn *job)
{
  g_clear_object (&job->member);
  g_free (job->date);
  g_free (job->organisation);
  g_free (job->letter);
  g_free (job);
}

static void
transfer_in_thread (GTask        *task,
                    gpointer      source,
                    gpointer      task_data,
                    GCancellable *cancellable)
{
  TransferIn *job = task_data;
  GError *error = NULL;
  char *id = zb_store_add_member_transferred_in (source, job->member, job->date,
                                                 job->organisation, job->letter, &error);

  if (id != NULL)
    g_task_return_pointer (task, id, g_free);
  else
    g_task_return_error (task, error);
}

static void
transfer_in_done_cb (GObject      *object,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  g_autoptr(ZbMemberEditor) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *id = g_task_propagate_pointer (G_TASK (result), &error);

  saved (self, id, error);
}

/* The new member with their transfer in, one transaction; the day typed
 * the way offices write dates, or as typed for the store to name. */
static void
save_transferred_in (ZbMemberEditor *self,
                     ZbMember       *member)
{
  g_autoptr(GTask) task = g_task_new (self->store, self->cancellable, transfer_in_done_cb,
                                      g_object_ref (self));
  TransferIn *job = g_new0 (TransferIn, 1);

  job->member = g_object_ref (member);
  job->date = zb_date_normalise_or_typed (gtk_editable_get_text (self->transfer_date_row));
  job->organisation = g_strdup (zb_editable_text_or_null (self->from_row));
  job->letter = g_strdup (zb_editable_text_or_null (self->letter_row));
  g_task_set_source_tag (task, save_transferred_in);
  g_task_set_task_data (task, job, (GDestroyNotify) transfer_in_free);
  g_task_run_in_thread (task, transfer_in_thread);
}

/* A new member whose organisational relationship comes from another party
 * organisation: where from, the letter and the day, recorded with them. */
static void
add_transfer_in_group (ZbMemberEditor *self)
{
  AdwPreferencesGroup *group = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());

  adw_preferences_group_set_title (group, _("Transferred In"));
  adw_preferences_group_set_description (group, _("For a member whose organisational "
                                                  "relationship comes from another party "
                                                  "organisation; leave empty otherwise"));
  zb_transfer_in_rows_add (group, &self->from_row, &self->letter_row, &self->transfer_date_row);
  adw_preferences_page_add (self->page, group);
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
  if (self->from_row != NULL && zb_editable_text_or_null (self->from_row) != NULL)
    save_transferred_in (self, member);
  else
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
  g_clear_object (&self->groups);
  g_clear_pointer (&self->loaded, g_free);

  G_OBJECT_CLASS (zb_member_editor_parent_class)->dispose (object);
}

static void
archived_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(ZbMemberEditor) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *transfer_id = NULL;
  g_autoptr(ZbMember) before = zb_archive_dialog_finish (result, &transfer_id, &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  if (before == NULL)
    {
      show_banner (self, error->message);
      return;
    }
  g_signal_emit (self, signals[ARCHIVED], 0, before, transfer_id);
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

/* The newest transfer out of the person, for its letter. */
static void
letter_thread (GTask        *task,
               gpointer      source,
               gpointer      task_data,
               GCancellable *cancellable)
{
  GError *error = NULL;
  g_autoptr(GListModel) transfers = zb_store_list_transfers (source, task_data, &error);
  char *id = NULL;

  if (transfers == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  for (guint i = 0; i < g_list_model_get_n_items (transfers); i++)
    {
      g_autoptr(ZbTransfer) transfer = g_list_model_get_item (transfers, i);

      if (!zb_transfer_is_incoming (transfer))
        {
          g_free (id);
          id = g_strdup (zb_transfer_get_id (transfer));
        }
    }
  if (id != NULL)
    g_task_return_pointer (task, id, g_free);
  else
    g_task_return_new_error (task, ZB_MEMBER_ERROR, ZB_MEMBER_ERROR_NOT_FOUND,
                             _("No transfer out is recorded for this person, so there is no "
                               "letter to print"));
}

static void
letter_done_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(ZbMemberEditor) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *id = g_task_propagate_pointer (G_TASK (result), &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  if (id == NULL)
    show_banner (self, error->message);
  else
    zb_print_transfer (GTK_WINDOW (self), self->store, id);
}

static void
print_letter_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  ZbMemberEditor *self = ZB_MEMBER_EDITOR (widget);
  g_autoptr(GTask) task = g_task_new (self->store, self->cancellable, letter_done_cb,
                                      g_object_ref (self));

  g_task_set_source_tag (task, print_letter_action);
  g_task_set_task_data (task, g_strdup (zb_member_get_id (self->member)), g_free);
  g_task_run_in_thread (task, letter_thread);
}

static void
transferred_back_cb (GObject      *object,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  g_autoptr(ZbMemberEditor) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *transfer_id = zb_transfer_in_dialog_finish (result, &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  if (transfer_id == NULL)
    {
      show_banner (self, error->message);
      return;
    }
  g_signal_emit (self, signals[SAVED], 0, zb_member_get_id (self->member));
  gtk_window_destroy (GTK_WINDOW (self));
}

static void
transfer_back_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  ZbMemberEditor *self = ZB_MEMBER_EDITOR (widget);

  zb_transfer_in_dialog_present (GTK_WINDOW (self), self->store, self->member,
                                 transferred_back_cb, g_object_ref (self));
}

static void
add_action_row (AdwPreferencesGroup *group,
                const char          *title,
                const char          *subtitle,
                const char          *label,
                const char          *action)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *button = gtk_button_new_with_mnemonic (label);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), action);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);
  adw_preferences_group_add (group, row);
}

/* A person transferred out: their introduction letter, printed again, and
 * their relationship's return to the branch, when it comes back. */
static void
add_transferred_out_group (ZbMemberEditor *self)
{
  GtkWidget *group = adw_preferences_group_new ();

  add_action_row (ADW_PREFERENCES_GROUP (group), _("Introduction letter of the transfer"),
                  _("The letter, its counterfoil and receipt, as issued"), _("_Print Letter…"),
                  "editor.print-letter");
  add_action_row (ADW_PREFERENCES_GROUP (group), _("Back in the branch"),
                  _("Their relationship transferred back in: on the roster again from that day"),
                  _("_Transferred Back In…"), "editor.transfer-back");
  adw_preferences_page_add (self->page, ADW_PREFERENCES_GROUP (group));
}

static void
zb_member_editor_class_init (ZbMemberEditorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->dispose = zb_member_editor_dispose;
  window_class->close_request = zb_member_editor_close_request;

  signals[SAVED] =
    g_signal_new ("saved", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_STRING);
  /**
   * ZbMemberEditor::archived:
   * @before: the person as they were, for an undo to save back
   * @transfer_id: (nullable): the transfer a transfer out recorded, for its
   *   introduction letter and its undo
   */
  signals[ARCHIVED] =
    g_signal_new ("archived", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 2, ZB_TYPE_MEMBER, G_TYPE_STRING);
  gtk_widget_class_install_action (widget_class, "editor.archive", NULL, archive_action);
  gtk_widget_class_install_action (widget_class, "editor.print-letter", NULL,
                                   print_letter_action);
  gtk_widget_class_install_action (widget_class, "editor.transfer-back", NULL,
                                   transfer_back_action);

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
  self->groups = gtk_string_list_new (NULL);
  build_form (self);
}

/* Edits @member, or a new person when @member is NULL. */
ZbMemberEditor *
zb_member_editor_new (ZbStore  *store,
                      ZbMember *member)
{
  ZbMemberEditor *self = g_object_new (ZB_TYPE_MEMBER_EDITOR, NULL);
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) groups = zb_store_list_party_groups (store, &error);

  /* Without the list the field is still typed in; the form opens anyway. */
  if (error != NULL)
    g_warning ("Cannot list the party groups: %s", error->message);
  for (guint i = 0; groups && groups[i]; i++)
    gtk_string_list_append (self->groups, groups[i]);

  self->store = g_object_ref (store);
  self->member = member ? zb_member_copy (member) : zb_member_new ();
  if (member == NULL)
    zb_member_set (self->member, ZB_MEMBER_FIELD_STATUS, ZB_STATUS_NORMAL);

  gtk_window_set_title (GTK_WINDOW (self), member ? _("Edit Member") : _("New Member"));
  load_member (self);
  if (member != NULL && !zb_member_is_archived (member))
    add_archive_group (self);
  else if (member != NULL && zb_member_in_party (member) &&
           g_strcmp0 (zb_member_get (member, ZB_MEMBER_FIELD_STATUS),
                      ZB_STATUS_TRANSFERRED_OUT) == 0)
    add_transferred_out_group (self);
  else if (member == NULL)
    add_transfer_in_group (self);
  update_visible_fields (self);
  self->loaded = form_fingerprint (self);
  /* The name first: a new person is typed in from the top. */
  gtk_widget_grab_focus (self->rows[ZB_MEMBER_FIELD_NAME]);
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
zb_member_editor_get_row (ZbMemberEditor *self,
                          ZbMemberField   field)
{
  return self->rows[field];
}

GtkWidget *
zb_member_editor_get_error (ZbMemberEditor *self,
                            ZbMemberField   field)
{
  return self->errors[field];
}
