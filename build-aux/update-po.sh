#!/bin/sh
# After adding or changing translatable strings (and listing any new source
# file in po/POTFILES.in): merge them into every catalogue, then translate
# what msgfmt reports as untranslated. Needs only gettext, not a meson build.
# The template is extracted by make-pot.sh, exactly as the po-* tests
# (check-po.sh) and meson's glib preset do.
# usage: build-aux/update-po.sh [POT]   (POT defaults to a file under /tmp)
set -eu
root=$(cd "$(dirname "$0")/.." && pwd)
if [ $# -ge 1 ]; then
  pot=$1
else
  pot=$(mktemp /tmp/zhibu.XXXXXX.pot)
  trap 'rm -f "$pot"' EXIT
fi

sh "$root/build-aux/make-pot.sh" "$pot"

for lang in $(grep -v '^#' "$root/po/LINGUAS"); do
  po="$root/po/$lang.po"
  msgmerge --quiet --update --backup=none --no-fuzzy-matching "$po" "$pot"
  printf '%s: ' "po/$lang.po"
  msgfmt --check --statistics -o /dev/null "$po" 2>&1
done
