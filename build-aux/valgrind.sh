#!/bin/sh
# Runs the unit tests of core and sync, those without GTK, under Valgrind's memcheck (issue 14):
# an invalid read or write, a jump on uninitialised memory or a definite leak in the test
# program fails its test. The zhibu-cli some of them start runs outside Valgrind (the
# sanitizers' run, build-aux/sanitize.sh, covers it).
#
# Usage: build-aux/valgrind.sh [TEST...]     VALGRIND_BUILD=dir (default _build)
#
# Copyright 2026 The Zhibu authors
# SPDX-License-Identifier: GPL-3.0-or-later
set -eu

src=$(cd "$(dirname "$0")/.." && pwd)
build=${VALGRIND_BUILD:-$src/_build}
# src/core and src/sync, each through its own tests; pdf (Poppler, cairo), the server's and
# the GUI tests are left to the sanitizers.
tests=${*:-checker date csv meetings member-rules recruitment-rules outbox vote store search \
  sheets dues recruit-store study stats sync-protocol sync-feed sync-apply sync-client}

command -v valgrind >/dev/null || { echo "valgrind.sh: valgrind not found" >&2; exit 1; }
[ -f "$build/build.ninja" ] || meson setup "$build" "$src"

# Without it GSlice keeps freed blocks in magazines and Valgrind sees neither their leaks nor
# their reuse. gc-friendly (the tests' own G_DEBUG has it too) clears what GLib frees.
export G_SLICE=always-malloc G_DEBUG=gc-friendly
start=$(date +%s)
# meson test builds only what the chosen tests need. Valgrind is 20 to 50 times slower (store
# took over 20 minutes on two busy cores): the timeouts are thirty times longer. The
# stats of 2000 generated members are timed against a second (and take 5 minutes here):
# skipped, as -s paths other tests do not have are ignored by them.
# shellcheck disable=SC2086
meson test -C "$build" --num-processes 2 --print-errorlogs --timeout-multiplier 30 \
  --test-args "-s /stats/generated/agrees-and-fast -s /stats/generated/year-without-meetings" \
  --wrapper "valgrind --quiet --leak-check=full --show-leak-kinds=definite --errors-for-leak-kinds=definite \
--error-exitcode=1 --num-callers=30 \
--suppressions=$src/build-aux/valgrind.supp" $tests || status=$?
echo "valgrind.sh: $(($(date +%s) - start)) s"
exit ${status:-0}
