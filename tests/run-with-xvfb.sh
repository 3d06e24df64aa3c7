#!/bin/sh
# Runs a GUI test under an X server of its own, as `xvfb-run -a -s ARGS
# COMMAND...` would, and takes the same arguments. xvfb-run -a picks a free
# display number before it starts Xvfb, so two starting at once can pick the
# same one and one fails; here Xvfb picks the number itself as it takes the
# display's lock (-displayfd), so the GUI tests can run side by side on CI's
# two cores instead of one after another.
# The server listens only on its Unix socket in /tmp/.X11-unix and goes
# with the test.
set -eu

server_args=""
while [ $# -gt 0 ]; do
  case "$1" in
    -a) shift ;;
    -s) server_args=$2; shift 2 ;;
    *) break ;;
  esac
done

# Where Xvfb is missing: skip inside the Flatpak SDK, fail anywhere else.
if ! command -v Xvfb >/dev/null 2>&1; then
  exec sh "$(dirname "$0")/no-xvfb-run.sh" "$@"
fi

dir=$(mktemp -d)
xvfb=""
cleanup () {
  if [ -n "$xvfb" ]; then
    kill "$xvfb" 2>/dev/null || true
    wait "$xvfb" 2>/dev/null || true
  fi
  rm -rf "$dir"
}
trap cleanup EXIT
trap 'exit 143' TERM INT HUP

# Xvfb writes the display's number to the pipe once it takes connections;
# should it die first, the pipe closes and the read gets nothing.
mkfifo "$dir/display"
# -noreset: when its last client goes, Xvfb would reset and, for a moment,
# refuse the next ("Can't open display"): crash-app kills the app and then
# runs xdotool.
# shellcheck disable=SC2086
Xvfb -displayfd 3 -nolisten tcp -noreset $server_args 3>"$dir/display" 2>"$dir/log" &
xvfb=$!
number=""
read -r number <"$dir/display" || true
if [ -z "$number" ]; then
  cat "$dir/log" >&2
  echo "run-with-xvfb.sh: Xvfb did not start" >&2
  exit 1
fi

DISPLAY=":$number"
export DISPLAY
unset XAUTHORITY
status=0
"$@" || status=$?
exit "$status"
