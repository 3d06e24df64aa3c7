#define G_LOG_DOMAIN "zb-pdf-preview"

#include "config.h"

#include <math.h>

#include <glib/gi18n.h>
#include <poppler.h>

#include "zb-pdf-preview.h"
#include "zb-pdf-renderer.h"
#include "zb-widget-util.h"

/* A printed record before it is printed. The document is built from the
 * store and rendered to PDF in a worker thread; Poppler then rasterises
 * only the page on screen, also in a worker thread, so that a binder of
 * 200 pages opens as fast as a single record and the window never waits.
 * Printing draws the pages of that same PDF (poppler_page_render_for_printing):
 * what is printed is what was previewed. */

#define ZOOM_MIN   0.25
#define ZOOM_MAX   3.0
#define ZOOM_STEP  1.25
#define PAGE_GAP   24       /* pixels around the page, as in the template */

/* Poppler does not render two pages of one document at once safely: the
 * document and its lock travel together to each worker. */
typedef struct
{
  PopplerDocument *document;
  GMutex           lock;
} Pdf;

typedef struct
{
  ZbStore        *store;
  ZbPdfBuild      build;
  gpointer        data;
  GDestroyNotify  data_free;
  char           *families[ZB_PDF_N_FACES];   /* chosen in Preferences, "" for the standard's */
} LoadJob;

typedef struct
{
  char   *title;
  GBytes *bytes;
  Pdf    *pdf;
  GArray *sizes;            /* of double: each page's width and height, in points */
} Loaded;

typedef struct
{
  Pdf    *pdf;
  guint   page;
  double  scale;            /* device pixels per point */
} PageJob;

typedef struct
{
  GBytes *pixels;
  int     width;
  int     height;
  int     stride;
} Raster;

struct _ZbPdfPreview
{
  AdwWindow         parent_instance;

  AdwToastOverlay  *toast_overlay;
  AdwWindowTitle   *window_title;
  GtkStack         *stack;
  GtkSpinner       *spinner;
  AdwStatusPage    *error_page;
  GtkScrolledWindow *scroller;
  GtkPicture       *picture;
  GtkLabel         *page_label;

  char             *file_name;
  char             *error;
  GBytes           *bytes;
  Pdf              *pdf;
  GArray           *sizes;       /* each page's width and height, read once */
  guint             n_pages;
  guint             page;
  double            zoom;
  gboolean          fit_width;
  gboolean          shown;       /* the page and zoom asked for are on screen */
  guint             n_rendered;
  guint             fit_id;
  GCancellable     *cancellable; /* the whole window's work */
  GCancellable     *page_cancellable;
  GtkFileChooserNative *chooser;
};

G_DEFINE_FINAL_TYPE (ZbPdfPreview, zb_pdf_preview, ADW_TYPE_WINDOW)

static void
pdf_clear (Pdf *pdf)
{
  g_clear_object (&pdf->document);
  g_mutex_clear (&pdf->lock);
}

static void
pdf_unref (Pdf *pdf)
{
  g_rc_box_release_full (pdf, (GDestroyNotify) pdf_clear);
}

static void
load_job_free (LoadJob *job)
{
  g_clear_object (&job->store);
  if (job->data_free != NULL)
    job->data_free (job->data);
  for (ZbPdfFace face = 0; face < ZB_PDF_N_FACES; face++)
    g_free (job->families[face]);
  g_free (job);
}

static void
loaded_free (Loaded *loaded)
{
  g_free (loaded->title);
  g_clear_pointer (&loaded->sizes, g_array_unref);
  g_clear_pointer (&loaded->bytes, g_bytes_unref);
  g_clear_pointer (&loaded->pdf, pdf_unref);
  g_free (loaded);
}

static void
page_job_free (PageJob *job)
{
  pdf_unref (job->pdf);
  g_free (job);
}

static void
raster_free (Raster *raster)
{
  g_bytes_unref (raster->pixels);
  g_free (raster);
}

/* Read here, so that the main thread never waits for the lock a worker
 * holds while it draws a page. */
static GArray *
read_sizes (PopplerDocument *document)
{
  int n_pages = poppler_document_get_n_pages (document);
  GArray *sizes = g_array_sized_new (FALSE, FALSE, sizeof (double), 2 * n_pages);

  for (int i = 0; i < n_pages; i++)
    {
      PopplerPage *page = poppler_document_get_page (document, i);
      double size[2];

      poppler_page_get_size (page, &size[0], &size[1]);
      g_array_append_vals (sizes, size, 2);
      g_object_unref (page);
    }

  return sizes;
}

/* Worker thread: the document from the store, then its PDF, then Poppler's
 * view of it. */
static void
load_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  LoadJob *job = task_data;
  ZbPdfRenderOptions options = { { NULL } };
  g_autoptr(ZbPdfDocument) document = NULL;
  g_autoptr(GBytes) bytes = NULL;
  PopplerDocument *poppler = NULL;
  GError *error = NULL;
  Loaded *loaded;

  for (ZbPdfFace face = 0; face < ZB_PDF_N_FACES; face++)
    options.families[face] = job->families[face];
  if ((document = job->build (job->store, job->data, &error)) == NULL ||
      g_task_return_error_if_cancelled (task) ||
      (bytes = zb_pdf_render_full (document, &options, &error)) == NULL ||
      g_task_return_error_if_cancelled (task) ||
      (poppler = poppler_document_new_from_bytes (bytes, NULL, &error)) == NULL)
    {
      if (error != NULL)
        g_task_return_error (task, error);
      return;
    }

  loaded = g_new0 (Loaded, 1);
  loaded->title = g_strdup (zb_pdf_document_get_title (document));
  loaded->sizes = read_sizes (poppler);
  loaded->bytes = g_steal_pointer (&bytes);
  loaded->pdf = g_rc_box_new0 (Pdf);
  loaded->pdf->document = poppler;
  g_mutex_init (&loaded->pdf->lock);
  g_task_return_pointer (task, loaded, (GDestroyNotify) loaded_free);
}

/* Worker thread: one page on white, at @scale pixels per point. */
static void
page_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  PageJob *job = task_data;
  PopplerPage *page;
  cairo_surface_t *surface;
  cairo_t *cr;
  double width, height;
  Raster *raster;

  g_mutex_lock (&job->pdf->lock);
  if (g_task_return_error_if_cancelled (task))
    {
      g_mutex_unlock (&job->pdf->lock);
      return;
    }
  page = poppler_document_get_page (job->pdf->document, job->page);
  poppler_page_get_size (page, &width, &height);
  raster = g_new0 (Raster, 1);
  raster->width = MAX (1, (int) ceil (width * job->scale));
  raster->height = MAX (1, (int) ceil (height * job->scale));
  surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, raster->width, raster->height);
  cr = cairo_create (surface);
  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_paint (cr);
  cairo_scale (cr, job->scale, job->scale);
  poppler_page_render (page, cr);
  cairo_destroy (cr);
  g_object_unref (page);
  g_mutex_unlock (&job->pdf->lock);

  cairo_surface_flush (surface);
  raster->stride = cairo_image_surface_get_stride (surface);
  raster->pixels = g_bytes_new (cairo_image_surface_get_data (surface),
                                (gsize) raster->stride * raster->height);
  cairo_surface_destroy (surface);
  g_task_return_pointer (task, raster, (GDestroyNotify) raster_free);
}

static void
page_size (ZbPdfPreview *self,
           double       *width,
           double       *height)
{
  *width = g_array_index (self->sizes, double, 2 * self->page);
  *height = g_array_index (self->sizes, double, 2 * self->page + 1);
}

/* Logical pixels per point: 1.0 zoom is the page at its real size on a
 * 96 dpi screen. */
static double
pixels_per_point (ZbPdfPreview *self)
{
  return self->zoom * 96.0 / 72.0;
}

static void
update_controls (ZbPdfPreview *self)
{
  gboolean ready = self->pdf != NULL;
  g_autofree char *text = NULL;

  if (ready)
    /* Translators: the preview's page count: page 3 of 12 */
    text = g_strdup_printf (_("Page %u of %u"), self->page + 1, self->n_pages);
  gtk_label_set_label (self->page_label, text ? text : "");
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "preview.previous-page",
                                 ready && self->page > 0);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "preview.next-page",
                                 ready && self->page + 1 < self->n_pages);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "preview.zoom-in",
                                 ready && self->zoom < ZOOM_MAX);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "preview.zoom-out",
                                 ready && self->zoom > ZOOM_MIN);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "preview.fit-width", ready);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "preview.save", ready);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "preview.print", ready);
}

static void
page_rendered_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  ZbPdfPreview *self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  Raster *raster = g_task_propagate_pointer (G_TASK (result), &error);

  if (raster == NULL)
    {
      /* Cancelled: the window is gone, or another page or zoom was asked for. */
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_warning ("A page of the preview could not be drawn: %s", error->message);
      return;
    }

  texture = gdk_memory_texture_new (raster->width, raster->height, GDK_MEMORY_DEFAULT,
                                    raster->pixels, raster->stride);
  raster_free (raster);
  gtk_picture_set_paintable (self->picture, GDK_PAINTABLE (texture));
  self->n_rendered++;
  self->shown = TRUE;
}

/* Rasterises the current page at the current zoom, dropping any drawing of
 * a page no longer asked for. */
static void
show_page (ZbPdfPreview *self)
{
  g_autoptr(GTask) task = NULL;
  PageJob *job;
  double width, height, ppp = pixels_per_point (self);
  int scale_factor = gtk_widget_get_scale_factor (GTK_WIDGET (self));

  g_cancellable_cancel (self->page_cancellable);
  g_clear_object (&self->page_cancellable);
  self->page_cancellable = g_cancellable_new ();
  self->shown = FALSE;
  update_controls (self);

  /* The page keeps its place at its new size while its pixels come. */
  page_size (self, &width, &height);
  gtk_widget_set_size_request (GTK_WIDGET (self->picture), (int) ceil (width * ppp),
                               (int) ceil (height * ppp));

  job = g_new0 (PageJob, 1);
  job->pdf = g_rc_box_acquire (self->pdf);
  job->page = self->page;
  job->scale = ppp * scale_factor;
  task = g_task_new (NULL, self->page_cancellable, page_rendered_cb, self);
  g_task_set_source_tag (task, show_page);
  g_task_set_task_data (task, job, (GDestroyNotify) page_job_free);
  g_task_run_in_thread (task, page_thread);
}

/* The zoom at which the current page fills the width of the window. */
static double
fit_width_zoom (ZbPdfPreview *self)
{
  int available = gtk_widget_get_width (GTK_WIDGET (self->scroller)) - 2 * PAGE_GAP;
  double width, height;

  if (available <= 0)
    return 1.0;
  page_size (self, &width, &height);
  return CLAMP (available / (width * 96.0 / 72.0), ZOOM_MIN, ZOOM_MAX);
}

static void
set_zoom (ZbPdfPreview *self,
          double        zoom,
          gboolean      fit_width)
{
  self->fit_width = fit_width;
  self->zoom = CLAMP (zoom, ZOOM_MIN, ZOOM_MAX);
  if (self->pdf != NULL)
    show_page (self);
}

static gboolean
fit_cb (gpointer user_data)
{
  ZbPdfPreview *self = user_data;

  self->fit_id = 0;
  if (self->fit_width && self->pdf != NULL && fabs (fit_width_zoom (self) - self->zoom) > 0.005)
    set_zoom (self, fit_width_zoom (self), TRUE);
  return G_SOURCE_REMOVE;
}

/* A resize redraws the page to the new width once the resizing pauses,
 * not at every pixel. */
static void
width_changed_cb (ZbPdfPreview *self)
{
  if (self->fit_width && self->fit_id == 0)
    self->fit_id = g_timeout_add (150, fit_cb, self);
}

/* What "Save as PDF…" proposes when the caller named nothing: the title,
 * with no character a file name cannot hold. */
static char *
file_name_for (const char *title)
{
  g_autofree char *name = g_strdup (title && *title ? title : "Zhibu");

  g_strdelimit (name, "/\\:*?\"<>|", '-');
  return g_strconcat (name, ".pdf", NULL);
}

static void
loaded_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  ZbPdfPreview *self = user_data;
  g_autoptr(GError) error = NULL;
  Loaded *loaded = g_task_propagate_pointer (G_TASK (result), &error);

  if (loaded == NULL)
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      self->error = g_strdup (error->message);
      adw_status_page_set_description (self->error_page, error->message);
      gtk_stack_set_visible_child_name (self->stack, "error");
      gtk_spinner_set_spinning (self->spinner, FALSE);
      return;
    }

  self->bytes = g_steal_pointer (&loaded->bytes);
  self->pdf = g_steal_pointer (&loaded->pdf);
  self->sizes = g_steal_pointer (&loaded->sizes);
  self->n_pages = self->sizes->len / 2;
  adw_window_title_set_subtitle (self->window_title, loaded->title);
  if (self->file_name == NULL)
    self->file_name = file_name_for (loaded->title);
  loaded_free (loaded);
  gtk_spinner_set_spinning (self->spinner, FALSE);
  gtk_stack_set_visible_child_name (self->stack, "pages");
  set_zoom (self, self->fit_width ? fit_width_zoom (self) : self->zoom, self->fit_width);
}

static void
go_to_page (ZbPdfPreview *self,
            guint         page)
{
  if (self->pdf == NULL || page >= self->n_pages || page == self->page)
    return;
  self->page = page;
  gtk_adjustment_set_value (gtk_scrolled_window_get_vadjustment (self->scroller), 0);
  show_page (self);
}

static void
previous_page_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  ZbPdfPreview *self = ZB_PDF_PREVIEW (widget);

  if (self->page > 0)
    go_to_page (self, self->page - 1);
}

static void
next_page_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  ZbPdfPreview *self = ZB_PDF_PREVIEW (widget);

  go_to_page (self, self->page + 1);
}

static void
zoom_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  ZbPdfPreview *self = ZB_PDF_PREVIEW (widget);

  if (self->pdf == NULL)
    return;
  if (g_str_equal (action_name, "preview.fit-width"))
    set_zoom (self, fit_width_zoom (self), TRUE);
  else if (g_str_equal (action_name, "preview.zoom-in"))
    set_zoom (self, self->zoom * ZOOM_STEP, FALSE);
  else
    set_zoom (self, self->zoom / ZOOM_STEP, FALSE);
}

static void
saved_cb (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(GError) error = NULL;
  ZbPdfPreview *self;
  g_autofree char *text = NULL;
  g_autofree char *name = g_file_get_basename (G_FILE (object));

  if (!g_file_replace_contents_finish (G_FILE (object), result, NULL, &error) &&
      g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  self = user_data;
  if (error != NULL)
    /* Translators: %s is why the file could not be written */
    text = g_strdup_printf (_("Save as PDF: %s. Choose another folder or name."), error->message);
  else
    text = g_strdup_printf (_("Saved as “%s”"), name);
  adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (text));
}

static void
chooser_response_cb (ZbPdfPreview *self,
                     int           response)
{
  g_autoptr(GFile) file = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (self->chooser));
  g_clear_object (&self->chooser);
  if (file == NULL || self->bytes == NULL)
    return;

  g_file_replace_contents_bytes_async (file, self->bytes, NULL, FALSE,
                                       G_FILE_CREATE_REPLACE_DESTINATION, self->cancellable,
                                       saved_cb, self);
}

static void
save_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  ZbPdfPreview *self = ZB_PDF_PREVIEW (widget);
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();

  if (self->bytes == NULL || self->chooser != NULL)
    return;

  self->chooser = zb_file_chooser_new (widget, GTK_FILE_CHOOSER_ACTION_SAVE, _("Save as PDF"),
                                       _("_Save"), self->file_name);
  gtk_file_filter_set_name (filter, _("PDF documents"));
  gtk_file_filter_add_mime_type (filter, "application/pdf");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (self->chooser), filter);
  g_signal_connect_swapped (self->chooser, "response", G_CALLBACK (chooser_response_cb), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chooser));
}

/* A landscape page of the PDF (a roster, GB/T 9704-2012 section 8) prints
 * on a landscape sheet, not shrunk onto a portrait one. */
static void
request_page_setup_cb (GtkPrintOperation *operation,
                       GtkPrintContext   *context,
                       int                page_nr,
                       GtkPageSetup      *setup,
                       PopplerDocument   *document)
{
  PopplerPage *page = poppler_document_get_page (document, page_nr);
  double width, height;

  poppler_page_get_size (page, &width, &height);
  gtk_page_setup_set_orientation (setup, width > height ? GTK_PAGE_ORIENTATION_LANDSCAPE
                                                        : GTK_PAGE_ORIENTATION_PORTRAIT);
  g_object_unref (page);
}

/* Each printed page is the PDF's page, scaled only if the paper is not A4. */
static void
draw_page_cb (GtkPrintOperation *operation,
              GtkPrintContext   *context,
              int                page_nr,
              PopplerDocument   *document)
{
  PopplerPage *page = poppler_document_get_page (document, page_nr);
  cairo_t *cr = gtk_print_context_get_cairo_context (context);
  double width, height, scale;

  poppler_page_get_size (page, &width, &height);
  scale = MIN (gtk_print_context_get_width (context) / width,
               gtk_print_context_get_height (context) / height);
  cairo_save (cr);
  if (fabs (scale - 1.0) > 0.001)
    cairo_scale (cr, scale, scale);
  poppler_page_render_for_printing (page, cr);
  cairo_restore (cr);
  g_object_unref (page);
}

static void
print_done_cb (GtkPrintOperation       *operation,
               GtkPrintOperationResult  result,
               ZbPdfPreview            *self)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;

  if (result != GTK_PRINT_OPERATION_RESULT_ERROR)
    return;
  gtk_print_operation_get_error (operation, &error);
  /* Translators: %s is the printing system's reason */
  text = g_strdup_printf (_("Print: %s. Check the printer and try again."),
                          error ? error->message : _("the printer refused the job"));
  adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (text));
}

static void
print_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  ZbPdfPreview *self = ZB_PDF_PREVIEW (widget);
  g_autoptr(GtkPrintOperation) operation = NULL;
  g_autoptr(GError) error = NULL;

  if ((operation = zb_pdf_preview_new_print_operation (self)) == NULL)
    return;
  gtk_print_operation_set_allow_async (operation, TRUE);
  g_signal_connect_object (operation, "done", G_CALLBACK (print_done_cb), self, 0);
  gtk_print_operation_run (operation, GTK_PRINT_OPERATION_ACTION_PRINT_DIALOG, GTK_WINDOW (self),
                           &error);
  if (error != NULL)
    print_done_cb (operation, GTK_PRINT_OPERATION_RESULT_ERROR, self);
}

/* Pages as sheets of paper on a grey desk, as in a document viewer. */
static void
add_style (ZbPdfPreview *self)
{
  static GtkCssProvider *provider;

  if (provider != NULL)
    return;

  provider = gtk_css_provider_new ();
  gtk_css_provider_load_from_data (provider,
                                   ".zb-pdf-preview { background-color: shade(@window_bg_color, 0.9); }"
                                   ".zb-pdf-page { background-color: white; "
                                   "box-shadow: 0 1px 4px 1px alpha(black, 0.25); }", -1);
  gtk_style_context_add_provider_for_display (gtk_widget_get_display (GTK_WIDGET (self)),
                                              GTK_STYLE_PROVIDER (provider),
                                              GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);
}

static void
zb_pdf_preview_dispose (GObject *object)
{
  ZbPdfPreview *self = (ZbPdfPreview *)object;

  g_cancellable_cancel (self->cancellable);
  g_cancellable_cancel (self->page_cancellable);
  g_clear_handle_id (&self->fit_id, g_source_remove);
  if (self->chooser != NULL)
    gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->chooser));
  g_clear_object (&self->chooser);
  gtk_widget_dispose_template (GTK_WIDGET (self), ZB_TYPE_PDF_PREVIEW);

  G_OBJECT_CLASS (zb_pdf_preview_parent_class)->dispose (object);
}

static void
zb_pdf_preview_finalize (GObject *object)
{
  ZbPdfPreview *self = (ZbPdfPreview *)object;

  g_clear_object (&self->cancellable);
  g_clear_object (&self->page_cancellable);
  g_clear_pointer (&self->bytes, g_bytes_unref);
  g_clear_pointer (&self->pdf, pdf_unref);
  g_clear_pointer (&self->sizes, g_array_unref);
  g_free (self->file_name);
  g_free (self->error);

  G_OBJECT_CLASS (zb_pdf_preview_parent_class)->finalize (object);
}

static void
add_shortcut (GtkShortcutController *controller,
              const char            *trigger,
              const char            *action)
{
  gtk_shortcut_controller_add_shortcut (controller,
                                        gtk_shortcut_new (gtk_shortcut_trigger_parse_string (trigger),
                                                          gtk_named_action_new (action)));
}

static void
zb_pdf_preview_class_init (ZbPdfPreviewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = zb_pdf_preview_dispose;
  object_class->finalize = zb_pdf_preview_finalize;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/zhibu/Zhibu/ui/zb-pdf-preview.ui");
  gtk_widget_class_bind_template_child (widget_class, ZbPdfPreview, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, ZbPdfPreview, window_title);
  gtk_widget_class_bind_template_child (widget_class, ZbPdfPreview, stack);
  gtk_widget_class_bind_template_child (widget_class, ZbPdfPreview, spinner);
  gtk_widget_class_bind_template_child (widget_class, ZbPdfPreview, error_page);
  gtk_widget_class_bind_template_child (widget_class, ZbPdfPreview, scroller);
  gtk_widget_class_bind_template_child (widget_class, ZbPdfPreview, picture);
  gtk_widget_class_bind_template_child (widget_class, ZbPdfPreview, page_label);

  gtk_widget_class_install_action (widget_class, "preview.previous-page", NULL,
                                   previous_page_action);
  gtk_widget_class_install_action (widget_class, "preview.next-page", NULL, next_page_action);
  gtk_widget_class_install_action (widget_class, "preview.zoom-in", NULL, zoom_action);
  gtk_widget_class_install_action (widget_class, "preview.zoom-out", NULL, zoom_action);
  gtk_widget_class_install_action (widget_class, "preview.fit-width", NULL, zoom_action);
  gtk_widget_class_install_action (widget_class, "preview.save", NULL, save_action);
  gtk_widget_class_install_action (widget_class, "preview.print", NULL, print_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
zb_pdf_preview_init (ZbPdfPreview *self)
{
  GtkEventController *controller = gtk_shortcut_controller_new ();

  gtk_widget_init_template (GTK_WIDGET (self));
  add_style (self);
  self->cancellable = g_cancellable_new ();
  self->zoom = 1.0;
  self->fit_width = TRUE;

  /* Before the scrolled window, which would take PgUp and PgDn to scroll. */
  gtk_event_controller_set_propagation_phase (controller, GTK_PHASE_CAPTURE);
  add_shortcut (GTK_SHORTCUT_CONTROLLER (controller), "Page_Up", "preview.previous-page");
  add_shortcut (GTK_SHORTCUT_CONTROLLER (controller), "Page_Down", "preview.next-page");
  add_shortcut (GTK_SHORTCUT_CONTROLLER (controller), "<Control>plus", "preview.zoom-in");
  add_shortcut (GTK_SHORTCUT_CONTROLLER (controller), "<Control>equal", "preview.zoom-in");
  add_shortcut (GTK_SHORTCUT_CONTROLLER (controller), "<Control>minus", "preview.zoom-out");
  add_shortcut (GTK_SHORTCUT_CONTROLLER (controller), "<Control>0", "preview.fit-width");
  add_shortcut (GTK_SHORTCUT_CONTROLLER (controller), "<Control>p", "preview.print");
  add_shortcut (GTK_SHORTCUT_CONTROLLER (controller), "<Control>s", "preview.save");
  gtk_widget_add_controller (GTK_WIDGET (self), controller);

  g_signal_connect_object (gtk_scrolled_window_get_hadjustment (self->scroller),
                           "notify::page-size", G_CALLBACK (width_changed_cb), self,
                           G_CONNECT_SWAPPED);
  update_controls (self);
}

static const char *font_keys[ZB_PDF_N_FACES] = {
  [ZB_PDF_FACE_FANGSONG] = "print-font-fangsong",
  [ZB_PDF_FACE_XIAOBIAOSONG] = "print-font-xiaobiaosong",
  [ZB_PDF_FACE_HEI] = "print-font-hei",
  [ZB_PDF_FACE_KAI] = "print-font-kai",
  [ZB_PDF_FACE_SONG] = "print-font-song",
};

/* The settings key of the family chosen for @face. */
const char *
zb_pdf_preview_font_key (ZbPdfFace face)
{
  g_return_val_if_fail (face < ZB_PDF_N_FACES, NULL);

  return font_keys[face];
}

/* The faces are this PC's, as its fonts are: read from its settings each
 * time, for the renderer's options. */
static void
read_fonts (LoadJob *job)
{
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);

  for (ZbPdfFace face = 0; face < ZB_PDF_N_FACES; face++)
    job->families[face] = g_settings_get_string (settings, font_keys[face]);
}

/* Opens at once, showing a spinner until @build's document is rendered;
 * @file_name is what "Save as PDF…" proposes, the document's title if NULL. */
ZbPdfPreview *
zb_pdf_preview_new (ZbStore        *store,
                    ZbPdfBuild      build,
                    gpointer        data,
                    GDestroyNotify  data_free,
                    const char     *file_name)
{
  ZbPdfPreview *self = g_object_new (ZB_TYPE_PDF_PREVIEW, NULL);
  g_autoptr(GTask) task = g_task_new (NULL, self->cancellable, loaded_cb, self);
  LoadJob *job = g_new0 (LoadJob, 1);

  g_return_val_if_fail (build != NULL, NULL);

  self->file_name = g_strdup (file_name);
  gtk_window_set_title (GTK_WINDOW (self), _("Preview"));
  adw_window_title_set_title (self->window_title, _("Preview"));
  gtk_stack_set_visible_child_name (self->stack, "loading");
  gtk_spinner_set_spinning (self->spinner, TRUE);

  job->store = store ? g_object_ref (store) : NULL;
  job->build = build;
  job->data = data;
  job->data_free = data_free;
  read_fonts (job);
  g_task_set_source_tag (task, zb_pdf_preview_new);
  g_task_set_task_data (task, job, (GDestroyNotify) load_job_free);
  g_task_run_in_thread (task, load_thread);
  return self;
}

gboolean
zb_pdf_preview_is_loading (ZbPdfPreview *self)
{
  return self->pdf == NULL && self->error == NULL;
}

/* Why there is nothing to show (an empty period, say), or NULL. */
const char *
zb_pdf_preview_get_error (ZbPdfPreview *self)
{
  return self->error;
}

/* The very PDF shown, saved and printed; NULL while loading. */
GBytes *
zb_pdf_preview_get_pdf (ZbPdfPreview *self)
{
  return self->bytes;
}

guint
zb_pdf_preview_get_n_pages (ZbPdfPreview *self)
{
  return self->n_pages;
}

/* Counted from 0. */
guint
zb_pdf_preview_get_page (ZbPdfPreview *self)
{
  return self->page;
}

void
zb_pdf_preview_set_page (ZbPdfPreview *self,
                         guint         page)
{
  go_to_page (self, page);
}

double
zb_pdf_preview_get_zoom (ZbPdfPreview *self)
{
  return self->zoom;
}

void
zb_pdf_preview_set_zoom (ZbPdfPreview *self,
                         double        zoom)
{
  set_zoom (self, zoom, FALSE);
}

/* Whether the page and zoom last asked for are drawn on screen. */
gboolean
zb_pdf_preview_is_page_shown (ZbPdfPreview *self)
{
  return self->shown;
}

/* How many pages were rasterised so far: only those shown are. */
guint
zb_pdf_preview_get_n_rendered (ZbPdfPreview *self)
{
  return self->n_rendered;
}

GtkWidget *
zb_pdf_preview_get_page_widget (ZbPdfPreview *self)
{
  return GTK_WIDGET (self->picture);
}

/* An operation that prints the pages of the previewed PDF, on A4 by
 * default, from a Poppler document of its own; NULL while loading. */
GtkPrintOperation *
zb_pdf_preview_new_print_operation (ZbPdfPreview *self)
{
  g_autoptr(GtkPrintOperation) operation = NULL;
  g_autoptr(GtkPageSetup) setup = gtk_page_setup_new ();
  g_autoptr(GtkPaperSize) a4 = gtk_paper_size_new (GTK_PAPER_NAME_A4);
  g_autoptr(GError) error = NULL;
  PopplerDocument *document;

  if (self->bytes == NULL)
    return NULL;
  /* Its own document: printing draws on the main thread while a worker
   * may be drawing a page of the preview's. */
  if ((document = poppler_document_new_from_bytes (self->bytes, NULL, &error)) == NULL)
    {
      g_warning ("The previewed PDF could not be read again: %s", error->message);
      return NULL;
    }

  operation = gtk_print_operation_new ();
  gtk_page_setup_set_paper_size_and_default_margins (setup, a4);
  gtk_page_setup_set_orientation (setup, GTK_PAGE_ORIENTATION_PORTRAIT);
  gtk_print_operation_set_default_page_setup (operation, setup);
  gtk_print_operation_set_use_full_page (operation, TRUE);
  gtk_print_operation_set_unit (operation, GTK_UNIT_POINTS);
  gtk_print_operation_set_n_pages (operation, poppler_document_get_n_pages (document));
  gtk_print_operation_set_job_name (operation, self->file_name ? self->file_name : "Zhibu");
  gtk_print_operation_set_embed_page_setup (operation, TRUE);
  g_signal_connect (operation, "request-page-setup", G_CALLBACK (request_page_setup_cb),
                    document);
  g_signal_connect_data (operation, "draw-page", G_CALLBACK (draw_page_cb), document,
                         (GClosureNotify) (void (*) (void)) g_object_unref, 0);
  return g_steal_pointer (&operation);
}
