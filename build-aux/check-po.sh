#!/bin/sh
# Fails unless every catalogue translates every message the sources have now,
# with none fuzzy, untranslated or missing: the template is extracted as
# meson's glib preset does (make-pot.sh). The po-complete test runs it.
# usage: check-po.sh SOURCE_ROOT LANG.po...
set -eu
root=$1
shift
pot=$(mktemp --suffix=.pot)
trap 'rm -f "$pot"' EXIT

sh "$root/build-aux/make-pot.sh" "$pot"

status=0
for po in "$@"; do
  # Messages of the sources missing from the catalogue.
  msgcmp "$po" "$pot" || status=1
  stats=$(LC_ALL=C msgfmt --check --statistics -o /dev/null "$po" 2>&1) || status=1
  echo "$(basename "$po"): $stats"
  case "$stats" in
    *untranslated*|*fuzzy*) status=1 ;;
  esac
done
exit $status
