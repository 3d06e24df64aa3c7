#!/bin/sh
# One command for a fresh Debian 12 machine (as root): install what is
# missing, build, and run the whole test suite headless, then CI's stage of
# the sanitizers (build-aux/sanitize.sh --ci) and each fuzzer for 10 s
# (build-aux/fuzz.sh 10). .ci/run calls it.
set -eu
cd "$(dirname "$0")/.."

sh build-aux/deps.sh build
# The browser test's chromium downloads and unpacks while the build compiles.
deps_log="${TMPDIR:-/tmp}/zhibu-deps-browser.log"
sh build-aux/deps.sh browser > "$deps_log" 2>&1 &
browser_deps=$!
[ -d _build ] || meson setup _build
meson compile -C _build
if ! wait $browser_deps; then
  cat "$deps_log"
  exit 1
fi

# The plain closing line of a stage, from meson's own logs of its runs.
summary() {
  python3 - "$@" <<'PY' || true
import json, os, sys
logs = [path for path in sys.argv[2:] if os.path.exists(path)]
results = [json.loads(line)["result"] for path in logs for line in open(path)]
ok = sum(r in ("OK", "EXPECTEDFAIL") for r in results)
skipped = sum(r == "SKIP" for r in results)
print(f"{sys.argv[1]}: {ok} passed, {len(results) - ok - skipped} failed, {skipped} skipped")
PY
}

status=0
meson test -C _build --print-errorlogs --num-processes 2 || status=$?
suite=$(summary "test suite" _build/meson-logs/testlog.json)

# After the suite, whatever its outcome: a sanitizer's finding fails CI as a failed test does.
san_status=0
SAN_BUILD=_build-san sh build-aux/sanitize.sh --ci || san_status=$?
san=$(summary "sanitizers (sanitize.sh --ci)" _build-san/meson-logs/sanitize-*.json)
# A finding in a zhibu-cli that a test expected to fail leaves that test passing: the stage's
# exit status, not its count of tests, says whether it failed.
[ $san_status -eq 0 ] || san="$san; stage FAILED (status $san_status)"

# Then each fuzzer for 10 s (issue 14; README, Fuzzing): a crash, a leak, undefined behaviour
# or a slow input in any of them fails CI. fuzz.sh installs clang as root, builds _fuzz and
# tries the seed corpora first, the inputs of every bug found before among them.
fuzz_status=0
sh build-aux/fuzz.sh 10 || fuzz_status=$?
fuzz="fuzzers (fuzz.sh 10, all eight targets): each 10 s, passed"
[ $fuzz_status -eq 0 ] || fuzz="fuzzers (fuzz.sh 10, all eight targets): FAILED (status $fuzz_status)"

echo "$suite"
echo "$san"
echo "$fuzz"
[ $status -eq 0 ] && [ $san_status -eq 0 ] && [ $fuzz_status -eq 0 ]
