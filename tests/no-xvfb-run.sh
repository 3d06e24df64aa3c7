#!/bin/sh
# Stands in for xvfb-run where it is missing (find_program's fallback in
# tests/meson.build). Inside the Flatpak SDK, which has no X server to run
# the app under, the GUI tests skip with this message; anywhere else a
# missing xvfb-run is a failure, because CI installs it (build-aux/deps.sh)
# and a test that silently did not run proves nothing.
if [ -n "${FLATPAK_ID:-}" ] || [ -e /.flatpak-info ]; then
  echo "SKIP: the Flatpak SDK has no xvfb-run; run the GUI tests outside it (README, Testing)"
  exit 77
fi
echo "no-xvfb-run.sh: xvfb-run not found; the GUI tests need it (run build-aux/deps.sh)" >&2
exit 1
