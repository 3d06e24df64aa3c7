#define G_LOG_DOMAIN "zb-meeting-details"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "zb-attendee.h"
#include "zb-date.h"
#include "zb-meeting-details.h"
#include "zb-member-rules.h"
#include "zb-widget-util.h"

/* The head of a meeting's record (DOMAIN.md section 2): its title, date,
 * start and end time, place, chair (主持人) and recorder (记录人). A meeting
 * created before its chair was known gets one here, and a date typed wrong
 * is put right, until the record is finalised. The chair and recorder are
 * picked from the people expected on the day, with a search, since a
 * branch may have a hundred of them. */
struct _ZbMeetingDetails
{
  GtkWidget            parent_instance;

  AdwPreferencesGroup *group;      /* the form, until finalised */
  AdwPreferencesGroup *facts;      /* the same, read-only, once finalised */
  AdwEntryRow         *title_row;
  GtkWidget           *when_row;
  GtkEntry            *date_row;
  GtkEntry            *start_row;
  GtkEntry            *end_row;
  AdwEntryRow         *place_row;
  GtkDropDown         *chair;
  GtkDropDown         *recorder;
  GtkStringList       *names;      /* of the people, by position */
  GPtrArray           *fact_rows;

  ZbMeeting           *meeting;    /* as stored: what the form does not show stays */
  GPtrArray           *people;     /* member IDs by position in the lists; 0: nobody */
  gboolean             tidying;    /* rewriting what was typed in the stored form */
};

G_DEFINE_FINAL_TYPE (ZbMeetingDetails, zb_meeting_details, GTK_TYPE_WIDGET)

enum {
  CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
changed_cb (ZbMeetingDetails *self)
{
  if (!self->tidying)
    g_signal_emit (self, signals[CHANGED], 0);
}

static void
add_fact (ZbMeetingDetails *self,
          const char       *label,
          const char       *value)
{
  GtkWidget *row;

  if (value == NULL)
    return;

  row = adw_action_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), label);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), value);
  gtk_widget_add_css_class (row, "property");
  adw_preferences_group_add (self->facts, row);
  g_ptr_array_add (self->fact_rows, row);
}

static GtkEntry *
add_short_entry (ZbMeetingDetails *self,
                 const char       *label,
                 const char       *placeholder,
                 const char       *text,
                 int               width)
{
  GtkWidget *entry = gtk_entry_new ();

  gtk_entry_set_placeholder_text (GTK_ENTRY (entry), placeholder);
  gtk_editable_set_text (GTK_EDITABLE (entry), text ? text : "");
  gtk_editable_set_width_chars (GTK_EDITABLE (entry), width);
  gtk_widget_set_valign (entry, GTK_ALIGN_CENTER);
  gtk_accessible_update_property (GTK_ACCESSIBLE (entry), GTK_ACCESSIBLE_PROPERTY_LABEL, label,
                                  -1);
  adw_action_row_add_suffix (ADW_ACTION_ROW (self->when_row), entry);
  g_signal_connect_object (entry, "changed", G_CALLBACK (changed_cb), self, G_CONNECT_SWAPPED);
  return GTK_ENTRY (entry);
}

/* The date, then the start and end times, in one row: 2026-11-20 09:30 – 11:00. */
static void
add_when (ZbMeetingDetails *self,
          ZbMeeting        *meeting)
{
  self->when_row = adw_action_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->when_row), _("Date and time"));
  adw_action_row_set_subtitle (ADW_ACTION_ROW (self->when_row),
                               _("Date as year-month-day; times as HH:MM"));
  self->date_row = add_short_entry (self, _("Date"), _("year-month-day"),
                                    zb_meeting_get_date (meeting), 11);
  self->start_row = add_short_entry (self, _("Start time"), _("start"),
                                     zb_meeting_get_start_time (meeting), 5);
  adw_action_row_add_suffix (ADW_ACTION_ROW (self->when_row), gtk_label_new ("–"));
  self->end_row = add_short_entry (self, _("End time"), _("end"),
                                   zb_meeting_get_end_time (meeting), 5);
  adw_preferences_group_add (self->group, self->when_row);
}

static AdwEntryRow *
add_entry (ZbMeetingDetails *self,
           const char       *title,
           const char       *text)
{
  GtkWidget *row = adw_entry_row_new ();

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  gtk_editable_set_text (GTK_EDITABLE (row), text ? text : "");
  adw_preferences_group_add (self->group, row);
  g_signal_connect_object (row, "changed", G_CALLBACK (changed_cb), self, G_CONNECT_SWAPPED);
  return ADW_ENTRY_ROW (row);
}

static guint
person_index (ZbMeetingDetails *self,
              const char       *member_id)
{
  for (guint i = 1; member_id && i < self->people->len; i++)
    if (g_strcmp0 (g_ptr_array_index (self->people, i), member_id) == 0)
      return i;

  return 0;
}

/* A list of names that filters as one types (GTK 4.8's drop-down search
 * matches the expression's string). */
static GtkDropDown *
add_person (ZbMeetingDetails *self,
            const char       *title,
            GListModel       *names,
            const char       *member_id)
{
  GtkWidget *row = adw_action_row_new ();
  GtkExpression *expression = gtk_property_expression_new (GTK_TYPE_STRING_OBJECT, NULL,
                                                           "string");
  GtkWidget *drop_down = gtk_drop_down_new (g_object_ref (names), expression);

  gtk_drop_down_set_enable_search (GTK_DROP_DOWN (drop_down), TRUE);
  gtk_drop_down_set_selected (GTK_DROP_DOWN (drop_down), person_index (self, member_id));
  gtk_widget_set_valign (drop_down, GTK_ALIGN_CENTER);
  zb_drop_down_set_label (GTK_DROP_DOWN (drop_down), title);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), drop_down);
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), drop_down);
  adw_preferences_group_add (self->group, row);
  g_signal_connect_object (drop_down, "notify::selected", G_CALLBACK (changed_cb), self,
                           G_CONNECT_SWAPPED);
  return GTK_DROP_DOWN (drop_down);
}

static void
mark_row (gpointer  row,
          gboolean  wrong)
{
  if (wrong)
    gtk_widget_add_css_class (GTK_WIDGET (row), "error");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (row), "error");
}

/* "9:30", "0930" and "9：30" as typed, "09:30" as stored; NULL for a time
 * that cannot be read, which the meeting's own check then names. */
static char *
normalise_time (const char *text)
{
  g_autoptr(GString) digits = g_string_new (NULL);
  g_autofree char *folded = NULL;

  if (text == NULL)
    return NULL;
  folded = g_utf8_normalize (text, -1, G_NORMALIZE_ALL_COMPOSE);
  for (const char *p = folded; *p != '\0'; p++)
    if (g_ascii_isdigit (*p))
      g_string_append_c (digits, *p);
    else if (*p != ':' && *p != ' ')
      return g_strdup (text);
  if (digits->len == 3)
    g_string_prepend_c (digits, '0');
  if (digits->len != 4)
    return g_strdup (text);

  return g_strdup_printf ("%.2s:%.2s", digits->str, digits->str + 2);
}

static gboolean
time_ok (const char *time)
{
  return strlen (time) == 5 && g_ascii_isdigit (time[0]) && g_ascii_isdigit (time[1]) &&
         time[2] == ':' && time[3] >= '0' && time[3] <= '5' && g_ascii_isdigit (time[4]) &&
         strcmp (time, "24:00") < 0;
}

static const char *
selected_person (ZbMeetingDetails *self,
                 GtkDropDown      *drop_down)
{
  guint selected = gtk_drop_down_get_selected (drop_down);

  return selected < self->people->len ? g_ptr_array_index (self->people, selected) : NULL;
}

static void
zb_meeting_details_dispose (GObject *object)
{
  ZbMeetingDetails *self = ZB_MEETING_DETAILS (object);
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);
  g_clear_object (&self->meeting);
  g_clear_object (&self->names);
  g_clear_pointer (&self->people, g_ptr_array_unref);
  g_clear_pointer (&self->fact_rows, g_ptr_array_unref);

  G_OBJECT_CLASS (zb_meeting_details_parent_class)->dispose (object);
}

static void
zb_meeting_details_class_init (ZbMeetingDetailsClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = zb_meeting_details_dispose;
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);

  signals[CHANGED] =
    g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);
}

static void
zb_meeting_details_init (ZbMeetingDetails *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);

  self->people = g_ptr_array_new_with_free_func (g_free);
  self->fact_rows = g_ptr_array_new ();
  self->names = gtk_string_list_new (NULL);
  self->group = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());
  adw_preferences_group_set_title (self->group, _("Meeting"));
  self->facts = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());
  adw_preferences_group_set_title (self->facts, _("Meeting"));
  gtk_widget_set_visible (GTK_WIDGET (self->facts), FALSE);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->group));
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->facts));
  gtk_widget_set_parent (box, GTK_WIDGET (self));
}

/* "Branch general meeting · 第一党小组 · corrects “…”" */
static char *
describe (ZbMeeting  *meeting,
          const char *corrects)
{
  const ZbMeetingType *type = zb_meeting_type_lookup (zb_meeting_get_type_code (meeting));
  g_autoptr(GPtrArray) parts = g_ptr_array_new_with_free_func (g_free);

  g_ptr_array_add (parts, g_strdup (type ? _(type->label) : zb_meeting_get_type_code (meeting)));
  if (zb_meeting_get_party_group (meeting) != NULL)
    g_ptr_array_add (parts, g_strdup (zb_meeting_get_party_group (meeting)));
  if (corrects != NULL)
    /* TRANSLATORS: %s is the title of the record an addendum corrects */
    g_ptr_array_add (parts, g_strdup_printf (_("corrects “%s”"), corrects));
  g_ptr_array_add (parts, NULL);

  return g_strjoinv (" · ", (char **) parts->pdata);
}

/* @people: who may chair and record (ZbAttendee: ID and name), the people
 * expected on the day; @corrects: the title of the record an addendum
 * corrects, or NULL. */
GtkWidget *
zb_meeting_details_new (ZbMeeting  *meeting,
                        GListModel *people,
                        const char *corrects)
{
  ZbMeetingDetails *self = g_object_new (ZB_TYPE_MEETING_DETAILS, NULL);
  g_autofree char *description = describe (meeting, corrects);

  self->meeting = g_object_ref (meeting);
  g_ptr_array_add (self->people, NULL);
  gtk_string_list_append (self->names, _("Not yet chosen"));
  for (guint i = 0; i < g_list_model_get_n_items (people); i++)
    {
      g_autoptr(ZbAttendee) person = g_list_model_get_item (people, i);

      g_ptr_array_add (self->people, g_strdup (zb_attendee_get_member_id (person)));
      gtk_string_list_append (self->names, zb_attendee_get_name (person));
    }

  adw_preferences_group_set_description (self->group, description);
  adw_preferences_group_set_description (self->facts, description);
  self->title_row = add_entry (self, _("Title of the meeting"), zb_meeting_get_title (meeting));
  add_when (self, meeting);
  self->place_row = add_entry (self, _("Place"), zb_meeting_get_place (meeting));
  self->chair = add_person (self, _("Chair"), G_LIST_MODEL (self->names),
                            zb_meeting_get_chair_id (meeting));
  self->recorder = add_person (self, _("Recorder"), G_LIST_MODEL (self->names),
                               zb_meeting_get_recorder_id (meeting));
  return GTK_WIDGET (self);
}

/* The meeting as the form has it, dates and times as stored; NULL, with
 * the field named, when one cannot be read. */
ZbMeeting *
zb_meeting_details_read (ZbMeetingDetails  *self,
                         GError           **error)
{
  g_autoptr(ZbMeeting) meeting = zb_meeting_new ();
  const char *typed = zb_editable_text_or_null (self->date_row);
  g_autofree char *date = typed ? zb_date_normalise_input (typed) : NULL;
  g_autofree char *start = normalise_time (zb_editable_text_or_null (self->start_row));
  g_autofree char *end = normalise_time (zb_editable_text_or_null (self->end_row));

  mark_row (self->date_row, date == NULL);
  if (date == NULL)
    {
      g_set_error_literal (error, ZB_MEMBER_ERROR, ZB_MEMBER_ERROR_INVALID,
                           _("Date: write it as year-month-day, such as 2026-11-05"));
      return NULL;
    }

  zb_meeting_set_id (meeting, zb_meeting_get_id (self->meeting));
  zb_meeting_set_type_code (meeting, zb_meeting_get_type_code (self->meeting));
  zb_meeting_set_party_group (meeting, zb_meeting_get_party_group (self->meeting));
  zb_meeting_set_addendum_of (meeting, zb_meeting_get_addendum_of (self->meeting));
  zb_meeting_set_title (meeting, zb_editable_text_or_null (self->title_row));
  zb_meeting_set_date (meeting, date);
  zb_meeting_set_start_time (meeting, start);
  zb_meeting_set_end_time (meeting, end);
  zb_meeting_set_place (meeting, zb_editable_text_or_null (self->place_row));
  zb_meeting_set_chair_id (meeting, selected_person (self, self->chair));
  zb_meeting_set_recorder_id (meeting, selected_person (self, self->recorder));

  /* The same check as the store's; the rows at fault are marked. */
  mark_row (self->title_row, zb_meeting_get_title (meeting) == NULL);
  mark_row (self->start_row, start != NULL && !time_ok (start));
  mark_row (self->end_row, end != NULL && (!time_ok (end) ||
                                           (start != NULL && strcmp (end, start) <= 0)));
  if (!zb_meeting_validate (meeting, error))
    return NULL;

  return g_steal_pointer (&meeting);
}

static const char *
selected_name (ZbMeetingDetails *self,
               GtkDropDown      *drop_down)
{
  guint selected = gtk_drop_down_get_selected (drop_down);

  if (selected == 0 || selected >= self->people->len)
    return _("Not yet chosen");
  return gtk_string_list_get_string (self->names, selected);
}

/* The record as it stands, read-only: a finalised record shows no field
 * to edit. */
static void
show_facts (ZbMeetingDetails *self)
{
  g_autofree char *when = zb_date_format_when (zb_editable_text_or_null (self->date_row),
                                               zb_editable_text_or_null (self->start_row),
                                               zb_editable_text_or_null (self->end_row));

  for (guint i = 0; i < self->fact_rows->len; i++)
    adw_preferences_group_remove (self->facts, g_ptr_array_index (self->fact_rows, i));
  g_ptr_array_set_size (self->fact_rows, 0);

  add_fact (self, _("Title of the meeting"), zb_editable_text_or_null (self->title_row));
  add_fact (self, _("Date and time"), *when != '\0' ? when : NULL);
  add_fact (self, _("Place"), zb_editable_text_or_null (self->place_row));
  add_fact (self, _("Chair"), selected_name (self, self->chair));
  add_fact (self, _("Recorder"), selected_name (self, self->recorder));
}

void
zb_meeting_details_set_editable (ZbMeetingDetails *self,
                                 gboolean          editable)
{
  if (!editable)
    show_facts (self);
  gtk_widget_set_visible (GTK_WIDGET (self->group), editable);
  gtk_widget_set_visible (GTK_WIDGET (self->facts), !editable);
}

/* Whether the details are shown as a form (a draft) or as facts. */
gboolean
zb_meeting_details_get_editable (ZbMeetingDetails *self)
{
  return gtk_widget_get_visible (GTK_WIDGET (self->group));
}

static void
tidy_entry (ZbMeetingDetails *self,
            GtkEntry         *entry,
            const char       *stored)
{
  GtkWidget *focus = gtk_root_get_focus (gtk_widget_get_root (GTK_WIDGET (entry)));

  if (stored == NULL || (focus != NULL && (focus == GTK_WIDGET (entry) ||
                                           gtk_widget_is_ancestor (focus, GTK_WIDGET (entry)))) ||
      g_strcmp0 (gtk_editable_get_text (GTK_EDITABLE (entry)), stored) == 0)
    return;

  self->tidying = TRUE;
  gtk_editable_set_text (GTK_EDITABLE (entry), stored);
  self->tidying = FALSE;
}

/* Once saved, a date typed 2026/11/5 reads 2026-11-05 and a time 9:30
 * reads 09:30, as stored: the user sees what was understood. A field
 * being typed into is left alone. */
void
zb_meeting_details_show_saved (ZbMeetingDetails *self,
                               ZbMeeting        *saved)
{
  if (gtk_widget_get_root (GTK_WIDGET (self)) == NULL)
    return;

  tidy_entry (self, self->date_row, zb_meeting_get_date (saved));
  tidy_entry (self, self->start_row, zb_meeting_get_start_time (saved));
  tidy_entry (self, self->end_row, zb_meeting_get_end_time (saved));
}

/* Picks the chair and the recorder as the user would, from the lists. */
void
zb_meeting_details_set_signers (ZbMeetingDetails *self,
                                const char       *chair_id,
                                const char       *recorder_id)
{
  gtk_drop_down_set_selected (self->chair, person_index (self, chair_id));
  gtk_drop_down_set_selected (self->recorder, person_index (self, recorder_id));
}

static GtkEditable *
lookup_field (ZbMeetingDetails *self,
              const char       *field)
{
  const char *names[] = { "title", "date", "start", "end", "place" };
  gpointer rows[] = { self->title_row, self->date_row, self->start_row, self->end_row,
                      self->place_row };

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    if (g_str_equal (field, names[i]))
      return GTK_EDITABLE (rows[i]);

  g_return_val_if_reached (NULL);
}

/* Types @text into the field @field: title, date, start, end or place. */
void
zb_meeting_details_set_text (ZbMeetingDetails *self,
                             const char       *field,
                             const char       *text)
{
  gtk_editable_set_text (lookup_field (self, field), text);
}

/* What the field @field shows. */
const char *
zb_meeting_details_get_text (ZbMeetingDetails *self,
                             const char       *field)
{
  return gtk_editable_get_text (lookup_field (self, field));
}

GtkWidget *
zb_meeting_details_get_chair_drop_down (ZbMeetingDetails *self)
{
  return GTK_WIDGET (self->chair);
}

/* The names of the chair and the recorder chosen, or NULL. */
char *
zb_meeting_details_describe_signers (ZbMeetingDetails *self)
{
  if (gtk_drop_down_get_selected (self->chair) == 0 ||
      gtk_drop_down_get_selected (self->recorder) == 0)
    return NULL;
  /* TRANSLATORS: the chair's name, then the recorder's */
  return g_strdup_printf (_("%s (chair) and %s (recorder)"), selected_name (self, self->chair),
                          selected_name (self, self->recorder));
}
