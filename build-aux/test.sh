#!/bin/sh
# One command for a fresh Debian 12 machine (as root): install what is
# missing, build, and run the whole test suite headless. .ci/run calls it.
set -eu
cd "$(dirname "$0")/.."

sh build-aux/deps.sh
[ -d _build ] || meson setup _build
meson compile -C _build

status=0
meson test -C _build --print-errorlogs --num-processes 2 || status=$?

# The plain closing line, from meson's own log.
python3 - _build/meson-logs/testlog.json <<'PY' || true
import json, sys
results = [json.loads(line)["result"] for line in open(sys.argv[1])]
ok = sum(r in ("OK", "EXPECTEDFAIL") for r in results)
skipped = sum(r == "SKIP" for r in results)
print(f"{ok} passed, {len(results) - ok - skipped} failed, {skipped} skipped")
PY
exit $status
