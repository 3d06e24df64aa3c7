#define G_LOG_DOMAIN "zb-cli-recruit"

#include "config.h"

#include <stdio.h>

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>

#include "zb-cli.h"
#include "zb-csv.h"
#include "zb-date.h"
#include "zb-recruitment-rules.h"

/* zhibu-cli recruit step|status|due|remove|restore|report|leaving: the
 * recruitment steps (发展党员) of DOMAIN.md section 1, S01-S25, for each
 * person on the roster, their written reports (思想汇报) and the day they
 * are expected to leave the unit (调离). */

#define STEP_USAGE N_("usage: zhibu-cli recruit step PERSON-ID CODE --date DATE " \
                      "[--document TEXT] [--outcome OUTCOME] [--extension-months N] " \
                      "[--people \"NAME,NAME\"] [--training-days N --class-hours N] " \
                      "[--notice-start DATE --notice-end DATE]")
#define STATUS_USAGE N_("usage: zhibu-cli recruit status PERSON-ID [--format table|json]")
#define DUE_USAGE N_("usage: zhibu-cli recruit due [--date DATE] [--format table|csv|json]")
#define REPORT_ADD_USAGE N_("usage: zhibu-cli recruit report add PERSON-ID --date DATE " \
                            "--summary TEXT")
#define REPORT_LIST_USAGE N_("usage: zhibu-cli recruit report list PERSON-ID " \
                             "[--format table|csv|json]")
#define REPORT_USAGE N_("usage: zhibu-cli recruit report add|list|remove …")
#define LEAVING_USAGE N_("usage: zhibu-cli recruit leaving PERSON-ID DATE|--clear")
#define USAGE N_("usage: zhibu-cli recruit step|status|due|remove|restore|report|leaving …")

typedef struct
{
  char *date;
  char *document;
  char *outcome;
  char *people;
  char *notice_start;
  char *notice_end;
  int   extension_months;
  int   training_days;
  int   class_hours;
} StepOptions;

static void
step_options_clear (StepOptions *options)
{
  g_free (options->date);
  g_free (options->document);
  g_free (options->outcome);
  g_free (options->people);
  g_free (options->notice_start);
  g_free (options->notice_end);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (StepOptions, step_options_clear)

/* "S1", "s01" and "S01" alike. */
static char *
normalise_code (const char *text)
{
  guint64 number;

  if ((text[0] == 'S' || text[0] == 's') && text[1] != '\0' &&
      g_ascii_string_to_unsigned (text + 1, 10, 1, ZB_RECRUIT_N_STEPS, &number, NULL))
    return g_strdup_printf ("S%02u", (guint) number);
  return g_strdup (text);
}

/* Names as people type them: "张三,李四", "张三，李四" or "张三、李四". */
static GStrv
split_people (const char *text)
{
  g_autoptr(GRegex) separators = g_regex_new ("[,，、]", 0, 0, NULL);

  return g_regex_split (separators, text, 0);
}

static gboolean
check_count (int          value,
             const char  *label,
             GError     **error)
{
  if (value >= 0)
    return TRUE;
  /* TRANSLATORS: a field, then the number given */
  g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
               _("%s: %d is not a number of days, hours or months; give 0 or more"), label,
               value);
  return FALSE;
}

static ZbRecruitStep *
make_step (const char   *person_id,
           const char   *code_text,
           StepOptions  *options,
           GError      **error)
{
  g_autofree char *code = normalise_code (code_text);
  g_autoptr(ZbRecruitStep) step = NULL;

  if (!zb_cli_normalise_date (&options->date, _("Date"), error) ||
      !zb_cli_normalise_date (&options->notice_start, _("First day of the notice"), error) ||
      !zb_cli_normalise_date (&options->notice_end, _("Last day of the notice"), error) ||
      !check_count (options->extension_months, _("Extension"), error) ||
      !check_count (options->training_days, _("Days of training"), error) ||
      !check_count (options->class_hours, _("Class hours"), error))
    return NULL;

  step = zb_recruit_step_new (person_id, code, options->date);
  zb_recruit_step_set_document (step, options->document);
  zb_recruit_step_set_outcome (step, options->outcome);
  zb_recruit_step_set_extension_months (step, options->extension_months);
  zb_recruit_step_set_training (step, options->training_days, options->class_hours);
  zb_recruit_step_set_notice (step, options->notice_start, options->notice_end);
  if (options->people != NULL)
    {
      g_auto(GStrv) people = split_people (options->people);

      zb_recruit_step_set_people (step, (const char * const *) people);
    }
  return g_steal_pointer (&step);
}

static GPtrArray *
steps_of (ZbStore     *store,
          const char  *person_id,
          GError     **error)
{
  g_autoptr(GListModel) list = zb_store_list_recruit_steps (store, person_id, error);
  GPtrArray *steps;

  if (list == NULL)
    return NULL;
  steps = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint i = 0; i < g_list_model_get_n_items (list); i++)
    g_ptr_array_add (steps, g_list_model_get_item (list, i));
  return steps;
}

static GPtrArray *
reports_of (ZbStore     *store,
            const char  *person_id,
            GError     **error)
{
  g_autoptr(GListModel) list = zb_store_list_thought_reports (store, person_id, error);
  GPtrArray *reports;

  if (list == NULL)
    return NULL;
  reports = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint i = 0; i < g_list_model_get_n_items (list); i++)
    g_ptr_array_add (reports, g_list_model_get_item (list, i));
  return reports;
}

/* The time rules the new step breaks, judged on its own day (steps entered
 * after the fact are not late for being typed in today), are worth a word
 * on stderr, not a refusal (DESIGN.md, exit codes): the step happened as it
 * happened. */
static void
warn_issues (ZbStore       *store,
             ZbMember      *member,
             ZbRecruitStep *step)
{
  g_autoptr(GPtrArray) steps = steps_of (store, zb_member_get_id (member), NULL);
  g_autoptr(GPtrArray) issues = NULL;
  GDate day;

  if (steps == NULL || !zb_date_parse_iso (zb_recruit_step_get_date (step), &day))
    return;
  issues = zb_recruitment_rules_check (steps, zb_member_get (member, ZB_MEMBER_FIELD_BIRTH_DATE),
                                       &day);
  for (guint i = 0; i < issues->len; i++)
    {
      ZbRecruitIssue *issue = g_ptr_array_index (issues, i);

      if (g_str_equal (issue->code, zb_recruit_step_get_code (step)))
        g_printerr (_("zhibu-cli: warning: %s (%s)\n"), issue->message, issue->rule);
    }
}

/* zhibu-cli recruit step PERSON-ID CODE --date D …: prints the new step's ID. */
static gboolean
recruit_step (ZbCli   *cli,
              int      argc,
              char   **argv,
              GError **error)
{
  g_auto(StepOptions) o = { 0 };
  g_autoptr(GOptionContext) context = g_option_context_new (NULL);
  g_autoptr(ZbStore) store = NULL;
  g_autoptr(ZbRecruitStep) step = NULL;
  g_autoptr(ZbMember) member = NULL;
  g_autofree char *id = NULL;
  const GOptionEntry entries[] = {
    { "date", 0, 0, G_OPTION_ARG_STRING, &o.date, N_("The day the step was taken"),
      N_("YEAR-MONTH-DAY") },
    { "document", 0, 0, G_OPTION_ARG_STRING, &o.document,
      N_("The document it produced, such as 入党申请书"), N_("TEXT") },
    { "outcome", 0, 0, G_OPTION_ARG_STRING, &o.outcome,
      N_("What S15, S17, S23 or S24 decided: admitted, not-admitted, approved, refused, full, "
         "extended or disqualified"), N_("OUTCOME") },
    { "extension-months", 0, 0, G_OPTION_ARG_INT, &o.extension_months,
      N_("How long S23 extends the probation, 6 to 12 months"), N_("N") },
    { "people", 0, 0, G_OPTION_ARG_STRING, &o.people,
      N_("The contacts (S05) or the introducers (S09), separated by commas"), N_("NAMES") },
    { "training-days", 0, 0, G_OPTION_ARG_INT, &o.training_days,
      N_("Days of the concentrated training (S11)"), N_("N") },
    { "class-hours", 0, 0, G_OPTION_ARG_INT, &o.class_hours,
      N_("Class hours of the concentrated training (S11)"), N_("N") },
    { "notice-start", 0, 0, G_OPTION_ARG_STRING, &o.notice_start,
      N_("The first day of the public notice (公示)"), N_("YEAR-MONTH-DAY") },
    { "notice-end", 0, 0, G_OPTION_ARG_STRING, &o.notice_end,
      N_("The last day of the public notice"), N_("YEAR-MONTH-DAY") },
    { NULL }
  };

  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!zb_cli_parse (context, &argc, &argv, error))
    return FALSE;
  if (argc != 3 || o.date == NULL)
    return zb_cli_usage (error, "%s", _(STEP_USAGE));

  if ((step = make_step (argv[1], argv[2], &o, error)) == NULL ||
      (store = zb_cli_open_store (cli, error)) == NULL ||
      (id = zb_store_add_recruit_step (store, step, error)) == NULL)
    return FALSE;

  if ((member = zb_store_get_member (store, argv[1], NULL)) != NULL)
    warn_issues (store, member, step);
  printf ("%s\n", id);
  return TRUE;
}

static gboolean
check_format (const char  *format,
              gboolean     csv,
              const char  *usage,
              GError     **error)
{
  if (format == NULL || g_str_equal (format, "table") || g_str_equal (format, "json") ||
      (csv && g_str_equal (format, "csv")))
    return TRUE;
  return zb_cli_usage (error, _("unknown format “%s”; %s"), format, usage);
}

static void
add_string (JsonBuilder *b,
            const char  *name,
            const char  *value)
{
  json_builder_set_member_name (b, name);
  if (value != NULL)
    json_builder_add_string_value (b, value);
  else
    json_builder_add_null_value (b);
}

static void
add_step_json (JsonBuilder   *b,
               ZbRecruitStep *step)
{
  const ZbRecruitStepInfo *info = zb_recruit_step_lookup (zb_recruit_step_get_code (step));
  const char * const *people = zb_recruit_step_get_people (step);

  json_builder_begin_object (b);
  add_string (b, "id", zb_recruit_step_get_id (step));
  add_string (b, "code", zb_recruit_step_get_code (step));
  json_builder_set_member_name (b, "stage");
  json_builder_add_int_value (b, info ? info->stage : 0);
  add_string (b, "name", info ? info->name : NULL);
  add_string (b, "date", zb_recruit_step_get_date (step));
  add_string (b, "document", zb_recruit_step_get_document (step));
  add_string (b, "outcome", zb_recruit_step_get_outcome (step));
  json_builder_set_member_name (b, "extension_months");
  json_builder_add_int_value (b, zb_recruit_step_get_extension_months (step));
  json_builder_set_member_name (b, "people");
  json_builder_begin_array (b);
  for (guint i = 0; people[i] != NULL; i++)
    json_builder_add_string_value (b, people[i]);
  json_builder_end_array (b);
  json_builder_set_member_name (b, "training_days");
  json_builder_add_int_value (b, zb_recruit_step_get_training_days (step));
  json_builder_set_member_name (b, "class_hours");
  json_builder_add_int_value (b, zb_recruit_step_get_class_hours (step));
  add_string (b, "notice_start", zb_recruit_step_get_notice_start (step));
  add_string (b, "notice_end", zb_recruit_step_get_notice_end (step));
  json_builder_end_object (b);
}

static void
add_due_json (JsonBuilder  *b,
              ZbRecruitDue *due)
{
  json_builder_begin_object (b);
  add_string (b, "code", due->code);
  add_string (b, "name", zb_recruit_step_lookup (due->code)->name);
  add_string (b, "earliest", due->earliest);
  add_string (b, "latest", due->latest);
  json_builder_set_member_name (b, "overdue");
  json_builder_add_boolean_value (b, due->overdue);
  json_builder_end_object (b);
}

static void
add_issue_json (JsonBuilder    *b,
                ZbRecruitIssue *issue)
{
  json_builder_begin_object (b);
  add_string (b, "rule", issue->rule);
  add_string (b, "severity", zb_recruit_severity_to_string (issue->severity));
  add_string (b, "code", issue->code);
  add_string (b, "date", issue->date);
  add_string (b, "message", issue->message);
  json_builder_end_object (b);
}

/* The member record's fields the steps set (DOMAIN.md section 1). */
static const ZbMemberField record_fields[] = {
  ZB_MEMBER_FIELD_CATEGORY, ZB_MEMBER_FIELD_STATUS, ZB_MEMBER_FIELD_APPLIED_DATE,
  ZB_MEMBER_FIELD_ACTIVIST_DATE, ZB_MEMBER_FIELD_CANDIDATE_DATE, ZB_MEMBER_FIELD_JOINED_DATE,
  ZB_MEMBER_FIELD_PROBATION_END, ZB_MEMBER_FIELD_FULL_DATE,
};

/* What `recruit status` shows of a person. */
typedef struct
{
  ZbMember   *member;
  GPtrArray  *steps;
  GPtrArray  *reports;    /* ZbThoughtReport */
  char       *leaving;    /* the expected day of leaving the unit, or NULL */
  GPtrArray  *due;
  GPtrArray  *issues;
} Status;

static void
status_clear (Status *status)
{
  g_clear_object (&status->member);
  g_clear_pointer (&status->steps, g_ptr_array_unref);
  g_clear_pointer (&status->reports, g_ptr_array_unref);
  g_clear_pointer (&status->leaving, g_free);
  g_clear_pointer (&status->due, g_ptr_array_unref);
  g_clear_pointer (&status->issues, g_ptr_array_unref);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Status, status_clear)

static void
add_report_json (JsonBuilder     *b,
                 ZbThoughtReport *report)
{
  json_builder_begin_object (b);
  add_string (b, "id", zb_thought_report_get_id (report));
  add_string (b, "date", zb_thought_report_get_date (report));
  add_string (b, "summary", zb_thought_report_get_summary (report));
  json_builder_end_object (b);
}

static void
add_array_json (JsonBuilder *b,
                const char  *name,
                GPtrArray   *items,
                void       (*add) (JsonBuilder *b, gpointer item))
{
  json_builder_set_member_name (b, name);
  json_builder_begin_array (b);
  for (guint i = 0; i < items->len; i++)
    add (b, g_ptr_array_index (items, i));
  json_builder_end_array (b);
}

static void
print_json (JsonBuilder *b)
{
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = json_builder_get_root (b);
  g_autofree char *text = NULL;

  json_generator_set_root (generator, root);
  json_generator_set_pretty (generator, TRUE);
  text = json_generator_to_data (generator, NULL);
  printf ("%s\n", text);
}

static void
print_status_json (Status *status)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();
  ZbMember *member = status->member;

  json_builder_begin_object (b);
  add_string (b, "id", zb_member_get_id (member));
  add_string (b, "name", zb_member_get (member, ZB_MEMBER_FIELD_NAME));
  for (guint i = 0; i < G_N_ELEMENTS (record_fields); i++)
    add_string (b, zb_member_field_info (record_fields[i])->key,
                zb_member_get (member, record_fields[i]));
  add_string (b, "leaving_date", status->leaving);
  add_array_json (b, "steps", status->steps, (gpointer) add_step_json);
  add_array_json (b, "reports", status->reports, (gpointer) add_report_json);
  add_array_json (b, "due", status->due, (gpointer) add_due_json);
  add_array_json (b, "issues", status->issues, (gpointer) add_issue_json);
  json_builder_end_object (b);
  print_json (b);
}

/* What a step holds beyond its date and document, in a few words. */
static char *
step_details (ZbRecruitStep *step)
{
  GString *out = g_string_new (zb_recruit_step_get_outcome (step));
  g_autofree char *people = g_strjoinv ("、", (char **) zb_recruit_step_get_people (step));

  if (zb_recruit_step_get_extension_months (step) > 0)
    g_string_append_printf (out, _(" %u months"), zb_recruit_step_get_extension_months (step));
  if (*people != '\0')
    g_string_append_printf (out, "%s%s", out->len ? " " : "", people);
  if (zb_recruit_step_get_training_days (step) > 0 || zb_recruit_step_get_class_hours (step) > 0)
    g_string_append_printf (out, _("%s%u days, %u class hours"), out->len ? " " : "",
                            zb_recruit_step_get_training_days (step),
                            zb_recruit_step_get_class_hours (step));
  if (zb_recruit_step_get_notice_start (step) != NULL)
    g_string_append_printf (out, _("%snotice %s–%s"), out->len ? " " : "",
                            zb_recruit_step_get_notice_start (step),
                            zb_recruit_step_get_notice_end (step));
  return g_string_free (out, FALSE);
}

static char *
text_or_blank (const char *text)
{
  return g_strdup (text ? text : "");
}

static void
print_reports_table (GPtrArray *reports)
{
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);

  g_ptr_array_add (rows, g_strsplit ("id date summary", " ", -1));
  for (guint i = 0; i < reports->len; i++)
    {
      ZbThoughtReport *report = g_ptr_array_index (reports, i);
      GStrv row = g_new0 (char *, 4);

      row[0] = text_or_blank (zb_thought_report_get_id (report));
      row[1] = text_or_blank (zb_thought_report_get_date (report));
      row[2] = text_or_blank (zb_thought_report_get_summary (report));
      g_ptr_array_add (rows, row);
    }
  zb_cli_print_table (rows);
}

static void
print_status_table (Status *status)
{
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);
  ZbMember *member = status->member;
  GPtrArray *steps = status->steps, *due = status->due, *issues = status->issues;

  printf ("%s  %s\n", zb_member_get (member, ZB_MEMBER_FIELD_NAME), zb_member_get_id (member));
  for (guint i = 0; i < G_N_ELEMENTS (record_fields); i++)
    {
      g_autofree char *value = zb_member_dup_display (member, record_fields[i], FALSE);

      if (value != NULL && *value != '\0')
        printf ("%s: %s\n", _(zb_member_field_info (record_fields[i])->label), value);
    }
  if (status->leaving != NULL)
    printf ("%s: %s\n", _("Expected to leave the unit on"), status->leaving);

  g_ptr_array_add (rows, g_strsplit ("id code step date document details", " ", -1));
  for (guint i = 0; i < steps->len; i++)
    {
      ZbRecruitStep *step = g_ptr_array_index (steps, i);
      GStrv row = g_new0 (char *, 7);

      row[0] = text_or_blank (zb_recruit_step_get_id (step));
      row[1] = text_or_blank (zb_recruit_step_get_code (step));
      row[2] = g_strdup (_(zb_recruit_step_lookup (zb_recruit_step_get_code (step))->label));
      row[3] = text_or_blank (zb_recruit_step_get_date (step));
      row[4] = text_or_blank (zb_recruit_step_get_document (step));
      row[5] = step_details (step);
      g_ptr_array_add (rows, row);
    }
  printf ("\n");
  zb_cli_print_table (rows);
  if (status->reports->len > 0)
    {
      printf ("\n%s\n", _("Written reports (思想汇报):"));
      print_reports_table (status->reports);
    }

  for (guint i = 0; i < due->len; i++)
    {
      ZbRecruitDue *d = g_ptr_array_index (due, i);

      /* TRANSLATORS: "due" or "overdue", a step's code and name, its window */
      printf (_("%s  %s %s  from %s to %s\n"), d->overdue ? _("overdue") : _("due"), d->code,
              _(zb_recruit_step_lookup (d->code)->label), d->earliest ? d->earliest : "…",
              d->latest ? d->latest : "…");
    }
  for (guint i = 0; i < issues->len; i++)
    {
      ZbRecruitIssue *issue = g_ptr_array_index (issues, i);

      printf ("%-7s  %s  %s\n", zb_recruit_severity_to_string (issue->severity), issue->rule,
              issue->message);
    }
}

/* zhibu-cli recruit status PERSON-ID: the record the steps set, the steps,
 * what is due and every time rule broken, as of today. */
static gboolean
recruit_status (ZbCli   *cli,
                int      argc,
                char   **argv,
                GError **error)
{
  g_autofree char *format = NULL;
  g_autoptr(GOptionContext) context = g_option_context_new (NULL);
  g_autoptr(ZbStore) store = NULL;
  g_auto(Status) status = { 0 };
  GDate today;
  const GOptionEntry entries[] = {
    { "format", 0, 0, G_OPTION_ARG_STRING, &format, N_("table or json"), N_("FORMAT") },
    { NULL }
  };

  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!zb_cli_parse (context, &argc, &argv, error))
    return FALSE;
  if (argc != 2)
    return zb_cli_usage (error, "%s", _(STATUS_USAGE));
  zb_date_set_today (&today);
  if (!check_format (format, FALSE, _(STATUS_USAGE), error) ||
      (store = zb_cli_open_store (cli, error)) == NULL ||
      (status.member = zb_store_get_member (store, argv[1], error)) == NULL ||
      (status.steps = steps_of (store, argv[1], error)) == NULL ||
      (status.reports = reports_of (store, argv[1], error)) == NULL ||
      !zb_store_get_leaving_date (store, argv[1], &status.leaving, error) ||
      (status.issues = zb_store_recruit_issues (store, argv[1], &today, error)) == NULL)
    return FALSE;

  status.due = zb_recruitment_rules_due (status.steps, &today);
  if (g_strcmp0 (format, "json") == 0)
    print_status_json (&status);
  else
    print_status_table (&status);
  return TRUE;
}

static const char *due_header[] = { "person_id", "name", "code", "step", "earliest", "latest",
                                    "overdue" };

typedef struct
{
  guint  order;      /* the person's place in pinyin order */
  GStrv  row;
} DueRow;

/* Overdue first, then by deadline (none last), then by person and code. */
static int
compare_due (gconstpointer a,
             gconstpointer b)
{
  const DueRow *x = *(DueRow **) a;
  const DueRow *y = *(DueRow **) b;
  int by;

  if ((by = g_strcmp0 (y->row[6], x->row[6])) != 0)
    return by;
  if ((by = (*x->row[5] == '\0') - (*y->row[5] == '\0')) != 0)
    return by;
  if ((by = g_strcmp0 (x->row[5], y->row[5])) != 0)
    return by;
  if (x->order != y->order)
    return x->order < y->order ? -1 : 1;
  return g_strcmp0 (x->row[2], y->row[2]);
}

static void
due_row_free (DueRow *row)
{
  g_strfreev (row->row);
  g_free (row);
}

static void
add_due_rows (GPtrArray     *rows,
              ZbRecruitFile *file,
              guint          order,
              const GDate   *day)
{
  g_autoptr(GPtrArray) due = zb_recruitment_rules_due (file->steps, day);

  for (guint i = 0; i < due->len; i++)
    {
      ZbRecruitDue *d = g_ptr_array_index (due, i);
      DueRow *row = g_new0 (DueRow, 1);

      row->order = order;
      row->row = g_new0 (char *, G_N_ELEMENTS (due_header) + 1);
      row->row[0] = g_strdup (zb_member_get_id (file->member));
      row->row[1] = g_strdup (zb_member_get (file->member, ZB_MEMBER_FIELD_NAME));
      row->row[2] = g_strdup (d->code);
      row->row[3] = g_strdup (zb_recruit_step_lookup (d->code)->name);
      row->row[4] = text_or_blank (d->earliest);
      row->row[5] = text_or_blank (d->latest);
      row->row[6] = g_strdup (d->overdue ? "yes" : "no");
      g_ptr_array_add (rows, row);
    }
}

static void
print_due_json (GPtrArray *rows)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *text = NULL;

  json_builder_begin_array (b);
  for (guint r = 0; r < rows->len; r++)
    {
      char **row = ((DueRow *) rows->pdata[r])->row;

      json_builder_begin_object (b);
      for (guint c = 0; c + 1 < G_N_ELEMENTS (due_header); c++)
        add_string (b, due_header[c], *row[c] != '\0' ? row[c] : NULL);
      json_builder_set_member_name (b, "overdue");
      json_builder_add_boolean_value (b, g_str_equal (row[6], "yes"));
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
  root = json_builder_get_root (b);
  json_generator_set_root (generator, root);
  json_generator_set_pretty (generator, TRUE);
  text = json_generator_to_data (generator, NULL);
  printf ("%s\n", text);
}

static void
print_due (GPtrArray  *rows,
           const char *format)
{
  g_autoptr(GPtrArray) table = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);
  g_autoptr(GString) out = g_string_new (NULL);

  if (g_strcmp0 (format, "json") == 0)
    {
      print_due_json (rows);
      return;
    }
  if (g_strcmp0 (format, "csv") == 0)
    {
      zb_csv_append_row (out, due_header, G_N_ELEMENTS (due_header));
      for (guint r = 0; r < rows->len; r++)
        zb_csv_append_row (out, (const char * const *) ((DueRow *) rows->pdata[r])->row,
                           G_N_ELEMENTS (due_header));
      fwrite (out->str, 1, out->len, stdout);
      return;
    }
  g_ptr_array_add (table, g_strdupv ((char **) due_header));
  for (guint r = 0; r < rows->len; r++)
    g_ptr_array_add (table, g_strdupv (((DueRow *) rows->pdata[r])->row));
  zb_cli_print_table (table);
}

/* zhibu-cli recruit due [--date D]: every person's next steps, overdue
 * first, as of the day (default: today). */
static gboolean
recruit_due (ZbCli   *cli,
             int      argc,
             char   **argv,
             GError **error)
{
  g_autofree char *date = NULL, *format = NULL;
  g_autoptr(GOptionContext) context = g_option_context_new (NULL);
  g_autoptr(ZbStore) store = NULL;
  g_autoptr(GPtrArray) files = NULL;
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func ((GDestroyNotify) due_row_free);
  GDate day;
  const GOptionEntry entries[] = {
    { "date", 0, 0, G_OPTION_ARG_STRING, &date, N_("The day to judge by (default: today)"),
      N_("YEAR-MONTH-DAY") },
    { "format", 0, 0, G_OPTION_ARG_STRING, &format, N_("table, csv or json"), N_("FORMAT") },
    { NULL }
  };

  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!zb_cli_parse (context, &argc, &argv, error))
    return FALSE;
  if (argc != 1)
    return zb_cli_usage (error, "%s", _(DUE_USAGE));
  if (!check_format (format, TRUE, _(DUE_USAGE), error) ||
      !zb_cli_normalise_date (&date, _("Date"), error) ||
      (store = zb_cli_open_store (cli, error)) == NULL ||
      (files = zb_store_list_recruit_files (store, error)) == NULL)
    return FALSE;

  if (date == NULL || !zb_date_parse_iso (date, &day))
    zb_date_set_today (&day);
  for (guint i = 0; i < files->len; i++)
    add_due_rows (rows, g_ptr_array_index (files, i), i, &day);
  g_ptr_array_sort (rows, compare_due);
  print_due (rows, format);
  return TRUE;
}

/* zhibu-cli recruit remove|restore STEP-ID: a step recorded by mistake, and
 * its undo; the person's record follows. */
static gboolean
recruit_tombstone (ZbCli     *cli,
                   int        argc,
                   char     **argv,
                   gboolean   remove,
                   GError   **error)
{
  g_autoptr(GOptionContext) context = g_option_context_new (NULL);
  g_autoptr(ZbStore) store = NULL;

  if (!zb_cli_parse (context, &argc, &argv, error))
    return FALSE;
  if (argc != 2)
    return zb_cli_usage (error, _("usage: zhibu-cli recruit remove|restore STEP-ID"));
  if ((store = zb_cli_open_store (cli, error)) == NULL)
    return FALSE;
  return remove ? zb_store_remove_recruit_step (store, argv[1], error)
                : zb_store_restore_recruit_step (store, argv[1], error);
}

/* zhibu-cli recruit report add PERSON-ID --date D --summary TEXT: prints
 * the new report's ID. */
static gboolean
report_add (ZbCli   *cli,
            int      argc,
            char   **argv,
            GError **error)
{
  g_autofree char *date = NULL, *summary = NULL, *id = NULL;
  g_autoptr(GOptionContext) context = g_option_context_new (NULL);
  g_autoptr(ZbStore) store = NULL;
  g_autoptr(ZbThoughtReport) report = NULL;
  const GOptionEntry entries[] = {
    { "date", 0, 0, G_OPTION_ARG_STRING, &date, N_("The day the report was received"),
      N_("YEAR-MONTH-DAY") },
    { "summary", 0, 0, G_OPTION_ARG_STRING, &summary,
      N_("What the report is about, in a few words"), N_("TEXT") },
    { NULL }
  };

  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!zb_cli_parse (context, &argc, &argv, error))
    return FALSE;
  if (argc != 2 || date == NULL || summary == NULL)
    return zb_cli_usage (error, "%s", _(REPORT_ADD_USAGE));
  if (!zb_cli_normalise_date (&date, _("Date received"), error) ||
      (store = zb_cli_open_store (cli, error)) == NULL)
    return FALSE;

  report = zb_thought_report_new (argv[1], date, summary);
  if ((id = zb_store_add_thought_report (store, report, error)) == NULL)
    return FALSE;
  printf ("%s\n", id);
  return TRUE;
}

static const char *report_header[] = { "id", "date", "summary" };

static void
print_reports_csv (GPtrArray *reports)
{
  g_autoptr(GString) out = g_string_new (NULL);

  zb_csv_append_row (out, report_header, G_N_ELEMENTS (report_header));
  for (guint i = 0; i < reports->len; i++)
    {
      ZbThoughtReport *report = g_ptr_array_index (reports, i);
      const char *row[] = { zb_thought_report_get_id (report),
                            zb_thought_report_get_date (report),
                            zb_thought_report_get_summary (report) };

      zb_csv_append_row (out, row, G_N_ELEMENTS (row));
    }
  fwrite (out->str, 1, out->len, stdout);
}

/* zhibu-cli recruit report list PERSON-ID: the person's written reports, by
 * the day received. */
static gboolean
report_list (ZbCli   *cli,
             int      argc,
             char   **argv,
             GError **error)
{
  g_autofree char *format = NULL;
  g_autoptr(GOptionContext) context = g_option_context_new (NULL);
  g_autoptr(ZbStore) store = NULL;
  g_autoptr(GPtrArray) reports = NULL;
  g_autoptr(ZbMember) member = NULL;
  const GOptionEntry entries[] = {
    { "format", 0, 0, G_OPTION_ARG_STRING, &format, N_("table, csv or json"), N_("FORMAT") },
    { NULL }
  };

  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!zb_cli_parse (context, &argc, &argv, error))
    return FALSE;
  if (argc != 2)
    return zb_cli_usage (error, "%s", _(REPORT_LIST_USAGE));
  if (!check_format (format, TRUE, _(REPORT_LIST_USAGE), error) ||
      (store = zb_cli_open_store (cli, error)) == NULL ||
      (member = zb_store_get_member (store, argv[1], error)) == NULL ||
      (reports = reports_of (store, argv[1], error)) == NULL)
    return FALSE;

  if (g_strcmp0 (format, "json") == 0)
    {
      g_autoptr(JsonBuilder) b = json_builder_new ();

      json_builder_begin_array (b);
      for (guint i = 0; i < reports->len; i++)
        add_report_json (b, g_ptr_array_index (reports, i));
      json_builder_end_array (b);
      print_json (b);
    }
  else if (g_strcmp0 (format, "csv") == 0)
    print_reports_csv (reports);
  else
    print_reports_table (reports);
  return TRUE;
}

/* zhibu-cli recruit report remove REPORT-ID: a report recorded by mistake. */
static gboolean
report_remove (ZbCli   *cli,
               int      argc,
               char   **argv,
               GError **error)
{
  g_autoptr(GOptionContext) context = g_option_context_new (NULL);
  g_autoptr(ZbStore) store = NULL;

  if (!zb_cli_parse (context, &argc, &argv, error))
    return FALSE;
  if (argc != 2)
    return zb_cli_usage (error, _("usage: zhibu-cli recruit report remove REPORT-ID"));
  if ((store = zb_cli_open_store (cli, error)) == NULL)
    return FALSE;
  return zb_store_remove_thought_report (store, argv[1], error);
}

/* zhibu-cli recruit report add|list|remove: the written reports (思想汇报)
 * of a person on the path (DOMAIN.md section 1: one each quarter). */
static gboolean
recruit_report (ZbCli   *cli,
                int      argc,
                char   **argv,
                GError **error)
{
  const char *what = argc > 1 ? argv[1] : "";

  if (g_str_equal (what, "add"))
    return report_add (cli, argc - 1, argv + 1, error);
  if (g_str_equal (what, "list"))
    return report_list (cli, argc - 1, argv + 1, error);
  if (g_str_equal (what, "remove"))
    return report_remove (cli, argc - 1, argv + 1, error);
  return zb_cli_usage (error, "%s", _(REPORT_USAGE));
}

/* zhibu-cli recruit leaving PERSON-ID DATE|--clear: the day the person is
 * expected to leave the unit (调离); a candidate leaving within three
 * months is usually not admitted, which check and status then say. */
static gboolean
recruit_leaving (ZbCli   *cli,
                 int      argc,
                 char   **argv,
                 GError **error)
{
  gboolean clear = FALSE;
  g_autofree char *date = NULL;
  g_autoptr(GOptionContext) context = g_option_context_new (NULL);
  g_autoptr(ZbStore) store = NULL;
  const GOptionEntry entries[] = {
    { "clear", 0, 0, G_OPTION_ARG_NONE, &clear, N_("No leaving is expected any more"), NULL },
    { NULL }
  };

  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!zb_cli_parse (context, &argc, &argv, error))
    return FALSE;
  if (clear ? argc != 2 : argc != 3)
    return zb_cli_usage (error, "%s", _(LEAVING_USAGE));
  date = clear ? NULL : g_strdup (argv[2]);
  if (!zb_cli_normalise_date (&date, _("Leaving date"), error) ||
      (store = zb_cli_open_store (cli, error)) == NULL)
    return FALSE;
  return zb_store_set_leaving_date (store, argv[1], date, error);
}

gboolean
zb_cli_recruit (ZbCli   *cli,
                int      argc,
                char   **argv,
                GError **error)
{
  const char *what = argc > 1 ? argv[1] : "";

  if (g_str_equal (what, "step"))
    return recruit_step (cli, argc - 1, argv + 1, error);
  if (g_str_equal (what, "status"))
    return recruit_status (cli, argc - 1, argv + 1, error);
  if (g_str_equal (what, "due"))
    return recruit_due (cli, argc - 1, argv + 1, error);
  if (g_str_equal (what, "remove") || g_str_equal (what, "restore"))
    return recruit_tombstone (cli, argc - 1, argv + 1, g_str_equal (what, "remove"), error);
  if (g_str_equal (what, "report"))
    return recruit_report (cli, argc - 1, argv + 1, error);
  if (g_str_equal (what, "leaving"))
    return recruit_leaving (cli, argc - 1, argv + 1, error);
  return zb_cli_usage (error, "%s", _(USAGE));
}
