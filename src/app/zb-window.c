#define G_LOG_DOMAIN "zb-window"

#include "config.h"

#include <glib/gi18n.h>

#include "zb-demo.h"
#include "zb-meeting-dialog.h"
#include "zb-meeting-editor.h"
#include "zb-meetings-view.h"
#include "zb-member-editor.h"
#include "zb-print.h"
#include "zb-roster-view.h"
#include "zb-widget-util.h"
#include "zb-window-private.h"

#define DEMO_MEMBERS 200


G_DEFINE_FINAL_TYPE (ZbWindow, zb_window, ADW_TYPE_APPLICATION_WINDOW)

typedef enum
{
  OPEN_WITH_KEY,        /* the key is given: a passphrase */
  OPEN_FROM_KEYRING,
  CREATE_WITH_KEY,
  CREATE_IN_KEYRING,
} OpenMode;

typedef struct
{
  OpenMode  mode;
  char     *path;
  char     *branch;
  char     *committee;   /* the higher committee, NULL for the demo */
  char     *secretary;
  ZbKey    *key;
  guint     demo_members;
} OpenJob;

static void
open_job_free (OpenJob *job)
{
  g_free (job->path);
  g_free (job->branch);
  g_free (job->committee);
  g_free (job->secretary);
  g_clear_pointer (&job->key, zb_key_free);
  g_free (job);
}

static void
update_add_button (ZbWindow *self)
{
  const char *page = gtk_stack_get_visible_child_name (self->stack);
  const char *view = adw_view_stack_get_visible_child_name (self->view_stack);

  /* The sections with a list of their own to add to; the others add
   * through their own buttons. */
  gtk_widget_set_visible (self->add_button, g_strcmp0 (page, "roster") == 0 &&
                                            (g_strcmp0 (view, "roster") == 0 ||
                                             g_strcmp0 (view, "meetings") == 0));
  gtk_widget_set_tooltip_text (self->add_button, g_strcmp0 (view, "meetings") == 0
                                                 ? _("New Meeting (Ctrl+N)")
                                                 : _("Add Member (Ctrl+N)"));
  /* An icon button's tooltip is only its description to a screen reader. */
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->add_button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  g_strcmp0 (view, "meetings") == 0 ? _("New Meeting")
                                                                    : _("Add Member"),
                                  GTK_ACCESSIBLE_PROPERTY_KEY_SHORTCUTS, "Control+N",
                                  -1);
}

static gboolean
shows_view (ZbWindow   *self,
            const char *name)
{
  return g_strcmp0 (adw_view_stack_get_visible_child_name (self->view_stack), name) == 0;
}

/* The first items and measures change with the minutes, the dashboard
 * counts every record, the dues page every member, the
 * recruitment page reads each person's steps and record, and the study page
 * counts the meetings each member attended: each is read again
 * when it comes into view, and when a record changes while it is in view. */
static void
reload_counts_if_shown (ZbWindow *self)
{
  if (shows_view (self, "first-items"))
    zb_first_items_view_reload (self->first_items_view);
  if (shows_view (self, "measures"))
    zb_measures_view_reload (self->measures_view);
  if (shows_view (self, "compliance"))
    zb_compliance_view_reload (self->compliance_view);
  if (shows_view (self, "dashboard"))
    zb_dashboard_view_reload (self->dashboard_view);
  if (shows_view (self, "dues"))
    zb_dues_view_reload (self->dues_view);
  if (shows_view (self, "recruitment"))
    zb_recruit_view_reload (self->recruit_view);
  if (shows_view (self, "study"))
    zb_study_view_reload (self->study_view);
}

/* The sidebar lists the view stack's pages, so a page added to the stack
 * in zb-window.ui finds its place in the sidebar with its title and icon. */
static GtkWidget *
create_sidebar_row (gpointer item,
                    gpointer user_data)
{
  AdwViewStackPage *page = item;
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *icon = gtk_image_new_from_icon_name (adw_view_stack_page_get_icon_name (page));
  GtkWidget *label = gtk_label_new (adw_view_stack_page_get_title (page));
  GtkWidget *row = gtk_list_box_row_new ();

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_box_append (GTK_BOX (box), icon);
  gtk_box_append (GTK_BOX (box), label);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
  gtk_accessible_update_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  adw_view_stack_page_get_title (page), -1);
  return row;
}

static void
sidebar_row_activated_cb (ZbWindow      *self,
                          GtkListBoxRow *row)
{
  GtkSelectionModel *pages = adw_view_stack_get_pages (self->view_stack);
  g_autoptr(AdwViewStackPage) page =
    g_list_model_get_item (G_LIST_MODEL (pages), gtk_list_box_row_get_index (row));

  g_object_unref (pages);
  adw_view_stack_set_visible_child (self->view_stack, adw_view_stack_page_get_child (page));
  adw_leaflet_set_visible_child (self->leaflet, self->content);
}

/* The sidebar's selection and the content's title follow the visible page,
 * however it was chosen (the sidebar, a shortcut, a finding opening its
 * record). */
static void
sync_sidebar (ZbWindow *self)
{
  GtkSelectionModel *pages = adw_view_stack_get_pages (self->view_stack);
  GtkWidget *visible = adw_view_stack_get_visible_child (self->view_stack);

  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (pages)); i++)
    {
      g_autoptr(AdwViewStackPage) page = g_list_model_get_item (G_LIST_MODEL (pages), i);

      if (adw_view_stack_page_get_child (page) != visible)
        continue;
      gtk_list_box_select_row (self->sidebar_list,
                               gtk_list_box_get_row_at_index (self->sidebar_list, i));
      adw_window_title_set_title (self->view_title, adw_view_stack_page_get_title (page));
    }
  g_object_unref (pages);
}

static void
view_changed_cb (ZbWindow *self)
{
  gboolean reading;

  zb_window_ensure_view (self, adw_view_stack_get_visible_child_name (self->view_stack),
                         &reading);
  sync_sidebar (self);
  update_add_button (self);
  zb_window_update_sheets (self);
  /* A view built just now is reading already. */
  if (reading)
    return;
  if (shows_view (self, "meetings"))
    zb_meetings_view_reload (self->meetings_view);
  reload_counts_if_shown (self);
}

void
zb_window_show_page (ZbWindow   *self,
                     const char *name)
{
  gtk_spinner_set_spinning (self->spinner, g_str_equal (name, "loading"));
  /* The sections bring their own header bars; the pages before them share one. */
  gtk_widget_set_visible (self->plain_header, !g_str_equal (name, "roster"));
  /* Out of the spinner at once: a crossfade would draw both pages for its
   * 200 ms, and its first frame would show the roster barely. */
  gtk_stack_set_visible_child_full (self->stack, name,
                                    g_strcmp0 (gtk_stack_get_visible_child_name (self->stack),
                                               "loading") == 0
                                    ? GTK_STACK_TRANSITION_TYPE_NONE
                                    : gtk_stack_get_transition_type (self->stack));
  update_add_button (self);
}

void
zb_window_show_error (GtkLabel   *label,
                      const char *message)
{
  gtk_label_set_text (label, message);
  gtk_widget_set_visible (GTK_WIDGET (label), message != NULL);
}

/* Unsearched and unfiltered, the roster lists everyone: the people its
 * model has just counted, whom the store need not count again. */
static gboolean
roster_lists_all (ZbWindow *self)
{
  return zb_roster_view_get_model (self->roster_view) != NULL &&
         *gtk_editable_get_text (GTK_EDITABLE (self->search_entry)) == '\0' &&
         !zb_window_roster_is_filtered (self);
}

/* Beside the search: how many people the roster shows, and of how many
 * when a search narrows it. */
void
zb_window_update_count (ZbWindow *self)
{
  ZbStore *store = zb_context_get_store (self->context);
  GListModel *shown = G_LIST_MODEL (zb_roster_view_get_model (self->roster_view));
  const char *search = gtk_editable_get_text (GTK_EDITABLE (self->search_entry));
  g_autofree char *label = NULL;
  guint n_shown, n_all;

  if (store == NULL || shown == NULL)
    return;
  n_shown = g_list_model_get_n_items (shown);
  n_all = roster_lists_all (self)
          ? n_shown
          : zb_store_count_members (store, gtk_check_button_get_active (self->archived_filter),
                                    NULL);
  if (*search == '\0' && n_shown == n_all)
    /* TRANSLATORS: the number of people on the roster, with digit grouping */
    label = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%'u person", "%'u people", n_all),
                             n_all);
  else
    /* TRANSLATORS: people found by the roster's search, of all on the roster */
    label = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%'u of %'u person",
                                          "%'u of %'u people", n_all), n_shown, n_all);
  gtk_label_set_text (self->count_label, label);
}

void
zb_window_update_title (ZbWindow *self)
{
  ZbStore *store = zb_context_get_store (self->context);
  g_autofree char *subtitle = NULL;
  guint n;

  if (store == NULL)
    return;

  n = roster_lists_all (self) && !gtk_check_button_get_active (self->archived_filter)
      ? g_list_model_get_n_items (G_LIST_MODEL (zb_roster_view_get_model (self->roster_view)))
      : zb_store_count_members (store, FALSE, NULL);
  /* TRANSLATORS: the number of people on the roster, with digit grouping */
  subtitle = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%'u person", "%'u people", n), n);
  adw_window_title_set_title (self->branch_title, zb_store_get_branch_name (store));
  adw_window_title_set_subtitle (self->branch_title, subtitle);
  gtk_window_set_title (GTK_WINDOW (self), zb_store_get_branch_name (store));
  zb_window_update_count (self);
}

/* The views take the open store; the window shows them once the first
 * run has nothing more to ask. */
static void
attach_store (ZbWindow *self,
              ZbStore  *store)
{
  g_autoptr(GError) error = NULL;

  /* The window reads through the read-only connection: a long write in a
   * worker never holds it up. */
  if (!zb_store_read_here (store, &error))
    g_warning ("Reads share the write connection: %s", error->message);
  zb_context_set_store (self->context, store);
  zb_roster_view_set_context (self->roster_view, self->context);
  zb_window_update_group_filter (self);
  zb_window_attach_views (self);
  zb_search_view_set_context (self->search_view, self->context);
  zb_window_update_title (self);
}

/* With ZHIBU_FIRST_FRAME_MARKER set, the first frame that shows the roster
 * prints a line on stdout: the startup benchmark times the app up to it
 * (tests/bench-startup.c), and learns the renderer that drew it. */
static void
first_roster_frame_cb (GdkFrameClock *clock,
                       ZbWindow      *self)
{
  GskRenderer *renderer = gtk_native_get_renderer (GTK_NATIVE (self));

  g_signal_handlers_disconnect_by_func (clock, first_roster_frame_cb, self);
  g_print ("first-frame %s\n", G_OBJECT_TYPE_NAME (renderer));
}

static void
mark_first_roster_frame (ZbWindow *self)
{
  GdkFrameClock *clock = gtk_widget_get_frame_clock (GTK_WIDGET (self));

  if (self->first_frame_marked || clock == NULL || g_getenv ("ZHIBU_FIRST_FRAME_MARKER") == NULL)
    return;

  self->first_frame_marked = TRUE;
  g_signal_connect_object (clock, "after-paint", G_CALLBACK (first_roster_frame_cb), self, 0);
}

/* The roster page, as the views last read it. */
static void
show_roster_page (ZbWindow *self)
{
  zb_window_show_page (self, "roster");
  adw_leaflet_set_visible_child (self->leaflet, self->content);
  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
  mark_first_roster_frame (self);

  if (self->pending_meeting != NULL)
    {
      g_autofree char *id = g_steal_pointer (&self->pending_meeting);

      zb_window_show_view (self, "meetings");
      zb_window_open_meeting (self, id);
    }
}

/* The roster page, read again: the records may have changed since the views
 * read them (an import, a restore). */
void
zb_window_show_roster (ZbWindow *self)
{
  zb_roster_view_reload (self->roster_view);
  reload_counts_if_shown (self);
  zb_window_update_title (self);
  show_roster_page (self);
}

/* Opening derives a passphrase's key (a third of a second) and may migrate
 * the schema: never on the main thread. */
static void
open_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  OpenJob *job = task_data;
  g_autoptr(ZbStore) store = NULL;
  GError *error = NULL;

  switch (job->mode)
    {
    case OPEN_WITH_KEY:
      store = zb_store_open (job->path, job->key, &error);
      break;
    case OPEN_FROM_KEYRING:
      store = zb_store_open_from_keyring (job->path, cancellable, &error);
      break;
    case CREATE_WITH_KEY:
      store = zb_store_create (job->path, job->key, job->branch, &error);
      break;
    case CREATE_IN_KEYRING:
      store = zb_store_create_in_keyring (job->path, job->branch, cancellable, &error);
      break;
    }

  if (store != NULL && job->committee != NULL &&
      !zb_store_set_branch_details (store, job->branch, job->committee, job->secretary, &error))
    g_clear_object (&store);
  if (store != NULL && job->demo_members > 0 &&
      !zb_demo_fill (store, job->demo_members, g_random_int (), &error))
    g_clear_object (&store);
  if (store != NULL && !zb_store_open_reader (store, &error))
    g_clear_object (&store);

  if (store == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, g_steal_pointer (&store), g_object_unref);
}

static void
open_done_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  ZbWindow *self = ZB_WINDOW (object);
  OpenJob *job = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;
  g_autoptr(ZbStore) store = g_task_propagate_pointer (G_TASK (result), &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  if (store != NULL)
    {
      /* Kept for a restore, which keys the restored database alike. */
      g_clear_pointer (&self->key, zb_key_free);
      self->key = job->key ? zb_key_copy (job->key) : NULL;
      attach_store (self, store);
      if (job->committee != NULL)
        {
          /* A new branch of one's own: its members come next. */
          gtk_stack_set_visible_child_name (self->welcome_steps, "roster");
          zb_window_show_page (self, "welcome");
          gtk_widget_grab_focus (self->import_button);
        }
      else
        {
          /* attach_store() has just read the roster and the title. */
          reload_counts_if_shown (self);
          show_roster_page (self);
        }
    }
  else if (job->mode == OPEN_FROM_KEYRING || job->mode == OPEN_WITH_KEY)
    {
      /* No key in the keyring is the recovery path: ask for the passphrase. */
      zb_window_show_error (self->unlock_error,
                            g_error_matches (error, ZB_STORE_ERROR, ZB_STORE_ERROR_NO_KEY)
                            ? NULL : error->message);
      zb_window_show_page (self, "unlock");
      gtk_widget_grab_focus (GTK_WIDGET (self->passphrase_row));
    }
  else if (job->demo_members > 0 && !g_error_matches (error, ZB_STORE_ERROR,
                                                        ZB_STORE_ERROR_NO_KEY))
    {
      zb_window_show_error (self->branch_error, error->message);
      gtk_stack_set_visible_child_name (self->welcome_steps, "branch");
      zb_window_show_page (self, "welcome");
    }
  else
    {
      zb_window_show_error (self->welcome_error, error->message);
      if (g_error_matches (error, ZB_STORE_ERROR, ZB_STORE_ERROR_NO_KEY))
        gtk_switch_set_active (self->passphrase_switch, TRUE);
      gtk_stack_set_visible_child_name (self->welcome_steps, "key");
      zb_window_show_page (self, "welcome");
    }
}

static void
run_job (ZbWindow *self,
         OpenJob  *job)
{
  g_autoptr(GTask) task = g_task_new (self, self->cancellable, open_done_cb, NULL);

  job->path = g_strdup (self->path);
  g_task_set_source_tag (task, run_job);
  g_task_set_task_data (task, job, (GDestroyNotify) open_job_free);
  zb_window_show_page (self, "loading");
  g_task_run_in_thread (task, open_thread);
}

/* The passphrase step: NULL when the keyring keeps the key; FALSE, with
 * the reason shown, when the passphrase will not do. */
static gboolean
read_new_key (ZbWindow  *self,
              ZbKey    **key)
{
  const char *passphrase = gtk_editable_get_text (GTK_EDITABLE (self->new_passphrase_row));
  const char *repeat = gtk_editable_get_text (GTK_EDITABLE (self->repeat_passphrase_row));
  g_autoptr(GError) error = NULL;
  GtkWidget *at = GTK_WIDGET (self->new_passphrase_row);

  *key = NULL;
  if (!gtk_switch_get_active (self->passphrase_switch))
    return TRUE;
  if (*passphrase == '\0')
    error = g_error_new_literal (ZB_STORE_ERROR, ZB_STORE_ERROR_FAILED,
                                 _("Passphrase: enter one, or switch it off to use the "
                                   "keyring."));
  else if (zb_key_check_new_passphrase (passphrase, &error) && !g_str_equal (passphrase, repeat))
    {
      error = g_error_new_literal (ZB_STORE_ERROR, ZB_STORE_ERROR_FAILED,
                                   _("Passphrase: the two entries differ. Type the same "
                                     "passphrase twice."));
      at = GTK_WIDGET (self->repeat_passphrase_row);
    }
  if (error != NULL)
    {
      zb_window_show_error (self->welcome_error, error->message);
      gtk_stack_set_visible_child_name (self->welcome_steps, "key");
      gtk_widget_grab_focus (at);
      return FALSE;
    }
  *key = zb_key_new_passphrase (passphrase);
  return TRUE;
}

static char *
dup_row_text (AdwEntryRow *row)
{
  return g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (row))));
}

/* The demo branch, or the branch of the first step under the key of the
 * second. */
static void
create_database (ZbWindow *self,
                 guint     demo_members)
{
  g_autoptr(ZbKey) key = NULL;
  OpenJob *job;

  /* The demo too takes the passphrase when the keyring failed it. */
  if (!read_new_key (self, &key))
    return;

  job = g_new0 (OpenJob, 1);
  job->mode = key ? CREATE_WITH_KEY : CREATE_IN_KEYRING;
  job->key = g_steal_pointer (&key);
  job->demo_members = demo_members;
  if (demo_members > 0)
    job->branch = g_strdup (_("Demo Branch"));
  else
    {
      job->branch = dup_row_text (self->branch_row);
      job->committee = dup_row_text (self->welcome_committee_row);
      job->secretary = dup_row_text (self->welcome_secretary_row);
    }
  zb_window_show_error (self->welcome_error, NULL);
  zb_window_show_error (self->branch_error, NULL);
  run_job (self, job);
}

static void
create_database_action (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  ZbWindow *self = ZB_WINDOW (widget);

  create_database (self, self->welcome_demo ? DEMO_MEMBERS : 0);
}

/* Without a keyring, the demo asks for a passphrase on the second step,
 * whose button then creates the demo. */
static void
create_demo_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  ZbWindow *self = ZB_WINDOW (widget);

  self->welcome_demo = TRUE;
  create_database (self, DEMO_MEMBERS);
}

void
zb_window_unlock (ZbWindow   *self,
                  const char *passphrase)
{
  OpenJob *job;

  if (passphrase == NULL || *passphrase == '\0')
    return;

  job = g_new0 (OpenJob, 1);
  job->mode = OPEN_WITH_KEY;
  job->key = zb_key_new_passphrase (passphrase);
  run_job (self, job);
}

static void
unlock_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  ZbWindow *self = ZB_WINDOW (widget);

  zb_window_unlock (self, gtk_editable_get_text (GTK_EDITABLE (self->passphrase_row)));
  gtk_editable_set_text (GTK_EDITABLE (self->passphrase_row), "");
}

static void
unlock_activated_cb (ZbWindow *self)
{
  gtk_widget_activate_action (GTK_WIDGET (self), "win.unlock", NULL);
}

static void
member_saved_cb (ZbWindow   *self,
                 const char *id)
{
  zb_roster_view_reload (self->roster_view);
  zb_search_view_reload (self->search_view);
  zb_window_update_group_filter (self);
  zb_window_update_title (self);
  reload_counts_if_shown (self);
  adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (_("Saved")));
}

static void
unarchived_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(ZbWindow) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *id = zb_store_save_member_finish (ZB_STORE (object), result, &error);

  if (id == NULL)
    adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (error->message));
  else
    member_saved_cb (self, id);
}

static void
untransferred_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(ZbWindow) self = user_data;
  g_autoptr(GError) error = NULL;
  ZbMember *before = g_task_get_task_data (G_TASK (result));

  if (!g_task_propagate_boolean (G_TASK (result), &error))
    adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (error->message));
  else
    member_saved_cb (self, zb_member_get_id (before));
}

static void
untransfer_thread (GTask        *task,
                   gpointer      source,
                   gpointer      task_data,
                   GCancellable *cancellable)
{
  GError *error = NULL;

  if (zb_store_undo_transfer (source, g_object_get_data (G_OBJECT (task), "transfer-id"),
                              task_data, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

/* A transfer out is taken back with its transfer, which leaves a tombstone;
 * any other archiving by saving the person as they were. */
static void
undo_archive_cb (AdwToast *toast,
                 ZbWindow *self)
{
  ZbStore *store = zb_context_get_store (self->context);
  ZbMember *before = g_object_get_data (G_OBJECT (toast), "before");
  const char *transfer_id = g_object_get_data (G_OBJECT (toast), "transfer-id");
  g_autoptr(GTask) task = NULL;

  if (transfer_id == NULL)
    {
      zb_store_save_member_async (store, before, NULL, unarchived_cb, g_object_ref (self));
      return;
    }
  task = g_task_new (store, NULL, untransferred_cb, g_object_ref (self));
  g_task_set_source_tag (task, undo_archive_cb);
  g_task_set_task_data (task, g_object_ref (before), g_object_unref);
  g_object_set_data_full (G_OBJECT (task), "transfer-id", g_strdup (transfer_id), g_free);
  g_task_run_in_thread (task, untransfer_thread);
}

/* Archived from the member form: gone from the list, with a way back; a
 * transfer out opens its introduction letter, to print and hand over. */
static void
member_archived_cb (ZbWindow   *self,
                    ZbMember   *before,
                    const char *transfer_id)
{
  g_autofree char *title = NULL;
  AdwToast *toast;

  zb_roster_view_reload (self->roster_view);
  zb_window_update_group_filter (self);
  zb_window_update_title (self);
  reload_counts_if_shown (self);
  /* TRANSLATORS: %s is the person's name */
  title = g_strdup_printf (transfer_id != NULL ? _("%s transferred out") : _("%s archived"),
                           zb_member_get (before, ZB_MEMBER_FIELD_NAME));
  toast = adw_toast_new (title);
  adw_toast_set_button_label (toast, _("_Undo"));
  g_object_set_data_full (G_OBJECT (toast), "before", g_object_ref (before), g_object_unref);
  g_object_set_data_full (G_OBJECT (toast), "transfer-id", g_strdup (transfer_id), g_free);
  g_signal_connect_object (toast, "button-clicked", G_CALLBACK (undo_archive_cb), self, 0);
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
  if (transfer_id != NULL)
    zb_print_transfer (GTK_WINDOW (self), zb_context_get_store (self->context), transfer_id);
}

void
zb_window_edit_member (ZbWindow *self,
                       ZbMember *member)
{
  ZbStore *store = zb_context_get_store (self->context);
  ZbMemberEditor *editor;

  g_return_if_fail (store != NULL);

  editor = zb_member_editor_new (store, member);
  gtk_window_set_transient_for (GTK_WINDOW (editor), GTK_WINDOW (self));
  g_signal_connect_object (editor, "saved", G_CALLBACK (member_saved_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (editor, "archived", G_CALLBACK (member_archived_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (editor));
}

static void
meeting_closed_cb (ZbWindow *self)
{
  /* An unbuilt meetings view reads the meetings when built. */
  if (self->meetings_view != NULL)
    zb_meetings_view_reload (self->meetings_view);
  zb_search_view_reload (self->search_view);
  reload_counts_if_shown (self);
}

/* Opens the minutes editor of a meeting, or, before the store is open,
 * remembers to. */
void
zb_window_open_meeting (ZbWindow   *self,
                        const char *meeting_id)
{
  ZbStore *store = zb_context_get_store (self->context);
  g_autoptr(GError) error = NULL;
  ZbMeetingEditor *editor;

  if (store == NULL)
    {
      g_free (self->pending_meeting);
      self->pending_meeting = g_strdup (meeting_id);
      return;
    }

  editor = zb_meeting_editor_new (store, meeting_id, &error);
  if (editor == NULL)
    {
      adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (error->message));
      return;
    }
  gtk_window_set_transient_for (GTK_WINDOW (editor), GTK_WINDOW (self));
  g_signal_connect_object (editor, "destroy", G_CALLBACK (meeting_closed_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (editor, "open-meeting", G_CALLBACK (zb_window_open_meeting), self,
                           G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (editor));
}

static void
meeting_activated_cb (ZbWindow   *self,
                      const char *meeting_id)
{
  zb_window_open_meeting (self, meeting_id);
}

static void
member_activated_cb (ZbWindow *self,
                     ZbMember *member)
{
  zb_window_edit_member (self, member);
}

static void
meeting_created_cb (ZbWindow   *self,
                    const char *meeting_id)
{
  if (self->meetings_view != NULL)
    zb_meetings_view_reload (self->meetings_view);
  zb_window_open_meeting (self, meeting_id);
}

/* Opens the form for a new meeting; once created, its minutes. */
ZbMeetingDialog *
zb_window_new_meeting (ZbWindow *self)
{
  ZbStore *store = zb_context_get_store (self->context);
  ZbMeetingDialog *dialog;

  g_return_val_if_fail (store != NULL, NULL);

  dialog = zb_meeting_dialog_new (store);
  gtk_window_set_transient_for (GTK_WINDOW (dialog), GTK_WINDOW (self));
  g_signal_connect_object (dialog, "created", G_CALLBACK (meeting_created_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
  return dialog;
}

/* The one add button adds what the visible view lists. */
static void
add_action (GtkWidget  *widget,
            const char *action_name,
            GVariant   *parameter)
{
  ZbWindow *self = ZB_WINDOW (widget);
  const char *view = adw_view_stack_get_visible_child_name (self->view_stack);

  if (zb_context_get_store (self->context) == NULL)
    return;
  if (g_strcmp0 (view, "meetings") == 0)
    zb_window_new_meeting (self);
  else if (g_strcmp0 (view, "roster") == 0)
    zb_window_edit_member (self, NULL);
}

/* Ctrl+F searches members and minutes; the roster's own entry filters it. */
static void
find_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  ZbWindow *self = ZB_WINDOW (widget);

  if (zb_context_get_store (self->context) != NULL)
    zb_search_view_start (self->search_view);
}

/* A member found by the search opens in the member form. */
static void
search_member_activated_cb (ZbWindow   *self,
                            const char *member_id)
{
  ZbStore *store = zb_context_get_store (self->context);
  g_autoptr(GError) error = NULL;
  g_autoptr(ZbMember) member = store ? zb_store_get_member (store, member_id, &error) : NULL;

  if (member == NULL)
    {
      if (error != NULL)
        adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (error->message));
      return;
    }
  zb_window_edit_member (self, member);
}

static void
show_sidebar_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  ZbWindow *self = ZB_WINDOW (widget);

  adw_leaflet_navigate (self->leaflet, ADW_NAVIGATION_DIRECTION_BACK);
  gtk_widget_grab_focus (GTK_WIDGET (self->sidebar_list));
}

/* The keyboard shortcuts window, built when first asked for: GtkApplication
 * would build it from gtk/help-overlay.ui for every window it makes, some
 * 10-25 ms of the first frame (issue 14, bench startup). */
static void
show_help_overlay_action (GtkWidget  *widget,
                          const char *action_name,
                          GVariant   *parameter)
{
  ZbWindow *self = ZB_WINDOW (widget);

  if (self->help_overlay == NULL)
    {
      g_autoptr(GtkBuilder) builder =
        gtk_builder_new_from_resource ("/io/github/zhibu/Zhibu/ui/zb-help-overlay.ui");

      self->help_overlay = GTK_WINDOW (gtk_builder_get_object (builder, "help_overlay"));
      gtk_window_set_transient_for (self->help_overlay, GTK_WINDOW (self));
      gtk_window_set_hide_on_close (self->help_overlay, TRUE);
    }
  gtk_window_present (self->help_overlay);
}

/* Alt+1 … Alt+9, Alt+0: the sidebar's sections in order. */
static void
show_section_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  ZbWindow *self = ZB_WINDOW (widget);
  GtkListBoxRow *row = gtk_list_box_get_row_at_index (self->sidebar_list,
                                                      g_variant_get_int32 (parameter));

  if (row != NULL && g_str_equal (gtk_stack_get_visible_child_name (self->stack), "roster"))
    sidebar_row_activated_cb (self, row);
}

static void
search_changed_cb (ZbWindow *self)
{
  zb_roster_view_set_search (self->roster_view,
                             gtk_editable_get_text (GTK_EDITABLE (self->search_entry)));
  zb_window_update_count (self);
}

static void
save_window_state (ZbWindow *self)
{
  GSettings *settings = zb_context_get_settings (self->context);
  int width, height;

  gtk_window_get_default_size (GTK_WINDOW (self), &width, &height);
  g_settings_set_int (settings, "window-width", width);
  g_settings_set_int (settings, "window-height", height);
  g_settings_set_boolean (settings, "window-maximized", gtk_window_is_maximized (GTK_WINDOW (self)));
}

static gboolean
zb_window_close_request (GtkWindow *window)
{
  save_window_state (ZB_WINDOW (window));

  return GTK_WINDOW_CLASS (zb_window_parent_class)->close_request (window);
}

static void
zb_window_dispose (GObject *object)
{
  ZbWindow *self = (ZbWindow *)object;

  g_cancellable_cancel (self->cancellable);
  zb_window_dispose_sheets (self);
  g_clear_pointer (&self->help_overlay, gtk_window_destroy);
  gtk_widget_dispose_template (GTK_WIDGET (self), ZB_TYPE_WINDOW);
  zb_window_dispose_views (self);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->context);
  g_clear_pointer (&self->path, g_free);
  g_clear_pointer (&self->pending_meeting, g_free);
  g_clear_pointer (&self->key, zb_key_free);

  G_OBJECT_CLASS (zb_window_parent_class)->dispose (object);
}

static void
zb_window_class_init (ZbWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->dispose = zb_window_dispose;
  window_class->close_request = zb_window_close_request;

  /* The other sections' views are built when first shown (zb-window-views.c). */
  g_type_ensure (ZB_TYPE_ROSTER_VIEW);
  g_type_ensure (ZB_TYPE_SYNC_INDICATOR);
  g_type_ensure (ZB_TYPE_SEARCH_VIEW);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/zhibu/Zhibu/ui/zb-window.ui");
  gtk_widget_class_bind_template_child (widget_class, ZbWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, ZbWindow, plain_header);
  gtk_widget_class_bind_template_child (widget_class, ZbWindow, leaflet);
  gtk_widget_class_bind_template_child (widget_class, ZbWindow, branch_title);
  gtk_widget_class_bind_template_child (widget_class, ZbWindow, sidebar_list);
  gtk_widget_class_bind_template_child (widget_class, ZbWindow, content);
  gtk_widget_class_bind_template_child (widget_class, ZbWindow, view_title);
  gtk_widget_class_bind_template_child (widget_class, ZbWindow, view_stack);
  gtk_widget_class_bind_template_child (widget_class, ZbWindow, add_button);
  gtk_widget_class_bind_template_child (widget_class, ZbWindow, sheets_button);
  gtk_widget_class_bind_template_child (widget_class, ZbWindow, stack);
  gtk_widget_class_bind_template_child (widget_class, ZbWindow, spinner);
  gtk_widget_class_bind_template_child (widget_class, ZbWindow, welcome_steps);
  gtk_widget_class_bind_template_child (widget_class, ZbWindow, branch_row);
  gtk_widget_class_bind_template_child (widget_class, ZbWindow, welcome_committee_row);
  gtk_widget_class_bind_template_child (widget_class, ZbWindow, welcome_secretary_row);
  gtk_widget_class_bind_template_child (widget_class, ZbWindow, branch_error);
  gtk_widget_class_bind_template_child (widget_class, ZbWindow, repeat_passphrase_row);
  gtk_widget_class_bind_template_child (widget_class, ZbWindow, create_button);
  gtk_widget_class_bind_template_child (widget_class, ZbWindow, import_error);
  gtk_widget_class_bind_template_child (widget_class, ZbWindow, import_spinner);
  gtk_widget_class_bind_template_child (widget_class, ZbWindow, import_button);
  gtk_widget_class_bind_template_child (widget_class, ZbWindow, passphrase_switch);
  gtk_widget_class_bind_template_child (widget_class, ZbWindow, new_passphrase_row);
  gtk_widget_class_bind_template_child (widget_class, ZbWindow, welcome_error);
  gtk_widget_class_bind_template_child (widget_class, ZbWindow, unlock_page);
  gtk_widget_class_bind_template_child (widget_class, ZbWindow, passphrase_row);
  gtk_widget_class_bind_template_child (widget_class, ZbWindow, unlock_error);
  gtk_widget_class_bind_template_child (widget_class, ZbWindow, search_entry);
  gtk_widget_class_bind_template_child (widget_class, ZbWindow, count_label);
  gtk_widget_class_bind_template_child (widget_class, ZbWindow, roster_view);
  gtk_widget_class_bind_template_child (widget_class, ZbWindow, sync_indicator);
  gtk_widget_class_bind_template_child (widget_class, ZbWindow, search_view);
  gtk_widget_class_bind_template_callback (widget_class, search_member_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, search_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, member_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, unlock_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, view_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, sidebar_row_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, meeting_activated_cb);

  gtk_widget_class_install_action (widget_class, "win.create-database", NULL,
                                   create_database_action);
  gtk_widget_class_install_action (widget_class, "win.create-demo", NULL, create_demo_action);
  gtk_widget_class_install_action (widget_class, "win.unlock", NULL, unlock_action);
  gtk_widget_class_install_action (widget_class, "win.add", NULL, add_action);
  gtk_widget_class_install_action (widget_class, "win.find", NULL, find_action);
  gtk_widget_class_install_action (widget_class, "win.show-sidebar", NULL, show_sidebar_action);
  gtk_widget_class_install_action (widget_class, "win.show-help-overlay", NULL,
                                   show_help_overlay_action);
  gtk_widget_class_install_action (widget_class, "win.show-section", "i", show_section_action);
  for (int i = 0; i < 9; i++)
    gtk_widget_class_add_binding_action (widget_class, GDK_KEY_1 + i, GDK_ALT_MASK,
                                         "win.show-section", "i", i);
  /* The tenth section (同步), as Alt+0 follows Alt+9 on the keyboard's row. */
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_0, GDK_ALT_MASK,
                                       "win.show-section", "i", 9);
  zb_window_class_init_sync (widget_class);
  zb_window_class_init_committee (widget_class);
  zb_window_class_init_roster (widget_class);
  zb_window_class_init_print (widget_class);
  zb_window_class_init_preferences (widget_class);
  zb_window_class_init_welcome (widget_class);
  zb_window_class_init_sheets (widget_class);
}

static void
zb_window_init (ZbWindow *self)
{
  g_autoptr(GtkSelectionModel) pages = NULL;

  gtk_widget_init_template (GTK_WIDGET (self));
  zb_widget_name_icon_buttons (GTK_WIDGET (self->passphrase_row));
  zb_widget_name_icon_buttons (GTK_WIDGET (self->new_passphrase_row));
  self->cancellable = g_cancellable_new ();
  zb_window_init_roster (self);
  pages = adw_view_stack_get_pages (self->view_stack);
  gtk_list_box_bind_model (self->sidebar_list, G_LIST_MODEL (pages), create_sidebar_row, self,
                           NULL);
  sync_sidebar (self);
  zb_window_update_sheets (self);
  zb_search_view_set_key_capture_widget (self->search_view, GTK_WIDGET (self));
}

ZbWindow *
zb_window_new (GtkApplication *application,
               ZbContext      *context)
{
  GSettings *settings = zb_context_get_settings (context);
  ZbWindow *self = g_object_new (ZB_TYPE_WINDOW, "application", application, NULL);

  self->context = g_object_ref (context);
  gtk_window_set_default_size (GTK_WINDOW (self), g_settings_get_int (settings, "window-width"),
                               g_settings_get_int (settings, "window-height"));
  if (g_settings_get_boolean (settings, "window-maximized"))
    gtk_window_maximize (GTK_WINDOW (self));
  zb_window_init_sync (self);

  return self;
}

/* Welcome when there is no database yet; else the keyring, or the
 * passphrase file when one is given, and the passphrase page as the way out. */
void
zb_window_open (ZbWindow   *self,
                const char *path,
                const char *passphrase_file)
{
  g_autoptr(GError) error = NULL;
  OpenJob *job;

  g_free (self->path);
  self->path = g_strdup (path);
  adw_status_page_set_description (self->unlock_page, path);

  if (!g_file_test (path, G_FILE_TEST_EXISTS))
    {
      gtk_stack_set_visible_child_name (self->welcome_steps, "branch");
      zb_window_show_page (self, "welcome");
      gtk_widget_grab_focus (GTK_WIDGET (self->branch_row));
      return;
    }

  job = g_new0 (OpenJob, 1);
  job->mode = passphrase_file ? OPEN_WITH_KEY : OPEN_FROM_KEYRING;
  if (passphrase_file != NULL && (job->key = zb_key_new_from_file (passphrase_file, &error)) == NULL)
    {
      open_job_free (job);
      zb_window_show_error (self->unlock_error, error->message);
      zb_window_show_page (self, "unlock");
      return;
    }

  run_job (self, job);
}

/* The file under the open store was replaced (a restore): opens it again,
 * with the key the old one was opened with. */
void
zb_window_reopen (ZbWindow *self)
{
  OpenJob *job = g_new0 (OpenJob, 1);

  job->mode = self->key ? OPEN_WITH_KEY : OPEN_FROM_KEYRING;
  job->key = self->key ? zb_key_copy (self->key) : NULL;
  run_job (self, job);
}

const char *
zb_window_get_page (ZbWindow *self)
{
  return gtk_stack_get_visible_child_name (self->stack);
}

GtkWidget *
zb_window_get_roster_view (ZbWindow *self)
{
  return GTK_WIDGET (self->roster_view);
}

GtkWidget *
zb_window_get_unlock_error (ZbWindow *self)
{
  return GTK_WIDGET (self->unlock_error);
}

void
zb_window_show_view (ZbWindow   *self,
                     const char *name)
{
  adw_view_stack_set_visible_child_name (self->view_stack, name);
}

GtkWidget *
zb_window_get_meetings_view (ZbWindow *self)
{
  g_return_val_if_fail (ZB_IS_WINDOW (self), NULL);

  return zb_window_ensure_view (self, "meetings", NULL);
}

GtkWidget *
zb_window_get_compliance_view (ZbWindow *self)
{
  g_return_val_if_fail (ZB_IS_WINDOW (self), NULL);

  return zb_window_ensure_view (self, "compliance", NULL);
}

GtkWidget *
zb_window_get_dashboard_view (ZbWindow *self)
{
  g_return_val_if_fail (ZB_IS_WINDOW (self), NULL);

  return zb_window_ensure_view (self, "dashboard", NULL);
}

GtkWidget *
zb_window_get_dues_view (ZbWindow *self)
{
  g_return_val_if_fail (ZB_IS_WINDOW (self), NULL);

  return zb_window_ensure_view (self, "dues", NULL);
}

GtkWidget *
zb_window_get_search_view (ZbWindow *self)
{
  g_return_val_if_fail (ZB_IS_WINDOW (self), NULL);

  return GTK_WIDGET (self->search_view);
}

GtkWidget *
zb_window_get_recruit_view (ZbWindow *self)
{
  g_return_val_if_fail (ZB_IS_WINDOW (self), NULL);

  return zb_window_ensure_view (self, "recruitment", NULL);
}

GtkWidget *
zb_window_get_first_items_view (ZbWindow *self)
{
  g_return_val_if_fail (ZB_IS_WINDOW (self), NULL);

  return zb_window_ensure_view (self, "first-items", NULL);
}

GtkWidget *
zb_window_get_measures_view (ZbWindow *self)
{
  g_return_val_if_fail (ZB_IS_WINDOW (self), NULL);

  return zb_window_ensure_view (self, "measures", NULL);
}

GtkWidget *
zb_window_get_sync_view (ZbWindow *self)
{
  g_return_val_if_fail (ZB_IS_WINDOW (self), NULL);

  return zb_window_ensure_view (self, "sync", NULL);
}

GtkWidget *
zb_window_get_study_view (ZbWindow *self)
{
  g_return_val_if_fail (ZB_IS_WINDOW (self), NULL);

  return zb_window_ensure_view (self, "study", NULL);
}
