#!/usr/bin/env python3
# test-layers: keeps the layers of DESIGN.md ("Layout") from the #include lines of src/.
#
# usage: test-layers.py SOURCE_ROOT
#
# Quoted includes resolve to the files of src/ by their base name (a name found in the
# including file's own folder first); <...> includes are matched by prefix. Every violation
# is printed as FILE:LINE: what is wrong, and the exit status is then 1.
#
# Copyright 2026 The Zhibu authors
# SPDX-License-Identifier: GPL-3.0-or-later

import os
import re
import sys

# The rooms of src/core from the bottom, with why each stands where it does. A room includes
# only rooms of a lower level (and itself); rooms of one level do not include each other.
CORE_ROOMS = {
    # Dates, ID numbers, canonical JSON, UUIDs, column limits, shared error domains: plain
    # functions that know no record, so that everything can use them.
    'base': 0,
    # The record types and their own field checks: they need base's dates and errors only.
    'records': 1,
    # Party rules as pure functions over records (member rules, standing, votes): no storage,
    # so that every rule is tested without a database.
    'rules': 2,
    # The encrypted database: it keeps records and enforces the rules on write.
    'store': 3,
    # Above the store, side by side: the checker, data in and out, and read-only views.
    'checks': 4,
    'io': 4,
    'views': 4,
    # The branch's figures for a year: they read the store and count the meetings due by the
    # checker's own meeting-frequency rule, so they stand above checks.
    'stats': 5,
}

# Headers core must not include: it has no widgets, no network and no PDF reader.
CORE_FORBIDDEN = [
    ('<gtk/', 'GTK'),
    ('<gdk/', 'GDK'),
    ('<adwaita.h>', 'libadwaita'),
    ('<libsoup/', 'libsoup'),
    ('<poppler', 'Poppler'),
    # A damaged .xls crashes FreeXL: it runs in zhibu-xls-reader alone (zb-xls-reply.c).
    ('<freexl.h>', 'FreeXL'),
]

# The folders of src/ whose headers another folder must not include, and why.
FORBIDDEN_AREAS = {
    'pdf': {'app': 'pdf renders records for any caller; it never includes the app'},
    'sync': {'app': 'the sync protocol and client serve the CLI and server too; never the app'},
    'cli': {'app': 'the CLI runs without a window; it never includes the app'},
    'server': {'app': 'the server runs without a window; it never includes the app'},
    # The .xls reader holds FreeXL and a file, nothing of the database or the network, so that
    # what a damaged file does to it stays there.
    'xls-reader': {area: 'zhibu-xls-reader is FreeXL and its reply alone; it never includes '
                         'the ' + area for area in ('app', 'pdf', 'sync', 'cli', 'server')},
}

INCLUDE = re.compile(r'^\s*#\s*include\s*([<"])([^>"]+)[>"]')


def area_of(rel):
    """('core', ROOM), ('core', None) for a file at the top of core, or (FOLDER, None)."""
    parts = rel.split('/')
    if len(parts) < 3 or parts[0] != 'src':
        return (None, None)
    if parts[1] == 'core':
        return ('core', parts[2] if len(parts) > 3 else None)
    return (parts[1], None)


def module_of(rel):
    """A file and its own -private.h are one module: the path without both endings."""
    stem = os.path.splitext(rel)[0]
    if stem.endswith('-private'):
        stem = stem[:-len('-private')]
    return stem


def read_tree(root):
    files = []
    for folder, dirs, names in os.walk(os.path.join(root, 'src')):
        dirs.sort()
        for name in sorted(names):
            if name.endswith(('.c', '.h')):
                files.append(os.path.relpath(os.path.join(folder, name), root))
    by_name = {}
    for rel in files:
        by_name.setdefault(os.path.basename(rel), []).append(rel)
    includes = {}
    for rel in files:
        found = []
        with open(os.path.join(root, rel), encoding='utf-8', errors='replace') as f:
            for number, line in enumerate(f, 1):
                m = INCLUDE.match(line)
                if m:
                    found.append((number, m.group(1), m.group(2)))
        includes[rel] = found
    return files, by_name, includes


def resolve(rel, name, by_name):
    candidates = by_name.get(os.path.basename(name), [])
    if not candidates:
        return None
    here = os.path.dirname(rel)
    for c in candidates:
        if os.path.dirname(c) == here:
            return c
    return candidates[0]


def check_layers(files, by_name, includes, say):
    for rel in files:
        area, room = area_of(rel)
        if area == 'core' and room is None:
            say(rel, 1, 'a file at the top of src/core: put it in a room')
        elif area == 'core' and room not in CORE_ROOMS:
            say(rel, 1, f'core room "{room}" is not in the room order of test-layers.py')
        for number, kind, name in includes[rel]:
            if kind == '<':
                if area == 'core':
                    for prefix, what in CORE_FORBIDDEN:
                        if ('<' + name + '>').startswith(prefix):
                            say(rel, number, f'core includes {what} (<{name}>): core has no '
                                'widgets, network or PDF reader')
                continue
            target = resolve(rel, name, by_name)
            if target is None:
                continue
            to_area, to_room = area_of(target)
            if area == 'core' and to_area not in ('core', None):
                say(rel, number, f'core includes "{name}" of src/{to_area}: core is the bottom '
                    'of src/ and includes no other folder')
            elif area == 'core' and room in CORE_ROOMS and to_room in CORE_ROOMS \
                    and room != to_room and CORE_ROOMS[to_room] >= CORE_ROOMS[room]:
                where = 'above' if CORE_ROOMS[to_room] > CORE_ROOMS[room] else 'beside'
                say(rel, number, f'core room {room} includes "{name}" of room {to_room}, '
                    f'{where} it: a room includes only rooms below it')
            why = FORBIDDEN_AREAS.get(area, {}).get(to_area)
            if why:
                say(rel, number, f'includes "{name}" of src/{to_area}: {why}')


def check_cycles(files, by_name, includes, say):
    # An edge between modules remembers the first include line that makes it.
    edges = {}
    for rel in files:
        a = module_of(rel)
        for number, kind, name in includes[rel]:
            if kind != '"':
                continue
            target = resolve(rel, name, by_name)
            if target is None:
                continue
            b = module_of(target)
            if a != b:
                edges.setdefault(a, {}).setdefault(b, (rel, number, name))

    # Tarjan's strongly connected components, without recursion.
    index, low, on_stack, stack, components = {}, {}, set(), [], []
    counter = [0]
    nodes = sorted(set(edges) | {b for targets in edges.values() for b in targets})
    for start in nodes:
        if start in index:
            continue
        work = [(start, iter(sorted(edges.get(start, {}))))]
        index[start] = low[start] = counter[0]
        counter[0] += 1
        stack.append(start)
        on_stack.add(start)
        while work:
            node, children = work[-1]
            child = next(children, None)
            if child is not None:
                if child not in index:
                    index[child] = low[child] = counter[0]
                    counter[0] += 1
                    stack.append(child)
                    on_stack.add(child)
                    work.append((child, iter(sorted(edges.get(child, {})))))
                elif child in on_stack:
                    low[node] = min(low[node], index[child])
                continue
            work.pop()
            if work:
                parent = work[-1][0]
                low[parent] = min(low[parent], low[node])
            if low[node] == index[node]:
                component = []
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    component.append(member)
                    if member == node:
                        break
                if len(component) > 1:
                    components.append(sorted(component))

    for component in components:
        members = set(component)
        cycle = find_cycle(component[0], members, edges)
        names = ' -> '.join(os.path.basename(m) for m in cycle + [cycle[0]])
        for a, b in zip(cycle, cycle[1:] + cycle[:1]):
            rel, number, name = edges[a][b]
            say(rel, number, f'include cycle {names}: "{name}" closes it; a file and its '
                '-private.h are one module, and modules include each other one way only')


def find_cycle(start, members, edges):
    """The shortest way from start back to itself inside one component (breadth first)."""
    previous = {start: None}
    queue = [start]
    while queue:
        node = queue.pop(0)
        for child in sorted(edges.get(node, {})):
            if child not in members:
                continue
            if child == start:
                path = [node]
                while previous[path[-1]] is not None:
                    path.append(previous[path[-1]])
                return list(reversed(path))
            if child not in previous:
                previous[child] = node
                queue.append(child)
    return [start]


def main():
    if len(sys.argv) != 2:
        print('usage: test-layers.py SOURCE_ROOT', file=sys.stderr)
        return 2
    root = sys.argv[1]
    files, by_name, includes = read_tree(root)
    problems = []

    def say(rel, number, message):
        problems.append(f'{rel}:{number}: {message}')

    check_layers(files, by_name, includes, say)
    check_cycles(files, by_name, includes, say)
    for line in problems:
        print(line)
    print(f'test-layers: {len(files)} files, {len(problems)} violations')
    return 1 if problems else 0


if __name__ == '__main__':
    sys.exit(main())
