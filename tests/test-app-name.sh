#!/bin/sh
# The application's name as the desktop sees it (issue 13): run the real
# zhibu under the X server xvfb-run gives it, in LANG (zh_CN.UTF-8 or C),
# and read every window's name with xwininfo: the toplevel and GDK's
# unmapped client-leader window, which window lists and session managers
# read, both carry EXPECTED ("支部工作台" under zh_CN, "Zhibu" in C).
#
# usage: test-app-name.sh ZHIBU LANG EXPECTED
set -eu
zhibu=$1 lang=$2 expected=$3
home=$(mktemp -d)
trap 'kill "$pid" 2>/dev/null || true; rm -rf "$home"' EXIT
HOME=$home XDG_CONFIG_HOME=$home/.config XDG_DATA_HOME=$home/.local/share \
  LANG=$lang LC_ALL=$lang LANGUAGE= "$zhibu" &
pid=$!

tries=0
while :; do
  names=$(xwininfo -root -tree | grep -v "has no name" || true)
  windows=$(printf '%s\n' "$names" | grep -c "\"$expected\": (" || true)
  [ "$windows" -ge 2 ] && break
  tries=$((tries + 1))
  if [ $tries -ge 60 ]; then
    echo "not ok: after 30 s, fewer than two windows named \"$expected\" under LANG=$lang:" >&2
    printf '%s\n' "$names" >&2
    exit 1
  fi
  sleep 0.5
done
# The leader is GDK's 1x1 window: it must be named too, not only the toplevel.
printf '%s\n' "$names" | grep "\"$expected\": (" | grep -q " 1x1+" || {
  echo "not ok: the client leader window is not named \"$expected\"" >&2
  printf '%s\n' "$names" >&2
  exit 1
}
echo "ok: the toplevel and its leader window are named \"$expected\" under LANG=$lang"
