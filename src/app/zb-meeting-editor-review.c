#define G_LOG_DOMAIN "zb-meeting-editor-review"

#include "config.h"

#include <glib/gi18n.h>

#include "zb-date.h"
#include "zb-meeting-editor-private.h"

/* The higher committee's review of a finalised record (DOMAIN.md section
 * 6), as the server sent it (PROTOCOL.md 7.5): a banner under the record's
 * own, green for an approval, amber for a record sent back with the
 * committee's comment, which the branch answers with an addendum. */

static void
add_style (GtkWidget *widget)
{
  static GtkCssProvider *provider;

  if (provider != NULL)
    return;

  provider = gtk_css_provider_new ();
  gtk_css_provider_load_from_data (provider,
                                   ".zb-review-banner { padding: 12px 18px; }"
                                   ".zb-review-banner.approved { background-color: "
                                   "@success_bg_color; color: @success_fg_color; }"
                                   ".zb-review-banner.returned { background-color: "
                                   "@warning_bg_color; color: @warning_fg_color; }", -1);
  gtk_style_context_add_provider_for_display (gtk_widget_get_display (widget),
                                              GTK_STYLE_PROVIDER (provider),
                                              GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);
}

static char *
format_local (const char *iso)
{
  g_autoptr(GDateTime) utc = iso ? g_date_time_new_from_iso8601 (iso, NULL) : NULL;
  g_autoptr(GDateTime) local = utc ? g_date_time_to_local (utc) : NULL;

  return local ? zb_date_format_date_time (local) : g_strdup (iso ? iso : "");
}

static GtkWidget *
banner_label (const char *text,
              const char *css_class)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_selectable (GTK_LABEL (label), css_class == NULL);
  if (css_class != NULL)
    gtk_widget_add_css_class (label, css_class);
  return label;
}

static const char *
heading (ZbReview *review)
{
  if (g_str_equal (review->decision, "approved"))
    return _("Approved by the committee");
  return review->answered ? _("Sent back by the committee; answered with an addendum")
                          : _("Sent back by the committee; awaiting an addendum");
}

static GtkWidget *
review_banner (ZbReview *review)
{
  gboolean approved = g_str_equal (review->decision, "approved");
  g_autofree char *when = format_local (review->decided_at);
  /* TRANSLATORS: who in the higher committee reviewed the record, and when */
  g_autofree char *by = g_strdup_printf (_("Reviewed by %s on %s"), review->reviewer, when);
  GtkWidget *banner = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *text = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  GtkWidget *icon = gtk_image_new_from_icon_name (approved ? "emblem-ok-symbolic"
                                                           : "mail-reply-sender-symbolic");

  gtk_widget_add_css_class (banner, "zb-review-banner");
  gtk_widget_add_css_class (banner, approved ? "approved" : "returned");
  gtk_image_set_pixel_size (GTK_IMAGE (icon), 24);
  gtk_widget_set_valign (icon, GTK_ALIGN_CENTER);
  gtk_box_append (GTK_BOX (banner), icon);
  gtk_box_append (GTK_BOX (text), banner_label (heading (review), "heading"));
  if (review->comment != NULL)
    gtk_box_append (GTK_BOX (text), banner_label (review->comment, NULL));
  gtk_box_append (GTK_BOX (text), banner_label (by, "caption"));
  gtk_box_append (GTK_BOX (banner), text);
  gtk_widget_set_name (banner, "review-banner");
  return banner;
}

/* Shows the committee's latest decision on the record, if it made one. A
 * record the store cannot read a decision for shows none: the record
 * itself is all there. */
void
zb_meeting_editor_show_review (ZbMeetingEditor *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ZbReview) review = zb_store_get_review (self->store,
                                                    zb_meeting_get_id (self->meeting), &error);
  GtkWidget *parent = gtk_widget_get_parent (self->final_banner);


  if (self->review_banner != NULL)
    {
      gtk_box_remove (GTK_BOX (parent), self->review_banner);
      self->review_banner = NULL;
    }
  if (error != NULL)
    g_warning ("Could not read the committee's review: %s", error->message);
  if (review == NULL)
    return;

  add_style (GTK_WIDGET (self));
  self->review_banner = review_banner (review);
  gtk_box_insert_child_after (GTK_BOX (parent), self->review_banner, self->final_banner);
}

/* The decision shown, or NULL: for tests and accessibility checks. */
GtkWidget *
zb_meeting_editor_get_review_banner (ZbMeetingEditor *self)
{
  return self->review_banner;
}
