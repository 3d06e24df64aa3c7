#!/bin/sh
# Runs a test against a real gnome-keyring-daemon: a throwaway HOME, a private
# D-Bus session, and a login keyring unlocked with a throwaway password
# (DESIGN.md, the headless test recipe).
set -eu
# The Flatpak SDK has no gnome-keyring-daemon: skip there (exit 77); anywhere
# else a missing keyring is a failure, since CI installs it (build-aux/deps.sh).
if ! command -v gnome-keyring-daemon >/dev/null 2>&1; then
  if [ -n "${FLATPAK_ID:-}" ] || [ -e /.flatpak-info ]; then
    echo "SKIP: the Flatpak SDK has no gnome-keyring-daemon; run this test outside it"
    exit 77
  fi
  echo "run-with-keyring.sh: gnome-keyring-daemon not found (run build-aux/deps.sh)" >&2
  exit 1
fi
home=$(mktemp -d)
trap 'rm -rf "$home"' EXIT
export HOME="$home" XDG_RUNTIME_DIR="$home" XDG_DATA_HOME="$home/.local/share"
exec dbus-run-session -- sh -c '
  eval "$(printf %s throwaway | gnome-keyring-daemon --unlock --components=secrets)"
  export GNOME_KEYRING_CONTROL
  exec "$@"' sh "$@"
