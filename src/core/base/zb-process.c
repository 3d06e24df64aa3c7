/* zb-process.c: what every Zhibu program does to itself when it starts
 *
 * Copyright 2026 The Zhibu authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "zb-process"

#include "config.h"

#include <sys/prctl.h>
#include <sys/resource.h>

#include "zb-process.h"

/* A core dump of the app, the CLI or the server holds the database's key
 * and decrypted pages: ID numbers and phones in a file anyone reading
 * /var/lib/systemd/coredump can open (SECURITY.md, "Crash output"). The
 * limit stops a dump written to a file; the dumpable flag also stops one
 * piped to a crash collector, which ignores the limit. Debuggers run as
 * root, or start the program themselves, still work. */
void
zb_process_forbid_core_dumps (void)
{
  const struct rlimit none = { 0, 0 };

  if (setrlimit (RLIMIT_CORE, &none) != 0)
    g_debug ("Could not lower the core file size limit");
  if (prctl (PR_SET_DUMPABLE, 0, 0, 0, 0) != 0)
    g_debug ("Could not mark the process as not dumpable");
}
