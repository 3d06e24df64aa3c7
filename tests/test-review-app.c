#define G_LOG_DOMAIN "test-review-app"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "zb-meeting-editor.h"
#include "zb-meetings-view.h"
#include "zb-sync-apply.h"
#include "zb-test-sync.h"
#include "zb-test-util.h"
#include "zb-test-window.h"

/* Under xvfb-run, in C and zh_CN (issue 15): the committee's review of a
 * finalised record, pulled from the feed by the real apply code, shows on
 * the record and in the list of records sent back; an addendum answers it
 * and the record leaves the list. Screenshots of both. */

#define COMMENT "第二项议题的决议未写明表决结果，请补充记录。"

static gboolean
has_editor (gpointer data)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GObject) window = g_list_model_get_item (toplevels, i);

      if (ZB_IS_MEETING_EDITOR (window) && gtk_widget_get_mapped (GTK_WIDGET (window)) &&
          zb_meeting_editor_is_final (ZB_MEETING_EDITOR (window)))
        {
          *(GtkWidget **) data = GTK_WIDGET (window);
          return TRUE;
        }
    }
  return FALSE;
}

static gboolean
view_loaded (gpointer data)
{
  return !zb_meetings_view_is_loading (data);
}

/* The banner's heading says an addendum answered the record. */
static gboolean
answered (gpointer data)
{
  GtkWidget *banner = zb_meeting_editor_get_review_banner (data);
  GtkWidget *heading = banner ? gtk_widget_get_first_child (gtk_widget_get_last_child (banner))
                              : NULL;

  return heading != NULL &&
         g_strcmp0 (gtk_label_get_text (GTK_LABEL (heading)),
                    _("Sent back by the committee; answered with an addendum")) == 0;
}

/* A finalised lecture of the branch. */
static char *
finalised_meeting (ZbStore *store)
{
  g_autoptr(ZbMeeting) meeting = zb_meeting_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *chair = NULL, *recorder = NULL;
  char *id;

  zb_test_pick_full_members (store, &chair, &recorder);
  zb_meeting_set_type_code (meeting, "lecture");
  zb_meeting_set_title (meeting, "专题党课：学习新修订的党章");
  zb_meeting_set_date (meeting, "2026-11-20");
  zb_meeting_set_chair_id (meeting, chair);
  zb_meeting_set_recorder_id (meeting, recorder);
  id = zb_store_add_meeting (store, meeting, &error);
  g_assert_no_error (error);
  zb_store_set_attendance (store, id, chair, "present", NULL, &error);
  g_assert_no_error (error);
  zb_store_set_attendance (store, id, recorder, "present", NULL, &error);
  g_assert_no_error (error);
  zb_store_finalize_meeting (store, id, &error);
  g_assert_no_error (error);
  return id;
}

/* The decision as the server's feed brings it (PROTOCOL.md 7.5), applied
 * by the code a sync round applies pages with. */
static void
receive_review (ZbStore    *store,
                const char *meeting)
{
  g_autofree char *json = g_strdup_printf (
    "[{\"seq\": 40, \"kind\": \"row\", \"table\": \"meeting_reviews\", \"row_id\": \"%s\", "
    "\"deleted\": false, \"fields\": {\"meeting_id\": \"%s\", \"decision\": \"returned\", "
    "\"comment\": \"" COMMENT "\", \"reviewer\": \"wang\", "
    "\"decided_at\": \"2026-11-25T02:00:00Z\"}, \"changed_at\": \"2026-11-25T02:00:00Z\"}]",
    meeting, meeting);
  g_autoptr(ZbSyncPage) page = zb_test_page (0, json);
  g_autoptr(GError) error = NULL;
  ZbSyncApplyStats stats = { 0 };

  g_assert_true (zb_sync_apply_page (store, page, &stats, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (stats.rows, ==, 1);
}

static void
test_sent_back (ZbTestWindow  *f,
                gconstpointer  data)
{
  g_autoptr(ZbStore) store = NULL;
  g_autofree char *meeting = NULL;
  GtkWidget *editor = NULL, *banner;
  ZbMeetingsView *view;
  GtkWidget *text;

  zb_test_make_roster (f, 12);
  store = zb_test_open_store (f);
  meeting = finalised_meeting (store);
  receive_review (store, meeting);

  /* The list of records sent back, above the months. */
  zb_test_open_roster (f);
  zb_window_show_view (f->window, "meetings");
  view = ZB_MEETINGS_VIEW (zb_window_get_meetings_view (f->window));
  zb_meetings_view_reload (view);
  zb_test_wait_for (view_loaded, view, 30);
  zb_test_settle (500);
  g_assert_cmpuint (zb_meetings_view_get_n_sent_back (view), ==, 1);
  zb_test_screenshot (GTK_WIDGET (f->window), "review-sent-back-list.png");

  /* The record shows the decision: sent back, the comment, by whom. */
  zb_window_open_meeting (f->window, meeting);
  zb_test_wait_for (has_editor, &editor, 30);
  banner = zb_meeting_editor_get_review_banner (ZB_MEETING_EDITOR (editor));
  g_assert_nonnull (banner);
  g_assert_true (gtk_widget_has_css_class (banner, "returned"));
  text = gtk_widget_get_last_child (banner);
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (gtk_widget_get_first_child (text))), ==,
                   _("Sent back by the committee; awaiting an addendum"));
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (gtk_widget_get_next_sibling (
                     gtk_widget_get_first_child (text)))), ==, COMMENT);
  g_assert_nonnull (strstr (gtk_label_get_text (GTK_LABEL (gtk_widget_get_last_child (text))),
                            "wang"));
  zb_test_settle (300);
  zb_test_screenshot (editor, "review-sent-back-record.png");

  /* The branch answers with an addendum: the record says so, and leaves
   * the list. */
  zb_meeting_editor_add_addendum (ZB_MEETING_EDITOR (editor), "第二项议题以举手表决，全体通过。");
  zb_test_wait_for (answered, editor, 30);
  zb_meetings_view_reload (view);
  zb_test_wait_for (view_loaded, view, 30);
  g_assert_cmpuint (zb_meetings_view_get_n_sent_back (view), ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  zb_test_gui_init (&argc, &argv);

  g_test_add ("/review-app/sent-back", ZbTestWindow, NULL, zb_test_window_set_up,
              test_sent_back, zb_test_window_tear_down);

  return g_test_run ();
}
