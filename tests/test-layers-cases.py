#!/usr/bin/env python3
# test-layers-cases: feeds test-layers.py small trees, each with one violation, and
# expects it to fail and to name the file and line; a clean tree must pass.
#
# usage: test-layers-cases.py PATH/TO/test-layers.py
#
# Copyright 2026 The Zhibu authors
# SPDX-License-Identifier: GPL-3.0-or-later

import os
import subprocess
import sys
import tempfile

# A clean tree: rooms including downwards, a file and its own -private.h
# including each other (one module), the app including everything.
CLEAN = {
    'src/core/base/zb-date.h': '#pragma once\n#include <glib.h>\n',
    'src/core/base/zb-date.c': '#include "config.h"\n#include "zb-date.h"\n',
    'src/core/records/zb-member.h': '#pragma once\n#include "zb-date.h"\n',
    'src/core/records/zb-member.c': '#include "zb-member.h"\n',
    'src/core/store/zb-store.h': '#pragma once\n#include "zb-member.h"\n',
    'src/core/store/zb-store-private.h': '#pragma once\n#include "zb-store.h"\n',
    'src/core/store/zb-store.c': '#include <sqlite3.h>\n#include "zb-store-private.h"\n',
    'src/core/store/zb-store-members.c': '#include "zb-store-private.h"\n',
    'src/core/checks/zb-checker.c': '#include "zb-store-private.h"\n#include "zb-date.h"\n',
    'src/sync/zb-sync-client.h': '#pragma once\n#include "zb-store.h"\n',
    'src/sync/zb-sync-client.c': '#include <libsoup/soup.h>\n#include "zb-sync-client.h"\n',
    'src/pdf/zb-pdf-meeting.c': '#include <pango/pangocairo.h>\n#include "zb-store.h"\n',
    'src/cli/zb-cli.c': '#include "zb-sync-client.h"\n',
    'src/server/zb-server.c': '#include <libsoup/soup.h>\n#include "zb-date.h"\n',
    'src/xls-reader/main.c': '#include <freexl.h>\n#include "zb-store.h"\n',
    'src/app/zb-window.h': '#pragma once\n#include <adwaita.h>\n#include "zb-store.h"\n',
    'src/app/zb-window.c': '#include <gtk/gtk.h>\n#include "zb-window.h"\n#include "zb-sync-client.h"\n',
}

# Each case: the files it adds or replaces, and the FILE:LINE the failure must name.
CASES = {
    'GTK include in core': (
        {'src/core/records/zb-member.c': '#include "zb-member.h"\n\n#include <gtk/gtk.h>\n'},
        ['src/core/records/zb-member.c:3:']),
    'libadwaita include in core': (
        {'src/core/base/zb-date.c': '#include <adwaita.h>\n'},
        ['src/core/base/zb-date.c:1:']),
    'libsoup include in core': (
        {'src/core/store/zb-store-members.c': '#include "zb-store-private.h"\n#include <libsoup/soup.h>\n'},
        ['src/core/store/zb-store-members.c:2:']),
    'Poppler include in core': (
        {'src/core/checks/zb-checker.c': '#include <poppler.h>\n'},
        ['src/core/checks/zb-checker.c:1:']),
    'FreeXL include in core': (
        {'src/core/base/zb-date.c': '#include <freexl.h>\n'},
        ['src/core/base/zb-date.c:1:']),
    'sync header in the xls reader': (
        {'src/xls-reader/main.c': '#include <freexl.h>\n#include "zb-sync-client.h"\n'},
        ['src/xls-reader/main.c:2:']),
    'a core room including a higher room': (
        {'src/core/records/zb-member.c': '#include "zb-member.h"\n#include "zb-store.h"\n'},
        ['src/core/records/zb-member.c:2:']),
    'a core room including a room beside it': (
        {'src/core/io/zb-demo.c': '#include "zb-checker.h"\n',
         'src/core/checks/zb-checker.h': '#pragma once\n'},
        ['src/core/io/zb-demo.c:1:']),
    'a core room not in the room order': (
        {'src/core/misc/zb-misc.c': '#include "zb-date.h"\n'},
        ['src/core/misc/zb-misc.c:1:']),
    'a file at the top of core': (
        {'src/core/zb-loose.c': '#include "zb-date.h"\n'},
        ['src/core/zb-loose.c:1:']),
    'core including the app': (
        {'src/core/store/zb-store-members.c': '#include "zb-window.h"\n'},
        ['src/core/store/zb-store-members.c:1:']),
    'app header in sync': (
        {'src/sync/zb-sync-client.c': '#include "zb-sync-client.h"\n#include "zb-window.h"\n'},
        ['src/sync/zb-sync-client.c:2:']),
    'app header in pdf': (
        {'src/pdf/zb-pdf-meeting.c': '#include "zb-window.h"\n'},
        ['src/pdf/zb-pdf-meeting.c:1:']),
    'app header in cli': (
        {'src/cli/zb-cli.c': '#include "zb-sync-client.h"\n#include "zb-window.h"\n'},
        ['src/cli/zb-cli.c:2:']),
    'app header in server': (
        {'src/server/zb-server.c': '#include "zb-window.h"\n'},
        ['src/server/zb-server.c:1:']),
    'a 2-file cycle': (
        {'src/sync/zb-sync-transport.h': '#pragma once\n',
         'src/sync/zb-sync-transport.c': '#include "zb-sync-transport.h"\n#include "zb-sync-client.h"\n',
         'src/sync/zb-sync-client.c': '#include "zb-sync-client.h"\n#include "zb-sync-transport.h"\n'},
        ['src/sync/zb-sync-transport.c:2:', 'src/sync/zb-sync-client.c:2:']),
    'a 2-file cycle through a -private.h': (
        {'src/core/store/zb-store-private.h': '#pragma once\n#include "zb-store.h"\n#include "zb-store-sync.h"\n',
         'src/core/store/zb-store-sync.h': '#pragma once\n',
         'src/core/store/zb-store-sync.c': '#include "zb-store-sync.h"\n#include "zb-store.h"\n'},
        ['src/core/store/zb-store-private.h:3:', 'src/core/store/zb-store-sync.c:2:']),
    'a 3-file cycle': (
        {'src/app/zb-a.h': '#pragma once\n',
         'src/app/zb-b.h': '#pragma once\n',
         'src/app/zb-c.h': '#pragma once\n',
         'src/app/zb-a.c': '#include "zb-a.h"\n#include "zb-b.h"\n',
         'src/app/zb-b.c': '#include "zb-b.h"\n\n#include "zb-c.h"\n',
         'src/app/zb-c.c': '#include "zb-c.h"\n#include <gtk/gtk.h>\n#include "zb-a.h"\n'},
        ['src/app/zb-a.c:2:', 'src/app/zb-b.c:3:', 'src/app/zb-c.c:3:']),
}


def run(script, files):
    with tempfile.TemporaryDirectory(prefix='test-layers-') as root:
        for rel, text in files.items():
            path = os.path.join(root, rel)
            os.makedirs(os.path.dirname(path), exist_ok=True)
            with open(path, 'w', encoding='utf-8') as f:
                f.write(text)
        done = subprocess.run([sys.executable, script, root], capture_output=True, text=True)
        return done.returncode, done.stdout


def main():
    script = sys.argv[1]
    failures = 0

    status, output = run(script, CLEAN)
    if status != 0:
        print(f'not ok - a clean tree fails (exit {status}):\n{output}')
        failures += 1
    else:
        print('ok - a clean tree passes')

    for name, (changes, expected) in CASES.items():
        status, output = run(script, {**CLEAN, **changes})
        named = [where for where in expected
                 if not any(line.startswith(where) for line in output.splitlines())]
        if status != 1 or named:
            print(f'not ok - {name}: exit {status}, not named: {named}\n{output}')
            failures += 1
        else:
            print(f'ok - {name}: ' + '; '.join(line for line in output.splitlines()
                                               if line.startswith(tuple(expected))))
    return 1 if failures else 0


if __name__ == '__main__':
    sys.exit(main())
