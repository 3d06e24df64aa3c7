#define G_LOG_DOMAIN "zb-cli-meeting"

#include "config.h"

#include <stdio.h>

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>

#include "zb-cli.h"
#include "zb-csv.h"

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
print_meetings_csv (GListModel *meetings)
{
  static const char *header[] = { "id", "type", "date", "start_time", "end_time", "title",
                                  "place", "party_group", "chair_id", "recorder_id" };
  g_autoptr(GString) out = g_string_new (NULL);

  zb_csv_append_row (out, header, G_N_ELEMENTS (header));
  for (guint i = 0; i < g_list_model_get_n_items (meetings); i++)
    {
      g_autoptr(ZbMeeting) m = g_list_model_get_item (meetings, i);
      const char *row[] = {
        zb_meeting_get_id (m), zb_meeting_get_type_code (m), zb_meeting_get_date (m),
        zb_meeting_get_start_time (m), zb_meeting_get_end_time (m), zb_meeting_get_title (m),
        zb_meeting_get_place (m), zb_meeting_get_party_group (m), zb_meeting_get_chair_id (m),
        zb_meeting_get_recorder_id (m),
      };
      zb_csv_append_row (out, row, G_N_ELEMENTS (row));
    }
  fwrite (out->str, 1, out->len, stdout);
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
meeting_to_json (ZbMeeting  *m,
                 GListModel *attendees)
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
  if (attendees != NULL)
    {
      json_builder_set_member_name (b, "attendees");
      json_builder_begin_array (b);
      for (guint i = 0; i < g_list_model_get_n_items (attendees); i++)
        {
          g_autoptr(ZbAttendee) a = g_list_model_get_item (attendees, i);

          json_builder_begin_object (b);
          add_string_or_null (b, "member_id", zb_attendee_get_member_id (a));
          add_string_or_null (b, "name", zb_attendee_get_name (a));
          add_string_or_null (b, "state", zb_attendee_get_state (a));
          add_string_or_null (b, "reason", zb_attendee_get_reason (a));
          json_builder_end_object (b);
        }
      json_builder_end_array (b);
    }
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
      json_array_add_element (array, meeting_to_json (m, NULL));
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
  header[3] = g_strdup (_("Title"));
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

static gboolean
meeting_list (ZbCli   *cli,
              int      argc,
              char   **argv,
              GError **error)
{
  g_autofree char *format = NULL, *from = NULL, *to = NULL;
  g_autoptr(GOptionContext) context = g_option_context_new (NULL);
  g_autoptr(ZbStore) store = NULL;
  g_autoptr(GListModel) meetings = NULL;
  const GOptionEntry entries[] = {
    { "format", 0, 0, G_OPTION_ARG_STRING, &format, N_("table, csv or json"), N_("FORMAT") },
    { "from", 0, 0, G_OPTION_ARG_STRING, &from, N_("First date"), N_("YEAR-MONTH-DAY") },
    { "to", 0, 0, G_OPTION_ARG_STRING, &to, N_("Last date"), N_("YEAR-MONTH-DAY") },
    { NULL }
  };

  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!zb_cli_parse (context, &argc, &argv, error))
    return FALSE;
  if (argc != 1)
    return zb_cli_usage (error, _("usage: zhibu-cli meeting list [--format table|csv|json]"));
  if (format != NULL && !g_str_equal (format, "table") && !g_str_equal (format, "csv") &&
      !g_str_equal (format, "json"))
    return zb_cli_usage (error, _("unknown format “%s”: use table, csv or json"), format);

  if (!zb_cli_normalise_date (&from, _("First date"), error) ||
      !zb_cli_normalise_date (&to, _("Last date"), error) ||
      (store = zb_cli_open_store (cli, error)) == NULL ||
      (meetings = zb_store_list_meetings (store, from, to, error)) == NULL)
    return FALSE;

  if (g_strcmp0 (format, "csv") == 0)
    print_meetings_csv (meetings);
  else if (g_strcmp0 (format, "json") == 0)
    print_meetings_json (meetings);
  else
    print_meetings_table (meetings);
  return TRUE;
}

static gboolean
meeting_show (ZbCli   *cli,
              int      argc,
              char   **argv,
              GError **error)
{
  g_autofree char *format = NULL;
  g_autoptr(GOptionContext) context = g_option_context_new ("ID");
  g_autoptr(ZbStore) store = NULL;
  g_autoptr(ZbMeeting) meeting = NULL;
  g_autoptr(GListModel) attendees = NULL;
  g_auto(GStrv) guests = NULL;
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);
  const GOptionEntry entries[] = {
    { "format", 0, 0, G_OPTION_ARG_STRING, &format, N_("text or json"), N_("FORMAT") },
    { NULL }
  };

  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!zb_cli_parse (context, &argc, &argv, error))
    return FALSE;
  if (argc != 2)
    return zb_cli_usage (error, _("usage: zhibu-cli meeting show ID [--format text|json]"));

  if ((store = zb_cli_open_store (cli, error)) == NULL ||
      (meeting = zb_store_get_meeting (store, argv[1], error)) == NULL ||
      (attendees = zb_store_list_attendees (store, argv[1], error)) == NULL)
    return FALSE;

  if (g_strcmp0 (format, "json") == 0)
    {
      g_autoptr(JsonNode) node = meeting_to_json (meeting, attendees);
      print_json (node);
      return TRUE;
    }

  printf ("%s  %s  %s\n", zb_meeting_get_date (meeting), type_label (meeting),
          zb_meeting_get_title (meeting));
  if ((guests = zb_store_list_guests (store, argv[1], error)) == NULL)
    return FALSE;
  if (guests[0] != NULL)
    {
      g_autofree char *joined = g_strjoinv ("、", guests);
      /* TRANSLATORS: 列席, the non-member attendees of a meeting */
      printf (_("Attending without a vote: %s\n"), joined);
    }
  for (guint i = 0; i < g_list_model_get_n_items (attendees); i++)
    {
      g_autoptr(ZbAttendee) a = g_list_model_get_item (attendees, i);
      char **row = g_new0 (char *, 4);

      row[0] = g_strdup (zb_attendee_get_name (a));
      row[1] = g_strdup (zb_attendance_label (zb_attendee_get_state (a)));
      row[2] = g_strdup (zb_attendee_get_reason (a) ?: "");
      g_ptr_array_add (rows, row);
    }
  zb_cli_print_table (rows);
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

/* zhibu-cli committee add MEMBER-ID --role ROLE --from DATE [--to DATE] */
gboolean
zb_cli_committee (ZbCli   *cli,
                  int      argc,
                  char   **argv,
                  GError **error)
{
  g_autofree char *role = NULL, *from = NULL, *to = NULL;
  g_autoptr(GOptionContext) context = g_option_context_new ("add MEMBER-ID");
  g_autoptr(ZbStore) store = NULL;
  const GOptionEntry entries[] = {
    { "role", 0, 0, G_OPTION_ARG_STRING, &role, N_("Role on the committee, such as 书记"),
      N_("ROLE") },
    { "from", 0, 0, G_OPTION_ARG_STRING, &from, N_("Start of the term"),
      N_("YEAR-MONTH-DAY") },
    { "to", 0, 0, G_OPTION_ARG_STRING, &to, N_("End of the term"), N_("YEAR-MONTH-DAY") },
    { NULL }
  };

  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!zb_cli_parse (context, &argc, &argv, error))
    return FALSE;
  if (argc != 3 || !g_str_equal (argv[1], "add") || role == NULL || from == NULL)
    return zb_cli_usage (error, _("usage: zhibu-cli committee add MEMBER-ID --role ROLE "
                                  "--from DATE [--to DATE]"));

  if (!zb_cli_normalise_date (&from, _("Start of the term"), error) ||
      !zb_cli_normalise_date (&to, _("End of the term"), error) ||
      (store = zb_cli_open_store (cli, error)) == NULL)
    return FALSE;

  return zb_store_add_committee_member (store, argv[2], role, from, to, error);
}
