#define G_LOG_DOMAIN "zb-dues-view"

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "zb-date.h"
#include "zb-dues-reduction-dialog.h"
#include "zb-dues-view-private.h"
#include "zb-money.h"
#include "zb-widget-util.h"

/* The dues page's reduced or waived dues (少交或免交, DOMAIN.md section 4):
 * the branch's decision recorded through ZbDuesReductionDialog, the
 * member's reductions listed with their state, the higher committee's
 * approval recorded (its date, and its document if named), and what the
 * ledger says of the months they touch. Whether a month owes, and how
 * much, is the store's reckoning; this only says which decision touches
 * it. */

/* What the ledger adds of a month reduced or waived: approved, the new
 * amount counts (the line's due already is it); awaiting approval, the
 * month still owes its usual dues, so unpaid it is in arrears. */
char *
zb_dues_view_reduction_note (ZbReduction *reduction,
                const char  *state)
{
  g_autofree char *amount = zb_money_format_yuan (zb_reduction_get_due_fen (reduction));
  gboolean waiver = zb_reduction_get_due_fen (reduction) == 0;

  if (zb_reduction_get_approved (reduction))
    return waiver ? g_strdup (_("approved by the higher committee"))
                  /* TRANSLATORS: %s yuan a month */
                  : g_strdup_printf (_("reduced to %s yuan with the higher committee’s "
                                       "approval"), amount);
  if (g_strcmp0 (state, "due") == 0)
    return waiver ? g_strdup (_("waiver awaiting the higher committee’s approval: still "
                                "counted in arrears"))
                  : g_strdup_printf (_("reduction to %s yuan awaiting the higher committee’s "
                                       "approval: still counted in arrears"), amount);
  return waiver ? g_strdup (_("waiver awaiting the higher committee’s approval"))
                : g_strdup_printf (_("reduction to %s yuan awaiting the higher committee’s "
                                     "approval"), amount);
}

/* A month reduced or waived: the branch's decision, and the higher
 * committee's approval or a button to record it. */
GtkWidget *
zb_dues_view_reduction_row (ZbReduction *reduction)
{
  GtkWidget *row = adw_action_row_new ();
  g_autofree char *month = zb_date_format_period (zb_reduction_get_month (reduction));
  const char *reason = zb_reduction_get_reason (reduction);
  g_autofree char *amount = zb_money_format_yuan (zb_reduction_get_due_fen (reduction));
  g_autofree char *decided = zb_date_format_day (zb_reduction_get_decided_date (reduction));
  g_autofree char *title = NULL, *decision = NULL, *subtitle = NULL;

  if (zb_reduction_get_due_fen (reduction) == 0)
    /* TRANSLATORS: %s a month */
    title = g_strdup_printf (_("%s: waived"), month);
  else
    /* TRANSLATORS: %1$s a month, %2$s yuan */
    title = g_strdup_printf (_("%1$s: reduced to %2$s yuan"), month, amount);
  /* TRANSLATORS: %1$s the date the branch decided, %2$s the reason */
  decision = g_strdup_printf (_("Decided by the branch on %1$s (%2$s)"),
                              decided != NULL ? decided : "—",
                              reason != NULL ? reason : _("no reason given"));
  if (zb_reduction_get_approved (reduction))
    /* TRANSLATORS: %1$s the branch's decision, %2$s the approval (its date and document) */
    subtitle = g_strdup_printf (_("%1$s; approved by the higher committee: %2$s"), decision,
                                zb_reduction_get_approval_ref (reduction));
  else
    subtitle = g_strdup_printf (_("%s; awaiting the higher committee’s approval"), decision);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  g_object_set_data_full (G_OBJECT (row), "reduction-id",
                          g_strdup (zb_reduction_get_id (reduction)), g_free);
  if (!zb_reduction_get_approved (reduction))
    {
      GtkWidget *button = gtk_button_new_with_mnemonic (_("_Approve…"));
      /* TRANSLATORS: %s a month reduced or waived */
      g_autofree char *label = g_strdup_printf (_("Record the higher committee’s approval of "
                                                  "%s"), month);

      gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      label, -1);
      gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
      gtk_actionable_set_action_name (GTK_ACTIONABLE (button), "dues.approve-reduction");
      gtk_actionable_set_action_target (GTK_ACTIONABLE (button), "s",
                                        zb_reduction_get_id (reduction));
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);
      gtk_widget_add_css_class (row, "warning");
    }
  return row;
}

/* The reduction shown beside a month: the approved one, which the ledger
 * counts, else the latest awaiting approval. */
GHashTable *
zb_dues_view_reductions_by_month (GListModel *reductions)
{
  GHashTable *months = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, g_object_unref);

  for (guint i = 0; i < g_list_model_get_n_items (reductions); i++)
    {
      g_autoptr(ZbReduction) r = g_list_model_get_item (reductions, i);
      ZbReduction *shown = g_hash_table_lookup (months, zb_reduction_get_month (r));

      if (shown == NULL || !zb_reduction_get_approved (shown))
        g_hash_table_replace (months, (gpointer) zb_reduction_get_month (r), g_object_ref (r));
    }
  return months;
}

static void
reduction_saved_cb (ZbDuesView            *self,
                    guint                  n_months,
                    ZbDuesReductionDialog *dialog)
{
  g_autofree char *text = NULL;

  /* TRANSLATORS: %u months reduced or waived */
  text = g_strdup_printf (ngettext ("%u month recorded, awaiting the higher committee’s approval",
                                    "%u months recorded, awaiting the higher committee’s approval",
                                    n_months), n_months);
  zb_widget_toast (GTK_WIDGET (self), text);
  zb_dues_view_reload (self);
}

static void
reduce_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  ZbDuesView *self = ZB_DUES_VIEW (widget);
  ZbStore *store = zb_dues_view_store (self);
  ZbDuesReductionDialog *dialog;

  if (store == NULL || self->member_id == NULL)
    return;
  dialog = zb_dues_reduction_dialog_new (store, self->member_id, self->member_name);
  gtk_window_set_transient_for (GTK_WINDOW (dialog), GTK_WINDOW (gtk_widget_get_root (widget)));
  g_signal_connect_object (dialog, "saved", G_CALLBACK (reduction_saved_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
}

typedef struct
{
  char *id;
  char *approval;
} Approval;

static void
approval_free (Approval *approval)
{
  g_free (approval->id);
  g_free (approval->approval);
  g_free (approval);
}

static void
approve_thread (GTask        *task,
                gpointer      source,
                gpointer      task_data,
                GCancellable *cancellable)
{
  Approval *approval = task_data;
  GError *error = NULL;

  if (zb_store_approve_dues_reduction (source, approval->id, approval->approval, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

static void
approve_done_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(ZbDuesView) self = user_data;
  g_autoptr(GError) error = NULL;

  self->approving--;
  zb_dues_view_update_loading (self);
  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      zb_widget_toast_error (GTK_WIDGET (self), error);
      return;
    }
  zb_widget_toast (GTK_WIDGET (self), _("Approval recorded: the month now counts as reduced "
                                        "or waived"));
  zb_dues_view_reload (self);
}

/* The approval as the store keeps it: its date, then the document that
 * gave it if named (the schema has one field for the approval). */
static char *
approval_text (AdwMessageDialog *dialog)
{
  GtkEditable *date = g_object_get_data (G_OBJECT (dialog), "date");
  const char *document = zb_editable_text_or_null (g_object_get_data (G_OBJECT (dialog),
                                                                       "document"));

  if (document == NULL)
    return g_strdup (gtk_editable_get_text (date));
  return g_strdup_printf ("%s %s", gtk_editable_get_text (date), document);
}

static void
approve_response_cb (AdwMessageDialog *dialog,
                     const char       *response,
                     ZbDuesView       *self)
{
  ZbStore *store = zb_dues_view_store (self);
  g_autoptr(GTask) task = NULL;
  Approval *approval;

  if (g_strcmp0 (response, "approve") != 0 || store == NULL)
    return;
  approval = g_new0 (Approval, 1);
  approval->id = g_strdup (g_object_get_data (G_OBJECT (dialog), "reduction-id"));
  approval->approval = approval_text (dialog);
  self->approving++;
  zb_dues_view_update_loading (self);
  task = g_task_new (store, NULL, approve_done_cb, g_object_ref (self));
  g_task_set_source_tag (task, approve_response_cb);
  g_task_set_task_data (task, approval, (GDestroyNotify) approval_free);
  g_task_run_in_thread (task, approve_thread);
}

/* The approval date is read as it is typed: a date that is not one is
 * said under the field, and Approve waits for it. */
static void
approval_date_changed_cb (GtkEditable      *date,
                          AdwMessageDialog *dialog)
{
  GtkWidget *error_label = g_object_get_data (G_OBJECT (dialog), "error");
  gboolean valid;
  GDate parsed;

  valid = zb_date_parse_iso (gtk_editable_get_text (date), &parsed);
  gtk_widget_set_visible (error_label, !valid);
  if (valid)
    gtk_widget_remove_css_class (GTK_WIDGET (date), "error");
  else
    gtk_widget_add_css_class (GTK_WIDGET (date), "error");
  adw_message_dialog_set_response_enabled (dialog, "approve", valid);
}

static GtkWidget *
approval_fields (AdwMessageDialog *dialog)
{
  g_autofree char *today = zb_date_today_iso ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *list = gtk_list_box_new ();
  GtkWidget *date = adw_entry_row_new ();
  GtkWidget *document = adw_entry_row_new ();
  GtkWidget *error = gtk_label_new (_("Approved on: write the date as year-month-day, such as "
                                      "2026-03-05"));

  gtk_list_box_set_selection_mode (GTK_LIST_BOX (list), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (list, "boxed-list");
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (date), _("Approved _on (YYYY-MM-DD)"));
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (document),
                                 _("Approval _document (optional)"));
  adw_preferences_row_set_use_underline (ADW_PREFERENCES_ROW (date), TRUE);
  adw_preferences_row_set_use_underline (ADW_PREFERENCES_ROW (document), TRUE);
  /* Enter approves, once the date is one. */
  adw_entry_row_set_activates_default (ADW_ENTRY_ROW (date), TRUE);
  adw_entry_row_set_activates_default (ADW_ENTRY_ROW (document), TRUE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (date), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Date of the higher committee’s approval, as "
                                    "year-month-day"), -1);
  gtk_accessible_update_property (GTK_ACCESSIBLE (document), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Number of the approval document, if any"), -1);
  gtk_editable_set_text (GTK_EDITABLE (date), today);
  gtk_list_box_append (GTK_LIST_BOX (list), date);
  gtk_list_box_append (GTK_LIST_BOX (list), document);
  gtk_label_set_wrap (GTK_LABEL (error), TRUE);
  gtk_label_set_xalign (GTK_LABEL (error), 0);
  gtk_widget_add_css_class (error, "error");
  gtk_widget_set_visible (error, FALSE);
  gtk_box_append (GTK_BOX (box), list);
  gtk_box_append (GTK_BOX (box), error);
  g_object_set_data (G_OBJECT (dialog), "date", date);
  g_object_set_data (G_OBJECT (dialog), "document", document);
  g_object_set_data (G_OBJECT (dialog), "error", error);
  g_signal_connect (date, "changed", G_CALLBACK (approval_date_changed_cb), dialog);
  return box;
}

/* The month of the chosen member's reduction of @id. */
static const char *
reduction_month (ZbDuesView *self,
                 const char *id)
{
  for (guint i = 0; self->reductions != NULL &&
       i < g_list_model_get_n_items (self->reductions); i++)
    {
      g_autoptr(ZbReduction) r = g_list_model_get_item (self->reductions, i);

      if (g_strcmp0 (zb_reduction_get_id (r), id) == 0)
        return zb_reduction_get_month (r);   /* the model keeps it */
    }
  return "";
}

/* The higher committee's approval of a month reduced or waived: its date
 * and, if any, its document. */
static void
approve_reduction_action (GtkWidget  *widget,
                          const char *action_name,
                          GVariant   *parameter)
{
  ZbDuesView *self = ZB_DUES_VIEW (widget);
  const char *id = g_variant_get_string (parameter, NULL);
  g_autofree char *body = NULL;
  GtkWidget *dialog;

  if (zb_dues_view_store (self) == NULL)
    return;
  /* TRANSLATORS: %1$s a member, %2$s the month reduced or waived */
  body = g_strdup_printf (_("%1$s, %2$s: record the date the higher committee approved the "
                            "reduction or waiver. From then on the month counts as reduced or "
                            "waived, not in arrears."), self->member_name,
                          reduction_month (self, id));
  dialog = adw_message_dialog_new (GTK_WINDOW (gtk_widget_get_root (widget)),
                                   _("Approval of the Higher Committee"), body);
  g_object_set_data_full (G_OBJECT (dialog), "reduction-id", g_strdup (id), g_free);
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog),
                                      approval_fields (ADW_MESSAGE_DIALOG (dialog)));
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog), "cancel", _("_Cancel"),
                                    "approve", _("_Approve"), NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "approve",
                                              ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "approve");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_signal_connect_object (dialog, "response", G_CALLBACK (approve_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}


void
zb_dues_view_class_init_reductions (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "dues.reduce", NULL, reduce_action);
  gtk_widget_class_install_action (widget_class, "dues.approve-reduction", "s",
                                   approve_reduction_action);
}
