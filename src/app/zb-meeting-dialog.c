#define G_LOG_DOMAIN "zb-meeting-dialog"

#include "config.h"

#include <glib/gi18n.h>

#include "zb-date.h"
#include "zb-meeting-dialog.h"
#include "zb-member-rules.h"
#include "zb-widget-util.h"

struct _ZbMeetingDialog
{
  AdwWindow            parent_instance;

  GtkWidget           *create_button;
  GtkRevealer         *banner_revealer;
  GtkLabel            *banner_label;
  AdwComboRow         *type_row;
  AdwEntryRow         *title_row;
  AdwEntryRow         *date_row;
  AdwEntryRow         *start_row;
  AdwEntryRow         *place_row;
  AdwComboRow         *group_row;
  GtkDropDown         *chair_row;      /* searchable: a branch may have a hundred members */
  GtkDropDown         *recorder_row;
  AdwPreferencesGroup *first_item_group;
  AdwComboRow         *template_row;

  ZbStore             *store;
  GCancellable        *cancellable;
  GPtrArray           *member_ids;   /* by position in the chair and recorder lists */
  GStrv                groups;
  GListModel          *templates;
  char                *suggested_title;
  char                *loaded;       /* the form when it was ready, to tell an edit */
  gboolean             ready;
};

G_DEFINE_FINAL_TYPE (ZbMeetingDialog, zb_meeting_dialog, ADW_TYPE_WINDOW)

enum {
  CREATED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* What the form offers, read off the main thread. */
typedef struct
{
  GListModel *members;
  GStrv       groups;
  GListModel *templates;
} Choices;

static void
choices_free (Choices *choices)
{
  g_clear_object (&choices->members);
  g_clear_pointer (&choices->groups, g_strfreev);
  g_clear_object (&choices->templates);
  g_free (choices);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Choices, choices_free)

static const ZbMeetingType *
selected_type (ZbMeetingDialog *self)
{
  guint n_types;
  const ZbMeetingType *types = zb_meeting_types (&n_types);
  guint selected = adw_combo_row_get_selected (self->type_row);

  return selected < n_types ? &types[selected] : NULL;
}

static void
show_banner (ZbMeetingDialog *self,
             const char      *message)
{
  gtk_label_set_text (self->banner_label, message);
  gtk_revealer_set_reveal_child (self->banner_revealer, message != NULL);
}

/* Until the user writes a title of their own, the type names the meeting. */
static void
type_changed_cb (ZbMeetingDialog *self)
{
  const ZbMeetingType *type = selected_type (self);
  const char *title = gtk_editable_get_text (GTK_EDITABLE (self->title_row));

  if (type == NULL)
    return;

  gtk_widget_set_visible (GTK_WIDGET (self->group_row), type->per_group);
  gtk_widget_set_visible (GTK_WIDGET (self->first_item_group), type->first_item);
  if (*title == '\0' || g_strcmp0 (title, self->suggested_title) == 0)
    {
      g_free (self->suggested_title);
      self->suggested_title = g_strdup (_(type->label));
      gtk_editable_set_text (GTK_EDITABLE (self->title_row), self->suggested_title);
    }
}

static GtkStringList *
type_labels (void)
{
  guint n_types;
  const ZbMeetingType *types = zb_meeting_types (&n_types);
  GtkStringList *labels = gtk_string_list_new (NULL);

  for (guint i = 0; i < n_types; i++)
    gtk_string_list_append (labels, _(types[i].label));
  return labels;
}

static void
load_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  g_autoptr(Choices) choices = g_new0 (Choices, 1);
  GError *error = NULL;

  if ((choices->members = zb_store_list_members (source_object, FALSE, &error)) == NULL ||
      (choices->groups = zb_store_list_party_groups (source_object, &error)) == NULL ||
      (choices->templates = zb_store_list_first_item_templates (source_object, &error)) == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  g_task_return_pointer (task, g_steal_pointer (&choices), (GDestroyNotify) choices_free);
}

/* Only members of the Party chair and record a Party meeting. */
static void
fill_people (ZbMeetingDialog *self,
             GListModel      *members)
{
  g_autoptr(GtkStringList) chairs = gtk_string_list_new (NULL);
  g_autoptr(GtkStringList) recorders = NULL;

  g_ptr_array_add (self->member_ids, NULL);
  gtk_string_list_append (chairs, _("Not yet chosen"));
  for (guint i = 0; i < g_list_model_get_n_items (members); i++)
    {
      g_autoptr(ZbMember) m = g_list_model_get_item (members, i);

      if (!zb_member_in_party (m))
        continue;
      g_ptr_array_add (self->member_ids, g_strdup (zb_member_get_id (m)));
      gtk_string_list_append (chairs, zb_member_get (m, ZB_MEMBER_FIELD_NAME));
    }

  recorders = gtk_string_list_new (NULL);
  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (chairs)); i++)
    gtk_string_list_append (recorders, gtk_string_list_get_string (chairs, i));
  gtk_drop_down_set_model (self->chair_row, G_LIST_MODEL (chairs));
  gtk_drop_down_set_model (self->recorder_row, G_LIST_MODEL (recorders));
}

static void
fill_choices (ZbMeetingDialog *self,
              Choices         *choices)
{
  g_autoptr(GtkStringList) groups = gtk_string_list_new ((const char * const *) choices->groups);
  g_autoptr(GtkStringList) templates = gtk_string_list_new (NULL);

  fill_people (self, choices->members);
  adw_combo_row_set_model (self->group_row, G_LIST_MODEL (groups));
  self->groups = g_steal_pointer (&choices->groups);

  for (guint i = 0; i < g_list_model_get_n_items (choices->templates); i++)
    {
      g_autoptr(ZbFirstItemTemplate) t = g_list_model_get_item (choices->templates, i);

      gtk_string_list_append (templates, zb_first_item_template_get_title (t));
    }
  adw_combo_row_set_model (self->template_row, G_LIST_MODEL (templates));
  self->templates = g_steal_pointer (&choices->templates);
}

/* The form's values in one string, to tell whether anything was edited. */
static char *
form_fingerprint (ZbMeetingDialog *self)
{
  return g_strdup_printf ("%u\x1f%s\x1f%s\x1f%s\x1f%s\x1f%u\x1f%u\x1f%u\x1f%u",
                          adw_combo_row_get_selected (self->type_row),
                          gtk_editable_get_text (GTK_EDITABLE (self->title_row)),
                          gtk_editable_get_text (GTK_EDITABLE (self->date_row)),
                          gtk_editable_get_text (GTK_EDITABLE (self->start_row)),
                          gtk_editable_get_text (GTK_EDITABLE (self->place_row)),
                          adw_combo_row_get_selected (self->group_row),
                          gtk_drop_down_get_selected (self->chair_row),
                          gtk_drop_down_get_selected (self->recorder_row),
                          adw_combo_row_get_selected (self->template_row));
}

gboolean
zb_meeting_dialog_is_edited (ZbMeetingDialog *self)
{
  g_autofree char *now = NULL;

  if (!self->ready)
    return FALSE;
  now = form_fingerprint (self);
  return g_strcmp0 (now, self->loaded) != 0;
}

/* Esc, Cancel and the window's close: an edited form asks first. */
static gboolean
zb_meeting_dialog_close_request (GtkWindow *window)
{
  if (zb_form_ask_discard (window, zb_meeting_dialog_is_edited (ZB_MEETING_DIALOG (window)),
                           _("The new meeting has not been created.")))
    return TRUE;

  return GTK_WINDOW_CLASS (zb_meeting_dialog_parent_class)->close_request (window);
}

static void
load_done_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(ZbMeetingDialog) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(Choices) choices = g_task_propagate_pointer (G_TASK (result), &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  if (choices == NULL)
    {
      show_banner (self, error->message);
      return;
    }

  fill_choices (self, choices);
  self->ready = TRUE;
  self->loaded = form_fingerprint (self);
  gtk_widget_set_sensitive (self->create_button, TRUE);
  /* The title is what one types first; Enter in any text field creates. */
  gtk_widget_grab_focus (GTK_WIDGET (self->title_row));
}

static const char *
selected_member (ZbMeetingDialog *self,
                 GtkDropDown     *row)
{
  guint selected = gtk_drop_down_get_selected (row);

  return selected < self->member_ids->len ? g_ptr_array_index (self->member_ids, selected) : NULL;
}

static ZbMeeting *
read_form (ZbMeetingDialog *self)
{
  const ZbMeetingType *type = selected_type (self);
  ZbMeeting *meeting = zb_meeting_new ();
  guint group = adw_combo_row_get_selected (self->group_row);
  const char *typed = zb_editable_text_or_null (self->date_row);
  /* Dates as office workers type them: 2026/11/5, 2026.11.5, 2026年11月5日. */
  g_autofree char *date = typed ? zb_date_normalise_input (typed) : NULL;

  zb_meeting_set_type_code (meeting, type ? type->code : NULL);
  zb_meeting_set_title (meeting, zb_editable_text_or_null (self->title_row));
  zb_meeting_set_date (meeting, date ? date : zb_editable_text_or_null (self->date_row));
  zb_meeting_set_start_time (meeting, zb_editable_text_or_null (self->start_row));
  zb_meeting_set_place (meeting, zb_editable_text_or_null (self->place_row));
  if (type && type->per_group && self->groups && group < g_strv_length (self->groups))
    zb_meeting_set_party_group (meeting, self->groups[group]);
  zb_meeting_set_chair_id (meeting, selected_member (self, self->chair_row));
  zb_meeting_set_recorder_id (meeting, selected_member (self, self->recorder_row));
  return meeting;
}

/* The template's structure and prompts, for the user to replace. */
static ZbFirstItem *
read_first_item (ZbMeetingDialog *self)
{
  const ZbMeetingType *type = selected_type (self);
  guint selected = adw_combo_row_get_selected (self->template_row);
  g_autoptr(ZbFirstItemTemplate) template = NULL;
  ZbFirstItem *first;

  if (type == NULL || !type->first_item || self->templates == NULL ||
      selected >= g_list_model_get_n_items (self->templates))
    return NULL;

  template = g_list_model_get_item (self->templates, selected);
  first = zb_first_item_new ();
  zb_first_item_template_apply (template, first);
  return first;
}

typedef struct
{
  ZbMeeting   *meeting;
  ZbFirstItem *first;
} CreateJob;

static void
create_job_free (CreateJob *job)
{
  g_clear_object (&job->meeting);
  g_clear_object (&job->first);
  g_free (job);
}

static void
create_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  CreateJob *job = task_data;
  GError *error = NULL;
  char *id = zb_store_add_meeting_with_first_item (source_object, job->meeting, job->first,
                                                   &error);

  if (id != NULL)
    g_task_return_pointer (task, id, g_free);
  else
    g_task_return_error (task, error);
}

static void
create_done_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(ZbMeetingDialog) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *id = g_task_propagate_pointer (G_TASK (result), &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  gtk_widget_set_sensitive (self->create_button, TRUE);
  if (id == NULL)
    {
      show_banner (self, error->message);
      return;
    }

  g_signal_emit (self, signals[CREATED], 0, id);
  gtk_window_destroy (GTK_WINDOW (self));
}

void
zb_meeting_dialog_create (ZbMeetingDialog *self)
{
  g_autoptr(GTask) task = NULL;
  CreateJob *job;
  GDate date;

  g_return_if_fail (ZB_IS_MEETING_DIALOG (self));

  if (!self->ready)
    return;

  if (zb_editable_text_or_null (self->date_row) == NULL ||
      !zb_date_parse_input (zb_editable_text_or_null (self->date_row), &date))
    {
      show_banner (self, _("Date: write it as year-month-day, such as 2026-11-05"));
      gtk_widget_grab_focus (GTK_WIDGET (self->date_row));
      return;
    }

  job = g_new0 (CreateJob, 1);
  job->meeting = read_form (self);
  job->first = read_first_item (self);
  show_banner (self, NULL);
  gtk_widget_set_sensitive (self->create_button, FALSE);

  task = g_task_new (self->store, self->cancellable, create_done_cb, g_object_ref (self));
  g_task_set_source_tag (task, zb_meeting_dialog_create);
  g_task_set_task_data (task, job, (GDestroyNotify) create_job_free);
  g_task_run_in_thread (task, create_thread);
}

static void
create_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  zb_meeting_dialog_create (ZB_MEETING_DIALOG (widget));
}

static void
zb_meeting_dialog_dispose (GObject *object)
{
  ZbMeetingDialog *self = (ZbMeetingDialog *)object;

  g_cancellable_cancel (self->cancellable);
  gtk_widget_dispose_template (GTK_WIDGET (self), ZB_TYPE_MEETING_DIALOG);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->store);
  g_clear_object (&self->templates);
  g_clear_pointer (&self->member_ids, g_ptr_array_unref);
  g_clear_pointer (&self->groups, g_strfreev);
  g_clear_pointer (&self->suggested_title, g_free);
  g_clear_pointer (&self->loaded, g_free);

  G_OBJECT_CLASS (zb_meeting_dialog_parent_class)->dispose (object);
}

static void
zb_meeting_dialog_class_init (ZbMeetingDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = zb_meeting_dialog_dispose;
  GTK_WINDOW_CLASS (klass)->close_request = zb_meeting_dialog_close_request;

  signals[CREATED] =
    g_signal_new ("created", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_STRING);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/zhibu/Zhibu/ui/zb-meeting-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, ZbMeetingDialog, create_button);
  gtk_widget_class_bind_template_child (widget_class, ZbMeetingDialog, banner_revealer);
  gtk_widget_class_bind_template_child (widget_class, ZbMeetingDialog, banner_label);
  gtk_widget_class_bind_template_child (widget_class, ZbMeetingDialog, type_row);
  gtk_widget_class_bind_template_child (widget_class, ZbMeetingDialog, title_row);
  gtk_widget_class_bind_template_child (widget_class, ZbMeetingDialog, date_row);
  gtk_widget_class_bind_template_child (widget_class, ZbMeetingDialog, start_row);
  gtk_widget_class_bind_template_child (widget_class, ZbMeetingDialog, place_row);
  gtk_widget_class_bind_template_child (widget_class, ZbMeetingDialog, group_row);
  gtk_widget_class_bind_template_child (widget_class, ZbMeetingDialog, chair_row);
  gtk_widget_class_bind_template_child (widget_class, ZbMeetingDialog, recorder_row);
  gtk_widget_class_bind_template_child (widget_class, ZbMeetingDialog, first_item_group);
  gtk_widget_class_bind_template_child (widget_class, ZbMeetingDialog, template_row);
  gtk_widget_class_install_action (widget_class, "dialog.create", NULL, create_action);
}

static void
zb_meeting_dialog_init (ZbMeetingDialog *self)
{
  g_autoptr(GtkStringList) types = type_labels ();
  g_autofree char *today = zb_date_today_iso ();

  gtk_widget_init_template (GTK_WIDGET (self));
  zb_drop_down_set_label (self->chair_row, _("Chair"));
  zb_drop_down_set_label (self->recorder_row, _("Recorder"));
  self->cancellable = g_cancellable_new ();
  self->member_ids = g_ptr_array_new_with_free_func (g_free);

  adw_combo_row_set_model (self->type_row, G_LIST_MODEL (types));
  g_signal_connect_object (self->type_row, "notify::selected", G_CALLBACK (type_changed_cb),
                           self, G_CONNECT_SWAPPED);
  gtk_editable_set_text (GTK_EDITABLE (self->date_row), today);
  type_changed_cb (self);
}

ZbMeetingDialog *
zb_meeting_dialog_new (ZbStore *store)
{
  ZbMeetingDialog *self = g_object_new (ZB_TYPE_MEETING_DIALOG, NULL);
  g_autoptr(GTask) task = NULL;

  self->store = g_object_ref (store);
  task = g_task_new (store, self->cancellable, load_done_cb, g_object_ref (self));
  g_task_set_source_tag (task, zb_meeting_dialog_new);
  g_task_run_in_thread (task, load_thread);
  return self;
}

gboolean
zb_meeting_dialog_is_ready (ZbMeetingDialog *self)
{
  return self->ready;
}

void
zb_meeting_dialog_set_type (ZbMeetingDialog *self,
                            const char      *type)
{
  guint n_types;
  const ZbMeetingType *types = zb_meeting_types (&n_types);

  for (guint i = 0; i < n_types; i++)
    if (g_str_equal (types[i].code, type))
      adw_combo_row_set_selected (self->type_row, i);
}

void
zb_meeting_dialog_set_title (ZbMeetingDialog *self,
                             const char      *title)
{
  gtk_editable_set_text (GTK_EDITABLE (self->title_row), title);
}

void
zb_meeting_dialog_set_date (ZbMeetingDialog *self,
                            const char      *date)
{
  gtk_editable_set_text (GTK_EDITABLE (self->date_row), date);
}

static void
select_member (ZbMeetingDialog *self,
               GtkDropDown     *row,
               const char      *member_id)
{
  for (guint i = 1; i < self->member_ids->len; i++)
    if (g_strcmp0 (g_ptr_array_index (self->member_ids, i), member_id) == 0)
      gtk_drop_down_set_selected (row, i);
}

void
zb_meeting_dialog_set_signers (ZbMeetingDialog *self,
                               const char      *chair_id,
                               const char      *recorder_id)
{
  g_return_if_fail (self->ready);

  select_member (self, self->chair_row, chair_id);
  select_member (self, self->recorder_row, recorder_id);
}
