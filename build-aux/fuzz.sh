#!/bin/sh
# Builds the libFuzzer targets of tests/fuzz (clang, ASan, UBSan) in a build directory of
# their own and runs each for SECONDS, 10 unless given: a crash, a leak, undefined
# behaviour, a GLib critical or warning, or an input slower than 10 s fails the run, and
# the input that did it is kept in BUILD/fuzz-crashes. New inputs that reach new code are
# kept in BUILD/fuzz-corpus/TARGET (the seeds of tests/fuzz/corpus are read, never written).
#
# Usage: build-aux/fuzz.sh [SECONDS [TARGET...]]     FUZZ_BUILD=dir (default _fuzz)
# Targets: csv xlsx xls xls-reply template sync server-push server-changes
#
# Copyright 2026 The Zhibu authors
# SPDX-License-Identifier: GPL-3.0-or-later
set -eu

src=$(cd "$(dirname "$0")/.." && pwd)
build=${FUZZ_BUILD:-$src/_fuzz}
seconds=${1:-10}
[ $# -gt 0 ] && shift
targets=${*:-csv xlsx xls xls-reply template sync server-push server-changes}

# clang is the fuzzers' alone: build-aux/deps.sh leaves it out of CI's machines.
if [ -z "${CC:-}" ] && ! command -v clang-14 >/dev/null 2>&1; then
  if [ "$(id -u)" -ne 0 ]; then
    echo "fuzz.sh: clang-14 not found; as root: apt-get install clang-14 libclang-rt-14-dev" >&2
    exit 1
  fi
  apt-get update -q
  DEBIAN_FRONTEND=noninteractive apt-get install -y -q clang-14 libclang-rt-14-dev
fi
if [ ! -f "$build/build.ninja" ]; then
  CC=${CC:-clang-14} meson setup "$build" "$src" -Dfuzzing=true
fi
ninja -C "$build" fuzz

# tests/fuzz/*-suppressions.txt say which bugs of libraries are known, and why they are left.
export ASAN_OPTIONS="${ASAN_OPTIONS:-detect_leaks=1:allocator_may_return_null=1}:suppressions=$src/tests/fuzz/asan-suppressions.txt"
export LSAN_OPTIONS="${LSAN_OPTIONS:-}:suppressions=$src/tests/fuzz/lsan-suppressions.txt"
export UBSAN_OPTIONS="${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}"
# Without it GSlice hides from LeakSanitizer what is allocated through it (JsonObject, GList...).
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
    # The stacks of a leak stop in GLib unless unwound the slow way: run the input again so.
    for input in "$build/fuzz-crashes/$target-"*; do
      [ -f "$input" ] || continue
      echo "== $input, again with full stacks" >>"$log"
      ASAN_OPTIONS="$ASAN_OPTIONS:fast_unwind_on_malloc=0" \
        "$build/tests/fuzz/fuzz-$target" "$input" >>"$log" 2>&1 || true
    done
    failed="$failed $target"
  fi
done

if [ -n "$failed" ]; then
  echo "Fuzzing found a problem in:$failed"
  exit 1
fi
