#define G_LOG_DOMAIN "zb-pdf-meeting"

#include "config.h"

#include <glib/gi18n.h>

#include "zb-meeting-record.h"
#include "zb-pdf-records-private.h"

/* The meeting record (会议记录, DOMAIN.md section 2) and the first-item
 * study record (第一议题学习记录, section 3), from everything
 * zb_store_meeting_record() holds: a finalised record's names, votes and
 * signers come from the snapshot kept when it was signed, so that the copy
 * in the archive box and a print made years later are the same record. */

/* Adds "label：value" for a value that is there. */
static void
add_field (ZbPdfDocument *document,
           const char    *label,
           const char    *value)
{
  if (value != NULL && *value != '\0')
    zb_pdf_document_add_field (document, label, value);
}

/* One paragraph a line of @text, as the recorder typed it. */
static void
add_paragraphs (ZbPdfDocument *document,
                const char    *text)
{
  g_auto(GStrv) lines = g_strsplit (text ? text : "", "\n", -1);

  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_strstrip (lines[i]);
      if (*lines[i] != '\0')
        zb_pdf_document_add_paragraph (document, lines[i]);
    }
}

static char *
dup_type_label (JsonObject *record)
{
  const ZbMeetingType *type = zb_meeting_type_lookup (zb_pdf_json_text (record, "type"));

  return g_strdup (type ? _(type->label) : zb_pdf_json_text (record, "type"));
}

/* "2026年3月5日 14:00–16:00" */
static char *
dup_when (JsonObject *record)
{
  g_autofree char *date = zb_pdf_format_date (zb_pdf_json_text (record, "date"));
  const char *start = zb_pdf_json_text (record, "start_time");
  const char *end = zb_pdf_json_text (record, "end_time");

  if (start == NULL)
    return g_steal_pointer (&date);
  return g_strconcat (date, " ", start, end ? "–" : "", end, NULL);
}

static const char *
get_branch (JsonObject *record,
            ZbStore    *store)
{
  const char *branch = zb_pdf_json_text (record, "branch");

  return branch ? branch : zb_store_get_branch_name (store);
}

static char *
dup_guests (JsonObject *record)
{
  JsonArray *guests = json_object_get_array_member (record, "guests");
  GString *names = g_string_new (NULL);

  for (guint i = 0; i < json_array_get_length (guests); i++)
    {
      JsonObject *g = json_array_get_object_element (guests, i);
      const char *affiliation = zb_pdf_json_text (g, "affiliation");

      g_string_append_printf (names, "%s%s", i > 0 ? "、" : "", zb_pdf_json_text (g, "name"));
      if (affiliation != NULL)
        g_string_append_printf (names, "（%s）", affiliation);
    }
  return g_string_free (names, FALSE);
}

/* 应到, 实到, 请假 and 缺席, counted from the attendance of the day. */
static char *
dup_counts (JsonArray *attendees)
{
  guint present = 0, leave = 0, absent = 0;

  for (guint i = 0; i < json_array_get_length (attendees); i++)
    {
      const char *state = zb_pdf_json_text (json_array_get_object_element (attendees, i),
                                            "state");

      present += g_strcmp0 (state, "present") == 0;
      leave += g_strcmp0 (state, "leave") == 0;
      absent += g_strcmp0 (state, "absent") == 0;
    }
  /* TRANSLATORS: 应到, 实到, 请假 and 缺席 on a printed meeting record */
  return g_strdup_printf (_("%u expected, %u present, %u on leave, %u absent"),
                          json_array_get_length (attendees), present, leave, absent);
}

static void
add_attendance (ZbPdfDocument *document,
                JsonObject    *record)
{
  const char *columns[] = { _("Name"), _("Attendance"), _("Reason"), NULL };
  const double widths[] = { 0.25, 0.2, 0.55 };
  JsonArray *attendees = json_object_get_array_member (record, "attendees");
  g_autoptr(GPtrArray) rows = zb_pdf_rows_new ();
  g_autofree char *counts = dup_counts (attendees);
  g_autofree char *guests = dup_guests (record);

  zb_pdf_document_add_field (document, _("Attendance"), counts);
  /* TRANSLATORS: 列席人员, the non-member attendees of a meeting */
  add_field (document, _("Attending without a vote"), guests);
  if (json_array_get_length (attendees) == 0)
    return;

  for (guint i = 0; i < json_array_get_length (attendees); i++)
    {
      JsonObject *a = json_array_get_object_element (attendees, i);

      zb_pdf_rows_add (rows, 3, zb_pdf_json_text (a, "name"),
                       zb_attendance_label (zb_pdf_json_text (a, "state")),
                       zb_pdf_json_text (a, "reason"));
    }
  zb_pdf_document_add_table (document, columns, widths, rows);
}

static void
add_contributions (ZbPdfDocument *document,
                   JsonObject    *first)
{
  JsonArray *contributions = json_object_get_array_member (first, "contributions");

  if (contributions == NULL || json_array_get_length (contributions) == 0)
    return;

  /* TRANSLATORS: 交流研讨发言, what each participant said in the study */
  zb_pdf_document_add_heading (document, 2, _("Contributions"));
  for (guint i = 0; i < json_array_get_length (contributions); i++)
    {
      JsonObject *c = json_array_get_object_element (contributions, i);

      zb_pdf_document_add_field (document, zb_pdf_json_text (c, "speaker") ?: "",
                                 zb_pdf_json_text (c, "summary"));
    }
}

/* The first agenda item (第一议题, DOMAIN.md section 3): what local notices
 * require (topic, form, participants, proceedings) and what common
 * practice adds (material, source, leader, contributions). */
static void
add_first_item_body (ZbPdfDocument *document,
                     JsonObject    *first)
{
  static const struct { const char *key; const char *label; } fields[] = {
    { "topic", N_("Study topic") }, { "form", N_("Form") },
    { "material", N_("Study material") }, { "source", N_("Source") },
    { "source_date", N_("Publication date") }, { "leader", N_("Led by") },
    { "participants", N_("Participants") },
  };
  const char *proceedings = zb_pdf_json_text (first, "proceedings");

  for (guint i = 0; i < G_N_ELEMENTS (fields); i++)
    {
      const char *value = zb_pdf_json_text (first, fields[i].key);
      g_autofree char *date = NULL;

      if (value != NULL && g_str_equal (fields[i].key, "source_date"))
        value = date = zb_pdf_format_date (value);
      add_field (document, _(fields[i].label), value);
    }
  if (proceedings != NULL)
    {
      zb_pdf_document_add_heading (document, 2, _("Proceedings"));
      add_paragraphs (document, proceedings);
    }
  add_contributions (document, first);
}

/* The counts alone, never who voted how: admission and full membership
 * are voted by secret ballot (DOMAIN.md section 2). */
static void
add_votes (ZbPdfDocument *document,
           JsonObject    *item)
{
  JsonObject *votes = json_object_get_object_member (item, "votes");
  JsonArray *ballots = json_object_get_array_member (votes, "ballots");
  const char *result = zb_pdf_json_text (item, "vote_result");
  g_autofree char *text = NULL;

  if (json_array_get_length (ballots) == 0 && result == NULL)
    return;

  /* TRANSLATORS: the counts of a vote on a printed record, then its result */
  text = g_strdup_printf (_("%d for, %d against, %d abstaining: %s"),
                          (int) json_object_get_int_member_with_default (votes, "yes", 0),
                          (int) json_object_get_int_member_with_default (votes, "no", 0),
                          (int) json_object_get_int_member_with_default (votes, "abstain", 0),
                          g_strcmp0 (result, "passed") == 0 ? _("passed")
                          : result != NULL ? _("not passed") : _("no result recorded"));
  zb_pdf_document_add_field (document, _("Vote"), text);
  if (json_object_has_member (votes, "voting_expected"))
    {
      g_autofree char *voters = NULL;

      /* TRANSLATORS: members with a vote (有表决权) expected and present */
      voters = g_strdup_printf (_("%d expected, %d present"),
                                (int) json_object_get_int_member (votes, "voting_expected"),
                                (int) json_object_get_int_member (votes, "voting_present"));
      zb_pdf_document_add_field (document, _("Members with a vote"), voters);
    }
}

static void
add_agenda (ZbPdfDocument *document,
            JsonArray     *items)
{
  if (items == NULL || json_array_get_length (items) == 0)
    return;

  /* TRANSLATORS: 会议议程, the items discussed, with their minutes */
  zb_pdf_document_add_heading (document, 1, _("Agenda and minutes"));
  for (guint i = 0; i < json_array_get_length (items); i++)
    {
      JsonObject *item = json_array_get_object_element (items, i);
      g_autofree char *heading = NULL;

      heading = g_strdup_printf (_("Item %d: %s"),
                                 (int) json_object_get_int_member (item, "position"),
                                 zb_pdf_json_text (item, "title"));
      zb_pdf_document_add_heading (document, 2, heading);
      add_paragraphs (document, zb_pdf_json_text (item, "minutes"));
      add_field (document, _("Resolution"), zb_pdf_json_text (item, "resolution"));
      add_votes (document, item);
    }
}

static const char *
measure_state (JsonObject *m)
{
  /* TRANSLATORS: a measure's state on a printed record */
  return zb_pdf_json_text (m, "done_date") != NULL ? _("Carried out") : _("Not yet carried out");
}

/* 贯彻落实举措: each with its owner, due date and state (DOMAIN.md section 3). */
static void
add_measures (ZbPdfDocument *document,
              JsonArray     *measures)
{
  const char *columns[] = { _("Measure"), _("Owner"), _("Due date"), _("State"), NULL };
  const double widths[] = { 0.5, 0.16, 0.2, 0.14 };
  g_autoptr(GPtrArray) rows = zb_pdf_rows_new ();

  if (measures == NULL || json_array_get_length (measures) == 0)
    return;

  for (guint i = 0; i < json_array_get_length (measures); i++)
    {
      JsonObject *m = json_array_get_object_element (measures, i);
      g_autofree char *due = zb_pdf_format_date (zb_pdf_json_text (m, "due_date"));
      const char *note = zb_pdf_json_text (m, "done_note");
      g_autofree char *text = NULL;

      /* 落实情况: how a measure done was done, after it. */
      text = note ? g_strdup_printf ("%s（%s）", zb_pdf_json_text (m, "text"), note)
                  : g_strdup (zb_pdf_json_text (m, "text"));
      zb_pdf_rows_add (rows, 4, text, zb_pdf_json_text (m, "owner"), due, measure_state (m));
    }
  /* TRANSLATORS: 贯彻落实举措 */
  zb_pdf_document_add_heading (document, 1, _("Implementation measures"));
  zb_pdf_document_add_table (document, columns, widths, rows);
}

static void
add_signatures (ZbPdfDocument *document,
                JsonObject    *record)
{
  /* TRANSLATORS: 主持人（签字）, a signature line */
  const char *labels[] = { _("Chair (signature)"),
                           /* TRANSLATORS: 记录人（签字）, a signature line */
                           _("Recorder (signature)"), NULL };
  gboolean finalised = zb_pdf_json_text (record, "finalized_at") != NULL;
  const char *chair = zb_pdf_json_text (record, "chair");
  const char *recorder = zb_pdf_json_text (record, "recorder");
  const char *names[] = { finalised && chair ? chair : "", finalised && recorder ? recorder : "",
                          NULL };

  zb_pdf_document_add_signatures (document, labels, names);
}

/* The footer of a finalised record: the hash `zhibu-cli verify` checks in
 * the chain of its device, so that a print can be matched to the database. */
static void
add_chain_note (ZbPdfDocument *document,
                JsonObject    *record)
{
  const char *finalized = zb_pdf_json_text (record, "finalized_at");
  g_autofree char *moment = NULL, *note = NULL;

  if (finalized == NULL)
    return;

  moment = zb_pdf_format_moment (finalized);

  /* TRANSLATORS: the small print of a finalised record: when it was
   * finalised, the device that signed it, and the record's chain hash */
  note = g_strdup_printf (_("Finalised %s on device %s. Chain hash: %s"), moment,
                          zb_pdf_json_text (record, "device_id") ?: "—",
                          zb_pdf_json_text (record, "chain_hash") ?: "—");
  zb_pdf_document_add_note (document, note);
}

/* An addendum names the record it corrects; a record lists its addenda. */
static gboolean
add_addendum_links (ZbPdfDocument *document,
                    ZbStore       *store,
                    JsonObject    *record,
                    GError       **error)
{
  const char *original_id = zb_pdf_json_text (record, "addendum_of");
  JsonArray *addenda = json_object_get_array_member (record, "addenda");

  if (original_id != NULL)
    {
      g_autoptr(ZbMeeting) original = zb_store_get_meeting (store, original_id, error);
      g_autofree char *date = NULL, *text = NULL;

      if (original == NULL)
        return FALSE;
      date = zb_pdf_format_date (zb_meeting_get_date (original));
      text = g_strdup_printf ("%s “%s”", date, zb_meeting_get_title (original));
      /* TRANSLATORS: 补充记录: the record an addendum corrects */
      zb_pdf_document_add_field (document, _("Addendum to the record of"), text);
    }
  for (guint i = 0; addenda != NULL && i < json_array_get_length (addenda); i++)
    {
      JsonObject *a = json_array_get_object_element (addenda, i);
      g_autofree char *date = zb_pdf_format_date (zb_pdf_json_text (a, "date"));
      g_autofree char *note = NULL;

      /* TRANSLATORS: a note on a record corrected by an addendum (补充记录),
       * printed on its own: the addendum's date and title */
      note = g_strdup_printf (_("Corrected by an addendum of %s: “%s”"), date,
                              zb_pdf_json_text (a, "title"));
      zb_pdf_document_add_note (document, note);
    }
  return TRUE;
}

static void
add_details (ZbPdfDocument *document,
             ZbStore       *store,
             JsonObject    *record,
             const char    *anchor)
{
  g_autofree char *type = dup_type_label (record);
  g_autofree char *title = NULL;
  g_autofree char *when = dup_when (record);

  /* TRANSLATORS: a printed record's title: 支部委员会会议记录 */
  title = g_strdup_printf (_("%s record"), type);
  zb_pdf_document_add_title (document, title);
  if (anchor != NULL)
    zb_pdf_document_set_anchor (document, anchor);
  zb_pdf_document_add_subtitle (document, get_branch (record, store));
  zb_pdf_document_add_field (document, _("Meeting title"), zb_pdf_json_text (record, "title"));
  zb_pdf_document_add_field (document, _("Time"), when);
  zb_pdf_document_add_field (document, _("Place"), zb_pdf_json_text (record, "place"));
  add_field (document, _("Party group"), zb_pdf_json_text (record, "party_group"));
  zb_pdf_document_add_field (document, _("Chair"), zb_pdf_json_text (record, "chair"));
  zb_pdf_document_add_field (document, _("Recorder"), zb_pdf_json_text (record, "recorder"));
}

static JsonNode *
load_record (ZbStore     *store,
             const char  *meeting_id,
             GError     **error)
{
  GError *local_error = NULL;
  JsonNode *record = zb_store_meeting_record (store, meeting_id, &local_error);

  if (record == NULL)
    zb_pdf_take_store_error (error, local_error);
  return record;
}

static gboolean
add_record (ZbPdfDocument  *document,
            ZbStore        *store,
            JsonObject     *record,
            const char     *anchor,
            GError        **error)
{
  add_details (document, store, record, anchor);
  if (!add_addendum_links (document, store, record, error))
    return FALSE;
  add_attendance (document, record);
  if (!json_object_get_null_member (record, "first_item"))
    {
      zb_pdf_document_add_heading (document, 1, _("First agenda item"));
      add_first_item_body (document, json_object_get_object_member (record, "first_item"));
    }
  add_agenda (document, json_object_get_array_member (record, "agenda_items"));
  add_measures (document, json_object_get_array_member (record, "measures"));
  add_signatures (document, record);
  add_chain_note (document, record);
  return TRUE;
}

/* Appends the whole record of a meeting, its title named @anchor. */
gboolean
zb_pdf_add_meeting (ZbPdfDocument  *document,
                    ZbStore        *store,
                    const char     *meeting_id,
                    const char     *anchor,
                    GError        **error)
{
  g_autoptr(JsonNode) node = load_record (store, meeting_id, error);

  return node != NULL && add_record (document, store, json_node_get_object (node), anchor,
                                     error);
}

static ZbPdfDocument *
new_document (ZbStore    *store,
              JsonObject *record,
              const char *subject)
{
  return zb_pdf_document_new (zb_pdf_json_text (record, "title"), subject,
                              get_branch (record, store));
}

/* The meeting record (会议记录) of DOMAIN.md section 2. */
ZbPdfDocument *
zb_pdf_meeting_record (ZbStore     *store,
                       const char  *meeting_id,
                       GError     **error)
{
  g_autoptr(JsonNode) node = load_record (store, meeting_id, error);
  g_autoptr(ZbPdfDocument) document = NULL;

  if (node == NULL)
    return NULL;

  document = new_document (store, json_node_get_object (node), _("Meeting record"));
  if (!add_record (document, store, json_node_get_object (node), NULL, error))
    return NULL;
  return g_steal_pointer (&document);
}

/* The first-item study record (第一议题学习记录): the study of the meeting
 * alone, with its measures, for the files the higher committee asks for. */
ZbPdfDocument *
zb_pdf_first_item_record (ZbStore     *store,
                          const char  *meeting_id,
                          GError     **error)
{
  g_autoptr(JsonNode) node = load_record (store, meeting_id, error);
  g_autoptr(ZbPdfDocument) document = NULL;
  g_autofree char *type = NULL, *when = NULL;
  JsonObject *record;

  if (node == NULL)
    return NULL;

  record = json_node_get_object (node);
  if (json_object_get_null_member (record, "first_item"))
    {
      g_set_error (error, ZB_PDF_ERROR, ZB_PDF_ERROR_EMPTY,
                   _("The meeting “%s” of %s has no first agenda item (第一议题)"),
                   zb_pdf_json_text (record, "title"), zb_pdf_json_text (record, "date"));
      return NULL;
    }

  type = dup_type_label (record);
  when = dup_when (record);
  document = new_document (store, record, _("First agenda item study record"));
  /* TRANSLATORS: the title of 第一议题学习记录 */
  zb_pdf_document_add_title (document, _("First agenda item study record"));
  zb_pdf_document_add_subtitle (document, get_branch (record, store));
  zb_pdf_document_add_field (document, _("Meeting title"), zb_pdf_json_text (record, "title"));
  zb_pdf_document_add_field (document, _("Meeting type"), type);
  zb_pdf_document_add_field (document, _("Time"), when);
  zb_pdf_document_add_field (document, _("Place"), zb_pdf_json_text (record, "place"));
  zb_pdf_document_add_field (document, _("Chair"), zb_pdf_json_text (record, "chair"));
  add_first_item_body (document, json_object_get_object_member (record, "first_item"));
  add_measures (document, json_object_get_array_member (record, "measures"));
  add_signatures (document, record);
  add_chain_note (document, record);
  return g_steal_pointer (&document);
}
