#define G_LOG_DOMAIN "zb-meeting-editor-sections"

#include "config.h"

#include <glib/gi18n.h>

#include "zb-meeting-editor-private.h"
#include "zb-member-rules.h"

/* The parts of the record, laid out as on paper: its head (the details,
 * with the chair and recorder to choose from), the attendance, the guests,
 * the first item (第一议题) where the meeting's type has one, the agenda and
 * the measures; each part's changes start the autosave. */

static void attendance_changed_cb (ZbMeetingEditor *self);

/* The expected attendees are those on the meeting's date: a new date
 * reads them again, unless a mark is still waiting to be written. */
static void
reload_attendance (ZbMeetingEditor *self)
{
  g_autoptr(GListModel) attendees = NULL;
  GtkWidget *old = GTK_WIDGET (self->attendance);

  if (zb_attendance_editor_has_changes (self->attendance))
    return;
  attendees = zb_store_list_attendees (self->store, zb_meeting_get_id (self->meeting), NULL);
  if (attendees == NULL)
    return;

  self->attendance = ZB_ATTENDANCE_EDITOR (zb_attendance_editor_new (attendees));
  g_signal_connect_object (self->attendance, "changed", G_CALLBACK (attendance_changed_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_box_insert_child_after (self->content, GTK_WIDGET (self->attendance), old);
  gtk_box_remove (self->content, old);
}

/* The window's title follows the meeting's, and what was typed shows as
 * stored. */
void
zb_meeting_editor_details_saved (ZbMeetingEditor *self,
                                 ZbMeeting       *written)
{
  gboolean new_date = g_strcmp0 (zb_meeting_get_date (written),
                                 zb_meeting_get_date (self->meeting)) != 0;

  zb_meeting_details_show_saved (self->details, written);
  zb_meeting_set_title (self->meeting, zb_meeting_get_title (written));
  zb_meeting_set_date (self->meeting, zb_meeting_get_date (written));
  zb_meeting_set_chair_id (self->meeting, zb_meeting_get_chair_id (written));
  zb_meeting_set_recorder_id (self->meeting, zb_meeting_get_recorder_id (written));
  gtk_window_set_title (GTK_WINDOW (self), zb_meeting_get_title (written));
  adw_window_title_set_title (self->window_title, zb_meeting_get_title (written));
  if (new_date)
    reload_attendance (self);
}

static void
first_item_changed_cb (ZbMeetingEditor *self)
{
  self->first_dirty = TRUE;
  zb_meeting_editor_show_state (self, _("Unsaved changes"));
  zb_meeting_editor_schedule_save (self);
}

static void
details_changed_cb (ZbMeetingEditor *self)
{
  self->details_dirty = TRUE;
  zb_meeting_editor_show_state (self, _("Unsaved changes"));
  zb_meeting_editor_schedule_save (self);
}

static void
attendance_changed_cb (ZbMeetingEditor *self)
{
  zb_meeting_editor_show_state (self, _("Unsaved changes"));
  zb_meeting_editor_schedule_save (self);
}

static AdwPreferencesGroup *
add_group (ZbMeetingEditor *self,
           const char      *title)
{
  GtkWidget *group = adw_preferences_group_new ();

  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), title);
  gtk_box_append (self->content, group);
  return ADW_PREFERENCES_GROUP (group);
}

/* A general, committee or group meeting opens with its first item; one
 * recorded from the command line for another type is shown too. */
static void
add_first_item (ZbMeetingEditor *self)
{
  const ZbMeetingType *type = zb_meeting_type_lookup (zb_meeting_get_type_code (self->meeting));
  g_autoptr(ZbFirstItem) first = zb_store_get_first_item (self->store,
                                                          zb_meeting_get_id (self->meeting),
                                                          NULL);

  if (first == NULL && (type == NULL || !type->first_item))
    return;

  self->first_editor = ZB_FIRST_ITEM_EDITOR (zb_first_item_editor_new ());
  zb_first_item_editor_set_store (self->first_editor, self->store,
                                  zb_meeting_get_id (self->meeting));
  if (first != NULL)
    zb_first_item_editor_set_item (self->first_editor, first);
  g_signal_connect_object (self->first_editor, "changed", G_CALLBACK (first_item_changed_cb),
                           self, G_CONNECT_SWAPPED);
  gtk_box_append (self->content, GTK_WIDGET (self->first_editor));
}

/* With no one expected (a committee meeting before the committee is
 * entered), the members of the Party on the roster. */
static GListModel *
party_members (ZbMeetingEditor *self)
{
  g_autoptr(GListModel) members = zb_store_list_members (self->store, FALSE, NULL);
  GListStore *people = g_list_store_new (ZB_TYPE_ATTENDEE);

  for (guint i = 0; members && i < g_list_model_get_n_items (members); i++)
    {
      g_autoptr(ZbMember) m = g_list_model_get_item (members, i);
      g_autoptr(ZbAttendee) a = NULL;

      if (!zb_member_in_party (m))
        continue;
      a = zb_attendee_new (zb_member_get_id (m), zb_member_get (m, ZB_MEMBER_FIELD_NAME), NULL,
                           NULL);
      g_list_store_append (people, a);
    }

  return G_LIST_MODEL (people);
}

/* Who may chair and record: the people expected on the day; the signers
 * already chosen too, should the list have changed since. */
static GListModel *
signer_choices (ZbMeetingEditor *self,
                GListModel      *expected)
{
  g_autoptr(GListModel) fallback = NULL;
  GListModel *attendees = expected;
  GListStore *people = g_list_store_new (ZB_TYPE_ATTENDEE);
  const char *signers[] = { zb_meeting_get_chair_id (self->meeting),
                            zb_meeting_get_recorder_id (self->meeting) };

  if (expected == NULL || g_list_model_get_n_items (expected) == 0)
    attendees = fallback = party_members (self);

  for (guint i = 0; attendees && i < g_list_model_get_n_items (attendees); i++)
    {
      g_autoptr(ZbAttendee) a = g_list_model_get_item (attendees, i);

      g_list_store_append (people, a);
      for (guint j = 0; j < G_N_ELEMENTS (signers); j++)
        if (g_strcmp0 (signers[j], zb_attendee_get_member_id (a)) == 0)
          signers[j] = NULL;
    }
  for (guint j = 0; j < G_N_ELEMENTS (signers); j++)
    {
      g_autoptr(ZbMember) member = signers[j] ? zb_store_get_member (self->store, signers[j], NULL)
                                              : NULL;
      g_autoptr(ZbAttendee) a = NULL;

      if (member == NULL)
        continue;
      a = zb_attendee_new (signers[j], zb_member_get (member, ZB_MEMBER_FIELD_NAME), NULL, NULL);
      g_list_store_append (people, a);
    }

  return G_LIST_MODEL (people);
}

/* The head of the record and its attendance, first, as on paper. */
static void
add_details_and_attendance (ZbMeetingEditor *self)
{
  g_autoptr(GListModel) attendees = zb_store_list_attendees (self->store,
                                                             zb_meeting_get_id (self->meeting),
                                                             NULL);
  g_autoptr(GListModel) people = signer_choices (self, attendees);
  g_autoptr(ZbMeeting) original = NULL;

  if (zb_meeting_get_addendum_of (self->meeting) != NULL)
    original = zb_store_get_meeting (self->store, zb_meeting_get_addendum_of (self->meeting),
                                     NULL);
  self->details = ZB_MEETING_DETAILS (zb_meeting_details_new (self->meeting, people, original ?
                                                              zb_meeting_get_title (original) :
                                                              NULL));
  g_signal_connect_object (self->details, "changed", G_CALLBACK (details_changed_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_box_append (self->content, GTK_WIDGET (self->details));

  self->attendance = ZB_ATTENDANCE_EDITOR (zb_attendance_editor_new (attendees));
  g_signal_connect_object (self->attendance, "changed", G_CALLBACK (attendance_changed_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_box_append (self->content, GTK_WIDGET (self->attendance));

  self->guests = ZB_GUESTS_EDITOR (zb_guests_editor_new (self->store,
                                                         zb_meeting_get_id (self->meeting)));
  gtk_box_append (self->content, GTK_WIDGET (self->guests));
}

void
zb_meeting_editor_build (ZbMeetingEditor *self)
{
  AdwPreferencesGroup *group;

  add_details_and_attendance (self);
  add_first_item (self);
  group = add_group (self, _("Agenda"));
  adw_preferences_group_set_description (group, _("Minutes: saved as you type"));
  self->agenda_box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 24);
  gtk_box_append (self->content, self->agenda_box);
  self->measures_editor = ZB_MEASURES_EDITOR (zb_measures_editor_new (self->store,
                                                                      zb_meeting_get_id (self->meeting)));
  gtk_box_append (self->content, GTK_WIDGET (self->measures_editor));
}
