#define G_LOG_DOMAIN "zb-window-views"

#include "config.h"

#include "zb-window-private.h"

/* The sections beside the roster are built the first time they are needed:
 * shown (the sidebar, Alt+digit, a finding, a deep link), or asked for by
 * an export or a test; not with the window, whose first frame shows the
 * roster alone (bench startup, DESIGN.md, Performance). Each page of the
 * view stack in zb-window.ui holds an AdwBin that takes its view when
 * built, so the sidebar lists every section from the start. */

static const struct {
  const char *name;              /* the view stack's page */
  GType     (*get_type) (void);
  gsize       offset;            /* of the window's pointer to the view */
  gboolean    reads_on_context;  /* set_context() starts the view's first read */
} views[] = {
  { "meetings", zb_meetings_view_get_type, G_STRUCT_OFFSET (ZbWindow, meetings_view), TRUE },
  { "first-items", zb_first_items_view_get_type, G_STRUCT_OFFSET (ZbWindow, first_items_view),
    TRUE },
  { "measures", zb_measures_view_get_type, G_STRUCT_OFFSET (ZbWindow, measures_view), TRUE },
  { "compliance", zb_compliance_view_get_type, G_STRUCT_OFFSET (ZbWindow, compliance_view),
    TRUE },
  { "dues", zb_dues_view_get_type, G_STRUCT_OFFSET (ZbWindow, dues_view), FALSE },
  { "recruitment", zb_recruit_view_get_type, G_STRUCT_OFFSET (ZbWindow, recruit_view), FALSE },
  { "study", zb_study_view_get_type, G_STRUCT_OFFSET (ZbWindow, study_view), FALSE },
  { "dashboard", zb_dashboard_view_get_type, G_STRUCT_OFFSET (ZbWindow, dashboard_view), FALSE },
  { "sync", zb_sync_view_get_type, G_STRUCT_OFFSET (ZbWindow, sync_view), FALSE },
};

static GtkWidget **
slot (ZbWindow *self,
      guint     i)
{
  return G_STRUCT_MEMBER_P (self, views[i].offset);
}

/* Hands @view the context with the open store. */
static void
give_context (ZbWindow  *self,
              GtkWidget *view)
{
  ZbContext *context = self->context;

  if (ZB_IS_MEETINGS_VIEW (view))
    zb_meetings_view_set_context (ZB_MEETINGS_VIEW (view), context);
  else if (ZB_IS_FIRST_ITEMS_VIEW (view))
    zb_first_items_view_set_context (ZB_FIRST_ITEMS_VIEW (view), context);
  else if (ZB_IS_MEASURES_VIEW (view))
    zb_measures_view_set_context (ZB_MEASURES_VIEW (view), context);
  else if (ZB_IS_COMPLIANCE_VIEW (view))
    zb_compliance_view_set_context (ZB_COMPLIANCE_VIEW (view), context);
  else if (ZB_IS_DUES_VIEW (view))
    zb_dues_view_set_context (ZB_DUES_VIEW (view), context);
  else if (ZB_IS_RECRUIT_VIEW (view))
    zb_recruit_view_set_context (ZB_RECRUIT_VIEW (view), context);
  else if (ZB_IS_STUDY_VIEW (view))
    zb_study_view_set_context (ZB_STUDY_VIEW (view), context);
  else if (ZB_IS_DASHBOARD_VIEW (view))
    zb_dashboard_view_set_context (ZB_DASHBOARD_VIEW (view), context);
}

static gboolean
store_is_open (ZbWindow *self)
{
  return self->context != NULL && zb_context_get_store (self->context) != NULL;
}

static GtkWidget *
build_view (ZbWindow *self,
            guint     i)
{
  GType type = views[i].get_type ();
  GtkWidget *view = g_object_new (type, NULL);
  GtkWidget *page = adw_view_stack_get_child_by_name (self->view_stack, views[i].name);

  /* What a view's rows open belongs to the window: the minutes, or what
   * puts a finding right. */
  if (g_signal_lookup ("meeting-activated", type) != 0)
    g_signal_connect_object (view, "meeting-activated", G_CALLBACK (zb_window_open_meeting),
                             self, G_CONNECT_SWAPPED);
  if (g_signal_lookup ("finding-activated", type) != 0)
    g_signal_connect_object (view, "finding-activated", G_CALLBACK (zb_window_open_finding),
                             self, G_CONNECT_SWAPPED);
  if (ZB_IS_SYNC_VIEW (view))
    zb_sync_view_set_service (ZB_SYNC_VIEW (view), zb_context_get_sync_service (self->context));
  else if (store_is_open (self))
    give_context (self, view);

  adw_bin_set_child (ADW_BIN (page), view);
  return view;
}

/* The section @name's view, built now if it was not yet; NULL for the
 * roster, which the template builds, and once the window is disposed.
 * @reading, when given, receives whether building the view has just started
 * its first read of the store, which a reload would only repeat. */
GtkWidget *
zb_window_ensure_view (ZbWindow   *self,
                       const char *name,
                       gboolean   *reading)
{
  if (reading != NULL)
    *reading = FALSE;
  /* Disposed: no page to build into. */
  if (self->view_stack == NULL)
    return NULL;

  for (guint i = 0; i < G_N_ELEMENTS (views); i++)
    {
      if (g_strcmp0 (name, views[i].name) != 0)
        continue;
      if (*slot (self, i) == NULL)
        {
          *slot (self, i) = build_view (self, i);
          if (reading != NULL)
            *reading = views[i].reads_on_context && store_is_open (self);
        }
      return *slot (self, i);
    }
  return NULL;
}

/* The views go with the template's widgets, whose pages hold them. */
void
zb_window_dispose_views (ZbWindow *self)
{
  for (guint i = 0; i < G_N_ELEMENTS (views); i++)
    *slot (self, i) = NULL;
}

/* The store is open, or opened again: the views built so far read it; the
 * others will when built. */
void
zb_window_attach_views (ZbWindow *self)
{
  for (guint i = 0; i < G_N_ELEMENTS (views); i++)
    if (*slot (self, i) != NULL && !ZB_IS_SYNC_VIEW (*slot (self, i)))
      give_context (self, *slot (self, i));
}
