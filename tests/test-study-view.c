#define G_LOG_DOMAIN "test-study-view"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "zb-date.h"
#include "zb-pdf-preview.h"
#include "zb-points.h"
#include "zb-points-line.h"
#include "zb-points-rules-dialog.h"
#include "zb-study-dialog.h"
#include "zb-study-view.h"
#include "zb-test-util.h"
#include "zb-test-window.h"

/* Under xvfb-run, in C and zh_CN (issue 12): the study and points page
 * (学习积分) of a branch with a meeting attended and a study record shows the
 * store's points, member by member; a record added through the dialog, its
 * fields filled and Save pressed, is written and the member's total grows
 * by the rules; a record the store refuses stays in the dialog with the
 * field it names marked; a rule changed through the rules dialog changes
 * the totals; a record is removed after the question; the table prints
 * through the preview and exports as CSV with formulas guarded; every
 * control is reached with Tab. Screenshots study*.png. */

typedef struct
{
  char  *first;     /* attended the meeting, studied 90 minutes */
  char  *second;    /* renamed to a formula, for the CSV */
  char  *study_id;
  guint  year;
} Branch;

static guint
this_year (void)
{
  g_autofree char *today = zb_date_today_iso ();

  return g_ascii_strtoull (today, NULL, 10);
}

static void
make_branch (ZbTestWindow *f,
             Branch       *branch)
{
  g_autoptr(ZbStore) store = NULL;
  g_autoptr(ZbStudy) study = zb_study_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *date = NULL;
  g_autofree char *meeting = NULL;

  zb_test_make_roster (f, 12);
  store = zb_test_open_store (f);
  zb_test_pick_full_members (store, &branch->first, &branch->second);
  branch->year = this_year ();
  date = g_strdup_printf ("%u-01-15", branch->year);
  meeting = zb_test_add_meeting (store, "theme-day", date, "主题党日：学习党章", NULL);
  zb_store_set_attendance (store, meeting, branch->first, "present", NULL, &error);
  g_assert_no_error (error);
  zb_test_rename_member (store, branch->second, "=1+2");

  zb_study_set_member_id (study, branch->first);
  zb_study_set_date (study, date);
  zb_study_set_title (study, "学习《中国共产党章程》");
  zb_study_set_minutes (study, 90);
  zb_study_set_kind (study, ZB_STUDY_SELF);
  branch->study_id = zb_store_add_study (store, study, &error);
  g_assert_no_error (error);
}

static void
branch_clear (Branch *branch)
{
  g_free (branch->first);
  g_free (branch->second);
  g_free (branch->study_id);
}

static ZbStudyView *
view_of (ZbTestWindow *f)
{
  return ZB_STUDY_VIEW (zb_window_get_study_view (f->window));
}

static gboolean
loaded (gpointer data)
{
  return !zb_study_view_is_loading (data) && zb_study_view_get_studies (data) != NULL;
}

static void
open_page (ZbTestWindow *f,
           Branch       *branch)
{
  make_branch (f, branch);
  gtk_window_set_default_size (GTK_WINDOW (f->window), 1400, 900);
  zb_test_open_roster (f);
  zb_window_show_view (f->window, "study");
  zb_test_wait_for (loaded, view_of (f), 60);
  zb_test_settle (200);
}

/* A snapshot of @data has something in it: the widget has a valid size
 * and has been laid out, which a loaded machine may take a while to do. */
static gboolean
paints (gpointer data)
{
  GtkWidget *widget = data;
  g_autoptr(GdkPaintable) paintable = gtk_widget_paintable_new (widget);
  g_autoptr(GtkSnapshot) snapshot = gtk_snapshot_new ();
  g_autoptr(GskRenderNode) node = NULL;

  gdk_paintable_snapshot (paintable, GDK_SNAPSHOT (snapshot), gtk_widget_get_width (widget),
                          gtk_widget_get_height (widget));
  node = gtk_snapshot_free_to_node (g_steal_pointer (&snapshot));
  return node != NULL;
}

static void
screenshot (GtkWidget  *widget,
            const char *name)
{
  zb_test_wait_for (paints, widget, 30);
  zb_test_screenshot (widget, name);
}

/* The member's line of the points shown. */
static const ZbPoints *
shown_points (ZbStudyView *view,
              const char  *member_id)
{
  GListModel *points = zb_study_view_get_points (view);

  for (guint i = 0; i < g_list_model_get_n_items (points); i++)
    {
      g_autoptr(ZbPointsLine) line = g_list_model_get_item (points, i);

      if (g_strcmp0 (zb_points_line_get_member_id (line), member_id) == 0)
        return zb_points_line_get_points (line);
    }
  g_assert_not_reached ();
}

/* The table shows the store's points, line for line and in its order. */
static void
assert_store_points (ZbTestWindow *f,
                     ZbStudyView  *view)
{
  g_autoptr(ZbStore) store = zb_test_open_store (f);
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) expected = zb_store_points (store, zb_study_view_get_year (view), &error);
  GListModel *shown = zb_study_view_get_points (view);

  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (shown), ==, g_list_model_get_n_items (expected));
  g_assert_cmpuint (g_list_model_get_n_items (shown), >, 0);
  for (guint i = 0; i < g_list_model_get_n_items (expected); i++)
    {
      g_autoptr(ZbPointsLine) a = g_list_model_get_item (expected, i);
      g_autoptr(ZbPointsLine) b = g_list_model_get_item (shown, i);

      g_assert_cmpstr (zb_points_line_get_member_id (a), ==, zb_points_line_get_member_id (b));
      g_assert_cmpint (zb_points_line_get_points (a)->total_tenths, ==,
                       zb_points_line_get_points (b)->total_tenths);
    }
}

static GtkWidget *
find_widget (GtkWidget  *widget,
             gboolean  (*match) (GtkWidget *, gconstpointer),
             gconstpointer data)
{
  if (match (widget, data))
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_widget (child, match, data);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static gboolean
is_label (GtkWidget     *widget,
          gconstpointer  text)
{
  return GTK_IS_LABEL (widget) && gtk_widget_get_mapped (widget) &&
         g_strcmp0 (gtk_label_get_text (GTK_LABEL (widget)), text) == 0;
}

/* The table's cells say @text somewhere. */
static gboolean
table_shows (ZbStudyView *view,
             const char  *text)
{
  return find_widget (GTK_WIDGET (zb_study_view_get_table (view)), is_label, text) != NULL;
}

static gboolean
is_entry_row (GtkWidget     *widget,
              gconstpointer  title)
{
  return ADW_IS_ENTRY_ROW (widget) &&
         g_strcmp0 (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (widget)), title) == 0;
}

static GtkEditable *
field (GtkWidget  *dialog,
       const char *title)
{
  GtkWidget *row = find_widget (dialog, is_entry_row, title);

  g_assert_nonnull (row);
  return GTK_EDITABLE (row);
}

static gboolean
is_action_button (GtkWidget     *widget,
                  gconstpointer  action)
{
  return GTK_IS_BUTTON (widget) &&
         g_strcmp0 (gtk_actionable_get_action_name (GTK_ACTIONABLE (widget)), action) == 0;
}

static void
press (GtkWidget  *dialog,
       const char *action)
{
  GtkWidget *button = find_widget (dialog, is_action_button, action);

  g_assert_nonnull (button);
  g_signal_emit_by_name (button, "clicked");
}

typedef struct
{
  GType      type;
  GtkWidget *found;
} Find;

static gboolean
find_toplevel (gpointer data)
{
  Find *find = data;
  GListModel *toplevels = gtk_window_get_toplevels ();

  find->found = NULL;
  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GObject) window = g_list_model_get_item (toplevels, i);

      if (G_TYPE_CHECK_INSTANCE_TYPE (window, find->type) &&
          gtk_widget_get_mapped (GTK_WIDGET (window)))
        find->found = GTK_WIDGET (window);
    }
  return find->found != NULL;
}

static gboolean
gone (gpointer data)
{
  Find find = { GPOINTER_TO_SIZE (data), NULL };

  return !find_toplevel (&find);
}

static GtkWidget *
open_dialog (ZbStudyView *view,
             const char  *action,
             GType        type)
{
  Find find = { type, NULL };

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (view), action, NULL));
  zb_test_wait_for (find_toplevel, &find, 30);
  zb_test_settle (300);
  return find.found;
}

static gboolean
dialog_idle (gpointer data)
{
  return !zb_study_dialog_is_busy (data);
}

static ZbStudyDialog *
open_study_dialog (ZbStudyView *view)
{
  ZbStudyDialog *dialog = ZB_STUDY_DIALOG (open_dialog (view, "study.add-record",
                                                        ZB_TYPE_STUDY_DIALOG));

  zb_test_wait_for (dialog_idle, dialog, 30);
  zb_test_settle (100);
  return dialog;
}

static guint
n_studies (ZbTestWindow *f)
{
  g_autoptr(ZbStore) store = zb_test_open_store (f);
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) studies = zb_store_list_studies (store, NULL, 0, &error);

  g_assert_no_error (error);
  return g_list_model_get_n_items (studies);
}

static gboolean
is_record_row (GtkWidget     *widget,
               gconstpointer  text)
{
  return ADW_IS_ACTION_ROW (widget) &&
         strstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (widget)), text) != NULL;
}

/* The page shows the store's points; a self-study of 1:30 added through
 * the dialog is written, listed with its time as hours:minutes, and adds
 * an hour and a half of study points to the member's total. */
static void
test_add (ZbTestWindow  *f,
          gconstpointer  data)
{
  Branch branch = { NULL };
  ZbStudyView *view;
  ZbStudyDialog *dialog;
  GtkWidget *row;
  const ZbPoints *points;
  gint64 before;
  g_autofree char *total = NULL;

  open_page (f, &branch);
  view = view_of (f);
  assert_store_points (f, view);
  points = shown_points (view, branch.first);
  /* One meeting attended, an hour and a half of study: 1 + 1.5 points by
   * the default rules. */
  g_assert_cmpuint (points->meetings, ==, 1);
  g_assert_cmpint (points->study_minutes, ==, 90);
  g_assert_cmpint (points->total_tenths, ==, 25);
  g_assert_true (table_shows (view, "2.5"));
  g_assert_true (table_shows (view, "1:30"));
  g_assert_nonnull (find_widget (GTK_WIDGET (zb_study_view_get_record_list (view)),
                                 is_record_row, "学习《中国共产党章程》"));
  before = points->total_tenths;
  screenshot (GTK_WIDGET (f->window), "study.png");

  dialog = open_study_dialog (view);
  g_assert_true (zb_study_dialog_choose_member (dialog, branch.first));
  gtk_editable_set_text (field (GTK_WIDGET (dialog), _("_Title: what was studied")),
                         "学习习近平新时代中国特色社会主义思想");
  gtk_editable_set_text (field (GTK_WIDGET (dialog), _("M_inutes, or hours:minutes such as 1:30")),
                         "1:30");
  zb_test_settle (200);
  screenshot (GTK_WIDGET (dialog), "study-dialog.png");
  press (GTK_WIDGET (dialog), "study.save");
  zb_test_wait_for (gone, GSIZE_TO_POINTER (ZB_TYPE_STUDY_DIALOG), 30);
  g_assert_cmpuint (n_studies (f), ==, 2);

  zb_test_wait_for (loaded, view, 60);
  zb_test_settle (200);
  assert_store_points (f, view);
  points = shown_points (view, branch.first);
  g_assert_cmpint (points->study_minutes, ==, 180);
  g_assert_cmpint (points->total_tenths, ==, before + 15);
  g_assert_true (table_shows (view, "4"));
  g_assert_true (table_shows (view, "3:00"));
  row = find_widget (GTK_WIDGET (zb_study_view_get_record_list (view)), is_record_row,
                     "学习习近平新时代中国特色社会主义思想");
  g_assert_nonnull (row);
  g_assert_nonnull (strstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (row)), "1:30"));
  g_assert_nonnull (strstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (row)),
                            zb_study_kind_label (ZB_STUDY_SELF)));
  screenshot (GTK_WIDGET (f->window), "study-added.png");
  branch_clear (&branch);
}

/* Refusals stay in the dialog, each with the field it names marked, and
 * nothing is written: no member; a time that is not one; the store's limit
 * on the minutes. */
static void
test_refused (ZbTestWindow  *f,
              gconstpointer  data)
{
  Branch branch = { NULL };
  ZbStudyDialog *dialog;
  GtkEditable *minutes;
  GtkWidget *row;
  const char *error;

  open_page (f, &branch);
  dialog = open_study_dialog (view_of (f));
  minutes = field (GTK_WIDGET (dialog), _("M_inutes, or hours:minutes such as 1:30"));
  gtk_editable_set_text (field (GTK_WIDGET (dialog), _("_Title: what was studied")), "自学");
  gtk_editable_set_text (minutes, "45");

  press (GTK_WIDGET (dialog), "study.save");
  zb_test_wait_for (dialog_idle, dialog, 30);
  error = zb_study_dialog_get_error (dialog);
  g_assert_nonnull (error);
  g_assert_true (g_str_has_prefix (error, _("Member")));
  row = zb_study_dialog_get_error_row (dialog);
  g_assert_true (ADW_IS_ACTION_ROW (row));
  g_assert_true (gtk_widget_has_css_class (row, "error"));

  g_assert_true (zb_study_dialog_choose_member (dialog, branch.first));
  gtk_editable_set_text (minutes, "abc");
  press (GTK_WIDGET (dialog), "study.save");
  error = zb_study_dialog_get_error (dialog);
  g_assert_nonnull (strstr (error, "abc"));
  g_assert_true (zb_study_dialog_get_error_row (dialog) == GTK_WIDGET (minutes));
  g_assert_false (gtk_widget_has_css_class (row, "error"));

  gtk_editable_set_text (minutes, "25:00");
  press (GTK_WIDGET (dialog), "study.save");
  zb_test_wait_for (dialog_idle, dialog, 30);
  zb_test_settle (200);
  error = zb_study_dialog_get_error (dialog);
  /* The store's words: time spent from 1 to 1440 minutes. */
  g_assert_nonnull (strstr (error, "1440"));
  g_assert_true (zb_study_dialog_get_error_row (dialog) == GTK_WIDGET (minutes));
  g_assert_true (gtk_widget_has_css_class (GTK_WIDGET (minutes), "error"));
  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (dialog)));
  screenshot (GTK_WIDGET (dialog), "study-refused.png");
  g_assert_cmpuint (n_studies (f), ==, 1);
  gtk_window_destroy (GTK_WINDOW (dialog));
  branch_clear (&branch);
}

static gboolean
is_combo_row (GtkWidget     *widget,
              gconstpointer  title)
{
  return ADW_IS_COMBO_ROW (widget) &&
         g_strcmp0 (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (widget)), title) == 0;
}

static AdwComboRow *
combo (GtkWidget  *dialog,
       const char *title)
{
  GtkWidget *row = find_widget (dialog, is_combo_row, title);

  g_assert_nonnull (row);
  return ADW_COMBO_ROW (row);
}

/* The item of @row whose text has @text in it. */
static guint
item_with (AdwComboRow *row,
           const char  *text)
{
  GListModel *model = adw_combo_row_get_model (row);

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    if (strstr (gtk_string_list_get_string (GTK_STRING_LIST (model), i), text) != NULL)
      return i;
  g_assert_not_reached ();
}

/* Study in a meeting: refused without the meeting, naming it; the meeting
 * chosen gives its day; the record is written with the meeting, and its
 * time counts as study. */
static void
test_meeting (ZbTestWindow  *f,
              gconstpointer  data)
{
  Branch branch = { NULL };
  ZbStudyView *view;
  ZbStudyDialog *dialog;
  AdwComboRow *kind, *meeting;
  g_autoptr(ZbStore) store = NULL;
  g_autoptr(GListModel) studies = NULL;
  g_autoptr(ZbStudy) study = NULL;
  g_autofree char *date = NULL;
  const char *error;

  open_page (f, &branch);
  view = view_of (f);
  dialog = open_study_dialog (view);
  kind = combo (GTK_WIDGET (dialog), _("_Kind"));
  meeting = combo (GTK_WIDGET (dialog), _("M_eeting"));
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (meeting)));
  g_assert_true (zb_study_dialog_choose_member (dialog, branch.first));
  adw_combo_row_set_selected (kind, item_with (kind, zb_study_kind_label (ZB_STUDY_MEETING)));
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (meeting)));
  gtk_editable_set_text (field (GTK_WIDGET (dialog), _("_Title: what was studied")),
                         "学习党章");
  gtk_editable_set_text (field (GTK_WIDGET (dialog), _("M_inutes, or hours:minutes such as 1:30")),
                         "60");
  press (GTK_WIDGET (dialog), "study.save");
  error = zb_study_dialog_get_error (dialog);
  g_assert_nonnull (error);
  g_assert_true (g_str_has_prefix (error, _("Meeting")));
  g_assert_true (zb_study_dialog_get_error_row (dialog) == GTK_WIDGET (meeting));

  adw_combo_row_set_selected (meeting, item_with (meeting, "主题党日：学习党章"));
  date = g_strdup_printf ("%u-01-15", branch.year);
  g_assert_cmpstr (gtk_editable_get_text (field (GTK_WIDGET (dialog), _("_Date (YYYY-MM-DD)"))),
                   ==, date);
  zb_test_settle (200);
  screenshot (GTK_WIDGET (dialog), "study-meeting.png");
  press (GTK_WIDGET (dialog), "study.save");
  zb_test_wait_for (gone, GSIZE_TO_POINTER (ZB_TYPE_STUDY_DIALOG), 30);

  store = zb_test_open_store (f);
  studies = zb_store_list_studies (store, branch.first, branch.year, NULL);
  g_assert_cmpuint (g_list_model_get_n_items (studies), ==, 2);
  study = g_list_model_get_item (studies, 1);
  g_assert_cmpint (zb_study_get_kind (study), ==, ZB_STUDY_MEETING);
  g_assert_nonnull (zb_study_get_meeting_id (study));
  g_assert_cmpstr (zb_study_get_date (study), ==, date);
  zb_test_wait_for (loaded, view, 60);
  zb_test_settle (200);
  g_assert_cmpint (shown_points (view, branch.first)->study_minutes, ==, 150);
  assert_store_points (f, view);
  branch_clear (&branch);
}

/* Another year: its own points and records, none here. */
static void
test_year (ZbTestWindow  *f,
           gconstpointer  data)
{
  Branch branch = { NULL };
  ZbStudyView *view;
  g_autofree char *heading = NULL;

  open_page (f, &branch);
  view = view_of (f);
  zb_study_view_set_year (view, branch.year - 1);
  zb_test_wait_for (loaded, view, 60);
  zb_test_settle (200);
  g_assert_cmpuint (zb_study_view_get_year (view), ==, branch.year - 1);
  g_assert_cmpuint (g_list_model_get_n_items (zb_study_view_get_studies (view)), ==, 0);
  g_assert_cmpint (shown_points (view, branch.first)->total_tenths, ==, 0);
  assert_store_points (f, view);
  heading = g_strdup_printf (_("Points in %u"), branch.year - 1);
  g_assert_nonnull (find_widget (GTK_WIDGET (view), is_label, heading));
  branch_clear (&branch);
}

/* Three points a meeting instead of one: every member's total grows by two
 * for each meeting attended, as the store counts; a figure that is not one
 * is refused, naming its rule. */
static void
test_rules (ZbTestWindow  *f,
            gconstpointer  data)
{
  Branch branch = { NULL };
  ZbStudyView *view;
  ZbPointsRulesDialog *dialog;
  GtkEditable *meeting;
  g_autoptr(ZbStore) store = NULL;
  ZbPointsRules rules;
  gint64 before;
  const char *error;

  open_page (f, &branch);
  view = view_of (f);
  before = shown_points (view, branch.first)->total_tenths;

  dialog = ZB_POINTS_RULES_DIALOG (open_dialog (view, "study.edit-rules",
                                                ZB_TYPE_POINTS_RULES_DIALOG));
  meeting = field (GTK_WIDGET (dialog), _("Points per _meeting attended"));
  g_assert_cmpstr (gtk_editable_get_text (meeting), ==, "1");
  gtk_editable_set_text (meeting, "x1");
  press (GTK_WIDGET (dialog), "rules.save");
  g_assert_false (zb_points_rules_dialog_is_saving (dialog));
  error = zb_points_rules_dialog_get_error (dialog);
  g_assert_nonnull (error);
  g_assert_true (g_str_has_prefix (error, _("Points per meeting attended")));

  gtk_editable_set_text (meeting, "3");
  zb_test_settle (100);
  screenshot (GTK_WIDGET (dialog), "study-rules.png");
  press (GTK_WIDGET (dialog), "rules.save");
  zb_test_wait_for (gone, GSIZE_TO_POINTER (ZB_TYPE_POINTS_RULES_DIALOG), 30);

  store = zb_test_open_store (f);
  g_assert_true (zb_store_get_points_rules (store, &rules, NULL));
  g_assert_cmpint (rules.meeting, ==, 30);
  zb_test_wait_for (loaded, view, 60);
  zb_test_settle (200);
  assert_store_points (f, view);
  g_assert_cmpint (shown_points (view, branch.first)->total_tenths, ==, before + 20);
  g_assert_true (table_shows (view, "4.5"));
  branch_clear (&branch);
}

static gboolean
message_dialog_shown (gpointer data)
{
  Find find = { ADW_TYPE_MESSAGE_DIALOG, NULL };

  if (!find_toplevel (&find))
    return FALSE;
  *(GtkWidget **) data = find.found;
  return TRUE;
}

/* Removal asks first: Cancel keeps the record, Remove removes it, and the
 * page says there are none and what to do. */
static void
test_remove (ZbTestWindow  *f,
             gconstpointer  data)
{
  Branch branch = { NULL };
  ZbStudyView *view;
  GtkWidget *dialog = NULL;

  open_page (f, &branch);
  view = view_of (f);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (view), "study.remove", "s",
                                             branch.study_id));
  zb_test_wait_for (message_dialog_shown, &dialog, 30);
  zb_test_settle (200);
  screenshot (dialog, "study-remove.png");
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  zb_test_settle (200);
  g_assert_cmpuint (n_studies (f), ==, 1);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (view), "study.remove", "s",
                                             branch.study_id));
  zb_test_wait_for (message_dialog_shown, &dialog, 30);
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (dialog), "remove");
  zb_test_wait_for (loaded, view, 60);
  zb_test_settle (300);
  g_assert_cmpuint (n_studies (f), ==, 0);
  g_assert_cmpuint (g_list_model_get_n_items (zb_study_view_get_studies (view)), ==, 0);
  g_assert_null (gtk_widget_get_first_child (GTK_WIDGET (zb_study_view_get_record_list (view))));
  g_assert_cmpint (shown_points (view, branch.first)->study_minutes, ==, 0);
  screenshot (GTK_WIDGET (f->window), "study-empty.png");
  branch_clear (&branch);
}

static gboolean
preview_loaded (gpointer data)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GObject) window = g_list_model_get_item (toplevels, i);

      if (ZB_IS_PDF_PREVIEW (window) && gtk_widget_get_mapped (GTK_WIDGET (window)) &&
          !zb_pdf_preview_is_loading (ZB_PDF_PREVIEW (window)))
        {
          *(ZbPdfPreview **) data = ZB_PDF_PREVIEW (window);
          return TRUE;
        }
    }
  return FALSE;
}

/* The CSV is written to its temporary name and renamed: once the file is
 * there, it is whole. */
static gboolean
file_written (gpointer path)
{
  return g_file_test (path, G_FILE_TEST_EXISTS);
}

/* The year's table opens built in the print preview; as CSV it has a line
 * per member under the CLI's column names, a BOM, and the name that is a
 * formula guarded. */
static void
test_print_export (ZbTestWindow  *f,
                   gconstpointer  data)
{
  Branch branch = { NULL };
  ZbStudyView *view;
  ZbPdfPreview *preview = NULL;
  g_autofree char *path = NULL;
  g_autofree char *csv = NULL;
  g_autofree char *heading = NULL;
  g_auto(GStrv) lines = NULL;

  open_page (f, &branch);
  view = view_of (f);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (view), "study.print-points", NULL));
  zb_test_wait_for (preview_loaded, &preview, 60);
  zb_test_settle (300);
  g_assert_null (zb_pdf_preview_get_error (preview));
  g_assert_cmpuint (zb_pdf_preview_get_n_pages (preview), >=, 1);
  screenshot (GTK_WIDGET (preview), "study-print.png");
  gtk_window_destroy (GTK_WINDOW (preview));
  zb_test_settle (100);

  /* Saved through the window's export, as the page's button does. */
  path = g_build_filename (f->dir, "points.csv", NULL);
  g_assert_true (zb_window_export (f->window, "points", path));
  zb_test_wait_for (file_written, path, 60);
  g_assert_true (g_file_get_contents (path, &csv, NULL, NULL));
  g_assert_true (g_str_has_prefix (csv, "\xef\xbb\xbf"));
  /* The headings a person reads, in the run's language (not the CLI's
   * member_id,name). */
  heading = g_strdup_printf ("%s,%s,", C_("column", "Member ID"), C_("column", "Name"));
  g_assert_true (g_str_has_prefix (csv + 3, heading));
  lines = g_strsplit (csv, "\r\n", -1);
  /* The header, a line per member, and the empty string after the last. */
  g_assert_cmpuint (g_strv_length (lines), ==,
                    g_list_model_get_n_items (zb_study_view_get_points (view)) + 2);
  g_assert_nonnull (strstr (csv, ",'=1+2,"));
  g_assert_null (strstr (csv, ",=1+2"));
  branch_clear (&branch);
}

/* The page fits a window of 720 pixels, half of a small laptop's screen:
 * it never widens the window's minimum beyond. */
static void
test_narrow (ZbTestWindow  *f,
             gconstpointer  data)
{
  Branch branch = { NULL };
  int minimum;

  open_page (f, &branch);
  gtk_widget_measure (GTK_WIDGET (view_of (f)), GTK_ORIENTATION_HORIZONTAL, -1, &minimum, NULL,
                      NULL, NULL);
  g_test_message ("the page is at least %d pixels wide", minimum);
  g_assert_cmpint (minimum, <=, 720);
  branch_clear (&branch);
}

/* Every control of the page is reached with Tab, each with a name: the
 * year, the four buttons and a record's removal. */
static void
test_keyboard (ZbTestWindow  *f,
               gconstpointer  data)
{
  Branch branch = { NULL };
  ZbStudyView *view;
  gboolean year = FALSE, remove = FALSE;
  guint buttons = 0;
  const char *actions[] = { "study.edit-rules", "study.print-points", "win.export-points",
                            "study.add-record" };
  gboolean seen[G_N_ELEMENTS (actions)] = { FALSE };

  open_page (f, &branch);
  view = view_of (f);
  for (guint i = 0; i < 120; i++)
    {
      GtkWidget *focus;
      GtkWidget *button;
      const char *action;

      g_assert_true (gtk_widget_child_focus (GTK_WIDGET (f->window), GTK_DIR_TAB_FORWARD));
      focus = gtk_window_get_focus (GTK_WINDOW (f->window));
      if (focus == NULL || !gtk_widget_is_ancestor (focus, GTK_WIDGET (view)))
        continue;
      year |= gtk_widget_get_ancestor (focus, GTK_TYPE_SPIN_BUTTON) != NULL;
      button = GTK_IS_BUTTON (focus) ? focus : gtk_widget_get_ancestor (focus, GTK_TYPE_BUTTON);
      action = button != NULL ? gtk_actionable_get_action_name (GTK_ACTIONABLE (button)) : NULL;
      if (action == NULL)
        continue;
      for (guint a = 0; a < G_N_ELEMENTS (actions); a++)
        seen[a] |= g_str_equal (action, actions[a]);
      if (g_str_equal (action, "study.remove"))
        {
          /* An icon: its name is in its tooltip and for screen readers. */
          g_assert_nonnull (gtk_widget_get_tooltip_text (button));
          remove = TRUE;
        }
    }
  for (guint a = 0; a < G_N_ELEMENTS (actions); a++)
    buttons += seen[a];
  g_assert_true (year);
  g_assert_cmpuint (buttons, ==, G_N_ELEMENTS (actions));
  g_assert_true (remove);
  branch_clear (&branch);
}

/* zb_study_parse_duration: minutes, or hours:minutes. */
static void
test_duration (void)
{
  const struct { const char *text; gint64 minutes; } good[] = {
    { "90", 90 }, { "1:30", 90 }, { "0:45", 45 }, { " 2:05 ", 125 }, { "1：30", 90 },
  };
  const char *bad[] = { "", "abc", "1:3", "1:60", "1:30:00", "-5", "1.5", ":30" };
  gint64 minutes;

  for (guint i = 0; i < G_N_ELEMENTS (good); i++)
    {
      g_assert_true (zb_study_parse_duration (good[i].text, &minutes));
      g_assert_cmpint (minutes, ==, good[i].minutes);
    }
  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    g_assert_false (zb_study_parse_duration (bad[i], &minutes));
}

int
main (int   argc,
      char *argv[])
{
  zb_test_gui_init (&argc, &argv);

#define ADD(path, func) \
  g_test_add (path, ZbTestWindow, NULL, zb_test_window_set_up, func, zb_test_window_tear_down)

  g_test_add_func ("/study-view/duration", test_duration);
  ADD ("/study-view/add", test_add);
  ADD ("/study-view/refused", test_refused);
  ADD ("/study-view/meeting", test_meeting);
  ADD ("/study-view/year", test_year);
  ADD ("/study-view/rules", test_rules);
  ADD ("/study-view/remove", test_remove);
  ADD ("/study-view/print-export", test_print_export);
  ADD ("/study-view/narrow", test_narrow);
  ADD ("/study-view/keyboard", test_keyboard);

  return g_test_run ();
}
