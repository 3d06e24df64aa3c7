#!/bin/sh
# Runs a test against a real gnome-keyring-daemon: a throwaway HOME, a private
# D-Bus session, and a login keyring unlocked with a throwaway password
# (DESIGN.md, the headless test recipe).
set -eu
home=$(mktemp -d)
trap 'rm -rf "$home"' EXIT
export HOME="$home" XDG_RUNTIME_DIR="$home" XDG_DATA_HOME="$home/.local/share"
exec dbus-run-session -- sh -c '
  eval "$(printf %s throwaway | gnome-keyring-daemon --unlock --components=secrets)"
  export GNOME_KEYRING_CONTROL
  exec "$@"' sh "$@"
