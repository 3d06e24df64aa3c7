/* The proof behind lsan-suppressions.txt's GIO entry: GLib 2.74 (Debian 12) alone, the default
 * proxy resolver asked for once, as libsoup's session does on its first connection, loses the
 * GIOModule of the proxy module it loads (libgiolibproxy.so or libgiognomeproxy.so, installed
 * with glib-networking): a direct leak of 96 bytes under g_io_module_new and its path, 58 bytes,
 * once per process. It appeared on 2026-12-02 when those modules came onto the machine
 * (giomodule.cache lists them); GIO_USE_PROXY_RESOLVER=dummy does not avoid it.
 *
 *   gcc -g -fsanitize=address -o /tmp/proxy-resolver proxy-resolver.c \
 *     $(pkg-config --cflags --libs gio-2.0)
 *   G_SLICE=always-malloc ASAN_OPTIONS=fast_unwind_on_malloc=0 /tmp/proxy-resolver
 *
 * Copyright 2026 The Zhibu authors
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include <gio/gio.h>

int
main (void)
{
  GProxyResolver *resolver = g_proxy_resolver_get_default ();

  g_print ("%s\n", G_OBJECT_TYPE_NAME (resolver));
  return 0;
}
