#define G_LOG_DOMAIN "zb-meetings-view"

#include "config.h"

#include <string.h>

#include <adwaita.h>
#include <glib/gi18n.h>

#include "zb-checker.h"
#include "zb-date.h"
#include "zb-meetings-view.h"
#include "zb-widget-util.h"

struct _ZbMeetingsView
{
  GtkWidget           parent_instance;

  GtkStack           *stack;
  AdwPreferencesPage *page;

  ZbContext          *context;
  GCancellable       *cancellable;
  GPtrArray          *groups;     /* the groups on the page, removed on reload */
  GHashTable         *states;     /* meeting ID → its 草稿 or 已定稿 label */
  guint               n_sent_back;
  gboolean            loading;
};

/* What the view shows, read and checked in a worker thread. */
typedef struct
{
  char            *from;
  char            *to;
  ZbCheckSettings  settings;
  GListModel      *findings;
  GError          *check_error;
  GListModel      *meetings;
  GError          *list_error;
  GPtrArray       *sent_back;   /* of ZbReview: records the committee sent back */
} Load;

G_DEFINE_FINAL_TYPE (ZbMeetingsView, zb_meetings_view, GTK_TYPE_WIDGET)

enum {
  MEETING_ACTIVATED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static AdwPreferencesGroup *
add_group (ZbMeetingsView *self,
           const char     *title,
           const char     *description)
{
  return zb_page_add_group (self->page, self->groups, title, description);
}

static void
load_free (Load *load)
{
  g_free (load->from);
  g_free (load->to);
  g_clear_object (&load->findings);
  g_clear_error (&load->check_error);
  g_clear_object (&load->meetings);
  g_clear_error (&load->list_error);
  g_clear_pointer (&load->sent_back, g_ptr_array_unref);
  g_free (load);
}

/* The month headings count this year's findings, from its first day to
 * today (合规提醒 checks any period). */
static void
this_year (char **from,
           char **to)
{
  g_autofree char *today = zb_date_today_iso ();

  *from = zb_date_format_ymd (g_ascii_strtoull (today, NULL, 10), 1, 1);
  *to = g_steal_pointer (&today);
}

static void
load_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  Load *load = task_data;

  load->findings = zb_store_check (source_object, load->from, load->to, &load->settings,
                                   &load->check_error);
  load->meetings = zb_store_list_meetings (source_object, NULL, NULL, &load->list_error);
  /* Without the list the meetings still show: it is shown when it reads. */
  load->sent_back = zb_store_list_sent_back (source_object, NULL);
  g_task_return_boolean (task, TRUE);
}

static void
row_activated_cb (AdwActionRow   *row,
                  ZbMeetingsView *self)
{
  g_signal_emit (self, signals[MEETING_ACTIVATED], 0,
                 g_object_get_data (G_OBJECT (row), "meeting-id"));
}

/* 草稿 or 已定稿: whether the record can still change. */
static GtkWidget *
state_label (ZbMeeting *meeting)
{
  gboolean final = zb_meeting_get_finalized_at (meeting) != NULL;
  GtkWidget *label = gtk_label_new (final ? _("Finalised") : _("Draft"));

  gtk_widget_set_valign (label, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (label, "caption");
  gtk_widget_add_css_class (label, final ? "success" : "dim-label");
  return label;
}

static GtkWidget *
meeting_row (ZbMeetingsView *self,
             ZbMeeting      *meeting)
{
  const ZbMeetingType *type = zb_meeting_type_lookup (zb_meeting_get_type_code (meeting));
  g_autofree char *when = zb_date_format_when (zb_meeting_get_date (meeting),
                                               zb_meeting_get_start_time (meeting),
                                               zb_meeting_get_end_time (meeting));
  g_autofree char *subtitle = g_strdup_printf ("%s · %s", when, type ? _(type->label) : "");
  GtkWidget *row = adw_action_row_new ();

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), zb_meeting_get_title (meeting));
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  GtkWidget *state = state_label (meeting);

  g_hash_table_insert (self->states, g_strdup (zb_meeting_get_id (meeting)), state);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), state);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row),
                             gtk_image_new_from_icon_name ("go-next-symbolic"));
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
  g_object_set_data_full (G_OBJECT (row), "meeting-id", g_strdup (zb_meeting_get_id (meeting)),
                          g_free);
  g_signal_connect_object (row, "activated", G_CALLBACK (row_activated_cb), self, 0);
  return row;
}

/* The month's own findings, for the heading of its meetings; NULL for a
 * month outside the period checked. */
static char *
month_state (Load       *load,
             const char *month)
{
  guint n = 0;

  if (load->findings == NULL || strncmp (month, load->from, 7) < 0 ||
      strncmp (month, load->to, 7) > 0)
    return NULL;

  for (guint i = 0; i < g_list_model_get_n_items (load->findings); i++)
    {
      g_autoptr(ZbFinding) finding = g_list_model_get_item (load->findings, i);

      n += g_strcmp0 (zb_finding_get_period (finding), month) == 0;
    }
  if (n == 0)
    return g_strdup (_("Nothing missing this month"));
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u finding this month",
                                       "%u findings this month", n), n);
}

/* The records the higher committee sent back (退回) that no addendum has
 * answered yet (zb-store-reviews.c), above the months: what the branch
 * still owes. Each opens its record, where the addendum is added. */
static void
show_sent_back (ZbMeetingsView *self,
                Load           *load)
{
  AdwPreferencesGroup *group;

  if (load->sent_back == NULL || load->sent_back->len == 0)
    return;

  group = add_group (self, _("Sent Back by the Committee"),
                     _("Answer each with an addendum to the record; it then leaves this list."));
  for (guint i = 0; i < load->sent_back->len; i++)
    {
      ZbReview *review = g_ptr_array_index (load->sent_back, i);
      g_autofree char *date = zb_date_format_when (review->meeting_date, NULL, NULL);
      /* TRANSLATORS: the meeting's date, then the committee's comment */
      g_autofree char *subtitle = g_strdup_printf (_("%s · %s"), date,
                                                   review->comment ? review->comment : "");
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *label = gtk_label_new (_("Sent back"));

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), review->meeting_title);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
      adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 2);
      gtk_widget_set_valign (label, GTK_ALIGN_CENTER);
      gtk_widget_add_css_class (label, "caption");
      gtk_widget_add_css_class (label, "warning");
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), label);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row),
                                 gtk_image_new_from_icon_name ("go-next-symbolic"));
      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
      g_object_set_data_full (G_OBJECT (row), "meeting-id", g_strdup (review->meeting_id),
                              g_free);
      g_signal_connect_object (row, "activated", G_CALLBACK (row_activated_cb), self, 0);
      adw_preferences_group_add (group, row);
    }
}

/* The number of records sent back and not yet answered, as last shown. */
guint
zb_meetings_view_get_n_sent_back (ZbMeetingsView *self)
{
  return self->n_sent_back;
}

/* Newest month first, as a secretary looks back from today. */
static void
show_meetings (ZbMeetingsView *self,
               Load           *load)
{
  AdwPreferencesGroup *group = NULL;
  g_autofree char *month = NULL;
  guint n = load->meetings ? g_list_model_get_n_items (load->meetings) : 0;

  /* A branch with no meeting yet is shown the way to its first, not an
   * empty list; a list that could not be read says why instead. */
  gtk_stack_set_visible_child_name (self->stack,
                                    n == 0 && load->list_error == NULL && self->n_sent_back == 0
                                    ? "empty" : "list");
  if (n == 0)
    {
      if (load->list_error != NULL)
        add_group (self, _("Meetings"), load->list_error->message);
      return;
    }

  for (guint i = n; i > 0; i--)
    {
      g_autoptr(ZbMeeting) meeting = g_list_model_get_item (load->meetings, i - 1);
      const char *date = zb_meeting_get_date (meeting);

      if (month == NULL || strncmp (month, date, 7) != 0)
        {
          g_autofree char *title = NULL;

          g_free (month);
          month = g_strndup (date, 7);
          g_autofree char *state = NULL;

          title = zb_date_format_period (month);
          state = month_state (load, month);
          group = add_group (self, title, state);
        }
      adw_preferences_group_add (group, meeting_row (self, meeting));
    }
}

static void
clear_groups (ZbMeetingsView *self)
{
  zb_page_clear_groups (self->page, self->groups);
  g_hash_table_remove_all (self->states);
}

static void
load_done_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(ZbMeetingsView) self = user_data;
  Load *load = g_task_get_task_data (G_TASK (result));

  if (!g_task_propagate_boolean (G_TASK (result), NULL))
    return;

  self->loading = FALSE;
  clear_groups (self);
  self->n_sent_back = load->sent_back ? load->sent_back->len : 0;
  show_sent_back (self, load);
  show_meetings (self, load);
}

/* Reads the period's findings and every meeting in a worker thread, then
 * shows them; a reload while one runs replaces it. */
void
zb_meetings_view_reload (ZbMeetingsView *self)
{
  ZbStore *store = self->context ? zb_context_get_store (self->context) : NULL;
  g_autoptr(GTask) task = NULL;
  Load *load;

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  if (store == NULL)
    {
      clear_groups (self);
      return;
    }

  load = g_new0 (Load, 1);
  this_year (&load->from, &load->to);
  zb_context_get_check_settings (self->context, &load->settings);
  self->cancellable = g_cancellable_new ();
  self->loading = TRUE;

  task = g_task_new (store, self->cancellable, load_done_cb, g_object_ref (self));
  g_task_set_source_tag (task, zb_meetings_view_reload);
  g_task_set_task_data (task, load, (GDestroyNotify) load_free);
  g_task_run_in_thread (task, load_thread);
}

static void
zb_meetings_view_dispose (GObject *object)
{
  ZbMeetingsView *self = (ZbMeetingsView *)object;

  g_cancellable_cancel (self->cancellable);
  gtk_widget_dispose_template (GTK_WIDGET (self), ZB_TYPE_MEETINGS_VIEW);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->context);
  g_clear_pointer (&self->groups, g_ptr_array_unref);
  g_clear_pointer (&self->states, g_hash_table_unref);

  G_OBJECT_CLASS (zb_meetings_view_parent_class)->dispose (object);
}

static void
zb_meetings_view_class_init (ZbMeetingsViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = zb_meetings_view_dispose;

  signals[MEETING_ACTIVATED] =
    g_signal_new ("meeting-activated", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL,
                  NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/zhibu/Zhibu/ui/zb-meetings-view.ui");
  gtk_widget_class_bind_template_child (widget_class, ZbMeetingsView, stack);
  gtk_widget_class_bind_template_child (widget_class, ZbMeetingsView, page);
}

static void
zb_meetings_view_init (ZbMeetingsView *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->groups = g_ptr_array_new ();
  self->states = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
}

void
zb_meetings_view_set_context (ZbMeetingsView *self,
                              ZbContext      *context)
{
  g_set_object (&self->context, context);
  zb_meetings_view_reload (self);
}

gboolean
zb_meetings_view_is_loading (ZbMeetingsView *self)
{
  return self->loading;
}

/* What the list says of a meeting's record: Draft or Finalised. */
const char *
zb_meetings_view_get_state_label (ZbMeetingsView *self,
                                  const char     *meeting_id)
{
  GtkWidget *label = g_hash_table_lookup (self->states, meeting_id);

  return label ? gtk_label_get_label (GTK_LABEL (label)) : NULL;
}
