#define G_LOG_DOMAIN "zb-study-dialog"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "zb-date.h"
#include "zb-member.h"
#include "zb-meeting.h"
#include "zb-points.h"
#include "zb-study-dialog.h"
#include "zb-widget-util.h"

/* Recording a study record: whose it is (a drop-down of the roster in
 * pinyin order, searchable), its kind, the meeting it was in (study in a
 * meeting, or the party lecture given), the day, what was studied, the
 * time spent (minutes, or hours:minutes) and any material. The roster and
 * the year's meetings load in a worker thread, and the store checks and
 * writes the record in another; a refusal stays in the dialog, its field
 * marked by the name the store's message starts with, and "saved" tells the
 * page to read the year again. */

struct _ZbStudyDialog
{
  AdwWindow      parent_instance;

  GtkWidget     *member_row;
  GtkDropDown   *member_drop;
  AdwComboRow   *kind_row;
  GtkStringList *kind_list;
  AdwComboRow   *meeting_row;
  GtkStringList *meeting_list;
  GtkEditable   *date_entry;
  GtkEditable   *title_entry;
  GtkEditable   *minutes_entry;
  GtkEditable   *material_entry;
  GtkLabel      *error_label;
  GtkWidget     *save_button;

  ZbStore       *store;
  guint          year;
  GPtrArray     *member_ids;   /* char *, in the drop-down's order */
  GPtrArray     *meetings;     /* ZbMeeting, after the list's first item "None" */
  GtkWidget     *error_row;    /* the field the refusal names, or NULL */
  GCancellable  *cancellable;
  gboolean       loading;
  gboolean       saving;
};

enum
{
  SAVED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (ZbStudyDialog, zb_study_dialog, ADW_TYPE_WINDOW)

/* The meetings study can be in (DOMAIN.md section 2: 三会一课 and the
 * themed party day), as the store checks them. */
static const char * const study_meeting_types[] = {
  "general", "committee", "group", "lecture", "theme-day", NULL
};

static void
update_sensitive (ZbStudyDialog *self)
{
  gtk_widget_set_sensitive (self->save_button, !self->loading && !self->saving);
}

static void
mark_row (ZbStudyDialog *self,
          GtkWidget     *row)
{
  if (self->error_row != NULL)
    gtk_widget_remove_css_class (self->error_row, "error");
  self->error_row = row;
  if (row != NULL)
    {
      gtk_widget_add_css_class (row, "error");
      gtk_widget_grab_focus (row);
    }
}

/* The field a message is about: the name before its colon, as the store
 * and the limits of zb-limits.c write it ("Minutes: …", "What was studied:
 * …"). */
static GtkWidget *
row_named (ZbStudyDialog *self,
           const char    *message)
{
  struct { const char *name; GtkWidget *row; } fields[] = {
    { _("Member"), self->member_row },
    { _("Date"), GTK_WIDGET (self->date_entry) },
    { C_("study field", "Title"), GTK_WIDGET (self->title_entry) },
    { _("What was studied"), GTK_WIDGET (self->title_entry) },
    { C_("study field", "Minutes"), GTK_WIDGET (self->minutes_entry) },
    { _("Time spent in minutes"), GTK_WIDGET (self->minutes_entry) },
    { _("Meeting"), GTK_WIDGET (self->meeting_row) },
    { _("Material"), GTK_WIDGET (self->material_entry) },
    { _("Kind of study"), GTK_WIDGET (self->kind_row) },
  };
  const char *colon = strstr (message, ":");
  const char *wide = strstr (message, "：");
  g_autofree char *name = NULL;

  if (colon == NULL || (wide != NULL && wide < colon))
    colon = wide;
  if (colon == NULL)
    return NULL;
  name = g_strndup (message, colon - message);
  for (guint i = 0; i < G_N_ELEMENTS (fields); i++)
    if (g_str_equal (name, fields[i].name))
      return fields[i].row;
  return NULL;
}

static void
show_error (ZbStudyDialog *self,
            const char    *message)
{
  gtk_label_set_text (self->error_label, message != NULL ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), message != NULL);
  mark_row (self, message != NULL ? row_named (self, message) : NULL);
}

/* ---- loading the roster and the year's meetings ----------------------- */

typedef struct
{
  guint       year;
  GListModel *members;
  GListModel *meetings;
} Load;

static void
load_free (Load *load)
{
  g_clear_object (&load->members);
  g_clear_object (&load->meetings);
  g_free (load);
}

static void
load_thread (GTask        *task,
             gpointer      source,
             gpointer      task_data,
             GCancellable *cancellable)
{
  Load *load = task_data;
  g_autofree char *from = g_strdup_printf ("%04u-01-01", load->year);
  g_autofree char *to = g_strdup_printf ("%04u-12-31", load->year);
  GError *error = NULL;

  load->members = zb_store_list_members (source, FALSE, &error);
  if (load->members != NULL)
    load->meetings = zb_store_list_meetings (source, from, to, &error);
  if (error != NULL)
    g_task_return_error (task, error);
  else
    g_task_return_boolean (task, TRUE);
}

static void
fill_members (ZbStudyDialog *self,
              GListModel    *members)
{
  g_autoptr(GtkStringList) names = gtk_string_list_new (NULL);
  g_autoptr(GtkExpression) expression = NULL;

  for (guint i = 0; i < g_list_model_get_n_items (members); i++)
    {
      g_autoptr(ZbMember) member = g_list_model_get_item (members, i);

      gtk_string_list_append (names, zb_member_get (member, ZB_MEMBER_FIELD_NAME));
      g_ptr_array_add (self->member_ids, g_strdup (zb_member_get_id (member)));
    }
  /* Type-ahead in the popup searches the names. */
  expression = gtk_property_expression_new (GTK_TYPE_STRING_OBJECT, NULL, "string");
  gtk_drop_down_set_expression (self->member_drop, expression);
  gtk_drop_down_set_model (self->member_drop, G_LIST_MODEL (names));
  gtk_drop_down_set_selected (self->member_drop, GTK_INVALID_LIST_POSITION);
}

static void
fill_meetings (ZbStudyDialog *self,
               GListModel    *meetings)
{
  for (guint i = 0; i < g_list_model_get_n_items (meetings); i++)
    {
      g_autoptr(ZbMeeting) meeting = g_list_model_get_item (meetings, i);
      g_autofree char *label = NULL, *day = NULL;

      if (!g_strv_contains (study_meeting_types, zb_meeting_get_type_code (meeting)))
        continue;
      day = zb_date_format_day (zb_meeting_get_date (meeting));
      /* TRANSLATORS: a meeting in the study record's list: its date and title */
      label = g_strdup_printf (_("%1$s %2$s"), day,
                               zb_meeting_get_title (meeting) != NULL
                               ? zb_meeting_get_title (meeting) : "");
      gtk_string_list_append (self->meeting_list, label);
      g_ptr_array_add (self->meetings, g_steal_pointer (&meeting));
    }
}

static void
load_done_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(ZbStudyDialog) self = user_data;
  g_autoptr(GError) error = NULL;
  Load *load = g_task_get_task_data (G_TASK (result));

  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        show_error (self, error->message);
      return;
    }
  self->loading = FALSE;
  fill_members (self, load->members);
  fill_meetings (self, load->meetings);
  update_sensitive (self);
}

static void
load (ZbStudyDialog *self)
{
  g_autoptr(GTask) task = g_task_new (self->store, self->cancellable, load_done_cb,
                                      g_object_ref (self));
  Load *job = g_new0 (Load, 1);

  job->year = self->year;
  self->loading = TRUE;
  update_sensitive (self);
  g_task_set_source_tag (task, load);
  g_task_set_task_data (task, job, (GDestroyNotify) load_free);
  g_task_run_in_thread (task, load_thread);
}

/* ---- the form --------------------------------------------------------- */

static ZbMeeting *
chosen_meeting (ZbStudyDialog *self)
{
  guint i = adw_combo_row_get_selected (self->meeting_row);

  if (!gtk_widget_get_visible (GTK_WIDGET (self->meeting_row)) || i == 0 ||
      i == GTK_INVALID_LIST_POSITION || i > self->meetings->len)
    return NULL;
  return g_ptr_array_index (self->meetings, i - 1);
}

/* Only study in a meeting and a lecture given name a meeting: the row
 * shows for those alone. */
static void
kind_changed_cb (ZbStudyDialog *self)
{
  ZbStudyKind kind = adw_combo_row_get_selected (self->kind_row);
  gboolean names = kind == ZB_STUDY_MEETING || kind == ZB_STUDY_LECTURE;

  gtk_widget_set_visible (GTK_WIDGET (self->meeting_row), names);
  if (!names)
    adw_combo_row_set_selected (self->meeting_row, 0);
}

/* Study in a meeting is on the meeting's day. */
static void
meeting_changed_cb (ZbStudyDialog *self)
{
  ZbMeeting *meeting = chosen_meeting (self);

  if (meeting != NULL)
    gtk_editable_set_text (self->date_entry, zb_meeting_get_date (meeting));
}

static const char *
chosen_member (ZbStudyDialog *self)
{
  guint i = gtk_drop_down_get_selected (self->member_drop);

  return i < self->member_ids->len ? g_ptr_array_index (self->member_ids, i) : NULL;
}

static void
save_thread (GTask        *task,
             gpointer      source,
             gpointer      task_data,
             GCancellable *cancellable)
{
  GError *error = NULL;
  char *id = zb_store_add_study (source, task_data, &error);

  if (id != NULL)
    g_task_return_pointer (task, id, g_free);
  else
    g_task_return_error (task, error);
}

static void
save_done_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(ZbStudyDialog) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *id = g_task_propagate_pointer (G_TASK (result), &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  self->saving = FALSE;
  update_sensitive (self);
  if (id == NULL)
    {
      show_error (self, error->message);
      return;
    }
  g_signal_emit (self, signals[SAVED], 0, id);
  gtk_window_destroy (GTK_WINDOW (self));
}

/* The record as the form has it; NULL, with the refusal shown, when the
 * time is not one. */
static ZbStudy *
form_study (ZbStudyDialog *self)
{
  g_autoptr(ZbStudy) study = zb_study_new ();
  ZbMeeting *meeting = chosen_meeting (self);
  const char *time = gtk_editable_get_text (self->minutes_entry);
  gint64 minutes = 0;

  if (*time != '\0' && !zb_study_parse_duration (time, &minutes))
    {
      /* TRANSLATORS: %s is the time as written */
      g_autofree char *message = g_strdup_printf (_("Minutes: “%s” is not a time; write the "
                                                    "minutes, such as 90, or hours:minutes, "
                                                    "such as 1:30"), time);

      show_error (self, message);
      return NULL;
    }
  /* The store's words for these name the IDs of zhibu-cli; here the
   * choice is in a list. */
  if (chosen_member (self) == NULL)
    {
      show_error (self, _("Member: choose whose record it is"));
      return NULL;
    }
  if (adw_combo_row_get_selected (self->kind_row) == ZB_STUDY_MEETING && meeting == NULL)
    {
      show_error (self, _("Meeting: choose the meeting the study was in"));
      return NULL;
    }
  zb_study_set_member_id (study, chosen_member (self));
  zb_study_set_kind (study, adw_combo_row_get_selected (self->kind_row));
  zb_study_set_meeting_id (study, meeting != NULL ? zb_meeting_get_id (meeting) : NULL);
  zb_study_set_date (study, zb_editable_text_or_null (self->date_entry));
  zb_study_set_title (study, zb_editable_text_or_null (self->title_entry));
  zb_study_set_minutes (study, minutes);
  zb_study_set_material (study, zb_editable_text_or_null (self->material_entry));
  return g_steal_pointer (&study);
}

static void
save_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  ZbStudyDialog *self = ZB_STUDY_DIALOG (widget);
  g_autoptr(GTask) task = NULL;
  ZbStudy *study;

  if (self->saving || self->loading)
    return;
  show_error (self, NULL);
  if ((study = form_study (self)) == NULL)
    return;
  self->saving = TRUE;
  update_sensitive (self);
  task = g_task_new (self->store, self->cancellable, save_done_cb, g_object_ref (self));
  g_task_set_source_tag (task, save_action);
  g_task_set_task_data (task, study, g_object_unref);
  g_task_run_in_thread (task, save_thread);
}

static void
zb_study_dialog_dispose (GObject *object)
{
  ZbStudyDialog *self = ZB_STUDY_DIALOG (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->store);
  g_clear_pointer (&self->member_ids, g_ptr_array_unref);
  g_clear_pointer (&self->meetings, g_ptr_array_unref);
  self->error_row = NULL;

  G_OBJECT_CLASS (zb_study_dialog_parent_class)->dispose (object);
}

static void
zb_study_dialog_class_init (ZbStudyDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = zb_study_dialog_dispose;

  /* The new record's ID. */
  signals[SAVED] = g_signal_new ("saved", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL,
                                 NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/zhibu/Zhibu/ui/zb-study-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, ZbStudyDialog, member_row);
  gtk_widget_class_bind_template_child (widget_class, ZbStudyDialog, member_drop);
  gtk_widget_class_bind_template_child (widget_class, ZbStudyDialog, kind_row);
  gtk_widget_class_bind_template_child (widget_class, ZbStudyDialog, kind_list);
  gtk_widget_class_bind_template_child (widget_class, ZbStudyDialog, meeting_row);
  gtk_widget_class_bind_template_child (widget_class, ZbStudyDialog, meeting_list);
  gtk_widget_class_bind_template_child (widget_class, ZbStudyDialog, date_entry);
  gtk_widget_class_bind_template_child (widget_class, ZbStudyDialog, title_entry);
  gtk_widget_class_bind_template_child (widget_class, ZbStudyDialog, minutes_entry);
  gtk_widget_class_bind_template_child (widget_class, ZbStudyDialog, material_entry);
  gtk_widget_class_bind_template_child (widget_class, ZbStudyDialog, error_label);
  gtk_widget_class_bind_template_child (widget_class, ZbStudyDialog, save_button);

  gtk_widget_class_install_action (widget_class, "study.save", NULL, save_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
zb_study_dialog_init (ZbStudyDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  zb_drop_down_set_label (self->member_drop, _("Member"));
  self->cancellable = g_cancellable_new ();
  self->member_ids = g_ptr_array_new_with_free_func (g_free);
  self->meetings = g_ptr_array_new_with_free_func (g_object_unref);
  for (ZbStudyKind kind = 0; kind < ZB_STUDY_N_KINDS; kind++)
    gtk_string_list_append (self->kind_list, zb_study_kind_label (kind));
  /* TRANSLATORS: the meeting list's first item: the study names no meeting */
  gtk_string_list_append (self->meeting_list, _("None"));
  g_signal_connect_object (self->kind_row, "notify::selected", G_CALLBACK (kind_changed_cb),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->meeting_row, "notify::selected",
                           G_CALLBACK (meeting_changed_cb), self, G_CONNECT_SWAPPED);
}

/* A dialog adding a record to @store, its day first today when @year is
 * this year; the meetings offered are those of @year. */
ZbStudyDialog *
zb_study_dialog_new (ZbStore *store,
                     guint    year)
{
  ZbStudyDialog *self = g_object_new (ZB_TYPE_STUDY_DIALOG, NULL);
  g_autofree char *today = zb_date_today_iso ();

  self->store = g_object_ref (store);
  self->year = year;
  if (g_ascii_strtoull (today, NULL, 10) == year)
    gtk_editable_set_text (self->date_entry, today);
  load (self);
  /* The keyboard starts at the member, the first field. */
  gtk_window_set_focus (GTK_WINDOW (self), GTK_WIDGET (self->member_drop));
  return self;
}

gboolean
zb_study_dialog_is_busy (ZbStudyDialog *self)
{
  g_return_val_if_fail (ZB_IS_STUDY_DIALOG (self), FALSE);

  return self->loading || self->saving;
}

/* The refusal shown, or NULL. */
const char *
zb_study_dialog_get_error (ZbStudyDialog *self)
{
  g_return_val_if_fail (ZB_IS_STUDY_DIALOG (self), NULL);

  return gtk_widget_get_visible (GTK_WIDGET (self->error_label))
         ? gtk_label_get_text (self->error_label) : NULL;
}

/* The row of the field the refusal names, marked, or NULL. */
GtkWidget *
zb_study_dialog_get_error_row (ZbStudyDialog *self)
{
  g_return_val_if_fail (ZB_IS_STUDY_DIALOG (self), NULL);

  return self->error_row;
}

/* Chooses the member of @member_id in the drop-down, as the user does;
 * FALSE when the roster has none such (or is not loaded yet). */
gboolean
zb_study_dialog_choose_member (ZbStudyDialog *self,
                               const char    *member_id)
{
  g_return_val_if_fail (ZB_IS_STUDY_DIALOG (self), FALSE);

  for (guint i = 0; i < self->member_ids->len; i++)
    if (g_strcmp0 (g_ptr_array_index (self->member_ids, i), member_id) == 0)
      {
        gtk_drop_down_set_selected (self->member_drop, i);
        return TRUE;
      }
  return FALSE;
}

/* "90" or "1:30" (a full-width colon too) as minutes. */
gboolean
zb_study_parse_duration (const char *text,
                         gint64     *minutes)
{
  g_autofree char *plain = g_strstrip (g_strdup (text));
  g_auto(GStrv) parts = NULL;
  guint64 hours = 0, mins = 0;

  if (strstr (plain, "：") != NULL)
    {
      g_auto(GStrv) wide = g_strsplit (plain, "：", -1);

      g_free (plain);
      plain = g_strjoinv (":", wide);
    }
  parts = g_strsplit (plain, ":", -1);
  switch (g_strv_length (parts))
    {
    case 1:
      if (!g_ascii_string_to_unsigned (parts[0], 10, 0, G_MAXINT32, &mins, NULL))
        return FALSE;
      break;
    case 2:
      if (!g_ascii_string_to_unsigned (parts[0], 10, 0, 99, &hours, NULL) ||
          strlen (parts[1]) != 2 ||
          !g_ascii_string_to_unsigned (parts[1], 10, 0, 59, &mins, NULL))
        return FALSE;
      break;
    default:
      return FALSE;
    }
  *minutes = hours * 60 + mins;
  return TRUE;
}
