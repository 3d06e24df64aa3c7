/* zb-meeting-editor-private.h: what the meeting editor's own files share
 *
 * Copyright 2026 The Zhibu authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "zb-meeting-editor.h"

G_BEGIN_DECLS

/* One agenda item (议题) as it is typed: its title, minutes and resolution. */
typedef struct
{
  ZbAgendaItem *item;
  GtkWidget    *box;
  GtkLabel     *heading;
  AdwEntryRow  *title;
  GtkTextView  *minutes;
  AdwEntryRow  *resolution;
  gboolean      dirty;
  gboolean      removing;   /* hidden, while its removal can be undone */
} ItemWidgets;

struct _ZbMeetingEditor
{
  AdwWindow          parent_instance;

  AdwToastOverlay   *toast_overlay;
  AdwWindowTitle    *window_title;
  GtkWidget         *add_item_button;
  GtkWidget         *finalize_button;
  GtkWidget         *addendum_button;
  GtkWidget         *final_banner;
  GtkWidget         *review_banner; /* the committee's decision, or NULL */
  GtkLabel          *final_label;
  GtkBox            *content;

  ZbStore           *store;
  ZbMeeting         *meeting;
  GCancellable      *cancellable;
  GPtrArray         *items;         /* of ItemWidgets, in agenda order */
  GtkWidget         *agenda_box;
  ZbFirstItemEditor *first_editor;  /* NULL when the type has no first item */
  ZbMeasuresEditor  *measures_editor;
  ZbMeetingDetails  *details;
  ZbAttendanceEditor *attendance;
  ZbGuestsEditor    *guests;
  GPtrArray         *removed;       /* IDs of agenda items removed, to be written */
  AdwToast          *undo_toast;
  char              *problem;       /* what keeps a change from being saved, or NULL */
  char              *save_error;    /* why the store refused the last save, or NULL */
  guint              autosave_id;
  gboolean           first_dirty;
  gboolean           details_dirty;
  gboolean           close_warned;
  gboolean           adding_row;    /* the first agenda item's row is being written */
  gboolean           saving;
  gboolean           print_when_saved;
  gboolean           final;
};

/* What one save writes; each part is emptied once written, so that a save
 * that fails part way gives back only what is left. */
typedef struct
{
  char        *meeting_id;
  GPtrArray   *removed;   /* of agenda item IDs */
  ZbMeeting   *meeting;   /* the details, or NULL */
  ZbMeeting   *written;   /* the details once written */
  GPtrArray   *marks;     /* of ZbAttendanceMark */
  GPtrArray   *items;     /* of ZbAgendaItem */
  ZbFirstItem *first;
} SaveJob;

/* zb-meeting-editor.c */
void          zb_meeting_editor_show_state          (ZbMeetingEditor  *self,
                                                     const char       *state);
void          zb_meeting_editor_show_error          (ZbMeetingEditor  *self,
                                                     const GError     *error);

/* zb-meeting-editor-sections.c */
void          zb_meeting_editor_build               (ZbMeetingEditor  *self);
void          zb_meeting_editor_details_saved       (ZbMeetingEditor  *self,
                                                     ZbMeeting        *written);

/* zb-meeting-editor-agenda.c */
void          zb_meeting_editor_class_init_agenda   (GtkWidgetClass   *widget_class);
gboolean      zb_meeting_editor_load_items          (ZbMeetingEditor  *self,
                                                     GError          **error);
void          zb_meeting_editor_item_widgets_free   (ItemWidgets      *w);
ZbAgendaItem *zb_meeting_editor_read_item           (ItemWidgets      *w);
void          zb_meeting_editor_settle_removal      (ZbMeetingEditor  *self);
GtkWidget    *zb_meeting_editor_minutes_view        (const char       *text);
char         *zb_meeting_editor_buffer_text         (GtkTextView      *view);

/* zb-meeting-editor-autosave.c */
void          zb_meeting_editor_class_init_autosave (GtkWidgetClass   *widget_class);
void          zb_meeting_editor_schedule_save       (ZbMeetingEditor  *self);
SaveJob      *zb_meeting_editor_take_changes        (ZbMeetingEditor  *self,
                                                     gboolean          all);
void          zb_meeting_editor_give_back           (ZbMeetingEditor  *self,
                                                     SaveJob          *job);
gboolean      zb_meeting_editor_save_call           (ZbStore          *store,
                                                     gpointer          data,
                                                     GError          **error);
void          zb_meeting_editor_save_job_free       (SaveJob          *job);

/* zb-meeting-editor-finalize.c */
void          zb_meeting_editor_class_init_finalize (GtkWidgetClass   *widget_class);
void          zb_meeting_editor_show_final          (ZbMeetingEditor  *self,
                                                     const char       *finalized_at);

/* zb-meeting-editor-addendum.c */
void          zb_meeting_editor_class_init_addendum (GtkWidgetClass   *widget_class);

/* zb-meeting-editor-review.c */
void          zb_meeting_editor_show_review         (ZbMeetingEditor  *self);

G_END_DECLS
