#define G_LOG_DOMAIN "zb-attendance-editor"

#include "config.h"

#include <glib/gi18n.h>

#include "zb-attendance-editor.h"
#include "zb-attendee.h"
#include "zb-widget-util.h"

/* The attendance of a meeting (DOMAIN.md section 2): each expected attendee
 * present, on leave with a reason, or absent, and the totals a record
 * states (应到, 实到, 请假, 缺席). A mark takes effect as it is chosen, and a
 * reason as it is typed: the meeting editor saves them with the minutes. */

/* The order of the state list: "not marked yet" comes first. */
static const char *states[] = { NULL, "present", "leave", "absent" };

enum {
  STATE_UNMARKED,
  STATE_PRESENT,
  STATE_LEAVE,
  STATE_ABSENT,
};

typedef struct
{
  char        *member_id;
  char        *name;
  GtkWidget   *row;
  GtkDropDown *state;
  GtkEntry    *reason;
  guint        marked;    /* the state last chosen, kept once there is one */
  gboolean     dirty;
} Row;

struct _ZbAttendanceEditor
{
  GtkWidget            parent_instance;

  AdwPreferencesGroup *group;
  GtkWidget           *all_button;
  GtkSizeGroup        *votes;
  GtkSizeGroup        *choices;
  GPtrArray           *rows;     /* of Row, in the list's order */
  GHashTable          *by_id;    /* member ID → Row */
  char                *problem;
};

G_DEFINE_FINAL_TYPE (ZbAttendanceEditor, zb_attendance_editor, GTK_TYPE_WIDGET)

enum {
  CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

void
zb_attendance_mark_free (ZbAttendanceMark *mark)
{
  g_free (mark->member_id);
  g_free (mark->state);
  g_free (mark->reason);
  g_free (mark);
}

static void
row_free (Row *row)
{
  g_free (row->member_id);
  g_free (row->name);
  g_free (row);
}

static guint
state_index (const char *state)
{
  for (guint i = STATE_PRESENT; i < G_N_ELEMENTS (states); i++)
    if (g_strcmp0 (state, states[i]) == 0)
      return i;

  return STATE_UNMARKED;
}

static const char *
reason_text (Row *row)
{
  return zb_editable_text_or_null (row->reason);
}

/* DOMAIN.md section 2: leave (请假) is excused only with its reason. */
static gboolean
lacks_reason (Row *row)
{
  return row->marked == STATE_LEAVE && reason_text (row) == NULL;
}

static void
update_totals (ZbAttendanceEditor *self)
{
  guint expected, present, leave, absent, unmarked;
  g_autofree char *totals = NULL;

  zb_attendance_editor_count (self, &expected, &present, &leave, &absent, &unmarked);
  if (unmarked == 0)
    /* TRANSLATORS: the totals of a meeting's attendance: 应到, 实到, 请假, 缺席 */
    totals = g_strdup_printf (_("Expected %u · present %u · on leave %u · absent %u"), expected,
                              present, leave, absent);
  else
    /* TRANSLATORS: the totals of a meeting's attendance, then how many are not marked yet */
    totals = g_strdup_printf (_("Expected %u · present %u · on leave %u · absent %u · %u not "
                                "marked yet"), expected, present, leave, absent, unmarked);
  adw_preferences_group_set_description (self->group, totals);
}

static void
update_problem (ZbAttendanceEditor *self)
{
  g_clear_pointer (&self->problem, g_free);
  for (guint i = 0; i < self->rows->len; i++)
    {
      Row *row = g_ptr_array_index (self->rows, i);
      gboolean missing = lacks_reason (row);

      if (missing)
        gtk_widget_add_css_class (GTK_WIDGET (row->reason), "error");
      else
        gtk_widget_remove_css_class (GTK_WIDGET (row->reason), "error");
      if (missing && self->problem == NULL)
        /* TRANSLATORS: %s is the name of a member marked as on leave */
        self->problem = g_strdup_printf (_("Reason: give the reason for %s’s leave"), row->name);
    }
}

static void
changed (ZbAttendanceEditor *self,
         Row                *row)
{
  row->dirty = TRUE;
  update_problem (self);
  update_totals (self);
  g_signal_emit (self, signals[CHANGED], 0);
}

/* A mark can be changed, not taken back: once chosen, "not marked yet"
 * returns to the last state chosen. */
static void
state_changed_cb (GtkDropDown        *drop_down,
                  GParamSpec         *pspec,
                  ZbAttendanceEditor *self)
{
  Row *row = g_object_get_data (G_OBJECT (drop_down), "row");
  guint selected = gtk_drop_down_get_selected (drop_down);

  if (selected == row->marked || selected >= G_N_ELEMENTS (states))
    return;
  if (selected == STATE_UNMARKED)
    {
      gtk_drop_down_set_selected (drop_down, row->marked);
      return;
    }

  row->marked = selected;
  gtk_widget_set_visible (GTK_WIDGET (row->reason), selected != STATE_PRESENT);
  if (selected == STATE_LEAVE && reason_text (row) == NULL &&
      gtk_widget_get_mapped (GTK_WIDGET (drop_down)))
    gtk_widget_grab_focus (GTK_WIDGET (row->reason));
  changed (self, row);
}

static void
reason_changed_cb (GtkEditable        *reason,
                   ZbAttendanceEditor *self)
{
  changed (self, g_object_get_data (G_OBJECT (reason), "row"));
}

static GtkDropDown *
state_drop_down (void)
{
  const char *labels[G_N_ELEMENTS (states) + 1] = { NULL };
  GtkWidget *drop_down;

  labels[0] = _("Not marked yet");
  for (guint i = STATE_PRESENT; i < G_N_ELEMENTS (states); i++)
    labels[i] = zb_attendance_label (states[i]);
  drop_down = gtk_drop_down_new_from_strings (labels);
  gtk_widget_set_valign (drop_down, GTK_ALIGN_CENTER);
  return GTK_DROP_DOWN (drop_down);
}

/* Name | reason (for leave or absence) | vote | state */
static Row *
add_row (ZbAttendanceEditor *self,
         ZbAttendee         *attendee)
{
  Row *row = g_new0 (Row, 1);
  GtkWidget *vote = gtk_label_new (zb_attendee_get_has_vote (attendee) ? _("Has a vote")
                                                                       : _("No vote"));

  row->member_id = g_strdup (zb_attendee_get_member_id (attendee));
  row->name = g_strdup (zb_attendee_get_name (attendee));
  row->marked = state_index (zb_attendee_get_state (attendee));
  row->row = adw_action_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row->row), row->name);

  row->reason = GTK_ENTRY (gtk_entry_new ());
  gtk_entry_set_placeholder_text (row->reason, _("Reason"));
  gtk_editable_set_width_chars (GTK_EDITABLE (row->reason), 16);
  gtk_editable_set_text (GTK_EDITABLE (row->reason), zb_attendee_get_reason (attendee) ?: "");
  gtk_widget_set_valign (GTK_WIDGET (row->reason), GTK_ALIGN_CENTER);
  gtk_widget_set_visible (GTK_WIDGET (row->reason),
                          row->marked == STATE_LEAVE || row->marked == STATE_ABSENT);
  gtk_accessible_update_property (GTK_ACCESSIBLE (row->reason), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Reason"), -1);

  gtk_label_set_xalign (GTK_LABEL (vote), 0);
  gtk_widget_add_css_class (vote, zb_attendee_get_has_vote (attendee) ? "caption" : "dim-label");
  gtk_size_group_add_widget (self->votes, vote);

  row->state = state_drop_down ();
  gtk_drop_down_set_selected (row->state, row->marked);
  gtk_size_group_add_widget (self->choices, GTK_WIDGET (row->state));
  zb_drop_down_set_label (row->state, row->name);

  adw_action_row_add_suffix (ADW_ACTION_ROW (row->row), GTK_WIDGET (row->reason));
  adw_action_row_add_suffix (ADW_ACTION_ROW (row->row), vote);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row->row), GTK_WIDGET (row->state));
  adw_preferences_group_add (self->group, row->row);

  g_object_set_data (G_OBJECT (row->state), "row", row);
  g_object_set_data (G_OBJECT (row->reason), "row", row);
  g_signal_connect_object (row->state, "notify::selected", G_CALLBACK (state_changed_cb), self, 0);
  g_signal_connect_object (row->reason, "changed", G_CALLBACK (reason_changed_cb), self, 0);
  g_ptr_array_add (self->rows, row);
  g_hash_table_insert (self->by_id, row->member_id, row);
  return row;
}

static void
all_present_cb (ZbAttendanceEditor *self)
{
  zb_attendance_editor_mark_all_present (self);
}

static void
zb_attendance_editor_dispose (GObject *object)
{
  ZbAttendanceEditor *self = ZB_ATTENDANCE_EDITOR (object);
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);
  g_clear_pointer (&self->by_id, g_hash_table_unref);
  g_clear_pointer (&self->rows, g_ptr_array_unref);
  g_clear_object (&self->votes);
  g_clear_object (&self->choices);
  g_clear_pointer (&self->problem, g_free);

  G_OBJECT_CLASS (zb_attendance_editor_parent_class)->dispose (object);
}

static void
zb_attendance_editor_class_init (ZbAttendanceEditorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = zb_attendance_editor_dispose;
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);

  signals[CHANGED] =
    g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);
}

static void
zb_attendance_editor_init (ZbAttendanceEditor *self)
{
  self->rows = g_ptr_array_new_with_free_func ((GDestroyNotify) row_free);
  self->by_id = g_hash_table_new (g_str_hash, g_str_equal);
  self->votes = gtk_size_group_new (GTK_SIZE_GROUP_HORIZONTAL);
  self->choices = gtk_size_group_new (GTK_SIZE_GROUP_HORIZONTAL);

  self->group = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());
  adw_preferences_group_set_title (self->group, _("Attendance"));
  self->all_button = gtk_button_new_with_mnemonic (_("_All Present"));
  gtk_widget_set_tooltip_text (self->all_button,
                               _("Mark everyone not marked yet as present"));
  gtk_widget_set_valign (self->all_button, GTK_ALIGN_END);
  adw_preferences_group_set_header_suffix (self->group, self->all_button);
  g_signal_connect_object (self->all_button, "clicked", G_CALLBACK (all_present_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_widget_set_parent (GTK_WIDGET (self->group), GTK_WIDGET (self));
}

/* @attendees: the expected attendees (ZbAttendee), with their marks so far. */
GtkWidget *
zb_attendance_editor_new (GListModel *attendees)
{
  ZbAttendanceEditor *self = g_object_new (ZB_TYPE_ATTENDANCE_EDITOR, NULL);

  for (guint i = 0; attendees && i < g_list_model_get_n_items (attendees); i++)
    {
      g_autoptr(ZbAttendee) attendee = g_list_model_get_item (attendees, i);

      add_row (self, attendee);
    }
  if (self->rows->len == 0)
    {
      GtkWidget *none = adw_action_row_new ();

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (none),
                                     _("No one is expected at this meeting on its date"));
      adw_preferences_group_add (self->group, none);
    }
  update_totals (self);
  update_problem (self);
  return GTK_WIDGET (self);
}

void
zb_attendance_editor_set_editable (ZbAttendanceEditor *self,
                                   gboolean            editable)
{
  for (guint i = 0; i < self->rows->len; i++)
    {
      Row *row = g_ptr_array_index (self->rows, i);

      gtk_widget_set_sensitive (GTK_WIDGET (row->state), editable);
      gtk_widget_set_sensitive (GTK_WIDGET (row->reason), editable);
    }
  gtk_widget_set_visible (self->all_button, editable);
}

/* The marks chosen since the last call that can be written: a leave waits
 * for its reason. */
GPtrArray *
zb_attendance_editor_take_changes (ZbAttendanceEditor *self)
{
  GPtrArray *marks = g_ptr_array_new_with_free_func ((GDestroyNotify) zb_attendance_mark_free);

  for (guint i = 0; i < self->rows->len; i++)
    {
      Row *row = g_ptr_array_index (self->rows, i);
      ZbAttendanceMark *mark;

      if (!row->dirty || row->marked == STATE_UNMARKED || lacks_reason (row))
        continue;

      mark = g_new0 (ZbAttendanceMark, 1);
      mark->member_id = g_strdup (row->member_id);
      mark->state = g_strdup (states[row->marked]);
      mark->reason = row->marked != STATE_PRESENT ? g_strdup (reason_text (row)) : NULL;
      g_ptr_array_add (marks, mark);
      row->dirty = FALSE;
    }

  return marks;
}

/* Marks whose writing failed wait for the next save. */
void
zb_attendance_editor_give_back (ZbAttendanceEditor *self,
                                GPtrArray          *marks)
{
  for (guint i = 0; marks && i < marks->len; i++)
    {
      ZbAttendanceMark *mark = g_ptr_array_index (marks, i);
      Row *row = g_hash_table_lookup (self->by_id, mark->member_id);

      if (row != NULL)
        row->dirty = TRUE;
    }
}

/* Whether a mark waits to be written; a leave without its reason waits
 * for it, and is the problem instead. */
gboolean
zb_attendance_editor_has_changes (ZbAttendanceEditor *self)
{
  for (guint i = 0; i < self->rows->len; i++)
    {
      Row *row = g_ptr_array_index (self->rows, i);

      if (row->dirty && row->marked != STATE_UNMARKED && !lacks_reason (row))
        return TRUE;
    }

  return FALSE;
}

/* What keeps a mark from being written, such as a leave without its
 * reason, or NULL. */
const char *
zb_attendance_editor_get_problem (ZbAttendanceEditor *self)
{
  return self->problem;
}

/* Marks @member_id as the user would, by choosing the state and typing
 * the reason. */
void
zb_attendance_editor_mark (ZbAttendanceEditor *self,
                           const char         *member_id,
                           const char         *state,
                           const char         *reason)
{
  Row *row = g_hash_table_lookup (self->by_id, member_id);

  g_return_if_fail (row != NULL);

  if (state != NULL)
    gtk_drop_down_set_selected (row->state, state_index (state));
  if (reason != NULL)
    gtk_editable_set_text (GTK_EDITABLE (row->reason), reason);
}

/* 全部出席: everyone not marked yet is present; marks already chosen, such
 * as a leave, stay. */
void
zb_attendance_editor_mark_all_present (ZbAttendanceEditor *self)
{
  for (guint i = 0; i < self->rows->len; i++)
    {
      Row *row = g_ptr_array_index (self->rows, i);

      if (row->marked == STATE_UNMARKED)
        gtk_drop_down_set_selected (row->state, STATE_PRESENT);
    }
}

GtkWidget *
zb_attendance_editor_get_row (ZbAttendanceEditor *self,
                              const char         *member_id)
{
  Row *row = g_hash_table_lookup (self->by_id, member_id);

  return row ? row->row : NULL;
}

/* 应到, 实到, 请假, 缺席, and those not marked yet, counted apart. */
void
zb_attendance_editor_count (ZbAttendanceEditor *self,
                            guint              *expected,
                            guint              *present,
                            guint              *leave,
                            guint              *absent,
                            guint              *unmarked)
{
  guint counts[G_N_ELEMENTS (states)] = { 0 };

  for (guint i = 0; i < self->rows->len; i++)
    counts[((Row *) g_ptr_array_index (self->rows, i))->marked]++;

  *expected = self->rows->len;
  *present = counts[STATE_PRESENT];
  *leave = counts[STATE_LEAVE];
  *absent = counts[STATE_ABSENT];
  *unmarked = counts[STATE_UNMARKED];
}
