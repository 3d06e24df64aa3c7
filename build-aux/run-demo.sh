#!/bin/sh
# One command for a fresh Debian 12 machine (as root): install what is
# missing, build, and open Zhibu on a demo branch of invented people.
set -eu
cd "$(dirname "$0")/.."

sh build-aux/deps.sh
[ -d _build ] || meson setup _build
meson compile -C _build

demo=_build/demo
if [ ! -f "$demo/demo.zhibu" ]; then
  mkdir -p "$demo"
  # A demo passphrase in a file, so the demo opens without a keyring.
  printf 'demo\n' > "$demo/passphrase"
  chmod 600 "$demo/passphrase"
  _build/src/cli/zhibu-cli --db "$demo/demo.zhibu" --passphrase-file "$demo/passphrase" \
    init --branch "示范党支部" --demo-members 200 > /dev/null
fi

if [ -z "${DISPLAY:-}${WAYLAND_DISPLAY:-}" ]; then
  echo "No display: run this from a desktop session to see the window." >&2
  exit 1
fi

export GSETTINGS_SCHEMA_DIR="$PWD/_build/data"
export ZHIBU_LOCALEDIR="$PWD/_build/po"
exec _build/src/app/zhibu --db "$demo/demo.zhibu" --passphrase-file "$demo/passphrase"
