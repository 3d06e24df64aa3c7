#!/bin/sh
# Fails unless the catalogue translates every message the sources have now,
# with none fuzzy or untranslated: the same extraction as meson's glib preset.
# usage: check-po.sh SOURCE_ROOT LANG.po
set -eu
root=$1
po=$2
pot=$(mktemp --suffix=.pot)
trap 'rm -f "$pot"' EXIT

sh "$root/build-aux/make-pot.sh" "$pot"

msgcmp "$po" "$pot"
stats=$(msgfmt --check --statistics -o /dev/null "$po" 2>&1)
echo "$stats"
case "$stats" in
  *untranslated*|*fuzzy*) exit 1 ;;
esac
