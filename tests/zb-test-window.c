#define G_LOG_DOMAIN "zb-test-window"

#include "config.h"

#include <locale.h>

#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "zb-demo.h"
#include "zb-roster-view.h"
#include "zb-test-util.h"
#include "zb-test-window.h"

/* Runs under xvfb-run. Each test saves what a secretary would see as a PNG
 * in $ZHIBU_SCREENSHOT_DIR; look at them. */

static gboolean
timeout_cb (gpointer data)
{
  *(gboolean *) data = TRUE;
  return G_SOURCE_REMOVE;
}

/* Spins the main loop until @done says so, or fails after @seconds. */
void
zb_test_wait_for (gboolean (*done) (gpointer),
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
void
zb_test_settle (guint ms)
{
  gboolean timed_out = FALSE;

  g_timeout_add (ms, timeout_cb, &timed_out);
  while (!timed_out)
    g_main_context_iteration (NULL, TRUE);
}

typedef struct
{
  GtkWidget     *widget;
  GdkPaintable  *paintable;
  GskRenderNode *node;
  int            width;
  int            height;
} Shot;

/* Right after a frame is painted its layout is still whole: taken any later,
 * a resize that something queued meanwhile (a file chooser filling in its
 * folder) left the widget without an allocation, and GTK warned. */
static void
shoot_cb (GdkFrameClock *clock,
          Shot          *shot)
{
  GtkSnapshot *snapshot;

  if (shot->node != NULL || gtk_widget_get_width (shot->widget) == 0)
    return;
  snapshot = gtk_snapshot_new ();
  shot->width = gtk_widget_get_width (shot->widget);
  shot->height = gtk_widget_get_height (shot->widget);
  gdk_paintable_snapshot (shot->paintable, GDK_SNAPSHOT (snapshot), shot->width, shot->height);
  shot->node = gtk_snapshot_free_to_node (snapshot);
}

/* What @widget draws in the next frame painted, or %NULL when it draws
 * nothing yet (it waits for a new size). */
static GskRenderNode *
shoot (GtkWidget    *widget,
       GdkPaintable *paintable,
       int          *width,
       int          *height)
{
  GdkFrameClock *clock = gtk_widget_get_frame_clock (widget);
  Shot shot = { widget, paintable, NULL, 0, 0 };
  gint64 deadline = g_get_monotonic_time () + 20 * G_TIME_SPAN_SECOND;
  gulong handler;

  g_assert_nonnull (clock);
  handler = g_signal_connect (clock, "after-paint", G_CALLBACK (shoot_cb), &shot);

  for (int frames = 0; shot.node == NULL && frames < 5 && g_get_monotonic_time () < deadline;)
    {
      gtk_widget_queue_draw (widget);
      if (!g_main_context_iteration (NULL, FALSE))
        g_usleep (1000);
      frames += shot.width > 0;
    }
  g_signal_handler_disconnect (clock, handler);
  *width = shot.width;
  *height = shot.height;
  return shot.node;
}

void
zb_test_screenshot (GtkWidget  *widget,
                 const char *name)
{
  const char *dir = g_getenv ("ZHIBU_SCREENSHOT_DIR");
  g_autofree char *path = NULL;
  g_autoptr(GdkPaintable) paintable = gtk_widget_paintable_new (widget);
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  int width = 0, height = 0;
  GskRenderer *renderer = gtk_native_get_renderer (gtk_widget_get_native (widget));

  g_mkdir_with_parents (dir ? dir : "screenshots", 0755);
  path = g_build_filename (dir ? dir : "screenshots", name, NULL);

  /* A widget waiting for a new size draws nothing: try again after a frame. */
  for (int tries = 0; node == NULL && tries < 50; tries++)
    {
      node = shoot (widget, paintable, &width, &height);
      if (node == NULL)
        g_test_message ("screenshot %s: nothing drawn yet, try %d", name, tries);
    }
  g_assert_nonnull (node);
  texture = gsk_renderer_render_texture (renderer, node,
                                         &GRAPHENE_RECT_INIT (0, 0, width, height));
  g_assert_true (gdk_texture_save_to_png (texture, path));
  g_test_message ("screenshot: %s", path);
}


void
zb_test_window_set_up (ZbTestWindow  *f,
                       gconstpointer  data)
{
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);

  f->dir = zb_test_make_dir ();
  f->path = g_build_filename (f->dir, "branch.zhibu", NULL);
  f->passphrase_file = g_build_filename (f->dir, "passphrase", NULL);
  f->context = zb_context_new (settings, NULL);
  f->window = zb_window_new (NULL, f->context);
  g_object_ref_sink (f->window);
  gtk_window_set_default_size (GTK_WINDOW (f->window), 1280, 800);
}

void
zb_test_window_tear_down (ZbTestWindow  *f,
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

void
zb_test_make_roster (ZbTestWindow *f,
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

/* The sections are shown and laid out: the first layout of a large roster
 * can take longer than a frame on a busy machine. */
gboolean
zb_test_on_roster (gpointer data)
{
  return g_strcmp0 (zb_window_get_page (data), "roster") == 0 &&
         gtk_widget_get_width (zb_window_get_roster_view (data)) > 0;
}

GListModel *
zb_test_roster_model (ZbTestWindow *f)
{
  ZbRosterView *view = ZB_ROSTER_VIEW (zb_window_get_roster_view (f->window));

  return G_LIST_MODEL (zb_roster_view_get_model (view));
}

void
zb_test_open_roster (ZbTestWindow *f)
{
  zb_window_open (f->window, f->path, f->passphrase_file);
  gtk_window_present (GTK_WINDOW (f->window));
  zb_test_wait_for (zb_test_on_roster, f->window, 60);
  zb_test_settle (500);
}

/* The locale, the translations, GTK and libadwaita, as the app sets them up. */
void
zb_test_gui_init (int    *argc,
                  char ***argv)
{
  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, g_getenv ("ZHIBU_LOCALEDIR"));
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  g_test_init (argc, argv, NULL);
  gtk_init ();
  adw_init ();
  {
    /* What AdwApplication loads from the app's resource base path. */
    g_autoptr(GtkCssProvider) style = gtk_css_provider_new ();

    gtk_css_provider_load_from_resource (style, "/io/github/zhibu/Zhibu/style.css");
    gtk_style_context_add_provider_for_display (gdk_display_get_default (),
                                                GTK_STYLE_PROVIDER (style),
                                                GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);
  }
  /* What GtkApplication does for the app, from its resource base path. */
  gtk_icon_theme_add_resource_path (gtk_icon_theme_get_for_display (gdk_display_get_default ()),
                                    "/io/github/zhibu/Zhibu/icons");
}

/* A store of its own on the window's database, as another program opens it. */
ZbStore *
zb_test_open_store (ZbTestWindow *f)
{
  g_autoptr(ZbKey) key = zb_test_key ();
  g_autoptr(GError) error = NULL;
  ZbStore *store = zb_store_open (f->path, key, &error);

  g_assert_no_error (error);
  return store;
}

/* The first two full members of the roster: a chair and a recorder, say. */
void
zb_test_pick_full_members (ZbStore  *store,
                           char    **first,
                           char    **second)
{
  g_autoptr(GListModel) members = zb_store_list_members (store, FALSE, NULL);

  *first = *second = NULL;
  for (guint i = 0; i < g_list_model_get_n_items (members) && *second == NULL; i++)
    {
      g_autoptr(ZbMember) m = g_list_model_get_item (members, i);

      if (g_strcmp0 (zb_member_get (m, ZB_MEMBER_FIELD_CATEGORY), ZB_CATEGORY_FULL) != 0)
        continue;
      if (*first == NULL)
        *first = g_strdup (zb_member_get_id (m));
      else
        *second = g_strdup (zb_member_get_id (m));
    }
  g_assert_nonnull (*second);
}

/* A widget by its ID in a template, found as the user finds it: in the
 * widget tree. */
GtkWidget *
zb_test_find_by_id (GtkWidget  *widget,
                    const char *name)
{
  if (g_strcmp0 (gtk_buildable_get_buildable_id (GTK_BUILDABLE (widget)), name) == 0)
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = zb_test_find_by_id (child, name);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/* The mapped toplevel window of @type, such as a dialog the test's action
 * opened, or NULL. */
GtkWidget *
zb_test_find_toplevel (GType type)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GObject) window = g_list_model_get_item (toplevels, i);

      if (G_TYPE_CHECK_INSTANCE_TYPE (window, type) && gtk_widget_get_mapped (GTK_WIDGET (window)))
        return GTK_WIDGET (window);
    }
  return NULL;
}
