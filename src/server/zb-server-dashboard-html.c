#define G_LOG_DOMAIN "zb-server-dashboard"

#include "config.h"

#include <glib/gi18n.h>

#include "zb-money.h"
#include "zb-server-dashboard.h"
#include "zb-server-web.h"

/* The committee's figures drawn for /committee/ (issue 15): a table of the
 * branches over the default period (this year and the last, to the last
 * month ended) and, per branch, its months as inline SVG bars: no script,
 * nothing loaded from elsewhere. Called by zb-server-web.c under its page
 * locale, so the strings are looked up as its own are. */

#undef _
#define _(String) dgettext (GETTEXT_PACKAGE, String)

static const char dashboard_style[] =
  "<style>main{max-width:72rem}table.figures{border-collapse:collapse;width:100%;"
  "font-size:.9rem}table.figures th,table.figures td{border-bottom:1px solid #deddda;"
  "padding:.35rem .5rem;text-align:right;vertical-align:middle}"
  "table.figures th:first-child,table.figures td:first-child{text-align:left;white-space:nowrap}"
  ".short{color:#a51d2d;font-weight:bold}svg{display:block}</style>\n";

static void
append_escaped (GString    *html,
                const char *text)
{
  g_autofree char *escaped = g_markup_escape_text (text ? text : "", -1);

  g_string_append (html, escaped);
}

static gint64
member_int (JsonObject *object,
            const char *name)
{
  return json_object_has_member (object, name) ? json_object_get_int_member (object, name) : 0;
}

static gint64
sum_months (JsonArray  *months,
            const char *name)
{
  gint64 total = 0;

  for (guint i = 0; i < json_array_get_length (months); i++)
    total += member_int (json_array_get_object_element (months, i), name);
  return total;
}

/* Two bars a month, what was due (grey) and what was done (red), each
 * month's figures in its <title> for a screen reader and a hover. */
static void
append_bars (GString    *html,
             JsonArray  *months,
             const char *done_key,
             const char *due_key,
             guint       height,
             gboolean    money)
{
  guint n = json_array_get_length (months), width = 12;
  gint64 top = 1;

  for (guint i = 0; i < n; i++)
    {
      JsonObject *m = json_array_get_object_element (months, i);

      top = MAX (top, MAX (member_int (m, due_key), member_int (m, done_key)));
    }
  g_string_append_printf (html, "<svg role=\"img\" width=\"%u\" height=\"%u\" "
                                "viewBox=\"0 0 %u %u\">", n * width, height, n * width, height);
  for (guint i = 0; i < n; i++)
    {
      JsonObject *m = json_array_get_object_element (months, i);
      gint64 due = member_int (m, due_key), done = member_int (m, done_key);
      guint due_h = (guint) (due * (height - 2) / top);
      guint done_h = (guint) (done * (height - 2) / top);
      g_autofree char *due_text = money ? zb_money_format_yuan (due)
                                        : g_strdup_printf ("%" G_GINT64_FORMAT, due);
      g_autofree char *done_text = money ? zb_money_format_yuan (done)
                                         : g_strdup_printf ("%" G_GINT64_FORMAT, done);
      /* TRANSLATORS: a month, then what was done and what was due in it */
      g_autofree char *title = g_strdup_printf (_("%s: %s of %s"),
                                                json_object_get_string_member (m, "month"),
                                                done_text, due_text);

      g_string_append (html, "<g><title>");
      append_escaped (html, title);
      g_string_append_printf (html, "</title><rect x=\"%u\" y=\"%u\" width=\"5\" height=\"%u\" "
                                    "fill=\"#c0bfbc\"/><rect x=\"%u\" y=\"%u\" width=\"5\" "
                                    "height=\"%u\" fill=\"#c01c28\"/></g>",
                              i * width, height - due_h, due_h, i * width + 5, height - done_h,
                              done_h);
    }
  g_string_append (html, "</svg>");
}

/* The server's UTC time as the officer's local time reads, to the minute. */
static void
append_local_time (GString    *html,
                   const char *iso)
{
  g_autoptr(GDateTime) utc = iso ? g_date_time_new_from_iso8601 (iso, NULL) : NULL;
  g_autoptr(GDateTime) local = utc ? g_date_time_to_local (utc) : NULL;
  g_autofree char *text = local ? g_date_time_format (local, "%Y-%m-%d %H:%M") : NULL;

  append_escaped (html, text ? text : "—");
}

static void
append_cell_ratio (GString *html,
                   gint64   done,
                   gint64   due)
{
  g_string_append_printf (html, "<td%s>%" G_GINT64_FORMAT " / %" G_GINT64_FORMAT "</td>",
                          done < due ? " class=\"short\"" : "", done, due);
}

static void
append_row (GString    *html,
            JsonObject *branch,
            gboolean    link)
{
  JsonArray *months = json_object_get_array_member (branch, "months");
  JsonObject *measures = json_object_get_object_member (branch, "measures");
  JsonObject *recruitment = json_object_get_object_member (branch, "recruitment");
  g_autofree char *id = g_uri_escape_string (json_object_get_string_member (branch, "id"), NULL,
                                             FALSE);
  g_autofree char *paid = zb_money_format_yuan (sum_months (months, "dues_collected_fen"));
  g_autofree char *due = zb_money_format_yuan (sum_months (months, "dues_due_fen"));
  const char *synced = json_object_get_null_member (branch, "last_sync")
                       ? NULL : json_object_get_string_member (branch, "last_sync");

  g_string_append (html, "<tr><td>");
  if (link)
    g_string_append_printf (html, "<a href=\"%sbranch/%s\">", ZB_SERVER_WEB_PREFIX, id);
  append_escaped (html, json_object_get_string_member (branch, "name"));
  g_string_append (html, link ? "</a></td>" : "</td>");
  append_cell_ratio (html, sum_months (months, "meetings_met"),
                     sum_months (months, "meetings_required"));
  g_string_append (html, "<td>");
  append_bars (html, months, "meetings_met", "meetings_required", 28, FALSE);
  g_string_append (html, "</td>");
  append_cell_ratio (html, sum_months (months, "first_items_studied"),
                     sum_months (months, "first_item_meetings"));
  g_string_append_printf (html, "<td%s>%" G_GINT64_FORMAT " (%" G_GINT64_FORMAT ")</td>",
                          member_int (measures, "overdue") > 0 ? " class=\"short\"" : "",
                          member_int (measures, "open"), member_int (measures, "overdue"));
  g_string_append_printf (html, "<td>%s / %s</td><td>%" G_GINT64_FORMAT "</td><td>", paid, due,
                          member_int (recruitment, "people"));
  append_local_time (html, synced);
  g_string_append (html, "</td></tr>\n");
}

static void
append_table_head (GString *html)
{
  const char *heads[] = {
    _("Branch"), _("Meetings held / due"), _("By month"), _("First items studied / due"),
    _("Open measures (overdue)"), _("Dues collected / due (yuan)"), _("In the pipeline"),
    _("Last sync"),
  };

  g_string_append (html, "<table class=\"figures\"><thead><tr>");
  for (guint i = 0; i < G_N_ELEMENTS (heads); i++)
    {
      g_string_append (html, "<th>");
      append_escaped (html, heads[i]);
      g_string_append (html, "</th>");
    }
  g_string_append (html, "</tr></thead><tbody>\n");
}

/* The months of one branch: meetings and dues, bar by bar. */
static void
append_branch_months (GString    *html,
                      JsonObject *branch)
{
  JsonArray *months = json_object_get_array_member (branch, "months");

  g_string_append (html, "<h2>");
  append_escaped (html, _("Meetings by month: held on time (red) against due (grey)"));
  g_string_append (html, "</h2>\n");
  append_bars (html, months, "meetings_met", "meetings_required", 80, FALSE);
  g_string_append (html, "<h2>");
  append_escaped (html, _("Party dues by month: collected (red) against due (grey)"));
  g_string_append (html, "</h2>\n");
  /* An empty frame of bars would read as a chart that failed to load. */
  if (sum_months (months, "dues_due_fen") == 0 && sum_months (months, "dues_collected_fen") == 0)
    {
      g_string_append (html, "<p class=\"note\">");
      append_escaped (html, _("No party dues were due or collected in this period."));
      g_string_append (html, "</p>\n");
    }
  else
    append_bars (html, months, "dues_collected_fen", "dues_due_fen", 80, TRUE);
}

/* The figures of @account's branches, or of @branch_id alone (its
 * drill-down), appended to @html. FALSE with @error when they cannot be
 * had; a branch not the account's is the caller's to refuse first. */
gboolean
zb_server_dashboard_html (ZbServerStore  *store,
                          const char     *account,
                          const char     *branch_id,
                          GString        *html,
                          GError        **error)
{
  ZbServerReplicas *replicas = g_object_get_data (G_OBJECT (store), "zb-replicas");
  g_autofree char *from = NULL, *to = NULL, *heading = NULL;
  g_autoptr(JsonNode) root = NULL;
  JsonArray *branches;

  zb_server_dashboard_default_period (&from, &to);
  root = zb_server_dashboard_figures (store, replicas, account, branch_id, from, to, FALSE,
                                      error);
  if (root == NULL)
    return error == NULL || *error == NULL;
  branches = json_object_get_array_member (json_node_get_object (root), "branches");
  /* TRANSLATORS: the period of the figures, first and last day */
  heading = g_strdup_printf (_("From %s to %s, finalised records only"), from, to);
  g_string_append (html, dashboard_style);
  g_string_append (html, "<p class=\"note\">");
  append_escaped (html, heading);
  g_string_append (html, "</p>\n");
  append_table_head (html);
  for (guint i = 0; i < json_array_get_length (branches); i++)
    append_row (html, json_array_get_object_element (branches, i), branch_id == NULL);
  g_string_append (html, "</tbody></table>\n");
  if (branch_id != NULL && json_array_get_length (branches) == 1)
    append_branch_months (html, json_array_get_object_element (branches, 0));
  return TRUE;
}
