#!/bin/sh
# Builds Zhibu with AddressSanitizer and UndefinedBehaviorSanitizer in a build directory of its
# own and runs the default test suite there (issue 14). A memory error, undefined behaviour or,
# outside the GUI tests, a leak in any process of ours fails the run: the test programs, and the
# zhibu-cli, zhibu-server and app they start, which inherit the options below. PostgreSQL,
# Xvfb and python are not instrumented and take no notice of them.
#
# Usage: build-aux/sanitize.sh [MESON-TEST-ARGS...]    SAN_BUILD=dir (default _build-san)
# e.g.   build-aux/sanitize.sh store cli               (some tests only)
#
# Copyright 2026 The Zhibu authors
# SPDX-License-Identifier: GPL-3.0-or-later
set -eu

src=$(cd "$(dirname "$0")/.." && pwd)
build=${SAN_BUILD:-$src/_build-san}

# -fno-sanitize-recover: UBSan otherwise reports and carries on, and the test passes.
if [ ! -f "$build/build.ninja" ]; then
  meson setup "$build" "$src" -Dbuildtype=debug -Db_sanitize=address,undefined \
    -Db_lundef=false -Dc_args=-fno-sanitize-recover=undefined
fi
start=$(date +%s)
ninja -C "$build"
built=$(date +%s)

# Every report is written to a file of its own as well as failing its process: a test that
# expects zhibu-cli to fail would otherwise take an ASan abort for the failure it wanted.
reports="$build/sanitizer-reports"
rm -rf "$reports"
mkdir -p "$reports"
ulimit -c 0
common="halt_on_error=1:abort_on_error=1:print_summary=1:log_path=$reports/report"
asan="$common:detect_leaks=1"
# FreeXL's over-read of a damaged .xls, found by the fuzzers: the same file and reasons.
asan="$asan:suppressions=$src/tests/fuzz/asan-suppressions.txt"
export UBSAN_OPTIONS="$common:print_stacktrace=1"
export LSAN_OPTIONS="suppressions=$src/build-aux/lsan-suppressions.txt:print_suppressions=0"
# Without it GSlice hides from LeakSanitizer what is allocated through it (JsonObject, GList...).
export G_SLICE=always-malloc

# Debian builds GLib without frame pointers: the fast unwinder stops most stacks of a leak in
# g_malloc, where neither a reader nor a suppression can tell whose it is. SAN_FULL_STACKS=1
# unwinds the slow way, ten times slower or more: for the test that found the leak. zhibu-cli
# and zhibu-server are some three times slower under ASan: the timeouts are tripled.
multiplier=3
if [ -n "${SAN_FULL_STACKS:-}" ]; then
  asan="$asan:fast_unwind_on_malloc=0"
  multiplier=20
fi

status=0
ASAN_OPTIONS="$asan" meson test -C "$build" --no-rebuild --num-processes 2 --print-errorlogs \
  --timeout-multiplier $multiplier --no-suite gui "$@" || status=$?
# GTK, fontconfig, Pango and Mesa keep caches for the life of the process that LeakSanitizer
# counts as leaks by the thousand: the GUI tests are checked for memory errors and UB only.
ASAN_OPTIONS="$asan:detect_leaks=0" meson test -C "$build" --no-rebuild --num-processes 2 \
  --print-errorlogs --timeout-multiplier $multiplier --suite gui "$@" || status=$?
done=$(date +%s)

if [ -n "$(ls "$reports")" ]; then
  for report in "$reports"/*; do
    echo "== $report"
    cat "$report"
  done
  echo "The sanitizers found the problems above (in $reports)."
  status=1
fi
echo "sanitize.sh: build $((built - start)) s, tests $((done - built)) s"
exit $status
