#define G_LOG_DOMAIN "zb-context"

#include "config.h"

#include "zb-context.h"
#include "zb-sync-service.h"

/* Like gnome-calendar's GcalContext: one object hands the store and the
 * settings to every widget, so that nothing reaches for a global. */
struct _ZbContext
{
  GObject    parent_instance;

  GSettings       *settings;
  GNetworkMonitor *monitor;
  ZbStore         *store;
  ZbSyncService   *sync;
};

G_DEFINE_FINAL_TYPE (ZbContext, zb_context, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_STORE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
zb_context_dispose (GObject *object)
{
  ZbContext *self = (ZbContext *)object;

  g_clear_object (&self->sync);
  g_clear_object (&self->store);
  g_clear_object (&self->monitor);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (zb_context_parent_class)->dispose (object);
}

static void
zb_context_get_property (GObject    *object,
                         guint       prop_id,
                         GValue     *value,
                         GParamSpec *pspec)
{
  ZbContext *self = ZB_CONTEXT (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
zb_context_class_init (ZbContextClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = zb_context_dispose;
  object_class->get_property = zb_context_get_property;

  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL, ZB_TYPE_STORE,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
zb_context_init (ZbContext *self)
{
}

/* @monitor: the network's state (the default monitor in the app); NULL
 * when the link is to be taken as always up, as in tests on loopback. */
ZbContext *
zb_context_new (GSettings       *settings,
                GNetworkMonitor *monitor)
{
  ZbContext *self = g_object_new (ZB_TYPE_CONTEXT, NULL);

  self->settings = g_object_ref (settings);
  self->monitor = monitor ? g_object_ref (monitor) : NULL;
  return self;
}

/* Made on first use, so that it sees the store's changes from then on. */
ZbSyncService *
zb_context_get_sync_service (ZbContext *self)
{
  if (self->sync == NULL)
    self->sync = zb_sync_service_new (self->settings, self->monitor, self->store);
  return self->sync;
}

GSettings *
zb_context_get_settings (ZbContext *self)
{
  return self->settings;
}

ZbStore *
zb_context_get_store (ZbContext *self)
{
  return self->store;
}

void
zb_context_set_store (ZbContext *self,
                      ZbStore   *store)
{
  if (!g_set_object (&self->store, store))
    return;
  if (self->sync != NULL)
    zb_sync_service_set_store (self->sync, store);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STORE]);
}

static const char * const threshold_keys[] = {
  "absence-warning-months", "absence-alert-months", "probation-notice-days"
};

static void
get_gsettings_thresholds (GSettings       *settings,
                          ZbCheckSettings *thresholds)
{
  zb_check_settings_init (thresholds);
  thresholds->absence_warning_months = g_settings_get_uint (settings, threshold_keys[0]);
  thresholds->absence_alert_months = g_settings_get_uint (settings, threshold_keys[1]);
  thresholds->probation_notice_days = g_settings_get_uint (settings, threshold_keys[2]);
}

static gboolean
gsettings_thresholds_changed (GSettings *settings)
{
  for (guint i = 0; i < G_N_ELEMENTS (threshold_keys); i++)
    {
      g_autoptr(GVariant) value = g_settings_get_user_value (settings, threshold_keys[i]);

      if (value != NULL)
        return TRUE;
    }
  return FALSE;
}

/* Before issue 13 the thresholds were each PC's GSettings. Once, a PC whose
 * user changed them moves them into a branch that has none of its own: the
 * branch's values being set in the database is what remembers it, so the
 * move never repeats, and never overrides what the branch set on another
 * PC and this one pulled. The GSettings keys stay as they were, unused. */
static void
move_gsettings_thresholds (ZbContext *self)
{
  g_autoptr(GError) error = NULL;
  ZbCheckSettings thresholds;

  if (zb_store_has_check_settings (self->store) ||
      !gsettings_thresholds_changed (self->settings))
    return;

  get_gsettings_thresholds (self->settings, &thresholds);
  if (!zb_store_set_check_settings (self->store, &thresholds, &error))
    g_warning ("Could not keep this PC's compliance thresholds in the database: %s",
               error->message);
}

/* The compliance thresholds as the checker takes them: the branch's, kept
 * in its database and synced (DOMAIN.md's figures until it sets them), or
 * this PC's GSettings while no database is open. */
void
zb_context_get_check_settings (ZbContext       *self,
                               ZbCheckSettings *settings)
{
  g_autoptr(GError) error = NULL;

  if (self->store == NULL)
    {
      get_gsettings_thresholds (self->settings, settings);
      return;
    }

  move_gsettings_thresholds (self);
  if (!zb_store_get_check_settings (self->store, settings, &error))
    {
      g_warning ("Could not read the compliance thresholds: %s", error->message);
      zb_check_settings_init (settings);
    }
}
