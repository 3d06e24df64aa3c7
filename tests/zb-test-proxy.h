/* zb-test-proxy.h: an HTTP proxy on loopback that can drop a response
 *
 * Copyright 2026 The Zhibu authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

typedef struct _ZbTestProxy ZbTestProxy;

ZbTestProxy *zb_test_proxy_new       (const char  *upstream_url);
const char  *zb_test_proxy_get_url   (ZbTestProxy *self);
void         zb_test_proxy_cut_next  (ZbTestProxy *self,
                                      const char  *path_prefix);
guint        zb_test_proxy_get_n_cut (ZbTestProxy *self);
guint64      zb_test_proxy_take_bytes (ZbTestProxy *self);
void         zb_test_proxy_free      (ZbTestProxy *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ZbTestProxy, zb_test_proxy_free)

G_END_DECLS
