#define G_LOG_DOMAIN "zb-window-findings"

#include "config.h"

#include <glib/gi18n.h>

#include "zb-meeting-dialog.h"
#include "zb-window-private.h"

/* 合规提醒: each finding opens what puts it right, never the command line.
 * A meeting's record when the finding names one; the person's form, dues
 * or recruitment file for a finding about a person; a new meeting of the
 * missing type; the committee when none is elected. */

static void
open_member (ZbWindow   *self,
             const char *member_id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ZbMember) member = zb_store_get_member (zb_context_get_store (self->context),
                                                    member_id, &error);

  if (member == NULL)
    adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (error->message));
  else
    zb_window_edit_member (self, member);
}

void
zb_window_open_finding (ZbWindow  *self,
                        ZbFinding *finding)
{
  const char *rule = zb_finding_get_rule (finding);
  const char *subject = zb_finding_get_subject (finding);

  g_return_if_fail (zb_context_get_store (self->context) != NULL);

  if (zb_finding_get_meeting_id (finding) != NULL)
    zb_window_open_meeting (self, zb_finding_get_meeting_id (finding));
  else if (g_str_equal (rule, "meeting-frequency"))
    zb_meeting_dialog_set_type (zb_window_new_meeting (self), subject);
  else if (g_str_equal (rule, "no-committee"))
    zb_window_show_committee (self);
  else if (g_str_equal (rule, "dues-arrears"))
    {
      zb_window_show_view (self, "dues");
      zb_dues_view_choose_member (ZB_DUES_VIEW (zb_window_get_dues_view (self)), subject);
    }
  else if (g_str_has_prefix (rule, "recruit-"))
    {
      zb_window_show_view (self, "recruitment");
      zb_recruit_view_select_person (ZB_RECRUIT_VIEW (zb_window_get_recruit_view (self)),
                                     subject);
    }
  else
    /* absence, probation and any rule about one person: the person's form */
    open_member (self, subject);
}
