/* zb-search-result.h: one record found by a search, with its match to show
 *
 * Copyright 2026 The Zhibu authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

typedef enum
{
  ZB_SEARCH_MEMBERS = 1 << 0,
  ZB_SEARCH_MINUTES = 1 << 1,
  ZB_SEARCH_ALL     = ZB_SEARCH_MEMBERS | ZB_SEARCH_MINUTES,
} ZbSearchKinds;

#define ZB_TYPE_SEARCH_RESULT (zb_search_result_get_type ())

G_DECLARE_FINAL_TYPE (ZbSearchResult, zb_search_result, ZB, SEARCH_RESULT, GObject)

ZbSearchResult *zb_search_result_new          (ZbSearchKinds   kind,
                                               const char     *record_id,
                                               const char     *title,
                                               const char     *detail,
                                               const char     *snippet,
                                               GArray         *matches);
ZbSearchKinds   zb_search_result_get_kind     (ZbSearchResult *self);
const char     *zb_search_result_get_kind_key (ZbSearchResult *self);
const char     *zb_search_result_get_record_id (ZbSearchResult *self);
const char     *zb_search_result_get_title    (ZbSearchResult *self);
const char     *zb_search_result_get_detail   (ZbSearchResult *self);
const char     *zb_search_result_get_snippet  (ZbSearchResult *self);
GArray         *zb_search_result_get_matches  (ZbSearchResult *self);

G_END_DECLS
