#!/bin/sh
# Fails unless every message of the catalogue is translated and none is fuzzy.
set -eu
stats=$(msgfmt --check --statistics -o /dev/null "$1" 2>&1)
echo "$stats"
case "$stats" in
  *untranslated*|*fuzzy*) exit 1 ;;
esac
