#define G_LOG_DOMAIN "zb-stats-json"

#include "config.h"

#include "zb-stats.h"

/* The figures as JSON: `zhibu-cli stats --format json` and the dashboard's
 * exports. Keys are English and stable; months are "YYYY-MM"; counts are
 * integers. Money, once dues are recorded, is integer fen (DOMAIN.md
 * section 4), never a float. */

static void
add_int (JsonBuilder *b,
         const char  *name,
         gint64       value)
{
  json_builder_set_member_name (b, name);
  json_builder_add_int_value (b, value);
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
add_month (JsonBuilder   *b,
           const ZbStats *stats,
           guint          month)
{
  g_autofree char *name = g_strdup_printf ("%04u-%02u", stats->year, month);

  add_string (b, "month", name);
}

static void
add_members (JsonBuilder   *b,
             const ZbStats *stats)
{
  json_builder_set_member_name (b, "members");
  json_builder_begin_object (b);
  add_string (b, "on", stats->year_end);
  add_int (b, "party_members", stats->members);

  json_builder_set_member_name (b, "by_category");
  json_builder_begin_object (b);
  for (guint i = 0; i < ZB_STATS_N_CATEGORIES; i++)
    add_int (b, zb_stats_category (i), stats->by_category[i]);
  json_builder_end_object (b);

  json_builder_set_member_name (b, "by_sex");
  json_builder_begin_object (b);
  add_int (b, "M", stats->men);
  add_int (b, "F", stats->women);
  json_builder_end_object (b);

  json_builder_set_member_name (b, "by_age");
  json_builder_begin_array (b);
  for (guint i = 0; i < ZB_STATS_N_AGE_BANDS; i++)
    {
      const ZbAgeBand *band = zb_stats_age_band (i);

      json_builder_begin_object (b);
      add_string (b, "band", band->key);
      add_int (b, "from", band->from);
      json_builder_set_member_name (b, "to");
      if (band->to == G_MAXUINT)
        json_builder_add_null_value (b);
      else
        json_builder_add_int_value (b, band->to);
      add_int (b, "count", stats->by_age[i]);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);

  json_builder_set_member_name (b, "by_education");
  json_builder_begin_array (b);
  for (guint i = 0; i < stats->by_education->len; i++)
    {
      const ZbStatsCount *count = g_ptr_array_index (stats->by_education, i);

      json_builder_begin_object (b);
      add_string (b, "education", count->value);
      add_int (b, "count", count->count);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
  json_builder_end_object (b);
}

static const char *
period_name (ZbPeriod period)
{
  return period == ZB_PERIOD_MONTH ? "month" : period == ZB_PERIOD_QUARTER ? "quarter" : "year";
}

static void
add_meeting_type (JsonBuilder           *b,
                  const ZbStats         *stats,
                  const ZbStatsMeetings *m)
{
  guint held = 0, required = 0, met = 0;

  for (guint i = 0; i < 12; i++)
    {
      held += m->held[i];
      required += m->required[i];
      met += m->met[i];
    }

  json_builder_begin_object (b);
  add_string (b, "type", m->type->code);
  add_string (b, "period", period_name (m->type->period));
  json_builder_set_member_name (b, "per_group");
  json_builder_add_boolean_value (b, m->type->per_group);
  add_int (b, "held", held);
  add_int (b, "required", required);
  add_int (b, "met", met);
  json_builder_set_member_name (b, "months");
  json_builder_begin_array (b);
  for (guint i = stats->from_month - 1; i < stats->to_month; i++)
    {
      json_builder_begin_object (b);
      add_month (b, stats, i + 1);
      add_int (b, "held", m->held[i]);
      add_int (b, "required", m->required[i]);
      add_int (b, "met", m->met[i]);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
  json_builder_end_object (b);
}

static void
add_first_items (JsonBuilder   *b,
                 const ZbStats *stats)
{
  guint meetings = 0, studied = 0;

  for (guint i = 0; i < 12; i++)
    {
      meetings += stats->first_item_meetings[i];
      studied += stats->first_items_studied[i];
    }

  json_builder_set_member_name (b, "first_items");
  json_builder_begin_object (b);
  add_int (b, "meetings", meetings);
  add_int (b, "studied", studied);
  json_builder_set_member_name (b, "months");
  json_builder_begin_array (b);
  for (guint i = stats->from_month - 1; i < stats->to_month; i++)
    {
      json_builder_begin_object (b);
      add_month (b, stats, i + 1);
      add_int (b, "meetings", stats->first_item_meetings[i]);
      add_int (b, "studied", stats->first_items_studied[i]);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
  json_builder_end_object (b);
}

/* Dues collected against due, in fen (DOMAIN.md section 4): the year's
 * totals, the voluntary extra dues, and each month. */
static void
add_dues (JsonBuilder   *b,
          const ZbStats *stats)
{
  gint64 due = 0, paid = 0;

  for (guint i = 0; i < 12; i++)
    {
      due += stats->dues_due[i];
      paid += stats->dues_paid[i];
    }
  json_builder_set_member_name (b, "dues");
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "available");
  json_builder_add_boolean_value (b, TRUE);
  add_int (b, "due_fen", due);
  add_int (b, "collected_fen", paid);
  add_int (b, "extra_fen", stats->dues_extra);
  json_builder_set_member_name (b, "months");
  json_builder_begin_array (b);
  for (guint i = stats->from_month - 1; i < stats->to_month; i++)
    {
      json_builder_begin_object (b);
      add_month (b, stats, i + 1);
      add_int (b, "due_fen", stats->dues_due[i]);
      add_int (b, "collected_fen", stats->dues_paid[i]);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
  json_builder_end_object (b);
}

/* The people in the recruitment pipeline by stage (DOMAIN.md section 1,
 * stages 1 to 5), and their total. */
static void
add_recruitment (JsonBuilder   *b,
                 const ZbStats *stats)
{
  guint total = 0;

  json_builder_set_member_name (b, "recruitment");
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "available");
  json_builder_add_boolean_value (b, TRUE);
  json_builder_set_member_name (b, "stages");
  json_builder_begin_array (b);
  for (guint i = 0; i < G_N_ELEMENTS (stats->pipeline); i++)
    {
      json_builder_begin_object (b);
      add_int (b, "stage", i + 1);
      add_int (b, "people", stats->pipeline[i]);
      json_builder_end_object (b);
      total += stats->pipeline[i];
    }
  json_builder_end_array (b);
  add_int (b, "people", total);
  json_builder_end_object (b);
}

JsonNode *
zb_stats_to_json (const ZbStats *stats)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();

  json_builder_begin_object (b);
  add_int (b, "year", stats->year);
  add_string (b, "from", stats->from);
  add_string (b, "to", stats->to);
  json_builder_set_member_name (b, "finalised_only");
  json_builder_add_boolean_value (b, (stats->flags & ZB_STATS_FINALISED_ONLY) != 0);
  add_string (b, "as_of", stats->as_of);
  add_members (b, stats);

  json_builder_set_member_name (b, "meetings");
  json_builder_begin_array (b);
  for (guint t = 0; t < stats->n_meetings; t++)
    add_meeting_type (b, stats, &stats->meetings[t]);
  json_builder_end_array (b);

  add_first_items (b, stats);

  json_builder_set_member_name (b, "measures");
  json_builder_begin_object (b);
  add_string (b, "on", stats->as_of);
  add_int (b, "open", stats->measures_open);
  add_int (b, "overdue", stats->measures_overdue);
  json_builder_end_object (b);

  add_dues (b, stats);
  add_recruitment (b, stats);
  json_builder_end_object (b);
  return json_builder_get_root (b);
}

/* The figures of a period, `zhibu-cli stats --from --to --format json` and
 * the committee's dashboard: its bounds and each year's figures, as
 * zb_stats_to_json() writes them, the months outside the period left out. */
JsonNode *
zb_stats_period_to_json (GPtrArray  *years,
                         const char *from,
                         const char *to)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();

  json_builder_begin_object (b);
  add_string (b, "from", from);
  add_string (b, "to", to);
  json_builder_set_member_name (b, "years");
  json_builder_begin_array (b);
  for (guint i = 0; i < years->len; i++)
    json_builder_add_value (b, zb_stats_to_json (g_ptr_array_index (years, i)));
  json_builder_end_array (b);
  json_builder_end_object (b);
  return json_builder_get_root (b);
}
