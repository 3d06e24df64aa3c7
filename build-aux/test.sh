#!/bin/sh
# One command for a fresh Debian 12 machine (as root): install what is
# missing, build, and run the whole test suite headless, then CI's stage of
# the sanitizers (build-aux/sanitize.sh --ci). .ci/run calls it.
set -eu
cd "$(dirname "$0")/.."

sh build-aux/deps.sh
[ -d _build ] || meson setup _build
meson compile -C _build

# The plain closing line of a stage, from meson's own log of it.
summary() {
  python3 - "$1/meson-logs/testlog.json" "$2" <<'PY' || true
import json, sys
try:
    results = [json.loads(line)["result"] for line in open(sys.argv[1])]
except FileNotFoundError:
    print(f"{sys.argv[2]}: no test ran")
    sys.exit()
ok = sum(r in ("OK", "EXPECTEDFAIL") for r in results)
skipped = sum(r == "SKIP" for r in results)
print(f"{sys.argv[2]}: {ok} passed, {len(results) - ok - skipped} failed, {skipped} skipped")
PY
}

status=0
meson test -C _build --print-errorlogs --num-processes 2 || status=$?
suite=$(summary _build "test suite")

# After the suite, whatever its outcome: a sanitizer's finding fails CI as a failed test does.
san_status=0
rm -f _build-san/meson-logs/testlog.json
SAN_BUILD=_build-san sh build-aux/sanitize.sh --ci || san_status=$?
san=$(summary _build-san "sanitizers (sanitize.sh --ci)")
# A finding in a zhibu-cli that a test expected to fail leaves that test passing: the stage's
# exit status, not its count of tests, says whether it failed.
[ $san_status -eq 0 ] || san="$san; stage FAILED (status $san_status)"

echo "$suite"
echo "$san"
[ $status -eq 0 ] && [ $san_status -eq 0 ]
