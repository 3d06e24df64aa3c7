/* zb-base-review.h: a member's dues base as the yearly review finds it
 *
 * Copyright 2026 The Zhibu authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define ZB_TYPE_BASE_REVIEW (zb_base_review_get_type ())

G_DECLARE_FINAL_TYPE (ZbBaseReview, zb_base_review, ZB, BASE_REVIEW, GObject)

ZbBaseReview *zb_base_review_new           (const char   *member_id,
                                            const char   *name,
                                            const char   *kind,
                                            gint64        base_fen,
                                            const char   *from_month,
                                            gboolean      reviewed);
const char   *zb_base_review_get_member_id (ZbBaseReview *self);
const char   *zb_base_review_get_name      (ZbBaseReview *self);
const char   *zb_base_review_get_kind      (ZbBaseReview *self);
gint64        zb_base_review_get_base_fen  (ZbBaseReview *self);
const char   *zb_base_review_get_from_month (ZbBaseReview *self);
gboolean      zb_base_review_get_reviewed  (ZbBaseReview *self);

G_END_DECLS
