#define G_LOG_DOMAIN "zb-server-dashboard"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>
#include <libsoup/soup.h>

#include "zb-checker.h"
#include "zb-date.h"
#include "zb-server-accounts.h"
#include "zb-server-dashboard.h"
#include "zb-stats.h"
#include "zb-sync-protocol.h"

/* GET /api/v1/dashboard?from=YYYY-MM&to=YYYY-MM[&branch=ID][&detail=1]: for each branch
 * of the signed-in committee account (the zb_session cookie of
 * /committee/), its figures month by month over the period, computed by the
 * core stats and checker on the branch's replica (zb-server-replica.c) over
 * finalised records only (DOMAIN.md section 6), as `zhibu-cli stats` and
 * `check --finalised-only` compute them on the branch's own database; with
 * detail=1 the whole of both outputs goes along under "stats" and
 * "findings" (megabytes for twenty branches: not the page's default). */

#define SESSION_COOKIE "zb_session"

static char *
session_token (const char *cookie)
{
  g_auto(GStrv) pairs = cookie ? g_strsplit_set (cookie, ";,", -1) : NULL;
  gsize length = strlen (SESSION_COOKIE);

  for (guint i = 0; pairs && pairs[i]; i++)
    {
      const char *pair = g_strstrip (pairs[i]);

      if (strncmp (pair, SESSION_COOKIE, length) == 0 && pair[length] == '=' &&
          pair[length + 1] != '\0')
        return g_strdup (pair + length + 1);
    }
  return NULL;
}

/* A month as YYYY-MM into its first or last day, or NULL. */
static char *
month_day (const char *text,
           gboolean    last)
{
  g_autofree char *year_text = NULL;
  guint64 year = 0, month = 0;
  GDate day;

  if (text == NULL || strlen (text) != 7 || text[4] != '-')
    return NULL;
  year_text = g_strndup (text, 4);
  if (!g_ascii_string_to_unsigned (year_text, 10, 1900, 9999, &year, NULL) ||
      !g_ascii_string_to_unsigned (text + 5, 10, 1, 12, &month, NULL))
    return NULL;
  g_date_clear (&day, 1);
  g_date_set_dmy (&day, last ? g_date_get_days_in_month (month, year) : 1, month, year);
  return zb_date_to_iso (&day);
}

typedef struct
{
  const char *from;   /* ISO days */
  const char *to;
  gboolean    detail; /* with the whole of stats and check */
} Period;

static void
add_int (JsonBuilder *b,
         const char  *name,
         gint64       value)
{
  json_builder_set_member_name (b, name);
  json_builder_add_int_value (b, value);
}

/* One month's row of the figures, from the year's stats. */
static void
add_month (JsonBuilder   *b,
           const ZbStats *stats,
           guint          i)
{
  g_autofree char *name = g_strdup_printf ("%04u-%02u", stats->year, i + 1);
  guint held = 0, required = 0, met = 0;

  for (guint t = 0; t < stats->n_meetings; t++)
    {
      held += stats->meetings[t].held[i];
      required += stats->meetings[t].required[i];
      met += stats->meetings[t].met[i];
    }
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "month");
  json_builder_add_string_value (b, name);
  add_int (b, "meetings_held", held);
  add_int (b, "meetings_required", required);
  add_int (b, "meetings_met", met);
  add_int (b, "first_item_meetings", stats->first_item_meetings[i]);
  add_int (b, "first_items_studied", stats->first_items_studied[i]);
  add_int (b, "dues_due_fen", stats->dues_due[i]);
  add_int (b, "dues_collected_fen", stats->dues_paid[i]);
  json_builder_end_object (b);
}

static void
add_findings_count (JsonBuilder *b,
                    GListModel  *findings)
{
  static const char * const severities[] = { "alert", "warning", "info" };

  json_builder_set_member_name (b, "finding_counts");
  json_builder_begin_object (b);
  for (guint s = 0; s < G_N_ELEMENTS (severities); s++)
    {
      guint n = 0;

      for (guint i = 0; i < g_list_model_get_n_items (findings); i++)
        {
          g_autoptr(ZbFinding) f = g_list_model_get_item (findings, i);

          n += g_strcmp0 (zb_finding_get_severity (f), severities[s]) == 0;
        }
      add_int (b, severities[s], n);
    }
  json_builder_end_object (b);
}

/* The period's summary: months, the measures and the pipeline on its last
 * day (the last year's), and the findings' counts. */
static void
add_summary (JsonBuilder *b,
             GPtrArray   *years,
             GListModel  *findings)
{
  const ZbStats *last = g_ptr_array_index (years, years->len - 1);
  guint people = 0;

  json_builder_set_member_name (b, "months");
  json_builder_begin_array (b);
  for (guint y = 0; y < years->len; y++)
    {
      const ZbStats *stats = g_ptr_array_index (years, y);

      for (guint i = stats->from_month - 1; i < stats->to_month; i++)
        add_month (b, stats, i);
    }
  json_builder_end_array (b);

  json_builder_set_member_name (b, "measures");
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "on");
  json_builder_add_string_value (b, last->as_of);
  add_int (b, "open", last->measures_open);
  add_int (b, "overdue", last->measures_overdue);
  json_builder_end_object (b);

  json_builder_set_member_name (b, "recruitment");
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "stages");
  json_builder_begin_array (b);
  for (guint i = 0; i < G_N_ELEMENTS (last->pipeline); i++)
    {
      json_builder_add_int_value (b, last->pipeline[i]);
      people += last->pipeline[i];
    }
  json_builder_end_array (b);
  add_int (b, "people", people);
  json_builder_end_object (b);
  add_findings_count (b, findings);
}

/* On the caught-up replica: what the branch's own database gives under
 * `stats --from --to --finalised-only` and `check --finalised-only`. */
static JsonNode *
compute (ZbStore  *replica,
         gpointer  data,
         GError  **error)
{
  Period *period = data;
  g_autoptr(GPtrArray) years = NULL;
  g_autoptr(GListModel) findings = NULL;
  g_autoptr(JsonBuilder) b = json_builder_new ();

  if ((years = zb_store_stats_period (replica, period->from, period->to,
                                      ZB_STATS_FINALISED_ONLY, error)) == NULL ||
      (findings = zb_store_check_full (replica, period->from, period->to, NULL,
                                       ZB_CHECK_FINALISED_ONLY, error)) == NULL)
    return NULL;

  json_builder_begin_object (b);
  add_summary (b, years, findings);
  json_builder_set_member_name (b, "stats");
  json_builder_add_value (b, zb_stats_period_to_json (years, period->from, period->to));
  json_builder_set_member_name (b, "findings");
  json_builder_add_value (b, zb_findings_to_json (findings));
  json_builder_end_object (b);
  return json_builder_get_root (b);
}

static ZbServerResult *
account_branches (ZbServerStore  *store,
                  const char     *account,
                  const char     *branch_id,
                  GError        **error)
{
  /* The last change is the one with the highest sequence number. */
  const char *sql = "SELECT b.id, b.name, b.seq, "
                    "(SELECT r.changed_at FROM sync_rows r WHERE r.branch_id = b.id "
                    " ORDER BY r.seq DESC LIMIT 1) "
                    "FROM branches b JOIN account_branches ab ON ab.branch = b.id "
                    "WHERE ab.account = ?";
  g_autofree char *full = g_strconcat (sql, branch_id ? " AND b.id = ?" : " ORDER BY b.id",
                                      NULL);
  ZbServerDb *db = zb_server_store_get_db (store);

  if (branch_id != NULL)
    return zb_server_db_query (db, full, ZB_PARAMS (account, branch_id), error);
  return zb_server_db_query (db, full, ZB_PARAMS (account), error);
}

/* Merges the branch's figures into its object. */
static void
add_branch (JsonBuilder    *b,
            ZbServerResult *branches,
            guint           i,
            JsonNode       *figures,
            gboolean        detail)
{
  JsonObject *object = json_node_get_object (figures);
  g_autoptr(GList) members = json_object_get_members (object);

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "id");
  json_builder_add_string_value (b, zb_server_result_get (branches, i, 0));
  json_builder_set_member_name (b, "name");
  json_builder_add_string_value (b, zb_server_result_get (branches, i, 1));
  add_int (b, "sequence", zb_server_result_get_int (branches, i, 2));
  json_builder_set_member_name (b, "last_sync");
  if (zb_server_result_get (branches, i, 3) != NULL)
    json_builder_add_string_value (b, zb_server_result_get (branches, i, 3));
  else
    json_builder_add_null_value (b);
  for (GList *l = members; l != NULL; l = l->next)
    {
      if (!detail && (g_str_equal (l->data, "stats") || g_str_equal (l->data, "findings")))
        continue;
      json_builder_set_member_name (b, l->data);
      json_builder_add_value (b, json_node_copy (json_object_get_member (object, l->data)));
    }
  json_builder_end_object (b);
}

static int
compare_keys (gconstpointer a,
              gconstpointer b,
              gpointer      data)
{
  GPtrArray *keys = data;

  return strcmp (g_ptr_array_index (keys, *(const guint *) a),
                 g_ptr_array_index (keys, *(const guint *) b));
}

/* The branches in the order a person counts them: 第2党支部 before
 * 第10党支部, whatever their IDs. */
static GArray *
natural_order (ZbServerResult *branches)
{
  guint n = zb_server_result_n_rows (branches);
  g_autoptr(GPtrArray) keys = g_ptr_array_new_with_free_func (g_free);
  GArray *order = g_array_sized_new (FALSE, FALSE, sizeof (guint), n);

  for (guint i = 0; i < n; i++)
    {
      g_ptr_array_add (keys, g_utf8_collate_key_for_filename (zb_server_result_get (branches, i,
                                                                                     1), -1));
      g_array_append_val (order, i);
    }
  g_array_sort_with_data (order, compare_keys, keys);
  return order;
}

static JsonNode *
serve_branches (ZbServerStore     *store,
                ZbServerReplicas  *replicas,
                ZbServerResult    *branches,
                Period            *period,
                GError           **error)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_autofree char *key = g_strconcat (period->from, " ", period->to, NULL);
  g_autoptr(GArray) order = natural_order (branches);

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "from");
  json_builder_add_string_value (b, period->from);
  json_builder_set_member_name (b, "to");
  json_builder_add_string_value (b, period->to);
  json_builder_set_member_name (b, "branches");
  json_builder_begin_array (b);
  for (guint k = 0; k < order->len; k++)
    {
      guint i = g_array_index (order, guint, k);
      g_autoptr(JsonNode) figures = NULL;

      figures = zb_server_replicas_read (replicas, store, zb_server_result_get (branches, i, 0),
                                         zb_server_result_get_int (branches, i, 2), key,
                                         compute, period, error);
      if (figures == NULL)
        return NULL;
      add_branch (b, branches, i, figures, period->detail);
    }
  json_builder_end_array (b);
  json_builder_end_object (b);
  return json_builder_get_root (b);
}

/* The page a committee officer opens first: this year and the last, up to
 * the last month ended (January of last year to December in January). */
void
zb_server_dashboard_default_period (char **from,
                                    char **to)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  int year = g_date_time_get_year (now), month = g_date_time_get_month (now) - 1;
  GDate last;

  if (month == 0)
    {
      year--;
      month = 12;
    }
  *from = g_strdup_printf ("%04d-01-01", year - 1);
  g_date_clear (&last, 1);
  g_date_set_dmy (&last, g_date_get_days_in_month (month, year), month, year);
  *to = zb_date_to_iso (&last);
}

/* After the background thread fed a branch: the default page's figures,
 * cached for the first reader. */
void
zb_server_dashboard_warm (ZbServerReplicas *replicas,
                          ZbServerStore    *store,
                          const char       *branch_id)
{
  g_autofree char *from = NULL, *to = NULL, *key = NULL;
  g_autoptr(JsonNode) figures = NULL;
  g_autoptr(GError) error = NULL;
  Period period;

  zb_server_dashboard_default_period (&from, &to);
  key = g_strconcat (from, " ", to, NULL);
  period.from = from;
  period.to = to;
  period.detail = FALSE;
  figures = zb_server_replicas_read (replicas, store, branch_id, -1, key, compute, &period,
                                     &error);
  if (figures == NULL)
    g_message ("Figures of branch %s not made ahead (the next read makes them): %s", branch_id,
               error->message);
}

/* The figures of @account's branches (or of @branch_id alone, which must
 * be the account's: NULL with no error otherwise) from @from to @to (ISO
 * days): the JSON of GET /api/v1/dashboard, and what /committee/ draws. */
JsonNode *
zb_server_dashboard_figures (ZbServerStore     *store,
                             ZbServerReplicas  *replicas,
                             const char        *account,
                             const char        *branch_id,
                             const char        *from,
                             const char        *to,
                             gboolean           detail,
                             GError           **error)
{
  g_autoptr(ZbServerResult) branches = NULL;
  Period period = { from, to, detail };

  if (replicas == NULL)
    {
      g_set_error_literal (error, ZB_SYNC_ERROR, ZB_SYNC_ERROR_UNAVAILABLE,
                           _("This server keeps no replicas: start it with --data DIR"));
      return NULL;
    }
  if ((branches = account_branches (store, account, branch_id, error)) == NULL)
    return NULL;
  if (branch_id != NULL && zb_server_result_n_rows (branches) == 0)
    return NULL;
  return serve_branches (store, replicas, branches, &period, error);
}

/* In a worker: the account's branches' figures; 401 without a session, 403
 * for a branch not the account's (existing or not), 400 for a bad period. */
JsonNode *
zb_server_dashboard_serve (ZbServerStore     *store,
                           ZbServerReplicas  *replicas,
                           const char        *cookie,
                           const char        *query,
                           GError           **error)
{
  g_autofree char *token = session_token (cookie);
  g_autoptr(ZbWebSession) session = NULL;
  g_autoptr(GHashTable) params = query ? soup_form_decode (query) : NULL;
  g_autofree char *from = NULL, *to = NULL;
  g_autoptr(GError) local_error = NULL;
  const char *branch = params ? g_hash_table_lookup (params, "branch") : NULL;
  JsonNode *node;

  session = zb_server_accounts_find_session (store, token, &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }
  if (session == NULL)
    {
      g_set_error_literal (error, ZB_SYNC_ERROR, ZB_SYNC_ERROR_UNAUTHORIZED,
                           _("Sign in at /committee/login first"));
      return NULL;
    }
  from = month_day (params ? g_hash_table_lookup (params, "from") : NULL, FALSE);
  to = month_day (params ? g_hash_table_lookup (params, "to") : NULL, TRUE);
  if (from == NULL || to == NULL || strcmp (from, to) > 0)
    {
      g_set_error_literal (error, ZB_SYNC_ERROR, ZB_SYNC_ERROR_MALFORMED,
                           _("Give the period as from=YYYY-MM&to=YYYY-MM, the first before "
                             "the last"));
      return NULL;
    }
  node = zb_server_dashboard_figures (store, replicas, session->account, branch, from, to,
                                      g_strcmp0 (params ? g_hash_table_lookup (params, "detail")
                                                        : NULL, "1") == 0, &local_error);
  if (node == NULL && local_error == NULL)
    g_set_error_literal (&local_error, ZB_SYNC_ERROR, ZB_SYNC_ERROR_FORBIDDEN,
                         _("This branch is not assigned to your account"));
  if (local_error != NULL)
    g_propagate_error (error, g_steal_pointer (&local_error));
  return node;
}
