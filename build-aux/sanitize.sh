#!/bin/sh
# Builds Zhibu with AddressSanitizer and UndefinedBehaviorSanitizer in a build directory of its
# own and runs tests there (issue 14). A memory error, undefined behaviour or, outside the GUI
# tests, a leak in any process of ours fails the run: the test programs, and the zhibu-cli,
# zhibu-server and app they start, which inherit the options below. PostgreSQL, Xvfb and
# python are not instrumented and take no notice of them.
#
# Usage: build-aux/sanitize.sh                  the whole default suite (over an hour on two busy cores)
#        build-aux/sanitize.sh --ci             CI's stage: the tests in ci_tests below
#        build-aux/sanitize.sh TEST...          some tests, by name (e.g. store cli)
#        build-aux/sanitize.sh [MESON-TEST-ARGS...]   anything else meson test takes
# SAN_BUILD=dir (default _build-san); SAN_FULL_STACKS=1 for a leak's whole stack (far slower).
#
# Copyright 2026 The Zhibu authors
# SPDX-License-Identifier: GPL-3.0-or-later
set -eu

src=$(cd "$(dirname "$0")/.." && pwd)
build=${SAN_BUILD:-$src/_build-san}
# Absolute: the tests run in the build directory, and ASan reads the paths below from there.
case $build in
  /*) ;;
  *) build="$PWD/$build" ;;
esac

# CI's stage (build-aux/test.sh, after the normal suite): the unit tests of core, sync and the
# server's database, without GTK, that fit its budget of 4 minutes on a quiet 2-core machine,
# build included. Their CPU time under ASan, measured on 2026-12-02 on two cores under a load
# of 12-20 (seconds): store 84, meetings 37, search 32, roster-order 16, outbox 11, checker 8,
# sync-apply 5, the rest 1 or less, sync-client 45 (its stacks unwound the slow way).
# Left to the full run: the tests that run zhibu-cli hundreds of times (sheets, dues,
# recruit-store, study, stats, cli, cli-concurrent: each several minutes under ASan),
# cli-sync (its zhibu-cli runs unwound the slow way), the integration tests (a real server,
# PostgreSQL, crashes), pdf and pdf-records (Poppler, Pango, slow stacks) and the GUI.
ci_tests="checker date csv meetings member-rules recruitment-rules outbox vote store \
roster-order search sync-protocol sync-feed sync-apply sync-client server-db"

if [ "${1:-}" = --ci ]; then
  shift
  # shellcheck disable=SC2086
  set -- $ci_tests "$@"
fi

# -fno-sanitize-recover: UBSan otherwise reports and carries on, and the test passes.
if [ ! -f "$build/build.ninja" ]; then
  meson setup "$build" "$src" -Dbuildtype=debug -Db_sanitize=address,undefined \
    -Db_lundef=false -Dc_args=-fno-sanitize-recover=undefined
fi

# The tests to run, from meson's own record of them (meson-info), in four runs: the GUI's; the
# tests whose processes reach the libraries' leaks that lsan-suppressions.txt lets pass, with
# stacks unwound the slow way, or the suppressions could not match them (their comment says
# why): every process of $full_stack_tests, only the test program itself of $own_stack_tests
# (their zhibu-cli runs reach none of those leaks, and unwound the slow way cli-sync took 23
# minutes instead of 90 s); the rest the fast way. backup's restore reads the keyring, where
# libsecret loses a reply, through a zhibu-cli. Named tests are built alone, with what they
# run and depend on: the whole tree with the app takes three times as long. With any option
# for meson test, the arguments go to one run of everything outside the GUI suite, unwound the
# fast way.
full_stack_tests="keyring backup"
own_stack_tests="sync-client cli-sync pdf pdf-records"
plan() {
  python3 - "$build" "$full_stack_tests" "$own_stack_tests" "$@" <<'PY'
import json, os, sys
build, slow, own, names = sys.argv[1], set(sys.argv[2].split()), set(sys.argv[3].split()), sys.argv[4:]
info = os.path.join(build, "meson-info")
tests = json.load(open(os.path.join(info, "intro-tests.json")))
files = {t["id"]: t["filename"] for t in json.load(open(os.path.join(info, "intro-targets.json")))}
if names:
    missing = set(names) - {t["name"] for t in tests}
    if missing:
        sys.exit("sanitize.sh: no such test: " + " ".join(sorted(missing)))
    chosen = [t for t in tests if t["name"] in names]
else:  # the default setup's tests: without bench, stress and the C locale's GUI runs
    chosen = [t for t in tests
              if not {"zhibu:bench", "zhibu:stress", "zhibu:gui-c"} & set(t["suite"])]
gui = [t["name"] for t in chosen if "zhibu:gui" in t["suite"]]
print("gui='%s'" % " ".join(gui))
print("slow='%s'" % " ".join(t["name"] for t in chosen if t["name"] in slow))
print("own='%s'" % " ".join(t["name"] for t in chosen if t["name"] in own))
print("own_programs='%s'" % " ".join(os.path.basename(t["cmd"][0])
                                      for t in chosen if t["name"] in own))
print("fast='%s'" % " ".join(t["name"] for t in chosen
                             if t["name"] not in slow | own and t["name"] not in gui))
print("targets='%s'" % " ".join(sorted({os.path.relpath(f, build) for t in chosen
                                        for i in t["depends"] for f in files[i]})))
PY
}
# Each run keeps its own log (meson-logs/sanitize-NAME.json), which build-aux/test.sh counts:
# none is left from an earlier run, should this one stop before its tests.
rm -f "$build"/meson-logs/sanitize-*
start=$(date +%s)
case " $* " in
  *" -"*) meson_options=1
          ninja -C "$build" ;;
  "  ")   chosen=$(plan)
          eval "$chosen"
          ninja -C "$build" ;;
  *)      chosen=$(plan "$@")
          eval "$chosen"
          # The catalogs and the settings schema too, which the tests read
          # but do not depend on.
          # shellcheck disable=SC2086,SC2154
          ninja -C "$build" $targets zhibu-gmo data/gschemas.compiled ;;
esac
built=$(date +%s)

# Every report is written to a file of its own as well as failing its process: a test that
# expects zhibu-cli to fail would otherwise take an ASan abort for the failure it wanted.
reports="$build/sanitizer-reports"
rm -rf "$reports"
mkdir -p "$reports"
ulimit -c 0
common="halt_on_error=1:abort_on_error=1:print_summary=1:log_path=$reports/report"
asan="$common:detect_leaks=1"
# The libraries' known faults that the fuzzers let pass: the same file and reasons.
asan="$asan:suppressions=$src/tests/fuzz/asan-suppressions.txt"
export UBSAN_OPTIONS="$common:print_stacktrace=1"
export LSAN_OPTIONS="suppressions=$src/build-aux/lsan-suppressions.txt:print_suppressions=0"
# GLib 2.74 loses the GIOModule of each module it loads for an extension point and then
# leaves unused (glib-networking's proxy resolvers, which libsoup's session asks for; dconf's
# GSettings backend, where the tests choose the memory one): lsan-suppressions.txt names it,
# but unwound the fast way its stack stops in g_malloc and matches nothing. The processes
# here get GIO's TLS backend alone, all they use: they connect to loopback, without a proxy.
modules="$build/sanitizer-gio-modules"
rm -rf "$modules"
mkdir -p "$modules"
for module in "$(pkg-config --variable=giomoduledir gio-2.0)"/*tls*.so; do
  [ ! -e "$module" ] || ln -s "$module" "$modules/"
done
export GIO_MODULE_DIR="$modules"
# Without it GSlice hides from LeakSanitizer what is allocated through it (JsonObject, GList...).
export G_SLICE=always-malloc

# zhibu-cli and zhibu-server are some three times slower under ASan, and the timeouts five
# times longer: store, 84 s of CPU under ASan against its 120 s, took 360 s and more on two
# cores under a load of 15. Twenty times where stacks are unwound the slow way, which is ten
# times slower or more.
# SAN_FULL_STACKS=1 unwinds every test's stacks the slow way: Debian builds GLib without
# frame pointers, and the fast unwinder stops most stacks of a leak in g_malloc, where neither
# a reader nor a suppression can tell whose it is.
# Options for some programs alone: ASan reads the file named after each process's program.
per_program="$build/sanitizer-options"
rm -rf "$per_program"
mkdir -p "$per_program"
# The run of $own_stack_tests unwinds the stacks of their test programs the slow way.
# shellcheck disable=SC2154
for program in ${own_programs:-}; do
  echo fast_unwind_on_malloc=0 > "$per_program/$program"
done
# zhibu-cli after a refused TLS handshake (sync's tls tests): LeakSanitizer's tracer (GCC 12)
# crashed on the dynamic TLS it had recorded through __tls_get_addr for GnuTLS, which GIO's TLS
# module loads. Not recording it can only add reports (that TLS is no longer searched for
# pointers), never hide one.
echo intercept_tls_get_addr=0 > "$per_program/zhibu-cli"
asan="$asan:include_if_exists=$per_program/%b"
slow_asan="$asan:fast_unwind_on_malloc=0"
own_asan=$asan
if [ -n "${SAN_FULL_STACKS:-}" ]; then
  asan=$slow_asan
  own_asan=$slow_asan
fi
san_test() {
  options=$1 multiplier=$2 log=$3
  shift 3
  ASAN_OPTIONS="$options" meson test -C "$build" --no-rebuild --num-processes 2 \
    --print-errorlogs --timeout-multiplier "$multiplier" --logbase "sanitize-$log" "$@"
}

status=0
if [ -n "${meson_options:-}" ]; then
  san_test "$asan" 5 all --no-suite gui "$@" || status=$?
else
  # shellcheck disable=SC2086
  [ -z "$fast" ] || san_test "$asan" 5 fast $fast || status=$?
  # shellcheck disable=SC2086
  [ -z "$slow" ] || san_test "$slow_asan" 20 slow-unwind $slow || status=$?
  # shellcheck disable=SC2086
  [ -z "$own" ] || san_test "$own_asan" 20 own-stacks $own || status=$?
  # GTK, fontconfig, Pango and Mesa keep caches for the life of the process that LeakSanitizer
  # counts as leaks by the thousand: the GUI tests are checked for memory errors and UB only.
  # shellcheck disable=SC2086
  [ -z "$gui" ] || san_test "$asan:detect_leaks=0" 5 gui $gui || status=$?
fi
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
