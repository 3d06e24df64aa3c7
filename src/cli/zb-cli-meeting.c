#define G_LOG_DOMAIN "zb-cli-meeting"

#include "config.h"

#include <stdio.h>

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>

#include "zb-cli.h"
#include "zb-csv.h"
#include "zb-limits.h"
#include "zb-list-table.h"
#include "zb-meeting-record.h"

static gboolean
meeting_add (ZbCli   *cli,
             int      argc,
             char   **argv,
             GError **error)
{
  g_autofree char *type = NULL, *date = NULL, *title = NULL, *place = NULL, *chair = NULL;
  g_autofree char *recorder = NULL, *group = NULL, *start = NULL, *end = NULL;
  g_autofree char *template_name = NULL;
  g_autoptr(ZbFirstItemTemplate) template = NULL;
  g_autoptr(ZbFirstItem) first = NULL;
  g_autoptr(GOptionContext) context = g_option_context_new (NULL);
  g_autoptr(ZbMeeting) meeting = zb_meeting_new ();
  g_autoptr(ZbStore) store = NULL;
  g_autofree char *id = NULL;
  const GOptionEntry entries[] = {
    { "type", 0, 0, G_OPTION_ARG_STRING, &type,
      N_("general, committee, group, lecture, theme-day, life-meeting or appraisal"),
      N_("TYPE") },
    { "date", 0, 0, G_OPTION_ARG_STRING, &date, N_("Date of the meeting"),
      N_("YEAR-MONTH-DAY") },
    { "title", 0, 0, G_OPTION_ARG_STRING, &title, N_("Title of the meeting"), N_("TEXT") },
    { "start", 0, 0, G_OPTION_ARG_STRING, &start, N_("Start time"), "HH:MM" },
    { "end", 0, 0, G_OPTION_ARG_STRING, &end, N_("End time"), "HH:MM" },
    { "place", 0, 0, G_OPTION_ARG_STRING, &place, N_("Place"), N_("TEXT") },
    { "chair", 0, 0, G_OPTION_ARG_STRING, &chair, N_("The chair (主持人)"), N_("MEMBER-ID") },
    { "recorder", 0, 0, G_OPTION_ARG_STRING, &recorder, N_("The recorder (记录人)"),
      N_("MEMBER-ID") },
    { "group", 0, 0, G_OPTION_ARG_STRING, &group, N_("The party group, for a group meeting"),
      N_("NAME") },
    { "first-item-template", 0, 0, G_OPTION_ARG_STRING, &template_name,
      N_("Open with a draft of the first agenda item from this template"), N_("NAME") },
    { NULL }
  };

  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!zb_cli_parse (context, &argc, &argv, error))
    return FALSE;
  if (argc != 1 || type == NULL || date == NULL || title == NULL)
    return zb_cli_usage (error, _("usage: zhibu-cli meeting add --type TYPE --date DATE "
                                  "--title TITLE …"));
  if (!zb_cli_normalise_date (&date, _("Date of the meeting"), error))
    return FALSE;

  zb_meeting_set_type_code (meeting, type);
  zb_meeting_set_date (meeting, date);
  zb_meeting_set_title (meeting, title);
  zb_meeting_set_start_time (meeting, start);
  zb_meeting_set_end_time (meeting, end);
  zb_meeting_set_place (meeting, place);
  zb_meeting_set_chair_id (meeting, chair);
  zb_meeting_set_recorder_id (meeting, recorder);
  zb_meeting_set_party_group (meeting, group);

  if ((store = zb_cli_open_store (cli, error)) == NULL)
    return FALSE;
  if (template_name != NULL)
    {
      if ((template = zb_store_find_first_item_template (store, template_name, error)) == NULL)
        return FALSE;
      first = zb_first_item_new ();
      zb_first_item_template_apply (template, first);
    }
  if ((id = zb_store_add_meeting_with_first_item (store, meeting, first, error)) == NULL)
    return FALSE;

  printf ("%s\n", id);
  return TRUE;
}

static const char *
type_label (ZbMeeting *meeting)
{
  const ZbMeetingType *type = zb_meeting_type_lookup (zb_meeting_get_type_code (meeting));

  return type ? _(type->label) : zb_meeting_get_type_code (meeting);
}


static void
add_string_or_null (JsonBuilder *b,
                    const char  *key,
                    const char  *value)
{
  json_builder_set_member_name (b, key);
  if (value != NULL)
    json_builder_add_string_value (b, value);
  else
    json_builder_add_null_value (b);
}

static JsonNode *
meeting_to_json (ZbMeeting *m)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();
  const char *keys[] = { "id", "type", "date", "start_time", "end_time", "title", "place",
                         "party_group", "chair_id", "recorder_id" };
  const char *values[] = {
    zb_meeting_get_id (m), zb_meeting_get_type_code (m), zb_meeting_get_date (m),
    zb_meeting_get_start_time (m), zb_meeting_get_end_time (m), zb_meeting_get_title (m),
    zb_meeting_get_place (m), zb_meeting_get_party_group (m), zb_meeting_get_chair_id (m),
    zb_meeting_get_recorder_id (m),
  };

  json_builder_begin_object (b);
  for (guint i = 0; i < G_N_ELEMENTS (keys); i++)
    add_string_or_null (b, keys[i], values[i]);
  json_builder_end_object (b);
  return json_builder_get_root (b);
}

static void
print_json (JsonNode *node)
{
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autofree char *text = NULL;

  json_generator_set_root (generator, node);
  json_generator_set_pretty (generator, TRUE);
  text = json_generator_to_data (generator, NULL);
  printf ("%s\n", text);
}

static void
print_meetings_json (GListModel *meetings)
{
  g_autoptr(JsonNode) root = json_node_new (JSON_NODE_ARRAY);
  JsonArray *array = json_array_new ();

  for (guint i = 0; i < g_list_model_get_n_items (meetings); i++)
    {
      g_autoptr(ZbMeeting) m = g_list_model_get_item (meetings, i);
      json_array_add_element (array, meeting_to_json (m));
    }
  json_node_take_array (root, array);
  print_json (root);
}

static void
print_meetings_table (GListModel *meetings)
{
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);
  char **header = g_new0 (char *, 5);

  header[0] = g_strdup ("ID");
  header[1] = g_strdup (_("Date"));
  header[2] = g_strdup (_("Type"));
  header[3] = g_strdup (C_("meeting", "Title"));
  g_ptr_array_add (rows, header);
  for (guint i = 0; i < g_list_model_get_n_items (meetings); i++)
    {
      g_autoptr(ZbMeeting) m = g_list_model_get_item (meetings, i);
      char **row = g_new0 (char *, 5);

      row[0] = g_strdup (zb_meeting_get_id (m));
      row[1] = g_strdup (zb_meeting_get_date (m));
      row[2] = g_strdup (type_label (m));
      row[3] = g_strdup (zb_meeting_get_title (m));
      g_ptr_array_add (rows, row);
    }
  zb_cli_print_table (rows);
}

static JsonNode *review_to_json (ZbReview *review);
static char     *local_time     (const char *iso);

/* zhibu-cli meeting list --sent-back: the records the committee sent back
 * that no addendum has answered yet (zb-store-reviews.c says when one has). */
static gboolean
list_sent_back (ZbCli       *cli,
                const char  *format,
                GError     **error)
{
  g_autoptr(ZbStore) store = NULL;
  g_autoptr(GPtrArray) reviews = NULL;
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);

  if (format != NULL && !g_str_equal (format, "table") && !g_str_equal (format, "json"))
    return zb_cli_usage (error, _("unknown format “%s”: use table or json"), format);
  if ((store = zb_cli_open_store (cli, error)) == NULL ||
      (reviews = zb_store_list_sent_back (store, error)) == NULL)
    return FALSE;

  if (g_strcmp0 (format, "json") == 0)
    {
      g_autoptr(JsonNode) root = json_node_new (JSON_NODE_ARRAY);
      JsonArray *array = json_array_new ();

      for (guint i = 0; i < reviews->len; i++)
        json_array_add_element (array, review_to_json (g_ptr_array_index (reviews, i)));
      json_node_take_array (root, array);
      print_json (root);
      return TRUE;
    }

  g_ptr_array_add (rows, g_strdupv ((char *[]) { "ID", _("Date"), (char *) C_("meeting", "Title"),
                                                 _("Sent back"), _("By"), _("Comment"), NULL }));
  for (guint i = 0; i < reviews->len; i++)
    {
      ZbReview *r = g_ptr_array_index (reviews, i);
      char **row = g_new0 (char *, 7);

      row[0] = g_strdup (r->meeting_id);
      row[1] = g_strdup (r->meeting_date);
      row[2] = g_strdup (r->meeting_title);
      row[3] = local_time (r->decided_at);
      row[4] = g_strdup (r->reviewer);
      row[5] = zb_limits_printable (r->comment ? r->comment : "");
      g_ptr_array_add (rows, row);
    }
  zb_cli_print_table (rows);
  return TRUE;
}

static gboolean
meeting_list (ZbCli   *cli,
              int      argc,
              char   **argv,
              GError **error)
{
  g_autofree char *format = NULL, *from = NULL, *to = NULL, *output = NULL;
  g_autoptr(GOptionContext) context = g_option_context_new (NULL);
  g_autoptr(ZbStore) store = NULL;
  g_autoptr(GListModel) meetings = NULL;
  gboolean sent_back = FALSE;
  const char *usage = _("usage: zhibu-cli meeting list [--sent-back] [--format table|csv|json] "
                        "[-o FILE.xlsx|FILE.csv]");
  const GOptionEntry entries[] = {
    { "format", 0, 0, G_OPTION_ARG_STRING, &format, N_("table, csv or json; csv or xlsx with -o"),
      N_("FORMAT") },
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output,
      N_("Write the list to FILE as a workbook (.xlsx) or CSV (.csv)"), N_("FILE") },

    { "from", 0, 0, G_OPTION_ARG_STRING, &from, N_("First date"), N_("YEAR-MONTH-DAY") },
    { "to", 0, 0, G_OPTION_ARG_STRING, &to, N_("Last date"), N_("YEAR-MONTH-DAY") },
    { "sent-back", 0, 0, G_OPTION_ARG_NONE, &sent_back,
      N_("Only the records the committee sent back that no addendum has answered yet"), NULL },
    { NULL }
  };

  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!zb_cli_parse (context, &argc, &argv, error))
    return FALSE;
  if (argc != 1)
    return zb_cli_usage (error, "%s", usage);
  if (sent_back)
    return list_sent_back (cli, format, error);
  if (!zb_cli_check_output (&format, output, usage, error))
    return FALSE;

  if (!zb_cli_normalise_date (&from, _("First date"), error) ||
      !zb_cli_normalise_date (&to, _("Last date"), error) ||
      (store = zb_cli_open_store (cli, error)) == NULL ||
      (meetings = zb_store_list_meetings (store, from, to, error)) == NULL)
    return FALSE;

  if (output != NULL || g_strcmp0 (format, "csv") == 0)
    {
      g_autoptr(ZbTable) table = zb_meetings_table (meetings);

      return zb_cli_output_table (table, format, output, error);
    }
  else if (g_strcmp0 (format, "json") == 0)
    print_meetings_json (meetings);
  else
    print_meetings_table (meetings);
  return TRUE;
}

static const char *
member_text (JsonObject *object,
             const char *key)
{
  JsonNode *node = json_object_get_member (object, key);

  return node != NULL && JSON_NODE_HOLDS_VALUE (node) ? json_node_get_string (node) : NULL;
}

/* "  Label: value", for a value that is there. */
static void
print_line (const char *indent,
            const char *label,
            const char *value)
{
  if (value != NULL && *value != '\0')
    /* TRANSLATORS: a label and its value in `meeting show` */
    printf (_("%s%s: %s\n"), indent, label, value);
}

static void
print_attendance (JsonObject *record)
{
  JsonArray *attendees = json_object_get_array_member (record, "attendees");
  JsonArray *guests = json_object_get_array_member (record, "guests");
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);
  g_autoptr(GString) names = g_string_new (NULL);

  for (guint i = 0; i < json_array_get_length (guests); i++)
    {
      JsonObject *g = json_array_get_object_element (guests, i);
      const char *affiliation = member_text (g, "affiliation");

      g_string_append_printf (names, "%s%s", i > 0 ? "、" : "", member_text (g, "name"));
      if (affiliation != NULL)
        g_string_append_printf (names, "（%s）", affiliation);
    }
  if (names->len > 0)
    /* TRANSLATORS: 列席, the non-member attendees of a meeting */
    printf (_("Attending without a vote: %s\n"), names->str);

  for (guint i = 0; i < json_array_get_length (attendees); i++)
    {
      JsonObject *a = json_array_get_object_element (attendees, i);
      char **row = g_new0 (char *, 4);

      row[0] = g_strdup_printf ("  %s", member_text (a, "name"));
      row[1] = g_strdup (zb_attendance_label (member_text (a, "state")));
      row[2] = g_strdup (member_text (a, "reason") ?: "");
      g_ptr_array_add (rows, row);
    }
  if (rows->len > 0)
    printf ("%s\n", _("Attendance"));
  zb_cli_print_table (rows);
}

static void
print_votes (JsonObject *item)
{
  JsonObject *votes = json_object_get_object_member (item, "votes");
  JsonArray *ballots = json_object_get_array_member (votes, "ballots");
  const char *result = member_text (item, "vote_result");

  if (json_array_get_length (ballots) == 0 && result == NULL)
    return;

  /* TRANSLATORS: the counts of a vote, then its result */
  printf (_("  Vote: %d for, %d against, %d abstaining; %s\n"),
          (int) json_object_get_int_member (votes, "yes"),
          (int) json_object_get_int_member (votes, "no"),
          (int) json_object_get_int_member (votes, "abstain"),
          g_strcmp0 (result, "passed") == 0 ? _("passed")
          : result != NULL ? _("not passed") : _("no result recorded"));
  for (guint i = 0; i < json_array_get_length (ballots); i++)
    {
      JsonObject *ballot = json_array_get_object_element (ballots, i);
      const char *choice = member_text (ballot, "choice");

      printf ("    %s  %s%s\n", member_text (ballot, "name"),
              g_str_equal (choice, "yes") ? _("for")
              : g_str_equal (choice, "no") ? _("against") : _("abstaining"),
              json_object_get_int_member (ballot, "written") ? _(" (in writing)") : "");
    }
}

static void
print_agenda (JsonArray *items)
{
  for (guint i = 0; i < json_array_get_length (items); i++)
    {
      JsonObject *item = json_array_get_object_element (items, i);

      /* TRANSLATORS: an agenda item's number and title */
      printf (_("Item %d: %s\n"), (int) json_object_get_int_member (item, "position"),
              member_text (item, "title"));
      print_line ("  ", _("Minutes"), member_text (item, "minutes"));
      print_line ("  ", _("Resolution"), member_text (item, "resolution"));
      print_votes (item);
    }
}

static void
print_first_item (JsonObject *record)
{
  static const struct { const char *key; const char *label; } fields[] = {
    { "topic", N_("Study topic") }, { "material", N_("Study material") },
    { "source", N_("Source") }, { "source_date", N_("Publication date") }, { "form", N_("Form") },
    { "leader", N_("Led by") }, { "participants", N_("Participants") },
    { "proceedings", N_("Proceedings") },
  };
  JsonObject *first = NULL;
  JsonArray *contributions;

  if (json_object_get_null_member (record, "first_item"))
    return;

  first = json_object_get_object_member (record, "first_item");
  printf ("%s\n", _("First agenda item"));
  for (guint i = 0; i < G_N_ELEMENTS (fields); i++)
    print_line ("  ", _(fields[i].label), member_text (first, fields[i].key));
  contributions = json_object_get_array_member (first, "contributions");
  for (guint i = 0; i < json_array_get_length (contributions); i++)
    {
      JsonObject *c = json_array_get_object_element (contributions, i);
      print_line ("  ", member_text (c, "speaker"), member_text (c, "summary"));
    }
}

static void
print_measures (JsonArray *measures)
{
  if (json_array_get_length (measures) > 0)
    printf ("%s\n", _("Measures"));

  for (guint i = 0; i < json_array_get_length (measures); i++)
    {
      JsonObject *m = json_array_get_object_element (measures, i);
      const char *done = member_text (m, "done_date");

      printf ("  %s", member_text (m, "text"));
      if (member_text (m, "owner") != NULL)
        printf ("  %s", member_text (m, "owner"));
      if (member_text (m, "due_date") != NULL)
        /* TRANSLATORS: a measure's due date */
        printf (_("  by %s"), member_text (m, "due_date"));
      if (done != NULL)
        /* TRANSLATORS: when a measure was done, and how */
        printf (_("  done %s: %s"), done, member_text (m, "done_note") ?: "");
      printf ("\n");
    }
}

static void
print_addenda (JsonArray *addenda)
{
  for (guint i = 0; i < json_array_get_length (addenda); i++)
    {
      JsonObject *a = json_array_get_object_element (addenda, i);

      /* TRANSLATORS: an addendum (补充记录) to the meeting: its date, title and ID */
      printf (_("Addendum of %s: %s (%s)\n"), member_text (a, "date"), member_text (a, "title"),
              member_text (a, "id"));
      print_agenda (json_object_get_array_member (a, "agenda_items"));
    }
}

static void
print_record (JsonObject *record)
{
  const ZbMeetingType *type = zb_meeting_type_lookup (member_text (record, "type"));
  g_autofree char *time = NULL;

  printf ("%s  %s  %s\n", member_text (record, "date"),
          type ? _(type->label) : member_text (record, "type"), member_text (record, "title"));
  if (member_text (record, "start_time") != NULL)
    time = g_strconcat (member_text (record, "start_time"),
                        member_text (record, "end_time") ? "–" : "",
                        member_text (record, "end_time"), NULL);
  print_line ("", _("Time"), time);
  print_line ("", _("Place"), member_text (record, "place"));
  print_line ("", _("Party group"), member_text (record, "party_group"));
  print_line ("", _("Chair"), member_text (record, "chair"));
  print_line ("", _("Recorder"), member_text (record, "recorder"));
  print_line ("", _("Finalised"), member_text (record, "finalized_at"));
  print_attendance (record);
  print_first_item (record);
  print_agenda (json_object_get_array_member (record, "agenda_items"));
  print_measures (json_object_get_array_member (record, "measures"));
  print_addenda (json_object_get_array_member (record, "addenda"));
}

/* The committee's decision as JSON, null when it made none. */
static JsonNode *
review_to_json (ZbReview *review)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();

  if (review == NULL)
    return json_node_init_null (json_node_alloc ());
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "meeting_id");
  json_builder_add_string_value (b, review->meeting_id);
  json_builder_set_member_name (b, "decision");
  json_builder_add_string_value (b, review->decision);
  json_builder_set_member_name (b, "comment");
  if (review->comment != NULL)
    json_builder_add_string_value (b, review->comment);
  else
    json_builder_add_null_value (b);
  json_builder_set_member_name (b, "reviewer");
  json_builder_add_string_value (b, review->reviewer);
  json_builder_set_member_name (b, "decided_at");
  json_builder_add_string_value (b, review->decided_at);
  json_builder_set_member_name (b, "answered");
  json_builder_add_boolean_value (b, review->answered);
  json_builder_end_object (b);
  return json_builder_get_root (b);
}

/* The decision's moment in this PC's time zone. */
static char *
local_time (const char *iso)
{
  g_autoptr(GDateTime) utc = iso ? g_date_time_new_from_iso8601 (iso, NULL) : NULL;
  g_autoptr(GDateTime) local = utc ? g_date_time_to_local (utc) : NULL;

  return local ? g_date_time_format (local, "%Y-%m-%d %H:%M") : g_strdup (iso);
}

static const char *
decision_label (ZbReview *review)
{
  if (g_str_equal (review->decision, "approved"))
    return _("Approved by the committee");
  return review->answered ? _("Sent back by the committee; answered with an addendum")
                          : _("Sent back by the committee; awaiting an addendum");
}

/* The committee's review (DOMAIN.md section 6), after the record. */
static void
print_review (ZbReview *review)
{
  g_autofree char *when = NULL, *by = NULL, *comment = NULL;

  if (review == NULL)
    return;
  when = local_time (review->decided_at);
  /* TRANSLATORS: who reviewed a record, and when */
  by = g_strdup_printf (_("%s, %s"), review->reviewer, when);
  comment = review->comment ? zb_limits_printable (review->comment) : NULL;
  print_line ("", _("Review"), decision_label (review));
  print_line ("  ", _("By"), by);
  print_line ("  ", _("Comment"), comment);
}

/* zhibu-cli meeting show ID [--format text|json]: everything recorded. */
static gboolean
meeting_show (ZbCli   *cli,
              int      argc,
              char   **argv,
              GError **error)
{
  g_autofree char *format = NULL;
  g_autoptr(GOptionContext) context = g_option_context_new ("ID");
  g_autoptr(ZbStore) store = NULL;
  g_autoptr(JsonNode) record = NULL;
  g_autoptr(ZbReview) review = NULL;
  g_autoptr(GError) local_error = NULL;
  const GOptionEntry entries[] = {
    { "format", 0, 0, G_OPTION_ARG_STRING, &format, N_("text or json"), N_("FORMAT") },
    { NULL }
  };

  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!zb_cli_parse (context, &argc, &argv, error))
    return FALSE;
  if (argc != 2)
    return zb_cli_usage (error, _("usage: zhibu-cli meeting show ID [--format text|json]"));
  if (format != NULL && !g_str_equal (format, "text") && !g_str_equal (format, "json"))
    return zb_cli_usage (error, _("unknown format “%s”: use text or json"), format);

  if ((store = zb_cli_open_store (cli, error)) == NULL ||
      (record = zb_store_meeting_record (store, argv[1], error)) == NULL)
    return FALSE;
  review = zb_store_get_review (store, argv[1], &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  if (g_strcmp0 (format, "json") == 0)
    {
      json_object_set_member (json_node_get_object (record), "review", review_to_json (review));
      print_json (record);
    }
  else
    {
      print_record (json_node_get_object (record));
      print_review (review);
    }
  return TRUE;
}

static gboolean
meeting_attend (ZbCli   *cli,
                int      argc,
                char   **argv,
                GError **error)
{
  g_autofree char *reason = NULL;
  g_autoptr(GOptionContext) context = g_option_context_new ("ID MEMBER-ID present|leave|absent");
  g_autoptr(ZbStore) store = NULL;
  const GOptionEntry entries[] = {
    { "reason", 0, 0, G_OPTION_ARG_STRING, &reason, N_("Why the member was away"),
      N_("TEXT") },
    { NULL }
  };

  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!zb_cli_parse (context, &argc, &argv, error))
    return FALSE;
  if (argc != 4)
    return zb_cli_usage (error, _("usage: zhibu-cli meeting attend ID MEMBER-ID "
                                  "present|leave|absent [--reason TEXT]"));

  if ((store = zb_cli_open_store (cli, error)) == NULL)
    return FALSE;

  return zb_store_set_attendance (store, argv[1], argv[2], argv[3], reason, error);
}

/* zhibu-cli meeting guest ID --name NAME [--affiliation TEXT] */
static gboolean
meeting_guest (ZbCli   *cli,
               int      argc,
               char   **argv,
               GError **error)
{
  g_autofree char *name = NULL, *affiliation = NULL;
  g_autoptr(GOptionContext) context = g_option_context_new ("ID");
  g_autoptr(ZbStore) store = NULL;
  const GOptionEntry entries[] = {
    { "name", 0, 0, G_OPTION_ARG_STRING, &name, N_("Name of the non-member attendee (列席)"),
      N_("NAME") },
    { "affiliation", 0, 0, G_OPTION_ARG_STRING, &affiliation, N_("Where they come from"),
      N_("TEXT") },
    { NULL }
  };

  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!zb_cli_parse (context, &argc, &argv, error))
    return FALSE;
  if (argc != 2 || name == NULL)
    return zb_cli_usage (error, _("usage: zhibu-cli meeting guest ID --name NAME "
                                  "[--affiliation TEXT]"));

  if ((store = zb_cli_open_store (cli, error)) == NULL)
    return FALSE;

  return zb_store_add_guest (store, argv[1], name, affiliation, error);
}

static const struct {
  const char   *name;
  ZbCliCommand  run;
} subcommands[] = {
  { "add", meeting_add },
  { "list", meeting_list },
  { "show", meeting_show },
  { "attend", meeting_attend },
  { "guest", meeting_guest },
  { "item", zb_cli_meeting_item },
  { "vote", zb_cli_meeting_vote },
  { "finalize", zb_cli_meeting_finalize },
  { "addendum", zb_cli_meeting_addendum },
};

gboolean
zb_cli_meeting (ZbCli   *cli,
                int      argc,
                char   **argv,
                GError **error)
{
  if (argc < 2)
    return zb_cli_usage (error, _("usage: zhibu-cli meeting add|list|show|attend|guest|item|vote|"
                                  "finalize|addendum …"));

  for (guint i = 0; i < G_N_ELEMENTS (subcommands); i++)
    if (g_str_equal (argv[1], subcommands[i].name))
      return subcommands[i].run (cli, argc - 1, argv + 1, error);

  return zb_cli_usage (error, _("unknown meeting command “%s”"), argv[1]);
}
