#define G_LOG_DOMAIN "zb-server-review-web"

#include "config.h"

#include <libintl.h>
#include <string.h>

#include <glib/gi18n.h>

#include "zb-meeting.h"
#include "zb-pdf-records.h"
#include "zb-server-replica.h"
#include "zb-server-review.h"
#include "zb-server-review-web.h"

/* The committee's review of finalised records (issue 15; README.md beside
 * this file): the branch's page lists its finalised records with their
 * review state and the state of its hash chain; a record's page shows the
 * record as the server holds it, from its finalised row and snapshot, with
 * the form that approves it or sends it back. Only the branches assigned to
 * the account (DOMAIN.md section 6); every form carries the session's CSRF
 * token. */

#define RECORD_SEGMENT "/record/"
#define PDF_SUFFIX     ".pdf"

static const char review_style[] =
  "<style>table{border-collapse:collapse;width:100%}"
  "th,td{text-align:left;padding:.35rem .5rem;border-bottom:1px solid #deddda;"
  "vertical-align:top}"
  "h2{font-size:1.15rem;margin-top:1.75rem}"
  ".ok{color:#26a269}.returned{color:#a51d2d}.pending{color:#9c6e03}"
  ".text{white-space:pre-wrap}"
  "textarea{width:100%;box-sizing:border-box;min-height:6rem;font-size:1rem;padding:.5rem}"
  ".actions button{margin-right:1rem}.actions button.secondary{background:#5e5c64}"
  "</style>\n";

/* /committee/branch/ID/record/MEETING[.pdf]: the branch and the meeting,
 * and whether the PDF is asked for, or FALSE for any other path. */
static gboolean
split_path (const char  *path,
            char       **branch_id,
            char       **meeting_id,
            gboolean    *pdf)
{
  const char *rest, *segment, *id;
  gboolean is_pdf;

  if (!g_str_has_prefix (path, ZB_SERVER_WEB_BRANCH_PATH))
    return FALSE;
  rest = path + strlen (ZB_SERVER_WEB_BRANCH_PATH);
  segment = strstr (rest, RECORD_SEGMENT);
  if (segment == NULL || segment == rest || segment[strlen (RECORD_SEGMENT)] == '\0' ||
      strchr (segment + strlen (RECORD_SEGMENT), '/') != NULL)
    return FALSE;
  id = segment + strlen (RECORD_SEGMENT);
  is_pdf = g_str_has_suffix (id, PDF_SUFFIX) && strlen (id) > strlen (PDF_SUFFIX);

  if (branch_id != NULL)
    *branch_id = g_uri_unescape_segment (rest, segment, NULL);
  if (meeting_id != NULL)
    *meeting_id = g_uri_unescape_segment (id, id + strlen (id) -
                                          (is_pdf ? strlen (PDF_SUFFIX) : 0), NULL);
  if (pdf != NULL)
    *pdf = is_pdf;
  return TRUE;
}

gboolean
zb_server_review_web_handles (const char *path)
{
  return split_path (path, NULL, NULL, NULL);
}

static const char *
text_member (JsonObject *object,
             const char *member)
{
  JsonNode *node = object ? json_object_get_member (object, member) : NULL;

  return node && JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING
         ? json_node_get_string (node) : NULL;
}

static const char *
or_dash (const char *text)
{
  return text && *text ? text : "—";
}

static char *
record_path (const char *branch_id,
             const char *meeting_id)
{
  g_autofree char *branch = g_uri_escape_string (branch_id, NULL, FALSE);
  g_autofree char *meeting = g_uri_escape_string (meeting_id, NULL, FALSE);

  return g_strconcat (ZB_SERVER_WEB_BRANCH_PATH, branch, RECORD_SEGMENT, meeting, NULL);
}

/* A moment the PC or the server wrote (ISO 8601, UTC) in the server's
 * time zone, as the other times of the pages. */
static char *
local_time (const char *iso)
{
  g_autoptr(GDateTime) utc = iso ? g_date_time_new_from_iso8601 (iso, NULL) : NULL;
  g_autoptr(GDateTime) local = utc ? g_date_time_to_local (utc) : NULL;

  return local ? g_date_time_format (local, "%Y-%m-%d %H:%M") : g_strdup (iso);
}

static const char *
type_label (const char *code)
{
  const ZbMeetingType *type = zb_meeting_type_lookup (code);

  return type ? _(type->label) : or_dash (code);
}

/* The review state, as a short label with its class. */
static void
append_state (GString    *html,
              const char *decision)
{
  if (g_strcmp0 (decision, "approved") == 0)
    g_string_append (html, "<span class=\"ok\">");
  else if (g_strcmp0 (decision, "returned") == 0)
    g_string_append (html, "<span class=\"returned\">");
  else
    g_string_append (html, "<span class=\"pending\">");

  if (g_strcmp0 (decision, "approved") == 0)
    append_text (html, _("Review approved"));
  else if (g_strcmp0 (decision, "returned") == 0)
    append_text (html, _("Sent back"));
  else
    append_text (html, _("Awaiting review"));
  g_string_append (html, "</span>");
}

/* The chain's state: every record the branch's PCs finalised and the
 * server accepted verified on arrival (PROTOCOL.md 8); a refused one is a
 * break, shown with its record and reason. */
static gboolean
append_chain (GString        *html,
              ZbServerStore  *store,
              const char     *branch_id,
              guint           n_records,
              GError        **error)
{
  g_autoptr(ZbServerResult) breaks = zb_server_review_breaks (store, branch_id, error);
  guint n;

  if (breaks == NULL)
    return FALSE;
  n = zb_server_result_n_rows (breaks);
  g_string_append (html, "<h2>");
  append_text (html, _("Hash chain"));
  g_string_append (html, "</h2>\n");
  if (n == 0)
    {
      g_autofree char *line = g_strdup_printf (_("Intact: every finalised record verified "
                                                 "when it arrived (%u in all)."), n_records);

      append_paragraph (html, "ok", line);
      return TRUE;
    }

  {
    g_autofree char *line = g_strdup_printf (_("Broken: finalised records that did not "
                                               "verify were refused (%u). Ask the branch what "
                                               "happened to them."), n);

    append_paragraph (html, "error", line);
  }
  g_string_append (html, "<ul>\n");
  for (guint i = 0; i < n; i++)
    {
      g_autofree char *when = local_time_from_seconds (zb_server_result_get_int (breaks, i, 3));

      g_string_append (html, "<li>");
      append_text (html, when);
      g_string_append (html, " · ");
      append_text (html, zb_server_result_get (breaks, i, 2));
      g_string_append (html, "</li>\n");
    }
  g_string_append (html, "</ul>\n");
  return TRUE;
}

/* The branch's finalised records with their review state, and its chain:
 * a section of the branch's page. */
gboolean
zb_server_review_web_branch (GString        *html,
                             ZbServerStore  *store,
                             const char     *branch_id,
                             GError        **error)
{
  g_autoptr(ZbServerResult) records = zb_server_review_list (store, branch_id, NULL, error);
  guint n;

  if (records == NULL)
    return FALSE;
  n = zb_server_result_n_rows (records);
  g_string_append (html, review_style);
  g_string_append (html, "<h2>");
  append_text (html, _("Finalised records"));
  g_string_append (html, "</h2>\n");
  if (n == 0)
    append_paragraph (html, "note", _("The branch has not finalised a record yet."));
  else
    {
      g_string_append (html, "<table><thead><tr><th>");
      append_text (html, _("Date"));
      g_string_append (html, "</th><th>");
      append_text (html, _("Type"));
      g_string_append (html, "</th><th>");
      append_text (html, _("Meeting"));
      g_string_append (html, "</th><th>");
      append_text (html, _("Review"));
      g_string_append (html, "</th></tr></thead><tbody>\n");
    }
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(JsonNode) node = json_from_string (zb_server_result_get (records, i, 1), NULL);
      JsonObject *meeting = node && JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node)
                                                                  : NULL;
      g_autofree char *link = record_path (branch_id, zb_server_result_get (records, i, 0));

      g_string_append (html, "<tr><td>");
      append_text (html, or_dash (text_member (meeting, "date")));
      g_string_append (html, "</td><td>");
      append_text (html, type_label (text_member (meeting, "type")));
      g_string_append_printf (html, "</td><td><a href=\"%s\">", link);
      append_text (html, or_dash (text_member (meeting, "title")));
      g_string_append (html, "</a></td><td>");
      append_state (html, zb_server_result_get (records, i, 2));
      g_string_append (html, "</td></tr>\n");
    }
  if (n > 0)
    g_string_append (html, "</tbody></table>\n");

  return append_chain (html, store, branch_id, n, error);
}

static void
append_fact (GString    *html,
             const char *label,
             const char *value)
{
  g_string_append (html, "<tr><th>");
  append_text (html, label);
  g_string_append (html, "</th><td>");
  append_text (html, or_dash (value));
  g_string_append (html, "</td></tr>\n");
}

static void
append_heading (GString    *html,
                const char *text)
{
  g_string_append (html, "<h2>");
  append_text (html, text);
  g_string_append (html, "</h2>\n");
}

/* Present against expected, as the snapshot counted them on the day. */
static char *
attendance_line (JsonObject *snapshot)
{
  JsonArray *attendees = snapshot && json_object_has_member (snapshot, "attendees")
                         ? json_object_get_array_member (snapshot, "attendees") : NULL;
  guint present = 0, expected = attendees ? json_array_get_length (attendees) : 0;

  if (attendees == NULL)
    return NULL;
  for (guint i = 0; i < expected; i++)
    {
      JsonObject *person = json_array_get_object_element (attendees, i);

      present += g_strcmp0 (text_member (person, "state"), "present") == 0;
    }
  return g_strdup_printf (_("%u present of %u expected"), present, expected);
}

static const char *
person_name (JsonObject *snapshot,
             const char *member)
{
  JsonNode *node = snapshot ? json_object_get_member (snapshot, member) : NULL;

  return node && JSON_NODE_HOLDS_OBJECT (node) ? text_member (json_node_get_object (node), "name")
                                               : NULL;
}

static gint
by_position (gconstpointer a,
             gconstpointer b)
{
  JsonObject *x = *(JsonObject **) a, *y = *(JsonObject **) b;
  gint64 px = json_object_get_int_member_with_default (x, "position", 0);
  gint64 py = json_object_get_int_member_with_default (y, "position", 0);

  return px < py ? -1 : px > py;
}

/* The first item and the agenda with its resolutions. */
static gboolean
append_agenda (GString        *html,
               ZbServerStore  *store,
               const char     *branch_id,
               const char     *meeting_id,
               GError        **error)
{
  g_autoptr(ZbServerResult) rows = zb_server_review_rows (store, branch_id, meeting_id, error);
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func ((GDestroyNotify) json_object_unref);
  g_autoptr(JsonObject) first = NULL;

  if (rows == NULL)
    return FALSE;
  for (guint i = 0; i < zb_server_result_n_rows (rows); i++)
    {
      g_autoptr(JsonNode) node = json_from_string (zb_server_result_get (rows, i, 1), NULL);

      if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
        continue;
      if (g_str_equal (zb_server_result_get (rows, i, 0), "first_items"))
        first = json_object_ref (json_node_get_object (node));
      else
        g_ptr_array_add (items, json_object_ref (json_node_get_object (node)));
    }
  g_ptr_array_sort (items, by_position);

  append_heading (html, _("First item"));
  append_paragraph (html, first ? NULL : "note",
                    first ? or_dash (text_member (first, "topic"))
                          : _("The record has no first item."));
  append_heading (html, _("Agenda and resolutions"));
  if (items->len == 0)
    append_paragraph (html, "note", _("The record has no agenda item."));
  g_string_append (html, "<ol>\n");
  for (guint i = 0; i < items->len; i++)
    {
      JsonObject *item = g_ptr_array_index (items, i);

      g_string_append (html, "<li><strong>");
      append_text (html, or_dash (text_member (item, "title")));
      g_string_append (html, "</strong>");
      if (text_member (item, "resolution") != NULL)
        {
          g_string_append (html, "<p class=\"text\">");
          append_text (html, _("Resolution: "));
          append_text (html, text_member (item, "resolution"));
          g_string_append (html, "</p>");
        }
      g_string_append (html, "</li>\n");
    }
  g_string_append (html, "</ol>\n");
  return TRUE;
}

/* The latest decision, and the form for a new one. */
static void
append_review (GString       *html,
               ZbWebSession  *session,
               const char    *action,
               const char    *decision,
               const char    *comment,
               const char    *account,
               gint64         decided_at,
               const char    *problem,
               const char    *typed)
{
  append_heading (html, _("Review"));
  g_string_append (html, "<p>");
  append_state (html, decision);
  if (decision != NULL)
    {
      g_autofree char *when = local_time_from_seconds (decided_at);
      g_autofree char *line = g_strdup_printf (_("by %s, %s"), account, when);

      g_string_append (html, " <span class=\"note\">");
      append_text (html, line);
      g_string_append (html, "</span>");
    }
  g_string_append (html, "</p>\n");
  if (comment != NULL)
    {
      g_string_append (html, "<p class=\"text\">");
      append_text (html, comment);
      g_string_append (html, "</p>\n");
    }

  if (problem != NULL)
    append_paragraph (html, "error", problem);
  g_string_append_printf (html, "<form method=\"post\" action=\"%s\">", action);
  append_hidden_csrf (html, session->csrf_token);
  g_string_append (html, "<label for=\"comment\">");
  append_text (html, _("Comment (required to send the record back)"));
  g_string_append_printf (html, "</label><textarea id=\"comment\" name=\"comment\" "
                                "maxlength=\"%u\">", ZB_REVIEW_COMMENT_MAX);
  if (typed != NULL)
    append_text (html, typed);
  g_string_append (html, "</textarea><p class=\"actions\">"
                         "<button type=\"submit\" name=\"decision\" value=\"approved\">");
  append_text (html, _("Approve"));
  g_string_append (html, "</button><button type=\"submit\" name=\"decision\" value=\"returned\" "
                         "class=\"secondary\">");
  append_text (html, _("Send back"));
  g_string_append (html, "</button></p></form>\n");
}

/* A draft, another branch's record or an unknown ID: the same answer. */
static void
no_such_record (Page *page)
{
  message_page (page, SOUP_STATUS_NOT_FOUND, _("No such record"),
                _("The branch has no finalised record of that ID."), ZB_SERVER_WEB_PREFIX,
                _("Back to your branches"));
}

static gboolean
record_page (Page           *page,
             ZbServerStore  *store,
             ZbWebSession   *session,
             const char     *branch_id,
             const char     *meeting_id,
             guint           status,
             const char     *problem,
             const char     *typed,
             GError        **error)
{
  g_autoptr(ZbServerResult) found = zb_server_review_list (store, branch_id, meeting_id, error);
  g_autoptr(JsonNode) node = NULL, snapshot_node = NULL;
  g_autofree char *action = record_path (branch_id, meeting_id);
  g_autofree char *branch_link = g_uri_escape_string (branch_id, NULL, FALSE);
  g_autofree char *attendance = NULL, *finalised = NULL;
  JsonObject *meeting, *snapshot = NULL;

  if (found == NULL)
    return FALSE;
  if (zb_server_result_n_rows (found) == 0)
    {
      no_such_record (page);
      return TRUE;
    }

  node = json_from_string (zb_server_result_get (found, 0, 1), NULL);
  meeting = node && JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
  if (text_member (meeting, "snapshot") != NULL)
    snapshot_node = json_from_string (text_member (meeting, "snapshot"), NULL);
  if (snapshot_node != NULL && JSON_NODE_HOLDS_OBJECT (snapshot_node))
    snapshot = json_node_get_object (snapshot_node);
  attendance = attendance_line (snapshot);
  finalised = local_time (text_member (meeting, "finalized_at"));

  page_open (page, status, or_dash (text_member (meeting, "title")));
  append_account_bar (page->body, session);
  g_string_append (page->body, review_style);
  g_string_append (page->body, "<table>\n");
  append_fact (page->body, _("Branch"), text_member (snapshot, "branch"));
  append_fact (page->body, _("Date"), text_member (meeting, "date"));
  append_fact (page->body, _("Type"), type_label (text_member (meeting, "type")));
  append_fact (page->body, _("Place"), text_member (meeting, "place"));
  append_fact (page->body, _("Chair"), person_name (snapshot, "chair"));
  append_fact (page->body, _("Recorder"), person_name (snapshot, "recorder"));
  append_fact (page->body, _("Attendance"), attendance);
  append_fact (page->body, _("Finalised at"), finalised);
  g_string_append (page->body, "</table>\n");
  g_string_append_printf (page->body, "<p><a href=\"%s%s\">", action, PDF_SUFFIX);
  append_text (page->body, _("The record as printed (PDF)"));
  g_string_append (page->body, "</a></p>\n");

  if (!append_agenda (page->body, store, branch_id, meeting_id, error))
    return FALSE;
  append_review (page->body, session, action, zb_server_result_get (found, 0, 2),
                 zb_server_result_get (found, 0, 3), zb_server_result_get (found, 0, 4),
                 zb_server_result_get_int (found, 0, 5), problem, typed);
  g_string_append_printf (page->body, "<p><a href=\"%s%s\">", ZB_SERVER_WEB_BRANCH_PATH,
                          branch_link);
  append_text (page->body, _("Back to the branch"));
  g_string_append (page->body, "</a></p>\n");
  page_close (page);
  return TRUE;
}

typedef struct
{
  const char    *meeting_id;
  ZbPdfDocument *document;
} PdfRequest;

static gboolean
build_pdf_cb (ZbStore   *replica,
              gpointer   data,
              GError   **error)
{
  PdfRequest *request = data;

  request->document = zb_pdf_meeting_record (replica, request->meeting_id, error);
  return request->document != NULL;
}

/* One PDF drawn at a time: each takes a few hundred milliseconds and tens of
 * megabytes of fonts, and the workers answer everything else meanwhile. */
static GMutex pdf_lock;

/* The record as the app prints it (zb_pdf_meeting_record() on the replica,
 * the PC's own schema): the finalised row and its snapshot, with the
 * server's fonts in the standard's order. Only a record of the branch's
 * finalised chain, as on its page. */
static gboolean
record_pdf (Page           *page,
            ZbServerStore  *store,
            const char     *branch_id,
            const char     *meeting_id,
            GError        **error)
{
  g_autoptr(ZbServerResult) found = zb_server_review_list (store, branch_id, meeting_id, error);
  ZbServerReplicas *replicas = g_object_get_data (G_OBJECT (store), "zb-replicas");
  PdfRequest request = { meeting_id, NULL };
  g_autoptr(ZbPdfDocument) document = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(JsonNode) node = NULL;
  g_autofree char *name = NULL;
  const char *title;

  if (found == NULL)
    return FALSE;
  if (zb_server_result_n_rows (found) == 0 || replicas == NULL)
    {
      no_such_record (page);
      return TRUE;
    }
  if (!zb_server_replicas_use (replicas, store, branch_id, build_pdf_cb, &request, error))
    return FALSE;
  document = request.document;

  g_mutex_lock (&pdf_lock);
  bytes = zb_pdf_render (document, error);
  g_mutex_unlock (&pdf_lock);
  if (bytes == NULL)
    return FALSE;

  node = json_from_string (zb_server_result_get (found, 0, 1), NULL);
  title = text_member (node && JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL,
                       "title");
  /* As the app's "Save as PDF…" names it (zb-pdf-preview.c). */
  name = g_strconcat (title && *title ? title : "Zhibu", PDF_SUFFIX, NULL);
  g_strdelimit (name, "/\\:*?\"<>|", '-');
  page_set_file (page, "application/pdf", bytes, name);
  return TRUE;
}

/* A decision from the form: its session's token, or nothing changes. */
static gboolean
post_decision (Page                *page,
               ZbServerStore       *store,
               GHashTable          *form,
               ZbWebSession        *session,
               const char          *branch_id,
               const char          *meeting_id,
               GError             **error)
{
  const char *csrf = g_hash_table_lookup (form, "csrf");
  const char *comment = g_hash_table_lookup (form, "comment");
  g_autoptr(GError) local_error = NULL;

  if (csrf == NULL || !zb_server_secret_equal (csrf, session->csrf_token))
    {
      forbidden_form (page);
      return TRUE;
    }
  if (zb_server_review_decide (store, branch_id, meeting_id, g_hash_table_lookup (form, "decision"),
                               comment, session->account, &local_error))
    {
      g_autofree char *location = record_path (branch_id, meeting_id);

      page_redirect (page, location);
      return TRUE;
    }
  if (g_error_matches (local_error, ZB_SERVER_REVIEW_ERROR, ZB_SERVER_REVIEW_ERROR_INVALID))
    return record_page (page, store, session, branch_id, meeting_id, SOUP_STATUS_BAD_REQUEST,
                        local_error->message, comment, error);
  if (g_error_matches (local_error, ZB_SERVER_REVIEW_ERROR, ZB_SERVER_REVIEW_ERROR_NOT_FOUND))
    return record_page (page, store, session, branch_id, meeting_id, SOUP_STATUS_NOT_FOUND,
                        NULL, NULL, error);
  g_propagate_error (error, g_steal_pointer (&local_error));
  return FALSE;
}

/* GET or POST /committee/branch/ID/record/MEETING. Without a session a
 * GET goes to the sign-in form and a POST is refused as one without its
 * token; a branch not the account's is 403, existing or not. */
gboolean
zb_server_review_web_serve (Page                *page,
                            ZbServerStore       *store,
                            const char          *path,
                            gboolean             post,
                            GHashTable          *form,
                            ZbWebSession        *session,
                            GError             **error)
{
  g_autofree char *branch_id = NULL, *meeting_id = NULL;
  g_autoptr(ZbServerResult) branch = NULL;
  gboolean pdf;

  if (!split_path (path, &branch_id, &meeting_id, &pdf))
    g_return_val_if_reached (FALSE);
  if (session == NULL)
    {
      if (post)
        forbidden_form (page);
      else
        page_redirect (page, ZB_SERVER_WEB_PREFIX "login");
      return TRUE;
    }

  if (branch_id == NULL || meeting_id == NULL)
    {
      message_page (page, SOUP_STATUS_NOT_FOUND, _("No such page"),
                    _("There is no such page on this server."), ZB_SERVER_WEB_PREFIX,
                    _("Back to your branches"));
      return TRUE;
    }
  branch = zb_server_accounts_branches (store, session->account, branch_id, error);
  if (branch == NULL)
    return FALSE;
  if (zb_server_result_n_rows (branch) == 0)
    {
      message_page (page, SOUP_STATUS_FORBIDDEN, _("Not your branch"),
                    _("This account may not see that branch."), ZB_SERVER_WEB_PREFIX,
                    _("Back to your branches"));
      return TRUE;
    }

  if (post && !pdf)
    return post_decision (page, store, form, session, branch_id, meeting_id, error);
  if (post)
    {
      forbidden_form (page);
      return TRUE;
    }
  if (pdf)
    return record_pdf (page, store, branch_id, meeting_id, error);
  return record_page (page, store, session, branch_id, meeting_id, SOUP_STATUS_OK, NULL, NULL,
                      error);
}
