/* zb-limits.h: what each column of a synced table may hold
 *
 * Copyright 2026 The Zhibu authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

/* Limits in characters (UTF-8 code points), not bytes. */
#define ZB_LIMIT_NAME    50      /* a person's, a group's, a template's name */
#define ZB_LIMIT_SHORT   100     /* places, titles, posts, organisations, letter numbers, roles */
#define ZB_LIMIT_ADDRESS 200
#define ZB_LIMIT_PHONE   20
#define ZB_LIMIT_NOTE    2000    /* notes and reasons */
#define ZB_LIMIT_LONG    15000   /* minutes, resolutions, the first item's texts, template bodies */
#define ZB_LIMIT_QUANTITY 1000000 /* minutes of study, tenths of points (schema step 9) */
/* A finalised record's snapshot (names and standing of everyone expected,
 * and the votes' ballots), in bytes as an op carries it: some 155 bytes an
 * attendee and 100 a ballot, so a general meeting of 1,500 members with a
 * vote fits (2,800 without one), and the rest of its row stays within an op's 512 KiB. Counted
 * in characters at 6 bytes each, as typed text is, it held only some 500. */
#define ZB_LIMIT_SNAPSHOT (440 * 1024)
/* A small count (days, hours, months), as the schema's CHECK bounds it. */
#define ZB_LIMIT_COUNT   1000

typedef enum
{
  ZB_COLUMN_LINE,        /* one line of text */
  ZB_COLUMN_LINES,       /* text of several lines: newlines and tabs allowed */
  ZB_COLUMN_DATE,        /* YYYY-MM-DD, any day */
  ZB_COLUMN_PAST_DATE,   /* YYYY-MM-DD, a day that has already come */
  ZB_COLUMN_TIME,        /* HH:MM */
  ZB_COLUMN_STAMP,       /* a moment, ISO 8601 */
  ZB_COLUMN_ID,          /* a row ID or a hash: printable ASCII */
  ZB_COLUMN_ENUM,        /* one of a few codes */
  ZB_COLUMN_FLAG,        /* the whole number 0 or 1 */
  ZB_COLUMN_POSITION,    /* a whole number from 1 */
  ZB_COLUMN_MONTH,       /* YYYY-MM, a calendar month */
  ZB_COLUMN_FEN,         /* money: a whole number of fen, 0 to ZB_MONEY_MAX_FEN */
  ZB_COLUMN_COUNT,       /* a whole number from 0 to ZB_LIMIT_COUNT */
  ZB_COLUMN_QUANTITY,    /* minutes, tenths of points: 0 to ZB_LIMIT_QUANTITY */
  ZB_COLUMN_RECORD,      /* JSON the store writes, one line: its limit counts bytes as an op
                          * carries it, escapes and all */
} ZbColumnKind;

typedef struct
{
  const char   *table;
  const char   *column;
  const char   *label;       /* the field's name in messages, N_() */
  ZbColumnKind  kind;
  guint         max_chars;   /* text kinds; ZB_COLUMN_RECORD: bytes, encoded */
  const char   *const *values;  /* ZB_COLUMN_ENUM: the codes */
  const char   *rule;        /* ZB_COLUMN_PAST_DATE: why it cannot lie ahead, N_() */
} ZbColumnLimit;

const ZbColumnLimit *zb_limits_all           (guint               *n_limits);
const ZbColumnLimit *zb_limits_lookup        (const char          *table,
                                              const char          *column);
char                *zb_limits_check_text    (const ZbColumnLimit *limit,
                                              const char          *value,
                                              const GDate         *latest);
char                *zb_limits_check_node    (const ZbColumnLimit *limit,
                                              JsonNode            *node,
                                              const GDate         *latest);
char                *zb_limits_describe      (const ZbColumnLimit *limit,
                                              const char          *issue);
char                *zb_limits_printable     (const char          *text);

G_END_DECLS
