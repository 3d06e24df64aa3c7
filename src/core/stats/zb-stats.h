/* zb-stats.h: the branch's figures for a year (`zhibu-cli stats`, the dashboard)
 *
 * Copyright 2026 The Zhibu authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

#include "zb-meeting.h"
#include "zb-store.h"

G_BEGIN_DECLS

/* The categories of DOMAIN.md section 1, Party members first. */
#define ZB_STATS_N_CATEGORIES 5
/* The age bands of the Central Organisation Department's yearly statistical
 * communiqué (中国共产党党内统计公报): 30 and under, five-year bands to 60,
 * 61 and over. */
#define ZB_STATS_N_AGE_BANDS  8

typedef struct
{
  const char *key;     /* "up-to-30", "31-35", …, "61-and-over" */
  guint       from;    /* 0 for the first band */
  guint       to;      /* G_MAXUINT for the last band */
} ZbAgeBand;

/* One value of a free-text field (education) and how many have it. */
typedef struct
{
  char  *value;        /* NULL: not recorded */
  guint  count;
} ZbStatsCount;

/* One meeting type through the year, month by month (index 0 is January).
 * A period's requirement falls in the month it ends, the month the checker
 * judges it: a quarterly rule asks one meeting in March, June, September and
 * December. */
typedef struct
{
  const ZbMeetingType *type;
  guint                held[12];
  guint                required[12];
  guint                met[12];      /* of required, how many were held in the period */
} ZbStatsMeetings;

typedef enum
{
  ZB_STATS_ALL_RECORDS    = 0,
  ZB_STATS_FINALISED_ONLY = 1 << 0,  /* meetings the branch finalised (DOMAIN.md section 6) */
} ZbStatsFlags;

typedef struct
{
  guint            year;
  /* The part of the period in the year (ISO days): 1 January to 31 December
   * for `stats --year`; months outside from_month..to_month count nothing. */
  char            *from;
  char            *to;
  guint            from_month;  /* 1-12 */
  guint            to_month;    /* 1-12 */
  ZbStatsFlags     flags;
  char            *year_end;   /* the day the members are counted on: the period's last in the year */
  char            *as_of;      /* the day measures are counted on: year_end, or today */

  /* Members: who stood in the branch on year_end. by_category counts
   * everyone on the branch's books (Party members and the people in the
   * recruitment pipeline); sex, age and education count Party members. */
  guint            by_category[ZB_STATS_N_CATEGORIES];
  guint            members;    /* Party members: full and probationary */
  guint            men;
  guint            women;
  guint            by_age[ZB_STATS_N_AGE_BANDS];
  GPtrArray       *by_education;  /* ZbStatsCount, most first */

  ZbStatsMeetings *meetings;   /* one per type, in the order of zb_meeting_types() */
  guint            n_meetings;

  /* The first agenda item: meetings that open with one, and those whose
   * first item is filled in (topic, form, participants, proceedings). */
  guint            first_item_meetings[12];
  guint            first_items_studied[12];

  /* Implementation measures of the first item, on as_of. */
  guint            measures_open;
  guint            measures_overdue;

  /* Party dues, in fen: what the members owed month by month and what of
   * that is paid (zb_store_dues_year_locked), and the voluntary extra dues
   * paid in the year. */
  gint64           dues_due[12];
  gint64           dues_paid[12];
  gint64           dues_extra;

  /* The recruitment pipeline on year_end: the people in it by the stage of
   * their latest step (index 0 is stage 1), not those who became full
   * members or were taken out of it (DOMAIN.md section 1). */
  guint            pipeline[5];
} ZbStats;

const char      *zb_stats_category        (guint           index);
const ZbAgeBand *zb_stats_age_band        (guint           index);
guint            zb_stats_age_band_of     (guint           age);

ZbStats         *zb_store_stats           (ZbStore        *store,
                                           guint           year,
                                           GError        **error);
void             zb_store_stats_async     (ZbStore              *store,
                                           guint                 year,
                                           GCancellable         *cancellable,
                                           GAsyncReadyCallback   callback,
                                           gpointer              user_data);
ZbStats         *zb_store_stats_finish    (ZbStore              *store,
                                           GAsyncResult         *result,
                                           GError              **error);
ZbStats         *zb_store_stats_full      (ZbStore        *store,
                                           guint           year,
                                           const char     *from,
                                           const char     *to,
                                           ZbStatsFlags    flags,
                                           GError        **error);
GPtrArray       *zb_store_stats_period    (ZbStore        *store,
                                           const char     *from,
                                           const char     *to,
                                           ZbStatsFlags    flags,
                                           GError        **error);
void             zb_stats_free            (ZbStats        *stats);
JsonNode        *zb_stats_to_json         (const ZbStats  *stats);
JsonNode        *zb_stats_period_to_json  (GPtrArray      *years,
                                           const char     *from,
                                           const char     *to);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ZbStats, zb_stats_free)

G_END_DECLS
