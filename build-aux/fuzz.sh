#!/bin/sh
# Builds the libFuzzer targets of tests/fuzz (clang, ASan, UBSan) in a build directory of
# their own and runs each for SECONDS, 10 unless given: a crash, a leak, undefined
# behaviour, a GLib critical or warning, or an input slower than 10 s fails the run, and
# the input that did it is kept in BUILD/fuzz-crashes. New inputs that reach new code are
# kept in BUILD/fuzz-corpus/TARGET (the seeds of tests/fuzz/corpus are read, never written).
#
# Usage: build-aux/fuzz.sh [SECONDS [TARGET...]]     FUZZ_BUILD=dir (default _fuzz)
# Targets: csv xlsx xls template sync server-push server-changes
#
# Copyright 2026 The Zhibu authors
# SPDX-License-Identifier: GPL-3.0-or-later
set -eu

src=$(cd "$(dirname "$0")/.." && pwd)
build=${FUZZ_BUILD:-$src/_fuzz}
seconds=${1:-10}
[ $# -gt 0 ] && shift
targets=${*:-csv xlsx xls template sync server-push server-changes}

if [ ! -f "$build/build.ninja" ]; then
  CC=clang meson setup "$build" "$src" -Dfuzzing=true
fi
ninja -C "$build" fuzz

export ASAN_OPTIONS="${ASAN_OPTIONS:-detect_leaks=1:allocator_may_return_null=1}"
export UBSAN_OPTIONS="${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}"
# GLib's own allocator caches would read as leaks at exit.
export G_SLICE=always-malloc

failed=""
mkdir -p "$build/fuzz-crashes" "$build/fuzz-logs"
for target in $targets; do
  work="$build/fuzz-corpus/$target"
  log="$build/fuzz-logs/$target.log"
  mkdir -p "$work"
  if "$build/tests/fuzz/fuzz-$target" -max_total_time="$seconds" -timeout=10 \
       -rss_limit_mb=2048 -artifact_prefix="$build/fuzz-crashes/$target-" \
       "$work" "$src/tests/fuzz/corpus/$target" >"$log" 2>&1; then
    echo "fuzz-$target: $(grep -o '^Done [0-9]* runs in [0-9]* second(s)' "$log" || echo done)"
  else
    echo "fuzz-$target: FAILED, see $log; the input is in $build/fuzz-crashes"
    grep -E 'ERROR|runtime error|SUMMARY|CRITICAL|WARNING|Bail out' "$log" | head -n 5
    failed="$failed $target"
  fi
done

if [ -n "$failed" ]; then
  echo "Fuzzing found a problem in:$failed"
  exit 1
fi
