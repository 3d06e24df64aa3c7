#define G_LOG_DOMAIN "test-window"

#include "config.h"

#include <locale.h>

#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "zb-demo.h"
#include "zb-meeting-editor.h"
#include "zb-meetings-view.h"
#include "zb-member-editor.h"
#include "zb-member-rules.h"
#include "zb-roster-view.h"
#include "zb-test-util.h"
#include "zb-window.h"

/* Runs under xvfb-run. Each test saves what a secretary would see as a PNG
 * in $ZHIBU_SCREENSHOT_DIR; look at them. */

#define ROSTER_SIZE 10000

static gboolean
timeout_cb (gpointer data)
{
  *(gboolean *) data = TRUE;
  return G_SOURCE_REMOVE;
}

/* Spins the main loop until @done says so, or fails after @seconds. */
static void
wait_for (gboolean (*done) (gpointer),
          gpointer    data,
          guint       seconds)
{
  gboolean timed_out = FALSE;
  guint id = g_timeout_add_seconds (seconds, timeout_cb, &timed_out);

  while (!done (data) && !timed_out)
    g_main_context_iteration (NULL, TRUE);

  g_assert_false (timed_out);
  g_source_remove (id);
}

/* Lets a few frames be drawn. */
static void
settle (guint ms)
{
  gboolean timed_out = FALSE;

  g_timeout_add (ms, timeout_cb, &timed_out);
  while (!timed_out)
    g_main_context_iteration (NULL, TRUE);
}

static void
save_screenshot (GtkWidget  *widget,
                 const char *name)
{
  const char *dir = g_getenv ("ZHIBU_SCREENSHOT_DIR");
  g_autofree char *path = NULL;
  g_autoptr(GdkPaintable) paintable = gtk_widget_paintable_new (widget);
  g_autoptr(GtkSnapshot) snapshot = gtk_snapshot_new ();
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);
  GskRenderer *renderer = gtk_native_get_renderer (gtk_widget_get_native (widget));

  g_mkdir_with_parents (dir ? dir : "screenshots", 0755);
  path = g_build_filename (dir ? dir : "screenshots", name, NULL);

  gdk_paintable_snapshot (paintable, GDK_SNAPSHOT (snapshot), width, height);
  node = gtk_snapshot_free_to_node (g_steal_pointer (&snapshot));
  g_assert_nonnull (node);
  texture = gsk_renderer_render_texture (renderer, node,
                                         &GRAPHENE_RECT_INIT (0, 0, width, height));
  g_assert_true (gdk_texture_save_to_png (texture, path));
  g_test_message ("screenshot: %s", path);
}

typedef struct
{
  char      *dir;
  char      *path;
  char      *passphrase_file;
  ZbContext *context;
  ZbWindow  *window;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);

  f->dir = zb_test_make_dir ();
  f->path = g_build_filename (f->dir, "branch.zhibu", NULL);
  f->passphrase_file = g_build_filename (f->dir, "passphrase", NULL);
  f->context = zb_context_new (settings);
  f->window = zb_window_new (NULL, f->context);
  g_object_ref_sink (f->window);
  gtk_window_set_default_size (GTK_WINDOW (f->window), 1280, 800);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  gtk_window_destroy (GTK_WINDOW (f->window));
  g_clear_object (&f->window);
  g_clear_object (&f->context);
  zb_test_remove_dir (f->dir);
  g_free (f->dir);
  g_free (f->path);
  g_free (f->passphrase_file);
}

static void
make_roster (Fixture *f,
             guint    n)
{
  g_autoptr(ZbKey) key = zb_test_key ();
  g_autoptr(GError) error = NULL;
  g_autoptr(ZbStore) store = zb_store_create (f->path, key, "第一党支部", &error);

  g_assert_no_error (error);
  zb_demo_fill (store, n, 20261122, &error);
  g_assert_no_error (error);
  g_file_set_contents (f->passphrase_file, zb_key_get_secret (key), -1, NULL);
}

static gboolean
on_roster (gpointer data)
{
  return g_strcmp0 (zb_window_get_page (data), "roster") == 0;
}

static GListModel *
roster_model (Fixture *f)
{
  ZbRosterView *view = ZB_ROSTER_VIEW (zb_window_get_roster_view (f->window));

  return G_LIST_MODEL (zb_roster_view_get_model (view));
}

static void
open_roster (Fixture *f)
{
  zb_window_open (f->window, f->path, f->passphrase_file);
  gtk_window_present (GTK_WINDOW (f->window));
  wait_for (on_roster, f->window, 60);
  settle (500);
}

/* The app opens a 10,000-member database and shows the roster. */
static void
test_roster (Fixture       *f,
             gconstpointer  data)
{
  guint n_filtered;

  make_roster (f, ROSTER_SIZE);
  open_roster (f);

  g_assert_cmpuint (g_list_model_get_n_items (roster_model (f)), ==, ROSTER_SIZE);
  g_assert_true (gtk_widget_get_mapped (zb_window_get_roster_view (f->window)));
  save_screenshot (GTK_WIDGET (f->window), "roster.png");

  zb_roster_view_set_search (ZB_ROSTER_VIEW (zb_window_get_roster_view (f->window)), "第3党小组");
  n_filtered = g_list_model_get_n_items (roster_model (f));
  g_assert_cmpuint (n_filtered, >, 0);
  g_assert_cmpuint (n_filtered, <, ROSTER_SIZE);
}

/* Clicking a header sorts in SQL, in the direction the header shows. */
static void
test_sort (Fixture       *f,
           gconstpointer  data)
{
  GtkColumnView *view = NULL;
  GListModel *columns;
  g_autoptr(GtkColumnViewColumn) birth = NULL;
  g_autoptr(ZbMember) first = NULL, last = NULL;
  guint n;

  make_roster (f, 500);
  open_roster (f);

  view = zb_roster_view_get_column_view (ZB_ROSTER_VIEW (zb_window_get_roster_view (f->window)));
  columns = gtk_column_view_get_columns (view);
  birth = g_list_model_get_item (columns, 2);
  gtk_column_view_sort_by_column (view, birth, GTK_SORT_DESCENDING);

  n = g_list_model_get_n_items (roster_model (f));
  first = g_list_model_get_item (roster_model (f), 0);
  last = g_list_model_get_item (roster_model (f), n - 1);
  g_assert_cmpstr (zb_member_get (first, ZB_MEMBER_FIELD_BIRTH_DATE), >,
                   zb_member_get (last, ZB_MEMBER_FIELD_BIRTH_DATE));
}

static ZbMemberEditor *
find_editor (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GObject) window = g_list_model_get_item (toplevels, i);

      if (ZB_IS_MEMBER_EDITOR (window) && gtk_widget_get_visible (GTK_WIDGET (window)))
        return ZB_MEMBER_EDITOR (window);
    }

  return NULL;
}

/* A wrong check digit is shown next to the ID number, and nothing is saved. */
static void
test_editor_error (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(ZbMember) member = NULL;
  ZbMemberEditor *editor;
  GtkWidget *error_row;
  GtkWidget *label;
  g_autofree char *bad = NULL;
  g_autoptr(GPtrArray) issues = NULL;
  ZbFieldIssue *issue;

  make_roster (f, 50);
  open_roster (f);

  member = g_list_model_get_item (roster_model (f), 0);
  zb_window_edit_member (f->window, member);
  editor = find_editor ();
  g_assert_nonnull (editor);
  settle (300);

  bad = g_strdup (zb_member_get (member, ZB_MEMBER_FIELD_ID_NUMBER));
  bad[17] = bad[17] == '1' ? '2' : '1';
  zb_member_editor_set_text (editor, ZB_MEMBER_FIELD_ID_NUMBER, bad);
  zb_member_editor_save (editor);
  settle (300);

  error_row = zb_member_editor_get_error (editor, ZB_MEMBER_FIELD_ID_NUMBER);
  label = gtk_list_box_row_get_child (GTK_LIST_BOX_ROW (error_row));
  g_assert_true (gtk_widget_get_visible (error_row));
  /* The rules' own words, in the language of the run. */
  zb_member_set (member, ZB_MEMBER_FIELD_ID_NUMBER, bad);
  issues = zb_member_rules_check (member);
  g_assert_cmpuint (issues->len, ==, 1);
  issue = g_ptr_array_index (issues, 0);
  g_assert_cmpint (issue->field, ==, ZB_MEMBER_FIELD_ID_NUMBER);
  g_assert_nonnull (strstr (gtk_label_get_text (GTK_LABEL (label)),
                            g_utf8_next_char (issue->message)));
  /* Right under the ID number's row, not at the end of the group. */
  g_assert_true (gtk_widget_get_parent (error_row) ==
                 gtk_widget_get_parent (gtk_widget_get_prev_sibling (error_row)));
  save_screenshot (GTK_WIDGET (editor), "member-editor-error.png");
  gtk_window_destroy (GTK_WINDOW (editor));
}

static gboolean
no_editor (gpointer data)
{
  return find_editor () == NULL;
}

/* A new member typed into the form lands in the database, off the main
 * thread, and shows in the roster. */
static void
test_editor_add (Fixture       *f,
                 gconstpointer  data)
{
  g_autofree char *id_number = zb_test_id_number ("1990-05-04", TRUE, 8);
  ZbMemberEditor *editor;
  ZbStore *store;
  g_autoptr(GListModel) members = NULL;
  guint found = 0;

  make_roster (f, 5);
  open_roster (f);

  zb_window_edit_member (f->window, NULL);
  editor = find_editor ();
  g_assert_nonnull (editor);
  zb_member_editor_set_text (editor, ZB_MEMBER_FIELD_NAME, "欧阳红梅");
  zb_member_editor_set_text (editor, ZB_MEMBER_FIELD_ID_NUMBER, id_number);
  zb_member_editor_set_text (editor, ZB_MEMBER_FIELD_JOINED_DATE, "2019-07-01");
  zb_member_editor_set_text (editor, ZB_MEMBER_FIELD_FULL_DATE, "2020-07-01");
  zb_member_editor_set_text (editor, ZB_MEMBER_FIELD_PARTY_GROUP, "第一党小组");
  zb_member_editor_save (editor);
  wait_for (no_editor, NULL, 30);

  g_assert_cmpuint (g_list_model_get_n_items (roster_model (f)), ==, 6);
  store = zb_context_get_store (f->context);
  members = zb_store_list_members (store, FALSE, NULL);
  for (guint i = 0; i < g_list_model_get_n_items (members); i++)
    {
      g_autoptr(ZbMember) m = g_list_model_get_item (members, i);

      if (g_strcmp0 (zb_member_get (m, ZB_MEMBER_FIELD_NAME), "欧阳红梅") == 0)
        {
          found++;
          /* Sex and birth date came from the ID number. */
          g_assert_cmpstr (zb_member_get (m, ZB_MEMBER_FIELD_SEX), ==, "M");
          g_assert_cmpstr (zb_member_get (m, ZB_MEMBER_FIELD_BIRTH_DATE), ==, "1990-05-04");
        }
    }
  g_assert_cmpuint (found, ==, 1);
}

static char *
add_meeting (ZbStore    *store,
             const char *type,
             const char *date,
             const char *title)
{
  return zb_test_add_meeting (store, type, date, title, NULL);
}

/* The meetings by month, with this year's findings at the top. */
static void
test_meetings (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(ZbKey) key = zb_test_key ();
  g_autoptr(GError) error = NULL;
  g_autoptr(ZbFirstItem) first = zb_first_item_new ();
  ZbMeetingsView *view;
  g_autofree char *jan = NULL, *mar = NULL, *sep = NULL;

  make_roster (f, 40);
  {
    g_autoptr(ZbStore) store = zb_store_open (f->path, key, &error);

    g_assert_no_error (error);
    jan = add_meeting (store, "committee", "2026-01-12", "一月支部委员会会议");
    mar = add_meeting (store, "general", "2026-03-26", "第一季度支部党员大会");
    sep = add_meeting (store, "theme-day", "2026-09-15", "九月主题党日：重温入党誓词");
    zb_first_item_set_topic (first, "学习贯彻会议精神");
    zb_first_item_set_form (first, "领学、研讨");
    zb_first_item_set_participants (first, "支部委员");
    zb_first_item_set_proceedings (first, "书记领学，委员交流研讨。");
    zb_store_set_first_item (store, jan, first, &error);
    g_assert_no_error (error);
  }

  open_roster (f);
  zb_window_show_view (f->window, "meetings");
  settle (500);

  view = ZB_MEETINGS_VIEW (zb_window_get_meetings_view (f->window));
  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (view)));
  g_assert_cmpuint (zb_meetings_view_get_n_findings (view), >, 0);
  save_screenshot (GTK_WIDGET (f->window), "meetings.png");
}

static gboolean
has_meeting_editor (gpointer data)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GObject) window = g_list_model_get_item (toplevels, i);

      if (ZB_IS_MEETING_EDITOR (window) && gtk_widget_get_mapped (GTK_WIDGET (window)))
        {
          *(GtkWidget **) data = GTK_WIDGET (window);
          return TRUE;
        }
    }

  return FALSE;
}

/* The minutes editor of a general meeting with its first item filled in and
 * a measure carried over from an earlier meeting. */
static void
test_meeting_editor (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(ZbKey) key = zb_test_key ();
  g_autoptr(GError) error = NULL;
  g_autoptr(ZbFirstItem) first = zb_first_item_new ();
  g_autoptr(ZbMeasure) measure = zb_measure_new ();
  g_autofree char *earlier = NULL, *meeting = NULL, *measure_id = NULL;
  GtkWidget *editor = NULL;
  GtkTextBuffer *buffer;

  make_roster (f, 12);
  {
    g_autoptr(ZbStore) store = zb_store_open (f->path, key, &error);

    earlier = add_meeting (store, "committee", "2026-10-15", "十月支部委员会会议");
    meeting = add_meeting (store, "general", "2026-11-20", "第四季度支部党员大会");
    zb_first_item_set_topic (first, "学习贯彻党的二十届四中全会精神");
    zb_first_item_set_source (first, "人民日报，2026年10月");
    zb_first_item_set_form (first, "领学、研讨");
    zb_first_item_set_leader (first, "支部书记");
    zb_first_item_set_participants (first, "支部全体党员");
    zb_first_item_set_proceedings (first, "支部书记领学全会公报，党员结合岗位逐一交流研讨。");
    zb_first_item_add_contribution (first, "组织委员", "结合发展党员工作，谈如何把好入口关。");
    zb_store_set_first_item (store, meeting, first, &error);
    g_assert_no_error (error);
    zb_measure_set_meeting_id (measure, earlier);
    zb_measure_set_text (measure, "各党小组开展一次专题学习");
    zb_measure_set_owner (measure, "各党小组组长");
    zb_measure_set_due_date (measure, "2026-11-30");
    measure_id = zb_store_add_measure (store, measure, &error);
    g_assert_no_error (error);
  }

  open_roster (f);
  zb_window_open_meeting (f->window, meeting);
  wait_for (has_meeting_editor, &editor, 30);
  buffer = gtk_text_view_get_buffer (zb_meeting_editor_get_minutes_view (ZB_MEETING_EDITOR (editor)));
  gtk_text_buffer_set_text (buffer, "主持人宣布会议开始，应到党员 12 名，实到 11 名。", -1);
  {
    g_autoptr(ZbStore) store = zb_store_open (f->path, key, &error);
    g_autoptr(GListModel) attendees = zb_store_list_attendees (store, meeting, &error);
    g_autoptr(ZbAttendee) a = g_list_model_get_item (attendees, 0);
    g_autoptr(GListModel) after = NULL;
    g_autoptr(ZbAttendee) b = NULL;
    GtkWidget *row = zb_meeting_editor_get_attendance_row (ZB_MEETING_EDITOR (editor),
                                                           zb_attendee_get_member_id (a));

    /* Attendance is saved the moment it is toggled. */
    adw_combo_row_set_selected (ADW_COMBO_ROW (row), 1);
    settle (800);
    after = zb_store_list_attendees (store, meeting, &error);
    b = g_list_model_get_item (after, 0);
    g_assert_cmpstr (zb_attendee_get_state (b), ==, "present");
  }
  settle (1800);
  g_assert_true (zb_meeting_editor_is_saved (ZB_MEETING_EDITOR (editor)));
  save_screenshot (editor, "meeting-editor.png");
  gtk_window_destroy (GTK_WINDOW (editor));
}

/* With no database yet, the window offers to create one or a demo. */
static void
test_welcome (Fixture       *f,
              gconstpointer  data)
{
  zb_window_open (f->window, f->path, NULL);
  gtk_window_present (GTK_WINDOW (f->window));
  settle (500);

  g_assert_cmpstr (zb_window_get_page (f->window), ==, "welcome");
  save_screenshot (GTK_WIDGET (f->window), "welcome.png");
}

static gboolean
on_unlock (gpointer data)
{
  return g_strcmp0 (zb_window_get_page (data), "unlock") == 0;
}

/* A wrong passphrase leads to the unlock page, which says so; the right one
 * typed there opens the roster. */
static void
test_unlock (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(ZbKey) key = NULL;
  g_autofree char *right = NULL;

  make_roster (f, 5);
  key = zb_key_new_from_file (f->passphrase_file, NULL);
  right = g_strdup (zb_key_get_secret (key));
  g_file_set_contents (f->passphrase_file, "not the passphrase", -1, NULL);

  zb_window_open (f->window, f->path, f->passphrase_file);
  gtk_window_present (GTK_WINDOW (f->window));
  wait_for (on_unlock, f->window, 60);
  settle (300);
  g_assert_true (gtk_widget_get_visible (zb_window_get_unlock_error (f->window)));
  save_screenshot (GTK_WIDGET (f->window), "unlock.png");

  zb_window_unlock (f->window, right);
  wait_for (on_roster, f->window, 60);
  g_assert_cmpuint (g_list_model_get_n_items (roster_model (f)), ==, 5);
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, g_getenv ("ZHIBU_LOCALEDIR"));
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  g_test_init (&argc, &argv, NULL);
  gtk_init ();
  adw_init ();
  /* What GtkApplication does for the app, from its resource base path. */
  gtk_icon_theme_add_resource_path (gtk_icon_theme_get_for_display (gdk_display_get_default ()),
                                    "/io/github/zhibu/Zhibu/icons");

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("/window/welcome", test_welcome);
  ADD ("/window/roster-10k", test_roster);
  ADD ("/window/sort", test_sort);
  ADD ("/window/member-editor/error", test_editor_error);
  ADD ("/window/member-editor/add", test_editor_add);
  ADD ("/window/unlock", test_unlock);
  ADD ("/window/meetings", test_meetings);
  ADD ("/window/meeting-editor", test_meeting_editor);

  return g_test_run ();
}
