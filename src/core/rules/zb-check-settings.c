#define G_LOG_DOMAIN "zb-check-settings"

#include "config.h"

#include <glib/gi18n.h>

#include "zb-check-settings.h"
#include "zb-error.h"

/* The defaults of DOMAIN.md: an alert after six months without organisational
 * life, without proper reason (the Constitution, article 9), a warning half
 * way there, and a probation mentioned a month before it ends, so that the
 * branch discusses full membership in time (the Recruitment Rules, S22-S24). */
void
zb_check_settings_init (ZbCheckSettings *settings)
{
  settings->absence_warning_months = 3;
  settings->absence_alert_months = 6;
  settings->probation_notice_days = 30;
}

/* Each figure within the range the schema's CHECK and the GSettings key give
 * it; the error names the field. */
gboolean
zb_check_settings_check (const ZbCheckSettings  *settings,
                         GError                **error)
{
  if (settings->absence_warning_months < ZB_CHECK_MIN_MONTHS ||
      settings->absence_warning_months > ZB_CHECK_MAX_MONTHS)
    {
      g_set_error (error, ZB_MEMBER_ERROR, ZB_MEMBER_ERROR_INVALID,
                   _("Absence warning: give the months as a whole number from %d to %d"),
                   ZB_CHECK_MIN_MONTHS, ZB_CHECK_MAX_MONTHS);
      return FALSE;
    }
  if (settings->absence_alert_months < ZB_CHECK_MIN_MONTHS ||
      settings->absence_alert_months > ZB_CHECK_MAX_MONTHS)
    {
      g_set_error (error, ZB_MEMBER_ERROR, ZB_MEMBER_ERROR_INVALID,
                   _("Absence alert: give the months as a whole number from %d to %d"),
                   ZB_CHECK_MIN_MONTHS, ZB_CHECK_MAX_MONTHS);
      return FALSE;
    }
  if (settings->probation_notice_days < ZB_CHECK_MIN_DAYS ||
      settings->probation_notice_days > ZB_CHECK_MAX_DAYS)
    {
      g_set_error (error, ZB_MEMBER_ERROR, ZB_MEMBER_ERROR_INVALID,
                   _("Probation notice: give the days as a whole number from %d to %d"),
                   ZB_CHECK_MIN_DAYS, ZB_CHECK_MAX_DAYS);
      return FALSE;
    }
  return TRUE;
}
