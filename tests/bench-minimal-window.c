#define G_LOG_DOMAIN "bench-minimal-window"

#include "config.h"

#include <gtk/gtk.h>

/* The baseline of bench startup: the smallest GTK 4 application, one window
 * of the app's default size with a label, which prints the same line as the
 * app (ZHIBU_FIRST_FRAME_MARKER, zb-window.c) once its first frame is
 * painted. */

static void
after_paint_cb (GdkFrameClock *clock,
                GtkWidget     *window)
{
  GskRenderer *renderer = gtk_native_get_renderer (GTK_NATIVE (window));

  g_signal_handlers_disconnect_by_func (clock, after_paint_cb, window);
  g_print ("first-frame %s\n", G_OBJECT_TYPE_NAME (renderer));
}

static void
realize_cb (GtkWidget *window)
{
  g_signal_connect (gtk_widget_get_frame_clock (window), "after-paint",
                    G_CALLBACK (after_paint_cb), window);
}

static void
activate_cb (GtkApplication *app)
{
  GtkWidget *window = gtk_application_window_new (app);

  gtk_window_set_title (GTK_WINDOW (window), "Hello");
  gtk_window_set_default_size (GTK_WINDOW (window), 1100, 720);
  gtk_window_set_child (GTK_WINDOW (window), gtk_label_new ("Hello, world"));
  g_signal_connect (window, "realize", G_CALLBACK (realize_cb), NULL);
  gtk_window_present (GTK_WINDOW (window));
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GtkApplication) app = gtk_application_new ("io.github.zhibu.BenchMinimal",
                                                       G_APPLICATION_NON_UNIQUE);

  g_signal_connect (app, "activate", G_CALLBACK (activate_cb), NULL);
  return g_application_run (G_APPLICATION (app), argc, argv);
}
