/* zb-pinyin.h: names in the order Chinese readers expect, by pinyin
 *
 * Copyright 2026 The Zhibu authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct _ZbPinyin ZbPinyin;

ZbPinyin *zb_pinyin_new         (void);
void      zb_pinyin_free        (ZbPinyin   *self);
int       zb_pinyin_compare     (ZbPinyin   *self,
                                 const char *a,
                                 gssize      a_length,
                                 const char *b,
                                 gssize      b_length);
GBytes   *zb_pinyin_sort_key    (ZbPinyin   *self,
                                 const char *text,
                                 gssize      length);
char     *zb_pinyin_get_version (ZbPinyin   *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ZbPinyin, zb_pinyin_free)

G_END_DECLS
